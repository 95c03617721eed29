"""The supervisor's dashboard against the real central API: what it draws and exports is
what /v1/stats counts for dossiers seeded at the centre."""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import openpyxl
import pytest
import requests
from PySide6.QtCharts import QBarCategoryAxis, QChart, QPieSeries
from PySide6.QtCore import QDate

from desk_app.core.dossier import Channel, DossierStatus
from desk_app.core.timeutil import VN_TZ, now_vn
from desk_app.credentials import TokenVault
from desk_app.gui.login_window import sign_in
from desk_app.gui.session import DeskServices, DeskSession
from desk_app.gui.supervisor.dashboard_charts import channel_names, count_text, fill_group_chart, percent_text
from desk_app.gui.supervisor.dashboard_export import LABELS
from desk_app.gui.supervisor.dashboard_view import DashboardTab, officer_title
from desk_app.settings import DeskSettings
from desk_app.store import DeskStore
from tests.central.helpers import make_dossier, put_dossier
from tests.support.central_server import DEMO_PASSWORD, RunningCentral, start_central
from tests.support.store_keys import open_store

S = DossierStatus


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCentral]:
    with start_central(tmp_path_factory.mktemp("central"), "sqlite") as running:
        yield running


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), VN_TZ)


def take(central: RunningCentral, received: datetime, due: datetime, *, username: str = "canbo01",
         channel: Channel = Channel.DIRECT, procedure: str = "DEMO.GPLX.01", moves: tuple[S, ...] = ()) -> dict:
    headers = central.headers(username)
    dossier = make_dossier(desk_id=headers["X-Desk-Id"], officer=username, received_at=received, due_at=due,
                           channel=channel, procedure_code=procedure)
    response = put_dossier(central, headers, dossier.to_wire())
    assert response.status_code == 201, response.text
    for to in moves:
        moved = requests.post(central.url(f"/v1/dossiers/{dossier.client_id}/events"),
                              json={"event_id": str(uuid.uuid4()), "to_status": int(to)},
                              headers=central.headers("giamsat01"), timeout=10)
        assert moved.status_code == 201, moved.text
    return response.json()


def stats(central: RunningCentral, path: str, **params: str) -> dict:
    response = requests.get(central.url(path), params=params, headers=central.headers("giamsat01"), timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def tab(qtbot, tmp_path, central) -> Iterator[DashboardTab]:
    vault = TokenVault(service="one-stop-desk-tests", use_keyring=False)
    store = open_store(tmp_path / "store")
    services = DeskServices(
        settings=DeskSettings(server_url=central.base_url, desk_id="DESK-NT-02", sync_interval_seconds=3600),
        vault=vault, server_url=central.base_url, store=store)
    session: DeskSession = sign_in(central.base_url, "DESK-NT-02", vault, "giamsat01", DEMO_PASSWORD)
    widget = DashboardTab(services, session)
    qtbot.addWidget(widget)
    yield widget
    session.client.close()
    store.close()


def bar_values(chart) -> dict[str, list[float]]:
    return {s.label(): [s.at(i) for i in range(s.count())] for series in chart.series() for s in series.barSets()}


def column(table, number: int) -> list[str]:
    return [table.item(row, number).text() for row in range(table.rowCount())]


def test_the_dashboard_draws_and_exports_the_central_figures(qtbot, tab, central, tmp_path):
    today = now_vn().date()
    d0 = today - timedelta(days=100)
    future, due_today = at(today, 17) + timedelta(days=30), at(today, 23, 59)
    day = [d0 + timedelta(days=n) for n in range(10)]
    take(central, at(day[0], 9), future, moves=(S.RESULT_READY,))                                # on time
    take(central, at(day[0], 10), at(day[1], 17), channel=Channel.ONLINE)                        # overdue
    take(central, at(day[1], 8), at(day[2], 17), username="giamsat01", channel=Channel.POSTAL,
         moves=(S.RESULT_READY,))                                                                 # late
    take(central, at(day[3], 9), at(day[4], 17), procedure="DEMO.GPLX.04")                       # overdue
    take(central, at(day[3], 11), due_today, channel=Channel.ONLINE)                             # due today
    take(central, at(day[9], 9), future)                                                         # after the period
    first, last = d0, d0 + timedelta(days=6)

    with qtbot.waitSignal(tab.figures_shown, timeout=20_000):
        tab.set_period(first, last)
    summary = stats(central, "/v1/stats/summary", **{"from": first.isoformat(), "to": last.isoformat()})
    overdue, due = stats(central, "/v1/stats/overdue"), stats(central, "/v1/stats/due")
    assert summary["total"] == 5 and overdue["count"] == 2 and due["count"] == 1

    boxes = tab.figure_boxes
    assert boxes["total"].value.text() == count_text(summary["total"])
    assert boxes["online"].value.text() == percent_text(summary["online"]["share"])
    assert f"{summary['online']['count']} of {summary['total']}" in boxes["online"].detail.text()
    assert boxes["postal"].value.text() == percent_text(summary["postal"]["share"])
    assert boxes["on_time"].value.text() == percent_text(summary["on_time"]["rate"])
    assert f"{summary['on_time']['on_time']} of {summary['on_time']['with_result']}" in boxes["on_time"].detail.text()
    assert boxes["overdue"].value.text() == percent_text(summary["overdue"]["rate"])
    assert f"{summary['overdue']['count']} of {summary['overdue']['open']}" in boxes["overdue"].detail.text()

    days = bar_values(tab.day_chart)
    names = channel_names()
    for key in ("direct", "online", "postal"):
        assert days[names[key]] == [d[key] for d in summary["by_day"]]
    pie = [s.value() for series in tab.share_chart.series() if isinstance(series, QPieSeries) for s in series.slices()]
    assert pie == [c["count"] for c in summary["by_channel"]]
    for chart, items in ((tab.procedure_chart, summary["by_procedure"]), (tab.officer_chart, summary["by_officer"])):
        bars = bar_values(chart)
        drawn = list(reversed(items))   # the largest at the top of a horizontal chart
        assert bars["Received"] == [i["count"] for i in drawn]
        assert bars["Result on time"] == [i["on_time"] for i in drawn]
        assert bars["Overdue now"] == [i["overdue"] for i in drawn]
    assert column(tab.overdue_table, 0) == [i["code"] for i in overdue["items"]]
    assert column(tab.overdue_table, 4) == [str(i["days_late"]) for i in overdue["items"]]
    assert column(tab.due_table, 0) == [i["code"] for i in due["items"]]
    assert "As of" in tab.as_of_label.text()

    csv_path, xlsx_path = tmp_path / "figures.csv", tmp_path / "figures.xlsx"
    for export, path in ((tab.export_csv, csv_path), (tab.export_xlsx, xlsx_path)):
        with qtbot.waitSignal(tab.exported, timeout=10_000):
            export(str(path))
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = {(s, label): value for s, label, value in list(csv.reader(f))[1:]}
    head = LABELS["section.summary"]
    assert rows[(head, LABELS["total"])] == str(summary["total"])
    assert rows[(head, LABELS["online"])] == str(summary["online"]["count"])
    assert rows[(head, LABELS["on_time_rate"])] == f"{summary['on_time']['rate'] * 100:.2f}%"
    assert rows[(head, LABELS["overdue"])] == str(summary["overdue"]["count"])
    book = openpyxl.load_workbook(xlsx_path)
    sheet = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert sheet[LABELS["total"]] == summary["total"]
    assert sheet[LABELS["on_time_rate"]] == summary["on_time"]["rate"]
    assert sheet[LABELS["overdue_rate"]] == summary["overdue"]["rate"]
    assert [r[1:] for r in book["By day"].iter_rows(min_row=2, values_only=True)] == [
        (d["direct"], d["online"], d["postal"], d["count"]) for d in summary["by_day"]]
    assert [r[2] for r in book["By procedure"].iter_rows(min_row=2, values_only=True)] == [
        p["count"] for p in summary["by_procedure"]]
    assert [r[0] for r in book["Overdue"].iter_rows(min_row=2, values_only=True)] == [
        i["code"] for i in overdue["items"]]
    assert [r[0] for r in book["Due today"].iter_rows(min_row=2, values_only=True)] == [
        i["code"] for i in due["items"]]

    with qtbot.waitSignal(tab.ledger_requested, timeout=1_000) as asked:
        tab.ledger_button.click()
    assert asked.args == [first, last]

    # The centre goes away: the figures stay, with the time they were counted.
    shown, as_of = tab.figure_boxes["total"].value.text(), tab.as_of_label.text()
    tab.session.client.base_url = "http://127.0.0.1:9"
    op = tab.refresh()
    with qtbot.waitSignal(op.finished, timeout=20_000):
        pass
    assert tab.figure_boxes["total"].value.text() == shown and tab.as_of_label.text() == as_of
    assert "cannot be reached" in tab.message_label.text() and "last ones" in tab.message_label.text()
    assert bar_values(tab.day_chart)[names["online"]] == [d["online"] for d in summary["by_day"]]
    assert tab.export_csv_button.isEnabled()


def test_the_period_picker_offers_this_and_last_month_and_refuses_a_reversed_period(qtbot, tab):
    today = tab.today()
    assert tab.period() == (today.replace(day=1), today)
    tab.set_preset(1, fetch=False)
    first, last = tab.period()
    assert last == today.replace(day=1) - timedelta(days=1) and first == last.replace(day=1)
    tab.from_edit.setDate(QDate(today.year, today.month, today.day))
    yesterday = today - timedelta(days=1)
    tab.to_edit.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    assert tab.period_combo.currentIndex() == 3   # editing a date makes the period a custom one
    assert tab.refresh() is None
    assert "ends before it starts" in tab.message_label.text()


def test_two_officers_of_the_same_name_keep_their_own_bars(qapp):
    officers = [{"username": u, "full_name": n, "count": c, "on_time": 0, "overdue": 0}
                for u, n, c in (("an1", "Nguyễn Văn An", 5), ("an2", "Nguyễn Văn An", 3), ("lan", "Trần Thị Lan", 1))]
    chart = QChart()
    fill_group_chart(chart, officers, officer_title, lambda item: item["username"])
    [axis] = [a for a in chart.axes() if isinstance(a, QBarCategoryAxis)]
    assert axis.categories() == ["Trần Thị Lan", "Nguyễn Văn An (an2)", "Nguyễn Văn An (an1)"]
    assert bar_values(chart)["Received"] == [1, 3, 5]


# Every export of the figures is a line of the desk's audit log: who, which format, which
# period; written off the UI thread, before the file.


def test_each_export_is_audited_with_its_format_and_period(qtbot, tab: DashboardTab, tmp_path) -> None:
    store = tab.services.store
    last = now_vn().date()
    first = last - timedelta(days=9)
    with qtbot.waitSignal(tab.figures_shown, timeout=20_000):
        tab.set_period(first, last)
    for export, path in ((tab.export_csv, tmp_path / "figures.csv"), (tab.export_xlsx, tmp_path / "figures.xlsx")):
        with qtbot.waitSignal(tab.exported, timeout=10_000):
            export(str(path))
        assert path.stat().st_size > 0
    exports = [e for e in store.audit_entries() if e.action == "export.dashboard"]
    assert [(e.actor, e.subject, e.details) for e in reversed(exports)] == [
        ("giamsat01", "000.00.17.H56", {"format": fmt, "first": first.isoformat(), "last": last.isoformat()})
        for fmt in ("csv", "xlsx")
    ]
    assert store.verify_audit_chain().ok


def test_an_export_that_cannot_be_written_still_leaves_its_attempt(qtbot, tab: DashboardTab, tmp_path) -> None:
    store = tab.services.store
    with qtbot.waitSignal(tab.figures_shown, timeout=20_000):
        tab.set_period(now_vn().date() - timedelta(days=2), now_vn().date())
    op = tab.export_csv(str(tmp_path / "no such folder" / "figures.csv"))
    assert op is not None
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert "could not be written" in tab.message_label.text()
    assert [e.details["format"] for e in store.audit_entries() if e.action == "export.dashboard"] == ["csv"]
