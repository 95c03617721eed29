"""Page 4: the documents taken (with originals and copies), contact and result delivery."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidgetItem,
    QWidget,
    QWizardPage,
)

from desk_app.core.catalogue import DeliveryOption, FieldType, FormField, Procedure
from desk_app.core.dossier import ReceivedDocument
from desk_app.core.text import normalise_spaces
from desk_app.core.validation import normalise_phone, validate_field

from ..errors import message_text
from ..feedback import Tone, clear_message, show_message
from ..forms.ui_documents_page import Ui_DocumentsPage
from .draft import IntakeDraft
from .scan_panel import ScanPanel

_COUNT_COLUMNS = ("originals", "certified_copies", "photocopies")
_MAX_COPIES = 20


class _CountDelegate(QStyledItemDelegate):
    """A count is typed straight into its cell (a digit starts the edit, Enter keeps it), so
    the table is one stop in the Tab order and the arrows move inside it, rather than a
    spin box per cell that Tab would have to walk through."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(0, _MAX_COPIES)
        spin.setFrame(False)
        return spin

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QSpinBox)
        editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QSpinBox)
        editor.interpretText()
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class DocumentsPage(QWizardPage):
    COLUMN_NAME = 0

    def __init__(self, draft: IntakeDraft, parent: QWidget | None = None, *,
                 capture_page: Callable[[QWidget], bytes | None] | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self.ui = Ui_DocumentsPage()
        self.ui.setupUi(self)
        # The scans of the papers, for the document chosen in the table (or the panel's own list).
        self.scan_panel = ScanPanel(capture_page, self)
        self.ui.pageLayout.insertWidget(2, self.scan_panel)  # below the table
        self.ui.documentsTable.currentCellChanged.connect(self._row_changed)
        self.scan_panel.current_changed.connect(self._scan_document_chosen)
        self.scan_panel.busy_changed.connect(lambda _busy: self.completeChanged.emit())
        self._built_for: str | None = None
        self._procedure: Procedure | None = None
        table = self.ui.documentsTable
        table.setColumnCount(4)
        table.setHorizontalHeaderLabels([self.tr("Document"), self.tr("Originals"), self.tr("Certified copies"), self.tr("Photocopies")])
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.setItemDelegate(_CountDelegate(table))
        table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move within it
        clear_message(self.ui.documentsMessageLabel)
        self.ui.deliveryPostRadio.toggled.connect(self.ui.deliveryAddressEdit.setEnabled)

    def initializePage(self) -> None:
        procedure = self._draft.procedure
        if procedure is None:
            return
        draft = self._draft
        if procedure.code != self._built_for:
            self._build(procedure)
            self._show_draft()
        post_allowed = DeliveryOption.POST in procedure.delivery_options
        self.ui.deliveryPostRadio.setEnabled(post_allowed)
        if not post_allowed:
            self.ui.deliveryDeskRadio.setChecked(True)
        if not self.ui.deliveryAddressEdit.text().strip():
            self.ui.deliveryAddressEdit.setText(draft.delivery_address or draft.citizen.address)
        # A phone or e-mail already typed in the procedure's form need not be typed twice.
        for kind, edit in ((FieldType.PHONE, self.ui.phoneEdit), (FieldType.EMAIL, self.ui.emailEdit)):
            if not edit.text().strip():
                typed = next((self._draft.form_values.get(f.key) for f in procedure.fields if f.type is kind), None)
                if typed:
                    edit.setText(typed)
        clear_message(self.ui.documentsMessageLabel)

    def _build(self, procedure: Procedure) -> None:
        table = self.ui.documentsTable
        table.setRowCount(len(procedure.documents))
        for row, requirement in enumerate(procedure.documents):
            name = requirement.name + ("" if requirement.required else " " + self.tr("(if any)"))
            item = QTableWidgetItem(name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if requirement.required else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, requirement.code)
            if requirement.note:
                item.setToolTip(requirement.note)
            table.setItem(row, self.COLUMN_NAME, item)
            for column, attribute in enumerate(_COUNT_COLUMNS, start=1):
                count = QTableWidgetItem()
                count.setData(Qt.ItemDataRole.EditRole, getattr(requirement, attribute))
                count.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, column, count)
        table.resizeRowsToContents()
        self._built_for = procedure.code
        self._procedure = procedure
        self.scan_panel.set_requirements(procedure.documents)

    def _show_draft(self) -> None:
        """What the draft says was taken, when it speaks of this procedure's documents (a draft
        brought back); otherwise the catalogue's defaults stay."""
        draft, table = self._draft, self.ui.documentsTable
        taken = {d.code: d for d in draft.documents}
        codes = [table.item(row, self.COLUMN_NAME).data(Qt.ItemDataRole.UserRole) for row in range(table.rowCount())]
        if taken and set(taken) <= set(codes):
            for row, code in enumerate(codes):
                document = taken.get(code)
                table.item(row, self.COLUMN_NAME).setCheckState(
                    Qt.CheckState.Checked if document is not None else Qt.CheckState.Unchecked)
                if document is not None:
                    for attribute in _COUNT_COLUMNS:
                        self.set_count(code, attribute, getattr(document, attribute))
        self.ui.setsSpin.setValue(draft.sets)
        self.scan_panel.set_scans(draft.scans)
        if draft.phone and not self.ui.phoneEdit.text().strip():
            self.ui.phoneEdit.setText(draft.phone)
        if draft.email and not self.ui.emailEdit.text().strip():
            self.ui.emailEdit.setText(draft.email)
        (self.ui.deliveryPostRadio if draft.delivery is DeliveryOption.POST else self.ui.deliveryDeskRadio).setChecked(True)

    def collect(self) -> None:
        """Take the ticks, counts and contact details as they stand, unchecked, into the draft."""
        procedure = self._procedure
        if procedure is None:
            return
        draft = self._draft
        draft.documents = self._ticked(procedure)
        draft.sets = self.ui.setsSpin.value()
        draft.phone = self.ui.phoneEdit.text().strip() or None
        draft.email = self.ui.emailEdit.text().strip() or None
        post = self.ui.deliveryPostRadio.isChecked()
        draft.delivery = DeliveryOption.POST if post else DeliveryOption.DESK
        draft.delivery_address = normalise_spaces(self.ui.deliveryAddressEdit.text()) or None
        draft.scans = self.scan_panel.scans()

    def _ticked(self, procedure: Procedure) -> list[ReceivedDocument]:
        """The documents ticked as handed in, with the counts as they stand."""
        table = self.ui.documentsTable
        return [
            ReceivedDocument(requirement.code, requirement.name,
                             *(int(table.item(row, column).data(Qt.ItemDataRole.EditRole)) for column in (1, 2, 3)))
            for row, requirement in enumerate(procedure.documents)
            if table.item(row, self.COLUMN_NAME).checkState() == Qt.CheckState.Checked
        ]

    def _row_changed(self, row: int, _column: int, _previous_row: int, _previous_column: int) -> None:
        item = self.ui.documentsTable.item(row, self.COLUMN_NAME) if row >= 0 else None
        if item is not None:
            self.scan_panel.set_current(item.data(Qt.ItemDataRole.UserRole))

    def _scan_document_chosen(self, code: str) -> None:
        table = self.ui.documentsTable
        for row in range(table.rowCount()):
            if table.item(row, self.COLUMN_NAME).data(Qt.ItemDataRole.UserRole) == code and table.currentRow() != row:
                table.setCurrentCell(row, self.COLUMN_NAME)

    def isComplete(self) -> bool:
        return not self.scan_panel.is_busy()  # a scan still being prepared would be left behind

    def set_document_taken(self, code: str, taken: bool) -> None:
        self.ui.documentsTable.item(self._row_of(code), self.COLUMN_NAME).setCheckState(
            Qt.CheckState.Checked if taken else Qt.CheckState.Unchecked)

    def count(self, code: str, kind: str) -> int:
        """How many of ``kind`` ("originals", "certified_copies", "photocopies") are counted."""
        column = 1 + _COUNT_COLUMNS.index(kind)
        return int(self.ui.documentsTable.item(self._row_of(code), column).data(Qt.ItemDataRole.EditRole))

    def set_count(self, code: str, kind: str, value: int) -> None:
        column = 1 + _COUNT_COLUMNS.index(kind)
        self.ui.documentsTable.item(self._row_of(code), column).setData(
            Qt.ItemDataRole.EditRole, max(0, min(_MAX_COPIES, value)))

    def _row_of(self, code: str) -> int:
        for row in range(self.ui.documentsTable.rowCount()):
            if self.ui.documentsTable.item(row, self.COLUMN_NAME).data(Qt.ItemDataRole.UserRole) == code:
                return row
        raise KeyError(code)

    def validatePage(self) -> bool:
        problem = self._problem()
        if problem:
            show_message(self.ui.documentsMessageLabel, problem, Tone.ERROR)
            return False
        clear_message(self.ui.documentsMessageLabel)
        return True

    def _problem(self) -> str | None:
        procedure = self._procedure
        if procedure is None:
            return None
        taken = self._ticked(procedure)
        # A required document not handed in does not stop the intake: the review step then
        # offers only a supplement request (Mẫu 02, with it ticked) or a refusal.
        for document in taken:
            if document.originals + document.certified_copies + document.photocopies == 0:
                return self.tr("\"{name}\" is ticked but no original or copy is counted.").format(name=document.name)
        phone = self.ui.phoneEdit.text().strip()
        email = self.ui.emailEdit.text().strip()
        for key, label, kind, value in (
            ("phone", self.tr("Phone"), FieldType.PHONE, phone),
            ("email", self.tr("Email"), FieldType.EMAIL, email),
        ):
            field_problem = validate_field(FormField(key=key, label=label, type=kind), value)
            if field_problem is not None:
                return message_text(field_problem)
        post = self.ui.deliveryPostRadio.isChecked()
        address = normalise_spaces(self.ui.deliveryAddressEdit.text())
        if post and not address:
            return self.tr("Write the postal address the result should be sent to.")
        draft = self._draft
        draft.documents = taken
        draft.scans = self.scan_panel.scans()
        draft.sets = self.ui.setsSpin.value()
        draft.phone = normalise_phone(phone) if phone else None
        draft.email = email or None
        draft.delivery = DeliveryOption.POST if post else DeliveryOption.DESK
        draft.delivery_address = address if post else None
        return None
