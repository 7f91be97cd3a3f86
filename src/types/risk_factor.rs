//! Risk factor (`risk_factor`): one factor of the «500+» risk profiles,
//! keyed by its id, never by its number in a list (content model §8.3).

use super::{RefSpec, Schema};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
pub struct RiskFactor {
    pub title: String,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "@title")]
pub struct Parameter {
    pub title: String,
    #[serde(default)]
    pub unit: Option<String>,
}

impl Schema for RiskFactor {
    const NAME: &'static str = "risk_factor";
    const LABEL: &'static str = "Факторы риска";
    const FOLDERS: &'static [&'static str] = &["riski"];
    const REFS: &'static [RefSpec] = &[];
    const SKELETON: &'static str = "parameters:\n  - {title: Параметр анализа, unit: балл}\n";
    const ALIASES: &'static [&'static str] = &["фактор"];

    fn names(&self) -> Vec<String> {
        vec![self.title.clone()]
    }
}
