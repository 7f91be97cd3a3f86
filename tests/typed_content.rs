//! Typed content end to end: both authoring forms, references by id and
//! alias, reference errors with suggestions, back-references, checks,
//! calendar files, filter data and taxonomy pages.

mod common;
use common::Fixture;

const SCHOOLS: &str = "\
- id: mbou-sh-33
  short_name: МБОУ «СШ № 33»
  aliases: [СШ №33]
- id: mbou-sh-9
  short_name: МБОУ «СШ № 9»
";

const FACTORS: &str = "\
- id: nizkaia-motivatsiia
  title: Низкая учебная мотивация обучающихся
";

const PRACTICE_FIELDS: &str = "\
title: Современный педагог
level: школьная
school_year: \"2021-2022\"
schools: [mbou-sh-9, СШ № 33]
risk_factors: [Низкая учебная мотивация обучающихся]
target_groups: [педагоги]
";

/// Events of an iCalendar text, read by the `ical` crate: property name
/// (with `;VALUE=DATE` when given) → value.
fn parse_ics(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    assert!(text.contains("\r\n"), "lines end in CRLF");
    let mut out = Vec::new();
    for cal in ical::IcalParser::new(std::io::BufReader::new(text.as_bytes())) {
        let cal = cal.expect("a valid calendar");
        for e in cal.events {
            let mut m = std::collections::HashMap::new();
            for p in e.properties {
                let date = p
                    .params
                    .iter()
                    .flatten()
                    .any(|(k, v)| k == "VALUE" && v.iter().any(|v| v == "DATE"));
                let key = if date {
                    format!("{};VALUE=DATE", p.name)
                } else {
                    p.name
                };
                m.insert(key, p.value.unwrap_or_default());
            }
            out.push(m);
        }
    }
    out
}

fn site(extra: &[(&str, &str)]) -> Fixture {
    let mut files = vec![
        ("content/shkoly/schools.yaml", SCHOOLS),
        ("content/riski/factors.yaml", FACTORS),
    ];
    files.extend_from_slice(extra);
    Fixture::new(&files)
}

fn markdown_practice() -> String {
    format!("---\n{PRACTICE_FIELDS}---\nОписание практики.\n")
}

fn yaml_practice() -> String {
    let mut s = String::from("- id: sovremennyi-pedagog\n");
    for line in PRACTICE_FIELDS.lines() {
        s.push_str(&format!("  {line}\n"));
    }
    s.push_str("  body: |\n    Описание практики.\n");
    s
}

#[test]
fn both_forms_give_the_same_page_and_listing() {
    let md = markdown_practice();
    let a = site(&[("content/praktiki/sovremennyi-pedagog.md", &md)]);
    a.build(&[]);
    let yaml = yaml_practice();
    let b = site(&[("content/praktiki/practices.yaml", &yaml)]);
    b.build(&[]);
    for path in [
        "praktiki/sovremennyi-pedagog/index.html",
        "praktiki/index.html",
        "shkoly/mbou-sh-9/index.html",
    ] {
        assert_eq!(
            a.read(path),
            b.read(path),
            "{path} differs between the forms"
        );
    }
    let page = a.read("praktiki/sovremennyi-pedagog/index.html");
    assert!(page.contains("Описание практики."), "{page}");
    // The alias «СШ № 33» resolved to the school's page.
    assert!(page.contains("href=\"/shkoly/mbou-sh-33/\""), "{page}");
    assert!(
        page.contains("Низкая учебная мотивация обучающихся"),
        "{page}"
    );
}

#[test]
fn back_references_appear_on_target_pages() {
    let md = markdown_practice();
    let f = site(&[("content/praktiki/sovremennyi-pedagog.md", &md)]);
    f.build(&[]);
    for path in [
        "shkoly/mbou-sh-33/index.html",
        "riski/nizkaia-motivatsiia/index.html",
    ] {
        let html = f.read(path);
        assert!(
            html.contains("href=\"/praktiki/sovremennyi-pedagog/\""),
            "{path} does not link back:\n{html}"
        );
    }
    let factor = f.read("riski/nizkaia-motivatsiia/index.html");
    assert!(
        factor.contains("Практики, которые работают с фактором"),
        "{factor}"
    );
}

#[test]
fn unknown_reference_is_an_error_at_its_place_with_suggestions() {
    let f = site(&[(
        "content/praktiki/a.md",
        "---\ntitle: Практика\nschools: [mbou-sh-9, mbou-sh-34]\n---\n",
    )]);
    let err = f.build_fails(&[]);
    assert!(
        err.contains("ссылка на несуществующую запись «mbou-sh-34» (раздел «Организации»)"),
        "{err}"
    );
    assert!(err.contains("content/praktiki/a.md:3:22"), "{err}");
    assert!(
        err.contains("возможно, вы имели в виду «mbou-sh-33»"),
        "{err}"
    );
}

#[test]
fn ambiguous_alias_duplicate_id_and_unknown_field_are_reported_together() {
    let f = Fixture::new(&[
        (
            "content/shkoly/schools.yaml",
            "- id: a\n  short_name: Школа\n- id: b\n  short_name: Школа\n- id: a\n  short_name: Другая\n",
        ),
        (
            "content/praktiki/p.md",
            "---\ntitle: П\nschools: Школа\n---\n",
        ),
        (
            "content/praktiki/q.md",
            "---\ntitle: Q\nlevl: школьная\n---\n",
        ),
    ]);
    let err = f.build_fails(&[]);
    assert!(err.contains("идентификатор «a» уже занят"), "{err}");
    assert!(err.contains("content/shkoly/schools.yaml:5:7"), "{err}");
    assert!(
        err.contains("название «Школа» подходит к нескольким записям: «a», «b»"),
        "{err}"
    );
    assert!(err.contains("неизвестное поле «levl»"), "{err}");
    assert!(err.contains("возможно, вы имели в виду «level»?"), "{err}");
}

#[test]
fn impossible_dates_reversed_ranges_and_bad_values_are_errors() {
    let f = Fixture::new(&[
        (
            "content/meropriiatiia/a.md",
            "---\ntitle: Семинар\ndate: 2022-11-17\nend_date: 2022-11-10\n---\n",
        ),
        (
            "content/meropriiatiia/b.md",
            "---\ntitle: Семинар\ndate: 2021-02-30\nschool_year: \"2021-2023\"\n---\n",
        ),
        (
            "content/partnerstvo/pairs.yaml",
            "- id: p\n  kind: кураторская пар\n  members: [x]\n",
        ),
    ]);
    let err = f.build_fails(&[]);
    assert!(
        err.contains("дата окончания (2022-11-10) раньше даты начала (2022-11-17)"),
        "{err}"
    );
    assert!(err.contains("content/meropriiatiia/a.md:4:11"), "{err}");
    assert!(err.contains("даты «2021-02-30» не существует"), "{err}");
    assert!(
        err.contains("второй год учебного года должен быть на единицу больше первого"),
        "{err}"
    );
    assert!(
        err.contains("недопустимое значение «кураторская пар»"),
        "{err}"
    );
    assert!(
        err.contains("возможно, вы имели в виду «кураторская пара»?"),
        "{err}"
    );
}

#[test]
fn unverified_entries_and_placeholder_links_are_warnings() {
    let f = Fixture::new(&[(
        "content/meropriiatiia/a.md",
        "---\ntitle: Семинар\nverified: false\nmaterials:\n  - {title: Презентация, url: \"#\"}\n---\n",
    )]);
    let out = f.build(&[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("заметка: запись не сверена с источником (verified: false)"),
        "{err}"
    );
    assert!(err.contains("content/meropriiatiia/a.md:3:11"), "{err}");
    assert!(
        err.contains("ссылка-заглушка «#» у материала «Презентация»"),
        "{err}"
    );
    let html = f.read("meropriiatiia/a/index.html");
    assert!(html.contains("class=\"unverified\""), "{html}");
}

#[test]
fn event_program_speakers_and_talk_references() {
    let f = Fixture::new(&[
        (
            "content/liudi/people.yaml",
            "- id: vasinova-nd\n  surname: Васинова\n  name: Наталья\n  patronymic: Дмитриевна\n  positions: [{position: методист, organisation: tsdo}]\n",
        ),
        ("content/organizatsii/o.yaml", "- id: tsdo\n  short_name: МБУ ДО «ЦДО»\n"),
        (
            "content/meropriiatiia/2022-11-17-seminar.md",
            "---\ntitle: Межшкольный семинар\ndate: 2022-11-17\ntime: \"10:00\"\ncity: Смоленск\nprogram:\n  - title: О проекте\n    speakers: [Васинова Н.Д.]\n  - title: Опыт школы\n    speakers:\n      - {name: Иванов И.И., position: директор}\n---\n",
        ),
        (
            "content/partnerstvo/pairs.yaml",
            "- id: para\n  kind: кураторская пара\n  members: []\n  presented_at: [{event: 2022-11-17-seminar, item: 2}]\n- id: para-2\n  kind: взаимоэкспертиза\n  members: []\n  presented_at: [{event: 2022-11-17-seminar, item: 5}]\n",
        ),
    ]);
    let err = f.build_fails(&[]);
    assert!(
        err.contains("в программе мероприятия «Межшкольный семинар» нет выступления «5»"),
        "{err}"
    );
    assert!(err.contains("content/partnerstvo/pairs.yaml:8:52"), "{err}");
    assert!(err.contains("в паре пока нет ни одного участника"), "{err}");
    f.write(
        "content/partnerstvo/pairs.yaml",
        "- id: para\n  kind: кураторская пара\n  members: [{organisation: shkola, role: ШНОР}]\n  presented_at: [{event: 2022-11-17-seminar, item: 2}]\n",
    );
    f.write(
        "content/shkoly/s.yaml",
        "- id: shkola\n  short_name: Школа\n",
    );
    f.build(&[]);
    let person = f.read("liudi/vasinova-nd/index.html");
    assert!(
        person.contains("href=\"/meropriiatiia/2022-11-17-seminar/#vystuplenie-1\""),
        "{person}"
    );
    // The talk of a person counts for the organisation of their position.
    let event = f.read("meropriiatiia/2022-11-17-seminar/index.html");
    // The speaker's position comes from the directory when the program omits it.
    assert!(
        event.contains("методист, <a href=\"/organizatsii/tsdo/\">"),
        "{event}"
    );
    let org = f.read("organizatsii/tsdo/index.html");
    assert!(org.contains("Выступления сотрудников"), "{org}");
    assert!(
        org.contains("href=\"/meropriiatiia/2022-11-17-seminar/#vystuplenie-1\""),
        "{org}"
    );
    let pair = f.read("partnerstvo/para/index.html");
    assert!(
        pair.contains("href=\"/meropriiatiia/2022-11-17-seminar/#vystuplenie-2\""),
        "{pair}"
    );
    assert!(pair.contains("Опыт школы"), "{pair}");
    let event = f.read("meropriiatiia/2022-11-17-seminar/index.html");
    assert!(event.contains("id=\"vystuplenie-2\""), "{event}");
    assert!(
        event.contains("Иванов\u{a0}И.\u{a0}И., директор"),
        "{event}"
    );
    assert!(event.contains("event.ics"), "{event}");
}

#[test]
fn events_dated_to_a_day_get_a_valid_calendar_file() {
    let f = Fixture::new(&[
        (
            "content/meropriiatiia/2022-11-17-seminar.md",
            "---\ntitle: Организация эффективного межшкольного партнерства, опыт; школ\nkind: межшкольный семинар\ndate: 2022-11-17\ntime: \"10:00\"\nend_time: \"13:30\"\ncity: Смоленск\n---\n",
        ),
        (
            "content/meropriiatiia/2022-08-22-soveshchanie.md",
            "---\ntitle: Совещание\ndate: 2022-08-22\nend_date: 2022-08-23\n---\n",
        ),
        (
            "content/meropriiatiia/2020-12-seminar.md",
            "---\ntitle: Семинар в декабре\ndate: \"2020-12\"\n---\n",
        ),
    ]);
    f.build(&[]);
    let ics = f.read("meropriiatiia/2022-11-17-seminar/event.ics");
    let events = parse_ics(&ics);
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e["DTSTART"], "20221117T100000");
    assert_eq!(e["DTEND"], "20221117T133000");
    assert_eq!(
        e["SUMMARY"],
        "Межшкольный семинар: Организация эффективного межшкольного партнерства\\, опыт\\; школ"
    );
    assert_eq!(e["LOCATION"], "Смоленск");
    assert_eq!(
        e["URL"],
        "https://example.ru/meropriiatiia/2022-11-17-seminar/"
    );
    let two_days = parse_ics(&f.read("meropriiatiia/2022-08-22-soveshchanie/event.ics"));
    assert_eq!(two_days[0]["DTSTART;VALUE=DATE"], "20220822");
    assert_eq!(two_days[0]["DTEND;VALUE=DATE"], "20220824");
    assert!(!f.public("meropriiatiia/2020-12-seminar/event.ics").exists());
}

const COURSE: &str = "---
title: Формирующее оценивание на уроке
date: 2023-01-16
end_date: 2023-01-20
school_year: \"2022-2023\"
hours: 36
form: очно-заочно
city: Смоленск
organisers: [mbou-sh-9]
lecturers:
  - person: ivanova-ma
modules:
  - {title: Цели и критерии, hours: 12}
  - {title: Обратная связь, hours: 20}
---
Занятия с разбором уроков.
";

/// The training-course type end to end: its page, listing, calendar file,
/// search label, back-references on the lecturer's and organiser's pages,
/// and its own check.
#[test]
fn courses_have_pages_listings_calendars_and_back_references() {
    let f = site(&[
        ("content/kursy/2023-01-16-fo.md", COURSE),
        (
            "content/liudi/people.yaml",
            "- id: ivanova-ma\n  surname: Иванова\n  name: Мария\n  patronymic: Алексеевна\n",
        ),
    ]);
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr).replace('\u{a0}', " ");
    assert!(
        stderr.contains("объём курсов — 36 часов, а модули вместе дают 32 часа"),
        "{stderr}"
    );
    let page = f
        .read("kursy/2023-01-16-fo/index.html")
        .replace('\u{a0}', " ");
    assert!(
        page.contains("<h1>Формирующее оценивание на уроке</h1>"),
        "{page}"
    );
    assert!(page.contains("36 часов"), "{page}");
    assert!(page.contains("href=\"/liudi/ivanova-ma/\""), "{page}");
    assert!(page.contains("Цели и критерии — 12 часов"), "{page}");
    assert!(page.contains("event.ics"), "{page}");
    let events = parse_ics(&f.read("kursy/2023-01-16-fo/event.ics"));
    assert_eq!(events[0]["DTSTART;VALUE=DATE"], "20230116");
    assert_eq!(events[0]["DTEND;VALUE=DATE"], "20230121");
    assert_eq!(
        events[0]["SUMMARY"],
        "Курсы: Формирующее оценивание на\u{a0}уроке"
    );
    let listing = f.read("kursy/index.html");
    assert!(
        listing.contains("href=\"/kursy/2023-01-16-fo/\""),
        "{listing}"
    );
    let person = f.read("liudi/ivanova-ma/index.html");
    assert!(person.contains("Ведёт курсы"), "{person}");
    let school = f.read("shkoly/mbou-sh-9/index.html");
    assert!(school.contains("Организованные курсы"), "{school}");
    let index = f.search_index();
    assert!(index.contains("\"Курсы\""), "the search label of a course");

    f.write(
        "content/kursy/2023-01-16-fo.md",
        &COURSE
            .replace("person: ivanova-ma", "person: ivanova-m")
            .replace(
                "form: очно-заочно",
                "form: очно-заочно\nregistration: \"javascript:alert(1)\"",
            ),
    );
    let err = f.build_fails(&[]);
    assert!(err.contains("ivanova-m"), "{err}");
    assert!(err.contains("ivanova-ma"), "a suggestion: {err}");
    assert!(
        err.contains("ссылка для записи «javascript:alert(1)» не открывается в браузере"),
        "{err}"
    );
}

#[test]
fn document_registry_has_citation_and_filter_data_with_counts() {
    let f = Fixture::new(&[
        (
            "content/organizatsii/orgs.yaml",
            "- id: do-agt\n  short_name: ДО АГТ\n  genitive: департамента образования Администрации города Тюмени\n",
        ),
        (
            "content/dokumenty/documents.yaml",
            "- id: prikaz-1028\n  kind: приказ\n  level: муниципальный\n  issuer: do-agt\n  number: \"1028\"\n  number_aliases: [\"1048\"]\n  date: 2021-08-09\n  title: Об утверждении Муниципальной модели\n  school_year: \"2021-2022\"\n- id: pismo-1\n  title: \"О порядке <!-- <script> </script> & прочем\"\n  kind: письмо\n  level: федеральный\n  date: 2021-11-22\n  school_year: \"2020-2021\"\n  related: [{document: prikaz-1028, relation: основание}]\n- id: prikaz-2\n  kind: приказ\n  level: муниципальный\n  issuer: ДО АГТ\n  school_year: \"2020-2021\"\n",
        ),
    ]);
    f.build(&[]);
    let doc = f.read("dokumenty/prikaz-1028/index.html");
    assert!(
        doc.contains("Приказ департамента образования Администрации города Тюмени от\u{a0}09.08.2021 №\u{a0}1028 «Об"),
        "{doc}"
    );
    assert!(
        doc.contains("href=\"/dokumenty/pismo-1/\""),
        "the related document links back:\n{doc}"
    );
    let list = f.read("dokumenty/index.html");
    let marker = "<script type=\"application/json\" id=\"filter-data\">";
    let start = list.find(marker).expect("filter data") + marker.len();
    let end = start + list[start..].find("</script>").unwrap();
    let island = &list[start..end];
    // A hostile title cannot end the island early or open a comment in it.
    assert!(!island.contains('<') && !island.contains('>'), "{island}");
    let data: serde_json::Value = serde_json::from_str(island).unwrap();
    assert_eq!(data["items"].as_array().unwrap().len(), 3);
    assert!(
        data.to_string()
            .contains("О\u{a0}порядке <!-- <script> </script> & прочем"),
        "{data}"
    );
    let kind = data["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "kind")
        .unwrap();
    assert_eq!(
        kind["values"][0],
        serde_json::json!({"value": "приказ", "count": 2})
    );
    assert_eq!(
        kind["values"][1],
        serde_json::json!({"value": "письмо", "count": 1})
    );
    let issuer = data["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "issuer")
        .unwrap();
    assert_eq!(
        issuer["values"][0],
        serde_json::json!({"value": "ДО АГТ", "count": 2})
    );
    let years = data["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "school_year")
        .unwrap();
    // School years in time order, not by count (two documents of 2020/2021).
    assert_eq!(years["values"][0]["value"], "2021/2022\u{a0}учебный год");
    assert_eq!(years["values"][1]["count"], 2);
    assert!(list.contains("js/filter.js"));
    assert!(f.public("js/filter.js").is_file());
}

#[test]
fn sections_group_by_school_year_and_plans_sort_items() {
    let f = Fixture::new(&[
        (
            "content/partnerstvo/_index.md",
            "---\ntitle: Партнёрство\ngroup_by: school_year\nsort_by: title\n---\n",
        ),
        ("content/shkoly/s.yaml", "- id: a\n  short_name: СШ № 1\n- id: b\n  short_name: СШ № 2\n"),
        (
            "content/partnerstvo/pairs.yaml",
            "- id: p1\n  kind: кураторская пара\n  school_year: \"2020-2021\"\n  members: [a, b]\n- id: p2\n  kind: сетевое партнёрство\n  school_year: \"2021-2022\"\n  members: [b, a]\n",
        ),
    ]);
    f.build(&[]);
    let list = f
        .read("partnerstvo/index.html")
        .replace(['\u{a0}', '\u{202f}'], " ");
    let newer = list.find("2021/2022 учебный год").expect("group heading");
    let older = list.find("2020/2021 учебный год").expect("group heading");
    assert!(newer < older, "{list}");
    // A pair without a title is named after its members.
    assert!(list.contains("СШ № 2 — СШ № 1"), "{list}");
}

#[test]
fn taxonomy_pages_list_typed_entries() {
    let md = markdown_practice();
    let f = site(&[
        (
            "site.toml",
            "title = \"Т\"\nbase_url = \"https://example.ru/\"\n\
             [[taxonomies]]\nname = \"level\"\ntitle = \"Уровни\"\n\
             [[taxonomies]]\nname = \"school_year\"\ntitle = \"Учебные годы\"\n\
             [[taxonomies]]\nname = \"risk_factors\"\ntitle = \"Факторы риска\"\nslug = \"faktory\"\n\
             [[taxonomies]]\nname = \"kind\"\ntitle = \"Виды документов\"\nslug = \"vidy\"\ntypes = [\"document\"]\n",
        ),
        ("content/praktiki/sovremennyi-pedagog.md", &md),
        (
            "content/meropriiatiia/s.md",
            "---\ntitle: Семинар\nkind: семинар\n---\n",
        ),
        (
            "content/dokumenty/d.yaml",
            "- id: p\n  kind: приказ\n  title: О сопровождении\n",
        ),
    ]);
    f.build(&[]);
    let term = f.read("level/shkolnaia/index.html");
    assert!(
        term.contains("href=\"/praktiki/sovremennyi-pedagog/\""),
        "{term}"
    );
    let year = f.read("school-year/2021-2022/index.html");
    assert!(year.contains("Современный педагог"), "{year}");
    assert!(year.contains("2021/2022\u{a0}учебный год"), "{year}");
    // A reference field: the term is the factor's title, its page the factor's id.
    let factor = f.read("faktory/nizkaia-motivatsiia/index.html");
    assert!(
        factor.contains("Низкая учебная мотивация обучающихся"),
        "{factor}"
    );
    assert!(factor.contains("Современный педагог"), "{factor}");
    // An entry links to the pages of its terms.
    let page = f.read("praktiki/sovremennyi-pedagog/index.html");
    assert!(page.contains("href=\"/level/shkolnaia/\""), "{page}");
    assert!(
        page.contains("href=\"/faktory/nizkaia-motivatsiia/\""),
        "{page}"
    );
    // `types` keeps event kinds out of the document kinds.
    let kinds = f.read("vidy/index.html");
    assert!(kinds.contains("приказ"), "{kinds}");
    assert!(!kinds.contains("семинар"), "{kinds}");
}

#[test]
fn init_makes_a_site_that_builds_and_new_adds_entries_that_build() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
        .arg("init")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (kind, title) in [
        ("practice", "Наставничество молодых педагогов"),
        ("seminar", "Формирующее оценивание"),
        ("document", "Об утверждении плана"),
        ("pair", "Новая пара"),
        ("plan", "План работы"),
        ("school", "МБОУ «СШ № 7»"),
        ("person", "Петрова Анна Сергеевна"),
        ("risk_factor", "Дефицит педагогических кадров"),
        ("term", "ППКО"),
        ("курсы", "Функциональная грамотность"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
            .args(["new", kind, title, "--root"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(dir.join(&path).is_file(), "{path}");
        if kind == "practice" {
            assert_eq!(
                path,
                "content/praktiki/nastavnichestvo-molodykh-pedagogov.md"
            );
        }
        if kind == "seminar" {
            let today = chrono::Local::now()
                .date_naive()
                .format("%Y-%m-%d")
                .to_string();
            assert_eq!(
                path,
                format!("content/meropriiatiia/{today}-formiruiushchee-otsenivanie.md")
            );
            assert!(std::fs::read_to_string(dir.join(&path))
                .unwrap()
                .contains(&format!("date: {today}")));
        }
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(["build", "--root"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let school = std::fs::read_to_string(dir.join("public/shkoly/mbou-sh-1/index.html")).unwrap();
    assert!(
        school.contains("href=\"/partnerstvo/para-sh-1-sh-2/\""),
        "{school}"
    );
    assert!(dir
        .join("public/meropriiatiia/2022-11-17-mezhshkolnyi-seminar/event.ics")
        .is_file());
}

#[test]
fn events_group_by_month_with_month_only_dates_under_their_month() {
    let f = Fixture::new(&[
        (
            "content/meropriiatiia/_index.md",
            "---\ntitle: Мероприятия\ngroup_by: month\n---\n",
        ),
        (
            "content/meropriiatiia/a.md",
            "---\ntitle: Семинар А\ndate: 2022-11-17\n---\n",
        ),
        (
            "content/meropriiatiia/b.md",
            "---\ntitle: Круглый стол Б\ndate: \"2020-12\"\n---\n",
        ),
        (
            "content/meropriiatiia/c.md",
            "---\ntitle: Совещание В\ndate: 2020-12-10\n---\n",
        ),
        (
            "content/meropriiatiia/d.md",
            "---\ntitle: Конференция Г\ndate: \"2020\"\n---\n",
        ),
    ]);
    f.build(&[]);
    let list = f.read("meropriiatiia/index.html").replace('\u{a0}', " ");
    let order: Vec<usize> = [
        "Ноябрь 2022 г.",
        "Декабрь 2020 г.",
        "Совещание В",
        "Круглый стол Б",
        "2020 год",
        "Конференция Г",
    ]
    .iter()
    .map(|s| {
        list.find(s)
            .unwrap_or_else(|| panic!("{s} missing:\n{list}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{list}");
}

#[test]
fn event_program_comes_before_the_indicator_tables_of_the_event() {
    let f = Fixture::new(&[
        (
            "content/meropriiatiia/seminar.md",
            "---\ntitle: Семинар\ndate: 2022-11-17\nprogram:\n  - title: Доклад\n---\nО семинаре.\n",
        ),
        (
            "content/monitoring/uchashchiesia.yaml",
            "title: \"Количество обучающихся\"\nbelongs_to: [seminar]\nrow_header: \"Учебный год\"\n\
             columns: [\"2021-2022\", \"2022-2023\"]\nrows:\n  - label: \"Количество обучающихся\"\n    values: [\"967\", \"1035\"]\n",
        ),
    ]);
    f.build(&[]);
    let html = f.read("meropriiatiia/seminar/index.html");
    let text = html.find("семинаре.").expect("text");
    let program = html.find("id=\"programma\"").expect("program");
    let tables = html.find("indicator-owned").expect("owned tables");
    assert!(text < program && program < tables, "{html}");
}

#[test]
fn a_reference_to_a_draft_is_a_warning_and_shows_without_a_link() {
    let f = Fixture::new(&[
        (
            "content/shkoly/s.yaml",
            "- id: a\n  short_name: СШ № 1\n- id: b\n  short_name: СШ № 2\n  draft: true\n",
        ),
        (
            "content/praktiki/p.md",
            "---\ntitle: Практика\nschools: [a, b]\n---\n",
        ),
    ]);
    let out = f.build(&[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ссылка на черновик «b»: запись не опубликована"),
        "{err}"
    );
    assert!(err.contains("content/praktiki/p.md:3:14"), "{err}");
    assert!(!f.public("shkoly/b/index.html").exists());
    let page = f.read("praktiki/p/index.html");
    assert!(page.contains("href=\"/shkoly/a/\""), "{page}");
    assert!(!page.contains("href=\"/shkoly/b/\""), "{page}");
    f.build(&["--drafts"]);
    assert!(f
        .read("praktiki/p/index.html")
        .contains("href=\"/shkoly/b/\""));
}

/// One root cause, one error: an entry whose own file has a mistake is left
/// out, and references to it from other files are not reported again.
#[test]
fn a_broken_entry_is_reported_once_not_at_every_reference() {
    let f = site(&[
        (
            "content/meropriiatiia/2022-11-17-seminar.md",
            "---\ntitle: Семинар\ndate: 2022-11-17\nkidn: семинар\n---\n",
        ),
        (
            "content/partnerstvo/pairs.yaml",
            "- id: para-1\n  kind: сетевое партнёрство\n  members: [{organisation: mbou-sh-9}, {organisation: mbou-sh-33}]\n  presented_at: [{event: 2022-11-17-seminar, item: 1}]\n  events: [{title: Встреча, event: Семинар}]\n",
        ),
    ]);
    let err = f.build_fails(&[]);
    assert_eq!(err.matches("ошибка:").count(), 1, "{err}");
    assert!(err.contains("неизвестное поле «kidn»"), "{err}");
    assert!(!err.contains("несуществующую"), "{err}");
}

/// Times as Russians write them are times: «14.00», «9.30», a span
/// «14.00-15.30»; the page and the calendar show them one way.
#[test]
fn russian_times_and_time_spans_are_accepted() {
    let f = Fixture::new(&[
        (
            "content/meropriiatiia/2022-11-17-a.md",
            "---\ntitle: Семинар\ndate: 2022-11-17\ntime: 14.00-15.30\nprogram:\n  - {title: Открытие, time: 9.30}\n---\n",
        ),
        (
            "content/meropriiatiia/2022-11-18-b.md",
            "---\ntitle: Совещание\ndate: 2022-11-18\ntime: \"25.00\"\n---\n",
        ),
    ]);
    let err = f.build_fails(&[]);
    assert!(err.contains("«25.00» — не время"), "{err}");
    assert!(err.contains("2022-11-18-b.md:4:"), "{err}");
    assert_eq!(err.matches("ошибка:").count(), 1, "{err}");
    f.write(
        "content/meropriiatiia/2022-11-18-b.md",
        "---\ntitle: Совещание\ndate: 2022-11-18\ntime: \"10:00\"\n---\n",
    );
    f.build(&[]);
    let page = f.read("meropriiatiia/2022-11-17-a/index.html");
    assert!(page.contains("14:00–15:30"), "{page}");
    assert!(page.contains("09:30"), "{page}");
    let ics = parse_ics(&f.read("meropriiatiia/2022-11-17-a/event.ics"));
    assert_eq!(ics[0]["DTSTART"], "20221117T140000");
    assert_eq!(ics[0]["DTEND"], "20221117T153000");
}

/// `metodist new` writes a draft: the preview shows it, `build` leaves it
/// out, and once published a sample left in it is warned about.
#[test]
fn new_entries_are_drafts_until_their_samples_are_replaced() {
    let f = site(&[]);
    let out = f.run(&["new", "семинар", "Формирующее оценивание"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let text = std::fs::read_to_string(f.root().join(&path)).unwrap();
    assert!(text.contains("\ndraft: true\n"), "{text}");
    let stem = path
        .trim_end_matches(".md")
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    f.build(&[]);
    assert!(!f
        .public(&format!("meropriiatiia/{stem}/index.html"))
        .exists());
    f.build(&["--drafts"]);
    let page = f.read(&format!("meropriiatiia/{stem}/index.html"));
    assert!(page.contains("class=\"draft-note\""), "{page}");

    f.write(&path, &text.replace("draft: true\n", ""));
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("на опубликованной странице остался образец «Тема выступления»"),
        "{stderr}"
    );
    assert!(!f
        .read(&format!("meropriiatiia/{stem}/index.html"))
        .contains("draft-note"));
}
