//! Tables as a reader meets them: a programme, a plan and a Markdown table
//! leave out columns that are empty in every row, sit in a box that scrolls
//! sideways on a phone, and never break a word inside a cell — checked in
//! headless Chromium at 390 and 1280 CSS px.

mod common;
use common::browser::Browser;
use common::Fixture;

/// A seminar whose programme has pages for one talk only, no times and no
/// moderators; its long words («Межорганизационное») do not fit a phone's
/// column and once broke one letter per line.
const SEMINAR: &str = r#"---
title: Межшкольный семинар
date: 2022-11-17
city: Смоленск
program:
  - title: Межорганизационное взаимодействие в рамках федерального Проекта «500+»
    speakers:
      - {name: Жойкин Сергей Александрович, position: директор}
    pages: "25-43"
  - title: Федеральный проект как драйвер развития общеобразовательной организации
    speakers:
      - {name: Кудельникова Виктория Викторовна, position: директор}
---
О семинаре.

| Школа | Кластер | Показатель |
|---|---|---|
| Общеобразовательная школа № 33 | Первый | Удовлетворительно |
"#;

/// A plan whose items have periods only: «№», «Исполнители» and «Результат»
/// are empty in every row.
const PLAN: &str = r#"- id: etapy
  title: Этапы взаимоэкспертизы
  kind: план-график
  year: "2022"
  items:
    - activity: Получение информации о школе-партнёре
      period: {raw: до 7 октября 2022 года}
    - activity: Проведение встречи со школой-партнёром
      period: {raw: до 21 октября 2022 года}
"#;

fn site() -> Fixture {
    let f = Fixture::new(&[
        ("content/meropriiatiia/2022-11-17-seminar.md", SEMINAR),
        ("content/dorozhnaia-karta/plans.yaml", PLAN),
    ]);
    f.build(&["--offline"]);
    f
}

/// The header cells of the first `<table class="{class}"`.
fn headers(html: &str, class: &str) -> Vec<String> {
    let start = html
        .find(&format!("<table class=\"{class}\""))
        .unwrap_or_else(|| panic!("no table.{class}:\n{html}"));
    let table = &html[start..start + html[start..].find("</thead>").unwrap()];
    table
        .split("<th scope=\"col\"")
        .skip(1)
        .map(|th| th[th.find('>').unwrap() + 1..th.find("</th>").unwrap()].to_string())
        .collect()
}

#[test]
fn columns_empty_in_every_row_are_left_out() {
    let f = site();
    let event = f.read("meropriiatiia/2022-11-17-seminar/index.html");
    // Pages are given for one talk, so «Стр.» stays; no talk has a time.
    assert_eq!(
        headers(&event, "program"),
        ["№", "Тема", "Докладчики", "Стр."]
    );
    let plan = f.read("dorozhnaia-karta/etapy/index.html");
    assert_eq!(headers(&plan, "plan"), ["Мероприятие", "Сроки"]);
    assert!(!plan.contains("<td></td>"), "{plan}");

    // Without pages anywhere the column goes, header and cells.
    f.write(
        "content/meropriiatiia/2022-11-17-seminar.md",
        &SEMINAR.replace("    pages: \"25-43\"\n", ""),
    );
    f.build(&["--offline"]);
    let event = f.read("meropriiatiia/2022-11-17-seminar/index.html");
    assert_eq!(headers(&event, "program"), ["№", "Тема", "Докладчики"]);
    assert!(!event.contains("class=\"pages\""), "{event}");
}

#[test]
fn every_table_sits_in_a_scroll_box() {
    let f = site();
    let event = f.read("meropriiatiia/2022-11-17-seminar/index.html");
    let plan = f.read("dorozhnaia-karta/etapy/index.html");
    for (html, tables) in [(&event, 2), (&plan, 1)] {
        assert_eq!(html.matches("<table").count(), tables, "{html}");
        // Each table is the first child of its focusable box.
        let boxed = html
            .split("<div class=\"table-scroll\" role=\"region\"")
            .skip(1)
            .filter(|rest| {
                let open = rest.find('>').unwrap();
                rest[..open].contains("tabindex=\"0\"")
                    && rest[open + 1..].trim_start().starts_with("<table")
            })
            .count();
        assert_eq!(boxed, tables, "{html}");
    }
}

/// For every table on the page: whether the document scrolls sideways, and
/// every word of a cell that the browser laid out on more than one line (a
/// line may end after the hyphen of «школе-партнёре», as in print).
const LAYOUT: &str = r#"
const broken = [];
for (const cell of document.querySelectorAll('main td, main th')) {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const re = /[^\s-]+/g;
    let m;
    while ((m = re.exec(node.data))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[0]);
    }
  }
}
const boxes = [...document.querySelectorAll('main table')].map(t => {
  const box = t.parentElement;
  return { box: box.className, overflow: getComputedStyle(box).overflowX,
           scrolls: box.scrollWidth > box.clientWidth };
});
return { pageScrolls: document.documentElement.scrollWidth > window.innerWidth, broken, boxes };
"#;

#[test]
fn no_word_breaks_inside_a_cell_on_a_phone_or_a_desktop() {
    let Some((chromium, chromedriver)) = Browser::installed_or_skip() else {
        return;
    };
    let f = site();
    let browser = Browser::start(&chromium, &chromedriver);
    for width in [390, 1280] {
        browser.call(
            "POST",
            "/window/rect",
            Some(serde_json::json!({"width": width, "height": 900})),
        );
        for page in [
            "meropriiatiia/2022-11-17-seminar/index.html",
            "dorozhnaia-karta/etapy/index.html",
        ] {
            browser.open(&format!("file://{}", f.public(page).display()));
            let inner = browser.eval("return window.innerWidth").as_u64().unwrap();
            let layout = browser.eval(LAYOUT);
            let at = format!("{page} at {inner} px: {layout}");
            assert_eq!(layout["broken"], serde_json::json!([]), "{at}");
            assert_eq!(layout["pageScrolls"], false, "{at}");
            for b in layout["boxes"].as_array().unwrap() {
                assert_eq!(b["box"], "table-scroll", "{at}");
                assert_eq!(b["overflow"], "auto", "{at}");
            }
            // The programme does not fit a phone: it scrolls in its box
            // instead of squeezing its words; on a desktop it fits.
            if page.starts_with("meropriiatiia") {
                let program = &layout["boxes"][0]["scrolls"];
                assert_eq!(program, &serde_json::json!(inner < 600), "{at}");
            } else {
                // A plan of two columns fits a phone: nothing hides to the side.
                assert_eq!(layout["boxes"][0]["scrolls"], false, "{at}");
            }
        }
    }
}
