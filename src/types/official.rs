//! What the law requires of an official section of the site — «Сведения об
//! образовательной организации» (`sveden`, 273-ФЗ) or the information of a
//! municipal body (`municipal`, 8-ФЗ): its pages, the items of each, and the
//! checks both regimes share. Each section is one YAML list, an entry per
//! page, its id the page's address; the tables here say which field belongs
//! to which page, what the message calls it, and whether it is mandatory.

use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;
use crate::types::Problem;
use crate::yaml::node::Value;
use crate::yaml::{Node, Pos};

/// Every field of an official section's entry that holds a document
/// ([`crate::types::sveden::Link`]), as declared paths: `LINK_PATHS` for
/// the materials (files are found and measured), `LINK_REFS` for the
/// references to the document registry, listed under `$label` there.
macro_rules! link_paths {
    ($label:literal: $($p:literal),* $(,)?) => {
        const LINK_PATHS: &[&str] = &[$($p),*];
        const LINK_REFS: &[crate::types::RefSpec] = &[$(crate::types::RefSpec {
            path: concat!($p, ".document"),
            target: "document",
            label: $label,
        }),*];
    };
}
pub(crate) use link_paths;

/// A page of an official section.
pub struct Part {
    /// Its address under the section, as the regulation spells it.
    pub id: &'static str,
    pub title: &'static str,
    /// False where the page is needed only in some cases
    /// («Образовательные стандарты» only with ФГОС/ФГТ).
    pub required: bool,
}

pub const fn part(id: &'static str, title: &'static str) -> Part {
    Part {
        id,
        title,
        required: true,
    }
}

/// An item of a page: the entry field that holds it.
pub struct Field {
    pub part: &'static str,
    pub field: &'static str,
    /// What the message names in parentheses: the MR v9 itemprop
    /// (`regDate`) or the article of the law (`8-ФЗ, ст. 13, ч. 1, п. 8 «а»`).
    pub mark: &'static str,
    /// After «нет»: «даты создания».
    pub what: &'static str,
    /// False for items the law or the MR publish «при наличии».
    pub required: bool,
    /// A value to show in the hint.
    pub example: &'static str,
}

pub const fn f(
    part: &'static str,
    field: &'static str,
    mark: &'static str,
    what: &'static str,
    example: &'static str,
) -> Field {
    Field {
        part,
        field,
        mark,
        what,
        required: true,
        example,
    }
}

/// An item published «при наличии».
pub const fn opt(
    part: &'static str,
    field: &'static str,
    mark: &'static str,
    what: &'static str,
) -> Field {
    Field {
        required: false,
        ..f(part, field, mark, what, "")
    }
}

/// A mandatory part of each item of a list field.
pub struct Child {
    pub field: &'static str,
    pub child: &'static str,
    pub mark: &'static str,
    pub what: &'static str,
}

pub const fn c(
    field: &'static str,
    child: &'static str,
    mark: &'static str,
    what: &'static str,
) -> Child {
    Child {
        field,
        child,
        mark,
        what,
    }
}

/// Fields any page of a section may have: its id, the pages continuing it.
#[cfg(test)]
const EVERY_PAGE: &[&str] = &["id", "continued"];

/// One official section: its pages and items, and how messages name it.
pub struct Section {
    /// The content folder and address: `sveden`.
    pub folder: &'static str,
    /// After «— не»: «подраздел сведений об организации».
    pub noun: &'static str,
    /// The Russian doc that shows a filled source: `docs/sveden.md`.
    pub doc: &'static str,
    /// Whose duty it is, for the hint: «образовательной организации
    /// (kind = "educational_organisation" в site.toml)».
    pub duty: &'static str,
    /// The kind of site that must have the section.
    pub regime: crate::config::SiteKind,
    /// Why a page says when it was last updated, for the hint.
    pub update_rule: &'static str,
    pub parts: &'static [Part],
    /// Checks across the section's entries (a name one page gives another).
    pub across: fn(&[Present]) -> Vec<Diagnostic>,
    pub fields: &'static [Field],
    pub children: &'static [Child],
}

impl Section {
    pub fn part(&self, id: &str) -> Option<&'static Part> {
        self.parts.iter().find(|p| p.id == id)
    }

    /// Checks of one entry whatever the site's regime: its id is a page of
    /// the section, its fields belong to that page, phones and e-mails
    /// (at any depth) have the MR's forms. Returns the page when the id is one.
    pub fn check_entry(&self, node: &Node, out: &mut Vec<Problem>) -> Option<&'static Part> {
        let id = node.get("id").and_then(Node::as_text).unwrap_or_default();
        let id_pos = node.get("id").map_or(node.pos, |n| n.pos);
        let Some(part) = self.part(&id) else {
            let ids = self.parts.iter().map(|p| p.id);
            let hint = crate::suggest::did_you_mean(&id, ids.clone())
                .unwrap_or_else(|| format!("подразделы: {}", ids.collect::<Vec<_>>().join(", ")));
            out.push(Problem::error(id_pos, format!("«{id}» — не {}", self.noun)).hint(hint));
            return None;
        };
        if let Value::Map(entries) = &node.value {
            for (key, _) in entries {
                let Some(field) = self.fields.iter().find(|f| f.field == key.name) else {
                    continue;
                };
                if field.part != id {
                    let owner = self.part(field.part).map_or("", |s| s.title);
                    out.push(
                        Problem::error(
                            key.pos,
                            format!(
                                "поле «{}» относится к подразделу «{owner}» (/{}/{}/), а эта запись — «{id}»",
                                key.name, self.folder, field.part
                            ),
                        )
                        .hint(format!("перенесите его в запись «- id: {}»", field.part)),
                    );
                }
            }
        }
        check_contacts(node, out);
        Some(part)
    }

    /// What the site's regime requires of the section: for the kind that
    /// must have it, every page and every mandatory item (errors); for a
    /// site that has not said what it is but has entries, the same as
    /// warnings; nothing for the other kind. The checks across entries
    /// whatever the kind.
    pub fn check_regime(
        &self,
        kind: Option<crate::config::SiteKind>,
        entries: &[Present],
        broken: &[&str],
    ) -> Vec<Diagnostic> {
        let mut out = match kind {
            Some(k) if k == self.regime => self.check_site(true, entries, broken),
            Some(_) => Vec::new(),
            None if entries.is_empty() => Vec::new(),
            None => self.check_site(false, entries, broken),
        };
        out.extend((self.across)(entries));
        out
    }

    /// What the regime requires of the whole section: every page and every
    /// mandatory item present or marked absent — errors when `strict` (the
    /// site's kind demands the section), warnings otherwise; a page without
    /// the date of its last update is a warning either way (the law sets
    /// when to update, not that the date be shown).
    pub fn check_site(
        &self,
        strict: bool,
        entries: &[Present],
        broken: &[&str],
    ) -> Vec<Diagnostic> {
        let folder = self.folder;
        let mut out = Vec::new();
        let diag = |file: &SourceFile, pos: Pos, msg: String| {
            if strict {
                file.diag(pos.line, pos.column, msg)
            } else {
                file.warn(pos.line, pos.column, msg)
            }
        };
        for p in self.parts.iter().filter(|p| p.required) {
            if entries.iter().any(|e| e.id == p.id) || broken.contains(&p.id) {
                continue;
            }
            let msg = format!("/{folder}/{}: нет подраздела «{}»", p.id, p.title);
            let hint = format!(
                "добавьте в папку content/{folder}/ запись «- id: {}» (образец — {})",
                p.id, self.doc
            );
            let file = entries
                .first()
                .map_or(format!("content/{folder}"), |e| e.file.rel.clone());
            out.push(if strict {
                Diagnostic::error(file, msg)
                    .with_hint(format!("{hint}; раздел обязателен для {}", self.duty))
            } else {
                Diagnostic::warning(file, msg).with_hint(hint)
            });
        }
        for e in entries {
            if e.node.get("updated").is_none() {
                out.push(
                    e.file
                        .warn(
                            e.pos.line,
                            e.pos.column,
                            format!("/{folder}/{}: нет даты последнего обновления (updated)", e.id),
                        )
                        .with_hint(format!(
                            "добавьте в запись «- id: {}» поле «updated: 2026-03-01» — день, когда сведения подраздела последний раз менялись; {}",
                            e.id, self.update_rule
                        )),
                );
            }
            for field in self.fields.iter().filter(|f| f.part == e.id && f.required) {
                let value = e.node.get(field.field);
                if value.is_none_or(|v| matches!(v.value, Value::Null)) {
                    out.push(
                        diag(
                            e.file,
                            e.pos,
                            format!("/{folder}/{}: нет {} ({})", e.id, field.what, field.mark),
                        )
                        .with_hint(format!(
                            "добавьте в запись «- id: {}» поле «{}: {}», а если сведений нет — «{}: отсутствует»",
                            e.id, field.field, field.example, field.field
                        )),
                    );
                    continue;
                }
                for child in self.children.iter().filter(|c| c.field == field.field) {
                    for item in crate::types::shared::items(value) {
                        if item.as_text().is_some() {
                            continue; // a bare name or the words of absence
                        }
                        let name = ["name", "fio", "year", "post"]
                            .iter()
                            .find_map(|k| item.get(k).and_then(Node::as_text))
                            .unwrap_or_default();
                        if is_absent(&name) || item.get(child.child).is_some() {
                            continue;
                        }
                        out.push(
                            diag(
                                e.file,
                                item.pos,
                                format!(
                                    "/{folder}/{}: у «{name}» нет {} ({})",
                                    e.id, child.what, child.mark
                                ),
                            )
                            .with_hint(format!(
                                "добавьте «{}: …», а если сведений нет — «{}: отсутствует»",
                                child.child, child.child
                            )),
                        );
                    }
                }
            }
        }
        out
    }
}

impl Section {
    /// The title of the page `id`, for an entry that has no title of its own.
    pub fn title(&self, id: Option<&str>) -> Option<String> {
        self.part(id?).map(|p| p.title.to_string())
    }

    /// What an entry adds for the templates: its page's place in the
    /// regulation (for the navigation), and the date of its last update.
    pub fn computed(
        &self,
        id: Option<&str>,
        front: &crate::types::front::PageFront,
    ) -> Vec<(&'static str, String)> {
        let order = id.and_then(|id| self.parts.iter().position(|p| p.id == id));
        let mut v = vec![("order", format!("{:02}", order.unwrap_or(99)))];
        v.extend(updated_text(front));
        v
    }

    /// Every field of the entry's struct `T` but `id` belongs to exactly one
    /// page, so none escapes the checks; the children's fields exist; the
    /// ids the type fixes as slugs are the pages.
    #[cfg(test)]
    pub fn assert_covers<T: serde::de::DeserializeOwned>(&self, ids: &[&str]) {
        assert_eq!(ids, self.parts.iter().map(|p| p.id).collect::<Vec<_>>());
        for f in self.fields {
            assert!(self.part(f.part).is_some(), "{}", f.field);
        }
        for name in crate::yaml::de::struct_fields::<T>() {
            if !EVERY_PAGE.contains(name) {
                let n = self.fields.iter().filter(|f| f.field == *name).count();
                assert_eq!(n, 1, "{name}");
            }
        }
        for c in self.children {
            assert!(
                self.fields.iter().any(|f| f.field == c.field),
                "{}",
                c.field
            );
        }
    }
}

/// «Дата последнего обновления» of a page, `дд.мм.гггг` as the MR writes
/// dates: the entry's `updated`, when it names a day.
pub fn updated_text(front: &crate::types::front::PageFront) -> Option<(&'static str, String)> {
    let d = front.updated?;
    d.day?;
    Some((
        "updated_text",
        crate::ru::dates::date_numeric(d.first_day()),
    ))
}

/// An entry of an official section's folder, as the site check sees it.
pub struct Present<'a> {
    pub file: &'a SourceFile,
    pub id: &'a str,
    pub node: &'a Node,
    pub pos: Pos,
}

/// The words the MR and the clarifications prescribe where there is
/// nothing to publish: «отсутствует», «нет», «не предусмотрено», «0».
pub fn is_absent(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let t = t.trim_end_matches('.');
    matches!(
        t,
        "отсутствует" | "отсутствуют" | "нет" | "0" | "предписаний нет"
    ) || t.starts_with("не предусмотрен")
        || t.ends_with("не предусмотрена")
        || t.ends_with("не предусмотрено")
}

/// Whether a phone or an address has the MR's form, and the problem if not.
type ContactRule = (fn(&str) -> bool, fn(&str) -> Problem);

/// Every `phones` and `emails` list (`hr_phones` too) of the entry, at any depth (the
/// organisation's, a founder's, a manager's), in the MR's forms.
fn check_contacts(node: &Node, out: &mut Vec<Problem>) {
    match &node.value {
        Value::Map(entries) => {
            for (key, value) in entries {
                let check: Option<ContactRule> = match key.name.as_str() {
                    k if k == "phones" || k.ends_with("_phones") => Some((phone_ok, |p| {
                        Problem::error(Pos::default(), format!("телефон «{p}» записан не по образцу"))
                                .hint("по методическим рекомендациям телефон пишется с кодом в скобках: «(4812) 31-30-35» или «+7 (4812) 31-30-35»; несколько номеров — отдельными строками списка")
                    })),
                    k if k == "emails" || k.ends_with("_emails") => Some((email_ok, |m| {
                        Problem::error(Pos::default(), format!("«{m}» — не адрес электронной почты"))
                                .hint("адрес пишется так: «info@example.ru»; несколько адресов — отдельными строками списка")
                    })),
                    _ => None,
                };
                match check {
                    Some((ok, problem)) => {
                        for item in crate::types::shared::items(Some(value)) {
                            let Some(text) = item.as_text() else { continue };
                            if !is_absent(&text) && !ok(&text) {
                                out.push(Problem {
                                    pos: item.pos,
                                    ..problem(&text)
                                });
                            }
                        }
                    }
                    None => check_contacts(value, out),
                }
            }
        }
        Value::Seq(items) => items.iter().for_each(|i| check_contacts(i, out)),
        _ => {}
    }
}

/// «(код) номер», optionally after «+7» or «8»; digits, spaces, hyphens
/// and «доб.» after it.
fn phone_ok(p: &str) -> bool {
    let p = p.trim();
    let p = p
        .strip_prefix("+7")
        .or_else(|| p.strip_prefix('8'))
        .unwrap_or(p)
        .trim_start();
    let Some(rest) = p.strip_prefix('(') else {
        return false;
    };
    let Some((code, number)) = rest.split_once(')') else {
        return false;
    };
    let digits = number.chars().filter(char::is_ascii_digit).count();
    !code.is_empty()
        && code.chars().all(|c| c.is_ascii_digit())
        && digits >= 5
        && number
            .trim()
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .chars()
            .all(|c| c.is_ascii_digit() || " -\u{a0}доб.".contains(c))
}

fn email_ok(e: &str) -> bool {
    let e = e.trim();
    match e.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !e.contains(char::is_whitespace)
                && !host.contains('@')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(phone_ok("+7 (4812) 31-30-35"));
        assert!(phone_ok("(4812) 313035"));
        assert!(phone_ok("8 (4812) 31-30-35 доб. 12"));
        assert!(!phone_ok("31-30-35"));
        assert!(!phone_ok("+7 4812 31-30-35"));
        assert!(email_ok("cdo@example.ru"));
        assert!(!email_ok("cdo.example.ru"));
        assert!(!email_ok("cdo@example"));
        assert!(is_absent("Отсутствует"));
        assert!(is_absent("Выплата стипендий не предусмотрена"));
        assert!(!is_absent("Смоленск"));
    }
}
