//! Opens a site from `file://` in headless Chromium (driven through
//! chromedriver's WebDriver API), types queries into the search box and
//! checks what the reader sees: word forms found offline, the type label,
//! the date, highlighted words and keyboard navigation.
//!
//! Needs the Debian packages `chromium` and `chromium-driver`; without them
//! the test prints why it is skipped.

use metodist::search::{build_index, SearchDoc};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
];
/// The W3C WebDriver key of an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
const ARROW_DOWN: &str = "\u{e015}";

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// One HTTP/1.1 exchange with chromedriver on localhost.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> std::io::Result<Value> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let body = body.map(Value::to_string).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    // chromedriver keeps connections open, so read by Content-Length.
    let mut response = Vec::new();
    let mut buf = [0u8; 8192];
    let header_end = loop {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Err(std::io::Error::other(
                "connection closed before the headers",
            ));
        }
        response.extend_from_slice(&buf[..n]);
        if let Some(at) = response.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&response[..header_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| std::io::Error::other("no Content-Length"))?;
    while response.len() < header_end + length {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        response.extend_from_slice(&buf[..n]);
    }
    serde_json::from_slice(&response[header_end..]).map_err(std::io::Error::other)
}

struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start(chromium: &Path, chromedriver: &Path) -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let deadline = Instant::now() + Duration::from_secs(30);
        while http(port, "GET", "/status", None)
            .map(|v| v["value"]["ready"] != true)
            .unwrap_or(true)
        {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not become ready"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args}
        }}});
        let created = http(port, "POST", "/session", Some(&caps)).expect("session");
        let session = created["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string();
        Browser {
            driver,
            port,
            session,
            _profile: profile,
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        let reply = http(self.port, method, &path, body.as_ref()).expect("webdriver call");
        if reply["value"].get("error").is_some() {
            panic!("{method} {path}: {}", reply["value"]);
        }
        reply["value"].clone()
    }

    fn open(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    fn type_into(&self, css: &str, text: &str) {
        let found = self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        let id = found[ELEMENT].as_str().unwrap().to_string();
        self.call(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn eval(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Polls `script` until it returns something other than null.
    fn wait_for(&self, script: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let v = self.eval(script);
            if !v.is_null() {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for: {script}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(
            self.port,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// What the results list shows, read from the page.
const RESULTS: &str = r#"
    const items = document.querySelectorAll('#search-results li');
    const status = document.getElementById('search-status').textContent;
    if (!items.length && !status) return null;
    return {
        status,
        items: Array.from(items, li => ({
            title: li.querySelector('a').textContent,
            href: li.querySelector('a').href,
            kind: li.querySelector('.search-result__kind').textContent,
            date: (li.querySelector('.search-result__date') || {}).textContent || null,
            marks: Array.from(li.querySelectorAll('mark'), m => m.textContent),
        })),
    };
"#;

fn write_site(dir: &Path) -> PathBuf {
    let docs = vec![
        SearchDoc {
            url: "meropriiatiia/seminar/".into(),
            title: "Организация эффективного межшкольного партнёрства".into(),
            kind_label: "Семинар".into(),
            date: Some("17 ноября 2022 г.".into()),
            text: "Школы-участники обсудили сетевое взаимодействие и работу пар школ.".into(),
        },
        SearchDoc {
            url: "praktiki/nastavnichestvo/".into(),
            title: "Наставничество в школе".into(),
            kind_label: "Практика".into(),
            date: None,
            text: "Практика развивает партнёрством двух школ наставничество педагогов.".into(),
        },
        SearchDoc {
            url: "dokumenty/prikaz/".into(),
            title: "Приказ об утверждении комплекса мер".into(),
            kind_label: "Документ".into(),
            date: Some("25 июня 2021 г.".into()),
            text: "Комплекс мер по работе со школами с низкими результатами.".into(),
        },
    ];
    std::fs::write(dir.join("search-index.js"), build_index(&docs)).unwrap();
    std::fs::create_dir_all(dir.join("js")).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js/search.js");
    std::fs::copy(script, dir.join("js/search.js")).unwrap();
    for doc in &docs {
        let page = dir.join(&doc.url);
        std::fs::create_dir_all(&page).unwrap();
        std::fs::write(page.join("index.html"), format!("<h1>{}</h1>", doc.title)).unwrap();
    }
    std::fs::create_dir_all(dir.join("poisk")).unwrap();
    std::fs::write(
        dir.join("poisk/index.html"),
        r#"<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Поиск</title></head><body>
<form role="search"><label for="search-input">Поиск по сайту</label>
<input id="search-input" type="search" name="q" autocomplete="off"></form>
<p id="search-status" aria-live="polite"></p><ol id="search-results"></ol>
<script src="../search-index.js"></script><script src="../js/search.js"></script>
</body></html>"#,
    )
    .unwrap();
    dir.join("poisk/index.html")
}

#[test]
fn search_finds_word_forms_from_file_url() {
    let (Some(chromium), Some(chromedriver)) = (
        find_program(&["chromium", "chromium-browser", "google-chrome"]),
        find_program(&["chromedriver"]),
    ) else {
        println!("skipped: chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        return;
    };
    let site = tempfile::tempdir().unwrap();
    let page = write_site(site.path());
    let browser = Browser::start(&chromium, &chromedriver);
    browser.open(&format!("file://{}", page.display()));

    // «партнерство» (е, nominative) finds «партнёрства» and «партнёрством».
    browser.type_into("#search-input", "партнерство");
    let results = browser.wait_for(RESULTS);
    let items = results["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{results}");
    assert_eq!(
        items[0]["title"],
        "Организация эффективного межшкольного партнёрства"
    );
    assert_eq!(items[0]["kind"], "Семинар");
    assert_eq!(items[0]["date"], "17 ноября 2022 г.");
    assert_eq!(items[0]["marks"], json!(["партнёрства"]));
    assert!(items[0]["href"]
        .as_str()
        .unwrap()
        .ends_with("/meropriiatiia/seminar/index.html"));
    assert_eq!(items[1]["kind"], "Практика");
    assert!(items[1]["date"].is_null());
    assert_eq!(items[1]["marks"], json!(["партнёрством"]));
    assert!(results["status"]
        .as_str()
        .unwrap()
        .contains("2\u{a0}результата"));

    // The keyboard reaches the first result from the search field.
    browser.type_into("#search-input", ARROW_DOWN);
    let focused = browser.eval("return document.activeElement.textContent");
    assert_eq!(focused, "Организация эффективного межшкольного партнёрства");

    // A new query through the address bar: «школы» finds «школ», «школами».
    browser.open(&format!("file://{}?q=школы", page.display()));
    let results = browser.wait_for(RESULTS);
    assert_eq!(results["items"].as_array().unwrap().len(), 3, "{results}");
    browser.open(&format!("file://{}?q=абракадабра", page.display()));
    let results = browser.wait_for(RESULTS);
    assert!(results["items"].as_array().unwrap().is_empty());
    assert!(results["status"]
        .as_str()
        .unwrap()
        .starts_with("Ничего не найдено"));
}
