//! A reader that stops early (`ennakko score d.yaml | head -1`) must not make
//! the CLI panic: the output just ends.

use std::process::{Command, Stdio};

#[test]
fn a_closed_pipe_ends_the_output_without_a_panic() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    for format in ["json", "md", "html", "text"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ennakko"))
            .args(["score", "examples/health-centre-merger/decision.yaml", "--format", format])
            .current_dir(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        // Closed before the CLI has compiled its checklist, so its first
        // write meets a closed pipe.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert_ne!(output.status.code(), Some(101), "{format}: {stderr}");
    }
}
