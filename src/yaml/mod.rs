//! YAML input: a positioned node tree ([`node`]) and a serde deserializer over
//! it ([`de`]) that reports every author mistake with its place in the file.

pub mod de;
pub mod node;

pub use de::{from_node, FieldError};
pub use node::{parse, Node, Pos};

/// A syntax error of the YAML text itself.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub pos: Pos,
    pub message: String,
}

impl YamlError {
    pub(crate) fn from_saphyr(e: &serde_saphyr::Error) -> Self {
        let pos = e
            .location()
            .map(|l| Pos {
                line: l.line() as usize,
                column: l.column() as usize,
            })
            .unwrap_or(Pos { line: 1, column: 1 });
        let detail = e.without_snippet().to_string();
        // Our own messages (duplicate keys) come back through saphyr verbatim.
        let message = if detail.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я')) {
            detail
        } else {
            format!("ошибка в записи YAML ({detail})")
        };
        YamlError { pos, message }
    }
}
