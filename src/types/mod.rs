//! Typed content (docs/content-model.md): each content type is a module with
//! its schema (a serde struct read from the front matter or a YAML row), its
//! references, checks and facets; its page template is `<name>.html` in the
//! theme. [`TYPES`] is the registry; site.toml `[collections]` maps folders
//! to types, on top of each type's default folders.
//!
//! Adding a type: a module with a struct implementing [`Schema`], one line in
//! [`TYPES`], a template.

pub mod course;
pub mod date;
pub mod document;
pub mod event;
pub mod front;
pub mod glossary;
pub mod municipal;
pub mod official;
pub mod organisation;
pub mod page;
pub mod pair;
pub mod paths;
pub mod person;
pub mod plan;
pub mod practice;
pub mod reflect;
pub mod risk_factor;
pub mod scaffold;
#[cfg(test)]
mod schema_tests;
pub mod shared;
pub mod sveden;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::suggest::did_you_mean;
use crate::types::date::PartialDate;
use crate::types::front::PageFront;
use crate::yaml::{self, FieldError, Node, Pos};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::any::Any;
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::marker::PhantomData;

/// The registry of content types; index 0 is the plain page.
pub static TYPES: &[&dyn ContentType] = &[
    &Def::<page::Page>::NEW,
    &Def::<event::Event>::NEW,
    &Def::<pair::Pair>::NEW,
    &Def::<practice::Practice>::NEW,
    &Def::<document::Document>::NEW,
    &Def::<plan::Plan>::NEW,
    &Def::<organisation::Organisation>::NEW,
    &Def::<person::Person>::NEW,
    &Def::<risk_factor::RiskFactor>::NEW,
    &Def::<glossary::GlossaryTerm>::NEW,
    &Def::<course::Course>::NEW,
    &Def::<sveden::Sveden>::NEW,
    &Def::<municipal::Municipal>::NEW,
];

/// Collection types other modules own (their folders are not typed entries).
const EXTERNAL: &[&str] = &["indicator"];

/// A reference field: where it sits in an entry, what it points to, and the
/// heading under which the target's page lists the entries pointing at it.
#[derive(Debug, Clone, Copy)]
pub struct RefSpec {
    /// `field`, `list[]`, `a[].b`, and at the end `list[]>key` for items that
    /// are either the reference itself or a record holding it in `key`.
    pub path: &'static str,
    /// The target type's name.
    pub target: &'static str,
    /// The key of the back-reference heading on the target's page, in the
    /// theme's i18n.toml `[types.back]` («Изданные документы»).
    pub label: &'static str,
}

/// A facet of the client-side filter: its heading and the field it reads
/// (a path as in [`RefSpec`]; references give their titles).
#[derive(Debug, Clone, Copy)]
pub struct Facet {
    pub name: &'static str,
    /// The key of its heading in i18n.toml `[types.facets]`.
    pub label: &'static str,
    pub path: &'static str,
}

/// A problem found by a type's own checks.
#[derive(Debug, Clone)]
pub struct Problem {
    pub pos: Pos,
    pub message: String,
    pub hint: Option<String>,
    pub warning: bool,
    /// A deliberate state, not a mistake (see [`crate::diagnostics::Severity::Note`]).
    pub note: bool,
}

impl Problem {
    pub fn error(pos: Pos, message: impl Into<String>) -> Problem {
        Problem {
            pos,
            message: message.into(),
            hint: None,
            warning: false,
            note: false,
        }
    }
    pub fn note(pos: Pos, message: impl Into<String>) -> Problem {
        Problem {
            note: true,
            ..Problem::warning(pos, message)
        }
    }
    pub fn warning(pos: Pos, message: impl Into<String>) -> Problem {
        Problem {
            warning: true,
            ..Problem::error(pos, message)
        }
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }
    pub fn into_diag(self, file: &crate::load::SourceFile) -> Diagnostic {
        let mut d = if self.warning {
            file.warn(self.pos.line, self.pos.column, self.message)
        } else {
            file.diag(self.pos.line, self.pos.column, self.message)
        };
        if self.note {
            d.severity = crate::diagnostics::Severity::Note;
        }
        d.with_hint_opt(self.hint)
    }
}

/// What a type's title may need from the rest of the site.
pub trait TitleContext {
    /// The page title of the entry `text` refers to in type `target`.
    fn title_of(&self, target: &str, text: &str) -> Option<String>;
    /// The entry `text` refers to in type `target`.
    fn entry_of(&self, target: &str, text: &str) -> Option<&dyn Entry>;
}

/// One content type's schema and behaviour.
pub trait Schema: DeserializeOwned + Serialize + Debug + Send + Sync + 'static {
    /// The name used in site.toml and `metodist new`: `event`.
    const NAME: &'static str;
    /// Plural heading in Russian: «Мероприятия».
    const LABEL: &'static str;
    /// Content folders of this type unless site.toml says otherwise.
    const FOLDERS: &'static [&'static str] = &[];
    const REFS: &'static [RefSpec] = &[];
    /// Paths of material lists (files are checked and measured).
    const MATERIALS: &'static [&'static str] = &[];
    /// Lists of talk references (`{event, item}`).
    const TALKS: &'static [&'static str] = &[];
    const FACETS: &'static [Facet] = &[];
    /// The front matter `metodist new` writes, after the title and date.
    const SKELETON: &'static str = "";
    /// Other names `metodist new` accepts, in Russian too: `семинар`.
    const ALIASES: &'static [&'static str] = &[];
    /// Whether `metodist new` dates a new entry.
    const NEW_DATE: NewDate = NewDate::None;
    /// The entries of this type in the `metodist init` example site:
    /// (path in the site, text), usually `include_str!` of files under
    /// `src/types/examples/`.
    const EXAMPLE: &'static [(&'static str, &'static str)] = &[];
    /// Ids whose address regulation fixes as written, case and underscores
    /// kept (`/sveden/eduStandarts/`): such an entry's id is its slug.
    const FIXED_SLUGS: &'static [&'static str] = &[];

    /// The front matter lines `metodist new` writes for the title typed.
    fn new_title(title: &str) -> String {
        scaffold::field("title", title)
    }

    /// Names the entry can be referred to by, besides its id and aliases.
    fn names(&self) -> Vec<String> {
        Vec::new()
    }
    /// A title from the entry's own fields, when the author wrote none.
    fn own_title(&self) -> Option<String> {
        None
    }
    /// A title that needs other entries (a pair named after its schools).
    fn linked_title(&self, _ctx: &dyn TitleContext) -> Option<String> {
        None
    }
    /// Type-specific checks; `node` is the entry's front matter.
    fn check(&self, _node: &Node, _front: &PageFront, _out: &mut Vec<Problem>) {}
    /// Values computed for the template (a citation line), added to the entry.
    fn computed(&self, _ctx: &dyn TitleContext, _front: &PageFront) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    /// What a calendar file shows of the entry; entries dated to a day that
    /// return one get an `.ics` beside their page.
    fn calendar(&self) -> Option<Calendar<'_>> {
        None
    }
    /// The talk of the entry's programme that `item` of a `{event, item}`
    /// reference names (a number from 1 or an item id), or how many talks
    /// there are, for the hint.
    fn talk(&self, _item: &str) -> Result<Talk, usize> {
        Err(0)
    }
    /// Where the entry's person works: (position, organisation reference),
    /// the current one first.
    fn affiliations(&self) -> Vec<(Option<&str>, Option<&str>)> {
        Vec::new()
    }
}

/// What a calendar entry shows of a typed entry; its start is the page's
/// `date`.
pub struct Calendar<'a> {
    pub title: &'a str,
    /// «семинар»: the summary reads «Семинар: title».
    pub kind: Option<&'a str>,
    pub end_date: Option<date::PartialDate>,
    /// Start and end time on a one-day entry.
    pub time: Option<&'a shared::Time>,
    pub end_time: Option<&'a shared::Time>,
    /// Parts of the place, joined by commas.
    pub location: Vec<&'a str>,
    /// Used when the page has no description.
    pub description: Option<&'a str>,
}

/// A talk of a programme, as references to it show it.
#[derive(Debug, Clone)]
pub struct Talk {
    pub title: String,
    /// Its anchor on the programme's page.
    pub anchor: String,
}

/// The heading key of the entries presented in an event's talks.
pub const PRESENTED: &str = "presented_in_talks";

/// The anchor of the talk with this index on its programme's page (the
/// templates write `vystuplenie-{{ loop.index }}`).
pub fn talk_anchor(index: usize) -> String {
    format!("vystuplenie-{}", index + 1)
}

/// How `metodist new` dates a new entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewDate {
    None,
    /// `date:` today.
    Today,
    /// `date:` today, and the file name starts with it (events).
    TodayInName,
}

/// A parsed entry of any type.
pub trait Entry: Debug + Send + Sync {
    fn to_json(&self) -> serde_json::Value;
    fn names(&self) -> Vec<String>;
    fn own_title(&self) -> Option<String>;
    fn linked_title(&self, ctx: &dyn TitleContext) -> Option<String>;
    fn check(&self, node: &Node, front: &PageFront, out: &mut Vec<Problem>);
    fn computed(&self, ctx: &dyn TitleContext, front: &PageFront) -> Vec<(&'static str, String)>;
    fn calendar(&self) -> Option<Calendar<'_>>;
    fn talk(&self, item: &str) -> Result<Talk, usize>;
    fn affiliations(&self) -> Vec<(Option<&str>, Option<&str>)>;
    fn as_any(&self) -> &dyn Any;
}

impl<T: Schema> Entry for T {
    fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("entries serialize")
    }
    fn names(&self) -> Vec<String> {
        Schema::names(self)
    }
    fn own_title(&self) -> Option<String> {
        Schema::own_title(self)
    }
    fn linked_title(&self, ctx: &dyn TitleContext) -> Option<String> {
        Schema::linked_title(self, ctx)
    }
    fn check(&self, node: &Node, front: &PageFront, out: &mut Vec<Problem>) {
        Schema::check(self, node, front, out)
    }
    fn computed(&self, ctx: &dyn TitleContext, front: &PageFront) -> Vec<(&'static str, String)> {
        Schema::computed(self, ctx, front)
    }
    fn calendar(&self) -> Option<Calendar<'_>> {
        Schema::calendar(self)
    }
    fn talk(&self, item: &str) -> Result<Talk, usize> {
        Schema::talk(self, item)
    }
    fn affiliations(&self) -> Vec<(Option<&str>, Option<&str>)> {
        Schema::affiliations(self)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A registered type, as the pipeline sees it.
pub trait ContentType: Sync {
    fn name(&self) -> &'static str;
    fn label(&self) -> &'static str;
    fn folders(&self) -> &'static [&'static str];
    fn refs(&self) -> &'static [RefSpec];
    fn materials(&self) -> &'static [&'static str];
    fn talks(&self) -> &'static [&'static str];
    fn facets(&self) -> &'static [Facet];
    fn skeleton(&self) -> &'static str;
    fn aliases(&self) -> &'static [&'static str];
    fn new_date(&self) -> NewDate;
    fn example(&self) -> &'static [(&'static str, &'static str)];
    fn new_title(&self, title: &str) -> String;
    fn fixed_slugs(&self) -> &'static [&'static str];
    /// The entry's own fields (for `also_known` of the other passes).
    fn fields(&self) -> &'static [&'static str];
    /// The fields of the schema struct, with the kinds of their values.
    fn shape(&self) -> Vec<reflect::Field>;
    /// Every dotted field path of the schema struct (see [`reflect::field_paths`]).
    #[cfg(test)]
    fn field_paths(&self) -> std::collections::BTreeSet<String>;
    /// Reads the entry; unknown fields are reported unless in `also_known`.
    fn parse(&self, node: &Node, also_known: &[&str]) -> Result<Box<dyn Entry>, Vec<FieldError>>;
    /// The page template of the type.
    fn template(&self) -> String {
        format!("{}.html", self.name())
    }
}

/// The [`ContentType`] of a [`Schema`].
pub struct Def<T>(PhantomData<fn() -> T>);

impl<T> Def<T> {
    pub const NEW: Def<T> = Def(PhantomData);
}

impl<T: Schema> ContentType for Def<T> {
    fn name(&self) -> &'static str {
        T::NAME
    }
    fn label(&self) -> &'static str {
        T::LABEL
    }
    fn folders(&self) -> &'static [&'static str] {
        T::FOLDERS
    }
    fn refs(&self) -> &'static [RefSpec] {
        T::REFS
    }
    fn materials(&self) -> &'static [&'static str] {
        T::MATERIALS
    }
    fn talks(&self) -> &'static [&'static str] {
        T::TALKS
    }
    fn facets(&self) -> &'static [Facet] {
        T::FACETS
    }
    fn skeleton(&self) -> &'static str {
        T::SKELETON
    }
    fn aliases(&self) -> &'static [&'static str] {
        T::ALIASES
    }
    fn new_date(&self) -> NewDate {
        T::NEW_DATE
    }
    fn example(&self) -> &'static [(&'static str, &'static str)] {
        T::EXAMPLE
    }
    fn new_title(&self, title: &str) -> String {
        T::new_title(title)
    }
    fn fixed_slugs(&self) -> &'static [&'static str] {
        T::FIXED_SLUGS
    }
    fn fields(&self) -> &'static [&'static str] {
        yaml::de::struct_fields::<T>()
    }
    fn shape(&self) -> Vec<reflect::Field> {
        reflect::fields::<T>()
    }
    #[cfg(test)]
    fn field_paths(&self) -> std::collections::BTreeSet<String> {
        reflect::field_paths::<T>()
    }
    fn parse(&self, node: &Node, also_known: &[&str]) -> Result<Box<dyn Entry>, Vec<FieldError>> {
        yaml::from_node::<T>(node, also_known, true).map(|e| Box::new(e) as Box<dyn Entry>)
    }
}

/// The registry index of a type name.
pub fn kind_by_name(name: &str) -> Option<usize> {
    TYPES.iter().position(|t| t.name() == name)
}

/// Fields every entry may have (content model §1.3) besides [`PageFront`]'s.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Common {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub school_year: Option<shared::SchoolYear>,
    #[serde(default)]
    pub year: Option<String>,
    #[serde(default)]
    pub documents: Vec<String>,
    #[serde(default)]
    pub date_precision: Option<Precision>,
    /// The Markdown text of a YAML row (form B).
    #[serde(default)]
    pub body: Option<String>,
}

/// References every type has.
pub const COMMON_REFS: &[RefSpec] = &[RefSpec {
    path: "documents[]",
    target: "document",
    label: "mentioned_in",
}];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    Month,
    Year,
    SchoolYear,
    Unknown,
}

/// A page's content type and typed entry.
#[derive(Debug)]
pub struct Typed {
    /// Index into [`TYPES`].
    pub kind: usize,
    pub id: String,
    /// Where the id is written (the file start for ids taken from file names).
    pub id_pos: Pos,
    /// True for a row of a YAML list (form B).
    pub row: bool,
    pub common: Common,
    pub entry: Box<dyn Entry>,
}

impl Typed {
    pub fn type_def(&self) -> &'static dyn ContentType {
        TYPES[self.kind]
    }
}

/// Which type each content folder holds.
#[derive(Debug, Clone, Default)]
pub struct Collections {
    /// `None` for folders of external collections (named in `external`).
    by_dir: BTreeMap<String, Option<usize>>,
    external: BTreeMap<String, String>,
}

impl Collections {
    /// Defaults of every type, then site.toml's `[collections]`; an unknown
    /// type name is an error with a suggestion.
    pub fn from_config(config: &SiteConfig) -> (Collections, Vec<Diagnostic>) {
        let mut by_dir = BTreeMap::new();
        for (i, t) in TYPES.iter().enumerate() {
            for f in t.folders() {
                by_dir.insert(f.to_string(), Some(i));
            }
        }
        let mut errors = Vec::new();
        let mut external = BTreeMap::new();
        for (dir, name) in &config.collections {
            let dir = dir.trim_matches('/').to_string();
            if EXTERNAL.contains(&name.as_str()) {
                external.insert(dir.clone(), name.clone());
                by_dir.insert(dir, None);
                continue;
            }
            match kind_by_name(name) {
                Some(k) => {
                    by_dir.insert(dir, Some(k));
                }
                None => {
                    let names = TYPES
                        .iter()
                        .map(|t| t.name())
                        .chain(EXTERNAL.iter().copied());
                    errors.push(
                        Diagnostic::error(
                            "site.toml",
                            format!(
                                "в [collections] неизвестный тип записей «{name}» (папка «{dir}»)"
                            ),
                        )
                        .with_hint(
                            did_you_mean(name, names.clone()).unwrap_or_else(|| {
                                format!("типы: {}", names.collect::<Vec<_>>().join(", "))
                            }),
                        ),
                    );
                }
            }
        }
        (Collections { by_dir, external }, errors)
    }

    /// The type of entries in `dir` (a folder inside content/), looking up
    /// its parents too; `None` for folders of external collections.
    pub fn kind_of(&self, dir: &str) -> Option<usize> {
        let mut d = dir;
        loop {
            if let Some(k) = self.by_dir.get(d) {
                return *k;
            }
            match d.rsplit_once('/') {
                Some((parent, _)) => d = parent,
                None => return Some(0),
            }
        }
    }

    /// Folder → type name of every typed or external folder, defaults
    /// included (templates find collections by type through it).
    pub fn effective(&self) -> BTreeMap<String, String> {
        self.by_dir
            .iter()
            .map(|(d, k)| {
                let name = match k {
                    Some(k) => TYPES[*k].name().to_string(),
                    None => self.external.get(d).cloned().unwrap_or_default(),
                };
                (d.clone(), name)
            })
            .collect()
    }

    /// The folder new entries of a type go to: site.toml's first, else the default.
    pub fn folder_of(&self, kind: usize) -> Option<String> {
        let default = TYPES[kind]
            .folders()
            .iter()
            .find(|f| self.by_dir.get(**f) == Some(&Some(kind)))
            .map(|f| f.to_string());
        default.or_else(|| {
            self.by_dir
                .iter()
                .find(|(_, k)| **k == Some(kind))
                .map(|(d, _)| d.clone())
        })
    }

    /// True if `dir` holds typed entries (not plain pages).
    pub fn is_typed(&self, dir: &str) -> bool {
        self.kind_of(dir).is_some_and(|k| k != 0)
    }
}

/// Reads a page's typed entry. `also_known` are the taxonomy fields.
pub fn parse(
    kind: usize,
    node: &Node,
    default_id: &str,
    row: bool,
    taxonomy_fields: &[&str],
) -> Result<Typed, Vec<FieldError>> {
    let t = TYPES[kind];
    let mut known: Vec<&str> = yaml::de::struct_fields::<PageFront>().to_vec();
    known.extend(yaml::de::struct_fields::<Common>());
    known.extend(taxonomy_fields);
    let entry = t.parse(node, &known);
    let common = yaml::from_node::<Common>(node, &[], false);
    match (entry, common) {
        (Ok(entry), Ok(common)) => {
            let (id, id_pos) = match (&common.id, node.get("id")) {
                (Some(id), Some(n)) => (id.clone(), n.pos),
                _ => (default_id.to_string(), node.pos),
            };
            if row {
                if let Some(body) = node.get("body") {
                    if body.as_text().is_none() {
                        return Err(vec![FieldError {
                            pos: Some(body.pos),
                            message: "поле «body» — текст записи в Markdown".into(),
                            hint: Some(
                                "напишите «body: |» и текст с новой строки с отступом".into(),
                            ),
                            missing: None,
                        }]);
                    }
                }
            } else if node.get("body").is_some() {
                let pos = node.get("body").map(|n| n.pos);
                return Err(vec![FieldError {
                    pos,
                    message: "поле «body» бывает только у записей YAML-списка".into(),
                    hint: Some(
                        "в файле Markdown текст записи пишется после второй строки «---»".into(),
                    ),
                    missing: None,
                }]);
            }
            Ok(Typed {
                kind,
                id,
                id_pos,
                row,
                common,
                entry,
            })
        }
        (entry, common) => {
            let mut errors = entry.err().unwrap_or_default();
            for e in common.err().unwrap_or_default() {
                if !errors.contains(&e) {
                    errors.push(e);
                }
            }
            Err(errors)
        }
    }
}

/// Checks common to all entries: the date precision against the date, an
/// id fit for an address, `verified: false`.
pub fn check_common(typed: &Typed, node: &Node, front: &PageFront, out: &mut Vec<Problem>) {
    if let (Some(p), Some(date)) = (typed.common.date_precision, front.date) {
        let actual = precision_of(&date);
        if !matches!(p, Precision::SchoolYear | Precision::Unknown) && p != actual {
            let pos = node.get("date_precision").map_or(node.pos, |n| n.pos);
            out.push(
                Problem::error(pos, format!("точность даты не совпадает с датой «{date}»")).hint(
                    format!("по записи даты её точность — {}", precision_name(actual)),
                ),
            );
        }
    }
    if typed.row && !typed.type_def().fixed_slugs().contains(&typed.id.as_str()) {
        let clean = crate::ru::slug::slugify(&typed.id);
        if clean != typed.id {
            out.push(
                Problem::error(
                    typed.id_pos,
                    format!("идентификатор «{}» не годится для адреса", typed.id),
                )
                .hint(format!(
                    "в идентификаторе — только строчные латинские буквы, цифры и дефисы: «{clean}»"
                )),
            );
        }
    }
    if !front.verified {
        let pos = node.get("verified").map_or(node.pos, |n| n.pos);
        out.push(
            Problem::note(pos, "запись не сверена с источником (verified: false)")
                .hint("страница выйдет с пометкой «Сведения не проверены»; сверьте и уберите поле"),
        );
    }
}

fn precision_of(d: &PartialDate) -> Precision {
    match (d.month, d.day) {
        (Some(_), Some(_)) => Precision::Day,
        (Some(_), None) => Precision::Month,
        _ => Precision::Year,
    }
}

fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Day => "day (день)",
        Precision::Month => "month (месяц)",
        _ => "year (год)",
    }
}

/// Case-, ё-, quote- and space-insensitive form of a name (§1.5):
/// «СШ №27» = «сш № 27», «МБУ ДО "ЦДО"» = «МБУ ДО «ЦДО»».
pub fn normalize_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if matches!(
            c,
            '«' | '»' | '"' | '„' | '“' | '”' | '‟' | '\'' | '’' | '‘'
        ) {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() && !out.ends_with('№') {
            out.push(' ');
        }
        space = false;
        for l in c.to_lowercase() {
            out.push(if l == 'ё' { 'е' } else { l });
        }
    }
    out
}

/// The theme's word for `key` in table `types.<table>` of i18n.toml; the key
/// itself if the theme lacks it (a test checks the default theme has all).
pub fn word(words: &toml::Table, table: &str, key: &str) -> String {
    words
        .get("types")
        .and_then(|t| t.get(table))
        .and_then(|t| t.get(key))
        .and_then(toml::Value::as_str)
        .unwrap_or(key)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_loosely() {
        assert_eq!(
            normalize_name("СШ №27 имени Э.А. Хиля"),
            normalize_name("сш № 27  имени э.а. хиля")
        );
        assert_eq!(
            normalize_name("МБУ ДО \"ЦДО\""),
            normalize_name("МБУ ДО «ЦДО»")
        );
        assert_eq!(
            normalize_name("Лобанова Елена николаевна"),
            "лобанова елена николаевна"
        );
        assert_eq!(normalize_name("Партнёрство"), "партнерство");
    }

    #[test]
    fn registry_names_and_folders_are_unique() {
        let mut names: Vec<_> = TYPES.iter().map(|t| t.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), TYPES.len());
        let mut folders: Vec<_> = TYPES.iter().flat_map(|t| t.folders()).collect();
        let n = folders.len();
        folders.sort();
        folders.dedup();
        assert_eq!(folders.len(), n);
    }

    #[test]
    fn every_heading_key_has_words_in_the_default_theme() {
        let text = include_str!("../../themes/default/i18n.toml");
        let words: toml::Table = text.parse().unwrap();
        let mut back: Vec<&str> = TYPES
            .iter()
            .flat_map(|t| t.refs())
            .chain(COMMON_REFS)
            .map(|r| r.label)
            .collect();
        back.push(PRESENTED);
        for key in back {
            assert_ne!(word(&words, "back", key), key, "[types.back] {key}");
        }
        for t in TYPES {
            assert_ne!(
                word(&words, "kinds", t.name()),
                t.name(),
                "[types.kinds] {}",
                t.name()
            );
        }
        for f in TYPES.iter().flat_map(|t| t.facets()) {
            assert_ne!(
                word(&words, "facets", f.label),
                f.label,
                "[types.facets] {}",
                f.label
            );
        }
    }

    /// Every path a type declares (references, materials, talks, facets)
    /// names fields its struct has: a typo would silently turn off the
    /// checks for that field.
    #[test]
    fn declared_paths_name_real_fields() {
        let common = reflect::field_paths::<Common>();
        let mut checked = 0;
        for t in TYPES {
            let fields = t.field_paths();
            assert!(!fields.is_empty(), "{}", t.name());
            let refs = t.refs().iter().map(|r| r.path);
            let facets = t.facets().iter().map(|f| f.path);
            let all: Vec<&str> = refs
                .chain(t.materials().iter().copied())
                .chain(t.talks().iter().copied())
                .chain(facets)
                .collect();
            for path in all {
                let mut prefix = String::new();
                for (name, named_by, key) in paths::path_fields(path) {
                    prefix = if prefix.is_empty() {
                        name.to_string()
                    } else {
                        format!("{prefix}.{name}")
                    };
                    let wanted = [
                        Some(prefix.clone()),
                        named_by.map(|f| format!("{prefix}.{f}")),
                        key.map(|k| format!("{prefix}.{k}")),
                    ];
                    for w in wanted.into_iter().flatten() {
                        // `status_label`: the words render::typed adds for a field.
                        let label_of = w
                            .strip_suffix("_label")
                            .is_some_and(|f| fields.contains(f) || common.contains(f));
                        let known = fields.contains(&w) || common.contains(&w) || label_of;
                        assert!(known, "{}: path «{path}» names «{w}», which the struct does not have; it has {fields:?}", t.name());
                        checked += 1;
                    }
                }
            }
        }
        for r in COMMON_REFS {
            assert!(common.contains(r.path.trim_end_matches("[]")), "{}", r.path);
        }
        assert!(checked > 50, "{checked}");
    }

    #[test]
    fn the_path_tracer_sees_nested_fields_and_would_catch_a_typo() {
        let event = reflect::field_paths::<event::Event>();
        for p in [
            "program",
            "program.speakers.person",
            "program.moderator.organisation",
            "end_date",
            "materials.file",
        ] {
            assert!(event.contains(p), "{p}: {event:?}");
        }
        assert!(!event.contains("program.speaker"));
    }

    #[test]
    fn collections_from_config() {
        let mut config: SiteConfig = toml::from_str(
            "title='x'\n[collections]\nnovosti='event'\nmonitoring='indicator'\nx='evnt'\n",
        )
        .unwrap();
        config.collections.insert("y".into(), "page".into());
        let (c, errors) = Collections::from_config(&config);
        assert_eq!(c.kind_of("novosti/2022"), kind_by_name("event"));
        assert_eq!(c.kind_of("praktiki"), kind_by_name("practice"));
        assert_eq!(c.kind_of("monitoring"), None);
        assert_eq!(c.kind_of("ob-otdele"), Some(0));
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].message,
            "в [collections] неизвестный тип записей «evnt» (папка «x»)"
        );
        assert_eq!(
            errors[0].hint.as_deref(),
            Some("возможно, вы имели в виду «event»?")
        );
    }
}
