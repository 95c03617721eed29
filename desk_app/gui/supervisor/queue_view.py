"""The Queue tab: every dossier of the site, filtered, searched and sorted by the store.

Nothing here reads the store on the UI thread: the table's model counts and pages in the
background (``PagedQueueModel``), and the procedures and officers the filters offer come
from ``store.queue_facets`` on an Op. Typing in the search box or stepping a date waits
``DEBOUNCE_MS`` for the next key before asking, so a name typed letter by letter is one
question, not eight.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.dossier import Channel, DossierStatus
from desk_app.core.queue_query import QueueQuery
from desk_app.core.review import OPEN_STATUSES
from desk_app.store.records import QueueFacets

from ..errors import error_text
from ..feedback import Tone, clear_message, show_message
from ..labels import status_name
from ..ops import Op
from ..session import DeskServices, DeskSession
from .flag_names import channel_name
from .paged_queue_model import PagedQueueModel

DEBOUNCE_MS = 250
_COLUMN_WIDTHS = (225, 165, 105, 230, 95, 80, 120, 120, 150, 150, 140)


class OptionalDateEdit(QDateEdit):
    """A day, or "any": the lowest date stands for no limit and reads as "any".

    From "any", the arrow keys start at today rather than at the year 2000; Delete goes back
    to "any".
    """

    ANY = QDate(2000, 1, 1)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setDisplayFormat("dd/MM/yyyy")
        self.setMinimumDate(self.ANY)
        self.setSpecialValueText(self.tr("any"))
        self.setDate(self.ANY)
        self.setToolTip(self.tr("Arrow keys choose a day; Delete means any day."))

    def value(self) -> date | None:
        return None if self.date() == self.ANY else self.date().toPython()

    def set_value(self, day: date | None) -> None:
        self.setDate(self.ANY if day is None else QDate(day.year, day.month, day.day))

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:  # noqa: N802 - Qt's name
        if self.value() is None:
            return QAbstractSpinBox.StepEnabledFlag.StepUpEnabled | QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return super().stepEnabled()

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt's name
        if self.value() is None:
            self.set_value(self._today())
            return
        super().stepBy(steps)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt's names
        # "any" has no day, month and year for Tab to walk through, and Qt's date edit would
        # keep the focus on it for ever: Tab goes on to the next control.
        if self.value() is None:
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Delete:
            self.set_value(None)
            return
        super().keyPressEvent(event)


def make_queue_table(model: PagedQueueModel, parent: QWidget | None) -> QTableView:
    """A table for a paged model: rows of one height, no sizing to contents (which would read
    every row), sorting by the header through the model."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)  # Tab leaves the table for the next control
    view.setWordWrap(False)
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column in range(model.columnCount()):
        view.setColumnWidth(column, _COLUMN_WIDTHS[column])
    # The order the model already asks for, set before sorting is turned on, which asks for it.
    header.setSortIndicator(model.sort_column(), model.sort_order())
    view.setSortingEnabled(True)

    def keep_indicator(column: int, _order: Qt.SortOrder) -> None:
        if column not in PagedQueueModel.SORTS:
            header.blockSignals(True)
            header.setSortIndicator(model.sort_column(), model.sort_order())
            header.blockSignals(False)

    header.sortIndicatorChanged.connect(keep_indicator)
    return view


def buddy(text: str, control: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(control)
    return label


class QueueTab(QWidget):
    facets_loaded = Signal()

    def __init__(self, services: DeskServices, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueTab")
        assert services.store is not None, "the supervisor's queue reads the desk store"
        self.services = services
        self.session = session
        self.store = services.store
        self.model = PagedQueueModel(self.store, QueueQuery(), clock=services.clock, parent=self)
        self._statuses: list[frozenset[int]] = []
        self._facets_asked = False

        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("statusCombo")
        self._fill_statuses()
        self.channel_combo = QComboBox(self)
        self.channel_combo.setObjectName("channelCombo")
        self.channel_combo.addItem(self.tr("Any channel"), None)
        for channel in Channel:
            self.channel_combo.addItem(channel_name(channel), int(channel))
        self.procedure_combo = QComboBox(self)
        self.procedure_combo.setObjectName("procedureCombo")
        self.procedure_combo.addItem(self.tr("Any procedure"), None)
        self.procedure_combo.setMinimumContentsLength(24)
        self.procedure_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.officer_combo = QComboBox(self)
        self.officer_combo.setObjectName("officerCombo")
        self.officer_combo.addItem(self.tr("Any officer"), None)
        today = lambda: services.clock().date()  # noqa: E731 - the desk's clock, read when asked
        self.received_from_edit = OptionalDateEdit(today, self)
        self.received_from_edit.setObjectName("receivedFromEdit")
        self.received_to_edit = OptionalDateEdit(today, self)
        self.received_to_edit.setObjectName("receivedToEdit")
        self.due_from_edit = OptionalDateEdit(today, self)
        self.due_from_edit.setObjectName("dueFromEdit")
        self.due_to_edit = OptionalDateEdit(today, self)
        self.due_to_edit.setObjectName("dueToEdit")
        self.overdue_check = QCheckBox(self.tr("Overdue o&nly"), self)
        self.overdue_check.setObjectName("overdueCheck")
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("Code, CCCD or name"))
        self.search_edit.setClearButtonEnabled(True)
        self.clear_button = QPushButton(self.tr("Cle&ar filters"), self)
        self.clear_button.setObjectName("clearFiltersButton")
        self.clear_button.setAutoDefault(False)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("queueMessageLabel")
        self.message_label.setWordWrap(True)
        clear_message(self.message_label)
        self.view = make_queue_table(self.model, self)
        self.view.setObjectName("queueView")

        first_line = QHBoxLayout()
        for text, control, stretch in ((self.tr("&Status:"), self.status_combo, 0),
                                       (self.tr("&Channel:"), self.channel_combo, 0),
                                       (self.tr("&Procedure:"), self.procedure_combo, 1),
                                       (self.tr("O&fficer:"), self.officer_combo, 0)):
            first_line.addWidget(buddy(text, control, self))
            first_line.addWidget(control, stretch)
        second_line = QHBoxLayout()
        for text, control in ((self.tr("Recei&ved from:"), self.received_from_edit),
                              (self.tr("&to:"), self.received_to_edit),
                              (self.tr("D&ue from:"), self.due_from_edit),
                              (self.tr("t&o:"), self.due_to_edit)):
            second_line.addWidget(buddy(text, control, self))
            second_line.addWidget(control)
        second_line.addWidget(self.overdue_check)
        second_line.addStretch(1)
        third_line = QHBoxLayout()
        third_line.addWidget(buddy(self.tr("S&earch:"), self.search_edit, self))
        third_line.addWidget(self.search_edit, 1)
        third_line.addWidget(self.clear_button)
        list_line = QHBoxLayout()
        list_line.addWidget(buddy(self.tr("Doss&iers:"), self.view, self))
        list_line.addStretch(1)
        list_line.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        for line in (first_line, second_line, third_line):
            layout.addLayout(line)
        layout.addWidget(self.message_label)
        layout.addLayout(list_line)
        layout.addWidget(self.view, 1)
        for first, second in ((self.status_combo, self.channel_combo), (self.channel_combo, self.procedure_combo),
                              (self.procedure_combo, self.officer_combo),
                              (self.officer_combo, self.received_from_edit),
                              (self.received_from_edit, self.received_to_edit),
                              (self.received_to_edit, self.due_from_edit), (self.due_from_edit, self.due_to_edit),
                              (self.due_to_edit, self.overdue_check), (self.overdue_check, self.search_edit),
                              (self.search_edit, self.clear_button), (self.clear_button, self.view)):
            QWidget.setTabOrder(first, second)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filters)
        for combo in (self.status_combo, self.channel_combo, self.procedure_combo, self.officer_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.overdue_check.toggled.connect(self.apply_filters)
        for edit in (self.received_from_edit, self.received_to_edit, self.due_from_edit, self.due_to_edit):
            edit.dateChanged.connect(self._wait_for_more)
        self.search_edit.textChanged.connect(self._wait_for_more)
        # Enter in the search box asks at once instead of waiting for the pause.
        self.search_edit.returnPressed.connect(self.apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        self.model.count_changed.connect(self._show_count)
        self.model.failed.connect(self._show_failure)
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # ------------------------------------------------------------------ life

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        # The window focuses the tab it shows: the search box is what a supervisor wants
        # first. Not a focus proxy: Tab would then go from the last control to the proxy
        # instead of the first.
        super().focusInEvent(event)
        self.search_edit.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self.model.started:
            self.apply_filters()
        if not self._facets_asked:
            self.load_facets()

    def refresh(self) -> None:
        """Ask again with the same filters (after a sync pass brought new dossiers), and what
        the filters offer (a new officer, a new procedure)."""
        if self.model.started:
            self.model.refresh()
            self.load_facets()

    # ------------------------------------------------------------------ filters

    def _fill_statuses(self) -> None:
        self.status_combo.addItem(self.tr("Any status"))
        self._statuses.append(frozenset())
        self.status_combo.addItem(self.tr("Open (not finished)"))
        self._statuses.append(frozenset(int(s) for s in OPEN_STATUSES))
        for status in DossierStatus:
            self.status_combo.addItem(status_name(status))
            self._statuses.append(frozenset({int(status)}))

    def query(self) -> QueueQuery:
        """The filters as they stand, in the order the table is sorted."""
        procedure = self.procedure_combo.currentData()
        officer = self.officer_combo.currentData()
        channel = self.channel_combo.currentData()
        return dataclasses.replace(
            self.model.query,
            statuses=self._statuses[max(0, self.status_combo.currentIndex())],
            channels=frozenset() if channel is None else frozenset({int(channel)}),
            procedure_codes=frozenset() if procedure is None else frozenset({str(procedure)}),
            officers=frozenset() if officer is None else frozenset({str(officer)}),
            received_from=self.received_from_edit.value(),
            received_to=self.received_to_edit.value(),
            due_from=self.due_from_edit.value(),
            due_to=self.due_to_edit.value(),
            overdue_only=self.overdue_check.isChecked(),
            text=self.search_edit.text().strip(),
        )

    def _wait_for_more(self, *_changed: object) -> None:
        self._debounce.start()

    def apply_filters(self, *_changed: object) -> None:
        self._debounce.stop()
        query = self.query()
        if self.model.started and query == self.model.query:
            return
        clear_message(self.message_label)
        self.model.set_query(query)

    def clear_filters(self) -> None:
        controls = (self.status_combo, self.channel_combo, self.procedure_combo, self.officer_combo,
                    self.overdue_check, self.search_edit, self.received_from_edit, self.received_to_edit,
                    self.due_from_edit, self.due_to_edit)
        for control in controls:
            control.blockSignals(True)
        try:
            for combo in (self.status_combo, self.channel_combo, self.procedure_combo, self.officer_combo):
                combo.setCurrentIndex(0)
            self.overdue_check.setChecked(False)
            self.search_edit.clear()
            for edit in (self.received_from_edit, self.received_to_edit, self.due_from_edit, self.due_to_edit):
                edit.set_value(None)
        finally:
            for control in controls:
                control.blockSignals(False)
        self.apply_filters()

    def load_facets(self) -> None:
        self._facets_asked = True
        store = self.store
        Op(store.queue_facets, parent=self).success(self._show_facets).failure(self._show_failure).run()

    def _show_facets(self, facets: QueueFacets) -> None:
        self._refill(self.procedure_combo, [(f"{name} ({code})", code) for code, name in facets.procedures])
        self._refill(self.officer_combo, [(officer, officer) for officer in facets.officers])
        self.facets_loaded.emit()

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        """Replace every choice but "any", keeping the one chosen when it is still offered."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for text, value in items:
                combo.addItem(text, value)
            found = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(0, found))
        finally:
            combo.blockSignals(False)
        if chosen is not None and combo.currentData() != chosen:
            combo.currentIndexChanged.emit(combo.currentIndex())

    # ------------------------------------------------------------------ answers

    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("{n} dossiers").format(n=QLocale().toString(count)))
        self.count_label.setProperty("count", count)

    def _show_failure(self, error: object) -> None:
        text = error_text(error) if isinstance(error, BaseException) else str(error)
        show_message(self.message_label, self.tr("The queue could not be read: {reason}").format(reason=text),
                     Tone.ERROR)

