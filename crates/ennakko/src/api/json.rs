//! Text in, text out: the façade of hosts that hold no Rust values (the
//! WebAssembly package, any other FFI), in the spirit of cedar's `ffi`
//! module. Options arrive as JSON text (`limits`, `files`), documents as
//! JSON or YAML text, reports as the JSON [`Checklist::score`] writes;
//! results leave as JSON text. A mistake of the calling program (text that
//! is not JSON, a `files` map of another shape, a report that is not one)
//! is an argument error (`A` codes, see docs/errors.md); a mistake in a
//! document keeps its own kind and code.
//!
//! A host binding is then an adapter: it passes its strings here and maps
//! [`Error`] to its own exceptions by [`crate::ErrorKind`].

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Lang, ReportFormat, argument};
use crate::checklist::describe::Description;
use crate::editor::{Editor, lexical};
use crate::{Checklist, Decision, Error, Format, Limits, MapResolver, Options, Report, t};

/// Serialises to JSON text, `pretty` as the CLI prints. The crate's types
/// always serialise (string keys, finite or null numbers); should one ever
/// fail, the text is `null` rather than a panic.
///
/// ```
/// assert_eq!(ennakko::api::json::to_json(&[1, 2], false), "[1,2]");
/// ```
pub fn to_json<T: Serialize + ?Sized>(value: &T, pretty: bool) -> String {
    let result = if pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
    result.unwrap_or_else(|_| "null".into())
}

/// Some of the fields of a struct of limits ([`Limits`], or the templates'
/// limits) given as JSON text, the rest at their defaults; `None` is all
/// defaults. Text that is not JSON is `A0003`; names and values are judged
/// by [`super::limits_from_json`].
///
/// ```
/// use ennakko::{Limits, api::json::limits};
/// assert_eq!(limits::<Limits>(Some(r#"{"max_eval_steps": 7}"#)).unwrap().max_eval_steps, 7);
/// assert_eq!(limits::<Limits>(Some("{")).unwrap_err().code(), "A0003");
/// assert_eq!(limits::<Limits>(Some(r#"{"max_eval_step": 7}"#)).unwrap_err().code(), "A0002");
/// ```
pub fn limits<T: Default + Serialize + DeserializeOwned>(json: Option<&str>) -> Result<T, Error> {
    let Some(json) = json else { return Ok(T::default()) };
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| {
        argument("A0003", t!("`limits` is not valid JSON: {e}", e = e), t!("for example {\"max_eval_steps\": 100000}"))
    })?;
    super::limits_from_json(&value)
}

/// The files relative imports read, given as a JSON object of file name
/// (relative to the root checklist, `lib/groups.eva`) to source text; the
/// core's [`MapResolver`] serves them as the CLI serves files. Another
/// shape, or a name that climbs out (`../x.eva`), is `A0005`.
///
/// ```
/// use ennakko::api::json::files;
/// assert!(files(Some(r#"{"lib/groups.eva": "group g {}"}"#)).is_ok());
/// assert_eq!(files(Some(r#"{"a.eva": 1}"#)).unwrap_err().code(), "A0005");
/// assert_eq!(files(Some(r#"{"../x.eva": ""}"#)).unwrap_err().code(), "A0005");
/// ```
pub fn files(json: Option<&str>) -> Result<MapResolver, Error> {
    let help = || t!("give a JSON object of file names, relative to the root checklist, to checklist sources");
    let Some(json) = json else { return Ok(MapResolver::default()) };
    let given: BTreeMap<String, String> = serde_json::from_str(json).map_err(|e| {
        argument("A0005", t!("`files` must be an object of file names to checklist sources: {e}", e = e), help())
    })?;
    MapResolver::new(given).map_err(|message| argument("A0005", t!("{}", message), help()))
}

/// Compile options from `files` and `limits` given as JSON text.
///
/// ```
/// let options = ennakko::api::json::options(None, Some(r#"{"max_cells": 9}"#)).unwrap();
/// assert_eq!(options.limits.max_cells, 9);
/// ```
pub fn options(files: Option<&str>, limits: Option<&str>) -> Result<Options, Error> {
    Ok(Options { limits: self::limits(limits)?, resolver: Arc::new(self::files(files)?) })
}

/// Every diagnostic of a checklist source (errors, else warnings) as a
/// JSON array, `[]` when it is clean: what an editor shows.
///
/// ```
/// let options = ennakko::api::json::options(None, None).unwrap();
/// let clean = "checklist c { title fi \"C\" sv \"C\" en \"C\" version \"1\" }\nimport \"eva\"";
/// assert_eq!(ennakko::api::json::check("c.eva", clean, &options), "[]");
/// assert!(ennakko::api::json::check("c.eva", "group {", &options).contains("E0"));
/// ```
pub fn check(name: &str, source: &str, options: &Options) -> String {
    check_in(name, source, options, Lang::En)
}

/// [`check`] with the diagnostics told in `lang` (see
/// [`super::diagnostics_language`] for reading a host's `lang`).
///
/// ```
/// use ennakko::api::{Lang, json};
/// let options = json::options(None, None).unwrap();
/// let source = "checklist c { title en \"C\" version \"1\" languages en }\ngroup kids { labl en \"Kids\" }";
/// assert!(json::check_in("c.eva", source, &options, Lang::Fi).contains("tarkoititko `label`?"));
/// ```
pub fn check_in(name: &str, source: &str, options: &Options, lang: Lang) -> String {
    match Checklist::compile(name, source, options) {
        Ok(checklist) => diagnostics(checklist.warnings(), lang),
        Err(e) => to_json(&e.in_language(lang).diagnostics, false),
    }
}

/// Diagnostics handed back as data (compile warnings) as a JSON array,
/// told in `lang`.
///
/// ```
/// use ennakko::api::{Lang, json};
/// assert_eq!(json::diagnostics(&[], Lang::Sv), "[]");
/// ```
pub fn diagnostics(diagnostics: &[crate::Diagnostic], lang: Lang) -> String {
    to_json(&super::diagnostics_in(diagnostics, lang), false)
}

/// The byte offset in `text` of a string index counted in UTF-16 code
/// units (as JavaScript strings and the language server protocol count),
/// clamped to the text and moved back to a character boundary; a leading
/// byte-order mark (which the core drops) is not counted in the result.
///
/// ```
/// let text = "\u{feff}group \u{1f642}ä { }";
/// assert_eq!(ennakko::api::json::byte_offset(text, 7), 6);
/// assert_eq!(ennakko::api::json::byte_offset(text, 8), 6);
/// ```
pub fn byte_offset(text: &str, utf16: u32) -> usize {
    let bom = text.starts_with('\u{feff}');
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let wanted = if bom { utf16.saturating_sub(1) } else { utf16 } as usize;
    let mut seen = 0;
    for (i, c) in text.char_indices() {
        if seen + c.len_utf16() > wanted {
            return i;
        }
        seen += c.len_utf16();
    }
    text.len()
}

/// The UTF-16 string index of a byte offset of the text without its
/// byte-order mark (the inverse of [`byte_offset`]).
///
/// ```
/// let text = "\u{feff}group \u{1f642}ä { }";
/// assert_eq!(ennakko::api::json::utf16_offset(text, 10), 9);
/// ```
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    let bom = usize::from(text.starts_with('\u{feff}'));
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let byte = (0..=byte.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    bom + text[..byte].chars().map(char::len_utf16).sum::<usize>()
}

/// The core's editor services (shared with the language server) over
/// `source`, imports served from `files`, within `limits` (JSON texts).
fn editor(name: &str, source: &str, files: Option<&str>, limits: Option<&str>) -> Result<Editor, Error> {
    let limits: Limits = self::limits(limits)?;
    Ok(Editor::new(name, source, &self::files(files)?, &limits))
}

/// What the name at UTF-16 string index `offset` of checklist source is,
/// as JSON `{ "markdown", "hover" }` (the core's `Hover`), `null` when
/// nothing is named there: for editors.
///
/// ```
/// let source = "group kids { label fi \"Lapset\" }";
/// let hover = ennakko::api::json::hover("x.eva", source, 8, None, None).unwrap();
/// assert!(hover.contains("fi: Lapset"));
/// ```
pub fn hover(
    name: &str,
    source: &str,
    offset: u32,
    files: Option<&str>,
    limits: Option<&str>,
) -> Result<String, Error> {
    let editor = editor(name, source, files, limits)?;
    let hover = editor.hover(byte_offset(source, offset));
    Ok(to_json(&hover.map(|h| serde_json::json!({ "markdown": h.markdown(), "hover": h })), false))
}

/// What may be typed at UTF-16 string index `offset` of checklist source,
/// as JSON: `from` (the string index where the word being typed starts)
/// and `options` (the core's `Completion`s): for editors.
///
/// ```
/// let source = "group kids { }\nscore s {\n  value impact(ki";
/// let done = ennakko::api::json::complete("x.eva", source, source.len() as u32, None, None).unwrap();
/// assert!(done.contains("\"label\":\"kids\""));
/// ```
pub fn complete(
    name: &str,
    source: &str,
    offset: u32,
    files: Option<&str>,
    limits: Option<&str>,
) -> Result<String, Error> {
    let editor = editor(name, source, files, limits)?;
    let at = byte_offset(source, offset);
    let options = editor.complete(at);
    let from = utf16_offset(source, lexical::word_start(editor.text(), at));
    Ok(to_json(&serde_json::json!({ "from": from, "options": options }), false))
}

/// A report given as JSON text (as [`score`] returns it). Text that is not
/// a report is `A0006`: a report comes from this library, so another one
/// is a mistake of the calling program.
///
/// ```
/// assert_eq!(ennakko::api::json::report("{}").unwrap_err().code(), "A0006");
/// ```
pub fn report(text: &str) -> Result<Report, Error> {
    serde_json::from_str(text).map_err(|e| {
        argument(
            "A0006",
            t!("not a report (as returned by score): {e}", e = e),
            t!("pass the JSON of a report that scoring returned"),
        )
    })
}

/// A decision (JSON or YAML text; `format` as [`Format::named`]) read with
/// the default limits.
fn decision(text: &str, format: &str, limits: &Limits) -> Result<Decision, Error> {
    Decision::from_str(text, Format::named(format, text)?, limits)
}

/// A decision document read and given back as JSON, its shape checked but
/// not its ids (those need a checklist): for tools that open a decision
/// file into a form.
///
/// ```
/// let json = ennakko::api::json::read_decision("id: a\ntitle: T\nalternatives: []", "auto").unwrap();
/// assert!(json.starts_with("{\"id\":\"a\""));
/// assert_eq!(ennakko::api::json::read_decision("id: [", "yaml").unwrap_err().code(), "D0001");
/// ```
pub fn read_decision(text: &str, format: &str) -> Result<String, Error> {
    decision(text, format, &Limits::default()).map(|d| to_json(&d, false))
}

/// Scores a decision given as text; the report as JSON (`pretty`: as the
/// CLI prints it).
///
/// ```
/// let eva = ennakko::Checklist::standard("eva").unwrap();
/// let json = ennakko::api::json::score(&eva, "id: a\ntitle: T\nalternatives: [{id: p, kind: proposal}]", "auto", false).unwrap();
/// assert!(json.contains("\"verdict\""));
/// ```
pub fn score(checklist: &Checklist, text: &str, format: &str, pretty: bool) -> Result<String, Error> {
    let report = checklist.score_str(text, Format::named(format, text)?)?;
    Ok(to_json(&report, pretty))
}

/// Evaluates a decision given as text into the compact result (verdict,
/// fired rules, numbers; no report), as JSON.
///
/// ```
/// let eva = ennakko::Checklist::standard("eva").unwrap();
/// let json = ennakko::api::json::evaluate(&eva, "id: a\ntitle: T\nalternatives: [{id: p, kind: proposal}]", "yaml").unwrap();
/// assert!(json.contains("\"verdict\":\"none\""));
/// ```
pub fn evaluate(checklist: &Checklist, text: &str, format: &str) -> Result<String, Error> {
    let parsed = decision(text, format, checklist.limits())?;
    let evaluation = checklist.evaluate(&parsed).map_err(|e| e.located(text))?;
    Ok(to_json(&evaluation.to_json(checklist.model()), false))
}

/// Explains one result of a decision given as text, also a rule that did
/// not fire, in `lang` (default: the decision's language, else the
/// checklist's, by [`Lang::for_report`]); `None` for an unknown id.
///
/// ```
/// let eva = ennakko::Checklist::standard("eva").unwrap();
/// let text = "id: a\ntitle: T\nlanguage: sv\nalternatives: [{id: p, kind: proposal}]";
/// assert!(ennakko::api::json::explain_decision(&eva, text, "auto", "full_large_investment", None).unwrap().is_some());
/// assert_eq!(ennakko::api::json::explain_decision(&eva, text, "auto", "x", Some("de")).unwrap_err().code(), "A0001");
/// ```
pub fn explain_decision(
    checklist: &Checklist,
    text: &str,
    format: &str,
    id: &str,
    lang: Option<&str>,
) -> Result<Option<String>, Error> {
    let parsed = decision(text, format, checklist.limits())?;
    let languages = checklist.model().languages.iter().map(String::as_str);
    let lang = Lang::for_report(Lang::asked(lang)?, parsed.language.as_deref(), languages);
    checklist.explain(&parsed, id, lang.code()).map_err(|e| e.located(text))
}

/// Which questions apply and are missing per alternative (see
/// [`super::questions`]), as JSON, for a decision given as text.
/// `description` is the checklist's, kept by the caller so it is made once.
///
/// ```
/// let eva = ennakko::Checklist::standard("eva").unwrap();
/// let json = ennakko::api::json::questions(&eva, &eva.describe(), "id: a\ntitle: T\nalternatives: [{id: p, kind: proposal}]", "auto").unwrap();
/// assert!(json.starts_with("{\"alternatives\":[{\"id\":\"p\""));
/// ```
pub fn questions(checklist: &Checklist, description: &Description, text: &str, format: &str) -> Result<String, Error> {
    let report = checklist.score_str(text, Format::named(format, text)?)?;
    Ok(to_json(&super::questions(description, &report), false))
}

/// A report (JSON text) printed as `format` (`json`, `md`, `html`) in
/// `lang` (default: by [`Report::language`]).
///
/// ```
/// let eva = ennakko::Checklist::standard("eva").unwrap();
/// let report = ennakko::api::json::score(&eva, "id: a\ntitle: T\nalternatives: [{id: p, kind: proposal}]", "auto", false).unwrap();
/// assert!(ennakko::api::json::render(&report, "html", Some("sv")).unwrap().contains("lang=\"sv\""));
/// assert_eq!(ennakko::api::json::render(&report, "pdf", None).unwrap_err().code(), "A0001");
/// ```
pub fn render(report: &str, format: &str, lang: Option<&str>) -> Result<String, Error> {
    let report = self::report(report)?;
    let format: ReportFormat = format.parse()?;
    let lang = report.language(Lang::asked(lang)?);
    Ok(super::render(&report, format, lang))
}

/// Explains one result of a report (JSON text) in plain language: a
/// finding or verdict reason (by rule id), a named score, or the score of
/// a group, domain or perspective; `None` if the report has nothing with
/// that id.
///
/// ```
/// let eva = ennakko::Checklist::standard("eva").unwrap();
/// let report = ennakko::api::json::score(&eva, "id: a\ntitle: T\nalternatives: [{id: p, kind: proposal}]", "auto", false).unwrap();
/// assert!(ennakko::api::json::explain(&report, "nothing", None).unwrap().is_none());
/// ```
pub fn explain(report: &str, id: &str, lang: Option<&str>) -> Result<Option<String>, Error> {
    let report = self::report(report)?;
    let lang = report.language(Lang::asked(lang)?);
    Ok(crate::report::render::explain(&report, id, lang.code()))
}

/// The equity statement of each alternative but the zero option, in
/// words, as a JSON object of alternative id to sentence.
///
/// ```
/// let eva = ennakko::Checklist::standard("eva").unwrap();
/// let report = ennakko::api::json::score(&eva, "id: a\ntitle: T\nalternatives: [{id: z, kind: zero}, {id: p, kind: proposal}]", "auto", false).unwrap();
/// assert!(ennakko::api::json::equity(&report, Some("en")).unwrap().starts_with("{\"p\":"));
/// ```
pub fn equity(report: &str, lang: Option<&str>) -> Result<String, Error> {
    let report = self::report(report)?;
    let lang = report.language(Lang::asked(lang)?);
    let sentences: BTreeMap<String, String> =
        crate::report::render::equity_sentences(&report, lang.code()).into_iter().collect();
    Ok(to_json(&sentences, false))
}

/// Names of the standard checklists, as a JSON array.
///
/// ```
/// assert!(ennakko::api::json::standard_names().contains("\"eva\""));
/// ```
pub fn standard_names() -> String {
    to_json(&crate::checklist::stdlib::names().collect::<Vec<_>>(), false)
}
