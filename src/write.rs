//! Write: the build goes into a staging folder beside the target and is
//! swapped in only when the whole build succeeded, so a failed build (or a
//! crash halfway) leaves the previous site untouched.

use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    target.with_file_name(format!(".{name}.metodist-{suffix}"))
}

/// Refuses targets whose replacement would destroy the site's own sources.
pub fn check_target(root: &Path, target: &Path) -> Result<(), String> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, target) = (abs(root), abs(target));
    if root.starts_with(&target)
        || target.starts_with(root.join("content"))
        || target.starts_with(root.join("themes"))
    {
        return Err(format!(
            "папка вывода «{}» содержит исходные файлы сайта; выберите другую (обычно public)",
            target.display()
        ));
    }
    Ok(())
}

/// A staging folder that becomes the target on `commit`, and is removed if
/// dropped uncommitted.
pub struct Staging {
    pub dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn new(target: &Path) -> io::Result<Staging> {
        let dir = sibling(target, "staging");
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        remove_if_exists(&dir)?;
        std::fs::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// Swaps the staging folder in place of the target.
    pub fn commit(mut self) -> io::Result<()> {
        let old = sibling(&self.target, "old");
        remove_if_exists(&old)?;
        if self.target.exists() {
            std::fs::rename(&self.target, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(&old, &self.target);
            return Err(e);
        }
        self.committed = true;
        remove_in_parallel(&old)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes the previous site: on 10,000 pages a serial `remove_dir_all` is a
/// visible share of the build, so its top-level folders go in parallel.
fn remove_in_parallel(p: &Path) -> io::Result<()> {
    let entries: Vec<PathBuf> = match std::fs::read_dir(p) {
        Ok(rd) => rd.flatten().map(|e| e.path()).collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    entries.par_iter().try_for_each(|e| {
        if e.symlink_metadata().is_ok_and(|m| m.is_dir()) {
            remove_if_exists(e)
        } else {
            std::fs::remove_file(e)
        }
    })?;
    remove_if_exists(p)
}

fn remove_if_exists(p: &Path) -> io::Result<()> {
    match std::fs::remove_dir_all(p) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
