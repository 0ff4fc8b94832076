#!/usr/bin/env bash
# Sets up, builds native + wasm, runs every test suite and ends with one line:
#   summary: <passed> passed, <failed> failed
# Suites: ctest (GoogleTest core + CLI), scripts/fuzz.sh (libFuzzer on every parser of outside
# bytes, bounded time), node --test tests/node/, python unittest (test_*.py under tests/),
# tests/browser/run.mjs. A suite that cannot run (its build failed) counts as a failure.
# Exit status: 0 only when nothing failed. VG_BUILD_DIR moves the build folders (default: build).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
REPO=$PWD
BUILD_DIR=${VG_BUILD_DIR:-build}
export VG_NATIVE_DIR=$REPO/$BUILD_DIR/native  # where tests find vgen and libvgcore.so
export VG_WASM_DIR=$REPO/$BUILD_DIR/wasm      # where tests find vgen_core.{js,wasm}
export VGEN=$VG_NATIVE_DIR/vgen               # the CLI tests (tests/cli) take the CLI from here
LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"' EXIT

total_passed=0
total_failed=0
record() {  # record SUITE PASSED FAILED
    printf '[test] %s: %d passed, %d failed\n' "$1" "$2" "$3"
    total_passed=$((total_passed + $2))
    total_failed=$((total_failed + $3))
}
finish() {
    echo "summary: $total_passed passed, $total_failed failed"
    ((total_failed == 0))
    exit
}
last_number() {  # last_number REGEX FILE: the number in the last line matching REGEX, or empty
    grep -aoE "$1" "$2" | tail -n1 | grep -oE '[0-9]+' | tail -n1
}

# Counts for a runner whose format we know only loosely: TAP "# pass N" / "# fail N", node's spec
# "ℹ pass N", or a last line "N passed, M failed"; otherwise its exit status is one result.
record_generic() {  # record_generic SUITE LOG STATUS
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
        if (($3 == 0)); then pass=1 fail=0; else pass=0 fail=1; fi
    fi
    fail=${fail:-0}
    ((fail == 0 && $3 != 0)) && fail=1  # it failed after (or without) printing its counts
    record "$1" "$pass" "$fail"
}

echo "[test] set-up"
if ! bash scripts/setup.sh; then
    record "set-up" 0 1
    finish
fi

# ---- native: build, then ctest ----------------------------------------------------------------
if bash scripts/build.sh native; then
    ctest --test-dir "$BUILD_DIR/native" --output-on-failure --no-tests=error -j2 2>&1 | tee "$LOGS/ctest.log"
    status=${PIPESTATUS[0]}
    out_of=$(last_number 'tests failed out of [0-9]+' "$LOGS/ctest.log")
    failed=$(last_number '[0-9]+ tests failed out of' "$LOGS/ctest.log")
    if [[ -z $out_of ]]; then
        record ctest 0 1
    elif ((status != 0 && failed == 0)); then  # ctest itself failed after running the tests
        record ctest $((out_of - 1)) 1
    else
        record ctest $((out_of - failed)) "$failed"
    fi
else
    record "native build" 0 1
fi

# ---- fuzzing: kept crashes replayed, then every target for a bounded time (VG_FUZZ_SECONDS) -----
bash scripts/fuzz.sh 2>&1 | tee "$LOGS/fuzz.log"
record_generic "fuzz" "$LOGS/fuzz.log" "${PIPESTATUS[0]}"

# ---- wasm build -------------------------------------------------------------------------------
bash scripts/build.sh wasm || record "wasm build" 0 1

# ---- node tests (headless WASM module, parity with the CLI, layering) ----------------------
node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$LOGS/node.tap" tests/node/
record_generic "node --test" "$LOGS/node.tap" $?

# ---- python unittest (CLI tests): every folder holding test_*.py ------------------------------
while IFS= read -r dir; do
    python3 -m unittest discover -s "$dir" -p 'test_*.py' 2>&1 | tee "$LOGS/unittest.log"
    status=${PIPESTATUS[0]}
    ran=$(last_number '^Ran [0-9]+ test' "$LOGS/unittest.log")
    if [[ -z $ran ]]; then
        record "unittest $dir" 0 1
        continue
    fi
    bad=0  # unittest's tally: "FAILED (failures=1, errors=2, skipped=3, expected failures=4, ...)"
    for kind in '[(]failures' errors 'unexpected successes'; do
        n=$(last_number "$kind=[0-9]+" "$LOGS/unittest.log")
        bad=$((bad + ${n:-0}))
    done
    skipped=$(last_number 'skipped=[0-9]+' "$LOGS/unittest.log")
    expected=$(last_number 'expected failures=[0-9]+' "$LOGS/unittest.log")
    ((bad == 0 && status != 0)) && bad=1
    record "unittest $dir" $((ran - bad - ${skipped:-0} - ${expected:-0})) "$bad"
done < <(find tests -name 'test_*.py' -not -path '*/node_modules/*' -printf '%h\n' | sort -u)

# ---- browser tests (the playground in headless Chromium) --------------------------------------
# run.mjs drives the playground; every *.test.mjs beside it is a suite of its own (embed.js ...).
for suite in tests/browser/run.mjs tests/browser/*.test.mjs; do
    [[ -f $suite ]] || continue
    node "$suite" 2>&1 | tee "$LOGS/browser.log"
    record_generic "browser $(basename "$suite")" "$LOGS/browser.log" "${PIPESTATUS[0]}"
done

finish
