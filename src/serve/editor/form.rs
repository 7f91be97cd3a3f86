//! The form of one entry, generated from its type's schema
//! ([`crate::types::reflect`]): which fields it has, the control each gets,
//! and the HTML — plain, labelled controls that work without scripts, with
//! errors beside their fields (`aria-describedby`) and a summary on top.

use crate::markup::escape;
use crate::types::reflect::{Field, Shape};
use crate::types::{front::PageFront, Common, TYPES};
use crate::yaml::node::{Node, Value};
use std::collections::BTreeMap;

/// Fields of the page front matter the form offers (the rest are kept).
const FRONT: &[&str] = &["title", "description", "date", "draft"];

/// A field of the form.
#[derive(Debug, Clone)]
pub struct FormField {
    pub name: &'static str,
    pub shape: Shape,
    pub list: bool,
    pub required: bool,
    /// The type a reference field points to.
    pub target: Option<&'static str>,
}

impl FormField {
    /// Whether the form edits it: scalars, lists of text or choices, and
    /// the scalar fields of each item of a list of records (a programme's
    /// talks); other nested values are left to a text editor.
    pub fn editable(&self) -> bool {
        match &self.shape {
            Shape::Record(_) => !self.item_fields().is_empty(),
            Shape::Other => false,
            Shape::Text | Shape::Choice(_) => true,
            _ => !self.list,
        }
    }

    /// The fields of each item the form edits, for a list of records.
    pub fn item_fields(&self) -> Vec<FormField> {
        let Shape::Record(fields) = &self.shape else {
            return Vec::new();
        };
        if !self.list {
            return Vec::new();
        }
        fields
            .iter()
            .filter(|f| !f.list && !matches!(f.shape, Shape::Record(_) | Shape::Other))
            .map(|f| FormField {
                name: f.name,
                shape: f.shape.clone(),
                list: false,
                required: !f.optional,
                target: None,
            })
            .collect()
    }

    /// The nested fields of each item the form leaves to a text editor.
    pub fn item_rest(&self) -> Vec<&'static str> {
        match &self.shape {
            Shape::Record(fields) if self.list => fields
                .iter()
                .filter(|f| f.list || matches!(f.shape, Shape::Record(_) | Shape::Other))
                .map(|f| f.name)
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The form name of field `sub` of the item with token `token` of list
/// `list`: `program.0.time`.
pub fn item_name(list: &str, token: &str, sub: &str) -> String {
    format!("{list}.{token}.{sub}")
}

/// Whether the form edits entries of type `kind`: the regulated sections
/// of `/sveden/` and `/deiatelnost/` have too many nested fields for it.
pub fn editable_kind(kind: usize) -> bool {
    !matches!(TYPES[kind].name(), "sveden" | "municipal")
}

/// The fields of type `kind`: the page's title, description, date and
/// draft mark, then the type's own, then those every entry has.
pub fn fields(kind: usize, row: bool) -> Vec<FormField> {
    let t = TYPES[kind];
    let required = required(kind);
    let front = crate::types::reflect::fields::<PageFront>();
    let common = crate::types::reflect::fields::<Common>();
    let mut out: Vec<FormField> = Vec::new();
    let chosen = front
        .into_iter()
        .filter(|f| FRONT.contains(&f.name))
        .chain(t.shape())
        .chain(common.into_iter().filter(|f| row || f.name != "body"));
    for f in chosen {
        if out.iter().any(|o| o.name == f.name) {
            continue;
        }
        let Field {
            name, shape, list, ..
        } = f;
        let target = t
            .refs()
            .iter()
            .chain(crate::types::COMMON_REFS)
            .find(|r| r.path.strip_suffix("[]").unwrap_or(r.path) == name)
            .map(|r| r.target);
        out.push(FormField {
            name,
            shape,
            list,
            required: required.contains(&name),
            target,
        });
    }
    out
}

/// The fields a type cannot do without: read an entry with only these
/// (found one by one from the «missing field» errors).
fn required(kind: usize) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = Vec::new();
    for _ in 0..16 {
        let text: String = found.iter().map(|f| format!("{f}: x\n")).collect();
        let Ok(node) = crate::yaml::parse(&text) else {
            break;
        };
        let missing = match TYPES[kind].parse(&node, &[]) {
            Ok(_) => None,
            Err(errors) => errors.iter().find_map(|e| e.missing),
        };
        match missing {
            Some(m) if !found.contains(&m) => found.push(m),
            _ => break,
        }
    }
    found
}

/// A field's current value in the form's terms.
#[derive(Debug, Clone, PartialEq)]
pub enum Current {
    One(String),
    Many(Vec<String>),
    /// Each item's token (see [`records`]) and the values of its
    /// [`FormField::item_fields`].
    Items(Vec<(String, Vec<String>)>),
}

/// The value of `field` in the entry's `node`.
pub fn current(node: &Node, field: &FormField) -> Current {
    let v = node.get(field.name);
    let subs = field.item_fields();
    if !subs.is_empty() {
        let items = match v.map(|v| &v.value) {
            Some(Value::Seq(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let values = match item.value {
                        // An item written as one line (`- plan.pdf`) has no fields here.
                        Value::Map(_) => subs
                            .iter()
                            .map(|s| item.get(s.name).and_then(Node::as_text).unwrap_or_default())
                            .collect(),
                        _ => Vec::new(),
                    };
                    (i.to_string(), values)
                })
                .collect(),
            _ => Vec::new(),
        };
        return Current::Items(items);
    }
    if field.list {
        let items = match v.map(|v| &v.value) {
            Some(Value::Seq(items)) => items.iter().filter_map(Node::as_text).collect(),
            Some(_) => v.and_then(Node::as_text).into_iter().collect(),
            None => Vec::new(),
        };
        return Current::Many(items);
    }
    Current::One(v.and_then(Node::as_text).unwrap_or_default())
}

/// What the page shows besides the fields.
pub struct Page<'a> {
    pub heading: String,
    /// Hidden inputs naming the entry (`_page` or `_type`) and the token.
    pub hidden: Vec<(&'static str, String)>,
    pub fields: &'a [FormField],
    pub values: Vec<Current>,
    /// The Markdown text of a Markdown file's entry.
    pub body: Option<String>,
    /// Errors by field name (`_body` for the text, `` for the rest).
    pub errors: &'a [(String, String)],
    /// Where the file is, for fields the form leaves to a text editor.
    pub file: String,
    pub back: Option<String>,
    pub words: &'a toml::Table,
    /// The entries reference fields may name, by type: (id, title).
    pub choices: &'a BTreeMap<&'static str, Vec<(String, String)>>,
    /// Whether files can be attached (an existing entry with materials).
    pub attach: bool,
    /// What the last action did («Файл … загружен»).
    pub notice: Option<String>,
    /// Where the entry is deleted from (a Markdown file's entry).
    pub delete: Option<String>,
}

/// The field's label: the theme's word in `[editor.fields]`, else its
/// heading in `[types]`, else the field's own name.
pub fn label(words: &toml::Table, name: &str) -> String {
    let find = |table: Option<&toml::Value>| {
        table
            .and_then(|t| t.get(name))
            .and_then(toml::Value::as_str)
            .map(str::to_string)
    };
    let editor = words.get("editor").and_then(|e| e.get("fields"));
    find(editor)
        .or_else(|| find(words.get("types")))
        .unwrap_or_else(|| name.to_string())
}

pub fn html(p: &Page) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{}</title><style>{}</style></head><body><main>",
        escape(&p.heading),
        include_str!("editor.css")
    ));
    if let Some(back) = &p.back {
        out.push_str(&format!(
            "<p><a href=\"{}\">← Вернуться к странице</a></p>",
            escape(back)
        ));
    }
    out.push_str(&format!("<h1>{}</h1>", escape(&p.heading)));
    if let Some(n) = &p.notice {
        out.push_str(&format!(
            "<p class=\"notice\" role=\"status\">{}</p>",
            escape(n)
        ));
    }
    if !p.errors.is_empty() {
        out.push_str(
            "<div class=\"summary\" role=\"alert\" tabindex=\"-1\" id=\"oshibki\">\
             <h2>Запись не сохранена: исправьте ошибки</h2><ul>",
        );
        for (field, message) in p.errors {
            let target = if field.is_empty() {
                String::new()
            } else {
                format!("#pole-{field}")
            };
            let name = match field.as_str() {
                "" => String::new(),
                "_body" => "Текст: ".into(),
                f => format!("{}: ", label(p.words, f)),
            };
            if target.is_empty() {
                out.push_str(&format!("<li>{}</li>", escape(message)));
            } else {
                out.push_str(&format!(
                    "<li><a href=\"{target}\">{}{}</a></li>",
                    escape(&name),
                    escape(message)
                ));
            }
        }
        out.push_str("</ul></div>");
    }
    out.push_str(
        "<p>Поля со звёздочкой (*) обязательны. После сохранения сайт пересоберётся, \
         а прежняя версия файла останется в папке .metodist/history.</p>\
         <form method=\"post\" action=\"/__metodist/edit/save\" accept-charset=\"utf-8\">",
    );
    for (name, value) in &p.hidden {
        out.push_str(&format!(
            "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
            escape(value)
        ));
    }
    let mut text_only = Vec::new();
    for (f, v) in p.fields.iter().zip(&p.values) {
        if !f.editable() {
            text_only.push(label(p.words, f.name));
            continue;
        }
        let errors: Vec<&str> = p
            .errors
            .iter()
            .filter(|(n, _)| n == f.name)
            .map(|(_, m)| m.as_str())
            .collect();
        if let Current::Items(items) = v {
            out.push_str(&records(p, f, items));
            let rest = f.item_rest();
            if !rest.is_empty() {
                let names: Vec<String> = rest.iter().map(|n| label(p.words, n)).collect();
                text_only.push(format!("{}: {}", label(p.words, f.name), names.join(", ")));
            }
            continue;
        }
        if f.list || f.shape == Shape::Bool {
            out.push_str(&format!(
                "<input type=\"hidden\" name=\"_has\" value=\"{}\">",
                f.name
            ));
        }
        out.push_str(&control(f, f.name, v, &label(p.words, f.name), &errors));
    }
    // A textarea's first newline is dropped by HTML: each starts with one,
    // so that a text beginning with a blank line comes back as it was.
    if let Some(body) = &p.body {
        let errors: Vec<&str> = p
            .errors
            .iter()
            .filter(|(n, _)| n == "_body")
            .map(|(_, m)| m.as_str())
            .collect();
        out.push_str(&format!(
            "<div class=\"field\"><label for=\"pole-_body\">Текст записи (Markdown)</label>{}\
             <textarea id=\"pole-_body\" name=\"_body\" rows=\"16\"{}>\n{}</textarea></div>",
            error_block("_body", &errors),
            described("_body", &errors),
            escape(body)
        ));
    }
    if !text_only.is_empty() {
        out.push_str(&format!(
            "<p class=\"note\">Поля «{}» эта форма пока не меняет: они остаются как есть, \
             править их можно в текстовом редакторе (файл {}).</p>",
            escape(&text_only.join("», «")),
            escape(&p.file)
        ));
    }
    for (target, entries) in p.choices {
        out.push_str(&format!("<datalist id=\"spisok-{target}\">"));
        for (id, title) in entries {
            out.push_str(&format!(
                "<option value=\"{}\">{}</option>",
                escape(id),
                escape(title)
            ));
        }
        out.push_str("</datalist>");
    }
    out.push_str("<p><button type=\"submit\">Сохранить</button></p></form>");
    if p.attach {
        let accept: Vec<String> = super::upload::ALLOWED
            .iter()
            .map(|e| format!(".{e}"))
            .collect();
        out.push_str(&format!(
            "<form method=\"post\" action=\"/__metodist/edit/upload\" enctype=\"multipart/form-data\" \
             class=\"upload\"><h2>Приложить файл</h2><p>Файл ляжет рядом с записью под именем латиницей \
             без пробелов и добавится в «{}». Можно: {}. Сначала сохраните изменения в форме выше.</p>",
            escape(&label(p.words, "materials")),
            super::upload::ALLOWED.join(", ")
        ));
        for (name, value) in &p.hidden {
            out.push_str(&format!(
                "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
                escape(value)
            ));
        }
        out.push_str(&format!(
            "<div class=\"field\"><label for=\"pole-fail\">Файл</label>\
             <input type=\"file\" id=\"pole-fail\" name=\"file\" accept=\"{}\" required></div>\
             <p><button type=\"submit\">Загрузить</button></p></form>",
            accept.join(",")
        ));
    }
    if let Some(href) = &p.delete {
        out.push_str(&format!(
            "<p class=\"delete\"><a href=\"{}\">Удалить запись…</a></p>",
            escape(href)
        ));
    }
    out.push_str("</main><script src=\"/__metodist/edit/editor.js\"></script></body></html>");
    out
}

/// A list of records: one group of controls per item, each with its
/// token in `<list>._order` (its place in the file, or `n1`… for a new
/// one), so that the order of the tokens sent is the new order of the items.
fn records(p: &Page, f: &FormField, items: &[(String, Vec<String>)]) -> String {
    let subs = f.item_fields();
    let mut out = format!(
        "<fieldset class=\"field records\" id=\"pole-{}\" data-records><legend>{}</legend>",
        f.name,
        escape(&label(p.words, f.name))
    );
    if items.is_empty() {
        out.push_str("<p class=\"hint\">Пока пусто.</p>");
    }
    for (i, (token, values)) in items.iter().enumerate() {
        out.push_str(&item(p, f, &subs, i, token, values));
    }
    // The empty item the script adds copies of.
    let blank = vec![String::new(); subs.len()];
    out.push_str(&format!(
        "<template>{}</template>",
        item(p, f, &subs, 0, "__N__", &blank)
    ));
    out.push_str("</fieldset>");
    out
}

fn item(
    p: &Page,
    f: &FormField,
    subs: &[FormField],
    i: usize,
    token: &str,
    values: &[String],
) -> String {
    let heading = values.first().filter(|t| !t.is_empty()).cloned();
    let mut out = format!(
        "<fieldset class=\"item\"><legend>Пункт <span class=\"n\">{}</span>{}</legend>\
         <input type=\"hidden\" name=\"{}._order\" value=\"{}\">",
        i + 1,
        heading.map_or(String::new(), |t| format!(": {}", escape(&t))),
        f.name,
        escape(token)
    );
    if values.is_empty() {
        out.push_str(
            "<p class=\"hint\">Этот пункт записан одной строкой: он правится в текстовом редакторе.</p>",
        );
    }
    for (sub, value) in subs.iter().zip(values) {
        let name = item_name(f.name, token, sub.name);
        let errors: Vec<&str> = p
            .errors
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, m)| m.as_str())
            .collect();
        if sub.shape == Shape::Bool {
            out.push_str(&format!(
                "<input type=\"hidden\" name=\"_has\" value=\"{name}\">"
            ));
        }
        out.push_str(&control(
            sub,
            &name,
            &Current::One(value.clone()),
            &label(p.words, sub.name),
            &errors,
        ));
    }
    out.push_str("</fieldset>");
    out
}

fn error_block(name: &str, errors: &[&str]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let items: String = errors
        .iter()
        .map(|e| format!("<span>{}</span>", escape(e)))
        .collect();
    format!(
        "<p class=\"error\" id=\"oshibka-{}\">Ошибка: {items}</p>",
        dom_id(name)
    )
}

fn described(name: &str, errors: &[&str]) -> String {
    if errors.is_empty() {
        String::new()
    } else {
        format!(
            " aria-describedby=\"oshibka-{}\" aria-invalid=\"true\"",
            dom_id(name)
        )
    }
}

/// One field's control with its label and errors.
/// `program.0.time` → `program-0-time`.
fn dom_id(name: &str) -> String {
    name.replace('.', "-")
}

/// One field's control (named `name` in the form) with its label and errors.
fn control(f: &FormField, name: &str, value: &Current, label: &str, errors: &[&str]) -> String {
    let id = format!("pole-{}", dom_id(name));
    let star = if f.required { " *" } else { "" };
    let req = if f.required { " required" } else { "" };
    let aria = described(name, errors);
    let err = error_block(name, errors);
    let picker = f.target.map_or(String::new(), |t| {
        format!(" list=\"spisok-{t}\" autocomplete=\"off\"")
    });
    match (value, &f.shape) {
        (Current::Many(items), Shape::Choice(options)) => {
            let boxes: String = options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let checked = if items.iter().any(|v| v == o) {
                        " checked"
                    } else {
                        ""
                    };
                    format!(
                        "<label class=\"check\"><input type=\"checkbox\" id=\"{id}-{i}\" name=\"{name}\" value=\"{}\"{checked}> {}</label>",
                        escape(o),
                        escape(o)
                    )
                })
                .collect();
            format!(
                "<fieldset class=\"field\" id=\"{id}\"{aria}><legend>{}{star}</legend>{err}{boxes}</fieldset>",
                escape(label)
            )
        }
        (Current::Items(_), _) => String::new(),
        (Current::Many(items), _) => {
            let mut rows: String = items
                .iter()
                .enumerate()
                .map(|(i, v)| list_item(name, label, i, v, &picker))
                .collect();
            rows.push_str(&list_item(name, label, items.len(), "", &picker));
            let data = f
                .target
                .map_or(String::new(), |t| format!(" data-picker=\"spisok-{t}\""));
            format!(
                "<fieldset class=\"field list\" id=\"{id}\" data-list{data}{aria}><legend>{}{star}</legend>{err}\
                 <p class=\"hint\">По одному значению в строке; пустые строки не сохраняются.</p><ol>{rows}</ol></fieldset>",
                escape(label)
            )
        }
        (Current::One(v), Shape::Bool) => {
            let checked = if v == "true" { " checked" } else { "" };
            format!(
                "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" id=\"{id}\" name=\"{name}\" value=\"true\"{checked}{aria}> {}</label>{err}</div>",
                escape(label)
            )
        }
        (Current::One(v), Shape::Choice(options)) => {
            let mut opts = String::new();
            if !f.required {
                opts.push_str("<option value=\"\">— не указано —</option>");
            }
            let mut known = false;
            for o in options.iter() {
                let sel = if o == v {
                    known = true;
                    " selected"
                } else {
                    ""
                };
                opts.push_str(&format!(
                    "<option value=\"{}\"{sel}>{}</option>",
                    escape(o),
                    escape(o)
                ));
            }
            if !known && !v.is_empty() {
                opts.push_str(&format!(
                    "<option value=\"{}\" selected>{}</option>",
                    escape(v),
                    escape(v)
                ));
            }
            format!(
                "<div class=\"field\"><label for=\"{id}\">{}{star}</label>{err}<select id=\"{id}\" name=\"{name}\"{req}{aria}>{opts}</select></div>",
                escape(label)
            )
        }
        (Current::One(v), shape) => {
            let long = v.contains('\n') || v.chars().count() > 90 || f.name == "body";
            let input = if long {
                format!(
                    "<textarea id=\"{id}\" name=\"{name}\" rows=\"5\"{req}{aria}>\n{}</textarea>",
                    escape(v)
                )
            } else {
                let kind = match shape {
                    Shape::Date if v.is_empty() || v.len() == 10 => "type=\"date\"".to_string(),
                    Shape::Date => "type=\"text\" placeholder=\"ГГГГ-ММ-ДД\"".to_string(),
                    Shape::Time if v.len() <= 5 => "type=\"time\"".to_string(),
                    Shape::Time => "type=\"text\" placeholder=\"10:00–11:30\"".to_string(),
                    Shape::SchoolYear => "type=\"text\" placeholder=\"2024-2025\"".to_string(),
                    Shape::Number => "type=\"number\"".to_string(),
                    _ => "type=\"text\"".to_string(),
                };
                format!(
                    "<input {kind} id=\"{id}\" name=\"{name}\" value=\"{}\"{req}{aria}{picker}>",
                    escape(v)
                )
            };
            format!(
                "<div class=\"field\"><label for=\"{id}\">{}{star}</label>{err}{input}</div>",
                escape(label)
            )
        }
    }
}

fn list_item(name: &str, label: &str, i: usize, value: &str, picker: &str) -> String {
    format!(
        "<li><input type=\"text\" name=\"{name}\" value=\"{}\" aria-label=\"{} — {}\"{picker}></li>",
        escape(value),
        escape(label),
        i + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field a form shows has a Russian label in the default theme,
    /// so a new field cannot appear under its English name.
    #[test]
    fn every_form_field_has_a_label() {
        let words: toml::Table = include_str!("../../../themes/default/i18n.toml")
            .parse()
            .unwrap();
        let mut missing = Vec::new();
        for (kind, t) in TYPES.iter().enumerate() {
            if !editable_kind(kind) {
                continue;
            }
            for f in fields(kind, true) {
                let items = f.item_fields();
                let names = std::iter::once(f.name).chain(items.iter().map(|i| i.name));
                for name in names {
                    if label(&words, name) == name {
                        missing.push(format!("{}.{}", t.name(), name));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no label: {missing:?}");
    }

    #[test]
    fn required_fields_and_controls_come_from_the_schema() {
        let practice = crate::types::kind_by_name("practice").unwrap();
        let f = fields(practice, false);
        let title = f.iter().find(|f| f.name == "title").unwrap();
        assert!(title.required);
        assert!(!f.iter().any(|f| f.name == "body"));
        let level = f.iter().find(|f| f.name == "level").unwrap();
        let html = control(
            level,
            "level",
            &Current::One("школьная".into()),
            "Уровень",
            &[],
        );
        assert!(
            html.contains("<select") && html.contains("value=\"школьная\" selected"),
            "{html}"
        );
        // A list of records: the scalar fields of each item, not the lists in them.
        let measures = f.iter().find(|f| f.name == "measures").unwrap();
        assert!(measures.editable());
        assert!(measures.item_fields().iter().any(|i| i.name == "title"));
        assert!(measures.item_rest().contains(&"organisations"));
        let period = f.iter().find(|f| f.name == "period").unwrap();
        assert!(
            !period.editable(),
            "a single record is left to a text editor"
        );
    }
}
