//! `metodist publish` (issue 12): the built site as one .zip, for the
//! hosting (files at the archive's root) or a USB stick (`--offline`: one
//! folder, relative links); a build with errors leaves the previous archive.

mod common;
use common::Fixture;
use std::io::Read;

fn site() -> Fixture {
    Fixture::new(&[
        ("content/praktiki/_index.md", "---\ntitle: Практики\n---\n"),
        (
            "content/praktiki/nastavnichestvo.md",
            "---\ntitle: Наставничество\n---\nТекст практики.\n",
        ),
    ])
}

fn entries(path: &std::path::Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut text = String::new();
            let _ = f.read_to_string(&mut text);
            (f.name().unwrap().to_string(), text)
        })
        .collect()
}

#[test]
fn the_archive_holds_the_site_for_the_hosting() {
    let f = site();
    let out = f.run(&["publish", "-o", "sait.zip"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Готово: архив «sait.zip»"), "{stdout}");
    assert!(stdout.contains("https://example.ru/"), "{stdout}");
    let files = entries(&f.root().join("sait.zip"));
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for want in [
        "index.html",
        "praktiki/nastavnichestvo/index.html",
        "sitemap.xml",
    ] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    let page = &files
        .iter()
        .find(|(n, _)| n == "praktiki/nastavnichestvo/index.html")
        .unwrap()
        .1;
    assert!(page.contains("Текст практики."), "{page}");
    // publish does not touch public/.
    assert!(!f.root().join("public").exists());
}

#[test]
fn the_offline_archive_is_one_folder_with_relative_links() {
    let f = site();
    let out = f.run(&["publish", "--offline", "-o", "fleshka.zip"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let folder = f.root().file_name().unwrap().to_string_lossy().into_owned();
    let files = entries(&f.root().join("fleshka.zip"));
    assert!(files
        .iter()
        .all(|(n, _)| n.starts_with(&format!("{folder}/"))));
    let index = &files
        .iter()
        .find(|(n, _)| *n == format!("{folder}/index.html"))
        .unwrap()
        .1;
    assert!(index.contains("href=\"praktiki/index.html\""), "{index}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("откройте index.html"));
}

#[test]
fn a_failed_build_keeps_the_previous_archive() {
    let f = site();
    assert!(f.run(&["publish", "-o", "sait.zip"]).status.success());
    let before = std::fs::read(f.root().join("sait.zip")).unwrap();
    f.write(
        "content/praktiki/slomano.md",
        "---\ntitle: [незакрыто\n---\n",
    );
    let out = f.run(&["publish", "-o", "sait.zip"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Архив не создан"), "{stderr}");
    assert_eq!(std::fs::read(f.root().join("sait.zip")).unwrap(), before);
    assert!(!f.root().join("sait.zip.part").exists());
}
