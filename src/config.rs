//! `site.toml`: the portal's settings. Unknown keys are errors with a
//! suggestion, like front matter, so a typo never silently loses a setting.

use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Where the site will live, possibly with a path: `https://example.ru/metod/`.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// Which law the site answers to: an educational organisation publishes
    /// «Сведения об образовательной организации» (`/sveden/`), a municipal
    /// body the information of 8-ФЗ (docs/sveden.md).
    #[serde(default)]
    pub kind: Option<SiteKind>,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Pages per listing page; a section may override it.
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// Relative links everywhere, so the site works opened from disk.
    #[serde(default)]
    pub offline: bool,
    /// Pass authors' raw HTML through (see `render::raw_html`); off by default.
    #[serde(default)]
    pub raw_html: bool,
    /// Include `draft: true` pages (the `--drafts` flag does the same).
    #[serde(default)]
    pub drafts: bool,
    #[serde(default)]
    pub organization: Organization,
    #[serde(default)]
    pub menu: Vec<MenuItem>,
    #[serde(default)]
    pub taxonomies: Vec<Taxonomy>,
    #[serde(default)]
    pub typography: crate::ru::typography::TypographyConfig,
    /// Content folder → content type (`meropriiatiia = "seminar"`).
    #[serde(default)]
    pub collections: BTreeMap<String, String>,
    /// Photos: the widths and quality of the processed images (src/images).
    #[serde(default)]
    pub images: crate::images::Settings,
    /// Free settings for the theme.
    #[serde(default)]
    pub extra: toml::Table,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteKind {
    /// 273-ФЗ ст. 29: the `/sveden/` section is required.
    EducationalOrganisation,
    /// 8-ФЗ: no `/sveden/`.
    MunicipalBody,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub short_name: String,
    #[serde(default)]
    pub parent: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub hours: String,
    /// The head's full name and position, for the contacts page and footer.
    #[serde(default)]
    pub head: String,
    #[serde(default)]
    pub head_post: String,
    /// The founder (учредитель) and its site, linked from the footer.
    #[serde(default)]
    pub founder: String,
    #[serde(default)]
    pub founder_url: String,
    /// Official pages in social networks (8-ФЗ as amended by 270-ФЗ):
    /// `[[organization.social]]` with `title` and `url`.
    #[serde(default)]
    pub social: Vec<MenuItem>,
    /// The organisation's id in the Госуслуги «Решаем вместе» widget (ПОС):
    /// the widget in online builds, a plain link offline.
    #[serde(default)]
    pub pos_id: Option<u64>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub title: String,
    /// A site path (`/praktiki/`) or a full external address.
    pub url: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// The front-matter field that holds the terms (`school_year`).
    pub name: String,
    /// The heading of its pages («Учебные годы»).
    pub title: String,
    /// The URL folder; defaults to the name transliterated.
    #[serde(default)]
    pub slug: Option<String>,
    /// Only entries of these content types (`["document"]`); all when empty.
    #[serde(default)]
    pub types: Vec<String>,
}

fn default_base_url() -> String {
    "/".into()
}
fn default_language() -> String {
    "ru".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate_by() -> usize {
    10
}

/// What a site that declared its regime must show on its contacts page
/// and footer but whose [organization] lacks it: one warning per item.
pub fn regime_warnings(config: &SiteConfig) -> Vec<Diagnostic> {
    if config.kind.is_none() {
        return Vec::new();
    }
    let org = &config.organization;
    [
        (org.emails.is_empty(), "адреса электронной почты (emails)", "emails = [\"info@example.ru\"]"),
        (org.hours.is_empty(), "режима работы (hours)", "hours = \"понедельник — пятница, 9:00–18:00\""),
        (org.head.is_empty(), "руководителя (head)", "head = \"Фамилия Имя Отчество\""),
        (org.address.is_empty(), "почтового адреса (address)", "address = \"214000, Смоленская область, г. Смоленск, ул. …, д. 1\""),
    ]
    .into_iter()
    .filter(|(missing, _, _)| *missing)
    .map(|(_, what, example)| {
        Diagnostic::warning(
            "site.toml",
            format!("в [organization] нет {what}: официальный сайт показывает его на странице контактов и внизу каждой страницы"),
        )
        .with_hint(format!("добавьте в [organization] строку {example}"))
    })
    .collect()
}

impl SiteConfig {
    /// Reads and checks `site.toml` in `root`: every mistake of the file,
    /// each at its line and column.
    pub fn load(root: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
        let path = root.join("site.toml");
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![Diagnostic::error("site.toml", format!("не удалось прочитать файл настроек: {}", crate::write::io_ru(&e)))
                .with_hint("сайт начинается с файла site.toml в корневой папке; создайте новый сайт командой «metodist init ПАПКА»")]
        })?;
        let file = SourceFile {
            rel: "site.toml".into(),
            text: text.strip_prefix('\u{feff}').unwrap_or(&text).to_string(),
            path,
            encoding: None,
        };
        let node = crate::yaml::toml::parse(&file.text).map_err(|e| {
            vec![file
                .diag(e.pos.line, e.pos.column, e.message)
                .with_hint_opt(e.hint)]
        })?;
        let mut config: SiteConfig =
            crate::yaml::from_node(&node, &[], true).map_err(|e| file.field_errors(e))?;
        let menu: &[crate::yaml::Node] = match node.get("menu").map(|m| &m.value) {
            Some(crate::yaml::node::Value::Seq(items)) => items,
            _ => &[],
        };
        let unsafe_urls: Vec<Diagnostic> = config
            .menu
            .iter()
            .zip(menu)
            .filter_map(|(item, n)| match crate::markup::scheme(&item.url) {
                crate::markup::Scheme::Unsafe(name) => {
                    let pos = n.get("url").map_or(n.pos, |u| u.pos);
                    Some(
                        file.diag(
                            pos.line,
                            pos.column,
                            format!("пункт меню «{}» ведёт на адрес «{name}:…», который запускает код", item.title),
                        )
                        .with_hint("укажите адрес страницы сайта (/razdel/) или сайта в интернете (https://…)"),
                    )
                }
                _ => None,
            })
            .collect();
        if !unsafe_urls.is_empty() {
            return Err(unsafe_urls);
        }
        config.normalize();
        Ok(config)
    }

    fn normalize(&mut self) {
        if !self.base_url.ends_with('/') {
            self.base_url.push('/');
        }
    }

    /// The path part of base_url: `/metod/` for `https://example.ru/metod/`.
    pub fn base_path(&self) -> String {
        let after_scheme = match self.base_url.find("://") {
            Some(i) => &self.base_url[i + 3..],
            None => return self.base_url.clone(),
        };
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_string(),
            None => "/".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_reported_with_suggestion() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("site.toml"),
            "title = \"Сайт\"\npaginte_by = 5\n",
        )
        .unwrap();
        let ds = SiteConfig::load(dir.path()).unwrap_err();
        assert_eq!(ds.len(), 1);
        let d = &ds[0];
        assert_eq!(d.message, "неизвестное поле «paginte_by»");
        assert_eq!((d.line, d.column), (2, 1));
        assert_eq!(
            d.hint.as_deref(),
            Some("возможно, вы имели в виду «paginate_by»?")
        );
    }

    #[test]
    fn base_path_from_url() {
        let mut c: SiteConfig =
            toml::from_str("title='x'\nbase_url='https://example.ru/metod'").unwrap();
        c.normalize();
        assert_eq!(c.base_path(), "/metod/");
    }
}
