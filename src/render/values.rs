//! Template values, built once per build. tera 2 keeps arrays and maps behind
//! `Arc`, so a section's page list is shared by every page that shows it
//! instead of being serialized again per page (Zola's `get_section` made a
//! 1,000-page site take 43 s that way). Author text (titles, descriptions,
//! notes) gets Russian typography here, once, for every template.

use super::markdown::TocEntry;
use crate::site::{Page, Section, Site};
use crate::types::front::GroupBy;
use serde::Serialize;
use tera::Value;

#[derive(Serialize)]
struct PageSummary<'a> {
    title: String,
    url: String,
    permalink: String,
    path: &'a str,
    slug: &'a str,
    date: Option<String>,
    date_raw: Option<&'a str>,
    updated: Option<String>,
    description: Option<String>,
    weight: Option<i64>,
    verified: bool,
    draft: bool,
    notes: Option<String>,
    section: &'a str,
    extra: Option<serde_json::Value>,
    /// All front matter as written, for content-type fields.
    fields: serde_json::Value,
    /// The heading of the page's group in its section's list.
    group: Option<String>,
    /// Its taxonomy terms with their pages' URLs (see `taxonomy::page_terms`).
    terms: &'a [serde_json::Value],
    /// The typed part (see `types::values`): type, id, entry, backlinks.
    #[serde(flatten)]
    typed: &'a serde_json::Value,
}

/// A page for templates; `typed` is its part of `types::values::build`.
pub fn page_summary(
    site: &Site,
    page: &Page,
    title: &str,
    typed: &serde_json::Value,
    terms: &[serde_json::Value],
) -> Value {
    let base = site.config.base_path();
    let typo = site.config.typography.for_page(page.front.typography);
    let text = |s: &str| crate::ru::typeset(s, &typo);
    let group_by = site.sections[page.section].front.group_by;
    let group = crate::site::group_key(page, group_by).map(|key| match group_by {
        GroupBy::SchoolYear => page
            .typed
            .common
            .school_year
            .map_or(key.clone(), |y| y.display()),
        GroupBy::Year => format!("{key}\u{a0}год"),
        GroupBy::Month => match page.front.date {
            Some(d) if d.month.is_some() => crate::ru::capitalize(&crate::ru::dates::month_ru(
                d.year,
                d.month.unwrap_or(1),
                crate::ru::dates::MonthCase::Nominative,
            )),
            _ => format!("{key}\u{a0}год"),
        },
        _ => crate::ru::capitalize(&key),
    });
    Value::from_serializable(&PageSummary {
        title: title.to_string(),
        url: format!("{base}{}", page.path),
        permalink: permalink(site, &page.path),
        path: &page.path,
        slug: &page.slug,
        date: page.front.date.map(|d| d.to_string()),
        date_raw: page.front.date_raw.as_deref(),
        updated: page.front.updated.map(|d| d.to_string()),
        description: page.front.description.as_deref().map(text),
        weight: page.front.weight,
        verified: page.front.verified,
        draft: page.front.draft,
        notes: page.front.notes.as_deref().map(text),
        section: &site.sections[page.section].dir,
        extra: page.front.extra.clone().map(|mut x| {
            super::typed::typeset_text(&mut x, &typo);
            x
        }),
        fields: page.front_node.to_json(),
        group,
        terms,
        typed,
    })
}

/// The full URL of a site path, for feeds and the sitemap.
pub fn permalink(site: &Site, path: &str) -> String {
    format!("{}{}", site.config.base_url, path)
}

#[derive(Serialize)]
struct SectionValue<'a> {
    title: String,
    description: Option<String>,
    url: String,
    permalink: String,
    path: &'a str,
    dir: &'a str,
    feed: bool,
    extra: Option<serde_json::Value>,
    subsections: Vec<&'a str>,
    parent: Option<&'a str>,
}

/// A section with its pages (shared summaries), subsection dirs and, for
/// collections with facets, the filter data as embeddable JSON.
pub fn section_value(
    site: &Site,
    section: &Section,
    summaries: &[Value],
    titles: &[String],
    typed: &[serde_json::Value],
    words: &toml::Table,
) -> Value {
    let base = site.config.base_path();
    let typo = site.config.typography.for_page(section.front.typography);
    let text = |s: &str| crate::ru::typeset(s, &typo);
    let v = Value::from_serializable(&SectionValue {
        title: text(&section.front.title),
        description: section.front.description.as_deref().map(text),
        url: format!("{base}{}", section.path),
        permalink: permalink(site, &section.path),
        path: &section.path,
        dir: &section.dir,
        feed: section.front.feed,
        extra: section.front.extra.clone().map(|mut x| {
            super::typed::typeset_text(&mut x, &typo);
            x
        }),
        subsections: section
            .subsections
            .iter()
            .map(|&i| site.sections[i].dir.as_str())
            .collect(),
        parent: section.parent.map(|p| site.sections[p].dir.as_str()),
    });
    let pages: Vec<Value> = section
        .pages
        .iter()
        .map(|&i| summaries[i].clone())
        .collect();
    let filter = crate::render::facets::section_data(site, section, titles, typed, words)
        .map(|d| Value::from(crate::render::facets::embed(&d)))
        .unwrap_or(Value::none());
    with(v, [("pages", Value::from(pages)), ("filter_json", filter)])
}

/// Adds keys to a map value.
pub fn with<const N: usize>(map: Value, entries: [(&'static str, Value); N]) -> Value {
    let mut m = map.into_map().unwrap_or_default();
    for (k, v) in entries {
        m.insert(k.into(), v);
    }
    Value::from(m)
}

#[derive(Serialize)]
pub struct Crumb {
    pub title: String,
    pub url: String,
}

/// Home → … → the section holding `section` (inclusive).
pub fn breadcrumbs(site: &Site, mut section: usize) -> Vec<Crumb> {
    let base = site.config.base_path();
    let mut chain = vec![section];
    while let Some(p) = site.sections[section].parent {
        chain.push(p);
        section = p;
    }
    chain
        .into_iter()
        .rev()
        .map(|i| Crumb {
            title: if i == 0 {
                "Главная".into()
            } else {
                site.sections[i].front.title.clone()
            },
            url: format!("{base}{}", site.sections[i].path),
        })
        .collect()
}

pub fn toc_value(toc: &[TocEntry]) -> Value {
    Value::from_serializable(toc)
}
