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

/// Rarely used fields of the page, offered folded under «Редкие поля»
/// (`typography` and `verified` are left out: a check box cannot tell «not
/// set» from «no», and their defaults differ).
pub const RARE: &[&str] = &["updated", "date_raw", "slug", "weight", "template", "notes"];

/// A field of the form.
#[derive(Debug, Clone)]
pub struct FormField {
    pub name: &'static str,
    pub shape: Shape,
    pub list: bool,
    pub required: bool,
    /// The type a reference field points to.
    pub target: Option<&'static str>,
    /// A record's fields, nested ones included.
    pub fields: Vec<FormField>,
    /// For a record that may be written as one string: the field it
    /// stands for (`- vasinova-nd` is a speaker's `person`).
    pub short: Option<&'static str>,
}

/// What a form field holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Scalar,
    /// A list of texts or choices.
    Values,
    /// One nested record (`period`, a talk's `moderator`).
    Record,
    /// A list of records (a programme's talks, a talk's speakers).
    Records,
}

impl FormField {
    pub fn kind(&self) -> Kind {
        match (&self.shape, self.list) {
            (Shape::Record(_), true) => Kind::Records,
            (Shape::Record(_), false) => Kind::Record,
            (_, true) => Kind::Values,
            _ => Kind::Scalar,
        }
    }

    /// Whether the form edits it: scalars, lists of text or choices, and
    /// records and lists of records with a field it edits, at any depth;
    /// values of several forms and lists of dates are left to a text editor.
    pub fn editable(&self) -> bool {
        match &self.shape {
            Shape::Record(_) => self.fields.iter().any(FormField::editable),
            Shape::Other => false,
            Shape::Text | Shape::Choice(_) => true,
            _ => !self.list,
        }
    }
}

/// The form name of field `sub` of the record named `record` (an item:
/// `program.0`, `program.n1`; a record: `program.0.moderator`).
pub fn sub_name(record: &str, sub: &str) -> String {
    if record.is_empty() {
        sub.to_string()
    } else {
        format!("{record}.{sub}")
    }
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
    let refs: Vec<(String, &'static str)> = t
        .refs()
        .iter()
        .chain(crate::types::COMMON_REFS)
        .map(|r| (schema_path(r.path), r.target))
        .collect();
    let mut out: Vec<FormField> = Vec::new();
    let chosen = front
        .into_iter()
        .filter(|f| FRONT.contains(&f.name) || RARE.contains(&f.name))
        .chain(t.shape())
        .chain(common.into_iter().filter(|f| row || f.name != "body"));
    for f in chosen {
        if out.iter().any(|o| o.name == f.name) {
            continue;
        }
        let needed = required.contains(&f.name);
        out.push(form_field(f, "", &refs, needed));
    }
    out
}

/// The form field of schema field `f` at dotted path `parent`, its record's
/// fields included; a nested field is required when the schema has no
/// default for it.
fn form_field(
    f: Field,
    parent: &str,
    refs: &[(String, &'static str)],
    required: bool,
) -> FormField {
    let path = sub_name(parent, f.name);
    let target = refs.iter().find(|(p, _)| *p == path).map(|(_, t)| *t);
    let fields = match &f.shape {
        Shape::Record(inner) => inner
            .iter()
            .map(|s| form_field(s.clone(), &path, refs, !s.optional && !s.list))
            .collect(),
        _ => Vec::new(),
    };
    FormField {
        name: f.name,
        shape: f.shape,
        list: f.list,
        required,
        target,
        fields,
        short: f.short,
    }
}

/// A reference's path as the form names its field:
/// `program[#].speakers[]>person` → `program.speakers.person`.
fn schema_path(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '>' if depth == 0 => out.push('.'),
            c if depth == 0 => out.push(c),
            _ => {}
        }
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
    /// The values of a record's [`FormField::fields`].
    Record(Vec<Current>),
    /// Each item's token (see [`records`]) and the values of its fields.
    Items(Vec<(String, Vec<Current>)>),
}

/// The value of `field` in the entry's (or record's) `node`.
pub fn current(node: &Node, field: &FormField) -> Current {
    value(node.get(field.name), field)
}

/// The value of `field` written as `v`.
fn value(v: Option<&Node>, field: &FormField) -> Current {
    match field.kind() {
        Kind::Records => Current::Items(match v.map(|v| &v.value) {
            Some(Value::Seq(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (i.to_string(), record(Some(item), field)))
                .collect(),
            _ => Vec::new(),
        }),
        Kind::Record => Current::Record(record(v, field)),
        Kind::Values => Current::Many(match v.map(|v| &v.value) {
            Some(Value::Seq(items)) => items.iter().filter_map(Node::as_text).collect(),
            Some(_) => v.and_then(Node::as_text).into_iter().collect(),
            None => Vec::new(),
        }),
        Kind::Scalar => Current::One(v.and_then(Node::as_text).unwrap_or_default()),
    }
}

/// The values of the fields of record `field` written as `v`; a record
/// written as one string gives it to its short field.
pub fn record(v: Option<&Node>, field: &FormField) -> Vec<Current> {
    field
        .fields
        .iter()
        .map(|sub| match v {
            Some(n) if matches!(n.value, Value::Map(_)) => current(n, sub),
            Some(n) if field.short == Some(sub.name) && n.as_text().is_some() => {
                value(Some(n), sub)
            }
            _ => value(None, sub),
        })
        .collect()
}

/// An entry a reference may name.
#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub title: String,
    /// Other names it is known by (a school's «школа № 27»).
    pub aliases: Vec<String>,
}

/// What the page shows besides the fields.
#[derive(Default)]
pub struct Page {
    pub heading: String,
    /// Hidden inputs naming the entry (`_page` or `_type`) and the token.
    pub hidden: Vec<(&'static str, String)>,
    pub fields: Vec<FormField>,
    pub values: Vec<Current>,
    /// The Markdown text of a Markdown file's entry.
    pub body: Option<String>,
    /// Errors by field name (`_body` for the text, `` for the rest).
    pub errors: Vec<(String, String)>,
    /// Where the file is, for fields the form leaves to a text editor.
    pub file: String,
    pub back: Option<String>,
    pub words: toml::Table,
    /// The entries reference fields may name, by type.
    pub choices: BTreeMap<&'static str, Vec<Choice>>,
    /// Whether files can be attached (an existing entry with materials).
    pub attach: bool,
    /// Files attached beside the entry: name and size, for removing.
    pub attached: Vec<(String, String)>,
    /// What the last action did («Файл … загружен»).
    pub notice: Option<String>,
    /// Where the entry is deleted from.
    pub delete: Option<String>,
}

impl Page {
    fn errors_of(&self, name: &str) -> Vec<&str> {
        self.errors
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, m)| m.as_str())
            .collect()
    }

    /// The title of the entry `id` of type `target`, if there is one.
    fn title_of(&self, target: &str, id: &str) -> Option<&str> {
        self.choices
            .get(target)?
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.title.as_str())
    }
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
    // Headings of pages may end in a colon («Ведущий:»); a label does not.
    find(editor)
        .or_else(|| find(words.get("types")))
        .map(|l| l.trim_end_matches(':').to_string())
        .unwrap_or_else(|| name.to_string())
}

/// The labels of the fields the form leaves to a text editor, nested
/// ones as «Программа → Материалы».
fn text_only(words: &toml::Table, fields: &[FormField], parent: &str, out: &mut Vec<String>) {
    for f in fields {
        let name = if parent.is_empty() {
            label(words, f.name)
        } else {
            format!("{parent} → {}", label(words, f.name))
        };
        if !f.editable() {
            out.push(name);
        } else if !f.fields.is_empty() {
            text_only(words, &f.fields, &name, out);
        }
    }
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
        for (field, message) in &p.errors {
            let name = match field.as_str() {
                "" => String::new(),
                "_body" => "Текст: ".into(),
                f => {
                    // The label of the innermost named field (`program.0.time` → «Время»).
                    let last = f
                        .rsplit('.')
                        .find(|part| !part.is_empty() && part.parse::<usize>().is_err())
                        .unwrap_or(f);
                    format!("{}: ", label(&p.words, last))
                }
            };
            if field.is_empty() {
                out.push_str(&format!("<li>{}</li>", escape(message)));
            } else {
                out.push_str(&format!(
                    "<li><a href=\"#pole-{}\">{}{}</a></li>",
                    dom_id(field),
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
         <form method=\"post\" action=\"/__metodist/edit/save\" accept-charset=\"utf-8\" id=\"forma\">",
    );
    out.push_str(&hidden(p));
    let mut rare = String::new();
    for (f, v) in p.fields.iter().zip(&p.values) {
        if !f.editable() {
            continue;
        }
        let html = field(p, f, f.name, v, 0);
        if RARE.contains(&f.name) {
            rare.push_str(&html);
        } else {
            out.push_str(&html);
        }
    }
    if !rare.is_empty() {
        // Open when one of them has an error, so that it is seen.
        let open = if p.errors.iter().any(|(n, _)| RARE.contains(&n.as_str())) {
            " open"
        } else {
            ""
        };
        out.push_str(&format!(
            "<details class=\"rare\"{open}><summary>Редкие поля страницы (адрес, порядок в списках, \
             шаблон, примечания)</summary>{rare}</details>"
        ));
    }
    // A textarea's first newline is dropped by HTML: each starts with one,
    // so that a text beginning with a blank line comes back as it was.
    if let Some(body) = &p.body {
        let errors = p.errors_of("_body");
        out.push_str(&format!(
            "<div class=\"field\"><label for=\"pole-_body\">Текст записи (Markdown)</label>{}\
             <textarea id=\"pole-_body\" name=\"_body\" rows=\"16\" data-preview=\"prosmotr\"{}>\n{}</textarea>\
             <section class=\"preview\" aria-labelledby=\"prosmotr-h\"><h2 id=\"prosmotr-h\">Как текст будет выглядеть</h2>\
             <div id=\"prosmotr\" aria-live=\"polite\"><p class=\"hint\">Предпросмотр появится, когда вы начнёте \
             править текст (нужен включённый JavaScript).</p></div></section></div>",
            error_block("_body", &errors),
            described("_body", &errors),
            escape(body)
        ));
    }
    let mut rest = Vec::new();
    text_only(&p.words, &p.fields, "", &mut rest);
    if !rest.is_empty() {
        out.push_str(&format!(
            "<p class=\"note\">Поля «{}» эта форма пока не меняет: они остаются как есть, \
             править их можно в текстовом редакторе (файл {}).</p>",
            escape(&rest.join("», «")),
            escape(&p.file)
        ));
    }
    for (target, entries) in &p.choices {
        out.push_str(&format!("<datalist id=\"spisok-{target}\">"));
        for c in entries {
            // The option's text is what the picker searches: title and aliases.
            let also = if c.aliases.is_empty() {
                String::new()
            } else {
                format!(" — {}", c.aliases.join(", "))
            };
            out.push_str(&format!(
                "<option value=\"{}\" data-title=\"{}\">{}{}</option>",
                escape(&c.id),
                escape(&c.title),
                escape(&c.title),
                escape(&also)
            ));
        }
        out.push_str("</datalist>");
    }
    out.push_str("<p><button type=\"submit\">Сохранить</button></p></form>");
    if p.attach {
        out.push_str(&attachments(p));
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

fn hidden(p: &Page) -> String {
    p.hidden
        .iter()
        .map(|(name, value)| {
            format!(
                "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
                escape(value)
            )
        })
        .collect()
}

/// Uploading a file, and the files attached, each with a button removing it.
fn attachments(p: &Page) -> String {
    let accept: Vec<String> = super::upload::ALLOWED
        .iter()
        .map(|e| format!(".{e}"))
        .collect();
    let mut out = format!(
        "<form method=\"post\" action=\"/__metodist/edit/upload\" enctype=\"multipart/form-data\" \
         class=\"upload\"><h2>Приложить файл</h2><p>Файл ляжет рядом с записью под именем латиницей \
         без пробелов и добавится в «{}». Можно: {}. Сначала сохраните изменения в форме выше.</p>{}\
         <div class=\"field\"><label for=\"pole-fail\">Файл</label>\
         <input type=\"file\" id=\"pole-fail\" name=\"file\" accept=\"{}\" required></div>\
         <p><button type=\"submit\">Загрузить</button></p></form>",
        escape(&label(&p.words, "materials")),
        super::upload::ALLOWED.join(", "),
        hidden(p),
        accept.join(",")
    );
    if !p.attached.is_empty() {
        out.push_str("<h2>Приложенные файлы</h2><ul class=\"attached\">");
        for (file, size) in &p.attached {
            out.push_str(&format!(
                "<li><form method=\"post\" action=\"/__metodist/edit/detach\">{}\
                 <input type=\"hidden\" name=\"file\" value=\"{}\">{} ({}) \
                 <button type=\"submit\">Удалить файл «{}»</button></form></li>",
                hidden(p),
                escape(file),
                escape(file),
                escape(size),
                escape(file)
            ));
        }
        out.push_str(
            "</ul><p class=\"hint\">Удалённый файл уходит из материалов записи; \
             его копия остаётся в папке .metodist/history.</p>",
        );
    }
    out
}

/// The controls of field `f`, named `name` in the form, with value `v`;
/// `depth` is how many lists of records it is inside.
fn field(p: &Page, f: &FormField, name: &str, v: &Current, depth: usize) -> String {
    match v {
        Current::Items(items) => records(p, f, name, items, depth),
        Current::Record(values) => {
            let mut out = format!(
                "<fieldset class=\"field record\" id=\"pole-{}\"><legend>{}</legend>{}",
                dom_id(name),
                escape(&label(&p.words, f.name)),
                error_block(name, &p.errors_of(name))
            );
            for (sub, v) in f.fields.iter().zip(values) {
                if sub.editable() {
                    out.push_str(&field(p, sub, &sub_name(name, sub.name), v, depth));
                }
            }
            out.push_str("</fieldset>");
            out
        }
        _ => {
            let has = if f.list || f.shape == Shape::Bool {
                format!("<input type=\"hidden\" name=\"_has\" value=\"{name}\">")
            } else {
                String::new()
            };
            has + &control(p, f, name, v)
        }
    }
}

/// A list of records: one group of controls per item, each with its
/// token in `<list>._order` (its place in the file, or `n1`… for a new
/// one), so that the order of the tokens sent is the new order of the
/// items. The template of a new item marks its token `__N<depth>__`, so
/// that a list inside it keeps its own mark.
fn records(
    p: &Page,
    f: &FormField,
    name: &str,
    items: &[(String, Vec<Current>)],
    depth: usize,
) -> String {
    let mut out = format!(
        "<fieldset class=\"field records\" id=\"pole-{}\" data-records data-slot=\"__N{depth}__\" \
         data-item=\"{}\"><legend>{}</legend>{}",
        dom_id(name),
        escape(&item_word(&p.words, f.name).to_lowercase()),
        escape(&label(&p.words, f.name)),
        error_block(name, &p.errors_of(name))
    );
    if items.is_empty() {
        out.push_str("<p class=\"hint\">Пока пусто.</p>");
    }
    for (i, (token, values)) in items.iter().enumerate() {
        out.push_str(&item(p, f, name, i, token, values, depth));
    }
    // The empty item the script adds copies of.
    let blank = record(None, f);
    out.push_str(&format!(
        "<template>{}</template>",
        item(p, f, name, 0, &format!("__N{depth}__"), &blank, depth)
    ));
    out.push_str("</fieldset>");
    out
}

fn item(
    p: &Page,
    f: &FormField,
    list: &str,
    i: usize,
    token: &str,
    values: &[Current],
    depth: usize,
) -> String {
    let name = format!("{list}.{token}");
    // The item is headed by its first field, a reference by its entry's title.
    let heading = f.fields.iter().zip(values).find_map(|(sub, v)| match v {
        Current::One(t) if !t.is_empty() => Some(
            sub.target
                .and_then(|target| p.title_of(target, t))
                .unwrap_or(t)
                .to_string(),
        ),
        _ => None,
    });
    let mut out = format!(
        "<fieldset class=\"item\" id=\"pole-{}\"><legend>{} <span class=\"n\">{}</span>{}</legend>{}\
         <input type=\"hidden\" name=\"{list}._order\" value=\"{}\">",
        dom_id(&name),
        escape(&item_word(&p.words, f.name)),
        i + 1,
        heading.map_or(String::new(), |t| format!(": {}", escape(&t))),
        error_block(&name, &p.errors_of(&name)),
        escape(token)
    );
    for (sub, v) in f.fields.iter().zip(values) {
        if sub.editable() {
            out.push_str(&field(p, sub, &sub_name(&name, sub.name), v, depth + 1));
        }
    }
    out.push_str("</fieldset>");
    out
}

/// What an item of list `name` is called: `[editor.items]` of the theme's
/// words («Докладчик»), else «Пункт».
fn item_word(words: &toml::Table, name: &str) -> String {
    words
        .get("editor")
        .and_then(|e| e.get("items"))
        .and_then(|t| t.get(name))
        .and_then(toml::Value::as_str)
        .unwrap_or("Пункт")
        .to_string()
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

/// `program.0.time` → `program-0-time`.
fn dom_id(name: &str) -> String {
    name.replace('.', "-")
}

/// The title of the referenced entry beside its id, for a picker.
fn ref_name(p: &Page, f: &FormField, id: &str, value: &str) -> String {
    match f.target {
        Some(target) => format!(
            "<span class=\"ref-name\" id=\"imia-{id}\">{}</span>",
            escape(p.title_of(target, value).unwrap_or_default())
        ),
        None => String::new(),
    }
}

/// One field's control (named `name` in the form) with its label and errors.
fn control(p: &Page, f: &FormField, name: &str, value: &Current) -> String {
    let label = label(&p.words, f.name);
    let errors = p.errors_of(name);
    let id = format!("pole-{}", dom_id(name));
    let star = if f.required { " *" } else { "" };
    let req = if f.required { " required" } else { "" };
    let aria = described(name, &errors);
    let err = error_block(name, &errors);
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
                escape(&label)
            )
        }
        (Current::Items(_) | Current::Record(_), _) => String::new(),
        (Current::Many(items), _) => {
            let mut rows: String = items
                .iter()
                .enumerate()
                .map(|(i, v)| list_item(p, f, name, &label, i, v, &picker))
                .collect();
            rows.push_str(&list_item(p, f, name, &label, items.len(), "", &picker));
            let data = f
                .target
                .map_or(String::new(), |t| format!(" data-picker=\"spisok-{t}\""));
            format!(
                "<fieldset class=\"field list\" id=\"{id}\" data-list data-name=\"{name}\"{data}{aria}><legend>{}{star}</legend>{err}\
                 <p class=\"hint\">По одному значению в строке; пустые строки не сохраняются.</p><ol>{rows}</ol></fieldset>",
                escape(&label)
            )
        }
        (Current::One(v), Shape::Bool) => {
            let checked = if v == "true" { " checked" } else { "" };
            format!(
                "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" id=\"{id}\" name=\"{name}\" value=\"true\"{checked}{aria}> {}</label>{err}</div>",
                escape(&label)
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
                escape(&label)
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
                let aria = if f.target.is_some() && errors.is_empty() {
                    format!(" aria-describedby=\"imia-{}\"", dom_id(name))
                } else {
                    aria
                };
                format!(
                    "<input {kind} id=\"{id}\" name=\"{name}\" value=\"{}\"{req}{aria}{picker}>{}",
                    escape(v),
                    ref_name(p, f, &dom_id(name), v)
                )
            };
            format!(
                "<div class=\"field\"><label for=\"{id}\">{}{star}</label>{err}{input}</div>",
                escape(&label)
            )
        }
    }
}

fn list_item(
    p: &Page,
    f: &FormField,
    name: &str,
    label: &str,
    i: usize,
    value: &str,
    picker: &str,
) -> String {
    let id = format!("{}-{i}", dom_id(name));
    let named = if f.target.is_some() {
        format!(" aria-describedby=\"imia-{id}\"")
    } else {
        String::new()
    };
    format!(
        "<li><input type=\"text\" name=\"{name}\" value=\"{}\" aria-label=\"{} — {}\"{named}{picker}>{}</li>",
        escape(value),
        escape(label),
        i + 1,
        ref_name(p, f, &id, value)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field a form shows, nested ones included, has a Russian
    /// label in the default theme, so a new field cannot appear under its
    /// English name.
    #[test]
    fn every_form_field_has_a_label() {
        let words: toml::Table = include_str!("../../../themes/default/i18n.toml")
            .parse()
            .unwrap();
        fn walk(words: &toml::Table, fields: &[FormField], path: &str, out: &mut Vec<String>) {
            for f in fields.iter().filter(|f| f.editable()) {
                let p = sub_name(path, f.name);
                if label(words, f.name) == f.name {
                    out.push(p.clone());
                }
                walk(words, &f.fields, &p, out);
            }
        }
        let mut missing = Vec::new();
        for (kind, t) in TYPES.iter().enumerate() {
            if editable_kind(kind) {
                walk(&words, &fields(kind, true), t.name(), &mut missing);
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
        let page = Page::default();
        let html = control(&page, level, "level", &Current::One("школьная".into()));
        assert!(
            html.contains("<select") && html.contains("value=\"школьная\" selected"),
            "{html}"
        );
        // A list of records, with the lists and records inside its items.
        let measures = f.iter().find(|f| f.name == "measures").unwrap();
        assert_eq!(measures.kind(), Kind::Records);
        let orgs = measures
            .fields
            .iter()
            .find(|s| s.name == "organisations")
            .unwrap();
        assert_eq!(
            (orgs.kind(), orgs.target),
            (Kind::Values, Some("organisation"))
        );
        let period = f.iter().find(|f| f.name == "period").unwrap();
        assert_eq!(period.kind(), Kind::Record);
        assert!(period.editable());
        let event = fields(crate::types::kind_by_name("event").unwrap(), false);
        let program = event.iter().find(|f| f.name == "program").unwrap();
        let speakers = program
            .fields
            .iter()
            .find(|s| s.name == "speakers")
            .unwrap();
        assert_eq!(
            (speakers.kind(), speakers.short),
            (Kind::Records, Some("person"))
        );
        let person = speakers.fields.iter().find(|s| s.name == "person").unwrap();
        assert_eq!(person.target, Some("person"));
        let moderator = program
            .fields
            .iter()
            .find(|s| s.name == "moderator")
            .unwrap();
        assert_eq!(moderator.kind(), Kind::Record);
    }
}
