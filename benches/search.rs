//! Benchmark (not a test): the search index for sites of 1,000 and 3,000
//! pages cut from the reference texts (content/ and the seeds), reporting
//! the size of `search-index.js`, the build time, and — under Node, which
//! runs the same `search.js` the browser does — the load time and the time
//! per query. Run: `cargo bench --bench search`.

use metodist::search::{build_index, SearchDoc};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const QUERIES: &[&str] = &[
    "партнерство",
    "школы",
    "наставничество педагогов",
    "результаты обучения",
    "мониторинг",
    "дорожная карта",
    "риски",
    "управленческая команда",
    "семинар",
    "500",
    "концепц",
    "мотивация учащихся",
];

fn reference_words() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        root.join("content"),
        root.join("../shared/seeds"),
        root.join("../../shared/seeds"),
    ];
    let mut words = Vec::new();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                words.extend(text.split_whitespace().map(str::to_string));
            }
        }
    }
    assert!(words.len() > 1000, "reference texts not found");
    words
}

fn docs(words: &[String], n: usize) -> Vec<SearchDoc> {
    (0..n)
        .map(|i| {
            let start = (i * 997) % (words.len() - 700);
            SearchDoc {
                url: format!("praktiki/p{i}/"),
                title: words[start..start + 6].join(" "),
                kind_label: "Практика".into(),
                date: Some("17\u{a0}ноября 2022\u{a0}г.".into()),
                text: words[start + 6..start + 606].join(" "),
            }
        })
        .collect()
}

fn node_timing(js: &str) -> Option<(f64, f64)> {
    let dir = tempfile::tempdir().ok()?;
    let index = dir.path().join("index.js");
    std::fs::write(&index, js).ok()?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js/search.js");
    let harness = format!(
        "global.window = global;\n\
         const t0 = process.hrtime.bigint();\n\
         require({index:?});\n\
         const s = require({script:?});\n\
         const engine = new s.Engine(window.METODIST_SEARCH);\n\
         const load = Number(process.hrtime.bigint() - t0) / 1e6;\n\
         const queries = {queries};\n\
         const rounds = 20;\n\
         const t1 = process.hrtime.bigint();\n\
         for (let r = 0; r < rounds; r++) for (const q of queries) engine.search(q);\n\
         const per = Number(process.hrtime.bigint() - t1) / 1e6 / (rounds * queries.length);\n\
         console.log(load + ' ' + per);\n",
        queries = serde_json::to_string(QUERIES).unwrap(),
    );
    let run = dir.path().join("run.js");
    std::fs::write(&run, harness).ok()?;
    let out = Command::new("node").arg(&run).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace().map(|p| p.parse::<f64>());
    Some((parts.next()?.ok()?, parts.next()?.ok()?))
}

fn main() {
    let words = reference_words();
    let mut previous: Option<(usize, usize)> = None;
    for n in [1000, 3000] {
        let docs = docs(&words, n);
        let started = Instant::now();
        let js = build_index(&docs);
        let built = started.elapsed();
        print!(
            "{n} pages: search-index.js {:.2} MiB ({:.2} KiB/page), built in {:.0} ms",
            js.len() as f64 / 1048576.0,
            js.len() as f64 / 1024.0 / n as f64,
            built.as_secs_f64() * 1000.0
        );
        match node_timing(&js) {
            Some((load, query)) => print!("; load {load:.0} ms, {query:.2} ms per query"),
            None => print!("; query time not measured (node is not installed)"),
        }
        if let Some((pn, psize)) = previous {
            print!(
                "; ×{:.2} size for ×{:.1} pages",
                js.len() as f64 / psize as f64,
                n as f64 / pn as f64
            );
        }
        println!();
        previous = Some((n, js.len()));
    }
}
