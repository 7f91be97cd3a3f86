//! The indicators collection in the build pipeline. Every table file in
//! `content/monitoring/` (YAML, or CSV / spreadsheet with its sidecar)
//! becomes a page of its own — through the ordinary page pipeline, as a
//! Markdown page whose body embeds the table, so section lists, breadcrumbs,
//! the sitemap and search see it like any page — plus a CSV download beside
//! it. Any Markdown page can embed a table with a fenced block:
//!
//! ````markdown
//! ```indicator portret-klasterov
//! ```
//! ````
//!
//! The seam is the simplest the pipeline offers: sources are taken out of
//! the loaded files before resolve, and the embed is expanded in the
//! Markdown renderer.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diagnostics::{rel_path, Diagnostic, Diagnostics};
use crate::indicators::table::{Error, Position, Table};
use crate::load::{Body, Loaded, MarkdownFile, SourceFile};
use crate::site::Site;

/// The content folder of indicator tables (`/monitoring/` in the site map).
pub const FOLDER: &str = "monitoring";

/// The language tag of the embedding fenced block.
pub(crate) const FENCE: &str = "indicator";

/// All indicator tables of the site, by id. Ordered maps: serve's page
/// memo fingerprints this collection through `Debug`, which must not change
/// between two builds of the same content.
#[derive(Debug, Default)]
pub struct Collection {
    tables: Vec<Table>,
    /// Content-relative source path of each table (`monitoring/a.yaml`).
    sources: Vec<String>,
    by_id: BTreeMap<String, usize>,
    /// Page index → the tables that belong to it (`belongs_to`).
    page_owners: BTreeMap<usize, Vec<usize>>,
    /// Section folder → the tables that belong to its `_index.md`.
    section_owners: BTreeMap<String, Vec<usize>>,
}

impl Collection {
    /// The table with this id.
    pub fn get(&self, id: &str) -> Option<&Table> {
        self.by_id.get(id).map(|&i| &self.tables[i])
    }

    /// The tables that belong to the page with index `page`, or, for `None`,
    /// to the section whose `_index.md` is `file`.
    pub(crate) fn owned_by(&self, page: Option<usize>, file: &SourceFile) -> Vec<&Table> {
        let tables = match page {
            Some(i) => self.page_owners.get(&i),
            None => file
                .rel
                .strip_prefix("content/")
                .and_then(|rel| rel.strip_suffix("_index.md"))
                .and_then(|dir| self.section_owners.get(dir.trim_end_matches('/'))),
        };
        tables
            .map(|ids| ids.iter().map(|&i| &self.tables[i]).collect())
            .unwrap_or_default()
    }

    /// Every table, in file order.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// Site-relative path of a table's CSV download: beside its page.
    pub fn csv_path(&self, site: &Site, id: &str) -> Option<String> {
        let i = *self.by_id.get(id)?;
        let page = site.page_by_source.get(&self.sources[i])?;
        Some(format!("{}{}.csv", site.pages[*page].path, id))
    }
}

/// The content folders of indicator tables: `monitoring/` and every folder
/// site.toml's `[collections]` maps to `indicator` (the types registry
/// leaves those folders to this module).
pub fn folders(config: &SiteConfig) -> Vec<String> {
    let mut out = vec![FOLDER.to_string()];
    for (dir, kind) in &config.collections {
        let dir = dir.trim_matches('/').to_string();
        if kind == FENCE && !out.contains(&dir) {
            out.push(dir);
        }
    }
    out
}

fn in_folders(dir: &str, folders: &[String]) -> bool {
    folders
        .iter()
        .any(|f| dir == f || dir.starts_with(&format!("{f}/")))
}

/// Takes the indicator sources out of `loaded` (so no other content type
/// reads them), parses them in parallel and adds one page per table.
/// Problems go to `diags`; a broken table is left out, the rest still build.
pub fn collect(
    root: &Path,
    folders: &[String],
    loaded: &mut Loaded,
    diags: &Diagnostics,
) -> Collection {
    let content = root.join("content");
    // YAML tables arrive as data files, CSV and spreadsheets as assets.
    let (yaml, data) = std::mem::take(&mut loaded.data)
        .into_iter()
        .partition::<Vec<_>, _>(|d| in_folders(&d.dir, folders));
    loaded.data = data;
    let (sheets, assets) = std::mem::take(&mut loaded.assets)
        .into_iter()
        .partition::<Vec<_>, _>(|a| {
            in_folders(&a.dir, folders) && crate::indicators::is_table_file(&a.path)
        });
    loaded.assets = assets;
    let mut sources: Vec<(std::path::PathBuf, String, Option<Arc<SourceFile>>)> = yaml
        .into_iter()
        .filter(|d| !crate::indicators::is_sidecar(&d.file.path))
        .map(|d| (d.file.path.clone(), d.dir.clone(), Some(d.file)))
        .chain(sheets.into_iter().map(|a| (a.path, a.dir, None)))
        .collect();
    sources.sort_by(|a, b| a.0.cmp(&b.0));
    let loaded_tables: Vec<_> = sources
        .par_iter()
        .map(|(path, _, _)| crate::indicators::load(path))
        .collect();
    let mut collection = Collection::default();
    for ((path, dir, file), result) in sources.into_iter().zip(loaded_tables) {
        let table = match result {
            Ok(t) => t,
            Err(errors) => {
                diags.extend(errors.iter().map(|e| diagnostic(root, e)));
                continue;
            }
        };
        let rel = rel_path(&content, &path);
        if let Some(&other) = collection.by_id.get(&table.id) {
            diags.push(
                Diagnostic::error(
                    rel_path(root, &path),
                    format!("таблица с идентификатором «{}» уже есть", table.id),
                )
                .with_hint(format!(
                    "её задаёт файл content/{}; переименуйте один из файлов или задайте поле «id»",
                    collection.sources[other]
                )),
            );
            continue;
        }
        let file = file.unwrap_or_else(|| {
            Arc::new(SourceFile {
                rel: rel_path(root, &path),
                // Spreadsheets have no text lines to quote.
                text: std::fs::read_to_string(&path).unwrap_or_default(),
                path: path.clone(),
                encoding: None,
            })
        });
        match table_page(&table, dir, file) {
            Ok(page) => loaded.pages.push(page),
            Err(d) => {
                diags.push(d);
                continue;
            }
        }
        let index = collection.tables.len();
        collection.by_id.insert(table.id.clone(), index);
        collection.sources.push(rel);
        collection.tables.push(table);
    }
    collection
}

/// Finds the pages named in the tables' `belongs_to`, once the site is
/// resolved: a path inside content/ (`meropriiatiia/seminar.md`, a
/// section's `_index.md`, `shkoly/schools.yaml#mbou-sh-9` for a YAML row) or
/// the id of a typed entry (`mbou-sh-9`). A name that fits nothing is an
/// error with a suggestion.
pub fn resolve_owners(site: &mut Site, diags: &Diagnostics) {
    let mut page_owners: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut section_owners: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let indicators = &site.indicators;
    for (index, table) in indicators.tables.iter().enumerate() {
        for owner in &table.belongs_to {
            let name = owner.trim_start_matches('/').trim_start_matches("content/");
            let section = site.sections.iter().find(|s| {
                s.file
                    .as_ref()
                    .is_some_and(|f| f.rel.strip_prefix("content/") == Some(name))
            });
            let by_id: Vec<usize> = (0..site.pages.len())
                .filter(|&i| site.pages[i].typed.kind != 0 && site.pages[i].typed.id == name)
                .collect();
            if let Some(&page) = site.page_by_source.get(name) {
                page_owners.entry(page).or_default().push(index);
            } else if let Some(section) = section {
                section_owners
                    .entry(section.dir.clone())
                    .or_default()
                    .push(index);
            } else if by_id.len() == 1 {
                page_owners.entry(by_id[0]).or_default().push(index);
            } else {
                let file = format!("content/{}", indicators.sources[index]);
                let (message, hint) = if by_id.len() > 1 {
                    let example = site
                        .page_by_source
                        .iter()
                        .find(|(_, &p)| p == by_id[0])
                        .map(|(k, _)| k.clone())
                        .unwrap_or_default();
                    (
                        format!("в belongs_to идентификатор «{owner}» есть у нескольких записей"),
                        Some(format!("укажите путь к записи, например {example}")),
                    )
                } else {
                    let known = site.page_by_source.keys().map(String::as_str).chain(
                        site.pages
                            .iter()
                            .filter(|p| p.typed.kind != 0)
                            .map(|p| p.typed.id.as_str()),
                    );
                    let hint = crate::suggest::did_you_mean(name, known).unwrap_or_else(|| {
                        "укажите идентификатор записи (школы, пары, мероприятия) или путь к \
                         файлу страницы внутри content, например meropriiatiia/seminar.md"
                            .to_string()
                    });
                    (
                        format!("в belongs_to указана страница «{owner}», которой нет"),
                        Some(hint),
                    )
                };
                diags.push(Diagnostic::error(file, message).with_hint_opt(hint));
            }
        }
    }
    site.indicators.page_owners = page_owners;
    site.indicators.section_owners = section_owners;
}

/// The page of one table: its title, and a body that embeds it.
fn table_page(
    table: &Table,
    dir: String,
    file: Arc<SourceFile>,
) -> Result<MarkdownFile, Diagnostic> {
    // A JSON string is a valid YAML double-quoted scalar.
    let quoted = |s: &str| serde_json::Value::String(s.to_string()).to_string();
    let mut front = format!("title: {}\n", quoted(&table.title));
    if let Some(period) = &table.period {
        front.push_str(&format!(
            "description: {}\n",
            quoted(&format!("Период: {period}"))
        ));
    }
    let front =
        crate::yaml::parse(&front).map_err(|e| Diagnostic::error(file.rel.clone(), e.message))?;
    Ok(MarkdownFile {
        file,
        dir,
        stem: table.id.clone(),
        bundle: false,
        front,
        body: Body::Own(format!("```{FENCE} {}\n```\n", table.id)),
        body_line: 1,
    })
}

/// A table error as a pipeline diagnostic, quoting the line for text files.
fn diagnostic(root: &Path, e: &Error) -> Diagnostic {
    let file = rel_path(root, &e.file);
    match &e.position {
        Position::Text { line, column } => {
            let text = std::fs::read_to_string(&e.file).unwrap_or_default();
            Diagnostic::error(file, e.message.clone()).at(&text, *line as usize, *column as usize)
        }
        Position::Sheet { sheet, cell } => Diagnostic::error(
            file,
            format!("лист «{sheet}», ячейка {cell}: {}", e.message),
        ),
        Position::File => Diagnostic::error(file, e.message.clone()),
    }
    .with_hint_opt(e.hint.clone())
}
