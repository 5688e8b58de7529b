//! Human-readable reports: Markdown and a self-contained HTML page, in
//! Finnish, Swedish or English.
//!
//! The content is built once, as a small document model ([`Block`]s), from
//! the [`Report`] alone; two writers turn it into Markdown or HTML. So both
//! formats always say the same thing, and Python and WebAssembly get the
//! same text as the CLI.

mod narrative;
mod summary;
pub mod table;

pub use summary::summary;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::checklist::model::VerdictLevel;
use crate::decision::{AlternativeKind, Direction};
use crate::report::i18n::{Key, number, percent, pick, word};
use crate::report::*;

/// Renders a report as Markdown.
///
/// ```
/// # let checklist = ennakko::Checklist::standard("eva").unwrap();
/// # let report = checklist.score_str("id: x\ntitle: T\nalternatives: [{id: zero, kind: zero}]", ennakko::Format::Yaml).unwrap();
/// let md = ennakko::report::render::markdown(&report, "fi");
/// assert!(md.starts_with("# T"));
/// ```
pub fn markdown(report: &Report, lang: &str) -> String {
    let mut out = String::new();
    for block in content(report, lang) {
        write_markdown(&mut out, &block);
    }
    out.trim_end().to_string() + "\n"
}

/// Renders a report as one self-contained HTML5 page (inline CSS, no
/// scripts, no external resources), laid out to print on A4.
///
/// ```
/// # let checklist = ennakko::Checklist::standard("eva").unwrap();
/// # let report = checklist.score_str("id: x\ntitle: T\nalternatives: [{id: zero, kind: zero}]", ennakko::Format::Yaml).unwrap();
/// let html = ennakko::report::render::html(&report, "sv");
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains("lang=\"sv\""));
/// ```
pub fn html(report: &Report, lang: &str) -> String {
    let mut body = String::new();
    for block in content(report, lang) {
        write_html(&mut body, &block);
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        lang = escape(lang),
        title = escape(&format!("{} – {}", decision_title(report, lang), word(Key::ReportTitle, lang))),
    )
}

// ---- the document model ------------------------------------------------------------

/// A piece of a rendered report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading, level 1..=3.
    Heading(u8, String),
    /// A paragraph.
    Para(String),
    /// A short emphasised statement (the verdict), with a style class.
    Callout(String, &'static str),
    /// A bulleted list.
    List(Vec<String>),
    /// A table.
    Table(Table),
    /// A group of blocks (an HTML `<section>` with a class).
    Section(&'static str, Vec<Block>),
}

/// A table of text cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Style class.
    pub class: &'static str,
    /// A caption, said by screen readers.
    pub caption: Option<String>,
    /// Column headings.
    pub head: Vec<String>,
    /// Rows; the first cell of each row is its heading.
    pub rows: Vec<Vec<Cell>>,
}

/// One table cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// Text shown.
    pub text: String,
    /// Style class (colour of an impact).
    pub class: Option<&'static str>,
    /// The cell in words, for screen readers and tooltips.
    pub label: Option<String>,
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { text, class: None, label: None }
    }
}

// ---- content -------------------------------------------------------------------------

struct Ctx<'a> {
    report: &'a Report,
    lang: &'a str,
}

impl Ctx<'_> {
    fn w(&self, key: Key) -> &'static str {
        word(key, self.lang)
    }

    fn term(&self, terms: &[Term], id: &str) -> String {
        terms.iter().find(|t| t.id == id).map_or_else(|| id.to_string(), |t| pick(&t.label, self.lang).to_string())
    }

    fn group(&self, id: &str) -> String {
        self.term(&self.report.vocabulary.groups, id)
    }

    fn domain(&self, id: &str) -> String {
        self.term(&self.report.vocabulary.domains, id)
    }

    fn kind_word(&self, kind: AlternativeKind) -> &'static str {
        match kind {
            AlternativeKind::Zero => self.w(Key::ZeroOption),
            AlternativeKind::Proposal => self.w(Key::Proposal),
            AlternativeKind::Other => self.w(Key::Other),
        }
    }

    /// The alternative's title in the report's language, with its kind.
    fn alternative_name(&self, alt: &AlternativeReport) -> String {
        let kind = self.kind_word(alt.kind);
        match alt.titles.get(self.lang).or(alt.title.as_ref()) {
            Some(t) => format!("{t} ({})", kind.to_lowercase()),
            None => self.alt_short(&alt.id),
        }
    }

    /// A short name for an alternative, for lists that would otherwise
    /// repeat long titles: its kind, numbered when two share a kind.
    fn alt_short(&self, id: &str) -> String {
        let alts = &self.report.alternatives;
        let Some(alt) = alts.iter().find(|a| a.id == id) else {
            return id.to_string();
        };
        let same: Vec<&AlternativeReport> = alts.iter().filter(|a| a.kind == alt.kind).collect();
        let kind = self.kind_word(alt.kind);
        match same.iter().position(|a| a.id == id) {
            Some(i) if same.len() > 1 => format!("{kind} {}", i + 1),
            _ => kind.to_string(),
        }
    }

    fn alt_description<'r>(&'r self, alt: &'r AlternativeReport) -> Option<&'r str> {
        alt.descriptions.get(self.lang).or(alt.description.as_ref()).map(String::as_str)
    }

    /// "Group – Domain" of a cell.
    fn cell_subject(&self, c: &CellReport) -> String {
        format!("{} – {}", self.group(&c.group), self.domain(&c.domain))
    }

    /// An answer in words: yes / no / unknown, an option's label, a number
    /// in the language's format, a text as written.
    fn answer(&self, owner: &str, value: &serde_json::Value) -> String {
        use serde_json::Value as J;
        match value {
            J::Null => "–".to_string(),
            J::Bool(b) => self.w(if *b { Key::Yes } else { Key::No }).to_string(),
            J::Number(n) => n.as_f64().map_or_else(|| n.to_string(), |f| self.num(f)),
            J::String(s) => self.option(owner, s).unwrap_or_else(|| match s.as_str() {
                "yes" => self.w(Key::Yes).to_string(),
                "no" => self.w(Key::No).to_string(),
                "unknown" => self.w(Key::Unknown).to_string(),
                _ => s.clone(),
            }),
            J::Array(items) => items.iter().map(|v| self.answer(owner, v)).collect::<Vec<_>>().join(", "),
            J::Object(_) => value.to_string(),
        }
    }

    /// The label of an option of a choice question or fact.
    fn option(&self, owner: &str, id: &str) -> Option<String> {
        let options = &self.report.vocabulary.options;
        options.iter().find(|o| o.owner == owner && o.id == id).map(|o| pick(&o.label, self.lang).to_string())
    }

    /// Whether several alternatives are proposed (then reasons name theirs).
    fn several_proposals(&self) -> bool {
        self.report.alternatives.iter().filter(|a| a.kind == AlternativeKind::Proposal).count() > 1
    }

    fn alt_title(&self, id: &str) -> String {
        self.report
            .alternatives
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.to_string(), |a| self.alternative_name(a))
    }

    fn num(&self, n: f64) -> String {
        number(n, self.lang)
    }

    fn score(&self, s: &ScoreRange) -> String {
        if s.low == s.high {
            self.num(s.value)
        } else {
            format!("{} ({}…{})", self.num(s.value), self.num(s.low), self.num(s.high))
        }
    }
}

/// The decision's title in a language: its own translation if given.
fn decision_title<'a>(report: &'a Report, lang: &str) -> &'a str {
    report.decision.titles.get(lang).unwrap_or(&report.decision.title)
}

/// The report as blocks (headings, paragraphs, tables) in `lang`, each
/// part in a named [`Block::Section`]: what [`write_markdown`] and
/// [`write_html`] print, and what document templates place part by part.
///
/// ```
/// # let checklist = ennakko::Checklist::standard("eva").unwrap();
/// # let report = checklist.score_str("id: x\ntitle: T\nalternatives: [{id: p, kind: proposal}]", ennakko::Format::Yaml).unwrap();
/// let blocks = ennakko::report::render::content(&report, "en");
/// assert!(matches!(blocks[0], ennakko::report::render::Block::Section("title", _)));
/// ```
pub fn content(report: &Report, lang: &str) -> Vec<Block> {
    let cx = Ctx { report, lang };
    let mut blocks = vec![Block::Section("title", header(&cx)), Block::Section("verdict", verdict(&cx))];
    blocks.push(Block::Section("narrative", narrative::alternatives(&cx)));
    blocks.push(Block::Section("side-by-side", side_by_side(&cx)));
    for alt in &report.alternatives {
        blocks.push(Block::Section("matrix", matrix(&cx, alt)));
    }
    blocks.push(Block::Section("legend", legend(&cx)));
    blocks.push(Block::Section("findings", findings(&cx)));
    blocks.push(Block::Section("missing", missing(&cx)));
    blocks.push(Block::Section("appendix", appendix(&cx)));
    blocks.push(Block::Para(format!(
        "{} · {} {}",
        cx.w(Key::GeneratedBy),
        pick(&report.checklist.title, lang),
        report.checklist.version
    )));
    blocks
}

fn header(cx: &Ctx) -> Vec<Block> {
    let r = cx.report;
    let mut line = format!("{} · {}: {}", cx.w(Key::ReportTitle), cx.w(Key::Decision), r.decision.id);
    if let Some(org) = r.decision.organisation {
        // Whole phrases: the adjective agrees with the noun (sv "tvåspråkig
        // kommun" but "tvåspråkigt välfärdsområde").
        let bilingual = r.decision.bilingual == Some(true);
        let key = match (org, bilingual) {
            (crate::decision::Organisation::Municipality, false) => Key::Municipality,
            (crate::decision::Organisation::Municipality, true) => Key::BilingualMunicipality,
            (crate::decision::Organisation::County, false) => Key::County,
            (crate::decision::Organisation::County, true) => Key::BilingualCounty,
        };
        let _ = write!(line, " · {}", cx.w(key));
    }
    let _ = write!(line, " · {}: {} {}", cx.w(Key::Checklist), pick(&r.checklist.title, cx.lang), r.checklist.version);
    let mut blocks = vec![Block::Heading(1, decision_title(r, cx.lang).to_string()), Block::Para(line)];
    // Every fact the decision gives, with the checklist's label and the
    // value in words (options by their labels, numbers in the language's
    // format; the labels carry the units): nothing accepted is dropped.
    if !r.facts.is_empty() {
        let items = r
            .facts
            .iter()
            .map(|f| format!("{}: {}", cx.term(&r.vocabulary.facts, &f.fact), cx.answer(&f.fact, &f.value)))
            .collect();
        blocks.push(Block::Heading(2, cx.w(Key::DecisionFacts).into()));
        blocks.push(Block::List(items));
    }
    blocks
}

fn verdict(cx: &Ctx) -> Vec<Block> {
    let v = &cx.report.verdict;
    let (key, class) = match v.level {
        VerdictLevel::None => (Key::VerdictNone, "verdict-none"),
        VerdictLevel::Light => (Key::VerdictLight, "verdict-light"),
        VerdictLevel::Full => (Key::VerdictFull, "verdict-full"),
    };
    // One reason per rule: a rule that fired for two proposals is one
    // reason, naming both when there are several proposals.
    let mut reasons: Vec<(&Finding, Vec<String>)> = Vec::new();
    for f in &v.reasons {
        let alt = f.alternative.as_deref().filter(|_| cx.several_proposals()).map(|a| cx.alt_short(a));
        match reasons.iter_mut().find(|(first, _)| f.rule.is_some() && first.rule == f.rule) {
            Some((_, alts)) => alts.extend(alt),
            None => reasons.push((f, alt.into_iter().collect())),
        }
    }
    let reasons = reasons
        .iter()
        .map(|(f, alts)| {
            let message = pick(&f.message, cx.lang);
            if alts.is_empty() { message.to_string() } else { format!("{message} ({})", alts.join(", ")) }
        })
        .collect();
    let mut blocks = vec![
        Block::Heading(2, cx.w(Key::Verdict).into()),
        Block::Callout(cx.w(key).into(), class),
        Block::Para(format!("{}:", cx.w(Key::Reasons))),
        Block::List(reasons),
    ];
    if v.level == VerdictLevel::None {
        blocks.extend(no_assessment(cx));
    }
    blocks
}

/// For a `none` verdict: the reason the official recorded (the proposals'
/// text answers) and the criteria that were checked and not met.
fn no_assessment(cx: &Ctx) -> Vec<Block> {
    let r = cx.report;
    let mut blocks = Vec::new();
    let texts: Vec<String> = r
        .alternatives
        .iter()
        .filter(|a| a.kind == AlternativeKind::Proposal)
        .flat_map(|a| &a.answers)
        .filter(|a| a.applies && a.value.is_string())
        .filter(|a| r.vocabulary.questions.iter().any(|q| q.id == a.question && q.tag.as_deref() == Some("text")))
        .map(|a| narrative::answer_line(cx, a))
        .collect();
    if !texts.is_empty() {
        blocks.push(Block::Para(format!("{}:", cx.w(Key::RecordedReason))));
        blocks.push(Block::List(texts));
    }
    let criteria: Vec<String> = r.verdict.criteria_not_met.iter().map(|id| cx.term(&r.vocabulary.rules, id)).collect();
    if !criteria.is_empty() {
        blocks.push(Block::Para(format!("{}:", cx.w(Key::Criteria))));
        blocks.push(Block::List(criteria));
    }
    blocks
}

fn side_by_side(cx: &Ctx) -> Vec<Block> {
    let r = cx.report;
    let mut head = vec![String::new()];
    head.extend(r.alternatives.iter().map(|a| cx.alternative_name(a)));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let row = |label: String, values: Vec<Cell>| {
        let mut cells = vec![Cell::from(label)];
        cells.extend(values);
        cells
    };
    for p in &r.vocabulary.perspectives {
        let label = pick(&p.label, cx.lang).to_string();
        let values =
            r.alternatives.iter().map(|a| profile_cell(cx, a.cells.iter().filter(|c| c.perspective == p.id))).collect();
        rows.push(row(label, values));
    }
    for g in &r.vocabulary.groups {
        if !r.alternatives.iter().any(|a| a.groups.iter().any(|e| e.id == g.id)) {
            continue;
        }
        let mut label = pick(&g.label, cx.lang).to_string();
        if r.decision.vulnerable_groups.contains(&g.id) {
            label.push_str(" *");
        }
        let values =
            r.alternatives.iter().map(|a| profile_cell(cx, a.cells.iter().filter(|c| c.group == g.id))).collect();
        rows.push(row(label, values));
    }
    let mut score_rows: Vec<Vec<Cell>> = Vec::new();
    for (i, s) in r.vocabulary.scores.iter().enumerate() {
        let values = r
            .alternatives
            .iter()
            .map(|a| Cell::from(a.scores.get(i).and_then(|x| x.value).map_or("–".into(), |v| cx.num(v))))
            .collect();
        score_rows.push(row(pick(&s.label, cx.lang).to_string(), values));
    }
    let gap = r.alternatives.iter().map(|a| Cell::from(a.equity.gap.map_or("–".into(), |g| cx.num(g)))).collect();
    rows.push(row(cx.w(Key::EquityGap).into(), gap));
    let done = r.alternatives.iter().map(|a| Cell::from(percent(a.completeness.ratio, cx.lang))).collect();
    rows.push(row(cx.w(Key::Completeness).into(), done));
    let mut blocks = vec![
        Block::Heading(2, cx.w(Key::SideBySide).into()),
        Block::Table(Table { class: "compare", caption: None, head: head.clone(), rows }),
        Block::Para(format!("* {}", cx.w(Key::Vulnerable))),
        Block::Para(cx.w(Key::ProfileExplained).into()),
    ];
    // The checklist's own scores are mostly sums: a table of their own,
    // labelled so, and not under the sentence that says the figures are
    // not sums.
    if !score_rows.is_empty() {
        blocks.push(Block::Heading(3, cx.w(Key::ChecklistScores).into()));
        blocks.push(Block::Table(Table { class: "compare", caption: None, head, rows: score_rows }));
        blocks.push(Block::Para(cx.w(Key::ChecklistScoresExplained).into()));
    }
    blocks.extend(narrative::comparison(cx));
    let sentences: Vec<String> = r
        .alternatives
        .iter()
        .filter(|a| a.kind != AlternativeKind::Zero)
        .map(|a| narrative::equity_sentence(cx, a))
        .collect();
    if !sentences.is_empty() {
        blocks.push(Block::Heading(3, cx.w(Key::Equity).into()));
        blocks.push(Block::List(sentences));
    }
    blocks.extend(narrative::time_spans(cx));
    blocks
}

/// A profile of some cells: the strongest negative and the strongest
/// positive impact, each with how many cells point that way. Unlike a sum,
/// it does not grow when an official assesses more impacts.
fn profile_cell<'a>(cx: &Ctx, cells: impl Iterator<Item = &'a CellReport>) -> Cell {
    let cells: Vec<&CellReport> = cells.collect();
    if cells.is_empty() {
        return Cell { text: "·".into(), class: Some("none"), label: Some(cx.w(Key::NotAssessed).into()) };
    }
    let negative: Vec<f64> = cells.iter().map(|c| c.value).filter(|v| *v < 0.0).collect();
    let positive: Vec<f64> = cells.iter().map(|c| c.value).filter(|v| *v > 0.0).collect();
    let mut parts = Vec::new();
    let mut words = Vec::new();
    let mut class = None;
    if let Some(worst) = negative.iter().copied().reduce(f64::min) {
        let (symbol, c, w) = impact_look(worst, worst, worst, cx.lang);
        parts.push(format!("{symbol} {} ({})", cx.num(worst), negative.len()));
        words.push(format!("{w} {}", cx.num(worst)));
        class = Some(c);
    }
    if let Some(best) = positive.iter().copied().reduce(f64::max) {
        let (symbol, c, w) = impact_look(best, best, best, cx.lang);
        parts.push(format!("{symbol} {} ({})", cx.num(best), positive.len()));
        words.push(format!("{w} {}", cx.num(best)));
        class = Some(if class.is_some() { "mixed" } else { c });
    }
    if parts.is_empty() {
        // Told apart by the directions given, not by the ranges: an
        // unknown cell's range spans zero too, and is not a mixed impact.
        let (symbol, c, w) = match signless(cells.iter().map(|c| c.direction)) {
            Some(Direction::Mixed) => ("◆", "mixed", cx.w(Key::Mixed)),
            Some(_) => ("?", "unknown", cx.w(Key::Unknown)),
            None => ("○", "zero", cx.w(Key::Neutral)),
        };
        return Cell { text: symbol.into(), class: Some(c), label: Some(w.into()) };
    }
    Cell { text: parts.join(" · "), class, label: Some(words.join(", ")) }
}

/// Of cells whose values add up to no sign: `mixed` if one of them is
/// mixed, else `unknown` if one is unknown, else none (all neutral).
///
/// A mixed and a neutral cell are a mixed slot; an unknown and a neutral
/// cell are an unknown one (its range spans zero as a mixed cell's does).
fn signless(directions: impl Iterator<Item = Direction>) -> Option<Direction> {
    directions.fold(None, |found, d| match (found, d) {
        (_, Direction::Mixed) | (Some(Direction::Mixed), _) => Some(Direction::Mixed),
        (_, Direction::Unknown) => Some(Direction::Unknown),
        (found, _) => found,
    })
}

/// The symbol, colour class and words for an impact value.
fn impact_look(value: f64, low: f64, high: f64, lang: &str) -> (&'static str, &'static str, &'static str) {
    let w = |k| word(k, lang);
    if value == 0.0 && low < 0.0 && high > 0.0 {
        return ("◆", "mixed", w(Key::Mixed));
    }
    match value {
        v if v <= -2.0 => ("▼▼", "neg2", w(Key::StronglyNegative)),
        v if v < 0.0 => ("▼", "neg1", w(Key::Negative)),
        v if v >= 2.0 => ("▲▲", "pos2", w(Key::StronglyPositive)),
        v if v > 0.0 => ("▲", "pos1", w(Key::Positive)),
        _ => ("○", "zero", w(Key::Neutral)),
    }
}

fn matrix(cx: &Ctx, alt: &AlternativeReport) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(2, format!("{}: {}", cx.w(Key::Matrix), cx.alternative_name(alt)))];
    if alt.cells.is_empty() {
        blocks.push(Block::Para(cx.w(Key::NoImpacts).into()));
        return blocks;
    }
    let groups: Vec<&String> = alt.groups.iter().map(|g| &g.id).collect();
    let domains: Vec<&String> = alt.domains.iter().map(|d| &d.id).collect();
    // The longer list goes down the page, so the table fits its width.
    let by_group = domains.len() <= groups.len();
    let (row_ids, col_ids) = if by_group { (&groups, &domains) } else { (&domains, &groups) };
    let label = |id: &str, is_group: bool| if is_group { cx.group(id) } else { cx.domain(id) };
    let mut head = vec![if by_group { cx.w(Key::Group) } else { cx.w(Key::Domain) }.to_string()];
    head.extend(col_ids.iter().map(|c| label(c, !by_group)));
    let rows = row_ids
        .iter()
        .map(|r| {
            let mut row = vec![Cell::from(label(r, by_group))];
            for c in col_ids.iter() {
                let (g, d) = if by_group { (r, c) } else { (c, r) };
                let cells: Vec<&CellReport> = alt.cells.iter().filter(|x| &&x.group == g && &&x.domain == d).collect();
                row.push(slot_cell(cx, &cells));
            }
            row
        })
        .collect();
    blocks.push(Block::Table(Table {
        class: "matrix",
        caption: Some(format!("{}: {}", cx.w(Key::MatrixFor), cx.alternative_name(alt))),
        head,
        rows,
    }));
    blocks
}

/// A matrix slot: the cells of one group in one domain.
fn slot_cell(cx: &Ctx, cells: &[&CellReport]) -> Cell {
    if cells.is_empty() {
        return Cell { text: "·".into(), class: Some("none"), label: Some(cx.w(Key::NotAssessed).into()) };
    }
    let value: f64 = cells.iter().map(|c| c.value).sum();
    let low: f64 = cells.iter().map(|c| c.low).sum();
    let high: f64 = cells.iter().map(|c| c.high).sum();
    let (symbol, class, words) = match signless(cells.iter().map(|c| c.direction)) {
        Some(Direction::Unknown) if value == 0.0 => ("?", "unknown", word(Key::Unknown, cx.lang)),
        _ => impact_look(value, low, high, cx.lang),
    };
    let mitigated = cells.iter().any(|c| c.mitigated && c.value < 0.0);
    let mark = if mitigated { " ᴹ" } else { "" };
    let mut label = format!("{words}, {}", cx.num(value));
    if mitigated {
        let _ = write!(label, ", {}", cx.w(Key::Mitigation));
    }
    let text = if value == 0.0 { format!("{symbol}{mark}") } else { format!("{symbol} {}{mark}", cx.num(value)) };
    Cell { text, class: Some(class), label: Some(label) }
}

fn legend(cx: &Ctx) -> Vec<Block> {
    let w = |k| cx.w(k);
    vec![
        Block::Heading(3, w(Key::Legend).into()),
        Block::List(vec![
            format!("▼▼ {} (≤ −2)", w(Key::StronglyNegative)),
            format!("▼ {}", w(Key::Negative)),
            format!("○ {}", w(Key::Neutral)),
            format!("▲ {}", w(Key::Positive)),
            format!("▲▲ {} (≥ 2)", w(Key::StronglyPositive)),
            format!("◆ {}", w(Key::Mixed)),
            format!("? {}", w(Key::Unknown)),
            format!("· {}", w(Key::NotAssessed)),
            format!("ᴹ {}", w(Key::Mitigation)),
        ]),
    ]
}

fn findings(cx: &Ctx) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(2, cx.w(Key::Findings).into())];
    if cx.report.findings.is_empty() {
        blocks.push(Block::Para(cx.w(Key::NoFindings).into()));
    }
    for (severity, key) in [
        (Severity::Required, Key::SeverityRequired),
        (Severity::Warning, Key::SeverityWarning),
        (Severity::Info, Key::SeverityInfo),
    ] {
        let items: Vec<String> = cx
            .report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .map(|f| match &f.alternative {
                Some(a) if cx.several_proposals() => format!("{} — {}", cx.alt_short(a), pick(&f.message, cx.lang)),
                _ => pick(&f.message, cx.lang).to_string(),
            })
            .collect();
        if !items.is_empty() {
            blocks.push(Block::Heading(3, cx.w(key).into()));
            blocks.push(Block::List(items));
        }
    }
    if !cx.report.comparison.is_empty() {
        blocks.push(Block::Heading(3, cx.w(Key::ComparisonFindings).into()));
        blocks.push(Block::Para(cx.w(Key::ComparisonFindingsNote).into()));
        let items = cx
            .report
            .comparison
            .iter()
            .map(|f| {
                let who = f.alternative.as_deref().map_or_else(String::new, |a| cx.alt_short(a));
                let message = pick(&f.message, cx.lang);
                match f.level {
                    Some(level) => format!("{who} — {} {}: {message}", verdict_words(cx, level), cx.w(Key::IfChosen)),
                    None => format!("{who} — {message}"),
                }
            })
            .collect();
        blocks.push(Block::List(items));
    }
    blocks
}

fn verdict_words(cx: &Ctx, level: VerdictLevel) -> &'static str {
    cx.w(match level {
        VerdictLevel::None => Key::VerdictNone,
        VerdictLevel::Light => Key::VerdictLight,
        VerdictLevel::Full => Key::VerdictFull,
    })
}

fn missing(cx: &Ctx) -> Vec<Block> {
    let r = cx.report;
    let mut blocks = vec![Block::Heading(2, cx.w(Key::Missing).into())];
    let mut any = false;
    for alt in &r.alternatives {
        let c = &alt.completeness;
        let mut items = Vec::new();
        for m in &c.missing {
            let q = cx.term(&r.vocabulary.questions, &m.question);
            if m.groups.is_empty() {
                items.push(format!("{}: {q}", cx.w(Key::UnansweredRequired)));
            } else {
                let groups: Vec<String> = m.groups.iter().map(|g| cx.group(g)).collect();
                items.push(format!(
                    "{}: {q} ({}: {})",
                    cx.w(Key::UnansweredRequired),
                    cx.w(Key::MissingGroups),
                    groups.join(", ")
                ));
            }
        }
        for &i in &c.cells_without_evidence {
            if let Some(cell) = alt.cells.iter().find(|x| x.index == i) {
                items.push(format!(
                    "{}: {} / {}",
                    cx.w(Key::WithoutEvidence),
                    cx.group(&cell.group),
                    cx.domain(&cell.domain)
                ));
            }
        }
        if !items.is_empty() {
            any = true;
            blocks.push(Block::Heading(3, cx.alternative_name(alt)));
            blocks.push(Block::List(items));
        }
    }
    let never: BTreeSet<&String> = r
        .vocabulary
        .groups
        .iter()
        .map(|g| &g.id)
        .filter(|g| r.alternatives.iter().all(|a| a.completeness.groups_not_assessed.contains(g)))
        .collect();
    if !never.is_empty() {
        any = true;
        blocks.push(Block::Heading(3, cx.w(Key::GroupsNotConsidered).into()));
        blocks.push(Block::Para(never.iter().map(|g| cx.group(g)).collect::<Vec<_>>().join(", ")));
    }
    if !any {
        blocks.push(Block::Para(cx.w(Key::NothingMissing).into()));
    }
    blocks
}

/// How a cell scores: the scales that multiply, named as the checklist
/// made them (the standard wording for the default magnitude and
/// likelihood).
fn cell_method(cx: &Ctx) -> String {
    let multiplying: Vec<_> = cx.report.vocabulary.scales.iter().filter(|s| s.multiplies).collect();
    let ids: Vec<&str> = multiplying.iter().map(|s| s.id.as_str()).collect();
    match ids.as_slice() {
        ["magnitude", "likelihood"] => cx.w(Key::MethodCells).to_string(),
        [] => cx.w(Key::MethodCellsDirection).to_string(),
        _ => {
            let names: Vec<&str> = multiplying.iter().map(|s| pick(&s.label, cx.lang)).collect();
            format!("{} {}.", cx.w(Key::MethodCellsScales), names.join(", "))
        }
    }
}

fn appendix(cx: &Ctx) -> Vec<Block> {
    let r = cx.report;
    let method = format!("{} {}", cell_method(cx), cx.w(Key::Method));
    let mut blocks = vec![Block::Heading(2, cx.w(Key::HowComputed).into()), Block::Para(method)];
    for alt in r.alternatives.iter().filter(|a| !a.cells.is_empty()) {
        blocks.push(Block::Heading(3, format!("{}: {}", cx.w(Key::CellCalculations), cx.alternative_name(alt))));
        let rows = alt
            .cells
            .iter()
            .map(|c| {
                vec![Cell::from(cx.group(&c.group)), Cell::from(cx.domain(&c.domain)), Cell::from(calculation(cx, c))]
            })
            .collect();
        let head = vec![cx.w(Key::Group).into(), cx.w(Key::Domain).into(), cx.w(Key::Calculation).into()];
        blocks.push(Block::Table(Table { class: "calc", caption: None, head, rows }));
        blocks.push(Block::Para(cx.w(Key::AssumedLevel).into()));
    }
    let explained: Vec<String> = r
        .verdict
        .reasons
        .iter()
        .chain(&r.findings)
        .filter(|f| !f.trace.is_empty())
        .map(|f| {
            let reads: Vec<String> = f.trace.iter().filter_map(|t| trace_item(cx, t)).collect();
            format!("{} — {}", pick(&f.message, cx.lang), reads.join("; "))
        })
        .collect();
    if !explained.is_empty() {
        blocks.push(Block::Heading(3, cx.w(Key::ReasonsAndFindings).into()));
        blocks.push(Block::List(explained));
    }
    if !r.notes.is_empty() {
        blocks.push(Block::Heading(3, cx.w(Key::Notes).into()));
        blocks.push(Block::List(r.notes.iter().map(|n| note(cx, n)).collect()));
    }
    blocks
}

/// A cell's calculation in words: direction × each multiplying scale's
/// level and weight = value.
fn calculation(cx: &Ctx, c: &CellReport) -> String {
    let mut parts = vec![match c.direction {
        Direction::Value(v) => cx.num(f64::from(v)),
        Direction::Mixed => format!("{} (0, ±1)", cx.w(Key::Mixed)),
        Direction::Unknown => format!("{} (0, ±2)", cx.w(Key::Unknown)),
    }];
    for scale in cx.report.vocabulary.scales.iter().filter(|s| s.multiplies) {
        let given = c.levels.get(&scale.id);
        let level = given.or(scale.default.as_ref()).and_then(|id| scale.levels.iter().find(|l| &l.id == id));
        let weight = level.and_then(|l| l.tag.as_deref()).and_then(|w| w.parse::<f64>().ok()).unwrap_or(1.0);
        let name = level.map_or("–", |l| pick(&l.label, cx.lang));
        let assumed = if given.is_none() { "*" } else { "" };
        parts.push(format!("{} {name}{assumed} ({})", pick(&scale.label, cx.lang).to_lowercase(), cx.num(weight)));
    }
    let mut text = format!("{} = {}", parts.join(" × "), cx.num(c.value));
    if c.low != c.high {
        let _ = write!(text, " ({} {}…{})", cx.w(Key::Range), cx.num(c.low), cx.num(c.high));
    }
    text
}

/// A note on the input in the reader's language (the JSON keeps its code,
/// path and English text for tools).
fn note(cx: &Ctx, n: &Note) -> String {
    let alt = n.alternative.as_deref().map(|a| cx.alt_short(a)).unwrap_or_default();
    let question = n.question.as_deref().map(|q| cx.term(&cx.report.vocabulary.questions, q));
    match (n.code.as_str(), question) {
        ("N0001", Some(q)) if n.path.contains(".impacts[") => {
            format!("{alt}: {q} — {}", cx.w(Key::NoteImpactNotApplies))
        }
        ("N0001", Some(q)) => format!("{alt}: {q} — {}", cx.w(Key::NoteNotApplies)),
        ("N0002", _) => format!("{alt}: {}", cx.w(Key::NoteEmpty)),
        _ => n.message.clone(),
    }
}

/// One value a rule read, in words; `None` for what the reader already sees
/// (the decision's own id, title and kind).
fn trace_item(cx: &Ctx, t: &TraceItem) -> Option<String> {
    let v = &cx.report.vocabulary;
    let alt = t.alternative.as_deref().map(|a| cx.alt_short(a));
    let name = match t.source {
        TraceSource::Answer => cx.term(&v.questions, &t.id),
        TraceSource::Fact => cx.term(&v.facts, &t.id),
        TraceSource::Impact => match t.id.split_once('/') {
            Some((g, d)) => format!("{} / {}", cx.group(g), cx.domain(d)),
            None => {
                let mut found = cx.group(&t.id);
                if found == t.id {
                    found = cx.domain(&t.id);
                }
                if found == t.id {
                    found = cx.term(&v.perspectives, &t.id);
                }
                format!("{}: {found}", cx.w(Key::Impact))
            }
        },
        TraceSource::Mitigated => format!("{}: {}", cx.w(Key::Mitigation), cx.group(&t.id)),
        TraceSource::Completeness => cx.w(Key::Completeness).to_string(),
        TraceSource::EquityGap => cx.w(Key::EquityGap).to_string(),
        TraceSource::Score => cx.term(&v.scores, &t.id),
        TraceSource::Rule => cx.term(&v.rules, &t.id),
        TraceSource::Match => {
            // `group`, `domain` or `group/domain (impacts[i])`
            let (what, at) = t.id.split_once(" (").unwrap_or((&t.id, ""));
            let named = match what.split_once('/') {
                Some((g, d)) => format!("{} / {}", cx.group(g), cx.domain(d)),
                None => cx.term_any(what),
            };
            let _ = at;
            return Some(match alt {
                Some(a) => format!("→ {named} ({a})"),
                None => format!("→ {named}"),
            });
        }
        TraceSource::Applies => format!("{} ({})", cx.term(&v.questions, &t.id), cx.w(Key::Applies)),
        TraceSource::Answered => format!("{} ({})", cx.term(&v.questions, &t.id), cx.w(Key::Answered)),
        TraceSource::Alternative if t.id == "alternative.is_zero" => cx.w(Key::ZeroOption).to_string(),
        TraceSource::Alternative => cx.w(Key::Alternative).to_string(),
        TraceSource::Decision if t.id == "decision.organisation" => {
            let value = match t.value.as_str() {
                Some("county") => cx.w(Key::County),
                Some("municipality") => cx.w(Key::Municipality),
                _ => "–",
            };
            return Some(format!("{}: {value}", cx.w(Key::Decision)));
        }
        TraceSource::Decision if t.id == "decision.bilingual" => cx.w(Key::Bilingual).to_string(),
        TraceSource::Decision => return None,
    };
    let value = cx.answer(&t.id, &t.value);
    Some(match alt {
        Some(a) => format!("{name} ({a}) = {value}"),
        None => format!("{name} = {value}"),
    })
}

/// The equity statement of each alternative but the zero option, in
/// words, as the report says it: (alternative id, sentence). A drafting
/// page shows these instead of wording the statement itself.
///
/// ```
/// let checklist = ennakko::Checklist::standard("eva").unwrap();
/// let text = "id: x\ntitle: T\nalternatives: [{id: zero, kind: zero}, {id: p, kind: proposal, impacts: [{group: children, domain: health, direction: -1}]}]";
/// let report = checklist.score_str(text, ennakko::Format::Yaml).unwrap();
/// let sentences = ennakko::report::render::equity_sentences(&report, "en");
/// assert_eq!(sentences[0].0, "p");
/// assert!(sentences[0].1.contains("Children"));
/// ```
pub fn equity_sentences(report: &Report, lang: &str) -> Vec<(String, String)> {
    let cx = Ctx { report, lang };
    let shown = report.alternatives.iter().filter(|a| a.kind != AlternativeKind::Zero);
    shown.map(|a| (a.id.clone(), narrative::equity_sentence(&cx, a))).collect()
}

/// Explains one result in plain language: a finding or verdict reason (by
/// rule id), a named score, or the score of a group, domain or perspective
/// (by id), for every alternative it appears in. `None` if nothing has that id.
///
/// ```
/// # let checklist = ennakko::Checklist::standard("eva").unwrap();
/// # let report = checklist.score_str("id: x\ntitle: T\nalternatives: [{id: zero, kind: zero}]", ennakko::Format::Yaml).unwrap();
/// assert!(ennakko::report::render::explain(&report, "no-such-id", "en").is_none());
/// ```
pub fn explain(report: &Report, id: &str, lang: &str) -> Option<String> {
    let cx = Ctx { report, lang };
    let mut out = String::new();
    let rules = report.verdict.reasons.iter().chain(&report.findings).filter(|f| f.rule.as_deref() == Some(id));
    for f in rules {
        let _ = writeln!(out, "{}", pick(&f.message, lang));
        if let Some(a) = &f.alternative {
            let _ = writeln!(out, "  {}: {}", cx.w(Key::Alternative), cx.alt_title(a));
        }
        for t in f.trace.iter().filter_map(|t| trace_item(&cx, t)) {
            let _ = writeln!(out, "  - {t}");
        }
    }
    for alt in &report.alternatives {
        let name = cx.alternative_name(alt);
        if let Some(s) = alt.scores.iter().find(|s| s.id == id) {
            let value = s.value.map_or("–".into(), |v| cx.num(v));
            let _ = writeln!(out, "{} = {value} ({name})", cx.term(&report.vocabulary.scores, &s.id));
            for t in s.trace.iter().filter_map(|t| trace_item(&cx, t)) {
                let _ = writeln!(out, "  - {t}");
            }
        }
        let sums = alt.groups.iter().chain(&alt.domains).chain(&alt.perspectives).filter(|e| e.id == id);
        for entry in sums {
            let _ = writeln!(out, "{} = {} ({name})", cx.term_any(id), cx.score(&entry.score));
            for &i in &entry.score.cells {
                if let Some(c) = alt.cells.get(i) {
                    let _ =
                        writeln!(out, "  - {} / {}: {}", cx.group(&c.group), cx.domain(&c.domain), calculation(&cx, c));
                }
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// For each target of rule `id` for which it did not fire: which parts of
/// its condition held and which did not, with the values read.
pub(crate) fn explain_not_fired(report: &Report, id: &str, checks: &[crate::eval::RuleCheck], lang: &str) -> String {
    let cx = Ctx { report, lang };
    let mut out = String::new();
    let message = report.vocabulary.rules.iter().find(|r| r.id == id).map_or("", |r| pick(&r.label, lang));
    for check in checks.iter().filter(|c| !c.parts.iter().all(|p| p.holds)) {
        let _ = writeln!(out, "{message}");
        let alt = check.alternative.and_then(|a| report.alternatives.get(a));
        match alt {
            Some(a) => {
                let _ = writeln!(out, "  {} ({}):", cx.w(Key::NotFired), cx.alternative_name(a));
            }
            None => {
                let _ = writeln!(out, "  {}:", cx.w(Key::NotFired));
            }
        }
        for (i, part) in check.parts.iter().enumerate() {
            let mark = if part.holds { cx.w(Key::PartHolds) } else { cx.w(Key::PartFails) };
            let reads: Vec<String> = part.trace.iter().filter_map(|t| trace_item(&cx, t)).collect();
            let _ = writeln!(out, "  {} {}: {mark} — {}", cx.w(Key::ConditionPart), i + 1, reads.join("; "));
        }
    }
    out
}

impl Ctx<'_> {
    /// The label of a group, domain or perspective id.
    fn term_any(&self, id: &str) -> String {
        let v = &self.report.vocabulary;
        [&v.groups, &v.domains, &v.perspectives]
            .into_iter()
            .find_map(|terms| terms.iter().find(|t| t.id == id))
            .map_or_else(|| id.to_string(), |t| pick(&t.label, self.lang).to_string())
    }
}

// ---- writers ---------------------------------------------------------------------------

/// Appends a block as Markdown.
///
/// ```
/// let mut out = String::new();
/// ennakko::report::render::write_markdown(&mut out, &ennakko::report::render::Block::Para("1. a".into()));
/// assert_eq!(out, "1\\. a\n\n");
/// ```
pub fn write_markdown(out: &mut String, block: &Block) {
    match block {
        Block::Heading(level, text) => {
            let _ = writeln!(out, "{} {}\n", "#".repeat(usize::from(*level)), md_inline(text));
        }
        Block::Para(text) => {
            let _ = writeln!(out, "{}\n", md_inline(text));
        }
        Block::Callout(text, _) => {
            let _ = writeln!(out, "**{}**\n", md_inline(text));
        }
        Block::List(items) => {
            for item in items {
                let _ = writeln!(out, "- {}", md_inline(item));
            }
            out.push('\n');
        }
        Block::Table(table) => {
            let cell = |t: &str| md_inline(t);
            let _ = writeln!(out, "| {} |", table.head.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | "));
            let _ = writeln!(out, "|{}", "---|".repeat(table.head.len()));
            for row in &table.rows {
                let _ = writeln!(out, "| {} |", row.iter().map(|c| cell(&c.text)).collect::<Vec<_>>().join(" | "));
            }
            out.push('\n');
        }
        Block::Section(_, blocks) => blocks.iter().for_each(|b| write_markdown(out, b)),
    }
}

/// Escapes the characters Markdown would read as formatting, and turns line
/// breaks into spaces: a report's text comes from decisions and checklists,
/// and a line of its own (`~~~`, `---`, `# ...`, `| a |`) would otherwise
/// start a code block, a rule, a heading or a table and swallow the rest.
fn md_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line_start = true;
    for c in text.chars() {
        if c == '\r' || c == '\n' {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        let special = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~')
            || (line_start && matches!(c, '-' | '+' | '=' | '.'));
        if special {
            out.push('\\');
        }
        out.push(c);
        line_start = false;
    }
    // `1. text` at the start would become a numbered list item.
    if let Some(dot) = out.find(". ").filter(|&i| i > 0 && out[..i].bytes().all(|b| b.is_ascii_digit())) {
        out.insert(dot, '\\');
    }
    out
}

/// Appends a block as HTML.
///
/// ```
/// let mut out = String::new();
/// ennakko::report::render::write_html(&mut out, &ennakko::report::render::Block::Para("a < b".into()));
/// assert!(out.contains("a &lt; b"));
/// ```
pub fn write_html(out: &mut String, block: &Block) {
    match block {
        Block::Heading(level, text) => {
            let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(text));
        }
        Block::Para(text) => {
            let _ = writeln!(out, "<p>{}</p>", escape(text));
        }
        Block::Callout(text, class) => {
            let _ = writeln!(out, "<p class=\"callout {class}\"><strong>{}</strong></p>", escape(text));
        }
        Block::List(items) => {
            out.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", escape(item));
            }
            out.push_str("</ul>\n");
        }
        Block::Table(t) => table::write(out, t),
        Block::Section(class, blocks) => {
            let _ = writeln!(out, "<section class=\"{class}\">");
            blocks.iter().for_each(|b| write_html(out, b));
            out.push_str("</section>\n");
        }
    }
}

/// Escapes text for HTML and XML (the report pages and Word documents),
/// dropping the control characters XML 1.0 does not allow (HTML calls
/// them parse errors): what a decision's text holds cannot break the page.
///
/// ```
/// assert_eq!(ennakko::report::render::escape("<a & \"b\">\u{1}"), "&lt;a &amp; &quot;b&quot;&gt;");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => out.push(c),
        }
    }
    out
}

/// The report's style: system fonts only, colours that also differ in
/// lightness (readable in greyscale), symbols that carry the meaning
/// without colour, and an A4 print layout.
pub const CSS: &str = "
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--neg2:#a40e26;--neg1:#f6c3c8;--zero:#eef1f4;--pos1:#b9e3c6;--pos2:#1a7f37;--mixed:#f4dd8b}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}h3{font-size:1rem;margin:1rem 0 .3rem}
section.title p{color:var(--muted);margin:.2rem 0}
.callout{font-size:1.15rem;padding:.6rem .9rem;border-left:6px solid;margin:.4rem 0}
.verdict-full{border-color:var(--neg2);background:#fbe9eb}.verdict-light{border-color:#bf8700;background:#fff8c5}.verdict-none{border-color:var(--pos2);background:#dafbe1}
table{border-collapse:collapse;margin:.4rem 0 .8rem;width:100%;font-size:.92rem}
table.matrix thead th:first-child{width:9.5rem}
th .aside{display:block;font-weight:400;font-size:.9em}
caption{text-align:left;color:var(--muted);font-size:.85rem;padding-bottom:.2rem}
th,td{border:1px solid var(--line);padding:.3rem .45rem;vertical-align:top}
thead th{background:#f6f8fa;text-align:left}
tbody th{text-align:left;font-weight:600;background:#fbfcfd}
table.compare td{text-align:center}table.matrix td{text-align:center;font-size:.85rem}table.matrix thead th{font-size:.78rem}
td.neg2{background:var(--neg2);color:#fff;font-weight:700}td.neg1{background:var(--neg1)}td.zero{background:var(--zero)}
td.pos1{background:var(--pos1)}td.pos2{background:var(--pos2);color:#fff;font-weight:700}td.mixed,td.unknown{background:var(--mixed)}
td.none{color:var(--muted)}
table.impacts th,table.impacts td{font-size:.85rem}table.impacts td:last-child{width:42%}
section.legend ul{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;list-style:none;padding:0;color:var(--muted)}
section.appendix{color:#32383f;font-size:.9rem}
@media print{@page{size:A4;margin:16mm}body{font-size:10.5pt}main{max-width:none;padding:0}
th,td{padding:.2rem .3rem}table.matrix,table.compare{font-size:9pt}table.matrix td,table.matrix thead th,table.compare thead th{font-size:8pt}
h2,h3,caption{break-after:avoid;break-inside:avoid}table,section.verdict{break-inside:avoid}
td.neg2,td.pos2,td.neg1,td.pos1,td.zero,td.mixed,.callout{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
";

#[cfg(test)]
mod tests {
    use crate::{Checklist, Format};

    /// The method paragraph of a report for a checklist whose `scales` are
    /// given as declarations.
    fn method(scales: &str, lang: &str) -> String {
        let text = format!("checklist c {{ title fi \"C\" sv \"C\" en \"C\" version \"1\" }}\n{scales}");
        let checklist = Checklist::from_source("c.eva", &text).expect("compiles");
        let report = checklist.score_str(
            "{\"id\": \"d\", \"title\": \"D\", \"alternatives\": [{\"id\": \"a\", \"kind\": \"proposal\"}]}",
            Format::Json,
        );
        let md = super::markdown(&report.expect("scores"), lang);
        let heading = format!("## {}\n\n", super::word(super::Key::HowComputed, lang));
        let start = md.find(&heading).expect("a method section") + heading.len();
        md[start..].lines().next().unwrap_or_default().to_string()
    }

    #[test]
    fn the_method_names_the_scales_that_multiply() {
        let standard = method("", "en");
        assert!(standard.starts_with(
            "Each impact scores its direction (−2…+2) times the weights of its magnitude and likelihood. A level"
        ));
        let label = "label fi \"Ihmiset\" sv \"Människor\" en \"People\"";
        let people =
            format!("scale people {{ {label} multiplies level few 1 {{ {label} }} level many 2 {{ {label} }} }}");
        assert!(
            method(&people, "fi")
                .contains("kerrottuna näiden asteikkojen tasojen painoilla: Suuruus, Todennäköisyys, Ihmiset.")
        );
        let plain = "label fi \"x\" sv \"x\" en \"x\"";
        let neither = format!(
            "scale magnitude {{ {plain} level a 1 {{ {plain} }} }}\nscale likelihood {{ {plain} level a 1 {{ {plain} }} }}"
        );
        assert!(method(&neither, "sv").starts_with("Poängen för varje konsekvens är dess riktning (−2…+2). En nivå"));
    }
}
