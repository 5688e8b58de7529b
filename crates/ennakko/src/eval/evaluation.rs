//! The compact result of scoring: the verdict, the rules that fired and the
//! numbers, without the report.
//!
//! A batch over a region's archive, or a drafting page re-scoring on every
//! keystroke, needs the verdict and the numbers, not the labels, cells,
//! traces and texts of a full [`crate::Report`]. An [`Evaluation`] holds
//! indices into the checklist's model and plain numbers in flat arrays; it is
//! made without traces, so each rule is evaluated once. The report stays
//! one call away ([`crate::Checklist::score`]) and says the same: both route
//! fired rules with `role`.
//!
//! ```
//! let checklist = ennakko::Checklist::standard("eva").unwrap();
//! let text = std::fs::read_to_string("../../examples/village-school/decision.yaml").unwrap();
//! let decision = ennakko::Decision::from_str(&text, ennakko::Format::Yaml, checklist.limits()).unwrap();
//! let evaluation = checklist.evaluate(&decision).unwrap();
//! let report = checklist.score(&decision).unwrap();
//! assert_eq!(evaluation.verdict, report.verdict.level);
//! ```

use crate::checklist::model::{Model, RuleKind, Value, VerdictLevel};
use crate::decision::{AlternativeKind, Bound};
use crate::eval::Outcome;

/// What a rule that fired stands for in the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A verdict rule that fired for the decision or a proposal: a reason
    /// for the verdict.
    Reason,
    /// Any other rule that fired for the decision or a proposal.
    Finding,
    /// A rule that fired for the zero option or an alternative set aside:
    /// it informs the comparison and never sets the verdict.
    Comparison,
}

/// A rule that fired, for the decision or for one alternative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiredRule {
    /// Index into the checklist's [`Model::rules`].
    pub rule: usize,
    /// Index into the decision's alternatives, for rules evaluated per
    /// alternative.
    pub alternative: Option<usize>,
    /// What it stands for.
    pub role: Role,
}

/// The numbers of one alternative. Sums with no cell are `None` (nothing
/// was assessed there), as in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Numbers {
    /// The alternative's id.
    pub id: String,
    /// Zero option, proposal or other.
    pub kind: AlternativeKind,
    /// Sum of every cell; `None` without cells.
    pub total: Option<f64>,
    /// Per group, in the order of [`Model::groups`].
    pub groups: Vec<Option<f64>>,
    /// Per domain, in the order of [`Model::domains`].
    pub domains: Vec<Option<f64>>,
    /// Per perspective, in the order of [`Model::perspectives`].
    pub perspectives: Vec<Option<f64>>,
    /// Named scores that came out as numbers, in the order of
    /// [`Model::scores`]; `None` for missing ones and for true/false or
    /// text scores (the report has those).
    pub scores: Vec<Option<f64>>,
    /// Mean of the vulnerable population groups minus the mean of the other
    /// population groups, where both have cells.
    pub equity_gap: Option<f64>,
    /// Share of the required questions that apply and are answered.
    pub completeness: f64,
}

/// The compact result of scoring one decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The decision's id.
    pub decision: String,
    /// The verdict: the highest level among the reasons, `None` without one.
    pub verdict: VerdictLevel,
    /// Every rule that fired, in checklist order, then alternative order.
    pub fired: Vec<FiredRule>,
    /// Per alternative, in the decision's order.
    pub alternatives: Vec<Numbers>,
}

impl Evaluation {
    /// The fired rules of one role, as indices into [`Model::rules`].
    ///
    /// ```
    /// # let checklist = ennakko::Checklist::standard("eva").unwrap();
    /// # let text = std::fs::read_to_string("../../examples/village-school/decision.yaml").unwrap();
    /// # let decision = ennakko::Decision::from_str(&text, ennakko::Format::Yaml, checklist.limits()).unwrap();
    /// use ennakko::eval::evaluation::Role;
    /// let evaluation = checklist.evaluate(&decision).unwrap();
    /// let reasons: Vec<&str> =
    ///     evaluation.rules(Role::Reason).map(|r| checklist.model().rules[r].id.as_str()).collect();
    /// assert!(!reasons.is_empty());
    /// ```
    pub fn rules(&self, role: Role) -> impl Iterator<Item = usize> + '_ {
        self.fired.iter().filter(move |f| f.role == role).map(|f| f.rule)
    }

    /// The numbers of the first proposal: what a decision with one
    /// proposal is about.
    ///
    /// ```
    /// # let checklist = ennakko::Checklist::standard("eva").unwrap();
    /// # let text = std::fs::read_to_string("../../examples/village-school/decision.yaml").unwrap();
    /// # let decision = ennakko::Decision::from_str(&text, ennakko::Format::Yaml, checklist.limits()).unwrap();
    /// let evaluation = checklist.evaluate(&decision).unwrap();
    /// assert_eq!(evaluation.proposal().unwrap().kind, ennakko::decision::AlternativeKind::Proposal);
    /// ```
    pub fn proposal(&self) -> Option<&Numbers> {
        self.alternatives.iter().find(|a| a.kind == AlternativeKind::Proposal)
    }

    /// The evaluation as plain data with ids instead of indices, for front
    /// ends that speak JSON (the WebAssembly package): `decision`,
    /// `verdict`, `reasons`, `findings` and `comparison` (rule ids),
    /// `fired` (`{rule, alternative, role}`), and per alternative `id`,
    /// `kind`, `total`, `completeness`, `equity_gap`, and `groups`,
    /// `domains`, `perspectives` and `scores` by id (`null` where nothing
    /// was assessed). Numbers are not rounded.
    ///
    /// ```
    /// # let checklist = ennakko::Checklist::standard("eva").unwrap();
    /// # let text = std::fs::read_to_string("../../examples/village-school/decision.yaml").unwrap();
    /// # let decision = ennakko::Decision::from_str(&text, ennakko::Format::Yaml, checklist.limits()).unwrap();
    /// let json = checklist.evaluate(&decision).unwrap().to_json(checklist.model());
    /// assert_eq!(json["verdict"], "full");
    /// assert_eq!(json["alternatives"][1]["groups"]["children"], -2.5);
    /// ```
    pub fn to_json(&self, model: &Model) -> serde_json::Value {
        use serde_json::{Value as Json, json};
        let rule_ids = |role: Role| -> Vec<&str> { self.rules(role).map(|r| model.rules[r].id.as_str()).collect() };
        let by_id = |ids: Vec<&str>, values: &[Option<f64>]| -> Json {
            ids.into_iter()
                .zip(values)
                .map(|(id, v)| (id.to_string(), json!(v)))
                .collect::<serde_json::Map<_, _>>()
                .into()
        };
        let fired: Vec<Json> = self
            .fired
            .iter()
            .map(|f| {
                let alternative = f.alternative.and_then(|a| self.alternatives.get(a)).map(|a| a.id.as_str());
                json!({"rule": model.rules[f.rule].id, "alternative": alternative, "role": role_name(f.role)})
            })
            .collect();
        let alternatives: Vec<Json> = self
            .alternatives
            .iter()
            .map(|a| {
                json!({
                    "id": a.id,
                    "kind": a.kind.name(),
                    "total": a.total,
                    "completeness": a.completeness,
                    "equity_gap": a.equity_gap,
                    "groups": by_id(model.groups.iter().map(|g| g.id.as_str()).collect(), &a.groups),
                    "domains": by_id(model.domains.iter().map(|d| d.id.as_str()).collect(), &a.domains),
                    "perspectives": by_id(model.perspectives.iter().map(|p| p.id.as_str()).collect(), &a.perspectives),
                    "scores": by_id(model.scores.iter().map(|s| s.id.as_str()).collect(), &a.scores),
                })
            })
            .collect();
        json!({
            "decision": self.decision,
            "verdict": self.verdict,
            "reasons": rule_ids(Role::Reason),
            "findings": rule_ids(Role::Finding),
            "comparison": rule_ids(Role::Comparison),
            "fired": fired,
            "alternatives": alternatives,
        })
    }
}

/// The role's name in data: `reason`, `finding` or `comparison`.
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Reason => "reason",
        Role::Finding => "finding",
        Role::Comparison => "comparison",
    }
}

/// What a rule that fired for `alternative` stands for: the verdict is
/// about what the decision proposes, so what fired for the zero option or an
/// alternative set aside is comparison only.
pub(crate) fn role(model: &Model, bound: &Bound, rule: usize, alternative: Option<usize>) -> Role {
    let proposed =
        alternative.and_then(|a| bound.alternatives.get(a)).is_none_or(|a| a.kind == AlternativeKind::Proposal);
    match model.rules[rule].kind {
        _ if !proposed => Role::Comparison,
        RuleKind::Verdict(_) => Role::Reason,
        _ => Role::Finding,
    }
}

/// The verdict level a reason gives (`None` for any other rule).
pub(crate) fn level(model: &Model, rule: usize) -> Option<VerdictLevel> {
    match model.rules[rule].kind {
        RuleKind::Verdict(level) => Some(level),
        _ => None,
    }
}

/// Shapes an outcome into an evaluation.
pub(crate) fn summarize(model: &Model, bound: &Bound, outcome: &Outcome) -> Evaluation {
    let fired: Vec<FiredRule> = outcome
        .fired
        .iter()
        .map(|f| FiredRule {
            rule: f.rule,
            alternative: f.alternative,
            role: role(model, bound, f.rule, f.alternative),
        })
        .collect();
    let verdict = fired
        .iter()
        .filter(|f| f.role == Role::Reason)
        .filter_map(|f| level(model, f.rule))
        .max()
        .unwrap_or(VerdictLevel::None);
    let sums = |sums: &[crate::eval::Sum]| sums.iter().map(crate::eval::Sum::value).collect();
    let alternatives = outcome
        .alts
        .iter()
        .zip(&bound.alternatives)
        .map(|(state, alt)| Numbers {
            id: alt.id.to_string(),
            kind: alt.kind,
            total: state.total.value(),
            groups: sums(&state.groups),
            domains: sums(&state.domains),
            perspectives: sums(&state.perspectives),
            scores: state.scores.iter().map(|v| if let Value::Num(n) = v { Some(*n) } else { None }).collect(),
            equity_gap: state.equity_gap(),
            completeness: state.completeness,
        })
        .collect();
    Evaluation { decision: bound.id.to_string(), verdict, fired, alternatives }
}
