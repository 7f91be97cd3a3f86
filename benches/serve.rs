//! Benchmark (not a test) of `metodist serve` with the release binary:
//! - the full build of a synthetic site (serve's first build; 1,000 and
//!   10,000 pages) and of the reference portal;
//! - from saving a file to the reload message on the WebSocket, for a body
//!   edit, a title edit, a new page, a deleted page and a template edit, with
//!   the default debounce (100 ms) for the body edit and a short one (10 ms)
//!   for all, so that the debounce and the rebuild can be told apart;
//! - for the 10 ms runs, what the last rebuild of each scenario spent per
//!   stage (serve runs with `METODIST_TIMINGS=1`, see `src/timings.rs`).
//!
//! Sources live on tmpfs (`/dev/shm`). Run: `cargo bench --bench serve`
//! (or `-- 1000` for one size).

mod synthetic;

use std::io::{BufRead, BufReader, Read};
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
    /// serve's stderr: the stage timings of every rebuild.
    timings: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect(from: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let log = Arc::new(Mutex::new(String::new()));
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines().map_while(Result::ok) {
            let mut log = sink.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
    log
}

fn start(root: &Path, debounce: u64) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(["serve", "--port", "0", "--debounce", &debounce.to_string()])
        .arg("--root")
        .arg(root)
        .env("METODIST_TIMINGS", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start metodist serve");
    let log = collect(child.stdout.take().unwrap());
    let timings = collect(child.stderr.take().unwrap());
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
    Server {
        child,
        addr,
        log,
        timings,
    }
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

/// One kind of save: `edit(k)` changes the site for the k-th time, `undo`
/// puts it back once all edits are measured.
struct Scenario {
    name: &'static str,
    edit: Box<dyn Fn(usize)>,
    undo: Box<dyn Fn()>,
}

fn scenarios(dir: &Path) -> Vec<Scenario> {
    let page = dir.join("content/razdel-3/stranitsa-13.md");
    let original = std::fs::read_to_string(&page).unwrap();
    let template = dir.join("themes/default/templates/page.html");
    let template_text = std::fs::read_to_string(&template).unwrap();
    let new_page = {
        let dir = dir.to_path_buf();
        move |k: usize| dir.join(format!("content/razdel-3/novaya-{k}.md"))
    };
    let restore = {
        let (page, original) = (page.clone(), original.clone());
        move || std::fs::write(&page, &original).unwrap()
    };
    vec![
        Scenario {
            name: "body edit",
            edit: Box::new({
                let (page, original) = (page.clone(), original.clone());
                move |k| {
                    let text = format!("{original}\nПравка номер {k}.\n");
                    std::fs::write(&page, text).unwrap()
                }
            }),
            undo: Box::new(restore.clone()),
        },
        Scenario {
            name: "title edit",
            edit: Box::new({
                let (page, original) = (page.clone(), original.clone());
                move |k| {
                    let text = original.replacen("title: ", &format!("title: Правка {k} "), 1);
                    std::fs::write(&page, text).unwrap()
                }
            }),
            undo: Box::new(restore),
        },
        Scenario {
            name: "new page",
            edit: Box::new(move |k| {
                let text = format!("---\ntitle: Новая страница {k}\ndate: 2023-05-0{}\n---\nТекст новой страницы.\n", 1 + k % 9);
                std::fs::write(new_page(k), text).unwrap()
            }),
            undo: Box::new(|| {}),
        },
        Scenario {
            name: "deleted page",
            edit: Box::new({
                let dir = dir.to_path_buf();
                move |k| {
                    std::fs::remove_file(dir.join(format!("content/razdel-3/novaya-{k}.md")))
                        .unwrap()
                }
            }),
            undo: Box::new(|| {}),
        },
        Scenario {
            name: "template edit",
            edit: Box::new({
                let (template, text) = (template.clone(), template_text.clone());
                move |k| std::fs::write(&template, format!("{text}{{# правка {k} #}}\n")).unwrap()
            }),
            undo: Box::new(move || std::fs::write(&template, &template_text).unwrap()),
        },
    ]
}

/// Median and best milliseconds from a save to the reload message.
fn save_to_reload(server: &Server, scenario: &Scenario) -> (f64, f64) {
    let stream = TcpStream::connect(&server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let url = format!("ws://{}/__metodist/reload", server.addr);
    let (mut ws, _) = tungstenite::client(url, stream).expect("websocket");
    let _hello = ws.read().expect("hello");
    let mut times = Vec::new();
    for k in 0..EDITS {
        std::thread::sleep(Duration::from_millis(300));
        // A late message of the previous save (a second rebuild) must not
        // count as this save's reload.
        ws.get_mut()
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        while ws.read().is_ok() {}
        ws.get_mut()
            .set_read_timeout(Some(Duration::from_secs(120)))
            .unwrap();
        server.timings.lock().unwrap().clear();
        let saved = Instant::now();
        (scenario.edit)(k);
        loop {
            let message = ws.read().expect("a message");
            if message.to_text().is_ok_and(|t| t.contains("\"reload\"")) {
                break;
            }
        }
        times.push(saved.elapsed().as_secs_f64() * 1000.0);
    }
    (scenario.undo)();
    std::thread::sleep(Duration::from_secs(2));
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[0])
}

/// The stages of the last rebuild, on one line: «load 12 · render.pages 40 …».
fn stages(server: &Server) -> String {
    server
        .timings
        .lock()
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("timings: "))
        .filter_map(|l| {
            let (stage, ms) = l.rsplit_once(' ')?.0.rsplit_once(' ')?;
            let ms: f64 = ms.parse().ok()?;
            (ms >= 1.0).then(|| format!("{stage} {ms:.0}"))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn bench(tmp: &Path, n: usize) {
    let dir = tmp.join(format!("metodist-serve-bench-{n}"));
    synthetic::generate(&dir, n);
    println!("\n{n} pages");
    {
        let server = start(&dir, 100);
        let ms = first_build_seconds(&server.log.lock().unwrap()) * 1000.0;
        println!(
            "  full build (serve's first):          {ms:>8.0} ms ({:.3} ms per page)",
            ms / n as f64
        );
        let (median, best) = save_to_reload(&server, &scenarios(&dir)[0]);
        println!(
            "  body edit, debounce 100 ms:          median {median:>6.0} ms, best {best:>6.0} ms"
        );
    }
    let server = start(&dir, 10);
    for scenario in scenarios(&dir) {
        let (median, best) = save_to_reload(&server, &scenario);
        println!(
            "  {:<14} debounce  10 ms:        median {median:>6.0} ms, best {best:>6.0} ms",
            scenario.name
        );
        println!("      last rebuild, ms: {}", stages(&server));
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    };
    let tmp = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    println!(
        "metodist serve benchmark ({EDITS} saves per scenario, sources in {})",
        tmp.display()
    );
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let reference = start(&repo, 100);
    println!(
        "full build, reference portal:        {:>8.0} ms",
        first_build_seconds(&reference.log.lock().unwrap()) * 1000.0
    );
    drop(reference);
    for n in sizes {
        bench(&tmp, n);
    }
}
