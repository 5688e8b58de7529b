#!/usr/bin/env bash
# Builds the VS Code extension into target/vscode/ennakko-<version>.vsix:
# installs its npm packages from the committed lock file (only when they
# are missing or the lock file changed), runs the TextMate grammar test,
# packages with @vscode/vsce, and checks what went into the package.
# Needs Node and npm (the image has Node 20); nothing global is installed.
set -euo pipefail
cd "$(dirname "$0")/../editors/vscode"

command -v npm >/dev/null || { echo "npm is required to build the VS Code extension"; exit 2; }
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

npm test

out=../../target/vscode
version=$(node -p 'require("./package.json").version')
vsix="$out/ennakko-$version.vsix"
mkdir -p "$out"
# No LICENSE or repository in the extension folder: the repository's own
# apply, and the package is not published to the marketplace from here.
npx vsce package --skip-license --allow-missing-repository --out "$vsix" >/dev/null

# The package holds the extension, its grammar, snippets and the language
# client with its dependencies, and none of the build tools.
python3 - "$vsix" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
needed = ["extension/package.json", "extension/extension.js", "extension/language-configuration.json",
          "extension/syntaxes/eva.tmLanguage.json", "extension/snippets/eva.json",
          "extension/node_modules/vscode-languageclient/lib/node/main.js"]
missing = [n for n in needed if n not in names]
unwanted = sorted(n for n in names if n.startswith(("extension/node_modules/@vscode/vsce", "extension/test/",
                                                     "extension/node_modules/vscode-textmate")))
if missing or unwanted:
    sys.exit(f"{sys.argv[1]}: missing {missing}, unwanted {unwanted[:5]}")
print(f"ok: {sys.argv[1]} ({len(names)} files)")
PY

# The client module resolves from the unpacked extension as VS Code loads it.
unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$vsix" "$unpacked"
node -e 'require.resolve("vscode-languageclient/node", { paths: [process.argv[1]] })' "$unpacked/extension"
