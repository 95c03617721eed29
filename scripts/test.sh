#!/usr/bin/env bash
# Sets up the machine, then runs the whole test suite (Qt offscreen; PostgreSQL tests
# run where a server answers on 127.0.0.1:5432 and are skipped elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
# Two processes where the machine has two cores (7.8 min instead of 14 on the CI machine);
# "-n 0" in the arguments runs everything in this one process instead.
exec .venv/bin/python -m pytest -n auto --maxprocesses=2 "$@"
