//! The syntax tree of a checklist file, as written, with a span on every node.
//!
//! The tree is deliberately loose: every declaration is a keyword, an id, an
//! optional kind and a list of properties. Which properties make sense where
//! is decided by the checker (`check.rs`), which turns this tree into the
//! checked model.

use crate::syntax::source::Span;

/// A name as written in the source, with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it is written.
    pub span: Span,
}

/// One parsed `.eva` file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct File {
    /// `import "..."` lines, in order.
    pub imports: Vec<Import>,
    /// Declarations, in order.
    pub decls: Vec<Decl>,
}

/// `import "eva"` or `import "./local.eva"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The name or relative path, as written.
    pub target: String,
    /// Where the import is written.
    pub span: Span,
}

/// The declaration keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeclKind {
    /// `checklist`: metadata of the checklist.
    Checklist,
    /// `perspective`: one of the EVA perspectives grouping domains.
    Perspective,
    /// `domain`: an impact domain.
    Domain,
    /// `group`: a population group.
    Group,
    /// `scale`: an assessment scale.
    Scale,
    /// `fact`: a typed fact of the decision.
    Fact,
    /// `question`: a checklist item.
    Question,
    /// `rule`: a check that produces findings or the verdict.
    Rule,
    /// `score`: a named derived number.
    Score,
}

impl DeclKind {
    /// The keyword as written in the source.
    ///
    /// ```
    /// assert_eq!(ennakko::syntax::ast::DeclKind::Group.keyword(), "group");
    /// ```
    pub fn keyword(self) -> &'static str {
        match self {
            DeclKind::Checklist => "checklist",
            DeclKind::Perspective => "perspective",
            DeclKind::Domain => "domain",
            DeclKind::Group => "group",
            DeclKind::Scale => "scale",
            DeclKind::Fact => "fact",
            DeclKind::Question => "question",
            DeclKind::Rule => "rule",
            DeclKind::Score => "score",
        }
    }

    pub(crate) fn from_keyword(word: &str) -> Option<DeclKind> {
        Some(match word {
            "checklist" => DeclKind::Checklist,
            "perspective" => DeclKind::Perspective,
            "domain" => DeclKind::Domain,
            "group" => DeclKind::Group,
            "scale" => DeclKind::Scale,
            "fact" => DeclKind::Fact,
            "question" => DeclKind::Question,
            "rule" => DeclKind::Rule,
            "score" => DeclKind::Score,
            _ => return None,
        })
    }
}

/// `keyword id (: kind words)? { properties }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Decl {
    /// Which declaration this is.
    pub kind: DeclKind,
    /// Its id.
    pub id: Ident,
    /// The words after the colon, e.g. `screening` or `verdict full`.
    pub sort: Vec<Ident>,
    /// Its properties, in order.
    pub props: Vec<Prop>,
    /// The whole declaration.
    pub span: Span,
}

/// One property line: `key value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Prop {
    /// The property name (`label`, `when`, `level`, ...).
    pub key: Ident,
    /// Its value.
    pub value: PropValue,
    /// The whole property.
    pub span: Span,
}

/// The value of a property.
#[derive(Debug, Clone, PartialEq)]
pub enum PropValue {
    /// A flag such as `vulnerable` or `required`.
    Flag,
    /// Multilingual text: `fi "..." sv "..." en "..."`.
    Text(Vec<Translation>),
    /// Comma-separated arguments: `children, families` or `0..17`.
    Args(Vec<Arg>),
    /// An expression (`when`, `value`).
    Expr(Expr),
    /// A nested item: `level moderate 2 { ... }` or `option small { ... }`.
    Item(Item),
}

/// A nested `level` or `option` item.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The item's id.
    pub id: Ident,
    /// Its optional number (the weight of a scale level, the weight of
    /// an option, or the threshold of a score's level).
    pub number: Option<(f64, Span)>,
    /// Where `from` is written before the number (`level high from 0.6`):
    /// the number is the value a score's level starts from.
    pub from: Option<Span>,
    /// Its properties.
    pub props: Vec<Prop>,
}

/// One language's string in a multilingual text.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    /// The language tag (`fi`, `sv`, `en`, ...).
    pub lang: Ident,
    /// The text, escapes resolved and line breaks folded.
    pub text: String,
    /// Where the string is written.
    pub span: Span,
}

/// A property argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A number.
    Number(f64, Span),
    /// A string without a language tag.
    Str(String, Span),
    /// `low..high`.
    Range(f64, f64, Span),
    /// A bare name.
    Name(Ident),
}

impl Arg {
    /// Where the argument is written.
    pub fn span(&self) -> Span {
        match self {
            Arg::Number(_, s) | Arg::Str(_, s) | Arg::Range(_, _, s) => *s,
            Arg::Name(id) => id.span,
        }
    }
}

/// An expression with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// Where it is written.
    pub span: Span,
}

/// The expression forms.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `12`, `100_000`, `0.5`.
    Number(f64),
    /// `"school_network"`.
    Str(String),
    /// `true`, `false`.
    Bool(bool),
    /// `fact.cost_eur`, `children`, `g.vulnerable`.
    Path(Vec<Ident>),
    /// `[1, 2, 3]`.
    List(Vec<Expr>),
    /// `impact(children)`.
    Call(Ident, Vec<Expr>),
    /// `not x`, `-x`.
    Unary(UnaryOp, Box<Expr>),
    /// `a + b`, `a and b`, `x in [..]`.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `any proposal: ...`, `sum g in groups where ...: ...`.
    Quant(Box<Quant>),
    /// `if condition then a else b`.
    If(Box<[Expr; 3]>),
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `not`
    Not,
    /// `-`
    Neg,
}

impl UnaryOp {
    /// How tightly the operator binds (see [`BinaryOp::level`]): `not`
    /// takes a whole comparison (`not a == b` is `not (a == b)`), unary `-`
    /// binds tighter than every infix operator.
    ///
    /// ```
    /// use ennakko::syntax::ast::{BinaryOp, UnaryOp};
    /// assert!(UnaryOp::Not.level() < BinaryOp::Eq.level());
    /// assert!(UnaryOp::Neg.level() > BinaryOp::Mul.level());
    /// ```
    pub const fn level(self) -> u8 {
        match self {
            UnaryOp::Not => 3,
            UnaryOp::Neg => 8,
        }
    }
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `or`
    Or,
    /// `and`
    And,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `in`
    In,
    /// `not in`
    NotIn,
    /// `??`: the left side, or the right side where the left is missing.
    Otherwise,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl BinaryOp {
    /// How tightly the operator binds, loosest first: `or` 1, `and` 2,
    /// (`not` 3), comparisons and `in` 4, `??` 5, `+ -` 6, `* /` 7, (unary
    /// `-` 8). So `impact(g) ?? 0 < 0` compares the defaulted value, and
    /// `a + b ?? 0` defaults the sum.
    /// Every binary operator groups to the left. The parser and the
    /// formatter both read precedence from here.
    ///
    /// ```
    /// use ennakko::syntax::ast::BinaryOp;
    /// assert!(BinaryOp::And.level() > BinaryOp::Or.level());
    /// assert_eq!(BinaryOp::In.level(), BinaryOp::Lt.level());
    /// ```
    pub const fn level(self) -> u8 {
        match self {
            BinaryOp::Or => 1,
            BinaryOp::And => 2,
            BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge
            | BinaryOp::In
            | BinaryOp::NotIn => 4,
            BinaryOp::Otherwise => 5,
            BinaryOp::Add | BinaryOp::Sub => 6,
            BinaryOp::Mul | BinaryOp::Div => 7,
        }
    }
}

impl BinaryOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::In => "in",
            BinaryOp::NotIn => "not in",
            BinaryOp::Otherwise => "??",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
        }
    }
}

/// Quantifier and aggregate operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantOp {
    /// True if the body holds for at least one item.
    Any,
    /// True if the body holds for every item.
    All,
    /// How many items the body holds for (all items without a body).
    Count,
    /// Sum of the body over the items.
    Sum,
    /// Smallest value of the body.
    Min,
    /// Largest value of the body.
    Max,
}

/// What a quantifier ranges over.
#[derive(Debug, Clone, PartialEq)]
pub enum QuantSource {
    /// `alternative(s)` or `proposal(s)`: the body is evaluated in each
    /// alternative's context.
    Alternatives {
        /// Only the non-zero alternatives.
        proposals_only: bool,
    },
    /// `g in groups where cond`: binds a variable.
    Bind {
        /// The variable.
        var: Ident,
        /// The collection.
        collection: Collection,
        /// Optional filter.
        filter: Option<Expr>,
    },
}

/// The collection of a bound quantifier.
#[derive(Debug, Clone, PartialEq)]
pub enum Collection {
    /// `groups`, `domains`, `perspectives`, `cells`.
    Named(Ident),
    /// `[children, older_people]`.
    List(Vec<Expr>, Span),
}

/// `op source (: body)?`.
#[derive(Debug, Clone, PartialEq)]
pub struct Quant {
    /// The operator.
    pub op: QuantOp,
    /// What it ranges over.
    pub source: QuantSource,
    /// The body; `count` may omit it.
    pub body: Option<Expr>,
}

// ---- comparing trees without positions ----------------------------------------

const NO_SPAN: Span = Span { file: 0, start: 0, end: 0 };

impl File {
    /// The same tree with every position zeroed, so that parses of two
    /// texts can be compared (the formatter checks its output this way).
    ///
    /// ```
    /// use ennakko::{Limits, syntax::{self, source::SourceMap}};
    /// let parse = |text: &str| {
    ///     let mut sources = SourceMap::default();
    ///     let file = sources.add("x.eva", text);
    ///     syntax::parse(&sources, file, &Limits::default()).unwrap()
    /// };
    /// let (a, b) = (parse("group kids { vulnerable }"), parse("group   kids {\n  vulnerable\n}"));
    /// assert_ne!(a, b);
    /// assert!(a.same_tree(&b));
    /// ```
    pub fn without_spans(&self) -> File {
        File {
            imports: self.imports.iter().map(|i| Import { target: i.target.clone(), span: NO_SPAN }).collect(),
            decls: self.decls.iter().map(decl).collect(),
        }
    }

    /// Whether two trees are the same apart from positions. Compared
    /// through `Debug`, so that a NaN would equal itself.
    pub fn same_tree(&self, other: &File) -> bool {
        format!("{:?}", self.without_spans()) == format!("{:?}", other.without_spans())
    }
}

fn ident(i: &Ident) -> Ident {
    Ident { name: i.name.clone(), span: NO_SPAN }
}

fn decl(d: &Decl) -> Decl {
    Decl {
        kind: d.kind,
        id: ident(&d.id),
        sort: d.sort.iter().map(ident).collect(),
        props: d.props.iter().map(prop).collect(),
        span: NO_SPAN,
    }
}

fn prop(p: &Prop) -> Prop {
    let value = match &p.value {
        PropValue::Flag => PropValue::Flag,
        PropValue::Text(ts) => PropValue::Text(
            ts.iter().map(|t| Translation { lang: ident(&t.lang), text: t.text.clone(), span: NO_SPAN }).collect(),
        ),
        PropValue::Args(args) => PropValue::Args(
            args.iter()
                .map(|a| match a {
                    Arg::Number(n, _) => Arg::Number(*n, NO_SPAN),
                    Arg::Str(s, _) => Arg::Str(s.clone(), NO_SPAN),
                    Arg::Range(a, b, _) => Arg::Range(*a, *b, NO_SPAN),
                    Arg::Name(i) => Arg::Name(ident(i)),
                })
                .collect(),
        ),
        PropValue::Expr(e) => PropValue::Expr(expr(e)),
        PropValue::Item(item) => PropValue::Item(Item {
            id: ident(&item.id),
            number: item.number.map(|(n, _)| (n, NO_SPAN)),
            from: item.from.map(|_| NO_SPAN),
            props: item.props.iter().map(prop).collect(),
        }),
    };
    Prop { key: ident(&p.key), value, span: NO_SPAN }
}

fn expr(e: &Expr) -> Expr {
    let kind = match &e.kind {
        ExprKind::Number(n) => ExprKind::Number(*n),
        ExprKind::Str(s) => ExprKind::Str(s.clone()),
        ExprKind::Bool(b) => ExprKind::Bool(*b),
        ExprKind::Path(p) => ExprKind::Path(p.iter().map(ident).collect()),
        ExprKind::List(items) => ExprKind::List(items.iter().map(expr).collect()),
        ExprKind::Call(name, args) => ExprKind::Call(ident(name), args.iter().map(expr).collect()),
        ExprKind::Unary(op, inner) => ExprKind::Unary(*op, Box::new(expr(inner))),
        ExprKind::Binary(op, l, r) => ExprKind::Binary(*op, Box::new(expr(l)), Box::new(expr(r))),
        ExprKind::Quant(q) => ExprKind::Quant(Box::new(Quant {
            op: q.op,
            source: match &q.source {
                QuantSource::Alternatives { proposals_only } => {
                    QuantSource::Alternatives { proposals_only: *proposals_only }
                }
                QuantSource::Bind { var, collection, filter } => QuantSource::Bind {
                    var: ident(var),
                    collection: match collection {
                        Collection::Named(n) => Collection::Named(ident(n)),
                        Collection::List(items, _) => Collection::List(items.iter().map(expr).collect(), NO_SPAN),
                    },
                    filter: filter.as_ref().map(expr),
                },
            },
            body: q.body.as_ref().map(expr),
        })),
        ExprKind::If(parts) => ExprKind::If(Box::new(parts.each_ref().map(expr))),
    };
    Expr { kind, span: NO_SPAN }
}
