"""The queue of today's dossiers as a Qt table model (hàng đợi hồ sơ trong ngày).

Rows are ``DossierSummary`` records read from the store by a background op; the model
only holds them. ``set_summaries`` merges a fresh read by client id so that a live
refresh (after each sync pass) keeps the officer's selection and scroll position.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desk_app.core.delivery import PortraitDelivery
from desk_app.core.dossier import TERMINAL, DossierStatus
from desk_app.core.timeutil import now_vn
from desk_app.store.records import DossierSummary

from .labels import format_moment, status_name, sync_state_name
from .record_model import ModelIndex, RecordTableModel

# Raw values for sorting and for tests, beside the text a person reads.
SORT_ROLE = Qt.ItemDataRole.UserRole
CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class QueueTableModel(RecordTableModel[DossierSummary]):
    COLUMN_CODE = 0
    COLUMN_CITIZEN = 1
    COLUMN_PROCEDURE = 2
    COLUMN_RECEIVED = 3
    COLUMN_DUE = 4
    COLUMN_STATUS = 5
    COLUMN_SYNC = 6
    COLUMN_COUNT = 7

    def __init__(self, clock: Callable[[], datetime] = now_vn, parent: Any = None) -> None:
        super().__init__(parent)
        self._clock = clock

    def headers(self) -> list[str]:
        return [
            self.tr("Dossier code"),
            self.tr("Citizen"),
            self.tr("Procedure"),
            self.tr("Received"),
            self.tr("Due"),
            self.tr("Status"),
            self.tr("Sending"),
        ]

    @staticmethod
    def key(record: DossierSummary) -> str | int:
        return record.client_id

    # ------------------------------------------------------------------ Qt model API

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == CLIENT_ID_ROLE:
            return row.client_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.COLUMN_DUE and self.is_overdue(row):
                return QBrush(QColor("#b71c1c"))
            if column == self.COLUMN_SYNC and row.sync_state == "held":
                return QBrush(QColor("#b71c1c"))
            if column == self.COLUMN_STATUS and row.returned_note is not None:
                return QBrush(QColor("#e65100"))
            if column == self.COLUMN_STATUS and self.awaits_hand_over(row):
                return QBrush(QColor("#1b5e20"))
        if role == Qt.ItemDataRole.FontRole:
            if column == self.COLUMN_CODE and row.code_provisional:
                font = QFont()
                font.setItalic(True)
                return font
            if column == self.COLUMN_STATUS and (self.awaits_hand_over(row) or row.returned_note is not None):
                font = QFont()
                font.setBold(True)
                return font
        return None

    # ------------------------------------------------------------------ content

    def summary(self, row: int) -> DossierSummary:
        return self._rows[row]

    def summaries(self) -> list[DossierSummary]:
        return list(self._rows)

    def set_summaries(self, summaries: Sequence[DossierSummary]) -> None:
        """Show ``summaries``: changed rows update in place, new ones are added, gone ones removed."""
        fresh = list(summaries)
        fresh_ids = {s.client_id for s in fresh}
        for number in range(len(self._rows) - 1, -1, -1):
            if self._rows[number].client_id not in fresh_ids:
                self.beginRemoveRows(QModelIndex(), number, number)
                del self._rows[number]
                self.endRemoveRows()
        position = {s.client_id: n for n, s in enumerate(self._rows)}
        added = []
        for summary in fresh:
            number = position.get(summary.client_id)
            if number is None:
                added.append(summary)
            elif self._rows[number] != summary:
                self._rows[number] = summary
                self.dataChanged.emit(self.index(number, 0), self.index(number, self.COLUMN_COUNT - 1))
        if added:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
            self._rows.extend(added)
            self.endInsertRows()

    def awaits_hand_over(self, row: DossierSummary) -> bool:
        """The result is ready and the citizen has not collected it yet (status 9)."""
        return row.status == DossierStatus.RESULT_READY

    def is_overdue(self, row: DossierSummary) -> bool:
        return DossierStatus(row.status) not in TERMINAL and row.due_at < self._clock()

    # ------------------------------------------------------------------ helpers

    def _display(self, row: DossierSummary, column: int) -> str:
        if column == self.COLUMN_CODE:
            return row.code
        if column == self.COLUMN_CITIZEN:
            return row.applicant_name
        if column == self.COLUMN_PROCEDURE:
            return row.procedure_name
        if column == self.COLUMN_RECEIVED:
            return format_moment(row.received_at)
        if column == self.COLUMN_DUE:
            return format_moment(row.due_at)
        if column == self.COLUMN_STATUS:
            if row.returned_note is not None:
                return self.tr("{status} · returned by the supervisor").format(status=status_name(row.status))
            return status_name(row.status)
        if column == self.COLUMN_SYNC:
            state = sync_state_name(row.sync_state)
            if row.portrait is PortraitDelivery.RECEIVED:
                return self.tr("{state} · photo received").format(state=state)
            if row.portrait is PortraitDelivery.WAITING:
                return self.tr("{state} · photo not yet confirmed").format(state=state)
            return state
        return ""

    def _sort_value(self, row: DossierSummary, column: int) -> Any:
        if column == self.COLUMN_RECEIVED:
            return row.received_at.timestamp()
        if column == self.COLUMN_DUE:
            return row.due_at.timestamp()
        if column == self.COLUMN_STATUS:
            return row.status
        return self._display(row, column)

    def _tooltip(self, row: DossierSummary, column: int) -> str | None:
        if column == self.COLUMN_CODE and row.code_provisional:
            return self.tr("Provisional code: the central system gives the final code when the dossier is sent.")
        if column == self.COLUMN_PROCEDURE:
            return f"{row.procedure_code}: {row.procedure_name}"
        if column == self.COLUMN_DUE and self.is_overdue(row):
            return self.tr("Overdue: the appointment date has passed.")
        if column == self.COLUMN_SYNC and row.sync_state == "held":
            return self.tr("The central system refused this dossier; a supervisor must review it.")
        if column == self.COLUMN_SYNC and row.portrait is PortraitDelivery.RECEIVED:
            return self.tr("The central system confirmed it holds exactly the portrait taken here (same SHA-256).")
        if column == self.COLUMN_SYNC and row.portrait is PortraitDelivery.WAITING:
            return self.tr("The central system has not yet confirmed the portrait; the desk sends it until it does.")
        if column == self.COLUMN_STATUS and row.returned_note is not None:
            return self.tr("Returned by {supervisor}: {note}").format(supervisor=row.returned_by or "",
                                                                     note=row.returned_note)
        if column == self.COLUMN_STATUS and self.awaits_hand_over(row):
            return self.tr("The result is ready: select the dossier and press Ctrl+T to hand it over.")
        return None
