#!/usr/bin/env bash
# Installs each package the way its users would, in a clean place, and runs
# one example from it:
#
#   crates  cargo package of ennakko, ennakko-templates, ennakko-lsp and
#           ennakko-cli; docs with -D warnings; a scratch cargo project depending on the unpacked
#           library crate runs crates/ennakko/examples/score.rs; the command
#           is cargo-installed from its unpacked crate (the other three patched
#           in from theirs, as crates.io would serve them) and scores a decision.
#   wheel   the wheel maturin builds goes into a fresh venv; its metadata is
#           checked and one decision scored from outside the repository.
#   npm     the `npm pack` tarball of bindings/wasm/pkg goes into a fresh npm
#           project; `import { Checklist } from 'ennakko'` scores a decision in Node.
#
# The wheel and the npm package must give the example's committed English
# report (examples/village-school/report.en.md, which the Rust tests keep equal
# to the engine's output) byte for byte; the crates, the verdict of the
# workspace's own command.
#
# Usage: scripts/test-packages.sh crates|wheel|npm
# The parts reuse what the other scripts built: test.sh runs `crates` (the
# workspace's target/ holds the dependencies), test-python.sh runs `wheel`
# after building the module, test-wasm.sh runs `npm` after building pkg/.
# Scratch folders go under a fresh temporary folder outside the repository
# (inside, cargo would take the unpacked crates for workspace members),
# removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ennakko-packages.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
decision=$root/examples/village-school/decision.yaml
report=$root/examples/village-school/report.en.md
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)

step() { printf '\n==> %s\n' "$*"; }
fail() { echo "error: $*" >&2; exit 1; }

# The expected verdict, from the workspace's own command (test.sh built it).
expected_verdict() {
  cargo run --quiet -p ennakko-cli -- score "$decision" --compact \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["verdict"]["level"])'
}

crates() {
  local dir=$scratch/crates
  mkdir -p "$dir"
  step "cargo package (ennakko, ennakko-templates, ennakko-lsp, ennakko-cli)"
  # --no-verify: the builds below compile each package from its own files,
  # which is what verification would do, once.
  cargo package --quiet --allow-dirty --no-verify -p ennakko -p ennakko-templates -p ennakko-lsp -p ennakko-cli
  for name in ennakko ennakko-templates ennakko-lsp ennakko-cli; do
    tar -xzf "target/package/$name-$version.crate" -C "$dir"
  done
  for file in grammar/ennakko.pest checklists/eva.eva README.md LICENSE-APACHE LICENSE-MIT; do
    [ -f "$dir/ennakko-$version/$file" ] || fail "the ennakko crate lacks $file"
  done

  step "docs (cargo doc --no-deps, warnings denied)"
  RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps -p ennakko -p ennakko-templates -p ennakko-lsp -p ennakko-cli

  local want
  want=$(expected_verdict)

  step "a scratch project using the packaged library (examples/score.rs)"
  mkdir -p "$dir/user/src"
  cat > "$dir/user/Cargo.toml" <<TOML
[package]
name = "user"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
ennakko = { path = "../ennakko-$version" }

[workspace]
TOML
  cp crates/ennakko/examples/score.rs "$dir/user/src/main.rs"
  # The workspace's lock file and target folder: the same dependency versions,
  # already compiled; only the packaged crates build anew.
  cp Cargo.lock "$dir/user/Cargo.lock"
  local got
  got=$(cd "$dir/user" && CARGO_TARGET_DIR=$root/target cargo run --quiet -- "$decision" | sed -n 's/^verdict: //p')
  [ "$got" = "$want" ] || fail "packaged library: verdict '$got', expected '$want'"
  echo "ok: verdict $got"

  step "cargo install of the packaged command"
  CARGO_TARGET_DIR=$root/target cargo install --quiet --debug --locked --force \
    --path "$dir/ennakko-cli-$version" --root "$dir/install" \
    --config "patch.crates-io.ennakko.path=\"$dir/ennakko-$version\"" \
    --config "patch.crates-io.ennakko-templates.path=\"$dir/ennakko-templates-$version\"" \
    --config "patch.crates-io.ennakko-lsp.path=\"$dir/ennakko-lsp-$version\""
  got=$("$dir/install/bin/ennakko" score "$decision" --format json \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["verdict"]["level"])')
  [ "$got" = "$want" ] || fail "packaged command: verdict '$got', expected '$want'"
  echo "ok: verdict $got"
}

wheel() {
  local dir=$scratch/wheel
  mkdir -p "$dir"
  step "the wheel (maturin build, release)"
  (cd bindings/python && CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target/python} \
    maturin build --release --quiet --out "$dir/dist")
  local wheel_file
  wheel_file=$(ls "$dir"/dist/ennakko-"$version"-*.whl) || fail "no wheel of version $version"

  step "a fresh venv installing $(basename "$wheel_file")"
  python3 -m venv "$dir/venv"
  "$dir/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "$wheel_file"
  # From outside the repository, so that nothing imports the source tree.
  (cd "$dir" && ENNAKKO_VERSION=$version ENNAKKO_DECISION=$decision venv/bin/python - <<'PY'
import os
import pathlib
from importlib import metadata

import ennakko

meta = metadata.metadata("ennakko")
assert meta["Version"] == os.environ["ENNAKKO_VERSION"], meta["Version"]
assert meta["License-Expression"] == "Apache-2.0 OR MIT", meta["License-Expression"]
assert meta["Requires-Python"] == ">=3.10", meta["Requires-Python"]
extras = set(meta.get_all("Provides-Extra") or [])
assert {"pandas", "polars", "plot"} <= extras, extras
assert "ex-ante" in str(meta.json.get("description", "")).lower(), "no README in the metadata"
assert pathlib.Path(ennakko.__file__).is_relative_to(pathlib.Path.cwd() / "venv"), ennakko.__file__

report = ennakko.Checklist.standard("eva").score(pathlib.Path(os.environ["ENNAKKO_DECISION"]))
print(report.to_markdown(lang="en"), end="")
PY
  ) > "$dir/report.en.md"
  cmp -s "$dir/report.en.md" "$report" || fail "wheel: the report differs from $report"
  echo "ok: the same report as $report"
}

npm_package() {
  local dir=$scratch/npm
  mkdir -p "$dir/project"
  step "npm pack (bindings/wasm/pkg)"
  [ -f bindings/wasm/pkg/package.json ] || fail "bindings/wasm/pkg is not built (scripts/build-wasm.sh)"
  (cd bindings/wasm/pkg && npm pack --quiet --pack-destination "$dir" >/dev/null)
  local tarball=$dir/ennakko-$version.tgz
  [ -f "$tarball" ] || fail "npm pack made no $tarball"
  # Listed once: `grep -q` closing a pipe from tar would fail under pipefail.
  local listing
  listing=$(tar -tzf "$tarball")
  for file in package/package.json package/README.md package/LICENSE-APACHE package/LICENSE-MIT \
    package/index.js package/node.js package/index.d.ts package/web/ennakko_bg.wasm package/node/ennakko_bg.wasm; do
    grep -qx "$file" <<<"$listing" || fail "the npm package lacks $file"
  done

  step "a fresh npm project installing the tarball; import in Node"
  (cd "$dir/project" && npm init -y >/dev/null \
    && npm install --no-audit --no-fund --loglevel=error "$tarball" \
    && cat > main.mjs <<'JS'
import { readFileSync } from 'node:fs';
import { Checklist, render } from 'ennakko';
const report = Checklist.standard('eva').score(readFileSync(process.argv[2], 'utf8'));
process.stdout.write(render(report, { format: 'md', lang: 'en' }));
JS
  )
  (cd "$dir/project" && node main.mjs "$decision") > "$dir/report.en.md"
  cmp -s "$dir/report.en.md" "$report" || fail "npm package: the report differs from $report"
  echo "ok: the same report as $report"
}

case ${1:-} in
  crates) crates ;;
  wheel) wheel ;;
  npm) npm_package ;;
  *) echo "usage: $0 crates|wheel|npm" >&2; exit 2 ;;
esac
