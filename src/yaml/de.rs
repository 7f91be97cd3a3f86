//! A serde `Deserializer` over positioned YAML nodes. Compared with
//! deserializing straight from text it (1) reports *every* unknown field of a
//! struct, each with a suggestion, instead of stopping at the first, (2) gives
//! every error the line and column of the offending node, and (3) phrases type
//! errors in plain Russian.

use super::node::{Node, Pos, Value};
use crate::suggest::did_you_mean;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::cell::RefCell;
use std::fmt;

/// One problem found in a YAML node.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub pos: Option<Pos>,
    pub message: String,
    pub hint: Option<String>,
    /// The required field whose absence this is.
    pub missing: Option<&'static str>,
}

impl FieldError {
    fn or_at(mut self, pos: Pos) -> Self {
        self.pos.get_or_insert(pos);
        self
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FieldError {}

impl de::Error for FieldError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        FieldError {
            pos: None,
            message: msg.to_string(),
            hint: None,
            missing: None,
        }
    }
    fn missing_field(field: &'static str) -> Self {
        FieldError {
            missing: Some(field),
            ..Self::custom(format!("не хватает обязательного поля «{field}»"))
        }
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let hint = did_you_mean(variant, expected.iter().copied()).unwrap_or_else(|| {
            format!(
                "допустимые значения: {}",
                expected
                    .iter()
                    .map(|e| format!("«{e}»"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        });
        FieldError {
            pos: None,
            message: format!("недопустимое значение «{variant}»"),
            hint: Some(hint),
            missing: None,
        }
    }
    /// serde's words for what was expected are English, so only what was
    /// found is named; the node's own checks say what is wanted.
    fn invalid_type(unexp: de::Unexpected, _: &dyn de::Expected) -> Self {
        use de::Unexpected as U;
        let found = match unexp {
            U::Bool(_) => "да/нет".to_string(),
            U::Unsigned(_) | U::Signed(_) => "целое число".to_string(),
            U::Float(_) => "дробное число".to_string(),
            U::Char(c) => format!("текст «{c}»"),
            U::Str(s) => format!("текст «{s}»"),
            U::Unit | U::Option => "пустое значение".to_string(),
            U::Seq => "список".to_string(),
            U::Map => "набор полей".to_string(),
            _ => "значение другого вида".to_string(),
        };
        FieldError {
            pos: None,
            message: format!("значение такого вида здесь не подходит: указано {found}"),
            hint: Some(
                "сравните с примером в справке (docs/content-model.md) или с соседними записями"
                    .into(),
            ),
            missing: None,
        }
    }
}

/// Which fields a struct may have besides its own: a page's front matter is
/// read twice (common fields, then the fields of its content type) and each
/// pass must accept the other's fields without calling them unknown.
struct Ctx<'a> {
    also_known: &'a [&'a str],
    check_unknown: bool,
    unknown: RefCell<Vec<FieldError>>,
    /// Fields an unknown one was taken for (`titel` → `title`): their
    /// absence is the same mistake, reported once.
    suggested: RefCell<Vec<&'static str>>,
}

/// Deserializes `T` from `node`, collecting all unknown fields (when
/// `check_unknown`) and the first type error.
pub fn from_node<T: de::DeserializeOwned>(
    node: &Node,
    also_known: &[&str],
    check_unknown: bool,
) -> Result<T, Vec<FieldError>> {
    let ctx = Ctx {
        also_known,
        check_unknown,
        unknown: RefCell::new(Vec::new()),
        suggested: RefCell::new(Vec::new()),
    };
    let result = T::deserialize(NodeDe {
        node,
        ctx: &ctx,
        depth: 0,
    });
    let mut errors = ctx.unknown.into_inner();
    match result {
        Ok(v) if errors.is_empty() => Ok(v),
        Ok(_) => Err(errors),
        Err(e) => {
            let misspelt = ctx.suggested.borrow().iter().any(|f| e.missing == Some(*f));
            if !misspelt || errors.is_empty() {
                errors.push(e.or_at(node.pos));
            }
            Err(errors)
        }
    }
}

struct NodeDe<'a> {
    node: &'a Node,
    ctx: &'a Ctx<'a>,
    depth: usize,
}

impl<'a> NodeDe<'a> {
    fn child(&self, node: &'a Node) -> NodeDe<'a> {
        NodeDe {
            node,
            ctx: self.ctx,
            depth: self.depth + 1,
        }
    }

    fn mismatch(&self, expected: &str) -> FieldError {
        FieldError {
            pos: Some(self.node.pos),
            message: format!("ожидалось {expected}, а указано: {}", self.node.kind_ru()),
            hint: None,
            missing: None,
        }
    }

    fn at<T>(&self, r: Result<T, FieldError>) -> Result<T, FieldError> {
        r.map_err(|e| e.or_at(self.node.pos))
    }
}

macro_rules! int_method {
    ($name:ident, $visit:ident, $ty:ty) => {
        fn $name<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
            match &self.node.value {
                Value::Int(i) => match <$ty>::try_from(*i) {
                    Ok(n) => self.at(v.$visit(n)),
                    Err(_) => Err(self.mismatch("число поменьше")),
                },
                _ => Err(self.mismatch("целое число")),
            }
        }
    };
}

impl<'de, 'a> de::Deserializer<'de> for NodeDe<'a> {
    type Error = FieldError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        let r = match &self.node.value {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(*b),
            Value::Int(i) => v.visit_i64(*i),
            Value::Float(f) => v.visit_f64(*f),
            Value::Str(s) => v.visit_str(s),
            Value::Seq(items) => v.visit_seq(Seq {
                items: items.iter(),
                de: &self,
            }),
            Value::Map(entries) => v.visit_map(Map {
                entries: entries.iter().collect::<Vec<_>>().into_iter(),
                value: None,
                de: &self,
            }),
        };
        self.at(r)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        match &self.node.value {
            Value::Bool(b) => self.at(v.visit_bool(*b)),
            _ => Err(self.mismatch("да или нет (true или false)")),
        }
    }

    int_method!(deserialize_i8, visit_i8, i8);
    int_method!(deserialize_i16, visit_i16, i16);
    int_method!(deserialize_i32, visit_i32, i32);
    int_method!(deserialize_i64, visit_i64, i64);
    int_method!(deserialize_u8, visit_u8, u8);
    int_method!(deserialize_u16, visit_u16, u16);
    int_method!(deserialize_u32, visit_u32, u32);
    int_method!(deserialize_u64, visit_u64, u64);

    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        self.deserialize_f64(v)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        match &self.node.value {
            Value::Int(i) => self.at(v.visit_f64(*i as f64)),
            Value::Float(f) => self.at(v.visit_f64(*f)),
            _ => Err(self.mismatch("число (дробная часть через точку: 14.5)")),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        self.deserialize_str(v)
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        match self.node.as_text() {
            Some(text) => self.at(v.visit_string(text)),
            None => Err(self.mismatch("текст")),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        self.deserialize_str(v)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        self.deserialize_str(v)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        self.deserialize_str(v)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        match &self.node.value {
            Value::Null => self.at(v.visit_none()),
            _ => {
                let pos = self.node.pos;
                v.visit_some(self).map_err(|e| e.or_at(pos))
            }
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        match &self.node.value {
            Value::Null => self.at(v.visit_unit()),
            _ => Err(self.mismatch("пустое значение")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, FieldError> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, FieldError> {
        let pos = self.node.pos;
        v.visit_newtype_struct(self).map_err(|e| e.or_at(pos))
    }

    /// A single value where a list is expected is read as a list of one:
    /// authors write `speakers: vasinova` as often as `speakers: [vasinova]`.
    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        let r = match &self.node.value {
            Value::Seq(items) => v.visit_seq(Seq {
                items: items.iter(),
                de: &self,
            }),
            Value::Null => v.visit_seq(Seq {
                items: [].iter(),
                de: &self,
            }),
            _ => v.visit_seq(Seq {
                items: std::slice::from_ref(self.node).iter(),
                de: &self,
            }),
        };
        self.at(r)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, FieldError> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        v: V,
    ) -> Result<V::Value, FieldError> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        match &self.node.value {
            Value::Map(entries) => {
                let r = v.visit_map(Map {
                    entries: entries.iter().collect::<Vec<_>>().into_iter(),
                    value: None,
                    de: &self,
                });
                self.at(r)
            }
            Value::Null => self.at(v.visit_map(Map {
                entries: Vec::new().into_iter(),
                value: None,
                de: &self,
            })),
            _ => Err(self.mismatch("набор полей («поле: значение»)")),
        }
    }

    /// A struct named `@field` (`#[serde(rename = "@person")]`) also accepts
    /// a single scalar, read as that field: the content model lets authors
    /// write `speakers: [vasinova-nd]` for `speakers: [{person: vasinova-nd}]`.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, FieldError> {
        if name == AT {
            let pos = self.node.pos;
            return v.visit_map(AtAccess {
                step: 0,
                line: pos.line as u64,
                column: pos.column as u64,
                de: Some(self),
            });
        }
        if let (Some(field), Some(_)) = (name.strip_prefix('@'), self.node.as_text()) {
            let entry = (
                super::node::Key {
                    name: field.to_string(),
                    pos: self.node.pos,
                },
                self.node.clone(),
            );
            let de = NodeDe {
                node: self.node,
                ctx: self.ctx,
                depth: self.depth,
            };
            let r = v.visit_map(Map {
                entries: vec![&entry].into_iter(),
                value: None,
                de: &de,
            });
            return self.at(r);
        }
        let entries = match &self.node.value {
            Value::Map(entries) => entries,
            Value::Null => &Vec::new(),
            _ => return Err(self.mismatch("набор полей («поле: значение»)")),
        };
        let extra: &[&str] = if self.depth == 0 {
            self.ctx.also_known
        } else {
            &[]
        };
        let mut known = Vec::with_capacity(entries.len());
        for entry @ (key, _) in entries {
            let name = key.name.as_str();
            if fields.contains(&name) {
                known.push(entry);
            } else if !extra.contains(&name) && self.ctx.check_unknown {
                let candidates = fields.iter().chain(extra.iter()).copied();
                if let Some(f) = crate::suggest::closest(name, fields.iter().copied()) {
                    self.ctx.suggested.borrow_mut().push(f);
                }
                self.ctx.unknown.borrow_mut().push(FieldError {
                    pos: Some(key.pos),
                    message: format!("неизвестное поле «{name}»"),
                    hint: did_you_mean(name, candidates),
                    missing: None,
                });
            }
        }
        let r = v.visit_map(Map {
            entries: known.into_iter(),
            value: None,
            de: &self,
        });
        self.at(r)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, FieldError> {
        match &self.node.value {
            Value::Str(s) => {
                let d: de::value::StrDeserializer<FieldError> = s.as_str().into_deserializer();
                self.at(v.visit_enum(d))
            }
            Value::Map(entries) if entries.len() == 1 => {
                let (key, value) = &entries[0];
                let r = v.visit_enum(Enum {
                    variant: &key.name,
                    de: self.child(value),
                });
                self.at(r)
            }
            _ => Err(self.mismatch("одно из допустимых значений")),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        self.deserialize_str(v)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, FieldError> {
        v.visit_unit()
    }
}

struct Seq<'a, 'b> {
    items: std::slice::Iter<'a, Node>,
    de: &'b NodeDe<'a>,
}

impl<'de, 'a, 'b> SeqAccess<'de> for Seq<'a, 'b> {
    type Error = FieldError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, FieldError> {
        match self.items.next() {
            Some(node) => seed
                .deserialize(self.de.child(node))
                .map(Some)
                .map_err(|e| e.or_at(node.pos)),
            None => Ok(None),
        }
    }
}

type Entry<'a> = &'a (super::node::Key, Node);

struct Map<'a, 'b> {
    entries: std::vec::IntoIter<Entry<'a>>,
    value: Option<&'a Node>,
    de: &'b NodeDe<'a>,
}

impl<'de, 'a, 'b> MapAccess<'de> for Map<'a, 'b> {
    type Error = FieldError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, FieldError> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                let d: de::value::StrDeserializer<FieldError> =
                    key.name.as_str().into_deserializer();
                seed.deserialize(d).map(Some).map_err(|e| e.or_at(key.pos))
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, FieldError> {
        let node = self.value.take().expect("value requested before its key");
        seed.deserialize(self.de.child(node))
            .map_err(|e| e.or_at(node.pos))
    }
}

struct Enum<'a, 's> {
    variant: &'s str,
    de: NodeDe<'a>,
}

impl<'de, 'a, 's> de::EnumAccess<'de> for Enum<'a, 's> {
    type Error = FieldError;
    type Variant = NodeDe<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, NodeDe<'a>), FieldError> {
        let d: de::value::StrDeserializer<FieldError> = self.variant.into_deserializer();
        Ok((seed.deserialize(d)?, self.de))
    }
}

impl<'de, 'a> de::VariantAccess<'de> for NodeDe<'a> {
    type Error = FieldError;

    fn unit_variant(self) -> Result<(), FieldError> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, FieldError> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, FieldError> {
        de::Deserializer::deserialize_seq(self, v)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, FieldError> {
        de::Deserializer::deserialize_struct(self, "", fields, v)
    }
}

/// The struct name by which [`At`] asks [`NodeDe`] for its node's place.
const AT: &str = "$metodist::At";

/// A value with the place of its node in the file, for checks that come
/// after deserializing (a table cell that is not a number).
#[derive(Debug, Clone)]
pub struct At<T> {
    pub value: T,
    pub pos: Pos,
}

impl<'de, T: de::Deserialize<'de>> de::Deserialize<'de> for At<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AtVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: de::Deserialize<'de>> Visitor<'de> for AtVisitor<T> {
            type Value = At<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a positioned value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<At<T>, A::Error> {
                let line = map.next_entry::<de::IgnoredAny, u64>()?.map_or(0, |e| e.1);
                let column = map.next_entry::<de::IgnoredAny, u64>()?.map_or(0, |e| e.1);
                let value = match map.next_entry::<de::IgnoredAny, T>()? {
                    Some((_, v)) => v,
                    None => return Err(de::Error::missing_field("value")),
                };
                Ok(At {
                    value,
                    pos: Pos {
                        line: line as usize,
                        column: column as usize,
                    },
                })
            }
        }
        d.deserialize_struct(
            AT,
            &["line", "column", "value"],
            AtVisitor(std::marker::PhantomData),
        )
    }
}

/// The three entries of an [`At`]: line, column, then the node itself.
struct AtAccess<'a> {
    step: u8,
    line: u64,
    column: u64,
    de: Option<NodeDe<'a>>,
}

impl<'de> MapAccess<'de> for AtAccess<'_> {
    type Error = FieldError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, FieldError> {
        let key = match self.step {
            0 => "line",
            1 => "column",
            2 => "value",
            _ => return Ok(None),
        };
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, FieldError> {
        self.step += 1;
        match self.step {
            1 => seed.deserialize(self.line.into_deserializer()),
            2 => seed.deserialize(self.column.into_deserializer()),
            _ => seed.deserialize(self.de.take().expect("the value once")),
        }
    }
}

/// The field names of a struct, as serde sees them: content types pass the
/// common page fields to `from_node`'s `also_known` without copying a list.
pub fn struct_fields<T: de::DeserializeOwned>() -> &'static [&'static str] {
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> de::Deserializer<'de> for Probe<'_> {
        type Error = FieldError;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, FieldError> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, FieldError> {
            *self.0 = fields;
            Err(de::Error::custom("probed"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename = "@person")]
    struct Speaker {
        person: Option<String>,
        #[serde(default)]
        position: Option<String>,
    }

    #[test]
    fn shorthand_scalar_reads_as_named_field() {
        let node = crate::yaml::parse(
            "- vasinova-nd\n- {person: zhoikin-sa, position: директор}\n- {persn: x}\n",
        )
        .unwrap();
        let errors = from_node::<Vec<Speaker>>(&node, &[], true).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "неизвестное поле «persn»");
        assert_eq!(errors[0].pos, Some(Pos { line: 3, column: 4 }));
        let node =
            crate::yaml::parse("- vasinova-nd\n- {person: zhoikin-sa, position: директор}\n")
                .unwrap();
        let list: Vec<Speaker> = from_node(&node, &[], true).unwrap();
        assert_eq!(list[0].person.as_deref(), Some("vasinova-nd"));
        assert_eq!(list[1].position.as_deref(), Some("директор"));
    }

    #[test]
    fn struct_fields_lists_serde_names() {
        assert_eq!(struct_fields::<Speaker>(), &["person", "position"]);
    }
}
