"""The forms' QR codes: reportlab's own encoder, masks chosen on numpy, read back by a scanner."""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel, QRUtil
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from desk_app.documents.qr import QrFlowable, _penalty, mask_pattern, qr_modules

URL_TEXT = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=300)


@given(st.integers(0, 7), st.integers(0, 176), st.integers(0, 176))
def test_each_mask_flips_the_modules_the_standard_says(mask: int, row: int, col: int) -> None:
    expected = QRUtil.getMask(mask)(row, col)
    assert bool(mask_pattern(mask, np.array([row]), np.array([col]))[0]) == bool(expected)


@settings(max_examples=25, deadline=None)
@given(URL_TEXT)
def test_the_chosen_symbol_is_reportlabs_own_with_the_lowest_penalty_mask(text: str) -> None:
    modules = np.array(qr_modules(text), dtype=bool)
    symbols = []
    for mask in range(8):
        code = QRCode(None, QRErrorCorrectLevel.M)
        code.addData(text)
        code.version = code.calculate_version()
        code.makeImpl(False, mask)
        symbols.append(np.array(code.modules, dtype=bool))
    assert any(np.array_equal(modules, symbol) for symbol in symbols)
    # Of the eight, the one kept scores lowest with the format bits blank, as scored.
    chosen = next(mask for mask, symbol in enumerate(symbols) if np.array_equal(modules, symbol))
    blank = []
    for mask in range(8):
        code = QRCode(None, QRErrorCorrectLevel.M)
        code.addData(text)
        code.version = code.calculate_version()
        code.makeImpl(True, mask)
        blank.append(_penalty(np.array(code.modules, dtype=bool)))
    assert blank[chosen] == min(blank)


def test_the_penalty_punishes_long_runs_blocks_and_imbalance() -> None:
    checker = (np.indices((21, 21)).sum(axis=0) % 2 == 0)
    assert _penalty(checker) < _penalty(np.ones((21, 21), bool))
    stripes = np.zeros((21, 21), bool)
    stripes[::2] = True
    assert _penalty(checker) < _penalty(stripes)


def test_a_sealed_address_is_scanned_back_from_the_drawn_code(tmp_path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    import subprocess

    from PIL import Image

    text = ("https://dichvucong.example.gov.vn/tra-cuu?ma_ho_so=000.00.17.H56-261121-0001&k=q7ZK2Wd0"
            "&t=1795740600&o=canbo01&p=TEST.GPLX.01&s=" + "Zx-_" * 21 + "Q")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    QrFlowable(text, 30 * 72 / 25.4).drawOn(canvas, 100, 500)
    canvas.save()
    (tmp_path / "qr.pdf").write_bytes(buffer.getvalue())
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "qr.pdf"), str(tmp_path / "qr")],
                   check=True, timeout=60)
    with Image.open(next(tmp_path.glob("qr*.png"))) as image:
        assert [code.text for code in zxingcpp.read_barcodes(image)] == [text]
