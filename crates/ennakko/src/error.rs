//! The one error type of the library: what went wrong (its [`ErrorKind`])
//! and every problem found, as [`Diagnostic`]s with codes and positions.
//!
//! Every front end maps this one type: the CLI prints the diagnostics, the
//! Python module raises the exception class named by [`ErrorKind::class`],
//! and the WebAssembly package throws an `EnnakkoError` whose `kind` is
//! [`ErrorKind::name`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity, render_all, render_all_in};
use crate::report::i18n::Lang;

/// Which input was wrong.
///
/// ```
/// assert_eq!(ennakko::ErrorKind::Decision.name(), "decision");
/// assert_eq!(ennakko::ErrorKind::Decision.class(), "DecisionError");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ErrorKind {
    /// A checklist does not compile (`E` codes).
    Compile,
    /// A decision document cannot be read or does not fit the checklist
    /// (`D` codes).
    Decision,
    /// Evaluation ran out of its step budget (`R` codes).
    Evaluation,
    /// A document template cannot be read or filled (`T` codes, and `D`
    /// codes for the decision inside it).
    Template,
    /// A front end was called with an option it does not know (`A` codes):
    /// a programming error rather than a mistake in a document.
    Argument,
}

impl ErrorKind {
    /// The kind's name, as JavaScript errors carry it in `kind`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Compile => "compile",
            ErrorKind::Decision => "decision",
            ErrorKind::Evaluation => "evaluation",
            ErrorKind::Template => "template",
            ErrorKind::Argument => "argument",
        }
    }

    /// The name of the Python exception class raised for this kind
    /// (argument errors are Python's own `ValueError`).
    pub fn class(self) -> &'static str {
        match self {
            ErrorKind::Compile => "ChecklistError",
            ErrorKind::Decision => "DecisionError",
            ErrorKind::Evaluation => "EvaluationError",
            ErrorKind::Template => "TemplateError",
            ErrorKind::Argument => "ValueError",
        }
    }
}

/// What went wrong, with every problem found (errors first).
///
/// ```
/// let err = ennakko::Checklist::standard("evaa").unwrap_err();
/// assert_eq!(err.kind, ennakko::ErrorKind::Compile);
/// assert_eq!(err.code(), "E0601");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", render_all(&self.diagnostics))]
pub struct Error {
    /// Which input was wrong.
    pub kind: ErrorKind,
    /// The problems, each with a code, a position or JSON path and a hint.
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// An error of `kind` with these diagnostics.
    ///
    /// ```
    /// use ennakko::{Diagnostic, Error, ErrorKind};
    /// let err = Error::new(ErrorKind::Decision, vec![Diagnostic::error("D0001", ennakko::t!("empty"))]);
    /// assert_eq!(err.code(), "D0001");
    /// ```
    pub fn new(kind: ErrorKind, diagnostics: Vec<Diagnostic>) -> Error {
        Error { kind, diagnostics }
    }

    /// An error of `kind` with one diagnostic.
    ///
    /// ```
    /// use ennakko::{Diagnostic, Error, ErrorKind};
    /// let err = Error::one(ErrorKind::Argument, Diagnostic::error("A0001", ennakko::t!("unknown language")));
    /// assert_eq!(err.diagnostics.len(), 1);
    /// ```
    pub fn one(kind: ErrorKind, diagnostic: Diagnostic) -> Error {
        Error { kind, diagnostics: vec![diagnostic] }
    }

    /// The diagnostics.
    ///
    /// ```
    /// let err = ennakko::Checklist::standard("nope").unwrap_err();
    /// assert!(!err.diagnostics().is_empty());
    /// ```
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The code of the first error (else of the first diagnostic), e.g.
    /// `E0101`; empty if there is none.
    ///
    /// ```
    /// let err = ennakko::Checklist::standard("nope").unwrap_err();
    /// assert!(err.code().starts_with('E'));
    /// ```
    pub fn code(&self) -> &str {
        let first_error = self.diagnostics.iter().find(|d| d.severity == Severity::Error);
        first_error.or(self.diagnostics.first()).map_or("", |d| d.code.as_str())
    }

    /// The same error with every diagnostic's message, hint and notes in
    /// `lang` (see [`Diagnostic::in_language`]): how a front end gives a
    /// caller the problems in the language it asked for. Texts taken from
    /// documents (ids, values, file names) stay as they are.
    ///
    /// ```
    /// use ennakko::api::Lang;
    /// let err = ennakko::Checklist::standard("evaa").unwrap_err().in_language(Lang::Fi);
    /// assert_eq!(err.diagnostics[0].help.as_deref(), Some("tarkoititko `eva`?"));
    /// ```
    pub fn in_language(&self, lang: Lang) -> Error {
        Error { kind: self.kind, diagnostics: self.diagnostics.iter().map(|d| d.in_language(lang)).collect() }
    }

    /// The diagnostics drawn as the CLI prints them, in `lang`: their
    /// texts and the words around them (`virhe`, `ohje`, the summary).
    ///
    /// ```
    /// use ennakko::api::Lang;
    /// let err = ennakko::Checklist::standard("evaa").unwrap_err();
    /// assert!(err.render_in(Lang::Sv).starts_with("fel[E0601]"));
    /// ```
    pub fn render_in(&self, lang: Lang) -> String {
        render_all_in(&self.diagnostics, lang)
    }

    /// The same error with `file` set on every diagnostic that has none
    /// (a decision read from a file names it in every message).
    ///
    /// ```
    /// use ennakko::{Diagnostic, Error, ErrorKind};
    /// let err = Error::one(ErrorKind::Decision, Diagnostic::error("D0001", ennakko::t!("empty"))).in_file("d.yaml");
    /// assert_eq!(err.diagnostics[0].file.as_deref(), Some("d.yaml"));
    /// ```
    pub fn in_file(mut self, file: &str) -> Error {
        for d in &mut self.diagnostics {
            d.file.get_or_insert_with(|| file.to_string());
        }
        self
    }
}
