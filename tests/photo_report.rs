//! The photo report (issue 18): a seminar's `foto/` folder or its `photos:`
//! list becomes a gallery of captioned thumbnails whose links open the
//! large photo; js/gallery.js makes it a keyboard lightbox that works from
//! `file://`. Photos without captions get one summary warning.

mod common;

use common::browser::Browser;
use common::photos::phone_jpeg;
use common::Fixture;

const SEMINAR: &str =
    "---\ntitle: Семинар наставников\ndate: 2024-03-12\n---\nСеминар прошёл в школе № 2.\n";

fn folder_site() -> Fixture {
    let f = Fixture::new(&[("content/meropriiatiia/seminar/index.md", SEMINAR)]);
    for name in [
        "01 Открытие семинара.jpg",
        "02 Работа в группах.jpg",
        "IMG_2041.jpg",
    ] {
        f.write_bytes(
            &format!("content/meropriiatiia/seminar/foto/{name}"),
            &phone_jpeg(640, 480, 1),
        );
    }
    f
}

#[test]
fn a_folder_of_photos_becomes_a_captioned_gallery() {
    let f = folder_site();
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // One summary warning for the photo the camera named.
    assert_eq!(stderr.matches("без подписей").count(), 1, "{stderr}");
    assert!(
        stderr.contains("в фотоотчёте «Семинар наставников» без подписей: 1"),
        "{stderr}"
    );
    assert!(stderr.contains("фото из 3"), "{stderr}");
    let html = f.read("meropriiatiia/seminar/index.html");
    let gallery = html
        .split("<section class=\"gallery\"")
        .nth(1)
        .expect("a gallery")
        .split("</section>")
        .next()
        .unwrap();
    assert!(
        gallery.contains("<h2 id=\"fotootchet\">Фотоотчёт</h2>"),
        "{gallery}"
    );
    assert_eq!(gallery.matches("<li>").count(), 3, "{gallery}");
    assert!(
        gallery.contains("<figcaption>Открытие семинара</figcaption>"),
        "{gallery}"
    );
    assert!(gallery.contains("alt=\"Работа в группах\""), "{gallery}");
    assert!(gallery.contains("alt=\"Фото 3 из 3\""), "{gallery}");
    // Without JavaScript a thumbnail opens its large copy.
    assert!(
        gallery.contains("href=\"/meropriiatiia/seminar/foto/01%20%D0%9E"),
        "{gallery}"
    );
    // The page has no image before the gallery: the first thumbnail loads at once.
    let thumbs: Vec<&str> = gallery.split("<img ").skip(1).collect();
    assert!(!thumbs[0].contains("loading="), "{}", thumbs[0]);
    assert!(thumbs[1].contains("loading=\"lazy\""), "{}", thumbs[1]);
    assert!(html.contains("js/gallery.js"));
    for link in common::links(gallery) {
        let path = percent_encoding::percent_decode_str(link.trim_start_matches('/'))
            .decode_utf8()
            .unwrap()
            .into_owned();
        assert!(f.public(&path).is_file(), "{link} is not published");
    }
}

#[test]
fn a_photos_list_gives_captions_and_order_and_names_missing_files() {
    let page = "---\ntitle: Педсовет\ndate: 2024-03-12\nphotos:\n  - file: b.jpg\n    caption: Выступление директора\n  - a.jpg\n---\nТекст.\n";
    let f = Fixture::new(&[("content/meropriiatiia/pedsovet.md", page)]);
    f.write_bytes("content/meropriiatiia/a.jpg", &phone_jpeg(640, 480, 1));
    f.write_bytes("content/meropriiatiia/b.jpg", &phone_jpeg(640, 480, 1));
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("без подписей: 1"), "{stderr}");
    assert!(stderr.contains("фото из 2"), "{stderr}");
    assert!(
        stderr.contains("--> content/meropriiatiia/pedsovet.md:5"),
        "{stderr}"
    );
    let html = f.read("meropriiatiia/pedsovet/index.html");
    let b = html.find("Выступление директора").expect("caption");
    let a = html.find("alt=\"Фото 2 из 2\"").expect("second photo");
    assert!(b < a, "the list's order");

    f.write(
        "content/meropriiatiia/pedsovet.md",
        &page.replace("  - a.jpg", "  - net.jpg"),
    );
    let stderr = f.build_fails(&[]);
    assert!(
        stderr.contains("ошибка: фото «net.jpg» не найдено"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> content/meropriiatiia/pedsovet.md:7:5"),
        "{stderr}"
    );
}

const LIGHTBOX: &str = r#"
    const d = document.querySelector('dialog.lightbox');
    if (!d) return null;
    return {
        open: d.open,
        caption: d.querySelector('figcaption').textContent,
        label: d.getAttribute('aria-label'),
        src: d.querySelector('img').getAttribute('src'),
        srcset: d.querySelector('img').getAttribute('srcset'),
        focused: document.activeElement.className || document.activeElement.tagName,
    };
"#;

#[test]
fn the_lightbox_works_with_the_keyboard_from_disk() {
    let Some((chromium, chromedriver)) = Browser::installed_or_skip() else {
        return;
    };
    let f = folder_site();
    f.build(&["--offline"]);
    let browser = Browser::start(&chromium, &chromedriver);
    browser.open(&format!(
        "file://{}",
        f.public("meropriiatiia/seminar/index.html").display()
    ));
    let closed = browser.wait_for(LIGHTBOX);
    assert_eq!(closed["open"], false);
    browser.eval("document.querySelectorAll('.gallery-link')[1].click()");
    let s = browser.eval(LIGHTBOX);
    assert_eq!(s["open"], true);
    assert_eq!(s["caption"], "Работа в группах");
    assert_eq!(s["label"], "Фото 2 из 3");
    assert_eq!(s["focused"], "lightbox-close");
    assert!(s["src"].as_str().unwrap().starts_with("foto/02"), "{s}");
    assert!(s["srcset"].as_str().unwrap().contains("640w"), "{s}");
    // Real key presses, sent to the focused button.
    browser.type_into(".lightbox-close", "\u{E014}");
    assert_eq!(browser.eval(LIGHTBOX)["label"], "Фото 3 из 3");
    browser.type_into(".lightbox-close", "\u{E014}");
    assert_eq!(browser.eval(LIGHTBOX)["caption"], "Открытие семинара");
    browser.type_into(".lightbox-close", "\u{E012}");
    assert_eq!(browser.eval(LIGHTBOX)["label"], "Фото 3 из 3");
    browser.type_into(".lightbox-close", "\u{E00C}");
    assert_eq!(browser.eval(LIGHTBOX)["open"], false);
    // Focus is back on the thumbnail of the photo last shown (the dialog's
    // close event comes as a task of its own).
    let back = browser.wait_for(
        "const a = document.activeElement; return a.classList.contains('gallery-link') ? a.getAttribute('data-alt') : null",
    );
    assert_eq!(back, "Фото 3 из 3");
}

#[test]
fn the_init_example_shows_a_photo_report_without_metadata() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sait");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
            .args(args)
            .arg(&dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    run(&["init"]);
    let out = run(&["build", "--root"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("подпис") && !stderr.contains("описания"),
        "{stderr}"
    );
    let html = std::fs::read_to_string(
        dir.join("public/meropriiatiia/2022-11-17-mezhshkolnyi-seminar/index.html"),
    )
    .unwrap();
    let gallery = html
        .split("<section class=\"gallery\"")
        .nth(1)
        .expect("a photo report");
    assert_eq!(
        gallery
            .split("</section>")
            .next()
            .unwrap()
            .matches("<figure>")
            .count(),
        3
    );
    assert!(gallery.contains("<figcaption>Работа в группах (образец)</figcaption>"));
    for e in walkdir::WalkDir::new(dir.join("public/meropriiatiia/foto"))
        .into_iter()
        .flatten()
    {
        if e.file_type().is_file() {
            let bytes = std::fs::read(e.path()).unwrap();
            assert!(
                !common::photos::has_metadata(&bytes),
                "{}",
                e.path().display()
            );
        }
    }
    // The originals stay in content/ only.
    assert!(!dir
        .join("public/meropriiatiia/foto/otkrytie-seminara.jpg")
        .exists());
    assert!(dir
        .join("public/meropriiatiia/foto/otkrytie-seminara-960w.webp")
        .is_file());
}
