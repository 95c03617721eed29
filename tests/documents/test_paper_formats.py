"""Every form on every paper a desk may print on: A4, A5 and the 80 mm roll.

The A4 checks of each form (every field read back, the documents listed, nothing set
outside the text frame, every letter drawn from the embedded font) are run again on the
other papers; then what is particular to each paper: its page size, one page per copy,
a roll slip no longer than the copy, a reprint's marks, and a QR code a thermal head can
print.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from desk_app.core.timeutil import VN_TZ
from desk_app.documents import render_receipt, render_refusal, render_supplement
from desk_app.documents.page_formats import PaperFormat, geometry
from desk_app.documents.receipt import lookup_link
from tests.documents import test_receipt, test_refusal, test_supplement
from tests.documents.test_supplement import drawn_letters, embedded_faces, page_texts, words_outside_frame

FORMS = {
    "receipt": (lambda **kw: render_receipt(test_receipt.make_receipt(), **kw),
                test_receipt.test_every_field_is_printed_on_both_copies),
    "supplement": (lambda **kw: render_supplement(test_supplement.make_supplement(), **kw),
                   test_supplement.test_every_field_is_printed_on_both_copies),
    "refusal": (lambda **kw: render_refusal(test_refusal.make_refusal(), **kw),
                test_refusal.test_every_field_is_printed_on_both_copies),
}
REPRINTED = datetime(2026, 11, 24, 14, 5, tzinfo=VN_TZ)


@pytest.fixture(scope="module", params=[(form, paper) for form in FORMS for paper in PaperFormat],
                ids=lambda p: f"{p[0]}-{p[1].value}")
def rendered(request: pytest.FixtureRequest) -> tuple[str, PaperFormat, bytes]:
    form, paper = request.param
    return form, paper, FORMS[form][0](paper=paper)


def test_every_field_is_read_back_on_every_paper(rendered) -> None:
    form, _paper, pdf = rendered
    FORMS[form][1](pdf)


def test_one_page_per_copy_of_the_papers_size(rendered) -> None:
    _form, paper, pdf = rendered
    page = geometry(paper)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 2  # Liên 1 and Liên 2
    for sheet in pages:
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert width == pytest.approx(page.width, abs=0.5)
        if page.roll:
            # As long as the copy, not the longest slip the roll allows.
            assert 100 * mm < height < 500 * mm
        else:
            assert height == pytest.approx(page.height, abs=0.5)


def test_nothing_is_set_outside_the_text_frame(rendered, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) missing")
    _form, paper, pdf = rendered
    assert words_outside_frame(pdf, tmp_path, paper) == []


def test_every_letter_is_drawn_from_the_embedded_serif(rendered) -> None:
    _form, _paper, pdf = rendered
    assert embedded_faces(pdf) <= {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic",
                                   "LiberationSerif-BoldItalic"}
    drawn, empty = drawn_letters(pdf)
    assert empty == set(), f"drawn as an empty box: {sorted(empty)}"
    assert {"Ộ", "ạ", "ả", "ư", "đ"} <= set().union(*drawn.values())  # the motto, the unit, the names


@pytest.mark.parametrize("paper", list(PaperFormat), ids=lambda p: p.value)
@pytest.mark.parametrize("form", list(FORMS))
def test_a_reprint_says_so_on_every_page_and_a_first_print_does_not(form: str, paper: PaperFormat) -> None:
    first = page_texts(FORMS[form][0](paper=paper))
    again = page_texts(FORMS[form][0](paper=paper, reprinted_at=REPRINTED))
    for text in first:
        assert "Bản in lại" not in text and "BẢN IN LẠI" not in text
    assert len(again) == len(first)
    for text in again:
        assert "Bản in lại lúc 14:05 ngày 24/11/2026" in text
        assert "BẢN IN LẠI" in text


def test_a_sealed_receipt_on_the_roll_prints_a_qr_code_a_thermal_head_can_render(tmp_path: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    # A seal's parameters make the address long and the code dense; a thermal head prints
    # 203 dots per inch.
    seal = (("k", "q7ZK2Wd0"), ("t", "1795740600"), ("o", "canbo01"), ("p", "TEST.GPLX.01"),
            ("s", "Zm9yZ2VkLW9yLW5vdC10aGUtcmVhZGVyLXdpbGwtdGVsbC1pdC1hbGwtdGhlLXNhbWUtbGVuZ3RoLWFzLWFuLWVkMjU1MTk"))
    data = test_receipt.make_receipt(seal_params=seal)
    link = lookup_link(data)
    assert link.endswith("&s=" + seal[-1][1]) and "ma_ho_so=000.00.17.H56-261121-0001" in link
    path = tmp_path / "roll.pdf"
    path.write_bytes(render_receipt(data, paper=PaperFormat.ROLL_80))
    subprocess.run(["pdftoppm", "-r", "203", "-mono", "-png", str(path), str(tmp_path / "slip")],
                   check=True, timeout=60)
    slips = sorted(tmp_path.glob("slip-*.png"))
    assert len(slips) == 2
    for slip in slips:
        with Image.open(slip) as image:
            assert abs(image.width - round(80 / 25.4 * 203)) <= 1
            found = zxingcpp.read_barcodes(image)
        assert [code.text for code in found] == [link]
