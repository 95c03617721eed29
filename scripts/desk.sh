#!/usr/bin/env bash
# Sets up the machine, then launches the desk. With no central server in the desk's
# settings it runs in demo mode: the central API starts in-process on loopback with the
# demo catalogue and accounts (canbo01 / demo1234). With a server_url in the settings, or
# --server URL, the same command runs against that central API.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m desk_app "$@"
