//! Russian typography applied at render time (domain.md §5.4): «ёлочки» with
//! nested „лапки“, no-break spaces, dashes and the ellipsis.
//!
//! The rules work on a sequence of characters that remember which Markdown
//! event they came from, so one pass sees a whole block («quote *opened*
//! before emphasis» closes after it) while code, raw HTML and link
//! destinations are never touched: they are not text events, or they stand in
//! the sequence as an opaque placeholder. Written here because the typograph
//! crates on crates.io are either English-only (smart quotes) or HTML
//! post-processors that cannot see Markdown structure.

mod dashes;
mod guard;
mod nbsp;
mod punctuation;
mod quotes;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// No-break space (U+00A0).
pub const NBSP: char = '\u{a0}';
/// Narrow no-break space (U+202F): after № and §, between digit groups.
pub const NNBSP: char = '\u{202f}';
/// Stands for an inline atom the rules must not change (code, inline HTML, math).
pub(super) const OPAQUE: char = '\u{fffc}';
/// Stands for a hard line break: whitespace, but never replaced.
pub(super) const HARD_BREAK: char = '\u{2028}';

/// Which rules run. `site.toml` sets it under `[typography]`: a group
/// switch (`quotes = false`) or single rules by name
/// (`off = ["digit-grouping"]`); a page's front matter may switch it all off
/// with `typography: false`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct TypographyConfig {
    /// Master switch: when off, text passes through untouched.
    pub enabled: bool,
    /// «ёлочки», „лапки“ and ‚марровские‘, unbalanced-quote warnings.
    pub quotes: bool,
    /// No-break spaces: short words, initials, abbreviations, units, №, §, …
    pub nbsp: bool,
    /// Em dashes, direct speech, en dashes in ranges.
    pub dashes: bool,
    /// «...» → «…», «?..», «!..».
    pub ellipsis: bool,
    /// Digit groups in long numbers (12 345).
    pub numbers: bool,
    /// Doubled marks, spaces before punctuation, «!?» → «?!».
    pub punctuation: bool,
    /// Single rules switched off, by [`Rule::name`].
    pub off: RuleSet,
}

impl Default for TypographyConfig {
    fn default() -> Self {
        TypographyConfig {
            enabled: true,
            quotes: true,
            nbsp: true,
            dashes: true,
            ellipsis: true,
            numbers: true,
            punctuation: true,
            off: RuleSet::default(),
        }
    }
}

impl TypographyConfig {
    /// The site's settings with a page's `typography: true/false` applied.
    pub fn for_page(self, page_override: Option<bool>) -> Self {
        TypographyConfig {
            enabled: page_override.unwrap_or(self.enabled),
            ..self
        }
    }

    /// Whether `rule` runs: its group is on and it is not switched off.
    pub fn on(&self, rule: Rule) -> bool {
        let group = match rule.group() {
            Group::Quotes => self.quotes,
            Group::Nbsp => self.nbsp,
            Group::Dashes => self.dashes,
            Group::Ellipsis => self.ellipsis,
            Group::Numbers => self.numbers,
            Group::Punctuation => self.punctuation,
        };
        self.enabled && group && !self.off.contains(rule)
    }
}

/// The `[typography]` group a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Quotes,
    Nbsp,
    Dashes,
    Ellipsis,
    Numbers,
    Punctuation,
}

macro_rules! rules {
    ($($rule:ident $name:literal $group:ident,)*) => {
        /// One rule, switchable by name in `[typography] off = [...]`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Rule { $($rule,)* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$rule,)*];

            /// The name authors write in `site.toml`.
            pub fn name(self) -> &'static str {
                match self { $(Rule::$rule => $name,)* }
            }

            pub fn group(self) -> Group {
                match self { $(Rule::$rule => Group::$group,)* }
            }
        }
    };
}

rules! {
    Quotes "quotes" Quotes,
    Dash "dash" Dashes,
    DirectSpeech "direct-speech" Dashes,
    Ranges "ranges" Dashes,
    ShortWords "short-words" Nbsp,
    Initials "initials" Nbsp,
    Abbreviations "abbreviations" Nbsp,
    NumberUnit "number-unit" Nbsp,
    Centuries "centuries" Nbsp,
    Years "years" Nbsp,
    NumberSign "number-sign" Nbsp,
    Addresses "addresses" Nbsp,
    References "references" Nbsp,
    Particles "particles" Nbsp,
    OrgForms "org-forms" Nbsp,
    LastWord "last-word" Nbsp,
    Ellipsis "ellipsis" Ellipsis,
    EllipsisAfterMarks "ellipsis-after-marks" Ellipsis,
    SpaceAfterEllipsis "space-after-ellipsis" Ellipsis,
    DigitGrouping "digit-grouping" Numbers,
    Spaces "spaces" Punctuation,
    DoublePunctuation "double-punctuation" Punctuation,
    SpaceBeforePunctuation "space-before-punctuation" Punctuation,
    Exclamations "exclamations" Punctuation,
    Percent "percent" Punctuation,
}

/// A set of rules, written in `site.toml` as a list of names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RuleSet(u32);

impl RuleSet {
    pub fn contains(self, rule: Rule) -> bool {
        self.0 & (1 << rule as u32) != 0
    }

    pub fn insert(&mut self, rule: Rule) {
        self.0 |= 1 << rule as u32;
    }
}

impl Serialize for RuleSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let names: Vec<&str> = Rule::ALL
            .iter()
            .filter(|r| self.contains(**r))
            .map(|r| r.name())
            .collect();
        names.serialize(s)
    }
}

impl<'de> Deserialize<'de> for RuleSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut set = RuleSet::default();
        for name in Vec::<String>::deserialize(d)? {
            let rule = Rule::ALL.iter().find(|r| r.name() == name).ok_or_else(|| {
                let known: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
                serde::de::Error::custom(format!(
                    "неизвестное правило типографики «{name}»; есть: {}",
                    known.join(", ")
                ))
            })?;
            set.insert(*rule);
        }
        Ok(set)
    }
}

/// A problem in the author's text that typography cannot fix silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypoWarning {
    /// Byte offset in the source (the text given to [`typograph`], or the
    /// Markdown source when events carry ranges); `None` when unknown.
    pub offset: Option<usize>,
    /// The message for the author, in Russian.
    pub message: String,
}

/// Text with typography applied, plus what the author should review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typeset<T> {
    pub output: T,
    pub warnings: Vec<TypoWarning>,
}

/// Applies the rules to plain text (a data field, a title).
pub fn typograph(text: &str, cfg: &TypographyConfig) -> Typeset<String> {
    if !cfg.enabled {
        return Typeset {
            output: text.to_string(),
            warnings: Vec::new(),
        };
    }
    let chars = text
        .char_indices()
        .map(|(i, ch)| C::new(ch, 0, Some(i)))
        .collect();
    let mut warnings = Vec::new();
    let chars = apply_rules(chars, cfg, &mut warnings);
    Typeset {
        output: chars.iter().map(|c| c.ch).collect(),
        warnings,
    }
}

/// Applies the rules to a pulldown-cmark event stream; only text events of
/// normal text change. Warnings carry no offsets: use
/// [`typograph_events_with_offsets`] to report source lines.
pub fn typograph_events<'a>(
    events: Vec<Event<'a>>,
    cfg: &TypographyConfig,
) -> Typeset<Vec<Event<'a>>> {
    run_events(events.into_iter().map(|e| (e, None)), None, cfg)
}

/// Like [`typograph_events`] for `Parser::into_offset_iter()` output of
/// `source`, so warnings point into it and characters the author escaped
/// (`\"`, `&quot;`) are known and kept.
pub fn typograph_events_with_offsets<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    source: &str,
    cfg: &TypographyConfig,
) -> Typeset<Vec<Event<'a>>> {
    run_events(
        events.into_iter().map(|(e, r)| (e, Some(r))),
        Some(source),
        cfg,
    )
}

/// One character of a block's text: which event it belongs to and where it
/// came from in the source.
#[derive(Debug, Clone, Copy)]
pub(super) struct C {
    pub(super) ch: char,
    seg: u32,
    /// Source offset, [`C::NO_SRC`] when unknown (kept small: a block's text
    /// is copied as `C`s through every rule).
    src: u32,
    /// Part of an identifier (URL, file name, document number) or written
    /// escaped by the author: no rule changes it (see [`guard`]).
    pub(super) locked: bool,
}

impl C {
    const NO_SRC: u32 = u32::MAX;

    fn new(ch: char, seg: usize, src: Option<usize>) -> C {
        C {
            ch,
            seg: seg as u32,
            src: src.map_or(Self::NO_SRC, |s| s as u32),
            locked: false,
        }
    }

    fn src(&self) -> Option<usize> {
        (self.src != Self::NO_SRC).then_some(self.src as usize)
    }
}

fn run_events<'a>(
    events: impl Iterator<Item = (Event<'a>, Option<Range<usize>>)>,
    source: Option<&str>,
    cfg: &TypographyConfig,
) -> Typeset<Vec<Event<'a>>> {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    if !cfg.enabled {
        out.extend(events.map(|(e, _)| e));
        return Typeset {
            output: out,
            warnings,
        };
    }
    let mut run: Vec<(Event<'a>, Option<Range<usize>>)> = Vec::new();
    let mut verbatim = 0usize; // depth inside code and metadata blocks
    for (event, offset) in events {
        if verbatim == 0 && is_inline(&event) {
            run.push((event, offset));
            continue;
        }
        flush(&mut run, &mut out, source, cfg, &mut warnings);
        match &event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock) => {
                verbatim += 1
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                verbatim = verbatim.saturating_sub(1)
            }
            _ => {}
        }
        out.push(event);
    }
    flush(&mut run, &mut out, source, cfg, &mut warnings);
    Typeset {
        output: out,
        warnings,
    }
}

/// Events that live inside one block of running text.
fn is_inline(event: &Event) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::InlineHtml(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_)
        | Event::TaskListMarker(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

/// Typesets one block's inline events and appends them to `out`.
fn flush<'a>(
    run: &mut Vec<(Event<'a>, Option<Range<usize>>)>,
    out: &mut Vec<Event<'a>>,
    source: Option<&str>,
    cfg: &TypographyConfig,
    warnings: &mut Vec<TypoWarning>,
) {
    if !run.iter().any(|(e, _)| matches!(e, Event::Text(_))) {
        out.extend(run.drain(..).map(|(e, _)| e));
        return;
    }
    let mut verbatim = 0usize; // depth inside inline raw <code>, <kbd>, <samp>
    let pieces: Vec<_> = run
        .iter()
        .map(|(event, range)| {
            let piece = match event {
                Event::Text(t) if verbatim > 0 || entity(t, range.as_ref()) => Piece::Literal(t),
                Event::Text(t) if backslashed(t, range.as_ref(), source) => Piece::Escaped(t),
                Event::Text(t) => Piece::Text(t),
                Event::SoftBreak => Piece::Soft,
                Event::HardBreak => Piece::Hard,
                Event::Start(_) | Event::End(_) => Piece::Markup,
                Event::InlineHtml(html) => {
                    match inline_verbatim_tag(html) {
                        Some(true) => verbatim += 1,
                        Some(false) => verbatim = verbatim.saturating_sub(1),
                        None => {}
                    }
                    Piece::Opaque
                }
                _ => Piece::Opaque,
            };
            (piece, range.as_ref().map(|r| r.start))
        })
        .collect();
    let Some(texts) = typeset_pieces(&pieces, cfg, warnings) else {
        out.extend(run.drain(..).map(|(e, _)| e));
        return;
    };
    for ((event, _), text) in run.drain(..).zip(texts) {
        match event {
            Event::Text(_) if text.is_empty() => {}
            Event::Text(_) => out.push(Event::Text(CowStr::from(text))),
            Event::SoftBreak if text != "\n" => out.push(Event::Text(CowStr::from(text))),
            other => out.push(other),
        }
    }
}

/// A character the author wrote as an entity (`&quot;`, `&#x22;`): its
/// source is longer than its text.
fn entity(text: &str, range: Option<&Range<usize>>) -> bool {
    let mut chars = text.chars();
    let single = chars.next().is_some() && chars.next().is_none();
    single && range.is_some_and(|r| r.len() > text.len())
}

/// Text whose first character the author escaped with a backslash (`\"`):
/// pulldown-cmark starts a text event right after the backslash. A hyphen
/// escaped at a line start only keeps Markdown from reading a list, so it
/// may still become a dash.
fn backslashed(text: &str, range: Option<&Range<usize>>, source: Option<&str>) -> bool {
    let (Some(range), Some(source)) = (range, source) else {
        return false;
    };
    let first = text.chars().next();
    first.is_some_and(|c| c.is_ascii_punctuation() && c != '-')
        && source.as_bytes().get(range.start.wrapping_sub(1)) == Some(&b'\\')
}

/// `Some(true)` for an opening `<code>`, `<kbd>`, `<samp>` tag of inline raw
/// HTML, `Some(false)` for a closing one.
fn inline_verbatim_tag(html: &str) -> Option<bool> {
    let closing = html.starts_with("</");
    let name: String = html
        .trim_start_matches(['<', '/'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    INLINE_VERBATIM_TAGS
        .contains(&name.as_str())
        .then_some(!closing)
}

/// A part of one block of running text, as the rules see it.
enum Piece<'s> {
    Text(&'s str),
    /// Text no rule may change (inside inline raw code, or an entity).
    Literal(&'s str),
    /// Text whose first character is escaped and stays as written.
    Escaped(&'s str),
    /// A soft line break: whitespace that may become a no-break space.
    Soft,
    /// A hard line break: whitespace that stays.
    Hard,
    /// An atom the rules must not change (code, inline HTML, math).
    Opaque,
    /// Inline markup (emphasis, links) that takes no room in the text.
    Markup,
}

/// Runs the rules over one block and returns the new text of every piece
/// (empty for markup; «\n» for an untouched soft break), or `None` when no
/// rule changed anything, so the caller keeps its borrowed text.
fn typeset_pieces(
    pieces: &[(Piece, Option<usize>)],
    cfg: &TypographyConfig,
    warnings: &mut Vec<TypoWarning>,
) -> Option<Vec<String>> {
    let len = pieces.iter().map(|(piece, _)| match piece {
        Piece::Text(t) | Piece::Literal(t) | Piece::Escaped(t) => t.len(),
        _ => 1,
    });
    let mut chars = Vec::with_capacity(len.sum());
    for (seg, (piece, offset)) in pieces.iter().enumerate() {
        let mut push = |ch, src| chars.push(C::new(ch, seg, src));
        match piece {
            Piece::Text(t) => {
                for (i, ch) in t.char_indices() {
                    push(ch, offset.map(|o| o + i));
                }
            }
            Piece::Literal(t) | Piece::Escaped(t) => {
                let all = matches!(piece, Piece::Literal(_));
                for (i, ch) in t.char_indices() {
                    let mut c = C::new(ch, seg, offset.map(|o| o + i));
                    c.locked = all || i == 0;
                    chars.push(c);
                }
            }
            Piece::Soft => push('\n', *offset),
            Piece::Hard => push(HARD_BREAK, *offset),
            Piece::Opaque => push(OPAQUE, *offset),
            Piece::Markup => {}
        }
    }
    let chars = apply_rules(chars, cfg, warnings);
    if unchanged(pieces, &chars) {
        return None;
    }
    let mut texts: Vec<String> = pieces
        .iter()
        .map(|(piece, _)| match piece {
            Piece::Text(t) => String::with_capacity(t.len() + t.len() / 8),
            _ => String::new(),
        })
        .collect();
    for c in &chars {
        texts[c.seg as usize].push(c.ch);
    }
    Some(texts)
}

/// Whether the rules left every piece's characters as they were.
fn unchanged(pieces: &[(Piece, Option<usize>)], chars: &[C]) -> bool {
    let mut rest = chars.iter();
    let mut same = |seg: usize, ch: char| {
        rest.next()
            .is_some_and(|c| c.ch == ch && c.seg as usize == seg)
    };
    for (seg, (piece, _)) in pieces.iter().enumerate() {
        let ok = match piece {
            Piece::Text(t) | Piece::Literal(t) | Piece::Escaped(t) => {
                t.chars().all(|ch| same(seg, ch))
            }
            Piece::Soft => same(seg, '\n'),
            Piece::Hard => same(seg, HARD_BREAK),
            Piece::Opaque => same(seg, OPAQUE),
            Piece::Markup => true,
        };
        if !ok {
            return false;
        }
    }
    rest.next().is_none()
}

/// Applies the rules to rendered HTML (a `safe` template value): only text
/// between tags changes; `<code>`, `<pre>`, `<script>`, `<style>`,
/// `<textarea>`, `<kbd>` and `<samp>` contents and all attributes stay as
/// they are. Block-level tags end a block of quote nesting.
pub fn typograph_html(html: &str, cfg: &TypographyConfig) -> Typeset<String> {
    let mut warnings = Vec::new();
    if !cfg.enabled {
        return Typeset {
            output: html.to_string(),
            warnings,
        };
    }
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut run: Vec<(Piece, Option<usize>, &str)> = Vec::new();
    let flush = |run: &mut Vec<(Piece, Option<usize>, &str)>,
                 out: &mut String,
                 warnings: &mut Vec<TypoWarning>| {
        let pieces: Vec<_> = run
            .drain(..)
            .map(|(piece, offset, raw)| ((piece, offset), raw))
            .collect();
        let (pieces, raws): (Vec<_>, Vec<_>) = pieces.into_iter().unzip();
        let Some(texts) = typeset_pieces(&pieces, cfg, warnings) else {
            for ((piece, _), raw) in pieces.iter().zip(raws) {
                match piece {
                    Piece::Text(t) if raw.is_empty() => out.push_str(t),
                    _ => out.push_str(raw),
                }
            }
            return;
        };
        for (((piece, _), raw), text) in pieces.iter().zip(raws).zip(texts) {
            match piece {
                // An entity quote the rules left alone is written back as it was.
                Piece::Text(_) if !raw.is_empty() && text == "\"" => out.push_str(raw),
                Piece::Text(_) => out.push_str(&text),
                _ => out.push_str(raw),
            }
        }
    };
    let mut pos = 0;
    while pos < html.len() {
        let rest = &html[pos..];
        if !rest.starts_with('<') {
            let end = rest.find('<').map_or(html.len(), |e| pos + e);
            // In HTML text `&quot;` is the quote itself (often from an escaping
            // step, not the author's choice), so the rules see a quote.
            let mut from = pos;
            while let Some((at, entity)) = next_quote_entity(&html[from..end]) {
                if at > 0 {
                    run.push((Piece::Text(&html[from..from + at]), Some(from), ""));
                }
                let raw = &html[from + at..from + at + entity];
                run.push((Piece::Text("\""), Some(from + at), raw));
                from += at + entity;
            }
            if from < end {
                run.push((Piece::Text(&html[from..end]), Some(from), ""));
            }
            pos = end;
            continue;
        }
        let tag_end = if rest.starts_with("<!--") {
            rest.find("-->").map_or(html.len(), |e| pos + e + 3)
        } else {
            rest.find('>').map_or(html.len(), |e| pos + e + 1)
        };
        let tag = &html[pos..tag_end];
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let closing = tag.starts_with("</");
        if !closing && VERBATIM_TAGS.contains(&name.as_str()) {
            let close = format!("</{name}");
            let end = html[tag_end..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(html.len(), |e| {
                    let close_at = tag_end + e;
                    html[close_at..]
                        .find('>')
                        .map_or(html.len(), |g| close_at + g + 1)
                });
            let element = &html[pos..end];
            if INLINE_VERBATIM_TAGS.contains(&name.as_str()) {
                run.push((Piece::Opaque, Some(pos), element));
            } else {
                flush(&mut run, &mut out, &mut warnings);
                out.push_str(element);
            }
            pos = end;
            continue;
        }
        if name == "br" {
            run.push((Piece::Hard, Some(pos), tag));
        } else if INLINE_TAGS.contains(&name.as_str()) || name.is_empty() {
            run.push((Piece::Markup, Some(pos), tag));
        } else {
            flush(&mut run, &mut out, &mut warnings);
            out.push_str(tag);
        }
        pos = tag_end;
    }
    flush(&mut run, &mut out, &mut warnings);
    Typeset {
        output: out,
        warnings,
    }
}

/// The first `&quot;`, `&#34;` or `&#x22;` in `text`: offset and length.
fn next_quote_entity(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = text[from..].find('&') {
        let at = from + at;
        let rest = &text[at..];
        let entity = ["&quot;", "&#34;", "&#x22;", "&#X22;"]
            .iter()
            .find(|e| rest.starts_with(*e));
        if let Some(e) = entity {
            return Some((at, e.len()));
        }
        from = at + 1;
    }
    None
}

/// Elements whose content is never typeset.
const VERBATIM_TAGS: &[&str] = &["pre", "code", "script", "style", "textarea", "kbd", "samp"];
/// Verbatim elements that sit inside running text.
const INLINE_VERBATIM_TAGS: &[&str] = &["code", "kbd", "samp"];
/// Elements that continue the running text around them.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "cite", "del", "dfn", "em", "i", "ins", "mark", "q", "s", "small", "span",
    "strong", "sub", "sup", "time", "u",
];

fn apply_rules(mut v: Vec<C>, cfg: &TypographyConfig, warnings: &mut Vec<TypoWarning>) -> Vec<C> {
    let has = Present::scan(&v);
    if has.marks {
        guard::lock_identifiers(&mut v, has.digits);
    }
    if has.double_space && cfg.on(Rule::Spaces) {
        v = punctuation::spaces(v);
    }
    if has.punctuation && cfg.punctuation {
        v = punctuation::punctuation(v, cfg);
    }
    if has.dots && cfg.ellipsis {
        v = punctuation::ellipsis(v, cfg);
    }
    if has.quotes && cfg.on(Rule::Quotes) {
        quotes::quotes(&mut v, warnings);
    }
    if has.dashes && cfg.dashes {
        v = dashes::dashes(v, cfg);
    }
    if cfg.nbsp {
        v = nbsp::no_break_spaces(v, cfg);
    }
    if has.digits && cfg.on(Rule::DigitGrouping) {
        v = punctuation::digit_grouping(v);
    }
    v
}

/// The characters a block holds, found in one scan before the rules run: a
/// pass every rule of which starts at a character the block lacks is
/// skipped (most table cells and list items hold no quotes, dashes or
/// doubled marks). Each flag is a superset of what its pass looks for, and
/// no earlier pass creates a character a later skipped pass would need.
#[derive(Default)]
struct Present {
    /// Characters identifiers have and words do not (see [`guard`]).
    marks: bool,
    /// Two plain spaces in a row.
    double_space: bool,
    /// A doubled `,;:`, a mark after a space, or any `!`.
    punctuation: bool,
    /// `..` or `…`.
    dots: bool,
    quotes: bool,
    dashes: bool,
    digits: bool,
}

impl Present {
    fn scan(v: &[C]) -> Present {
        let mut has = Present::default();
        let mut prev = '\0';
        for c in v {
            let ch = c.ch;
            match ch {
                'а'..='я' | 'А'..='Я' | 'a'..='z' | 'A'..='Z' | '\n' | '\u{2028}' => {}
                ' ' => has.double_space |= prev == ' ',
                ',' | ';' | ':' => {
                    has.punctuation |= prev == ch || prev == ' ' || prev == NBSP;
                    has.marks |= ch == ':';
                }
                '!' => has.punctuation = true,
                '?' | '%' | '‰' => has.punctuation |= prev == ' ' || prev == NBSP,
                '.' => {
                    has.punctuation |= prev == ' ' || prev == NBSP;
                    has.dots |= prev == '.';
                    has.marks = true;
                }
                '…' => has.dots = true,
                '"' | '«' | '»' | '„' | '“' | '”' | '‚' | '‘' => has.quotes = true,
                '-' | '–' | '—' => {
                    has.dashes = true;
                    has.marks |= ch == '-';
                }
                '0'..='9' => {
                    has.digits = true;
                    has.marks = true;
                }
                '@' | '/' | '_' | '+' | '№' => has.marks = true,
                _ => {}
            }
            prev = ch;
        }
        has
    }
}

/// An edit planned against the characters before a pass.
#[derive(PartialEq)]
pub(super) enum Edit {
    Replace(usize, char),
    Insert(usize, char),
    Delete(usize),
}

/// Applies edits; an inserted character joins the event of its left
/// neighbour when that is text (or a soft break), else its right neighbour,
/// so atoms like inline code never receive text.
pub(super) fn apply_edits(v: Vec<C>, mut edits: Vec<Edit>) -> Vec<C> {
    if edits.is_empty() {
        return v;
    }
    // At one index: inserts, then a delete (which wins over a replace).
    let pos = |e: &Edit| match e {
        Edit::Insert(i, c) => (*i, 0, *c),
        Edit::Delete(i) => (*i, 1, '\0'),
        Edit::Replace(i, c) => (*i, 2, *c),
    };
    // Two rules may plan the same edit («Э.А.Хиля» is seen from both initials).
    edits.sort_by_key(pos);
    edits.dedup();
    let mut out = Vec::with_capacity(v.len() + edits.len());
    let mut edits = edits.into_iter().peekable();
    let locked = |i: usize| v.get(i).is_some_and(|c| c.locked);
    for i in 0..=v.len() {
        let mut keep = true;
        while let Some(edit) = edits.next_if(|e| pos(e).0 == i) {
            match edit {
                // Nothing enters an identifier or changes its characters.
                Edit::Insert(..) if i > 0 && locked(i - 1) && locked(i) => {}
                Edit::Replace(..) | Edit::Delete(_) if locked(i) => {}
                Edit::Insert(_, ch) => {
                    let left = i.checked_sub(1).map(|j| v[j]);
                    let seg = match (left, v.get(i)) {
                        (Some(l), _) if l.ch != OPAQUE && l.ch != HARD_BREAK && !l.locked => l.seg,
                        (_, Some(r)) => r.seg,
                        (Some(l), None) => l.seg,
                        (None, None) => 0,
                    };
                    let src = left.map_or(C::NO_SRC, |l| l.src);
                    out.push(C {
                        ch,
                        seg,
                        src,
                        locked: false,
                    });
                }
                Edit::Replace(_, ch) if keep => {
                    out.push(C { ch, ..v[i] });
                    keep = false;
                }
                Edit::Delete(_) => keep = false,
                Edit::Replace(..) => {}
            }
        }
        if keep && i < v.len() {
            out.push(v[i]);
        }
    }
    out
}

// Character classes with fast paths for ASCII, Cyrillic and common
// punctuation: std's Unicode tables cost ~50 ns a lookup, and the rules ask
// several per character.

pub(super) fn letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => true,
        '\0'..='\u{bf}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphabetic(),
    }
}

pub(super) fn upper(c: char) -> bool {
    match c {
        'A'..='Z' | 'А'..='Я' | 'Ё' => true,
        'а'..='я' | 'ё' | '\0'..='\u{bf}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_uppercase(),
    }
}

pub(super) fn lower(c: char) -> bool {
    match c {
        'a'..='z' | 'а'..='я' | 'ё' => true,
        'А'..='Я' | 'Ё' | '\0'..='\u{bf}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_lowercase(),
    }
}

pub(super) fn alnum(c: char) -> bool {
    match c {
        '0'..='9' => true,
        _ if letter(c) => true,
        '\0'..='\u{bf}' | '\u{400}'..='\u{4ff}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_numeric(),
    }
}

pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\n' | '\t' | NBSP | '\u{202f}' | HARD_BREAK)
}

/// Whitespace a rule may turn into a no-break space (a tab is layout, kept).
pub(super) fn is_breakable(c: char) -> bool {
    matches!(c, ' ' | '\n')
}

pub(super) fn ch(v: &[C], i: usize) -> Option<char> {
    v.get(i).map(|c| c.ch)
}

pub(super) fn before(v: &[C], i: usize) -> Option<char> {
    i.checked_sub(1).and_then(|j| ch(v, j))
}

/// Whether `c` is one of the dashes or a hyphen.
pub(super) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

/// The digits ending just before `end` (exclusive).
pub(super) fn digits_before(v: &[C], end: usize) -> usize {
    (0..end)
        .rev()
        .take_while(|&j| v[j].ch.is_ascii_digit())
        .count()
}

pub(super) fn digits_after(v: &[C], start: usize) -> usize {
    (start..v.len())
        .take_while(|&j| v[j].ch.is_ascii_digit())
        .count()
}

/// The letters of the word starting at `start`.
pub(super) fn word_at(v: &[C], start: usize) -> usize {
    (start..v.len()).take_while(|&j| letter(v[j].ch)).count()
}

/// A short word copied to the stack: the rules look at every word, and an
/// allocation per word costs more than the rules themselves.
pub(super) struct Word {
    buf: [u8; 24],
    len: usize,
}

impl Word {
    pub(super) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

/// The `len` letters at `start` (lower-cased when `fold`), empty when longer
/// than six.
pub(super) fn short_word(v: &[C], start: usize, len: usize, fold: bool) -> Word {
    let mut word = Word {
        buf: [0; 24],
        len: 0,
    };
    if len > 6 {
        return word;
    }
    for c in &v[start..start + len] {
        let ch = match c.ch {
            'А'..='Я' if fold => char::from_u32(c.ch as u32 + 32).unwrap_or(c.ch),
            'Ё' if fold => 'ё',
            'A'..='Z' if fold => c.ch.to_ascii_lowercase(),
            ch if fold && !lower(ch) => ch.to_lowercase().next().unwrap_or(ch),
            ch => ch,
        };
        word.len += ch.encode_utf8(&mut word.buf[word.len..]).len();
    }
    word
}

/// Whether `text` is at `i`.
pub(super) fn at(v: &[C], i: usize, text: &str) -> bool {
    text.chars()
        .enumerate()
        .all(|(k, t)| ch(v, i + k) == Some(t))
}

/// Tie the gap at `i` (a breakable space) or insert a no-break space there.
pub(super) fn tie(v: &[C], i: usize, edits: &mut Vec<Edit>) {
    tie_with(v, i, NBSP, edits)
}

/// Like [`tie`] with a given space; extra plain spaces after it go.
pub(super) fn tie_with(v: &[C], i: usize, space: char, edits: &mut Vec<Edit>) {
    match ch(v, i) {
        Some(c) if is_breakable(c) || (c == NBSP && space != NBSP) => {
            edits.push(Edit::Replace(i, space));
            let mut j = i + 1;
            while ch(v, j) == Some(' ') {
                edits.push(Edit::Delete(j));
                j += 1;
            }
        }
        Some(c) if is_space(c) => {}
        Some(_) => edits.push(Edit::Insert(i, space)),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{html, Options, Parser};

    /// The text with all rules; «~» a no-break space, «^» a narrow one.
    fn t(s: &str) -> String {
        typograph(s, &TypographyConfig::default())
            .output
            .replace(NBSP, "~")
            .replace(NNBSP, "^")
    }

    /// The text with only `rules` on.
    fn only(rules: &[Rule], s: &str) -> String {
        let mut cfg = TypographyConfig::default();
        for r in Rule::ALL.iter().filter(|r| !rules.contains(r)) {
            cfg.off.insert(*r);
        }
        typograph(s, &cfg)
            .output
            .replace(NBSP, "~")
            .replace(NNBSP, "^")
    }

    fn md(s: &str) -> (String, Vec<TypoWarning>) {
        let options = Options::all().difference(Options::ENABLE_SMART_PUNCTUATION);
        let events: Vec<_> = Parser::new_ext(s, options).into_offset_iter().collect();
        let typeset = typograph_events_with_offsets(events, s, &TypographyConfig::default());
        let mut out = String::new();
        html::push_html(&mut out, typeset.output.into_iter());
        (out.replace(NBSP, "~"), typeset.warnings)
    }

    #[test]
    fn quotes_become_guillemets_and_nest() {
        assert_eq!(t(r#"МБУ ДО "ЦДО""#), "МБУ~ДО «ЦДО»");
        assert_eq!(t(r#""Проект "500+"""#), "«Проект „500+“»");
        assert_eq!(t("«Проект «500+»»"), "«Проект „500+“»");
        assert_eq!(t("“English” quotes"), "«English» quotes");
        assert_eq!(t("«Уже „верные“ кавычки»"), "«Уже „верные“ кавычки»");
        assert_eq!(t(r#"("скобки")"#), "(«скобки»)");
        assert_eq!(t(r#"слово "в конце"."#), "слово «в~конце».");
    }

    #[test]
    fn unbalanced_quotes_are_reported_with_offset() {
        let typeset = typograph("Проект «500+ и дальше", &TypographyConfig::default());
        assert_eq!(typeset.warnings.len(), 1);
        assert_eq!(typeset.warnings[0].offset, Some("Проект ".len()));
        assert!(typeset.warnings[0].message.contains("не закрыта"));
        let typeset = typograph("лишняя» кавычка", &TypographyConfig::default());
        assert!(typeset.warnings[0].message.contains("без открывающей"));
        assert!(typograph("«ровно»", &TypographyConfig::default())
            .warnings
            .is_empty());
    }

    #[test]
    fn no_break_spaces() {
        assert_eq!(t("СШ №27 и СШ № 9"), "СШ №^27 и~СШ №^9");
        assert_eq!(t("СШ№10"), "СШ №^10");
        assert_eq!(t("§ 3"), "§^3");
        assert_eq!(t("в 2022 г. и 2021-2023 гг."), "в~2022~г. и~2021–2023~гг.");
        assert_eq!(t("04.03.2024г."), "04.03.2024~г.");
        assert_eq!(t("приехали в г. Смоленск"), "приехали в~г.~Смоленск");
        assert_eq!(t("Н.Д. Васинова"), "Н.~Д.~Васинова");
        assert_eq!(t("Е. Н. Лобанова"), "Е.~Н.~Лобанова");
        assert_eq!(t("Васинова Н.Д. выступила"), "Васинова~Н.~Д. выступила");
        assert_eq!(t("Выступила Н.Д. Васинова"), "Выступила Н.~Д.~Васинова");
        assert_eq!(t("имени Э.А.Хиля"), "имени Э.~А.~Хиля");
        assert_eq!(
            t("школы по итогам и не только"),
            "школы по~итогам и~не~только"
        );
        assert_eq!(t("В школе, а также"), "В~школе, а~также");
        assert_eq!(t("до 70 % и 40 %"), "до~70% и~40%");
        assert_eq!(t("5 школ, 12 кг"), "5~школ, 12~кг");
        assert_eq!(t("сборник (2022, 118 с.)"), "сборник (2022, 118~с.)");
        assert_eq!(t("2\tЕжегодное"), "2\tЕжегодное");
        assert_eq!(
            t("школы, гимназии и т. д., т. е. все"),
            "школы, гимназии и~т.~д., т.~е. все"
        );
    }

    #[test]
    fn dashes_and_ellipsis() {
        assert_eq!(t("ШНОР - школы"), "ШНОР~— школы");
        assert_eq!(t("ШНОР – школы"), "ШНОР~— школы");
        assert_eq!(t("школы—участники"), "школы~— участники");
        assert_eq!(t("стр. 3-24"), "стр.~3–24");
        assert_eq!(t("2017 - 2018 уч. год"), "2017–2018~уч. год");
        assert_eq!(t("2021/2022 уч. г."), "2021/2022~уч.~г.");
        assert_eq!(t("Кластер 1 – 21 школа"), "Кластер 1~— 21~школа");
        assert_eq!(t("2022-11-17"), "2022-11-17");
        assert_eq!(t("школа-партнёр"), "школа-партнёр");
        assert_eq!(t("№ 602-ОД"), "№^602-ОД");
        assert_eq!(t("и так далее..."), "и~так далее…");
        assert_eq!(t("точки...."), "точки....");
    }

    #[test]
    fn quotes_three_levels_and_lone_quotes() {
        assert_eq!(
            only(
                &[Rule::Quotes],
                r#"Он писал: "Я взял сюжет из "Фауста "Гёте"" сам""#
            ),
            "Он писал: «Я взял сюжет из „Фауста ‚Гёте‘“ сам»"
        );
        // Unbalanced text keeps to two levels.
        assert_eq!(
            only(&[Rule::Quotes], r#""раз "два "три""#),
            "«раз „два „три“"
        );
        assert_eq!(only(&[Rule::Quotes], r#"" Газета"#), r#"" Газета"#);
        assert_eq!(only(&[Rule::Quotes], r#"5" и 5 ""#), r#"5» и 5 ""#);
        assert_eq!(only(&[Rule::Quotes], r#"*"Школа"*"#), "*«Школа»*");
    }

    #[test]
    fn dash_rules() {
        let dash = |s| only(&[Rule::Dash, Rule::DirectSpeech, Rule::Ranges], s);
        assert_eq!(
            dash("Правда -\u{a0}небольшая ложь"),
            "Правда~—~небольшая ложь"
        );
        assert_eq!(
            dash("- Ты придёшь?\n- Не знаю."),
            "—~Ты придёшь?\n—~Не знаю."
        );
        assert_eq!(dash("«Обожди... – сказал он»"), "«Обожди... —~сказал он»");
        assert_eq!(
            dash("«Я могу, – сказал он, – читать»"),
            "«Я могу,~— сказал он,~— читать»"
        );
        assert_eq!(
            dash("январь-май, Вторник-среда"),
            "январь–май, Вторник–среда"
        );
        assert_eq!(
            dash("в апреле-мае, XX-XXI, XX - XXI"),
            "в апреле–мае, XX–XXI, XX–XXI"
        );
        assert_eq!(dash("80-90-е, 1980-90-е годы"), "80–90-е, 1980–90-е годы");
        assert_eq!(dash("12:00-13:00"), "12:00–13:00");
        // Descending numbers are not a range.
        assert_eq!(dash("2052-2015, 53-22"), "2052-2015, 53-22");
        assert_eq!(dash("одно- или двухэтажный"), "одно- или двухэтажный");
    }

    #[test]
    fn nbsp_rules() {
        assert_eq!(
            t("и т.д., н.э., ст.м.эл. цеха"),
            "и~т.~д., н.~э., ст.~м.~эл. цеха"
        );
        assert_eq!(t("дд.мм.гггг"), "дд.мм.гггг");
        assert_eq!(t("А.С. Пушкин"), "А.~С.~Пушкин");
        assert_eq!(t("10руб. и 2млн"), "10~руб. и~2~млн");
        assert_eq!(t("2 м2 и 20 м3"), "2~м² и~20~м³");
        assert_eq!(
            t("XXв., XX-XXIвв., XX-XXI в."),
            "XX~в., XX–XXI~вв., XX–XXI~вв."
        );
        assert_eq!(t("2012-2015г.г."), "2012–2015~гг.");
        assert_eq!(
            t("г.Смоленск, ул. Ленина, д.  12"),
            "г.~Смоленск, ул.~Ленина, д.~12"
        );
        assert_eq!(
            t("на стр.22, рис. 7, См. также"),
            "на~стр.~22, рис.~7, См.~также"
        );
        assert_eq!(t("Может ли быть"), "Может~ли быть");
        assert_eq!(t(r#"ООО "Пример""#), "ООО~«Пример»");
        assert_eq!(t("Сегодня я получил 5. Рад"), "Сегодня я~получил~5. Рад");
        assert_eq!(t("Вавилон-5 возвращается"), "Вавилон-5 возвращается");
    }

    #[test]
    fn ellipsis_and_punctuation_rules() {
        assert_eq!(t("ты одна?... Ты плачешь?"), "ты одна?.. Ты плачешь?");
        assert_eq!(t("государь!…"), "государь!..");
        assert_eq!(t("Я спокоен...Но если..."), "Я~спокоен… Но~если…");
        assert_eq!(t("Моя работа…, но"), "Моя работа… но");
        assert_eq!(t("краска;; но,, это"), "краска; но, это");
        assert_eq!(t("стройна ! Как , так"), "стройна! Как, так");
        assert_eq!(
            t("Ура!! Ура!!!! Может домой!?"),
            "Ура! Ура!!! Может домой?!"
        );
        assert_eq!(t("поколенье! ! !"), "поколенье!!!");
        assert_eq!(t("около 4 %"), "около~4%");
    }

    #[test]
    fn digit_groups() {
        assert_eq!(t("123456789 и 12345.6789"), "123^456^789 и~12^345.6789");
        assert_eq!(t("10 000 000"), "10^000^000");
        assert_eq!(t("в 2024 году 1234"), "в~2024~году 1234");
        assert_eq!(t("1 000-999 и 000 22 000"), "1 000-999 и~000 22 000");
        assert_eq!(t("214000, г. Смоленск"), "214000, г.~Смоленск");
    }

    #[test]
    fn identifiers_keep_every_character() {
        for id in [
            "https://school-1.ru/news/2020-2021/plan...pdf",
            "www.school-1.ru/2020-2021",
            "school-1.ru/news/2020-2021/",
            "metod@school-1.ru",
            "plan_2020-2021.pdf",
            "отчёт 2020-2021.docx",
            "2022-11-17T10:00",
            "v1.2.3-2",
            "+7 (4812) 31-30-35",
            "8 (4812) 31-30-35",
            "31-30-35",
        ] {
            let text = format!("См. {id} и далее");
            assert!(t(&text).contains(id), "{id}: {}", t(&text));
        }
        assert!(t("по ГОСТ Р 7.0.5-2008 и").contains("7.0.5-2008"));
        assert!(t("СанПиН 2.4.3648-20 действует").contains("2.4.3648-20"));
        assert!(t("Приказ № 12-3 от").contains("12-3"));
        assert!(t("Приказ №12-3 от").contains("№^12-3"));
        assert!(t("ИНН 6731012345, ОКПО 12345678").contains("6731012345"));
        assert!(t("ОКПО 12345678").contains("12345678"));
        // Text around an identifier is still typeset.
        assert_eq!(
            t("см. plan_2020-2021.pdf - план"),
            "см.~plan_2020-2021.pdf~— план"
        );
    }

    #[test]
    fn rules_switch_off_by_name() {
        let cfg: TypographyConfig =
            toml::from_str("off = [\"digit-grouping\", \"initials\"]").unwrap();
        assert_eq!(
            typograph("12345, А.С. Пушкин", &cfg).output,
            "12345, А.С. Пушкин"
        );
        let err = toml::from_str::<TypographyConfig>("off = [\"кавычки\"]").unwrap_err();
        assert!(
            err.to_string()
                .contains("неизвестное правило типографики «кавычки»"),
            "{err}"
        );
        let cfg: TypographyConfig = toml::from_str("numbers = false").unwrap();
        assert_eq!(typograph("12345", &cfg).output, "12345");
    }

    #[test]
    fn punctuation_soup_never_panics() {
        // Deterministic pseudo-random texts over the characters the rules look at.
        let alphabet: Vec<char> = "аАгвтд.XIV-–—\"«»„“‚‘ !?,;:…№§%0123456789\n\u{a0}/@_+()руб"
            .chars()
            .collect();
        let mut seed = 0x2545_f491_u64;
        for _ in 0..3000 {
            let len = (seed % 24) as usize;
            let text: String = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            let cfg = TypographyConfig::default();
            let once = typograph(&text, &cfg).output;
            let _ = typograph_html(&text, &cfg);
            assert!(
                once.chars().count() <= text.chars().count() * 2 + 2,
                "{text:?}"
            );
        }
    }

    #[test]
    fn idempotent() {
        let once = typograph(
            r#"Приказ от 25.06.2021 №602 - "Об утверждении "Проекта"" в г. Смоленск..."#,
            &TypographyConfig::default(),
        )
        .output;
        let twice = typograph(&once, &TypographyConfig::default()).output;
        assert_eq!(once, twice);
    }

    #[test]
    fn switches() {
        let off = TypographyConfig {
            enabled: false,
            ..TypographyConfig::default()
        };
        assert_eq!(typograph(r#""а" - б"#, &off).output, r#""а" - б"#);
        let quotes_only = TypographyConfig {
            nbsp: false,
            dashes: false,
            ..TypographyConfig::default()
        };
        assert_eq!(typograph(r#""а" - б"#, &quotes_only).output, "«а» - б");
    }

    #[test]
    fn markdown_code_and_links_left_alone() {
        let (html, warnings) = md(
            "Текст \"в кавычках\" и `code \"x\" - y` и [ссылка \"тут\"](http://a.ru/\"q\"-1...).\n\n\
             ```\nкод \"не трогать\" - ...\n```\n\n<div title=\"a - b\">\"html\"</div>\n",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(
            html.contains("Текст «в~кавычках» и~<code>code \"x\" - y</code>"),
            "{html}"
        );
        assert!(html.contains("ссылка «тут»</a>"), "{html}");
        assert!(html.contains("href=\"http://a.ru/%22q%22-1...\""), "{html}");
        assert!(
            html.contains("<pre><code>код \"не трогать\" - ...\n</code></pre>"),
            "{html}"
        );
        assert!(
            html.contains("<div title=\"a - b\">\"html\"</div>"),
            "{html}"
        );
    }

    #[test]
    fn inline_raw_code_and_escapes_are_kept() {
        let (html, _) = md(
            "Тег <code>\"abc\" - 1...3</code>, <kbd>Ctrl - C</kbd> и <samp>\"x\"...</samp> - всё\n",
        );
        assert!(html.contains("<code>\"abc\" - 1...3</code>"), "{html}");
        assert!(html.contains("<kbd>Ctrl - C</kbd>"), "{html}");
        assert!(html.contains("<samp>\"x\"...</samp>~— всё"), "{html}");
        let (html, _) =
            md("Буквально \\\"так\\\" и &quot;так&quot; и &#x22;так&#x22;, а \"это\" в кавычках\n");
        assert!(
            html.contains("Буквально \"так\" и~\"так\" и~\"так\""),
            "{html}"
        );
        assert!(html.contains("«это»"), "{html}");
        let (html, _) = md("a*\"foo\"*\n");
        assert_eq!(html, "<p>a*«foo»*</p>\n");
        let (html, _) = md("\\- Ты придёшь?\n");
        assert_eq!(html, "<p>—~Ты придёшь?</p>\n");
    }

    #[test]
    fn urls_shown_as_link_text_keep_their_characters() {
        let (html, _) = md("<https://example.ru/2021-2022/plan...pdf> и <a href=\"x\">https://a.ru/1-2...</a>\n\n| https://b.ru/3-4 |\n|---|\n| plan_2020-2021.pdf |\n");
        assert!(
            html.contains(">https://example.ru/2021-2022/plan...pdf</a>"),
            "{html}"
        );
        assert!(html.contains(">https://a.ru/1-2...</a>"), "{html}");
        assert!(html.contains("https://b.ru/3-4"), "{html}");
        assert!(html.contains("plan_2020-2021.pdf"), "{html}");
    }

    #[test]
    fn quote_state_crosses_inline_markup() {
        let (html, _) = md("\"Проект *\"500+\"*\" и **\"жирное\"**\n");
        assert_eq!(
            html,
            "<p>«Проект <em>„500+“</em>» и~<strong>«жирное»</strong></p>\n"
        );
        let (html, _) = md("в\n*школе*\n");
        assert_eq!(html, "<p>в~<em>школе</em></p>\n");
    }

    #[test]
    fn markdown_warnings_point_at_source_lines() {
        let source = "# Заголовок\n\nПервый абзац.\n\nВторой \"абзац без конца.\n";
        let (_, warnings) = md(source);
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            crate::diagnostics::line_col(source, warnings[0].offset.unwrap()).0,
            5
        );
    }

    #[test]
    fn html_text_only() {
        let html = r#"<p class="x - y">Школа "<em>500+</em>" и <a href="/a-b...">ссылка</a>.</p><pre>"код" - ...</pre><p>Тег <code>"a" - b</code> - конец</p>"#;
        let out = typograph_html(html, &TypographyConfig::default())
            .output
            .replace(NBSP, "~");
        assert_eq!(
            out,
            r#"<p class="x - y">Школа «<em>500+</em>» и~<a href="/a-b...">ссылка</a>.</p><pre>"код" - ...</pre><p>Тег <code>"a" - b</code>~— конец</p>"#
        );
        let split = typograph_html("<p>\"раз</p><p>два\"</p>", &TypographyConfig::default());
        assert_eq!(split.warnings.len(), 2);
    }

    #[test]
    fn blocks_reset_quote_state() {
        let (html, warnings) = md("Раз \"два\n\nтри\" четыре\n");
        assert_eq!(warnings.len(), 2);
        assert!(html.contains("Раз «два"), "{html}");
        assert!(html.contains("три» четыре"), "{html}");
    }
}
