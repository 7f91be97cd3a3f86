//! Em dashes between words and in direct speech, en dashes in ranges.

use super::{
    alnum, apply_edits, at, before, ch, digits_after, digits_before, is_breakable, is_dash,
    is_space, letter, lower, Edit, Rule, TypographyConfig, C, HARD_BREAK, NBSP,
};

const MONTHS: &[&str] = &[
    "январ",
    "феврал",
    "март",
    "апрел",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
];
const WEEKDAYS: &[&str] = &[
    "понедельник",
    "вторник",
    "сред",
    "четверг",
    "пятниц",
    "суббот",
    "воскресень",
];

/// Month or weekday name in any case form: 1 for a month, 2 for a weekday.
fn calendar_word(word: &str) -> u8 {
    let short = |stems: &[&str], tail: usize| {
        stems
            .iter()
            .any(|s| word.starts_with(s) && word.chars().count() <= s.chars().count() + tail)
    };
    if short(MONTHS, 3) || matches!(word, "май" | "мая" | "мае" | "маю" | "маем") {
        1
    } else if short(WEEKDAYS, 2) {
        2
    } else {
        0
    }
}

/// The lower-case word ending just before `end`, with its start.
fn word_before(v: &[C], end: usize) -> (usize, String) {
    let start = (0..end)
        .rev()
        .take_while(|&j| letter(v[j].ch))
        .last()
        .unwrap_or(end);
    let word = v[start..end]
        .iter()
        .flat_map(|c| c.ch.to_lowercase())
        .collect();
    (start, word)
}

fn word_after(v: &[C], start: usize) -> String {
    v[start..]
        .iter()
        .take_while(|c| letter(c.ch))
        .flat_map(|c| c.ch.to_lowercase())
        .collect()
}

fn roman(c: char) -> bool {
    matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')
}

/// A Roman numeral (a century) ending before `end` / starting at `start`,
/// standing alone as a word.
fn roman_before(v: &[C], end: usize) -> bool {
    let n = (0..end).rev().take_while(|&j| roman(v[j].ch)).count();
    n > 0 && before(v, end - n).is_none_or(|p| !alnum(p))
}

fn roman_after(v: &[C], start: usize) -> bool {
    let n = (start..v.len()).take_while(|&j| roman(v[j].ch)).count();
    n > 0 && ch(v, start + n).is_none_or(|c| !letter(c) || c == 'в')
}

/// «80-90-е», «1980-2010-х»: a decade suffix after the second number.
fn decade_suffix(v: &[C], j: usize) -> bool {
    let n = (j + 1..v.len())
        .take_while(|&k| lower(v[k].ch) && !v[k].ch.is_ascii())
        .count();
    ch(v, j) == Some('-') && (1..=2).contains(&n) && ch(v, j + 1 + n).is_none_or(|c| !letter(c))
}

fn number(v: &[C], start: usize, len: usize) -> u64 {
    v[start..start + len].iter().fold(0u64, |n, c| {
        n.saturating_mul(10)
            .saturating_add(c.ch as u64 - '0' as u64)
    })
}

/// Whether the number ending at `i` and the one after it make a range:
/// ascending («1-22», not «53-22»), or a year shortened («1980-90-е»).
fn number_range(v: &[C], i: usize) -> bool {
    let left = digits_before(v, i);
    let right = digits_after(v, i + 1);
    let lone = |c: Option<char>| c.is_none_or(|x| !alnum(x) && !is_dash(x));
    let outer_left = i.checked_sub(left + 1).map(|j| v[j].ch);
    let after = i + 1 + right;
    let years = at(v, after, "г.") || at(v, after, "гг.");
    if right == 0 || !lone(outer_left) || !(lone(ch(v, after)) || decade_suffix(v, after) || years)
    {
        return false;
    }
    // «000-999» is a code, not a range.
    if left > 1 && v[i - left].ch == '0' && outer_left != Some(':') {
        return false;
    }
    if outer_left == Some(':') || left > 9 || right > 9 {
        return true; // «12:00-13:00»
    }
    let (a, b) = (number(v, i - left, left), number(v, i + 1, right));
    match left.cmp(&right) {
        std::cmp::Ordering::Equal => a < b,
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => left == 4 && right == 2,
    }
}

pub(super) fn dashes(v: Vec<C>, cfg: &TypographyConfig) -> Vec<C> {
    let dash = cfg.on(Rule::Dash);
    let speech = cfg.on(Rule::DirectSpeech);
    let ranges = cfg.on(Rule::Ranges);
    let mut edits = Vec::new();
    for i in 0..v.len() {
        let c = v[i].ch;
        if !is_dash(c) {
            continue;
        }
        let prev = before(&v, i);
        let next = ch(&v, i + 1);
        let spaced_after = next.is_some_and(|n| is_breakable(n) || n == NBSP);
        let line_start = prev.is_none_or(|p| p == '\n' || p == HARD_BREAK);
        if line_start && spaced_after && ch(&v, i + 2).is_some_and(|n| !is_space(n)) {
            // «- Ты придёшь?» at the start of a line: a dash tied to the words.
            if speech {
                if c != '—' {
                    edits.push(Edit::Replace(i, '—'));
                }
                edits.push(Edit::Replace(i + 1, NBSP));
            }
            continue;
        }
        let spaced = prev.is_some_and(is_space) && spaced_after;
        if spaced && i >= 2 && !is_space(v[i - 2].ch) {
            let left_end = i - 1;
            let (left, right) = (digits_before(&v, left_end), digits_after(&v, i + 2));
            let number_ends = ch(&v, i + 2 + right).is_none_or(|n| !alnum(n));
            let year_range = left == 4 && right == 4 && number_ends;
            let left_is_number = left_end == left || !alnum(v[left_end - 1 - left].ch);
            let (_, w1) = word_before(&v, left_end);
            let w2 = word_after(&v, i + 2);
            let calendar = !w1.is_empty()
                && calendar_word(&w1) != 0
                && calendar_word(&w1) == calendar_word(&w2);
            let centuries = roman_before(&v, left_end) && roman_after(&v, i + 2);
            if (year_range && left_is_number) || calendar || centuries {
                // «2020 - 2021», «январь - май», «XX - XXI»: a range, unspaced.
                if ranges {
                    edits.extend([
                        Edit::Delete(i - 1),
                        Edit::Replace(i, '–'),
                        Edit::Delete(i + 1),
                    ]);
                }
            } else if matches!(v[i - 2].ch, '.' | '…') {
                // «Обожди… — сказал он»: the author's words follow the dash.
                if speech {
                    if c != '—' {
                        edits.push(Edit::Replace(i, '—'));
                    }
                    edits.push(Edit::Replace(i + 1, NBSP));
                }
            } else if dash {
                if is_breakable(v[i - 1].ch) {
                    edits.push(Edit::Replace(i - 1, NBSP));
                }
                if c != '—' {
                    edits.push(Edit::Replace(i, '—'));
                }
            }
        } else if c == '-' && prev.is_some_and(|p| p.is_ascii_digit()) {
            if ranges && number_range(&v, i) {
                edits.push(Edit::Replace(i, '–'));
            }
        } else if c == '-' && prev.is_some_and(letter) && next.is_some_and(letter) {
            let (_, w1) = word_before(&v, i);
            let kind = calendar_word(&w1);
            let calendar = kind != 0 && kind == calendar_word(&word_after(&v, i + 1));
            let centuries = roman_before(&v, i) && roman_after(&v, i + 1);
            if ranges && (calendar || centuries) {
                edits.push(Edit::Replace(i, '–'));
            }
        } else if c == '-'
            && prev.is_some_and(is_breakable)
            && i >= 2
            && letter(v[i - 2].ch)
            && next.is_some_and(lower)
        {
            // «(Николай -он; …)»: a signature's dash.
            let w = word_after(&v, i + 1);
            let n = w.chars().count();
            let end = ch(&v, i + 1 + n);
            if dash && n <= 3 && end.is_none_or(|e| matches!(e, ';' | ',' | '.' | ')')) {
                edits.extend([Edit::Replace(i - 1, NBSP), Edit::Replace(i, '—')]);
            }
        } else if c == '—' && prev.is_some_and(letter) && next.is_some_and(letter) && dash {
            edits.extend([Edit::Insert(i, NBSP), Edit::Insert(i + 1, ' ')]);
        }
    }
    apply_edits(v, edits)
}
