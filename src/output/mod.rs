//! The built site: output path → contents. `serve` keeps it in memory; `build`
//! gives it a write-through folder (the staging folder of an atomic write) so
//! that a 10,000-page site never holds all its HTML in memory at once.

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

pub mod archive;
pub mod offline;

#[derive(Debug, Clone)]
pub enum OutFile {
    /// Shared: `serve` keeps a page's file from one build to the next
    /// without copying it.
    Bytes(Arc<[u8]>),
    /// A file copied unchanged (images, PDF, DOCX): read only when served.
    Copy(PathBuf),
    /// Already written to the write-through folder.
    Written,
}

#[derive(Debug, Default)]
pub struct Output {
    /// Path relative to the output root, with `/`: `praktiki/index.html`.
    pub files: BTreeMap<String, OutFile>,
    sink: Option<PathBuf>,
    /// In offline mode, the base path whose links become relative.
    offline_base: Option<String>,
    /// The first write error, reported once the build is done.
    io_error: Option<(String, io::Error)>,
}

impl Output {
    /// An output kept in memory, or written through to `sink` as it is produced.
    pub fn new(sink: Option<PathBuf>, offline_base: Option<String>) -> Output {
        Output {
            sink,
            offline_base,
            ..Output::default()
        }
    }

    /// An empty output with the same destination and link mode, for a part
    /// of the site kept apart (`serve` keeps the listings of a build).
    pub fn part(&self) -> Output {
        Output::new(self.sink.clone(), self.offline_base.clone())
    }

    /// Takes in the files of a [`Output::part`].
    pub fn append(&mut self, part: Output) {
        self.files.extend(part.files);
        if let Some(e) = part.io_error {
            self.io_error.get_or_insert(e);
        }
    }

    /// Finishes a file (offline links, write-through); safe to call from
    /// parallel rendering, the result is then `insert`ed.
    pub fn prepare(&self, path: &str, bytes: Vec<u8>) -> io::Result<OutFile> {
        let bytes = match &self.offline_base {
            Some(base) if is_text_with_links(path) => match String::from_utf8(bytes) {
                Ok(text) => offline::rewrite(&text, path, base).into_bytes(),
                Err(e) => e.into_bytes(),
            },
            _ => bytes,
        };
        match &self.sink {
            Some(dir) => {
                let dest = dir.join(path);
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(dest, bytes)?;
                Ok(OutFile::Written)
            }
            None => Ok(OutFile::Bytes(bytes.into())),
        }
    }

    pub fn insert(&mut self, path: String, file: io::Result<OutFile>) {
        match file {
            Ok(f) => {
                self.files.insert(path, f);
            }
            Err(e) => {
                self.io_error.get_or_insert((path, e));
            }
        }
    }

    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let path = path.into();
        let file = self.prepare(&path, bytes.into());
        self.insert(path, file);
    }

    pub fn copy(&mut self, path: impl Into<String>, source: PathBuf) {
        let path = path.into();
        let file = match &self.sink {
            Some(dir) => {
                let dest = dir.join(&path);
                dest.parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|_| std::fs::copy(&source, dest))
                    .map(|_| OutFile::Written)
            }
            None => Ok(OutFile::Copy(source)),
        };
        self.insert(path, file);
    }

    /// The first file that could not be written, if any.
    pub fn take_io_error(&mut self) -> Option<(String, io::Error)> {
        self.io_error.take()
    }

    /// The bytes of an in-memory file, reading copied files from disk.
    pub fn read(&self, path: &str) -> Option<io::Result<Arc<[u8]>>> {
        self.files.get(path).and_then(|f| match f {
            OutFile::Bytes(b) => Some(Ok(b.clone())),
            OutFile::Copy(p) => Some(std::fs::read(p).map(Arc::from)),
            OutFile::Written => None,
        })
    }
}

fn is_text_with_links(path: &str) -> bool {
    path.ends_with(".html") || path.ends_with(".css") || path.ends_with(".js")
}
