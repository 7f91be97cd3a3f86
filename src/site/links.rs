//! References between entries, resolved once per build: the id and name
//! index of every type, unknown or ambiguous references reported at their
//! line and column with the closest ids suggested, titles that need other
//! entries, and the back-references each page lists.

use crate::diagnostics::Diagnostics;
use crate::site::Page;
use crate::types::event::{STAFF_TALKS, TALKS};
use crate::types::paths::{segments, Seg};
use crate::types::{
    check_common, kind_by_name, normalize_name, talk_anchor, Entry, Problem, TitleContext,
    COMMON_REFS, TYPES,
};
use crate::yaml::node::Value;
use crate::yaml::Node;
use std::collections::HashMap;
use std::path::Path;

/// The references of a site.
#[derive(Debug, Default)]
pub struct Links {
    index: Vec<TypeIndex>,
    /// Per page: the entries pointing at it, in page order.
    pub back: Vec<Vec<Backlink>>,
}

#[derive(Debug, Default)]
struct TypeIndex {
    ids: HashMap<String, usize>,
    names: HashMap<String, Vec<usize>>,
}

/// An entry pointing at a page.
#[derive(Debug, Clone)]
pub struct Backlink {
    /// The heading it is listed under on the target's page.
    pub label: &'static str,
    pub from: usize,
    /// What inside the source refers: a talk, a measure, a plan item.
    pub context: Option<String>,
    /// Where on the source page that is (`vystuplenie-3`).
    pub anchor: Option<String>,
}

pub enum Lookup {
    Found(usize),
    Unknown,
    Ambiguous(Vec<usize>),
}

impl Links {
    /// The page `text` (an id or any name) refers to among entries of `target`.
    pub fn lookup(&self, target: &str, text: &str) -> Lookup {
        let Some(k) = kind_by_name(target) else {
            return Lookup::Unknown;
        };
        let index = &self.index[k];
        if let Some(&i) = index.ids.get(text.trim()) {
            return Lookup::Found(i);
        }
        match index.names.get(&normalize_name(text)).map(Vec::as_slice) {
            Some([i]) => Lookup::Found(*i),
            Some(many) if !many.is_empty() => Lookup::Ambiguous(many.to_vec()),
            _ => Lookup::Unknown,
        }
    }

    pub fn find(&self, target: &str, text: &str) -> Option<usize> {
        match self.lookup(target, text) {
            Lookup::Found(i) => Some(i),
            _ => None,
        }
    }

    /// Up to three ids of `target` closest to `text`, for a hint.
    fn closest(&self, target: &str, text: &str) -> Vec<String> {
        let Some(k) = kind_by_name(target) else {
            return Vec::new();
        };
        let lower = normalize_name(text);
        let mut scored: Vec<(f64, &String)> = self.index[k]
            .ids
            .keys()
            .map(|id| (strsim::normalized_damerau_levenshtein(&lower, id), id))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        scored
            .into_iter()
            .take(3)
            .filter(|(s, _)| *s > 0.3)
            .map(|(_, id)| id.clone())
            .collect()
    }
}

/// `Links` together with the pages, for titles and citations.
pub struct Ctx<'a> {
    pub links: &'a Links,
    pub pages: &'a [Page],
}

impl TitleContext for Ctx<'_> {
    fn title_of(&self, target: &str, text: &str) -> Option<String> {
        let i = self.links.find(target, text)?;
        Some(self.pages[i].front.title.clone()).filter(|t| !t.is_empty())
    }
    fn entry_of(&self, target: &str, text: &str) -> Option<&dyn Entry> {
        let i = self.links.find(target, text)?;
        Some(self.pages[i].typed.entry.as_ref())
    }
}

/// Entries that are not on the site: (type, id or name).
#[derive(Default)]
pub struct Absent {
    /// Unpublished drafts: a reference to one is a warning.
    pub drafts: Vec<(usize, String)>,
    /// Entries whose own file has errors (reported there): a reference to
    /// one is not reported again — one root cause, one error.
    pub broken: Vec<(usize, String)>,
}

/// Indexes all entries, fills in titles, resolves every reference and runs
/// every type's checks. Errors and warnings go to `diags`.
pub fn link(pages: &mut [Page], drafts: &Absent, root: &Path, diags: &Diagnostics) -> Links {
    let mut links = Links {
        index: (0..TYPES.len()).map(|_| TypeIndex::default()).collect(),
        back: vec![Vec::new(); pages.len()],
    };
    for (i, page) in pages.iter().enumerate() {
        let t = &page.typed;
        if t.kind == 0 {
            continue;
        }
        let index = &mut links.index[t.kind];
        if let Some(&other) = index.ids.get(&t.id) {
            diags.push(
                page.file
                    .diag(t.id_pos.line, t.id_pos.column, format!("идентификатор «{}» уже занят", t.id))
                    .with_hint(format!(
                        "так же называется запись в {}{}; у записей одного типа идентификаторы разные",
                        pages[other].file.rel,
                        line_suffix(pages[other].typed.id_pos.line)
                    )),
            );
            continue;
        }
        index.ids.insert(t.id.clone(), i);
        let mut names: Vec<String> = vec![t.id.clone()];
        names.extend(t.common.aliases.iter().cloned());
        names.extend(t.entry.names());
        let mut keys: Vec<String> = names.iter().map(|n| normalize_name(n)).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            index.names.entry(key).or_default().push(i);
        }
    }

    for page in pages.iter_mut() {
        if page.front.title.is_empty() {
            if let Some(t) = page.typed.entry.own_title() {
                page.front.title = t;
            }
        }
    }
    let titles: Vec<Option<String>> = {
        let ctx = Ctx {
            links: &links,
            pages,
        };
        pages
            .iter()
            .map(|p| {
                if p.front.title.is_empty() {
                    p.typed.entry.linked_title(&ctx)
                } else {
                    None
                }
            })
            .collect()
    };
    for (page, title) in pages.iter_mut().zip(titles) {
        if let Some(t) = title {
            page.front.title = t;
        }
    }

    let mut back = std::mem::take(&mut links.back);
    for (i, page) in pages.iter().enumerate() {
        let def = page.typed.type_def();
        let mut problems: Vec<Problem> = Vec::new();
        for spec in def.refs().iter().chain(COMMON_REFS) {
            for leaf in walk(&page.front_node, spec.path) {
                let text = leaf.node.as_text().unwrap_or_default();
                match resolve(
                    &links,
                    pages,
                    drafts,
                    spec.target,
                    &text,
                    leaf.node,
                    &mut problems,
                ) {
                    Some(j) if j != i || spec.target != def.name() => back[j].push(Backlink {
                        label: spec.label,
                        from: i,
                        context: leaf.context,
                        anchor: leaf.anchor,
                    }),
                    _ => {}
                }
            }
        }
        for path in def.talks() {
            for item in walk_items(&page.front_node, path) {
                let (Some(ev), Some(it)) = (item.get("event"), item.get("item")) else {
                    continue;
                };
                let Some(j) = resolve(
                    &links,
                    pages,
                    drafts,
                    "event",
                    &ev.as_text().unwrap_or_default(),
                    ev,
                    &mut problems,
                ) else {
                    continue;
                };
                let it_text = it.as_text().unwrap_or_default();
                match pages[j].typed.entry.talk(&it_text) {
                    Ok(talk) => back[j].push(Backlink {
                        label: crate::types::PRESENTED,
                        from: i,
                        context: Some(talk.title),
                        anchor: None,
                    }),
                    Err(count) => problems.push(
                        Problem::error(
                            it.pos,
                            format!(
                                "в программе мероприятия «{}» нет выступления «{it_text}»",
                                pages[j].front.title
                            ),
                        )
                        .hint(format!(
                            "выступления нумеруются с 1; в программе {}",
                            crate::ru::plural::plural_ru(
                                count as f64,
                                "пункт",
                                "пункта",
                                "пунктов"
                            )
                        )),
                    ),
                }
            }
        }
        for path in def.materials() {
            for item in walk_items(&page.front_node, path) {
                let Some(file) = item.get("file") else {
                    continue;
                };
                let name = file.as_text().unwrap_or_default();
                if name.trim() == "#" || name.contains("://") {
                    continue;
                }
                if material_source(root, &page.content_dir, &name).is_none() {
                    problems.push(
                        Problem::error(file.pos, format!("файл материала «{name}» не найден"))
                            .hint(format!(
                                "путь считается от папки записи (content/{}/) или, если начинается с «/», от папки content",
                                page.content_dir
                            )),
                    );
                }
            }
        }
        page.typed
            .entry
            .check(&page.front_node, &page.front, &mut problems);
        check_common(&page.typed, &page.front_node, &page.front, &mut problems);
        diags.extend(problems.into_iter().map(|p| p.into_diag(&page.file)));
    }
    staff_talks(pages, &links, &mut back);
    links.back = back;
    links
}

/// A person's talks count for the organisations the directory places them
/// in, so a school's page lists the talks of its staff even where the
/// program names only the person.
fn staff_talks(pages: &[Page], links: &Links, back: &mut [Vec<Backlink>]) {
    let mut derived: Vec<(usize, Backlink)> = Vec::new();
    for (j, page) in pages.iter().enumerate() {
        let talks: Vec<&Backlink> = back[j].iter().filter(|b| b.label == TALKS).collect();
        if talks.is_empty() {
            continue;
        }
        for org in page
            .typed
            .entry
            .affiliations()
            .into_iter()
            .filter_map(|(_, org)| org)
        {
            let Some(o) = links.find("organisation", org) else {
                continue;
            };
            for t in &talks {
                derived.push((
                    o,
                    Backlink {
                        label: STAFF_TALKS,
                        ..(*t).clone()
                    },
                ));
            }
        }
    }
    for (o, b) in derived {
        let known = back[o]
            .iter()
            .any(|x| x.label == b.label && x.from == b.from && x.anchor == b.anchor);
        if !known {
            back[o].push(b);
        }
    }
}

/// The display name and slug of a taxonomy term that is a reference of
/// `page`'s type in `field` (`risk_factors`, `issuer`): the target's title
/// and id; a school year in words; `None` for plain values.
pub fn term_of(
    site: &crate::site::Site,
    page: &Page,
    field: &str,
    value: &str,
) -> Option<(String, String)> {
    if field == "school_year" {
        // «2021/2022 учебный год», as in listings; the page stays /2021-2022/.
        return page
            .typed
            .common
            .school_year
            .map(|y| (y.display(), y.key()));
    }
    let spec = page
        .typed
        .type_def()
        .refs()
        .iter()
        .chain(COMMON_REFS)
        .find(|s| {
            let base = s.path.split('>').next().unwrap_or(s.path);
            base.trim_end_matches("[]") == field
        })?;
    let j = site.links.find(spec.target, value)?;
    let target = &site.pages[j];
    Some((target.front.title.clone(), target.typed.id.clone()))
}

/// The file a material names, relative to its entry's folder or, with a
/// leading `/`, to content/.
pub fn material_source(root: &Path, content_dir: &str, name: &str) -> Option<String> {
    let rel = match name.strip_prefix('/') {
        Some(r) => r.to_string(),
        None if content_dir.is_empty() => name.to_string(),
        None => format!("{content_dir}/{name}"),
    };
    root.join("content").join(&rel).is_file().then_some(rel)
}

fn line_suffix(line: usize) -> String {
    if line > 0 {
        format!(":{line}")
    } else {
        String::new()
    }
}

fn resolve(
    links: &Links,
    pages: &[Page],
    absent: &Absent,
    target: &str,
    text: &str,
    node: &Node,
    problems: &mut Vec<Problem>,
) -> Option<usize> {
    let label = kind_by_name(target).map_or(target, |k| TYPES[k].label());
    match links.lookup(target, text) {
        Lookup::Found(j) => Some(j),
        Lookup::Unknown
            if absent.broken.iter().any(|(k, name)| {
                Some(*k) == kind_by_name(target) && normalize_name(name) == normalize_name(text)
            }) =>
        {
            None
        }
        Lookup::Unknown
            if absent
                .drafts
                .iter()
                .any(|(k, id)| Some(*k) == kind_by_name(target) && id == text.trim()) =>
        {
            problems.push(
                Problem::warning(node.pos, format!("ссылка на черновик «{text}»: запись не опубликована"))
                    .hint("на сайте ссылка будет показана без адреса; снимите с записи «draft: true» или соберите с --drafts"),
            );
            None
        }
        Lookup::Unknown => {
            let close = links.closest(target, text);
            let hint = if close.is_empty() {
                format!("ссылаться можно по идентификатору записи или любому её названию из раздела «{label}»")
            } else {
                format!(
                    "возможно, вы имели в виду {}?",
                    close
                        .iter()
                        .map(|c| format!("«{c}»"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            problems.push(
                Problem::error(
                    node.pos,
                    format!("ссылка на несуществующую запись «{text}» (раздел «{label}»)"),
                )
                .hint(hint),
            );
            None
        }
        Lookup::Ambiguous(many) => {
            let ids: Vec<String> = many
                .iter()
                .map(|&j| format!("«{}»", pages[j].typed.id))
                .collect();
            problems.push(
                Problem::error(
                    node.pos,
                    format!(
                        "название «{text}» подходит к нескольким записям: {}",
                        ids.join(", ")
                    ),
                )
                .hint("сошлитесь по идентификатору записи"),
            );
            None
        }
    }
}

/// A reference found in an entry.
pub struct Leaf<'a> {
    pub node: &'a Node,
    pub context: Option<String>,
    pub anchor: Option<String>,
}

/// The scalar leaves of `path` in `node`.
pub fn walk<'a>(node: &'a Node, path: &str) -> Vec<Leaf<'a>> {
    let mut out = Vec::new();
    walk_segs(node, &segments(path), None, None, &mut out);
    out
}

/// The record items of a list path (`presented_at[]`, `materials[]`).
fn walk_items<'a>(node: &'a Node, path: &str) -> Vec<&'a Node> {
    let segs = segments(path);
    let mut nodes = vec![node];
    for seg in &segs {
        let mut next = Vec::new();
        for n in nodes {
            if let Some(child) = n.get(seg.name) {
                if seg.list {
                    next.extend(crate::types::shared::items(Some(child)));
                } else {
                    next.push(child);
                }
            }
        }
        nodes = next;
    }
    nodes
}

fn walk_segs<'a>(
    node: &'a Node,
    segs: &[Seg],
    context: Option<String>,
    anchor: Option<String>,
    out: &mut Vec<Leaf<'a>>,
) {
    let Some((seg, rest)) = segs.split_first() else {
        if node.as_text().is_some() {
            out.push(Leaf {
                node,
                context,
                anchor,
            });
        }
        return;
    };
    let Some(child) = node.get(seg.name) else {
        return;
    };
    let items = if seg.list {
        crate::types::shared::items(Some(child))
    } else {
        vec![child]
    };
    for (i, item) in items.into_iter().enumerate() {
        if matches!(item.value, Value::Null) {
            continue;
        }
        let mut context = context.clone();
        let mut anchor = anchor.clone();
        if seg.list {
            if let Some(t) = item.get(seg.named_by).and_then(Node::as_text) {
                context = Some(t);
            }
            if seg.talks {
                anchor = Some(talk_anchor(i));
            }
        }
        let next = match seg.key {
            Some(k) if item.as_text().is_none() => match item.get(k) {
                Some(n) => n,
                None => continue,
            },
            _ => item,
        };
        walk_segs(next, rest, context, anchor, out);
    }
}

/// Replaces the string leaves of `path` in a JSON value by `f`'s result.
pub fn map_json(
    v: &mut serde_json::Value,
    path: &str,
    f: &mut dyn FnMut(&str) -> Option<serde_json::Value>,
) {
    map_segs(v, &segments(path), f);
}

fn map_segs(
    v: &mut serde_json::Value,
    segs: &[Seg],
    f: &mut dyn FnMut(&str) -> Option<serde_json::Value>,
) {
    use serde_json::Value as J;
    let Some((seg, rest)) = segs.split_first() else {
        if let J::String(s) = v {
            if let Some(r) = f(s) {
                *v = r;
            }
        }
        return;
    };
    let Some(child) = v.get_mut(seg.name) else {
        return;
    };
    let items: Vec<&mut J> = match child {
        J::Array(a) if seg.list => a.iter_mut().collect(),
        J::Null => Vec::new(),
        other => vec![other],
    };
    for item in items {
        let next = match seg.key {
            Some(k) if item.is_object() => match item.get_mut(k) {
                Some(n) => n,
                None => continue,
            },
            _ => item,
        };
        map_segs(next, rest, f);
    }
}
