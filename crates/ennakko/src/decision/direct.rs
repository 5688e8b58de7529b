//! Decisions read straight into the bound form, for the compact
//! evaluation: group, domain, question and level ids are turned into
//! indices as they are read, answers are typed by their question as they
//! are read, and no [`Decision`](super::Decision) of strings is built in
//! between (about 900 strings per dense decision, most of the cost of
//! evaluating one).
//!
//! The reader is a serde seed, so any deserializer drives it: `serde_json`
//! over JSON text ([`crate::Checklist::evaluate_str`]), and the Python
//! binding's deserializer over dicts. It is all or nothing: the first thing
//! it does not take (a wrong type, an unknown id, a duplicate, a limit, a
//! struct written as a list, anything the long way would refuse or that it
//! was not written for) makes it give up, and the decision is read the long
//! way (`Decision` then `bind`), which finds and words every problem with
//! its code and JSON path. So the errors are the long way's by
//! construction, and whatever it takes binds exactly as the long way binds
//! (checked by `direct_reading_binds_as_the_long_way` on generated
//! decisions and by `direct_evaluation_agrees` in `tests/api.rs` on every
//! decision file of the repository).

use std::sync::Arc;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{
    AlternativeKind, Binder, Bound, BoundAlternative, BoundCell, Direction, LocalText, Organisation, bracket_depth,
    record, some_value, unique_values, value_depth,
};
use crate::checklist::model::{FastSet, Model, NationalLanguage, QuestionKind, ScaleId, Screening, Value};
use crate::diagnostic::Collector;
use crate::limits::Limits;

/// A decision read straight into a checklist's indexed form (see
/// [`crate::Checklist::bind_json`] and [`crate::Checklist::bind_from`]),
/// ready to evaluate with that checklist, which it keeps.
///
/// ```
/// let checklist = ennakko::Checklist::standard("eva").unwrap();
/// let text = r#"{"id": "x", "title": "T", "alternatives": [{"id": "p", "kind": "proposal"}]}"#;
/// let bound = checklist.bind_json(text).unwrap();
/// assert_eq!(bound.id(), "x");
/// assert_eq!(bound.evaluate().unwrap().verdict, ennakko::checklist::model::VerdictLevel::None);
/// ```
#[derive(Debug, Clone)]
pub struct BoundDecision {
    pub(crate) checklist: crate::Checklist,
    pub(crate) bound: Bound,
}

impl BoundDecision {
    /// The decision's id.
    pub fn id(&self) -> &str {
        &self.bound.id
    }

    /// Evaluates the decision into the compact result, as
    /// [`crate::Checklist::evaluate`] does; the errors are those of the
    /// evaluation (the step limit), as the decision is already bound.
    pub fn evaluate(&self) -> Result<crate::eval::evaluation::Evaluation, crate::Error> {
        let model = &self.checklist.model;
        let outcome = crate::eval::evaluate(model, &self.bound, &self.checklist.limits, false)?;
        Ok(crate::eval::evaluation::summarize(model, &self.bound, &outcome))
    }
}

/// Why the direct reader gave up; the long way says why, so nothing is kept.
#[derive(Debug)]
pub(crate) struct GiveUp;

impl std::fmt::Display for GiveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("read the long way")
    }
}

/// JSON text read straight into the bound form; `None` where the long way
/// must read it. The same guards as the fast JSON path of
/// [`super::Decision::from_str`]: within the size limit, one bracket short
/// of the depth limit, an object.
pub(crate) fn bind_json(model: &Model, text: &str, limits: &Limits) -> Option<Bound> {
    if text.len() > limits.max_decision_bytes {
        return None;
    }
    // The depth limit: the reader's own structure never nests deeper than
    // `FIXED_DEPTH`, and it measures the free values (`facts`, `meta`) it
    // reads, so the bracket pre-scan (a fifth of reading a dense decision)
    // is needed only under a limit that low. serde_json stops runaway
    // nesting on its own (128 levels), and the reader then gives up.
    if limits.max_decision_depth < FIXED_DEPTH && bracket_depth(text) >= limits.max_decision_depth {
        return None;
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !body.trim_start_matches([' ', '\t', '\n', '\r']).starts_with('{') {
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(body);
    let bound = Reader { model, limits }.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(bound)
}

/// A decision from any deserializer read straight into the bound form;
/// `None` where the long way must read it. The caller bounds the input's
/// size and depth first, as for the long way.
pub(crate) fn bind_from<'de, D: Deserializer<'de>>(model: &Model, limits: &Limits, d: D) -> Option<Bound> {
    Reader { model, limits }.deserialize(d).ok()
}

/// Deeper than any typed part of a decision reaches: a follow-up's
/// outcome's fields lie at level 8 (decision 1, alternatives 2, an
/// alternative 3, impacts 4, a cell 5, its follow-up 6, the outcome 7);
/// a unit variant written as a map (`{"zero": null}`) adds one level at
/// most. Only free values (`facts`, `meta`) go deeper, and
/// [`Reader`] measures those.
const FIXED_DEPTH: usize = 10;

/// The whole decision.
#[derive(Clone, Copy)]
struct Reader<'a> {
    model: &'a Model,
    limits: &'a Limits,
}

/// The fields of a decision, an alternative and a cell, as the derived
/// readers of [`super::Decision`] know them (`deny_unknown_fields`).
const DECISION_FIELDS: &[&str] = &[
    "id",
    "title",
    "kind",
    "checklist",
    "language",
    "organisation",
    "bilingual",
    "majority_language",
    "decided",
    "facts",
    "alternatives",
    "meta",
];
const ALTERNATIVE_FIELDS: &[&str] = &["id", "kind", "title", "description", "answers", "impacts"];
const CELL_FIELDS: &[&str] = &[
    "question",
    "group",
    "domain",
    "direction",
    "magnitude",
    "likelihood",
    "people",
    "timing",
    "reversibility",
    "evidence",
    "mitigation",
    "note",
    "evidence_source",
    "follow_up",
];

/// Gives up, in the deserializer's error type.
fn give_up<E: de::Error>() -> E {
    E::custom(GiveUp)
}

/// The next key of a map as the index of a field among `fields`; gives up
/// on an unknown field or one given twice (`seen` holds one bit per field).
fn field<'de, A: MapAccess<'de>>(
    map: &mut A,
    fields: &'static [&'static str],
    seen: &mut u32,
) -> Result<Option<usize>, A::Error> {
    let Some(i) = map.next_key_seed(Id(|name: &str| fields.iter().position(|f| *f == name)))? else {
        return Ok(None);
    };
    if *seen & (1 << i) != 0 {
        return Err(give_up());
    }
    *seen |= 1 << i;
    Ok(Some(i))
}

/// A string turned into something (an index) as it is read, without being
/// kept; gives up where `F` finds nothing. Reads what a `String` field
/// reads (`deserialize_string`).
struct Id<F>(F);

impl<'de, T, F: FnOnce(&str) -> Option<T>> DeserializeSeed<'de> for Id<F> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_string(self)
    }
}

impl<'de, T, F: FnOnce(&str) -> Option<T>> Visitor<'de> for Id<F> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.0)(v).ok_or_else(give_up)
    }
}

/// An optional string turned into something as it is read, as an
/// `Option<String>` field reads: `null` is `None`.
struct OptionalId<F>(F);

impl<'de, T, F: FnOnce(&str) -> Option<T>> DeserializeSeed<'de> for OptionalId<F> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, T, F: FnOnce(&str) -> Option<T>> Visitor<'de> for OptionalId<F> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string or nothing")
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        Id(self.0).deserialize(d).map(Some)
    }
}

/// A map of free values as the decision's `facts` reads it.
struct Facts(indexmap::IndexMap<String, serde_json::Value>);

impl<'de> Deserialize<'de> for Facts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Facts, D::Error> {
        unique_values(d).map(Facts)
    }
}

/// A free value as the decision's `meta` reads it: checked, and only its
/// depth kept (a value is one level, as `value_depth` counts).
struct Meta(usize);

impl<'de> Deserialize<'de> for Meta {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Meta, D::Error> {
        some_value(d).map(|v| Meta(v.as_ref().map_or(1, value_depth)))
    }
}

impl<'de> DeserializeSeed<'de> for Reader<'_> {
    type Value = Bound;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Bound, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Reader<'_> {
    type Value = Bound;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a decision")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Bound, A::Error> {
        let mut seen = 0;
        let (mut id, mut title, mut kind, mut language) = (None, None, None, None);
        let (mut organisation, mut bilingual, mut majority_language) = (None, None, None);
        let (mut facts, mut alternatives, mut meta_depth) = (None, None, 0);
        while let Some(i) = field(&mut map, DECISION_FIELDS, &mut seen)? {
            match i {
                0 => id = Some(map.next_value::<String>()?),
                1 => title = Some(map.next_value::<LocalText>()?),
                2 => kind = map.next_value::<Option<String>>()?,
                3 => drop(map.next_value::<Option<String>>()?),
                4 => language = map.next_value::<Option<String>>()?,
                5 => organisation = map.next_value::<Option<Organisation>>()?,
                6 => bilingual = map.next_value::<Option<bool>>()?,
                7 => majority_language = map.next_value::<Option<NationalLanguage>>()?,
                8 => drop(map.next_value::<Option<record::Decided>>()?),
                9 => facts = Some(map.next_value::<Facts>()?.0),
                10 => alternatives = Some(map.next_value_seed(Alternatives(self))?),
                _ => meta_depth = map.next_value::<Meta>()?.0,
            }
        }
        let (Some(id), Some(title), Some(alternatives)) = (id, title, alternatives) else {
            return Err(give_up());
        };
        // The free values within the depth limit, counted as the long way
        // counts the whole document: the decision is level 1, `facts` 2.
        let facts = facts.unwrap_or_default();
        let facts_depth = facts.values().map(value_depth).max().map_or(1, |d| d + 1);
        if 1 + facts_depth.max(meta_depth) > self.limits.max_decision_depth {
            return Err(give_up());
        }
        let mut binder = Binder { model: self.model, diags: Collector::default() };
        let facts = binder.facts(&facts);
        if !binder.diags.is_empty() {
            return Err(give_up());
        }
        Ok(Bound {
            id: id.into(),
            title: title.get(language.as_deref().unwrap_or("")).into(),
            kind: kind.map(Arc::from),
            organisation,
            bilingual,
            majority_language,
            facts,
            alternatives,
        })
    }
}

/// The list of alternatives: at least one, at most the limit, ids unique.
struct Alternatives<'a>(Reader<'a>);

impl<'de> DeserializeSeed<'de> for Alternatives<'_> {
    type Value = Vec<BoundAlternative>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<BoundAlternative>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Alternatives<'_> {
    type Value = Vec<BoundAlternative>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of alternatives")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<BoundAlternative>, A::Error> {
        let mut alternatives: Vec<BoundAlternative> = Vec::new();
        while let Some(alternative) = seq.next_element_seed(AlternativeReader(self.0))? {
            if alternatives.len() == self.0.limits.max_alternatives
                || alternatives.iter().any(|a| a.id == alternative.id)
            {
                return Err(give_up());
            }
            alternatives.push(alternative);
        }
        if alternatives.is_empty() {
            return Err(give_up());
        }
        Ok(alternatives)
    }
}

/// One alternative.
struct AlternativeReader<'a>(Reader<'a>);

impl<'de> DeserializeSeed<'de> for AlternativeReader<'_> {
    type Value = BoundAlternative;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<BoundAlternative, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for AlternativeReader<'_> {
    type Value = BoundAlternative;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an alternative")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BoundAlternative, A::Error> {
        let model = self.0.model;
        let mut seen = 0;
        let (mut id, mut kind, mut answers, mut cells) = (None, None, None, None);
        while let Some(i) = field(&mut map, ALTERNATIVE_FIELDS, &mut seen)? {
            match i {
                0 => id = Some(map.next_value::<String>()?),
                1 => kind = Some(map.next_value::<AlternativeKind>()?),
                2 | 3 => drop(map.next_value::<Option<LocalText>>()?),
                4 => answers = Some(map.next_value_seed(Answers(model))?),
                _ => cells = Some(map.next_value_seed(Cells(self.0))?),
            }
        }
        let (Some(id), Some(kind)) = (id, kind) else { return Err(give_up()) };
        Ok(BoundAlternative {
            id: id.into(),
            kind,
            answers: answers.unwrap_or_else(|| vec![Value::Missing; model.questions.len()]),
            cells: cells.unwrap_or_default(),
        })
    }
}

/// An alternative's answers, by question index, typed by their question.
struct Answers<'a>(&'a Model);

impl<'de> DeserializeSeed<'de> for Answers<'_> {
    type Value = Vec<Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Value>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Answers<'_> {
    type Value = Vec<Value>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a map of answers")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Value>, A::Error> {
        let model = self.0;
        let mut answers = vec![Value::Missing; model.questions.len()];
        // A key given twice is an error the long way; null answers leave
        // `Missing`, so what was given is kept apart.
        let mut given = vec![false; model.questions.len()];
        while let Some(q) = map.next_key_seed(Id(|name: &str| model.question_index(name)))? {
            if std::mem::replace(&mut given[q], true) {
                return Err(give_up());
            }
            answers[q] = map.next_value_seed(Answer(&model.questions[q].kind))?;
        }
        Ok(answers)
    }
}

/// One answer, as `bind` types a free value for its question; gives up
/// wherever `bind` reports a problem.
struct Answer<'a>(&'a QuestionKind);

impl<'de> DeserializeSeed<'de> for Answer<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl Answer<'_> {
    fn number<E: de::Error>(self, n: f64) -> Result<Value, E> {
        match self.0 {
            QuestionKind::Number { range } if n.is_finite() => match range {
                Some((lo, hi)) if !(*lo..=*hi).contains(&n) => Err(give_up()),
                _ => Ok(Value::Num(n)),
            },
            _ => Err(give_up()),
        }
    }
}

impl<'de> Visitor<'de> for Answer<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an answer")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        // An impact question is answered with cells, never here, not even
        // with null.
        match self.0 {
            QuestionKind::Impact => Err(give_up()),
            _ => Ok(Value::Missing),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.visit_unit()
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        match self.0 {
            QuestionKind::Screening if v => Ok(Value::Screening(Screening::Yes)),
            QuestionKind::Screening => Ok(Value::Screening(Screening::No)),
            _ => Err(give_up()),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        match (self.0, v) {
            (QuestionKind::Screening, "yes") => Ok(Value::Screening(Screening::Yes)),
            (QuestionKind::Screening, "no") => Ok(Value::Screening(Screening::No)),
            (QuestionKind::Screening, "unknown") => Ok(Value::Screening(Screening::Unknown)),
            (QuestionKind::Text, _) => Ok(Value::Str(v.into())),
            (QuestionKind::Choice(options), _) if options.iter().any(|o| o.id == v) => Ok(Value::Str(v.into())),
            _ => Err(give_up()),
        }
    }

    // As a JSON value holds them and `as_f64` gives them back.
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.number(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.number(v as f64)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.number(v)
    }
}

/// An alternative's impact cells: at most the limit, no two for the same
/// question, group and domain.
struct Cells<'a>(Reader<'a>);

impl<'de> DeserializeSeed<'de> for Cells<'_> {
    type Value = Vec<BoundCell>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<BoundCell>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Cells<'_> {
    type Value = Vec<BoundCell>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of impact cells")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<BoundCell>, A::Error> {
        let max = self.0.limits.max_cells;
        let size = seq.size_hint().unwrap_or(0).min(max);
        let mut cells = Vec::with_capacity(size);
        let mut seen = FastSet::default();
        seen.reserve(size);
        while let Some(cell) = seq.next_element_seed(CellReader { model: self.0.model, index: cells.len() })? {
            if cells.len() == max || !seen.insert((cell.question, cell.group, cell.domain)) {
                return Err(give_up());
            }
            cells.push(cell);
        }
        Ok(cells)
    }
}

/// One impact cell, at position `index` of its list.
struct CellReader<'a> {
    model: &'a Model,
    index: usize,
}

impl<'de> DeserializeSeed<'de> for CellReader<'_> {
    type Value = BoundCell;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<BoundCell, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for CellReader<'_> {
    type Value = BoundCell;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an impact cell")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BoundCell, A::Error> {
        let model = self.model;
        let mut seen = 0;
        let (mut question, mut group, mut domain, mut direction) = (None, None, None, None);
        let mut levels = [None; 6];
        let mut mitigated = false;
        while let Some(i) = field(&mut map, CELL_FIELDS, &mut seen)? {
            match i {
                0 => {
                    let impact = |name: &str| {
                        model.question_index(name).filter(|&q| matches!(model.questions[q].kind, QuestionKind::Impact))
                    };
                    question = map.next_value_seed(OptionalId(impact))?;
                }
                1 => group = Some(map.next_value_seed(Id(|name: &str| model.group_index(name)))?),
                2 => domain = map.next_value_seed(OptionalId(|name: &str| model.domain_index(name)))?,
                3 => direction = Some(map.next_value::<Direction>()?),
                4..=9 => {
                    let scale = model.scale(ScaleId::ALL[i - 4]);
                    levels[i - 4] =
                        map.next_value_seed(OptionalId(|name: &str| scale.levels.iter().position(|l| l.id == name)))?;
                }
                10 => {
                    let said = map.next_value_seed(OptionalId(|text: &str| Some(!text.trim().is_empty())))?;
                    mitigated = said.unwrap_or(false);
                }
                11 | 12 => drop(map.next_value_seed(OptionalId(|_: &str| Some(())))?),
                _ => drop(map.next_value::<Option<record::FollowUp>>()?),
            }
        }
        let (Some(group), Some(direction)) = (group, direction) else { return Err(give_up()) };
        // A cell without a domain takes its question's one domain.
        let domain = match (domain, question) {
            (Some(d), _) => d,
            (None, Some(q)) if model.questions[q].domains.len() == 1 => model.questions[q].domains[0],
            _ => return Err(give_up()),
        };
        if let Some(q) = question {
            let asked = &model.questions[q];
            if !asked.groups.contains(&group) || !asked.domains.contains(&domain) {
                return Err(give_up());
            }
        }
        Ok(BoundCell { index: self.index, question, group, domain, direction, levels, mitigated })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use serde_json::{Value, json};

    use crate::checklist::model::{FactKind, Model, QuestionKind, ScaleId};
    use crate::decision::{Decision, Format, bind};
    use crate::{Checklist, Limits};

    /// Picks `i` of `items` (any `i`).
    fn pick<T>(items: &[T], i: usize) -> &T {
        &items[i % items.len()]
    }

    /// A valid answer for a question or fact of a kind, or something else
    /// in its place when `odd`.
    fn answer_for(kind: &QuestionKind, r: usize, odd: bool) -> Value {
        if odd {
            return pick(&[json!("maybe"), json!([1]), json!({"a": 1}), json!(1e300), json!(-7)], r).clone();
        }
        match kind {
            QuestionKind::Screening => {
                pick(&[json!("yes"), json!("no"), json!("unknown"), json!(true), json!(false), json!(null)], r).clone()
            }
            QuestionKind::Choice(options) => json!(pick(options, r).id),
            QuestionKind::Number { range: Some((lo, hi)) } => json!(lo + (hi - lo) * (r % 7) as f64 / 6.0),
            QuestionKind::Number { range: None } => {
                pick(&[json!(r), json!(r as f64 / 3.0), json!(-1), json!(null)], r).clone()
            }
            QuestionKind::Text | QuestionKind::Impact => json!(format!("text {r}")),
        }
    }

    /// A cell that fits the checklist, drawn with the numbers `r`.
    fn cell(model: &Model, r: &[usize]) -> Value {
        let impact: Vec<usize> =
            (0..model.questions.len()).filter(|&q| matches!(model.questions[q].kind, QuestionKind::Impact)).collect();
        let mut cell = serde_json::Map::new();
        if r[0].is_multiple_of(4) {
            cell.insert("group".into(), json!(pick(&model.groups, r[1]).id));
            cell.insert("domain".into(), json!(pick(&model.domains, r[2]).id));
        } else {
            let q = &model.questions[*pick(&impact, r[0])];
            cell.insert("question".into(), json!(q.id));
            cell.insert("group".into(), json!(model.groups[*pick(&q.groups, r[1])].id));
            if q.domains.len() > 1 || r[2].is_multiple_of(2) {
                cell.insert("domain".into(), json!(model.domains[*pick(&q.domains, r[2])].id));
            }
        }
        cell.insert(
            "direction".into(),
            pick(
                &[
                    json!(-2),
                    json!(-1),
                    json!(0),
                    json!(1),
                    json!(2),
                    json!("mixed"),
                    json!("unknown"),
                    json!(-1.0),
                    json!("+1"),
                ],
                r[3],
            )
            .clone(),
        );
        for (k, scale) in ScaleId::ALL.into_iter().enumerate() {
            let levels = &model.scale(scale).levels;
            match r[4 + k] % 4 {
                0 => {}
                1 => drop(cell.insert(scale.name().into(), Value::Null)),
                _ => drop(cell.insert(scale.name().into(), json!(pick(levels, r[4 + k]).id))),
            }
        }
        match r[10] % 5 {
            0 => drop(cell.insert("mitigation".into(), json!("  "))),
            1 => drop(cell.insert("mitigation".into(), json!("a fund"))),
            2 => drop(cell.insert("note".into(), json!("a note"))),
            3 => drop(cell.insert("evidence_source".into(), Value::Null)),
            _ => {}
        }
        Value::Object(cell)
    }

    /// A decision that binds to `model`, then, for `mistake` > 0, one
    /// mistake put in somewhere (most of them ones `bind` or reading
    /// reports, a few that are no mistake at all).
    fn decision(model: &Model, r: &[usize], mistake: usize) -> Value {
        let at = std::cell::Cell::new(1);
        let next = || {
            at.set(at.get() + 1);
            r[at.get() % r.len()]
        };
        let alternatives: Vec<Value> = (0..1 + r[0] % 3)
            .map(|a| {
                let answers: serde_json::Map<String, Value> = (0..next() % 6)
                    .map(|_| pick(&model.questions, next()))
                    .filter(|q| !matches!(q.kind, QuestionKind::Impact))
                    .map(|q| (q.id.clone(), answer_for(&q.kind, next(), false)))
                    .collect();
                // Distinct cells: each drawn once per (question, group, domain).
                let mut cells: Vec<Value> = Vec::new();
                for _ in 0..next() % 9 {
                    let draw: Vec<usize> = (0..11).map(|_| next()).collect();
                    let c = cell(model, &draw);
                    let key = |c: &Value| (c.get("question").cloned(), c["group"].clone(), c.get("domain").cloned());
                    if !cells.iter().any(|o| key(o) == key(&c)) {
                        cells.push(c);
                    }
                }
                let kind = if a == 0 { "zero" } else { pick(&["proposal", "other"], next()) };
                json!({"id": format!("a{a}"), "kind": kind, "title": "T", "answers": answers, "impacts": cells})
            })
            .collect();
        let facts: serde_json::Map<String, Value> = model
            .facts
            .iter()
            .filter(|_| next().is_multiple_of(2))
            .map(|f| {
                let value = match &f.kind {
                    FactKind::Number { range } => answer_for(&QuestionKind::Number { range: *range }, next(), false),
                    FactKind::Text => json!("t"),
                    FactKind::Flag => json!(next().is_multiple_of(2)),
                    FactKind::Choice(options) => json!(pick(options, next()).id),
                    FactKind::List => json!(["a", "b"]),
                };
                (f.id.clone(), value)
            })
            .collect();
        let mut d = json!({"id": "d", "title": {"fi": "Otsikko", "sv": "Rubrik"}, "facts": facts, "alternatives": alternatives});
        if next().is_multiple_of(2) {
            d["language"] = pick(&[json!("sv"), json!(null), json!("en")], next()).clone();
        }
        let last = d["alternatives"].as_array().map_or(0, Vec::len) - 1;
        let alt = &mut d["alternatives"][last];
        let has_cell = alt["impacts"].as_array().is_some_and(|c| !c.is_empty());
        let first_question = |model: &Model, pred: fn(&QuestionKind) -> bool| {
            model.questions.iter().find(|q| pred(&q.kind)).map(|q| q.id.clone()).unwrap_or_default()
        };
        match mistake {
            1 if has_cell => alt["impacts"][0]["group"] = json!("nobody"),
            2 if has_cell => alt["impacts"][0]["direction"] = json!(3),
            3 if has_cell => alt["impacts"][0]["magnitude"] = json!("huge"),
            4 if has_cell => {
                let copy = alt["impacts"][0].clone();
                alt["impacts"].as_array_mut().unwrap().push(copy);
            }
            5 if has_cell => alt["impacts"][0]["colour"] = json!("red"),
            6 => alt["answers"]["no_such_question"] = json!("yes"),
            7 => {
                alt["answers"][first_question(model, |k| matches!(k, QuestionKind::Screening))] =
                    answer_for(&QuestionKind::Screening, next(), true)
            }
            8 => alt["answers"][first_question(model, |k| matches!(k, QuestionKind::Impact))] = Value::Null,
            9 if has_cell => alt["impacts"][0]["group"] = Value::Null,
            10 => alt["id"] = json!("a0"),
            11 => alt["kind"] = json!("proposl"),
            12 if has_cell => alt["impacts"][0] = json!(["g", "d"]),
            13 => {
                let cell = cell(model, &[1, 0, 0, 0, 2, 2, 2, 2, 2, 2, 4]);
                alt["impacts"] = json!([]);
                for i in 0..11 {
                    let mut c = cell.clone();
                    c["note"] = json!(i);
                    alt["impacts"].as_array_mut().unwrap().push(c);
                }
            }
            14 => d["facts"]["no_such_fact"] = json!(1),
            15 => drop(d.as_object_mut().unwrap().shift_remove("title")),
            16 => d["alternatives"] = json!([]),
            17 => d["organisation"] = json!("county"),
            18 => d["meta"] = json!({"anything": [1, 2]}),
            19 if has_cell => {
                alt["impacts"][0]["question"] = json!(first_question(model, |k| matches!(k, QuestionKind::Screening)))
            }
            20 => alt["impacts"] = Value::Null,
            21 => d["alternatives"][0]["answers"] = json!([]),
            _ => {}
        }
        d
    }

    /// What the direct reader takes binds exactly as the long way binds
    /// it, and it takes exactly what the long way takes: on generated
    /// decisions of the `eva` checklist, about half with one mistake put
    /// in (a wrong id, type, kind, level, duplicate, field or limit).
    /// Counted, so that neither side goes untested.
    #[test]
    fn direct_reading_binds_as_the_long_way() {
        let checklist = Checklist::standard("eva").unwrap();
        let limits = Limits { max_cells: 10, max_alternatives: 3, ..Limits::default() };
        let strategy = (proptest::collection::vec(any::<usize>(), 64), 0..44usize);
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let (mut taken, mut refused) = (0, 0);
        for _ in 0..1000 {
            let (r, mistake) = strategy.new_tree(&mut runner).unwrap().current();
            let text = decision(checklist.model(), &r, mistake).to_string();
            let direct = super::bind_json(checklist.model(), &text, &limits);
            let long = Decision::from_str(&text, Format::Json, &limits)
                .ok()
                .and_then(|decision| bind(checklist.model(), &decision, &limits).ok());
            assert_eq!(format!("{direct:?}"), format!("{long:?}"), "{text}");
            if direct.is_some() { taken += 1 } else { refused += 1 }
        }
        assert!(taken > 300 && refused > 200, "taken {taken}, refused {refused}");
    }
}
