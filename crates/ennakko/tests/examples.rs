//! Every example decision scores, and its rendered reports, committed next
//! to it as `report.<lang>.md` and `report.<lang>.html`, are exactly what the
//! engine produces now. Run with `ENNAKKO_BLESS=1` to rewrite them after a
//! deliberate change, and review the diff.

use std::path::{Path, PathBuf};

use ennakko::i18n::{Key, LANGUAGES, word};
use ennakko::{Checklist, Decision, Format, Limits};

fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.join("decision.yaml").exists()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

fn report_for(dir: &Path) -> ennakko::Report {
    let text = std::fs::read_to_string(dir.join("decision.yaml")).expect("readable example");
    let decision = Decision::from_str(&text, Format::Yaml, &Limits::default())
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let name = decision.checklist.clone().unwrap_or_else(|| ennakko::stdlib::DEFAULT.to_string());
    let checklist = Checklist::standard(&name).unwrap_or_else(|e| panic!("{}: checklist {name}: {e}", dir.display()));
    checklist.score(&decision).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

#[test]
fn committed_reports_match_the_engine() {
    let dirs = examples();
    assert!(dirs.len() >= 3, "expected at least three examples, found {}", dirs.len());
    let bless = std::env::var("ENNAKKO_BLESS").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for dir in &dirs {
        let report = report_for(dir);
        for lang in LANGUAGES {
            for (ext, text) in
                [("md", ennakko::render::markdown(&report, lang)), ("html", ennakko::render::html(&report, lang))]
            {
                let path = dir.join(format!("report.{lang}.{ext}"));
                if bless {
                    std::fs::write(&path, &text).expect("writable");
                } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                    stale.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "reports differ from the engine's output (rerun with ENNAKKO_BLESS=1 and review): {stale:#?}"
    );
}

/// Swedish and English reports contain no phrase of the Finnish template
/// (the checklist texts are checked for all languages by the compiler).
#[test]
fn swedish_and_english_reports_have_no_finnish_template_text() {
    let finnish_only: Vec<&str> = Key::ALL
        .iter()
        .map(|&k| word(k, "fi"))
        .filter(|fi| fi.len() > 6 && LANGUAGES.iter().all(|l| *l == "fi" || word_differs(fi, l)))
        .collect();
    for dir in examples() {
        let report = report_for(&dir);
        for lang in ["sv", "en"] {
            let md = ennakko::render::markdown(&report, lang);
            for phrase in &finnish_only {
                assert!(!md.contains(phrase), "{} ({lang}) contains Finnish template text: {phrase}", dir.display());
            }
        }
    }
}

fn word_differs(fi: &str, lang: &str) -> bool {
    Key::ALL.iter().all(|&k| word(k, lang) != fi)
}
