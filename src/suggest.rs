//! «Возможно, вы имели в виду …?» suggestions by edit distance.

/// The closest candidate to `word`, phrased as a Russian hint, if any is close
/// enough to be a likely typo (distance at most a third of the word, min. 1).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("возможно, вы имели в виду «{c}»?"))
}

/// The closest candidate to `word` within a typo's distance.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("dat", ["date", "title", "draft"]).as_deref(),
            Some("возможно, вы имели в виду «date»?")
        );
        assert_eq!(closest("titel", ["date", "title"]), Some("title"));
        assert_eq!(closest("speakers", ["date", "title"]), None);
    }
}
