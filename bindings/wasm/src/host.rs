//! The binding over strings: what every JavaScript call does, written in
//! plain Rust so that it can be tested natively.
//!
//! Nothing here may panic on any input: a panic inside WebAssembly aborts
//! the whole module. Every value from the caller is parsed with `?`, never
//! unwrapped.

use std::collections::BTreeMap;
use std::sync::Arc;

use ennakko::api::{self, Lang};
use ennakko::checklist::describe::Description;
use ennakko::editor::{Editor, lexical};
use ennakko::{Checklist, Diagnostic, ErrorKind, Format, Limits, MapResolver, Options, Report, Severity};
use serde::Serialize;
use serde::de::DeserializeOwned;

#[cfg(feature = "templates")]
pub mod templates;
// The schemas this build knows: with templates, also `template-check`.
#[cfg(not(feature = "templates"))]
use ennakko::schema as schemas;
#[cfg(feature = "templates")]
use ennakko_templates::schema as schemas;

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The user's checklist, decision or template is wrong (or evaluation
    /// ran out of steps): the core's diagnostics, each with a code and a
    /// position.
    Diagnostics {
        /// `compile`, `decision`, `evaluation` or `template`.
        kind: &'static str,
        /// Errors first.
        diagnostics: Vec<Diagnostic>,
    },
    /// The host passed an argument of the wrong shape (bad `limits`, a
    /// `files` map that is not an object, an unknown format...): a
    /// programming error, thrown as a JavaScript `TypeError`.
    Argument(String),
}

impl Failure {
    /// The code of the first error, e.g. `E0101`.
    pub fn code(&self) -> &str {
        match self {
            Failure::Diagnostics { diagnostics, .. } => diagnostics
                .iter()
                .find(|d| d.severity == Severity::Error)
                .or(diagnostics.first())
                .map_or("", |d| d.code.as_str()),
            Failure::Argument(_) => "",
        }
    }

    /// A human-readable message: the diagnostics drawn like rustc.
    pub fn message(&self) -> String {
        self.message_in(Lang::En)
    }

    /// [`Failure::message`] with the words around the diagnostics in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        match self {
            Failure::Diagnostics { diagnostics, .. } => {
                ennakko::diagnostic::render_all_in(diagnostics, lang).trim_end().to_string()
            }
            Failure::Argument(message) => message.clone(),
        }
    }

    /// The diagnostics as a JSON array.
    pub fn diagnostics_json(&self) -> String {
        match self {
            Failure::Diagnostics { diagnostics, .. } => to_json(diagnostics, false),
            Failure::Argument(_) => "[]".into(),
        }
    }
}

/// The core's one error type: argument errors are the host's mistakes
/// (a `TypeError`), every other kind keeps its diagnostics.
impl From<ennakko::Error> for Failure {
    fn from(error: ennakko::Error) -> Failure {
        match error.kind {
            ErrorKind::Argument => Failure::Argument(error.diagnostics.iter().map(argument_message).collect()),
            kind => Failure::Diagnostics { kind: kind.name(), diagnostics: error.diagnostics },
        }
    }
}

/// An argument diagnostic as one line of a `TypeError` message.
fn argument_message(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}: {help}", d.message),
        None => d.message.clone(),
    }
}

/// Serialises to JSON. The core's types always serialise (string keys,
/// finite or null numbers); should one ever fail, the result is `null`
/// rather than a panic.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T, pretty: bool) -> String {
    let result = if pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
    result.unwrap_or_else(|_| "null".into())
}

// ---- options ---------------------------------------------------------------------------

/// Reads `limits` given as a JSON object of some of [`Limits`]' fields;
/// unknown names are an error (a misspelt limit would otherwise be ignored).
pub fn parse_limits(json: Option<&str>) -> Result<Limits, Failure> {
    parse_known(json, "{\"max_eval_steps\": 100000}")
}

/// Some fields of a struct of limits, the rest at their defaults: the
/// core reads the map (`api::limits_from_json`).
pub(crate) fn parse_known<T: Default + Serialize + DeserializeOwned>(
    json: Option<&str>,
    example: &str,
) -> Result<T, Failure> {
    let Some(json) = json else { return Ok(T::default()) };
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| Failure::Argument(format!("`limits` is not valid JSON: {e}; for example {example}")))?;
    Ok(api::limits_from_json(&value)?)
}

/// Reads the in-memory files for relative imports: a JSON object of file
/// name (relative to the root checklist, `lib/groups.eva`) to source text.
/// The core's `MapResolver` serves them as the CLI's `FileResolver` serves
/// files: standard checklists by name, paths relative to the importing
/// file, with the same messages (the conformance cases compare them).
pub fn parse_files(json: Option<&str>) -> Result<MapResolver, Failure> {
    let Some(json) = json else { return Ok(MapResolver::default()) };
    let given: BTreeMap<String, String> = serde_json::from_str(json)
        .map_err(|e| Failure::Argument(format!("`files` must be an object of file names to checklist sources: {e}")))?;
    MapResolver::new(given).map_err(Failure::Argument)
}

fn options(files: Option<&str>, limits: Option<&str>) -> Result<Options, Failure> {
    Ok(Options { limits: parse_limits(limits)?, resolver: Arc::new(parse_files(files)?) })
}

/// `json`, `yaml`, or `auto` (the core sniffs the text).
pub fn parse_format(format: &str, text: &str) -> Result<Format, Failure> {
    Ok(Format::named(format, text)?)
}

// ---- the checklist ---------------------------------------------------------------------

/// A compiled checklist and its description, ready to score decisions.
#[derive(Debug, Clone)]
pub struct Engine {
    checklist: Checklist,
    description: Description,
}

impl Engine {
    fn new(checklist: Checklist) -> Engine {
        let description = checklist.describe();
        Engine { checklist, description }
    }

    /// Compiles checklist source named `name`; `files` (JSON object) serves
    /// relative imports, `limits` (JSON object) overrides some limits.
    pub fn compile(name: &str, source: &str, files: Option<&str>, limits: Option<&str>) -> Result<Engine, Failure> {
        let options = options(files, limits)?;
        Checklist::compile(name, source, &options).map(Engine::new).map_err(Failure::from)
    }

    /// Compiles a standard checklist by name.
    pub fn standard(name: &str, limits: Option<&str>) -> Result<Engine, Failure> {
        Checklist::standard_with(name, parse_limits(limits)?).map(Engine::new).map_err(Failure::from)
    }

    /// The compiled checklist.
    pub fn checklist(&self) -> &Checklist {
        &self.checklist
    }

    /// The description (questions, groups, domains, scales...) as JSON.
    pub fn describe_json(&self) -> String {
        to_json(&self.description, false)
    }

    /// Warnings found while compiling, as a JSON array of diagnostics.
    pub fn warnings_json(&self) -> String {
        to_json(self.checklist.warnings(), false)
    }

    /// The limits in force, as JSON.
    pub fn limits_json(&self) -> String {
        to_json(self.checklist.limits(), false)
    }

    /// Scores a decision given as JSON or YAML text.
    pub fn score(&self, decision: &str, format: &str) -> Result<Report, Failure> {
        let format = parse_format(format, decision)?;
        self.checklist.score_str(decision, format).map_err(Failure::from)
    }

    /// Evaluates a decision into the compact result (verdict, fired rules,
    /// numbers; no report), as JSON.
    pub fn evaluate_json(&self, decision: &str, format: &str) -> Result<String, Failure> {
        let format = parse_format(format, decision)?;
        let limits = self.checklist.limits();
        let parsed = ennakko::Decision::from_str(decision, format, limits).map_err(Failure::from)?;
        let evaluation = self.checklist.evaluate(&parsed).map_err(|e| e.located(decision))?;
        Ok(to_json(&evaluation.to_json(self.checklist.model()), false))
    }

    /// Scores a decision; the report as JSON (`pretty`: as the CLI prints it).
    pub fn score_json(&self, decision: &str, format: &str, pretty: bool) -> Result<String, Failure> {
        self.score(decision, format).map(|report| to_json(&report, pretty))
    }

    /// Explains one result of a decision in words, also a rule that did not
    /// fire (each part of its condition, with the values read).
    pub fn explain_decision(
        &self,
        decision: &str,
        format: &str,
        id: &str,
        lang: Option<&str>,
    ) -> Result<Option<String>, Failure> {
        let format = parse_format(format, decision)?;
        let limits = self.checklist.limits();
        let parsed = ennakko::Decision::from_str(decision, format, limits).map_err(Failure::from)?;
        let languages = self.checklist.model().languages.iter().map(String::as_str);
        let lang = Lang::for_report(Lang::asked(lang)?, parsed.language.as_deref(), languages);
        self.checklist.explain(&parsed, id, lang.code()).map_err(|e| e.located(decision).into())
    }

    /// Which questions apply and are missing, per alternative, as JSON.
    pub fn questions_json(&self, decision: &str, format: &str) -> Result<String, Failure> {
        let report = self.score(decision, format)?;
        Ok(to_json(&self.questions(&report), false))
    }

    /// Which questions apply and are missing, from a report of this checklist.
    pub fn questions<'a>(&'a self, report: &'a Report) -> api::Questions<'a> {
        api::questions(&self.description, report)
    }
}

// ---- functions without a checklist -------------------------------------------------------

/// Compiles checklist source and returns every diagnostic (errors and
/// warnings) as a JSON array, `[]` when it is clean: for editors.
pub fn check_json(name: &str, source: &str, files: Option<&str>, limits: Option<&str>) -> Result<String, Failure> {
    check_json_in(name, source, files, limits, Lang::En)
}

/// [`check_json`] with the diagnostics told in `lang`.
pub fn check_json_in(
    name: &str,
    source: &str,
    files: Option<&str>,
    limits: Option<&str>,
    lang: Lang,
) -> Result<String, Failure> {
    let options = options(files, limits)?;
    Ok(match Checklist::compile(name, source, &options) {
        Ok(checklist) => to_json(&api::diagnostics_in(checklist.warnings(), lang), false),
        Err(e) => to_json(&e.in_language(lang).diagnostics, false),
    })
}

/// Renders a report (JSON) as `html` or `md` in a language (default: the
/// decision's language, else Finnish).
pub fn render(report: &str, format: &str, lang: Option<&str>) -> Result<String, Failure> {
    let report: Report = serde_json::from_str(report)
        .map_err(|e| Failure::Argument(format!("not a report (as returned by score): {e}")))?;
    let lang = report.language(Lang::asked(lang)?);
    Ok(api::render(&report, format.parse()?, lang))
}

/// Explains one result of a report (JSON) in plain language: a finding or
/// verdict reason (by rule id), a named score, or the score of a group,
/// domain or perspective; `None` if the report has nothing with that id.
pub fn explain(report: &str, id: &str, lang: Option<&str>) -> Result<Option<String>, Failure> {
    let report: Report = serde_json::from_str(report)
        .map_err(|e| Failure::Argument(format!("not a report (as returned by score): {e}")))?;
    let lang = report.language(Lang::asked(lang)?);
    Ok(ennakko::report::render::explain(&report, id, lang.code()))
}

/// The equity statement of each alternative but the zero option, in words,
/// as a JSON object of alternative id to sentence.
pub fn equity_json(report: &str, lang: Option<&str>) -> Result<String, Failure> {
    let report: Report = serde_json::from_str(report)
        .map_err(|e| Failure::Argument(format!("not a report (as returned by score): {e}")))?;
    let lang = report.language(Lang::asked(lang)?);
    let sentences: BTreeMap<String, String> =
        ennakko::report::render::equity_sentences(&report, lang.code()).into_iter().collect();
    Ok(to_json(&sentences, false))
}

/// A JSON Schema by name (see `ennakko::schema::NAMES`; with templates,
/// also `template-check`).
pub fn schema_json(name: &str) -> Result<String, Failure> {
    schema_text(name).ok_or_else(|| Failure::Argument(schemas::unknown(name)))
}

/// A schema generated now from the Rust types.
#[cfg(not(feature = "prebuilt-schemas"))]
fn schema_text(name: &str) -> Option<String> {
    schemas::named(name).map(|schema| to_json(&schema, true))
}

/// A schema as `scripts/build-wasm.sh` wrote it into the folder
/// `ENNAKKO_WASM_SCHEMAS` with the native `ennakko schema` (from the same
/// Rust types): generating schemas in the module took 133 KB of its code.
#[cfg(feature = "prebuilt-schemas")]
fn schema_text(name: &str) -> Option<String> {
    macro_rules! prebuilt {
        ($name:literal) => {
            include_str!(concat!(env!("ENNAKKO_WASM_SCHEMAS"), "/", $name, ".json"))
        };
    }
    let text = match name {
        "decision" => prebuilt!("decision"),
        "report" => prebuilt!("report"),
        "description" => prebuilt!("description"),
        "diagnostic" => prebuilt!("diagnostic"),
        "rollup" => prebuilt!("rollup"),
        #[cfg(feature = "templates")]
        "template-check" => prebuilt!("template-check"),
        _ => return None,
    };
    Some(text.to_string())
}

/// Reads a decision document (JSON or YAML text) and gives it back as JSON,
/// checking its shape but not its ids (those need a checklist): for tools
/// that open a decision file into a form.
pub fn read_decision_json(text: &str, format: &str) -> Result<String, Failure> {
    let format = parse_format(format, text)?;
    ennakko::Decision::from_str(text, format, &Limits::default())
        .map(|decision| to_json(&decision, false))
        .map_err(Failure::from)
}

/// Names of the standard checklists, as a JSON array.
pub fn standard_names_json() -> String {
    to_json(&ennakko::checklist::stdlib::names().collect::<Vec<_>>(), false)
}

// ---- editor services ---------------------------------------------------------------------

/// The core's editor over `source`, imports served from `files`.
fn editor(name: &str, source: &str, files: Option<&str>, limits: Option<&str>) -> Result<Editor, Failure> {
    let limits = parse_limits(limits)?;
    Ok(Editor::new(name, source, &parse_files(files)?, &limits))
}

/// The byte offset in `text` of a JavaScript string index (UTF-16 code
/// units), clamped to the text and moved back to a character boundary;
/// a leading byte-order mark (which the core drops) is not counted.
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

/// The JavaScript string index of a byte offset of the text without its
/// byte-order mark (the inverse of [`byte_offset`]).
fn utf16_offset(text: &str, byte: usize) -> usize {
    let bom = usize::from(text.starts_with('\u{feff}'));
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let byte = (0..=byte.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    bom + text[..byte].chars().map(char::len_utf16).sum::<usize>()
}

/// What the name at a JavaScript string index is (the core's `Hover`), as
/// JSON, `null` when nothing is named there.
pub fn hover_json(
    name: &str,
    source: &str,
    offset: u32,
    files: Option<&str>,
    limits: Option<&str>,
) -> Result<String, Failure> {
    let editor = editor(name, source, files, limits)?;
    let hover = editor.hover(byte_offset(source, offset));
    Ok(to_json(&hover.map(|h| serde_json::json!({ "markdown": h.markdown(), "hover": h })), false))
}

/// What may be typed at a JavaScript string index, as JSON: `from` (the
/// string index where the word being typed starts) and `options` (the
/// core's `Completion`s).
pub fn complete_json(
    name: &str,
    source: &str,
    offset: u32,
    files: Option<&str>,
    limits: Option<&str>,
) -> Result<String, Failure> {
    let editor = editor(name, source, files, limits)?;
    let at = byte_offset(source, offset);
    let options = editor.complete(at);
    let from = utf16_offset(source, lexical::word_start(editor.text(), at));
    Ok(to_json(&serde_json::json!({ "from": from, "options": options }), false))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECISION: &str = "id: x\ntitle: T\nalternatives: [{id: zero, kind: zero}, {id: p, kind: proposal, \
                            impacts: [{group: children, domain: mobility, direction: -1}]}]";

    fn eva() -> Engine {
        Engine::standard("eva", None).expect("eva compiles")
    }

    #[test]
    fn normalizes_file_names() {
        let files = parse_files(Some(r#"{"./a/../b.eva": "", "lib\\a.eva": ""}"#)).expect("relative names");
        assert_eq!(files.files.keys().collect::<Vec<_>>(), ["b.eva", "lib/a.eva"]);
        for bad in ["../x.eva", "/etc/passwd", "C:/x.eva", ""] {
            let json = serde_json::json!({ bad: "" }).to_string();
            assert!(
                matches!(parse_files(Some(&json)), Err(Failure::Argument(m)) if m.contains("absolute or leaves")),
                "{bad}"
            );
        }
    }

    #[test]
    fn imports_resolve_against_the_importing_folder() {
        let files = r#"{"lib/a.eva": "import \"./base.eva\"\ngroup a { label fi \"A\" sv \"A\" en \"A\" parent base }",
                        "./lib/base.eva": "group base { label fi \"B\" sv \"B\" en \"B\" }"}"#;
        let root = "checklist c { title fi \"C\" sv \"C\" en \"C\" version \"1\" }\nimport \"./lib/a.eva\"";
        let engine = Engine::compile("checklist.eva", root, Some(files), None);
        assert!(engine.is_ok(), "{:?}", engine.err());
        let escape = r#"checklist c { title fi "C" sv "C" en "C" version "1" }
import "../x.eva""#;
        let err = Engine::compile("checklist.eva", escape, Some("{}"), None).err();
        assert_eq!(err.map(|e| e.code().to_string()).as_deref(), Some("E0601"));
    }

    #[test]
    fn scores_and_lists_questions() {
        let engine = eva();
        let report = engine.score(DECISION, "auto").expect("scores");
        assert_eq!(report.alternatives.len(), 2);
        let questions: serde_json::Value =
            serde_json::from_str(&engine.questions_json(DECISION, "yaml").expect("questions")).unwrap_or_default();
        assert_eq!(questions["alternatives"][1]["id"], "p");
        assert!(questions["questions"][0]["applies"].is_array());
        assert!(questions["questions"][0]["text"]["fi"].is_string());
    }

    #[test]
    fn limits_are_checked() {
        assert!(parse_limits(Some(r#"{"max_eval_steps": 5}"#)).is_ok());
        for bad in [r#"{"max_eval_step": 5}"#, r#"{"max_nesting": -1}"#, "[1]", "nope", r#"{"max_cells": "many"}"#] {
            assert!(matches!(parse_limits(Some(bad)), Err(Failure::Argument(_))), "{bad}");
        }
        let engine = Engine::standard("eva", Some(r#"{"max_eval_steps": 10}"#)).expect("compiles");
        let err = engine.score(DECISION, "yaml").err();
        assert_eq!(err.as_ref().map(Failure::code), Some("R0001"));
    }

    #[test]
    fn render_checks_its_input() {
        let report = eva().score_json(DECISION, "yaml", false).expect("scores");
        assert!(render(&report, "html", Some("sv")).is_ok_and(|h| h.contains("lang=\"sv\"")));
        assert!(render(&report, "md", None).is_ok());
        assert!(matches!(render(&report, "pdf", None), Err(Failure::Argument(_))));
        assert!(matches!(render("{}", "html", None), Err(Failure::Argument(_))));
        assert!(explain(&report, "children", Some("en")).is_ok_and(|e| e.is_some()));
        assert!(explain(&report, "nothing", None).is_ok_and(|e| e.is_none()));
        assert!(matches!(explain("[]", "children", None), Err(Failure::Argument(_))));
        assert!(matches!(render("not json", "html", None), Err(Failure::Argument(_))));
    }

    /// Nested YAML aliases that expand to 9^9 nodes.
    fn billion_laughs() -> String {
        let mut yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n".to_string();
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        yaml
    }

    /// A long chain of binary operators within the size limit must be an
    /// E0003, not a stack overflow, on a stack as small as WebAssembly's.
    #[test]
    fn long_operator_chain_is_rejected() {
        let source = "score s { value ".to_string() + &"1 + ".repeat(100_000) + "1 }";
        let result = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || check_json("x.eva", &source, None, None))
            .map(|t| t.join());
        assert!(matches!(result, Ok(Ok(Ok(json))) if json.contains("E0003")));
    }

    /// Every number, string and array of a real report changed in turn:
    /// rendering and explaining a report that did not come from `score`
    /// (it may come from anywhere in JavaScript) must not panic either.
    #[test]
    fn tampered_reports_do_not_panic() {
        let engine = eva();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/village-school/decision.yaml"
        ))
        .unwrap_or_default();
        let Ok(report) = engine.score_json(&text, "yaml", false) else { return };
        let original: serde_json::Value = serde_json::from_str(&report).unwrap_or_default();
        let mut paths = Vec::new();
        collect(&original, &mut Vec::new(), &mut paths);
        let replacements = [
            serde_json::json!(1_000_000_000u64),
            serde_json::json!(-1),
            serde_json::json!(1.5),
            serde_json::json!(""),
            serde_json::json!([]),
            serde_json::json!({}),
            serde_json::json!(null),
        ];
        // Numbers (indices, counts) and arrays matter most; strings are
        // sampled to keep the test quick in debug builds.
        let interesting = |(i, path): &(usize, &Vec<String>)| {
            let v = original.pointer(&format!("/{}", path.join("/")));
            i % 8 == 0 || v.is_some_and(|v| v.is_number() || v.is_array())
        };
        for (i, path) in paths.iter().enumerate().filter(interesting) {
            let mut tampered = original.clone();
            if let Some(slot) = pointer_mut(&mut tampered, path) {
                *slot = replacements[i % replacements.len()].clone();
            }
            let json = tampered.to_string();
            for format in ["html", "md"] {
                let _ = render(&json, format, Some(["fi", "sv", "en", "xx"][i % 4]));
            }
            let _ = explain(&json, path.last().map_or("children", String::as_str), None);
        }
        assert!(paths.len() > 100, "{}", paths.len());
    }

    fn collect(value: &serde_json::Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    at.push(k.clone());
                    collect(v, at, out);
                    at.pop();
                }
            }
            serde_json::Value::Array(items) => {
                out.push(at.clone());
                for (i, v) in items.iter().enumerate() {
                    at.push(i.to_string());
                    collect(v, at, out);
                    at.pop();
                }
            }
            _ => out.push(at.clone()),
        }
    }

    fn pointer_mut<'a>(value: &'a mut serde_json::Value, path: &[String]) -> Option<&'a mut serde_json::Value> {
        path.iter().try_fold(value, |v, key| match v {
            serde_json::Value::Object(map) => map.get_mut(key),
            serde_json::Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            _ => None,
        })
    }

    /// Hostile inputs: each must return, with a diagnostic or a report,
    /// never panic or overflow the stack.
    #[test]
    fn hostile_inputs_do_not_panic() {
        let engine = eva();
        let deep_json = "[".repeat(100_000);
        let deep_yaml = (0..5_000).map(|i| format!("{}- a\n", " ".repeat(i))).collect::<String>();
        let inputs: Vec<String> = vec![
            String::new(),
            "\u{feff}".into(),
            "\0\0\0".into(),
            "null".into(),
            "[]".into(),
            "{".into(),
            "id: [".into(),
            deep_json.clone(),
            "{".repeat(100_000),
            deep_yaml,
            "a: &a [*a, *a]".into(),
            "x: &x\n  - *x".into(),
            billion_laughs(),
            "{\"id\": \"x\", \"title\": \"t\", \"alternatives\": [{\"id\": \"z\", \"kind\": \"zero\", \"impacts\": [{\"group\": \"children\", \"domain\": \"health\", \"direction\": 1e400}]}]}".into(),
            "{\"id\": \"x\", \"title\": \"t\", \"facts\": {\"cost_eur\": 1e308}, \"alternatives\": [{\"id\": \"z\", \"kind\": \"zero\"}]}".into(),
            "{\"id\": \"x\", \"title\": \"t\", \"facts\": {\"cost_eur\": 18446744073709551616}, \"alternatives\": [{\"id\": \"z\", \"kind\": \"zero\"}]}".into(),
            "id: x\ntitle: t\nalternatives: [{id: z, kind: zero, answers: {affected_residents: .nan}}]".into(),
            "\u{0}id: \u{202e}x".into(),
            "id: 1\ntitle: 2\nalternatives: 3".into(),
        ];
        for input in &inputs {
            for format in ["json", "yaml", "auto"] {
                let _ = engine.score_json(input, format, false);
                let _ = engine.questions_json(input, format);
            }
        }
        let sources = [
            String::new(),
            "checklist".into(),
            "(".repeat(100_000),
            "checklist c { title en \"".to_string() + &"\\".repeat(10_001),
            "rule r: info { when ".to_string() + &"not ".repeat(50_000) + "true }",
            "score s { value ".to_string() + &"1 + ".repeat(50_000) + "1 }",
            "import \"./checklist.eva\"".into(),
            "import \"/etc/passwd\"".into(),
            "\u{0}\u{fffd}\u{202e}".into(),
        ];
        for source in &sources {
            let _ = Engine::compile(
                "checklist.eva",
                source,
                Some(r#"{"checklist.eva": "import \"./checklist.eva\""}"#),
                None,
            );
            let _ = check_json("x.eva", source, None, None);
        }
        for bad in ["", "null", "{\"a\": 1}", "[]", "\"", "{\"../../x\": \"\"}"] {
            let _ = Engine::compile("c.eva", "", Some(bad), Some(bad));
            let _ = render(bad, "html", Some(bad));
        }
        for input in ["", "{", "id: x", "[1]"] {
            assert!(read_decision_json(input, "auto").is_err());
        }
        assert!(Engine::standard("nope", None).is_err());
        assert!(schema_json("nope").is_err());
    }

    #[test]
    fn editor_offsets_are_javascript_string_indexes() {
        let text = "\u{feff}group \u{1f642}ä { }";
        // 🙂 is two UTF-16 units and four bytes; the BOM is one unit.
        assert_eq!(byte_offset(text, 7), 6);
        assert_eq!(byte_offset(text, 8), 6, "inside the surrogate pair: back to the character");
        assert_eq!(byte_offset(text, 9), 10);
        assert_eq!(byte_offset(text, 999), text.len() - 3);
        assert_eq!(utf16_offset(text, 10), 9);
        let source = "group kids { label fi \"Lapset\" }\nscore s {\n  value impact(ki";
        let hover: serde_json::Value =
            serde_json::from_str(&hover_json("x.eva", source, 8, None, None).unwrap()).unwrap();
        assert_eq!(hover["hover"]["id"], "kids");
        assert!(hover["markdown"].as_str().unwrap().contains("fi: Lapset"));
        let offset = source.len() as u32;
        let done: serde_json::Value =
            serde_json::from_str(&complete_json("x.eva", source, offset, None, None).unwrap()).unwrap();
        assert_eq!(done["from"], offset - 2);
        assert!(done["options"].as_array().unwrap().iter().any(|o| o["label"] == "kids" && o["kind"] == "group"));
        assert_eq!(hover_json("x.eva", source, 3, None, Some("{\"max_source_bytes\": 8}")).unwrap(), "null");
        assert!(matches!(hover_json("x.eva", source, 3, None, Some("{\"nope\": 1}")), Err(Failure::Argument(_))));
    }

    #[test]
    fn check_speaks_the_language_asked() {
        let source = "checklist c { title en \"C\" version \"1\" languages en }\ngroup kids { labl en \"Kids\" }";
        let fi: serde_json::Value =
            serde_json::from_str(&check_json_in("x.eva", source, None, None, Lang::Fi).unwrap()).unwrap();
        assert_eq!(fi[0]["help"], "tarkoititko `label`?");
        let en: serde_json::Value = serde_json::from_str(&check_json("x.eva", source, None, None).unwrap()).unwrap();
        assert_eq!(en[0]["code"], fi[0]["code"]);
        assert_ne!(en[0]["help"], fi[0]["help"]);
    }
}
