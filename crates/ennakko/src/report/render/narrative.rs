//! The parts of a report that carry the official's own words and say in
//! words what the numbers mean: each alternative with its description,
//! answers, impacts and mitigations; the comparison of the alternatives;
//! the equity statements; the impacts by time span.
//!
//! Every sentence here is derived from the report's numbers by a rule that
//! a test pins (see `tests/report_truth.rs`): for example an equity
//! statement never says "better" when a vulnerable group is harmed and
//! none helped.

use std::fmt::Write as _;

use super::{Block, Cell, Ctx, Table, impact_look};
use crate::decision::{AlternativeKind, Direction};
use crate::report::i18n::{Key, pick};
use crate::report::*;

/// One section per alternative: description, answers, impacts (by
/// perspective, strongest first) and the mitigations proposed.
pub(super) fn alternatives(cx: &Ctx) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(2, cx.w(Key::AlternativesDescribed).into())];
    for alt in &cx.report.alternatives {
        blocks.push(Block::Heading(3, cx.alternative_name(alt)));
        if let Some(description) = cx.alt_description(alt) {
            blocks.push(Block::Para(description.to_string()));
        }
        let (applying, not_applying): (Vec<&AnswerReport>, Vec<&AnswerReport>) =
            alt.answers.iter().filter(|a| quoted(cx, a)).partition(|a| a.applies);
        if !applying.is_empty() {
            blocks.push(Block::Para(format!("{}:", cx.w(Key::Answers))));
            blocks.push(Block::List(applying.iter().map(|a| answer_line(cx, a)).collect()));
        }
        if !not_applying.is_empty() {
            blocks.push(Block::Para(format!("{}:", cx.w(Key::AnswersNotApplying))));
            blocks.push(Block::List(not_applying.iter().map(|a| answer_line(cx, a)).collect()));
        }
        blocks.extend(impacts(cx, alt));
        let mitigations: Vec<String> = by_significance(&alt.cells)
            .into_iter()
            .filter_map(|c| c.mitigation.as_ref().map(|m| format!("{}: {m}", cx.cell_subject(c))))
            .collect();
        if !mitigations.is_empty() {
            blocks.push(Block::Para(format!("{}:", cx.w(Key::MitigationsProposed))));
            blocks.push(Block::List(mitigations));
        }
    }
    blocks
}

/// Whether an answer is worth quoting: text, choices and numbers are; a
/// screening question's plain yes/no is already in the verdict's reasons
/// and the appendix, and would bury the narrative.
fn quoted(cx: &Ctx, a: &AnswerReport) -> bool {
    let kind = cx.report.vocabulary.questions.iter().find(|q| q.id == a.question).and_then(|q| q.tag.as_deref());
    kind != Some("screening") || !a.applies
}

pub(super) fn answer_line(cx: &Ctx, a: &AnswerReport) -> String {
    let question = cx.term(&cx.report.vocabulary.questions, &a.question);
    let answer = cx.answer(&a.question, &a.value);
    // A question ends with its own mark; a label gets a colon.
    if question.ends_with(['?', '.', ':']) { format!("{question} {answer}") } else { format!("{question}: {answer}") }
}

/// Cells strongest first: by the size of the score, harms before benefits
/// of the same size, then in the order the official wrote them.
fn by_significance(cells: &[CellReport]) -> Vec<&CellReport> {
    let mut sorted: Vec<&CellReport> = cells.iter().collect();
    sorted.sort_by(|a, b| b.value.abs().total_cmp(&a.value.abs()).then(a.value.total_cmp(&b.value)));
    sorted
}

fn impacts(cx: &Ctx, alt: &AlternativeReport) -> Vec<Block> {
    let mut blocks = Vec::new();
    if alt.cells.is_empty() {
        return blocks;
    }
    blocks.push(Block::Para(format!("{}:", cx.w(Key::ImpactsAssessed))));
    let scales = &cx.report.vocabulary.scales;
    // Time span and reach get columns of their own: Finnish practice asks
    // for the short- versus long-term view and for how many are touched.
    let columns: Vec<&ScaleTerm> =
        ["timing", "people"].iter().filter_map(|id| scales.iter().find(|s| s.id == *id)).collect();
    for p in &cx.report.vocabulary.perspectives {
        let cells: Vec<&CellReport> =
            by_significance(&alt.cells).into_iter().filter(|c| c.perspective == p.id).collect();
        if cells.is_empty() {
            continue;
        }
        let mut head = vec![cx.w(Key::GroupAndDomain).to_string(), cx.w(Key::Impact).to_string()];
        head.extend(columns.iter().map(|s| pick(&s.label, cx.lang).to_string()));
        head.push(cx.w(Key::DescriptionColumn).to_string());
        let rows = cells
            .iter()
            .map(|c| {
                let (_, class, _) = direction_words(cx, c);
                let mut row = vec![
                    Cell::from(cx.cell_subject(c)),
                    Cell { text: impact_words(cx, c), class: Some(class), label: None },
                ];
                row.extend(columns.iter().map(|s| Cell::from(level_label(cx, s, c).unwrap_or_else(|| "–".into()))));
                row.push(Cell::from(description(cx, c, &columns)));
                row
            })
            .collect();
        blocks.push(Block::Para(format!("{}:", pick(&p.label, cx.lang))));
        blocks.push(Block::Table(Table { class: "impacts", caption: None, head, rows }));
    }
    blocks
}

/// "negative (−1,5): moderate, likely": the direction in words, the score,
/// and the levels of the scales that make the score.
fn impact_words(cx: &Ctx, c: &CellReport) -> String {
    let (_, _, words) = direction_words(cx, c);
    let mut text = words.to_string();
    if c.value != 0.0 {
        let _ = write!(text, " ({})", cx.num(c.value));
    }
    let levels: Vec<String> = cx
        .report
        .vocabulary
        .scales
        .iter()
        .filter(|s| s.multiplies)
        .filter_map(|s| level_label(cx, s, c))
        .map(|l| l.to_lowercase())
        .collect();
    if !levels.is_empty() {
        let _ = write!(text, ": {}", levels.join(", "));
    }
    text
}

fn level_label(cx: &Ctx, scale: &ScaleTerm, c: &CellReport) -> Option<String> {
    let level = c.levels.get(&scale.id)?;
    Some(scale.levels.iter().find(|l| &l.id == level).map_or(level.clone(), |l| pick(&l.label, cx.lang).to_string()))
}

/// The official's note, the other scales' levels, the mitigation and the
/// evidence source, as one cell of running text.
fn description(cx: &Ctx, c: &CellReport, columns: &[&ScaleTerm]) -> String {
    let mut parts = Vec::new();
    if let Some(note) = &c.note {
        parts.push(sentence(note));
    }
    let others: Vec<String> = cx
        .report
        .vocabulary
        .scales
        .iter()
        .filter(|s| !s.multiplies && !columns.iter().any(|c| c.id == s.id))
        .filter_map(|s| {
            let level = level_label(cx, s, c)?.to_lowercase();
            Some(format!("{}: {level}", pick(&s.label, cx.lang).to_lowercase()))
        })
        .collect();
    if !others.is_empty() {
        parts.push(sentence(&capitalised(&others.join(", "))));
    }
    if let Some(m) = &c.mitigation {
        parts.push(format!("{}: {}", cx.w(Key::MitigationLabel), sentence(m)));
    }
    if let Some(source) = &c.evidence_source {
        parts.push(format!("{}: {}", cx.w(Key::EvidenceSource), sentence(source)));
    }
    parts.join(" ")
}

/// A text the official wrote, ending with a full stop if it has none.
fn sentence(text: &str) -> String {
    let t = text.trim();
    if t.ends_with(['.', '!', '?', ':', ';', ')']) { t.to_string() } else { format!("{t}.") }
}

fn direction_words(cx: &Ctx, c: &CellReport) -> (&'static str, &'static str, &'static str) {
    match c.direction {
        Direction::Unknown => ("?", "unknown", cx.w(Key::Unknown)),
        _ => impact_look(c.value, c.low, c.high, cx.lang),
    }
}

/// The comparison in words: each alternative against the zero option,
/// group by group, from the groups' profiles.
pub(super) fn comparison(cx: &Ctx) -> Vec<Block> {
    let r = cx.report;
    let mut blocks = vec![Block::Heading(3, cx.w(Key::Comparison).into())];
    let Some(zero) = r.alternatives.iter().find(|a| a.kind == AlternativeKind::Zero) else {
        blocks.push(Block::Para(cx.w(Key::NoZeroOption).into()));
        return blocks;
    };
    // Each group by its profile (strongest negative plus strongest positive
    // impact), as in the equity comparison: a sum would make the
    // alternative assessed in more detail look worse.
    let score = |alt: &AlternativeReport, g: &str| {
        let (worst, best) = alt
            .cells
            .iter()
            .filter(|c| c.group == g)
            .fold((0.0f64, 0.0f64), |(w, b), c| (w.min(c.value), b.max(c.value)));
        worst + best
    };
    let items = r
        .alternatives
        .iter()
        .filter(|a| a.kind != AlternativeKind::Zero)
        .map(|alt| {
            let groups = r.vocabulary.groups.iter().map(|g| g.id.as_str());
            let (mut better, mut worse) = (Vec::new(), Vec::new());
            for g in groups {
                let change = score(alt, g) - score(zero, g);
                if change > 1e-9 {
                    better.push(cx.group(g));
                } else if change < -1e-9 {
                    worse.push(cx.group(g));
                }
            }
            let mut s = format!("{} {}: ", cx.alternative_name(alt), cx.w(Key::ComparedWithZero));
            let mut parts = Vec::new();
            if !better.is_empty() {
                parts.push(format!("{}: {}", cx.w(Key::BetterFor), better.join(", ")));
            }
            if !worse.is_empty() {
                parts.push(format!("{}: {}", cx.w(Key::WorseFor), worse.join(", ")));
            }
            if parts.is_empty() {
                parts.push(cx.w(Key::NoDifference).to_string());
            }
            s.push_str(&parts.join("; "));
            s.push('.');
            s
        })
        .collect();
    blocks.push(Block::List(items));
    blocks
}

/// What the equity comparison says, in words that follow from the cells:
/// which vulnerable groups are harmed or helped, then the report's
/// [`crate::report::EquityStatement`] in words, with the gap as a number.
/// "More harm" is only said when a vulnerable group has a negative impact,
/// "more benefit" only when one has a positive impact and none a negative
/// one; otherwise the words say what happened (both, or neither).
pub(super) fn equity_sentence(cx: &Ctx, alt: &AlternativeReport) -> String {
    let e = &alt.equity;
    let mut parts = Vec::new();
    let names = |ids: &[String]| ids.iter().map(|g| cx.group(g)).collect::<Vec<_>>().join(", ");
    if !e.harmed.is_empty() {
        parts.push(format!("{}: {}", cx.w(Key::EquityHarmed), names(&e.harmed)));
    }
    if !e.helped.is_empty() {
        parts.push(format!("{}: {}", cx.w(Key::EquityHelped), names(&e.helped)));
    }
    if let Some(key) = crate::report::i18n::equity_phrase(e.statement) {
        let mut s = cx.w(key).to_string();
        if let Some(g) = e.gap {
            let _ = write!(s, " ({} {})", cx.w(Key::EquityGap).to_lowercase(), cx.num(g));
        }
        parts.push(s);
    }
    if let (Some(change), Some(g)) = (e.change_from_zero, e.gap) {
        parts.push(format!("{} {}", cx.w(Key::EquityZeroGap), cx.num(g - change)));
    }
    format!("{}: {}.", cx.alternative_name(alt), capitalised_join(&parts))
}

fn capitalised_join(parts: &[String]) -> String {
    capitalised(&parts.join("; "))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Impacts by time span (budget year, council term, longer): how many are
/// negative, positive or other in each alternative.
pub(super) fn time_spans(cx: &Ctx) -> Vec<Block> {
    let r = cx.report;
    if r.alternatives.iter().all(|a| a.cells.is_empty()) {
        return Vec::new();
    }
    let timing = r.vocabulary.scales.iter().find(|s| s.id == "timing");
    let mut spans: Vec<(Option<&str>, String)> = timing
        .map(|s| s.levels.iter().map(|l| (Some(l.id.as_str()), pick(&l.label, cx.lang).to_string())).collect())
        .unwrap_or_default();
    spans.push((None, cx.w(Key::TimingNotGiven).to_string()));
    let mut head = vec![cx.w(Key::TimeSpan).to_string()];
    head.extend(r.alternatives.iter().map(|a| cx.alternative_name(a)));
    let rows = spans
        .iter()
        .filter_map(|(id, label)| {
            let counts: Vec<[usize; 3]> = r
                .alternatives
                .iter()
                .map(|a| {
                    let mut n = [0; 3];
                    for c in a.cells.iter().filter(|c| c.levels.get("timing").map(String::as_str) == *id) {
                        n[if c.value < 0.0 {
                            0
                        } else if c.value > 0.0 {
                            1
                        } else {
                            2
                        }] += 1;
                    }
                    n
                })
                .collect();
            if counts.iter().all(|n| n.iter().sum::<usize>() == 0) {
                return None;
            }
            let mut row = vec![Cell::from(label.clone())];
            row.extend(counts.iter().map(|n| Cell::from(count_words(cx, *n))));
            Some(row)
        })
        .collect();
    vec![
        Block::Heading(3, cx.w(Key::TimeSpans).into()),
        Block::Table(Table { class: "compare", caption: None, head, rows }),
    ]
}

fn count_words(cx: &Ctx, [neg, pos, other]: [usize; 3]) -> String {
    let mut parts = Vec::new();
    let counts = [
        (neg, Key::CountNegativeOne, Key::CountNegative, "▼"),
        (pos, Key::CountPositiveOne, Key::CountPositive, "▲"),
        (other, Key::CountOtherOne, Key::CountOther, "○"),
    ];
    for (n, one, many, symbol) in counts {
        if n > 0 {
            // Finnish takes the partitive after numerals from two on.
            parts.push(format!("{symbol} {n} {}", cx.w(if n == 1 { one } else { many })));
        }
    }
    if parts.is_empty() { "–".into() } else { parts.join(", ") }
}
