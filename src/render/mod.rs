//! Render: Markdown and templates → the site's files in memory. Pages render
//! in parallel; site-wide values are built once and shared.

pub mod facets;
pub mod feeds;
pub mod gallery;
pub mod i18n;
pub mod ics;
pub mod indicators;
pub mod markdown;
pub mod memo;
pub mod pictures;
pub mod raw_html;
pub mod search;
pub mod taxonomy;
pub mod templates;
pub mod typed;
pub mod values;

use crate::diagnostics::{rel_path, Diagnostics};
use crate::output::{OutFile, Output};
use crate::site::Site;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use tera::{Context, Value};

/// Files made from the resolved site alone, beside its pages: every output
/// that is not a template goes here, so that the pipeline writes nothing
/// beside the render stage.
const SITE_FILES: &[fn(&Site, &mut Output)] = &[indicators::write_csv, ics::write, feeds::robots];

/// Renders the whole site into `output`: pages, sections, taxonomies, the
/// 404 page, feeds, sitemap, search, [`SITE_FILES`], assets and static
/// files. With a `memo` (serve) and the [`memo::inputs`] hash of this
/// build, what the previous build made from the same inputs is taken from
/// it instead of being made again. Returns how many pages were rendered
/// afresh.
pub fn render(
    site: &Site,
    tera: &mut templates::Templates,
    output: &mut Output,
    diags: &Diagnostics,
    memo: Option<(&memo::Memo, u64)>,
) -> usize {
    let mut laps = crate::timings::Laps::start();
    let previous = memo.and_then(|(m, inputs)| m.begin(site_fingerprint(site, inputs)));
    let memo = memo.map(|(m, _)| m);
    // What the site-wide tier reports, kept with it for the next build.
    let site_wide_diags = Diagnostics::default();
    let shared = match &previous {
        Some(p) => p.shared.clone(),
        None => Arc::new(Shared::build(site, &tera.theme, &site_wide_diags)),
    };
    laps.lap("render.shared");
    shared.fill_globals(site, tera);
    let tera = &*tera;
    laps.lap("render.globals");
    let pages = render_pages(site, tera, &shared, output, diags, memo);
    laps.lap("render.pages");
    match previous {
        Some(p) => {
            diags.extend(p.diagnostics.iter().cloned());
            for (path, file) in &p.listings {
                output.insert(path.clone(), Ok(file.clone()));
            }
        }
        None => {
            let mut listings = output.part();
            render_listings(site, tera, &shared, &mut listings, &site_wide_diags);
            let reported = site_wide_diags.into_sorted();
            if let Some(memo) = memo {
                memo.put_site_wide(memo::SiteWide {
                    shared: shared.clone(),
                    listings: listings
                        .files
                        .iter()
                        .map(|(k, f)| (k.clone(), f.clone()))
                        .collect(),
                    diagnostics: reported.clone(),
                });
            }
            diags.extend(reported);
            output.append(listings);
        }
    }
    laps.lap("render.listings");
    for (i, section) in site.sections.iter().enumerate() {
        if section.front.feed {
            feeds::atom(site, i, &shared.titles, &pages.feed_html, output);
        }
    }
    laps.lap("render.feeds");
    search::render(
        site,
        tera,
        &shared.words,
        pages.search,
        &shared.sections,
        output,
        diags,
    );
    laps.lap("render.search");
    for produce in SITE_FILES {
        produce(site, output);
    }
    // Photos are published only as their processed copies: the original
    // keeps its metadata (GPS) and its megabytes.
    let content_root = site.root.join("content");
    for (src, out) in &site.assets {
        if !site
            .images
            .photos
            .contains_key(&rel_path(&content_root, src))
        {
            output.copy(out.clone(), src.clone());
        }
    }
    for photo in site.images.photos.values() {
        for (out, cached) in &photo.files {
            output.copy(out.clone(), cached.clone());
        }
    }
    for (path, file) in tera.theme.under("static") {
        match &file.source {
            crate::theme::Source::BuiltIn(bytes) => output.add(path, *bytes),
            crate::theme::Source::Site(source) => output.copy(path, source.clone()),
        }
    }
    copy_static(&site.root, output, diags);
    laps.lap("render.files");
    pages.rendered
}

/// The pages made from site-wide values alone: section listings, taxonomy
/// pages, 404 and the sitemap.
fn render_listings(
    site: &Site,
    tera: &templates::Templates,
    shared: &Shared,
    output: &mut Output,
    diags: &Diagnostics,
) {
    for i in 0..site.sections.len() {
        render_section(
            site,
            tera,
            i,
            &shared.section_values[i],
            &shared.summaries,
            &shared.sections[i],
            output,
            diags,
        );
    }
    taxonomy::render(
        site,
        tera,
        &shared.taxonomies,
        &shared.summaries,
        output,
        diags,
    );
    render_404(site, tera, output, diags);
    feeds::sitemap(site, &shared.taxonomies, output);
}

/// The build's [`memo::inputs`] with what the resolve stage added from
/// outside them: assets, processed photos and indicator tables.
fn site_fingerprint(site: &Site, inputs: u64) -> u64 {
    let mut fp = memo::Fingerprint::default();
    fp.add_u64(inputs);
    fp.add(&site.assets);
    fp.add(&site.images.photos);
    fp.add_text(&format!("{:?}", site.indicators));
    fp.finish()
}

/// Content-relative asset path → its output path, for links in Markdown.
fn asset_map(site: &Site) -> HashMap<String, String> {
    let content_root = site.root.join("content");
    site.assets
        .iter()
        .map(|(src, out)| {
            let rel = rel_path(&content_root, src);
            // A link to a photo opens its largest processed copy.
            let out = match site.images.photos.get(&rel) {
                Some(photo) => photo.largest().fallback.clone(),
                None => out.clone(),
            };
            (rel, out)
        })
        .collect()
}

/// The HTML of Markdown `body` as the page at `path` (a new entry's text
/// when there is none) would show it, with the messages it gives: the
/// preview's editor shows it beside the text being written.
pub fn preview(site: &Site, path: Option<&str>, body: &str) -> (String, Vec<String>) {
    let index = path.and_then(|p| site.pages.iter().position(|page| page.path == p));
    let fresh = crate::load::SourceFile {
        path: site.root.join("content"),
        rel: "content".into(),
        text: body.to_string(),
        encoding: None,
    };
    let (file, content_dir, typography, body_line) = match index.map(|i| &site.pages[i]) {
        Some(page) => (
            &*page.file,
            page.content_dir.as_str(),
            page.front.typography,
            page.body_line,
        ),
        None => (&fresh, "", None, 1),
    };
    let r = markdown::render(
        body,
        &markdown::Source {
            site,
            assets: &asset_map(site),
            file,
            body_line,
            content_dir,
            typography: site.config.typography.for_page(typography),
            page: index,
        },
    );
    let messages = r
        .diagnostics
        .iter()
        .map(|d| match &d.hint {
            Some(h) => format!("{} ({h})", d.message),
            None => d.message.clone(),
        })
        .collect();
    (r.html, messages)
}

/// Site-wide values, built once per build and shared by every page.
struct Shared {
    words: toml::Table,
    /// Content-relative asset path → its output path.
    assets: HashMap<String, String>,
    /// Each section's own Markdown.
    sections: Vec<markdown::Rendered>,
    taxonomies: Vec<taxonomy::Taxonomy>,
    /// Each page as listings show it.
    summaries: Vec<Value>,
    /// Each page's title with typography (see `typed::titles`).
    titles: Vec<String>,
    section_values: Vec<Value>,
    taxonomy_value: Value,
}

impl Shared {
    fn build(site: &Site, theme: &crate::theme::Theme, diags: &Diagnostics) -> Shared {
        let assets = asset_map(site);
        let sections: Vec<markdown::Rendered> = site
            .sections
            .iter()
            .map(|s| match &s.file {
                Some(file) => markdown::render(
                    s.body(),
                    &markdown::Source {
                        site,
                        assets: &assets,
                        file,
                        body_line: s.body_line,
                        content_dir: &s.dir,
                        typography: site.config.typography.for_page(s.front.typography),
                        page: None,
                    },
                ),
                None => markdown::Rendered::default(),
            })
            .collect();
        for r in &sections {
            diags.extend(r.diagnostics.iter().cloned());
        }
        let words = i18n::load(&site.root, theme, diags);
        let titles = typed::titles(site);
        let typed = typed::build(site, &titles, &words);
        let taxonomies = taxonomy::collect(site);
        let terms = taxonomy::page_terms(site, &taxonomies);
        let summaries: Vec<Value> = site
            .pages
            .par_iter()
            .zip(&titles)
            .zip(&typed)
            .zip(&terms)
            .map(|(((p, title), t), terms)| values::page_summary(site, p, title, t, terms))
            .collect();
        let section_values: Vec<Value> = site
            .sections
            .iter()
            .map(|s| values::section_value(site, s, &summaries, &titles, &typed, &words))
            .collect();
        let taxonomy_value = taxonomy::value(site, &taxonomies);
        Shared {
            words,
            assets,
            sections,
            taxonomies,
            summaries,
            titles,
            section_values,
            taxonomy_value,
        }
    }

    /// The templates' global values: `site`, `t`, `today`, `sections`,
    /// `all_pages` (newest first), `taxonomies`.
    fn fill_globals(&self, site: &Site, tera: &mut templates::Templates) {
        let mut by_date: Vec<usize> = (0..site.pages.len()).collect();
        by_date.sort_by(|&a, &b| site.pages[b].front.date.cmp(&site.pages[a].front.date));
        let global = tera.global_context();
        global.insert("site", &site_value(site));
        global.insert("t", &self.words);
        // The build date splits events into upcoming and past on the home page.
        global.insert("today", &chrono::Local::now().date_naive().to_string());
        global.insert_value(
            "sections",
            Value::from(
                site.sections
                    .iter()
                    .zip(&self.section_values)
                    .map(|(s, v)| (s.dir.clone(), v.clone()))
                    .collect::<std::collections::BTreeMap<_, _>>(),
            ),
        );
        global.insert_value(
            "all_pages",
            Value::from(
                by_date
                    .iter()
                    .map(|&i| self.summaries[i].clone())
                    .collect::<Vec<_>>(),
            ),
        );
        global.insert_value("taxonomies", self.taxonomy_value.clone());
    }
}

/// What the page pass leaves for the later steps.
struct PagesDone {
    /// Body HTML of the pages in a feed, by page index.
    feed_html: HashMap<usize, String>,
    search: crate::search::IndexBuilder,
    rendered: usize,
}

/// Markdown and template in one pass per page, in parallel, so that a
/// page's HTML lives only until it is handed to the output; feed entries
/// keep theirs. Each page's search words join the index in the same pass.
fn render_pages(
    site: &Site,
    tera: &templates::Templates,
    shared: &Shared,
    output: &mut Output,
    diags: &Diagnostics,
    memo: Option<&memo::Memo>,
) -> PagesDone {
    let base = site.config.base_path();
    let (assets, summaries, section_values, words) = (
        &shared.assets,
        &shared.summaries,
        &shared.section_values,
        &shared.words,
    );
    let in_feed: HashSet<usize> = site
        .sections
        .iter()
        .filter(|s| s.front.feed)
        .flat_map(|s| s.pages.iter().take(feeds::FEED_SIZE).copied())
        .collect();
    let output_ref = &*output;
    let search_index = crate::search::IndexBuilder::default();
    let results: Vec<PageResult> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            let feed = in_feed.contains(&i);
            if let Some(e) = memo.and_then(|m| m.get(&page.path, &page.file)) {
                if e.feed.is_some() || !feed {
                    diags.extend(e.diagnostics);
                    let out = e
                        .out
                        .map(|file| (format!("{}index.html", page.path), Ok(file)));
                    search_index.add(i, &e.doc);
                    return (i, e.feed, out, false);
                }
            }
            let r = markdown::render(
                page.body(),
                &markdown::Source {
                    site,
                    assets,
                    file: &page.file,
                    body_line: page.body_line,
                    content_dir: &page.content_dir,
                    typography: site.config.typography.for_page(page.front.typography),
                    page: Some(i),
                },
            );
            let mut page_diags = r.diagnostics.clone();
            let gallery = gallery::value(site, i, !r.html.contains("<picture"), &mut page_diags);
            let section = &site.sections[page.section];
            let template = page
                .front
                .template
                .clone()
                .or_else(|| section.front.page_template.clone())
                .unwrap_or_else(|| page.typed.type_def().template());
            let mut ctx = Context::new();
            ctx.insert_value(
                "page",
                values::with(
                    summaries[i].clone(),
                    [
                        ("content", Value::safe_string(&r.html)),
                        ("toc", values::toc_value(&r.toc)),
                        ("gallery", Value::from_serializable(&gallery)),
                    ],
                ),
            );
            ctx.insert_value("section", section_values[page.section].clone());
            ctx.insert("breadcrumbs", &values::breadcrumbs(site, page.section));
            ctx.insert("current_path", &format!("{base}{}", page.path));
            let html = match templates::render(tera, &template, &ctx, &page.file.rel) {
                Ok(html) => Some(html),
                Err(d) => {
                    page_diags.push(d);
                    None
                }
            };
            let doc = std::sync::Arc::new(crate::search::IndexedDoc::new(&search::document(
                page,
                &shared.titles[i],
                &r,
                html.as_deref(),
                words,
            )));
            let feed = feed.then_some(r.html);
            let out = html.map(|html| {
                let path = format!("{}index.html", page.path);
                let file = output_ref.prepare(&path, html);
                (path, file)
            });
            if let Some(memo) = memo {
                memo.put(
                    page.path.clone(),
                    memo::Entry {
                        file: page.file.clone(),
                        out: out.as_ref().and_then(|(_, f)| f.as_ref().ok().cloned()),
                        feed: feed.clone(),
                        doc: doc.clone(),
                        diagnostics: page_diags.clone(),
                    },
                );
            }
            diags.extend(page_diags);
            search_index.add(i, &doc);
            (i, feed, out, true)
        })
        .collect();
    let mut feed_html: HashMap<usize, String> = HashMap::new();
    let mut rendered = 0;
    for (i, html, out, fresh) in results {
        rendered += usize::from(fresh);
        if let Some(html) = html {
            feed_html.insert(i, html);
        }
        if let Some((path, file)) = out {
            output.insert(path, file);
        }
    }
    PagesDone {
        feed_html,
        search: search_index,
        rendered,
    }
}

fn render_404(site: &Site, tera: &templates::Templates, output: &mut Output, diags: &Diagnostics) {
    if !tera.get_template_names().any(|n| n == "404.html") {
        return;
    }
    let mut ctx = Context::new();
    ctx.insert(
        "current_path",
        &format!("{}404.html", site.config.base_path()),
    );
    match templates::render(tera, "404.html", &ctx, "404.html") {
        Ok(html) => output.add("404.html", html),
        Err(d) => diags.push(d),
    }
}

#[allow(clippy::too_many_arguments)]
fn render_section(
    site: &Site,
    tera: &templates::Templates,
    index: usize,
    value: &Value,
    summaries: &[Value],
    rendered: &markdown::Rendered,
    output: &mut Output,
    diags: &Diagnostics,
) {
    let section = &site.sections[index];
    let base = site.config.base_path();
    let template = section.front.template.clone().unwrap_or_else(|| {
        if index == 0 && tera.get_template_names().any(|n| n == "index.html") {
            "index.html".into()
        } else {
            "section.html".into()
        }
    });
    let per_page = section.front.paginate_by.unwrap_or(site.config.paginate_by);
    let chunks: Vec<&[usize]> = if per_page == 0 || section.pages.is_empty() {
        vec![&section.pages[..]]
    } else {
        section.pages.chunks(per_page).collect()
    };
    let pager_path = |k: usize| {
        if k == 0 {
            section.path.clone()
        } else {
            format!("{}page/{}/", section.path, k + 1)
        }
    };
    let file = section
        .file
        .as_ref()
        .map(|f| f.rel.clone())
        .unwrap_or_else(|| format!("content/{}", section.dir));
    let section_value = values::with(
        value.clone(),
        [
            ("content", Value::safe_string(&rendered.html)),
            ("toc", values::toc_value(&rendered.toc)),
        ],
    );
    let url_of = |k: usize| format!("{base}{}", pager_path(k));
    let crumbs = if index == 0 {
        Vec::new()
    } else {
        values::breadcrumbs(site, section.parent.unwrap_or(0))
    };
    // A section of 10,000 pages has 500 listing pages: render them in parallel.
    let out_ref = &*output;
    let listing: Vec<_> = chunks
        .par_iter()
        .enumerate()
        .map(|(k, chunk)| {
            let paginator = Paginator {
                current: k + 1,
                total_pages: chunks.len(),
                total_items: section.pages.len(),
                previous: (k > 0).then(|| url_of(k - 1)),
                next: (k + 1 < chunks.len()).then(|| url_of(k + 1)),
                first: url_of(0),
                last: url_of(chunks.len() - 1),
                links: (0..chunks.len()).map(url_of).collect(),
            };
            let pages: Vec<Value> = chunk.iter().map(|&i| summaries[i].clone()).collect();
            let mut ctx = Context::new();
            ctx.insert_value("section", section_value.clone());
            ctx.insert_value(
                "paginator",
                values::with(
                    Value::from_serializable(&paginator),
                    [("pages", Value::from(pages))],
                ),
            );
            ctx.insert("breadcrumbs", &crumbs);
            ctx.insert("current_path", &url_of(k));
            templates::render(tera, &template, &ctx, &file).map(|html| {
                let path = format!("{}index.html", pager_path(k));
                let file = out_ref.prepare(&path, html);
                (path, file)
            })
        })
        .collect();
    for result in listing {
        match result {
            Ok((path, file)) => output.insert(path, file),
            Err(d) => {
                // Every listing page of the section hits the same template error.
                diags.push(d);
                return;
            }
        }
    }
}

/// A rendered page: its index, its body HTML if a feed needs it, its file,
/// and whether it was rendered afresh (not taken from the memo).
type PageResult = (
    usize,
    Option<String>,
    Option<(String, std::io::Result<OutFile>)>,
    bool,
);

#[derive(serde::Serialize)]
struct Paginator {
    current: usize,
    total_pages: usize,
    total_items: usize,
    previous: Option<String>,
    next: Option<String>,
    first: String,
    last: String,
    links: Vec<String>,
}

fn site_value(site: &Site) -> serde_json::Value {
    let base = site.config.base_path();
    let mut v = serde_json::to_value(&site.config).expect("config serializes");
    v["base_path"] = serde_json::Value::String(base.clone());
    if let Some(menu) = v["menu"].as_array_mut() {
        for item in menu {
            let url = item["url"].as_str().unwrap_or_default().to_string();
            if let Some(path) = url.strip_prefix('/') {
                item["url"] = serde_json::Value::String(format!("{base}{path}"));
            }
        }
    }
    v
}

/// The site's own `static/` folder, copied as it is.
fn copy_static(root: &Path, output: &mut Output, diags: &Diagnostics) {
    let dir = root.join("static");
    if !dir.is_dir() {
        return;
    }
    for entry in crate::load::walk::walk(&dir, root, diags).flatten() {
        if entry.file_type().is_file() {
            output.copy(rel_path(&dir, entry.path()), entry.path().to_path_buf());
        }
    }
}
