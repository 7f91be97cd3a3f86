//! Photos (issue 18): phone photos beside a page are published as WebP and
//! JPEG copies of a few widths, upright, with no metadata left (no GPS), in
//! a `<picture>` with dimensions and lazy loading; the cache in
//! `.metodist/cache/` means an unchanged rebuild encodes nothing.

mod common;

use common::photos::{has_metadata, phone_jpeg};
use common::Fixture;
use std::path::Path;

const PAGE: &str = "---\ntitle: Семинар по наставничеству\ndate: 2024-03-12\n---\nСеминар прошёл в школе № 2.\n\n![Участники семинара у доски](foto-1.jpg)\n\nПосле перерыва:\n\n![Работа в группах](foto-2.jpg \"Группа\")\n\n[Скачать фото](foto-1.jpg)\n";

fn site() -> Fixture {
    let f = Fixture::new(&[("content/novosti/seminar.md", PAGE)]);
    // As a phone stores them: landscape pixels, "rotate 90° clockwise".
    f.write_bytes("content/novosti/foto-1.jpg", &phone_jpeg(1300, 1000, 6));
    f.write_bytes("content/novosti/foto-2.jpg", &phone_jpeg(1200, 900, 1));
    f
}

fn output_images(f: &Fixture) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(f.root().join("public"))
        .into_iter()
        .flatten()
        .map(|e| e.path().to_path_buf())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| ["jpg", "jpeg", "webp", "png"].contains(&&*e.to_string_lossy()))
        })
        .collect()
}

fn cache_entries(f: &Fixture) -> Vec<std::path::PathBuf> {
    let dir = f.root().join(".metodist/cache/images");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

#[test]
fn phone_photos_are_published_small_upright_and_without_metadata() {
    let f = site();
    let out = f.build(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Фото: 2, обработано заново: 2"), "{stdout}");

    // The originals (with GPS) are not published; the copies are.
    let images = output_images(&f);
    let names: Vec<String> = images
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(!names.contains(&"foto-1.jpg".to_string()), "{names:?}");
    for name in [
        "foto-1-480w.webp",
        "foto-1-960w.webp",
        "foto-1-1000w.webp",
        "foto-1-480w.jpg",
        "foto-1-1000w.jpg",
        "foto-2-1200w.jpg",
    ] {
        assert!(
            names.contains(&name.to_string()),
            "{name} missing: {names:?}"
        );
    }
    // Never upscaled: foto-1 is 1000 px wide once upright, foto-2 is 1200.
    assert!(!names.iter().any(|n| n.contains("1600w")), "{names:?}");
    for p in &images {
        let bytes = std::fs::read(p).unwrap();
        assert!(!has_metadata(&bytes), "metadata left in {}", p.display());
        assert!(
            bytes.len() <= 400 * 1024,
            "{} is {} bytes",
            p.display(),
            bytes.len()
        );
    }

    // Upright: stored 1300×1000 with orientation 6 shows 1000×1300, the
    // stored left half (red) on top.
    let jpeg = image::open(
        images
            .iter()
            .find(|p| p.ends_with("foto-1-1000w.jpg"))
            .unwrap(),
    )
    .unwrap()
    .to_rgb8();
    assert_eq!(jpeg.dimensions(), (1000, 1300));
    let top = jpeg.get_pixel(500, 150).0;
    let bottom = jpeg.get_pixel(500, 1150).0;
    assert!(top[0] > 150 && top[2] < 100, "top is not red: {top:?}");
    assert!(
        bottom[2] > 150 && bottom[0] < 100,
        "bottom is not blue: {bottom:?}"
    );
    let webp = image::open(
        images
            .iter()
            .find(|p| p.ends_with("foto-1-960w.webp"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!((webp.width(), webp.height()), (960, 1248));

    let html = f.read("novosti/seminar/index.html");
    let pictures: Vec<&str> = html
        .split("<picture>")
        .skip(1)
        .map(|p| p.split("</picture>").next().unwrap())
        .collect();
    assert_eq!(pictures.len(), 2, "{html}");
    let first = pictures[0];
    assert!(first.contains("<source type=\"image/webp\" srcset=\"/novosti/foto-1-480w.webp 480w, /novosti/foto-1-960w.webp 960w, /novosti/foto-1-1000w.webp 1000w\""), "{first}");
    assert!(first.contains("srcset=\"/novosti/foto-1-480w.jpg 480w, /novosti/foto-1-960w.jpg 960w, /novosti/foto-1-1000w.jpg 1000w\""), "{first}");
    assert!(first.contains("sizes=\""), "{first}");
    assert!(first.contains("width=\"1000\" height=\"1300\""), "{first}");
    assert!(
        first.contains("alt=\"Участники семинара у доски\""),
        "{first}"
    );
    assert!(first.contains("decoding=\"async\""), "{first}");
    // The first image of a page is seen at once; the others load lazily.
    assert!(!first.contains("loading="), "{first}");
    let second = pictures[1];
    assert!(second.contains("loading=\"lazy\""), "{second}");
    assert!(second.contains("width=\"1200\" height=\"900\""), "{second}");
    assert!(second.contains("title=\"Группа\""), "{second}");
    // A plain link to the photo opens its largest copy.
    assert!(
        html.contains("<a href=\"/novosti/foto-1-1000w.jpg\">Скачать фото</a>"),
        "{html}"
    );
    for link in common::links(&html) {
        if let Some(p) = link.strip_prefix('/') {
            if p.contains("foto-") {
                assert!(f.public(p).is_file(), "{link} not published");
            }
        }
    }
}

#[test]
fn an_unchanged_rebuild_encodes_nothing_and_stale_entries_go() {
    let f = site();
    f.build(&[]);
    let entries = cache_entries(&f);
    assert_eq!(entries.len(), 2, "{entries:?}");
    let times = |dirs: &[std::path::PathBuf]| -> Vec<std::time::SystemTime> {
        dirs.iter()
            .flat_map(|d| std::fs::read_dir(d).unwrap().flatten())
            .map(|e| e.metadata().unwrap().modified().unwrap())
            .collect()
    };
    let before = times(&entries);
    let out = f.build(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Фото: 2, обработано заново: 0"), "{stdout}");
    assert_eq!(cache_entries(&f), entries);
    assert_eq!(times(&entries), before, "cached files were rewritten");
    // The same bytes under a fresh time (a copy from the phone again) are
    // still not encoded: the cache is keyed by content.
    let bytes = std::fs::read(f.root().join("content/novosti/foto-2.jpg")).unwrap();
    std::fs::remove_file(f.root().join("content/novosti/foto-2.jpg")).unwrap();
    f.write_bytes("content/novosti/foto-2.jpg", &bytes);
    let stdout = String::from_utf8_lossy(&f.build(&[]).stdout).into_owned();
    assert!(stdout.contains("обработано заново: 0"), "{stdout}");

    // A changed photo is encoded again, and its old entry is pruned.
    f.write_bytes("content/novosti/foto-2.jpg", &phone_jpeg(1000, 800, 1));
    let stdout = String::from_utf8_lossy(&f.build(&[]).stdout).into_owned();
    assert!(stdout.contains("Фото: 2, обработано заново: 1"), "{stdout}");
    let now = cache_entries(&f);
    assert_eq!(now.len(), 2, "{now:?}");
    assert!(now.contains(&entries[0]) || now.contains(&entries[1]));
    assert!(f
        .read("novosti/seminar/index.html")
        .contains("width=\"1000\" height=\"800\""));

    // Other settings are other entries; the old ones are pruned.
    f.write(
        "site.toml",
        &format!(
            "{}[images]\nwidths = [320, 640]\nquality = 60\n",
            common::SITE_TOML
        ),
    );
    let stdout = String::from_utf8_lossy(&f.build(&[]).stdout).into_owned();
    assert!(stdout.contains("обработано заново: 2"), "{stdout}");
    assert_eq!(cache_entries(&f).len(), 2);
    assert!(!now.iter().any(|e| e.exists()));
    assert!(f
        .read("novosti/seminar/index.html")
        .contains("foto-1-640w.webp 640w"));
}

#[test]
fn offline_pictures_use_relative_addresses() {
    let f = site();
    f.build(&["--offline"]);
    let html = f.read("novosti/seminar/index.html");
    assert!(
        html.contains("srcset=\"../foto-1-480w.webp 480w, ../foto-1-960w.webp 960w, ../foto-1-1000w.webp 1000w\""),
        "{html}"
    );
    assert!(html.contains("src=\"../foto-1-960w.jpg\""), "{html}");
}

#[test]
fn the_cache_is_hidden_from_content_and_the_watcher() {
    // `.metodist` starts with a dot: discovery and the watcher skip it.
    assert!(metodist::load::discover::is_ignored(".metodist"));
    let f = site();
    f.build(&[]);
    assert!(Path::new(&f.root().join(".metodist/cache/images/sources.json")).is_file());
}

#[test]
fn an_image_without_a_description_is_warned_at_its_line() {
    let page = "---\ntitle: Фотоотчёт\n---\nТекст.\n\n![](foto-1.jpg)\n\nУзор: ![декоративное](foto-2.jpg)\n\n![  ](https://example.ru/chuzhoe.png)\n";
    let f = Fixture::new(&[("content/novosti/otchet.md", page)]);
    f.write_bytes("content/novosti/foto-1.jpg", &phone_jpeg(600, 400, 1));
    f.write_bytes("content/novosti/foto-2.jpg", &phone_jpeg(600, 400, 1));
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("предупреждение: у картинки «foto-1.jpg» нет описания"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> content/novosti/otchet.md:6:1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("![декоративное](foto-1.jpg)"),
        "the hint names the marker: {stderr}"
    );
    // An outside image without a description is warned too.
    assert!(
        stderr.contains("--> content/novosti/otchet.md:10:1"),
        "{stderr}"
    );
    // The decorative marker is no warning, and gives alt="".
    assert!(!stderr.contains("«foto-2.jpg»"), "{stderr}");
    assert_eq!(stderr.matches("нет описания").count(), 2, "{stderr}");
    let html = f.read("novosti/otchet/index.html");
    let decorative = html.split("<picture>").nth(2).expect("two pictures");
    assert!(decorative.contains("alt=\"\""), "{decorative}");
    assert!(!html.contains("декоративное"), "{html}");
}
