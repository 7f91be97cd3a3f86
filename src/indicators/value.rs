//! Cell values of indicator tables as methodologists publish them: «14,5%»,
//! «0/8», «- / 9%», «около 11%», «от 17% до 38%», a bare «-», an empty parent
//! row. A cell keeps its raw text (never recompute what was published, domain
//! §3.7) next to the typed value parsed from it. Hand-written because these
//! forms are specific to Russian reports; no crate reads them.

use std::fmt::Write as _;

use crate::ru::numbers;

/// One number as printed: its value, how many decimals were printed (so «50%»
/// stays «50%» and «42,9%» stays «42,9%»), and whether it carried «%».
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    pub decimals: u8,
    pub percent: bool,
}

impl Number {
    /// A number without a percent sign, printed with `decimals` decimals.
    pub fn plain(value: f64, decimals: u8) -> Self {
        Number {
            value,
            decimals,
            percent: false,
        }
    }

    /// A percentage such as «14,5%» (`value` is 14.5, not 0.145).
    pub fn percent(value: f64, decimals: u8) -> Self {
        Number {
            value,
            decimals,
            percent: true,
        }
    }

    /// Russian print form with the published number of decimals (see
    /// [`crate::ru::numbers`]: decimal comma, «34 838», «%» attached).
    pub fn to_ru(&self) -> String {
        let decimals = Some(usize::from(self.decimals));
        if self.percent {
            numbers::percent_ru(self.value, decimals)
        } else {
            numbers::number_ru(self.value, decimals)
        }
    }
}

/// A one-sided bound as written in targets and thresholds: «не менее 75%».
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// «не менее», «от», «≥»
    AtLeast,
    /// «не более», «до», «≤»
    AtMost,
    /// «более», «свыше», «>»
    MoreThan,
    /// «менее», «<»
    LessThan,
}

impl Bound {
    fn word(self) -> &'static str {
        match self {
            Bound::AtLeast => "не менее",
            Bound::AtMost => "не более",
            Bound::MoreThan => "более",
            Bound::LessThan => "менее",
        }
    }
}

/// The typed meaning of a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing written: a parent row of sub-rows, or a blank cell.
    Empty,
    /// A dash «-»: no data, or none (the sources do not say which).
    Missing,
    Number(Number),
    /// «около 11%».
    Approx(Number),
    /// «от 17% до 38%», «17–38%».
    Range(Number, Number),
    /// «не менее 75%», «до 70 %».
    Bound(Bound, Number),
    /// «0/8»: two whole numbers; whether a share or a pair is unknown (§6).
    Fraction(Number, Number),
    /// «- / 9%», «11% / 4%»: two values whose order the row label names
    /// («(ОГЭ / ЕГЭ)»). Each part is `Missing` or `Number`.
    Pair(Box<Value>, Box<Value>),
    /// «да» / «нет».
    Flag(bool),
    /// A text cell.
    Text(String),
}

impl Value {
    /// The single number a chart can draw or a dynamics arrow can compare.
    pub fn scalar(&self) -> Option<Number> {
        match self {
            Value::Number(n) | Value::Approx(n) => Some(*n),
            _ => None,
        }
    }

    /// Russian display text. A dash becomes the typographic «—»; the raw
    /// text stays available on the cell.
    pub fn to_ru(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Missing => "—".to_string(),
            Value::Number(n) => n.to_ru(),
            Value::Approx(n) => format!("около {}", n.to_ru()),
            Value::Range(a, b) => format!("от {} до {}", a.to_ru(), b.to_ru()),
            Value::Bound(bound, n) => format!("{} {}", bound.word(), n.to_ru()),
            Value::Fraction(a, b) => format!("{}/{}", a.to_ru(), b.to_ru()),
            Value::Pair(a, b) => format!("{} / {}", a.to_ru(), b.to_ru()),
            Value::Flag(true) => "да".to_string(),
            Value::Flag(false) => "нет".to_string(),
            Value::Text(t) => t.clone(),
        }
    }
}

/// A cell: the text as published and what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub raw: String,
    pub value: Value,
}

/// What a column holds: numbers (the default) reject unreadable text, text
/// columns keep any text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    #[serde(alias = "число")]
    Number,
    #[serde(alias = "текст")]
    Text,
}

/// Why a cell of a numeric column could not be read, in Russian, ready to
/// be placed after the file and cell position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub raw: String,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Reads one cell. Empty and dash cells are accepted in any column; a text
/// column keeps everything else as text; a numeric column accepts the forms
/// of [`Value`] and reports anything else.
pub fn parse(raw: &str, kind: Kind) -> Result<Cell, ParseError> {
    parse_with_unit(raw, kind, None)
}

/// Like [`parse`], for a row or column with a declared unit: the unit may
/// also stand in the cell, as reports write it («21ч.», «126 ч.» with unit
/// «ч.»). The raw text keeps it; the value is the number.
pub fn parse_with_unit(raw: &str, kind: Kind, unit: Option<&str>) -> Result<Cell, ParseError> {
    let trimmed = raw.trim();
    let bare = unit
        .filter(|_| kind == Kind::Number)
        .and_then(|u| trimmed.strip_suffix(u.trim()))
        .filter(|rest| !rest.trim().is_empty())
        .unwrap_or(raw);
    let value = parse_value(bare, kind).map_err(|e| ParseError {
        raw: raw.to_string(),
        message: e.message,
    })?;
    Ok(Cell {
        raw: raw.to_string(),
        value,
    })
}

fn parse_value(raw: &str, kind: Kind) -> Result<Value, ParseError> {
    let text = normalize_spaces(raw);
    let text = text.trim();
    if text.is_empty() {
        return Ok(Value::Empty);
    }
    if is_dash(text) {
        return Ok(Value::Missing);
    }
    if kind == Kind::Text {
        return Ok(Value::Text(raw.trim().to_string()));
    }
    let lower = text.to_lowercase();
    match lower.as_str() {
        "да" => return Ok(Value::Flag(true)),
        "нет" => return Ok(Value::Flag(false)),
        _ => {}
    }
    if let Some(n) = number(text) {
        return Ok(Value::Number(n));
    }
    if let Some(v) = slashed(text) {
        return Ok(v);
    }
    for prefix in ["около ", "примерно ", "~", "≈"] {
        if let Some(rest) = strip_prefix_ci(text, &lower, prefix) {
            if let Some(n) = number(rest.trim_start()) {
                return Ok(Value::Approx(n));
            }
        }
    }
    if let Some(v) = range(text, &lower) {
        return Ok(v);
    }
    if let Some(v) = bound(text, &lower) {
        return Ok(v);
    }
    Err(ParseError {
        raw: raw.to_string(),
        message: explain(text),
    })
}

/// Builds the Russian message for an unreadable numeric cell, with a hint
/// for the mistakes authors actually make.
fn explain(text: &str) -> String {
    let mut message = format!("не удалось прочитать значение «{text}» в числовом столбце");
    let digits_end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, ',' | '.' | ' ')))
        .map(|(i, _)| i);
    if let Some(i) = digits_end.filter(|&i| i > 0) {
        let (num, unit) = text.split_at(i);
        if number(num.trim()).is_some() && unit.chars().next().is_some_and(char::is_alphabetic) {
            let _ = write!(
                message,
                ": похоже на число с единицей измерения «{}». Укажите единицу в описании \
                 таблицы или столбца (unit), а в ячейке оставьте число «{}»",
                unit.trim(),
                num.trim()
            );
            return message;
        }
    }
    message.push_str(
        ". Ожидается число («14,5» или «14.5»), процент («14,5%»), дробь («0/8»), пара \
         («11% / 4%», «- / 9%»), «около 11%», «от 17% до 38%», «да»/«нет», прочерк «-» или \
         пустая ячейка; для текста укажите у столбца kind: text",
    );
    message
}

/// Treats the no-break and thin spaces of copied text like ordinary ones.
fn normalize_spaces(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}' | '\t' => ' ',
            c => c,
        })
        .collect()
}

fn is_dash(s: &str) -> bool {
    matches!(s, "-" | "–" | "—" | "−" | "--")
}

/// `text` without `prefix`, compared case-insensitively through `lower`.
fn strip_prefix_ci<'a>(text: &'a str, lower: &str, prefix: &str) -> Option<&'a str> {
    // Lowercasing Cyrillic keeps byte lengths, so offsets agree.
    (lower.starts_with(prefix) && lower.len() == text.len()).then(|| &text[prefix.len()..])
}

/// A single number: optional sign, digits grouped by spaces, a decimal comma
/// or point, an optional «%» (also «40 %»).
fn number(s: &str) -> Option<Number> {
    let s = s.trim();
    let (s, percent) = match s.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (s, false),
    };
    let (negative, s) = match s.chars().next()? {
        '-' | '−' => (true, &s[s.chars().next()?.len_utf8()..]),
        '+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (int, frac) = match s.find([',', '.']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let groups: Vec<&str> = int.split(' ').collect();
    let int_ok = !groups[0].is_empty()
        && groups[0].len() <= if groups.len() > 1 { 3 } else { usize::MAX }
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3);
    if !int_ok {
        return None;
    }
    let frac = match frac {
        Some(f) if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) => return None,
        Some(f) => f,
        None => "",
    };
    let digits: String = groups.concat();
    let value: f64 = format!("{digits}.{}", if frac.is_empty() { "0" } else { frac })
        .parse()
        .ok()?;
    Some(Number {
        value: if negative { -value } else { value },
        decimals: u8::try_from(frac.len()).ok()?,
        percent,
    })
}

/// «0/8» (two whole numbers: a fraction) or «- / 9%», «11% / 4%» (a pair).
fn slashed(s: &str) -> Option<Value> {
    let (a, b) = s.split_once('/')?;
    let (a, b) = (a.trim(), b.trim());
    let part = |p: &str| -> Option<Value> {
        if is_dash(p) {
            Some(Value::Missing)
        } else {
            number(p).map(Value::Number)
        }
    };
    let (pa, pb) = (part(a)?, part(b)?);
    match (&pa, &pb) {
        (Value::Number(x), Value::Number(y))
            if !x.percent && !y.percent && x.decimals == 0 && y.decimals == 0 =>
        {
            Some(Value::Fraction(*x, *y))
        }
        _ => Some(Value::Pair(Box::new(pa), Box::new(pb))),
    }
}

/// «от 17% до 38%» or «17–38%»; a percent sign on one end applies to both.
fn range(text: &str, lower: &str) -> Option<Value> {
    let (a, b) = if let Some(rest) = strip_prefix_ci(text, lower, "от ") {
        let lower_rest = rest.to_lowercase();
        let i = lower_rest.find(" до ")?;
        (&rest[..i], &rest[i + " до ".len()..])
    } else {
        // A dash after the first character, so «-5» stays a negative number.
        let (i, c) = text
            .char_indices()
            .skip(1)
            .find(|&(_, c)| matches!(c, '–' | '—' | '-'))?;
        (&text[..i], &text[i + c.len_utf8()..])
    };
    let (mut a, mut b) = (number(a)?, number(b)?);
    if a.percent != b.percent {
        a.percent = true;
        b.percent = true;
    }
    Some(Value::Range(a, b))
}

/// «не менее 75%», «до 70 %», «≥ 95%».
fn bound(text: &str, lower: &str) -> Option<Value> {
    const WORDS: [(&str, Bound); 11] = [
        ("не менее ", Bound::AtLeast),
        ("не ниже ", Bound::AtLeast),
        ("не более ", Bound::AtMost),
        ("не выше ", Bound::AtMost),
        ("более ", Bound::MoreThan),
        ("свыше ", Bound::MoreThan),
        ("выше ", Bound::MoreThan),
        ("менее ", Bound::LessThan),
        ("ниже ", Bound::LessThan),
        ("от ", Bound::AtLeast),
        ("до ", Bound::AtMost),
    ];
    const SIGNS: [(&str, Bound); 4] = [
        ("≥", Bound::AtLeast),
        ("≤", Bound::AtMost),
        (">", Bound::MoreThan),
        ("<", Bound::LessThan),
    ];
    WORDS.iter().chain(SIGNS.iter()).find_map(|&(word, b)| {
        let rest = strip_prefix_ci(text, lower, word)?;
        number(rest.trim_start()).map(|n| Value::Bound(b, n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(raw: &str) -> Value {
        parse(raw, Kind::Number).unwrap().value
    }

    fn p(v: f64, d: u8) -> Number {
        Number::percent(v, d)
    }

    fn n(v: f64) -> Number {
        Number::plain(v, 0)
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(num("10"), Value::Number(n(10.0)));
        assert_eq!(num(" 1035 "), Value::Number(n(1035.0)));
        assert_eq!(num("0"), Value::Number(n(0.0)));
        assert_eq!(num("34 838"), Value::Number(n(34838.0)));
        assert_eq!(num("34\u{00A0}838"), Value::Number(n(34838.0)));
        assert_eq!(
            num("1\u{202F}234\u{202F}567"),
            Value::Number(n(1_234_567.0))
        );
        assert_eq!(num("-5"), Value::Number(n(-5.0)));
        assert_eq!(num("−5"), Value::Number(n(-5.0)));
        assert_eq!(num("+3"), Value::Number(n(3.0)));
    }

    #[test]
    fn decimal_comma_and_point_keep_printed_decimals() {
        assert_eq!(num("99,3"), Value::Number(Number::plain(99.3, 1)));
        assert_eq!(num("99.3"), Value::Number(Number::plain(99.3, 1)));
        assert_eq!(num("2,10"), Value::Number(Number::plain(2.1, 2)));
        assert_eq!(num("34 838,5"), Value::Number(Number::plain(34838.5, 1)));
    }

    #[test]
    fn percents() {
        assert_eq!(num("14,5%"), Value::Number(p(14.5, 1)));
        assert_eq!(num("90%"), Value::Number(p(90.0, 0)));
        assert_eq!(num("40 %"), Value::Number(p(40.0, 0)));
        assert_eq!(num("56.3%"), Value::Number(p(56.3, 1)));
        assert_eq!(num("-2,5%"), Value::Number(p(-2.5, 1)));
    }

    #[test]
    fn fractions() {
        assert_eq!(num("0/8"), Value::Fraction(n(0.0), n(8.0)));
        assert_eq!(num("4/10"), Value::Fraction(n(4.0), n(10.0)));
        assert_eq!(num("4 / 10"), Value::Fraction(n(4.0), n(10.0)));
    }

    #[test]
    fn pairs() {
        let pair = |a: Value, b: Value| Value::Pair(Box::new(a), Box::new(b));
        assert_eq!(
            num("- / 9%"),
            pair(Value::Missing, Value::Number(p(9.0, 0)))
        );
        assert_eq!(
            num("11% / 4%"),
            pair(Value::Number(p(11.0, 0)), Value::Number(p(4.0, 0)))
        );
        assert_eq!(num("9%/-"), pair(Value::Number(p(9.0, 0)), Value::Missing));
        assert_eq!(num("-/-"), pair(Value::Missing, Value::Missing));
        assert_eq!(
            num("2,5/3"),
            pair(Value::Number(Number::plain(2.5, 1)), Value::Number(n(3.0)))
        );
    }

    #[test]
    fn missing_and_empty() {
        for dash in ["-", "–", "—", " - ", "−"] {
            assert_eq!(num(dash), Value::Missing, "{dash:?}");
            assert_eq!(parse(dash, Kind::Text).unwrap().value, Value::Missing);
        }
        for empty in ["", "   ", "\u{00A0}"] {
            assert_eq!(num(empty), Value::Empty, "{empty:?}");
            assert_eq!(parse(empty, Kind::Text).unwrap().value, Value::Empty);
        }
    }

    #[test]
    fn approximate_values() {
        assert_eq!(num("около 11%"), Value::Approx(p(11.0, 0)));
        assert_eq!(num("Около 20%"), Value::Approx(p(20.0, 0)));
        assert_eq!(num("~ 3,5"), Value::Approx(Number::plain(3.5, 1)));
        assert_eq!(num("≈7"), Value::Approx(n(7.0)));
    }

    #[test]
    fn ranges() {
        assert_eq!(num("от 17% до 38%"), Value::Range(p(17.0, 0), p(38.0, 0)));
        assert_eq!(num("от 0% до 13%"), Value::Range(p(0.0, 0), p(13.0, 0)));
        assert_eq!(num("от 17 до 35%"), Value::Range(p(17.0, 0), p(35.0, 0)));
        assert_eq!(num("3–24"), Value::Range(n(3.0), n(24.0)));
        assert_eq!(num("17-38%"), Value::Range(p(17.0, 0), p(38.0, 0)));
    }

    #[test]
    fn bounds_of_targets() {
        assert_eq!(
            num("Не менее 75%"),
            Value::Bound(Bound::AtLeast, p(75.0, 0))
        );
        assert_eq!(num("до 70 %"), Value::Bound(Bound::AtMost, p(70.0, 0)));
        assert_eq!(num("от 10%"), Value::Bound(Bound::AtLeast, p(10.0, 0)));
        assert_eq!(num("более 20%"), Value::Bound(Bound::MoreThan, p(20.0, 0)));
        assert_eq!(num("≤ 5"), Value::Bound(Bound::AtMost, n(5.0)));
    }

    #[test]
    fn flags() {
        assert_eq!(num("да"), Value::Flag(true));
        assert_eq!(num("Нет"), Value::Flag(false));
    }

    #[test]
    fn text_cells_keep_text() {
        let cell = parse(" СШ №№ 1,9,10 ", Kind::Text).unwrap();
        assert_eq!(cell.value, Value::Text("СШ №№ 1,9,10".to_string()));
        assert_eq!(cell.raw, " СШ №№ 1,9,10 ");
        assert_eq!(
            parse("14,5%", Kind::Text).unwrap().value,
            Value::Text("14,5%".into())
        );
    }

    #[test]
    fn raw_text_is_kept() {
        let cell = parse("- / 9%", Kind::Number).unwrap();
        assert_eq!(cell.raw, "- / 9%");
    }

    #[test]
    fn unreadable_numbers_are_errors() {
        for bad in [
            "abc",
            "14,5%%",
            "1,2,3",
            "12 34",
            "1 2345",
            "14,",
            "/8",
            "1/2/3",
            "около",
            "от 5 до",
            "x5",
            "5 / abc",
        ] {
            let err = parse(bad, Kind::Number).unwrap_err();
            assert_eq!(err.raw, bad);
            assert!(err.message.contains("не удалось прочитать"), "{bad}");
        }
    }

    #[test]
    fn a_declared_unit_may_stand_in_the_cell() {
        let cell = parse_with_unit("21ч.", Kind::Number, Some("ч.")).unwrap();
        assert_eq!(cell.value, Value::Number(n(21.0)));
        assert_eq!(cell.raw, "21ч.");
        let cell = parse_with_unit("126 ч.", Kind::Number, Some("ч.")).unwrap();
        assert_eq!(cell.value, Value::Number(n(126.0)));
        assert_eq!(
            parse_with_unit("14", Kind::Number, Some("ч."))
                .unwrap()
                .value,
            Value::Number(n(14.0))
        );
        // Another unit is still an error, and a unit alone is no number.
        assert!(parse_with_unit("21 балл", Kind::Number, Some("ч.")).is_err());
        let err = parse_with_unit("ч.", Kind::Number, Some("ч.")).unwrap_err();
        assert_eq!(err.raw, "ч.");
    }

    #[test]
    fn number_with_unit_gets_a_hint() {
        let err = parse("21ч.", Kind::Number).unwrap_err();
        assert!(
            err.message.contains("единицей измерения «ч.»"),
            "{}",
            err.message
        );
        assert!(err.message.contains("число «21»"), "{}", err.message);
        let err = parse("abc", Kind::Number).unwrap_err();
        assert!(err.message.contains("kind: text"), "{}", err.message);
    }

    #[test]
    fn russian_number_format() {
        assert_eq!(Number::percent(14.5, 1).to_ru(), "14,5%");
        assert_eq!(Number::percent(50.0, 0).to_ru(), "50%");
        assert_eq!(Number::plain(1035.0, 0).to_ru(), "1035");
        assert_eq!(Number::plain(34838.0, 0).to_ru(), "34\u{202F}838");
        assert_eq!(
            Number::plain(1_234_567.25, 2).to_ru(),
            "1\u{202F}234\u{202F}567,25"
        );
        assert_eq!(Number::plain(-4.0, 0).to_ru(), "\u{2212}4");
    }

    #[test]
    fn russian_display_of_every_form() {
        let shown = |raw: &str| num(raw).to_ru();
        assert_eq!(shown("14.5%"), "14,5%");
        assert_eq!(shown("- / 9%"), "— / 9%");
        assert_eq!(shown("9%/-"), "9% / —");
        assert_eq!(shown("0/8"), "0/8");
        assert_eq!(shown("-"), "—");
        assert_eq!(shown(""), "");
        assert_eq!(shown("около 11%"), "около 11%");
        assert_eq!(shown("от 17 до 38%"), "от 17% до 38%");
        assert_eq!(shown("Не менее 75%"), "не менее 75%");
        assert_eq!(shown("ДА"), "да");
    }

    #[test]
    fn odd_input_never_panics() {
        let odd = [
            "İ",
            "İ5",
            "около",
            "ОКОЛО 5",
            "от  до",
            "от 5 до 6 до 7",
            "−",
            "- / ",
            "/",
            "%",
            "%%",
            "1 000 000,",
            ",5",
            ".5",
            "5.",
            "++5",
            "--5",
            "–5",
            "5–",
            "—/—",
            "≈",
            "~",
            "не менее",
            "<",
            "≤≤5",
            "\u{202F}",
            "1\u{202F}",
            "٣",
            "５",
            "1e5",
            "NaN",
            "inf",
            "от 5% до",
            "да/нет",
            "0/0",
            "99999999999999999999999",
            "1,2345678901234567890",
        ];
        for raw in odd {
            let _ = parse(raw, Kind::Number);
            let _ = parse_with_unit(raw, Kind::Number, Some("ч."));
            assert!(parse(raw, Kind::Text).is_ok());
        }
        // Digits of other scripts and exponents are not numbers here.
        for raw in ["٣", "５", "1e5", "NaN", "inf"] {
            assert!(parse(raw, Kind::Number).is_err(), "{raw}");
        }
    }

    #[test]
    fn scalar_is_only_for_single_numbers() {
        assert_eq!(num("14,5%").scalar(), Some(p(14.5, 1)));
        assert_eq!(num("около 11%").scalar(), Some(p(11.0, 0)));
        assert_eq!(num("0/8").scalar(), None);
        assert_eq!(num("- / 9%").scalar(), None);
        assert_eq!(num("-").scalar(), None);
    }
}
