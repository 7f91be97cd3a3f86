//! Attachments sent from the form: a `multipart/form-data` body read into
//! its parts, and the safe name a file gets in the entry's folder
//! (transliterated, no spaces, an allowed extension, never over another file).

use std::path::{Path, PathBuf};

/// Extensions of files an entry may carry (documents, tables, slides, archives).
pub const ALLOWED: &[&str] = &[
    "pdf", "docx", "doc", "odt", "rtf", "xlsx", "xls", "ods", "pptx", "ppt", "odp", "zip",
];

/// Whether `name` is a plain file name of an allowed kind: one the editor
/// may find beside an entry, report and remove.
pub fn plain_name(name: &str) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    !name.is_empty()
        && !name.contains(['/', '\\'])
        && !name.starts_with('.')
        && ext.is_some_and(|e| ALLOWED.contains(&e.as_str()))
}

/// One part of a form body.
pub struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub data: Vec<u8>,
}

/// The parts of `body` sent with this `Content-Type`.
pub fn parts(content_type: &str, body: &[u8]) -> Vec<Part> {
    let Some(boundary) = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
        .map(|b| b.trim_matches('"'))
    else {
        return Vec::new();
    };
    let delimiter = format!("--{boundary}").into_bytes();
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(at) = find(rest, &delimiter) {
        rest = &rest[at + delimiter.len()..];
        if rest.starts_with(b"--") {
            break;
        }
        let rest_part = rest.strip_prefix(b"\r\n").unwrap_or(rest);
        let Some(head_end) = find(rest_part, b"\r\n\r\n") else {
            break;
        };
        let head = String::from_utf8_lossy(&rest_part[..head_end]).into_owned();
        let data_start = &rest_part[head_end + 4..];
        let end = find(data_start, &delimiter).unwrap_or(data_start.len());
        let data = data_start[..end]
            .strip_suffix(b"\r\n")
            .unwrap_or(&data_start[..end]);
        let disposition = head
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))
            .unwrap_or_default();
        let param = |key: &str| {
            disposition.split(';').find_map(|p| {
                p.trim()
                    .strip_prefix(key)
                    .and_then(|v| v.strip_prefix('='))
                    .map(|v| v.trim_matches('"').to_string())
            })
        };
        if let Some(name) = param("name") {
            out.push(Part {
                name,
                filename: param("filename"),
                data: data.to_vec(),
            });
        }
        rest = data_start;
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Where an uploaded `original` name goes in `dir`: `Приказ №5 (копия).PDF`
/// → `prikaz-5-kopiia.pdf`, with `-2`, `-3`… if taken; an error in Russian
/// for a kind of file an entry does not carry.
pub fn safe_path(dir: &Path, original: &str) -> Result<PathBuf, String> {
    // Browsers send the bare name; old ones a whole Windows path.
    let original = original.rsplit(['/', '\\']).next().unwrap_or(original);
    let (stem, ext) = original.rsplit_once('.').unwrap_or((original, ""));
    let ext = ext.to_lowercase();
    if !ALLOWED.contains(&ext.as_str()) {
        return Err(format!(
            "файлы «.{ext}» к записи не прикладываются; можно: {}",
            ALLOWED.join(", ")
        ));
    }
    let mut slug = crate::ru::slug::slugify(stem);
    if slug.is_empty() {
        slug = "fail".into();
    }
    for n in 1.. {
        let name = if n == 1 {
            format!("{slug}.{ext}")
        } else {
            format!("{slug}-{n}.{ext}")
        };
        let path = dir.join(name);
        if !path.exists() {
            return Ok(path);
        }
    }
    unreachable!("some name is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_body_splits_into_parts() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"_token\"\r\n\r\nabc\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\xd0\x9f\xd0\xbb\xd0\xb0\xd0\xbd.pdf\"\r\n\
Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n\r\nx\r\n--XyZ--\r\n";
        let p = parts("multipart/form-data; boundary=XyZ", body);
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].name.as_str(), p[0].data.as_slice()),
            ("_token", &b"abc"[..])
        );
        assert_eq!(p[1].filename.as_deref(), Some("План.pdf"));
        assert_eq!(p[1].data, b"%PDF-1.4\r\n\r\nx");
    }

    #[test]
    fn names_are_transliterated_and_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let p = safe_path(dir.path(), "C:\\Users\\Мария\\Приказ №5 (копия).PDF").unwrap();
        assert_eq!(p.file_name().unwrap(), "prikaz-5-kopiia.pdf");
        std::fs::write(&p, "x").unwrap();
        let again = safe_path(dir.path(), "Приказ №5 (копия).pdf").unwrap();
        assert_eq!(again.file_name().unwrap(), "prikaz-5-kopiia-2.pdf");
        assert!(safe_path(dir.path(), "virus.exe")
            .unwrap_err()
            .contains("«.exe»"));
    }
}
