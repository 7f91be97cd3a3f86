//! What «Сведения об образовательной организации» must hold: the subsections
//! (приказ № 1493, п. 6; addresses of MR v9, table 3.1), the items of each
//! with their MR v9 `itemprop` and whether the MR marks them «при наличии»,
//! and the checks: formats for every entry, and for a site of an
//! educational organisation every mandatory item present or marked absent.

use super::Sveden;
use crate::config::SiteKind;
use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;
use crate::types::front::PageFront;
use crate::types::Problem;
use crate::yaml::{Node, Pos};

/// A subsection of `/sveden/`.
pub struct Subsection {
    /// Its address under `/sveden/`, as MR v9 spells it.
    pub id: &'static str,
    /// Its title as приказ № 1493 words it.
    pub title: &'static str,
    /// Only organisations with ФГОС/ФГТ or own standards need
    /// «Образовательные стандарты».
    pub required: bool,
}

const fn sub(id: &'static str, title: &'static str) -> Subsection {
    Subsection {
        id,
        title,
        required: true,
    }
}

pub const SUBSECTIONS: &[Subsection] = &[
    sub("common", "Основные сведения"),
    sub(
        "struct",
        "Структура и органы управления образовательной организацией",
    ),
    sub("document", "Документы"),
    sub("education", "Образование"),
    Subsection {
        required: false,
        ..sub("eduStandarts", "Образовательные стандарты и требования")
    },
    sub("managers", "Руководство"),
    sub("employees", "Педагогический состав"),
    sub(
        "objects",
        "Материально-техническое обеспечение и оснащенность образовательного процесса. Доступная среда",
    ),
    sub("grants", "Стипендии и меры поддержки обучающихся"),
    sub("paid_edu", "Платные образовательные услуги"),
    sub("budget", "Финансово-хозяйственная деятельность"),
    sub(
        "vacant",
        "Вакантные места для приема (перевода) обучающихся",
    ),
    sub("inter", "Международное сотрудничество"),
    sub(
        "catering",
        "Организация питания в образовательной организации",
    ),
];

/// The subsection ids, which are the entries' ids and slugs.
pub const IDS: &[&str] = &[
    "common",
    "struct",
    "document",
    "education",
    "eduStandarts",
    "managers",
    "employees",
    "objects",
    "grants",
    "paid_edu",
    "budget",
    "vacant",
    "inter",
    "catering",
];

pub fn subsection(id: &str) -> Option<&'static Subsection> {
    SUBSECTIONS.iter().find(|s| s.id == id)
}

/// An item of a subsection: the entry field that holds it.
pub struct Field {
    pub subsection: &'static str,
    pub field: &'static str,
    pub itemprop: &'static str,
    /// After «нет»: «даты создания».
    pub what: &'static str,
    /// False for the MR's «при наличии» items.
    pub required: bool,
    /// A value to show in the hint.
    pub example: &'static str,
}

const fn f(
    subsection: &'static str,
    field: &'static str,
    itemprop: &'static str,
    what: &'static str,
    example: &'static str,
) -> Field {
    Field {
        subsection,
        field,
        itemprop,
        what,
        required: true,
        example,
    }
}

/// An item the MR marks «при наличии».
const fn opt(
    subsection: &'static str,
    field: &'static str,
    itemprop: &'static str,
    what: &'static str,
) -> Field {
    Field {
        subsection,
        field,
        itemprop,
        what,
        required: false,
        example: "",
    }
}

const DOC: &str = "{document: ustav}";

pub const FIELDS: &[Field] = &[
    f(
        "common",
        "full_name",
        "fullName",
        "полного наименования",
        "Муниципальное бюджетное учреждение …",
    ),
    opt(
        "common",
        "short_name",
        "shortName",
        "сокращённого наименования",
    ),
    f(
        "common",
        "reg_date",
        "regDate",
        "даты создания",
        "01.09.1990",
    ),
    f(
        "common",
        "founders",
        "uchredLaw",
        "сведений об учредителе",
        "[{name: …, address: …}]",
    ),
    f(
        "common",
        "address",
        "address",
        "адреса",
        "214000, Смоленская область, г. Смоленск, ул. …, д. 1",
    ),
    f(
        "common",
        "work_time",
        "workTime",
        "режима работы",
        "понедельник — пятница, 9:00–18:00",
    ),
    f(
        "common",
        "phones",
        "telephone",
        "телефона",
        "[\"(4812) 00-00-00\"]",
    ),
    f(
        "common",
        "emails",
        "email",
        "адреса электронной почты",
        "[info@example.ru]",
    ),
    f(
        "common",
        "license",
        "licenseDocLink",
        "лицензии (выписки из реестра лицензий)",
        "{file: litsenziia.pdf}",
    ),
    opt(
        "common",
        "accreditation",
        "accreditationDocLink",
        "свидетельства об аккредитации",
    ),
    f(
        "common",
        "places_network",
        "addressPlaceSet",
        "мест осуществления деятельности по сетевой форме",
        "не предусмотрено",
    ),
    f(
        "common",
        "places_practice",
        "addressPlacePrac",
        "мест проведения практики",
        "не предусмотрено",
    ),
    f(
        "common",
        "places_training",
        "addressPlacePodg",
        "мест проведения практической подготовки",
        "не предусмотрено",
    ),
    f(
        "common",
        "places_gia",
        "addressPlaceGia",
        "мест проведения государственной итоговой аттестации",
        "не предусмотрено",
    ),
    opt(
        "common",
        "places_dpo",
        "addressPlaceDop",
        "мест по дополнительным профессиональным программам",
    ),
    opt(
        "common",
        "places_oppo",
        "addressPlaceOppo",
        "мест по программам профессионального обучения",
    ),
    f(
        "struct",
        "bodies",
        "structOrgUprav",
        "структурных подразделений и органов управления",
        "[{name: …, fio: …, post: …}]",
    ),
    opt("struct", "branches", "filInfo", "филиалов"),
    opt(
        "struct",
        "representative_offices",
        "repInfo",
        "представительств",
    ),
    f("document", "charter", "ustavDocLink", "устава", DOC),
    f(
        "document",
        "student_rules",
        "localActStud",
        "правил внутреннего распорядка обучающихся",
        DOC,
    ),
    f(
        "document",
        "labour_rules",
        "localActOrder",
        "правил внутреннего трудового распорядка",
        DOC,
    ),
    opt(
        "document",
        "collective_agreement",
        "localActCollec",
        "коллективного договора",
    ),
    f(
        "document",
        "self_evaluation",
        "reportEduDocLink",
        "отчёта о самообследовании",
        DOC,
    ),
    opt(
        "document",
        "prescriptions",
        "prescriptionDocLink",
        "предписаний органов контроля",
    ),
    f(
        "document",
        "admission_rules",
        "priemDocLink",
        "правил приёма обучающихся",
        DOC,
    ),
    f(
        "document",
        "schedule_rules",
        "modeDocLink",
        "режима занятий обучающихся",
        DOC,
    ),
    f(
        "document",
        "assessment_rules",
        "tekKontrolDocLink",
        "положения о текущем контроле и промежуточной аттестации",
        DOC,
    ),
    f(
        "document",
        "transfer_rules",
        "perevodDocLink",
        "порядка перевода, отчисления и восстановления",
        DOC,
    ),
    f(
        "document",
        "relations_rules",
        "vozDocLink",
        "порядка оформления возникновения, приостановления и прекращения отношений",
        DOC,
    ),
    f(
        "education",
        "programmes",
        "eduOp",
        "реализуемых образовательных программ",
        "[{name: …, level: …, form: очная}]",
    ),
    f(
        "education",
        "accredited_programmes",
        "eduAccred",
        "сведений об аккредитованных программах",
        "не предусмотрено",
    ),
    f(
        "education",
        "languages",
        "languageEl",
        "языков обучения",
        "русский",
    ),
    f(
        "education",
        "enrolment",
        "eduChislenEl",
        "численности обучающихся",
        "{file: chislennost.pdf}",
    ),
    f(
        "education",
        "admission_results",
        "eduPriemEl",
        "результатов приёма",
        "{file: priem.pdf}",
    ),
    f(
        "education",
        "transfer_results",
        "eduPerevodEl",
        "результатов перевода, восстановления и отчисления",
        "{file: perevod.pdf}",
    ),
    opt(
        "education",
        "education_accreditation",
        "accreditationDocLink",
        "сведений о государственной аккредитации",
    ),
    f(
        "eduStandarts",
        "federal_standards",
        "eduFedDoc",
        "федеральных государственных образовательных стандартов",
        "{url: https://fgos.ru/}",
    ),
    opt(
        "eduStandarts",
        "own_standards",
        "eduStandartDoc",
        "собственных образовательных стандартов",
    ),
    opt(
        "eduStandarts",
        "federal_requirements",
        "eduFedTreb",
        "федеральных государственных требований",
    ),
    opt(
        "eduStandarts",
        "own_requirements",
        "eduStandartTreb",
        "собственных требований",
    ),
    f(
        "managers",
        "head",
        "rucovodstvo",
        "руководителя",
        "{fio: …, post: директор, phones: [\"(4812) 00-00-00\"], emails: [info@example.ru]}",
    ),
    f(
        "managers",
        "deputies",
        "rucovodstvoZam",
        "заместителей руководителя",
        "отсутствует",
    ),
    opt(
        "managers",
        "branch_heads",
        "rucovodstvoFil",
        "руководителей филиалов",
    ),
    f(
        "employees",
        "teachers",
        "teachingStaff",
        "педагогических работников",
        "[{fio: …, post: педагог дополнительного образования}]",
    ),
    f(
        "objects",
        "classrooms",
        "purposeCab",
        "оборудованных учебных кабинетов",
        "[{name: …, address: …}]",
    ),
    f(
        "objects",
        "practice_facilities",
        "purposePrac",
        "объектов для проведения практических занятий",
        "отсутствует",
    ),
    f(
        "objects",
        "libraries",
        "purposeLibr",
        "библиотек",
        "отсутствует",
    ),
    f(
        "objects",
        "sports_facilities",
        "purposeSport",
        "объектов спорта",
        "отсутствует",
    ),
    f(
        "objects",
        "building_access",
        "ovz",
        "условий доступа в здания для инвалидов",
        "…",
    ),
    f(
        "objects",
        "teaching_means",
        "purposeFacil",
        "средств обучения и воспитания",
        "…",
    ),
    f(
        "objects",
        "teaching_means_adapted",
        "purposeFacilOvz",
        "средств обучения, приспособленных для инвалидов",
        "отсутствует",
    ),
    f(
        "objects",
        "networks",
        "comNet",
        "доступа к информационным системам и сетям",
        "…",
    ),
    f(
        "objects",
        "networks_adapted",
        "comNetOvz",
        "доступа к сетям, приспособленного для инвалидов",
        "отсутствует",
    ),
    f(
        "objects",
        "e_resources",
        "erList",
        "электронных образовательных ресурсов",
        "…",
    ),
    opt(
        "objects",
        "e_resources_adapted",
        "erListOvz",
        "электронных ресурсов, приспособленных для инвалидов",
    ),
    opt(
        "objects",
        "special_equipment",
        "techOvz",
        "специальных технических средств",
    ),
    opt(
        "objects",
        "hostel",
        "hostelInfo",
        "сведений об общежитиях и интернатах",
    ),
    opt("grants", "grants", "grant", "сведений о стипендиях"),
    opt("grants", "support", "support", "мер поддержки обучающихся"),
    f(
        "paid_edu",
        "paid_order",
        "paidEdu",
        "порядка оказания платных услуг",
        "отсутствует",
    ),
    f(
        "paid_edu",
        "paid_contract",
        "paidDog",
        "образца договора об оказании платных услуг",
        "отсутствует",
    ),
    f(
        "paid_edu",
        "paid_prices",
        "paidSt",
        "документа о стоимости обучения",
        "отсутствует",
    ),
    opt(
        "paid_edu",
        "paid_care",
        "paidParents",
        "сведений о плате за присмотр и уход",
    ),
    f(
        "budget",
        "fin_federal",
        "finBFVolume",
        "объёма деятельности за счёт федерального бюджета",
        "0",
    ),
    f(
        "budget",
        "fin_regional",
        "finBRVolume",
        "объёма деятельности за счёт бюджета субъекта РФ",
        "0",
    ),
    f(
        "budget",
        "fin_municipal",
        "finBMVolume",
        "объёма деятельности за счёт местного бюджета",
        "0",
    ),
    f(
        "budget",
        "fin_paid",
        "finPVolume",
        "объёма деятельности по договорам об оплате",
        "0",
    ),
    f(
        "budget",
        "fin_years",
        "volume",
        "поступления и расходования средств по итогам года",
        "[{year: 2025, income: …, spending: …}]",
    ),
    f(
        "budget",
        "fin_plan",
        "finPlanDocLink",
        "плана финансово-хозяйственной деятельности",
        "{file: pfkhd-2026.pdf}",
    ),
    opt("vacant", "vacancies", "vacant", "вакантных мест"),
    opt(
        "inter",
        "agreements",
        "internationalDog",
        "договоров с иностранными организациями",
    ),
    f(
        "catering",
        "meals",
        "meals",
        "сведений об условиях питания",
        "отсутствует",
    ),
    f(
        "catering",
        "health",
        "health",
        "сведений об условиях охраны здоровья",
        "…",
    ),
];

/// A mandatory part of each item of a list field.
pub struct Child {
    pub field: &'static str,
    pub child: &'static str,
    pub itemprop: &'static str,
    pub what: &'static str,
}

const fn c(
    field: &'static str,
    child: &'static str,
    itemprop: &'static str,
    what: &'static str,
) -> Child {
    Child {
        field,
        child,
        itemprop,
        what,
    }
}

pub const CHILDREN: &[Child] = &[
    c("bodies", "fio", "fio", "ФИО руководителя"),
    c("bodies", "post", "post", "должности руководителя"),
    c("bodies", "address", "addressStr", "адреса"),
    c("head", "post", "post", "должности"),
    c("head", "phones", "telephone", "телефона"),
    c("head", "emails", "email", "адреса электронной почты"),
    c("deputies", "post", "post", "должности"),
    c("deputies", "phones", "telephone", "телефона"),
    c("deputies", "emails", "email", "адреса электронной почты"),
    c("teachers", "post", "post", "должности"),
    c(
        "teachers",
        "disciplines",
        "teachingDiscipline",
        "преподаваемых дисциплин",
    ),
    c(
        "teachers",
        "education",
        "teachingLevel",
        "уровня образования",
    ),
    c(
        "teachers",
        "experience",
        "specExperience",
        "стажа работы по специальности",
    ),
    c(
        "teachers",
        "programmes",
        "teachingOp",
        "реализуемых программ",
    ),
    c("programmes", "level", "eduLevel", "уровня образования"),
    c("programmes", "form", "eduForm", "формы обучения"),
    c("classrooms", "address", "addressCab", "адреса"),
    c("meals", "address", "objAddress", "адреса"),
    c("fin_years", "income", "finPost", "объёма поступлений"),
    c("fin_years", "spending", "finRas", "объёма расходования"),
];

/// The words the MR and the clarifications prescribe where there is
/// nothing to publish: «отсутствует», «нет», «не предусмотрено», «0».
pub fn is_absent(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let t = t.trim_end_matches('.');
    matches!(
        t,
        "отсутствует" | "отсутствуют" | "нет" | "0" | "предписаний нет"
    ) || t.starts_with("не предусмотрен")
        || t.ends_with("не предусмотрена")
        || t.ends_with("не предусмотрено")
}

/// Checks of one entry whatever the site's regime: its id is a subsection,
/// its fields belong to it, dates, phones and e-mails have the MR's forms.
pub fn check_entry(e: &Sveden, node: &Node, _front: &PageFront, out: &mut Vec<Problem>) {
    let id = node.get("id").and_then(Node::as_text).unwrap_or_default();
    let id_pos = node.get("id").map_or(node.pos, |n| n.pos);
    if subsection(&id).is_none() {
        let hint = crate::suggest::did_you_mean(&id, IDS.iter().copied())
            .unwrap_or_else(|| format!("подразделы: {}", IDS.join(", ")));
        out.push(
            Problem::error(
                id_pos,
                format!("«{id}» — не подраздел сведений об организации"),
            )
            .hint(hint),
        );
        return;
    }
    if let crate::yaml::node::Value::Map(entries) = &node.value {
        for (key, _) in entries {
            if let Some(field) = FIELDS.iter().find(|f| f.field == key.name) {
                if field.subsection != id {
                    let owner = subsection(field.subsection).map_or("", |s| s.title);
                    out.push(
                        Problem::error(
                            key.pos,
                            format!(
                                "поле «{}» относится к подразделу «{owner}» (/sveden/{}/), а эта запись — «{id}»",
                                key.name, field.subsection
                            ),
                        )
                        .hint(format!("перенесите его в запись «- id: {}»", field.subsection)),
                    );
                }
            }
        }
    }
    if let (Some(d), Some(n)) = (&e.reg_date, node.get("reg_date")) {
        if !is_absent(d) && super::reg_date(d).is_none() {
            out.push(
                Problem::error(n.pos, format!("дата создания «{d}» — не дата"))
                    .hint("напишите дату целиком: «reg_date: 01.09.1990» (или «отсутствует»)"),
            );
        }
    }
    for (field, phones) in phone_lists(e) {
        for (phone, n) in phones
            .iter()
            .zip(crate::types::shared::items(find(node, &field)))
        {
            if !is_absent(phone) && !phone_ok(phone) {
                out.push(
                    Problem::error(n.pos, format!("телефон «{phone}» записан не по образцу"))
                        .hint("по методическим рекомендациям телефон пишется с кодом в скобках: «(4812) 31-30-35» или «+7 (4812) 31-30-35»; несколько номеров — отдельными строками списка"),
                );
            }
        }
    }
    for (field, emails) in email_lists(e) {
        for (email, n) in emails
            .iter()
            .zip(crate::types::shared::items(find(node, &field)))
        {
            if !is_absent(email) && !email_ok(email) {
                out.push(
                    Problem::error(n.pos, format!("«{email}» — не адрес электронной почты"))
                        .hint("адрес пишется так: «info@example.ru»; несколько адресов — отдельными строками списка"),
                );
            }
        }
    }
}

/// The node of a dotted path (`head.0.phones`).
fn find<'a>(node: &'a Node, path: &str) -> Option<&'a Node> {
    let mut n = node;
    for step in path.split('.') {
        n = match step.parse::<usize>() {
            Ok(i) => *crate::types::shared::items(Some(n)).get(i)?,
            Err(_) => n.get(step)?,
        };
    }
    Some(n)
}

fn phone_lists(e: &Sveden) -> Vec<(String, &Vec<String>)> {
    let mut v = vec![("phones".to_string(), &e.phones)];
    for (i, x) in e.founders.iter().enumerate() {
        v.push((format!("founders.{i}.phones"), &x.phones));
    }
    for (name, list) in [
        ("head", &e.head),
        ("deputies", &e.deputies),
        ("branch_heads", &e.branch_heads),
    ] {
        for (i, x) in list.iter().enumerate() {
            v.push((format!("{name}.{i}.phones"), &x.phones));
        }
    }
    v
}

fn email_lists(e: &Sveden) -> Vec<(String, &Vec<String>)> {
    let mut v = vec![("emails".to_string(), &e.emails)];
    for (i, x) in e.founders.iter().enumerate() {
        v.push((format!("founders.{i}.emails"), &x.emails));
    }
    for (name, list) in [
        ("head", &e.head),
        ("deputies", &e.deputies),
        ("branch_heads", &e.branch_heads),
    ] {
        for (i, x) in list.iter().enumerate() {
            v.push((format!("{name}.{i}.emails"), &x.emails));
        }
    }
    for (name, list) in [
        ("bodies", &e.bodies),
        ("branches", &e.branches),
        ("representative_offices", &e.representative_offices),
    ] {
        for (i, x) in list.iter().enumerate() {
            v.push((format!("{name}.{i}.emails"), &x.emails));
        }
    }
    v
}

/// «(код) номер», optionally after «+7» or «8»; digits, spaces, hyphens
/// and «доб.» after it.
fn phone_ok(p: &str) -> bool {
    let p = p.trim();
    let p = p
        .strip_prefix("+7")
        .or_else(|| p.strip_prefix('8'))
        .unwrap_or(p)
        .trim_start();
    let Some(rest) = p.strip_prefix('(') else {
        return false;
    };
    let Some((code, number)) = rest.split_once(')') else {
        return false;
    };
    let digits = number.chars().filter(char::is_ascii_digit).count();
    !code.is_empty()
        && code.chars().all(|c| c.is_ascii_digit())
        && digits >= 5
        && number
            .trim()
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .chars()
            .all(|c| c.is_ascii_digit() || " -\u{a0}доб.".contains(c))
}

fn email_ok(e: &str) -> bool {
    let e = e.trim();
    match e.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !e.contains(char::is_whitespace)
                && !host.contains('@')
        }
        None => false,
    }
}

/// An entry of the site's `sveden` folder, as the site check sees it.
pub struct Present<'a> {
    pub file: &'a SourceFile,
    pub id: &'a str,
    pub node: &'a Node,
    pub pos: Pos,
}

/// What the regime requires of the whole section: for an educational
/// organisation every subsection and every mandatory item (errors); for a
/// site that has not said what it is, the same as warnings; nothing for a
/// municipal body.
pub fn check_site(kind: Option<SiteKind>, entries: &[Present], broken: &[&str]) -> Vec<Diagnostic> {
    let strict = match kind {
        Some(SiteKind::MunicipalBody) => return Vec::new(),
        Some(SiteKind::EducationalOrganisation) => true,
        None if entries.is_empty() => return Vec::new(),
        None => false,
    };
    let regime = "kind = \"educational_organisation\" в site.toml";
    let mut out = Vec::new();
    let diag = |file: &SourceFile, pos: Pos, msg: String| {
        if strict {
            file.diag(pos.line, pos.column, msg)
        } else {
            file.warn(pos.line, pos.column, msg)
        }
    };
    for s in SUBSECTIONS.iter().filter(|s| s.required) {
        if entries.iter().any(|e| e.id == s.id) || broken.contains(&s.id) {
            continue;
        }
        let msg = format!("/sveden/{}: нет подраздела «{}»", s.id, s.title);
        let hint = format!(
            "добавьте в папку content/sveden/ запись «- id: {}» (образец — docs/sveden.md)",
            s.id
        );
        let file = entries
            .first()
            .map_or("content/sveden".to_string(), |e| e.file.rel.clone());
        let d = if strict {
            Diagnostic::error(file, msg)
        } else {
            Diagnostic::warning(file, msg)
        };
        out.push(d.with_hint(if strict {
            format!("{hint}; раздел обязателен для образовательной организации ({regime})")
        } else {
            hint
        }));
    }
    for e in entries {
        for field in FIELDS.iter().filter(|f| f.subsection == e.id && f.required) {
            let value = e.node.get(field.field);
            if value.is_none_or(|v| matches!(v.value, crate::yaml::node::Value::Null)) {
                out.push(
                    diag(
                        e.file,
                        e.pos,
                        format!("/sveden/{}: нет {} ({})", e.id, field.what, field.itemprop),
                    )
                    .with_hint(format!(
                        "добавьте в запись «- id: {}» поле «{}: {}», а если сведений нет — «{}: отсутствует»",
                        e.id, field.field, field.example, field.field
                    )),
                );
                continue;
            }
            for child in CHILDREN.iter().filter(|c| c.field == field.field) {
                for item in crate::types::shared::items(value) {
                    if item.as_text().is_some() {
                        continue; // a bare name or the words of absence
                    }
                    let name = ["name", "fio", "year"]
                        .iter()
                        .find_map(|k| item.get(k).and_then(Node::as_text))
                        .unwrap_or_default();
                    if is_absent(&name) || item.get(child.child).is_some() {
                        continue;
                    }
                    out.push(
                        diag(
                            e.file,
                            item.pos,
                            format!(
                                "/sveden/{}: у «{name}» нет {} ({})",
                                e.id, child.what, child.itemprop
                            ),
                        )
                        .with_hint(format!(
                            "добавьте «{}: …», а если сведений нет — «{}: отсутствует»",
                            child.child, child.child
                        )),
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_subsections_agree() {
        assert_eq!(IDS, SUBSECTIONS.iter().map(|s| s.id).collect::<Vec<_>>());
        for f in FIELDS {
            assert!(subsection(f.subsection).is_some(), "{}", f.field);
        }
    }

    /// Every field of the entry belongs to exactly one subsection, so none
    /// escapes the mandatory check or the wrong-subsection check.
    #[test]
    fn every_field_has_one_subsection() {
        for name in crate::yaml::de::struct_fields::<Sveden>() {
            if *name == "id" {
                continue;
            }
            let n = FIELDS.iter().filter(|f| f.field == *name).count();
            assert_eq!(n, 1, "{name}");
        }
        for c in CHILDREN {
            assert!(FIELDS.iter().any(|f| f.field == c.field), "{}", c.field);
        }
    }

    #[test]
    fn formats() {
        assert!(phone_ok("+7 (4812) 31-30-35"));
        assert!(phone_ok("(4812) 313035"));
        assert!(phone_ok("8 (4812) 31-30-35 доб. 12"));
        assert!(!phone_ok("31-30-35"));
        assert!(!phone_ok("+7 4812 31-30-35"));
        assert!(email_ok("cdo@example.ru"));
        assert!(!email_ok("cdo.example.ru"));
        assert!(!email_ok("cdo@example"));
        assert_eq!(
            super::super::reg_date("1990-09-01").as_deref(),
            Some("01.09.1990")
        );
        assert_eq!(
            super::super::reg_date("01.09.1990").as_deref(),
            Some("01.09.1990")
        );
        assert_eq!(super::super::reg_date("1990"), None);
        assert!(is_absent("Отсутствует"));
        assert!(is_absent("Выплата стипендий не предусмотрена"));
        assert!(!is_absent("Смоленск"));
    }
}
