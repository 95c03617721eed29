"""Renders the desk's icon (resources/icons/app.svg) for the builds, with the same Qt SVG
renderer the desk draws it with:

    python installer/render_icon.py OUT_DIR

writes OUT_DIR/one-stop-desk-<size>.png (16 to 256 px: the Linux menus and the hicolor
theme want bitmaps next to the SVG) and OUT_DIR/one-stop-desk.ico (every size in one file:
the Windows executable, its shortcuts and the installer).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "app.svg"
NAME = "one-stop-desk"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication, QIcon

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    icon = QIcon(str(SOURCE))
    if icon.isNull():
        raise SystemExit(f"{SOURCE} could not be read (is Qt's SVG plugin installed?)")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        path = out_dir / f"{NAME}-{size}.png"
        if not icon.pixmap(QSize(size, size)).save(str(path), "PNG"):
            raise SystemExit(f"{path} could not be written")
        written.append(path)
    largest = Image.open(out_dir / f"{NAME}-{SIZES[-1]}.png")
    ico = out_dir / f"{NAME}.ico"
    # Pillow scales the largest picture down for each size of the ICO.
    largest.save(ico, format="ICO", sizes=[(size, size) for size in SIZES])
    written.append(ico)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for path in render(Path(sys.argv[1])):
        print(path)
