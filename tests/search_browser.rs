//! Opens a site from `file://` in headless Chromium (driven through
//! chromedriver's WebDriver API), types queries into the search box and
//! checks what the reader sees: word forms found offline, the type label,
//! the date, highlighted words and keyboard navigation.
//!
//! Needs the Debian packages `chromium` and `chromium-driver`; without them
//! the test prints why it is skipped.

mod common;
use common::Fixture;
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
const ENTER: &str = "\u{e007}";

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

    /// Types into the element `css`, waiting for it while a page loads.
    fn type_into(&self, css: &str, text: &str) {
        let find = format!("return document.querySelector({css:?})");
        let found = self.wait_for(&find);
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
    const statusNode = document.getElementById('search-status');
    if (!statusNode) return null; // still on the page before the search page
    const items = document.querySelectorAll('#search-results li');
    const status = statusNode.textContent;
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

/// A portal built by the `metodist` binary for opening from disk.
fn build_site() -> Fixture {
    let f = Fixture::new(&[
        ("content/meropriiatiia/_index.md", "---\ntitle: Мероприятия\n---\n"),
        (
            "content/meropriiatiia/seminar.md",
            "---\ntitle: Организация эффективного межшкольного партнёрства\ndate: 2022-11-17\n---\n\
             Школы-участники обсудили сетевое взаимодействие и работу пар школ.\n",
        ),
        ("content/praktiki/_index.md", "---\ntitle: Банк практик\n---\n"),
        (
            "content/praktiki/nastavnichestvo.md",
            "---\ntitle: Наставничество в школе\n---\n\
             Практика развивает партнёрством двух школ наставничество педагогов.\n",
        ),
    ]);
    f.build(&["--offline"]);
    f
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
    let site = build_site();
    let page = site.public("poisk/index.html");
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
    assert_eq!(items[0]["kind"], "Мероприятие");
    assert_eq!(items[0]["date"], "17\u{a0}ноября 2022\u{a0}г.");
    assert_eq!(items[0]["marks"], json!(["партнёрства"]));
    assert!(items[0]["href"]
        .as_str()
        .unwrap()
        .ends_with("/meropriiatiia/seminar/index.html"));
    let target = items[0]["href"]
        .as_str()
        .unwrap()
        .trim_start_matches("file://");
    assert!(
        Path::new(target).is_file(),
        "the result links to a built page: {target}"
    );
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

    // The header box of any page leads to the search page: «школы» finds
    // «школ» and «школе» (and the «Банк практик» section is not about schools).
    browser.open(&format!(
        "file://{}",
        site.public("praktiki/index.html").display()
    ));
    browser.type_into("#site-search-q", &format!("школы{ENTER}"));
    let results = browser.wait_for(RESULTS);
    let titles: Vec<&str> = results["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Наставничество в\u{a0}школе",
            "Организация эффективного межшкольного партнёрства"
        ],
        "{results}"
    );
    browser.open(&format!("file://{}?q=абракадабра", page.display()));
    let results = browser.wait_for(RESULTS);
    assert!(results["items"].as_array().unwrap().is_empty());
    assert!(results["status"]
        .as_str()
        .unwrap()
        .starts_with("Ничего не найдено"));
}
