//! Event (`event`): a seminar, meeting, webinar or conference with its
//! program of talks (content model §3). Each event dated to a day also gets
//! an `.ics` calendar file (see [`super::ics`]).

use super::shared::{self, Material, Speaker, Time};
use super::{talk_anchor, Calendar, Facet, NewDate, Problem, RefSpec, Schema, Talk};
use crate::types::date::PartialDate;
use crate::types::front::PageFront;
use crate::yaml::Node;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
pub struct Event {
    pub title: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    pub end_date: Option<PartialDate>,
    #[serde(default)]
    pub time: Option<Time>,
    #[serde(default)]
    pub end_time: Option<Time>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub organisers: Vec<String>,
    #[serde(default)]
    pub project: Option<String>,
    #[serde(default)]
    pub framework: Option<String>,
    #[serde(default)]
    pub audience: Option<String>,
    #[serde(default)]
    pub compilers: Vec<String>,
    #[serde(default)]
    pub materials: Vec<Material>,
    #[serde(default)]
    pub program: Vec<ProgramItem>,
    /// The photo report: files beside the entry, with captions
    /// (the gallery of `render::gallery`).
    #[serde(default)]
    pub photos: Vec<PhotoItem>,
}

/// A photo of the report: a file name, or `{file, caption}`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "@file")]
pub struct PhotoItem {
    pub file: String,
    #[serde(default)]
    pub caption: Option<String>,
}

/// A talk of the program.
#[derive(Debug, Deserialize, Serialize)]
pub struct ProgramItem {
    #[serde(default)]
    pub id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub title_variant: Option<String>,
    #[serde(default)]
    pub time: Option<Time>,
    #[serde(default)]
    pub end_time: Option<Time>,
    #[serde(default)]
    pub speakers: Vec<Speaker>,
    #[serde(default)]
    pub moderator: Option<Speaker>,
    #[serde(default)]
    pub pages: Option<String>,
    #[serde(default)]
    pub materials: Vec<Material>,
    #[serde(default, rename = "abstract")]
    pub summary: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// The heading of a person's talks on their page.
pub const TALKS: &str = "talks";
/// The heading of the talks of an organisation's staff on its page.
pub const STAFF_TALKS: &str = "staff_talks";

impl Schema for Event {
    const NAME: &'static str = "event";
    const LABEL: &'static str = "Мероприятия";
    const FOLDERS: &'static [&'static str] = &["meropriiatiia"];
    const REFS: &'static [RefSpec] = &[
        RefSpec {
            path: "host",
            target: "organisation",
            label: "hosted_events",
        },
        RefSpec {
            path: "organisers[]",
            target: "organisation",
            label: "organised_events",
        },
        RefSpec {
            path: "compilers[]",
            target: "person",
            label: "compiled_materials",
        },
        RefSpec {
            path: "program[#].speakers[]>person",
            target: "person",
            label: TALKS,
        },
        RefSpec {
            path: "program[#].speakers[].organisation",
            target: "organisation",
            label: STAFF_TALKS,
        },
        RefSpec {
            path: "program[#].moderator>person",
            target: "person",
            label: "moderated",
        },
        RefSpec {
            path: "program[#].moderator.organisation",
            target: "organisation",
            label: STAFF_TALKS,
        },
    ];
    const MATERIALS: &'static [&'static str] = &["materials[]", "program[].materials[]"];
    const FACETS: &'static [Facet] = &[];
    const SKELETON: &'static str = "kind: семинар\nschool_year: \"{school_year}\"\ncity: \ntime: \"10:00\"\n# organisers: [id организации из справочника]\naudience: \nprogram:\n  - title: Тема выступления\n    speakers:\n      - name: Фамилия Имя Отчество\n        position: должность\n";
    const ALIASES: &'static [&'static str] = &["seminar", "семинар", "мероприятие"];
    const NEW_DATE: NewDate = NewDate::TodayInName;

    fn calendar(&self) -> Option<Calendar<'_>> {
        Some(Calendar {
            title: &self.title,
            kind: self.kind.as_deref(),
            end_date: self.end_date,
            time: self.time.as_ref(),
            end_time: self.end_time.as_ref(),
            location: [self.city.as_deref(), self.venue.as_deref()]
                .into_iter()
                .flatten()
                .collect(),
            description: self.audience.as_deref(),
        })
    }

    /// The program item `item` names: a number from 1 or an item id.
    fn talk(&self, item: &str) -> Result<Talk, usize> {
        let found = match item.trim().parse::<usize>() {
            Ok(n) if (1..=self.program.len()).contains(&n) => Some(n - 1),
            Ok(_) => None,
            Err(_) => self
                .program
                .iter()
                .position(|p| p.id.as_deref() == Some(item.trim())),
        };
        found
            .map(|n| Talk {
                title: self.program[n].title.clone(),
                anchor: talk_anchor(n),
            })
            .ok_or(self.program.len())
    }

    fn check(&self, node: &Node, front: &PageFront, out: &mut Vec<Problem>) {
        shared::check_range(front.date, self.end_date, node, out);
        if self.end_date.is_some() && front.date.is_none() {
            let pos = node.get("end_date").map_or(node.pos, |n| n.pos);
            out.push(
                Problem::error(pos, "у мероприятия есть дата окончания, но нет даты начала")
                    .hint("добавьте поле «date»"),
            );
        }
        if let (Some(t), Some(e), None) = (&self.time, &self.end_time, self.end_date) {
            if e < t {
                let pos = node.get("end_time").map_or(node.pos, |n| n.pos);
                out.push(Problem::error(
                    pos,
                    format!("время окончания ({}) раньше времени начала ({})", e.0, t.0),
                ));
            }
        }
        shared::check_materials(&self.materials, node.get("materials"), out);
        for (item, n) in self.program.iter().zip(shared::items(node.get("program"))) {
            for (s, sn) in item.speakers.iter().zip(shared::items(n.get("speakers"))) {
                s.check(sn, out);
            }
            if let (Some(m), Some(mn)) = (&item.moderator, n.get("moderator")) {
                m.check(mn, out);
            }
            shared::check_materials(&item.materials, n.get("materials"), out);
        }
    }
}
