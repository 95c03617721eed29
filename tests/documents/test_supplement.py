"""Mẫu 02 supplement requests rendered to real PDFs and read back (pypdf, pdftotext, pdftoppm).

The helpers at the top (page text, word boxes, glyph outlines) are shared with
test_refusal.py.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import shutil
import struct
import subprocess
import unicodedata
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from desk_app.core.catalogue import DocumentRequirement
from desk_app.core.dossier import ReceivedDocument
from desk_app.core.timeutil import VN_TZ
from desk_app.documents import (
    RequestedDocument,
    SupplementData,
    missing_documents,
    render_supplement,
)
from desk_app.documents.page_formats import PaperFormat, geometry
from desk_app.documents.supplement import SUPPLEMENT_TEMPLATE_SPEC, supplement_template
from desk_app.documents.templates import TemplateError, load_template, template_path

REPO_ROOT = Path(__file__).resolve().parents[2]
DOC_IMAGES = REPO_ROOT / "docs" / "images"

# ---------------------------------------------------------------- helpers (also for Mẫu 03)

_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền sắc hỏi ngã nặng
_lower = [unicodedata.normalize("NFC", vowel + tone) for vowel in "aăâeêioôơuưy"
          for tone in _TONES] + ["đ"]
VIETNAMESE_LETTERS = "".join(_lower) + "".join(letter.upper() for letter in _lower)

LONG_NAME = "Nguyễn Thị Phương Thảo Hoàng Quỳnh"
LONG_ADDRESS = (
    "Số 128/7B đường Nguyễn Thị Minh Khai, khu phố Phước Hải, phường Lộc Thọ, "
    "thành phố Nha Trang, tỉnh Khánh Hòa, Việt Nam"
)
PROCEDURE = "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
# 1500 characters with an unbroken address in it, which must be split rather than run off.
LONG_REASON = (
    "Giấy khám sức khỏe của người lái xe đã quá thời hạn sáu tháng kể từ ngày ký; "
    "bản sao căn cước chưa được chứng thực; ảnh chân dung không đúng nền theo quy định. "
    "Xem hướng dẫn tại https://dichvucong.example.gov.vn/huong-dan/doi-giay-phep-lai-xe"
    "/thanh-phan-ho-so/giay-kham-suc-khoe-nguoi-lai-xe-theo-thong-tu-so-36-2024-tt-byt. "
    + "Đề nghị ông/bà bổ sung đầy đủ các giấy tờ nêu trên và nộp lại tại quầy. " * 20
)[:1500]


def flat(text: str) -> str:
    """Page text as one line: PDF line breaks fall where the layout wrapped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def page_texts(pdf: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def words_outside_frame(pdf: bytes, tmp_path: Path, paper: PaperFormat = PaperFormat.A4) -> list[str]:
    """Words that pdftotext finds beyond the text frame (sideways) or the page's foot.

    The copy label and form number sit in the top margin by design, so the top is only
    held to the page box.
    """
    path = tmp_path / "layout.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    page = geometry(paper)
    outside = []
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
    assert pages
    for width, height, body in pages:
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                           r'yMax="([\d.]+)">(.*?)</word>', body)
        assert words
        for x0, y0, x1, y1, word in words:
            if (float(x0) < page.margin_left - 1 or float(x1) > float(width) - page.margin_right + 1
                    or float(y0) < 0 or float(y1) > float(height) - page.margin_bottom + 1):
                outside.append(word)
    return outside


def _outlines(font_file: bytes) -> dict[int, int]:
    """Character code -> outline bytes in a reportlab TrueType subset (cmap format 6)."""
    (count,) = struct.unpack_from(">H", font_file, 4)
    tables = {}
    for index in range(count):
        tag, _checksum, offset, _length = struct.unpack_from(">4sLLL", font_file, 12 + 16 * index)
        tables[tag.decode("latin-1")] = offset
    cmap = tables["cmap"]
    _platform, _encoding, sub = struct.unpack_from(">HHL", font_file, cmap + 4)
    fmt, _size, _lang, first, entries = struct.unpack_from(">5H", font_file, cmap + sub)
    assert fmt == 6
    glyphs = struct.unpack_from(f">{entries}H", font_file, cmap + sub + 10)
    (num_glyphs,) = struct.unpack_from(">H", font_file, tables["maxp"] + 4)
    (long_offsets,) = struct.unpack_from(">h", font_file, tables["head"] + 50)
    if long_offsets:
        loca = list(struct.unpack_from(f">{num_glyphs + 1}L", font_file, tables["loca"]))
    else:
        loca = [2 * v for v in struct.unpack_from(f">{num_glyphs + 1}H", font_file,
                                                  tables["loca"])]
    # Glyph 0 is "missing character": a code mapped there draws nothing useful.
    return {first + i: (loca[g + 1] - loca[g]) if g else 0 for i, g in enumerate(glyphs)}


def drawn_letters(pdf: bytes) -> tuple[dict[str, set[str]], set[str]]:
    """Per embedded face, the characters the PDF draws with a real outline; and the
    characters it maps to an empty or missing glyph (spaces and controls aside)."""
    drawn: dict[str, set[str]] = {}
    empty: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            face = str(font["/BaseFont"]).split("+")[-1]
            outlines = _outlines(font["/FontDescriptor"]["/FontFile2"].get_object().get_data())
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                for code, value in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    char = bytes.fromhex(value).decode("utf-16-be")
                    if char.isspace() or unicodedata.category(char) == "Cc":
                        continue
                    if outlines.get(int(code, 16), 0) > 0:
                        drawn.setdefault(face, set()).add(char)
                    else:
                        empty.add(char)
    return drawn, empty


def embedded_faces(pdf: bytes) -> set[str]:
    """The base names of the fonts used, each checked to be an embedded TrueType program."""
    seen = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object() if isinstance(ref, IndirectObject) else ref
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            assert len(descriptor["/FontFile2"].get_object().get_data()) > 1000
            seen.add(str(font["/BaseFont"]).split("+")[-1])
    return seen


def render_pages(pdf: bytes, tmp_path: Path, dpi: int) -> list[Path]:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(tmp_path / "page")],
                   check=True, timeout=60)
    return sorted(tmp_path.glob("page-*.png"))


needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils missing")

# ---------------------------------------------------------------- Mẫu 02

DOCUMENTS = (
    RequestedDocument("Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp",
                      1, 0, 0, note="Giấy đã nộp quá 6 tháng kể từ ngày ký"),
    RequestedDocument("Bản sao căn cước của người đề nghị", 0, 1, 0),
    RequestedDocument("Ảnh chân dung 3x4 nền trắng", 0, 0, 2),
)


def make_supplement(**changes: object) -> SupplementData:
    data = SupplementData(
        agency_name="Sở Xây dựng tỉnh Khánh Hòa",
        place="Khánh Hòa",
        number="0153",
        issued_at=datetime(2026, 11, 21, 9, 30, tzinfo=VN_TZ),
        procedure_name=PROCEDURE,
        applicant_name=LONG_NAME,
        applicant_address=LONG_ADDRESS,
        phone="0905123456",
        email="phuongthao.hq@example.vn",
        documents=DOCUMENTS,
        reason="Giấy khám sức khỏe đã hết hạn; bản sao căn cước chưa được chứng thực.",
        contact_phone="0258 3822 123",
        officer_name="Trần Văn Bình",
    )
    return dataclasses.replace(data, **changes)


@pytest.fixture(scope="module")
def supplement_pdf() -> bytes:
    return render_supplement(make_supplement())


def test_two_a4_pages_one_per_copy(supplement_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(supplement_pdf))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    first, second = page_texts(supplement_pdf)
    assert "Liên 1: Lưu" in first and "Liên 2" not in first
    assert "Liên 2: Giao người nộp" in second and "Liên 1" not in second


def test_every_field_is_printed_on_both_copies(supplement_pdf: bytes) -> None:
    expected = [
        "Mẫu số 02 - Thông tư 01/2018/TT-VPCP",
        "SỞ XÂY DỰNG TỈNH KHÁNH HÒA",
        "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 0153/HDHS",
        "Khánh Hòa, ngày 21 tháng 11 năm 2026",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        f"Hồ sơ của: {LONG_NAME}",
        f"Địa chỉ: {LONG_ADDRESS}",
        "Số điện thoại: 0905123456",
        "Email: phuongthao.hq@example.vn",
        f"Nội dung yêu cầu giải quyết: {PROCEDURE}",
        "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
        "Lý do: Giấy khám sức khỏe đã hết hạn; bản sao căn cước chưa được chứng thực.",
        "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với Bộ phận tiếp "
        "nhận và trả kết quả của Sở Xây dựng tỉnh Khánh Hòa, số điện thoại 0258 3822 123 "
        "để được hướng dẫn./.",
        "NGƯỜI HƯỚNG DẪN (Ký và ghi rõ họ tên)",
        "Trần Văn Bình",
    ]
    for text in page_texts(supplement_pdf):
        for item in expected:
            assert item in text, item
        assert text.count("(Ký và ghi rõ họ tên)") == 1
        assert "NGƯỜI NỘP HỒ SƠ" not in text
        assert "Mã hồ sơ" not in text  # no code given, none printed
        assert not re.search(r"\{[a-z_]+(:[^}]*)?\}", text)


def test_requested_documents_are_numbered_with_their_counts(supplement_pdf: bytes) -> None:
    text = page_texts(supplement_pdf)[0]
    table = text[text.index("gồm những nội dung sau:") : text.index("Lý do:")]
    assert ("TT Tên giấy tờ cần bổ sung, hoàn thiện Bản chính Bản sao có chứng thực Bản sao"
            in table)
    assert ("1 Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp "
            "Giấy đã nộp quá 6 tháng kể từ ngày ký 1 0 0") in table
    assert "2 Bản sao căn cước của người đề nghị 0 1 0" in table
    assert "3 Ảnh chân dung 3x4 nền trắng 0 0 2" in table


def test_number_dossier_code_and_blanks() -> None:
    text = page_texts(render_supplement(make_supplement(
        number=None, dossier_code="000.00.17.H56-261121-0001", phone=None, email=None,
        contact_phone=None, contact_place="Quầy số 3, Trung tâm Phục vụ hành chính công")))[0]
    assert "Số: ……………/HDHS" in text
    assert "Mã hồ sơ: 000.00.17.H56-261121-0001" in text
    assert "Số điện thoại: ……………" in text and "Email: ……………" in text
    assert ("liên hệ với Quầy số 3, Trung tâm Phục vụ hành chính công, số điện thoại "
            "…………… để được hướng dẫn./.") in text


def test_reason_alone_and_typed_line_breaks() -> None:
    text = page_texts(render_supplement(make_supplement(
        documents=(), reason="Tờ khai thiếu chữ ký.\n\nẢnh chân dung bị mờ.")))[0]
    assert "(Không yêu cầu bổ sung giấy tờ; xem lý do dưới đây)" in text
    assert "Lý do: Tờ khai thiếu chữ ký. Ảnh chân dung bị mờ." in text
    assert "TT Tên giấy tờ" not in text


def test_twenty_documents_and_a_long_reason_stay_inside_the_page(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) missing")
    documents = tuple(RequestedDocument(
        f"Giấy tờ số {n}: bản sao giấy chứng nhận đăng ký xe và giấy chứng nhận kiểm định "
        f"an toàn kỹ thuật và bảo vệ môi trường", 1, n % 3, 2, note="Bổ sung bản mới")
        for n in range(1, 21))
    pdf = render_supplement(make_supplement(documents=documents, reason=LONG_REASON,
                                            applicant_name=f"{LONG_NAME} {LONG_NAME}"))
    assert words_outside_frame(pdf, tmp_path) == []
    texts = page_texts(pdf)
    first_copy = [t for t in texts if "Liên 1: Lưu" in t]
    second_copy = [t for t in texts if "Liên 2: Giao người nộp" in t]
    assert len(first_copy) + len(second_copy) == len(texts)
    assert len(first_copy) == len(second_copy)
    for copy in (first_copy, second_copy):
        joined = " ".join(copy)
        for number, document in enumerate(documents, 1):
            assert f"{number} {document.name} Bổ sung bản mới 1 {number % 3} 2" in joined
        # The reason wraps across lines (and pages) but none of it is lost; the long
        # address in it is split where it meets the margin.
        reason_words = "".join(joined.split("Lý do: ", 1)[1].split(" Trong quá trình")[0]
                               .split())
        assert reason_words == "".join(LONG_REASON.split())
        assert joined.count("NGƯỜI HƯỚNG DẪN") == 1
        for later in copy[1:]:
            assert f"Số: 0153/HDHS, hồ sơ của {LONG_NAME}" in later
            assert "(tiếp theo, trang" in later


def test_frame_check_notices_text_in_the_margin(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) missing")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    a4 = geometry(PaperFormat.A4)
    canvas.drawString(a4.margin_left, 400, "inside")
    canvas.drawString(a4.width - a4.margin_right - 10, 300, "overrun")
    canvas.save()
    assert words_outside_frame(buffer.getvalue(), tmp_path) == ["overrun"]


def test_fonts_are_embedded_truetype(supplement_pdf: bytes) -> None:
    assert embedded_faces(supplement_pdf) == {
        "LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"}


def test_every_vietnamese_letter_has_a_glyph_in_each_face() -> None:
    assert len(VIETNAMESE_LETTERS) == 146  # 12 vowels x 6 tones, đ; both cases
    pdf = render_supplement(make_supplement(
        applicant_name=VIETNAMESE_LETTERS,                      # bold
        reason=VIETNAMESE_LETTERS,                              # regular
        documents=(RequestedDocument("Giấy tờ", 1, note=VIETNAMESE_LETTERS),)))  # italic
    drawn, empty = drawn_letters(pdf)
    assert empty == set()
    for face in ("LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"):
        assert set(VIETNAMESE_LETTERS) <= drawn[face], face
    # One unbroken word of 146 letters is split where the line ends: compare unspaced.
    text = "".join(page_texts(pdf)[0].split())
    assert f"Lýdo:{VIETNAMESE_LETTERS}" in text
    assert f"Hồsơcủa:{VIETNAMESE_LETTERS}" in text


def test_glyph_check_notices_a_letter_the_font_lacks() -> None:
    # The check above must be able to fail: a CJK letter is not in Liberation Serif.
    pdf = render_supplement(make_supplement(reason="Lý do 中"))
    drawn, _empty = drawn_letters(pdf)
    assert "中" not in set().union(*drawn.values())
    assert "Lý do: Lý do 中" not in page_texts(pdf)[0]


def test_decomposed_accents_and_markup_are_printed_as_typed() -> None:
    nfd_name = unicodedata.normalize("NFD", "Lê Thị Ánh Tuyết")
    document = RequestedDocument("Bản sao <sổ hộ khẩu> & giấy xác nhận \"cư trú\"", 0, 1, 0)
    text = page_texts(render_supplement(make_supplement(applicant_name=nfd_name,
                                                        documents=(document,))))[0]
    assert "Hồ sơ của: Lê Thị Ánh Tuyết" in text
    assert "1 Bản sao <sổ hộ khẩu> & giấy xác nhận \"cư trú\" 0 1 0" in text


def test_metadata_names_the_form_and_the_number(supplement_pdf: bytes) -> None:
    meta = PdfReader(io.BytesIO(supplement_pdf)).metadata
    assert meta.title == "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ số 0153/HDHS"
    assert meta.subject == "Mẫu số 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
    assert meta.author == "Sở Xây dựng tỉnh Khánh Hòa"


def test_date_is_the_vietnam_date() -> None:
    late_utc = datetime(2026, 11, 20, 18, 30, tzinfo=timezone.utc)  # 01:30 on the 21st in VN
    text = page_texts(render_supplement(make_supplement(issued_at=late_utc)))[0]
    assert "Khánh Hòa, ngày 21 tháng 11 năm 2026" in text


def test_same_request_renders_to_the_same_bytes() -> None:
    assert render_supplement(make_supplement()) == render_supplement(make_supplement())


@pytest.mark.parametrize("change,reason", [
    ({"issued_at": datetime(2026, 11, 21, 9, 30)}, "timezone-aware"),
    ({"documents": (), "reason": "  "}, "documents or a reason"),
    ({"documents": (("Đơn", 1, -1, 0),)}, "negative"),
    ({"documents": (("  ", 1, 0, 0),)}, "name"),
])
def test_inconsistent_data_is_refused(change: dict, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        make_supplement(**change)


def test_plain_rows_are_frozen_into_requested_documents() -> None:
    data = make_supplement(documents=[["Đơn đề nghị", 1, 0, 0], ("Ảnh", 0, 0, 2, "nền trắng")])
    assert data.documents == (RequestedDocument("Đơn đề nghị", 1, 0, 0),
                              RequestedDocument("Ảnh", 0, 0, 2, "nền trắng"))
    hash(data)


def test_missing_documents_asks_for_what_was_not_handed_in() -> None:
    requirements = (
        DocumentRequirement("don", "Đơn đề nghị", originals=1),
        DocumentRequirement("gks", "Giấy khám sức khỏe", originals=1, note="Trong 6 tháng"),
        DocumentRequirement("cccd", "Bản sao căn cước", certified_copies=1, photocopies=2),
        DocumentRequirement("anh", "Ảnh 3x4"),
        DocumentRequirement("gplx", "Giấy phép lái xe cũ", originals=1, required=False),
    )
    received = (
        ReceivedDocument("don", "Đơn đề nghị", originals=1),
        ReceivedDocument("cccd", "Bản sao căn cước", certified_copies=1, photocopies=1),
    )
    assert missing_documents(requirements, received) == (
        RequestedDocument("Giấy khám sức khỏe", 1, 0, 0, "Trong 6 tháng"),
        RequestedDocument("Bản sao căn cước", 0, 0, 1),
        RequestedDocument("Ảnh 3x4", 0, 0, 0),
    )
    assert RequestedDocument.from_requirement(requirements[1], note="") == RequestedDocument(
        "Giấy khám sức khỏe", 1, 0, 0, "")


def write_template(tmp_path: Path, **changes: object) -> Path:
    texts = json.loads(template_path("mau02_supplement.vi.json").read_text(encoding="utf-8"))
    texts.update(changes)
    for key in [key for key, value in changes.items() if value is None]:
        del texts[key]
    path = tmp_path / "mau02_custom.vi.json"
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return path


def test_new_template_changes_the_wording_without_code(tmp_path: Path) -> None:
    path = write_template(tmp_path, number="Số: {number}/PYC-BS",
                          guide="CÔNG CHỨC HƯỚNG DẪN")
    text = page_texts(render_supplement(make_supplement(),
                                        load_template(path, SUPPLEMENT_TEMPLATE_SPEC)))[0]
    assert "Số: 0153/PYC-BS" in text and "CÔNG CHỨC HƯỚNG DẪN" in text


@pytest.mark.parametrize("changes,reason", [
    ({"guide": None}, "missing: guide"),
    ({"number": "Số: {so}/HDHS"}, "unknown placeholders so"),
    ({"documents_columns": ["TT", "Tên"]}, "documents_columns must list 5"),
])
def test_template_that_does_not_fit_is_refused(tmp_path: Path, changes: dict,
                                               reason: str) -> None:
    with pytest.raises(TemplateError) as caught:
        load_template(write_template(tmp_path, **changes), SUPPLEMENT_TEMPLATE_SPEC)
    assert reason in str(caught.value)


def test_shipped_template_loads() -> None:
    assert supplement_template().raw("copies") == ["Liên 1: Lưu", "Liên 2: Giao người nộp"]


def check_a4_pages(pdf: bytes, tmp_path: Path, doc_image: str) -> None:
    """Two A4 pages at 110 dpi with ink on them and none in the right margin's outer half;
    with DESK_UPDATE_DOC_IMAGES=1 the first page refreshes the committed guide picture."""
    from PIL import Image

    pages = render_pages(pdf, tmp_path, 110)
    assert len(pages) == 2
    for page in pages:
        with Image.open(page) as image:
            assert abs(image.width - 910) <= 1 and abs(image.height - 1287) <= 1
            gray = image.convert("L")
            assert gray.getextrema()[0] < 64
            margin = gray.crop((image.width - 30, 0, image.width, image.height))
            assert margin.getextrema()[0] > 200
    if os.environ.get("DESK_UPDATE_DOC_IMAGES") == "1":
        DOC_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pages[0], DOC_IMAGES / doc_image)


@needs_poppler
def test_pages_render_as_a4_images(tmp_path: Path) -> None:
    check_a4_pages(render_supplement(make_supplement()), tmp_path, "mau02-supplement.png")
