//! Practice (`practice`): an entry of the bank of good practice — a school,
//! curator, municipal or regional practice, an antirisk programme (§5).

use super::shared::{self, Material, Measure, Period, Speaker, TalkRef};
use super::{Facet, NewDate, Problem, RefSpec, Schema};
use crate::types::front::PageFront;
use crate::yaml::Node;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
pub struct Practice {
    pub title: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub level: Option<PracticeLevel>,
    #[serde(default)]
    pub schools: Vec<String>,
    #[serde(default)]
    pub authors: Vec<Speaker>,
    #[serde(default)]
    pub pairs: Vec<String>,
    #[serde(default)]
    pub risk_factors: Vec<String>,
    #[serde(default)]
    pub target_groups: Vec<String>,
    #[serde(default)]
    pub subjects: Vec<String>,
    #[serde(default)]
    pub education_levels: Vec<EducationLevel>,
    #[serde(default)]
    pub period: Option<Period>,
    #[serde(default)]
    pub goal: Option<String>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub indicators: Vec<String>,
    #[serde(default)]
    pub results: Vec<String>,
    #[serde(default)]
    pub materials: Vec<Material>,
    #[serde(default)]
    pub presented_at: Vec<TalkRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum PracticeLevel {
    #[serde(rename = "школьная")]
    School,
    #[serde(rename = "кураторская")]
    Curator,
    #[serde(rename = "муниципальная")]
    Municipal,
    #[serde(rename = "региональная")]
    Regional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum EducationLevel {
    #[serde(rename = "НОО")]
    Noo,
    #[serde(rename = "ООО")]
    Ooo,
    #[serde(rename = "СОО")]
    Soo,
    #[serde(rename = "ДО")]
    Do,
}

impl Schema for Practice {
    const NAME: &'static str = "practice";
    const LABEL: &'static str = "Практики";
    const FOLDERS: &'static [&'static str] = &["praktiki"];
    const REFS: &'static [RefSpec] = &[
        RefSpec {
            path: "schools[]",
            target: "organisation",
            label: "practices",
        },
        RefSpec {
            path: "authors[]>person",
            target: "person",
            label: "authored_practices",
        },
        RefSpec {
            path: "authors[].organisation",
            target: "organisation",
            label: "practices",
        },
        RefSpec {
            path: "pairs[]",
            target: "pair",
            label: "pair_practices",
        },
        RefSpec {
            path: "risk_factors[]",
            target: "risk_factor",
            label: "practices_with_factor",
        },
        RefSpec {
            path: "measures[].organisations[]",
            target: "organisation",
            label: "practice_measures",
        },
        RefSpec {
            path: "measures[].event",
            target: "event",
            label: "event_practices",
        },
    ];
    const MATERIALS: &'static [&'static str] = &["materials[]"];
    const TALKS: &'static [&'static str] = &["presented_at[]"];
    const FACETS: &'static [Facet] = &[
        Facet {
            name: "level",
            label: "level",
            path: "level",
        },
        Facet {
            name: "kind",
            label: "practice_kind",
            path: "kind",
        },
        Facet {
            name: "risk_factors",
            label: "risk_factors",
            path: "risk_factors[]",
        },
        Facet {
            name: "target_groups",
            label: "target_groups",
            path: "target_groups[]",
        },
        Facet {
            name: "education_levels",
            label: "education_levels",
            path: "education_levels[]",
        },
        Facet {
            name: "schools",
            label: "schools",
            path: "schools[]",
        },
        Facet {
            name: "school_year",
            label: "school_year",
            path: "school_year",
        },
    ];
    const SKELETON: &'static str = "kind: практика\nlevel: школьная\nschool_year: \"{school_year}\"\n# schools: [id школы]\n# risk_factors: [id фактора риска]\ntarget_groups: [педагоги]\ngoal: \nmeasures: []\nresults: []\n";
    const ALIASES: &'static [&'static str] = &["практика"];
    const NEW_DATE: NewDate = NewDate::Today;

    fn check(&self, node: &Node, _front: &PageFront, out: &mut Vec<Problem>) {
        if let Some(p) = &self.period {
            p.check(node.get("period"), out);
        }
        shared::check_measures(&self.measures, node.get("measures"), out);
        shared::check_materials(&self.materials, node.get("materials"), out);
        for (s, n) in self.authors.iter().zip(shared::items(node.get("authors"))) {
            s.check(n, out);
        }
    }
}
