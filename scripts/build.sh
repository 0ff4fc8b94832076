#!/usr/bin/env bash
# Builds (after scripts/setup.sh): `build.sh` = native + wasm, `build.sh native`, `build.sh wasm`,
# `build.sh sanitize [TARGET...]` (every target, or only those named).
#   native:   build/native (vgen CLI, libvgcore.so, tests, benchmark)
#   wasm:     build/wasm (headless module vgen_core.{js,wasm} and its npm package staged in
#             npm/vgen-core/ by scripts/npm_package.sh, the playground in site/, and the browser
#             tests' page in site-test/ with ImGui's test hooks; VG_TEST_HOOKS=OFF builds site/ only)
#   sanitize: build/sanitize (clang-14, ASan + UBSan: vgen, libvgcore.so, the core tests, the
#             libFuzzer targets of scripts/fuzz.sh and the planted bugs of tests/sanitize)
# VG_BUILD_DIR (default: build) moves them all, e.g. to keep a private build next to the shared one.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$PWD
BUILD_DIR=${VG_BUILD_DIR:-build}
JOBS=${VG_JOBS:-2}
# Debian's emcc needs acorn and friends from Debian's node modules for its JS optimizer.
export NODE_PATH=/usr/share/nodejs

build_native() {
    echo "[build] native -> $BUILD_DIR/native"
    cmake -S . -B "$BUILD_DIR/native" >/dev/null
    cmake --build "$BUILD_DIR/native" -j"$JOBS"
}

build_wasm() {
    echo "[build] wasm -> $BUILD_DIR/wasm"
    # IMGUI_DIR (env) points the playground at another ImGui checkout; otherwise the cache keeps
    # its value (default: third_party/imgui-1.92.2b from setup.sh).
    emcmake cmake -S . -B "$BUILD_DIR/wasm" -DVG_NLOHMANN_INCLUDE_DIR="$REPO/build/include-wasm" \
        -DVG_TEST_HOOKS="${VG_TEST_HOOKS:-ON}" ${IMGUI_DIR:+-DIMGUI_DIR="$IMGUI_DIR"} >/dev/null
    cmake --build "$BUILD_DIR/wasm" -j"$JOBS"
    VG_WASM_DIR="$BUILD_DIR/wasm" bash scripts/npm_package.sh
}

build_sanitize() {  # build_sanitize [TARGET...]
    echo "[build] sanitize -> $BUILD_DIR/sanitize"
    CC=clang-14 CXX=clang++-14 cmake -S . -B "$BUILD_DIR/sanitize" -DVG_SANITIZE=ON >/dev/null
    cmake --build "$BUILD_DIR/sanitize" -j"$JOBS" ${1:+--target "$@"}
}

case ${1:-all} in
    native) build_native ;;
    wasm) build_wasm ;;
    sanitize) shift; build_sanitize "$@" ;;
    all) build_native && build_wasm ;;
    *) echo "usage: bash scripts/build.sh [native|wasm|sanitize [TARGET...]|all]" >&2; exit 2 ;;
esac
