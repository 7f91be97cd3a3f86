//! Photos: the image stage between resolve and render. Every raster image of
//! `content/` is decoded once, turned upright by its EXIF orientation,
//! stripped of all metadata (a phone photo carries the GPS position where it
//! was taken — on photos of children, personal data), resized to a few
//! widths (never upscaled) and encoded as WebP with a JPEG fallback (PNG when
//! the picture is transparent). The original file is never published. The
//! results live in a persistent cache (`.metodist/cache/images/`), so an
//! unchanged photo is never encoded twice.

mod cache;
mod process;

use crate::diagnostics::{rel_path, Diagnostic, Diagnostics};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// `[images]` of site.toml; the defaults need no setting.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The widths of the smaller copies, in pixels; a photo narrower than
    /// the largest keeps its own width as the largest copy.
    #[serde(default = "default_widths")]
    pub widths: Vec<u32>,
    /// Lossy quality of the WebP and JPEG copies, 1–100.
    #[serde(default = "default_quality")]
    pub quality: u8,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            widths: default_widths(),
            quality: default_quality(),
        }
    }
}

fn default_widths() -> Vec<u32> {
    vec![480, 960, 1600]
}

fn default_quality() -> u8 {
    75
}

/// File extensions processed as photos (HEIC only to explain what to do).
pub fn is_raster(name: &str) -> bool {
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "jpg" | "jpeg" | "png" | "webp" | "heic" | "heif"
    )
}

/// One size of a processed photo.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// Output path of the WebP copy (`seminary/foto-1-480w.webp`).
    pub webp: String,
    /// Output path of the fallback copy (`.jpg`, or `.png` if transparent).
    pub fallback: String,
}

/// A processed photo: its sizes, smallest first, and their cached files.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Photo {
    pub variants: Vec<Variant>,
    /// Output path → the cached file with its bytes.
    pub files: Vec<(String, PathBuf)>,
}

impl Photo {
    pub fn largest(&self) -> &Variant {
        self.variants.last().expect("a photo has at least one size")
    }
}

/// The photos of a build, by their path relative to `content/`.
#[derive(Debug, Default)]
pub struct Images {
    pub photos: BTreeMap<String, Photo>,
    /// How many photos were encoded in this build (the rest came from the
    /// cache).
    pub encoded: usize,
}

/// Processes the raster images among `assets` (source path, output path) in
/// parallel. Bad files are Russian errors naming the file; `progress` is
/// told of each finished photo.
pub fn process(
    root: &Path,
    assets: &[(PathBuf, String)],
    settings: &Settings,
    diags: &Diagnostics,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Images {
    let content = root.join("content");
    let rasters: Vec<&(PathBuf, String)> =
        assets.iter().filter(|(_, out)| is_raster(out)).collect();
    if let Some(d) = check_settings(settings).filter(|_| !rasters.is_empty()) {
        diags.push(d);
        return Images::default();
    }
    let cache = cache::Cache::open(root);
    let done = AtomicUsize::new(0);
    let encoded = AtomicUsize::new(0);
    let results: Vec<(String, Option<Photo>)> = rasters
        .par_iter()
        .map(|(src, out)| {
            let file = rel_path(root, src);
            let photo = match cache.photo(src, out, settings) {
                Ok((photo, fresh)) => {
                    encoded.fetch_add(usize::from(fresh), Ordering::Relaxed);
                    Some(photo)
                }
                Err(e) => {
                    diags.push(e.diagnostic(file));
                    None
                }
            };
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, rasters.len());
            (rel_path(&content, src), photo)
        })
        .collect();
    let photos: BTreeMap<String, Photo> = results
        .into_iter()
        .filter_map(|(rel, p)| p.map(|p| (rel, p)))
        .collect();
    cache.finish(photos.values());
    Images {
        photos,
        encoded: encoded.into_inner(),
    }
}

fn check_settings(s: &Settings) -> Option<Diagnostic> {
    let bad = if s.widths.is_empty() || s.widths.iter().any(|&w| !(16..=8192).contains(&w)) {
        "ширины копий фото (widths) — числа от 16 до 8192"
    } else if !(1..=100).contains(&s.quality) {
        "качество фото (quality) — число от 1 до 100"
    } else {
        return None;
    };
    Some(
        Diagnostic::error("site.toml", format!("неверная настройка [images]: {bad}"))
            .with_hint("например: [images] widths = [480, 960, 1600], quality = 75"),
    )
}

/// A photo that could not be processed, with what to do about it.
#[derive(Debug)]
pub struct Error {
    pub message: String,
    pub hint: &'static str,
}

impl Error {
    fn diagnostic(self, file: String) -> Diagnostic {
        Diagnostic::error(file, self.message).with_hint(self.hint)
    }
}
