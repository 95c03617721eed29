"""The sending queue window (hàng đợi gửi): what waits for the central system, why, and when.

Opened from the main window (F6, or a click on the sync indicator) beside the work, never
modal. Everything it shows is read by background ops: when it opens, after every sync
report, every few seconds while a pass runs, and when the officer presses F5. Selecting an
item shows its history; a supervisor can send a held item again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from desk_app.core.timeutil import now_vn
from desk_app.store import DeskStore
from desk_app.store.records import OutboxEntry, OutboxEvent
from desk_app.sync.client import UserInfo
from desk_app.sync.engine import SyncReport

from .errors import error_text, show_error
from .feedback import Tone, clear_message, show_message
from .forms.ui_outbox_panel import Ui_OutboxPanel
from .labels import format_moment, sync_state_name
from .ops import Op
from .outbox_model import LinkState, OutboxTableModel, problem_text

UNSENT_STATES = ("waiting", "sending", "retrying", "held")
ENTRY_LIMIT = 500
# While a pass drains the queue, the list follows it at this pace rather than per item.
LIVE_RELOAD_MS = 3000
SUPERVISOR = "supervisor"

# The store's own notes are English; these are the fixed ones it writes.
_QUEUED_NOTE = "queued"
_INTERRUPTED_NOTE = "interrupted: the desk stopped while sending"
_RELEASED_NOTE = re.compile(r"^released by (?P<actor>\S+)$")


def _load(store: DeskStore, show_sent: bool) -> tuple[list[OutboxEntry], dict[str, int]]:
    if show_sent:
        # The newest first, so what was sent today is on screen, not the desk's first week.
        return store.outbox_entries(None, limit=ENTRY_LIMIT, newest_first=True), store.outbox_counts()
    return store.outbox_entries(UNSENT_STATES, limit=ENTRY_LIMIT), store.outbox_counts()


class OutboxPanel(QWidget):
    reloaded = Signal()              # a reload landed in the table
    history_shown = Signal(int)      # the history of this entry id is on screen
    released = Signal(int)           # a supervisor sent this held entry again
    send_requested = Signal()        # the panel's "Send now"

    def __init__(
        self,
        store: DeskStore,
        user: UserInfo,
        clock: Callable[[], datetime] = now_vn,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.user = user
        self.ui = Ui_OutboxPanel()
        self.ui.setupUi(self)
        self.model = OutboxTableModel(clock, self)
        view = self.ui.entriesView
        view.setModel(self.model)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 300), (1, 120), (2, 90), (3, 300)):
            view.setColumnWidth(column, width)
        history = self.ui.historyView
        history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        history.setColumnWidth(0, 140)
        history.setColumnWidth(1, 240)
        self.ui.splitter.setSizes([400, 160])

        self._loading = False
        self._load_again = False
        self._history_of: OutboxEntry | None = None  # as it was when its history was read
        self._releasing = False
        self._notice: str | None = None  # what the last release did, until the selection moves
        self._busy = False  # a sync pass is running
        self._live = QTimer(self)
        self._live.setInterval(LIVE_RELOAD_MS)
        self._live.timeout.connect(self.reload)

        view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.ui.showSentCheck.toggled.connect(self.reload)
        self.ui.releaseButton.clicked.connect(self.release_selected)
        self.ui.sendNowButton.clicked.connect(self.send_requested)
        self.ui.closeButton.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self, self.close)
        self._update_release()

    @property
    def is_supervisor(self) -> bool:
        return self.user.role == SUPERVISOR

    # ------------------------------------------------------------------ loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()
        if self._busy:
            self._live.start()
        self.ui.entriesView.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:
        self._live.stop()  # nobody reads a closed window
        super().hideEvent(event)

    def reload(self) -> None:
        """Read the outbox again in the background; requests during a read collapse into one more."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        store, show_sent = self.store, self.ui.showSentCheck.isChecked()
        Op(lambda: _load(store, show_sent), parent=self).success(self._loaded).failure(self._load_failed).run()

    def _loaded(self, loaded: tuple[list[OutboxEntry], dict[str, int]]) -> None:
        self._loading = False
        entries, counts = loaded
        self.model.set_entries(entries)
        self._show_counts(counts, len(entries))
        self._update_release()
        self._refresh_history()
        self.reloaded.emit()
        if self._load_again:
            self._load_again = False
            self.reload()

    def _load_failed(self, error: Exception) -> None:
        self._loading = False
        self._load_again = False
        show_message(self.ui.releaseHintLabel, error_text(error), Tone.ERROR)

    def _show_counts(self, counts: dict[str, int], shown: int) -> None:
        unsent = sum(counts.get(state, 0) for state in UNSENT_STATES)
        text = self.tr("Not sent yet: {count}").format(count=unsent)
        held = counts.get("held", 0)
        if held:
            text += " · " + self.tr("held for review: {count}").format(count=held)
        if shown >= ENTRY_LIMIT:
            text += " · " + self.tr("showing the first {count}").format(count=ENTRY_LIMIT)
        self.ui.countsLabel.setText(text)
        self.ui.countsLabel.setProperty("unsent", unsent)

    # ------------------------------------------------------------------ the sync worker's news

    def show_report(self, report: SyncReport) -> None:
        self.model.set_link(LinkState(report.online, None if report.online else report.next_try_at))
        if self.isVisible():
            self.reload()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        if busy and self.isVisible():
            self._live.start()
        else:
            self._live.stop()

    # ------------------------------------------------------------------ selection and history

    def selected_entry(self) -> OutboxEntry | None:
        rows = self.ui.entriesView.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.entry(rows[0].row())

    def select_entry(self, entry_id: int) -> bool:
        row = self.model.row_of(entry_id)
        if row is None:
            return False
        self.ui.entriesView.selectRow(row)
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._notice = None
        self._update_release()
        self._refresh_history()

    def _refresh_history(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self._history_of = None
            self.ui.historyView.setRowCount(0)
            return
        # The whole record, not its time: the store keeps times to the second.
        if entry == self._history_of:
            return
        self._history_of = entry
        store, entry_id = self.store, entry.id
        Op(lambda: store.outbox_history(entry_id), parent=self).success(
            lambda events: self._show_history(entry_id, events)
        ).failure(lambda _error: self._history_failed(entry_id)).run()

    def _history_failed(self, entry_id: int) -> None:
        if self._history_of is not None and self._history_of.id == entry_id:
            self._history_of = None  # read it again next time

    def _show_history(self, entry_id: int, events: list[OutboxEvent]) -> None:
        entry = self.selected_entry()
        if entry is None or entry.id != entry_id:
            return  # the officer moved on while it was read
        table = self.ui.historyView
        table.setRowCount(len(events))
        for row, event in enumerate(events):
            cells = (format_moment(event.at), self._change_text(event), self._note_text(entry, event))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
        if events:
            table.scrollToBottom()
        self.history_shown.emit(entry_id)

    def _change_text(self, event: OutboxEvent) -> str:
        if event.from_state is None:
            return self.tr("Queued: {state}").format(state=sync_state_name(event.to_state))
        return f"{sync_state_name(event.from_state)} → {sync_state_name(event.to_state)}"

    def _note_text(self, entry: OutboxEntry, event: OutboxEvent) -> str:
        note = event.note or ""
        if event.problem is not None:
            return problem_text(event)
        if note == _QUEUED_NOTE:
            return ""  # the change column already says so
        if note == _INTERRUPTED_NOTE:
            return self.tr("The desk stopped while this was being sent; it is sent again.")
        released = _RELEASED_NOTE.match(note)
        if released:
            return self.tr("Sent again by {actor}").format(actor=released["actor"])
        return note  # written before problems were kept in translatable form

    # ------------------------------------------------------------------ releasing a held item

    def _update_release(self) -> None:
        entry = self.selected_entry()
        button, hint = self.ui.releaseButton, self.ui.releaseHintLabel
        held = entry is not None and entry.state == "held"
        button.setEnabled(held and self.is_supervisor and not self._releasing)
        if not held:
            if self._notice:
                show_message(hint, self._notice, Tone.OK)
            else:
                clear_message(hint)
            button.setToolTip(self.tr("Select a held item to send it again."))
        elif not self.is_supervisor:
            text = self.tr("Only a supervisor can send a held item again: ask your supervisor to look at the problem.")
            show_message(hint, text, Tone.INFO)
            button.setToolTip(text)
        else:
            text = self.tr("Deal with the problem first: the central system refused this item as it is.")
            show_message(hint, text, Tone.INFO)
            button.setToolTip(text)

    def release_selected(self) -> Op | None:
        entry = self.selected_entry()
        if entry is None or entry.state != "held" or not self.is_supervisor or self._releasing:
            return None
        self._releasing = True
        self._update_release()
        store, entry_id, actor = self.store, entry.id, self.user.username
        return (
            Op(lambda: store.requeue_outbox(entry_id, actor), parent=self)
            .success(lambda _none: self._released(entry_id))
            .failure(self._release_failed)
            .run()
        )

    def _released(self, entry_id: int) -> None:
        self._releasing = False
        self._notice = self.tr("Item #{number} will be sent again.").format(number=entry_id)
        self._update_release()
        self.reload()
        self.released.emit(entry_id)

    def _release_failed(self, error: Exception) -> None:
        self._releasing = False
        self._update_release()
        show_error(self, error, self.tr("The item could not be sent again"))
        self.reload()
