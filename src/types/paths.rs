//! The path syntax of [`super::RefSpec`], [`super::Facet`] and the material
//! and talk lists: where in an entry a declared field sits.

/// One step of a [`crate::types::RefSpec`] path: `name`, `name[]` (a list whose
/// items are named by their `title` in back-references), `name[field]`
/// (named by `field`), `name[#]` (programme items: named by their title and
/// linked at their talk anchor), each optionally `>key`.
pub struct Seg<'p> {
    pub name: &'p str,
    pub list: bool,
    /// The item field that names an item of a list.
    pub named_by: &'p str,
    /// Items are talks of a programme.
    pub talks: bool,
    pub key: Option<&'p str>,
}

pub fn segments(path: &str) -> Vec<Seg<'_>> {
    path.split('.')
        .map(|s| {
            let (s, key) = match s.split_once('>') {
                Some((s, k)) => (s, Some(k)),
                None => (s, None),
            };
            let (name, inside) = match s.split_once('[') {
                Some((name, rest)) => (name, Some(rest.trim_end_matches(']'))),
                None => (s, None),
            };
            let named_by = match inside {
                Some("") | Some("#") | None => "title",
                Some(field) => field,
            };
            Seg {
                name,
                list: inside.is_some(),
                named_by,
                talks: inside == Some("#"),
                key,
            }
        })
        .collect()
}

/// The fields a path steps through, outermost first, for the registry test
/// that checks paths against the types' structs.
#[cfg(test)]
pub fn path_fields(path: &str) -> Vec<(&str, Option<&str>, Option<&str>)> {
    segments(path)
        .into_iter()
        .map(|s| {
            let named_by = (s.list && !s.talks && s.named_by != "title").then_some(s.named_by);
            (s.name, named_by, s.key)
        })
        .collect()
}
