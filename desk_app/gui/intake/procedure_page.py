"""Page 2: the procedure, found in the cached catalogue with diacritics ignored."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QWidget, QWizardPage

from desk_app.core.catalogue import Catalogue, Procedure, UnknownProcedure

from ..errors import error_text
from ..feedback import Tone, clear_message, show_message
from ..forms.ui_procedure_page import Ui_ProcedurePage
from ..labels import format_money
from .draft import IntakeDraft
from .procedure_model import ProcedureTableModel

# What an officer types or scans when they have the code rather than the name.
_LOOKS_LIKE_CODE = re.compile(r"^[0-9A-Za-z]+(?:[.\-][0-9A-Za-z]+)+$")
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ProcedurePage(QWizardPage):
    def __init__(self, draft: IntakeDraft, catalogue: Catalogue, usage: Mapping[str, int] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self._catalogue = catalogue
        self._usage = dict(usage or {})
        self.ui = Ui_ProcedurePage()
        self.ui.setupUi(self)
        self.model = ProcedureTableModel(self)
        view = self.ui.procedureView
        view.setModel(self.model)
        header = view.horizontalHeader()
        header.setSectionResizeMode(ProcedureTableModel.COLUMN_CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ProcedureTableModel.COLUMN_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ProcedureTableModel.COLUMN_FEE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ProcedureTableModel.COLUMN_DAYS, QHeaderView.ResizeMode.ResizeToContents)
        clear_message(self.ui.procedureMessageLabel)
        self.ui.procedureDetailLabel.clear()
        self.ui.searchEdit.textChanged.connect(self.search)
        self.ui.searchEdit.installEventFilter(self)
        self.ui.procedureView.installEventFilter(self)
        view.selectionModel().selectionChanged.connect(self._selection_changed)
        view.doubleClicked.connect(lambda _index: self.wizard() and self.wizard().next())
        self.search("")

    def initializePage(self) -> None:
        chosen = self._draft.procedure
        if chosen is not None and not self.ui.procedureView.selectionModel().selectedRows():
            self.select_code(chosen.code)  # a draft brought back shows what it was for
        self.ui.searchEdit.setFocus()

    def collect(self) -> None:
        """Nothing to take: the draft follows the selection as it changes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.searchEdit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in _ENTER_KEYS:
                self.choose_typed()
                return True
            # Up and Down move the highlight in the list while the typing stays in the search.
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.model.rowCount():
                rows = self.ui.procedureView.selectionModel().selectedRows()
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                current = rows[0].row() + step if rows else 0
                self._select_row(max(0, min(self.model.rowCount() - 1, current)))
                return True
        if watched is self.ui.procedureView and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in _ENTER_KEYS and self._draft.procedure is not None and self.wizard() is not None:
                self.wizard().next()  # Enter on the list does what a double click does
                return True
        return super().eventFilter(watched, event)

    def search(self, query: str) -> list[Procedure]:
        found = self._catalogue.search(query)
        if not query.strip():
            # Before anything is typed, this desk's usual procedures come first (a post office
            # takes a few procedures all day); typed searches keep their relevance order.
            found = sorted(found, key=lambda p: -self._usage.get(p.code, 0))
        self.model.set_procedures(found)
        if found:
            clear_message(self.ui.procedureMessageLabel)
            if query.strip():
                self._select_row(0)
            else:
                # An empty search lists everything; choosing for the officer would invite mistakes.
                self.ui.procedureView.clearSelection()
        else:
            self._draft.procedure = None
            self.ui.procedureDetailLabel.clear()
            show_message(
                self.ui.procedureMessageLabel,
                self.tr("No procedure matches \"{text}\". Try fewer words or the procedure's code.").format(text=query.strip()),
                Tone.INFO,
            )
            self.completeChanged.emit()
        return found

    def choose_typed(self) -> bool:
        """Enter in the search box takes the highlighted match (the best one, shown with its
        details) and goes on; an exact code is looked up, so a wrong code says so."""
        text = self.ui.searchEdit.text().strip()
        if _LOOKS_LIKE_CODE.match(text) and not any(p.code == text for p in self.model.procedures()):
            return self.select_code(text)
        if self._draft.procedure is not None and self.wizard() is not None:
            self.wizard().next()
        return self._draft.procedure is not None

    def select_code(self, code: str) -> bool:
        """Choose the procedure with this catalogue code; an unknown code is shown, not raised."""
        try:
            procedure = self._catalogue.get(code)
        except UnknownProcedure as exc:
            self._draft.procedure = None
            self.ui.procedureView.clearSelection()
            self.ui.procedureDetailLabel.clear()
            show_message(self.ui.procedureMessageLabel, error_text(exc), Tone.ERROR)
            self.completeChanged.emit()
            return False
        found = self.search(procedure.code)
        self._select_row(next(i for i, p in enumerate(found) if p.code == procedure.code))
        return True

    def isComplete(self) -> bool:
        return self._draft.procedure is not None

    def _select_row(self, row: int) -> None:
        view = self.ui.procedureView
        view.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        view.scrollTo(self.model.index(row, 0))

    def _selection_changed(self) -> None:
        rows = self.ui.procedureView.selectionModel().selectedRows()
        if not rows:
            self._draft.procedure = None
            self.ui.procedureDetailLabel.clear()
        else:
            procedure = self.model.procedure(rows[0].row())
            self._draft.procedure = procedure
            self.ui.procedureDetailLabel.setText(self._describe(procedure))
        self.completeChanged.emit()

    def _describe(self, p: Procedure) -> str:
        fee = format_money(p.total_fee) if p.fees else self.tr("free")
        lines = [
            f"<b>{html.escape(p.name)}</b>",
            self.tr("Agency: {agency}").format(agency=html.escape(p.agency_name)),
            self.tr("Fee: {fee}; processing time: {days} working days; {documents} document(s) to take.").format(
                fee=fee, days=p.processing_days, documents=len(p.documents)
            ),
        ]
        if p.fully_online:
            lines.append(self.tr("Can also be done fully online on the public service portal."))
        if self._usage.get(p.code):
            lines.append(self.tr("Taken {count} time(s) at this desk in the last 90 days.").format(count=self._usage[p.code]))
        if p.demo_values:
            lines.append("<i>" + self.tr("Demo data: documents, fee and time are examples, not the legal values.") + "</i>")
        return "<br>".join(lines)
