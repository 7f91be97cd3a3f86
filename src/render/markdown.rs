//! Markdown → HTML with pulldown-cmark: heading ids transliterated from
//! Russian, a table of contents, and links checked and rewritten so that an
//! author can link pages and files by their path on disk (`../praktiki/a.md`,
//! `plan.pdf`) and get a working URL for any base_url and for offline use.

use crate::diagnostics::Diagnostic;
use crate::ru::slug::slugify;
use crate::ru::typography::{typograph_events_with_offsets, TypographyConfig};
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

/// pulldown-cmark's extensions; heading attributes are read by
/// [`heading_attributes`] instead, which keeps `{1, 2, 3}` as text.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

pub fn render(body: &str, src: &Source) -> Rendered {
    let mut out = Rendered::default();
    let mut events: Vec<(Event, Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    super::raw_html::filter(&mut events, body, src, &mut out);
    crate::render::indicators::expand_blocks(&mut events, body, src, &mut out);
    super::pictures::expand(&mut events, body, src, &mut out);
    heading_attributes(&mut events);
    let mut events = autolinks(events);
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
    let mut typeset = typograph_events_with_offsets(events, body, &src.typography);
    if src.typography.enabled {
        for event in &mut typeset.output {
            if let Event::Text(t) = event {
                if let std::borrow::Cow::Owned(o) = crate::ru::school_years::unify(t) {
                    *t = o.into();
                }
            }
        }
    }
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

/// `# Итоги {#itog .wide}`: an id and classes in exactly this form at the end
/// of a heading become its attributes; any other braces (`{1, 2, 3}`, `{x}`)
/// are the author's text and stay.
fn heading_attributes(events: &mut Vec<(Event, Range<usize>)>) {
    let mut i = 0;
    while i < events.len() {
        if !matches!(events[i].0, Event::Start(Tag::Heading { .. })) {
            i += 1;
            continue;
        }
        let end = (i..events.len())
            .find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))))
            .unwrap_or(events.len());
        // The heading's trailing text, which pulldown-cmark may split.
        let first = (i + 1..end)
            .rev()
            .take_while(|&j| matches!(events[j].0, Event::Text(_)))
            .last()
            .unwrap_or(end);
        let text: String = events[first..end]
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let parsed = text.trim_end().rfind('{').and_then(|at| {
            let before = &text[..at];
            let spaced = before.is_empty() || before.ends_with([' ', '\t']);
            parse_attributes(text[at..].trim_end())
                .filter(|_| spaced)
                .map(|a| (before.trim_end().to_string(), a))
        });
        if let Some((kept, (id, classes))) = parsed {
            if let Event::Start(Tag::Heading {
                id: hid,
                classes: hclasses,
                ..
            }) = &mut events[i].0
            {
                *hid = id.map(CowStr::from);
                *hclasses = classes.into_iter().map(CowStr::from).collect();
            }
            let range = events[first].1.start..events[end - 1].1.end;
            events.splice(first..end, [(Event::Text(CowStr::from(kept)), range)]);
            i = first + 1;
        } else {
            i = end;
        }
    }
}

/// `{#id .class .other}`: at most one id, names of ASCII letters, digits,
/// `-` and `_`, nothing else inside the braces.
fn parse_attributes(s: &str) -> Option<(Option<String>, Vec<String>)> {
    let inner = s.strip_prefix('{')?.strip_suffix('}')?;
    let mut id = None;
    let mut classes = Vec::new();
    for token in inner.split_whitespace() {
        let name = &token[1..];
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        match token.as_bytes()[0] {
            b'#' if valid && id.is_none() => id = Some(name.to_string()),
            b'.' if valid => classes.push(name.to_string()),
            _ => return None,
        }
    }
    (id.is_some() || !classes.is_empty()).then_some((id, classes))
}

/// Bare `https://…`, `www.…` addresses and e-mails in prose become links, as
/// in GitHub's Markdown; code, existing links and raw HTML are left alone.
fn autolinks<'a>(events: Vec<(Event<'a>, Range<usize>)>) -> Vec<(Event<'a>, Range<usize>)> {
    let mut finder = linkify::LinkFinder::new();
    finder.url_must_have_scheme(false);
    let mut out = Vec::with_capacity(events.len());
    let mut inside = 0usize; // depth in links, images, code and HTML blocks
    for (event, range) in events {
        match &event {
            Event::Start(
                Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock,
            ) => inside += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                inside = inside.saturating_sub(1)
            }
            _ => {}
        }
        let Event::Text(text) = &event else {
            out.push((event, range));
            continue;
        };
        let quick = text.contains("://") || text.contains("www.") || text.contains('@');
        if inside > 0 || !quick {
            out.push((event, range));
            continue;
        }
        // Offsets into the source hold when the text is the source verbatim.
        let exact = range.len() == text.len();
        let sub = |a: usize, b: usize| {
            if exact {
                range.start + a..range.start + b
            } else {
                range.clone()
            }
        };
        let mut last = 0;
        for link in finder.links(text) {
            let s = link.as_str();
            let lower = s.to_ascii_lowercase();
            let (link_type, dest) = match link.kind() {
                linkify::LinkKind::Email if s.starts_with(|c: char| c.is_alphanumeric()) => {
                    (LinkType::Email, s.to_string())
                }
                _ if lower.starts_with("http://") || lower.starts_with("https://") => {
                    (LinkType::Autolink, s.to_string())
                }
                _ if lower.starts_with("www.") => (LinkType::Autolink, format!("http://{s}")),
                _ => continue,
            };
            if link.start() > last {
                let before = text[last..link.start()].to_string();
                out.push((Event::Text(before.into()), sub(last, link.start())));
            }
            let r = sub(link.start(), link.end());
            out.push((
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.into(),
                    title: CowStr::Borrowed(""),
                    id: CowStr::Borrowed(""),
                }),
                r.clone(),
            ));
            out.push((Event::Text(s.to_string().into()), r.clone()));
            out.push((Event::End(TagEnd::Link), r));
            last = link.end();
        }
        if last == 0 {
            out.push((event, range));
        } else if last < text.len() {
            let after = text[last..].to_string();
            out.push((Event::Text(after.into()), sub(last, text.len())));
        }
    }
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
        entry.title = crate::ru::typeset(&entry.title, cfg);
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
        heading_attributes(&mut events);
        let toc = assign_heading_ids(&mut events);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].id, "mezhshkolnoe-partnerstvo");
        assert_eq!(toc[0].children[0].id, "tseli");
        assert_eq!(toc[0].children[1].id, "tseli-1");
        assert_eq!(toc[1].id, "itog");
    }

    fn html_of(md: &str) -> String {
        let mut events: Vec<(Event, Range<usize>)> =
            Parser::new_ext(md, options()).into_offset_iter().collect();
        heading_attributes(&mut events);
        let events = autolinks(events);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
        html
    }

    #[test]
    fn heading_attributes_only_in_exact_form() {
        assert_eq!(
            html_of("# Итоги {#itog .wide}\n"),
            "<h1 id=\"itog\" class=\"wide\">Итоги</h1>\n"
        );
        assert_eq!(
            html_of("# Множество {1, 2, 3}\n"),
            "<h1>Множество {1, 2, 3}</h1>\n"
        );
        assert_eq!(html_of("# Формула {x}\n"), "<h1>Формула {x}</h1>\n");
        assert_eq!(html_of("# a {#x key=v}\n"), "<h1>a {#x key=v}</h1>\n");
        assert_eq!(html_of("# a{#x}\n"), "<h1>a{#x}</h1>\n");
        assert_eq!(html_of("# Шаг {#my_id}\n"), "<h1 id=\"my_id\">Шаг</h1>\n");
    }

    #[test]
    fn bare_addresses_become_links() {
        assert_eq!(
            html_of("Сайт https://school-1.ru/news/2020-2021/ и www.school-1.ru, почта metod@school-1.ru.\n"),
            "<p>Сайт <a href=\"https://school-1.ru/news/2020-2021/\">https://school-1.ru/news/2020-2021/</a> \
             и <a href=\"http://www.school-1.ru\">www.school-1.ru</a>, почта \
             <a href=\"mailto:metod@school-1.ru\">metod@school-1.ru</a>.</p>\n"
        );
        // Code, links and bare domains stay as written.
        assert_eq!(
            html_of("`https://a.ru` [https://b.ru](https://c.ru) school.ru\n"),
            "<p><code>https://a.ru</code> <a href=\"https://c.ru\">https://b.ru</a> school.ru</p>\n"
        );
    }
}

/// The CommonMark 0.31.2 spec examples and GFM's table, strikethrough and
/// task-list examples (tests/commonmark/, from pulldown-cmark's third_party
/// folder), each rendered as a page's Markdown: with typography off the HTML
/// is pulldown-cmark's own apart from heading ids; with it on, code, URLs
/// and attribute values are still pulldown-cmark's.
#[cfg(test)]
mod spec {
    use super::*;

    fn examples(file: &str) -> Vec<(usize, String)> {
        let path = format!("{}/tests/commonmark/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        let fence = "````````````````````````````````";
        let mut out = Vec::new();
        let mut lines = text.lines();
        let mut n = 0;
        while let Some(line) = lines.next() {
            if line.starts_with(&format!("{fence} example")) {
                n += 1;
                let md: Vec<&str> = lines.by_ref().take_while(|l| *l != ".").collect();
                lines.by_ref().take_while(|l| *l != fence).for_each(drop);
                out.push((n, md.join("\n").replace('→', "\t") + "\n"));
            }
        }
        out
    }

    fn render_page(md: &str, typography: TypographyConfig) -> String {
        let config: crate::config::SiteConfig =
            toml::from_str("title = \"Т\"\nbase_url = \"https://example.ru/\"\nraw_html = true\n")
                .unwrap();
        let site = Site {
            config,
            root: std::path::PathBuf::from("."),
            pages: Vec::new(),
            sections: Vec::new(),
            data: Vec::new(),
            assets: Vec::new(),
            page_by_source: HashMap::new(),
            collections: Default::default(),
            links: Default::default(),
            indicators: Default::default(),
            images: Default::default(),
        };
        let file = crate::load::SourceFile {
            path: "content/a.md".into(),
            rel: "content/a.md".into(),
            text: md.to_string(),
            encoding: None,
        };
        let assets = HashMap::new();
        let src = Source {
            site: &site,
            assets: &assets,
            file: &file,
            body_line: 1,
            content_dir: "",
            typography,
            page: None,
        };
        render(md, &src).html
    }

    fn pulldown(md: &str) -> String {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, Parser::new_ext(md, options()));
        html
    }

    /// Heading ids are metodist's own (transliterated, for the TOC).
    fn without_heading_ids(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(at) = rest.find(" id=\"") {
            let tag_start = rest[..at].rfind('<').unwrap_or(0);
            let heading = rest[tag_start..].starts_with("<h")
                && rest[tag_start + 2..].starts_with(|c: char| c.is_ascii_digit());
            let end = rest[at + 5..]
                .find('"')
                .map_or(rest.len(), |e| at + 5 + e + 1);
            out.push_str(&rest[..at]);
            if !heading {
                out.push_str(&rest[at..end]);
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    /// The theme's scrolling box around tables is metodist's own.
    fn unwrap_tables(html: &str) -> String {
        html.replace(
            "<div class=\"table-scroll\" role=\"region\" aria-label=\"Таблица\" tabindex=\"0\">\n",
            "",
        )
        .replace("</table>\n</div>\n", "</table>\n")
    }

    /// What typography must never touch: code contents and attribute values.
    fn untouchable(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find("<code") {
            let end = rest[at..].find("</code>").map_or(rest.len(), |e| at + e);
            out.push(rest[at..end].to_string());
            rest = &rest[end..];
        }
        // Attribute values inside real tags (text has `&lt;` instead).
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            let end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
            let mut tag = &rest[at..end];
            while let Some(v) = tag.find("=\"") {
                let close = tag[v + 2..].find('"').map_or(tag.len(), |e| v + 2 + e);
                out.push(tag[v + 2..close].to_string());
                tag = &tag[close.min(tag.len())..];
                if tag.is_empty() {
                    break;
                }
                tag = &tag[1..];
            }
            rest = &rest[end..];
        }
        out
    }

    /// Examples where metodist differs from pulldown-cmark on purpose.
    const INTENDED: &[(&str, usize, &str)] = &[
        (
            "spec.txt",
            602,
            "a bare URL in text becomes a link (GFM autolink extension)",
        ),
        (
            "spec.txt",
            608,
            "a bare URL in text becomes a link (GFM autolink extension)",
        ),
        (
            "spec.txt",
            611,
            "a bare URL in text becomes a link (GFM autolink extension)",
        ),
        (
            "spec.txt",
            612,
            "a bare e-mail in text becomes a link (GFM autolink extension)",
        ),
    ];

    #[test]
    fn spec_examples_render_as_pulldown_cmark_does() {
        let off = TypographyConfig {
            enabled: false,
            ..TypographyConfig::default()
        };
        let mut failures = Vec::new();
        let mut total = 0;
        for file in [
            "spec.txt",
            "gfm_table.txt",
            "gfm_strikethrough.txt",
            "gfm_tasklist.txt",
        ] {
            for (n, md) in examples(file) {
                total += 1;
                let expected = pulldown(&md);
                let ours = unwrap_tables(&without_heading_ids(&render_page(&md, off)));
                let intended = INTENDED.iter().any(|(f, i, _)| *f == file && *i == n);
                if ours != expected && !intended {
                    failures.push(format!(
                        "{file} #{n}\n{md}--- pulldown-cmark\n{expected}--- metodist\n{ours}"
                    ));
                }
                let typeset = unwrap_tables(&render_page(&md, TypographyConfig::default()));
                if untouchable(&without_heading_ids(&typeset)) != untouchable(&expected)
                    && !intended
                {
                    failures.push(format!("{file} #{n} (typography on)\n{md}--- pulldown-cmark\n{expected}--- metodist\n{typeset}"));
                }
            }
        }
        assert_eq!(total, 652 + 9 + 3 + 2);
        assert!(
            failures.is_empty(),
            "{} of {total}:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
