//! Information about a municipal education body (управление, департамент
//! образования), as 8-ФЗ «Об обеспечении доступа к информации о
//! деятельности государственных органов и органов местного
//! самоуправления», ст. 13, ч. 1 lists it for a local-government body's
//! site: one entry per page of `/deiatelnost/` — general information
//! (п. 1), rule-making (п. 2), statistics (п. 7), personnel (п. 8) and
//! citizens' appeals (п. 9). A site of `kind = "municipal_body"` must carry
//! them instead of `/sveden/`; what is mandatory is in [`rules`]. Documents
//! are the same [`Link`]s as in `sveden`, so an act is entered once in the
//! registry and referred to here.

pub mod rules;

use super::front::PageFront;
use super::sveden::Link;
use super::{Problem, RefSpec, Schema};
use crate::yaml::Node;
use serde::{Deserialize, Serialize};

/// A page's entry; each field belongs to one page ([`rules::FIELDS`]).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Municipal {
    /// The page ([`rules::IDS`]).
    #[serde(default)]
    pub id: Option<String>,
    // obshchaia-informatsiia — п. 1
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub short_name: Option<String>,
    /// Postal address.
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    /// Phones of the reference service.
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub work_time: Option<String>,
    #[serde(default)]
    pub structure: Vec<Unit>,
    /// The act that approves the structure.
    #[serde(default)]
    pub structure_act: Option<Link>,
    #[serde(default)]
    pub powers: Option<String>,
    /// Laws and other acts that set the powers.
    #[serde(default)]
    pub powers_acts: Vec<Link>,
    /// Subordinate organisations (подведомственные).
    #[serde(default)]
    pub subordinate: Vec<Subordinate>,
    /// Heads of the body, its units and subordinate organisations.
    #[serde(default)]
    pub heads: Vec<Head>,
    /// Information systems, data banks, registers.
    #[serde(default)]
    pub info_systems: Option<String>,
    /// Mass media the body founded.
    #[serde(default)]
    pub media: Option<String>,
    /// Surveys, public hearings and how to send proposals.
    #[serde(default)]
    pub public_opinion: Option<String>,
    // normotvorchestvo — п. 2
    #[serde(default)]
    pub acts: Vec<Link>,
    #[serde(default)]
    pub drafts: Vec<Link>,
    #[serde(default)]
    pub procurement: Option<Link>,
    /// Administrative regulations, standards of municipal services.
    #[serde(default)]
    pub regulations: Vec<Link>,
    /// Forms of appeals and applications.
    #[serde(default)]
    pub forms: Vec<Link>,
    /// How municipal acts are challenged.
    #[serde(default)]
    pub appeal_procedure: Option<String>,
    // statistika — п. 7
    #[serde(default)]
    pub statistics: Vec<Link>,
    #[serde(default)]
    pub budget_use: Vec<Link>,
    #[serde(default)]
    pub benefits: Option<String>,
    // kadry — п. 8
    /// How citizens enter the municipal service.
    #[serde(default)]
    pub service_entry: Option<String>,
    #[serde(default)]
    pub vacancies: Vec<Vacancy>,
    #[serde(default)]
    pub requirements: Option<String>,
    /// Terms and results of competitions for vacant posts.
    #[serde(default)]
    pub competitions: Vec<Link>,
    /// Phones for questions about vacant posts.
    #[serde(default)]
    pub hr_phones: Vec<String>,
    // obrashcheniia — п. 9
    /// Order and hours of receiving citizens, how appeals are considered.
    #[serde(default)]
    pub reception: Option<String>,
    /// The acts that govern it.
    #[serde(default)]
    pub appeal_acts: Vec<Link>,
    /// The official in charge of appeals.
    #[serde(default)]
    pub responsible: Vec<Head>,
    /// Reviews of appeals and the results of considering them.
    #[serde(default)]
    pub reviews: Vec<Link>,
}

/// A structural unit; a string is its name.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@name")]
pub struct Unit {
    pub name: String,
    /// Its tasks and functions.
    #[serde(default)]
    pub functions: Option<String>,
    /// The head's full name.
    #[serde(default)]
    pub fio: Option<String>,
    #[serde(default)]
    pub post: Option<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
}

/// A subordinate organisation; a string is its name.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@name")]
pub struct Subordinate {
    pub name: String,
    #[serde(default)]
    pub functions: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub website: Option<String>,
    /// Its official pages in social networks.
    #[serde(default)]
    pub social: Vec<String>,
}

/// A head or an official; a string is the full name.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@fio")]
pub struct Head {
    pub fio: String,
    #[serde(default)]
    pub post: Option<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
}

/// A vacant post of the municipal service; a string is the post.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "@post")]
pub struct Vacancy {
    pub post: String,
    /// The unit it belongs to.
    #[serde(default)]
    pub unit: Option<String>,
    /// Until when applications are taken.
    #[serde(default)]
    pub until: Option<String>,
}

super::official::link_paths![
    "municipal":
    "structure_act",
    "powers_acts[]",
    "acts[]",
    "drafts[]",
    "procurement",
    "regulations[]",
    "forms[]",
    "statistics[]",
    "budget_use[]",
    "competitions[]",
    "appeal_acts[]",
    "reviews[]",
];

impl Schema for Municipal {
    const NAME: &'static str = "municipal";
    const LABEL: &'static str = "Информация о деятельности органа местного самоуправления";
    const FOLDERS: &'static [&'static str] = &["deiatelnost"];
    const REFS: &'static [RefSpec] = LINK_REFS;
    const MATERIALS: &'static [&'static str] = LINK_PATHS;
    const FIXED_SLUGS: &'static [&'static str] = rules::IDS;
    const ALIASES: &'static [&'static str] = &["8-фз", "деятельность"];

    fn new_title(title: &str) -> String {
        super::scaffold::field("id", title)
    }

    fn own_title(&self) -> Option<String> {
        rules::SECTION.title(self.id.as_deref())
    }

    fn check(&self, node: &Node, _front: &PageFront, out: &mut Vec<Problem>) {
        rules::SECTION.check_entry(node, out);
    }

    fn computed(
        &self,
        _ctx: &dyn super::TitleContext,
        front: &PageFront,
    ) -> Vec<(&'static str, String)> {
        rules::SECTION.computed(self.id.as_deref(), front)
    }
}
