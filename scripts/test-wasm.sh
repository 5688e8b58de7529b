#!/usr/bin/env bash
# Tests of the WebAssembly package and the drafting page:
#   1. builds the package (scripts/build-wasm.sh; installs its toolchain if missing);
#   2. Node tests (node --test): the shared conformance cases, the API, templates
#      (Word, Markdown, HTML), hostile input and the shared hostile corpus,
#      TypeScript definitions, and the same bytes as the CLI for every example;
#   2a. the `npm pack` tarball installed in a fresh npm project, imported in
#       Node (scripts/test-packages.sh npm);
#   2b. the hostile corpus's time and memory budget through the package
#      (scripts/hostile-budget.py --front wasm, one Node process per case);
#   3. the browser test: Debian's Chromium, headless, driven by playwright-core,
#      fills in a decision on examples/web and checks it against the CLI, and
#      checks and fills a Word template uploaded to the page; the roll-up view
#      shows the CLI's roll-up page of the example year in fi, sv and en.
#      The layout test (examples/web/test/layout.test.mjs) loads every committed
#      report and roll-up page at 1100 px and at A4 print width: no table wider
#      than its page, no word broken mid-word, nothing loaded;
#   4. the browser test of the checklist editor page (examples/editor): a
#      mistake typed in shows its diagnostic and goes when fixed; hover,
#      completion, the form preview, the size limit.
# Idempotent: each install step checks first (GNU time for the budget too).
# Screenshots go to examples/web/screenshots/ and examples/editor/screenshots/
# (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
t0=$(date +%s)

./scripts/build-wasm.sh

step "ennakko CLI (native; the tests compare with it)"
cargo build -p ennakko-cli --quiet

step "Node tests (bindings/wasm/tests)"
(cd bindings/wasm && node --test --test-reporter=spec tests/)

step "the npm package in a fresh project (scripts/test-packages.sh npm)"
./scripts/test-packages.sh npm

step "hostile corpus within its budget through the package: 1 s and 200 MiB per case (scripts/hostile-budget.py --front wasm)"
[ -x /usr/bin/time ] || {
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
}
python3 scripts/hostile-budget.py --front wasm > target/hostile-budget-wasm.txt \
  || { cat target/hostile-budget-wasm.txt; exit 1; }
tail -n 2 target/hostile-budget-wasm.txt

step "Chromium and playwright-core"
if [ ! -x /usr/bin/chromium ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version
if [ ! -d examples/web/node_modules/playwright-core ]; then
  (cd examples/web && npm ci --no-audit --no-fund --loglevel=error)
fi

step "browser test (examples/web/test)"
(cd examples/web && node --test --test-reporter=spec test/)

step "checklist editor page: CodeMirror bundle and browser test (examples/editor)"
if [ ! -d examples/editor/node_modules/playwright-core ] || [ ! -d examples/editor/node_modules/esbuild ] \
   || [ ! -d examples/editor/node_modules/@codemirror/view ]; then
  (cd examples/editor && npm ci --no-audit --no-fund --loglevel=error)
fi
(cd examples/editor && node build.mjs && node --test --test-reporter=spec test/)

echo
echo "wasm tests passed in $(( $(date +%s) - t0 )) s; screenshots in examples/web/screenshots/ and examples/editor/screenshots/"
