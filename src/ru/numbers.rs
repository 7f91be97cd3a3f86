//! Numbers in Russian notation (domain.md §5.4): decimal comma, a narrow
//! no-break space between thousands from five digits on («34 838», but
//! «3000»), the minus sign, and «%» attached to the number.

/// Narrow no-break space (U+202F), the thin space between thousands.
pub const THIN_NBSP: char = '\u{202f}';

/// Formats `x` in Russian notation. `decimals` fixes the digits after the
/// comma; `None` prints the shortest exact form (`14.5` → «14,5», `3.0` → «3»).
pub fn number_ru(x: f64, decimals: Option<usize>) -> String {
    let plain = match decimals {
        Some(d) => format!("{:.*}", d, x.abs()),
        None => format!("{}", x.abs()),
    };
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let mut out = String::with_capacity(plain.len() + 4);
    if x < 0.0 && plain.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('−');
    }
    out.push_str(&group_thousands(int));
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// «34838» → «34 838»; four-digit numbers stay whole, as Russian editors do.
pub fn group_thousands(digits: &str) -> String {
    if digits.len() < 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits.to_string();
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(THIN_NBSP);
        }
        out.push(c);
    }
    out
}

/// «14,5%»: the number with the percent sign attached, never split.
pub fn percent_ru(x: f64, decimals: Option<usize>) -> String {
    format!("{}%", number_ru(x, decimals))
}

/// Parses a number as data and authors write it: `14.5`, `14,5`, `34 838`.
pub fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(*c, ' ' | '\u{a0}' | THIN_NBSP))
        .map(|c| match c {
            ',' => '.',
            '−' | '–' => '-',
            other => other,
        })
        .collect();
    cleaned.parse().ok()
}

/// A duration for the author: «0,05 с».
pub fn seconds(d: std::time::Duration) -> String {
    format!("{:.2}\u{a0}с", d.as_secs_f64()).replace('.', ",")
}

/// «1,1 МБ», «640 КБ».
pub fn file_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    let (n, unit) = if b >= KB * KB {
        (b / KB / KB, "МБ")
    } else if b >= KB {
        (b / KB, "КБ")
    } else {
        return format!("{bytes}\u{a0}Б");
    };
    let text = if n >= 10.0 {
        format!("{n:.0}")
    } else {
        format!("{n:.1}")
    };
    format!("{}\u{a0}{unit}", text.replace('.', ","))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(x: f64, d: Option<usize>) -> String {
        number_ru(x, d).replace(THIN_NBSP, "_")
    }

    #[test]
    fn decimal_comma_and_grouping() {
        assert_eq!(n(14.5, None), "14,5");
        assert_eq!(n(99.3, None), "99,3");
        assert_eq!(n(3.0, None), "3");
        assert_eq!(n(3000.0, None), "3000");
        assert_eq!(n(34838.0, None), "34_838");
        assert_eq!(n(1234567.25, None), "1_234_567,25");
        assert_eq!(n(100000.0, None), "100_000");
        assert_eq!(n(2.0 / 3.0, Some(2)), "0,67");
        assert_eq!(n(5.0, Some(1)), "5,0");
        assert_eq!(n(-12.5, None), "−12,5");
        assert_eq!(n(-0.0001, Some(1)), "0,0");
        assert_eq!(n(0.0, None), "0");
    }

    #[test]
    fn percent_is_attached() {
        assert_eq!(percent_ru(85.0, None), "85%");
        assert_eq!(percent_ru(14.5, None), "14,5%");
        assert_eq!(percent_ru(33.333, Some(1)), "33,3%");
    }

    #[test]
    fn parses_author_numbers() {
        assert_eq!(parse_number("14,5"), Some(14.5));
        assert_eq!(parse_number("34 838"), Some(34838.0));
        assert_eq!(parse_number("40 %"), Some(40.0));
        assert_eq!(parse_number("−3"), Some(-3.0));
        assert_eq!(parse_number("около 20"), None);
    }
}
