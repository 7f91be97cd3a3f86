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
    /// Adds a value whose maps iterate in a fixed order (serde_json's and
    /// toml's are sorted); tera's are not: see [`Fingerprint::add_value`].
    pub fn add(&mut self, value: &impl serde::Serialize) {
        let sorted = serde_json::to_value(value).expect("values serialize");
        serde_json::to_writer(&mut *self, &sorted).expect("values serialize");
    }

    /// Adds a template value without serializing it. tera's maps iterate in
    /// no fixed order, so a map's entries are hashed apart and summed, which
    /// does not depend on their order. (Going through `serde_json::Value`
    /// instead cost 500 ms per rebuild of a 10,000-page site.)
    pub fn add_value(&mut self, value: &tera::Value) {
        hash_value(value, &mut self.0);
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

fn hash_value(value: &tera::Value, h: &mut impl Hasher) {
    use tera::value::ValueKind;
    let kind = value.kind();
    // Integers of every width are one kind here: 1 from JSON is a U64, from Rust an I64.
    h.write_u8(if value.is_number() { 0xfe } else { kind as u8 });
    match kind {
        ValueKind::String => {
            h.write_u8(u8::from(value.is_safe()));
            h.write(value.as_str().unwrap_or_default().as_bytes());
            h.write_u8(0xff);
        }
        ValueKind::Bool => h.write_u8(u8::from(value.as_bool().unwrap_or_default())),
        ValueKind::Array => {
            let items = value.as_array().unwrap_or_default();
            h.write_usize(items.len());
            for item in items {
                hash_value(item, h);
            }
        }
        ValueKind::Map => {
            let map = value.as_map().expect("a map");
            h.write_usize(map.len());
            let mut sum = 0u64;
            for (key, item) in map {
                let mut entry = DefaultHasher::new();
                std::hash::Hash::hash(key, &mut entry);
                hash_value(item, &mut entry);
                sum = sum.wrapping_add(entry.finish());
            }
            h.write_u64(sum);
        }
        ValueKind::Bytes => h.write(value.as_bytes().unwrap_or_default()),
        _ => match value.as_number() {
            Some(tera::Number::Integer(i)) => h.write_i128(i),
            Some(tera::Number::Float(f)) => h.write_u64(f.to_bits()),
            Some(other) => h.write(other.to_string().as_bytes()),
            None => {}
        },
    }
}

#[cfg(test)]
mod tests {
    use super::Fingerprint;
    use tera::Value;

    fn of(v: &Value) -> u64 {
        let mut fp = Fingerprint::default();
        fp.add_value(v);
        fp.finish()
    }

    #[test]
    fn template_values_hash_by_content_not_map_order() {
        let a = Value::from_serializable(&serde_json::json!({"title": "А", "n": 1, "tags": ["x"]}));
        let mut fields = tera::Map::new();
        fields.insert("tags".into(), Value::from(vec![Value::from("x")]));
        fields.insert("n".into(), Value::from(1));
        fields.insert("title".into(), Value::from("А"));
        assert_eq!(of(&a), of(&Value::from(fields)));
        let b = Value::from_serializable(&serde_json::json!({"title": "Б", "n": 1, "tags": ["x"]}));
        assert_ne!(of(&a), of(&b));
        let safe = Value::safe_string("А");
        assert_ne!(of(&Value::from("А")), of(&safe));
        assert_ne!(
            of(&Value::from(vec![Value::from("ab")])),
            of(&Value::from(vec![Value::from("a"), Value::from("b")]))
        );
    }
}
