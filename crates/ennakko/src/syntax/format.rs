//! The formatter: checklist source in, the same checklist in canonical form
//! out. The rules are described in `docs/formatting.md`.
//!
//! The formatter works on the syntax tree ([`crate::syntax::ast`]) and reads back
//! into the source text for what the tree does not keep: number and string
//! spellings (`100_000`, escapes), the word after a quantifier
//! (`proposal` or `proposals`) and, above all, the `#` comments, which the
//! grammar skips. Comments are found by a scan that knows strings, and each
//! is printed before the first line whose source it precedes, or at the end
//! of the line it trailed.
//!
//! Only whitespace, comments' positions, parentheses, list trailing commas
//! and line breaks inside strings change; the parsed tree of the output is
//! the tree of the input (spans aside), and formatting twice changes nothing.
//!
//! ```
//! let out = ennakko::syntax::format::format_source("x.eva", "group kids{label en \"Kids\"   vulnerable}").unwrap();
//! assert_eq!(out, "group kids {\n  label en \"Kids\"\n  vulnerable\n}\n");
//! ```

use crate::diagnostic::Diagnostic;
use crate::limits::Limits;
use crate::syntax;
use crate::syntax::ast::*;
use crate::syntax::source::{SourceMap, Span};
use crate::t;

/// Lines are kept to this many characters where the layout allows it.
const WIDTH: usize = 100;
/// One level of block indentation.
const INDENT: usize = 2;
/// Extra indentation of the continuation lines of a broken `and`/`or` chain.
const CONTINUATION: usize = 4;

/// Formats checklist source into canonical form.
///
/// The source is parsed with the default [`Limits`]; a syntax error is
/// returned as its diagnostic (code `E0001`, or `E0002`/`E0003` for a source
/// over a limit). The output uses `\n` line endings, has no byte order mark
/// and ends with one line break (an empty source gives an empty string).
///
/// ```
/// use ennakko::syntax::format::format_source;
/// let source = "# Who\ngroup kids { label fi \"Lapset\" sv \"Barn\" en \"Kids\" # all under 18\n age 0..17 }";
/// assert_eq!(
///     format_source("kids.eva", source).unwrap(),
///     "# Who\ngroup kids {\n  label fi \"Lapset\" sv \"Barn\" en \"Kids\"  # all under 18\n  age 0..17\n}\n",
/// );
/// assert_eq!(format_source("bad.eva", "group {").unwrap_err().code, "E0001");
/// ```
pub fn format_source(name: &str, text: &str) -> Result<String, Box<Diagnostic>> {
    let mut sources = SourceMap::default();
    let file = sources.add(name, text);
    let limits = Limits::default();
    let tree = syntax::parse(&sources, file, &limits)?;
    // Spans index the text as stored (which may have lost a byte order mark).
    let stored = sources.get(file).map_or(text, |f| f.text.as_str());
    let out = Printer::new(stored).file(&tree);
    // Layout adds indentation and line breaks: a file just under the size
    // limit can come out over it, and then nothing could read it back.
    if out.len() > limits.max_source_bytes {
        return Err(Box::new(
            Diagnostic::error(
                "E0002",
                t!(
                    "formatted, the file would be {} bytes, over the limit of {} bytes; the file is left as it is",
                    out.len(),
                    limits.max_source_bytes
                ),
            )
            .with_help(t!("split the checklist into files joined with `import`")),
        ));
    }
    // A formatter must never change what a checklist says: should a bug make
    // the output read differently, the file is left alone (as black does).
    let again = sources.add(name, &out);
    match syntax::parse(&sources, again, &limits) {
        Ok(formatted) if formatted.same_tree(&tree) => Ok(out),
        _ => Err(Box::new(
            Diagnostic::error(
                "X0002",
                t!("formatting would change what the checklist says; the file is left as it is"),
            )
            .with_help(t!("this is a bug in ennakko's formatter; please report it with the file")),
        )),
    }
}

// ---- comments ---------------------------------------------------------------

/// A `#` comment: byte offsets of the `#` and of the end of its line.
#[derive(Debug, Clone, Copy)]
struct Comment {
    start: usize,
    end: usize,
}

/// Finds every comment, skipping strings the way the grammar reads them
/// (`"` ... `"`, a backslash escapes the next character).
fn scan_comments(src: &str) -> Vec<Comment> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'#' => {
                let end = bytes[i..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |n| i + n);
                out.push(Comment { start: i, end });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Whitespace between tokens on one line.
fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{feff}')
}

/// Skips whitespace and comments from `at`; the offset of the next token.
fn skip_trivia(src: &str, mut at: usize) -> usize {
    let bytes = src.as_bytes();
    while at < bytes.len() {
        match bytes[at] {
            b' ' | b'\t' | b'\r' | b'\n' => at += 1,
            b'#' => at += bytes[at..].iter().position(|&b| b == b'\n').unwrap_or(bytes.len() - at),
            _ if src.get(at..).is_some_and(|rest| rest.starts_with('\u{feff}')) => at += '\u{feff}'.len_utf8(),
            _ => break,
        }
    }
    at
}

// ---- strings ----------------------------------------------------------------

/// One piece of a string's source: a character, an escape or a folded line
/// break, with the character it stands for.
#[derive(Debug, Clone)]
struct Piece<'s> {
    raw: &'s str,
    value: Option<char>,
}

impl Piece<'_> {
    fn is_space(&self) -> bool {
        self.raw == " "
    }
}

/// Splits the inside of a string literal into pieces, folding every line
/// break (with the indentation around it) into one space exactly as
/// [`syntax::unescape`] does, so the pieces spell the same value on one line.
fn string_pieces(inner: &str) -> Vec<Piece<'_>> {
    let mut out: Vec<Piece> = Vec::with_capacity(inner.len());
    let mut chars = inner.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let raw = |len: usize| inner.get(at..at + len).unwrap_or("");
        match c {
            '\\' => match chars.next() {
                // A backslash before a line break keeps the break in the
                // value; `\n` says the same on one line.
                Some((_, '\n')) => out.push(Piece { raw: "\\n", value: Some('\n') }),
                Some((_, e)) => {
                    let value = match e {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    };
                    out.push(Piece { raw: raw(1 + e.len_utf8()), value: Some(value) });
                }
                None => out.push(Piece { raw: "\\", value: None }),
            },
            '\r' | '\n' => {
                while out.last().is_some_and(|p| matches!(p.value, Some(' ' | '\t'))) {
                    out.pop();
                }
                while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                    chars.next();
                }
                out.push(Piece { raw: " ", value: Some(' ') });
            }
            c => out.push(Piece { raw: raw(c.len_utf8()), value: Some(c) }),
        }
    }
    out
}

/// A string literal as written (`"..."`, line breaks folded), or `None` when
/// the source text is not a string literal.
fn literal_pieces(raw: &str) -> Option<Vec<Piece<'_>>> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    Some(string_pieces(inner))
}

/// Pieces spelling a value, for when the source cannot be used.
fn value_pieces(value: &str) -> Vec<Piece<'_>> {
    value
        .char_indices()
        .map(|(at, c)| match c {
            '"' => Piece { raw: "\\\"", value: Some('"') },
            '\\' => Piece { raw: "\\\\", value: Some('\\') },
            '\n' => Piece { raw: "\\n", value: Some('\n') },
            '\t' => Piece { raw: "\\t", value: Some('\t') },
            c => Piece { raw: value.get(at..at + c.len_utf8()).unwrap_or(""), value: Some(c) },
        })
        .collect()
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A string literal on one line.
fn flat_string(pieces: &[Piece]) -> String {
    let mut out = String::with_capacity(pieces.len() + 2);
    out.push('"');
    for p in pieces {
        out.push_str(p.raw);
    }
    out.push('"');
    out
}

/// A string literal whose opening quote is at column `col`, wrapped at
/// single spaces so that its lines end by column [`WIDTH`] where possible.
/// Continuation lines start under the first character after the quote, with
/// absolute indentation. A line break with its indentation reads back as one
/// space, so the value is unchanged; a space is only a break point when
/// neither neighbour is whitespace.
fn wrapped_string(pieces: &[Piece], col: usize) -> String {
    let total: usize = pieces.iter().map(|p| chars(p.raw)).sum();
    if col + total + 2 <= WIDTH {
        return flat_string(pieces);
    }
    // Words: runs of pieces between break points.
    let mut words: Vec<String> = vec![String::new()];
    for (i, p) in pieces.iter().enumerate() {
        let breakable = p.is_space()
            && i > 0
            && !matches!(pieces[i - 1].value, Some(' ' | '\t'))
            && pieces.get(i + 1).is_some_and(|n| n.raw.chars().next().is_some_and(|c| !c.is_whitespace()));
        if breakable {
            words.push(String::new());
        } else if let Some(w) = words.last_mut() {
            w.push_str(p.raw);
        }
    }
    let content = col + 1;
    let mut out = String::with_capacity(total + words.len() * (content + 1) + 2);
    out.push('"');
    let mut at = content;
    let last = words.len().saturating_sub(1);
    for (i, w) in words.iter().enumerate() {
        let len = chars(w);
        if i > 0 {
            let need = 1 + len + usize::from(i == last);
            if at + need > WIDTH {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', content));
                at = content;
            } else {
                out.push(' ');
                at += 1;
            }
        }
        out.push_str(w);
        at += len;
    }
    out.push('"');
    out
}

/// The column just after the last line of `text` that starts at column `col`.
fn end_column(text: &str, col: usize) -> usize {
    match text.rfind('\n') {
        Some(i) => chars(&text[i + 1..]),
        None => col + chars(text),
    }
}

// ---- expressions ------------------------------------------------------------

fn quant_word(op: QuantOp) -> &'static str {
    match op {
        QuantOp::Any => "any",
        QuantOp::All => "all",
        QuantOp::Count => "count",
        QuantOp::Sum => "sum",
        QuantOp::Min => "min",
        QuantOp::Max => "max",
    }
}

/// Where an expression is printed: what it must bind at least as tightly as,
/// and what comes right after it.
#[derive(Debug, Clone, Copy)]
struct Ctx {
    /// A binary operator below this level needs parentheses.
    min: u8,
    /// The level of the infix operator printed right after, if any.
    follow: Option<u8>,
    /// A `:` is printed right after (the filter of a quantifier with a body).
    colon: bool,
}

/// Nothing around: an expression on its own, in brackets or in parentheses.
const FREE: Ctx = Ctx { min: 0, follow: None, colon: false };

// ---- printer ----------------------------------------------------------------

/// What goes before the next line of a block: nothing, a blank line if the
/// source had one, or always a blank line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    None,
    Source,
    Always,
}

/// An output buffer with its own blank-line state: imports and declarations
/// are written to different sinks and joined at the end.
#[derive(Debug)]
struct Sink {
    out: String,
    sep: Sep,
    /// The source offset where the last written line (or comment) ended.
    last_end: usize,
}

impl Sink {
    fn new() -> Sink {
        Sink { out: String::new(), sep: Sep::None, last_end: 0 }
    }
}

struct Printer<'a> {
    src: &'a str,
    comments: Vec<Comment>,
    /// The first comment not printed yet.
    next: usize,
    sink: Sink,
    /// The sink not in use.
    other: Sink,
    /// Whether `sink` is the imports sink.
    in_imports: bool,
    /// An operator that may stand between a line's end and its trailing
    /// comment: in a broken chain it moves to the next line.
    trailing_op: Option<&'static str>,
}

impl<'a> Printer<'a> {
    fn new(src: &'a str) -> Printer<'a> {
        Printer {
            src,
            comments: scan_comments(src),
            next: 0,
            sink: Sink::new(),
            other: Sink::new(),
            in_imports: false,
            trailing_op: None,
        }
    }

    fn snippet(&self, span: Span) -> &'a str {
        self.src.get(span.start..span.end).unwrap_or("")
    }

    /// The end of the last token of a node. Some of pest's spans run on over
    /// the whitespace and comments after their last token (`args`, a lone
    /// operand, a quantifier without a body); this trims them off.
    fn tight_end(&self, span: Span) -> usize {
        let bytes = self.src.as_bytes();
        let mut end = span.end.min(bytes.len());
        loop {
            while end > span.start {
                if matches!(bytes[end - 1], b' ' | b'\t' | b'\r' | b'\n') {
                    end -= 1;
                } else if self.src.get(..end).is_some_and(|s| s.ends_with('\u{feff}')) {
                    end -= '\u{feff}'.len_utf8();
                } else {
                    break;
                }
            }
            let before = self.comments.partition_point(|c| c.start < end);
            match before.checked_sub(1).and_then(|i| self.comments.get(i)) {
                Some(c) if end <= c.end && c.start >= span.start => end = c.start,
                _ => return end.max(span.start),
            }
        }
    }

    fn comment_text(&self, c: Comment) -> &'a str {
        self.src.get(c.start..c.end).map_or("#", str::trim_end)
    }

    /// Whether a comment starts strictly between two offsets.
    fn has_comment_in(&self, from: usize, to: usize) -> bool {
        let first = self.comments.partition_point(|c| c.start <= from);
        self.comments.get(first).is_some_and(|c| c.start < to)
    }

    /// Whether the source between two offsets has an empty line.
    fn blank_between(&self, from: usize, to: usize) -> bool {
        let Some(gap) = self.src.get(from..to) else { return false };
        let (mut seen_newline, mut empty) = (false, false);
        for c in gap.chars() {
            if c == '\n' {
                if seen_newline && empty {
                    return true;
                }
                seen_newline = true;
                empty = true;
            } else if !(is_inline_space(c) || c == '\r') {
                empty = false;
            }
        }
        false
    }

    fn use_imports(&mut self, imports: bool) {
        if self.in_imports != imports {
            std::mem::swap(&mut self.sink, &mut self.other);
            self.in_imports = imports;
        }
    }

    /// Starts a line of a block: a blank line first if the separator asks.
    fn begin_line(&mut self, start: usize) {
        let blank = match self.sink.sep {
            Sep::None => false,
            Sep::Always => true,
            Sep::Source => self.blank_between(self.sink.last_end, start),
        };
        if blank && !self.sink.out.is_empty() {
            self.sink.out.push('\n');
        }
        self.sink.sep = Sep::Source;
    }

    fn push_indent(&mut self, indent: usize) {
        self.sink.out.extend(std::iter::repeat_n(' ', indent));
    }

    /// Prints every comment that starts before `before` on a line of its own.
    /// On a block's own level (`block`), blank lines of the source between
    /// them are kept (at most one).
    fn own_line_comments(&mut self, before: usize, indent: usize, block: bool) {
        while let Some(&c) = self.comments.get(self.next) {
            if c.start >= before {
                break;
            }
            self.next += 1;
            if block {
                self.begin_line(c.start);
            }
            self.push_indent(indent);
            let text = self.comment_text(c);
            self.sink.out.push_str(text);
            self.sink.out.push('\n');
            self.sink.last_end = self.sink.last_end.max(c.end);
        }
    }

    /// The comment right after `end` on the same source line, if any.
    fn trailing(&mut self, end: usize) -> Option<Comment> {
        let c = *self.comments.get(self.next)?;
        let gap = self.src.get(end..c.start)?.trim_matches(is_inline_space);
        let op_only = self.trailing_op.is_some_and(|op| gap == op);
        if gap.is_empty() || op_only {
            self.next += 1;
            Some(c)
        } else {
            None
        }
    }

    /// Prints one line (or a few, for a wrapped string) standing for the
    /// source from `start` to `end`: first every comment that starts before
    /// `end` (they cannot stay inside the line), each on its own line; then
    /// the text; then a comment that followed `end` on the same source line.
    fn unit(&mut self, indent: usize, text: &str, start: usize, end: usize, block: bool) {
        self.own_line_comments(end, indent, block);
        if block {
            self.begin_line(start);
        }
        self.push_indent(indent);
        self.sink.out.push_str(text);
        let mut last = end;
        if let Some(c) = self.trailing(end) {
            self.sink.out.push_str("  ");
            let text = self.comment_text(c);
            self.sink.out.push_str(text);
            last = c.end;
        }
        self.sink.out.push('\n');
        self.sink.last_end = self.sink.last_end.max(last);
    }

    // ---- file and declarations ----------------------------------------------

    fn file(mut self, file: &File) -> String {
        enum Node<'t> {
            Import(&'t Import),
            Decl(&'t Decl),
        }
        let mut nodes: Vec<(usize, Node)> = file.imports.iter().map(|i| (i.span.start, Node::Import(i))).collect();
        nodes.extend(file.decls.iter().map(|d| (d.span.start, Node::Decl(d))));
        nodes.sort_by_key(|n| n.0);
        for (_, node) in &nodes {
            match node {
                Node::Import(import) => {
                    self.use_imports(true);
                    let text = format!("import {}", self.import_target(import));
                    self.unit(0, &text, import.span.start, import.span.end, true);
                }
                Node::Decl(decl) => {
                    self.use_imports(false);
                    self.decl(decl);
                    self.sink.sep = Sep::Always;
                }
            }
        }
        // Comments after the last declaration stay at the end.
        if !file.decls.is_empty() {
            self.use_imports(false);
        }
        if self.sink.sep == Sep::Always {
            self.sink.sep = Sep::Source;
        }
        self.own_line_comments(usize::MAX, 0, true);
        self.use_imports(true);
        let (imports, decls) = (self.sink.out, self.other.out);
        match (imports.is_empty(), decls.is_empty()) {
            (false, false) => format!("{imports}\n{decls}"),
            (true, _) => decls,
            (false, true) => imports,
        }
    }

    fn import_target(&self, import: &Import) -> String {
        let at = skip_trivia(self.src, import.span.start + "import".len());
        let raw = self.src.get(at..import.span.end).unwrap_or("");
        let pieces = literal_pieces(raw).unwrap_or_else(|| value_pieces(&import.target));
        flat_string(&pieces)
    }

    /// The offset of the `{` that opens a block, searched from `from`.
    fn open_brace(&self, from: usize, to: usize) -> usize {
        let at = skip_trivia(self.src, from);
        if at < to && self.src.as_bytes().get(at) == Some(&b'{') { at } else { from }
    }

    /// The offset of the `}` that closes a node ending at `end`.
    fn close_brace(&self, end: usize) -> usize {
        end.saturating_sub(1)
    }

    fn decl(&mut self, decl: &Decl) {
        let mut header = format!("{} {}", decl.kind.keyword(), decl.id.name);
        for (i, word) in decl.sort.iter().enumerate() {
            header.push_str(if i == 0 { ": " } else { " " });
            header.push_str(&word.name);
        }
        header.push_str(" {");
        let after = decl.sort.last().map_or(decl.id.span.end, |w| w.span.end);
        let open = self.open_brace(after, decl.span.end);
        let close = self.close_brace(decl.span.end);
        if decl.props.is_empty() && !self.has_comment_in(open, close) {
            header.push('}');
            self.unit(0, &header, decl.span.start, decl.span.end, true);
            return;
        }
        self.unit(0, &header, decl.span.start, open + 1, true);
        self.block(&decl.props, INDENT, close);
    }

    /// The properties of an open block, its end comments and its `}`.
    fn block(&mut self, props: &[Prop], indent: usize, close: usize) {
        self.sink.sep = Sep::None;
        for prop in props {
            self.prop(prop, indent);
        }
        self.own_line_comments(close, indent, true);
        self.sink.sep = Sep::None;
        let outer = indent.saturating_sub(INDENT);
        self.unit(outer, "}", close, close + 1, true);
    }

    // ---- properties ---------------------------------------------------------

    fn prop(&mut self, prop: &Prop, indent: usize) {
        let key = prop.key.name.as_str();
        let (start, end) = (prop.span.start, self.tight_end(prop.span));
        match &prop.value {
            PropValue::Flag => self.unit(indent, key, start, end, true),
            PropValue::Args(args) => {
                let text = self.args_line(key, args, indent, true);
                self.unit(indent, &text, start, end, true);
            }
            PropValue::Text(texts) => self.text_prop(prop, texts, indent),
            PropValue::Expr(expr) => self.expr_prop(prop, expr, indent),
            PropValue::Item(item) => self.item_prop(prop, item, indent),
        }
    }

    /// A property on one line, however long: the layout inside a one-line
    /// item.
    fn flat_prop(&self, prop: &Prop) -> String {
        let key = prop.key.name.as_str();
        match &prop.value {
            PropValue::Flag => key.to_string(),
            PropValue::Args(args) => self.args_line(key, args, 0, false),
            PropValue::Text(texts) => self.flat_text(key, texts),
            PropValue::Expr(expr) => {
                let mut out = format!("{key} ");
                self.expr(expr, FREE, &mut out);
                out
            }
            PropValue::Item(item) => {
                let (header, _) = self.item_header(prop, item);
                self.flat_item(&header, item)
            }
        }
    }

    /// `key a, b, "c"`; strings wrap when `wrap` and the line is too long.
    fn args_line(&self, key: &str, args: &[Arg], indent: usize, wrap: bool) -> String {
        let mut out = key.to_string();
        let mut col = indent + chars(key);
        for (i, arg) in args.iter().enumerate() {
            let part = match arg {
                Arg::Number(n, span) => self.number(*span, *n),
                Arg::Range(low, high, span) => {
                    let raw = self.snippet(*span);
                    if !raw.is_empty() && !raw.contains(char::is_whitespace) {
                        raw.to_string()
                    } else {
                        format!("{low}..{high}")
                    }
                }
                Arg::Name(id) => id.name.clone(),
                Arg::Str(value, span) => {
                    let pieces = self.string_pieces_at(*span, value);
                    let quote = col + if i == 0 { 1 } else { 2 };
                    if wrap { wrapped_string(&pieces, quote) } else { flat_string(&pieces) }
                }
            };
            out.push_str(if i == 0 { " " } else { ", " });
            col += if i == 0 { 1 } else { 2 };
            col = end_column(&part, col);
            out.push_str(&part);
        }
        out
    }

    fn string_pieces_at<'v>(&self, span: Span, value: &'v str) -> Vec<Piece<'v>>
    where
        'a: 'v,
    {
        literal_pieces(self.snippet(span)).unwrap_or_else(|| value_pieces(value))
    }

    fn number(&self, span: Span, value: f64) -> String {
        let raw = self.snippet(span);
        let plausible = !raw.is_empty()
            && raw.chars().all(|c| c.is_ascii_digit() || matches!(c, '_' | '.' | '-'))
            && raw.chars().any(|c| c.is_ascii_digit());
        if plausible { raw.to_string() } else { format!("{value}") }
    }

    fn flat_text(&self, key: &str, texts: &[Translation]) -> String {
        let mut out = key.to_string();
        for t in texts {
            out.push(' ');
            out.push_str(&t.lang.name);
            out.push(' ');
            out.push_str(&flat_string(&self.string_pieces_at(t.span, &t.text)));
        }
        out
    }

    /// `label fi "..." sv "..." en "..."` on one line when it fits and has no
    /// comment after its first string; else one language a line, aligned
    /// under the first tag, each string wrapped when still too long.
    fn text_prop(&mut self, prop: &Prop, texts: &[Translation], indent: usize) {
        let key = prop.key.name.as_str();
        let flat = self.flat_text(key, texts);
        let end = self.tight_end(prop.span);
        let forced = texts.first().is_some_and(|t| self.has_comment_in(t.span.end, end));
        if texts.is_empty() || (!forced && indent + chars(&flat) <= WIDTH) {
            self.unit(indent, &flat, prop.span.start, end, true);
            return;
        }
        let align = indent + chars(key) + 1;
        for (i, t) in texts.iter().enumerate() {
            let pieces = self.string_pieces_at(t.span, &t.text);
            let quote = align + chars(&t.lang.name) + 1;
            let line = format!("{} {}", t.lang.name, wrapped_string(&pieces, quote));
            if i == 0 {
                self.unit(indent, &format!("{key} {line}"), prop.span.start, t.span.end, true);
            } else {
                self.unit(align, &line, t.lang.span.start, t.span.end, false);
            }
        }
    }

    // ---- items ----------------------------------------------------------------

    /// `level moderate 2 {` and the offset of its `{`.
    fn item_header(&self, prop: &Prop, item: &Item) -> (String, usize) {
        let mut header = format!("{} {}", prop.key.name, self.item_id(&item.id));
        let mut after = item.id.span.end;
        if let Some((n, span)) = item.number {
            header.push(' ');
            header.push_str(&self.number(span, n));
            after = span.end;
        }
        header.push_str(" {");
        (header, self.open_brace(after, prop.span.end))
    }

    /// An item's id: as a name where it can be one, else quoted
    /// (`option "item1-3"`), in the escapes it was written with.
    fn item_id(&self, id: &Ident) -> String {
        if crate::syntax::parser::is_plain_id(&id.name) {
            id.name.clone()
        } else {
            flat_string(&self.string_pieces_at(id.span, &id.name))
        }
    }

    fn flat_item(&self, header: &str, item: &Item) -> String {
        let mut out = header.to_string();
        for p in &item.props {
            out.push(' ');
            out.push_str(&self.flat_prop(p));
        }
        out.push_str(if item.props.is_empty() { "}" } else { " }" });
        out
    }

    /// A `level`/`option` item on one line when it fits and has no comment
    /// inside its braces; else expanded like a declaration.
    fn item_prop(&mut self, prop: &Prop, item: &Item, indent: usize) {
        let (header, open) = self.item_header(prop, item);
        let close = self.close_brace(prop.span.end);
        if !self.has_comment_in(open, close) {
            let flat = self.flat_item(&header, item);
            if indent + chars(&flat) <= WIDTH {
                self.unit(indent, &flat, prop.span.start, prop.span.end, true);
                return;
            }
        }
        self.unit(indent, &header, prop.span.start, open + 1, true);
        self.block(&item.props, indent + INDENT, close);
    }

    // ---- expressions ------------------------------------------------------------

    /// `when`/`value`: the expression after the key, broken over lines by
    /// [`Printer::layout`] when it does not fit.
    fn expr_prop(&mut self, prop: &Prop, expr: &Expr, indent: usize) {
        let key = prop.key.name.as_str();
        let lines = self.layout(expr, FREE, indent + chars(key) + 1, 0, indent + CONTINUATION);
        let mut prev_end = prop.span.start;
        for (i, line) in lines.iter().enumerate() {
            // `a or  # why` keeps the comment after `a` when `or` starts the
            // next line.
            self.trailing_op = lines.get(i + 1).and_then(|next| next.op);
            if i == 0 {
                self.unit(indent, &format!("{key} {}", line.text), prop.span.start, line.end, true);
            } else {
                self.unit(line.indent, &line.text, prev_end, line.end, false);
            }
            prev_end = line.end;
        }
        self.trailing_op = None;
    }

    /// Where the source of an expression ends, with the `)` that close
    /// around it (and any comments before them).
    fn ext_end(&self, expr: &Expr) -> usize {
        let mut end = self.tight_end(expr.span);
        loop {
            let next = skip_trivia(self.src, end);
            if self.src.as_bytes().get(next) == Some(&b')') {
                end = next + 1;
            } else {
                return end;
            }
        }
    }

    /// Lays an expression out from column `col`, with `tail` characters to
    /// follow it on its last line. It stays on one line when it fits and no
    /// comment asks for a break; else the outermost chain of `or` (or of
    /// `and`), looking through `not`, parentheses and quantifier bodies, is
    /// broken: each further operand on a line of its own at `cont`, starting
    /// with the operator, and chains inside operands break the same way 4
    /// columns further in. Anything else stays on one line, however long.
    fn layout(&self, expr: &Expr, ctx: Ctx, col: usize, tail: usize, cont: usize) -> Vec<Line> {
        if !self.needs_break(expr) {
            let mut flat = String::new();
            self.expr(expr, ctx, &mut flat);
            if col + chars(&flat) + tail <= WIDTH {
                return vec![Line { indent: 0, text: flat, end: self.ext_end(expr), op: None }];
            }
        }
        match &expr.kind {
            ExprKind::Binary(op, _, _) if breakable(*op) => {
                let parens = op.level() < ctx.min;
                let inner = if parens { FREE } else { ctx };
                let operands = chain(expr, inner);
                let last = operands.len().saturating_sub(1);
                let mut lines = Vec::new();
                for (k, (operand, octx, op)) in operands.iter().enumerate() {
                    let tail = if k == last { tail + usize::from(parens) } else { 0 };
                    if k == 0 {
                        let prefix = if parens { "(" } else { "" };
                        let sub = self.layout(operand, *octx, col + prefix.len(), tail, cont + CONTINUATION);
                        lines.extend(prefixed(prefix, sub));
                    } else {
                        let prefix = format!("{} ", op.symbol());
                        let sub = self.layout(operand, *octx, cont + prefix.len(), tail, cont + CONTINUATION);
                        let mut sub = prefixed(&prefix, sub);
                        if let Some(first) = sub.first_mut() {
                            first.indent = cont;
                            first.op = Some(op.symbol());
                        }
                        lines.extend(sub);
                    }
                }
                suffixed(lines, parens)
            }
            ExprKind::Unary(op, operand) => {
                let (word, lvl, parens) = unary(*op, ctx);
                let inner = if parens { FREE } else { ctx };
                let mut prefix = String::from(if parens { "(" } else { "" });
                prefix.push_str(word);
                let sub = self.layout(
                    operand,
                    Ctx { min: lvl, ..inner },
                    col + chars(&prefix),
                    tail + usize::from(parens),
                    cont,
                );
                if *op == UnaryOp::Neg && sub.first().is_some_and(|l| l.text.starts_with('-')) {
                    prefix.push(' ');
                }
                suffixed(prefixed(&prefix, sub), parens)
            }
            ExprKind::Quant(q) if q.body.is_some() => {
                let parens = quant_parens(q, ctx);
                let inner = if parens { FREE } else { ctx };
                let mut prefix = String::from(if parens { "(" } else { "" });
                self.quant_head(expr, q, inner, &mut prefix);
                prefix.push_str(": ");
                let sub = match &q.body {
                    Some(body) => self.layout(
                        body,
                        Ctx { min: 0, ..inner },
                        col + chars(&prefix),
                        tail + usize::from(parens),
                        cont,
                    ),
                    None => Vec::new(),
                };
                suffixed(prefixed(&prefix, sub), parens)
            }
            _ => {
                let mut flat = String::new();
                self.expr(expr, ctx, &mut flat);
                vec![Line { indent: 0, text: flat, end: self.ext_end(expr), op: None }]
            }
        }
    }

    /// Whether a comment sits inside a chain that [`Printer::layout`] could
    /// break, after the chain's first operand: such a chain is broken so the
    /// comment can stay between its operands.
    fn needs_break(&self, expr: &Expr) -> bool {
        match &expr.kind {
            ExprKind::Binary(op, _, _) if breakable(*op) => {
                let operands = chain(expr, FREE);
                let forced = operands
                    .first()
                    .is_some_and(|(first, ..)| self.has_comment_in(self.ext_end(first), self.ext_end(expr)));
                forced || operands.iter().any(|(o, ..)| self.needs_break(o))
            }
            ExprKind::Unary(_, operand) => self.needs_break(operand),
            ExprKind::Quant(q) => q.body.as_ref().is_some_and(|b| self.needs_break(b)),
            _ => false,
        }
    }

    /// Prints an expression with the fewest parentheses that read back as the
    /// same tree.
    fn expr(&self, expr: &Expr, ctx: Ctx, out: &mut String) {
        match &expr.kind {
            ExprKind::Number(n) => out.push_str(&self.number(expr.span, *n)),
            ExprKind::Str(s) => out.push_str(&flat_string(&self.string_pieces_at(expr.span, s))),
            ExprKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            ExprKind::Path(words) => {
                for (i, w) in words.iter().enumerate() {
                    if i > 0 {
                        out.push('.');
                    }
                    out.push_str(&w.name);
                }
            }
            ExprKind::List(items) => self.list(items, out),
            ExprKind::Call(name, args) => {
                out.push_str(&name.name);
                out.push('(');
                self.comma_list(args, out);
                out.push(')');
            }
            ExprKind::Unary(op, operand) => {
                let (word, lvl, parens) = unary(*op, ctx);
                let inner = if parens { FREE } else { ctx };
                open(parens, out);
                out.push_str(word);
                let mut operand_text = String::new();
                self.expr(operand, Ctx { min: lvl, ..inner }, &mut operand_text);
                if operand_text.starts_with('-') {
                    // `- -x`, not `--x`.
                    out.push(' ');
                }
                out.push_str(&operand_text);
                close(parens, out);
            }
            ExprKind::Binary(op, left, right) => {
                let lvl = op.level();
                let parens = lvl < ctx.min;
                let inner = if parens { FREE } else { ctx };
                open(parens, out);
                // Comparisons do not chain (`a < b < c` is a syntax error),
                // so a comparison on the left of one keeps its parentheses.
                let left_min = if lvl == BinaryOp::Eq.level() { lvl + 1 } else { lvl };
                self.expr(left, Ctx { min: left_min, follow: Some(lvl), colon: false }, out);
                out.push(' ');
                out.push_str(op.symbol());
                out.push(' ');
                self.expr(right, Ctx { min: lvl + 1, ..inner }, out);
                close(parens, out);
            }
            ExprKind::Quant(q) => self.quant(expr, q, ctx, out),
            ExprKind::If(parts) => {
                // The `else` branch runs to the right as far as it can, as a
                // quantifier's body does, so an `if` with anything after it
                // needs parentheses. It keeps them wherever it is an operand
                // (`(if a then 1 else 0) + (if b then 1 else 0)`, `not (if
                // ...)`): a sum of `if`s reads as a list of like terms only
                // when every term has them. The condition and the `then`
                // branch end at their keyword, so nothing in them is
                // parenthesised for their sake: added brackets would count
                // against the nesting limit, and a chain of `if`s the parser
                // accepts could come back as one it refuses.
                let [condition, then, otherwise] = parts.as_ref();
                let parens = ctx.follow.is_some() || ctx.min > 0;
                let inner = if parens { FREE } else { ctx };
                let operand = FREE;
                open(parens, out);
                out.push_str("if ");
                self.expr(condition, operand, out);
                out.push_str(" then ");
                self.expr(then, operand, out);
                out.push_str(" else ");
                self.expr(otherwise, Ctx { min: 0, ..inner }, out);
                close(parens, out);
            }
        }
    }

    /// A quantifier's body (or, without a body, its filter) runs to the right
    /// as far as it can, so anything after it calls for parentheses; a `:`
    /// after a quantifier without a body would become its body.
    fn quant(&self, expr: &Expr, q: &Quant, ctx: Ctx, out: &mut String) {
        let parens = quant_parens(q, ctx);
        let inner = if parens { FREE } else { ctx };
        open(parens, out);
        self.quant_head(expr, q, inner, out);
        if let Some(body) = &q.body {
            out.push_str(": ");
            self.expr(body, Ctx { min: 0, ..inner }, out);
        }
        close(parens, out);
    }

    /// `op source` of a quantifier: `any proposal`, `sum g in groups where f`.
    fn quant_head(&self, expr: &Expr, q: &Quant, inner: Ctx, out: &mut String) {
        out.push_str(quant_word(q.op));
        out.push(' ');
        match &q.source {
            QuantSource::Alternatives { proposals_only } => out.push_str(self.alternatives_word(expr, *proposals_only)),
            QuantSource::Bind { var, collection, filter } => {
                out.push_str(&var.name);
                out.push_str(" in ");
                match collection {
                    Collection::Named(id) => out.push_str(&id.name),
                    Collection::List(items, _) => self.list(items, out),
                }
                if let Some(f) = filter {
                    out.push_str(" where ");
                    let ctx = if q.body.is_some() {
                        Ctx { min: 0, follow: None, colon: true }
                    } else {
                        Ctx { min: 0, ..inner }
                    };
                    self.expr(f, ctx, out);
                }
            }
        }
    }

    /// `alternative`, `alternatives`, `proposal` or `proposals`, as written.
    fn alternatives_word(&self, expr: &Expr, proposals_only: bool) -> &'static str {
        let after_op = self
            .src
            .get(expr.span.start..)
            .map_or(expr.span.start, |rest| expr.span.start + rest.find(|c: char| !c.is_alphabetic()).unwrap_or(0));
        let at = skip_trivia(self.src, after_op);
        let word = self.src.get(at..).map_or("", |rest| {
            let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
            &rest[..len]
        });
        match (word, proposals_only) {
            ("proposals", true) => "proposals",
            ("alternatives", false) => "alternatives",
            ("alternative", false) => "alternative",
            (_, true) => "proposal",
            (_, false) => "alternative",
        }
    }

    fn list(&self, items: &[Expr], out: &mut String) {
        out.push('[');
        self.comma_list(items, out);
        out.push(']');
    }

    fn comma_list(&self, items: &[Expr], out: &mut String) {
        for (i, e) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.expr(e, FREE, out);
        }
    }
}

fn open(parens: bool, out: &mut String) {
    if parens {
        out.push('(');
    }
}

fn close(parens: bool, out: &mut String) {
    if parens {
        out.push(')');
    }
}

/// `not`/`-`, the level its operand is printed at, and whether it needs
/// parentheses: `not` takes every operator that binds tighter than it along,
/// `-` binds tighter than every infix operator.
fn unary(op: UnaryOp, ctx: Ctx) -> (&'static str, u8, bool) {
    match op {
        UnaryOp::Not => ("not ", op.level(), ctx.follow.is_some_and(|f| f > op.level())),
        UnaryOp::Neg => ("-", op.level(), false),
    }
}

/// A quantifier's body (or, without a body, its filter) runs to the right as
/// far as it can, so anything after it calls for parentheses; a `:` after a
/// quantifier without a body would become its body.
fn quant_parens(q: &Quant, ctx: Ctx) -> bool {
    let filter = matches!(&q.source, QuantSource::Bind { filter: Some(_), .. });
    match (&q.body, filter) {
        (Some(_), _) => ctx.follow.is_some(),
        (None, true) => ctx.follow.is_some() || ctx.colon,
        (None, false) => ctx.colon,
    }
}

/// One output line of a laid-out expression.
#[derive(Debug)]
struct Line {
    /// Indentation; the first line continues the line it starts on.
    indent: usize,
    text: String,
    /// The source offset of the end of the last token on the line.
    end: usize,
    /// The operator the line starts with, if it is a chain's continuation.
    op: Option<&'static str>,
}

fn prefixed(prefix: &str, mut lines: Vec<Line>) -> Vec<Line> {
    if let Some(first) = lines.first_mut() {
        first.text.insert_str(0, prefix);
    }
    lines
}

fn suffixed(mut lines: Vec<Line>, parens: bool) -> Vec<Line> {
    if parens && let Some(last) = lines.last_mut() {
        last.text.push(')');
    }
    lines
}

/// Operators whose chains [`Printer::layout`] breaks over lines: `or`,
/// `and`, and sums (a 13-term sum once became one 659-character line).
fn breakable(op: BinaryOp) -> bool {
    matches!(op, BinaryOp::Or | BinaryOp::And | BinaryOp::Add | BinaryOp::Sub)
}

/// The operands of a chain of one binary operator (or of `+` and `-`, which
/// share a level), each with the context it is printed in when the chain
/// itself is printed in `ctx` without parentheses, and the operator before
/// it (the chain's own for the first): `a or b or c` is `(a or b) or c`,
/// `a + b - c` is `(a + b) - c`.
fn chain(expr: &Expr, ctx: Ctx) -> Vec<(&Expr, Ctx, BinaryOp)> {
    let ExprKind::Binary(op, _, _) = &expr.kind else { return Vec::new() };
    let lvl = op.level();
    let sum = matches!(op, BinaryOp::Add | BinaryOp::Sub);
    let mut operands = Vec::new();
    let mut at = expr;
    while let ExprKind::Binary(o, left, right) = &at.kind
        && (o == op || (sum && matches!(o, BinaryOp::Add | BinaryOp::Sub)))
    {
        let after = if operands.is_empty() { ctx } else { Ctx { min: 0, follow: Some(lvl), colon: false } };
        operands.push((right.as_ref(), Ctx { min: lvl + 1, ..after }, *o));
        at = left;
    }
    operands.push((at, Ctx { min: lvl, follow: Some(lvl), colon: false }, *op));
    operands.reverse();
    operands
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        match format_source("t.eva", text) {
            Ok(out) => out,
            Err(d) => panic!("{d:?}"),
        }
    }

    /// The `value` of `score s { value <expr> }`, formatted.
    fn fmt_expr(expr: &str) -> String {
        let out = fmt(&format!("score s {{ value {expr} }}"));
        out.strip_prefix("score s {\n  value ").and_then(|s| s.strip_suffix("\n}\n")).unwrap_or(&out).to_string()
    }

    #[test]
    fn messy_spacing() {
        let text = "  group\tkids{label fi \"Lapset\"sv \"Barn\"   en\"Kids\"\nage 0..17 parent population,families\n\n\n\nvulnerable }\
                    question q :screening{text en \"Q?\" when decision.kind!=\"budget\"and fact.cost_eur>=100_000 required}";
        assert_eq!(
            fmt(text),
            "group kids {\n  label fi \"Lapset\" sv \"Barn\" en \"Kids\"\n  age 0..17\n  parent population, families\n\n  \
             vulnerable\n}\n\nquestion q: screening {\n  text en \"Q?\"\n  \
             when decision.kind != \"budget\" and fact.cost_eur >= 100_000\n  required\n}\n"
        );
    }

    #[test]
    fn imports_first_then_declarations() {
        let text = "group a {}\nimport \"eva\"\nrule r: verdict full { }\nimport \"./x.eva\"";
        assert_eq!(fmt(text), "import \"eva\"\nimport \"./x.eva\"\n\ngroup a {}\n\nrule r: verdict full {}\n");
    }

    #[test]
    fn empty_and_comment_only_files() {
        assert_eq!(fmt(""), "");
        assert_eq!(fmt("  \n\n"), "");
        assert_eq!(fmt("# one\n\n\n   # two   \r\n"), "# one\n\n# two\n");
    }

    #[test]
    fn syntax_errors_come_back_as_diagnostics() {
        let err = format_source("bad.eva", "group kids { label fi }\n}").err().map(|d| d.code);
        assert_eq!(err.as_deref(), Some("E0001"));
    }

    #[test]
    fn crlf_and_bom_give_lf_without_bom() {
        let text = "\u{feff}group kids {\r\n  label en \"Kids\"  # the kids\r\n\r\n  vulnerable\r\n}\r\n";
        assert_eq!(fmt(text), "group kids {\n  label en \"Kids\"  # the kids\n\n  vulnerable\n}\n");
    }

    #[test]
    fn long_texts_go_one_language_a_line_and_wrap() {
        let text = "rule r: info { message fi \"Vaihtoehdolla on kielteisiä vaikutuksia lapsiin\" \
                    sv \"Alternativet har negativa konsekvenser för barn\" en \"Negative impact on children \
                    without mitigation:\n      a child impact assessment is required before the decision is made.\" }";
        assert_eq!(
            fmt(text),
            "rule r: info {\n  \
             message fi \"Vaihtoehdolla on kielteisiä vaikutuksia lapsiin\"\n          \
             sv \"Alternativet har negativa konsekvenser för barn\"\n          \
             en \"Negative impact on children without mitigation: a child impact assessment is required\n              \
             before the decision is made.\"\n}\n"
        );
    }

    #[test]
    fn short_texts_and_items_stay_on_one_line() {
        let text = "scale magnitude { level minimal 1 {\n label fi \"Vähäinen\"\n sv \"Liten\"\n en \"Minimal\"\n }\n\
                    level severe 3 { label fi \"Merkittävä merkittävä merkittävä\" sv \"Betydande betydande betydande\" \
                    en \"Severe severe severe\" } option x {} }";
        assert_eq!(
            fmt(text),
            "scale magnitude {\n  level minimal 1 { label fi \"Vähäinen\" sv \"Liten\" en \"Minimal\" }\n  \
             level severe 3 {\n    label fi \"Merkittävä merkittävä merkittävä\"\n          \
             sv \"Betydande betydande betydande\"\n          en \"Severe severe severe\"\n  }\n  option x {}\n}\n"
        );
    }

    #[test]
    fn literals_are_printed_as_written() {
        assert_eq!(fmt_expr("100_000 + 0.50"), "100_000 + 0.50");
        assert_eq!(fmt_expr("\"a \\\"b\\\" \\\\ c\\td\" == x"), "\"a \\\"b\\\" \\\\ c\\td\" == x");
        assert_eq!(fmt_expr("[1,2,3,]"), "[1, 2, 3]");
        assert_eq!(fmt_expr("\"one\n        two\" == x"), "\"one two\" == x");
        assert_eq!(fmt("group g { age -3..17 range 1_0..2_0 }"), "group g {\n  age -3..17\n  range 1_0..2_0\n}\n");
    }

    #[test]
    fn option_ids_are_quoted_only_when_they_must_be() {
        let text = "question q: choice { option \"plain\" {} option \"item1-3\" 2 {} option \"a\\\"b\" {} option \"level\" {} }";
        assert_eq!(
            fmt(text),
            "question q: choice {\n  option plain {}\n  option \"item1-3\" 2 {}\n  option \"a\\\"b\" {}\n  option \"level\" {}\n}\n"
        );
    }

    #[test]
    fn fewest_parentheses() {
        let cases = [
            ("((a)) or ((b))", "a or b"),
            ("(a or b) and c", "(a or b) and c"),
            ("a or (b and c)", "a or b and c"),
            ("(a - b) - c", "a - b - c"),
            ("a - (b - c)", "a - (b - c)"),
            ("(a * b) + (c / d)", "a * b + c / d"),
            ("(a + b) * c", "(a + b) * c"),
            ("not (a == b)", "not a == b"),
            ("(not a) == b", "(not a) == b"),
            ("(not a) and b", "not a and b"),
            ("not (a and b)", "not (a and b)"),
            ("-(a * b)", "-(a * b)"),
            ("(-a) * b", "-a * b"),
            ("-(-x)", "- -x"),
            ("- (not a)", "-not a"),
            ("(-(not a)) == b", "-(not a) == b"),
            ("x == (not y)", "x == not y"),
            ("(x not in [1]) == (y in [2])", "(x not in [1]) == (y in [2])"),
            ("((a < b) == c) == d", "((a < b) == c) == d"),
            ("f((a or b), [c and d])", "f(a or b, [c and d])"),
        ];
        for (input, want) in cases {
            assert_eq!(fmt_expr(input), want, "{input}");
        }
    }

    #[test]
    fn if_and_otherwise_get_parentheses_only_when_needed() {
        let cases = [
            ("(if a then 1 else 2) + 3", "(if a then 1 else 2) + 3"),
            ("3 + (if a then 1 else 2)", "3 + (if a then 1 else 2)"),
            ("if (a or b) then (1 + 2) else (if c then 3 else 4)", "if a or b then 1 + 2 else if c then 3 else 4"),
            // A condition and a `then` branch end at their keyword: no
            // brackets are added there (they would count against nesting).
            ("if (if a then b else c) then 1 else 2", "if if a then b else c then 1 else 2"),
            ("if a then (if b then 1 else 2) else 3", "if a then if b then 1 else 2 else 3"),
            ("not (if a then b else c)", "not (if a then b else c)"),
            ("any proposal: if a then b else c", "any proposal: if a then b else c"),
            ("(if a then x else y) == z", "(if a then x else y) == z"),
            ("if a then (any proposal: x) else y", "if a then any proposal: x else y"),
            ("(impact(g) ?? 0) < 0", "impact(g) ?? 0 < 0"),
            ("(a + b) ?? 0", "a + b ?? 0"),
            ("a + (b ?? 0)", "a + (b ?? 0)"),
            ("(a ?? b) ?? c", "a ?? b ?? c"),
            ("a ?? (b ?? c)", "a ?? (b ?? c)"),
            ("a ?? (b < c)", "a ?? (b < c)"),
        ];
        for (input, want) in cases {
            assert_eq!(fmt_expr(input), want, "{input}");
        }
    }

    #[test]
    fn quantifiers_get_parentheses_only_when_followed() {
        let cases = [
            ("(any proposal: impact(children) < 0) and y", "(any proposal: impact(children) < 0) and y"),
            ("y and (any proposal: impact(children) < 0)", "y and any proposal: impact(children) < 0"),
            ("(any proposals: (all g in groups: (impact(g) < 0)))", "any proposals: all g in groups: impact(g) < 0"),
            ("any proposal: (all g in groups: x) and y", "any proposal: (all g in groups: x) and y"),
            (
                "(sum g in groups: (max d in domains: impact(g, d))) + 1",
                "(sum g in groups: max d in domains: impact(g, d)) + 1",
            ),
            ("(count proposals) > 1", "count proposals > 1"),
            ("(count g in groups where g.vulnerable) > 1", "(count g in groups where g.vulnerable) > 1"),
            ("any g in groups where (count proposals): x", "any g in groups where (count proposals): x"),
            ("any g in groups where a and (count c in cells): x", "any g in groups where a and (count c in cells): x"),
            ("any g in groups where (any p in [1, 2]: p > 1): x", "any g in groups where any p in [1, 2]: p > 1: x"),
            ("not (any alternative: alternative.is_zero)", "not any alternative: alternative.is_zero"),
            ("-(sum g in groups: impact(g)) * 2", "-(sum g in groups: impact(g)) * 2"),
            (
                "count c in cells where (c.magnitude == magnitude.severe)",
                "count c in cells where c.magnitude == magnitude.severe",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(fmt_expr(input), want, "{input}");
        }
    }

    #[test]
    fn long_expressions_break_at_the_outermost_chain() {
        let text = "rule r: info { when not (significant_resident_impact == yes or affects_staff == yes or \
                    large_procurement == yes) and any c in cells: c.direction < 0 and c.magnitude == magnitude.severe \
                    and (c.reversibility == reversibility.irreversible or c.reversibility == reversibility.reversible_slowly) }";
        assert_eq!(
            fmt(text),
            "rule r: info {\n  \
             when not (significant_resident_impact == yes or affects_staff == yes or large_procurement == yes)\n      \
             and any c in cells: c.direction < 0\n          \
             and c.magnitude == magnitude.severe\n          \
             and (c.reversibility == reversibility.irreversible\n              \
             or c.reversibility == reversibility.reversible_slowly)\n}\n"
        );
    }

    #[test]
    fn long_sums_break_one_term_a_line() {
        let terms: Vec<String> = (0..13).map(|i| format!("(if question_number_{i} == yes then 1 else 0)")).collect();
        let out = fmt(&format!("score s {{ value {} - 1 }}", terms.join(" + ")));
        assert!(out.lines().all(|l| l.chars().count() <= 100), "{out}");
        assert_eq!(out.lines().filter(|l| l.trim_start().starts_with("+ ")).count(), 12, "{out}");
        assert!(out.contains("\n      - 1\n"), "{out}");
    }

    #[test]
    fn comments_between_operands_keep_a_chain_broken() {
        let text = "rule r: info {\n  when x > 0       # positive\n       and y == 0  # and zero\n}\n";
        let want = "rule r: info {\n  when x > 0  # positive\n      and y == 0  # and zero\n}\n";
        assert_eq!(fmt(text), want);
        assert_eq!(fmt(want), want);
        // So do sums.
        assert_eq!(fmt("score s { value 1 + # why\n 2 }"), "score s {\n  value 1  # why\n      + 2\n}\n");
        // A comment inside one line moves above it.
        assert_eq!(fmt("score s { value min(1, # why\n 2) }"), "score s {\n  # why\n  value min(1, 2)\n}\n");
    }

    #[test]
    fn wrapping_keeps_string_values() {
        for raw in [
            "a \\t b",
            "a\\t b c",
            "a \\  b",
            "x\u{a0} y",
            "word ".repeat(40).trim_end(),
            "tab\\t\n   next line \\\"quoted\\\" and \\\\ more text that goes on and on and on until it wraps",
        ] {
            let pieces = string_pieces(raw);
            let value = syntax::unescape(raw);
            for col in [0, 10, 60, 95] {
                let wrapped = wrapped_string(&pieces, col);
                let inner = wrapped.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or("");
                assert_eq!(syntax::unescape(inner), value, "{raw:?} at {col}: {wrapped}");
                assert_eq!(flat_string(&string_pieces(inner)), flat_string(&pieces), "{raw:?} at {col}");
            }
        }
    }

    #[test]
    fn comments_are_found_outside_strings_only() {
        let src = "a \"# not\\\" # still not\" # yes \"x\"\n# two";
        let found: Vec<&str> = scan_comments(src).iter().map(|c| &src[c.start..c.end]).collect();
        assert_eq!(found, ["# yes \"x\"", "# two"]);
    }
}
