#!/usr/bin/env bash
# Sets up, builds, runs every test suite, prints a table of what each step took and ends with one
# line:
#   summary: <passed> passed, <failed> failed
# Steps: lint.sh (flake8, ESLint); the native, wasm and sanitizer builds (build.sh native|wasm|sanitize); ctest (GoogleTest
# core + CLI) on the native build and the core tests again on the sanitizer build (ASan + UBSan, in
# two shards), with ctest of the planted bugs of tests/sanitize it must catch; scripts/fuzz.sh (libFuzzer on every parser of outside
# bytes, bounded time) on the sanitizer build; node --test tests/node/; python unittest (test_*.py
# under tests/, and tests/cli again with the sanitized vgen); tests/browser/run.mjs and every
# tests/browser/*.test.mjs (in VG_BROWSER_LANES lanes, default 2).
# Steps that do not need each other's CPU at the same moment run side by side (see "Schedule"):
# each writes its own log, build/test-logs/<step>.log (kept after the run; a failed step's log is
# also printed). A step that cannot run (its build failed) counts as a failure.
# Exit status: 0 only when nothing failed. VG_BUILD_DIR moves the build folders (default: build).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
REPO=$PWD
BUILD_DIR=${VG_BUILD_DIR:-build}
export VG_NATIVE_DIR=$REPO/$BUILD_DIR/native  # where tests find vgen and libvgcore.so
export VG_WASM_DIR=$REPO/$BUILD_DIR/wasm      # where tests find vgen_core.{js,wasm}
export VGEN=$VG_NATIVE_DIR/vgen               # the CLI tests (tests/cli) take the CLI from here
SANITIZE_DIR=$REPO/$BUILD_DIR/sanitize
# Sanitizers stop at the first report and fail the program (the build adds -fno-sanitize-recover).
# alloc_dealloc_mismatch=0: libstdc++ 12's std::stable_partition takes its temporary buffer with
# operator new and, inlined into clang-14's code, gives it back in a way ASan reports as free();
# both halves are the standard library's, so the check would only flag the toolchain.
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/usr/lib/llvm-14/bin/llvm-symbolizer}
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1:alloc_dealloc_mismatch=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
LOGS=$REPO/$BUILD_DIR/test-logs
rm -rf "$LOGS" && mkdir -p "$LOGS" || exit 2
STATE=$(mktemp -d)  # each background step's exit status and duration
trap 'rm -rf "$STATE"' EXIT

# [SECTION] Steps: start in the background, wait, count -------------------------------------------
declare -A STEP_PID=()
ROWS=()  # "name|passed|failed|seconds" in the order steps finished
total_passed=0
total_failed=0

log_of() { printf '%s/%s.log' "$LOGS" "${1//[^A-Za-z0-9._-]/-}"; }

state_of() { printf '%s/%s' "$STATE" "${1//[^A-Za-z0-9._-]/-}"; }

# run_step NAME COMMAND...: runs COMMAND, its output in NAME's log; keeps its status, its duration and
# its CPU time, so the table shows what each step costs the machine as well as how long it took.
# COMMAND is a program (never a function of this script): it runs under scripts/cpu_time.py, which
# also counts the descendants nobody waited for (a browser suite's Chromium renderers and GPU process).
run_step() {
    local name=$1 begin status cpu_file cpu
    shift
    begin=${EPOCHREALTIME/./}
    cpu_file=$(state_of "$name").cpu
    python3 "$REPO/scripts/cpu_time.py" "$cpu_file" "$@" >"$(log_of "$name")" 2>&1
    status=$?
    cpu=$(cat "$cpu_file" 2>/dev/null)  # seconds with one decimal, "12.3"
    [[ $cpu =~ ^[0-9]+\.[0-9]$ ]] || cpu=0.0
    echo "$status $(((${EPOCHREALTIME/./} - begin) / 100000)) $((10#${cpu/./}))" >"$(state_of "$name")"
}

start() {  # start NAME COMMAND...: run_step in the background
    printf '[test] %s: started\n' "$1"
    run_step "$@" &
    STEP_PID[$1]=$!
}

STATUS=0 TENTHS=0 CPU_TENTHS=0
total_cpu=0  # tenths of a CPU second, every step's added up
finish() {  # finish NAME: waits for NAME; sets STATUS (its exit status), TENTHS (its duration) and CPU_TENTHS
    if [[ -n ${STEP_PID[$1]:-} ]]; then
        wait "${STEP_PID[$1]}"
        unset "STEP_PID[$1]"
    fi
    read -r STATUS TENTHS CPU_TENTHS <"$(state_of "$1")" || { STATUS=1 TENTHS=0 CPU_TENTHS=0; }
}

seconds() { printf '%d.%d' $(($1 / 10)) $(($1 % 10)); }

record() {  # record NAME PASSED FAILED: one row of the table; a failed step's log is printed
    local log
    log=$(log_of "$1")
    printf '[test] %s: %s passed, %s failed in %s s\n' "$1" "$2" "$3" "$(seconds "$TENTHS")"
    ROWS+=("$1|$2|$3|$(seconds "$TENTHS")|$(seconds "$CPU_TENTHS")")
    total_cpu=$((total_cpu + CPU_TENTHS))
    total_passed=$((total_passed + $2))
    total_failed=$((total_failed + $3))
    if (($3 > 0)) && [[ -s $log ]]; then
        echo "---- $1 failed: the last 200 lines of ${log#"$REPO"/} ----"
        tail -n 200 "$log"
        echo "---- end of ${log#"$REPO"/} ----"
    fi
}

build_step() {  # build_step NAME: waits for set-up or a build; 0 when it worked, otherwise records a failure
    finish "$1"
    if ((STATUS == 0)); then
        printf '[test] %s: done in %s s\n' "$1" "$(seconds "$TENTHS")"
        ROWS+=("$1|-|-|$(seconds "$TENTHS")|$(seconds "$CPU_TENTHS")")
        total_cpu=$((total_cpu + CPU_TENTHS))
        return 0
    fi
    record "$1" 0 1
    return 1
}

cannot_run() {  # cannot_run NAME WHY: a step whose build failed counts as one failure
    echo "$2" >"$(log_of "$1")"
    TENTHS=0 CPU_TENTHS=0
    record "$1" 0 1
}

summary() {
    echo "[test] durations: wall time (steps overlap, so they add up to more than the run) and CPU time"
    echo "       (user + system of the step's processes; on two cores the run's CPU is at most twice its wall)"
    printf '  %-42s %7s %7s %9s %9s\n' suite passed failed 'wall s' 'cpu s'
    local row name passed failed secs cpu
    for row in "${ROWS[@]}"; do
        IFS='|' read -r name passed failed secs cpu <<<"$row"
        printf '  %-42s %7s %7s %9s %9s\n' "$name" "$passed" "$failed" "$secs" "$cpu"
    done
    printf '  %-42s %7s %7s %9s %9s\n' "whole run" "$total_passed" "$total_failed" \
        "$(seconds $(((${EPOCHREALTIME/./} - RUN_BEGIN) / 100000)))" "$(seconds "$total_cpu")"
    for row in "${ROWS[@]}"; do
        IFS='|' read -r name passed failed secs cpu <<<"$row"
        printf '%s\t%s\t%s\n' "$name" "$secs" "$cpu"
    done >"$DURATIONS"
    echo "[test] logs: ${LOGS#"$REPO"/}/"
    echo "summary: $total_passed passed, $total_failed failed"
    ((total_failed == 0))
    exit
}

# [SECTION] Counting each runner's results --------------------------------------------------------
last_number() {  # last_number REGEX FILE: the number in the last line matching REGEX, or empty
    grep -aoE "$1" "$2" | tail -n1 | grep -oE '[0-9]+' | tail -n1
}

# Counts for a runner whose format we know only loosely: TAP "# pass N" / "# fail N", node's spec
# "ℹ pass N", or a last line "N passed, M failed"; otherwise its exit status is one result.
record_generic() {  # record_generic NAME LOG (after finish NAME)
    local pass fail cancelled tally
    pass=$(last_number '^(# |ℹ )pass [0-9]+' "$2")
    fail=$(last_number '^(# |ℹ )fail [0-9]+' "$2")
    cancelled=$(last_number '^(# |ℹ )cancelled [0-9]+' "$2")  # e.g. a failed before() hook
    [[ -n $fail ]] && fail=$((fail + ${cancelled:-0}))
    if [[ -z $pass ]]; then
        tally=$(grep -aoE '[0-9]+ passed, [0-9]+ failed' "$2" | tail -n1)
        pass=$(grep -oE '^[0-9]+' <<<"$tally")
        fail=$(grep -oE '[0-9]+ failed' <<<"$tally" | grep -oE '[0-9]+')
    fi
    if [[ -z $pass ]]; then
        if ((STATUS == 0)); then pass=1 fail=0; else pass=0 fail=1; fi
    fi
    fail=${fail:-0}
    ((fail == 0 && STATUS != 0)) && fail=1  # it failed after (or without) printing its counts
    record "$1" "$pass" "$fail"
}

record_ctest() {  # record_ctest NAME (after finish NAME)
    local log out_of failed
    log=$(log_of "$1")
    out_of=$(last_number 'tests failed out of [0-9]+' "$log")
    failed=$(last_number '[0-9]+ tests failed out of' "$log")
    if [[ -z $out_of ]]; then
        record "$1" 0 1
    elif ((STATUS != 0 && failed == 0)); then  # ctest itself failed after running the tests
        record "$1" $((out_of - 1)) 1
    else
        record "$1" $((out_of - failed)) "$failed"
    fi
}

record_gtest() {  # record_gtest NAME (after finish NAME): GoogleTest's own tally (of every shard)
    local log passed failed
    log=$(log_of "$1")
    passed=$(grep -ac '^\[       OK \]' "$log")
    failed=$(grep -aoE '^\[  FAILED  \] [0-9]+ tests?, listed below' "$log" | grep -oE '^\[  FAILED  \] [0-9]+' | grep -oE '[0-9]+' | awk '{ n += $1 } END { print n + 0 }')
    ((failed == 0 && STATUS != 0)) && failed=1  # stopped before its tally (a sanitizer report)
    record "$1" "$passed" "$failed"
}

record_unittest() {  # record_unittest NAME (after finish NAME)
    local log ran bad=0 kind n skipped expected
    log=$(log_of "$1")
    ran=$(last_number '^Ran [0-9]+ test' "$log")
    if [[ -z $ran ]]; then
        record "$1" 0 1
        return
    fi
    # unittest's tally: "FAILED (failures=1, errors=2, skipped=3, expected failures=4, ...)"
    for kind in '[(]failures' errors 'unexpected successes'; do
        n=$(last_number "$kind=[0-9]+" "$log")
        bad=$((bad + ${n:-0}))
    done
    skipped=$(last_number 'skipped=[0-9]+' "$log")
    expected=$(last_number 'expected failures=[0-9]+' "$log")
    ((bad == 0 && STATUS != 0)) && bad=1
    record "$1" $((ran - bad - ${skipped:-0} - ${expected:-0})) "$bad"
}

# [SECTION] What each step runs --------------------------------------------------------------------
CTEST=(ctest --output-on-failure --no-tests=error -j2)  # then --test-dir BUILD_FOLDER
UNITTEST=(python3 -m unittest discover -p 'test_*.py')  # then -s FOLDER (the CLI from $VGEN)
# The browser suites run in VG_BROWSER_LANES lanes (default 2), each starting its own serve.py and
# Chromium: a lane takes the next suite nobody has taken (mkdir is the lock), longest first as the
# last run measured them (build/test-durations.tsv; a suite it did not see goes first), so the
# lanes end close together. Each suite is a step of its own.
BROWSER_LANES=${VG_BROWSER_LANES:-2}
DURATIONS=$REPO/$BUILD_DIR/test-durations.tsv  # "<step>\t<wall s>\t<cpu s>" of the last run, kept for the next
BROWSER_SUITES=()
while IFS= read -r suite; do BROWSER_SUITES+=("$suite"); done < <(
    for suite in tests/browser/run.mjs tests/browser/*.test.mjs; do
        [[ -f $suite ]] || continue
        seconds=$(awk -F'\t' -v step="browser $(basename "$suite")" '$1 == step { print $2 }' "$DURATIONS" 2>/dev/null)
        printf '%s\t%s\n' "${seconds:-999999}" "$suite"
    done | sort -t$'\t' -k1,1 -rn | cut -f2)
browser_step() { printf 'browser %s' "$(basename "$1")"; }
run_browser_lane() {  # run_browser_lane INDEX
    local suite
    for suite in "${BROWSER_SUITES[@]}"; do
        mkdir "$(state_of "claim $suite")" 2>/dev/null || continue  # another lane has it
        run_step "$(browser_step "$suite")" node "$suite"
    done
    mkdir "$(state_of "lane $1 done")"
    if (($(find "$STATE" -maxdepth 1 -name 'lane-*-done' | wc -l) == BROWSER_LANES)); then
        unnice_tree "${STEP_PID[sanitizer build]:-}"
    fi
}
# The sanitizer build runs at nice 10 beside the browser suites, which need the CPU more. Once they
# are done nothing should wait behind it: beside other work at normal priority a nice-10 build gets
# about a tenth of the CPU (beside stress-ng --cpu 2 it took 10 % of each core for its last half),
# so the last lane to finish gives it normal priority back. Lowering a niceness needs root (the
# README's commands run as root); without it the build goes on as it is.
unnice_tree() {  # unnice_tree PID: PID and every process under it to nice 0 (make's next children inherit it)
    [[ -n $1 ]] || return 0
    local pids=("$1") all i
    all=$(ps -e -o pid=,ppid=)
    for ((i = 0; i < ${#pids[@]}; i++)); do
        while read -r child; do pids+=("$child"); done < <(awk -v p="${pids[$i]}" '$2 == p { print $1 }' <<<"$all")
    done
    renice -n 0 -p "${pids[@]}" >/dev/null 2>&1 || true
}
unittest_folders() { find tests -name 'test_*.py' -not -path '*/node_modules/*' -printf '%h\n' | sort -u; }

# [SECTION] Schedule ------------------------------------------------------------------------------
RUN_BEGIN=${EPOCHREALTIME/./}
start set-up bash scripts/setup.sh
build_step set-up || summary

# 1. The native build first, on both cores: nearly every suite needs vgen or libvgcore.so. Beside
#    it, the linters (flake8 for Python, ESLint for JavaScript: seconds of work).
start lint bash scripts/lint.sh
start "native build" bash scripts/build.sh native
build_step "native build" && native_ok=1 || native_ok=0
finish lint && record_generic lint "$(log_of lint)"

# 2. Beside the wasm build (both cores): the suites that need only the native build and mostly
#    wait (servers, ffmpeg renders, child processes), and the sanitizer build at low priority, so
#    that it takes the CPU the others leave without slowing the wasm build the browser suites wait for.
start "wasm build" bash scripts/build.sh wasm
start "sanitizer build" nice -n 10 bash scripts/build.sh sanitize sanitized_tests fuzz_targets
if ((native_ok)); then
    start ctest "${CTEST[@]}" --test-dir "$BUILD_DIR/native"
    while IFS= read -r dir; do start "unittest $dir" "${UNITTEST[@]}" -s "$dir"; done < <(unittest_folders)
fi
build_step "wasm build" && wasm_ok=1 || wasm_ok=0

# 3. The browser suites (in lanes) and node --test, which need both builds.
if ((native_ok && wasm_ok)); then
    echo "[test] browser suites: started (${#BROWSER_SUITES[@]}, in $BROWSER_LANES lanes)"
    BROWSER_LANE_PIDS=()
    for ((lane = 0; lane < BROWSER_LANES; lane++)); do
        run_browser_lane "$lane" &
        BROWSER_LANE_PIDS+=($!)
    done
    start "node --test" node --test --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$LOGS/node.tap" tests/node/
fi
if ((native_ok)); then
    finish ctest && record_ctest ctest
    while IFS= read -r dir; do finish "unittest $dir" && record_unittest "unittest $dir"; done < <(unittest_folders)
else
    cannot_run ctest "the native build failed"
    while IFS= read -r dir; do cannot_run "unittest $dir" "the native build failed"; done < <(unittest_folders)
fi

# 4. On the sanitizer build: the core tests (two GoogleTest shards: cmake/native_targets.cmake), the
#    planted bugs (ctest), the CLI tests with the sanitized vgen, and beside them the fuzzers (built
#    by the step above): this is the end of the run, and the tests alone leave a core idle for half
#    their time (one shard or the CLI tests left).
if build_step "sanitizer build"; then
    # Two shards (GoogleTest's own sharding): one process costs half a core for most of its time.
    start "core tests (sanitizers)" bash scripts/gtest_shards.sh "$SANITIZE_DIR/vg_core_tests" 2
    start "ctest (sanitizers)" "${CTEST[@]}" --test-dir "$SANITIZE_DIR"
    start "unittest tests/cli (sanitizers)" env VGEN="$SANITIZE_DIR/vgen" "${UNITTEST[@]}" -s tests/cli
    # kept crashes replayed, then every target for VG_FUZZ_SECONDS of wall time (60 here, 20 s a
    # target on two cores; fuzz.sh alone takes 180, and longer runs are for a session of their own)
    start fuzz env VG_FUZZ_SECONDS="${VG_FUZZ_SECONDS:-60}" bash scripts/fuzz.sh
    finish "core tests (sanitizers)" && record_gtest "core tests (sanitizers)"
    finish "ctest (sanitizers)" && record_ctest "ctest (sanitizers)"
    finish "unittest tests/cli (sanitizers)" && record_unittest "unittest tests/cli (sanitizers)"
    finish fuzz && record_generic fuzz "$(log_of fuzz)"
else
    cannot_run "core tests (sanitizers)" "the sanitizer build failed"
    cannot_run "ctest (sanitizers)" "the sanitizer build failed"
    cannot_run "unittest tests/cli (sanitizers)" "the sanitizer build failed"
    cannot_run fuzz "the sanitizer build failed"
fi
if ((native_ok && wasm_ok)); then
    finish "node --test" && record_generic "node --test" "$LOGS/node.tap"
    wait "${BROWSER_LANE_PIDS[@]}"
    for suite in "${BROWSER_SUITES[@]}"; do
        finish "$(browser_step "$suite")" && record_generic "$(browser_step "$suite")" "$(log_of "$(browser_step "$suite")")"
    done
else
    cannot_run "node --test" "the node tests need the native and the wasm build, and one failed"
    for suite in "${BROWSER_SUITES[@]}"; do
        cannot_run "$(browser_step "$suite")" "the browser suites need the native and the wasm build, and one failed"
    done
fi

summary
