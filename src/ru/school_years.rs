//! One spelling of school years site-wide (domain.md §5.2): authors write
//! «2020-2021», «2020 – 2021» or «2021/2022»; the typographer turns the first
//! two into number ranges. A pair of consecutive years that is not a span of
//! calendar years («на 2021–2022 годы») is a school year, and reads as
//! [`SchoolYear`](super::dates::SchoolYear) displays one: «2021/2022».

use super::typography::{NBSP, NNBSP};
use std::borrow::Cow;

/// The text with every school year spelt «2021/2022».
pub fn unify(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i + 4 <= b.len() {
        if !starts_year(b, i) {
            i += 1;
            continue;
        }
        match second_year(text, i) {
            Some((second, end)) => {
                let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
                o.push_str(&text[copied..i + 4]);
                o.push('/');
                o.push_str(&text[second..second + 4]);
                copied = end;
                i = end;
            }
            None => i += 4,
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&text[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(text),
    }
}

/// Four digits at `i`, not inside a longer number, word or slug.
fn starts_year(b: &[u8], i: usize) -> bool {
    b[i..i + 4].iter().all(u8::is_ascii_digit)
        && (i == 0
            || !(b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'-' | b'/' | b'_' | b'.')))
}

/// The start and end of the year after the one at `i` when they form a
/// school year: joined by a hyphen, a dash or a slash, the second one more
/// than the first, and not followed by «г.», «гг.», «годы».
fn second_year(text: &str, i: usize) -> Option<(usize, usize)> {
    let first: u32 = text[i..i + 4].parse().ok()?;
    let rest = &text[i + 4..];
    let trimmed = rest.trim_start_matches([' ', NBSP, NNBSP]);
    let sep = trimmed
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '–' | '—' | '/'))?;
    let after = trimmed[sep.len_utf8()..].trim_start_matches([' ', NBSP, NNBSP]);
    let second = text.len() - after.len();
    let digits = after.as_bytes().get(..4)?;
    if !digits.iter().all(u8::is_ascii_digit)
        || after.as_bytes().get(4).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    if after[..4].parse::<u32>().ok()? != first + 1 {
        return None;
    }
    let tail = after[4..].trim_start_matches([' ', NBSP, NNBSP]);
    if tail.starts_with('г') {
        return None;
    }
    Some((second, second + 4))
}

#[cfg(test)]
mod tests {
    use super::unify;

    #[test]
    fn every_spelling_reads_with_a_slash() {
        assert_eq!(
            unify("в 2020-2021 учебном году"),
            "в 2020/2021 учебном году"
        );
        assert_eq!(
            unify("на 2021–2022\u{a0}учебный год"),
            "на 2021/2022\u{a0}учебный год"
        );
        assert_eq!(unify("2017 – 2018 уч. г."), "2017/2018 уч. г.");
        assert_eq!(unify("(2020-2021), 2021/2022"), "(2020/2021), 2021/2022");
    }

    #[test]
    fn calendar_spans_and_other_numbers_stay() {
        for s in [
            "на 2021–2026 годы",
            "на 2021–2022\u{a0}годы",
            "в 2020-2021 гг.",
            "kurator-2020-2021",
            "12020-2021",
            "2020-20211",
            "2021-09-01",
            "без лет",
        ] {
            assert_eq!(unify(s), s);
        }
    }
}
