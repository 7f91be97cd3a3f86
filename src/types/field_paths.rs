//! Every field path of a schema struct (`program`, `program.speakers`,
//! `program.speakers.person`), for the registry test that checks each
//! type's reference, material, talk and facet paths against its struct: a
//! typo in a path would otherwise silently turn off checking for that field.
//!
//! serde has no reflection, so the struct is deserialized from a tracer that
//! offers every field once, recording the fields of each struct it enters.
//! A field whose type cannot be traced (a date parsed from text) fails the
//! run; it is marked and skipped in the next run, until a run adds nothing.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use std::cell::RefCell;
use std::collections::BTreeSet;

#[derive(Default)]
struct Trace {
    paths: BTreeSet<String>,
    failed: BTreeSet<String>,
}

/// Tracing stopped; `marked` once the innermost field is recorded as failed.
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

/// The dotted paths of every field, nested structs included.
pub fn field_paths<T: de::DeserializeOwned>() -> BTreeSet<String> {
    let trace = RefCell::new(Trace::default());
    loop {
        let failed = trace.borrow().failed.len();
        let done = T::deserialize(Tracer {
            trace: &trace,
            path: String::new(),
        })
        .is_ok();
        if done || trace.borrow().failed.len() == failed {
            break;
        }
    }
    trace.into_inner().paths
}

struct Tracer<'t> {
    trace: &'t RefCell<Trace>,
    path: String,
}

impl<'t> Tracer<'t> {
    fn at(&self, field: &str) -> Tracer<'t> {
        Tracer {
            trace: self.trace,
            path: if self.path.is_empty() {
                field.to_string()
            } else {
                format!("{}.{field}", self.path)
            },
        }
    }
}

impl<'de> de::Deserializer<'de> for Tracer<'_> {
    type Error = Stop;
    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        self.trace.borrow_mut().failed.insert(self.path);
        Err(MARKED)
    }
    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        v.visit_bool(false)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        v.visit_u64(0)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        v.visit_u64(0)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        v.visit_i64(0)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        v.visit_f64(0.0)
    }
    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        v.visit_str("")
    }
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        v.visit_str("")
    }
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        v.visit_some(self)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Stop> {
        v.visit_seq(One(Some(self)))
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Stop> {
        let mut trace = self.trace.borrow_mut();
        let mut open = Vec::new();
        for f in fields {
            let path = self.at(f).path;
            if !trace.failed.contains(&path) {
                trace.paths.insert(path);
                open.push(*f);
            }
        }
        drop(trace);
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
        let tracer = self.tracer.at(field);
        let path = tracer.path.clone();
        seed.deserialize(tracer).map_err(|e| {
            if !e.marked {
                self.tracer.trace.borrow_mut().failed.insert(path);
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
