//! URL slugs and heading ids transliterated from Russian by ICAO Doc 9303
//! (the scheme of Russian passports since 2013): «Межшкольное партнёрство» →
//! `mezhshkolnoe-partnerstvo`. Written here because the crates on crates.io
//! implement GOST or ad-hoc schemes, not ICAO (ъ → `ie`, ц → `ts`, щ → `shch`).

/// The Latin form of one lowercase Cyrillic letter, or `None` for other characters.
fn icao(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => "ie",
        'ы' => "y",
        'ь' => "",
        'ю' => "iu",
        'я' => "ia",
        _ => return None,
    })
}

/// Transliterates `text` into a lowercase slug: Cyrillic by ICAO, ASCII letters
/// and digits kept, every other run of characters folded into one hyphen.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let piece: Option<&str> = if c.is_ascii_alphanumeric() {
            None
        } else if let Some(latin) = icao(c) {
            if latin.is_empty() {
                continue; // ь leaves no trace and does not split the word
            }
            Some(latin)
        } else {
            pending_hyphen = true;
            continue;
        };
        if pending_hyphen && !out.is_empty() {
            out.push('-');
        }
        pending_hyphen = false;
        match piece {
            Some(latin) => out.push_str(latin),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn domain_examples() {
        assert_eq!(
            slugify("Межшкольное партнёрство"),
            "mezhshkolnoe-partnerstvo"
        );
        assert_eq!(
            slugify("Организация эффективного межшкольного партнерства"),
            "organizatsiia-effektivnogo-mezhshkolnogo-partnerstva"
        );
        assert_eq!(slugify("Проект «500+»"), "proekt-500");
        assert_eq!(slugify("Прииртышская"), "priirtyshskaia");
        assert_eq!(slugify("объединения"), "obieedineniia");
    }

    #[test]
    fn hard_letters_and_edges() {
        assert_eq!(slugify("Щука, хвост, цапля"), "shchuka-khvost-tsaplia");
        assert_eq!(slugify("  «Йод» — ёж!  "), "iod-ezh");
        assert_eq!(
            slugify("СШ № 27 имени Э.А. Хиля"),
            "ssh-27-imeni-e-a-khilia"
        );
        assert_eq!(slugify("ИС МЭДК 2.0 и FIOCO"), "is-medk-2-0-i-fioco");
        assert_eq!(slugify("подъезд"), "podieezd");
        assert_eq!(slugify("—"), "");
    }

    #[test]
    fn issue_letters_mixed_scripts_and_stability() {
        assert_eq!(slugify("Ёлка, ёж и йогурт"), "elka-ezh-i-iogurt");
        assert_eq!(
            slugify("Объявление, съезд, подъём"),
            "obieiavlenie-sieezd-podieem"
        );
        assert_eq!(
            slugify("Мягкий знак: день, семья"),
            "miagkii-znak-den-semia"
        );
        assert_eq!(slugify("Щедрость, хор, цирк"), "shchedrost-khor-tsirk");
        assert_eq!(
            slugify("Проект FIOCO и ВПР-2022"),
            "proekt-fioco-i-vpr-2022"
        );
        assert_eq!(slugify("Moodle-курс «Наставник»"), "moodle-kurs-nastavnik");
        assert_eq!(slugify("Школа-партнёр"), slugify("школа партнер"));
        let once = slugify("Межшкольное партнёрство");
        assert_eq!(slugify(&once), once);
    }
}
