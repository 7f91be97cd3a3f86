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

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// No-break space (U+00A0).
pub const NBSP: char = '\u{a0}';
/// Stands for an inline atom the rules must not change (code, inline HTML, math).
const OPAQUE: char = '\u{fffc}';
/// Stands for a hard line break: whitespace, but never replaced.
const HARD_BREAK: char = '\u{2028}';

/// Which rules run. `site.toml` sets it under `[typography]`, a page's front
/// matter may switch it off with `typography: false`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct TypographyConfig {
    /// Master switch: when off, text passes through untouched.
    pub enabled: bool,
    /// «ёлочки» and „лапки“, unbalanced-quote warnings.
    pub quotes: bool,
    /// No-break spaces after №, §, short prepositions, in names and dates.
    pub nbsp: bool,
    /// Spaced hyphen → em dash, number ranges → en dash.
    pub dashes: bool,
    /// «...» → «…».
    pub ellipsis: bool,
}

impl Default for TypographyConfig {
    fn default() -> Self {
        TypographyConfig {
            enabled: true,
            quotes: true,
            nbsp: true,
            dashes: true,
            ellipsis: true,
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
    run_events(events.into_iter().map(|e| (e, None)), cfg)
}

/// Like [`typograph_events`] for `Parser::into_offset_iter()` output, so
/// warnings point into the Markdown source.
pub fn typograph_events_with_offsets<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    cfg: &TypographyConfig,
) -> Typeset<Vec<Event<'a>>> {
    run_events(events.into_iter().map(|(e, r)| (e, Some(r.start))), cfg)
}

/// One character of a block's text: which event it belongs to and where it
/// came from in the source.
#[derive(Debug, Clone, Copy)]
struct C {
    ch: char,
    seg: u32,
    /// Source offset, [`C::NO_SRC`] when unknown (kept small: a block's text
    /// is copied as `C`s through every rule).
    src: u32,
}

impl C {
    const NO_SRC: u32 = u32::MAX;

    fn new(ch: char, seg: usize, src: Option<usize>) -> C {
        C {
            ch,
            seg: seg as u32,
            src: src.map_or(Self::NO_SRC, |s| s as u32),
        }
    }

    fn src(&self) -> Option<usize> {
        (self.src != Self::NO_SRC).then_some(self.src as usize)
    }
}

fn run_events<'a>(
    events: impl Iterator<Item = (Event<'a>, Option<usize>)>,
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
    let mut run: Vec<(Event<'a>, Option<usize>)> = Vec::new();
    let mut verbatim = 0usize; // depth inside code and metadata blocks
    for (event, offset) in events {
        if verbatim == 0 && is_inline(&event) {
            run.push((event, offset));
            continue;
        }
        flush(&mut run, &mut out, cfg, &mut warnings);
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
    flush(&mut run, &mut out, cfg, &mut warnings);
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
    run: &mut Vec<(Event<'a>, Option<usize>)>,
    out: &mut Vec<Event<'a>>,
    cfg: &TypographyConfig,
    warnings: &mut Vec<TypoWarning>,
) {
    if !run.iter().any(|(e, _)| matches!(e, Event::Text(_))) {
        out.extend(run.drain(..).map(|(e, _)| e));
        return;
    }
    let pieces: Vec<_> = run
        .iter()
        .map(|(event, offset)| {
            let piece = match event {
                Event::Text(t) => Piece::Text(t),
                Event::SoftBreak => Piece::Soft,
                Event::HardBreak => Piece::Hard,
                Event::Start(_) | Event::End(_) => Piece::Markup,
                _ => Piece::Opaque,
            };
            (piece, *offset)
        })
        .collect();
    let texts = typeset_pieces(&pieces, cfg, warnings);
    for ((event, _), text) in run.drain(..).zip(texts) {
        match event {
            Event::Text(_) if text.is_empty() => {}
            Event::Text(_) => out.push(Event::Text(CowStr::from(text))),
            Event::SoftBreak if text != "\n" => out.push(Event::Text(CowStr::from(text))),
            other => out.push(other),
        }
    }
}

/// A part of one block of running text, as the rules see it.
enum Piece<'s> {
    Text(&'s str),
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
/// (empty for markup; «\n» for an untouched soft break).
fn typeset_pieces(
    pieces: &[(Piece, Option<usize>)],
    cfg: &TypographyConfig,
    warnings: &mut Vec<TypoWarning>,
) -> Vec<String> {
    let mut chars = Vec::new();
    for (seg, (piece, offset)) in pieces.iter().enumerate() {
        let mut push = |ch, src| chars.push(C::new(ch, seg, src));
        match piece {
            Piece::Text(t) => {
                for (i, ch) in t.char_indices() {
                    push(ch, offset.map(|o| o + i));
                }
            }
            Piece::Soft => push('\n', *offset),
            Piece::Hard => push(HARD_BREAK, *offset),
            Piece::Opaque => push(OPAQUE, *offset),
            Piece::Markup => {}
        }
    }
    let chars = apply_rules(chars, cfg, warnings);
    let mut texts = vec![String::new(); pieces.len()];
    for c in &chars {
        texts[c.seg as usize].push(c.ch);
    }
    texts
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
        let texts = typeset_pieces(&pieces, cfg, warnings);
        for (((piece, _), raw), text) in pieces.iter().zip(raws).zip(texts) {
            match piece {
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
            run.push((Piece::Text(&html[pos..end]), Some(pos), ""));
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
    v = collapse_spaces(v);
    if cfg.ellipsis {
        v = ellipsis(v);
    }
    if cfg.quotes {
        quotes(&mut v, warnings);
    }
    if cfg.dashes {
        v = dashes(v);
    }
    if cfg.nbsp {
        v = no_break_spaces(v);
    }
    v
}

/// An edit planned against the characters before a pass.
#[derive(PartialEq)]
enum Edit {
    Replace(usize, char),
    Insert(usize, char),
    Delete(usize),
}

/// Applies edits; an inserted character joins the event of its left
/// neighbour when that is text (or a soft break), else its right neighbour,
/// so atoms like inline code never receive text.
fn apply_edits(v: Vec<C>, mut edits: Vec<Edit>) -> Vec<C> {
    if edits.is_empty() {
        return v;
    }
    let pos = |e: &Edit| match e {
        Edit::Insert(i, c) => (*i, 0, *c),
        Edit::Replace(i, c) => (*i, 1, *c),
        Edit::Delete(i) => (*i, 2, '\0'),
    };
    // Two rules may plan the same edit («Э.А.Хиля» is seen from both initials).
    edits.sort_by_key(pos);
    edits.dedup();
    let mut out = Vec::with_capacity(v.len() + edits.len());
    let mut edits = edits.into_iter().peekable();
    for i in 0..=v.len() {
        let mut keep = true;
        while let Some(edit) = edits.next_if(|e| pos(e).0 == i) {
            match edit {
                Edit::Insert(_, ch) => {
                    let left = i.checked_sub(1).map(|j| v[j]);
                    let seg = match (left, v.get(i)) {
                        (Some(l), _) if l.ch != OPAQUE && l.ch != HARD_BREAK => l.seg,
                        (_, Some(r)) => r.seg,
                        (Some(l), None) => l.seg,
                        (None, None) => 0,
                    };
                    let src = left.map_or(C::NO_SRC, |l| l.src);
                    out.push(C { ch, seg, src });
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

fn letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => true,
        '\0'..='\u{bf}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphabetic(),
    }
}

fn upper(c: char) -> bool {
    match c {
        'A'..='Z' | 'А'..='Я' | 'Ё' => true,
        'а'..='я' | 'ё' | '\0'..='\u{bf}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_uppercase(),
    }
}

fn lower(c: char) -> bool {
    match c {
        'a'..='z' | 'а'..='я' | 'ё' => true,
        'А'..='Я' | 'Ё' | '\0'..='\u{bf}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_lowercase(),
    }
}

fn alnum(c: char) -> bool {
    match c {
        '0'..='9' => true,
        _ if letter(c) => true,
        '\0'..='\u{bf}' | '\u{400}'..='\u{4ff}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_numeric(),
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\n' | '\t' | NBSP | '\u{202f}' | HARD_BREAK)
}

/// Whitespace a rule may turn into a no-break space (a tab is layout, kept).
fn is_breakable(c: char) -> bool {
    matches!(c, ' ' | '\n')
}

fn ch(v: &[C], i: usize) -> Option<char> {
    v.get(i).map(|c| c.ch)
}

fn before(v: &[C], i: usize) -> Option<char> {
    i.checked_sub(1).and_then(|j| ch(v, j))
}

/// Runs of plain spaces become one: the seeds are full of doubled spaces.
fn collapse_spaces(v: Vec<C>) -> Vec<C> {
    let edits = (1..v.len())
        .filter(|&i| v[i].ch == ' ' && v[i - 1].ch == ' ')
        .map(Edit::Delete)
        .collect();
    apply_edits(v, edits)
}

fn ellipsis(v: Vec<C>) -> Vec<C> {
    let mut edits = Vec::new();
    let mut i = 0;
    while i + 2 < v.len() {
        let three = (0..3).all(|k| v[i + k].ch == '.');
        if three && before(&v, i) != Some('.') && ch(&v, i + 3) != Some('.') {
            edits.extend([
                Edit::Replace(i, '…'),
                Edit::Delete(i + 1),
                Edit::Delete(i + 2),
            ]);
            i += 3;
        } else {
            i += 1;
        }
    }
    apply_edits(v, edits)
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Open,
    Close,
}

/// Converts every quote to «» at the outer level and „“ inside, tracking
/// nesting through the whole block, and reports unbalanced ones.
fn quotes(v: &mut [C], warnings: &mut Vec<TypoWarning>) {
    let mut stack: Vec<usize> = Vec::new();
    let mut last: Option<(usize, Side)> = None;
    for i in 0..v.len() {
        let c = v[i].ch;
        let side = match c {
            '«' | '„' => Side::Open,
            '»' | '”' => Side::Close,
            '"' | '“' => {
                let prev = before(v, i);
                let next = ch(v, i + 1);
                let after_quote = last.filter(|(j, _)| j + 1 == i).map(|(_, s)| s);
                let prev_opens = prev.is_none_or(|p| is_space(p) || "([{/—–-".contains(p));
                let next_is_space = next.is_none_or(|n| is_space(n) || ".,;:!?)".contains(n));
                match after_quote {
                    Some(s) => s,
                    None if prev_opens && next_is_space && !stack.is_empty() => Side::Close,
                    None if prev_opens => Side::Open,
                    None => Side::Close,
                }
            }
            _ => continue,
        };
        last = Some((i, side));
        match side {
            Side::Open => {
                v[i].ch = if stack.is_empty() { '«' } else { '„' };
                stack.push(i);
            }
            Side::Close => {
                if stack.pop().is_none() {
                    warnings.push(quote_warning(v, i, "закрывающая кавычка без открывающей"));
                }
                v[i].ch = if stack.is_empty() { '»' } else { '“' };
            }
        }
    }
    for i in stack {
        warnings.push(quote_warning(v, i, "открывающая кавычка не закрыта"));
    }
}

fn quote_warning(v: &[C], i: usize, what: &str) -> TypoWarning {
    let from = i.saturating_sub(20);
    let to = (i + 21).min(v.len());
    let excerpt: String = v[from..to]
        .iter()
        .map(|c| match c.ch {
            OPAQUE => '…',
            HARD_BREAK | '\n' => ' ',
            other => other,
        })
        .collect();
    TypoWarning {
        offset: v[i].src(),
        message: format!("{what}: …{}…", excerpt.trim()),
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

/// The digits ending just before `end` (exclusive) and starting at `start`.
fn digits_before(v: &[C], end: usize) -> usize {
    (0..end)
        .rev()
        .take_while(|&j| v[j].ch.is_ascii_digit())
        .count()
}

fn digits_after(v: &[C], start: usize) -> usize {
    (start..v.len())
        .take_while(|&j| v[j].ch.is_ascii_digit())
        .count()
}

/// Spaced hyphen → no-break space + em dash; «школы—участники» gets the
/// same spacing; «3-24» → «3–24», «2020 – 2021» → «2020–2021»; ISO dates and
/// compounds keep their hyphens.
fn dashes(v: Vec<C>) -> Vec<C> {
    let mut edits = Vec::new();
    for i in 0..v.len() {
        let c = v[i].ch;
        if !is_dash(c) {
            continue;
        }
        let prev = before(&v, i);
        let next = ch(&v, i + 1);
        let spaced = prev.is_some_and(is_space) && next.is_some_and(is_breakable);
        if spaced && i >= 2 && !is_space(v[i - 2].ch) {
            let (left, right) = (digits_before(&v, i - 1), digits_after(&v, i + 2));
            let word_after = ch(&v, i + 2 + right).is_none_or(|n| !alnum(n));
            let year_range = left == 4 && right == 4 && word_after;
            let left_is_number = i - 1 == left || !alnum(v[i - 2 - left].ch);
            if year_range && left_is_number {
                edits.extend([
                    Edit::Delete(i - 1),
                    Edit::Replace(i, '–'),
                    Edit::Delete(i + 1),
                ]);
            } else {
                if is_breakable(v[i - 1].ch) {
                    edits.push(Edit::Replace(i - 1, NBSP));
                }
                if c != '—' {
                    edits.push(Edit::Replace(i, '—'));
                }
            }
        } else if c == '-' && prev.is_some_and(|p| p.is_ascii_digit()) {
            let left = digits_before(&v, i);
            let right = digits_after(&v, i + 1);
            let lone = |j: Option<char>| j.is_none_or(|x| !alnum(x) && !is_dash(x));
            let outer_left = i.checked_sub(left + 1).map(|j| v[j].ch);
            if right > 0 && lone(outer_left) && lone(ch(&v, i + 1 + right)) {
                edits.push(Edit::Replace(i, '–'));
            }
        } else if c == '—' && prev.is_some_and(letter) && next.is_some_and(letter) {
            edits.extend([Edit::Insert(i, NBSP), Edit::Insert(i + 1, ' ')]);
        }
    }
    apply_edits(v, edits)
}

/// Short words that must not end a line (prepositions, conjunctions,
/// particles of one or two letters).
const SHORT_WORDS: &[&str] = &[
    "а", "в", "во", "да", "до", "за", "и", "из", "к", "ко", "на", "не", "ни", "но", "о", "об",
    "от", "по", "с", "со", "у", "я",
];

/// A short word written in lower case or capitalised («В», «До»), never an
/// all-caps abbreviation such as «ДО» in «МБУ ДО».
fn is_short_word(word: &[C]) -> bool {
    let capitalised = word.iter().skip(1).all(|c| lower(c.ch));
    let folded: String = word.iter().flat_map(|c| c.ch.to_lowercase()).collect();
    capitalised && SHORT_WORDS.contains(&folded.as_str())
}

fn word_at(v: &[C], start: usize) -> usize {
    (start..v.len()).take_while(|&j| letter(v[j].ch)).count()
}

/// An initial «Н.» starting at `i`: an uppercase letter that is not the end
/// of a longer word, followed by a dot.
fn is_initial(v: &[C], i: usize) -> bool {
    ch(v, i).is_some_and(|c| upper(c) && letter(c))
        && ch(v, i + 1) == Some('.')
        && before(v, i).is_none_or(|p| !letter(p))
}

/// A surname-like word at `i`: capital then at least one lowercase letter.
fn is_surname(v: &[C], i: usize) -> bool {
    ch(v, i).is_some_and(upper)
        && ch(v, i + 1).is_some_and(lower)
        && before(v, i).is_none_or(|p| !letter(p))
}

/// The index just after the initials starting at `i` («Н.Д.», «Н. Д.»).
fn initials_end(v: &[C], i: usize) -> usize {
    let mut j = i + 2;
    if ch(v, j).is_some_and(is_breakable) && is_initial(v, j + 1) {
        j += 3;
    } else if is_initial(v, j) {
        j += 2;
    }
    j
}

/// A surname at `j`, directly or after one space.
fn surname_follows(v: &[C], j: usize) -> bool {
    (ch(v, j).is_some_and(is_breakable) && is_surname(v, j + 1)) || is_surname(v, j)
}

/// Tie the gap at `i` (a breakable space) or insert a no-break space there.
fn tie(v: &[C], i: usize, edits: &mut Vec<Edit>) {
    match ch(v, i) {
        Some(c) if is_breakable(c) => edits.push(Edit::Replace(i, NBSP)),
        Some(c) if is_space(c) => {}
        Some(_) => edits.push(Edit::Insert(i, NBSP)),
        None => {}
    }
}

fn no_break_spaces(v: Vec<C>) -> Vec<C> {
    let mut edits = Vec::new();
    for i in 0..v.len() {
        let c = v[i].ch;
        let prev = before(&v, i);
        // Every rule below starts at a sign, a digit or the first letter of
        // a word; the inside of a word (most characters) needs no look.
        if letter(c) && prev.is_some_and(letter) {
            continue;
        }
        // № 27, § 3; «СШ№10» also gets a space before the sign.
        if (c == '№' || c == '§') && ch(&v, i + 1) != Some(c) {
            if ch(&v, i + 1).is_some_and(|n| alnum(n) || is_breakable(n)) {
                tie(&v, i + 1, &mut edits);
            }
            if prev.is_some_and(alnum) {
                edits.push(Edit::Insert(i, ' '));
            }
        }
        // 2022 г., 2021–2023 гг., г. Смоленск.
        if c == 'г' && prev.is_none_or(|p| !letter(p)) {
            let dot = if ch(&v, i + 1) == Some('г') {
                i + 2
            } else {
                i + 1
            };
            let ends = ch(&v, dot + 1).is_none_or(|n| !letter(n));
            if ch(&v, dot) == Some('.') && ends {
                let gap = if prev.is_some_and(is_breakable) {
                    i - 1
                } else {
                    i
                };
                let number = (0..gap).rev().find(|&j| !is_space(v[j].ch));
                let school_year = number.is_some_and(|j| {
                    j >= 2 && v[j].ch == '.' && v[j - 2].ch == 'у' && v[j - 1].ch == 'ч'
                });
                if number.is_some_and(|j| v[j].ch.is_ascii_digit()) || school_year {
                    tie(&v, gap, &mut edits);
                } else if dot == i + 1
                    && ch(&v, dot + 1).is_some_and(is_breakable)
                    && ch(&v, dot + 2).is_some_and(upper)
                {
                    tie(&v, dot + 1, &mut edits);
                }
            }
        }
        // т. е., т. д., т. п., т. к. never split.
        if c == 'т'
            && prev.is_none_or(|p| !letter(p))
            && ch(&v, i + 1) == Some('.')
            && ch(&v, i + 2).is_some_and(is_breakable)
            && ch(&v, i + 3).is_some_and(|n| matches!(n, 'е' | 'д' | 'п' | 'к'))
            && ch(&v, i + 4) == Some('.')
        {
            tie(&v, i + 2, &mut edits);
        }
        // Н.Д. Васинова, Н. Д. Васинова, Э.А.Хиля.
        if is_initial(&v, i) {
            let mut j = i + 2;
            if ch(&v, j).is_some_and(is_breakable) && is_initial(&v, j + 1) {
                tie(&v, j, &mut edits);
                j += 3;
            } else if is_initial(&v, j) {
                j += 2;
            }
            let spaced = ch(&v, j).is_some_and(is_breakable) && is_surname(&v, j + 1);
            if spaced || is_surname(&v, j) {
                tie(&v, j, &mut edits);
            }
        }
        // Васинова Н.Д.
        if is_surname(&v, i) {
            let end = i + word_at(&v, i);
            // «Выступила Н.Д. Васинова»: initials before a surname belong to it.
            if ch(&v, end).is_some_and(is_breakable)
                && is_initial(&v, end + 1)
                && !surname_follows(&v, initials_end(&v, end + 1))
            {
                tie(&v, end, &mut edits);
            }
        }
        // Short prepositions and conjunctions stick to the next word.
        if letter(c) && prev.is_none_or(|p| !alnum(p) && !matches!(p, '.' | '-' | '‑')) {
            let len = word_at(&v, i);
            if len <= 2 {
                let next = ch(&v, i + len + 1);
                if is_short_word(&v[i..i + len])
                    && ch(&v, i + len).is_some_and(is_breakable)
                    && next.is_some_and(|n| !is_space(n) && !is_dash(n))
                {
                    tie(&v, i + len, &mut edits);
                }
            }
        }
        // A number sticks to its unit or noun; «70 %» → «70%».
        if c.is_ascii_digit() && ch(&v, i + 1).is_some_and(is_breakable) {
            match ch(&v, i + 2) {
                Some('%' | '‰') => edits.push(Edit::Delete(i + 1)),
                Some('°') => tie(&v, i + 1, &mut edits),
                Some(n) if letter(n) => {
                    // «27 и» stays breakable; «118 с.» (an abbreviation) does not.
                    let end = i + 2 + word_at(&v, i + 2);
                    let abbreviation = ch(&v, end) == Some('.');
                    if abbreviation || !is_short_word(&v[i + 2..end]) {
                        tie(&v, i + 1, &mut edits)
                    }
                }
                _ => {}
            }
        }
    }
    apply_edits(v, edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{html, Options, Parser};

    fn t(s: &str) -> String {
        typograph(s, &TypographyConfig::default())
            .output
            .replace(NBSP, "~")
    }

    fn md(s: &str) -> (String, Vec<TypoWarning>) {
        let events: Vec<_> = Parser::new_ext(s, Options::all())
            .into_offset_iter()
            .collect();
        let typeset = typograph_events_with_offsets(events, &TypographyConfig::default());
        let mut out = String::new();
        html::push_html(&mut out, typeset.output.into_iter());
        (out.replace(NBSP, "~"), typeset.warnings)
    }

    #[test]
    fn quotes_become_guillemets_and_nest() {
        assert_eq!(t(r#"МБУ ДО "ЦДО""#), "МБУ ДО «ЦДО»");
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
        assert_eq!(t("СШ №27 и СШ № 9"), "СШ №~27 и~СШ №~9");
        assert_eq!(t("СШ№10"), "СШ №~10");
        assert_eq!(t("§ 3"), "§~3");
        assert_eq!(t("в 2022 г. и 2021-2023 гг."), "в~2022~г. и~2021–2023~гг.");
        assert_eq!(t("04.03.2024г."), "04.03.2024~г.");
        assert_eq!(t("приехали в г. Смоленск"), "приехали в~г.~Смоленск");
        assert_eq!(t("Н.Д. Васинова"), "Н.Д.~Васинова");
        assert_eq!(t("Е. Н. Лобанова"), "Е.~Н.~Лобанова");
        assert_eq!(t("Васинова Н.Д. выступила"), "Васинова~Н.Д. выступила");
        assert_eq!(t("Выступила Н.Д. Васинова"), "Выступила Н.Д.~Васинова");
        assert_eq!(t("имени Э.А.Хиля"), "имени Э.А.~Хиля");
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
        assert_eq!(t("стр. 3-24"), "стр. 3–24");
        assert_eq!(t("2017 - 2018 уч. год"), "2017–2018~уч. год");
        assert_eq!(t("2021/2022 уч. г."), "2021/2022~уч.~г.");
        assert_eq!(t("Кластер 1 – 21 школа"), "Кластер 1~— 21~школа");
        assert_eq!(t("2022-11-17"), "2022-11-17");
        assert_eq!(t("школа-партнёр"), "школа-партнёр");
        assert_eq!(t("№ 602-ОД"), "№~602-ОД");
        assert_eq!(t("и так далее..."), "и~так далее…");
        assert_eq!(t("точки...."), "точки....");
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
