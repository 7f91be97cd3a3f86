//! The offline search index, built at build time and loaded by the browser
//! as a script (`window.METODIST_SEARCH = {…}`), so search works from
//! `file://` where `fetch` is forbidden and with no WASM to fetch.
//!
//! The browser has no stemmer. Snowball's Russian stemmer only strips
//! suffixes, so a word's stem is a prefix of the (folded) word: the browser
//! takes the longest prefix of a query word that is a term of the index
//! ([`resolve`]). Where that guess differs from the real stem for a word of
//! the site, the index carries the answer in `forms`, so every word that
//! occurs on the site resolves exactly as the stemmer would; words that
//! occur nowhere still find their stem by prefix («партнерство» → the stem
//! of «партнёрства»).

mod terms;

pub use terms::{fold, fold_into, words, Stems, STOP_WORDS};

use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;

/// One page as search shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    /// Site-relative URL (`seminars/2022-11-17-…/`); the browser resolves it
    /// against the site root so results work from `file://`.
    pub url: String,
    pub title: String,
    /// «Семинар», «Практика», «Документ»…
    pub kind_label: String,
    /// Display date, already formatted («17 ноября 2022 г.»).
    pub date: Option<String>,
    /// Plain text: the body and the key fields of a typed entry.
    pub text: String,
}

/// Weight of a term in a title; a body occurrence counts 1 (up to
/// [`BODY_CAP`]), so a title match outranks any body.
pub const TITLE_WEIGHT: u32 = 10;
/// Repetitions in the body stop adding weight after this many.
pub const BODY_CAP: u32 = 9;
/// Characters of body text kept for result snippets.
pub const SNIPPET_SOURCE_CHARS: usize = 400;
/// A prefix guess never drops more characters than this from a query word
/// (longer Russian inflections do not exist).
pub const MAX_CUT: usize = 8;
/// A prefix guess is at least this long (or the whole word, if shorter).
pub const MIN_STEM: usize = 2;

#[derive(Serialize)]
struct Index<'a> {
    v: u32,
    /// `[url, title, kind_label, date, snippet_source]` per document.
    docs: Vec<(&'a str, &'a str, &'a str, Option<&'a str>, &'a str)>,
    /// term → `[doc, weight, doc, weight…]` with doc numbers delta-encoded.
    terms: BTreeMap<String, Vec<u32>>,
    /// word form → term, only where [`resolve`] would guess wrong.
    forms: BTreeMap<String, String>,
    stop: &'static [&'static str],
    max_cut: usize,
    min_stem: usize,
}

fn is_stop_word(folded: &str) -> bool {
    static STOP: std::sync::LazyLock<HashSet<&str>> =
        std::sync::LazyLock::new(|| STOP_WORDS.iter().copied().collect());
    STOP.contains(folded)
}

/// A document reduced to what the index needs — its folded word forms with
/// their weight and a snippet source — so that the pipeline can make it in
/// its parallel page pass and drop the page's full text right away.
#[derive(Debug, Clone)]
pub struct IndexedDoc {
    url: String,
    title: String,
    kind_label: String,
    date: Option<String>,
    snippet: String,
    /// Folded forms with their weight: [`TITLE_FLAG`] if in the title, plus
    /// body occurrences up to [`BODY_CAP`]. Boxed and packed: a 10,000-page
    /// site holds all of them until the index is merged.
    forms: Vec<(Box<str>, u8)>,
}

impl IndexedDoc {
    pub fn new(doc: &SearchDoc) -> IndexedDoc {
        let mut forms: HashMap<String, (bool, u32)> = HashMap::new();
        let mut folded = String::new();
        let mut add = |text: &str, title: bool| {
            for word in words(text) {
                folded.clear();
                fold_into(word, &mut folded);
                if is_stop_word(&folded) {
                    continue;
                }
                let entry = match forms.get_mut(folded.as_str()) {
                    Some(e) => e,
                    None => forms.entry(folded.clone()).or_default(),
                };
                if title {
                    entry.0 = true;
                } else {
                    entry.1 = (entry.1 + 1).min(BODY_CAP);
                }
            }
        };
        add(&doc.title, true);
        add(&doc.kind_label, false);
        add(&doc.text, false);
        IndexedDoc {
            url: doc.url.clone(),
            title: doc.title.clone(),
            kind_label: doc.kind_label.clone(),
            date: doc.date.clone(),
            snippet: snippet_source(&doc.text),
            forms: forms
                .into_iter()
                .map(|(f, (t, b))| (f.into_boxed_str(), if t { TITLE_FLAG } else { 0 } | b as u8))
                .collect(),
        }
    }
}

/// Marks a form of the title in [`IndexedDoc`]'s packed weight.
const TITLE_FLAG: u8 = 0x80;

/// Builds the index as the JavaScript text of `search-index.js`.
pub fn build_index(docs: &[SearchDoc]) -> String {
    String::from_utf8(index_js(docs.iter().map(IndexedDoc::new).collect())).expect("JSON is UTF-8")
}

/// Builds `search-index.js` from documents prepared with [`IndexedDoc::new`].
pub fn index_js(docs: Vec<IndexedDoc>) -> Vec<u8> {
    let builder = IndexBuilder::default();
    for (n, doc) in docs.into_iter().enumerate() {
        builder.add(n, &doc);
    }
    builder.finish()
}

/// The index under construction. Documents are merged as they arrive, from
/// the parallel page pass, so a page's word forms live only until its merge
/// (a 10,000-page site would otherwise hold them all at once).
#[derive(Default)]
pub struct IndexBuilder {
    state: Mutex<Builder>,
}

#[derive(Default)]
struct Builder {
    stems: Stems,
    /// Folded word form → term number; terms are numbered as first met.
    form_term: HashMap<String, u32>,
    term_number: HashMap<String, u32>,
    term_names: Vec<String>,
    /// Per term: (document number, weight), in arrival order.
    postings: Vec<Vec<(u32, u32)>>,
    /// Per document number: url, title, kind, date, snippet.
    docs: Vec<Option<DocMeta>>,
}

struct DocMeta {
    url: String,
    title: String,
    kind_label: String,
    date: Option<String>,
    snippet: String,
}

impl IndexBuilder {
    /// Merges document number `n` (its place in the result list order).
    pub fn add(&self, n: usize, doc: &IndexedDoc) {
        let mut guard = self.state.lock().expect("search index lock");
        let b = &mut *guard;
        // term → (in a title, body occurrences) for this document.
        let mut weights: HashMap<u32, (bool, u32)> = HashMap::with_capacity(doc.forms.len());
        for (form, packed) in &doc.forms {
            let (title, body) = (packed & TITLE_FLAG != 0, u32::from(packed & !TITLE_FLAG));
            let term = match b.form_term.get(&**form) {
                Some(&term) => term,
                None => {
                    let stem = b.stems.stem(form);
                    let term = match b.term_number.get(&stem) {
                        Some(&t) => t,
                        None => {
                            let t = b.term_names.len() as u32;
                            b.term_names.push(stem.clone());
                            b.postings.push(Vec::new());
                            b.term_number.insert(stem, t);
                            t
                        }
                    };
                    b.form_term.insert(form.to_string(), term);
                    term
                }
            };
            let w = weights.entry(term).or_default();
            w.0 |= title;
            w.1 = (w.1 + body).min(BODY_CAP);
        }
        for (term, (title, body)) in weights {
            b.postings[term as usize].push((n as u32, u32::from(title) * TITLE_WEIGHT + body));
        }
        if b.docs.len() <= n {
            b.docs.resize_with(n + 1, || None);
        }
        b.docs[n] = Some(DocMeta {
            url: doc.url.clone(),
            title: doc.title.clone(),
            kind_label: doc.kind_label.clone(),
            date: doc.date.clone(),
            snippet: doc.snippet.clone(),
        });
    }

    /// The JavaScript text of `search-index.js`.
    pub fn finish(self) -> Vec<u8> {
        let b = self.state.into_inner().expect("search index lock");
        let terms: BTreeMap<String, Vec<u32>> = b
            .term_names
            .iter()
            .zip(b.postings)
            .map(|(term, mut list)| {
                list.sort_unstable();
                let mut flat = Vec::with_capacity(list.len() * 2);
                let mut last = 0;
                for (doc, weight) in list {
                    flat.extend([doc - last, weight]);
                    last = doc;
                }
                (term.clone(), flat)
            })
            .collect();
        let forms = b
            .form_term
            .into_iter()
            .map(|(form, term)| (form, b.term_names[term as usize].clone()))
            .filter(|(form, stem)| {
                resolve_by_prefix(form, |t| b.term_number.contains_key(t)).as_ref() != Some(stem)
            })
            .collect();
        let index = Index {
            v: 1,
            docs: b
                .docs
                .iter()
                // A number never added keeps its place, so postings stay aligned.
                .map(|d| match d {
                    Some(d) => (
                        d.url.as_str(),
                        d.title.as_str(),
                        d.kind_label.as_str(),
                        d.date.as_deref(),
                        d.snippet.as_str(),
                    ),
                    None => ("", "", "", None, ""),
                })
                .collect(),
            terms,
            forms,
            stop: STOP_WORDS,
            max_cut: MAX_CUT,
            min_stem: MIN_STEM,
        };
        // Written straight after the prefix: the JSON of a large site is tens
        // of megabytes, and a `format!` around it would hold it twice.
        let mut out = b"window.METODIST_SEARCH = ".to_vec();
        serde_json::to_writer(&mut out, &index).expect("the index is plain data");
        out.extend_from_slice(b";\n");
        out
    }
}

/// Collapsed whitespace, cut at a word boundary near [`SNIPPET_SOURCE_CHARS`].
fn snippet_source(text: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        len += word.chars().count() + usize::from(len > 0);
        if len > SNIPPET_SOURCE_CHARS {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The browser's guess for a folded word without the `forms` table: the
/// longest prefix that is a term, cutting at most [`MAX_CUT`] characters
/// and keeping at least [`MIN_STEM`]. Mirrors `resolveByPrefix` in
/// `themes/default/static/js/search.js`.
pub fn resolve_by_prefix(folded: &str, is_term: impl Fn(&str) -> bool) -> Option<String> {
    let chars: Vec<(usize, char)> = folded.char_indices().collect();
    let len = chars.len();
    let shortest = MIN_STEM.min(len).max(len.saturating_sub(MAX_CUT)).max(1);
    (shortest..=len).rev().find_map(|n| {
        let end = chars.get(n).map_or(folded.len(), |&(i, _)| i);
        let prefix = &folded[..end];
        is_term(prefix).then(|| prefix.to_string())
    })
}

/// What the browser does with one query word, given the index: the term
/// from `forms`, else the prefix guess. Mirrors `resolve` in search.js.
pub fn resolve(
    folded: &str,
    forms: &BTreeMap<String, String>,
    is_term: impl Fn(&str) -> bool,
) -> Option<String> {
    match forms.get(folded) {
        Some(term) => Some(term.clone()),
        None => resolve_by_prefix(folded, is_term),
    }
}

#[cfg(test)]
mod tests;
