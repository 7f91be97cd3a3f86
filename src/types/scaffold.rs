//! `metodist new` (a new entry with the right fields) and `metodist init`
//! (a new buildable site: settings, the default theme and a few example
//! entries of every type, all embedded in the binary).

use super::{kind_by_name, Collections, TYPES};
use crate::config::SiteConfig;
use crate::ru::slug::slugify;
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// Names `metodist new` accepts besides the registry's, in Russian too.
const ALIASES: &[(&str, &str)] = &[
    ("seminar", "event"),
    ("семинар", "event"),
    ("мероприятие", "event"),
    ("пара", "pair"),
    ("практика", "practice"),
    ("документ", "document"),
    ("план", "plan"),
    ("school", "organisation"),
    ("школа", "organisation"),
    ("организация", "organisation"),
    ("человек", "person"),
    ("фактор", "risk_factor"),
    ("term", "glossary_term"),
    ("термин", "glossary_term"),
    ("страница", "page"),
];

/// The registry index of a type named on the command line.
pub fn type_of(name: &str) -> Result<usize, String> {
    let lower = name.to_lowercase();
    let canonical = ALIASES
        .iter()
        .find(|(a, _)| *a == lower)
        .map_or(lower.as_str(), |(_, t)| t);
    kind_by_name(canonical).ok_or_else(|| {
        let names: Vec<&str> = TYPES.iter().map(|t| t.name()).collect();
        let hint = crate::suggest::did_you_mean(
            &lower,
            names.iter().copied().chain(ALIASES.iter().map(|a| a.0)),
        )
        .unwrap_or_else(|| format!("типы записей: {}", names.join(", ")));
        format!("неизвестный тип записи «{name}»; {hint}")
    })
}

/// Creates the file of a new entry in its collection folder and returns
/// its path. Dated types get today's date, events a date prefix in the name.
pub fn new_entry(
    root: &Path,
    type_name: &str,
    title: &str,
    today: NaiveDate,
) -> Result<PathBuf, String> {
    let kind = type_of(type_name)?;
    let config = SiteConfig::load(root).map_err(|d| d.message)?;
    let (collections, _) = Collections::from_config(&config);
    let folder = collections.folder_of(kind).unwrap_or_default();
    let t = TYPES[kind];
    let slug = slugify(title);
    if slug.is_empty() {
        return Err("из заголовка не получается имя файла: в нём нет ни букв, ни цифр".into());
    }
    let dated = matches!(
        t.name(),
        "event" | "document" | "practice" | "plan" | "page"
    );
    let stem = if t.name() == "event" {
        format!("{}-{slug}", today.format("%Y-%m-%d"))
    } else {
        slug
    };
    let dir = root.join("content").join(&folder);
    let path = dir.join(format!("{stem}.md"));
    if path.exists() {
        return Err(format!(
            "файл {} уже есть",
            crate::diagnostics::rel_path(root, &path)
        ));
    }
    let quoted = |s: &str| serde_json::Value::String(s.to_string()).to_string();
    let mut front = String::new();
    match t.name() {
        "organisation" => front.push_str(&format!("short_name: {}\n", quoted(title))),
        "glossary_term" => front.push_str(&format!("term: {}\n", quoted(title))),
        "person" => {
            let mut parts = title.split_whitespace();
            for field in ["surname", "name", "patronymic"] {
                if let Some(p) = parts.next() {
                    front.push_str(&format!("{field}: {}\n", quoted(p)));
                }
            }
        }
        _ => front.push_str(&format!("title: {}\n", quoted(title))),
    }
    if dated {
        front.push_str(&format!("date: {}\n", today.format("%Y-%m-%d")));
    }
    let first = if today.month() >= 9 {
        today.year()
    } else {
        today.year() - 1
    };
    front.push_str(
        &t.skeleton()
            .replace("{school_year}", &format!("{first}-{}", first + 1))
            .replace("{year}", &today.year().to_string()),
    );
    std::fs::create_dir_all(&dir).map_err(|e| format!("не удалось создать папку: {e}"))?;
    let text = format!("---\n{front}---\nТекст записи в Markdown.\n");
    std::fs::write(&path, text).map_err(|e| format!("не удалось записать файл: {e}"))?;
    Ok(path)
}

/// Creates a new site in `dir` (which must not exist or be empty).
pub fn init_site(dir: &Path) -> Result<usize, String> {
    if dir.exists()
        && dir
            .read_dir()
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(format!(
            "папка «{}» уже существует и не пуста",
            dir.display()
        ));
    }
    let mut written = 0;
    let theme = THEME_FILES
        .iter()
        .map(|(p, b)| (format!("themes/default/{p}"), *b));
    let examples = EXAMPLE.iter().map(|(p, t)| (p.to_string(), t.as_bytes()));
    for (rel, bytes) in examples.chain(theme) {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("не удалось создать папку: {e}"))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("не удалось записать {rel}: {e}"))?;
        written += 1;
    }
    Ok(written)
}

/// The example site of `metodist init`: one or two entries of every type.
const EXAMPLE: &[(&str, &str)] = &[
    ("site.toml", "# Настройки сайта. Справка: docs/content-model.md\ntitle = \"Методический отдел\"\ndescription = \"Семинары, межшкольное партнёрство, банк практик и нормативные документы\"\nbase_url = \"/\"\npaginate_by = 20\n\n[organization]\nname = \"Методический отдел\"\n\n[collections]\nmeropriiatiia = \"event\"\npartnerstvo = \"pair\"\npraktiki = \"practice\"\ndokumenty = \"document\"\ndorozhnaia-karta = \"plan\"\nshkoly = \"organisation\"\nliudi = \"person\"\nriski = \"risk_factor\"\nglossarii = \"glossary_term\"\nmonitoring = \"indicator\"\n\n[[menu]]\ntitle = \"Мероприятия\"\nurl = \"/meropriiatiia/\"\n[[menu]]\ntitle = \"Школы\"\nurl = \"/shkoly/\"\n[[menu]]\ntitle = \"Партнёрство\"\nurl = \"/partnerstvo/\"\n[[menu]]\ntitle = \"Практики\"\nurl = \"/praktiki/\"\n[[menu]]\ntitle = \"Документы\"\nurl = \"/dokumenty/\"\n[[menu]]\ntitle = \"Мониторинги\"\nurl = \"/monitoring/\"\n"),
    ("content/_index.md", "---\ntitle: Методический отдел\n---\nСайт методического отдела: мероприятия, школы, практики и документы.\n"),
    ("content/meropriiatiia/_index.md", "---\ntitle: Мероприятия\nsort_by: date\ngroup_by: school_year\nfeed: true\n---\n"),
    ("content/meropriiatiia/2022-11-17-mezhshkolnyi-seminar.md", "---\ntitle: Организация эффективного межшкольного партнерства\nkind: межшкольный семинар\ndate: 2022-11-17\nschool_year: \"2022-2023\"\ncity: Смоленск\norganisers: [metodicheskii-otdel]\nprogram:\n  - title: О федеральном Проекте «500+»\n    speakers:\n      - person: ivanova-ma\n        organisation: metodicheskii-otdel\n  - title: Опыт работы школы с куратором\n    speakers: [{name: Петров П.П., position: директор, organisation: mbou-sh-1}]\n---\nМежшкольный семинар об опыте школ — участниц Проекта «500+».\n"),
    ("content/shkoly/_index.md", "---\ntitle: Школы\nsort_by: title\npaginate_by: 0\n---\n"),
    ("content/shkoly/schools.yaml", "- id: mbou-sh-1\n  short_name: МБОУ «СШ № 1»\n  aliases: [СШ № 1]\n  kind: школа\n  statuses:\n    - {school_year: \"2022-2023\", status: ШНРО, basis: [prikaz-1]}\n- id: mbou-sh-2\n  short_name: МБОУ «СШ № 2»\n  kind: школа\n- id: metodicheskii-otdel\n  short_name: Методический отдел\n  genitive: методического отдела\n  kind: методическая служба\n"),
    ("content/liudi/_index.md", "---\ntitle: Люди\nsort_by: title\npaginate_by: 0\n---\n"),
    ("content/liudi/people.yaml", "- id: ivanova-ma\n  surname: Иванова\n  name: Мария\n  patronymic: Алексеевна\n  positions:\n    - {position: методист, organisation: metodicheskii-otdel}\n"),
    ("content/riski/_index.md", "---\ntitle: Факторы риска\nsort_by: title\npaginate_by: 0\n---\n"),
    ("content/riski/factors.yaml", "- id: nizkaia-uchebnaia-motivatsiia\n  title: Низкая учебная мотивация обучающихся\n  parameters: [{title: Уровень мотивации обучающихся, unit: балл}]\n"),
    ("content/glossarii/_index.md", "---\ntitle: Глоссарий\nsort_by: title\npaginate_by: 0\n---\n"),
    ("content/glossarii/glossary.yaml", "- id: shnro\n  term: ШНРО\n  expansion: школы с низкими результатами обучения\n  aliases: [ШПРО]\n"),
    ("content/partnerstvo/_index.md", "---\ntitle: Межшкольное партнёрство\nsort_by: title\ngroup_by: school_year\npaginate_by: 0\n---\n"),
    ("content/partnerstvo/pairs.yaml", "- id: para-sh-1-sh-2\n  kind: сетевое партнёрство\n  school_year: \"2022-2023\"\n  members:\n    - {organisation: mbou-sh-1, role: ШНРО}\n    - {organisation: mbou-sh-2, role: школа-партнёр}\n  basis: [prikaz-1]\n  risk_factors: [nizkaia-uchebnaia-motivatsiia]\n  presented_at: [{event: 2022-11-17-mezhshkolnyi-seminar, item: 2}]\n"),
    ("content/praktiki/_index.md", "---\ntitle: Банк практик\nsort_by: title\npaginate_by: 20\n---\n"),
    ("content/praktiki/motivatsiia.md", "---\ntitle: Мотивация — путь к успеху\nkind: антирисковая программа\nlevel: школьная\nschool_year: \"2022-2023\"\nschools: [mbou-sh-1]\nauthors: [ivanova-ma]\nrisk_factors: [nizkaia-uchebnaia-motivatsiia]\ntarget_groups: [обучающиеся]\neducation_levels: [ООО]\ngoal: повышение учебной мотивации обучающихся\nmeasures:\n  - Классные часы о профессиях\n  - {title: Совместный педсовет, date: 2022-12-20, organisations: [mbou-sh-2]}\n---\nКак школа повышает учебную мотивацию вместе со школой-партнёром.\n"),
    ("content/dokumenty/_index.md", "---\ntitle: Нормативные документы\nsort_by: date\ngroup_by: school_year\npaginate_by: 0\n---\n"),
    ("content/dokumenty/documents.yaml", "- id: prikaz-1\n  kind: приказ\n  level: муниципальный\n  issuer: metodicheskii-otdel\n  number: \"1-ОД\"\n  date: 2022-09-01\n  title: Об организации сопровождения школ с низкими результатами обучения\n  school_year: \"2022-2023\"\n  status: действует\n"),
    ("content/dorozhnaia-karta/_index.md", "---\ntitle: Дорожная карта\nsort_by: date\npaginate_by: 0\n---\n"),
    ("content/dorozhnaia-karta/plan-2023.md", "---\ntitle: Дорожная карта на 2023 год\nkind: дорожная карта\nyear: \"2023\"\nowner: metodicheskii-otdel\nbasis: [prikaz-1]\nstages:\n  - number: \"1\"\n    title: Диагностический этап\n    items:\n      - number: \"1.1\"\n        activity: Анализ рисковых профилей школ\n        period: {start: \"2023-02\", end: \"2023-03\", raw: Февраль – март 2023}\n        organisations: [metodicheskii-otdel]\n        result: Рисковые профили школ\n---\n"),
    ("content/monitoring/_index.md", "---\ntitle: Мониторинги и аналитика\nsort_by: title\n---\nТаблицы показателей с диаграммами. Справка: docs/indicators.md.\n"),
    ("content/monitoring/uchastie-v-olimpiadakh.yaml", "title: Участие обучающихся в олимпиадах\nunit: человек\nsource: Пример — замените своими данными\nbelongs_to: mbou-sh-1\nrow_header: Этап\ncolumns: [\"2020-2021\", \"2021-2022\", \"2022-2023\"]\nrows:\n  - label: Школьный этап\n    values: [\"126\", \"132\", \"140\"]\n  - label: Муниципальный этап\n    values: [\"21\", \"41\", \"38\"]\n  - label: Региональный этап\n    values: [\"2\", \"-\", \"3\"]\n"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_in_english_and_russian() {
        assert_eq!(type_of("seminar"), Ok(kind_by_name("event").unwrap()));
        assert_eq!(type_of("Практика"), Ok(kind_by_name("practice").unwrap()));
        assert_eq!(
            type_of("practise").unwrap_err(),
            "неизвестный тип записи «practise»; возможно, вы имели в виду «practice»?"
        );
    }

    #[test]
    fn the_whole_theme_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk = walkdir::WalkDir::new(&dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .count();
        assert_eq!(THEME_FILES.len(), on_disk);
        assert!(THEME_FILES
            .iter()
            .any(|(p, _)| *p == "templates/event.html"));
    }
}
