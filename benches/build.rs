//! Benchmark (not a test): builds seeded synthetic sites of 1,000 and 10,000
//! pages (Russian text, ~8 KB of Markdown each with front matter, a list and a
//! table) with the release binary and prints wall time, CPU time, ms per page
//! and peak memory. Sources and output live on tmpfs (`/dev/shm`) to separate compute
//! from the disk. Run: `cargo bench --bench build` (or with `-- 1000` for one size).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "школа",
    "партнёрство",
    "методический",
    "семинар",
    "педагог",
    "обучающихся",
    "результаты",
    "программа",
    "развития",
    "куратор",
    "мониторинг",
    "качество",
    "образования",
    "риски",
    "поддержка",
    "наставничество",
    "учебный",
    "год",
    "муниципальный",
    "проект",
    "адресный",
    "сопровождение",
    "управленческая",
    "команда",
    "дорожная",
    "карта",
    "показатели",
    "динамика",
    "взаимоэкспертиза",
    "антирисковая",
    "мотивация",
    "родители",
    "концепция",
    "диагностика",
];

/// xorshift64*: deterministic across runs and machines.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn word(&mut self) -> &'static str {
        WORDS[(self.next() % WORDS.len() as u64) as usize]
    }
    fn sentence(&mut self, words: usize) -> String {
        let mut s: Vec<String> = (0..words).map(|_| self.word().to_string()).collect();
        let first: String = s[0]
            .chars()
            .flat_map(char::to_uppercase)
            .collect::<String>()
            + &s[0].chars().skip(1).collect::<String>();
        s[0] = first;
        s.join(" ") + "."
    }
}

fn page(rng: &mut Rng, i: usize) -> String {
    let mut md = String::with_capacity(9000);
    let day = 1 + (i % 28);
    let month = 1 + (i / 28) % 12;
    let _ = write!(
        md,
        "---\ntitle: {} {i}\ndate: 2022-{month:02}-{day:02}\ndescription: {}\n---\n",
        rng.sentence(4).trim_end_matches('.'),
        rng.sentence(10)
    );
    while md.len() < 8000 {
        let _ = write!(md, "\n## {}\n\n", rng.sentence(3).trim_end_matches('.'));
        for _ in 0..3 {
            let n = 12 + (rng.next() % 10) as usize;
            md.push_str(&rng.sentence(n));
            md.push(' ');
        }
        md.push_str("\n\n");
        for _ in 0..4 {
            let _ = writeln!(md, "- {}", rng.sentence(6));
        }
        md.push_str("\n| Показатель | 2021 | 2022 |\n|---|---|---|\n");
        for _ in 0..4 {
            let _ = writeln!(
                md,
                "| {} | {}% | {}% |",
                rng.word(),
                rng.next() % 100,
                rng.next() % 100
            );
        }
    }
    md
}

fn generate(dir: &Path, n: usize) {
    let _ = std::fs::remove_dir_all(dir);
    let content = dir.join("content");
    std::fs::create_dir_all(&content).unwrap();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("themes"), &dir.join("themes"));
    std::fs::write(
        dir.join("site.toml"),
        "title = \"Синтетический портал\"\nbase_url = \"https://example.ru/\"\npaginate_by = 20\n",
    )
    .unwrap();
    std::fs::write(
        content.join("_index.md"),
        "---\ntitle: Главная\n---\nПортал.\n",
    )
    .unwrap();
    let mut rng = Rng(0x5eed_0000 + n as u64);
    for s in 0..10 {
        let sec = content.join(format!("razdel-{s}"));
        std::fs::create_dir_all(&sec).unwrap();
        std::fs::write(
            sec.join("_index.md"),
            format!("---\ntitle: Раздел {s}\n---\n"),
        )
        .unwrap();
    }
    for i in 0..n {
        let path = content.join(format!("razdel-{}/stranitsa-{i}.md", i % 10));
        std::fs::write(path, page(&mut rng, i)).unwrap();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// CPU time and peak memory of the finished children so far (getrusage).
fn children_usage() -> (Duration, u64) {
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage only writes into the struct we pass.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    (tv(ru.ru_utime) + tv(ru.ru_stime), ru.ru_maxrss as u64)
}

/// One build: wall time, CPU time (user + system; robust when the machine is
/// busy with other work) and peak RSS in KiB.
fn run(dir: &Path) -> (Duration, Duration, u64) {
    let (cpu_before, _) = children_usage();
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(["build", "--quiet", "--root"])
        .arg(dir)
        .status()
        .expect("run metodist");
    let wall = start.elapsed();
    assert!(status.success(), "build failed");
    let (cpu_after, peak_kib) = children_usage();
    (wall, cpu_after - cpu_before, peak_kib)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let mut sizes = if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    };
    sizes.sort_unstable();
    // KEEP=1 leaves the generated sites in place for profiling.
    let keep = std::env::var_os("KEEP").is_some();
    let tmp = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    println!(
        "metodist build benchmark (sources and output in {})",
        tmp.display()
    );
    println!(
        "{:>8} {:>10} {:>10} {:>10} {:>10} {:>10}",
        "pages", "MiB in", "wall, s", "cpu, s", "ms/page", "peak MiB"
    );
    for n in sizes {
        let dir = tmp.join(format!("metodist-bench-{n}"));
        generate(&dir, n);
        let bytes: u64 = walkdir::WalkDir::new(dir.join("content"))
            .into_iter()
            .flatten()
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum();
        run(&dir); // warm-up: page cache, first-run effects
        let runs: Vec<(Duration, Duration, u64)> = (0..3).map(|_| run(&dir)).collect();
        let wall = runs.iter().map(|r| r.0).min().unwrap();
        let cpu = runs.iter().map(|r| r.1).min().unwrap();
        // getrusage keeps the maximum over all children: sizes run ascending.
        let peak = runs.iter().map(|r| r.2).max().unwrap();
        println!(
            "{:>8} {:>10.1} {:>10.3} {:>10.3} {:>10.3} {:>10.1}",
            n,
            bytes as f64 / 1048576.0,
            wall.as_secs_f64(),
            cpu.as_secs_f64(),
            wall.as_secs_f64() * 1000.0 / n as f64,
            peak as f64 / 1024.0
        );
        if !keep {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
