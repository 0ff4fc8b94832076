#!/usr/bin/env bash
# Validation throughput benchmark (not a test: nothing here asserts on speed). Builds what it needs,
# generates the corpus, times native, WASM-in-node and Ajv on it, prints the table and writes
# build/bench/results.json. See bench/README.md.
#   bash bench/run.sh [MIN_SECONDS=1] [REPETITIONS=5]
#   native: build/bench (Release: vg_bench_corpus, vg_bench_native)
#   wasm:   build/wasm-bench (the headless module, configured as scripts/build.sh configures build/wasm)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$PWD
BENCH_DIR=$REPO/build/bench
WASM_DIR=$REPO/build/wasm-bench
MIN_SECONDS=${1:-1}
REPETITIONS=${2:-5}
# Debian's emcc needs acorn and friends from Debian's node modules for its JS optimizer.
export NODE_PATH=/usr/share/nodejs

step() { printf '[bench] %s\n' "$*"; }

# Packages, build/include-wasm (nlohmann for emcc) and node_modules (ajv); fast when present.
bash scripts/setup.sh

step "native build -> ${BENCH_DIR#$REPO/}"
cmake -S . -B "$BENCH_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BENCH_DIR" --target vg_bench_corpus vg_bench_native -j2

step "wasm build (headless module only) -> ${WASM_DIR#$REPO/}"
emcmake cmake -S . -B "$WASM_DIR" -DVG_NLOHMANN_INCLUDE_DIR="$REPO/build/include-wasm" >/dev/null
cmake --build "$WASM_DIR" --target vgen_core -j2

step "corpus"
"$BENCH_DIR/vg_bench_corpus" "$BENCH_DIR"

step "native: >= $MIN_SECONDS s x $REPETITIONS repetitions"
"$BENCH_DIR/vg_bench_native" "$BENCH_DIR/corpus.jsonl" "$MIN_SECONDS" "$REPETITIONS" > "$BENCH_DIR/native.json"

step "wasm in node and ajv: >= $MIN_SECONDS s x $REPETITIONS repetitions each"
node bench/bench_node.mjs "$BENCH_DIR" "$WASM_DIR" "$MIN_SECONDS" "$REPETITIONS"
