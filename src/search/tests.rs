use super::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn doc(url: &str, title: &str, kind: &str, date: Option<&str>, text: &str) -> SearchDoc {
    SearchDoc {
        url: url.into(),
        title: title.into(),
        kind_label: kind.into(),
        date: date.map(str::to_string),
        text: text.into(),
    }
}

fn parse(js: &str) -> serde_json::Value {
    let json = js
        .strip_prefix("window.METODIST_SEARCH = ")
        .and_then(|s| s.strip_suffix(";\n"))
        .expect("index is one assignment");
    serde_json::from_str(json).unwrap()
}

fn postings(index: &serde_json::Value, term: &str) -> Vec<(u64, u64)> {
    let flat: Vec<u64> = index["terms"][term]
        .as_array()
        .unwrap_or_else(|| panic!("no term {term}"))
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let mut doc = 0;
    flat.chunks(2)
        .map(|pair| {
            doc += pair[0];
            (doc, pair[1])
        })
        .collect()
}

#[test]
fn index_content_and_weights() {
    let docs = [
        doc(
            "seminars/partnerstvo/",
            "Межшкольное партнёрство",
            "Семинар",
            Some("17 ноября 2022 г."),
            "Школы обсудили партнерство и работу школ.",
        ),
        doc(
            "practices/nastavnichestvo/",
            "Наставничество",
            "Практика",
            None,
            "О партнёрстве школ в проекте «500+». Партнёрство, партнёрство, партнёрство.",
        ),
    ];
    let index = parse(&build_index(&docs));
    assert_eq!(index["docs"][0][0], "seminars/partnerstvo/");
    assert_eq!(index["docs"][0][2], "Семинар");
    assert_eq!(index["docs"][0][3], "17 ноября 2022 г.");
    assert!(index["docs"][1][3].is_null());
    let stems = Stems::default();
    let partner = stems.stem("партнерство");
    // ё folded: both spellings are one term; the title outweighs repetition.
    assert_eq!(
        postings(&index, &partner),
        [(0, u64::from(TITLE_WEIGHT) + 1), (1, 4)]
    );
    let school = stems.stem("школы");
    assert_eq!(stems.stem("школ"), school);
    assert_eq!(postings(&index, &school), [(0, 2), (1, 1)]);
    assert!(
        index["terms"].get("в").is_none(),
        "stop words are not indexed"
    );
    assert!(index["terms"].get("500").is_some());
    assert_eq!(postings(&index, &stems.stem("семинар")), [(0, 1)]);
}

#[test]
fn snippet_source_is_cut_at_a_word() {
    let long = "слово ".repeat(200);
    let cut = snippet_source(&long);
    assert!(cut.ends_with("слово…"));
    assert!(cut.chars().count() <= SNIPPET_SOURCE_CHARS + 1);
    assert_eq!(snippet_source("  два\n слова "), "два слова");
}

#[test]
fn unseen_forms_resolve_by_prefix() {
    let docs = [doc(
        "a/",
        "Партнёрства и школы",
        "Практика",
        None,
        "партнёрством",
    )];
    let index = parse(&build_index(&docs));
    let forms: BTreeMap<String, String> = serde_json::from_value(index["forms"].clone()).unwrap();
    let is_term = |t: &str| index["terms"].get(t).is_some();
    let stems = Stems::default();
    for query in ["партнерство", "партнерствами", "школ", "школами"]
    {
        assert_eq!(
            resolve(&fold(query), &forms, is_term),
            Some(stems.stem(&fold(query))),
            "{query}"
        );
    }
    assert_eq!(resolve("абракадабра", &forms, is_term), None);
}

/// The reference content: the portal in `content/` and the seed documents
/// in `shared/seeds` beside the checkout (CI) or beside the worktrees.
fn reference_texts() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    let seeds = [
        root.join("../shared/seeds"),
        root.join("../../shared/seeds"),
    ]
    .into_iter()
    .find(|p| p.is_dir())
    .unwrap_or_default();
    for dir in [root.join("content"), seeds] {
        for entry in walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
        {
            let path = entry.path();
            let wanted = ["md", "txt", "yaml", "yml", "toml", "csv"];
            if path
                .extension()
                .is_some_and(|e| wanted.iter().any(|w| e == *w))
            {
                if let Ok(text) = std::fs::read_to_string(path) {
                    texts.push((path.to_path_buf(), text));
                }
            }
        }
    }
    assert!(
        texts.len() >= 4,
        "reference content not found under content/ or ../shared/seeds"
    );
    texts
}

fn reference_index() -> (Vec<String>, String) {
    let texts = reference_texts();
    let docs: Vec<SearchDoc> = texts
        .iter()
        .map(|(path, text)| doc(&path.display().to_string(), "", "Документ", None, text))
        .collect();
    let mut forms: Vec<String> = texts
        .iter()
        .flat_map(|(_, text)| words(text).map(fold))
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect();
    forms.sort();
    forms.dedup();
    (forms, build_index(&docs))
}

#[test]
fn browser_resolution_equals_the_stemmer_on_every_reference_word() {
    let (forms, js) = reference_index();
    let index = parse(&js);
    let table: BTreeMap<String, String> = serde_json::from_value(index["forms"].clone()).unwrap();
    let is_term = |t: &str| index["terms"].get(t).is_some();
    let stems = Stems::default();
    let mut not_prefix = Vec::new();
    for form in &forms {
        let stem = stems.stem(form);
        assert_eq!(
            resolve(form, &table, is_term).as_ref(),
            Some(&stem),
            "{form}"
        );
        if !form.starts_with(&stem) {
            not_prefix.push(form.clone());
        }
    }
    // Highlighting marks words that start with a matched term.
    assert!(
        not_prefix.is_empty(),
        "stems that are not prefixes: {not_prefix:?}"
    );
    println!(
        "{} distinct words, {} need the forms table",
        forms.len(),
        table.len()
    );
    assert!(forms.len() > 3000, "only {} distinct words", forms.len());
    assert!(
        table.len() * 10 < forms.len(),
        "the forms table should hold few exceptions: {} of {}",
        table.len(),
        forms.len()
    );
}

/// Runs the real `search.js` under Node over every reference word.
#[test]
fn search_js_resolves_like_the_stemmer() {
    if Command::new("node").arg("--version").output().is_err() {
        println!("skipped: node is not installed (the headless Chromium test covers search.js)");
        return;
    }
    let (forms, js) = reference_index();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.js"), &js).unwrap();
    std::fs::write(
        dir.path().join("words.json"),
        serde_json::to_string(&forms).unwrap(),
    )
    .unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js/search.js");
    let harness = format!(
        "global.window = global;\n\
         require({index:?});\n\
         const s = require({script:?});\n\
         const engine = new s.Engine(window.METODIST_SEARCH);\n\
         const words = require({words:?});\n\
         process.stdout.write(JSON.stringify(words.map(w => engine.resolve(s.fold(w)))));\n\
         const hits = engine.search('партнерство школы').hits.length;\n\
         process.stderr.write(String(hits));\n",
        index = dir.path().join("index.js"),
        script = script,
        words = dir.path().join("words.json"),
    );
    std::fs::write(dir.path().join("run.js"), harness).unwrap();
    let out = Command::new("node")
        .arg(dir.path().join("run.js"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let resolved: Vec<Option<String>> = serde_json::from_slice(&out.stdout).unwrap();
    let stems = Stems::default();
    for (form, got) in forms.iter().zip(&resolved) {
        assert_eq!(got.as_ref(), Some(&stems.stem(form)), "{form}");
    }
    assert_eq!(resolved.len(), forms.len());
    let hits: usize = String::from_utf8_lossy(&out.stderr).parse().unwrap();
    assert!(hits > 0, "a two-word query finds the seeds");
}

#[test]
fn index_size_for_many_documents() {
    let texts = reference_texts();
    let words: Vec<&str> = texts
        .iter()
        .flat_map(|(_, t)| t.split_whitespace())
        .collect();
    // 3,000 pages of ~300 words each, cut from the reference content.
    let docs: Vec<SearchDoc> = (0..3000)
        .map(|i| {
            let start = (i * 997) % (words.len() - 400);
            let title = words[start..start + 6].join(" ");
            let text = words[start + 6..start + 306].join(" ");
            doc(
                &format!("p/{i}/"),
                &title,
                "Практика",
                Some("17 ноября 2022 г."),
                &text,
            )
        })
        .collect();
    let started = std::time::Instant::now();
    let js = build_index(&docs);
    println!(
        "search index for {} docs: {} KiB, built in {:?}",
        docs.len(),
        js.len() / 1024,
        started.elapsed()
    );
    assert!(
        js.len() < 12 * 1024 * 1024,
        "index too large: {} bytes",
        js.len()
    );
}
