"""The supervisor's Review tab (issue 8): review by exception on a site of 100 000 dossiers.

Each test works on its own copy of the seeded store, since decisions write. One dossier
taken here is given every flag a rule can raise (a photo accepted against the rules,
documents accepted short, a refund, a reprint, a held sending, lateness), so the pane's
words can be checked against what was done to it; the decisions are then taken by key and
checked where they must land: the review rows, the audit log, the outbox and the lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desk_app.core.dossier import DOCUMENTS_SHORT, DossierStatus, FeeLine, PortraitException, ValidationOverride
from desk_app.core.fees import FeeRecord, PaymentMethod
from desk_app.core.queue_query import QueueQuery, QueueSort, ReviewScope
from desk_app.core.review import ALL_FLAGS, ReviewAction, ReviewFlag
from desk_app.core.timeutil import VN_TZ
from desk_app.gui.ops import wait_for_ops
from desk_app.gui.portrait_rule_names import rule_names
from desk_app.gui.supervisor.flag_names import flag_name
from desk_app.gui.supervisor.review_view import ReviewTab
from desk_app.store import DeskStore
from tests.store.builders import jpeg, make_dossier

from .keyboard_audit import audit
from .test_supervisor_queue import NOW, WINDOW_LETTERS, LoopLag, copy_of_seeded, supervisor_parts

TO_REVIEW = QueueQuery(review=ReviewScope.TO_REVIEW, sort=QueueSort.DUE, descending=False)
PHOTO_REASON = "Công dân đội khăn theo tôn giáo"
REFUND_REASON = "Thu nhầm lệ phí"
REPRINT_REASON = "Máy in kẹt giấy"


def flag_everything(store: DeskStore) -> str:
    """A dossier taken here long ago, still open, that every rule flags; its client id."""
    received = datetime(2026, 4, 1, 9, 0, tzinfo=VN_TZ)
    dossier, blobs = make_dossier(
        [jpeg(7)],
        site_code="000.00.17.H56", desk_id="DESK-01", officer_username="canbo03",
        received_at=received, due_at=received + timedelta(days=7), status=DossierStatus.ACCEPTED,
        fees=(FeeLine("le_phi", "Lệ phí cấp đổi", 135_000),),
        portrait_exception=PortraitException(("face_size", "background_plain"), PHOTO_REASON, "canbo03"),
        validation_overrides=(ValidationOverride(DOCUMENTS_SHORT, ("Đơn đề nghị",), "canbo03"),),
    )
    payment = FeeRecord.payment(dossier.client_id, dossier.fees, PaymentMethod.CASH, officer_username="canbo03",
                                recorded_at=received)
    store.save_new_dossier(dossier, blobs, fees=[payment])
    store.record_fee(FeeRecord.refund(payment, REFUND_REASON, officer_username="canbo03",
                                      recorded_at=received + timedelta(minutes=5)))
    store.record_print(client_id=dossier.client_id, kind="receipt", paper="a4", copies=1, printer="HP",
                       outcome="printed", officer_username="canbo03", reprint_reason=REPRINT_REASON)
    entry = next(e for e in store.outbox_entries(limit=20, newest_first=True)
                 if e.client_id == dossier.client_id and e.kind == "dossier")
    store.mark_outbox_held(entry.id, "the central API refused the dossier")
    return dossier.client_id


@pytest.fixture
def review(qtbot, tmp_path_factory: pytest.TempPathFactory,
           tmp_path: Path) -> Iterator[tuple[ReviewTab, DeskStore, str]]:
    store = copy_of_seeded(tmp_path_factory, tmp_path / "store")
    client_id = flag_everything(store)
    services, session = supervisor_parts(store)
    tab = ReviewTab(services, session)
    qtbot.addWidget(tab)
    tab.resize(1400, 800)
    with qtbot.waitSignal(tab.detail_shown, timeout=10_000):
        tab.show()
    yield tab, store, client_id
    session.client.close()
    wait_for_ops(10_000)
    store.close()


def press(qtbot, tab: ReviewTab, keys: str) -> None:
    """``keys`` on the list, in the active window, as a shortcut needs them."""
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow, timeout=5_000)
    tab.view.setFocus()
    sequence = QKeySequence(keys)[0]
    qtbot.keyClick(tab.view, sequence.key(), sequence.keyboardModifiers())


def decide_by_key(qtbot, tab: ReviewTab, lag: LoopLag, keys: str, note: str | None = None) -> str:
    """Press ``keys`` on the list, type ``note`` in the dialog it opens, and wait for the
    decision to be recorded and the list to answer again; the decided client id."""
    model = tab.model
    generation = model.generation
    with lag.watching(keys), qtbot.waitSignal(tab.review_recorded, timeout=10_000) as recorded:
        press(qtbot, tab, keys)
        if note is not None:
            dialog = tab.note_dialog
            assert dialog is not None and dialog.isVisible()
            assert not dialog.ok_button.isEnabled()
            qtbot.keyClicks(dialog.note_edit, "ab")
            assert not dialog.ok_button.isEnabled(), "a note of two letters is too short"
            dialog.note_edit.clear()
            # Vietnamese comes through the input method, which QTest cannot type.
            dialog.note_edit.insertPlainText(note)
            assert dialog.ok_button.isEnabled()
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: model.generation > generation and not model.loading, timeout=10_000)
    return recorded.args[0]


def test_the_pane_says_in_words_why_the_dossier_is_flagged(qtbot, review):
    tab, store, client_id = review
    model = tab.model
    assert model.rowCount() == store.queue_count(TO_REVIEW, now=NOW) == tab.count_label.property("count")
    assert 0 < model.rowCount() < 10_000
    # The most overdue first: the dossier flagged by every rule, selected on opening.
    assert tab.selected_record().client_id == client_id == tab.detail.property("client_id")
    record = tab.selected_record()
    assert record.flags == int(ALL_FLAGS)
    assert model.data(model.index(0, model.COLUMN_FLAGS)) == ", ".join(
        flag_name(f) for f in (ReviewFlag.PHOTO_EXCEPTION, ReviewFlag.VALIDATION_OVERRIDE, ReviewFlag.REFUND,
                               ReviewFlag.REPRINT, ReviewFlag.SYNC_HELD, ReviewFlag.LATE))
    text = tab.detail.toPlainText()
    for expected in (rule_names(["face_size", "background_plain"]), PHOTO_REASON, "fewer copies", "Đơn đề nghị",
                     REFUND_REASON, "135.000 đ", REPRINT_REASON, "refused the dossier", "day(s) late",
                     record.code):
        assert expected in text
    assert "Earlier reviews" not in text

    # The next row's pane follows the selection, read in the background.
    with qtbot.waitSignal(tab.detail_shown, timeout=10_000) as shown:
        tab.view.selectRow(1)
    assert shown.args == [model.client_id(1)] and client_id not in tab.detail.toPlainText()

    found = audit(qtbot, tab)
    assert found.not_reached() == [] and found.without_shortcut() == []
    assert found.clashes() == {} and found.untypeable() == []
    assert not set(found.letters) & WINDOW_LETTERS


def test_approve_return_and_escalate_are_recorded_audited_queued_and_leave_the_list(qtbot, review):
    tab, store, client_id = review
    model = tab.model
    before = model.rowCount()

    lag = LoopLag()
    approved = decide_by_key(qtbot, tab, lag, "Ctrl+Return")
    assert approved == client_id
    assert model.rowCount() == before - 1 == store.queue_count(TO_REVIEW, now=NOW)
    # The next dossier moved up to the row the supervisor stood on.
    qtbot.waitUntil(lambda: tab.detail.property("client_id") == model.client_id(0), timeout=10_000)
    assert model.client_id(0) != client_id

    returned = decide_by_key(qtbot, tab, lag, "Ctrl+R", "Thiếu chữ ký người nộp")
    escalated = decide_by_key(qtbot, tab, lag, "Ctrl+E", "Cần lãnh đạo duyệt")
    lag.check()
    assert model.rowCount() == before - 3

    for decided, action, note in ((approved, ReviewAction.APPROVE, None),
                                  (returned, ReviewAction.RETURN, "Thiếu chữ ký người nộp"),
                                  (escalated, ReviewAction.ESCALATE, "Cần lãnh đạo duyệt")):
        kept = next(r for r in store.reviews(decided) if r.at == NOW)
        assert (kept.action, kept.note, kept.actor) == (action, note, "giamsat01")
        assert kept.at == NOW
        audited = [e for e in store.audit_entries(subject=decided) if e.action == "dossier.reviewed"]
        assert audited and audited[0].actor == "giamsat01" and audited[0].details["action"] == action.value
        entries = [e for e in store.outbox_entries(limit=20, newest_first=True)
                   if e.client_id == decided and e.kind == "review"]
        assert [e.ref_id for e in entries] == [kept.review_id] and entries[0].state == "waiting"
    # The decision covers exactly the flags the supervisor was shown.
    assert [r.flags for r in store.reviews(approved)] == [int(ALL_FLAGS)]

    # Returned and escalated dossiers have lists of their own.
    for index, decided, scope in ((2, returned, ReviewScope.RETURNED), (1, escalated, ReviewScope.ESCALATED)):
        generation = model.generation
        tab.scope_combo.setCurrentIndex(index)
        qtbot.waitUntil(lambda generation=generation: model.generation > generation and not model.loading,
                        timeout=10_000)
        query = QueueQuery(review=scope, sort=QueueSort.DUE, descending=False)
        assert model.rowCount() == store.queue_count(query, now=NOW) > 0
        ids = [r.client_id for r in store.queue_page(query, 0, 200, now=NOW)]
        assert decided in ids
        qtbot.waitUntil(lambda: model.row_record(0) is not None, timeout=10_000)
        assert model.data(model.index(ids.index(decided), model.COLUMN_REVIEW)) in ("Returned to the officer",
                                                                                    "Escalated")

    # A decision already shown in the pane as an earlier review.
    tab.view.selectRow(ids.index(escalated))
    qtbot.waitUntil(lambda: tab.detail.property("client_id") == escalated, timeout=10_000)
    assert "Earlier reviews" in tab.detail.toPlainText() and "Cần lãnh đạo duyệt" in tab.detail.toPlainText()
