"""The officer's list of upstream checks that did not pass (kiểm tra với hệ thống khác).

Every check that is not "passed": findings the officer must act on (no valid health
certificate, unpaid fines), checks that failed and will be tried again, checks the desk
stopped trying, and those waiting or being asked. Each row names the dossier (or the
intake, before it is saved) and the citizen, the check, its state, how often it was asked,
when it is tried next and the finding or the last problem. "Retry now" (the button, Enter
on a row, or Ctrl+R) asks the selected check again at once.

A window of its own beside the work, never modal; everything is read on Ops: when it
opens, on ``show_changes`` (connect the checks worker's ``checks_changed``) and after a retry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.timeutil import now_vn
from desk_app.core.upstream_checks import CheckRecord, CheckState
from desk_app.store import DeskStore

from .checks_view import (
    STATE_COLOURS,
    check_kind_name,
    check_state_name,
    finding_text,
    moment_text,
    problem_text,
    state_icon,
)
from .errors import error_text, show_error
from .feedback import Tone, clear_message, show_message
from .ops import Op
from .record_model import ModelIndex, RecordTableModel

CHECK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CHECK_LIMIT = 500


class ChecksTableModel(RecordTableModel[CheckRecord]):
    COLUMN_DOSSIER = 0
    COLUMN_CITIZEN = 1
    COLUMN_CHECK = 2
    COLUMN_STATE = 3
    COLUMN_TRIES = 4
    COLUMN_NEXT = 5
    COLUMN_REASON = 6
    COLUMN_COUNT = 7

    def __init__(self, clock: Callable[[], datetime] = now_vn, parent: Any = None) -> None:
        super().__init__(parent)
        self._clock = clock

    def headers(self) -> list[str]:
        return [
            self.tr("Dossier"),
            self.tr("Citizen"),
            self.tr("Check"),
            self.tr("State"),
            self.tr("Tries"),
            self.tr("Next try"),
            self.tr("Finding or last problem"),
        ]

    @staticmethod
    def key(record: CheckRecord) -> str:
        return record.check_id

    def check(self, row: int) -> CheckRecord:
        return self._rows[row]

    def checks(self) -> list[CheckRecord]:
        return list(self._rows)

    def set_checks(self, checks: Sequence[CheckRecord]) -> None:
        # A few hundred rows at most: reset, and the panel selects the same check again.
        self.beginResetModel()
        self._rows = list(checks)
        self.endResetModel()

    # ------------------------------------------------------------------ Qt model API

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        check = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(check, column)
        if role == CHECK_ID_ROLE:
            return check.check_id
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.COLUMN_REASON, self.COLUMN_DOSSIER):
            return self._display(check, column) or None
        if role == Qt.ItemDataRole.DecorationRole and column == self.COLUMN_STATE:
            return state_icon(check.state)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.COLUMN_STATE, self.COLUMN_REASON):
            return QBrush(QColor(STATE_COLOURS[check.state]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COLUMN_TRIES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # ------------------------------------------------------------------ texts

    def dossier_text(self, check: CheckRecord) -> str:
        if check.dossier_code:
            return check.dossier_code
        return self.tr("Intake not saved yet")

    def next_text(self, check: CheckRecord) -> str:
        """When the check is asked next: never empty for a check not answered."""
        state = check.state
        if state is CheckState.RUNNING:
            return self.tr("Now")
        if state is CheckState.FAILED:
            return self.tr("Not by itself: use Retry now")
        if state in (CheckState.PASSED, CheckState.ATTENTION):
            if check.checked_at is None:
                return ""
            return self.tr("Answered at {time}").format(time=moment_text(check.checked_at, self._clock))
        when = check.next_attempt_at
        if when is None or when <= self._clock():
            return self.tr("In a moment")
        return self.tr("At {time}").format(time=moment_text(when, self._clock))

    def reason_text(self, check: CheckRecord) -> str:
        if check.state in (CheckState.PASSED, CheckState.ATTENTION):
            return finding_text(check)
        return problem_text(check)

    def _display(self, check: CheckRecord, column: int) -> str:
        if column == self.COLUMN_DOSSIER:
            return self.dossier_text(check)
        if column == self.COLUMN_CITIZEN:
            return check.citizen_name
        if column == self.COLUMN_CHECK:
            return check_kind_name(check.kind)
        if column == self.COLUMN_STATE:
            return check_state_name(check.state)
        if column == self.COLUMN_TRIES:
            return str(check.attempts)
        if column == self.COLUMN_NEXT:
            return self.next_text(check)
        if column == self.COLUMN_REASON:
            return self.reason_text(check)
        return ""


def _counts_of(checks: Sequence[CheckRecord]) -> dict[CheckState, int]:
    counts = dict.fromkeys(CheckState, 0)
    for check in checks:
        counts[check.state] += 1
    return counts


class ChecksPanel(QWidget):
    reloaded = Signal()          # a reload landed in the table
    retried = Signal(str)        # the officer asked this check again: ask the checks worker for a run

    def __init__(self, store: DeskStore, clock: Callable[[], datetime] = now_vn, parent: QWidget | None = None,
                 *, actor: str = "system") -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("checksPanel")
        self.setWindowTitle(self.tr("Checks with other agencies"))
        self.resize(1100, 480)
        self.store = store
        self.actor = actor
        self.model = ChecksTableModel(clock, self)

        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("checksCountsLabel")
        self.view = QTableView(self)
        self.view.setObjectName("checksView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((0, 230), (1, 170), (2, 130), (3, 150), (4, 60), (5, 150)):
            self.view.setColumnWidth(column, width)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("checksPanelHintLabel")
        self.hint_label.setWordWrap(True)
        clear_message(self.hint_label)
        self.retry_button = QPushButton(self.tr("&Retry now"), self)
        self.retry_button.setObjectName("retryCheckButton")
        self.retry_button.setToolTip(self.tr("Ask the selected check again at once (Enter or Ctrl+R)."))
        self.close_button = QPushButton(self.tr("&Close"), self)
        self.close_button.setObjectName("closeChecksButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint_label, 1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self._loading = False
        self._load_again = False
        self._retrying = False
        self._reselecting = False  # a reload puts the selection back: the officer did not move
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.activated.connect(self._row_activated)
        self.retry_button.clicked.connect(self.retry_selected)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence("Ctrl+R"), self, self.retry_selected)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self, self.close)
        self._update_retry()

    # ------------------------------------------------------------------ loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()
        self.view.setFocus()

    def show_changes(self) -> None:
        """A check moved (connect the checks worker's ``checks_changed``): read again while open."""
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Read the checks again in the background; requests during a read collapse into one more."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        store = self.store
        Op(lambda: store.open_checks(CHECK_LIMIT), parent=self).success(self._loaded).failure(self._load_failed).run()

    def _loaded(self, checks: list[CheckRecord]) -> None:
        self._loading = False
        selected = self.selected_check()
        self.model.set_checks(checks)
        if selected is not None:
            self._reselecting = True
            try:
                self.select_check(selected.check_id)
            finally:
                self._reselecting = False
        self._show_counts(checks)
        self._update_retry()
        self.reloaded.emit()
        if self._load_again:
            self._load_again = False
            self.reload()

    def _load_failed(self, error: Exception) -> None:
        self._loading = False
        self._load_again = False
        show_message(self.hint_label, error_text(error), Tone.ERROR)

    def _show_counts(self, checks: Sequence[CheckRecord]) -> None:
        counts = _counts_of(checks)
        failed = counts[CheckState.FAILED] + counts[CheckState.FAILED_RETRYING]
        text = self.tr("Not passed: {count}").format(count=len(checks))
        text += " · " + self.tr("needing attention: {count}").format(count=counts[CheckState.ATTENTION])
        text += " · " + self.tr("failed: {count}").format(count=failed)
        if len(checks) >= CHECK_LIMIT:
            text += " · " + self.tr("showing the newest {count}").format(count=CHECK_LIMIT)
        self.counts_label.setText(text)

    # ------------------------------------------------------------------ selection

    def selected_check(self) -> CheckRecord | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.check(rows[0].row())

    def select_check(self, check_id: str) -> bool:
        row = self.model.row_of(check_id)
        if row is None:
            return False
        self.view.selectRow(row)
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if not self._reselecting:
            clear_message(self.hint_label)  # what the last retry did, until the officer moves on
        self._update_retry()

    def _update_retry(self) -> None:
        check = self.selected_check()
        self.retry_button.setEnabled(check is not None and check.state is not CheckState.RUNNING and not self._retrying)

    # ------------------------------------------------------------------ retry now

    def _row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.view.selectRow(index.row())
            self.retry_selected()

    def retry_selected(self) -> Op | None:
        """Ask the selected check again at once; None when there is nothing to ask."""
        check = self.selected_check()
        if check is None or self._retrying:
            return None
        if check.state is CheckState.RUNNING:
            show_message(self.hint_label, self.tr("This check is being asked right now."), Tone.INFO)
            return None
        self._retrying = True
        self._update_retry()
        store, check_id, actor = self.store, check.check_id, self.actor
        return (
            Op(lambda: store.retry_check_now(check_id, actor), parent=self)
            .success(lambda _stored: self._retried(check))
            .failure(self._retry_failed)
            .run()
        )

    def _retried(self, check: CheckRecord) -> None:
        self._retrying = False
        text = self.tr("{check} of {who}: asked again now.").format(
            check=check_kind_name(check.kind), who=check.citizen_name or self.model.dossier_text(check)
        )
        self.reload()
        show_message(self.hint_label, text, Tone.OK)
        self.retried.emit(check.check_id)

    def _retry_failed(self, error: Exception) -> None:
        self._retrying = False
        self._update_retry()
        show_error(self, error, self.tr("The check could not be asked again"))
        self.reload()
