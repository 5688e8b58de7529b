//! The report renderers (Markdown, HTML, explain) on reports of the
//! standard checklists for generated decisions, and on any JSON that reads
//! as a report.
#![no_main]

use std::sync::LazyLock;

use arbitrary::Unstructured;
use ennakko::{Checklist, Report};
use ennakko_fuzz::{decision_for, render_all, score_and_check};
use libfuzzer_sys::fuzz_target;

static STANDARD: LazyLock<Vec<Checklist>> = LazyLock::new(|| {
    ennakko::checklist::stdlib::names().map(|n| Checklist::standard(n).expect("standard checklists compile")).collect()
});

fuzz_target!(|data: &[u8]| {
    if let Some(rest) = data.strip_prefix(b"{") {
        // A report as JSON (seeds are real reports).
        let mut text = b"{".to_vec();
        text.extend_from_slice(rest);
        if let Ok(report) = serde_json::from_slice::<Report>(&text) {
            render_all(&report);
        }
        return;
    }
    let mut u = Unstructured::new(data);
    let Ok(i) = u.choose_index(STANDARD.len()) else { return };
    let checklist = &STANDARD[i];
    let seed = u.take_rest();
    let mut decision = decision_for(checklist.model(), seed);
    // Text the renderers must escape, wherever a document's text is shown.
    let title: String = String::from_utf8_lossy(seed).chars().take(200).collect();
    let marked = format!("<zz-injected>{title}</zz-injected> | * _ ` # [x](y)");
    decision["title"] = serde_json::json!(marked);
    decision["alternatives"][1]["title"] = serde_json::json!(marked);
    decision["alternatives"][1]["description"] = serde_json::json!(marked);
    if let Some(cell) = decision["alternatives"][1]["impacts"].get_mut(0) {
        cell["note"] = serde_json::json!(marked);
        cell["mitigation"] = serde_json::json!(marked);
    }
    let decision = ennakko::Decision::from_value(decision).expect("the generated decision has the right shape");
    if let Some(report) = score_and_check(checklist, &decision, false) {
        for lang in ["fi", "sv", "en"] {
            assert!(!ennakko::report::render::html(&report, lang).contains("<zz-injected"), "unescaped text in HTML");
            assert!(
                !ennakko::report::render::markdown(&report, lang).contains("<zz-injected>"),
                "unescaped text in Markdown"
            );
        }
    }
});
