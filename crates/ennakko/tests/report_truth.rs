//! What a report says in words must be true of its numbers. Checked on
//! generated decisions (proptest) against the standard `eva` checklist:
//! - a harm to a vulnerable population group, with none helped, is never
//!   reported as vulnerable groups faring better, in any language;
//! - equity compares vulnerable population groups with the other population
//!   groups only (the whole population, staff and organisations take no part);
//! - a verdict comes from the proposals only;
//! - the side-by-side profile of an assessment does not change when the
//!   same impacts are assessed again under other questions (a more thorough
//!   assessment does not read as more harm);
//! - every equity statement, in every example, every conformance case and
//!   generated decisions, is true of the cells in every language: "harmed
//!   more" only when a vulnerable population group has a negative impact,
//!   "benefit more" only when one has a positive impact and none a negative
//!   one; and the equity gap does not change when the same impacts are
//!   assessed in more detail.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ennakko::checklist::model::GroupCategory;
use ennakko::decision::AlternativeKind;
use ennakko::report::EquityStatement;
use ennakko::report::i18n::{Key, LANGUAGES, equity_phrase, word};
use ennakko::{Checklist, Decision, FileResolver, Format, Limits, Options, Report};
use proptest::prelude::*;
use serde_json::{Value, json};

fn eva() -> Checklist {
    static EVA: std::sync::OnceLock<Checklist> = std::sync::OnceLock::new();
    EVA.get_or_init(|| Checklist::standard("eva").expect("eva compiles")).clone()
}

fn groups_by(checklist: &Checklist, category: GroupCategory, vulnerable: Option<bool>) -> Vec<String> {
    checklist
        .model()
        .groups
        .iter()
        .filter(|g| g.category == category && vulnerable.is_none_or(|v| g.vulnerable == v))
        .map(|g| g.id.clone())
        .collect()
}

fn score(checklist: &Checklist, decision: Value) -> Report {
    let decision: Decision = Decision::from_value(decision).expect("valid decision");
    checklist.score(&decision).expect("scores")
}

fn cell(group: &str, domain: &str, direction: i64) -> Value {
    json!({"group": group, "domain": domain, "direction": direction, "magnitude": "moderate", "likelihood": "certain"})
}

/// The equity line of the proposal, in one language.
fn equity_line(report: &Report, lang: &str) -> String {
    let md = ennakko::report::render::markdown(report, lang);
    let heading = format!("### {}", word(Key::Equity, lang));
    let section = md.split(&heading).nth(1).expect("an equity section");
    section.lines().find(|l| l.starts_with("- ")).expect("an equity line").to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Vulnerable groups harmed, none helped, any number of benefits to
    /// everyone, staff, organisations and other groups: never "better".
    #[test]
    fn a_harm_to_vulnerable_groups_never_reads_as_better(
        harmed in proptest::collection::vec((0usize..100, -2i64..=-1), 1..4),
        others in proptest::collection::vec((0usize..100, -2i64..=2), 0..4),
        benefits in proptest::collection::vec((0usize..100, 1i64..=2), 0..4),
    ) {
        let checklist = eva();
        let vulnerable = groups_by(&checklist, GroupCategory::Population, Some(true));
        let plain = groups_by(&checklist, GroupCategory::Population, Some(false));
        let non_population: Vec<String> = [GroupCategory::Everyone, GroupCategory::Staff, GroupCategory::Organisations]
            .into_iter()
            .flat_map(|c| groups_by(&checklist, c, None))
            .collect();
        prop_assume!(!vulnerable.is_empty() && !plain.is_empty() && !non_population.is_empty());
        let mut cells = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, d) in &harmed {
            let g = &vulnerable[i % vulnerable.len()];
            if seen.insert(g.clone()) { cells.push(cell(g, "health", *d)); }
        }
        for (i, d) in &others {
            let g = &plain[i % plain.len()];
            if seen.insert(g.clone()) { cells.push(cell(g, "health", *d)); }
        }
        for (i, d) in &benefits {
            let g = &non_population[i % non_population.len()];
            if seen.insert(g.clone()) { cells.push(cell(g, "public_finances", *d)); }
        }
        let report = score(&checklist, json!({
            "id": "p", "title": "T",
            "alternatives": [{"id": "zero", "kind": "zero"}, {"id": "p", "kind": "proposal", "impacts": cells}]
        }));
        let equity = &report.alternatives[1].equity;
        prop_assert!(!equity.harmed.is_empty() && equity.helped.is_empty());
        for g in equity.vulnerable_groups.iter().chain(&equity.other_groups) {
            prop_assert!(!non_population.contains(g), "{g} is not a population group");
        }
        for lang in LANGUAGES {
            let line = equity_line(&report, lang).to_lowercase();
            prop_assert!(!line.contains(&word(Key::EquityHelpedMore, lang).to_lowercase()), "{lang}: {line}");
            prop_assert!(line.contains(&word(Key::EquityHarmed, lang).to_lowercase()), "{lang}: {line}");
        }
    }

    /// Assessing the same impacts a second time under other questions (as
    /// a thorough official does when several questions touch one group)
    /// leaves the side-by-side profile of each group unchanged.
    #[test]
    fn thoroughness_does_not_read_as_harm(directions in proptest::collection::vec(-2i64..=2, 1..5)) {
        let checklist = eva();
        let groups = groups_by(&checklist, GroupCategory::Population, None);
        let once: Vec<Value> = directions.iter().enumerate().map(|(i, d)| cell(&groups[i], "health", *d)).collect();
        let twice: Vec<Value> = once
            .iter()
            .cloned()
            .chain(directions.iter().enumerate().map(|(i, d)| cell(&groups[i], "social_wellbeing", *d)))
            .collect();
        let profile = |cells: Vec<Value>| {
            let report = score(&checklist, json!({
                "id": "p", "title": "T",
                "alternatives": [{"id": "zero", "kind": "zero"}, {"id": "p", "kind": "proposal", "impacts": cells}]
            }));
            let md = ennakko::report::render::markdown(&report, "en");
            let section = md.split("## Alternatives side by side\n\n").nth(1).unwrap_or("");
            let table = section.split("\n\n").next().unwrap_or("").to_string();
            // The group rows, with the counts in brackets taken out.
            table
                .lines()
                .filter(|l| l.starts_with("| ") && groups.iter().any(|g| l.contains(&format!(" {} ", label(&checklist, g)))))
                .map(strip_counts)
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(profile(once), profile(twice));
    }
}

fn label(checklist: &Checklist, group: &str) -> String {
    let g = checklist.model().groups.iter().find(|g| g.id == group).expect("group");
    ennakko::report::i18n::pick(&g.label, "en").to_string()
}

fn strip_counts(line: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in line.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A rejected alternative's large investment and significant impacts never
/// make the proposal need a full assessment, nor raise findings about the
/// decision (the conformance case `language/verdict-from-proposal` shows
/// them as comparison information).
#[test]
fn a_rejected_alternative_never_sets_the_verdict() {
    let checklist = eva();
    let report = score(
        &checklist,
        json!({
            "id": "c", "title": "Small repair", "facts": {},
            "alternatives": [
                {"id": "zero", "kind": "zero"},
                {"id": "repair", "kind": "proposal", "answers": {"large_procurement": "no"}},
                {"id": "rebuild", "kind": "other", "answers": {"large_procurement": "yes", "significant_resident_impact": "yes"}}
            ]
        }),
    );
    assert_ne!(report.verdict.level, ennakko::checklist::model::VerdictLevel::Full);
    assert!(report.verdict.reasons.iter().all(|r| r.alternative.as_deref() != Some("rebuild")));
    assert!(report.findings.iter().all(|r| r.alternative.as_deref() != Some("rebuild")));
}

/// Text from a decision cannot break out of its place in a Markdown report:
/// a line of its own (`~~~`, `---`, `# x`, `| a |`, `1. x`) would start a code
/// block, a rule, a heading, a table or a list and swallow the verdict.
#[test]
fn decision_text_cannot_restructure_a_markdown_report() {
    let nasty = "Title\n~~~\n# Heading\n---\n| a | b |\n1. item\n- item\r\n```";
    let report = score(
        &eva(),
        json!({
            "id": "x", "title": nasty,
            "alternatives": [
                {"id": "zero", "kind": "zero", "description": nasty},
                {"id": "p", "kind": "proposal", "title": nasty, "impacts": [
                    {"group": "children", "domain": "health", "direction": -1, "note": nasty, "mitigation": nasty}
                ]}
            ]
        }),
    );
    for lang in LANGUAGES {
        let md = ennakko::report::render::markdown(&report, lang);
        for line in md.lines() {
            for opener in ["~~~", "```", "---", "# Heading", "1. item", "- item", "| a"] {
                assert!(!line.starts_with(opener), "{lang}: a line starts with {opener:?}: {line}");
            }
        }
        // The verdict heading is still a heading.
        assert!(md.contains(&format!("## {}", word(Key::Verdict, lang))));
    }
}

/// The equity lines of a report's alternatives other than the zero option,
/// in order, in one language.
fn equity_lines(report: &Report, lang: &str) -> Vec<String> {
    let md = ennakko::report::render::markdown(report, lang);
    let heading = format!("### {}\n\n", word(Key::Equity, lang));
    let Some(section) = md.split(&heading).nth(1) else { return Vec::new() };
    section.lines().take_while(|l| l.starts_with("- ")).map(String::from).collect()
}

/// Checks that each alternative's equity statement follows from its cells,
/// and that its words in every language say only what the cells allow.
fn check_equity(report: &Report, origin: &str) -> Result<(), String> {
    let vulnerable: Vec<&str> = report
        .vocabulary
        .groups
        .iter()
        .filter(|g| report.decision.vulnerable_groups.contains(&g.id) && g.category.is_none())
        .map(|g| g.id.as_str())
        .collect();
    let shown: Vec<_> = report.alternatives.iter().filter(|a| a.kind != AlternativeKind::Zero).collect();
    let lines: Vec<Vec<String>> = LANGUAGES.iter().map(|l| equity_lines(report, l)).collect();
    for (i, alt) in shown.iter().enumerate() {
        let e = &alt.equity;
        let has = |g: &str, f: fn(f64) -> bool| alt.cells.iter().any(|c| c.group == g && f(c.value));
        let harmed: Vec<String> = vulnerable.iter().filter(|g| has(g, |v| v < 0.0)).map(|g| g.to_string()).collect();
        let helped: Vec<String> = vulnerable.iter().filter(|g| has(g, |v| v > 0.0)).map(|g| g.to_string()).collect();
        let assessed = vulnerable.iter().any(|g| has(g, |_| true));
        let at = format!("{origin}: alternative {}", alt.id);
        if e.harmed != harmed || e.helped != helped {
            return Err(format!(
                "{at}: harmed {:?} / helped {:?}, cells say {harmed:?} / {helped:?}",
                e.harmed, e.helped
            ));
        }
        let expected = EquityStatement::of(assessed, !harmed.is_empty(), !helped.is_empty(), e.gap);
        if e.statement != expected {
            return Err(format!("{at}: statement {:?}, cells say {expected:?}", e.statement));
        }
        // The implications the words must respect, whatever the statement.
        let harmed_more = matches!(e.statement, EquityStatement::HarmedMore);
        let helped_more = matches!(e.statement, EquityStatement::HelpedMore);
        if harmed_more && harmed.is_empty() {
            return Err(format!("{at}: says harmed more, but no vulnerable group is harmed"));
        }
        if helped_more && (helped.is_empty() || !harmed.is_empty()) {
            return Err(format!("{at}: says benefit more, but harmed {harmed:?}, helped {helped:?}"));
        }
        for (l, lang) in LANGUAGES.iter().enumerate() {
            let line = lines[l].get(i).ok_or_else(|| format!("{at} ({lang}): no equity line"))?.to_lowercase();
            let has = |k: Key| line.contains(&word(k, lang).to_lowercase());
            if has(Key::EquityHarmedMore) && harmed.is_empty() {
                return Err(format!("{at} ({lang}): {line}"));
            }
            if has(Key::EquityHelpedMore) && (helped.is_empty() || !harmed.is_empty()) {
                return Err(format!("{at} ({lang}): {line}"));
            }
            if has(Key::EquityHarmed) == harmed.is_empty() || has(Key::EquityHelped) == helped.is_empty() {
                return Err(format!("{at} ({lang}): lists do not match {harmed:?} / {helped:?}: {line}"));
            }
            // Exactly the statement's own comparison phrase, and no other.
            for s in EquityStatement::ALL {
                let Some(k) = equity_phrase(s) else { continue };
                if (equity_phrase(e.statement) == Some(k)) != has(k) {
                    return Err(format!("{at} ({lang}): statement {:?} but {line}", e.statement));
                }
            }
        }
    }
    Ok(())
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every example and every conformance case that produces a report.
fn all_reports() -> Vec<(String, Report)> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo().join("examples"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("decision.yaml").exists())
        .collect();
    dirs.sort();
    for dir in dirs {
        let text = std::fs::read_to_string(dir.join("decision.yaml")).expect("readable");
        let decision = Decision::from_str(&text, Format::Yaml, &Limits::default()).expect("valid example");
        let name = decision.checklist.clone().unwrap_or_else(|| ennakko::checklist::stdlib::DEFAULT.to_string());
        let checklist = Checklist::standard(&name).expect("standard checklist");
        out.push((dir.display().to_string(), checklist.score(&decision).expect("scores")));
    }
    let mut stack = vec![repo().join("tests/conformance")];
    let mut cases = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == "report.json") {
                cases.push(dir.clone());
            }
        }
    }
    cases.sort();
    for case in cases {
        let text = std::fs::read_to_string(case.join("checklist.eva")).expect("checklist");
        let options = Options { limits: Limits::default(), resolver: Arc::new(FileResolver { root: case.clone() }) };
        let Ok(checklist) = Checklist::compile(&case.join("checklist.eva").display().to_string(), &text, &options)
        else {
            continue;
        };
        let (path, format) = match (case.join("decision.yaml"), case.join("decision.json")) {
            (y, _) if y.exists() => (y, Format::Yaml),
            (_, j) => (j, Format::Json),
        };
        let Ok(decision) = std::fs::read_to_string(&path) else { continue };
        if let Ok(report) = checklist.score_str(&decision, format) {
            out.push((case.display().to_string(), report));
        }
    }
    out
}

#[test]
fn equity_statements_of_examples_and_conformance_cases_are_true() {
    let reports = all_reports();
    assert!(reports.len() > 20, "found only {} reports", reports.len());
    let mut seen = std::collections::BTreeSet::new();
    for (origin, report) in &reports {
        if let Err(e) = check_equity(report, origin) {
            panic!("{e}");
        }
        for a in &report.alternatives {
            seen.insert(format!("{:?}", a.equity.statement));
        }
    }
    // Each statement is pinned by at least one conformance case.
    for s in EquityStatement::ALL {
        assert!(seen.contains(&format!("{s:?}")), "no example or conformance case says {s:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Any cells for vulnerable groups, other population groups and groups
    /// that are not population groups, in one or several domains: the
    /// equity statement is true of them in every language.
    #[test]
    fn equity_statements_of_generated_decisions_are_true(
        cells in proptest::collection::vec((0usize..3, 0usize..100, -2i64..=2, 0usize..3), 0..10),
    ) {
        let checklist = eva();
        let kinds = [
            groups_by(&checklist, GroupCategory::Population, Some(true)),
            groups_by(&checklist, GroupCategory::Population, Some(false)),
            [GroupCategory::Everyone, GroupCategory::Staff, GroupCategory::Organisations]
                .into_iter()
                .flat_map(|c| groups_by(&checklist, c, None))
                .collect(),
        ];
        let domains = ["health", "social_wellbeing", "access_to_services"];
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for (k, i, d, dom) in cells {
            let g = &kinds[k][i % kinds[k].len()];
            if seen.insert((g.clone(), dom)) {
                out.push(cell(g, domains[dom], d));
            }
        }
        let report = score(&checklist, json!({
            "id": "p", "title": "T",
            "alternatives": [{"id": "zero", "kind": "zero"}, {"id": "p", "kind": "proposal", "impacts": out}]
        }));
        if let Err(e) = check_equity(&report, "generated") {
            prop_assert!(false, "{}", e);
        }
    }

    /// The same impacts assessed in one domain, or repeated in more
    /// domains, give the same equity gap and statement: a more thorough
    /// assessment cannot flip the comparison.
    #[test]
    fn detail_does_not_flip_equity(
        impacts in proptest::collection::vec((0usize..2, 0usize..100, -2i64..=2), 1..6),
        repeats in proptest::collection::vec(1usize..=3, 6),
    ) {
        let checklist = eva();
        let kinds = [
            groups_by(&checklist, GroupCategory::Population, Some(true)),
            groups_by(&checklist, GroupCategory::Population, Some(false)),
        ];
        let domains = ["health", "social_wellbeing", "access_to_services"];
        let mut seen = std::collections::HashSet::new();
        let (mut once, mut detailed) = (Vec::new(), Vec::new());
        for (n, (k, i, d)) in impacts.into_iter().enumerate() {
            let g = kinds[k][i % kinds[k].len()].clone();
            if !seen.insert(g.clone()) { continue; }
            once.push(cell(&g, domains[0], d));
            for dom in domains.iter().take(repeats[n]) {
                detailed.push(cell(&g, dom, d));
            }
        }
        let equity = |cells: Vec<Value>| {
            let report = score(&checklist, json!({
                "id": "p", "title": "T",
                "alternatives": [{"id": "zero", "kind": "zero"}, {"id": "p", "kind": "proposal", "impacts": cells}]
            }));
            let e = &report.alternatives[1].equity;
            (e.gap, e.statement)
        };
        prop_assert_eq!(equity(once), equity(detailed));
    }

}

/// A group whose only impacts are not known, or not known and neutral,
/// reads as not known ("?"), not as both positive and negative ("◆"): the
/// range of an unknown cell spans zero as a mixed one's does, so the
/// symbol follows the directions given.
#[test]
fn unknown_impacts_are_not_shown_as_mixed() {
    let checklist = eva();
    let unknown = |domain: &str| json!({"group": "children", "domain": domain, "direction": "unknown"});
    let neutral = json!({"group": "children", "domain": "health", "direction": 0});
    let mixed = json!({"group": "children", "domain": "learning", "direction": "mixed"});
    let row_for = |impacts: Value| {
        let report = score(
            &checklist,
            json!({"id": "u", "title": "Unknown impacts", "alternatives": [{"id": "plan", "kind": "proposal", "impacts": impacts}]}),
        );
        let md = ennakko::report::render::markdown(&report, "en");
        let name = label(&checklist, "children");
        // The side-by-side row of the group (vulnerable groups carry `\*`).
        md.lines().find(|l| l.starts_with(&format!("| {name} \\* |"))).map(str::to_string).unwrap_or_default()
    };
    for impacts in [json!([unknown("mobility")]), json!([unknown("mobility"), neutral.clone()])] {
        let row = row_for(impacts.clone());
        assert!(row.contains('?') && !row.contains('◆'), "{impacts}: {row}");
    }
    let row = row_for(json!([unknown("mobility"), mixed]));
    assert!(row.contains('◆'), "{row}");
}
