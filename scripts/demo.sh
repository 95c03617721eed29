#!/usr/bin/env bash
# Sets up the machine, then launches the desk in demo mode: the central API runs
# in-process on loopback with the demo catalogue and accounts (password demo1234).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m desk_app --demo "$@"
