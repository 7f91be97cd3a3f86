//! Images in Markdown: a processed photo becomes a `<picture>` with WebP and
//! JPEG sizes, its width and height (the page does not jump while it loads)
//! and lazy loading after the first image of the text; every image without
//! a description is a warning at its line.

use super::markdown::Source;
use crate::diagnostics::{line_col, Severity};
use crate::images::Photo;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::ops::Range;

/// The alt text an author writes for an image that only decorates the page
/// (`![декоративное](узор.png)`): it gets `alt=""` and no warning.
pub const DECORATIVE: &str = "декоративное";

/// How wide an image of the text column is drawn (the column is 48rem).
pub const TEXT_SIZES: &str = "(max-width: 50rem) calc(100vw - 2rem), 48rem";

/// Rewrites every Markdown image of `events` in place: photos into
/// `<picture>`, decorative images to an empty alt; warns of images without
/// a description.
pub fn expand(
    events: &mut Vec<(Event, Range<usize>)>,
    body: &str,
    src: &Source,
    out: &mut super::markdown::Rendered,
) {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::Image { .. })))
    {
        return;
    }
    let base = src.site.config.base_path();
    let mut result = Vec::with_capacity(events.len());
    let mut first = true;
    let mut iter = std::mem::take(events).into_iter();
    while let Some((event, range)) = iter.next() {
        let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = &event
        else {
            result.push((event, range));
            continue;
        };
        let (dest, title) = (dest_url.to_string(), title.to_string());
        let mut inner = Vec::new();
        let mut end = None;
        for (e, r) in iter.by_ref() {
            if matches!(e, Event::End(TagEnd::Image)) {
                end = Some((e, r));
                break;
            }
            inner.push((e, r));
        }
        let alt: String = inner
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let decorative = alt.trim().to_lowercase() == DECORATIVE;
        if alt.trim().is_empty() {
            let (line, col) = line_col(body, range.start);
            let mut d = src
                .file
                .diag(
                    src.body_line + line - 1,
                    col,
                    format!("у картинки «{dest}» нет описания: незрячий посетитель не узнает, что на ней"),
                )
                .with_hint(format!(
                    "опишите снимок в квадратных скобках: ![Участники семинара у доски]({dest}); картинку-украшение отметьте так: ![{DECORATIVE}]({dest})"
                ));
            d.severity = Severity::Warning;
            out.diagnostics.push(d);
        }
        let alt = if decorative { String::new() } else { alt };
        if let Some(photo) = photo_of(&dest, src) {
            let html = picture(
                photo,
                &base,
                &alt,
                Some(title.as_str()).filter(|t| !t.is_empty()),
                TEXT_SIZES,
                first,
            );
            first = false;
            result.push((Event::InlineHtml(CowStr::from(html)), range));
            continue;
        }
        result.push((event, range));
        if !decorative {
            result.extend(inner);
        }
        result.extend(end);
    }
    *events = result;
}

/// The processed photo a Markdown image address names, if it is one.
fn photo_of<'a>(dest: &str, src: &'a Source) -> Option<&'a Photo> {
    if !matches!(crate::markup::scheme(dest), crate::markup::Scheme::None) || dest.starts_with('/')
    {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    let rel = match path.strip_prefix("@/") {
        Some(p) => p.to_string(),
        None => format!(
            "{}/{}",
            src.content_dir,
            percent_encoding::percent_decode_str(path).decode_utf8_lossy()
        ),
    };
    let rel = super::markdown::normalize(&rel)?;
    src.site.images.photos.get(&rel)
}

/// `<picture>` for a photo: WebP sizes, then the fallback `<img>` with its
/// own sizes, dimensions of the largest copy, and lazy loading unless it is
/// the first image a visitor sees.
pub fn picture(
    photo: &Photo,
    base: &str,
    alt: &str,
    title: Option<&str>,
    sizes: &str,
    eager: bool,
) -> String {
    let url = |p: &str| crate::markup::url_path(&format!("{base}{p}"));
    let srcset = |webp: bool| {
        photo
            .variants
            .iter()
            .map(|v| {
                let p = if webp { &v.webp } else { &v.fallback };
                format!("{} {}w", url(p), v.width)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let largest = photo.largest();
    // The middle size is a sensible `src` for browsers without srcset.
    let fallback = &photo.variants[photo.variants.len() / 2];
    let title = title
        .map(|t| format!(" title=\"{}\"", crate::markup::escape(t)))
        .unwrap_or_default();
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\"><img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{}\" height=\"{}\" alt=\"{}\"{title}{} decoding=\"async\"></picture>",
        srcset(true),
        url(&fallback.fallback),
        srcset(false),
        largest.width,
        largest.height,
        crate::markup::escape(alt),
        if eager { "" } else { " loading=\"lazy\"" },
    )
}
