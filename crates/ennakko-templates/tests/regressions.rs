//! Problems of templates found by fuzzing and by the hostile-input review,
//! as tests (the engine's are in `crates/ennakko/tests/regressions.rs`).

use ennakko::{Checklist, Limits, Options};
use ennakko_templates::{self as template, TemplateFormat, TemplateLimits};

/// YAML aliases in a Markdown template's front matter are bounded by what
/// they expand to, as in a decision (the engine's regression
/// `yaml_aliases_are_bounded_by_what_they_expand_to`): D0001 before
/// anything is built, and the checklist name is still read.
#[test]
fn yaml_aliases_in_front_matter_are_bounded_by_what_they_expand_to() {
    // Five levels of ten aliases each: 100,000 strings once expanded.
    let mut yaml = format!("id: x\ntitle: x\nl0: &l0 [{}]\n", ["xxxxxxxxxx"; 10].join(", "));
    for level in 1..5 {
        yaml += &format!("l{level}: &l{level} [{}]\n", vec![format!("*l{}", level - 1); 10].join(", "));
    }
    yaml += "meta: [*l4]\nalternatives: [{id: z, kind: zero}]\n";
    let doc = format!("---\n{yaml}---\n\n# x\n");
    let eva = Checklist::standard("eva").expect("eva compiles");
    let err = template::check(&eva, doc.as_bytes(), TemplateFormat::Markdown);
    let codes: Vec<String> = match err {
        Ok(checked) => checked.problems.iter().map(|d| d.code.clone()).collect(),
        Err(e) => e.diagnostics.iter().map(|d| d.code.clone()).collect(),
    };
    assert!(codes.contains(&"D0001".to_string()), "{codes:?}");
    assert!(template::checklist_name(doc.as_bytes(), TemplateFormat::Markdown).is_ok());
    // Time and memory: the hostile corpus's budget, not a clock here.
}

/// Found by the template fuzz target's generators (2026-12-04): a 46 KB
/// Markdown template of 2,180 `<!-- eva:results -->` placeholders (one
/// closing `<!-- /eva:results -->`) checks clean, and every placeholder
/// gets its own copy of the results, so the filled document would be about
/// 3.4 MB, 75 times the template, past the 1 MiB limit it was filled with.
/// The fuzz binary, built before e2af458, filled it and then could not read
/// the filled document again; since e2af458 the fill itself is `T0002`.
#[test]
fn many_results_placeholders_do_not_amplify_the_filled_document() {
    let options = Options {
        // The fuzz targets' small limits.
        limits: Limits {
            max_source_bytes: 64 * 1024,
            max_nesting: 24,
            max_expr_depth: 48,
            max_declarations: 300,
            max_imports: 4,
            max_decision_bytes: 64 * 1024,
            max_decision_depth: 12,
            max_alternatives: 6,
            max_cells: 40,
            max_eval_steps: 20_000,
        },
        ..Options::default()
    };
    let small = Checklist::compile("small.eva", include_str!("../../../tests/checklists/small.eva"), &options)
        .expect("small.eva compiles");
    let limits = TemplateLimits { max_bytes: 1 << 20, max_zip_entries: 64, max_part_bytes: 4 << 20, max_fields: 2_000 };
    let mut md = String::from(
        "---\nchecklist: small.eva\nid: x\ntitle: \"\\\" | a | b |---|# h\\\"\"\nalternatives:\n  - id: zero\n    kind: zero\n    title: \"'\"\n  - id: proposal\n    kind: proposal\n---\n\n",
    );
    md += &"<!-- eva:results -->\n".repeat(2_180);
    md += "<!-- /eva:results -->\n";
    let check = template::check_with(&small, md.as_bytes(), TemplateFormat::Markdown, &limits).expect("checks");
    assert_eq!(check.errors(), 0);
    let filled = match template::fill_with(&small, md.as_bytes(), TemplateFormat::Markdown, Some("sv"), &limits) {
        Ok(filled) => filled,
        Err(e) => {
            assert!(e.diagnostics.iter().any(|d| d.code == "T0002"), "{e}");
            return;
        }
    };
    let again = template::fill_with(&small, &filled.bytes, TemplateFormat::Markdown, Some("sv"), &limits)
        .expect("a filled document fills again");
    assert!(again.bytes == filled.bytes);
}
