"""Mẫu 01 receipts rendered to real PDFs and read back with pypdf (and pdftoppm)."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import shutil
import subprocess
import unicodedata
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from desk_app.core.dossier_code import provisional_code
from desk_app.core.timeutil import VN_TZ
from desk_app.documents.receipt import (
    DEFAULT_UNIT_NAME,
    RECEIPT_TEMPLATE_SPEC,
    ReceiptData,
    format_dong,
    lookup_link,
    receipt_template,
    render_receipt,
)
from desk_app.documents.templates import TemplateError, load_template, template_path

REPO_ROOT = Path(__file__).resolve().parents[2]
DOC_IMAGES = REPO_ROOT / "docs" / "images"

LONG_NAME = "Nguyễn Thị Phương Thảo Hoàng Quỳnh"
LONG_ADDRESS = (
    "Số 128/7B đường Nguyễn Thị Minh Khai, khu phố Phước Hải, phường Lộc Thọ, "
    "thành phố Nha Trang, tỉnh Khánh Hòa, Việt Nam"
)
PROVISIONAL = provisional_code("000.00.17.H56", date(2026, 11, 21), "DESK-NT-01", 7)
DOCUMENTS = (
    ("Đơn đề nghị đổi, cấp lại giấy phép lái xe (theo mẫu)", 1, 0, 0),
    ("Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp", 1, 0, 0),
    ("Bản sao giấy phép lái xe và căn cước của người đề nghị", 0, 1, 2),
)


def make_receipt(**changes: object) -> ReceiptData:
    data = ReceiptData(
        agency_name="Sở Xây dựng tỉnh Khánh Hòa",
        place="Khánh Hòa",
        dossier_code="000.00.17.H56-261121-0001",
        code_provisional=False,
        procedure_name="Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
        applicant_name=LONG_NAME,
        applicant_address=LONG_ADDRESS,
        phone="0905123456",
        email="phuongthao.hq@example.vn",
        documents=DOCUMENTS,
        sets=1,
        processing_days=5,
        received_at=datetime(2026, 11, 21, 9, 30, tzinfo=VN_TZ),
        due_at=datetime(2026, 11, 28, 9, 30, tzinfo=VN_TZ),
        delivery="desk",
        fees=(("Lệ phí cấp đổi giấy phép lái xe", 135_000),),
        officer_name="Trần Văn Bình",
        lookup_url="https://dichvucong.example.gov.vn/tra-cuu",
    )
    return dataclasses.replace(data, **changes)


def flat(text: str) -> str:
    """Page text as one line: PDF line breaks fall where the layout wrapped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def page_texts(pdf: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def receipt_pdf() -> bytes:
    return render_receipt(make_receipt())


def test_two_a4_pages_one_per_copy(receipt_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(receipt_pdf))
    assert len(reader.pages) == 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)
    first, second = page_texts(receipt_pdf)
    assert "Liên 1: Lưu" in first and "Liên 2" not in first
    assert "Liên 2: Giao người nộp" in second and "Liên 1" not in second


def test_every_field_is_printed_on_both_copies(receipt_pdf: bytes) -> None:
    expected = [
        "SỞ XÂY DỰNG TỈNH KHÁNH HÒA",
        DEFAULT_UNIT_NAME,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Khánh Hòa, ngày 21 tháng 11 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Mã hồ sơ: 000.00.17.H56-261121-0001",
        "Bộ phận tiếp nhận và trả kết quả: Sở Xây dựng tỉnh Khánh Hòa",
        f"Tiếp nhận hồ sơ của: {LONG_NAME}",
        f"Địa chỉ: {LONG_ADDRESS}",
        "Số điện thoại: 0905123456",
        "Email: phuongthao.hq@example.vn",
        "Nội dung yêu cầu giải quyết: Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
        "1. Thành phần hồ sơ nộp gồm:",
        "2. Số lượng hồ sơ: 1 (bộ)",
        "3. Thời gian giải quyết hồ sơ theo quy định là: 5 ngày làm việc",
        "4. Thời gian nhận hồ sơ: 09:30 ngày 21/11/2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 09:30 ngày 28/11/2026",
        "6. Đăng ký nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả",
        "Lệ phí cấp đổi giấy phép lái xe",
        "135.000 đồng",
        "Vào Sổ theo dõi hồ sơ, Quyển số:",
        "Số thứ tự:",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Trần Văn Bình",
        "https://dichvucong.example.gov.vn/tra-cuu",
        "Tra cứu tình trạng hồ sơ",
    ]
    for text in page_texts(receipt_pdf):
        for item in expected:
            assert item in text, item
        for name, _originals, _certified, _copies in DOCUMENTS:
            assert name in text, name
        assert text.count("(Ký và ghi rõ họ tên)") == 2
        assert "mã tạm" not in text


def test_documents_are_numbered_with_their_counts(receipt_pdf: bytes) -> None:
    text = page_texts(receipt_pdf)[0]
    table = text[text.index("1. Thành phần hồ sơ") : text.index("2. Số lượng")]
    assert "TT Tên giấy tờ Bản chính Bản sao có chứng thực Bản sao" in table
    assert "1 Đơn đề nghị đổi, cấp lại giấy phép lái xe (theo mẫu) 1 0 0" in table
    assert "3 Bản sao giấy phép lái xe và căn cước của người đề nghị 0 1 2" in table


def test_fonts_are_embedded_truetype(receipt_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(receipt_pdf))
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object() if isinstance(ref, IndirectObject) else ref
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            assert len(descriptor["/FontFile2"].get_object().get_data()) > 1000
            seen.add(str(font["/BaseFont"]).split("+")[-1])
    # Regular, bold and italic faces all used; nothing falls back to a base-14 font.
    assert seen == {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"}


def test_metadata_names_the_form_and_the_dossier(receipt_pdf: bytes) -> None:
    meta = PdfReader(io.BytesIO(receipt_pdf)).metadata
    assert meta.title == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả 000.00.17.H56-261121-0001"
    assert meta.author == "Sở Xây dựng tỉnh Khánh Hòa"


def test_provisional_code_tells_the_citizen_what_happens_next() -> None:
    code = PROVISIONAL
    pdf = render_receipt(make_receipt(dossier_code=code, code_provisional=True))
    for text in page_texts(pdf):
        assert f"Mã hồ sơ: {code}" in text
        assert "(Đây là mã tạm do bàn tiếp nhận cấp" in text
        assert "Mã hồ sơ chính thức được cấp khi hồ sơ được chuyển lên hệ thống" in text
        assert "tra cứu tại https://dichvucong.example.gov.vn/tra-cuu bằng mã tạm này" in text


def test_post_delivery_prints_the_address() -> None:
    address = "Thôn Phú Thạnh, xã Vĩnh Thạnh, thành phố Nha Trang, tỉnh Khánh Hòa"
    pdf = render_receipt(make_receipt(delivery="post", delivery_address=address))
    for text in page_texts(pdf):
        assert f"qua dịch vụ bưu chính công ích, gửi đến địa chỉ {address}" in text


def test_several_fees_are_listed_with_a_total() -> None:
    fees = (("Lệ phí cấp đổi", 135_000), ("Phí chuyển phát kết quả", 1_234_567))
    text = page_texts(render_receipt(make_receipt(fees=fees)))[1]
    assert "Lệ phí cấp đổi 135.000 đồng" in text
    assert "Phí chuyển phát kết quả 1.234.567 đồng" in text
    assert "Tổng cộng 1.369.567 đồng" in text


def test_no_fee_and_no_contact_print_clearly() -> None:
    text = page_texts(render_receipt(make_receipt(fees=(), phone=None, email=None)))[0]
    assert "Phí, lệ phí: không thu" in text
    assert "Số điện thoại: ……………" in text and "Email: ……………" in text


def test_ledger_entry_is_printed_when_known() -> None:
    text = page_texts(render_receipt(make_receipt(ledger_book="03", ledger_number="1275")))[0]
    assert "Vào Sổ theo dõi hồ sơ, Quyển số: 03, Số thứ tự: 1275" in text


def test_times_are_printed_in_vietnam_time() -> None:
    utc = timezone.utc
    data = make_receipt(received_at=datetime(2026, 11, 21, 2, 5, tzinfo=utc),
                        due_at=datetime(2026, 11, 27, 17, 0, tzinfo=utc))
    text = page_texts(render_receipt(data))[0]
    assert "4. Thời gian nhận hồ sơ: 09:05 ngày 21/11/2026" in text
    assert "5. Thời gian trả kết quả giải quyết hồ sơ: 00:00 ngày 28/11/2026" in text


def test_markup_characters_and_decomposed_accents_are_printed_as_typed() -> None:
    nfd_name = unicodedata.normalize("NFD", "Lê Thị Ánh Tuyết")
    address = "Lô <A> & <B>, khu đô thị \"Phước Long\""
    text = page_texts(render_receipt(make_receipt(applicant_name=nfd_name,
                                                  applicant_address=address)))[0]
    assert "Tiếp nhận hồ sơ của: Lê Thị Ánh Tuyết" in text
    assert f"Địa chỉ: {address}" in text


def test_long_document_list_keeps_copies_apart_and_labelled() -> None:
    documents = tuple((f"Giấy tờ số {n} kèm theo hồ sơ đề nghị", 1, 0, 1) for n in range(1, 31))
    pdf = render_receipt(make_receipt(documents=documents))
    texts = page_texts(pdf)
    assert len(texts) >= 4
    first_copy = [t for t in texts if "Liên 1: Lưu" in t]
    second_copy = [t for t in texts if "Liên 2: Giao người nộp" in t]
    assert len(first_copy) + len(second_copy) == len(texts)
    assert texts[: len(first_copy)] == first_copy  # copy 1 pages come first
    for copy in (first_copy, second_copy):
        joined = " ".join(copy)
        for name, *_counts in documents:
            assert name in joined
        assert joined.count("NGƯỜI TIẾP NHẬN HỒ SƠ") == 1
        for later in copy[1:]:
            assert "000.00.17.H56-261121-0001 (tiếp theo, trang" in later


def test_same_receipt_renders_to_the_same_bytes() -> None:
    assert render_receipt(make_receipt()) == render_receipt(make_receipt())


def test_format_dong_groups_thousands_with_dots() -> None:
    assert [format_dong(n) for n in (0, 999, 1000, 135000, 1234567)] == [
        "0", "999", "1.000", "135.000", "1.234.567"]


def test_lookup_link_carries_the_code() -> None:
    assert lookup_link(make_receipt()) == (
        "https://dichvucong.example.gov.vn/tra-cuu?ma_ho_so=000.00.17.H56-261121-0001")
    assert lookup_link(make_receipt(lookup_url="https://x.example/tra-cuu?lang=vi")) == (
        "https://x.example/tra-cuu?lang=vi&ma_ho_so=000.00.17.H56-261121-0001")
    assert lookup_link(make_receipt(lookup_url="https://x.example/hs/{code}")) == (
        "https://x.example/hs/000.00.17.H56-261121-0001")


@pytest.mark.parametrize("change,reason", [
    ({"received_at": datetime(2026, 11, 21, 9, 30)}, "timezone-aware"),
    ({"delivery": "post", "delivery_address": None}, "delivery_address"),
    ({"delivery": "drone"}, "delivery"),
    ({"sets": 0}, "sets"),
    ({"fees": (("Lệ phí", -1),)}, "fee"),
])
def test_inconsistent_data_is_refused(change: dict, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        make_receipt(**change)


def test_lists_are_frozen_into_tuples() -> None:
    data = make_receipt(documents=[list(DOCUMENTS[0])], fees=[["Lệ phí", 135000]])
    assert data.documents == (DOCUMENTS[0],) and data.fees == (("Lệ phí", 135000),)
    hash(data)


def write_template(tmp_path: Path, **changes: object) -> Path:
    texts = json.loads(template_path("mau01_receipt.vi.json").read_text(encoding="utf-8"))
    texts.update(changes)
    for key in [key for key, value in changes.items() if value is None]:
        del texts[key]
    path = tmp_path / "mau01_custom.vi.json"
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return path


def test_new_template_changes_the_wording_without_code(tmp_path: Path) -> None:
    path = write_template(
        tmp_path, title="PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        received_at="4. Thời gian nhận hồ sơ: {hour:02d} giờ {minute:02d} phút, "
                    "ngày {day:02d}/{month:02d}/{year}")
    template = load_template(path, RECEIPT_TEMPLATE_SPEC)
    text = page_texts(render_receipt(make_receipt(), template))[0]
    assert "PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "4. Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 21/11/2026" in text


@pytest.mark.parametrize("changes,reason", [
    ({"motto": None}, "missing: motto"),
    ({"code": "Mã hồ sơ: {dossier}"}, "unknown placeholders dossier"),
    ({"copies": ["Liên 1"]}, "copies must list 2"),
    ({"title": 7}, "title must be a text"),
])
def test_template_that_does_not_fit_is_refused(tmp_path: Path, changes: dict,
                                               reason: str) -> None:
    with pytest.raises(TemplateError) as caught:
        load_template(write_template(tmp_path, **changes), RECEIPT_TEMPLATE_SPEC)
    assert reason in str(caught.value)
    assert "administrator" in str(caught.value)


def test_unreadable_template_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(TemplateError, match="cannot be read"):
        load_template(path, RECEIPT_TEMPLATE_SPEC)


def test_shipped_template_loads() -> None:
    assert receipt_template().raw("copies") == ["Liên 1: Lưu", "Liên 2: Giao người nộp"]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_rendered_pages_show_a_readable_qr_code(tmp_path: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    data = make_receipt(dossier_code=PROVISIONAL, code_provisional=True,
                        delivery="post",
                        delivery_address="Thôn Phú Thạnh, xã Vĩnh Thạnh, thành phố Nha Trang",
                        fees=(("Lệ phí cấp đổi giấy phép lái xe", 135_000),
                              ("Phí chuyển phát kết quả qua bưu chính công ích", 25_000)))
    pdf_path = tmp_path / "receipt.pdf"
    pdf_path.write_bytes(render_receipt(data))
    subprocess.run(["pdftoppm", "-r", "110", "-png", str(pdf_path), str(tmp_path / "page")],
                   check=True, timeout=60)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    for page in pages:
        with Image.open(page) as image:
            assert abs(image.width - 910) <= 1 and abs(image.height - 1287) <= 1  # A4 at 110 dpi
            found = zxingcpp.read_barcodes(image)
        assert [(code.format.name, code.text) for code in found] == [
            ("QRCode", lookup_link(data))]
    # Refresh the pictures in the documentation on request (they are committed).
    if os.environ.get("DESK_UPDATE_DOC_IMAGES") == "1":
        DOC_IMAGES.mkdir(parents=True, exist_ok=True)
        for number, page in enumerate(pages, 1):
            shutil.copyfile(page, DOC_IMAGES / f"receipt-a4-page{number}.png")


def test_receipt_text_has_no_leftover_placeholders(receipt_pdf: bytes) -> None:
    for text in page_texts(receipt_pdf):
        assert not re.search(r"\{[a-z_]+(:[^}]*)?\}", text)
