//! Issue 16: `serve`'s incremental path — the load cache and the page memo,
//! fed the changed paths as the watcher feeds them — gives exactly what a
//! fresh full build gives, byte for byte, after every step of random edit
//! sequences: bodies, titles, dates, references, data rows, deletes,
//! renames, new files, section pages, templates and site.toml. A failure
//! prints the seed and the steps so far.

mod common;

use metodist::pipeline::{build, build_cached, BuildOptions, Cache};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// xorshift64*: the same sequence for a seed on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every output file's bytes (copied files read from their source), the
/// warnings, or the errors of a failed build.
type Snapshot = Result<(BTreeMap<String, Vec<u8>>, Vec<String>), Vec<String>>;

fn snapshot(
    result: Result<metodist::pipeline::Built, Vec<metodist::diagnostics::Diagnostic>>,
) -> Snapshot {
    let text =
        |ds: &[metodist::diagnostics::Diagnostic]| ds.iter().map(|d| format!("{d:?}")).collect();
    match result {
        Ok(built) => {
            let files = built
                .output
                .files
                .keys()
                .map(|k| {
                    let bytes = built.output.read(k).expect("in memory").expect("readable");
                    (k.clone(), bytes.to_vec())
                })
                .collect();
            Ok((files, text(&built.warnings)))
        }
        Err(ds) => Err(text(&ds)),
    }
}

/// Where two snapshots first differ, for the failure message.
fn difference(incremental: &Snapshot, fresh: &Snapshot) -> String {
    match (incremental, fresh) {
        (Ok((a, wa)), Ok((b, wb))) => {
            for (path, bytes) in b {
                match a.get(path) {
                    None => return format!("{path}: missing in the incremental output"),
                    Some(x) if x != bytes => {
                        let (x, y) = (String::from_utf8_lossy(x), String::from_utf8_lossy(bytes));
                        let at = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
                        let around = |s: &str| {
                            s.chars()
                                .skip(at.saturating_sub(80))
                                .take(200)
                                .collect::<String>()
                        };
                        return format!(
                            "{path} differs at char {at}:\n  incremental: {}\n  fresh:       {}",
                            around(&x),
                            around(&y)
                        );
                    }
                    _ => {}
                }
            }
            if let Some(extra) = a.keys().find(|k| !b.contains_key(*k)) {
                return format!("{extra}: only in the incremental output");
            }
            format!("warnings differ:\n  incremental: {wa:?}\n  fresh:       {wb:?}")
        }
        (Ok(_), Err(e)) => format!("only the fresh build failed: {e:?}"),
        (Err(e), Ok(_)) => format!("only the incremental build failed: {e:?}"),
        (Err(a), Err(b)) => format!("errors differ:\n  incremental: {a:?}\n  fresh:       {b:?}"),
    }
}

struct Site {
    root: PathBuf,
    /// Practices made by the test (content-relative): the ones it renames and deletes.
    made: Vec<String>,
    counter: usize,
}

impl Site {
    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }
    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
    /// The Markdown pages of the site (not section pages).
    fn pages(&self) -> Vec<String> {
        walkdir::WalkDir::new(self.root.join("content"))
            .into_iter()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .filter(|e| e.file_name() != "_index.md")
            .map(|e| {
                e.path()
                    .strip_prefix(&self.root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }
    fn new_practice(&mut self, rng: &mut Rng) -> (String, PathBuf) {
        self.counter += 1;
        let rel = format!("content/praktiki/praktika-{}.md", self.counter);
        let school = ["mbou-sh-1", "mbou-sh-2"][rng.below(2)];
        let text = self
            .read("content/praktiki/motivatsiia.md")
            .replacen(
                "title: Мотивация — путь к успеху",
                &format!("title: Практика номер {}", self.counter),
                1,
            )
            .replacen("schools: [mbou-sh-1]", &format!("schools: [{school}]"), 1);
        let path = self.write(&rel, &text);
        self.made.push(rel.clone());
        (rel, path)
    }

    /// Applies one random edit; returns its description and the changed paths.
    fn edit(&mut self, rng: &mut Rng) -> (String, Vec<PathBuf>) {
        let pages = self.pages();
        let page = pages[rng.below(pages.len())].clone();
        let k = rng.next() % 1000;
        match rng.below(12) {
            0 | 1 => {
                let text = format!("{}\nНовый абзац номер {k} — «правка».\n", self.read(&page));
                (format!("body of {page}"), vec![self.write(&page, &text)])
            }
            2 => {
                let text = self.read(&page);
                let text = match text.lines().find(|l| l.starts_with("title:")) {
                    Some(line) => text.replacen(line, &format!("title: Заголовок {k}"), 1),
                    None => text,
                };
                (format!("title of {page}"), vec![self.write(&page, &text)])
            }
            3 => {
                let text = self.read(&page);
                let text = match text.lines().find(|l| l.starts_with("date:")) {
                    Some(line) => {
                        text.replacen(line, &format!("date: 2023-0{}-1{}", 1 + k % 9, k % 10), 1)
                    }
                    None => text.replacen(
                        "---\n",
                        &format!("---\ndate: 2021-05-{:02}\n", 1 + k % 28),
                        1,
                    ),
                };
                (format!("date of {page}"), vec![self.write(&page, &text)])
            }
            4 => {
                // A reference: which school a practice belongs to.
                let rel = "content/praktiki/motivatsiia.md";
                let text = self.read(rel);
                let text = if text.contains("schools: [mbou-sh-1]") {
                    text.replacen("schools: [mbou-sh-1]", "schools: [mbou-sh-2]", 1)
                } else {
                    text.replacen("schools: [mbou-sh-2]", "schools: [mbou-sh-1]", 1)
                };
                ("a practice's school".into(), vec![self.write(rel, &text)])
            }
            5 => {
                // A data row every page that names the school shows.
                let rel = "content/shkoly/schools.yaml";
                let text = self.read(rel).replacen(
                    "short_name: МБОУ «СШ № 2»",
                    &format!(
                        "short_name: МБОУ «СШ № 2»\n  full_name: Школа номер два, вариант {k}"
                    ),
                    1,
                );
                ("a school's row".into(), vec![self.write(rel, &text)])
            }
            6 => {
                let (rel, path) = self.new_practice(rng);
                (format!("new {rel}"), vec![path])
            }
            7 if !self.made.is_empty() => {
                let rel = self.made.remove(rng.below(self.made.len()));
                let path = self.path(&rel);
                std::fs::remove_file(&path).unwrap();
                (format!("delete {rel}"), vec![path])
            }
            8 if !self.made.is_empty() => {
                let i = rng.below(self.made.len());
                self.counter += 1;
                let to = format!("content/praktiki/pereimenovana-{}.md", self.counter);
                let (from_path, to_path) = (self.path(&self.made[i]), self.path(&to));
                std::fs::rename(&from_path, &to_path).unwrap();
                let from = std::mem::replace(&mut self.made[i], to.clone());
                (format!("rename {from} → {to}"), vec![from_path, to_path])
            }
            9 => {
                let rel = "content/praktiki/_index.md";
                let text = format!("{}\nО разделе, правка {k}.\n", self.read(rel));
                ("the practices section".into(), vec![self.write(rel, &text)])
            }
            10 => {
                let rel = "templates/practice.html";
                let text = self.read(rel).replacen(
                    "{% endblock page_body %}",
                    &format!("<p>Шаблон, правка {k}</p>{{% endblock page_body %}}"),
                    1,
                );
                ("the practice template".into(), vec![self.write(rel, &text)])
            }
            _ => {
                let text =
                    self.read("site.toml")
                        .replacen("title = \"", &format!("title = \"{k} "), 1);
                (
                    "site.toml's title".into(),
                    vec![self.write("site.toml", &text)],
                )
            }
        }
    }
}

fn run_sequence(seed: u64, steps: usize) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("sait");
    let init = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
        .arg("init")
        .arg(&root)
        .output()
        .expect("metodist init");
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let mut site = Site {
        root: root.clone(),
        made: Vec::new(),
        counter: 0,
    };
    let template =
        std::fs::read_to_string(common::repo().join("themes/default/templates/practice.html"))
            .unwrap();
    assert!(
        template.contains("{% endblock page_body %}"),
        "the template edit below needs the page_body block"
    );
    site.write("templates/practice.html", &template);
    let mut rng = Rng(seed);
    for _ in 0..3 {
        site.new_practice(&mut rng);
    }
    let opts = BuildOptions {
        root: root.clone(),
        origin: Some("http://127.0.0.1:1111".into()),
        ..Default::default()
    };
    let cache = Cache::default();
    let first = snapshot(build_cached(&opts, &cache));
    assert!(first.is_ok(), "the fixture builds: {first:?}");
    let mut done: Vec<String> = Vec::new();
    let mut reused = 0;
    for _ in 0..steps {
        let (what, changed) = site.edit(&mut rng);
        done.push(what);
        cache.forget(&root, &changed);
        let incremental = build_cached(&opts, &cache);
        if let Ok(b) = &incremental {
            reused += b.pages - b.rendered;
        }
        let incremental = snapshot(incremental);
        let fresh = snapshot(build(&opts));
        assert!(
            incremental == fresh,
            "seed {seed:#x}, after: {}\n{}",
            done.join("; "),
            difference(&incremental, &fresh)
        );
    }
    // The memo is exercised, not bypassed: body edits reuse the other pages.
    assert!(reused > 0, "seed {seed:#x}: no page was ever reused");
}

#[test]
fn incremental_builds_equal_full_builds_after_random_edits() {
    for seed in [0x16, 0x5eed, 0xdead_beef] {
        run_sequence(seed, 14);
    }
}

#[test]
fn a_body_edit_renders_one_page_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("sait");
    let init = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
        .arg("init")
        .arg(&root)
        .output()
        .unwrap();
    assert!(init.status.success());
    let opts = BuildOptions {
        root: root.clone(),
        ..Default::default()
    };
    let cache = Cache::default();
    let first = build_cached(&opts, &cache).expect("builds");
    assert!(first.rendered > 5, "the first build renders every page");
    let page: &Path = &root.join("content/praktiki/motivatsiia.md");
    let text = std::fs::read_to_string(page).unwrap() + "\nЕщё абзац.\n";
    std::fs::write(page, text).unwrap();
    cache.forget(&root, &[page.to_path_buf()]);
    let again = build_cached(&opts, &cache).expect("builds");
    assert_eq!(again.rendered, 1, "only the edited page renders again");
}
