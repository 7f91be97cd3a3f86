//! The same indicator table written as YAML, as CSV with a sidecar, as CSV
//! with a front-matter header, and as an Excel workbook must give one model;
//! authors' mistakes are reported with file and cell.

use std::path::{Path, PathBuf};

use metodist::indicators::table::Table;
use metodist::indicators::value::{Number, Value};
use metodist::indicators::{self, load};

fn fixture(form: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/indicators")
        .join(form)
        .join(name)
}

fn load_ok(path: &Path) -> Table {
    load(path).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
}

#[test]
fn yaml_csv_front_matter_and_xlsx_give_the_same_table() {
    let yaml = load_ok(&fixture("yaml", "proverka.yaml"));
    for (form, name) in [
        ("csv", "proverka.csv"),
        ("front", "proverka.csv"),
        ("xlsx", "proverka.xlsx"),
        ("ods", "proverka.ods"),
    ] {
        let other = load_ok(&fixture(form, name));
        assert_eq!(other, yaml, "{form}");
    }
}

#[test]
fn the_yaml_model_has_groups_sub_rows_targets_and_typed_cells() {
    let t = load_ok(&fixture("yaml", "proverka.yaml"));
    assert_eq!(t.id, "proverka");
    assert_eq!(t.header_depth(), 2);
    let labels: Vec<String> = t.leaves().iter().map(|l| l.label()).collect();
    assert_eq!(
        labels,
        [
            "2020-2021 — Кластер 1",
            "2020-2021 — Кластер 2",
            "2021-2022 — Кластер 1",
            "2021-2022 — Кластер 2",
            "Комментарий"
        ]
    );
    assert_eq!(t.rows.len(), 2);
    let first = &t.rows[0];
    assert_eq!(
        first.cells[0].value,
        Value::Number(Number::percent(14.5, 1))
    );
    assert_eq!(first.cells[0].raw, "14,5%");
    assert_eq!(first.cells[2].value, Value::Missing);
    assert_eq!(first.cells[4].value, Value::Text("как в отчёте".into()));
    assert_eq!(first.target.as_ref().unwrap().raw, "не менее 75%");
    let group = &t.rows[1];
    assert!(group.cells.iter().all(|c| c.value == Value::Empty));
    assert_eq!(group.children.len(), 2);
    assert_eq!(group.children[0].label, "Регионального уровня");
    assert_eq!(group.children[0].cells[2].raw, "0/8");
    assert_eq!(
        group.children[1].target.as_ref().unwrap().value,
        Value::Text("Отсутствие обращений".into())
    );
}

fn errors_of(dir: &Path, files: &[(&str, &str)], table: &str) -> Vec<String> {
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    indicators::load(&dir.join(table))
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn yaml_cell_errors_name_line_and_column_all_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let errors = errors_of(
        dir.path(),
        &[(
            "t.yaml",
            "title: Т\ncolumns: [А, Б]\nrows:\n  - label: Строка\n    values: [\"1\", \"21ч.\"]\n  - label: Вторая\n    values: [\"abc\", \"2\"]\n",
        )],
        "t.yaml",
    );
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("t.yaml:5:"), "{}", errors[0]);
    assert!(errors[0].contains("«21ч.»"), "{}", errors[0]);
    assert!(errors[1].contains("t.yaml:7:"), "{}", errors[1]);
}

#[test]
fn misspelt_field_gets_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let errors = errors_of(
        dir.path(),
        &[("t.yaml", "titel: Т\ncolumns: [А]\n")],
        "t.yaml",
    );
    assert!(
        errors[0]
            .contains("t.yaml:1:1: неизвестное поле «titel»; возможно, вы имели в виду «title»?"),
        "{errors:?}"
    );
}

#[test]
fn a_repeated_field_is_reported_in_russian() {
    let dir = tempfile::tempdir().unwrap();
    let errors = errors_of(
        dir.path(),
        &[("t.yaml", "title: Т\ncolumns: [А]\ntitle: Б\n")],
        "t.yaml",
    );
    assert!(
        errors[0].contains("t.yaml:3:1: поле «title» указано дважды; оставьте одно"),
        "{errors:?}"
    );
}

#[test]
fn wrong_number_of_values_is_reported_at_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let errors = errors_of(
        dir.path(),
        &[(
            "t.yaml",
            "title: Т\ncolumns: [А, Б]\nrows:\n  - label: Строка\n    values: [\"1\"]\n",
        )],
        "t.yaml",
    );
    assert!(errors[0].contains("t.yaml:4:"), "{errors:?}");
    assert!(
        errors[0].contains("значений: 1, а столбцов с данными: 2"),
        "{errors:?}"
    );
}

#[test]
fn csv_errors_name_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let errors = errors_of(
        dir.path(),
        &[
            ("t.yaml", "title: Т\n"),
            ("t.csv", "Показатель;А;Б\nПервый;1;2\nВторой;3;x4\n"),
        ],
        "t.csv",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("t.csv:3:3: не удалось прочитать значение «x4»"),
        "{errors:?}"
    );
}

#[test]
fn csv_front_matter_errors_point_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let errors = errors_of(
        dir.path(),
        &[("t.csv", "---\ntitle: Т\ncahrt: bar\n---\nП;А\nX;1\n")],
        "t.csv",
    );
    assert!(
        errors[0]
            .contains("t.csv:3:1: неизвестное поле «cahrt»; возможно, вы имели в виду «chart»?"),
        "{errors:?}"
    );
}

#[test]
fn csv_without_description_asks_for_a_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let errors = errors_of(dir.path(), &[("t.csv", "П;А\nX;1\n")], "t.csv");
    assert!(
        errors[0].contains("создайте рядом файл «t.yaml»"),
        "{errors:?}"
    );
}

#[test]
fn sidecar_errors_name_the_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let errors = errors_of(
        dir.path(),
        &[
            ("t.yaml", "title: Т\nchart: pie\n"),
            ("t.csv", "П;А\nX;1\n"),
        ],
        "t.csv",
    );
    assert!(errors[0].contains("t.yaml:2:"), "{errors:?}");
    assert!(
        errors[0].contains("недопустимое значение «pie»"),
        "{errors:?}"
    );
}

#[test]
fn spreadsheet_errors_name_sheet_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("xlsx", "proverka.xlsx"), dir.path().join("t.xlsx")).unwrap();
    // Without text_columns, «как в отчёте» in F3 is not a number.
    let errors = errors_of(
        dir.path(),
        &[(
            "t.yaml",
            "title: Т\nheader_rows: 2\ntarget_column: Целевое значение\nbaseline_column: Базовое значение\n",
        )],
        "t.xlsx",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains(
            "t.xlsx: лист «Мониторинг», ячейка F3: не удалось прочитать значение «как в отчёте»"
        ),
        "{errors:?}"
    );
}

#[test]
fn sidecars_are_not_tables() {
    assert!(indicators::is_sidecar(&fixture("csv", "proverka.yaml")));
    assert!(!indicators::is_table_file(&fixture("csv", "proverka.yaml")));
    assert!(indicators::is_table_file(&fixture("csv", "proverka.csv")));
    assert!(indicators::is_table_file(&fixture("yaml", "proverka.yaml")));
    assert!(indicators::is_table_file(&fixture("xlsx", "proverka.xlsx")));
}

#[test]
fn csv_download_round_trips() {
    let yaml = load_ok(&fixture("yaml", "proverka.yaml"));
    let csv = yaml.to_csv();
    assert!(csv.starts_with('\u{FEFF}'));
    assert!(csv.contains("Показатели;2020-2021 — Кластер 1;"), "{csv}");
    assert!(
        csv.contains("— Регионального уровня;'- / 9%;11% / 4%;0/8;;-;40%;"),
        "{csv}"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.csv"), &csv).unwrap();
    std::fs::write(
        dir.path().join("d.yaml"),
        "title: Т\ntext_columns: [Комментарий]\ntarget_column: Целевое значение\nbaseline_column: Базовое значение\n",
    )
    .unwrap();
    let back = load_ok(&dir.path().join("d.csv"));
    let cells = |t: &Table| -> Vec<String> {
        t.flat_rows()
            .iter()
            .flat_map(|(_, r)| r.cells.iter().map(|c| c.raw.clone()))
            .collect()
    };
    assert_eq!(cells(&back), cells(&yaml));
}

#[test]
fn csv_download_neutralises_formulas() {
    use metodist::indicators::table::csv_safe;
    assert_eq!(
        csv_safe("=HYPERLINK(\"http://x\")"),
        "'=HYPERLINK(\"http://x\")"
    );
    assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(csv_safe("+7 cmd"), "'+7 cmd");
    assert_eq!(csv_safe("-5"), "-5");
    assert_eq!(csv_safe("+3,5 %"), "+3,5 %");
    assert_eq!(csv_safe("-"), "-");
    assert_eq!(csv_safe("Школа"), "Школа");
}

/// A machine export of a million rows is not a page: refused quickly with
/// a hint instead of building an 800 MB page.
#[test]
fn a_table_too_large_for_a_page_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("Школа;2022\n");
    for i in 0..6000 {
        csv.push_str(&format!("Школа {i};{}\n", i % 100));
    }
    let started = std::time::Instant::now();
    let errors = errors_of(
        dir.path(),
        &[("t.yaml", "title: Т\n"), ("t.csv", &csv)],
        "t.csv",
    );
    assert!(started.elapsed().as_secs() < 10);
    assert!(
        errors[0].contains("в таблице 6000 строк, а на странице сайта помещается не больше 5000"),
        "{errors:?}"
    );
    assert!(errors[0].contains("сводные данные"), "{errors:?}");
}
