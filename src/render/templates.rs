//! The theme's tera 2 templates: loading, the functions and filters the
//! theme can call, and template errors turned into diagnostics that name the
//! template, its line and column, and the page being rendered.

use crate::diagnostics::{rel_path, Diagnostic};
use crate::ru::filters::FilterSettings;
use std::path::Path;
use tera::{Context, ErrorKind, Kwargs, State, Tera};
use walkdir::WalkDir;

/// Loads every file under `themes/<theme>/templates` (names relative to it),
/// with the Russian filters of `docs/filters.md` following `filters`.
pub fn load(
    root: &Path,
    theme: &str,
    base_path: &str,
    filters: FilterSettings,
) -> Result<Tera, Vec<Diagnostic>> {
    let dir = root.join("themes").join(theme).join("templates");
    if !dir.is_dir() {
        return Err(vec![Diagnostic::error(
            "site.toml",
            format!("тема «{theme}» не найдена: нет папки themes/{theme}/templates"),
        )
        .with_hint("укажите в site.toml «theme = \"default\"» и проверьте, что папка themes/default на месте")]);
    }
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml", ".htm"]);
    register(&mut tera, base_path);
    crate::ru::filters::register_with(&mut tera, filters);
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for entry in WalkDir::new(&dir).sort_by_file_name().into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let name = rel_path(&dir, entry.path());
        if crate::load::discover::is_ignored(&name) {
            continue;
        }
        match std::fs::read_to_string(entry.path()) {
            Ok(text) => files.push((name, text)),
            Err(e) => errors.push(Diagnostic::error(
                rel_path(root, entry.path()),
                format!("не удалось прочитать шаблон: {}", crate::write::io_ru(&e)),
            )),
        }
    }
    if let Err(e) = tera.add_raw_templates(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        match e.kind() {
            // Checks across templates (unknown filters, tests, functions) come
            // back as ready-made reports, one per problem.
            ErrorKind::Msg(text) if !parse_reports(text).is_empty() => {
                for (message, name, line, col) in parse_reports(text) {
                    let source = files
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, t)| t.as_str());
                    errors.push(
                        Diagnostic::error(
                            format!("themes/{theme}/templates/{name}"),
                            format!("ошибка в шаблоне: {message}"),
                        )
                        .at(source.unwrap_or_default(), line, col),
                    );
                }
            }
            _ => errors.push(to_diagnostic(&e, root, theme, None, &files)),
        }
    }
    if errors.is_empty() {
        Ok(tera)
    } else {
        Err(errors)
    }
}

/// Functions and filters every theme can use.
fn register(tera: &mut Tera, base_path: &str) {
    // `rows | any_with(attribute="pages")`: whether any row has a non-empty
    // value there, so a table leaves out a column that is empty in every row.
    tera.register_filter(
        "any_with",
        |rows: &tera::Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<bool> {
            let attribute = kwargs.must_get::<&str>("attribute")?;
            Ok(rows.as_array().is_some_and(|rows| {
                rows.iter().any(|row| {
                    row.get_from_path(attribute)
                        .is_some_and(tera::Value::is_truthy)
                })
            }))
        },
    );
    let base = base_path.to_string();
    // `url(path="/praktiki/")` → the path under base_url.
    tera.register_function(
        "url",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get::<&str>("path")?.to_string();
            Ok(format!("{base}{}", path.trim_start_matches('/')))
        },
    );
}

/// Renders `template` for the page at `file`, as the bytes of the page.
pub fn render(
    tera: &Tera,
    template: &str,
    context: &Context,
    root: &Path,
    theme: &str,
    file: &str,
) -> Result<Vec<u8>, Diagnostic> {
    // Rendered into bytes: `Tera::render` would validate the whole page as
    // UTF-8 again only to hand back a String we turn into bytes anyway.
    let mut out = Vec::with_capacity(16 * 1024);
    tera.render_to(template, context, &mut out)
        .map(|()| out)
        .map_err(|e| to_diagnostic(&e, root, theme, Some(file), &[]))
}

/// Reads tera's text reports: `error: MESSAGE` followed by `--> NAME:LINE:COL`.
fn parse_reports(text: &str) -> Vec<(String, String, usize, usize)> {
    let mut out = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m);
        } else if let (Some(m), Some(loc)) = (message, line.trim_start().strip_prefix("--> ")) {
            let mut parts = loc.rsplitn(3, ':');
            let col = parts.next().and_then(|c| c.parse().ok());
            let line_no = parts.next().and_then(|l| l.parse().ok());
            if let (Some(col), Some(line_no), Some(name)) = (col, line_no, parts.next()) {
                out.push((m.to_string(), name.to_string(), line_no, col));
            }
            message = None;
        }
    }
    out
}

fn to_diagnostic(
    e: &tera::Error,
    root: &Path,
    theme: &str,
    page: Option<&str>,
    sources: &[(String, String)],
) -> Diagnostic {
    let tpl_path = |name: &str| format!("themes/{theme}/templates/{name}");
    let read = |name: &str| {
        sources
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .or_else(|| std::fs::read_to_string(root.join(tpl_path(name))).ok())
            .unwrap_or_default()
    };
    let for_page = page
        .map(|p| format!(" (при выводе страницы {p})"))
        .unwrap_or_default();
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let what = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                "ошибка в шаблоне"
            } else {
                "ошибка при выводе шаблона"
            };
            let span = r.span();
            Diagnostic::error(
                tpl_path(r.filename()),
                format!("{what}: {}{for_page}", r.message()),
            )
            .at(&read(r.filename()), span.start_line, span.start_col + 1)
        }
        ErrorKind::TemplateNotFound(name) => Diagnostic::error(
            page.unwrap_or("site.toml").to_string(),
            format!("в теме «{theme}» нет шаблона «{name}»"),
        )
        .with_hint(format!(
            "создайте файл {} или укажите другой шаблон в поле «template»",
            tpl_path(name)
        )),
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            tpl_path(current),
            format!("шаблон наследует «{parent}», но такого шаблона нет"),
        ),
        _ => Diagnostic::error(
            page.unwrap_or("themes").to_string(),
            format!("ошибка шаблона: {e}{for_page}"),
        ),
    }
}
