//! Shared pieces of the fuzz targets: small limits, a generic decision for
//! any compiled checklist, a generator of valid checklists and decisions,
//! checks on reports, and syntax trees without positions.

pub mod generate;
pub mod hostile;

use ennakko::checklist::model::{FactKind, Model, QuestionKind};
use ennakko::{Checklist, ErrorKind, Limits, Report};
use serde_json::{Value, json};

/// With `ENNAKKO_FUZZ_SHOW` set, prints generated text to stderr (to see
/// what a crashing input that starts with `0xFF` stands for).
pub fn show(text: &str) {
    static SHOW: std::sync::LazyLock<bool> =
        std::sync::LazyLock::new(|| std::env::var_os("ENNAKKO_FUZZ_SHOW").is_some());
    if *SHOW {
        eprintln!("--- generated ({} bytes)\n{text}\n---", text.len());
    }
}

/// The text a text target works on: the input itself if it is UTF-8, or,
/// when the first byte is [`hostile::MARK`], what `generate` makes of the
/// rest (the shapes byte mutations do not reach).
pub fn text_or_generated(
    data: &[u8],
    generate: fn(&mut arbitrary::Unstructured) -> arbitrary::Result<String>,
) -> Option<std::borrow::Cow<'_, str>> {
    match data.split_first() {
        Some((&hostile::MARK, rest)) => {
            let text = generate(&mut arbitrary::Unstructured::new(rest)).ok()?;
            show(&text);
            Some(text.into())
        }
        _ => std::str::from_utf8(data).ok().map(Into::into),
    }
}

/// Limits small enough that every input is cheap, and that the limits
/// themselves are reached often.
pub fn small_limits() -> Limits {
    Limits {
        // The standard checklists must compile under these limits (eva is
        // about 100 KB since its 2026.12 version).
        max_source_bytes: 256 * 1024,
        max_nesting: 24,
        max_expr_depth: 48,
        max_declarations: 300,
        max_imports: 4,
        max_decision_bytes: 64 * 1024,
        max_decision_depth: 12,
        max_alternatives: 6,
        max_cells: 40,
        max_eval_steps: 20_000,
    }
}

/// A decision that binds to any checklist: a zero option and a proposal,
/// answers of the right type to every question, and cells for the first
/// groups and domains. `seed` varies the values.
pub fn decision_for(model: &Model, seed: &[u8]) -> Value {
    let byte = |i: usize| seed.get(i % seed.len().max(1)).copied().unwrap_or(0);
    let mut facts = serde_json::Map::new();
    for (i, f) in model.facts.iter().enumerate() {
        let b = byte(i);
        let v = match &f.kind {
            FactKind::Number { range: Some((lo, hi)) } => json!(lo + (hi - lo) * f64::from(b) / 255.0),
            FactKind::Number { range: None } => json!(f64::from(b) * 1000.0 - 100_000.0),
            FactKind::Text => json!(format!("t{b}")),
            FactKind::Flag => json!(b % 2 == 0),
            FactKind::Choice(options) => json!(options[usize::from(b) % options.len()].id),
            FactKind::List => json!(["a", "bus", format!("s{b}")]),
        };
        if b % 7 != 0 {
            facts.insert(f.id.clone(), v);
        }
    }
    let alternative = |a: usize, kind: &str| {
        let mut answers = serde_json::Map::new();
        for (i, q) in model.questions.iter().enumerate() {
            let b = byte(a * 31 + i);
            let v = match &q.kind {
                QuestionKind::Screening => json!(["yes", "no", "unknown"][usize::from(b) % 3]),
                QuestionKind::Choice(options) => json!(options[usize::from(b) % options.len()].id),
                QuestionKind::Number { range: Some((lo, hi)) } => json!(lo + (hi - lo) * f64::from(b) / 255.0),
                QuestionKind::Number { range: None } => json!(f64::from(b) - 100.0),
                QuestionKind::Text => json!(format!("answer {b}")),
                QuestionKind::Impact => continue,
            };
            if b % 5 != 0 {
                answers.insert(q.id.clone(), v);
            }
        }
        let mut impacts = Vec::new();
        for (g, group) in model.groups.iter().enumerate().take(4) {
            for (d, domain) in model.domains.iter().enumerate().take(3) {
                let b = byte(a * 7 + g * 3 + d);
                if b % 3 == 0 {
                    continue;
                }
                let direction = match b % 7 {
                    5 => json!("mixed"),
                    6 => json!("unknown"),
                    n => json!(i64::from(n) - 2),
                };
                let mut cell = json!({"group": group.id, "domain": domain.id, "direction": direction});
                for scale in &model.scales {
                    if b % 2 == 0 && !scale.levels.is_empty() {
                        let level = &scale.levels[usize::from(b / 2) % scale.levels.len()];
                        cell[scale.id.name()] = json!(level.id);
                    }
                }
                if b % 4 == 1 {
                    cell["mitigation"] = json!("something");
                }
                impacts.push(cell);
            }
        }
        json!({"id": format!("a{a}"), "kind": kind, "answers": answers, "impacts": impacts})
    };
    json!({
        "id": "fuzz",
        "title": "Fuzz",
        "kind": (["school_network", "budget", "other"][usize::from(byte(0)) % 3]),
        "facts": facts,
        "alternatives": [alternative(0, "zero"), alternative(1, "proposal"), alternative(2, "other")],
    })
}

/// Scores and checks what must hold of any result: only a step-budget
/// error is allowed for a decision that binds, the same input gives the
/// same report, and the report survives JSON and every renderer.
pub fn score_and_check(checklist: &Checklist, decision: &ennakko::Decision, strict: bool) -> Option<Report> {
    match checklist.score(decision) {
        Ok(report) => {
            let again = checklist.score(decision).expect("scoring twice gives the same result");
            assert_eq!(report, again, "scoring is deterministic");
            check_report(&report);
            Some(report)
        }
        Err(e) if e.kind == ErrorKind::Evaluation => {
            assert_eq!(e.code(), "R0001");
            None
        }
        Err(e) => {
            assert_eq!(e.kind, ErrorKind::Decision, "scoring fails only for the decision or the step budget");
            assert!(!e.diagnostics.is_empty());
            for d in &e.diagnostics {
                assert!(d.code.starts_with('D'), "decision error with code {}", d.code);
                let _ = d.render();
            }
            assert!(!strict, "a generated decision does not bind: {:?}", e.diagnostics);
            None
        }
    }
}

/// What every report must satisfy: JSON round trip (which also catches a
/// number that is not finite: JSON writes it as `null`, which does not read
/// back as a number) and every renderer in every language.
pub fn check_report(report: &Report) {
    let text = serde_json::to_string(report).expect("a report serializes");
    let back: Report = serde_json::from_str(&text).unwrap_or_else(|e| panic!("report round trip: {e}\n{text}"));
    if back != *report {
        let (a, b) =
            (serde_json::to_value(report).unwrap_or_default(), serde_json::to_value(&back).unwrap_or_default());
        panic!("report differs after a JSON round trip: {}", first_difference(&a, &b, "$"));
    }
    render_all(report);
}

/// Where two JSON values differ, for messages.
pub fn first_difference(a: &Value, b: &Value, path: &str) -> String {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) if v != w => return first_difference(v, w, &format!("{path}.{k}")),
                    None => return format!("{path}.{k} missing"),
                    _ => {}
                }
            }
            format!("{path}: keys differ")
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if v != w {
                    return first_difference(v, w, &format!("{path}[{i}]"));
                }
            }
            format!("{path}: equal as JSON (a number that is not finite, or -0?)")
        }
        _ => format!("{path}: {a} != {b}"),
    }
}

/// Every renderer, every language, every explainable id.
pub fn render_all(report: &Report) {
    for lang in ["fi", "sv", "en", "xx"] {
        let md = ennakko::report::render::markdown(report, lang);
        assert!(md.ends_with('\n'));
        let html = ennakko::report::render::html(report, lang);
        assert!(html.starts_with("<!DOCTYPE html>"));
    }
    let mut ids: Vec<String> = report.findings.iter().filter_map(|f| f.rule.clone()).collect();
    for alt in &report.alternatives {
        ids.extend(alt.scores.iter().map(|s| s.id.clone()));
        ids.extend(alt.groups.iter().map(|s| s.id.clone()));
        ids.extend(alt.domains.iter().map(|s| s.id.clone()));
    }
    ids.push("nothing-has-this-id".into());
    for id in ids.iter().take(20) {
        let _ = ennakko::report::render::explain(report, id, "fi");
        let _ = ennakko::report::render::explain(report, id, "en");
    }
}
