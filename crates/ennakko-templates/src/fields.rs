//! Template fields: their names (`fact.cost_eur`, `answer.zero.affects_children`,
//! `impact.plan.school_journeys.children.mobility.direction`...), how a
//! field's text becomes a typed decision value, and how the fields of a
//! document become a decision.

use ennakko::message::Message;
use ennakko::t;
use std::collections::HashMap;

use indexmap::IndexMap;
use serde_json::{Map, Value, json};

use ennakko::checklist::model::{Choice, FactKind, Model, QuestionKind, ScaleId, Text};
use ennakko::diagnostic::{Diagnostic, did_you_mean};

/// The names of the result placeholders (`results`, `verdict`...), besides
/// `matrix.<alternative id>`.
pub const OUTPUTS: [&str; 10] =
    ["results", "report", "title", "verdict", "comparison", "matrix", "legend", "findings", "missing", "appendix"];

/// The properties of an impact cell a field may hold.
pub(crate) const CELL_FIELDS: [&str; 10] = [
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
];

/// What a field holds, as read from the document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RawValue {
    /// Text typed or shown; may be a label in any language.
    Text(String),
    /// An exact value (a drop-down item's value, a `<select>`'s option value).
    Exact(String),
    /// A checkbox.
    Flag(bool),
}

impl RawValue {
    /// The value as text: a checkbox reads as `yes` or `no`.
    pub(crate) fn text(&self) -> String {
        match self {
            RawValue::Text(t) | RawValue::Exact(t) => t.trim().to_string(),
            RawValue::Flag(true) => "yes".into(),
            RawValue::Flag(false) => "no".into(),
        }
    }
}

/// A field found in a document.
#[derive(Debug, Clone)]
pub(crate) struct RawField {
    /// Its name without the `eva:` prefix.
    pub name: String,
    /// Its value.
    pub value: RawValue,
    /// 1-based line and column, for text formats.
    pub at: Option<(usize, usize)>,
}

/// What a field name means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tag<'a> {
    Checklist,
    Decision(&'a str),
    Fact(&'a str),
    Alternative { alt: &'a str, prop: &'a str },
    Answer { alt: &'a str, question: &'a str },
    Impact { alt: &'a str, question: Option<&'a str>, group: &'a str, domain: Option<&'a str>, field: &'a str },
    Output(&'a str),
}

const KNOWN_PREFIXES: [&str; 7] = ["checklist", "decision.", "fact.", "alternative.", "answer.", "impact.", "matrix."];

/// Reads a field name (without `eva:`); the error is a hint.
/// Two or three lower-case letters, as the language codes of texts given per
/// language (`fi`, `sv`, `se`).
fn is_language_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

/// The decision's own fields a template may hold.
const DECISION_FIELDS: [&str; 7] =
    ["id", "title", "kind", "language", "organisation", "bilingual", "majority_language"];

pub(crate) fn parse_tag(name: &str) -> Result<Tag<'_>, Message> {
    let name = name.trim();
    if name == "checklist" {
        return Ok(Tag::Checklist);
    }
    if OUTPUTS.contains(&name) || name == "side-by-side" {
        return Ok(Tag::Output(if name == "side-by-side" { "comparison" } else { name }));
    }
    let nonempty = |s: &str| !s.is_empty();
    if let Some(alt) = name.strip_prefix("matrix.") {
        return if nonempty(alt) { Ok(Tag::Output(name)) } else { Err(t!("write `matrix.<alternative id>`")) };
    }
    if let Some(rest) = name.strip_prefix("decision.") {
        return match rest {
            "id" | "title" | "kind" | "language" | "organisation" | "bilingual" | "majority_language" => {
                Ok(Tag::Decision(rest))
            }
            // `decision.title.sv`: the title in one language.
            _ if rest.strip_prefix("title.").is_some_and(is_language_code) => Ok(Tag::Decision(rest)),
            other => Err(match did_you_mean(other, DECISION_FIELDS) {
                Some(s) => t!("did you mean `decision.{s}`?", s = s),
                None => t!("the decision fields are decision.{}", DECISION_FIELDS.join(", decision.")),
            }),
        };
    }
    if let Some(rest) = name.strip_prefix("fact.") {
        return if nonempty(rest) { Ok(Tag::Fact(rest)) } else { Err(t!("write `fact.<fact id>`")) };
    }
    if let Some(rest) = name.strip_prefix("alternative.") {
        // `alternative.<id>.title.sv`: a title or description in one language.
        let translated = rest.rsplit_once('.').and_then(|(head, lang)| {
            let (alt, prop) = head.rsplit_once('.')?;
            (is_language_code(lang) && nonempty(alt) && ["title", "description"].contains(&prop))
                .then(|| Tag::Alternative { alt, prop: &rest[alt.len() + 1..] })
        });
        if let Some(tag) = translated {
            return Ok(tag);
        }
        return match rest.rsplit_once('.') {
            Some((alt, prop)) if nonempty(alt) && ["title", "description", "kind"].contains(&prop) => {
                Ok(Tag::Alternative { alt, prop })
            }
            _ => Err(t!("write `alternative.<alternative id>.title`, `.description` or `.kind`")),
        };
    }
    if let Some(rest) = name.strip_prefix("answer.") {
        return match rest.rsplit_once('.') {
            Some((alt, question)) if nonempty(alt) && nonempty(question) => Ok(Tag::Answer { alt, question }),
            _ => Err(t!("write `answer.<alternative id>.<question id>`")),
        };
    }
    if let Some(rest) = name.strip_prefix("impact.") {
        let parts: Vec<&str> = rest.rsplitn(5, '.').collect();
        if let [field, domain, group, question, alt] = parts[..]
            && nonempty(alt)
            && nonempty(group)
            && CELL_FIELDS.contains(&field)
        {
            let dash = |s: &str| s.is_empty() || s == "-";
            return Ok(Tag::Impact {
                alt,
                question: if dash(question) { None } else { Some(question) },
                group,
                domain: if dash(domain) { None } else { Some(domain) },
                field,
            });
        }
        return Err(t!(
            "write `impact.<alternative>.<question or ->.<group>.<domain or ->.<field>`, the field one of: {}",
            CELL_FIELDS.join(", ")
        ));
    }
    let first = name.split('.').next().unwrap_or(name);
    let known = ["checklist", "decision", "fact", "alternative", "answer", "impact"];
    let mut all: Vec<&str> = known.to_vec();
    all.extend(OUTPUTS);
    Err(match did_you_mean(first, all.iter().copied()) {
        Some(s) => t!("did you mean `{s}`? see docs/templates.md for the field names", s = s),
        None => {
            t!("field names start with {} or name a result ({})", KNOWN_PREFIXES.join(", "), OUTPUTS.join(", "))
        }
    })
}

/// The start of the name of a field in a row of impacts:
/// `row.<alternative>.<question or ->.<property>`, the property one of
/// `group`, `domain` and [`CELL_FIELDS`]. A Word repeating section copies a
/// row with its tags, so a row's fields cannot name their group and
/// domain: the row's `group` and `domain` fields do.
pub(crate) const ROW_PREFIX: &str = "row.";

/// `row.<alt>.<question>.<property>`: (alt, question, property).
fn parse_row(name: &str) -> Option<(&str, &str, &str)> {
    let rest = name.strip_prefix(ROW_PREFIX)?;
    let (head, prop) = rest.rsplit_once('.')?;
    let (alt, question) = head.rsplit_once('.')?;
    (!alt.is_empty() && !question.is_empty()).then_some((alt, question, prop))
}

/// What one row of impacts says about its cell.
#[derive(Default)]
struct RowKey {
    group: String,
    domain: String,
    /// Some field other than the group and domain has a value.
    filled: bool,
}

/// Gives the fields of impact rows (`row.<alt>.<question>.<property>`,
/// `rows[i]` the row field `i` is in) the names of the impact cell their
/// row's group and domain name (`impact.<alt>.<question>.<group>.<domain>.<property>`),
/// and drops the fields of empty rows. Other fields pass unchanged.
pub(crate) fn resolve_rows(
    fields: Vec<RawField>,
    rows: &[Option<usize>],
    problems: &mut super::problems::Problems,
) -> Vec<RawField> {
    if !fields.iter().any(|f| f.name.starts_with(ROW_PREFIX)) {
        return fields;
    }
    let mut keys: HashMap<(usize, &str, &str), RowKey> = HashMap::new();
    for (f, row) in fields.iter().zip(rows) {
        let (Some((alt, question, prop)), Some(row)) = (parse_row(&f.name), row) else { continue };
        let key = keys.entry((*row, alt, question)).or_default();
        let text = f.value.text();
        match prop {
            "group" => key.group = text,
            "domain" => key.domain = text,
            _ => key.filled |= !text.is_empty(),
        }
    }
    let mut reported = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(fields.len());
    for (f, row) in fields.iter().zip(rows) {
        let Some((alt, question, prop)) = parse_row(&f.name) else {
            out.push(f.clone());
            continue;
        };
        let Some(row) = row else {
            problems.add_with(ennakko::diagnostic::Severity::Error, || {
                field_error(
                    "T0112",
                    f,
                    t!("the row field `eva:{}` is not inside a row of a repeating section", f.name),
                    t!("keep row fields in the rows of the impact tables (add rows with the + button in Word)"),
                )
            });
            continue;
        };
        let Some(key) = keys.get(&(*row, alt, question)) else { continue };
        if prop == "group" || prop == "domain" {
            continue;
        }
        if key.group.is_empty() {
            if key.filled && reported.insert((*row, alt, question)) {
                problems.add_with(ennakko::diagnostic::Severity::Error, || {
                    field_error(
                        "T0112",
                        f,
                        t!(
                            "a row of impacts of `{question}` in alternative `{alt}` has values but no group",
                            question = question,
                            alt = alt
                        ),
                        t!("choose the group the row assesses, or clear the row"),
                    )
                });
            }
            continue;
        }
        let domain = if key.domain.is_empty() { "-" } else { key.domain.as_str() };
        let name = match CELL_FIELDS.contains(&prop) {
            true => format!("impact.{alt}.{question}.{}.{domain}.{prop}", key.group),
            false => f.name.clone(),
        };
        out.push(RawField { name, value: f.value.clone(), at: f.at });
    }
    out
}

/// Where a part of the decision came from: a JSON path and the field.
#[derive(Debug, Clone)]
pub(crate) struct FieldPlace {
    pub path: String,
    pub tag: String,
    pub at: Option<(usize, usize)>,
}

/// The decision as a JSON value, where each part came from, and problems.
pub(crate) struct Built {
    pub value: Value,
    pub places: Vec<FieldPlace>,
    pub problems: super::problems::Problems,
}

fn field_error(code: &str, f: &RawField, message: Message, help: Message) -> Diagnostic {
    let mut d = Diagnostic::error(code, message).with_help(help).at_path(format!("eva:{}", f.name));
    if let Some((line, column)) = f.at {
        d.line = Some(line);
        d.column = Some(column);
    }
    d
}

/// The alternative's kind when no field says: `zero` for an alternative
/// called `zero`, else a proposal.
fn default_kind(alt: &str) -> &'static str {
    if alt == "zero" { "zero" } else { "proposal" }
}

/// Builds the decision from `base` (a decision already read, or nothing) and
/// the fields, in document order. Fields win over the base; an empty field
/// clears the value.
pub(crate) fn build(model: &Model, base: Option<Value>, fields: &[RawField]) -> Built {
    let mut problems = super::problems::Problems::default();
    let mut root = match base {
        Some(Value::Object(m)) => m,
        _ => {
            let mut m = Map::new();
            m.insert("id".into(), json!(""));
            m.insert("title".into(), json!(""));
            m
        }
    };
    let _ = array_at(&mut root, "alternatives");
    // Alternatives by id, and (per alternative) the impact cells by
    // question and group: looked up once per field, so they are indexed
    // (a search per field was quadratic in the fields).
    let mut alts = AltIndex::new(&mut root);
    let mut cell_index: HashMap<usize, CellIndex> = HashMap::new();
    let mut places = Vec::new();
    let mut seen: HashMap<&str, Value> = HashMap::new();
    // (alt, question, group, domain) -> field -> (value, field)
    type CellKey<'a> = (&'a str, Option<&'a str>, &'a str, Option<&'a str>);
    let mut cells: IndexMap<CellKey, IndexMap<&str, (Option<Value>, &RawField)>> = IndexMap::new();
    for f in fields {
        let tag = match parse_tag(&f.name) {
            Ok(t) => t,
            Err(help) => {
                problems.add_with(ennakko::diagnostic::Severity::Error, || {
                    field_error("T0104", f, t!("unknown template field `eva:{}`", f.name), help)
                });
                continue;
            }
        };
        let converted = match convert(model, &tag, &f.value) {
            Ok(v) => v,
            Err((message, help)) => {
                problems.add_with(ennakko::diagnostic::Severity::Error, || field_error("T0105", f, message, help));
                continue;
            }
        };
        if matches!(tag, Tag::Output(_)) {
            continue;
        }
        let as_json = converted.clone().unwrap_or(Value::Null);
        match seen.get(f.name.as_str()) {
            Some(previous) if *previous == as_json => continue,
            Some(_) => {
                problems.add_with(ennakko::diagnostic::Severity::Error, || {
                    field_error(
                        "T0106",
                        f,
                        t!("the field `eva:{}` appears twice with different values", f.name),
                        t!("keep one of the two fields; the first one is used"),
                    )
                });
                continue;
            }
            None => {
                seen.insert(f.name.as_str(), as_json);
            }
        }
        let tag_name = format!("eva:{}", f.name);
        let place = |path: String| FieldPlace { path, tag: tag_name.clone(), at: f.at };
        match tag {
            Tag::Output(_) => {}
            Tag::Checklist => {
                set(&mut root, "checklist", converted);
                places.push(place("$.checklist".into()));
            }
            Tag::Decision(prop) => {
                let value = match (prop, converted) {
                    ("id" | "title", None) => Some(json!("")),
                    (_, v) => v,
                };
                // `title` given in no language at all is still a missing title.
                set_path(&mut root, prop, value);
                places.push(place(format!("$.{prop}")));
            }
            Tag::Fact(id) => {
                if let Some(facts) = object_at(&mut root, "facts") {
                    set(facts, id, converted);
                }
                places.push(place(format!("$.facts.{id}")));
            }
            Tag::Alternative { alt, prop } => {
                let i = alts.get(&mut root, alt);
                if let Some(a) = alternative_mut(&mut root, i) {
                    let value = match (prop, converted) {
                        ("kind", None) => Some(json!(default_kind(alt))),
                        (_, v) => v,
                    };
                    set_path(a, prop, value);
                }
                places.push(place(format!("$.alternatives[{i}].{prop}")));
            }
            Tag::Answer { alt, question } => {
                let i = alts.get(&mut root, alt);
                if let Some(answers) = alternative_mut(&mut root, i).and_then(|a| object_at(a, "answers")) {
                    set(answers, question, converted);
                }
                places.push(place(format!("$.alternatives[{i}].answers.{question}")));
            }
            Tag::Impact { alt, question, group, domain, field } => {
                let entry = cells.entry((alt, question, group, domain)).or_default();
                entry.insert(field, (converted, f));
            }
        }
    }
    for ((alt, question, group, domain), props) in cells {
        let i = alts.get(&mut root, alt);
        let Some(list) = alternative_mut(&mut root, i).and_then(|a| array_at(a, "impacts")) else { continue };
        let given: Vec<(&str, &Value)> = props.iter().filter_map(|(k, (v, _))| v.as_ref().map(|v| (*k, v))).collect();
        let index = cell_index.entry(i).or_insert_with(|| index_cells(list));
        let key = (question.map(str::to_string), group.to_string());
        let existing =
            index.get(&key).and_then(|js| js.iter().copied().find(|&j| same_cell(&list[j], question, group, domain)));
        if given.is_empty() {
            // Every field empty: no cell (and none from the base).
            if let Some(j) = existing {
                list.remove(j);
                // Later cells moved: index them again when next needed.
                cell_index.remove(&i);
            }
            continue;
        }
        if !given.iter().any(|(k, _)| *k == "direction") {
            let first = props.values().find(|(v, _)| v.is_some()).map(|(_, f)| *f);
            if let Some(f) = first {
                problems.add_with(ennakko::diagnostic::Severity::Error, || {
                    field_error(
                        "T0107",
                        f,
                        t!("the impact of `{}` on `{group}` has no direction", question.unwrap_or("-") ; group = group),
                        t!("choose a direction (−2..+2, mixed or unknown), or clear the cell's other fields"),
                    )
                });
            }
            continue;
        }
        let mut cell = Map::new();
        if let Some(q) = question {
            cell.insert("question".into(), json!(q));
        }
        cell.insert("group".into(), json!(group));
        if let Some(d) = domain {
            cell.insert("domain".into(), json!(d));
        }
        for field in CELL_FIELDS {
            if let Some((Some(v), _)) = props.get(field) {
                cell.insert(field.into(), v.clone());
            }
        }
        let j = match existing {
            Some(j) => {
                list[j] = Value::Object(cell);
                j
            }
            None => {
                list.push(Value::Object(cell));
                let j = list.len() - 1;
                if let Some(index) = cell_index.get_mut(&i) {
                    index.entry(key).or_default().push(j);
                }
                j
            }
        };
        let direction_tag = props.get("direction").map(|(_, f)| (format!("eva:{}", f.name), f.at));
        if let Some((tag, at)) = direction_tag {
            places.push(FieldPlace { path: format!("$.alternatives[{i}].impacts[{j}]"), tag, at });
        }
        for (field, (_, f)) in &props {
            places.push(FieldPlace {
                path: format!("$.alternatives[{i}].impacts[{j}].{field}"),
                tag: format!("eva:{}", f.name),
                at: f.at,
            });
        }
    }
    Built { value: Value::Object(root), places, problems }
}

fn same_cell(cell: &Value, question: Option<&str>, group: &str, domain: Option<&str>) -> bool {
    let get = |k: &str| cell.get(k).and_then(Value::as_str);
    get("question") == question && get("group") == Some(group) && (domain.is_none() || get("domain") == domain)
}

/// Sets `key`, or `key.lang` inside the object at `key` (a text per language).
fn set_path(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    match key.split_once('.') {
        Some((base, lang)) => {
            if let Some(texts) = object_at(map, base) {
                set(texts, lang, value);
            }
        }
        None => set(map, key, value),
    }
}

fn set(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    match value {
        Some(v) => {
            map.insert(key.to_string(), v);
        }
        None => {
            map.shift_remove(key);
        }
    }
}

fn object_at<'m>(map: &'m mut Map<String, Value>, key: &str) -> Option<&'m mut Map<String, Value>> {
    let slot = map.entry(key.to_string()).or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    slot.as_object_mut()
}

fn array_at<'m>(map: &'m mut Map<String, Value>, key: &str) -> Option<&'m mut Vec<Value>> {
    let slot = map.entry(key.to_string()).or_insert_with(|| Value::Array(Vec::new()));
    if !slot.is_array() {
        *slot = Value::Array(Vec::new());
    }
    slot.as_array_mut()
}

/// The alternatives' positions by id (the first of an id).
struct AltIndex(HashMap<String, usize>);

impl AltIndex {
    fn new(root: &mut Map<String, Value>) -> AltIndex {
        let mut ids = HashMap::new();
        for (i, a) in array_at(root, "alternatives").into_iter().flatten().enumerate() {
            if let Some(id) = a.get("id").and_then(Value::as_str) {
                ids.entry(id.to_string()).or_insert(i);
            }
        }
        AltIndex(ids)
    }

    /// The index of the alternative with this id, added if missing.
    fn get(&mut self, root: &mut Map<String, Value>, alt: &str) -> usize {
        if let Some(&i) = self.0.get(alt) {
            return i;
        }
        let Some(list) = array_at(root, "alternatives") else { return 0 };
        list.push(json!({"id": alt, "kind": default_kind(alt)}));
        self.0.insert(alt.to_string(), list.len() - 1);
        list.len() - 1
    }
}

/// An alternative's impact cells (positions) by question and group.
type CellIndex = HashMap<(Option<String>, String), Vec<usize>>;

/// An alternative's impact cells by question and group.
fn index_cells(list: &[Value]) -> CellIndex {
    let mut index = CellIndex::new();
    for (j, c) in list.iter().enumerate() {
        let get = |k: &str| c.get(k).and_then(Value::as_str).map(str::to_string);
        if let Some(group) = get("group") {
            index.entry((get("question"), group)).or_default().push(j);
        }
    }
    index
}

fn alternative_mut(root: &mut Map<String, Value>, i: usize) -> Option<&mut Map<String, Value>> {
    array_at(root, "alternatives")?.get_mut(i).and_then(Value::as_object_mut)
}

// ---- values -------------------------------------------------------------------------

type Converted = Result<Option<Value>, (Message, Message)>;

/// The typed value of a field, `None` when it is empty.
fn convert(model: &Model, tag: &Tag, raw: &RawValue) -> Converted {
    let text = raw.text();
    if text.is_empty() && !matches!(raw, RawValue::Flag(_)) {
        return Ok(None);
    }
    match tag {
        Tag::Output(_) => Ok(None),
        Tag::Decision("bilingual") => match raw {
            RawValue::Flag(b) => Ok(Some(json!(b))),
            _ => screening(&text)
                .map(|s| Some(json!(s == "yes")))
                .map_err(|_| (t!("`{text}` is not yes or no", text = text), t!("tick the box, or write yes or no"))),
        },
        Tag::Checklist | Tag::Decision(_) => Ok(Some(json!(text))),
        Tag::Alternative { prop: "kind", .. } => alternative_kind(&text).map(|k| Some(json!(k))),
        Tag::Alternative { .. } => Ok(Some(json!(text))),
        Tag::Fact(id) => match model.fact_index(id) {
            None => Ok(Some(json!(text))),
            Some(i) => match &model.facts[i].kind {
                FactKind::Number { .. } => number(&text).map(Some),
                FactKind::Text => Ok(Some(json!(text))),
                FactKind::Flag => match raw {
                    RawValue::Flag(b) => Ok(Some(json!(b))),
                    _ => screening(&text).map(|s| Some(json!(s == "yes"))).map_err(|_| {
                        (t!("`{text}` is not yes or no", text = text), t!("tick the box, or write yes or no"))
                    }),
                },
                FactKind::Choice(options) => choice(&text, options).map(Some),
                FactKind::List => Ok(Some(Value::Array(
                    text.split([',', ';', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(|s| json!(s)).collect(),
                ))),
            },
        },
        Tag::Answer { question, .. } => match model.question_index(question) {
            None => Ok(Some(json!(text))),
            Some(i) => match &model.questions[i].kind {
                QuestionKind::Screening => screening(&text).map(|s| Some(json!(s))),
                QuestionKind::Choice(options) => choice(&text, options).map(Some),
                QuestionKind::Number { .. } => number(&text).map(Some),
                QuestionKind::Text | QuestionKind::Impact => Ok(Some(json!(text))),
            },
        },
        Tag::Impact { field, .. } => match *field {
            "direction" => direction(&text).map(Some),
            "mitigation" | "note" | "evidence_source" => Ok(Some(json!(text))),
            scale => match ScaleId::from_name(scale) {
                Some(id) => level(model, id, &text).map(Some),
                None => Ok(Some(json!(text))),
            },
        },
    }
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn label_matches(label: &Text, text: &str) -> bool {
    label.values().any(|l| same(l, text))
}

fn screening(text: &str) -> Result<&'static str, (Message, Message)> {
    let t = text.trim().to_lowercase();
    let t = t.trim_end_matches('.');
    const YES: [&str; 9] = ["yes", "y", "kyllä", "k", "ja", "true", "x", "☒", "☑"];
    const NO: [&str; 6] = ["no", "n", "ei", "nej", "false", "☐"];
    const UNKNOWN: [&str; 9] =
        ["unknown", "?", "ei tiedossa", "ei tiedetä", "en tiedä", "okänd", "vet ej", "vet inte", "not known"];
    if YES.contains(&t) {
        Ok("yes")
    } else if NO.contains(&t) {
        Ok("no")
    } else if UNKNOWN.contains(&t) {
        Ok("unknown")
    } else {
        Err((t!("`{text}` is not yes, no or unknown", text = text), t!("choose yes, no or unknown")))
    }
}

fn choice(text: &str, options: &[Choice]) -> Result<Value, (Message, Message)> {
    options.iter().find(|o| o.id == text.trim() || label_matches(&o.label, text)).map(|o| json!(o.id)).ok_or_else(
        || {
            let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
            let help = did_you_mean(text, ids.iter().copied())
                .map_or_else(|| t!("choose one of: {}", ids.join(", ")), |s| t!("did you mean `{}`?", s));
            (t!("`{text}` is not one of the options", text = text), help)
        },
    )
}

fn alternative_kind(text: &str) -> Result<&'static str, (Message, Message)> {
    use super::words::{W, w};
    for (kind, word) in [("zero", W::ZeroOption), ("proposal", W::Proposal), ("other", W::OtherAlternative)] {
        if same(text, kind) || ["fi", "sv", "en"].iter().any(|l| same(text, w(word, l))) {
            return Ok(kind);
        }
    }
    Err((t!("`{text}` is not a kind of alternative", text = text), t!("choose zero, proposal or other")))
}

fn direction(text: &str) -> Result<Value, (Message, Message)> {
    let first = text.split_whitespace().next().unwrap_or("");
    let normal = first.replace(['\u{2212}', '\u{2013}'], "-");
    let normal = normal.trim_start_matches('+');
    if let Ok(n) = normal.parse::<i64>()
        && (-2..=2).contains(&n)
    {
        return Ok(json!(n));
    }
    for name in ["mixed", "unknown"] {
        if same(text, name) || label_matches(&ennakko::checklist::defaults::direction_label(name), text) {
            return Ok(json!(name));
        }
    }
    Err((t!("`{text}` is not a direction", text = text), t!("choose −2, −1, 0, +1, +2, mixed or unknown")))
}

fn level(model: &Model, scale: ScaleId, text: &str) -> Result<Value, (Message, Message)> {
    let s = model.scale(scale);
    s.levels.iter().find(|l| l.id == text.trim() || label_matches(&l.label, text)).map(|l| json!(l.id)).ok_or_else(
        || {
            let ids: Vec<&str> = s.levels.iter().map(|l| l.id.as_str()).collect();
            (
                t!("`{text}` is not a level of the {} scale", scale.name() ; text = text),
                t!("choose one of: {}", ids.join(", ")),
            )
        },
    )
}

/// Reads a number as people write it: `380 000`, `1,5`, `−165 000 €`.
pub(crate) fn number(text: &str) -> Result<Value, (Message, Message)> {
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
        .map(|c| if matches!(c, '\u{2212}' | '\u{2013}') { '-' } else { c })
        .collect();
    while s.chars().last().is_some_and(|c| !c.is_ascii_digit()) {
        s.pop();
    }
    if s.contains(',') {
        s = if s.contains('.') { s.replace(',', "") } else { s.replace(',', ".") };
    }
    let s = s.trim_start_matches('+');
    let bad = || (t!("`{text}` is not a number", text = text), t!("write a number, e.g. 250000 or 1,5"));
    let n: f64 = s.parse().map_err(|_| bad())?;
    if !n.is_finite() {
        return Err(bad());
    }
    if n.fract() == 0.0 && n.abs() < 9.0e15 { Ok(json!(n as i64)) } else { Ok(json!(n)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(parse_tag("fact.cost_eur"), Ok(Tag::Fact("cost_eur")));
        assert_eq!(parse_tag("answer.a.b.q"), Ok(Tag::Answer { alt: "a.b", question: "q" }));
        assert_eq!(
            parse_tag("impact.zero.-.children.mobility.direction"),
            Ok(Tag::Impact {
                alt: "zero",
                question: None,
                group: "children",
                domain: Some("mobility"),
                field: "direction"
            })
        );
        assert_eq!(parse_tag("side-by-side"), Ok(Tag::Output("comparison")));
        assert!(parse_tag("fakt.x").is_err());
        assert!(parse_tag("impact.zero.q.children.mobility.colour").is_err());
    }

    #[test]
    fn numbers() {
        assert_eq!(number("380 000").ok(), Some(json!(380000)));
        assert_eq!(number("1,5").ok(), Some(json!(1.5)));
        assert_eq!(number("\u{2212}165\u{a0}000 €").ok(), Some(json!(-165000)));
        assert_eq!(number("1,234.5").ok(), Some(json!(1234.5)));
        assert!(number("lots").is_err());
        assert!(number("inf").is_err());
    }

    #[test]
    fn directions() {
        assert_eq!(direction("−1 Kielteinen").ok(), Some(json!(-1)));
        assert_eq!(direction("+2").ok(), Some(json!(2)));
        assert_eq!(direction("Ei tiedossa").ok(), Some(json!("unknown")));
        assert!(direction("3").is_err());
    }
}
