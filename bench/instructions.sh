#!/usr/bin/env bash
# Instructions one validation pass over the bench corpus costs, and where they go (issue 15). A
# benchmark, not a test: it measures and asserts nothing. Instruction counts (callgrind) do not
# change with the machine's load, so two builds compare on a busy machine, where payloads/s do not.
#   bash bench/instructions.sh [TOP=25]
# Uses what bench/run.sh built (build/bench: vg_bench_native and corpus.jsonl; run it once first).
# Counts exactly one pass of vg_bench_native's timed loop (vg::apiValidate(payload, dialect, true)
# on every payload; the catalog is loaded by the untimed warm-up before it), then lists the
# functions of the core that pass runs through, by inclusive instructions.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
TOP=${1:-25}
BENCH_DIR=build/bench
[[ -x $BENCH_DIR/vg_bench_native && -f $BENCH_DIR/corpus.jsonl ]] || {
    echo "bench/instructions.sh: run bash bench/run.sh first (it builds $BENCH_DIR)" >&2
    exit 2
}
cmake --build "$BENCH_DIR" --target vg_bench_native -j2 >/dev/null  # the core as it is now
OUT=$BENCH_DIR/callgrind.out
payloads=$(grep -c . "$BENCH_DIR/corpus.jsonl")
# MIN_SECONDS 0, one repetition: the timed loop runs validatePass once.
valgrind --tool=callgrind --callgrind-out-file="$OUT" --collect-atstart=no --toggle-collect='*validatePass*' \
    "$BENCH_DIR/vg_bench_native" "$BENCH_DIR/corpus.jsonl" 0 1 >/dev/null 2>"$BENCH_DIR/callgrind.log"
total=$(grep -oE 'Collected : [0-9]+' "$BENCH_DIR/callgrind.log" | grep -oE '[0-9]+$')
echo "one pass over $payloads payloads: $total instructions, $((total / payloads)) a payload"
echo "by function (inclusive):"
callgrind_annotate --inclusive=yes "$OUT" 2>/dev/null | grep -E '\?\?\?:vg::' |
    sed -E 's/\(anonymous namespace\):: *//g; s/^ *([0-9,]+) +(\([^)]*\)) +\?\?\?:([^(]*).*/  \1 \2  \3/' | head -n "$TOP"
