#!/usr/bin/env bash
# Builds the WebAssembly package `ennakko` into bindings/wasm/pkg/, from two
# builds of bindings/wasm: the engine alone (the entry `ennakko`) and the
# engine with document templates (the entry `ennakko/templates`, feature
# `templates`: zip and an XML reader make it much larger; pages load it
# only when they use templates):
#
#   pkg/index.js      browser / bundler entry (ES module; `await init()` first)
#   pkg/node.js       Node entry (ES module; loads the module on import)
#   pkg/templates.js, pkg/templates-node.js   the same with templates
#   pkg/api.js        the JavaScript API the entries share
#   pkg/index.d.ts, pkg/templates.d.ts   TypeScript definitions; pkg/types/*.d.ts
#                     generated from the JSON Schemas
#   pkg/web/, pkg/node/   wasm-bindgen output (--target web / --target nodejs), wasm-opt'ed
#   pkg/templates/web/, pkg/templates/node/   the same, with templates
#
# Installs what is missing first, checking before each install, so running it
# twice is cheap (see ../../shared/TOOLCHAIN.md for why this recipe):
#   - Debian packages rustc-web cargo-web rust-web-src lld-22 (the rustup
#     toolchain here has no wasm32 standard library; Debian's rustc builds
#     one with -Zbuild-std);
#   - wasm-bindgen-cli of exactly the version bindings/wasm/Cargo.toml pins;
#   - npm dev tools in bindings/wasm (binaryen's wasm-opt, json-schema-to-
#     typescript, typescript).
# Prints the size of both .wasm files, raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
crate=bindings/wasm
pkg=$crate/pkg
target_dir=target/wasm   # separate from rustup's target/: the two compilers would rebuild each other

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
seconds() { date +%s; }
t0=$(seconds)

step "toolchain: Debian rustc-web with the wasm32 standard library sources"
missing=()
for p in rustc-web cargo-web rust-web-src lld-22; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
/usr/bin/rustc --version

step "wasm-bindgen-cli (pinned)"
version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' $crate/Cargo.toml)
[ -n "$version" ] || { echo "cannot find the pinned wasm-bindgen version in $crate/Cargo.toml"; exit 2; }
export PATH="$HOME/.cargo/bin:$PATH"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
  echo "installing wasm-bindgen-cli $version (takes a few minutes)"
  # --locked first; the registry mirror here lacks one crate of its lock file
  # (webpki-roots 1.0.11), so fall back to a fresh resolution.
  cargo install wasm-bindgen-cli --version "$version" --locked --quiet \
    || cargo install wasm-bindgen-cli --version "$version" --force --quiet
fi
wasm-bindgen --version

step "npm tools (wasm-opt, json-schema-to-typescript, typescript)"
if [ ! -x $crate/node_modules/.bin/wasm-opt ] || [ ! -x $crate/node_modules/.bin/tsc ] \
   || [ ! -d $crate/node_modules/json-schema-to-typescript ]; then
  (cd $crate && npm ci --no-audit --no-fund --loglevel=error)
fi

# Builds the crate with the given cargo feature arguments and copies the
# .wasm to $2 (the two builds share target/wasm and leave the same file name).
build() {
  local start
  start=$(seconds)
  # Size-tuned release profile for this build only (the workspace profile is
  # shared with the native crates).
  RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
    CARGO_PROFILE_RELEASE_LTO=fat \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
    CARGO_PROFILE_RELEASE_PANIC=abort \
    /usr/bin/cargo build --release --quiet --target wasm32-unknown-unknown \
      -Zbuild-std=std,panic_abort -p ennakko-wasm $1 --target-dir "$target_dir"
  cp "$target_dir/wasm32-unknown-unknown/release/ennakko_wasm.wasm" "$2"
  echo "built in $(( $(seconds) - start )) s"
}
step "JSON Schemas, written by the native command (the modules embed them: feature prebuilt-schemas)"
cargo build --quiet -p ennakko-cli
export ENNAKKO_WASM_SCHEMAS=$root/$target_dir/schemas
mkdir -p "$ENNAKKO_WASM_SCHEMAS"
for name in decision report description diagnostic rollup template-check; do
  target/debug/ennakko schema "$name" > "$ENNAKKO_WASM_SCHEMAS/$name.json"
done
step "cargo build: the engine (wasm32-unknown-unknown, release, build-std)"
wasm=$target_dir/ennakko-engine.wasm
build "--no-default-features --features prebuilt-schemas" "$wasm"
step "cargo build: the engine with templates"
wasm_templates=$target_dir/ennakko-templates.wasm
build "--features templates,prebuilt-schemas" "$wasm_templates"

# wasm-bindgen for the web and for Node into $2/web and $2/node, then wasm-opt.
bindgen() {
  local start
  wasm-bindgen --target web --out-dir "$2/web" --out-name ennakko "$1"
  wasm-bindgen --target nodejs --out-dir "$2/node" --out-name ennakko "$1"
  start=$(seconds)
  # The features rustc 1.9x enables by default for wasm32-unknown-unknown
  # (all supported by current browsers and Node 20).
  $crate/node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$2/web/ennakko_bg.wasm" -o "$2/web/ennakko_bg.wasm"
  cp "$2/web/ennakko_bg.wasm" "$2/node/ennakko_bg.wasm"
  echo "wasm-opt in $(( $(seconds) - start )) s"
  echo '{ "type": "commonjs" }' > "$2/node/package.json"
}

step "wasm-bindgen + wasm-opt -> $pkg"
stamp=$pkg/.source-sha256
sum=$(cat "$wasm" "$wasm_templates" $crate/js/* $crate/tools/* $crate/README.md LICENSE-* scripts/build-wasm.sh | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ] && [ -f $pkg/web/ennakko_bg.wasm ] \
   && [ -f $pkg/templates/web/ennakko_bg.wasm ] && [ -f $pkg/types/report.d.ts ]; then
  echo "up to date"
else
  rm -rf "$pkg"
  mkdir -p "$pkg"
  bindgen "$wasm" "$pkg"
  bindgen "$wasm_templates" "$pkg/templates"
  cp $crate/js/*.js $crate/js/*.d.ts $crate/README.md $pkg/
  cp LICENSE-APACHE LICENSE-MIT $pkg/
  pkg_version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
  cat > $pkg/package.json <<EOF
{
  "name": "ennakko",
  "version": "$pkg_version",
  "description": "Ex-ante impact assessment (EVA) of public decisions: checklist language and scoring engine (WebAssembly)",
  "license": "Apache-2.0 OR MIT",
  "keywords": ["impact-assessment", "eva", "public-sector", "checklist", "webassembly"],
  "type": "module",
  "main": "./node.js",
  "module": "./index.js",
  "browser": "./index.js",
  "types": "./index.d.ts",
  "exports": {
    ".": {
      "types": "./index.d.ts",
      "node": "./node.js",
      "default": "./index.js"
    },
    "./templates": {
      "types": "./templates.d.ts",
      "node": "./templates-node.js",
      "default": "./templates.js"
    },
    "./package.json": "./package.json"
  },
  "files": ["*.js", "*.d.ts", "types/", "web/", "node/", "templates/", "README.md", "LICENSE-APACHE", "LICENSE-MIT"],
  "sideEffects": false
}
EOF
  (cd $crate && node tools/gen-types.mjs pkg)
  echo "$sum" > "$stamp"
fi

step "size"
for file in $pkg/web/ennakko_bg.wasm $pkg/templates/web/ennakko_bg.wasm; do
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  printf '%s: %d bytes raw (%d KiB), %d bytes gzipped (%d KiB)\n' "${file#$pkg/}" "$raw" $((raw / 1024)) "$gz" $((gz / 1024))
done
echo "package in $root/$pkg ($(( $(seconds) - t0 )) s)"
