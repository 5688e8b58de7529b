//! What is written around a position, read from the text alone: an editor
//! asks about half-typed text that does not parse, so hover and completion
//! cannot wait for a syntax tree. One pass over the text before the cursor,
//! linear in its length.

/// Whether a character can be part of an id (the grammar's `LETTER |
/// NUMBER | "_"`).
pub fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The id written around a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordAt<'a> {
    /// First byte of the word.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The word.
    pub word: &'a str,
    /// The word before a `.` right before this one (`magnitude` in
    /// `magnitude.severe`).
    pub head: Option<&'a str>,
}

/// The id at (or just before) `offset`, if any.
///
/// ```
/// use ennakko::editor::lexical::word_at;
/// let text = "when c.magnitude >= magnitude.severe";
/// let w = word_at(text, text.len() - 2).unwrap();
/// assert_eq!((w.word, w.head), ("severe", Some("magnitude")));
/// ```
pub fn word_at(text: &str, offset: usize) -> Option<WordAt<'_>> {
    let offset = offset.min(text.len());
    let offset = (0..=offset).rev().find(|&i| text.is_char_boundary(i))?;
    let start = word_start(text, offset);
    let end = offset + text[offset..].find(|c: char| !is_id_char(c)).unwrap_or(text.len() - offset);
    if start == end {
        return None;
    }
    Some(WordAt { start, end, word: &text[start..end], head: head_before(text, start) })
}

/// Where the id that ends at byte `offset` starts (`offset` itself when
/// none does): what a completion replaces.
///
/// ```
/// use ennakko::editor::lexical::word_start;
/// assert_eq!(word_start("parent chi", 10), 7);
/// assert_eq!(word_start("a.", 2), 2);
/// ```
pub fn word_start(text: &str, offset: usize) -> usize {
    text[..offset].char_indices().rev().take_while(|(_, c)| is_id_char(*c)).last().map_or(offset, |(i, _)| i)
}

/// The word before a `.` that ends at `start`.
fn head_before(text: &str, start: usize) -> Option<&str> {
    let dot = text[..start].strip_suffix('.')?;
    let head_start = word_start(dot, dot.len());
    (head_start < dot.len()).then(|| &dot[head_start..])
}

/// What kind of thing may be typed at a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Context {
    /// Inside a comment or a string: nothing to offer.
    Nothing,
    /// Between declarations: a declaration keyword or `import`.
    TopLevel,
    /// Inside the string of an `import` line.
    Import,
    /// After the colon of a declaration header: its kind
    /// (`question x: |`), with the words already written after the colon.
    Sort {
        /// The declaration keyword.
        keyword: String,
        /// Words after the colon so far (`verdict` in `rule r: verdict |`).
        after: Vec<String>,
    },
    /// At the start of a property inside a declaration.
    Property,
    /// After a property key that takes names (`groups |`).
    Args {
        /// The key.
        key: String,
        /// The id of the declaration being written.
        decl: Option<String>,
    },
    /// In an expression.
    Expr,
    /// In a string compared with a choice (`area == "|`): its options.
    Choice {
        /// The fact or question compared (`area` in `fact.area == "`).
        subject: String,
    },
    /// After `head.` in an expression.
    Member {
        /// The word before the dot.
        head: String,
    },
}

/// Property keys whose values are expressions.
const EXPR_KEYS: [&str; 2] = ["when", "value"];

/// What may be typed at `offset` (the start of the partly typed word is
/// found first, so `grou|` asks about the place where `grou` starts).
///
/// ```
/// use ennakko::editor::lexical::{context, Context};
/// let text = "group kids {\n  parent chi";
/// assert_eq!(context(text, text.len()), Context::Args { key: "parent".into(), decl: Some("kids".into()) });
/// ```
pub fn context(text: &str, offset: usize) -> Context {
    let offset = (0..=offset.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let start = word_start(text, offset);
    let scan = scan(&text[..start]);
    if scan.in_comment {
        return Context::Nothing;
    }
    if let Some(quote) = scan.string_start {
        let line = text[..quote].rfind('\n').map_or(0, |i| i + 1);
        if text[line..quote].trim_start().starts_with("import") {
            return Context::Import;
        }
        return compared_with(&text[line..quote]).map_or(Context::Nothing, |subject| Context::Choice { subject });
    }
    if let Some(head) = head_before(text, start) {
        return Context::Member { head: head.to_string() };
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let words: Vec<&str> = text[line_start..start].split(|c: char| !is_id_char(c)).filter(|w| !w.is_empty()).collect();
    if scan.depth == 0 {
        return header_context(&text[line_start..start], &words);
    }
    match words.first() {
        None if continues_expression(&text[..line_start]) => Context::Expr,
        None => Context::Property,
        Some(key) if EXPR_KEYS.contains(key) => Context::Expr,
        // A line that starts with `and`/`or` goes on with an expression.
        Some(op) if ["and", "or"].contains(op) => Context::Expr,
        Some(key) if ["level", "option"].contains(key) => Context::Nothing,
        Some(key) if is_name_key(key) => Context::Args { key: key.to_string(), decl: scan.decl },
        Some(_) if continues_expression(&text[..line_start]) => Context::Expr,
        Some(_) => Context::Nothing,
    }
}

/// The id a string about to be written is compared with: `x == ` or
/// `fact.x != ` right before the quote.
fn compared_with(before_quote: &str) -> Option<String> {
    let before = before_quote.trim_end();
    let operand = before.strip_suffix("==").or_else(|| before.strip_suffix("!="))?.trim_end();
    let w = word_at(operand, operand.len())?;
    (w.end == operand.len()).then(|| w.word.to_string())
}

fn header_context(line: &str, words: &[&str]) -> Context {
    match (words.first(), line.split_once(':')) {
        (None, _) => Context::TopLevel,
        (Some(keyword), Some((_, after))) => Context::Sort {
            keyword: keyword.to_string(),
            after: after.split_whitespace().map(str::to_string).collect(),
        },
        (Some(_), None) => Context::Nothing,
    }
}

/// Keys whose arguments are names this server can offer.
fn is_name_key(key: &str) -> bool {
    ["groups", "parent", "domain", "domains", "perspective", "default", "category", "each", "languages"].contains(&key)
}

/// Whether the text before a line ends in an expression that goes on: a
/// `when`/`value` line (or its continuation) ending in an operator.
fn continues_expression(before: &str) -> bool {
    let last = before.trim_end();
    let last_line = last.rsplit('\n').next().unwrap_or("");
    let code = last_line.split('#').next().unwrap_or("").trim_end();
    let ends_in_operator = ["and", "or", "not", "in", "+", "-", "*", "/", "<", ">", "=", "(", ",", "[", ":"]
        .iter()
        .any(|op| code.ends_with(op) && !code.ends_with(&format!("_{op}")));
    ends_in_operator && !code.trim_start().starts_with('}')
}

/// Where the last top-level declaration (or `import` line) that ends
/// before `offset` ends (0 if none does): the text before it holds only
/// whole declarations.
///
/// ```
/// use ennakko::editor::lexical::whole_declarations_before;
/// let text = "group a { label en \"}\" }\ngroup b { parent";
/// assert_eq!(&text[..whole_declarations_before(text, text.len())], "group a { label en \"}\" }");
/// let text = "import \"eva\"\nscore s {\n  value impact(chi";
/// assert_eq!(&text[..whole_declarations_before(text, text.len())], "import \"eva\"");
/// ```
pub fn whole_declarations_before(text: &str, offset: usize) -> usize {
    let offset = (0..=offset.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    scan(&text[..offset]).top_start
}

struct Scan {
    in_comment: bool,
    /// Where an unclosed string opens.
    string_start: Option<usize>,
    depth: usize,
    /// The id of the declaration the text is inside.
    decl: Option<String>,
    /// Just after the last `}` that closed a top-level declaration.
    top_start: usize,
}

/// Whether the string opening at byte `quote` is the name of an `import`
/// line: `import` alone at the start of its line before the quote. Looks
/// back a bounded distance, so that the scan stays linear (an import line
/// with more than a few dozen spaces before `import` is not one here).
fn is_import(text: &str, quote: usize) -> bool {
    let mut from = quote.saturating_sub(64);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..quote];
    let line = match before.rfind('\n') {
        Some(i) => &before[i + 1..],
        None if from == 0 => before,
        None => return false,
    };
    line.trim() == "import"
}

/// One pass over `text` tracking comments, strings and brace depth.
fn scan(text: &str) -> Scan {
    let mut s = Scan { in_comment: false, string_start: None, depth: 0, decl: None, top_start: 0 };
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if s.in_comment {
            s.in_comment = c != '\n';
        } else if let Some(quote) = s.string_start {
            s.string_start = if escaped || c != '"' { Some(quote) } else { None };
            escaped = !escaped && c == '\\';
            if s.string_start.is_none() && s.depth == 0 && is_import(text, quote) {
                // An `import "..."` line is a whole declaration too.
                s.top_start = i + 1;
            }
        } else {
            match c {
                '#' => s.in_comment = true,
                '"' => s.string_start = Some(i),
                '{' => {
                    if s.depth == 0 {
                        s.decl =
                            text[s.top_start..i].split_whitespace().nth(1).map(|w| w.trim_end_matches(':').to_string());
                    }
                    s.depth += 1;
                }
                '}' => {
                    s.depth = s.depth.saturating_sub(1);
                    if s.depth == 0 {
                        s.top_start = i + 1;
                    }
                }
                _ => {}
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_end(text: &str) -> Context {
        context(text, text.len())
    }

    #[test]
    fn contexts() {
        assert_eq!(at_end(""), Context::TopLevel);
        assert_eq!(at_end("group a { }\ngro"), Context::TopLevel);
        assert_eq!(at_end("import \"ev"), Context::Import);
        assert_eq!(at_end("group a { label en \"Lap"), Context::Nothing);
        assert_eq!(at_end("# group a {\n# gro"), Context::Nothing);
        assert_eq!(at_end("rule r: info {\n  when fact.area == \"ru"), Context::Choice { subject: "area".into() });
        assert_eq!(at_end("rule r: info {\n  when kind!=\""), Context::Choice { subject: "kind".into() });
        assert_eq!(at_end("rule r: info {\n  when kind < \""), Context::Nothing);
        assert_eq!(
            at_end("group a { label en \"x { # y\" }\nrule r: ver"),
            Context::Sort { keyword: "rule".into(), after: vec![] }
        );
        assert_eq!(
            at_end("rule r: verdict f"),
            Context::Sort { keyword: "rule".into(), after: vec!["verdict".into()] }
        );
        assert_eq!(at_end("group a {\n  lab"), Context::Property);
        assert_eq!(at_end("rule r: info {\n  when impact(chi"), Context::Expr);
        assert_eq!(at_end("rule r: info {\n  when a and\n    chi"), Context::Expr);
        assert_eq!(at_end("rule r: info {\n  when a and\n"), Context::Expr);
        assert_eq!(at_end("rule r: info {\n  when a\n      and impact(chi"), Context::Expr);
        assert_eq!(at_end("rule r: info {\n  when a\n      or "), Context::Expr);
        assert_eq!(at_end("rule r: info {\n  when x >= magnitude.se"), Context::Member { head: "magnitude".into() });
        assert_eq!(
            at_end("scale magnitude {\n  default mod"),
            Context::Args { key: "default".into(), decl: Some("magnitude".into()) }
        );
        assert_eq!(
            at_end("group a { }\ngroup b {\n  parent "),
            Context::Args { key: "parent".into(), decl: Some("b".into()) }
        );
        assert_eq!(at_end("question q: screening {\n  level x"), Context::Nothing);
    }

    #[test]
    fn words_with_non_ascii_and_odd_offsets() {
        let text = "group häät { }";
        let w = word_at(text, 8).unwrap(); // inside `ä`
        assert_eq!(w.word, "häät");
        assert_eq!(word_at(text, 999), None);
        assert_eq!(word_at("", 0), None);
        assert_eq!(word_at(".x", 1).unwrap().head, None);
        assert_eq!(context("ä", 1), Context::TopLevel);
    }
}
