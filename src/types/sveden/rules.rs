//! What «Сведения об образовательной организации» must hold: the subsections
//! (приказ № 1493, п. 6; addresses of MR v9, table 3.1), the items of each
//! with their MR v9 `itemprop` and whether the MR marks them «при наличии»,
//! and the checks: formats for every entry, and for a site of an
//! educational organisation every mandatory item present or marked absent.

use super::Sveden;
use crate::config::SiteKind;
use crate::diagnostics::Diagnostic;
use crate::types::front::PageFront;
use crate::types::official::{c, f, is_absent, opt, part, Child, Field, Part, Present, Section};
use crate::types::Problem;
use crate::yaml::Node;

/// The subsections, in the order of п. 6.
pub const SUBSECTIONS: &[Part] = &[
    part("common", "Основные сведения"),
    part(
        "struct",
        "Структура и органы управления образовательной организацией",
    ),
    part("document", "Документы"),
    part("education", "Образование"),
    Part {
        required: false,
        ..part("eduStandarts", "Образовательные стандарты и требования")
    },
    part("managers", "Руководство"),
    part("employees", "Педагогический состав"),
    part(
        "objects",
        "Материально-техническое обеспечение и оснащенность образовательного процесса. Доступная среда",
    ),
    part("grants", "Стипендии и меры поддержки обучающихся"),
    part("paid_edu", "Платные образовательные услуги"),
    part("budget", "Финансово-хозяйственная деятельность"),
    part(
        "vacant",
        "Вакантные места для приема (перевода) обучающихся",
    ),
    part("inter", "Международное сотрудничество"),
    part(
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

/// The section as the shared checks of [`crate::types::official`] see it.
pub const SECTION: Section = Section {
    folder: "sveden",
    noun: "подраздел сведений об организации",
    doc: "docs/sveden.md",
    duty: "образовательной организации (kind = \"educational_organisation\" в site.toml)",
    regime: SiteKind::EducationalOrganisation,
    update_rule:
        "по ПП РФ № 1802, п. 16, сведения обновляются не позднее 10 рабочих дней после их изменения",
    parts: SUBSECTIONS,
    across: staff_programmes,
    fields: FIELDS,
    children: CHILDREN,
};

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

/// A teacher's programme that /sveden/education/ does not name shows no
/// staff under any programme (приказ № 1353, п. 4): most likely a typo.
fn staff_programmes(entries: &[Present]) -> Vec<Diagnostic> {
    use crate::types::shared::items;
    let names: Vec<String> = entries
        .iter()
        .filter(|e| e.id == "education")
        .flat_map(|e| items(e.node.get("programmes")))
        .filter_map(|p| p.as_text().or_else(|| p.get("name")?.as_text()))
        .filter(|n| !is_absent(n))
        .collect();
    let mut out = Vec::new();
    if names.is_empty() {
        return out;
    }
    for e in entries.iter().filter(|e| e.id == "employees") {
        for teacher in items(e.node.get("teachers")) {
            for p in items(teacher.get("programmes")) {
                let Some(name) = p.as_text() else { continue };
                if is_absent(&name) || names.contains(&name) {
                    continue;
                }
                let hint = crate::suggest::did_you_mean(&name, names.iter().map(String::as_str))
                    .unwrap_or_else(|| {
                        format!(
                            "впишите название так же, как в «programmes» записи «- id: education»: {}",
                            names.join("; ")
                        )
                    });
                out.push(
                    e.file
                        .warn(
                            p.pos.line,
                            p.pos.column,
                            format!("/sveden/employees: программы «{name}» нет в подразделе «Образование»"),
                        )
                        .with_hint(hint),
                );
            }
        }
    }
    out
}

/// MR v9 §3.1: «целесообразно … не более 10» `addRef` links on a page.
const MAX_ADD_REFS: usize = 10;

/// Checks of one entry whatever the site's regime: those of every official
/// section, the date of creation, the number of `addRef` links.
pub fn check_entry(e: &Sveden, node: &Node, _front: &PageFront, out: &mut Vec<Problem>) {
    if SECTION.check_entry(node, out).is_none() {
        return;
    }
    if let Some(n) = node.get("continued") {
        let count = crate::types::shared::items(Some(n)).len();
        if count > MAX_ADD_REFS {
            out.push(
                Problem::warning(
                    n.pos,
                    format!(
                        "{} на продолжение подраздела (addRef) — больше {MAX_ADD_REFS}",
                        crate::ru::plural::plural_ru(count as f64, "ссылка", "ссылки", "ссылок")
                    ),
                )
                .hint("методические рекомендации Рособрнадзора советуют не больше 10 таких ссылок: соберите продолжение на меньшем числе страниц"),
            );
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_cover_the_entry() {
        SECTION.assert_covers::<Sveden>(IDS);
    }

    #[test]
    fn reg_dates() {
        assert_eq!(
            super::super::reg_date("1990-09-01").as_deref(),
            Some("01.09.1990")
        );
        assert_eq!(
            super::super::reg_date("01.09.1990").as_deref(),
            Some("01.09.1990")
        );
        assert_eq!(super::super::reg_date("1990"), None);
    }
}
