//! YAML input: a positioned node tree ([`node`]) and a serde deserializer over
//! it ([`de`]) that reports every author mistake with its place in the file.

pub mod de;
pub mod node;
pub mod toml;

pub use de::{from_node, At, FieldError};
pub use node::{parse, Node, Pos};

/// A syntax error of the YAML text itself.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub pos: Pos,
    pub message: String,
    pub hint: Option<String>,
}

impl YamlError {
    /// A syntax error at `pos` of `text`, from any parser. The parsers'
    /// own messages are English, so they are not shown: the message names
    /// the language, and the hint what is wrong on that line when the line
    /// itself shows it (a tab, an odd quote) or what to check.
    pub(crate) fn syntax(text: &str, pos: Pos, language: Language) -> Self {
        let line = text.lines().nth(pos.line.saturating_sub(1)).unwrap_or("");
        let quotes = |q: char| line.chars().filter(|&c| c == q).count() % 2 == 1;
        let hint = if line.starts_with('\t') || line.trim_start_matches(' ').starts_with('\t') {
            "в отступе табуляция; отступы делаются только пробелами".to_string()
        } else if quotes('"') || (language == Language::Toml && quotes('\'')) {
            "в строке незакрытая кавычка: закройте её или уберите".to_string()
        } else if [('[', ']'), ('{', '}')]
            .iter()
            .any(|&(open, close)| line.matches(open).count() > line.matches(close).count())
        {
            "в строке незакрытая скобка: допишите «]» или «}» или уберите открывающую".to_string()
        } else {
            match language {
                Language::Yaml => "проверьте эту и предыдущую строку: после имени поля — двоеточие и пробел, у полей одного уровня одинаковый отступ, текст с двоеточием или кавычками — в кавычках".to_string(),
                Language::Toml => "проверьте эту строку: настройка пишется как имя = \"текст\" (или число, true/false), раздел — [имя] на отдельной строке".to_string(),
            }
        };
        let name = match language {
            Language::Yaml => "YAML",
            Language::Toml => "TOML",
        };
        YamlError {
            pos,
            message: format!("ошибка в записи {name}: файл не читается с этого места"),
            hint: Some(hint),
        }
    }

    pub(crate) fn from_saphyr(text: &str, e: &serde_saphyr::Error) -> Self {
        let pos = e
            .location()
            .map(|l| Pos {
                line: l.line() as usize,
                column: l.column() as usize,
            })
            .unwrap_or(Pos { line: 1, column: 1 });
        let detail = e.without_snippet().to_string();
        // Our own messages (duplicate keys) come back through saphyr verbatim.
        if detail.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я')) {
            let message = detail
                .rsplit_once(" at line ")
                .map_or(detail.as_str(), |(m, _)| m);
            return YamlError {
                pos,
                message: message.to_string(),
                hint: None,
            };
        }
        Self::syntax(text, pos, Language::Yaml)
    }
}

/// The text language of a settings or data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Yaml,
    Toml,
}
