//! Relevance of the site search over the reference portal (`content/`),
//! built `--offline` by the binary and searched from `file://` in headless
//! Chromium through the real search page: for each query a methodologist
//! types, the page that must be among the first three results. Also checks
//! that snippets come from the matching passage, that typo corrections are
//! announced, and that filters count and narrow the results. (That a query
//! loads only the shards it needs is checked under Node in src/search/tests.rs
//! and measured by benches/search.rs.)

mod common;
use common::browser::Browser;
use common::search_queries::QUERIES;
use serde_json::Value;

/// Runs a query on the search page and returns, once shown, the status,
/// the results (site-relative folder, snippet, marks) and the filters.
const RUN: &str = r#"
    const [query] = arguments;
    const input = document.getElementById('search-input');
    const status = document.getElementById('search-status');
    status.textContent = '';
    input.value = query;
    input.dispatchEvent(new Event('input'));
"#;

const READ: &str = r#"
    const status = document.getElementById('search-status').textContent;
    if (!status) return null;
    const root = location.href.replace(/poisk\/index\.html.*$/, '');
    return {
        status,
        items: Array.from(document.querySelectorAll('#search-results li'), li => ({
            url: li.querySelector('a').href.slice(root.length).replace(/index\.html$/, ''),
            snippet: (li.querySelector('.search-result__snippet') || {}).textContent || '',
            marks: Array.from(li.querySelectorAll('.search-result__snippet mark'), m => m.textContent),
        })),
        filters: Array.from(document.querySelectorAll('#search-filters fieldset'), f => ({
            legend: f.querySelector('legend').textContent,
            options: Array.from(f.querySelectorAll('label'), l => l.textContent.trim()),
        })),
    };
"#;

fn search(browser: &Browser, query: &str) -> Value {
    browser.call(
        "POST",
        "/execute/sync",
        Some(serde_json::json!({"script": RUN, "args": [query]})),
    );
    browser.wait_for(READ)
}

#[test]
fn reference_portal_queries_find_the_right_page_in_the_top_3() {
    let Some((chromium, chromedriver)) = Browser::installed_or_skip() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(["build", "--quiet", "--offline", "--root"])
        .arg(common::repo())
        .arg("--output")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let browser = Browser::start(&chromium, &chromedriver);
    browser.open(&format!(
        "file://{}",
        out.path().join("poisk/index.html").display()
    ));
    browser.wait_for("return window.METODIST_SEARCH ? true : null");

    let mut misses = Vec::new();
    for (query, expected) in QUERIES {
        let found = search(&browser, query);
        let top: Vec<&str> = found["items"]
            .as_array()
            .unwrap()
            .iter()
            .take(3)
            .map(|i| i["url"].as_str().unwrap())
            .collect();
        if !top.contains(expected) {
            misses.push(format!("«{query}»: {expected} not in {top:?}"));
        }
    }
    assert!(
        misses.is_empty(),
        "{} of {} queries miss:\n{}",
        misses.len(),
        QUERIES.len(),
        misses.join("\n")
    );

    // From file://, the results link to the built pages' index.html.
    let found = search(&browser, "Кудельниковой");
    let first = &found["items"][0];
    assert_eq!(first["url"], "liudi/kudelnikova-vv/");
    assert!(out.path().join("liudi/kudelnikova-vv/index.html").is_file());
    // The snippet of a page that mentions her far down is the passage that
    // names her, with the name marked.
    let school = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["url"] == "shkoly/mbou-sh-9/")
        .expect("the school whose page names her");
    assert!(
        school["marks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m.as_str().unwrap().starts_with("Кудельников")),
        "{school}"
    );
    // A typo is corrected only when the exact word finds nothing, and the
    // live region says so.
    let found = search(&browser, "мотевация");
    assert!(
        found["status"]
            .as_str()
            .unwrap()
            .contains("показаны похожие слова"),
        "{found}"
    );
    let found = search(&browser, "мотивация");
    assert!(
        !found["status"].as_str().unwrap().contains("похожие"),
        "{found}"
    );

    // Filters by kind and year, with counts; a year narrows the results.
    let found = search(&browser, "семинар");
    let filters = found["filters"].as_array().unwrap();
    let legends: Vec<&str> = filters
        .iter()
        .map(|f| f["legend"].as_str().unwrap())
        .collect();
    assert_eq!(legends, ["Тип", "Год"], "{found}");
    let year = filters[1]["options"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o.as_str().unwrap().strip_prefix("2021 ("))
        .next()
        .unwrap_or_else(|| panic!("no 2021 filter: {found}"));
    let count = year.trim_end_matches(')').to_string();
    browser
        .eval("document.querySelector('#search-filters input[name=year][value=\"2021\"]').click()");
    // The live region counts the filtered results.
    let status = browser.wait_for(&format!(
        "const s = document.getElementById('search-status').textContent; \
         return s.includes(' {count}\\u00a0') ? s : null"
    ));
    let shown = browser.eval("return document.querySelectorAll('#search-results li').length");
    assert!(
        shown.as_u64().unwrap() <= count.parse().unwrap(),
        "{status}"
    );
    assert_ne!(found["status"], status, "the filter narrows the results");
}
