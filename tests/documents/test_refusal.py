"""Mẫu 03 refusals rendered to real PDFs and read back (pypdf, pdftotext, pdftoppm)."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desk_app.core.timeutil import VN_TZ
from desk_app.documents import RefusalData, render_refusal
from desk_app.documents.refusal import REFUSAL_TEMPLATE_SPEC, refusal_template
from desk_app.documents.templates import TemplateError, load_template, template_path
from tests.documents.test_supplement import (
    LONG_ADDRESS,
    LONG_NAME,
    LONG_REASON,
    PROCEDURE,
    VIETNAMESE_LETTERS,
    check_a4_pages,
    drawn_letters,
    embedded_faces,
    needs_poppler,
    page_texts,
    words_outside_frame,
)

REASON = ("Thủ tục đổi giấy phép lái xe đã chuyển sang cơ quan Công an theo Thông tư "
          "12/2025/TT-BCA; ông/bà nộp hồ sơ tại Phòng Cảnh sát giao thông.")


def make_refusal(**changes: object) -> RefusalData:
    data = RefusalData(
        agency_name="Sở Xây dựng tỉnh Khánh Hòa",
        place="Khánh Hòa",
        number="0042",
        issued_at=datetime(2026, 11, 21, 14, 5, tzinfo=VN_TZ),
        procedure_name=PROCEDURE,
        applicant_name=LONG_NAME,
        applicant_address=LONG_ADDRESS,
        phone="0905123456",
        email="phuongthao.hq@example.vn",
        reason=REASON,
        officer_name="Trần Văn Bình",
    )
    return dataclasses.replace(data, **changes)


@pytest.fixture(scope="module")
def refusal_pdf() -> bytes:
    return render_refusal(make_refusal())


def test_two_a4_pages_one_per_copy(refusal_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(refusal_pdf))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    first, second = page_texts(refusal_pdf)
    assert "Liên 1: Lưu" in first and "Liên 2" not in first
    assert "Liên 2: Giao người nộp" in second and "Liên 1" not in second


def test_every_field_is_printed_on_both_copies(refusal_pdf: bytes) -> None:
    expected = [
        "Mẫu số 03 - Thông tư 01/2018/TT-VPCP",
        "SỞ XÂY DỰNG TỈNH KHÁNH HÒA",
        "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 0042/TCHS",
        "Khánh Hòa, ngày 21 tháng 11 năm 2026",
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Bộ phận tiếp nhận và trả kết quả: Sở Xây dựng tỉnh Khánh Hòa",
        f"Tiếp nhận hồ sơ của: {LONG_NAME}",
        f"Địa chỉ: {LONG_ADDRESS}",
        "Số điện thoại: 0905123456",
        "Email: phuongthao.hq@example.vn",
        f"Nội dung yêu cầu giải quyết: {PROCEDURE}",
        "Qua xem xét, Bộ phận tiếp nhận và trả kết quả của Sở Xây dựng tỉnh Khánh Hòa thông "
        "báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: " + REASON,
        "Xin thông báo cho ông/bà được biết và thực hiện./.",
        # The submitter signs and writes their own name; the officer's is printed.
        "NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên) "
        "NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Trần Văn Bình",
    ]
    for text in page_texts(refusal_pdf):
        for item in expected:
            assert item in text, item
        assert text.count("(Ký và ghi rõ họ tên)") == 2
        assert "Mã hồ sơ" not in text
        assert not re.search(r"\{[a-z_]+(:[^}]*)?\}", text)


def test_number_dossier_code_and_blanks() -> None:
    text = page_texts(render_refusal(make_refusal(
        number=None, dossier_code="000.00.17.H56-261121-0001", phone=None, email=None)))[1]
    assert "Số: ……………/TCHS" in text
    assert "Mã hồ sơ: 000.00.17.H56-261121-0001" in text
    assert "Số điện thoại: ……………" in text and "Email: ……………" in text


def test_typed_line_breaks_in_the_reason_are_kept() -> None:
    reason = "1. Hồ sơ không thuộc thẩm quyền.\n\n2. Người nộp không mang căn cước."
    pdf = render_refusal(make_refusal(reason=reason))
    lines = [" ".join(line.split()) for line in
             PdfReader(io.BytesIO(pdf)).pages[0].extract_text().splitlines()]
    assert "1. Hồ sơ không thuộc thẩm quyền." in lines
    assert "2. Người nộp không mang căn cước." in lines


def test_long_reason_wraps_inside_the_page(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) missing")
    assert len(LONG_REASON) == 1500
    pdf = render_refusal(make_refusal(reason=LONG_REASON))
    assert words_outside_frame(pdf, tmp_path) == []
    texts = page_texts(pdf)
    assert len(texts) == 2  # 1500 characters still fit one page per copy
    page = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    reason_lines = [line for line in page.splitlines() if "bổ sung đầy đủ" in line]
    assert len(reason_lines) >= 8  # wrapped over many lines, not one line off the page
    for text in texts:
        after = text.split("với lý do cụ thể như sau: ", 1)[1].split(" Xin thông báo")[0]
        assert "".join(after.split()) == "".join(LONG_REASON.split())
        assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Trần Văn Bình" in text


def test_very_long_reason_flows_onto_marked_pages(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) missing")
    reason = "\n".join(f"{n}. {LONG_REASON[:400]}" for n in range(1, 9))
    pdf = render_refusal(make_refusal(reason=reason))
    assert words_outside_frame(pdf, tmp_path) == []
    texts = page_texts(pdf)
    first_copy = [t for t in texts if "Liên 1: Lưu" in t]
    second_copy = [t for t in texts if "Liên 2: Giao người nộp" in t]
    assert len(first_copy) == len(second_copy) >= 2
    assert texts[: len(first_copy)] == first_copy
    for copy in (first_copy, second_copy):
        joined = " ".join(copy)
        for n in range(1, 9):
            assert f"{n}. {' '.join(LONG_REASON[:400].split()[:6])}" in joined
        assert joined.count("NGƯỜI NỘP HỒ SƠ") == 1
        for later in copy[1:]:
            assert f"Số: 0042/TCHS, hồ sơ của {LONG_NAME} (tiếp theo, trang" in later


def test_fonts_are_embedded_truetype(refusal_pdf: bytes) -> None:
    assert embedded_faces(refusal_pdf) == {
        "LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"}


def test_every_vietnamese_letter_has_a_glyph_in_each_face() -> None:
    pdf = render_refusal(make_refusal(
        applicant_name=VIETNAMESE_LETTERS,   # bold
        reason=VIETNAMESE_LETTERS,           # regular
        place=VIETNAMESE_LETTERS))           # italic, in the place and date
    drawn, empty = drawn_letters(pdf)
    assert empty == set()
    for face in ("LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"):
        assert set(VIETNAMESE_LETTERS) <= drawn[face], face
    text = "".join(page_texts(pdf)[0].split())
    assert f"nhưsau:{VIETNAMESE_LETTERS}Xin" in text
    assert f"Tiếpnhậnhồsơcủa:{VIETNAMESE_LETTERS}" in text


def test_decomposed_accents_and_markup_are_printed_as_typed() -> None:
    reason = unicodedata.normalize("NFD", "Hồ sơ <thiếu> tờ khai & ảnh \"3x4\"")
    text = page_texts(render_refusal(make_refusal(reason=reason)))[0]
    assert "như sau: Hồ sơ <thiếu> tờ khai & ảnh \"3x4\" Xin thông báo" in text


def test_metadata_names_the_form_and_the_number(refusal_pdf: bytes) -> None:
    meta = PdfReader(io.BytesIO(refusal_pdf)).metadata
    assert meta.title == "Phiếu từ chối tiếp nhận giải quyết hồ sơ số 0042/TCHS"
    assert meta.subject == "Mẫu số 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ"
    assert meta.author == "Sở Xây dựng tỉnh Khánh Hòa"


def test_same_refusal_renders_to_the_same_bytes() -> None:
    assert render_refusal(make_refusal()) == render_refusal(make_refusal())


@pytest.mark.parametrize("change,reason", [
    ({"issued_at": datetime(2026, 11, 21, 9, 30)}, "timezone-aware"),
    ({"reason": " \n "}, "needs a reason"),
])
def test_inconsistent_data_is_refused(change: dict, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        make_refusal(**change)


def write_template(tmp_path: Path, **changes: object) -> Path:
    texts = json.loads(template_path("mau03_refusal.vi.json").read_text(encoding="utf-8"))
    texts.update(changes)
    for key in [key for key, value in changes.items() if value is None]:
        del texts[key]
    path = tmp_path / "mau03_custom.vi.json"
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return path


def test_new_template_changes_the_wording_without_code(tmp_path: Path) -> None:
    path = write_template(tmp_path, closing="Trân trọng thông báo./.")
    text = page_texts(render_refusal(make_refusal(),
                                     load_template(path, REFUSAL_TEMPLATE_SPEC)))[0]
    assert "Trân trọng thông báo./." in text
    assert "Xin thông báo" not in text


@pytest.mark.parametrize("changes,reason", [
    ({"reason_heading": None}, "missing: reason_heading"),
    ({"reason_heading": "Lý do ({ly_do}):"}, "unknown placeholders ly_do"),
    ({"copies": ["Liên 1"]}, "copies must list 2"),
])
def test_template_that_does_not_fit_is_refused(tmp_path: Path, changes: dict,
                                               reason: str) -> None:
    with pytest.raises(TemplateError) as caught:
        load_template(write_template(tmp_path, **changes), REFUSAL_TEMPLATE_SPEC)
    assert reason in str(caught.value)


def test_shipped_template_loads() -> None:
    assert refusal_template().raw("copies") == ["Liên 1: Lưu", "Liên 2: Giao người nộp"]


@needs_poppler
def test_pages_render_as_a4_images(tmp_path: Path) -> None:
    check_a4_pages(render_refusal(make_refusal()), tmp_path, "mau03-refusal.png")
