//! No-break spaces: what must not be split across lines.

use super::{
    alnum, apply_edits, at, before, ch, digits_after, is_breakable, is_space, letter, lower,
    short_word, tie, tie_with, upper, word_at, Edit, Rule, TypographyConfig, C, NNBSP,
};

/// Short words that must not end a line (prepositions, conjunctions,
/// particles of one or two letters).
const SHORT_WORDS: &[&str] = &[
    "а", "в", "во", "да", "до", "за", "и", "из", "к", "ко", "на", "не", "ни", "но", "о", "об",
    "от", "по", "с", "со", "у", "я",
];
/// Particles that lean on the word before them.
const PARTICLES: &[&str] = &["ли", "ль", "же", "ж", "бы", "б"];
/// Organisational forms written before a name in quotes.
const ORG_FORMS: &[&str] = &[
    "ООО",
    "ОАО",
    "ЗАО",
    "ПАО",
    "АО",
    "НАО",
    "НИИ",
    "ПБОЮЛ",
    "ИП",
    "НКО",
    "АНО",
    "ГУП",
    "МУП",
    "ФГУП",
    "МБУ",
    "МАУ",
    "МКУ",
    "ГБУ",
    "ГАУ",
    "ГКУ",
    "МБОУ",
    "МАОУ",
    "МКОУ",
    "ГБОУ",
    "ГАОУ",
    "МБДОУ",
    "МАДОУ",
    "МКДОУ",
    "ФГБОУ",
    "ФГАОУ",
    "ОГБОУ",
    "СОГБОУ",
];
/// Address abbreviations written with a dot before a name or number.
const ADDRESS: &[&str] = &[
    "г",
    "ул",
    "пр",
    "просп",
    "пер",
    "д",
    "кв",
    "оф",
    "эт",
    "корп",
    "мкр",
    "пл",
    "наб",
    "ш",
    "обл",
    "пос",
    "дер",
    "стр",
];
/// Address words written in full before a number or letter.
const ADDRESS_WORDS: &[&str] = &["дом", "литер", "литера"];
/// References to a page, figure, chapter, item before their number.
const REFERENCES: &[&str] = &[
    "стр", "с", "рис", "гл", "илл", "табл", "прил", "п", "пп", "ч", "ст", "разд", "т",
];
/// Units and counters written glued to a number («10руб.», «2млн»).
const GLUED_UNITS: &[&str] = &[
    "руб", "коп", "тыс", "млн", "млрд", "трлн", "м", "км", "см", "мм", "дм", "кг", "мг", "т", "л",
    "мл", "га", "шт", "экз", "чел", "ч", "мин", "сек",
];
/// Latin units that stick to their number («300 dpi»).
const LATIN_UNITS: &[&str] = &[
    "dpi", "lpi", "ppi", "px", "pt", "kb", "mb", "gb", "tb", "km", "m", "cm", "mm", "kg", "g",
];
/// Units of length that take a superscript power («м2» → «м²»).
const POWER_UNITS: &[&str] = &["м", "км", "см", "мм", "дм", "m", "km", "cm", "mm", "dm"];

/// A short word written in lower case or capitalised («В», «До»), never an
/// all-caps abbreviation such as «ДО» in «МБУ ДО».
fn is_short_word(word: &[C]) -> bool {
    word.len() <= 2
        && word.iter().skip(1).all(|c| lower(c.ch))
        && SHORT_WORDS.contains(&short_word(word, 0, word.len(), true).as_str())
}

/// An initial «Н.» starting at `i`: an uppercase letter that is not the end
/// of a longer word, followed by a dot.
fn is_initial(v: &[C], i: usize) -> bool {
    ch(v, i).is_some_and(|c| upper(c) && letter(c))
        && ch(v, i + 1) == Some('.')
        && before(v, i).is_none_or(|p| !letter(p))
}

/// A surname-like word at `i`: capital then at least one lowercase letter.
fn is_surname(v: &[C], i: usize) -> bool {
    ch(v, i).is_some_and(upper)
        && ch(v, i + 1).is_some_and(lower)
        && before(v, i).is_none_or(|p| !letter(p))
}

/// Initials from `i` («Н.Д.», «Н. Д.»): the gaps between them and the index
/// after the last.
fn initials(v: &[C], i: usize) -> (Vec<usize>, usize) {
    let mut gaps = Vec::new();
    let mut j = i + 2;
    while gaps.len() < 2 {
        if ch(v, j).is_some_and(is_breakable) && is_initial(v, j + 1) {
            gaps.push(j);
            j += 3;
        } else if is_initial(v, j) {
            gaps.push(j);
            j += 2;
        } else {
            break;
        }
    }
    (gaps, j)
}

/// The gap before a surname at `j` (directly or after one space).
fn surname_gap(v: &[C], j: usize) -> Option<usize> {
    let spaced = ch(v, j).is_some_and(is_breakable) && is_surname(v, j + 1);
    (spaced || is_surname(v, j)).then_some(j)
}

/// The end of a chain of lower-case abbreviations from `i` («т.д.»,
/// «н. э.», «ст. м. эл.») and the gaps inside it, if there are two parts or
/// more and the chain ends a word.
fn abbreviation_chain(v: &[C], i: usize) -> Option<Vec<usize>> {
    let mut gaps = Vec::new();
    let mut j = i;
    loop {
        let len = word_at(v, j);
        let lower_cyr = (j..j + len).all(|k| lower(v[k].ch) && !v[k].ch.is_ascii());
        if len == 0 || len > 3 || !lower_cyr || ch(v, j + len) != Some('.') {
            break;
        }
        let dot = j + len;
        if ch(v, dot + 1).is_some_and(letter) {
            gaps.push(dot + 1);
            j = dot + 1;
        } else if ch(v, dot + 1).is_some_and(is_breakable)
            && ch(v, dot + 2).is_some_and(|c| lower(c) && !c.is_ascii())
            && abbreviation_part(v, dot + 2)
        {
            gaps.push(dot + 1);
            j = dot + 2;
        } else {
            return (!gaps.is_empty()).then_some(gaps);
        }
    }
    None
}

/// A part of an abbreviation chain at `j`: 1–3 lower-case letters and a dot.
fn abbreviation_part(v: &[C], j: usize) -> bool {
    let len = word_at(v, j);
    (1..=3).contains(&len) && ch(v, j + len) == Some('.')
}

/// The index after a number starting at `i`, with a decimal part («2,0»).
fn number_end(v: &[C], i: usize) -> usize {
    let mut e = i + digits_after(v, i);
    if matches!(ch(v, e), Some('.' | ',')) && ch(v, e + 1).is_some_and(|c| c.is_ascii_digit()) {
        e += 1 + digits_after(v, e + 1);
    }
    e
}

fn roman(c: char) -> bool {
    matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')
}

pub(super) fn no_break_spaces(v: Vec<C>, cfg: &TypographyConfig) -> Vec<C> {
    // Every rule's switch, read once: the loop below runs for every word.
    let on = |r| cfg.on(r);
    let (number_sign, years_on, addresses, references) = (
        on(Rule::NumberSign),
        on(Rule::Years),
        on(Rule::Addresses),
        on(Rule::References),
    );
    let (abbreviations, initials_on, short_words, particles) = (
        on(Rule::Abbreviations),
        on(Rule::Initials),
        on(Rule::ShortWords),
        on(Rule::Particles),
    );
    let (org_forms, centuries_on, last_word) =
        (on(Rule::OrgForms), on(Rule::Centuries), on(Rule::LastWord));
    let mut edits = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let c = v[i].ch;
        let prev = before(&v, i);
        // Every rule below starts at a sign, a digit or the first letter of
        // a word; the inside of a word (most characters) needs no look.
        if letter(c) && prev.is_some_and(letter) {
            i += 1;
            continue;
        }
        // № 27, § 3 with a narrow no-break space; «СШ№10» gets a space first.
        if (c == '№' || c == '§') && number_sign && ch(&v, i + 1) != Some(c) {
            if ch(&v, i + 1).is_some_and(|n| alnum(n) || is_breakable(n) || n == '\u{a0}') {
                tie_with(&v, i + 1, NNBSP, &mut edits);
            }
            if prev.is_some_and(alnum) {
                edits.push(Edit::Insert(i, ' '));
            }
        }
        if c.is_ascii_digit() && prev.is_none_or(|p| !p.is_ascii_digit()) {
            numbers(&v, i, cfg, &mut edits);
        }
        if !letter(c) {
            i += 1;
            continue;
        }
        let word = word_at(&v, i);
        let lower_word = short_word(&v, i, word, true);
        let w = lower_word.as_str();
        let after = ch(&v, i + word);
        // 2022 г., 2021–2023 гг., 2012-2015 г. г. → гг.
        if (w == "г" || w == "гг") && after == Some('.') && years_on {
            years(&v, i, word, &mut edits);
        }
        // г. Смоленск, ул. Тверская, д. 12, дом 25.
        let dot = after == Some('.') && ADDRESS.contains(&w);
        let full = !dot && after.is_some_and(is_breakable) && ADDRESS_WORDS.contains(&w);
        if addresses && (dot || full) && (lower(c) || w == "дом") {
            let gap = if dot { i + word + 1 } else { i + word };
            let target = (gap..v.len()).find(|&j| v[j].ch != ' ').unwrap_or(v.len());
            let t = ch(&v, target);
            let year = w == "г" && years_before(&v, i);
            let fits = if dot {
                t.is_some_and(|t| {
                    upper(t) || matches!(t, '«' | '"' | '-') || (t.is_ascii_digit() && w != "г")
                })
            } else {
                t.is_some_and(|t| t.is_ascii_digit())
                    || (t.is_some_and(upper) && ch(&v, target + 1).is_none_or(|n| !letter(n)))
            };
            if fits && !year {
                tie(&v, gap, &mut edits);
            }
        }
        // стр. 22, рис. 7, см. также.
        if references && after == Some('.') && prev.is_none_or(|p| !alnum(p) && p != '.') {
            let gap = i + word + 1;
            let target = if ch(&v, gap).is_some_and(is_breakable) {
                gap + 1
            } else {
                gap
            };
            let numbered = REFERENCES.contains(&w)
                && ch(&v, target).is_some_and(|t| t.is_ascii_digit() || roman(t));
            let see = w == "см"
                && ch(&v, gap).is_some_and(is_breakable)
                && ch(&v, target).is_some_and(letter);
            if numbered || see {
                tie(&v, gap, &mut edits);
            }
        }
        // т. д., н. э., ст. м. эл.
        // A chain starts with a word of one to three letters and a dot.
        if abbreviations && word <= 3 && after == Some('.') && prev.is_none_or(|p| p != '.') {
            // «г.г.», «в.в.» belong to the year and century rules.
            let doubled = matches!(w, "г" | "в") && at(&v, i + 1, ".") && at(&v, i + 2, w)
                || matches!(w, "г" | "в") && at(&v, i + 1, ". ") && at(&v, i + 3, w);
            if let Some(gaps) = abbreviation_chain(&v, i).filter(|_| !doubled) {
                for g in gaps {
                    tie(&v, g, &mut edits);
                }
            }
        }
        // А. С. Пушкин, Пушкин А. С.
        if initials_on {
            if is_initial(&v, i) {
                let (gaps, end) = initials(&v, i);
                if let Some(gap) = surname_gap(&v, end) {
                    for g in gaps {
                        tie(&v, g, &mut edits);
                    }
                    tie(&v, gap, &mut edits);
                }
            }
            if is_surname(&v, i) {
                let end = i + word;
                // «Выступила Н.Д. Васинова»: initials before a surname belong to it.
                if ch(&v, end).is_some_and(is_breakable) && is_initial(&v, end + 1) {
                    let (gaps, after_initials) = initials(&v, end + 1);
                    if surname_gap(&v, after_initials).is_none() && !gaps.is_empty() {
                        tie(&v, end, &mut edits);
                        for g in gaps {
                            tie(&v, g, &mut edits);
                        }
                    }
                }
            }
        }
        // Short prepositions and conjunctions stick to the next word.
        if short_words
            && prev.is_none_or(|p| !alnum(p) && !matches!(p, '.' | '-' | '‑'))
            && word <= 2
        {
            let next = ch(&v, i + word + 1);
            let caps_code = word == 2
                && v[i..i + word].iter().all(|c| upper(c.ch))
                && next.is_some_and(|n| n.is_ascii_digit());
            if (is_short_word(&v[i..i + word]) || caps_code)
                && after.is_some_and(is_breakable)
                && next.is_some_and(|n| !is_space(n) && !super::is_dash(n))
            {
                tie(&v, i + word, &mut edits);
            }
        }
        // Может ли, может же, если бы.
        if particles
            && word <= 2
            && lower(c)
            && prev.is_some_and(is_breakable)
            && PARTICLES.contains(&w)
            && i >= 2
            && letter(v[i - 2].ch)
            && after.is_none_or(|a| !letter(a) && a != '-')
        {
            tie(&v, i - 1, &mut edits);
        }
        // ООО «Пример».
        // Organisational forms are abbreviations of two to six capitals.
        if org_forms
            && (2..=6).contains(&word)
            && upper(c)
            && upper(v[i + 1].ch)
            && after.is_some_and(is_breakable)
        {
            let form = short_word(&v, i, word, false);
            let next = ch(&v, i + word + 1);
            if ORG_FORMS.contains(&form.as_str())
                && next.is_some_and(|n| upper(n) || matches!(n, '«' | '"' | '„'))
            {
                tie(&v, i + word, &mut edits);
            }
        }
        // XX в., XX–XXI вв.
        if centuries_on && roman(c) {
            centuries(&v, i, &mut edits);
        }
        // «Голубка дряхлая моя!»: a short last word does not stand alone.
        if last_word
            && word <= 3
            && lower(c)
            && !c.is_ascii()
            && prev.is_some_and(is_breakable)
            && i >= 2
            && letter(v[i - 2].ch)
            && after.is_some_and(|a| matches!(a, '!' | '?' | '…'))
            && ch(&v, i + word + 1).is_none_or(|n| n == '\n')
        {
            tie(&v, i - 1, &mut edits);
        }
        // The rest of the word holds no rule's start.
        i += word;
    }
    apply_edits(v, edits)
}

/// Whether a number (a year) stands before the word at `i`.
fn years_before(v: &[C], i: usize) -> bool {
    (0..i)
        .rev()
        .find(|&j| !is_space(v[j].ch))
        .is_some_and(|j| v[j].ch.is_ascii_digit())
}

/// The year rules at «г»/«гг» followed by a dot.
fn years(v: &[C], i: usize, word: usize, edits: &mut Vec<Edit>) {
    let prev = before(v, i);
    let dot = i + word;
    if ch(v, dot + 1).is_some_and(letter) && !at(v, dot + 1, "г.") {
        return;
    }
    let gap = if prev.is_some_and(is_breakable) {
        i - 1
    } else {
        i
    };
    let number = (0..gap).rev().find(|&j| !is_space(v[j].ch));
    let school_year = number.is_some_and(|j| j >= 2 && at(v, j - 2, "уч."));
    if !number.is_some_and(|j| v[j].ch.is_ascii_digit()) && !school_year {
        return;
    }
    tie(v, gap, edits);
    // «г. г.», «г.г.» after a range → «гг.»
    if word == 1 {
        let second = if ch(v, dot + 1).is_some_and(is_breakable) {
            dot + 2
        } else {
            dot + 1
        };
        if at(v, second, "г.") && ch(v, second + 2).is_none_or(|n| !letter(n)) {
            edits.push(Edit::Delete(dot));
            if second == dot + 2 {
                edits.push(Edit::Delete(dot + 1));
            }
        }
    }
}

/// «XXв.» → «XX в.», «XX-XXI в.» → «XX-XXI вв.», «в. в.» → «вв.».
fn centuries(v: &[C], i: usize, edits: &mut Vec<Edit>) {
    if before(v, i).is_some_and(|p| alnum(p) || matches!(p, '-' | '–')) {
        return;
    }
    let first = (i..v.len()).take_while(|&j| roman(v[j].ch)).count();
    let mut end = i + first;
    let mut range = false;
    if matches!(ch(v, end), Some('-' | '–')) && ch(v, end + 1).is_some_and(roman) {
        end += 1 + (end + 1..v.len()).take_while(|&j| roman(v[j].ch)).count();
        range = true;
    }
    let gap = end;
    let at_v = if ch(v, gap).is_some_and(is_breakable) {
        gap + 1
    } else {
        gap
    };
    if ch(v, at_v) != Some('в') {
        return;
    }
    let (double, tail) = if at(v, at_v, "вв.") {
        (true, at_v + 3)
    } else if at(v, at_v, "в. в.") {
        edits.extend([Edit::Delete(at_v + 1), Edit::Delete(at_v + 2)]);
        (true, at_v + 5)
    } else if at(v, at_v, "в.в.") {
        edits.push(Edit::Delete(at_v + 1));
        (true, at_v + 4)
    } else if at(v, at_v, "в.") {
        (false, at_v + 2)
    } else {
        return;
    };
    if ch(v, tail).is_some_and(letter) {
        return;
    }
    if range && !double {
        edits.push(Edit::Insert(at_v + 1, 'в'));
    }
    tie(v, gap, edits);
}

/// A number and what follows it: units, nouns, powers, a short last number.
fn numbers(v: &[C], i: usize, cfg: &TypographyConfig, edits: &mut Vec<Edit>) {
    let prev = before(v, i);
    if prev.is_some_and(|p| letter(p) || matches!(p, '.' | ',')) {
        return;
    }
    // «Вавилон-5 возвращается»: a number glued to a word by a hyphen.
    if prev == Some('-') && i >= 2 && letter(v[i - 2].ch) {
        return;
    }
    let end = number_end(v, i);
    let next = ch(v, end);
    if cfg.on(Rule::NumberUnit) {
        if next.is_some_and(letter) {
            let len = word_at(v, end);
            let unit = short_word(v, end, len, false);
            let tail = ch(v, end + len);
            // «10руб.» is money, «10руб» may be a code.
            let money = matches!(unit.as_str(), "руб" | "коп");
            if GLUED_UNITS.contains(&unit.as_str())
                && tail.is_none_or(|n| !alnum(n) || n == '2' || n == '3')
                && (!money || tail == Some('.'))
            {
                edits.push(Edit::Insert(end, super::NBSP));
                power(v, end, len, edits);
            }
        } else if next.is_some_and(is_breakable) {
            match ch(v, end + 1) {
                Some('°') => tie(v, end, edits),
                Some(n) if letter(n) => {
                    let len = word_at(v, end + 1);
                    let unit = short_word(v, end + 1, len, true);
                    let cyrillic = !n.is_ascii();
                    // «27 и» stays breakable; «118 с.» (an abbreviation) does not.
                    let abbreviation = ch(v, end + 1 + len) == Some('.');
                    let noun =
                        cyrillic && (abbreviation || !is_short_word(&v[end + 1..end + 1 + len]));
                    let latin = LATIN_UNITS.contains(&unit.as_str())
                        && ch(v, end + 1 + len).is_none_or(|a| !letter(a));
                    if noun || latin {
                        tie(v, end, edits);
                        power(v, end + 1, len, edits);
                    }
                }
                _ => {}
            }
        }
    }
    // «получил 5.», «(часть 1)»: a short number ending a sentence.
    if cfg.on(Rule::LastWord)
        && end - i <= 3
        && prev.is_some_and(is_breakable)
        && i >= 2
        && letter(v[i - 2].ch)
    {
        let mut j = end;
        if matches!(ch(v, j), Some('+' | '-' | '"' | '\'' | '%')) {
            j += 1;
        }
        if ch(v, j) == Some(')') {
            j += 1;
        }
        let closes = match ch(v, j) {
            None | Some('\n') => true,
            Some('.' | '!' | '?') => ch(v, j + 1).is_none_or(is_space),
            _ => false,
        };
        if closes {
            tie(v, i - 1, edits);
        }
    }
}

/// «м2» → «м²», «м3» → «м³» for the unit of `len` letters at `start`.
fn power(v: &[C], start: usize, len: usize, edits: &mut Vec<Edit>) {
    let unit = short_word(v, start, len, false);
    let digit = ch(v, start + len);
    if POWER_UNITS.contains(&unit.as_str())
        && matches!(digit, Some('2' | '3'))
        && ch(v, start + len + 1).is_none_or(|n| !alnum(n))
    {
        let sup = if digit == Some('2') { '²' } else { '³' };
        edits.push(Edit::Replace(start + len, sup));
    }
}
