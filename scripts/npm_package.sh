#!/usr/bin/env bash
# Stages the npm package of the headless module (packages/vgen-core/) and, when asked, packs it.
#   bash scripts/npm_package.sh                       stage into build/wasm/npm/vgen-core/
#   bash scripts/npm_package.sh --pack DIR            stage, then `npm pack` the tarball into DIR
#   bash scripts/npm_package.sh --stage DIR [...]     stage into DIR instead (the tests use a temp folder)
# The package holds no copy of anything: packages/vgen-core/ keeps only what is the package's own
# (package.json, the entry index.mjs, the declarations index.d.ts, its README), and staging puts
# the wrapper (web/vgen_core.mjs) and the built module (vgen_core.{js,wasm}, from
# `bash scripts/build.sh wasm`) beside them. build.sh wasm stages after every build; the staging
# folder is under build/, never committed. Prints the tarball's path when it packs.
set -euo pipefail

# Folders given on the command line are the caller's, relative to where it runs.
absolute() { [[ $1 == /* ]] && printf '%s' "$1" || printf '%s/%s' "$PWD" "$1"; }
STAGE=
PACK_DIR=
while (($#)); do
    case $1 in
        --stage) STAGE=$(absolute "$2"); shift 2 ;;
        --pack) PACK_DIR=$(absolute "$2"); shift 2 ;;
        *) echo "usage: bash scripts/npm_package.sh [--stage DIR] [--pack DIR]" >&2; exit 2 ;;
    esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$PWD
WASM_DIR=${VG_WASM_DIR:-$REPO/${VG_BUILD_DIR:-build}/wasm}
STAGE=${STAGE:-$WASM_DIR/npm/vgen-core}

for built in vgen_core.js vgen_core.wasm; do
    [[ -f $WASM_DIR/$built ]] || { echo "[npm] $WASM_DIR/$built is missing: run bash scripts/build.sh wasm" >&2; exit 1; }
done

# A fresh folder each time, so a file dropped from the package does not linger in the tarball.
rm -rf "$STAGE"
mkdir -p "$STAGE"
cp packages/vgen-core/package.json packages/vgen-core/README.md packages/vgen-core/index.mjs \
    packages/vgen-core/index.d.ts web/vgen_core.mjs "$WASM_DIR/vgen_core.js" "$WASM_DIR/vgen_core.wasm" "$STAGE/"
chmod 644 "$STAGE"/*  # the linker marks the .wasm executable; nothing in the package is a program
echo "[npm] staged ${STAGE#"$REPO"/}" >&2

if [[ -n $PACK_DIR ]]; then
    mkdir -p "$PACK_DIR"
    # --json: the tarball's name, whatever the version; nothing is fetched (the package has no
    # dependencies and no scripts).
    name=$(cd "$STAGE" && npm pack --offline --json --pack-destination "$PACK_DIR" \
        | node -e 'let s = ""; process.stdin.on("data", (c) => { s += c; }).on("end", () => console.log(JSON.parse(s)[0].filename));')
    echo "$PACK_DIR/$name"
fi
