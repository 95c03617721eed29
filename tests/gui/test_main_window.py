"""The main window against the real central API: queue, status bar, actions, receipt preview."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desk_app.core.dossier import Applicant, Dossier, ReceivedDocument, new_client_id
from desk_app.core.timeutil import now_vn
from desk_app.credentials import TokenVault
from desk_app.gui.intake import IntakeWizard
from desk_app.gui.login_window import sign_in
from desk_app.gui.main_window import MainWindow
from desk_app.gui.printing import PdfFileReceiptPrinter
from desk_app.gui.queue_model import QueueTableModel
from desk_app.gui.session import DeskServices
from desk_app.settings import DeskSettings
from desk_app.signing_key import ReceiptKey, ReceiptKeyCache, ReceiptKeys
from desk_app.store import DeskStore
from tests.support.central_server import DEMO_PASSWORD
from tests.support.store_keys import open_store


@pytest.fixture
def window(qtbot, tmp_path, central_server):
    desk_store = open_store(tmp_path / "store")
    vault = TokenVault(service="one-stop-desk-tests", use_keyring=False)
    services = DeskServices(
        settings=DeskSettings(server_url=central_server.base_url, desk_id="DESK-NT-01", sync_interval_seconds=3600),
        vault=vault,
        server_url=central_server.base_url,
        store=desk_store,
        printer=PdfFileReceiptPrinter(tmp_path / "printed.pdf"),
        # As app.py gives it after reading the keyring: the desk seals its receipts.
        receipt_keys=ReceiptKeys(own=ReceiptKey.generate(persistent=True), desk_id="DESK-NT-01",
                                 cache=ReceiptKeyCache(tmp_path / "receipt_keys.json")),
    )
    session = sign_in(central_server.base_url, "DESK-NT-01", vault, "canbo01", DEMO_PASSWORD)
    main = MainWindow(services, session)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.sync_reported, timeout=20_000):
        main.start()
    yield main
    main.sync_worker.stop()
    session.client.close()
    desk_store.close()


def a_dossier(window: MainWindow) -> Dossier:
    """A complete dossier for the demo catalogue's training-vehicle permit (no portrait needed)."""
    now = now_vn()
    procedure = window.store.load_catalogue()[0].get("DEMO.DT.01")
    return Dossier(
        client_id=new_client_id(),
        procedure_code=procedure.code,
        catalogue_version=window.store.load_catalogue()[0].version,
        form_values={
            "training_centre": "Trung tâm đào tạo lái xe Nha Trang",
            "plate_number": "79B-012.34",
            "training_class": "B2",
            "vehicle_count": "3",
            "applicant_name": "Phạm Thị Hoa",
            "phone": "0905123456",
        },
        documents=tuple(
            ReceivedDocument(d.code, d.name, d.originals, d.certified_copies, d.photocopies) for d in procedure.documents
        ),
        applicant=Applicant(full_name="Phạm Thị Hoa", cccd="056162123456", address="Nha Trang"),
        received_at=now,
        due_at=now + timedelta(days=7),
        officer_username="canbo01",
        site_code="000.00.17.H56",
        desk_id="DESK-NT-01",
    )


def test_the_window_shows_the_officer_and_the_link_state(window):
    assert "Nguyễn Thị Lan" in window.ui.officerLabel.text() or "canbo01" in window.ui.officerLabel.text()
    assert window.online_label.property("online") is True
    assert window.pending_label.property("waiting") == 0
    assert window.ui.emptyHintLabel.isVisible()
    assert window.ui.actionNewDossier.shortcut() == QKeySequence("Ctrl+N")
    assert window.ui.actionSendNow.shortcut() == QKeySequence("F5")
    assert "[DEMO]" not in window.windowTitle()


def test_a_saved_dossier_appears_then_shows_as_sent_after_send_now(qtbot, window):
    dossier = window.store.save_new_dossier(a_dossier(window), {})
    model = window.queue_model
    window.refresh_queue()
    qtbot.waitUntil(lambda: model.row_of(dossier.client_id) is not None, timeout=10_000)
    row = model.row_of(dossier.client_id)
    assert model.data(model.index(row, QueueTableModel.COLUMN_CITIZEN)) == "Phạm Thị Hoa"
    assert model.summary(row).sync_state == "waiting"
    assert not window.ui.emptyHintLabel.isVisible()
    window.ui.actionSendNow.trigger()
    qtbot.waitUntil(lambda: model.summary(model.row_of(dossier.client_id)).sync_state == "sent", timeout=20_000)
    assert model.data(model.index(model.row_of(dossier.client_id), QueueTableModel.COLUMN_SYNC)) == "Sent"
    assert window.pending_label.property("waiting") == 0


def test_new_dossier_opens_the_wizard_on_the_cached_catalogue(qtbot, window):
    with qtbot.waitSignal(window.wizard_opened, timeout=10_000) as opened:
        window.ui.actionNewDossier.trigger()
    wizard = opened.args[0]
    assert isinstance(wizard, IntakeWizard) and wizard.isVisible()
    assert wizard.catalogue.get("DEMO.GPLX.01").name.startswith("Đổi giấy phép lái xe")
    wizard.reject()


def test_log_out_stops_syncing_and_forgets_the_token(qtbot, window):
    assert window.services.vault.load("canbo01")
    with qtbot.waitSignal(window.logged_out, timeout=10_000):
        window.ui.actionLogOut.trigger()
    qtbot.waitUntil(lambda: window.services.vault.load("canbo01") is None, timeout=10_000)
    assert not window.isVisible()


def test_a_refused_session_asks_to_sign_in_again_then_logs_out(qtbot, window):
    from PySide6.QtWidgets import QMessageBox

    window.session.client.access_token = "expired"
    window.session.client.refresh_token = "revoked"
    window.store.save_new_dossier(a_dossier(window), {})  # sending it needs the session
    window.send_now()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "sessionEndedBox") is not None, timeout=20_000)
    box = window.findChild(QMessageBox, "sessionEndedBox")
    assert "Sign in again" in box.text()
    with qtbot.waitSignal(window.logged_out, timeout=10_000):
        box.accept()
    assert not window.isVisible()


def test_send_now_reaches_the_network_even_while_automatic_passes_are_paused(qtbot, window):
    breaker = window.sync_worker.engine.breaker
    now = now_vn()
    breaker.failed(now)
    breaker.failed(now)  # two passes in a row found the centre unreachable: passes pause
    assert breaker.state == "open"
    with qtbot.waitSignal(window.sync_reported, timeout=20_000) as paused:
        window.sync_worker.request_sync()  # what the timer asks
    assert paused.args[0].skipped and not paused.args[0].online
    assert window.online_label.property("online") is False
    assert window.online_label.text() == f"● Offline — will try again at {breaker.open_until:%H:%M}"

    with qtbot.waitSignal(window.sync_reported, timeout=20_000) as forced:
        window.ui.actionSendNow.trigger()  # F5
    assert not forced.args[0].skipped and forced.args[0].online
    assert breaker.state == "closed"
    assert window.online_label.property("online") is True
    assert window.ui.actionSendNow.isEnabled()


def test_the_sending_queue_opens_from_f6_and_from_the_indicator(qtbot, window):
    assert window.ui.actionOutbox.shortcut() == QKeySequence("F6")
    with qtbot.waitSignal(window.outbox_opened, timeout=5_000) as opened:
        window.ui.actionOutbox.trigger()
    panel = opened.args[0]
    assert panel.isVisible() and not panel.isModal()
    qtbot.waitUntil(lambda: panel.ui.countsLabel.property("unsent") == 0, timeout=10_000)
    panel.close()
    with qtbot.waitSignal(window.outbox_opened, timeout=5_000) as again:
        qtbot.mouseClick(window.sync_indicator, Qt.MouseButton.LeftButton)
    assert again.args[0] is panel and panel.isVisible()
    window.close()
    assert not panel.isVisible()  # it goes with the window it belongs to


def test_the_sending_queue_follows_f5_and_every_report(qtbot, window, central_server):
    panel = window.open_outbox()
    qtbot.waitUntil(lambda: panel.ui.countsLabel.property("unsent") == 0, timeout=10_000)
    central_server.server.stop()  # the network goes down
    dossier = window.store.save_new_dossier(a_dossier(window), {})
    with qtbot.waitSignal(panel.reloaded, timeout=10_000):
        window.ui.actionSendNow.trigger()
    assert [panel.model.entry(r).client_id for r in range(panel.model.rowCount())] == [dossier.client_id]

    def shows_the_retry() -> bool:
        entry = panel.model.entry(0)
        when = panel.model.index(0, 4).data()
        # The retry is due seconds later; once that passed, it waits for the network.
        return entry.state == "retrying" and (when.startswith("At ") or when == "When the network is back")

    qtbot.waitUntil(shows_the_retry, timeout=20_000)  # the pass's report reloaded it
    assert panel.model.index(0, 3).data().startswith("The central system cannot be reached.")
    assert window.online_label.property("online") is False
    assert window.pending_label.property("waiting") == 1


def test_the_officer_is_told_how_a_provisional_code_becomes_final(window):
    from dataclasses import replace

    from desk_app.core.dossier_code import provisional_code

    dossier = replace(a_dossier(window), code=provisional_code("000.00.17.H56", now_vn().date(), "DESK-NT-01", 1),
                      code_provisional=True)
    window._dossier_saved(dossier)
    told = window.sync_label.text()
    assert dossier.code in told and "provisional" in told and "final code" in told and "receipt" in told


def test_large_text_scales_the_whole_desk_and_back(qtbot, window):
    from PySide6.QtWidgets import QApplication

    from desk_app.gui.text_size import LARGE_SCALE

    app = QApplication.instance()
    before = app.font().pointSizeF()
    with qtbot.waitSignal(window.text_size_changed) as changed:
        window.action_large_text.trigger()
    assert changed.args == [True]
    assert abs(app.font().pointSizeF() - round(before * LARGE_SCALE, 1)) < 0.05
    # Existing widgets take the new font as Qt delivers the font-change events.
    qtbot.waitUntil(lambda: window.ui.queueView.font().pointSizeF() == app.font().pointSizeF(), timeout=5_000)
    window.action_large_text.trigger()
    assert app.font().pointSizeF() == before
    assert window.action_large_text.shortcut() == QKeySequence("Ctrl+Shift+L")


def test_an_intake_left_open_when_the_desk_closed_is_offered_back_at_start(qtbot, tmp_path, central_server):
    from desk_app.gui.intake.draft import CitizenDetails, IntakeDraft, draft_to_json

    desk_store = open_store(tmp_path / "store")
    left = IntakeDraft(citizen=CitizenDetails(full_name="Võ Thị Sáu", cccd="056162123456"))
    desk_store.save_draft("d-crash", officer_username="canbo01", citizen_name="Võ Thị Sáu", procedure_code=None,
                          body=draft_to_json(left, 0))
    desk_store.save_draft("d-other", officer_username="canbo02", citizen_name="Someone Else", procedure_code=None,
                          body=draft_to_json(left, 0))
    vault = TokenVault(service="one-stop-desk-tests", use_keyring=False)
    services = DeskServices(
        settings=DeskSettings(server_url=central_server.base_url, desk_id="DESK-NT-01", sync_interval_seconds=3600),
        vault=vault, server_url=central_server.base_url, store=desk_store,
        printer=PdfFileReceiptPrinter(tmp_path / "printed.pdf"),
        # As app.py gives it after reading the keyring: the desk seals its receipts.
        receipt_keys=ReceiptKeys(own=ReceiptKey.generate(persistent=True), desk_id="DESK-NT-01",
                                 cache=ReceiptKeyCache(tmp_path / "receipt_keys.json")),
    )
    session = sign_in(central_server.base_url, "DESK-NT-01", vault, "canbo01", DEMO_PASSWORD)
    main = MainWindow(services, session)
    qtbot.addWidget(main)
    try:
        with qtbot.waitSignals([main.sync_reported, main.drafts_opened], timeout=20_000):
            main.start()
        dialog = main.drafts_dialog
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
        assert "closed before these dossiers were saved" in dialog.message_label.text()
        assert dialog.model.draft(0).draft_id == "d-crash"  # only this officer's drafts
        with qtbot.waitSignal(main.wizard_opened, timeout=20_000) as opened:
            qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
        wizard = opened.args[0]
        assert wizard.draft_id == "d-crash"
        assert wizard.citizen_page.ui.fullNameEdit.text() == "Võ Thị Sáu"
        # Parked from the wizard, it says where to find it again.
        with qtbot.waitSignal(wizard.parked, timeout=10_000):
            wizard.reject()
        assert "F7" in main.sync_label.text()
        assert desk_store.load_draft("d-crash") is not None
    finally:
        main.sync_worker.stop()
        session.client.close()
        desk_store.close()


def test_a_licence_renewal_asks_its_checks_in_the_background_and_the_dossier_keeps_them(qtbot, window):
    from desk_app.core.upstream_checks import CheckState
    from tests.support.citizens import cccd_qr

    with qtbot.waitSignal(window.wizard_opened, timeout=10_000) as opened:
        window.ui.actionNewDossier.trigger()
    wizard = opened.args[0]
    wizard.take_scan(cccd_qr())
    qtbot.waitUntil(lambda: wizard.currentId() == IntakeWizard.PAGE_PROCEDURE, timeout=10_000)
    assert wizard.procedure_page.select_code("DEMO.GPLX.01")
    with qtbot.waitSignal(wizard.checks_started, timeout=10_000):
        wizard.next()
    # Asked by the checks worker on its own thread; the desk goes on meanwhile.
    qtbot.waitUntil(lambda: [c.state for c in window.store.checks_for(draft_id=wizard.draft_id)]
                    == [CheckState.PASSED, CheckState.PASSED], timeout=20_000)
    with qtbot.waitSignal(wizard.checks_view.reloaded, timeout=10_000):
        wizard.checks_view.show_for(wizard.draft_id)
    texts = [text for _kind, _state, text in wizard.checks_view.texts()]
    assert any("valid until" in t for t in texts) and "No unpaid traffic fines." in texts
    # Nothing failed: the officer's list of checks to look at is empty.
    assert window.action_checks.shortcut() == QKeySequence("F9")
    with qtbot.waitSignal(window.checks_opened, timeout=10_000) as opened_panel:
        window.action_checks.trigger()
    panel = opened_panel.args[0]
    with qtbot.waitSignal(panel.reloaded, timeout=10_000):
        panel.reload()
    assert panel.model.rowCount() == 0
    panel.close()
    # Parked, then discarded from the list: its checks go with it.
    with qtbot.waitSignal(wizard.parked, timeout=10_000):
        wizard.reject()
    window.store.discard_draft(wizard.draft_id)
    assert window.store.checks_for(draft_id=wizard.draft_id) == []


def test_a_dossier_the_supervisor_returned_comes_back_to_its_officer_with_the_note(qtbot, window):
    from dataclasses import replace

    from desk_app.core.review import ReviewAction, new_review

    # Taken three days ago: not in today's list until a supervisor sends it back.
    earlier = replace(a_dossier(window), received_at=now_vn() - timedelta(days=3))
    saved = window.store.save_new_dossier(earlier, {})
    with qtbot.waitSignal(window.queue_refreshed, timeout=10_000):
        window.refresh_queue()
    assert saved.client_id not in {s.client_id for s in window.queue_model.summaries()}

    def listed() -> bool:
        return saved.client_id in {s.client_id for s in window.queue_model.summaries()}

    window.store.record_review(new_review(saved.client_id, ReviewAction.RETURN, "Thiếu bản sao giấy khám sức khỏe",
                                          0, "giamsat01", now_vn()))
    window.refresh_queue()   # a refresh already under way runs once more after it
    qtbot.waitUntil(listed, timeout=10_000)
    [row] = [n for n, s in enumerate(window.queue_model.summaries()) if s.client_id == saved.client_id]
    model = window.queue_model
    status = model.index(row, QueueTableModel.COLUMN_STATUS)
    assert model.data(status).endswith("returned by the supervisor")
    assert model.data(status, Qt.ItemDataRole.ToolTipRole) == "Returned by giamsat01: Thiếu bản sao giấy khám sức khỏe"
    # An approval afterwards settles it: the dossier leaves the officer's list again.
    window.store.record_review(new_review(saved.client_id, ReviewAction.APPROVE, None, 0, "giamsat01", now_vn()))
    window.refresh_queue()
    qtbot.waitUntil(lambda: not listed(), timeout=10_000)
