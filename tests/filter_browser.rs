//! The combined facet filter of the document registry, opened from
//! `file://` in headless Chromium: choosing values or typing a number narrows
//! the registry's rows in place, counts follow the other choices, and
//! resetting brings every row back.

mod common;
use common::browser::Browser;
use common::Fixture;

const STATE: &str = r#"
    const box = document.querySelector('[data-filter]');
    if (!box || box.hidden || !box.querySelector('form')) return null;
    const count = v => {
        const input = Array.from(box.querySelectorAll('input')).find(i => i.value === v);
        return input ? input.parentElement.querySelector('.count').textContent : null;
    };
    return {
        status: box.querySelector('.facet-status').textContent,
        results: Array.from(document.querySelectorAll('#listing tr[data-item]'))
            .filter(r => !r.hidden && r.offsetParent !== null)
            .map(r => r.querySelector('.reg-title a').textContent),
        listing_hidden: document.getElementById('listing').hidden,
        count_federal: count('федеральный'),
        count_prikaz: count('приказ'),
        count_pismo: count('письмо'),
    };
"#;

fn click(browser: &Browser, value: &str) {
    browser.eval(&format!(
        "Array.from(document.querySelectorAll('[data-filter] input')).find(i => i.value === {value:?}).click()"
    ));
}

#[test]
fn facet_filter_narrows_the_registry_from_file_url() {
    let Some((chromium, chromedriver)) = Browser::installed() else {
        println!("skipped: chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        return;
    };
    let f = Fixture::new(&[(
        "content/dokumenty/documents.yaml",
        "- id: a\n  kind: приказ\n  level: муниципальный\n  title: О партнёрстве\n\
         - id: b\n  kind: приказ\n  level: федеральный\n  title: О проекте\n\
         - id: c\n  kind: письмо\n  level: федеральный\n  number: \"12-П\"\n  title: О методике\n",
    )]);
    f.build(&["--offline"]);
    let browser = Browser::start(&chromium, &chromedriver);
    let url = format!("file://{}", f.public("dokumenty/index.html").display());
    browser.open(&url);
    let start = browser.wait_for(STATE);
    assert_eq!(start["status"], "");
    assert_eq!(start["listing_hidden"], false);
    assert_eq!(start["count_prikaz"], "(2)");

    click(&browser, "федеральный");
    let s = browser.eval(STATE);
    assert_eq!(s["status"], "Найдено записей: 2 из 3");
    // The registry table stays; rows that do not match are hidden.
    assert_eq!(s["listing_hidden"], false);
    assert_eq!(
        s["results"],
        serde_json::json!(["О\u{a0}методике", "О\u{a0}проекте"])
    );
    // Counts of the other facet follow the choice: one federal order, one letter.
    assert_eq!(s["count_prikaz"], "(1)");
    assert_eq!(s["count_pismo"], "(1)");

    click(&browser, "письмо");
    let s = browser.eval(STATE);
    assert_eq!(s["status"], "Найдено записей: 1 из 3");
    assert_eq!(s["results"], serde_json::json!(["О\u{a0}методике"]));

    browser.eval("document.querySelector('.facet-reset').click()");
    let s = browser.eval(STATE);
    assert_eq!(s["listing_hidden"], false);
    assert_eq!(s["count_federal"], "(2)");
    assert_eq!(s["results"].as_array().map(Vec::len), Some(3));

    // The text field finds a number however it is typed.
    for typed in ["12 п", "№12-П", "12п"] {
        browser.eval(&format!(
            "const t = document.getElementById('facet-text'); t.value = {typed:?}; t.dispatchEvent(new Event('input'))"
        ));
        let s = browser.eval(STATE);
        assert_eq!(s["status"], "Найдено записей: 1 из 3", "{typed}");
        assert_eq!(
            s["results"],
            serde_json::json!(["О\u{a0}методике"]),
            "{typed}"
        );
        assert_eq!(s["count_pismo"], "(1)", "{typed}");
        assert_eq!(s["count_prikaz"], "(0)", "{typed}");
    }
    browser.eval("document.querySelector('.facet-reset').click()");
    let s = browser.eval(STATE);
    assert_eq!(s["results"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        browser.eval("return document.getElementById('facet-text').value"),
        ""
    );
}

/// Results the filter lists itself (the practice bank has no row per entry)
/// link to the entries from `file://` too: the embedded data's addresses are
/// relative in an offline build, on every page of the paginated listing.
#[test]
fn practice_bank_results_open_from_file_url() {
    let Some((chromium, chromedriver)) = Browser::installed() else {
        println!("skipped: chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        return;
    };
    let f = Fixture::new(&[
        (
            "content/praktiki/_index.md",
            "---\ntitle: Банк практик\npaginate_by: 1\n---\n",
        ),
        (
            "content/praktiki/practices.yaml",
            "- id: a\n  title: Наставничество\n  kind: программа\n\
             - id: b\n  title: Школьный климат\n  kind: проект\n",
        ),
    ]);
    f.build(&["--offline"]);
    let browser = Browser::start(&chromium, &chromedriver);
    for listing in ["praktiki/index.html", "praktiki/page/2/index.html"] {
        let path = f.public(listing);
        assert!(path.exists(), "{listing}");
        browser.open(&format!("file://{}", path.display()));
        browser.wait_for("return document.querySelector('[data-filter] form') ? true : null");
        click(&browser, "проект");
        let href = browser.eval(
            "const a = document.querySelector('.facet-results:not([hidden]) a'); return a ? a.href : null",
        );
        let href = href.as_str().expect("a result link").to_string();
        assert!(
            href.starts_with("file://") && href.ends_with("/praktiki/b/index.html"),
            "{listing}: {href}"
        );
        browser.open(&href);
        let h1 = browser
            .wait_for("const h = document.querySelector('h1'); return h ? h.textContent : null");
        assert_eq!(h1, "Школьный климат", "{listing}");
    }
}
