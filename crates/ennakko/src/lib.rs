//! # ennakko
//!
//! Ex-ante impact assessment (EVA, *vaikutusten ennakkoarviointi*) of public
//! decisions: a small checklist language and an engine that scores draft
//! decisions for their effects on population groups, explains every result,
//! and says what is missing.
//!
//! The pipeline, one folder per stage, each using only the stages before it:
//! [`syntax`] (text → tree) → [`checklist`] (tree → compiled model) →
//! [`decision`] (document → bound answers) → [`eval`] (compact outcome) →
//! [`report`] (outcome → report, rendered in fi/sv/en). [`diagnostic`] and
//! [`limits`] serve every stage. Document templates (Word, Markdown, HTML)
//! are the crate `ennakko-templates`, built on this one. [`editor`] answers
//! editors (hover, completion) for the language server and the browser.
//!
//! ```
//! use ennakko::{Checklist, Format};
//! let checklist = Checklist::standard("eva").unwrap();
//! let decision = r#"
//! id: "2026-1"
//! title: Example
//! alternatives:
//!   - id: zero
//!     kind: zero
//!   - id: plan
//!     kind: proposal
//!     impacts:
//!       - group: children
//!         domain: mobility
//!         direction: -1
//! "#;
//! let report = checklist.score_str(decision, Format::Yaml).unwrap();
//! assert_eq!(report.alternatives[1].total.value, -1.5);
//! ```

pub mod api;
pub mod checklist;
pub mod decision;
pub mod diagnostic;
pub mod editor;
pub mod error;
pub mod eval;
pub mod limits;
pub mod message;
pub mod report;
pub mod rollup;
pub mod syntax;

use std::sync::Arc;

pub use checklist::load::{FileResolver, MapResolver, Resolver, StdResolver};
pub use decision::{Decision, Format};
pub use diagnostic::{Diagnostic, Severity};
pub use error::{Error, ErrorKind};
pub use limits::Limits;
pub use report::Report;

/// How to compile: limits and where imports come from.
///
/// ```
/// let options = ennakko::Options::default();
/// assert_eq!(options.limits, ennakko::Limits::default());
/// ```
#[derive(Clone)]
pub struct Options {
    /// Resource limits, for compiling and for scoring.
    pub limits: Limits,
    /// Resolves `import` lines.
    pub resolver: Arc<dyn Resolver>,
}

impl Default for Options {
    fn default() -> Options {
        Options { limits: Limits::default(), resolver: Arc::new(StdResolver) }
    }
}

/// A compiled checklist: immutable, cheap to clone, `Send + Sync`, and
/// reusable for any number of decisions.
#[derive(Debug, Clone)]
pub struct Checklist {
    model: Arc<checklist::model::Model>,
    limits: Limits,
}

impl Checklist {
    /// Compiles checklist source; imports may name standard checklists only.
    ///
    /// ```
    /// let err = ennakko::Checklist::from_source("x.eva", "group { }").unwrap_err();
    /// assert_eq!(err.diagnostics()[0].code, "E0001");
    /// ```
    pub fn from_source(name: &str, text: &str) -> Result<Checklist, Error> {
        Checklist::compile(name, text, &Options::default())
    }

    /// Compiles a standard checklist by name (see [`checklist::stdlib::names`]).
    ///
    /// ```
    /// assert!(ennakko::Checklist::standard("eva").is_ok());
    /// ```
    pub fn standard(name: &str) -> Result<Checklist, Error> {
        Checklist::standard_with(name, Limits::default())
    }

    /// A standard checklist compiled with other limits (they also bound
    /// scoring with it); an unknown name is `E0601` with a suggestion.
    ///
    /// ```
    /// let limits = ennakko::Limits { max_eval_steps: 10, ..Default::default() };
    /// assert_eq!(ennakko::Checklist::standard_with("eva", limits).unwrap().limits().max_eval_steps, 10);
    /// assert_eq!(ennakko::Checklist::standard_with("evaa", limits).unwrap_err().diagnostics[0].code, "E0601");
    /// ```
    pub fn standard_with(name: &str, limits: Limits) -> Result<Checklist, Error> {
        match checklist::stdlib::source(name) {
            Some(text) => {
                Checklist::compile(&format!("<std>/{name}.eva"), text, &Options { limits, ..Options::default() })
            }
            None => {
                let names: Vec<&str> = checklist::stdlib::names().collect();
                let help = match diagnostic::did_you_mean(name, names.iter().copied()) {
                    Some(s) => t!("did you mean `{}`?", s),
                    None => t!("the standard checklists are: {}", names.join(", ")),
                };
                Err(Error::one(
                    ErrorKind::Compile,
                    Diagnostic::error("E0601", t!("there is no standard checklist `{name}`", name = name))
                        .with_help(help),
                ))
            }
        }
    }

    /// Compiles checklist source with explicit options.
    pub fn compile(name: &str, text: &str, options: &Options) -> Result<Checklist, Error> {
        let (files, sources) = checklist::load::load(name, text, options.resolver.as_ref(), &options.limits)
            .map_err(|diagnostics| Error::new(ErrorKind::Compile, diagnostics))?;
        let model = checklist::check::check(Arc::new(sources), &files)
            .map_err(|diagnostics| Error::new(ErrorKind::Compile, diagnostics))?;
        Ok(Checklist { model: Arc::new(model), limits: options.limits })
    }

    /// The compiled model: groups, domains, questions, rules...
    pub fn model(&self) -> &checklist::model::Model {
        &self.model
    }

    /// What the checklist asks and knows about, as data (for forms and
    /// labels).
    ///
    /// ```
    /// let d = ennakko::Checklist::standard("eva").unwrap().describe();
    /// assert_eq!(d.id, "eva");
    /// ```
    pub fn describe(&self) -> checklist::describe::Description {
        checklist::describe::describe(&self.model)
    }

    /// Warnings found while compiling.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.model.warnings
    }

    /// The limits this checklist scores with.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Scores a decision into the full report: labels, cells, traces,
    /// texts, completeness. For the verdict and the numbers alone,
    /// [`Checklist::evaluate`] is several times cheaper.
    pub fn score(&self, decision: &Decision) -> Result<Report, Error> {
        let bound = decision::bind(&self.model, decision, &self.limits)?;
        let outcome = eval::evaluate(&self.model, &bound, &self.limits, true)?;
        Ok(report::assemble::assemble(&self.model, decision, &bound, outcome))
    }

    /// Scores a decision into the compact [`eval::evaluation::Evaluation`]: the
    /// verdict, the rules that fired and the numbers, with no report built
    /// and no traces kept. The same errors as [`Checklist::score`].
    ///
    /// ```
    /// let checklist = ennakko::Checklist::standard("eva").unwrap();
    /// let decision = ennakko::Decision::from_str("id: x\ntitle: T\nalternatives: [{id: p, kind: proposal}]",
    ///     ennakko::Format::Yaml, checklist.limits()).unwrap();
    /// assert_eq!(checklist.evaluate(&decision).unwrap().verdict, ennakko::checklist::model::VerdictLevel::None);
    /// ```
    pub fn evaluate(&self, decision: &Decision) -> Result<eval::evaluation::Evaluation, Error> {
        let bound = decision::bind(&self.model, decision, &self.limits)?;
        let outcome = eval::evaluate(&self.model, &bound, &self.limits, false)?;
        Ok(eval::evaluation::summarize(&self.model, &bound, &outcome))
    }

    /// Explains one result in words, in `lang`: a finding or verdict reason,
    /// a named score, or a group, domain or perspective score (see
    /// [`report::render::explain`]); for a rule that did not fire (for some or all
    /// of its alternatives), also each part of its condition, whether it
    /// held and the values it read. `None` if nothing has that id.
    ///
    /// ```
    /// # let checklist = ennakko::Checklist::standard("eva").unwrap();
    /// let decision = ennakko::Decision::from_str("id: x\ntitle: T\nalternatives: [{id: p, kind: proposal}]",
    ///     ennakko::Format::Yaml, &Default::default()).unwrap();
    /// let text = checklist.explain(&decision, "full_large_investment", "en").unwrap().unwrap();
    /// assert!(text.contains("Did not apply"));
    /// ```
    pub fn explain(&self, decision: &Decision, id: &str, lang: &str) -> Result<Option<String>, Error> {
        let report = self.score(decision)?;
        let mut text = report::render::explain(&report, id, lang).unwrap_or_default();
        if let Some(r) = self.model.rules.iter().position(|r| r.id == id) {
            let bound = decision::bind(&self.model, decision, &self.limits)?;
            let checks = eval::check_rule(&self.model, &bound, &self.limits, r)?;
            text.push_str(&report::render::explain_not_fired(&report, id, &checks, lang));
        }
        Ok((!text.is_empty()).then_some(text))
    }

    /// Reads a decision from JSON or YAML text and scores it; every problem
    /// of the decision points at its line and column in `text`.
    ///
    /// ```
    /// let checklist = ennakko::Checklist::standard("eva").unwrap();
    /// let text = "id: a\ntitle: T\nalternatives:\n  - id: p\n    kind: proposal\n    impacts:\n      - {group: chidren, domain: health, direction: -1}\n";
    /// let err = checklist.score_str(text, ennakko::Format::Yaml).unwrap_err();
    /// assert_eq!(err.diagnostics[0].code, "D0103");
    /// assert_eq!(err.diagnostics[0].line, Some(7));
    /// ```
    pub fn score_str(&self, text: &str, format: Format) -> Result<Report, Error> {
        let decision = Decision::from_str(text, format, &self.limits)?;
        self.score(&decision).map_err(|e| e.located(text))
    }
}

/// JSON Schemas of the documents ennakko reads and writes.
pub mod schema {
    /// The JSON Schema of the decision document.
    ///
    /// ```
    /// assert_eq!(ennakko::schema::decision()["title"], "Decision");
    /// ```
    pub fn decision() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(crate::Decision)).unwrap_or_default()
    }

    /// The JSON Schema of the report.
    pub fn report() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(crate::Report)).unwrap_or_default()
    }

    /// The JSON Schema of a checklist description ([`crate::Checklist::describe`]).
    pub fn description() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(crate::checklist::describe::Description)).unwrap_or_default()
    }

    /// The JSON Schema of a diagnostic.
    pub fn diagnostic() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(crate::Diagnostic)).unwrap_or_default()
    }

    /// The names [`named`] knows, in the order tools list them. (The
    /// crate `ennakko-templates` adds `template-check`.)
    pub const NAMES: [&str; 5] = ["decision", "report", "description", "diagnostic", "rollup"];

    /// A schema by its name in [`NAMES`]; every front end (`ennakko schema`,
    /// Python's `ennakko.schema`, JavaScript's `schema`) looks schemas up here.
    ///
    /// ```
    /// assert_eq!(ennakko::schema::named("report").unwrap()["title"], "Report");
    /// assert!(ennakko::schema::named("nope").is_none());
    /// ```
    pub fn named(name: &str) -> Option<serde_json::Value> {
        match name {
            "decision" => Some(decision()),
            "report" => Some(report()),
            "description" => Some(description()),
            "diagnostic" => Some(diagnostic()),
            "rollup" => Some(crate::rollup::schema()),
            _ => None,
        }
    }

    /// The message for a name that is not in [`NAMES`], with a suggestion.
    ///
    /// ```
    /// assert!(ennakko::schema::unknown("reprot").contains("did you mean `report`?"));
    /// ```
    pub fn unknown(name: &str) -> String {
        unknown_among(name, &NAMES)
    }

    /// The message for a name that is not among `names` (a front end's
    /// schemas: these and those of the crates it adds), with a suggestion.
    ///
    /// ```
    /// let message = ennakko::schema::unknown_among("templat-check", &["report", "template-check"]);
    /// assert!(message.contains("did you mean `template-check`?"));
    /// ```
    pub fn unknown_among(name: &str, names: &[&str]) -> String {
        let listed = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        match crate::diagnostic::did_you_mean(name, names.iter().copied()) {
            Some(close) => format!("no schema `{name}`: did you mean `{close}`? (the schemas are {listed})"),
            None => format!("no schema `{name}`: the schemas are {listed}"),
        }
    }
}
