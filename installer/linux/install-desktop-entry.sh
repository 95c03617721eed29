#!/usr/bin/env bash
# Puts the desk in the applications menu, from the unpacked build folder this script sits in:
#   ./install-desktop-entry.sh            for the current user (~/.local/share)
#   sudo ./install-desktop-entry.sh       for every user of the PC (/usr/local/share)
#   ./install-desktop-entry.sh --remove   takes the entry and icons out again
# The desk's data is not touched (see installer/README.md of the source for where it lives).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
name=one-stop-desk
if [[ $(id -u) -eq 0 ]]; then
  share=/usr/local/share
else
  share=${XDG_DATA_HOME:-$HOME/.local/share}
fi
entry="$share/applications/$name.desktop"
icons="$share/icons/hicolor"

if [[ "${1:-}" == "--remove" ]]; then
  rm -f "$entry" "$icons/scalable/apps/$name.svg" "$icons"/*/apps/"$name.png"
else
  mkdir -p "$share/applications" "$icons/scalable/apps"
  # Exec and TryExec point at this folder's executable: the entry works wherever the tarball was unpacked.
  sed -e "s|^Exec=.*|Exec=\"$here/$name\"|" -e "s|^TryExec=.*|TryExec=$here/$name|" "$here/$name.desktop" >"$entry"
  cp "$here/icons/$name.svg" "$icons/scalable/apps/$name.svg"
  for png in "$here"/icons/"$name"-*.png; do
    size=${png##*-}; size=${size%.png}
    mkdir -p "$icons/${size}x${size}/apps"
    cp "$png" "$icons/${size}x${size}/apps/$name.png"
  done
fi
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true
if [[ "${1:-}" == "--remove" ]]; then echo "Removed $entry"; else echo "Installed $entry"; fi
