//! The HTML of an indicator table: caption, scoped headers for column and
//! row groups, Russian number formats, dynamics in words and signs, notes.

use std::path::Path;

use metodist::indicators::html::{footer_html, table_html};
use metodist::indicators::table::{from_yaml, Table};
use metodist::ru::typography::TypographyConfig;

fn html(table: &Table) -> String {
    let typo = TypographyConfig::default();
    table_html(table, &typo) + &footer_html(table, Some("proverka.csv"), &typo)
}

fn fixture() -> Table {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/indicators/yaml/proverka.yaml");
    metodist::indicators::load(&path).unwrap()
}

/// Parses the fragment as XML (it is written to be well-formed) and
/// returns `(tag, attributes, text)` of every element matching `tag`.
fn elements(html: &str, tag: &str) -> Vec<(Vec<(String, String)>, String)> {
    let wrapped = format!("<root>{html}</root>");
    let doc = roxmltree::Document::parse(&wrapped).expect("well-formed");
    doc.descendants()
        .filter(|n| n.has_tag_name(tag))
        .map(|n| {
            let attrs = n
                .attributes()
                .map(|a| (a.name().to_string(), a.value().to_string()))
                .collect();
            let text: String = n
                .descendants()
                .filter(|d| d.is_text())
                .filter(|d| {
                    !d.ancestors()
                        .any(|a| a.attribute("class") == Some("visually-hidden"))
                })
                .map(|d| d.text().unwrap())
                .collect();
            (attrs, text)
        })
        .collect()
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn caption_states_title_unit_and_period() {
    let h = html(&fixture());
    let caption = &elements(&h, "caption")[0].1;
    assert!(caption.starts_with("Проверочная таблица"), "{caption}");
    assert!(
        caption.contains("Единица измерения: доля школ"),
        "{caption}"
    );
    assert!(caption.contains("Период: 2020–2022"), "{caption}");
}

#[test]
fn column_groups_and_leaves_have_scopes_and_spans() {
    let h = html(&fixture());
    let ths: Vec<_> = elements(&h, "th");
    let find = |text: &str| {
        ths.iter()
            .find(|(_, t)| t == text)
            .unwrap_or_else(|| panic!("{text}: {ths:?}"))
    };
    let corner = find("Показатели");
    assert_eq!(attr(&corner.0, "scope"), Some("col"));
    assert_eq!(attr(&corner.0, "rowspan"), Some("2"));
    let year = find("2020/2021");
    assert_eq!(attr(&year.0, "scope"), Some("colgroup"));
    assert_eq!(attr(&year.0, "colspan"), Some("2"));
    let comment = find("Комментарий");
    assert_eq!(attr(&comment.0, "scope"), Some("col"));
    assert_eq!(attr(&comment.0, "rowspan"), Some("2"));
    assert_eq!(
        ths.iter()
            .filter(|(a, t)| t == "Кластер\u{a0}1" && attr(a, "scope") == Some("col"))
            .count(),
        2
    );
    for label in ["Целевое значение", "Базовое значение"] {
        assert_eq!(attr(&find(label).0, "scope"), Some("col"));
    }
    let group = find("Участие в\u{a0}конкурсах");
    assert_eq!(attr(&group.0, "scope"), Some("rowgroup"));
    let sub = find("Регионального уровня");
    assert_eq!(attr(&sub.0, "scope"), Some("row"));
    assert_eq!(
        attr(&find("Положительная динамика").0, "scope"),
        Some("row")
    );
}

#[test]
fn cells_are_in_russian_format_with_raw_kept() {
    let h = html(&fixture());
    let tds: Vec<String> = elements(&h, "td").into_iter().map(|(_, t)| t).collect();
    // First row: 5 data cells, baseline, target.
    assert_eq!(
        &tds[..7],
        [
            "14,5%",
            "10",
            "—",
            "50%",
            "как в отчёте",
            "",
            "не менее 75%"
        ]
    );
    // Group head: empty cells.
    assert!(tds[7..14].iter().all(String::is_empty), "{tds:?}");
    assert_eq!(
        &tds[14..21],
        ["— / 9%", "11% / 4%", "0/8", "", "—", "40%", ""]
    );
    assert_eq!(&tds[21..26], ["9% / —", "— / —", "4/10", "2,5", ""]);
    // The raw text stays on the cell when the display differs.
    assert!(h.contains("data-raw=\"- / 9%\""), "{h}");
    // Screen readers hear what the dash means.
    assert!(h.contains("—<span class=\"visually-hidden\"> (прочерк: нет данных)</span>"));
}

#[test]
fn footer_has_notes_dash_note_source_and_download() {
    let h = html(&fixture());
    let items: Vec<String> = elements(&h, "li").into_iter().map(|(_, t)| t).collect();
    assert_eq!(items[0], "Прочерк означает отсутствие данных.");
    assert!(items[1].starts_with("Прочерк «—» стоит там"), "{items:?}");
    assert!(h.contains("Источник: Тестовые данные"));
    let links = elements(&h, "a");
    assert_eq!(attr(&links[0].0, "href"), Some("proverka.csv"));
    assert_eq!(links[0].1, "Скачать таблицу в формате CSV");
}

const PUPILS: &str = "title: Количество обучающихся
row_header: Учебный год
columns: [2017 - 2018, 2018 - 2019, 2019- 2020, 2020- 2021]
rows:
  - label: Количество обучающихся
    values: ['698', '790', '790', '754']
  - label: Качество знаний
    values: ['40%', '44%', '43,5%', '-']
";

#[test]
fn dynamics_between_periods_in_signs_and_words() {
    let t = from_yaml(Path::new("p.yaml"), PUPILS).unwrap();
    let h = html(&t);
    let tds: Vec<String> = elements(&h, "td").into_iter().map(|(_, t)| t).collect();
    assert_eq!(tds[0], "698");
    assert_eq!(tds[1], "790 ▲\u{a0}+92");
    assert_eq!(tds[2], "790 =\u{a0}0");
    assert_eq!(tds[3], "754 ▼\u{a0}\u{2212}36");
    assert_eq!(tds[5], "44% ▲\u{a0}+4\u{a0}п.\u{a0}п.");
    assert_eq!(tds[6], "43,5% ▼\u{a0}\u{2212}0,5\u{a0}п.\u{a0}п.");
    assert_eq!(tds[7], "—");
    assert!(h.contains("indicator-dyn-up"));
    assert!(h.contains("indicator-dyn-down"));
    assert!(h.contains("(рост на 92 по сравнению с 2017/2018)"), "{h}");
    assert!(
        h.contains("(снижение на 0,5\u{a0}п.\u{a0}п. по сравнению с 2018/2019)"),
        "{h}"
    );
    assert!(
        h.contains("(снижение на 36 по сравнению с 2019/2020)"),
        "{h}"
    );
    assert!(h.contains("<th scope=\"col\">2019/2020</th>"), "{h}");
    assert!(
        h.contains("(без изменений по сравнению с 2018/2019)"),
        "{h}"
    );
}

#[test]
fn dynamics_can_be_switched_off() {
    let t = from_yaml(Path::new("p.yaml"), &format!("{PUPILS}dynamics: false\n")).unwrap();
    assert!(!html(&t).contains("indicator-dyn"));
}

#[test]
fn dynamics_follow_the_same_sub_column_in_grouped_years() {
    let yaml = "title: Неполные семьи
columns:
  - label: 2020-2021
    columns: [семьи, уч-ся]
  - label: 2021-2022
    columns: [семьи, уч-ся]
rows:
  - label: Всего
    values: ['214', '230', '234', '179']
";
    let t = from_yaml(Path::new("s.yaml"), yaml).unwrap();
    let tds: Vec<String> = elements(&html(&t), "td")
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        tds,
        ["214", "230", "234 ▲\u{a0}+20", "179 ▼\u{a0}\u{2212}51"]
    );
}

#[test]
fn clusters_get_no_dynamics_and_text_is_escaped() {
    let yaml = "title: A <b>&</b>
columns: [Кластер 1 – 21 школа, Кластер 2 – 47 школ]
rows:
  - label: x
    values: ['10', '22']
";
    let t = from_yaml(Path::new("c.yaml"), yaml).unwrap();
    let h = html(&t);
    assert!(!h.contains("indicator-dyn"));
    assert!(h.contains("A &lt;b&gt;&amp;&lt;/b&gt;"));
}

#[test]
fn a_row_unit_is_shown_in_its_header_and_may_stand_in_cells() {
    let yaml = "title: Т
columns: [2020-2021, 2021-2022]
rows:
  - label: Участники олимпиады
    unit: ч.
    values: ['21ч.', '41ч.']
";
    let t = from_yaml(Path::new("u.yaml"), yaml).unwrap();
    let h = html(&t);
    assert!(
        h.contains(
            "<th scope=\"row\">Участники олимпиады <span class=\"indicator-unit\">(ч.)</span></th>"
        ),
        "{h}"
    );
    let tds: Vec<String> = elements(&h, "td").into_iter().map(|(_, t)| t).collect();
    assert_eq!(tds, ["21", "41 ▲\u{a0}+20"]);
    assert!(h.contains("data-raw=\"41ч.\""));
}
