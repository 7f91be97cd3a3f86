//! Plan, roadmap (`plan`): numbered items with a period, executors and an
//! expected result, optionally in stages (content model §7).

use super::shared::Period;
use super::{NewDate, Problem, RefSpec, Schema};
use crate::types::front::PageFront;
use crate::yaml::Node;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
pub struct Plan {
    pub title: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub period: Option<Period>,
    #[serde(default)]
    pub basis: Vec<String>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub items: Vec<Item>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct Stage {
    #[serde(default)]
    pub number: Option<String>,
    pub title: String,
    #[serde(default)]
    pub items: Vec<Item>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct Item {
    #[serde(default)]
    pub number: Option<String>,
    pub activity: String,
    #[serde(default)]
    pub period: Option<Period>,
    #[serde(default)]
    pub executors: Vec<String>,
    #[serde(default)]
    pub organisations: Vec<String>,
    #[serde(default)]
    pub result: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub events: Vec<String>,
    #[serde(default)]
    pub documents: Vec<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

const ITEM_REFS: &[RefSpec] = &[
    RefSpec {
        path: "items[activity].organisations[]",
        target: "organisation",
        label: "plan_executor",
    },
    RefSpec {
        path: "items[activity].events[]",
        target: "event",
        label: "plan_items",
    },
    RefSpec {
        path: "items[activity].documents[]",
        target: "document",
        label: "plan_items",
    },
    RefSpec {
        path: "stages[].items[activity].organisations[]",
        target: "organisation",
        label: "plan_executor",
    },
    RefSpec {
        path: "stages[].items[activity].events[]",
        target: "event",
        label: "plan_items",
    },
    RefSpec {
        path: "stages[].items[activity].documents[]",
        target: "document",
        label: "plan_items",
    },
    RefSpec {
        path: "owner",
        target: "organisation",
        label: "plans",
    },
    RefSpec {
        path: "basis[]",
        target: "document",
        label: "approved_plans",
    },
];

impl Schema for Plan {
    const NAME: &'static str = "plan";
    const LABEL: &'static str = "Планы и дорожные карты";
    const FOLDERS: &'static [&'static str] = &["dorozhnaia-karta"];
    const REFS: &'static [RefSpec] = ITEM_REFS;
    const SKELETON: &'static str = "kind: дорожная карта\nyear: \"{year}\"\nitems:\n  - number: \"1\"\n    activity: Мероприятие\n    period: {raw: \"В течение года\"}\n    executors: []\n";
    const ALIASES: &'static [&'static str] = &["план"];
    const NEW_DATE: NewDate = NewDate::Today;

    fn check(&self, node: &Node, _front: &PageFront, out: &mut Vec<Problem>) {
        if let Some(p) = &self.period {
            p.check(node.get("period"), out);
        }
        let mut lists: Vec<(&[Item], Option<&Node>)> = vec![(&self.items, node.get("items"))];
        for (stage, n) in self
            .stages
            .iter()
            .zip(super::shared::items(node.get("stages")))
        {
            lists.push((&stage.items, n.get("items")));
        }
        let mut seen: Vec<&str> = Vec::new();
        for (items, n) in lists {
            for (item, inode) in items.iter().zip(super::shared::items(n)) {
                if let Some(p) = &item.period {
                    p.check(inode.get("period"), out);
                }
                if let Some(num) = item.number.as_deref() {
                    if seen.contains(&num) {
                        let pos = inode.get("number").map_or(inode.pos, |v| v.pos);
                        out.push(Problem::warning(
                            pos,
                            format!("пункт № {num} встречается в плане дважды"),
                        ));
                    }
                    seen.push(num);
                }
            }
        }
    }
}
