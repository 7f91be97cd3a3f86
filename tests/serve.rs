//! `metodist serve` end to end: the binary on a free loopback port, a
//! temporary site, real HTTP requests and the live-reload WebSocket. Every
//! wait is bounded in time.

mod common;
use common::browser::{find_program, Browser};
use common::serve::{serve, serve_desktop_limits, Served, WAIT};
use common::Fixture;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn site(files: &[(&str, &str)]) -> Fixture {
    let mut all = vec![
        ("content/razdel/_index.md", "---\ntitle: Раздел\n---\n"),
        (
            "content/razdel/stranitsa.md",
            "---\ntitle: Первая страница\n---\nИсходный текст.\n",
        ),
        (
            "content/razdel/drugaia.md",
            "---\ntitle: Другая страница\n---\nНе меняется.\n",
        ),
    ];
    all.extend_from_slice(files);
    Fixture::new(&all)
}

impl Served {
    fn reload_channel(&self) -> Channel {
        let stream = TcpStream::connect(&self.addr).unwrap();
        // The handshake may take long on a loaded machine; reads of the
        // messages afterwards poll in short steps.
        stream.set_read_timeout(Some(WAIT)).unwrap();
        let url = format!("ws://{}/__metodist/reload", self.addr);
        let (ws, _) = tungstenite::client(url, stream).expect("websocket handshake");
        ws.get_ref()
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut channel = Channel {
            ws,
            log: self.log.clone(),
        };
        let hello = channel.next(WAIT).expect("hello message");
        assert_eq!(hello["type"], "hello", "{hello}");
        channel
    }
}

struct Channel {
    ws: tungstenite::WebSocket<TcpStream>,
    /// The server's output, for failure messages.
    log: Arc<Mutex<String>>,
}

impl Channel {
    /// The next JSON message, or None after `timeout`.
    fn next(&mut self, timeout: Duration) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            match self.ws.read() {
                Ok(tungstenite::Message::Text(t)) => {
                    return Some(serde_json::from_str(t.as_str()).expect("JSON message"))
                }
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("reload channel: {e}"),
            }
        }
        None
    }

    /// Skips messages until one of `kind` arrives.
    fn expect(&mut self, kind: &str) -> Value {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(m) = self.next(deadline - Instant::now()) {
                if m["type"] == kind {
                    return m;
                }
            }
        }
        panic!(
            "no «{kind}» message; server said:\n{}",
            self.log.lock().unwrap()
        );
    }
}

fn paths(message: &Value) -> Vec<String> {
    message["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn serves_pages_assets_and_the_404_page_with_content_types() {
    let f = site(&[]);
    f.write_bytes("content/razdel/plan.pdf", b"%PDF-1.4 test");
    f.write_bytes("content/razdel/foto.png", &common::photos::png(8, 6));
    f.write_bytes("content/razdel/~$plan.docx", b"lock");
    let s = serve(f, &[]);

    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(
        home.text().contains("/__metodist/reload"),
        "live-reload script missing"
    );
    let page = s.get("/razdel/stranitsa/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Исходный текст."));
    assert_eq!(s.get("/razdel/stranitsa").status, 301);
    assert_eq!(
        s.get("/razdel/stranitsa").header("Location").as_deref(),
        Some("/razdel/stranitsa/")
    );
    for (path, ty) in [
        ("/css/site.css", "text/css; charset=utf-8"),
        ("/razdel/plan.pdf", "application/pdf"),
        // Photos are served as their processed copies from the cache.
        ("/razdel/foto-8w.webp", "image/webp"),
        ("/razdel/foto-8w.jpg", "image/jpeg"),
        ("/sitemap.xml", "xml; charset=utf-8"),
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 200, "{path}");
        let got = r.header("Content-Type").unwrap();
        assert!(got.contains(ty), "{path}: {got}");
    }
    assert_eq!(s.get("/razdel/plan.pdf").body, b"%PDF-1.4 test");
    // The Word lock file is not part of the site.
    assert_eq!(s.get("/razdel/~$plan.docx").status, 404);

    let missing = s.get("/net-takoi/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("<html"),
        "the site's 404 page: {}",
        missing.text()
    );

    let head = s.request("HEAD", "/razdel/stranitsa/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let post = s.request("POST", "/");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("Allow").as_deref(), Some("GET, HEAD"));
    // The author's public/ is never written.
    assert!(!s.site.root().join("public").exists());
}

#[test]
fn base_url_path_is_honoured_and_points_at_the_preview() {
    let f = site(&[(
        "site.toml",
        "title = \"Тест\"\nbase_url = \"https://example.ru/metod/\"\n",
    )]);
    let s = serve(f, &[]);
    assert!(s.log.lock().unwrap().contains("/metod/"));
    let page = s.get("/metod/razdel/stranitsa/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("/metod/css/site.css"));
    assert_eq!(s.get("/metod").status, 301);
    assert_eq!(s.get("/razdel/stranitsa/").status, 404);
    let sitemap = s.get("/metod/sitemap.xml").text();
    assert!(
        sitemap.contains(&format!("http://{}/metod/razdel/stranitsa/", s.addr)),
        "{sitemap}"
    );
}

#[test]
fn edits_and_atomic_renames_reload_with_the_new_content() {
    let s = serve(site(&[]), &["--debounce", "50"]);
    let mut ch = s.reload_channel();

    s.site.write(
        "content/razdel/stranitsa.md",
        "---\ntitle: Первая страница\n---\nНовый текст.\n",
    );
    let m = ch.expect("reload");
    assert!(
        paths(&m).contains(&"/razdel/stranitsa/index.html".to_string()),
        "{m}"
    );
    // Only what changed is announced: the other page is not in the list.
    assert!(
        !paths(&m).contains(&"/razdel/drugaia/index.html".to_string()),
        "{m}"
    );
    // The reload is sent after the new site is in place.
    assert!(s.get("/razdel/stranitsa/").text().contains("Новый текст."));

    // Save as editors do: write a temporary file, rename it over the page.
    s.site.write(
        "content/razdel/.stranitsa.md.swp",
        "---\ntitle: Первая страница\n---\nЧерез переименование.\n",
    );
    std::fs::rename(
        s.site.root().join("content/razdel/.stranitsa.md.swp"),
        s.site.root().join("content/razdel/stranitsa.md"),
    )
    .unwrap();
    ch.expect("reload");
    assert!(s
        .get("/razdel/stranitsa/")
        .text()
        .contains("Через переименование."));

    // Editor and Office leftovers make no rebuild.
    s.site.write("content/razdel/~$plan.docx", "lock");
    s.site.write("content/razdel/.~lock.tablitsa.xlsx#", "lock");
    s.site.write("content/razdel/stranitsa.md~", "backup");
    assert!(ch.next(Duration::from_millis(800)).is_none());

    // A new page appears, a removed one disappears.
    s.site.write(
        "content/razdel/novaia.md",
        "---\ntitle: Новая\n---\nПоявилась.\n",
    );
    ch.expect("reload");
    assert!(s.get("/razdel/novaia/").text().contains("Появилась."));
    std::fs::remove_file(s.site.root().join("content/razdel/novaia.md")).unwrap();
    ch.expect("reload");
    assert_eq!(s.get("/razdel/novaia/").status, 404);
}

#[test]
fn polling_notices_edits_too() {
    let mut s = serve(site(&[]), &["--poll", "100", "--debounce", "50"]);
    s.wait_log("the polling notice", |log| {
        log.contains("опросом каждые 100 мс").then_some(())
    });
    let mut ch = s.reload_channel();
    s.site.write(
        "content/razdel/stranitsa.md",
        "---\ntitle: Первая страница\n---\nЗамечено опросом.\n",
    );
    ch.expect("reload");
    assert!(s
        .get("/razdel/stranitsa/")
        .text()
        .contains("Замечено опросом."));
}

/// Pages rendered by the previous build are reused only while nothing they
/// show has changed: a body edit re-renders one page, a title that another
/// page lists re-renders that page too, a template edit re-renders all.
#[test]
fn reused_pages_never_go_stale() {
    let template = "<html><body><main>{{ page.content }}</main>\
                    <nav>{% for p in all_pages %}[{{ p.title }}]{% endfor %}</nav></body></html>";
    let s = serve(
        site(&[
            ("themes/default/templates/probe.html", template),
            (
                "content/razdel/drugaia.md",
                "---\ntitle: Другая страница\ntemplate: probe.html\n---\nНе меняется.\n",
            ),
        ]),
        &["--debounce", "50"],
    );
    let mut ch = s.reload_channel();
    let other = "/razdel/drugaia/";
    let text = s.get(other).text();
    assert!(text.contains("[Первая страница]"), "{text}");

    s.site.write(
        "content/razdel/stranitsa.md",
        "---\ntitle: Первая страница\n---\nТолько текст.\n",
    );
    let m = ch.expect("reload");
    assert!(!paths(&m).contains(&format!("{other}index.html")), "{m}");
    assert!(s.get("/razdel/stranitsa/").text().contains("Только текст."));

    s.site.write(
        "content/razdel/stranitsa.md",
        "---\ntitle: Новое название\n---\nТолько текст.\n",
    );
    let m = ch.expect("reload");
    assert!(paths(&m).contains(&format!("{other}index.html")), "{m}");
    assert!(s.get(other).text().contains("[Новое название]"));

    s.site.write(
        "themes/default/templates/probe.html",
        &template.replace("<main>", "<main data-v=\"2\">"),
    );
    ch.expect("reload");
    assert!(s.get(other).text().contains("data-v=\"2\""));
}

#[test]
fn stylesheet_change_swaps_css_without_a_reload() {
    let s = serve(site(&[]), &["--debounce", "50"]);
    let mut ch = s.reload_channel();
    let css = s.site.root().join("themes/default/static/css/site.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\n.metodist-test { color: red; }\n");
    std::fs::write(&css, text).unwrap();
    let m = ch.next(WAIT).expect("a message");
    assert_eq!(m["type"], "css", "{m}");
    assert_eq!(paths(&m), vec!["/css/site.css".to_string()]);
    assert!(s.get("/css/site.css").text().contains(".metodist-test"));
}

#[test]
fn a_broken_edit_shows_the_overlay_and_the_fix_removes_it() {
    let s = serve(site(&[]), &["--debounce", "50"]);
    let mut ch = s.reload_channel();
    s.site.write(
        "content/razdel/stranitsa.md",
        "---\ntitle: Первая страница\ndat: 2022-01-01\n---\nТекст.\n",
    );
    let m = ch.expect("errors");
    let html = m["html"].as_str().unwrap();
    assert!(html.contains("content/razdel/stranitsa.md:3:1"), "{html}");
    assert!(html.contains("dat: 2022-01-01"), "{html}");
    assert!(html.contains("«date»"), "a suggestion: {html}");
    // Every page shows it, over the last good version.
    for path in ["/", "/razdel/drugaia/", "/net-takoi/"] {
        let text = s.get(path).text();
        assert!(text.contains("id=\"metodist-overlay\""), "{path}");
    }
    assert!(s
        .get("/razdel/stranitsa/")
        .text()
        .contains("Исходный текст."));
    // The terminal shows the same.
    let mut s = s;
    s.wait_log("diagnostics in the terminal", |log| {
        log.contains("--> content/razdel/stranitsa.md:3:1")
            .then_some(())
    });

    s.site.write(
        "content/razdel/stranitsa.md",
        "---\ntitle: Первая страница\ndate: 2022-01-01\n---\nИсправлено.\n",
    );
    ch.expect("fixed");
    ch.expect("reload");
    let text = s.get("/razdel/stranitsa/").text();
    assert!(text.contains("Исправлено."));
    assert!(!text.contains("id=\"metodist-overlay\""));
}

#[test]
fn a_site_broken_from_the_start_is_served_with_the_overlay() {
    let f = site(&[(
        "content/razdel/stranitsa.md",
        "---\ntitle: [незакрыто\n---\n",
    )]);
    let s = serve(f, &["--debounce", "50"]);
    let r = s.get("/");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("id=\"metodist-overlay\""));
    s.site.write(
        "content/razdel/stranitsa.md",
        "---\ntitle: Закрыто\n---\nГотово.\n",
    );
    s.get_until("/razdel/stranitsa/", |t| t.contains("Готово."));
}

#[test]
fn traversal_and_absurd_requests_are_refused() {
    let s = serve(site(&[]), &[]);
    for path in [
        "/../../../../etc/passwd",
        "/razdel/../../site.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/razdel%2f..%2f..%2fsite.toml",
        "/..%5c..%5csite.toml",
        "//etc/passwd",
        "/%00",
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 400, "{path}");
        assert!(!r.text().contains("title ="), "{path} leaked site.toml");
    }
    // Absolute-form and unknown-host tricks do not reach files either.
    let r = s.get("/site.toml");
    assert_eq!(r.status, 404);
    let long = format!("/{}", "a".repeat(10_000));
    assert_eq!(s.get(&long).status, 414);
    let huge_header = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        s.addr,
        "b".repeat(64 * 1024)
    );
    assert_eq!(s.raw(&huge_header).status, 431);
    // The server is still fine.
    assert_eq!(s.get("/").status, 200);
}

/// Other web pages open in the author's browser cannot read the preview:
/// a foreign Host (DNS rebinding) gets 403, the live reload (which carries
/// the error overlay with file paths) refuses a foreign Origin, and no CORS
/// header lets another origin read a response.
#[test]
fn foreign_hosts_and_origins_are_refused() {
    let s = serve(site(&[]), &[]);
    let port = s.addr.rsplit(':').next().unwrap().to_string();
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
    ] {
        let r = s.raw(&format!(
            "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(r.status, 403, "{host}");
        assert!(r.text().contains("--interface"), "{}", r.text());
    }
    let ok = s.raw(&format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\nOrigin: https://evil.example\r\nConnection: close\r\n\r\n"));
    assert_eq!(ok.status, 200);
    assert!(
        !ok.headers
            .to_ascii_lowercase()
            .contains("access-control-allow"),
        "{}",
        ok.headers
    );

    // The handshake's status line only: an accepted socket stays open.
    let upgrade = |origin: &str| -> u16 {
        let mut stream = TcpStream::connect(&s.addr).expect("connect");
        stream.set_read_timeout(Some(WAIT)).unwrap();
        let request = format!(
            "GET /__metodist/reload HTTP/1.1\r\nHost: {}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n",
            s.addr
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).expect("a status line");
        String::from_utf8_lossy(&head[9..12])
            .parse()
            .expect("status code")
    };
    assert_eq!(upgrade("https://evil.example"), 403);
    assert_eq!(upgrade(&format!("http://127.0.0.1:{port}")), 101);
    let post = s.raw(&format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nOrigin: https://evil.example\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        s.addr
    ));
    assert_eq!(post.status, 403);
    assert_eq!(s.get("/").status, 200, "the preview keeps serving");
}

/// Lets this test process hold thousands of sockets.
fn lift_own_file_limit() {
    rlimit::increase_nofile_limit(u64::MAX).expect("raise the test's open-file limit");
}

/// Peak resident memory of a process, in KiB (Linux).
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .expect("VmHWM line");
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn a_thousand_concurrent_requests_under_the_desktop_file_limit() {
    lift_own_file_limit();
    let s = Arc::new(serve_desktop_limits(site(&[])));
    let start = Arc::new(std::sync::Barrier::new(1000));
    let threads: Vec<_> = (0..1000)
        .map(|i| {
            let (s, start) = (s.clone(), start.clone());
            std::thread::spawn(move || {
                let path = ["/", "/razdel/stranitsa/", "/css/site.css"][i % 3];
                start.wait();
                let reply = std::panic::catch_unwind(|| s.get(path).status);
                (path, reply.ok())
            })
        })
        .collect();
    let failed: Vec<_> = threads
        .into_iter()
        .map(|t| t.join().unwrap())
        .filter(|(_, status)| *status != Some(200))
        .collect();
    assert!(
        failed.is_empty(),
        "{} failed: {:?}",
        failed.len(),
        &failed[..failed.len().min(5)]
    );
    assert!(
        !s.log.lock().unwrap().contains("panicked"),
        "{}",
        s.log.lock().unwrap()
    );
}

/// Idle clients (a misbehaving program, a page opening sockets) cannot
/// starve the author's own browser, not even past the file limit, and
/// the server recovers when they go.
#[test]
fn idle_connections_cannot_starve_the_author() {
    lift_own_file_limit();
    let s = serve_desktop_limits(site(&[]));
    let held: Vec<TcpStream> = (0..2000)
        .map(|_| TcpStream::connect(&s.addr).expect("an idle connection"))
        .collect();
    let asked = Instant::now();
    assert_eq!(s.get("/razdel/stranitsa/").status, 200);
    let waited = asked.elapsed();
    assert!(waited < Duration::from_secs(1), "answered after {waited:?}");
    drop(held);
    assert_eq!(s.get("/").status, 200, "and after the idle ones close");
    assert!(
        !s.log.lock().unwrap().contains("panicked"),
        "{}",
        s.log.lock().unwrap()
    );
}

/// A request line of 400 MB is refused as it arrives: the server's peak
/// memory grows by a few MiB at most, and it answers normally afterwards.
#[test]
fn a_huge_request_line_is_refused_without_buffering_it() {
    let s = serve(site(&[]), &[]);
    assert_eq!(s.get("/").status, 200);
    let before = peak_kib(s.child.id());
    let mut stream = TcpStream::connect(&s.addr).expect("connect");
    stream.set_read_timeout(Some(WAIT)).unwrap();
    stream.write_all(b"GET /").unwrap();
    let chunk = vec![b'a'; 1 << 20];
    let sent = (0..400)
        .take_while(|_| stream.write_all(&chunk).is_ok())
        .count();
    assert!(sent < 400, "the server read all 400 MB");
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    if !reply.is_empty() {
        assert!(
            reply.starts_with(b"HTTP/1.1 414"),
            "{}",
            String::from_utf8_lossy(&reply)
        );
    }
    let grown = peak_kib(s.child.id()).saturating_sub(before);
    assert!(grown < 8 * 1024, "peak memory grew by {grown} KiB");
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn a_busy_port_moves_to_the_next_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let f = site(&[]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(["serve", "--port", &port.to_string()])
        .current_dir(f.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let busy = lines
        .by_ref()
        .take(5)
        .map_while(Result::ok)
        .find(|l| l.contains("занят"));
    let _ = child.kill();
    let _ = child.wait();
    let busy = busy.expect("a message about the busy port");
    assert!(busy.contains(&format!("Порт {port} занят")), "{busy}");
}

/// Polls `script` in the page until it returns non-null; on timeout, fails
/// with what the page and the server show.
fn wait_in_page(browser: &Browser, s: &Served, script: &str) -> Value {
    let deadline = Instant::now() + WAIT;
    loop {
        let v = browser.eval(script);
        if !v.is_null() {
            return v;
        }
        if Instant::now() > deadline {
            let page = browser.eval("return document.documentElement.outerHTML;");
            panic!(
                "timed out waiting for: {script}\npage: {}\nserver: {}",
                page.as_str().unwrap_or_default(),
                s.log.lock().unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The page reloads by itself in a real browser after an edit, and a CSS
/// change restyles it without a reload.
#[test]
fn headless_chromium_reloads_the_page_after_an_edit() {
    let (Some(chromium), Some(chromedriver)) = (
        find_program(&["chromium", "chromium-browser", "google-chrome"]),
        find_program(&["chromedriver"]),
    ) else {
        println!("skipped: chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        return;
    };
    let s = serve(site(&[]), &["--debounce", "50"]);
    let browser = Browser::start(&chromium, &chromedriver);
    browser.open(&format!("http://{}/razdel/stranitsa/", s.addr));
    // Mark this document: a reload replaces it and loses the mark.
    browser.eval("window.__marked = true; return null;");
    // `open` returns once the page has loaded; give its script a moment to
    // open the reload channel before the edit.
    std::thread::sleep(Duration::from_millis(500));

    s.site.write(
        "content/razdel/stranitsa.md",
        "---\ntitle: Первая страница\n---\nОбновилось само.\n",
    );
    let text = wait_in_page(
        &browser,
        &s,
        "return document.body.textContent.includes('Обновилось само.') \
         ? { marked: window.__marked === true } : null;",
    );
    assert_eq!(text["marked"], false, "the page was not reloaded");

    // A broken edit shows the overlay in the open page; the fix removes it.
    browser.eval("window.__marked = true; return null;");
    s.site.write(
        "content/razdel/stranitsa.md",
        "---\ntitle: Первая страница\ndat: 1\n---\n",
    );
    let overlay = wait_in_page(
        &browser,
        &s,
        "const o = document.getElementById('metodist-overlay'); return o ? o.textContent : null;",
    );
    assert!(
        overlay
            .as_str()
            .unwrap()
            .contains("content/razdel/stranitsa.md"),
        "{overlay}"
    );
    s.site.write(
        "content/razdel/stranitsa.md",
        "---\ntitle: Первая страница\n---\nПорядок восстановлен.\n",
    );
    wait_in_page(
        &browser,
        &s,
        "return !document.getElementById('metodist-overlay') \
         && document.body.textContent.includes('Порядок восстановлен.') ? true : null;",
    );

    // CSS: the new rule applies, and the document is the same one.
    browser.eval("window.__marked = true; return null;");
    let css = s.site.root().join("themes/default/static/css/site.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\nbody { outline: 3px solid rgb(1, 2, 3); }\n");
    std::fs::write(&css, text).unwrap();
    let styled = wait_in_page(
        &browser,
        &s,
        "return getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)' \
         ? { marked: window.__marked === true } : null;",
    );
    assert_eq!(styled["marked"], true, "a CSS change reloaded the page");
}
