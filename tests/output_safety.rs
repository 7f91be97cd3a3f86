//! The output folder is the site's and only the site's (issue 13): `build`
//! never deletes files it did not write, two builds into one output cannot
//! interleave, leftovers of killed builds are cleaned, and a mount point is
//! refilled in place. Each case ends with either the complete new site or
//! the untouched previous content, and a message that says which.

mod common;
use common::Fixture;
use std::path::Path;
use std::process::Command;

fn site() -> Fixture {
    let f = Fixture::new(&[("content/a.md", "---\ntitle: Страница А\n---\nТекст.\n")]);
    for i in 0..40 {
        f.write(
            &format!("content/p{i}.md"),
            &format!("---\ntitle: Страница {i}\n---\nТекст {i}.\n"),
        );
    }
    f
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file the marker lists exists: the published site is complete.
fn assert_complete(dir: &Path) {
    let marker = std::fs::read_to_string(dir.join(".metodist-output")).expect("marker");
    let listed: Vec<&str> = marker.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(listed.len() > 40, "{}", listed.len());
    for p in listed {
        assert!(dir.join(p).is_file(), "missing {p} in {}", dir.display());
    }
}

#[test]
fn a_foreign_folder_is_refused_and_kept() {
    let f = site();
    let docs = f.root().join("Документы");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("отчёт.docx"), b"report").unwrap();
    std::fs::write(docs.join("план.xlsx"), b"plan").unwrap();
    let out = f.run(&["build", "-o", "Документы"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("записал не metodist"), "{err}");
    assert!(err.contains("ничего не удалено"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(docs.join("отчёт.docx")).unwrap(), b"report");
    assert!(!docs.join("index.html").exists());
    // With --force the author says the contents may go.
    f.build(&["-o", "Документы", "--force"]);
    assert!(!docs.join("отчёт.docx").exists());
    assert_complete(&docs);
    // From then on it is metodist's output: no --force needed.
    f.build(&["-o", "Документы"]);
    assert_complete(&docs);
}

#[test]
fn a_regular_file_is_refused_and_kept() {
    let f = site();
    f.write("public", "не папка");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("это файл, а не папка"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("Ничего не изменено"));
    assert_eq!(
        std::fs::read_to_string(f.root().join("public")).unwrap(),
        "не папка"
    );
}

#[test]
fn an_output_of_an_earlier_version_without_marker_is_replaced() {
    let f = site();
    f.build(&[]);
    std::fs::remove_file(f.public(".metodist-output")).unwrap();
    f.build(&[]);
    assert_complete(&f.public(""));
}

#[test]
fn leftovers_of_killed_builds_are_removed() {
    let f = site();
    f.build(&[]);
    let stale = f.root().join(".public.metodist-staging-99999-1");
    std::fs::create_dir_all(stale.join("praktiki")).unwrap();
    std::fs::write(stale.join("praktiki/index.html"), vec![b'x'; 1000]).unwrap();
    let old = f.root().join(".public.metodist-old-99999-2");
    std::fs::create_dir_all(&old).unwrap();
    f.build(&[]);
    assert!(!stale.exists() && !old.exists());
    assert_complete(&f.public(""));
}

#[test]
fn a_site_moved_aside_by_a_killed_build_is_put_back() {
    let f = site();
    f.build(&[]);
    // A build killed between moving the old site aside and moving the new
    // one in: the target is missing, the old site is hidden beside it.
    let aside = f.root().join(".public.metodist-old-99999-3");
    std::fs::rename(f.public(""), &aside).unwrap();
    f.write("content/a.md", "---\ntitle: Сломано\nbroken: [\n---\n");
    let err = f.build_fails(&[]);
    assert!(err.contains("Прежняя версия сайта"), "{err}");
    assert!(!aside.exists());
    assert_complete(&f.public(""));
    assert!(f.read("a/index.html").contains("Страница А"));
}

#[test]
fn concurrent_builds_never_publish_a_broken_site() {
    let f = site();
    for round in 0..6 {
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_metodist"))
                .args(["build", "--quiet"])
                .current_dir(f.root())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            if !out.status.success() {
                assert_eq!(
                    out.status.code(),
                    Some(2),
                    "round {round}: {}",
                    stderr(&out)
                );
                assert!(
                    stderr(&out).contains("другая сборка metodist"),
                    "round {round}: {}",
                    stderr(&out)
                );
            }
        }
        assert_complete(&f.public(""));
    }
    let leftovers: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("metodist-") && !n.ends_with("-lock"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_mount_point_is_refilled_in_place() {
    let f = site();
    let usb = f.root().join("usb");
    std::fs::create_dir_all(&usb).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64m", "metodist-test"])
        .arg(&usb)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        assert!(
            std::env::var("CI").is_err(),
            "mounting a tmpfs needs root, which CI has"
        );
        eprintln!("skipped: cannot mount a tmpfs here (not root)");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(&usb);
    f.build(&["-o", "usb", "--offline"]);
    assert_complete(&usb);
    f.write("content/a.md", "---\ntitle: Новая А\n---\nТекст.\n");
    f.build(&["-o", "usb", "--offline"]);
    assert_complete(&usb);
    let a = std::fs::read_to_string(usb.join("a/index.html")).unwrap();
    assert!(a.contains("Новая А"));
    let hidden: Vec<_> = std::fs::read_dir(&usb)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains(".metodist-") && n != ".metodist-output" && !n.ends_with("-lock"))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_site() {
    let f = site();
    for i in 0..300 {
        f.write(
            &format!("content/k/p{i}.md"),
            &format!(
                "---\ntitle: Запись {i}\n---\n{}\n",
                "Абзац текста. ".repeat(200)
            ),
        );
    }
    f.build(&["--quiet"]);
    let started = std::time::Instant::now();
    f.build(&["--quiet"]);
    let full = started.elapsed().as_micros() as u64;
    // Kill points spread over the whole build, the swap included.
    let mut seed = 0x2545f491u64;
    for round in 0..24 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = seed % (full + full / 4 + 1);
        let mut child = Command::new(env!("CARGO_BIN_EXE_metodist"))
            .args(["build", "--quiet"])
            .current_dir(f.root())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(delay));
        let _ = child.kill();
        let _ = child.wait();
        if !f.public("").exists() {
            // Killed between the two renames: the next build puts it back.
            f.build(&["--quiet"]);
        }
        assert_complete(&f.public(""));
        assert!(
            f.read("k/p299/index.html").contains("Запись\u{a0}299"),
            "round {round}"
        );
    }
}

/// A symbolic link in content/ or static/ that leads out of the site folder
/// publishes nothing of what it names and is named in a warning; a link
/// inside the site works like the folder it names.
#[cfg(unix)]
#[test]
fn links_out_of_the_site_publish_nothing() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("zarplaty.xlsx"), b"SECRET").unwrap();
    std::fs::write(
        outside.path().join("chuzhaia.md"),
        "---\ntitle: Чужая страница\n---\nSECRET\n",
    )
    .unwrap();
    let f = site();
    f.write(
        "content/obshchee/plan.md",
        "---\ntitle: План\n---\nОбщий план.\n",
    );
    std::fs::create_dir_all(f.root().join("static")).unwrap();
    symlink(outside.path(), f.root().join("content/arkhiv")).unwrap();
    symlink(
        outside.path().join("zarplaty.xlsx"),
        f.root().join("static/zarplaty.xlsx"),
    )
    .unwrap();
    symlink(
        f.root().join("content/obshchee"),
        f.root().join("content/kopiia"),
    )
    .unwrap();
    let out = f.build(&[]);
    let err = stderr(&out);
    assert_eq!(
        err.matches("символическая ссылка ведёт за пределы папки сайта")
            .count(),
        2,
        "{err}"
    );
    for link in ["content/arkhiv", "static/zarplaty.xlsx"] {
        assert!(err.contains(&format!("--> {link}\n")), "{link}: {err}");
    }
    let public = f.public("");
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !bytes.windows(6).any(|w| w == b"SECRET"),
                "{} carries the outside file",
                entry.path().display()
            );
        }
    }
    assert!(f.read("kopiia/plan/index.html").contains("Общий план."));
}
