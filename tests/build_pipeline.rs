//! End-to-end tests of `metodist build`: fixture sites built by the binary,
//! with assertions on the files it writes and the messages it prints.

mod common;
use common::{links, Fixture};

fn section(title: &str, extra: &str) -> String {
    format!("---\ntitle: {title}\n{extra}---\n")
}

fn page(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n{extra}---\n{body}\n")
}

#[test]
fn sections_pages_and_slugs() {
    let f = Fixture::new(&[
        ("content/praktiki/_index.md", &section("Банк практик", "")),
        (
            "content/praktiki/Наставничество молодых педагогов.md",
            &page("Наставничество", "date: 2022-11-17\n", "Текст практики."),
        ),
        (
            "content/praktiki/b.md",
            &page("Школьный климат", "slug: shkolnyi-klimat\n", "Климат."),
        ),
        (
            "content/Межшкольное партнёрство/_index.md",
            &section("Межшкольное партнёрство", ""),
        ),
    ]);
    f.build(&[]);
    let html = f.read("praktiki/nastavnichestvo-molodykh-pedagogov/index.html");
    assert!(html.contains("<h1>Наставничество</h1>"));
    assert!(html.contains("Текст практики."));
    assert!(f.public("praktiki/shkolnyi-klimat/index.html").exists());
    assert!(f.public("mezhshkolnoe-partnerstvo/index.html").exists());
    let list = f.read("praktiki/index.html");
    assert!(list.contains("href=\"/praktiki/nastavnichestvo-molodykh-pedagogov/\""));
    assert!(list.contains("href=\"/praktiki/shkolnyi-klimat/\""));
    // The home page shows its own Markdown text.
    assert!(f.read("index.html").contains("Добро пожаловать."));
}

#[test]
fn slug_collision_names_both_files() {
    let f = Fixture::new(&[
        ("content/a/_index.md", &section("А", "")),
        ("content/a/one.md", &page("Один", "slug: same\n", "")),
        ("content/a/two.md", &page("Два", "slug: same\n", "")),
    ]);
    let err = f.build_fails(&[]);
    assert!(err.contains("адрес «/a/same/» уже занят"), "{err}");
    assert!(
        err.contains("content/a/one.md") && err.contains("content/a/two.md"),
        "{err}"
    );
}

#[test]
fn sorting_and_pagination() {
    let mut files = vec![(
        "content/novosti/_index.md".to_string(),
        section("Новости", "paginate_by: 2\n"),
    )];
    for d in 1..=5 {
        files.push((
            format!("content/novosti/n{d}.md"),
            page(
                &format!("Новость {d}"),
                &format!("date: 2022-03-0{d}\n"),
                "",
            ),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let f = Fixture::new(&refs);
    f.build(&[]);
    // «Новость 5»: typography ties a short last number to its word.
    let read = |p: &str| f.read(p).replace('\u{a0}', " ");
    let first = read("novosti/index.html");
    let second = read("novosti/page/2/index.html");
    let third = read("novosti/page/3/index.html");
    // Newest first, two per page.
    assert!(first.find("Новость 5").unwrap() < first.find("Новость 4").unwrap());
    assert!(!first.contains("Новость 3"));
    assert!(second.contains("Новость 3") && second.contains("Новость 2"));
    assert!(third.contains("Новость 1"));
    assert!(first.contains("href=\"/novosti/page/2/\""));
    assert!(second.contains("rel=\"prev\" href=\"/novosti/\""));
    assert!(!f.public("novosti/page/4/index.html").exists());
}

#[test]
fn weight_sorting() {
    let f = Fixture::new(&[
        (
            "content/o/_index.md",
            &section("О нас", "sort_by: weight\n"),
        ),
        ("content/o/a.md", &page("Третья", "weight: 30\n", "")),
        ("content/o/b.md", &page("Первая", "weight: 10\n", "")),
        ("content/o/c.md", &page("Вторая", "weight: 20\n", "")),
    ]);
    f.build(&[]);
    let html = f.read("o/index.html");
    let pos = |t: &str| html.find(t).unwrap();
    assert!(pos("Первая") < pos("Вторая") && pos("Вторая") < pos("Третья"));
}

#[test]
fn heading_ids_and_toc() {
    let f = Fixture::new(&[(
        "content/s.md",
        &page(
            "Страница",
            "",
            "## Межшкольное партнёрство\n\nТекст.\n\n### Цели\n\n## Итоги {#itogi-goda}\n",
        ),
    )]);
    f.build(&[]);
    let html = f.read("s/index.html");
    assert!(
        html.contains("<h2 id=\"mezhshkolnoe-partnerstvo\">"),
        "{html}"
    );
    assert!(html.contains("<h3 id=\"tseli\">"));
    assert!(html.contains("<h2 id=\"itogi-goda\">"));
    // The theme's table of contents links to them.
    assert!(html.contains("href=\"#mezhshkolnoe-partnerstvo\""));
    assert!(html.contains("href=\"#tseli\""));
}

#[test]
fn markdown_extensions() {
    let f = Fixture::new(&[(
        "content/m.md",
        &page(
            "Разметка",
            "",
            "| А | Б |\n|---|---|\n| 1 | 2 |\n\n~~старое~~\n\n- [x] сделано\n\nСноска[^1].\n\n[^1]: Пояснение.\n",
        ),
    )]);
    f.build(&[]);
    let html = f.read("m/index.html");
    assert!(html.contains("<table>") && html.contains("<td>1</td>"));
    assert!(html.contains("<del>старое</del>"));
    assert!(html.contains("type=\"checkbox\""));
    assert!(html.contains("footnote-definition"));
}

#[test]
fn sitemap_robots_404_and_feed() {
    let f = Fixture::new(&[
        (
            "content/novosti/_index.md",
            &section("Новости", "feed: true\n"),
        ),
        (
            "content/novosti/a.md",
            &page(
                "Семинар & встреча",
                "date: 2022-11-17\ndescription: Кратко\n",
                "Текст <b>новости</b>.",
            ),
        ),
    ]);
    f.build(&[]);
    let sitemap = f.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.ru/novosti/a/</loc><lastmod>2022-11-17</lastmod>")
    );
    assert!(sitemap.contains("<loc>https://example.ru/</loc>"));
    assert!(f
        .read("robots.txt")
        .contains("Sitemap: https://example.ru/sitemap.xml"));
    assert!(f.read("404.html").contains("Страница не найдена"));
    let feed = f.read("novosti/atom.xml");
    assert!(feed.contains("<title>Семинар &amp; встреча</title>"));
    assert!(feed.contains("<updated>2022-11-17T00:00:00Z</updated>"));
    assert!(feed.contains("href=\"https://example.ru/novosti/a/\""));
    assert!(feed.contains("&lt;b&gt;новости&lt;/b&gt;"));
    // The section advertises its feed.
    assert!(f
        .read("novosti/index.html")
        .contains("application/atom+xml"));
}

#[test]
fn robots_names_the_sitemap_only_by_a_full_address() {
    let f = Fixture::new(&[("site.toml", "title = \"Т\"\nbase_url = \"/\"\n")]);
    f.build(&[]);
    let robots = f.read("robots.txt");
    // A relative «Sitemap: /sitemap.xml» is ignored by search engines.
    assert!(
        !robots.lines().any(|l| l.starts_with("Sitemap:")),
        "{robots}"
    );
    assert!(robots.starts_with("User-agent: *\nAllow: /\n"), "{robots}");
    assert!(robots.contains("# Строки Sitemap нет"), "{robots}");
    assert!(f.public("sitemap.xml").is_file());

    f.build(&["--base-url", "https://example.ru/metod/"]);
    let robots = f.read("robots.txt");
    assert!(
        robots.contains("\nSitemap: https://example.ru/metod/sitemap.xml\n"),
        "{robots}"
    );
    assert!(!robots.contains('#'), "{robots}");
}

#[test]
fn colocated_assets_and_links_by_path() {
    let f = Fixture::new(&[
        ("content/dokumenty/_index.md", &section("Документы", "")),
        (
            "content/dokumenty/prikaz.md",
            &page("Приказ", "kind: приказ\n", "[Скачать](prikaz-348.pdf), [практика](../praktiki/a.md#tseli), [раздел](../praktiki/_index.md)"),
        ),
        ("content/praktiki/_index.md", &section("Практики", "")),
        ("content/praktiki/a.md", &page("Практика", "", "## Цели")),
        ("content/praktiki/bundle/index.md", &page("Связка", "", "![Схема](scheme.png)")),
    ]);
    f.write_bytes("content/dokumenty/prikaz-348.pdf", b"%PDF-1.4 test");
    f.write_bytes(
        "content/praktiki/bundle/scheme.png",
        &common::photos::png(8, 6),
    );
    f.write_bytes("content/dokumenty/~$prikaz.docx", b"lock");
    f.build(&[]);
    assert_eq!(
        std::fs::read(f.public("dokumenty/prikaz-348.pdf")).unwrap(),
        b"%PDF-1.4 test"
    );
    // A picture is published as its processed copies (tests/photos.rs).
    assert!(f.public("praktiki/bundle/scheme-8w.webp").exists());
    assert!(!f.public("praktiki/bundle/scheme.png").exists());
    assert!(
        !f.public("dokumenty/~$prikaz.docx").exists(),
        "Office lock files are not published"
    );
    let html = f.read("dokumenty/prikaz/index.html");
    assert!(
        html.contains("href=\"/dokumenty/prikaz-348.pdf\""),
        "{html}"
    );
    assert!(html.contains("href=\"/praktiki/a/#tseli\""));
    assert!(html.contains("href=\"/praktiki/\""));
    assert!(f
        .read("praktiki/bundle/index.html")
        .contains("src=\"/praktiki/bundle/scheme-8w.jpg\""));
}

#[test]
fn broken_links_are_errors_with_position() {
    let f = Fixture::new(&[(
        "content/a.md",
        &page(
            "А",
            "",
            "Строка.\n\nСм. [практику](praktika.md) и [файл](net.pdf).",
        ),
    )]);
    f.write("content/praktike.md", &page("Практика", "", ""));
    let err = f.build_fails(&[]);
    assert!(
        err.contains("ссылка на несуществующую страницу «praktika.md»"),
        "{err}"
    );
    assert!(err.contains("--> content/a.md:6:5"), "{err}");
    assert!(
        err.contains("возможно, вы имели в виду «praktike.md»?"),
        "{err}"
    );
    assert!(
        err.contains("ссылка на несуществующий файл «net.pdf»"),
        "{err}"
    );
}

#[test]
fn placeholder_links_warn_but_build() {
    let f = Fixture::new(&[("content/a.md", &page("А", "", "[Ссылка](#)"))]);
    let out = f.build(&[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("предупреждение: ссылка-заглушка «#» никуда не ведёт"),
        "{err}"
    );
    assert!(err.contains("content/a.md:4:1"), "{err}");
}

#[test]
fn bom_and_crlf_input() {
    let f = Fixture::new(&[]);
    f.write_bytes(
        "content/win.md",
        "\u{feff}---\r\ntitle: Из Word\r\ndate: 2022-11-17\r\n---\r\n## Раздел\r\n\r\nТекст.\r\n"
            .as_bytes(),
    );
    f.build(&[]);
    let html = f.read("win/index.html");
    // Typography ties the preposition to its word with a no-break space.
    assert!(html.contains("<h1>Из\u{a0}Word</h1>"), "{html}");
    assert!(html.contains("<h2 id=\"razdel\">Раздел</h2>"));
}

/// Files saved by Notepad or Excel in Windows-1251 or UTF-16 are read
/// correctly, each with a warning that suggests UTF-8; so is a CSV table
/// exported by Russian Excel (`;`, decimal comma, Windows-1251).
#[test]
fn windows_encodings_are_read_with_a_warning() {
    let f = Fixture::new(&[]);
    // «Привет» in Windows-1251.
    f.write_bytes(
        "content/cp1251.md",
        b"---\ntitle: \xcf\xf0\xe8\xe2\xe5\xf2\n---\n\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0\n",
    );
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(
            "---\r\ntitle: Заголовок\r\n---\r\nТекст.\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    f.write_bytes("content/utf16.md", &utf16);
    f.write("content/monitoring/doli.yaml", "title: Доли\n");
    let mut csv = b"\xcf\xee\xea\xe0\xe7\xe0\xf2\xe5\xeb\xfc;2021;2022\r\n".to_vec(); // Показатель
    csv.extend_from_slice(b"\xc4\xee\xeb\xff;14,5%;20,1%\r\n"); // Доля
    f.write_bytes("content/monitoring/doli.csv", &csv);
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("файл в кодировке Windows-1251"), "{stderr}");
    assert!(stderr.contains("--> content/cp1251.md"), "{stderr}");
    assert!(stderr.contains("файл в кодировке UTF-16"), "{stderr}");
    assert!(f.read("cp1251/index.html").contains("<h1>Привет</h1>"));
    assert!(f.read("utf16/index.html").contains("<h1>Заголовок</h1>"));
    let table = f.read("monitoring/doli/index.html");
    assert!(table.contains("Доля") && table.contains("14,5"), "{table}");
}

#[test]
fn drafts_are_left_out_unless_asked() {
    let f = Fixture::new(&[("content/d.md", &page("Черновик", "draft: true\n", ""))]);
    f.build(&[]);
    assert!(!f.public("d/index.html").exists());
    f.build(&["--drafts"]);
    assert!(f.public("d/index.html").exists());
}

#[test]
fn base_url_with_a_path() {
    let f = Fixture::new(&[
        (
            "site.toml",
            "title = \"Сайт\"\nbase_url = \"https://example.ru/metod/\"\n[[menu]]\ntitle = \"Практики\"\nurl = \"/praktiki/\"\n",
        ),
        ("content/praktiki/_index.md", &section("Практики", "")),
        ("content/praktiki/a.md", &page("А", "", "[Главная](/) и [Б](b.md)")),
        ("content/praktiki/b.md", &page("Б", "", "")),
    ]);
    f.build(&[]);
    let html = f.read("praktiki/a/index.html");
    for link in links(&html) {
        if link.starts_with('/') {
            assert!(link.starts_with("/metod/"), "{link} in\n{html}");
        }
    }
    assert!(html.contains("href=\"/metod/praktiki/b/\""));
    assert!(html.contains("href=\"/metod/css/site.css\""));
    assert!(
        html.contains("href=\"/metod/praktiki/\""),
        "menu link under base path"
    );
    assert!(f
        .read("sitemap.xml")
        .contains("https://example.ru/metod/praktiki/a/"));
    // --base-url overrides site.toml.
    f.build(&["--base-url", "https://school.ru/sub"]);
    assert!(f
        .read("praktiki/a/index.html")
        .contains("href=\"/sub/praktiki/b/\""));
}

#[test]
fn failed_build_keeps_previous_output() {
    let f = Fixture::new(&[("content/a.md", &page("Первая версия", "", ""))]);
    f.build(&[]);
    assert!(f.read("a/index.html").contains("Первая версия"));
    f.write("content/a.md", "---\ntitle: Вторая\nbroken: [\n---\n");
    let err = f.build_fails(&[]);
    assert!(err.contains("Прежняя версия сайта"), "{err}");
    assert!(f.read("a/index.html").contains("Первая версия"));
    // No staging leftovers beside the output.
    let leftovers: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            n.contains("metodist-") && !n.ends_with("-lock")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    f.write("content/a.md", &page("Третья", "", ""));
    f.build(&[]);
    assert!(f.read("a/index.html").contains("Третья"));
}

#[test]
fn output_folder_may_not_hold_the_sources() {
    let f = Fixture::new(&[]);
    let out = f.run(&["build", "--output", "content"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(f.root().join("content/_index.md").exists());
}

#[test]
fn offline_mode_links_resolve_on_disk() {
    let f = Fixture::new(&[
        (
            "site.toml",
            "title = \"Сайт\"\nbase_url = \"https://example.ru/metod/\"\n[[menu]]\ntitle = \"Документы\"\nurl = \"/dokumenty/\"\n",
        ),
        ("content/dokumenty/_index.md", &section("Документы", "paginate_by: 1\n")),
        ("content/dokumenty/a.md", &page("А", "date: 2022-01-01\nkind: приказ\n", "[Б](b.md#x), [файл](f.pdf), [главная](/)")),
        ("content/dokumenty/b.md", &page("Б", "date: 2022-01-02\nkind: приказ\n", "## X {#x}")),
    ]);
    f.write_bytes("content/dokumenty/f.pdf", b"%PDF");
    f.build(&["--offline"]);
    let a = f.read("dokumenty/a/index.html");
    assert!(a.contains("href=\"../b/index.html#x\""), "{a}");
    assert!(a.contains("href=\"../../css/site.css\""));
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(f.public("")).into_iter().flatten() {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        for link in links(&html) {
            if link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with('#')
            {
                continue;
            }
            assert!(
                !link.starts_with('/'),
                "absolute link {link} in {}",
                entry.path().display()
            );
            let path = link.split('#').next().unwrap();
            let target = entry.path().parent().unwrap().join(path);
            assert!(
                target.is_file(),
                "{link} in {} does not resolve",
                entry.path().display()
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} links checked");
}

#[test]
fn yaml_error_points_into_the_file() {
    let f = Fixture::new(&[("content/a.md", "---\ntitle: А\ndate: [2022\n---\nТекст\n")]);
    let err = f.build_fails(&[]);
    assert!(
        err.contains("ошибка: запись YAML не читается с этого места"),
        "{err}"
    );
    assert!(err.contains("--> content/a.md:3:"), "{err}");
    // The parser's English is not shown; the hint reads the line itself.
    assert!(err.contains("незакрытая скобка"), "{err}");
    let latin_words = err
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 3 && !["content", "title", "date", "public", "YAML"].contains(w))
        .count();
    assert_eq!(latin_words, 0, "{err}");
}

#[test]
fn unknown_fields_all_reported_with_suggestions() {
    let f = Fixture::new(&[
        (
            "content/a.md",
            "---\ntitle: А\ndat: 2022-01-01\ndescripton: x\n---\n",
        ),
        ("content/b.md", "---\ntitle: Б\nweight: много\n---\n"),
        ("content/c.md", "---\ndate: 2022-01-01\n---\n"),
    ]);
    let err = f.build_fails(&[]);
    assert!(
        err.contains("ошибка: неизвестное поле «dat»\n --> content/a.md:3:1"),
        "{err}"
    );
    assert!(
        err.contains("подсказка: возможно, вы имели в виду «date»?"),
        "{err}"
    );
    assert!(
        err.contains("неизвестное поле «descripton»\n --> content/a.md:4:1"),
        "{err}"
    );
    assert!(err.contains("возможно, вы имели в виду «description»?"));
    assert!(
        err.contains("ожидалось целое число, а указано: текст\n --> content/b.md:3:9"),
        "{err}"
    );
    assert!(
        err.contains("не хватает обязательного поля «title»\n --> content/c.md"),
        "{err}"
    );
    assert!(err.contains("Сборка не удалась: 4\u{a0}ошибки."), "{err}");
    // Sorted by file.
    assert!(err.find("content/a.md").unwrap() < err.find("content/b.md").unwrap());
}

#[test]
fn template_errors_name_template_line_and_page() {
    let f = Fixture::new(&[("content/a.md", &page("А", "template: broken.html\n", ""))]);
    f.write(
        "themes/default/templates/broken.html",
        "<html>\n<body>\n{{ page.title | no_such_filter }}\n</body>\n",
    );
    let err = f.build_fails(&[]);
    assert!(
        err.contains("themes/default/templates/broken.html:3:"),
        "{err}"
    );
    let f = Fixture::new(&[("content/a.md", &page("А", "template: render.html\n", ""))]);
    f.write(
        "themes/default/templates/render.html",
        "<p>\n{{ page.title }}\n{{ page.nope.deeper }}\n</p>\n",
    );
    let err = f.build_fails(&[]);
    assert!(err.contains("ошибка при выводе шаблона"), "{err}");
    assert!(
        err.contains("themes/default/templates/render.html:3:"),
        "{err}"
    );
    assert!(
        err.contains("content/a.md"),
        "names the page being rendered: {err}"
    );
}

#[test]
fn site_toml_unknown_key() {
    let f = Fixture::new(&[(
        "site.toml",
        "title = \"С\"\nbase_ulr = \"/\"\n[organization]\nnme = \"Отдел\"\npaginate_by = \"10\"\n",
    )]);
    let err = f.build_fails(&[]);
    assert!(
        err.contains("неизвестное поле «base_ulr»\n --> site.toml:2:1"),
        "{err}"
    );
    // Every mistake of the file at once, in Russian, at its place.
    assert!(
        err.contains("неизвестное поле «nme»\n --> site.toml:4:1"),
        "{err}"
    );
    assert!(err.contains("возможно, вы имели в виду «name»?"), "{err}");
    assert!(
        !err.contains("expected") && !err.contains("invalid"),
        "{err}"
    );
    assert!(
        err.contains("возможно, вы имели в виду «base_url»?"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2_in_russian() {
    let f = Fixture::new(&[]);
    let out = f.run(&["biuld"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("неизвестная команда «biuld»") && err.contains("«build»"),
        "{err}"
    );
    let help = f.run(&["build", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("Собрать сайт") && text.contains("Пример"),
        "{text}"
    );
}

#[test]
fn success_summary_in_russian() {
    let f = Fixture::new(&[("content/a.md", &page("А", "", ""))]);
    let out = f.build(&[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Готово: 2\u{a0}страницы, "), "{text}");
    // What to do next: the fixture's base_url is absolute.
    assert!(
        text.contains("загрузите на хостинг всё содержимое папки «./public»; сайт будет по адресу https://example.ru/"),
        "{text}"
    );
    assert!(f.build(&["--quiet"]).stdout.is_empty());
    let offline = f.build(&["--offline"]);
    assert!(String::from_utf8_lossy(&offline.stdout).contains("откройте в ней index.html"));

    // Entries deliberately marked unverified are one line each kind, not warnings.
    f.write("content/shkoly/schools.yaml", "- id: a\n  short_name: А\n  verified: false\n- id: b\n  short_name: Б\n  verified: false\n");
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("заметка: запись не сверена с источником (verified: false) — 2\u{a0}места: content/shkoly/schools.yaml:3:"), "{stderr}");
}

#[test]
fn taxonomy_pages() {
    let f = Fixture::new(&[
        (
            "site.toml",
            "title = \"С\"\n[[taxonomies]]\nname = \"years\"\ntitle = \"Учебные годы\"\n",
        ),
        ("content/a.md", &page("А", "years: 2021-2022\n", "")),
        (
            "content/b.md",
            &page("Б", "years: [2021-2022, 2022-2023]\n", ""),
        ),
    ]);
    f.build(&[]);
    let list = f.read("years/index.html");
    assert!(
        list.contains("Учебные годы") && list.contains("2021-2022</a> (2)"),
        "{list}"
    );
    let term = f.read("years/2022-2023/index.html");
    assert!(term.contains(">Б</a>") && !term.contains(">А</a>"));
    let quiet = f.build(&[]);
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("таксономии"));

    // A misspelt field would empty the taxonomy without a word.
    f.write(
        "site.toml",
        "title = \"С\"\n[[taxonomies]]\nname = \"school_yaer\"\ntitle = \"Учебные годы\"\n",
    );
    f.write("content/a.md", &page("А", "school_year: 2021-2022\n", ""));
    f.write("content/b.md", &page("Б", "school_year: 2022-2023\n", ""));
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "у таксономии «Учебные годы» не будет страниц: ни у одной записи нет поля «school_yaer»"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("--> site.toml:3:9"), "{stderr}");
    assert!(
        stderr.contains("возможно, вы имели в виду «school_year»?"),
        "{stderr}"
    );
}

/// The default theme is built in: a site without `themes/` builds, and a
/// single file in `themes/default/` or `templates/` replaces just that file.
#[test]
fn the_built_in_theme_serves_a_site_without_themes_and_single_files_override_it() {
    let f = Fixture::new(&[(
        "content/razdel/stranitsa.md",
        "---\ntitle: Страница\n---\nТекст.\n",
    )]);
    std::fs::remove_dir_all(f.root().join("themes")).unwrap();
    f.build(&[]);
    let page = f.read("razdel/stranitsa/index.html");
    assert!(page.contains("<h1>Страница</h1>"), "{page}");
    assert!(
        f.read("css/site.css").len() > 1000,
        "the built-in stylesheet"
    );

    f.write(
        "themes/default/static/css/site.css",
        "body { color: #123; }\n",
    );
    f.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"own\">Нет такой страницы</p>{% endblock content %}",
    );
    f.build(&[]);
    assert_eq!(f.read("css/site.css"), "body { color: #123; }\n");
    let missing = f.read("404.html");
    assert!(
        missing.contains("<p class=\"own\">Нет такой страницы</p>"),
        "{missing}"
    );
    assert!(
        missing.contains("<html lang=\"ru\""),
        "base.html still built in: {missing}"
    );
    assert!(f
        .read("razdel/stranitsa/index.html")
        .contains("<h1>Страница</h1>"));
    assert!(
        f.public("css/print.css").is_file(),
        "the rest of the theme stays"
    );

    // A broken override is reported at its own file.
    f.write("templates/404.html", "{% if %}");
    let err = f.build_fails(&[]);
    assert!(err.contains("--> templates/404.html:1:"), "{err}");

    let out = f.run(&["theme", "eject"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(f
        .root()
        .join("themes/default/templates/event.html")
        .is_file());
    assert_eq!(
        std::fs::read_to_string(f.root().join("themes/default/static/css/site.css")).unwrap(),
        "body { color: #123; }\n",
        "eject keeps the site's own files"
    );
}

/// Links out of any registered scheme and e-mail autolinks are links;
/// `javascript:`, `vbscript:` and `data:` from content or the menu are
/// errors that say why, at their place.
#[test]
fn link_schemes_are_judged_as_browsers_follow_them() {
    let f = Fixture::new(&[(
        "content/kontakty.md",
        "---\ntitle: Контакты\n---\nПишите: <metod@example.ru>, звоните: [телефон](tel:+73812000000), \
         [SMS](sms:+73812000000), [чат](irc://irc.example/metod).\n",
    )]);
    f.build(&[]);
    let page = f.read("kontakty/index.html");
    for href in [
        "href=\"mailto:metod@example.ru\"",
        "href=\"tel:+73812000000\"",
        "href=\"sms:+73812000000\"",
        "href=\"irc://irc.example/metod\"",
    ] {
        assert!(page.contains(href), "{href}: {page}");
    }

    f.write(
        "content/kontakty.md",
        "---\ntitle: Контакты\n---\nНажмите [сюда](javascript:alert(1)) или [сюда](JaVaScRiPt:alert(2)).\n",
    );
    let err = f.build_fails(&[]);
    assert_eq!(
        err.matches("не допускается: такой адрес запускает код")
            .count(),
        2,
        "{err}"
    );
    assert!(err.contains("--> content/kontakty.md:4:9"), "{err}");

    f.write("content/kontakty.md", "---\ntitle: Контакты\n---\nТекст.\n");
    f.write(
        "site.toml",
        "title = \"С\"\n[[menu]]\ntitle = \"Опасный\"\nurl = \"javascript:alert(1)\"\n",
    );
    let err = f.build_fails(&[]);
    assert!(
        err.contains("пункт меню «Опасный» ведёт на адрес «javascript:…»"),
        "{err}"
    );
    assert!(err.contains("--> site.toml:4:7"), "{err}");
}

/// The YAML mistakes methodologists make, each with one Russian error at
/// the line that shows the cause and a hint that names the fix; «»-quoted
/// values are simply accepted.
#[test]
fn yaml_mistakes_get_the_fix_named_at_their_line() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "title: Семинар: итоги года\n",
            "a.md:2:15",
            "заключите значение в кавычки: title: \"Семинар: итоги года\"",
        ),
        (
            "title: Т\n\tdate: 2022-01-01\n",
            "a.md:3:1",
            "в отступе табуляция",
        ),
        (
            "title: \"Семинар\ndate: 2022-01-01\n",
            "a.md:2:8",
            "незакрытая кавычка",
        ),
        (
            "title: Т\naliases:\n  - Первое\n  Второе\n  - Третье\n",
            "a.md:5:3",
            "элемент списка без «- »",
        ),
    ];
    for (front, place, hint) in cases {
        let f = Fixture::new(&[("content/a.md", &format!("---\n{front}---\nТекст.\n"))]);
        let err = f.build_fails(&[]);
        assert_eq!(err.matches("ошибка:").count(), 1, "{front}: {err}");
        assert!(
            err.contains(&format!("--> content/{place}")),
            "{front}: {err}"
        );
        assert!(err.contains(hint), "{front}: {err}");
    }
    let f = Fixture::new(&[(
        "content/a.md",
        "---\ntitle: «Семинар» в «Школе № 1»\n---\nТекст.\n",
    )]);
    f.build(&[]);
    let page = f.read("a/index.html").replace(['\u{a0}', '\u{202f}'], " ");
    assert!(page.contains("«Семинар» в «Школе № 1»"), "{page}");
}

/// Field names typed in Russian by habit get the field they mean, and the
/// missing `title` they stand for is not a second error.
#[test]
fn russian_field_names_get_their_english_names() {
    let f = Fixture::new(&[(
        "content/a.md",
        "---\nзаголовок: Семинар\nдата: 2022-11-17\n---\nТекст.\n",
    )]);
    let err = f.build_fails(&[]);
    assert!(err.contains("неизвестное поле «заголовок»"), "{err}");
    assert!(err.contains("возможно, вы имели в виду «title»?"), "{err}");
    assert!(err.contains("возможно, вы имели в виду «date»?"), "{err}");
    assert!(
        !err.contains("не хватает обязательного поля «title»"),
        "{err}"
    );
    assert_eq!(err.matches("ошибка:").count(), 2, "{err}");
}

/// A copy left by Windows Explorer («… — копия.md», «… (1).md») is named
/// beside its original.
#[test]
fn explorer_copies_are_warned_about_with_both_names() {
    let page = "---\ntitle: План\n---\nТекст.\n";
    let f = Fixture::new(&[
        ("content/razdel/plan.md", page),
        ("content/razdel/plan — копия.md", page),
        ("content/razdel/plan (1).md", page),
        ("content/razdel/drugoi (1).md", page),
    ]);
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr
            .matches("похоже на копию файла content/razdel/plan.md")
            .count(),
        2,
        "{stderr}"
    );
    assert!(
        stderr.contains("--> content/razdel/plan — копия.md"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("drugoi"),
        "no original, no warning: {stderr}"
    );
}

/// Links in Markdown: a root-absolute link to a page that is not on the
/// site is a warning; a row of a YAML list is linked by its file and id.
#[test]
fn root_links_are_checked_and_yaml_rows_can_be_linked() {
    let f = Fixture::new(&[
        (
            "content/dokumenty/documents.yaml",
            "- id: prikaz-1\n  title: О семинаре\n- id: prikaz-2\n  title: Об итогах\n",
        ),
        (
            "content/a.md",
            "---\ntitle: А\n---\nСм. [приказ](@/dokumenty/documents.yaml#prikaz-2), [реестр](/dokumenty/) и [главную](/).\n",
        ),
    ]);
    let out = f.build(&[]);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("предупреждение"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = f.read("a/index.html");
    assert!(page.contains("href=\"/dokumenty/prikaz-2/\""), "{page}");

    f.write(
        "content/a.md",
        "---\ntitle: А\n---\nСм. [приказ](/dokumenty/prikaz-3/) и [строку](@/dokumenty/documents.yaml#prikaz-4).\n",
    );
    let err = f.build_fails(&[]);
    assert!(
        err.contains("ссылка «/dokumenty/prikaz-3/» ведёт на страницу, которой на сайте нет"),
        "{err}"
    );
    assert!(
        err.contains("возможно, вы имели в виду «/dokumenty/prikaz-1/»?"),
        "{err}"
    );
    assert!(err.contains("не находит запись в списке"), "{err}");
    assert!(err.contains("prikaz-1"), "{err}");
}

/// Raw HTML pasted into Markdown does not reach the site unless the site
/// trusts its authors: scripts, handlers and foreign frames are left out
/// with one warning per fragment; bare <br>, <sup> and the like stay.
#[test]
fn raw_html_is_left_out_unless_the_site_allows_it() {
    let body = "Площадь 5 м<sup>2</sup>,<br>строка.\n\n<script>alert(1)</script>\n\n\
                Текст <img src=x onerror=alert(2)> дальше.\n\n<div class=\"x\">\n<iframe src=\"https://evil.example\"></iframe>\n</div>\n";
    let f = Fixture::new(&[("content/a.md", &format!("---\ntitle: А\n---\n{body}"))]);
    let out = f.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr
            .matches("HTML-разметка в тексте не выводится")
            .count(),
        3,
        "{stderr}"
    );
    assert!(stderr.contains("--> content/a.md:6:1"), "{stderr}");
    let page = f.read("a/index.html");
    for bad in ["alert(1)", "onerror", "evil.example", "<div class=\"x\">"] {
        assert!(!page.contains(bad), "{bad} in {page}");
    }
    assert!(
        page.contains("м<sup>2</sup>") && page.contains("<br>"),
        "{page}"
    );

    f.write(
        "site.toml",
        &format!("{}raw_html = true\n", common::SITE_TOML),
    );
    let out = f.build(&[]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("HTML-разметка"));
    assert!(f.read("a/index.html").contains("<div class=\"x\">"));
}

/// Files named in Russian with spaces get valid, percent-encoded hrefs that
/// lead to the file as published.
#[test]
fn cyrillic_file_names_get_valid_hrefs() {
    let f = Fixture::new(&[(
        "content/razdel/stranitsa.md",
        "---\ntitle: С\n---\nСм. [приказ](<Приказ 1.pdf>).\n",
    )]);
    f.write_bytes("content/razdel/Приказ 1.pdf", b"%PDF-1.4\n");
    f.build(&[]);
    let page = f.read("razdel/stranitsa/index.html");
    let href = "/razdel/%D0%9F%D1%80%D0%B8%D0%BA%D0%B0%D0%B7%201.pdf";
    assert!(page.contains(&format!("href=\"{href}\"")), "{page}");
    let decoded = percent_encoding::percent_decode_str(href)
        .decode_utf8()
        .unwrap();
    assert!(f.public(decoded.trim_start_matches('/')).is_file());
}
