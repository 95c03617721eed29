"""QR codes on the forms: reportlab's own encoder, a quicker choice of mask, one path to draw.

reportlab's QrCodeWidget encodes the text in pure Python, scores the eight mask patterns
with a pure-Python penalty (about 40 ms for a receipt's sealed address), encodes again to
measure itself and draws every dark module as a shape of its own: a few hundred
milliseconds per receipt, while the citizen waits. Here the same encoder places the data;
the masks are scored with the standard's four penalty rules on a numpy array, and the
modules are drawn as one filled path of horizontal runs.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.platypus import Flowable

# A finder-like stretch (dark-light-dark×3-light-dark) with four light modules beside it:
# scanners take it for a corner mark (ISO/IEC 18004, 7.8.3.1, rule 3).
_FINDER_LIKE = (np.array([1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0], bool),
                np.array([0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1], bool))


def _run_penalty(lines: np.ndarray) -> int:
    """Rule 1: every run of five or more same-coloured modules along a line costs its
    length less two."""
    # The lines laid end to end with a value of neither colour between them, so that no
    # run carries over from one line into the next.
    padded = np.full((lines.shape[0], lines.shape[1] + 1), 2, np.int8)
    padded[:, :-1] = lines
    flat = padded.ravel()
    starts = np.concatenate(([0], np.flatnonzero(flat[1:] != flat[:-1]) + 1))
    runs = np.diff(np.append(starts, flat.size))
    runs = runs[(flat[starts] != 2) & (runs >= 5)]
    return int(np.sum(runs - 2))


def _penalty(modules: np.ndarray) -> int:
    """The standard's penalty for a masked symbol: long runs, 2×2 blocks, finder-like
    stretches and an unbalanced share of dark modules each cost points."""
    score = _run_penalty(modules) + _run_penalty(modules.T)
    for lines in (modules, modules.T):
        windows = sliding_window_view(lines, 11, axis=1)
        for pattern in _FINDER_LIKE:
            score += 40 * int(np.count_nonzero(np.all(windows == pattern, axis=2)))
    same = ((modules[:-1, :-1] == modules[1:, :-1]) & (modules[:-1, :-1] == modules[:-1, 1:])
            & (modules[:-1, :-1] == modules[1:, 1:]))
    score += 3 * int(np.count_nonzero(same))
    dark_percent = 100 * np.count_nonzero(modules) / modules.size
    score += 10 * int(abs(dark_percent - 50) // 5)
    return score


def mask_pattern(mask: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Where mask ``mask`` (0–7) flips a module, as the standard defines the eight masks."""
    i, j = rows, cols
    if mask == 0:
        return (i + j) % 2 == 0
    if mask == 1:
        return i % 2 == 0
    if mask == 2:
        return j % 3 == 0
    if mask == 3:
        return (i + j) % 3 == 0
    if mask == 4:
        return (i // 2 + j // 3) % 2 == 0
    if mask == 5:
        return (i * j) % 2 + (i * j) % 3 == 0
    if mask == 6:
        return ((i * j) % 2 + (i * j) % 3) % 2 == 0
    return ((i * j) % 3 + (i + j) % 2) % 2 == 0


@lru_cache(maxsize=64)
def qr_modules(text: str) -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules of ``text`` as a QR code at error correction level
    M, smallest version that holds it, without the quiet zone."""
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(text)
    code.version = code.calculate_version()
    code.makeImpl(True, 0)   # the fixed patterns, and the data encoded once (dataCache)
    symbol = np.array(code.modules, dtype=bool)
    cols, rows = (np.array(axis) for axis in zip(*code.dataPosIterator()))
    bits = np.zeros(rows.size, bool)
    placed = np.fromiter(code.dataBitIterator(code.dataCache), bool)[:rows.size]
    bits[:placed.size] = placed
    scores = []
    for mask in range(8):
        # Each mask over the same placed data, as reportlab's own placement would set it.
        symbol[rows, cols] = bits ^ mask_pattern(mask, rows, cols)
        scores.append(_penalty(symbol))
    code.makeImpl(False, int(np.argmin(scores)))   # with the chosen mask's format bits
    return tuple(tuple(bool(module) for module in row) for row in code.modules)


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
