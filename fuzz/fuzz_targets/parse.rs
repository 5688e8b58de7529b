//! The parser on any text: a tree or a diagnostic, never a panic, a hang
//! or a stack overflow; diagnostics point inside the text.
//!
//! An input whose first byte is `0xFF` (`hostile::MARK`) is not read as
//! text: its other bytes drive a generator of hostile shapes (see
//! `fuzz/src/hostile.rs`).
#![no_main]

use ennakko::syntax::source::SourceMap;
use ennakko_fuzz::small_limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = ennakko_fuzz::text_or_generated(data, ennakko_fuzz::hostile::eva) else { return };
    let text: &str = &text;
    for limits in [small_limits(), ennakko::Limits::default()] {
        let mut sources = SourceMap::default();
        let file = sources.add("fuzz.eva", text);
        match ennakko::syntax::parse(&sources, file, &limits) {
            Ok(_) => {}
            Err(d) => {
                assert!(d.code.starts_with('E'), "{}", d.code);
                let lines = text.split('\n').count();
                assert!(d.line.is_some_and(|l| l >= 1 && l <= lines), "line {:?} of {lines}", d.line);
                let _ = d.render();
            }
        }
    }
});
