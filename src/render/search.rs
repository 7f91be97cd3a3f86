//! The site's search: the index files under `search/` from every page and
//! section (see [`crate::search`] for the index and why it is scripts), and
//! the search page at `poisk/` from the theme's `search.html`.

use super::markdown::Rendered;
use super::templates;
use crate::diagnostics::Diagnostics;
use crate::output::Output;
use crate::ru::dates::partial_date_ru;
use crate::search::{main_text_of, IndexBuilder, IndexedDoc, SearchDoc};
use crate::site::{Page, Site};
use tera::Context;

/// The URL folder of the search page («поиск»).
pub const SEARCH_PATH: &str = "poisk/";

/// Writes the index files from the index the page pass filled (pages by
/// their index) and the sections, and the search page if the theme has `search.html`.
pub fn render(
    site: &Site,
    tera: &templates::Templates,
    words: &toml::Table,
    index: IndexBuilder,
    sections: &[Rendered],
    output: &mut Output,
    diags: &Diagnostics,
) {
    // Sections follow the pages in the result list.
    let sections_docs = site.sections.iter().zip(sections).skip(1); // the home page
    for (k, (section, rendered)) in sections_docs.enumerate() {
        // A section's own text: its listing repeats its pages.
        let kind = crate::types::word(words, "kinds", "section");
        let doc = IndexedDoc::new(&SearchDoc {
            url: section.path.clone(),
            title: crate::ru::typeset(&section.front.title, &site.config.typography),
            kind_label: kind.clone(),
            kind,
            body: rendered.text.clone(),
            ..SearchDoc::default()
        });
        index.add(site.pages.len() + k, &doc);
    }
    for (path, bytes) in index.finish() {
        output.add(path, bytes);
    }
    if !tera.get_template_names().any(|n| n == "search.html") {
        return;
    }
    let mut ctx = Context::new();
    let base = site.config.base_path();
    ctx.insert("current_path", &format!("{base}{SEARCH_PATH}"));
    match templates::render(tera, "search.html", &ctx, "search.html") {
        Ok(html) => output.add(format!("{SEARCH_PATH}index.html"), html),
        Err(d) => diags.push(d),
    }
}

/// A page as search shows it: its typeset title, type label, date, the text
/// a visitor reads in its `<main>` (`html`, the rendered page; its Markdown
/// text if the template failed), and the values of its typed entry — talk
/// speakers, issuer, school, numbers — as fields of their own, so that a
/// name or a number finds the entry itself first.
pub fn document(
    page: &Page,
    title: &str,
    rendered: &Rendered,
    html: Option<&[u8]>,
    words: &toml::Table,
) -> SearchDoc {
    let entry = page.typed.entry.to_json();
    let (headings, body) = match html {
        Some(html) => {
            let text = main_text_of(html);
            (text.headings, text.body)
        }
        None => (String::new(), rendered.text.clone()),
    };
    let kind_label = kind_label(page, &entry, words);
    let mut values = Values {
        entry: kind_label.clone(),
        ids: String::new(),
    };
    if let Some(fields) = entry.as_object() {
        // The title and description are fields of their own.
        fields
            .iter()
            .filter(|(key, _)| !matches!(key.as_str(), "title" | "description"))
            .for_each(|(key, value)| values.add(value, is_id(key)));
    }
    let date = page.front.date.map(|d| d.to_string());
    SearchDoc {
        url: page.path.clone(),
        title: title.to_string(),
        kind_label,
        kind: crate::types::word(words, "kinds", page.typed.type_def().name()),
        date: date.as_deref().and_then(|d| partial_date_ru(d).ok()),
        year: date.as_deref().and_then(|d| d.get(..4)?.parse().ok()),
        headings,
        body,
        entry: values.entry,
        ids: values.ids,
    }
}

/// An entry's field that identifies it: a document's number (and its
/// aliases), a school's number.
fn is_id(key: &str) -> bool {
    key.starts_with("number")
}

/// The Russian text of an entry's fields (ids and file names are Latin and
/// left out) and its identifiers.
struct Values {
    entry: String,
    ids: String,
}

impl Values {
    fn add(&mut self, value: &serde_json::Value, is_id: bool) {
        match value {
            serde_json::Value::String(s) if is_id => push_line(&mut self.ids, s),
            serde_json::Value::String(s) if s.chars().any(is_cyrillic) => {
                push_line(&mut self.entry, s)
            }
            serde_json::Value::Number(n) if is_id => push_line(&mut self.ids, &n.to_string()),
            serde_json::Value::Array(items) => items.iter().for_each(|item| self.add(item, is_id)),
            serde_json::Value::Object(map) => map
                .iter()
                .for_each(|(key, item)| self.add(item, self::is_id(key))),
            _ => {}
        }
    }
}

fn push_line(text: &mut String, line: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(line);
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4ff}')
}

/// What a result is, for the reader: the entry's own `kind` («Приказ»,
/// «Межшкольный семинар», «Школа»), else its content type in the singular.
fn kind_label(page: &Page, entry: &serde_json::Value, words: &toml::Table) -> String {
    let own = entry.get("kind").and_then(|k| k.as_str()).map(str::trim);
    match own.filter(|k| k.chars().any(is_cyrillic)) {
        Some(kind) => crate::ru::capitalize(kind),
        None => crate::types::word(words, "kinds", page.typed.type_def().name()),
    }
}
