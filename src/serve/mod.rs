//! `metodist serve`: a local preview that rebuilds on every save and tells the
//! browser to reload. The site is built in memory by the same pipeline as
//! `build` ([`crate::build`]) and served from there, so the author's `public/`
//! is never touched; stopping the server (Ctrl+C) therefore leaves nothing to
//! clean up.
//!
//! [`http`] answers requests, [`watch`] notices real changes, [`reload`]
//! talks to open tabs, [`overlay`] shows build errors over the page,
//! [`editor`] edits entries in forms, and [`state`] holds what is served.

pub mod conn;
pub mod editor;
pub mod guard;
pub mod http;
pub mod overlay;
pub mod reload;
pub mod state;
pub mod watch;

use crate::diagnostics::{rel_path, summary};
use crate::output::{OutFile, Output};
use crate::pipeline::{self, BuildOptions};
use crate::ru::plural::plural_ru;
use reload::Message;
use state::{Current, State};
use std::collections::HashSet;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct ServeOptions {
    pub build: BuildOptions,
    pub interface: IpAddr,
    /// The port to try first; 0 lets the system pick a free one.
    pub port: u16,
    pub open: bool,
    /// Poll the folders at this interval instead of native notifications.
    pub poll: Option<Duration>,
    pub debounce: Duration,
}

/// How many ports after a busy one are tried.
const PORT_TRIES: u16 = 20;

/// Runs the preview until the process is stopped; returns an exit code only
/// when it cannot start.
pub fn run(opts: ServeOptions) -> i32 {
    let root = match std::fs::canonicalize(&opts.build.root) {
        Ok(r) => r,
        Err(e) => {
            eprintln!(
                "ошибка: папка сайта «{}» недоступна: {}",
                opts.build.root.display(),
                crate::write::io_ru(&e)
            );
            return 2;
        }
    };
    raise_file_limit();
    let (listener, port) = match bind(opts.interface, opts.port) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("ошибка: {message}");
            return 2;
        }
    };
    if opts.port != 0 && port != opts.port {
        println!("Порт {} занят — использую порт {port}.", opts.port);
    }
    let host = match opts.interface {
        ip if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let origin = format!("http://{host}:{port}");
    // The preview is the author's own: drafts show there (with a note on
    // the page), so that a new entry from `metodist new` can be written.
    let build_opts = BuildOptions {
        root: root.clone(),
        origin: Some(origin.clone()),
        drafts: true,
        progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        ..opts.build
    };

    // Watch before the first build: a save during it is not lost.
    let mut watcher = match watch::Watcher::start(&root, opts.debounce, opts.poll) {
        Ok(w) => w,
        Err(message) => {
            eprintln!("ошибка: {message}");
            return 1;
        }
    };
    if let Some(interval) = watcher.poll {
        println!(
            "Изменения проверяются опросом каждые {} мс.",
            interval.as_millis()
        );
    }
    let state = Arc::new(State::new(
        Current {
            output: Arc::new(Output::default()),
            base_path: "/".into(),
            generation: first_generation(),
            overlay: None,
            sources: Arc::default(),
        },
        guard::Guard::new(opts.interface, port),
        opts.interface
            .is_loopback()
            .then(|| editor::Editor::new(build_opts.clone())),
    ));
    let cache = pipeline::Cache::default();
    publish(
        &state,
        &[],
        pipeline::build_cached(&build_opts, &cache),
        Instant::now(),
    );
    let handler_state = state.clone();
    let handler: Arc<conn::Handler> =
        Arc::new(move |request| http::handle(request, &handler_state));
    std::thread::Builder::new()
        .name("metodist-accept".into())
        .spawn(move || conn::serve(listener, handler))
        .expect("spawn the preview's accept thread");

    let url = format!("{origin}{}", state.current().base_path);
    println!("Сайт доступен по адресу {url}");
    println!("Страницы обновляются сами при сохранении файлов. Остановить: Ctrl+C.");
    if opts.open {
        open_browser(&url);
    }

    while let Ok(mut named) = watcher.events.recv() {
        // Whatever arrived meanwhile (a git pull, a copied folder) joins
        // this batch: one rebuild for a mass change.
        while let Ok(more) = watcher.events.try_recv() {
            named.extend(more);
        }
        let mut changed = watcher.changes(&named);
        if changed.is_empty() {
            continue;
        }
        announce(&root, &changed);
        let started = Instant::now();
        cache.forget(&root, &changed);
        let mut result = pipeline::build_cached(&build_opts, &cache);
        // A failure may come from a file caught halfway through saving (a
        // slow editor, a copy): if more changes follow at once, build again
        // before showing errors, so the overlay does not flash.
        while result.is_err() {
            let Ok(more) = watcher.events.recv_timeout(opts.debounce * 2) else {
                break;
            };
            let again = watcher.changes(&more);
            if again.is_empty() {
                continue;
            }
            cache.forget(&root, &again);
            changed.extend(again);
            result = pipeline::build_cached(&build_opts, &cache);
        }
        let mut laps = crate::timings::Laps::start();
        publish(&state, &changed, result, started);
        laps.lap("serve.publish");
    }
    0
}

fn announce(root: &Path, changed: &[PathBuf]) {
    let names: Vec<String> = changed.iter().take(3).map(|p| rel_path(root, p)).collect();
    let more = changed.len().saturating_sub(names.len());
    let more = if more > 0 {
        format!(" и ещё {more}")
    } else {
        String::new()
    };
    println!("Изменено: {}{more} — пересобираю…", names.join(", "));
}

/// Swaps a successful build in and announces what changed; after a failure,
/// keeps the last good site and shows the overlay.
fn publish(
    state: &State,
    changed: &[PathBuf],
    result: Result<pipeline::Built, Vec<crate::diagnostics::Diagnostic>>,
    started: Instant,
) {
    let current = state.current();
    match result {
        Ok(built) => {
            crate::diagnostics::print(&built.warnings);
            let sources: HashSet<&Path> = changed.iter().map(PathBuf::as_path).collect();
            let paths = changed_files(&current.output, &built.output, &sources);
            let generation = current.generation + u64::from(!paths.is_empty());
            let base_path = built.base_path.clone();
            let was_failing = current.overlay.is_some();
            let files = built.output.files.len();
            state.set(Current {
                output: Arc::new(built.output),
                base_path: base_path.clone(),
                generation,
                overlay: None,
                sources: Arc::new(built.sources),
            });
            if was_failing {
                state.hub.broadcast(&Message::Fixed);
                println!("Ошибки исправлены.");
            }
            let urls: Vec<String> = paths.iter().map(|p| format!("{base_path}{p}")).collect();
            if !urls.is_empty() {
                let message = if urls.iter().all(|u| u.ends_with(".css")) {
                    Message::Css {
                        generation,
                        paths: urls,
                    }
                } else {
                    Message::Reload {
                        generation,
                        paths: urls,
                    }
                };
                state.hub.broadcast(&message);
            }
            if changed.is_empty() {
                println!(
                    "Собрано: {}, {} за {}.",
                    plural_ru(built.pages as f64, "страница", "страницы", "страниц"),
                    plural_ru(files as f64, "файл", "файла", "файлов"),
                    crate::ru::numbers::seconds(built.elapsed)
                );
            } else {
                println!(
                    "Обновлено: {} за {}.",
                    plural_ru(paths.len() as f64, "файл", "файла", "файлов"),
                    crate::ru::numbers::seconds(started.elapsed())
                );
            }
        }
        Err(diags) => {
            crate::diagnostics::print(&diags);
            eprintln!(
                "{}\nВ браузере показаны эти ошибки поверх последней удачной версии сайта.",
                summary(&diags)
            );
            let html = overlay::html(&diags);
            state.set(Current {
                overlay: Some(html.clone()),
                ..(*current).clone()
            });
            state.hub.broadcast(&Message::Errors { html });
        }
    }
}

/// Output paths that differ between two builds: added, removed, or with other
/// contents. Copied files count as changed when their source changed.
fn changed_files(old: &Output, new: &Output, sources: &HashSet<&Path>) -> Vec<String> {
    let differs = |a: &OutFile, b: &OutFile| match (a, b) {
        (OutFile::Bytes(x), OutFile::Bytes(y)) => !Arc::ptr_eq(x, y) && x != y,
        (OutFile::Copy(p), OutFile::Copy(q)) => p != q || sources.contains(q.as_path()),
        _ => true,
    };
    let mut out: Vec<String> = new
        .files
        .iter()
        .filter(|(k, f)| old.files.get(*k).is_none_or(|o| differs(o, f)))
        .map(|(k, _)| k.clone())
        .collect();
    out.extend(
        old.files
            .keys()
            .filter(|k| !new.files.contains_key(*k))
            .cloned(),
    );
    out
}

/// Binds `port`, or the next free one of [`PORT_TRIES`].
fn bind(ip: IpAddr, port: u16) -> Result<(std::net::TcpListener, u16), String> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES)
    };
    for p in port..=last {
        match std::net::TcpListener::bind((ip, p)) {
            Ok(listener) => {
                let actual = listener.local_addr().map_or(p, |a| a.port());
                return Ok((listener, actual));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {}
            Err(e) => {
                return Err(format!(
                    "не удалось открыть порт {p} на {ip}: {}",
                    crate::write::io_ru(&e)
                ))
            }
        }
    }
    Err(format!(
        "порты {port}–{last} заняты; укажите другой параметром --port"
    ))
}

/// Lifts the soft limit on open files to the hard one (1,024 soft is usual
/// on desktops): connections and the build's reads share it.
fn raise_file_limit() {
    #[cfg(unix)]
    let _ = rlimit::increase_nofile_limit(u64::MAX);
}

/// Differs between runs, so a tab left open across a restart reloads.
fn first_generation() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_millis() as u64)
}

fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "windows") {
        ("cmd", vec!["/C", "start", "", url])
    } else if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("предупреждение: не удалось открыть браузер; откройте {url} вручную");
    }
}
