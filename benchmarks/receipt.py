"""Rendering the receipt (Mẫu 01), against the least a reportlab PDF with the same font costs.

The receipt is the one every citizen takes home, printed while they wait: both copies
("Liên 1", "Liên 2") of a realistic dossier (a long name and address with every kind of
diacritic, three documents, a fee, a sealed QR code) rendered to PDF bytes by
``render_receipt`` on each paper the desk prints on (A4, A5, the 80 mm roll). Each render
has a dossier code of its own, so the QR code is encoded every time, as at the counter.

The yardstick is a one-page reportlab document in the same embedded serif with one
paragraph of Vietnamese text: what any PDF with this font costs (the font subset, the
document's frame, the file). Both are timed in turns in the same run, after a warm-up
(fonts registered, templates loaded), so drift on a shared machine falls on both. The
issue's goal is a median of at most 50 ms for Mẫu 01 on A4; the ratio says how much of it
is the form itself.

Prints one JSON object on stdout. Times are in milliseconds.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from desk_app.core.timeutil import VN_TZ  # noqa: E402
from desk_app.documents.fonts import FAMILY, register_fonts  # noqa: E402
from desk_app.documents.page_formats import PaperFormat  # noqa: E402
from desk_app.documents.receipt import ReceiptData, render_receipt  # noqa: E402

PARAGRAPH = ("Tiếp nhận hồ sơ của ông/bà Nguyễn Thị Phương Thảo, địa chỉ số 128/7B đường Nguyễn Thị "
             "Minh Khai, khu phố Phước Hải, phường Lộc Thọ, tỉnh Khánh Hòa; đề nghị đổi giấy phép lái xe "
             "do ngành Giao thông vận tải cấp. Thời gian trả kết quả: 09:30 ngày 28/11/2026.")


def receipt() -> ReceiptData:
    return ReceiptData(
        agency_name="Sở Xây dựng tỉnh Khánh Hòa",
        place="Khánh Hòa",
        dossier_code="000.00.17.H56-261121-0001",
        code_provisional=False,
        procedure_name="Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
        applicant_name="Nguyễn Thị Phương Thảo Hoàng Quỳnh",
        applicant_address=("Số 128/7B đường Nguyễn Thị Minh Khai, khu phố Phước Hải, phường Lộc Thọ, "
                           "thành phố Nha Trang, tỉnh Khánh Hòa, Việt Nam"),
        phone="0905123456",
        email="phuongthao.hq@example.vn",
        documents=(("Đơn đề nghị đổi, cấp lại giấy phép lái xe (theo mẫu)", 1, 0, 0),
                   ("Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp", 1, 0, 0),
                   ("Bản sao giấy phép lái xe và căn cước của người đề nghị", 0, 1, 2)),
        processing_days=5,
        received_at=datetime(2026, 11, 21, 9, 30, tzinfo=VN_TZ),
        due_at=datetime(2026, 11, 28, 9, 30, tzinfo=VN_TZ),
        fees=(("Lệ phí cấp đổi giấy phép lái xe", 135_000),),
        officer_name="Trần Văn Bình",
        lookup_url="https://dichvucong.example.gov.vn/tra-cuu",
        # As long as a real seal's parameters (key id, time, officer, procedure, signature).
        seal_params=(("k", "q7ZK2Wd0"), ("t", "1795740600"), ("o", "canbo01"), ("p", "TEST.GPLX.01"),
                     ("s", "A" * 86)),
    )


def one_paragraph() -> bytes:
    buffer = io.BytesIO()
    style = ParagraphStyle("body", fontName=FAMILY, fontSize=13, leading=17)
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName=FAMILY).build([Paragraph(PARAGRAPH, style)])
    return buffer.getvalue()


def timed(fn: Callable[[], bytes]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def summary(samples: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(samples), 1), "min": round(min(samples), 1),
            "max": round(max(samples), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each (default 30)")
    parser.add_argument("--quick", action="store_true", help="3 runs: checks that the benchmark works")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs

    register_fonts()
    numbers = itertools.count(1)

    def render(paper: PaperFormat) -> bytes:
        # A new dossier code each time, as at the counter: nothing about the QR code is reused.
        data = replace(receipt(), dossier_code=f"000.00.17.H56-261121-{next(numbers):04d}")
        return render_receipt(data, paper=paper)

    renders = {paper: (lambda paper=paper: render(paper)) for paper in PaperFormat}
    for fn in (one_paragraph, *renders.values()):
        fn()  # warm-up: fonts, templates, reportlab's caches
    samples: dict[str, list[float]] = {"baseline": [], **{paper.value: [] for paper in PaperFormat}}
    for _ in range(runs):
        samples["baseline"].append(timed(one_paragraph))
        for paper, fn in renders.items():
            samples[paper.value].append(timed(fn))

    baseline = statistics.median(samples["baseline"])
    a4 = statistics.median(samples[PaperFormat.A4.value])
    result = {
        "benchmark": "receipt",
        "runs": runs,
        "cpus": os.cpu_count(),
        "mau01_a4_ms": round(a4, 1),
        "one_paragraph_ms": round(baseline, 1),
        "ratio": round(a4 / baseline, 2),
        "goal_ms": 50,
        "mau01_a5_ms": round(statistics.median(samples[PaperFormat.A5.value]), 1),
        "mau01_roll80_ms": round(statistics.median(samples[PaperFormat.ROLL_80.value]), 1),
        "pdf_bytes": {paper.value: len(fn()) for paper, fn in renders.items()},
        **{name: summary(values) for name, values in samples.items()},
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
