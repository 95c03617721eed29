"""Sync health and the waiting room against the real central API: what desks report through
PUT /v1/desks/{id}/health is what the supervisor sees, and a discard needs a reason and a
second yes before it becomes a command for the desk."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desk_app.core.timeutil import now_vn, to_rfc3339
from desk_app.credentials import TokenVault
from desk_app.gui.login_window import sign_in
from desk_app.gui.session import DeskServices
from desk_app.gui.supervisor.sync_health_view import SyncHealthTab
from desk_app.gui.supervisor.waiting_room_view import WaitingRoomTab
from desk_app.settings import DeskSettings
from desk_app.store import DeskStore
from desk_app.sync.errors import CentralRejected
from tests.central.helpers import make_dossier
from tests.support.central_server import DEMO_PASSWORD, RunningCentral, start_central
from tests.support.store_keys import open_store

HERE, THERE = "DESK-NT-02", "DESK-NT-01"   # the supervisor's desk, and a counter with a held entry
WAITING_DESKS = ("DESK-NT-03", "DESK-NT-04")   # counters with citizens waiting


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCentral]:
    """One server for the module: each test reports for desks of its own."""
    with start_central(tmp_path_factory.mktemp("central"), "sqlite") as running:
        yield running


def report(central: RunningCentral, desk_id: str, *, parked: int, in_progress: int,
           held: list[dict] | None = None) -> dict:
    now = now_vn()
    body = {
        "reported_at": to_rfc3339(now), "waiting": 3, "retrying": 1, "held": len(held or []),
        "last_sent_at": to_rfc3339(now - timedelta(minutes=4)), "held_entries": held or [],
        "drafts": {"parked": parked, "in_progress": in_progress}, "officer": "canbo01", "done_commands": [],
    }
    response = requests.put(central.url(f"/v1/desks/{desk_id}/health"), json=body,
                            headers=central.headers("canbo01", desk_id), timeout=10)
    assert response.status_code in (200, 201), response.text
    return body


def refused_entry() -> dict:
    refusal = CentralRejected(409, "code_conflict", "The code is taken by another dossier.")
    return {"entry_id": 41, "kind": "dossier", "client_id": str(uuid.uuid4()),
            "dossier_code": "000.00.17.H56-261120-0007",
            "problem": {"context": refusal.context, "template": refusal.template, "params": refusal.params},
            "error": refusal.english(), "held_at": to_rfc3339(now_vn() - timedelta(minutes=30))}


@pytest.fixture
def parts(tmp_path, central) -> Iterator[tuple[DeskServices, object]]:
    vault = TokenVault(service="one-stop-desk-tests", use_keyring=False)
    store = open_store(tmp_path / "store")
    services = DeskServices(
        settings=DeskSettings(server_url=central.base_url, desk_id=HERE, sync_interval_seconds=3600),
        vault=vault, server_url=central.base_url, store=store)
    session = sign_in(central.base_url, HERE, vault, "giamsat01", DEMO_PASSWORD)
    yield services, session
    session.client.close()
    store.close()


def refreshed(qtbot, tab) -> None:
    op = tab.refresh()
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    assert op.error is None, op.error


def cells(table, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def desk_row(tab: SyncHealthTab, desk_id: str) -> int:
    assert tab.select_desk(desk_id), desk_id
    return tab.desks_table.currentRow()


def commands_of(central: RunningCentral, desk_id: str) -> list[dict]:
    site = requests.get(central.url("/v1/desks/health"), headers=central.headers("giamsat01"), timeout=10).json()
    return next(d for d in site["desks"] if d["desk_id"] == desk_id)["commands"]


def discard(tab: SyncHealthTab, code: str, reason: str, answer: QMessageBox.StandardButton) -> None:
    """Discard with reason…: the reason (three characters at least), then the second question."""
    dialog = tab.discard_selected()
    dialog.reason_edit.setText("ok")
    assert not dialog.ok_button.isEnabled()
    dialog.reason_edit.setText(reason)
    dialog.ok_button.click()
    box = tab.findChild(QMessageBox, "confirmDiscardBox")
    assert box is not None and code in box.text() and "never reach the central system" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    box.button(answer).click()


def test_a_held_entry_of_another_desk_is_discarded_only_after_a_reason_and_a_second_yes(qtbot, parts, central):
    entry = refused_entry()
    report(central, THERE, parked=0, in_progress=0, held=[entry])
    services, session = parts
    tab = SyncHealthTab(services, session)
    qtbot.addWidget(tab)
    refreshed(qtbot, tab)

    row = cells(tab.desks_table, desk_row(tab, THERE))
    assert row[1] == "canbo01" and "(just now)" in row[2] and row[3:6] == ["3", "1", "1"]
    assert HERE in cells(tab.desks_table, desk_row(tab, HERE))[0]   # this desk's own line, from its store
    desk_row(tab, THERE)
    assert tab.held_table.rowCount() == 1
    held = cells(tab.held_table, 0)
    assert held[1] == entry["dossier_code"]
    assert held[4].startswith("The central system refused this request (code_conflict:")
    assert tab.select_entry(41) and tab.discard_button.isEnabled()

    discard(tab, entry["dossier_code"], "Hồ sơ trùng, đã nhập lại", QMessageBox.StandardButton.No)
    qtbot.wait(50)
    assert commands_of(central, THERE) == [] and tab.commands_table.rowCount() == 0
    assert tab.action_op is None and tab.discard_button.isEnabled()

    with qtbot.waitSignal(tab.commands_changed, timeout=20_000):
        discard(tab, entry["dossier_code"], "Hồ sơ trùng, đã nhập lại", QMessageBox.StandardButton.Yes)
    [command] = commands_of(central, THERE)
    assert (command["entry_id"], command["action"], command["state"]) == (41, "discard", "pending")
    assert command["reason"] == "Hồ sơ trùng, đã nhập lại" and command["issued_by"] == "giamsat01"
    qtbot.waitUntil(lambda: tab.op is None, timeout=20_000)
    desk_row(tab, THERE)
    shown = cells(tab.commands_table, 0)
    assert shown[0] == entry["dossier_code"] and shown[1] == "Discard" and shown[5].startswith("Pending")
    assert cells(tab.held_table, 0)[3] == "Discard"   # asked of the desk, not done yet


def test_this_desks_held_entry_is_discarded_in_its_store_even_offline(qtbot, parts):
    services, session = parts
    store = services.store
    dossier = store.save_new_dossier(make_dossier(desk_id=HERE, officer="giamsat01"), {})
    [entry] = store.outbox_entries(None)
    store.mark_outbox_held(entry.id, CentralRejected(409, "code_conflict", "The code is taken."))
    session.client.base_url = "http://127.0.0.1:9"   # the centre is away: this desk alone, from its store
    tab = SyncHealthTab(services, session)
    qtbot.addWidget(tab)
    refreshed(qtbot, tab)
    assert tab.desks_table.rowCount() == 1
    assert HERE in cells(tab.desks_table, 0)[0] and cells(tab.desks_table, 0)[5] == "1"
    assert "cannot be reached" in tab.message_label.text()
    assert tab.select_entry(entry.id) and cells(tab.held_table, 0)[1] == dossier.code

    with qtbot.waitSignal(tab.commands_changed, timeout=20_000):
        discard(tab, dossier.code, "Nhập trùng hồ sơ", QMessageBox.StandardButton.Yes)
    assert store.outbox_entries(None)[0].state == "discarded"
    [audited] = [a for a in store.audit_entries(subject=dossier.client_id) if a.action == "outbox.discarded"]
    assert (audited.actor, audited.details["reason"]) == ("giamsat01", "Nhập trùng hồ sơ")
    assert "was discarded" in tab.message_label.text()


def test_this_desks_held_entry_is_sent_again_on_retry(qtbot, parts):
    services, session = parts
    store = services.store
    dossier = store.save_new_dossier(make_dossier(desk_id=HERE, officer="giamsat01"), {})
    [entry] = store.outbox_entries(None)
    store.mark_outbox_held(entry.id, CentralRejected(409, "code_conflict", "The code is taken."))
    tab = SyncHealthTab(services, session)
    qtbot.addWidget(tab)
    refreshed(qtbot, tab)
    desk_row(tab, HERE)   # other desks of the site may have reported more recently
    assert tab.select_entry(entry.id) and tab.retry_button.isEnabled()
    with qtbot.waitSignal(tab.commands_changed, timeout=20_000):
        qtbot.mouseClick(tab.retry_button, Qt.MouseButton.LeftButton)
    assert store.outbox_entries(None)[0].state == "waiting"
    [audited] = [a for a in store.audit_entries(subject=dossier.client_id) if a.action == "outbox.requeued"]
    assert audited.actor == "giamsat01" and audited.details["entry_id"] == entry.id
    assert "will be sent again" in tab.message_label.text()


def test_the_waiting_room_adds_up_the_counters_reports(qtbot, parts, central):
    first, second = WAITING_DESKS
    report(central, first, parked=2, in_progress=1)
    report(central, second, parked=3, in_progress=0)
    services, session = parts
    services.store.save_draft("d1", officer_username="giamsat01", citizen_name="Lê Văn An", procedure_code=None,
                              body={}, parked=True)
    tab = WaitingRoomTab(services, session)
    qtbot.addWidget(tab)
    refreshed(qtbot, tab)
    rows = {tab.table.item(r, 0).data(Qt.ItemDataRole.UserRole): cells(tab.table, r) for r in range(tab.table.rowCount())}
    assert rows[first][1:4] == ["canbo01", "2", "1"] and rows[second][2:4] == ["3", "0"]
    # Any other counter of the site reported nobody waiting (the held-entry test's desk).
    assert all(row[2:4] in (["0", "0"], ["", ""]) for desk, row in rows.items() if desk not in (HERE, first, second))
    assert rows[HERE][2:4] == ["1", "0"] and "this desk" in rows[HERE][0]
    assert (tab.total_label.property("parked"), tab.total_label.property("in_progress")) == (6, 1)
    assert "6 parked, 1 in progress" in tab.total_label.text()
    tab.show()
    assert tab.timer.isActive() and tab.timer.interval() == 30_000
    tab.hide()
    assert not tab.timer.isActive()
