//! Splits a Markdown file into YAML front matter (between `---` lines) and body.

use super::SourceFile;
use crate::diagnostics::Diagnostic;

pub struct Split<'a> {
    pub yaml: &'a str,
    /// The file line on which the YAML text starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file's text.
    pub body_start: usize,
    pub body_line: usize,
}

pub struct SplitError {
    line: usize,
    message: &'static str,
    hint: &'static str,
}

impl SplitError {
    pub fn into_diag(self, file: &SourceFile) -> Diagnostic {
        file.diag(self.line, 1, self.message).with_hint(self.hint)
    }
}

/// `text` has `\n` line endings and no BOM (see `read_source`).
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        return Err(SplitError {
            line: 1,
            message: "в начале файла нет блока с полями (front matter)",
            hint: "первая строка страницы — «---», затем поля вроде «title: Заголовок», затем снова «---»",
        });
    }
    let yaml_start = first_line.len() + 1;
    let mut offset = yaml_start;
    for (line_no, line) in (2..).zip(text[yaml_start.min(text.len())..].split_inclusive('\n')) {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start.min(text.len())..],
                body_start: body_start.min(text.len()),
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(SplitError {
        line: 1,
        message: "блок с полями не закрыт: нет второй строки «---»",
        hint: "добавьте строку «---» после последнего поля, перед текстом страницы",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\ntitle: A\n---\nТекст\n").ok().unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Текст\n");
        assert_eq!((s.yaml_line, s.body_line), (2, 4));
    }

    #[test]
    fn unclosed_block_is_an_error() {
        assert!(split("---\ntitle: A\n").is_err());
        assert!(split("title: A\n").is_err());
    }
}
