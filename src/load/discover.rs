//! Walks `content/` and sorts files into pages, sections, data and assets,
//! skipping hidden, temporary and Office lock files (Word files live next to
//! content, and Word leaves `~$name.docx` beside an open document).

use super::Asset;
use crate::diagnostics::{rel_path, Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Page,
    Section,
    Data,
}

#[derive(Debug)]
pub struct Found {
    pub path: PathBuf,
    pub kind: Kind,
    pub dir: String,
    pub stem: String,
    pub bundle: bool,
}

#[derive(Debug, Default)]
pub struct Discovered {
    pub texts: Vec<Found>,
    pub assets: Vec<Asset>,
}

/// True for files no author means to publish: hidden and editor temp files,
/// Office lock files.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.starts_with(".~lock.")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

pub fn discover(content: &Path, diags: &Diagnostics, root: &Path) -> Discovered {
    let mut out = Discovered::default();
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("content", "нет папки content с содержимым сайта")
                .with_hint("страницы сайта лежат в папке content рядом с site.toml"),
        );
        return out;
    }
    let walker = WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let file = e.path().map(|p| rel_path(root, p)).unwrap_or_default();
                diags.push(Diagnostic::error(
                    file,
                    format!(
                        "не удалось прочитать: {}",
                        e.io_error()
                            .map_or_else(|| "папка недоступна".to_string(), crate::write::io_ru)
                    ),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let rel = path.strip_prefix(content).unwrap_or(path);
        let dir = rel
            .parent()
            .map(|p| rel_path(Path::new(""), p))
            .unwrap_or_default();
        let name = entry.file_name().to_string_lossy().to_string();
        let ext = Path::new(&name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let stem = Path::new(&name)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let found = |kind, dir: String, stem: String, bundle| Found {
            path: path.to_path_buf(),
            kind,
            dir,
            stem,
            bundle,
        };
        match ext.as_str() {
            "md" if name == "_index.md" => out.texts.push(found(Kind::Section, dir, stem, false)),
            "md" if name == "index.md" && !dir.is_empty() => {
                // A bundle: `praktiki/nastavnichestvo/index.md` is the page
                // `nastavnichestvo` of section `praktiki`, owning its folder.
                let (parent, folder) = match dir.rsplit_once('/') {
                    Some((p, f)) => (p.to_string(), f.to_string()),
                    None => (String::new(), dir.clone()),
                };
                out.texts.push(found(Kind::Page, parent, folder, true));
            }
            "md" => out.texts.push(found(Kind::Page, dir, stem, false)),
            "yaml" | "yml" => out.texts.push(found(Kind::Data, dir, stem, false)),
            _ => out.assets.push(Asset {
                path: path.to_path_buf(),
                dir,
                name,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_ignored;

    #[test]
    fn office_and_editor_leftovers_are_ignored() {
        for name in [
            "~$план.docx",
            ".~lock.отчёт.xlsx#",
            "a.md~",
            ".a.md.swp",
            ".git",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("план.docx"));
    }
}
