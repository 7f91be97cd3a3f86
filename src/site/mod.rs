//! Resolve: turn loaded files into the site's structure — sections, pages,
//! their URLs and order — and check what only the whole site can check
//! (slug collisions, drafts).

pub mod indicators;
pub mod links;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Body, DataFile, Loaded, MarkdownFile, SourceFile};
use crate::ru::slug::slugify;
use crate::types::front::{GroupBy, PageFront, SectionFront, SortBy};
use crate::types::{self, Collections, Typed};
use crate::yaml::{self, Node};
use links::Links;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug)]
pub struct Page {
    pub file: Arc<SourceFile>,
    pub front: PageFront,
    /// The raw front matter, for content types that read more fields from it.
    pub front_node: Node,
    pub body: Body,
    pub body_line: usize,
    pub section: usize,
    pub slug: String,
    /// Site-relative URL path with a trailing slash, no leading one: `praktiki/slug/`.
    pub path: String,
    /// The `content/` folder relative links of this page resolve against.
    pub content_dir: String,
    /// The content type and its entry (a plain page is type `page`).
    pub typed: Typed,
}

#[derive(Debug)]
pub struct Section {
    pub file: Option<Arc<SourceFile>>,
    pub front: SectionFront,
    pub body: Body,
    pub body_line: usize,
    /// The folder inside `content/`; empty for the home page.
    pub dir: String,
    /// Site-relative URL path: `""` for home, `praktiki/` otherwise.
    pub path: String,
    pub parent: Option<usize>,
    /// Indexes into `Site::pages`, in the section's order.
    pub pages: Vec<usize>,
    pub subsections: Vec<usize>,
}

#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub root: PathBuf,
    pub pages: Vec<Page>,
    /// `sections[0]` is the home page (`content/_index.md`).
    pub sections: Vec<Section>,
    pub data: Vec<DataFile>,
    /// (source, output path) of every file copied as is.
    pub assets: Vec<(PathBuf, String)>,
    /// Content-relative Markdown path (`praktiki/a.md`) → page index.
    pub page_by_source: HashMap<String, usize>,
    /// Which type each content folder holds.
    pub collections: Collections,
    /// References between entries and the back-references of each page.
    pub links: Links,
    /// Indicator tables, set by the build after resolve.
    pub indicators: crate::site::indicators::Collection,
    /// The processed photos among the assets, set by the build after resolve.
    pub images: crate::images::Images,
}

/// The URL path of a content folder: each component transliterated.
pub fn dir_path(dir: &str) -> String {
    dir.split('/')
        .filter(|c| !c.is_empty())
        .map(|c| format!("{}/", slugify(c)))
        .collect()
}

/// The folder inside `content/` holding a file, from its site-relative path.
fn content_rel(file: &SourceFile) -> String {
    file.rel
        .strip_prefix("content/")
        .unwrap_or(&file.rel)
        .to_string()
}

pub fn resolve(
    config: SiteConfig,
    root: PathBuf,
    mut loaded: Loaded,
    include_drafts: bool,
    diags: &Diagnostics,
) -> Site {
    let (collections, errors) = Collections::from_config(&config);
    diags.extend(errors);
    let mut config = config;
    config.collections = collections.effective();
    rows_to_pages(&mut loaded, &collections, diags);
    let mut sections: Vec<Section> = Vec::new();
    let mut section_by_dir: HashMap<String, usize> = HashMap::new();
    let mut loaded_sections = loaded.sections;
    // Parents before children: sort by depth, then by name.
    loaded_sections.sort_by(|a, b| {
        (
            a.dir.matches('/').count() + usize::from(!a.dir.is_empty()),
            &a.dir,
        )
            .cmp(&(
                b.dir.matches('/').count() + usize::from(!b.dir.is_empty()),
                &b.dir,
            ))
    });
    if !loaded_sections.iter().any(|s| s.dir.is_empty()) {
        diags.push(
            Diagnostic::error("content/_index.md", "нет главной страницы").with_hint(
                "создайте файл content/_index.md с полем «title» — это главная страница сайта",
            ),
        );
    }
    for md in loaded_sections {
        let front: SectionFront = match yaml::from_node(&md.front, &[], true) {
            Ok(f) => f,
            Err(errors) => {
                diags.extend(md.file.field_errors(errors));
                SectionFront::default()
            }
        };
        if front.draft && !include_drafts {
            continue;
        }
        let idx = sections.len();
        section_by_dir.insert(md.dir.clone(), idx);
        sections.push(Section {
            path: dir_path(&md.dir),
            file: Some(md.file),
            front,
            body: md.body,
            body_line: md.body_line,
            dir: md.dir,
            parent: None,
            pages: Vec::new(),
            subsections: Vec::new(),
        });
    }
    if sections.is_empty() || !sections[0].dir.is_empty() {
        // Keep going without a home page so that all other errors are reported too.
        sections.insert(0, implicit_section(""));
        section_by_dir = sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.dir.clone(), i))
            .collect();
    }

    let taxonomy_fields: Vec<&str> = config.taxonomies.iter().map(|t| t.name.as_str()).collect();
    let mut pages = Vec::new();
    let mut absent = links::Absent::default();
    for md in loaded.pages {
        let Some(page) = page_from(
            md,
            &collections,
            &taxonomy_fields,
            &mut absent.broken,
            diags,
        ) else {
            continue;
        };
        if page.front.draft && !include_drafts {
            absent.drafts.push((page.typed.kind, page.typed.id));
            continue;
        }
        pages.push(page);
    }
    let links = links::link(&mut pages, &absent, &root, diags);
    check_official(&config, &pages, &absent, diags);
    // Every page needs its section; folders without `_index.md` get one named
    // after the folder.
    for page in &mut pages {
        page.section = ensure_section(&page.content_parent(), &mut sections, &mut section_by_dir);
    }
    // `ensure_section` may add parents while we walk, so the bound is re-read.
    let mut i = 1;
    while i < sections.len() {
        let parent_dir = parent_dir(&sections[i].dir);
        let parent = ensure_section(&parent_dir, &mut sections, &mut section_by_dir);
        sections[i].parent = Some(parent);
        i += 1;
    }
    for i in 1..sections.len() {
        if let Some(p) = sections[i].parent {
            sections[p].subsections.push(i);
        }
    }

    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut page_by_source = HashMap::new();
    for (i, page) in pages.iter_mut().enumerate() {
        page.path = format!("{}{}/", sections[page.section].path, page.slug);
        let source = if page.typed.row {
            format!("{}#{}", content_rel(&page.file), page.typed.id)
        } else {
            content_rel(&page.file)
        };
        page_by_source.insert(source, i);
        sections[page.section].pages.push(i);
    }
    for (i, page) in pages.iter().enumerate() {
        if let Some(&other) = taken.get(&page.path) {
            let pos = if page.typed.row {
                page.typed.id_pos
            } else {
                Default::default()
            };
            diags.push(
                page.file
                    .diag(pos.line, pos.column, format!("адрес «/{}» уже занят другой страницей", page.path))
                    .with_hint(format!(
                        "у файла {} тот же адрес; задайте одному из них поле «slug» с другим значением",
                        pages[other].file.rel
                    )),
            );
        } else {
            taken.insert(page.path.clone(), i);
        }
    }
    for s in &sections {
        if let Some(&other) = taken.get(&s.path) {
            diags.push(Diagnostic::error(
                pages[other].file.rel.clone(),
                format!("адрес «/{}» совпадает с адресом раздела", s.path),
            ));
        }
    }
    for s in 0..sections.len() {
        let mut list = std::mem::take(&mut sections[s].pages);
        sort_pages(
            &mut list,
            &pages,
            sections[s].front.sort_by,
            sections[s].front.group_by,
        );
        sections[s].pages = list;
        let mut subs = std::mem::take(&mut sections[s].subsections);
        subs.sort_by(|&a, &b| {
            let key = |i: usize| {
                (
                    sections[i].front.weight.unwrap_or(i64::MAX),
                    sections[i].front.title.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        sections[s].subsections = subs;
    }

    let assets = loaded
        .assets
        .into_iter()
        .map(|a| {
            let out = format!(
                "{}{}",
                asset_dir_path(&a.dir, &pages, &page_by_source),
                a.name
            );
            (a.path, out)
        })
        .collect();
    check_taxonomies(&config, &root, &pages, diags);
    check_placeholders(&pages, diags);

    Site {
        config,
        root,
        pages,
        sections,
        data: loaded.data,
        assets,
        page_by_source,
        collections,
        links,
        indicators: Default::default(),
        images: Default::default(),
    }
}

impl Section {
    pub fn body(&self) -> &str {
        self.file.as_ref().map_or("", |f| self.body.text(f))
    }
}

/// Output folder of a content folder: a bundle's folder maps to its page.
/// The official sections (`/sveden/`, `/deiatelnost/`) as the site's
/// regime requires them. Entries with errors of their own are not reported
/// missing again.
fn check_official(
    config: &SiteConfig,
    pages: &[Page],
    absent: &links::Absent,
    diags: &Diagnostics,
) {
    let sections = [
        ("sveden", &types::sveden::rules::SECTION),
        ("municipal", &types::municipal::rules::SECTION),
    ];
    for (name, section) in sections {
        let kind = types::kind_by_name(name);
        let broken: Vec<&str> = absent
            .broken
            .iter()
            .chain(&absent.drafts)
            .filter(|(k, _)| Some(*k) == kind)
            .map(|(_, id)| id.as_str())
            .collect();
        let entries: Vec<types::official::Present> = pages
            .iter()
            .filter(|p| Some(p.typed.kind) == kind)
            .map(|p| types::official::Present {
                file: &p.file,
                id: &p.typed.id,
                node: &p.front_node,
                pos: p.typed.id_pos,
            })
            .collect();
        diags.extend(section.check_regime(config.kind, &entries, &broken));
    }
}

/// A taxonomy whose field no entry has would silently have no pages: most
/// likely the field is misspelt in site.toml. Warns, naming the closest
/// field the entries do have.
fn check_taxonomies(
    config: &SiteConfig,
    root: &std::path::Path,
    pages: &[Page],
    diags: &Diagnostics,
) {
    let text = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
    for t in &config.taxonomies {
        let of_type = |p: &&Page| {
            t.types.is_empty() || t.types.iter().any(|n| n == p.typed.type_def().name())
        };
        if pages
            .iter()
            .filter(of_type)
            .any(|p| p.front_node.get(&t.name).is_some())
        {
            continue;
        }
        let fields: std::collections::BTreeSet<&str> = pages
            .iter()
            .filter(of_type)
            .filter_map(|p| match &p.front_node.value {
                yaml::node::Value::Map(entries) => Some(entries),
                _ => None,
            })
            .flatten()
            .map(|(k, _)| k.name.as_str())
            .collect();
        let hint =
            crate::suggest::did_you_mean(&t.name, fields.iter().copied()).unwrap_or_else(|| {
                "проверьте имя поля в «name» — так, как оно пишется в записях".into()
            });
        let at = text
            .find(&format!("\"{}\"", t.name))
            .map(|i| crate::diagnostics::line_col(&text, i + 1));
        let mut d = Diagnostic::warning(
            "site.toml",
            format!(
                "у таксономии «{}» не будет страниц: ни у одной записи нет поля «{}»",
                t.title, t.name
            ),
        )
        .with_hint(hint);
        if let Some((line, column)) = at {
            d = d.at(&text, line, column);
        }
        diags.push(d);
    }
}

/// A published page that still carries what `metodist new` wrote as a
/// sample: most likely the author forgot to fill it in.
fn check_placeholders(pages: &[Page], diags: &Diagnostics) {
    use types::scaffold::{BODY_PLACEHOLDER, PLACEHOLDERS};
    fn leaves<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
        match &node.value {
            yaml::node::Value::Seq(items) => items.iter().for_each(|n| leaves(n, out)),
            yaml::node::Value::Map(entries) => entries.iter().for_each(|(_, n)| leaves(n, out)),
            yaml::node::Value::Str(_) => out.push(node),
            _ => {}
        }
    }
    for page in pages.iter().filter(|p| !p.front.draft) {
        let mut found = Vec::new();
        leaves(&page.front_node, &mut found);
        let sample = found.into_iter().find(|n| {
            n.as_text()
                .is_some_and(|t| PLACEHOLDERS.contains(&t.trim()))
        });
        let (line, column, text) = match sample {
            Some(n) => (n.pos.line, n.pos.column, n.as_text().unwrap_or_default()),
            None => match page
                .body()
                .lines()
                .position(|l| l.trim() == BODY_PLACEHOLDER)
            {
                Some(i) => (page.body_line + i, 1, BODY_PLACEHOLDER.to_string()),
                None => continue,
            },
        };
        diags.push(
            page.file
                .warn(
                    line,
                    column,
                    format!("на опубликованной странице остался образец «{text}»"),
                )
                .with_hint("замените образец своим текстом или уберите его"),
        );
    }
}

fn asset_dir_path(dir: &str, pages: &[Page], by_source: &HashMap<String, usize>) -> String {
    match by_source.get(&format!("{dir}/index.md")) {
        Some(&i) => pages[i].path.clone(),
        None => dir_path(dir),
    }
}

fn parent_dir(dir: &str) -> String {
    dir.rsplit_once('/')
        .map(|(p, _)| p.to_string())
        .unwrap_or_default()
}

fn implicit_section(dir: &str) -> Section {
    let name = dir.rsplit('/').next().unwrap_or(dir);
    let title = crate::ru::capitalize(&name.replace(['-', '_'], " "));
    Section {
        file: None,
        front: SectionFront {
            title,
            ..SectionFront::default()
        },
        body: Body::Own(String::new()),
        body_line: 0,
        dir: dir.to_string(),
        path: dir_path(dir),
        parent: None,
        pages: Vec::new(),
        subsections: Vec::new(),
    }
}

fn ensure_section(
    dir: &str,
    sections: &mut Vec<Section>,
    by_dir: &mut HashMap<String, usize>,
) -> usize {
    if let Some(&i) = by_dir.get(dir) {
        return i;
    }
    if !dir.is_empty() {
        ensure_section(&parent_dir(dir), sections, by_dir);
    }
    sections.push(implicit_section(dir));
    by_dir.insert(dir.to_string(), sections.len() - 1);
    sections.len() - 1
}

/// Turns every row of a YAML list in a typed collection folder into a page
/// of its own: the row is the front matter, its `body` the Markdown text.
fn rows_to_pages(loaded: &mut Loaded, collections: &Collections, diags: &Diagnostics) {
    let (rows, data): (Vec<DataFile>, Vec<DataFile>) = std::mem::take(&mut loaded.data)
        .into_iter()
        .partition(|d| collections.is_typed(&d.dir));
    loaded.data = data;
    for d in rows {
        let items = match &d.node.value {
            yaml::node::Value::Seq(items) => items,
            yaml::node::Value::Map(entries) if entries.is_empty() => continue,
            _ => {
                diags.push(
                    d.file
                        .diag(
                            d.node.pos.line,
                            d.node.pos.column,
                            "в папке коллекции YAML-файл должен быть списком записей",
                        )
                        .with_hint(
                            "каждая запись начинается с «- id: …»; см. docs/content-model.md, §1.1",
                        ),
                );
                continue;
            }
        };
        for item in items {
            if !matches!(item.value, yaml::node::Value::Map(_)) {
                diags.push(d.file.diag(
                    item.pos.line,
                    item.pos.column,
                    format!(
                        "элемент списка — {}, а должна быть запись с полями",
                        item.kind_ru()
                    ),
                ));
                continue;
            }
            let Some(id) = row_id(item) else {
                diags.push(
                    d.file
                        .diag(item.pos.line, item.pos.column, "у записи нет поля «id»")
                        .with_hint(
                            "у записи YAML-списка идентификатор обязателен: «id: mbou-sh-33»",
                        ),
                );
                continue;
            };
            let (body, body_line) = match item.get("body") {
                Some(b) => (
                    b.as_text().unwrap_or_default(),
                    // A block scalar (`body: |`) starts on the next line.
                    b.pos.line
                        + usize::from(
                            d.file
                                .text
                                .lines()
                                .nth(b.pos.line.saturating_sub(1))
                                .is_some_and(|l| {
                                    l.trim_end().ends_with('|') || l.trim_end().ends_with('>')
                                }),
                        ),
                ),
                None => (String::new(), item.pos.line),
            };
            loaded.pages.push(MarkdownFile {
                file: d.file.clone(),
                dir: d.dir.clone(),
                stem: id,
                bundle: false,
                front: item.clone(),
                body: Body::Own(body),
                body_line,
            });
        }
    }
}

fn row_id(item: &Node) -> Option<String> {
    item.get("id")
        .and_then(Node::as_text)
        .filter(|s| !s.trim().is_empty())
}

fn page_from(
    md: MarkdownFile,
    collections: &Collections,
    taxonomy_fields: &[&str],
    broken: &mut Vec<(usize, String)>,
    diags: &Diagnostics,
) -> Option<Page> {
    // Rows of YAML lists in typed folders (see `rows_to_pages`); other pages
    // made by the pipeline (indicator tables) are plain pages.
    let row = collections.is_typed(&md.dir)
        && (md.file.rel.ends_with(".yaml") || md.file.rel.ends_with(".yml"));
    let kind = collections.kind_of(&md.dir).unwrap_or(0);
    let typed = types::parse(kind, &md.front, &md.stem, row, taxonomy_fields);
    let front: Result<PageFront, _> = yaml::from_node(&md.front, &[], false);
    let (typed, front) = match (typed, front) {
        (Ok(t), Ok(f)) => (t, f),
        (t, f) => {
            let mut errors = t.err().unwrap_or_default();
            for e in f.err().unwrap_or_default() {
                if !errors.contains(&e) {
                    errors.push(e);
                }
            }
            diags.extend(md.file.field_errors(errors));
            // References to it are not errors of their own.
            let names = ["id", "title", "short_name", "term"]
                .iter()
                .filter_map(|f| md.front.get(f).and_then(Node::as_text))
                .chain(
                    md.front
                        .get("aliases")
                        .into_iter()
                        .flat_map(|a| match &a.value {
                            yaml::node::Value::Seq(items) => {
                                items.iter().filter_map(Node::as_text).collect()
                            }
                            _ => Vec::new(),
                        }),
                )
                .chain([md.stem.clone()]);
            broken.extend(names.map(|n| (kind, n)));
            return None;
        }
    };
    let slug = match &front.slug {
        Some(s) => {
            let clean = slugify(s);
            if clean != *s {
                let pos = md.front.get("slug").map(|n| n.pos).unwrap_or_default();
                diags.push(
                    md.file
                        .diag(
                            pos.line,
                            pos.column,
                            format!("«{s}» не годится для адреса страницы"),
                        )
                        .with_hint(format!(
                            "в адресе — только строчные латинские буквы, цифры и дефисы: «{clean}»"
                        )),
                );
            }
            clean
        }
        None if typed.type_def().fixed_slugs().contains(&typed.id.as_str()) => typed.id.clone(),
        None => slugify(&md.stem),
    };
    let content_dir = if md.bundle {
        if md.dir.is_empty() {
            md.stem.clone()
        } else {
            format!("{}/{}", md.dir, md.stem)
        }
    } else {
        md.dir.clone()
    };
    Some(Page {
        file: md.file,
        front,
        front_node: md.front,
        body: md.body,
        body_line: md.body_line,
        section: 0,
        slug,
        path: String::new(),
        content_dir,
        typed,
    })
}

impl Page {
    pub fn body(&self) -> &str {
        self.body.text(&self.file)
    }

    /// The folder of the section this page belongs to.
    fn content_parent(&self) -> String {
        let rel = content_rel(&self.file);
        let dir = parent_dir(&rel);
        if rel.ends_with("/index.md") {
            parent_dir(&dir)
        } else {
            dir
        }
    }
}

fn sort_pages(list: &mut [usize], pages: &[Page], by: SortBy, group: GroupBy) {
    match by {
        SortBy::Date => list.sort_by(|&a, &b| {
            pages[b].front.date.cmp(&pages[a].front.date).then_with(|| {
                crate::ru::collate::key(&pages[a].front.title)
                    .cmp(&crate::ru::collate::key(&pages[b].front.title))
            })
        }),
        SortBy::Weight => list.sort_by_key(|&i| {
            (
                pages[i].front.weight.unwrap_or(i64::MAX),
                crate::ru::collate::key(&pages[i].front.title),
            )
        }),
        SortBy::Title => list.sort_by_key(|&i| crate::ru::collate::key(&pages[i].front.title)),
        SortBy::Number => list.sort_by_key(|&i| {
            let number = pages[i].front_node.get("number").and_then(Node::as_text);
            (
                number.is_none(),
                number.map(|n| crate::ru::collate::natural_key(&n)),
                crate::ru::collate::key(&pages[i].front.title),
            )
        }),
        SortBy::None => {}
    }
    // Groups keep the order inside them: years newest first, kinds A–Я,
    // entries without the field last.
    list.sort_by(|&a, &b| {
        let (ka, kb) = (group_key(&pages[a], group), group_key(&pages[b], group));
        match (ka, kb) {
            (Some(x), Some(y)) if group == GroupBy::Kind => {
                crate::ru::collate::key(&x).cmp(&crate::ru::collate::key(&y))
            }
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    });
}

/// The value a section groups a page by (a school year as «2021-2022»).
pub fn group_key(page: &Page, group: GroupBy) -> Option<String> {
    match group {
        GroupBy::None => None,
        GroupBy::SchoolYear => page.typed.common.school_year.map(|y| y.key()),
        GroupBy::Year => page
            .typed
            .common
            .year
            .clone()
            .or_else(|| page.front.date.map(|d| d.year.to_string())),
        GroupBy::Kind => page.front_node.get("kind").and_then(Node::as_text),
        GroupBy::Month => page.front.date.map(|d| match d.month {
            Some(m) => format!("{:04}-{m:02}", d.year),
            None => format!("{:04}", d.year),
        }),
    }
}
