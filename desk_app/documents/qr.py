"""QR codes on the forms: encoded by zxing-cpp, drawn by reportlab as one path.

reportlab's own QrCodeWidget works in pure Python: Reed–Solomon, the eight masks scored,
the text encoded twice (once to measure, once to draw) and every dark module drawn as a
shape of its own. On a receipt's sealed address that was most of a render's time, while
the citizen waits. zxing-cpp, the library the desk already reads QR codes from the camera
with, encodes the same symbol (level M, the smallest version that holds the text, the
standard's mask choice) in about a millisecond; the modules are then drawn here as
horizontal runs in a single filled path.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import zxingcpp
from reportlab.platypus import Flowable


@lru_cache(maxsize=64)
def qr_modules(text: str) -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules of ``text`` as a QR code at error correction
    level M (a smudge or a fold still reads), without the quiet zone."""
    symbol = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    pixels = np.asarray(symbol.to_image(scale=1, add_quiet_zones=False))
    return tuple(tuple(bool(dark) for dark in row) for row in pixels < 128)


class QrFlowable(Flowable):
    """A QR code ``side`` points square; the quiet zone is left to the layout around it."""

    def __init__(self, text: str, side: float) -> None:
        super().__init__()
        self.text = text
        self.side = side
        self.modules = qr_modules(text)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.side, self.side

    def draw(self) -> None:
        count = len(self.modules)
        unit = self.side / count
        path = self.canv.beginPath()
        for row_index, row in enumerate(self.modules):
            y = self.side - (row_index + 1) * unit
            column = 0
            while column < count:
                if not row[column]:
                    column += 1
                    continue
                start = column
                while column < count and row[column]:
                    column += 1
                path.rect(start * unit, y, (column - start) * unit, unit)
        self.canv.saveState()
        self.canv.setFillColorRGB(0, 0, 0)
        self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()
