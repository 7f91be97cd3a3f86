//! End-to-end: a fixture site built by the `metodist` binary gets Russian
//! typography in its HTML (never in code, links or attributes), Russian
//! dates, per-site and per-page switches, quote warnings with file:line,
//! and the search index and page.

mod common;
use common::Fixture;

const NBSP: char = '\u{a0}';

fn page(front: &str, body: &str) -> String {
    format!("---\n{front}---\n{body}")
}

fn docs_site(extra: &[(&str, &str)]) -> Fixture {
    let mut files: Vec<(&str, &str)> = vec![(
        "content/dokumenty/_index.md",
        "---\ntitle: Документы\n---\n",
    )];
    files.extend_from_slice(extra);
    Fixture::new(&files)
}

fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("main");
    &html[start..html.find("</main>").expect("/main")]
}

const PRIKAZ: &str = "Приказ от 25.06.2021 №602-ОД \"Об утверждении \"Комплекса мер\"\" - текст в г. Смоленск...\n\n\
     Выступила Н.Д. Васинова; охват 85 % школ, страницы 3-24.\n\n\
     Код `\"x\" - y` и [ссылка \"тут\"](https://a.ru/\"q\"-1...).\n\n\
     ```\nкод \"не трогать\" - ...\n```\n\n\
     Абзац \"без конца.\n";

#[test]
fn markdown_and_titles_get_russian_typography() {
    let prikaz = page(
        "title: Приказ \"Об утверждении\" - итоги\ndate: 2021-06-25\n",
        PRIKAZ,
    );
    let f = docs_site(&[("content/dokumenty/prikaz.md", &prikaz)]);
    let out = f.build(&[]);
    let html = f.read("dokumenty/prikaz/index.html");
    let main = main_of(&html);
    let n = |s: &str| s.replace('~', &NBSP.to_string()).replace('^', "\u{202f}");
    assert!(
        main.contains(&n("<h1>Приказ «Об~утверждении»~— итоги</h1>")),
        "{main}"
    );
    assert!(
        main.contains(&n(
            "Приказ от~25.06.2021 №^602-ОД «Об~утверждении „Комплекса мер“»~— текст в~г.~Смоленск…"
        )),
        "{main}"
    );
    assert!(
        main.contains(&n(
            "Выступила Н.~Д.~Васинова; охват 85% школ, страницы 3–24."
        )),
        "{main}"
    );
    assert!(main.contains("<code>\"x\" - y</code>"), "{main}");
    assert!(
        main.contains("href=\"https://a.ru/%22q%22-1...\""),
        "{main}"
    );
    assert!(main.contains("ссылка «тут»</a>"), "{main}");
    assert!(
        main.contains("<pre><code>код \"не трогать\" - ...\n</code></pre>"),
        "{main}"
    );
    // Dates print in Russian, the machine-readable form stays ISO.
    assert!(
        main.contains(&n("<time datetime=\"2021-06-25\">25~июня 2021~г.</time>")),
        "{main}"
    );
    // The registry gives the date as a document's details do: 25.06.2021.
    assert!(f
        .read("dokumenty/index.html")
        .contains("<time datetime=\"2021-06-25\">25.06.2021</time>"));
    assert!(
        html.contains(&n("<title>Приказ «Об~утверждении»~— итоги")),
        "{html}"
    );
    // The unbalanced quote is a warning with file, line and column.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("открывающая кавычка не закрыта"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/dokumenty/prikaz.md:15:7"),
        "{stderr}"
    );
}

#[test]
fn typography_switches_off_per_page_and_per_site() {
    let raw = "Текст \"как есть\" - без правил.\n";
    let off = page("title: Без \"правил\"\ntypography: false\n", raw);
    let on = page("title: С \"правилами\"\n", raw);
    let f = docs_site(&[
        ("content/dokumenty/off.md", &off),
        ("content/dokumenty/on.md", &on),
    ]);
    f.build(&[]);
    let html = f.read("dokumenty/off/index.html");
    assert!(
        main_of(&html).contains("<h1>Без \"правил\"</h1>")
            || main_of(&html).contains("<h1>Без &quot;правил&quot;</h1>"),
        "{html}"
    );
    assert!(
        main_of(&html).contains("Текст \"как есть\" - без правил."),
        "{html}"
    );
    let html = f.read("dokumenty/on/index.html");
    assert!(
        main_of(&html).contains("Текст «как есть»\u{a0}— без правил."),
        "{html}"
    );

    let site_off = format!("{}[typography]\nenabled = false\n", common::SITE_TOML);
    let f = docs_site(&[("site.toml", &site_off), ("content/dokumenty/on.md", &on)]);
    f.build(&[]);
    let html = f.read("dokumenty/on/index.html");
    assert!(
        main_of(&html).contains("Текст \"как есть\" - без правил."),
        "{html}"
    );
}

#[test]
fn search_index_and_page_are_written() {
    let text = page(
        "title: Межшкольное партнёрство\ndate: 2022-11-17\n",
        "Школы-участники обсудили \"партнёрство\".\n",
    );
    let f = docs_site(&[("content/dokumenty/partnerstvo.md", &text)]);
    f.build(&[]);
    assert!(f
        .read("search/index.js")
        .starts_with("window.METODIST_SEARCH = {"));
    let index = f.search_index();
    assert!(index.contains(
        "METODIST_SEARCH_DOC(0,[\"dokumenty/partnerstvo/\",\"Межшкольное партнёрство\",\"Документ\",\"17\u{a0}ноября 2022\u{a0}г.\""
    ), "{index}");
    assert!(
        index.contains("\"партнерств\":\"C"),
        "title and body are indexed: {index}"
    );
    assert!(
        index.contains("обсудили «партнёрство»"),
        "snippets are typeset: {index}"
    );
    let search = f.read("poisk/index.html");
    assert!(search.contains("id=\"search-input\""));
    assert!(
        search.contains("<script src=\"/search/index.js\"></script>"),
        "{search}"
    );
    assert!(
        search.contains("<script src=\"/js/search.js\"></script>"),
        "{search}"
    );
    assert!(f.public("js/search.js").exists());
    let home = f.read("index.html");
    assert!(
        home.contains("role=\"search\" action=\"/poisk/\""),
        "the header has a search box"
    );
}

#[test]
fn search_indexes_typed_entry_fields() {
    let seminar = page(
        "title: Организация межшкольного партнёрства\ndate: 2022-11-17\nkind: межшкольный семинар\n\
         program:\n  - title: Наставничество молодых педагогов\n    speakers:\n      - name: Васинова Наталья Дмитриевна\n",
        "Итоги семинара.\n",
    );
    let f = Fixture::new(&[
        (
            "content/meropriiatiia/_index.md",
            "---\ntitle: Мероприятия\n---\n",
        ),
        ("content/meropriiatiia/seminar.md", &seminar),
    ]);
    f.build(&[]);
    let index = f.search_index();
    assert!(
        index.contains("\"Организация межшкольного партнёрства\",\"Межшкольный семинар\""),
        "the entry's kind is the label: {index}"
    );
    assert!(
        index.contains("\"васинов\":\"C"),
        "speakers are searchable: {index}"
    );
    assert!(
        index.contains("\"наставничеств\":\"C"),
        "talk titles are searchable: {index}"
    );
}
