//! Walks `content/` and sorts files into pages, sections, data and assets,
//! skipping hidden, temporary and Office lock files (Word files live next to
//! content, and Word leaves `~$name.docx` beside an open document).

use super::Asset;
use crate::diagnostics::{rel_path, Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};

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

/// A Markdown page at `path` (under `content`) that is not on disk yet:
/// the editor's new entry, checked before it is written.
pub fn new_page(content: &Path, path: &Path) -> Option<Found> {
    let rel = path.strip_prefix(content).ok()?;
    let name = rel.file_name()?.to_str()?;
    let stem = name.strip_suffix(".md").filter(|s| !s.starts_with('_'))?;
    Some(Found {
        path: path.to_path_buf(),
        kind: Kind::Page,
        dir: rel.parent().map(|p| rel_path(Path::new(""), p))?,
        stem: stem.to_string(),
        bundle: false,
    })
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
    for entry in super::walk::walk(content, root, diags) {
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
    warn_copies(&out.texts, diags, root);
    out
}

/// The name a copy made by Windows Explorer or Office would have been copied
/// from: «план — копия», «план — копия (2)», «план (1)», «Копия план»,
/// «план - Copy».
fn copied_from(stem: &str) -> Option<&str> {
    let stem = stem.trim();
    if let Some(rest) = stem.strip_prefix("Копия ") {
        return Some(rest.trim());
    }
    let without_number = match stem.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
        Some((base, n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => base,
        _ => stem,
    };
    for suffix in [" — копия", " - копия", " – копия", " - Copy", " - copy"] {
        if let Some(base) = without_number.strip_suffix(suffix) {
            return Some(base.trim());
        }
    }
    (without_number != stem).then_some(without_number.trim())
}

/// Leftovers of copying files in Explorer: both would become pages, the
/// copy usually by mistake.
fn warn_copies(texts: &[Found], diags: &Diagnostics, root: &Path) {
    for copy in texts {
        let Some(original) = copied_from(&copy.stem) else {
            continue;
        };
        let same = |f: &&Found| {
            f.dir == copy.dir && f.stem == original && f.path.extension() == copy.path.extension()
        };
        if let Some(orig) = texts.iter().find(same) {
            diags.push(
                Diagnostic::warning(
                    rel_path(root, &copy.path),
                    format!(
                        "похоже на копию файла {}: на сайте будут обе записи",
                        rel_path(root, &orig.path)
                    ),
                )
                .with_hint("если копия сделана случайно, удалите её; если нужна — переименуйте"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{copied_from, is_ignored};

    #[test]
    fn explorer_and_office_copy_names() {
        assert_eq!(copied_from("plan — копия"), Some("plan"));
        assert_eq!(copied_from("plan — копия (2)"), Some("plan"));
        assert_eq!(copied_from("plan (1)"), Some("plan"));
        assert_eq!(copied_from("Копия plan"), Some("plan"));
        assert_eq!(copied_from("plan - Copy"), Some("plan"));
        assert_eq!(copied_from("2022-11-17-seminar"), None);
        assert_eq!(copied_from("prikaz (proekt)"), None);
    }

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
