//! Differential test against typograf (the reference Russian typograph, MIT):
//! every input of its `ru` rule tests (tests/typograf/corpus.json, generated
//! by gen-corpus.js from the commit recorded there) goes through metodist's
//! typography with only the matching rules on ([`RULES`]) and through
//! typograf with only the rule under test on (oracle.js, the npm package that
//! `.ci/run` installs into target/typograf). A difference fails unless
//! tests/typograf/intended.tsv lists it with a reason; a listed case that now
//! matches fails too, so the list stays true. U+00A0 and U+202F count alike,
//! as do `"` and `&quot;`.

mod common;

use metodist::ru::typography::{typograph_html, Rule, TypographyConfig};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Groups in the order of the table.
const GROUPS: &[&str] = &[
    "quotes",
    "dashes",
    "nbsp",
    "ellipsis",
    "numbers",
    "punctuation",
];

/// metodist's rules for each of typograf's, so that both run the same
/// rule alone; a typograf rule missing here has no metodist counterpart.
const RULES: &[(&str, &[&str])] = &[
    ("common/punctuation/quote", &["quotes"]),
    ("ru/dash/main", &["dash"]),
    ("ru/dash/surname", &["dash"]),
    ("ru/dash/directSpeech", &["direct-speech", "dash"]),
    ("ru/dash/centuries", &["ranges"]),
    ("ru/dash/daysMonth", &["ranges", "number-unit"]),
    ("ru/dash/decade", &["ranges"]),
    ("ru/dash/month", &["ranges"]),
    ("ru/dash/time", &["ranges"]),
    ("ru/dash/weekday", &["ranges"]),
    ("ru/dash/years", &["ranges"]),
    ("common/nbsp/afterNumber", &["number-unit"]),
    ("common/nbsp/afterParagraphMark", &["number-sign"]),
    ("common/nbsp/afterSectionMark", &["number-sign"]),
    ("common/nbsp/afterShortWord", &["short-words"]),
    ("common/nbsp/beforeShortLastNumber", &["last-word"]),
    ("common/nbsp/beforeShortLastWord", &["last-word"]),
    ("common/nbsp/dpi", &["number-unit"]),
    ("ru/nbsp/abbr", &["abbreviations"]),
    ("ru/nbsp/addr", &["addresses", "number-unit"]),
    ("ru/nbsp/afterNumberSign", &["number-sign"]),
    ("ru/nbsp/beforeParticle", &["particles"]),
    ("ru/nbsp/centuries", &["centuries"]),
    ("ru/nbsp/dayMonth", &["number-unit"]),
    ("ru/nbsp/initials", &["initials"]),
    ("ru/nbsp/m", &["number-unit"]),
    ("ru/nbsp/mln", &["number-unit"]),
    ("ru/nbsp/ooo", &["org-forms"]),
    ("ru/nbsp/page", &["references"]),
    ("ru/nbsp/rubleKopek", &["number-unit"]),
    ("ru/nbsp/see", &["references"]),
    ("ru/nbsp/year", &["years"]),
    ("ru/nbsp/years", &["years"]),
    ("common/punctuation/hellip", &["ellipsis"]),
    ("ru/punctuation/hellipQuestion", &["ellipsis-after-marks"]),
    ("ru/space/afterHellip", &["space-after-ellipsis"]),
    ("common/number/digitGrouping", &["digit-grouping"]),
    (
        "common/punctuation/delDoublePunctuation",
        &["double-punctuation"],
    ),
    (
        "common/space/delBeforePunctuation",
        &["space-before-punctuation"],
    ),
    ("common/space/delBeforeDot", &["space-before-punctuation"]),
    ("common/space/delBetweenExclamationMarks", &["exclamations"]),
    ("ru/punctuation/exclamation", &["exclamations"]),
    ("ru/punctuation/exclamationQuestion", &["exclamations"]),
    ("common/space/delBeforePercent", &["percent"]),
    ("common/space/delRepeatSpace", &["spaces"]),
];

/// metodist's settings with only the rules matching typograf's `rule` on.
fn only(rule: &str) -> TypographyConfig {
    let ours = RULES
        .iter()
        .find(|(theirs, _)| *theirs == rule)
        .map_or(&[][..], |(_, ours)| *ours);
    let off: Vec<&str> = Rule::ALL
        .iter()
        .map(|r| r.name())
        .filter(|name| !ours.contains(name))
        .collect();
    serde_json::from_value(serde_json::json!({ "off": off })).unwrap()
}

/// What a reader cannot tell apart: the two no-break spaces, a quote
/// written as itself or as an entity.
fn normalize(s: &str) -> String {
    s.replace('\u{202f}', "\u{a0}")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
}

/// Shows invisible characters in a report line.
fn show(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], "⍽").replace('\n', "⏎")
}

/// typograf's outputs for the corpus, or `None` (a skip, or a failure under CI)
/// when node or the npm package is missing.
fn oracle(corpus: &str) -> Option<Vec<String>> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let modules = repo.join("target/typograf/node_modules");
    let node = common::browser::find_program(&["node", "nodejs"]);
    let (Some(node), true) = (node, modules.join("typograf").is_dir()) else {
        common::browser::require_in_ci(
            "node with the npm package typograf in target/typograf",
            "nodejs npm; then .ci/run's npm install",
        );
        return None;
    };
    let mut child = Command::new(node)
        .arg(repo.join("tests/typograf/oracle.js"))
        .arg(&modules)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run node");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(corpus.as_bytes())
        .unwrap();
    let out = child.wait_with_output().expect("oracle output");
    assert!(out.status.success(), "oracle.js failed");
    Some(serde_json::from_slice(&out.stdout).expect("oracle JSON"))
}

#[test]
fn typograf_ru_rule_tests() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = std::fs::read_to_string(repo.join("tests/typograf/corpus.json")).unwrap();
    let Some(expected) = oracle(&corpus) else {
        return;
    };
    let corpus: Value = serde_json::from_str(&corpus).unwrap();
    let cases = corpus["cases"].as_array().unwrap();
    assert_eq!(cases.len(), expected.len());
    let intended_text =
        std::fs::read_to_string(repo.join("tests/typograf/intended.tsv")).unwrap_or_default();
    let mut intended: BTreeMap<&str, &str> = BTreeMap::new();
    for line in intended_text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (id, reason) = line.split_once('\t').expect("intended.tsv: id<TAB>reason");
        assert!(
            !reason.trim().is_empty(),
            "intended.tsv: {id} has no reason"
        );
        assert!(intended.insert(id, reason).is_none(), "{id} listed twice");
    }
    // group → (cases, matches, intended)
    let mut table: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut seen = Vec::new();
    for (case, typograf_out) in cases.iter().zip(&expected) {
        let id = case["id"].as_str().unwrap();
        let group = case["group"].as_str().unwrap();
        let input = case["input"].as_str().unwrap();
        let rule = case["rules"][0].as_str().unwrap();
        // typograf reads its inputs as HTML, so metodist's HTML entry does too.
        let ours = typograph_html(input, &only(rule)).output;
        let row = table.entry(group).or_default();
        row.0 += 1;
        seen.push(id);
        let same = normalize(&ours) == normalize(typograf_out);
        match (same, intended.contains_key(id)) {
            (true, false) => row.1 += 1,
            (false, true) => row.2 += 1,
            (true, true) => failures.push(format!(
                "{id}: matches typograf now; remove it from intended.tsv"
            )),
            (false, false) => failures.push(format!(
                "{id}\n    input    {}\n    typograf {}\n    metodist {}",
                show(input),
                show(typograf_out),
                show(&ours)
            )),
        }
    }
    for id in intended.keys() {
        if !seen.contains(id) {
            failures.push(format!("{id}: in intended.tsv but not in the corpus"));
        }
    }
    println!(
        "typograf {} ({}), ru rule tests",
        corpus["version"].as_str().unwrap(),
        &corpus["commit"].as_str().unwrap()[..12]
    );
    println!(
        "{:<12} {:>6} {:>8} {:>9} {:>10}",
        "group", "cases", "matches", "intended", "unexplained"
    );
    for group in GROUPS {
        let (n, m, i) = table.get(group).copied().unwrap_or_default();
        println!("{group:<12} {n:>6} {m:>8} {i:>9} {:>10}", n - m - i);
    }
    assert!(
        failures.is_empty(),
        "{} difference(s) from typograf not in tests/typograf/intended.tsv:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
