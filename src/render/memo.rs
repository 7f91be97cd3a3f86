//! Pages rendered by the previous build of the same site, for `serve`: after
//! an author saves one page, the other 9,999 pages are not rendered again.
//!
//! A page's HTML depends on its own file and on site-wide values (every
//! page's summary and URL, the sections, taxonomies, indicator tables). The
//! memo keeps each page's result with its source file; it is reused only when
//! the source file is the very same (the load cache hands out the same `Arc`
//! for an unchanged file) and the site-wide [`fingerprint`] is unchanged. So
//! a body edit re-renders one page, while an edit that touches what other
//! pages show (a title, a date, a link target) re-renders everything. What
//! the fingerprint cannot see — templates, data files, static files,
//! site.toml — makes `serve` call [`Memo::invalidate`].

use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;
use crate::search::IndexedDoc;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
use std::sync::{Arc, Mutex};

/// What rendering one page produced.
#[derive(Clone)]
pub struct Entry {
    pub file: Arc<SourceFile>,
    /// The HTML before `Output::prepare`; `None` after a template error.
    pub html: Option<Vec<u8>>,
    /// The body HTML, for pages in a feed.
    pub feed: Option<String>,
    pub doc: IndexedDoc,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Default)]
pub struct Memo {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    fingerprint: Option<u64>,
    /// URL path of the page → its last result.
    pages: HashMap<String, Entry>,
}

impl Memo {
    /// Forgets everything: something changed that the fingerprint does not cover.
    pub fn invalidate(&self) {
        let mut state = self.state.lock().expect("memo lock");
        state.fingerprint = None;
        state.pages.clear();
    }

    /// Starts a render with this site-wide fingerprint; a different one
    /// than last time drops every entry.
    pub fn begin(&self, fingerprint: u64) {
        let mut state = self.state.lock().expect("memo lock");
        if state.fingerprint != Some(fingerprint) {
            state.pages.clear();
            state.fingerprint = Some(fingerprint);
        }
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

/// A hash of everything serialized into it, without building the text.
#[derive(Default)]
pub struct Fingerprint(DefaultHasher);

impl Fingerprint {
    /// Adds a value. tera's maps iterate in no fixed order, so the value
    /// goes through `serde_json::Value`, whose maps are sorted.
    pub fn add(&mut self, value: &impl serde::Serialize) {
        let sorted = serde_json::to_value(value).expect("values serialize");
        serde_json::to_writer(&mut *self, &sorted).expect("values serialize");
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
