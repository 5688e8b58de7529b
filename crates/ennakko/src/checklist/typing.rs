//! Name resolution and type checking of expressions: turns an
//! [`ast::Expr`] into a compiled [`Expr`] whose names are indices, and
//! reports unknown names, type errors and scope errors.

use crate::message::{IntoArg, Message};
use crate::t;
use std::collections::HashMap;
use std::sync::Arc;

use crate::checklist::model::*;
use crate::diagnostic::{Collector, Diagnostic, did_you_mean};
use crate::eval::apply_binary;
use crate::syntax::ast::{self, BinaryOp, DeclKind, ExprKind, Ident, QuantOp, QuantSource, UnaryOp};
use crate::syntax::source::{SourceMap, Span};

/// Every declared id, in one namespace.
#[derive(Default)]
pub(crate) struct Names {
    map: HashMap<String, (DeclKind, usize, Span)>,
    order: Vec<(DeclKind, String)>,
    pub scale_decls: HashMap<ScaleId, Span>,
}

impl Names {
    /// Adds an id; on a clash returns where the first one is.
    pub fn insert(&mut self, name: &str, kind: DeclKind, index: usize, span: Span) -> Result<(), Span> {
        if let Some((_, _, first)) = self.map.get(name) {
            return Err(*first);
        }
        self.map.insert(name.to_string(), (kind, index, span));
        self.order.push((kind, name.to_string()));
        Ok(())
    }

    /// The kind and index of an id.
    pub fn lookup(&self, name: &str) -> Option<(DeclKind, usize)> {
        self.map.get(name).map(|(k, i, _)| (*k, *i))
    }

    /// Ids of one kind, in declaration order.
    pub fn of_kind(&self, kind: DeclKind) -> impl Iterator<Item = &str> {
        self.order.iter().filter(move |(k, _)| *k == kind).map(|(_, n)| n.as_str())
    }

    /// Whether this declaration is the one registered under its id (not a
    /// duplicate or a reserved name).
    pub fn owns(&self, decl: &ast::Decl) -> bool {
        if decl.kind == DeclKind::Scale {
            return ScaleId::from_name(&decl.id.name).is_some_and(|s| self.scale_decls.get(&s) == Some(&decl.id.span));
        }
        self.map.get(&decl.id.name).is_some_and(|(k, _, span)| *k == decl.kind && *span == decl.id.span)
    }

    fn all(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(|(_, n)| n.as_str())
    }
}

/// The types of the language.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ty {
    Bool,
    Num,
    Str,
    /// A string that must be one of these options.
    Choice(Arc<[String]>),
    Screening,
    Group,
    Domain,
    Perspective,
    Level(ScaleId),
    Cell,
    List(Box<Ty>),
    /// The element type of an empty list: fits anything.
    Empty,
    /// An expression that already has an error: fits anything, so one
    /// mistake is reported once.
    Error,
}

impl Ty {
    /// The type in words, for messages.
    pub fn describe(&self) -> Message {
        match self {
            Ty::Bool => t!("true/false"),
            Ty::Num => t!("a number"),
            Ty::Str | Ty::Choice(_) => t!("a string"),
            Ty::Screening => t!("a screening answer (yes/no/unknown)"),
            Ty::Group => t!("a group"),
            Ty::Domain => t!("a domain"),
            Ty::Perspective => t!("a perspective"),
            Ty::Level(s) => t!("a level of the {} scale", s.name()),
            Ty::Cell => t!("an impact cell"),
            Ty::List(t) => t!("a list of {}", t.item()),
            Ty::Empty => t!("an empty list"),
            Ty::Error => t!("an invalid expression"),
        }
    }

    /// What a list of this type holds, as in "a list of number".
    fn item(&self) -> Message {
        match self {
            Ty::Bool => t!("true/false"),
            Ty::Num => t!("number"),
            Ty::Str | Ty::Choice(_) => t!("string"),
            Ty::Screening => t!("screening answer (yes/no/unknown)"),
            Ty::Group => t!("group"),
            Ty::Domain => t!("domain"),
            Ty::Perspective => t!("perspective"),
            Ty::Level(s) => t!("level of the {} scale", s.name()),
            Ty::Cell => t!("impact cell"),
            Ty::List(t) => t!("list of {}", t.item()),
            Ty::Empty => t!("empty list"),
            Ty::Error => t!("invalid expression"),
        }
    }

    /// The type of a value that is either of two fitting types: a string
    /// that may be one choice's option or any string is a string.
    fn join(&self, other: &Ty) -> Ty {
        match (self, other) {
            (Ty::Empty | Ty::Error, t) | (t, Ty::Empty | Ty::Error) => t.clone(),
            (a, b) if a == b => a.clone(),
            (Ty::List(a), Ty::List(b)) => Ty::List(Box::new(a.join(b))),
            _ => Ty::Str,
        }
    }

    /// Whether values of the two types can be compared with `==`.
    fn fits(&self, other: &Ty) -> bool {
        match (self, other) {
            (Ty::Error | Ty::Empty, _) | (_, Ty::Error | Ty::Empty) => true,
            (Ty::Str | Ty::Choice(_), Ty::Str | Ty::Choice(_)) => true,
            (Ty::List(a), Ty::List(b)) => a.fits(b),
            (a, b) => a == b,
        }
    }
}

/// Checks expressions of one declaration.
pub(crate) struct ExprChecker<'a> {
    model: &'a Model,
    names: &'a Names,
    alt_scope: bool,
    /// In a question's `when`: scores and completeness are computed after
    /// applicability, so they cannot be read there.
    pub question_condition: bool,
    /// In a rule's `when`: only there can `fired(...)` be read, because
    /// rules run after everything else.
    pub rule_condition: bool,
    locals: Vec<(String, Ty)>,
    sources: Option<&'a SourceMap>,
    /// What the expression gets wrong, under the cap (the caller gives a
    /// collector with the room it has left).
    pub diags: Collector,
    /// Questions whose answers the expression reads.
    pub questions_used: Vec<usize>,
    /// Scores the expression reads.
    pub scores_used: Vec<usize>,
    /// Rules whose `fired(...)` the expression reads.
    pub rules_used: Vec<usize>,
}

type Checked = (Expr, Ty);

/// `weight(q, ...)` reads the chosen options' weights; `max_weight` and
/// `min_weight` are the most and least those weights can add up to.
#[derive(Clone, Copy, PartialEq)]
enum WeightBound {
    Chosen,
    Max,
    Min,
}

impl WeightBound {
    fn from_name(name: &str) -> Option<WeightBound> {
        Some(match name {
            "weight" => WeightBound::Chosen,
            "max_weight" => WeightBound::Max,
            "min_weight" => WeightBound::Min,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            WeightBound::Chosen => "weight",
            WeightBound::Max => "max_weight",
            WeightBound::Min => "min_weight",
        }
    }
}

impl<'a> ExprChecker<'a> {
    pub fn new(model: &'a Model, names: &'a Names, alt_scope: bool) -> ExprChecker<'a> {
        ExprChecker {
            model,
            names,
            alt_scope,
            question_condition: false,
            rule_condition: false,
            locals: Vec::new(),
            sources: None,
            diags: Collector::default(),
            questions_used: Vec::new(),
            scores_used: Vec::new(),
            rules_used: Vec::new(),
        }
    }

    pub fn diag(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// No room for more diagnostics: skip looking for hints too.
    fn full(&self) -> bool {
        self.diags.is_full()
    }

    /// Checks one expression.
    pub fn check(&mut self, e: &ast::Expr, sources: &'a SourceMap) -> Checked {
        self.sources = Some(sources);
        self.expr(e)
    }

    fn error(&mut self, code: &str, span: Span, message: Message, help: Message) -> Checked {
        let d = Diagnostic::error(code, message).with_help(help);
        let d = match self.sources {
            Some(s) if !self.full() => d.at_span(s, span),
            _ => d,
        };
        self.diag(d);
        (Expr::Const(Value::Missing), Ty::Error)
    }

    fn expr(&mut self, e: &ast::Expr) -> Checked {
        match &e.kind {
            ExprKind::Number(n) if n.is_finite() => (Expr::Const(Value::Num(*n)), Ty::Num),
            ExprKind::Number(_) => {
                self.error("E0201", e.span, t!("this number is too large"), t!("use a number below 1e300"))
            }
            ExprKind::Str(s) => (Expr::Const(Value::Str(s.as_str().into())), Ty::Str),
            ExprKind::Bool(b) => (Expr::Const(Value::Bool(*b)), Ty::Bool),
            ExprKind::Path(segs) => self.path(segs, e.span),
            ExprKind::List(items) => self.list(items),
            ExprKind::Call(name, args) => self.call(name, args, e.span),
            ExprKind::Unary(op, inner) => self.unary(*op, inner),
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r, e.span),
            ExprKind::Quant(q) => self.quant(q, e.span),
            ExprKind::If(parts) => self.conditional(parts),
        }
    }

    /// `what` is code (`` `cells` ``), shown as it is, or a phrase
    /// (a [`Message`] such as "score `s`"), translated.
    fn need_alt_scope(&mut self, span: Span, what: impl IntoArg) -> bool {
        if self.alt_scope {
            return true;
        }
        let what = what.into_arg();
        self.error(
            "E0203",
            span,
            t!("{what} belongs to one alternative, but this rule looks at the whole decision", what = what),
            t!("add `each proposal` (or `each alternative`) to the rule, or wrap this in `any proposal: ...`"),
        );
        false
    }

    fn path(&mut self, segs: &[Ident], span: Span) -> Checked {
        let Some(head) = segs.first() else {
            return self.error("E0101", span, t!("empty name"), t!("write a name"));
        };
        let rest = &segs[1..];
        match head.name.as_str() {
            "fact" => return self.fact(rest, span),
            "decision" => {
                let (field, ty) = match rest.first().map(|s| s.name.as_str()) {
                    Some("id") => (DecisionField::Id, Ty::Str),
                    Some("kind") => (DecisionField::Kind, Ty::Str),
                    Some("title") => (DecisionField::Title, Ty::Str),
                    Some("organisation") => (DecisionField::Organisation, Ty::Str),
                    Some("bilingual") => (DecisionField::Bilingual, Ty::Bool),
                    Some("majority_language") => (DecisionField::MajorityLanguage, Ty::Str),
                    _ => {
                        let known = &["id", "kind", "title", "organisation", "bilingual", "majority_language"];
                        return self.unknown_field(rest.first(), span, t!("decision"), known);
                    }
                };
                return self.fields((Expr::Decision(field), ty), &rest[1..]);
            }
            "alternative" => {
                if !self.need_alt_scope(span, "`alternative`") {
                    return (Expr::Const(Value::Missing), Ty::Error);
                }
                let (field, ty) = match rest.first().map(|s| s.name.as_str()) {
                    Some("id") => (AltField::Id, Ty::Str),
                    Some("kind") => (AltField::Kind, Ty::Str),
                    Some("is_zero") => (AltField::IsZero, Ty::Bool),
                    _ => return self.unknown_field(rest.first(), span, t!("alternative"), &["id", "kind", "is_zero"]),
                };
                return self.fields((Expr::Alternative(field), ty), &rest[1..]);
            }
            _ => {}
        }
        if let Some(slot) = self.locals.iter().rposition(|(n, _)| *n == head.name) {
            let ty = self.locals[slot].1.clone();
            return self.fields((Expr::Var(slot), ty), rest);
        }
        if let Some(scale) = ScaleId::from_name(&head.name) {
            return self.level(scale, rest, span);
        }
        let base = match head.name.as_str() {
            "yes" => (Expr::Const(Value::Screening(Screening::Yes)), Ty::Screening),
            "no" => (Expr::Const(Value::Screening(Screening::No)), Ty::Screening),
            "unknown" => (Expr::Const(Value::Screening(Screening::Unknown)), Ty::Screening),
            name => match self.names.lookup(name) {
                Some((DeclKind::Group, i)) => (Expr::Const(Value::Group(i)), Ty::Group),
                Some((DeclKind::Domain, i)) => (Expr::Const(Value::Domain(i)), Ty::Domain),
                Some((DeclKind::Perspective, i)) => (Expr::Const(Value::Perspective(i)), Ty::Perspective),
                Some((DeclKind::Question, i)) => {
                    if !self.need_alt_scope(head.span, &t!("the answer to `{name}`", name = name)) {
                        return (Expr::Const(Value::Missing), Ty::Error);
                    }
                    self.questions_used.push(i);
                    (Expr::Answer(i), self.answer_type(i))
                }
                Some((DeclKind::Score, _)) if self.question_condition => {
                    return self.not_in_question_condition(head.span, &t!("score `{name}`", name = name));
                }
                Some((DeclKind::Score, i)) => {
                    if !self.need_alt_scope(head.span, &t!("score `{name}`", name = name)) {
                        return (Expr::Const(Value::Missing), Ty::Error);
                    }
                    self.scores_used.push(i);
                    (Expr::Score(i), Ty::Num)
                }
                Some((DeclKind::Fact, _)) => {
                    return self.error(
                        "E0101",
                        head.span,
                        t!("`{name}` is a fact", name = name),
                        t!("write `fact.{name}`", name = name),
                    );
                }
                Some((DeclKind::Rule, _)) => {
                    return self.error(
                        "E0103",
                        head.span,
                        t!("`{name}` is a rule and has no value in an expression", name = name),
                        t!("write `fired({name})` to ask whether the rule fired", name = name),
                    );
                }
                Some((kind, _)) => {
                    return self.error(
                        "E0103",
                        head.span,
                        t!("`{name}` is a {} and has no value in an expression", kind.keyword() ; name = name),
                        t!("name a group, domain, perspective, question, score or fact here"),
                    );
                }
                None => return self.unknown_name(head),
            },
        };
        self.fields(base, rest)
    }

    /// `what` as in [`ExprChecker::need_alt_scope`].
    fn not_in_question_condition(&mut self, span: Span, what: impl IntoArg) -> Checked {
        let what = what.into_arg();
        self.error(
            "E0206",
            span,
            t!("a question's condition cannot use {what}", what = what),
            t!("scores and completeness depend on which questions apply; base the condition on facts and answers"),
        )
    }

    fn unknown_name(&mut self, id: &Ident) -> Checked {
        if self.full() {
            return self.error("E0101", id.span, t!(""), t!(""));
        }
        let locals: Vec<String> = self.locals.iter().map(|(n, _)| n.clone()).collect();
        let candidates = self.names.all().chain(locals.iter().map(String::as_str)).chain([
            "yes",
            "no",
            "unknown",
            "fact",
            "decision",
            "alternative",
        ]);
        let hint = match (id.name.as_str(), did_you_mean(&id.name, candidates)) {
            ("mixed", _) => {
                t!(
                    "a cell's direction is tested with its fields: `c.mixed`, `c.unknown` (`c.direction` is missing for both)"
                )
            }
            (_, Some(s)) => t!("did you mean `{}`?", s),
            (_, None) => t!("declare it, or check the spelling; facts are written `fact.name`"),
        };
        self.error("E0101", id.span, t!("unknown name `{}`", id.name), hint)
    }

    fn unknown_field(&mut self, field: Option<&Ident>, span: Span, what: Message, fields: &[&str]) -> Checked {
        match field {
            Some(f) => {
                let hint = did_you_mean(&f.name, fields.iter().copied()).map_or_else(
                    || t!("{what} has: {}", fields.join(", ") ; what = what),
                    |s| t!("did you mean `{}`?", s),
                );
                self.error("E0204", f.span, t!("{what} has no field `{}`", f.name ; what = what), hint)
            }
            None => self.error(
                "E0204",
                span,
                t!("`{what}` needs a field", what = what),
                t!("write `{what}.{}`", fields[0] ; what = what),
            ),
        }
    }

    fn answer_type(&self, q: usize) -> Ty {
        match &self.model.questions[q].kind {
            QuestionKind::Screening => Ty::Screening,
            QuestionKind::Impact | QuestionKind::Number { .. } => Ty::Num,
            QuestionKind::Choice(options) => Ty::Choice(options.iter().map(|o| o.id.clone()).collect()),
            QuestionKind::Text => Ty::Str,
        }
    }

    fn fact(&mut self, rest: &[Ident], span: Span) -> Checked {
        let Some(name) = rest.first() else {
            return self.error("E0204", span, t!("`fact` needs a fact name"), t!("write `fact.cost_eur`"));
        };
        let Some(i) = self.model.facts.iter().position(|f| f.id == name.name) else {
            if self.full() {
                return self.error("E0101", name.span, t!(""), t!(""));
            }
            let hint = did_you_mean(&name.name, self.model.facts.iter().map(|f| f.id.as_str())).map_or_else(
                || t!("declare it: `fact {}: number {{ label ... }}`", name.name),
                |s| t!("did you mean `{}`?", s),
            );
            return self.error("E0101", name.span, t!("unknown fact `{}`", name.name), hint);
        };
        let ty = match &self.model.facts[i].kind {
            FactKind::Number { .. } => Ty::Num,
            FactKind::Text => Ty::Str,
            FactKind::Flag => Ty::Bool,
            FactKind::Choice(options) => Ty::Choice(options.iter().map(|o| o.id.clone()).collect()),
            FactKind::List => Ty::List(Box::new(Ty::Str)),
        };
        self.fields((Expr::Fact(i), ty), &rest[1..])
    }

    fn level(&mut self, scale: ScaleId, rest: &[Ident], span: Span) -> Checked {
        let levels = &self.model.scale(scale).levels;
        let Some(name) = rest.first() else {
            let first = levels.first().map_or("", |l| l.id.as_str());
            return self.error(
                "E0204",
                span,
                t!("`{}` is a scale; name one of its levels", scale.name()),
                t!("write e.g. `{}.{first}`", scale.name() ; first = first),
            );
        };
        match levels.iter().position(|l| l.id == name.name) {
            Some(i) => self.fields((Expr::Const(Value::Level(scale, i)), Ty::Level(scale)), &rest[1..]),
            None => {
                let ids: Vec<&str> = levels.iter().map(|l| l.id.as_str()).collect();
                let hint = did_you_mean(&name.name, ids.iter().copied())
                    .map_or_else(|| t!("its levels are: {}", ids.join(", ")), |s| t!("did you mean `{}`?", s));
                self.error("E0101", name.span, t!("scale `{}` has no level `{}`", scale.name(), name.name), hint)
            }
        }
    }

    /// Applies `.field` accesses to a value.
    fn fields(&mut self, mut base: Checked, rest: &[Ident]) -> Checked {
        for seg in rest {
            let (field, ty) = match (&base.1, seg.name.as_str()) {
                (Ty::Error, _) => return base,
                (Ty::Group | Ty::Domain | Ty::Perspective, "id") => (Field::Id, Ty::Str),
                (Ty::Group, "vulnerable") => (Field::Vulnerable, Ty::Bool),
                (Ty::Group, "category") => (Field::Category, Ty::Str),
                (Ty::Group, "age_min") => (Field::AgeMin, Ty::Num),
                (Ty::Group, "age_max") => (Field::AgeMax, Ty::Num),
                (Ty::Domain | Ty::Cell, "perspective") => (Field::Perspective, Ty::Perspective),
                (Ty::Cell, "group") => (Field::Group, Ty::Group),
                (Ty::Cell, "domain") => (Field::Domain, Ty::Domain),
                (Ty::Cell, "direction") => (Field::Direction, Ty::Num),
                (Ty::Cell, "mitigated") => (Field::Mitigated, Ty::Bool),
                (Ty::Cell, "score") => (Field::Score, Ty::Num),
                (Ty::Cell, "mixed") => (Field::Mixed, Ty::Bool),
                (Ty::Cell, "unknown") => (Field::Unknown, Ty::Bool),
                (Ty::Cell, "question") => (Field::Question, Ty::Str),
                (Ty::Cell, name) if ScaleId::from_name(name).is_some() => {
                    let scale = ScaleId::from_name(name).unwrap_or(ScaleId::Magnitude);
                    (Field::Scale(scale), Ty::Level(scale))
                }
                (ty, _) => {
                    let fields: &[&str] = match ty {
                        Ty::Group => &["id", "vulnerable", "category", "age_min", "age_max"],
                        Ty::Domain => &["id", "perspective"],
                        Ty::Perspective => &["id"],
                        Ty::Cell => &[
                            "group",
                            "domain",
                            "perspective",
                            "direction",
                            "magnitude",
                            "likelihood",
                            "people",
                            "timing",
                            "reversibility",
                            "evidence",
                            "mitigated",
                            "score",
                            "mixed",
                            "unknown",
                            "question",
                        ],
                        _ => &[],
                    };
                    let what = ty.describe();
                    if fields.is_empty() {
                        return self.error(
                            "E0204",
                            seg.span,
                            t!("{what} has no fields", what = what),
                            t!("remove `.` and what follows"),
                        );
                    }
                    return self.unknown_field(Some(seg), seg.span, what, fields);
                }
            };
            base = (Expr::Field(Box::new(base.0), field), ty);
        }
        base
    }

    fn list(&mut self, items: &[ast::Expr]) -> Checked {
        let mut elem = Ty::Empty;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let (e, ty) = self.expr(item);
            if !elem.fits(&ty) {
                let d = t!(
                    "a list's items must all be of one type: this is {}, earlier ones are {}",
                    ty.describe(),
                    elem.describe()
                );
                self.error("E0201", item.span, d, t!("make every item the same kind of value"));
            } else if matches!(elem, Ty::Empty | Ty::Error) {
                elem = ty;
            }
            out.push(e);
        }
        let ty = Ty::List(Box::new(elem));
        if out.iter().all(|e| matches!(e, Expr::Const(_))) {
            let values: Vec<Value> =
                out.into_iter().map(|e| if let Expr::Const(v) = e { v } else { Value::Missing }).collect();
            return (Expr::Const(Value::List(values.into())), ty);
        }
        (Expr::List(out), ty)
    }

    fn call(&mut self, name: &Ident, args: &[ast::Expr], span: Span) -> Checked {
        if name.name == "applies" {
            return self.applies(args, span);
        }
        if name.name == "zero_option" {
            return self.zero_option(args, span);
        }
        if matches!(name.name.as_str(), "fired" | "count_fired") {
            return self.fired(&name.name, args, span);
        }
        if let Some(bound) = WeightBound::from_name(&name.name) {
            return self.weights(bound, args, span);
        }
        if name.name == "completeness" && self.question_condition {
            return self.not_in_question_condition(name.span, "`completeness()`");
        }
        let checked: Vec<Checked> = args.iter().map(|a| self.expr(a)).collect();
        let types: Vec<&Ty> = checked.iter().map(|c| &c.1).collect();
        if types.iter().any(|t| **t == Ty::Error) {
            return (Expr::Const(Value::Missing), Ty::Error);
        }
        let alt = |me: &mut Self| me.need_alt_scope(span, format!("`{}(...)`", name.name));
        let (func, ty) = match (name.name.as_str(), types.as_slice()) {
            ("impact", []) if alt(self) => (Func::ImpactTotal, Ty::Num),
            ("impact", [Ty::Group]) if alt(self) => (Func::ImpactGroup, Ty::Num),
            ("impact", [Ty::Domain]) if alt(self) => (Func::ImpactDomain, Ty::Num),
            ("impact", [Ty::Perspective]) if alt(self) => (Func::ImpactPerspective, Ty::Num),
            ("impact", [Ty::Group, Ty::Domain]) if alt(self) => (Func::ImpactCell, Ty::Num),
            ("mitigated", [Ty::Group]) if alt(self) => (Func::Mitigated, Ty::Bool),
            ("answered", [_]) => (Func::Answered, Ty::Bool),
            ("completeness", []) if alt(self) => (Func::Completeness, Ty::Num),
            ("equity_gap", []) if alt(self) => (Func::EquityGap, Ty::Num),
            ("abs", [Ty::Num]) => (Func::Abs, Ty::Num),
            ("round", [Ty::Num]) => (Func::Round, Ty::Num),
            ("min", [Ty::Num, Ty::Num]) => (Func::Min, Ty::Num),
            ("max", [Ty::Num, Ty::Num]) => (Func::Max, Ty::Num),
            ("len", [Ty::List(_)]) => (Func::Len, Ty::Num),
            (f, _) if !self.alt_scope && matches!(f, "impact" | "mitigated" | "completeness" | "equity_gap") => {
                return (Expr::Const(Value::Missing), Ty::Error);
            }
            (f, got) => {
                let sig = match f {
                    "impact" => "impact(), impact(group), impact(domain), impact(perspective) or impact(group, domain)",
                    "mitigated" => "mitigated(group)",
                    "answered" => "answered(question or fact)",
                    "completeness" => "completeness()",
                    "equity_gap" => "equity_gap()",
                    "abs" => "abs(number)",
                    "round" => "round(number)",
                    "min" => "min(number, number)",
                    "max" => "max(number, number)",
                    "len" => "len(list)",
                    _ => {
                        let hint = did_you_mean(f, FUNCTIONS.iter().copied()).map_or_else(
                            || t!("the functions are: {}", FUNCTIONS.join(", ")),
                            |s| t!("did you mean `{}`?", s),
                        );
                        return self.error("E0202", name.span, t!("unknown function `{f}`", f = f), hint);
                    }
                };
                let got: Vec<Message> = got.iter().map(|t| t.describe()).collect();
                let got = match got.split_first() {
                    None => t!("nothing"),
                    Some((first, rest)) => rest.iter().fold(first.clone(), |all, next| t!("{}, {}", all, next)),
                };
                return self.error(
                    "E0202",
                    span,
                    t!("`{f}` cannot take {got}", f = f, got = got),
                    t!("use {sig}", sig = sig),
                );
            }
        };
        (Expr::Call(func, checked.into_iter().map(|c| c.0).collect()), ty)
    }

    fn applies(&mut self, args: &[ast::Expr], span: Span) -> Checked {
        if !self.need_alt_scope(span, "`applies(...)`") {
            return (Expr::Const(Value::Missing), Ty::Error);
        }
        if let [ast::Expr { kind: ExprKind::Path(segs), .. }] = args
            && let [id] = segs.as_slice()
            && let Some((DeclKind::Question, q)) = self.names.lookup(&id.name)
        {
            self.questions_used.push(q);
            return (Expr::Call(Func::Applies(q), Vec::new()), Ty::Bool);
        }
        self.error(
            "E0202",
            span,
            t!("`applies` takes the id of a question"),
            t!("write e.g. `applies(school_journeys)`"),
        )
    }

    /// `zero_option(x)`: `x` as it is in the zero option. `x` is checked in
    /// alternative scope whatever the scope outside, since the zero option
    /// is an alternative; the result has `x`'s type.
    fn zero_option(&mut self, args: &[ast::Expr], span: Span) -> Checked {
        let [body] = args else {
            return self.error(
                "E0202",
                span,
                t!("`zero_option` takes one expression"),
                t!("write e.g. `zero_option(impact(children))`"),
            );
        };
        let outer = std::mem::replace(&mut self.alt_scope, true);
        let (e, ty) = self.expr(body);
        self.alt_scope = outer;
        // Not folded even when `x` is a constant: without a zero option
        // the result is missing.
        if ty == Ty::Error { (Expr::Const(Value::Missing), Ty::Error) } else { (Expr::ZeroOption(Box::new(e)), ty) }
    }

    /// `fired(r)`: whether rule `r` fired; `count_fired(r, ...)`: how many
    /// of the rules fired. Only a rule's condition can ask, since rules run
    /// after questions and scores; a rule with `each` fired per
    /// alternative, so asking about it needs one (E0203).
    fn fired(&mut self, f: &str, args: &[ast::Expr], span: Span) -> Checked {
        if !self.rule_condition {
            return self.error(
                "E0207",
                span,
                t!("`{f}(...)` can only be used in a rule's condition", f = f),
                t!("rules run after questions and scores are computed; move this test into a rule's `when`"),
            );
        }
        let counting = f == "count_fired";
        if args.is_empty() || (!counting && args.len() > 1) {
            let (message, help) = match (counting, args.len()) {
                (true, _) => (
                    t!("`count_fired` takes the ids of one or more rules"),
                    t!("write e.g. `count_fired(high_cost, closes_service)`"),
                ),
                (false, 0) => (t!("`fired` takes the id of a rule"), t!("write e.g. `fired(high_cost)`")),
                _ => (
                    t!("`fired` takes one rule"),
                    t!("to count how many of several rules fired, write `count_fired(a, b, ...)`"),
                ),
            };
            return self.error("E0202", span, message, help);
        }
        let mut reads = Vec::with_capacity(args.len());
        for arg in args {
            match self.fired_rule(f, arg) {
                Some(r) => reads.push(Expr::Call(Func::Fired(r), Vec::new())),
                None => return (Expr::Const(Value::Missing), Ty::Error),
            }
        }
        match (counting, reads.pop()) {
            (false, Some(read)) => (read, Ty::Bool),
            (_, last) => {
                reads.extend(last);
                (Expr::Call(Func::CountFired, reads), Ty::Num)
            }
        }
    }

    /// The rule an argument of `fired`-like function `f` names, if it can
    /// be read here; otherwise reports why not.
    fn fired_rule(&mut self, f: &str, arg: &ast::Expr) -> Option<usize> {
        let takes = t!("`{f}` takes ids of rules", f = f);
        let (r, id) = self.declared_arg(arg, DeclKind::Rule, f, takes, "high_cost")?;
        let each = self.model.rules.get(r).is_some_and(|rule| rule.scope != RuleScope::Decision);
        if each && !self.need_alt_scope(arg.span, &t!("whether `{}` fired (the rule has `each`)", id.name)) {
            return None;
        }
        self.rules_used.push(r);
        Some(r)
    }

    /// `weight(q, ...)`, `max_weight(q, ...)`, `min_weight(q, ...)`: each
    /// argument names a choice question whose options have weights. The
    /// bounds are known from the checklist alone, so they are constants
    /// (and may be used anywhere); `weight` reads answers.
    fn weights(&mut self, bound: WeightBound, args: &[ast::Expr], span: Span) -> Checked {
        let f = bound.name();
        if args.is_empty() {
            return self.error(
                "E0202",
                span,
                t!("`{f}` needs at least one question", f = f),
                t!("write e.g. `{f}(q1)` or `{f}(q1, q2, q3)`", f = f),
            );
        }
        if bound == WeightBound::Chosen && !self.need_alt_scope(span, "`weight(...)`") {
            return (Expr::Const(Value::Missing), Ty::Error);
        }
        let mut questions = Vec::with_capacity(args.len());
        for arg in args {
            match self.weighted_question(arg, f) {
                Some(q) => questions.push(q),
                None => return (Expr::Const(Value::Missing), Ty::Error),
            }
        }
        let extreme = |pick: fn(f64, f64) -> f64| {
            let total: f64 = questions
                .iter()
                .map(|&q| match &self.model.questions[q].kind {
                    QuestionKind::Choice(options) => {
                        options.iter().filter_map(|o| o.weight).reduce(pick).unwrap_or(0.0)
                    }
                    _ => 0.0,
                })
                .sum();
            // A sum of finite weights can still overflow to infinity.
            (Expr::Const(if total.is_finite() { Value::Num(total) } else { Value::Missing }), Ty::Num)
        };
        match bound {
            WeightBound::Max => extreme(f64::max),
            WeightBound::Min => extreme(f64::min),
            WeightBound::Chosen => {
                self.questions_used.extend(&questions);
                (Expr::Call(Func::Weight, questions.into_iter().map(Expr::Answer).collect()), Ty::Num)
            }
        }
    }

    /// The question an argument of `weight`-like function `f` names, if it
    /// is a choice question with weights; otherwise reports why not.
    fn weighted_question(&mut self, arg: &ast::Expr, f: &str) -> Option<usize> {
        let takes = t!("`{f}` takes ids of choice questions whose options have weights", f = f);
        let (q, id) = self.declared_arg(arg, DeclKind::Question, f, takes, "housing_need")?;
        let question = &self.model.questions[q];
        let weighted = match &question.kind {
            QuestionKind::Choice(options) => options.first().is_some_and(|o| o.weight.is_some()),
            _ => false,
        };
        if !weighted {
            let (message, help) = match &question.kind {
                QuestionKind::Choice(_) => (
                    t!("the options of `{}` have no weights", id.name),
                    t!("give each option a weight after its id: `option high 3 {{ label ... }}`"),
                ),
                other => (
                    t!("`{}` is a {} question; `{f}` needs a choice question", id.name, other.name() ; f = f),
                    match other {
                        QuestionKind::Number { .. } => t!("use the answer itself: `{}`", id.name),
                        _ => t!("make it a choice question whose options have weights"),
                    },
                ),
            };
            self.error("E0201", id.span, message, help);
            return None;
        }
        Some(q)
    }

    /// The declaration of `kind` that argument `arg` of function `f`
    /// names by its id, with the id; otherwise reports what is wrong
    /// (E0202, E0103, E0101). `takes` says what `f` takes, as a whole
    /// sentence (`` `fired` takes ids of rules ``); `example` is an id for
    /// the hint.
    fn declared_arg<'e>(
        &mut self,
        arg: &'e ast::Expr,
        kind: DeclKind,
        f: &str,
        takes: Message,
        example: &str,
    ) -> Option<(usize, &'e Ident)> {
        let id = match &arg.kind {
            ExprKind::Path(segs) if segs.len() == 1 => &segs[0],
            _ => {
                self.error("E0202", arg.span, takes, t!("write e.g. `{f}({example})`", f = f, example = example));
                return None;
            }
        };
        match self.names.lookup(&id.name) {
            Some((k, i)) if k == kind => Some((i, id)),
            Some((other, _)) => {
                self.error(
                    "E0103",
                    id.span,
                    t!("`{}` is a {}, not a {}", id.name, other.keyword(), kind.keyword()),
                    takes,
                );
                None
            }
            None => {
                self.unknown_name(id);
                None
            }
        }
    }

    /// `if c then a else b`: `c` is a condition, `a` and `b` give the same
    /// kind of value, and both are checked whatever `c` turns out to be.
    fn conditional(&mut self, parts: &[ast::Expr; 3]) -> Checked {
        let [condition, then, otherwise] = parts;
        let (c, ct) = self.expr(condition);
        let (a, at) = self.expr(then);
        let (b, bt) = self.expr(otherwise);
        if !matches!(ct, Ty::Bool | Ty::Error) {
            return self.error(
                "E0205",
                condition.span,
                t!("`if` needs a condition, but this is {}", ct.describe()),
                t!("write a true/false condition, e.g. `if answered(q) then 1 else 0`"),
            );
        }
        if !at.fits(&bt) {
            let span = Span { end: otherwise.span.end, ..then.span };
            return self.error(
                "E0201",
                span,
                t!("the branches of `if` give {} and {}", at.describe(), bt.describe()),
                t!("both branches must give the same kind of value"),
            );
        }
        if [&ct, &at, &bt].contains(&&Ty::Error) {
            return (Expr::Const(Value::Missing), Ty::Error);
        }
        let ty = at.join(&bt);
        match c {
            Expr::Const(Value::Bool(true)) => (a, ty),
            Expr::Const(_) => (b, ty),
            c => (Expr::If(Box::new([c, a, b])), ty),
        }
    }

    fn unary(&mut self, op: UnaryOp, inner: &ast::Expr) -> Checked {
        let (e, ty) = self.expr(inner);
        let (want, word) = match op {
            UnaryOp::Not => (Ty::Bool, "`not` needs true/false"),
            UnaryOp::Neg => (Ty::Num, "`-` needs a number"),
        };
        if !matches!(ty, Ty::Error) && ty != want {
            return self.error(
                "E0201",
                inner.span,
                t!("{word}, but this is {}", ty.describe() ; word = word),
                t!("check the operand"),
            );
        }
        let folded = match (&e, op) {
            (Expr::Const(Value::Bool(b)), UnaryOp::Not) => Expr::Const(Value::Bool(!b)),
            (Expr::Const(Value::Num(n)), UnaryOp::Neg) => Expr::Const(Value::Num(-n)),
            (_, UnaryOp::Not) => Expr::Not(Box::new(e)),
            (_, UnaryOp::Neg) => Expr::Neg(Box::new(e)),
        };
        (folded, want)
    }

    fn binary(&mut self, op: BinaryOp, l: &ast::Expr, r: &ast::Expr, span: Span) -> Checked {
        let (le, lt) = self.expr(l);
        let (re, rt) = self.expr(r);
        if lt == Ty::Error || rt == Ty::Error {
            return (Expr::Const(Value::Missing), Ty::Error);
        }
        let sym = op.symbol();
        let mismatch = |me: &mut Self, help: Message| {
            me.error(
                "E0201",
                span,
                t!("`{sym}` cannot combine {} and {}", lt.describe(), rt.describe() ; sym = sym),
                help,
            )
        };
        let ty = match op {
            BinaryOp::And | BinaryOp::Or => {
                if lt != Ty::Bool || rt != Ty::Bool {
                    let help = if lt == Ty::Screening || rt == Ty::Screening {
                        t!("compare screening answers first: `a == yes and b == yes`")
                    } else {
                        t!("both sides must be conditions (true/false)")
                    };
                    return mismatch(self, help);
                }
                Ty::Bool
            }
            BinaryOp::Eq | BinaryOp::Ne => {
                if !lt.fits(&rt) {
                    return mismatch(self, t!("compare values of the same kind"));
                }
                self.check_options(&lt, &re, r.span);
                self.check_options(&rt, &le, l.span);
                Ty::Bool
            }
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
                let ok = matches!((&lt, &rt), (Ty::Num, Ty::Num))
                    || matches!((&lt, &rt), (Ty::Level(a), Ty::Level(b)) if a == b);
                if !ok {
                    return mismatch(self, t!("order comparisons need two numbers or two levels of the same scale"));
                }
                Ty::Bool
            }
            BinaryOp::In | BinaryOp::NotIn => {
                let Ty::List(elem) = &rt else {
                    return mismatch(self, t!("the right side of `in` must be a list, e.g. `[\"a\", \"b\"]`"));
                };
                if !lt.fits(elem) {
                    return mismatch(self, t!("the list's items must be the same kind of value as the left side"));
                }
                if let Expr::Const(Value::List(items)) = &re {
                    for item in items.iter() {
                        self.check_options(&lt, &Expr::Const(item.clone()), r.span);
                    }
                }
                Ty::Bool
            }
            BinaryOp::Otherwise => {
                if !lt.fits(&rt) {
                    return mismatch(
                        self,
                        t!("the value after `??` replaces a missing one: give the same kind of value"),
                    );
                }
                lt.join(&rt)
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => {
                if lt != Ty::Num || rt != Ty::Num {
                    return mismatch(self, t!("arithmetic needs numbers"));
                }
                Ty::Num
            }
        };
        (fold_binary(op, le, re), ty)
    }

    /// A string literal compared with a choice must be one of its options.
    fn check_options(&mut self, ty: &Ty, other: &Expr, span: Span) {
        if let (Ty::Choice(options), Expr::Const(Value::Str(s))) = (ty, other)
            && !options.iter().any(|o| **o == **s)
        {
            let hint = did_you_mean(s, options.iter().map(String::as_str))
                .map_or_else(|| t!("the options are: {}", options.join(", ")), |o| t!("did you mean \"{o}\"?", o = o));
            self.error("E0201", span, t!("\"{s}\" is not one of the options", s = s), hint);
        }
    }

    fn quant(&mut self, q: &ast::Quant, span: Span) -> Checked {
        let op = q.op;
        match &q.source {
            QuantSource::Alternatives { proposals_only } => {
                let outer = std::mem::replace(&mut self.alt_scope, true);
                let body = self.quant_body(op, q.body.as_ref(), span);
                self.alt_scope = outer;
                let Some((body, ty)) = body else {
                    return (Expr::Const(Value::Missing), Ty::Error);
                };
                (Expr::QuantAlternatives { op, proposals_only: *proposals_only, body: body.map(Box::new) }, ty)
            }
            QuantSource::Bind { var, collection, filter } => {
                let (collection, elem) = match collection {
                    ast::Collection::Named(name) => match name.name.as_str() {
                        "groups" => (Collection::Groups, Ty::Group),
                        "domains" => (Collection::Domains, Ty::Domain),
                        "perspectives" => (Collection::Perspectives, Ty::Perspective),
                        "cells" => {
                            if !self.need_alt_scope(name.span, "`cells`") {
                                return (Expr::Const(Value::Missing), Ty::Error);
                            }
                            (Collection::Cells, Ty::Cell)
                        }
                        other => {
                            let hint = did_you_mean(other, ["groups", "domains", "perspectives", "cells"]).map_or(
                                t!("write `groups`, `domains`, `perspectives`, `cells` or a list `[...]`"),
                                |s| t!("did you mean `{}`?", s),
                            );
                            return self.error(
                                "E0101",
                                name.span,
                                t!("unknown collection `{other}`", other = other),
                                hint,
                            );
                        }
                    },
                    ast::Collection::List(items, _) => {
                        let (list, ty) = self.list(items);
                        let elem = match ty {
                            Ty::List(e) => *e,
                            _ => Ty::Error,
                        };
                        (Collection::List(Box::new(list)), elem)
                    }
                };
                if RESERVED_VARIABLES.contains(&var.name.as_str()) || ScaleId::from_name(&var.name).is_some() {
                    return self.error(
                        "E0105",
                        var.span,
                        t!("`{}` already means something in expressions and cannot be a variable", var.name),
                        t!("choose a short variable name such as `g`, `d` or `c`"),
                    );
                }
                if elem == Ty::Empty {
                    // Nothing to range over: the result is known without
                    // looking at the body (whose variable has no type).
                    return (
                        Expr::Const(empty_quantifier(op)),
                        if matches!(op, QuantOp::Any | QuantOp::All) { Ty::Bool } else { Ty::Num },
                    );
                }
                if self.names.lookup(&var.name).is_some() {
                    return self.error(
                        "E0102",
                        var.span,
                        t!("`{}` is already an id in this checklist", var.name),
                        t!("choose a short variable name that is not an id, e.g. `g`, `d`, `c`"),
                    );
                }
                let slot = self.locals.len();
                self.locals.push((var.name.clone(), elem));
                let filter = filter.as_ref().map(|f| {
                    let (e, ty) = self.expr(f);
                    if !matches!(ty, Ty::Bool | Ty::Error) {
                        self.error(
                            "E0205",
                            f.span,
                            t!("`where` needs a condition, but this is {}", ty.describe()),
                            t!("write a true/false condition"),
                        );
                    }
                    e
                });
                let body = self.quant_body(op, q.body.as_ref(), span);
                self.locals.pop();
                let Some((body, ty)) = body else {
                    return (Expr::Const(Value::Missing), Ty::Error);
                };
                (Expr::QuantBind { op, slot, collection, filter: filter.map(Box::new), body: body.map(Box::new) }, ty)
            }
        }
    }

    /// Checks a quantifier's body; `None` if it had an error.
    fn quant_body(&mut self, op: QuantOp, body: Option<&ast::Expr>, span: Span) -> Option<(Option<Expr>, Ty)> {
        let (want, result) = match op {
            QuantOp::Any | QuantOp::All => (Ty::Bool, Ty::Bool),
            QuantOp::Count => (Ty::Bool, Ty::Num),
            QuantOp::Sum | QuantOp::Min | QuantOp::Max => (Ty::Num, Ty::Num),
        };
        let Some(body) = body else {
            if op == QuantOp::Count {
                return Some((None, Ty::Num));
            }
            self.error(
                "E0202",
                span,
                t!("this quantifier needs a body after `:`"),
                t!("write e.g. `any proposal: impact(children) < 0`"),
            );
            return None;
        };
        let (e, ty) = self.expr(body);
        if ty == Ty::Error {
            return None;
        }
        if ty != want {
            let help =
                if want == Ty::Bool { t!("the body must be a condition") } else { t!("the body must be a number") };
            self.error("E0205", body.span, t!("the body is {}", ty.describe()), help);
            return None;
        }
        Some((Some(e), result))
    }
}

/// Words with a meaning in expressions, which a quantifier variable would hide.
const RESERVED_VARIABLES: &[&str] = &["yes", "no", "unknown", "mixed", "fact", "decision", "alternative"];

/// The result of a quantifier over nothing.
fn empty_quantifier(op: QuantOp) -> Value {
    match op {
        QuantOp::Any => Value::Bool(false),
        QuantOp::All => Value::Bool(true),
        QuantOp::Count | QuantOp::Sum => Value::Num(0.0),
        QuantOp::Min | QuantOp::Max => Value::Missing,
    }
}

/// Folds an operation on two constants; otherwise builds the node.
fn fold_binary(op: BinaryOp, l: Expr, r: Expr) -> Expr {
    match (op, &l, &r) {
        (BinaryOp::And, Expr::Const(Value::Bool(false)), _) | (BinaryOp::And, _, Expr::Const(Value::Bool(false))) => {
            Expr::Const(Value::Bool(false))
        }
        (BinaryOp::Or, Expr::Const(Value::Bool(true)), _) | (BinaryOp::Or, _, Expr::Const(Value::Bool(true))) => {
            Expr::Const(Value::Bool(true))
        }
        (_, Expr::Const(a), Expr::Const(b)) => Expr::Const(apply_binary(op, a, b)),
        _ => Expr::Binary(op, Box::new(l), Box::new(r)),
    }
}
