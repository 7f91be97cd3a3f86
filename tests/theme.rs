//! The default theme as a visitor meets it: words from i18n.toml (and a
//! site's overrides), the required landmarks and links, the menu's current
//! item, and a home page that shows each collection only when the site has it.
//! The HTML validator, axe-core and the link crawl run over the reference
//! portal in `tests/gates/` (called by `.ci/run`).

mod common;
use common::Fixture;

const SITE: &str = r#"title = "Методический отдел"
base_url = "https://example.ru/"
[organization]
name = "Методический отдел МБУ ДО «ЦДО»"
address = "214020 Смоленск, ул. Крупской, 37"
phones = ["+7 (4812) 31-30-35"]
emails = ["metod@example.ru"]
[[menu]]
title = "Главная"
url = "/"
[[menu]]
title = "Мероприятия"
url = "/meropriiatiia/"
[collections]
meropriiatiia = "event"
"#;

fn event(title: &str, date: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\n---\nТекст.\n")
}

#[test]
fn words_come_from_the_translation_file_and_site_overrides() {
    let f = Fixture::new(&[
        ("site.toml", SITE),
        ("i18n.toml", "[nav]\nskip = \"К основному тексту\"\n"),
    ]);
    f.build(&[]);
    let home = f.read("index.html");
    assert!(home.contains(r##"<a class="skip-link" href="#main">К основному тексту</a>"##));
    // Untouched entries keep the theme's words.
    assert!(home.contains(">Версия для слабовидящих"));
    assert!(!home.contains("Перейти к содержимому"));
}

#[test]
fn misspelt_override_warns_and_builds() {
    let f = Fixture::new(&[
        ("site.toml", SITE),
        ("i18n.toml", "[nav]\nskp = \"К основному тексту\"\n"),
    ]);
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("в теме нет надписи «nav.skp»"), "{stderr}");
    assert!(
        stderr.contains("возможно, вы имели в виду «skip»?"),
        "{stderr}"
    );
}

#[test]
fn every_page_has_landmarks_contacts_and_official_links() {
    let f = Fixture::new(&[
        ("site.toml", SITE),
        (
            "content/meropriiatiia/_index.md",
            "---\ntitle: Мероприятия\n---\n",
        ),
        (
            "content/meropriiatiia/seminar.md",
            &event("Семинар", "2022-11-17"),
        ),
    ]);
    f.build(&[]);
    for path in [
        "index.html",
        "meropriiatiia/index.html",
        "meropriiatiia/seminar/index.html",
        "404.html",
    ] {
        let html = f.read(path);
        for needle in [
            "<html lang=\"ru\">",
            "<header class=\"site-header\">",
            "<nav class=\"main-menu\" aria-label=\"Главное меню\">",
            "<main id=\"main\" tabindex=\"-1\">",
            "<footer class=\"site-footer\">",
            "href=\"https://minobrnauki.gov.ru/\"",
            "href=\"https://edu.gov.ru/\"",
            "href=\"tel:+74812313035\"",
            "href=\"mailto:metod@example.ru\"",
            "/js/a11y.js",
            "/js/menu.js",
            "aria-controls=\"main-menu-list\"",
            "media=\"print\"",
        ] {
            assert!(html.contains(needle), "{path} lacks {needle}");
        }
    }
    // The menu marks the current page, and the section of a page inside it.
    let listing = f.read("meropriiatiia/index.html");
    assert!(listing.contains(r#"<a href="/meropriiatiia/" aria-current="page">"#));
    let page = f.read("meropriiatiia/seminar/index.html");
    assert!(page.contains(r#"<a href="/meropriiatiia/" class="in-section">"#));
    assert!(page.contains("17\u{a0}ноября 2022\u{a0}г."));
}

#[test]
fn home_page_splits_events_and_omits_absent_collections() {
    let f = Fixture::new(&[
        ("site.toml", SITE),
        (
            "content/meropriiatiia/_index.md",
            "---\ntitle: Мероприятия\nsort_by: date\n---\n",
        ),
        (
            "content/meropriiatiia/old.md",
            &event("Прошедший семинар", "2022-11-17"),
        ),
        (
            "content/meropriiatiia/next.md",
            &event("Будущий вебинар", "2099-03-01"),
        ),
    ]);
    f.build(&[]);
    let home = f.read("index.html");
    let upcoming = home.find("Ближайшие мероприятия").expect("upcoming block");
    let recent = home.find("Прошедшие мероприятия").expect("recent block");
    let next = home.find("Будущий вебинар").unwrap();
    let old = home.find("Прошедший семинар").unwrap();
    assert!(upcoming < next && next < recent && recent < old);
    // No practices or documents collection and no key figures: their blocks are left out.
    assert!(!home.contains("Новые практики"));
    assert!(!home.contains("Ключевые показатели"));
    assert!(!home.contains("Нормативные документы"));

    // A site without collections still gets a useful home page.
    let bare = Fixture::new(&[("content/note.md", &event("Заметка", "2022-01-10"))]);
    bare.build(&[]);
    let home = bare.read("index.html");
    assert!(home.contains("Новое на сайте"));
    assert!(home.contains("Заметка"));
    assert!(!home.contains("Ближайшие мероприятия"));
}

#[test]
fn key_figures_from_the_home_page_front_matter() {
    let f = Fixture::new(&[
        ("site.toml", SITE),
        (
            "content/_index.md",
            "---\ntitle: Главная\nextra:\n  key_figures:\n    - value: \"9\"\n      label: пар партнёрства\n      url: /meropriiatiia/\n      note: 2021/2022 учебный год\n---\n",
        ),
        ("content/meropriiatiia/_index.md", "---\ntitle: Мероприятия\n---\n"),
    ]);
    f.build(&[]);
    let home = f.read("index.html");
    assert!(home.contains("Ключевые показатели"));
    assert!(home.contains(r#"<span class="figure-value">9</span>"#));
    assert!(home.contains(r#"<a href="/meropriiatiia/">пар партнёрства</a>"#));
    assert!(home.contains("2021/2022\u{a0}учебный год"));
}

#[test]
fn sveden_section_is_linked_from_header_and_footer() {
    let f = Fixture::new(&[
        ("site.toml", SITE),
        (
            "content/sveden/_index.md",
            "---\ntitle: Сведения об образовательной организации\n---\n",
        ),
    ]);
    f.build(&[]);
    let home = f.read("index.html");
    // Header, the home page itself (приказ № 1493, п. 3), footer.
    assert_eq!(
        home.matches(r#"<a href="/sveden/">Сведения об образовательной организации</a>"#)
            .count(),
        3
    );
}
