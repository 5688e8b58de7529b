//! Every limit of [`ennakko::Limits`] at its boundary: exactly at the limit
//! is accepted, one over is an error with the limit's code.

use std::sync::Arc;

use ennakko::{Checklist, Decision, Error, Format, Limits, MapResolver, Options};

const HEAD: &str = "checklist x { title fi \"x\" sv \"x\" en \"x\" version \"1\" }\n";
const LABEL: &str = "label fi \"x\" sv \"x\" en \"x\"";

fn compile_with(limits: Limits, text: &str) -> Result<Checklist, Error> {
    Checklist::compile("x.eva", text, &Options { limits, ..Options::default() })
}

fn first_code(r: Result<Checklist, Error>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(e) => e.diagnostics[0].code.clone(),
    }
}

#[test]
fn the_defaults_are_documented_values() {
    let l = Limits::default();
    assert_eq!(
        (l.max_source_bytes, l.max_nesting, l.max_expr_depth, l.max_declarations, l.max_imports),
        (1 << 20, 64, 200, 20_000, 64)
    );
    assert_eq!(
        (l.max_decision_bytes, l.max_decision_depth, l.max_alternatives, l.max_cells, l.max_eval_steps),
        (16 << 20, 32, 64, 10_000, 10_000_000)
    );
    // Hosts give limits as JSON; fields left out keep their defaults.
    let partial: Limits = serde_json::from_str(r#"{"max_eval_steps": 5}"#).expect("reads");
    assert_eq!(partial, Limits { max_eval_steps: 5, ..Limits::default() });
}

#[test]
fn max_source_bytes() {
    let text = format!("{HEAD}# {}", "ä".repeat(100));
    let limits = |n| Limits { max_source_bytes: n, ..Limits::default() };
    assert_eq!(first_code(compile_with(limits(text.len()), &text)), "ok");
    assert_eq!(first_code(compile_with(limits(text.len() - 1), &text)), "E0002");
    // The limit applies to imported files too.
    let resolver = MapResolver { files: [("big.eva".to_string(), text.clone())].into() };
    let root = format!("import \"./big.eva\"\n{}", HEAD.replace("checklist x", "checklist y"));
    let options = Options { limits: limits(text.len() - 1), resolver: Arc::new(resolver) };
    assert_eq!(first_code(Checklist::compile("root.eva", &root, &options)), "E0002");
}

#[test]
fn max_nesting() {
    let limits = |n| Limits { max_nesting: n, ..Limits::default() };
    // A rule block is one level; each parenthesis one more.
    let nested = |parens: usize| {
        format!(
            "{HEAD}rule r: info {{ when {}true{} message fi \"x\" sv \"x\" en \"x\" }}",
            "(".repeat(parens),
            ")".repeat(parens)
        )
    };
    assert_eq!(first_code(compile_with(limits(10), &nested(9))), "ok");
    assert_eq!(first_code(compile_with(limits(10), &nested(10))), "E0003");
    // Quantifiers nest without brackets.
    let quantifiers = |n: usize| {
        format!("{HEAD}rule r: info {{ when {}true message fi \"x\" sv \"x\" en \"x\" }}", "any proposal: ".repeat(n))
    };
    assert_eq!(first_code(compile_with(limits(10), &quantifiers(9))), "ok");
    assert_eq!(first_code(compile_with(limits(10), &quantifiers(10))), "E0003");
}

#[test]
fn max_expr_depth() {
    let limits = |n| Limits { max_expr_depth: n, ..Limits::default() };
    // `1 + 1 + ... > 0` with k additions is k + 2 levels deep.
    let chain = |k: usize| {
        format!("{HEAD}rule r: info {{ when 1{} > 0 message fi \"x\" sv \"x\" en \"x\" }}", " + 1".repeat(k))
    };
    assert_eq!(first_code(compile_with(limits(20), &chain(18))), "ok");
    assert_eq!(first_code(compile_with(limits(20), &chain(19))), "E0003");
    // Prefix operators count too.
    let nots =
        |k: usize| format!("{HEAD}rule r: info {{ when {}true message fi \"x\" sv \"x\" en \"x\" }}", "not ".repeat(k));
    assert_eq!(first_code(compile_with(limits(20), &nots(19))), "ok");
    assert_eq!(first_code(compile_with(limits(20), &nots(20))), "E0003");
}

#[test]
fn max_declarations() {
    let limits = |n| Limits { max_declarations: n, ..Limits::default() };
    let groups: String = (0..9).map(|i| format!("group g{i} {{ {LABEL} }}\n")).collect();
    let text = format!("{HEAD}{groups}"); // 10 declarations with the checklist's
    assert_eq!(first_code(compile_with(limits(10), &text)), "ok");
    assert_eq!(first_code(compile_with(limits(9), &text)), "E0004");
    // Imported declarations count.
    let resolver = MapResolver { files: [("groups.eva".to_string(), groups)].into() };
    let root = format!("import \"./groups.eva\"\n{HEAD}");
    let options = |n| Options { limits: limits(n), resolver: Arc::new(resolver.clone()) };
    assert_eq!(first_code(Checklist::compile("root.eva", &root, &options(10))), "ok");
    assert_eq!(first_code(Checklist::compile("root.eva", &root, &options(9))), "E0004");
}

#[test]
fn max_imports() {
    // root -> f1 -> f2 -> f3: three imported files.
    let files = (1..=3)
        .map(|i| {
            let next = if i < 3 { format!("import \"./f{}.eva\"\n", i + 1) } else { String::new() };
            (format!("f{i}.eva"), format!("{next}group g{i} {{ {LABEL} }}\n"))
        })
        .collect();
    let resolver = Arc::new(MapResolver { files });
    let root = format!("import \"./f1.eva\"\n{HEAD}");
    let options = |n| Options { limits: Limits { max_imports: n, ..Limits::default() }, resolver: resolver.clone() };
    assert_eq!(first_code(Checklist::compile("root.eva", &root, &options(3))), "ok");
    assert_eq!(first_code(Checklist::compile("root.eva", &root, &options(2))), "E0004");
}

fn decision_code(limits: Limits, text: &str, format: Format) -> String {
    let checklist = Checklist::compile(
        "<std>/eva.eva",
        ennakko::checklist::stdlib::source("eva").expect("eva"),
        &Options { limits, ..Options::default() },
    )
    .expect("eva compiles");
    match Decision::from_str(text, format, &limits).and_then(|d| checklist.score(&d)) {
        Ok(_) => "ok".into(),
        Err(e) => e.diagnostics()[0].code.clone(),
    }
}

#[test]
fn max_decision_bytes() {
    let text = "id: x\ntitle: Ääkköset\nalternatives: [{id: z, kind: zero}]\n";
    let limits = |n| Limits { max_decision_bytes: n, ..Limits::default() };
    assert_eq!(decision_code(limits(text.len()), text, Format::Yaml), "ok");
    assert_eq!(decision_code(limits(text.len() - 1), text, Format::Yaml), "D0002");
}

#[test]
fn max_decision_depth() {
    let limits = |n| Limits { max_decision_depth: n, ..Limits::default() };
    // Every value is a level, scalars included: the document is level 1,
    // `meta` 2, and `meta: [[[[0]]]]` reaches level 6 at the `0`.
    let json = |extra: usize| {
        format!(
            r#"{{"id": "x", "title": "y", "meta": {}0{}, "alternatives": [{{"id": "z", "kind": "zero"}}]}}"#,
            "[".repeat(extra),
            "]".repeat(extra)
        )
    };
    assert_eq!(decision_code(limits(6), &json(4), Format::Json), "ok");
    assert_eq!(decision_code(limits(6), &json(5), Format::Json), "D0003");
    let yaml = |extra: usize| {
        let nested: String = (1..=extra).map(|i| format!("\n{}k:", "  ".repeat(i))).collect();
        format!("id: x\ntitle: y\nmeta:{nested} 0\nalternatives: [{{id: z, kind: zero}}]\n")
    };
    assert_eq!(decision_code(limits(6), &yaml(4), Format::Yaml), "ok");
    assert_eq!(decision_code(limits(6), &yaml(5), Format::Yaml), "D0003");
}

#[test]
fn max_alternatives() {
    let limits = |n| Limits { max_alternatives: n, ..Limits::default() };
    let text = |n: usize| {
        let alts: Vec<String> =
            (0..n).map(|i| format!("{{id: a{i}, kind: {}}}", if i == 0 { "zero" } else { "proposal" })).collect();
        format!("id: x\ntitle: y\nalternatives: [{}]\n", alts.join(", "))
    };
    assert_eq!(decision_code(limits(3), &text(3), Format::Yaml), "ok");
    assert_eq!(decision_code(limits(3), &text(4), Format::Yaml), "D0004");
}

#[test]
fn max_cells() {
    let limits = |n| Limits { max_cells: n, ..Limits::default() };
    let text = |n: usize| {
        let domains = ["mobility", "health", "housing", "learning"];
        let cells: Vec<String> =
            (0..n).map(|i| format!("{{group: children, domain: {}, direction: -1}}", domains[i])).collect();
        format!("id: x\ntitle: y\nalternatives: [{{id: z, kind: zero, impacts: [{}]}}]\n", cells.join(", "))
    };
    assert_eq!(decision_code(limits(3), &text(3), Format::Yaml), "ok");
    assert_eq!(decision_code(limits(3), &text(4), Format::Yaml), "D0004");
}

#[test]
fn max_eval_steps() {
    let text = "id: x\ntitle: y\nalternatives:\n  - {id: z, kind: zero}\n  - {id: p, kind: proposal, impacts: [{group: children, domain: mobility, direction: -2}]}\n";
    let code = |steps: u64| decision_code(Limits { max_eval_steps: steps, ..Limits::default() }, text, Format::Yaml);
    // The fewest steps the standard checklist needs for this decision.
    let (mut low, mut high) = (0u64, 10_000_000u64);
    assert_eq!(code(high), "ok");
    while low + 1 < high {
        let mid = (low + high) / 2;
        if code(mid) == "ok" { high = mid } else { low = mid }
    }
    assert_eq!(code(high), "ok");
    assert_eq!(code(high - 1), "R0001");
    assert!(high > 100, "the standard checklist takes more than {high} steps");
}
