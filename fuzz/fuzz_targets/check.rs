//! The checker on any text, with small limits and an in-memory resolver:
//! a compiled checklist or diagnostics, never a panic. A checklist that
//! compiles is described and scores a decision made to fit it.
//!
//! An input whose first byte is `0xFF` (`hostile::MARK`) is not read as
//! text: its other bytes drive a generator of hostile shapes (see
//! `fuzz/src/hostile.rs`).
#![no_main]

use std::sync::Arc;

use ennakko::{Checklist, MapResolver, Options};
use ennakko_fuzz::{decision_for, score_and_check, small_limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = ennakko_fuzz::text_or_generated(data, ennakko_fuzz::hostile::eva) else { return };
    let text: &str = &text;
    // The same text is also importable as `./self.eva` (a cycle) and a
    // small file as `./groups.eva`.
    let files = [
        ("self.eva".to_string(), text.to_string()),
        ("groups.eva".to_string(), "group extra { label fi \"a\" sv \"b\" en \"c\" }".to_string()),
    ];
    let options = Options { limits: small_limits(), resolver: Arc::new(MapResolver { files: files.into() }) };
    match Checklist::compile("self.eva", text, &options) {
        Ok(checklist) => {
            let description = checklist.describe();
            serde_json::to_string(&description).expect("a description serializes");
            let decision = decision_for(checklist.model(), data);
            let decision = ennakko::Decision::from_value(decision).expect("the generated decision has the right shape");
            score_and_check(&checklist, &decision, false);
        }
        Err(e) => {
            assert!(!e.diagnostics.is_empty());
            for d in &e.diagnostics {
                assert!(d.code.starts_with('E'), "{}", d.code);
                let _ = d.render();
            }
        }
    }
});
