//! `ennakko template init|check|fill` as a user runs them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ennakko(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ennakko")).args(args).current_dir(dir).output().expect("runs")
}

fn workdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-template").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    dir
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(name).join("decision.yaml").display().to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn init_check_fill_in_every_format() {
    let dir = workdir("formats");
    for ext in ["docx", "md", "html"] {
        let blank = format!("blank.{ext}");
        let o = ennakko(&["template", "init", "--lang", "sv", "-o", &blank], &dir);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        // A blank template reads, but its required questions are unanswered.
        let o = ennakko(&["template", "check", &blank], &dir);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("warning[T0201]"));
        // A filled one is complete and fills.
        let filled = format!("vs.{ext}");
        let o = ennakko(&["template", "init", "--from", &example("village-school"), "-o", &filled], &dir);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let o = ennakko(&["template", "check", &filled], &dir);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stderr(&o).contains("verdict: full"), "{}", stderr(&o));
        let out = format!("vs.out.{ext}");
        let o = ennakko(&["template", "fill", &filled, "-o", &out], &dir);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(dir.join(&out).exists());
    }
}

#[test]
fn fill_never_overwrites_its_input_unless_asked() {
    let dir = workdir("in-place");
    let o = ennakko(&["template", "init", "--from", &example("library-hours"), "-o", "d.md"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = std::fs::read(dir.join("d.md")).expect("written");
    let o = ennakko(&["template", "fill", "d.md", "-o", "./d.md"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--in-place"));
    assert_eq!(std::fs::read(dir.join("d.md")).expect("kept"), before);
    let o = ennakko(&["template", "fill", "d.md"], &dir);
    assert_eq!(o.status.code(), Some(2), "-o or --in-place is required");
    let o = ennakko(&["template", "fill", "--in-place", "d.md"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = String::from_utf8(std::fs::read(dir.join("d.md")).expect("filled")).expect("utf-8");
    assert!(after.contains("<!-- /eva:results -->") && after.len() > before.len());
    // Markdown and HTML can go to standard output.
    let o = ennakko(&["template", "fill", "d.md", "-o", "-", "--lang", "en"], &dir);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("## Verdict"));
}

#[test]
fn init_does_not_overwrite_without_force() {
    let dir = workdir("force");
    assert_eq!(ennakko(&["template", "init", "-o", "t.md"], &dir).status.code(), Some(0));
    let o = ennakko(&["template", "init", "-o", "t.md"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"));
    assert_eq!(ennakko(&["template", "init", "--force", "-o", "t.md"], &dir).status.code(), Some(0));
    let o = ennakko(&["template", "init", "-o", "t.txt"], &dir);
    assert_eq!(o.status.code(), Some(2), "unknown format");
}

#[test]
fn check_prints_json_and_reports_unreadable_files() {
    let dir = workdir("json");
    assert_eq!(ennakko(&["template", "init", "-o", "t.docx"], &dir).status.code(), Some(0));
    let o = ennakko(&["template", "check", "--format", "json", "t.docx"], &dir);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["format"], "docx");
    assert_eq!(v["checklist"], "eva");
    // The blank form asks the facts and the questions without a condition.
    assert!(v["fields"].as_array().is_some_and(|f| f.len() > 50));
    std::fs::write(dir.join("broken.docx"), b"PK\x03\x04 not really").expect("write");
    let o = ennakko(&["template", "check", "broken.docx"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[T0003]"));
    let o = ennakko(&["template", "check", "missing.docx"], &dir);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_checklist_file_named_by_the_template_is_found_beside_it() {
    let dir = workdir("local-checklist");
    std::fs::create_dir_all(dir.join("docs")).expect("dir");
    std::fs::write(
        dir.join("docs/local.eva"),
        "import \"eva\"\nchecklist local {\n  title fi \"Paikallinen\" sv \"Lokal\" en \"Local\"\n  version \"1\"\n  languages fi, sv, en\n}\n",
    )
    .expect("write");
    let o = ennakko(&["template", "init", "--checklist", "docs/local.eva", "-o", "docs/t.md"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.join("docs/t.md")).expect("written");
    assert!(text.contains("\nchecklist: local.eva\n"), "named relative to the template");
    let o = ennakko(&["template", "check", "docs/t.md"], &dir);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("T0201") && !stderr(&o).contains("T0103"), "{}", stderr(&o));
}
