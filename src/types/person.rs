//! Person (`person`): a speaker, curator or coordinator with positions and
//! roles over time (content model §8.2). Contacts need the person's consent.

use super::shared::SchoolYear;
use super::{RefSpec, Schema};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
pub struct Person {
    pub surname: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub patronymic: Option<String>,
    #[serde(default)]
    pub short_name: Option<String>,
    #[serde(default)]
    pub degree: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub consent: Vec<Consent>,
    #[serde(default)]
    pub positions: Vec<Position>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Consent {
    Email,
    Photo,
    Bio,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct Position {
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub project_role: Option<String>,
    #[serde(default)]
    pub school_year: Option<SchoolYear>,
    #[serde(default)]
    pub year: Option<String>,
}

impl Person {
    /// «Васинова Наталья Дмитриевна».
    pub fn full_name(&self) -> String {
        [
            Some(&self.surname),
            self.name.as_ref(),
            self.patronymic.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
    }

    /// «Васинова Н.Д.», unless the author wrote another short form.
    pub fn short(&self) -> String {
        if let Some(s) = &self.short_name {
            return s.clone();
        }
        let initials: String = [&self.name, &self.patronymic]
            .into_iter()
            .flatten()
            .filter_map(|n| n.chars().next())
            .map(|c| format!("{c}."))
            .collect();
        if initials.is_empty() {
            self.surname.clone()
        } else {
            format!("{}\u{a0}{initials}", self.surname)
        }
    }
}

impl Schema for Person {
    const NAME: &'static str = "person";
    const LABEL: &'static str = "Люди";
    const FOLDERS: &'static [&'static str] = &["liudi"];
    const REFS: &'static [RefSpec] = &[RefSpec {
        path: "positions[].organisation",
        target: "organisation",
        label: "staff",
    }];
    const SKELETON: &'static str = "positions:\n  - position: должность\n";
    const ALIASES: &'static [&'static str] = &["человек"];

    /// «Иванова Мария Алексеевна» → surname, name, patronymic.
    fn new_title(title: &str) -> String {
        ["surname", "name", "patronymic"]
            .into_iter()
            .zip(title.split_whitespace())
            .map(|(f, v)| super::scaffold::field(f, v))
            .collect()
    }

    fn affiliations(&self) -> Vec<(Option<&str>, Option<&str>)> {
        self.positions
            .iter()
            .map(|p| (p.position.as_deref(), p.organisation.as_deref()))
            .collect()
    }

    fn names(&self) -> Vec<String> {
        vec![self.full_name(), self.short().replace('\u{a0}', " ")]
    }

    /// The full name; a person known only by initials («Тренина О.В.»)
    /// keeps the short form rather than a bare surname.
    fn own_title(&self) -> Option<String> {
        match (&self.name, &self.short_name) {
            (None, Some(short)) => Some(short.clone()),
            _ => Some(self.full_name()),
        }
    }
}
