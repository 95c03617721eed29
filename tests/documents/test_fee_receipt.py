"""The fee receipt (biên lai thu tiền phí, lệ phí) rendered to real PDFs on every paper and
read back with pypdf (and pdftoppm)."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
import statistics
import subprocess
import time
import unicodedata
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from desk_app.core.catalogue import DeliveryOption, FeeItem, Procedure
from desk_app.core.dossier import Applicant, Dossier, FeeLine, new_client_id
from desk_app.core.fees import FeeRecord, PaymentMethod
from desk_app.core.identity import Sex
from desk_app.core.timeutil import VN_TZ
from desk_app.documents.fee_receipt import (
    FEE_RECEIPT_TEMPLATE_SPEC,
    FeeReceiptData,
    fee_receipt_data,
    fee_receipt_template,
    render_fee_receipt,
)
from desk_app.documents.fonts import BOLD, BOLD_ITALIC, FAMILY, ITALIC, register_fonts
from desk_app.documents.page_formats import PaperFormat, geometry
from desk_app.documents.templates import TemplateError, load_template, template_path

# ---------------------------------------------------------------------------- PDF checks
# (shared with test_ledger)

# The faces of the DeskSerif family as the PDF names them (Liberation Serif files).
DESK_SERIF_FACES = {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic",
                    "LiberationSerif-BoldItalic"}


def flat(text: str) -> str:
    """Page text as one line: PDF line breaks fall where the layout wrapped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def page_texts(pdf: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height))
            for p in PdfReader(io.BytesIO(pdf)).pages]


def embedded_faces(pdf: bytes) -> set[str]:
    """The fonts the pages use, each checked to be an embedded TrueType font."""
    seen = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object() if isinstance(ref, IndirectObject) else ref
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            assert len(descriptor["/FontFile2"].get_object().get_data()) > 1000
            seen.add(str(font["/BaseFont"]).split("+")[-1])
    return seen


def assert_only_desk_serif(pdf: bytes) -> None:
    faces = embedded_faces(pdf)
    assert faces and faces <= DESK_SERIF_FACES, faces
    assert b"Helvetica" not in pdf and b"Times-Roman" not in pdf


def missing_glyphs(text: str) -> set[str]:
    """The characters of `text` that some DeskSerif face has no glyph for (they would
    print as a box)."""
    register_fonts()
    maps = [pdfmetrics.getFont(face).face.charToGlyph for face in (FAMILY, BOLD, ITALIC, BOLD_ITALIC)]
    return {ch for ch in set(text) if not ch.isspace() and any(ord(ch) not in cmap for cmap in maps)}


def margin_ink(pdf: bytes, tmp_path: Path, paper: PaperFormat, *, landscape: bool = False,
               dpi: int = 60) -> list[tuple[int, str]]:
    """Pages with ink in the outer part of the left or right margin: text running off its
    frame (an overlong word, a table too wide) shows there first."""
    from PIL import Image

    page = geometry(paper)
    path = tmp_path / f"check-{paper.value}.pdf"
    path.write_bytes(pdf)
    prefix = tmp_path / f"check-{paper.value}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(path), str(prefix)],
                   check=True, timeout=120)
    # The outer 60 % of each side margin: the copy label and page marks sit over the frame.
    left = int(page.margin_left * 0.6 / 72 * dpi)
    right = int(page.margin_right * 0.6 / 72 * dpi)
    found = []
    for number, image_path in enumerate(sorted(tmp_path.glob(f"check-{paper.value}-*.png")), 1):
        with Image.open(image_path) as image:
            width, height = image.size
            for side, box in (("left", (0, 0, left, height)), ("right", (width - right, 0, width, height))):
                darkest = image.convert("L").crop(box).getextrema()[0]
                if darkest < 200:
                    found.append((number, side))
    return found


needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                    reason="pdftoppm (poppler-utils) missing")

ALL_PAPERS = list(PaperFormat)


# ---------------------------------------------------------------------------- data

PAYER = "Tôn Nữ Hoàng Quỳnh Hương"
ADDRESS = "Thôn 5, xã Ea H'leo, huyện Ea H'leo, tỉnh Đắk Lắk (nhà số 12/3B, hẻm 45/7)"
CODE = "000.00.17.H56-261121-0001"
PROCEDURE_NAME = "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
AGENCY = "Sở Xây dựng tỉnh Đắk Lắk"
OFFICER = "Nguyễn Thị Phương Thảo"
FEES = (FeeLine("le_phi", "Lệ phí cấp đổi giấy phép lái xe", 135_000),
        FeeLine("chuyen_phat", "Phí chuyển phát kết quả qua bưu chính công ích", 1_005_000))
PAID_AT = datetime(2026, 11, 21, 9, 45, tzinfo=VN_TZ)


def make_procedure() -> Procedure:
    return Procedure(code="DEMO.GPLX.01", name=PROCEDURE_NAME, sector="Đường bộ",
                     agency_code="000.00.17.H56", agency_name=AGENCY, processing_days=5,
                     fees=tuple(FeeItem(f.code, f.name, f.amount) for f in FEES),
                     delivery_options=(DeliveryOption.DESK, DeliveryOption.POST))


def make_dossier(**changes: object) -> Dossier:
    values: dict = dict(
        client_id=new_client_id(),
        procedure_code="DEMO.GPLX.01",
        catalogue_version="2026.11.1",
        applicant=Applicant(PAYER, cccd="066186000123", date_of_birth=date(1986, 4, 30),
                            sex=Sex.FEMALE, address=ADDRESS, phone="0912345678"),
        received_at=datetime(2026, 11, 21, 9, 30, tzinfo=VN_TZ),
        due_at=datetime(2026, 11, 28, 9, 30, tzinfo=VN_TZ),
        officer_username="canbo01",
        site_code="000.00.17.H56",
        desk_id="DESK-01",
        code=CODE,
        fees=FEES,
    )
    values.update(changes)
    return Dossier(**values)


def make_payment(dossier: Dossier, **changes: object) -> FeeRecord:
    record = FeeRecord.payment(dossier.client_id, FEES, PaymentMethod.BANK_TRANSFER,
                               officer_username="canbo01", recorded_at=PAID_AT,
                               receipt_number="0001275")
    return dataclasses.replace(record, **changes)


def make_data(**changes: object) -> FeeReceiptData:
    dossier = make_dossier()
    data = fee_receipt_data(dossier, make_payment(dossier), make_procedure(),
                            place="Buôn Ma Thuột", officer_name=OFFICER)
    return dataclasses.replace(data, **changes)


EXPECTED = [
    "SỞ XÂY DỰNG TỈNH ĐẮK LẮK",
    "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Buôn Ma Thuột, ngày 21 tháng 11 năm 2026",
    "BIÊN LAI THU TIỀN PHÍ, LỆ PHÍ",
    "Số: 0001275",
    f"Mã hồ sơ: {CODE}",
    f"Đơn vị thu: {AGENCY}",
    f"Họ và tên người nộp tiền: {PAYER}",
    f"Địa chỉ: {ADDRESS}",
    f"Thủ tục hành chính: {PROCEDURE_NAME}",
    "Nội dung các khoản thu:",
    "1 Lệ phí cấp đổi giấy phép lái xe 135.000",
    "2 Phí chuyển phát kết quả qua bưu chính công ích 1.005.000",
    "Tổng cộng 1.140.000",
    "Số tiền bằng chữ: Một triệu một trăm bốn mươi nghìn đồng.",
    "Hình thức thanh toán: Chuyển khoản",
    "Thời gian nộp tiền: 09:45 ngày 21/11/2026",
    "NGƯỜI NỘP TIỀN",
    "NGƯỜI THU TIỀN",
    OFFICER,
]


@pytest.fixture(scope="module")
def pdfs() -> dict[PaperFormat, bytes]:
    data = make_data()
    return {paper: render_fee_receipt(data, paper=paper) for paper in ALL_PAPERS}


# ---------------------------------------------------------------------------- builder

def test_builder_takes_the_payment_the_dossier_and_the_catalogue() -> None:
    data = make_data()
    assert data.payer_name == PAYER and data.payer_address == ADDRESS
    assert data.dossier_code == CODE and data.procedure_name == PROCEDURE_NAME
    assert data.agency_name == AGENCY and data.officer_name == OFFICER
    assert data.receipt_number == "0001275" and data.paid_at == PAID_AT
    assert data.fees == tuple((f.name, f.amount) for f in FEES) and data.total == 1_140_000
    assert data.method is PaymentMethod.BANK_TRANSFER


def test_builder_prints_what_the_payment_paid_for_not_every_fee_due() -> None:
    dossier = make_dossier()
    payment = FeeRecord.payment(dossier.client_id, FEES[:1], PaymentMethod.CASH,
                                officer_username="canbo01", recorded_at=PAID_AT)
    data = fee_receipt_data(dossier, payment, make_procedure(), place="Buôn Ma Thuột",
                            officer_name=OFFICER, payer_name="Y Bih Niê",
                            payer_address="Buôn Ako Dhông, phường Tân Lợi")
    assert data.fees == (("Lệ phí cấp đổi giấy phép lái xe", 135_000),)
    assert data.receipt_number is None and data.payer_name == "Y Bih Niê"
    text = page_texts(render_fee_receipt(data))[0]
    assert "Số: ……………" in text and "Hình thức thanh toán: Tiền mặt" in text
    assert "Số tiền bằng chữ: Một trăm ba mươi lăm nghìn đồng." in text
    assert "Họ và tên người nộp tiền: Y Bih Niê" in text


def test_builder_refuses_what_does_not_belong_together() -> None:
    dossier = make_dossier()
    payment = make_payment(dossier)
    refund = FeeRecord.refund(payment, "Hồ sơ bị rút", officer_username="canbo01",
                              recorded_at=PAID_AT)
    with pytest.raises(ValueError, match="refund"):
        fee_receipt_data(dossier, refund, make_procedure(), place="x", officer_name=OFFICER)
    with pytest.raises(ValueError, match="another dossier"):
        fee_receipt_data(make_dossier(), payment, make_procedure(), place="x", officer_name=OFFICER)
    other = dataclasses.replace(make_procedure(), code="DEMO.OTHER")
    with pytest.raises(ValueError, match="procedure"):
        fee_receipt_data(dossier, payment, other, place="x", officer_name=OFFICER)


@pytest.mark.parametrize("change,reason", [
    ({"paid_at": datetime(2026, 11, 21, 9, 45)}, "timezone-aware"),
    ({"fees": ()}, "at least one fee"),
    ({"fees": (("Lệ phí", -1),)}, "negative"),
    ({"payer_name": "  "}, "payer"),
    ({"method": "cheque"}, "cheque"),
])
def test_inconsistent_data_is_refused(change: dict, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        make_data(**change)


def test_lists_are_frozen_and_methods_parsed() -> None:
    data = make_data(fees=[["Lệ phí", 135000]], method="qr")
    assert data.fees == (("Lệ phí", 135000),) and data.method is PaymentMethod.QR
    hash(data)


# ---------------------------------------------------------------------------- rendering

@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_each_copy_is_one_page_of_its_paper(pdfs: dict[PaperFormat, bytes], paper: PaperFormat) -> None:
    pdf = pdfs[paper]
    sizes = page_sizes(pdf)
    assert len(sizes) == 2
    page = geometry(paper)
    for width, height in sizes:
        assert round(width) == round(page.width)
        if page.roll:
            assert 80 * mm < height < 400 * mm  # as long as the copy, no longer
        else:
            assert round(height) == round(page.height)
    first, second = page_texts(pdf)
    assert "Liên 1: Lưu" in first and "Liên 2" not in first
    assert "Liên 2: Giao người nộp" in second and "Liên 1" not in second


@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_every_field_is_printed_on_both_copies(pdfs: dict[PaperFormat, bytes], paper: PaperFormat) -> None:
    for text in page_texts(pdfs[paper]):
        for item in EXPECTED:
            assert item in text, (paper, item)
        assert text.count("(Ký và ghi rõ họ tên)") == 2
        assert not re.search(r"\{[a-z_]+(:[^}]*)?\}", text)


@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_only_the_desk_serif_family_is_embedded(pdfs: dict[PaperFormat, bytes], paper: PaperFormat) -> None:
    assert_only_desk_serif(pdfs[paper])
    assert {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"} <= embedded_faces(pdfs[paper])


@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_every_character_has_a_glyph(pdfs: dict[PaperFormat, bytes], paper: PaperFormat) -> None:
    text = "".join(page_texts(pdfs[paper]))
    assert missing_glyphs(text) == set()
    # And everything that could reach the page: the template's wording and the data.
    template_text = json.dumps(fee_receipt_template().texts, ensure_ascii=False)
    assert missing_glyphs(template_text + PAYER + ADDRESS + OFFICER + PROCEDURE_NAME) == set()


def test_every_letter_of_vietnamese_has_a_glyph() -> None:
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    composed = {unicodedata.normalize("NFC", base + tone) for base in letters for tone in tones
                if base in "aăâeêioôơuưy" or not tone}
    alphabet = "".join(composed) + "".join(composed).upper()
    assert missing_glyphs(alphabet) == set()


def test_amounts_in_words_follow_the_total() -> None:
    for fees, words in [
        ((("Lệ phí", 135_000),), "Một trăm ba mươi lăm nghìn đồng"),
        ((("Lệ phí", 1_000_000), ("Phí", 5_000)), "Một triệu không trăm linh năm nghìn đồng"),
        ((("Lệ phí thẩm định hồ sơ cấp giấy phép kinh doanh vận tải", 2_100_000_000),),
         "Hai tỷ một trăm triệu đồng"),
    ]:
        text = page_texts(render_fee_receipt(make_data(fees=fees)))[0]
        assert f"Số tiền bằng chữ: {words}." in text


def test_regional_words_come_from_the_template(tmp_path: Path) -> None:
    template = load_template(write_template(tmp_path, words_odd="lẻ"), FEE_RECEIPT_TEMPLATE_SPEC)
    text = page_texts(render_fee_receipt(make_data(fees=(("Lệ phí", 1_005_000),)), template))[0]
    assert "Số tiền bằng chữ: Một triệu không trăm lẻ năm nghìn đồng." in text


def test_each_payment_method_is_named() -> None:
    names = {PaymentMethod.CASH: "Tiền mặt", PaymentMethod.BANK_TRANSFER: "Chuyển khoản",
             PaymentMethod.QR: "Thanh toán qua mã QR"}
    for method, name in names.items():
        text = page_texts(render_fee_receipt(make_data(method=method)))[0]
        assert f"Hình thức thanh toán: {name}" in text


def test_provisional_and_missing_codes_are_marked() -> None:
    text = page_texts(render_fee_receipt(make_data(code_provisional=True)))[0]
    assert f"Mã hồ sơ: {CODE} (mã tạm)" in text
    text = page_texts(render_fee_receipt(make_data(dossier_code=None, code_provisional=True)))[0]
    assert "Mã hồ sơ: ……………" in text and "mã tạm" not in text


def test_times_are_printed_in_vietnam_time() -> None:
    text = page_texts(render_fee_receipt(make_data(
        paid_at=datetime(2026, 11, 20, 17, 30, tzinfo=timezone.utc))))[0]
    assert "ngày 21 tháng 11 năm 2026" in text
    assert "Thời gian nộp tiền: 00:30 ngày 21/11/2026" in text


@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_reprint_is_marked_on_every_page(paper: PaperFormat) -> None:
    pdf = render_fee_receipt(make_data(), paper=paper,
                             reprinted_at=datetime(2026, 11, 22, 1, 5, tzinfo=timezone.utc))
    texts = page_texts(pdf)
    assert len(texts) == 2
    for text in texts:
        assert "Bản in lại lúc 08:05 ngày 22/11/2026" in text
        assert "BẢN IN LẠI" in text
    assert "Bản in lại" not in "".join(page_texts(render_fee_receipt(make_data(), paper=paper)))


def test_a_reprint_time_without_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        render_fee_receipt(make_data(), reprinted_at=datetime(2026, 11, 22, 8, 0))


def test_markup_characters_and_decomposed_accents_are_printed_as_typed() -> None:
    nfd = unicodedata.normalize("NFD", "Lê Thị Ánh Tuyết")
    address = "Lô <A> & <B>, khu đô thị \"Phước Long\""
    text = page_texts(render_fee_receipt(make_data(payer_name=nfd, payer_address=address)))[0]
    assert "Họ và tên người nộp tiền: Lê Thị Ánh Tuyết" in text
    assert f"Địa chỉ: {address}" in text


@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_many_fees_still_keep_copies_apart(paper: PaperFormat) -> None:
    fees = tuple((f"Phí, lệ phí số {n} theo biểu phí của tỉnh", 10_000 * n) for n in range(1, 41))
    pdf = render_fee_receipt(make_data(fees=fees), paper=paper)
    texts = page_texts(pdf)
    first = [t for t in texts if "Liên 1: Lưu" in t]
    second = [t for t in texts if "Liên 2: Giao người nộp" in t]
    assert len(first) + len(second) == len(texts) and texts[: len(first)] == first
    total = sum(amount for _name, amount in fees)
    for copy in (first, second):
        joined = " ".join(copy)
        for name, _amount in fees:
            assert name in joined
        assert joined.count("NGƯỜI THU TIỀN") == 1
        assert f"Tổng cộng {total:,}".replace(",", ".") in joined
        for later in copy[1:]:
            assert f"Biên lai số 0001275, mã hồ sơ {CODE} (tiếp theo, trang" in later


def test_same_receipt_renders_to_the_same_bytes() -> None:
    assert render_fee_receipt(make_data()) == render_fee_receipt(make_data())


def test_metadata_names_the_receipt() -> None:
    meta = PdfReader(io.BytesIO(render_fee_receipt(make_data()))).metadata
    assert meta.title == "Biên lai thu tiền phí, lệ phí số 0001275"
    assert meta.author == AGENCY


@needs_pdftoppm
@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_nothing_runs_into_the_side_margins(pdfs: dict[PaperFormat, bytes], paper: PaperFormat,
                                            tmp_path: Path) -> None:
    assert margin_ink(pdfs[paper], tmp_path, paper) == []


# ---------------------------------------------------------------------------- template

def write_template(tmp_path: Path, **changes: object) -> Path:
    texts = json.loads(template_path("fee_receipt.vi.json").read_text(encoding="utf-8"))
    texts.update(changes)
    for key in [key for key, value in changes.items() if value is None]:
        del texts[key]
    path = tmp_path / "fee_receipt_custom.vi.json"
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return path


def test_new_template_changes_the_wording_without_code(tmp_path: Path) -> None:
    template = load_template(write_template(tmp_path, title="BIÊN LAI THU PHÍ, LỆ PHÍ",
                                            method_cash="Nộp tiền mặt tại quầy"),
                             FEE_RECEIPT_TEMPLATE_SPEC)
    text = page_texts(render_fee_receipt(make_data(method=PaymentMethod.CASH), template))[0]
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in text
    assert "Hình thức thanh toán: Nộp tiền mặt tại quầy" in text


@pytest.mark.parametrize("changes,reason", [
    ({"method_qr": None}, "missing: method_qr"),
    ({"in_words": "Bằng chữ: {amount}"}, "unknown placeholders amount"),
    ({"fees_columns": ["TT", "Khoản thu"]}, "fees_columns must list 3"),
    ({"reprint": None}, "missing: reprint"),
])
def test_template_that_does_not_fit_is_refused(tmp_path: Path, changes: dict, reason: str) -> None:
    with pytest.raises(TemplateError) as caught:
        load_template(write_template(tmp_path, **changes), FEE_RECEIPT_TEMPLATE_SPEC)
    assert reason in str(caught.value)


def test_every_fixed_text_is_in_the_template() -> None:
    # The module holds no Vietnamese wording: every letter with a diacritic is data.
    source = Path(__file__).resolve().parents[2] / "desk_app" / "documents" / "fee_receipt.py"
    # Comments describe, they do not print ("#F0F0F0" loses nothing that matters here).
    code_lines = [re.sub(r"#.*$", "", line) for line in source.read_text(encoding="utf-8").splitlines()]
    body = "\n".join(code_lines)
    body = re.sub(r'"""(.|\n)*?"""', "", body)  # docstrings describe, they do not print
    assert not re.search(r"[À-ỹ]", body), "Vietnamese text in fee_receipt.py"


# ---------------------------------------------------------------------------- speed

def test_render_time_on_a4() -> None:
    data = make_data()
    render_fee_receipt(data)  # fonts registered, template loaded
    times = []
    for _ in range(20):
        start = time.perf_counter()
        render_fee_receipt(data)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"fee receipt A4: median {median * 1000:.1f} ms over 20 renders")
    assert median < 1.0
