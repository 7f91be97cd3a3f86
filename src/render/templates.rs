//! The theme's tera 2 templates: loading, the functions and filters the
//! theme can call, and template errors turned into diagnostics that name the
//! template, its line and column, and the page being rendered.

use crate::diagnostics::Diagnostic;
use crate::ru::filters::FilterSettings;
use crate::theme::Theme;
use tera::{Context, ErrorKind, Kwargs, State, Tera};

/// The loaded templates with the theme they come from (for messages that
/// name a template's file, and for the theme's other files).
pub struct Templates {
    pub tera: Tera,
    pub theme: Theme,
}

impl std::ops::Deref for Templates {
    type Target = Tera;
    fn deref(&self) -> &Tera {
        &self.tera
    }
}

impl std::ops::DerefMut for Templates {
    fn deref_mut(&mut self) -> &mut Tera {
        &mut self.tera
    }
}

/// Loads every template of `theme` (names relative to its `templates/`),
/// with the Russian filters of `docs/filters.md` following `filters`.
pub fn load(
    theme: Theme,
    base_path: &str,
    filters: FilterSettings,
) -> Result<Templates, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml", ".htm"]);
    register(&mut tera, base_path);
    crate::ru::filters::register_with(&mut tera, filters);
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for (name, file) in theme.under("templates") {
        match file.text() {
            Ok(text) => files.push((name.to_string(), text)),
            Err(e) => errors.push(Diagnostic::error(
                file.label.clone(),
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
                            label(&theme, &name),
                            format!("ошибка в шаблоне: {message}"),
                        )
                        .at(source.unwrap_or_default(), line, col),
                    );
                }
            }
            _ => errors.push(to_diagnostic(&e, &theme, None, &files)),
        }
    }
    if errors.is_empty() {
        Ok(Templates { tera, theme })
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
    tera: &Templates,
    template: &str,
    context: &Context,
    file: &str,
) -> Result<Vec<u8>, Diagnostic> {
    // Rendered into bytes: `Tera::render` would validate the whole page as
    // UTF-8 again only to hand back a String we turn into bytes anyway.
    let mut out = Vec::with_capacity(16 * 1024);
    tera.render_to(template, context, &mut out)
        .map(|()| out)
        .map_err(|e| to_diagnostic(&e, &tera.theme, Some(file), &[]))
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

/// The name messages give a template: its file in the site, or in the
/// built-in theme.
fn label(theme: &Theme, name: &str) -> String {
    theme.file(&format!("templates/{name}")).map_or_else(
        || format!("themes/{}/templates/{name}", theme.name),
        |f| f.label.clone(),
    )
}

fn to_diagnostic(
    e: &tera::Error,
    theme: &Theme,
    page: Option<&str>,
    sources: &[(String, String)],
) -> Diagnostic {
    let tpl_path = |name: &str| label(theme, name);
    let read = |name: &str| {
        sources
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .or_else(|| theme.file(&format!("templates/{name}"))?.text().ok())
            .unwrap_or_default()
    };
    let theme = &theme.name;
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
            "создайте файл templates/{name} в папке сайта или укажите другой шаблон в поле «template»"
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
