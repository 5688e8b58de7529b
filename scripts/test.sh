#!/usr/bin/env bash
# Runs every test of the project. Installs nothing the machine image lacks
# unless a step needs it (each install step checks first, so running this
# twice is cheap). Used by CI (.ci/run) and by developers alike.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
command -v cargo >/dev/null || { echo "cargo is required (rustup toolchain)"; exit 2; }
cargo --version
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

step "formatting (cargo fmt --check)"
cargo fmt --all -- --check

step "lints (cargo clippy -D warnings)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "build"
cargo build --workspace --quiet

step "tests (unit, conformance, doc)"
cargo test --workspace --quiet

ennakko=target/debug/ennakko
step "standard and test checklists are clean (ennakko check)"
"$ennakko" check checklists/*.eva tests/checklists/*.eva

step "standard and test checklists are in canonical form (ennakko fmt --check)"
"$ennakko" fmt --check checklists/*.eva tests/checklists/*.eva

step "every example scores (ennakko score)"
for decision in examples/*/decision.yaml; do
  "$ennakko" score "$decision" --compact > /dev/null
  echo "ok: $decision"
done

step "packages as users install them: crates in a scratch project (scripts/test-packages.sh crates)"
./scripts/test-packages.sh crates

step "VS Code extension: TextMate grammar test and the .vsix package (scripts/build-vscode.sh)"
./scripts/build-vscode.sh

step "hostile corpus within its budget: 1 s and 200 MiB per case, release CLI (scripts/hostile-budget.py)"
cargo build --release -p ennakko-cli --quiet
command -v /usr/bin/time >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
python3 scripts/hostile-budget.py target/release/ennakko > target/hostile-budget.txt \
  || { cat target/hostile-budget.txt; exit 1; }
tail -n 1 target/hostile-budget.txt

step "Python module: build, ruff, mypy, pytest (scripts/test-python.sh)"
./scripts/test-python.sh

step "fuzzing, short mode: 60 s per target on top of the committed corpus (scripts/fuzz.sh 60)"
./scripts/fuzz.sh 60

step "peer benchmark, quick mode, so it cannot rot (benches/peers/run.sh --quick)"
./benches/peers/run.sh --quick

step "document templates rendered by LibreOffice (scripts/test-templates.sh)"
./scripts/test-templates.sh

step "WebAssembly package, Node tests and the browser test (scripts/test-wasm.sh)"
./scripts/test-wasm.sh

echo
echo "all tests passed"
