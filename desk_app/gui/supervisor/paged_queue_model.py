"""Every dossier of the site as one Qt table model that reads the store a page at a time.

A queue may hold a hundred thousand dossiers, so the model never holds them all: the number
of rows comes from ``store.queue_count`` and each page of ``PAGE_SIZE`` rows from
``store.queue_page``, both on the ops thread pool, the first time a view asks for a row of
that page. Until the page arrives the row reads "…". At most ``MAX_PAGES`` pages stay in
memory; the one farthest from where the view reads goes first.

Every new question (a filter, a sort, a refresh) gets a generation number. Answers carry the
generation they were asked for, and one older than the latest is dropped: a slow count for
last second's filter never overwrites the answer to this one. Work still waiting in the pool
for an old generation does not run its query at all.

While a new question is counted, the view keeps showing the previous answer; the reset
comes once both the new count and the new first page are in (read side by side), so the
table neither blinks empty nor paints a screen of "…" between two filters.

``data()`` runs for every role of every visible cell at each repaint: it answers the roles
it does not serve at once, and formats a row's texts once, not at every paint.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from desk_app.core.queue_query import QueueQuery, QueueSort
from desk_app.core.review import ReviewFlag
from desk_app.core.timeutil import now_vn
from desk_app.store import DeskStore
from desk_app.store.records import QueueRow

from ..labels import format_moment, status_name
from ..ops import Op
from .flag_names import action_name, channel_name, flag_names

ModelIndex = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
MAX_PAGES = 20
PLACEHOLDER = "…"

CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FLAGS_ROLE = Qt.ItemDataRole.UserRole + 2

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_SERVED_ROLES = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, _FONT, int(CLIENT_ID_ROLE), int(FLAGS_ROLE)})

_LATE_COLOUR = "#b71c1c"
_LATE_BIT = int(ReviewFlag.LATE)   # a plain int: an IntFlag operation costs an enum lookup per paint


class _Latest:
    """The newest generation, read by pool threads to skip work nobody waits for any more.

    A plain object rather than the model: a pool thread must never touch a QObject that the
    UI thread may be destroying.
    """

    generation = 0


class PagedQueueModel(QAbstractTableModel):
    COLUMN_CODE = 0
    COLUMN_CITIZEN = 1
    COLUMN_CCCD = 2
    COLUMN_PROCEDURE = 3
    COLUMN_CHANNEL = 4
    COLUMN_OFFICER = 5
    COLUMN_RECEIVED = 6
    COLUMN_DUE = 7
    COLUMN_STATUS = 8
    COLUMN_FLAGS = 9
    COLUMN_REVIEW = 10

    SORTS = {
        COLUMN_CODE: QueueSort.CODE,
        COLUMN_PROCEDURE: QueueSort.PROCEDURE,
        COLUMN_CHANNEL: QueueSort.CHANNEL,
        COLUMN_OFFICER: QueueSort.OFFICER,
        COLUMN_RECEIVED: QueueSort.RECEIVED,
        COLUMN_DUE: QueueSort.DUE,
        COLUMN_STATUS: QueueSort.STATUS,
    }

    count_changed = Signal(int)        # a new answer's number of rows is shown
    page_loaded = Signal(int)          # this page's rows are shown
    rows_loaded = Signal(int, int)     # first and last row of a page just shown
    failed = Signal(object)            # the exception of a count or page that could not be read

    def __init__(
        self,
        store: DeskStore,
        query: QueueQuery | None = None,
        *,
        clock: Callable[[], datetime] = now_vn,
        with_review: bool = False,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self._with_review = with_review
        self._query = query or QueueQuery()
        self._latest = _Latest()
        self._generation = 0           # the newest question
        self._shown_generation = 0     # the question whose answer the rows are
        self._now = clock()
        self._count = 0
        self._pages: dict[int, list[QueueRow]] = {}
        self._texts: dict[int, list[str]] = {}               # by row: what each column shows
        self._early_pages: dict[int, list[QueueRow]] = {}   # the newest question's, before its reset
        self._early_count: int | None = None
        self._asked: set[int] = set()
        self._last_asked = 0
        self._started = False
        self._headers: list[str] | None = None

    # ------------------------------------------------------------------ questions

    @property
    def query(self) -> QueueQuery:
        return self._query

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def loading(self) -> bool:
        """The newest question's answer is not shown yet (the rows are the previous one's)."""
        return self._shown_generation != self._generation

    @property
    def started(self) -> bool:
        return self._started

    def set_query(self, query: QueueQuery) -> None:
        self._query = query
        self._restart()

    def refresh(self) -> None:
        """Ask the same question again: the store may hold new dossiers, flags or reviews."""
        self._restart()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = self.SORTS.get(column)
        if sort is None:
            return  # citizen, CCCD, flags and review have no order in the store (names are sealed)
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._query.sort, self._query.descending):
            return  # a view turning sorting on asks for the order it already has
        self.set_query(dataclasses.replace(self._query, sort=sort, descending=descending))

    def sort_column(self) -> int:
        for column, sort in self.SORTS.items():
            if sort == self._query.sort:
                return column
        return self.COLUMN_RECEIVED

    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._query.descending else Qt.SortOrder.AscendingOrder

    def _restart(self) -> None:
        self._started = True
        self._generation += 1
        self._latest.generation = self._generation
        self._early_pages = {}
        self._early_count = None
        self._asked = set()
        # One "now" per question, so the count and every page agree on what is late.
        self._now = self._clock()
        generation, query, now, store, latest = self._generation, self._query, self._now, self._store, self._latest

        def count() -> int | None:
            if latest.generation != generation:
                return None
            return store.queue_count(query, now=now)

        Op(count).success(lambda n: self._counted(generation, n)).failure(
            lambda error: self._failed(generation, error)).run()
        # The first page is read beside the count rather than after it: the view needs it at once.
        self._ask_page(0)

    def _counted(self, generation: int, count: int | None) -> None:
        if not shiboken6.isValid(self) or generation != self._generation or count is None:
            return
        self._early_count = count
        if count == 0 or 0 in self._early_pages:
            self._show_answer()

    def _show_answer(self) -> None:
        """The newest question's count and first page are in: they replace the rows shown."""
        assert self._early_count is not None
        self.beginResetModel()
        self._count = self._early_count
        self._shown_generation = self._generation
        self._pages, self._early_pages = self._early_pages, {}
        self._texts = {}
        self._early_count = None
        self.endResetModel()
        self.count_changed.emit(self._count)
        for page in sorted(self._pages):
            self._announce(page)

    def _ask_page(self, page: int) -> None:
        if page in self._asked:
            return
        self._asked.add(page)
        self._last_asked = page
        generation, query, now, store, latest = self._generation, self._query, self._now, self._store, self._latest

        def read() -> list[QueueRow] | None:
            if latest.generation != generation:
                return None
            return store.queue_page(query, page * PAGE_SIZE, PAGE_SIZE, now=now)

        Op(read).success(lambda rows: self._page_read(generation, page, rows)).failure(
            lambda error: self._page_failed(generation, page, error)).run()

    def _page_read(self, generation: int, page: int, rows: list[QueueRow] | None) -> None:
        if not shiboken6.isValid(self) or generation != self._generation or rows is None:
            return
        if self._shown_generation != generation:
            self._early_pages[page] = rows
            if page == 0 and self._early_count is not None:
                self._show_answer()
            return
        self._pages[page] = rows
        # Kept are the pages nearest to the one the view asked for last: where it reads now.
        self._forget_far_pages(self._last_asked)
        if page in self._pages:
            self._announce(page)

    def _announce(self, page: int) -> None:
        first = page * PAGE_SIZE
        last = min(first + len(self._pages[page]), self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))
            self.rows_loaded.emit(first, last)
        self.page_loaded.emit(page)

    def _forget_far_pages(self, near: int) -> None:
        while len(self._pages) > MAX_PAGES:
            farthest = max(self._pages, key=lambda page: abs(page - near))
            del self._pages[farthest]
            for row in range(farthest * PAGE_SIZE, (farthest + 1) * PAGE_SIZE):
                self._texts.pop(row, None)
            # Asked again should the view come back to it.
            self._asked.discard(farthest)

    def _page_failed(self, generation: int, page: int, error: Exception) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._asked.discard(page)  # a later look at those rows asks again
        if page == 0 and self._early_count is not None:
            self._show_answer()    # the count stands; the rows read "…" until asked again
        self.failed.emit(error)

    def _failed(self, generation: int, error: Exception) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            self.failed.emit(error)

    # ------------------------------------------------------------------ rows

    @property
    def pages_held(self) -> list[int]:
        return sorted(self._pages)

    def row_record(self, row: int) -> QueueRow | None:
        """The row's record when its page is in memory (never reads the store)."""
        if not 0 <= row < self._count:
            return None
        page = self._pages.get(row // PAGE_SIZE)
        if page is None or row % PAGE_SIZE >= len(page):
            return None
        return page[row % PAGE_SIZE]

    def client_id(self, row: int) -> str | None:
        record = self.row_record(row)
        return None if record is None else record.client_id

    @staticmethod
    def is_late(record: QueueRow) -> bool:
        # The store decides lateness with the question's "now": the row and the count agree.
        return bool(record.flags & _LATE_BIT)

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return self.COLUMN_REVIEW + 1 if self._with_review else self.COLUMN_FLAGS + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def headers(self) -> list[str]:
        # Asked at every paint of the header: made once.
        if self._headers is None:
            self._headers = self._header_texts()
        return self._headers

    def _header_texts(self) -> list[str]:
        names = [
            self.tr("Dossier code"),
            self.tr("Citizen"),
            self.tr("CCCD"),
            self.tr("Procedure"),
            self.tr("Channel"),
            self.tr("Officer"),
            self.tr("Received"),
            self.tr("Due"),
            self.tr("Status"),
            self.tr("Flags"),
        ]
        if self._with_review:
            names.append(self.tr("Review"))
        return names

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _SERVED_ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        record = self.row_record(row)
        if record is None:
            # Only while the rows answer the newest question: rows about to be replaced by
            # the next answer would ask for pages nobody will see.
            if 0 <= row < self._count and not self.loading:
                self._ask_page(row // PAGE_SIZE)
            return PLACEHOLDER if role == _DISPLAY and column == self.COLUMN_CODE else None
        if role == _DISPLAY:
            texts = self._texts.get(row)
            if texts is None:
                texts = self._texts[row] = [self._display(record, c) for c in range(self.columnCount())]
            return texts[column]
        if role == CLIENT_ID_ROLE:
            return record.client_id
        if role == FLAGS_ROLE:
            return record.flags
        if role == _TOOLTIP:
            return self._tooltip(record, column)
        if role == _FOREGROUND:
            if column == self.COLUMN_DUE and self.is_late(record):
                return QBrush(QColor(_LATE_COLOUR))
            return None
        if column == self.COLUMN_CODE and record.code_provisional:   # the font
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _display(self, record: QueueRow, column: int) -> str:
        if column == self.COLUMN_CODE:
            return record.code
        if column == self.COLUMN_CITIZEN:
            return record.applicant_name
        if column == self.COLUMN_CCCD:
            return record.applicant_cccd or ""
        if column == self.COLUMN_PROCEDURE:
            return record.procedure_name
        if column == self.COLUMN_CHANNEL:
            return channel_name(record.channel)
        if column == self.COLUMN_OFFICER:
            return record.officer_username
        if column == self.COLUMN_RECEIVED:
            return format_moment(record.received_at)
        if column == self.COLUMN_DUE:
            return format_moment(record.due_at)
        if column == self.COLUMN_STATUS:
            return status_name(record.status)
        if column == self.COLUMN_FLAGS:
            return flag_names(record.flags)
        if column == self.COLUMN_REVIEW:
            return action_name(record.review_action)
        return ""

    def _tooltip(self, record: QueueRow, column: int) -> str | None:
        if column == self.COLUMN_CODE and record.code_provisional:
            return self.tr("Provisional code: the central system gives the final code when the dossier is sent.")
        if column == self.COLUMN_PROCEDURE:
            return f"{record.procedure_code}: {record.procedure_name}"
        if column == self.COLUMN_OFFICER:
            return self.tr("Desk {desk}").format(desk=record.desk_id)
        if column == self.COLUMN_DUE and self.is_late(record):
            return self.tr("Overdue: the appointment date has passed.")
        if column == self.COLUMN_REVIEW and record.review_action:
            text = self.tr("{action} by {who}, {when}").format(
                action=action_name(record.review_action), who=record.reviewed_by or "",
                when=format_moment(record.reviewed_at))
            return f"{text}\n{record.review_note}" if record.review_note else text
        return None
