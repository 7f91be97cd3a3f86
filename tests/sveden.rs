//! «Сведения об образовательной организации» checked the way Rosobrnadzor's
//! monitoring reads them (MR v9 §5 «Алгоритм обработки тегов»): collect every
//! tag with `itemprop`, make the nearest marked ancestor its parent, match by
//! name. The expected vocabulary below is written from ../shared/compliance.md
//! §1.2–1.4, independently of the generator's own tables, so a renamed or
//! misplaced itemprop in the theme fails here.

mod common;

use common::{copy_dir, repo};
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;

/// A tag the MR names: its itemprop, and `true` if it is mandatory (not «при наличии»).
type Prop = (&'static str, bool);

/// A parent tag (главный тег) and the children that must sit inside it.
struct Parent {
    name: &'static str,
    required: bool,
    children: &'static [Prop],
}

/// One subsection: its address, standalone tags, parents.
struct Sub {
    slug: &'static str,
    required: bool,
    single: &'static [Prop],
    parents: &'static [Parent],
}

const R: bool = true;
const O: bool = false;

const DOC_LINKS: &[&str] = &[
    "licenseDocLink",
    "accreditationDocLink",
    "divisionClauseDocLink",
    "ustavDocLink",
    "localActStud",
    "localActOrder",
    "localActCollec",
    "reportEduDocLink",
    "prescriptionDocLink",
    "priemDocLink",
    "modeDocLink",
    "tekKontrolDocLink",
    "perevodDocLink",
    "vozDocLink",
    "finPlanDocLink",
];

/// compliance.md §1.4, subsection by subsection.
const VOCABULARY: &[Sub] = &[
    Sub {
        slug: "common",
        required: R,
        single: &[
            ("fullName", R),
            ("shortName", O),
            ("regDate", R),
            ("address", R),
            ("workTime", R),
            ("telephone", R),
            ("email", R),
            ("licenseDocLink", R),
            ("accreditationDocLink", O),
        ],
        parents: &[
            Parent {
                name: "uchredLaw",
                required: R,
                children: &[
                    ("nameUchred", R),
                    ("addressUchred", O),
                    ("telUchred", O),
                    ("mailUchred", O),
                    ("websiteUchred", O),
                ],
            },
            // «Each addressPlace* is a <tr> with a row number and an address.»
            Parent {
                name: "addressPlaceSet",
                required: R,
                children: &[],
            },
            Parent {
                name: "addressPlacePrac",
                required: R,
                children: &[],
            },
            Parent {
                name: "addressPlacePodg",
                required: R,
                children: &[],
            },
            Parent {
                name: "addressPlaceGia",
                required: R,
                children: &[],
            },
            Parent {
                name: "addressPlaceDop",
                required: O,
                children: &[],
            },
            Parent {
                name: "addressPlaceOppo",
                required: O,
                children: &[],
            },
        ],
    },
    Sub {
        slug: "struct",
        required: R,
        single: &[],
        parents: &[
            Parent {
                name: "structOrgUprav",
                required: R,
                children: &[
                    ("name", R),
                    ("fio", R),
                    ("post", R),
                    ("addressStr", R),
                    ("site", O),
                    ("email", O),
                    ("divisionClauseDocLink", O),
                ],
            },
            Parent {
                name: "filInfo",
                required: O,
                children: &[
                    ("nameFil", R),
                    ("fioFil", R),
                    ("postFil", R),
                    ("addressFil", R),
                    ("emailFil", R),
                    ("websiteFil", R),
                    ("divisionClauseDocLink", R),
                ],
            },
            Parent {
                name: "repInfo",
                required: O,
                children: &[
                    ("nameRep", R),
                    ("fioRep", R),
                    ("postRep", R),
                    ("addressRep", R),
                    ("emailRep", R),
                    ("websiteRep", R),
                    ("divisionClauseDocLink", R),
                ],
            },
        ],
    },
    Sub {
        slug: "document",
        required: R,
        single: &[
            ("ustavDocLink", R),
            ("localActStud", R),
            ("localActOrder", R),
            ("localActCollec", O),
            ("reportEduDocLink", R),
            ("prescriptionDocLink", O),
            ("priemDocLink", R),
            ("modeDocLink", R),
            ("tekKontrolDocLink", R),
            ("perevodDocLink", R),
            ("vozDocLink", R),
        ],
        parents: &[],
    },
    Sub {
        slug: "education",
        required: R,
        single: &[
            ("languageEl", R),
            ("eduChislenEl", R),
            ("eduPriemEl", R),
            ("eduPerevodEl", R),
            ("accreditationDocLink", O),
        ],
        // eduNir (higher education and ДПО) and graduateJob (professional
        // education) do not apply to a ДО organisation.
        parents: &[
            Parent {
                name: "eduAccred",
                required: R,
                children: &[
                    ("eduCode", O),
                    ("eduName", R),
                    ("eduProf", R),
                    ("eduLevel", R),
                    ("eduForm", R),
                    ("learningTerm", R),
                    ("eduPred", R),
                    ("eduPrac", R),
                ],
            },
            Parent {
                name: "eduOp",
                required: R,
                children: &[
                    ("eduCode", O),
                    ("eduName", R),
                    ("eduLevel", R),
                    ("eduProf", R),
                    ("eduForm", R),
                    ("opMain", R),
                    ("educationPlan", R),
                    ("educationRpd", R),
                    ("educationShedule", R),
                    ("eduPr", R),
                    ("methodology", R),
                ],
            },
        ],
    },
    Sub {
        slug: "eduStandarts",
        required: O,
        single: &[
            ("eduFedDoc", R),
            ("eduStandartDoc", O),
            ("eduFedTreb", O),
            ("eduStandartTreb", O),
        ],
        parents: &[],
    },
    Sub {
        slug: "managers",
        required: R,
        single: &[],
        parents: &[
            Parent {
                name: "rucovodstvo",
                required: R,
                children: &[("fio", R), ("post", R), ("telephone", R), ("email", R)],
            },
            Parent {
                name: "rucovodstvoZam",
                required: R,
                children: &[("fio", R), ("post", R), ("telephone", R), ("email", R)],
            },
            Parent {
                name: "rucovodstvoFil",
                required: O,
                children: &[
                    ("nameFil", R),
                    ("fio", R),
                    ("post", R),
                    ("telephone", R),
                    ("email", R),
                ],
            },
        ],
    },
    Sub {
        slug: "employees",
        required: R,
        single: &[],
        parents: &[Parent {
            name: "teachingStaff",
            required: R,
            children: &[
                ("fio", R),
                ("post", R),
                ("teachingDiscipline", R),
                ("teachingLevel", R),
                ("degree", O),
                ("academStat", O),
                ("qualification", O),
                ("profDevelopment", O),
                ("specExperience", R),
                ("teachingOp", R),
            ],
        }],
    },
    Sub {
        slug: "objects",
        required: R,
        single: &[
            ("ovz", R),
            ("purposeFacil", R),
            ("purposeFacilOvz", R),
            ("comNet", R),
            ("comNetOvz", R),
            ("erList", R),
            ("erListOvz", O),
            ("techOvz", O),
            ("hostelInfo", O),
            ("interInfo", O),
            ("hostelNum", O),
            ("interNum", O),
            ("hostelNumOvz", O),
            ("interNumOvz", O),
            ("hostelInterOvz", O),
            ("localActObSt", O),
        ],
        parents: &[
            Parent {
                name: "purposeCab",
                required: R,
                children: &[
                    ("addressCab", R),
                    ("nameCab", R),
                    ("osnCab", R),
                    ("ovzCab", R),
                ],
            },
            Parent {
                name: "purposePrac",
                required: R,
                children: &[
                    ("addressPrac", R),
                    ("namePrac", R),
                    ("osnPrac", R),
                    ("ovzPrac", R),
                ],
            },
            Parent {
                name: "purposeLibr",
                required: R,
                children: &[("objName", R), ("objAddress", R), ("objOvz", R)],
            },
            Parent {
                name: "purposeSport",
                required: R,
                children: &[("objName", R), ("objAddress", R), ("objOvz", R)],
            },
        ],
    },
    Sub {
        slug: "grants",
        required: R,
        single: &[
            ("grant", O),
            ("support", O),
            ("hostelInfo", O),
            ("interInfo", O),
            ("hostelNum", O),
            ("interNum", O),
            ("hostelNumOvz", O),
            ("interNumOvz", O),
            ("hostelInterOvz", O),
            ("localActObSt", O),
        ],
        parents: &[],
    },
    Sub {
        slug: "paid_edu",
        required: R,
        single: &[
            ("paidEdu", R),
            ("paidDog", R),
            ("paidSt", R),
            ("paidParents", O),
        ],
        parents: &[],
    },
    Sub {
        slug: "budget",
        required: R,
        single: &[
            ("finBFVolume", R),
            ("finBRVolume", R),
            ("finBMVolume", R),
            ("finPVolume", R),
            ("finPlanDocLink", R),
        ],
        parents: &[Parent {
            name: "volume",
            required: R,
            children: &[("finYear", R), ("finPost", R), ("finRas", R)],
        }],
    },
    Sub {
        slug: "vacant",
        required: R,
        single: &[],
        parents: &[Parent {
            name: "vacant",
            required: O,
            children: &[
                ("eduCode", O),
                ("eduName", O),
                ("eduLevel", O),
                ("eduProf", O),
                ("eduCourse", O),
                ("eduForm", O),
                ("numberBFVacant", O),
                ("numberBRVacant", O),
                ("numberBMVacant", O),
                ("numberPVacant", O),
            ],
        }],
    },
    Sub {
        slug: "inter",
        required: R,
        single: &[],
        parents: &[Parent {
            name: "internationalDog",
            required: O,
            children: &[("stateName", O), ("orgName", O), ("dogReg", O)],
        }],
    },
    Sub {
        slug: "catering",
        required: R,
        single: &[("health", R)],
        parents: &[Parent {
            name: "meals",
            required: R,
            children: &[("objName", R), ("objAddress", R), ("objOvz", R)],
        }],
    },
];

/// The words MR v9 and the clarifications prescribe for absent data.
fn absent(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    [
        "отсутствует",
        "нет",
        "не предусмотрено",
        "0",
        "предписаний нет",
    ]
    .contains(&t.as_str())
        || t.ends_with("не предусмотрена")
}

/// A tag with `itemprop` and its nearest marked ancestor.
struct Tag<'a> {
    el: ElementRef<'a>,
    name: String,
    parent: Option<usize>,
}

fn text(el: &ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// MR v9 §5: every tag with itemprop, its parent the nearest marked ancestor.
fn light_tree(doc: &Html) -> Vec<Tag<'_>> {
    let sel = Selector::parse("[itemprop]").unwrap();
    let tags: Vec<ElementRef> = doc.select(&sel).collect();
    tags.iter()
        .map(|el| {
            let parent = el
                .ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| a.value().attr("itemprop").is_some())
                .and_then(|a| tags.iter().position(|t| t.id() == a.id()));
            Tag {
                el: *el,
                name: el.value().attr("itemprop").unwrap().to_string(),
                parent,
            }
        })
        .collect()
}

/// Checks one page against its subsection's vocabulary; returns the
/// problems, each naming the page and the tag.
fn check_page(sub: &Sub, html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let tags = light_tree(&doc);
    let mut bad = Vec::new();
    let page = format!("/sveden/{}/", sub.slug);
    let count = |name: &str| {
        tags.iter()
            .filter(|t| t.parent.is_none() && t.name == name)
            .count()
    };
    for &(name, required) in sub.single {
        let n = count(name);
        if n > 1 || (required && n == 0) {
            bad.push(format!("{page}: {name} found {n} times at the top level"));
        }
    }
    for p in sub.parents {
        if p.required && count(p.name) == 0 {
            bad.push(format!("{page}: no {} (parent)", p.name));
        }
    }
    for (i, t) in tags.iter().enumerate() {
        match t.parent {
            None => {
                let known = sub.single.iter().any(|(n, _)| *n == t.name)
                    || sub.parents.iter().any(|p| p.name == t.name);
                if !known {
                    bad.push(format!(
                        "{page}: top-level {} is not in the MR's vocabulary of this subsection",
                        t.name
                    ));
                }
            }
            Some(p) => {
                let parent = &tags[p];
                if let Some(grand) = parent.parent {
                    bad.push(format!(
                        "{page}: {} nests two levels deep (in {} in {})",
                        t.name, parent.name, tags[grand].name
                    ));
                }
                let spec = sub.parents.iter().find(|x| x.name == parent.name);
                match spec {
                    Some(s) if s.children.iter().any(|(n, _)| *n == t.name) => {}
                    _ => bad.push(format!(
                        "{page}: {} is not a child of {}",
                        t.name, parent.name
                    )),
                }
            }
        }
        let is_parent = tags.iter().any(|c| c.parent == Some(i));
        let value = text(&t.el);
        if !is_parent && value.is_empty() {
            bad.push(format!("{page}: {} is empty", t.name));
        }
        // A document is a link to it, or the words of absence in its place.
        if DOC_LINKS.contains(&t.name.as_str()) && t.el.value().name() != "a" && !absent(&value) {
            bad.push(format!(
                "{page}: {} is neither a link nor absent: «{value}»",
                t.name
            ));
        }
        if t.el.value().name() == "a" && t.el.value().attr("href").is_none_or(str::is_empty) {
            bad.push(format!("{page}: {} links nowhere", t.name));
        }
    }
    for p in sub.parents {
        for (i, t) in tags
            .iter()
            .enumerate()
            .filter(|(_, t)| t.name == p.name && t.parent.is_none())
        {
            for &(child, required) in p.children {
                let n = tags
                    .iter()
                    .filter(|c| c.parent == Some(i) && c.name == child)
                    .count();
                if n > 1 || (required && n == 0) {
                    bad.push(format!("{page}: {} in {} found {n} times", child, t.name));
                }
            }
        }
    }
    bad
}

/// The text of every top-level tag `name` and of every child `name`.
fn values(html: &str, name: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    light_tree(&doc)
        .iter()
        .filter(|t| t.name == name)
        .map(|t| text(&t.el))
        .collect()
}

fn check_site(public: &std::path::Path) -> BTreeMap<&'static str, String> {
    let mut pages = BTreeMap::new();
    let mut bad = Vec::new();
    for sub in VOCABULARY {
        let path = public.join(format!("sveden/{}/index.html", sub.slug));
        let Ok(html) = std::fs::read_to_string(&path) else {
            if sub.required {
                bad.push(format!("no page /sveden/{}/", sub.slug));
            }
            continue;
        };
        bad.extend(check_page(sub, &html));
        // Приказ № 1493, п. 2: the section's navigation on every page of it.
        for other in VOCABULARY.iter().filter(|o| o.required) {
            let href = format!("href=\"/sveden/{}/\"", other.slug);
            if !html.contains(&href) {
                bad.push(format!(
                    "/sveden/{}/ has no link to /sveden/{}/",
                    sub.slug, other.slug
                ));
            }
        }
        // Freshness (compliance.md §6.11): «Дата последнего обновления» with
        // the day, дд.мм.гггг, and the same day machine-readable.
        let doc = Html::parse_document(&html);
        let times = Selector::parse("time[datetime]").unwrap();
        let fresh = doc.select(&times).find(|t| {
            t.prev_sibling()
                .and_then(|n| n.value().as_text().map(|x| x.trim().to_string()))
                .is_some_and(|x| x.ends_with("Дата последнего обновления:"))
        });
        match fresh {
            Some(t) => {
                let iso = t.value().attr("datetime").unwrap();
                let shown = t.text().collect::<String>();
                let (y, rest) = iso.split_at(4);
                let want = format!("{}.{}.{y}", &rest[4..6], &rest[1..3]);
                if shown != want {
                    bad.push(format!(
                        "/sveden/{}/ updated «{shown}», datetime {iso}",
                        sub.slug
                    ));
                }
            }
            None => bad.push(format!(
                "/sveden/{}/ has no «Дата последнего обновления»",
                sub.slug
            )),
        }
        // Formats (compliance.md §1.3).
        for d in values(&html, "regDate") {
            let numeric = d.len() == 10
                && d.char_indices().all(|(i, c)| {
                    if i == 2 || i == 5 {
                        c == '.'
                    } else {
                        c.is_ascii_digit()
                    }
                });
            if !numeric && !absent(&d) {
                bad.push(format!("regDate «{d}» is not дд.мм.гггг"));
            }
        }
        for list in values(&html, "email")
            .into_iter()
            .chain(values(&html, "mailUchred"))
        {
            if !absent(&list)
                && !list
                    .split("; ")
                    .all(|e| e.contains('@') && !e.contains(' '))
            {
                bad.push(format!("email «{list}» is not addresses separated by «;»"));
            }
        }
        for list in values(&html, "telephone") {
            if !absent(&list) && !list.split("; ").all(|p| p.contains('(') && p.contains(')')) {
                bad.push(format!("telephone «{list}» is not «(код) номер; …»"));
            }
        }
        pages.insert(sub.slug, html);
    }
    let index = std::fs::read_to_string(public.join("sveden/index.html")).expect("/sveden/");
    for sub in VOCABULARY.iter().filter(|s| s.required) {
        assert!(
            index.contains(&format!("href=\"/sveden/{}/\"", sub.slug)),
            "/sveden/ lists {}",
            sub.slug
        );
    }
    // Приказ № 1493, п. 3: reachable from the home page and the main menu;
    // ПП № 1802, п. 17: links to both ministries.
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    let doc = Html::parse_document(&home);
    let menu = Selector::parse("nav.main-menu a[href=\"/sveden/\"]").unwrap();
    assert!(
        doc.select(&menu).next().is_some(),
        "the main menu links /sveden/"
    );
    let main = Selector::parse("main a[href=\"/sveden/\"]").unwrap();
    assert!(
        doc.select(&main).next().is_some(),
        "the home page links /sveden/"
    );
    assert!(home.contains("href=\"https://minobrnauki.gov.ru/\""));
    assert!(home.contains("href=\"https://edu.gov.ru/\""));
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    pages
}

fn build_reference_portal() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    for d in ["content", "themes"] {
        copy_dir(&repo().join(d), &site.path().join(d));
    }
    std::fs::copy(repo().join("site.toml"), site.path().join("site.toml")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(["build", "--quiet", "--output", "public"])
        .current_dir(site.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    site
}

#[test]
fn the_reference_portal_has_a_complete_sveden() {
    let site = build_reference_portal();
    let pages = check_site(&site.path().join("public"));
    // Where the seeds are silent the page says so, marked up (MR footnote 2).
    assert_eq!(values(&pages["common"], "fullName"), ["отсутствует"]);
    assert_eq!(values(&pages["common"], "regDate"), ["отсутствует"]);
    assert_eq!(values(&pages["common"], "shortName"), ["МБУ ДО «ЦДО»"]);
    assert_eq!(
        values(&pages["common"], "telephone"),
        ["+7 (4812) 31-30-35"]
    );
    assert_eq!(values(&pages["struct"], "post"), ["заведующий отделом"]);
    // Paid services absent: «Отсутствует» on every position.
    for name in ["paidEdu", "paidDog", "paidSt"] {
        assert_eq!(values(&pages["paid_edu"], name), ["отсутствует"], "{name}");
    }
    // International cooperation absent: the words in every cell of the first row.
    for name in ["stateName", "orgName", "dogReg"] {
        assert_eq!(values(&pages["inter"], name), ["отсутствует"], "{name}");
    }
}

/// The init site's sample has values everywhere: dates, phones and e-mails
/// come out in the MR's formats, a registry document is a link.
#[test]
fn a_filled_sveden_has_the_mr_formats() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(["init", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(["build", "--quiet"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pages = check_site(&dir.join("public"));
    let common = &pages["common"];
    assert_eq!(values(common, "regDate"), ["01.09.1995"]);
    assert_eq!(values(common, "email"), ["info@example.ru"]);
    assert_eq!(
        values(common, "nameUchred"),
        ["Управление образования администрации города"]
    );
    let doc = Html::parse_document(&pages["document"]);
    let charter = Selector::parse("a[itemprop=ustavDocLink]").unwrap();
    let a = doc.select(&charter).next().expect("the charter is a link");
    assert_eq!(a.value().attr("href"), Some("/dokumenty/ustav/"));
    // Приказ № 1493 as amended by № 1353, п. 4: the teaching staff of each
    // programme, as active links to the staff's rows.
    let doc = Html::parse_document(&pages["employees"]);
    let heading = Selector::parse("h3").unwrap();
    let h3: Vec<String> = doc.select(&heading).map(|h| h.text().collect()).collect();
    assert_eq!(h3, ["Дополнительная общеразвивающая программа «Образец»"]);
    let links = Selector::parse("h3 + ul a[href^=\"#\"]").unwrap();
    let a = doc
        .select(&links)
        .next()
        .expect("a link to the programme's teacher");
    assert_eq!(a.text().collect::<String>(), "Иванова Мария Александровна");
    let target = Selector::parse(&format!(
        "tr{}[itemprop=teachingStaff]",
        a.value().attr("href").unwrap()
    ))
    .unwrap();
    assert!(
        doc.select(&target).next().is_some(),
        "the link leads to the teacher's row"
    );
    // A programme the staff names but «education» does not: a warning with
    // the closest name.
    edit(
        &dir.join("content/sveden/svedeniya.yaml"),
        "      programmes: Дополнительная общеразвивающая программа «Образец»",
        "      programmes: Дополнительная общеразвивающая программа «Обрзец»",
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(["check"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("предупреждение: /sveden/employees: программы «Дополнительная общеразвивающая программа «Обрзец»» нет в подразделе «Образование»"),
        "{text}"
    );
    assert!(
        text.contains(
            "возможно, вы имели в виду «Дополнительная общеразвивающая программа «Образец»»?"
        ),
        "{text}"
    );
}

/// MR v9 §3.1: a subsection that continues on other pages links them with
/// `addRef` from its main page, a tag of its own (no marked parent) that
/// the monitoring follows; more than 10 is warned about.
#[test]
fn continued_subsections_link_with_add_ref() {
    let (_tmp, dir) = init_site();
    let yaml = dir.join("content/sveden/svedeniya.yaml");
    edit(
        &yaml,
        "- id: employees\n",
        "- id: employees\n  continued:\n    - {url: /kontakty/, text: Педагоги программы «Образец»}\n    - {document: ustav}\n",
    );
    let stderr = build_in(&dir, &[]);
    assert!(!stderr.contains("предупреждение"), "{stderr}");
    let html = std::fs::read_to_string(dir.join("public/sveden/employees/index.html")).unwrap();
    let doc = Html::parse_document(&html);
    let tags = light_tree(&doc);
    let refs: Vec<(String, Option<&str>)> = tags
        .iter()
        .filter(|t| t.name == "addRef")
        .map(|t| (text(&t.el), t.el.value().attr("href")))
        .collect();
    assert_eq!(
        refs,
        [
            ("Педагоги программы «Образец»".to_string(), Some("/kontakty/")),
            (
                "Устав (образец записи; на него ссылается раздел «Сведения об образовательной организации»)".to_string(),
                Some("/dokumenty/ustav/")
            ),
        ]
    );
    assert!(tags
        .iter()
        .filter(|t| t.name == "addRef")
        .all(|t| t.parent.is_none()));
    let eleven = (0..11)
        .map(|_| "    - {url: /kontakty/}\n")
        .collect::<String>();
    edit(&yaml, "  continued:\n", &format!("  continued:\n{eleven}"));
    let stderr = build_in(&dir, &[]).replace('\u{a0}', " ");
    assert!(
        stderr.contains("предупреждение: 13 ссылок на продолжение подраздела (addRef) — больше 10"),
        "{stderr}"
    );
}

/// The test itself would catch a misplaced tag: a child outside its
/// parent, nesting two levels deep, an empty value.
#[test]
fn the_walker_catches_misplaced_tags() {
    let managers = VOCABULARY.iter().find(|s| s.slug == "managers").unwrap();
    let row = |extra: &str| {
        format!("<table><tr itemprop=\"rucovodstvo\"><td itemprop=\"fio\">Иванов И. И.</td><td itemprop=\"post\">директор</td><td itemprop=\"telephone\">(4812) 00-00-00</td><td itemprop=\"email\">a@b.ru</td>{extra}</tr></table>")
    };
    let zam = "<table><tr itemprop=\"rucovodstvoZam\"><td itemprop=\"fio\">отсутствует</td><td itemprop=\"post\">отсутствует</td><td itemprop=\"telephone\">отсутствует</td><td itemprop=\"email\">отсутствует</td></tr></table>";
    let ok = format!("<html><body>{}{zam}</body></html>", row(""));
    assert_eq!(check_page(managers, &ok), Vec::<String>::new());
    let sibling = format!(
        "<html><body>{}<p itemprop=\"fio\">Петров</p>{zam}</body></html>",
        row("")
    );
    assert!(!check_page(managers, &sibling).is_empty());
    let deep = format!(
        "<html><body>{}{zam}</body></html>",
        row("<td itemprop=\"post\"><span itemprop=\"fio\">x</span></td>")
    );
    assert!(check_page(managers, &deep)
        .iter()
        .any(|p| p.contains("two levels")));
    let empty = ok.replace("Иванов И. И.", "");
    assert!(check_page(managers, &empty)
        .iter()
        .any(|p| p.contains("empty")));
}

const INCOMPLETE: &str = "- id: common
  full_name: Муниципальное бюджетное учреждение дополнительного образования «Центр»
  founders: отсутствует
  address: 214000, Смоленская область, г. Смоленск, ул. Школьная, д. 2
  work_time: отсутствует
  phones: [\"31-30-35\"]
  emails: [info@example.ru]
  license: отсутствует
  charter: отсутствует
  places_network: не предусмотрено
  places_practice: не предусмотрено
  places_training: не предусмотрено
  places_gia: не предусмотрено
- id: managers
  head:
    - fio: Иванова Мария Александровна
      post: директор
      phones: [\"(4812) 00-00-00\"]
  deputies: отсутствует
- id: comon
";

fn incomplete_site(kind: &str) -> common::Fixture {
    common::Fixture::new(&[
        ("site.toml", &format!("title = \"Центр\"\n{kind}")),
        ("content/sveden/svedeniya.yaml", INCOMPLETE),
    ])
}

/// `metodist check` lists what a deliberately incomplete source lacks, in
/// Russian, naming the subsection and the field; the build of an
/// educational organisation fails on it.
#[test]
fn check_lists_what_an_incomplete_sveden_lacks() {
    let site = incomplete_site("kind = \"educational_organisation\"\n");
    let out = site.run(&["check"]);
    assert!(!out.status.success());
    let text =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    for expected in [
        "ошибка: /sveden/common: нет даты создания (regDate)",
        "ошибка: /sveden/struct: нет подраздела «Структура и органы управления образовательной организацией»",
        "ошибка: /sveden/catering: нет подраздела «Организация питания в образовательной организации»",
        "ошибка: /sveden/managers: у «Иванова Мария Александровна» нет адреса электронной почты (email)",
        "ошибка: поле «charter» относится к подразделу «Документы» (/sveden/document/), а эта запись — «common»",
        "ошибка: телефон «31-30-35» записан не по образцу",
        "ошибка: «comon» — не подраздел сведений об организации",
        "возможно, вы имели в виду «common»?",
    ] {
        assert!(text.contains(expected), "missing «{expected}» in:\n{text}");
    }
    // Marked absent is not missing; optional items are not demanded.
    for not in [
        "(workTime)",
        "(uchredLaw)",
        "(rucovodstvoZam)",
        "(shortName)",
        "eduStandarts",
    ] {
        assert!(!text.contains(not), "«{not}» reported in:\n{text}");
    }
    assert!(!site.run(&["build", "--quiet"]).status.success());
}

/// A site that has not said what it is gets warnings; a municipal body
/// needs no /sveden/ at all (its own pages instead: tests/municipal.rs).
#[test]
fn the_regime_decides() {
    let site = incomplete_site("");
    let out = site.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        text.contains("предупреждение: /sveden/common: нет даты создания (regDate)"),
        "{text}"
    );
    assert!(
        text.contains("предупреждение: /sveden/common: нет даты последнего обновления (updated)"),
        "{text}"
    );
    let body = common::Fixture::new(&[(
        "site.toml",
        "title = \"Управление\"\nkind = \"municipal_body\"\n",
    )]);
    let text = String::from_utf8_lossy(&body.run(&["check"]).stderr).to_string();
    assert!(!text.contains("/sveden/"), "{text}");
    assert!(
        text.contains("/deiatelnost/obshchaia-informatsiia: нет подраздела «Общая информация»"),
        "{text}"
    );
    let oo = common::Fixture::new(&[(
        "site.toml",
        "title = \"Центр\"\nkind = \"educational_organisation\"\n",
    )]);
    let text = String::from_utf8_lossy(&oo.run(&["check"]).stderr).to_string();
    assert!(
        text.contains("/sveden/common: нет подраздела «Основные сведения»"),
        "{text}"
    );
    assert!(!text.contains("/deiatelnost/"), "{text}");
}

fn init_site() -> (tempfile::TempDir, std::path::PathBuf) {
    init_site_of("educational_organisation")
}

fn init_site_of(kind: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(["init", dir.to_str().unwrap(), "--kind", kind])
        .output()
        .unwrap();
    assert!(out.status.success());
    (tmp, dir)
}

fn build_in(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_metodist"))
        .arg("build")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{stderr}");
    stderr
}

fn edit(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The conventional pages of an official site, for both regimes: contacts
/// with e-mail, hours and the head; «Обращения граждан» with the law's
/// terms and a mailto/postal route; the personal-data policy; the founder,
/// both ministries and the official social pages linked. A municipal body's
/// site builds without /sveden/.
#[test]
fn conventional_pages_for_both_regimes() {
    let (_tmp, dir) = init_site();
    let stderr = build_in(&dir, &[]);
    assert!(!stderr.contains("предупреждение"), "{stderr}");
    // No-break spaces of the typography read as spaces here.
    let read = |p: &str| {
        std::fs::read_to_string(dir.join("public").join(p))
            .unwrap()
            .replace(['\u{a0}', '\u{202f}'], " ")
    };
    let contacts = read("kontakty/index.html");
    for want in [
        "<a href=\"mailto:metod@example.ru\">metod@example.ru</a>",
        "понедельник — пятница, 9:00–18:00",
        "заведующий отделом — Иванова Мария Александровна",
        "<address>000000, область, г. Город, ул. Школьная, д. 2</address>",
    ] {
        assert!(contacts.contains(want), "contacts lack {want}");
    }
    assert!(!contacts.contains("<iframe"), "no map or other embed");
    let appeals = read("obrashcheniya-grazhdan/index.html");
    for want in ["№ 59-ФЗ", "30 дней", "mailto:metod@example.ru", "Почтой"] {
        assert!(appeals.contains(want), "appeals lack {want}");
    }
    // The only form is the site's own search; none posts to another site.
    let forms = Selector::parse("form").unwrap();
    for form in Html::parse_document(&appeals).select(&forms) {
        let action = form.value().attr("action").unwrap_or_default();
        assert!(!action.contains("://"), "a form posts to {action}");
    }
    assert!(read("personalnye-dannye/index.html").contains("152-ФЗ"));

    // A municipal body's init site: no /sveden/; the founder and the
    // official social pages, once configured, are in the footer.
    let (_tmp, dir) = init_site_of("municipal_body");
    let read = |p: &str| {
        std::fs::read_to_string(dir.join("public").join(p))
            .unwrap()
            .replace(['\u{a0}', '\u{202f}'], " ")
    };
    let toml = dir.join("site.toml");
    edit(&toml, "# founder = \"Управление образования администрации города\"\n# founder_url = \"https://…/\"", "founder = \"Управление образования\"\nfounder_url = \"https://uo.example.ru/\"");
    edit(&toml, "# social = [{title = \"ВКонтакте\", url = \"https://vk.com/…\"}, {title = \"Одноклассники\", url = \"https://ok.ru/…\"}]", "social = [{title = \"ВКонтакте\", url = \"https://vk.com/metod\"}]");
    let stderr = build_in(&dir, &[]);
    assert!(!stderr.contains("предупреждение"), "{stderr}");
    assert!(!dir.join("public/sveden").exists());
    let home = read("index.html");
    for want in [
        "<a href=\"https://uo.example.ru/\">Управление образования</a>",
        "<a href=\"https://vk.com/metod\">ВКонтакте</a>",
        "href=\"https://minobrnauki.gov.ru/\"",
        "href=\"https://edu.gov.ru/\"",
    ] {
        assert!(home.contains(want), "footer lacks {want}");
    }
    assert!(read("kontakty/index.html").contains("uo@example.ru"));
    assert!(read("obrashcheniya-grazhdan/index.html").contains("mailto:uo@example.ru"));
}

/// The «Решаем вместе» widget: its script (the only external origin of the
/// site) in an online build, none of it offline — a plain link instead.
#[test]
fn pos_widget_online_only() {
    let (_tmp, dir) = init_site();
    edit(
        &dir.join("site.toml"),
        "# pos_id = 123456",
        "pos_id = 123456",
    );
    build_in(&dir, &[]);
    build_in(&dir, &["--offline", "--output", "offline"]);
    let external = |root: &std::path::Path| -> Vec<String> {
        let sel = Selector::parse("script[src], link[href][rel=stylesheet], img[src], iframe[src]")
            .unwrap();
        let mut found = Vec::new();
        for entry in walk(root) {
            let html = std::fs::read_to_string(&entry).unwrap();
            for el in Html::parse_document(&html).select(&sel) {
                let v = el.value();
                let url = v.attr("src").or(v.attr("href")).unwrap_or_default();
                if url.contains("://") {
                    found.push(url.to_string());
                }
            }
        }
        found.sort();
        found.dedup();
        found
    };
    assert_eq!(
        external(&dir.join("public")),
        ["https://pos.gosuslugi.ru/bin/script.min.js"]
    );
    let online =
        std::fs::read_to_string(dir.join("public/obrashcheniya-grazhdan/index.html")).unwrap();
    assert!(online.contains("Widget(\"https://pos.gosuslugi.ru/form\", 123456)"));
    assert_eq!(external(&dir.join("offline")), Vec::<String>::new());
    let offline =
        std::fs::read_to_string(dir.join("offline/obrashcheniya-grazhdan/index.html")).unwrap();
    assert!(!offline.contains("Widget("));
    assert!(offline.contains("href=\"https://pos.gosuslugi.ru/form/?opaId=123456\""));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
    out
}
