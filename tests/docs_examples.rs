//! Every example in the author docs builds (issue 12, «Docs for methodologists»).
//!
//! Convention (also described in docs/README.md, «Примеры в справке»): a fenced
//! block in docs/*.md is an example when the nearest non-blank line above its
//! opening fence is one of these HTML comments:
//!
//! - `<!-- пример: ПУТЬ -->` — the block is the whole file ПУТЬ (relative to the
//!   site folder). It is written into a fresh `metodist init` site, which must
//!   then build with no errors and no warnings.
//! - `<!-- ошибка: ПУТЬ -->` — a deliberately wrong file (the primer's
//!   mistakes). The next fenced block must be marked `<!-- сообщение -->`: the
//!   build must fail, and its output must contain that block verbatim.
//! - `<!-- сообщение -->` — the message quoted for the preceding `ошибка`.
//! - `<!-- фрагмент -->` — a piece of a file that cannot be built alone.
//!
//! A block tagged `yaml`, `yml`, `markdown`, `md` or `toml` without a marker
//! fails the test: every such block must say what it is.
//!
//! When a message of metodist changes on purpose, run
//! `METODIST_BLESS_DOCS=1 cargo test --test docs_examples` to write the new
//! messages into the `<!-- сообщение -->` blocks, then read the diff of docs/
//! (the prose around a message may need the same change).

mod common;
use common::{repo, Fixture};

use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Example(String),
    Mistake(String),
    Message,
    Fragment,
    Unmarked,
}

#[derive(Debug, Clone)]
struct Block {
    doc: String,
    /// 1-based line of the opening fence.
    line: usize,
    /// 1-based line of the closing fence.
    end: usize,
    tag: String,
    kind: Kind,
    text: String,
}

impl Block {
    fn place(&self) -> String {
        format!("{}:{}", self.doc, self.line)
    }
}

fn marker(line: &str) -> Option<Kind> {
    let inner = line
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    if let Some(p) = inner.strip_prefix("пример:") {
        return Some(Kind::Example(p.trim().to_string()));
    }
    if let Some(p) = inner.strip_prefix("ошибка:") {
        return Some(Kind::Mistake(p.trim().to_string()));
    }
    match inner {
        "сообщение" => Some(Kind::Message),
        "фрагмент" => Some(Kind::Fragment),
        _ => None,
    }
}

/// The fenced blocks of a Markdown text. A fence is a run of three or more
/// backticks after optional indentation; it is closed by a run of at least the
/// same length with nothing after it. The opening fence's indentation is
/// removed from the block's lines.
fn blocks(doc: &str, text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let indent = line.len() - line.trim_start().len();
        let rest = &line[indent..];
        let ticks = rest.chars().take_while(|&c| c == '`').count();
        if ticks < 3 {
            i += 1;
            continue;
        }
        let tag = rest[ticks..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_string();
        let kind = lines[..i]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| marker(l))
            .unwrap_or(Kind::Unmarked);
        let mut body = String::new();
        let mut j = i + 1;
        while j < lines.len() {
            let l = lines[j];
            let t = l.trim();
            if t.len() >= ticks && t.chars().all(|c| c == '`') {
                break;
            }
            let cut = l.len() - l.trim_start().len();
            body.push_str(&l[cut.min(indent)..]);
            body.push('\n');
            j += 1;
        }
        assert!(
            j < lines.len(),
            "{doc}:{}: fenced block is not closed",
            i + 1
        );
        out.push(Block {
            doc: doc.to_string(),
            line: i + 1,
            end: j + 1,
            tag,
            kind,
            text: body,
        });
        i = j + 1;
    }
    out
}

fn all_blocks() -> Vec<Block> {
    let mut docs: Vec<_> = std::fs::read_dir(repo().join("docs"))
        .expect("docs/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    let mut out = Vec::new();
    for p in docs {
        let name = format!("docs/{}", p.file_name().unwrap().to_string_lossy());
        let text = std::fs::read_to_string(&p).unwrap();
        out.extend(blocks(&name, &text));
    }
    out
}

/// A fresh site made by `metodist init`, as the walkthrough tells authors to start.
fn init_site() -> Fixture {
    let f = Fixture {
        dir: tempfile::tempdir().expect("temp dir"),
    };
    let out = f.run(&["init", "."]);
    assert!(
        out.status.success(),
        "metodist init failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    f
}

fn check_path(b: &Block, path: &str) {
    assert!(
        !path.is_empty()
            && !Path::new(path).is_absolute()
            && !path.split('/').any(|c| c == ".." || c.is_empty()),
        "{}: bad file name in the marker: «{path}»",
        b.place()
    );
}

/// Trailing spaces and the no-break spaces metodist puts between a number and
/// its word («1 ошибка») do not count: the doc shows them as plain spaces.
/// What a doc quotes of a failed build: the messages and the summary line,
/// without «Прежняя версия сайта … не тронута», which names the output folder.
fn quotable(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.starts_with("Прежняя версия"))
        .collect();
    let mut out = lines.join("\n").trim_end().replace('\u{a0}', " ");
    out.push('\n');
    out
}

/// Replaces the bodies of the given blocks of `doc` (closing fence lines kept).
fn bless(doc: &str, mut edits: Vec<(usize, usize, String)>) {
    let path = repo().join(doc);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (open, close, body) in edits {
        lines.splice(open..close - 1, body.lines().map(String::from));
    }
    let mut out = lines.join("\n");
    out.push('\n');
    std::fs::write(path, out).unwrap();
}

fn normalise(s: &str) -> String {
    s.replace('\u{a0}', " ")
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

#[test]
fn every_code_block_in_the_docs_is_marked() {
    let unmarked: Vec<String> = all_blocks()
        .into_iter()
        .filter(|b| b.kind == Kind::Unmarked)
        .filter(|b| matches!(b.tag.as_str(), "yaml" | "yml" | "markdown" | "md" | "toml"))
        .map(|b| format!("{} (```{})", b.place(), b.tag))
        .collect();
    assert!(
        unmarked.is_empty(),
        "blocks without <!-- пример: … -->, <!-- ошибка: … --> or <!-- фрагмент --> above them:\n{}",
        unmarked.join("\n")
    );
}

#[test]
fn every_example_builds_in_a_fresh_site() {
    let examples: Vec<Block> = all_blocks()
        .into_iter()
        .filter(|b| matches!(b.kind, Kind::Example(_)))
        .collect();
    // The extractor must keep finding the examples the docs have today.
    assert!(
        examples.len() >= 15,
        "only {} examples found",
        examples.len()
    );
    for doc in [
        "docs/content-model.md",
        "docs/indicators.md",
        "docs/pervyi-sait.md",
        "docs/yaml-i-markdown.md",
    ] {
        assert!(
            examples.iter().any(|b| b.doc == doc),
            "no examples found in {doc}"
        );
    }
    let mut failures = Vec::new();
    for b in &examples {
        let Kind::Example(path) = &b.kind else {
            unreachable!()
        };
        check_path(b, path);
        let site = init_site();
        site.write(path, &b.text);
        let out = site.run(&["build"]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        if !out.status.success() {
            failures.push(format!(
                "{}: the example for {path} does not build:\n{stderr}",
                b.place()
            ));
        } else if stderr.contains("предупреждение") || stdout.contains("предупреждение")
        {
            failures.push(format!(
                "{}: the example for {path} builds with warnings:\n{stderr}{stdout}",
                b.place()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_mistake_fails_with_the_quoted_message() {
    let all = all_blocks();
    let mut checked = 0;
    let mut failures = Vec::new();
    let blessing = std::env::var_os("METODIST_BLESS_DOCS").is_some();
    let mut edits: std::collections::BTreeMap<String, Vec<(usize, usize, String)>> =
        Default::default();
    for (i, b) in all.iter().enumerate() {
        let Kind::Mistake(path) = &b.kind else {
            if b.kind == Kind::Message {
                let prev = i.checked_sub(1).map(|p| &all[p]);
                assert!(
                    prev.is_some_and(|p| p.doc == b.doc && matches!(p.kind, Kind::Mistake(_))),
                    "{}: <!-- сообщение --> must follow an <!-- ошибка: … --> block",
                    b.place()
                );
            }
            continue;
        };
        check_path(b, path);
        let message = all
            .get(i + 1)
            .filter(|m| m.doc == b.doc && m.kind == Kind::Message)
            .unwrap_or_else(|| {
                panic!(
                    "{}: an <!-- ошибка: … --> block must be followed by an <!-- сообщение --> block",
                    b.place()
                )
            });
        let site = init_site();
        site.write(path, &b.text);
        let out = site.run(&["build"]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        checked += 1;
        if out.status.success() {
            failures.push(format!(
                "{}: the deliberate mistake for {path} builds without an error",
                b.place()
            ));
        } else if normalise(&message.text).is_empty()
            || !normalise(&stderr).contains(&normalise(&message.text))
        {
            if blessing {
                edits.entry(b.doc.clone()).or_default().push((
                    message.line,
                    message.end,
                    quotable(&stderr),
                ));
                continue;
            }
            failures.push(format!(
                "{}: the message quoted at {} is not what metodist says.\nquoted:\n{}\nmetodist says:\n{stderr}",
                b.place(),
                message.line,
                message.text
            ));
        }
    }
    for (doc, e) in edits {
        bless(&doc, e);
    }
    assert!(checked >= 12, "only {checked} mistakes found");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_extractor_reads_markers_fences_and_indentation() {
    let doc = "Текст\n\n<!-- пример: content/a.md -->\n\n```markdown\n---\ntitle: А\n---\n```\n\n\
               - пункт\n\n  <!-- фрагмент -->\n  ```yaml\n  a: 1\n    b: 2\n  ```\n\n\
               ````markdown\n```indicator x\n```\n````\n\n```yaml\nz: 1\n```\n";
    let b = blocks("d.md", doc);
    assert_eq!(b.len(), 4, "{b:#?}");
    assert_eq!(b[0].kind, Kind::Example("content/a.md".into()));
    assert_eq!(b[0].line, 5);
    assert_eq!(b[0].end, 9);
    assert_eq!(b[0].text, "---\ntitle: А\n---\n");
    assert_eq!(b[1].kind, Kind::Fragment);
    assert_eq!(b[1].text, "a: 1\n  b: 2\n");
    assert_eq!(b[2].tag, "markdown");
    assert_eq!(b[2].text, "```indicator x\n```\n");
    assert_eq!(b[3].kind, Kind::Unmarked);
}
