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
    // The link is counted and listed in the roll-up itself, not only said on stderr.
    #[cfg(unix)]
    {
        assert_eq!(json["coverage"]["not_read"].as_u64(), Some(1));
        let link = json["skipped"].as_array().expect("skipped").iter().find(|s| s["source"] == "./link.json");
        assert_eq!(link.map(|s| &s["diagnostics"][0]["code"]), Some(&serde_json::json!("U0202")));
        let md = rollup(&["--format", "md", "--lang", "fi", "--as-of", "2027-01-31", "."], &dir);
        assert!(text(&md.stdout).contains("./link.json: tiedostoa ei luettu"), "{}", text(&md.stdout));
    }
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

/// Two halves of the example rolled up apart, saved as JSON and merged with
/// `--merge`, give the committed page and the JSON of the whole; a file that
/// is not a roll-up, or parts of other periods, are errors.
#[test]
fn saved_rollups_merge_into_the_whole() {
    let dir = std::env::temp_dir().join(format!("ennakko-rollup-merge-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut files: Vec<String> = std::fs::read_dir(example().join("decisions"))
        .expect("example")
        .flatten()
        .map(|e| format!("decisions/{}", e.file_name().to_string_lossy()))
        .collect();
    files.sort();
    let (a, b) = files.split_at(17);
    let mut saved = Vec::new();
    for (i, part) in [a, b].iter().enumerate() {
        let args: Vec<&str> = part.iter().map(String::as_str).chain(PERIOD).collect();
        let out = rollup(&args, &example());
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let path = dir.join(format!("part{i}.json"));
        std::fs::write(&path, &out.stdout).expect("write");
        saved.push(path.display().to_string());
    }
    let merged = rollup(&["--merge", &saved[1], &saved[0], "--format", "html", "--lang", "fi"], &example());
    assert_eq!(merged.status.code(), Some(0), "{}", text(&merged.stderr));
    let committed = std::fs::read_to_string(example().join("rollup.fi.html")).expect("committed");
    assert!(text(&merged.stdout) == committed, "the merged page differs from the committed one");
    let whole = rollup(&[&["decisions"], &PERIOD[..]].concat(), &example());
    let merged = rollup(&["--merge", &saved[0], &saved[1]], &example());
    assert_eq!(text(&merged.stdout), text(&whole.stdout));

    std::fs::write(dir.join("bad.json"), "{\"coverage\": 1}").expect("write");
    let out = rollup(&["--merge", &saved[0], &dir.join("bad.json").display().to_string()], &example());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("U0006") && text(&out.stderr).contains("bad.json"), "{}", text(&out.stderr));
    let other =
        rollup(&["decisions", "--from", "2026-01-01", "--to", "2026-06-30", "--as-of", "2027-01-31"], &example());
    std::fs::write(dir.join("other.json"), &other.stdout).expect("write");
    let out = rollup(&["--merge", &saved[0], &dir.join("other.json").display().to_string()], &example());
    assert!(text(&out.stderr).contains("U0003"), "{}", text(&out.stderr));
    let out = rollup(&["--merge", &saved[0], "--from", "2026-01-01"], &example());
    assert_eq!(out.status.code(), Some(2), "--merge takes the dates of the parts");
    let _ = std::fs::remove_dir_all(&dir);
}
