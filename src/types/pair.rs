//! Partner pair (`pair`): a curator pair, a network partnership, a mutual
//! expertise or a mentoring scheme of two or more schools (content model §4).

use super::shared::{self, Measure, TalkRef};
use super::{Facet, Problem, RefSpec, Schema, TitleContext};
use crate::types::front::PageFront;
use crate::yaml::Node;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
pub struct Pair {
    #[serde(default)]
    pub title: Option<String>,
    pub kind: PairKind,
    pub members: Vec<Member>,
    #[serde(default)]
    pub curators: Vec<String>,
    #[serde(default)]
    pub basis: Vec<String>,
    #[serde(default)]
    pub agreement: Option<String>,
    #[serde(default)]
    pub criteria: Vec<String>,
    #[serde(default)]
    pub forms: Vec<String>,
    #[serde(default)]
    pub events: Vec<Measure>,
    #[serde(default)]
    pub results: Vec<String>,
    #[serde(default)]
    pub risk_factors: Vec<String>,
    #[serde(default)]
    pub presented_at: Vec<TalkRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum PairKind {
    #[serde(rename = "кураторская пара")]
    Curator,
    #[serde(rename = "сетевое партнёрство", alias = "сетевое партнерство")]
    Network,
    #[serde(rename = "взаимоэкспертиза")]
    MutualExpertise,
    #[serde(rename = "наставничество")]
    Mentoring,
}

/// A member school; a string is a reference to the organisation.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "@organisation")]
pub struct Member {
    pub organisation: String,
    #[serde(default)]
    pub role: Option<Role>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Role {
    #[serde(rename = "ШНОР")]
    Shnor,
    #[serde(rename = "ШНРО")]
    Shnro,
    #[serde(rename = "школа-партнёр", alias = "школа-партнер")]
    Partner,
    #[serde(rename = "школа куратора")]
    CuratorSchool,
    #[serde(rename = "школа-наставник")]
    Mentor,
    #[serde(rename = "участник")]
    Participant,
}

impl Schema for Pair {
    const NAME: &'static str = "pair";
    const LABEL: &'static str = "Межшкольные пары";
    const FOLDERS: &'static [&'static str] = &["partnerstvo"];
    const REFS: &'static [RefSpec] = &[
        RefSpec {
            path: "members[]>organisation",
            target: "organisation",
            label: "pairs",
        },
        RefSpec {
            path: "curators[]",
            target: "person",
            label: "curated_pairs",
        },
        RefSpec {
            path: "basis[]",
            target: "document",
            label: "pairs_basis",
        },
        RefSpec {
            path: "risk_factors[]",
            target: "risk_factor",
            label: "pairs_with_factor",
        },
        RefSpec {
            path: "events[].organisations[]",
            target: "organisation",
            label: "pair_events",
        },
        RefSpec {
            path: "events[].event",
            target: "event",
            label: "pair_events",
        },
    ];
    const TALKS: &'static [&'static str] = &["presented_at[]"];
    const FACETS: &'static [Facet] = &[];
    const SKELETON: &'static str = "kind: кураторская пара\nschool_year: \"{school_year}\"\n# Участники — id школ из справочника shkoly/:\n# members:\n#   - {organisation: mbou-sh-9, role: ШНОР}\n#   - {organisation: mbou-sh-33, role: школа куратора}\nmembers: []\n";
    const ALIASES: &'static [&'static str] = &["пара"];

    fn linked_title(&self, ctx: &dyn TitleContext) -> Option<String> {
        let names: Vec<String> = self
            .members
            .iter()
            .map(|m| {
                ctx.title_of("organisation", &m.organisation)
                    .unwrap_or_else(|| m.organisation.clone())
            })
            .collect();
        Some(names.join(" — "))
    }

    fn check(&self, node: &Node, _front: &PageFront, out: &mut Vec<Problem>) {
        if self.members.is_empty() {
            let pos = node.get("members").map_or(node.pos, |n| n.pos);
            out.push(
                Problem::warning(pos, "в паре пока нет ни одного участника")
                    .hint("перечислите школы в «members»"),
            );
        }
        shared::check_measures(&self.events, node.get("events"), out);
    }
}
