//! Walking a folder of the site (content/, static/, a theme) with symbolic
//! links as a boundary. A link that stays inside the site folder is
//! followed like the file or folder it names; one that leads out of it (to
//! /etc, to a home folder, to another drive) is not, because whatever it
//! names would be published to the whole internet: the author gets a
//! warning naming the link and its target instead. Hidden, temporary and
//! Office lock files are skipped ([`super::discover::is_ignored`]).

use crate::diagnostics::{rel_path, Diagnostic, Diagnostics};
use std::path::Path;
use walkdir::{DirEntry, WalkDir};

/// Everything under `dir`, sorted by name, minus ignored names and links
/// out of `root`; errors (unreadable folders, broken links) are left to the
/// caller.
pub fn walk<'a>(
    dir: &Path,
    root: &Path,
    diags: &'a Diagnostics,
) -> impl Iterator<Item = walkdir::Result<DirEntry>> + 'a {
    let shown = root.to_path_buf();
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            if e.depth() > 0 && super::discover::is_ignored(&e.file_name().to_string_lossy()) {
                return false;
            }
            if !e.path_is_symlink() {
                return true;
            }
            match std::fs::canonicalize(e.path()) {
                Ok(target) if target.starts_with(&root) => true,
                Ok(target) => {
                    diags.push(outside(&shown, e.path(), &target));
                    false
                }
                // Broken: walkdir reports it when it reads the entry.
                Err(_) => true,
            }
        })
}

fn outside(root: &Path, link: &Path, target: &Path) -> Diagnostic {
    Diagnostic::warning(
        rel_path(root, link),
        format!(
            "символическая ссылка ведёт за пределы папки сайта, на «{}»: её содержимое не публикуется",
            target.display()
        ),
    )
    .with_hint("скопируйте нужные файлы в папку сайта или удалите ссылку")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_inside_are_followed_and_links_out_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let secret = dir.path().join("secret");
        std::fs::create_dir_all(site.join("content/shared")).unwrap();
        std::fs::create_dir_all(&secret).unwrap();
        std::fs::write(secret.join("passwords.txt"), "x").unwrap();
        std::fs::write(site.join("content/shared/plan.pdf"), "x").unwrap();
        std::os::unix::fs::symlink(&secret, site.join("content/secret")).unwrap();
        std::os::unix::fs::symlink(secret.join("passwords.txt"), site.join("content/file.txt"))
            .unwrap();
        std::os::unix::fs::symlink(site.join("content/shared"), site.join("content/also")).unwrap();
        let diags = Diagnostics::default();
        let files: Vec<String> = walk(&site.join("content"), &site, &diags)
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| rel_path(&site, e.path()))
            .collect();
        assert_eq!(files, ["content/also/plan.pdf", "content/shared/plan.pdf"]);
        let warned: Vec<String> = diags.into_sorted().into_iter().map(|d| d.file).collect();
        assert_eq!(warned, ["content/file.txt", "content/secret"]);
    }
}
