#!/usr/bin/env bash
# Side-by-side peer benchmark:
#   ./benches/peers/run.sh [--quick] [--workload basic|dense|both] [--runs R] [--n N]
# Idempotent. Creates benches/peers/.venv (if missing), pip-installs only the
# peers that are missing (a peer that fails to install is skipped, and the
# table says so), builds the ennakko wheel with maturin (release; cargo makes
# this a no-op when nothing changed) into benches/peers/.wheels and installs it,
# then runs bench.py, which checks every engine against plain Python and prints
# one Markdown table per workload. Workloads: basic (40 cells per decision) and
# dense (EVA-like, ~140 cells per decision, checklist benches/peers/dense.eva);
# default both. --quick: 100 decisions per workload, 3 rounds (for CI).
# ENNAKKO_SOURCE=/path/to/a/checkout builds the wheel from that tree instead of
# this one (e.g. a clean `git archive` of one commit when the working tree is
# shared and has uncommitted changes).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
py="$venv/bin/python"

if [ ! -x "$py" ]; then
  "${PYTHON:-python3}" -m venv "$venv"
fi

installed() { "$py" -m pip show -q "$1" >/dev/null 2>&1; }

for pkg in maturin zen-engine common-expression-language rule-engine json-logic-qubit datalogic-py; do
  if ! installed "$pkg"; then
    echo "installing $pkg" >&2
    "$py" -m pip install -q "$pkg" >&2 || echo "could not install $pkg: skipped" >&2
  fi
done

# ennakko: a release wheel of bindings/python, built by maturin and installed
# into this venv (not the editable build in the repository's .venv, so the
# numbers do not depend on how that one was built).
src="${ENNAKKO_SOURCE:-$root}"
(cd "$src/bindings/python" && "$venv/bin/maturin" build --release --quiet -o "$here/.wheels" >&2)
wheel="$(ls -t "$here"/.wheels/ennakko-*.whl | head -n 1)"
"$py" -m pip install -q --no-deps --force-reinstall "$wheel" >&2

export RUST_BACKTRACE=0
exec "$py" "$here/bench.py" "$@"
