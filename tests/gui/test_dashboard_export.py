"""The dashboard's exports, without Qt: every figure of the three answers, read back from the files."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date, datetime, timedelta

import openpyxl
import pytest

from desk_app.gui.supervisor import dashboard_export
from desk_app.gui.supervisor.dashboard_export import LABELS, Rate, summary_rows, write_csv, write_xlsx


def answers() -> tuple[dict, dict, dict]:
    """Three answers in the shape of /v1/stats/summary, /overdue and /due, with Vietnamese text."""
    first = date(2026, 11, 2)
    days = [{"day": (first + timedelta(days=i)).isoformat(), "direct": d, "online": o, "postal": p,
             "count": d + o + p} for i, (d, o, p) in enumerate([(3, 1, 0), (0, 0, 0), (2, 2, 1)])]
    summary = {
        "site_code": "000.00.17.H56", "from": "2026-11-02", "to": "2026-11-04", "as_of": "2026-11-20T09:30:00+07:00",
        "total": 9,
        "by_status": [{"status": 2, "count": 9}],
        "by_channel": [{"channel": 1, "count": 5}, {"channel": 2, "count": 3}, {"channel": 3, "count": 1}],
        "by_procedure": [
            {"procedure_code": "DEMO.GPLX.01", "procedure_name": "Đổi giấy phép lái xe", "count": 7,
             "with_result": 3, "on_time": 2, "open": 4, "overdue": 1},
            {"procedure_code": "DEMO.GPLX.04", "procedure_name": None, "count": 2,
             "with_result": 0, "on_time": 0, "open": 2, "overdue": 0},
        ],
        "by_officer": [{"username": "canbo01", "full_name": "Nguyễn Thị Lan", "count": 9,
                        "with_result": 3, "on_time": 2, "open": 6, "overdue": 1}],
        "by_day": days,
        "on_time": {"with_result": 3, "on_time": 2, "late": 1, "rate": 0.6667},
        "overdue": {"open": 6, "count": 1, "rate": 0.1667},
        "online": {"count": 3, "share": 0.3333},
        "postal": {"count": 1, "share": 0.1111},
    }
    item = {"client_id": "c1", "code": "000.00.17.H56-261102-0001", "procedure_code": "DEMO.GPLX.01",
            "procedure_name": "Đổi giấy phép lái xe", "applicant_name": "Phạm Thị Hoa", "status": 2,
            "received_at": "2026-11-02T09:00:00+07:00", "due_at": "2026-11-09T17:00:00+07:00"}
    overdue = {"site_code": "000.00.17.H56", "as_of": summary["as_of"], "count": 1, "items": [{**item, "days_late": 8}]}
    due = {"site_code": "000.00.17.H56", "day": "2026-11-20", "count": 1,
           "items": [{**item, "client_id": "c2", "code": "000.00.17.H56-261113-0004",
                      "due_at": "2026-11-20T16:00:00+07:00"}]}
    return summary, overdue, due


def test_the_rows_hold_every_figure_in_sections():
    summary, overdue, due = answers()
    rows = summary_rows(summary, overdue, due)
    by_label = {(section, label): value for section, label, value in rows}
    head = LABELS["section.summary"]
    assert by_label[(head, LABELS["total"])] == 9
    assert by_label[(head, LABELS["direct"])] == 5
    assert by_label[(head, LABELS["online_share"])] == Rate(0.3333)
    assert by_label[(head, LABELS["on_time_rate"])] == Rate(0.6667)
    assert by_label[(head, LABELS["overdue"])] == 1 and by_label[(head, LABELS["open"])] == 6
    assert by_label[(head, LABELS["overdue_all"])] == 1 and by_label[(head, LABELS["due_today_count"])] == 1
    assert by_label[(LABELS["section.by_day"], f"04/11/2026 · {LABELS['postal']}")] == 1
    per_day = [v for s, label, v in rows if s == LABELS["section.by_day"] and label.endswith(LABELS["total"])]
    assert per_day == [d["count"] for d in summary["by_day"]]
    procedure = f"DEMO.GPLX.01 Đổi giấy phép lái xe · {LABELS['overdue']}"
    assert by_label[(LABELS["section.by_procedure"], procedure)] == 1
    assert by_label[(LABELS["section.by_procedure"], f"DEMO.GPLX.04 · {LABELS['on_time_rate']}")] == Rate(None)
    assert [s for s, _l, _v in rows].count(LABELS["section.overdue"]) == 1
    assert [v for s, _l, v in rows if s == LABELS["section.overdue"]] == [8]
    # The caller's words replace the English ones.
    translated = summary_rows(summary, overdue, due, {"section.summary": "Tổng hợp", "total": "Tiếp nhận"})
    assert ("Tổng hợp", "Tiếp nhận", 9) in translated


def test_the_csv_opens_in_excel_with_vietnamese_text(tmp_path):
    summary, overdue, due = answers()
    path = tmp_path / "so-lieu.csv"
    rows = summary_rows(summary, overdue, due)
    write_csv(path, rows)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as f:
        read = list(csv.reader(f))
    assert read[0] == [LABELS["column.section"], LABELS["column.item"], LABELS["column.value"]]
    assert read[1:] == [[s, label, str(v) if v is not None else ""] for s, label, v in rows]
    values = {label: value for _s, label, value in read[1:]}
    assert values[LABELS["on_time_rate"]] == "66.67%"
    assert values[LABELS["total"]] == "9"
    assert any("Phạm Thị Hoa" in label for label in values)


def test_the_workbook_has_a_sheet_per_section_with_numbers_and_percentages(tmp_path):
    summary, overdue, due = answers()
    path = tmp_path / "so-lieu.xlsx"
    write_xlsx(path, summary, overdue, due)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary", "By day", "By procedure", "By officer", "Overdue", "Due today"]
    head = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert head[LABELS["total"]] == 9 and head[LABELS["postal"]] == 1
    assert head[LABELS["on_time_rate"]] == pytest.approx(0.6667)
    rate_cell = next(c for c in book["Summary"]["B"] if c.value == pytest.approx(0.6667))
    assert rate_cell.number_format == "0.00%"
    assert head[LABELS["overdue_rate"]] == pytest.approx(0.1667)
    days = list(book["By day"].iter_rows(min_row=2, values_only=True))
    assert [(d.date(), a, b, c, n) for d, a, b, c, n in days] == [
        (date.fromisoformat(x["day"]), x["direct"], x["online"], x["postal"], x["count"]) for x in summary["by_day"]]
    procedures = list(book["By procedure"].iter_rows(min_row=2, values_only=True))
    assert procedures[0] == ("DEMO.GPLX.01", "Đổi giấy phép lái xe", 7, 3, 2, 4, 1, pytest.approx(0.6667))
    assert procedures[1][-1] is None
    officers = list(book["By officer"].iter_rows(min_row=2, values_only=True))
    assert officers == [("canbo01", "Nguyễn Thị Lan", 9, 3, 2, 6, 1, pytest.approx(0.6667))]
    late = list(book["Overdue"].iter_rows(min_row=2, values_only=True))
    assert late[0][0] == overdue["items"][0]["code"] and late[0][-1] == 8
    assert late[0][5] == datetime(2026, 11, 9, 17, 0)   # Vietnam wall-clock time
    today = list(book["Due today"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in today] == [i["code"] for i in due["items"]]


def test_sheet_titles_are_ones_excel_accepts():
    assert dashboard_export.sheet_title("Theo ngày/tháng: [tổng]") == "Theo ngày tháng   tổng"
    assert len(dashboard_export.sheet_title("x" * 40)) == 31


def test_the_export_module_needs_no_qt():
    code = ("import sys; import desk_app.gui.supervisor.dashboard_export; "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
