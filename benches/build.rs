//! Benchmark (not a test): builds seeded synthetic sites of 1,000 and 10,000
//! pages (Russian text, ~8 KB of Markdown each with front matter, a list and a
//! table) with the release binary and prints wall time, CPU time, ms per page
//! and peak memory. Sources and output live on tmpfs (`/dev/shm`) to separate compute
//! from the disk. Run: `cargo bench --bench build` (or with `-- 1000` for one size).
//!
//! Each size is also built with `[typography] enabled = false`, runs taken
//! in turns with the normal build, to print what the Russian typography layer
//! costs (issue 17 allows 5 % of CPU time).

mod synthetic;
use synthetic::generate;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

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
        let site_toml = dir.join("site.toml");
        let with_typography = std::fs::read_to_string(&site_toml).expect("read site.toml");
        let without = format!("{with_typography}\n[typography]\nenabled = false\n");
        let mut runs = Vec::new();
        let mut plain = Vec::new();
        for _ in 0..3 {
            runs.push(run(&dir));
            std::fs::write(&site_toml, &without).expect("write site.toml");
            plain.push(run(&dir));
            std::fs::write(&site_toml, &with_typography).expect("write site.toml");
        }
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
        let plain_cpu = plain.iter().map(|r| r.1).min().unwrap();
        let plain_wall = plain.iter().map(|r| r.0).min().unwrap();
        println!(
            "{:>8} typography off: wall {:.3} s, cpu {:.3} s; typography costs {:+.1} % cpu, {:+.1} % wall",
            "",
            plain_wall.as_secs_f64(),
            plain_cpu.as_secs_f64(),
            (cpu.as_secs_f64() / plain_cpu.as_secs_f64() - 1.0) * 100.0,
            (wall.as_secs_f64() / plain_wall.as_secs_f64() - 1.0) * 100.0,
        );
        if !keep {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
