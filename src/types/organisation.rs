//! Organisation (`organisation`): schools (`shkoly/`) and other bodies
//! (`organizatsii/`) — names, aliases, statuses by year, risk profiles (§8.1).

use super::shared::{self, Level, SchoolYear, Speaker};
use super::{Facet, Problem, RefSpec, Schema};
use crate::types::front::PageFront;
use crate::yaml::Node;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
pub struct Organisation {
    pub short_name: String,
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub legal_form: Option<String>,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub honorific: Option<String>,
    #[serde(default)]
    pub level: Option<Level>,
    /// The name in the genitive, for act citations.
    #[serde(default)]
    pub genitive: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub municipality: Option<String>,
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub head: Option<Speaker>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub statuses: Vec<YearStatus>,
    #[serde(default)]
    pub risk_profiles: Vec<RiskProfile>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "@number")]
pub struct Phone {
    pub number: String,
    #[serde(default)]
    pub label: Option<String>,
}

/// A school's status in a year («ШНРО в 2020-2021 по приказу № 718-ОД»).
#[derive(Debug, Deserialize, Serialize)]
pub struct YearStatus {
    #[serde(default)]
    pub school_year: Option<SchoolYear>,
    #[serde(default)]
    pub year: Option<String>,
    pub status: String,
    #[serde(default)]
    pub basis: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RiskProfile {
    #[serde(default)]
    pub school_year: Option<SchoolYear>,
    #[serde(default)]
    pub year: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub verified: Option<bool>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub factors: Vec<FactorRef>,
}

/// A factor of a profile; a string is the factor without significance.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "@factor")]
pub struct FactorRef {
    pub factor: String,
    #[serde(default)]
    pub significance: Option<Significance>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Significance {
    #[serde(rename = "высокая")]
    High,
    #[serde(rename = "средняя")]
    Medium,
    #[serde(rename = "низкая")]
    Low,
}

impl Schema for Organisation {
    const NAME: &'static str = "organisation";
    const LABEL: &'static str = "Организации";
    const FOLDERS: &'static [&'static str] = &["shkoly", "organizatsii"];
    const REFS: &'static [RefSpec] = &[
        RefSpec {
            path: "parent",
            target: "organisation",
            label: "units",
        },
        RefSpec {
            path: "head>person",
            target: "person",
            label: "heads",
        },
        RefSpec {
            path: "statuses[].basis[]",
            target: "document",
            label: "statuses_by_document",
        },
        RefSpec {
            path: "risk_profiles[].factors[]>factor",
            target: "risk_factor",
            label: "schools_with_factor",
        },
    ];
    const FACETS: &'static [Facet] = &[];
    const SKELETON: &'static str = "kind: школа\nlegal_form: МБОУ\nmunicipality: \naliases: []\n";
    const ALIASES: &'static [&'static str] = &["school", "школа", "организация"];

    fn new_title(title: &str) -> String {
        super::scaffold::field("short_name", title)
    }

    fn names(&self) -> Vec<String> {
        std::iter::once(self.short_name.clone())
            .chain(self.full_name.clone())
            .collect()
    }

    fn own_title(&self) -> Option<String> {
        Some(self.short_name.clone())
    }

    fn check(&self, node: &Node, _front: &PageFront, out: &mut Vec<Problem>) {
        for (profile, n) in self
            .risk_profiles
            .iter()
            .zip(shared::items(node.get("risk_profiles")))
        {
            if profile.verified == Some(false) {
                let pos = n.get("verified").map_or(n.pos, |v| v.pos);
                out.push(
                    Problem::note(
                        pos,
                        "рисковый профиль не сверен с источником (verified: false)",
                    )
                    .hint("профиль выйдет с пометкой «Сведения не проверены»"),
                );
            }
        }
    }
}
