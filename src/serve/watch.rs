//! Watching the site's sources: notify 8 through notify-debouncer-full.
//!
//! Folders are watched, not files: editors save by writing a new file and
//! renaming it over the old one, which a file watch loses. The site's root is
//! watched without recursion (for `site.toml`; it may also hold `public/`,
//! `target/` or `.git/`, which must not be watched), and `content/`, `themes/`
//! and `static/` recursively.
//!
//! Event kinds are not trusted (they differ between platforms, editors and
//! the polling backend): after the debounce, every path an event named is
//! looked at on disk and compared with a [`Snapshot`] of sizes, times and
//! content hashes. Only real differences make a rebuild; an editor touching
//! a file, a swap file or a Word lock file does not. The one kind used is
//! «opened or read», dropped at once: our own build reads every file, and
//! those events would otherwise wake the watcher after each build.

use crate::load::discover::is_ignored;
use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    new_debouncer_opt, DebounceEventResult, Debouncer, NoCache, RecommendedCache,
};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, SystemTime};
use walkdir::WalkDir;

/// The folders of a site that hold its sources.
pub const SOURCE_DIRS: [&str; 4] = ["content", "themes", "templates", "static"];

/// Files bigger than this are compared by size and time only.
const HASH_LIMIT: u64 = 8 * 1024 * 1024;

/// Poll interval when native watching cannot start and `--poll` gave none.
pub const DEFAULT_POLL: Duration = Duration::from_millis(500);

enum Backend {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Backend {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Backend::Native(d) => d.watch(path, mode),
            Backend::Poll(d) => d.watch(path, mode),
        }
    }
}

pub struct Watcher {
    backend: Backend,
    /// Batches of paths named by events, one per debounce.
    pub events: Receiver<Vec<PathBuf>>,
    /// Set when polling (asked for, or the fallback).
    pub poll: Option<Duration>,
    root: PathBuf,
    watched: HashSet<PathBuf>,
    snapshot: Snapshot,
}

impl Watcher {
    /// Starts watching `root`. With `poll`, or when native watching fails
    /// (inotify limits, network shares), polls instead and says so.
    pub fn start(
        root: &Path,
        debounce: Duration,
        poll: Option<Duration>,
    ) -> Result<Watcher, String> {
        let (tx, events) = mpsc::channel();
        // Replaced once the watches are in place (see below).
        let snapshot = Snapshot::default();
        let mut watcher = match poll {
            None => match native(debounce, tx.clone()) {
                Ok(w) => Watcher {
                    backend: w,
                    events,
                    poll: None,
                    root: root.to_path_buf(),
                    watched: HashSet::new(),
                    snapshot,
                },
                Err(e) => {
                    eprintln!(
                        "предупреждение: системное отслеживание файлов не запустилось ({e}); \
                         проверяю изменения опросом каждые {} мс",
                        DEFAULT_POLL.as_millis()
                    );
                    return Watcher::start(root, debounce, Some(DEFAULT_POLL));
                }
            },
            Some(interval) => Watcher {
                backend: polling(debounce, interval, tx)?,
                events,
                poll: Some(interval),
                root: root.to_path_buf(),
                watched: HashSet::new(),
                snapshot,
            },
        };
        if let Err(e) = watcher.watch_all() {
            if watcher.poll.is_some() {
                return Err(format!("не удалось отслеживать папку сайта: {e}"));
            }
            eprintln!(
                "предупреждение: системное отслеживание файлов не работает ({e}); \
                 проверяю изменения опросом каждые {} мс",
                DEFAULT_POLL.as_millis()
            );
            return Watcher::start(root, debounce, Some(DEFAULT_POLL));
        }
        // Scanned after the watches start, so that a change in between is
        // either in the scan or in an event.
        watcher.snapshot = Snapshot::scan(root);
        Ok(watcher)
    }

    /// Watches the root and whichever source folders exist (again after a
    /// folder appears).
    fn watch_all(&mut self) -> notify::Result<()> {
        let mut targets = vec![(self.root.clone(), RecursiveMode::NonRecursive)];
        for dir in SOURCE_DIRS {
            let path = self.root.join(dir);
            if path.is_dir() {
                targets.push((path, RecursiveMode::Recursive));
            }
        }
        for (path, mode) in targets {
            if !self.watched.contains(&path) {
                self.backend.watch(&path, mode)?;
                self.watched.insert(path);
            }
        }
        Ok(())
    }

    /// The files that really changed (added, modified or removed) among the
    /// paths events named, as site-relative paths, sorted.
    pub fn changes(&mut self, named: &[PathBuf]) -> Vec<PathBuf> {
        let relevant: Vec<&PathBuf> = named.iter().filter(|p| self.relevant(p)).collect();
        if relevant
            .iter()
            .any(|p| p.parent() == Some(&self.root) && p.is_dir())
        {
            // A source folder appeared (or was replaced): watch it anew.
            self.watched.retain(|p| p == &self.root);
            if let Err(e) = self.watch_all() {
                eprintln!("предупреждение: не удалось отслеживать новую папку: {e}");
            }
        }
        let mut changed = HashSet::new();
        for path in relevant {
            self.snapshot.update(path, &mut changed);
        }
        let mut out: Vec<PathBuf> = changed.into_iter().collect();
        out.sort();
        out
    }

    fn relevant(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
        match parts.next() {
            Some(first) if first == "site.toml" => rel.components().count() == 1,
            Some(first) if SOURCE_DIRS.contains(&first.as_ref()) => {
                parts.all(|part| !is_ignored(&part))
            }
            _ => false,
        }
    }
}

fn native(debounce: Duration, tx: Sender<Vec<PathBuf>>) -> notify::Result<Backend> {
    new_debouncer_opt(
        debounce,
        None,
        handler(tx),
        RecommendedCache::new(),
        notify::Config::default(),
    )
    .map(Backend::Native)
}

fn polling(
    debounce: Duration,
    interval: Duration,
    tx: Sender<Vec<PathBuf>>,
) -> Result<Backend, String> {
    new_debouncer_opt(
        debounce,
        None,
        handler(tx),
        NoCache,
        // notify's poller keeps modification times in whole seconds and
        // would miss a second save within the same second; comparing
        // contents costs a read of every file per poll, which is what
        // polling a share is anyway.
        notify::Config::default()
            .with_poll_interval(interval)
            .with_compare_contents(true),
    )
    .map(Backend::Poll)
    .map_err(|e| format!("не удалось запустить опрос папок: {e}"))
}

fn handler(tx: Sender<Vec<PathBuf>>) -> impl FnMut(DebounceEventResult) + Send + 'static {
    move |result: DebounceEventResult| match result {
        Ok(events) => {
            // Opening or reading a file (our own build and hashing do it)
            // is no change; everything else is checked on disk.
            let paths = events
                .into_iter()
                .filter(|e| !is_read(&e.event.kind))
                .flat_map(|e| e.event.paths)
                .collect::<Vec<_>>();
            if !paths.is_empty() {
                let _ = tx.send(paths);
            }
        }
        Err(errors) => {
            for e in errors {
                eprintln!("предупреждение: отслеживание файлов: {e}");
            }
        }
    }
}

fn is_read(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(
            AccessKind::Open(_) | AccessKind::Read | AccessKind::Close(AccessMode::Read)
        )
    )
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// Content hash (files up to [`HASH_LIMIT`]), for file systems whose
    /// times are coarse (FAT on USB sticks: 2 s).
    hash: Option<u64>,
}

/// What every source file looked like at the last build.
#[derive(Default)]
pub struct Snapshot {
    files: HashMap<PathBuf, Stamp>,
}

impl Snapshot {
    pub fn scan(root: &Path) -> Snapshot {
        let mut paths = vec![root.join("site.toml")];
        for dir in SOURCE_DIRS {
            paths.extend(source_files(&root.join(dir)));
        }
        Snapshot {
            files: paths
                .into_par_iter()
                .filter_map(|p| stamp(&p).map(|s| (p, s)))
                .collect(),
        }
    }

    /// Brings `path` (a file or a folder, present or gone) up to date,
    /// adding what differs to `changed`.
    fn update(&mut self, path: &Path, changed: &mut HashSet<PathBuf>) {
        if path.is_dir() {
            let on_disk: HashSet<PathBuf> = source_files(path).into_iter().collect();
            let gone: Vec<PathBuf> = self
                .files
                .keys()
                .filter(|p| p.starts_with(path) && !on_disk.contains(*p))
                .cloned()
                .collect();
            for p in gone {
                self.files.remove(&p);
                changed.insert(p);
            }
            for p in on_disk {
                self.update_file(&p, changed);
            }
        } else if path.exists() {
            self.update_file(path, changed);
        } else {
            let gone: Vec<PathBuf> = self
                .files
                .keys()
                .filter(|p| p.starts_with(path))
                .cloned()
                .collect();
            for p in gone {
                self.files.remove(&p);
                changed.insert(p);
            }
        }
    }

    fn update_file(&mut self, path: &Path, changed: &mut HashSet<PathBuf>) {
        let old = self.files.get(path);
        let Ok(meta) = std::fs::metadata(path) else {
            return;
        };
        let quick = (meta.len(), meta.modified().ok());
        if old.is_some_and(|o| (o.len, o.modified) == quick && o.hash.is_none()) {
            return;
        }
        let Some(new) = stamp(path) else { return };
        if old != Some(&new) {
            let same_content = old.is_some_and(|o| o.hash.is_some() && o.hash == new.hash);
            if !same_content {
                changed.insert(path.to_path_buf());
            }
            self.files.insert(path.to_path_buf(), new);
        }
    }
}

fn source_files(dir: &Path) -> Vec<PathBuf> {
    WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let hash = (meta.len() <= HASH_LIMIT)
        .then(|| std::fs::read(path).ok())
        .flatten()
        .map(|bytes| {
            let mut h = DefaultHasher::new();
            h.write(&bytes);
            h.finish()
        });
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        hash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_changes_count() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("site.toml"), "title = \"x\"\n").unwrap();
        std::fs::write(root.join("content/a.md"), "a").unwrap();
        let mut snap = Snapshot::scan(root);
        let mut changed = HashSet::new();
        // Same bytes rewritten (an editor's save without edits): no change.
        std::fs::write(root.join("content/a.md"), "a").unwrap();
        snap.update(&root.join("content/a.md"), &mut changed);
        assert!(changed.is_empty(), "{changed:?}");
        // Same length, other bytes (a one-letter fix on a coarse clock): a change.
        std::fs::write(root.join("content/a.md"), "b").unwrap();
        snap.update(&root.join("content/a.md"), &mut changed);
        assert_eq!(changed.len(), 1);
        // A folder rename: its files are gone and new ones appear.
        changed.clear();
        std::fs::create_dir_all(root.join("content/r")).unwrap();
        std::fs::write(root.join("content/r/b.md"), "b").unwrap();
        snap.update(&root.join("content/r"), &mut changed);
        std::fs::rename(root.join("content/r"), root.join("content/s")).unwrap();
        snap.update(&root.join("content/r"), &mut changed);
        snap.update(&root.join("content/s"), &mut changed);
        assert!(changed.contains(&root.join("content/r/b.md")));
        assert!(changed.contains(&root.join("content/s/b.md")));
    }
}
