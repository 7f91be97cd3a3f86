//! iCalendar (RFC 5545) files for dated entries (seminars, courses), so that
//! a visitor adds one to their calendar in one click. A type opts in with
//! [`crate::types::Schema::calendar`]; only entries dated to a day get a file: a
//! calendar cannot hold «some day in December 2020». Written by hand — an
//! event file is a dozen lines, and the crates that write iCalendar pull in
//! time-zone databases the generated site does not need.

use crate::output::Output;
use crate::site::{Page, Site};
use chrono::{Duration, NaiveDate};

/// The calendar file beside an entry's page, if the entry has one.
pub fn file_name(page: &Page) -> Option<&'static str> {
    page.typed.entry.calendar()?;
    start_day(page).map(|_| "event.ics")
}

fn start_day(page: &Page) -> Option<NaiveDate> {
    page.front
        .date
        .filter(|d| d.day.is_some())
        .map(|d| d.first_day())
}

/// Adds every dated entry's `.ics` to the output.
pub fn write(site: &Site, output: &mut Output) {
    for page in &site.pages {
        if let Some(name) = file_name(page) {
            if let Some(text) = calendar(site, page) {
                output.add(format!("{}{name}", page.path), text);
            }
        }
    }
}

/// The VCALENDAR text of one entry's page.
pub fn calendar(site: &Site, page: &Page) -> Option<String> {
    let event = page.typed.entry.calendar()?;
    let start = start_day(page)?;
    let end = event
        .end_date
        .filter(|d| d.day.is_some())
        .map(|d| d.first_day())
        .unwrap_or(start);
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//metodist//metodist//RU".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VEVENT".into(),
    ];
    let host = site
        .config
        .base_url
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .filter(|h| !h.is_empty())
        .unwrap_or("metodist.local");
    lines.push(format!(
        "UID:{}-{}@{host}",
        page.typed.id,
        start.format("%Y%m%d")
    ));
    // Deterministic: the same content gives the same file.
    lines.push(format!("DTSTAMP:{}T000000Z", start.format("%Y%m%d")));
    match (event.time, event.end_date) {
        (Some(t), None) => {
            let (h, m) = t.hm();
            lines.push(format!("DTSTART:{}T{h:02}{m:02}00", start.format("%Y%m%d")));
            if let Some((h, m)) = event.end_time.map(|e| e.hm()).or_else(|| t.end_hm()) {
                lines.push(format!("DTEND:{}T{h:02}{m:02}00", start.format("%Y%m%d")));
            }
        }
        _ => {
            lines.push(format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")));
            let after = end + Duration::days(1);
            lines.push(format!("DTEND;VALUE=DATE:{}", after.format("%Y%m%d")));
        }
    }
    // Calendar apps show these as the page does: with Russian typography.
    let typo = site.config.typography.for_page(page.front.typography);
    let text = |s: &str| crate::ru::typeset(s, &typo);
    let summary = match event.kind {
        Some(k) => format!("{}: {}", crate::ru::capitalize(k), event.title),
        None => event.title.to_string(),
    };
    lines.push(format!("SUMMARY:{}", escape(&text(&summary))));
    if !event.location.is_empty() {
        lines.push(format!(
            "LOCATION:{}",
            escape(&text(&event.location.join(", ")))
        ));
    }
    if let Some(d) = page.front.description.as_deref().or(event.description) {
        lines.push(format!("DESCRIPTION:{}", escape(&text(d))));
    }
    lines.push(format!(
        "URL:{}",
        crate::render::values::permalink(site, &page.path)
    ));
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    Some(out)
}

/// TEXT escaping of RFC 5545 §3.3.11.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_without_splitting_characters() {
        let mut out = String::new();
        fold(
            &format!("SUMMARY:{}", "Межшкольный семинар ".repeat(6)),
            &mut out,
        );
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(
            unfolded.trim_end(),
            format!("SUMMARY:{}", "Межшкольный семинар ".repeat(6)).trim_end()
        );
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
