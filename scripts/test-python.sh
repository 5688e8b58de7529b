#!/usr/bin/env bash
# Builds the Python module (bindings/python) into a virtualenv and tests it:
# ruff, mypy on the package and its stubs, pytest (conformance cases, unit
# tests, examples), the wheel installed in a fresh venv (scripts/test-packages.sh
# wheel), then the hostile corpus's time and memory budget through
# the module (scripts/hostile-budget.py --front python, one process per case).
# Idempotent: creates .venv only if missing, pip-installs only what is
# missing (GNU time from Debian if /usr/bin/time is missing), and rebuilds
# only what changed.
#
# Environment:
#   PYTHON                 interpreter for a new venv (default: python3, >= 3.10)
#   ENNAKKO_VENV           the venv (default: .venv at the repository root)
#   ENNAKKO_PY_OPTIONAL    optional packages the tests use when present
#                          (default below; set to "" to test without them)
#   ENNAKKO_PY_PROFILE     cargo profile for the module: release (default) or dev
#   CARGO_TARGET_DIR       where cargo builds the module (default: target/python)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

venv=${ENNAKKO_VENV:-$root/.venv}
py=$venv/bin/python
optional=${ENNAKKO_PY_OPTIONAL-pandas polars matplotlib tqdm dask distributed}
profile=${ENNAKKO_PY_PROFILE:-release}

step "python virtualenv ($venv)"
if ! "$py" -c 'import sys; assert sys.version_info >= (3, 10)' 2>/dev/null; then
  interpreter=${PYTHON:-python3}
  "$interpreter" -c 'import sys; assert sys.version_info >= (3, 10), sys.version' \
    || { echo "Python 3.10 or newer is required"; exit 2; }
  rm -rf "$venv"
  "$interpreter" -m venv "$venv"
fi
"$py" --version

step "python packages (installing only what is missing)"
missing() { # prints the pip names of the import names given that are not installed
  for name in "$@"; do
    "$py" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('$name') is None)" 2>/dev/null \
      || printf '%s\n' "$name"
  done
}
pip_install() { "$py" -m pip install --disable-pip-version-check -q "$@"; }
# The tools whose output the checks compare are pinned, so that a new ruff or
# mypy release cannot turn a clean tree red overnight.
pinned() { # maps import names to pip requirements
  for name in "$@"; do
    case $name in
      ruff) echo "ruff==0.17.6" ;;
      mypy) echo "mypy==2.4.1" ;;
      maturin) echo "maturin>=1.16,<2" ;;
      yaml) echo "pyyaml>=6" ;;
      *) echo "$name" ;;
    esac
  done
}
mapfile -t required < <(pinned $(missing maturin pytest mypy ruff yaml))
# shellcheck disable=SC2086 # the optional list is split on purpose
mapfile -t extras < <(missing $optional)
if ((${#required[@]})); then
  echo "installing: ${required[*]}"
  pip_install "${required[@]}"
fi
if ((${#extras[@]})); then
  echo "installing optional: ${extras[*]}"
  pip_install "${extras[@]}" || echo "warning: optional packages not installed; their tests will be skipped"
fi
((${#required[@]} + ${#extras[@]})) || echo "all present"
export VIRTUAL_ENV=$venv PATH=$venv/bin:$PATH

step "build the module (maturin develop, $profile profile)"
cd "$root/bindings/python"
# Its own target folder: release builds of benchmarks in target/ would
# otherwise rebuild the core under other flags each time the other runs.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target/python}
flags=(--profile "$profile")
# Once installed (editable, from this checkout), later runs only rebuild the
# extension in place.
here=$root/bindings/python/python/ennakko
if ENNAKKO_HERE=$here "$py" -c '
import os, sys, importlib.util
spec = importlib.util.find_spec("ennakko")
where = os.path.dirname(spec.origin) if spec and spec.origin else ""
sys.exit(0 if os.path.realpath(where) == os.path.realpath(os.environ["ENNAKKO_HERE"]) else 1)
' 2>/dev/null; then
  flags+=(--skip-install)
fi
maturin develop "${flags[@]}"
"$py" -c 'import ennakko; print("ennakko", ennakko.__version__, "imports")'

export RUFF_CACHE_DIR=$root/target/ruff-cache MYPY_CACHE_DIR=$root/target/mypy-cache
step "python formatting and lints (ruff)"
ruff format --check . ../../examples/python ../../scripts
ruff check . ../../examples/python ../../scripts

step "types (mypy --strict on the package, its stubs and a usage file)"
mypy

step "python tests (pytest)"
"$py" -m pytest -p no:cacheprovider -q

step "the wheel in a fresh venv (scripts/test-packages.sh wheel)"
"$root/scripts/test-packages.sh" wheel

step "hostile corpus within its budget through the module: 1 s and 200 MiB per case (scripts/hostile-budget.py --front python)"
if [ "$profile" != release ]; then
  echo "skipped: the budget is for release builds (ENNAKKO_PY_PROFILE=$profile)"
else
  [ -x /usr/bin/time ] || {
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  }
  budget=$root/target/hostile-budget-python.txt
  "$py" "$root/scripts/hostile-budget.py" --front python --python "$py" > "$budget" \
    || { cat "$budget"; exit 1; }
  tail -n 2 "$budget"
fi
