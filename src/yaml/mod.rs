//! YAML input: a positioned node tree ([`node`]) and a serde deserializer over
//! it ([`de`]) that reports every author mistake with its place in the file.

pub mod de;
pub mod edit;
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
        let (pos, hint) = diagnose(text, pos, language);
        let name = match language {
            Language::Yaml => "YAML",
            Language::Toml => "TOML",
        };
        YamlError {
            pos,
            message: format!("запись {name} не читается с этого места"),
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
        use serde_saphyr::Error as E;
        // The cause under the wrappers that add alias and snippet places.
        let mut cause = e;
        while let E::AliasError { error, .. } | E::WithSnippet { error, .. } = cause {
            cause = error;
        }
        match cause {
            E::Budget { .. }
            | E::AliasExpansionLimitExceeded { .. }
            | E::AliasReplayLimitExceeded { .. }
            | E::AliasReplayStackDepthExceeded { .. }
            | E::AliasReplayCounterOverflow { .. } => {
                return YamlError {
                    pos,
                    message: "запись YAML слишком велика или слишком глубоко вложена, чтобы её читать".into(),
                    hint: Some(
                        "так много полей или повторов (&якорь, *якорь) вручную не пишут: разбейте файл на несколько \
                         или уберите повторы"
                            .into(),
                    ),
                };
            }
            E::UnknownAnchor { .. } => {
                return YamlError {
                    pos,
                    message: "ссылка «*…» на якорь, которого в файле нет".into(),
                    hint: Some("повтор значения пишется так: сначала «&имя значение», ниже «*имя»; или напишите значение целиком".into()),
                };
            }
            _ => {}
        }
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

/// What is wrong near a syntax error, read from the lines themselves: the
/// parsers often stop a line after the cause (an unclosed quote, a tab), so
/// the line before and after are looked at too, and the place moves to the
/// line that shows the cause.
fn diagnose(text: &str, pos: Pos, language: Language) -> (Pos, String) {
    let lines: Vec<&str> = text.lines().collect();
    let at = |n: usize| lines.get(n.wrapping_sub(1)).copied().unwrap_or("");
    let near = [pos.line, pos.line.saturating_sub(1), pos.line + 1];
    let place = |line: usize, column: usize| Pos { line, column };
    for &n in &near {
        let line = at(n);
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(i) = line[..indent].find('\t') {
            return (
                place(n, i + 1),
                "в отступе табуляция: отступы делаются только пробелами (замените табуляцию двумя пробелами)"
                    .into(),
            );
        }
    }
    for &n in &[pos.line.saturating_sub(1), pos.line] {
        let line = at(n);
        let odd = |q: char| line.chars().filter(|&c| c == q).count() % 2 == 1;
        // In YAML a quote matters only where a value starts with it.
        let value = line
            .trim_start()
            .trim_start_matches("- ")
            .split_once(": ")
            .map_or("", |(_, v)| v.trim_start());
        let quote = match language {
            Language::Yaml if value.starts_with('"') && odd('"') => Some('"'),
            Language::Toml if odd('"') => Some('"'),
            Language::Toml if odd('\'') => Some('\''),
            _ => None,
        };
        if let Some(q) = quote {
            let column = line.rfind(q).map_or(1, |i| line[..i].chars().count() + 1);
            return (
                place(n, column),
                format!("в строке незакрытая кавычка {q}: допишите парную в конце значения или уберите эту"),
            );
        }
    }
    let line = at(pos.line);
    if language == Language::Yaml {
        if let Some(fix) = colon_in_value(line) {
            return (pos, fix);
        }
        // A list item written without «- » among items that have it.
        let indent_of = |l: &str| l.len() - l.trim_start().len();
        for &n in &[pos.line.saturating_sub(1), pos.line] {
            let l = at(n);
            let t = l.trim_start();
            let item_near = [n.wrapping_sub(1), n + 1].iter().any(|&m| {
                let other = at(m);
                other.trim_start().starts_with("- ") && indent_of(other) == indent_of(l)
            });
            if !t.is_empty() && !t.starts_with(['-', '#']) && !t.contains(':') && item_near {
                return (
                    place(n, indent_of(l) + 1),
                    "элемент списка без «- »: начните строку с дефиса и пробела, как соседние"
                        .into(),
                );
            }
        }
    }
    if [('[', ']'), ('{', '}')]
        .iter()
        .any(|&(open, close)| line.matches(open).count() > line.matches(close).count())
    {
        return (
            pos,
            "в строке незакрытая скобка: допишите «]» или «}» или уберите открывающую".into(),
        );
    }
    let hint = match language {
        Language::Yaml => "проверьте эту и предыдущую строку: после имени поля — двоеточие и пробел, у полей одного уровня одинаковый отступ, элемент списка начинается с «- », текст с двоеточием или кавычками — в кавычках",
        Language::Toml => "проверьте эту строку: настройка пишется как имя = \"текст\" (или число, true/false), раздел — [имя] на отдельной строке",
    };
    (pos, hint.into())
}

/// `title: Семинар: итоги года` — a second «: » makes YAML read a new key;
/// the fix is the value in quotes, spelt out.
fn colon_in_value(line: &str) -> Option<String> {
    let body = line.trim_start().trim_start_matches("- ");
    let (key, value) = body.split_once(": ")?;
    let value = value.trim();
    let plain_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let unquoted = !value.starts_with(['"', '\'', '[', '{', '|', '>']);
    if plain_key && unquoted && (value.contains(": ") || value.ends_with(':')) {
        let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
        Some(format!(
            "в значении поля «{key}» есть двоеточие, и YAML читает его как новое поле; заключите значение в кавычки: {key}: \"{quoted}\""
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_alias_bomb_is_refused_in_russian() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let e = super::parse(&text).unwrap_err();
        assert!(e.message.contains("слишком велика"), "{e:?}");
    }
}
