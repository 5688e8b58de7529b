//! Decision document templates with the EVA checks inside: Markdown (YAML
//! front matter), HTML (a YAML block and `data-eva` form fields) and Word
//! `.docx` (content controls tagged `eva:...`).
//!
//! Everything works on bytes in memory, so the CLI, Python and WebAssembly
//! share it: [`init`] writes a blank form that asks what applies,
//! [`check`] reads a filled one and lists what is missing or wrong,
//! and [`fill`] scores the decision and writes the results (verdict, impact
//! matrix, findings, what is missing) into a copy. The convention is in
//! `docs/templates.md`; errors have `T` codes (`docs/errors.md`).
//!
//! ```
//! use ennakko::Checklist;
//! use ennakko_templates::{self as template, TemplateFormat};
//! let checklist = Checklist::standard("eva").unwrap();
//! let blank = template::init(&checklist, TemplateFormat::Markdown, "en");
//! let checked = template::check(&checklist, &blank, TemplateFormat::Markdown).unwrap();
//! assert!(checked.problems.iter().any(|d| d.code == "T0201")); // unanswered questions
//! let filled = template::fill(&checklist, &blank, TemplateFormat::Markdown, None).unwrap();
//! assert!(String::from_utf8(filled).unwrap().contains("<!-- /eva:results -->"));
//! ```

mod docx;
mod fields;
pub mod front;
mod html;
mod markdown;
mod markers;
mod problems;
pub mod schema;
mod words;
mod yaml_pos;

use ennakko::t;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use ennakko::decision::{Decision, Format};
use ennakko::diagnostic::{Diagnostic, Severity};
use ennakko::message::Arg;
use ennakko::report::Report;
use ennakko::report::render::Block;
use ennakko::{Checklist, Error, ErrorKind, Limits};

use problems::Problems;

pub use fields::OUTPUTS;

/// The document formats templates come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum TemplateFormat {
    /// Markdown with YAML front matter.
    #[serde(rename = "md")]
    Markdown,
    /// HTML with a YAML block and `data-eva` fields.
    #[serde(rename = "html")]
    Html,
    /// Word (Office Open XML) with content controls.
    #[serde(rename = "docx")]
    Docx,
}

impl TemplateFormat {
    /// The short name: `md`, `html`, `docx`.
    pub fn name(self) -> &'static str {
        match self {
            TemplateFormat::Markdown => "md",
            TemplateFormat::Html => "html",
            TemplateFormat::Docx => "docx",
        }
    }

    /// Reads `md`/`markdown`, `html`/`htm`, `docx`.
    ///
    /// ```
    /// use ennakko_templates::TemplateFormat;
    /// assert_eq!(TemplateFormat::from_name("Markdown"), Some(TemplateFormat::Markdown));
    /// ```
    pub fn from_name(name: &str) -> Option<TemplateFormat> {
        match name.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(TemplateFormat::Markdown),
            "html" | "htm" => Some(TemplateFormat::Html),
            "docx" => Some(TemplateFormat::Docx),
            _ => None,
        }
    }

    /// The format of a file name, by its extension.
    ///
    /// ```
    /// use ennakko_templates::TemplateFormat;
    /// assert_eq!(TemplateFormat::from_path("a/päätös.DOCX"), Some(TemplateFormat::Docx));
    /// ```
    pub fn from_path(path: &str) -> Option<TemplateFormat> {
        let ext = path.rsplit_once('.')?.1;
        TemplateFormat::from_name(ext)
    }

    /// Guesses the format from the content: a zip is `.docx`, a document
    /// starting with `---` is Markdown, one with an `<html` or `<!DOCTYPE`
    /// near the start is HTML.
    ///
    /// ```
    /// use ennakko_templates::TemplateFormat;
    /// assert_eq!(TemplateFormat::sniff(b"---\nid: x\n---\n"), Some(TemplateFormat::Markdown));
    /// ```
    pub fn sniff(bytes: &[u8]) -> Option<TemplateFormat> {
        if bytes.starts_with(b"PK\x03\x04") {
            return Some(TemplateFormat::Docx);
        }
        let head = &bytes[..bytes.len().min(2048)];
        let head = String::from_utf8_lossy(head).to_ascii_lowercase();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with("---") {
            Some(TemplateFormat::Markdown)
        } else if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<html") {
            Some(TemplateFormat::Html)
        } else {
            None
        }
    }
}

/// Limits for untrusted template documents.
///
/// ```
/// let limits = ennakko_templates::TemplateLimits::default();
/// assert!(limits.max_zip_entries >= 100);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct TemplateLimits {
    /// Largest template document, in bytes (T0002).
    pub max_bytes: usize,
    /// Most entries in a `.docx` zip archive (T0004).
    pub max_zip_entries: usize,
    /// Largest uncompressed zip part that is read, in bytes (T0004).
    pub max_part_bytes: u64,
    /// Most `eva` fields in one document (T0004).
    pub max_fields: usize,
}

impl Default for TemplateLimits {
    fn default() -> TemplateLimits {
        TemplateLimits { max_bytes: 32 << 20, max_zip_entries: 4096, max_part_bytes: 64 << 20, max_fields: 50_000 }
    }
}

/// The problems of a template inside this module; it leaves the module as
/// an [`Error`] of kind [`ErrorKind::Template`].
#[derive(Debug)]
pub(crate) struct TemplateError {
    /// The problems, each with a `T` (template) or `D` (decision) code.
    pub diagnostics: Vec<Diagnostic>,
}

impl From<Diagnostic> for TemplateError {
    fn from(d: Diagnostic) -> TemplateError {
        TemplateError { diagnostics: vec![d] }
    }
}

impl From<TemplateError> for Error {
    fn from(e: TemplateError) -> Error {
        Error::new(ErrorKind::Template, e.diagnostics)
    }
}

/// What [`check`] found in a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TemplateCheck {
    /// The document's format.
    pub format: TemplateFormat,
    /// The checklist the template names, if it names one.
    pub checklist: Option<String>,
    /// The `eva:` fields found, in document order (none for Markdown, whose
    /// values are in the front matter).
    pub fields: Vec<String>,
    /// The result placeholders found (`results`, `verdict`...).
    pub outputs: Vec<String>,
    /// The decision the template holds, if it could be read.
    pub decision: Option<Decision>,
    /// The assessment, if the decision could be scored.
    pub report: Option<Report>,
    /// Everything unanswered, inconsistent or wrong: errors first, then
    /// warnings, each in document order. `path` names the field
    /// (`eva:answer.plan.affects_children`) when the value came from a field,
    /// else the JSON path in the front matter; `line` and `column` point into
    /// Markdown and HTML text.
    pub problems: Vec<Diagnostic>,
}

impl TemplateCheck {
    /// How many problems are errors (the template cannot be filled).
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// No errors and every required answer given.
    pub fn is_complete(&self) -> bool {
        self.report.is_some() && !self.problems.iter().any(|d| d.severity == Severity::Error || is_missing(d))
    }
}

/// Whether a problem is a missing required answer.
pub fn is_missing(d: &Diagnostic) -> bool {
    d.code == "T0201" || d.code == "T0202"
}

/// A [`TemplateCheck`] with the conclusions every front end draws from it,
/// drawn here once: what the CLI prints and the bindings return.
///
/// ```
/// use ennakko::Checklist;
/// use ennakko_templates::{self as template, Summary, TemplateFormat};
/// let checklist = Checklist::standard("eva").unwrap();
/// let blank = template::init(&checklist, TemplateFormat::Markdown, "fi");
/// let check = template::check(&checklist, &blank, TemplateFormat::Markdown).unwrap();
/// let summary = Summary::of(&check);
/// assert!(!summary.complete);
/// assert!(summary.missing.iter().all(|&i| template::is_missing(&check.problems[i])));
/// ```
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "TemplateCheck")]
pub struct Summary<'a> {
    /// Fields, outputs, decision, report and problems.
    #[serde(flatten)]
    pub check: &'a TemplateCheck,
    /// How many problems are errors (the template cannot be filled).
    pub errors: usize,
    /// Positions in `problems` of the required answers not given.
    pub missing: Vec<usize>,
    /// No errors and every required answer given.
    pub complete: bool,
}

impl<'a> Summary<'a> {
    /// The summary of a check.
    pub fn of(check: &'a TemplateCheck) -> Summary<'a> {
        let missing = check.problems.iter().enumerate().filter(|(_, d)| is_missing(d)).map(|(i, _)| i).collect();
        Summary { check, errors: check.errors(), missing, complete: check.is_complete() }
    }
}

/// A filled template and what was found while filling it.
#[derive(Debug, Clone, PartialEq)]
pub struct Filled {
    /// The new document.
    pub bytes: Vec<u8>,
    /// The check of the template (warnings only: fill fails on errors).
    pub check: TemplateCheck,
}

// ---- public functions -------------------------------------------------------------

/// A blank template for a zero option and a proposal, in `lang` (`fi`,
/// `sv`, `en`), with a place for the results: a form asking every fact and
/// the questions that apply before anything is answered (the screening
/// questions); [`fill`] adds the impact questions the answers call for.
pub fn init(checklist: &Checklist, format: TemplateFormat, lang: &str) -> Vec<u8> {
    init_with(checklist, format, lang, &InitOptions::default())
}

/// What [`init_with`] puts in a template besides the checklist's questions.
#[derive(Debug, Clone, Default)]
pub struct InitOptions<'a> {
    /// A decision whose values and alternatives prefill the template.
    pub decision: Option<&'a Decision>,
    /// How the template names its checklist [default: the decision's
    /// `checklist`, else the checklist's id]; e.g. a `.eva` file's path
    /// relative to where the template is stored.
    pub checklist_name: Option<String>,
}

/// A template with options: see [`InitOptions`].
pub fn init_with(checklist: &Checklist, format: TemplateFormat, lang: &str, options: &InitOptions) -> Vec<u8> {
    let mut form = Form::new(checklist, options.decision, lang);
    if let Some(name) = &options.checklist_name {
        form.checklist_name = name.clone();
    }
    match format {
        TemplateFormat::Markdown | TemplateFormat::Html => {
            // The form asks what applies: read the template back and ask
            // what the checklist makes relevant before anything is answered.
            let blank = match format {
                TemplateFormat::Markdown => markdown::generate(&form),
                _ => html::generate(&form),
            };
            let limits = TemplateLimits::default();
            let Ok(doc) = read(blank.as_bytes(), format, &limits) else { return blank.into_bytes() };
            let check = evaluate(checklist, &doc);
            let (doc, _) = refresh_text(checklist, doc, check, lang, false, &limits);
            match doc.body {
                Body::Text { text, .. } => text.into_bytes(),
                Body::Docx(_) => blank.into_bytes(),
            }
        }
        TemplateFormat::Docx => {
            // The form asks what applies: read the template back and ask
            // what its own answers make relevant.
            let blank = docx::generate(&form);
            let refreshed = read(&blank, format, &TemplateLimits::default())
                .ok()
                .and_then(|doc| refresh_form(checklist, doc, lang, &TemplateLimits::default()).ok());
            match refreshed.map(|(doc, _)| doc.body) {
                Some(Body::Docx(package)) => package.into_bytes(),
                _ => blank,
            }
        }
    }
}

/// A template holding a decision's values, e.g. to turn a YAML decision into
/// a Word document; the decision's alternatives replace the default two.
///
/// ```
/// use ennakko::{Checklist, Decision, Format};
/// use ennakko_templates::{self as template, TemplateFormat};
/// let checklist = Checklist::standard("eva").unwrap();
/// let d = Decision::from_str("{id: '1', title: T, facts: {cost_eur: 5}, alternatives: [{id: zero, kind: zero}]}",
///     Format::Yaml, &Default::default()).unwrap();
/// let md = template::init_from(&checklist, &d, TemplateFormat::Markdown, "fi");
/// let back = template::check(&checklist, &md, TemplateFormat::Markdown).unwrap();
/// assert_eq!(back.decision.unwrap().facts["cost_eur"], 5);
/// ```
pub fn init_from(checklist: &Checklist, decision: &Decision, format: TemplateFormat, lang: &str) -> Vec<u8> {
    init_with(checklist, format, lang, &InitOptions { decision: Some(decision), checklist_name: None })
}

/// The checklist a template names (its `checklist` field), without
/// compiling anything: tools use it to pick the checklist to check with.
///
/// ```
/// use ennakko_templates::{self as template, TemplateFormat};
/// let name = template::checklist_name(b"---\nchecklist: children\n---\n", TemplateFormat::Markdown).unwrap();
/// assert_eq!(name.as_deref(), Some("children"));
/// ```
pub fn checklist_name(bytes: &[u8], format: TemplateFormat) -> Result<Option<String>, Error> {
    checklist_name_with(bytes, format, &TemplateLimits::default())
}

/// [`checklist_name`] with explicit limits.
pub fn checklist_name_with(
    bytes: &[u8],
    format: TemplateFormat,
    limits: &TemplateLimits,
) -> Result<Option<String>, Error> {
    Ok(read(bytes, format, limits)?.checklist)
}

/// Reads a filled template: builds the decision from its fields, scores it,
/// and lists what is unanswered, inconsistent or wrong.
///
/// The `Err` case is a document that cannot be read at all (not a zip, no
/// front matter, too large...); problems with the answers are in
/// [`TemplateCheck::problems`].
pub fn check(checklist: &Checklist, bytes: &[u8], format: TemplateFormat) -> Result<TemplateCheck, Error> {
    check_with(checklist, bytes, format, &TemplateLimits::default())
}

/// [`check`] with explicit limits.
pub fn check_with(
    checklist: &Checklist,
    bytes: &[u8],
    format: TemplateFormat,
    limits: &TemplateLimits,
) -> Result<TemplateCheck, Error> {
    let doc = read(bytes, format, limits)?;
    Ok(evaluate(checklist, &doc))
}

/// Scores the template's decision and writes the results into a copy of the
/// document, in `lang` (default: the decision's `language`, else Finnish).
/// A form (a Word `eva:form`, a Markdown front matter starting `# eva:form`,
/// an HTML `data-eva-form` element) is written again to ask the questions
/// that now apply, keeping every answer; every other part of the document
/// is kept as it was. Filling a filled document again gives the same bytes.
pub fn fill(checklist: &Checklist, bytes: &[u8], format: TemplateFormat, lang: Option<&str>) -> Result<Vec<u8>, Error> {
    fill_with(checklist, bytes, format, lang, &TemplateLimits::default()).map(|f| f.bytes)
}

/// [`fill`] with explicit limits, returning the check too.
pub fn fill_with(
    checklist: &Checklist,
    bytes: &[u8],
    format: TemplateFormat,
    lang: Option<&str>,
    limits: &TemplateLimits,
) -> Result<Filled, Error> {
    let doc = read(bytes, format, limits)?;
    let check = evaluate(checklist, &doc);
    let errors: Vec<Diagnostic> = check.problems.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
    let report = match (&check.report, errors.is_empty()) {
        (Some(r), true) => r,
        _ => return Err(Error::new(ErrorKind::Template, errors)),
    };
    // Filling a template with no place for the results would write nothing
    // and look like success (a title that opened a code block hid the
    // place): it is an error here, a warning when checking.
    if doc.outputs.is_empty() {
        return Err(TemplateError::from(
            Diagnostic::error("T0109", t!("the template has no place for the results: filling would write nothing"))
                .with_help(match doc.format {
                    TemplateFormat::Docx => t!("add a content control tagged `eva:results` around an empty paragraph"),
                    _ => t!("add `<!-- eva:results -->` where the results should go (not inside code)"),
                }),
        )
        .into());
    }

    // Front ends check the language they are given (A0001).
    let lang = report.language(lang.and_then(|l| l.parse().ok())).code();
    // A Word form is written again to ask what the answers now make
    // relevant, and read again: the results are those of the form as
    // written, so filling the filled form changes nothing.
    let (doc, check) = match &doc.body {
        Body::Docx(package) if package.has_form() => {
            let (doc, check) = refresh_form(checklist, doc, lang, limits)?;
            let errors: Vec<Diagnostic> =
                check.problems.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
            if !errors.is_empty() || check.report.is_none() {
                return Err(Error::new(ErrorKind::Template, errors));
            }
            (doc, check)
        }
        // A Markdown or HTML form likewise, twice: the second time with the
        // notes of the form as written, so that filling again changes nothing.
        Body::Text { .. } => {
            let (doc, check) = refresh_text(checklist, doc, check, lang, false, limits);
            refresh_text(checklist, doc, check, lang, true, limits)
        }
        _ => (doc, check),
    };
    let Some(report) = &check.report else { return Err(Error::new(ErrorKind::Template, Vec::new())) };
    let content = ennakko::report::render::content(report, lang);
    let fragments = Fragments { content: &content, report };
    let bytes = match &doc.body {
        Body::Text { text, markers, .. } if format == TemplateFormat::Markdown => {
            markdown::fill(text, markers, &fragments).into_bytes()
        }
        Body::Text { text, markers, .. } => html::fill(text, markers, &fragments).into_bytes(),
        Body::Docx(package) => {
            let form = package.has_form().then(|| checked_form(checklist, &check, lang)).flatten();
            docx::fill(package, Some(&fragments), form.as_ref())?
        }
    };
    // A filled document is read again by the next fill: one past the limit
    // would be a document nobody can fill or check any more.
    if bytes.len() > limits.max_bytes {
        return Err(TemplateError::from(
            Diagnostic::error(
                "T0002",
                t!(
                    "the filled document would be {} bytes, larger than the limit of {} bytes, so it could not be \
                 read or filled again",
                    bytes.len(),
                    limits.max_bytes
                ),
            )
            .with_help(t!("remove large pictures or attachments from the template, or raise `max_bytes`")),
        )
        .into());
    }
    Ok(Filled { bytes, check })
}

// ---- reading ---------------------------------------------------------------------------

/// The form a Word document asks after a check: the questions that apply
/// to each alternative, with the check's notes beside the fields.
fn checked_form<'a>(checklist: &'a Checklist, check: &'a TemplateCheck, lang: &'a str) -> Option<Form<'a>> {
    let decision = check.decision.as_ref()?;
    let report = check.report.as_ref()?;
    let mut form = Form::new(checklist, Some(decision), lang);
    form.report = Some(report);
    form.notes = check_notes(&form, report);
    Some(form)
}

/// A Word form written again for what its decision now makes relevant (no
/// check notes), read back and checked; the document when it cannot be.
fn refresh_form(
    checklist: &Checklist,
    doc: Doc,
    lang: &str,
    limits: &TemplateLimits,
) -> Result<(Doc, TemplateCheck), Error> {
    let check = evaluate(checklist, &doc);
    let Body::Docx(package) = &doc.body else { return Ok((doc, check)) };
    let (Some(decision), Some(report)) = (&check.decision, &check.report) else { return Ok((doc, check)) };
    let mut form = Form::new(checklist, Some(decision), lang);
    form.report = Some(report);
    let bytes = docx::fill(package, None, Some(&form))?;
    let doc = read(&bytes, TemplateFormat::Docx, limits)?;
    let check = evaluate(checklist, &doc);
    Ok((doc, check))
}

/// A Markdown or HTML form written again for what its decision now makes
/// relevant (with the check's notes beside the fields when `with_notes`),
/// read back and checked. The document stays as it was when it is not a
/// form, or when the form as written would read back with errors or as
/// another decision: nothing typed is ever dropped.
fn refresh_text(
    checklist: &Checklist,
    doc: Doc,
    check: TemplateCheck,
    lang: &str,
    with_notes: bool,
    limits: &TemplateLimits,
) -> (Doc, TemplateCheck) {
    let written = {
        let (Body::Text { text, form: place, .. }, Some(decision), Some(report)) =
            (&doc.body, &check.decision, &check.report)
        else {
            return (doc, check);
        };
        let mut form = Form::new(checklist, Some(decision), lang);
        form.report = Some(report);
        if with_notes {
            form.notes = check_notes(&form, report);
        }
        match (doc.format, place) {
            (TemplateFormat::Markdown, _) if markdown::is_form(text) => markdown::refresh(text, &form),
            (TemplateFormat::Html, Some(place)) => html::refresh(text, place.clone(), &form),
            _ => None,
        }
    };
    let Some(written) = written else { return (doc, check) };
    let Ok(new_doc) = read(written.as_bytes(), doc.format, limits) else { return (doc, check) };
    let new_check = evaluate(checklist, &new_doc);
    if new_check.errors() > 0 || canonical(&new_check.decision) != canonical(&check.decision) {
        return (doc, check);
    }
    (new_doc, new_check)
}

/// A decision as JSON with each alternative's impact rows in a fixed order:
/// a form lists rows by question, and the order of rows means nothing.
fn canonical(decision: &Option<Decision>) -> Option<serde_json::Value> {
    let mut value = serde_json::to_value(decision.as_ref()?).ok()?;
    for alt in value.get_mut("alternatives").and_then(|a| a.as_array_mut()).into_iter().flatten() {
        if let Some(cells) = alt.get_mut("impacts").and_then(|c| c.as_array_mut()) {
            cells.sort_by_cached_key(|c| c.to_string());
        }
    }
    Some(value)
}

/// What a filled form shows beside its fields: required answers missing,
/// groups not assessed, and the checklist's warnings about the answers and
/// facts they read (e.g. a cost and a screening answer that disagree), in
/// the form's language; at most three per field.
fn check_notes(form: &Form, report: &Report) -> std::collections::HashMap<String, Vec<String>> {
    use ennakko::report::{Severity as Level, TraceSource};
    let mut notes: std::collections::HashMap<String, Vec<String>> = Default::default();
    let mut add = |key: String, text: String| {
        let list = notes.entry(key).or_default();
        if list.len() < 3 && !list.contains(&text) {
            list.push(text);
        }
    };
    for alt in &report.alternatives {
        for m in &alt.completeness.missing {
            if m.groups.is_empty() {
                add(format!("answer.{}.{}", alt.id, m.question), form.w(words::W::AnswerMissing).into());
            } else {
                let groups: Vec<String> = m.groups.iter().map(|g| form.group_label(g)).collect();
                let text = format!("{}: {}", form.w(words::W::NotAssessed), groups.join(", "));
                add(format!("impacts.{}.{}", alt.id, m.question), text);
            }
        }
    }
    let warnings = report.findings.iter().chain(&report.comparison);
    for finding in warnings.filter(|f| matches!(f.severity, Level::Warning | Level::Required)) {
        let message = ennakko::report::i18n::pick(&finding.message, form.lang).to_string();
        for item in &finding.trace {
            let key = match (item.source, &item.alternative) {
                (TraceSource::Answer, Some(alt)) => format!("answer.{alt}.{}", item.id),
                (TraceSource::Fact, _) => format!("fact.{}", item.id),
                _ => continue,
            };
            add(key, message.clone());
        }
    }
    notes
}

/// A YAML decision inside the document.
pub(crate) struct Yaml {
    pub text: String,
    /// Lines before the YAML's first line.
    pub line_offset: usize,
}

/// What is format-specific, for filling.
pub(crate) enum Body {
    /// Markdown or HTML: the text, its result places and, in HTML, the
    /// inside of the form element (`data-eva-form`) that `fill` rewrites.
    Text {
        text: String,
        markers: Vec<markers::Marker>,
        form: Option<std::ops::Range<usize>>,
    },
    Docx(docx::Package),
}

/// A template read from bytes, not yet interpreted with a checklist.
pub(crate) struct Doc {
    pub format: TemplateFormat,
    pub checklist: Option<String>,
    pub yaml: Option<Yaml>,
    pub fields: Vec<fields::RawField>,
    pub outputs: Vec<String>,
    pub problems: Problems,
    pub body: Body,
}

fn read(bytes: &[u8], format: TemplateFormat, limits: &TemplateLimits) -> Result<Doc, TemplateError> {
    if bytes.len() > limits.max_bytes {
        return Err(Diagnostic::error(
            "T0002",
            t!("the template is larger than the limit of {} bytes", limits.max_bytes),
        )
        .with_help(t!("remove large pictures or attachments, or raise `max_bytes`"))
        .into());
    }
    let doc = match format {
        TemplateFormat::Markdown => markdown::read(text_of(bytes)?)?,
        TemplateFormat::Html => html::read(text_of(bytes)?)?,
        TemplateFormat::Docx => docx::read(bytes, limits)?,
    };
    if doc.fields.len() > limits.max_fields {
        return Err(Diagnostic::error(
            "T0004",
            t!("the template has {} fields; the limit is {}", doc.fields.len(), limits.max_fields),
        )
        .with_help(t!("raise `max_fields` if this is intended"))
        .into());
    }
    Ok(doc)
}

fn text_of(bytes: &[u8]) -> Result<String, TemplateError> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(t.strip_prefix('\u{feff}').unwrap_or(t).to_string()),
        Err(e) => Err(Diagnostic::error("T0001", t!("the template is not UTF-8 text (byte {})", e.valid_up_to()))
            .with_help(t!("save the file as UTF-8; for Word documents use the .docx format"))
            .into()),
    }
}

/// The checklist name written in a YAML decision, read leniently, within
/// the same bounds as a decision (nesting, and aliases that expand it).
pub(crate) fn yaml_checklist(yaml: &str) -> Option<String> {
    ennakko::decision::yaml::yaml_prepass(yaml, 128).ok()?;
    let value: serde_json::Value = serde_norway::from_str(yaml).ok()?;
    value.get("checklist")?.as_str().map(str::to_string)
}

// ---- evaluating --------------------------------------------------------------------------

/// Finds where a diagnostic's JSON path is in the template.
struct Places<'a> {
    doc: &'a Doc,
    fields: Vec<fields::FieldPlace>,
}

impl Places<'_> {
    fn place(&self, mut d: Diagnostic) -> Diagnostic {
        let text = match &self.doc.body {
            Body::Text { text, .. } => Some(text.as_str()),
            Body::Docx(_) => None,
        };
        if let Some(path) = d.path.clone() {
            let hit = self
                .fields
                .iter()
                .filter(|f| {
                    path == f.path
                        || (path.starts_with(&f.path) && matches!(path.as_bytes().get(f.path.len()), Some(b'.' | b'[')))
                })
                .max_by_key(|f| f.path.len());
            if let Some(f) = hit {
                d.path = Some(f.tag.clone());
                d.notes.push(format!("in the decision: {path}"));
                if let (Some((line, column)), Some(text)) = (f.at, text) {
                    d = d.at_line_col(None, text, line, column);
                }
                return d;
            }
            if let (Some(yaml), Some(text)) = (&self.doc.yaml, text)
                && let Some((line, column)) = yaml_pos::locate(&yaml.text, &path)
            {
                return d.at_line_col(None, text, line + yaml.line_offset, column);
            }
        } else if let (Some(line), Some(yaml), Some(text)) = (d.line, &self.doc.yaml, text) {
            let column = d.column.unwrap_or(1);
            return d.at_line_col(None, text, line + yaml.line_offset, column);
        }
        d
    }
}

fn evaluate(checklist: &Checklist, doc: &Doc) -> TemplateCheck {
    let model = checklist.model();
    let mut problems = doc.problems.clone();
    let mut places = Places { doc, fields: Vec::new() };
    let mut check = TemplateCheck {
        format: doc.format,
        checklist: doc.checklist.clone(),
        fields: doc.fields.iter().map(|f| format!("eva:{}", f.name)).collect(),
        outputs: doc.outputs.clone(),
        decision: None,
        report: None,
        problems: Vec::new(),
    };
    if let Some(name) = &doc.checklist
        && !name.contains('/')
        && !name.ends_with(".eva")
        && *name != model.id
    {
        problems.add(
            Diagnostic::warning(
                "T0103",
                t!("the template names checklist `{name}` but is checked with `{}`", model.id ; name = name),
            )
            .with_help(t!("check it with `--checklist {name}`, or change the template's checklist field", name = name)),
        );
    }
    if doc.checklist.is_none() {
        problems.add(
            Diagnostic::warning("T0102", t!("the template does not name its checklist"))
                .with_help(t!("add `checklist: eva` to the front matter, or a field `eva:checklist`")),
        );
    }
    if doc.outputs.is_empty() {
        problems.add(Diagnostic::warning("T0109", t!("the template has no place for the results")).with_help(
            match doc.format {
                TemplateFormat::Docx => t!("add a content control tagged `eva:results` around an empty paragraph"),
                _ => t!("add `<!-- eva:results -->` where the results should go"),
            },
        ));
    }
    let limits = *checklist.limits();
    let mut decision = match decision_of(doc, model, &limits) {
        Ok((decision, field_places)) => {
            places.fields = field_places;
            decision
        }
        Err((diagnostics, field_places)) => {
            places.fields = field_places;
            problems.extend_with(diagnostics, |d| places.place(d));
            check.problems = problems.finish();
            return check;
        }
    };
    // `null` is "not answered yet" (blank Markdown templates are full of
    // them): drop them, so that they do not count as answers to questions
    // that do not apply.
    decision.facts.retain(|_, v| !v.is_null());
    for alt in &mut decision.alternatives {
        alt.answers.retain(|_, v| !v.is_null());
    }
    let no_title = decision.title.texts().all(|t| t.trim().is_empty());
    if decision.id.trim().is_empty() || no_title {
        let what = if decision.id.trim().is_empty() { "id" } else { "title" };
        let d = Diagnostic::warning("T0205", t!("the decision's {what} is empty", what = what))
            .with_help(t!("fill in the decision's {what}", what = what))
            .at_path(format!("$.{what}"));
        problems.extend_with([d], |d| places.place(d));
    }
    match checklist.score(&decision) {
        Ok(report) => {
            problems.extend_with(incompleteness(&report, doc), |d| places.place(d));
            check.report = Some(report);
        }
        Err(e) => problems.extend_with(e.diagnostics, |d| places.place(d)),
    }
    check.decision = Some(decision);
    check.problems = problems.finish();
    check
}

type Paths = Vec<fields::FieldPlace>;

/// The decision the document holds.
fn decision_of(
    doc: &Doc,
    model: &ennakko::checklist::model::Model,
    limits: &Limits,
) -> Result<(Decision, Paths), (Vec<Diagnostic>, Paths)> {
    let base = match &doc.yaml {
        Some(yaml) => match Decision::from_str(&yaml.text, Format::Yaml, limits) {
            Ok(d) if doc.fields.is_empty() => return Ok((d, Vec::new())),
            Ok(d) => Some(serde_json::to_value(&d).unwrap_or_default()),
            Err(e) => return Err((e.diagnostics, Vec::new())),
        },
        None => None,
    };
    if base.is_none() && doc.fields.iter().all(|f| matches!(fields::parse_tag(&f.name), Ok(fields::Tag::Output(_)))) {
        let d = Diagnostic::error("T0101", t!("the template holds no decision: no front matter and no eva fields"))
            .with_help(match doc.format {
                TemplateFormat::Markdown => t!("start the file with a YAML front matter between two `---` lines"),
                TemplateFormat::Html => {
                    t!("add a <script type=\"application/yaml\" id=\"eva-decision\"> block or data-eva fields")
                }
                TemplateFormat::Docx => {
                    t!("add content controls tagged eva:..., or start from `ennakko template init`")
                }
            });
        return Err((vec![d], Vec::new()));
    }
    let built = fields::build(model, base, &doc.fields);
    if built.problems.has_errors() {
        return Err((built.problems.finish(), built.places));
    }
    match Decision::from_value(built.value) {
        Ok(d) => Ok((d, built.places)),
        Err(e) => Err((e.diagnostics, built.places)),
    }
}

/// Warnings about what is not answered yet, from the report.
fn incompleteness(report: &Report, doc: &Doc) -> Vec<Diagnostic> {
    // The question's text in the language the problem is told in.
    let label = |terms: &[ennakko::report::Term], id: &str| {
        terms.iter().find(|t| t.id == id).map_or(Arg::Raw(String::new()), |t| Arg::per_language(&t.label))
    };
    let has_field = |name: &str| doc.fields.iter().any(|f| f.name == name);
    let fields_only = doc.yaml.is_none();
    let mut out = Vec::new();
    for (i, alt) in report.alternatives.iter().enumerate() {
        for m in &alt.completeness.missing {
            let text = label(&report.vocabulary.questions, &m.question);
            if m.groups.is_empty() {
                let mut d = Diagnostic::warning(
                    "T0201",
                    t!("required question `{}` is not answered for alternative `{}`", m.question, alt.id),
                )
                .with_help(t!("answer: {text}", text = text))
                .at_path(format!("$.alternatives[{i}].answers.{}", m.question));
                let tag = format!("answer.{}.{}", alt.id, m.question);
                if fields_only && !has_field(&tag) {
                    d = d.with_note(t!("the template has no field `eva:{tag}`", tag = tag));
                }
                out.push(d);
            } else {
                let groups = m.groups.join(", ");
                let mut d = Diagnostic::warning(
                    "T0202",
                    t!(
                        "impact question `{}` has no assessment for {groups} in alternative `{}`",
                        m.question, alt.id ; groups = groups),
                )
                .with_help(t!("assess the impact on each group listed: {text}", text = text))
                .at_path(format!("$.alternatives[{i}].impacts"));
                let prefix = format!("impact.{}.{}.{}.", alt.id, m.question, m.groups[0]);
                if let Some(f) =
                    doc.fields.iter().find(|f| f.name.starts_with(&prefix) && f.name.ends_with(".direction"))
                {
                    d.path = Some(format!("eva:{}", f.name));
                    if let Some((line, column)) = f.at {
                        d.line = Some(line);
                        d.column = Some(column);
                    }
                }
                out.push(d);
            }
        }
        for &j in &alt.completeness.cells_without_evidence {
            let Some(cell) = alt.cells.iter().find(|c| c.index == j) else { continue };
            out.push(
                Diagnostic::warning(
                    "T0204",
                    t!(
                        "the impact on `{}` in `{}` (alternative `{}`) has weak or no evidence",
                        cell.group,
                        cell.domain,
                        alt.id
                    ),
                )
                .with_help(t!("name the evidence (strong, some), or plan how more information is gathered"))
                .at_path(format!("$.alternatives[{i}].impacts[{j}].evidence")),
            );
        }
    }
    for note in report.notes.iter().filter(|n| n.code == "N0001") {
        out.push(
            Diagnostic::warning("T0203", note.text())
                .with_help(t!("clear the answer, or check the answers that decide whether the question applies"))
                .at_path(note.path.clone()),
        );
    }
    out
}

// ---- what is written ------------------------------------------------------------------

/// The report's content, cut into the pieces placeholders name.
pub(crate) struct Fragments<'a> {
    content: &'a [Block],
    report: &'a Report,
}

impl Fragments<'_> {
    /// The blocks of a placeholder (`verdict`, `matrix.plan`...), `None` for
    /// an unknown name.
    pub(crate) fn blocks(&self, name: &str) -> Option<Vec<Block>> {
        let sections = |classes: &[&str]| -> Vec<Block> {
            self.content
                .iter()
                .filter(|b| matches!(b, Block::Section(class, _) if classes.contains(class)))
                .cloned()
                .collect()
        };
        Some(match name {
            "report" => self.content.to_vec(),
            "results" => sections(&["verdict", "side-by-side", "matrix", "legend", "findings", "missing"]),
            "title" => sections(&["title"]),
            "verdict" => sections(&["verdict"]),
            "comparison" | "side-by-side" => sections(&["side-by-side"]),
            "matrix" => sections(&["matrix", "legend"]),
            "legend" => sections(&["legend"]),
            "findings" => sections(&["findings"]),
            "missing" => sections(&["missing"]),
            "appendix" => sections(&["appendix"]),
            other => {
                let alt = other.strip_prefix("matrix.")?;
                let i = self.report.alternatives.iter().position(|a| a.id == alt)?;
                let matrices = sections(&["matrix"]);
                vec![matrices.get(i)?.clone()]
            }
        })
    }
}

// ---- the form a template asks --------------------------------------------------------

/// One alternative of a generated template.
pub(crate) struct FormAlternative {
    pub id: String,
    pub kind: ennakko::decision::AlternativeKind,
    pub title: Option<ennakko::decision::LocalText>,
    pub description: Option<ennakko::decision::LocalText>,
}

/// One field for an official's text: its tag, a label suffix, its value.
pub(crate) struct TextField {
    pub tag: String,
    pub suffix: String,
    pub value: Option<String>,
}

/// The fields of a text that may be given per language: one field (`tag`)
/// for a plain text, or one per language (`tag.fi`, `tag.sv`) for a text
/// given in several, so that filling a template keeps every language.
pub(crate) fn text_fields(tag: &str, text: Option<&ennakko::decision::LocalText>) -> Vec<TextField> {
    match text {
        Some(ennakko::decision::LocalText::PerLanguage(texts)) => texts
            .iter()
            .map(|(lang, t)| TextField {
                tag: format!("{tag}.{lang}"),
                suffix: format!(" ({lang})"),
                value: Some(t.clone()),
            })
            .collect(),
        Some(ennakko::decision::LocalText::Plain(t)) => {
            vec![TextField { tag: tag.to_string(), suffix: String::new(), value: Some(t.clone()) }]
        }
        None => vec![TextField { tag: tag.to_string(), suffix: String::new(), value: None }],
    }
}

/// Everything a generator needs: the checklist's description, the language,
/// the alternatives, and the values of a decision to prefill.
pub(crate) struct Form<'a> {
    pub desc: ennakko::checklist::describe::Description,
    pub lang: &'a str,
    pub checklist_name: String,
    pub decision: Option<&'a Decision>,
    pub alternatives: Vec<FormAlternative>,
    /// The decision's assessment: which questions apply to which
    /// alternative. Without it a question applies when it has no condition
    /// or has an answer.
    pub report: Option<&'a Report>,
    /// What a filled form shows beside a field (missing, inconsistent), in
    /// the form's language, by field name (`answer.zero.affects_children`);
    /// `impacts.<alt>.<question>` for an impact question's rows.
    pub notes: std::collections::HashMap<String, Vec<String>>,
}

impl<'a> Form<'a> {
    fn new(checklist: &'a Checklist, decision: Option<&'a Decision>, lang: &'a str) -> Form<'a> {
        use ennakko::decision::AlternativeKind;
        let desc = checklist.describe();
        let alternatives = match decision {
            Some(d) if !d.alternatives.is_empty() => d
                .alternatives
                .iter()
                .map(|a| FormAlternative {
                    id: a.id.clone(),
                    kind: a.kind,
                    title: a.title.clone(),
                    description: a.description.clone(),
                })
                .collect(),
            _ => vec![
                FormAlternative { id: "zero".into(), kind: AlternativeKind::Zero, title: None, description: None },
                FormAlternative {
                    id: "proposal".into(),
                    kind: AlternativeKind::Proposal,
                    title: None,
                    description: None,
                },
            ],
        };
        let checklist_name = decision.and_then(|d| d.checklist.clone()).unwrap_or_else(|| desc.id.clone());
        Form { desc, lang, checklist_name, decision, alternatives, report: None, notes: Default::default() }
    }

    /// Whether a question applies to an alternative: as assessed when the
    /// form has a report, else when it has no condition or is answered.
    pub(crate) fn applies(&self, alt: &str, q: &ennakko::checklist::describe::Field) -> bool {
        if let Some(a) = self.report.and_then(|r| r.alternatives.iter().find(|a| a.id == alt)) {
            return a.completeness.applicable.contains(&q.id);
        }
        let answered = self.answer(alt, &q.id).is_some()
            || self.alternative(alt).is_some_and(|a| a.impacts.iter().any(|c| c.question.as_ref() == Some(&q.id)));
        !q.conditional || answered
    }

    /// The impact questions that apply to an alternative, in checklist
    /// order: what every form format asks for it.
    pub(crate) fn asked_impacts(&self, alt: &str) -> Vec<&ennakko::checklist::describe::Field> {
        self.desc.questions.iter().filter(|q| q.kind == "impact" && self.applies(alt, q)).collect()
    }

    /// An alternative's impact cells that answer no impact question of the
    /// checklist: every form format lists them after the questions.
    pub(crate) fn unasked_cells(&self, alt: &str) -> Vec<&ennakko::decision::ImpactCell> {
        let cells = self.alternative(alt).map_or(&[][..], |a| a.impacts.as_slice());
        let known = |c: &ennakko::decision::ImpactCell| {
            c.question.as_ref().is_some_and(|id| self.desc.questions.iter().any(|q| &q.id == id && q.kind == "impact"))
        };
        cells.iter().filter(|c| !known(c)).collect()
    }

    /// A checklist text in the form's language.
    pub(crate) fn t<'t>(&self, text: &'t ennakko::checklist::model::Text) -> &'t str {
        ennakko::report::i18n::pick(text, self.lang)
    }

    /// A template word in the form's language.
    pub(crate) fn w(&self, word: words::W) -> &'static str {
        words::w(word, self.lang)
    }

    /// A field's label (with "required" when it is) and its hints (help,
    /// when it applies, the unit or list format), on one line each: what
    /// every format shows beside the field.
    pub(crate) fn field_texts(&self, f: &ennakko::checklist::describe::Field) -> (String, Vec<String>) {
        let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut hints = Vec::new();
        if let Some(h) = &f.help {
            hints.push(one_line(self.t(h)));
        }
        if f.conditional {
            hints.push(self.w(words::W::OnlyIfApplies).into());
        }
        match (f.kind.as_str(), &f.unit) {
            ("number", Some(u)) => hints.push(format!("{} ({u})", self.w(words::W::Number))),
            ("list", _) => hints.push(self.w(words::W::ListHint).into()),
            _ => {}
        }
        let mut label = one_line(self.t(&f.text));
        if f.required {
            label = format!("{label} ({})", self.w(words::W::Required));
        }
        (label, hints)
    }

    /// The decision's alternative with this id.
    pub(crate) fn alternative(&self, id: &str) -> Option<&'a ennakko::decision::Alternative> {
        self.decision?.alternatives.iter().find(|a| a.id == id)
    }

    /// The name of an alternative kind.
    pub(crate) fn kind_label(&self, kind: ennakko::decision::AlternativeKind) -> &'static str {
        use ennakko::decision::AlternativeKind;
        self.w(match kind {
            AlternativeKind::Zero => words::W::ZeroOption,
            AlternativeKind::Proposal => words::W::Proposal,
            AlternativeKind::Other => words::W::OtherAlternative,
        })
    }

    /// The kinds of alternative as drop-down items: (shown, value).
    pub(crate) fn kind_options(&self) -> Vec<(String, String)> {
        use ennakko::decision::AlternativeKind;
        [AlternativeKind::Zero, AlternativeKind::Proposal, AlternativeKind::Other]
            .iter()
            .map(|k| (self.kind_label(*k).to_string(), k.name().to_string()))
            .collect()
    }

    /// The heading of an alternative: its kind and title.
    pub(crate) fn alternative_heading(&self, alt: &FormAlternative) -> String {
        let kind = self.kind_label(alt.kind);
        match &alt.title {
            Some(t) => format!("{kind}: {}", t.get(self.lang)),
            None => format!("{kind} ({})", alt.id),
        }
    }

    /// The label of a group or domain id.
    pub(crate) fn group_label(&self, id: &str) -> String {
        self.desc.groups.iter().find(|g| g.id == id).map_or_else(|| id.to_string(), |g| self.t(&g.label).to_string())
    }

    /// The drop-down items of an impact cell field: (shown, value).
    pub(crate) fn cell_options(&self, field: &str) -> Vec<(String, String)> {
        if field == "direction" {
            return ["-2", "-1", "0", "1", "2", "mixed", "unknown"]
                .iter()
                .map(|v| {
                    let label = ennakko::checklist::defaults::direction_label(v);
                    let shown = match *v {
                        "mixed" | "unknown" => self.t(&label).to_string(),
                        n => {
                            let sign = if n.starts_with('-') {
                                "\u{2212}"
                            } else if n == "0" {
                                ""
                            } else {
                                "+"
                            };
                            format!("{sign}{} {}", n.trim_start_matches('-'), self.t(&label).to_lowercase())
                        }
                    };
                    (shown, v.to_string())
                })
                .collect();
        }
        match self.desc.scales.iter().find(|s| s.id == field) {
            Some(s) => s.levels.iter().map(|l| (self.t(&l.label).to_string(), l.id.clone())).collect(),
            None => Vec::new(),
        }
    }

    /// The label of an impact cell field (a scale's label, direction...).
    pub(crate) fn cell_field_label(&self, field: &str) -> String {
        match field {
            "direction" => self.w(words::W::Direction).into(),
            "mitigation" => self.w(words::W::Mitigation).into(),
            "note" => self.w(words::W::Note).into(),
            "evidence_source" => self.w(words::W::EvidenceSource).into(),
            scale => self
                .desc
                .scales
                .iter()
                .find(|s| s.id == scale)
                .map_or_else(|| scale.to_string(), |s| self.t(&s.label).to_string()),
        }
    }

    /// The screening drop-down: (shown, value).
    pub(crate) fn screening_options(&self) -> Vec<(String, String)> {
        [(words::W::Yes, "yes"), (words::W::No, "no"), (words::W::Unknown, "unknown")]
            .iter()
            .map(|(w, v)| (self.w(*w).to_string(), v.to_string()))
            .collect()
    }

    /// A fact's value in the decision, if prefilling.
    pub(crate) fn fact(&self, id: &str) -> Option<&'a serde_json::Value> {
        self.decision?.facts.get(id).filter(|v| !v.is_null())
    }

    /// An answer in the decision, if prefilling.
    pub(crate) fn answer(&self, alt: &str, question: &str) -> Option<&'a serde_json::Value> {
        self.alternative(alt)?.answers.get(question).filter(|v| !v.is_null())
    }
}

/// An impact cell of a generated template.
pub(crate) struct GridCell<'a> {
    pub group: String,
    pub domain: String,
    pub value: Option<&'a ennakko::decision::ImpactCell>,
}

impl GridCell<'_> {
    /// A field's value in the decision, as written in YAML (`-1`, `moderate`).
    pub(crate) fn get(&self, field: &str) -> Option<String> {
        let c = self.value?;
        match field {
            "direction" => Some(c.direction.name()),
            "magnitude" => c.magnitude.clone(),
            "likelihood" => c.likelihood.clone(),
            "people" => c.people.clone(),
            "timing" => c.timing.clone(),
            "reversibility" => c.reversibility.clone(),
            "evidence" => c.evidence.clone(),
            "mitigation" => c.mitigation.clone(),
            "note" => c.note.clone(),
            "evidence_source" => c.evidence_source.clone(),
            _ => None,
        }
    }
}

/// Escapes text for HTML and XML: the report's own escaping.
pub(crate) use ennakko::report::render::escape as esc;

/// A JSON value as a field shows it: strings bare, lists comma-separated.
pub(crate) fn plain(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}
