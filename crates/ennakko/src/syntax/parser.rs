//! Source text to syntax tree: the pest grammar in `grammar/ennakko.pest`,
//! a nesting pre-scan that keeps the recursive parser's stack bounded, and
//! the conversion of pest's pairs into [`crate::syntax::ast`].

use crate::message::Message;
use crate::t;
use pest::Parser as _;
use pest::iterators::Pair;

use crate::diagnostic::Diagnostic;
use crate::limits::Limits;
use crate::syntax::ast::*;
use crate::syntax::source::{SourceMap, Span};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/ennakko.pest"]
struct Grammar;

/// Parses one file of a [`SourceMap`] into a syntax tree.
///
/// ```
/// use ennakko::{syntax::{parse, source::SourceMap}, Limits};
/// let mut sources = SourceMap::default();
/// let file = sources.add("x.eva", "group kids { label en \"Children\" vulnerable }");
/// let tree = parse(&sources, file, &Limits::default()).unwrap();
/// assert_eq!(tree.decls[0].id.name, "kids");
/// ```
pub fn parse(sources: &SourceMap, file: usize, limits: &Limits) -> Result<File, Box<Diagnostic>> {
    let text = sources.get(file).map_or("", |f| f.text.as_str());
    prescan(text, limits).map_err(|(code, msg, help, at)| {
        Box::new(Diagnostic::error(code, msg).with_help(help).at_span(sources, Span { file, start: at, end: at + 1 }))
    })?;
    let mut pairs = Grammar::parse(Rule::file, text).map_err(|e| Box::new(syntax_error(sources, file, e)))?;
    let builder =
        Builder { file, sources, limits, nodes: std::cell::Cell::new(0), quant_head: Default::default(), offset: 0 };
    let root = pairs.next().map(|p| builder.file(p)).unwrap_or(Ok(File::default()))?;
    Ok(root)
}

/// Parses the expression `text` written in braces in a message; `offset`
/// is where `text` starts in file `file`, so positions point into the
/// message (approximately, when the message holds escapes or line breaks).
pub(crate) fn parse_placeholder(
    sources: &SourceMap,
    file: usize,
    text: &str,
    offset: usize,
    limits: &Limits,
) -> Result<Expr, Box<Diagnostic>> {
    let at = |pos: usize| Span { file, start: offset + pos, end: offset + pos + 1 };
    prescan(text, limits).map_err(|(code, msg, help, pos)| {
        Box::new(Diagnostic::error(code, msg).with_help(help).at_span(sources, at(pos)))
    })?;
    let parsed = Grammar::parse(Rule::placeholder, text).map_err(|e| {
        let pos = match e.location {
            pest::error::InputLocation::Pos(p) => p,
            pest::error::InputLocation::Span((s, _)) => s,
        };
        Box::new(
            Diagnostic::error("E0001", t!("`{{{text}}}` in a message is not an expression", text = text))
                .with_help(t!("write a value as in a rule's `when`, e.g. `{{fact.cost_eur}}`; write `{{{{` and `}}}}` for braces in the text"))
                .at_span(sources, at(pos)),
        )
    })?;
    let builder =
        Builder { file, sources, limits, nodes: std::cell::Cell::new(0), quant_head: Default::default(), offset };
    let expr = parsed.into_iter().next().and_then(|p| p.into_inner().find(|p| p.as_rule() == Rule::expr));
    match expr {
        Some(e) => builder.expr(e),
        None => Err(Box::new(Diagnostic::error("E0001", t!("empty braces in a message")).at_span(sources, at(0)))),
    }
}

/// Checks size and nesting depth before the recursive parser runs.
///
/// Nesting counts brackets and braces, and also quantifiers and `if`, whose
/// bodies nest without brackets (`any proposal: any g in groups: ...`,
/// `if a then 1 else if b then 2 else 3`). A
/// quantifier's body runs to the end of its expression: to the bracket that
/// closes the level it was opened on, or a `,` on that level, or the next
/// `when`/`value` property. So each bracket level keeps its own count of
/// open quantifiers, and only those end there: in
/// `any proposal: (true) and any proposal: (true) and ...` every quantifier
/// stays open across the brackets of its body. The count errs on the safe
/// side (a quantifier inside a `where` filter counts until its level ends).
fn prescan(text: &str, limits: &Limits) -> Result<(), (&'static str, Message, Message, usize)> {
    if text.len() > limits.max_source_bytes {
        return Err((
            "E0002",
            t!("the file is larger than the limit of {} bytes", limits.max_source_bytes),
            t!("split the checklist into files joined with `import`, or raise `max_source_bytes`"),
            0,
        ));
    }
    let too_deep = |at: usize| {
        (
            "E0003",
            t!("nesting is deeper than the limit of {}", limits.max_nesting),
            t!("flatten the expression: name parts of it as `score` declarations"),
            at,
        )
    };
    // A word as the grammar sees one: non-ASCII bytes belong to it too, so
    // that `äwhen` is not read as `when`.
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    let bytes = text.as_bytes();
    // Open quantifiers per bracket level (the first entry is the top level).
    let mut open: Vec<usize> = vec![0];
    let mut quants = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let at = i;
        match bytes[i] {
            b'#' => i += bytes[i..].iter().position(|&b| b == b'\n').unwrap_or(bytes.len() - i),
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        // Only the escapes the language has: an unknown one
                        // lost its backslash silently (`"\u0041"` read `u0041`).
                        match bytes.get(i + 1) {
                            Some(b'"' | b'\\' | b'n' | b't') | None => {}
                            Some(_) => {
                                let next = text.get(i + 1..).and_then(|t| t.chars().next()).unwrap_or(' ');
                                let shown = t!("\\{}", next.escape_debug());
                                return Err((
                                    "E0005",
                                    t!("unknown escape `{shown}` in a string", shown = shown),
                                    t!(
                                        "the escapes are \\\" \\\\ \\n and \\t; write any other character itself (strings take any Unicode), and a backslash as \\\\"
                                    ),
                                    i,
                                ));
                            }
                        }
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
            }
            b'(' | b'[' | b'{' => open.push(0),
            b')' | b']' | b'}' if open.len() > 1 => quants -= open.pop().unwrap_or(0),
            b',' => {
                if let Some(level) = open.last_mut() {
                    quants -= std::mem::take(level);
                }
            }
            b if word_byte(b) => {
                let len = bytes[i..].iter().position(|&b| !word_byte(b)).unwrap_or(bytes.len() - i);
                // A word after `.` is a path segment (`fact.count`), never
                // a keyword.
                let segment = i > 0 && bytes[i - 1] == b'.';
                // `min(a, b)` and `max(a, b)` are calls, whose parentheses
                // are counted already; a quantifier is never followed by `(`.
                let call = bytes[i + len..].iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'(');
                match &text[i..i + len] {
                    _ if segment => {}
                    // `if` nests even before `(`: `if (a) then ...`.
                    w @ ("any" | "all" | "count" | "sum" | "min" | "max" | "if") if !call || w == "if" => {
                        quants += 1;
                        if let Some(level) = open.last_mut() {
                            *level += 1;
                        }
                    }
                    "when" | "value" => {
                        if let Some(level) = open.last_mut() {
                            quants -= std::mem::take(level);
                        }
                    }
                    _ => {}
                }
                i += len - 1;
            }
            _ => {}
        }
        if open.len() - 1 + quants > limits.max_nesting {
            return Err(too_deep(at));
        }
        i += 1;
    }
    Ok(())
}

/// Turns pest's error into a diagnostic that names things a user knows.
fn syntax_error(sources: &SourceMap, file: usize, err: pest::error::Error<Rule>) -> Diagnostic {
    use pest::error::{ErrorVariant, InputLocation};
    let at = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let text = sources.get(file).map_or("", |f| f.text.as_str());
    let found = describe_found(text, at);
    let (message, help) = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut wanted: Vec<Message> = positives.iter().filter_map(|r| rule_name(*r)).collect();
            wanted.sort_unstable_by_key(Message::template);
            wanted.dedup_by_key(|m| m.template());
            let message = if wanted.is_empty() {
                t!("unexpected {found}", found = found)
            } else {
                t!("expected {}, found {found}", join_or(&wanted); found = found)
            };
            (message, syntax_hint(&wanted, text, at))
        }
        // pest's own guards: too little stack left, or too many calls.
        ErrorVariant::CustomError { message } if message.contains("limit reached") => {
            return Diagnostic::error("E0003", t!("nesting is too deep to parse"))
                .with_help(t!("flatten the expression: name parts of it as `score` declarations"))
                .at_span(sources, Span { file, start: at, end: at + found_len(text, at) });
        }
        ErrorVariant::CustomError { message } => (t!("{}", message), t!("check the syntax near this point")),
    };
    Diagnostic::error("E0001", message)
        .with_help(help)
        .at_span(sources, Span { file, start: at, end: at + found_len(text, at) })
}

fn describe_found(text: &str, at: usize) -> Message {
    let rest = text.get(at..).unwrap_or("");
    match rest.chars().next() {
        None => t!("the end of the file"),
        Some(c) if c.is_alphanumeric() || c == '_' => {
            let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            t!("`{}`", word)
        }
        // Control characters would not show (or would act on a terminal).
        Some(c) if c.is_control() => t!("the control character U+{}", format!("{:04X}", u32::from(c))),
        Some(c) => t!("`{}`", c),
    }
}

fn found_len(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    let word: usize = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').map(char::len_utf8).sum();
    word.max(rest.chars().next().map_or(0, char::len_utf8))
}

fn join_or(items: &[Message]) -> Message {
    match items {
        [] => t!(""),
        [one] => one.clone(),
        [first, middle @ .., last] => {
            let init = middle.iter().fold(first.clone(), |all, next| t!("{}, {}", all, next));
            t!("{} or {}", init, last)
        }
    }
}

/// Names for grammar rules in messages; `None` hides internal rules.
fn rule_name(rule: Rule) -> Option<Message> {
    Some(match rule {
        Rule::decl | Rule::decl_kw => t!("a declaration (`group`, `question`, `rule`, ...)"),
        Rule::import => t!("`import`"),
        Rule::EOI => t!("the end of the file"),
        Rule::prop | Rule::expr_prop | Rule::item_prop | Rule::text_prop | Rule::known_prop | Rule::unknown_prop => {
            t!("a property or `}`")
        }
        Rule::prop_key | Rule::expr_key | Rule::item_key => t!("a property name"),
        Rule::ident => t!("a name"),
        Rule::word => t!("a word"),
        Rule::name => t!("a name"),
        Rule::decl_kind => t!("`:` and a kind"),
        Rule::text => t!("a text (`fi \"...\" sv \"...\" en \"...\"`)"),
        Rule::lang => t!("a language tag such as `fi`"),
        Rule::string => t!("a string in double quotes"),
        Rule::number => t!("a number"),
        Rule::range => t!("a range such as `0..17`"),
        Rule::args => t!("a value"),
        Rule::expr | Rule::path | Rule::call | Rule::list | Rule::quant | Rule::boolean | Rule::cond => {
            t!("an expression")
        }
        Rule::then_kw => t!("`then`"),
        Rule::else_kw => t!("`else`"),
        Rule::not | Rule::neg => t!("an expression"),
        Rule::or
        | Rule::and
        | Rule::eq
        | Rule::ne
        | Rule::le
        | Rule::ge
        | Rule::lt
        | Rule::gt
        | Rule::in_op
        | Rule::not_in
        | Rule::otherwise
        | Rule::add
        | Rule::sub
        | Rule::mul
        | Rule::div => t!("an operator"),
        Rule::quant_op => t!("`any`, `all`, `count`, `sum`, `min` or `max`"),
        Rule::quant_alt | Rule::quant_bind => t!("`proposal`, `alternative` or `name in collection`"),
        Rule::collection => t!("a collection (`groups`, `domains`, `perspectives`, `cells` or a list)"),
        _ => return None,
    })
}

fn syntax_hint(wanted: &[Message], text: &str, at: usize) -> Message {
    let rest = text.get(at..).unwrap_or("");
    if rest.starts_with('"') && wanted.iter().any(|w| w.template().contains("property")) {
        return t!("a text needs a language tag before each string: `label fi \"...\" sv \"...\" en \"...\"`");
    }
    if rest.is_empty() {
        return t!("a block may be missing its closing `}` or a string its closing `\"`");
    }
    if wanted.iter().any(|w| w.template() == "`else`") {
        return t!("`if` gives a value either way: write both branches, `if condition then a else b`");
    }
    if wanted.iter().any(|w| w.template() == "`then`") {
        return t!("write `then` after the condition: `if condition then a else b`");
    }
    if rest.starts_with('=') && !rest.starts_with("==") {
        return t!("did you mean `==`? An equality test is written `==` (`=` alone is not an operator)");
    }
    let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    if !word.is_empty() && wanted.iter().any(|w| w.template() == "an expression") && is_property_keyword(&word) {
        return t!(
            "the expression before `{word}` is unfinished: its last operator needs something after it \
             (`{word}` starts the next property)",
            word = word
        );
    }
    if !word.is_empty() && is_keyword(&word) {
        return t!("`{word}` is a reserved word and cannot be used as an id; choose another name", word = word);
    }
    t!("see docs/language.md for the syntax of each declaration")
}

/// Whether `word` starts a property (`message`, `when`, `level`, ...).
fn is_property_keyword(word: &str) -> bool {
    [Rule::prop_key, Rule::expr_key, Rule::item_key]
        .into_iter()
        .any(|rule| Grammar::parse(rule, word).is_ok_and(|mut p| p.next().is_some_and(|p| p.as_str() == word)))
}

fn is_keyword(word: &str) -> bool {
    Grammar::parse(Rule::keyword, word).is_ok_and(|mut p| p.next().is_some_and(|p| p.as_str() == word))
}

struct Builder<'a> {
    file: usize,
    sources: &'a SourceMap,
    limits: &'a Limits,
    /// Quantifiers, lists and calls being built around the current
    /// expression: each is a level of the tree, counted on the way down so
    /// that the limit stops the recursion before it runs deep.
    nodes: std::cell::Cell<usize>,
    /// The head of the quantifier whose body is built next (see
    /// [`Builder::chained_comparison`]).
    quant_head: std::cell::RefCell<Option<String>>,
    /// Where the parsed text starts in its file (a message's value).
    offset: usize,
}

/// Boxed: a diagnostic is large and errors are rare.
type Built<T> = Result<T, Box<Diagnostic>>;

impl Builder<'_> {
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        Span { file: self.file, start: self.offset + s.start(), end: self.offset + s.end() }
    }

    fn ident(&self, pair: Pair<Rule>) -> Ident {
        Ident { name: pair.as_str().to_string(), span: self.span(&pair) }
    }

    fn file(&self, pair: Pair<Rule>) -> Built<File> {
        let mut file = File::default();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::import => {
                    let span = self.span(&p);
                    let target = p.into_inner().next().map(|s| unescape(string_body(&s))).unwrap_or_default();
                    file.imports.push(Import { target, span });
                }
                Rule::decl => file.decls.push(self.decl(p)?),
                _ => {}
            }
        }
        Ok(file)
    }

    fn decl(&self, pair: Pair<Rule>) -> Built<Decl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let kind = inner.next().and_then(|k| DeclKind::from_keyword(k.as_str().trim())).unwrap_or(DeclKind::Checklist);
        let mut decl =
            Decl { kind, id: Ident { name: String::new(), span }, sort: Vec::new(), props: Vec::new(), span };
        for p in inner {
            match p.as_rule() {
                Rule::ident => decl.id = self.ident(p),
                Rule::decl_kind => decl.sort = p.into_inner().map(|w| self.ident(w)).collect(),
                Rule::prop => decl.props.push(self.prop(p)?),
                _ => {}
            }
        }
        Ok(decl)
    }

    fn prop(&self, pair: Pair<Rule>) -> Built<Prop> {
        let span = self.span(&pair);
        let Some(body) = pair.into_inner().next() else {
            return Err(Box::new(Diagnostic::error("E0001", t!("empty property")).at_span(self.sources, span)));
        };
        let rule = body.as_rule();
        let mut inner = body.into_inner();
        let key = inner
            .next()
            .map(|k| Ident { name: k.as_str().trim().to_string(), span: self.span(&k) })
            .unwrap_or(Ident { name: String::new(), span });
        let value = match rule {
            Rule::expr_prop => match inner.next() {
                Some(e) => PropValue::Expr(self.expr(e)?),
                None => PropValue::Flag,
            },
            Rule::item_prop => {
                let mut item = Item { id: Ident { name: String::new(), span }, number: None, props: Vec::new() };
                for p in inner {
                    match p.as_rule() {
                        Rule::ident => item.id = self.ident(p),
                        Rule::string => item.id = Ident { name: unescape(string_body(&p)), span: self.span(&p) },
                        Rule::number => item.number = Some((number(p.as_str()), self.span(&p))),
                        Rule::prop => item.props.push(self.prop(p)?),
                        _ => {}
                    }
                }
                PropValue::Item(item)
            }
            _ => match inner.next() {
                None => PropValue::Flag,
                Some(v) if v.as_rule() == Rule::text => PropValue::Text(self.text(v)),
                Some(v) => PropValue::Args(v.into_inner().map(|a| self.arg(a)).collect()),
            },
        };
        Ok(Prop { key, value, span })
    }

    fn text(&self, pair: Pair<Rule>) -> Vec<Translation> {
        let mut out = Vec::new();
        let mut inner = pair.into_inner();
        while let (Some(lang), Some(s)) = (inner.next(), inner.next()) {
            out.push(Translation { lang: self.ident(lang), text: unescape(string_body(&s)), span: self.span(&s) });
        }
        out
    }

    fn arg(&self, pair: Pair<Rule>) -> Arg {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::number => Arg::Number(number(pair.as_str()), span),
            Rule::string => Arg::Str(unescape(string_body(&pair)), span),
            Rule::range => {
                let mut ends = pair.into_inner().map(|n| number(n.as_str()));
                Arg::Range(ends.next().unwrap_or(0.0), ends.next().unwrap_or(0.0), span)
            }
            _ => Arg::Name(self.ident(pair)),
        }
    }

    /// Builds an expression from the flat run of operands and operators the
    /// grammar gives (`prefix* primary (infix prefix* primary)*`) with an
    /// explicit operator stack, so no run of operators recurses: a long run
    /// of `not` costs heap, not stack, and the only limit on it is the depth
    /// of the tree it builds. That matters beyond the stack: every limit
    /// here is a property of the tree, never of its spelling, so a checklist
    /// the formatter rewrites with fewer parentheses stays within them.
    fn expr(&self, pair: Pair<Rule>) -> Built<Expr> {
        // Whether this is a quantifier's body; expressions inside it are not.
        let quant_head = self.quant_head.take();
        let span = self.span(&pair);
        let mut tree = Tree { operands: Vec::new(), ops: Vec::new(), limit: self.limits.max_expr_depth, span };
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::not => tree.ops.push(Pending::Unary(UnaryOp::Not, p.as_span().start())),
                Rule::neg => tree.ops.push(Pending::Unary(UnaryOp::Neg, p.as_span().start())),
                rule => match infix_op(rule) {
                    Some(op) => {
                        if op.level() == COMPARISON && tree.ends_in_comparison() {
                            return Err(Box::new(self.chained_comparison(&p, quant_head.as_deref())));
                        }
                        tree.reduce_while(|pending| pending.level() >= op.level()).map_err(|at| self.too_deep(at))?;
                        tree.ops.push(Pending::Binary(op));
                    }
                    None => {
                        let e = self.primary(p)?;
                        let d = depth(&e, tree.limit + 1);
                        tree.operands.push((e, d));
                    }
                },
            }
        }
        tree.reduce_while(|_| true).map_err(|at| self.too_deep(at))?;
        match (tree.operands.pop(), tree.operands.is_empty()) {
            (Some((e, d)), true) if d <= tree.limit => Ok(e),
            (Some((e, _)), true) => Err(Box::new(self.too_deep(e.span))),
            _ => Err(Box::new(Diagnostic::error("E0001", t!("unexpected expression")).at_span(self.sources, span))),
        }
    }

    /// `a < b <= c` would compare a true/false with a number; say so where
    /// the second comparison starts, before the type checker gets a
    /// confusing tree.
    /// In a quantifier's body (`quant_head` is its head as written) the
    /// usual cause is a body that runs on: `count proposals: a == yes >= 1`
    /// meant to compare the count, so the hint says to bracket the
    /// quantifier.
    fn chained_comparison(&self, op: &Pair<Rule>, quant_head: Option<&str>) -> Diagnostic {
        let op_text = op.as_str().trim();
        let help = match quant_head {
            Some(head) => t!(
                "the body of `{head}: ...` runs on to the end of the expression; to compare the quantifier's result, put the quantifier in parentheses: `({head}: ...) {op} ...`",
                head = head,
                op = op_text
            ),
            None => t!("compare twice and join with `and`: `0 < x and x <= 3`; or put one in parentheses"),
        };
        Diagnostic::error("E0001", t!("comparisons cannot be chained: `{}` follows another comparison", op_text))
            .with_help(help)
            .at_span(self.sources, self.span(op))
    }

    fn too_deep(&self, span: Span) -> Diagnostic {
        let limit = self.limits.max_expr_depth;
        Diagnostic::error("E0003", t!("this expression nests deeper than the limit of {limit}", limit = limit))
            .with_help(t!("split it into smaller parts, e.g. named `score` declarations"))
            .at_span(self.sources, span)
    }

    /// Builds a quantifier, list or call: one level of the tree, refused
    /// before its parts are built when it lies deeper than the limit.
    fn node(&self, span: Span, build: impl FnOnce() -> Built<ExprKind>) -> Built<ExprKind> {
        let level = self.nodes.get() + 1;
        if level > self.limits.max_expr_depth {
            return Err(Box::new(self.too_deep(span)));
        }
        self.nodes.set(level);
        let kind = build();
        self.nodes.set(level - 1);
        kind
    }

    fn primary(&self, pair: Pair<Rule>) -> Built<Expr> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::expr => return self.expr(pair),
            Rule::number => ExprKind::Number(number(pair.as_str())),
            Rule::string => ExprKind::Str(unescape(string_body(&pair))),
            Rule::boolean => ExprKind::Bool(pair.as_str() == "true"),
            Rule::path => ExprKind::Path(pair.into_inner().map(|w| self.ident(w)).collect()),
            Rule::list => {
                self.node(span, || Ok(ExprKind::List(pair.into_inner().map(|e| self.expr(e)).collect::<Built<_>>()?)))?
            }
            Rule::call => self.node(span, || {
                let mut inner = pair.into_inner();
                let name = inner.next().map(|n| self.ident(n)).unwrap_or(Ident { name: String::new(), span });
                Ok(ExprKind::Call(name, inner.map(|e| self.expr(e)).collect::<Built<_>>()?))
            })?,
            Rule::quant => self.node(span, || Ok(ExprKind::Quant(Box::new(self.quant(pair)?))))?,
            Rule::cond => self.node(span, || {
                let mut parts = pair.into_inner().filter(|p| p.as_rule() == Rule::expr).map(|e| self.expr(e));
                let mut next = || parts.next().unwrap_or(Ok(Expr { kind: ExprKind::Bool(false), span }));
                Ok(ExprKind::If(Box::new([next()?, next()?, next()?])))
            })?,
            _ => {
                return Err(Box::new(
                    Diagnostic::error("E0001", t!("unexpected expression")).at_span(self.sources, span),
                ));
            }
        };
        Ok(Expr { kind, span })
    }

    fn quant(&self, pair: Pair<Rule>) -> Built<Quant> {
        let (text, start) = (pair.as_str(), pair.as_span().start());
        let mut op = QuantOp::Any;
        let mut source = QuantSource::Alternatives { proposals_only: false };
        let mut body = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::quant_op => op = quant_op(p.as_str().trim()),
                Rule::quant_alt => {
                    source = QuantSource::Alternatives { proposals_only: p.as_str().starts_with("proposal") }
                }
                Rule::quant_bind => source = self.quant_bind(p)?,
                Rule::expr => {
                    // The head as written (`count proposals`), for the hint
                    // when the body runs on past a comparison.
                    let head = text.get(..p.as_span().start() - start).unwrap_or("");
                    let head = head.trim_end().trim_end_matches(':').trim_end();
                    self.quant_head.replace(Some(if head.chars().count() <= 40 {
                        head.to_string()
                    } else {
                        "...".into()
                    }));
                    body = Some(self.expr(p)?);
                }
                _ => {}
            }
        }
        Ok(Quant { op, source, body })
    }

    fn quant_bind(&self, pair: Pair<Rule>) -> Built<QuantSource> {
        let span = self.span(&pair);
        let mut var = Ident { name: String::new(), span };
        let mut collection = Collection::List(Vec::new(), span);
        let mut filter = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::ident => var = self.ident(p),
                Rule::collection => {
                    let span = self.span(&p);
                    if let Some(c) = p.into_inner().next() {
                        collection = match c.as_rule() {
                            Rule::list => {
                                Collection::List(c.into_inner().map(|e| self.expr(e)).collect::<Built<_>>()?, span)
                            }
                            _ => Collection::Named(self.ident(c)),
                        };
                    }
                }
                Rule::expr => filter = Some(self.expr(p)?),
                _ => {}
            }
        }
        Ok(QuantSource::Bind { var, collection, filter })
    }
}

/// Depth of an expression tree, counting no further than `cap` (the cap keeps
/// this walk's own recursion bounded).
/// An operator read but not yet applied.
enum Pending {
    /// `not` or `-`, with the offset where it starts.
    Unary(UnaryOp, usize),
    Binary(BinaryOp),
}

impl Pending {
    fn level(&self) -> u8 {
        match self {
            Pending::Unary(op, _) => op.level(),
            Pending::Binary(op) => op.level(),
        }
    }
}

/// The two stacks of operator-precedence parsing; each operand carries the
/// depth of its tree, so a tree deeper than `limit` is refused as it grows.
struct Tree {
    operands: Vec<(Expr, usize)>,
    ops: Vec<Pending>,
    limit: usize,
    /// The whole expression, for an error without a better place.
    span: Span,
}

/// The level of the comparison operators and `in` (see [`BinaryOp::level`]).
const COMPARISON: u8 = BinaryOp::Eq.level();

impl Tree {
    /// Whether the operand just read ends a comparison not yet closed: the
    /// operators pending since it started bind tighter (`a < b + c`), and
    /// below them is a comparison, with no `and`/`or`/`not` in between.
    fn ends_in_comparison(&self) -> bool {
        self.ops.iter().rev().find(|p| p.level() <= COMPARISON).is_some_and(|p| p.level() == COMPARISON)
    }

    /// Applies pending operators from the top of the stack while `apply`
    /// says so. Every binary operator groups to the left, so an operator of
    /// the same level as the incoming one is applied first. On a tree too
    /// deep, the span of the part that grew too deep.
    fn reduce_while(&mut self, apply: impl Fn(&Pending) -> bool) -> Result<(), Span> {
        while let Some(pending) = self.ops.pop_if(|p| apply(p)) {
            let (right, dr) = self.operands.pop().ok_or(self.span)?;
            let (e, d) = match pending {
                Pending::Unary(op, start) => {
                    let span = Span { start, ..right.span };
                    (Expr { kind: ExprKind::Unary(op, Box::new(right)), span }, dr + 1)
                }
                Pending::Binary(op) => {
                    let (left, dl) = self.operands.pop().ok_or(self.span)?;
                    let span = Span { end: right.span.end, ..left.span };
                    (Expr { kind: ExprKind::Binary(op, Box::new(left), Box::new(right)), span }, dl.max(dr) + 1)
                }
            };
            if d > self.limit {
                return Err(e.span);
            }
            self.operands.push((e, d));
        }
        Ok(())
    }
}

fn infix_op(rule: Rule) -> Option<BinaryOp> {
    Some(match rule {
        Rule::or => BinaryOp::Or,
        Rule::and => BinaryOp::And,
        Rule::eq => BinaryOp::Eq,
        Rule::ne => BinaryOp::Ne,
        Rule::lt => BinaryOp::Lt,
        Rule::le => BinaryOp::Le,
        Rule::gt => BinaryOp::Gt,
        Rule::ge => BinaryOp::Ge,
        Rule::in_op => BinaryOp::In,
        Rule::not_in => BinaryOp::NotIn,
        Rule::otherwise => BinaryOp::Otherwise,
        Rule::add => BinaryOp::Add,
        Rule::sub => BinaryOp::Sub,
        Rule::mul => BinaryOp::Mul,
        Rule::div => BinaryOp::Div,
        _ => return None,
    })
}

fn depth(expr: &Expr, cap: usize) -> usize {
    if cap == 0 {
        return 0;
    }
    let below = |e: &Expr| depth(e, cap - 1);
    1 + match &expr.kind {
        ExprKind::Unary(_, e) => below(e),
        ExprKind::Binary(_, l, r) => below(l).max(below(r)),
        ExprKind::List(items) | ExprKind::Call(_, items) => items.iter().map(below).max().unwrap_or(0),
        ExprKind::If(parts) => parts.iter().map(below).max().unwrap_or(0),
        ExprKind::Quant(q) => {
            let filter = match &q.source {
                QuantSource::Bind { filter: Some(f), .. } => below(f),
                _ => 0,
            };
            filter.max(q.body.as_ref().map_or(0, below))
        }
        _ => 0,
    }
}

fn quant_op(word: &str) -> QuantOp {
    match word {
        "all" => QuantOp::All,
        "count" => QuantOp::Count,
        "sum" => QuantOp::Sum,
        "min" => QuantOp::Min,
        "max" => QuantOp::Max,
        _ => QuantOp::Any,
    }
}

/// Whether `name` can be written as it is where an id is expected: a name
/// of letters, digits and `_` that is not a reserved word. Other option ids
/// are written in quotes.
///
/// ```
/// use ennakko::syntax::parser::is_plain_id;
/// assert!(is_plain_id("item_1"));
/// assert!(!is_plain_id("item1-3") && !is_plain_id("001") && !is_plain_id("level"));
/// ```
pub fn is_plain_id(name: &str) -> bool {
    Grammar::parse(Rule::ident, name).is_ok_and(|pairs| pairs.as_str().len() == name.len())
}

fn number(text: &str) -> f64 {
    text.replace('_', "").parse().unwrap_or(f64::NAN)
}

fn string_body<'a>(pair: &Pair<'a, Rule>) -> &'a str {
    let s = pair.as_str();
    s.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(s)
}

/// Resolves escapes and folds each line break, with the indentation around
/// it, into one space, so long texts can be wrapped in the source.
///
/// ```
/// assert_eq!(ennakko::syntax::unescape("a\n     b \\\"c\\\""), "a b \"c\"");
/// ```
pub fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            },
            '\r' | '\n' => {
                while out.ends_with([' ', '\t']) {
                    out.pop();
                }
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                out.push(' ');
            }
            c => out.push(c),
        }
    }
    out
}
