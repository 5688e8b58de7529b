//! The draft decision document (JSON or YAML): its typed form, its JSON
//! Schema, and loading with errors that name the JSON path.
//!
//! Loading has two steps: [`Decision::from_str`] checks the document's shape
//! (fields and their types); `bind` checks it against a checklist (ids of
//! facts, questions, groups, domains; answers on the right scale) and turns it
//! into the indexed form the evaluator reads.

pub mod direct;
pub mod given;
pub mod record;
pub mod yaml;

use crate::message::Message;
use crate::t;
use std::sync::Arc;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::checklist::model::*;
use crate::diagnostic::{Collector, Diagnostic, did_you_mean};
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;

/// A draft decision with its alternatives.
///
/// ```
/// let d = ennakko::Decision::from_str(r#"{"id": "1", "title": "T", "alternatives": [{"id": "zero", "kind": "zero"}]}"#,
///     ennakko::Format::Json, &Default::default()).unwrap();
/// assert_eq!(d.alternatives[0].kind, ennakko::decision::AlternativeKind::Zero);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Case or document id.
    pub id: String,
    /// Title of the decision: one text, or a text per language
    /// (`{fi: ..., sv: ...}`) for a bilingual organisation.
    pub title: LocalText,
    /// Kind of decision, free text that rules may test (`school_network`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The checklist this decision is assessed with (a standard name or a
    /// file), used by tools when none is given explicitly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checklist: Option<String>,
    /// Preferred report language (`fi`, `sv`, `en`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Who decides: a municipality or a wellbeing services county. Rules
    /// read it (`decision.organisation`) to cite the law that applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<Organisation>,
    /// Whether the deciding organisation is bilingual (Finnish and Swedish).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bilingual: Option<bool>,
    /// The majority language of the deciding organisation (`fi` or `sv`).
    /// The national-language group of the other language is the language
    /// minority, and counts as vulnerable; without it, the checklist's
    /// `vulnerable` flags hold (Swedish speakers in the standard ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub majority_language: Option<crate::checklist::model::NationalLanguage>,
    /// When, by whom and in which sector it was decided; read by the
    /// roll-up, not by the rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<record::Decided>,
    /// Values of the facts the checklist declares.
    #[serde(default, deserialize_with = "unique_values")]
    pub facts: IndexMap<String, serde_json::Value>,
    /// The alternatives compared: the zero option and the proposals.
    pub alternatives: Vec<Alternative>,
    /// Free-form data, ignored by the engine.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "some_value")]
    pub meta: Option<serde_json::Value>,
}

/// What an alternative is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlternativeKind {
    /// The zero option: nothing is decided.
    Zero,
    /// A proposal.
    Proposal,
    /// Another alternative that was considered.
    Other,
}

impl AlternativeKind {
    /// The kind as written.
    pub fn name(self) -> &'static str {
        match self {
            AlternativeKind::Zero => "zero",
            AlternativeKind::Proposal => "proposal",
            AlternativeKind::Other => "other",
        }
    }
}

/// One alternative and its answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    /// Id, unique within the decision.
    pub id: String,
    /// Zero option, proposal or other.
    pub kind: AlternativeKind,
    /// Short title: one text or a text per language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<LocalText>,
    /// Longer description: one text or a text per language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalText>,
    /// Answers: question id to answer.
    #[serde(default, deserialize_with = "unique_values")]
    pub answers: IndexMap<String, serde_json::Value>,
    /// Impact cells.
    #[serde(default)]
    pub impacts: Vec<ImpactCell>,
}

/// The assessed impact on one group in one domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImpactCell {
    /// The impact question this cell answers, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Group id.
    pub group: String,
    /// Domain id; may be left out when the question has one domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// -2..2, `mixed` or `unknown`.
    pub direction: Direction,
    /// Level of the magnitude scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub magnitude: Option<String>,
    /// Level of the likelihood scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<String>,
    /// Level of the people scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<String>,
    /// Level of the timing scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<String>,
    /// Level of the reversibility scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reversibility: Option<String>,
    /// Level of the evidence scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// How a negative impact is mitigated or compensated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mitigation: Option<String>,
    /// Free note shown in the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the evidence comes from (a study, statistics, a hearing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_source: Option<String>,
    /// Who checks the mitigation or the impact, by when, and what was
    /// found; read by the roll-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<record::FollowUp>,
}

/// Who decides: the two kinds of Finnish organisation with an EVA duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Organisation {
    /// A municipality (kunta / kommun); Kuntalaki 410/2015 applies.
    Municipality,
    /// A wellbeing services county (hyvinvointialue / välfärdsområde);
    /// Hyvinvointialuelaki 611/2021 applies.
    County,
}

impl Organisation {
    /// The kind as written (`municipality`, `county`).
    ///
    /// ```
    /// assert_eq!(ennakko::decision::Organisation::County.name(), "county");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Organisation::Municipality => "municipality",
            Organisation::County => "county",
        }
    }
}

/// A text written by the official: either one text, or one per language
/// (`{fi: "...", sv: "..."}`) so that each report shows its own language.
///
/// ```
/// use ennakko::decision::LocalText;
/// let t: LocalText = serde_json::from_str(r#"{"fi": "Koulu", "sv": "Skola"}"#).unwrap();
/// assert_eq!(t.get("sv"), "Skola");
/// assert_eq!(t.get("en"), "Koulu"); // falls back to the first language given
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum LocalText {
    /// The same text for every language.
    Plain(String),
    /// A text per language code, in the order given.
    PerLanguage(IndexMap<String, String>),
}

impl LocalText {
    /// The text for a language: its own, else the first one given.
    pub fn get(&self, lang: &str) -> &str {
        match self {
            LocalText::Plain(s) => s,
            LocalText::PerLanguage(m) => m.get(lang).or_else(|| m.values().next()).map_or("", String::as_str),
        }
    }

    /// Every text given, for checks that look at all of them.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        let (plain, many) = match self {
            LocalText::Plain(s) => (Some(s.as_str()), None),
            LocalText::PerLanguage(m) => (None, Some(m.values().map(String::as_str))),
        };
        plain.into_iter().chain(many.into_iter().flatten())
    }

    /// The texts per language; a plain text is filed under `""`, which every
    /// language falls back to.
    pub fn to_text(&self) -> Text {
        match self {
            LocalText::Plain(s) => Text::from([(String::new(), s.clone())]),
            LocalText::PerLanguage(m) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        }
    }
}

impl From<&str> for LocalText {
    fn from(s: &str) -> LocalText {
        LocalText::Plain(s.to_string())
    }
}

impl<'de> Deserialize<'de> for LocalText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<LocalText, D::Error> {
        struct V;
        const EXPECTED: &str = "a text, or a map from language code to text (`fi: ...`, `sv: ...`)";
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = LocalText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<LocalText, E> {
                Ok(LocalText::Plain(v.to_string()))
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<LocalText, M::Error> {
                let mut texts = IndexMap::new();
                while let Some((lang, text)) = map.next_entry::<String, String>()? {
                    if !is_language_code(&lang) {
                        return Err(serde::de::Error::custom(format!(
                            "`{lang}` is not a language code: expected {EXPECTED}"
                        )));
                    }
                    if texts.insert(lang.clone(), text).is_some() {
                        return Err(serde::de::Error::custom(format!("language `{lang}` is given twice")));
                    }
                }
                if texts.is_empty() {
                    return Err(serde::de::Error::custom(format!("no text given: expected {EXPECTED}")));
                }
                Ok(LocalText::PerLanguage(texts))
            }
        }
        d.deserialize_any(V)
    }
}

/// Two or three lower-case ASCII letters, as in ISO 639 (`fi`, `sv`, `en`, `se`, `smn`).
fn is_language_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

impl ImpactCell {
    fn level(&self, scale: ScaleId) -> Option<&String> {
        match scale {
            ScaleId::Magnitude => self.magnitude.as_ref(),
            ScaleId::Likelihood => self.likelihood.as_ref(),
            ScaleId::People => self.people.as_ref(),
            ScaleId::Timing => self.timing.as_ref(),
            ScaleId::Reversibility => self.reversibility.as_ref(),
            ScaleId::Evidence => self.evidence.as_ref(),
        }
    }
}

/// The direction of an impact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// -2 (strongly negative) ..= 2 (strongly positive).
    Value(i8),
    /// Both positive and negative.
    Mixed,
    /// Not known.
    Unknown,
}

impl Direction {
    /// The direction as written in documents: `-1`, `mixed`, `unknown`.
    pub fn name(self) -> String {
        match self {
            Direction::Value(v) => v.to_string(),
            Direction::Mixed => "mixed".into(),
            Direction::Unknown => "unknown".into(),
        }
    }
}

impl Serialize for Direction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Direction::Value(v) => s.serialize_i8(*v),
            Direction::Mixed => s.serialize_str("mixed"),
            Direction::Unknown => s.serialize_str("unknown"),
        }
    }
}

impl<'de> Deserialize<'de> for Direction {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Direction, D::Error> {
        struct V;
        const EXPECTED: &str = DIRECTION_EXPECTED;
        impl serde::de::Visitor<'_> for V {
            type Value = Direction;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Direction, E> {
                match v {
                    -2..=2 => Ok(Direction::Value(v as i8)),
                    _ => Err(E::custom(format!("direction {v} is out of range: expected {EXPECTED}"))),
                }
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Direction, E> {
                match i64::try_from(v) {
                    Ok(v) => self.visit_i64(v),
                    Err(_) => Err(E::custom(format!("direction {v} is out of range: expected {EXPECTED}"))),
                }
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Direction, E> {
                if v.fract() == 0.0 && (-2.0..=2.0).contains(&v) {
                    self.visit_i64(v as i64)
                } else if v.abs() < 1e15 {
                    Err(E::custom(format!("direction {v} is not allowed: expected {EXPECTED}")))
                } else {
                    Err(E::custom(format!("direction {v:e} is not allowed: expected {EXPECTED}")))
                }
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Direction, E> {
                match v {
                    "mixed" => Ok(Direction::Mixed),
                    "unknown" => Ok(Direction::Unknown),
                    other => match other.trim_start_matches('+').parse::<i64>() {
                        Ok(n) => self.visit_i64(n),
                        Err(_) => Err(E::custom(format!("direction \"{other}\" is not allowed: expected {EXPECTED}"))),
                    },
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Direction {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Direction".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "-2 (strongly negative) to 2 (strongly positive), or mixed, or unknown",
            "oneOf": [
                {"type": "integer", "minimum": -2, "maximum": 2},
                {"type": "string", "enum": ["mixed", "unknown"]}
            ]
        })
    }
}

/// The syntax of a decision document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// JSON.
    Json,
    /// YAML (JSON is YAML too).
    Yaml,
}

impl Format {
    /// Guesses the format from a file name: `.json` is JSON, anything else YAML.
    ///
    /// ```
    /// assert_eq!(ennakko::Format::from_path("a/decision.json"), ennakko::Format::Json);
    /// ```
    pub fn from_path(path: &str) -> Format {
        if path.to_ascii_lowercase().ends_with(".json") { Format::Json } else { Format::Yaml }
    }
}

/// The problems of a decision document inside this stage; it leaves the
/// stage as an [`Error`] of kind [`ErrorKind::Decision`].
#[derive(Debug)]
pub(crate) struct DecisionError {
    /// The problems, each with a code and a JSON path.
    pub diagnostics: Vec<Diagnostic>,
}

impl From<Diagnostic> for DecisionError {
    fn from(d: Diagnostic) -> DecisionError {
        DecisionError { diagnostics: vec![d] }
    }
}

impl From<DecisionError> for Error {
    fn from(e: DecisionError) -> Error {
        Error::new(ErrorKind::Decision, e.diagnostics)
    }
}

impl Decision {
    /// Reads a decision from JSON or YAML text.
    pub fn from_str(text: &str, format: Format, limits: &Limits) -> Result<Decision, Error> {
        if format == Format::Json
            && let Some(decision) = fast_json(text, limits)
        {
            return Ok(decision);
        }
        Decision::from_str_via_value(text, format, limits)
    }

    /// Reads a decision from text the long way, through a JSON value, as
    /// [`Decision::from_str`] does for YAML and for any JSON its fast path
    /// refuses. For differential tests: both must read every text alike.
    ///
    /// ```
    /// use ennakko::{Decision, Format};
    /// let text = r#"{"id": "1", "title": "T", "alternatives": [{"id": "p", "kind": "proposal"}]}"#;
    /// let limits = Default::default();
    /// assert_eq!(Decision::from_str(text, Format::Json, &limits), Decision::from_str_via_value(text, Format::Json, &limits));
    /// ```
    #[doc(hidden)]
    pub fn from_str_via_value(text: &str, format: Format, limits: &Limits) -> Result<Decision, Error> {
        Decision::from_value(parse_value(text, format, limits)?).map_err(|e| e.located(text))
    }

    /// Reads a decision from an already parsed JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<Decision, Error> {
        // serde would also read a struct from a list (`[id, title, ...]`).
        if !value.is_object() {
            let (_, message, help) = explain_serde_error("expected struct Decision");
            return Err(DecisionError::from(Diagnostic::error("D0101", message).with_help(help).at_path("$")).into());
        }
        serde_path_to_error::deserialize(&value)
            .map_err(|_| DecisionError { diagnostics: every_problem(&value) }.into())
    }
}

/// Every structural problem of a decision that does not read, not only the
/// first: serde stops at the first, so each alternative, each of its impact
/// cells, and the rest of the document are read on their own, and each
/// reports its first problem. (Two mistakes in one cell show one at a time;
/// mistakes in different cells all at once.) The error path only.
fn every_problem(value: &serde_json::Value) -> Vec<Diagnostic> {
    let mut found = Collector::default();
    let without = |object: &serde_json::Value, key: &str| -> serde_json::Value {
        let fields = object.as_object().into_iter().flatten();
        let kept = fields.map(|(k, v)| (k.clone(), if k == key { serde_json::json!([]) } else { v.clone() }));
        serde_json::Value::Object(kept.collect())
    };
    found.extend(first_problem::<Decision>(&without(value, "alternatives"), "$"));
    let alternatives = value.get("alternatives").and_then(serde_json::Value::as_array).into_iter().flatten();
    for (i, alternative) in alternatives.enumerate() {
        let at = format!("$.alternatives[{i}]");
        if !alternative.is_object() {
            found.extend(first_problem::<Alternative>(alternative, &at));
            continue;
        }
        found.extend(first_problem::<Alternative>(&without(alternative, "impacts"), &at));
        let cells = alternative.get("impacts").and_then(serde_json::Value::as_array).into_iter().flatten();
        for (j, cell) in cells.enumerate() {
            found.extend(first_problem::<ImpactCell>(cell, &format!("{at}.impacts[{j}]")));
        }
        if found.is_full() {
            break;
        }
    }
    if found.is_empty() {
        // Should the parts all read while the whole did not, the whole's own
        // first problem is still reported.
        found.extend(first_problem::<Decision>(value, "$"));
    }
    found.finish()
}

/// The first problem of reading `value` as a `T` found at JSON path `at`.
fn first_problem<T: serde::de::DeserializeOwned>(value: &serde_json::Value, at: &str) -> Option<Diagnostic> {
    let e = serde_path_to_error::deserialize::<_, T>(value).err()?;
    let inner = e.path().to_string();
    let path = match inner.as_str() {
        "." | "" => at.to_string(),
        p if p.starts_with('[') => format!("{at}{p}"),
        p => format!("{at}.{p}"),
    };
    let (code, message, help) = explain_serde_error(&e.inner().to_string());
    Some(Diagnostic::error(code, message).with_help(help).at_path(path))
}

impl Error {
    /// The same error with each diagnostic that has a JSON path placed at
    /// its line and column in `text`, the decision document it came from.
    ///
    /// ```
    /// use ennakko::{Diagnostic, Error, ErrorKind};
    /// let err = Error::one(ErrorKind::Decision, Diagnostic::error("D0103", ennakko::t!("unknown group")).at_path("$.title"));
    /// assert_eq!(err.located("id: a\ntitle: T\n").diagnostics[0].line, Some(2));
    /// ```
    pub fn located(mut self, text: &str) -> Error {
        locate(&mut self.diagnostics, text, None);
        self
    }
}

/// Places each diagnostic that has a JSON path and no line at the line and
/// column of `text` (the YAML or JSON the decision was read from) where
/// that path is written, so decision problems print like checklist ones.
///
/// ```
/// use ennakko::{Decision, Format, Diagnostic};
/// let text = "id: a\ntitle: T\nalternatives:\n  - id: p\n    kind: propsal\n";
/// let err = Decision::from_str(text, Format::Yaml, &Default::default()).unwrap_err();
/// assert_eq!((err.diagnostics[0].line, err.diagnostics[0].column), (Some(5), Some(5)));
/// ```
pub fn locate(diagnostics: &mut [Diagnostic], text: &str, file: Option<&str>) {
    // Owned, as the diagnostics are changed below.
    let wanted: Vec<String> = diagnostics.iter().filter(|d| d.line.is_none()).filter_map(|d| d.path.clone()).collect();
    if wanted.is_empty() {
        return;
    }
    let paths: Vec<&str> = wanted.iter().map(String::as_str).collect();
    let found = yaml::positions(text, &paths);
    let at: FastMap<&str, (usize, usize)> = paths.iter().zip(found).filter_map(|(p, f)| f.map(|f| (*p, f))).collect();
    for d in diagnostics.iter_mut().filter(|d| d.line.is_none()) {
        if let Some(&(line, column)) = d.path.as_deref().and_then(|p| at.get(p)) {
            let path = d.path.take();
            *d = std::mem::replace(d, Diagnostic::error("", t!(""))).at_line_col(file, text, line, column);
            d.path = path;
        }
    }
}

/// Rewords serde's messages, picks the code, and adds a fix hint.
fn explain_serde_error(raw: &str) -> (&'static str, Message, Message) {
    let quoted = |rest: &str| rest.split('`').next().unwrap_or("").to_string();
    let expected = |rest: &str| rest.split('`').skip(2).step_by(2).map(str::to_string).collect::<Vec<_>>();
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (field, allowed) = (quoted(rest), expected(rest));
        let hint = match did_you_mean(&field, allowed.iter().map(String::as_str)) {
            Some(s) => t!("did you mean `{}`?", s),
            None => t!("the allowed fields are: {}", allowed.join(", ")),
        };
        return ("D0102", t!("unknown field `{field}`", field = field), hint);
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let field = quoted(rest);
        return (
            "D0105",
            t!("missing field `{field}`", field = field),
            t!("add `{field}`; see docs/decision-format.md", field = field),
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (variant, allowed) = (quoted(rest), expected(rest));
        let hint = did_you_mean(&variant, allowed.iter().map(String::as_str))
            .map_or_else(|| t!("use one of: {}", allowed.join(", ")), |s| t!("did you mean `{}`?", s));
        return ("D0104", t!("`{variant}` is not allowed here", variant = variant), hint);
    }
    if raw.starts_with("direction ") {
        return ("D0104", direction_problem(raw), t!("write -2, -1, 0, 1, 2, mixed or unknown"));
    }
    if raw.contains("expected struct Decision") {
        let message = t!("the decision must be a mapping with `id`, `title` and `alternatives`");
        return ("D0101", message, t!("see docs/decision-format.md for an example"));
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let found = rest.split(", expected").next().unwrap_or(rest);
        let wanted = rest.split(", expected ").nth(1).unwrap_or("another type");
        let wanted = match wanted {
            "a string" => "a string",
            w if w.starts_with("struct ") => "a mapping",
            w if w.starts_with("a sequence") => "a list",
            w => w,
        };
        let hint = if wanted == "a string" && (found.starts_with("integer") || found.starts_with("floating")) {
            t!("put the value in quotes, e.g. id: \"2026\"")
        } else {
            t!("write {} here", serde_phrase(wanted))
        };
        return ("D0101", t!("expected {}, found {}", serde_phrase(wanted), serde_phrase(found)), hint);
    }
    ("D0101", t!("{}", raw), t!("see `ennakko schema decision` for the expected shape"))
}

/// A phrase of serde's (what a value was, what was expected) in words the
/// catalogue translates; a value quoted after it (`integer `3``) is kept.
fn serde_phrase(phrase: &str) -> Message {
    let (head, value) = match phrase.split_once(' ') {
        Some((head, value)) if value.starts_with(['`', '"']) => (head, value),
        _ => (phrase, ""),
    };
    let head = match head {
        "a string" => t!("a string"),
        "a mapping" => t!("a mapping"),
        "a list" => t!("a list"),
        // Serde's own words for what it found, kept in English as it
        // prints them (a known poor message: see tests/snapshots.rs).
        "map" => t!("map"),
        "sequence" => t!("sequence"),
        "a list of strings" => t!("a list of strings"),
        "a number" => t!("a number"),
        "integer" => t!("integer"),
        "floating" => t!("floating point"),
        "string" => t!("string"),
        "boolean" => t!("boolean"),
        "null" => t!("null"),
        "another type" => t!("another type"),
        _ => return t!("{}", phrase),
    };
    if value.is_empty() { head } else { t!("{} {}", head, value.trim_start_matches("point ")) }
}

/// What a direction may be.
const DIRECTION_EXPECTED: &str = "an integer from -2 to 2, \"mixed\" or \"unknown\"";

/// A direction serde refused, in words: "direction 3 is out of range: ...".
fn direction_problem(raw: &str) -> Message {
    match raw.split_once(" is ") {
        Some((value, rest)) if rest.starts_with("out of range") => {
            t!(
                "direction {} is out of range: expected {}",
                value.trim_start_matches("direction "),
                t!("an integer from -2 to 2, \"mixed\" or \"unknown\"")
            )
        }
        Some((value, _)) => t!(
            "direction {} is not allowed: expected {}",
            value.trim_start_matches("direction "),
            t!("an integer from -2 to 2, \"mixed\" or \"unknown\"")
        ),
        None => t!("{}", raw),
    }
}

/// JSON text within the limits read straight into a decision, with no JSON
/// value in between (that value cost two thirds of reading a dense
/// decision). Any text it does not take, for whatever reason, is read the
/// long way, which finds and words the problem; so it takes only what the
/// long way takes, and reads it the same (checked by the `decision` fuzz
/// target and `decision_paths_agree`).
fn fast_json(text: &str, limits: &Limits) -> Option<Decision> {
    // A value's depth counts the scalar inside the deepest brackets as a
    // level too: only a text one bracket short of the limit is surely in.
    if text.len() > limits.max_decision_bytes || bracket_depth(text) >= limits.max_decision_depth {
        return None;
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    // serde would also read a struct from a list (`[id, title, ...]`).
    if !body.trim_start_matches([' ', '\t', '\n', '\r']).starts_with('{') {
        return None;
    }
    serde_json::from_str(body).ok()
}

/// Parses JSON or YAML into a JSON value, within the size and depth limits.
fn parse_value(text: &str, format: Format, limits: &Limits) -> Result<serde_json::Value, DecisionError> {
    if text.len() > limits.max_decision_bytes {
        return Err(Diagnostic::error(
            "D0002",
            t!("the decision is larger than the limit of {} bytes", limits.max_decision_bytes),
        )
        .with_help(t!("split it, or raise `max_decision_bytes`"))
        .into());
    }
    // JSON brackets are counted before parsing, so a recursive parser never
    // sees a runaway document. YAML is walked on the reader's events (see
    // `read.rs`): a bracket in YAML may be text, and aliases can expand a
    // small text into a huge value. The depth is measured exactly after
    // parsing.
    if format == Format::Json {
        let depth = bracket_depth(text);
        if depth > limits.max_decision_depth {
            return Err(too_deep(depth, limits));
        }
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.starts_with('\u{feff}') {
        // The YAML reader called this "more than one document".
        return Err(Diagnostic::error("D0001", t!("the document starts with two byte order marks"))
            .with_help(t!("save the file again as UTF-8 (with one byte order mark, or none)"))
            .at_line_col(None, text, 1, 1)
            .into());
    }
    if format == Format::Yaml {
        yaml_bounds(text, limits)?;
    }
    let value = parse_syntax(text, format, limits)?;
    let depth = value_depth(&value);
    if depth > limits.max_decision_depth {
        return Err(too_deep(depth, limits));
    }
    Ok(value)
}

fn parse_syntax(text: &str, format: Format, limits: &Limits) -> Result<serde_json::Value, DecisionError> {
    match format {
        Format::Json => read_json(text).map_err(|e| {
            // serde_json counts columns in bytes; diagnostics count characters.
            let line = text.lines().nth(e.line().saturating_sub(1)).unwrap_or("");
            let column = line.get(..e.column().saturating_sub(1)).map_or(e.column(), |s| s.chars().count() + 1);
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            let help = if msg.starts_with(DUPLICATE_KEY) {
                duplicate_help()
            } else {
                t!("fix the JSON syntax at this position")
            };
            Diagnostic::error("D0001", t!("invalid JSON: {msg}", msg = msg))
                .with_help(help)
                .at_line_col(None, text, e.line(), column)
                .into()
        }),
        Format::Yaml => serde_norway::from_str(text).map(|Finite(v)| v).map_err(|e| {
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            let d = match msg.split_once(NOT_FINITE) {
                Some((path, number)) => {
                    let path = path.trim_end_matches([':', ' ']);
                    Diagnostic::error("D0104", t!("the number {} is not finite", number.trim()))
                        .with_help(t!("write an ordinary number"))
                        .at_path(if path.is_empty() { "$".to_string() } else { format!("$.{path}") })
                }
                // The YAML reader stops at 128 levels of block nesting (or
                // an alias inside itself), before the depth is measured.
                None if msg.contains("recursion limit exceeded") => Diagnostic::error(
                    "D0003",
                    t!("the decision nests too deep; the limit is {}", limits.max_decision_depth),
                )
                .with_help(t!(
                    "a decision needs only a few levels: check for runaway nesting or an alias inside itself"
                )),
                None if msg.starts_with(DUPLICATE_KEY) => {
                    Diagnostic::error("D0001", t!("invalid YAML: {msg}", msg = msg)).with_help(duplicate_help())
                }
                None if msg.contains("repetition limit") => {
                    Diagnostic::error("D0001", t!("invalid YAML: {msg}", msg = msg))
                        .with_help(t!("the document repeats YAML aliases (`*name`) too often; write the values out"))
                }
                None => Diagnostic::error("D0001", t!("invalid YAML: {msg}", msg = msg))
                    .with_help(t!("fix the YAML syntax at this position")),
            };
            match e.location() {
                // The reader points at the mapping; point at the repeated key.
                Some(loc) if msg.starts_with(DUPLICATE_KEY) => {
                    let (line, column) =
                        repeated_key(text, &msg, loc.line(), loc.column()).unwrap_or((loc.line(), loc.column()));
                    d.at_line_col(None, text, line, column)
                }
                Some(loc) => d.at_line_col(None, text, loc.line(), loc.column()),
                None => d,
            }
            .into()
        }),
    }
}

/// JSON text as a value, through [`Finite`] so that repeated keys are errors.
fn read_json(text: &str) -> Result<serde_json::Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let Finite(value) = Finite::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Where a key is written the second time in the block mapping that starts
/// at `line`:`column` (1-based), for the message raised by [`Finite`]; `None`
/// when it cannot be found (a flow mapping, a quoted key).
fn repeated_key(text: &str, message: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let key = message.split('`').nth(1)?;
    let indent = column.checked_sub(1)?;
    let mut seen = 0;
    for (i, l) in text.lines().enumerate().skip(line.checked_sub(1)?) {
        let rest = l.strip_prefix(&" ".repeat(indent)).or_else(|| (i + 1 == line).then(|| l.get(indent..)).flatten());
        let Some(rest) = rest else { continue };
        if rest.starts_with(key) && rest[key.len()..].trim_start().starts_with(':') {
            seen += 1;
            if seen == 2 {
                return Some((i + 1, column));
            }
        }
    }
    None
}

/// The start of the error raised for `.nan` and `.inf` in YAML.
const NOT_FINITE: &str = "not finite:";

/// The start of the error raised for a key given twice in one mapping.
const DUPLICATE_KEY: &str = "the key";
/// The hint for a key given twice in one mapping.
fn duplicate_help() -> Message {
    t!("a key may appear once in each mapping: remove or merge the repeated one")
}

/// A JSON value read from JSON or YAML text. YAML has `.nan` and `.inf`,
/// which JSON values cannot hold (serde_json would silently turn them into
/// `null`, a missing value): they are errors instead. A key given twice in
/// one mapping is an error too, where serde_json and the YAML reader would
/// silently keep the last value.
struct Finite(serde_json::Value);

impl<'de> Deserialize<'de> for Finite {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Finite, D::Error> {
        d.deserialize_any(FiniteVisitor).map(Finite)
    }
}

struct FiniteVisitor;

impl<'de> serde::de::Visitor<'de> for FiniteVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<serde_json::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<serde_json::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<serde_json::Value, E> {
        Ok(v.into())
    }
    // Integers past 64 bits (YAML's 2^64) are numbers as in JSON text,
    // where they read as the nearest float; the range check names them.
    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<serde_json::Value, E> {
        match i64::try_from(v) {
            Ok(v) => Ok(v.into()),
            Err(_) => self.visit_f64(v as f64),
        }
    }
    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<serde_json::Value, E> {
        match u64::try_from(v) {
            Ok(v) => Ok(v.into()),
            Err(_) => self.visit_f64(v as f64),
        }
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<serde_json::Value, E> {
        serde_json::Number::from_f64(v)
            .map(serde_json::Value::Number)
            .ok_or_else(|| E::custom(format!("{NOT_FINITE} {v}")))
    }
    fn visit_str<E>(self, v: &str) -> Result<serde_json::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<serde_json::Value, E> {
        Ok(v.into())
    }
    fn visit_none<E>(self) -> Result<serde_json::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<serde_json::Value, D::Error> {
        Finite::deserialize(d).map(|Finite(v)| v)
    }
    fn visit_unit<E>(self) -> Result<serde_json::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<serde_json::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Finite(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(serde_json::Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<serde_json::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some((k, Finite(v))) = map.next_entry::<String, Finite>()? {
            if out.contains_key(&k) {
                return Err(serde::de::Error::custom(format!("{DUPLICATE_KEY} `{k}` appears twice in one mapping")));
            }
            out.insert(k, v);
        }
        Ok(serde_json::Value::Object(out))
    }
}

/// A map of free values (facts, answers) as [`Finite`] reads one: a key
/// given twice is an error. Read straight from JSON text (see
/// [`fast_json`]), nothing else would notice the repetition.
fn unique_values<'de, D: serde::Deserializer<'de>>(d: D) -> Result<IndexMap<String, serde_json::Value>, D::Error> {
    match Finite::deserialize(d)?.0 {
        serde_json::Value::Object(map) => Ok(map.into_iter().collect()),
        other => Err(serde::de::Error::invalid_type(unexpected(&other), &"a map")),
    }
}

/// A free value as [`Finite`] reads one; `null` is no value, as before.
fn some_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<serde_json::Value>, D::Error> {
    Ok(Some(Finite::deserialize(d)?.0).filter(|v| !v.is_null()))
}

/// How serde names a value of the wrong type in its messages.
fn unexpected(value: &serde_json::Value) -> serde::de::Unexpected<'_> {
    use serde::de::Unexpected;
    match value {
        serde_json::Value::Null => Unexpected::Unit,
        serde_json::Value::Bool(b) => Unexpected::Bool(*b),
        serde_json::Value::Number(n) => n.as_f64().map_or(Unexpected::Other("number"), Unexpected::Float),
        serde_json::Value::String(s) => Unexpected::Str(s),
        serde_json::Value::Array(_) => Unexpected::Seq,
        serde_json::Value::Object(_) => Unexpected::Map,
    }
}

/// The YAML reader's own nesting limit.
const YAML_MAX_DEPTH: usize = 128;

/// Bracket nesting of JSON (and flow-style YAML), counted before parsing
/// so a recursive parser never sees a runaway document.
fn bracket_depth(text: &str) -> usize {
    // Strings are skipped by a loop of their own: the scan runs over every
    // byte of every decision read, and one state machine for both took a
    // third of reading a dense decision.
    let bytes = text.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match b {
            b'"' => i = string_end(bytes, i),
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Where the string whose text starts at `i` ends: just past its closing
/// quote, or the end of the text. A backslash escapes the byte after it.
fn string_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(rest) = bytes.get(i..) {
        match memchr::memchr2(b'"', b'\\', rest) {
            Some(at) if rest[at] == b'"' => return i + at + 1,
            Some(at) => i += at + 2,
            None => break,
        }
    }
    bytes.len()
}

/// Nesting depth of a parsed value, walked without recursion.
fn value_depth(value: &serde_json::Value) -> usize {
    let mut max = 0;
    let mut stack = vec![(value, 1usize)];
    while let Some((v, d)) = stack.pop() {
        max = max.max(d);
        match v {
            serde_json::Value::Array(items) => stack.extend(items.iter().map(|i| (i, d + 1))),
            serde_json::Value::Object(map) => stack.extend(map.values().map(|i| (i, d + 1))),
            _ => {}
        }
    }
    max
}

/// The YAML pre-pass (`read.rs`): collections no deeper than the YAML
/// reader goes (128 levels, or the limit if higher), and aliases that do
/// not expand the document past twice its size.
fn yaml_bounds(text: &str, limits: &Limits) -> Result<(), DecisionError> {
    use crate::decision::yaml::YamlProblem;
    let d = match crate::decision::yaml::yaml_prepass(text, limits.max_decision_depth.max(YAML_MAX_DEPTH)) {
        Ok(()) => return Ok(()),
        Err(YamlProblem::TooDeep { line, column, .. }) => Diagnostic::error(
            "D0003",
            t!("the decision nests too deep; the limit is {}", limits.max_decision_depth),
        )
        .with_help(t!("a decision needs only a few levels: check for runaway nesting"))
        .at_line_col(None, text, line, column),
        Err(YamlProblem::TooLarge { budget, line, column }) => Diagnostic::error(
            "D0001",
            t!(
                "invalid YAML: its aliases (`*name`) expand the document past {budget} values and bytes (aliases may make a document at most twice as large, or 64 KiB)", budget = budget
            ),
        )
        .with_help(t!("write the values out, or refer to fewer aliases of aliases"))
        .at_line_col(None, text, line, column),
    };
    Err(d.into())
}

fn too_deep(depth: usize, limits: &Limits) -> DecisionError {
    Diagnostic::error(
        "D0003",
        t!("the decision nests {depth} levels deep; the limit is {}", limits.max_decision_depth ; depth = depth),
    )
    .with_help(t!("a decision needs only a few levels: check for runaway nesting"))
    .into()
}

// ---- binding to a checklist ------------------------------------------------------

/// A decision bound to a checklist: everything indexed, ready to evaluate.
#[derive(Debug, Clone)]
pub(crate) struct Bound {
    pub id: Arc<str>,
    pub title: Arc<str>,
    pub kind: Option<Arc<str>>,
    pub organisation: Option<Organisation>,
    pub bilingual: Option<bool>,
    pub majority_language: Option<crate::checklist::model::NationalLanguage>,
    pub facts: Vec<Value>,
    pub alternatives: Vec<BoundAlternative>,
}

#[derive(Debug, Clone)]
pub(crate) struct BoundAlternative {
    pub id: Arc<str>,
    pub kind: AlternativeKind,
    /// Answers by question index; `Missing` where not given.
    pub answers: Vec<Value>,
    pub cells: Vec<BoundCell>,
}

#[derive(Debug, Clone)]
pub(crate) struct BoundCell {
    /// Position in the alternative's `impacts` list.
    pub index: usize,
    pub question: Option<usize>,
    pub group: usize,
    pub domain: usize,
    pub direction: Direction,
    /// Level index per scale, in [`ScaleId::ALL`] order.
    pub levels: [Option<usize>; 6],
    pub mitigated: bool,
}

/// Checks a decision against a checklist and indexes it. Reports every
/// problem found.
pub(crate) fn bind(model: &Model, decision: &Decision, limits: &Limits) -> Result<Bound, DecisionError> {
    let mut b = Binder { model, diags: Collector::default() };
    if decision.alternatives.is_empty() {
        b.error(
            "D0105",
            "$.alternatives",
            t!("the decision has no alternatives"),
            t!("add at least the zero option and one proposal"),
        );
    }
    if decision.alternatives.len() > limits.max_alternatives {
        b.error(
            "D0004",
            "$.alternatives",
            t!("{} alternatives; the limit is {}", decision.alternatives.len(), limits.max_alternatives),
            t!("raise `max_alternatives` if this is intended"),
        );
        return Err(DecisionError { diagnostics: b.diags.finish() });
    }
    let facts = b.facts(&decision.facts);
    let mut seen = crate::checklist::model::FastSet::default();
    let mut alternatives = Vec::with_capacity(decision.alternatives.len());
    for (i, alt) in decision.alternatives.iter().enumerate() {
        let path = format!("$.alternatives[{i}]");
        if !seen.insert(alt.id.as_str()) {
            b.error(
                "D0106",
                format!("{path}.id"),
                t!("alternative id `{}` is used twice", alt.id),
                t!("give each alternative its own id"),
            );
        }
        if alt.impacts.len() > limits.max_cells {
            b.error(
                "D0004",
                format!("{path}.impacts"),
                t!("{} impact cells; the limit is {}", alt.impacts.len(), limits.max_cells),
                t!("raise `max_cells` if this is intended"),
            );
            continue;
        }
        let answers = b.answers(alt, &path);
        // Sized once: a filtered iterator does not tell `collect` its length.
        let mut cells = Vec::with_capacity(alt.impacts.len());
        cells.extend(
            alt.impacts
                .iter()
                .enumerate()
                .filter_map(|(j, c)| b.cell(c, &path, j).map(|cell| BoundCell { index: j, ..cell })),
        );
        let cells = b.no_duplicate_cells(cells, &path);
        alternatives.push(BoundAlternative { id: alt.id.as_str().into(), kind: alt.kind, answers, cells });
    }
    if b.diags.is_empty() {
        Ok(Bound {
            id: decision.id.as_str().into(),
            title: decision.title.get(decision.language.as_deref().unwrap_or("")).into(),
            kind: decision.kind.as_deref().map(Arc::from),
            organisation: decision.organisation,
            bilingual: decision.bilingual,
            majority_language: decision.majority_language,
            facts,
            alternatives,
        })
    } else {
        Err(DecisionError { diagnostics: b.diags.finish() })
    }
}

/// A JSON path, built only for a diagnostic: a valid answer or fact
/// allocates nothing for it.
type Path<'p> = &'p dyn Fn() -> String;

struct Binder<'a> {
    model: &'a Model,
    /// What the decision gets wrong, under the one cap.
    diags: Collector,
}

/// Ids listed in a hint, at most this many.
const LISTED: usize = 50;

/// Ids for a hint: all of them, or the first [`LISTED`] and how many more.
fn listed(ids: &[&str]) -> String {
    match ids.len() {
        n if n <= LISTED => ids.join(", "),
        n => format!("{}, … ({n} in all)", ids[..LISTED].join(", ")),
    }
}

impl Binder<'_> {
    fn error(&mut self, code: &str, path: impl Into<String>, message: Message, help: Message) {
        self.diags.push_with(|| Diagnostic::error(code, message).with_help(help).at_path(path));
    }

    fn unknown<'k>(&mut self, path: String, what: &str, name: &str, known: impl FnOnce() -> Vec<&'k str>) {
        if !self.diags.room() {
            return;
        }
        let known = known();
        let hint = match did_you_mean(name, known.iter().copied()) {
            Some(s) => t!("did you mean `{}`?", s),
            None if known.is_empty() => t!("the checklist declares no {what}s", what = what),
            None => t!("the checklist's {what}s are: {}", listed(&known) ; what = what),
        };
        self.error("D0103", path, t!("unknown {what} `{name}`", what = what, name = name), hint);
    }

    fn facts(&mut self, facts: &IndexMap<String, serde_json::Value>) -> Vec<Value> {
        let mut values = vec![Value::Missing; self.model.facts.len()];
        for (name, raw) in facts {
            let path = || format!("$.facts.{name}");
            let Some(i) = self.model.fact_index(name) else {
                let model = self.model;
                self.unknown(path(), "fact", name, || model.facts.iter().map(|f| f.id.as_str()).collect());
                continue;
            };
            let fact = &self.model.facts[i];
            values[i] = match &fact.kind {
                FactKind::Number { range } => self.number(raw, *range, &path),
                FactKind::Text => self.string(raw, &path),
                FactKind::Flag => match raw {
                    serde_json::Value::Bool(b) => Value::Bool(*b),
                    serde_json::Value::Null => Value::Missing,
                    _ => self.wrong_type(raw, "true or false", &path),
                },
                FactKind::Choice(options) => self.choice(raw, options, &path),
                FactKind::List => match raw {
                    serde_json::Value::Array(items) => {
                        let items: Vec<Value> = items
                            .iter()
                            .enumerate()
                            .map(|(j, v)| self.string(v, &|| format!("{}[{j}]", path())))
                            .collect();
                        Value::List(items.into())
                    }
                    serde_json::Value::Null => Value::Missing,
                    _ => self.wrong_type(raw, "a list of strings", &path),
                },
            };
        }
        values
    }

    fn wrong_type(&mut self, raw: &serde_json::Value, expected: &str, path: Path) -> Value {
        let found = match raw {
            serde_json::Value::Null => "nothing",
            serde_json::Value::Bool(_) => "true/false",
            serde_json::Value::Number(_) => "a number",
            serde_json::Value::String(_) => "a string",
            serde_json::Value::Array(_) => "a list",
            serde_json::Value::Object(_) => "a mapping",
        };
        self.error(
            "D0101",
            path(),
            t!("expected {expected}, found {found}", expected = expected, found = found),
            t!("write {expected} here", expected = expected),
        );
        Value::Missing
    }

    fn number(&mut self, raw: &serde_json::Value, range: Option<(f64, f64)>, path: Path) -> Value {
        let n = match raw {
            serde_json::Value::Number(n) => n.as_f64(),
            serde_json::Value::Null => return Value::Missing,
            _ => return self.wrong_type(raw, "a number", path),
        };
        match n {
            Some(n) if n.is_finite() => {
                if let Some((lo, hi)) = range
                    && !(lo..=hi).contains(&n)
                {
                    self.error(
                        "D0104",
                        path(),
                        t!("{n} is outside the allowed range {lo}..{hi}", n = n, lo = lo, hi = hi),
                        t!("check the value and its unit"),
                    );
                }
                Value::Num(n)
            }
            _ => {
                self.error("D0104", path(), t!("the number is not finite"), t!("write an ordinary number"));
                Value::Missing
            }
        }
    }

    fn string(&mut self, raw: &serde_json::Value, path: Path) -> Value {
        match raw {
            serde_json::Value::String(s) => Value::Str(s.as_str().into()),
            serde_json::Value::Null => Value::Missing,
            _ => self.wrong_type(raw, "a string", path),
        }
    }

    fn choice(&mut self, raw: &serde_json::Value, options: &[Choice], path: Path) -> Value {
        let value = self.string(raw, path);
        if let Value::Str(s) = &value
            && !options.iter().any(|o| *o.id == **s)
        {
            if !self.diags.room() {
                return value;
            }
            let hint = did_you_mean(s, options.iter().map(|o| o.id.as_str())).map_or_else(
                || t!("the options are: {}", listed(&options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>())),
                |o| t!("did you mean `{}`?", o),
            );
            self.error("D0104", path(), t!("`{s}` is not one of the options", s = s), hint);
        }
        value
    }

    fn answers(&mut self, alt: &Alternative, path: &str) -> Vec<Value> {
        let mut answers = vec![Value::Missing; self.model.questions.len()];
        for (name, raw) in &alt.answers {
            let path = || format!("{path}.answers.{name}");
            let Some(q) = self.model.question_index(name) else {
                let model = self.model;
                self.unknown(path(), "question", name, || model.questions.iter().map(|q| q.id.as_str()).collect());
                continue;
            };
            answers[q] = match &self.model.questions[q].kind {
                QuestionKind::Screening => match raw {
                    serde_json::Value::String(s) if s == "yes" => Value::Screening(Screening::Yes),
                    serde_json::Value::String(s) if s == "no" => Value::Screening(Screening::No),
                    serde_json::Value::String(s) if s == "unknown" => Value::Screening(Screening::Unknown),
                    serde_json::Value::Bool(true) => Value::Screening(Screening::Yes),
                    serde_json::Value::Bool(false) => Value::Screening(Screening::No),
                    serde_json::Value::Null => Value::Missing,
                    _ => {
                        self.error(
                            "D0104",
                            path(),
                            t!("a screening answer must be yes, no or unknown, not {raw}", raw = raw),
                            t!("write yes, no or unknown"),
                        );
                        Value::Missing
                    }
                },
                QuestionKind::Impact => {
                    self.error(
                        "D0101",
                        path(),
                        t!("`{name}` is an impact question: it is answered with impact cells", name = name),
                        t!("add cells with `question: {name}` under this alternative's `impacts`", name = name),
                    );
                    Value::Missing
                }
                QuestionKind::Choice(options) => self.choice(raw, options, &path),
                QuestionKind::Number { range } => self.number(raw, *range, &path),
                QuestionKind::Text => self.string(raw, &path),
            };
        }
        answers
    }

    fn cell(&mut self, cell: &ImpactCell, alternative: &str, j: usize) -> Option<BoundCell> {
        let model = self.model;
        // Built only for a diagnostic: a valid cell allocates nothing here.
        let path = || format!("{alternative}.impacts[{j}]");
        let mut ok = true;
        let question = match &cell.question {
            None => None,
            Some(name) => match model.question_index(name) {
                Some(q) if matches!(model.questions[q].kind, QuestionKind::Impact) => Some(q),
                Some(_) => {
                    self.error(
                        "D0107",
                        format!("{}.question", path()),
                        t!("`{name}` is not an impact question", name = name),
                        t!("name an impact question, or leave `question` out"),
                    );
                    ok = false;
                    None
                }
                None => {
                    let known = || {
                        model
                            .questions
                            .iter()
                            .filter(|q| matches!(q.kind, QuestionKind::Impact))
                            .map(|q| q.id.as_str())
                            .collect()
                    };
                    self.unknown(format!("{}.question", path()), "impact question", name, known);
                    ok = false;
                    None
                }
            },
        };
        let group = model.group_index(&cell.group);
        if group.is_none() {
            self.unknown(format!("{}.group", path()), "group", &cell.group, || {
                model.groups.iter().map(|g| g.id.as_str()).collect()
            });
        }
        let domain = match (&cell.domain, question) {
            (Some(name), _) => {
                let d = model.domain_index(name);
                if d.is_none() {
                    self.unknown(format!("{}.domain", path()), "domain", name, || {
                        model.domains.iter().map(|d| d.id.as_str()).collect()
                    });
                }
                d
            }
            (None, Some(q)) if model.questions[q].domains.len() == 1 => model.questions[q].domains.first().copied(),
            (None, Some(q)) => {
                let ids: Vec<&str> = model.questions[q].domains.iter().map(|&d| model.domains[d].id.as_str()).collect();
                self.error(
                    "D0105",
                    format!("{}.domain", path()),
                    t!("this cell needs a `domain`"),
                    t!("question `{}` covers several domains: {}", model.questions[q].id, listed(&ids)),
                );
                None
            }
            (None, None) => {
                self.error(
                    "D0105",
                    format!("{}.domain", path()),
                    t!("a cell without `question` needs a `domain`"),
                    t!("add `domain: <id>` or `question: <impact question id>`"),
                );
                None
            }
        };
        if let (Some(q), Some(g), Some(d)) = (question, group, domain) {
            let qd = &model.questions[q];
            if !qd.groups.contains(&g) && !self.diags.room() {
                ok = false;
            } else if !qd.groups.contains(&g) {
                let ids: Vec<&str> = qd.groups.iter().map(|&g| model.groups[g].id.as_str()).collect();
                self.error(
                    "D0107",
                    format!("{}.group", path()),
                    t!("question `{}` does not ask about group `{}`", qd.id, cell.group),
                    t!("its groups are: {}; or leave `question` out", listed(&ids)),
                );
                ok = false;
            }
            if !qd.domains.contains(&d) && !self.diags.room() {
                ok = false;
            } else if !qd.domains.contains(&d) {
                let ids: Vec<&str> = qd.domains.iter().map(|&d| model.domains[d].id.as_str()).collect();
                self.error(
                    "D0107",
                    format!("{}.domain", path()),
                    t!("question `{}` does not cover domain `{}`", qd.id, model.domains[d].id),
                    t!("its domains are: {}", listed(&ids)),
                );
                ok = false;
            }
        }
        let mut levels = [None; 6];
        for (slot, scale) in levels.iter_mut().zip(ScaleId::ALL) {
            let Some(name) = cell.level(scale) else { continue };
            let scale_def = model.scale(scale);
            match scale_def.levels.iter().position(|l| l.id == *name) {
                Some(i) => *slot = Some(i),
                None if !self.diags.room() => {
                    ok = false;
                }
                None => {
                    let ids: Vec<&str> = scale_def.levels.iter().map(|l| l.id.as_str()).collect();
                    let hint = did_you_mean(name, ids.iter().copied())
                        .map_or_else(|| t!("the levels are: {}", listed(&ids)), |s| t!("did you mean `{}`?", s));
                    self.error(
                        "D0104",
                        format!("{}.{}", path(), scale.name()),
                        t!("`{name}` is not a level of the {} scale", scale.name() ; name = name),
                        hint,
                    );
                    ok = false;
                }
            }
        }
        let mitigated = cell.mitigation.as_deref().is_some_and(|m| !m.trim().is_empty());
        match (ok, group, domain) {
            (true, Some(group), Some(domain)) => {
                Some(BoundCell { index: 0, question, group, domain, direction: cell.direction, levels, mitigated })
            }
            _ => None,
        }
    }

    fn no_duplicate_cells(&mut self, cells: Vec<BoundCell>, path: &str) -> Vec<BoundCell> {
        let mut seen = crate::checklist::model::FastSet::default();
        // Sized once: growing it cell by cell rehashed it several times.
        seen.reserve(cells.len());
        for c in &cells {
            let j = c.index;
            if !seen.insert((c.question, c.group, c.domain)) {
                let m = self.model;
                self.error(
                    "D0106",
                    format!("{path}.impacts[{j}]"),
                    t!("a second cell for group `{}` in domain `{}`", m.groups[c.group].id, m.domains[c.domain].id),
                    t!("merge the two cells into one"),
                );
            }
        }
        cells
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// The bracket scan in two plain passes: drop the strings, then keep a
    /// running depth over the brackets left. Slower, and plainly right;
    /// `bracket_depth` must count as it does.
    fn reference_depth(text: &str) -> usize {
        let (mut outside, mut in_string, mut escaped) = (Vec::new(), false, false);
        for b in text.bytes() {
            if !in_string {
                in_string = b == b'"';
                outside.extend((!in_string).then_some(b));
            } else if escaped {
                escaped = false;
            } else {
                escaped = b == b'\\';
                in_string = b != b'"';
            }
        }
        let steps = outside.into_iter().filter_map(|b| match b {
            b'{' | b'[' => Some(1i64),
            b'}' | b']' => Some(-1),
            _ => None,
        });
        let depths = steps.scan(0i64, |depth, step| {
            *depth = (*depth + step).max(0);
            Some(*depth)
        });
        usize::try_from(depths.max().unwrap_or(0)).unwrap_or(0)
    }

    #[test]
    fn bracket_depth_of_known_texts() {
        for (text, depth) in [
            ("", 0),
            ("{}", 1),
            (r#"{"a": [1, {"b": "]]]{{{"}]}"#, 3),
            (r#"["\"[", ["x\\"], [[]]]"#, 3),
            (r#"{"open": "no end [[["#, 1),
            ("]]][[", 2),
            ("\"\\", 0),
        ] {
            assert_eq!(super::bracket_depth(text), depth, "{text}");
            assert_eq!(reference_depth(text), depth, "{text}");
        }
    }

    proptest! {
        #[test]
        fn bracket_depth_counts_as_the_state_machine(text in r#"[\[\]{}"\\a é:,]{0,64}"#) {
            prop_assert_eq!(super::bracket_depth(&text), reference_depth(&text));
        }
    }
}
