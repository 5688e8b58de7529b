//! Python objects read straight into a decision, as serde reads text: no
//! JSON value in between, strings borrowed from Python where it can.
//!
//! This is the fast way for the common case only: dicts with string keys,
//! lists, tuples, str, int (64-bit), finite float, bool and None, within the
//! depth limit. Anything else (numpy numbers, big integers, NaN, other
//! keys, a runaway or self-referencing structure, any decision error) makes
//! it give up, and the decision is read the long way (`from_py`, then the
//! core's `Decision::from_value`), which finds and words the problem. So
//! both ways accept the same objects and read them alike; the Python tests
//! check that on every decision of the test corpora (`read_decision`).
//!
//! The compact evaluation goes further: the same deserializer drives the
//! core's direct reader (`deserializer`), which binds ids to indices as it
//! reads, with no `Decision` at all (see `evaluation.rs`).

use ennakko::Decision;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use crate::Bounds;

/// Reads a decision from a Python object the fast way; `None` where the
/// long way must (see the module's comment). The caller has checked its
/// size and depth with `measure`, as for the long way; the depth is checked
/// again on the way down, as the long way does.
pub(crate) fn decision(obj: &Bound<'_, PyAny>, bounds: Bounds) -> Option<Decision> {
    let level = Level { depth: 1, max_depth: bounds.max_depth };
    Decision::deserialize(Object { obj: obj.clone(), level }).ok()
}

/// A deserializer over a Python object, for the core's direct reader
/// (`Checklist::bind_from`), which reads a dict straight into a checklist's
/// indexed form. The caller has measured the object with `measure`; the
/// depth is checked again on the way down.
pub(crate) fn deserializer<'py>(obj: &Bound<'py, PyAny>, bounds: Bounds) -> impl de::Deserializer<'static> + 'py {
    Object { obj: obj.clone(), level: Level { depth: 1, max_depth: bounds.max_depth } }
}

/// Why the fast way gave up; the long way says why, so nothing is kept.
#[derive(Debug)]
pub(crate) struct GiveUp;

impl std::fmt::Display for GiveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("read the long way")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<T: std::fmt::Display>(_: T) -> GiveUp {
        GiveUp
    }
}

/// One Python object at a level of the document (1 for the whole). As the
/// core measures decisions, every value is a level, scalars included.
struct Object<'py> {
    obj: Bound<'py, PyAny>,
    level: Level,
}

/// How deep an object lies, and how deep objects may lie.
#[derive(Clone, Copy)]
struct Level {
    depth: usize,
    max_depth: usize,
}

impl Level {
    fn below(self) -> Self {
        Level { depth: self.depth + 1, ..self }
    }

    fn check(self) -> Result<(), GiveUp> {
        if self.depth > self.max_depth { Err(GiveUp) } else { Ok(()) }
    }
}

impl<'de> de::Deserializer<'de> for Object<'_> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.level.check()?;
        let obj = &self.obj;
        if obj.is_none() {
            return visitor.visit_unit();
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return visitor.visit_bool(b.is_true());
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return visitor.visit_str(s.to_str().map_err(|_| GiveUp)?);
        }
        if obj.cast::<PyInt>().is_ok() {
            // As the long way reads integers, and as a JSON value then hands
            // them on: unsigned when not negative, past 64 bits a float.
            if let Ok(i) = obj.extract::<i64>() {
                return match u64::try_from(i) {
                    Ok(u) => visitor.visit_u64(u),
                    Err(_) => visitor.visit_i64(i),
                };
            }
            if let Ok(u) = obj.extract::<u64>() {
                return visitor.visit_u64(u);
            }
            let f: f64 = obj.extract().map_err(|_| GiveUp)?;
            return if f.is_finite() { visitor.visit_f64(f) } else { Err(GiveUp) };
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            let f = f.value();
            return if f.is_finite() { visitor.visit_f64(f) } else { Err(GiveUp) };
        }
        let below = self.level.below();
        if let Ok(dict) = obj.cast::<PyDict>() {
            return visitor.visit_map(Entries { items: dict.iter(), value: None, level: below });
        }
        // Exactly list and tuple: a subclass may iterate otherwise than its
        // items, and the long way iterates.
        if let Ok(list) = obj.cast_exact::<PyList>() {
            return visitor.visit_seq(Items { items: list.iter().collect::<Vec<_>>().into_iter(), level: below });
        }
        if let Ok(tuple) = obj.cast_exact::<PyTuple>() {
            return visitor.visit_seq(Items { items: tuple.iter().collect::<Vec<_>>().into_iter(), level: below });
        }
        Err(GiveUp)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.level.check()?;
        if self.obj.is_none() { visitor.visit_none() } else { visitor.visit_some(self) }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        // The decision's enums are plain words (`kind: proposal`).
        self.level.check()?;
        let s = self.obj.cast::<PyString>().map_err(|_| GiveUp)?;
        visitor.visit_enum(s.to_str().map_err(|_| GiveUp)?.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// The items of a list or tuple, one level down.
struct Items<'py> {
    items: std::vec::IntoIter<Bound<'py, PyAny>>,
    level: Level,
}

impl<'de> de::SeqAccess<'de> for Items<'_> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, GiveUp> {
        match self.items.next() {
            Some(obj) => seed.deserialize(Object { obj, level: self.level }).map(Some),
            None => Ok(None),
        }
    }
}

/// The entries of a dict: keys as words, values one level down.
struct Entries<'py> {
    items: pyo3::types::iter::BoundDictIterator<'py>,
    value: Option<Bound<'py, PyAny>>,
    level: Level,
}

impl<'de> de::MapAccess<'de> for Entries<'_> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, GiveUp> {
        let Some((key, value)) = self.items.next() else { return Ok(None) };
        let key = key.cast_into::<PyString>().map_err(|_| GiveUp)?;
        self.value = Some(value);
        seed.deserialize(key.to_str().map_err(|_| GiveUp)?.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GiveUp> {
        let obj = self.value.take().ok_or(GiveUp)?;
        seed.deserialize(Object { obj, level: self.level })
    }
}
