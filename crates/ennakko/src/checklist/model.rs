//! The checked and compiled checklist: every name resolved to an index,
//! every expression typed, scores in evaluation order.
//!
//! This is what [`crate::Checklist`] holds. It is immutable after
//! compilation, `Send + Sync`, and evaluates without string lookups.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::syntax::ast::{BinaryOp, QuantOp};
use crate::syntax::source::SourceMap;

/// Multilingual text: language tag to text, in tag order.
pub type Text = BTreeMap<String, String>;

/// A hash map keyed by ids or indices: foldhash, seeded per process.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A hash set of the same kind as [`FastMap`].
pub type FastSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// A compiled checklist.
#[derive(Debug, Clone)]
pub struct Model {
    /// The checklist id (`eva`).
    pub id: String,
    /// Its version string.
    pub version: String,
    /// Its title.
    pub title: Text,
    /// Languages every user-facing text must have.
    pub languages: Vec<String>,
    /// Legal basis and sources, as written.
    pub source: Option<String>,
    /// Names of the imported checklists and files, in load order.
    pub imports: Vec<String>,
    /// EVA perspectives.
    pub perspectives: Vec<Perspective>,
    /// Impact domains.
    pub domains: Vec<Domain>,
    /// Population groups.
    pub groups: Vec<Group>,
    /// Assessment scales, indexed by [`ScaleId`].
    pub scales: Vec<Scale>,
    /// Declared decision facts.
    pub facts: Vec<Fact>,
    /// Questions, in declaration order.
    pub questions: Vec<Question>,
    /// Named scores, in declaration order.
    pub scores: Vec<Score>,
    /// Rules, in declaration order.
    pub rules: Vec<Rule>,
    /// Score indices in an order where each score comes after those it uses.
    pub score_order: Vec<usize>,
    /// Question indices in an order where each question comes after the
    /// questions its condition uses.
    pub question_order: Vec<usize>,
    /// Rule indices in an order where each rule comes after the rules
    /// whose `fired(...)` its condition reads.
    pub rule_order: Vec<usize>,
    /// Warnings found while checking.
    pub warnings: Vec<Diagnostic>,
    /// Impact questions by the (group, domain) pairs they cover: a cell that
    /// names no question answers these.
    pub impact_slots: FastMap<(usize, usize), Vec<usize>>,
    /// Index of group, domain, question and fact ids, for binding decisions.
    pub ids: FastMap<String, Entity>,
    /// The labels reports need, built once.
    pub vocabulary: Arc<crate::report::Vocabulary>,
    /// The source files, for diagnostics and the formatter.
    pub sources: Arc<SourceMap>,
}

/// What an id names, for lookups when binding a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    /// A group index.
    Group(usize),
    /// A domain index.
    Domain(usize),
    /// A question index.
    Question(usize),
    /// A fact index.
    Fact(usize),
}

impl Model {
    /// The group with this id.
    pub fn group_index(&self, id: &str) -> Option<usize> {
        match self.ids.get(id) {
            Some(Entity::Group(i)) => Some(*i),
            _ => None,
        }
    }

    /// The domain with this id.
    pub fn domain_index(&self, id: &str) -> Option<usize> {
        match self.ids.get(id) {
            Some(Entity::Domain(i)) => Some(*i),
            _ => None,
        }
    }

    /// The question with this id.
    pub fn question_index(&self, id: &str) -> Option<usize> {
        match self.ids.get(id) {
            Some(Entity::Question(i)) => Some(*i),
            _ => None,
        }
    }

    /// The fact with this id.
    pub fn fact_index(&self, id: &str) -> Option<usize> {
        match self.ids.get(id) {
            Some(Entity::Fact(i)) => Some(*i),
            _ => None,
        }
    }

    /// The scale with this id.
    pub fn scale(&self, id: ScaleId) -> &Scale {
        &self.scales[id as usize]
    }
}

/// An EVA perspective (residents, environment, organisation, economy).
#[derive(Debug, Clone, Serialize)]
pub struct Perspective {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
}

/// An impact domain.
#[derive(Debug, Clone, Serialize)]
pub struct Domain {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Index of its perspective.
    pub perspective: usize,
}

/// A population group.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Definition, if written.
    pub definition: Option<Text>,
    /// Inclusive age range.
    pub age: Option<(f64, f64)>,
    /// Legal basis.
    pub basis: Option<String>,
    /// Counts in the equity gap.
    pub vulnerable: bool,
    /// Whether it is a population group, the whole population, staff or
    /// organisations: only population groups are compared for equity.
    pub category: GroupCategory,
    /// Parent groups (two or more: an intersection).
    pub parents: Vec<usize>,
    /// For a national-language group (`national_language fi | sv`): its
    /// language. Such a group is vulnerable exactly when its language is
    /// not the majority language the decision gives; when the decision
    /// gives none, `vulnerable` as written holds.
    pub national_language: Option<NationalLanguage>,
}

impl Group {
    /// Whether the group counts as vulnerable in a decision whose
    /// organisation has `majority` as its majority language: a
    /// national-language group is vulnerable when it is the language
    /// minority; other groups as declared.
    pub fn vulnerable_in(&self, majority: Option<NationalLanguage>) -> bool {
        match (self.national_language, majority) {
            (Some(own), Some(majority)) => own != majority,
            _ => self.vulnerable,
        }
    }
}

/// Finland's national languages, Finnish and Swedish (Perustuslaki 17 §).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NationalLanguage {
    /// Finnish.
    Fi,
    /// Swedish.
    Sv,
}

impl NationalLanguage {
    /// The language code (`fi`, `sv`).
    pub fn name(self) -> &'static str {
        match self {
            NationalLanguage::Fi => "fi",
            NationalLanguage::Sv => "sv",
        }
    }

    fn from_name(name: &str) -> Option<NationalLanguage> {
        match name {
            "fi" => Some(NationalLanguage::Fi),
            "sv" => Some(NationalLanguage::Sv),
            _ => None,
        }
    }

    /// The language a checklist word names (`fi`, `sv`).
    pub fn parse(name: &str) -> Option<NationalLanguage> {
        NationalLanguage::from_name(name)
    }
}

/// What kind of group a group is. Equity compares population groups only:
/// the whole population, the organisation's staff and businesses or other
/// organisations are affected too, but they are not parts of the
/// population whose differences an equity statement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GroupCategory {
    /// A part of the population (children, older people, ...): the default.
    #[default]
    Population,
    /// The whole population of the area.
    Everyone,
    /// The deciding organisation's staff.
    Staff,
    /// Businesses, associations and other organisations.
    Organisations,
}

impl GroupCategory {
    /// Every category, in the order the docs list them.
    pub const ALL: [GroupCategory; 4] =
        [GroupCategory::Population, GroupCategory::Everyone, GroupCategory::Staff, GroupCategory::Organisations];

    /// The category as written in a checklist.
    ///
    /// ```
    /// assert_eq!(ennakko::checklist::model::GroupCategory::Staff.name(), "staff");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            GroupCategory::Population => "population",
            GroupCategory::Everyone => "everyone",
            GroupCategory::Staff => "staff",
            GroupCategory::Organisations => "organisations",
        }
    }

    /// The category a checklist word names.
    pub fn from_name(name: &str) -> Option<GroupCategory> {
        GroupCategory::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// The redefinable assessment scales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleId {
    /// How large the impact is.
    Magnitude,
    /// How likely it is.
    Likelihood,
    /// How many people it reaches.
    People,
    /// When it is felt.
    Timing,
    /// Whether it can be undone.
    Reversibility,
    /// How well it is known.
    Evidence,
}

impl ScaleId {
    /// All scales, in index order.
    pub const ALL: [ScaleId; 6] = [
        ScaleId::Magnitude,
        ScaleId::Likelihood,
        ScaleId::People,
        ScaleId::Timing,
        ScaleId::Reversibility,
        ScaleId::Evidence,
    ];

    /// The scale's id in checklists and decisions.
    ///
    /// ```
    /// assert_eq!(ennakko::checklist::model::ScaleId::Evidence.name(), "evidence");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            ScaleId::Magnitude => "magnitude",
            ScaleId::Likelihood => "likelihood",
            ScaleId::People => "people",
            ScaleId::Timing => "timing",
            ScaleId::Reversibility => "reversibility",
            ScaleId::Evidence => "evidence",
        }
    }

    /// The scale with this id, if any.
    pub fn from_name(name: &str) -> Option<ScaleId> {
        ScaleId::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// An assessment scale.
#[derive(Debug, Clone, Serialize)]
pub struct Scale {
    /// Which scale.
    pub id: ScaleId,
    /// Label.
    pub label: Text,
    /// Whether level weights multiply the cell score.
    pub multiplies: bool,
    /// Level assumed when a cell leaves the scale out.
    pub default: Option<usize>,
    /// Levels, lowest first.
    pub levels: Vec<Level>,
}

/// One level of a scale.
#[derive(Debug, Clone, Serialize)]
pub struct Level {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Weight.
    pub weight: f64,
}

/// An option of a choice question or fact.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// The option's weight (`option high 3 { ... }`), read by `weight(q)`;
    /// either every option of a question has one or none has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

/// What kind of value a fact holds.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// A number, optionally within a range.
    Number {
        /// Inclusive range.
        range: Option<(f64, f64)>,
    },
    /// A string.
    Text,
    /// true / false.
    Flag,
    /// One of the options.
    Choice(Vec<Choice>),
    /// A list of strings.
    List,
}

/// A declared decision fact.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Kind.
    pub kind: FactKind,
    /// Unit, e.g. `EUR`.
    pub unit: Option<String>,
}

/// The kinds of question.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Yes / no / unknown trigger.
    Screening,
    /// Impact cells per group and domain.
    Impact,
    /// One of the options.
    Choice(Vec<Choice>),
    /// A number.
    Number {
        /// Inclusive range.
        range: Option<(f64, f64)>,
    },
    /// Free text.
    Text,
}

impl QuestionKind {
    /// The kind's keyword.
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::Screening => "screening",
            QuestionKind::Impact => "impact",
            QuestionKind::Choice(_) => "choice",
            QuestionKind::Number { .. } => "number",
            QuestionKind::Text => "text",
        }
    }
}

/// A checklist question.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// Id.
    pub id: String,
    /// Kind.
    pub kind: QuestionKind,
    /// The question text.
    pub text: Text,
    /// Help text.
    pub help: Option<Text>,
    /// Unit of a number answer.
    pub unit: Option<String>,
    /// Domains it concerns.
    pub domains: Vec<usize>,
    /// Groups it concerns.
    pub groups: Vec<usize>,
    /// Relevance condition (alternative scope).
    #[serde(skip)]
    pub when: Option<Expr>,
    /// Must be answered when it applies.
    pub required: bool,
}

/// A named score.
#[derive(Debug, Clone, Serialize)]
pub struct Score {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Its formula (alternative scope).
    #[serde(skip)]
    pub value: Expr,
    /// The checklist's own levels the value falls into (`level high from
    /// 0.6 { ... }`), lowest first; empty when the score has none.
    pub levels: Vec<ScoreLevel>,
}

/// One of a score's levels: the values from its threshold up to the next
/// level's.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreLevel {
    /// Id, named in expressions as `score.level`.
    pub id: String,
    /// Label.
    pub label: Text,
    /// The value the level starts from; `None` for the lowest level,
    /// which takes every value below the next one's.
    pub from: Option<f64>,
}

impl Score {
    /// The level a value of this score falls into: the last level whose
    /// threshold the value reaches. `None` when the score has no levels.
    /// The value is compared as the report shows it (to six decimals), so
    /// `3 * 0.2` reaches a threshold of 0.6 and a reader never sees a value
    /// and a level that disagree. Thresholds increase (the checker makes
    /// sure), so this is a binary search.
    ///
    /// ```
    /// use ennakko::checklist::model::{Expr, Score, ScoreLevel, Value};
    /// let level = |id: &str, from| ScoreLevel { id: id.into(), label: Default::default(), from };
    /// let score = Score {
    ///     id: "risk".into(),
    ///     label: Default::default(),
    ///     value: Expr::Const(Value::Missing),
    ///     levels: vec![level("low", None), level("high", Some(0.6))],
    /// };
    /// assert_eq!(score.level_of(0.59), Some(0));
    /// assert_eq!(score.level_of(0.6), Some(1));
    /// assert_eq!(score.level_of(3.0 * 0.2), Some(1)); // 0.6000000000000001
    /// assert_eq!(score.level_of(0.1 * 6.0 - 1e-12), Some(1));
    /// ```
    pub fn level_of(&self, value: f64) -> Option<usize> {
        if self.levels.is_empty() {
            return None;
        }
        let value = crate::report::assemble::round(value);
        let reached = self.levels.partition_point(|l| l.from.is_none_or(|from| value >= from));
        Some(reached.saturating_sub(1))
    }
}

/// Where a rule is evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleScope {
    /// Once for the whole decision.
    Decision,
    /// For every alternative.
    EachAlternative,
    /// For every alternative except the zero option.
    EachProposal,
}

/// What a rule produces when it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// An informative finding.
    Info,
    /// Something to look at.
    Warning,
    /// Something that must be done before deciding.
    Required,
    /// A screening verdict.
    Verdict(VerdictLevel),
}

/// The screening verdict.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum VerdictLevel {
    /// No impact assessment needed (the reason is recorded).
    None,
    /// A light assessment.
    Light,
    /// A full impact assessment is required.
    Full,
}

impl VerdictLevel {
    /// The level's name, as it is written in reports and JSON.
    ///
    /// ```
    /// assert_eq!(ennakko::checklist::model::VerdictLevel::Full.name(), "full");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            VerdictLevel::None => "none",
            VerdictLevel::Light => "light",
            VerdictLevel::Full => "full",
        }
    }
}

/// A rule.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    /// Id.
    pub id: String,
    /// What it produces.
    pub kind: RuleKind,
    /// Where it is evaluated.
    pub scope: RuleScope,
    /// Its condition.
    #[serde(skip)]
    pub when: Expr,
    /// The finding's message, with values in braces as written
    /// (`"Costs {fact.cost_eur} euros."`).
    pub message: Text,
    /// The values the message shows, each once.
    #[serde(skip)]
    pub message_values: Vec<crate::checklist::message::MessageValue>,
}

impl Rule {
    /// The message with each value shown as `…`: for lists of rules, where
    /// there is no alternative the values would belong to.
    ///
    /// ```
    /// let checklist = ennakko::Checklist::standard("eva").unwrap();
    /// let rule = &checklist.model().rules[0];
    /// assert_eq!(rule.message_without_values(), rule.message);
    /// ```
    pub fn message_without_values(&self) -> Text {
        if self.message_values.is_empty() {
            return self.message.clone();
        }
        self.message
            .iter()
            .map(|(lang, text)| (lang.clone(), crate::checklist::message::fill(text, |_| "…".into())))
            .collect()
    }
}

/// Screening answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Screening {
    /// Yes.
    Yes,
    /// No.
    No,
    /// Not known.
    Unknown,
}

impl Screening {
    /// The answer as written.
    pub fn name(self) -> &'static str {
        match self {
            Screening::Yes => "yes",
            Screening::No => "no",
            Screening::Unknown => "unknown",
        }
    }
}

/// A runtime value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value: unanswered, absent, or undefined arithmetic.
    Missing,
    /// true / false.
    Bool(bool),
    /// A number (always finite).
    Num(f64),
    /// A string.
    Str(Arc<str>),
    /// A screening answer.
    Screening(Screening),
    /// A group index.
    Group(usize),
    /// A domain index.
    Domain(usize),
    /// A perspective index.
    Perspective(usize),
    /// A level of a scale.
    Level(ScaleId, usize),
    /// A level of a named score (`level(risk)`, `risk.high`): the score's
    /// index and the level's.
    ScoreLevel(usize, usize),
    /// An impact cell: alternative index and cell index.
    Cell(usize, usize),
    /// A list.
    List(Arc<[Value]>),
}

/// Fields of the decision reachable as `decision.*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionField {
    /// `decision.id`
    Id,
    /// `decision.kind`
    Kind,
    /// `decision.title`
    Title,
    /// `decision.organisation`: `"municipality"` or `"county"`
    Organisation,
    /// `decision.bilingual`
    Bilingual,
    /// `decision.majority_language`: `"fi"` or `"sv"`
    MajorityLanguage,
}

/// Fields of the current alternative, `alternative.*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AltField {
    /// `alternative.id`
    Id,
    /// `alternative.kind`
    Kind,
    /// `alternative.is_zero`
    IsZero,
}

/// Fields of groups, domains, perspectives and cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The id, as a string.
    Id,
    /// `g.category`: `"population"`, `"everyone"`, `"staff"` or `"organisations"`
    Category,
    /// `g.vulnerable`
    Vulnerable,
    /// `g.age_min`
    AgeMin,
    /// `g.age_max`
    AgeMax,
    /// `d.perspective` or `c.perspective`
    Perspective,
    /// `c.group`
    Group,
    /// `c.domain`
    Domain,
    /// `c.direction`
    Direction,
    /// `c.magnitude` and the other scale levels of a cell.
    Scale(ScaleId),
    /// `c.mitigated`
    Mitigated,
    /// `c.score`
    Score,
    /// `c.mixed`: the direction is `mixed`.
    Mixed,
    /// `c.unknown`: the direction is `unknown`.
    Unknown,
    /// `c.question`: the id of the impact question the cell names.
    Question,
}

/// The names of the built-in functions, as written in checklists (editors
/// offer them for completion).
///
/// ```
/// assert!(ennakko::checklist::model::FUNCTIONS.contains(&"fired"));
/// ```
pub const FUNCTIONS: &[&str] = &[
    "impact",
    "mitigated",
    "answered",
    "applies",
    "completeness",
    "equity_gap",
    "fired",
    "count_fired",
    "zero_option",
    "weight",
    "max_weight",
    "min_weight",
    "level",
    "abs",
    "round",
    "min",
    "max",
    "len",
];

/// Built-in functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// `impact()`
    ImpactTotal,
    /// `impact(g)`
    ImpactGroup,
    /// `impact(d)`
    ImpactDomain,
    /// `impact(p)`
    ImpactPerspective,
    /// `impact(g, d)`
    ImpactCell,
    /// `mitigated(g)`
    Mitigated,
    /// `answered(x)`
    Answered,
    /// `applies(q)`; the question index is the constant argument.
    Applies(usize),
    /// `completeness()`
    Completeness,
    /// `equity_gap()`
    EquityGap,
    /// `abs(x)`
    Abs,
    /// `round(x)`
    Round,
    /// `min(a, b)`
    Min,
    /// `max(a, b)`
    Max,
    /// `len(list)`
    Len,
    /// `fired(r)`: whether rule `r` fired (for the decision, or for the
    /// current alternative when `r` has `each`); the rule index is the
    /// constant argument.
    Fired(usize),
    /// `count_fired(r, ...)`: how many of the rules fired (the arguments
    /// are their `fired(r)` reads).
    CountFired,
    /// `weight(q, ...)`: the sum of the weights of the options chosen in
    /// the questions (the arguments are their answers); missing when none
    /// is answered.
    Weight,
}

/// What a bound quantifier ranges over.
#[derive(Debug, Clone, PartialEq)]
pub enum Collection {
    /// All groups.
    Groups,
    /// All domains.
    Domains,
    /// All perspectives.
    Perspectives,
    /// The current alternative's cells.
    Cells,
    /// A list expression.
    List(Box<Expr>),
}

/// A compiled expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A constant.
    Const(Value),
    /// `decision.*`
    Decision(DecisionField),
    /// `fact.x`
    Fact(usize),
    /// `alternative.*`
    Alternative(AltField),
    /// The answer to a question in the current alternative.
    Answer(usize),
    /// A named score of the current alternative.
    Score(usize),
    /// `level(s)`: the level the current alternative's score `s` falls
    /// into; missing when the score is.
    ScoreLevel(usize),
    /// A quantifier variable, by slot.
    Var(usize),
    /// A field of a group, domain, perspective or cell.
    Field(Box<Expr>, Field),
    /// A built-in function.
    Call(Func, Vec<Expr>),
    /// `not x`
    Not(Box<Expr>),
    /// `-x`
    Neg(Box<Expr>),
    /// A binary operation.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `if condition then a else b`.
    If(Box<[Expr; 3]>),
    /// `zero_option(x)`: `x` evaluated in the (first) zero option's scope;
    /// missing when the decision has no zero option.
    ZeroOption(Box<Expr>),
    /// A list.
    List(Vec<Expr>),
    /// A quantifier over alternatives (the body runs in each one's scope).
    QuantAlternatives {
        /// The operator.
        op: QuantOp,
        /// Skip the zero option.
        proposals_only: bool,
        /// The body.
        body: Option<Box<Expr>>,
    },
    /// A quantifier binding a variable.
    QuantBind {
        /// The operator.
        op: QuantOp,
        /// The variable's slot.
        slot: usize,
        /// The collection.
        collection: Collection,
        /// The filter.
        filter: Option<Box<Expr>>,
        /// The body.
        body: Option<Box<Expr>>,
    },
}
