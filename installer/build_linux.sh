#!/usr/bin/env bash
# Builds the desk's Linux one-folder build (PyInstaller) and packs it:
#   installer/build_linux.sh              dist/one-stop-desk/ and dist/one-stop-desk-<version>-linux-<arch>.tar.gz
#   installer/build_linux.sh --self-test  the same, then starts the built desk offscreen with --self-test and
#                                         prints one JSON line: the build's sizes and times, and the self-test's
# Work files go to build/ (PyInstaller's under build/pyinstaller). Run as root on Debian/Ubuntu, it installs the
# Debian packages the build needs, as scripts/setup.sh does for the desk's own.
set -euo pipefail
cd "$(dirname "$0")/.."

self_test=0
case "${1:-}" in
  --self-test) self_test=1 ;;
  "") ;;
  *) echo "usage: $0 [--self-test]" >&2; exit 2 ;;
esac

# binutils: objdump, without which PyInstaller will not run on Linux (it tells binaries from
# data with it), and strip (below).
# desktop-file-utils: desktop-file-validate checks the menu entry.
build_packages=(binutils desktop-file-utils)
source scripts/debian_packages.sh
install_debian_packages "${build_packages[@]}"
command -v objdump >/dev/null || { echo "objdump is missing: install binutils" >&2; exit 1; }

bash scripts/setup.sh
# Debian's python3 is linked statically; PyInstaller needs the shared libpython beside it,
# which Debian packages apart.
if [[ $(.venv/bin/python -c 'import sys; print(sys.base_prefix)') == /usr ]]; then
  install_debian_packages "libpython3.$(.venv/bin/python -c 'import sys; print(sys.version_info.minor)')"
fi
mkdir -p build
# The build extra (PyInstaller and its hooks), installed again only when pyproject.toml changed.
stamp=".venv/.installed-build-$(sha256sum pyproject.toml | cut -c1-16)"
if [[ ! -f "$stamp" ]]; then
  # setuptools' notes on editable installs are noise here; shown only when the install fails.
  .venv/bin/python -m pip install -q -e ".[build]" 2>build/pip-build-extra.log || { cat build/pip-build-extra.log >&2; exit 1; }
  rm -f .venv/.installed-build-*
  touch "$stamp"
fi

version=$(.venv/bin/python -c "import desk_app; print(desk_app.__version__)")
arch=$(uname -m)
name=one-stop-desk
folder="dist/$name"
tarball="dist/$name-$version-linux-$arch.tar.gz"

started=$(date +%s.%N)
rm -rf "$folder" "$tarball"
.venv/bin/python -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  "installer/$name.spec"
# Python's own library carries its debugging symbols (17 of its 23 MB). Only this one file is
# stripped: strip can damage the wheels' libraries that auditwheel patched (numpy.libs, cv2...).
strip --strip-unneeded "$folder"/_internal/libpython3*.so*

# The menu entry and its icon, beside the executable; install-desktop-entry.sh puts them in the menu.
cp installer/linux/$name.desktop installer/linux/install-desktop-entry.sh "$folder/"
chmod +x "$folder/install-desktop-entry.sh"
mkdir -p "$folder/icons"
cp resources/icons/app.svg "$folder/icons/$name.svg"
cp build/icons/$name-*.png "$folder/icons/"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$folder/$name.desktop"
fi
tar -C dist -czf "$tarball" "$name"
built=$(date +%s.%N)
echo "Built $folder and $tarball" >&2

if ((self_test)); then
  report=build/self-test-report.json
  rm -f "$report"
  # The desk keeps nothing: the self-test works in a temporary folder and a keyring of its own in memory.
  if ! QT_QPA_PLATFORM=offscreen "$folder/$name" --self-test "$report" 2>build/self-test-stderr.txt; then
    cat build/self-test-stderr.txt >&2
    [[ -f "$report" ]] && cat "$report" >&2
    echo "The built desk failed its self-test." >&2
    exit 1
  fi
  tested=$(date +%s.%N)
  .venv/bin/python - "$folder" "$tarball" "$report" "$started" "$built" "$tested" "$version" <<'EOF'
import json
import sys
from pathlib import Path

folder, tarball, report, started, built, tested, version = sys.argv[1:]
size = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file() and not p.is_symlink())
print(json.dumps({
    "build": "one-stop-desk", "version": version,
    "folder_mb": round(size / 1e6, 1), "tarball_mb": round(Path(tarball).stat().st_size / 1e6, 1),
    "build_s": round(float(built) - float(started), 1), "self_test_s": round(float(tested) - float(built), 1),
    "self_test": json.loads(Path(report).read_text(encoding="utf-8")),
}, ensure_ascii=False))
EOF
fi
