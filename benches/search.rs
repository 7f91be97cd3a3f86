//! Benchmark (not a test): the site search against Pagefind on the same
//! sites in one run. Sites of 1,000 and 10,000 pages (`-- 1000 10000 50000`
//! for other sizes) are cut from the reference texts (content/ and the
//! seeds: real vocabulary, ~600 words a page), built by the release binary;
//! Pagefind (npm package `pagefind`, installed into target/pagefind on first
//! run) indexes the same output. Both are searched in headless Chromium over
//! loopback HTTP (text gzipped, as hosting does), each query on a fresh
//! page, and the run prints per site: index build time and size, bytes per
//! query (index alone, and page + scripts + index; gzipped over the wire and
//! as files, which is what `file://` reads), and the time from typing to
//! results shown.
//! First, the relevance queries of tests/search_relevance.rs run on the
//! reference portal through both. Run: `cargo bench --bench search`.

#[allow(dead_code)]
#[path = "../tests/common/browser.rs"]
mod browser;
#[path = "../tests/common/search_queries.rs"]
mod search_queries;

use browser::Browser;
use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
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
    "мотивация учащихся",
    "мотевация",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn reference_words() -> Vec<String> {
    let root = repo();
    let dirs = [
        root.join("content"),
        root.join("../shared/seeds"),
        root.join("../../shared/seeds"),
    ];
    let mut words = Vec::new();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
            let md_or_text = entry
                .path()
                .extension()
                .is_some_and(|e| e == "md" || e == "txt" || e == "yaml");
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            if md_or_text {
                words.extend(
                    text.split_whitespace()
                        .filter(|w| w.chars().all(|c| c.is_alphanumeric() || ",.«»".contains(c)))
                        .map(str::to_string),
                );
            }
        }
    }
    assert!(words.len() > 10_000, "reference texts not found");
    words
}

/// A site of `n` pages in 10 sections, each page a stretch of the reference
/// texts with a title, a date and three headed parts.
fn generate(dir: &Path, words: &[String], n: usize) {
    let _ = std::fs::remove_dir_all(dir);
    let content = dir.join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        dir.join("site.toml"),
        "title = \"Портал для замеров поиска\"\nbase_url = \"https://example.ru/\"\npaginate_by = 20\n",
    )
    .unwrap();
    std::fs::write(
        content.join("_index.md"),
        "---\ntitle: Главная\n---\nПортал.\n",
    )
    .unwrap();
    for s in 0..10 {
        let sec = content.join(format!("razdel-{s}"));
        std::fs::create_dir_all(&sec).unwrap();
        std::fs::write(
            sec.join("_index.md"),
            format!("---\ntitle: Раздел {s}\n---\n"),
        )
        .unwrap();
    }
    for i in 0..n {
        let start = (i * 7919) % (words.len() - 700);
        let w = &words[start..start + 620];
        let clean = |ws: &[String]| ws.join(" ").replace(['«', '»', ','], "");
        let mut md = format!(
            "---\ntitle: \"{} {i}\"\ndate: 20{:02}-{:02}-{:02}\n---\n",
            clean(&w[..6]),
            18 + i % 6,
            1 + i % 12,
            1 + i % 28
        );
        for part in 0..3 {
            let body = &w[6 + part * 204..6 + (part + 1) * 204];
            md.push_str(&format!(
                "\n## {}\n\n{}\n",
                clean(&body[..4]),
                body[4..].join(" ")
            ));
        }
        std::fs::write(
            content.join(format!("razdel-{}/stranitsa-{i}.md", i % 10)),
            md,
        )
        .unwrap();
    }
}

/// Bytes the server sent since the last reset: counted at the server, so
/// requests from Pagefind's web worker (invisible to the page's Resource
/// Timing) count like the page's own.
#[derive(Default, Clone, Copy)]
struct Served {
    total: u64,
    index: u64,
    total_raw: u64,
    index_raw: u64,
    files: u64,
}

impl Served {
    fn add(&mut self, wire: u64, raw: u64, index: bool) {
        self.total += wire;
        self.total_raw += raw;
        if index {
            self.index += wire;
            self.index_raw += raw;
            self.files += 1;
        }
    }
}

static SERVED: std::sync::Mutex<Served> = std::sync::Mutex::new(Served {
    total: 0,
    index: 0,
    total_raw: 0,
    index_raw: 0,
    files: 0,
});

/// A static file server on loopback for `root`; returns its port.
fn serve(root: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                let _ = reader.read_line(&mut line);
                let mut gzip = false;
                let mut header = String::new();
                while let Ok(n) = reader.read_line(&mut header) {
                    if n <= 2 {
                        break;
                    }
                    let lower = header.to_ascii_lowercase();
                    gzip |= lower.starts_with("accept-encoding:") && lower.contains("gzip");
                    header.clear();
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/");
                let path = path.split('?').next().unwrap_or("/");
                let mut file = root.join(path.trim_start_matches('/'));
                if file.is_dir() {
                    file = file.join("index.html");
                }
                let mut out = stream;
                match std::fs::read(&file) {
                    Ok(body) => {
                        let kind = match file.extension().and_then(|e| e.to_str()) {
                            Some("html") => "text/html; charset=utf-8",
                            Some("js") => "text/javascript; charset=utf-8",
                            Some("css") => "text/css",
                            Some("wasm") => "application/wasm",
                            Some("json") => "application/json",
                            _ => "application/octet-stream",
                        };
                        // Text is compressed, as hosting does; Pagefind's
                        // index files are gzip already.
                        let text = !kind.starts_with("application/octet");
                        let raw = body.len() as u64;
                        let (body, encoding) = if gzip && text {
                            let mut z = GzEncoder::new(Vec::new(), Compression::default());
                            z.write_all(&body).unwrap();
                            (z.finish().unwrap(), "Content-Encoding: gzip\r\n")
                        } else {
                            (body, "")
                        };
                        let _ = write!(
                            out,
                            "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\n{encoding}Content-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        );
                        let _ = out.write_all(&body);
                        let index = path.contains("/search/") || path.contains("/pagefind/");
                        SERVED.lock().unwrap().add(body.len() as u64, raw, index);
                    }
                    Err(_) => {
                        let _ = out.write_all(
                            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                        );
                    }
                }
            });
        }
    });
    port
}

/// Pagefind's binary, installed into target/pagefind by npm on first use.
fn pagefind() -> Option<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"));
    let prefix = target.join("pagefind");
    let bin = prefix.join("node_modules/.bin/pagefind");
    if !bin.exists() {
        let ok = Command::new("npm")
            .args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .arg("pagefind@1")
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            println!("Pagefind not measured: npm install pagefind failed");
            return None;
        }
    }
    Some(bin)
}

fn dir_bytes(dir: &Path) -> (u64, usize) {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(b, n), e| {
            (b + e.metadata().map_or(0, |m| m.len()), n + 1)
        })
}

/// Types the query on the page and waits for the results; reports the time
/// and the bytes of everything the page loaded (all, and the index's).
const METODIST: &str = r#"
    const [query, done] = arguments;
    const start = performance.now();
    const status = document.getElementById('search-status');
    const list = document.getElementById('search-results');
    new MutationObserver((_, observer) => {
        if (!status.textContent) return;
        observer.disconnect();
        const ms = performance.now() - start;
        setTimeout(() => done({ ms, shown: list.children.length }), 50);
    }).observe(status, { childList: true, characterData: true, subtree: true });
    const input = document.getElementById('search-input');
    input.value = query;
    input.dispatchEvent(new Event('input'));
"#;

/// The same for Pagefind: its script loaded on the first keystroke, as its
/// UI does, then the search and the data of the first ten results.
const PAGEFIND: &str = r#"
    const [query, done] = arguments;
    const start = performance.now();
    (async () => {
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.init();
        const search = await pagefind.search(query);
        const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
        done({ ms: performance.now() - start, shown: data.length });
    })().catch(e => done({ error: String(e) }));
"#;

struct Measure {
    /// Results found per query (shown, for Pagefind: data loaded, ≤ 10).
    shown: Vec<f64>,
    ms: Vec<f64>,
    total: Vec<f64>,
    index: Vec<f64>,
    total_raw: Vec<f64>,
    index_raw: Vec<f64>,
    files: Vec<f64>,
}

fn measure(browser: &Browser, url: &str, script: &str) -> Measure {
    let mut m = Measure {
        shown: Vec::new(),
        ms: Vec::new(),
        total: Vec::new(),
        index: Vec::new(),
        total_raw: Vec::new(),
        index_raw: Vec::new(),
        files: Vec::new(),
    };
    for query in QUERIES {
        // A fresh, empty cache: each query counts what a first visit loads.
        browser.call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": "Network.clearBrowserCache", "params": {}})),
        );
        *SERVED.lock().unwrap() = Served::default();
        browser.open(url);
        browser.wait_for("return document.readyState === 'complete' ? true : null");
        let r = browser.call(
            "POST",
            "/execute/async",
            Some(json!({"script": script, "args": [query]})),
        );
        assert!(r.get("error").is_none(), "{url} «{query}»: {r}");
        let served = *SERVED.lock().unwrap();
        m.ms.push(r["ms"].as_f64().unwrap());
        m.shown.push(r["shown"].as_f64().unwrap());
        m.total.push(served.total as f64);
        m.index.push(served.index as f64);
        m.total_raw.push(served.total_raw as f64);
        m.index_raw.push(served.index_raw as f64);
        m.files.push(served.files as f64);
    }
    m
}

/// The top 3 of the search page, as site-relative folders.
const TOP3: &str = r#"
    const status = document.getElementById('search-status');
    if (!status || !status.textContent) return null;
    return Array.from(document.querySelectorAll('#search-results a.search-result__title'),
        a => new URL(a.href).pathname.replace(/^\//, '')).slice(0, 3);
"#;

const PAGEFIND_TOP3: &str = r#"
    const [query, done] = arguments;
    (async () => {
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.init();
        const search = await pagefind.search(query);
        const data = await Promise.all(search.results.slice(0, 3).map(r => r.data()));
        done(data.map(d => d.url.replace(/^\//, '')));
    })().catch(e => done({ error: String(e) }));
"#;

/// The relevance queries of tests/search_relevance.rs over the reference
/// portal: how many find their page in the top 3, metodist and Pagefind.
fn relevance(browser: &Browser, pagefind: Option<&Path>, tmp: &Path) {
    use search_queries::QUERIES;
    let out = tmp.join("metodist-search-bench-portal");
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(["build", "--quiet", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let port = serve(out.clone());
    let hits = |top: &Value, expected: &str| {
        top.as_array()
            .is_some_and(|t| t.iter().any(|u| u.as_str() == Some(expected)))
    };
    let mut ours = Vec::new();
    for (query, expected) in QUERIES {
        let q = percent_encoding::utf8_percent_encode(query, percent_encoding::NON_ALPHANUMERIC);
        browser.open(&format!("http://127.0.0.1:{port}/poisk/?q={q}"));
        if !hits(&browser.wait_for(TOP3), expected) {
            ours.push(*query);
        }
    }
    print!(
        "reference portal, {} queries of tests/search_relevance.rs, the page in the top 3: metodist {}",
        QUERIES.len(),
        QUERIES.len() - ours.len()
    );
    if let Some(bin) = pagefind {
        let built = Command::new(bin)
            .args(["--site"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(built.status.success());
        std::fs::write(out.join("pagefind-bench.html"), PAGEFIND_PAGE).unwrap();
        browser.open(&format!("http://127.0.0.1:{port}/pagefind-bench.html"));
        let mut theirs = Vec::new();
        for (query, expected) in QUERIES {
            let top = browser.call(
                "POST",
                "/execute/async",
                Some(json!({"script": PAGEFIND_TOP3, "args": [query]})),
            );
            if !hits(&top, expected) {
                theirs.push(*query);
            }
        }
        println!(", Pagefind {}", QUERIES.len() - theirs.len());
        println!("  metodist misses: {ours:?}\n  Pagefind misses: {theirs:?}");
    } else {
        println!("; metodist misses: {ours:?}");
    }
    let _ = std::fs::remove_dir_all(&out);
}

/// An empty page for Pagefind's script.
const PAGEFIND_PAGE: &str =
    "<!DOCTYPE html><html lang=\"ru\"><meta charset=\"utf-8\"><title>Pagefind</title><body></body></html>";

/// The search part of a build, alone and on one core: the text of every
/// built page's `<main>` (what the page pass extracts), indexed and written
/// into shards and result files.
fn index_time(public: &Path) -> f64 {
    let pages: Vec<(String, String)> = walkdir::WalkDir::new(public)
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "index.html")
        .filter_map(|e| {
            let url = e
                .path()
                .parent()?
                .strip_prefix(public)
                .ok()?
                .display()
                .to_string();
            Some((url, std::fs::read_to_string(e.path()).ok()?))
        })
        .collect();
    let started = Instant::now();
    let builder = metodist::search::IndexBuilder::default();
    for (n, (url, html)) in pages.iter().enumerate() {
        let text = metodist::search::main_text(html);
        let doc = metodist::search::SearchDoc {
            url: url.clone(),
            title: url.clone(),
            headings: text.headings,
            body: text.body,
            ..Default::default()
        };
        builder.add(n, &metodist::search::IndexedDoc::new(&doc));
    }
    let files = builder.finish();
    std::hint::black_box(files);
    started.elapsed().as_secs_f64()
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn max(v: &[f64]) -> f64 {
    v.iter().copied().fold(0.0, f64::max)
}

fn kib(b: f64) -> String {
    format!("{:.0} KiB", b / 1024.0)
}

fn report(name: &str, build_s: f64, index: (u64, usize), m: &Measure) {
    println!(
        "  {name:<9} index built in {build_s:.1} s, {:.1} MiB in {} files on disk",
        index.0 as f64 / 1048576.0,
        index.1
    );
    println!(
        "  {name:<9} per query, median / max: index {} / {} gzip ({} / {} as files), \
         page+scripts+index {} / {} gzip ({} / {} as files), {:.0} index files; \
         typing → results {:.0} / {:.0} ms; results shown {:.0}",
        kib(median(&m.index)),
        kib(max(&m.index)),
        kib(median(&m.index_raw)),
        kib(max(&m.index_raw)),
        kib(median(&m.total)),
        kib(max(&m.total)),
        kib(median(&m.total_raw)),
        kib(max(&m.total_raw)),
        median(&m.files),
        median(&m.ms),
        max(&m.ms),
        median(&m.shown)
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1000, 10_000]
    } else {
        sizes
    };
    let Some((chromium, chromedriver)) = Browser::installed() else {
        println!("not measured: chromium and chromedriver are not installed");
        return;
    };
    let words = reference_words();
    let pagefind = pagefind();
    let browser = Browser::start(&chromium, &chromedriver);
    let tmp = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    relevance(&browser, pagefind.as_deref(), &tmp);
    println!(
        "{} queries each, a fresh page with an empty cache per query, loopback HTTP",
        QUERIES.len()
    );
    for n in sizes {
        let dir = tmp.join(format!("metodist-search-bench-{n}"));
        generate(&dir, &words, n);
        let started = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_metodist"))
            .args(["build", "--quiet", "--root"])
            .arg(&dir)
            .status()
            .unwrap();
        assert!(status.success());
        let build_s = started.elapsed().as_secs_f64();
        let public = dir.join("public");
        let port = serve(public.clone());
        println!(
            "{n} pages (whole build {build_s:.1} s; its search part alone, on one core: {:.1} s):",
            index_time(&public)
        );
        let ours = measure(
            &browser,
            &format!("http://127.0.0.1:{port}/poisk/"),
            METODIST,
        );
        let manifest = std::fs::metadata(public.join("search/index.js"))
            .unwrap()
            .len();
        let (shards, _) = dir_bytes(&public.join("search/s"));
        println!(
            "  metodist  manifest {}, all shards {:.1} MiB (what a single-script index would download)",
            kib(manifest as f64),
            shards as f64 / 1048576.0
        );
        report(
            "metodist",
            build_s,
            dir_bytes(&public.join("search")),
            &ours,
        );
        if let Some(bin) = &pagefind {
            let started = Instant::now();
            let out = Command::new(bin)
                .args(["--site"])
                .arg(&public)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let pf_s = started.elapsed().as_secs_f64();
            std::fs::write(public.join("pagefind-bench.html"), PAGEFIND_PAGE).unwrap();
            let theirs = measure(
                &browser,
                &format!("http://127.0.0.1:{port}/pagefind-bench.html"),
                PAGEFIND,
            );
            report(
                "Pagefind",
                pf_s,
                dir_bytes(&public.join("pagefind")),
                &theirs,
            );
            println!(
                "  ratio metodist/Pagefind (medians): index bytes per query ×{:.2} gzip, ×{:.2} as files; \
                 time to results ×{:.2}",
                median(&ours.index) / median(&theirs.index),
                median(&ours.index_raw) / median(&theirs.index_raw),
                median(&ours.ms) / median(&theirs.ms)
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
