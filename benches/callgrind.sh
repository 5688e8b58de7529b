#!/usr/bin/env bash
# Instruction counts per dense decision (callgrind), repeatable on a busy
# machine where timings are not:
#   ./benches/callgrind.sh [N]
# Idempotent. Installs valgrind with apt-get if it is missing, writes N
# decisions of the dense peer workload (default 200) as JSON, builds
# crates/ennakko/examples/profile.rs (release), and runs it under callgrind
# three times: `evaluate` (read into a Decision + bind + compact
# evaluation), `direct` (read straight into the bound form + compact
# evaluation, `Checklist::evaluate_str`) and `score` (read + the full
# report). Prints, per decision, the instructions of each step
# (inclusive counts of the named functions divided by N).
# ENNAKKO_SOURCE=/path/to/a/checkout counts that tree instead of this one
# (e.g. a `git archive` of an older commit, for a before/after table); the
# workload and checklist are always this tree's.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
src="${ENNAKKO_SOURCE:-$root}"
n="${1:-200}"

if ! command -v valgrind >/dev/null 2>&1; then
  echo "installing valgrind" >&2
  apt-get update -qq >&2 && apt-get install -y -qq valgrind >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$here/peers/bench.py" --workload dense --n "$n" --write-decisions "$work/dense.json"
(cd "$src" && cargo build --release --quiet -p ennakko --example profile)
profile="${CARGO_TARGET_DIR:-$src/target}/release/examples/profile"

# Inclusive instructions of the functions whose names match $2, per decision.
per_decision() {
  callgrind_annotate --inclusive=yes "$1" 2>/dev/null |
    awk -v n="$n" -v pattern="$2" '
      $0 ~ pattern { gsub(",", "", $1); name = $0; sub(/.*\?\?\?:(ennakko::)?/, "", name); sub(/ \[.*/, "", name);
                     printf "  %-40s %8.0f k\n", name, $1 / n / 1000 }'
}

for mode in evaluate direct score; do
  out="$work/callgrind.$mode"
  valgrind --tool=callgrind --callgrind-out-file="$out" "$profile" "$here/peers/dense.eva" "$work/dense.json" "$mode" \
    2>&1 | grep -E 'Collected' >&2
  echo "$mode ($(cd "$src" && git rev-parse --short HEAD 2>/dev/null || echo "$src")), instructions per dense decision:"
  per_decision "$out" 'Decision::from_str \[|Checklist::(evaluate|evaluate_str|score) \[|decision::bind \[|direct::bind_json \[|eval::evaluate \[|assemble::assemble \['
done
