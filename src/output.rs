//! The built site in memory: output path → contents. `build` writes it to
//! disk atomically; `serve` serves it straight from memory.

use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub enum OutFile {
    Bytes(Vec<u8>),
    /// A file copied unchanged (images, PDF, DOCX): read only when written or served.
    Copy(PathBuf),
}

#[derive(Debug, Default)]
pub struct Output {
    /// Path relative to the output root, with `/`: `praktiki/index.html`.
    pub files: BTreeMap<String, OutFile>,
}

impl Output {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), OutFile::Bytes(bytes.into()));
    }

    pub fn copy(&mut self, path: impl Into<String>, source: PathBuf) {
        self.files.insert(path.into(), OutFile::Copy(source));
    }

    /// The bytes of a file, reading copied files from disk.
    pub fn read(&self, path: &str) -> Option<std::io::Result<Vec<u8>>> {
        self.files.get(path).map(|f| match f {
            OutFile::Bytes(b) => Ok(b.clone()),
            OutFile::Copy(p) => std::fs::read(p),
        })
    }

    pub fn html_pages(&self) -> usize {
        self.files.keys().filter(|k| k.ends_with(".html")).count()
    }
}
