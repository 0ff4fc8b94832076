#!/usr/bin/env bash
# Sets up, builds native + wasm, then starts the playground: bash scripts/run.sh [serve.py options]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
VG_TEST_HOOKS=OFF bash scripts/build.sh all  # site/ only: the browser tests' page is not served
exec python3 serve.py "$@"
