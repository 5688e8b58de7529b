//! Evaluation of a bound decision against a compiled checklist.
//!
//! Work is done in phases, each over all alternatives, so that anything an
//! expression may read is ready before it is read:
//! 1. cell scores, then group, domain, perspective and total scores, equity;
//! 2. which questions apply (in dependency order);
//! 3. which are answered, and completeness;
//! 4. named scores (in dependency order);
//! 5. rules, then the verdict.
//!
//! Every expression step costs one unit of fuel from [`Limits::max_eval_steps`].

pub mod evaluation;

use crate::t;
use std::sync::Arc;

use crate::checklist::model::*;
use crate::decision::{Bound, BoundCell, Direction};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use crate::report::{TraceItem, TraceSource};
use crate::syntax::ast::{BinaryOp, QuantOp};

/// Evaluation ran out of its step budget; it leaves the stage as an
/// [`Error`] of kind [`ErrorKind::Evaluation`].
#[derive(Debug)]
pub(crate) struct EvalError {
    /// The diagnostic (code `R0001`); boxed to keep results small.
    pub diagnostic: Box<Diagnostic>,
}

impl From<EvalError> for Error {
    fn from(e: EvalError) -> Error {
        Error::one(ErrorKind::Evaluation, *e.diagnostic)
    }
}

/// A score with its uncertainty range.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Range {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

impl Range {
    fn add(&mut self, other: Range) {
        self.value += other.value;
        self.low += other.low;
        self.high += other.high;
    }
}

/// A sum of cells: its range and which cells it holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sum {
    pub range: Range,
    pub cells: Vec<usize>,
}

impl Sum {
    /// The sum's value; `None` when it holds no cell (nothing assessed).
    pub fn value(&self) -> Option<f64> {
        (!self.cells.is_empty()).then_some(self.range.value)
    }

    fn push(&mut self, cell: usize, r: Range) {
        self.range.add(r);
        self.cells.push(cell);
    }
}

/// Everything computed for one alternative.
#[derive(Debug, Clone)]
pub(crate) struct AltState {
    pub cells: Vec<Range>,
    pub groups: Vec<Sum>,
    pub domains: Vec<Sum>,
    pub perspectives: Vec<Sum>,
    pub total: Sum,
    pub vulnerable_mean: Option<f64>,
    /// Mean score of the population groups that are not vulnerable.
    pub others_mean: Option<f64>,
    pub applies: Vec<bool>,
    pub answered: Vec<bool>,
    pub completeness: f64,
    pub scores: Vec<Value>,
    pub score_traces: Vec<Vec<TraceItem>>,
    /// Per question, the indices of the cells that answer it.
    pub by_question: Vec<Vec<usize>>,
}

impl AltState {
    pub fn equity_gap(&self) -> Option<f64> {
        Some(self.vulnerable_mean? - self.others_mean?)
    }
}

/// A rule that fired.
pub(crate) struct Fired {
    pub rule: usize,
    pub alternative: Option<usize>,
    pub trace: Vec<TraceItem>,
    /// The values its message shows, as in `Rule::message_values`.
    pub values: Vec<Value>,
}

/// The outcome of evaluation, before it is shaped into a report.
pub(crate) struct Outcome {
    pub alts: Vec<AltState>,
    pub fired: Vec<Fired>,
    /// Which rule fired where, for `fired(r)`.
    pub hits: RuleHits,
}

/// Which rules fired: per rule, for the decision and for each alternative.
/// Rules run in dependency order, so a rule reading `fired(r)` finds `r`
/// already settled.
#[derive(Debug, Clone, Default)]
pub(crate) struct RuleHits {
    decision: Vec<bool>,
    /// Indexed by alternative, then rule.
    alternatives: Vec<Vec<bool>>,
}

impl RuleHits {
    fn new(rules: usize, alternatives: usize) -> RuleHits {
        RuleHits { decision: vec![false; rules], alternatives: vec![vec![false; rules]; alternatives] }
    }

    fn set(&mut self, rule: usize, alternative: Option<usize>, hit: bool) {
        let row = match alternative {
            None => &mut self.decision,
            Some(a) => &mut self.alternatives[a],
        };
        row[rule] = hit;
    }

    /// Whether `rule` fired for the decision (`alternative` is `None`) or
    /// for an alternative; false where it was not evaluated.
    fn get(&self, rule: usize, alternative: Option<usize>) -> bool {
        let row = match alternative {
            None => Some(&self.decision),
            Some(a) => self.alternatives.get(a),
        };
        row.and_then(|r| r.get(rule)).copied().unwrap_or(false)
    }
}

/// Longest trace kept for one result; later reads are dropped (and the
/// trace says so with a final `…` entry).
const MAX_TRACE: usize = 64;

/// Most distinct reads kept while evaluating one expression. Reads are
/// told apart by what they name (an index) and merged again by their text
/// when a trace is made. A few names can share a text (the group `total`
/// and the impact total; quantifier items: a group, a text of its id, a
/// screening answer, the same level id on each of the six scales), fewer
/// than sixteen per text, so this many distinct reads always hold the
/// first [`MAX_TRACE`] + 1 distinct entries the trace keeps, and the trace
/// is what it would be if every read were put into words at once.
const MAX_READS: usize = 16 * (MAX_TRACE + 1);

/// Evaluates everything for one decision. With `traced`, every named score
/// and every rule that fired carries what it read (a report shows it); a
/// compact [`crate::eval::evaluation::Evaluation`] needs no traces. Either
/// way each rule is evaluated once: with `traced`, what it reads is noted
/// by index as it goes, and named in words only if it fires.
pub(crate) fn evaluate(model: &Model, bound: &Bound, limits: &Limits, traced: bool) -> Result<Outcome, EvalError> {
    let mut fuel = limits.max_eval_steps;
    let weights = Weights::of(model);
    let mut alts: Vec<AltState> =
        bound.alternatives.iter().map(|a| cell_phase(model, &weights, &a.cells, bound.majority_language)).collect();

    for &q in &model.question_order {
        for a in 0..alts.len() {
            let applies = match &model.questions[q].when {
                None => true,
                Some(when) => Machine::new(model, bound, &alts, &mut fuel, None).condition(when, Some(a))?.0,
            };
            alts[a].applies[q] = applies;
        }
    }
    for (state, alt) in alts.iter_mut().zip(&bound.alternatives) {
        answered_phase(model, state, &alt.answers, &alt.cells);
    }
    for &s in &model.score_order {
        for a in 0..alts.len() {
            let mut m = Machine::new(model, bound, &alts, &mut fuel, traced.then(Vec::new));
            m.current = Some(a);
            let value = m.eval(&model.scores[s].value)?;
            let reads = m.take_reads();
            alts[a].scores[s] = value;
            alts[a].score_traces[s] = trace(model, bound, &reads);
        }
    }
    let mut fired = Vec::new();
    // One list of reads serves every rule: most rules do not fire, and
    // theirs are dropped without ever being put into words.
    let mut reads = Vec::new();
    let mut hits = RuleHits::new(model.rules.len(), alts.len());
    for &r in &model.rule_order {
        let rule = &model.rules[r];
        for alternative in targets(rule, bound) {
            reads.clear();
            let buffer = traced.then(|| std::mem::take(&mut reads));
            let (hit, back) = Machine::new(model, bound, &alts, &mut fuel, buffer)
                .with_hits(&hits)
                .condition(&rule.when, alternative)?;
            reads = back;
            if hit {
                let values = Machine::new(model, bound, &alts, &mut fuel, None)
                    .with_hits(&hits)
                    .message_values(&rule.message_values, alternative)?;
                fired.push(Fired { rule: r, alternative, trace: trace(model, bound, &reads), values });
            }
            hits.set(r, alternative, hit);
        }
    }
    // Findings in declaration order, whatever order the rules ran in.
    fired.sort_by_key(|f| f.rule);
    Ok(Outcome { alts, fired, hits })
}

/// One part of a rule's condition (a term of its top-level `and`), as it
/// came out for one alternative: what it read and whether it held.
pub struct ConditionPart {
    /// Whether this part is true (`false` also for a missing value).
    pub holds: bool,
    /// What it read.
    pub trace: Vec<TraceItem>,
}

/// How a rule's condition came out for one target (the decision, or one
/// alternative for rules with `each`).
pub struct RuleCheck {
    /// The alternative, for rules evaluated per alternative.
    pub alternative: Option<usize>,
    /// The condition's parts, in the order written.
    pub parts: Vec<ConditionPart>,
}

/// Evaluates rule `r`'s condition part by part for each of its targets,
/// with traces: what `explain` shows for a rule that did not fire. Costs as
/// much as one more scoring, so only `explain` calls it.
pub(crate) fn check_rule(model: &Model, bound: &Bound, limits: &Limits, r: usize) -> Result<Vec<RuleCheck>, EvalError> {
    let outcome = evaluate(model, bound, limits, false)?;
    let mut fuel = limits.max_eval_steps;
    let rule = &model.rules[r];
    let mut parts = Vec::new();
    crate::checklist::reach::flatten_and(&rule.when, &mut parts);
    let mut checks = Vec::new();
    for alternative in targets(rule, bound) {
        let mut out = Vec::new();
        for part in &parts {
            let (holds, reads) = Machine::new(model, bound, &outcome.alts, &mut fuel, Some(Vec::new()))
                .with_hits(&outcome.hits)
                .condition(part, alternative)?;
            out.push(ConditionPart { holds, trace: trace(model, bound, &reads) });
        }
        checks.push(RuleCheck { alternative, parts: out });
    }
    Ok(checks)
}

/// What a rule is evaluated for: the decision once, or each alternative
/// (each proposal) in turn.
fn targets(rule: &Rule, bound: &Bound) -> impl Iterator<Item = Option<usize>> {
    let all = bound.alternatives.iter().enumerate();
    let decision = (rule.scope == RuleScope::Decision).then_some(None);
    let each = all
        .filter(move |(_, a)| match rule.scope {
            RuleScope::Decision => false,
            RuleScope::EachAlternative => true,
            RuleScope::EachProposal => a.kind == crate::decision::AlternativeKind::Proposal,
        })
        .map(|(i, _)| Some(i));
    decision.into_iter().chain(each)
}

/// Phase 1: cell scores and their sums.
fn cell_phase(model: &Model, weights: &Weights, cells: &[BoundCell], majority: Option<NationalLanguage>) -> AltState {
    let mut state = AltState {
        cells: Vec::with_capacity(cells.len()),
        groups: vec![Sum::default(); model.groups.len()],
        domains: vec![Sum::default(); model.domains.len()],
        perspectives: vec![Sum::default(); model.perspectives.len()],
        total: Sum::default(),
        vulnerable_mean: None,
        others_mean: None,
        applies: vec![false; model.questions.len()],
        answered: vec![false; model.questions.len()],
        completeness: 1.0,
        scores: vec![Value::Missing; model.scores.len()],
        score_traces: vec![Vec::new(); model.scores.len()],
        by_question: cells_by_question(model, cells),
    };
    reserve_members(model, &mut state, cells);
    for (i, cell) in cells.iter().enumerate() {
        let r = cell_score(weights, cell);
        state.cells.push(r);
        state.groups[cell.group].push(i, r);
        state.domains[cell.domain].push(i, r);
        if let Some(p) = model.domains.get(cell.domain).map(|d| d.perspective) {
            state.perspectives[p].push(i, r);
        }
        state.total.push(i, r);
    }
    // Equity compares the vulnerable population groups with the other
    // population groups; the whole population, staff and organisations are
    // no part of either side. Each group counts by its profile, not its sum
    // (see `profile_score`), so assessing the same impact in more domains
    // or under more questions does not move the comparison.
    let assessed: Vec<(bool, f64)> = state
        .groups
        .iter()
        .zip(&model.groups)
        .filter(|(s, g)| !s.cells.is_empty() && g.category == GroupCategory::Population)
        .map(|(s, g)| (g.vulnerable_in(majority), profile_score(s.cells.iter().map(|&i| state.cells[i].value))))
        .collect();
    state.others_mean = mean(assessed.iter().filter(|a| !a.0).map(|a| a.1));
    state.vulnerable_mean = mean(assessed.iter().filter(|a| a.0).map(|a| a.1));
    state
}

/// Sizes each sum's list of cells before they are filled: a dense decision
/// otherwise regrows about 30 lists several times each, which cost a third
/// of this phase.
fn reserve_members(model: &Model, state: &mut AltState, cells: &[BoundCell]) {
    let mut counts = (vec![0usize; state.groups.len()], vec![0usize; state.domains.len()]);
    for cell in cells {
        counts.0[cell.group] += 1;
        counts.1[cell.domain] += 1;
    }
    for (sum, &n) in state.groups.iter_mut().zip(&counts.0) {
        sum.cells.reserve_exact(n);
    }
    let mut per_perspective = vec![0usize; state.perspectives.len()];
    for ((sum, &n), domain) in state.domains.iter_mut().zip(&counts.1).zip(&model.domains) {
        sum.cells.reserve_exact(n);
        if let Some(p) = per_perspective.get_mut(domain.perspective) {
            *p += n;
        }
    }
    for (sum, &n) in state.perspectives.iter_mut().zip(&per_perspective) {
        sum.cells.reserve_exact(n);
    }
    state.total.cells.reserve_exact(cells.len());
}

/// A group's profile score for the equity comparison: its strongest
/// negative cell plus its strongest positive cell (each 0 when there is
/// none). Unlike a sum, it does not change when the same impact is
/// assessed again in another domain or under another question, nor when a
/// weaker impact of the same direction is added; only a stronger impact, or
/// one of the other direction, moves it.
pub(crate) fn profile_score(values: impl Iterator<Item = f64>) -> f64 {
    let (worst, best) = values.fold((0.0f64, 0.0f64), |(w, b), v| (w.min(v), b.max(v)));
    worst + best
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// A cell's score: direction times the weights of the multiplying scales.
/// A missing level counts at the scale's default and widens the range to the
/// scale's lowest and highest weights; a mixed or unknown direction counts as
/// 0 with a range of ±1 or ±2.
fn cell_score(weights: &Weights, cell: &BoundCell) -> Range {
    let (mut value, mut low, mut high) = match cell.direction {
        Direction::Value(d) => (f64::from(d), f64::from(d), f64::from(d)),
        Direction::Mixed => (0.0, -1.0, 1.0),
        Direction::Unknown => (0.0, -2.0, 2.0),
    };
    for scale in &weights.0 {
        let (w, wl, wh) = scale.weight(cell.levels[scale.slot]);
        value *= w;
        let products = [low * wl, low * wh, high * wl, high * wh];
        low = products.iter().copied().fold(f64::INFINITY, f64::min);
        high = products.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    }
    Range { value, low, high }
}

/// The weights of the scales marked `multiplies`, in [`ScaleId::ALL`]
/// order, worked out once per evaluation rather than once per cell (a
/// missing level's weights take a pass over the scale's levels).
struct Weights(Vec<ScaleWeights>);

/// What [`scale_weight`] gives for each level of one scale.
struct ScaleWeights {
    /// The scale's place in [`ScaleId::ALL`] and in a cell's levels.
    slot: usize,
    levels: Vec<(f64, f64, f64)>,
    missing: (f64, f64, f64),
}

impl Weights {
    fn of(model: &Model) -> Weights {
        let multiplying = ScaleId::ALL.into_iter().enumerate().filter(|&(_, id)| model.scale(id).multiplies);
        Weights(
            multiplying
                .map(|(slot, id)| {
                    let scale = model.scale(id);
                    let levels = (0..scale.levels.len()).map(|i| scale_weight(scale, Some(i))).collect();
                    ScaleWeights { slot, levels, missing: scale_weight(scale, None) }
                })
                .collect(),
        )
    }
}

impl ScaleWeights {
    fn weight(&self, level: Option<usize>) -> (f64, f64, f64) {
        match level {
            // A level past the scale's end weighs 1, as in `scale_weight`.
            Some(i) => self.levels.get(i).copied().unwrap_or((1.0, 1.0, 1.0)),
            None => self.missing,
        }
    }
}

/// The weight of a level, or for a missing level the default's weight and
/// the scale's whole span.
fn scale_weight(scale: &Scale, level: Option<usize>) -> (f64, f64, f64) {
    let weight = |i: usize| scale.levels.get(i).map_or(1.0, |l| l.weight);
    match level {
        Some(i) => (weight(i), weight(i), weight(i)),
        None => {
            let lo = scale.levels.iter().map(|l| l.weight).fold(f64::INFINITY, f64::min);
            let hi = scale.levels.iter().map(|l| l.weight).fold(f64::NEG_INFINITY, f64::max);
            let point = weight(scale.default.unwrap_or(scale.levels.len() / 2));
            if lo.is_finite() { (point, lo, hi) } else { (1.0, 1.0, 1.0) }
        }
    }
}

/// For each impact question, the cells that answer it: those that name it,
/// and those that name no question but fall in its groups and domains.
/// Built once per alternative, so nothing later scans every cell for every
/// question.
fn cells_by_question(model: &Model, cells: &[BoundCell]) -> Vec<Vec<usize>> {
    // Counted first, then filled: each list is allocated once.
    fn questions_of<'a>(model: &'a Model, cell: &'a BoundCell) -> &'a [usize] {
        match &cell.question {
            Some(q) => std::slice::from_ref(q),
            None => model.impact_slots.get(&(cell.group, cell.domain)).map_or(&[][..], Vec::as_slice),
        }
    }
    let mut counts = vec![0usize; model.questions.len()];
    for cell in cells {
        for &q in questions_of(model, cell) {
            counts[q] += 1;
        }
    }
    let mut out: Vec<Vec<usize>> = counts.into_iter().map(Vec::with_capacity).collect();
    for (i, cell) in cells.iter().enumerate() {
        for &q in questions_of(model, cell) {
            out[q].push(i);
        }
    }
    out
}

/// Phase 3: answered questions and completeness.
fn answered_phase(model: &Model, state: &mut AltState, answers: &[Value], cells: &[BoundCell]) {
    let (mut required, mut answered) = (0usize, 0usize);
    for (q, question) in model.questions.iter().enumerate() {
        let done = match question.kind {
            QuestionKind::Impact => {
                let answering = &state.by_question[q];
                question.groups.iter().all(|&g| answering.iter().any(|&i| cells[i].group == g))
            }
            _ => !matches!(answers.get(q), None | Some(Value::Missing)),
        };
        state.answered[q] = done;
        if question.required && state.applies[q] {
            required += 1;
            answered += usize::from(done);
        }
    }
    state.completeness = if required == 0 { 1.0 } else { answered as f64 / required as f64 };
}

/// What a read names, by index: put into words (an id) only for a trace
/// that is kept.
#[derive(Debug, Clone, PartialEq)]
enum Name {
    Fixed(&'static str),
    Fact(usize),
    Question(usize),
    Score(usize),
    Group(usize),
    Domain(usize),
    Perspective(usize),
    /// A rule read with `fired(rule)`.
    Rule(usize),
    /// A group in a domain (`impact(group, domain)`).
    Slot(usize, usize),
    /// An item a quantifier found.
    Item(Value),
}

impl Name {
    fn id(&self, model: &Model, bound: &Bound) -> String {
        match self {
            Name::Fixed(name) => (*name).to_string(),
            Name::Fact(i) => model.facts[*i].id.clone(),
            Name::Question(q) => model.questions[*q].id.clone(),
            Name::Score(s) => model.scores[*s].id.clone(),
            Name::Group(g) => model.groups[*g].id.clone(),
            Name::Domain(d) => model.domains[*d].id.clone(),
            Name::Perspective(p) => model.perspectives[*p].id.clone(),
            Name::Rule(r) => model.rules[*r].id.clone(),
            Name::Slot(g, d) => format!("{}/{}", model.groups[*g].id, model.domains[*d].id),
            Name::Item(v) => describe_item(model, bound, v),
        }
    }
}

/// One thing an expression read, as noted while evaluating it.
#[derive(Debug, Clone)]
struct Read {
    source: TraceSource,
    /// The alternative it belongs to (an index into the decision's).
    alternative: Option<usize>,
    name: Name,
    value: Value,
}

/// Puts reads into words: the trace a report shows. Reads that come out
/// alike are kept once; past [`MAX_TRACE`] entries a final `…` says that
/// more was read.
fn trace(model: &Model, bound: &Bound, reads: &[Read]) -> Vec<TraceItem> {
    let mut trace: Vec<TraceItem> = Vec::new();
    for read in reads {
        if trace.len() > MAX_TRACE {
            break;
        }
        let alternative = read.alternative.and_then(|a| bound.alternatives.get(a)).map(|a| a.id.to_string());
        let item = TraceItem {
            source: read.source,
            alternative,
            id: read.name.id(model, bound),
            value: to_json(model, bound, &read.value),
        };
        if trace.contains(&item) {
            continue;
        }
        if trace.len() == MAX_TRACE {
            trace.push(TraceItem {
                source: read.source,
                alternative: None,
                id: "…".into(),
                value: serde_json::Value::Null,
            });
        } else {
            trace.push(item);
        }
    }
    trace
}

/// Evaluates expressions in the context of a decision and, optionally, one
/// of its alternatives.
struct Machine<'a> {
    model: &'a Model,
    bound: &'a Bound,
    alts: &'a [AltState],
    current: Option<usize>,
    vars: Vec<Value>,
    fuel: &'a mut u64,
    /// What was read, when a trace is wanted.
    reads: Option<Vec<Read>>,
    /// The rules settled so far (rule conditions only).
    hits: Option<&'a RuleHits>,
}

type Eval = Result<Value, EvalError>;

impl<'a> Machine<'a> {
    /// A machine; with `reads` (an empty list, or one to reuse), it notes
    /// what it reads there.
    fn new(
        model: &'a Model,
        bound: &'a Bound,
        alts: &'a [AltState],
        fuel: &'a mut u64,
        reads: Option<Vec<Read>>,
    ) -> Machine<'a> {
        Machine { model, bound, alts, current: None, vars: Vec::new(), fuel, reads, hits: None }
    }

    /// Lets the machine read `fired(r)` from `hits`.
    fn with_hits(mut self, hits: &'a RuleHits) -> Machine<'a> {
        self.hits = Some(hits);
        self
    }

    /// Evaluates a condition; true only for `true` (missing is false).
    /// Gives back the list of reads (empty without one).
    fn condition(mut self, e: &Expr, alternative: Option<usize>) -> Result<(bool, Vec<Read>), EvalError> {
        self.current = alternative;
        let hit = self.eval(e)? == Value::Bool(true);
        Ok((hit, self.take_reads()))
    }

    /// The values a fired rule's message shows, where it fired.
    fn message_values(
        mut self,
        values: &[crate::checklist::message::MessageValue],
        alternative: Option<usize>,
    ) -> Result<Vec<Value>, EvalError> {
        self.current = alternative;
        values.iter().map(|v| self.eval(&v.expr)).collect()
    }

    fn take_reads(&mut self) -> Vec<Read> {
        self.reads.take().unwrap_or_default()
    }

    fn record(&mut self, source: TraceSource, name: impl FnOnce() -> Name, value: &Value) {
        let (model, bound, current) = (self.model, self.bound, self.current);
        let Some(reads) = self.reads.as_mut() else { return };
        if reads.len() >= MAX_READS {
            return;
        }
        let alternative = match source {
            TraceSource::Fact | TraceSource::Decision => None,
            _ => current,
        };
        let read = Read { source, alternative, name: name(), value: value.clone() };
        let same = |r: &Read| {
            r.source == read.source
                && r.alternative == read.alternative
                && r.name == read.name
                && (r.value == read.value || to_json(model, bound, &r.value) == to_json(model, bound, &read.value))
        };
        if !reads.iter().any(same) {
            reads.push(read);
        }
    }

    fn alt(&self) -> Option<(usize, &'a AltState)> {
        let a = self.current?;
        Some((a, self.alts.get(a)?))
    }

    fn burn(&mut self) -> Result<(), EvalError> {
        if *self.fuel == 0 {
            return Err(EvalError {
                diagnostic: Box::new(
                    Diagnostic::error("R0001", t!("evaluation ran out of steps"))
                    .with_help(t!("the checklist and decision need more work than `max_eval_steps` allows; raise the limit if they are trusted")),
                ),
            });
        }
        *self.fuel -= 1;
        Ok(())
    }

    fn eval(&mut self, e: &Expr) -> Eval {
        self.burn()?;
        Ok(match e {
            Expr::Const(v) => v.clone(),
            Expr::Decision(field) => {
                let v = match field {
                    DecisionField::Id => Value::Str(self.bound.id.clone()),
                    DecisionField::Title => Value::Str(self.bound.title.clone()),
                    DecisionField::Kind => self.bound.kind.clone().map_or(Value::Missing, Value::Str),
                    DecisionField::Organisation => {
                        self.bound.organisation.map_or(Value::Missing, |o| Value::Str(o.name().into()))
                    }
                    DecisionField::Bilingual => self.bound.bilingual.map_or(Value::Missing, Value::Bool),
                    DecisionField::MajorityLanguage => {
                        self.bound.majority_language.map_or(Value::Missing, |l| Value::Str(l.name().into()))
                    }
                };
                let name = match field {
                    DecisionField::Id => "decision.id",
                    DecisionField::Title => "decision.title",
                    DecisionField::Kind => "decision.kind",
                    DecisionField::Organisation => "decision.organisation",
                    DecisionField::Bilingual => "decision.bilingual",
                    DecisionField::MajorityLanguage => "decision.majority_language",
                };
                self.record(TraceSource::Decision, || Name::Fixed(name), &v);
                v
            }
            Expr::Fact(i) => {
                let v = self.bound.facts.get(*i).cloned().unwrap_or(Value::Missing);
                self.record(TraceSource::Fact, || Name::Fact(*i), &v);
                v
            }
            Expr::Alternative(field) => {
                let Some(alt) = self.current.and_then(|a| self.bound.alternatives.get(a)) else {
                    return Ok(Value::Missing);
                };
                let (v, name) = match field {
                    AltField::Id => (Value::Str(alt.id.clone()), "alternative.id"),
                    AltField::Kind => (Value::Str(alt.kind.name().into()), "alternative.kind"),
                    AltField::IsZero => {
                        (Value::Bool(alt.kind == crate::decision::AlternativeKind::Zero), "alternative.is_zero")
                    }
                };
                self.record(TraceSource::Alternative, || Name::Fixed(name), &v);
                v
            }
            Expr::Answer(q) => {
                let v = self.answer(*q);
                self.record(TraceSource::Answer, || Name::Question(*q), &v);
                v
            }
            Expr::Score(s) => {
                let v = self.alt().and_then(|(_, st)| st.scores.get(*s).cloned()).unwrap_or(Value::Missing);
                self.record(TraceSource::Score, || Name::Score(*s), &v);
                v
            }
            Expr::Var(slot) => self.vars.get(*slot).cloned().unwrap_or(Value::Missing),
            Expr::Field(base, field) => {
                let base = self.eval(base)?;
                self.field(&base, *field)
            }
            Expr::Call(func, args) => self.call(*func, args)?,
            Expr::Not(inner) => match self.eval(inner)? {
                Value::Bool(b) => Value::Bool(!b),
                _ => Value::Missing,
            },
            Expr::Neg(inner) => match self.eval(inner)? {
                Value::Num(n) => Value::Num(-n),
                _ => Value::Missing,
            },
            Expr::Binary(BinaryOp::And, l, r) => {
                if self.eval(l)? != Value::Bool(true) {
                    return Ok(Value::Bool(false));
                }
                Value::Bool(self.eval(r)? == Value::Bool(true))
            }
            Expr::Binary(BinaryOp::Or, l, r) => {
                if self.eval(l)? == Value::Bool(true) {
                    return Ok(Value::Bool(true));
                }
                Value::Bool(self.eval(r)? == Value::Bool(true))
            }
            Expr::Binary(BinaryOp::Otherwise, l, r) => match self.eval(l)? {
                Value::Missing => self.eval(r)?,
                value => value,
            },
            Expr::If(parts) => {
                let [condition, then, otherwise] = parts.as_ref();
                // As everywhere, only `true` counts as true: a missing
                // condition takes the `else` branch.
                if self.eval(condition)? == Value::Bool(true) { self.eval(then)? } else { self.eval(otherwise)? }
            }
            Expr::ZeroOption(body) => {
                let zero =
                    self.bound.alternatives.iter().position(|a| a.kind == crate::decision::AlternativeKind::Zero);
                let Some(zero) = zero else { return Ok(Value::Missing) };
                let outer = self.current.replace(zero);
                let v = self.eval(body);
                self.current = outer;
                v?
            }
            Expr::Binary(op, l, r) => {
                let (l, r) = (self.eval(l)?, self.eval(r)?);
                apply_binary(*op, &l, &r)
            }
            Expr::List(items) => {
                let values = items.iter().map(|i| self.eval(i)).collect::<Result<Vec<_>, _>>()?;
                Value::List(values.into())
            }
            Expr::QuantAlternatives { op, proposals_only, body } => {
                self.quant_alternatives(*op, *proposals_only, body.as_deref())?
            }
            Expr::QuantBind { op, slot, collection, filter, body } => {
                self.quant_bind(*op, *slot, collection, filter.as_deref(), body.as_deref())?
            }
        })
    }

    /// The answer to a question in the current alternative; missing when the
    /// question does not apply there.
    fn answer(&self, q: usize) -> Value {
        let Some((a, state)) = self.alt() else { return Value::Missing };
        if !state.applies.get(q).copied().unwrap_or(false) {
            return Value::Missing;
        }
        let question = &self.model.questions[q];
        match question.kind {
            QuestionKind::Impact => {
                let answering = &state.by_question[q];
                let sum: f64 = answering.iter().map(|&i| state.cells[i].value).sum();
                if answering.is_empty() { Value::Missing } else { Value::Num(sum) }
            }
            _ => self.bound.alternatives[a].answers.get(q).cloned().unwrap_or(Value::Missing),
        }
    }

    fn field(&self, base: &Value, field: Field) -> Value {
        let m = self.model;
        match (base, field) {
            (Value::Group(g), Field::Id) => Value::Str(m.groups[*g].id.as_str().into()),
            (Value::Group(g), Field::Vulnerable) => {
                Value::Bool(m.groups[*g].vulnerable_in(self.bound.majority_language))
            }
            (Value::Group(g), Field::Category) => Value::Str(m.groups[*g].category.name().into()),
            (Value::Group(g), Field::AgeMin) => m.groups[*g].age.map_or(Value::Missing, |a| Value::Num(a.0)),
            (Value::Group(g), Field::AgeMax) => m.groups[*g].age.map_or(Value::Missing, |a| Value::Num(a.1)),
            (Value::Domain(d), Field::Id) => Value::Str(m.domains[*d].id.as_str().into()),
            (Value::Domain(d), Field::Perspective) => Value::Perspective(m.domains[*d].perspective),
            (Value::Perspective(p), Field::Id) => Value::Str(m.perspectives[*p].id.as_str().into()),
            (Value::Cell(a, c), field) => {
                let (Some(cell), Some(state)) =
                    (self.bound.alternatives.get(*a).and_then(|x| x.cells.get(*c)), self.alts.get(*a))
                else {
                    return Value::Missing;
                };
                match field {
                    Field::Group => Value::Group(cell.group),
                    Field::Domain => Value::Domain(cell.domain),
                    Field::Perspective => Value::Perspective(m.domains[cell.domain].perspective),
                    Field::Direction => match cell.direction {
                        Direction::Value(d) => Value::Num(f64::from(d)),
                        _ => Value::Missing,
                    },
                    Field::Scale(s) => cell.levels[s as usize].map_or(Value::Missing, |l| Value::Level(s, l)),
                    Field::Mitigated => Value::Bool(cell.mitigated),
                    Field::Score => state.cells.get(*c).map_or(Value::Missing, |r| Value::Num(r.value)),
                    Field::Mixed => Value::Bool(cell.direction == Direction::Mixed),
                    Field::Unknown => Value::Bool(cell.direction == Direction::Unknown),
                    Field::Question => {
                        cell.question.map_or(Value::Missing, |q| Value::Str(m.questions[q].id.as_str().into()))
                    }
                    _ => Value::Missing,
                }
            }
            _ => Value::Missing,
        }
    }

    fn call(&mut self, func: Func, args: &[Expr]) -> Eval {
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            values.push(self.eval(a)?);
        }
        let num = |v: Option<&Value>| match v {
            Some(Value::Num(n)) => Some(*n),
            _ => None,
        };
        let m = self.model;
        let state = self.alt().map(|(_, s)| s);
        // Nothing assessed is missing, not zero: "no impact" must be said.
        let range_value = |sum: Option<&Sum>| match sum {
            Some(s) if !s.cells.is_empty() => Value::Num(s.range.value),
            _ => Value::Missing,
        };
        let (v, trace): (Value, Option<(TraceSource, Name)>) = match (func, values.as_slice()) {
            (Func::ImpactTotal, []) => {
                (range_value(state.map(|s| &s.total)), Some((TraceSource::Impact, Name::Fixed("total"))))
            }
            (Func::ImpactGroup, [Value::Group(g)]) => {
                (range_value(state.and_then(|s| s.groups.get(*g))), Some((TraceSource::Impact, Name::Group(*g))))
            }
            (Func::ImpactDomain, [Value::Domain(d)]) => {
                (range_value(state.and_then(|s| s.domains.get(*d))), Some((TraceSource::Impact, Name::Domain(*d))))
            }
            (Func::ImpactPerspective, [Value::Perspective(p)]) => (
                range_value(state.and_then(|s| s.perspectives.get(*p))),
                Some((TraceSource::Impact, Name::Perspective(*p))),
            ),
            (Func::ImpactCell, [Value::Group(g), Value::Domain(d)]) => {
                let v = self.current.and_then(|a| {
                    let cells = &self.bound.alternatives.get(a)?.cells;
                    let st = self.alts.get(a)?;
                    let mut sum = None;
                    for (i, c) in cells.iter().enumerate() {
                        if c.group == *g && c.domain == *d {
                            *sum.get_or_insert(0.0) += st.cells[i].value;
                        }
                    }
                    sum
                });
                (v.map_or(Value::Missing, Value::Num), Some((TraceSource::Impact, Name::Slot(*g, *d))))
            }
            (Func::Mitigated, [Value::Group(g)]) => {
                let v = self.current.and_then(|a| {
                    let cells = &self.bound.alternatives.get(a)?.cells;
                    let st = self.alts.get(a)?;
                    Some(
                        cells.iter().enumerate().all(|(i, c)| c.group != *g || c.mitigated || st.cells[i].value >= 0.0),
                    )
                });
                (v.map_or(Value::Missing, Value::Bool), Some((TraceSource::Mitigated, Name::Group(*g))))
            }
            (Func::Answered, [v]) => {
                let answered = match args.first() {
                    Some(Expr::Answer(q)) => state.is_some_and(|s| s.applies[*q] && s.answered[*q]),
                    _ => *v != Value::Missing,
                };
                (Value::Bool(answered), None)
            }
            (Func::Applies(q), []) => (
                state.map_or(Value::Missing, |s| Value::Bool(s.applies[q])),
                Some((TraceSource::Applies, Name::Question(q))),
            ),
            (Func::Fired(r), []) => {
                let alternative = if m.rules[r].scope == RuleScope::Decision { None } else { self.current };
                let v = Value::Bool(self.hits.is_some_and(|h| h.get(r, alternative)));
                // A decision-wide rule fired for no alternative: its trace
                // names none, though it is read inside one.
                let current = std::mem::replace(&mut self.current, alternative);
                self.record(TraceSource::Rule, || Name::Rule(r), &v);
                self.current = current;
                (v, None)
            }
            (Func::CountFired, hits) => {
                (Value::Num(hits.iter().filter(|h| **h == Value::Bool(true)).count() as f64), None)
            }
            (Func::Completeness, []) => (
                state.map_or(Value::Missing, |s| Value::Num(s.completeness)),
                Some((TraceSource::Completeness, Name::Fixed("completeness"))),
            ),
            (Func::EquityGap, []) => (
                state.and_then(AltState::equity_gap).map_or(Value::Missing, Value::Num),
                Some((TraceSource::EquityGap, Name::Fixed("equity_gap"))),
            ),
            (Func::Abs, [a]) => (num(Some(a)).map_or(Value::Missing, |n| Value::Num(n.abs())), None),
            (Func::Round, [a]) => (num(Some(a)).map_or(Value::Missing, |n| Value::Num(n.round())), None),
            (Func::Min, [a, b]) => (both(num(Some(a)), num(Some(b)), f64::min), None),
            (Func::Max, [a, b]) => (both(num(Some(a)), num(Some(b)), f64::max), None),
            (Func::Len, [Value::List(items)]) => (Value::Num(items.len() as f64), None),
            (Func::Weight, chosen) => (chosen_weight(m, args, chosen), None),
            _ => (Value::Missing, None),
        };
        if let Some((source, name)) = trace {
            self.record(source, || name, &v);
        }
        Ok(v)
    }

    fn quant_alternatives(&mut self, op: QuantOp, proposals_only: bool, body: Option<&Expr>) -> Eval {
        let outer = self.current;
        let mut acc = Acc::new(op);
        for a in 0..self.bound.alternatives.len() {
            // `proposal` means what the decision proposes: neither the zero
            // option nor an alternative that was considered and set aside.
            if proposals_only && self.bound.alternatives[a].kind != crate::decision::AlternativeKind::Proposal {
                continue;
            }
            self.current = Some(a);
            let v = match body {
                Some(b) => self.eval(b),
                None => Ok(Value::Bool(true)),
            };
            let v = match v {
                Ok(v) => v,
                Err(e) => {
                    self.current = outer;
                    return Err(e);
                }
            };
            if acc.push(&v) {
                break;
            }
        }
        self.current = outer;
        Ok(acc.finish())
    }

    fn quant_bind(
        &mut self,
        op: QuantOp,
        slot: usize,
        collection: &Collection,
        filter: Option<&Expr>,
        body: Option<&Expr>,
    ) -> Eval {
        // Items are made one at a time from an index: no list is built for
        // the named collections, which rules range over again and again.
        let list = match collection {
            Collection::List(list) => match self.eval(list)? {
                Value::List(items) => Some(items),
                _ => Some(Arc::from([])),
            },
            _ => None,
        };
        let current = self.current;
        let len = match (collection, &list) {
            (_, Some(items)) => items.len(),
            (Collection::Groups, _) => self.model.groups.len(),
            (Collection::Domains, _) => self.model.domains.len(),
            (Collection::Perspectives, _) => self.model.perspectives.len(),
            (_, None) => current.and_then(|a| self.bound.alternatives.get(a)).map_or(0, |x| x.cells.len()),
        };
        let item = |i: usize| match (collection, &list) {
            (_, Some(items)) => items.get(i).cloned().unwrap_or(Value::Missing),
            (Collection::Groups, _) => Value::Group(i),
            (Collection::Domains, _) => Value::Domain(i),
            (Collection::Perspectives, _) => Value::Perspective(i),
            (_, None) => current.map_or(Value::Missing, |a| Value::Cell(a, i)),
        };
        let witnesses = matches!(op, QuantOp::Any | QuantOp::Count) && self.reads.is_some();
        self.vars.truncate(slot);
        let mut acc = Acc::new(op);
        for i in 0..len {
            let value = item(i);
            self.vars.truncate(slot);
            self.vars.push(value);
            if let Some(f) = filter
                && self.eval(f)? != Value::Bool(true)
            {
                continue;
            }
            let v = match body {
                Some(b) => self.eval(b)?,
                None => Value::Bool(true),
            };
            if witnesses && v == Value::Bool(true) {
                // Name the items that made `any` true or were counted, so a
                // finding says which group or cell it is about.
                let found = self.vars.get(slot).cloned().unwrap_or(Value::Missing);
                self.record(TraceSource::Match, || Name::Item(found), &Value::Bool(true));
            }
            if acc.push(&v) {
                break;
            }
        }
        self.vars.truncate(slot);
        Ok(acc.finish())
    }
}

/// An item of a collection in words, for traces: a group or domain id, or
/// a cell as `group/domain (impacts[i])`.
fn describe_item(model: &Model, bound: &Bound, v: &Value) -> String {
    match v {
        Value::Cell(a, c) => match bound.alternatives.get(*a).and_then(|x| x.cells.get(*c)) {
            Some(cell) => {
                format!("{}/{} (impacts[{}])", model.groups[cell.group].id, model.domains[cell.domain].id, cell.index)
            }
            None => String::new(),
        },
        other => match to_json(model, bound, other) {
            serde_json::Value::String(s) => s,
            json => json.to_string(),
        },
    }
}

fn both(a: Option<f64>, b: Option<f64>, f: fn(f64, f64) -> f64) -> Value {
    match (a, b) {
        (Some(a), Some(b)) => Value::Num(f(a, b)),
        _ => Value::Missing,
    }
}

/// `weight(q, ...)`: the weights of the options chosen in the questions
/// whose answers are `args` (evaluated as `chosen`), added up. Unanswered
/// questions are skipped, as `sum` skips missing values; with none
/// answered the weight is missing, so "nothing chosen" never reads as 0.
fn chosen_weight(model: &Model, args: &[Expr], chosen: &[Value]) -> Value {
    let mut total = None;
    for (arg, value) in args.iter().zip(chosen) {
        let (Expr::Answer(q), Value::Str(option)) = (arg, value) else { continue };
        let QuestionKind::Choice(options) = &model.questions[*q].kind else { continue };
        if let Some(w) = options.iter().find(|o| *o.id == **option).and_then(|o| o.weight) {
            *total.get_or_insert(0.0) += w;
        }
    }
    match total {
        Some(t) if f64::is_finite(t) => Value::Num(t),
        _ => Value::Missing,
    }
}

/// Accumulates a quantifier's result.
struct Acc {
    op: QuantOp,
    count: usize,
    sum: f64,
    best: Option<f64>,
    all: bool,
    any: bool,
}

impl Acc {
    fn new(op: QuantOp) -> Acc {
        Acc { op, count: 0, sum: 0.0, best: None, all: true, any: false }
    }

    /// Adds one body value; returns true when the result is settled.
    fn push(&mut self, v: &Value) -> bool {
        let truth = *v == Value::Bool(true);
        match self.op {
            QuantOp::Any => {
                self.any |= truth;
                self.any
            }
            QuantOp::All => {
                self.all &= truth;
                !self.all
            }
            QuantOp::Count => {
                self.count += usize::from(truth);
                false
            }
            QuantOp::Sum | QuantOp::Min | QuantOp::Max => {
                if let Value::Num(n) = v {
                    self.sum += n;
                    self.best = Some(match (self.best, self.op) {
                        (None, _) => *n,
                        (Some(b), QuantOp::Min) => b.min(*n),
                        (Some(b), _) => b.max(*n),
                    });
                }
                false
            }
        }
    }

    fn finish(self) -> Value {
        match self.op {
            QuantOp::Any => Value::Bool(self.any),
            QuantOp::All => Value::Bool(self.all),
            QuantOp::Count => Value::Num(self.count as f64),
            QuantOp::Sum => finite(self.sum),
            QuantOp::Min | QuantOp::Max => self.best.map_or(Value::Missing, finite),
        }
    }
}

fn finite(n: f64) -> Value {
    if n.is_finite() { Value::Num(n) } else { Value::Missing }
}

/// Applies a binary operator to two values (also used to fold constants
/// at compile time). Missing operands give missing arithmetic and false
/// comparisons, and `??` its other side; results that are not finite numbers
/// are missing.
pub(crate) fn apply_binary(op: BinaryOp, l: &Value, r: &Value) -> Value {
    use BinaryOp::*;
    if matches!(l, Value::Missing) || (matches!(r, Value::Missing) && op != NotIn) {
        return match op {
            Add | Sub | Mul | Div => Value::Missing,
            Otherwise if matches!(l, Value::Missing) => r.clone(),
            Otherwise => l.clone(),
            _ => Value::Bool(false),
        };
    }
    match op {
        And => Value::Bool(*l == Value::Bool(true) && *r == Value::Bool(true)),
        Or => Value::Bool(*l == Value::Bool(true) || *r == Value::Bool(true)),
        Eq => Value::Bool(l == r),
        Ne => Value::Bool(l != r),
        Lt | Le | Gt | Ge => match order(l, r) {
            Some(o) => Value::Bool(match op {
                Lt => o.is_lt(),
                Le => o.is_le(),
                Gt => o.is_gt(),
                _ => o.is_ge(),
            }),
            None => Value::Bool(false),
        },
        In | NotIn => match r {
            Value::List(items) => Value::Bool(items.contains(l) == (op == In)),
            _ => Value::Bool(false),
        },
        Otherwise => l.clone(),
        Add | Sub | Mul | Div => match (l, r) {
            (Value::Num(a), Value::Num(b)) => finite(match op {
                Add => a + b,
                Sub => a - b,
                Mul => a * b,
                _ => a / b,
            }),
            _ => Value::Missing,
        },
    }
}

fn order(l: &Value, r: &Value) -> Option<std::cmp::Ordering> {
    match (l, r) {
        (Value::Num(a), Value::Num(b)) => a.partial_cmp(b),
        (Value::Level(sa, a), Value::Level(sb, b)) if sa == sb => Some(a.cmp(b)),
        _ => None,
    }
}

/// A value as JSON, for traces.
pub(crate) fn to_json(model: &Model, bound: &Bound, v: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        Value::Missing => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Num(n) => crate::report::assemble::number(*n),
        Value::Str(s) => J::String(s.to_string()),
        Value::Screening(s) => J::String(s.name().into()),
        Value::Group(g) => J::String(model.groups[*g].id.clone()),
        Value::Domain(d) => J::String(model.domains[*d].id.clone()),
        Value::Perspective(p) => J::String(model.perspectives[*p].id.clone()),
        Value::Level(s, l) => J::String(model.scale(*s).levels.get(*l).map_or(String::new(), |x| x.id.clone())),
        Value::Cell(a, c) => J::String(format!(
            "{}.impacts[{}]",
            bound.alternatives.get(*a).map_or("", |x| &*x.id),
            bound.alternatives.get(*a).and_then(|x| x.cells.get(*c)).map_or(*c, |x| x.index)
        )),
        Value::List(items) => J::Array(items.iter().map(|i| to_json(model, bound, i)).collect()),
    }
}
