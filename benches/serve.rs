//! Benchmark (not a test) of `metodist serve` with the release binary:
//! - the full build of a synthetic 10,000-page site (serve's first build) and
//!   of the reference portal;
//! - from saving one page of that site to the reload message on the
//!   WebSocket, with the default debounce (100 ms) and a short one (10 ms),
//!   so that the debounce and the rebuild can be told apart.
//!
//! Sources live on tmpfs (`/dev/shm`). Run: `cargo bench --bench serve`
//! (or `-- 1000` for another size).

mod synthetic;

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const EDITS: usize = 7;

struct Server {
    child: Child,
    addr: String,
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path, debounce: u64) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(["serve", "--port", "0", "--debounce", &debounce.to_string()])
        .arg("--root")
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start metodist serve");
    let log = Arc::new(Mutex::new(String::new()));
    let out = child.stdout.take().unwrap();
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let mut log = sink.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
    let deadline = Instant::now() + Duration::from_secs(600);
    let addr = loop {
        let text = log.lock().unwrap().clone();
        if let Some(at) = text.find("http://") {
            let rest = &text[at + 7..];
            if let Some(end) = rest.find('/') {
                break rest[..end].to_string();
            }
        }
        assert!(Instant::now() < deadline, "serve did not start");
        std::thread::sleep(Duration::from_millis(10));
    };
    Server { child, addr, log }
}

/// Seconds printed by serve's «Собрано: …за X с» line.
fn first_build_seconds(log: &str) -> f64 {
    log.lines()
        .find(|l| l.starts_with("Собрано"))
        .and_then(|l| l.rsplit("за ").next())
        .and_then(|t| t.split('\u{a0}').next())
        .and_then(|t| t.replace(',', ".").parse().ok())
        .unwrap_or(f64::NAN)
}

/// Median milliseconds from writing `page` to the reload message.
fn save_to_reload(server: &Server, page: &Path) -> (f64, f64) {
    let stream = TcpStream::connect(&server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let url = format!("ws://{}/__metodist/reload", server.addr);
    let (mut ws, _) = tungstenite::client(url, stream).expect("websocket");
    let _hello = ws.read().expect("hello");
    let original = std::fs::read_to_string(page).unwrap();
    let mut times = Vec::new();
    for k in 0..EDITS {
        std::thread::sleep(Duration::from_millis(300));
        let text = format!("{original}\nПравка номер {k}.\n");
        let saved = Instant::now();
        std::fs::write(page, text).unwrap();
        loop {
            let message = ws.read().expect("a message");
            if message.to_text().is_ok_and(|t| t.contains("\"reload\"")) {
                break;
            }
        }
        times.push(saved.elapsed().as_secs_f64() * 1000.0);
    }
    std::fs::write(page, original).unwrap();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[0])
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let tmp = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let dir = tmp.join(format!("metodist-serve-bench-{n}"));
    synthetic::generate(&dir, n);
    let page = dir.join("content/razdel-3/stranitsa-13.md");

    println!(
        "metodist serve benchmark ({n} pages, sources in {})",
        tmp.display()
    );
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let reference = start(&repo, 100);
    println!(
        "full build, reference portal:        {:>8.0} ms",
        first_build_seconds(&reference.log.lock().unwrap()) * 1000.0
    );
    drop(reference);
    for debounce in [100, 10] {
        let server = start(&dir, debounce);
        if debounce == 100 {
            println!(
                "full build, {n} pages:            {:>8.0} ms",
                first_build_seconds(&server.log.lock().unwrap()) * 1000.0
            );
        }
        let (median, best) = save_to_reload(&server, &page);
        println!(
            "save → reload message, debounce {debounce:>3} ms: median {median:>6.0} ms, best {best:>6.0} ms ({EDITS} edits)"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
