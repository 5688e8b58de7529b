//! The evaluator on generated valid checklists and decisions, with a small
//! step budget: a report or R0001, deterministic, and every report
//! survives JSON and the renderers. The generated source also goes through
//! the formatter.
#![no_main]

use arbitrary::Unstructured;
use ennakko::{Checklist, Limits, Options};
use ennakko_fuzz::{generate, score_and_check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok((source, narrow)) = generate::checklist(&mut u) else { return };
    let Ok(decision) = generate::decision(&mut u, narrow) else { return };
    let limits = Limits { max_eval_steps: 5_000, ..Limits::default() };
    let options = Options { limits, ..Options::default() };
    let checklist = match Checklist::compile("gen.eva", &source, &options) {
        Ok(c) => c,
        Err(e) => {
            // Generated expressions are well typed, but a condition may be
            // found to never hold (E0501), or a number literal too large.
            for d in &e.diagnostics {
                assert!(
                    matches!(d.code.as_str(), "E0501" | "E0201" | "E0202" | "E0203" | "E0206"),
                    "{source}\n{}",
                    d.render()
                );
            }
            return;
        }
    };
    let decision = ennakko::Decision::from_value(decision).expect("generated decisions have the right shape");
    score_and_check(&checklist, &decision, true);
    let formatted = ennakko::syntax::format::format_source("gen.eva", &source).expect("a valid checklist formats");
    let again = Checklist::compile("gen.eva", &formatted, &options).expect("the formatted checklist compiles");
    assert_eq!(
        serde_json::to_value(checklist.score(&decision).ok()).ok(),
        serde_json::to_value(again.score(&decision).ok()).ok(),
        "formatting changed the result"
    );
});
