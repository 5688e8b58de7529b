//! Properties of the public API that the conformance cases cannot show.

use ennakko::{Checklist, Format, Limits, Options};

#[test]
fn compiled_checklists_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Checklist>();
    assert_send_sync::<ennakko::Report>();
}

#[test]
fn scoring_is_deterministic_across_threads() {
    let checklist = Checklist::standard("eva").expect("the standard checklist compiles");
    let decision =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/village-school/decision.yaml"))
            .expect("example exists");
    let first = serde_json::to_string(&checklist.score_str(&decision, Format::Yaml).expect("scores")).expect("json");
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (checklist, decision) = (checklist.clone(), decision.clone());
            std::thread::spawn(move || {
                serde_json::to_string(&checklist.score_str(&decision, Format::Yaml).expect("scores"))
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().expect("thread").expect("json"), first);
    }
}

#[test]
fn every_standard_checklist_compiles_without_warnings() {
    for name in ennakko::checklist::stdlib::names() {
        let checklist = Checklist::standard(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(checklist.warnings().is_empty(), "{name}: {:?}", checklist.warnings());
    }
}

#[test]
fn fuel_limit_stops_evaluation_with_r0001() {
    let options = Options { limits: Limits { max_eval_steps: 10, ..Limits::default() }, ..Options::default() };
    let checklist = Checklist::compile(
        "x.eva",
        "import \"eva\"\nchecklist x { title fi \"x\" sv \"x\" en \"x\" version \"1\" }",
        &options,
    )
    .expect("compiles");
    let decision = "id: a\ntitle: b\nalternatives: [{id: zero, kind: zero}, {id: p, kind: proposal}]";
    let err = checklist.score_str(decision, Format::Yaml).expect_err("runs out of fuel");
    assert_eq!(err.diagnostics()[0].code, "R0001");
}

#[test]
fn hostile_sources_give_diagnostics_not_panics() {
    let deep = "(".repeat(100_000);
    let nots = format!("checklist x {{ }}\nrule r: info {{ when {} true message en \"x\" }}", "not ".repeat(50_000));
    let quants = format!("rule r: info {{ when {} true }}", "any proposal: ".repeat(10_000));
    let long_chain = format!("rule r: info {{ when true {} }}", "and true ".repeat(5_000));
    for source in [deep.as_str(), &nots, &quants, &long_chain, "\u{feff}", "\"", "group", "group x {", "\0\0\0", "#"] {
        match Checklist::from_source("hostile.eva", source) {
            Ok(_) => {}
            Err(e) => assert!(!e.diagnostics().is_empty()),
        }
    }
}

#[test]
fn hostile_decisions_give_diagnostics_not_panics() {
    let checklist = Checklist::standard("eva").expect("compiles");
    let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_yaml = "a:\n".to_string() + &(1..200).map(|i| format!("{}b:\n", "  ".repeat(i))).collect::<String>();
    let cases: Vec<(&str, Format)> = vec![
        (&deep_json, Format::Json),
        (&deep_yaml, Format::Yaml),
        ("", Format::Json),
        ("", Format::Yaml),
        ("null", Format::Json),
        ("{\"id\": 1}", Format::Json),
        (
            "id: x\ntitle: y\nalternatives: [{id: a, kind: zero, impacts: [{group: children, domain: mobility, direction: 99}]}]",
            Format::Yaml,
        ),
        ("id: x\ntitle: y\nfacts: {cost_eur: .nan}\nalternatives: []", Format::Yaml),
        ("id: x\ntitle: y\nfacts: {cost_eur: 1e400}\nalternatives: []", Format::Json),
        ("{\"id\": \"x\", \"title\": \"y\", \"facts\": {\"cost_eur\": 1e999}, \"alternatives\": []}", Format::Json),
    ];
    for (text, format) in cases {
        let err = checklist.score_str(text, format).expect_err("invalid decision");
        assert!(!err.diagnostics().is_empty());
    }
}

/// Every decision file in the repository (conformance, hostile corpus,
/// examples), as it is and as JSON, plus variants that only a JSON value
/// would notice (keys given twice at every level, `null`s, a list at the
/// top, depth at the limit).
fn decision_texts() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("decision"))
                && path.extension().is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
                && !path.to_string_lossy().contains("errors")
            {
                out.push(path);
            }
        }
    }
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let mut paths = Vec::new();
    for dir in ["tests/conformance", "tests/hostile", "examples"] {
        walk(&root.join(dir), &mut paths);
    }
    let mut texts = Vec::new();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        if let Ok(value) = serde_norway::from_str::<serde_json::Value>(&text) {
            let json = serde_json::to_string(&value).expect("json");
            texts.push(json.replacen("{\"id\"", "{\"id\": 1, \"id\"", 1));
            texts.push(json.replace("\"answers\":{", "\"answers\":{\"x\": 1, \"x\": 2,"));
            texts.push(json.replace("\"facts\":{", "\"facts\":{\"x\": {\"a\": 1, \"a\": 2},"));
            texts.push(json.replace("\"facts\":{", "\"facts\":{\"n\": null,"));
            texts.push(format!("[{json}]"));
            texts.push(json.replacen(
                '{',
                "{\"meta\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[0]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],",
                1,
            ));
            texts.push(json.replacen(
                '{',
                "{\"meta\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],",
                1,
            ));
            texts.push(json.replacen('{', "{\"meta\": null,", 1));
            texts.push(json);
        }
        texts.push(text);
    }
    texts
}

/// JSON is read straight into a decision where it can be (no JSON value in
/// between); that fast path must accept exactly what the long way accepts
/// and read it the same, or give the long way's errors.
#[test]
fn decision_paths_agree() {
    let texts = decision_texts();
    assert!(texts.len() > 300, "only {} texts", texts.len());
    let small = |depth| Limits { max_decision_depth: depth, max_decision_bytes: 2_000, ..Limits::default() };
    for limits in [Limits::default(), small(5), small(6)] {
        for text in &texts {
            for format in [Format::Json, Format::Yaml] {
                assert_eq!(
                    ennakko::Decision::from_str(text, format, &limits),
                    ennakko::Decision::from_str_via_value(text, format, &limits),
                    "{format:?}: {text}"
                );
            }
        }
    }
}

/// The compact evaluation says what the report says: the verdict, which
/// rules fired for what, and every number.
#[test]
fn evaluations_agree_with_reports() {
    use ennakko::eval::evaluation::Role;
    let checklist = Checklist::standard("eva").expect("eva");
    let mut compared = 0;
    for text in decision_texts() {
        let Ok(decision) = ennakko::Decision::from_str(&text, Format::Yaml, checklist.limits()) else { continue };
        let (Ok(report), Ok(evaluation)) = (checklist.score(&decision), checklist.evaluate(&decision)) else {
            continue;
        };
        compared += 1;
        assert_eq!(evaluation.verdict, report.verdict.level);
        let ids = |role: Role| -> Vec<(String, Option<String>)> {
            evaluation
                .fired
                .iter()
                .filter(|f| f.role == role)
                .map(|f| {
                    let alternative = f.alternative.map(|a| decision.alternatives[a].id.clone());
                    (checklist.model().rules[f.rule].id.clone(), alternative)
                })
                .collect()
        };
        let of = |findings: &[ennakko::report::Finding]| -> Vec<(String, Option<String>)> {
            let mut v: Vec<_> =
                findings.iter().filter_map(|f| Some((f.rule.clone()?, f.alternative.clone()))).collect();
            v.sort();
            v
        };
        let sorted = |mut v: Vec<(String, Option<String>)>| {
            v.sort();
            v
        };
        assert_eq!(sorted(ids(Role::Reason)), of(&report.verdict.reasons));
        assert_eq!(sorted(ids(Role::Finding)), of(&report.findings));
        assert_eq!(sorted(ids(Role::Comparison)), of(&report.comparison));
        for (numbers, alt) in evaluation.alternatives.iter().zip(&report.alternatives) {
            let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) => (a - b).abs() < 1e-6,
                (a, b) => a == b,
            };
            for (g, group) in checklist.model().groups.iter().enumerate() {
                let reported = alt.groups.iter().find(|e| e.id == group.id).map(|e| e.score.value);
                assert!(
                    close(numbers.groups[g], reported),
                    "{} {}: {:?} {reported:?}",
                    alt.id,
                    group.id,
                    numbers.groups[g]
                );
            }
            assert!((numbers.completeness - alt.completeness.ratio).abs() < 1e-6, "{}", alt.id);
        }
    }
    assert!(compared > 20, "only {compared} decisions compared");
}

/// A checklist written in Swedish only gets a Swedish report frame when the
/// decision names no language (it used to be Finnish), in Markdown and HTML
/// alike; a language asked for still wins.
#[test]
fn a_swedish_only_checklist_reports_in_swedish() {
    let source = r#"checklist barn {
  title sv "Barnkonsekvenser"
  version "1"
  languages sv
}

perspective residents {
  label sv "Invånare"
}

domain health {
  label sv "Hälsa"
  perspective residents
}

group children {
  label sv "Barn"
  vulnerable
}
"#;
    let checklist = Checklist::from_source("barn.eva", source).expect("compiles");
    let text = "id: a\ntitle: Skolskjuts\nalternatives:\n  - id: p\n    kind: proposal\n    impacts: [{group: children, domain: health, direction: -1}]\n";
    let report = checklist.score_str(text, Format::Yaml).expect("scores");
    assert_eq!(report.language(None), ennakko::api::Lang::Sv);
    let md = ennakko::api::render(&report, ennakko::api::ReportFormat::Markdown, report.language(None));
    let html = ennakko::api::render(&report, ennakko::api::ReportFormat::Html, report.language(None));
    assert!(md.contains("Bedömning"), "{md}");
    assert!(html.contains("lang=\"sv\""));
    assert_eq!(report.language(Some(ennakko::api::Lang::En)), ennakko::api::Lang::En);
}

/// The trace of a fired rule as the JSON report has it.
fn fired_trace(when: &str) -> Vec<serde_json::Value> {
    let source = format!(
        "checklist x {{ title fi \"x\" sv \"x\" en \"x\" version \"1\" }}\n\
         rule r: info {{ when {when} message fi \"x\" sv \"x\" en \"x\" }}"
    );
    let checklist = Checklist::from_source("x.eva", &source).expect("compiles");
    let decision = "id: a\ntitle: b\nalternatives: [{id: zero, kind: zero}, {id: p, kind: proposal}]";
    let report = serde_json::to_value(checklist.score_str(decision, Format::Yaml).expect("scores")).expect("json");
    let finding = report["findings"].as_array().and_then(|f| f.first()).expect("the rule fired").clone();
    finding["trace"].as_array().expect("a trace").clone()
}

/// A trace names each thing read once, in the order first read, and past
/// 64 entries ends with `…`. (Traces are noted by index while the rule is
/// evaluated, once, and put into words only for the rules that fire.)
#[test]
fn traces_name_each_read_once_and_stop_at_64() {
    let ids = |trace: &[serde_json::Value]| -> Vec<String> {
        trace.iter().map(|t| t["id"].as_str().expect("an id").to_string()).collect()
    };
    assert_eq!(ids(&fired_trace("(count x in [1, 2, 1, 2, 3]: x > 0) > 0")), ["1.0", "2.0", "3.0"]);
    let list: Vec<String> = (1..=70).map(|i| i.to_string()).collect();
    let trace = fired_trace(&format!("(count x in [{}]: x > 0) > 0", list.join(", ")));
    let mut expected: Vec<String> = (1..=64).map(|i| format!("{i}.0")).collect();
    expected.push("…".into());
    assert_eq!(ids(&trace), expected);
    assert_eq!(trace[64]["value"], serde_json::Value::Null);
}

/// `score` (with traces) and `evaluate` (without) spend the same fuel: a
/// rule that fires is evaluated once for both, so a limit one of them
/// meets the other meets too.
#[test]
fn score_and_evaluate_run_out_of_fuel_at_the_same_limit() {
    let decision =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/village-school/decision.yaml"))
            .expect("example exists");
    let with_steps = |steps: u64| {
        let options = Options { limits: Limits { max_eval_steps: steps, ..Limits::default() }, ..Options::default() };
        let source = "import \"eva\"\nchecklist x { title fi \"x\" sv \"x\" en \"x\" version \"1\" }";
        let checklist = Checklist::compile("x.eva", source, &options).expect("compiles");
        let decision = ennakko::Decision::from_str(&decision, Format::Yaml, checklist.limits()).expect("reads");
        (checklist.evaluate(&decision).is_ok(), checklist.score(&decision).is_ok())
    };
    // The fewest steps `evaluate` needs, by bisection.
    let (mut low, mut high) = (1u64, Limits::default().max_eval_steps);
    assert_eq!(with_steps(high), (true, true));
    while low < high {
        let mid = low + (high - low) / 2;
        if with_steps(mid).0 { high = mid } else { low = mid + 1 }
    }
    assert_eq!(with_steps(low), (true, true));
    assert_eq!(with_steps(low - 1), (false, false));
}

/// Evaluating JSON text straight into the bound form (no `Decision` in
/// between) gives what the long way gives, results and errors alike (codes,
/// messages, paths, lines): for every conformance case's decision with its
/// own checklist and limits (as written, and as JSON), and for every
/// decision text of the repository with its variants against the `eva`
/// checklist at the default limits and tight ones. Counted, so that the
/// direct reader is seen to take most valid decisions.
#[test]
fn direct_evaluation_agrees() {
    fn agree(checklist: &Checklist, text: &str) -> bool {
        let long = ennakko::Decision::from_str(text, Format::Json, checklist.limits())
            .and_then(|decision| checklist.evaluate(&decision).map_err(|e| e.located(text)));
        let direct = checklist.evaluate_str(text, Format::Json);
        assert_eq!(format!("{direct:?}"), format!("{long:?}"), "{text}");
        let taken = checklist.bind_json(text);
        if let Some(bound) = &taken {
            assert_eq!(format!("{:?}", bound.evaluate()), format!("{long:?}"), "{text}");
        }
        taken.is_some()
    }
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/conformance"));
    let mut stack = vec![root.to_path_buf()];
    let (mut cases, mut taken) = (0, 0);
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if entry.path().is_dir() {
                stack.push(entry.path());
            }
        }
        let Ok(source) = std::fs::read_to_string(dir.join("checklist.eva")) else { continue };
        let limits = std::fs::read_to_string(dir.join("limits.json"))
            .map(|text| serde_json::from_str(&text).expect("limits.json"))
            .unwrap_or_default();
        let options = Options { limits, resolver: std::sync::Arc::new(ennakko::FileResolver { root: dir.clone() }) };
        let Ok(checklist) = Checklist::compile("checklist.eva", &source, &options) else { continue };
        for name in ["decision.yaml", "decision.json"] {
            let Ok(text) = std::fs::read_to_string(dir.join(name)) else { continue };
            cases += 1;
            taken += usize::from(agree(&checklist, &text));
            if let Ok(value) = serde_norway::from_str::<serde_json::Value>(&text) {
                taken += usize::from(agree(&checklist, &value.to_string()));
            }
        }
    }
    assert!(cases > 80 && taken > 50, "{cases} cases, {taken} read directly");
    let tight = Limits { max_cells: 3, max_alternatives: 2, max_decision_bytes: 4_000, ..Limits::default() };
    let deep = |depth| Limits { max_decision_depth: depth, ..Limits::default() };
    let limits = [(Limits::default(), 300), (tight, 100), (deep(5), 0), (deep(9), 0), (deep(10), 0)];
    for (limits, least) in limits.into_iter().chain([31, 32, 33].map(|d| (deep(d), 250))) {
        let checklist = Checklist::standard_with("eva", limits).expect("eva");
        // Runaway nesting, where the depth pre-scan is skipped: serde_json
        // stops it, and the long way words it.
        for depth in [40, 200, 100_000] {
            let meta = format!("{}0{}", "[".repeat(depth), "]".repeat(depth));
            let text = format!(
                r#"{{"id": "x", "title": "T", "meta": {meta}, "alternatives": [{{"id": "p", "kind": "proposal"}}]}}"#
            );
            assert!(!agree(&checklist, &text) && checklist.evaluate_str(&text, Format::Json).is_err());
        }
        let taken = decision_texts().iter().filter(|text| agree(&checklist, text)).count();
        assert!(taken >= least, "{taken} read directly");
    }
}
