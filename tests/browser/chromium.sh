#!/bin/bash
# The Chromium the browser tests launch (tests/browser/harness.mjs launchBrowser): Debian's, with
# Playwright's switches and the harness's on one command line. Chromium keeps only the last
# --disable-features and the last --enable-features it is given, so the harness's list would silently
# replace Playwright's (which keeps routed requests and first paints as its API expects): every
# list of each is merged here into one switch. Everything else passes through unchanged.
#   VG_CHROMIUM_BINARY   the browser to run (default /usr/bin/chromium)
set -euo pipefail

passed=() disabled=() enabled=()
for arg in "$@"; do
    case "$arg" in
        --disable-features=*) [ -n "${arg#*=}" ] && disabled+=("${arg#*=}") ;;
        --enable-features=*) [ -n "${arg#*=}" ] && enabled+=("${arg#*=}") ;;
        *) passed+=("$arg") ;;
    esac
done
joined() { local IFS=,; echo "$*"; }
if [ ${#disabled[@]} -gt 0 ]; then passed+=("--disable-features=$(joined "${disabled[@]}")"); fi
if [ ${#enabled[@]} -gt 0 ]; then passed+=("--enable-features=$(joined "${enabled[@]}")"); fi
exec "${VG_CHROMIUM_BINARY:-/usr/bin/chromium}" "${passed[@]}"
