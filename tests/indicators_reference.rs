//! The reference tables in content/monitoring/ against their sources, cell
//! by cell. The expected values below are copied from the seeds
//! (002:L40–46, L69–79, L85–91, L97–102; 000:L823–824, L828–831, L837–839,
//! L1185–1193).

use std::path::Path;

use metodist::indicators::table::{ChartKind, Table};
use metodist::indicators::value::{Number, Value};
use metodist::indicators::{self};

fn load(name: &str) -> Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/monitoring")
        .join(name);
    indicators::load(&path).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// `(depth, label, raw cells)` of every row.
fn rows(t: &Table) -> Vec<(usize, String, Vec<String>)> {
    t.flat_rows()
        .iter()
        .map(|(d, r)| {
            (
                *d,
                r.label.clone(),
                r.cells.iter().map(|c| c.raw.clone()).collect(),
            )
        })
        .collect()
}

fn check(
    t: &Table,
    title: &str,
    corner: Option<&str>,
    columns: &[&str],
    expected: &[(usize, &str, &[&str])],
) {
    assert_eq!(t.title, title);
    assert_eq!(t.row_header.as_deref(), corner);
    let labels: Vec<String> = t.leaves().iter().map(|l| l.label()).collect();
    assert_eq!(labels, columns);
    let got = rows(t);
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for ((d, label, cells), (ed, elabel, ecells)) in got.iter().zip(expected) {
        assert_eq!((d, label.as_str()), (ed, *elabel));
        assert_eq!(cells, ecells, "{label}");
    }
}

#[test]
fn regional_portrait_by_cluster() {
    let t = load("portret-shpro-shfnsu.yaml");
    check(
        &t,
        "ШПРО и ШФНСУ: региональный «портрет»",
        Some("«Контекстные» характеристики"),
        &["Кластер 1 – 21 школа", "Кластер 2 – 47 школ"],
        &[
            (0, "Попавшие впервые", &["10", "22"]),
            (0, "Попавшие повторно (2 раза подряд)", &["3", "1"]),
            (
                0,
                "Попавшие повторно (не менее 2 раз за 5 лет)",
                &["7", "22"],
            ),
            (0, "Кризисные (3 и более раз подряд)", &["1", "2"]),
            (0, "В проекте «500+» (2021/2022)", &["0/8", "4/10"]),
            (0, "Открыта «Точка роста»", &["7", "13"]),
        ],
    );
}

#[test]
fn results_of_targeted_support() {
    let t = load("rezultaty-adresnogo-soprovozhdeniia.yaml");
    check(
        &t,
        "Результаты адресного сопровождения",
        Some("Показатели"),
        &["Доля школ"],
        &[
            (
                0,
                "Положительная динамика учебной мотивации (от 10%) по данным ВСОКО",
                &["90%"],
            ),
            (
                0,
                "Рост доли обучающихся, принимающих участие в конкурсах (от 10%)",
                &[""],
            ),
            (1, "Регионального уровня", &["74%"]),
            (1, "Всероссийского уровня", &["29%"]),
            (
                0,
                "Положительная динамика личностных результатов (от 15%)",
                &["58%"],
            ),
            (
                0,
                "Диагностика профессиональных дефицитов 100% педагогов",
                &["46%"],
            ),
            (0, "Ликвидация профессиональных дефицитов", &["33%"]),
            (
                0,
                "Доля школ, где есть ИПР у более чем 20% учителей",
                &["41%"],
            ),
            (0, "Действуют наставнические пары", &["41%"]),
            (
                0,
                "Обеспечен контроль педагогов с высоким уровнем дефицитов",
                &["14,5%"],
            ),
        ],
    );
}

#[test]
fn mathematics_by_cluster() {
    let t = load("matematika-po-klasteram.yaml");
    check(
        &t,
        "Сопоставительные данные о динамике образовательных результатов по математике школ двух кластеров",
        Some("Параметры оценивания"),
        &["Кластер 1", "Кластер 2"],
        &[
            (0, "Доля школ, показавших положительную динамику по ОГЭ", &["24%", "23%"]),
            (0, "Доля школ, показавших положительную динамику по ЕГЭ (профильный уровень)", &["-", "2%"]),
            (0, "Доля школ, продемонстрировавших отрицательную динамику (ОГЭ / ЕГЭ)", &["- / 9%", "11% / 4%"]),
            (0, "Доля школ, показавших положительную динамику по двум оценочным процедурам", &["9,5%", "2,1%"]),
            (0, "Доля школ, показавших отсутствие низких результатов по ЕГЭ (базовый уровень)", &["56,3%", "85,3%"]),
            (0, "Доля школ, показавших отсутствие низких результатов по ЕГЭ (профильный уровень)", &["42,9%", "50%"]),
        ],
    );
}

#[test]
fn russian_by_cluster() {
    let t = load("russkii-iazyk-po-klasteram.yaml");
    check(
        &t,
        "Сопоставительные данные о динамике образовательных результатов по русскому языку школ двух кластеров",
        Some("Параметры оценивания"),
        &["Кластер 1", "Кластер 2"],
        &[
            (0, "Доля школ, показавших положительную динамику по ОГЭ", &["-", "2%"]),
            (0, "Доля школ, показавших положительную динамику по ЕГЭ", &["5%", "8%"]),
            (0, "Доля школ, продемонстрировавших отрицательную динамику (ОГЭ / ЕГЭ)", &["9%/-", "-/-"]),
            (0, "Доля школ, показавших отсутствие низких результатов по двум оценочным процедурам", &["31,3%", "50%"]),
            (0, "Доля школ, показавших отсутствие низких результатов по ЕГЭ", &["87,5%", "17,6%"]),
        ],
    );
}

#[test]
fn pupils_of_school_9_by_year() {
    let t = load("obuchaiushchiesia-sh-9.yaml");
    check(
        &t,
        "Количество обучающихся",
        Some("Учебный год"),
        &[
            "2017 - 2018",
            "2018 - 2019",
            "2019- 2020",
            "2020- 2021",
            "2021- 2022",
            "2022- 2023",
        ],
        &[(
            0,
            "Количество обучающихся",
            &["698", "790", "854", "925", "967", "1035"],
        )],
    );
}

#[test]
fn single_parent_families_of_school_9() {
    let t = load("nepolnye-semi-sh-9.yaml");
    let mut columns = Vec::new();
    for group in [
        "Количество учащихся из неполных семей",
        "Учащиеся из неполных семей. воспитываемые одной матерью",
        "Учащиеся из неполных семей. воспитываемые одним отцом",
    ] {
        for year in ["2020-2021", "2021-2022"] {
            for unit in ["семьи", "уч-ся"] {
                columns.push(format!("{group} — {year} — {unit}"));
            }
        }
    }
    let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    assert_eq!(t.header_depth(), 3);
    check(
        &t,
        "Количество учащихся из неполных семей",
        Some("Школа"),
        &columns,
        &[(
            0,
            "МБОУ «СШ № 9»",
            &[
                "214", "230", "234", "179", "212", "227", "178", "221", "2", "3", "7", "9",
            ],
        )],
    );
}

#[test]
fn low_income_families_of_school_9() {
    let t = load("maloobespechennye-semi-sh-9.yaml");
    check(
        &t,
        "Количество учащихся из малообеспеченных семей",
        None,
        &[
            "2019-2020 — семьи",
            "2019-2020 — уч-ся",
            "2020-2021 — семьи",
            "2020-2021 — уч-ся",
            "2021-2022 — семьи",
            "2021-2022 — уч-ся",
        ],
        &[(
            0,
            "Всего учащихся из малообеспеченных семей",
            &["57", "66", "51", "115", "56", "121"],
        )],
    );
}

#[test]
fn results_of_2020_2022_from_prose() {
    let t = load("uspevaemost-2020-2022.yaml");
    check(
        &t,
        "Успеваемость по итогам 2020-2021 учебного года и 2021-2022 учебного года",
        None,
        &["2020-2021", "2021-2022"],
        &[
            (0, "Качество знаний", &["40%", "44%"]),
            (0, "Успеваемость", &["99,3%", "99,7%"]),
            (
                0,
                "Увеличилось количество обучающихся принимающих участие в олимпиадах, конкурсах, соревнованиях",
                &["126 ч.", "132ч."],
            ),
            (
                0,
                "Увеличилось количество обучающихся на муниципальном уровне всероссийской олимпиады школьников",
                &["21ч.", "41ч."],
            ),
        ],
    );
    // «ч.» is the row's unit: the cells are numbers.
    let olympiad = &t.rows[3];
    assert_eq!(olympiad.unit.as_deref(), Some("ч."));
    assert_eq!(
        olympiad.cells[1].value,
        Value::Number(Number::plain(41.0, 0))
    );
    // Percents and head counts do not share an axis: no chart.
    assert_eq!(t.chart, Some(ChartKind::None));
}

#[test]
fn every_reference_table_loads_and_draws() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/monitoring");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !indicators::is_table_file(&path) {
            continue;
        }
        let t = indicators::load(&path).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        assert_eq!(
            indicators::chart::chart_svg(&t, &Default::default()).is_some(),
            t.chart != Some(ChartKind::None),
            "{}",
            path.display()
        );
        count += 1;
    }
    assert_eq!(count, 8);
}
