//! The identifier guard: URLs, e-mail addresses, file names, standard and
//! document numbers, codes, ISO dates and times, versions and phone numbers
//! are found before any rule runs and locked, so no rule changes a
//! character a reader may copy (`plan_2020-2021.pdf`, `ГОСТ Р 7.0.5-2008`).

use super::{alnum, ch, is_space, letter, C, OPAQUE};

/// Extensions of the files a methodology office publishes.
const EXTENSIONS: &[&str] = &[
    "pdf", "doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods", "csv", "ppt", "pptx", "odp",
    "zip", "rar", "7z", "jpg", "jpeg", "png", "gif", "svg", "webp", "mp3", "mp4", "avi", "html",
    "htm", "md", "xml", "json", "djvu", "epub",
];
/// Top-level domains written without a scheme («school-1.ru/news»).
const DOMAINS: &[&str] = &[
    "ru", "su", "com", "org", "net", "info", "edu", "gov", "рф", "рус", "ру", "орг", "ком", "укр",
    "бг", "срб",
];
/// Words after which the next number is a standard's or a code.
const STANDARDS: &[&str] = &[
    "ГОСТ",
    "ОСТ",
    "СанПиН",
    "СНиП",
    "СП",
    "ТУ",
    "ISO",
    "IEC",
    "ГН",
    "МУ",
    "МР",
    "ПНД",
    "РД",
    "ИНН",
    "КПП",
    "ОГРН",
    "ОГРНИП",
    "ОКПО",
    "ОКТМО",
    "ОКАТО",
    "ОКВЭД",
    "БИК",
    "СНИЛС",
    "ОКОГУ",
];

fn token_char(c: char) -> bool {
    !is_space(c) && c != OPAQUE
}

/// A character identifiers have and words do not.
fn is_mark(c: char) -> bool {
    matches!(c, ':' | '@' | '.' | '/' | '_' | '-' | '+' | '№') || c.is_ascii_digit()
}

fn lock(v: &mut [C], from: usize, to: usize) {
    for c in &mut v[from..to] {
        c.locked = true;
    }
}

/// Locks the identifiers of `v`; phone numbers are looked for only when it
/// `has_digits`.
pub(super) fn lock_identifiers(v: &mut [C], has_digits: bool) {
    let mut i = 0;
    let mut prev_token: Option<(usize, usize)> = None;
    // Tokens without digits or URL characters (most words) cost one scan.
    while i < v.len() {
        if !token_char(v[i].ch) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut marks = false; // a character identifiers have and words do not
        while end < v.len() && token_char(v[end].ch) {
            marks |= is_mark(v[end].ch);
            end += 1;
        }
        if marks {
            check_token(v, start, end, prev_token);
        }
        prev_token = Some((start, end));
        i = end;
    }
    if has_digits {
        phones(v);
    }
}

/// Locks the token `[start, end)` when it is an identifier, or the number
/// after a standard's name, a code's name or «№».
fn check_token(v: &mut [C], start: usize, end: usize, prev: Option<(usize, usize)>) {
    // Sentence punctuation and brackets around the token are not part of it.
    let mut a = start;
    while a < end && matches!(v[a].ch, '(' | '«' | '„' | '"' | '[' | '\'') {
        a += 1;
    }
    let mut b = end;
    while b > a
        && matches!(
            v[b - 1].ch,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | '»' | '“' | '"' | ']' | '\'' | '…'
        )
    {
        b -= 1;
    }
    // «слово.» or «(слово)» is a word: what marked it was outside.
    if a >= b || !v[a..b].iter().any(|c| is_mark(c.ch)) {
        return;
    }
    let text: String = v[a..b].iter().map(|c| c.ch).collect();
    let lower = text.to_lowercase();
    let digit = text.chars().any(|c| c.is_ascii_digit());
    let prev_text: String = prev
        .map(|(s, e)| v[s..e].iter().map(|c| c.ch).collect())
        .unwrap_or_default();
    let prev_word = prev_text.trim_end_matches([':', ',']);
    let after_standard = STANDARDS.contains(&prev_word)
        || ((prev_word == "Р" || prev_word == "ИСО" || prev_word == "EN") && digit);
    let after_number_sign = prev_text == "№" || prev_text == "N";
    let identifier = lower.contains("://")
        || lower.starts_with("www.")
        || lower.starts_with("mailto:")
        || is_email(&text)
        || is_file(&lower)
        || is_domain(&lower)
        || is_iso_date(&text)
        || is_version(&text);
    if identifier {
        // A URL's trailing dots («plan...») are shown as typed.
        let dots = (b..end).take_while(|&j| v[j].ch == '.').count();
        lock(v, a, b + dots);
    } else if (after_standard || after_number_sign) && digit {
        lock(v, a, b);
    } else if text.starts_with('№') && digit {
        lock(v, a + 1, b); // «№12-3»: the sign may still get its space
    }
}

fn is_email(t: &str) -> bool {
    t.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
    })
}

fn is_file(t: &str) -> bool {
    t.rsplit_once('.').is_some_and(|(name, ext)| {
        !name.is_empty() && !name.ends_with('.') && EXTENSIONS.contains(&ext)
    })
}

/// «school-1.ru», «кто.рф», «example.ru/news/2020-2021/».
fn is_domain(t: &str) -> bool {
    let host = t.split('/').next().unwrap_or_default();
    host.rsplit_once('.').is_some_and(|(name, tld)| {
        !name.is_empty()
            && DOMAINS.contains(&tld)
            && name.chars().all(|c| alnum(c) || c == '-' || c == '.')
    })
}

/// «2022-11-17», «2022-11-17T10:00».
fn is_iso_date(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

/// «v2.1», «1.2.3», «3.0.1-beta».
fn is_version(t: &str) -> bool {
    let core = t.strip_prefix(['v', 'V']).unwrap_or(t);
    let numeric = core.split(['-', '+']).next().unwrap_or_default();
    let parts: Vec<&str> = numeric.split('.').collect();
    let all_digits = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    all_digits && (parts.len() >= 3 || (core.len() < t.len() && parts.len() >= 2))
}

/// Phone numbers: «+7 (4812) 31-30-35», «8 (4812) 31-30-35», «31-30-35».
fn phones(v: &mut [C]) {
    let mut i = 0;
    while i < v.len() {
        let c = v[i].ch;
        let boundary = i == 0 || !alnum(v[i - 1].ch) && !matches!(v[i - 1].ch, '-' | '.' | '/');
        if !boundary || !(c == '+' || c.is_ascii_digit() || c == '(') {
            i += 1;
            continue;
        }
        // Digits, brackets, hyphens and single spaces.
        let mut j = i;
        let mut digits = 0;
        let mut groups = 0;
        let mut last_digit = i;
        while j < v.len() {
            let d = v[j].ch;
            if d.is_ascii_digit() {
                digits += 1;
                last_digit = j;
                if j == i || !v[j - 1].ch.is_ascii_digit() {
                    groups += 1;
                }
            } else if !(matches!(d, '-' | '(' | ')' | '+' | '–')
                || (d == ' ' && ch(v, j + 1).is_some_and(|n| n.is_ascii_digit() || n == '(')))
            {
                break;
            }
            if d == '+' && j != i {
                break;
            }
            j += 1;
        }
        let end = last_digit + 1;
        let after_ok = ch(v, end).is_none_or(|n| !letter(n) && !n.is_ascii_digit());
        let text: String = v[i..end].iter().map(|c| c.ch).collect();
        let hyphens = text.matches('-').count();
        let international = (c == '+' || text.starts_with("8 (") || text.starts_with("8("))
            && (10..=13).contains(&digits);
        // «31-30-35»: groups of two or three digits, at least three of them.
        let local = hyphens >= 2
            && text.split(['-', ' ']).filter(|g| !g.is_empty()).all(|g| {
                g.trim_matches(['(', ')']).len() <= 4 && g.trim_matches(['(', ')']).len() >= 2
            })
            && groups >= 3
            && !text.contains(' ')
            && !text.starts_with('(');
        if after_ok && (international || local) {
            lock(v, i, end);
            i = end;
        } else {
            i = j.max(i + 1);
        }
    }
}
