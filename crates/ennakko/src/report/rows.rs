//! Many reports in long format, as columns: one row per alternative and
//! result (the total, each perspective, domain and group, each impact cell,
//! each named score), ready for a data frame. Every front end that offers
//! tables (Python's `rows` and `to_dataframe`) takes them from here.

use std::borrow::Cow;

use crate::checklist::model::FastMap;
use crate::decision::Direction;
use crate::report::{Report, ScoreRange};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text (ids, kinds, scale levels, the official's words); may be missing.
    Text,
    /// A number; may be missing.
    Number,
    /// True or false; may be missing.
    Flag,
    /// A whole number that is never missing (the report's position).
    Index,
}

impl ColumnKind {
    /// The kind's name: `text`, `number`, `flag` or `index`.
    ///
    /// ```
    /// assert_eq!(ennakko::report::rows::ColumnKind::Flag.name(), "flag");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            ColumnKind::Text => "text",
            ColumnKind::Number => "number",
            ColumnKind::Flag => "flag",
            ColumnKind::Index => "index",
        }
    }
}

/// The columns, in order, with what each holds.
pub const COLUMNS: [(&str, ColumnKind); 30] = [
    ("report", ColumnKind::Index),
    ("decision", ColumnKind::Text),
    ("decision_kind", ColumnKind::Text),
    ("checklist", ColumnKind::Text),
    ("verdict", ColumnKind::Text),
    ("alternative", ColumnKind::Text),
    ("alternative_kind", ColumnKind::Text),
    ("kind", ColumnKind::Text),
    ("id", ColumnKind::Text),
    ("perspective", ColumnKind::Text),
    ("domain", ColumnKind::Text),
    ("group", ColumnKind::Text),
    ("vulnerable", ColumnKind::Flag),
    ("question", ColumnKind::Text),
    ("value", ColumnKind::Number),
    ("low", ColumnKind::Number),
    ("high", ColumnKind::Number),
    ("direction", ColumnKind::Number),
    ("mitigated", ColumnKind::Flag),
    ("magnitude", ColumnKind::Text),
    ("likelihood", ColumnKind::Text),
    ("people", ColumnKind::Text),
    ("timing", ColumnKind::Text),
    ("reversibility", ColumnKind::Text),
    ("evidence", ColumnKind::Text),
    ("note", ColumnKind::Text),
    ("mitigation", ColumnKind::Text),
    ("evidence_source", ColumnKind::Text),
    ("completeness", ColumnKind::Number),
    ("equity_gap", ColumnKind::Number),
];

/// The scale levels of a cell that have a column each.
const LEVELS: [&str; 6] = ["magnitude", "likelihood", "people", "timing", "reversibility", "evidence"];

/// One column's values.
#[derive(Debug, Clone, PartialEq)]
pub enum Column<'a> {
    /// Texts, borrowed from the reports where they can be.
    Text(Vec<Option<Cow<'a, str>>>),
    /// Numbers.
    Number(Vec<Option<f64>>),
    /// Flags.
    Flag(Vec<Option<bool>>),
    /// Positions.
    Index(Vec<usize>),
}

/// One row while it is built: a value per column, in [`COLUMNS`] order.
#[derive(Clone)]
struct Row<'a>(Vec<Value<'a>>);

#[derive(Clone)]
enum Value<'a> {
    Text(Option<Cow<'a, str>>),
    Number(Option<f64>),
    Flag(Option<bool>),
    Index(usize),
}

impl<'a> Row<'a> {
    fn new(report: usize) -> Row<'a> {
        Row(COLUMNS
            .iter()
            .map(|(_, kind)| match kind {
                ColumnKind::Text => Value::Text(None),
                ColumnKind::Number => Value::Number(None),
                ColumnKind::Flag => Value::Flag(None),
                ColumnKind::Index => Value::Index(report),
            })
            .collect())
    }

    fn slot(&mut self, name: &str) -> Option<&mut Value<'a>> {
        let at = COLUMNS.iter().position(|(n, _)| *n == name)?;
        self.0.get_mut(at)
    }

    fn text(mut self, name: &str, value: Option<impl Into<Cow<'a, str>>>) -> Row<'a> {
        if let Some(slot) = self.slot(name) {
            *slot = Value::Text(value.map(Into::into));
        }
        self
    }

    fn number(mut self, name: &str, value: Option<f64>) -> Row<'a> {
        if let Some(slot) = self.slot(name) {
            *slot = Value::Number(value);
        }
        self
    }

    fn flag(mut self, name: &str, value: Option<bool>) -> Row<'a> {
        if let Some(slot) = self.slot(name) {
            *slot = Value::Flag(value);
        }
        self
    }

    fn scored(self, kind: &'static str, id: &'a str, score: &ScoreRange) -> Row<'a> {
        self.text("kind", Some(kind))
            .text("id", Some(id))
            .number("value", Some(score.value))
            .number("low", Some(score.low))
            .number("high", Some(score.high))
    }
}

/// The long-format rows of `reports`, as columns in [`COLUMNS`] order.
///
/// ```
/// let checklist = ennakko::Checklist::standard("eva").unwrap();
/// let text = "id: a\ntitle: T\nalternatives: [{id: p, kind: proposal, impacts: [{group: children, domain: health, direction: -1}]}]";
/// let report = checklist.score_str(text, ennakko::Format::Yaml).unwrap();
/// let columns = ennakko::report::rows::rows(&[&report]);
/// assert_eq!(columns.len(), ennakko::report::rows::COLUMNS.len());
/// let ennakko::report::rows::Column::Text(kinds) = &columns[7].1 else { panic!() };
/// assert!(kinds.iter().any(|k| k.as_deref() == Some("cell")));
/// ```
pub fn rows<'a>(reports: &[&'a Report]) -> Vec<(&'static str, Column<'a>)> {
    let mut all = Vec::new();
    for (position, report) in reports.iter().enumerate() {
        rows_of(position, report, &mut all);
    }
    columns(all)
}

fn rows_of<'a>(position: usize, report: &'a Report, out: &mut Vec<Row<'a>>) {
    let vocabulary = &report.vocabulary;
    let perspective_of: FastMap<&str, &str> =
        vocabulary.domains.iter().filter_map(|d| Some((d.id.as_str(), d.tag.as_deref()?))).collect();
    let vulnerable: FastMap<&str, bool> =
        vocabulary.groups.iter().map(|g| (g.id.as_str(), g.tag.as_deref() == Some("vulnerable"))).collect();
    for alt in &report.alternatives {
        let base = Row::new(position)
            .text("decision", Some(report.decision.id.as_str()))
            .text("decision_kind", report.decision.kind.as_deref())
            .text("checklist", Some(report.checklist.id.as_str()))
            .text("verdict", Some(report.verdict.level.name()))
            .text("alternative", Some(alt.id.as_str()))
            .text("alternative_kind", Some(alt.kind.name()))
            .number("completeness", Some(alt.completeness.ratio))
            .number("equity_gap", alt.equity.gap);
        out.push(base.clone().scored("total", "total", &alt.total));
        for e in &alt.perspectives {
            out.push(base.clone().scored("perspective", &e.id, &e.score).text("perspective", Some(e.id.as_str())));
        }
        for e in &alt.domains {
            let row = base.clone().scored("domain", &e.id, &e.score).text("domain", Some(e.id.as_str()));
            out.push(row.text("perspective", perspective_of.get(e.id.as_str()).copied()));
        }
        for e in &alt.groups {
            let row = base.clone().scored("group", &e.id, &e.score).text("group", Some(e.id.as_str()));
            out.push(row.flag("vulnerable", vulnerable.get(e.id.as_str()).copied()));
        }
        for cell in &alt.cells {
            let direction = match cell.direction {
                Direction::Value(v) => Some(f64::from(v)),
                Direction::Mixed | Direction::Unknown => None,
            };
            let mut row = base
                .clone()
                .text("kind", Some("cell"))
                .text("id", Some(format!("{}/{}", cell.group, cell.domain)))
                .text("group", Some(cell.group.as_str()))
                .text("domain", Some(cell.domain.as_str()))
                .text("perspective", Some(cell.perspective.as_str()))
                .text("question", cell.question.as_deref())
                .flag("vulnerable", vulnerable.get(cell.group.as_str()).copied())
                .number("value", Some(cell.value))
                .number("low", Some(cell.low))
                .number("high", Some(cell.high))
                .number("direction", direction)
                .flag("mitigated", Some(cell.mitigated))
                .text("note", cell.note.as_deref())
                .text("mitigation", cell.mitigation.as_deref())
                .text("evidence_source", cell.evidence_source.as_deref());
            for scale in LEVELS {
                row = row.text(scale, cell.levels.get(scale).map(String::as_str));
            }
            out.push(row);
        }
        for s in &alt.scores {
            out.push(base.clone().text("kind", Some("score")).text("id", Some(s.id.as_str())).number("value", s.value));
        }
    }
}

/// Rows turned into columns.
fn columns(rows: Vec<Row<'_>>) -> Vec<(&'static str, Column<'_>)> {
    let mut out: Vec<(&'static str, Column)> = COLUMNS
        .iter()
        .map(|(name, kind)| {
            let column = match kind {
                ColumnKind::Text => Column::Text(Vec::with_capacity(rows.len())),
                ColumnKind::Number => Column::Number(Vec::with_capacity(rows.len())),
                ColumnKind::Flag => Column::Flag(Vec::with_capacity(rows.len())),
                ColumnKind::Index => Column::Index(Vec::with_capacity(rows.len())),
            };
            (*name, column)
        })
        .collect();
    for row in rows {
        for ((_, column), value) in out.iter_mut().zip(row.0) {
            match (column, value) {
                (Column::Text(c), Value::Text(v)) => c.push(v),
                (Column::Number(c), Value::Number(v)) => c.push(v),
                (Column::Flag(c), Value::Flag(v)) => c.push(v),
                (Column::Index(c), Value::Index(v)) => c.push(v),
                // Every row is made by `Row::new` in column order.
                _ => {}
            }
        }
    }
    out
}
