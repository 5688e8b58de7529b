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
    for name in ennakko::stdlib::names() {
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
