//! Indicator tables in a built site: each table file in content/monitoring/
//! gets its page (chart + table) and a CSV download; any page embeds a
//! table with ```indicator ID; authors' mistakes stop the build with
//! file, line and a suggestion.

mod common;
use common::Fixture;

const TABLE: &str = "title: Результаты адресного сопровождения
period: 2021/2022 учебный год
columns: [Доля школ]
rows:
  - label: Положительная динамика учебной мотивации
    values: ['90%']
  - label: Обеспечен контроль педагогов
    values: ['14,5%']
";

fn site() -> Fixture {
    let f = Fixture::new(&[
        (
            "content/monitoring/_index.md",
            "---\ntitle: Мониторинги и аналитика\n---\n",
        ),
        ("content/monitoring/rezultaty.yaml", TABLE),
        (
            "content/monitoring/klastery.csv",
            "Параметры;Кластер 1;Кластер 2\nПо ОГЭ;24%;23%\nОГЭ / ЕГЭ;- / 9%;11% / 4%\n",
        ),
        ("content/monitoring/klastery.yaml", "title: Кластеры\n"),
        (
            "content/o-proekte.md",
            "---\ntitle: О проекте\n---\nИтоги года:\n\n```indicator rezultaty\n```\n\nКонец.\n",
        ),
    ]);
    let xlsx =
        std::fs::read(common::repo().join("tests/fixtures/indicators/xlsx/proverka.xlsx")).unwrap();
    f.write_bytes("content/monitoring/proverka.xlsx", &xlsx);
    f.write(
        "content/monitoring/proverka.yaml",
        &std::fs::read_to_string(
            common::repo().join("tests/fixtures/indicators/xlsx/proverka.yaml"),
        )
        .unwrap(),
    );
    f
}

#[test]
fn every_table_gets_a_page_with_chart_table_and_csv() {
    let f = site();
    f.build(&[]);
    let page = f.read("monitoring/rezultaty/index.html");
    assert!(
        page.contains("<h1>Результаты адресного сопровождения</h1>"),
        "{page}"
    );
    assert!(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"indicator-chart\""));
    assert!(page.contains("<caption id=\"pokazatel-rezultaty-caption\">"));
    // Caption and table first (the source of truth), then the chart, then
    // source and download.
    let caption = page.find("<caption").unwrap();
    let chart = page.find("<svg xmlns").unwrap();
    let download = page.find("Скачать таблицу в формате CSV").unwrap();
    assert!(caption < chart && chart < download);
    assert!(page.contains(">14,5%</td>"));
    assert!(page.contains("href=\"/monitoring/rezultaty/rezultaty.csv\""));
    let csv = f.read("monitoring/rezultaty/rezultaty.csv");
    assert!(csv.starts_with('\u{FEFF}'));
    assert!(csv.contains("Обеспечен контроль педагогов;14,5%"), "{csv}");
    // CSV with a sidecar and an Excel workbook become pages too.
    let klastery = f.read("monitoring/klastery/index.html");
    assert!(klastery.contains(">— / 9%</td>"));
    let proverka = f.read("monitoring/proverka/index.html");
    assert!(
        proverka.contains("<th scope=\"colgroup\" colspan=\"2\">2020/2021</th>"),
        "{proverka}"
    );
    // The section lists them; the sidecar is no page of its own.
    let list = f.read("monitoring/index.html");
    for slug in ["rezultaty", "klastery", "proverka"] {
        assert!(
            list.contains(&format!("href=\"/monitoring/{slug}/\"")),
            "{slug}: {list}"
        );
    }
    assert!(!f.public("monitoring/klastery.yaml").exists());
    // The stylesheet is linked from every page.
    assert!(page.contains("css/indicators.css"));
    assert!(f.public("css/indicators.css").exists());
}

#[test]
fn a_fenced_block_embeds_a_table_in_any_page() {
    let f = site();
    f.build(&[]);
    let page = f.read("o-proekte/index.html");
    let table = page
        .find("<table class=\"indicator-table\"")
        .expect("table embedded");
    assert!(page.find("Итоги года").unwrap() < table);
    assert!(page.find("Конец.").unwrap() > table);
    assert!(page.contains("role=\"img\""));
    assert!(!page.contains("<code class=\"language-indicator\">"));
    assert!(page.contains("href=\"/monitoring/rezultaty/rezultaty.csv\""));
}

#[test]
fn the_id_may_stand_inside_the_block() {
    let f = site();
    f.write(
        "content/o-proekte.md",
        "---\ntitle: О проекте\n---\n```indicator\nklastery\n```\n",
    );
    f.build(&[]);
    let page = f.read("o-proekte/index.html");
    assert!(
        page.contains("<caption id=\"pokazatel-klastery-caption\">"),
        "{page}"
    );
}

#[test]
fn offline_build_links_the_csv_relatively() {
    let f = site();
    f.build(&["--offline"]);
    let page = f.read("o-proekte/index.html");
    assert!(
        page.contains("href=\"../monitoring/rezultaty/rezultaty.csv\""),
        "{page}"
    );
}

#[test]
fn unknown_table_id_is_an_error_with_a_suggestion() {
    let f = site();
    f.write(
        "content/o-proekte.md",
        "---\ntitle: О проекте\n---\nТекст.\n\n```indicator rezultati\n```\n",
    );
    let err = f.build_fails(&[]);
    assert!(err.contains("content/o-proekte.md:6"), "{err}");
    assert!(err.contains("нет таблицы показателей «rezultati»"), "{err}");
    assert!(
        err.contains("возможно, вы имели в виду «rezultaty»?"),
        "{err}"
    );
}

#[test]
fn bad_cells_stop_the_build_with_their_positions() {
    let f = site();
    f.write(
        "content/monitoring/rezultaty.yaml",
        &TABLE.replace("'14,5%'", "'14,5 процента'"),
    );
    f.write(
        "content/monitoring/klastery.csv",
        "Параметры;Кластер 1\nПо ОГЭ;2x4%\n",
    );
    let err = f.build_fails(&[]);
    assert!(err.contains("content/monitoring/rezultaty.yaml:8"), "{err}");
    assert!(
        err.contains("не удалось прочитать значение «14,5 процента»"),
        "{err}"
    );
    assert!(err.contains("content/monitoring/klastery.csv:2"), "{err}");
    assert!(err.contains("«2x4%»"), "{err}");
}

#[test]
fn duplicate_table_ids_are_reported() {
    let f = site();
    f.write(
        "content/monitoring/drugaia.yaml",
        &format!("id: rezultaty\n{TABLE}"),
    );
    let err = f.build_fails(&[]);
    assert!(
        err.contains("таблица с идентификатором «rezultaty» уже есть"),
        "{err}"
    );
}

#[test]
fn a_page_without_typography_embeds_the_table_as_written() {
    let f = site();
    f.write(
        "content/o-proekte.md",
        "---\ntitle: О проекте\ntypography: false\n---\n```indicator klastery\n```\n",
    );
    f.build(&[]);
    let page = f.read("o-proekte/index.html");
    // Typography ties the short preposition «По» to «ОГЭ» with a no-break
    // space; the page switched it off, its own page keeps it.
    assert!(page.contains("<th scope=\"row\">По ОГЭ</th>"), "{page}");
    let own = f.read("monitoring/klastery/index.html");
    assert!(own.contains("<th scope=\"row\">По\u{a0}ОГЭ</th>"), "{own}");
}

#[test]
fn a_table_belonging_to_a_page_follows_its_text() {
    let f = site();
    f.write(
        "content/meropriiatiia/seminar.md",
        "---\ntitle: Семинар\n---\nПрограмма семинара.\n",
    );
    f.write(
        "content/monitoring/rezultaty.yaml",
        &format!("belongs_to: meropriiatiia/seminar.md\n{TABLE}"),
    );
    f.build(&[]);
    let page = f.read("meropriiatiia/seminar/index.html");
    let text = page.find("Программа семинара.").unwrap();
    let heading = page
        .find("<h2>Показатели</h2>")
        .expect("owned tables section");
    let table = page
        .find("<caption id=\"pokazatel-rezultaty-caption\">")
        .unwrap();
    assert!(text < heading && heading < table, "{page}");
    // Other pages do not get it.
    assert!(!f
        .read("o-proekte/index.html")
        .contains("<h2>Показатели</h2>"));
}

#[test]
fn belonging_to_a_missing_page_is_an_error_with_a_suggestion() {
    let f = site();
    f.write(
        "content/monitoring/rezultaty.yaml",
        &format!("belongs_to: [o-proekt.md]\n{TABLE}"),
    );
    let err = f.build_fails(&[]);
    assert!(err.contains("content/monitoring/rezultaty.yaml"), "{err}");
    assert!(
        err.contains("в belongs_to указана страница «o-proekt.md», которой нет"),
        "{err}"
    );
    assert!(
        err.contains("возможно, вы имели в виду «o-proekte.md»?"),
        "{err}"
    );
}

#[test]
fn a_table_may_belong_to_a_typed_entry_by_id_or_to_a_section() {
    let f = site();
    f.write(
        "content/shkoly/schools.yaml",
        "- id: mbou-sh-9\n  short_name: МБОУ «СШ № 9»\n- id: mbou-sh-33\n  short_name: МБОУ «СШ № 33»\n",
    );
    f.write(
        "content/monitoring/rezultaty.yaml",
        &format!("belongs_to: [mbou-sh-9, monitoring/_index.md]\n{TABLE}"),
    );
    f.build(&[]);
    let school = f.read("shkoly/mbou-sh-9/index.html");
    assert!(school.contains("<h2>Показатели</h2>"), "{school}");
    assert!(school.contains("<caption id=\"pokazatel-rezultaty-caption\">"));
    assert!(!f
        .read("shkoly/mbou-sh-33/index.html")
        .contains("<h2>Показатели</h2>"));
    let section = f.read("monitoring/index.html");
    assert!(
        section.contains("<caption id=\"pokazatel-rezultaty-caption\">"),
        "{section}"
    );
    // A misspelt id gets a suggestion.
    f.write(
        "content/monitoring/rezultaty.yaml",
        &format!("belongs_to: mbou-sh-99\n{TABLE}"),
    );
    let err = f.build_fails(&[]);
    assert!(
        err.contains("в belongs_to указана страница «mbou-sh-99», которой нет"),
        "{err}"
    );
    assert!(
        err.contains("возможно, вы имели в виду «mbou-sh-9»?"),
        "{err}"
    );
}

#[test]
fn site_toml_may_name_other_indicator_folders() {
    let f = Fixture::new(&[
        (
            "site.toml",
            &format!(
                "{}[collections]\npokazateli = \"indicator\"\n",
                common::SITE_TOML
            ),
        ),
        ("content/pokazateli/rezultaty.yaml", TABLE),
    ]);
    f.build(&[]);
    let page = f.read("pokazateli/rezultaty/index.html");
    assert!(page.contains(">14,5%</td>"), "{page}");
    assert!(f.public("pokazateli/rezultaty/rezultaty.csv").exists());
}

#[test]
fn init_site_has_an_indicator_table_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let dir_str = dir.to_str().unwrap();
    run(&["init", dir_str]);
    run(&["build", "--quiet", "--root", dir_str]);
    let page =
        std::fs::read_to_string(dir.join("public/monitoring/uchastie-v-olimpiadakh/index.html"))
            .unwrap();
    assert!(page.contains("role=\"img\""), "a chart");
    assert!(page.contains("▲\u{a0}+20"), "dynamics: {page}");
    let school = std::fs::read_to_string(dir.join("public/shkoly/mbou-sh-1/index.html")).unwrap();
    assert!(school.contains("<h2>Показатели</h2>"), "{school}");
}

#[test]
fn a_table_is_shown_once_per_page() {
    let f = site();
    f.write(
        "content/o-proekte.md",
        "---\ntitle: О проекте\n---\n```indicator rezultaty\n```\n\n```indicator rezultaty\n```\n",
    );
    f.write(
        "content/monitoring/rezultaty.yaml",
        &format!("belongs_to: o-proekte.md\n{TABLE}"),
    );
    let out = f.build(&[]);
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(warnings.contains("content/o-proekte.md:7"), "{warnings}");
    assert!(
        warnings.contains("таблица «rezultaty» уже есть на этой странице"),
        "{warnings}"
    );
    let page = f.read("o-proekte/index.html");
    assert_eq!(
        page.matches("<caption id=\"pokazatel-rezultaty-caption\">")
            .count(),
        1
    );
    // Embedded in the text, it is not repeated under «Показатели».
    assert!(!page.contains("<h2>Показатели</h2>"));
}

/// serve's page memo must survive indicator tables: an unchanged rebuild
/// renders no page again, a body edit renders exactly that page.
#[test]
fn serve_rebuilds_reuse_pages_on_a_site_with_tables() {
    use metodist::pipeline::{build_cached, BuildOptions, Cache};
    let f = site();
    let opts = BuildOptions {
        root: f.root().to_path_buf(),
        ..Default::default()
    };
    let cache = Cache::default();
    let first = build_cached(&opts, &cache).expect("the fixture builds");
    assert!(first.rendered > 0);
    for _ in 0..3 {
        let again = build_cached(&opts, &cache).expect("the fixture builds");
        assert_eq!(again.rendered, 0, "an unchanged rebuild renders nothing");
    }
    let page = f.root().join("content/o-proekte.md");
    f.write(
        "content/o-proekte.md",
        "---\ntitle: О проекте\n---\nИтоги:\n\n```indicator rezultaty\n```\n",
    );
    cache.forget(f.root(), &[page]);
    let edited = build_cached(&opts, &cache).expect("the fixture builds");
    assert_eq!(edited.rendered, 1, "a body edit renders its own page only");
    let html = edited.output.read("o-proekte/index.html").expect("page");
    assert!(String::from_utf8(html.unwrap().to_vec())
        .unwrap()
        .contains("Итоги:"));
}
