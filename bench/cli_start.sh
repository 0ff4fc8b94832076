#!/usr/bin/env bash
# What one `vgen validate` process costs from start to exit (issue 15). A benchmark, not a test:
# it measures and prints, and asserts nothing about speed.
#   bash bench/cli_start.sh [RUNS=201]
#   VGEN=build/mine/vgen bash bench/cli_start.sh      another vgen (default: build/native/vgen, built if missing)
# Times, as one process each, run after run in turn (so a noisy moment hits every command alike):
#   /bin/true                          what starting any process costs here (the floor)
#   vgen limits                        vgen's own start: loading, relocations, static initializers; no catalog
#   vgen validate SMALL                one small request: the start, the catalog, reading, validating, printing
# and then `vgen validate DIR` over 10,000 small files in one process. It prints the median wall
# time of each (with the quartiles and the CPU time of the median run's process) and the command.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${1:-201}
VGEN=$(realpath -m "${VGEN:-build/native/vgen}")
if [[ ! -x $VGEN ]]; then
    cmake -S . -B build/native >/dev/null
    cmake --build build/native --target vgen -j2 >/dev/null
fi

python3 - "$VGEN" "$RUNS" <<'PY'
import os, shutil, statistics, subprocess, sys, tempfile, time

vgen, runs = sys.argv[1], int(sys.argv[2])
small = "tests/cases/aisdk_kling26_voice_seed001.json"  # a valid 300-byte Kling image-to-video request


def timed(command):
    """Wall ms from spawn to reaped exit, and the child's CPU ms (user + system)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"cli_start: {' '.join(command)} ended with {os.waitstatus_to_exitcode(status)}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def report(label, command, samples):
    walls = sorted(wall for wall, _ in samples)
    quartiles = statistics.quantiles(walls, n=4)
    cpu = statistics.median(cpu for _, cpu in samples)
    print(f"{label:<26} median {statistics.median(walls):7.2f} ms wall  (quartiles {quartiles[0]:.2f} .. "
          f"{quartiles[2]:.2f}, CPU {cpu:.2f} ms)   {' '.join(command)}")


commands = {
    "/bin/true": ["/bin/true"],
    "vgen limits": [vgen, "limits"],
    "vgen validate (1 small)": [vgen, "validate", small],
}
samples = {label: [] for label in commands}
for run in range(runs + 3):  # three untimed rounds first: page cache, CPU frequency
    for label, command in commands.items():
        measured = timed(command)
        if run >= 3:
            samples[label].append(measured)

print(f"median of {runs} runs each, interleaved; load average {os.getloadavg()[0]:.2f}; {os.cpu_count()} CPUs")
for label, command in commands.items():
    report(label, command, samples[label])

# 10,000 small files in one call: a folder of copies of the same request (vgen reads every *.json).
folder = tempfile.mkdtemp(prefix="vgen-cli-start-")
try:
    with open(small, "rb") as source:
        text = source.read()
    for index in range(10000):
        with open(os.path.join(folder, f"request_{index:05d}.json"), "wb") as copy:
            copy.write(text)
    many = [vgen, "validate", folder]
    repeats = 7
    timed(many)  # untimed: the files into the page cache
    report("vgen validate (10,000)", many, [timed(many) for _ in range(repeats)])
    print(f"  (10,000 files: median of {repeats} runs)")
finally:
    shutil.rmtree(folder)
PY
