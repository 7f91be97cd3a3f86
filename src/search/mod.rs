//! The offline search index, built at build time and loaded by the browser
//! in parts, as scripts: a small manifest (`search/index.js`), then only the
//! shards holding the query's terms (`search/s/N.js`) and the text of the
//! results shown (`search/d/N.js`). Each part calls a global callback, so
//! search works from `file://`, where browsers refuse `fetch`, and a query
//! on a 10,000-page site downloads a few hundred kilobytes, not the index.
//!
//! Shards are ranges of the sorted term dictionary cut at about
//! [`SHARD_BYTES`]; the manifest lists each range's first key.
//!
//! Scores are BM25F ([`bm25f`]) over the fields a visitor sees — title,
//! headings, the values of a typed entry, its identifiers, the body — computed
//! here, so a posting carries one integer and the browser only adds.
//! Postings and the documents' kinds and years are written compactly by
//! [`encode`].
//!
//! The browser has no stemmer. Snowball's Russian stemmer only strips
//! suffixes, so a word's stem is a prefix of the (folded) word: the browser
//! takes the longest prefix of a query word that is a term of the index
//! ([`resolve`]). Where that guess differs from the real stem for a word of
//! the site, the index carries the answer in `forms`, so every word that
//! occurs on the site resolves exactly as the stemmer would; words that
//! occur nowhere still find their stem by prefix («партнерство» → the stem
//! of «партнёрства»).

mod extract;
mod terms;

pub use extract::{main_text, main_text_of, PageText, SECTION, SECTION_TITLE};
pub use terms::{fold, fold_into, words, Stems, STOP_WORDS};

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::Mutex;

/// One page as search shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchDoc {
    /// Site-relative URL (`seminars/2022-11-17-…/`); the browser resolves it
    /// against the site root so results work from `file://`.
    pub url: String,
    pub title: String,
    /// What the result is: «Межшкольный семинар», «Приказ»…
    pub kind_label: String,
    /// The filter it falls under: its content type («Мероприятие», «Документ»).
    pub kind: String,
    /// Display date, already formatted («17 ноября 2022 г.»).
    pub date: Option<String>,
    /// The year filter.
    pub year: Option<u16>,
    /// Section headings of the page.
    pub headings: String,
    /// What the visitor reads, in order (headings included).
    pub body: String,
    /// Values of the typed entry: speakers, school, issuer, kind.
    pub entry: String,
    /// Identifiers of the entry: document and school numbers.
    pub ids: String,
}

/// The fields of [`SearchDoc`] scored by [`bm25f`]: title, headings, entry,
/// ids, body.
const FIELDS: usize = 5;
/// The identifier field, whose exact match ranks first.
const ID: usize = 3;
/// BM25F field weights; the title and an entry's own values outweigh the
/// body, so the entry a query names ranks above pages that mention it
/// (tuned on tests/search_relevance.rs).
const WEIGHTS: [f64; FIELDS] = [8.0, 3.0, 5.0, 8.0, 1.0];
/// BM25F length normalisation per field.
const B: [f64; FIELDS] = [0.5, 0.5, 0.3, 0.0, 0.75];
const K1: f64 = 1.2;
/// Scores are sent as integers: BM25F × this (two characters of
/// [`encode`] for any score: BM25F stays below ln(1 + documents)).
const SCALE: f64 = 25.0;
/// Shards are cut after this many bytes of JSON.
pub const SHARD_BYTES: usize = 12 * 1024;
/// Characters of a page's text kept for its result snippet.
pub const SNIPPET_SOURCE_CHARS: usize = 8000;
/// A prefix guess never drops more characters than this from a query word
/// (longer Russian inflections do not exist).
pub const MAX_CUT: usize = 8;
/// A prefix guess is at least this long (or the whole word, if shorter).
pub const MIN_STEM: usize = 2;

fn is_stop_word(folded: &str) -> bool {
    static STOP: std::sync::LazyLock<HashSet<&str>> =
        std::sync::LazyLock::new(|| STOP_WORDS.iter().copied().collect());
    STOP.contains(folded)
}

/// A document reduced to what the index needs — its folded word forms with
/// their counts per field, and what a result shows — so that the pipeline
/// can make it in its parallel page pass and drop the page's HTML right away.
#[derive(Debug, Clone)]
pub struct IndexedDoc {
    meta: DocMeta,
    /// Words per field, for length normalisation.
    lengths: [u32; FIELDS],
    /// Folded forms with their count in each field (capped at 255).
    forms: Vec<(Box<str>, [u8; FIELDS])>,
}

#[derive(Debug, Clone, Default)]
struct DocMeta {
    url: String,
    title: String,
    kind_label: String,
    kind: String,
    date: Option<String>,
    year: Option<u16>,
    text: String,
}

impl IndexedDoc {
    pub fn new(doc: &SearchDoc) -> IndexedDoc {
        let mut forms: HashMap<String, [u8; FIELDS]> = HashMap::new();
        let mut lengths = [0u32; FIELDS];
        let mut folded = String::new();
        let body = without_section_ids(&doc.body);
        let fields = [
            doc.title.as_str(),
            &doc.headings,
            &doc.entry,
            &doc.ids,
            &body,
        ];
        for (field, text) in fields.into_iter().enumerate() {
            for word in words(text) {
                folded.clear();
                fold_into(word, &mut folded);
                lengths[field] += 1;
                if is_stop_word(&folded) {
                    continue;
                }
                let counts = match forms.get_mut(folded.as_str()) {
                    Some(e) => e,
                    None => forms.entry(folded.clone()).or_default(),
                };
                counts[field] = counts[field].saturating_add(1);
            }
        }
        IndexedDoc {
            meta: DocMeta {
                url: doc.url.clone(),
                title: doc.title.clone(),
                kind_label: doc.kind_label.clone(),
                kind: doc.kind.clone(),
                date: doc.date.clone(),
                year: doc.year,
                text: snippet_source(&doc.body),
            },
            lengths,
            forms: forms
                .into_iter()
                .map(|(f, c)| (f.into_boxed_str(), c))
                .collect(),
        }
    }
}

/// The body without the heading ids of its [`SECTION`] marks (their
/// transliterated words are not the page's).
fn without_section_ids(body: &str) -> std::borrow::Cow<'_, str> {
    if !body.contains(SECTION) {
        return body.into();
    }
    let mut parts = body.split(SECTION);
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        out.push('\n');
        out.push_str(
            part.split_once(SECTION_TITLE)
                .map_or(part, |(_, title)| title),
        );
    }
    out.into()
}

/// The files of the index: site-relative path and contents.
pub type IndexFiles = Vec<(String, Vec<u8>)>;

/// Builds the index files for `docs`, numbered in order.
pub fn build_index(docs: &[SearchDoc]) -> IndexFiles {
    let builder = IndexBuilder::default();
    for (n, doc) in docs.iter().enumerate() {
        builder.add(n, &IndexedDoc::new(doc));
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
    /// Per term: (document number, counts per field), in arrival order.
    postings: Vec<Vec<(u32, [u8; FIELDS])>>,
    /// Per document number: what a result shows, and its field lengths.
    docs: Vec<Option<(DocMeta, [u32; FIELDS])>>,
}

impl IndexBuilder {
    /// Merges document number `n` (its place in the result list order).
    pub fn add(&self, n: usize, doc: &IndexedDoc) {
        let mut guard = self.state.lock().expect("search index lock");
        let b = &mut *guard;
        let mut counts: HashMap<u32, [u8; FIELDS]> = HashMap::with_capacity(doc.forms.len());
        for (form, c) in &doc.forms {
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
            let sum = counts.entry(term).or_default();
            for f in 0..FIELDS {
                sum[f] = sum[f].saturating_add(c[f]);
            }
        }
        for (term, c) in counts {
            b.postings[term as usize].push((n as u32, c));
        }
        if b.docs.len() <= n {
            b.docs.resize_with(n + 1, || None);
        }
        b.docs[n] = Some((doc.meta.clone(), doc.lengths));
    }

    /// The manifest, the shards and the documents' result texts.
    pub fn finish(self) -> IndexFiles {
        let b = self.state.into_inner().expect("search index lock");
        let n_docs = b.docs.len();
        let mut avg = [0f64; FIELDS];
        for (_, lengths) in b.docs.iter().flatten() {
            for f in 0..FIELDS {
                avg[f] += f64::from(lengths[f]);
            }
        }
        avg.iter_mut()
            .for_each(|a| *a = (*a / n_docs.max(1) as f64).max(1.0));
        // Every key of the dictionary — terms, and the word forms the prefix
        // guess gets wrong — with its JSON, in sorted order.
        let mut keys: BTreeMap<&str, (Option<String>, Option<&str>)> = BTreeMap::new();
        for (term, list) in b.term_names.iter().zip(&b.postings) {
            let mut list = list.clone();
            list.sort_unstable_by_key(|p| p.0);
            let idf = idf(n_docs, list.len());
            let mut json = String::with_capacity(list.len() * 3 + 2);
            json.push('"');
            let mut last = 0;
            for (doc, counts) in list {
                let lengths = b.docs[doc as usize].as_ref().map_or([1; FIELDS], |d| d.1);
                let score = (bm25f(idf, &counts, &lengths, &avg) * SCALE)
                    .round()
                    .max(1.0) as u64;
                let exact_id = u64::from(counts[ID] > 0);
                encode(u64::from(doc - last), &mut json);
                encode(score * 2 + exact_id, &mut json);
                last = doc;
            }
            json.push('"');
            keys.entry(term).or_default().0 = Some(json);
        }
        for (form, &term) in &b.form_term {
            let stem = &b.term_names[term as usize];
            if resolve_by_prefix(form, |t| b.term_number.contains_key(t)).as_ref() != Some(stem) {
                keys.entry(form).or_default().1 = Some(stem);
            }
        }
        let mut files = IndexFiles::new();
        let mut bounds: Vec<&str> = Vec::new();
        let (mut terms, mut forms) = (String::new(), String::new());
        for (key, (postings, form)) in &keys {
            if terms.len() + forms.len() > SHARD_BYTES {
                flush(&mut terms, &mut forms, &mut files);
            }
            if terms.is_empty() && forms.is_empty() {
                bounds.push(key);
            }
            let key_json = serde_json::to_string(key).expect("a string");
            if let Some(p) = postings {
                let sep = if terms.is_empty() { "" } else { "," };
                let _ = write!(terms, "{sep}{key_json}:{p}");
            }
            if let Some(stem) = form {
                let sep = if forms.is_empty() { "" } else { "," };
                let stem_json = serde_json::to_string(stem).expect("a string");
                let _ = write!(forms, "{sep}{key_json}:{stem_json}");
            }
        }
        if !terms.is_empty() || !forms.is_empty() {
            flush(&mut terms, &mut forms, &mut files);
        }
        // Kinds and years of all documents, for the filters' counts.
        let mut kinds: Vec<&str> = Vec::new();
        let first_year = b
            .docs
            .iter()
            .flatten()
            .filter_map(|d| d.0.year)
            .min()
            .unwrap_or(0);
        let mut doc_facets = String::with_capacity(n_docs * 2);
        for (n, doc) in b.docs.iter().enumerate() {
            let meta = doc.as_ref().map(|d| &d.0);
            let kind = meta.map_or("", |m| m.kind.as_str());
            let k = match kinds.iter().position(|&x| x == kind) {
                Some(k) => k,
                None => {
                    kinds.push(kind);
                    kinds.len() - 1
                }
            };
            encode(k as u64, &mut doc_facets);
            let year = meta.and_then(|m| m.year);
            encode(
                year.map_or(0, |y| u64::from(y - first_year) + 1),
                &mut doc_facets,
            );
            let fragment = meta.map(|m| (&m.url, &m.title, &m.kind_label, &m.date, &m.text));
            let js = format!(
                "METODIST_SEARCH_DOC({n},{});\n",
                serde_json::to_string(&fragment).expect("plain data")
            );
            files.push((format!("search/d/{n}.js"), js.into_bytes()));
        }
        let manifest = serde_json::json!({
            "v": 2,
            "bounds": bounds,
            "kinds": kinds,
            "docs": doc_facets,
            "first_year": first_year,
            "stop": STOP_WORDS,
            "max_cut": MAX_CUT,
            "min_stem": MIN_STEM,
        });
        let js = format!("window.METODIST_SEARCH = {manifest};\n");
        files.push(("search/index.js".into(), js.into_bytes()));
        files
    }
}

/// Digits of [`encode`] before the last one.
const CONTINUE: &[u8; 32] = b"#$%&'()*+,-./0123456789:;<=>?@AB";
/// The last digit of a number in [`encode`] (`\\` skipped: no JSON escapes).
const FINAL: &[u8; 32] = b"CDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abc";

/// Appends `n` in base 32 with printable ASCII, all digits but the last
/// from [`CONTINUE`], the last from [`FINAL`], so numbers need no separator.
/// A posting of a frequent term takes three bytes (a JSON array of numbers
/// took seven); `decode` in search.js reads it back.
fn encode(mut n: u64, out: &mut String) {
    let mut digits = [0u8; 13];
    let mut len = 0;
    loop {
        digits[len] = (n % 32) as u8;
        n /= 32;
        len += 1;
        if n == 0 {
            break;
        }
    }
    for &d in digits[1..len].iter().rev() {
        out.push(char::from(CONTINUE[usize::from(d)]));
    }
    out.push(char::from(FINAL[usize::from(digits[0])]));
}

/// Writes shard number `files.len()` from its terms' and forms' JSON.
fn flush(terms: &mut String, forms: &mut String, files: &mut IndexFiles) {
    let n = files.len();
    let js = format!("METODIST_SEARCH_SHARD({n},{{\"t\":{{{terms}}},\"f\":{{{forms}}}}});\n");
    files.push((format!("search/s/{n}.js"), js.into_bytes()));
    terms.clear();
    forms.clear();
}

/// Inverse document frequency, BM25's (never negative).
fn idf(docs: usize, with_term: usize) -> f64 {
    let (n, df) = (docs as f64, with_term as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// BM25F: term counts weighted per field and normalised by each field's
/// length against its average, then saturated once for the document.
fn bm25f(idf: f64, counts: &[u8; FIELDS], lengths: &[u32; FIELDS], avg: &[f64; FIELDS]) -> f64 {
    let tf: f64 = (0..FIELDS)
        .map(|f| {
            let norm = 1.0 - B[f] + B[f] * f64::from(lengths[f]) / avg[f];
            WEIGHTS[f] * f64::from(counts[f]) / norm
        })
        .sum();
    idf * tf / (K1 + tf)
}

/// Collapsed whitespace (line breaks kept: they separate passages), cut at
/// a word boundary near [`SNIPPET_SOURCE_CHARS`].
fn snippet_source(text: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for line in text.lines() {
        for word in line.split_whitespace() {
            len += word.chars().count() + 1;
            if len > SNIPPET_SOURCE_CHARS {
                out.push('…');
                return out;
            }
            if !out.is_empty() && !out.ends_with('\n') {
                out.push(' ');
            }
            out.push_str(word);
        }
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out.truncate(out.trim_end().len());
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
