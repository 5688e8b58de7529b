//! Decides, where it can, that a question's condition is never true.
//!
//! Only sound conclusions: a condition is reported only if it is false for
//! every decision. The cases decided are a condition that folds to false, a
//! conjunction that needs one value to equal two different constants (or to
//! lie in an empty numeric interval), and a conjunction that needs an answer
//! to a question that itself never applies.

use std::collections::HashMap;

use crate::checklist::model::{Expr, Value};
use crate::syntax::ast::BinaryOp;

/// Why `when` can never be true, or `None` if it may be true.
pub(crate) fn never_true(when: &Expr, never: &[bool]) -> Option<String> {
    if matches!(when, Expr::Const(Value::Bool(false) | Value::Missing)) {
        return Some("its condition is always false".into());
    }
    let mut conjuncts = Vec::new();
    flatten_and(when, &mut conjuncts);
    let mut equal: HashMap<String, &Value> = HashMap::new();
    let mut bounds: HashMap<String, (f64, f64)> = HashMap::new();
    for c in conjuncts {
        if matches!(c, Expr::Const(Value::Bool(false) | Value::Missing)) {
            return Some("one part of its condition is always false".into());
        }
        let Expr::Binary(op, l, r) = c else { continue };
        let (subject, op, constant) = match (l.as_ref(), r.as_ref()) {
            (s, Expr::Const(v)) => (s, *op, v),
            (Expr::Const(v), s) => (s, flip(*op), v),
            _ => continue,
        };
        if let Expr::Answer(q) = subject
            && never.get(*q).copied().unwrap_or(false)
        {
            return Some("it needs an answer to a question that never applies".into());
        }
        let key = format!("{subject:?}");
        match (op, constant) {
            (BinaryOp::Eq, v) => {
                if let Some(prev) = equal.insert(key, v)
                    && prev != v
                {
                    return Some("it needs one value to equal two different things".into());
                }
            }
            (BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge, Value::Num(n)) => {
                let b = bounds.entry(key).or_insert((f64::NEG_INFINITY, f64::INFINITY));
                match op {
                    BinaryOp::Lt => b.1 = b.1.min(n.next_down()),
                    BinaryOp::Le => b.1 = b.1.min(*n),
                    BinaryOp::Gt => b.0 = b.0.max(n.next_up()),
                    _ => b.0 = b.0.max(*n),
                }
                if b.0 > b.1 {
                    return Some("it needs a number to be both above and below a limit".into());
                }
            }
            (BinaryOp::In, Value::List(items)) if items.is_empty() => {
                return Some("it needs a value to be in an empty list".into());
            }
            _ => {}
        }
    }
    None
}

/// The terms of a chain of `and`, left to right (also what `explain` shows
/// of a rule's condition, part by part).
pub(crate) fn flatten_and<'a>(e: &'a Expr, out: &mut Vec<&'a Expr>) {
    match e {
        Expr::Binary(BinaryOp::And, l, r) => {
            flatten_and(l, out);
            flatten_and(r, out);
        }
        other => out.push(other),
    }
}

fn flip(op: BinaryOp) -> BinaryOp {
    match op {
        BinaryOp::Lt => BinaryOp::Gt,
        BinaryOp::Le => BinaryOp::Ge,
        BinaryOp::Gt => BinaryOp::Lt,
        BinaryOp::Ge => BinaryOp::Le,
        other => other,
    }
}
