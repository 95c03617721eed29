"""Handing a result over to the citizen from the queue: status 9 → 10, recorded at once and
sent to the real central API, with the citizen and the code named before anything is done."""

from __future__ import annotations

import uuid

import requests
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from desk_app.core.dossier import DossierStatus
from desk_app.gui.main_window import MainWindow
from tests.support.central_server import RunningCentral

from .test_main_window import a_dossier, window  # noqa: F401 - the window fixture


def back_office_moves(central: RunningCentral, client_id: str, *statuses: int) -> None:
    """The back office processes the dossier (a supervisor's moves through the real API)."""
    for status in statuses:
        answer = requests.post(central.url(f"/v1/dossiers/{client_id}/events"),
                               json={"event_id": str(uuid.uuid4()), "to_status": status},
                               headers=central.headers("giamsat01"), timeout=10)
        assert answer.status_code == 201, answer.text


def central_moves(central: RunningCentral, client_id: str) -> list[int]:
    answer = requests.get(central.url(f"/v1/dossiers/{client_id}/events"), headers=central.headers("giamsat01"),
                          timeout=10)
    assert answer.status_code == 200, answer.text
    return [item["to_status"] for item in answer.json()["items"]]


def status_in_queue(window: MainWindow, client_id: str) -> int | None:
    row = window.queue_model.row_of(client_id)
    return None if row is None else window.queue_model.summary(row).status


def select(window: MainWindow, client_id: str) -> None:
    source = window.queue_model.index(window.queue_model.row_of(client_id), 0)
    window.ui.queueView.selectRow(window._proxy.mapFromSource(source).row())


def result_ready(qtbot, window: MainWindow, central: RunningCentral) -> str:
    """A dossier taken at this desk, sent, processed by the back office, and back as status 9."""
    dossier = window.store.save_new_dossier(a_dossier(window), {})
    window.send_now()
    qtbot.waitUntil(lambda: window.store.outbox_entries(["waiting", "retrying", "held", "sending"]) == [],
                    timeout=20_000)
    back_office_moves(central, dossier.client_id, 4, 9)

    def shows_result_ready() -> bool:
        if status_in_queue(window, dossier.client_id) != DossierStatus.RESULT_READY:
            window.send_now()  # the next pass pulls the centre's changes
            return False
        return True

    qtbot.waitUntil(shows_result_ready, timeout=30_000)
    return dossier.client_id


def confirm(box: QMessageBox) -> None:
    [button] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    button.click()


def test_a_ready_result_is_handed_over_and_reaches_the_central_system(qtbot, window, central_server, vietnamese):
    action = window.ui.actionHandOver
    assert action.shortcut() == QKeySequence("Ctrl+T")
    client_id = result_ready(qtbot, window, central_server)
    code = window.queue_model.summary(window.queue_model.row_of(client_id)).code
    window.ui.queueView.clearSelection()
    assert not action.isEnabled()
    select(window, client_id)
    assert action.isEnabled()

    with qtbot.waitSignal(window.hand_over_asked, timeout=5_000) as asked:
        action.trigger()
    box = asked.args[0]
    assert box.text() == f"Trả kết quả hồ sơ {code} cho công dân Phạm Thị Hoa?"
    assert box.defaultButton().text() == "&Trả kết quả"
    with qtbot.waitSignal(window.handed_over, timeout=10_000) as handed:
        confirm(box)
    assert handed.args == [client_id]

    # Recorded on the desk at once, and queued behind nothing: the dossier itself was sent.
    assert window.store.get_dossier(client_id).status == DossierStatus.HANDED_OVER
    events = [e for e in window.store.outbox_entries() if e.client_id == client_id and e.kind == "event"]
    assert len(events) == 1
    assert window.sync_label.text() == f"Đã trả kết quả hồ sơ {code} cho công dân Phạm Thị Hoa."
    qtbot.waitUntil(lambda: status_in_queue(window, client_id) == DossierStatus.HANDED_OVER, timeout=10_000)
    assert not action.isEnabled()  # the row is no longer waiting to be handed over
    qtbot.waitUntil(lambda: central_moves(central_server, client_id) == [4, 9, 10], timeout=30_000)
    qtbot.waitUntil(lambda: window.store.outbox_entries(["waiting", "retrying", "held", "sending"]) == [],
                    timeout=20_000)


def test_cancel_changes_nothing_and_enter_on_the_row_asks_too(qtbot, window, central_server):
    client_id = result_ready(qtbot, window, central_server)
    select(window, client_id)
    view = window.ui.queueView
    with qtbot.waitSignal(window.hand_over_asked, timeout=5_000) as asked:
        qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter on the row, as a double click does
    box = asked.args[0]
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.store.get_dossier(client_id).status == DossierStatus.RESULT_READY
    assert not [e for e in window.store.outbox_entries() if e.kind == "event"]


def test_a_refused_hand_over_says_why_in_vietnamese(qtbot, window, central_server, vietnamese):
    client_id = result_ready(qtbot, window, central_server)
    select(window, client_id)
    with qtbot.waitSignal(window.hand_over_asked, timeout=5_000) as asked:
        window.ui.actionHandOver.trigger()
    # While the officer reads the question, a colleague at the same desk hands it over.
    window.store.record_status_event(client_id, DossierStatus.HANDED_OVER, actor="canbo02")
    confirm(asked.args[0])
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorMessageBox") is not None, timeout=10_000)
    error = window.findChild(QMessageBox, "errorMessageBox")
    assert error.windowTitle() == "Chưa trả được kết quả"
    assert error.text() == "Hồ sơ đang ở trạng thái 10 không thể chuyển sang trạng thái 10."
    error.accept()
    events = [e for e in window.store.outbox_entries() if e.client_id == client_id and e.kind == "event"]
    assert len(events) == 1  # only the colleague's
    qtbot.waitUntil(lambda: status_in_queue(window, client_id) == DossierStatus.HANDED_OVER, timeout=10_000)
    assert not window.ui.actionHandOver.isEnabled()


def test_the_action_waits_for_a_ready_result(qtbot, window):
    dossier = window.store.save_new_dossier(a_dossier(window), {})
    window.refresh_queue()
    qtbot.waitUntil(lambda: window.queue_model.row_of(dossier.client_id) is not None, timeout=10_000)
    select(window, dossier.client_id)
    assert status_in_queue(window, dossier.client_id) == DossierStatus.ACCEPTED
    assert not window.ui.actionHandOver.isEnabled()
    assert window.hand_over() is None
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.findChild(QMessageBox, "handOverBox") is None
