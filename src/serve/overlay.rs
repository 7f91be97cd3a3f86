//! What `serve` adds to every HTML page it sends (never to the built site):
//! the live-reload script and, while the last build failed, the error overlay
//! with the same Russian diagnostics the terminal shows.

use crate::diagnostics::Diagnostic;
use crate::markup::escape;

/// The browser side of live reload (see `client.js`).
const CLIENT_JS: &str = include_str!("client.js");

/// The element id the script and the tests look for.
pub const OVERLAY_ID: &str = "metodist-overlay";

/// The overlay for a failed build: one block per diagnostic with its file,
/// line, message, the offending source line with a caret, and the hint.
pub fn html(diags: &[Diagnostic]) -> String {
    if !diags.iter().any(Diagnostic::is_error) {
        return String::new();
    }
    let mut out = format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alertdialog\" aria-labelledby=\"{OVERLAY_ID}-title\" \
         style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;\
         background:rgba(20,20,24,.94);color:#f4f4f4;font:16px/1.5 system-ui,sans-serif\">\
         <h2 id=\"{OVERLAY_ID}-title\" style=\"margin:0 0 1rem;color:#ff8a80;font-size:1.4rem\">{}</h2>\
         <p style=\"margin:0 0 1.5rem\">Исправьте файл и сохраните его — страница обновится сама. \
         Пока показана последняя удачная версия сайта.</p>",
        escape(&crate::diagnostics::summary(diags))
    );
    for d in diags {
        let color = if d.is_error() { "#ff8a80" } else { "#ffd180" };
        let label = match d.severity {
            crate::diagnostics::Severity::Error => "Ошибка",
            crate::diagnostics::Severity::Warning => "Предупреждение",
            crate::diagnostics::Severity::Note => "Заметка",
        };
        out.push_str(&format!(
            "<section style=\"margin:0 0 1.5rem;padding:1rem;border-left:4px solid {color};background:#26262c\">\
             <p style=\"margin:0;color:{color};font-weight:bold\">{label}: {}</p>\
             <p style=\"margin:.25rem 0 0;font-family:monospace\">{}</p>",
            escape(&d.message),
            escape(&d.location())
        ));
        if let Some(src) = &d.source_line {
            let caret = if d.column > 0 {
                format!(
                    "\n{}^",
                    " ".repeat(d.line.to_string().len() + 3 + d.column - 1)
                )
            } else {
                String::new()
            };
            out.push_str(&format!(
                "<pre style=\"margin:.5rem 0 0;padding:.5rem;background:#111;color:#eee;overflow:auto;white-space:pre\">{} | {}{}</pre>",
                d.line,
                escape(src),
                caret
            ));
        }
        if let Some(hint) = &d.hint {
            out.push_str(&format!(
                "<p style=\"margin:.5rem 0 0\">Подсказка: {}</p>",
                escape(hint)
            ));
        }
        out.push_str("</section>");
    }
    out.push_str("</div>");
    out
}

/// Adds the reload script (and the overlay, if any, and the editor's
/// `tools`) before `</body>`.
pub fn inject(page: &str, generation: u64, overlay: Option<&str>, tools: &str) -> String {
    let mut extra = tools.to_string();
    if let Some(o) = overlay.filter(|o| !o.is_empty()) {
        extra.push_str(o);
    }
    extra.push_str(&format!(
        "<script>window.__metodistGeneration={generation};{CLIENT_JS}</script>"
    ));
    let at = page
        .rfind("</body>")
        .or_else(|| page.rfind("</BODY>"))
        .unwrap_or(page.len());
    let mut out = String::with_capacity(page.len() + extra.len());
    out.push_str(&page[..at]);
    out.push_str(&extra);
    out.push_str(&page[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_shows_file_line_snippet_and_hint_escaped() {
        let d = Diagnostic::error("content/a.md", "неизвестное поле «dat»")
            .at("---\ntitle: <x>\ndat: 1\n---\n", 2, 8)
            .with_hint("возможно, вы имели в виду «date»?");
        let h = html(&[d]);
        assert!(h.contains("content/a.md:2:8"), "{h}");
        assert!(h.contains("2 | title: &lt;x&gt;"), "{h}");
        assert!(h.contains("Подсказка: возможно"), "{h}");
        assert!(h.contains("Сборка не удалась"), "{h}");
    }

    #[test]
    fn warnings_alone_make_no_overlay() {
        assert!(html(&[Diagnostic::warning("a", "b")]).is_empty());
    }

    #[test]
    fn script_goes_before_body_end() {
        let page = inject(
            "<html><body><p>x</p></body></html>",
            7,
            Some("<div>o</div>"),
            "",
        );
        assert!(page
            .starts_with("<html><body><p>x</p><div>o</div><script>window.__metodistGeneration=7;"));
        assert!(page.ends_with("</script></body></html>"));
    }
}
