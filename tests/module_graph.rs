//! The crate's top-level modules form layers, not cycles: `ru`, `yaml`,
//! `search` at the bottom; `types` (the content model) above them; then
//! `site` (resolve), `render`, `output`, `pipeline`, and the commands on
//! top. The graph is read from the sources (`crate::x` paths outside test
//! modules), so a new back edge fails here with the cycle spelt out.

mod common;

use std::collections::{BTreeMap, BTreeSet};

fn code_of(text: &str) -> &str {
    // Unit tests may reach across layers; they sit at the end of a file.
    match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    }
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The top-level modules a text refers to with `crate::`.
fn uses(text: &str, out: &mut BTreeSet<String>) {
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a, b::c, d::{e, f}}`: the first segment of each
            // top-level item of the group.
            let mut depth = 0;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_ascii_alphabetic() || c == '_') => {
                        out.insert(ident(&group[j..]).to_string());
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(rest).to_string());
        }
    }
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = common::repo().join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "main" || top == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let deps = graph.entry(top.clone()).or_default();
        uses(code_of(&text), deps);
        deps.remove(&top);
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for deps in graph.values_mut() {
        deps.retain(|d| modules.contains(d));
    }
    graph
}

/// A cycle through `from`, if there is one.
fn cycle(
    graph: &BTreeMap<String, BTreeSet<String>>,
    at: &str,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(i) = path.iter().position(|p| p == at) {
        let mut c = path[i..].to_vec();
        c.push(at.to_string());
        return Some(c);
    }
    if done.contains(at) {
        return None;
    }
    path.push(at.to_string());
    for next in &graph[at] {
        if let Some(c) = cycle(graph, next, path, done) {
            return Some(c);
        }
    }
    path.pop();
    done.insert(at.to_string());
    None
}

#[test]
fn top_level_modules_have_no_cycles() {
    let graph = graph();
    assert!(graph.len() > 10, "{graph:?}");
    // The reader is not blind: these edges exist.
    assert!(graph["pipeline"].contains("render"), "{graph:?}");
    assert!(graph["site"].contains("types"), "{graph:?}");
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        if let Some(c) = cycle(&graph, module, &mut Vec::new(), &mut done) {
            panic!("module cycle: {}\n{graph:#?}", c.join(" → "));
        }
    }
}

#[test]
fn the_reader_sees_grouped_imports() {
    let mut found = BTreeSet::new();
    uses(
        "use crate::{site::Site, types::{self, TYPES}};\nlet x = crate::ru::capitalize(y);",
        &mut found,
    );
    let expected: BTreeSet<String> = ["site", "types", "ru"].map(String::from).into();
    assert_eq!(found, expected);
}
