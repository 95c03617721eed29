"""The dossier ledger (Sổ theo dõi hồ sơ) rendered to real PDFs on every paper and read back
with pypdf (and pdftoppm)."""

from __future__ import annotations

import dataclasses
import json
import re
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from desk_app.core.catalogue import DeliveryOption
from desk_app.core.dossier import Applicant, DossierStatus
from desk_app.core.status_events import StatusEvent
from desk_app.core.timeutil import VN_TZ
from desk_app.documents.ledger import (
    LEDGER_TEMPLATE_SPEC,
    LedgerData,
    LedgerRow,
    handover_times,
    ledger_rows,
    ledger_template,
    render_ledger,
)
from desk_app.documents.page_formats import PaperFormat, geometry
from desk_app.documents.templates import TemplateError, load_template, template_path
from tests.documents.test_fee_receipt import (
    ALL_PAPERS,
    assert_only_desk_serif,
    make_dossier,
    make_procedure,
    margin_ink,
    missing_glyphs,
    needs_pdftoppm,
    page_sizes,
    page_texts,
)

AGENCY = "Sở Xây dựng tỉnh Đắk Lắk"
DAY = date(2026, 11, 21)
PEOPLE = [
    ("Nguyễn Thị Phương Thảo", "Số 128/7B đường Nguyễn Thị Minh Khai, phường Lộc Thọ, tỉnh Khánh Hòa", "0905123456"),
    ("Tôn Nữ Hoàng Quỳnh Hương", "Thôn 5, xã Ea H'leo, tỉnh Đắk Lắk", None),
    ("Y Bih Niê", "Buôn Ako Dhông, phường Tân Lợi, 12/3 hẻm 45/7", "0262 3852 123"),
    ("Lê Thị Ánh Tuyết", "Tổ 7, khu phố 2, phường Quy Nhơn Nam, tỉnh Gia Lai", "0912345678"),
    ("Trần Văn Bình", "Ấp Phước Lợi, xã Ô Môn, thành phố Cần Thơ", "0987000111"),
]


def moment(minutes: int) -> datetime:
    return datetime(2026, 11, 21, 7, 0, tzinfo=VN_TZ) + timedelta(minutes=minutes)


def day_dossiers(count: int) -> list:
    """`count` dossiers received on DAY, given out of order; the third is posted back, every
    fourth has been handed over, the sixth has a provisional code."""
    dossiers = []
    for index in reversed(range(count)):
        name, address, phone = PEOPLE[index % len(PEOPLE)]
        received = moment(2 * index)
        dossiers.append(make_dossier(
            code=f"000.00.17.H56-261121-{index + 1:04d}",
            code_provisional=index % 6 == 5,
            applicant=Applicant(name, address=address, phone=phone),
            received_at=received,
            due_at=received + timedelta(days=7),
            delivery=DeliveryOption.POST if index % 3 == 2 else DeliveryOption.DESK,
            delivery_address=address if index % 3 == 2 else None,
            status=DossierStatus.HANDED_OVER if index % 4 == 0 else DossierStatus.PROCESSING,
        ))
    return dossiers


def handovers(dossiers: list) -> dict[str, datetime]:
    events = []
    for dossier in dossiers:
        if dossier.status is DossierStatus.HANDED_OVER:
            events.append(StatusEvent.new(dossier.client_id, DossierStatus.RESULT_READY,
                                          DossierStatus.HANDED_OVER,
                                          at=dossier.received_at + timedelta(days=6, hours=2),
                                          actor="canbo01"))
    return handover_times(events)


def make_ledger(count: int = 12, **changes: object) -> LedgerData:
    dossiers = day_dossiers(count)
    rows = ledger_rows(dossiers, [make_procedure()], returned=handovers(dossiers))
    data = LedgerData(agency_name=AGENCY, period_start=DAY, period_end=DAY, rows=rows)
    return dataclasses.replace(data, **changes)


def joined(pdf: bytes) -> str:
    # A dossier code too wide for its column breaks after a hyphen.
    return re.sub(r"(?<=\S)-\s+", "-", " ".join(page_texts(pdf)))


COLUMNS = ["TT", "Mã hồ sơ", "Tên thủ tục hành chính", "Tên cá nhân, tổ chức",
           "Địa chỉ, số điện thoại", "Cơ quan chủ trì giải quyết", "Nhận hồ sơ",
           "Hẹn trả kết quả", "Trả kết quả", "Hình thức nhận kết quả", "Ký nhận"]


@pytest.fixture(scope="module")
def ledger() -> LedgerData:
    return make_ledger()


@pytest.fixture(scope="module")
def pdfs(ledger: LedgerData) -> dict[PaperFormat, bytes]:
    return {paper: render_ledger(ledger, paper=paper) for paper in ALL_PAPERS}


# ---------------------------------------------------------------------------- rows

def test_rows_come_from_the_dossiers_in_the_order_received() -> None:
    dossiers = day_dossiers(8)
    rows = ledger_rows(dossiers, [make_procedure()], returned=handovers(dossiers))
    assert [row.number for row in rows] == list(range(1, 9))
    assert [row.dossier_code for row in rows] == [f"000.00.17.H56-261121-{n:04d}" for n in range(1, 9)]
    first = rows[0]
    assert first.applicant_name == "Nguyễn Thị Phương Thảo" and first.phone == "0905123456"
    assert first.applicant_address.startswith("Số 128/7B")
    assert first.procedure_name == "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
    assert first.handling_agency == AGENCY
    assert first.received_at == moment(0) and first.due_at == moment(0) + timedelta(days=7)
    assert first.returned_at == moment(0) + timedelta(days=6, hours=2)
    assert rows[1].returned_at is None
    assert rows[2].delivery is DeliveryOption.POST and rows[0].delivery is DeliveryOption.DESK
    assert rows[5].code_provisional and not rows[4].code_provisional


def test_refused_dossiers_are_not_in_the_book_and_lost_procedures_show_their_code() -> None:
    kept = make_dossier(received_at=moment(10))
    refused = make_dossier(received_at=moment(5), status=DossierStatus.REFUSED)
    orphan = make_dossier(received_at=moment(0), procedure_code="OLD.PROC.07", code=None)
    rows = ledger_rows([kept, refused, orphan], {"DEMO.GPLX.01": make_procedure()})
    assert [(row.number, row.dossier_code) for row in rows] == [(1, None), (2, kept.code)]
    assert rows[0].procedure_name == "OLD.PROC.07" and rows[0].handling_agency == ""
    text = joined(render_ledger(LedgerData(agency_name=AGENCY, period_start=DAY, period_end=DAY,
                                           rows=rows)))
    assert "OLD.PROC.07" in text and "……………" in text


def test_handover_times_keep_the_last_hand_over_only() -> None:
    dossier = make_dossier()
    ready = StatusEvent.new(dossier.client_id, DossierStatus.PROCESSING, DossierStatus.RESULT_READY,
                            at=moment(100), actor="canbo01")
    early = StatusEvent.new(dossier.client_id, DossierStatus.RESULT_READY, DossierStatus.HANDED_OVER,
                            at=moment(200), actor="canbo01")
    late = dataclasses.replace(early, event_id="other", at=moment(300))
    assert handover_times([late, ready, early]) == {dossier.client_id: moment(300)}


@pytest.mark.parametrize("change,reason", [
    ({"period_end": date(2026, 11, 20)}, "ends before"),
    ({"period_start": date(2026, 11, 22), "period_end": date(2026, 11, 30)}, "outside the period"),
])
def test_inconsistent_ledgers_are_refused(change: dict, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        make_ledger(4, **change)


def test_rows_need_aware_times_and_numbers() -> None:
    row = make_ledger(1).rows[0]
    with pytest.raises(ValueError, match="timezone-aware"):
        dataclasses.replace(row, returned_at=datetime(2026, 11, 27, 9, 0))
    with pytest.raises(ValueError, match="numbered"):
        dataclasses.replace(row, number=0)


def test_a_late_evening_dossier_belongs_to_its_vietnam_day() -> None:
    # 17:30 UTC on the 20th is 00:30 on the 21st at the desk.
    row = dataclasses.replace(make_ledger(1).rows[0],
                              received_at=datetime(2026, 11, 20, 17, 30, tzinfo=timezone.utc))
    data = LedgerData(agency_name=AGENCY, period_start=DAY, period_end=DAY, rows=(row,))
    assert "00:30 21/11/2026" in joined(render_ledger(data))


# ---------------------------------------------------------------------------- rendering

def expected_cells(row: LedgerRow) -> list[str]:
    def at(value: datetime) -> str:
        return value.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")

    cells = [row.dossier_code, row.procedure_name, row.applicant_name, row.applicant_address,
             row.handling_agency, at(row.received_at), at(row.due_at),
             "Qua bưu chính công ích" if row.delivery is DeliveryOption.POST else "Tại bộ phận một cửa"]
    if row.phone:
        cells.append(f"ĐT: {row.phone}")
    if row.returned_at:
        cells.append(at(row.returned_at))
    return cells


@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_every_row_and_field_is_printed(ledger: LedgerData, pdfs: dict[PaperFormat, bytes],
                                        paper: PaperFormat) -> None:
    text = joined(pdfs[paper])
    for item in ["SỞ XÂY DỰNG TỈNH ĐẮK LẮK", "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", "SỔ THEO DÕI HỒ SƠ",
                 "Ngày 21 tháng 11 năm 2026", "Mẫu số 06 - Thông tư 01/2018/TT-VPCP",
                 "Tổng số: 12 hồ sơ", "(mã tạm)"]:
        assert item in text, (paper, item)
    for row in ledger.rows:
        for cell in expected_cells(row):
            assert cell in text, (paper, row.number, cell)
    if paper is PaperFormat.ROLL_80:
        for row in ledger.rows:
            assert f"{row.number}. Mã hồ sơ: {row.dossier_code}" in text
        assert text.count("Ký nhận:") == len(ledger.rows)
    else:
        assert " ".join(COLUMNS) in text
    assert not re.search(r"\{[a-z_]+(:[^}]*)?\}", text)


@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_pages_are_landscape_sheets_or_roll_slips_and_numbered(pdfs: dict[PaperFormat, bytes],
                                                                paper: PaperFormat) -> None:
    page = geometry(paper)
    sizes = page_sizes(pdfs[paper])
    texts = page_texts(pdfs[paper])
    for width, height in sizes:
        if page.roll:
            assert round(width) == round(page.width) and height <= page.height + 1
        else:
            assert (round(width), round(height)) == (round(page.height), round(page.width))
    for number, text in enumerate(texts, 1):
        assert f"Trang {number}/{len(texts)}" in text
    if paper is PaperFormat.ROLL_80:
        assert len(texts) == 1
    else:
        assert len(texts) >= 2 if paper is PaperFormat.A5 else len(texts) >= 1


@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_only_the_desk_serif_family_is_embedded(pdfs: dict[PaperFormat, bytes], paper: PaperFormat) -> None:
    assert_only_desk_serif(pdfs[paper])


@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_every_character_has_a_glyph(pdfs: dict[PaperFormat, bytes], paper: PaperFormat) -> None:
    assert missing_glyphs(joined(pdfs[paper])) == set()
    assert missing_glyphs(json.dumps(ledger_template().texts, ensure_ascii=False)) == set()


@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_an_empty_period_prints_its_header_and_says_so(paper: PaperFormat) -> None:
    data = LedgerData(agency_name="Ủy ban nhân dân xã Ea H'leo", period_start=date(2026, 11, 1),
                      period_end=date(2026, 11, 30))
    pdf = render_ledger(data, paper=paper)
    texts = page_texts(pdf)
    assert len(texts) == 1
    text = texts[0]
    for item in ["ỦY BAN NHÂN DÂN XÃ EA H'LEO", "SỔ THEO DÕI HỒ SƠ",
                 "Từ ngày 01/11/2026 đến ngày 30/11/2026",
                 "Không có hồ sơ nào được tiếp nhận trong thời gian này.", "Trang 1/1"]:
        assert item in text, item
    assert "Tổng số" not in text and "Mã hồ sơ" not in text
    assert_only_desk_serif(pdf)


@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_a_busy_month_paginates(paper: PaperFormat) -> None:
    data = make_ledger(150)   # many sheets, and several slips on the roll
    start = time.perf_counter()
    pdf = render_ledger(data, paper=paper)
    elapsed = time.perf_counter() - start
    texts = page_texts(pdf)
    sizes = page_sizes(pdf)
    page = geometry(paper)
    assert len(texts) > 1
    text = joined(pdf)
    for row in data.rows:
        assert text.count(row.dossier_code) == 1, row.dossier_code
    assert "Tổng số: 150 hồ sơ" in texts[-1]
    for number, page_text in enumerate(texts, 1):
        assert f"Trang {number}/{len(texts)}" in page_text
        if not page.roll:
            # The column heads on every sheet; the book's name on every sheet after the first.
            assert " ".join(COLUMNS) in page_text
            if number > 1:
                assert f"Sổ theo dõi hồ sơ - {AGENCY} - Ngày 21 tháng 11 năm 2026" in page_text
    if page.roll:
        assert all(round(w) == round(80 * mm) and h <= page.height + 1 for w, h in sizes)
    assert elapsed < 20, elapsed


@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_a_long_row_is_never_cut(paper: PaperFormat) -> None:
    long_address = ", ".join(f"tổ dân phố số {n}/{n + 1}" for n in range(1, 40))
    row = dataclasses.replace(make_ledger(1).rows[0], applicant_address=long_address)
    data = LedgerData(agency_name=AGENCY, period_start=DAY, period_end=DAY, rows=(row,) * 3)
    text = re.sub(r"\s+", " ", " ".join(page_texts(render_ledger(data, paper=paper))))
    assert text.count("tổ dân phố số 39/40") == 3


@needs_pdftoppm
@pytest.mark.parametrize("paper", ALL_PAPERS)
def test_nothing_runs_into_the_side_margins(pdfs: dict[PaperFormat, bytes], paper: PaperFormat,
                                            tmp_path: Path) -> None:
    assert margin_ink(pdfs[paper], tmp_path, paper) == []


def test_same_ledger_renders_to_the_same_bytes(ledger: LedgerData) -> None:
    assert render_ledger(ledger) == render_ledger(ledger)


# ---------------------------------------------------------------------------- template

def write_template(tmp_path: Path, **changes: object) -> Path:
    texts = json.loads(template_path("ledger.vi.json").read_text(encoding="utf-8"))
    texts.update(changes)
    for key in [key for key, value in changes.items() if value is None]:
        del texts[key]
    path = tmp_path / "ledger_custom.vi.json"
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return path


def test_new_template_changes_the_wording_without_code(tmp_path: Path, ledger: LedgerData) -> None:
    template = load_template(write_template(tmp_path, title="SỔ THEO DÕI HỒ SƠ MỘT CỬA",
                                            page="Tờ {page} trên {pages}"), LEDGER_TEMPLATE_SPEC)
    texts = page_texts(render_ledger(ledger, template))
    assert "SỔ THEO DÕI HỒ SƠ MỘT CỬA" in texts[0]
    assert f"Tờ 1 trên {len(texts)}" in texts[0]


@pytest.mark.parametrize("changes,reason", [
    ({"empty": None}, "missing: empty"),
    ({"page": "Trang {page}/{total}"}, "unknown placeholders total"),
    ({"columns": COLUMNS[:10]}, "columns must list 11"),
])
def test_template_that_does_not_fit_is_refused(tmp_path: Path, changes: dict, reason: str) -> None:
    with pytest.raises(TemplateError) as caught:
        load_template(write_template(tmp_path, **changes), LEDGER_TEMPLATE_SPEC)
    assert reason in str(caught.value)


def test_every_fixed_text_is_in_the_template() -> None:
    source = Path(__file__).resolve().parents[2] / "desk_app" / "documents" / "ledger.py"
    lines = [re.sub(r"#.*$", "", line) for line in source.read_text(encoding="utf-8").splitlines()]
    body = re.sub(r'"""(.|\n)*?"""', "", "\n".join(lines))
    assert not re.search(r"[À-ỹ]", body), "Vietnamese text in ledger.py"
