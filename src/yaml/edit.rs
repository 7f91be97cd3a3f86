//! Format-preserving edits of one field of a YAML mapping: the preview's
//! editor changes a front matter field, or a field of one row of a YAML list,
//! and everything else in the file stays byte for byte as the author wrote
//! it — comments (the seed-line notes of the reference portal), key order,
//! quoting, blank lines, the other rows.
//!
//! Why a splice of our own: serde-saphyr (our YAML parser) and the other
//! maintained Rust YAML crates read into values and write a fresh document,
//! which drops comments and re-quotes everything; no maintained crate edits
//! YAML text in place. The positioned tree of [`super::node`] already knows
//! where each key and value starts, so an edit is a minimal text change:
//! - a one-line scalar or flow list is replaced at its place, in the quoting
//!   it had (plain text stays plain when it can, `"…"` stays double-quoted,
//!   `'…'` single-quoted), and a comment after it is kept;
//! - a value over several lines (a block list, `|` text) is rewritten as a
//!   whole, in block style at the indentation it had;
//! - a new field is appended after the mapping's last field; a cleared one
//!   is removed with its lines;
//! - a mapping written in braces on one line (`- {title: План, unit: балл}`)
//!   is edited inside its braces, and a new item among such items is
//!   written so too;
//! - an item written as one string (`- vasinova-nd`) becomes a mapping of
//!   the field it stands for only when another field is added to it
//!   ([`expand`]); a row of a YAML list goes with its lines ([`remove_item`]).
//!
//! Every written value is read back and compared before it is used; text
//! that would read differently is written in double quotes instead.

use super::node::{Node, Value};

/// The new value of one field.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A scalar; `text` says whether it must read back as text (a number
    /// written for a text field would not).
    Scalar {
        value: String,
        text: bool,
    },
    List(Vec<String>),
    /// A nested mapping with its first field (`moderator:` gets
    /// `person: …` on the next line); the others are added to it after.
    Record {
        key: String,
        value: String,
    },
    /// Take the field out.
    Remove,
}

/// `text` with field `key` of `map` (a block mapping parsed from `text`, with
/// positions in it) set to `edit`. `empty_at` is the 1-based line where the
/// first field of an empty mapping goes. `None` for a mapping written in
/// flow style (`{file: a.pdf, title: …}`), which is left to a text editor.
pub fn apply(text: &str, map: &Node, key: &str, edit: &Edit, empty_at: usize) -> Option<String> {
    let Value::Map(entries) = &map.value else {
        return None;
    };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let opening = lines
        .get(map.pos.line.wrapping_sub(1))
        .and_then(|l| l.chars().nth(map.pos.column.saturating_sub(1)));
    if opening == Some('{') {
        return apply_flow(&lines, map, entries, key, edit);
    }
    Some(apply_block(text, &lines, entries, key, edit, empty_at))
}

/// A field of a mapping written in braces on one line (`- {title: План,
/// unit: балл}  # с. 3`): a value is replaced in place in its quoting, a
/// new field goes before the closing brace, a cleared one goes with its
/// comma. `None` for a mapping over several lines or a nested value.
fn apply_flow(
    lines: &[&str],
    map: &Node,
    entries: &[(super::node::Key, Node)],
    key: &str,
    edit: &Edit,
) -> Option<String> {
    let li = map.pos.line.checked_sub(1)?;
    let line = lines.get(li)?.trim_end_matches('\n');
    let open = byte_col(line, map.pos.column);
    let close = open + flow_end(&line[open..])?;
    let one_line = entries
        .iter()
        .all(|(k, v)| k.pos.line == map.pos.line && v.pos.line == map.pos.line);
    if !one_line {
        return None;
    }
    let new = match (entries.iter().find(|(k, _)| k.name == key), edit) {
        (None, Edit::Remove) => line.to_string(),
        (None, Edit::Scalar { value, text }) if !value.contains('\n') => {
            let before = line[..close].trim_end();
            let sep = if before.ends_with('{') { "" } else { ", " };
            format!(
                "{before}{sep}{key}: {}{}",
                flow_scalar(value, Style::Plain, *text),
                &line[close..]
            )
        }
        (Some((k, v)), _) if !matches!(v.value, Value::Seq(_) | Value::Map(_) | Value::Null) => {
            let start = byte_col(line, v.pos.column);
            let (style, len) = flow_token(&line[start..])?;
            let end = start + len;
            match edit {
                Edit::Scalar { value, text } if !value.contains('\n') => format!(
                    "{}{}{}",
                    &line[..start],
                    flow_scalar(value, style, *text),
                    &line[end..]
                ),
                Edit::Remove => {
                    let from = byte_col(line, k.pos.column);
                    let after = line[end..].trim_start();
                    if let Some(rest) = after.strip_prefix(',') {
                        format!("{}{}", &line[..from], rest.trim_start())
                    } else {
                        let before = line[..from].trim_end();
                        let before = before.strip_suffix(',').unwrap_or(before).trim_end();
                        format!("{before}{}", &line[end..])
                    }
                }
                _ => return None,
            }
        }
        _ => return None,
    };
    Some(splice(lines, li, li + 1, &[new]))
}

/// The byte length of the flow collection opening `s`, to its closing bracket.
fn flow_end(s: &str) -> Option<usize> {
    let mut depth = 0;
    let mut quote = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => {
                // `''` inside single quotes is a quote, not the end.
                if q == '\'' && chars.peek().map(|p| p.1) == Some('\'') {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{' | '[') => depth += 1,
            (None, '}' | ']') => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Like [`token`], for a value inside braces: plain text ends at `,` or `}`.
fn flow_token(rest: &str) -> Option<(Style, usize)> {
    match rest.as_bytes().first() {
        Some(b'"' | b'\'') => token(rest),
        Some(b'[' | b'{' | b'|' | b'>') | None => None,
        _ => {
            let end = rest.find([',', '}', ']']).unwrap_or(rest.len());
            Some((Style::Plain, rest[..end].trim_end().len()))
        }
    }
}

/// [`scalar`] for a value inside braces, where `,` `[` `]` `{` `}` end plain text.
fn flow_scalar(value: &str, style: Style, text: bool) -> String {
    let s = scalar(value, style, text);
    if !s.starts_with(['"', '\'']) && s.contains([',', '[', ']', '{', '}']) {
        double(value)
    } else {
        s
    }
}

fn apply_block(
    text: &str,
    lines: &[&str],
    entries: &[(super::node::Key, Node)],
    key: &str,
    edit: &Edit,
    empty_at: usize,
) -> String {
    let lines = lines.to_vec();
    let index = entries.iter().position(|(k, _)| k.name == key);
    let indent = entries
        .first()
        .map_or(0, |(k, _)| k.pos.column.saturating_sub(1));
    let Some(i) = index else {
        if *edit == Edit::Remove {
            return text.to_string();
        }
        let at = match entries.last() {
            Some((k, _)) => extent(&lines, k, next_key(entries, entries.len() - 1)).1,
            None => empty_at.saturating_sub(1),
        };
        let new = entry_lines(key, edit, " ".repeat(indent).as_str(), indent, None);
        return splice(&lines, at, at, &new);
    };
    let (k, v) = &entries[i];
    let (first, end) = extent(&lines, k, next_key(entries, i));
    let line = lines[first].trim_end_matches('\n');
    let key_at = byte_col(line, k.pos.column);
    let prefix = &line[..key_at];
    if *edit == Edit::Remove {
        if prefix.trim().is_empty() {
            return splice(&lines, first, end, &[]);
        }
        // The row's first field (`- id: …`) cannot go without its dash.
        return text.to_string();
    }
    let single = end == first + 1;
    if single {
        if let Some(out) = inline(line, v, edit) {
            let new = format!("{out}{}", &lines[first][line.len()..]);
            return splice(&lines, first, end, &[new]);
        }
    }
    let item_indent = match &v.value {
        Value::Seq(items) if v.pos.line > k.pos.line => items
            .first()
            .map(|n| " ".repeat(n.pos.column.saturating_sub(3)))
            .unwrap_or_default(),
        _ => " ".repeat(indent + 2),
    };
    let new = entry_lines(key, edit, prefix, indent, Some(&item_indent));
    splice(&lines, first, end, &new)
}

/// An item of a rearranged block list: one as written (its lines move
/// whole, comments included), or a new one with its first field.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Old(usize),
    New { key: String, value: String },
}

/// `text` with the block list in field `key` of `map` made of `items`, in
/// that order; a list written in `[…]` on one line becomes a block list
/// (`None` for one over several lines, left to a text editor).
pub fn arrange(
    text: &str,
    map: &Node,
    key: &str,
    items: &[Item],
    empty_at: usize,
) -> Option<String> {
    let Value::Map(entries) = &map.value else {
        return None;
    };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let indent = entries
        .first()
        .map_or(0, |(k, _)| k.pos.column.saturating_sub(1));
    let new_item = |pad: &str, key: &str, value: &str| {
        format!("{pad}- {key}: {}\n", scalar(value, Style::Plain, true))
    };
    let Some(i) = entries.iter().position(|(k, _)| k.name == key) else {
        if items.is_empty() {
            return Some(text.to_string());
        }
        let pad = " ".repeat(indent + 2);
        let mut new = vec![format!("{}{key}:", " ".repeat(indent))];
        for item in items {
            if let Item::New { key, value } = item {
                new.push(new_item(&pad, key, value));
            }
        }
        let at = match entries.last() {
            Some((k, _)) => extent(&lines, k, next_key(entries, entries.len() - 1)).1,
            None => empty_at.saturating_sub(1),
        };
        return Some(splice(&lines, at, at, &new));
    };
    let (k, v) = &entries[i];
    let Value::Seq(old) = &v.value else {
        return None;
    };
    let end = extent(&lines, k, next_key(entries, i)).1;
    let block = v.pos.line > k.pos.line && !old.is_empty();
    // `key: [a, {name: Б}]` on one line: written again in block style,
    // each item as it was written.
    let flow = match block || old.is_empty() {
        true => None,
        false => Some(flow_items(&lines, k, old, end)?),
    };
    let starts: Vec<usize> = old.iter().map(|n| n.pos.line - 1).collect();
    let first = starts.first().copied().unwrap_or(end);
    let pad = match lines.get(first) {
        Some(l) if block => " ".repeat(indent_of(l)),
        _ => " ".repeat(indent + 2),
    };
    // Among items written in braces, a new one is written so too.
    let braces = old.first().is_some_and(|n| {
        lines
            .get(n.pos.line - 1)
            .is_some_and(|l| l[byte_col(l, n.pos.column)..].starts_with('{'))
    });
    let new_item = |pad: &str, key: &str, value: &str| {
        if braces {
            format!(
                "{pad}- {{{key}: {}}}\n",
                flow_scalar(value, Style::Plain, true)
            )
        } else {
            new_item(pad, key, value)
        }
    };
    let mut out = String::new();
    for item in items {
        match item {
            Item::Old(j) => match &flow {
                Some(texts) => out.push_str(&format!("{pad}- {}\n", texts.get(*j)?)),
                None => {
                    let from = *starts.get(*j)?;
                    let to = starts.get(j + 1).copied().unwrap_or(end);
                    lines[from..to].iter().for_each(|l| out.push_str(l));
                    if !out.ends_with('\n') {
                        out.push('\n');
                    }
                }
            },
            Item::New { key, value } => out.push_str(&new_item(&pad, key, value)),
        }
    }
    if block {
        return Some(splice(&lines, first, end, &[out]).replace("\n\n\n", "\n\n"));
    }
    // `key: […]` with items: the entry is written again in block style,
    // a comment after the brackets kept on its line.
    let key_line = lines[k.pos.line - 1].trim_end_matches('\n');
    let prefix = &key_line[..byte_col(key_line, k.pos.column)];
    let open = byte_col(key_line, v.pos.column);
    let tail = match key_line[open..].starts_with('[') {
        true => key_line[open + flow_end(&key_line[open..])? + 1..].trim(),
        false => "",
    };
    let mut head = if items.is_empty() {
        format!("{prefix}{key}: []")
    } else {
        format!("{prefix}{key}:")
    };
    if !tail.is_empty() {
        head = format!("{head}  {tail}");
    }
    Some(splice(&lines, k.pos.line - 1, end, &[head, out]))
}

/// The items of the list in `[…]` on the line of `key`, each as written;
/// `None` for a list over several lines.
fn flow_items(
    lines: &[&str],
    key: &super::node::Key,
    items: &[Node],
    end: usize,
) -> Option<Vec<String>> {
    let li = key.pos.line - 1;
    if end != li + 1 {
        return None;
    }
    let line = lines.get(li)?.trim_end_matches('\n');
    items
        .iter()
        .map(|n| {
            if n.pos.line != key.pos.line {
                return None;
            }
            let rest = &line[byte_col(line, n.pos.column)..];
            let len = match rest.starts_with('{') {
                true => flow_end(rest)? + 1,
                false => flow_token(rest)?.1,
            };
            Some(rest[..len].to_string())
        })
        .collect()
}

/// The line of the key after entry `i`, if any.
fn next_key(entries: &[(super::node::Key, Node)], i: usize) -> Option<usize> {
    entries.get(i + 1).map(|(k, _)| k.pos.line)
}

/// Lines `[first, end)` (0-based) of the entry of `key`: up to the next key, or while lines are indented deeper than the
/// key or continue a list at its indentation; trailing blank and comment
/// lines belong to what follows.
fn extent(lines: &[&str], key: &super::node::Key, next: Option<usize>) -> (usize, usize) {
    let first = key.pos.line - 1;
    // The key's own column: on a list item's line (`- title: …`) the line
    // is indented less than the item's fields.
    let key_indent = key.pos.column.saturating_sub(1);
    let mut end = match next {
        Some(n) => n - 1,
        None => {
            let mut e = first + 1;
            while let Some(l) = lines.get(e) {
                let t = l.trim();
                let ind = indent_of(l);
                let deeper = ind > key_indent || (ind == key_indent && t.starts_with("- "));
                if !(t.is_empty() || t.starts_with('#') || deeper) || t == "---" {
                    break;
                }
                e += 1;
            }
            e
        }
    };
    while end > first + 1 && {
        let t = lines[end - 1].trim();
        t.is_empty() || t.starts_with('#')
    } {
        end -= 1;
    }
    (first, end)
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The byte offset of 1-based character column `column` in `line`.
fn byte_col(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

fn splice(lines: &[&str], first: usize, end: usize, new: &[String]) -> String {
    let mut out = String::new();
    lines[..first].iter().for_each(|l| out.push_str(l));
    if first > 0 && !out.ends_with('\n') {
        out.push('\n');
    }
    for l in new {
        out.push_str(l);
        if !l.ends_with('\n') {
            out.push('\n');
        }
    }
    lines[end..].iter().for_each(|l| out.push_str(l));
    out
}

/// The key line with the value replaced in place, when the old value is a
/// one-line scalar or flow list and the new one fits on a line.
fn inline(line: &str, old: &Node, edit: &Edit) -> Option<String> {
    let colon = line.find(':')?;
    let start = match &old.value {
        Value::Null => line[colon + 1..]
            .find(|c: char| c != ' ')
            .map_or(line.len(), |i| colon + 1 + i),
        _ => byte_col(line, old.pos.column),
    };
    let rest = &line[start..];
    let (style, len) = token(rest)?;
    let new = match edit {
        Edit::Scalar { value, text } => {
            if matches!(old.value, Value::Seq(_) | Value::Map(_)) || value.contains('\n') {
                return None;
            }
            scalar(value, style, *text)
        }
        Edit::List(items) => {
            if !matches!(old.value, Value::Seq(_) | Value::Null) {
                return None;
            }
            flow(items)
        }
        Edit::Record { .. } | Edit::Remove => return None,
    };
    let sep = if start == colon + 1 { " " } else { "" };
    let tail = &rest[len..];
    let tail = if len == 0 && !tail.is_empty() {
        format!("  {}", tail.trim_start())
    } else {
        tail.to_string()
    };
    Some(format!("{}{sep}{new}{tail}", &line[..start]))
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Plain,
    Double,
    Single,
}

/// The style and byte length of the one-line value at the start of `rest`;
/// `None` for block scalars and values that go on past the line.
fn token(rest: &str) -> Option<(Style, usize)> {
    let b = rest.as_bytes();
    match b.first() {
        None | Some(b'#') => Some((Style::Plain, 0)),
        Some(b'"') => {
            let mut i = 1;
            while i < b.len() {
                match b[i] {
                    b'\\' => i += 2,
                    b'"' => return Some((Style::Double, i + 1)),
                    _ => i += 1,
                }
            }
            None
        }
        Some(b'\'') => {
            let mut i = 1;
            while i < b.len() {
                if b[i] == b'\'' {
                    if b.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    return Some((Style::Single, i + 1));
                }
                i += 1;
            }
            None
        }
        Some(b'|' | b'>') => None,
        Some(b'[') => {
            let close = rest.rfind(']')?;
            Some((Style::Plain, close + 1))
        }
        Some(b'{') => None,
        _ => {
            let end = rest.find(" #").unwrap_or(rest.len());
            Some((Style::Plain, rest[..end].trim_end().len()))
        }
    }
}

/// `value` written in `style` if it reads back as itself, else in double quotes.
fn scalar(value: &str, style: Style, text: bool) -> String {
    // `16:00` reads as text here, but as a number (960) to YAML 1.1 tools.
    let clock = value.contains(':')
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '-' | '–' | '—'));
    let candidate = match style {
        Style::Plain if text && clock => double(value),
        Style::Plain => value.to_string(),
        Style::Single => format!("'{}'", value.replace('\'', "''")),
        Style::Double => double(value),
    };
    if reads_as(&format!("k: {candidate}\n"), value, text) {
        candidate
    } else {
        double(value)
    }
}

fn double(value: &str) -> String {
    serde_json::Value::String(value.to_string()).to_string()
}

/// `[a, "b, c"]`
fn flow(items: &[String]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|i| {
            if reads_as(&format!("k: [{i}]\n"), i, true) && !i.is_empty() {
                i.clone()
            } else {
                double(i)
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// Whether the YAML `doc` (`k: …` or `k: [...]`) reads back with `value`.
fn reads_as(doc: &str, value: &str, text: bool) -> bool {
    let Ok(node) = super::parse(doc) else {
        return false;
    };
    let Some(v) = node.get("k") else {
        return false;
    };
    let v = match &v.value {
        Value::Seq(items) if items.len() == 1 => &items[0],
        Value::Seq(_) => return false,
        _ => v,
    };
    match &v.value {
        Value::Str(s) => s == value,
        _ if text => false,
        _ => v.as_text().as_deref() == Some(value),
    }
}

/// The whole entry `key: value` as lines: the first begins with `prefix`
/// (the indentation, or the row's `- `).
fn entry_lines(
    key: &str,
    edit: &Edit,
    prefix: &str,
    indent: usize,
    item_indent: Option<&str>,
) -> Vec<String> {
    match edit {
        Edit::Scalar { value, text } if value.contains('\n') => {
            let pad = " ".repeat(indent + 2);
            let chomp = if value.ends_with('\n') { "" } else { "-" };
            let mut out = vec![format!("{prefix}{key}: |{chomp}")];
            for l in value.trim_end_matches('\n').split('\n') {
                out.push(if l.is_empty() {
                    String::new()
                } else {
                    format!("{pad}{l}")
                });
            }
            // A literal block that would read otherwise (leading spaces)
            // is written as one quoted line.
            let doc: String = out
                .iter()
                .map(|l| format!("{}\n", l.get(indent.min(l.len())..).unwrap_or(l)))
                .collect::<String>()
                .replacen(&format!("{key}:"), "k:", 1);
            if reads_as(&doc, value, *text) {
                out
            } else {
                vec![format!("{prefix}{key}: {}", double(value))]
            }
        }
        Edit::Scalar { value, text } => {
            vec![format!(
                "{prefix}{key}: {}",
                scalar(value, Style::Plain, *text)
            )]
        }
        Edit::List(items) if items.is_empty() => vec![format!("{prefix}{key}: []")],
        Edit::List(items) => {
            let pad = item_indent.map_or_else(|| " ".repeat(indent + 2), str::to_string);
            let mut out = vec![format!("{prefix}{key}:")];
            for i in items {
                out.push(format!("{pad}- {}", scalar(i, Style::Plain, true)));
            }
            out
        }
        Edit::Record { key: sub, value } => vec![
            format!("{prefix}{key}:"),
            format!(
                "{}{sub}: {}",
                " ".repeat(indent + 2),
                scalar(value, Style::Plain, true)
            ),
        ],
        Edit::Remove => Vec::new(),
    }
}

/// `text` with the item `item` of a block list, written as one string
/// (`- vasinova-nd`), made a mapping of field `key` (`- person:
/// vasinova-nd`), the string kept as written; `None` for an item in `[…]`.
pub fn expand(text: &str, item: &Node, key: &str) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let i = item.pos.line.checked_sub(1)?;
    let line = *lines.get(i)?;
    let start = byte_col(line, item.pos.column);
    if !line[..start].trim_end().ends_with('-') || line[start..].starts_with(['[', '{']) {
        return None;
    }
    let new = format!("{}{key}: {}", &line[..start], &line[start..]);
    Some(splice(&lines, i, i + 1, &[new]))
}

/// `text` without item `i` of the block list `seq` (a row of a YAML list
/// file): its lines go, the comments and blank line after it stay with
/// what follows; `None` for a list in `[…]`.
pub fn remove_item(text: &str, seq: &Node, i: usize) -> Option<String> {
    let Value::Seq(items) = &seq.value else {
        return None;
    };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut first = items.get(i)?.pos.line.checked_sub(1)?;
    if !lines.get(first)?.trim_start().starts_with('-') {
        return None;
    }
    let mut end = items.get(i + 1).map_or(lines.len(), |n| n.pos.line - 1);
    let blank_or_comment = |l: &str| l.trim().is_empty() || l.trim().starts_with('#');
    while end > first + 1 && blank_or_comment(lines[end - 1]) {
        end -= 1;
    }
    // No two blank lines where the row was, and none at the end.
    let blank_after = lines.get(end).is_none_or(|l| l.trim().is_empty());
    if blank_after && first > 0 && lines[first - 1].trim().is_empty() {
        first -= 1;
    }
    Some(splice(&lines, first, end, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str, key: &str, edit: Edit) -> String {
        let node = crate::yaml::parse(text).unwrap();
        let out = apply(text, &node, key, &edit, 1).unwrap();
        crate::yaml::parse(&out).unwrap_or_else(|e| panic!("{out}\n{e:?}"));
        out
    }

    fn text(v: &str) -> Edit {
        Edit::Scalar {
            value: v.into(),
            text: true,
        }
    }

    const DOC: &str = concat!(
        "# Семинар из программы 2022 г. (seed: programma.docx, с. 3)\n",
        "title: \"Школа: итоги\"   # как в приказе\n",
        "kind: семинар\n",
        "city: 'Минск'\n",
        "\n",
        "# место уточнить\n",
        "venue:\n",
        "organisers: [gimnaziia-1, sh-27]\n",
        "program:\n",
        "  - title: Открытие\n",
        "    time: \"10:00\"\n",
        "\n",
        "  - title: Итоги\n",
        "# конец\n",
    );

    #[test]
    fn a_scalar_changes_in_place_with_its_quotes_and_comment() {
        let out = set(DOC, "title", text("Школа: новые итоги"));
        assert_eq!(
            out,
            DOC.replace("\"Школа: итоги\"", "\"Школа: новые итоги\"")
        );
        let out = set(DOC, "city", text("Гомель"));
        assert_eq!(out, DOC.replace("'Минск'", "'Гомель'"));
        let out = set(DOC, "kind", text("совещание"));
        assert_eq!(out, DOC.replace("kind: семинар", "kind: совещание"));
        // Plain text that YAML would read otherwise gets quotes.
        let out = set(DOC, "kind", text("да: нет"));
        assert_eq!(out, DOC.replace("kind: семинар", "kind: \"да: нет\""));
        let out = set(DOC, "venue", text("Зал 2"));
        assert_eq!(out, DOC.replace("venue:\n", "venue: Зал 2\n"));
    }

    #[test]
    fn lists_keep_their_style_and_other_fields_stay() {
        let out = set(
            DOC,
            "organisers",
            Edit::List(vec!["sh-27".into(), "a, b".into()]),
        );
        assert_eq!(
            out,
            DOC.replace("[gimnaziia-1, sh-27]", "[sh-27, \"a, b\"]")
        );
        let block = "title: x\ntags:\n  - a\n  - b\n# about weight\nweight: 2\n";
        let out = set(block, "tags", Edit::List(vec!["b".into(), "c".into()]));
        assert_eq!(
            out,
            "title: x\ntags:\n  - b\n  - c\n# about weight\nweight: 2\n"
        );
    }

    #[test]
    fn new_fields_are_appended_and_cleared_ones_removed() {
        let out = set(DOC, "audience", text("педагоги"));
        assert_eq!(
            out,
            format!("{DOC}audience: педагоги\n").replace(
                "# конец\naudience: педагоги\n",
                "audience: педагоги\n# конец\n"
            )
        );
        let out = set(DOC, "city", Edit::Remove);
        assert_eq!(out, DOC.replace("city: 'Минск'\n", ""));
        let out = set(
            "weight: 1\n",
            "weight",
            Edit::Scalar {
                value: "5".into(),
                text: false,
            },
        );
        assert_eq!(out, "weight: 5\n");
        let out = set("title: x\n", "id", text("007"));
        assert_eq!(out, "title: x\nid: \"007\"\n");
    }

    #[test]
    fn list_items_move_whole_and_new_ones_are_added() {
        let doc = "title: x\nprogram:\n  # первый\n  - title: A\n    time: \"10:00\"\n  - title: B  # второй\nweight: 1\n";
        let node = crate::yaml::parse(doc).unwrap();
        let new = Item::New {
            key: "title".into(),
            value: "C: итоги".into(),
        };
        let out = arrange(doc, &node, "program", &[Item::Old(1), Item::Old(0), new], 1).unwrap();
        assert_eq!(
            out,
            "title: x\nprogram:\n  # первый\n  - title: B  # второй\n  - title: A\n    time: \"10:00\"\n  - title: \"C: итоги\"\nweight: 1\n"
        );
        // A field added to an item whose only field is on the dash line.
        let Value::Seq(items) = &crate::yaml::parse(&out)
            .unwrap()
            .get("program")
            .unwrap()
            .value
            .clone()
        else {
            panic!()
        };
        let added = apply(&out, &items[2], "time", &text("16:00"), 1).unwrap();
        assert!(
            added.contains("  - title: \"C: итоги\"\n    time: \"16:00\"\nweight: 1\n"),
            "{added}"
        );
        let out = arrange(doc, &node, "program", &[Item::Old(0)], 1).unwrap();
        assert_eq!(out, doc.replace("  - title: B  # второй\n", ""));
        let flow = "program: []\n";
        let node = crate::yaml::parse(flow).unwrap();
        let new = Item::New {
            key: "title".into(),
            value: "A".into(),
        };
        let out = arrange(flow, &node, "program", &[new], 1).unwrap();
        assert_eq!(out, "program:\n  - title: A\n");
    }

    #[test]
    fn one_line_items_and_records_become_mappings_and_rows_go() {
        let doc = "speakers:\n  - vasinova-nd  # методист\n  - \"sh: 27\"\n";
        let node = crate::yaml::parse(doc).unwrap();
        let Value::Seq(items) = &node.get("speakers").unwrap().value else {
            panic!()
        };
        let out = expand(doc, &items[0], "person").unwrap();
        assert_eq!(out, doc.replace("- vasinova-nd", "- person: vasinova-nd"));
        let out = expand(doc, &items[1], "name").unwrap();
        assert_eq!(out, doc.replace("- \"sh", "- name: \"sh"));
        let flow = "speakers: [a]\n";
        let node = crate::yaml::parse(flow).unwrap();
        let Value::Seq(items) = &node.get("speakers").unwrap().value else {
            panic!()
        };
        assert_eq!(expand(flow, &items[0], "person"), None);
        let record = Edit::Record {
            key: "start".into(),
            value: "2021".into(),
        };
        let out = set("title: x\nperiod:\nweight: 1\n", "period", record);
        assert_eq!(out, "title: x\nperiod:\n  start: \"2021\"\nweight: 1\n");

        let rows = "# Справочник\n- id: a\n  title: A\n\n# вторая\n- id: b\n\n- id: c\n";
        let node = crate::yaml::parse(rows).unwrap();
        assert_eq!(
            remove_item(rows, &node, 0).unwrap(),
            "# Справочник\n\n# вторая\n- id: b\n\n- id: c\n"
        );
        assert_eq!(
            remove_item(rows, &node, 1).unwrap(),
            "# Справочник\n- id: a\n  title: A\n\n# вторая\n\n- id: c\n"
        );
        assert_eq!(
            remove_item(rows, &node, 2).unwrap(),
            "# Справочник\n- id: a\n  title: A\n\n# вторая\n- id: b\n"
        );
    }

    #[test]
    fn mappings_in_braces_change_in_place() {
        let doc = "parameters:\n  - {title: \"Учебные материалы\", unit: балл}  # с. 3\n  - {title: Кадры}\n";
        let node = crate::yaml::parse(doc).unwrap();
        let Value::Seq(items) = &node.get("parameters").unwrap().value else {
            panic!()
        };
        let edited = |i: usize, key: &str, e: Edit| {
            let out = apply(doc, &items[i], key, &e, 1).unwrap();
            crate::yaml::parse(&out).unwrap_or_else(|e| panic!("{out}\n{e:?}"));
            out
        };
        assert_eq!(
            edited(0, "unit", text("да/нет")),
            doc.replace("unit: балл}", "unit: да/нет}")
        );
        assert_eq!(
            edited(0, "title", text("Материалы, пособия")),
            doc.replace("\"Учебные материалы\"", "\"Материалы, пособия\"")
        );
        assert_eq!(
            edited(1, "unit", text("балл")),
            doc.replace("{title: Кадры}", "{title: Кадры, unit: балл}")
        );
        assert_eq!(
            edited(1, "title", text("Кадры, {все}")),
            doc.replace("{title: Кадры}", "{title: \"Кадры, {все}\"}")
        );
        assert_eq!(
            edited(0, "unit", Edit::Remove),
            doc.replace(", unit: балл}", "}")
        );
        assert_eq!(
            edited(0, "title", Edit::Remove),
            doc.replace("title: \"Учебные материалы\", ", "")
        );
        // A new item among items in braces is written in braces too.
        let new = Item::New {
            key: "title".into(),
            value: "Сеть".into(),
        };
        let out = arrange(
            doc,
            &node,
            "parameters",
            &[Item::Old(1), Item::Old(0), new],
            1,
        )
        .unwrap();
        assert_eq!(
            out,
            "parameters:\n  - {title: Кадры}\n  - {title: \"Учебные материалы\", unit: балл}  # с. 3\n  - {title: Сеть}\n"
        );
        // A list in brackets becomes a block list when its items change.
        let doc = "title: x\nauthors: [ivanova-aa, \"petrov, b\", {name: Сидорова}]  # из приказа\nweight: 1\n";
        let node = crate::yaml::parse(doc).unwrap();
        let new = Item::New {
            key: "person".into(),
            value: "kim-a".into(),
        };
        let out = arrange(
            doc,
            &node,
            "authors",
            &[Item::Old(2), Item::Old(0), Item::Old(1), new],
            1,
        )
        .unwrap();
        assert_eq!(
            out,
            "title: x\nauthors:  # из приказа\n  - {name: Сидорова}\n  - ivanova-aa\n  - \"petrov, b\"\n  - person: kim-a\nweight: 1\n"
        );
        // Over several lines: left to a text editor.
        let long = "m:\n  - {a: 1,\n     b: 2}\n";
        let node = crate::yaml::parse(long).unwrap();
        let Value::Seq(items) = &node.get("m").unwrap().value else {
            panic!()
        };
        assert_eq!(apply(long, &items[0], "a", &text("3"), 1), None);
    }

    #[test]
    fn a_row_of_a_list_changes_alone() {
        let doc = "# Справочник\n- id: a\n  title: Первая\n\n- id: b  # вторая\n  title: Вторая\n  note: |\n    строка\n";
        let node = crate::yaml::parse(doc).unwrap();
        let Value::Seq(rows) = &node.value else {
            panic!()
        };
        let out = apply(doc, &rows[1], "title", &text("Новая"), 1).unwrap();
        assert_eq!(out, doc.replace("Вторая", "Новая"));
        let out = apply(doc, &rows[1], "note", &text("раз\nдва\n"), 1).unwrap();
        assert_eq!(out, doc.replace("    строка\n", "    раз\n    два\n"));
        let out = apply(doc, &rows[0], "place", &text("Минск"), 1).unwrap();
        assert_eq!(out, doc.replace("Первая\n", "Первая\n  place: Минск\n"));
    }
}
