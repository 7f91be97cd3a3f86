//! The relevance queries over the reference portal, shared by
//! tests/search_relevance.rs and the Pagefind comparison of benches/search.rs.

/// Query → a result that must be in the top 3 (site-relative folder).
pub const QUERIES: &[(&str, &str)] = &[
    // Names in other cases: the person's own entry first.
    ("Кудельниковой", "liudi/kudelnikova-vv/"),
    ("Жойкина", "liudi/zhoikin-sa/"),
    ("Лобановой", "liudi/lobanova-en/"),
    ("Шептицкой", "liudi/sheptitskaia-zhv/"),
    ("Тренина", "liudi/trenina-ov/"),
    // Inflected forms.
    ("мотивации", "riski/nizkaia-uchebnaia-motivatsiia/"),
    ("семинаров", "meropriiatiia/2021-02-seminar-fg-profil/"),
    (
        "исследование на уроках",
        "praktiki/issledovanie-na-uroke-sh-36/",
    ),
    (
        "функциональной грамотности",
        "meropriiatiia/2021-02-seminar-fg-profil/",
    ),
    ("персональных данных", "ob-otdele/personalnye-dannye/"),
    (
        "малообеспеченных семей",
        "monitoring/maloobespechennye-semi-sh-9/",
    ),
    ("неполных семей", "monitoring/nepolnye-semi-sh-9/"),
    ("обращения граждан", "ob-otdele/obrashcheniya-grazhdan/"),
    (
        "августовское совещание",
        "meropriiatiia/2022-08-22-oblastnoe-avgustovskoe-soveshchanie/",
    ),
    (
        "дисциплина в классе",
        "riski/nizkii-uroven-distsipliny-v-klasse/",
    ),
    ("дефицит кадров", "riski/defitsit-pedagogicheskikh-kadrov/"),
    (
        "оснащение школы",
        "riski/nizkii-uroven-osnashcheniia-shkoly/",
    ),
    ("устав Тюмени", "dokumenty/ustav-g-tiumeni/"),
    (
        "адресная поддержка Тюмень",
        "adresnoe-soprovozhdenie/munitsipalnaia-model-tiumen/",
    ),
    (
        "формирующее оценивание",
        "praktiki/formiruiushchee-otsenivanie-sh-36/",
    ),
    ("школьный климат", "praktiki/shkolnyi-klimat-sh-36/"),
    ("успеваемость", "monitoring/uspevaemost-2020-2022/"),
    ("вебинар ФГОС", "meropriiatiia/2020-12-vebinar-fgos/"),
    // ё and е.
    (
        "межшкольное партнёрство",
        "meropriiatiia/2022-11-17-organizatsiia-effektivnogo-mezhshkolnogo-partnerstva/",
    ),
    (
        "межшкольное партнерство",
        "meropriiatiia/2022-11-17-organizatsiia-effektivnogo-mezhshkolnogo-partnerstva/",
    ),
    (
        "вовлечённость родителей",
        "riski/nizkii-uroven-vovlechennosti-roditelei/",
    ),
    (
        "вовлеченность родителей",
        "riski/nizkii-uroven-vovlechennosti-roditelei/",
    ),
    // Numbers: the document or school that bears it.
    ("602", "dokumenty/prikaz-dsoon-602/"),
    ("1044-ОД", "dokumenty/prikaz-dsoon-1044/"),
    ("приказ 850", "dokumenty/prikaz-dsoon-850/"),
    ("постановление 249", "dokumenty/postanovlenie-prf-249/"),
    ("школа 36", "shkoly/mbou-sh-36/"),
    ("СШ № 10 куратор", "partnerstvo/kurator-2020-2021-sh-10/"),
    // Abbreviations and proper names.
    ("ШНОР", "glossarii/shnor/"),
    ("ФИОКО", "organizatsii/fioko/"),
    ("ЦНППМ", "organizatsii/tsnppm-soiro/"),
    ("ИС МЭДК", "glossarii/is-medk/"),
    ("Пржевальского", "shkoly/mbou-gimnaziia-1/"),
    ("Рыленкова", "shkoly/mbou-sh-21/"),
    ("Хиля", "shkoly/mbou-sh-27/"),
    ("Тайчинская СОШ", "shkoly/bou-taichinskaia-sosh/"),
    // One-letter typos.
    ("мотевация", "riski/nizkaia-uchebnaia-motivatsiia/"),
    ("Кудельникава", "liudi/kudelnikova-vv/"),
    ("дисциплена", "riski/nizkii-uroven-distsipliny-v-klasse/"),
    ("успеваимость", "monitoring/uspevaemost-2020-2022/"),
    ("Прииртышкая", "shkoly/maou-priirtyshskaia-sosh/"),
];
