#!/usr/bin/env bash
# Sets up the machine, then runs the whole test suite (Qt offscreen; PostgreSQL tests
# run where a server answers on 127.0.0.1:5432 and are skipped elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
