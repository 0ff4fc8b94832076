#!/usr/bin/env bash
# What a big inline image costs the core (not a test: nothing here asserts on speed).
#   bash bench/big_request.sh [RUNS=21]
#   VG_BENCH_DIR=build/native bash bench/big_request.sh     reuse another Release build folder
# Builds vgen and vg_bench_big_request in build/bench (Release), writes build/bench/big/small.json
# and big.json (the same Kling image-to-video request, image by URL / 8.7 MB of inline base64),
# then prints the per-call medians of the core functions the playground calls on an edit, and the
# median time of RUNS `vgen validate` processes on each and their difference: CPU time (user +
# system, what the process itself costs however busy the machine is) and wall time.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BENCH_DIR=$(realpath -m "${VG_BENCH_DIR:-build/bench}")
OUT_DIR=$BENCH_DIR/big
RUNS=${1:-21}

cmake -S . -B "$BENCH_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BENCH_DIR" --target vgen vg_bench_big_request -j2 >/dev/null
mkdir -p "$OUT_DIR"
"$BENCH_DIR/vg_bench_big_request" "$OUT_DIR" "$RUNS"

# One process per run, as a user runs it; the median of RUNS (one untimed run first).
python3 - "$BENCH_DIR/vgen" "$OUT_DIR" "$RUNS" <<'PY'
import os, statistics, subprocess, sys, time
vgen, out_dir, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def median_ms(path):
    cpu, wall = [], []
    for run in range(runs + 1):
        start = time.perf_counter()
        child = subprocess.Popen([vgen, "validate", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(child.pid, 0)
        if run:
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((usage.ru_utime + usage.ru_stime) * 1000)
    return statistics.median(cpu), statistics.median(wall)
(small_cpu, small_wall), (big_cpu, big_wall) = median_ms(f"{out_dir}/small.json"), median_ms(f"{out_dir}/big.json")
print(f"vgen validate CPU:  small {small_cpu:.1f} ms, big {big_cpu:.1f} ms, big-small {big_cpu - small_cpu:.1f} ms (median of {runs})")
print(f"vgen validate wall: small {small_wall:.1f} ms, big {big_wall:.1f} ms, big-small {big_wall - small_wall:.1f} ms")
PY
