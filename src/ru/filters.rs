//! Template filters of the Russian layer for tera 2, documented for theme
//! authors in `docs/filters.md`. Each is a thin adapter over the function of
//! the same name in `crate::ru`, so Rust code and templates print alike.

use super::citation::{cite_act, ActRef};
use super::dates::{
    date_numeric, month_ru, parse_date, parse_month, partial_date_ru, partial_range_ru, weekday_ru,
    MonthCase, SchoolYear, SchoolYearCase, YearSeparator,
};
use super::numbers::{number_ru, parse_number, percent_ru};
use super::plural::plural_ru;
use super::slug::slugify;
use super::typography::{typograph_html, TypographyConfig};
use tera::{Error, Kwargs, State, StringInput, Tera, TeraResult, Value};

/// Site-wide choices the filters follow (from `site.toml`).
#[derive(Debug, Clone, Copy, Default)]
pub struct FilterSettings {
    pub typography: TypographyConfig,
    /// How `school_year` joins the two years unless a template says otherwise.
    pub year_separator: YearSeparator,
}

/// Registers every filter with the default settings.
pub fn register(tera: &mut Tera) {
    register_with(tera, FilterSettings::default());
}

/// Registers every filter following the site's settings.
pub fn register_with(tera: &mut Tera, settings: FilterSettings) {
    tera.register_filter("date_ru", |v: &Value, _: Kwargs, _: &State| {
        let s = v
            .as_str()
            .ok_or_else(|| Error::message(format!("ожидалась дата ГГГГ-ММ-ДД, получено: {v}")))?;
        partial_date_ru(s).map_err(Error::message)
    });
    tera.register_filter("date_numeric", |v: &Value, _: Kwargs, _: &State| {
        date_arg(v).map(date_numeric)
    });
    tera.register_filter("month_ru", month_filter);
    tera.register_filter("date_range_ru", |v: &Value, kw: Kwargs, _: &State| {
        let end = kw.must_get::<&Value>("end")?;
        let text = |v: &Value| {
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| Error::message(format!("ожидалась дата ГГГГ-ММ-ДД, получено: {v}")))
        };
        partial_range_ru(&text(v)?, &text(end)?).map_err(Error::message)
    });
    tera.register_filter("weekday_ru", |v: &Value, kw: Kwargs, _: &State| {
        let short = kw.get::<bool>("short")?.unwrap_or(false);
        Ok::<_, Error>(weekday_ru(date_arg(v)?, short).to_string())
    });
    tera.register_filter("school_year", move |v: &Value, kw: Kwargs, _: &State| {
        school_year_filter(v, &kw, settings.year_separator)
    });
    tera.register_filter("number_ru", |v: &Value, kw: Kwargs, _: &State| {
        let decimals = kw.get::<usize>("decimals")?;
        Ok::<_, Error>(number_ru(number_arg(v)?, decimals))
    });
    tera.register_filter("percent_ru", |v: &Value, kw: Kwargs, _: &State| {
        let decimals = kw.get::<usize>("decimals")?;
        Ok::<_, Error>(percent_ru(number_arg(v)?, decimals))
    });
    tera.register_filter("plural", |v: &Value, kw: Kwargs, _: &State| {
        let n = number_arg(v)?;
        let (one, few, many) = (
            kw.must_get::<&str>("one")?,
            kw.must_get::<&str>("few")?,
            kw.must_get::<&str>("many")?,
        );
        Ok::<_, Error>(plural_ru(n, one, few, many))
    });
    tera.register_filter("typograph", move |v: StringInput, _: Kwargs, _: &State| {
        if v.is_safe() {
            Value::safe_string(&typograph_html(v.as_str(), &settings.typography).output)
        } else {
            Value::from(crate::ru::typeset(v.as_str(), &settings.typography))
        }
    });
    tera.register_filter("slugify", |v: &str, _: Kwargs, _: &State| slugify(v));
    tera.register_filter("cite_act", cite_act_filter);
}

fn date_arg(v: &Value) -> TeraResult<chrono::NaiveDate> {
    let s = v
        .as_str()
        .ok_or_else(|| Error::message(format!("ожидалась дата ГГГГ-ММ-ДД, получено: {v}")))?;
    parse_date(s).map_err(Error::message)
}

fn number_arg(v: &Value) -> TeraResult<f64> {
    v.as_f64()
        .or_else(|| v.as_str().and_then(parse_number))
        .ok_or_else(|| Error::message(format!("ожидалось число, получено: {v}")))
}

fn month_filter(v: &Value, kw: Kwargs, _: &State) -> TeraResult<String> {
    let s = v
        .as_str()
        .ok_or_else(|| Error::message(format!("ожидался месяц ГГГГ-ММ, получено: {v}")))?;
    let (year, month) = parse_month(s).map_err(Error::message)?;
    let case = match kw.get::<&str>("case")?.unwrap_or("nom") {
        "nom" => MonthCase::Nominative,
        "gen" => MonthCase::Genitive,
        "prep" => MonthCase::Prepositional,
        other => return Err(bad_case(other, "nom, gen, prep")),
    };
    Ok(month_ru(year, month, case))
}

fn school_year_filter(v: &Value, kw: &Kwargs, default_sep: YearSeparator) -> TeraResult<String> {
    let s = v
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| v.to_string());
    let year = match parse_date(&s) {
        Ok(date) if s.len() >= 10 => SchoolYear::of_date(date),
        _ => SchoolYear::parse(&s).map_err(Error::message)?,
    };
    let case = match kw.get::<&str>("case")?.unwrap_or("nom") {
        "nom" => SchoolYearCase::Nominative,
        "gen" => SchoolYearCase::Genitive,
        "prep" => SchoolYearCase::Prepositional,
        "abbr" => SchoolYearCase::Abbreviated,
        "bare" => SchoolYearCase::Bare,
        other => return Err(bad_case(other, "nom, gen, prep, abbr, bare")),
    };
    let sep = match kw.get::<&str>("sep")? {
        None => default_sep,
        Some("/") => YearSeparator::Slash,
        Some("–") => YearSeparator::EnDash,
        Some("-") => YearSeparator::Hyphen,
        Some(other) => {
            return Err(Error::message(format!(
                "school_year: разделитель «{other}» не поддерживается; возможны «/», «–», «-»"
            )))
        }
    };
    Ok(year.format(sep, case))
}

fn bad_case(got: &str, allowed: &str) -> Error {
    Error::message(format!("неизвестный падеж «{got}»; возможны: {allowed}"))
}

/// `{{ doc | cite_act }}` over a document map with `kind`, `issuer` (or
/// `issuer_genitive`), `date` (ISO), `number`, `title`; `lower=true` starts
/// with a lower-case kind for use inside a sentence.
fn cite_act_filter(v: &Value, kw: Kwargs, _: &State) -> TeraResult<String> {
    let map = v
        .as_map()
        .ok_or_else(|| Error::message(format!("cite_act: ожидался документ, получено: {v}")))?;
    let field = |name: &'static str| {
        map.get(&name.into())
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
    };
    let kind =
        field("kind").ok_or_else(|| Error::message("cite_act: у документа нет поля «kind»"))?;
    let date = match field("date") {
        Some(d) => Some(parse_date(d).map_err(Error::message)?),
        None => None,
    };
    let act = ActRef {
        kind,
        issuer: field("issuer_genitive").or_else(|| field("issuer")),
        date,
        number: field("number"),
        title: field("title"),
    };
    let lower = kw.get::<bool>("lower")?.unwrap_or(false);
    Ok(cite_act(&act, !lower))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::Context;

    fn render(template: &str, ctx: &Context) -> Result<String, String> {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.add_raw_template("t", template)
            .map_err(|e| e.to_string())?;
        tera.render("t", ctx)
            .map(|s| s.replace('\u{a0}', "~").replace('\u{202f}', "_"))
            .map_err(|e| format!("{e:?}"))
    }

    fn ok(template: &str) -> String {
        render(template, &Context::new()).unwrap()
    }

    #[test]
    fn dates() {
        assert_eq!(ok(r#"{{ "2022-11-17" | date_ru }}"#), "17~ноября 2022~г.");
        assert_eq!(ok(r#"{{ "2022-11-17" | date_numeric }}"#), "17.11.2022");
        assert_eq!(ok(r#"{{ "2020-12" | date_ru }}"#), "декабрь 2020~г.");
        assert_eq!(ok(r#"{{ "2021" | date_ru }}"#), "2021~г.");
        assert_eq!(ok(r#"{{ "2020-12" | month_ru }}"#), "декабрь 2020~г.");
        assert_eq!(
            ok(r#"в {{ "2020-12" | month_ru(case="prep") }}"#),
            "в декабре 2020~г."
        );
        assert_eq!(
            ok(r#"{{ "2021-10-15" | date_range_ru(end="2021-10-31") }}"#),
            "15–31~октября 2021~г."
        );
        assert_eq!(
            ok(r#"{{ "2020-12" | date_range_ru(end="2021-02") }}"#),
            "декабрь 2020~г. – февраль 2021~г."
        );
        assert_eq!(ok(r#"{{ "2021-11-28" | weekday_ru }}"#), "воскресенье");
        assert_eq!(ok(r#"{{ "2022-11-17" | weekday_ru(short=true) }}"#), "чт");
    }

    #[test]
    fn school_years() {
        assert_eq!(
            ok(r#"{{ "2022-11-17" | school_year }}"#),
            "2022/2023~учебный год"
        );
        assert_eq!(
            ok(r#"в {{ "2021-2022" | school_year(case="prep") }}"#),
            "в 2021/2022~учебном году"
        );
        assert_eq!(
            ok(r#"{{ "2020-2021" | school_year(case="gen", sep="-") }}"#),
            "2020-2021~учебного года"
        );
        assert_eq!(
            ok(r#"{{ "2021-2022" | school_year(case="abbr", sep="–") }}"#),
            "2021–2022~уч.~г."
        );
        let err = render(r#"{{ "2020-2022" | school_year }}"#, &Context::new()).unwrap_err();
        assert!(err.contains("на единицу больше"), "{err}");
    }

    #[test]
    fn numbers_and_plurals() {
        assert_eq!(ok("{{ 34838 | number_ru }}"), "34_838");
        assert_eq!(ok("{{ 14.5 | number_ru }}"), "14,5");
        assert_eq!(ok(r#"{{ "14.5" | percent_ru }}"#), "14,5%");
        assert_eq!(ok("{{ (2 / 3 * 100) | percent_ru(decimals=1) }}"), "66,7%");
        let schools = r#"{{ n | plural(one="школа", few="школы", many="школ") }}"#;
        for (n, expected) in [
            (1, "1~школа"),
            (3, "3~школы"),
            (11, "11~школ"),
            (21, "21~школа"),
        ] {
            let mut ctx = Context::new();
            ctx.insert("n", &n);
            assert_eq!(render(schools, &ctx).unwrap(), expected);
        }
        let err = render(
            r#"{{ 5 | plural(one="школа", few="школы") }}"#,
            &Context::new(),
        )
        .unwrap_err();
        assert!(err.contains("many"), "{err}");
    }

    #[test]
    fn typograph_and_slugify() {
        let mut ctx = Context::new();
        ctx.insert("title", r#"Проект "500+" - итоги"#);
        ctx.insert("html", r#"<p title="a - b">Проект "500+"</p>"#);
        assert_eq!(
            render("{{ title | typograph }}", &ctx).unwrap(),
            "Проект «500+»~— итоги"
        );
        assert_eq!(
            render("{{ html | safe | typograph }}", &ctx).unwrap(),
            r#"<p title="a - b">Проект «500+»</p>"#
        );
        assert_eq!(
            ok(r#"{{ "Межшкольное партнёрство" | slugify }}"#),
            "mezhshkolnoe-partnerstvo"
        );
    }

    #[test]
    fn cite_act_from_document() {
        let mut ctx = Context::new();
        ctx.insert(
            "doc",
            &serde_json::json!({
                "kind": "приказ",
                "issuer_genitive": "Департамента Смоленской области по образованию и науке",
                "date": "2021-06-25",
                "number": "№ 602 - ОД",
                "title": "Об утверждении Комплекса мер"
            }),
        );
        assert_eq!(
            render("{{ doc | cite_act }}", &ctx).unwrap(),
            "Приказ Департамента Смоленской области по~образованию и~науке от~25.06.2021 №~602\u{2011}ОД «Об~утверждении Комплекса мер»"
                .replace("по~образованию и~науке", "по образованию и науке")
        );
        assert!(render("{{ doc | cite_act(lower=true) }}", &ctx)
            .unwrap()
            .starts_with("приказ "));
    }
}
