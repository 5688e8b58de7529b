//! Bounds on reading untrusted YAML, checked on the reader's own events
//! before any value is built.
//!
//! Two things make a small YAML text expensive, and neither shows in its
//! bytes:
//!
//! - **Aliases.** An anchor referenced by many aliases, each inside
//!   another anchored node referenced many times again, expands to K × J
//!   values (a 23 KB text to 0.7 GB). The reader's own guard counts alias
//!   jumps, not what they expand to.
//! - **Flow nesting.** The YAML reader is quadratic in the depth of flow
//!   collections (`[[[[...`) and reads a whole document before the
//!   deserializer's depth limit applies; 100,000 brackets took 29 s. A
//!   bracket count on the text cannot tell a bracket in a quoted or plain
//!   scalar (text) from a flow collection, nor a quote that starts a
//!   string from one inside a plain scalar or a comment.
//!
//! [`yaml_prepass`] walks the parser's events once, stopping at the first
//! collection deeper than the limit and as soon as the expanded size (what
//! the document would be with every alias written out) passes the budget.
//! Syntax errors are left for the real reader to report.

use std::collections::HashMap;
use std::mem::MaybeUninit;

/// What the pre-pass refuses; line and column are 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlProblem {
    /// Collections nest deeper than the limit.
    TooDeep { depth: usize, line: usize, column: usize },
    /// With its aliases written out, the document would be larger than the
    /// budget (in values plus the bytes of their text).
    TooLarge { budget: u64, line: usize, column: usize },
}

/// How large a YAML document of `len` bytes may become with its aliases
/// written out, counted as one unit per value plus the bytes of each
/// string: twice its own size, and at least 64 KiB. A document without
/// aliases never comes near this (a value takes at least one byte of text,
/// and no escape more than doubles); a document whose aliases would make it
/// larger is refused before any of it is built.
pub(crate) fn expansion_budget(len: usize) -> u64 {
    (len as u64).saturating_mul(2).max(64 << 10)
}

/// Checks the first document of `text` against `max_depth` (collection
/// nesting) and the expansion budget (`expansion_budget`). Returns at the first problem, at
/// the end of the first document, or at a syntax error (the reader proper
/// reports it). Linear in the text, and the parser never gets deeper than
/// `max_depth + 1`, so its quadratic behaviour in nesting stays bounded.
///
/// ```
/// use ennakko::decision::yaml::{YamlProblem, yaml_prepass};
/// assert!(yaml_prepass("a: [1, 2]", 4).is_ok());
/// assert!(matches!(yaml_prepass("a: [[[[[1]]]]]", 4), Err(YamlProblem::TooDeep { line: 1, .. })));
/// ```
pub fn yaml_prepass(text: &str, max_depth: usize) -> Result<(), YamlProblem> {
    let budget = expansion_budget(text.len());
    let Some(mut parser) = Parser::new(text) else { return Ok(()) };
    // Expanded size of each open collection, and its anchor.
    let mut open: Vec<(u64, Option<Vec<u8>>)> = Vec::new();
    let mut anchors: HashMap<Vec<u8>, u64> = HashMap::new();
    let mut total = 0u64;
    let mut documents = 0usize;
    while let Some((event, line, column)) = parser.next() {
        let added = match event {
            Event::StreamEnd => return Ok(()),
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Ok(());
                }
                continue;
            }
            Event::Other => continue,
            Event::Start(anchor, _) => {
                open.push((1, anchor));
                if open.len() > max_depth {
                    return Err(YamlProblem::TooDeep { depth: open.len(), line, column });
                }
                total = total.saturating_add(1);
                if total > budget {
                    return Err(YamlProblem::TooLarge { budget, line, column });
                }
                continue;
            }
            Event::End => {
                let Some((size, anchor)) = open.pop() else { continue };
                if let Some(anchor) = anchor {
                    anchors.insert(anchor, size);
                }
                // Counted in `total` already; only the parent grows.
                if let Some(parent) = open.last_mut() {
                    parent.0 = parent.0.saturating_add(size);
                }
                continue;
            }
            Event::Scalar(anchor, len, _) => {
                let size = 1 + len as u64;
                if let Some(anchor) = anchor {
                    anchors.insert(anchor, size);
                }
                size
            }
            // An alias of a node not yet closed is one inside itself, which
            // the reader refuses by its depth limit.
            Event::Alias(anchor) => anchors.get(&anchor).copied().unwrap_or(1),
        };
        if let Some(parent) = open.last_mut() {
            parent.0 = parent.0.saturating_add(added);
        }
        total = total.saturating_add(added);
        if total > budget {
            return Err(YamlProblem::TooLarge { budget, line, column });
        }
    }
    Ok(())
}

/// The events the pre-pass needs.
enum Event {
    StreamEnd,
    DocumentStart,
    /// A sequence or mapping starts, with its anchor; `true` for a mapping.
    Start(Option<Vec<u8>>, bool),
    End,
    /// A scalar's anchor, the length of its text, and the text itself
    /// when the caller asked for it.
    Scalar(Option<Vec<u8>>, usize, Option<String>),
    Alias(Vec<u8>),
    Other,
}

/// libyaml's event parser over a string (the same parser the YAML reader
/// uses, so both read the same document).
struct Parser<'a> {
    // Boxed: libyaml keeps a pointer to the parser in the parser.
    raw: Box<MaybeUninit<unsafe_libyaml_norway::yaml_parser_t>>,
    _text: std::marker::PhantomData<&'a str>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Option<Parser<'a>> {
        let mut raw: Box<MaybeUninit<unsafe_libyaml_norway::yaml_parser_t>> = Box::new(MaybeUninit::uninit());
        // SAFETY: `raw` is a boxed (so never moved) parser that
        // `yaml_parser_initialize` sets up; the input outlives the parser
        // (`'a`), as libyaml requires, and is only read.
        unsafe {
            let parser = raw.as_mut_ptr();
            if unsafe_libyaml_norway::yaml_parser_initialize(parser).fail {
                return None;
            }
            unsafe_libyaml_norway::yaml_parser_set_encoding(parser, unsafe_libyaml_norway::YAML_UTF8_ENCODING);
            unsafe_libyaml_norway::yaml_parser_set_input_string(parser, text.as_ptr(), text.len() as _);
        }
        Some(Parser { raw, _text: std::marker::PhantomData })
    }

    /// The next event with its 1-based line and column; `None` at a syntax
    /// error.
    fn next(&mut self) -> Option<(Event, usize, usize)> {
        self.next_event(false)
    }

    /// [`Parser::next`], with the text of scalars when `texts` is set.
    fn next_event(&mut self, texts: bool) -> Option<(Event, usize, usize)> {
        let mut event = MaybeUninit::<unsafe_libyaml_norway::yaml_event_t>::uninit();
        // SAFETY: the parser was initialized in `new`; an event filled in
        // by a successful `yaml_parser_parse` is read per its type (the
        // union field that type uses) and then deleted exactly once.
        unsafe {
            let parser = self.raw.as_mut_ptr();
            if unsafe_libyaml_norway::yaml_parser_parse(parser, event.as_mut_ptr()).fail {
                return None;
            }
            let event = event.as_mut_ptr();
            // After the end (or an error) libyaml gives empty events.
            if (*event).type_ == unsafe_libyaml_norway::YAML_NO_EVENT {
                return None;
            }
            let anchor =
                |ptr: *mut u8| (!ptr.is_null()).then(|| std::ffi::CStr::from_ptr(ptr.cast()).to_bytes().to_vec());
            let converted = match (*event).type_ {
                unsafe_libyaml_norway::YAML_STREAM_END_EVENT => Event::StreamEnd,
                unsafe_libyaml_norway::YAML_DOCUMENT_START_EVENT => Event::DocumentStart,
                unsafe_libyaml_norway::YAML_SEQUENCE_START_EVENT => {
                    Event::Start(anchor((*event).data.sequence_start.anchor), false)
                }
                unsafe_libyaml_norway::YAML_MAPPING_START_EVENT => {
                    Event::Start(anchor((*event).data.mapping_start.anchor), true)
                }
                unsafe_libyaml_norway::YAML_SEQUENCE_END_EVENT | unsafe_libyaml_norway::YAML_MAPPING_END_EVENT => {
                    Event::End
                }
                unsafe_libyaml_norway::YAML_SCALAR_EVENT => {
                    let scalar = (*event).data.scalar;
                    let len = scalar.length as usize;
                    // The scalar's text: `length` bytes that the event owns
                    // until it is deleted below; copied before that.
                    let text = (texts && !scalar.value.is_null())
                        .then(|| String::from_utf8_lossy(std::slice::from_raw_parts(scalar.value, len)).into_owned());
                    Event::Scalar(anchor(scalar.anchor), len, text)
                }
                unsafe_libyaml_norway::YAML_ALIAS_EVENT => {
                    Event::Alias(anchor((*event).data.alias.anchor).unwrap_or_default())
                }
                _ => Event::Other,
            };
            let mark = (*event).start_mark;
            unsafe_libyaml_norway::yaml_event_delete(event);
            Some((converted, mark.line as usize + 1, mark.column as usize + 1))
        }
    }
}

/// Where each JSON path of `paths` (`$.alternatives[1].impacts[0].group`)
/// starts in `text` (YAML, or JSON, which YAML reads too): 1-based line and
/// column of the key that names it (of the item, in a list), or `None` for
/// a path the text does not hold. One pass over the parser's events, for
/// the error path only: it lets a decision's problems point at their line.
pub(crate) fn positions(text: &str, paths: &[&str]) -> Vec<Option<(usize, usize)>> {
    let mut found: Vec<Option<(usize, usize)>> = vec![None; paths.len()];
    let Some(mut parser) = Parser::new(text) else { return found };
    // Which of the wanted paths each path is: one lookup per node, not one
    // comparison per node and wanted path.
    let mut wanted: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (index, path) in paths.iter().enumerate() {
        wanted.entry(path).or_default().push(index);
    }
    let mut record = |path: &str, line: usize, column: usize| {
        for &index in wanted.get(path).into_iter().flatten() {
            found[index].get_or_insert((line, column));
        }
    };
    // Open collections: the path of each, and where its next child goes.
    let mut open: Vec<(String, Slot)> = Vec::new();
    while let Some((event, line, column)) = parser.next_event(true) {
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart | Event::Other => {}
            Event::End => {
                open.pop();
                if let Some((_, slot)) = open.last_mut() {
                    slot.advance();
                }
            }
            Event::Start(..) | Event::Scalar(..) | Event::Alias(_) => {
                let path = match open.last_mut() {
                    None => "$".to_string(),
                    Some((_, Slot::Key)) => {
                        // A key: its text names the next value's path.
                        if let (Some((parent, slot)), Event::Scalar(_, _, Some(key))) = (open.last_mut(), &event) {
                            let path = format!("{parent}.{key}");
                            record(&path, line, column);
                            *slot = Slot::Value(path);
                        }
                        continue;
                    }
                    Some((_, Slot::Value(path))) => path.clone(),
                    Some((parent, Slot::Item(i))) => format!("{parent}[{i}]"),
                };
                record(&path, line, column);
                if let Event::Start(_, mapping) = event {
                    if open.len() >= MAX_POSITION_DEPTH {
                        break;
                    }
                    open.push((path, if mapping { Slot::Key } else { Slot::Item(0) }));
                } else if let Some((_, slot)) = open.last_mut() {
                    slot.advance();
                }
            }
        }
    }
    found
}

/// Deeper than any decision the reader accepts: positions are looked up
/// only for documents the reader has read.
const MAX_POSITION_DEPTH: usize = 256;

/// Where the next node of an open collection goes.
enum Slot {
    /// A mapping waits for a key.
    Key,
    /// A mapping waits for the value of the key with this path.
    Value(String),
    /// A sequence waits for its item at this index.
    Item(usize),
}

impl Slot {
    /// The node in this slot is complete.
    fn advance(&mut self) {
        *self = match self {
            Slot::Item(i) => Slot::Item(*i + 1),
            Slot::Key | Slot::Value(_) => Slot::Key,
        };
    }
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        // SAFETY: initialized in `new` (a parser that failed to initialize
        // is never built), deleted once.
        unsafe { unsafe_libyaml_norway::yaml_parser_delete(self.raw.as_mut_ptr()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_documents_pass() {
        assert_eq!(yaml_prepass("id: x\ntitle: '[[['\nlist: [1, {a: b}]\n", 8), Ok(()));
        assert_eq!(yaml_prepass("", 8), Ok(()));
        assert_eq!(yaml_prepass("a: [", 8), Ok(()), "syntax errors are the reader's");
    }

    #[test]
    fn depth_is_counted_on_events_not_brackets() {
        // A quote in a comment or a plain scalar hid brackets from a text scan.
        for head in ["# \"\n", "note: say \"hi\n", "t: it's\n"] {
            let text = format!("{head}meta: {}", "[".repeat(100_000));
            assert!(matches!(yaml_prepass(&text, 128), Err(YamlProblem::TooDeep { depth: 129, .. })), "{head}");
        }
        let block = format!("a:\n{}", (1..200).map(|i| format!("{}b:\n", "  ".repeat(i))).collect::<String>());
        assert!(matches!(yaml_prepass(&block, 128), Err(YamlProblem::TooDeep { .. })));
    }

    #[test]
    fn alias_expansion_is_bounded() {
        // 100 aliases of 100 aliases of a 100-item list: a million values.
        let items = vec!["x"; 100].join(", ");
        let a = vec!["*a"; 100].join(", ");
        let b = vec!["*b"; 100].join(", ");
        let text = format!("a: &a [{items}]\nb: &b [{a}]\nc: [{b}]\n");
        assert!(matches!(yaml_prepass(&text, 128), Err(YamlProblem::TooLarge { line: 3, .. })));
        // A few aliases are fine.
        assert_eq!(yaml_prepass("a: &a [1, 2]\nb: [*a, *a]\n", 128), Ok(()));
    }
}
