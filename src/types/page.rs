//! The plain page (`page`): any folder that is not a collection.

use super::Schema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
pub struct Page {
    pub title: String,
}

impl Schema for Page {
    const NAME: &'static str = "page";
    const LABEL: &'static str = "Страницы";
}
