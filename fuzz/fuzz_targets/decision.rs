//! The decision loader on any text, as JSON and as YAML, with small limits,
//! scored against the standard checklist: a report or decision errors with
//! codes, never a panic. JSON read straight into a decision (the fast path)
//! and read through a JSON value must give the same decision or the same
//! errors.
//!
//! An input whose first byte is `0xFF` (`hostile::MARK`) is not read as
//! text: its other bytes drive a generator of hostile shapes (see
//! `fuzz/src/hostile.rs`).
#![no_main]

use std::sync::LazyLock;

use ennakko::{Checklist, Decision, Format, Options};
use ennakko_fuzz::{score_and_check, small_limits};
use libfuzzer_sys::fuzz_target;

static EVA: LazyLock<Checklist> = LazyLock::new(|| {
    let options = Options { limits: small_limits(), ..Options::default() };
    Checklist::compile("<std>/eva.eva", ennakko::checklist::stdlib::source("eva").expect("eva"), &options)
        .expect("eva compiles")
});

fuzz_target!(|data: &[u8]| {
    let Some(text) = ennakko_fuzz::text_or_generated(data, ennakko_fuzz::hostile::decision) else { return };
    let text: &str = &text;
    for format in [Format::Json, Format::Yaml] {
        let read = Decision::from_str(text, format, EVA.limits());
        assert_eq!(read, Decision::from_str_via_value(text, format, EVA.limits()), "the two ways to read disagree");
        match read {
            Ok(decision) => {
                let _ = serde_json::to_string(&decision).expect("a decision serializes");
                score_and_check(&EVA, &decision, false);
            }
            Err(e) => {
                assert!(!e.diagnostics.is_empty());
                for d in &e.diagnostics {
                    assert!(d.code.starts_with('D'), "{}", d.code);
                    let _ = d.render();
                }
            }
        }
    }
});
