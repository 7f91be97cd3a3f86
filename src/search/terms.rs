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
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold`] into a reused buffer (the index folds every word of the site).
pub fn fold_into(word: &str, out: &mut String) {
    for c in word.chars() {
        match c {
            '\u{300}' | '\u{301}' => {}
            'ё' | 'Ё' | 'Е' => out.push('е'),
            'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            'а'..='я' | 'a'..='z' | '0'..='9' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            _ => out.extend(c.to_lowercase()),
        }
    }
}

/// Maximal runs of letters and digits (the browser splits on
/// `[^\p{L}\p{N}]`). Characters outside the Basic Multilingual Plane split
/// words so that JavaScript string lengths equal Rust char counts.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// A letter, a digit or a stress mark, with a fast path for ASCII and
/// Cyrillic (std's Unicode lookup costs ~50 ns a character).
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => true,
        '\u{300}' | '\u{301}' => true,
        '\0'..='\u{7f}' | '\u{2000}'..='\u{206f}' | '\u{10000}'.. => false,
        _ => c.is_alphanumeric(),
    }
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
        assert_eq!(fold("ЁЛКА Über ΣΑ"), "елка über σα");
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
