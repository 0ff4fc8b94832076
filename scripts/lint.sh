#!/usr/bin/env bash
# Lints the project's own Python (flake8, rules in .flake8) and JavaScript (ESLint, rules in
# eslint.config.mjs); both come from scripts/setup.sh (Debian's flake8, eslint from npm).
#   bash scripts/lint.sh            every linter
#   bash scripts/lint.sh python|js  one of them
# Prints each finding as file:line:column, then one line per linter and a last line
# "lint: N passed, M failed" (one count per linter). Exit status: 0 only when nothing was found.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
PYTHON_PATHS=(serve.py gateway tests scripts bench)
JS_PATHS=(web packages tests bench scripts)

passed=0
failed=0
result() {  # result LINTER STATUS
    if (($2 == 0)); then
        echo "[lint] $1: no findings"
        passed=$((passed + 1))
    else
        echo "[lint] $1: findings above (exit status $2)"
        failed=$((failed + 1))
    fi
}

lint_python() {
    if ! command -v flake8 >/dev/null; then
        echo "[lint] flake8 is not installed: run 'bash scripts/setup.sh' (Debian package flake8)" >&2
        result flake8 127
        return
    fi
    flake8 "${PYTHON_PATHS[@]}"
    result flake8 $?
}

lint_js() {
    local eslint=node_modules/.bin/eslint
    if [[ ! -x $eslint ]]; then
        echo "[lint] $eslint is missing: run 'bash scripts/setup.sh' (npm devDependency eslint)" >&2
        result eslint 127
        return
    fi
    # A folder without JavaScript (scripts/ today) is not an error.
    "$eslint" --no-error-on-unmatched-pattern "${JS_PATHS[@]}"
    result eslint $?
}

case ${1:-all} in
    python) lint_python ;;
    js) lint_js ;;
    all) lint_python; lint_js ;;
    *) echo "usage: bash scripts/lint.sh [python|js]" >&2; exit 2 ;;
esac
echo "lint: $passed passed, $failed failed"
((failed == 0))
