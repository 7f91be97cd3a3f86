//! From a submitted form to the file: the changed fields become minimal
//! edits of the source text ([`crate::yaml::edit`]), the result is checked
//! by a whole build, and only then written — atomically, with the previous
//! version kept in `.metodist/history/` so that an author can undo.

use super::form::{self, Current, FormField, Kind};
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

/// The values the form sent for `field`, named `name` in the form.
pub fn submitted(field: &FormField, name: &str, form: &[(String, String)]) -> Current {
    match field.kind() {
        Kind::Records => Current::Items(
            tokens(name, form)
                .into_iter()
                .map(|t| {
                    let values = sent_record(field, &format!("{name}.{t}"), form);
                    (t, values)
                })
                .collect(),
        ),
        Kind::Record => Current::Record(sent_record(field, name, form)),
        _ => submitted_as(field, name, form),
    }
}

fn sent_record(field: &FormField, name: &str, form: &[(String, String)]) -> Vec<Current> {
    field
        .fields
        .iter()
        .map(|s| submitted(s, &form::sub_name(name, s.name), form))
        .collect()
}

/// The tokens of the items of the list named `name` in the order sent
/// (see [`form::records`]); without them, the items' numbers in the field
/// names.
fn tokens(name: &str, form: &[(String, String)]) -> Vec<String> {
    let order = format!("{name}._order");
    let sent: Vec<String> = form
        .iter()
        .filter(|(n, _)| *n == order)
        .map(|(_, v)| v.clone())
        .collect();
    if !sent.is_empty() {
        return sent;
    }
    let prefix = format!("{name}.");
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

/// The items the list `field` (named `name`) is to have, with their
/// tokens: the items as written (a number) and the new ones that got a
/// value (their first).
fn arrangement(
    field: &FormField,
    name: &str,
    form: &[(String, String)],
) -> Vec<(String, edit::Item)> {
    let Current::Items(items) = submitted(field, name, form) else {
        return Vec::new();
    };
    items
        .into_iter()
        .filter_map(|(token, values)| {
            if let Ok(i) = token.parse::<usize>() {
                return Some((token, edit::Item::Old(i)));
            }
            let (sub, value) = field.fields.iter().zip(values).find_map(|(s, v)| match v {
                Current::One(v) if !v.is_empty() && s.kind() == Kind::Scalar => Some((s, v)),
                _ => None,
            })?;
            let item = edit::Item::New {
                key: sub.name.to_string(),
                value,
            };
            Some((token, item))
        })
        .collect()
}

/// Errors named by items' places in the saved text
/// (`program.2.speakers.0.person`) named by their tokens in the form instead.
pub fn by_token(
    errors: Vec<(String, String)>,
    fields: &[FormField],
    form: &[(String, String)],
) -> Vec<(String, String)> {
    errors
        .into_iter()
        .map(|(name, message)| {
            let parts: Vec<&str> = name.split('.').collect();
            let renamed = rename(&parts, fields, "", form).unwrap_or(name);
            (renamed, message)
        })
        .collect()
}

fn rename(
    parts: &[&str],
    fields: &[FormField],
    prefix: &str,
    form: &[(String, String)],
) -> Option<String> {
    let (first, rest) = parts.split_first()?;
    let f = fields.iter().find(|f| f.name == *first)?;
    let name = form::sub_name(prefix, f.name);
    match (f.kind(), rest) {
        (Kind::Records, [i, rest @ ..]) => {
            let i = i.parse::<usize>().ok()?;
            let (token, _) = arrangement(f, &name, form).into_iter().nth(i)?;
            let item = format!("{name}.{token}");
            if rest.is_empty() {
                Some(item)
            } else {
                rename(rest, &f.fields, &item, form).or(Some(item))
            }
        }
        (Kind::Record, [_, ..]) => rename(rest, &f.fields, &name, form).or(Some(name)),
        _ => Some(name),
    }
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
        Current::Items(_) | Current::Record(_) => return None,
    })
}

/// A step from an entry to a record inside it.
#[derive(Debug, Clone)]
enum Step {
    Key(&'static str),
    Item(usize),
}

/// A text being edited: each change is made on the text, and the node it
/// changes found again in the new text (positions move).
struct Editing<'a> {
    text: String,
    row: Option<String>,
    form: &'a [(String, String)],
}

impl Editing<'_> {
    /// Whether the form sent field `name` (lists and check boxes that may
    /// send nothing are named in `_has`).
    fn sent(&self, name: &str) -> bool {
        self.form
            .iter()
            .any(|(n, v)| n == name || (n == "_has" && v == name))
    }

    /// The node at `path` in the entry, and the line where a first field
    /// of it goes.
    fn node(&self, path: &[Step]) -> Result<(Node, usize), String> {
        let at = locate(&self.text, self.row.as_deref())?;
        let mut node = at.node;
        let mut empty_at = at.empty_at;
        for step in path {
            let next = match (step, &node.value) {
                (Step::Key(k), _) => node.get(k).cloned(),
                (Step::Item(i), Value::Seq(items)) => items.get(*i).cloned(),
                _ => None,
            };
            node = next.ok_or_else(|| "запись изменилась во время сохранения".to_string())?;
            empty_at = node.pos.line;
        }
        Ok((node, empty_at))
    }

    /// Writes the fields of the record at `path`, named `prefix…` in the form.
    fn record(&mut self, path: &[Step], fields: &[FormField], prefix: &str) -> Result<(), String> {
        // A row is found by its id: change the id last.
        let mut order: Vec<&FormField> = fields.iter().filter(|f| f.editable()).collect();
        order.sort_by_key(|f| f.name == "id");
        for f in order {
            let name = form::sub_name(prefix, f.name);
            let mut inner = path.to_vec();
            inner.push(Step::Key(f.name));
            match f.kind() {
                Kind::Records => self.items(path, f, &name)?,
                Kind::Record => {
                    if self.nested(path, f, &name)? {
                        self.record(&inner, &f.fields, &name)?;
                    }
                }
                _ => self.scalar(path, f, &name)?,
            }
        }
        Ok(())
    }

    fn scalar(&mut self, path: &[Step], f: &FormField, name: &str) -> Result<(), String> {
        if !self.sent(name) {
            return Ok(());
        }
        let (node, empty_at) = self.node(path)?;
        let old = form::current(&node, f);
        let Some(e) = edit_of(f, old, submitted(f, name, self.form)) else {
            return Ok(());
        };
        if let (Edit::Scalar { value, .. }, "id", true) = (&e, f.name, path.is_empty()) {
            self.row = self.row.as_ref().map(|_| value.clone());
        }
        self.text = edit::apply(&self.text, &node, f.name, &e, empty_at)
            .ok_or_else(|| in_braces(f.name))?;
        Ok(())
    }

    /// Whether the fields of the record `f` in the node at `path` are to be
    /// written field by field: it is a mapping, or is made one here — a
    /// record written as one string, or not at all, that the form changes.
    fn nested(&mut self, path: &[Step], f: &FormField, name: &str) -> Result<bool, String> {
        let (node, empty_at) = self.node(path)?;
        let v = node.get(f.name);
        if v.is_some_and(|v| matches!(v.value, Value::Map(_))) {
            return Ok(true);
        }
        let new = sent_record(f, name, self.form);
        if !self.changes(f, name, &form::record(v, f), &new) {
            return Ok(false);
        }
        // Its first field: the string it was, or the first value sent.
        let first = match v.and_then(Node::as_text) {
            Some(t) => f.short.map(|s| (s, t)),
            None => f.fields.iter().zip(&new).find_map(|(s, v)| match v {
                Current::One(v) if !v.is_empty() && s.kind() == Kind::Scalar => {
                    Some((s.name, v.clone()))
                }
                _ => None,
            }),
        };
        let Some((key, value)) = first else {
            return Err(one_line(f.name));
        };
        let e = Edit::Record {
            key: key.to_string(),
            value,
        };
        self.text = edit::apply(&self.text, &node, f.name, &e, empty_at)
            .ok_or_else(|| in_braces(f.name))?;
        Ok(true)
    }

    /// Whether the form changes a record written as `old` into `new`.
    fn changes(&self, f: &FormField, name: &str, old: &[Current], new: &[Current]) -> bool {
        f.fields.iter().zip(old).zip(new).any(|((s, o), n)| {
            let sub = form::sub_name(name, s.name);
            match s.kind() {
                _ if !s.editable() => false,
                Kind::Scalar | Kind::Values => {
                    self.sent(&sub) && edit_of(s, o.clone(), n.clone()).is_some()
                }
                _ => o != n,
            }
        })
    }

    /// The list of records `f` of the node at `path`: its items in their
    /// new order (moved whole), then each item's fields in place.
    fn items(&mut self, path: &[Step], f: &FormField, name: &str) -> Result<(), String> {
        let arranged = arrangement(f, name, self.form);
        let (node, empty_at) = self.node(path)?;
        let count = match node.get(f.name).map(|n| &n.value) {
            Some(Value::Seq(items)) => items.len(),
            _ => 0,
        };
        let identity = arranged.len() == count
            && arranged
                .iter()
                .enumerate()
                .all(|(i, (_, item))| *item == edit::Item::Old(i));
        if self.sent(&format!("{name}._order")) && !identity {
            let items: Vec<edit::Item> = arranged.iter().map(|(_, i)| i.clone()).collect();
            self.text =
                edit::arrange(&self.text, &node, f.name, &items, empty_at).ok_or_else(|| {
                    format!(
                        "список «{}» записан в квадратных скобках на нескольких строках: пункты \
                         в нём добавляются и переставляются в текстовом редакторе",
                        f.name
                    )
                })?;
        }
        for (i, (token, _)) in arranged.iter().enumerate() {
            let item_name = format!("{name}.{token}");
            let mut at = path.to_vec();
            at.extend([Step::Key(f.name), Step::Item(i)]);
            let (item, _) = self.node(&at)?;
            if !matches!(item.value, Value::Map(_)) {
                // An item written as one string (`- vasinova-nd`) becomes
                // a mapping only when the form changes it.
                let new = sent_record(f, &item_name, self.form);
                if !self.changes(f, &item_name, &form::record(Some(&item), f), &new) {
                    continue;
                }
                let short = f.short.ok_or_else(|| one_line(f.name))?;
                if let Some(t) = edit::expand(&self.text, &item, short) {
                    self.text = t;
                } else {
                    // In `[…]`: the list is written in block style first.
                    let (node, empty_at) = self.node(path)?;
                    let count = match node.get(f.name).map(|n| &n.value) {
                        Some(Value::Seq(items)) => items.len(),
                        _ => 0,
                    };
                    let all: Vec<edit::Item> = (0..count).map(edit::Item::Old).collect();
                    self.text = edit::arrange(&self.text, &node, f.name, &all, empty_at)
                        .ok_or_else(|| one_line(f.name))?;
                    let (item, _) = self.node(&at)?;
                    self.text =
                        edit::expand(&self.text, &item, short).ok_or_else(|| one_line(f.name))?;
                }
            }
            self.record(&at, &f.fields, &item_name)?;
        }
        Ok(())
    }
}

/// `text` with the form's values written in; fields whose value did not
/// change are not touched.
pub fn apply(
    text: &str,
    row: Option<&str>,
    fields: &[FormField],
    form: &[(String, String)],
) -> Result<String, String> {
    let mut e = Editing {
        text: text.to_string(),
        row: row.map(str::to_string),
        form,
    };
    e.record(&[], fields, "")?;
    let mut text = e.text;
    let at = locate(&text, e.row.as_deref())?;
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

fn one_line(field: &str) -> String {
    format!(
        "пункт списка «{field}» записан одной строкой, и форма не может дописать к нему поля: \
         измените его в текстовом редакторе"
    )
}

/// The build's errors in this file, by the form field they are on (`_body`
/// for the text, `` where no field is named; an item by its place:
/// `program.2.speakers.0.person`); message and hint as the build prints them.
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
                field_at(&at.node, d.line).join(".")
            });
            let message = match &d.hint {
                Some(h) => format!("{} ({h})", d.message),
                None => d.message.clone(),
            };
            (field, message)
        })
        .collect()
}

/// The path of the innermost field of mapping `node` whose lines hold
/// `line`, items of lists by their places.
fn field_at(node: &Node, line: usize) -> Vec<String> {
    let Some((key, value)) = key_at(node, line) else {
        return Vec::new();
    };
    let mut path = vec![key.to_string()];
    match &value.value {
        Value::Seq(items) => {
            if let Some((i, item)) = items
                .iter()
                .enumerate()
                .rev()
                .find(|(_, n)| n.pos.line <= line)
            {
                path.push(i.to_string());
                path.extend(field_at(item, line));
            }
        }
        Value::Map(_) => path.extend(field_at(value, line)),
        _ => {}
    }
    path
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

/// The text of a YAML list file without its row `id`.
pub fn without_row(text: &str, id: &str) -> Result<String, String> {
    let node = crate::yaml::parse(text)
        .map_err(|_| "файл сейчас не читается: исправьте его в текстовом редакторе".to_string())?;
    let Value::Seq(rows) = &node.value else {
        return Err("в файле не список записей".into());
    };
    let i = rows
        .iter()
        .position(|r| r.get("id").and_then(Node::as_text).as_deref() == Some(id))
        .ok_or_else(|| format!("в файле нет записи с id «{id}»"))?;
    edit::remove_item(text, &node, i).ok_or_else(|| {
        "список записан в одну строку ([…]): запись из него удаляется в текстовом редакторе".into()
    })
}

/// `text` without the item of the entry's `materials` whose file is `file`.
pub fn remove_material(text: &str, row: Option<&str>, file: &str) -> Result<String, String> {
    let at = locate(text, row)?;
    let Some(Value::Seq(items)) = at.node.get("materials").map(|n| &n.value) else {
        return Err("у записи нет материалов".into());
    };
    let kept: Vec<edit::Item> = items
        .iter()
        .enumerate()
        .filter(|(_, m)| m.get("file").and_then(Node::as_text).as_deref() != Some(file))
        .map(|(i, _)| edit::Item::Old(i))
        .collect();
    edit::arrange(text, &at.node, "materials", &kept, at.empty_at)
        .ok_or_else(|| in_braces("materials"))
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

    /// What the form sends for field `f` named `name` with value `v`.
    fn send(f: &FormField, name: &str, v: Current, out: &mut Vec<(String, String)>) {
        if !f.editable() {
            return;
        }
        match v {
            Current::One(v) if f.shape == Shape::Bool => {
                out.push(("_has".to_string(), name.to_string()));
                if v == "true" {
                    out.push((name.to_string(), v));
                }
            }
            Current::One(v) => out.push((name.to_string(), v)),
            Current::Many(items) => {
                out.push(("_has".to_string(), name.to_string()));
                out.extend(items.into_iter().map(|v| (name.to_string(), v)));
            }
            Current::Record(values) => {
                for (sub, v) in f.fields.iter().zip(values) {
                    send(sub, &form::sub_name(name, sub.name), v, out);
                }
            }
            Current::Items(items) => {
                for (token, values) in items {
                    out.push((format!("{name}._order"), token.clone()));
                    for (sub, v) in f.fields.iter().zip(values) {
                        send(sub, &format!("{name}.{token}.{}", sub.name), v, out);
                    }
                }
            }
        }
    }

    /// What the form sends when the author changes nothing.
    fn unchanged_form(fields: &[FormField], at: &Located, text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for f in fields {
            send(f, f.name, form::current(&at.node, f), &mut out);
        }
        if let Some(b) = at.body_start {
            out.push(("_body".to_string(), text[b..].to_string()));
        }
        out
    }

    /// The form of `fields` as `unchanged_form` sends it, with every
    /// one-line text value but ids (at any depth) ending in « (правка)».
    fn every_text_changed(
        fields: &[FormField],
        form: Vec<(String, String)>,
    ) -> Vec<(String, String)> {
        fn text_field(fields: &[FormField], parts: &[&str]) -> bool {
            let Some((first, rest)) = parts.split_first() else {
                return false;
            };
            let Some(f) = fields.iter().find(|f| f.name == *first) else {
                return false;
            };
            match (f.kind(), rest) {
                (form::Kind::Scalar, []) => f.shape == Shape::Text && f.name != "id",
                (form::Kind::Records, [_, rest @ ..]) => text_field(&f.fields, rest),
                (form::Kind::Record, rest) => text_field(&f.fields, rest),
                _ => false,
            }
        }
        form.into_iter()
            .map(|(n, v)| {
                let parts: Vec<&str> = n.split('.').collect();
                if !v.is_empty() && !v.contains('\n') && text_field(fields, &parts) {
                    (n, format!("{v} (правка)"))
                } else {
                    (n, v)
                }
            })
            .collect()
    }

    /// Opening the form of any entry of the reference portal and saving it
    /// unchanged leaves every file as it is, byte for byte; changing every
    /// text field at once, at any depth (quoted, plain, in braces, in
    /// lists of records), writes exactly those values: the form read again
    /// shows what was sent.
    #[test]
    fn an_unchanged_form_changes_no_file_of_the_reference_portal() {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        // The entries as a build resolves them (no pages are rendered).
        let diags = crate::diagnostics::Diagnostics::default();
        let config = crate::config::SiteConfig::load(&root).expect("site.toml reads");
        let loaded = crate::load::load(&root, &diags);
        let site = crate::site::resolve(config, root.clone(), loaded, true, &diags);
        assert!(!diags.has_errors());
        let (mut checked, mut edited) = (0, 0);
        let mut rows_of = std::collections::HashMap::new();
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
            // Rows of one file share their style: a few of each are enough
            // (every edit parses the whole file again).
            let rows_seen = rows_of.entry(source.rel.clone()).or_insert(0);
            *rows_seen += 1;
            let changed = every_text_changed(&fields, sent.clone());
            if changed != sent && *rows_seen <= 3 {
                let saved = apply(&text, source.row.as_deref(), &fields, &changed)
                    .unwrap_or_else(|e| panic!("{} {:?}: {e}", source.rel, source.row));
                let again = locate(&saved, source.row.as_deref())
                    .unwrap_or_else(|e| panic!("{} {:?}: {e}\n{saved}", source.rel, source.row));
                let read = unchanged_form(&fields, &again, &saved);
                assert_eq!(read, changed, "{} {:?}:\n{saved}", source.rel, source.row);
                edited += 1;
            }
            checked += 1;
        }
        assert!(checked > 100 && edited > 30, "{checked} {edited}");
    }
}
