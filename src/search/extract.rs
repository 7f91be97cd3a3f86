//! The text a visitor reads on a rendered page: the content of `<main>`,
//! without elements marked `data-search-ignore` (breadcrumbs, tables of
//! contents, back-reference lists: navigation repeated across pages), split
//! into headings and body. The HTML is the theme's own output, so a small
//! tag scanner is enough; an HTML5 parser (html5ever) would cost a DOM per
//! page in the parallel page pass for no gain on well-formed input.

/// What [`main_text`] finds.
#[derive(Debug, Default, PartialEq)]
pub struct PageText {
    /// `<h2>`…`<h6>` texts, one a line (`<h1>` is the page's title).
    pub headings: String,
    /// The whole text in reading order, with a line break at each block
    /// and a [`SECTION`] mark at each heading.
    pub body: String,
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "br",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "caption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "details",
    "summary",
];
/// Elements without an end tag.
const VOID: &[&str] = &[
    "br", "img", "hr", "input", "meta", "link", "source", "wbr", "col", "area", "embed", "track",
];
/// Elements whose content is not text for the reader (`script` and
/// `style` are skipped as raw text).
const SKIPPED: &[&str] = &["svg", "template", "noscript", "button"];

/// The text of `<main>` (of the whole document when it has none).
pub fn main_text(html: &str) -> PageText {
    main_text_of(html.as_bytes())
}

/// [`main_text`] of a rendered page's bytes: only `<main>` is checked to
/// be UTF-8 (the whole page is not, as the page pass never needed it).
pub fn main_text_of(page: &[u8]) -> PageText {
    let start = memchr::memmem::find(page, b"<main").unwrap_or(0);
    let end = memchr::memmem::rfind(&page[start..], b"</main>").map_or(page.len(), |e| start + e);
    // Both ends are at an ASCII `<`, so the slice is whole characters.
    let html = std::str::from_utf8(&page[start..end]).unwrap_or_default();
    let (start, end) = (0, html.len());
    let mut out = PageText::default();
    // Depth of open elements inside an ignored or skipped one (0: reading).
    let mut hidden = 0usize;
    let mut heading = false;
    let mut rest = &html[start..end];
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut out, heading, rest, hidden);
            break;
        };
        push_text(&mut out, heading, &rest[..lt], hidden);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name_end = tag
            .trim_start_matches('/')
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(tag.len() - usize::from(closing));
        let name = tag.trim_start_matches('/')[..name_end].to_ascii_lowercase();
        let void = VOID.contains(&name.as_str()) || tag.ends_with('/');
        if hidden > 0 {
            if !void {
                hidden = if closing { hidden - 1 } else { hidden + 1 };
            }
            continue;
        }
        if !closing && matches!(name.as_str(), "script" | "style") {
            // Raw text: its `<` are not tags.
            let end = format!("</{name}");
            rest = rest.find(&end).map_or("", |e| &rest[e..]);
            continue;
        }
        if !closing
            && !void
            && (tag.contains("data-search-ignore") || SKIPPED.contains(&name.as_str()))
        {
            hidden = 1;
            continue;
        }
        let is_heading = matches!(name.as_str(), "h2" | "h3" | "h4" | "h5" | "h6");
        if name == "h1" {
            // The title is indexed as its own field.
            if !closing {
                hidden = 1;
            }
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            line_break(&mut out.body);
            if heading {
                line_break(&mut out.headings);
            }
        }
        if is_heading {
            heading = !closing;
            if heading {
                out.body.push(SECTION);
                out.body.push_str(attribute(tag, "id").unwrap_or_default());
                out.body.push(SECTION_TITLE);
            }
        }
    }
    out
}

/// Starts a section in [`PageText::body`]: `SECTION`, the heading's `id`,
/// [`SECTION_TITLE`], then the heading's text; the browser groups a long
/// page's matches by these sections and links to their headings.
pub const SECTION: char = '\u{1}';
/// Ends the `id` of a [`SECTION`] mark.
pub const SECTION_TITLE: char = '\u{2}';

/// The value of a double-quoted attribute in a tag's text.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()
}

fn line_break(text: &mut String) {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
}

/// Heading text goes to the body too: snippets read the page in order.
fn push_text(out: &mut PageText, heading: bool, raw: &str, hidden: usize) {
    if hidden > 0 {
        return;
    }
    decode_into(raw, &mut out.body);
    if heading {
        decode_into(raw, &mut out.headings);
    }
}

/// Appends `raw` with entities decoded and whitespace collapsed.
fn decode_into(raw: &str, out: &mut String) {
    let mut rest = raw;
    let mut space = out.is_empty() || out.ends_with([' ', '\n']);
    while !rest.is_empty() {
        // Runs of plain characters are copied whole.
        let plain = rest
            .find(|c: char| c == '&' || c.is_whitespace())
            .unwrap_or(rest.len());
        if plain > 0 {
            out.push_str(&rest[..plain]);
            space = false;
            rest = &rest[plain..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        let (ch, len) = if c == '&' {
            entity(rest).unwrap_or(('&', 1))
        } else {
            (c, c.len_utf8())
        };
        rest = &rest[len..];
        if ch.is_whitespace() {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(ch);
            space = false;
        }
    }
}

/// The character of an entity at the start of `s` and the entity's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "laquo" => '«',
        "raquo" => '»',
        "mdash" => '—',
        "ndash" => '–',
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_without_navigation() {
        let html = "<header>Меню сайта</header><main id=\"main\"><nav data-search-ignore>\
                    <a href=\"/\">Главная</a><ul><li>Раздел</li></ul></nav><h1>Заголовок</h1>\
                    <p>Текст &laquo;школы&raquo;&nbsp;№&#160;5</p><h2 id=\"itogi\">Итоги <em>года</em></h2>\
                    <table><tr><td>Кудельникова&nbsp;В.&nbsp;В.</td><td>2022</td></tr></table>\
                    <script>var x = '<p>';</script><!-- <p>скрыто</p> --><p>Конец<br>строки</p>\
                    </main><footer>Подвал</footer>";
        let text = main_text(html);
        assert_eq!(text.headings, "Итоги года\n");
        assert_eq!(
            text.body,
            "Текст «школы» № 5\n\u{1}itogi\u{2}Итоги года\nКудельникова В. В.\n2022\nКонец\nстроки\n"
        );
    }
}
