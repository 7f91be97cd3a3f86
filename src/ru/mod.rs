//! The Russian language layer: everything that makes generated text read as
//! written by a careful Russian editor.

pub mod citation;
pub mod collate;
pub mod dates;
pub mod filters;
pub mod numbers;
pub mod plural;
pub mod slug;
pub mod typography;

/// The text with its first letter in upper case: «семинар» → «Семинар».
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
