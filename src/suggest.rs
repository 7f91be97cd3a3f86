//! «Возможно, вы имели в виду …?» suggestions: by edit distance for typos,
//! and by meaning for field names typed in Russian out of habit
//! (`заголовок:` → `title`).

/// The closest candidate to `word`, phrased as a Russian hint, if any is close
/// enough to be a likely typo (distance at most a third of the word, min. 1).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("возможно, вы имели в виду «{c}»?"))
}

/// Russian words authors use for fields, and the fields they mean (in
/// order of likelihood; the first a struct has wins).
const RUSSIAN: &[(&str, &[&str])] = &[
    ("заголовок", &["title", "term", "short_name"]),
    ("название", &["title", "short_name", "term"]),
    ("наименование", &["title", "short_name", "full_name"]),
    ("тема", &["title"]),
    ("дата", &["date"]),
    ("дата окончания", &["end_date"]),
    ("окончание", &["end_date", "end_time"]),
    ("время", &["time"]),
    ("время окончания", &["end_time"]),
    ("описание", &["description"]),
    ("аннотация", &["abstract", "description"]),
    ("вид", &["kind"]),
    ("тип", &["kind"]),
    ("автор", &["authors"]),
    ("авторы", &["authors"]),
    ("школа", &["schools", "organisation"]),
    ("школы", &["schools"]),
    ("учебный год", &["school_year"]),
    ("год", &["year", "school_year"]),
    ("город", &["city"]),
    ("место", &["venue", "city"]),
    ("место проведения", &["venue"]),
    ("организатор", &["organisers", "host"]),
    ("организаторы", &["organisers"]),
    ("докладчики", &["speakers"]),
    ("выступающие", &["speakers"]),
    ("программа", &["program"]),
    ("материалы", &["materials"]),
    ("файлы", &["materials", "attachments"]),
    ("приложения", &["attachments"]),
    ("черновик", &["draft"]),
    ("псевдонимы", &["aliases"]),
    ("другие названия", &["aliases"]),
    ("номер", &["number"]),
    ("статус", &["status"]),
    ("уровень", &["level"]),
    ("цель", &["goal"]),
    ("результаты", &["results"]),
    ("участники", &["members", "audience"]),
    ("аудитория", &["audience"]),
    ("для кого", &["audience"]),
    ("часы", &["hours"]),
    ("объем", &["hours"]),
    ("форма", &["form"]),
    ("преподаватели", &["lecturers"]),
    ("лекторы", &["lecturers"]),
    ("модули", &["modules"]),
    ("фамилия", &["surname"]),
    ("имя", &["name"]),
    ("отчество", &["patronymic"]),
    ("должность", &["position"]),
    ("организация", &["organisation"]),
    ("издатель", &["issuer"]),
    ("вес", &["weight"]),
    ("порядок", &["weight"]),
];

/// The closest candidate to `word` within a typo's distance, or the field a
/// Russian word means.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    if word
        .chars()
        .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
    {
        let key = word
            .to_lowercase()
            .replace('ё', "е")
            .replace(['_', '-'], " ");
        let meant = RUSSIAN
            .iter()
            .find(|(ru, _)| *ru == key.trim())
            .and_then(|(_, fields)| {
                fields
                    .iter()
                    .find_map(|f| candidates.iter().find(|c| *c == f))
            });
        if let Some(c) = meant {
            return Some(*c);
        }
    }
    let limit = (word.chars().count() / 3).max(1);
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("dat", ["date", "title", "draft"]).as_deref(),
            Some("возможно, вы имели в виду «date»?")
        );
        assert_eq!(closest("titel", ["date", "title"]), Some("title"));
        assert_eq!(closest("speakers", ["date", "title"]), None);
    }

    #[test]
    fn russian_field_names_suggest_the_field_they_mean() {
        assert_eq!(closest("заголовок", ["date", "title"]), Some("title"));
        assert_eq!(closest("Дата", ["date", "title"]), Some("date"));
        assert_eq!(
            closest("учебный_год", ["school_year", "year"]),
            Some("school_year")
        );
        assert_eq!(
            closest("название", ["short_name", "kind"]),
            Some("short_name")
        );
        assert_eq!(closest("заголовок", ["date"]), None);
    }
}
