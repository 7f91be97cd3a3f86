//! Markdown → HTML with pulldown-cmark: heading ids transliterated from
//! Russian, a table of contents, and links checked and rewritten so that an
//! author can link pages and files by their path on disk (`../praktiki/a.md`,
//! `plan.pdf`) and get a working URL for any base_url and for offline use.

use crate::diagnostics::Diagnostic;
use crate::ru::slug::slugify;
use crate::ru::typography::{typograph, typograph_events_with_offsets, TypographyConfig};
use crate::site::Site;
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// The text without markup, for search and summaries.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a Markdown text needs to know about its place in the site.
pub struct Source<'a> {
    pub site: &'a Site,
    /// Content-relative asset paths (`praktiki/plan.pdf`) → output path.
    pub assets: &'a HashMap<String, String>,
    pub file: &'a crate::load::SourceFile,
    /// The file line on which `body` starts.
    pub body_line: usize,
    /// The `content/` folder relative links resolve against.
    pub content_dir: &'a str,
    /// Russian typography for this text (site setting with the page's override).
    pub typography: TypographyConfig,
    /// The index of the page in `Site::pages`; `None` for a section's text.
    pub page: Option<usize>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

pub fn render(body: &str, src: &Source) -> Rendered {
    let mut out = Rendered::default();
    let mut events: Vec<(Event, Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    super::raw_html::filter(&mut events, body, src, &mut out);
    crate::render::indicators::expand_blocks(&mut events, body, src, &mut out);
    super::pictures::expand(&mut events, body, src, &mut out);
    out.toc = assign_heading_ids(&mut events);
    for (event, range) in events.iter_mut() {
        match event {
            // `<metod@example.ru>`: pulldown-cmark writes the mailto: itself.
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => {}
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => match resolve_link(dest_url, src) {
                Ok(Some(url)) => *dest_url = CowStr::from(url),
                Ok(None) => {}
                Err((message, hint, is_error)) => {
                    let (line, col) = crate::diagnostics::line_col(body, range.start);
                    let mut d = src
                        .file
                        .diag(src.body_line + line - 1, col, message)
                        .with_hint_opt(hint);
                    if !is_error {
                        d.severity = crate::diagnostics::Severity::Warning;
                    }
                    out.diagnostics.push(d);
                }
            },
            _ => {}
        }
    }
    let typeset = typograph_events_with_offsets(events, &src.typography);
    for warning in typeset.warnings {
        let (line, col) = crate::diagnostics::line_col(body, warning.offset.unwrap_or(0));
        let mut d = src
            .file
            .diag(src.body_line + line - 1, col, warning.message)
            .with_hint("поставьте парную кавычку или уберите лишнюю");
        d.severity = crate::diagnostics::Severity::Warning;
        out.diagnostics.push(d);
    }
    typeset_toc(&mut out.toc, &src.typography);
    // The plain text (search snippets, summaries) reads like the page.
    for event in &typeset.output {
        match event {
            Event::Text(t) | Event::Code(t) => {
                out.text.push_str(t);
                out.text.push(' ');
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => {
                out.text.push('\n');
            }
            _ => {}
        }
    }
    pulldown_cmark::html::push_html(&mut out.html, scroll_tables(typeset.output).into_iter());
    out
}

/// Puts each table in a box of its own that scrolls sideways when the table
/// is wider than the screen (`.table-scroll` in the theme), focusable so a
/// keyboard can scroll it too.
fn scroll_tables(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    if !events
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::Table(_))))
    {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 8);
    for event in events {
        match event {
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(CowStr::Borrowed(
                    "<div class=\"table-scroll\" role=\"region\" aria-label=\"Таблица\" tabindex=\"0\">\n",
                )));
                out.push(event);
            }
            Event::End(TagEnd::Table) => {
                out.push(event);
                out.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            event => out.push(event),
        }
    }
    out
}

/// Table-of-contents titles read like the headings they point to.
fn typeset_toc(toc: &mut [TocEntry], cfg: &TypographyConfig) {
    for entry in toc {
        entry.title = typograph(&entry.title, cfg).output;
        typeset_toc(&mut entry.children, cfg);
    }
}

/// Gives every heading an id (its text transliterated, numbered when
/// repeated) unless the author set one with `{#id}`, and builds the TOC.
fn assign_heading_ids(events: &mut [(Event, Range<usize>)]) -> Vec<TocEntry> {
    let mut used: HashSet<String> = HashSet::new();
    let mut flat: Vec<(u8, String, String)> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 {
            let level = heading_number(*level);
            let explicit = id.as_ref().map(|s| s.to_string());
            let mut title = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                    title.push_str(t);
                }
                j += 1;
            }
            let base = explicit.unwrap_or_else(|| {
                let s = slugify(&title);
                if s.is_empty() {
                    "razdel".to_string()
                } else {
                    s
                }
            });
            let mut unique = base.clone();
            let mut n = 1;
            while !used.insert(unique.clone()) {
                unique = format!("{base}-{n}");
                n += 1;
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                *id = Some(CowStr::from(unique.clone()));
            }
            flat.push((level, unique, title));
            i = j;
        }
        i += 1;
    }
    nest(&flat)
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn nest(flat: &[(u8, String, String)]) -> Vec<TocEntry> {
    let mut result: Vec<TocEntry> = Vec::new();
    for (level, id, title) in flat {
        let entry = TocEntry {
            level: *level,
            id: id.clone(),
            title: title.clone(),
            children: Vec::new(),
        };
        insert(&mut result, entry);
    }
    result
}

fn insert(list: &mut Vec<TocEntry>, entry: TocEntry) {
    match list.last_mut() {
        Some(last) if last.level < entry.level => insert(&mut last.children, entry),
        _ => list.push(entry),
    }
}

type LinkError = (String, Option<String>, bool);

/// `Ok(Some(url))` to rewrite, `Ok(None)` to keep as written.
fn resolve_link(dest: &str, src: &Source) -> Result<Option<String>, LinkError> {
    let base = src.site.config.base_path();
    if dest == "#" || dest.is_empty() {
        return Err((
            "ссылка-заглушка «#» никуда не ведёт".into(),
            Some("укажите адрес страницы или файла, или уберите ссылку".into()),
            false,
        ));
    }
    match crate::markup::scheme(dest) {
        crate::markup::Scheme::Unsafe(name) => {
            return Err((
                format!("ссылка «{name}:…» не допускается: такой адрес запускает код или подменяет страницу"),
                Some(format!(
                    "ссылки в тексте ведут на страницы и файлы; {}",
                    if name.eq_ignore_ascii_case("data") {
                        "картинку сохраните файлом рядом со страницей и сошлитесь на него"
                    } else {
                        "уберите эту ссылку"
                    }
                )),
                true,
            ));
        }
        crate::markup::Scheme::Other(_) => {
            let lower = dest.to_ascii_lowercase();
            let preview = [
                "http://127.0.0.1",
                "http://localhost",
                "http://[::1]",
                "http://0.0.0.0",
            ]
            .iter()
            .any(|p| lower.starts_with(p));
            if preview {
                let path = dest.splitn(4, '/').nth(3).unwrap_or_default();
                return Err((
                    format!("ссылка «{dest}» ведёт на предпросмотр на этом компьютере: у посетителей сайта она не откроется"),
                    Some(format!("пишите адрес от корня сайта: /{path}")),
                    true,
                ));
            }
            return Ok(None);
        }
        crate::markup::Scheme::None => {}
    }
    if dest.starts_with('#') || dest.starts_with("//") {
        return Ok(None);
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let with_fragment = |url: String| match fragment {
        Some(f) => format!("{url}#{f}"),
        None => url,
    };
    if let Some(site_path) = path.strip_prefix('/') {
        if site_path.is_empty() || site_path.ends_with('/') {
            let known = |p: &str| p == site_path;
            let exists = src.site.pages.iter().any(|pg| known(&pg.path))
                || src.site.sections.iter().any(|s| known(&s.path))
                || src.site.config.taxonomies.iter().any(|t| {
                    site_path.starts_with(&format!(
                        "{}/",
                        t.slug
                            .clone()
                            .unwrap_or_else(|| crate::ru::slug::slugify(&t.name))
                    ))
                })
                || site_path == crate::render::search::SEARCH_PATH;
            if !exists {
                let hint = crate::suggest::closest(
                    site_path,
                    src.site.pages.iter().map(|p| p.path.as_str()),
                )
                .map(|c| format!("возможно, вы имели в виду «/{c}»?"));
                return Err((
                    format!("ссылка «{dest}» ведёт на страницу, которой на сайте нет"),
                    hint.or_else(|| {
                        Some(
                            "проверьте адрес: он пишется от корня сайта, например /dokumenty/"
                                .into(),
                        )
                    }),
                    false,
                ));
            }
        }
        return Ok(Some(with_fragment(format!("{base}{site_path}"))));
    }
    let target = match path.strip_prefix("@/") {
        Some(p) => normalize(p),
        None => normalize(&format!("{}/{}", src.content_dir, percent_decode(path))),
    };
    let Some(target) = target else {
        return Err((
            format!("ссылка «{dest}» выходит за пределы папки content"),
            None,
            true,
        ));
    };
    // A row of a YAML list: `@/dokumenty/documents.yaml#prikaz-117`.
    if target.ends_with(".yaml") || target.ends_with(".yml") {
        let rel = format!("content/{target}");
        let row = src
            .site
            .pages
            .iter()
            .find(|p| p.file.rel == rel && Some(p.typed.id.as_str()) == fragment);
        return match row {
            Some(p) => Ok(Some(format!("{base}{}", p.path))),
            None => Err((
                format!("ссылка «{dest}» не находит запись в списке"),
                Some(match fragment {
                    Some(_) => format!(
                        "после «#» пишется id записи из файла content/{target}{}",
                        crate::suggest::did_you_mean(
                            fragment.unwrap_or_default(),
                            src.site
                                .pages
                                .iter()
                                .filter(|p| p.file.rel == rel)
                                .map(|p| p.typed.id.as_str()),
                        )
                        .map(|h| format!("; {h}"))
                        .unwrap_or_default()
                    ),
                    None => format!("укажите запись: @/{target}#id-записи"),
                }),
                true,
            )),
        };
    }
    if target.ends_with(".md") {
        if let Some(&i) = src.site.page_by_source.get(&target) {
            return Ok(Some(with_fragment(format!(
                "{base}{}",
                src.site.pages[i].path
            ))));
        }
        let dir = target
            .strip_suffix("_index.md")
            .map(|d| d.trim_end_matches('/'));
        if let Some(s) = dir.and_then(|d| src.site.sections.iter().find(|s| s.dir == d)) {
            return Ok(Some(with_fragment(format!("{base}{}", s.path))));
        }
        let hint = crate::suggest::did_you_mean(
            &target,
            src.site.page_by_source.keys().map(String::as_str),
        );
        return Err((
            format!("ссылка на несуществующую страницу «{dest}»"),
            hint,
            true,
        ));
    }
    match src.assets.get(&target) {
        Some(out) => Ok(Some(with_fragment(crate::markup::url_path(&format!(
            "{base}{out}"
        ))))),
        None => {
            let hint = crate::suggest::did_you_mean(&target, src.assets.keys().map(String::as_str))
                .or_else(|| Some(format!("файл ищется по пути content/{target}")));
            Err((
                format!("ссылка на несуществующий файл «{dest}»"),
                hint,
                true,
            ))
        }
    }
}

/// Resolves `.` and `..` in a `/`-separated path; `None` if it climbs out.
pub(super) fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_relative_paths() {
        assert_eq!(
            normalize("praktiki/../dokumenty/a.md").as_deref(),
            Some("dokumenty/a.md")
        );
        assert_eq!(normalize("a/./b.pdf").as_deref(), Some("a/b.pdf"));
        assert_eq!(normalize("../x"), None);
    }

    #[test]
    fn toc_nests_by_level() {
        let mut events: Vec<(Event, Range<usize>)> = Parser::new_ext(
            "# Межшкольное партнёрство\n## Цели\n## Цели\n# Итоги {#itog}\n",
            options(),
        )
        .into_offset_iter()
        .collect();
        let toc = assign_heading_ids(&mut events);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].id, "mezhshkolnoe-partnerstvo");
        assert_eq!(toc[0].children[0].id, "tseli");
        assert_eq!(toc[0].children[1].id, "tseli-1");
        assert_eq!(toc[1].id, "itog");
    }
}
