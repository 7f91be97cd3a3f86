//! Citation of normative acts in the house form of domain.md §5.3:
//! `{Вид} {издатель в род. п.} от {ДД.ММ.ГГГГ} № {номер} «{Заголовок}»`,
//! built from a document's fields, with the number normalised for display
//! («№117» → «№ 117», «№ 718 – ОД» → «№ 718‑ОД») and a quoted title whose own
//! quotes become „лапки“.

use super::dates::date_numeric;
use super::typography::{TypographyConfig, NBSP};
use chrono::NaiveDate;

/// Non-breaking hyphen (U+2011): «602‑ОД» never breaks at the hyphen.
pub const NB_HYPHEN: char = '\u{2011}';

/// The fields of a document that its citation uses.
#[derive(Debug, Clone, Copy, Default)]
pub struct ActRef<'a> {
    /// «приказ», «постановление»…
    pub kind: &'a str,
    /// The issuer in the genitive, capitalised as the organisation record says.
    pub issuer: Option<&'a str>,
    pub date: Option<NaiveDate>,
    /// The number as written in the source; normalised for display.
    pub number: Option<&'a str>,
    pub title: Option<&'a str>,
}

/// The citation line. `sentence_start` capitalises the kind («Приказ…» in a
/// list) or lower-cases it («…приказом…» inside a sentence).
pub fn cite_act(act: &ActRef, sentence_start: bool) -> String {
    let mut out = String::new();
    let title = act.title.map(str::trim).filter(|t| !t.is_empty());
    // «Методика оказания…» already names its kind: the title leads, unquoted,
    // instead of «Методика «Методика оказания…»».
    let titled_by_kind = title.filter(|t| starts_with_kind(strip_outer_quotes(t), act.kind.trim()));
    let kind = match titled_by_kind {
        Some(t) => super::typeset(strip_outer_quotes(t), &TypographyConfig::default()),
        None => act.kind.trim().to_string(),
    };
    let mut chars = kind.chars();
    if let Some(first) = chars.next() {
        if sentence_start {
            out.extend(first.to_uppercase());
        } else {
            out.extend(first.to_lowercase());
        }
        out.push_str(chars.as_str());
    }
    let mut push = |part: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    };
    if let Some(issuer) = act.issuer.map(str::trim).filter(|s| !s.is_empty()) {
        push(issuer);
    }
    if let Some(date) = act.date {
        push(&format!("от{NBSP}{}", date_numeric(date)));
    }
    if let Some(number) = act
        .number
        .map(normalize_act_number)
        .filter(|n| !n.is_empty())
    {
        push(&format!("№{NBSP}{number}"));
    }
    if let Some(title) = title.filter(|_| titled_by_kind.is_none()) {
        push(&quote_title(title));
    }
    out
}

/// Whether `title` opens with the word(s) of `kind`, in any case.
fn starts_with_kind(title: &str, kind: &str) -> bool {
    if kind.is_empty() {
        return false;
    }
    let mut t = title.chars().flat_map(char::to_lowercase);
    let whole = kind
        .chars()
        .flat_map(char::to_lowercase)
        .all(|k| t.next() == Some(k));
    whole && t.next().is_none_or(|c| !c.is_alphanumeric())
}

/// The display form of an act number without the «№» sign: «N 249» → «249»,
/// «718 – ОД» → «718‑ОД», «13/1 ОД» → «13/1 ОД» with a no-break space.
pub fn normalize_act_number(raw: &str) -> String {
    let mut s = raw.trim();
    for sign in ["№", "N", "No"] {
        if let Some(rest) = s.strip_prefix(sign) {
            if rest.starts_with(|c: char| c.is_whitespace() || c.is_ascii_digit()) {
                s = rest.trim_start();
                break;
            }
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '-' | '–' | '—' | '‑') {
            while out.ends_with(char::is_whitespace) {
                out.pop();
            }
            out.push(NB_HYPHEN);
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
        } else if c.is_whitespace() {
            if chars
                .peek()
                .is_some_and(|n| !matches!(n, '-' | '–' | '—' | '‑'))
                && !out.ends_with(NBSP)
            {
                out.push(NBSP);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// «Об утверждении …» in «ёлочки»; quotes inside become „лапки“, a title
/// already wrapped in quotes is not wrapped twice.
fn quote_title(title: &str) -> String {
    let inner = strip_outer_quotes(title);
    super::typeset(&format!("«{inner}»"), &TypographyConfig::default())
}

fn strip_outer_quotes(title: &str) -> &str {
    let opens = |c: char| matches!(c, '«' | '"' | '“' | '„');
    let closes = |c: char| matches!(c, '»' | '"' | '”' | '“');
    let (Some(first), Some(last)) = (title.chars().next(), title.chars().last()) else {
        return title;
    };
    if title.chars().count() < 2 || !opens(first) || !closes(last) {
        return title;
    }
    let inner = &title[first.len_utf8()..title.len() - last.len_utf8()];
    // «А» и «Б» starts and ends with quotes but is not one quoted phrase:
    // the inner text must not close the outer quote early.
    let mut depth = 0i32;
    for c in inner.chars() {
        match c {
            '«' | '„' => depth += 1,
            '»' | '“' | '”' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return title;
        }
    }
    inner
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn plain(s: String) -> String {
        s.replace(NBSP, " ").replace(NB_HYPHEN, "‑")
    }

    #[test]
    fn smolensk_order_normalised() {
        let act = ActRef {
            kind: "приказ",
            issuer: Some("Департамента Смоленской области по образованию и науке"),
            date: d(2021, 6, 25),
            number: Some("602-ОД"),
            title: Some(
                "Об утверждении Комплекса мер по работе со школами с низкими результатами обучения",
            ),
        };
        assert_eq!(
            plain(cite_act(&act, true)),
            "Приказ Департамента Смоленской области по образованию и науке от 25.06.2021 № 602‑ОД \
             «Об утверждении Комплекса мер по работе со школами с низкими результатами обучения»"
        );
        assert!(cite_act(&act, false).starts_with("приказ Департамента"));
        assert!(cite_act(&act, true).contains("№\u{a0}602\u{2011}ОД"));
    }

    #[test]
    fn nested_quotes_in_title() {
        let act = ActRef {
            kind: "Приказ",
            issuer: Some("управления образования"),
            date: d(2021, 12, 30),
            number: Some("275-осн/д"),
            title: Some(
                "«Об утверждении плана-графика («дорожной карты») реализации проекта «500+»»",
            ),
        };
        let cited = plain(cite_act(&act, true));
        assert!(
            cited.ends_with("№ 275‑осн/д «Об утверждении плана-графика („дорожной карты“) реализации проекта „500+“»"),
            "{cited}"
        );
        let straight = ActRef {
            title: Some(r#"О проекте "500+""#),
            ..act
        };
        assert!(plain(cite_act(&straight, true)).ends_with("«О проекте „500+“»"));
    }

    #[test]
    fn kind_not_repeated_when_the_title_names_it() {
        let act = ActRef {
            kind: "методика",
            title: Some("Методика оказания адресной методической помощи"),
            ..ActRef::default()
        };
        assert_eq!(
            plain(cite_act(&act, true)),
            "Методика оказания адресной методической помощи"
        );
        let concept = ActRef {
            kind: "концепция",
            issuer: Some("МБОУ «СШ № 9»"),
            title: Some("«Концепция развития МБОУ «СШ № 9»»"),
            ..ActRef::default()
        };
        assert_eq!(
            plain(cite_act(&concept, true)),
            "Концепция развития МБОУ «СШ №\u{202f}9» МБОУ «СШ № 9»"
        );
        let methods = ActRef {
            kind: "метод",
            title: Some("Методика"),
            ..ActRef::default()
        };
        assert_eq!(plain(cite_act(&methods, true)), "Метод «Методика»");
    }

    #[test]
    fn numbers_normalised() {
        let n = |s| plain(normalize_act_number(s));
        assert_eq!(n("№117"), "117");
        assert_eq!(n("№ 718 – ОД"), "718‑ОД");
        assert_eq!(n("N 249"), "249");
        assert_eq!(n("1028"), "1028");
        assert_eq!(n("13/1 ОД"), "13/1 ОД");
        assert_eq!(n("73/ОД"), "73/ОД");
        assert_eq!(n("Nord-1"), "Nord‑1");
    }

    #[test]
    fn optional_parts() {
        let federal = ActRef {
            kind: "постановление",
            issuer: Some("Правительства РФ"),
            date: d(2004, 5, 22),
            number: Some("249"),
            title: None,
        };
        assert_eq!(
            plain(cite_act(&federal, true)),
            "Постановление Правительства РФ от 22.05.2004 № 249"
        );
        let decree = ActRef {
            kind: "указ",
            title: Some("«А» и «Б»"),
            ..ActRef::default()
        };
        assert_eq!(plain(cite_act(&decree, true)), "Указ «„А“ и „Б“»");
    }
}
