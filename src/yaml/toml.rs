//! TOML files (site.toml, i18n.toml) as positioned nodes, so that they go
//! through the same deserializer as front matter and YAML data: every
//! unknown key at once with a suggestion, wrong types and missing settings
//! in Russian at their line and column. toml's own messages are English and
//! never shown.

use super::node::{Key, Node, Pos, Value};
use super::{Language, YamlError};
use crate::diagnostics::line_col;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Parses a TOML document into a positioned tree.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    let table = DeTable::parse(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        YamlError::syntax(text, Pos { line, column }, Language::Toml)
    })?;
    let pos = Pos { line: 1, column: 1 };
    Ok(Node::new(map(text, table.get_ref()), pos, None))
}

fn pos_at(text: &str, offset: usize) -> Pos {
    let (line, column) = line_col(text, offset);
    Pos { line, column }
}

fn map(text: &str, table: &DeTable) -> Value {
    Value::Map(
        table
            .iter()
            .map(|(k, v)| {
                let key = Key {
                    name: k.get_ref().to_string(),
                    pos: pos_at(text, k.span().start),
                };
                (key, node(text, v))
            })
            .collect(),
    )
}

fn node(text: &str, v: &Spanned<DeValue>) -> Node {
    let span = v.span();
    let written = text.get(span.clone()).map(|t| t.trim().to_string());
    let (value, raw) = match v.get_ref() {
        DeValue::String(s) => (Value::Str(s.to_string()), None),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => (Value::Int(n), written),
            Err(_) => (Value::Str(i.as_str().to_string()), None),
        },
        DeValue::Float(f) => match f.as_str().parse() {
            Ok(x) => (Value::Float(x), written),
            Err(_) => (Value::Str(f.as_str().to_string()), None),
        },
        DeValue::Boolean(b) => (Value::Bool(*b), written),
        DeValue::Datetime(d) => (Value::Str(d.to_string()), None),
        DeValue::Array(items) => (
            Value::Seq(items.iter().map(|item| node(text, item)).collect()),
            None,
        ),
        DeValue::Table(t) => (map(text, t), None),
    };
    Node::new(value, pos_at(text, span.start), raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_keep_their_places() {
        let node =
            parse("title = \"Сайт\"\n[organization]\nname = \"Отдел\"\n[[menu]]\nurl = \"/a/\"\n")
                .unwrap();
        assert_eq!(
            node.get("title").unwrap().as_text().as_deref(),
            Some("Сайт")
        );
        let name = node.get("organization").unwrap().get("name").unwrap();
        assert_eq!(name.pos, Pos { line: 3, column: 8 });
        let Value::Seq(menu) = &node.get("menu").unwrap().value else {
            panic!("menu is a list");
        };
        assert_eq!(menu[0].get("url").unwrap().pos.line, 5);
    }

    #[test]
    fn syntax_errors_are_russian_with_a_hint_from_the_line() {
        let e = parse("title = \"Сайт\nx = 1\n").unwrap_err();
        assert_eq!(e.pos.line, 1);
        assert!(
            e.message.starts_with("запись TOML не читается"),
            "{}",
            e.message
        );
        assert!(e.hint.unwrap().contains("незакрытая кавычка"));
        let e = parse("title = Сайт\n").unwrap_err();
        assert!(e.hint.unwrap().contains("имя = \"текст\""));
    }
}
