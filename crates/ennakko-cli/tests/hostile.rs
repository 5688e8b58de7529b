//! The hostile corpus (`tests/hostile/`, see its README) through the
//! library and through the `ennakko` binary: every case gives its expected
//! result or error code, the CLI exits with 0, 1 or 2 and prints
//! diagnostics on stderr, and nothing panics, aborts or overflows.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use ennakko::{Checklist, Diagnostic, FileResolver, Format, Options};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile")
}

fn manifest() -> Value {
    let text = std::fs::read_to_string(root().join("manifest.json")).expect("tests/hostile/manifest.json");
    serde_json::from_str(&text).expect("the manifest is JSON")
}

fn cases(section: &str) -> Vec<Value> {
    manifest()[section].as_array().cloned().unwrap_or_default()
}

fn field<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key].as_str().unwrap_or_else(|| panic!("case {case} has no `{key}`"))
}

/// Checks the first diagnostic against the case's `expect`, `line`,
/// `column` and `path`; returns a description of the mismatch.
fn compare(case: &Value, expect: &str, outcome: Result<(), Vec<Diagnostic>>) -> Option<String> {
    let name = case["file"].as_str().or(case["name"].as_str()).unwrap_or("?");
    match (expect, outcome) {
        ("ok", Ok(())) => None,
        ("ok", Err(ds)) => Some(format!("{name}: expected ok, got {}", ds[0].render())),
        (code, Ok(())) => Some(format!("{name}: expected {code}, but it succeeded")),
        (code, Err(ds)) => {
            let Some(d) = ds.first() else { return Some(format!("{name}: an error without diagnostics")) };
            let mut wrong = Vec::new();
            if d.code != code {
                wrong.push(format!("code {} (expected {code})", d.code));
            }
            for (key, actual) in [("line", d.line), ("column", d.column)] {
                if let Some(want) = case[key].as_u64()
                    && actual != usize::try_from(want).ok()
                {
                    wrong.push(format!("{key} {actual:?} (expected {want})"));
                }
            }
            if let Some(want) = case["path"].as_str()
                && d.path.as_deref() != Some(want)
            {
                wrong.push(format!("path {:?} (expected {want})", d.path));
            }
            (!wrong.is_empty()).then(|| format!("{name}: {}\n{}", wrong.join(", "), d.render()))
        }
    }
}

fn compile_file(path: &Path, text: &str) -> Result<(), Vec<Diagnostic>> {
    let options = Options {
        resolver: Arc::new(FileResolver { root: path.parent().expect("a folder").to_path_buf() }),
        ..Options::default()
    };
    Checklist::compile(&path.display().to_string(), text, &options).map(|_| ()).map_err(|e| e.diagnostics)
}

fn score_text(name: &str, checklist: &str, text: &str) -> Result<(), Vec<Diagnostic>> {
    let checklist = Checklist::standard(checklist).expect("a standard checklist");
    checklist.score_str(text, Format::from_path(name)).map(|_| ()).map_err(|e| e.diagnostics)
}

fn generated_text(case: &Value) -> String {
    let count = usize::try_from(case["count"].as_u64().expect("count")).expect("count fits");
    format!("{}{}{}", field(case, "prefix"), field(case, "repeat").repeat(count), field(case, "suffix"))
}

/// A fresh folder for generated files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ennakko-hostile-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

#[test]
fn library_gives_the_expected_outcome() {
    let mut failures = Vec::new();
    for case in cases("checklists") {
        let path = root().join(field(&case, "file"));
        let expect = field(&case, "expect");
        let Ok(text) = std::fs::read_to_string(&path) else {
            assert_eq!(expect, "unreadable", "{}", path.display());
            continue;
        };
        failures.extend(compare(&case, expect, compile_file(&path, &text)));
    }
    for case in cases("decisions") {
        let file = field(&case, "file");
        let expect = field(&case, "expect");
        let Ok(text) = std::fs::read_to_string(root().join(file)) else {
            assert_eq!(expect, "unreadable", "{file}");
            continue;
        };
        failures.extend(compare(&case, expect, score_text(file, field(&case, "checklist"), &text)));
        if let Some(as_text) = case["as_text_expect"].as_str() {
            // The checklist it names, the decision given as text (no folder).
            let named = ennakko::Decision::from_str(&text, Format::from_path(file), &ennakko::Limits::default())
                .ok()
                .and_then(|d| d.checklist)
                .unwrap_or_else(|| panic!("{file} names a checklist"));
            let loaded = ennakko::checklist::load::named_without_folder(&named).map(|_| ()).map_err(|e| e.diagnostics);
            failures.extend(compare(&case, as_text, loaded));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn library_survives_generated_inputs() {
    // Deeply nested inputs must not overflow even a small thread stack.
    let handle = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            let mut failures = Vec::new();
            for case in cases("generated") {
                let name = field(&case, "name");
                let text = generated_text(&case);
                let outcome = if name.ends_with(".eva") {
                    Checklist::from_source(name, &text).map(|_| ()).map_err(|e| e.diagnostics)
                } else {
                    score_text(name, field(&case, "checklist"), &text)
                };
                failures.extend(compare(&case, field(&case, "expect"), outcome));
                let expect = field(&case, "expect");
                if name.ends_with(".eva") && ["E0001", "E0002", "E0003"].contains(&expect) {
                    let formatted =
                        ennakko::syntax::format::format_source(name, &text).map(|_| ()).map_err(|d| vec![*d]);
                    failures.extend(compare(&case, expect, formatted));
                }
            }
            failures
        })
        .expect("a thread");
    let failures = handle.join().expect("no panic or overflow");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Runs the CLI; checks the exit code against the expectation and that it
/// never panicked (101) or died of a signal. Returns a mismatch.
fn run_cli(args: &[&str], name: &str, expect: &str) -> Option<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_ennakko")).args(args).output().expect("the CLI runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let Some(code) = out.status.code() else {
        return Some(format!("{name}: killed by a signal ({:?})\n{stderr}", out.status));
    };
    let ok = match expect {
        "ok" => code == 0,
        "unreadable" => code == 2 && stderr.contains("cannot read"),
        diagnostic => code == 1 && stderr.contains(&format!("[{diagnostic}]")),
    };
    (!ok).then(|| format!("{name}: `ennakko {}` exited with {code}, expected {expect}\n{stderr}", args.join(" ")))
}

#[test]
fn cli_gives_the_expected_exit_code_and_diagnostics() {
    let mut failures = Vec::new();
    for case in cases("checklists") {
        let path = root().join(field(&case, "file"));
        let path = path.to_str().expect("a UTF-8 path");
        failures.extend(run_cli(&["check", path], path, field(&case, "expect")));
    }
    for case in cases("decisions") {
        if case["cli_expect"].is_string() {
            continue; // see cli_does_not_load_checklists_outside_the_decisions_folder
        }
        let path = root().join(field(&case, "file"));
        let path = path.to_str().expect("a UTF-8 path");
        let args = ["score", "--compact", "--checklist", field(&case, "checklist"), path];
        failures.extend(run_cli(&args, path, field(&case, "expect")));
    }
    let dir = scratch("cli");
    for case in cases("generated") {
        let name = field(&case, "name");
        let path = dir.join(name);
        std::fs::write(&path, generated_text(&case)).expect("write");
        let path = path.to_str().expect("a UTF-8 path");
        let expect = field(&case, "expect");
        let args: Vec<&str> = if name.ends_with(".eva") {
            vec!["check", path]
        } else {
            vec!["score", "--compact", "--checklist", field(&case, "checklist"), path]
        };
        failures.extend(run_cli(&args, name, expect));
        // The formatter parses with the same limits: a checklist refused
        // before or while parsing is refused by `fmt` too.
        if name.ends_with(".eva") && ["E0001", "E0002", "E0003"].contains(&expect) {
            failures.extend(run_cli(&["fmt", "--check", path], name, expect));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn cli_does_not_load_checklists_outside_the_decisions_folder() {
    let mut failures = Vec::new();
    for case in cases("decisions") {
        let Some(expect) = case["cli_expect"].as_str() else { continue };
        let path = root().join(field(&case, "file"));
        let path = path.to_str().expect("a UTF-8 path");
        failures.extend(run_cli(&["score", path], path, expect));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn cli_reads_hostile_standard_input() {
    // `-` reads YAML or JSON from standard input.
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_ennakko"))
        .args(["score", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    let input = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    // The CLI may stop reading early; a broken pipe here is fine.
    let _ = child.stdin.take().expect("stdin").write_all(input.as_bytes());
    let out = child.wait_with_output().expect("the CLI ends");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("D0003"));
}

/// A template case's bytes: its file, or its generated text.
fn template_bytes(case: &Value) -> (String, Vec<u8>) {
    match case["file"].as_str() {
        Some(file) => (file.to_string(), std::fs::read(root().join(file)).expect("a template file")),
        None => (field(case, "name").to_string(), generated_text(case).into_bytes()),
    }
}

/// `template check`: the error that stops reading, else the problems
/// (errors first); never more than `MAX_DIAGNOSTICS` of them.
fn check_template(case: &Value, bytes: &[u8]) -> Result<(), Vec<Diagnostic>> {
    use ennakko_templates::{self as template, TemplateFormat};
    let checklist = Checklist::standard(field(case, "checklist")).expect("a standard checklist");
    let format = TemplateFormat::from_name(field(case, "format")).expect("a template format");
    match template::check(&checklist, bytes, format) {
        Err(e) => Err(e.diagnostics),
        Ok(checked) => {
            assert!(checked.problems.len() <= ennakko::limits::MAX_DIAGNOSTICS, "{} problems", checked.problems.len());
            if checked.errors() == 0 { Ok(()) } else { Err(checked.problems) }
        }
    }
}

#[test]
fn templates_give_the_expected_outcome() {
    let mut failures = Vec::new();
    let dir = scratch("templates");
    for case in cases("templates") {
        let (name, bytes) = template_bytes(&case);
        let expect = field(&case, "expect");
        // Time and memory per case are checked on the release build by
        // scripts/hostile-budget.py (1 s, 200 MiB), not by reading a clock here.
        failures.extend(compare(&case, expect, check_template(&case, &bytes)));
        // The CLI: exit 1 with the code on stderr (a template with errors
        // is not complete).
        let path = dir.join(name.rsplit('/').next().unwrap_or(&name));
        std::fs::write(&path, &bytes).expect("write");
        let path = path.to_str().expect("a UTF-8 path");
        let args = ["template", "check", "--checklist", field(&case, "checklist"), path];
        if expect != "ok" {
            failures.extend(run_cli(&args, &name, expect));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every file the CLI reads goes through one bounded reader: only regular
/// files (`/dev/zero` grew until allocation failed; a FIFO as checklist,
/// decision, template or import blocked forever), at most one byte over
/// the limit.
#[cfg(unix)]
#[test]
fn cli_reads_only_regular_files_and_no_more_than_the_limit() {
    let dir = scratch("files");
    let fifo = dir.join("pipe.eva");
    let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let fifo_path = fifo.to_str().expect("a UTF-8 path").to_string();
    let main = dir.join("main.eva");
    std::fs::write(&main, "import \"./pipe.eva\"\n").expect("write");
    let main_path = main.to_str().expect("a UTF-8 path").to_string();
    let mut failures = Vec::new();
    let mut runs: Vec<(Vec<&str>, &str)> = vec![
        (vec!["score", "/dev/zero"], "unreadable"),
        (vec!["check", "/dev/zero"], "unreadable"),
        (vec!["template", "check", "/dev/zero"], "unreadable"),
        (vec!["score", "--checklist", "/dev/zero", "x.yaml"], "unreadable"),
    ];
    if made {
        runs.push((vec!["check", &fifo_path], "unreadable"));
        runs.push((vec!["score", &fifo_path], "unreadable"));
        runs.push((vec!["check", &main_path], "E0601"));
    }
    for (args, expect) in &runs {
        let started = std::time::Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_ennakko"))
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the CLI runs");
        // A blocked read would never end: give it 20 s, then fail.
        loop {
            if child.try_wait().expect("wait").is_some() || started.elapsed() > std::time::Duration::from_secs(20) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        if child.try_wait().expect("wait").is_none() {
            let _ = child.kill();
            failures.push(format!("`ennakko {}` blocked", args.join(" ")));
            continue;
        }
        drop(child);
        failures.extend(run_cli(args, &args.join(" "), expect));
    }
    // A file over the limit is read only to one byte past it.
    let big = dir.join("big.yaml");
    std::fs::write(&big, vec![b'a'; (16 << 20) + 100]).expect("write");
    failures.extend(run_cli(&["score", big.to_str().expect("UTF-8")], "big.yaml", "D0002"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `ennakko check ../a/main.eva` with a legal `import "./g.eva"` said the
/// path leaves the folder: a leading `..` broke the normalisation.
#[test]
fn cli_checks_a_checklist_in_a_parent_folder() {
    let dir = scratch("parent");
    std::fs::create_dir_all(dir.join("a")).expect("a folder");
    std::fs::create_dir_all(dir.join("b")).expect("a folder");
    std::fs::write(dir.join("a/g.eva"), "group locals { label fi \"x\" sv \"x\" en \"x\" }\n").expect("write");
    let head = "checklist m { title fi \"x\" sv \"x\" en \"x\" version \"1\" }\n";
    std::fs::write(dir.join("a/main.eva"), format!("import \"./g.eva\"\nimport \"eva\"\n{head}")).expect("write");
    std::fs::write(dir.join("a/out.eva"), "import \"../../x.eva\"\n").expect("write");
    let run = |file: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_ennakko"))
            .args(["check", file])
            .current_dir(dir.join("b"))
            .output()
            .expect("the CLI runs");
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, stderr) = run("../a/main.eva");
    assert!(!stderr.contains("E0601"), "{stderr}");
    assert_eq!(code, Some(0), "{stderr}");
    // Still no way out of the checklist's folder.
    let (code, stderr) = run("../a/out.eva");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0601"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
