//! Front-matter fields every page and section understands. Content types add
//! their own fields on top (see `also_known` in `yaml::from_node`).

use super::date::PartialDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    /// Required for plain pages; content types without a `title` field
    /// (an organisation, a person) get one from their own fields.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub updated: Option<PartialDate>,
    /// The date exactly as the source document wrote it («15.10.-31.10.2021.»).
    #[serde(default)]
    pub date_raw: Option<String>,
    /// Overrides the slug made from the file name.
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Sort key when the section sorts by weight (smaller first).
    #[serde(default)]
    pub weight: Option<i64>,
    /// A template of the theme other than the section's page template.
    #[serde(default)]
    pub template: Option<String>,
    /// Russian typography for this page; the site setting applies when absent.
    #[serde(default)]
    pub typography: Option<bool>,
    /// `false` marks a record transcribed from garbled text.
    #[serde(default = "yes")]
    pub verified: bool,
    /// Editor's notes shown on the page (e.g. conflicting sources).
    #[serde(default)]
    pub notes: Option<String>,
    /// Free fields for the theme.
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Newest first.
    #[default]
    Date,
    /// Smallest weight first.
    Weight,
    /// Alphabetical, ё sorted as е.
    Title,
    /// By the `number` field, naturally: «1.2» before «1.10».
    Number,
    /// As the files and rows come.
    None,
}

/// Headings inside a section's list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    #[default]
    None,
    /// «2021/2022 учебный год», newest first.
    SchoolYear,
    /// Calendar year, newest first.
    Year,
    /// The entry's kind («приказ», «семинар»), alphabetically.
    Kind,
    /// The month of the date («Ноябрь 2022 г.»), newest first; entries
    /// dated only to a year stand after the months of that year.
    Month,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFront {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub sort_by: SortBy,
    #[serde(default)]
    pub group_by: GroupBy,
    /// Pages per listing page; 0 lists all on one page.
    #[serde(default)]
    pub paginate_by: Option<usize>,
    #[serde(default)]
    pub template: Option<String>,
    /// The template of this section's pages.
    #[serde(default)]
    pub page_template: Option<String>,
    /// Publish an Atom feed of this section (`atom.xml`).
    #[serde(default)]
    pub feed: bool,
    /// Order among sibling sections (smaller first).
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub typography: Option<bool>,
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
}
