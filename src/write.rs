//! Write: the output goes to a staging folder beside the target and is swapped
//! in only when all of it is written, so a failed build (or a crash halfway)
//! leaves the previous site untouched.

use crate::output::{OutFile, Output};
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

pub fn write_atomic(output: &Output, target: &Path) -> io::Result<()> {
    let staging = sibling(target, "staging");
    let old = sibling(target, "old");
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    remove_if_exists(&staging)?;
    remove_if_exists(&old)?;
    std::fs::create_dir_all(&staging)?;
    let result = output.files.par_iter().try_for_each(|(rel, file)| {
        let dest = staging.join(rel);
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir)?;
        }
        match file {
            OutFile::Bytes(bytes) => std::fs::write(&dest, bytes),
            OutFile::Copy(src) => std::fs::copy(src, &dest).map(|_| ()),
        }
    });
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if target.exists() {
        std::fs::rename(target, &old)?;
    }
    if let Err(e) = std::fs::rename(&staging, target) {
        // Put the previous site back before reporting.
        let _ = std::fs::rename(&old, target);
        return Err(e);
    }
    remove_if_exists(&old)
}

fn remove_if_exists(p: &Path) -> io::Result<()> {
    match std::fs::remove_dir_all(p) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
