//! A seminar page printed on paper, as a participant gets it: headless
//! Chromium prints it to PDF (`--print-to-pdf`), and poppler's `pdfinfo` and
//! `pdftotext` (Debian `poppler-utils`, installed by `.ci/run`) read it back.
//! The sheet is A4; page 1 carries the title, date, place and the whole
//! programme; related records, indicator tables, the calendar link and the
//! site footer stay off the paper.

mod common;
use common::browser::{find_program, require_in_ci, CHROMIUM_ARGS};
use common::Fixture;
use std::path::{Path, PathBuf};
use std::process::Command;

const SITE: &str = r#"title = "Тестовый сайт"
base_url = "https://example.ru/"
[organization]
name = "Методический отдел МБУ ДО «ЦДО»"
address = "214020 Смоленск, ул. Крупской, 37"
"#;

const SEMINAR: &str = r#"---
title: Межшкольный семинар
kind: межшкольный семинар
date: 2022-11-17
time: "10:00"
city: Смоленск
venue: МБОУ «СШ № 33»
program:
  - title: О федеральном проекте
    speakers: [{name: Васинова Наталья Дмитриевна}]
  - title: Межорганизационное взаимодействие
    speakers: [{name: Жойкин Сергей Александрович}]
  - title: Драйвер развития школы
    speakers: [{name: Кудельникова Виктория Викторовна}]
  - title: Организация методической работы
    speakers: [{name: Шептицкая Жанна Владимировна}]
---
Семинар провёл методический отдел.
"#;

/// The tools, or `None` (skip) off CI when one is missing.
fn tools() -> Option<(PathBuf, PathBuf, PathBuf)> {
    let chromium = find_program(&["chromium", "chromium-browser", "google-chrome"]);
    let pdftotext = find_program(&["pdftotext"]);
    let pdfinfo = find_program(&["pdfinfo"]);
    match (chromium, pdftotext, pdfinfo) {
        (Some(c), Some(t), Some(i)) => Some((c, t, i)),
        (None, ..) => {
            require_in_ci("chromium", "chromium");
            None
        }
        _ => {
            require_in_ci("pdftotext and pdfinfo", "poppler-utils");
            None
        }
    }
}

fn print_to_pdf(chromium: &Path, page: &Path, pdf: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium)
        .args(CHROMIUM_ARGS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        // Without the browser's own header and footer (date, address of the
        // file): the sheet shows what the stylesheet prints.
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        pdf.is_file(),
        "no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The text of `pdf` (pages `first..=last`) with runs of spaces, no-break
/// spaces and line ends made one space.
fn text(pdftotext: &Path, pdf: &Path, pages: Option<(u32, u32)>) -> String {
    let mut cmd = Command::new(pdftotext);
    if let Some((first, last)) = pages {
        cmd.args(["-f", &first.to_string(), "-l", &last.to_string()]);
    }
    let out = cmd.arg(pdf).arg("-").output().expect("run pdftotext");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_seminar_page_prints_as_an_a4_handout() {
    let Some((chromium, pdftotext, pdfinfo)) = tools() else {
        return;
    };
    let f = Fixture::new(&[
        ("site.toml", SITE),
        ("content/meropriiatiia/2022-11-17-seminar.md", SEMINAR),
        // An indicator table of the seminar and a pair presented there: both
        // show on the screen, neither belongs on the handout.
        (
            "content/monitoring/uchashchiesia.yaml",
            "title: Количество обучающихся\nbelongs_to: [2022-11-17-seminar]\nrow_header: Учебный год\n\
             columns: [\"2021-2022\", \"2022-2023\"]\nrows:\n  - label: Количество обучающихся\n    values: [\"967\", \"1035\"]\n",
        ),
        (
            "content/partnerstvo/pairs.yaml",
            "- id: para\n  title: Пара школ взаимоэкспертизы\n  kind: кураторская пара\n  members: []\n  presented_at: [{event: 2022-11-17-seminar, item: 2}]\n",
        ),
    ]);
    f.build(&["--offline"]);
    let page = f.public("meropriiatiia/2022-11-17-seminar/index.html");
    let screen = std::fs::read_to_string(&page).unwrap();
    for on_screen in [
        "Количество обучающихся",
        "Пара школ взаимоэкспертизы",
        "ул. Крупской",
    ] {
        assert!(screen.contains(on_screen), "{on_screen}:\n{screen}");
    }

    let pdf = f.root().join("seminar.pdf");
    print_to_pdf(&chromium, &page, &pdf);

    let info = Command::new(&pdfinfo).arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap_or_else(|| panic!("no page size:\n{info}"));
    let mut dims = size
        .split_whitespace()
        .filter_map(|w| w.parse::<f64>().ok());
    let (w, h) = (dims.next().unwrap(), dims.next().unwrap());
    // A4 is 595 × 842 pt (US Letter, Chromium's default, is 612 × 792).
    assert!(
        (w - 595.0).abs() < 1.5 && (h - 842.0).abs() < 1.5,
        "not A4: {size}"
    );

    let first = text(&pdftotext, &pdf, Some((1, 1)));
    for wanted in [
        "Межшкольный семинар",
        "17 ноября 2022",
        "Смоленск, МБОУ «СШ № 33»",
        "Программа",
        "Тема",
        "Докладчики",
        "О федеральном проекте",
        "Межорганизационное взаимодействие",
        "Драйвер развития школы",
        "Организация методической работы",
        "Шептицкая Жанна Владимировна",
    ] {
        assert!(first.contains(wanted), "page 1 lacks «{wanted}»:\n{first}");
    }
    let all = text(&pdftotext, &pdf, None);
    for left_out in [
        "Количество обучающихся",
        "Пара школ взаимоэкспертизы",
        "Связанные записи",
        "ул. Крупской",
        "Добавить в календарь",
    ] {
        assert!(!all.contains(left_out), "printed «{left_out}»:\n{all}");
    }
}
