//! The pipeline, in one place: load → resolve → render → (write). `build`,
//! `check` and `serve` all call [`build`]; only what they do with the
//! resulting [`Output`] differs.

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Output;
use crate::{load, render, site};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides site.toml's base_url.
    pub base_url: Option<String>,
    /// Include `draft: true` pages.
    pub drafts: bool,
    /// Relative links for opening from disk; `None` keeps site.toml's setting.
    pub offline: Option<bool>,
    /// `serve`: the local server's `http://127.0.0.1:1111`, which replaces
    /// the scheme and host of base_url but keeps its path, so that absolute
    /// links (feeds, canonical URLs) point at the preview.
    pub origin: Option<String>,
    /// Show the progress of photo processing (a terminal, not `-q`).
    pub progress: bool,
    /// The editor's unsaved text of one source file (an absolute path under
    /// `content/`, possibly new), read instead of the disk: a save is checked
    /// by a whole build before anything is written. `None` as the text: the
    /// file as if deleted (what would break without it).
    pub candidate: Option<(PathBuf, Option<String>)>,
}

#[derive(Debug)]
pub struct Built {
    pub output: Output,
    /// Warnings of a successful build.
    pub warnings: Vec<Diagnostic>,
    pub pages: usize,
    /// Pages whose Markdown and template ran in this build; the rest were
    /// reused from `serve`'s memo of the previous build.
    pub rendered: usize,
    pub elapsed: Duration,
    /// The path part of the final base_url (`/metod/`): where the site lives.
    pub base_path: String,
    /// The final base_url, and whether links are relative (`--offline`),
    /// for telling the author what to do with the output.
    pub base_url: String,
    pub offline: bool,
    /// Photos of the site, and how many were encoded in this build (the
    /// rest came from the cache).
    pub photos: usize,
    pub photos_encoded: usize,
    /// Where each page's entry is written (page path → source), for the
    /// preview's editor.
    pub sources: BTreeMap<String, EntrySource>,
}

/// The source of a page: a Markdown file, or one row of a YAML list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrySource {
    /// `content/praktiki/a.md`
    pub rel: String,
    /// Index into [`crate::types::TYPES`].
    pub kind: usize,
    /// The row's id, for a row of a YAML list.
    pub row: Option<String>,
    /// The entry's id, title and aliases, for the editor's reference picker.
    pub id: String,
    pub title: String,
    pub aliases: Vec<String>,
}

/// Builds the site in memory (for `serve` and `check`). On failure returns
/// every diagnostic of the build (errors and warnings), sorted by file.
pub fn build(opts: &BuildOptions) -> Result<Built, Vec<Diagnostic>> {
    run(opts, None, None)
}

/// What repeated builds of one site (`serve`) keep: parsed files and
/// rendered pages.
#[derive(Default)]
pub struct Cache {
    files: load::Cache,
    pages: render::memo::Memo,
}

impl Cache {
    /// Forgets what depends on these changed files (absolute paths under
    /// `root`). A page's own Markdown is covered by the rendered pages'
    /// checks; any other file (templates, data, static, site.toml) may show
    /// up on any page, so all rendered pages are dropped.
    pub fn forget(&self, root: &Path, changed: &[PathBuf]) {
        self.files.forget(changed);
        let page_source = |p: &PathBuf| {
            p.strip_prefix(root.join("content")).is_ok()
                && p.extension().is_some_and(|e| e == "md")
                && p.file_name().is_some_and(|n| n != "_index.md")
        };
        if !changed.iter().all(page_source) {
            self.pages.invalidate();
        }
    }
}

/// [`build`] for repeated builds of one site (`serve`): files and pages
/// unchanged since the previous build are taken from `cache` instead of
/// being parsed and rendered again. The pipeline is the same.
pub fn build_cached(opts: &BuildOptions, cache: &Cache) -> Result<Built, Vec<Diagnostic>> {
    run(opts, None, Some(cache))
}

/// Builds the site straight into `dir` (a staging folder: see
/// [`crate::write::Staging`]); the returned output lists the written files.
pub fn build_into(opts: &BuildOptions, dir: &Path) -> Result<Built, Vec<Diagnostic>> {
    run(opts, Some(dir.to_path_buf()), None)
}

fn run(
    opts: &BuildOptions,
    sink: Option<PathBuf>,
    cache: Option<&Cache>,
) -> Result<Built, Vec<Diagnostic>> {
    let started = Instant::now();
    let mut laps = crate::timings::Laps::start();
    let mut config = SiteConfig::load(&opts.root)?;
    if let Some(url) = &opts.base_url {
        config.base_url = if url.ends_with('/') {
            url.clone()
        } else {
            format!("{url}/")
        };
    }
    if let Some(origin) = &opts.origin {
        config.base_url = format!("{}{}", origin.trim_end_matches('/'), config.base_path());
    }
    let offline = opts.offline.unwrap_or(config.offline);
    // Templates read `site.offline` (the ПОС widget stays out of an offline build).
    config.offline = offline;
    let drafts = opts.drafts || config.drafts;
    let diags = Diagnostics::default();
    diags.extend(crate::config::regime_warnings(&config));
    let filters = crate::ru::filters::FilterSettings {
        typography: config.typography,
        ..Default::default()
    };
    let mut tera = match crate::theme::Theme::load(&opts.root, &config.theme, &diags)
        .map_err(|d| vec![d])
        .and_then(|theme| render::templates::load(theme, &config.base_path(), filters))
    {
        Ok(t) => Some(t),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    laps.lap("templates");
    let mut loaded = load::load_cached(
        &opts.root,
        &diags,
        cache.map(|c| &c.files),
        opts.candidate.as_ref(),
    );
    let inputs = cache.map(|_| render::memo::inputs(&config, &loaded, drafts));
    let folders = crate::site::indicators::folders(&config);
    let indicators = crate::site::indicators::collect(&opts.root, &folders, &mut loaded, &diags);
    laps.lap("load");
    let mut site = site::resolve(config, opts.root.clone(), loaded, drafts, &diags);
    site.indicators = indicators;
    crate::site::indicators::resolve_owners(&mut site, &diags);
    laps.lap("resolve");
    site.images = process_images(&site, opts.progress, &diags);
    laps.lap("images");
    let mut output = Output::new(sink, offline.then(|| site.config.base_path()));
    let rendered = tera.as_mut().map_or(0, |tera| {
        render::render(
            &site,
            tera,
            &mut output,
            &diags,
            cache.map(|c| &c.pages).zip(inputs),
        )
    });
    laps.lap("render");
    if let Some((path, e)) = output.take_io_error() {
        diags.push(Diagnostic::error(
            path,
            format!(
                "не удалось записать файл сайта: {}",
                crate::write::io_ru(&e)
            ),
        ));
    }
    if diags.has_errors() {
        return Err(diags.into_sorted());
    }
    let sources = sources(&site);
    Ok(Built {
        sources,
        output,
        warnings: diags.into_sorted(),
        pages: site.pages.len() + site.sections.len(),
        rendered,
        base_path: site.config.base_path(),
        base_url: site.config.base_url.clone(),
        offline,
        photos: site.images.photos.len(),
        photos_encoded: site.images.encoded,
        elapsed: started.elapsed(),
    })
}

/// Where each page's entry is written: Markdown files and rows of typed
/// YAML lists (not indicator tables).
pub fn sources(site: &site::Site) -> BTreeMap<String, EntrySource> {
    site.pages
        .iter()
        .filter(|p| p.typed.row || p.file.rel.ends_with(".md"))
        .map(|p| {
            let source = EntrySource {
                rel: p.file.rel.clone(),
                kind: p.typed.kind,
                row: p.typed.row.then(|| p.typed.id.clone()),
                id: p.typed.id.clone(),
                title: p.front.title.clone(),
                aliases: p.typed.common.aliases.clone(),
            };
            (p.path.clone(), source)
        })
        .collect()
}

/// The image stage, with «Фото: 37 из 200» on a terminal while it runs
/// (indicatif draws nothing when stderr is not a terminal).
fn process_images(site: &site::Site, progress: bool, diags: &Diagnostics) -> crate::images::Images {
    let bar = if progress {
        indicatif::ProgressBar::new(0).with_style(
            indicatif::ProgressStyle::with_template("Фото: {pos} из {len} {wide_bar}")
                .expect("progress template"),
        )
    } else {
        indicatif::ProgressBar::hidden()
    };
    let images = crate::images::process(
        &site.root,
        &site.assets,
        &site.config.images,
        diags,
        &|done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
    );
    bar.finish_and_clear();
    images
}
