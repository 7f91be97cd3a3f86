//! Raw HTML in authors' Markdown. Content comes from many hands — text
//! pasted from Word or from other sites carries `<script>`, `on…=`
//! handlers, trackers and foreign `<iframe>`s, and an official education
//! site must not run foreign code. So, as Hugo does by default, raw HTML is
//! not passed through: a few harmless inline tags authors use for what
//! Markdown lacks (`<br>`, `<sup>`, `<sub>`, `<u>`, `<mark>`, `<small>`,
//! `<s>`) are kept, anything else is left out with a warning at its line.
//! A site whose authors are trusted sets `raw_html = true` in site.toml.
//!
//! Not a sanitizer (ammonia would be the crate for that): nothing is
//! rewritten, a fragment is either one of the plain tags above or dropped,
//! which needs no HTML parser.

use pulldown_cmark::{CowStr, Event};
use std::ops::Range;

use super::markdown::{Rendered, Source};

/// Tags kept without `raw_html`, without attributes.
const PLAIN: &[&str] = &["br", "sup", "sub", "u", "mark", "small", "s", "b", "i"];

/// Drops the raw HTML of `events` that is not plain, warning once per
/// fragment with its place.
pub fn filter(
    events: &mut [(Event<'_>, Range<usize>)],
    body: &str,
    src: &Source,
    out: &mut Rendered,
) {
    if src.site.config.raw_html {
        return;
    }
    // A block of HTML arrives as one event per line: one warning for it.
    let mut block_end = None;
    for (event, range) in events.iter_mut() {
        let html = match event {
            Event::Html(h) | Event::InlineHtml(h) => h.to_string(),
            _ => continue,
        };
        if html.trim().is_empty() || is_plain(&html) || html.trim_start().starts_with("<!--") {
            continue;
        }
        let continues = block_end.is_some_and(|end: usize| {
            body.get(end..range.start)
                .is_some_and(|gap| gap.trim().is_empty())
        });
        block_end = Some(range.end);
        *event = Event::Text(CowStr::from(""));
        if continues {
            continue;
        }
        let (line, col) = crate::diagnostics::line_col(body, range.start);
        let shown: String = html.trim().chars().take(60).collect();
        out.diagnostics.push(
            src.file
                .warn(
                    src.body_line + line - 1,
                    col,
                    format!("HTML-разметка в тексте не выводится: «{shown}»"),
                )
                .with_hint(
                    "оформление пишите в Markdown; вставку с другого сайта (видео, карту, счётчик) \
                     замените ссылкой. Если HTML нужен и авторам сайта можно доверять, \
                     включите в site.toml «raw_html = true»",
                ),
        );
    }
}

/// `<br>`, `<br/>`, `</sup>`, `<mark>` …: tags from [`PLAIN`] with no
/// attributes, and nothing else but blanks.
fn is_plain(html: &str) -> bool {
    let mut rest = html.trim();
    while !rest.is_empty() {
        let Some(tag) = rest.strip_prefix('<') else {
            return false;
        };
        let Some(end) = tag.find('>') else {
            return false;
        };
        let name = tag[..end]
            .trim_start_matches('/')
            .trim_end_matches('/')
            .trim()
            .to_ascii_lowercase();
        if !PLAIN.contains(&name.as_str()) {
            return false;
        }
        rest = tag[end + 1..].trim_start();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::is_plain;

    #[test]
    fn only_bare_harmless_tags_are_plain() {
        for ok in ["<br>", "<br/>", "<br />", "</sup>", "<MARK>", "<sub>"] {
            assert!(is_plain(ok), "{ok}");
        }
        for bad in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<br onclick=alert(1)>",
            "<div>",
            "<sup",
        ] {
            assert!(!is_plain(bad), "{bad}");
        }
    }
}
