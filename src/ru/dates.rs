//! Dates and school years in Russian (domain.md §5.1–5.2): «17 ноября
//! 2022 г.» per ГОСТ Р 7.0.97‑2016 with the month in the genitive,
//! «17.11.2022» without «г.», «ноябрь 2022 г.», ranges, weekdays and
//! «2021/2022 учебный год» in the cases Russian sentences need. chrono
//! has no Russian locale without pulling in the whole of `pure-rust-locales`
//! through `unstable-locales`, and it still would not decline months or know
//! school years, so the word lists live here.

use super::typography::NBSP;
use chrono::{Datelike, NaiveDate};
use std::fmt;

const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_NOMINATIVE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
const MONTHS_PREPOSITIONAL: [&str; 12] = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
];
const WEEKDAYS: [&str; 7] = [
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
];
const WEEKDAYS_SHORT: [&str; 7] = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"];

/// «17 ноября 2022 г.» (no-break spaces keep the day with the month and the
/// year with «г.»).
pub fn date_ru(d: NaiveDate) -> String {
    format!("{} {}", day_month(d), year_g(d.year()))
}

/// «17.11.2022»: zero-padded, and no «г.» in the numeric form.
pub fn date_numeric(d: NaiveDate) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

/// The grammatical case of a month name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthCase {
    /// «ноябрь 2022 г.»
    Nominative,
    /// «ноября 2022 г.» (after «до», «с»)
    Genitive,
    /// «ноябре 2022 г.» (after «в»)
    Prepositional,
}

/// A month with its year: «ноябрь 2022 г.», «(в) ноябре 2022 г.».
pub fn month_ru(year: i32, month: u32, case: MonthCase) -> String {
    let names = match case {
        MonthCase::Nominative => &MONTHS_NOMINATIVE,
        MonthCase::Genitive => &MONTHS_GENITIVE,
        MonthCase::Prepositional => &MONTHS_PREPOSITIONAL,
    };
    let index = month.clamp(1, 12) as usize - 1;
    format!("{} {}", names[index], year_g(year))
}

/// A range of days: «15–31 октября 2021 г.» within a month,
/// «с 28 ноября по 5 декабря 2021 г.» within a year,
/// «с 28 декабря 2021 г. по 15 января 2022 г.» across years.
pub fn date_range_ru(from: NaiveDate, to: NaiveDate) -> String {
    let (from, to) = if from <= to { (from, to) } else { (to, from) };
    if from == to {
        date_ru(from)
    } else if (from.year(), from.month()) == (to.year(), to.month()) {
        format!("{}–{}", from.day(), date_ru(to))
    } else if from.year() == to.year() {
        format!("с{NBSP}{} по{NBSP}{}", day_month(from), date_ru(to))
    } else {
        format!("с{NBSP}{} по{NBSP}{}", date_ru(from), date_ru(to))
    }
}

/// «понедельник» … «воскресенье», or «пн» … «вс».
pub fn weekday_ru(d: NaiveDate, short: bool) -> &'static str {
    let i = d.weekday().num_days_from_monday() as usize;
    if short {
        WEEKDAYS_SHORT[i]
    } else {
        WEEKDAYS[i]
    }
}

fn day_month(d: NaiveDate) -> String {
    format!("{}{NBSP}{}", d.day(), MONTHS_GENITIVE[d.month0() as usize])
}

fn year_g(year: i32) -> String {
    format!("{year}{NBSP}г.")
}

/// Parses the ISO forms data uses: `2022-11-17`, also with a time part.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    let day = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map_err(|_| format!("«{s}» — не дата в формате ГГГГ-ММ-ДД (например, 2022-11-17)"))
}

/// Parses a month `2020-12` (or a full date, keeping its month).
pub fn parse_month(s: &str) -> Result<(i32, u32), String> {
    let s = s.trim();
    let err = || format!("«{s}» — не месяц в формате ГГГГ-ММ (например, 2020-12)");
    let mut parts = s.splitn(3, '-');
    let year = parts.next().and_then(|y| y.parse().ok()).ok_or_else(err)?;
    let month = parts.next().and_then(|m| m.parse().ok()).ok_or_else(err)?;
    if (1..=12).contains(&month) {
        Ok((year, month))
    } else {
        Err(err())
    }
}

/// A date at the precision it was written with: «17 ноября 2022 г.» for
/// `2022-11-17`, «декабрь 2020 г.» for `2020-12`, «2021 г.» for `2021`.
pub fn partial_date_ru(s: &str) -> Result<String, String> {
    let t = s.trim();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match t.split('-').collect::<Vec<_>>()[..] {
        [y] if digits(y, 4) => Ok(year_g(y.parse().unwrap_or_default())),
        [y, m] if digits(y, 4) && digits(m, 2) => {
            parse_month(t).map(|(y, m)| month_ru(y, m, MonthCase::Nominative))
        }
        _ => parse_date(t).map(date_ru),
    }
}

/// A range between dates of any precision: full dates as in
/// [`date_range_ru`], otherwise «декабрь 2020 г. – февраль 2021 г.».
pub fn partial_range_ru(from: &str, to: &str) -> Result<String, String> {
    match (parse_date(from), parse_date(to)) {
        (Ok(a), Ok(b)) if from.trim().len() >= 10 && to.trim().len() >= 10 => {
            Ok(date_range_ru(a, b))
        }
        _ => Ok(format!(
            "{} – {}",
            partial_date_ru(from)?,
            partial_date_ru(to)?
        )),
    }
}

/// A school year, September to August, named by its first calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchoolYear {
    pub first: i32,
}

/// How the two years are joined (a site setting, domain.md §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum YearSeparator {
    /// «2021/2022»
    #[default]
    Slash,
    /// «2021–2022»
    EnDash,
    /// «2021-2022»
    Hyphen,
}

/// The case a school year is needed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SchoolYearCase {
    /// «2021/2022 учебный год» (also after «на»)
    #[default]
    Nominative,
    /// «(по итогам) 2020/2021 учебного года»
    Genitive,
    /// «(в) 2021/2022 учебном году»
    Prepositional,
    /// «2021/2022 уч. г.»
    Abbreviated,
    /// «2021/2022» alone
    Bare,
}

impl SchoolYear {
    /// The school year a date falls in: September–December open it.
    pub fn of_date(d: NaiveDate) -> Self {
        let first = if d.month() >= 9 {
            d.year()
        } else {
            d.year() - 1
        };
        SchoolYear { first }
    }

    /// Parses the data key «2021-2022» and the spellings of the seeds:
    /// «2020 – 2021», «2019- 2020», «2021/2022», «2020-2021 уч.г.»,
    /// «2020-2021учебном». The second year must follow the first.
    pub fn parse(s: &str) -> Result<Self, String> {
        let years: Vec<i32> = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .map(|p| p.parse().unwrap_or(0))
            .collect();
        match years[..] {
            [a, b] if (1900..=2200).contains(&a) && b == a + 1 => Ok(SchoolYear { first: a }),
            [a, _] if (1900..=2200).contains(&a) => Err(format!(
                "«{s}»: второй год учебного года должен быть на единицу больше первого ({a}-{})",
                a + 1
            )),
            _ => Err(format!(
                "«{s}» — не учебный год; пишите два года через дефис, например «2021-2022»"
            )),
        }
    }

    /// «2021/2022 учебный год» in the chosen case and separator.
    pub fn format(self, sep: YearSeparator, case: SchoolYearCase) -> String {
        let sep = match sep {
            YearSeparator::Slash => '/',
            YearSeparator::EnDash => '–',
            YearSeparator::Hyphen => '-',
        };
        let years = format!("{}{sep}{}", self.first, self.first + 1);
        let words = match case {
            SchoolYearCase::Nominative => "учебный год",
            SchoolYearCase::Genitive => "учебного года",
            SchoolYearCase::Prepositional => "учебном году",
            SchoolYearCase::Abbreviated => "уч.\u{a0}г.",
            SchoolYearCase::Bare => return years,
        };
        format!("{years}{NBSP}{words}")
    }

    /// The data key, «2021-2022».
    pub fn key(self) -> String {
        format!("{}-{}", self.first, self.first + 1)
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(YearSeparator::Slash, SchoolYearCase::Nominative))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn s(text: String) -> String {
        text.replace(NBSP, " ")
    }

    #[test]
    fn single_dates() {
        assert_eq!(s(date_ru(d(2022, 11, 17))), "17 ноября 2022 г.");
        assert_eq!(date_ru(d(2022, 11, 17)), "17\u{a0}ноября 2022\u{a0}г.");
        assert_eq!(s(date_ru(d(2021, 1, 1))), "1 января 2021 г.");
        assert_eq!(s(date_ru(d(2024, 2, 29))), "29 февраля 2024 г.");
        assert_eq!(date_numeric(d(2022, 11, 17)), "17.11.2022");
        assert_eq!(date_numeric(d(2021, 6, 5)), "05.06.2021");
        let all: Vec<String> = (1..=12).map(|m| s(date_ru(d(2021, m, 3)))).collect();
        assert_eq!(all[4], "3 мая 2021 г.");
        assert_eq!(all[7], "3 августа 2021 г.");
    }

    #[test]
    fn months() {
        assert_eq!(
            s(month_ru(2022, 11, MonthCase::Nominative)),
            "ноябрь 2022 г."
        );
        assert_eq!(
            s(month_ru(2020, 12, MonthCase::Prepositional)),
            "декабре 2020 г."
        );
        assert_eq!(s(month_ru(2021, 5, MonthCase::Genitive)), "мая 2021 г.");
        assert_eq!(parse_month("2020-12"), Ok((2020, 12)));
        assert_eq!(parse_month("2022-11-17"), Ok((2022, 11)));
        assert!(parse_month("2020-13").is_err());
    }

    #[test]
    fn ranges() {
        assert_eq!(
            s(date_range_ru(d(2021, 10, 15), d(2021, 10, 31))),
            "15–31 октября 2021 г."
        );
        assert_eq!(
            s(date_range_ru(d(2021, 12, 28), d(2022, 1, 15))),
            "с 28 декабря 2021 г. по 15 января 2022 г."
        );
        assert_eq!(
            s(date_range_ru(d(2021, 11, 28), d(2021, 12, 5))),
            "с 28 ноября по 5 декабря 2021 г."
        );
        assert_eq!(
            s(date_range_ru(d(2022, 1, 15), d(2021, 12, 28))),
            "с 28 декабря 2021 г. по 15 января 2022 г."
        );
        assert_eq!(
            s(date_range_ru(d(2022, 3, 1), d(2022, 3, 1))),
            "1 марта 2022 г."
        );
    }

    #[test]
    fn weekdays() {
        // 000:L151 claims «28.11.2021 (понедельник)»; it was a Sunday.
        assert_eq!(weekday_ru(d(2021, 11, 28), false), "воскресенье");
        assert_eq!(weekday_ru(d(2022, 11, 17), false), "четверг");
        assert_eq!(weekday_ru(d(2022, 11, 17), true), "чт");
    }

    #[test]
    fn school_years() {
        assert_eq!(SchoolYear::of_date(d(2022, 9, 1)).first, 2022);
        assert_eq!(SchoolYear::of_date(d(2022, 8, 31)).first, 2021);
        assert_eq!(SchoolYear::of_date(d(2022, 12, 31)).first, 2022);
        assert_eq!(SchoolYear::of_date(d(2023, 1, 10)).first, 2022);
        for spelling in [
            "2020-2021",
            "2020/2021",
            "2020 – 2021",
            "2020- 2021",
            "2020-2021 уч.г.",
            "2020-2021учебном",
        ] {
            assert_eq!(
                SchoolYear::parse(spelling),
                Ok(SchoolYear { first: 2020 }),
                "{spelling}"
            );
        }
        assert!(SchoolYear::parse("2020-2022")
            .unwrap_err()
            .contains("2020-2021"));
        assert!(SchoolYear::parse("2021").is_err());
        assert!(SchoolYear::parse("позапрошлый").is_err());
        let y = SchoolYear { first: 2021 };
        assert_eq!(
            s(y.format(YearSeparator::Slash, SchoolYearCase::Nominative)),
            "2021/2022 учебный год"
        );
        assert_eq!(
            s(y.format(YearSeparator::EnDash, SchoolYearCase::Prepositional)),
            "2021–2022 учебном году"
        );
        assert_eq!(
            s(y.format(YearSeparator::Hyphen, SchoolYearCase::Genitive)),
            "2021-2022 учебного года"
        );
        assert_eq!(
            y.format(YearSeparator::Slash, SchoolYearCase::Abbreviated),
            "2021/2022\u{a0}уч.\u{a0}г."
        );
        assert_eq!(
            y.format(YearSeparator::Slash, SchoolYearCase::Bare),
            "2021/2022"
        );
        assert_eq!(y.key(), "2021-2022");
    }

    #[test]
    fn partial_dates() {
        assert_eq!(
            s(partial_date_ru("2022-11-17").unwrap()),
            "17 ноября 2022 г."
        );
        assert_eq!(s(partial_date_ru("2020-12").unwrap()), "декабрь 2020 г.");
        assert_eq!(s(partial_date_ru("2021").unwrap()), "2021 г.");
        assert!(partial_date_ru("2020-13").is_err());
        assert!(partial_date_ru("вчера").is_err());
    }

    #[test]
    fn partial_ranges() {
        assert_eq!(
            s(partial_range_ru("2021-10-15", "2021-10-31").unwrap()),
            "15–31 октября 2021 г."
        );
        assert_eq!(
            s(partial_range_ru("2020-12", "2021-02").unwrap()),
            "декабрь 2020 г. – февраль 2021 г."
        );
        assert_eq!(
            s(partial_range_ru("2021", "2023").unwrap()),
            "2021 г. – 2023 г."
        );
        assert!(partial_range_ru("2021-10-15", "потом").is_err());
    }

    #[test]
    fn parse_errors_are_russian() {
        assert_eq!(parse_date("2022-11-17"), Ok(d(2022, 11, 17)));
        assert_eq!(parse_date("2022-11-17T10:00:00"), Ok(d(2022, 11, 17)));
        assert!(parse_date("2021.15.02").unwrap_err().contains("ГГГГ-ММ-ДД"));
    }
}
