//! From a submitted form to the file: the changed fields become minimal
//! edits of the source text ([`crate::yaml::edit`]), the result is checked
//! by a whole build, and only then written — atomically, with the previous
//! version kept in `.metodist/history/` so that an author can undo.

use super::form::{self, Current, FormField};
use crate::diagnostics::Diagnostic;
use crate::types::reflect::Shape;
use crate::yaml::edit::{self, Edit};
use crate::yaml::node::{Node, Value};
use std::path::Path;

/// The entry in a source text: its mapping, where a first field would go,
/// and (in a Markdown file) where the body starts.
pub struct Located {
    pub node: Node,
    pub empty_at: usize,
    pub body_start: Option<usize>,
    pub body_line: usize,
}

/// Finds the entry: a Markdown file's front matter, or the row `row` of a
/// YAML list.
pub fn locate(text: &str, row: Option<&str>) -> Result<Located, String> {
    let broken = || "файл сейчас не читается: исправьте его в текстовом редакторе".to_string();
    match row {
        None => {
            let split = crate::load::frontmatter::split(text).map_err(|_| broken())?;
            let mut node = crate::yaml::parse(split.yaml).map_err(|_| broken())?;
            node.shift_lines(split.yaml_line - 1);
            Ok(Located {
                node,
                empty_at: split.yaml_line,
                body_start: Some(split.body_start),
                body_line: split.body_line,
            })
        }
        Some(id) => {
            let node = crate::yaml::parse(text).map_err(|_| broken())?;
            let Value::Seq(rows) = node.value else {
                return Err(broken());
            };
            let row = rows
                .into_iter()
                .find(|r| r.get("id").and_then(Node::as_text).as_deref() == Some(id))
                .ok_or_else(|| format!("в файле нет записи с id «{id}»"))?;
            let empty_at = row.pos.line;
            Ok(Located {
                node: row,
                empty_at,
                body_start: None,
                body_line: usize::MAX,
            })
        }
    }
}

/// The values the form sent for `field`.
pub fn submitted(field: &FormField, form: &[(String, String)]) -> Current {
    let subs = field.item_fields();
    if !subs.is_empty() {
        let items = tokens(field, form)
            .into_iter()
            .map(|t| {
                let values = subs
                    .iter()
                    .map(|s| {
                        match submitted_as(s, &form::item_name(field.name, &t, s.name), form) {
                            Current::One(v) => v,
                            _ => String::new(),
                        }
                    })
                    .collect();
                (t, values)
            })
            .collect();
        return Current::Items(items);
    }
    submitted_as(field, field.name, form)
}

/// The tokens of the items of list `field` in the order sent (see
/// [`form::records`]); without them, the items' numbers in the field names.
fn tokens(field: &FormField, form: &[(String, String)]) -> Vec<String> {
    let order = format!("{}._order", field.name);
    let sent: Vec<String> = form
        .iter()
        .filter(|(n, _)| *n == order)
        .map(|(_, v)| v.clone())
        .collect();
    if !sent.is_empty() {
        return sent;
    }
    let prefix = format!("{}.", field.name);
    let count = form
        .iter()
        .filter_map(|(n, v)| {
            let name = if n == "_has" { v } else { n };
            let (i, _) = name.strip_prefix(&prefix)?.split_once('.')?;
            i.parse::<usize>().ok()
        })
        .max()
        .map_or(0, |i| i + 1);
    (0..count).map(|i| i.to_string()).collect()
}

/// The items list `field` is to have, with their tokens: the items as
/// written (a number) and the new ones that got a value (their first).
fn arrangement(field: &FormField, form: &[(String, String)]) -> Vec<(String, edit::Item)> {
    let Current::Items(items) = submitted(field, form) else {
        return Vec::new();
    };
    let subs = field.item_fields();
    items
        .into_iter()
        .filter_map(|(token, values)| {
            if let Ok(i) = token.parse::<usize>() {
                return Some((token, edit::Item::Old(i)));
            }
            let (sub, value) = subs.iter().zip(values).find(|(_, v)| !v.is_empty())?;
            let item = edit::Item::New {
                key: sub.name.to_string(),
                value,
            };
            Some((token, item))
        })
        .collect()
}

/// Errors named by an item's place in the saved text (`program.2.time`)
/// named by its token in the form instead.
pub fn by_token(
    errors: Vec<(String, String)>,
    fields: &[FormField],
    form: &[(String, String)],
) -> Vec<(String, String)> {
    errors
        .into_iter()
        .map(|(name, message)| {
            let mut parts = name.splitn(3, '.');
            let (Some(list), Some(i), Some(sub)) = (parts.next(), parts.next(), parts.next())
            else {
                return (name, message);
            };
            let field = fields.iter().find(|f| f.name == list);
            let token = field.and_then(|f| {
                let i = i.parse::<usize>().ok()?;
                arrangement(f, form).get(i).map(|(t, _)| t.clone())
            });
            match token {
                Some(t) => (form::item_name(list, &t, sub), message),
                None => (name, message),
            }
        })
        .collect()
}

/// The values the form sent under `name` for a field like `field`.
fn submitted_as(field: &FormField, name: &str, form: &[(String, String)]) -> Current {
    let mut values = form
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.replace("\r\n", "\n"));
    if field.list {
        Current::Many(
            values
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect(),
        )
    } else if field.shape == Shape::Bool {
        Current::One(if values.count() > 0 { "true" } else { "" }.into())
    } else {
        let v = values.next_back().unwrap_or_default();
        // Text areas end lines as the author typed them; single lines are trimmed.
        Current::One(if v.contains('\n') {
            v.trim_end().to_string() + "\n"
        } else {
            v.trim().to_string()
        })
    }
}

/// The edit from `old` to `new` of a field like `f`; `None` if the value
/// is the same.
fn edit_of(f: &FormField, old: Current, new: Current) -> Option<Edit> {
    let yes = Current::One("true".into());
    let unchanged = match (&old, &new) {
        _ if f.shape == Shape::Bool => (old == yes) == (new == yes),
        (Current::One(a), Current::One(b)) => a.trim_end() == b.trim_end(),
        _ => old == new,
    };
    if unchanged {
        return None;
    }
    Some(match new {
        Current::One(v) if v.is_empty() => Edit::Remove,
        Current::Many(v) if v.is_empty() => Edit::Remove,
        Current::One(v) => Edit::Scalar {
            text: !matches!(f.shape, Shape::Number | Shape::Bool),
            value: v,
        },
        Current::Many(v) => Edit::List(v),
        Current::Items(_) => return None,
    })
}

/// `text` with the form's values written in; fields whose value did not
/// change are not touched.
pub fn apply(
    text: &str,
    row: Option<&str>,
    fields: &[FormField],
    form: &[(String, String)],
) -> Result<String, String> {
    let mut text = text.to_string();
    // A row is found by its id: change the id last.
    let mut order: Vec<&FormField> = fields.iter().filter(|f| f.editable()).collect();
    order.sort_by_key(|f| f.name == "id");
    let mut row = row.map(str::to_string);
    // Fields the form did not send are left alone (lists and check boxes
    // that may send nothing are named in `_has`).
    let sent = |name: &str| {
        form.iter()
            .any(|(n, v)| n == name || (n == "_has" && v == name))
    };
    // The entry is found again only after the text changed.
    let mut at = locate(&text, row.as_deref())?;
    for f in order {
        let subs = f.item_fields();
        if !subs.is_empty() {
            // The items in their new order (moved whole), then each item's
            // fields in place.
            let arranged = arrangement(f, form);
            let identity = arranged
                .iter()
                .enumerate()
                .all(|(i, (_, item))| *item == edit::Item::Old(i));
            let count = match at.node.get(f.name).map(|n| &n.value) {
                Some(Value::Seq(items)) => items.len(),
                _ => 0,
            };
            let sent_order = form.iter().any(|(n, _)| *n == format!("{}._order", f.name));
            if sent_order && !(identity && arranged.len() == count) {
                let items: Vec<edit::Item> = arranged.iter().map(|(_, i)| i.clone()).collect();
                text = edit::arrange(&text, &at.node, f.name, &items, at.empty_at).ok_or_else(
                    || {
                        format!(
                            "список «{}» записан в одну строку ([…]): пункты в нём добавляются и \
                         переставляются в текстовом редакторе",
                            f.name
                        )
                    },
                )?;
                at = locate(&text, row.as_deref())?;
            }
            let Current::Items(new) = submitted(f, form) else {
                continue;
            };
            let by_token: std::collections::HashMap<String, Vec<String>> =
                new.into_iter().collect();
            for (i, (token, _)) in arranged.iter().enumerate() {
                let Some(values) = by_token.get(token) else {
                    continue;
                };
                for (sub, value) in subs.iter().zip(values.clone()) {
                    if !sent(&form::item_name(f.name, token, sub.name)) {
                        continue;
                    }
                    let Some(Value::Seq(items)) = at.node.get(f.name).map(|n| &n.value) else {
                        break;
                    };
                    let Some(item) = items.get(i) else {
                        break;
                    };
                    let old = form::current(item, sub);
                    if let Some(e) = edit_of(sub, old, Current::One(value)) {
                        text = edit::apply(&text, item, sub.name, &e, item.pos.line)
                            .ok_or_else(|| in_braces(f.name))?;
                        at = locate(&text, row.as_deref())?;
                    }
                }
            }
            continue;
        }
        if !sent(f.name) {
            continue;
        }
        let old = form::current(&at.node, f);
        let Some(e) = edit_of(f, old, submitted(f, form)) else {
            continue;
        };
        if let (Edit::Scalar { value, .. }, "id") = (&e, f.name) {
            row = row.map(|_| value.clone());
        }
        text = edit::apply(&text, &at.node, f.name, &e, at.empty_at)
            .ok_or_else(|| in_braces(f.name))?;
        at = locate(&text, row.as_deref())?;
    }
    if let Some((_, body)) = form.iter().find(|(n, _)| n == "_body") {
        if let Some(start) = at.body_start {
            let body = body.replace("\r\n", "\n");
            let body = body.trim_end();
            if text[start..].trim_end() != body {
                text.truncate(start);
                text.push_str(body);
                text.push('\n');
            }
        }
    }
    Ok(text)
}

fn in_braces(field: &str) -> String {
    format!(
        "поле «{field}» записано в фигурных скобках в одну строку: измените его в текстовом редакторе"
    )
}

/// The build's errors in this file, by the form field they are on (`_body`
/// for the text, `` where no field is named); message and hint as the
/// build prints them.
pub fn errors_by_field(
    diags: &[Diagnostic],
    rel: &str,
    text: &str,
    row: Option<&str>,
) -> Vec<(String, String)> {
    let at = locate(text, row).ok();
    diags
        .iter()
        .filter(|d| d.is_error() && d.file == rel)
        .map(|d| {
            let field = at.as_ref().map_or(String::new(), |at| {
                if d.line >= at.body_line {
                    return "_body".to_string();
                }
                let Some((key, value)) = key_at(&at.node, d.line) else {
                    return String::new();
                };
                // Inside an item of a list of records: that item's field.
                let item = match &value.value {
                    Value::Seq(items) => items
                        .iter()
                        .enumerate()
                        .rev()
                        .find(|(_, n)| n.pos.line <= d.line),
                    _ => None,
                };
                match item.and_then(|(i, n)| Some((i, key_at(n, d.line)?.0))) {
                    Some((i, sub)) => form::item_name(key, &i.to_string(), sub),
                    None => key.to_string(),
                }
            });
            let message = match &d.hint {
                Some(h) => format!("{} ({h})", d.message),
                None => d.message.clone(),
            };
            (field, message)
        })
        .collect()
}

/// The field of mapping `node` whose lines hold `line`.
fn key_at(node: &Node, line: usize) -> Option<(&str, &Node)> {
    match &node.value {
        Value::Map(entries) if line >= node.pos.line => entries
            .iter()
            .rev()
            .find(|(k, _)| k.pos.line <= line)
            .map(|(k, v)| (k.name.as_str(), v)),
        _ => None,
    }
}

/// Deletes the file at `path`, keeping it in `.metodist/history/` first.
pub fn remove(root: &Path, rel: &str, path: &Path) -> Result<(), String> {
    let io = |e: std::io::Error| format!("не удалось удалить файл: {}", crate::write::io_ru(&e));
    keep(root, rel, path).map_err(io)?;
    std::fs::remove_file(path).map_err(io)
}

/// Copies the file at `path` into the history, if it exists; returns its bytes.
fn keep(root: &Path, rel: &str, path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    let Ok(old) = std::fs::read(path) else {
        return Ok(None);
    };
    let stamp = chrono::Local::now().format("%Y-%m-%d_%H-%M-%S-%3f");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("txt");
    let dir = root.join(".metodist").join("history").join(rel);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join(format!("{stamp}.{ext}")), &old)?;
    Ok(Some(old))
}

/// Writes `text` to `path` atomically, keeping the previous version (if
/// any) in `.metodist/history/<path in the site>/<time>`. A file that had
/// Windows line ends or a BOM keeps them.
pub fn write(root: &Path, rel: &str, path: &Path, text: &str) -> Result<(), String> {
    let io = |e: std::io::Error| format!("не удалось записать файл: {}", crate::write::io_ru(&e));
    let old = keep(root, rel, path).map_err(io)?;
    let mut bytes = Vec::new();
    if old
        .as_ref()
        .is_some_and(|o| o.starts_with("\u{feff}".as_bytes()))
    {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    let crlf = old
        .as_ref()
        .is_some_and(|o| o.windows(2).any(|w| w == b"\r\n"));
    if crlf {
        bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    } else {
        bytes.extend_from_slice(text.as_bytes());
    }
    atomic(path, &bytes)
}

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let io = |e: std::io::Error| format!("не удалось записать файл: {}", crate::write::io_ru(&e));
    let dir = path.parent().ok_or_else(|| "нет папки файла".to_string())?;
    std::fs::create_dir_all(dir).map_err(io)?;
    // A hidden temporary name: neither the build nor the watcher looks at it.
    let tmp = dir.join(format!(
        ".{}.metodist-tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("zapis")
    ));
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

/// `text` with a material `{title, file}` added at the end of the entry's
/// `materials`.
pub fn add_material(
    text: &str,
    row: Option<&str>,
    title: &str,
    file: &str,
) -> Result<String, String> {
    let at = locate(text, row)?;
    let count = match at.node.get("materials").map(|n| &n.value) {
        Some(Value::Seq(items)) => items.len(),
        _ => 0,
    };
    let mut items: Vec<edit::Item> = (0..count).map(edit::Item::Old).collect();
    items.push(edit::Item::New {
        key: "title".into(),
        value: title.to_string(),
    });
    let text = edit::arrange(text, &at.node, "materials", &items, at.empty_at)
        .ok_or_else(|| in_braces("materials"))?;
    let at = locate(&text, row)?;
    let Some(Value::Seq(items)) = at.node.get("materials").map(|n| &n.value) else {
        return Err(in_braces("materials"));
    };
    let last = items.last().ok_or_else(|| in_braces("materials"))?;
    let file = Edit::Scalar {
        value: file.to_string(),
        text: true,
    };
    edit::apply(&text, last, "file", &file, last.pos.line).ok_or_else(|| in_braces("materials"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_fields_are_written_and_the_body_follows() {
        let practice = crate::types::kind_by_name("practice").unwrap();
        let fields = form::fields(practice, false);
        let text = "---\n# источник: сборник 2023\ntitle: \"Наставничество\"\nlevel: школьная  # уточнить\ntarget_groups: [педагоги]\n---\nТекст.\n";
        let form = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let same = form(&[
            ("title", "Наставничество"),
            ("level", "школьная"),
            ("target_groups", "педагоги"),
            ("_body", "Текст.\r\n"),
        ]);
        assert_eq!(apply(text, None, &fields, &same).unwrap(), text);
        let changed = form(&[
            ("title", "Наставничество"),
            ("level", "муниципальная"),
            ("target_groups", "педагоги"),
            ("target_groups", "родители"),
            ("goal", "Рост"),
            ("_has", "draft"),
            ("_body", "Новый текст."),
        ]);
        assert_eq!(
            apply(text, None, &fields, &changed).unwrap(),
            "---\n# источник: сборник 2023\ntitle: \"Наставничество\"\nlevel: муниципальная  # уточнить\ntarget_groups: [педагоги, родители]\ngoal: Рост\n---\nНовый текст.\n"
        );
    }

    /// What the form sends when the author changes nothing.
    fn unchanged_form(fields: &[FormField], at: &Located, text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for f in fields.iter().filter(|f| f.editable()) {
            match form::current(&at.node, f) {
                Current::One(v) if f.shape == Shape::Bool => {
                    out.push(("_has".to_string(), f.name.to_string()));
                    if v == "true" {
                        out.push((f.name.to_string(), v));
                    }
                }
                Current::One(v) => out.push((f.name.to_string(), v)),
                Current::Many(items) => {
                    out.push(("_has".to_string(), f.name.to_string()));
                    out.extend(items.into_iter().map(|v| (f.name.to_string(), v)));
                }
                Current::Items(items) => {
                    for (token, values) in items {
                        out.push((format!("{}._order", f.name), token.clone()));
                        for (sub, v) in f.item_fields().iter().zip(values) {
                            let name = form::item_name(f.name, &token, sub.name);
                            if sub.shape == Shape::Bool {
                                out.push(("_has".to_string(), name.clone()));
                                if v != "true" {
                                    continue;
                                }
                            }
                            out.push((name, v));
                        }
                    }
                }
            }
        }
        if let Some(b) = at.body_start {
            out.push(("_body".to_string(), text[b..].to_string()));
        }
        out
    }

    /// Opening the form of any entry of the reference portal and saving it
    /// unchanged leaves every file as it is, byte for byte.
    #[test]
    fn an_unchanged_form_changes_no_file_of_the_reference_portal() {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        // The entries as a build resolves them (no pages are rendered).
        let diags = crate::diagnostics::Diagnostics::default();
        let config = crate::config::SiteConfig::load(&root).expect("site.toml reads");
        let loaded = crate::load::load(&root, &diags);
        let site = crate::site::resolve(config, root.clone(), loaded, true, &diags);
        assert!(!diags.has_errors());
        let mut checked = 0;
        for source in crate::pipeline::sources(&site).values() {
            if !form::editable_kind(source.kind) {
                continue;
            }
            let bytes = std::fs::read(root.join(&source.rel)).unwrap();
            let text = crate::load::decode(bytes).0.replace("\r\n", "\n");
            let at = locate(&text, source.row.as_deref())
                .unwrap_or_else(|e| panic!("{} {:?}: {e}", source.rel, source.row));
            let fields = form::fields(source.kind, source.row.is_some());
            let sent = unchanged_form(&fields, &at, &text);
            let saved = apply(&text, source.row.as_deref(), &fields, &sent).unwrap();
            assert_eq!(saved, text, "{} {:?}", source.rel, source.row);
            checked += 1;
        }
        assert!(checked > 100, "{checked}");
    }
}
