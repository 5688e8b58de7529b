//! Reads and scores every decision of a JSON list, for profilers: the
//! instruction counts in `docs/performance.md` come from running this under
//! callgrind, which counts the same on a busy machine as on an idle one.
//!
//! ```text
//! python3 benches/peers/bench.py --workload dense --n 200 --write-decisions /tmp/dense.json
//! cargo build --release -p ennakko --example profile
//! valgrind --tool=callgrind target/release/examples/profile benches/peers/dense.eva /tmp/dense.json evaluate
//! callgrind_annotate --inclusive=yes callgrind.out.* | grep -E 'from_str|Checklist::(score|evaluate)'
//! ```
//!
//! The mode is `evaluate` (the compact result, read into a `Decision`
//! first), `direct` (the compact result, read straight into the bound form
//! by `Checklist::evaluate_str`) or `score` (the full report); each decision
//! is read from its JSON text and scored once.

use ennakko::{Checklist, Decision, Format};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, checklist, decisions, mode] = &args[..] else {
        return Err("usage: profile CHECKLIST.eva DECISIONS.json evaluate|direct|score".into());
    };
    let checklist = Checklist::from_source(checklist, &std::fs::read_to_string(checklist)?)?;
    let list: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(decisions)?)?;
    let texts: Vec<String> = list.iter().map(serde_json::Value::to_string).collect();
    for text in &texts {
        if mode == "direct" {
            drop(std::hint::black_box(checklist.evaluate_str(text, Format::Json)?));
            continue;
        }
        let decision = Decision::from_str(text, Format::Json, checklist.limits())?;
        match mode.as_str() {
            "evaluate" => drop(std::hint::black_box(checklist.evaluate(&decision)?)),
            "score" => drop(std::hint::black_box(checklist.score(&decision)?)),
            other => return Err(format!("unknown mode {other}: evaluate, direct or score").into()),
        }
    }
    Ok(())
}
