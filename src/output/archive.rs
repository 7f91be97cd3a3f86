//! `metodist publish`: the built site as one `.zip` — what a hosting panel
//! unpacks into the site's folder, what goes by e-mail to whoever uploads
//! the site, or onto a USB stick as one file. Chosen over uploading by
//! SFTP/FTP from metodist itself: it needs no passwords stored anywhere,
//! no network access from the office PC and no knowledge of the hosting,
//! and it cannot delete anything on the server by mistake.
//!
//! Written beside the target first and renamed over it only when complete,
//! so a failed or interrupted run leaves the previous archive as it was.

use super::{OutFile, Output};
use crate::write::io_ru;
use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

/// Writes every file of `output` into the archive at `target`, under
/// `folder/` when given; returns the archive's size in bytes.
pub fn write_zip(output: &Output, folder: Option<&str>, target: &Path) -> Result<u64, String> {
    if target.is_dir() {
        return Err(format!(
            "«{}» — это папка; укажите имя файла архива, например сайт.zip",
            target.display()
        ));
    }
    let partial = target.with_extension("zip.part");
    let result = write_all(output, folder, &partial);
    match result.and_then(|()| {
        std::fs::rename(&partial, target)
            .map_err(|e| format!("не удалось записать «{}»: {}", target.display(), io_ru(&e)))
    }) {
        Ok(()) => std::fs::metadata(target)
            .map(|m| m.len())
            .map_err(|e| io_ru(&e)),
        Err(message) => {
            let _ = std::fs::remove_file(&partial);
            Err(message)
        }
    }
}

fn write_all(output: &Output, folder: Option<&str>, path: &Path) -> Result<(), String> {
    let fail =
        |e: &dyn std::fmt::Display| format!("не удалось записать архив «{}»: {e}", path.display());
    let file = std::fs::File::create(path).map_err(|e| fail(&io_ru(&e)))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let now = chrono::Local::now().naive_local();
    let time = {
        use chrono::{Datelike, Timelike};
        zip::DateTime::from_date_and_time(
            now.year().clamp(1980, 2107) as u16,
            now.month() as u8,
            now.day() as u8,
            now.hour() as u8,
            now.minute() as u8,
            now.second() as u8,
        )
        .unwrap_or_default()
    };
    for (name, file) in &output.files {
        let bytes = match file {
            OutFile::Bytes(b) => std::borrow::Cow::Borrowed(&b[..]),
            OutFile::Copy(source) => std::borrow::Cow::Owned(
                std::fs::read(source)
                    .map_err(|e| fail(&format!("{}: {}", source.display(), io_ru(&e))))?,
            ),
            OutFile::Written => continue,
        };
        let method = if is_compressed(name) {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(time)
            .unix_permissions(0o644);
        let entry = match folder {
            Some(f) => format!("{f}/{name}"),
            None => name.clone(),
        };
        zip.start_file(entry, options).map_err(|e| fail(&e))?;
        zip.write_all(&bytes).map_err(|e| fail(&io_ru(&e)))?;
    }
    let mut inner = zip.finish().map_err(|e| fail(&e))?;
    inner.flush().map_err(|e| fail(&io_ru(&e)))?;
    inner
        .into_inner()
        .map_err(|e| fail(&io_ru(e.error())))?
        .sync_all()
        .map_err(|e| fail(&io_ru(&e)))
}

/// Formats that are compressed already: deflating them again only costs time.
fn is_compressed(name: &str) -> bool {
    let ext = name
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(
        ext.as_str(),
        "jpg"
            | "jpeg"
            | "png"
            | "webp"
            | "avif"
            | "gif"
            | "zip"
            | "docx"
            | "xlsx"
            | "pptx"
            | "odt"
            | "ods"
            | "mp4"
            | "mp3"
            | "woff2"
    )
}
