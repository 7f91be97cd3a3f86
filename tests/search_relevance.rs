//! Relevance of the site search over the reference portal (`content/`),
//! built `--offline` by the binary and searched from `file://` in headless
//! Chromium through the real search page: for each query a methodologist
//! types, the page that must be among the first three results. Also checks
//! what the sharded index promises there: only a few of its shards load for
//! a query, snippets come from the matching passage, filters count results.

mod common;
use common::browser::Browser;
use serde_json::Value;

/// Query → a result that must be in the top 3 (site-relative folder).
const QUERIES: &[(&str, &str)] = &[
    // Names in other cases: the person's own entry first.
    ("Кудельниковой", "liudi/kudelnikova-vv/"),
    ("Жойкина", "liudi/zhoikin-sa/"),
    ("Лобановой", "liudi/lobanova-en/"),
    ("Шептицкой", "liudi/sheptitskaia-zhv/"),
    ("Тренина", "liudi/trenina-ov/"),
    // Inflected forms.
    ("мотивации", "riski/nizkaia-uchebnaia-motivatsiia/"),
    ("семинаров", "meropriiatiia/2021-02-seminar-fg-profil/"),
    (
        "исследование на уроках",
        "praktiki/issledovanie-na-uroke-sh-36/",
    ),
    (
        "функциональной грамотности",
        "meropriiatiia/2021-02-seminar-fg-profil/",
    ),
    ("персональных данных", "ob-otdele/personalnye-dannye/"),
    (
        "малообеспеченных семей",
        "monitoring/maloobespechennye-semi-sh-9/",
    ),
    ("неполных семей", "monitoring/nepolnye-semi-sh-9/"),
    ("обращения граждан", "ob-otdele/obrashcheniya-grazhdan/"),
    (
        "августовское совещание",
        "meropriiatiia/2022-08-22-oblastnoe-avgustovskoe-soveshchanie/",
    ),
    (
        "дисциплина в классе",
        "riski/nizkii-uroven-distsipliny-v-klasse/",
    ),
    ("дефицит кадров", "riski/defitsit-pedagogicheskikh-kadrov/"),
    (
        "оснащение школы",
        "riski/nizkii-uroven-osnashcheniia-shkoly/",
    ),
    ("устав Тюмени", "dokumenty/ustav-g-tiumeni/"),
    (
        "адресная поддержка Тюмень",
        "adresnoe-soprovozhdenie/munitsipalnaia-model-tiumen/",
    ),
    (
        "формирующее оценивание",
        "praktiki/formiruiushchee-otsenivanie-sh-36/",
    ),
    ("школьный климат", "praktiki/shkolnyi-klimat-sh-36/"),
    ("успеваемость", "monitoring/uspevaemost-2020-2022/"),
    ("вебинар ФГОС", "meropriiatiia/2020-12-vebinar-fgos/"),
    // ё and е.
    (
        "межшкольное партнёрство",
        "meropriiatiia/2022-11-17-organizatsiia-effektivnogo-mezhshkolnogo-partnerstva/",
    ),
    (
        "межшкольное партнерство",
        "meropriiatiia/2022-11-17-organizatsiia-effektivnogo-mezhshkolnogo-partnerstva/",
    ),
    (
        "вовлечённость родителей",
        "riski/nizkii-uroven-vovlechennosti-roditelei/",
    ),
    (
        "вовлеченность родителей",
        "riski/nizkii-uroven-vovlechennosti-roditelei/",
    ),
    // Numbers: the document or school that bears it.
    ("602", "dokumenty/prikaz-dsoon-602/"),
    ("1044-ОД", "dokumenty/prikaz-dsoon-1044/"),
    ("приказ 850", "dokumenty/prikaz-dsoon-850/"),
    ("постановление 249", "dokumenty/postanovlenie-prf-249/"),
    ("школа 36", "shkoly/mbou-sh-36/"),
    ("СШ № 10 куратор", "partnerstvo/kurator-2020-2021-sh-10/"),
    // Abbreviations and proper names.
    ("ШНОР", "glossarii/shnor/"),
    ("ФИОКО", "organizatsii/fioko/"),
    ("ЦНППМ", "organizatsii/tsnppm-soiro/"),
    ("ИС МЭДК", "glossarii/is-medk/"),
    ("Пржевальского", "shkoly/mbou-gimnaziia-1/"),
    ("Рыленкова", "shkoly/mbou-sh-21/"),
    ("Хиля", "shkoly/mbou-sh-27/"),
    ("Тайчинская СОШ", "shkoly/bou-taichinskaia-sosh/"),
    // One-letter typos.
    ("мотевация", "riski/nizkaia-uchebnaia-motivatsiia/"),
    ("Кудельникава", "liudi/kudelnikova-vv/"),
    ("дисциплена", "riski/nizkii-uroven-distsipliny-v-klasse/"),
    ("успеваимость", "monitoring/uspevaemost-2020-2022/"),
    ("Прииртышкая", "shkoly/maou-priirtyshskaia-sosh/"),
];

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
        shards: performance.getEntriesByType('resource').filter(r => r.name.includes('/search/s/')).length,
        total: window.METODIST_SEARCH.bounds.length,
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
    let shards = found["shards"].as_u64().unwrap();
    let total = found["total"].as_u64().unwrap();
    assert!(
        shards * 2 <= total,
        "all those queries loaded {shards} of {total} shards"
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
