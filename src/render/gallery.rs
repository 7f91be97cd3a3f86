//! A photo report («фотоотчёт»): the `photos:` list of an entry (each a file,
//! or `{file, caption}`), or else the `foto/` folder of a page's own folder
//! (`seminary/seminar/index.md` + `seminary/seminar/foto/*.jpg`), becomes a
//! gallery of thumbnails with captions; `static/js/gallery.js` opens them
//! in a lightbox. Photos without captions get one warning per report.

use crate::diagnostics::Diagnostic;
use crate::site::Site;
use crate::yaml::node::Value as N;
use serde_json::{json, Value as J};

/// The folder of a page bundle whose photos make its report.
pub const FOLDERS: &[&str] = &["foto", "фото"];

/// How wide a thumbnail is drawn: two a row on a phone, 15rem on a desktop.
const THUMB_SIZES: &str = "(max-width: 30rem) 50vw, 15rem";

/// The gallery value of page `i` for its template, `None` without photos.
/// `eager`: the page has no image before the gallery, so the first
/// thumbnail is not lazy.
pub fn value(site: &Site, i: usize, eager: bool, diags: &mut Vec<Diagnostic>) -> Option<J> {
    let page = &site.pages[i];
    let items = listed(site, i, diags).or_else(|| folder(site, i))?;
    if items.is_empty() {
        return None;
    }
    let base = site.config.base_path();
    let total = items.len();
    let uncaptioned = items.iter().filter(|(_, c)| c.is_none()).count();
    if uncaptioned > 0 {
        let line = page.front_node.get("photos").map_or(0, |n| n.pos.line);
        diags.push(
            page.file
                .warn(
                    line,
                    0,
                    format!(
                        "в фотоотчёте «{}» без подписей: {} из {total}",
                        page.front.title,
                        crate::ru::plural::plural_ru(uncaptioned as f64, "фото", "фото", "фото")
                    ),
                )
                .with_hint(
                    "подпишите снимки, чтобы незрячий посетитель знал, что на них: в поле photos — «- file: foto-1.jpg» и «caption: Открытие семинара», или назовите файлы словами («Открытие семинара.jpg»)",
                ),
        );
    }
    let url = |p: &str| crate::markup::url_path(&format!("{base}{p}"));
    let list: Vec<J> = items
        .iter()
        .enumerate()
        .map(|(k, (photo, caption))| {
            let photo = &site.images.photos[photo.as_str()];
            let alt = caption
                .clone()
                .unwrap_or_else(|| format!("Фото {} из {total}", k + 1));
            let srcset = |webp: bool| {
                photo
                    .variants
                    .iter()
                    .map(|v| format!("{} {}w", url(if webp { &v.webp } else { &v.fallback }), v.width))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let largest = photo.largest();
            json!({
                "caption": caption,
                "alt": alt,
                "thumb": super::pictures::picture(photo, &base, &alt, None, THUMB_SIZES, eager && k == 0),
                "full": url(&largest.fallback),
                "srcset": srcset(false),
                "srcset_webp": srcset(true),
                "width": largest.width,
                "height": largest.height,
            })
        })
        .collect();
    Some(json!({"items": list, "count": total}))
}

/// The photos of a `photos:` list, each resolved beside the page; a file
/// that is not a processed photo is an error at its line.
fn listed(
    site: &Site,
    i: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, Option<String>)>> {
    let page = &site.pages[i];
    let N::Seq(items) = &page.front_node.get("photos")?.value else {
        return None;
    };
    let mut out = Vec::new();
    for item in items {
        let (file, caption) = match &item.value {
            N::Map(_) => (
                item.get("file"),
                item.get("caption").and_then(|c| c.as_text()),
            ),
            _ => (Some(item), None),
        };
        let Some(file) = file else { continue };
        let name = file.as_text().unwrap_or_default();
        let rel = match name.strip_prefix('/') {
            Some(r) => r.to_string(),
            None if page.content_dir.is_empty() => name.clone(),
            None => format!("{}/{name}", page.content_dir),
        };
        if site.images.photos.contains_key(&rel) {
            out.push((rel, caption.filter(|c| !c.trim().is_empty())));
        } else if !site.root.join("content").join(&rel).is_file() {
            diags.push(
                page.file
                    .diag(file.pos.line, file.pos.column, format!("фото «{name}» не найдено"))
                    .with_hint(format!(
                        "путь считается от папки записи (content/{}/) или, если начинается с «/», от папки content",
                        page.content_dir
                    )),
            );
        } else if !crate::images::is_raster(&name) {
            diags.push(
                page.file
                    .diag(
                        file.pos.line,
                        file.pos.column,
                        format!("«{name}» — не фото в JPEG, PNG или WebP"),
                    )
                    .with_hint("в фотоотчёт попадают снимки; документы перечисляйте в materials"),
            );
        }
        // A photo that exists but failed is already an error of its own.
    }
    Some(out)
}

/// The photos of a bundle's `foto/` folder, by file name, captioned by
/// their names unless a camera named them.
fn folder(site: &Site, i: usize) -> Option<Vec<(String, Option<String>)>> {
    let page = &site.pages[i];
    if !page.file.rel.ends_with("/index.md") {
        return None;
    }
    let items: Vec<(String, Option<String>)> = FOLDERS
        .iter()
        .flat_map(|f| {
            let prefix = format!("{}/{f}/", page.content_dir);
            site.images
                .photos
                .range(prefix.clone()..)
                .take_while(move |(k, _)| k.starts_with(&prefix))
                .filter(|(k, _)| !k[page.content_dir.len() + f.len() + 2..].contains('/'))
                .map(|(k, _)| (k.clone(), caption_of(k)))
                .collect::<Vec<_>>()
        })
        .collect();
    (!items.is_empty()).then_some(items)
}

/// «01 Открытие семинара.jpg» → «Открытие семинара»; `IMG_2041.jpg`,
/// `DSC00012.JPG`, `20240312_101500.jpg` have no caption.
pub fn caption_of(rel: &str) -> Option<String> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let words: String = stem
        .chars()
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect();
    let words = words
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '.')
        .trim();
    let letters: String = words.chars().filter(|c| c.is_alphabetic()).collect();
    let camera = [
        "img",
        "dsc",
        "dscn",
        "dscf",
        "pxl",
        "p",
        "photo",
        "image",
        "foto",
        "фото",
        "mvimg",
        "whatsapp image",
        "snimok",
    ];
    let plain = words
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect::<String>()
        .trim()
        .to_lowercase();
    if letters.is_empty()
        || camera.contains(&plain.as_str())
        || camera.contains(&letters.to_lowercase().as_str())
    {
        return None;
    }
    let mut chars = words.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::caption_of;

    #[test]
    fn captions_come_from_file_names_not_camera_names() {
        assert_eq!(
            caption_of("a/foto/01 Открытие семинара.jpg").as_deref(),
            Some("Открытие семинара")
        );
        assert_eq!(
            caption_of("a/foto/работа_в_группах.jpg").as_deref(),
            Some("Работа в группах")
        );
        for camera in [
            "IMG_2041.jpg",
            "DSC00012.JPG",
            "20240312_101500.jpg",
            "PXL_20240312_101500123.jpg",
            "photo-3.png",
        ] {
            assert_eq!(caption_of(camera), None, "{camera}");
        }
    }
}
