//! Runs the language-neutral conformance cases in `tests/conformance/`.
//!
//! A case is a folder holding `checklist.eva` and optionally
//! `decision.yaml` (or `decision.json`). The expected outcome sits next to
//! them, produced by the engine and reviewed by a person:
//! - `diagnostics.json`: the checklist's errors and warnings (when it fails
//!   to compile, or compiles with warnings);
//! - `report.json`: the report for the decision;
//! - `decision-errors.json`: the decision's errors.
//!
//! An optional `limits.json` overrides some of [`ennakko::Limits`].
//!
//! Run with `ENNAKKO_BLESS=1` to write the expected files from the current
//! engine; review the diff before committing. The Python and WebAssembly
//! test suites read the same folders.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ennakko::{Checklist, Diagnostic, FileResolver, Format, Options};

use serde_json::Value;

fn cases_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance")
}

fn case_dirs(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == "checklist.eva") {
                out.push(dir.clone());
            }
        }
    }
    out.sort();
    out
}

/// Output as compared: JSON in which every path into the case folder is
/// relative to it (file names, notes, import lists), so cases pass in any
/// checkout and through every binding.
fn portable(value: &impl serde::Serialize, case: &Path) -> Value {
    let text = serde_json::to_string(value).unwrap_or_default();
    let prefix = format!("{}/", case.display());
    serde_json::from_str(&text.replace(&prefix, "")).unwrap_or_default()
}

fn diagnostics_json(diags: &[Diagnostic], case: &Path) -> Value {
    portable(&diags, case)
}

fn blessing() -> bool {
    std::env::var("ENNAKKO_BLESS").is_ok_and(|v| v == "1")
}

/// Compares with the expected file, or writes it in bless mode. Returns a
/// description of the mismatch, if any. `others` are the expected files of
/// the other outcomes, which must not exist.
fn expect(case: &Path, file: &str, actual: &Value, others: &[&str]) -> Option<String> {
    let path = case.join(file);
    let pretty = serde_json::to_string_pretty(actual).unwrap_or_default() + "\n";
    if blessing() {
        // Blessing must not quietly turn a case that scored into one that
        // fails (or back): a changed outcome is a review, not a rewrite.
        if let Some(other) = others.iter().find(|o| case.join(o).exists()) {
            return Some(format!(
                "{}: the outcome changed from {other} to {file}; delete {other} by hand if that is intended",
                case.display()
            ));
        }
        std::fs::write(&path, pretty).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return None;
    }
    if let Some(other) = others.iter().find(|o| case.join(o).exists()) {
        return Some(format!("{}: expected the outcome {other}, but got {file}:\n{pretty}", case.display()));
    }
    let expected = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(_) => return Some(format!("{}: missing {file}; run with ENNAKKO_BLESS=1 to create it", case.display())),
    };
    (expected != pretty)
        .then(|| format!("{}: {file} differs\n--- expected\n{expected}\n--- actual\n{pretty}", case.display()))
}

fn run_case(case: &Path) -> Option<String> {
    let checklist_path = case.join("checklist.eva");
    let text = std::fs::read_to_string(&checklist_path).ok()?;
    let limits = match std::fs::read_to_string(case.join("limits.json")) {
        Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: bad limits.json: {e}", case.display())),
        Err(_) => ennakko::Limits::default(),
    };
    let options = Options { limits, resolver: Arc::new(FileResolver { root: case.to_path_buf() }) };
    let name = checklist_path.display().to_string();
    let checklist = match Checklist::compile(&name, &text, &options) {
        Ok(c) => c,
        Err(e) => {
            let actual = diagnostics_json(&e.diagnostics, case);
            return expect(case, "diagnostics.json", &actual, &["report.json", "decision-errors.json"]);
        }
    };
    if blessing() && checklist.warnings().is_empty() {
        let _ = std::fs::remove_file(case.join("diagnostics.json"));
    } else if !checklist.warnings().is_empty() || case.join("diagnostics.json").exists() {
        let actual = diagnostics_json(checklist.warnings(), case);
        if let Some(problem) = expect(case, "diagnostics.json", &actual, &[]) {
            return Some(problem);
        }
    }
    let (decision_path, format) = match (case.join("decision.yaml"), case.join("decision.json")) {
        (y, _) if y.exists() => (y, Format::Yaml),
        (_, j) if j.exists() => (j, Format::Json),
        _ => return None,
    };
    let decision = std::fs::read_to_string(&decision_path).ok()?;
    match checklist.score_str(&decision, format) {
        Ok(report) => {
            let actual = portable(&report, case);
            expect(case, "report.json", &actual, &["decision-errors.json"])
        }
        Err(e) => expect(case, "decision-errors.json", &diagnostics_json(e.diagnostics(), case), &["report.json"]),
    }
}

#[test]
fn conformance_cases() {
    let cases = case_dirs(&cases_root());
    assert!(!cases.is_empty(), "no conformance cases found under {}", cases_root().display());
    // Canonical folders: no `..` in names, so the prefix strips cleanly.
    let failures: Vec<String> =
        cases.iter().filter_map(|c| run_case(&std::fs::canonicalize(c).unwrap_or_else(|_| c.clone()))).collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

/// Every code documented in docs/errors.md is produced by some case, so
/// each error has at least one test.
#[test]
fn every_documented_code_is_covered() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/errors.md")).unwrap_or_default();
    let documented: Vec<&str> = docs
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .filter(|c| c.len() == 5 && c.starts_with(['E', 'D', 'R', 'N', 'W']))
        .collect();
    assert!(documented.len() > 20, "docs/errors.md lists too few codes: {documented:?}");
    let mut seen = String::new();
    for case in case_dirs(&cases_root()) {
        for file in ["diagnostics.json", "decision-errors.json", "report.json"] {
            seen.push_str(&std::fs::read_to_string(case.join(file)).unwrap_or_default());
        }
    }
    let missing: Vec<&&str> = documented.iter().filter(|c| !seen.contains(&format!("\"{c}\""))).collect();
    assert!(missing.is_empty(), "codes with no conformance case: {missing:?}");
}
