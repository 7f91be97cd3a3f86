//! Typography as a property of the output (issue 14): strings from YAML and
//! front matter read with Russian typography on pages, in the filter data,
//! the search index, Atom feeds and .ics files; school years have one
//! spelling; a citation does not repeat its kind; an empty field leaves no
//! stray comma; `typography: false` keeps text as written.

mod common;
use common::Fixture;

const PRACTICES: &str = r#"- id: p1
  title: Проект "Успех" - для всех
  description: Практика МБОУ "СШ № 9" в 2020-2021 учебном году
  kind: антирисковая программа
  school_year: "2020-2021"
  target_groups: [педагоги "группы риска"]
  measures:
    - Семинар "Диагностика" - раз в 2021/2022 уч. г.
"#;

fn site(extra_files: &[(&str, &str)]) -> Fixture {
    let mut files = vec![
        ("content/praktiki/_index.md", "---\ntitle: Банк практик\n---\n"),
        ("content/praktiki/practices.yaml", PRACTICES),
        (
            "content/meropriiatiia/2022-11-17-seminar.md",
            "---\ntitle: Семинар \"Школа\" - итоги 2020 – 2021 уч. г.\ndate: 2022-11-17\ncity: Смоленск\ndescription: О \"партнёрстве\" школ\n---\nВ 2021-2022 учебном году.\n",
        ),
        ("content/novosti/_index.md", "---\ntitle: Новости\nfeed: true\n---\n"),
        (
            "content/novosti/a.md",
            "---\ntitle: Новость \"Итоги\"\ndate: 2022-11-17\ndescription: Итоги - кратко\n---\nТекст.\n",
        ),
        (
            "content/dokumenty/documents.yaml",
            "- id: m\n  kind: методика\n  title: Методика оказания \"адресной\" помощи\n",
        ),
    ];
    files.extend_from_slice(extra_files);
    let f = Fixture::new(&files);
    f.build(&[]);
    f
}

#[test]
fn strings_from_yaml_read_with_typography_everywhere() {
    let f = site(&[]);
    let practice = f.read("praktiki/p1/index.html");
    for shown in [
        "Проект «Успех»\u{a0}— для всех",
        "«СШ №\u{202f}9»",
        "педагоги «группы риска»",
        "Семинар «Диагностика»\u{a0}— раз в\u{a0}2021/2022\u{a0}уч.\u{a0}г.",
        "2020/2021",
    ] {
        assert!(practice.contains(shown), "{shown}\n{practice}");
    }
    assert!(!practice.contains("&quot;"), "{practice}");
    assert!(!practice.contains("2020-2021 учебн"), "{practice}");

    // The filter data of the practice bank reads like the pages.
    let bank = f.read("praktiki/index.html");
    let json = bank
        .split("<script type=\"application/json\" id=\"filter-data\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .expect("filter data");
    let data: serde_json::Value = serde_json::from_str(json).expect("filter JSON");
    let item = &data["items"][0];
    assert_eq!(item["title"], "Проект «Успех»\u{a0}— для всех");
    assert!(
        item["description"]
            .as_str()
            .unwrap()
            .contains("«СШ №\u{202f}9»"),
        "{item}"
    );
    assert_eq!(
        item["values"]["target_groups"][0],
        "педагоги «группы риска»"
    );
    assert_eq!(
        item["values"]["school_year"][0],
        "2020/2021\u{a0}учебный год"
    );

    // Search results: the title as the page shows it.
    let index = f.search_index();
    assert!(index.contains("Проект «Успех»\u{a0}— для всех"), "{index}");

    // A calendar app shows the event as the page does.
    let ics = f.read("meropriiatiia/2022-11-17-seminar/event.ics");
    assert!(
        ics.contains("SUMMARY:Семинар «Школа»\u{a0}— итоги 2020/2021\u{a0}уч.\u{a0}г."),
        "{ics}"
    );
    assert!(
        ics.contains("DESCRIPTION:О\u{a0}«партнёрстве» школ"),
        "{ics}"
    );
    let event = f.read("meropriiatiia/2022-11-17-seminar/index.html");
    assert!(
        event.contains("В\u{a0}2021/2022\u{a0}учебном году."),
        "{event}"
    );

    let feed = f.read("novosti/atom.xml");
    assert!(feed.contains("<title>Новость «Итоги»</title>"), "{feed}");
    assert!(
        feed.contains("<summary>Итоги\u{a0}— кратко</summary>"),
        "{feed}"
    );

    // A title that names the kind is not preceded by it again.
    let doc = f.read("dokumenty/m/index.html");
    assert!(doc.contains("Методика оказания «адресной» помощи"), "{doc}");
    assert!(!doc.contains("Методика «Методика"), "{doc}");
}

#[test]
fn typography_off_keeps_strings_as_written() {
    let f = site(&[(
        "site.toml",
        "title = \"Тестовый сайт\"\nbase_url = \"https://example.ru/\"\n[typography]\nenabled = false\n",
    )]);
    let practice = f.read("praktiki/p1/index.html");
    assert!(
        practice.contains("Проект &quot;Успех&quot; - для всех"),
        "{practice}"
    );
    assert!(practice.contains("в 2020-2021 учебном году"), "{practice}");
    let ics = f.read("meropriiatiia/2022-11-17-seminar/event.ics");
    assert!(
        ics.contains("SUMMARY:Семинар \"Школа\" - итоги 2020 – 2021 уч. г."),
        "{ics}"
    );
}

#[test]
fn empty_fields_leave_no_stray_comma() {
    let f = Fixture::new(&[(
        "content/shkoly/schools.yaml",
        "- id: s\n  short_name: БОУ «Тайчинская СОШ»\n  kind: школа\n  district: Тевризский район\n  region: Омская область\n\
         - id: t\n  short_name: МБОУ «СШ № 9»\n  kind: школа\n  municipality: Смоленск\n  region: Смоленская область\n",
    ), (
        "content/liudi/people.yaml",
        "- id: p\n  surname: Новикова\n  positions:\n    - project_role: куратор Проекта «500+»\n      school_year: \"2021-2022\"\n",
    )]);
    f.build(&[]);
    let s = f.read("shkoly/s/index.html");
    assert!(
        s.contains("<dd>Тевризский район, Омская область</dd>"),
        "{s}"
    );
    let person = f.read("liudi/p/index.html");
    assert!(
        person.contains("<li>куратор Проекта «500+»\u{a0}(2021/2022)</li>")
            || person.contains("<li>куратор Проекта «500+» (2021/2022)</li>"),
        "{person}"
    );
    let t = f.read("shkoly/t/index.html");
    assert!(t.contains("<dd>Смоленск, Смоленская область</dd>"), "{t}");
}
