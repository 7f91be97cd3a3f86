//! The document registry as people use one: rows with kind, number, date,
//! issuer, title and status; document pages with the citation, the text,
//! attachments with format and size, and a status line that links to the
//! documents that amend or repeal them (content model §6).

mod common;
use common::Fixture;

const ORGS: &str = "\
- id: uo-smolensk
  short_name: Управление образования города Смоленска
  genitive: управления образования города Смоленска
";

const DOCUMENTS: &str = "\
- id: prikaz-uo-10
  kind: приказ
  issuer: uo-smolensk
  number: \"10-ОД\"
  date: 2023-03-01
  title: О порядке сопровождения школ
  status: действует
  attachments:
    - title: Положение о сопровождении
      kind: приложение
      file: polozhenie.pdf
  related:
    - {document: prikaz-uo-5, relation: отменяет}
    - {document: prikaz-uo-7, relation: изменяет}
  body: |
    Утвердить прилагаемое положение о сопровождении школ.
- id: prikaz-uo-5
  kind: приказ
  issuer: uo-smolensk
  number: \"5\"
  date: 2021-09-01
  title: О сопровождении школ в 2021 году
- id: prikaz-uo-7
  kind: приказ
  issuer: uo-smolensk
  number: \"7-ОД\"
  number_aliases: [\"7\"]
  date: 2022-01-15
  title: О партнёрстве школ
  status: действует
";

fn site() -> Fixture {
    let f = Fixture::new(&[
        ("content/organizatsii/orgs.yaml", ORGS),
        (
            "content/dokumenty/_index.md",
            "---\ntitle: Нормативные документы\nsort_by: date\n---\n",
        ),
        ("content/dokumenty/documents.yaml", DOCUMENTS),
    ]);
    f.write_bytes("content/dokumenty/polozhenie.pdf", &[b'%'; 2048]);
    f.build(&[]);
    f
}

/// The page with typography's no-break spaces and hyphens read as plain ones.
fn plain(html: String) -> String {
    html.replace(['\u{a0}', '\u{202f}'], " ")
        .replace('\u{2011}', "-")
}

/// The registry row of the document at `url`.
fn row<'a>(html: &'a str, url: &str) -> &'a str {
    let start = html
        .find(&format!("<tr data-item=\"{url}\""))
        .unwrap_or_else(|| panic!("no row for {url}"));
    let end = start + html[start..].find("</tr>").expect("row end");
    &html[start..end]
}

#[test]
fn registry_rows_show_kind_number_date_issuer_title_status() {
    let f = site();
    let html = plain(f.read("dokumenty/index.html"));
    assert!(html.contains("<table class=\"registry\">"), "{html}");
    for col in ["Вид", "№", "Дата", "Название", "Издатель", "Статус"]
    {
        assert!(html.contains(&format!("\">{col}</th>")), "column {col}");
    }
    let r = row(&html, "/dokumenty/prikaz-uo-10/");
    assert!(r.contains(">приказ<"), "{r}");
    assert!(r.contains("10-ОД"), "{r}");
    assert!(
        r.contains("<time datetime=\"2023-03-01\">01.03.2023</time>"),
        "{r}"
    );
    assert!(r.contains("href=\"/organizatsii/uo-smolensk/\""), "{r}");
    assert!(r.contains("порядке сопровождения школ"), "{r}");
    assert!(r.contains(">действует</span>"), "{r}");
    // Repealed by a later document though the entry says nothing.
    let r = row(&html, "/dokumenty/prikaz-uo-5/");
    assert!(r.contains("class=\"status-repealed\""), "{r}");
    assert!(r.contains(">утратил силу</span>"), "{r}");
    // In force, amended by a later document.
    let r = row(&html, "/dokumenty/prikaz-uo-7/");
    assert!(r.contains(">изменён</span>"), "{r}");
    // Newest first.
    let pos = |u: &str| html.find(&format!("data-item=\"{u}\"")).unwrap();
    assert!(pos("/dokumenty/prikaz-uo-10/") < pos("/dokumenty/prikaz-uo-7/"));
    assert!(pos("/dokumenty/prikaz-uo-7/") < pos("/dokumenty/prikaz-uo-5/"));
}

#[test]
fn the_filter_knows_numbers_issuers_and_statuses() {
    let f = site();
    let html = f.read("dokumenty/index.html");
    assert!(html.contains("data-text=\"Номер, название или издатель\""));
    let start = html
        .find("<script type=\"application/json\" id=\"filter-data\">")
        .unwrap();
    let json = &html[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let item = |url: &str| {
        data["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["url"] == url)
            .unwrap_or_else(|| panic!("no item {url}"))
            .clone()
    };
    let seven = item("/dokumenty/prikaz-uo-7/");
    let keys = seven["keys"].as_str().unwrap();
    for k in ["7-ОД", "\n7\n", "Управление образования города Смоленска"]
    {
        assert!(keys.contains(k), "{k} in {keys:?}");
    }
    assert_eq!(seven["values"]["status"], serde_json::json!(["изменён"]));
    assert_eq!(
        item("/dokumenty/prikaz-uo-5/")["values"]["status"],
        serde_json::json!(["утратил силу"])
    );
    let status = data["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "status")
        .expect("status facet");
    assert_eq!(status["values"].as_array().unwrap().len(), 3, "{status}");
    // The site search finds a document by its number.
    let index = f.search_index();
    assert!(
        index.contains("7-ОД") || index.contains("7-од"),
        "number in the search index"
    );
}

#[test]
fn a_document_page_shows_citation_text_files_and_status_line() {
    let f = site();
    let html = plain(f.read("dokumenty/prikaz-uo-10/index.html"));
    assert!(html.contains("class=\"citation\""), "{html}");
    assert!(
        html.contains("управления образования города Смоленска от 01.03.2023 №"),
        "{html}"
    );
    assert!(
        html.contains("прилагаемое положение о сопровождении школ"),
        "the text"
    );
    assert!(
        html.contains("polozhenie.pdf\">Положение о сопровождении</a>"),
        "{html}"
    );
    assert!(html.contains("(PDF, 2,0 КБ)"), "{html}");
    assert!(
        html.contains("class=\"doc-status status-in-force\""),
        "{html}"
    );
    assert!(
        html.contains("отменяет: <a href=\"/dokumenty/prikaz-uo-5/\""),
        "{html}"
    );

    let html = plain(f.read("dokumenty/prikaz-uo-5/index.html"));
    let line = &html[html.find("class=\"doc-status").expect("status line")..];
    let line = &line[..line.find("</p>").unwrap()];
    assert!(line.contains("<strong>утратил силу</strong>"), "{line}");
    assert!(line.contains("отменён: <a href=\"/dokumenty/prikaz-uo-10/\">Приказ управления образования города Смоленска от 01.03.2023 №"), "{line}");

    let html = plain(f.read("dokumenty/prikaz-uo-7/index.html"));
    let line = &html[html.find("class=\"doc-status").expect("status line")..];
    let line = &line[..line.find("</p>").unwrap()];
    assert!(line.contains("<strong>изменён</strong>"), "{line}");
    assert!(
        line.contains("изменения внесены: <a href=\"/dokumenty/prikaz-uo-10/\""),
        "{line}"
    );
}
