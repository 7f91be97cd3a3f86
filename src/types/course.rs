//! Training course (`course`): «курсы повышения квалификации» and other
//! professional development programmes a methodology office runs or
//! announces: dates, volume in academic hours, form, audience, organisers,
//! lecturers, modules and materials. A course dated to a day gets an `.ics`
//! like an event.

use super::shared::{self, Material, Speaker, Time};
use super::{Calendar, Facet, NewDate, Problem, RefSpec, Schema};
use crate::types::date::PartialDate;
use crate::types::front::PageFront;
use crate::yaml::Node;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
pub struct Course {
    pub title: String,
    /// «курсы повышения квалификации», «программа профессиональной переподготовки».
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub end_date: Option<PartialDate>,
    #[serde(default)]
    pub time: Option<Time>,
    /// Volume in academic hours.
    #[serde(default)]
    pub hours: Option<u32>,
    /// «очно», «очно-заочно», «дистанционно».
    #[serde(default)]
    pub form: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default)]
    pub audience: Option<String>,
    #[serde(default)]
    pub organisers: Vec<String>,
    #[serde(default)]
    pub lecturers: Vec<Speaker>,
    #[serde(default)]
    pub modules: Vec<Module>,
    /// The document graduates receive («удостоверение о повышении квалификации»).
    #[serde(default)]
    pub certificate: Option<String>,
    /// Where to sign up: a page or a form.
    #[serde(default)]
    pub registration: Option<String>,
    #[serde(default)]
    pub materials: Vec<Material>,
}

/// A module (topic) of the course's curriculum.
#[derive(Debug, Deserialize, Serialize)]
pub struct Module {
    pub title: String,
    #[serde(default)]
    pub hours: Option<u32>,
    #[serde(default)]
    pub lecturers: Vec<Speaker>,
}

impl Schema for Course {
    const NAME: &'static str = "course";
    const LABEL: &'static str = "Курсы";
    const FOLDERS: &'static [&'static str] = &["kursy"];
    const REFS: &'static [RefSpec] = &[
        RefSpec {
            path: "organisers[]",
            target: "organisation",
            label: "organised_courses",
        },
        RefSpec {
            path: "lecturers[]>person",
            target: "person",
            label: "taught_courses",
        },
        RefSpec {
            path: "lecturers[].organisation",
            target: "organisation",
            label: "staff_courses",
        },
        RefSpec {
            path: "modules[].lecturers[]>person",
            target: "person",
            label: "taught_courses",
        },
        RefSpec {
            path: "modules[].lecturers[].organisation",
            target: "organisation",
            label: "staff_courses",
        },
    ];
    const MATERIALS: &'static [&'static str] = &["materials[]"];
    const FACETS: &'static [Facet] = &[
        Facet {
            name: "form",
            label: "course_form",
            path: "form",
        },
        Facet {
            name: "organisers",
            label: "organisers",
            path: "organisers[]",
        },
        Facet {
            name: "school_year",
            label: "school_year",
            path: "school_year",
        },
    ];
    const SKELETON: &'static str = "kind: курсы повышения квалификации\nschool_year: \"{school_year}\"\n# end_date: 2024-01-20\nhours: 36\nform: очно\ncity: \naudience: \n# organisers: [id организации из справочника]\nlecturers:\n  - name: Фамилия Имя Отчество\n    position: должность\nmodules:\n  - title: Тема модуля\n    hours: 36\ncertificate: удостоверение о повышении квалификации\n";
    const ALIASES: &'static [&'static str] = &["курсы", "курс", "kpk", "кпк"];
    const NEW_DATE: NewDate = NewDate::TodayInName;

    fn calendar(&self) -> Option<Calendar<'_>> {
        Some(Calendar {
            title: &self.title,
            kind: Some(self.kind.as_deref().unwrap_or("курсы")),
            end_date: self.end_date,
            time: self.time.as_ref(),
            end_time: None,
            location: [self.city.as_deref(), self.venue.as_deref()]
                .into_iter()
                .flatten()
                .collect(),
            description: self.audience.as_deref(),
        })
    }

    fn check(&self, node: &Node, front: &PageFront, out: &mut Vec<Problem>) {
        shared::check_range(front.date, self.end_date, node, out);
        if self.end_date.is_some() && front.date.is_none() {
            let pos = node.get("end_date").map_or(node.pos, |n| n.pos);
            out.push(
                Problem::error(pos, "у курсов есть дата окончания, но нет даты начала")
                    .hint("добавьте поле «date» — день первого занятия"),
            );
        }
        let planned: Vec<u32> = self.modules.iter().filter_map(|m| m.hours).collect();
        if let (Some(total), true) = (self.hours, planned.len() == self.modules.len()) {
            let sum: u32 = planned.iter().sum();
            if !planned.is_empty() && sum != total {
                let pos = node.get("hours").map_or(node.pos, |n| n.pos);
                out.push(
                    Problem::warning(
                        pos,
                        format!(
                            "объём курсов — {}, а модули вместе дают {}",
                            hours_ru(total),
                            hours_ru(sum)
                        ),
                    )
                    .hint("исправьте «hours» у курсов или у модулей"),
                );
            }
        }
        for (l, n) in self
            .lecturers
            .iter()
            .zip(shared::items(node.get("lecturers")))
        {
            l.check(n, out);
        }
        for (m, n) in self.modules.iter().zip(shared::items(node.get("modules"))) {
            for (l, ln) in m.lecturers.iter().zip(shared::items(n.get("lecturers"))) {
                l.check(ln, out);
            }
        }
        if let Some(url) = self.registration.as_deref().map(str::trim) {
            let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
            let safe = match scheme.as_deref() {
                Some("http" | "https" | "mailto") => true,
                Some(s) => s.contains('/') || s.contains('?') || s.contains('#'),
                None => true,
            };
            if !safe {
                let pos = node.get("registration").map_or(node.pos, |n| n.pos);
                out.push(
                    Problem::error(
                        pos,
                        format!("ссылка для записи «{url}» не открывается в браузере"),
                    )
                    .hint("укажите адрес страницы или формы: https://…, или mailto:адрес"),
                );
            }
        }
        shared::check_materials(&self.materials, node.get("materials"), out);
    }
}

fn hours_ru(n: u32) -> String {
    crate::ru::plural::plural_ru(n as f64, "час", "часа", "часов")
}
