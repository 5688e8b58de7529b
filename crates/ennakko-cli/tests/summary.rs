//! `ennakko score` for people: `--format text` prints the short summary
//! (also into a pipe, when asked for), in the report's language and without
//! colour codes off a terminal; a pipe without `--format` still gets JSON.

use std::process::{Command, Output};

use ennakko::report::i18n::{Key, LANGUAGES, word};

const DECISION: &str = "examples/village-school/decision.yaml";

fn ennakko(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ennakko"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .env_remove("NO_COLOR")
        .output()
        .expect("runs")
}

fn stdout(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

#[test]
fn text_format_prints_the_summary_in_each_language() {
    // The headings and the verdict are the report's own words.
    for lang in LANGUAGES {
        let text = stdout(&ennakko(&["score", DECISION, "--format", "text", "--lang", lang]));
        for heading in [Key::Verdict, Key::SideBySide, Key::Missing].map(|k| word(k, lang)) {
            assert!(text.lines().any(|l| l == heading), "{lang}: no heading {heading:?} in\n{text}");
        }
        assert!(text.contains(word(Key::VerdictFull, lang)), "{lang}: no verdict in\n{text}");
        assert!(!text.contains('\u{1b}'), "{lang}: colour codes in a pipe");
        assert!(!text.trim_start().starts_with('{'), "{lang}: JSON instead of a summary");
    }
}

#[test]
fn summary_tells_the_verdict_of_the_json_report() {
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&ennakko(&["score", DECISION]))).expect("JSON in a pipe");
    assert_eq!(json["verdict"]["level"], "full");
    let text = stdout(&ennakko(&["score", DECISION, "--format", "text", "--lang", "en"]));
    let reason = json["verdict"]["reasons"][0]["message"]["en"].as_str().expect("a reason in English");
    assert!(text.contains(reason.lines().next().unwrap_or(reason)), "no reason {reason:?} in\n{text}");
}
