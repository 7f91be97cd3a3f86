//! The plain page (`page`): any folder that is not a collection.

use super::{NewDate, Schema};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
pub struct Page {
    pub title: String,
}

impl Schema for Page {
    const NAME: &'static str = "page";
    const ALIASES: &'static [&'static str] = &["страница"];
    const NEW_DATE: NewDate = NewDate::Today;
    const LABEL: &'static str = "Страницы";
}
