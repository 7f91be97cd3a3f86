//! Load: discover the files of a site and parse them, in parallel. Nothing
//! here knows about sections, URLs or content types; that is `site`'s job.

pub mod discover;
pub mod frontmatter;
pub mod walk;

use crate::diagnostics::{rel_path, Diagnostic, Diagnostics};
use crate::yaml::{self, Node};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A text file of the site, kept for messages that quote its lines.
#[derive(Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub path: PathBuf,
    /// Site-relative path with `/`: `content/praktiki/a.md`.
    pub rel: String,
    /// The text with the BOM removed and line endings normalised to `\n`.
    pub text: String,
    /// The encoding the file was read from, when not UTF-8 (for a warning).
    pub encoding: Option<&'static str>,
}

impl SourceFile {
    pub fn diag(&self, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.rel.clone(), message).at(&self.text, line, column)
    }

    pub fn warn(&self, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.rel.clone(), message).at(&self.text, line, column)
    }

    /// Turns deserialization problems of a node of this file into diagnostics.
    pub fn field_errors(&self, errors: Vec<yaml::FieldError>) -> Vec<Diagnostic> {
        errors
            .into_iter()
            .map(|e| {
                let pos = e.pos.unwrap_or_default();
                self.diag(pos.line, pos.column, e.message)
                    .with_hint_opt(e.hint)
            })
            .collect()
    }
}

/// A Markdown file: a page, or a section's `_index.md`.
#[derive(Debug, Clone)]
pub struct MarkdownFile {
    pub file: Arc<SourceFile>,
    /// The folder inside `content/`, with `/`; empty for the root.
    pub dir: String,
    /// The file name without `.md`; for `index.md` bundles, the folder name.
    pub stem: String,
    /// True for `folder/index.md`: the page owns its folder and the files in it.
    pub bundle: bool,
    /// Front matter, positioned in the file's own lines.
    pub front: Node,
    pub body: Body,
    /// The file line on which the body starts.
    pub body_line: usize,
}

/// The Markdown text of a page.
#[derive(Debug, Clone)]
pub enum Body {
    /// From this byte offset of the file's text to its end (an offset, so that
    /// a 10,000-page site holds its text once).
    InFile(usize),
    /// Made by the pipeline for pages without a Markdown file of their own
    /// (an indicator table, a row of a YAML registry).
    Own(String),
}

impl Body {
    pub fn text<'a>(&'a self, file: &'a SourceFile) -> &'a str {
        match self {
            Body::InFile(start) => &file.text[*start..],
            Body::Own(text) => text,
        }
    }
}

/// A YAML data file inside `content/` (a directory, a registry of entries).
#[derive(Debug, Clone)]
pub struct DataFile {
    pub file: Arc<SourceFile>,
    pub dir: String,
    pub stem: String,
    pub node: Node,
}

/// A file copied to the output as it is.
#[derive(Debug, Clone)]
pub struct Asset {
    pub path: PathBuf,
    /// The folder inside `content/`, with `/`; empty for the root.
    pub dir: String,
    pub name: String,
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub pages: Vec<MarkdownFile>,
    pub sections: Vec<MarkdownFile>,
    pub data: Vec<DataFile>,
    pub assets: Vec<Asset>,
}

/// Text from a file's bytes: UTF-8 (a BOM is dropped), UTF-16 with its BOM,
/// or else Windows-1251 — what Notepad and Russian Excel save by default.
/// Returns the encoding's name when it is not UTF-8.
pub fn decode(bytes: Vec<u8>) -> (String, Option<&'static str>) {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            let text = match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            };
            return (text, None);
        }
        Err(e) => e.into_bytes(),
    };
    let (encoding, name) = match bytes.get(..2) {
        Some([0xff, 0xfe]) => (encoding_rs::UTF_16LE, "UTF-16"),
        Some([0xfe, 0xff]) => (encoding_rs::UTF_16BE, "UTF-16"),
        _ => (encoding_rs::WINDOWS_1251, "Windows-1251"),
    };
    let (text, _, _) = encoding.decode(&bytes);
    (text.trim_start_matches('\u{feff}').to_string(), Some(name))
}

/// Reads a text file (see [`decode`]) and normalises CRLF.
pub fn read_source(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let rel = rel_path(root, path);
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            rel.clone(),
            format!("не удалось прочитать файл: {}", crate::write::io_ru(&e)),
        )
    })?;
    let (text, encoding) = decode(bytes);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    };
    Ok(SourceFile {
        path: path.to_path_buf(),
        rel,
        text,
        encoding,
    })
}

/// Parsed files kept between builds (`serve`): a file whose size and
/// modification time are unchanged, and that nobody [`Cache::forget`]s, is
/// not read or parsed again. Files with errors are never kept.
#[derive(Default)]
pub struct Cache {
    files: Mutex<HashMap<PathBuf, (Stamp, Parsed)>>,
}

type Stamp = (u64, Option<std::time::SystemTime>);

impl Cache {
    /// Drops these files (the watcher saw them change: a coarse clock may
    /// not show it in the modification time).
    pub fn forget(&self, paths: &[PathBuf]) {
        let mut files = self.files.lock().expect("load cache lock");
        for p in paths {
            files.remove(p);
        }
    }
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// Discovers and parses everything under `root/content`.
pub fn load(root: &Path, diags: &Diagnostics) -> Loaded {
    load_cached(root, diags, None, None)
}

/// [`load`], taking unchanged files from `cache` and keeping new ones there;
/// `candidate` is a text read instead of its file (the pipeline's
/// `BuildOptions::candidate`: the editor's check of a form before saving).
pub fn load_cached(
    root: &Path,
    diags: &Diagnostics,
    cache: Option<&Cache>,
    candidate: Option<&(PathBuf, Option<String>)>,
) -> Loaded {
    let mut found = discover::discover(&root.join("content"), diags, root);
    if let Some((path, text)) = candidate {
        if text.is_none() {
            found.texts.retain(|f| &f.path != path);
        } else if !found.texts.iter().any(|f| &f.path == path) {
            found
                .texts
                .extend(discover::new_page(&root.join("content"), path));
        }
    }
    let parse = |f: &discover::Found| -> Result<Parsed, Vec<Diagnostic>> {
        if let Some((path, Some(text))) = candidate.filter(|(p, _)| *p == f.path) {
            let file = SourceFile {
                path: path.clone(),
                rel: rel_path(root, path),
                text: text.clone(),
                encoding: None,
            };
            return parse_source(Arc::new(file), f);
        }
        let Some(cache) = cache else {
            return parse_file(root, f);
        };
        let stamp = stamp(&f.path);
        if let Some((s, p)) = cache.files.lock().expect("load cache lock").get(&f.path) {
            if Some(*s) == stamp {
                return Ok(p.clone());
            }
        }
        let parsed = parse_file(root, f)?;
        if let Some(s) = stamp {
            cache
                .files
                .lock()
                .expect("load cache lock")
                .insert(f.path.clone(), (s, parsed.clone()));
        }
        Ok(parsed)
    };
    let parsed: Vec<Parsed> = found
        .texts
        .par_iter()
        .filter_map(|f| match parse(f) {
            Ok(p) => Some(p),
            Err(ds) => {
                diags.extend(ds);
                None
            }
        })
        .collect();
    let mut loaded = Loaded {
        assets: found.assets,
        ..Loaded::default()
    };
    for p in &parsed {
        let file = match p {
            Parsed::Page(m) | Parsed::Section(m) => &m.file,
            Parsed::Data(d) => &d.file,
        };
        if let Some(encoding) = file.encoding {
            diags.push(
                Diagnostic::warning(
                    file.rel.clone(),
                    format!("файл в кодировке {encoding}: прочитан, но другие программы могут увидеть в нём «кракозябры»"),
                )
                .with_hint("сохраните его в UTF-8: в Блокноте «Сохранить как» → «Кодировка: UTF-8»"),
            );
        }
    }
    for p in parsed {
        match p {
            Parsed::Page(m) => loaded.pages.push(m),
            Parsed::Section(m) => loaded.sections.push(m),
            Parsed::Data(d) => loaded.data.push(d),
        }
    }
    loaded
}

#[derive(Clone)]
enum Parsed {
    Page(MarkdownFile),
    Section(MarkdownFile),
    Data(DataFile),
}

fn parse_file(root: &Path, found: &discover::Found) -> Result<Parsed, Vec<Diagnostic>> {
    let file = Arc::new(read_source(root, &found.path).map_err(|d| vec![d])?);
    parse_source(file, found)
}

fn parse_source(file: Arc<SourceFile>, found: &discover::Found) -> Result<Parsed, Vec<Diagnostic>> {
    match found.kind {
        discover::Kind::Data => {
            let node = yaml::parse(&file.text).map_err(|e| {
                vec![file
                    .diag(e.pos.line, e.pos.column, e.message)
                    .with_hint_opt(e.hint)]
            })?;
            Ok(Parsed::Data(DataFile {
                dir: found.dir.clone(),
                stem: found.stem.clone(),
                file,
                node,
            }))
        }
        discover::Kind::Page | discover::Kind::Section => {
            let split = frontmatter::split(&file.text).map_err(|d| vec![d.into_diag(&file)])?;
            let mut front = yaml::parse(split.yaml).map_err(|e| {
                vec![file
                    .diag(e.pos.line + split.yaml_line - 1, e.pos.column, e.message)
                    .with_hint_opt(e.hint)]
            })?;
            front.shift_lines(split.yaml_line - 1);
            let md = MarkdownFile {
                dir: found.dir.clone(),
                stem: found.stem.clone(),
                bundle: found.bundle,
                front,
                body: Body::InFile(split.body_start),
                body_line: split.body_line,
                file: file.clone(),
            };
            Ok(match found.kind {
                discover::Kind::Section => Parsed::Section(md),
                _ => Parsed::Page(md),
            })
        }
    }
}
