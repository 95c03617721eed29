"""The upstream checks on screen: the wizard's compact view of one intake's checks, the
officer's list of checks not passed with "Retry now", and the worker that runs them on its
own thread, against a real store and the real central API on loopback."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desk_app.core.catalogue import UpstreamCheck
from desk_app.core.dossier import Applicant, Dossier, new_client_id
from desk_app.core.identity import Sex
from desk_app.core.timeutil import now_vn
from desk_app.core.upstream_checks import CheckState
from desk_app.gui.checks_panel import CHECK_ID_ROLE, ChecksPanel, ChecksTableModel
from desk_app.gui.checks_view import UpstreamChecksView, check_state_name, moment_text, state_icon
from desk_app.gui.checks_worker import ChecksWorker
from desk_app.store import DeskStore
from desk_app.sync.checks import CheckFailed, CheckRunner
from desk_app.sync.client import CentralClient
from tests.support.central_server import DEMO_PASSWORD, SITE_CENTRE, RunningCentral

HEALTH, FINES = UpstreamCheck.HEALTH_CERTIFICATE, UpstreamCheck.TRAFFIC_VIOLATIONS
MINH = "056085001234"   # demo register: certificate expired, one unpaid fine of 4.000.000
THAO = "056162123456"   # demo register: valid certificate, no fines
EXPIRED = "The latest health certificate, DEMO-GKSK-2025-0077, expired on {day}: a new health examination is needed."
ONE_FINE = "1 unpaid traffic violation, 4.000.000 đồng in fines."
UNREACHABLE = (
    "The central system cannot be reached. The check is tried again automatically when the desk is back online; "
    "the dossier can be saved meanwhile."
)


@pytest.fixture
def client(central_server: RunningCentral) -> Iterator[CentralClient]:
    signed_in = CentralClient(central_server.base_url, desk_id="DESK-NT-01", timeout=8)
    signed_in.login("canbo01", DEMO_PASSWORD)
    yield signed_in
    signed_in.close()


def expired_text() -> str:
    return EXPIRED.format(day=(now_vn().date() - timedelta(days=35)).strftime("%d/%m/%Y"))


def unreachable_run(store: DeskStore) -> None:
    """One run while the central system is away (a closed loopback port)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with CentralClient(url, desk_id="DESK-NT-01", timeout=5) as away:
        CheckRunner(store, away).run_due()


def minhs_dossier(store: DeskStore) -> Dossier:
    catalogue = store.load_catalogue()[0]
    procedure = catalogue.get("TEST.GPLX.01")
    now = now_vn()
    return store.save_new_dossier(Dossier(
        client_id=new_client_id(), procedure_code=procedure.code, catalogue_version=catalogue.version,
        applicant=Applicant("Trần Văn Minh", cccd=MINH, date_of_birth=date(1985, 6, 15), sex=Sex.MALE,
                            address="Nha Trang"),
        received_at=now, due_at=now + timedelta(days=7), officer_username="canbo01", site_code=SITE_CENTRE,
        desk_id="DESK-NT-01", form_values={"licence_number": "790100000001"},
    ), {})


@pytest.fixture
def page(qtbot) -> QWidget:  # noqa: ANN001
    """The review page the lead puts the view on, shown."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


# -- the wizard's view of one intake -------------------------------------------------------


def test_the_view_reads_in_the_background_and_shows_waiting_checks(qtbot, store, page) -> None:
    draft = str(uuid.uuid4())
    store.start_checks([HEALTH, FINES], MINH, draft)
    view = UpstreamChecksView(store, parent=page)
    with qtbot.waitSignal(view.reloaded, timeout=10_000):
        view.show_for(draft)
        assert view.texts() == []  # nothing is read on the UI thread
    assert view.isVisible()
    assert view.title_label.text() == "Checks with other agencies"
    assert view.texts() == [
        ("Health certificate:", "Waiting", "Waiting to be checked."),
        ("Traffic fines:", "Waiting", "Waiting to be checked."),
    ]
    assert view.hint_label.text() == (
        "Saving does not wait for these checks; an answer that comes later shows in the list of checks."
    )


def test_the_view_is_hidden_for_an_intake_without_checks(qtbot, store, page) -> None:
    view = UpstreamChecksView(store, parent=page)
    with qtbot.waitSignal(view.reloaded, timeout=10_000):
        view.show_for(str(uuid.uuid4()))
    assert not view.isVisible() and view.texts() == []
    view.show_for(None)
    assert view.draft_id is None and not view.isVisible()


def test_the_view_says_why_a_check_failed_and_when_it_is_tried_again(qtbot, store, page) -> None:
    draft = str(uuid.uuid4())
    health, fines = store.start_checks([HEALTH, FINES], MINH, draft)
    unreachable_run(store)  # the health check fails; the run stops before the fines
    store.claim_check(fines)
    view = UpstreamChecksView(store, parent=page)
    with qtbot.waitSignal(view.reloaded, timeout=10_000):
        view.show_for(draft)
    retry_at = store.checks_for(draft_id=draft)[0].next_attempt_at
    assert view.texts() == [
        ("Health certificate:", "Failed, will retry", f"{UNREACHABLE} Next try at {moment_text(retry_at)}."),
        ("Traffic fines:", "Checking now", "Being checked now…"),
    ]
    store.record_check_failure(fines, CheckFailed(CheckFailed.REFUSED, reason="forbidden_role"), None)
    with qtbot.waitSignal(view.reloaded, timeout=10_000):
        view.refresh()
    assert view.texts()[1] == (
        "Traffic fines:", "Failed",
        "The central system refused this check (forbidden_role). It is not tried again by itself: check the "
        "citizen's papers by hand, or ask the administrator and then press Retry now.",
    )
    text_label = view.findChild(QWidget, "checkText_traffic_violations")
    assert "#b71c1c" in text_label.styleSheet()


def test_answers_arrive_in_the_view_as_the_worker_records_them(qtbot, store, client, page) -> None:
    draft = str(uuid.uuid4())
    store.start_checks([HEALTH, FINES], MINH, draft, citizen_name="Trần Văn Minh")
    view = UpstreamChecksView(store, parent=page)
    with qtbot.waitSignal(view.reloaded, timeout=10_000):
        view.show_for(draft)
    worker = ChecksWorker(CheckRunner(store, client), interval_ms=60_000)
    worker.checks_changed.connect(view.refresh)
    finished: list[int] = []
    worker.run_finished.connect(finished.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: [t for _k, _s, t in view.texts()] == [expired_text(), ONE_FINE], timeout=20_000)
    finally:
        assert worker.stop()
    assert finished[0] == 2
    assert [s for _k, s, _t in view.texts()] == ["Needs attention", "Needs attention"]


# -- the worker ------------------------------------------------------------------------------


def test_requests_collapse_into_one_more_run(qtbot, store, client) -> None:
    store.start_checks([FINES], THAO, str(uuid.uuid4()))
    worker = ChecksWorker(CheckRunner(store, client), interval_ms=60_000)
    finished: list[int] = []
    worker.run_finished.connect(finished.append)
    changes: list[bool] = []
    worker.checks_changed.connect(lambda: changes.append(True))
    try:
        worker.start()
        for _ in range(5):
            worker.request_run()
        qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
        qtbot.wait(500)
    finally:
        assert worker.stop()
    # The first run asks the one check; the five requests made meanwhile are one run at most.
    assert finished[0] == 1 and finished[1:] in ([], [0])
    assert len(changes) == 2  # running, then answered
    assert worker.runs == len(finished) and not worker.running


def test_the_timer_runs_by_itself(qtbot, store, client) -> None:
    worker = ChecksWorker(CheckRunner(store, client), interval_ms=200)
    finished: list[int] = []
    worker.run_finished.connect(finished.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: len(finished) >= 3, timeout=20_000)
    finally:
        assert worker.stop()
    assert set(finished) == {0}


# -- the officer's list -----------------------------------------------------------------------


@pytest.fixture
def listed(store: DeskStore, client: CentralClient) -> tuple[DeskStore, str, str, Dossier]:
    """Minh's intake saved as a dossier: its health check failed while the centre was away,
    its fines answered; Thảo's intake passed and is off the list."""
    draft = str(uuid.uuid4())
    health, fines = store.start_checks([HEALTH, FINES], MINH, draft, citizen_name="Trần Văn Minh")
    unreachable_run(store)  # Minh's health check is the one due first
    store.start_checks([HEALTH], THAO, str(uuid.uuid4()), citizen_name="Nguyễn Thị Phương Thảo")
    assert CheckRunner(store, client).run_due() == 2
    dossier = minhs_dossier(store)
    store.attach_checks(draft, dossier.client_id)
    return store, health, fines, dossier


def open_panel(qtbot, store: DeskStore) -> ChecksPanel:  # noqa: ANN001
    panel = ChecksPanel(store, actor="canbo01")
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.reloaded, timeout=10_000):
        panel.show()
    return panel


def row_texts(model: ChecksTableModel, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_the_list_shows_every_check_not_passed_with_why_and_when(qtbot, listed) -> None:
    store, health, fines, dossier = listed
    panel = open_panel(qtbot, store)
    model = panel.model
    assert model.headers() == ["Dossier", "Citizen", "Check", "State", "Tries", "Next try", "Finding or last problem"]
    assert [model.index(r, 0).data(CHECK_ID_ROLE) for r in range(model.rowCount())] == [health, fines]
    [health_check, fines_check] = model.checks()
    assert row_texts(model, 0) == [dossier.code, "Trần Văn Minh", "Health certificate", "Failed, will retry", "1",
                                   f"At {moment_text(health_check.next_attempt_at)}", UNREACHABLE]
    assert row_texts(model, 1) == [dossier.code, "Trần Văn Minh", "Traffic fines", "Needs attention", "1",
                                   f"Answered at {moment_text(fines_check.checked_at)}", ONE_FINE]
    assert panel.counts_label.text() == "Not passed: 2 · needing attention: 1 · failed: 1"
    assert not model.index(0, ChecksTableModel.COLUMN_STATE).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert panel.retry_button.text() == "&Retry now" and not panel.retry_button.isEnabled()


def test_retry_now_with_enter_asks_the_check_again_and_its_answer_arrives(qtbot, listed, client) -> None:
    store, health, _fines, _dossier = listed
    panel = open_panel(qtbot, store)
    worker = ChecksWorker(CheckRunner(store, client), interval_ms=60_000)
    panel.retried.connect(worker.request_run)
    worker.checks_changed.connect(panel.show_changes)
    try:
        worker.start()
        qtbot.waitUntil(lambda: worker.runs >= 1, timeout=20_000)  # nothing due: the health check waits its time
        assert panel.select_check(health)
        assert panel.retry_button.isEnabled()
        with qtbot.waitSignal(panel.retried, timeout=10_000) as retried:
            qtbot.keyClick(panel.view, Qt.Key.Key_Return)
        assert retried.args == [health]
        assert panel.hint_label.text() == "Health certificate of Trần Văn Minh: asked again now."
        qtbot.waitUntil(lambda: row_texts(panel.model, 0)[3] == "Needs attention", timeout=20_000)
    finally:
        assert worker.stop()
    assert row_texts(panel.model, 0)[4:] == [
        "2", f"Answered at {moment_text(panel.model.check(0).checked_at)}", expired_text()]
    assert panel.selected_check().check_id == health  # the reloads kept the officer's place
    assert store.audit_entries(1)[0].action == "check.retried" and store.audit_entries(1)[0].actor == "canbo01"


def test_retry_now_by_shortcut_and_button_and_what_it_refuses(qtbot, listed) -> None:
    store, health, fines, _dossier = listed
    panel = open_panel(qtbot, store)
    assert panel.retry_selected() is None  # nothing selected
    panel.select_check(fines)
    with qtbot.waitSignal(panel.retried, timeout=10_000):
        qtbot.keyClick(panel, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert store.checks_for(draft_id=panel.model.check(1).draft_id)[1].state is CheckState.PENDING

    store.claim_check(fines)  # the worker is asking it right now
    panel.reload()
    qtbot.waitUntil(lambda: row_texts(panel.model, 1)[3] == "Checking now", timeout=10_000)
    assert not panel.retry_button.isEnabled()
    assert panel.retry_selected() is None
    assert panel.hint_label.text() == "This check is being asked right now."

    panel.select_check(health)
    assert store.discard_checks(panel.model.check(0).draft_id) == 0  # a saved dossier's checks stay
    with qtbot.waitSignal(panel.retried, timeout=10_000):
        qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)


def test_a_check_gone_meanwhile_is_explained(qtbot, store) -> None:
    draft = str(uuid.uuid4())
    [check_id] = store.start_checks([HEALTH], THAO, draft, citizen_name="Nguyễn Thị Phương Thảo")
    panel = open_panel(qtbot, store)
    assert row_texts(panel.model, 0)[:4] == ["Intake not saved yet", "Nguyễn Thị Phương Thảo", "Health certificate",
                                             "Waiting"]
    assert row_texts(panel.model, 0)[5] == "In a moment"
    panel.select_check(check_id)
    store.discard_checks(draft)  # the officer cancelled that intake in the wizard
    op = panel.retry_selected()
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    box = panel.findChild(QMessageBox, "errorMessageBox")
    assert box.windowTitle() == "The check could not be asked again"
    assert box.text() == (
        "This check is no longer on the desk: its intake was cancelled or the citizen's number changed."
    )
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=10_000)


def test_state_names_and_marks_exist_for_every_state(qapp) -> None:
    assert [check_state_name(state) for state in CheckState] == [
        "Waiting", "Checking now", "Passed", "Needs attention", "Failed, will retry", "Failed"]
    assert all(not state_icon(state).isNull() for state in CheckState)
