//! Properties of scoring, checked on generated decisions (proptest):
//! scoring is deterministic; a question nothing depends on changes no
//! score; the order of declarations changes no result; and every report,
//! generated or committed, validates against the report's JSON Schema.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use ennakko::checklist::model::{FactKind, Model, QuestionKind};
use ennakko::syntax::source::SourceMap;
use ennakko::{Checklist, Decision, Format, Limits, Report};
use proptest::prelude::*;
use serde_json::{Value, json};

// ---- generated decisions ----------------------------------------------------

/// A decision as indices, turned into ids of a particular checklist by
/// [`decision`], so one strategy serves every checklist.
#[derive(Debug, Clone)]
struct Spec {
    kind: u8,
    facts: Vec<(u16, u16)>,
    alternatives: Vec<AltSpec>,
}

#[derive(Debug, Clone)]
struct AltSpec {
    kind: u8,
    answers: Vec<(u16, u16)>,
    cells: Vec<CellSpec>,
}

#[derive(Debug, Clone)]
struct CellSpec {
    group: u16,
    domain: u16,
    direction: u8,
    levels: [Option<u8>; 6],
    mitigated: bool,
}

fn cell_spec() -> impl Strategy<Value = CellSpec> {
    (any::<u16>(), any::<u16>(), any::<u8>(), prop::array::uniform6(prop::option::of(any::<u8>())), any::<bool>())
        .prop_map(|(group, domain, direction, levels, mitigated)| CellSpec {
            group,
            domain,
            direction,
            levels,
            mitigated,
        })
}

fn alt_spec() -> impl Strategy<Value = AltSpec> {
    (any::<u8>(), prop::collection::vec(any::<(u16, u16)>(), 0..24), prop::collection::vec(cell_spec(), 0..16))
        .prop_map(|(kind, answers, cells)| AltSpec { kind, answers, cells })
}

fn spec() -> impl Strategy<Value = Spec> {
    (any::<u8>(), prop::collection::vec(any::<(u16, u16)>(), 0..8), prop::collection::vec(alt_spec(), 1..4))
        .prop_map(|(kind, facts, alternatives)| Spec { kind, facts, alternatives })
}

/// A number in `lo..=hi` picked by `v`, including both ends.
fn within(lo: f64, hi: f64, v: u16) -> f64 {
    lo + (hi - lo) * f64::from(v) / f64::from(u16::MAX)
}

fn answer(kind: &QuestionKind, v: u16) -> Option<Value> {
    Some(match kind {
        QuestionKind::Screening => json!(["yes", "no", "unknown"][usize::from(v) % 3]),
        QuestionKind::Choice(options) => json!(options[usize::from(v) % options.len()].id),
        QuestionKind::Number { range: Some((lo, hi)) } => json!(within(*lo, *hi, v)),
        QuestionKind::Number { range: None } => json!(f64::from(v) - 30_000.0),
        QuestionKind::Text => json!(format!("teksti {v} ✓")),
        QuestionKind::Impact => return None,
    })
}

/// The decision a spec describes for a checklist: it always binds.
fn decision(model: &Model, spec: &Spec) -> Value {
    let mut facts = serde_json::Map::new();
    for &(f, v) in &spec.facts {
        let Some(fact) = model.facts.get(usize::from(f) % model.facts.len().max(1)) else { break };
        let value = match &fact.kind {
            FactKind::Number { range: Some((lo, hi)) } => json!(within(*lo, *hi, v)),
            FactKind::Number { range: None } => json!(f64::from(v) * 1000.0),
            FactKind::Text => json!(format!("t{v}")),
            FactKind::Flag => json!(v % 2 == 0),
            FactKind::Choice(options) => json!(options[usize::from(v) % options.len()].id),
            FactKind::List => json!(["a", format!("s{}", v % 4)]),
        };
        facts.insert(fact.id.clone(), value);
    }
    let mut alternatives = Vec::new();
    for (a, alt) in spec.alternatives.iter().enumerate() {
        let kind = if a == 0 { "zero" } else { ["proposal", "other", "proposal", "zero"][usize::from(alt.kind) % 4] };
        let mut answers = serde_json::Map::new();
        for &(q, v) in &alt.answers {
            let Some(question) = model.questions.get(usize::from(q) % model.questions.len().max(1)) else { break };
            if let Some(value) = answer(&question.kind, v) {
                answers.insert(question.id.clone(), value);
            }
        }
        let mut impacts = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for c in &alt.cells {
            let (g, d) =
                (usize::from(c.group) % model.groups.len().max(1), usize::from(c.domain) % model.domains.len().max(1));
            let (Some(group), Some(domain)) = (model.groups.get(g), model.domains.get(d)) else { break };
            if !seen.insert((g, d)) {
                continue;
            }
            let direction = match c.direction % 7 {
                5 => json!("mixed"),
                6 => json!("unknown"),
                n => json!(i64::from(n) - 2),
            };
            let mut cell = json!({"group": group.id, "domain": domain.id, "direction": direction});
            for (scale, level) in model.scales.iter().zip(c.levels) {
                if let Some(l) = level
                    && !scale.levels.is_empty()
                {
                    cell[scale.id.name()] = json!(scale.levels[usize::from(l) % scale.levels.len()].id);
                }
            }
            if c.mitigated {
                cell["mitigation"] = json!("Korvaava palvelu");
            }
            impacts.push(cell);
        }
        alternatives.push(json!({"id": format!("alt{a}"), "kind": kind, "answers": answers, "impacts": impacts}));
    }
    json!({
        "id": "2026-1",
        "title": "Generoitu päätös",
        "kind": (["school_network", "budget", "service_network", "other"][usize::from(spec.kind) % 4]),
        "facts": facts,
        "alternatives": alternatives,
    })
}

fn score(checklist: &Checklist, json: &Value) -> Report {
    let decision = Decision::from_value(json.clone()).unwrap_or_else(|e| panic!("{e}\n{json:#}"));
    checklist.score(&decision).unwrap_or_else(|e| panic!("{e}\n{json:#}"))
}

// ---- what a report says, independent of list order ------------------------

/// The results of a report, keyed by id, so two reports can be compared
/// whatever order their lists come in.
fn results(report: &Report) -> Value {
    let mut alternatives = serde_json::Map::new();
    for alt in &report.alternatives {
        let by_id = |entries: &[ennakko::report::Entry]| -> BTreeMap<String, Value> {
            entries.iter().map(|e| (e.id.clone(), serde_json::to_value(&e.score).unwrap_or_default())).collect()
        };
        let scores: BTreeMap<String, Value> =
            alt.scores.iter().map(|s| (s.id.clone(), serde_json::to_value(s.value).unwrap_or_default())).collect();
        alternatives.insert(
            alt.id.clone(),
            json!({
                "total": alt.total,
                "groups": by_id(&alt.groups),
                "domains": by_id(&alt.domains),
                "perspectives": by_id(&alt.perspectives),
                "cells": alt.cells,
                "scores": scores,
                "equity": {"gap": alt.equity.gap, "change": alt.equity.change_from_zero},
                "completeness": alt.completeness.ratio,
            }),
        );
    }
    let mut findings: Vec<(Option<String>, Option<String>)> =
        report.findings.iter().map(|f| (f.rule.clone(), f.alternative.clone())).collect();
    findings.sort();
    let mut reasons: Vec<Option<String>> = report.verdict.reasons.iter().map(|f| f.rule.clone()).collect();
    reasons.sort();
    json!({
        "alternatives": alternatives,
        "findings": findings,
        "verdict": {"level": report.verdict.level, "reasons": reasons},
    })
}

// ---- the checklists -----------------------------------------------------------

static EVA: LazyLock<Checklist> = LazyLock::new(|| Checklist::standard("eva").expect("eva compiles"));

static STANDARD: LazyLock<Vec<Checklist>> = LazyLock::new(|| {
    ennakko::checklist::stdlib::names().map(|n| Checklist::standard(n).expect("standard checklists compile")).collect()
});

static REPORT_SCHEMA: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| jsonschema::validator_for(&ennakko::schema::report()).expect("the report schema is a schema"));

fn schema_errors(report: &Value) -> Vec<String> {
    REPORT_SCHEMA.iter_errors(report).map(|e| format!("{} at {}", e, e.instance_path())).take(5).collect()
}

/// The declarations of a source, each as written (comments between them
/// are dropped).
fn declarations(name: &str, text: &str) -> Vec<String> {
    let mut sources = SourceMap::default();
    let file = sources.add(name, text);
    let tree = ennakko::syntax::parse(&sources, file, &Limits::default()).expect("parses");
    let stored = &sources.get(file).expect("the file").text;
    tree.decls.iter().map(|d| stored[d.span.start..d.span.end].to_string()).collect()
}

const T: &str = "fi \"Epäolennainen\" sv \"Irrelevant\" en \"Irrelevant\"";

/// A question no rule, score or other question reads.
fn irrelevant_question(kind: u8, when: u8) -> (String, QuestionKind) {
    let (decl_kind, body, model_kind) = match kind % 4 {
        0 => ("screening", String::new(), QuestionKind::Screening),
        1 => ("number", "range 0..10".to_string(), QuestionKind::Number { range: Some((0.0, 10.0)) }),
        2 => ("text", String::new(), QuestionKind::Text),
        _ => (
            "choice",
            format!("option ok {{ label {T} }} option bad {{ label {T} }}"),
            QuestionKind::Choice(vec![
                ennakko::checklist::model::Choice { id: "ok".into(), label: Default::default(), weight: None },
                ennakko::checklist::model::Choice { id: "bad".into(), label: Default::default(), weight: None },
            ]),
        ),
    };
    let when = match when % 4 {
        0 => "",
        1 => "when impact() < 0",
        2 => "when decision.kind == \"school_network\"",
        _ => "when not alternative.is_zero",
    };
    (format!("\nquestion zz_irrelevant: {decl_kind} {{\n  text {T}\n  {body}\n  {when}\n}}\n"), model_kind)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn scoring_is_deterministic(spec in spec()) {
        let decision = decision(EVA.model(), &spec);
        let first = serde_json::to_string(&score(&EVA, &decision)).expect("json");
        let again = serde_json::to_string(&score(&EVA, &decision)).expect("json");
        prop_assert_eq!(&first, &again);
        // From text, YAML or JSON, the same bytes come out.
        let text = serde_json::to_string(&decision).expect("json");
        for format in [Format::Json, Format::Yaml] {
            let from_text = serde_json::to_string(&EVA.score_str(&text, format).expect("scores")).expect("json");
            prop_assert_eq!(&first, &from_text);
        }
    }

    #[test]
    fn every_report_validates_against_the_schema(spec in spec(), which in any::<u8>()) {
        let checklist = &STANDARD[usize::from(which) % STANDARD.len()];
        let report = serde_json::to_value(score(checklist, &decision(checklist.model(), &spec))).expect("json");
        let errors = schema_errors(&report);
        prop_assert!(errors.is_empty(), "{:#?}", errors);
        // And the report reads back as a report, unchanged.
        let back: Report = serde_json::from_value(report.clone()).expect("reads back");
        prop_assert_eq!(serde_json::to_value(back).expect("json"), report);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn an_irrelevant_question_changes_no_score(spec in spec(), kind in any::<u8>(), when in any::<u8>(), answer_it in any::<u16>()) {
        let source = ennakko::checklist::stdlib::source("eva").expect("eva");
        let (question, question_kind) = irrelevant_question(kind, when);
        let extended = Checklist::from_source("<std>/eva.eva", &format!("{source}{question}")).expect("compiles");
        let base_decision = decision(EVA.model(), &spec);
        let mut extended_decision = base_decision.clone();
        if let (Some(value), Some(alts)) = (answer(&question_kind, answer_it), extended_decision["alternatives"].as_array_mut()) {
            for alt in alts.iter_mut().step_by(2) {
                alt["answers"]["zz_irrelevant"] = value.clone();
            }
        }
        let base = results(&score(&EVA, &base_decision));
        let with_question = results(&score(&extended, &extended_decision));
        prop_assert_eq!(base, with_question);
    }

    #[test]
    fn reordering_declarations_changes_nothing(
        spec in spec(),
        order in Just((0..declarations("eva.eva", ennakko::checklist::stdlib::source("eva").unwrap_or("")).len()).collect::<Vec<usize>>()).prop_shuffle(),
    ) {
        let decls = declarations("eva.eva", ennakko::checklist::stdlib::source("eva").expect("eva"));
        let shuffled: Vec<&str> = order.iter().map(|&i| decls[i].as_str()).collect();
        let reordered = Checklist::from_source("<std>/eva.eva", &shuffled.join("\n\n")).expect("compiles in any order");
        let decision = decision(EVA.model(), &spec);
        prop_assert_eq!(results(&score(&EVA, &decision)), results(&score(&reordered, &decision)));
    }
}

// ---- committed reports ----------------------------------------------------------

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_named(dir: &Path, name: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_named(&path, name, out);
        } else if path.file_name().is_some_and(|n| n == name) {
            out.push(path);
        }
    }
}

#[test]
fn every_example_and_conformance_report_validates_against_the_schema() {
    let mut failures = Vec::new();
    let mut reports = Vec::new();
    files_named(&repo().join("tests/conformance"), "report.json", &mut reports);
    assert!(reports.len() >= 20, "found only {} conformance reports", reports.len());
    for path in &reports {
        let text = std::fs::read_to_string(path).expect("readable");
        let report: Value = serde_json::from_str(&text).expect("JSON");
        for e in schema_errors(&report) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    let mut decisions = Vec::new();
    files_named(&repo().join("examples"), "decision.yaml", &mut decisions);
    assert!(decisions.len() >= 3);
    for path in &decisions {
        let text = std::fs::read_to_string(path).expect("readable");
        let decision = Decision::from_str(&text, Format::Yaml, &Limits::default()).expect("the example reads");
        let name = decision.checklist.clone().unwrap_or_else(|| ennakko::checklist::stdlib::DEFAULT.to_string());
        let report = Checklist::standard(&name).expect("compiles").score(&decision).expect("scores");
        for e in schema_errors(&serde_json::to_value(&report).expect("json")) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

// ---- group cycles -------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// E0402 names exactly the groups that are their own ancestors (checked
    /// against a plain search from every group).
    #[test]
    fn group_cycles_are_the_groups_that_are_their_own_ancestors(
        parents in prop::collection::vec(prop::collection::vec(0usize..10, 0..3), 1..10),
    ) {
        let n = parents.len();
        let mut source = String::from("checklist c { title fi \"a\" sv \"a\" en \"a\" version \"1\" }\n");
        for (g, ps) in parents.iter().enumerate() {
            let ps: Vec<String> = ps.iter().filter(|&&p| p < n).map(|p| format!("g{p}")).collect();
            let parent = if ps.is_empty() { String::new() } else { format!("parent {}", ps.join(", ")) };
            source += &format!("group g{g} {{ label fi \"a\" sv \"a\" en \"a\" {parent} }}\n");
        }
        let own_ancestor = |start: usize| {
            let (mut seen, mut stack) = (vec![false; n], vec![start]);
            while let Some(g) = stack.pop() {
                for &p in parents[g].iter().filter(|&&p| p < n) {
                    if p == start {
                        return true;
                    }
                    if !std::mem::replace(&mut seen[p], true) {
                        stack.push(p);
                    }
                }
            }
            false
        };
        let mut expected: Vec<String> = (0..n).filter(|&g| own_ancestor(g)).map(|g| format!("group `g{g}`")).collect();
        let mut found: Vec<String> = match Checklist::from_source("c.eva", &source) {
            Ok(_) => Vec::new(),
            Err(e) => e
                .diagnostics
                .iter()
                .filter(|d| d.code == "E0402")
                .map(|d| d.message.split(" is its own").next().unwrap_or("").to_string())
                .collect(),
        };
        expected.sort();
        found.sort();
        prop_assert_eq!(expected, found);
    }
}
