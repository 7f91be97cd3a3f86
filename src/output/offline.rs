//! Offline mode: every internal link becomes relative and explicit
//! (`../practices/index.html`), so the site works opened from disk
//! (`file://`) — a USB stick at a seminar, a school's network share. Done on
//! the finished HTML, so it covers links from the theme and from Markdown
//! alike; `Output::prepare` applies it to every file as it is added.

/// Rewrites `href`, `src`, `action`, `srcset` and `data-item` attribute
/// values, CSS `url(…)` and the `"url"` of JSON embedded for the filter
/// script, when they start with `base_path`, into paths relative to `from`
/// (the filter's rows, keyed by `data-item`, still match its items).
pub fn rewrite(text: &str, from: &str, base_path: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    let mut rest = text;
    const MARKERS: [&str; 11] = [
        "\"url\":\"",
        "data-item=\"",
        "srcset=\"",
        "href=\"",
        "src=\"",
        "action=\"",
        "href='",
        "src='",
        "action='",
        "url(\"",
        "url(",
    ];
    loop {
        let next = MARKERS
            .iter()
            .filter_map(|m| rest.find(m).map(|i| (i, *m)))
            .min_by_key(|(i, m)| (*i, usize::MAX - m.len()));
        let Some((i, marker)) = next else {
            out.push_str(rest);
            break;
        };
        let value_start = i + marker.len();
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let end_char = match marker.chars().last() {
            Some('\'') => '\'',
            Some('(') => ')',
            _ => '"',
        };
        let end = rest.find(end_char).unwrap_or(rest.len());
        let value = &rest[..end];
        let one = |v: &str| relative(v, from, base_path).unwrap_or_else(|| v.to_string());
        if marker == "srcset=\"" {
            // `url 480w, url 960w`: each candidate's URL.
            let candidates: Vec<String> = value
                .split(", ")
                .map(|c| match c.split_once(' ') {
                    Some((u, size)) => format!("{} {size}", one(u)),
                    None => one(c),
                })
                .collect();
            out.push_str(&candidates.join(", "));
        } else {
            out.push_str(&one(value));
        }
        rest = &rest[end..];
    }
    out
}

/// The relative form of an internal URL, or `None` to keep it.
fn relative(url: &str, from: &str, base_path: &str) -> Option<String> {
    if url.starts_with("//") {
        return None;
    }
    let target = url.strip_prefix(base_path)?;
    let (path, suffix) = match target.find(['#', '?']) {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    };
    let mut path = path.to_string();
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    let from_dir: Vec<&str> = from.split('/').collect::<Vec<_>>();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to: Vec<&str> = path.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to.len() - 1);
    let mut rel = "../".repeat(from_dir.len() - common);
    rel.push_str(&to[common..].join("/"));
    Some(format!("{rel}{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srcset_candidates_become_relative() {
        assert_eq!(
            rewrite(
                r#"<source srcset="/metod/a/f-480w.webp 480w, /metod/a/f-960w.webp 960w">"#,
                "a/p/index.html",
                "/metod/"
            ),
            r#"<source srcset="../f-480w.webp 480w, ../f-960w.webp 960w">"#
        );
    }

    #[test]
    fn links_become_relative_and_explicit() {
        let html = r#"<a href="/metod/praktiki/">П</a><img src="/metod/img/a.png"><a href="https://x.ru/">x</a><a href="/metod/#top">up</a>"#;
        let out = rewrite(html, "dokumenty/prikaz/index.html", "/metod/");
        assert_eq!(
            out,
            r#"<a href="../../praktiki/index.html">П</a><img src="../../img/a.png"><a href="https://x.ru/">x</a><a href="../../index.html#top">up</a>"#
        );
        assert_eq!(
            rewrite(r#"<a href="/a/b/">"#, "a/b/index.html", "/"),
            r#"<a href="index.html">"#
        );
        assert_eq!(
            rewrite("url(/css/x.woff)", "css/site.css", "/"),
            "url(x.woff)"
        );
    }
}
