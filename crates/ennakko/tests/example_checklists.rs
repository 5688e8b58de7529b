//! The example checklists beyond EVA in `examples/checklists/<name>/`: each
//! `checklist.eva` compiles without warnings and is in canonical form, and
//! every decision next to it (`<decision>.yaml`) scores to the reports
//! committed beside it (`<decision>.report.<lang>.md`), exactly. Run with
//! `ENNAKKO_BLESS=1` to rewrite the reports after a deliberate change, and
//! review the diff.

use std::path::{Path, PathBuf};

use ennakko::report::i18n::LANGUAGES;
use ennakko::{Checklist, Decision, Format, Limits};

fn example_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/checklists");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.join("checklist.eva").exists()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

fn decisions(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn compile(dir: &Path) -> (String, Checklist) {
    let text = std::fs::read_to_string(dir.join("checklist.eva")).expect("readable checklist");
    let checklist = Checklist::from_source("checklist.eva", &text)
        .unwrap_or_else(|e| panic!("{}: {:#?}", dir.display(), e.diagnostics()));
    (text, checklist)
}

#[test]
fn example_checklists_are_clean_and_canonical() {
    let dirs = example_dirs();
    assert!(!dirs.is_empty(), "no example checklists found");
    for dir in &dirs {
        let (text, checklist) = compile(dir);
        assert!(checklist.warnings().is_empty(), "{}: {:#?}", dir.display(), checklist.warnings());
        let formatted = ennakko::syntax::format::format_source("checklist.eva", &text).expect("formats");
        assert!(formatted == text, "{}: not in canonical form (run `ennakko fmt`)", dir.display());
        assert!(decisions(dir).len() >= 2, "{}: give at least two decisions", dir.display());
    }
}

#[test]
fn committed_reports_match_the_engine() {
    let bless = std::env::var("ENNAKKO_BLESS").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for dir in example_dirs() {
        let (_, checklist) = compile(&dir);
        for path in decisions(&dir) {
            let text = std::fs::read_to_string(&path).expect("readable decision");
            let decision = Decision::from_str(&text, Format::Yaml, &Limits::default())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let report = checklist.score(&decision).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("decision");
            for lang in LANGUAGES {
                let rendered = ennakko::report::render::markdown(&report, lang);
                let report_path = dir.join(format!("{stem}.report.{lang}.md"));
                if bless {
                    std::fs::write(&report_path, &rendered).expect("writable");
                } else if std::fs::read_to_string(&report_path).ok().as_deref() != Some(rendered.as_str()) {
                    stale.push(report_path.display().to_string());
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "reports differ from the engine's output (rerun with ENNAKKO_BLESS=1 and review): {stale:#?}"
    );
}
