//! Data for the client-side combined filter of a collection's listing (the
//! practice bank, the document registry): every entry with its facet values,
//! and each facet's values with counts. It is embedded in the listing page
//! as JSON, so `static/js/filter.js` works from `file://` and offline.

use crate::site::{Section, Site};
use serde_json::{json, Value as J};
use std::collections::BTreeMap;

/// The filter data of a section, if its type has facets and it has entries.
pub fn section_data(
    site: &Site,
    section: &Section,
    titles: &[String],
    typed: &[J],
    words: &toml::Table,
) -> Option<J> {
    let kind = site.collections.kind_of(&section.dir)?;
    let facets = crate::types::TYPES[kind].facets();
    if facets.is_empty() || section.pages.is_empty() {
        return None;
    }
    let base = site.config.base_path();
    let mut counts: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); facets.len()];
    let items: Vec<J> = section
        .pages
        .iter()
        .map(|&i| {
            let page = &site.pages[i];
            let entry = &typed[i]["entry"];
            let mut values = serde_json::Map::new();
            // What the text box of the filter matches: the title, every
            // number (`number`, `number_raw`, `number_aliases`) and the facet values.
            let mut keys = vec![titles[i].clone()];
            for (name, v) in entry.as_object().into_iter().flatten() {
                if name.starts_with("number") {
                    match v {
                        J::String(s) => keys.push(s.clone()),
                        J::Array(a) => {
                            keys.extend(a.iter().filter_map(J::as_str).map(String::from))
                        }
                        _ => {}
                    }
                }
            }
            for (f, facet) in facets.iter().enumerate() {
                let vals = facet_values(entry, facet.path);
                for v in &vals {
                    *counts[f].entry(v.clone()).or_default() += 1;
                }
                keys.extend(vals.iter().cloned());
                values.insert(facet.name.into(), json!(vals));
            }
            json!({
                "url": format!("{base}{}", page.path),
                "title": titles[i],
                "date": page.front.date.map(|d| d.to_string()),
                "description": page.front.description.as_deref().map(|d| {
                    crate::ru::typeset(d, &site.config.typography.for_page(page.front.typography))
                }),
                "values": values,
                "keys": keys.join("\n"),
            })
        })
        .collect();
    let facets: Vec<J> = facets
        .iter()
        .zip(counts)
        .filter(|(_, c)| !c.is_empty())
        .map(|(facet, c)| {
            let mut values: Vec<(String, usize)> = c.into_iter().collect();
            if facet.name == "school_year" {
                // Years read in time order, newest first.
                values.sort_by(|a, b| b.0.cmp(&a.0));
            } else {
                values.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then_with(|| crate::ru::collate::key(&a.0).cmp(&crate::ru::collate::key(&b.0)))
                });
            }
            json!({
                "name": facet.name,
                "label": crate::types::word(words, "facets", facet.label),
                "values": values.into_iter().map(|(v, n)| json!({"value": v, "count": n})).collect::<Vec<_>>(),
            })
        })
        .collect();
    Some(json!({"facets": facets, "items": items}))
}

/// The display values of a facet path in a resolved entry: texts, the
/// titles of references, school years in words.
fn facet_values(entry: &J, path: &str) -> Vec<String> {
    let (name, list) = match path.strip_suffix("[]") {
        Some(n) => (n, true),
        None => (path, false),
    };
    if name == "school_year" {
        return entry["school_year_label"]
            .as_str()
            .map(String::from)
            .into_iter()
            .collect();
    }
    let v = &entry[name];
    let items: Vec<&J> = match v {
        J::Array(a) if list => a.iter().collect(),
        J::Null => Vec::new(),
        other => vec![other],
    };
    items
        .into_iter()
        .filter_map(|item| match item {
            J::String(s) => Some(s.clone()),
            J::Object(o) => o.get("title").and_then(J::as_str).map(String::from),
            _ => None,
        })
        .collect()
}

/// JSON safe inside `<script type="application/json">`.
pub fn embed(data: &J) -> String {
    crate::markup::json_in_script(data)
}
