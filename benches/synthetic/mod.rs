//! Seeded synthetic sites for the benchmarks (`build`, `serve`): Russian text,
//! ~8 KB of Markdown per page with front matter, headings, a list and a table.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "школа",
    "партнёрство",
    "методический",
    "семинар",
    "педагог",
    "обучающихся",
    "результаты",
    "программа",
    "развития",
    "куратор",
    "мониторинг",
    "качество",
    "образования",
    "риски",
    "поддержка",
    "наставничество",
    "учебный",
    "год",
    "муниципальный",
    "проект",
    "адресный",
    "сопровождение",
    "управленческая",
    "команда",
    "дорожная",
    "карта",
    "показатели",
    "динамика",
    "взаимоэкспертиза",
    "антирисковая",
    "мотивация",
    "родители",
    "концепция",
    "диагностика",
];

/// xorshift64*: deterministic across runs and machines.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn word(&mut self) -> &'static str {
        WORDS[(self.next() % WORDS.len() as u64) as usize]
    }
    fn sentence(&mut self, words: usize) -> String {
        let mut s: Vec<String> = (0..words).map(|_| self.word().to_string()).collect();
        let first: String = s[0]
            .chars()
            .flat_map(char::to_uppercase)
            .collect::<String>()
            + &s[0].chars().skip(1).collect::<String>();
        s[0] = first;
        s.join(" ") + "."
    }
}

fn page(rng: &mut Rng, i: usize) -> String {
    let mut md = String::with_capacity(9000);
    let day = 1 + (i % 28);
    let month = 1 + (i / 28) % 12;
    let _ = write!(
        md,
        "---\ntitle: {} {i}\ndate: 2022-{month:02}-{day:02}\ndescription: {}\n---\n",
        rng.sentence(4).trim_end_matches('.'),
        rng.sentence(10)
    );
    while md.len() < 8000 {
        let _ = write!(md, "\n## {}\n\n", rng.sentence(3).trim_end_matches('.'));
        for _ in 0..3 {
            let n = 12 + (rng.next() % 10) as usize;
            md.push_str(&rng.sentence(n));
            md.push(' ');
        }
        md.push_str("\n\n");
        for _ in 0..4 {
            let _ = writeln!(md, "- {}", rng.sentence(6));
        }
        md.push_str("\n| Показатель | 2021 | 2022 |\n|---|---|---|\n");
        for _ in 0..4 {
            let _ = writeln!(
                md,
                "| {} | {}% | {}% |",
                rng.word(),
                rng.next() % 100,
                rng.next() % 100
            );
        }
    }
    md
}

/// The Markdown of `n` pages as [`generate`] writes them (for benchmarks of
/// one stage; not every benchmark uses it).
#[allow(dead_code)]
pub fn pages(n: usize) -> Vec<String> {
    let mut rng = Rng(0x5eed_0000 + n as u64);
    (0..n).map(|i| page(&mut rng, i)).collect()
}

/// Writes a site of `n` pages (10 sections, the repository's theme) into `dir`.
pub fn generate(dir: &Path, n: usize) {
    let _ = std::fs::remove_dir_all(dir);
    let content = dir.join("content");
    std::fs::create_dir_all(&content).unwrap();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("themes"), &dir.join("themes"));
    std::fs::write(
        dir.join("site.toml"),
        "title = \"Синтетический портал\"\nbase_url = \"https://example.ru/\"\npaginate_by = 20\n",
    )
    .unwrap();
    std::fs::write(
        content.join("_index.md"),
        "---\ntitle: Главная\n---\nПортал.\n",
    )
    .unwrap();
    let mut rng = Rng(0x5eed_0000 + n as u64);
    for s in 0..10 {
        let sec = content.join(format!("razdel-{s}"));
        std::fs::create_dir_all(&sec).unwrap();
        std::fs::write(
            sec.join("_index.md"),
            format!("---\ntitle: Раздел {s}\n---\n"),
        )
        .unwrap();
    }
    for i in 0..n {
        let path = content.join(format!("razdel-{}/stranitsa-{i}.md", i % 10));
        std::fs::write(path, page(&mut rng, i)).unwrap();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}
