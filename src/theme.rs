//! The site's theme: the default theme built into the program, with the
//! site's own files over it. A site needs no `themes/` folder; to change one
//! template or stylesheet an author puts just that file in
//! `themes/<theme>/…` (or a template in `templates/`), and everything else
//! comes from the built-in theme — theme inheritance as in Zola and Hugo.
//! A theme other than `default` is a folder `themes/<name>/` over the
//! built-in one. `metodist theme eject` writes the built-in files out.

use crate::diagnostics::{rel_path, Diagnostic, Diagnostics};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// The name of the built-in theme.
pub const DEFAULT: &str = "default";

/// Where a theme file comes from.
#[derive(Debug, Clone)]
pub enum Source {
    BuiltIn(&'static [u8]),
    /// A file of the site, by its absolute path.
    Site(PathBuf),
}

/// A theme file: its contents and the name messages give it.
#[derive(Debug, Clone)]
pub struct File {
    pub source: Source,
    /// `themes/default/templates/page.html` for a site's file, «встроенная
    /// тема: templates/page.html» for a built-in one.
    pub label: String,
}

impl File {
    pub fn bytes(&self) -> std::io::Result<Cow<'static, [u8]>> {
        match &self.source {
            Source::BuiltIn(b) => Ok(Cow::Borrowed(b)),
            Source::Site(p) => std::fs::read(p).map(Cow::Owned),
        }
    }

    pub fn text(&self) -> std::io::Result<String> {
        let bytes = self.bytes()?;
        String::from_utf8(bytes.into_owned())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }
}

/// Every file of the theme, by its path inside the theme (`templates/page.html`).
#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    files: BTreeMap<String, File>,
}

impl Theme {
    /// The theme named in site.toml for the site at `root`; links out of
    /// the site folder in its files are warned about in `diags`.
    pub fn load(root: &Path, name: &str, diags: &Diagnostics) -> Result<Theme, Diagnostic> {
        let mut files: BTreeMap<String, File> = THEME_FILES
            .iter()
            .map(|(path, bytes)| {
                let file = File {
                    source: Source::BuiltIn(bytes),
                    label: format!("встроенная тема: {path}"),
                };
                (path.to_string(), file)
            })
            .collect();
        let dir = root.join("themes").join(name);
        if name != DEFAULT && !dir.is_dir() {
            let mut known: Vec<String> = vec![format!("{DEFAULT} (встроенная)")];
            known.extend(
                folders(&root.join("themes"))
                    .into_iter()
                    .filter(|n| n != DEFAULT),
            );
            let hint = crate::suggest::did_you_mean(
                name,
                std::iter::once(DEFAULT).chain(known[1..].iter().map(String::as_str)),
            )
            .unwrap_or_else(|| format!("есть темы: {}", known.join(", ")));
            return Err(Diagnostic::error(
                "site.toml",
                format!("тема «{name}» не найдена: нет папки themes/{name}"),
            )
            .with_hint(hint));
        }
        overlay(root, &dir, "", &mut files, diags);
        // Templates of the site itself, beside content/.
        overlay(
            root,
            &root.join("templates"),
            "templates/",
            &mut files,
            diags,
        );
        Ok(Theme {
            name: name.to_string(),
            files,
        })
    }

    pub fn file(&self, path: &str) -> Option<&File> {
        self.files.get(path)
    }

    /// The files under `folder/` (`templates`, `static`), by their path
    /// inside it.
    pub fn under<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = (&'a str, &'a File)> {
        self.files
            .iter()
            .filter_map(move |(p, f)| Some((p.strip_prefix(folder)?.strip_prefix('/')?, f)))
    }
}

/// Puts the files under `dir` over `files`, as `prefix` + their path.
fn overlay(
    root: &Path,
    dir: &Path,
    prefix: &str,
    files: &mut BTreeMap<String, File>,
    diags: &Diagnostics,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in crate::load::walk::walk(dir, root, diags).flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let path = format!("{prefix}{}", rel_path(dir, entry.path()));
        let file = File {
            source: Source::Site(entry.path().to_path_buf()),
            label: rel_path(root, entry.path()),
        };
        files.insert(path, file);
    }
}

fn folders(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

/// Writes the built-in theme into `themes/default/` of the site at `root`,
/// keeping every file the site already has there. Returns (written, kept).
pub fn eject(root: &Path) -> Result<(usize, usize), String> {
    let dir = root.join("themes").join(DEFAULT);
    let (mut written, mut kept) = (0, 0);
    for (path, bytes) in THEME_FILES {
        let target = dir.join(path);
        if target.exists() {
            kept += 1;
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("не удалось создать папку: {}", crate::write::io_ru(&e)))?;
        }
        std::fs::write(&target, bytes).map_err(|e| {
            format!(
                "не удалось записать {}: {}",
                rel_path(root, &target),
                crate::write::io_ru(&e)
            )
        })?;
        written += 1;
    }
    Ok((written, kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_theme_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk = walkdir::WalkDir::new(&dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .count();
        assert_eq!(THEME_FILES.len(), on_disk);
        assert!(THEME_FILES
            .iter()
            .any(|(p, _)| *p == "templates/event.html"));
    }

    #[test]
    fn site_files_override_single_built_in_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("themes/default/static/css")).unwrap();
        std::fs::write(root.join("themes/default/static/css/site.css"), "body{}").unwrap();
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::write(root.join("templates/page.html"), "{{ page.title }}").unwrap();
        let theme = Theme::load(root, DEFAULT, &Diagnostics::default()).unwrap();
        let css = theme.file("static/css/site.css").unwrap();
        assert_eq!(css.label, "themes/default/static/css/site.css");
        assert_eq!(&*css.bytes().unwrap(), b"body{}");
        assert_eq!(
            theme.file("templates/page.html").unwrap().label,
            "templates/page.html"
        );
        let event = theme.file("templates/event.html").unwrap();
        assert_eq!(event.label, "встроенная тема: templates/event.html");
        assert!(theme.under("templates").any(|(p, _)| p == "base.html"));
    }

    #[test]
    fn an_unknown_theme_names_the_ones_there_are() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("themes/smolensk")).unwrap();
        let d = Theme::load(dir.path(), "smolensl", &Diagnostics::default()).unwrap_err();
        assert_eq!(
            d.message,
            "тема «smolensl» не найдена: нет папки themes/smolensl"
        );
        assert_eq!(
            d.hint.as_deref(),
            Some("возможно, вы имели в виду «smolensk»?")
        );
        let d = Theme::load(dir.path(), "zzz", &Diagnostics::default()).unwrap_err();
        assert_eq!(
            d.hint.as_deref(),
            Some("есть темы: default (встроенная), smolensk")
        );
    }
}
