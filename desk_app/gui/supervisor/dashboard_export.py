"""The supervisor's figures written to CSV and XLSX, without Qt.

Everything here reads the three answers the dashboard shows (``/v1/stats/summary``,
``/v1/stats/overdue``, ``/v1/stats/due``) as they came, so a file holds the same numbers
as the screen and the central API. The texts are English sources marked for lupdate;
the GUI passes their translations as ``labels`` (same keys), so this module needs no Qt
and can be used from a script.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desk_app.core.messages import QT_TRANSLATE_NOOP
from desk_app.core.timeutil import VN_TZ, parse_rfc3339

CONTEXT = "DashboardExport"

LABELS: dict[str, str] = {
    "section.summary": QT_TRANSLATE_NOOP("DashboardExport", "Summary"),
    "section.by_day": QT_TRANSLATE_NOOP("DashboardExport", "By day"),
    "section.by_procedure": QT_TRANSLATE_NOOP("DashboardExport", "By procedure"),
    "section.by_officer": QT_TRANSLATE_NOOP("DashboardExport", "By officer"),
    "section.overdue": QT_TRANSLATE_NOOP("DashboardExport", "Overdue"),
    "section.due_today": QT_TRANSLATE_NOOP("DashboardExport", "Due today"),
    "column.section": QT_TRANSLATE_NOOP("DashboardExport", "Section"),
    "column.item": QT_TRANSLATE_NOOP("DashboardExport", "Item"),
    "column.value": QT_TRANSLATE_NOOP("DashboardExport", "Value"),
    "site": QT_TRANSLATE_NOOP("DashboardExport", "Site"),
    "from": QT_TRANSLATE_NOOP("DashboardExport", "From"),
    "to": QT_TRANSLATE_NOOP("DashboardExport", "To"),
    "as_of": QT_TRANSLATE_NOOP("DashboardExport", "Figures as of"),
    "total": QT_TRANSLATE_NOOP("DashboardExport", "Received"),
    "direct": QT_TRANSLATE_NOOP("DashboardExport", "At the counter"),
    "online": QT_TRANSLATE_NOOP("DashboardExport", "Online"),
    "postal": QT_TRANSLATE_NOOP("DashboardExport", "By post"),
    "online_share": QT_TRANSLATE_NOOP("DashboardExport", "Share online"),
    "postal_share": QT_TRANSLATE_NOOP("DashboardExport", "Share by post"),
    "with_result": QT_TRANSLATE_NOOP("DashboardExport", "With a result"),
    "on_time": QT_TRANSLATE_NOOP("DashboardExport", "Result on time"),
    "late": QT_TRANSLATE_NOOP("DashboardExport", "Result late"),
    "on_time_rate": QT_TRANSLATE_NOOP("DashboardExport", "On-time rate"),
    "open": QT_TRANSLATE_NOOP("DashboardExport", "Still open"),
    "overdue": QT_TRANSLATE_NOOP("DashboardExport", "Overdue now"),
    "overdue_rate": QT_TRANSLATE_NOOP("DashboardExport", "Overdue rate"),
    "overdue_all": QT_TRANSLATE_NOOP("DashboardExport", "Overdue at the site, whenever received"),
    "due_today_count": QT_TRANSLATE_NOOP("DashboardExport", "Due today, still open"),
    "day": QT_TRANSLATE_NOOP("DashboardExport", "Day"),
    "procedure_code": QT_TRANSLATE_NOOP("DashboardExport", "Procedure code"),
    "procedure": QT_TRANSLATE_NOOP("DashboardExport", "Procedure"),
    "username": QT_TRANSLATE_NOOP("DashboardExport", "Account"),
    "officer": QT_TRANSLATE_NOOP("DashboardExport", "Officer"),
    "code": QT_TRANSLATE_NOOP("DashboardExport", "Dossier code"),
    "citizen": QT_TRANSLATE_NOOP("DashboardExport", "Citizen"),
    "received_at": QT_TRANSLATE_NOOP("DashboardExport", "Received at"),
    "due_at": QT_TRANSLATE_NOOP("DashboardExport", "Due at"),
    "days_late": QT_TRANSLATE_NOOP("DashboardExport", "Working days late"),
}

# The XLSX sheets, in order, by the key of their title.
SHEETS = ("section.summary", "section.by_day", "section.by_procedure", "section.by_officer",
          "section.overdue", "section.due_today")
CHANNEL_KEYS = ("direct", "online", "postal")
# The per-procedure and per-officer figures, in the order they are written.
GROUP_FIGURES = ("count", "with_result", "on_time", "open", "overdue")
# Excel refuses these in a sheet title and cuts titles at 31 characters.
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
_SHEET_TITLE_MAX = 31
PERCENT_FORMAT = "0.00%"
DATE_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "hh:mm dd/mm/yyyy"


@dataclass(frozen=True)
class Rate:
    """A share of a whole, as the central API gives it (a ratio, None when the whole is 0)."""

    ratio: float | None

    def __str__(self) -> str:
        return "" if self.ratio is None else f"{self.ratio * 100:.2f}%"


Row = tuple[str, str, object]


def _labels(labels: Mapping[str, str] | None) -> dict[str, str]:
    return {**LABELS, **(labels or {})}


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _moment(text: str | None) -> datetime | None:
    return parse_rfc3339(text).astimezone(VN_TZ) if text else None


def _day_text(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _moment_text(moment: datetime | None) -> str:
    return moment.strftime("%H:%M %d/%m/%Y") if moment else ""


def _procedure_title(item: Mapping[str, Any]) -> str:
    name = item.get("procedure_name")
    return f"{item['procedure_code']} {name}" if name else str(item["procedure_code"])


def _officer_title(item: Mapping[str, Any]) -> str:
    name = item.get("full_name")
    return f"{name} ({item['username']})" if name else str(item["username"])


def _group_label(key: str, t: Mapping[str, str]) -> str:
    return t["total"] if key == "count" else t[key]


def _group_rate(item: Mapping[str, Any]) -> Rate:
    with_result, on_time = item.get("with_result"), item.get("on_time")
    if not with_result or on_time is None:
        return Rate(None)
    return Rate(round(on_time / with_result, 4))


def _summary_section(summary: Mapping[str, Any], overdue: Mapping[str, Any], due: Mapping[str, Any],
                     t: Mapping[str, str]) -> list[tuple[str, object]]:
    """The headline figures as (label, value)."""
    on_time, late_now = summary["on_time"], summary["overdue"]
    channels = {c["channel"]: c["count"] for c in summary["by_channel"]}
    return [
        (t["site"], summary["site_code"]),
        (t["from"], _day_text(_day(summary["from"]))),
        (t["to"], _day_text(_day(summary["to"]))),
        (t["as_of"], _moment_text(_moment(summary.get("as_of")))),
        (t["total"], summary["total"]),
        (t["direct"], channels.get(1, 0)),
        (t["online"], summary["online"]["count"]),
        (t["online_share"], Rate(summary["online"]["share"])),
        (t["postal"], summary["postal"]["count"]),
        (t["postal_share"], Rate(summary["postal"]["share"])),
        (t["with_result"], on_time["with_result"]),
        (t["on_time"], on_time["on_time"]),
        (t["late"], on_time["late"]),
        (t["on_time_rate"], Rate(on_time["rate"])),
        (t["open"], late_now["open"]),
        (t["overdue"], late_now["count"]),
        (t["overdue_rate"], Rate(late_now["rate"])),
        (t["overdue_all"], overdue["count"]),
        (t["due_today_count"], due["count"]),
    ]


def summary_rows(summary: Mapping[str, Any], overdue: Mapping[str, Any], due: Mapping[str, Any],
                 labels: Mapping[str, str] | None = None) -> list[Row]:
    """Every figure the dashboard shows as (section, label, value) rows.

    Counts are ints, shares ``Rate``; a per-day or per-group figure is labelled with its
    day or group and the figure's name ("01/11/2026 · Online").
    """
    t = _labels(labels)
    section = t["section.summary"]
    rows: list[Row] = [(section, label, value) for label, value in _summary_section(summary, overdue, due, t)]
    section = t["section.by_day"]
    for item in summary["by_day"]:
        day = _day_text(_day(item["day"]))
        for key in CHANNEL_KEYS:
            rows.append((section, f"{day} · {t[key]}", item.get(key, 0)))
        rows.append((section, f"{day} · {t['total']}", item["count"]))
    for key, items, title in (("section.by_procedure", summary["by_procedure"], _procedure_title),
                              ("section.by_officer", summary["by_officer"], _officer_title)):
        section = t[key]
        for item in items:
            name = title(item)
            for figure in GROUP_FIGURES:
                rows.append((section, f"{name} · {_group_label(figure, t)}", item.get(figure)))
            rows.append((section, f"{name} · {t['on_time_rate']}", _group_rate(item)))
    for key, answer, late in (("section.overdue", overdue, True), ("section.due_today", due, False)):
        section = t[key]
        for item in answer["items"]:
            due_at = _moment_text(_moment(item.get("due_at")))
            text = f"{item['code']} · {item.get('applicant_name') or ''} · {_procedure_title(item)}"
            if late:
                rows.append((section, f"{text} · {t['due_at']} {due_at}", item["days_late"]))
            else:
                rows.append((section, text, due_at))
    return rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    return str(value)


def write_csv(path: Path | str, rows: Iterable[Row], labels: Mapping[str, str] | None = None) -> None:
    """Section, item, value; UTF-8 with a BOM, which Excel needs to read Vietnamese right."""
    t = _labels(labels)
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([t["column.section"], t["column.item"], t["column.value"]])
        for section, label, value in rows:
            writer.writerow([section, label, _cell_text(value)])


def sheet_title(text: str) -> str:
    return text.translate(_SHEET_FORBIDDEN).strip()[:_SHEET_TITLE_MAX] or "-"


def _naive(moment: datetime | None) -> datetime | None:
    # Excel has no time zones: the cell holds Vietnam wall-clock time, as the screen shows it.
    return moment.replace(tzinfo=None) if moment else None


def write_xlsx(path: Path | str, summary: Mapping[str, Any], overdue: Mapping[str, Any],
               due: Mapping[str, Any], labels: Mapping[str, str] | None = None) -> None:
    """One sheet per section; counts are numbers, shares percentages, days real dates."""
    from openpyxl import Workbook  # only the export needs it; the desk starts without loading it
    from openpyxl.styles import Font

    t = _labels(labels)
    book = Workbook()
    bold = Font(bold=True)
    book.remove(book.active)  # the blank default sheet: every sheet below is a section

    def sheet(key: str, headers: list[str]):  # noqa: ANN202 - openpyxl's Worksheet
        ws = book.create_sheet(sheet_title(t[key]))
        ws.append(headers)
        for cell in ws[1]:
            cell.font = bold
        return ws

    def put(ws, values: list[object], formats: Mapping[int, str] | None = None) -> None:  # noqa: ANN001
        ws.append(values)
        for column, number_format in (formats or {}).items():
            ws.cell(row=ws.max_row, column=column + 1).number_format = number_format

    ws = sheet("section.summary", [t["column.item"], t["column.value"]])
    for label, value in _summary_section(summary, overdue, due, t):
        if isinstance(value, Rate):
            put(ws, [label, value.ratio], {1: PERCENT_FORMAT})
        else:
            put(ws, [label, value])
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 20

    ws = sheet("section.by_day", [t["day"], *(t[k] for k in CHANNEL_KEYS), t["total"]])
    for item in summary["by_day"]:
        put(ws, [_day(item["day"]), *(item.get(k, 0) for k in CHANNEL_KEYS), item["count"]], {0: DATE_FORMAT})
    ws.column_dimensions["A"].width = 12

    group_headers = [_group_label(f, t) for f in GROUP_FIGURES] + [t["on_time_rate"]]
    ws = sheet("section.by_procedure", [t["procedure_code"], t["procedure"], *group_headers])
    for item in summary["by_procedure"]:
        put(ws, [item["procedure_code"], item.get("procedure_name"), *(item.get(f) for f in GROUP_FIGURES),
                 _group_rate(item).ratio], {2 + len(GROUP_FIGURES): PERCENT_FORMAT})
    ws.column_dimensions["B"].width = 60

    ws = sheet("section.by_officer", [t["username"], t["officer"], *group_headers])
    for item in summary["by_officer"]:
        put(ws, [item["username"], item.get("full_name"), *(item.get(f) for f in GROUP_FIGURES),
                 _group_rate(item).ratio], {2 + len(GROUP_FIGURES): PERCENT_FORMAT})
    ws.column_dimensions["B"].width = 30

    listed = [t["code"], t["citizen"], t["procedure_code"], t["procedure"], t["received_at"], t["due_at"]]
    for key, answer, late in (("section.overdue", overdue, True), ("section.due_today", due, False)):
        ws = sheet(key, listed + ([t["days_late"]] if late else []))
        for item in answer["items"]:
            values: list[object] = [item["code"], item.get("applicant_name"), item["procedure_code"],
                                    item.get("procedure_name"), _naive(_moment(item.get("received_at"))),
                                    _naive(_moment(item.get("due_at")))]
            if late:
                values.append(item["days_late"])
            put(ws, values, {4: MOMENT_FORMAT, 5: MOMENT_FORMAT})
        for column, width in (("A", 24), ("B", 28), ("C", 16), ("D", 50), ("E", 17), ("F", 17)):
            ws.column_dimensions[column].width = width
    book.save(path)
