//! Shared set-up of the fuzz targets: a real site on disk (the `init`
//! example, which has every content type) that a target changes one file of
//! and builds through the whole pipeline, as `metodist build` would.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The example site, written once per fuzzing process, in memory-backed
/// storage where there is some.
pub fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("metodist-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        metodist::types::scaffold::init_site(
            &dir,
            metodist::config::SiteKind::EducationalOrganisation,
        )
        .expect("write the example site");
        dir
    })
}

/// The site's files a target may replace: pages, sections, data, site.toml.
pub fn editable() -> &'static [PathBuf] {
    static FILES: OnceLock<Vec<PathBuf>> = OnceLock::new();
    FILES.get_or_init(|| {
        let root = site();
        let mut files: Vec<PathBuf> = walk(root)
            .into_iter()
            .filter(|p| {
                matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("md" | "yaml" | "toml")
                )
            })
            .collect();
        files.sort();
        files
    })
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Writes `bytes` over `file` of the site, builds it in memory, and puts
/// the original back. Errors are the expected outcome; only a panic, an
/// abort or a hang is a finding.
pub fn build_with(file: &Path, bytes: &[u8]) {
    let original = std::fs::read(file).expect("read the original");
    std::fs::write(file, bytes).expect("write the input");
    let opts = metodist::pipeline::BuildOptions {
        root: site().to_path_buf(),
        drafts: true,
        ..Default::default()
    };
    let _ = metodist::pipeline::build(&opts);
    std::fs::write(file, original).expect("restore the original");
}
