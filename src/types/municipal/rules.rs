//! What the site of a municipal body must carry under 8-ФЗ, ст. 13, ч. 1:
//! the pages of `/deiatelnost/` (one per group of the article's items that
//! an education body has), each item with the article's point, and whether
//! the law publishes it «при наличии». For `kind = "municipal_body"` a
//! missing page or item is an error unless written as absent.

use crate::config::SiteKind;
use crate::types::official::{c, f, opt, part, Child, Field, Part, Section};

/// The pages, in the order of ст. 13, ч. 1.
pub const PARTS: &[Part] = &[
    part("obshchaia-informatsiia", "Общая информация"),
    part("normotvorchestvo", "Нормотворческая деятельность"),
    part("statistika", "Статистическая информация о деятельности"),
    part("kadry", "Кадровое обеспечение"),
    part(
        "obrashcheniia",
        "Работа с обращениями граждан и организаций",
    ),
];

/// The page ids, which are the entries' ids and slugs.
pub const IDS: &[&str] = &[
    "obshchaia-informatsiia",
    "normotvorchestvo",
    "statistika",
    "kadry",
    "obrashcheniia",
];

const GEN: &str = "obshchaia-informatsiia";
const ACTS: &str = "normotvorchestvo";
const STAT: &str = "statistika";
const HR: &str = "kadry";
const APPEALS: &str = "obrashcheniia";
const DOC: &str = "[{document: polozhenie-ob-upravlenii}]";

pub const FIELDS: &[Field] = &[
    f(
        GEN,
        "full_name",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «а»",
        "наименования органа",
        "Управление образования администрации …",
    ),
    opt(GEN, "short_name", "8-ФЗ, ст. 13, ч. 1, п. 1 «а»", "сокращённого наименования"),
    f(
        GEN,
        "address",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «а»",
        "почтового адреса",
        "214000, Смоленская область, г. Смоленск, ул. …, д. 1",
    ),
    f(
        GEN,
        "emails",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «а»",
        "адреса электронной почты",
        "[uo@example.ru]",
    ),
    f(
        GEN,
        "phones",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «а»",
        "телефонов справочной службы",
        "[\"(4812) 00-00-00\"]",
    ),
    f(
        GEN,
        "work_time",
        "8-ФЗ, ст. 13, ч. 1, п. 9 «а»",
        "режима работы",
        "понедельник — пятница, 9:00–18:00",
    ),
    f(
        GEN,
        "structure",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «а»",
        "структуры органа",
        "[{name: Отдел общего образования, functions: …}]",
    ),
    opt(
        GEN,
        "structure_act",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «а»",
        "акта об утверждении структуры",
    ),
    f(
        GEN,
        "powers",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «б»",
        "сведений о полномочиях",
        "…",
    ),
    f(
        GEN,
        "powers_acts",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «б»",
        "перечня актов, определяющих полномочия",
        DOC,
    ),
    f(
        GEN,
        "subordinate",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «в»",
        "перечня подведомственных организаций",
        "[{name: МБОУ «СШ № 1», address: …, phones: […]}]",
    ),
    f(
        GEN,
        "heads",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «г»",
        "сведений о руководителях",
        "[{fio: …, post: начальник управления}]",
    ),
    f(
        GEN,
        "info_systems",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «д»",
        "перечня информационных систем, банков данных, реестров",
        "отсутствует",
    ),
    opt(
        GEN,
        "media",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «е»",
        "сведений об учреждённых СМИ",
    ),
    opt(
        GEN,
        "public_opinion",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «з»",
        "сведений об опросах и общественных обсуждениях",
    ),
    f(
        ACTS,
        "acts",
        "8-ФЗ, ст. 13, ч. 1, п. 2 «а»",
        "муниципальных правовых актов",
        "[{url: /dokumenty/, text: Реестр документов}]",
    ),
    opt(
        ACTS,
        "drafts",
        "8-ФЗ, ст. 13, ч. 1, п. 2 «б»",
        "проектов муниципальных правовых актов",
    ),
    f(
        ACTS,
        "procurement",
        "8-ФЗ, ст. 13, ч. 1, п. 2 «в»",
        "информации о закупках",
        "{url: https://zakupki.gov.ru/}",
    ),
    f(
        ACTS,
        "regulations",
        "8-ФЗ, ст. 13, ч. 1, п. 2 «г»",
        "административных регламентов и стандартов муниципальных услуг",
        DOC,
    ),
    f(
        ACTS,
        "forms",
        "8-ФЗ, ст. 13, ч. 1, п. 2 «д»",
        "форм обращений и заявлений",
        "[{file: zaiavlenie.docx}]",
    ),
    f(
        ACTS,
        "appeal_procedure",
        "8-ФЗ, ст. 13, ч. 1, п. 2 «е»",
        "порядка обжалования муниципальных правовых актов",
        "…",
    ),
    f(
        STAT,
        "statistics",
        "8-ФЗ, ст. 13, ч. 1, п. 7 «а»",
        "статистических данных и показателей",
        "[{url: /monitoring/, text: Мониторинги}]",
    ),
    f(
        STAT,
        "budget_use",
        "8-ФЗ, ст. 13, ч. 1, п. 7 «б»",
        "сведений об использовании бюджетных средств",
        "[{url: https://bus.gov.ru/}]",
    ),
    opt(
        STAT,
        "benefits",
        "8-ФЗ, ст. 13, ч. 1, п. 7 «в»",
        "сведений о предоставленных льготах и отсрочках",
    ),
    f(
        HR,
        "service_entry",
        "8-ФЗ, ст. 13, ч. 1, п. 8 «а»",
        "порядка поступления на муниципальную службу",
        "…",
    ),
    f(
        HR,
        "vacancies",
        "8-ФЗ, ст. 13, ч. 1, п. 8 «б»",
        "сведений о вакантных должностях",
        "отсутствуют",
    ),
    f(
        HR,
        "requirements",
        "8-ФЗ, ст. 13, ч. 1, п. 8 «в»",
        "квалификационных требований к кандидатам",
        "…",
    ),
    f(
        HR,
        "competitions",
        "8-ФЗ, ст. 13, ч. 1, п. 8 «г»",
        "условий и результатов конкурсов",
        "отсутствует",
    ),
    f(
        HR,
        "hr_phones",
        "8-ФЗ, ст. 13, ч. 1, п. 8 «д»",
        "телефонов по вопросам замещения вакантных должностей",
        "[\"(4812) 00-00-02\"]",
    ),
    f(
        APPEALS,
        "reception",
        "8-ФЗ, ст. 13, ч. 1, п. 9 «а»",
        "порядка и времени приёма граждан",
        "…",
    ),
    f(
        APPEALS,
        "appeal_acts",
        "8-ФЗ, ст. 13, ч. 1, п. 9 «а»",
        "актов, регулирующих работу с обращениями",
        "[{url: https://www.consultant.ru/document/cons_doc_LAW_59999/, text: Федеральный закон от 02.05.2006 № 59-ФЗ}]",
    ),
    f(
        APPEALS,
        "responsible",
        "8-ФЗ, ст. 13, ч. 1, п. 9 «б»",
        "должностного лица, ответственного за приём и обращения",
        "[{fio: …, post: …, phones: [\"(4812) 00-00-03\"]}]",
    ),
    f(
        APPEALS,
        "reviews",
        "8-ФЗ, ст. 13, ч. 1, п. 9 «в»",
        "обзоров обращений и результатов их рассмотрения",
        "[{file: obzor-obrashchenii-2025.pdf}]",
    ),
];

pub const CHILDREN: &[Child] = &[
    c(
        "structure",
        "functions",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «б»",
        "задач и функций",
    ),
    c(
        "subordinate",
        "functions",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «в»",
        "задач и функций",
    ),
    c(
        "subordinate",
        "address",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «в»",
        "почтового адреса",
    ),
    c(
        "subordinate",
        "phones",
        "8-ФЗ, ст. 13, ч. 1, п. 1 «в»",
        "телефонов",
    ),
    c("heads", "post", "8-ФЗ, ст. 13, ч. 1, п. 1 «г»", "должности"),
    c(
        "responsible",
        "post",
        "8-ФЗ, ст. 13, ч. 1, п. 9 «б»",
        "должности",
    ),
    c(
        "responsible",
        "phones",
        "8-ФЗ, ст. 13, ч. 1, п. 9 «б»",
        "справочного телефона",
    ),
];

/// The section as the shared checks of [`crate::types::official`] see it.
pub const SECTION: Section = Section {
    folder: "deiatelnost",
    noun: "раздел информации о деятельности органа (8-ФЗ)",
    doc: "docs/8-fz.md",
    duty: "органа местного самоуправления (kind = \"municipal_body\" в site.toml)",
    regime: SiteKind::MunicipalBody,
    update_rule: "посетитель видит, насколько сведения свежие",
    parts: PARTS,
    across: |_| Vec::new(),
    fields: FIELDS,
    children: CHILDREN,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_cover_the_entry() {
        SECTION.assert_covers::<super::super::Municipal>(IDS);
    }
}
