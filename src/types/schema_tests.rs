//! Schema tests of every type: valid input reads, invalid input gives the
//! exact message at the exact place.

use super::{kind_by_name, parse, Typed};
use crate::types::front::PageFront;
use crate::yaml::{self, FieldError, Pos};

fn read(kind: &str, text: &str) -> Result<Typed, Vec<FieldError>> {
    let node = yaml::parse(text).expect("valid YAML");
    parse(
        kind_by_name(kind).expect("a type"),
        &node,
        "id-iz-faila",
        false,
        &[],
    )
}

fn problems(kind: &str, text: &str) -> Vec<(String, usize, usize, bool)> {
    let node = yaml::parse(text).expect("valid YAML");
    let typed = read(kind, text).expect("reads");
    let front: PageFront = yaml::from_node(&node, &[], false).expect("front");
    let mut out = Vec::new();
    typed.entry.check(&node, &front, &mut out);
    super::check_common(&typed, &node, &front, &mut out);
    out.into_iter()
        .map(|p| (p.message, p.pos.line, p.pos.column, p.warning))
        .collect()
}

fn first_error(kind: &str, text: &str) -> (String, Pos, Option<String>) {
    let e = read(kind, text).unwrap_err().remove(0);
    (e.message, e.pos.unwrap_or_default(), e.hint)
}

fn at(line: usize, column: usize) -> Pos {
    Pos { line, column }
}

#[test]
fn event() {
    let t = read(
        "event",
        "title: Семинар\ndate: 2022-11-17\ntime: \"10:00\"\nprogram:\n  - title: Тема\n    speakers: [vasinova-nd, {name: Иванов И.И.}]\n",
    )
    .unwrap();
    assert_eq!(t.id, "id-iz-faila");
    assert_eq!(
        first_error("event", "title: С\ntime: \"25:00\"\n"),
        (
            "«25:00» — не время; пишите часы и минуты: \"10:00\", \"14.30\" или промежуток \"14.00–15.30\"".into(),
            at(2, 7),
            None
        )
    );
    assert_eq!(
        first_error("event", "title: С\nprogram:\n  - speakers: [x]\n"),
        (
            "не хватает обязательного поля «title»".into(),
            at(3, 5),
            None
        )
    );
    assert_eq!(
        problems(
            "event",
            "title: С\nprogram:\n  - title: Т\n    speakers:\n      - {position: директор}\n"
        ),
        vec![(
            "у докладчика нет ни «person», ни «name»".into(),
            5,
            9,
            false
        )]
    );
}

#[test]
fn pair() {
    read("pair", "kind: кураторская пара\nmembers: [mbou-sh-9, {organisation: mbou-sh-33, role: школа куратора}]\n").unwrap();
    assert_eq!(
        first_error("pair", "kind: кураторская пара\nmembers: [{organisation: a, role: куратор}]\n"),
        (
            "недопустимое значение «куратор»".into(),
            at(2, 35),
            Some("допустимые значения: «ШНОР», «ШНРО», «школа-партнер», «школа-партнёр», «школа куратора», «школа-наставник», «участник»".into())
        )
    );
    assert_eq!(
        first_error("pair", "members: [a]\n").0,
        "не хватает обязательного поля «kind»"
    );
    assert_eq!(
        problems("pair", "kind: взаимоэкспертиза\nmembers: [a]\nevents:\n  - {title: Т, date: 2021-10-31, end_date: 2021-10-15}\n"),
        vec![("дата окончания (2021-10-15) раньше даты начала (2021-10-31)".into(), 4, 44, false)]
    );
}

#[test]
fn practice() {
    read("practice", "title: П\nlevel: школьная\neducation_levels: [ООО, СОО]\nmeasures: [Мера, {title: Совет, date: 2021-12-28}]\nperiod: {start: \"2021\", end: \"2023\"}\n").unwrap();
    assert_eq!(
        first_error("practice", "title: П\nlevel: школьный\n"),
        (
            "недопустимое значение «школьный»".into(),
            at(2, 8),
            Some("возможно, вы имели в виду «школьная»?".into())
        )
    );
    assert_eq!(
        problems(
            "practice",
            "title: П\nperiod: {start: \"2023\", end: \"2021\"}\n"
        ),
        vec![(
            "конец периода (2021) раньше его начала (2023)".into(),
            2,
            30,
            false
        )]
    );
}

#[test]
fn document() {
    let t = read("document", "kind: приказ\nnumber: 1028\nnumber_aliases: [\"1048\"]\nrelated: [prikaz-2, {document: prikaz-3, relation: основание}]\n").unwrap();
    assert_eq!(t.entry.to_json()["number"], "1028");
    assert_eq!(
        first_error("document", "kind: приказ\nstatus: отменён\n").0,
        "недопустимое значение «отменён»"
    );
    assert_eq!(
        problems("document", "level: федеральный\n"),
        vec![(
            "у документа нет ни вида («kind»), ни заголовка («title»)".into(),
            1,
            1,
            false
        )]
    );
    assert_eq!(
        problems(
            "document",
            "kind: приказ\nattachments: [{title: Положение, file: \"#\"}]\n"
        ),
        vec![(
            "ссылка-заглушка «#» у материала «Положение»".into(),
            2,
            40,
            true
        )]
    );
}

#[test]
fn plan() {
    read("plan", "title: Дорожная карта\nstages:\n  - {number: \"1\", title: Этап, items: [{number: \"1.1\", activity: Анализ, period: {due: 2021-04-25}}]}\n").unwrap();
    assert_eq!(
        first_error("plan", "title: План\nitems:\n  - number: \"1\"\n"),
        (
            "не хватает обязательного поля «activity»".into(),
            at(3, 5),
            None
        )
    );
    assert_eq!(
        problems("plan", "title: П\nitems:\n  - {number: \"1\", activity: А}\n  - {number: \"1\", activity: Б}\n"),
        vec![("пункт № 1 встречается в плане дважды".into(), 4, 14, true)]
    );
    let mut numbers = vec!["1.10", "1.2", "2", "1.1"];
    numbers.sort_by_key(|n| crate::ru::collate::natural_key(n));
    assert_eq!(numbers, ["1.1", "1.2", "1.10", "2"]);
}

#[test]
fn organisation() {
    let t = read(
        "organisation",
        "short_name: МБОУ «СШ № 9»\nphones: [\"+7 (4812) 31-30-35\"]\nrisk_profiles:\n  - factors: [a, {factor: b, significance: высокая}]\nstatuses:\n  - {school_year: \"2020-2021\", status: ШНРО}\n",
    )
    .unwrap();
    assert_eq!(t.entry.own_title().as_deref(), Some("МБОУ «СШ № 9»"));
    assert_eq!(
        first_error("organisation", "short_name: Ш\nstatuses:\n  - {school_year: \"2020/2021\", status: ШНРО}\n").0,
        "«2020/2021» — не учебный год; пишите два года через дефис в кавычках, например \"2021-2022\""
    );
    assert_eq!(
        first_error("organisation", "full_name: Школа\n").0,
        "не хватает обязательного поля «short_name»"
    );
    assert_eq!(
        problems(
            "organisation",
            "short_name: Ш\nrisk_profiles:\n  - {factors: [a], verified: false}\n"
        ),
        vec![(
            "рисковый профиль не сверен с источником (verified: false)".into(),
            3,
            30,
            true
        )]
    );
}

#[test]
fn person() {
    let t = read(
        "person",
        "surname: Васинова\nname: Наталья\npatronymic: Дмитриевна\nconsent: [email]\n",
    )
    .unwrap();
    assert_eq!(
        t.entry.own_title().as_deref(),
        Some("Васинова Наталья Дмитриевна")
    );
    assert!(t.entry.names().contains(&"Васинова Н.Д.".to_string()));
    let t = read("person", "surname: Тренина\nshort_name: Тренина О.В.\n").unwrap();
    assert_eq!(t.entry.own_title().as_deref(), Some("Тренина О.В."));
    assert_eq!(
        first_error("person", "surname: В\nconsent: [телефон]\n").0,
        "недопустимое значение «телефон»"
    );
}

#[test]
fn risk_factor_and_glossary_term() {
    read(
        "risk_factor",
        "title: Низкая мотивация\nparameters: [Уровень мотивации, {title: Доля, unit: \"%\"}]\n",
    )
    .unwrap();
    assert_eq!(
        first_error("risk_factor", "title: Ф\nparameters: [{unit: балл}]\n"),
        (
            "не хватает обязательного поля «title»".into(),
            at(2, 14),
            None
        )
    );
    let t = read(
        "glossary_term",
        "term: ШНРО\nexpansion: школы с низкими результатами обучения\nautolink: false\n",
    )
    .unwrap();
    assert_eq!(t.entry.own_title().as_deref(), Some("ШНРО"));
    assert_eq!(
        first_error("glossary_term", "expansion: x\n").0,
        "не хватает обязательного поля «term»"
    );
}

#[test]
fn common_fields_and_unknown_fields() {
    let errors = read(
        "practice",
        "title: П\nschool_yaer: \"2021-2022\"\ngoals: x\n",
    )
    .unwrap_err();
    let found: Vec<(String, Option<String>)> =
        errors.into_iter().map(|e| (e.message, e.hint)).collect();
    assert_eq!(
        found,
        vec![
            (
                "неизвестное поле «school_yaer»".into(),
                Some("возможно, вы имели в виду «school_year»?".into())
            ),
            (
                "неизвестное поле «goals»".into(),
                Some("возможно, вы имели в виду «goal»?".into())
            ),
        ]
    );
    assert_eq!(
        problems(
            "page",
            "title: С\ndate: \"2022-11\"\ndate_precision: day\nverified: false\n"
        ),
        vec![
            (
                "точность даты не совпадает с датой «2022-11»".into(),
                3,
                17,
                false
            ),
            (
                "запись не сверена с источником (verified: false)".into(),
                4,
                11,
                true
            ),
        ]
    );
    assert_eq!(
        first_error("page", "title: С\nbody: текст\n").0,
        "поле «body» бывает только у записей YAML-списка"
    );
}
