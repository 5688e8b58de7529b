//! Many decisions of a period rolled up into what a welfare report's EVA
//! section needs: coverage (how many decisions were screened, what the
//! verdicts were, which full assessments were required and not made),
//! cumulative impacts per group and domain, trends by quarter, and the
//! follow-up of promised mitigations against what really happened.
//!
//! Every decision is scored with [`Checklist::score`]; the roll-up only
//! counts and adds what the reports say. Sums are kept in thousandths as
//! integers, so partial roll-ups over disjoint parts of an archive
//! [`Rollup::merge`] into exactly the roll-up of the whole, in any order
//! (after [`Rollup::finish`]), on one machine's cores or many machines.
//!
//! ```
//! use ennakko::{Checklist, Decision, Format, rollup::{Period, Rollup}};
//! let checklist = Checklist::standard("eva").unwrap();
//! let text = "id: '1'\ntitle: T\ndecided: {date: 2026-03-16, body: committee, sector: education}\n\
//!             alternatives: [{id: p, kind: proposal, impacts: [{group: children, domain: learning, direction: -1}]}]";
//! let decision = Decision::from_str(text, Format::Yaml, checklist.limits()).unwrap();
//! let mut rollup = Rollup::new(&checklist, Period::new(Some("2026-01-01"), Some("2026-12-31"), None).unwrap());
//! rollup.add(&checklist, "a.yaml", &decision);
//! let rollup = rollup.finish();
//! assert_eq!(rollup.coverage.screened, 1);
//! assert_eq!(rollup.groups["children"].negative_decisions, 1);
//! ```

pub(crate) mod front;
pub mod render;
mod validate;

use crate::message::Message;
use crate::t;
use std::collections::BTreeMap;

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use front::MAX_DECISIONS;
pub use validate::parse_date;

use crate::Checklist;
use crate::checklist::model::{GroupCategory, ScaleId, Text, VerdictLevel};
use crate::decision::record::FollowUpStatus;
use crate::decision::{AlternativeKind, Decision, Direction};
use crate::diagnostic::{Diagnostic, Severity as DiagnosticSeverity};
use crate::report::{AlternativeReport, Report, Severity};

/// The period a roll-up covers and the date follow-ups are judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day, if bounded.
    pub from: Option<Date>,
    /// Last day, if bounded.
    pub to: Option<Date>,
    /// Follow-ups due before this day and not done are overdue.
    pub as_of: Date,
}

impl Period {
    /// Reads the period from `YYYY-MM-DD` texts; `as_of` defaults to `to`
    /// and without either to 9999-12-31 (nothing overdue, no date in the
    /// future). A date that is not one is `U0001`, `from` after `to` is
    /// `U0002`; the path names the option (`--from`).
    ///
    /// ```
    /// use ennakko::rollup::Period;
    /// let p = Period::new(Some("2026-01-01"), Some("2026-12-31"), None).unwrap();
    /// assert_eq!(p.as_of.to_string(), "2026-12-31");
    /// assert_eq!(Period::new(Some("2027-01-01"), Some("2026-12-31"), None).unwrap_err().code, "U0002");
    /// ```
    pub fn new(from: Option<&str>, to: Option<&str>, as_of: Option<&str>) -> Result<Period, Box<Diagnostic>> {
        let from = from.map(|d| parse_date(d, "--from")).transpose()?;
        let to = to.map(|d| parse_date(d, "--to")).transpose()?;
        let as_of = match as_of {
            Some(d) => parse_date(d, "--as-of")?,
            None => to.unwrap_or(Date::MAX),
        };
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(Box::new(
                Diagnostic::error("U0002", t!("the period starts on {f}, after it ends on {t}", f = f, t = t))
                    .with_help(t!("swap `--from` and `--to`"))
                    .at_path("--from"),
            ));
        }
        Ok(Period { from, to, as_of })
    }

    fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

/// Decisions per verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct VerdictCounts {
    /// No assessment needed.
    pub none: u64,
    /// A light assessment.
    pub light: u64,
    /// A full assessment required.
    pub full: u64,
}

impl VerdictCounts {
    fn count(&mut self, level: VerdictLevel) {
        *match level {
            VerdictLevel::None => &mut self.none,
            VerdictLevel::Light => &mut self.light,
            VerdictLevel::Full => &mut self.full,
        } += 1;
    }

    fn merge(&mut self, other: &VerdictCounts) {
        self.none = self.none.saturating_add(other.none);
        self.light = self.light.saturating_add(other.light);
        self.full = self.full.saturating_add(other.full);
    }

    /// All decisions counted.
    pub fn total(&self) -> u64 {
        self.none + self.light + self.full
    }
}

/// How well the period's decisions were assessed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Coverage {
    /// Decisions in the period that were scored.
    pub screened: u64,
    /// Their verdicts.
    pub verdicts: VerdictCounts,
    /// Verdicts per sector (`education`, ...).
    pub by_sector: BTreeMap<String, VerdictCounts>,
    /// Verdicts per deciding body (`council`, ...).
    pub by_body: BTreeMap<String, VerdictCounts>,
    /// Decisions whose verdict was a full assessment.
    pub full_required: u64,
    /// Of those, how many record that a full assessment was made.
    pub full_made: u64,
    /// Decisions that compare no zero option.
    pub without_zero_option: u64,
    /// Decisions with at least one required finding (severity `required`).
    pub with_open_required: u64,
    /// Decisions left out because of errors (listed in `skipped`).
    pub skipped_errors: u64,
    /// Decisions left out because they fall outside the period.
    pub outside_period: u64,
    /// Files not read at all (links, pipes, devices, folders nested too
    /// deep: listed in `skipped` with `U0202`).
    #[serde(default)]
    pub not_read: u64,
}

/// Impacts added up over decisions, for one group, domain, or group and
/// domain. Sums are in thousandths of a score point (`net_milli: -1500`
/// is -1.5), so they add up exactly in any order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Cumulative {
    /// Decisions whose adopted alternative assesses an impact here.
    pub decisions: u64,
    /// Of those, decisions where the impact here adds up below zero.
    pub negative_decisions: u64,
    /// Of those, decisions where it adds up above zero.
    pub positive_decisions: u64,
    /// Sum of the scores.
    pub net_milli: i64,
    /// Sum of the negative cell scores alone (zero or below).
    pub negative_milli: i64,
    /// Cells per timing level id (`short`, `medium`, `long`; `unspecified`).
    pub timing: BTreeMap<String, u64>,
}

impl Cumulative {
    fn merge(&mut self, other: &Cumulative) {
        self.decisions = self.decisions.saturating_add(other.decisions);
        self.negative_decisions = self.negative_decisions.saturating_add(other.negative_decisions);
        self.positive_decisions = self.positive_decisions.saturating_add(other.positive_decisions);
        self.net_milli = self.net_milli.saturating_add(other.net_milli);
        self.negative_milli = self.negative_milli.saturating_add(other.negative_milli);
        for (level, n) in &other.timing {
            let count = self.timing.entry(level.clone()).or_default();
            *count = count.saturating_add(*n);
        }
    }
}

/// One quarter of the period (`2026-Q1`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Quarter {
    /// Decisions screened.
    pub decisions: u64,
    /// Their verdicts.
    pub verdicts: VerdictCounts,
    /// Decisions that required a full assessment and record none made.
    pub full_not_made: u64,
    /// Decisions whose adopted alternative adds up below zero.
    pub negative_decisions: u64,
    /// Decisions whose adopted alternative harms at least one vulnerable group.
    pub vulnerable_harmed: u64,
    /// Sum of the adopted alternatives' totals, in thousandths.
    pub net_milli: i64,
}

impl Quarter {
    fn merge(&mut self, other: &Quarter) {
        self.decisions = self.decisions.saturating_add(other.decisions);
        self.verdicts.merge(&other.verdicts);
        self.full_not_made = self.full_not_made.saturating_add(other.full_not_made);
        self.negative_decisions = self.negative_decisions.saturating_add(other.negative_decisions);
        self.vulnerable_harmed = self.vulnerable_harmed.saturating_add(other.vulnerable_harmed);
        self.net_milli = self.net_milli.saturating_add(other.net_milli);
    }
}

/// One decision of the period, for lists and for analysts (one CSV row).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DecisionRow {
    /// Where it was read from (a file, or a position in a list).
    pub source: String,
    /// The decision's id.
    pub id: String,
    /// Its title per language (one key `""` when given in one text).
    pub title: Text,
    /// The decision date.
    pub date: String,
    /// Its quarter (`2026-Q1`).
    pub quarter: String,
    /// The kind of body that decided.
    pub body: String,
    /// The body's own name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_name: Option<String>,
    /// The sector.
    pub sector: String,
    /// The screening verdict.
    pub verdict: VerdictLevel,
    /// The assessment recorded as made, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<VerdictLevel>,
    /// Whether a zero option is compared.
    pub zero_option: bool,
    /// Required findings (rule ids) about the decision or its proposals.
    pub open_required: Vec<String>,
    /// The alternative whose impacts are counted (`decided.adopted`, else
    /// the one proposal); none when nothing was proposed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<String>,
    /// Impact cells of the adopted alternative.
    pub cells: u64,
    /// Of those, cells scored below zero.
    pub negative_cells: u64,
    /// The adopted alternative's total, in thousandths.
    pub net_milli: i64,
    /// Vulnerable population groups whose score is below zero.
    pub vulnerable_harmed: Vec<String>,
}

impl DecisionRow {
    /// Whether a full assessment was required and none is recorded as made.
    pub fn full_not_made(&self) -> bool {
        self.verdict == VerdictLevel::Full && self.assessment != Some(VerdictLevel::Full)
    }
}

/// How a realised outcome compares with the estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Realised {
    /// The same direction as estimated.
    AsEstimated,
    /// Better than estimated.
    Better,
    /// Worse than estimated.
    Worse,
    /// `mixed` or `unknown` on either side.
    NotComparable,
}

impl Realised {
    fn compare(estimated: Direction, realised: Direction) -> Realised {
        match (estimated, realised) {
            (Direction::Value(e), Direction::Value(r)) if r == e => Realised::AsEstimated,
            (Direction::Value(e), Direction::Value(r)) if r > e => Realised::Better,
            (Direction::Value(_), Direction::Value(_)) => Realised::Worse,
            _ => Realised::NotComparable,
        }
    }
}

/// One promised follow-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FollowUpRow {
    /// Where the decision was read from.
    pub source: String,
    /// The decision's id.
    pub decision: String,
    /// The decision date.
    pub date: String,
    /// The group of the impact.
    pub group: String,
    /// The domain of the impact.
    pub domain: String,
    /// The mitigation promised, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mitigation: Option<String>,
    /// What is checked.
    pub check: String,
    /// Who checks it.
    pub owner: String,
    /// By when.
    pub due: String,
    /// Open, done or cancelled.
    pub status: FollowUpStatus,
    /// Open and due before the as-of date.
    pub overdue: bool,
    /// When it was checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_on: Option<String>,
    /// The estimated direction (`-1`).
    pub estimated: String,
    /// The realised direction, once known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub realised: Option<String>,
    /// How the realised outcome compares with the estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Realised>,
    /// What was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome_note: Option<String>,
}

/// Follow-ups counted (made by [`Rollup::finish`] from the rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct FollowUpSummary {
    /// All follow-ups of the period's decisions.
    pub total: u64,
    /// Done.
    pub done: u64,
    /// Open and not yet due.
    pub open: u64,
    /// Open and past their due date.
    pub overdue: u64,
    /// Cancelled.
    pub cancelled: u64,
    /// Done with an outcome as estimated.
    pub as_estimated: u64,
    /// Done with an outcome better than estimated.
    pub better: u64,
    /// Done with an outcome worse than estimated.
    pub worse: u64,
}

/// A decision left out, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Skip {
    /// Where it was read from.
    pub source: String,
    /// Why (errors, or the `U0201` warning for a date outside the period).
    pub diagnostics: Vec<Diagnostic>,
}

/// A group's label and standing, for rendering without the checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GroupLabel {
    /// Label per language.
    pub label: Text,
    /// A vulnerable group.
    pub vulnerable: bool,
    /// A population group (not the whole population, staff or organisations).
    pub population: bool,
}

/// The checklist's labels a roll-up names, in checklist order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Labels {
    /// The checklist, `id version`.
    pub checklist: String,
    /// Groups by id, in checklist order.
    pub groups: Vec<(String, GroupLabel)>,
    /// Domains by id, in checklist order.
    pub domains: Vec<(String, Text)>,
    /// Levels of the timing scale, shortest first.
    pub timing: Vec<(String, Text)>,
    /// Messages of the rules that can be required findings.
    pub rules: BTreeMap<String, Text>,
}

impl Labels {
    fn of(checklist: &Checklist) -> Labels {
        let model = checklist.model();
        let groups = model.groups.iter().map(|g| {
            let label = GroupLabel {
                label: g.label.clone(),
                vulnerable: g.vulnerable,
                population: g.category == GroupCategory::Population,
            };
            (g.id.clone(), label)
        });
        let timing = &model.scales[ScaleId::Timing as usize];
        let rules = model.vocabulary.rules.iter().map(|r| (r.id.clone(), r.label.clone()));
        Labels {
            checklist: format!("{} {}", model.id, model.version),
            groups: groups.collect(),
            domains: model.domains.iter().map(|d| (d.id.clone(), d.label.clone())).collect(),
            timing: timing.levels.iter().map(|l| (l.id.clone(), l.label.clone())).collect(),
            rules: rules.collect(),
        }
    }
}

/// The roll-up of a period's decisions. Build with [`Rollup::new`] and
/// [`Rollup::add`], combine parts with [`Rollup::merge`], and call
/// [`Rollup::finish`] before reading or rendering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rollup {
    /// First day of the period, if bounded.
    pub from: Option<String>,
    /// Last day of the period, if bounded.
    pub to: Option<String>,
    /// The date follow-ups are judged on.
    pub as_of: String,
    /// The checklist's labels.
    pub labels: Labels,
    /// How well decisions were assessed.
    pub coverage: Coverage,
    /// Per group, over decisions.
    pub groups: BTreeMap<String, Cumulative>,
    /// Per domain, over decisions.
    pub domains: BTreeMap<String, Cumulative>,
    /// Per group, then domain.
    pub cells: BTreeMap<String, BTreeMap<String, Cumulative>>,
    /// Per quarter (`2026-Q1`).
    pub quarters: BTreeMap<String, Quarter>,
    /// Every decision rolled up, by date, then source.
    pub decisions: Vec<DecisionRow>,
    /// Every follow-up, by due date, then source.
    pub follow_ups: Vec<FollowUpRow>,
    /// Follow-ups counted.
    pub follow_up_summary: FollowUpSummary,
    /// Decisions left out, by source.
    pub skipped: Vec<Skip>,
    #[serde(skip)]
    period: Option<Period>,
}

impl Rollup {
    /// An empty roll-up of `period` with `checklist`'s labels.
    pub fn new(checklist: &Checklist, period: Period) -> Rollup {
        let day = |d: Option<Date>| d.map(|d| d.to_string());
        Rollup {
            from: day(period.from),
            to: day(period.to),
            as_of: period.as_of.to_string(),
            labels: Labels::of(checklist),
            coverage: Coverage::default(),
            groups: BTreeMap::new(),
            domains: BTreeMap::new(),
            cells: BTreeMap::new(),
            quarters: BTreeMap::new(),
            decisions: Vec::new(),
            follow_ups: Vec::new(),
            follow_up_summary: FollowUpSummary::default(),
            skipped: Vec::new(),
            period: Some(period),
        }
    }

    fn period(&self) -> Period {
        // Every roll-up is made by `new`; one read back from JSON has its period in text.
        self.period.unwrap_or_else(|| {
            let read = |d: &Option<String>| d.as_deref().and_then(|d| d.parse().ok());
            Period { from: read(&self.from), to: read(&self.to), as_of: self.as_of.parse().unwrap_or(Date::MAX) }
        })
    }

    /// Scores `decision` with `checklist` and adds it; a decision outside
    /// the period, with a bad record, or that cannot be scored is listed in
    /// `skipped` with the reason, its diagnostics naming `source` as file.
    pub fn add(&mut self, checklist: &Checklist, source: &str, decision: &Decision) {
        let period = self.period();
        let (date, adopted) = match validate::check(decision, &period) {
            Ok(checked) => checked,
            Err(problems) => return self.skip_errors(source, problems),
        };
        if !period.contains(date) {
            self.coverage.outside_period += 1;
            let d = Diagnostic::warning("U0201", t!("decided on {date}, outside the period", date = date))
                .with_help(t!("give `--from` and `--to` around it to include it"))
                .at_path("$.decided.date");
            return self.skipped.push(Skip { source: source.into(), diagnostics: vec![with_file(d, source)] });
        }
        match checklist.score(decision) {
            Ok(report) => self.count(source, decision, (date, adopted), &report),
            Err(e) => self.skip_errors(source, e.diagnostics),
        }
    }

    /// Lists a document that could not be read at all (front ends call it
    /// for files that are not decisions), so it is counted, not lost.
    pub fn skip_errors(&mut self, source: &str, diagnostics: Vec<Diagnostic>) {
        self.coverage.skipped_errors += 1;
        let diagnostics = diagnostics.into_iter().map(|d| with_file(d, source)).collect();
        self.skipped.push(Skip { source: source.into(), diagnostics });
    }

    /// Counts a scored decision decided on `date` whose alternative
    /// `adopted` (an index into its alternatives and the report's) was decided.
    /// Lists a file a front end did not read (a link, pipe or device, or a
    /// folder nested too deep), with the warning `U0202` saying why, so
    /// the roll-up counts it rather than losing it.
    pub fn skip_unread(&mut self, source: &str, why: &Message) {
        self.coverage.not_read += 1;
        let d = Diagnostic::warning("U0202", t!("not read: {why}", why = why))
            .with_help(t!("roll up the file itself (not a link to it), or a folder nearer the top"));
        self.skipped.push(Skip { source: source.into(), diagnostics: vec![with_file(d, source)] });
    }

    fn count(&mut self, source: &str, decision: &Decision, (date, adopted): (Date, Option<usize>), report: &Report) {
        let Some(decided) = &decision.decided else { return };
        let adopted = adopted.and_then(|a| report.alternatives.get(a).map(|r| (a, r)));
        let row = self.row(source, decision, date, report, adopted.map(|(_, r)| r));
        let c = &mut self.coverage;
        c.screened += 1;
        c.verdicts.count(row.verdict);
        c.by_sector.entry(row.sector.clone()).or_default().count(row.verdict);
        c.by_body.entry(row.body.clone()).or_default().count(row.verdict);
        c.full_required += u64::from(row.verdict == VerdictLevel::Full);
        c.full_made += u64::from(row.verdict == VerdictLevel::Full && decided.assessment == Some(VerdictLevel::Full));
        c.without_zero_option += u64::from(!row.zero_option);
        c.with_open_required += u64::from(!row.open_required.is_empty());
        let q = self.quarters.entry(row.quarter.clone()).or_default();
        q.decisions += 1;
        q.verdicts.count(row.verdict);
        q.full_not_made += u64::from(row.full_not_made());
        q.negative_decisions += u64::from(row.net_milli < 0);
        q.vulnerable_harmed += u64::from(!row.vulnerable_harmed.is_empty());
        q.net_milli += row.net_milli;
        if let Some((a, alternative)) = adopted {
            self.impacts(source, decision, a, alternative);
        }
        self.decisions.push(row);
    }

    fn row(
        &self,
        source: &str,
        decision: &Decision,
        date: Date,
        report: &Report,
        adopted: Option<&AlternativeReport>,
    ) -> DecisionRow {
        let decided = decision.decided.as_ref();
        let open_required = report.findings.iter().filter(|f| f.severity == Severity::Required);
        let mut open_required: Vec<String> = open_required.filter_map(|f| f.rule.clone()).collect();
        open_required.dedup();
        let title = match &decision.title {
            crate::decision::LocalText::Plain(t) => Text::from([(String::new(), t.clone())]),
            crate::decision::LocalText::PerLanguage(m) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        };
        DecisionRow {
            source: source.into(),
            id: decision.id.clone(),
            title,
            date: date.to_string(),
            quarter: format!("{}-Q{}", date.year(), (date.month() - 1) / 3 + 1),
            body: decided.map_or("", |d| d.body.name()).into(),
            body_name: decided.and_then(|d| d.body_name.clone()),
            sector: decided.map_or("", |d| d.sector.name()).into(),
            verdict: report.verdict.level,
            assessment: decided.and_then(|d| d.assessment),
            zero_option: report.alternatives.iter().any(|a| a.kind == AlternativeKind::Zero),
            open_required,
            adopted: adopted.map(|a| a.id.clone()),
            cells: adopted.map_or(0, |p| p.cells.len() as u64),
            negative_cells: adopted.map_or(0, |p| p.cells.iter().filter(|c| c.value < 0.0).count() as u64),
            net_milli: adopted.map_or(0, |p| milli(p.total.value)),
            vulnerable_harmed: adopted.map_or_else(Vec::new, |p| p.equity.harmed.clone()),
        }
    }

    /// Adds the adopted alternative's group, domain and cell scores (`a`
    /// is its index), and lists its follow-ups.
    fn impacts(&mut self, source: &str, decision: &Decision, a: usize, proposal: &AlternativeReport) {
        for entry in &proposal.groups {
            per_decision(&mut self.groups, &entry.id, entry.score.value);
        }
        for entry in &proposal.domains {
            per_decision(&mut self.domains, &entry.id, entry.score.value);
        }
        for cell in &proposal.cells {
            let value = cell.value;
            let timing = cell.levels.get("timing").map_or("unspecified", String::as_str);
            let negative = milli(value.min(0.0));
            for c in [self.groups.get_mut(&cell.group), self.domains.get_mut(&cell.domain)].into_iter().flatten() {
                c.negative_milli += negative;
                *c.timing.entry(timing.to_string()).or_default() += 1;
            }
            let c = per_decision(self.cells.entry(cell.group.clone()).or_default(), &cell.domain, value);
            c.negative_milli += negative;
            *c.timing.entry(timing.to_string()).or_default() += 1;
            self.follow_up(source, decision, a, cell);
        }
    }

    fn follow_up(&mut self, source: &str, decision: &Decision, a: usize, cell: &crate::report::CellReport) {
        let Some(given) = decision.alternatives[a].impacts.get(cell.index) else { return };
        let Some(f) = &given.follow_up else { return };
        let date = decision.decided.as_ref().map_or(String::new(), |d| d.date.clone());
        let as_of = self.as_of.clone();
        self.follow_ups.push(FollowUpRow {
            source: source.into(),
            decision: decision.id.clone(),
            date,
            group: cell.group.clone(),
            domain: cell.domain.clone(),
            mitigation: cell.mitigation.clone(),
            check: f.check.clone(),
            owner: f.owner.clone().unwrap_or_default(),
            due: f.due.clone(),
            status: f.status,
            // Dates were checked; as texts `YYYY-MM-DD` they order as dates.
            overdue: f.status == FollowUpStatus::Open && f.due < as_of,
            checked_on: f.checked_on.clone(),
            estimated: given.direction.name(),
            realised: f.outcome.as_ref().map(|o| o.direction.name()),
            comparison: f.outcome.as_ref().map(|o| Realised::compare(given.direction, o.direction)),
            outcome_note: f.outcome.as_ref().and_then(|o| o.note.clone()),
        });
    }

    /// Adds another part of the same period and checklist. Parts must be
    /// disjoint (no decision in both); then, after [`Rollup::finish`], the
    /// result equals the roll-up of all their decisions in one go. (Counts
    /// add up saturating: a part read back from a doctored file cannot make
    /// them overflow; real counts are far from the bound.)
    /// A part of another checklist or period is `U0003`.
    pub fn merge(&mut self, other: Rollup) -> Result<(), Box<Diagnostic>> {
        let key = |r: &Rollup| (r.labels.checklist.clone(), r.from.clone(), r.to.clone(), r.as_of.clone());
        if key(self) != key(&other) {
            return Err(Box::new(
                Diagnostic::error("U0003", t!("the roll-ups cover other periods or checklists"))
                    .with_help(t!("roll up every part with the same checklist, --from, --to and --as-of")),
            ));
        }
        let c = &mut self.coverage;
        let o = &other.coverage;
        c.screened = c.screened.saturating_add(o.screened);
        c.verdicts.merge(&o.verdicts);
        for (mine, theirs) in [(&mut c.by_sector, &o.by_sector), (&mut c.by_body, &o.by_body)] {
            for (k, v) in theirs {
                mine.entry(k.clone()).or_default().merge(v);
            }
        }
        c.full_required = c.full_required.saturating_add(o.full_required);
        c.full_made = c.full_made.saturating_add(o.full_made);
        c.without_zero_option = c.without_zero_option.saturating_add(o.without_zero_option);
        c.with_open_required = c.with_open_required.saturating_add(o.with_open_required);
        c.skipped_errors = c.skipped_errors.saturating_add(o.skipped_errors);
        c.outside_period = c.outside_period.saturating_add(o.outside_period);
        c.not_read = c.not_read.saturating_add(o.not_read);
        merge_map(&mut self.groups, &other.groups);
        merge_map(&mut self.domains, &other.domains);
        for (group, domains) in &other.cells {
            merge_map(self.cells.entry(group.clone()).or_default(), domains);
        }
        for (k, q) in &other.quarters {
            self.quarters.entry(k.clone()).or_default().merge(q);
        }
        self.decisions.extend(other.decisions);
        self.follow_ups.extend(other.follow_ups);
        self.skipped.extend(other.skipped);
        Ok(())
    }

    /// Puts the lists in their order (so any merge order gives the same
    /// bytes) and counts the follow-ups.
    pub fn finish(mut self) -> Rollup {
        self.decisions.sort_by(|a, b| (&a.date, &a.source, &a.id).cmp(&(&b.date, &b.source, &b.id)));
        self.follow_ups
            .sort_by(|a, b| (&a.due, &a.source, &a.group, &a.domain).cmp(&(&b.due, &b.source, &b.group, &b.domain)));
        self.skipped.sort_by(|a, b| a.source.cmp(&b.source));
        let mut s = FollowUpSummary::default();
        for f in &self.follow_ups {
            s.total += 1;
            match (f.status, f.overdue) {
                (FollowUpStatus::Done, _) => s.done += 1,
                (FollowUpStatus::Cancelled, _) => s.cancelled += 1,
                (FollowUpStatus::Open, true) => s.overdue += 1,
                (FollowUpStatus::Open, false) => s.open += 1,
            }
            match f.comparison {
                Some(Realised::AsEstimated) => s.as_estimated += 1,
                Some(Realised::Better) => s.better += 1,
                Some(Realised::Worse) => s.worse += 1,
                _ => {}
            }
        }
        self.follow_up_summary = s;
        self
    }

    /// Errors among the skipped decisions (not the ones outside the period).
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.skipped.iter().flat_map(|s| &s.diagnostics).filter(|d| d.severity == DiagnosticSeverity::Error)
    }
}

/// Counts one decision's score for `id`; the entry, for the cell's extras.
fn per_decision<'m>(map: &'m mut BTreeMap<String, Cumulative>, id: &str, value: f64) -> &'m mut Cumulative {
    let c = map.entry(id.to_string()).or_default();
    c.decisions += 1;
    c.negative_decisions += u64::from(value < 0.0);
    c.positive_decisions += u64::from(value > 0.0);
    c.net_milli += milli(value);
    c
}

/// The JSON Schema of a [`Rollup`] (`ennakko schema rollup`).
///
/// ```
/// assert_eq!(ennakko::rollup::schema()["title"], "Rollup");
/// ```
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Rollup)).unwrap_or_default()
}

fn merge_map(mine: &mut BTreeMap<String, Cumulative>, theirs: &BTreeMap<String, Cumulative>) {
    for (k, v) in theirs {
        mine.entry(k.clone()).or_default().merge(v);
    }
}

/// A score in thousandths: scores are sums of a few weights with at most
/// three decimals in practice, and integers add up in any order exactly.
fn milli(value: f64) -> i64 {
    (value * 1000.0).round() as i64
}

fn with_file(mut d: Diagnostic, source: &str) -> Diagnostic {
    d.file.get_or_insert_with(|| source.to_string());
    d
}
