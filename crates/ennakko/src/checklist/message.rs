//! Values in finding messages: `message en "Costs {fact.cost_eur} euros."`.
//!
//! A rule's message may hold expressions in braces; each is checked like
//! the rule's condition and evaluated where the rule fired, and the report
//! shows its value in the report's language (numbers with a decimal comma
//! in Finnish and Swedish, groups, options and levels by their labels).
//! `{{` and `}}` stand for braces in the text.

use crate::checklist::model::Expr;
use crate::message::Message;
use crate::t;

/// One piece of a message text.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece<'t> {
    /// Text shown as it is (braces unescaped).
    Text(String),
    /// An expression in braces: its source, trimmed, and the byte offset of
    /// the source in the message text.
    Value(&'t str, usize),
}

/// What is wrong with the braces of a message, and where (a byte offset).
#[derive(Debug, Clone, PartialEq)]
pub struct BraceError {
    /// Byte offset in the message text.
    pub at: usize,
    /// What is wrong: the whole message of the diagnostic.
    pub problem: Message,
}

/// Splits a message text into text and values.
///
/// ```
/// use ennakko::checklist::message::{pieces, Piece};
/// let p = pieces("Costs { fact.cost_eur } euros {{net}}").unwrap();
/// assert_eq!(p, vec![
///     Piece::Text("Costs ".into()),
///     Piece::Value("fact.cost_eur", 8),
///     Piece::Text(" euros {net}".into()),
/// ]);
/// assert!(pieces("a { b").is_err() && pieces("a } b").is_err() && pieces("{ }").is_err());
/// ```
pub fn pieces(text: &str) -> Result<Vec<Piece<'_>>, BraceError> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text.char_indices().peekable();
    while let Some((i, c)) = rest.next() {
        match c {
            '{' if rest.peek().is_some_and(|(_, n)| *n == '{') => {
                rest.next();
                plain.push('{');
            }
            '}' if rest.peek().is_some_and(|(_, n)| *n == '}') => {
                rest.next();
                plain.push('}');
            }
            '}' => return Err(BraceError { at: i, problem: t!("this message has a `}}` that closes no `{{`") }),
            '{' => {
                let close = text[i..].find('}').map(|j| i + j);
                let Some(close) = close else {
                    return Err(BraceError { at: i, problem: t!("this message has a `{{` that is not closed") });
                };
                let inner = &text[i + 1..close];
                let source = inner.trim();
                if source.is_empty() {
                    return Err(BraceError { at: i, problem: t!("this message has empty braces") });
                }
                let lead = inner.len() - inner.trim_start().len();
                if !plain.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut plain)));
                }
                out.push(Piece::Value(source, i + 1 + lead));
                while rest.peek().is_some_and(|(j, _)| *j <= close) {
                    rest.next();
                }
            }
            c => plain.push(c),
        }
    }
    if !plain.is_empty() {
        out.push(Piece::Text(plain));
    }
    Ok(out)
}

/// A message text with each value filled in by `show` (given the value's
/// source); a text whose braces are broken (the checker refuses those) is
/// returned as it is.
///
/// ```
/// use ennakko::checklist::message::fill;
/// assert_eq!(fill("Costs {fact.cost_eur} {{euros}}", |_| "…".into()), "Costs … {euros}");
/// ```
pub fn fill(text: &str, mut show: impl FnMut(&str) -> String) -> String {
    let Ok(pieces) = pieces(text) else { return text.to_string() };
    let mut out = String::with_capacity(text.len());
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(&t),
            Piece::Value(source, _) => out.push_str(&show(source)),
        }
    }
    out
}

/// An expression shown in a rule's message.
#[derive(Debug, Clone)]
pub struct MessageValue {
    /// Its source as written between the braces (trimmed): every language's
    /// text that writes the same source shows the same value.
    pub source: String,
    /// The compiled expression.
    pub expr: Expr,
    /// For the answer to a choice question or a choice fact: its id, so the
    /// chosen option is shown by its label.
    pub options_of: Option<String>,
}
