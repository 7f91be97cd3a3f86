//! Field types several content types share: school years, times, periods,
//! speakers, materials, measures and references to talks (content model
//! §1.4–1.7). A struct named `@field` accepts a single string for that
//! field (see `yaml::de`): `speakers: [vasinova-nd]`, `measures: [Текст]`.

use super::Problem;
use crate::ru::dates::{SchoolYear as Sy, SchoolYearCase, YearSeparator};
use crate::types::date::PartialDate;
use crate::yaml::Node;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A school year «2021-2022»; the second year must follow the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchoolYear(pub Sy);

impl SchoolYear {
    /// «2021/2022 учебный год».
    pub fn display(&self) -> String {
        self.0
            .format(YearSeparator::Slash, SchoolYearCase::Nominative)
    }
    /// «2021-2022», as authors write it.
    pub fn key(&self) -> String {
        format!("{}-{}", self.0.first, self.0.first + 1)
    }
}

impl Serialize for SchoolYear {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

impl<'de> Deserialize<'de> for SchoolYear {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if !text.trim().chars().all(|c| c.is_ascii_digit() || c == '-') {
            return Err(de::Error::custom(format!(
                "«{text}» — не учебный год; пишите два года через дефис в кавычках, например \"2021-2022\""
            )));
        }
        Sy::parse(&text).map(SchoolYear).map_err(de::Error::custom)
    }
}

/// A time of day, «10:00», or a span of one day, «14:00–15:30». Authors
/// write times as Russians do — «14.00», «9.30», «14.00-15.30» — and the
/// page shows them one way.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Time(pub String);

impl Time {
    /// Hours and minutes of the start.
    pub fn hm(&self) -> (u32, u32) {
        hm_of(self.0.split('–').next().unwrap_or_default())
    }

    /// Hours and minutes of the end, for a span.
    pub fn end_hm(&self) -> Option<(u32, u32)> {
        self.0.split_once('–').map(|(_, end)| hm_of(end))
    }

    /// «14.00», «9:30» → «14:00», «09:30»; `None` if it is not a time.
    fn normalize(part: &str) -> Option<String> {
        let (h, m) = part.trim().split_once([':', '.'])?;
        let ok = (1..=2).contains(&h.len())
            && m.len() == 2
            && h.parse::<u32>().is_ok_and(|h| h < 24)
            && m.parse::<u32>().is_ok_and(|m| m < 60);
        ok.then(|| format!("{h:0>2}:{m}"))
    }

    pub fn parse(text: &str) -> Option<Time> {
        let parts: Vec<&str> = text.split(['–', '—', '-']).collect();
        match parts.as_slice() {
            [one] => Time::normalize(one).map(Time),
            [start, end] => Some(Time(format!(
                "{}–{}",
                Time::normalize(start)?,
                Time::normalize(end)?
            ))),
            _ => None,
        }
    }
}

fn hm_of(text: &str) -> (u32, u32) {
    let (h, m) = text.split_once(':').unwrap_or(("0", "0"));
    (h.parse().unwrap_or(0), m.parse().unwrap_or(0))
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Time::parse(&text).ok_or_else(|| {
            de::Error::custom(format!(
                "«{text}» — не время; пишите часы и минуты: \"10:00\", \"14.30\" или промежуток \"14.00–15.30\""
            ))
        })
    }
}

/// Government level of a document, an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Level {
    #[serde(rename = "федеральный")]
    Federal,
    #[serde(rename = "региональный")]
    Regional,
    #[serde(rename = "муниципальный")]
    Municipal,
    #[serde(rename = "школьный")]
    School,
}

/// A period of a plan item, a document, a practice: `{start, end, due, raw}`;
/// a single string is what the source wrote.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename = "@raw")]
pub struct Period {
    #[serde(default)]
    pub start: Option<PartialDate>,
    #[serde(default)]
    pub end: Option<PartialDate>,
    #[serde(default)]
    pub due: Option<PartialDate>,
    #[serde(default)]
    pub raw: Option<String>,
}

impl Period {
    pub fn check(&self, node: Option<&Node>, out: &mut Vec<Problem>) {
        if let (Some(s), Some(e), Some(node)) = (self.start, self.end, node) {
            if e < s {
                let pos = node.get("end").map_or(node.pos, |n| n.pos);
                out.push(Problem::error(
                    pos,
                    format!("конец периода ({e}) раньше его начала ({s})"),
                ));
            }
        }
    }
}

/// A speaker, an author, a signatory, a head: a person of the directory or
/// a name written inline; a string is a reference to a person.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename = "@person")]
pub struct Speaker {
    #[serde(default)]
    pub person: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub degree: Option<String>,
    #[serde(default)]
    pub project_role: Option<String>,
}

impl Speaker {
    pub fn check(&self, node: &Node, out: &mut Vec<Problem>) {
        if self.person.is_none() && self.name.is_none() {
            out.push(
                Problem::error(node.pos, "у докладчика нет ни «person», ни «name»")
                    .hint("укажите человека из справочника (person: id) или ФИО (name: …)"),
            );
        }
    }
}

/// A file or a bibliographic item (§1.6).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename = "@title")]
pub struct Material {
    pub title: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub file: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub pages_total: Option<u32>,
    #[serde(default)]
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A joint event of a pair, a measure of a practice; a string is its title.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename = "@title")]
pub struct Measure {
    pub title: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub end_date: Option<PartialDate>,
    #[serde(default)]
    pub date_raw: Option<String>,
    #[serde(default)]
    pub organisations: Vec<String>,
    #[serde(default)]
    pub event: Option<String>,
}

/// A talk: the event and the item of its program (number from 1, or id).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TalkRef {
    pub event: String,
    pub item: String,
}

/// Checks of the dated items of a list field (`events`, `measures`).
pub fn check_measures(list: &[Measure], node: Option<&Node>, out: &mut Vec<Problem>) {
    for (m, n) in list.iter().zip(items(node)) {
        check_range(m.date, m.end_date, n, out);
    }
}

/// «End before start» at the `end_date` of `node`.
pub fn check_range(
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    node: &Node,
    out: &mut Vec<Problem>,
) {
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            let pos = node.get("end_date").map_or(node.pos, |n| n.pos);
            out.push(Problem::error(
                pos,
                format!("дата окончания ({e}) раньше даты начала ({s})"),
            ));
        }
    }
}

/// Placeholder `#` links of materials are warned about (the seeds have 43).
pub fn check_materials(list: &[Material], node: Option<&Node>, out: &mut Vec<Problem>) {
    for (m, n) in list.iter().zip(items(node)) {
        for (field, value) in [("url", &m.url), ("file", &m.file)] {
            if value.as_deref().map(str::trim) == Some("#") {
                out.push(
                    Problem::warning(
                        n.get(field).map_or(n.pos, |v| v.pos),
                        format!("ссылка-заглушка «#» у материала «{}»", m.title),
                    )
                    .hint(
                        "укажите файл или адрес, или уберите поле — материал покажется без ссылки",
                    ),
                );
            }
        }
    }
}

/// The item nodes of a list field (a single value counts as a list of one).
pub fn items(node: Option<&Node>) -> Vec<&Node> {
    use crate::yaml::node::Value;
    match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(_) => vec![node.expect("matched Some")],
    }
}
