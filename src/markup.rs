//! Escaping text for HTML, SVG and XML (feeds, sitemap): one function for
//! every place that writes markup by hand instead of through templates.

/// Escapes text for element content and quoted attribute values of HTML
/// and XML alike (`'` as `&#39;`, which both read).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON for a `<script type="application/json">` island: `<`, `>` and `&`
/// as `\u003c` `\u003e` `\u0026`, so that no `</script>`, `<!--` or
/// `<script` inside a value changes how the HTML parser reads the island,
/// and U+2028/U+2029 escaped for older script parsers. `JSON.parse` reads
/// the text back unchanged.
pub fn json_in_script(value: &serde_json::Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Characters a URL path cannot hold as they are (RFC 3986), besides the
/// non-ASCII letters that percent-encoding always escapes.
const PATH_UNSAFE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^')
    .add(b'[')
    .add(b']');

/// A site path of a file (`dokumenty/Приказ 1.pdf`) as an `href`:
/// `dokumenty/%D0%9F…%201.pdf`, which every browser and checker accepts and
/// the preview server and the file system decode back.
pub fn url_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH_UNSAFE).to_string()
}

/// What the start of a link address says about where it goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Scheme<'a> {
    /// No scheme: a path on the site or relative to the page.
    None,
    /// Runs code or carries a document of its own when followed
    /// (`javascript:`, `vbscript:`, `data:`): never from content.
    Unsafe(&'a str),
    /// Any other scheme (`https:`, `mailto:`, `tel:`, `sms:`, …): a link out.
    Other(&'a str),
}

/// The scheme of `url` as RFC 3986 writes it (a letter, then letters,
/// digits, `+ - .`, then `:`), ignoring the blanks and control characters a
/// browser would skip before it.
pub fn scheme(url: &str) -> Scheme<'_> {
    let url = url.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
    let Some((name, _)) = url.split_once(':') else {
        return Scheme::None;
    };
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid {
        return Scheme::None;
    }
    if ["javascript", "vbscript", "data"]
        .iter()
        .any(|s| name.eq_ignore_ascii_case(s))
    {
        Scheme::Unsafe(name)
    } else {
        Scheme::Other(name)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_islands_hide_every_markup_character_and_read_back_the_same() {
        let hostile = serde_json::json!({"title": "Приказ <!-- <script> </script> & \u{2028}"});
        let island = super::json_in_script(&hostile);
        for bad in ["<", ">", "&", "\u{2028}"] {
            assert!(!island.contains(bad), "{island}");
        }
        let back: serde_json::Value = serde_json::from_str(&island).unwrap();
        assert_eq!(back, hostile);
    }

    #[test]
    fn file_paths_become_valid_hrefs() {
        assert_eq!(
            super::url_path("/dokumenty/Приказ 1.pdf"),
            "/dokumenty/%D0%9F%D1%80%D0%B8%D0%BA%D0%B0%D0%B7%201.pdf"
        );
        assert_eq!(super::url_path("/a/b-c_d.pdf"), "/a/b-c_d.pdf");
    }

    #[test]
    fn schemes_are_read_as_browsers_read_them() {
        use super::{scheme, Scheme};
        assert_eq!(scheme("JavaScript:alert(1)"), Scheme::Unsafe("JavaScript"));
        assert_eq!(scheme(" \tjavascript:x"), Scheme::Unsafe("javascript"));
        assert_eq!(scheme("data:text/html,x"), Scheme::Unsafe("data"));
        assert_eq!(scheme("tel:+73812000000"), Scheme::Other("tel"));
        assert_eq!(scheme("irc://irc.example/x"), Scheme::Other("irc"));
        assert_eq!(scheme("/dokumenty/"), Scheme::None);
        assert_eq!(scheme("foto 1:2.jpg"), Scheme::None);
        assert_eq!(scheme("../a.md"), Scheme::None);
    }

    #[test]
    fn escapes_markup_and_both_quotes() {
        assert_eq!(
            super::escape("<a href=\"x\">Тест & «ё»'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Тест &amp; «ё»&#39;&lt;/a&gt;"
        );
    }
}
