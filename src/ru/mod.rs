//! The Russian language layer: everything that makes generated text read as
//! written by a careful Russian editor.

pub mod citation;
pub mod collate;
pub mod dates;
pub mod filters;
pub mod numbers;
pub mod plural;
pub mod school_years;
pub mod slug;
pub mod typography;

/// Author text as a page shows it: Russian typography, then school years in
/// their one spelling (both off with `typography: false`). Every string of
/// front matter and data reaches the output through this once.
pub fn typeset(text: &str, cfg: &typography::TypographyConfig) -> String {
    let out = typography::typograph(text, cfg).output;
    if !cfg.enabled {
        return out;
    }
    match school_years::unify(&out) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(o) => o,
    }
}

/// The text with its first letter in upper case: «семинар» → «Семинар».
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
