//! `ennakko rollup` through the binary: the example folder in every format,
//! the bounded walk (links, pipes and other files listed and left out, a
//! file limit before any work), and exit codes with skips listed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/municipality-year")
}

fn rollup(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ennakko")).arg("rollup").args(args).current_dir(dir).output().expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const PERIOD: [&str; 6] = ["--from", "2026-01-01", "--to", "2026-12-31", "--as-of", "2027-01-31"];

/// The README's command gives, byte for byte, the committed HTML.
#[test]
fn the_example_renders_as_committed() {
    for (format, lang, file) in
        [("html", "fi", "rollup.fi.html"), ("md", "sv", "rollup.sv.md"), ("md", "en", "rollup.en.md")]
    {
        let out = rollup(&[&["decisions", "--format", format, "--lang", lang], &PERIOD[..]].concat(), &example());
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let committed = std::fs::read_to_string(example().join(file)).expect("committed");
        assert!(text(&out.stdout) == committed, "{file} differs from `ennakko rollup`");
    }
}

#[test]
fn json_and_csv_outputs() {
    let out = rollup(&[&["decisions"], &PERIOD[..]].concat(), &example());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["coverage"]["screened"].as_u64(), Some(43));
    assert_eq!(json["skipped"][0]["diagnostics"][0]["code"], "U0201");
    let out = rollup(&[&["decisions", "--format", "csv", "--table", "impacts"], &PERIOD[..]].concat(), &example());
    let csv = text(&out.stdout);
    assert!(csv.starts_with("group,domain,vulnerable,decisions"), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("frail_older_people,access_to_services,true,")));
}

/// A folder with a decision with errors, a file of another kind, a link and
/// a subfolder: the errors are printed and listed (exit 1), the rest is
/// said on stderr, nothing is dropped without a word.
#[test]
fn skips_are_listed_and_counted() {
    let dir = std::env::temp_dir().join(format!("ennakko-rollup-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).expect("temp dir");
    let good = std::fs::read_to_string(example().join("decisions/decision-KH-2026-014.json")).expect("example");
    std::fs::write(dir.join("sub/a.json"), &good).expect("write");
    std::fs::write(dir.join("b.json"), good.replace("\"board\"", "\"parliament\"")).expect("write");
    std::fs::write(
        dir.join("c.yaml"),
        good.replace("\"id\": \"KH-2026-014\"", "\"checklist\": \"children\", \"id\": \"X\""),
    )
    .expect("write");
    std::fs::write(dir.join("notes.txt"), "not a decision").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("sub/a.json"), dir.join("link.json")).expect("symlink");
    let out = rollup(&["--format", "json", "--as-of", "2027-01-31", "."], &dir);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("D0104") && stderr.contains("$.decided.body"), "{stderr}");
    assert!(stderr.contains("U0108"), "{stderr}");
    assert!(stderr.contains("notes.txt") && stderr.contains("not a .json"), "{stderr}");
    #[cfg(unix)]
    assert!(stderr.contains("link.json") && stderr.contains("not a regular file"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["coverage"]["screened"].as_u64(), Some(1));
    assert_eq!(json["coverage"]["skipped_errors"].as_u64(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn limits_and_bad_options_stop_before_work() {
    let out = rollup(&["decisions", "--max-files", "10"], &example());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("U0005"));
    let out = rollup(&["decisions", "--from", "2026-12-31", "--to", "2026-01-01"], &example());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("U0002"));
    let out = rollup(&["decisions", "--as-of", "31.1.2027"], &example());
    assert!(text(&out.stderr).contains("U0001"));
    let out = rollup(&["no-such-folder"], &example());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("U0004"));
}
