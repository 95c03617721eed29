"""The read-only lists the supervisor's tabs show (desks, held entries, figures)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget


def read_only_table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    """Whole rows selected, nothing editable, and Tab leaving the table for the next control
    (arrows move inside it): Qt's default keeps Tab walking the cells, so keyboard users were
    trapped in the first table of a tab."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table
