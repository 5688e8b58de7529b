//! The parser on any text: a tree or a diagnostic, never a panic, a hang
//! or a stack overflow; diagnostics point inside the text.
#![no_main]

use ennakko::source::SourceMap;
use ennakko_fuzz::small_limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
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
