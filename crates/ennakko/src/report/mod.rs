//! The result of scoring a decision: plain data (serde + JSON Schema) that
//! the CLI prints, the bindings return, and renderers turn into text.
//!
//! Every number carries its trace: group, domain and perspective scores list
//! the cells that make them up; named scores and findings list the answers,
//! facts and values read while computing them.

pub(crate) mod assemble;
pub mod i18n;
pub mod render;
pub mod rows;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::checklist::model::{GroupCategory, Text, VerdictLevel};
use crate::decision::{AlternativeKind, Direction, Organisation};

/// The full assessment of one decision against one checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// Which checklist produced it.
    pub checklist: ChecklistInfo,
    /// Which decision it is about.
    pub decision: DecisionInfo,
    /// The facts the decision gives, in the checklist's order: every fact
    /// given is shown, whether or not a rule reads it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<FactReport>,
    /// Whether an impact assessment is needed, and why.
    pub verdict: Verdict,
    /// One entry per alternative, in the decision's order.
    pub alternatives: Vec<AlternativeReport>,
    /// Findings of the checklist's rules about the decision and its
    /// proposals, in rule order.
    pub findings: Vec<Finding>,
    /// Findings and verdict rules that fired for the zero option or for an
    /// alternative that is not proposed: comparison information, which
    /// never sets the verdict.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comparison: Vec<Finding>,
    /// Things worth knowing that are not findings (e.g. an answer given to a
    /// question that does not apply).
    pub notes: Vec<Note>,
    /// Labels of everything the report names. Shared by all reports of one
    /// checklist, so building a report does not copy every label.
    pub vocabulary: std::sync::Arc<Vocabulary>,
}

/// Checklist id, version and title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ChecklistInfo {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title per language.
    pub title: Text,
    /// Imported checklists, in load order.
    pub imports: Vec<String>,
}

impl Report {
    /// The language to show this report in, by [`i18n::Lang::for_report`]: the
    /// one asked for, else the decision's, else the checklist's.
    ///
    /// ```
    /// let checklist = ennakko::Checklist::standard("eva").unwrap();
    /// let report = checklist.score_str("id: a\ntitle: T\nlanguage: sv\nalternatives: [{id: p, kind: proposal}]", ennakko::Format::Yaml).unwrap();
    /// assert_eq!(report.language(None), ennakko::api::Lang::Sv);
    /// ```
    pub fn language(&self, asked: Option<i18n::Lang>) -> i18n::Lang {
        let checklist = self.checklist.title.keys().map(String::as_str);
        i18n::Lang::for_report(asked, self.decision.language.as_deref(), checklist)
    }
}

/// The decision's id, title and kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DecisionInfo {
    /// Id.
    pub id: String,
    /// Title, in the decision's own language.
    pub title: String,
    /// The title per language, when the decision gives it in several.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub titles: Text,
    /// Kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Preferred report language, if the decision names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Who decides, if the decision says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<Organisation>,
    /// Whether the deciding organisation is bilingual, if the decision says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bilingual: Option<bool>,
    /// The organisation's majority language, if the decision says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub majority_language: Option<crate::checklist::model::NationalLanguage>,
    /// The groups that count as vulnerable in this decision: those the
    /// checklist marks `vulnerable`, except that with a majority language
    /// given, the national-language group of the minority language is
    /// vulnerable and that of the majority is not.
    #[serde(default)]
    pub vulnerable_groups: Vec<String>,
}

/// A fact as the decision gives it (its label is in the vocabulary).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FactReport {
    /// Fact id.
    pub fact: String,
    /// The value as given.
    pub value: serde_json::Value,
}

/// The screening verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Verdict {
    /// none / light / full.
    pub level: VerdictLevel,
    /// Why: the verdict rules that fired, highest level first; or the
    /// built-in "no criterion applies" reason.
    pub reasons: Vec<Finding>,
    /// Ids of the verdict rules that were checked and did not fire.
    pub criteria_not_met: Vec<String>,
}

/// A rule that fired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// The rule's id (`None` for the built-in verdict reason).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// info, warning, required or verdict.
    pub severity: Severity,
    /// For verdict rules: the level the rule calls for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<VerdictLevel>,
    /// The alternative it is about, for rules evaluated per alternative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative: Option<String>,
    /// The message per language.
    pub message: Text,
    /// What the rule read to reach this.
    pub trace: Vec<TraceItem>,
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For information.
    Info,
    /// Worth a look.
    Warning,
    /// Must be done before deciding.
    Required,
    /// Decides the screening verdict.
    Verdict,
}

/// One value read while computing a result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TraceItem {
    /// What was read.
    pub source: TraceSource,
    /// The alternative it belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative: Option<String>,
    /// The question, fact, score, field or `group/domain` read.
    pub id: String,
    /// The value found (`null` when missing).
    pub value: serde_json::Value,
}

/// Kinds of trace entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TraceSource {
    /// An answer to a question.
    Answer,
    /// A decision fact.
    Fact,
    /// A field of the decision (`decision.kind`).
    Decision,
    /// A field of an alternative (`alternative.is_zero`).
    Alternative,
    /// An impact score (`impact(children)`).
    Impact,
    /// A named score.
    Score,
    /// Whether a question applies.
    Applies,
    /// Whether a value is present.
    Answered,
    /// Whether a group's negative impacts are mitigated.
    Mitigated,
    /// Share of required questions answered.
    Completeness,
    /// The equity gap.
    EquityGap,
    /// Whether another rule fired (`fired(rule)`).
    Rule,
    /// An item for which a quantifier's condition held (`any g in groups: ...`).
    Match,
}

/// The assessment of one alternative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AlternativeReport {
    /// Id.
    pub id: String,
    /// Zero option, proposal or other.
    pub kind: AlternativeKind,
    /// Title, in the decision's own language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The title per language, when given in several.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub titles: Text,
    /// The official's description, in the decision's own language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The description per language, when given in several.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub descriptions: Text,
    /// The answers given, in question order (also those to questions that
    /// do not apply, marked so), so the report can quote them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<AnswerReport>,
    /// Sum of all cells.
    pub total: ScoreRange,
    /// Score per group that has cells, in group order.
    pub groups: Vec<Entry>,
    /// Score per domain that has cells, in domain order.
    pub domains: Vec<Entry>,
    /// Score per perspective that has cells, in perspective order.
    pub perspectives: Vec<Entry>,
    /// The impact cells as assessed, with their scores.
    pub cells: Vec<CellReport>,
    /// The checklist's named scores.
    pub scores: Vec<NamedScore>,
    /// Do vulnerable groups fare worse than all groups assessed?
    pub equity: Equity,
    /// Which questions apply, which are answered, what is missing.
    pub completeness: Completeness,
}

/// A score with its uncertainty range and the cells it adds up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScoreRange {
    /// Best estimate.
    pub value: f64,
    /// Lowest value the uncertain inputs allow.
    pub low: f64,
    /// Highest value the uncertain inputs allow.
    pub high: f64,
    /// Indices (into the alternative's `cells`) of the cells added up.
    pub cells: Vec<usize>,
}

/// The score of one group, domain or perspective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entry {
    /// Group, domain or perspective id.
    pub id: String,
    /// Its score.
    pub score: ScoreRange,
}

/// One impact cell and how its score was computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CellReport {
    /// Position in the decision's `impacts` list.
    pub index: usize,
    /// The impact question, if the cell names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Group id.
    pub group: String,
    /// Domain id.
    pub domain: String,
    /// Perspective id of the domain.
    pub perspective: String,
    /// Direction as given.
    pub direction: Direction,
    /// Scale levels as given (scale id to level id).
    pub levels: std::collections::BTreeMap<String, String>,
    /// Whether a mitigation is described.
    pub mitigated: bool,
    /// The official's note on the impact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The mitigation proposed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mitigation: Option<String>,
    /// Where the evidence comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_source: Option<String>,
    /// The cell's score range.
    pub value: f64,
    /// Lowest value.
    pub low: f64,
    /// Highest value.
    pub high: f64,
}

/// A named score of the checklist (its label is in the vocabulary).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NamedScore {
    /// Id.
    pub id: String,
    /// Value; `null` when its inputs are missing.
    pub value: Option<f64>,
    /// What it read.
    pub trace: Vec<TraceItem>,
}

/// An answer as given, for quoting in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AnswerReport {
    /// Question id.
    pub question: String,
    /// The answer as given.
    pub value: serde_json::Value,
    /// Whether the question applies to this alternative.
    pub applies: bool,
}

/// The equity comparison of one alternative: vulnerable population groups
/// against the other population groups (the whole population, staff and
/// organisations take no part).
///
/// Each group counts by its profile, not by the sum of its cells: its
/// strongest negative impact plus its strongest positive impact (each 0
/// when there is none). Assessing the same impact in more domains or under
/// more questions leaves the comparison as it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Equity {
    /// Mean profile score of the vulnerable population groups assessed.
    pub vulnerable_mean: Option<f64>,
    /// Mean profile score of the other population groups assessed.
    pub others_mean: Option<f64>,
    /// `vulnerable_mean - others_mean`: below zero, vulnerable groups come
    /// off worse than the others in the comparison.
    pub gap: Option<f64>,
    /// This gap minus the zero option's (for alternatives other than the
    /// zero option, when both gaps exist).
    pub change_from_zero: Option<f64>,
    /// The vulnerable groups counted.
    pub vulnerable_groups: Vec<String>,
    /// The other population groups counted.
    pub other_groups: Vec<String>,
    /// Vulnerable groups with at least one negative impact.
    pub harmed: Vec<String>,
    /// Vulnerable groups with at least one positive impact.
    pub helped: Vec<String>,
    /// What the report says about equity; it follows from `harmed`,
    /// `helped` and `gap` (see [`EquityStatement`]).
    #[serde(default)]
    pub statement: EquityStatement,
}

/// The equity statement of an alternative, in the order of the checks that
/// choose it. "Harmed more" is only said when a vulnerable population group
/// has a negative impact; "helped more" only when one has a positive impact
/// and none a negative one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EquityStatement {
    /// No vulnerable population group was assessed.
    #[default]
    NotAssessed,
    /// Vulnerable groups are both harmed and helped (`harmed` and `helped`
    /// both non-empty); no side is said to fare better or worse.
    Mixed,
    /// Vulnerable groups are harmed, none helped, and the gap is below zero.
    HarmedMore,
    /// Vulnerable groups are harmed, none helped, and the gap is zero.
    HarmedAlike,
    /// Vulnerable groups are harmed, none helped, and the gap is above zero
    /// (the other population groups are harmed even more).
    HarmedLess,
    /// Vulnerable groups are harmed, none helped; no other population group
    /// was assessed, so there is no comparison.
    Harmed,
    /// Vulnerable groups are helped, none harmed, and the gap is above zero.
    HelpedMore,
    /// Vulnerable groups are helped, none harmed, and the gap is zero.
    HelpedAlike,
    /// Vulnerable groups are helped, none harmed, and the gap is below zero
    /// (the other population groups are helped even more).
    HelpedLess,
    /// Vulnerable groups are helped, none harmed; no other population group
    /// was assessed, so there is no comparison.
    Helped,
    /// Vulnerable groups were assessed, but none has a negative or a
    /// positive impact.
    Unaffected,
}

impl EquityStatement {
    /// Every statement, in declaration order.
    pub const ALL: [EquityStatement; 11] = [
        EquityStatement::NotAssessed,
        EquityStatement::Mixed,
        EquityStatement::HarmedMore,
        EquityStatement::HarmedAlike,
        EquityStatement::HarmedLess,
        EquityStatement::Harmed,
        EquityStatement::HelpedMore,
        EquityStatement::HelpedAlike,
        EquityStatement::HelpedLess,
        EquityStatement::Helped,
        EquityStatement::Unaffected,
    ];

    /// The statement that is true of an alternative's cells: whether any
    /// vulnerable population group was assessed, harmed, helped, and the gap.
    pub fn of(assessed: bool, harmed: bool, helped: bool, gap: Option<f64>) -> EquityStatement {
        use std::cmp::Ordering::*;
        let sign = gap.map(|g| g.partial_cmp(&0.0).unwrap_or(Equal));
        match (assessed, harmed, helped, sign) {
            (false, ..) => EquityStatement::NotAssessed,
            (true, true, true, _) => EquityStatement::Mixed,
            (true, true, false, Some(Less)) => EquityStatement::HarmedMore,
            (true, true, false, Some(Equal)) => EquityStatement::HarmedAlike,
            (true, true, false, Some(Greater)) => EquityStatement::HarmedLess,
            (true, true, false, None) => EquityStatement::Harmed,
            (true, false, true, Some(Greater)) => EquityStatement::HelpedMore,
            (true, false, true, Some(Equal)) => EquityStatement::HelpedAlike,
            (true, false, true, Some(Less)) => EquityStatement::HelpedLess,
            (true, false, true, None) => EquityStatement::Helped,
            (true, false, false, _) => EquityStatement::Unaffected,
        }
    }
}

/// Completeness of one alternative's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Completeness {
    /// Questions that apply, in question order.
    pub applicable: Vec<String>,
    /// Questions whose condition is false.
    pub not_applicable: Vec<String>,
    /// Applicable required questions.
    pub required: usize,
    /// Of those, how many are answered.
    pub answered: usize,
    /// answered / required (1 when nothing is required).
    pub ratio: f64,
    /// Applicable required questions not (fully) answered.
    pub missing: Vec<MissingAnswer>,
    /// Groups with no impact cell in this alternative.
    pub groups_not_assessed: Vec<String>,
    /// Cells whose evidence is weak, missing, or "more information needed".
    pub cells_without_evidence: Vec<usize>,
}

/// A missing answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MissingAnswer {
    /// Question id.
    pub question: String,
    /// For impact questions: the groups that have no cell.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
}

/// A note about the input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Note {
    /// Stable code, e.g. `N0001`.
    pub code: String,
    /// JSON path of what the note is about.
    pub path: String,
    /// The question it is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The alternative it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative: Option<String>,
    /// The note, in English.
    pub message: String,
}

impl Note {
    /// The note's message as a [`crate::message::Message`], to show it in
    /// another language; `message` holds it in English.
    ///
    /// ```
    /// use ennakko::{api::Lang, report::Note};
    /// let note = Note { code: "N0002".into(), path: "$.alternatives[0]".into(), question: None, alternative: Some("zero".into()), message: String::new() };
    /// assert_eq!(note.text().render(Lang::Fi), "vaihtoehdolla `zero` ei ole vastauksia eikä vaikutusarvioita");
    /// ```
    pub fn text(&self) -> crate::message::Message {
        use crate::t;
        let question = self.question.as_deref().unwrap_or("");
        match self.code.as_str() {
            "N0001" if self.path.contains(".impacts[") => t!(
                "`{name}` does not apply to this alternative; the impact still counts in the scores, \
                 but not as an answer to the question",
                name = question
            ),
            "N0001" => t!("`{name}` does not apply to this alternative, so its answer was not used", name = question),
            "N0002" => {
                t!("alternative `{}` has no answers and no impact cells", self.alternative.as_deref().unwrap_or(""))
            }
            _ => t!("{}", self.message),
        }
    }
}

/// Labels of everything a report names, so a report renders on its own.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Vocabulary {
    /// Groups.
    pub groups: Vec<Term>,
    /// Domains.
    pub domains: Vec<Term>,
    /// Perspectives.
    pub perspectives: Vec<Term>,
    /// Questions.
    pub questions: Vec<Term>,
    /// Facts.
    pub facts: Vec<Term>,
    /// Named scores.
    pub scores: Vec<Term>,
    /// Assessment scales and their levels.
    pub scales: Vec<ScaleTerm>,
    /// Options of choice questions and facts.
    pub options: Vec<OptionTerm>,
    /// Rules, labelled with their messages (for criteria not met).
    pub rules: Vec<Term>,
}

/// An option of a choice question or fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OptionTerm {
    /// The question or fact id.
    pub owner: String,
    /// Option id.
    pub id: String,
    /// Label per language.
    pub label: Text,
}

/// A scale and its levels' labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScaleTerm {
    /// Scale id (`magnitude`, ...).
    pub id: String,
    /// Label per language.
    pub label: Text,
    /// Levels, lowest first; `tag` holds the weight.
    pub levels: Vec<Term>,
    /// Whether level weights multiply cell scores.
    pub multiplies: bool,
    /// The level assumed when a cell leaves the scale out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

/// An id and its label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Term {
    /// Id.
    pub id: String,
    /// Label per language.
    pub label: Text,
    /// For groups: vulnerable; for domains: the perspective id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// For groups: their category (left out for population groups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<GroupCategory>,
}
