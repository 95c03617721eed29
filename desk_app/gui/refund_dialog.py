"""Refunding a fee at the desk: which payment, how much, and why.

A refund names a payment of the same dossier and never gives back more than is left of it
(the store and the central API both refuse otherwise); the reason is required, since the
money leaves the cash box. It is recorded at once and travels through the outbox after
the dossier and its payment.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.fees import FeeKind, FeeRecord
from desk_app.core.timeutil import now_vn
from desk_app.store import DeskStore, DossierSummary

from .errors import error_text
from .feedback import Tone, clear_message, show_message
from .labels import format_moment, format_money, payment_method_name
from .ops import Op


def refundable(records: list[FeeRecord]) -> list[tuple[FeeRecord, int]]:
    """Each payment with what is left of it after the refunds already made, when anything is."""
    refunded: dict[str, int] = {}
    for record in records:
        if record.kind is FeeKind.REFUND and record.refers_to:
            refunded[record.refers_to] = refunded.get(record.refers_to, 0) + record.amount
    return [(r, r.amount - refunded.get(r.fee_id, 0)) for r in records
            if r.kind is FeeKind.PAYMENT and r.amount - refunded.get(r.fee_id, 0) > 0]


class RefundDialog(QDialog):
    recorded = Signal(object)  # the refund FeeRecord, once committed

    def __init__(self, store: DeskStore, summary: DossierSummary, payments: list[tuple[FeeRecord, int]], *,
                 officer_username: str, clock: Callable[[], datetime] = now_vn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refundDialog")
        self.setWindowTitle(self.tr("Refund a fee"))
        self._store, self._summary, self._payments = store, summary, payments
        self._officer, self._clock = officer_username, clock
        self._saving = False

        heading = QLabel(self.tr("Dossier {code} of {citizen}").format(code=summary.code, citizen=summary.applicant_name))
        heading.setStyleSheet("font-weight: bold;")
        self.payment_combo = QComboBox()
        for payment, left in payments:
            self.payment_combo.addItem(self.tr("{amount} by {method}, receipt {number}, {when} (refundable: {left})").format(
                amount=format_money(payment.amount), method=payment_method_name(payment.method),
                number=payment.receipt_number or "—", when=format_moment(payment.recorded_at), left=format_money(left)))
        self.amount_spin = QSpinBox()
        self.amount_spin.setSuffix(" đ")
        self.amount_spin.setGroupSeparatorShown(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(self.tr("Why the money is given back"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(80)
        self.receipt_edit = QLineEdit()
        self.receipt_edit.setMaxLength(64)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        clear_message(self.message_label)

        form = QFormLayout()
        for label, field in ((self.tr("&Payment"), self.payment_combo), (self.tr("&Amount"), self.amount_spin),
                             (self.tr("&Reason"), self.reason_edit), (self.tr("Payment &slip number"), self.receipt_edit)):
            text = QLabel(label)
            text.setBuddy(field)
            form.addRow(text, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record_button = self.buttons.addButton(self.tr("&Record the refund"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.payment_combo.currentIndexChanged.connect(self._payment_chosen)
        self._payment_chosen(0)
        self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(640, self.sizeHint().height())

    def _payment_chosen(self, index: int) -> None:
        if 0 <= index < len(self._payments):
            left = self._payments[index][1]
            self.amount_spin.setRange(1, left)
            self.amount_spin.setValue(left)

    def record(self) -> Op | None:
        if self._saving:
            return None
        reason = " ".join(self.reason_edit.toPlainText().split())
        if not reason:
            show_message(self.message_label, self.tr("Write the reason for the refund."), Tone.ERROR)
            self.reason_edit.setFocus()
            return None
        payment, _left = self._payments[self.payment_combo.currentIndex()]
        refund = FeeRecord.refund(payment, reason, officer_username=self._officer, recorded_at=self._clock(),
                                  amount=self.amount_spin.value(), receipt_number=self.receipt_edit.text().strip() or None)
        self._saving = True
        self.record_button.setEnabled(False)
        store = self._store
        return (Op(lambda: store.record_fee(refund), parent=self)
                .success(self._recorded).failure(self._failed)
                .with_progress(self.tr("Recording the refund…")).run())

    def _recorded(self, refund: FeeRecord) -> None:
        self._saving = False
        self.recorded.emit(refund)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._saving = False
        self.record_button.setEnabled(True)
        show_message(self.message_label, error_text(error), Tone.ERROR)
