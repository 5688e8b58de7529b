//! What every front end of the roll-up shares (re-exported by
//! [`crate::api`]): the output formats, adding a decision given as text,
//! reading and merging saved roll-ups, and one JSON-in / JSON-out call for
//! hosts without files (the WebAssembly package).

use std::str::FromStr;

use serde_json::Value;

use super::{Period, Rollup, render};
use crate::api::argument;
use crate::decision::{Decision, Format};
use crate::diagnostic::{Diagnostic, hint, quoted};
use crate::message::Message;
use crate::report::i18n::Lang;
use crate::{Checklist, Error, ErrorKind, Limits, t};

/// At most this many decisions in one roll-up call (the CLI's
/// `--max-files` default); more is `U0005`, found before any is read.
pub const MAX_DECISIONS: usize = 200_000;

/// At most this many bytes in one saved roll-up read back for merging (a
/// roll-up of 200,000 decisions with their follow-ups fits).
pub const MAX_ROLLUP_BYTES: usize = 1 << 30;

/// What a roll-up is printed as.
///
/// ```
/// use ennakko::api::RollupFormat;
/// assert_eq!("csv-impacts".parse::<RollupFormat>().unwrap(), RollupFormat::CsvImpacts);
/// assert_eq!("pdf".parse::<RollupFormat>().unwrap_err().code(), "A0001");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RollupFormat {
    /// The structured roll-up (`ennakko schema rollup`).
    Json,
    /// Markdown, the EVA section of a welfare report.
    Markdown,
    /// One self-contained HTML page with SVG charts.
    Html,
    /// CSV, one row per decision.
    CsvDecisions,
    /// CSV, one row per group and domain.
    CsvImpacts,
}

impl FromStr for RollupFormat {
    type Err = Error;

    fn from_str(name: &str) -> Result<RollupFormat, Error> {
        match name {
            "json" => Ok(RollupFormat::Json),
            "md" | "markdown" => Ok(RollupFormat::Markdown),
            "html" => Ok(RollupFormat::Html),
            "csv" | "csv-decisions" => Ok(RollupFormat::CsvDecisions),
            "csv-impacts" => Ok(RollupFormat::CsvImpacts),
            other => Err(argument(
                "A0001",
                t!("unknown roll-up format {}", quoted(other)),
                hint(other, ["json", "md", "html", "csv", "csv-impacts"]),
            )),
        }
    }
}

/// A finished roll-up printed as `format` in `lang` (JSON and CSV are the
/// same in every language).
///
/// ```
/// use ennakko::api::{Lang, RollupFormat, render_rollup};
/// use ennakko::rollup::{Period, Rollup};
/// let checklist = ennakko::Checklist::standard("eva").unwrap();
/// let empty = Rollup::new(&checklist, Period::new(None, None, None).unwrap()).finish();
/// assert!(render_rollup(&empty, RollupFormat::Html, Lang::Sv).contains("lang=\"sv\""));
/// ```
pub fn render_rollup(rollup: &Rollup, format: RollupFormat, lang: Lang) -> String {
    match format {
        RollupFormat::Json => serde_json::to_string(rollup).unwrap_or_default(),
        RollupFormat::Markdown => render::markdown(rollup, lang.code()),
        RollupFormat::Html => render::html(rollup, lang.code()),
        RollupFormat::CsvDecisions => render::csv_decisions(rollup),
        RollupFormat::CsvImpacts => render::csv_impacts(rollup),
    }
}

/// A decision file of a roll-up that could not be read (`U0004`): it is
/// listed in `skipped` with this, never dropped.
///
/// ```
/// let d = ennakko::api::unreadable("permission denied");
/// assert_eq!(d.code, "U0004");
/// ```
pub fn unreadable(error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error("U0004", t!("cannot read the file: {e}", e = error))
        .with_help(t!("check the path, its permissions and encoding (UTF-8)"))
}

/// Reads a decision given as text (within `checklist`'s limits) and adds
/// it; one that cannot be read, or names another checklist than `spec`
/// (`U0108`), is listed in `skipped`.
///
/// ```
/// use ennakko::rollup::{Period, Rollup};
/// let checklist = ennakko::Checklist::standard("eva").unwrap();
/// let mut rollup = Rollup::new(&checklist, Period::new(None, None, None).unwrap());
/// ennakko::api::add_decision_text(&mut rollup, &checklist, "eva", "a.yaml", "id: [", ennakko::Format::Yaml);
/// assert_eq!(rollup.finish().coverage.skipped_errors, 1);
/// ```
pub fn add_decision_text(
    rollup: &mut Rollup,
    checklist: &Checklist,
    spec: &str,
    source: &str,
    text: &str,
    format: Format,
) {
    match Decision::from_str(text, format, checklist.limits()) {
        Ok(decision) => add_decision(rollup, checklist, spec, source, &decision),
        Err(e) => rollup.skip_errors(source, e.diagnostics),
    }
}

/// Adds a decision already read, unless it names another checklist than
/// `spec` (the checklist's name as the caller gave it) or the checklist's
/// own id: that one is `U0108`, listed in `skipped`, not scored with the
/// wrong checklist.
///
/// ```
/// use ennakko::rollup::{Period, Rollup};
/// let checklist = ennakko::Checklist::standard("eva").unwrap();
/// let text = "checklist: children\nid: a\ntitle: T\nalternatives: [{id: p, kind: proposal}]";
/// let decision = ennakko::Decision::from_str(text, ennakko::Format::Yaml, checklist.limits()).unwrap();
/// let mut rollup = Rollup::new(&checklist, Period::new(None, None, None).unwrap());
/// ennakko::api::add_decision(&mut rollup, &checklist, "eva", "a.yaml", &decision);
/// assert_eq!(rollup.finish().skipped[0].diagnostics[0].code, "U0108");
/// ```
pub fn add_decision(rollup: &mut Rollup, checklist: &Checklist, spec: &str, source: &str, decision: &Decision) {
    match decision.checklist.as_deref() {
        Some(named) if named != spec && named != checklist.model().id => {
            let d = Diagnostic::error(
                "U0108",
                t!(
                    "the decision names the checklist `{named}`; the roll-up scores with `{spec}`",
                    named = named,
                    spec = spec
                ),
            )
            .with_help(t!("roll up decisions of one checklist at a time, or fix the decision's `checklist`"))
            .at_path("$.checklist");
            rollup.skip_errors(source, vec![d]);
        }
        _ => rollup.add(checklist, source, decision),
    }
}

/// Reads a roll-up saved as JSON (what `ennakko rollup --format json`
/// prints), at most `max_bytes` long. Not a roll-up is `U0006` naming the
/// source.
///
/// ```
/// use ennakko::rollup::{Period, Rollup};
/// let checklist = ennakko::Checklist::standard("eva").unwrap();
/// let saved = serde_json::to_string(&Rollup::new(&checklist, Period::new(None, None, None).unwrap()).finish()).unwrap();
/// assert!(ennakko::api::read_rollup(&saved, "a.json", 1 << 20).is_ok());
/// assert_eq!(ennakko::api::read_rollup("{}", "a.json", 1 << 20).unwrap_err().code(), "U0006");
/// ```
pub fn read_rollup(text: &str, source: &str, max_bytes: usize) -> Result<Rollup, Error> {
    let saved = |message: Message, at: (usize, usize)| {
        let mut d = Diagnostic::error("U0006", message)
            .with_help(t!("give roll-ups saved with `ennakko rollup --format json`"));
        (d.line, d.column) = (Some(at.0), Some(at.1));
        Error::one(ErrorKind::Decision, d).in_file(source)
    };
    if text.len() > max_bytes {
        return Err(saved(
            t!("the roll-up is {} bytes, over the limit of {max_bytes}", text.len(); max_bytes = max_bytes),
            (1, 1),
        ));
    }
    serde_json::from_str(text)
        .map_err(|e| saved(t!("not a saved roll-up: {e}", e = e), (e.line().max(1), e.column().max(1))))
}

/// Merges saved roll-ups of disjoint parts of one period into the roll-up
/// of the whole (finished). Parts of other periods or checklists are
/// `U0003`; none at all is `U0006`.
///
/// ```
/// use ennakko::rollup::{Period, Rollup};
/// let checklist = ennakko::Checklist::standard("eva").unwrap();
/// let part = || Rollup::new(&checklist, Period::new(Some("2026-01-01"), Some("2026-12-31"), None).unwrap()).finish();
/// assert_eq!(ennakko::api::merge_rollups(vec![part(), part()]).unwrap().coverage.screened, 0);
/// ```
pub fn merge_rollups(parts: Vec<Rollup>) -> Result<Rollup, Error> {
    let mut parts = parts.into_iter();
    let Some(mut whole) = parts.next() else {
        let d = Diagnostic::error("U0006", t!("no roll-ups to merge")).with_help(t!("give at least one saved roll-up"));
        return Err(Error::one(ErrorKind::Decision, d));
    };
    for part in parts {
        whole.merge(part).map_err(|d| Error::one(ErrorKind::Decision, *d))?;
    }
    Ok(whole.finish())
}

/// One roll-up for a host without files: a JSON request in, the roll-up
/// printed as asked out. The request:
///
/// `{"decisions": [text | {"name": ..., "text": ...}, ...], "from": ..., "to": ...,
/// "as_of": ..., "checklist": "eva", "format": "json", "lang": "fi", "limits": {...}}`
///
/// Decisions are JSON or YAML texts (named `decisions[i]` unless given a
/// name); only a standard checklist can be named. A request of another
/// shape is `A0004` with its JSON path; a bad date `U0001`/`U0002`; more
/// than [`MAX_DECISIONS`] decisions `U0005`. A decision that cannot be read
/// or scored is listed in the roll-up's `skipped`, never dropped.
///
/// ```
/// let request = r#"{"decisions": ["id: a\ntitle: T\ndecided: {date: 2026-03-16, body: board, sector: other}\nalternatives: [{id: p, kind: proposal}]"],
///                   "from": "2026-01-01", "to": "2026-12-31"}"#;
/// let rollup: serde_json::Value = serde_json::from_str(&ennakko::api::rollup_json(request).unwrap()).unwrap();
/// assert_eq!(rollup["coverage"]["screened"], 1);
/// assert_eq!(ennakko::api::rollup_json(r#"{"decisions": 1}"#).unwrap_err().code(), "A0004");
/// ```
pub fn rollup_json(request: &str) -> Result<String, Error> {
    let request: Value =
        serde_json::from_str(request).map_err(|e| shape("$", t!("the roll-up request is not JSON: {e}", e = e)))?;
    let Value::Object(fields) = &request else {
        return Err(shape("$", t!("the roll-up request must be an object")));
    };
    const KNOWN: [&str; 8] = ["decisions", "from", "to", "as_of", "checklist", "format", "lang", "limits"];
    if let Some(unknown) = fields.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        let d = Diagnostic::error("A0004", t!("unknown roll-up option {}", quoted(unknown)))
            .with_help(hint(unknown, KNOWN))
            .at_path(format!("$.{unknown}"));
        return Err(Error::one(ErrorKind::Argument, d));
    }
    let text = |name: &str| match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(shape(&format!("$.{name}"), t!("`{name}` must be a text", name = name))),
    };
    let format: RollupFormat = text("format")?.unwrap_or("json").parse()?;
    let lang: Lang = text("lang")?.unwrap_or("fi").parse()?;
    let period =
        Period::new(text("from")?, text("to")?, text("as_of")?).map_err(|d| Error::one(ErrorKind::Decision, *d))?;
    let limits: Limits = fields.get("limits").map_or(Ok(Limits::default()), crate::api::limits_from_json)?;
    let spec = text("checklist")?.unwrap_or(crate::checklist::stdlib::DEFAULT);
    let checklist = crate::api::standard_for_document(Some(spec), limits)?;
    let decisions = decision_texts(fields.get("decisions"))?;
    let mut rollup = Rollup::new(&checklist, period);
    for (source, text) in decisions {
        add_decision_text(&mut rollup, &checklist, spec, &source, text, Format::sniff(text));
    }
    Ok(render_rollup(&rollup.finish(), format, lang))
}

/// The request's decisions as (source, text), checked for shape and count
/// before any is read.
fn decision_texts(given: Option<&Value>) -> Result<Vec<(String, &str)>, Error> {
    let Some(Value::Array(items)) = given else {
        return Err(shape("$.decisions", t!("`decisions` must be a list of decision texts")));
    };
    if items.len() > MAX_DECISIONS {
        let d =
            Diagnostic::error("U0005", t!("{} decisions, over the limit of {max}", items.len(); max = MAX_DECISIONS))
                .with_help(t!("roll up parts of the archive and merge the saved roll-ups"))
                .at_path("$.decisions");
        return Err(Error::one(ErrorKind::Decision, d));
    }
    items.iter().enumerate().map(|(i, item)| decision_text(i, item)).collect()
}

/// One decision of the request: its text, or `{"name": ..., "text": ...}`.
fn decision_text(i: usize, item: &Value) -> Result<(String, &str), Error> {
    match item {
        Value::String(text) => Ok((format!("decisions[{i}]"), text.as_str())),
        Value::Object(o) => match (o.get("name"), o.get("text")) {
            (Some(Value::String(name)), Some(Value::String(text))) if o.len() == 2 => Ok((name.clone(), text.as_str())),
            _ => Err(shape(&format!("$.decisions[{i}]"), t!("a named decision is `{{\"name\": ..., \"text\": ...}}`"))),
        },
        _ => Err(shape(&format!("$.decisions[{i}]"), t!("a decision is given as its JSON or YAML text"))),
    }
}

/// `A0004`: the request is not of the documented shape, at `path`.
fn shape(path: &str, message: Message) -> Error {
    let d = Diagnostic::error("A0004", message)
        .with_help(t!("see docs/rollup.md: {{\"decisions\": [text, ...], \"from\": \"2026-01-01\", ...}}"))
        .at_path(path);
    Error::one(ErrorKind::Argument, d)
}
