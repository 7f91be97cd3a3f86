//! The site's search: `search-index.js` from every page and section (see
//! [`crate::search`] for the index and why it is a script), and the search
//! page at `poisk/` from the theme's `search.html`.

use super::markdown::Rendered;
use super::templates;
use crate::diagnostics::Diagnostics;
use crate::output::Output;
use crate::ru::dates::partial_date_ru;
use crate::ru::typography::typograph;
use crate::search::{build_index, SearchDoc};
use crate::site::{Page, Site};
use tera::{Context, Tera};

/// The URL folder of the search page («поиск»).
pub const SEARCH_PATH: &str = "poisk/";

/// Writes `search-index.js` from the pages' documents (in page order) and
/// the sections, and the search page if the theme has `search.html`.
pub fn render(
    site: &Site,
    tera: &Tera,
    mut docs: Vec<SearchDoc>,
    sections: &[Rendered],
    output: &mut Output,
    diags: &Diagnostics,
) {
    docs.extend(
        site.sections
            .iter()
            .zip(sections)
            .skip(1) // the home page
            .map(|(section, rendered)| SearchDoc {
                url: section.path.clone(),
                title: typograph(&section.front.title, &site.config.typography).output,
                kind_label: "Раздел".into(),
                date: None,
                text: rendered.text.clone(),
            }),
    );
    output.add("search-index.js", build_index(&docs));
    if !tera.get_template_names().any(|n| n == "search.html") {
        return;
    }
    let mut ctx = Context::new();
    let base = site.config.base_path();
    ctx.insert("current_path", &format!("{base}{SEARCH_PATH}"));
    let file = format!("themes/{}/templates/search.html", site.config.theme);
    match templates::render(
        tera,
        "search.html",
        &ctx,
        &site.root,
        &site.config.theme,
        &file,
    ) {
        Ok(html) => output.add(format!("{SEARCH_PATH}index.html"), html),
        Err(d) => diags.push(d),
    }
}

/// A page as search shows it: its typeset title, type label, date and text
/// (description and body).
pub fn document(site: &Site, page: &Page, rendered: &Rendered) -> SearchDoc {
    let typo = site.config.typography.for_page(page.front.typography);
    let mut text = page.front.description.clone().unwrap_or_default();
    text.push('\n');
    text.push_str(&rendered.text);
    SearchDoc {
        url: page.path.clone(),
        title: typograph(&page.front.title, &typo).output,
        kind_label: kind_label(site, page),
        date: page
            .front
            .date
            .and_then(|d| partial_date_ru(&d.to_string()).ok()),
        text,
    }
}

/// What a result is, for the reader: the page's own `kind` («Приказ»,
/// «Межшкольный семинар»), else the label of its collection's type.
fn kind_label(site: &Site, page: &Page) -> String {
    let fields = page.front_node.to_json();
    if let Some(kind) = fields.get("kind").and_then(|k| k.as_str()) {
        let mut chars = kind.trim().chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    let dir = &site.sections[page.section].dir;
    let folder = dir.split('/').next().unwrap_or_default();
    let collection = site.config.collections.get(folder).map(String::as_str);
    if folder == "shkoly" {
        return "Школа".into();
    }
    match collection.unwrap_or(folder) {
        "event" | "meropriiatiia" => "Мероприятие",
        "pair" | "partnerstvo" => "Межшкольная пара",
        "practice" | "praktiki" => "Практика",
        "document" | "dokumenty" => "Документ",
        "plan" | "dorozhnaia-karta" => "План",
        "organisation" | "organizatsii" => "Организация",
        "person" | "liudi" => "Человек",
        "risk_factor" | "riski" => "Фактор риска",
        "glossary_term" | "glossarii" => "Термин",
        "indicator" | "monitoring" => "Показатели",
        _ => "Страница",
    }
    .into()
}
