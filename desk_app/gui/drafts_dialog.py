"""The officer's unfinished dossiers: parked to serve the next citizen, or left open when the
desk closed (a crash, a power cut). Each can be resumed where it was left, or discarded.

The list is read from the store in the background; discarding asks once more, because a
discarded draft is gone for good.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.store import DeskStore, DraftSummary

from .errors import error_text
from .feedback import Tone, clear_message, show_message
from .labels import format_moment
from .ops import Op
from .record_model import RecordTableModel


def _read_drafts(store: DeskStore, username: str) -> tuple[list[DraftSummary], dict[str, str]]:
    catalogue, _etag = store.load_catalogue()
    names = {p.code: p.name for p in catalogue.procedures} if catalogue is not None else {}
    return store.drafts(username), names


class DraftTableModel(RecordTableModel[DraftSummary]):
    COLUMN_CITIZEN, COLUMN_PROCEDURE, COLUMN_STATE, COLUMN_CHANGED = range(4)
    COLUMN_COUNT = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._names: Mapping[str, str] = {}

    def headers(self) -> list[str]:
        return [self.tr("Citizen"), self.tr("Procedure"), self.tr("State"), self.tr("Last change")]

    @staticmethod
    def key(record: DraftSummary) -> str:
        return record.draft_id

    def set_drafts(self, drafts: list[DraftSummary], names: Mapping[str, str]) -> None:
        self.beginResetModel()
        self._rows = list(drafts)
        self._names = dict(names)
        self.endResetModel()

    def draft(self, row: int) -> DraftSummary:
        return self._rows[row]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        d = self._rows[index.row()]
        column = index.column()
        if column == self.COLUMN_CITIZEN:
            return d.citizen_name or self.tr("(no name yet)")
        if column == self.COLUMN_PROCEDURE:
            if d.procedure_code is None:
                return self.tr("(not chosen yet)")
            return self._names.get(d.procedure_code, d.procedure_code)
        if column == self.COLUMN_STATE:
            return self.tr("Parked") if d.parked else self.tr("Interrupted: the desk closed before it was saved")
        if column == self.COLUMN_CHANGED:
            return format_moment(d.updated_at)
        return None


class DraftsDialog(QDialog):
    resume_requested = Signal(str)   # draft_id
    loaded = Signal()                # the list was read (again)

    def __init__(self, store: DeskStore, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DraftsDialog")
        self.setWindowTitle(self.tr("Unfinished dossiers"))
        self.resize(860, 360)
        self._store = store
        self._username = username
        self.model = DraftTableModel(self)
        layout = QVBoxLayout(self)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("draftsMessageLabel")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        view = self.view = QTableView(self)
        view.setObjectName("draftsView")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DraftTableModel.COLUMN_PROCEDURE, QHeaderView.ResizeMode.Stretch)
        view.activated.connect(lambda _index: self.resume_selected())
        layout.addWidget(view)
        buttons = QDialogButtonBox(self)
        self.resume_button = QPushButton(self.tr("&Resume (Enter)"), self)
        self.resume_button.setObjectName("resumeDraftButton")
        self.discard_button = QPushButton(self.tr("&Discard… (Del)"), self)
        self.discard_button.setObjectName("discardDraftButton")
        buttons.addButton(self.resume_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close (Esc)"))
        buttons.rejected.connect(self.reject)
        self.resume_button.clicked.connect(self.resume_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.resume_button.setDefault(True)
        layout.addWidget(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view, self.discard_selected)
        view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.discard_box: QMessageBox | None = None
        self.intro = ""
        self._update_buttons()

    def refresh(self) -> Op:
        store, username = self._store, self._username
        return Op(lambda: _read_drafts(store, username), parent=self).success(self._loaded).run()

    def _loaded(self, loaded: tuple[list[DraftSummary], dict[str, str]]) -> None:
        drafts, names = loaded
        chosen = self.selected()
        self.model.set_drafts(drafts, names)
        row = self.model.row_of(chosen.draft_id) if chosen is not None else None
        if drafts:
            self.view.selectRow(row if row is not None else 0)
            if self.intro:
                show_message(self.message_label, self.intro, Tone.INFO)
            else:
                clear_message(self.message_label)
        else:
            show_message(self.message_label, self.tr("No unfinished dossier: every intake was saved or discarded."),
                         Tone.INFO)
        self.view.setFocus()
        self.loaded.emit()

    def selected(self) -> DraftSummary | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.draft(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.resume_button.setEnabled(chosen)
        self.discard_button.setEnabled(chosen)

    def resume_selected(self) -> None:
        draft = self.selected()
        if draft is None:
            return
        self.resume_requested.emit(draft.draft_id)
        self.accept()

    def discard_selected(self) -> QMessageBox | None:
        draft = self.selected()
        if draft is None:
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Discard the unfinished dossier"),
                          self.tr("Discard the unfinished dossier of {name}? What was typed is deleted from this desk "
                                  "and cannot be brought back.").format(name=draft.citizen_name or self.tr("(no name yet)")),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("discardDraftBox")
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)  # deleting a citizen's dossier must be a choice, not a stray Enter
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._discard_answered(button is discard, draft.draft_id))
        self.discard_box = box
        box.open()
        return box

    def _discard_answered(self, confirmed: bool, draft_id: str) -> None:
        self.discard_box = None
        if not confirmed:
            return
        store, username = self._store, self._username
        Op(lambda: store.discard_draft(draft_id, actor=username), parent=self).success(lambda _none: self.refresh()).failure(
            lambda error: show_message(self.message_label, self.tr("The draft could not be discarded: {reason}").format(
                reason=error_text(error)), Tone.ERROR)).run()
