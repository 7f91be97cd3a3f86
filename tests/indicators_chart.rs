//! SVG charts of indicator tables: well-formed, accessible (role, title,
//! desc), bars proportional to values, series distinguishable without colour,
//! «нет данных» in words, text in CSS px and colours from the page — checked
//! in headless Chromium at 390 px and in the white-on-black scheme.

mod common;

use std::path::Path;

use common::browser::Browser;
use common::Fixture;

use metodist::indicators::chart::chart_svg;
use metodist::indicators::table::{from_yaml, Table};
use metodist::ru::typography::TypographyConfig;

fn table(yaml: &str) -> Table {
    from_yaml(Path::new("t.yaml"), yaml).unwrap()
}

fn svg(yaml: &str) -> String {
    chart_svg(&table(yaml), &TypographyConfig::default()).expect("a chart")
}

/// `(value, width, x, fill)` of every bar.
fn bars(doc: &roxmltree::Document) -> Vec<(f64, f64, f64, String)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some("bar"))
        .map(|n| {
            // Across the chart, positions are in percent of its width.
            let num = |a: &str| {
                let v = n.attribute(a).unwrap();
                v.strip_suffix('%').unwrap_or(v).parse::<f64>().unwrap()
            };
            (
                num("data-value"),
                num("width"),
                num("x"),
                n.attribute("fill").unwrap().to_string(),
            )
        })
        .collect()
}

fn check_accessible(doc: &roxmltree::Document) {
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    let ids: Vec<&str> = root
        .attribute("aria-labelledby")
        .unwrap()
        .split(' ')
        .collect();
    assert_eq!(ids.len(), 2);
    let title = doc
        .descendants()
        .find(|n| n.attribute("id") == Some(ids[0]))
        .unwrap();
    let desc = doc
        .descendants()
        .find(|n| n.attribute("id") == Some(ids[1]))
        .unwrap();
    assert_eq!(title.tag_name().name(), "title");
    assert_eq!(desc.tag_name().name(), "desc");
    assert!(!desc.text().unwrap().is_empty());
    // No scripts, no external references.
    assert!(doc.descendants().all(|n| !n.has_tag_name("script")));
    // As wide as its column and not scaled as a whole: a viewBox would
    // shrink the 12 px text with the drawing on a phone.
    assert_eq!(root.attribute("viewBox"), None);
    assert_eq!(root.attribute("width"), Some("100%"));
    assert_eq!(root.attribute("font-size"), Some("12"));
    // Text takes the page's text colour (a low-vision scheme recolours it);
    // only the series' own swatches, bars and lines carry colours.
    assert_eq!(root.attribute("fill"), Some("currentColor"));
    for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
        assert_eq!(n.attribute("fill"), None, "{n:?}");
        assert_eq!(n.attribute("font-size"), None, "{n:?}");
    }
    for n in doc.descendants() {
        if let Some(stroke) = n.attribute("stroke") {
            // A series' hatching and its dashed line; halos, whose colour
            // the stylesheet sets to the page's background.
            let hatching = n.ancestors().any(|a| a.has_tag_name("pattern"));
            let series_line = n.attribute("stroke-dasharray").is_some();
            let halo = n.attribute("class") == Some("halo");
            assert!(
                stroke == "currentColor" || hatching || series_line || halo,
                "{n:?}"
            );
        }
    }
}

const SHARES: &str = "title: Результаты адресного сопровождения
columns: [Доля школ]
rows:
  - label: Положительная динамика учебной мотивации
    values: ['90%']
  - label: Рост доли обучающихся
    rows:
      - label: Регионального уровня
        values: ['74%']
      - label: Всероссийского уровня
        values: ['29%']
  - label: Обеспечен контроль педагогов
    values: ['14,5%']
";

#[test]
fn single_series_bars_are_proportional() {
    let s = svg(SHARES);
    let doc = roxmltree::Document::parse(&s).expect("well-formed SVG");
    check_accessible(&doc);
    let bars = bars(&doc);
    let values: Vec<f64> = bars.iter().map(|b| b.0).collect();
    assert_eq!(values, [90.0, 74.0, 29.0, 14.5]);
    let ratio = bars[0].1 / bars[0].0;
    for (value, width, x, _) in &bars {
        assert!((width / value - ratio).abs() < 0.01, "{value} {width}");
        assert_eq!(*x, bars[0].2, "bars start at one baseline");
    }
    // The 90% bar spans 90% of the 0–100% axis.
    assert!(s.contains(">100%</text>"), "{s}");
    // Direct labels in Russian format, sub-rows named with their group.
    assert!(s.contains(">14,5%</text>"));
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap();
    assert!(desc
        .text()
        .unwrap()
        .contains("Рост доли обучающихся\u{a0}— Регионального уровня: 74%."));
    assert!(desc.text().unwrap().starts_with("Столбчатая диаграмма. "));
    assert!(desc
        .text()
        .unwrap()
        .contains("Обеспечен контроль педагогов: 14,5%."));
}

const MATH: &str = "title: Математика
columns: [Кластер 1, Кластер 2]
rows:
  - label: Положительная динамика по ОГЭ
    values: ['24%', '23%']
  - label: Отрицательная динамика (ОГЭ / ЕГЭ)
    values: ['- / 9%', '11% / 4%']
  - label: По ЕГЭ (профильный уровень)
    values: ['-', '2%']
";

#[test]
fn grouped_bars_tell_series_apart_and_keep_non_numbers_in_words() {
    let s = svg(MATH);
    let doc = roxmltree::Document::parse(&s).expect("well-formed SVG");
    check_accessible(&doc);
    let bars = bars(&doc);
    assert_eq!(bars.len(), 3, "only single numbers become bars");
    assert_ne!(bars[0].3, bars[1].3, "series differ in fill");
    // Each fill is a pattern: colour plus hatching for greyscale.
    let patterns: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("pattern"))
        .collect();
    assert_eq!(patterns.len(), 2);
    assert!(patterns[1].children().count() > patterns[0].children().count());
    assert!(
        s.contains(">— / 9%<title>") && s.contains(">11% / 4%<title>"),
        "{s}"
    );
    // A missing value is said in words, named after its series, with no
    // swatch or stub that could pass for a short bar.
    let no_data: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("no-data"))
        .collect();
    assert_eq!(no_data.len(), 1, "{s}");
    assert_eq!(no_data[0].text(), Some("Кластер\u{a0}1 — нет данных"));
    assert_eq!(no_data[0].attribute("x"), Some("0"));
    let y = no_data[0].attribute("y").unwrap().parse::<f64>().unwrap();
    let num = |n: &roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    assert!(
        doc.descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("y").is_some())
            .all(|n| {
                let top = num(&n, "y");
                !(top < y && y <= top + num(&n, "height"))
            }),
        "nothing is drawn on the line of «нет данных»:\n{s}"
    );
    // Each other worded value has a swatch of its series.
    let swatches: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("swatch"))
        .map(|n| n.attribute("fill").unwrap())
        .collect();
    assert_eq!(swatches.len(), 2);
    assert_ne!(
        swatches[0], swatches[1],
        "«— / 9%» and «11% / 4%» belong to two clusters"
    );
    // A legend names both series.
    assert!(s.contains(">Кластер\u{a0}1</text>") && s.contains(">Кластер\u{a0}2</text>"));
    let ratio = bars[0].1 / bars[0].0;
    assert!(bars.iter().all(|b| (b.1 / b.0 - ratio).abs() < 0.01));
}

#[test]
fn one_row_over_years_is_a_line() {
    let s = svg("title: Количество обучающихся
columns: [2017 - 2018, 2018 - 2019, 2019- 2020, 2020- 2021, 2021- 2022, 2022- 2023]
rows:
  - label: Количество обучающихся
    values: ['698', '790', '854', '925', '967', '1035']
");
    let doc = roxmltree::Document::parse(&s).expect("well-formed SVG");
    check_accessible(&doc);
    let line = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("line"))
        .unwrap();
    let points: Vec<(f64, f64)> = line
        .attribute("points")
        .unwrap()
        .split(' ')
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    assert_eq!(points.len(), 6);
    // y grows downwards: heights above the zero line are proportional.
    let values = [698.0, 790.0, 854.0, 925.0, 967.0, 1035.0];
    let zero = {
        // The plot is 220 high starting at 16.
        16.0 + 220.0
    };
    let ratio = (zero - points[0].1) / values[0];
    for ((_, y), v) in points.iter().zip(values) {
        assert!(((zero - y) / v - ratio).abs() < 1e-3, "{y} {v}");
    }
    // The axis ends at 1250 in steps of 250: the top point is not clipped.
    assert!(
        s.contains(">1250</text>") && !s.contains(">1500</text>"),
        "{s}"
    );
    assert!((zero - points[5].1) <= 220.0);
    assert!(points.windows(2).all(|w| w[1].0 > w[0].0));
    // A school year under its point on two lines, so six fit on a phone.
    assert!(
        s.contains(">2019/</text>") && s.contains(">2020</text>"),
        "{s}"
    );
    assert!(s.contains(">1035</text>"));
}

#[test]
fn stacked_bars_add_up() {
    let s = svg("title: Состав
chart: stacked-bar
columns: [Мать, Отец]
rows:
  - label: 2020-2021
    values: ['212', '2']
  - label: 2021-2022
    values: ['178', '7']
");
    let doc = roxmltree::Document::parse(&s).expect("well-formed SVG");
    let bars = bars(&doc);
    assert_eq!(bars.len(), 4);
    // The second segment starts where the first ends.
    assert!((bars[1].2 - (bars[0].2 + bars[0].1)).abs() < 0.02);
    let ratio = bars[0].1 / bars[0].0;
    assert!(bars.iter().all(|b| (b.1 / b.0 - ratio).abs() < 0.01));
    assert!(s.contains("Диаграмма с накоплением"));
}

#[test]
fn no_chart_when_asked_or_when_nothing_to_draw() {
    assert!(chart_svg(&table("title: Т\nchart: none\ncolumns: [А]\nrows:\n  - label: x\n    values: ['1']\n  - label: y\n    values: ['2']\n"), &TypographyConfig::default()).is_none());
    assert!(chart_svg(
        &table("title: Т\ncolumns: [А]\nrows:\n  - label: x\n    values: ['0/8']\n"),
        &TypographyConfig::default()
    )
    .is_none());
}

#[test]
fn one_row_under_grouped_headers_puts_the_last_level_in_series() {
    // Years × (семьи, уч-ся), as in the low-income table of seed 000: a
    // line over three years with one line per unit.
    let s = svg("title: Малообеспеченные
columns:
  - label: 2019-2020
    columns: [семьи, уч-ся]
  - label: 2020-2021
    columns: [семьи, уч-ся]
  - label: 2021-2022
    columns: [семьи, уч-ся]
rows:
  - label: Всего
    values: ['57', '66', '51', '115', '56', '121']
");
    let doc = roxmltree::Document::parse(&s).expect("well-formed SVG");
    let lines: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].attribute("points").unwrap().split(' ').count(), 3);
    assert_ne!(
        lines[0].attribute("stroke-dasharray"),
        lines[1].attribute("stroke-dasharray")
    );
    assert!(s.contains(">семьи</text>") && s.contains(">уч-ся</text>"));
    // Groups × years × units: grouped bars, one bar per unit in each group-year.
    let s = svg("title: Неполные
columns:
  - label: Всего
    columns:
      - label: 2020-2021
        columns: [семьи, уч-ся]
      - label: 2021-2022
        columns: [семьи, уч-ся]
rows:
  - label: МБОУ «СШ № 9»
    values: ['214', '230', '234', '179']
");
    let doc = roxmltree::Document::parse(&s).expect("well-formed SVG");
    let bars = bars(&doc);
    assert_eq!(bars.len(), 4);
    assert_ne!(bars[0].3, bars[1].3, "семьи and уч-ся differ");
    assert_eq!(bars[0].3, bars[2].3);
    assert!(s.contains("Всего\u{a0}— 2020/2021"), "{s}");
}

/// Every chart text of the page: its size on screen in CSS px, and (after
/// the white-on-black scheme is switched on) its fill and the colour of the
/// halos behind labels.
const CHART_TEXT: &str = r#"
const svg = document.querySelector('svg.indicator-chart');
const texts = [...svg.querySelectorAll('text')];
const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
document.documentElement.classList.add('a11y', 'a11y-wb');
const halos = [...svg.querySelectorAll('text.halo')].map(t => getComputedStyle(t).stroke);
return {
  count: texts.length,
  smallest: Math.min(...sizes),
  width: svg.getBoundingClientRect().width,
  pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
  fills: [...new Set(texts.map(t => getComputedStyle(t).fill))],
  halos: [...new Set(halos)],
  background: getComputedStyle(document.body).backgroundColor,
};
"#;

#[test]
fn chart_text_stays_legible_on_a_phone_and_in_the_white_on_black_scheme() {
    let Some((chromium, chromedriver)) = Browser::installed_or_skip() else {
        return;
    };
    let f = Fixture::new(&[
        (
            "content/monitoring/matematika.yaml",
            &MATH.replace("title: Математика", "title: Математика по кластерам"),
        ),
        (
            "content/monitoring/sostav.yaml",
            "title: Состав\nchart: stacked-bar\ncolumns: [Мать, Отец]\nrows:\n  - label: 2020-2021\n    values: ['212', '20']\n  - label: 2021-2022\n    values: ['178', '70']\n",
        ),
        (
            "content/monitoring/obuchaiushchiesia.yaml",
            "title: Количество обучающихся\ncolumns: [2017-2018, 2018-2019, 2019-2020, 2020-2021, 2021-2022, 2022-2023]\nrows:\n  - label: Количество обучающихся\n    values: ['698', '790', '854', '925', '967', '1035']\n",
        ),
    ]);
    f.build(&["--offline"]);
    let browser = Browser::start(&chromium, &chromedriver);
    browser.call(
        "POST",
        "/window/rect",
        Some(serde_json::json!({"width": 390, "height": 900})),
    );
    for page in ["matematika", "sostav", "obuchaiushchiesia"] {
        let path = f.public(&format!("monitoring/{page}/index.html"));
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("class=\"indicator-chart\""),
            "{page} has no chart"
        );
        browser.open(&format!("file://{}", path.display()));
        let r = browser.eval(CHART_TEXT);
        let at = format!("{page} at 390 px: {r}");
        assert!(r["count"].as_u64().unwrap() > 3, "{at}");
        assert!(r["width"].as_f64().unwrap() <= 390.0, "{at}");
        assert_eq!(r["pageScrolls"], false, "{at}");
        assert!(r["smallest"].as_f64().unwrap() >= 11.0, "{at}");
        assert_eq!(r["background"], "rgb(0, 0, 0)", "{at}");
        assert_eq!(
            r["fills"],
            serde_json::json!(["rgb(255, 255, 255)"]),
            "{at}"
        );
        assert_eq!(r["halos"], serde_json::json!(["rgb(0, 0, 0)"]), "{at}");
    }
}
