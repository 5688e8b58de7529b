//! The binding over strings: what every JavaScript call does, written in
//! plain Rust so that it can be tested natively.
//!
//! Nothing here may panic on any input: a panic inside WebAssembly aborts
//! the whole module. Every value from the caller is parsed with `?`, never
//! unwrapped.

use std::collections::BTreeMap;
use std::sync::Arc;

use ennakko::decision::AlternativeKind;
use ennakko::describe::{Description, Field};
use ennakko::load::{Resolved, Resolver, StdResolver};
use ennakko::report::Completeness;
use ennakko::{Checklist, Diagnostic, Format, Limits, MapResolver, Options, Report, Severity};
use serde::Serialize;

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The user's checklist or decision is wrong (or evaluation ran out of
    /// steps): the core's diagnostics, each with a code and a position.
    Diagnostics {
        /// `compile`, `decision` or `evaluation`.
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
        match self {
            Failure::Diagnostics { diagnostics, .. } => {
                ennakko::diagnostic::render_all(diagnostics).trim_end().to_string()
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

fn compile_failure(diagnostics: Vec<Diagnostic>) -> Failure {
    Failure::Diagnostics { kind: "compile", diagnostics }
}

fn score_failure(error: ennakko::ScoreError) -> Failure {
    let kind = match error {
        ennakko::ScoreError::Decision(_) => "decision",
        ennakko::ScoreError::Eval(_) => "evaluation",
    };
    Failure::Diagnostics { kind, diagnostics: error.diagnostics() }
}

/// Serialises to JSON. The core's types always serialise (string keys,
/// finite or null numbers); should one ever fail, the result is `null`
/// rather than a panic.
fn to_json<T: Serialize + ?Sized>(value: &T, pretty: bool) -> String {
    let result = if pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
    result.unwrap_or_else(|_| "null".into())
}

// ---- options ---------------------------------------------------------------------------

/// Reads `limits` given as a JSON object of some of [`Limits`]' fields;
/// unknown names are an error (a misspelt limit would otherwise be ignored).
pub fn parse_limits(json: Option<&str>) -> Result<Limits, Failure> {
    let Some(json) = json else { return Ok(Limits::default()) };
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| Failure::Argument(format!("`limits` is not valid JSON: {e}")))?;
    let serde_json::Value::Object(given) = &value else {
        return Err(Failure::Argument("`limits` must be an object such as {\"max_eval_steps\": 100000}".into()));
    };
    let known = serde_json::to_value(Limits::default()).unwrap_or_default();
    let known: Vec<&str> = known.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    if let Some(unknown) = given.keys().find(|k| !known.contains(&k.as_str())) {
        let hint = match ennakko::diagnostic::did_you_mean(unknown, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("the limits are: {}", known.join(", ")),
        };
        return Err(Failure::Argument(format!("unknown limit `{unknown}`: {hint}")));
    }
    serde_json::from_value(value).map_err(|e| {
        Failure::Argument(format!("invalid `limits`: {e} (every limit is a whole number of zero or more)"))
    })
}

/// Reads the in-memory files for relative imports: a JSON object of file
/// name (relative to the root checklist, `lib/groups.eva`) to source text.
pub fn parse_files(json: Option<&str>) -> Result<MapResolver, Failure> {
    let Some(json) = json else { return Ok(MapResolver::default()) };
    let given: BTreeMap<String, String> = serde_json::from_str(json)
        .map_err(|e| Failure::Argument(format!("`files` must be an object of file names to checklist sources: {e}")))?;
    let mut files = BTreeMap::new();
    for (name, text) in given {
        let key = normalize(&name)
            .ok_or_else(|| Failure::Argument(format!("file name `{name}` is absolute or leaves the root folder")))?;
        files.insert(key, text);
    }
    Ok(MapResolver { files })
}

/// `./a/../b.eva` → `b.eva`; `None` for absolute paths and paths that climb
/// out of the root folder. Backslashes count as slashes.
fn normalize(path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    if path.starts_with('/') || path.as_bytes().get(1) == Some(&b':') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Imports for hosts without a file system: standard checklists by name,
/// and relative paths from the in-memory files. A path is relative to the
/// importing file's folder, as with the CLI's `FileResolver` (so `lib/a.eva`
/// importing `./base.eva` reads `lib/base.eva`). The root file may be in the
/// map too, so that an import of it is seen as a cycle.
///
/// (`ennakko::MapResolver` itself resolves every path against the root
/// folder and words its errors differently; until the core aligns it with
/// `FileResolver`, this adapter does, keeping the map in a `MapResolver`.)
struct MemoryResolver(MapResolver);

impl Resolver for MemoryResolver {
    fn resolve(&self, importer: &str, target: &str) -> Result<Resolved, String> {
        let is_path = target.contains('/') || target.contains('\\') || target.ends_with(".eva");
        if !is_path {
            return StdResolver.resolve(importer, target);
        }
        let path = target.replace('\\', "/");
        if path.starts_with('/') || path.as_bytes().get(1) == Some(&b':') {
            return Err("absolute import paths are not allowed; write a path relative to the importing file".into());
        }
        // The same messages as the CLI's FileResolver, so that diagnostics
        // agree across front ends (the conformance cases compare them).
        let folder = importer.rsplit_once('/').map_or("", |(folder, _)| folder);
        let joined = if folder.is_empty() { path } else { format!("{folder}/{path}") };
        let name = normalize(&joined).ok_or_else(|| {
            format!("`{target}` is outside the checklist's folder; imports may only read files in it")
        })?;
        match self.0.files.get(&name) {
            Some(text) => Ok(Resolved { name, text: text.clone() }),
            None => Err(format!("there is no file `{target}` next to the importing checklist")),
        }
    }
}

fn options(files: Option<&str>, limits: Option<&str>) -> Result<Options, Failure> {
    Ok(Options { limits: parse_limits(limits)?, resolver: Arc::new(MemoryResolver(parse_files(files)?)) })
}

/// `json`, `yaml`, or `auto` (JSON when the text starts with `{`, else YAML).
pub fn parse_format(format: &str, text: &str) -> Result<Format, Failure> {
    match format {
        "json" => Ok(Format::Json),
        "yaml" | "yml" => Ok(Format::Yaml),
        "" | "auto" => {
            let start = text.trim_start_matches('\u{feff}').trim_start();
            Ok(if start.starts_with('{') { Format::Json } else { Format::Yaml })
        }
        other => {
            Err(Failure::Argument(format!("unknown decision format `{other}`: use \"json\", \"yaml\" or \"auto\"")))
        }
    }
}

// ---- the checklist ---------------------------------------------------------------------

/// A compiled checklist and its description, ready to score decisions.
#[derive(Debug, Clone)]
pub struct Engine {
    checklist: Checklist,
    description: Description,
}

/// Which questions apply and which are missing, per alternative.
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

impl Engine {
    fn new(checklist: Checklist) -> Engine {
        let description = checklist.describe();
        Engine { checklist, description }
    }

    /// Compiles checklist source named `name`; `files` (JSON object) serves
    /// relative imports, `limits` (JSON object) overrides some limits.
    pub fn compile(name: &str, source: &str, files: Option<&str>, limits: Option<&str>) -> Result<Engine, Failure> {
        let options = options(files, limits)?;
        Checklist::compile(name, source, &options).map(Engine::new).map_err(|e| compile_failure(e.diagnostics))
    }

    /// Compiles a standard checklist by name.
    pub fn standard(name: &str, limits: Option<&str>) -> Result<Engine, Failure> {
        let limits = parse_limits(limits)?;
        let checklist = Checklist::standard(name).map_err(|e| compile_failure(e.diagnostics))?;
        if limits == Limits::default() {
            return Ok(Engine::new(checklist));
        }
        // Recompile with the given limits (they also bound scoring).
        let source = ennakko::stdlib::source(name).unwrap_or_default();
        let options = Options { limits, resolver: Arc::new(StdResolver) };
        Checklist::compile(&format!("<std>/{name}.eva"), source, &options)
            .map(Engine::new)
            .map_err(|e| compile_failure(e.diagnostics))
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
        self.checklist.score_str(decision, format).map_err(score_failure)
    }

    /// Scores a decision; the report as JSON (`pretty`: as the CLI prints it).
    pub fn score_json(&self, decision: &str, format: &str, pretty: bool) -> Result<String, Failure> {
        self.score(decision, format).map(|report| to_json(&report, pretty))
    }

    /// Which questions apply and are missing, per alternative, as JSON.
    pub fn questions_json(&self, decision: &str, format: &str) -> Result<String, Failure> {
        let report = self.score(decision, format)?;
        Ok(to_json(&self.questions(&report), false))
    }

    /// Which questions apply and are missing, from a report of this checklist.
    pub fn questions<'a>(&'a self, report: &'a Report) -> Questions<'a> {
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
        let questions = self
            .description
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
}

// ---- functions without a checklist -------------------------------------------------------

/// Compiles checklist source and returns every diagnostic (errors and
/// warnings) as a JSON array, `[]` when it is clean: for editors.
pub fn check_json(name: &str, source: &str, files: Option<&str>, limits: Option<&str>) -> Result<String, Failure> {
    let options = options(files, limits)?;
    Ok(match Checklist::compile(name, source, &options) {
        Ok(checklist) => to_json(checklist.warnings(), false),
        Err(e) => to_json(&e.diagnostics, false),
    })
}

/// Renders a report (JSON) as `html` or `md` in a language (default: the
/// decision's language, else Finnish).
pub fn render(report: &str, format: &str, lang: Option<&str>) -> Result<String, Failure> {
    let report: Report = serde_json::from_str(report)
        .map_err(|e| Failure::Argument(format!("not a report (as returned by score): {e}")))?;
    let lang = lang.filter(|l| !l.is_empty()).or(report.decision.language.as_deref()).unwrap_or("fi");
    match format {
        "html" => Ok(ennakko::render::html(&report, lang)),
        "md" | "markdown" => Ok(ennakko::render::markdown(&report, lang)),
        other => Err(Failure::Argument(format!("unknown report format `{other}`: use \"html\" or \"md\""))),
    }
}

/// Explains one result of a report (JSON) in plain language: a finding or
/// verdict reason (by rule id), a named score, or the score of a group,
/// domain or perspective; `None` if the report has nothing with that id.
pub fn explain(report: &str, id: &str, lang: Option<&str>) -> Result<Option<String>, Failure> {
    let report: Report = serde_json::from_str(report)
        .map_err(|e| Failure::Argument(format!("not a report (as returned by score): {e}")))?;
    let lang = lang.filter(|l| !l.is_empty()).or(report.decision.language.as_deref()).unwrap_or("fi");
    Ok(ennakko::render::explain(&report, id, lang))
}

/// A JSON Schema: `decision`, `report`, `diagnostic` or `description`.
pub fn schema_json(name: &str) -> Result<String, Failure> {
    let schema = match name {
        "decision" => ennakko::schema::decision(),
        "report" => ennakko::schema::report(),
        "diagnostic" => ennakko::schema::diagnostic(),
        "description" => ennakko::schema::description(),
        other => {
            return Err(Failure::Argument(format!(
                "unknown schema `{other}`: use \"decision\", \"report\", \"diagnostic\" or \"description\""
            )));
        }
    };
    Ok(to_json(&schema, true))
}

/// Reads a decision document (JSON or YAML text) and gives it back as JSON,
/// checking its shape but not its ids (those need a checklist): for tools
/// that open a decision file into a form.
pub fn read_decision_json(text: &str, format: &str) -> Result<String, Failure> {
    let format = parse_format(format, text)?;
    ennakko::Decision::from_str(text, format, &Limits::default())
        .map(|decision| to_json(&decision, false))
        .map_err(|e| Failure::Diagnostics { kind: "decision", diagnostics: e.diagnostics })
}

/// Names of the standard checklists, as a JSON array.
pub fn standard_names_json() -> String {
    to_json(&ennakko::stdlib::names().collect::<Vec<_>>(), false)
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
        assert_eq!(normalize("./a/../b.eva").as_deref(), Some("b.eva"));
        assert_eq!(normalize("lib\\a.eva").as_deref(), Some("lib/a.eva"));
        assert_eq!(normalize("../x.eva"), None);
        assert_eq!(normalize("/etc/passwd"), None);
        assert_eq!(normalize("C:/x.eva"), None);
        assert_eq!(normalize(""), None);
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
}
