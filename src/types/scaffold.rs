//! `metodist new` (a new entry with the right fields, from its type's
//! [`super::Schema`] hooks) and `metodist init` (a new buildable site: the
//! example site of src/types/init-site, with entries of every type; the
//! theme is built in, see [`crate::theme`]).

use super::{kind_by_name, Collections, NewDate, TYPES};
use crate::config::SiteConfig;
use crate::ru::slug::slugify;
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

use crate::config::SiteKind;
use crate::theme::{INIT_FILES, INIT_MUNICIPAL_FILES};
use std::borrow::Cow;

/// The registry index of a type named on the command line.
pub fn type_of(name: &str) -> Result<usize, String> {
    let lower = name.to_lowercase();
    let alias = TYPES
        .iter()
        .position(|t| t.aliases().contains(&lower.as_str()));
    alias.or_else(|| kind_by_name(&lower)).ok_or_else(|| {
        let names: Vec<&str> = TYPES.iter().map(|t| t.name()).collect();
        let hint = crate::suggest::did_you_mean(
            &lower,
            names
                .iter()
                .copied()
                .chain(TYPES.iter().flat_map(|t| t.aliases().iter().copied())),
        )
        .unwrap_or_else(|| {
            let listed: Vec<String> = TYPES
                .iter()
                .map(|t| match t.aliases().iter().find(|a| !a.is_ascii()) {
                    Some(ru) => format!("{ru} ({})", t.name()),
                    None => t.name().to_string(),
                })
                .collect();
            format!("типы записей: {}", listed.join(", "))
        });
        if ["таблица", "показатели", "мониторинг", "table", "indicator"].contains(&lower.as_str())
        {
            return "таблицу показателей metodist new не создаёт: это файл YAML или CSV в папке \
                    content/monitoring; образец и поля — в docs/indicators.md"
                .to_string();
        }
        format!("неизвестный тип записи «{name}»; {hint}")
    })
}

/// Creates the file of a new entry in its collection folder and returns
/// its path. Dated types get today's date, events a date prefix in the name.
pub fn new_entry(
    root: &Path,
    type_name: &str,
    title: &str,
    today: NaiveDate,
) -> Result<PathBuf, String> {
    let kind = type_of(type_name)?;
    let (path, text) = new_text(root, kind, title, today)?;
    if path.exists() {
        return Err(format!(
            "файл {} уже есть",
            crate::diagnostics::rel_path(root, &path)
        ));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("не удалось создать папку: {}", crate::write::io_ru(&e)))?;
    }
    std::fs::write(&path, text)
        .map_err(|e| format!("не удалось записать файл: {}", crate::write::io_ru(&e)))?;
    Ok(path)
}

/// Where a new entry of type `kind` titled `title` goes, and its text: the
/// title, a draft mark, today's date for dated types, the type's skeleton
/// (also the defaults of the preview editor's «Создать» form).
pub fn new_text(
    root: &Path,
    kind: usize,
    title: &str,
    today: NaiveDate,
) -> Result<(PathBuf, String), String> {
    let config = SiteConfig::load(root).map_err(|ds| {
        ds.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let (collections, _) = Collections::from_config(&config);
    let folder = collections.folder_of(kind).unwrap_or_default();
    let t = TYPES[kind];
    let slug = slugify(title);
    if slug.is_empty() {
        return Err("из заголовка не получается имя файла: в нём нет ни букв, ни цифр".into());
    }
    let stem = if t.new_date() == NewDate::TodayInName {
        format!("{}-{slug}", today.format("%Y-%m-%d"))
    } else {
        slug
    };
    let path = root
        .join("content")
        .join(&folder)
        .join(format!("{stem}.md"));
    let mut front = t.new_title(title);
    front.push_str("# Черновик: его видно в metodist serve, но не в build. Уберите строку, когда запись готова.\ndraft: true\n");
    if t.new_date() != NewDate::None {
        front.push_str(&format!("date: {}\n", today.format("%Y-%m-%d")));
    }
    let first = if today.month() >= 9 {
        today.year()
    } else {
        today.year() - 1
    };
    front.push_str(
        &t.skeleton()
            .replace("{school_year}", &format!("{first}-{}", first + 1))
            .replace("{year}", &today.year().to_string()),
    );
    Ok((path, format!("---\n{front}---\n{BODY_PLACEHOLDER}\n")))
}

/// What site.toml of the example site says differently for a municipal body.
const MUNICIPAL_TOML: &[(&str, &str)] = &[
    (
        "title = \"Методический отдел\"",
        "title = \"Управление образования\"",
    ),
    (
        "kind = \"educational_organisation\"",
        "kind = \"municipal_body\"",
    ),
    (
        "name = \"Методический отдел\"",
        "name = \"Управление образования администрации города\"",
    ),
    (
        "address = \"000000, область, г. Город, ул. Школьная, д. 2\"",
        "address = \"000000, область, г. Город, ул. Центральная, д. 1\"",
    ),
    (
        "phones = [\"(0000) 00-00-01\"]",
        "phones = [\"(0000) 00-00-00\"]",
    ),
    (
        "emails = [\"metod@example.ru\"]",
        "emails = [\"uo@example.ru\"]",
    ),
    (
        "head = \"Иванова Мария Александровна\"",
        "head = \"Смирнова Ольга Викторовна\"",
    ),
    (
        "head_post = \"заведующий отделом\"",
        "head_post = \"начальник управления\"",
    ),
    ("sveden = \"sveden\"", "deiatelnost = \"municipal\""),
    (
        "title = \"Сведения об образовательной организации\"\nurl = \"/sveden/\"",
        "title = \"Информация о деятельности\"\nurl = \"/deiatelnost/\"",
    ),
];

/// The files `metodist init` writes for a site of `kind`: the example
/// site; for a municipal body its site.toml says so, and the 8-ФЗ pages of
/// src/types/init-municipal take the place of /sveden/.
pub fn init_files(kind: SiteKind) -> Vec<(&'static str, Cow<'static, [u8]>)> {
    let base = INIT_FILES.iter().map(|(p, b)| (*p, Cow::Borrowed(*b)));
    match kind {
        SiteKind::EducationalOrganisation => base.collect(),
        SiteKind::MunicipalBody => base
            .filter(|(p, _)| !p.starts_with("content/sveden/"))
            .map(|(p, b)| match p {
                "site.toml" => {
                    let mut text = String::from_utf8_lossy(&b).into_owned();
                    for (from, to) in MUNICIPAL_TOML {
                        text = text.replacen(from, to, 1);
                    }
                    (p, Cow::Owned(text.into_bytes()))
                }
                _ => (p, b),
            })
            .chain(
                INIT_MUNICIPAL_FILES
                    .iter()
                    .map(|(p, b)| (*p, Cow::Borrowed(*b))),
            )
            .collect(),
    }
}

/// Creates a new site of `kind` in `dir` (which must not exist or be empty).
pub fn init_site(dir: &Path, kind: SiteKind) -> Result<usize, String> {
    if dir.exists()
        && dir
            .read_dir()
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(format!(
            "папка «{}» уже существует и не пуста",
            dir.display()
        ));
    }
    let mut written = 0;
    // The theme is built in: the new site has only its own files.
    for (rel, bytes) in init_files(kind) {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("не удалось создать папку: {}", crate::write::io_ru(&e)))?;
        }
        std::fs::write(&path, &bytes)
            .map_err(|e| format!("не удалось записать {rel}: {}", crate::write::io_ru(&e)))?;
        written += 1;
    }
    Ok(written)
}

/// The body `metodist new` writes; a published page still carrying it, or
/// one of [`PLACEHOLDERS`], gets a warning.
pub const BODY_PLACEHOLDER: &str = "Текст записи в Markdown.";

/// The sample values of the types' skeletons (`SKELETON`), as whole values.
pub const PLACEHOLDERS: &[&str] = &[
    "Тема выступления",
    "Фамилия Имя Отчество",
    "должность",
    "Тема модуля",
    "Параметр анализа",
];

/// A front matter line `field: "value"`, quoted so that any title is valid YAML.
pub fn field(name: &str, value: &str) -> String {
    format!("{name}: {}\n", serde_json::Value::String(value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_in_english_and_russian() {
        assert_eq!(type_of("seminar"), Ok(kind_by_name("event").unwrap()));
        assert_eq!(type_of("Практика"), Ok(kind_by_name("practice").unwrap()));
        assert_eq!(
            type_of("practise").unwrap_err(),
            "неизвестный тип записи «practise»; возможно, вы имели в виду «practice»?"
        );
        let listed = type_of("zzz").unwrap_err();
        assert!(
            listed.contains("семинар (event)") && listed.contains("курсы (course)"),
            "{listed}"
        );
        assert!(type_of("таблица")
            .unwrap_err()
            .contains("docs/indicators.md"));
    }

    /// Every type shows itself in an `init` site of one kind or the other,
    /// so a new type cannot be forgotten there; both build
    /// (tests/typed_content.rs, tests/municipal.rs).
    #[test]
    fn the_init_sites_have_an_entry_of_every_type() {
        let kinds = [SiteKind::EducationalOrganisation, SiteKind::MunicipalBody];
        let mut shown = vec![false; TYPES.len()];
        for kind in kinds {
            let files = init_files(kind);
            let toml = &files.iter().find(|(p, _)| *p == "site.toml").unwrap().1;
            let config: SiteConfig = toml::from_str(std::str::from_utf8(toml).unwrap()).unwrap();
            assert_eq!(config.kind, Some(kind));
            let (collections, errors) = Collections::from_config(&config);
            assert!(errors.is_empty());
            for (k, seen) in shown.iter_mut().enumerate().skip(1) {
                let Some(folder) = collections.folder_of(k) else {
                    continue;
                };
                *seen |= files.iter().any(|(p, _)| {
                    p.strip_prefix("content/")
                        .and_then(|p| p.strip_prefix(folder.as_str()))
                        .is_some_and(|rest| rest.starts_with('/') && !rest.ends_with("_index.md"))
                });
            }
        }
        for (k, seen) in shown.iter().enumerate().skip(1) {
            assert!(*seen, "no init site has a {} entry", TYPES[k].name());
        }
        // Every change of the municipal site.toml applies.
        let base = std::str::from_utf8(
            INIT_FILES
                .iter()
                .find(|(p, _)| *p == "site.toml")
                .unwrap()
                .1,
        )
        .unwrap();
        for (from, _) in MUNICIPAL_TOML {
            assert_eq!(base.matches(from).count(), 1, "{from}");
        }
    }
}
