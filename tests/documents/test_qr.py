"""The forms' QR codes: encoded by zxing-cpp, drawn by reportlab, read back by a scanner."""

from __future__ import annotations

import io
import subprocess

import numpy as np
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desk_app.documents.qr import QrFlowable, qr_modules

URL_TEXT = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=300)


@settings(max_examples=40, deadline=None)
@given(URL_TEXT)
def test_the_modules_read_back_as_the_text(text: str) -> None:
    modules = np.array(qr_modules(text), dtype=bool)
    count = modules.shape[0]
    assert modules.shape == (count, count) and (count - 17) % 4 == 0   # a whole QR version
    # Drawn four pixels a module, with the four-module quiet zone the layout leaves.
    picture = np.full((count + 8, count + 8), 255, np.uint8)
    picture[4:-4, 4:-4] = np.where(modules, 0, 255)
    image = Image.fromarray(np.kron(picture, np.ones((4, 4), np.uint8)))
    found = zxingcpp.read_barcodes(image)
    assert [(code.text, code.ec_level) for code in found] == [(text, "M")]


def test_a_sealed_address_is_scanned_back_from_the_drawn_pdf(tmp_path) -> None:
    text = ("https://dichvucong.example.gov.vn/tra-cuu?ma_ho_so=000.00.17.H56-261121-0001&tt=1795740600"
            "&tn=TEST.GPLX.01&cb=canbo01&ck=1.q7ZK2Wd0." + "Zx-_" * 21 + "Q")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    QrFlowable(text, 26 * mm).drawOn(canvas, 100, 500)
    canvas.save()
    (tmp_path / "qr.pdf").write_bytes(buffer.getvalue())
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "qr.pdf"), str(tmp_path / "qr")],
                   check=True, timeout=60)
    with Image.open(next(tmp_path.glob("qr*.png"))) as image:
        assert [code.text for code in zxingcpp.read_barcodes(image)] == [text]
