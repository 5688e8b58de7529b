//! Versions live in one place, the workspace's `[workspace.package] version`:
//! every crate inherits it, maturin reads the Python package's version from
//! its crate, and `scripts/build-wasm.sh` writes it into the npm package.
//! What cannot inherit (the VS Code extension, the workspace's own path
//! dependencies, which `cargo package` needs versioned) must equal it.

use std::path::Path;

/// The workspace version: this crate inherits it.
const VERSION: &str = env!("CARGO_PKG_VERSION");

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_version(relative: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(&read(relative)).expect(relative);
    value["version"].as_str().unwrap_or_else(|| panic!("{relative}: no version")).to_owned()
}

#[test]
fn workspace_version_is_the_one_in_the_manifest() {
    let manifest = read("Cargo.toml");
    let line = format!("version = \"{VERSION}\"");
    let section = manifest.split("[workspace.package]").nth(1).expect("[workspace.package]");
    let section = section.split("\n[").next().unwrap_or(section);
    assert!(section.lines().any(|l| l.trim() == line), "[workspace.package] lacks {line}");
}

#[test]
fn every_crate_inherits_the_workspace_version() {
    for crate_dir in ["crates/ennakko", "crates/ennakko-cli", "crates/ennakko-lsp", "bindings/python", "bindings/wasm"]
    {
        let manifest = read(&format!("{crate_dir}/Cargo.toml"));
        assert!(manifest.lines().any(|l| l.trim() == "version.workspace = true"), "{crate_dir} sets its own version");
    }
}

#[test]
fn path_dependencies_name_the_workspace_version() {
    let manifest = read("Cargo.toml");
    let expected = format!("version = \"{VERSION}\"");
    for name in ["ennakko", "ennakko-lsp"] {
        let line = manifest
            .lines()
            .find(|l| l.starts_with(&format!("{name} = {{ path")))
            .unwrap_or_else(|| panic!("no workspace dependency {name}"));
        assert!(line.contains(&expected), "{line}: expected {expected}");
    }
}

#[test]
fn python_package_takes_its_version_from_the_crate() {
    let pyproject = read("bindings/python/pyproject.toml");
    let project = pyproject.split("[project]").nth(1).expect("[project]");
    let project = project.split("\n[").next().unwrap_or(project);
    assert!(project.lines().any(|l| l.trim() == "dynamic = [\"version\"]"), "pyproject: version not dynamic");
    assert!(!project.lines().any(|l| l.trim_start().starts_with("version")), "pyproject sets its own version");
}

#[test]
fn npm_package_takes_its_version_from_the_workspace() {
    let script = read("scripts/build-wasm.sh");
    assert!(script.contains(r#""version": "$pkg_version""#), "build-wasm.sh writes another version");
    assert!(script.contains(r#"/^\[workspace.package\]/"#), "build-wasm.sh reads the version elsewhere");
}

#[test]
fn vscode_extension_has_the_workspace_version() {
    assert_eq!(json_version("editors/vscode/package.json"), VERSION);
    assert_eq!(json_version("editors/vscode/package-lock.json"), VERSION);
}
