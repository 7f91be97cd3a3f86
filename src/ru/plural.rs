//! Russian plural forms by the CLDR rule (domain.md §5.5): «1 школа»,
//! «2 школы», «5 школ», «21 школа», «11 школ», «1,5 школы». The rule is four
//! lines of arithmetic, so no ICU-sized crate is pulled in for it.

use super::numbers::number_ru;
use super::typography::NBSP;

/// CLDR plural categories of Russian.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralCategory {
    One,
    Few,
    Many,
    /// Fractions: take the genitive singular, which equals the «few» form.
    Other,
}

/// The category of an integer count.
pub fn category_int(n: u64) -> PluralCategory {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => PluralCategory::One,
        (2..=4, r) if !(12..=14).contains(&r) => PluralCategory::Few,
        _ => PluralCategory::Many,
    }
}

/// The category of any count; negative counts follow their absolute value.
pub fn category(n: f64) -> PluralCategory {
    let abs = n.abs();
    if abs.fract() != 0.0 || !abs.is_finite() {
        PluralCategory::Other
    } else {
        category_int(abs as u64)
    }
}

/// The noun form for `n` out of the three dictionary forms.
pub fn plural_form<'a>(n: f64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    match category(n) {
        PluralCategory::One => one,
        PluralCategory::Few | PluralCategory::Other => few,
        PluralCategory::Many => many,
    }
}

/// «21 школа»: the number in Russian notation, a no-break space, the form.
pub fn plural_ru(n: f64, one: &str, few: &str, many: &str) -> String {
    format!(
        "{}{NBSP}{}",
        number_ru(n, None),
        plural_form(n, one, few, many)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CLDR rule restated over decimal digits, to check the arithmetic.
    fn by_digits(n: u64) -> PluralCategory {
        let s = n.to_string();
        let last = s.chars().last().unwrap();
        let tens = s.chars().rev().nth(1);
        if tens == Some('1') {
            PluralCategory::Many
        } else if last == '1' {
            PluralCategory::One
        } else if ('2'..='4').contains(&last) {
            PluralCategory::Few
        } else {
            PluralCategory::Many
        }
    }

    #[test]
    fn zero_to_two_hundred_follow_the_rule() {
        for n in 0..=200 {
            assert_eq!(category_int(n), by_digits(n), "{n}");
        }
        for n in [1000, 1001, 1011, 1012, 1022, 3000, 100_000_001] {
            assert_eq!(category_int(n), by_digits(n), "{n}");
        }
    }

    #[test]
    fn domain_examples() {
        let school = |n| plural_ru(n, "школа", "школы", "школ").replace(NBSP, " ");
        assert_eq!(school(0.0), "0 школ");
        assert_eq!(school(1.0), "1 школа");
        assert_eq!(school(2.0), "2 школы");
        assert_eq!(school(5.0), "5 школ");
        assert_eq!(school(11.0), "11 школ");
        assert_eq!(school(12.0), "12 школ");
        assert_eq!(school(14.0), "14 школ");
        assert_eq!(school(21.0), "21 школа");
        assert_eq!(school(47.0), "47 школ");
        assert_eq!(school(101.0), "101 школа");
        assert_eq!(school(111.0), "111 школ");
        assert_eq!(school(3000.0), "3000 школ");
        assert_eq!(school(1.5), "1,5 школы");
        assert_eq!(school(-1.0), "−1 школа");
        assert_eq!(
            plural_form(33.0, "регион", "региона", "регионов"),
            "региона"
        );
        assert_eq!(
            plural_form(17.0, "регион", "региона", "регионов"),
            "регионов"
        );
        assert_eq!(
            plural_ru(22.0, "мероприятие", "мероприятия", "мероприятий"),
            "22\u{a0}мероприятия"
        );
    }
}
