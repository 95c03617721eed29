"""Refunding a fee from the queue: the payment chosen, never more than is left, a reason
required, recorded at once and sent to the central API after the dossier and payment."""

from __future__ import annotations

from dataclasses import replace

import requests

from desk_app.core.dossier import FeeLine
from desk_app.core.fees import FeeKind, FeeRecord, PaymentMethod
from desk_app.core.timeutil import now_vn
from desk_app.gui.refund_dialog import refundable

from .test_main_window import a_dossier, window  # noqa: F401 - the fixture


def select(qtbot, window, client_id: str) -> None:  # noqa: F811
    window.refresh_queue()
    qtbot.waitUntil(lambda: window.queue_model.row_of(client_id) is not None, timeout=10_000)
    source = window.queue_model.index(window.queue_model.row_of(client_id), 0)
    window.ui.queueView.selectRow(window._proxy.mapFromSource(source).row())


def test_a_refund_is_recorded_with_its_reason_and_reaches_the_central_api(qtbot, window, central_server):  # noqa: F811
    dossier = replace(a_dossier(window), fees=(FeeLine("le_phi", "Lệ phí cấp phù hiệu xe tập lái", 50000),))
    payment = FeeRecord.payment(dossier.client_id, dossier.fees, PaymentMethod.CASH, officer_username="canbo01",
                                recorded_at=now_vn(), receipt_number="0000777")
    window.store.save_new_dossier(dossier, {}, fees=[payment])
    select(qtbot, window, dossier.client_id)
    op = window.refund()
    qtbot.waitUntil(lambda: op.done and window.refund_dialog is not None, timeout=10_000)
    dialog = window.refund_dialog
    assert dialog.amount_spin.maximum() == payment.amount == dialog.amount_spin.value()
    dialog.record()  # no reason yet
    assert "reason" in dialog.message_label.text() and dialog.isVisible()
    dialog.amount_spin.setValue(payment.amount - 1000)
    dialog.reason_edit.setPlainText("Công dân  rút hồ sơ\n")
    with qtbot.waitSignal(dialog.recorded, timeout=10_000) as recorded:
        dialog.record()
    refund = recorded.args[0]
    assert refund.kind is FeeKind.REFUND and refund.refers_to == payment.fee_id and refund.amount == payment.amount - 1000
    assert refund.reason == "Công dân rút hồ sơ"
    assert refundable(window.store.fee_records(dossier.client_id)) == [(payment, 1000)]

    window.ui.actionSendNow.trigger()

    def at_the_centre() -> list:
        answer = requests.get(central_server.url(f"/v1/dossiers/{dossier.client_id}/fees"),
                              headers=central_server.headers("canbo01", "DESK-NT-01"), timeout=10)
        return answer.json().get("items", []) if answer.status_code == 200 else []
    qtbot.waitUntil(lambda: len(at_the_centre()) == 2, timeout=30_000)
    assert [f["kind"] for f in at_the_centre()] == ["payment", "refund"]


def test_a_dossier_without_payments_says_there_is_nothing_to_refund(qtbot, window):  # noqa: F811
    dossier = window.store.save_new_dossier(a_dossier(window), {})
    select(qtbot, window, dossier.client_id)
    op = window.refund()
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert window.refund_dialog is None and "no payment" in window.sync_label.text()
