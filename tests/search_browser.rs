//! Opens a site from `file://` in headless Chromium (driven through
//! chromedriver's WebDriver API), types queries into the search box and
//! checks what the reader sees: word forms found offline, the type label,
//! the date, highlighted words and keyboard navigation.
//!
//! Needs the Debian packages `chromium` and `chromium-driver`; without them
//! the test prints why it is skipped (and fails under `CI=true`).

mod common;
use common::browser::Browser;
use common::Fixture;
use serde_json::json;
use std::path::Path;

const ARROW_DOWN: &str = "\u{e015}";
const ENTER: &str = "\u{e007}";

/// What the results list shows, read from the page.
const RESULTS: &str = r#"
    const statusNode = document.getElementById('search-status');
    if (!statusNode) return null; // still on the page before the search page
    const items = document.querySelectorAll('#search-results li');
    const status = statusNode.textContent;
    if (!items.length && !status) return null;
    return {
        status,
        items: Array.from(items, li => ({
            title: li.querySelector('a').textContent,
            href: li.querySelector('a').href,
            kind: li.querySelector('.search-result__kind').textContent,
            date: (li.querySelector('.search-result__date') || {}).textContent || null,
            marks: Array.from(li.querySelectorAll('mark'), m => m.textContent),
        })),
    };
"#;

/// A portal built by the `metodist` binary for opening from disk.
fn build_site() -> Fixture {
    let f = Fixture::new(&[
        ("content/meropriiatiia/_index.md", "---\ntitle: Мероприятия\n---\n"),
        (
            "content/meropriiatiia/seminar.md",
            "---\ntitle: Организация эффективного межшкольного партнёрства\ndate: 2022-11-17\n---\n\
             Школы-участники обсудили сетевое взаимодействие и работу пар школ.\n",
        ),
        ("content/praktiki/_index.md", "---\ntitle: Банк практик\n---\n"),
        (
            "content/praktiki/nastavnichestvo.md",
            "---\ntitle: Наставничество в школе\n---\n\
             Практика развивает партнёрством двух школ наставничество педагогов.\n",
        ),
    ]);
    f.build(&["--offline"]);
    f
}

#[test]
fn search_finds_word_forms_from_file_url() {
    let Some((chromium, chromedriver)) = Browser::installed_or_skip() else {
        return;
    };
    let site = build_site();
    let page = site.public("poisk/index.html");
    let browser = Browser::start(&chromium, &chromedriver);
    browser.open(&format!("file://{}", page.display()));

    // «партнерство» (е, nominative) finds «партнёрства» and «партнёрством».
    browser.type_into("#search-input", "партнерство");
    let results = browser.wait_for(RESULTS);
    let items = results["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{results}");
    assert_eq!(
        items[0]["title"],
        "Организация эффективного межшкольного партнёрства"
    );
    assert_eq!(items[0]["kind"], "Мероприятие");
    assert_eq!(items[0]["date"], "17\u{a0}ноября 2022\u{a0}г.");
    assert_eq!(items[0]["marks"], json!(["партнёрства"]));
    assert!(items[0]["href"]
        .as_str()
        .unwrap()
        .ends_with("/meropriiatiia/seminar/index.html"));
    let target = items[0]["href"]
        .as_str()
        .unwrap()
        .trim_start_matches("file://");
    assert!(
        Path::new(target).is_file(),
        "the result links to a built page: {target}"
    );
    assert_eq!(items[1]["kind"], "Практика");
    assert!(items[1]["date"].is_null());
    assert_eq!(items[1]["marks"], json!(["партнёрством"]));
    assert!(results["status"]
        .as_str()
        .unwrap()
        .contains("2\u{a0}результата"));

    // The keyboard reaches the first result from the search field.
    browser.type_into("#search-input", ARROW_DOWN);
    let focused = browser.eval("return document.activeElement.textContent");
    assert_eq!(focused, "Организация эффективного межшкольного партнёрства");

    // The header box of any page leads to the search page: «школы» finds
    // «школ» and «школе» (and the «Банк практик» section is not about schools).
    browser.open(&format!(
        "file://{}",
        site.public("praktiki/index.html").display()
    ));
    browser.type_into("#site-search-q", &format!("школы{ENTER}"));
    let results = browser.wait_for(RESULTS);
    let titles: Vec<&str> = results["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Наставничество в\u{a0}школе",
            "Организация эффективного межшкольного партнёрства"
        ],
        "{results}"
    );
    browser.open(&format!("file://{}?q=абракадабра", page.display()));
    let results = browser.wait_for(RESULTS);
    assert!(results["items"].as_array().unwrap().is_empty());
    assert!(results["status"]
        .as_str()
        .unwrap()
        .starts_with("Ничего не найдено"));
}
