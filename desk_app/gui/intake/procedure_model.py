"""The procedures found by a catalogue search, as a table: code, name, fee, processing days."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desk_app.core.catalogue import Procedure

from ..labels import format_money

_Index = QModelIndex | QPersistentModelIndex


class ProcedureTableModel(QAbstractTableModel):
    COLUMN_CODE = 0
    COLUMN_NAME = 1
    COLUMN_FEE = 2
    COLUMN_DAYS = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._procedures: list[Procedure] = []

    def set_procedures(self, procedures: Sequence[Procedure]) -> None:
        self.beginResetModel()
        self._procedures = list(procedures)
        self.endResetModel()

    def procedure(self, row: int) -> Procedure:
        return self._procedures[row]

    def procedures(self) -> list[Procedure]:
        return list(self._procedures)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._procedures)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Code"), self.tr("Procedure"), self.tr("Fee"), self.tr("Working days"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        procedure = self._procedures[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COLUMN_CODE:
                return procedure.code
            if column == self.COLUMN_NAME:
                return procedure.name
            if column == self.COLUMN_FEE:
                return format_money(procedure.total_fee) if procedure.fees else self.tr("Free")
            if column == self.COLUMN_DAYS:
                return str(procedure.processing_days)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.COLUMN_FEE, self.COLUMN_DAYS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COLUMN_NAME:
            return f"{procedure.name}\n{procedure.agency_name}"
        return None
