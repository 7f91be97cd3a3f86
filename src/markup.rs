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

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_both_quotes() {
        assert_eq!(
            super::escape("<a href=\"x\">Тест & «ё»'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Тест &amp; «ё»&#39;&lt;/a&gt;"
        );
    }
}
