//! The information a municipal education body's site must carry under
//! 8-ФЗ, ст. 13, ч. 1 (`kind = "municipal_body"`): the `metodist init` site
//! of that kind built end to end and its pages read back; `metodist check`
//! on a deliberately incomplete source. The expected pages and item
//! headings are written here from the law, not read from the generator.

mod common;

use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::Command;

/// (address under /deiatelnost/, title, headings of the law's items on it).
const PAGES: &[(&str, &str, &[&str])] = &[
    (
        "obshchaia-informatsiia",
        "Общая информация",
        &[
            "Наименование",               // п. 1 «а»
            "Почтовый адрес",             // п. 1 «а»
            "Адреса электронной почты",   // п. 1 «а»
            "Телефоны справочной службы", // п. 1 «а»
            "Структура",                  // п. 1 «а»
            "Полномочия",                 // п. 1 «б»
            "Законы и иные нормативные правовые акты, определяющие полномочия, задачи и функции",
            "Подведомственные организации", // п. 1 «в»
            "Руководители органа, его подразделений и подведомственных организаций", // п. 1 «г»
            "Информационные системы, банки данных, реестры, регистры", // п. 1 «д»
            "Средства массовой информации, учреждённые органом", // п. 1 «е»
            "Официальные страницы в социальных сетях", // п. 1 «ж»
        ],
    ),
    (
        "normotvorchestvo",
        "Нормотворческая деятельность",
        &[
            "Муниципальные правовые акты",   // п. 2 «а»
            "Закупки товаров, работ, услуг", // п. 2 «в»
            "Административные регламенты и стандарты муниципальных услуг", // п. 2 «г»
            "Формы обращений, заявлений и иных документов", // п. 2 «д»
            "Порядок обжалования муниципальных правовых актов", // п. 2 «е»
        ],
    ),
    (
        "statistika",
        "Статистическая информация о деятельности",
        &[
            "Статистические данные и показатели",         // п. 7 «а»
            "Использование выделяемых бюджетных средств", // п. 7 «б»
        ],
    ),
    (
        "kadry",
        "Кадровое обеспечение",
        &[
            "Порядок поступления на муниципальную службу", // п. 8 «а»
            "Вакантные должности муниципальной службы",    // п. 8 «б»
            "Квалификационные требования к кандидатам",    // п. 8 «в»
            "Условия и результаты конкурсов на замещение вакантных должностей", // п. 8 «г»
            "Телефоны для справок о замещении вакантных должностей", // п. 8 «д»
        ],
    ),
    (
        "obrashcheniia",
        "Работа с обращениями граждан и организаций",
        &[
            "Порядок и время приёма, порядок рассмотрения обращений", // п. 9 «а»
            "Должностное лицо, ответственное за приём граждан и рассмотрение обращений", // п. 9 «б»
            "Обзоры обращений и обобщённая информация о результатах их рассмотрения", // п. 9 «в»
        ],
    ),
];

fn metodist(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    (out.status.success(), text)
}

fn init(kind: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let (ok, text) = metodist(tmp.path(), &["init", "site", "--kind", kind]);
    assert!(ok, "{text}");
    (tmp, dir)
}

fn read(dir: &Path, page: &str) -> String {
    std::fs::read_to_string(dir.join("public").join(page).join("index.html"))
        .unwrap_or_else(|e| panic!("{page}: {e}"))
        .replace(['\u{a0}', '\u{202f}'], " ")
}

fn texts(html: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).unwrap();
    html.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// `init --kind municipal_body` makes a site that builds without a
/// warning and has every page of the law, each with the section's
/// navigation, reachable from the home page and the main menu; absent
/// items carry «отсутствует», documents link to the registry or say what
/// the file is.
#[test]
fn a_municipal_init_site_has_the_8_fz_pages() {
    let (_tmp, dir) = init("municipal_body");
    // A form of application as a file beside the source.
    std::fs::write(
        dir.join("content/deiatelnost/zaiavlenie.docx"),
        vec![b'x'; 2048],
    )
    .unwrap();
    let yaml = dir.join("content/deiatelnost/informatsiia.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    let text = text.replacen(
        "  forms: отсутствует",
        "  forms: [{file: zaiavlenie.docx, text: Заявление о приёме в школу}]",
        1,
    );
    std::fs::write(&yaml, text).unwrap();
    let (ok, out) = metodist(&dir, &["build"]);
    assert!(ok, "{out}");
    assert!(!out.contains("предупреждение"), "{out}");
    assert!(!dir.join("public/sveden").exists());

    let home = Html::parse_document(&read(&dir, ""));
    assert!(
        !texts(&home, ".home-intro a[href=\"/deiatelnost/\"]").is_empty(),
        "the home page links to the section"
    );
    assert_eq!(
        texts(&home, ".main-menu a[href=\"/deiatelnost/\"]"),
        ["Информация о деятельности"]
    );

    for (id, title, headings) in PAGES {
        let page = format!("deiatelnost/{id}");
        let html = read(&dir, &page);
        let doc = Html::parse_document(&html);
        assert_eq!(texts(&doc, "h1"), [*title], "{id}");
        let nav = texts(&doc, ".sveden-nav a");
        assert_eq!(nav.len(), PAGES.len() + 1, "{id}: {nav:?}");
        for (_, t, _) in PAGES {
            assert!(nav.iter().any(|n| n == t), "{id}: nav lacks {t}");
        }
        assert_eq!(texts(&doc, ".sveden-nav a[aria-current=page]"), [*title]);
        assert!(
            html.contains(
                "Дата последнего обновления: <time datetime=\"2026-03-01\">01.03.2026</time>"
            ),
            "{id}: no freshness date"
        );
        let labels: Vec<String> = texts(&doc, "dt")
            .into_iter()
            .chain(texts(&doc, ".sveden-body h2"))
            .collect();
        for h in *headings {
            assert!(
                labels.iter().any(|l| l == h),
                "{id}: no «{h}» in {labels:?}"
            );
        }
    }
    // The section root lists its pages too.
    let root = Html::parse_document(&read(&dir, "deiatelnost"));
    assert_eq!(texts(&root, ".sveden-nav a").len(), PAGES.len() + 1);

    let general = read(&dir, "deiatelnost/obshchaia-informatsiia");
    for want in [
        "Управление образования администрации города",
        "<a href=\"mailto:uo@example.ru\">uo@example.ru</a>",
        "(0000) 00-00-00",
        "МБОУ «Средняя школа № 1»",
        "<a href=\"https://school1.example.ru/\">",
        "Смирнова Ольга Викторовна",
    ] {
        assert!(general.contains(want), "general information lacks {want}");
    }
    let doc = Html::parse_document(&general);
    let dd = |label: &str| -> String {
        let dts = texts(&doc, "dt");
        let dds = texts(&doc, "dd");
        let i = dts
            .iter()
            .position(|d| d == label)
            .unwrap_or_else(|| panic!("{label}"));
        dds[i].clone()
    };
    assert_eq!(
        dd("Информационные системы, банки данных, реестры, регистры"),
        "отсутствует"
    );
    assert_eq!(dd("Официальные страницы в социальных сетях"), "отсутствует");

    let acts = read(&dir, "deiatelnost/normotvorchestvo");
    // The act is entered once, in the registry, and linked from here.
    assert!(
        acts.contains("href=\"/dokumenty/prikaz-1/\""),
        "no link to the registry entry"
    );
    assert!(acts.contains("Об организации сопровождения школ с низкими результатами обучения"));
    assert!(
        acts.contains(
            "Заявление о приёме в школу</a> <span class=\"file-info\">(DOCX, 2,0 КБ)</span>"
        ),
        "{acts}"
    );
    let doc = Html::parse_document(&acts);
    let dts = texts(&doc, "dt");
    let dds = texts(&doc, "dd");
    let drafts = dts
        .iter()
        .position(|d| d == "Проекты муниципальных правовых актов")
        .unwrap();
    assert_eq!(dds[drafts], "отсутствует");

    let staff = Html::parse_document(&read(&dir, "deiatelnost/kadry"));
    assert_eq!(
        texts(&staff, "#vacancies + div tbody td"),
        ["отсутствуют", "отсутствует", "отсутствует"]
    );
}

/// `metodist check` names, in Russian, the page and the item of the law
/// that a deliberately incomplete source lacks, with file and line.
#[test]
fn check_lists_what_an_incomplete_source_lacks() {
    let site = common::Fixture::new(&[
        ("site.toml", "title = \"Управление\"\nkind = \"municipal_body\"\n"),
        (
            "content/deiatelnost/informatsiia.yaml",
            "- id: obshchaia-informatsiia\n  full_name: Управление образования\n  address: 000000, г. Город, ул. Центральная, д. 1\n  emails: [uo@example.ru]\n  phones: [\"00-00-00\"]\n  work_time: отсутствует\n  structure: отсутствует\n  powers: отсутствует\n  powers_acts: отсутствует\n  subordinate:\n    - name: МБОУ «СШ № 1»\n      functions: общее образование\n      address: г. Город\n  heads: отсутствует\n  info_systems: отсутствует\n  vacancies: отсутствуют\n- id: kadri\n",
        ),
    ]);
    let (ok, text) = metodist(site.root(), &["check"]);
    assert!(!ok);
    for expected in [
        "ошибка: /deiatelnost/normotvorchestvo: нет подраздела «Нормотворческая деятельность»",
        "ошибка: /deiatelnost/obrashcheniia: нет подраздела «Работа с обращениями граждан и организаций»",
        "ошибка: /deiatelnost/obshchaia-informatsiia: у «МБОУ «СШ № 1»» нет телефонов (8-ФЗ, ст. 13, ч. 1, п. 1 «в»)",
        "ошибка: телефон «00-00-00» записан не по образцу",
        "ошибка: поле «vacancies» относится к подразделу «Кадровое обеспечение» (/deiatelnost/kadry/), а эта запись — «obshchaia-informatsiia»",
        "ошибка: «kadri» — не раздел информации о деятельности органа (8-ФЗ)",
        "возможно, вы имели в виду «kadry»?",
        "content/deiatelnost/informatsiia.yaml:5:",
    ] {
        assert!(text.contains(expected), "missing «{expected}» in:\n{text}");
    }
    // Marked absent is not missing; «при наличии» items are not demanded.
    for not in [
        "(media)",
        "СМИ",
        "obshchaia-informatsiia: нет режима работы",
        "нет структуры",
    ] {
        assert!(!text.contains(not), "«{not}» reported in:\n{text}");
    }
    // A municipal body needs no /sveden/.
    assert!(!text.contains("/sveden/"), "{text}");
    // With the items filled, a missing one is named by the article.
    let site = common::Fixture::new(&[
        (
            "site.toml",
            "title = \"Управление\"\nkind = \"municipal_body\"\n",
        ),
        (
            "content/deiatelnost/informatsiia.yaml",
            "- id: kadry\n  vacancies: отсутствуют\n",
        ),
    ]);
    let (_, text) = metodist(site.root(), &["check"]);
    assert!(
        text.contains("ошибка: /deiatelnost/kadry: нет порядка поступления на муниципальную службу (8-ФЗ, ст. 13, ч. 1, п. 8 «а»)"),
        "{text}"
    );
    assert!(
        text.contains("content/deiatelnost/informatsiia.yaml:1:7"),
        "{text}"
    );
    assert!(
        text.contains(
            "предупреждение: /deiatelnost/kadry: нет даты последнего обновления (updated)"
        ),
        "{text}"
    );
}

/// The default init site (an educational organisation) has /sveden/ and no
/// 8-ФЗ pages; a site that has not said what it is gets warnings, not
/// errors, for an incomplete /deiatelnost/.
#[test]
fn the_regime_decides_which_section() {
    let (_tmp, dir) = init("educational_organisation");
    let (ok, out) = metodist(&dir, &["build"]);
    assert!(ok, "{out}");
    assert!(dir.join("public/sveden/common/index.html").exists());
    assert!(!dir.join("public/deiatelnost").exists());
    let site = common::Fixture::new(&[(
        "content/deiatelnost/informatsiia.yaml",
        "- id: kadry\n  vacancies: отсутствуют\n",
    )]);
    let (ok, text) = metodist(site.root(), &["check"]);
    assert!(ok, "{text}");
    assert!(
        text.contains(
            "предупреждение: /deiatelnost/kadry: нет порядка поступления на муниципальную службу"
        ),
        "{text}"
    );
}
