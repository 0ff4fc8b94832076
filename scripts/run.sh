#!/usr/bin/env bash
# Sets up, builds native + wasm, then starts the playground: bash scripts/run.sh [serve.py options]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
bash scripts/build.sh all
exec python3 serve.py "$@"
