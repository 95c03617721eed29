"""Large-text mode: the whole desk in bigger type, for officers (and citizens reading along
at the counter) who need it. The application font is scaled from the size the desk
started with, so switching back gives exactly the original."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

LARGE_SCALE = 1.3
_BASE_POINT_SIZE = "deskBasePointSize"


def apply_text_size(app: QApplication, large: bool) -> None:
    base = app.property(_BASE_POINT_SIZE)
    if base is None:
        base = app.font().pointSizeF()
        app.setProperty(_BASE_POINT_SIZE, base)
    font = app.font()
    font.setPointSizeF(round(float(base) * (LARGE_SCALE if large else 1.0), 1))
    app.setFont(font)
