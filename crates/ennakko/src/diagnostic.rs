//! Diagnostics: the one error and warning type every layer reports in.
//!
//! A [`Diagnostic`] is plain data (serde, JSON Schema) so the CLI, Python and
//! WebAssembly all show the same thing; [`Diagnostic::render`] draws it the
//! way rustc does, with the source line and a caret under the spot.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::limits::MAX_DIAGNOSTICS;
use crate::message::Message;
use crate::report::i18n::Lang;
use crate::syntax::source::{SourceMap, Span};
use crate::t;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; the checklist still compiles.
    Warning,
    /// The checklist or decision is rejected.
    Error,
}

/// One problem found in a checklist, a decision or an option.
///
/// ```
/// use ennakko::Checklist;
/// let source = "checklist c { title en \"C\" version \"1\" languages en }\ngroup kids { labl en \"Kids\" }";
/// let err = Checklist::from_source("x.eva", source).unwrap_err();
/// let d = &err.diagnostics()[0];
/// assert_eq!(d.code, "E0104");
/// assert_eq!((d.line, d.column), (Some(2), Some(14)));
/// assert_eq!(d.help.as_deref(), Some("did you mean `label`?"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// Stable code, e.g. `E0101`. See `docs/errors.md`.
    pub code: String,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The file, for checklist diagnostics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column, counted in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// 1-based line where the marked text ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_line: Option<usize>,
    /// 1-based column just past the marked text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_column: Option<usize>,
    /// JSON path into the decision document, for decision diagnostics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The source line the position is on, so the diagnostic renders alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
    /// Further notes (e.g. "first defined here: line 3").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The message, hint and notes as [`Message`]s, from which
    /// [`Diagnostic::in_language`] renders them again. Not serialised: the
    /// JSON form carries the rendered strings. Empty in a diagnostic read
    /// back from JSON, which then stays as it was written.
    #[doc(hidden)]
    #[serde(skip)]
    #[schemars(skip)]
    pub texts: Texts,
}

/// The texts a diagnostic was made from (see [`Diagnostic::texts`]).
#[doc(hidden)]
#[derive(Debug, Clone, Default)]
pub struct Texts {
    message: Option<Message>,
    help: Option<Message>,
    notes: Vec<Message>,
}

/// Diagnostics are equal when they say the same: the rendered strings are
/// compared, not the texts they were made from (a diagnostic read back from
/// JSON has none).
impl PartialEq for Texts {
    fn eq(&self, _: &Texts) -> bool {
        true
    }
}

impl Diagnostic {
    /// A new error with a code and a message and no position.
    pub fn error(code: &str, message: Message) -> Diagnostic {
        Diagnostic {
            code: code.to_string(),
            severity: Severity::Error,
            message: message.render(Lang::En),
            help: None,
            file: None,
            line: None,
            column: None,
            end_line: None,
            end_column: None,
            path: None,
            source_line: None,
            notes: Vec::new(),
            texts: Texts { message: Some(message), help: None, notes: Vec::new() },
        }
    }

    /// A new warning with a code and a message and no position.
    pub fn warning(code: &str, message: Message) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, message) }
    }

    /// Adds the fix hint.
    pub fn with_help(mut self, help: Message) -> Diagnostic {
        self.help = Some(help.render(Lang::En));
        self.texts.help = Some(help);
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: Message) -> Diagnostic {
        self.add_note(note);
        self
    }

    /// Adds a note to a diagnostic in place.
    pub fn add_note(&mut self, note: Message) {
        self.notes.push(note.render(Lang::En));
        self.texts.notes.push(note);
    }

    /// The same diagnostic with its message, hint and notes in `lang`.
    /// English is how every diagnostic is made, so `Lang::En` changes
    /// nothing; a diagnostic read back from JSON has no texts to render
    /// and stays as it is.
    ///
    /// ```
    /// use ennakko::{Checklist, api::Lang};
    /// let source = "checklist c { title en \"C\" version \"1\" languages en }\ngroup kids { labl en \"Kids\" }";
    /// let err = Checklist::from_source("x.eva", source).unwrap_err();
    /// let d = err.diagnostics()[0].in_language(Lang::Fi);
    /// assert_eq!(d.help.as_deref(), Some("tarkoititko `label`?"));
    /// ```
    pub fn in_language(&self, lang: Lang) -> Diagnostic {
        let mut d = self.clone();
        if let Some(message) = &self.texts.message {
            d.message = message.render(lang);
        }
        if let Some(help) = &self.texts.help {
            d.help = Some(help.render(lang));
        }
        // Notes added as plain strings (none are) would not line up.
        if self.texts.notes.len() == self.notes.len() {
            d.notes = self.texts.notes.iter().map(|n| n.render(lang)).collect();
        }
        d
    }

    /// Adds a JSON path (decision diagnostics).
    pub fn at_path(mut self, path: impl Into<String>) -> Diagnostic {
        self.path = Some(path.into());
        self
    }

    /// Places the diagnostic at a span of a checklist file.
    pub fn at_span(mut self, sources: &SourceMap, span: Span) -> Diagnostic {
        if let Some(file) = sources.get(span.file) {
            let start = file.line_col(span.start);
            let end = file.line_col(span.end.max(span.start));
            self.file = Some(file.name.clone());
            self.line = Some(start.line);
            self.column = Some(start.column);
            self.end_line = Some(end.line);
            self.end_column = Some(end.column);
            self.source_line = shown_line(file.line_text(span.start), start.column);
        }
        self
    }

    /// Places the diagnostic at a line and column of a named document
    /// (used for decision files, whose parsers report line and column).
    pub fn at_line_col(mut self, file: Option<&str>, text: &str, line: usize, column: usize) -> Diagnostic {
        self.file = file.map(str::to_string);
        self.line = Some(line);
        self.column = Some(column);
        self.source_line =
            text.lines().nth(line.saturating_sub(1)).and_then(|l| shown_line(l.trim_end_matches('\r'), column));
        self
    }

    /// Draws the diagnostic as text, like rustc:
    ///
    /// ```text
    /// error[E0101]: unknown group `chidren`
    ///  --> local.eva:4:10
    ///   |
    /// 4 |   groups chidren
    ///   |          ^^^^^^^
    ///   = help: did you mean `children`?
    /// ```
    pub fn render(&self) -> String {
        self.render_in(Lang::En)
    }

    /// Draws the diagnostic as [`Diagnostic::render`] does, with the words
    /// around it (error, warning, note, help, line) in `lang`. The
    /// diagnostic's own texts are drawn as they are: translate them first
    /// with [`Diagnostic::in_language`].
    ///
    /// ```
    /// use ennakko::{Diagnostic, api::Lang, t};
    /// let d = Diagnostic::error("E0109", t!("no `checklist` declaration")).with_help(t!("add one"));
    /// assert!(d.render_in(Lang::Fi).starts_with("virhe[E0109]"));
    /// ```
    pub fn render_in(&self, lang: Lang) -> String {
        let words = Words::of(lang);
        let kind = match self.severity {
            Severity::Error => words.error,
            Severity::Warning => words.warning,
        };
        let mut out = format!("{kind}[{}]: {}\n", shown(&self.code), shown(&self.message));
        let line_no = self.line.map(|l| l.to_string()).unwrap_or_default();
        let pad = " ".repeat(line_no.len().max(1));
        match (&self.file, self.line, self.column) {
            (Some(file), Some(line), Some(col)) => out.push_str(&format!("{pad}--> {}:{line}:{col}\n", shown(file))),
            (None, Some(line), Some(col)) => out.push_str(&format!("{pad}--> {} {line}:{col}\n", words.line)),
            _ => {}
        }
        if let Some(path) = &self.path {
            out.push_str(&format!("{pad}--> {} {}\n", words.at, shown(path)));
        }
        if let (Some(text), Some(col)) = (&self.source_line, self.column) {
            // Control characters are shown escaped, so the caret goes under
            // the escaped text; it is no wider than the line shown.
            let before: String = text.chars().take(col.saturating_sub(1)).collect();
            let indent: String = before
                .chars()
                .map(|c| if c == '\t' { "\t".to_string() } else { " ".repeat(escaped(c).chars().count()) })
                .collect();
            let rest = text.chars().count().saturating_sub(col.saturating_sub(1)).max(1);
            let width = match (self.end_line, self.end_column) {
                (Some(end_line), Some(end_col)) if Some(end_line) == self.line && end_col > col => end_col - col,
                _ => 1,
            }
            .min(rest);
            let line_text: String =
                text.chars().map(|c| if c == '\t' { "\t".to_string() } else { escaped(c) }).collect();
            out.push_str(&format!("{pad} |\n{line_no} | {line_text}\n{pad} | {indent}{}\n", "^".repeat(width)));
        }
        for note in &self.notes {
            out.push_str(&format!("{pad} = {}: {}\n", words.note, shown(note)));
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("{pad} = {}: {}\n", words.help, shown(help)));
        }
        out
    }
}

/// The longest message, note or hint [`Diagnostic::render`] prints, in
/// characters: a message may quote a document's text (a 10 MB fact name).
const MAX_RENDERED: usize = 1_000;

/// A control character escaped (`\u{1b}`), so that a document's ESC, BEL
/// or CR never acts on a terminal; any other character as it is.
fn escaped(c: char) -> String {
    if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }
}

/// Message from a document as printed: control characters escaped (but line
/// breaks and tabs, which do not act on a terminal), and cut after
/// [`MAX_RENDERED`] characters.
fn shown(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(MAX_RENDERED)
        .map(|c| if c == '\n' || c == '\t' { c.to_string() } else { escaped(c) })
        .collect();
    if text.chars().nth(MAX_RENDERED).is_some() {
        out.push('…');
    }
    out
}

/// The longest source line a diagnostic carries, in characters.
const MAX_SOURCE_LINE: usize = 240;

/// The source line to show: a line longer than [`MAX_SOURCE_LINE`] is cut
/// after that many characters (with `…`), or left out when the position is
/// beyond the cut, so that every diagnostic stays small (a minified
/// one-line file must not make each of its diagnostics a copy of it).
fn shown_line(line: &str, column: usize) -> Option<String> {
    match line.char_indices().nth(MAX_SOURCE_LINE) {
        None => Some(line.to_string()),
        Some(_) if column + 20 > MAX_SOURCE_LINE => None,
        Some((cut, _)) => Some(format!("{}…", &line[..cut])),
    }
}

/// The words [`Diagnostic::render_in`] draws around a diagnostic.
struct Words {
    error: &'static str,
    warning: &'static str,
    note: &'static str,
    help: &'static str,
    line: &'static str,
    at: &'static str,
}

impl Words {
    fn of(lang: Lang) -> Words {
        match lang {
            Lang::En => {
                Words { error: "error", warning: "warning", note: "note", help: "help", line: "line", at: "at" }
            }
            Lang::Fi => {
                Words { error: "virhe", warning: "varoitus", note: "huom", help: "ohje", line: "rivi", at: "kohdassa" }
            }
            Lang::Sv => Words { error: "fel", warning: "varning", note: "obs", help: "hjälp", line: "rad", at: "vid" },
        }
    }
}

/// Renders several diagnostics, separated by blank lines, with a summary.
pub fn render_all(diagnostics: &[Diagnostic]) -> String {
    render_all_in(diagnostics, Lang::En)
}

/// Renders several diagnostics in `lang` (their texts translated), with a
/// summary in `lang`.
///
/// ```
/// use ennakko::{Diagnostic, api::Lang, diagnostic::render_all_in, t};
/// let d = Diagnostic::error("E0101", t!("empty name"));
/// assert_eq!(render_all_in(&[d], Lang::Sv), "fel[E0101]: tomt namn\n\n1 fel och 0 varningar hittades\n");
/// ```
pub fn render_all_in(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diagnostics.len() - errors;
    let mut out: String = diagnostics.iter().map(|d| d.in_language(lang).render_in(lang) + "\n").collect();
    if errors > 0 {
        out.push_str(&t!("{} and {} found", count(errors, lang, true), count(warnings, lang, false)).render(lang));
        out.push('\n');
    }
    out
}

/// "1 error", "2 warnings", "3 virhettä", "1 varning".
fn count(n: usize, lang: Lang, errors: bool) -> String {
    let one = n == 1;
    let word = match (lang, errors) {
        (Lang::En, true) => {
            if one {
                "error"
            } else {
                "errors"
            }
        }
        (Lang::En, false) => {
            if one {
                "warning"
            } else {
                "warnings"
            }
        }
        (Lang::Fi, true) => {
            if one {
                "virhe"
            } else {
                "virhettä"
            }
        }
        (Lang::Fi, false) => {
            if one {
                "varoitus"
            } else {
                "varoitusta"
            }
        }
        (Lang::Sv, true) => "fel",
        (Lang::Sv, false) => {
            if one {
                "varning"
            } else {
                "varningar"
            }
        }
    };
    format!("{n} {word}")
}

// ---- collecting ----------------------------------------------------------------------------

/// Diagnostics collected under the one cap, [`MAX_DIAGNOSTICS`]: every
/// stage (loading, checking, binding a decision, reading a template)
/// collects through one. Past the cap a problem is not kept, and a caller
/// that asks [`Collector::room`] first does not even make it (placing one,
/// or finding a hint, costs time), so input full of mistakes costs bounded
/// time and memory. [`Collector::finish`] notes on the last error kept that
/// some were left out.
///
/// ```
/// use ennakko::diagnostic::{Collector, Diagnostic};
/// let mut found = Collector::default();
/// for i in 0..150 {
///     found.push(Diagnostic::error("E0001", ennakko::t!("mistake {}", i)));
/// }
/// let all = found.finish();
/// assert_eq!(all.len(), ennakko::limits::MAX_DIAGNOSTICS);
/// assert!(all[99].notes[0].starts_with("only the first 100 problems are reported"));
/// ```
#[derive(Debug, Clone)]
pub struct Collector {
    diagnostics: Vec<Diagnostic>,
    /// How many this collector keeps: [`MAX_DIAGNOSTICS`], or what is left
    /// of it for a part of a larger collection ([`Collector::with_room`]).
    cap: usize,
    /// Whether some problem was left out.
    dropped: bool,
}

impl Default for Collector {
    fn default() -> Collector {
        Collector::with_room(MAX_DIAGNOSTICS)
    }
}

impl Collector {
    /// A collector that keeps at most `cap` diagnostics: for a part whose
    /// problems join a larger collection later ([`Collector::absorb`]).
    ///
    /// ```
    /// let mut part = ennakko::diagnostic::Collector::with_room(0);
    /// assert!(!part.room());
    /// ```
    pub fn with_room(cap: usize) -> Collector {
        Collector { diagnostics: Vec::new(), cap, dropped: false }
    }

    /// Whether one more diagnostic would be kept; when not, it counts as
    /// left out, so a caller can skip making it.
    pub fn room(&mut self) -> bool {
        let room = self.diagnostics.len() < self.cap;
        self.dropped |= !room;
        room
    }

    /// How many more diagnostics would be kept.
    pub fn left(&self) -> usize {
        self.cap.saturating_sub(self.diagnostics.len())
    }

    /// Whether no more diagnostics would be kept (without counting one as
    /// left out, as [`Collector::room`] does).
    pub fn is_full(&self) -> bool {
        self.left() == 0
    }

    /// Adds a diagnostic, if there is room for it.
    pub fn push(&mut self, d: Diagnostic) {
        if self.room() {
            self.diagnostics.push(d);
        }
    }

    /// Adds the diagnostic `make` builds, only if there is room for it.
    pub fn push_with(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.room() {
            self.diagnostics.push(make());
        }
    }

    /// Takes over another collection: what fits, and whether it left some out.
    pub fn absorb(&mut self, other: Collector) {
        self.dropped |= other.dropped;
        self.extend(other.diagnostics);
    }

    /// The diagnostics kept so far.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The diagnostics kept so far, to sort or amend.
    pub fn diagnostics_mut(&mut self) -> &mut Vec<Diagnostic> {
        &mut self.diagnostics
    }

    /// Whether nothing was kept.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// The diagnostics kept; when some were left out, the last error (else
    /// the last one) says so.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        if self.dropped {
            let last_error = self.diagnostics.iter().rposition(|d| d.severity == Severity::Error);
            if let Some(last) = last_error.or(self.diagnostics.len().checked_sub(1)) {
                self.diagnostics[last].add_note(t!(
                    "only the first {max} problems are reported; fix these and check again",
                    max = MAX_DIAGNOSTICS
                ));
            }
        }
        self.diagnostics
    }
}

/// Adds diagnostics while there is room (`Option<Diagnostic>` adds one or none).
impl Extend<Diagnostic> for Collector {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, diagnostics: I) {
        for d in diagnostics {
            self.push(d);
        }
    }
}

/// Names longer than this many bytes get no suggestion.
const MAX_SUGGESTED: usize = 256;

/// The closest of `candidates` to `name`, if close enough to suggest.
///
/// ```
/// assert_eq!(ennakko::diagnostic::did_you_mean("chidren", ["children", "older_people"]), Some("children".to_string()));
/// ```
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    // Comparing costs the product of the lengths: a 10 MB name from a
    // document is like no id anyway.
    if name.len() > MAX_SUGGESTED {
        return None;
    }
    candidates
        .into_iter()
        .filter(|c| c.len() <= MAX_SUGGESTED)
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c.to_string())
}

/// A value shown in a message: quoted, and cut after 80 characters so a
/// huge argument cannot make a huge message.
///
/// ```
/// assert_eq!(ennakko::diagnostic::quoted("fi"), "\"fi\"");
/// ```
pub fn quoted(value: &str) -> String {
    const MAX_CHARS: usize = 80;
    match value.char_indices().nth(MAX_CHARS) {
        Some((end, _)) => format!("{:?}…", &value[..end]),
        None => format!("{value:?}"),
    }
}

/// The hint for an unknown name: the closest known one, else the list.
///
/// ```
/// use ennakko::api::Lang;
/// assert_eq!(ennakko::diagnostic::hint("max_eval_step", ["max_eval_steps", "max_nesting"]).render(Lang::En), "did you mean `max_eval_steps`?");
/// assert_eq!(ennakko::diagnostic::hint("xx", ["fi", "sv"]).render(Lang::Fi), "käytä jotakin näistä: fi, sv");
/// ```
pub fn hint<'a>(name: &str, known: impl IntoIterator<Item = &'a str> + Clone) -> Message {
    match did_you_mean(name, known.clone()) {
        Some(s) => t!("did you mean `{}`?", s),
        None => t!("use one of: {}", known.into_iter().collect::<Vec<_>>().join(", ")),
    }
}
