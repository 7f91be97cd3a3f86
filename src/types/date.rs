//! Dates as authors write them: a day (`2022-11-17`), a month (`2020-12`) or
//! only a year (`2021`). Real plans date events to a month; a date that does
//! not exist (`2021-02-30`) is an error, never a silent shift.

use chrono::{Datelike, NaiveDate};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let t = text.trim();
        // A full timestamp is accepted; only its date matters here.
        let t = t.split(['T', ' ']).next().unwrap_or(t);
        let parts: Vec<&str> = t.split('-').collect();
        let bad = || {
            format!("«{text}» не похоже на дату; даты пишутся так: 2022-11-17 (день), 2022-11 (месяц) или 2022 (год)")
        };
        let num = |s: &str, len: usize| -> Result<u32, String> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let year = num(parts.first().copied().unwrap_or(""), 4)? as i32;
        let month = parts.get(1).map(|m| num(m, 2)).transpose()?;
        let day = parts.get(2).map(|d| num(d, 2)).transpose()?;
        if parts.len() > 3 {
            return Err(bad());
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(format!("в дате «{text}» нет такого месяца: {m}"));
            }
        }
        if let (Some(m), Some(d)) = (month, day) {
            if NaiveDate::from_ymd_opt(year, m, d).is_none() {
                return Err(format!("даты «{text}» не существует"));
            }
        }
        Ok(PartialDate { year, month, day })
    }

    /// The first day the date covers, for sorting and feeds.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("validated on parse")
    }

    pub fn from_naive(d: NaiveDate) -> PartialDate {
        PartialDate {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        PartialDate::parse(&text).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_and_validation() {
        assert_eq!(
            PartialDate::parse("2022-11-17").unwrap().to_string(),
            "2022-11-17"
        );
        assert_eq!(PartialDate::parse("2020-12").unwrap().day, None);
        assert_eq!(PartialDate::parse("2021").unwrap().month, None);
        assert!(PartialDate::parse("2021-02-30")
            .unwrap_err()
            .contains("не существует"));
        assert!(PartialDate::parse("2021.15.02").is_err());
        assert!(PartialDate::parse("2021-13")
            .unwrap_err()
            .contains("месяца"));
        assert!(PartialDate::parse("2022-11-17").unwrap() > PartialDate::parse("2022-11").unwrap());
    }
}
