//! A YAML document as a tree of nodes that remember where they stand in the
//! file, so that every later check (unknown fields, wrong types, unknown
//! references) can point the author at a line and column.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// Where a node starts: 1-based line and column in the parsed text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
    /// The scalar exactly as written (`001`, `1028`, `2022-11-17`), when the
    /// parser turned it into something else: numbers are strings in this field.
    pub raw: Option<String>,
    /// Byte range of a non-text scalar while parsing; consumed by `fill_raw`.
    range: Option<std::ops::Range<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

impl Node {
    /// A node read by another parser (TOML), with the scalar as written.
    pub(crate) fn new(value: Value, pos: Pos, raw: Option<String>) -> Node {
        Node {
            value,
            pos,
            raw,
            range: None,
        }
    }

    /// A short Russian description of what the node holds, for messages.
    pub fn kind_ru(&self) -> &'static str {
        match &self.value {
            Value::Null => "пустое значение",
            Value::Bool(_) => "да/нет",
            Value::Int(_) => "целое число",
            Value::Float(_) => "дробное число",
            Value::Str(_) => "текст",
            Value::Seq(_) => "список",
            Value::Map(_) => "набор полей",
        }
    }

    /// The scalar as text, if it is one (numbers and booleans as written).
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => self.raw.clone().or_else(|| {
                Some(match &self.value {
                    Value::Int(i) => i.to_string(),
                    Value::Float(f) => f.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => unreachable!(),
                })
            }),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Shifts every position by `lines` (front matter starts below the `---`).
    pub fn shift_lines(&mut self, lines: usize) {
        self.pos.line += lines;
        match &mut self.value {
            Value::Seq(items) => items.iter_mut().for_each(|n| n.shift_lines(lines)),
            Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                k.pos.line += lines;
                v.shift_lines(lines);
            }),
            _ => {}
        }
    }

    /// Converts to JSON for templates and generic data; positions are dropped.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.name.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Parses one YAML document into a positioned tree.
pub fn parse(text: &str) -> Result<Node, crate::yaml::YamlError> {
    if text.trim().is_empty() {
        return Ok(Node {
            value: Value::Map(Vec::new()),
            pos: Pos { line: 1, column: 1 },
            raw: None,
            range: None,
        });
    }
    // Repeated keys reach our visitor, which names them in Russian.
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    let spanned: Spanned<Value> = serde_saphyr::from_str_with_options(text, options)
        .map_err(|e| crate::yaml::YamlError::from_saphyr(text, &e))?;
    let mut root = child(spanned);
    fill_raw(&mut root, text);
    match repeated_key(&root) {
        Some(key) => Err(crate::yaml::YamlError {
            pos: key.pos,
            message: format!("поле «{}» указано дважды", key.name),
            hint: Some(if key.pos.column > 1 {
                "если это элементы списка, начните каждый с «- » (например, «  - title: …»); иначе оставьте одно поле".into()
            } else {
                "оставьте одно: при повторе неясно, какое значение верное".into()
            }),
        }),
        None => Ok(root),
    }
}

/// The first key written twice in one mapping (the parser passes repeats
/// through, so that this message is Russian and points at the repeat).
fn repeated_key(node: &Node) -> Option<&Key> {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .enumerate()
            .find(|(i, (k, _))| entries[..*i].iter().any(|(e, _)| e.name == k.name))
            .map(|(_, (k, _))| k)
            .or_else(|| entries.iter().find_map(|(_, v)| repeated_key(v))),
        Value::Seq(items) => items.iter().find_map(repeated_key),
        _ => None,
    }
}

fn pos_of(loc: &serde_saphyr::Location) -> Pos {
    Pos {
        line: loc.line() as usize,
        column: loc.column() as usize,
    }
}

/// Recovers the written form of every non-text scalar from its byte range.
fn fill_raw(node: &mut Node, text: &str) {
    if let Some(range) = node.range.take() {
        node.raw = text
            .get(range)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
    }
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| fill_raw(n, text)),
        Value::Map(entries) => entries.iter_mut().for_each(|(_, n)| fill_raw(n, text)),
        _ => {}
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

fn child(s: Spanned<Value>) -> Node {
    let range = match s.value {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
            let span = s.referenced.span();
            span.byte_offset()
                .zip(span.byte_len())
                .map(|(o, l)| o as usize..(o + l) as usize)
        }
        _ => None,
    };
    Node {
        value: s.value,
        pos: pos_of(&s.referenced),
        raw: None,
        range,
    }
}

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Value>>()? {
            items.push(child(item));
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries: Vec<(Key, Node)> = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value::<Spanned<Value>>()?;
            entries.push((
                Key {
                    name: key.value,
                    pos: pos_of(&key.referenced),
                },
                child(value),
            ));
        }
        Ok(Value::Map(entries))
    }
}
