//! The preview's editor end to end: the real `metodist serve` on a fixture
//! site, forms read and sent over HTTP and in headless Chromium; the source
//! files are compared byte for byte.

mod common;
use common::browser::Browser;
use common::serve::{serve, Reply, Served, WAIT};
use common::Fixture;
use std::time::{Duration, Instant};

const SEMINAR: &str = "content/meropriiatiia/2024-03-15-seminar.md";
const SEMINAR_TEXT: &str = "---
# Из программы семинара (seed: programma-2024.docx, с. 1)
title: \"Семинар: наставничество\"
kind: семинар
date: 2024-03-15
time: \"10:00\"   # начало — по приказу
city: Минск

program:
  - title: Открытие семинара
    time: \"10:00\"
---

Программа семинара.
";

const GLOSSARY: &str = "content/glossarii/terminy.yaml";
const GLOSSARY_TEXT: &str = "# Сокращения из положения (seed: polozhenie.docx)
- id: shnor
  term: ШНОР
  expansion: школы с низкими образовательными результатами  # так в положении

- id: mso
  term: МСО
  expansion: 'муниципальная система'
";

fn site() -> Fixture {
    Fixture::new(&[
        (GLOSSARY, GLOSSARY_TEXT),
        (
            "content/praktiki/opyt.md",
            "---\ntitle: Опыт наставничества\nmeasures:\n  - title: Семинар\n    event: 2024-03-15-seminar\n---\nТекст.\n",
        ),
        (
            "content/shkoly/shkoly.yaml",
            "- id: sh-27\n  short_name: СШ № 27\n",
        ),
        ("content/praktiki/_index.md", "---\ntitle: Практики\n---\n"),
        (
            "content/meropriiatiia/_index.md",
            "---\ntitle: Мероприятия\n---\n",
        ),
        (SEMINAR, SEMINAR_TEXT),
    ])
}

/// The form's hidden token, read from the edit page.
fn token(s: &Served, page: &str) -> String {
    let form = s.get(&format!("/__metodist/edit/?page={page}"));
    assert_eq!(form.status, 200, "{}", form.text());
    let html = form.text();
    let at = html
        .find("name=\"_token\" value=\"")
        .expect("token in the form")
        + 21;
    html[at..at + 32].to_string()
}

fn post(s: &Served, origin: Option<&str>, body: &str) -> Reply {
    post_to(s, "save", origin, body)
}

fn post_to(s: &Served, action: &str, origin: Option<&str>, body: &str) -> Reply {
    let origin = origin.map_or(String::new(), |o| format!("Origin: {o}\r\n"));
    s.raw(&format!(
        "POST /__metodist/edit/{action} HTTP/1.1\r\nHost: {}\r\n{origin}\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        s.addr,
        body.len()
    ))
}

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[test]
fn a_field_is_saved_in_place_checked_like_a_build_and_guarded() {
    let s = serve(site(), &[]);
    let page = "meropriiatiia/2024-03-15-seminar/";
    let before = s.get(&format!("/{page}")).text();
    assert!(
        before.contains(&format!("/__metodist/edit/?page={}", enc(page))),
        "the preview links the page to its form"
    );
    let token = token(&s, page);
    let origin = format!("http://{}", s.addr);
    let file = s.site.root().join(SEMINAR);

    // (4) Without the token, from another site, or with no Origin: refused.
    for (o, t) in [
        (Some(origin.as_str()), "0".repeat(32)),
        (Some("http://evil.example"), token.clone()),
        (None, token.clone()),
    ] {
        let body = format!("_token={t}&_page={}&time=12%3A00", enc(page));
        let r = post(&s, o, &body);
        assert_eq!(r.status, 403, "{o:?}: {}", r.text());
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), SEMINAR_TEXT);

    // (3) An invalid time is refused beside the field; nothing is written.
    let body = format!("_token={token}&_page={}&time=25%3A00", enc(page));
    let r = post(&s, Some(&origin), &body);
    assert_eq!(r.status, 422);
    let html = r.text();
    let field = html.find("id=\"pole-time\"").expect("the time field");
    let error = html
        .find("id=\"oshibka-time\"")
        .expect("an error beside the time field");
    assert!(error < field, "the error is inside the field's block");
    assert!(
        html[error..field].contains("«25:00» — не время"),
        "{}",
        &html[error..field]
    );
    assert!(
        html.contains("value=\"25:00\""),
        "the form keeps what was typed"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), SEMINAR_TEXT);
    assert!(!s.site.root().join(".metodist/history").exists());

    // (1) A valid time: only that value changes, comments and the program stay.
    let body = format!(
        "_token={token}&_page={}&time=11%3A30&city={}",
        enc(page),
        enc("Минск")
    );
    let r = post(&s, Some(&origin), &body);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("Location").as_deref(), Some(&*format!("/{page}")));
    let expected = SEMINAR_TEXT.replace("time: \"10:00\"   #", "time: \"11:30\"   #");
    assert_ne!(expected, SEMINAR_TEXT);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    // The previous version is kept for undo.
    let history = s.site.root().join(".metodist/history").join(SEMINAR);
    let kept: Vec<_> = std::fs::read_dir(&history).unwrap().flatten().collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        std::fs::read_to_string(kept[0].path()).unwrap(),
        SEMINAR_TEXT
    );
    // (2) The served page shows it after the rebuild.
    s.get_until(&format!("/{page}"), |t| t.contains("11:30"));

    // A talk of the programme: its time, in place; a wrong one is refused
    // beside that talk's field.
    let body = format!("_token={token}&_page={}&program.0.time=9", enc(page));
    let r = post(&s, Some(&origin), &body);
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(
        r.text().contains("id=\"oshibka-program-0-time\""),
        "{}",
        r.text()
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    let body = format!(
        "_token={token}&_page={}&program.0.time=10%3A15&program.0.title={}",
        enc(page),
        enc("Открытие семинара")
    );
    let r = post(&s, Some(&origin), &body);
    assert_eq!(r.status, 303, "{}", r.text());
    let expected = expected.replace("    time: \"10:00\"", "    time: \"10:15\"");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    s.get_until(&format!("/{page}"), |t| t.contains("10:15"));

    // (5) The built site has no editor.
    s.site.build(&[]);
    let built = s.site.read(&format!("{page}index.html"));
    assert!(built.contains("Семинар"), "{built}");
    assert!(!built.contains("__metodist") && !built.contains("Редактировать"));
}

#[test]
fn a_practice_is_created_through_the_form_in_chromium() {
    let Some((chromium, chromedriver)) = Browser::installed_or_skip() else {
        return;
    };
    let s = serve(site(), &[]);
    let browser = Browser::start(&chromium, &chromedriver);
    browser.open(&format!("http://{}/meropriiatiia/", s.addr));
    // The preview's link leads to the list of types, and on to the form.
    browser.eval("document.querySelector('#metodist-editor a:last-child').click()");
    browser.wait_for("return document.querySelector('a[href$=\"type=practice\"]')");
    browser.eval("document.querySelector('a[href$=\"type=practice\"]').click()");
    browser.type_into("#pole-title", "Наставничество в школе");
    browser.eval("document.querySelector('#pole-level').value = 'муниципальная'");
    // Add a target group and move it to the top of the list.
    browser.eval(
        "[...document.querySelectorAll('#pole-target_groups > button')]
            .find(b => b.textContent === 'Добавить').click()",
    );
    browser.type_into("#pole-target_groups li:last-child input", "родители");
    browser.eval("document.querySelector('#pole-target_groups li:last-child button').click()");
    let order = browser.eval(
        "return [...document.querySelectorAll('#pole-target_groups input')].map(i => i.value)",
    );
    assert_eq!(order, serde_json::json!(["родители", "педагоги"]));
    // The schools field offers the schools of the site by name.
    browser.eval(
        "[...document.querySelectorAll('#pole-schools > button')]
            .find(b => b.textContent === 'Добавить').click()",
    );
    let offered = browser.eval(
        "const input = document.querySelector('#pole-schools input');
         const list = document.getElementById(input.getAttribute('list'));
         return [...list.options].map(o => o.value + ' ' + o.textContent)",
    );
    assert_eq!(offered, serde_json::json!(["sh-27 СШ № 27"]));
    browser.type_into("#pole-schools input", "sh-27");
    browser.eval("document.querySelector('button[type=submit]').click()");
    let slug = "nastavnichestvo-v-shkole";
    let deadline = Instant::now() + WAIT;
    loop {
        let at = browser.eval("return location.pathname + '|' + document.title");
        let at = at.as_str().unwrap_or_default().to_string();
        if at.starts_with(&format!("/praktiki/{slug}/|")) && at.contains("Наставничество")
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "never reached the new page: {at}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let text = std::fs::read_to_string(s.site.root().join(format!("content/praktiki/{slug}.md")))
        .expect("the practice is written");
    let today = chrono::Local::now().date_naive();
    let first = if chrono::Datelike::month(&today) >= 9 {
        chrono::Datelike::year(&today)
    } else {
        chrono::Datelike::year(&today) - 1
    };
    let expected = format!(
        "---\ntitle: \"Наставничество в школе\"\n\
         # Черновик: его видно в metodist serve, но не в build. Уберите строку, когда запись готова.\n\
         draft: true\ndate: {today}\nkind: практика\nlevel: муниципальная\nschool_year: \"{first}-{}\"\n\
         # schools: [id школы]\n# risk_factors: [id фактора риска]\n\
         target_groups: [родители, педагоги]\ngoal: \nmeasures: []\nresults: []\nschools:\n  - sh-27\n---\n\
         Текст записи в Markdown.\n",
        first + 1
    );
    assert_eq!(text, expected);

    // The seminar's programme: a new talk, moved to the top, with its time.
    browser.open(&format!(
        "http://{}/__metodist/edit/?page=meropriiatiia/2024-03-15-seminar/",
        s.addr
    ));
    browser.wait_for("return document.querySelector('#pole-program > button')");
    browser.eval("document.querySelector('#pole-program > button').click()");
    browser.type_into("#pole-program-n1-title", "Итоги дня");
    browser.eval("document.querySelector('#pole-program-n1-time').value = '16:00'");
    browser.eval(
        "[...document.querySelectorAll('#pole-program > .item')][1]
            .querySelector('.item-tools button').click()",
    );
    let order = browser.eval(
        "return [...document.querySelectorAll('#pole-program > .item')]
            .map(i => i.querySelector('legend .n').textContent + ' ' + i.querySelector('input[name$=\".title\"]').value)",
    );
    assert_eq!(
        order,
        serde_json::json!(["1 Итоги дня", "2 Открытие семинара"])
    );
    browser.eval("document.querySelector('button[type=submit]').click()");
    let file = s.site.root().join(SEMINAR);
    let expected = SEMINAR_TEXT.replace(
        "program:\n",
        "program:\n  - title: Итоги дня\n    time: \"16:00\"\n",
    );
    let deadline = Instant::now() + WAIT;
    while std::fs::read_to_string(&file).unwrap() != expected {
        assert!(
            Instant::now() < deadline,
            "the programme was not saved as expected:\n{}\nthe browser shows:\n{}",
            std::fs::read_to_string(&file).unwrap(),
            browser.eval("return location.href + '\\n' + document.body.innerText")
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    s.get_until("/meropriiatiia/2024-03-15-seminar/", |t| {
        t.contains("Итоги дня")
    });
}

#[test]
fn one_row_of_a_yaml_list_is_edited_alone() {
    let s = serve(site(), &[]);
    let page = "glossarii/mso/";
    let token = token(&s, page);
    let origin = format!("http://{}", s.addr);
    let body = format!(
        "_token={token}&_page={}&term={}&expansion={}",
        enc(page),
        enc("МСО"),
        enc("муниципальная система образования")
    );
    let r = post(&s, Some(&origin), &body);
    assert_eq!(r.status, 303, "{}", r.text());
    let text = std::fs::read_to_string(s.site.root().join(GLOSSARY)).unwrap();
    assert_eq!(
        text,
        GLOSSARY_TEXT.replace(
            "'муниципальная система'",
            "'муниципальная система образования'"
        )
    );
    s.get_until(&format!("/{page}"), |t| {
        t.contains("муниципальная система образования")
    });
}

/// The «Создать» form of every type the list offers is served: building a
/// form from a schema must not fail for any type.
#[test]
fn every_type_has_a_create_form() {
    let s = serve(site(), &[]);
    let list = s.get("/__metodist/edit/new");
    assert_eq!(list.status, 200);
    let html = list.text();
    let links: Vec<String> = common::links(&html)
        .into_iter()
        .filter(|l| l.contains("new?type="))
        .collect();
    assert!(links.len() >= 10, "{links:?}");
    for link in links {
        let form = s.get(&link);
        assert_eq!(form.status, 200, "{link}: {}", form.text());
        assert!(form.text().contains("name=\"_token\""), "{link}");
    }
}

/// A preview opened to the local network has no editor: no links on the
/// pages, no forms, and no saves.
#[test]
fn a_preview_for_the_network_is_read_only() {
    let s = serve(site(), &["--interface", "0.0.0.0"]);
    let page = s.get("/meropriiatiia/2024-03-15-seminar/").text();
    assert!(page.contains("Семинар"), "{page}");
    assert!(!page.contains("__metodist/edit"), "{page}");
    assert_eq!(s.get("/__metodist/edit/new").status, 404);
    let origin = format!("http://{}", s.addr);
    let r = post(&s, Some(&origin), "_type=practice&title=x");
    assert_eq!(r.status, 404);
    assert!(!s.site.root().join("content/praktiki/x.md").exists());
}

/// A file attached from the form lands beside the entry under a safe name
/// and joins its materials; a kind of file an entry does not carry is refused.
#[test]
fn an_attachment_gets_a_safe_name_and_joins_the_materials() {
    let s = serve(site(), &[]);
    let page = "meropriiatiia/2024-03-15-seminar/";
    let token = token(&s, page);
    let origin = format!("http://{}", s.addr);
    let send = |file_name: &str, origin: &str| {
        let mut body = Vec::new();
        for (name, value) in [("_token", token.as_str()), ("_page", page)] {
            body.extend_from_slice(
                format!(
                    "--b0\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/pdf\r\n\r\n%PDF-1.4 приказ\r\n--b0--\r\n"
            )
            .as_bytes(),
        );
        let mut request = format!(
            "POST /__metodist/edit/upload HTTP/1.1\r\nHost: {}\r\nOrigin: {origin}\r\n\
             Content-Type: multipart/form-data; boundary=b0\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n",
            s.addr,
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(&body);
        s.raw_bytes(&request)
    };
    let r = send("Приказ №5.pdf", "http://evil.example");
    assert_eq!(r.status, 403);
    let r = send("скрипт.exe", &origin);
    assert_eq!(r.status, 422);
    assert!(r.text().contains("«.exe»"), "{}", r.text());
    let r = send("Приказ №5.pdf", &origin);
    assert_eq!(r.status, 303, "{}", r.text());
    let saved = s.site.root().join("content/meropriiatiia/prikaz-5.pdf");
    assert_eq!(std::fs::read(&saved).unwrap(), "%PDF-1.4 приказ".as_bytes());
    let text = std::fs::read_to_string(s.site.root().join(SEMINAR)).unwrap();
    assert_eq!(
        text,
        SEMINAR_TEXT.replace(
            "    time: \"10:00\"\n---",
            "    time: \"10:00\"\nmaterials:\n  - title: Приказ №5\n    file: prikaz-5.pdf\n---"
        )
    );
    let form = s.get(r.header("Location").as_deref().unwrap()).text();
    assert!(form.contains("Файл «prikaz-5.pdf»"), "{form}");
    s.get_until(&format!("/{page}"), |t| t.contains("prikaz-5.pdf"));
}

/// Deleting asks first and names what refers to the entry; the file goes to
/// the history, and only with the token.
#[test]
fn deleting_lists_the_referrers_and_keeps_a_copy() {
    let s = serve(site(), &[]);
    let origin = format!("http://{}", s.addr);
    let seminar = "meropriiatiia/2024-03-15-seminar/";
    let edit = s.get(&format!("/__metodist/edit/?page={seminar}")).text();
    assert!(edit.contains("/__metodist/edit/delete?page="), "{edit}");
    let ask = s.get(&format!("/__metodist/edit/delete?page={}", enc(seminar)));
    assert_eq!(ask.status, 200);
    let ask = ask.text();
    assert!(ask.contains("На эту запись ссылаются"), "{ask}");
    assert!(ask.contains("content/praktiki/opyt.md"), "{ask}");

    let practice = "praktiki/opyt/";
    let ask = s
        .get(&format!("/__metodist/edit/delete?page={}", enc(practice)))
        .text();
    assert!(ask.contains("не ссылается ни одна"), "{ask}");
    let token = token(&s, practice);
    let file = s.site.root().join("content/praktiki/opyt.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let r = post_to(
        &s,
        "delete",
        Some(&origin),
        &format!("_token=x&_page={}", enc(practice)),
    );
    assert_eq!(r.status, 403);
    assert!(file.exists());
    let r = post_to(
        &s,
        "delete",
        Some(&origin),
        &format!("_token={token}&_page={}", enc(practice)),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(!file.exists());
    let history = s
        .site
        .root()
        .join(".metodist/history/content/praktiki/opyt.md");
    let kept: Vec<_> = std::fs::read_dir(&history).unwrap().flatten().collect();
    assert_eq!(std::fs::read_to_string(kept[0].path()).unwrap(), original);
    let deadline = Instant::now() + WAIT;
    while s.get(&format!("/{practice}")).status != 404 {
        assert!(
            Instant::now() < deadline,
            "the deleted page is still served"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

const TALKS: &str = "content/meropriiatiia/2024-04-10-nastavniki.md";
const TALKS_TEXT: &str = "---
title: Семинар наставников
date: 2024-04-10
program:
  - title: Открытие
    speakers:
      - ivanova-aa  # из приказа
  - title: Итоги
    time: \"12:00\"
---
Текст.
";

const PEOPLE: &str = "content/liudi/liudi.yaml";
const PEOPLE_TEXT: &str = "# Люди из приказа
- id: ivanova-aa
  surname: Иванова
  name: Анна
  patronymic: Андреевна
  aliases: [Иванова А.А.]

- id: petrov-bb  # заместитель
  surname: Петров
  name: Борис
  patronymic: Борисович
";

const SCHOOLS: &str = "content/shkoly/shkoly.yaml";
const SCHOOLS_TEXT: &str = "# Школы города
- id: sh-27
  short_name: СШ № 27

# открыта в 2023 году
- id: sh-9
  short_name: СШ № 9
";

/// A site with directories of people and schools, a seminar whose talks
/// have speakers, and a practice naming a school.
fn directory_site() -> Fixture {
    Fixture::new(&[
        (TALKS, TALKS_TEXT),
        (PEOPLE, PEOPLE_TEXT),
        (SCHOOLS, SCHOOLS_TEXT),
        (
            "content/praktiki/opyt.md",
            "---\ntitle: Опыт наставничества\nschools: [sh-27]\nmeasures:\n  - title: Семинар\n---\nТекст.\n",
        ),
        ("content/praktiki/_index.md", "---\ntitle: Практики\n---\n"),
        (
            "content/meropriiatiia/_index.md",
            "---\ntitle: Мероприятия\n---\n",
        ),
    ])
}

/// Waits until the file at `path` holds `expected`, showing the page the
/// browser is on if it never does.
fn wait_file(browser: &Browser, path: &std::path::Path, expected: &str) {
    let deadline = Instant::now() + WAIT;
    while std::fs::read_to_string(path).unwrap() != expected {
        assert!(
            Instant::now() < deadline,
            "not saved as expected:\n{}\nthe browser shows:\n{}",
            std::fs::read_to_string(path).unwrap(),
            browser.eval("return location.href + '\\n' + document.body.innerText")
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A talk's speakers (a list inside an item of the programme) and its
/// moderator (a record inside an item) are edited in the form: a speaker
/// written as one line keeps its comment when it gets a position, a new
/// one is picked by name and moved up; ids are shown with their names.
#[test]
fn speakers_and_moderators_of_talks_are_edited_in_chromium() {
    let Some((chromium, chromedriver)) = Browser::installed_or_skip() else {
        return;
    };
    let s = serve(directory_site(), &[]);
    let browser = Browser::start(&chromium, &chromedriver);
    let page = "meropriiatiia/2024-04-10-nastavniki/";
    browser.open(&format!("http://{}/__metodist/edit/?page={page}", s.addr));
    browser.wait_for("return document.querySelector('#pole-program-0-speakers > button')");
    // The one-line speaker: its id, and beside it the person's name.
    let shown = browser.eval(
        "return [document.querySelector('#pole-program-0-speakers-0-person').value,
                 document.querySelector('#imia-program-0-speakers-0-person').textContent]",
    );
    assert_eq!(
        shown,
        serde_json::json!(["ivanova-aa", "Иванова Анна Андреевна"])
    );
    // The picker searches aliases too: they are in the options' text.
    let option = browser.eval(
        "return document.querySelector('#spisok-person option[value=\"ivanova-aa\"]').textContent",
    );
    assert_eq!(
        option,
        serde_json::json!("Иванова Анна Андреевна — Иванова А.А.")
    );
    browser.type_into("#pole-program-0-speakers-0-position", "методист");
    // A new speaker of the first talk, moved above the first one.
    browser.eval("document.querySelector('#pole-program-0-speakers > button').click()");
    browser.type_into("#pole-program-0-speakers-n1-person", "petrov-bb");
    let name = browser
        .eval("return document.querySelector('#imia-program-0-speakers-n1-person').textContent");
    assert_eq!(name, serde_json::json!("Петров Борис Борисович"));
    browser.type_into("#pole-program-0-speakers-n1-position", "директор");
    browser.eval(
        "[...document.querySelectorAll('#pole-program-0-speakers > .item')][1]
            .querySelector('.item-tools button').click()",
    );
    let order = browser.eval(
        "return [...document.querySelectorAll('#pole-program-0-speakers > .item')]
            .map(i => i.querySelector('legend .n').textContent + ' ' + i.querySelector('input[name$=\".person\"]').value)",
    );
    assert_eq!(order, serde_json::json!(["1 petrov-bb", "2 ivanova-aa"]));
    // The second talk gets a moderator written by name.
    browser.type_into("#pole-program-1-moderator-name", "Сидорова В.В.");
    // A new talk has its own list of speakers, whose new items are named
    // inside it; an unfilled new talk is removed again.
    browser.eval("document.querySelector('#pole-program > button').click()");
    browser.eval("document.querySelector('#pole-program-n2-speakers > button').click()");
    let names = browser.eval(
        "return [...document.querySelectorAll('#pole-program-n2 input[name*=\"speakers\"]:not([type=hidden])')]
            .slice(0, 2).map(i => i.name)",
    );
    assert_eq!(
        names,
        serde_json::json!([
            "program.n2.speakers.n3.person",
            "program.n2.speakers.n3.name"
        ])
    );
    browser
        .eval("document.querySelector('#pole-program-n2 > .item-tools button:last-child').click()");
    assert_eq!(
        browser.eval("return document.querySelectorAll('#pole-program > .item').length"),
        serde_json::json!(2)
    );
    browser.eval("document.querySelector('#forma button[type=submit]').click()");
    let expected = TALKS_TEXT
        .replace(
            "      - ivanova-aa  # из приказа\n",
            "      - person: petrov-bb\n        position: директор\n      - person: ivanova-aa  # из приказа\n        position: методист\n",
        )
        .replace(
            "    time: \"12:00\"\n",
            "    time: \"12:00\"\n    moderator:\n      name: Сидорова В.В.\n",
        );
    wait_file(&browser, &s.site.root().join(TALKS), &expected);
    let served = s.get_until(&format!("/{page}"), |t| t.contains("Сидорова"));
    assert!(served.contains("Петров"), "{served}");
    // The form read again shows the saved speakers in their order.
    let form = s
        .get(&format!("/__metodist/edit/?page={}", enc(page)))
        .text();
    let first = form.find("value=\"petrov-bb\"").expect("the new speaker");
    let second = form
        .find("value=\"ivanova-aa\"")
        .expect("the first speaker");
    assert!(first < second);
}

/// A record (a practice's period) and a list inside an item (a measure's
/// organisations) saved over HTTP, exactly; a wrong value inside them is
/// refused beside its field.
#[test]
fn a_period_and_a_measures_organisations_are_saved_in_place() {
    let s = serve(directory_site(), &[]);
    let page = "praktiki/opyt/";
    let token = token(&s, page);
    let origin = format!("http://{}", s.addr);
    let file = s.site.root().join("content/praktiki/opyt.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let form = |extra: &str| {
        format!(
            "_token={token}&_page={}&measures._order=0&measures.0.title={}&_has=measures.0.organisations{extra}",
            enc(page),
            enc("Семинар")
        )
    };
    // The end of the period before its start: refused beside «end».
    let r = post(
        &s,
        Some(&origin),
        &form("&period.start=2023&period.end=2021"),
    );
    assert_eq!(r.status, 422, "{}", r.text());
    let html = r.text();
    let error = html
        .find("id=\"oshibka-period-end\"")
        .expect("error beside the end");
    assert!(html[error..].contains("раньше его начала"), "{html}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);
    // An unknown school among a measure's organisations: beside that list.
    let r = post(&s, Some(&origin), &form("&measures.0.organisations=sh-404"));
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(
        r.text().contains("id=\"oshibka-measures-0-organisations\""),
        "{}",
        r.text()
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);
    let r = post(
        &s,
        Some(&origin),
        &form("&measures.0.organisations=sh-9&period.start=2021&period.end=2023&weight=3"),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "---\ntitle: Опыт наставничества\nschools: [sh-27]\nmeasures:\n  - title: Семинар\n    organisations:\n      - sh-9\nweight: 3\nperiod:\n  start: \"2021\"\n  end: \"2023\"\n---\nТекст.\n"
    );
    // The rare fields of the page are in the form, folded.
    let edit = s
        .get(&format!("/__metodist/edit/?page={}", enc(page)))
        .text();
    let rare = edit.find("<details class=\"rare\"").expect("rare fields");
    assert!(
        edit[rare..].contains("name=\"weight\" value=\"3\""),
        "{edit}"
    );
    s.get_until(&format!("/{page}"), |t| {
        // Names are typeset: a narrow no-break space after «№».
        t.contains("2021") && t.contains("СШ №\u{202f}9")
    });
}

/// A row of a directory is deleted after a question naming its referrers;
/// the other rows and the comments stay byte for byte.
#[test]
fn a_row_of_a_directory_is_deleted_with_its_referrers_listed() {
    let s = serve(directory_site(), &[]);
    let origin = format!("http://{}", s.addr);
    let ask = s
        .get(&format!(
            "/__metodist/edit/delete?page={}",
            enc("shkoly/sh-27/")
        ))
        .text();
    assert!(ask.contains("На эту запись ссылаются"), "{ask}");
    assert!(ask.contains("content/praktiki/opyt.md"), "{ask}");
    let ask = s
        .get(&format!(
            "/__metodist/edit/delete?page={}",
            enc("shkoly/sh-9/")
        ))
        .text();
    assert!(ask.contains("не ссылается ни одна"), "{ask}");
    assert!(ask.contains("остальные записи файла не меняются"), "{ask}");
    let token = token(&s, "shkoly/sh-9/");
    let r = post_to(
        &s,
        "delete",
        Some("http://evil.example"),
        &format!("_token={token}&_page={}", enc("shkoly/sh-9/")),
    );
    assert_eq!(r.status, 403);
    let r = post_to(
        &s,
        "delete",
        Some(&origin),
        &format!("_token={token}&_page={}", enc("shkoly/sh-9/")),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let file = s.site.root().join(SCHOOLS);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "# Школы города\n- id: sh-27\n  short_name: СШ № 27\n\n# открыта в 2023 году\n"
    );
    let kept: Vec<_> = std::fs::read_dir(s.site.root().join(".metodist/history").join(SCHOOLS))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(
        std::fs::read_to_string(kept[0].path()).unwrap(),
        SCHOOLS_TEXT
    );
    let deadline = Instant::now() + WAIT;
    while s.get("/shkoly/sh-9/").status != 404 {
        assert!(Instant::now() < deadline, "the deleted row is still served");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(s.get("/shkoly/sh-27/").status, 200);
}

/// An attached file is removed from the form: its item leaves the
/// materials, the file goes to the history; only with the token.
#[test]
fn an_attached_file_is_removed() {
    let s = serve(site(), &[]);
    let page = "meropriiatiia/2024-03-15-seminar/";
    s.site
        .write("content/meropriiatiia/plan.pdf", "%PDF-1.4 план");
    let with_material = SEMINAR_TEXT.replace(
        "    time: \"10:00\"\n---",
        "    time: \"10:00\"\nmaterials:\n  - title: План  # утверждён\n    file: plan.pdf\n  - title: Положение\n    url: https://example.org/p\n---",
    );
    s.site.write(SEMINAR, &with_material);
    let form = s.get_until(&format!("/__metodist/edit/?page={}", enc(page)), |t| {
        t.contains("Удалить файл «plan.pdf»")
    });
    assert!(form.contains("plan.pdf ("), "the size is shown: {form}");
    let token = token(&s, page);
    let origin = format!("http://{}", s.addr);
    let body = |t: &str| format!("_token={t}&_page={}&file=plan.pdf", enc(page));
    assert_eq!(post_to(&s, "detach", Some(&origin), &body("x")).status, 403);
    let other = format!("_token={token}&_page={}&file=..%2Fsecret.pdf", enc(page));
    assert_eq!(post_to(&s, "detach", Some(&origin), &other).status, 404);
    let r = post_to(&s, "detach", Some(&origin), &body(&token));
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(!s
        .site
        .root()
        .join("content/meropriiatiia/plan.pdf")
        .exists());
    assert_eq!(
        std::fs::read_to_string(s.site.root().join(SEMINAR)).unwrap(),
        SEMINAR_TEXT.replace(
            "    time: \"10:00\"\n---",
            "    time: \"10:00\"\nmaterials:\n  - title: Положение\n    url: https://example.org/p\n---",
        )
    );
    let history = s
        .site
        .root()
        .join(".metodist/history/content/meropriiatiia/plan.pdf");
    let kept: Vec<_> = std::fs::read_dir(&history).unwrap().flatten().collect();
    assert_eq!(
        std::fs::read(kept[0].path()).unwrap(),
        "%PDF-1.4 план".as_bytes()
    );
    let after = s.get(r.header("Location").as_deref().unwrap()).text();
    assert!(after.contains("Файл «plan.pdf» удалён"), "{after}");
    s.get_until(&format!("/{page}"), |t| !t.contains("plan.pdf"));
}

/// The body's preview is rendered by the server with the build's Markdown
/// and typography, as the author types; it needs the token and the Origin.
#[test]
fn the_text_is_previewed_as_it_is_typed() {
    let s = serve(site(), &[]);
    let page = "meropriiatiia/2024-03-15-seminar/";
    let token = token(&s, page);
    let origin = format!("http://{}", s.addr);
    let body = |t: &str| {
        format!(
            "_token={t}&_page={}&_body={}",
            enc(page),
            enc("Итоги \"дня\" - **главное**")
        )
    };
    assert_eq!(
        post_to(&s, "preview", Some(&origin), &body("x")).status,
        403
    );
    assert_eq!(
        post_to(&s, "preview", Some("http://evil.example"), &body(&token)).status,
        403
    );
    assert_eq!(post_to(&s, "preview", None, &body(&token)).status, 403);
    let r = post_to(&s, "preview", Some(&origin), &body(&token));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.text(),
        "<p>Итоги «дня»\u{a0}— <strong>главное</strong></p>\n"
    );
    assert_eq!(
        std::fs::read_to_string(s.site.root().join(SEMINAR)).unwrap(),
        SEMINAR_TEXT
    );

    let Some((chromium, chromedriver)) = Browser::installed_or_skip() else {
        return;
    };
    let browser = Browser::start(&chromium, &chromedriver);
    browser.open(&format!("http://{}/__metodist/edit/?page={page}", s.addr));
    browser.wait_for("return document.querySelector('#prosmotr p:not(.hint)')");
    browser.type_into("#pole-_body", "\n\n## Итоги \"дня\"");
    let shown = browser
        .wait_for("const h = document.querySelector('#prosmotr h2'); return h && h.textContent");
    assert_eq!(shown, serde_json::json!("Итоги «дня»"));
}

/// Items written in braces (`- {title: …, unit: балл}`, as in the portal's
/// risk factors) are edited, moved and added in that style, comments kept.
#[test]
fn items_in_braces_are_edited_in_their_style() {
    let file = "content/riski/faktory.yaml";
    let text = "# Факторы риска\n- id: kadry\n  title: Дефицит кадров  # из профиля\n  parameters:\n    - {title: \"Нехватка педагогов\", unit: балл}  # L1433\n    - {title: Нехватка психологов}\n";
    let s = serve(Fixture::new(&[(file, text)]), &[]);
    let page = "riski/kadry/";
    let token = token(&s, page);
    let origin = format!("http://{}", s.addr);
    let body = format!(
        "_token={token}&_page={}&parameters._order=1&parameters._order=0&parameters._order=n1\
         &parameters.0.title={}&parameters.0.unit={}&parameters.1.title={}&parameters.1.unit={}\
         &parameters.n1.title={}",
        enc(page),
        enc("Нехватка педагогов"),
        enc("да/нет"),
        enc("Нехватка психологов"),
        enc("балл"),
        enc("Сеть, связь")
    );
    let r = post(&s, Some(&origin), &body);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(
        std::fs::read_to_string(s.site.root().join(file)).unwrap(),
        "# Факторы риска\n- id: kadry\n  title: Дефицит кадров  # из профиля\n  parameters:\n    - {title: Нехватка психологов, unit: балл}\n    - {title: \"Нехватка педагогов\", unit: да/нет}  # L1433\n    - {title: \"Сеть, связь\"}\n"
    );
    s.get_until(&format!("/{page}"), |t| t.contains("Сеть, связь"));
}

/// A save that would break other entries (an id they still name) is
/// refused with the places it would break, and nothing is written.
#[test]
fn a_save_breaking_other_entries_is_refused_with_their_places() {
    let s = serve(directory_site(), &[]);
    let page = "shkoly/sh-27/";
    let token = token(&s, page);
    let origin = format!("http://{}", s.addr);
    let body = format!("_token={token}&_page={}&id=sh-28", enc(page));
    let r = post(&s, Some(&origin), &body);
    assert_eq!(r.status, 422, "{}", r.text());
    let html = r.text();
    let summary = html.find("id=\"oshibki\"").expect("the error summary");
    assert!(
        html[summary..]
            .contains("content/praktiki/opyt.md:3:11: ссылка на несуществующую запись «sh-27»"),
        "{html}"
    );
    assert!(html[summary..].contains("sh-27"), "{html}");
    assert_eq!(
        std::fs::read_to_string(s.site.root().join(SCHOOLS)).unwrap(),
        SCHOOLS_TEXT
    );
}

/// A list written in brackets (`authors: [ivanova-aa]`, as in the
/// portal's practices) becomes a block list when the form adds to it, its
/// comment kept; an author written as an id gets a position.
#[test]
fn a_list_in_brackets_grows_in_block_style() {
    let s = serve(directory_site(), &[]);
    let file = "content/praktiki/avtory.md";
    s.site.write(
        file,
        "---\ntitle: Практика авторов\nauthors: [ivanova-aa]  # из сборника\n---\nТекст.\n",
    );
    let page = "praktiki/avtory/";
    s.get_until(&format!("/{page}"), |t| t.contains("Практика авторов"));
    let token = token(&s, page);
    let origin = format!("http://{}", s.addr);
    let body = format!(
        "_token={token}&_page={}&authors._order=0&authors.0.person=ivanova-aa&authors.0.position={}\
         &authors._order=n1&authors.n1.person=petrov-bb",
        enc(page),
        enc("методист")
    );
    let r = post(&s, Some(&origin), &body);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(
        std::fs::read_to_string(s.site.root().join(file)).unwrap(),
        "---\ntitle: Практика авторов\nauthors:  # из сборника\n  - person: ivanova-aa\n    position: методист\n  - person: petrov-bb\n---\nТекст.\n"
    );
    s.get_until(&format!("/{page}"), |t| t.contains("Петров"));
}

/// A new talk with a new speaker in it, sent as the form sends them: the
/// talk is added to the programme with its list of speakers.
#[test]
fn a_new_talk_gets_its_speakers() {
    let s = serve(directory_site(), &[]);
    let page = "meropriiatiia/2024-04-10-nastavniki/";
    let token = token(&s, page);
    let origin = format!("http://{}", s.addr);
    let body = format!(
        "_token={token}&_page={}&program._order=0&program._order=1&program._order=n1\
         &program.n1.title={}&program.n1.speakers._order=n2&program.n1.speakers.n2.person=petrov-bb\
         &program.n1.speakers.n2.position={}",
        enc(page),
        enc("Мастер-класс"),
        enc("директор")
    );
    let r = post(&s, Some(&origin), &body);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(
        std::fs::read_to_string(s.site.root().join(TALKS)).unwrap(),
        TALKS_TEXT.replace(
            "    time: \"12:00\"\n",
            "    time: \"12:00\"\n  - title: Мастер-класс\n    speakers:\n      - person: petrov-bb\n        position: директор\n"
        )
    );
    // An unknown person in it is refused beside that speaker's field.
    let body = body.replace("petrov-bb", "nikto");
    let form = s
        .get(&format!("/__metodist/edit/?page={}", enc(page)))
        .text();
    assert!(form.contains("Мастер-класс"), "the new talk is in the form");
    let body = body
        .replace("program._order=n1", "program._order=2")
        .replace("program.n1.", "program.2.")
        .replace("speakers._order=n2", "speakers._order=0")
        .replace("speakers.n2.", "speakers.0.");
    let r = post(&s, Some(&origin), &body);
    assert_eq!(r.status, 422, "{}", r.text());
    let html = r.text();
    let error = html
        .find("id=\"oshibka-program-2-speakers-0-person\"")
        .unwrap_or_else(|| panic!("an error beside the person: {html}"));
    assert!(html[error..].contains("nikto"), "{html}");
}
