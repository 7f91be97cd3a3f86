//! Editing entries in the browser, inside `metodist serve`: every page of an
//! entry gets a «Редактировать» link (added by the preview only, never part of
//! the built site) to a form generated from its type's schema ([`form`]);
//! saving writes the source file back with the smallest change ([`save`]),
//! after the whole site has built with the new text. The watcher then
//! rebuilds and the page reloads as after any other save.
//!
//! The editor writes files, so it is a boundary of its own, on top of the
//! preview's checks of `Host` ([`super::guard`]):
//! - it exists only while the preview listens on loopback (a preview opened
//!   to the local network stays read-only);
//! - every write carries the session's token (random at start, written into
//!   the forms) and an `Origin` of the preview itself — a request without one
//!   is refused, unlike the preview's reads: a page on another site cannot
//!   know the token, and a script cannot forge the `Origin`;
//! - the file written is one the current build read, under `content/`, or a
//!   new entry's file in its type's folder; no path comes from the request.

pub mod form;
pub mod save;
pub mod upload;

use super::conn::{Request, Response};
use super::state::{Current, State};
use crate::markup::escape;
use crate::pipeline::{BuildOptions, EntrySource};
use crate::types::TYPES;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Where the editor answers.
pub const PREFIX: &str = "/__metodist/edit/";

const SCRIPT: &str = include_str!("editor.js");

/// The stack of an editor request (as the main thread's).
const STACK: usize = 8 * 1024 * 1024;

/// How long a save waits for the rebuild before it sends the browser back.
const REBUILD_WAIT: Duration = Duration::from_secs(15);

pub struct Editor {
    build: BuildOptions,
    token: String,
}

impl Editor {
    /// The editor for the preview built with `build` (its root canonical).
    pub fn new(build: BuildOptions) -> Editor {
        Editor {
            build,
            token: token(),
        }
    }

    fn root(&self) -> &Path {
        &self.build.root
    }

    /// The links the preview adds to the page at `key` of the output.
    pub fn toolbar(&self, current: &Current, key: &str) -> String {
        let page = key.strip_suffix("index.html").unwrap_or(key);
        let mut links = String::new();
        if current
            .sources
            .get(page)
            .is_some_and(|s| form::editable_kind(s.kind))
        {
            links.push_str(&format!(
                "<a href=\"{PREFIX}?page={}\" style=\"{LINK}\">Редактировать</a> ",
                query_escape(page)
            ));
        }
        links.push_str(&format!(
            "<a href=\"{PREFIX}new\" style=\"{LINK}\">Создать запись</a>"
        ));
        format!(
            "<nav id=\"metodist-editor\" aria-label=\"Редактирование (только в предпросмотре)\" \
             style=\"position:fixed;right:1rem;bottom:1rem;z-index:2147483646;display:flex;gap:.5rem\">{links}</nav>"
        )
    }

    /// Answers a request under [`PREFIX`], on a thread with a full stack:
    /// reading a schema, checking a save by a whole build go deeper than
    /// the connection threads' small stacks allow.
    pub fn handle(&self, request: &Request, state: &State) -> Response {
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("metodist-editor".into())
                .stack_size(STACK)
                .spawn_scoped(scope, || self.route(request, state))
                .map_err(|e| e.to_string())
                .and_then(|t| t.join().map_err(|_| "сбой редактора".to_string()))
                .unwrap_or_else(|e| Response::text(500, &format!("Ошибка редактора: {e}.")))
        })
    }

    fn route(&self, request: &Request, state: &State) -> Response {
        let (path, query) = request
            .url
            .split_once('?')
            .unwrap_or((request.url.as_str(), ""));
        let query = parse_form(query.as_bytes());
        let get = |name: &str| {
            query
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        let rest = &path[PREFIX.len().min(path.len())..];
        match (request.method.as_str(), rest) {
            ("GET" | "HEAD", "editor.js") => Response::new(200, SCRIPT.as_bytes().to_vec())
                .with_header("Content-Type", "text/javascript; charset=utf-8")
                .with_header("Cache-Control", "no-store"),
            ("GET" | "HEAD", "") => match get("page") {
                Some(page) => self.edit_form(state, page, self.notice(state, page, &get)),
                None => Response::text(404, "Не указана страница для редактирования."),
            },
            ("GET" | "HEAD", "new") => match get("type")
                .and_then(crate::types::kind_by_name)
                .filter(|k| form::editable_kind(*k))
            {
                Some(kind) => self.new_form(&state.current(), kind),
                None => self.type_list(),
            },
            ("GET" | "HEAD", "delete") => match get("page") {
                Some(page) => self.delete_form(state, page),
                None => Response::text(404, "Не указана страница для удаления."),
            },
            ("POST", "save" | "upload" | "delete" | "detach" | "preview") => {
                if !state.guard.origin_ok(request.header("Origin"))
                    || request.header("Origin").is_none()
                {
                    return Response::text(
                        403,
                        "Сохранение отклонено: запрос пришёл не со страницы предпросмотра.",
                    );
                }
                let parts = match rest {
                    "upload" => upload::parts(
                        request.header("Content-Type").unwrap_or_default(),
                        &request.body,
                    ),
                    _ => Vec::new(),
                };
                let form: Vec<(String, String)> = match rest {
                    "upload" => parts
                        .iter()
                        .filter(|p| p.filename.is_none())
                        .map(|p| {
                            (
                                p.name.clone(),
                                String::from_utf8_lossy(&p.data).into_owned(),
                            )
                        })
                        .collect(),
                    _ => parse_form(&request.body),
                };
                let token = form.iter().find(|(n, _)| n == "_token").map(|(_, v)| v);
                if token != Some(&self.token) {
                    return Response::text(
                        403,
                        "Сохранение отклонено: устарела форма. Откройте её заново из предпросмотра.",
                    );
                }
                match rest {
                    "upload" => self.upload(state, &form, &parts),
                    "delete" => self.delete(state, &form),
                    "detach" => self.detach(state, &form),
                    "preview" => self.preview(&form),
                    _ => self.save(state, &form),
                }
            }
            _ => Response::text(404, "Такой страницы у редактора нет."),
        }
    }

    fn words(&self) -> toml::Table {
        let diags = crate::diagnostics::Diagnostics::default();
        let theme_name = crate::config::SiteConfig::load(self.root())
            .map(|c| c.theme)
            .unwrap_or_default();
        crate::theme::Theme::load(self.root(), &theme_name, &diags)
            .map(|theme| crate::render::i18n::load(self.root(), &theme, &diags))
            .unwrap_or_default()
    }

    /// The file of a source the current build read, confined to `content/`.
    fn file_of(&self, rel: &str) -> Option<PathBuf> {
        let ok = rel.starts_with("content/")
            && !rel
                .split('/')
                .any(|p| p == ".." || p == "." || p.is_empty());
        ok.then(|| self.root().join(rel))
    }

    fn edit_form(&self, state: &State, page: &str, notice: Option<String>) -> Response {
        let current = state.current();
        let (source, path, text, at) = match self.read_entry(&current, page) {
            Ok(e) => e,
            Err(r) => return r,
        };
        let title = at
            .node
            .get("title")
            .and_then(crate::yaml::Node::as_text)
            .unwrap_or_else(|| source.title.clone());
        let mut form = self.form_page(
            &current,
            source.kind,
            source.row.is_some(),
            format!("Редактирование: {title}"),
            vec![("_page", page.to_string())],
            |f| form::current(&at.node, f),
        );
        form.body = at.body_start.map(|b| text[b..].to_string());
        form.file = source.rel.clone();
        form.back = Some(format!("{}{page}", current.base_path));
        form.attach = TYPES[source.kind].materials().contains(&"materials[]");
        form.attached = attached(&at.node, path.parent().unwrap_or(self.root()));
        form.notice = notice;
        form.delete = Some(format!("{PREFIX}delete?page={}", query_escape(page)));
        html_response(200, form::html(&form))
    }

    fn new_form(&self, current: &Current, kind: usize) -> Response {
        let today = chrono::Local::now().date_naive();
        let (path, text) = match crate::types::scaffold::new_text(self.root(), kind, "x", today) {
            Ok(t) => t,
            Err(e) => return Response::text(500, &e),
        };
        let at = match save::locate(&text, None) {
            Ok(a) => a,
            Err(e) => return Response::text(500, &e),
        };
        let mut form = self.form_page(
            current,
            kind,
            false,
            format!("Новая запись: {}", type_word(&self.words(), kind)),
            vec![("_type", TYPES[kind].name().to_string())],
            |f| match f.name {
                "title" => form::Current::One(String::new()),
                _ => form::current(&at.node, f),
            },
        );
        form.body = at.body_start.map(|b| text[b..].to_string());
        form.file = crate::diagnostics::rel_path(self.root(), &path);
        html_response(200, form::html(&form))
    }

    /// The form of an entry of `kind` (a row of a YAML list when `row`)
    /// with each field's value from `value` — the one constructor of the
    /// editor's forms; callers add what their page has besides.
    fn form_page(
        &self,
        current: &Current,
        kind: usize,
        row: bool,
        heading: String,
        mut hidden: Vec<(&'static str, String)>,
        value: impl Fn(&form::FormField) -> form::Current,
    ) -> form::Page {
        let fields = form::fields(kind, row);
        hidden.push(("_token", self.token.clone()));
        form::Page {
            heading,
            hidden,
            values: fields.iter().map(value).collect(),
            choices: choices(current, &fields),
            fields,
            words: self.words(),
            ..form::Page::default()
        }
    }

    /// What the last action did, from the query it sent the browser back
    /// with: a file attached (its name and size) or removed.
    fn notice<'q>(
        &self,
        state: &State,
        page: &str,
        get: &dyn Fn(&str) -> Option<&'q str>,
    ) -> Option<String> {
        let current = state.current();
        let dir = self.file_of(&current.sources.get(page)?.rel)?;
        let dir = dir.parent()?;
        if let Some(n) = get("zagruzheno").filter(|n| upload::plain_name(n)) {
            let size = std::fs::metadata(dir.join(n)).ok()?.len();
            return Some(format!(
                "Файл «{n}» ({}) загружен и добавлен в материалы записи.",
                crate::ru::numbers::file_size(size)
            ));
        }
        let n = get("udaleno").filter(|n| upload::plain_name(n))?;
        (!dir.join(n).exists()).then(|| {
            format!(
                "Файл «{n}» удалён из материалов записи; его копия — в папке .metodist/history."
            )
        })
    }

    /// Removes an attached file: its item leaves the entry's `materials`
    /// (checked by a build like any save), and the file goes to the history.
    fn detach(&self, state: &State, form: &[(String, String)]) -> Response {
        let current = state.current();
        let value = |name: &str| {
            form.iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
                .unwrap_or_default()
        };
        let page = value("_page");
        let (source, path, text, at) = match self.read_entry(&current, page) {
            Ok(e) => e,
            Err(r) => return r,
        };
        let file = value("file");
        let dir = path.parent().unwrap_or(self.root());
        if !attached(&at.node, dir).iter().any(|(f, _)| f == file) {
            return Response::text(404, "Такого файла в материалах записи нет.");
        }
        let text = match save::remove_material(&text, source.row.as_deref(), file) {
            Ok(t) => t,
            Err(e) => return Response::text(409, &e),
        };
        let errors = self.check(&current, &source, &path, &text);
        if !errors.is_empty() {
            let list: Vec<String> = errors.into_iter().map(|(_, m)| m).collect();
            return Response::text(422, &format!("Файл не удалён: {}", list.join("; ")));
        }
        let generation = current.generation;
        let target = dir.join(file);
        let file_rel = crate::diagnostics::rel_path(self.root(), &target);
        let done = save::write(self.root(), &source.rel, &path, &text)
            .and_then(|()| save::remove(self.root(), &file_rel, &target));
        if let Err(e) = done {
            return Response::text(500, &e);
        }
        println!("Редактор: удалён файл {file_rel}.");
        wait_rebuild(state, generation, &source.rel, Some(page.to_string()));
        redirect(&format!(
            "{PREFIX}?page={}&udaleno={}",
            query_escape(page),
            query_escape(file)
        ))
    }

    /// The body being written as its page would show it: the same Markdown
    /// and typography as a build, on the site as it is on disk.
    fn preview(&self, form: &[(String, String)]) -> Response {
        let value = |name: &str| {
            form.iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.replace("\r\n", "\n"))
        };
        let diags = crate::diagnostics::Diagnostics::default();
        let Ok(config) = crate::config::SiteConfig::load(self.root()) else {
            return Response::text(500, "Не читается site.toml: предпросмотр недоступен.");
        };
        let drafts = self.build.drafts || config.drafts;
        let loaded = crate::load::load(self.root(), &diags);
        let site = crate::site::resolve(config, self.root().to_path_buf(), loaded, drafts, &diags);
        let page = value("_page");
        let (html, messages) =
            crate::render::preview(&site, page.as_deref(), &value("_body").unwrap_or_default());
        let mut out = html;
        if !messages.is_empty() {
            out.push_str("<ul class=\"preview-messages\">");
            for m in messages {
                out.push_str(&format!("<li>{}</li>", escape(&m)));
            }
            out.push_str("</ul>");
        }
        html_response(200, out)
    }

    /// The entry at `page` the current build read, and its file under `content/`.
    fn entry(&self, current: &Current, page: &str) -> Result<(EntrySource, PathBuf), Response> {
        let source = current
            .sources
            .get(page)
            .filter(|s| form::editable_kind(s.kind));
        let Some(source) = source.cloned() else {
            return Err(Response::text(404, "Такой записи в собранном сайте нет."));
        };
        let path = self
            .file_of(&source.rel)
            .ok_or_else(|| Response::text(403, "Этот файл редактор не меняет."))?;
        Ok((source, path))
    }

    /// [`Self::entry`] with its file's text and the entry found in it.
    fn read_entry(
        &self,
        current: &Current,
        page: &str,
    ) -> Result<(EntrySource, PathBuf, String, save::Located), Response> {
        let (source, path) = self.entry(current, page)?;
        let text = read(&path).map_err(|e| Response::text(500, &e))?;
        let at = save::locate(&text, source.row.as_deref()).map_err(|e| Response::text(409, &e))?;
        Ok((source, path, text, at))
    }

    /// The file's text without the entry: `None` (no file) for a Markdown
    /// file's entry, the other rows for a row of a YAML list.
    fn without(&self, source: &EntrySource, path: &Path) -> Result<Option<String>, Response> {
        let Some(id) = &source.row else {
            return Ok(None);
        };
        read(path)
            .and_then(|t| save::without_row(&t, id))
            .map(Some)
            .map_err(|e| Response::text(409, &e))
    }

    /// Asks before deleting, listing what refers to the entry: the errors
    /// the site would have without it.
    fn delete_form(&self, state: &State, page: &str) -> Response {
        let current = state.current();
        let (source, path) = match self.entry(&current, page) {
            Ok(d) => d,
            Err(r) => return r,
        };
        let rest = match self.without(&source, &path) {
            Ok(r) => r,
            Err(r) => return r,
        };
        let what = if source.row.is_some() {
            format!(
                "Запись будет удалена из файла {} (остальные записи файла не меняются); \
                 прежняя версия файла останется в папке .metodist/history.",
                source.rel
            )
        } else {
            format!(
                "Файл {} будет удалён с сайта; его копия останется в папке .metodist/history.",
                source.rel
            )
        };
        let opts = BuildOptions {
            candidate: Some((path, rest)),
            progress: false,
            ..self.build.clone()
        };
        let referrers: Vec<String> = match crate::pipeline::build(&opts) {
            Ok(_) => Vec::new(),
            Err(diags) => diags
                .iter()
                .filter(|d| d.is_error() && (d.file != source.rel || source.row.is_some()))
                .map(|d| format!("{}: {}", d.location(), d.message))
                .collect(),
        };
        let mut html = format!(
            "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>Удалить запись</title>\
             <style>{}</style></head><body><main><h1>Удалить запись «{}»?</h1><p>{}</p>",
            include_str!("editor.css"),
            escape(&source.title),
            escape(&what)
        );
        if referrers.is_empty() {
            html.push_str("<p>На эту запись не ссылается ни одна другая.</p>");
        } else {
            html.push_str(
                "<h2>На эту запись ссылаются</h2><p>После удаления сайт не соберётся, пока эти ссылки \
                 не исправлены:</p><ul>",
            );
            for r in &referrers {
                html.push_str(&format!("<li>{}</li>", escape(r)));
            }
            html.push_str("</ul>");
        }
        html.push_str(&format!(
            "<form method=\"post\" action=\"{PREFIX}delete\"><input type=\"hidden\" name=\"_token\" \
             value=\"{}\"><input type=\"hidden\" name=\"_page\" value=\"{}\"><p>\
             <button type=\"submit\">Удалить запись</button> <a href=\"{PREFIX}?page={}\">Отмена</a></p>\
             </form></main></body></html>",
            self.token,
            escape(page),
            query_escape(page)
        ));
        html_response(200, html)
    }

    /// Deletes the entry's file, keeping it in the history.
    fn delete(&self, state: &State, form: &[(String, String)]) -> Response {
        let current = state.current();
        let page = form
            .iter()
            .find(|(n, _)| n == "_page")
            .map(|(_, v)| v.as_str())
            .unwrap_or_default();
        let (source, path) = match self.entry(&current, page) {
            Ok(d) => d,
            Err(r) => return r,
        };
        let done = match self.without(&source, &path) {
            Ok(Some(rest)) => save::write(self.root(), &source.rel, &path, &rest),
            Ok(None) => save::remove(self.root(), &source.rel, &path),
            Err(r) => return r,
        };
        if let Err(e) = done {
            return Response::text(500, &e);
        }
        println!(
            "Редактор: удалена запись «{}» ({}).",
            source.title, source.rel
        );
        wait_rebuild(state, current.generation, &source.rel, Some(String::new()));
        let section = page
            .trim_end_matches('/')
            .rsplit_once('/')
            .map_or(String::new(), |(s, _)| format!("{s}/"));
        redirect(&format!("{}{section}", state.current().base_path))
    }

    fn type_list(&self) -> Response {
        let words = self.words();
        let items: String = TYPES
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(k, _)| form::editable_kind(*k))
            .map(|(k, t)| {
                format!(
                    "<li><a href=\"{PREFIX}new?type={}\">{}</a></li>",
                    t.name(),
                    escape(&type_word(&words, k))
                )
            })
            .collect();
        html_response(
            200,
            format!(
                "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Создать запись</title>\
                 <style>{}</style></head><body><main><h1>Создать запись</h1><p>Какую запись создать?</p>\
                 <ul>{items}</ul></main></body></html>",
                include_str!("editor.css")
            ),
        )
    }

    fn save(&self, state: &State, submitted: &[(String, String)]) -> Response {
        let value = |name: &str| {
            submitted
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        let current = state.current();
        let today = chrono::Local::now().date_naive();
        // The entry: one the build read, or a new one of a type.
        let (source, path, original, page_key) = if let Some(page) = value("_page") {
            let (source, path) = match self.entry(&current, page) {
                Ok(e) => e,
                Err(r) => return r,
            };
            match read(&path) {
                Ok(t) => (source, path, t, Some(page.to_string())),
                Err(e) => return Response::text(500, &e),
            }
        } else {
            let kind = value("_type").and_then(crate::types::kind_by_name);
            let Some(kind) = kind.filter(|k| form::editable_kind(*k)) else {
                return Response::text(400, "Не указан тип записи.");
            };
            let title = value("title").unwrap_or_default().trim();
            let made = if title.is_empty() {
                Err("не хватает обязательного поля «title»".to_string())
            } else {
                crate::types::scaffold::new_text(self.root(), kind, title, today)
            };
            let (path, text) = match made {
                Ok(m) if !m.0.exists() => m,
                Ok(m) => {
                    let rel = crate::diagnostics::rel_path(self.root(), &m.0);
                    return self.refuse(
                        &current,
                        (kind, false),
                        None,
                        submitted,
                        vec![(
                            "title".into(),
                            format!("файл {rel} уже есть: выберите другой заголовок"),
                        )],
                    );
                }
                Err(e) => {
                    return self.refuse(
                        &current,
                        (kind, false),
                        None,
                        submitted,
                        vec![("title".into(), e)],
                    )
                }
            };
            let source = EntrySource {
                rel: crate::diagnostics::rel_path(self.root(), &path),
                kind,
                row: None,
                id: String::new(),
                title: title.to_string(),
                aliases: Vec::new(),
            };
            (source, path, text, None)
        };
        let fields = form::fields(source.kind, source.row.is_some());
        let text = match save::apply(&original, source.row.as_deref(), &fields, submitted) {
            Ok(t) => t,
            Err(e) => return Response::text(409, &e),
        };
        let back = |key: Option<&str>| match key {
            Some(k) => format!("{}{k}", state.current().base_path),
            None => state.current().base_path.clone(),
        };
        let exists = path.exists();
        if exists && text == original {
            return redirect(&back(page_key.as_deref()));
        }
        let errors = save::by_token(
            self.check(&current, &source, &path, &text),
            &fields,
            submitted,
        );
        if !errors.is_empty() {
            return self.refuse(
                &current,
                (source.kind, source.row.is_some()),
                page_key.as_deref(),
                submitted,
                errors,
            );
        }
        let generation = current.generation;
        if let Err(e) = save::write(self.root(), &source.rel, &path, &text) {
            return Response::text(500, &e);
        }
        println!("Редактор: сохранён {}.", source.rel);
        let found = wait_rebuild(state, generation, &source.rel, page_key);
        redirect(&back(found.as_deref()))
    }

    /// Saves an attached file beside the entry under a safe name and adds it
    /// to the entry's materials; checked by a build like any save.
    fn upload(&self, state: &State, form: &[(String, String)], parts: &[upload::Part]) -> Response {
        let current = state.current();
        let page = form
            .iter()
            .find(|(n, _)| n == "_page")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let (source, path) = match self.entry(&current, &page) {
            Ok(e) => e,
            Err(r) => return r,
        };
        if !TYPES[source.kind].materials().contains(&"materials[]") {
            return Response::text(400, "У записей этого вида нет материалов.");
        }
        let Some((file, original)) = parts
            .iter()
            .find_map(|p| Some((p, p.filename.as_deref().filter(|n| !n.is_empty())?)))
        else {
            return Response::text(400, "Выберите файл для загрузки.");
        };
        if file.data.is_empty() {
            return Response::text(400, "Файл пустой: выберите другой.");
        }
        let dir = path.parent().unwrap_or(self.root());
        let target = match upload::safe_path(dir, original) {
            Ok(t) => t,
            Err(e) => return Response::text(422, &format!("Файл не загружен: {e}.")),
        };
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let title = original.rsplit(['/', '\\']).next().unwrap_or(original);
        let title = title.rsplit_once('.').map_or(title, |(stem, _)| stem);
        let text = match read(&path)
            .and_then(|t| save::add_material(&t, source.row.as_deref(), title, &name))
        {
            Ok(t) => t,
            Err(e) => return Response::text(409, &e),
        };
        if let Err(e) = save::atomic(&target, &file.data) {
            return Response::text(500, &e);
        }
        let errors = self.check(&current, &source, &path, &text);
        if !errors.is_empty() {
            let _ = std::fs::remove_file(&target);
            let list: Vec<String> = errors.into_iter().map(|(_, m)| m).collect();
            return Response::text(422, &format!("Файл не загружен: {}", list.join("; ")));
        }
        let generation = current.generation;
        if let Err(e) = save::write(self.root(), &source.rel, &path, &text) {
            let _ = std::fs::remove_file(&target);
            return Response::text(500, &e);
        }
        println!("Редактор: загружен {name} к {}.", source.rel);
        wait_rebuild(state, generation, &source.rel, Some(page.clone()));
        redirect(&format!(
            "{PREFIX}?page={}&zagruzheno={}",
            query_escape(&page),
            query_escape(&name)
        ))
    }

    /// The errors a whole build gives with `text` as the entry's file at
    /// `path` (the same check as a build), by form field. Errors it causes
    /// in other files (a renamed id others still name) are named with their
    /// place and refuse it too — unless the site already failed to build,
    /// when they need not be this change's.
    fn check(
        &self,
        current: &Current,
        source: &EntrySource,
        path: &Path,
        text: &str,
    ) -> Vec<(String, String)> {
        let opts = BuildOptions {
            candidate: Some((path.to_path_buf(), Some(text.to_string()))),
            progress: false,
            ..self.build.clone()
        };
        let Err(diags) = crate::pipeline::build(&opts) else {
            return Vec::new();
        };
        let errors = save::errors_by_field(&diags, &source.rel, text, source.row.as_deref());
        if !errors.is_empty() || current.overlay.is_some() {
            return errors;
        }
        diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let message = format!("{}: {}", d.location(), d.message);
                (String::new(), message)
            })
            .collect()
    }

    /// The form again, with what the author sent and the errors; nothing
    /// written. `kind` is the entry's type and whether it is a row.
    fn refuse(
        &self,
        current: &Current,
        (kind, row): (usize, bool),
        page: Option<&str>,
        submitted: &[(String, String)],
        errors: Vec<(String, String)>,
    ) -> Response {
        let hidden = match page {
            Some(p) => vec![("_page", p.to_string())],
            None => vec![("_type", TYPES[kind].name().to_string())],
        };
        let mut form = self.form_page(
            current,
            kind,
            row,
            "Запись не сохранена".into(),
            hidden,
            |f| save::submitted(f, f.name, submitted),
        );
        form.body = submitted
            .iter()
            .find(|(n, _)| n == "_body")
            .map(|(_, v)| v.replace("\r\n", "\n"));
        form.errors = errors;
        html_response(422, form::html(&form))
    }
}

/// Waits (at most [`REBUILD_WAIT`]) until the watcher has rebuilt after a
/// write of `rel`; returns the page of the entry (a new one's, once built).
fn wait_rebuild(state: &State, generation: u64, rel: &str, page: Option<String>) -> Option<String> {
    let deadline = Instant::now() + REBUILD_WAIT;
    let mut found = page;
    while Instant::now() < deadline {
        let now = state.current();
        if now.generation != generation {
            if found.is_none() {
                found = now
                    .sources
                    .iter()
                    .find(|(_, s)| s.rel == rel)
                    .map(|(k, _)| k.clone());
            }
            if found.is_some() || now.overlay.is_some() {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    found
}

const LINK: &str = "display:inline-block;padding:.45rem .9rem;background:#0b4f9c;color:#fff;\
border-radius:4px;font:600 16px/1.3 system-ui,sans-serif;text-decoration:none;\
box-shadow:0 1px 4px rgba(0,0,0,.35)";

/// The entries each reference field of `fields` may name, nested fields
/// included, by title.
fn choices(
    current: &Current,
    fields: &[form::FormField],
) -> std::collections::BTreeMap<&'static str, Vec<form::Choice>> {
    fn targets(fields: &[form::FormField], out: &mut Vec<&'static str>) {
        for f in fields {
            out.extend(f.target);
            targets(&f.fields, out);
        }
    }
    let mut wanted = Vec::new();
    targets(fields, &mut wanted);
    let mut out = std::collections::BTreeMap::new();
    for target in wanted {
        out.entry(target).or_insert_with(|| {
            let mut entries: Vec<form::Choice> = current
                .sources
                .values()
                .filter(|s| TYPES[s.kind].name() == target)
                .map(|s| form::Choice {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    aliases: s.aliases.clone(),
                })
                .collect();
            entries.sort_by(|a, b| a.title.cmp(&b.title));
            entries
        });
    }
    out
}

/// The files of the entry's `materials` that lie beside it in `dir`, with
/// their sizes: those the form can remove.
fn attached(node: &crate::yaml::Node, dir: &Path) -> Vec<(String, String)> {
    let Some(crate::yaml::node::Value::Seq(items)) = node.get("materials").map(|m| &m.value) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| item.get("file")?.as_text())
        .filter(|f| upload::plain_name(f))
        .filter_map(|f| {
            let size = std::fs::metadata(dir.join(&f)).ok()?.len();
            Some((f, crate::ru::numbers::file_size(size)))
        })
        .collect()
}

fn type_word(words: &toml::Table, kind: usize) -> String {
    let w = crate::types::word(words, "kinds", TYPES[kind].name());
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or(w)
}

fn html_response(status: u16, html: String) -> Response {
    Response::new(status, html.into_bytes())
        .with_header("Content-Type", "text/html; charset=utf-8")
        .with_header("Cache-Control", "no-store")
        .with_header("X-Content-Type-Options", "nosniff")
        // The form page must not be framed by another site (clickjacking).
        .with_header("X-Frame-Options", "DENY")
        // Only the editor's own script runs: markup in a previewed text
        // cannot bring handlers of its own.
        .with_header(
            "Content-Security-Policy",
            "frame-ancestors 'none'; script-src 'self'; object-src 'none'; base-uri 'none'",
        )
}

fn redirect(to: &str) -> Response {
    Response::new(303, Vec::new()).with_header("Location", to)
}

/// A source file's text as the build reads it (BOM off, `\n` line ends).
fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("не удалось прочитать файл: {}", crate::write::io_ru(&e)))?;
    let (text, _) = crate::load::decode(bytes);
    Ok(text.replace("\r\n", "\n"))
}

/// `a=1&b=%D0%B0+%D0%B1` → pairs (form bodies and query strings).
pub fn parse_form(bytes: &[u8]) -> Vec<(String, String)> {
    let decode = |s: &[u8]| {
        let plus: Vec<u8> = s
            .iter()
            .map(|&b| if b == b'+' { b' ' } else { b })
            .collect();
        percent_encoding::percent_decode(&plus)
            .decode_utf8_lossy()
            .into_owned()
    };
    bytes
        .split(|&b| b == b'&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut kv = p.splitn(2, |&b| b == b'=');
            let k = decode(kv.next().unwrap_or_default());
            let v = decode(kv.next().unwrap_or_default());
            (k, v)
        })
        .collect()
}

fn query_escape(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// 128 bits from the system's randomness (std seeds `RandomState` from it).
fn token() -> String {
    use std::hash::{BuildHasher, Hasher};
    (0..2)
        .map(|i| {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u64(i);
            format!("{:016x}", h.finish())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_decode() {
        assert_eq!(
            parse_form(b"a=1&b=%D0%B0+%D0%B1&c"),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "а б".into()),
                ("c".into(), String::new())
            ]
        );
    }

    #[test]
    fn tokens_differ() {
        assert_ne!(token(), token());
        assert_eq!(token().len(), 32);
    }
}
