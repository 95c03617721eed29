#!/usr/bin/env bash
# Sets up a fresh machine for the desk: Debian libraries Qt needs (when run as root on
# Debian/Ubuntu), a virtual environment in .venv, and the project with its extras.
#   scripts/setup.sh            desk + embedded central API (demo)
#   scripts/setup.sh --test     everything the test suite needs as well
set -euo pipefail
cd "$(dirname "$0")/.."

extras="central"
system_packages=(
  # Qt's xcb platform plugin and its friends
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcomposite1 libxrandr2 libxdamage1 libxtst6 libxi6
  # QtMultimedia (camera, sound) and printing
  libpulse0 libasound2 libnss3 libcups2 libpipewire-0.3-0
  # Fonts with full Vietnamese coverage for the UI
  fonts-dejavu-core fonts-liberation2
)
if [[ "${1:-}" == "--test" ]]; then
  extras="test"
  # A virtual screen for screenshots, and pdftoppm to look at rendered PDFs.
  system_packages+=(xvfb xauth poppler-utils)
fi

source scripts/debian_packages.sh
install_debian_packages "${system_packages[@]}"

python=${PYTHON:-python3}
# Debian's own Python makes virtual environments only with python3-venv (ensurepip).
if ! command -v "$python" >/dev/null 2>&1; then
  install_debian_packages python3 python3-venv
elif ! "$python" -c "import ensurepip, venv" >/dev/null 2>&1; then
  install_debian_packages python3-venv
fi
if [[ ! -x .venv/bin/python ]]; then
  "$python" -m venv .venv
fi
# Reinstall only when the dependency list changed: pip itself takes seconds even with nothing to do.
stamp=".venv/.installed-$extras-$(sha256sum pyproject.toml | cut -c1-16)"
if [[ ! -f "$stamp" ]]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[$extras]"
  rm -f .venv/.installed-"$extras"-*
  touch "$stamp"
fi
