//! One diagnostics type for the whole pipeline. Every problem an author can
//! cause is reported in Russian with the file (relative to the site root), the
//! line and column in that file, the source line with a caret, and a hint.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// A known, deliberate state (an entry marked `verified: false`): told
    /// once, as one line for all its places, and not counted as a warning.
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, in characters; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// The source line the problem is on, shown with a caret under `column`.
    pub source_line: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            source_line: None,
            hint: None,
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(file, message)
        }
    }

    /// Places the diagnostic at `line:column` of `source` (the whole file's text).
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self.source_line = source
            .lines()
            .nth(line.saturating_sub(1))
            .filter(|_| line > 0)
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` as editors and terminals link it.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.file.clone(),
            (l, 0) => format!("{}:{l}", self.file),
            (l, c) => format!("{}:{l}:{c}", self.file),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "ошибка",
            Severity::Warning => "предупреждение",
            Severity::Note => "заметка",
        };
        writeln!(f, "{label}: {}", self.message)?;
        let width = self.line.to_string().len();
        let pad = " ".repeat(width);
        writeln!(f, "{pad}--> {}", self.location())?;
        if let Some(src) = &self.source_line {
            writeln!(f, "{pad} |")?;
            writeln!(f, "{} | {src}", self.line)?;
            if self.column > 0 {
                let lead: String = src
                    .chars()
                    .take(self.column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                writeln!(f, "{pad} | {lead}^")?;
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{pad} = подсказка: {hint}")?;
        }
        Ok(())
    }
}

/// Collects diagnostics from parallel work.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn push(&self, d: Diagnostic) {
        self.items.lock().expect("diagnostics lock").push(d);
    }

    pub fn extend(&self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.lock().expect("diagnostics lock").extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.items
            .lock()
            .expect("diagnostics lock")
            .iter()
            .any(Diagnostic::is_error)
    }

    /// All diagnostics: errors first, then warnings, each sorted by file and position.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut v = self.items.into_inner().expect("diagnostics lock");
        // Errors first (what stops the build), then warnings, each by place.
        v.sort_by(|a, b| {
            (a.severity, &a.file, a.line, a.column).cmp(&(b.severity, &b.file, b.line, b.column))
        });
        v.dedup();
        v
    }
}

/// A site-relative path for messages: `content/praktiki/a.md`.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The Russian summary line after a failed build.
pub fn summary(diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let mut s = format!(
        "Сборка не удалась: {}",
        crate::ru::plural::plural_ru(errors as f64, "ошибка", "ошибки", "ошибок")
    );
    if warnings > 0 {
        s.push_str(&format!(
            ", {}",
            crate::ru::plural::plural_ru(
                warnings as f64,
                "предупреждение",
                "предупреждения",
                "предупреждений"
            )
        ));
    }
    s.push('.');
    s
}

/// Prints diagnostics to stderr, each with its quoted line; notes with the
/// same message as one line that lists their places.
pub fn print(diags: &[Diagnostic]) {
    use std::io::Write;
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in diags.iter().filter(|d| d.severity != Severity::Note) {
        let _ = writeln!(err, "{d}");
    }
    let notes: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .collect();
    let mut messages: Vec<&str> = notes.iter().map(|d| d.message.as_str()).collect();
    messages.dedup();
    for message in messages {
        let same: Vec<&&Diagnostic> = notes.iter().filter(|d| d.message == message).collect();
        let places: Vec<String> = same.iter().take(5).map(|d| d.location()).collect();
        let more = same.len().saturating_sub(places.len());
        let more = if more > 0 {
            format!(" и ещё {more}")
        } else {
            String::new()
        };
        let count = crate::ru::plural::plural_ru(same.len() as f64, "место", "места", "мест");
        let _ = writeln!(
            err,
            "заметка: {message} — {count}: {}{more}",
            places.join(", ")
        );
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    #[test]
    fn errors_come_before_warnings_whatever_their_files() {
        let d = Diagnostics::default();
        d.push(Diagnostic::warning("a.md", "предупреждение"));
        d.push(Diagnostic::error("z.md", "ошибка"));
        d.push(Diagnostic::error("b.md", "ошибка"));
        let files: Vec<String> = d.into_sorted().into_iter().map(|d| d.file).collect();
        assert_eq!(files, ["b.md", "z.md", "a.md"]);
    }

    use super::*;

    #[test]
    fn renders_caret_under_column() {
        let d = Diagnostic::error("content/a.md", "неизвестное поле «dat»")
            .at("---\ntitle: x\ndat: 2022-01-01\n---\n", 3, 1)
            .with_hint("возможно, вы имели в виду «date»?");
        let text = d.to_string();
        assert!(text.contains("--> content/a.md:3:1"), "{text}");
        assert!(text.contains("3 | dat: 2022-01-01\n  | ^\n"), "{text}");
        assert!(text.contains("подсказка: возможно"), "{text}");
    }
}
