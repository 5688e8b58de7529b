#!/usr/bin/env bash
# Renders filled Word templates in a real office suite: installs LibreOffice
# Writer (headless) and poppler-utils when missing (Debian packages), then
# runs the test that converts the documents to PDF and PNG and checks the
# text. The PNG pages end up under target/tmp/templates-render/.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" fonts-dejavu-core >/dev/null
fi

ENNAKKO_REQUIRE_LIBREOFFICE=1 cargo test -p ennakko-templates --test templates_render -- --nocapture
