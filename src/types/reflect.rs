//! The shape of a schema struct, field by field: its name, whether it is a
//! list or optional, and what kind of value it holds (text, a date, a time,
//! a choice of allowed values, a nested record). The preview's editor builds
//! its forms from it; the registry test checks each type's declared paths
//! against [`field_paths`].
//!
//! serde has no reflection, so the struct is deserialized from a tracer that
//! offers every field once, recording what each field asks for. A text field
//! whose type checks the text (a date, a time, a school year) rejects the
//! empty probe; the run is repeated with the next probe of [`PROBES`] for
//! that field, and the probe it accepts names its kind. A field that accepts
//! none, or asks for anything (`deserialize_any`), is recorded as
//! [`Shape::Other`] and skipped in the next run, until a run adds nothing.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// What a field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Text,
    Number,
    Bool,
    /// One of these values.
    Choice(&'static [&'static str]),
    /// A date, possibly partial (`2022`, `2022-11`, `2022-11-17`).
    Date,
    /// `10:00` or `10:00–11:30`.
    Time,
    /// `2022-2023`.
    SchoolYear,
    /// A nested struct with its fields.
    Record(Vec<Field>),
    /// Anything the tracer cannot describe (a value of several forms).
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub shape: Shape,
    /// A list of such values.
    pub list: bool,
    /// Written as an `Option`: the value may be absent.
    pub optional: bool,
    /// For a record that may be written as one string (`speakers:
    /// [vasinova-nd]`, a struct named `@person`): the field it stands for.
    pub short: Option<&'static str>,
}

/// Text probes in order, with the kind of value that accepts each first.
const PROBES: &[(&str, Shape)] = &[
    ("", Shape::Text),
    ("2022-11-17", Shape::Date),
    ("10:00", Shape::Time),
    ("2022-2023", Shape::SchoolYear),
];

#[derive(Default, Debug)]
struct Info {
    list: bool,
    optional: bool,
    shape: Option<Shape>,
    /// A struct's fields, in order.
    fields: Option<Vec<&'static str>>,
    short: Option<&'static str>,
}

#[derive(Default)]
struct Trace {
    info: BTreeMap<String, Info>,
    failed: BTreeSet<String>,
    /// The probe a text field gets next.
    probe: BTreeMap<String, usize>,
    changed: bool,
}

/// Tracing stopped; `marked` once the innermost field is dealt with.
#[derive(Debug)]
struct Stop {
    marked: bool,
}

const MARKED: Stop = Stop { marked: true };

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("untraceable")
    }
}
impl std::error::Error for Stop {}
impl de::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Stop {
        Stop { marked: false }
    }
}

/// The fields of `T`, nested records included.
pub fn fields<T: de::DeserializeOwned>() -> Vec<Field> {
    let trace = RefCell::new(Trace::default());
    loop {
        trace.borrow_mut().changed = false;
        let done = T::deserialize(Tracer {
            trace: &trace,
            path: String::new(),
        })
        .is_ok();
        if done || !trace.borrow().changed {
            break;
        }
    }
    let trace = trace.into_inner();
    tree(&trace, "")
}

fn tree(trace: &Trace, path: &str) -> Vec<Field> {
    let Some(names) = trace.info.get(path).and_then(|i| i.fields.as_ref()) else {
        return Vec::new();
    };
    names
        .iter()
        .map(|name| {
            let p = join(path, name);
            let info = trace.info.get(&p);
            let shape = match info {
                _ if trace.failed.contains(&p) => Shape::Other,
                Some(Info {
                    fields: Some(_), ..
                }) => Shape::Record(tree(trace, &p)),
                Some(Info { shape: Some(s), .. }) => s.clone(),
                _ => Shape::Other,
            };
            Field {
                name,
                shape,
                list: info.is_some_and(|i| i.list),
                optional: info.is_some_and(|i| i.optional),
                short: info.and_then(|i| i.short),
            }
        })
        .collect()
}

/// Every dotted field path (`program.speakers.person`).
#[cfg(test)]
pub fn field_paths<T: de::DeserializeOwned>() -> BTreeSet<String> {
    fn walk(fields: &[Field], prefix: &str, out: &mut BTreeSet<String>) {
        for f in fields {
            let p = join(prefix, f.name);
            if let Shape::Record(inner) = &f.shape {
                walk(inner, &p, out);
            }
            out.insert(p);
        }
    }
    let mut out = BTreeSet::new();
    walk(&fields::<T>(), "", &mut out);
    out
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

struct Tracer<'t> {
    trace: &'t RefCell<Trace>,
    path: String,
}

impl Tracer<'_> {
    fn info(&self) -> std::cell::RefMut<'_, Info> {
        std::cell::RefMut::map(self.trace.borrow_mut(), |t| {
            t.info.entry(self.path.clone()).or_default()
        })
    }
    fn leaf(&self, shape: Shape) {
        self.info().shape = Some(shape);
    }
}

impl<'de> de::Deserializer<'de> for Tracer<'_> {
    type Error = Stop;
    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        let mut t = self.trace.borrow_mut();
        t.changed |= t.failed.insert(self.path);
        Err(MARKED)
    }
    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        self.leaf(Shape::Bool);
        v.visit_bool(false)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        self.leaf(Shape::Number);
        v.visit_u64(0)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        self.leaf(Shape::Number);
        v.visit_u64(0)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        self.leaf(Shape::Number);
        v.visit_i64(0)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        self.leaf(Shape::Number);
        v.visit_f64(0.0)
    }
    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        self.deserialize_string(v)
    }
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        let k = self.trace.borrow().probe.get(&self.path).copied();
        let (text, shape) = &PROBES[k.unwrap_or(0).min(PROBES.len() - 1)];
        self.leaf(shape.clone());
        v.visit_str(text)
    }
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        self.info().optional = true;
        v.visit_some(self)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        self.info().list = true;
        v.visit_seq(One(Some(self)))
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Stop> {
        self.info().short = name.strip_prefix('@');
        let open: Vec<&'static str> = {
            let t = self.trace.borrow();
            fields
                .iter()
                .copied()
                .filter(|f| !t.failed.contains(&join(&self.path, f)))
                .collect()
        };
        self.info().fields = Some(fields.to_vec());
        v.visit_map(Fields {
            tracer: self,
            fields: open,
            next: 0,
        })
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Stop> {
        self.leaf(Shape::Choice(variants));
        v.visit_enum(Variant(variants.first().copied().unwrap_or_default()))
    }
    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u16 u128 f32 char bytes byte_buf unit unit_struct
        newtype_struct tuple tuple_struct map identifier ignored_any
    }
}

/// A list of one traced item.
struct One<'t>(Option<Tracer<'t>>);

impl<'de> de::SeqAccess<'de> for One<'_> {
    type Error = Stop;
    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Stop> {
        self.0.take().map(|t| seed.deserialize(t)).transpose()
    }
}

struct Fields<'t> {
    tracer: Tracer<'t>,
    fields: Vec<&'static str>,
    next: usize,
}

impl<'de> de::MapAccess<'de> for Fields<'_> {
    type Error = Stop;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Stop> {
        match self.fields.get(self.next) {
            Some(f) => seed.deserialize(f.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Stop> {
        let field = self.fields[self.next];
        self.next += 1;
        let path = join(&self.tracer.path, field);
        let tracer = Tracer {
            trace: self.tracer.trace,
            path: path.clone(),
        };
        seed.deserialize(tracer).map_err(|e| {
            if !e.marked {
                // The field's own check refused the probe: try the next one.
                let mut t = self.tracer.trace.borrow_mut();
                let probed = matches!(
                    t.info.get(&path).and_then(|i| i.shape.as_ref()),
                    Some(Shape::Text | Shape::Date | Shape::Time | Shape::SchoolYear)
                );
                let next = t.probe.get(&path).map_or(1, |k| k + 1);
                if probed && next < PROBES.len() {
                    t.probe.insert(path, next);
                    t.changed = true;
                } else {
                    t.changed |= t.failed.insert(path);
                }
            }
            MARKED
        })
    }
}

struct Variant(&'static str);

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Stop;
    type Variant = Variant;
    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Variant), Stop> {
        let d: de::value::StrDeserializer<Stop> = self.0.into_deserializer();
        Ok((seed.deserialize(d)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant {
    type Error = Stop;
    fn unit_variant(self) -> Result<(), Stop> {
        Ok(())
    }
    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, _: S) -> Result<S::Value, Stop> {
        Err(Stop { marked: false })
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Stop> {
        Err(Stop { marked: false })
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        Err(Stop { marked: false })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{event::Event, front::PageFront, practice::Practice};

    fn field<'a>(fields: &'a [Field], name: &str) -> &'a Field {
        fields.iter().find(|f| f.name == name).expect(name)
    }

    #[test]
    fn kinds_of_values_are_recognised() {
        let event = fields::<Event>();
        assert_eq!(field(&event, "title").shape, Shape::Text);
        assert!(!field(&event, "title").optional);
        assert_eq!(field(&event, "time").shape, Shape::Time);
        assert!(field(&event, "time").optional);
        assert_eq!(field(&event, "end_date").shape, Shape::Date);
        let organisers = field(&event, "organisers");
        assert!(organisers.list && organisers.shape == Shape::Text);
        let Shape::Record(items) = &field(&event, "program").shape else {
            panic!("program is a list of records");
        };
        assert!(field(&event, "program").list);
        assert_eq!(field(items, "time").shape, Shape::Time);
        // A speaker written as one string is a person of the directory.
        assert_eq!(field(items, "speakers").short, Some("person"));
        assert_eq!(field(items, "time").short, None);
        let practice = fields::<Practice>();
        assert!(
            matches!(field(&practice, "level").shape, Shape::Choice(v) if v.contains(&"школьная"))
        );
        let levels = field(&practice, "education_levels");
        assert!(levels.list && matches!(levels.shape, Shape::Choice(v) if v.contains(&"НОО")));
        let front = fields::<PageFront>();
        assert_eq!(field(&front, "date").shape, Shape::Date);
        assert_eq!(field(&front, "draft").shape, Shape::Bool);
    }
}
