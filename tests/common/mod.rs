//! Fixture sites for end-to-end tests: a temporary folder with site.toml, the
//! repository's default theme and the given content files.
#![allow(dead_code)] // each test binary uses a different part of this module

pub mod browser;
pub mod photos;
pub mod search_queries;
pub mod serve;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

pub const SITE_TOML: &str = "title = \"Тестовый сайт\"\nbase_url = \"https://example.ru/\"\n";

impl Fixture {
    /// A site with `site.toml`, the default theme and the given files.
    pub fn new(files: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        let f = Fixture { dir };
        if !files.iter().any(|(p, _)| *p == "site.toml") {
            f.write("site.toml", SITE_TOML);
        }
        if !files.iter().any(|(p, _)| *p == "content/_index.md") {
            f.write(
                "content/_index.md",
                "---\ntitle: Главная\n---\nДобро пожаловать.\n",
            );
        }
        for (path, text) in files {
            f.write(path, text);
        }
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, text: &str) {
        self.write_bytes(path, text.as_bytes());
    }

    pub fn write_bytes(&self, path: &str, bytes: &[u8]) {
        let p = self.root().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    /// Runs the `metodist` binary with `args` in the site's folder.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_metodist"))
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run metodist")
    }

    /// `metodist build`, asserting success.
    pub fn build(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// `metodist build`, asserting failure with exit code 1; returns stderr.
    pub fn build_fails(&self, extra: &[&str]) -> String {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    pub fn public(&self, path: &str) -> PathBuf {
        self.root().join("public").join(path)
    }

    /// Every file of the search index (`public/search/`) in one text:
    /// the manifest, the shards and the documents' result data.
    pub fn search_index(&self) -> String {
        let mut files: Vec<_> = walkdir::WalkDir::new(self.public("search"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        assert!(!files.is_empty(), "no search index under public/search");
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    }

    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.public(path)).unwrap_or_else(|e| panic!("public/{path}: {e}"))
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every `href`/`src` value in an HTML text.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for marker in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(marker) {
            rest = &rest[i + marker.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(rest[..end].to_string());
        }
    }
    out
}
