//! Write: the build goes into a staging folder and is swapped in only when
//! the whole build succeeded and was verified, so a failed build (or a crash
//! halfway) leaves the previous site untouched.
//!
//! The output folder belongs to the site and only to it: a folder that holds
//! files metodist did not write is refused (unless `--force`), since
//! replacing it would delete an author's documents. metodist marks its own
//! output with [`MARKER`]. One build at a time writes a target: an exclusive
//! lock file beside it (std's `File::try_lock`, no crate needed), unique
//! staging names, and leftovers of killed builds cleaned by the next one.
//! A mount point (a USB stick's root) cannot be renamed, so there the
//! staging folder lives inside the target and the contents are swapped.

use rayon::prelude::*;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// The file that marks a folder as metodist's output.
pub const MARKER: &str = ".metodist-output";

/// Hidden names beside (or, at a mount point, inside) the target.
fn hidden(target: &Path, suffix: &str) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "site".into());
    format!(".{name}.metodist-{suffix}")
}

fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{}-{nanos}", std::process::id())
}

fn abs(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Refuses targets whose replacement would destroy the site's own sources.
pub fn check_target(root: &Path, target: &Path) -> Result<(), String> {
    let (root, target) = (abs(root), abs(target));
    if root.starts_with(&target)
        || target.starts_with(root.join("content"))
        || target.starts_with(root.join("themes"))
    {
        return Err(format!(
            "папка вывода «{}» содержит исходные файлы сайта; выберите другую (обычно public). Ничего не изменено.",
            target.display()
        ));
    }
    Ok(())
}

/// A folder metodist may replace: missing, empty, marked as its output, or
/// (for sites built before the marker existed) one that looks like a built
/// site: `index.html`, `404.html` and `sitemap.xml` together.
fn ours(target: &Path) -> Result<bool, Vec<String>> {
    let names: Vec<String> = match std::fs::read_dir(target) {
        Ok(rd) => rd
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect(),
        Err(_) => return Ok(true),
    };
    let has = |n: &str| names.iter().any(|x| x == n);
    let foreign: Vec<String> = names
        .iter()
        .filter(|n| !n.starts_with(".metodist-") && !n.contains(".metodist-"))
        .cloned()
        .collect();
    if foreign.is_empty()
        || has(MARKER)
        || (has("index.html") && has("404.html") && has("sitemap.xml"))
    {
        Ok(true)
    } else {
        Err(foreign)
    }
}

/// Whether `target` is the root of a mounted file system (it cannot be
/// renamed then).
fn is_mount_point(target: &Path) -> bool {
    let Some(parent) = abs(target).parent().map(Path::to_path_buf) else {
        return true;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(target), std::fs::metadata(parent)) {
            (Ok(t), Ok(p)) => t.dev() != p.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = parent;
        false
    }
}

/// A staging folder that becomes the target on `commit`, and is removed if
/// dropped uncommitted. Holds the target's lock while it lives.
pub struct Staging {
    pub dir: PathBuf,
    target: PathBuf,
    /// At a mount point: contents are swapped inside the target.
    in_place: bool,
    committed: bool,
    _lock: File,
}

impl Staging {
    /// Checks the target, takes its lock, cleans leftovers of killed builds
    /// and creates a fresh staging folder. Errors are Russian sentences that
    /// say nothing was changed (true: nothing is touched before they occur).
    pub fn new(root: &Path, target: &Path, force: bool) -> Result<Staging, String> {
        check_target(root, target)?;
        let shown = target.display();
        match std::fs::metadata(target) {
            Ok(m) if !m.is_dir() => {
                return Err(format!(
                    "«{shown}» — это файл, а не папка: сайт записывается в папку. Укажите другое имя (обычно public). Ничего не изменено."
                ))
            }
            _ => {}
        }
        if !force {
            if let Err(foreign) = ours(target) {
                let examples: Vec<String> =
                    foreign.iter().take(3).map(|n| format!("«{n}»")).collect();
                let more = if foreign.len() > 3 {
                    " и другие"
                } else {
                    ""
                };
                return Err(format!(
                    "в папке «{shown}» уже есть файлы, которые записал не metodist: {}{more}. \
                     Сайт туда не записан, ничего не удалено.\n\
                     подсказка: укажите пустую или новую папку (обычно public) или добавьте --force, \
                     если всё её содержимое можно заменить сайтом",
                    examples.join(", ")
                ));
            }
        }
        let in_place = target.is_dir() && is_mount_point(target);
        let home = if in_place {
            target.to_path_buf()
        } else {
            let parent = abs(target)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            std::fs::create_dir_all(&parent).map_err(|e| {
                format!(
                    "не удалось создать папку «{}»: {}. Ничего не изменено.",
                    parent.display(),
                    io_ru(&e)
                )
            })?;
            parent
        };
        let lock = lock(&home.join(hidden(target, "lock")), target)?;
        clean_leftovers(&home, target, in_place);
        let dir = home.join(hidden(target, &format!("staging-{}", unique())));
        std::fs::create_dir_all(&dir).map_err(|e| {
            format!(
                "не удалось создать временную папку рядом с «{shown}»: {}. Ничего не изменено.",
                io_ru(&e)
            )
        })?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            in_place,
            committed: false,
            _lock: lock,
        })
    }

    /// Marks the staging folder as metodist's output, checks that every file
    /// of `written` (paths relative to the output) is there, and swaps it in
    /// place of the target. On error the message says truthfully where the
    /// previous site is.
    pub fn commit<'a>(mut self, written: impl Iterator<Item = &'a String>) -> Result<(), String> {
        let shown = self.target.display().to_string();
        let untouched = format!("Прежняя версия сайта в «{shown}» не тронута.");
        let written: Vec<&String> = written.collect();
        let mut list = String::from(
            "# Эту папку создал metodist: при следующей сборке её содержимое будет заменено.\n",
        );
        for p in &written {
            list.push_str(p);
            list.push('\n');
        }
        std::fs::write(self.dir.join(MARKER), list)
            .map_err(|e| format!("не удалось записать сайт: {}. {untouched}", io_ru(&e)))?;
        if let Some(missing) = written.par_iter().find_any(|p| !self.dir.join(p).is_file()) {
            return Err(format!(
                "после записи не найден файл сайта «{missing}» (диск переполнен или файл удалён другой программой). {untouched}"
            ));
        }
        let result = if self.in_place {
            self.swap_contents()
        } else {
            self.swap_folders()
        };
        self.committed = result.is_ok();
        result
    }

    fn swap_folders(&self) -> Result<(), String> {
        let shown = self.target.display();
        let home = self.dir.parent().map(Path::to_path_buf).unwrap_or_default();
        let old = home.join(hidden(&self.target, &format!("old-{}", unique())));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old).map_err(|e| {
                format!(
                    "не удалось заменить папку «{shown}»: {} (возможно, она открыта в другой программе). Прежняя версия сайта не тронута.",
                    io_ru(&e)
                )
            })?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            let why = io_ru(&e);
            return Err(match had_old.then(|| std::fs::rename(&old, &self.target)) {
                None | Some(Ok(())) => format!(
                    "не удалось записать сайт в «{shown}»: {why}. Прежняя версия сайта не тронута."
                ),
                Some(Err(_)) => format!(
                    "не удалось записать сайт в «{shown}»: {why}. Прежняя версия сайта сохранена в «{}»; следующая сборка вернёт её на место.",
                    old.display()
                ),
            });
        }
        // The new site is in place; a failure to delete the old one only
        // leaves a hidden folder that the next build removes.
        let _ = remove_in_parallel(&old);
        Ok(())
    }

    /// At a mount point: moves the old contents into a hidden folder inside
    /// the target, the new ones out of staging, then deletes the old.
    fn swap_contents(&self) -> Result<(), String> {
        let shown = self.target.display();
        let old = self
            .target
            .join(hidden(&self.target, &format!("old-{}", unique())));
        let fail = |e: io::Error| {
            format!(
                "не удалось записать сайт в «{shown}»: {}. Прежняя версия сайта частично перенесена в «{}»; следующая сборка вернёт её на место.",
                io_ru(&e),
                old.display()
            )
        };
        std::fs::create_dir(&old).map_err(|e| {
            format!(
                "не удалось записать сайт в «{shown}»: {}. Прежняя версия сайта не тронута.",
                io_ru(&e)
            )
        })?;
        for entry in entries(&self.target).map_err(fail)? {
            let name = entry
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            if !name.contains(".metodist-") || name == MARKER {
                std::fs::rename(&entry, old.join(&name)).map_err(fail)?;
            }
        }
        for entry in entries(&self.dir).map_err(fail)? {
            let name = entry.file_name().unwrap_or_default().to_os_string();
            std::fs::rename(&entry, self.target.join(name)).map_err(fail)?;
        }
        let _ = std::fs::remove_dir(&self.dir);
        let _ = remove_in_parallel(&old);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_in_parallel(&self.dir);
        }
    }
}

fn lock(path: &Path, target: &Path) -> Result<File, String> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| {
            format!(
                "не удалось создать файл блокировки «{}»: {}. Ничего не изменено.",
                path.display(),
                io_ru(&e)
            )
        })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(format!(
            "в папку «{}» сейчас записывает сайт другая сборка metodist. Дождитесь её окончания и повторите. Ничего не изменено.",
            target.display()
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(format!(
            "не удалось заблокировать папку «{}» для записи: {}. Ничего не изменено.",
            target.display(),
            io_ru(&e)
        )),
    }
}

/// Removes staging folders of killed builds and old sites whose deletion
/// was interrupted. If a build was killed between moving the old site aside
/// and moving the new one in, the target is missing: the old site is put
/// back instead. Runs under the lock, so no other build owns these.
fn clean_leftovers(home: &Path, target: &Path, in_place: bool) {
    let staging = hidden(target, "staging-");
    let old = hidden(target, "old-");
    let Ok(found) = entries(home) else { return };
    for entry in found {
        let name = entry
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if name.starts_with(&old)
            && !in_place
            && !target.exists()
            && std::fs::rename(&entry, target).is_ok()
        {
            continue;
        }
        if name.starts_with(&staging) || name.starts_with(&old) {
            let _ = remove_in_parallel(&entry);
        }
    }
}

fn entries(dir: &Path) -> io::Result<Vec<PathBuf>> {
    Ok(std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .collect())
}

/// Removes a folder: on 10,000 pages a serial `remove_dir_all` is a visible
/// share of the build, so its top-level entries go in parallel.
fn remove_in_parallel(p: &Path) -> io::Result<()> {
    let found = match entries(p) {
        Ok(found) => found,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    found.par_iter().try_for_each(|e| {
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

/// An I/O error in Russian, for authors: the OS's own text is English.
pub fn io_ru(e: &io::Error) -> String {
    use io::ErrorKind::*;
    match e.kind() {
        StorageFull => "на диске не осталось места; освободите место и повторите".into(),
        PermissionDenied => "нет прав на запись".into(),
        NotFound => "папка или файл не найдены".into(),
        ReadOnlyFilesystem => "диск доступен только для чтения".into(),
        ResourceBusy => "папка занята другой программой".into(),
        QuotaExceeded => "превышена квота диска".into(),
        FileTooLarge => "файл слишком велик для этого диска".into(),
        _ => format!("ошибка ввода-вывода ({e})"),
    }
}
