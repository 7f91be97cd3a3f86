//! The reference portal at the repository root (content/, site.toml, the
//! default theme) builds without errors, online and offline.

mod common;

#[test]
fn reference_portal_builds() {
    let out = tempfile::tempdir().unwrap();
    for extra in [&[][..], &["--offline"][..]] {
        let target = out.path().join(if extra.is_empty() {
            "online"
        } else {
            "offline"
        });
        let result = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
            .args(["build", "--root"])
            .arg(common::repo())
            .arg("--output")
            .arg(&target)
            .args(extra)
            .output()
            .unwrap();
        assert!(
            result.status.success(),
            "the reference portal does not build:\n{}",
            String::from_utf8_lossy(&result.stderr)
        );
        assert!(target.join("index.html").is_file());
        assert!(target.join("404.html").is_file());
    }
}
