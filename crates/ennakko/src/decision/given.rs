//! The problems of a decision a host gives as its own values (a Python
//! dict, not text): worded here, as the same problems of text documents
//! are, so that every front end says them alike. The host measures its
//! values (it alone can walk them) and calls these with what it found.

use crate::diagnostic::Diagnostic;
use crate::{Error, ErrorKind, t};

fn decision(diagnostic: Diagnostic) -> Error {
    Error::one(ErrorKind::Decision, diagnostic)
}

/// Larger, written out, than `max_size` bytes (`D0002`); values used in
/// several places count at each, as YAML aliases do.
///
/// ```
/// assert_eq!(ennakko::decision::given::too_large(10).code(), "D0002");
/// ```
pub fn too_large(max_size: usize) -> Error {
    let message =
        t!("the decision, written out, would be larger than the limit of {max_size} bytes", max_size = max_size);
    let help =
        t!("a list or dict used in several places counts at each; split the decision, or raise `max_decision_bytes`");
    decision(Diagnostic::error("D0002", message).with_help(help))
}

/// Nested deeper than `max_depth` levels (`D0003`), which also stops a
/// value that contains itself.
///
/// ```
/// assert_eq!(ennakko::decision::given::too_deep(64).code(), "D0003");
/// ```
pub fn too_deep(max_depth: usize) -> Error {
    let message =
        t!("the decision nests more than {max_depth} levels deep; the limit is {max_depth}", max_depth = max_depth);
    let help = t!("a decision needs only a few levels: check for runaway nesting");
    decision(Diagnostic::error("D0003", message).with_help(help))
}

/// A value JSON cannot hold, at the JSON `path` (`D0101`).
///
/// ```
/// let err = ennakko::decision::given::not_data("$.facts.when", "a value of Python type `date` cannot be part of a decision");
/// assert_eq!(err.diagnostics[0].path.as_deref(), Some("$.facts.when"));
/// ```
pub fn not_data(path: &str, message: impl std::fmt::Display) -> Error {
    let help = t!("a decision holds only dicts, lists, strings, numbers, booleans and None");
    decision(Diagnostic::error("D0101", t!("{}", message)).with_help(help).at_path(path))
}

/// NaN or an infinity at the JSON `path` (`D0104`, as for `.nan` in YAML).
///
/// ```
/// assert_eq!(ennakko::decision::given::not_finite("$.facts.cost", f64::NAN).code(), "D0104");
/// ```
pub fn not_finite(path: &str, number: f64) -> Error {
    let message = t!("the number {number} is not finite", number = number);
    decision(Diagnostic::error("D0104", message).with_help(t!("write an ordinary number")).at_path(path))
}
