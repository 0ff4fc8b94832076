#!/usr/bin/env bash
# One idempotent set-up for a fresh Debian 12 machine, run as root from the clone:
#   Debian packages, Dear ImGui 1.92.2b source (third_party/, ignored), build/include-wasm (the
#   nlohmann-only include folder the wasm build needs), npm packages for the tests and the wasm
#   build's Closure Compiler.
# Each step checks first and does nothing when its result is already there, so a second run
# takes a few seconds. build.sh, run.sh and test.sh call it first.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$PWD
# Dear ImGui 1.92 (dynamic font atlas: glyphs are drawn into the atlas the first time text needs
# them) is in Debian's testing and unstable, not in Debian 12: its source package's upstream tarball,
# from Debian's archive, checked against the checksum Debian's Sources index gives for it.
IMGUI_VERSION=1.92.2b
IMGUI_DEBIAN_ORIG=imgui_1.92.2b+ds.orig.tar.xz
IMGUI_DEBIAN_SHA256=e7bd201d56b5ee90d24d5dac85e5c12f98bdb95410252a62d27b7f89e4566d48
IMGUI_DEBIAN_POOL=${VG_DEBIAN_POOL:-http://deb.debian.org/debian}/pool/main/i/imgui
IMGUI_DIR=$REPO/third_party/imgui-$IMGUI_VERSION

step() { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }
need_root() {
    [[ $EUID -eq 0 ]] || fail "$1 needs root: run 'sudo bash scripts/setup.sh' (or run as root)"
}

# ---- Debian packages -------------------------------------------------------------------------
# build-essential/cmake: native build; emscripten: wasm build; nlohmann-json3-dev: JSON in the core;
# libgtest-dev/libgmock-dev: core tests; fonts-dejavu-core: the page's font and the renders'
# captions; fonts-noto-cjk, fonts-symbola: the page's Chinese/Japanese/Korean and emoji font slices;
# ffmpeg + espeak-ng:
# serve.py's gateway renders videos and their speech; chromium: browser tests; python3: serve.py
# and CLI tests; git: the clone; ca-certificates/xz-utils: download and unpack the ImGui source;
# clang-14/libclang-rt-14-dev (libFuzzer, ASan, UBSan)/llvm-14 (llvm-symbolizer):
# scripts/fuzz.sh; flake8: scripts/lint.sh (Python; ESLint comes from npm below); fonttools
# (pyftsubset): the page's fonts cut to the characters the app draws; brotli: the site's files
# compressed at build time (serve.py sends .br and .gz as the browser asks); python3-yaml: the CLI
# tests read .pre-commit-hooks.yaml as pre-commit does; curl: tests/serve/test_snippets.py runs the
# copied cURL snippet with it; valgrind: bench/instructions.sh counts a validation pass's instructions.
PACKAGES=(build-essential cmake emscripten nlohmann-json3-dev libgtest-dev libgmock-dev
          fonts-dejavu-core fonts-noto-cjk fonts-symbola ffmpeg espeak-ng chromium python3 git ca-certificates xz-utils
          clang-14 libclang-rt-14-dev llvm-14 flake8 fonttools brotli python3-yaml curl valgrind)
# node and npm: keep whatever node the machine has (e.g. node 20 from NodeSource, which bundles
# npm and conflicts with Debian's npm package); install Debian's only when node is absent.
if ! command -v node >/dev/null; then
    PACKAGES+=(nodejs npm)
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
    need_root "installing ${missing[*]}"
    step "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q || fail "apt-get update failed: check the network and /etc/apt/sources.list.d"
    apt-get install -y -q --no-install-recommends "${missing[@]}" \
        || fail "apt-get install ${missing[*]} failed (see above)"
else
    step "Debian packages: all ${#PACKAGES[@]} present"
fi
command -v npm >/dev/null || fail "node is installed but npm is not: install npm for this node"

# ---- Dear ImGui source, from Debian's source archive (never vendored) -------------------------
# Debian's libimgui-dev is a native static library, useless for WASM; the source package is not.
# Users with their own checkout pass -DIMGUI_DIR=... to cmake instead. When Debian's pool no longer
# holds this version, snapshot.debian.org does: VG_DEBIAN_POOL=https://snapshot.debian.org/archive/debian/<date>.
if [[ -f $IMGUI_DIR/imgui.cpp && -f $IMGUI_DIR/backends/imgui_impl_glfw.cpp ]]; then
    step "ImGui $IMGUI_VERSION source: present in ${IMGUI_DIR#"$REPO"/}"
else
    step "downloading Debian's imgui $IMGUI_VERSION source ($IMGUI_DEBIAN_ORIG)"
    download=$REPO/build/imgui-source
    rm -rf "$download" && mkdir -p "$download" "$REPO/third_party"
    curl -fsSL --retry 3 -o "$download/$IMGUI_DEBIAN_ORIG" "$IMGUI_DEBIAN_POOL/$IMGUI_DEBIAN_ORIG" \
        || fail "downloading $IMGUI_DEBIAN_POOL/$IMGUI_DEBIAN_ORIG failed: is deb.debian.org reachable? (VG_DEBIAN_POOL picks another mirror)"
    echo "$IMGUI_DEBIAN_SHA256  $download/$IMGUI_DEBIAN_ORIG" | sha256sum -c --quiet - \
        || fail "$IMGUI_DEBIAN_ORIG does not have the checksum Debian publishes for it ($IMGUI_DEBIAN_SHA256)"
    tar -xf "$download/$IMGUI_DEBIAN_ORIG" -C "$REPO/third_party"
    [[ -f $IMGUI_DIR/imgui.cpp ]] || fail "unpacking $IMGUI_DEBIAN_ORIG did not give $IMGUI_DIR/imgui.cpp"
    rm -rf "$download"
    step "ImGui $IMGUI_VERSION source: unpacked into ${IMGUI_DIR#"$REPO"/}"
fi

# ---- nlohmann include folder for Emscripten ---------------------------------------------------
# -I/usr/include would make emcc pick up glibc headers, so the wasm build gets a folder that
# holds only a link to nlohmann (passed as -DVG_NLOHMANN_INCLUDE_DIR).
[[ -f /usr/include/nlohmann/json.hpp ]] || fail "/usr/include/nlohmann/json.hpp missing: apt-get install nlohmann-json3-dev"
mkdir -p "$REPO/build/include-wasm"
if [[ $(readlink "$REPO/build/include-wasm/nlohmann" || true) != /usr/include/nlohmann ]]; then
    ln -sfn /usr/include/nlohmann "$REPO/build/include-wasm/nlohmann"
    step "linked build/include-wasm/nlohmann -> /usr/include/nlohmann"
else
    step "build/include-wasm/nlohmann: present"
fi

# ---- npm packages for the tests, the lints and the wasm build (playwright-core, eslint, Closure...) ----
# A stamp holding the hash of package.json + package-lock.json tells whether node_modules matches.
stamp=$REPO/node_modules/.vg-installed
wanted=$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
    step "npm packages: up to date with the lock"
else
    if [[ -f package-lock.json ]]; then
        step "npm ci"
        npm ci --no-audit --no-fund || fail "npm ci failed: is registry.npmjs.org reachable?"
    else
        step "npm install (no package-lock.json yet)"
        npm install --no-audit --no-fund || fail "npm install failed: is registry.npmjs.org reachable?"
        wanted=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
    fi
    echo "$wanted" > "$stamp"
fi

step "done"
