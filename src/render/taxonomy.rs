//! Taxonomies declared in site.toml (`[[taxonomies]] name = "school_year"`):
//! every page's field of that name gives its terms; each taxonomy gets a page
//! listing its terms and one page per term listing its pages.

use super::{templates, values};
use crate::diagnostics::Diagnostics;
use crate::output::Output;
use crate::ru::slug::slugify;
use crate::site::Site;
use crate::yaml::node::Value as Yv;
use serde::Serialize;
use std::collections::BTreeMap;
use tera::{Context, Value};

pub struct Taxonomy {
    pub name: String,
    pub title: String,
    pub slug: String,
    /// Term → its slug and pages (indexes, newest first), sorted by collation.
    pub terms: Vec<Term>,
}

pub struct Term {
    pub name: String,
    pub slug: String,
    pub pages: Vec<usize>,
}

pub fn collect(site: &Site) -> Vec<Taxonomy> {
    site.config
        .taxonomies
        .iter()
        .map(|t| {
            let mut terms: BTreeMap<String, (String, String, Vec<usize>)> = BTreeMap::new();
            for (i, page) in site.pages.iter().enumerate() {
                if !t.types.is_empty() && !t.types.iter().any(|n| n == page.typed.type_def().name())
                {
                    continue;
                }
                let Some(node) = page.front_node.get(&t.name) else {
                    continue;
                };
                let values: Vec<String> = match &node.value {
                    Yv::Seq(items) => items.iter().filter_map(|n| n.as_text()).collect(),
                    _ => node.as_text().into_iter().collect(),
                };
                for v in values {
                    // A reference (a risk factor, an issuer) is a term named
                    // by its target's title, with the target's id as slug.
                    let (name, slug) = crate::site::links::term_of(site, page, &t.name, &v)
                        .unwrap_or_else(|| (v.clone(), slugify(&v)));
                    let pages = &mut terms
                        .entry(crate::ru::collate::key(&name))
                        .or_insert_with(|| (name, slug, Vec::new()))
                        .2;
                    if pages.last() != Some(&i) {
                        pages.push(i);
                    }
                }
            }
            let terms = terms
                .into_values()
                .map(|(name, slug, mut pages)| {
                    pages.sort_by(|&a, &b| site.pages[b].front.date.cmp(&site.pages[a].front.date));
                    Term { slug, name, pages }
                })
                .collect();
            Taxonomy {
                name: t.name.clone(),
                title: t.title.clone(),
                slug: t.slug.clone().unwrap_or_else(|| slugify(&t.name)),
                terms,
            }
        })
        .collect()
}

#[derive(Serialize)]
struct TermValue<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    count: usize,
}

/// The terms of each page (taxonomy title, term name, term page URL), so a
/// page links to the static pages of its school year, kind, issuer…
pub fn page_terms(site: &Site, taxonomies: &[Taxonomy]) -> Vec<Vec<serde_json::Value>> {
    let base = site.config.base_path();
    let mut out = vec![Vec::new(); site.pages.len()];
    for t in taxonomies {
        for term in &t.terms {
            for &i in &term.pages {
                out[i].push(serde_json::json!({
                    "taxonomy": t.title,
                    "name": term.name,
                    "url": format!("{base}{}/{}/", t.slug, term.slug),
                }));
            }
        }
    }
    out
}

/// One taxonomy for templates: name, title, url and terms with counts.
fn taxonomy_value(site: &Site, t: &Taxonomy) -> serde_json::Value {
    let base = site.config.base_path();
    let terms: Vec<TermValue> = t
        .terms
        .iter()
        .map(|term| TermValue {
            name: &term.name,
            slug: &term.slug,
            url: format!("{base}{}/{}/", t.slug, term.slug),
            count: term.pages.len(),
        })
        .collect();
    serde_json::json!({
        "name": t.name,
        "title": t.title,
        "url": format!("{base}{}/", t.slug),
        "terms": terms,
    })
}

/// `taxonomies.<name>` for templates.
pub fn value(site: &Site, taxonomies: &[Taxonomy]) -> Value {
    let map: BTreeMap<&str, serde_json::Value> = taxonomies
        .iter()
        .map(|t| (t.name.as_str(), taxonomy_value(site, t)))
        .collect();
    Value::from_serializable(&map)
}

pub fn render(
    site: &Site,
    tera: &templates::Templates,
    taxonomies: &[Taxonomy],
    summaries: &[Value],
    output: &mut Output,
    diags: &Diagnostics,
) {
    let base = site.config.base_path();
    for t in taxonomies {
        let tv = Value::from_serializable(&taxonomy_value(site, t));
        let mut ctx = Context::new();
        ctx.insert_value("taxonomy", tv.clone());
        ctx.insert("current_path", &format!("{base}{}/", t.slug));
        match templates::render(tera, "taxonomy_list.html", &ctx, "site.toml") {
            Ok(html) => output.add(format!("{}/index.html", t.slug), html),
            Err(d) => {
                diags.push(d);
                continue;
            }
        }
        for term in &t.terms {
            let mut ctx = Context::new();
            ctx.insert_value("taxonomy", tv.clone());
            let pages: Vec<Value> = term.pages.iter().map(|&i| summaries[i].clone()).collect();
            ctx.insert_value(
                "term",
                values::with(
                    Value::from_serializable(&TermValue {
                        name: &term.name,
                        slug: &term.slug,
                        url: format!("{base}{}/{}/", t.slug, term.slug),
                        count: term.pages.len(),
                    }),
                    [("pages", Value::from(pages))],
                ),
            );
            ctx.insert("current_path", &format!("{base}{}/{}/", t.slug, term.slug));
            match templates::render(tera, "taxonomy_single.html", &ctx, "site.toml") {
                Ok(html) => output.add(format!("{}/{}/index.html", t.slug, term.slug), html),
                Err(d) => {
                    diags.push(d);
                    break;
                }
            }
        }
    }
}
