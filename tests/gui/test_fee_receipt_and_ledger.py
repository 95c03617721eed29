"""The fee receipt and the dossier ledger, printed from the main window (issue 7).

Real parts: the main window signed in to the central API on loopback, its SQLite store,
the PDFs read back with pypdf.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta

from pypdf import PdfReader

from desk_app.core.dossier import DossierStatus, FeeLine
from desk_app.core.fees import FeeRecord, PaymentMethod
from desk_app.core.timeutil import now_vn
from desk_app.gui.fee_receipt_print import latest_payment
from desk_app.gui.ledger_dialog import LedgerDialog
from desk_app.gui.intake.dossier_forms import FormKind
from desk_app.gui.print_preview import PrintPreviewDialog, ReprintReasonDialog

from .test_keyboard_only import assert_keyboard_ready, language  # noqa: F401 - fixture
from .test_main_window import a_dossier, window  # noqa: F401 - fixture
from .test_printing import select_dossier


def text_of(pdf: bytes) -> str:
    return "\n".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def paid_dossier(window):  # noqa: ANN001, ANN201, F811
    dossier = a_dossier(window)
    lines = (FeeLine("le_phi", "Lệ phí cấp giấy phép xe tập lái", 135_000),)
    dossier = replace(dossier, fees=lines)
    payment = FeeRecord.payment(dossier.client_id, lines, PaymentMethod.CASH, officer_username="canbo01",
                                recorded_at=dossier.received_at, receipt_number="0004711")
    return window.store.save_new_dossier(dossier, {}, fees=(payment,)), payment


def test_the_fee_receipt_is_printed_once_then_only_again_with_a_reason(qtbot, window):  # noqa: F811
    dossier, payment = paid_dossier(window)
    select_dossier(qtbot, window, dossier.client_id)
    assert window.action_fee_receipt.isEnabled() and window.action_fee_receipt.shortcut().toString() == "Ctrl+Shift+B"
    with qtbot.waitSignal(window.preview_opened, timeout=30_000) as opened:
        window.action_fee_receipt.trigger()
    preview: PrintPreviewDialog = opened.args[0]
    assert preview.kind is FormKind.FEE_RECEIPT and "Fee receipt for dossier" in preview.ui.headingLabel.text()
    text = text_of(preview.pdf)
    assert "BIÊN LAI THU TIỀN PHÍ, LỆ PHÍ" in text and "Phạm Thị Hoa" in text and "0004711" in text
    assert "135.000" in text and "Một trăm ba mươi lăm nghìn đồng" in text and "Bản in lại" not in text
    assert preview._file_name().startswith(f"bien-lai-thu-phi-{dossier.code}")
    with qtbot.waitSignal(preview.printed, timeout=60_000):
        preview.ui.printButton.click()
    [record] = window.store.prints(dossier.client_id)
    assert (record.kind, record.reprint_reason, record.outcome) == ("fee_receipt", None, "printed")

    # The second time is a reprint: a reason first, then the mark on every page.
    with qtbot.waitSignal(window.reprint_asked, timeout=30_000) as asked:
        window.action_fee_receipt.trigger()
    reason: ReprintReasonDialog = asked.args[0]
    reason.reason_edit.setText("Người nộp làm mất biên lai")
    with qtbot.waitSignal(window.preview_opened, timeout=30_000) as opened:
        reason.reprint_button.click()
    again: PrintPreviewDialog = opened.args[0]
    assert "Reason: Người nộp làm mất biên lai" in again.ui.headingLabel.text()
    assert all("Bản in lại" in page.extract_text() for page in PdfReader(io.BytesIO(again.pdf)).pages)
    with qtbot.waitSignal(again.printed, timeout=60_000):
        again.ui.printButton.click()
    kinds = [(r.kind, r.reprint_reason) for r in window.store.prints(dossier.client_id)]
    assert ("fee_receipt", "Người nộp làm mất biên lai") in kinds
    assert "receipt.reprinted" in [e.action for e in window.store.audit_entries(subject=dossier.client_id)]


def test_a_dossier_without_a_payment_says_there_is_no_fee_receipt(qtbot, window, monkeypatch):  # noqa: F811
    shown: list[str] = []
    monkeypatch.setattr("desk_app.gui.main_window.show_error", lambda parent, error, title: shown.append(title))
    dossier = window.store.save_new_dossier(a_dossier(window), {})
    select_dossier(qtbot, window, dossier.client_id)
    window.action_fee_receipt.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == [f"The fee receipt of dossier {dossier.code} cannot be printed"]


def test_a_refunded_payment_has_no_receipt_left_and_a_later_one_does() -> None:
    when = now_vn()
    first = FeeRecord.payment("c1", (FeeLine("a", "Lệ phí", 50_000),), PaymentMethod.CASH, officer_username="u",
                              recorded_at=when)
    refund = FeeRecord.refund(first, "Thu nhầm", officer_username="u", recorded_at=when + timedelta(minutes=1))
    assert latest_payment([first, refund]) is None
    second = replace(first, fee_id="f2", recorded_at=when + timedelta(minutes=2))
    assert latest_payment([first, refund, second]) == second


def test_the_ledger_of_a_period_lists_its_dossiers_and_nothing_else(qtbot, window):  # noqa: F811
    today = window.services.clock().date()
    taken = [window.store.save_new_dossier(a_dossier(window), {}) for _ in range(3)]
    earlier = a_dossier(window)
    old = earlier.received_at - timedelta(days=40)
    window.store.save_new_dossier(replace(earlier, received_at=old, due_at=old + timedelta(days=7)), {})
    refused = window.store.save_new_dossier(replace(a_dossier(window), status=DossierStatus.REFUSED), {})

    dialog = window.open_ledger()
    assert isinstance(dialog, LedgerDialog) and dialog.period() == (today, today)
    with qtbot.waitSignal(window.preview_opened, timeout=30_000) as opened:
        dialog.preview_button.click()
    preview: PrintPreviewDialog = opened.args[0]
    assert preview.kind is FormKind.LEDGER and "3 dossier(s)" in preview.ui.headingLabel.text()
    text = text_of(preview.pdf)
    assert "SỔ THEO DÕI HỒ SƠ" in text
    for dossier in taken:
        assert dossier.code in text.replace(" ", "")   # a long code may wrap in its cell
    assert refused.code not in text
    assert preview._file_name() == f"so-theo-doi-ho-so-{today.isoformat()}.pdf"

    # A month back reaches the older dossier; a period that ends before it starts is refused.
    dialog = window.open_ledger()
    dialog.set_period(today - timedelta(days=45), today)
    with qtbot.waitSignal(window.preview_opened, timeout=30_000) as opened:
        dialog.preview_button.click()
    assert "4 dossier(s)" in opened.args[0].ui.headingLabel.text()
    dialog = window.open_ledger()
    dialog.set_period(today, today - timedelta(days=1))
    assert not dialog.preview_button.isEnabled() and "ends before it starts" in dialog.message_label.text()
    dialog.reject()


def test_the_ledger_dialog_is_keyboard_ready(qtbot, language, window):  # noqa: F811
    dialog = window.open_ledger()
    qtbot.waitExposed(dialog)
    assert_keyboard_ready(qtbot, dialog, "dossier ledger")
    dialog.reject()


def test_the_quick_choices_set_the_period(qtbot, store):
    last = date(2026, 11, 21)   # a Saturday
    dialog = LedgerDialog(store, lambda: [], "Điểm thử", last, "a4")
    qtbot.addWidget(dialog)
    dialog.week_button.click()
    assert dialog.period() == (last - timedelta(days=last.weekday()), last)
    dialog.month_button.click()
    assert dialog.period() == (date(2026, 11, 1), last)
    dialog.today_button.click()
    assert dialog.period() == (last, last)
