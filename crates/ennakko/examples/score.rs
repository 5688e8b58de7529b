//! Scores a draft decision (YAML or JSON) with the standard checklist `eva`
//! and prints the verdict with its reasons in English:
//!
//! ```text
//! cargo run -p ennakko --example score -- examples/village-school/decision.yaml
//! ```
//!
//! `scripts/test-packages.sh` compiles this same file against the packaged
//! crate in a scratch project, as a user of the published library would.

use ennakko::{Checklist, Format};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: score DECISION.yaml|DECISION.json")?;
    let text = std::fs::read_to_string(&path)?;
    let format = if path.ends_with(".json") { Format::Json } else { Format::Yaml };
    let checklist = Checklist::standard("eva")?;
    let report = checklist.score_str(&text, format)?;
    println!("verdict: {}", report.verdict.level.name());
    for reason in &report.verdict.reasons {
        // Messages come in every language the checklist has; English is one.
        let message = reason.message.get("en").map_or("", String::as_str);
        println!("- {message}");
    }
    Ok(())
}
