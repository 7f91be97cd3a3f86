//! Normative document (`document`): an order, a letter, a regulation, a
//! programme… with its Russian citation line (content model §6).

use super::organisation::Organisation;
use super::shared::{self, Level, Material, Period, Speaker};
use super::{Facet, NewDate, Problem, RefSpec, Schema, TitleContext};
use crate::ru::citation::{cite_act, ActRef};
use crate::types::date::PartialDate;
use crate::types::front::PageFront;
use crate::yaml::Node;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
pub struct Document {
    /// «приказ», «письмо»…; the content model asks for it, but a plain page
    /// in the documents folder (an overview) may do without.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub level: Option<Level>,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub number_raw: Option<String>,
    #[serde(default)]
    pub number_aliases: Vec<String>,
    #[serde(default)]
    pub revision_date: Option<PartialDate>,
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub period: Option<Period>,
    #[serde(default)]
    pub signatory: Option<Speaker>,
    #[serde(default)]
    pub attachments: Vec<Material>,
    #[serde(default)]
    pub related: Vec<Related>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Status {
    #[serde(rename = "действует")]
    InForce,
    #[serde(rename = "утратил силу")]
    Repealed,
    /// In force with amendments.
    #[serde(rename = "изменён")]
    Amended,
}

impl Status {
    /// The word the registry and the page show.
    pub fn word(self) -> &'static str {
        match self {
            Status::InForce => "действует",
            Status::Repealed => "утратил силу",
            Status::Amended => "изменён",
        }
    }

    /// A Latin key for the theme's classes: `in-force`, `repealed`, `amended`.
    pub fn key(self) -> &'static str {
        match self {
            Status::InForce => "in-force",
            Status::Repealed => "repealed",
            Status::Amended => "amended",
        }
    }
}

/// A related document; a string is a reference with no stated relation.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "@document")]
pub struct Related {
    pub document: String,
    #[serde(default)]
    pub relation: Option<Relation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Relation {
    #[serde(rename = "основание")]
    Basis,
    #[serde(rename = "во исполнение")]
    Implements,
    #[serde(rename = "изменяет")]
    Amends,
    #[serde(rename = "утверждает")]
    Approves,
    #[serde(rename = "связан")]
    Related,
    /// This document repeals the one it names («признать утратившим силу»).
    #[serde(rename = "отменяет")]
    Repeals,
    /// This document replaces the one it names, which loses force.
    #[serde(rename = "заменяет")]
    Replaces,
}

impl Relation {
    /// What the relation says of the document it names: «изменяет» makes it
    /// amended, «отменяет» and «заменяет» make it repealed.
    pub fn target_status(self) -> Option<Status> {
        match self {
            Relation::Amends => Some(Status::Amended),
            Relation::Repeals | Relation::Replaces => Some(Status::Repealed),
            _ => None,
        }
    }
}

impl Document {
    /// «Приказ департамента … от 09.08.2021 № 1028 «Об утверждении…»».
    pub fn citation(&self, ctx: &dyn TitleContext, date: Option<PartialDate>) -> String {
        let issuer = self.issuer.as_deref().and_then(|i| {
            let org = ctx.entry_of("organisation", i)?;
            let org = org.as_any().downcast_ref::<Organisation>()?;
            org.genitive.clone()
        });
        let date = date.filter(|d| d.day.is_some()).map(|d| d.first_day());
        cite_act(
            &ActRef {
                kind: self.kind.as_deref().unwrap_or_default(),
                issuer: issuer.as_deref(),
                date,
                number: self.number.as_deref(),
                title: self.title.as_deref(),
            },
            true,
        )
    }
}

impl Schema for Document {
    const NAME: &'static str = "document";
    const LABEL: &'static str = "Нормативные документы";
    const FOLDERS: &'static [&'static str] = &["dokumenty"];
    const REFS: &'static [RefSpec] = &[
        RefSpec {
            path: "issuer",
            target: "organisation",
            label: "issued_documents",
        },
        RefSpec {
            path: "signatory>person",
            target: "person",
            label: "signed_documents",
        },
        RefSpec {
            path: "related[]>document",
            target: "document",
            label: "related_documents",
        },
    ];
    const MATERIALS: &'static [&'static str] = &["attachments[]"];
    const FACETS: &'static [Facet] = &[
        Facet {
            name: "level",
            label: "level",
            path: "level",
        },
        Facet {
            name: "kind",
            label: "document_kind",
            path: "kind",
        },
        Facet {
            name: "issuer",
            label: "issuer",
            path: "issuer",
        },
        Facet {
            name: "status",
            label: "status",
            // The status as shown: what the entry says, or what documents
            // that amend or repeal it say (render::typed).
            path: "status_label",
        },
        Facet {
            name: "school_year",
            label: "school_year",
            path: "school_year",
        },
    ];
    const SKELETON: &'static str = "kind: приказ\nlevel: муниципальный\n# issuer: id организации-издателя\nnumber: \"\"\nstatus: действует\nattachments: []\n";
    const ALIASES: &'static [&'static str] = &["документ", "приказ"];
    const NEW_DATE: NewDate = NewDate::Today;

    fn names(&self) -> Vec<String> {
        self.title.iter().cloned().collect()
    }

    fn linked_title(&self, ctx: &dyn TitleContext) -> Option<String> {
        // A document without a title is called by its citation line; the
        // date is not known here, so the kind, issuer and number stand.
        self.kind.as_ref().map(|_| self.citation(ctx, None))
    }

    fn computed(&self, ctx: &dyn TitleContext, front: &PageFront) -> Vec<(&'static str, String)> {
        match &self.kind {
            Some(_) => vec![("citation", self.citation(ctx, front.date))],
            None => Vec::new(),
        }
    }

    fn check(&self, node: &Node, front: &PageFront, out: &mut Vec<Problem>) {
        if self.kind.is_none() && self.title.is_none() && front.title.is_empty() {
            out.push(
                Problem::error(
                    node.pos,
                    "у документа нет ни вида («kind»), ни заголовка («title»)",
                )
                .hint("укажите хотя бы вид документа: «kind: приказ»"),
            );
        }
        if let Some(p) = &self.period {
            p.check(node.get("period"), out);
        }
        shared::check_materials(&self.attachments, node.get("attachments"), out);
        if self
            .number_aliases
            .iter()
            .any(|a| Some(a) == self.number.as_ref())
        {
            let pos = node.get("number_aliases").map_or(node.pos, |n| n.pos);
            out.push(Problem::warning(
                pos,
                "основной номер повторён среди «number_aliases»",
            ));
        }
    }
}
