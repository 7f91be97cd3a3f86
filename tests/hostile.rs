//! Hostile content (issue 13): the `init` example site, which has every
//! content type, with a hostile string appended to every text field that
//! still builds with it (front matter, YAML rows, site.toml) and to every
//! Markdown body. Every output file is read back by a real parser for its
//! format, and compared with the same site built without the strings: the
//! hostile text arrives as text, and no element, attribute, script, feed
//! entry, calendar component or spreadsheet formula appears that the clean
//! site does not have. Then headless Chromium opens every page, and the
//! search for the hostile word, and no dialog may open.

mod common;
use common::browser::Browser;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The word that marks hostile text, to find it in the output.
const MARK: &str = "ВРАГ";

/// Two payloads, alternated between fields: markup, scripts, quotes,
/// template and CDATA breakers, spreadsheet formulas, iCalendar separators,
/// line separators; the second also tries to start a new calendar event.
fn payload(i: usize) -> String {
    let base = format!(
        "{MARK} <script>alert(1)</script> <img src=x onerror=alert(2)> \"q\" 'a' ]]> --> <!-- \
         & &amp; {{{{ 7*7 }}}} {{% raw %}} =HYPERLINK(\"http://x\") ; , \\ \u{2028}\u{2029} \
         javascript:alert(3) <svg onload=alert(4)>"
    );
    if i.is_multiple_of(2) {
        base
    } else {
        format!("{base}\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected")
    }
}

fn metodist(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run metodist")
}

/// A scalar `key: value` (or `- value`) line's parts: prefix up to the
/// value, and the value as text; None for lines that are not plain text
/// values (flow collections, block scalars, anchors, comments).
fn text_value(line: &str) -> Option<(String, String)> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') || trimmed == "---" || trimmed.is_empty() {
        return None;
    }
    let (prefix, value) = match line.find(": ") {
        Some(i)
            if line[..i]
                .trim_start()
                .trim_start_matches("- ")
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            (&line[..i + 2], &line[i + 2..])
        }
        _ => {
            let i = line.find("- ")?;
            if !line[..i].trim().is_empty() {
                return None;
            }
            (&line[..i + 2], &line[i + 2..])
        }
    };
    let value = value.trim_end();
    if value.is_empty() || value.starts_with(['[', '{', '|', '>', '&', '*', '#']) {
        return None;
    }
    let text = if value.starts_with('"') {
        serde_json::from_str::<String>(value).ok()?
    } else if let Some(v) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        v.replace("''", "'")
    } else {
        value.to_string()
    };
    Some((prefix.to_string(), text))
}

/// Appends payloads to every text value of every content file and
/// site.toml; returns the edited lines, by file, with their original text.
fn poison(root: &Path) -> BTreeMap<(PathBuf, usize), String> {
    let mut edited = BTreeMap::new();
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .map(|e| e.into_path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "yaml")))
        .collect();
    files.push(root.join("site.toml"));
    let mut n = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let is_md = file.extension().is_some_and(|e| e == "md");
        let is_toml = file.extension().is_some_and(|e| e == "toml");
        let mut in_front = false;
        let mut out: Vec<String> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if is_md && line == "---" {
                in_front = !in_front && i == 0;
                out.push(line.to_string());
                continue;
            }
            let yaml_line = !is_md || in_front;
            let edited_line = if is_toml {
                // Only the site's title and description: keys and tables
                // stay valid TOML.
                line.strip_prefix("title = ")
                    .or_else(|| line.strip_prefix("description = "))
                    .and_then(|v| serde_json::from_str::<String>(v).ok())
                    .map(|v| {
                        let key = &line[..line.find(" = ").unwrap() + 3];
                        format!(
                            "{key}{}",
                            serde_json::to_string(&(v + " " + &payload(0))).unwrap()
                        )
                    })
            } else if yaml_line {
                text_value(line).map(|(prefix, value)| {
                    n += 1;
                    let hostile = format!("{value} {}", payload(n));
                    format!("{prefix}{}", serde_json::to_string(&hostile).unwrap())
                })
            } else {
                None
            };
            match edited_line {
                Some(new) => {
                    edited.insert((file.clone(), i + 1), line.to_string());
                    out.push(new);
                }
                None => out.push(line.to_string()),
            }
        }
        if is_md {
            out.push(String::new());
            out.push(format!("Абзац: {}", payload(0)));
            out.push(String::new());
            // (A `javascript:` link in Markdown is a build error of its own.)
            out.push(payload(1).replace("\r\n", " "));
        }
        std::fs::write(&file, out.join("\n") + "\n").unwrap();
    }
    edited
}

/// `file:line` of every diagnostic in a build's output; line 0 when the
/// diagnostic names the file only.
fn places(stderr: &str, root: &Path) -> Vec<(PathBuf, usize)> {
    stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .map(|place| {
            let mut parts = place.split(':');
            let file = parts.next().unwrap_or_default();
            let line = parts.next().and_then(|l| l.parse().ok()).unwrap_or(0);
            (root.join(file), line)
        })
        .collect()
}

/// Puts back the original text of every edited line the build refused
/// (a date, an id, a reference cannot carry text), until it builds.
fn revert_refused(root: &Path, edited: &mut BTreeMap<(PathBuf, usize), String>) {
    for _ in 0..20 {
        let out = metodist(root, &["build"]);
        if out.status.success() {
            return;
        }
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        // A diagnostic without a line refuses every edit of its file.
        let refused: Vec<_> = places(&stderr, root)
            .into_iter()
            .flat_map(|(file, line)| {
                edited
                    .keys()
                    .filter(|(f, l)| *f == file && (line == 0 || *l == line))
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert!(
            !refused.is_empty(),
            "a build error not at an edited line:\n{stderr}"
        );
        for place in refused {
            let original = edited.remove(&place).unwrap();
            let text = std::fs::read_to_string(&place.0).unwrap();
            let mut lines: Vec<&str> = text.lines().collect();
            lines[place.1 - 1] = &original;
            std::fs::write(&place.0, lines.join("\n") + "\n").unwrap();
        }
    }
    panic!("the hostile site never built");
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// What an HTML page's structure amounts to: every element with its
/// attribute names, and the sources and text of its scripts.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    scripts: Vec<String>,
    handlers: Vec<String>,
    dangerous_urls: Vec<String>,
    injected_images: usize,
}

fn html_shape(html: &str) -> Shape {
    let doc = scraper::Html::parse_document(html);
    let mut shape = Shape::default();
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        if el.name() == "script" {
            let src = el.attr("src").unwrap_or("inline").to_string();
            let kind = el.attr("type").unwrap_or("").to_string();
            shape.scripts.push(format!("{src} {kind}"));
        }
        if el.name() == "img" && el.attr("src") == Some("x") {
            shape.injected_images += 1;
        }
        for (name, value) in el.attrs() {
            if name.starts_with("on") {
                shape.handlers.push(format!("{}[{name}]", el.name()));
            }
            let v = value.trim().to_ascii_lowercase();
            if matches!(name, "href" | "src" | "action" | "formaction")
                && (v.starts_with("javascript:")
                    || v.starts_with("vbscript:")
                    || v.starts_with("data:text"))
            {
                shape
                    .dangerous_urls
                    .push(format!("{}[{name}={value}]", el.name()));
            }
        }
    }
    shape.scripts.sort();
    shape
}

fn ics_components(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with("BEGIN:") || l.starts_with("SUMMARY:injected"))
        .map(str::to_string)
        .collect()
}

#[test]
fn hostile_strings_in_every_field_arrive_as_text_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean");
    let hostile = dir.path().join("hostile");
    for site in [&clean, &hostile] {
        let out = metodist(
            dir.path(),
            &["init", site.file_name().unwrap().to_str().unwrap()],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut edited = poison(&hostile);
    revert_refused(&hostile, &mut edited);
    assert!(metodist(&clean, &["build"]).status.success());
    // Enough fields keep their hostile text for the test to mean something.
    assert!(
        edited.len() >= 60,
        "only {} fields carry hostile text",
        edited.len()
    );
    eprintln!(
        "hostile text in {} fields and every page body",
        edited.len()
    );

    let before = files(&clean.join("public"));
    let after = files(&hostile.join("public"));
    let (mut pages, mut marked) = (0, 0);
    let mut formats: BTreeMap<&str, usize> = BTreeMap::new();
    for (path, bytes) in &after {
        let ext = path.rsplit('.').next().unwrap_or_default();
        *formats.entry(ext).or_default() += 1;
        let text = String::from_utf8_lossy(bytes);
        marked += usize::from(text.contains(MARK));
        let clean_text = before
            .get(path)
            .map(|b| String::from_utf8_lossy(b).into_owned());
        match ext {
            "html" => {
                pages += 1;
                let shape = html_shape(&text);
                assert!(shape.handlers.is_empty(), "{path}: {:?}", shape.handlers);
                assert!(
                    shape.dangerous_urls.is_empty(),
                    "{path}: {:?}",
                    shape.dangerous_urls
                );
                assert_eq!(shape.injected_images, 0, "{path}");
                if let Some(clean_text) = &clean_text {
                    assert_eq!(
                        shape.scripts,
                        html_shape(clean_text).scripts,
                        "{path}: scripts"
                    );
                }
                // The JSON islands (facet filters) parse and hold the text.
                let doc = scraper::Html::parse_document(&text);
                let islands =
                    scraper::Selector::parse("script[type=\"application/json\"]").unwrap();
                for island in doc.select(&islands) {
                    let json: String = island.text().collect();
                    serde_json::from_str::<serde_json::Value>(&json)
                        .unwrap_or_else(|e| panic!("{path}: a JSON island does not parse: {e}"));
                }
            }
            "xml" | "svg" => {
                let doc = roxmltree::Document::parse(&text)
                    .unwrap_or_else(|e| panic!("{path}: not well-formed XML: {e}"));
                for node in doc.descendants().filter(|n| n.is_element()) {
                    let name = node.tag_name().name();
                    assert!(
                        !matches!(name, "script" | "img" | "foreignObject"),
                        "{path}: <{name}>"
                    );
                    for a in node.attributes() {
                        assert!(!a.name().starts_with("on"), "{path}: {}", a.name());
                    }
                }
            }
            "json" => {
                serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or_else(|e| panic!("{path}: {e}"));
            }
            "ics" => {
                let reader = ical::IcalParser::new(bytes.as_slice());
                for calendar in reader {
                    calendar.unwrap_or_else(|e| panic!("{path}: {e}"));
                }
                for line in text.split("\r\n") {
                    assert!(line.len() <= 75, "{path}: a line of {} octets", line.len());
                }
                let clean_components = clean_text.as_deref().map(ics_components);
                assert_eq!(Some(ics_components(&text)), clean_components, "{path}");
            }
            "csv" => {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(if text.lines().next().is_some_and(|l| l.contains(';')) {
                        b';'
                    } else {
                        b','
                    })
                    .from_reader(bytes.as_slice());
                for record in reader.records() {
                    for cell in record.unwrap().iter() {
                        assert!(
                            !cell.starts_with(['=', '+', '@']),
                            "{path}: formula cell {cell}"
                        );
                    }
                }
            }
            _ => {}
        }
        // Nothing is written outside the output folder by a hostile slug.
        assert!(!path.contains(".."), "{path}");
    }
    eprintln!("{pages} pages, formats: {formats:?}; the hostile word in {marked} files");
    assert!(
        marked >= pages / 2,
        "the hostile text reached only {marked} files"
    );

    // In a real browser no dialog opens on any page, nor on a search for
    // the hostile word.
    let Some((chromium, driver)) = Browser::installed_or_skip() else {
        return;
    };
    let browser = Browser::start(&chromium, &driver);
    let public = hostile.join("public");
    let offline = metodist(&hostile, &["build", "--offline", "-o", "offline"]);
    assert!(offline.status.success());
    let root = hostile.join("offline");
    for (path, _) in files(&root).iter().filter(|(p, _)| p.ends_with(".html")) {
        let url = format!("file://{}", root.join(path).display());
        browser.open(&url);
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert_eq!(browser.alert_text(), None, "a dialog on {path}");
    }
    let search = root.join("poisk/index.html");
    browser.open(&format!("file://{}", search.display()));
    browser.type_into("input[type=search]", MARK);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(browser.alert_text(), None, "a dialog after searching");
    let found = browser.eval("return document.body.innerText");
    assert!(
        found.as_str().unwrap_or_default().contains(MARK),
        "the search finds the hostile text"
    );
    drop(public);
}
