//! The façade every front end calls: the policies the CLI, the Python
//! module and the WebAssembly package share, decided here once.
//!
//! - which language a report speaks ([`Lang`], [`Lang::for_report`]), and
//!   which language problems are told in ([`diagnostics_language`],
//!   [`crate::Error::in_language`]);
//! - which format a text is in ([`Format::sniff`], [`Format::named`]) and
//!   which output is asked for ([`ReportFormat`]);
//! - limits given as a map by name, with suggestions for misspelt names
//!   ([`limits_from_json`]);
//! - which checklist scores a document ([`checklist_spec`],
//!   [`standard_for_document`]);
//! - the questions view a form shows ([`questions`]);
//! - roll-ups of a period's decisions: formats ([`RollupFormat`]), decisions
//!   given as text ([`add_decision_text`]), saved roll-ups read and merged
//!   ([`read_rollup`], [`merge_rollups`]), and one JSON-in / JSON-out call
//!   for hosts without files ([`rollup_json`]); see docs/rollup.md;
//! - text in, text out for hosts that hold no Rust values ([`json`]: the
//!   WebAssembly package's calls).
//!
//! Front ends are adapters: they turn their own values into these types and
//! map [`Error`] to their own exceptions by [`crate::ErrorKind`].

use crate::message::Message;
use crate::t;
use std::str::FromStr;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::checklist::describe::{Description, Field};
use crate::checklist::{load, stdlib};
use crate::decision::{AlternativeKind, Decision, Format};
use crate::diagnostic::{Diagnostic, hint, quoted};
use crate::report::{Completeness, Report};
use crate::{Checklist, Error, ErrorKind, Limits};

pub mod json;

pub use crate::report::i18n::Lang;
pub use crate::rollup::front::{
    MAX_ROLLUP_BYTES, RollupFormat, add_decision, add_decision_text, merge_rollups, read_rollup, render_rollup,
    rollup_json, unreadable,
};

/// The language a front end shows problems in, as its caller gave it:
/// `fi`, `sv` or `en`; none (or empty) is English, the language codes and
/// checklist syntax are written in. Any other is the argument error
/// `A0001`, with a suggestion. Every binding's `lang` for diagnostics is
/// read here, and the error it gets is then told in that language with
/// [`Error::in_language`].
///
/// ```
/// use ennakko::api::{Lang, diagnostics_language};
/// assert_eq!(diagnostics_language(Some("sv")).unwrap(), Lang::Sv);
/// assert_eq!(diagnostics_language(None).unwrap(), Lang::En);
/// let err = diagnostics_language(Some("fin")).unwrap_err();
/// assert_eq!(err.code(), "A0001");
/// assert_eq!(err.diagnostics[0].help.as_deref(), Some("did you mean `fi`?"));
/// ```
pub fn diagnostics_language(asked: Option<&str>) -> Result<Lang, Error> {
    Ok(Lang::for_diagnostics(Lang::asked(asked)?, None))
}

/// Diagnostics told in `lang` (see [`Diagnostic::in_language`]): for
/// diagnostics a front end hands back as data rather than in an error
/// (compile warnings, a template's problems).
///
/// ```
/// use ennakko::api::{Lang, diagnostics_in};
/// let err = ennakko::Checklist::standard("evaa").unwrap_err();
/// let sv = diagnostics_in(&err.diagnostics, Lang::Sv);
/// assert_eq!(sv[0].help.as_deref(), Some("menade du `eva`?"));
/// ```
pub fn diagnostics_in(diagnostics: &[Diagnostic], lang: Lang) -> Vec<Diagnostic> {
    diagnostics.iter().map(|d| d.in_language(lang)).collect()
}

/// An argument error (`A` codes): a front end was called with a value it
/// does not know.
pub(crate) fn argument(code: &str, message: Message, help: Message) -> Error {
    Error::one(ErrorKind::Argument, Diagnostic::error(code, message).with_help(help))
}

impl Format {
    /// The format of a text: JSON when it starts with `{` or `[` (after a
    /// byte order mark and white space), else YAML.
    ///
    /// ```
    /// use ennakko::Format;
    /// assert_eq!(Format::sniff(" {\"id\": 1}"), Format::Json);
    /// assert_eq!(Format::sniff("id: 1"), Format::Yaml);
    /// ```
    pub fn sniff(text: &str) -> Format {
        Format::sniff_bytes(text.as_bytes())
    }

    /// [`Format::sniff`] for bytes not yet known to be text (what a host
    /// was given): a byte order mark and JSON's white space are skipped.
    ///
    /// ```
    /// use ennakko::Format;
    /// assert_eq!(Format::sniff_bytes(b"\xef\xbb\xbf\n [1]"), Format::Json);
    /// assert_eq!(Format::sniff_bytes(b"\xff"), Format::Yaml);
    /// ```
    pub fn sniff_bytes(bytes: &[u8]) -> Format {
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{' | b'[') => Format::Json,
            _ => Format::Yaml,
        }
    }

    /// A format a caller may leave open: `None`, `auto` or empty leave it
    /// to [`Format::sniff`] when the text is read (`None`); otherwise as
    /// [`Format::named`].
    ///
    /// ```
    /// use ennakko::Format;
    /// assert_eq!(Format::given(Some("yml")).unwrap(), Some(Format::Yaml));
    /// assert_eq!(Format::given(Some("auto")).unwrap(), None);
    /// assert_eq!(Format::given(Some("xml")).unwrap_err().code(), "A0001");
    /// ```
    pub fn given(name: Option<&str>) -> Result<Option<Format>, Error> {
        match name {
            None | Some("" | "auto") => Ok(None),
            Some(name) => Format::named(name, "").map(Some),
        }
    }

    /// A format by name: `json`, `yaml` (or `yml`), or `auto` / empty to
    /// [sniff](Format::sniff) `text`.
    ///
    /// ```
    /// use ennakko::Format;
    /// assert_eq!(Format::named("auto", "{}").unwrap(), Format::Json);
    /// assert_eq!(Format::named("xml", "").unwrap_err().code(), "A0001");
    /// ```
    pub fn named(name: &str, text: &str) -> Result<Format, Error> {
        match name {
            "json" => Ok(Format::Json),
            "yaml" | "yml" => Ok(Format::Yaml),
            "" | "auto" => Ok(Format::sniff(text)),
            other => Err(argument(
                "A0001",
                t!("unknown decision format {}", quoted(other)),
                hint(other, ["json", "yaml", "auto"]),
            )),
        }
    }
}

/// What a report is printed as.
///
/// ```
/// use ennakko::api::ReportFormat;
/// assert_eq!("md".parse::<ReportFormat>().unwrap(), ReportFormat::Markdown);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// The structured report.
    Json,
    /// Markdown, to paste into a decision proposal.
    Markdown,
    /// A self-contained HTML page.
    Html,
}

impl FromStr for ReportFormat {
    type Err = Error;

    fn from_str(name: &str) -> Result<ReportFormat, Error> {
        match name {
            "json" => Ok(ReportFormat::Json),
            "md" | "markdown" => Ok(ReportFormat::Markdown),
            "html" => Ok(ReportFormat::Html),
            other => Err(argument(
                "A0001",
                t!("unknown report format {}", quoted(other)),
                hint(other, ["json", "md", "html"]),
            )),
        }
    }
}

/// A report printed as `format` in `lang` (JSON is the same in every
/// language).
///
/// ```
/// use ennakko::api::{Lang, ReportFormat, render};
/// let checklist = ennakko::Checklist::standard("eva").unwrap();
/// let report = checklist.score_str("id: a\ntitle: T\nalternatives: [{id: p, kind: proposal}]", ennakko::Format::Yaml).unwrap();
/// assert!(render(&report, ReportFormat::Html, Lang::Sv).contains("lang=\"sv\""));
/// ```
pub fn render(report: &Report, format: ReportFormat, lang: Lang) -> String {
    match format {
        ReportFormat::Json => serde_json::to_string_pretty(report).map(|t| t + "\n").unwrap_or_default(),
        ReportFormat::Markdown => crate::report::render::markdown(report, lang.code()),
        ReportFormat::Html => crate::report::render::html(report, lang.code()),
    }
}

/// Limits given as a JSON object by name (some of them; the rest keep
/// their defaults). A misspelt name is an error with a suggestion, never
/// ignored; a value that is not a whole number of zero or more is too.
///
/// ```
/// use ennakko::Limits;
/// let limits: Limits = ennakko::api::limits_from_json(&serde_json::json!({"max_eval_steps": 5})).unwrap();
/// assert_eq!(limits.max_eval_steps, 5);
/// let err = ennakko::api::limits_from_json::<Limits>(&serde_json::json!({"max_eval_step": 5})).unwrap_err();
/// assert_eq!(err.code(), "A0002");
/// assert!(err.diagnostics[0].help.as_deref().unwrap().contains("max_eval_steps"));
/// ```
pub fn limits_from_json<T: Default + Serialize + DeserializeOwned>(given: &serde_json::Value) -> Result<T, Error> {
    let serde_json::Value::Object(given) = given else {
        return Err(argument(
            "A0003",
            t!("the limits must be a map of limit names to numbers"),
            t!("for example {\"max_eval_steps\": 100000}"),
        ));
    };
    let defaults = serde_json::to_value(T::default()).unwrap_or_default();
    let known: Vec<&str> = defaults.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    if let Some(unknown) = given.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(argument("A0002", t!("unknown limit {}", quoted(unknown)), hint(unknown, known)));
    }
    let mut merged = defaults.clone();
    if let Some(all) = merged.as_object_mut() {
        all.extend(given.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    serde_json::from_value(merged).map_err(|e| {
        argument("A0003", t!("invalid limits: {e}", e = e), t!("every limit is a whole number of zero or more"))
    })
}

/// The checklist that scores a document: the one the caller gave, else the
/// one the document names in its `checklist` field, else the default
/// standard checklist ([`stdlib::DEFAULT`]).
///
/// ```
/// assert_eq!(ennakko::api::checklist_spec(None, Some("children")), "children");
/// assert_eq!(ennakko::api::checklist_spec(Some("my.eva"), Some("children")), "my.eva");
/// assert_eq!(ennakko::api::checklist_spec(None, None), "eva");
/// ```
pub fn checklist_spec<'a>(given: Option<&'a str>, named: Option<&'a str>) -> &'a str {
    given.or(named).unwrap_or(stdlib::DEFAULT)
}

/// The standard checklist a document without a folder (text, bytes, an
/// object) names, or the default one: a file name is refused (`E0601`),
/// because there is no folder to find it in and a document must not make a
/// host read files.
///
/// ```
/// let eva = ennakko::api::standard_for_document(None, Default::default()).unwrap();
/// assert_eq!(eva.model().id, "eva");
/// let err = ennakko::api::standard_for_document(Some("/etc/passwd"), Default::default()).unwrap_err();
/// assert_eq!(err.code(), "E0601");
/// ```
pub fn standard_for_document(named: Option<&str>, limits: Limits) -> Result<Checklist, Error> {
    let spec = checklist_spec(None, named);
    load::named_without_folder(spec)?;
    Checklist::standard_with(spec, limits)
}

/// A decision document's bytes as text: UTF-8, else `D0001` (naming
/// `file`, if it came from one). Bytes over `limit` become text however
/// they are encoded, so that reading them stops at the size limit (`D0002`)
/// rather than at an encoding error somewhere in the middle.
///
/// ```
/// let err = ennakko::api::decision_text(vec![b'a', 0xff], 100, Some("d.yaml")).unwrap_err();
/// assert_eq!((err.code(), err.diagnostics[0].file.as_deref()), ("D0001", Some("d.yaml")));
/// assert!(ennakko::api::decision_text(vec![0xff; 3], 2, None).is_ok());
/// ```
pub fn decision_text(bytes: Vec<u8>, limit: usize, file: Option<&str>) -> Result<String, Error> {
    if bytes.len() > limit {
        return Ok(String::from_utf8_lossy(&bytes).into_owned());
    }
    String::from_utf8(bytes).map_err(|e| {
        let d = Diagnostic::error("D0001", t!("the decision is not valid UTF-8: {e}", e = e))
            .with_help(t!("save the document as UTF-8"));
        let error = Error::one(ErrorKind::Decision, d);
        match file {
            Some(file) => error.in_file(file),
            None => error,
        }
    })
}

/// Reads a decision document given as text in `format` (`None`: as
/// [`Format::sniff`] says), naming `file` in every diagnostic if it came
/// from one (as the CLI does).
///
/// ```
/// let limits = ennakko::Limits::default();
/// let decision = ennakko::api::read_decision("{\"id\": \"a\", \"title\": \"T\", \"alternatives\": []}", None, None, &limits).unwrap();
/// assert_eq!(decision.id, "a");
/// let err = ennakko::api::read_decision("id: [", None, Some("d.yaml"), &limits).unwrap_err();
/// assert_eq!(err.diagnostics[0].file.as_deref(), Some("d.yaml"));
/// ```
pub fn read_decision(
    text: &str,
    format: Option<Format>,
    file: Option<&str>,
    limits: &Limits,
) -> Result<Decision, Error> {
    let format = format.unwrap_or_else(|| Format::sniff(text));
    Decision::from_str(text, format, limits).map_err(|e| match file {
        Some(file) => e.in_file(file),
        None => e,
    })
}

/// Which questions apply and which are missing, per alternative: what a
/// form shows beside its fields.
#[derive(Debug, Serialize)]
pub struct Questions<'a> {
    /// Per alternative, in the decision's order: its completeness.
    pub alternatives: Vec<AlternativeQuestions<'a>>,
    /// Every question of the checklist, in checklist order, with the
    /// alternatives it applies to and those where it is missing.
    pub questions: Vec<QuestionState<'a>>,
}

/// The questions of one alternative.
#[derive(Debug, Serialize)]
pub struct AlternativeQuestions<'a> {
    /// Alternative id.
    pub id: &'a str,
    /// Zero option, proposal or other.
    pub kind: AlternativeKind,
    /// Title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    /// Applicable, not applicable and missing questions.
    pub completeness: &'a Completeness,
}

/// A question and where it applies.
#[derive(Debug, Serialize)]
pub struct QuestionState<'a> {
    /// The question as described by the checklist.
    #[serde(flatten)]
    pub field: &'a Field,
    /// Ids of the alternatives it applies to.
    pub applies: Vec<&'a str>,
    /// Ids of the alternatives where it is required, applies and is not
    /// (fully) answered.
    pub missing: Vec<&'a str>,
}

/// The questions view of a scored decision.
///
/// ```
/// let checklist = ennakko::Checklist::standard("eva").unwrap();
/// let description = checklist.describe();
/// let report = checklist.score_str("id: a\ntitle: T\nalternatives: [{id: p, kind: proposal}]", ennakko::Format::Yaml).unwrap();
/// let view = ennakko::api::questions(&description, &report);
/// assert_eq!(view.alternatives[0].id, "p");
/// assert_eq!(view.questions.len(), description.questions.len());
/// ```
pub fn questions<'a>(description: &'a Description, report: &'a Report) -> Questions<'a> {
    let alternatives: Vec<AlternativeQuestions> = report
        .alternatives
        .iter()
        .map(|a| AlternativeQuestions {
            id: &a.id,
            kind: a.kind,
            title: a.title.as_deref(),
            completeness: &a.completeness,
        })
        .collect();
    let questions = description
        .questions
        .iter()
        .map(|field| QuestionState {
            field,
            applies: alternatives
                .iter()
                .filter(|a| a.completeness.applicable.contains(&field.id))
                .map(|a| a.id)
                .collect(),
            missing: alternatives
                .iter()
                .filter(|a| a.completeness.missing.iter().any(|m| m.question == field.id))
                .map(|a| a.id)
                .collect(),
        })
        .collect();
    Questions { alternatives, questions }
}
