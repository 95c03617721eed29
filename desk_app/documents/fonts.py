"""The serif family official documents are set in.

Nghị định 30/2020/NĐ-CP asks for Times New Roman; Liberation Serif has the same metrics,
covers every Vietnamese letter and may be embedded (SIL OFL 1.1, licence beside the files).
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desk_app.documents.resources import FONTS_DIR

FAMILY = "DeskSerif"
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"

# face name -> (file, bold, italic); the flags feed Paragraph's <b>/<i> mapping.
_FACES = {
    FAMILY: ("LiberationSerif-Regular.ttf", 0, 0),
    BOLD: ("LiberationSerif-Bold.ttf", 1, 0),
    ITALIC: ("LiberationSerif-Italic.ttf", 0, 1),
    BOLD_ITALIC: ("LiberationSerif-BoldItalic.ttf", 1, 1),
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the DeskSerif family with reportlab (once per process); return its name."""
    global _registered
    with _lock:
        if not _registered:
            for face, (filename, _bold, _italic) in _FACES.items():
                pdfmetrics.registerFont(TTFont(face, str(FONTS_DIR / filename)))
            for face, (_filename, bold, italic) in _FACES.items():
                addMapping(FAMILY, bold, italic, face)
            _registered = True
    return FAMILY
