"""Parts every supervisor tab is built from: its Refresh button and its read-only lists."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPushButton, QTableWidget, QWidget


def refresh_button(tab: QWidget, name: str, refresh: Callable[[], None]) -> QPushButton:
    """"Refresh (Ctrl+F5)" for one tab. F5 belongs to the main window's Send now; Ctrl+F5
    reads again whichever tab has the focus, and only that one."""
    button = QPushButton(QCoreApplication.translate("SupervisorTab", "Re&fresh (Ctrl+F5)"), tab)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(refresh)
    shortcut = QShortcut(QKeySequence("Ctrl+F5"), tab)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(refresh)
    return button


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
