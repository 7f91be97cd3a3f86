//! Glossary term (`glossary_term`): an abbreviation and its expansion, with
//! variants as aliases (content model §8.4).

use super::{RefSpec, Schema};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
pub struct GlossaryTerm {
    pub term: String,
    #[serde(default)]
    pub expansion: Option<String>,
    /// `false` for ambiguous abbreviations («ДО») never expanded in texts.
    #[serde(default)]
    pub autolink: Option<bool>,
    #[serde(default)]
    pub see_also: Vec<String>,
}

impl Schema for GlossaryTerm {
    const NAME: &'static str = "glossary_term";
    const LABEL: &'static str = "Глоссарий";
    const FOLDERS: &'static [&'static str] = &["glossarii"];
    const REFS: &'static [RefSpec] = &[RefSpec {
        path: "see_also[]",
        target: "glossary_term",
        label: "in_terms",
    }];
    const SKELETON: &'static str = "expansion: \naliases: []\n";
    const ALIASES: &'static [&'static str] = &["term", "термин"];

    fn new_title(title: &str) -> String {
        super::scaffold::field("term", title)
    }

    fn names(&self) -> Vec<String> {
        vec![self.term.clone()]
    }

    fn own_title(&self) -> Option<String> {
        Some(self.term.clone())
    }
}
