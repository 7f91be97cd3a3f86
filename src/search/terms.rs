//! Words as the search index sees them: tokens of letters and digits,
//! lower-cased with ё folded to е (authors write both «партнёр» and
//! «партнер»), Russian words reduced to their Snowball stem.
//!
//! The stemmer is `rust-stemmers`, the crate tantivy uses: it is generated
//! from the Snowball sources, covers Russian, is pure Rust with no build
//! step, and has millions of downloads. `waken_snowball` (0.1) is too new to
//! rely on, `stemmer` (0.3) wraps the C library, and `tantivy-stemmers` is a
//! tantivy plug-in; none offers more for Russian.

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to search for; the browser gets the same list.
pub const STOP_WORDS: &[&str] = &[
    "а", "без", "бы", "в", "во", "да", "для", "до", "же", "за", "и", "из", "или", "к", "ко", "ли",
    "на", "над", "не", "ни", "но", "о", "об", "от", "по", "под", "при", "про", "с", "со", "у",
    "что", "как", "это", "то", "так",
];

/// Lower case, ё → е, stress marks dropped; the browser folds the same way.
pub fn fold(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, '\u{300}' | '\u{301}'))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// Maximal runs of letters and digits (the browser splits on
/// `[^\p{L}\p{N}]`). Characters outside the Basic Multilingual Plane split
/// words so that JavaScript string lengths equal Rust char counts.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| {
        !(c.is_alphanumeric() || matches!(c, '\u{300}' | '\u{301}')) || c > '\u{ffff}'
    })
    .filter(|w| !w.is_empty())
}

/// Turns folded words into index terms.
pub struct Stems {
    russian: Stemmer,
}

impl Default for Stems {
    fn default() -> Self {
        Stems {
            russian: Stemmer::create(Algorithm::Russian),
        }
    }
}

impl Stems {
    /// The term of a folded word: its Snowball stem if it is Cyrillic, the
    /// word itself otherwise (numbers, Latin names such as «FIOCO»).
    pub fn stem(&self, folded: &str) -> String {
        if folded.chars().any(|c| matches!(c, 'а'..='я')) {
            self.russian.stem(folded).into_owned()
        } else {
            folded.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_words() {
        assert_eq!(fold("Партнёрство"), "партнерство");
        assert_eq!(fold("уда\u{301}рение"), "ударение");
        let w: Vec<_> = words("СШ № 27, школа-партнёр (ИС МЭДК 2.0)").collect();
        assert_eq!(w, ["СШ", "27", "школа", "партнёр", "ИС", "МЭДК", "2", "0"]);
    }

    #[test]
    fn word_forms_share_a_stem() {
        let s = Stems::default();
        let stem = |w: &str| s.stem(&fold(w));
        assert_eq!(stem("партнерство"), stem("партнёрства"));
        assert_eq!(stem("партнерство"), stem("партнёрством"));
        assert_eq!(stem("школы"), stem("школ"));
        assert_eq!(stem("школа"), stem("школами"));
        assert_eq!(stem("FIOCO"), "fioco");
        assert_eq!(stem("2022"), "2022");
    }
}
