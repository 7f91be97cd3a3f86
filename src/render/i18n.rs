//! The theme's words. Every text the theme prints itself (menus, headings,
//! labels of the accessibility switch) comes from one file,
//! `themes/<theme>/i18n.toml`, so an office can reword the interface without
//! touching templates. A site may override single entries in its own
//! `i18n.toml` beside `site.toml`; its tables merge into the theme's key by
//! key, and a key the theme does not have is reported with a suggestion,
//! because a misspelt override would otherwise change nothing silently.
//! Templates read the result as the global `t` (`{{ t.footer.contacts }}`).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::suggest::did_you_mean;
use crate::theme::Theme;
use std::path::Path;
use toml::{Table, Value};

/// The theme's words with the site's overrides; problems go to `diags`.
pub fn load(root: &Path, theme: &Theme, diags: &Diagnostics) -> Table {
    let mut words = theme
        .file("i18n.toml")
        .and_then(|f| Some((f.label.clone(), f.text().ok()?)))
        .and_then(|(label, text)| read(root, &label, &text, diags))
        .unwrap_or_default();
    let overrides = std::fs::read_to_string(root.join("i18n.toml")).ok();
    if let Some(overrides) = overrides.and_then(|t| read(root, "i18n.toml", &t, diags)) {
        merge(&mut words, overrides, "", diags);
    }
    words
}

/// Parses one file; `None` if it is broken (then reported).
fn read(root: &Path, rel: &str, text: &str, diags: &Diagnostics) -> Option<Table> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file = crate::load::SourceFile {
        rel: rel.to_string(),
        text: text.to_string(),
        path: root.join(rel),
        encoding: None,
    };
    let parsed = crate::yaml::toml::parse(text)
        .map_err(|e| {
            vec![file
                .diag(e.pos.line, e.pos.column, e.message)
                .with_hint_opt(e.hint)]
        })
        .and_then(|node| {
            crate::yaml::from_node::<Table>(&node, &[], false).map_err(|e| file.field_errors(e))
        });
    match parsed {
        Ok(table) => Some(table),
        Err(errors) => {
            diags.extend(errors);
            None
        }
    }
}

/// Puts `over` into `base` key by key; `prefix` names the table for messages.
fn merge(base: &mut Table, over: Table, prefix: &str, diags: &Diagnostics) {
    for (key, value) in over {
        let name = format!("{prefix}{key}");
        match (base.get_mut(&key), value) {
            (Some(Value::Table(inner)), Value::Table(over_inner)) => {
                merge(inner, over_inner, &format!("{name}."), diags);
            }
            (Some(slot), value) => *slot = value,
            (None, _) => diags.push(
                Diagnostic::warning(
                    "i18n.toml",
                    format!("в теме нет надписи «{name}», замена не действует"),
                )
                .with_hint_opt(did_you_mean(&key, base.keys().map(String::as_str))),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    const THEME: &str =
        "[nav]\nhome = \"Главная\"\nskip = \"К содержимому\"\n[footer]\ncontacts = \"Контакты\"\n";

    #[test]
    fn site_overrides_single_entries() {
        let dir = site(&[
            ("themes/default/i18n.toml", THEME),
            ("i18n.toml", "[nav]\nhome = \"На главную\"\n"),
        ]);
        let diags = Diagnostics::default();
        let t = load(
            dir.path(),
            &Theme::load(dir.path(), "default", &Default::default()).unwrap(),
            &diags,
        );
        assert!(diags.into_sorted().is_empty());
        assert_eq!(t["nav"]["home"].as_str(), Some("На главную"));
        assert_eq!(t["nav"]["skip"].as_str(), Some("К содержимому"));
        assert_eq!(t["footer"]["contacts"].as_str(), Some("Контакты"));
    }

    #[test]
    fn unknown_override_warns_with_suggestion() {
        let dir = site(&[
            ("themes/default/i18n.toml", THEME),
            ("i18n.toml", "[nav]\nhom = \"На главную\"\n"),
        ]);
        let diags = Diagnostics::default();
        let t = load(
            dir.path(),
            &Theme::load(dir.path(), "default", &Default::default()).unwrap(),
            &diags,
        );
        let d = diags.into_sorted();
        assert_eq!(d.len(), 1);
        assert!(!d[0].is_error());
        assert_eq!(
            d[0].message,
            "в теме нет надписи «nav.hom», замена не действует"
        );
        assert_eq!(
            d[0].hint.as_deref(),
            Some("возможно, вы имели в виду «home»?")
        );
        assert_eq!(t["nav"]["home"].as_str(), Some("Главная"));
    }

    #[test]
    fn broken_file_is_an_error_with_position() {
        let dir = site(&[("themes/default/i18n.toml", "[nav]\nhome = Главная\n")]);
        let diags = Diagnostics::default();
        load(
            dir.path(),
            &Theme::load(dir.path(), "default", &Default::default()).unwrap(),
            &diags,
        );
        let d = diags.into_sorted();
        assert_eq!(d.len(), 1);
        assert!(d[0].is_error());
        assert_eq!(d[0].file, "themes/default/i18n.toml");
        assert_eq!(d[0].line, 2);
    }
}
