//! The persistent cache of processed photos, `.metodist/cache/images/` in the
//! site (hidden, so neither `content/` discovery nor `serve`'s watcher sees
//! it). An entry is a folder named by the SHA-1 of the source's bytes and
//! the settings; its `meta.json` is written last, so a build stopped midway
//! leaves no half entry. `sources.json` remembers each source's size, time
//! and hash, so an unchanged rebuild reads no photo at all. Entries no photo
//! of the build used are removed at its end.

use super::process::{self, fallback_ext};
use super::{Error, Photo, Settings, Variant};
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

/// Bumped when the processing changes, so old entries are re-encoded.
const VERSION: u32 = 1;

#[derive(Clone, Serialize, Deserialize)]
struct Seen {
    len: u64,
    modified: u128,
    hash: String,
}

#[derive(Serialize, Deserialize)]
struct Meta {
    alpha: bool,
    sizes: Vec<(u32, u32)>,
}

pub struct Cache {
    dir: PathBuf,
    seen: HashMap<String, Seen>,
    now: Mutex<HashMap<String, Seen>>,
}

impl Cache {
    pub fn open(root: &Path) -> Cache {
        let dir = root.join(".metodist").join("cache").join("images");
        let seen = std::fs::read(dir.join("sources.json"))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        Cache {
            dir,
            seen,
            now: Mutex::default(),
        }
    }

    /// The processed `src` (published as `out`) and whether it was encoded
    /// now rather than found in the cache.
    pub fn photo(
        &self,
        src: &Path,
        out: &str,
        settings: &Settings,
    ) -> Result<(Photo, bool), Error> {
        let unreadable = |e: std::io::Error| Error {
            message: format!("не удалось прочитать фото: {}", crate::write::io_ru(&e)),
            hint: "проверьте, что файл не открыт в другой программе и доступен для чтения",
        };
        let meta = std::fs::metadata(src).map_err(unreadable)?;
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let key = src.to_string_lossy().into_owned();
        let mut bytes = None;
        let hash = match self.seen.get(&key) {
            Some(s) if s.len == meta.len() && s.modified == modified => s.hash.clone(),
            _ => {
                let b = std::fs::read(src).map_err(unreadable)?;
                let hash = hex(&Sha1::digest(&b));
                bytes = Some(b);
                hash
            }
        };
        self.now.lock().expect("cache lock").insert(
            key,
            Seen {
                len: meta.len(),
                modified,
                hash: hash.clone(),
            },
        );
        let entry = self.dir.join(entry_name(&hash, settings));
        if let Some(meta) = read_meta(&entry) {
            return Ok((photo(&entry, out, &meta), false));
        }
        let bytes = match bytes {
            Some(b) => b,
            None => std::fs::read(src).map_err(unreadable)?,
        };
        let (sizes, alpha) = process::photo(&bytes, &settings.widths, settings.quality)?;
        let meta = Meta {
            alpha,
            sizes: sizes.iter().map(|s| (s.width, s.height)).collect(),
        };
        write_entry(&entry, &sizes, &meta).map_err(|e| Error {
            message: format!(
                "не удалось записать обработанное фото в папку .metodist/cache: {}",
                crate::write::io_ru(&e)
            ),
            hint: "проверьте, что в папке сайта можно создавать файлы и на диске есть место",
        })?;
        Ok((photo(&entry, out, &meta), true))
    }

    /// Saves what was seen and removes the entries no photo used.
    pub fn finish<'a>(self, used: impl Iterator<Item = &'a Photo>) {
        let keep: HashSet<PathBuf> = used
            .flat_map(|p| {
                p.files
                    .iter()
                    .filter_map(|(_, f)| f.parent().map(Path::to_path_buf))
            })
            .collect();
        if let Ok(entries) = std::fs::read_dir(&self.dir) {
            for e in entries.flatten() {
                if e.path().is_dir() && !keep.contains(&e.path()) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let now = self.now.into_inner().expect("cache lock");
        if now.is_empty() && !self.dir.is_dir() {
            return;
        }
        if let Ok(json) = serde_json::to_vec(&now) {
            let _ = std::fs::create_dir_all(&self.dir)
                .and_then(|_| std::fs::write(self.dir.join("sources.json"), json));
        }
    }
}

fn entry_name(hash: &str, s: &Settings) -> String {
    let params = format!("{hash} {VERSION} {:?} {}", s.widths, s.quality);
    hex(&Sha1::digest(params.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn read_meta(entry: &Path) -> Option<Meta> {
    let meta: Meta = serde_json::from_slice(&std::fs::read(entry.join("meta.json")).ok()?).ok()?;
    let complete = !meta.sizes.is_empty()
        && meta.sizes.iter().all(|(w, _)| {
            entry.join(format!("{w}.webp")).is_file()
                && entry
                    .join(format!("{w}.{}", fallback_ext(meta.alpha)))
                    .is_file()
        });
    complete.then_some(meta)
}

fn write_entry(entry: &Path, sizes: &[process::Encoded], meta: &Meta) -> std::io::Result<()> {
    std::fs::create_dir_all(entry)?;
    let put = |name: String, bytes: &[u8]| {
        // Another thread may write the same entry (one photo under two
        // names): each writes a file of its own, then renames it.
        let tmp = entry.join(format!(".{name}.{:?}", std::thread::current().id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, entry.join(name))
    };
    for s in sizes {
        put(format!("{}.webp", s.width), &s.webp)?;
        put(
            format!("{}.{}", s.width, fallback_ext(meta.alpha)),
            &s.fallback,
        )?;
    }
    put(
        "meta.json".into(),
        &serde_json::to_vec(meta).map_err(std::io::Error::other)?,
    )
}

/// The published files of a cached entry: `foto-1.jpg` becomes
/// `foto-1-480w.webp`, `foto-1-480w.jpg`, … beside it.
fn photo(entry: &Path, out: &str, meta: &Meta) -> Photo {
    let stem = match out.rsplit_once('.') {
        Some((stem, _)) => stem,
        None => out,
    };
    let ext = fallback_ext(meta.alpha);
    let mut files = Vec::new();
    let variants = meta
        .sizes
        .iter()
        .map(|&(width, height)| {
            let webp = format!("{stem}-{width}w.webp");
            let fallback = format!("{stem}-{width}w.{ext}");
            files.push((webp.clone(), entry.join(format!("{width}.webp"))));
            files.push((fallback.clone(), entry.join(format!("{width}.{ext}"))));
            Variant {
                width,
                height,
                webp,
                fallback,
            }
        })
        .collect();
    Photo { variants, files }
}
