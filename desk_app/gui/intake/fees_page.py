"""Page: the procedure's fees, how the citizen paid, and the number of the fee receipt.

The fee items come from the catalogue (nothing about a fee is written in the code). When
the citizen pays now, the payment is recorded with the dossier in the same commit and
travels after it to the central API; when the fee is collected later (or the procedure is
free) nothing is recorded here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget, QWizardPage

from desk_app.core.fees import PaymentMethod
from desk_app.core.text import normalise_spaces

from ..feedback import Tone, clear_message, show_message
from ..forms.ui_fees_page import Ui_FeesPage
from ..labels import format_money, payment_method_name
from .draft import IntakeDraft


class FeesPage(QWizardPage):
    def __init__(self, draft: IntakeDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self.ui = Ui_FeesPage()
        self.ui.setupUi(self)
        for method in PaymentMethod:
            name = payment_method_name(method)
            self.ui.methodCombo.addItem(name[:1].upper() + name[1:], method.value)
        table = self.ui.feesTable
        table.setColumnCount(2)
        table.setHorizontalHeaderLabels([self.tr("Fee item"), self.tr("Amount")])
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.ui.collectedCheck.toggled.connect(self._collected_toggled)
        self.ui.receiptNumberEdit.textChanged.connect(self.completeChanged)
        self.ui.methodCombo.currentIndexChanged.connect(self.completeChanged)
        clear_message(self.ui.feeMessageLabel)

    def initializePage(self) -> None:
        procedure = self._draft.procedure
        fees = procedure.fees if procedure is not None else ()
        table = self.ui.feesTable
        table.setRowCount(len(fees))
        for row, fee in enumerate(fees):
            table.setItem(row, 0, QTableWidgetItem(fee.name))
            amount = QTableWidgetItem(format_money(fee.amount))
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, 1, amount)
        # As tall as its rows: the page is a short bill, not a spreadsheet.
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        height = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(len(fees))) + 2 * table.frameWidth()
        table.setFixedHeight(height)
        total = sum(f.amount for f in fees)
        if fees:
            self.ui.totalLabel.setText(self.tr("Total: {amount}").format(amount=format_money(total)))
        else:
            self.ui.totalLabel.setText(self.tr("This procedure has no fee."))
        for widget in (self.ui.collectedCheck, self.ui.methodCombo, self.ui.receiptNumberEdit):
            widget.setVisible(bool(fees))
        self.ui.methodLabel.setVisible(bool(fees))
        self.ui.receiptNumberLabel.setVisible(bool(fees))
        self.ui.collectedCheck.setChecked(self._draft.fee_collected if fees else False)
        index = self.ui.methodCombo.findData(self._draft.fee_method.value)
        self.ui.methodCombo.setCurrentIndex(max(index, 0))
        self.ui.receiptNumberEdit.setText(self._draft.fee_receipt_number)
        self._collected_toggled(self.ui.collectedCheck.isChecked())
        (self.ui.receiptNumberEdit if fees else self.ui.totalLabel).setFocus()

    def _collected_toggled(self, collected: bool) -> None:
        for widget in (self.ui.methodCombo, self.ui.receiptNumberEdit):
            widget.setEnabled(collected)
        if collected or not self.ui.collectedCheck.isVisible():
            clear_message(self.ui.feeMessageLabel)
        else:
            show_message(self.ui.feeMessageLabel,
                         self.tr("No payment is recorded now; the fee is collected later and recorded then."),
                         Tone.INFO)
        self.completeChanged.emit()

    def collect(self) -> None:
        """Take what is chosen and typed, unchecked, into the draft (kept as the officer types)."""
        procedure = self._draft.procedure
        if procedure is not None and procedure.fees:
            self._draft.fee_collected = self.ui.collectedCheck.isChecked()
        self._draft.fee_method = PaymentMethod(self.ui.methodCombo.currentData())
        self._draft.fee_receipt_number = self._receipt_number()

    def _receipt_number(self) -> str:
        return normalise_spaces(self.ui.receiptNumberEdit.text())

    def isComplete(self) -> bool:
        if self.ui.collectedCheck.isChecked() and self.ui.collectedCheck.isVisible():
            return bool(self._receipt_number())
        return True

    def validatePage(self) -> bool:
        procedure = self._draft.procedure
        has_fees = procedure is not None and bool(procedure.fees)
        collected = has_fees and self.ui.collectedCheck.isChecked()
        if collected and not self._receipt_number():
            show_message(self.ui.feeMessageLabel, self.tr("Write the number of the fee receipt (or of the transfer)."),
                         Tone.ERROR)
            return False
        self._draft.fee_collected = collected
        self._draft.fee_method = PaymentMethod(self.ui.methodCombo.currentData())
        self._draft.fee_receipt_number = self._receipt_number() if collected else ""
        return True
