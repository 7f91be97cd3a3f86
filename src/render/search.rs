//! The site's search: `search-index.js` from every page and section (see
//! [`crate::search`] for the index and why it is a script), and the search
//! page at `poisk/` from the theme's `search.html`.

use super::markdown::Rendered;
use super::templates;
use crate::diagnostics::Diagnostics;
use crate::output::Output;
use crate::ru::dates::partial_date_ru;
use crate::ru::typography::typograph;
use crate::search::{IndexBuilder, IndexedDoc, SearchDoc};
use crate::site::{Page, Site};
use tera::Context;

/// The URL folder of the search page («поиск»).
pub const SEARCH_PATH: &str = "poisk/";

/// Writes `search-index.js` from the index the page pass filled (pages by
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
        let doc = IndexedDoc::new(&SearchDoc {
            url: section.path.clone(),
            title: typograph(&section.front.title, &site.config.typography).output,
            kind_label: crate::types::word(words, "kinds", "section"),
            date: None,
            text: rendered.text.clone(),
        });
        index.add(site.pages.len() + k, &doc);
    }
    output.add("search-index.js", index.finish());
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

/// A page as search shows it: its typeset title, type label, date and text
/// (description, body, and the text fields of its typed entry — talk
/// titles, speakers, numbers — so a search finds what the page shows).
pub fn document(site: &Site, page: &Page, rendered: &Rendered, words: &toml::Table) -> SearchDoc {
    let typo = site.config.typography.for_page(page.front.typography);
    let entry = page.typed.entry.to_json();
    let mut text = page.front.description.clone().unwrap_or_default();
    text.push('\n');
    text.push_str(&rendered.text);
    if let Some(fields) = entry.as_object() {
        // The title and description are in the document already.
        fields
            .iter()
            .filter(|(key, _)| !matches!(key.as_str(), "title" | "description"))
            .for_each(|(key, value)| key_fields(value, key.starts_with("number"), &mut text));
    }
    SearchDoc {
        url: page.path.clone(),
        title: typograph(&page.front.title, &typo).output,
        kind_label: kind_label(page, &entry, words),
        date: page
            .front
            .date
            .and_then(|d| partial_date_ru(&d.to_string()).ok()),
        text,
    }
}

/// Appends the Russian text of an entry's fields (ids and file names are
/// Latin and left out) and every `number`.
fn key_fields(value: &serde_json::Value, is_number: bool, out: &mut String) {
    match value {
        serde_json::Value::String(s) if is_number || s.chars().any(is_cyrillic) => {
            out.push('\n');
            out.push_str(s);
        }
        serde_json::Value::Array(items) => items
            .iter()
            .for_each(|item| key_fields(item, is_number, out)),
        serde_json::Value::Object(map) => map
            .iter()
            .for_each(|(key, item)| key_fields(item, key.starts_with("number"), out)),
        _ => {}
    }
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
