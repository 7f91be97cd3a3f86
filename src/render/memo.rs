//! What the previous build of the same site rendered, for `serve`: after an
//! author saves one page, the other 9,999 pages, the listings and the
//! site-wide values are not made again.
//!
//! The build is tracked in two tiers. Site-wide values (every page's summary
//! and URL, the sections, taxonomies, indicator tables) and the pages made
//! from them alone (section listings, taxonomy pages, 404, sitemap) depend on
//! every input of the build except the bodies of pages: [`inputs`] hashes
//! exactly that, and while it is unchanged they are reused as they are. A
//! page's own HTML depends on those values and on its own file: it is reused
//! when the site-wide fingerprint is unchanged and its source file is the
//! very same (the load cache hands out the same `Arc` for an unchanged file).
//! So a body edit re-renders one page, while an edit of a title, a date or a
//! reference re-renders everything. What the hash cannot see — templates,
//! theme words, static files — makes `serve` call [`Memo::invalidate`].

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::load::{Body, Loaded, SourceFile};
use crate::output::OutFile;
use crate::search::IndexedDoc;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
use std::sync::{Arc, Mutex};

/// What rendering one page produced.
#[derive(Clone)]
pub struct Entry {
    pub file: Arc<SourceFile>,
    /// The page's file as `Output::prepare` finished it; `None` after a
    /// template error.
    pub out: Option<OutFile>,
    /// The body HTML, for pages in a feed.
    pub feed: Option<String>,
    pub doc: Arc<IndexedDoc>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Default)]
pub struct Memo {
    state: Mutex<State>,
}

/// The site-wide tier of the previous build.
pub(super) struct SiteWide {
    pub shared: Arc<super::Shared>,
    /// Section listings, taxonomy pages, 404 and sitemap.
    pub listings: Vec<(String, OutFile)>,
    /// What building them reported.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Default)]
struct State {
    fingerprint: Option<u64>,
    site_wide: Option<Arc<SiteWide>>,
    /// URL path of the page → its last result.
    pages: HashMap<String, Entry>,
}

impl Memo {
    /// Forgets everything: something changed that the fingerprint does not cover.
    pub fn invalidate(&self) {
        let mut state = self.state.lock().expect("memo lock");
        state.fingerprint = None;
        state.site_wide = None;
        state.pages.clear();
    }

    /// Starts a render with this site-wide fingerprint; a different one
    /// than last time drops every entry. Returns the site-wide tier of the
    /// previous build when it still holds.
    pub(super) fn begin(&self, fingerprint: u64) -> Option<Arc<SiteWide>> {
        let mut state = self.state.lock().expect("memo lock");
        if state.fingerprint != Some(fingerprint) {
            state.pages.clear();
            state.site_wide = None;
            state.fingerprint = Some(fingerprint);
        }
        state.site_wide.clone()
    }

    pub(super) fn put_site_wide(&self, site_wide: SiteWide) {
        self.state.lock().expect("memo lock").site_wide = Some(Arc::new(site_wide));
    }

    /// The last result of the page at `path`, if its source is unchanged.
    pub fn get(&self, path: &str, file: &Arc<SourceFile>) -> Option<Entry> {
        let state = self.state.lock().expect("memo lock");
        state
            .pages
            .get(path)
            .filter(|e| Arc::ptr_eq(&e.file, file) || e.file == *file)
            .cloned()
    }

    pub fn put(&self, path: String, entry: Entry) {
        self.state
            .lock()
            .expect("memo lock")
            .pages
            .insert(path, entry);
    }
}

/// A hash of every input of a build except the bodies of its pages: the
/// settings, the front matter of every page with its path, and the whole
/// text of section pages and data files. A page's body shows only on that
/// page (and in its feed entry and search document, which the page memo
/// keeps with it).
pub fn inputs(config: &SiteConfig, loaded: &Loaded, drafts: bool) -> u64 {
    let mut fp = Fingerprint::default();
    fp.add(config);
    fp.add_text(if drafts { "drafts" } else { "" });
    // Today splits events into upcoming and past.
    fp.add_text(&chrono::Local::now().date_naive().to_string());
    for page in &loaded.pages {
        fp.add_text(&page.file.rel);
        fp.add_text(match &page.body {
            Body::InFile(start) => &page.file.text[..*start],
            Body::Own(_) => &page.file.text,
        });
    }
    for file in loaded
        .sections
        .iter()
        .map(|s| &s.file)
        .chain(loaded.data.iter().map(|d| &d.file))
    {
        fp.add_text(&file.rel);
        fp.add_text(&file.text);
    }
    for asset in &loaded.assets {
        fp.add_text(&asset.path.to_string_lossy());
    }
    fp.finish()
}

/// A hash of everything serialized into it, without building the text.
#[derive(Default)]
pub struct Fingerprint(DefaultHasher);

impl Fingerprint {
    /// Adds a value through `serde_json::Value`, whose maps are sorted, so
    /// that the order of a `HashMap` inside does not matter.
    pub fn add(&mut self, value: &impl serde::Serialize) {
        let sorted = serde_json::to_value(value).expect("values serialize");
        serde_json::to_writer(&mut *self, &sorted).expect("values serialize");
    }

    pub fn add_u64(&mut self, n: u64) {
        self.0.write_u64(n);
    }

    pub fn add_text(&mut self, text: &str) {
        self.0.write(text.as_bytes());
        self.0.write_u8(0xff);
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

impl std::io::Write for Fingerprint {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
