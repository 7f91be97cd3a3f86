//! Typed data for templates, built once per build: each entry as JSON with
//! its references replaced by `{id, title, url, text}`, its materials with
//! address, format and size, computed values (a citation line) and its
//! back-references grouped under their headings.

use crate::site::links::{map_json, material_source, Ctx};
use crate::site::Site;
use crate::types::document::{Document, Relation, Status};
use crate::types::{word, COMMON_REFS};
use rayon::prelude::*;
use serde_json::{json, Map, Value as J};
use std::collections::HashMap;

/// Each page's title with typography, by page index: typeset once and
/// shared by its summary, the references and back-references to it, the
/// filter data and the search index.
pub fn titles(site: &Site) -> Vec<String> {
    site.pages
        .par_iter()
        .map(|p| {
            crate::ru::typeset(
                &p.front.title,
                &site.config.typography.for_page(p.front.typography),
            )
        })
        .collect()
}

/// The typed part of every page's template value, by page index.
pub fn build(site: &Site, titles: &[String], words: &toml::Table) -> Vec<J> {
    let base = site.config.base_path();
    let content_root = site.root.join("content");
    let assets: HashMap<String, (&std::path::Path, &str)> = site
        .assets
        .iter()
        .map(|(src, out)| {
            (
                crate::diagnostics::rel_path(&content_root, src),
                (src.as_path(), out.as_str()),
            )
        })
        .collect();
    let ctx = Ctx {
        links: &site.links,
        pages: &site.pages,
    };
    let link = |j: usize, text: &str| -> J {
        let p = &site.pages[j];
        json!({
            "id": p.typed.id,
            "title": titles[j],
            "url": format!("{base}{}", p.path),
            "text": text,
        })
    };
    let reference = |target: &str, text: &str| -> Option<J> {
        let j = site.links.find(target, text)?;
        let mut r = link(j, text);
        // A person's current position from the directory, for speakers
        // whose entry does not state one.
        if let Some(&(position, org)) = site.pages[j].typed.entry.affiliations().first() {
            r["position"] = json!(position);
            if let Some(o) = org {
                r["organisation"] = site
                    .links
                    .find("organisation", o)
                    .map_or(J::Null, |k| link(k, o));
            }
        }
        Some(r)
    };
    let changed_by = changes(site);
    site.pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            let typed = &page.typed;
            let def = typed.type_def();
            let mut entry = typed.entry.to_json();
            if let (J::Object(m), J::Object(c)) = (&mut entry, serde_json::to_value(&typed.common).unwrap_or_default()) {
                for (k, v) in c {
                    if k != "body" {
                        m.insert(k, v);
                    }
                }
                if let Some(y) = typed.common.school_year {
                    m.insert("school_year_label".into(), J::String(y.display()));
                }
                for (k, v) in typed.entry.computed(&ctx, &page.front) {
                    m.insert(k.into(), J::String(v));
                }
                if let Some(doc) = typed.entry.as_any().downcast_ref::<Document>() {
                    let by = |want: Status| -> Vec<J> {
                        changed_by[i]
                            .iter()
                            .filter(|(_, r)| r.target_status() == Some(want))
                            .map(|&(k, r)| {
                                let from = &site.pages[k];
                                let mut l = link(k, &from.typed.id);
                                l["relation"] = serde_json::to_value(r).unwrap_or_default();
                                l["date"] = json!(from.front.date.map(|d| d.to_string()));
                                if let Some(d) = from.typed.entry.as_any().downcast_ref::<Document>() {
                                    if d.kind.is_some() {
                                        l["citation"] = json!(d.citation(&ctx, from.front.date));
                                    }
                                }
                                l
                            })
                            .collect()
                    };
                    let repealed_by = by(Status::Repealed);
                    let amended_by = by(Status::Amended);
                    let status = effective_status(doc.status, !repealed_by.is_empty(), !amended_by.is_empty());
                    m.insert("status_label".into(), json!(status.map(Status::word)));
                    m.insert("status_key".into(), json!(status.map(Status::key)));
                    m.insert("repealed_by".into(), J::Array(repealed_by));
                    m.insert("amended_by".into(), J::Array(amended_by));
                }
            }
            for spec in def.refs().iter().chain(COMMON_REFS) {
                map_json(&mut entry, spec.path, &mut |text| reference(spec.target, text));
            }
            for path in def.talks() {
                map_json(&mut entry, &format!("{path}>event"), &mut |text| {
                    let mut r = reference("event", text)?;
                    r["event_index"] = json!(site.links.find("event", text));
                    Some(r)
                });
                talk_titles(site, &mut entry, path);
            }
            for path in def.materials() {
                map_json(&mut entry, &format!("{path}>file"), &mut |name| {
                    let rel = material_source(&site.root, &page.content_dir, name)?;
                    let (src, out) = match site.images.photos.get(&rel) {
                        // A photo as a material: its largest processed copy.
                        Some(photo) => {
                            let out = photo.largest().fallback.as_str();
                            let cached = photo.files.iter().find(|(o, _)| o == out)?;
                            (cached.1.as_path(), out)
                        }
                        None => *assets.get(&rel)?,
                    };
                    let size = std::fs::metadata(src).map(|m| m.len()).unwrap_or(0);
                    let format = std::path::Path::new(name)
                        .extension()
                        .map(|e| e.to_string_lossy().to_uppercase())
                        .unwrap_or_default();
                    let url = crate::markup::url_path(&format!("{base}{out}"));
                    Some(json!({"name": name, "url": url, "format": format, "size": crate::ru::numbers::file_size(size)}))
                });
            }
            typeset_text(&mut entry, &site.config.typography.for_page(page.front.typography));
            let mut groups: Vec<(&str, Vec<J>)> = Vec::new();
            for b in &site.links.back[i] {
                let from = &site.pages[b.from];
                let url = match &b.anchor {
                    Some(a) => format!("{base}{}#{a}", from.path),
                    None => format!("{base}{}", from.path),
                };
                let item = json!({
                    "title": titles[b.from],
                    "url": url,
                    "type": from.typed.type_def().name(),
                    "date": from.front.date.map(|d| d.to_string()),
                    "context": b.context,
                });
                match groups.iter_mut().find(|(l, _)| *l == b.label) {
                    Some((_, items)) => {
                        if !items.contains(&item) {
                            items.push(item)
                        }
                    }
                    None => groups.push((b.label, vec![item])),
                }
            }
            let backlinks: Vec<J> = groups
                .into_iter()
                .map(|(label, items)| {
                    json!({"key": label, "label": word(words, "back", label), "items": items})
                })
                .collect();
            let mut m = Map::new();
            m.insert("type".into(), J::String(def.name().into()));
            m.insert("type_label".into(), J::String(def.label().into()));
            m.insert("id".into(), J::String(typed.id.clone()));
            m.insert("entry".into(), entry);
            m.insert("backlinks".into(), J::Array(backlinks));
            m.insert(
                "calendar".into(),
                match super::ics::file_name(page) {
                    Some(name) => J::String(format!("{base}{}{name}", page.path)),
                    None => J::Null,
                },
            );
            J::Object(m)
        })
        .collect()
}

/// Keys whose strings are addresses, identifiers, data keys or values set
/// by metodist already typeset (`citation`), not author text.
const NOT_TEXT: &[&str] = &[
    "url",
    "id",
    "slug",
    "anchor",
    "file",
    "path",
    "format",
    "size",
    "email",
    "emails",
    "phone",
    "phones",
    "website",
    "date",
    "date_raw",
    "date_precision",
    "end_date",
    "start",
    "end",
    "time",
    "end_time",
    "code",
    "key",
    "itemprop",
    "status_key",
    "relation",
    "type",
    "citation",
];

/// Russian typography, once, on every author string of a resolved entry
/// (aliases, activities, results, plan items, notes, reference texts), so
/// that pages, the filter data and search read the same text; school-year
/// keys («2020-2021») read «2020/2021». A material's
/// `name` (an object with a `url`) is a file name and stays.
pub(super) fn typeset_text(v: &mut J, typo: &crate::ru::typography::TypographyConfig) {
    match v {
        J::String(s) => *s = crate::ru::typeset(s, typo),
        J::Array(items) => items.iter_mut().for_each(|item| typeset_text(item, typo)),
        J::Object(m) => {
            let linked = m.contains_key("url");
            for (k, item) in m.iter_mut() {
                let k = k.as_str();
                if !(NOT_TEXT.contains(&k) || k.starts_with("number") || (linked && k == "name")) {
                    typeset_text(item, typo);
                }
            }
        }
        _ => {}
    }
}

/// For each page, the documents whose `related` amend, repeal or replace it,
/// oldest first: (page index, relation).
fn changes(site: &Site) -> Vec<Vec<(usize, Relation)>> {
    let mut by: Vec<Vec<(usize, Relation)>> = vec![Vec::new(); site.pages.len()];
    for (i, page) in site.pages.iter().enumerate() {
        let Some(doc) = page.typed.entry.as_any().downcast_ref::<Document>() else {
            continue;
        };
        for rel in &doc.related {
            let Some(r) = rel.relation.filter(|r| r.target_status().is_some()) else {
                continue;
            };
            if let Some(j) = site
                .links
                .find("document", &rel.document)
                .filter(|&j| j != i)
            {
                by[j].push((i, r));
            }
        }
    }
    for list in &mut by {
        list.sort_by_key(|&(k, _)| (site.pages[k].front.date.map(|d| d.to_string()), k));
    }
    by
}

/// A document's status as the registry shows it: a later document that
/// repeals or replaces it outranks what the entry says; one that amends it
/// makes a document in force «изменён».
fn effective_status(own: Option<Status>, repealed: bool, amended: bool) -> Option<Status> {
    match own {
        _ if repealed => Some(Status::Repealed),
        Some(Status::Repealed) => Some(Status::Repealed),
        _ if amended => Some(Status::Amended),
        own => own,
    }
}

/// Adds the talk's title and address to each resolved `{event, item}`.
fn talk_titles(site: &Site, entry: &mut J, path: &str) {
    let base = site.config.base_path();
    let Some(list) = entry
        .get_mut(path.trim_end_matches("[]"))
        .and_then(J::as_array_mut)
    else {
        return;
    };
    for talk in list {
        let Some(j) = talk["event"]["event_index"].as_u64() else {
            continue;
        };
        let page = &site.pages[j as usize];
        let item = talk["item"].as_str().unwrap_or_default().to_string();
        if let Ok(t) = page.typed.entry.talk(&item) {
            talk["talk"] = json!({
                "title": t.title,
                "url": format!("{base}{}#{}", page.path, t.anchor),
            });
        }
    }
}
