"""The desk's icons: SVG files under resources/icons, drawn by Qt's SVG plugin."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QIcon

from desk_app.paths import RESOURCES_DIR

ICONS_DIR = RESOURCES_DIR / "icons"


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """``icon("send-now")`` → resources/icons/send-now.svg; an empty icon if the file is missing."""
    path = ICONS_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
