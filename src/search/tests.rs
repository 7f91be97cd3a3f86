use super::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn doc(url: &str, title: &str, kind: &str, date: Option<&str>, text: &str) -> SearchDoc {
    SearchDoc {
        url: url.into(),
        title: title.into(),
        kind_label: kind.into(),
        kind: kind.into(),
        date: date.map(str::to_string),
        body: text.into(),
        ..SearchDoc::default()
    }
}

/// The index files read back: the manifest, every shard's terms and forms
/// merged, and the documents' result data.
struct Parsed {
    manifest: serde_json::Value,
    terms: serde_json::Map<String, serde_json::Value>,
    forms: BTreeMap<String, String>,
    /// Per shard: its keys (terms and forms).
    shard_keys: Vec<Vec<String>>,
    docs: Vec<serde_json::Value>,
}

/// The JSON argument of `CALLBACK(n,{…});`.
fn callback_arg(js: &str, callback: &str) -> (usize, serde_json::Value) {
    let inner = js
        .strip_prefix(callback)
        .and_then(|s| s.strip_prefix('('))
        .and_then(|s| s.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("not a {callback} call: {js}"));
    let (n, json) = inner.split_once(',').unwrap();
    (n.parse().unwrap(), serde_json::from_str(json).unwrap())
}

fn parse(files: &IndexFiles) -> Parsed {
    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).unwrap();
    let mut parsed = Parsed {
        manifest: serde_json::Value::Null,
        terms: serde_json::Map::new(),
        forms: BTreeMap::new(),
        shard_keys: Vec::new(),
        docs: Vec::new(),
    };
    for (path, bytes) in files {
        let js = text(bytes);
        if path == "search/index.js" {
            let json = js
                .strip_prefix("window.METODIST_SEARCH = ")
                .and_then(|s| s.strip_suffix(";\n"))
                .expect("the manifest is one assignment");
            parsed.manifest = serde_json::from_str(json).unwrap();
        } else if path.starts_with("search/s/") {
            let (n, shard) = callback_arg(&js, "METODIST_SEARCH_SHARD");
            assert_eq!(path, &format!("search/s/{n}.js"));
            assert_eq!(n, parsed.shard_keys.len(), "shards are numbered in order");
            let mut keys = Vec::new();
            for (term, postings) in shard["t"].as_object().unwrap() {
                keys.push(term.clone());
                parsed.terms.insert(term.clone(), postings.clone());
            }
            for (form, term) in shard["f"].as_object().unwrap() {
                keys.push(form.clone());
                parsed
                    .forms
                    .insert(form.clone(), term.as_str().unwrap().to_string());
            }
            parsed.shard_keys.push(keys);
        } else {
            let (n, doc) = callback_arg(&js, "METODIST_SEARCH_DOC");
            assert_eq!(path, &format!("search/d/{n}.js"));
            assert_eq!(n, parsed.docs.len(), "documents are numbered in order");
            parsed.docs.push(doc);
        }
    }
    parsed
}

/// The numbers of a text written by [`encode`].
fn decode(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut value = 0;
    for c in text.bytes() {
        if let Some(d) = CONTINUE.iter().position(|&x| x == c) {
            value = value * 32 + d as u64;
        } else {
            let d = FINAL.iter().position(|&x| x == c).expect("a digit");
            out.push(value * 32 + d as u64);
            value = 0;
        }
    }
    out
}

#[test]
fn numbers_are_encoded_without_separators() {
    let numbers = [0, 1, 31, 32, 1000, 1023, 1024, 123_456_789];
    let mut text = String::new();
    numbers.iter().for_each(|&n| encode(n, &mut text));
    assert_eq!(decode(&text), numbers);
    assert!(!text.contains(['"', '\\']), "{text}");
    let mut short = String::new();
    encode(31, &mut short);
    encode(1023, &mut short);
    assert_eq!(short.len(), 3);
}

/// A term's postings: (document, score, exact identifier).
fn postings(index: &Parsed, term: &str) -> Vec<(u64, u64, bool)> {
    let flat = decode(
        index.terms[term]
            .as_str()
            .unwrap_or_else(|| panic!("no term {term}")),
    );
    let mut doc = 0;
    flat.chunks(2)
        .map(|pair| {
            doc += pair[0];
            (doc, pair[1] >> 1, pair[1] & 1 == 1)
        })
        .collect()
}

#[test]
fn index_content_and_scores() {
    let mut order = doc(
        "dokumenty/prikaz-127/",
        "Об организации сопровождения",
        "Приказ",
        Some("1 марта 2021 г."),
        "Приказ о партнёрстве.",
    );
    order.ids = "127-о".into();
    order.year = Some(2021);
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
            "О партнёрстве школ в проекте «500+». Партнёрство, партнёрство, партнёрство. \
             Как указано в приказе № 127, школы работают в парах.",
        ),
        order,
    ];
    let index = parse(&build_index(&docs));
    assert_eq!(index.docs[0][0], "seminars/partnerstvo/");
    assert_eq!(index.docs[0][2], "Семинар");
    assert_eq!(index.docs[0][3], "17 ноября 2022 г.");
    assert!(index.docs[1][3].is_null());
    assert_eq!(
        index.manifest["kinds"],
        serde_json::json!(["Семинар", "Практика", "Приказ"])
    );
    assert_eq!(index.manifest["first_year"], 2021);
    assert_eq!(
        decode(index.manifest["docs"].as_str().unwrap()),
        [0, 0, 1, 0, 2, 1]
    );
    let stems = Stems::default();
    let partner = stems.stem("партнерство");
    // ё folded: both spellings are one term; the title outweighs repetition.
    let p = postings(&index, &partner);
    assert_eq!(p.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 1, 2]);
    assert!(p[0].1 > p[1].1, "{p:?}");
    let school = stems.stem("школы");
    assert_eq!(stems.stem("школ"), school);
    assert_eq!(postings(&index, &school).len(), 2);
    assert!(!index.terms.contains_key("в"), "stop words are not indexed");
    assert!(index.terms.contains_key("500"));
    // The order's own number is an exact identifier; a mention is not.
    assert_eq!(
        postings(&index, "127")
            .iter()
            .map(|p| (p.0, p.2))
            .collect::<Vec<_>>(),
        [(1, false), (2, true)]
    );
}

#[test]
fn shorter_fields_and_rarer_words_score_higher() {
    let avg = [4.0, 1.0, 1.0, 1.0, 100.0];
    let once = |len: u32| bm25f(1.0, &[0, 0, 0, 0, 1], &[4, 0, 0, 0, len], &avg);
    assert!(once(20) > once(100) && once(100) > once(500));
    let in_title = bm25f(1.0, &[1, 0, 0, 0, 0], &[4, 0, 0, 0, 100], &avg);
    assert!(in_title > bm25f(1.0, &[0, 0, 0, 0, 5], &[4, 0, 0, 0, 100], &avg));
    assert!(idf(1000, 3) > idf(1000, 300));
}

#[test]
fn shards_are_sorted_ranges_the_manifest_finds() {
    let texts = reference_texts();
    let docs: Vec<SearchDoc> = texts
        .iter()
        .map(|(path, text)| doc(&path.display().to_string(), "", "Документ", None, text))
        .collect();
    let index = parse(&build_index(&docs));
    let bounds: Vec<&str> = index.manifest["bounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    assert_eq!(bounds.len(), index.shard_keys.len());
    assert!(bounds.len() > 3, "the reference texts fill several shards");
    for (n, keys) in index.shard_keys.iter().enumerate() {
        for key in keys {
            assert!(key.as_str() >= bounds[n], "{key} in shard {n}");
            if let Some(next) = bounds.get(n + 1) {
                assert!(key.as_str() < *next, "{key} in shard {n}");
            }
        }
    }
}

#[test]
fn snippet_source_is_cut_at_a_word() {
    let long = "слово ".repeat(2000);
    let cut = snippet_source(&long);
    assert!(cut.ends_with("слово…"));
    assert!(cut.chars().count() <= SNIPPET_SOURCE_CHARS + 1);
    assert_eq!(snippet_source("  два\n слова \n\n три "), "два\nслова\nтри");
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
    let is_term = |t: &str| index.terms.contains_key(t);
    let stems = Stems::default();
    for query in ["партнерство", "партнерствами", "школ", "школами"]
    {
        assert_eq!(
            resolve(&fold(query), &index.forms, is_term),
            Some(stems.stem(&fold(query))),
            "{query}"
        );
    }
    assert_eq!(resolve("абракадабра", &index.forms, is_term), None);
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

fn reference_index() -> (Vec<String>, IndexFiles) {
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
    let (forms, files) = reference_index();
    let index = parse(&files);
    let is_term = |t: &str| index.terms.contains_key(t);
    let stems = Stems::default();
    let mut not_prefix = Vec::new();
    for form in &forms {
        let stem = stems.stem(form);
        assert_eq!(
            resolve(form, &index.forms, is_term).as_ref(),
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
        index.forms.len()
    );
    assert!(forms.len() > 3000, "only {} distinct words", forms.len());
    assert!(
        index.forms.len() * 10 < forms.len(),
        "the forms table should hold few exceptions: {} of {}",
        index.forms.len(),
        forms.len()
    );
}

/// Runs the real `search.js` under Node over every reference word, loading
/// shards as the browser does (only those a word needs).
#[test]
fn search_js_resolves_like_the_stemmer() {
    if Command::new("node").arg("--version").output().is_err() {
        crate_ci_requires("node");
        return;
    }
    let (forms, files) = reference_index();
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in &files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    std::fs::write(
        dir.path().join("words.json"),
        serde_json::to_string(&forms).unwrap(),
    )
    .unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js/search.js");
    let harness = format!(
        "global.window = global;\n\
         const root = {root:?};\n\
         require(root + '/search/index.js');\n\
         const s = require({script:?});\n\
         let loaded = 0;\n\
         function load(kind, dir, n) {{\n\
           let got;\n\
           global['METODIST_SEARCH_' + kind] = (i, d) => {{ got = d; }};\n\
           require(root + '/search/' + dir + '/' + n + '.js');\n\
           loaded++;\n\
           return Promise.resolve(got);\n\
         }}\n\
         const engine = new s.Engine(window.METODIST_SEARCH, n => load('SHARD', 's', n), n => load('DOC', 'd', n));\n\
         const words = require(root + '/words.json');\n\
         (async () => {{\n\
           await engine.prepare('партнерство школы');\n\
           const hits = engine.search('партнерство школы').hits.length;\n\
           const few = loaded;\n\
           const out = [];\n\
           for (const w of words) {{ await engine.prepare(w); out.push(engine.resolve(s.fold(w))); }}\n\
           process.stdout.write(JSON.stringify(out));\n\
           process.stderr.write(hits + ' ' + few + ' ' + window.METODIST_SEARCH.bounds.length);\n\
         }})();\n",
        root = dir.path(),
        script = script,
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
    let report = String::from_utf8_lossy(&out.stderr);
    let numbers: Vec<usize> = report
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    let [hits, loaded, shards] = numbers[..] else {
        panic!("{report}")
    };
    assert!(hits > 0, "a two-word query finds the seeds");
    assert!(
        loaded < shards,
        "a two-word query loads {loaded} of {shards} shards"
    );
}

/// A missing tool fails under `CI=true` (where `.ci/run` installs it).
fn crate_ci_requires(tool: &str) {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(!ci, "{tool} is not installed; CI must install it");
    println!("skipped: {tool} is not installed");
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
    let files = build_index(&docs);
    let size = |prefix: &str| -> Vec<usize> {
        files
            .iter()
            .filter(|(p, _)| p.starts_with(prefix))
            .map(|(_, b)| b.len())
            .collect()
    };
    let manifest = size("search/index.js")[0];
    let shards = size("search/s/");
    let largest = *shards.iter().max().unwrap();
    println!(
        "search index for {} docs: manifest {} KiB, {} shards of {} KiB in all (largest {} KiB), built in {:?}",
        docs.len(),
        manifest / 1024,
        shards.len(),
        shards.iter().sum::<usize>() / 1024,
        largest / 1024,
        started.elapsed()
    );
    assert!(manifest < 40 * 1024, "manifest too large: {manifest} bytes");
    assert!(
        largest < 4 * SHARD_BYTES,
        "shard too large: {largest} bytes"
    );
}
