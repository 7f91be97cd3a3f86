//! Benchmark (not a test): what the Russian typography layer costs on its
//! own, next to the Markdown rendering it runs inside. For three corpora —
//! the synthetic pages of the build benchmark, the reference portal's
//! Markdown and the seed documents (real Russian prose, full of short words,
//! quotes and numbers) — it times pulldown-cmark parsing and HTML writing
//! alone, then with [`typograph_events`] between the two, and prints
//! nanoseconds per character and the typography's share. Best of several
//! rounds. Run: `cargo bench --bench typography`.

#[allow(dead_code)] // only `pages` is used here
mod synthetic;

use metodist::ru::typography::{typograph_events, TypographyConfig};
use pulldown_cmark::{html, Options, Parser};
use std::path::Path;
use std::time::{Duration, Instant};

const ROUNDS: usize = 7;

fn render(text: &str, typography: Option<&TypographyConfig>) -> usize {
    let events: Vec<_> = Parser::new_ext(text, Options::ENABLE_TABLES).collect();
    let events = match typography {
        Some(cfg) => typograph_events(events, cfg).output,
        None => events,
    };
    let mut out = String::with_capacity(text.len() * 2);
    html::push_html(&mut out, events.into_iter());
    out.len()
}

fn best(texts: &[String], typography: Option<&TypographyConfig>) -> Duration {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            let bytes: usize = texts.iter().map(|t| render(t, typography)).sum();
            std::hint::black_box(bytes);
            start.elapsed()
        })
        .min()
        .unwrap()
}

fn files(dir: &Path, ext: &str) -> Vec<String> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == ext))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    out.sort();
    out
}

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpora = [
        ("synthetic pages", synthetic::pages(300)),
        ("reference portal", files(&repo.join("content"), "md")),
        (
            "seed documents",
            files(&repo.join("../shared/seeds"), "txt"),
        ),
    ];
    let cfg = TypographyConfig::default();
    println!(
        "{:<18} {:>9} {:>14} {:>14} {:>11} {:>12}",
        "corpus", "KiB", "markdown ns/ch", "+typo ns/ch", "typo ns/ch", "typo share"
    );
    for (name, texts) in corpora {
        if texts.is_empty() {
            println!("{name:<18} (no files)");
            continue;
        }
        let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
        let bytes: usize = texts.iter().map(String::len).sum();
        let plain = best(&texts, None);
        let typeset = best(&texts, Some(&cfg));
        let per = |d: Duration| d.as_nanos() as f64 / chars as f64;
        println!(
            "{:<18} {:>9.0} {:>14.1} {:>14.1} {:>11.1} {:>11.0} %",
            name,
            bytes as f64 / 1024.0,
            per(plain),
            per(typeset),
            per(typeset) - per(plain),
            (typeset.as_secs_f64() / plain.as_secs_f64() - 1.0) * 100.0
        );
    }
}
