//! The formatter on any text: where the text parses, the output parses to
//! the same tree (spans aside) and formatting it again changes nothing.
//!
//! An input whose first byte is `0xFF` (`hostile::MARK`) is not read as
//! text: its other bytes drive a generator of hostile shapes (see
//! `fuzz/src/hostile.rs`).
#![no_main]

use ennakko::syntax::format::format_source;
use ennakko::syntax::source::SourceMap;
use ennakko::{Limits, syntax};
use libfuzzer_sys::fuzz_target;

fn parse(text: &str) -> Result<ennakko::syntax::ast::File, Box<ennakko::Diagnostic>> {
    let mut sources = SourceMap::default();
    let file = sources.add("x.eva", text);
    syntax::parse(&sources, file, &Limits::default())
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = ennakko_fuzz::text_or_generated(data, ennakko_fuzz::hostile::eva) else { return };
    let text: &str = &text;
    let tree = parse(text);
    match format_source("x.eva", text) {
        Ok(out) => {
            let tree = tree.expect("the formatter accepted what the parser rejects");
            let again = parse(&out).unwrap_or_else(|d| panic!("the output does not parse: {}\n---\n{out}", d.render()));
            assert!(tree.same_tree(&again), "the output parses to another tree:\n---\n{out}");
            let twice = format_source("x.eva", &out).expect("formats again");
            assert_eq!(out, twice, "formatting is not idempotent");
        }
        Err(d) => {
            assert!(tree.is_err(), "the formatter rejected what the parser accepts: {}", d.render());
        }
    }
});
