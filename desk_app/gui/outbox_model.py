"""The outbox (hàng đợi gửi) as a Qt table model: each item, its state, and why and when it goes.

Rows are ``OutboxEntry`` records read by a background op, in the order they will be sent.
Every row that is not sent says when it goes next: at a time (retrying), after another
item (``blocked_by``), when a supervisor releases it (held), or when the network is back.
Its reason is the store's ``problem``, translated like any DeskError.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desk_app.core.timeutil import VN_TZ, now_vn
from desk_app.store.records import OutboxEntry, OutboxEvent

from .errors import stored_message_text
from .labels import format_moment, sync_state_name, translated_name
from .record_model import ModelIndex, RecordTableModel

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_KIND_NAMES = {
    "blob": QT_TRANSLATE_NOOP("OutboxKind", "Attachment"),
    "dossier": QT_TRANSLATE_NOOP("OutboxKind", "Dossier"),
    "event": QT_TRANSLATE_NOOP("OutboxKind", "Status change"),
    "fee": QT_TRANSLATE_NOOP("OutboxKind", "Fee record"),
    "review": QT_TRANSLATE_NOOP("OutboxKind", "Supervisor's review"),
    "print": QT_TRANSLATE_NOOP("OutboxKind", "Print record"),
}

_STATE_COLOURS = {"held": "#b71c1c", "retrying": "#e65100", "sent": "#546e7a"}


def kind_name(kind: str) -> str:
    return translated_name(_KIND_NAMES, kind, "OutboxKind")


def problem_text(item: OutboxEntry | OutboxEvent) -> str:
    """A problem of an entry (its last) or of a history row, in the officer's language; the
    English text when no translatable form was kept."""
    return stored_message_text(item.problem, (item.last_error if isinstance(item, OutboxEntry) else item.note) or "")


@dataclass(frozen=True)
class LinkState:
    """What the sync worker last said about the network, for "when" texts."""

    online: bool | None = None
    next_try_at: datetime | None = None  # the breaker's next automatic try while offline


class OutboxTableModel(RecordTableModel[OutboxEntry]):
    COLUMN_ITEM = 0
    COLUMN_STATE = 1
    COLUMN_TRIES = 2
    COLUMN_PROBLEM = 3
    COLUMN_NEXT = 4
    COLUMN_COUNT = 5

    def __init__(self, clock: Callable[[], datetime] = now_vn, parent: Any = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._link = LinkState()

    def headers(self) -> list[str]:
        return [
            self.tr("Item"),
            self.tr("State"),
            self.tr("Tries"),
            self.tr("Last problem"),
            self.tr("Next try"),
        ]

    @staticmethod
    def key(record: OutboxEntry) -> str | int:
        return record.id

    # ------------------------------------------------------------------ Qt model API

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == ENTRY_ID_ROLE:
            return entry.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.COLUMN_STATE, self.COLUMN_NEXT):
            colour = _STATE_COLOURS.get(entry.state)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COLUMN_TRIES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # ------------------------------------------------------------------ content

    def entry(self, row: int) -> OutboxEntry:
        return self._rows[row]

    def entries(self) -> list[OutboxEntry]:
        return list(self._rows)

    def set_entries(self, entries: Sequence[OutboxEntry]) -> None:
        """Show ``entries`` (in id order): changed rows update in place, others come and go,
        so a reload after every sync pass keeps the selection and the scroll position.

        Rows come and go in runs (one signal per run), so a drain that empties hundreds of
        rows at once costs the view one relayout, not hundreds.
        """
        fresh = sorted(entries, key=lambda e: e.id)
        fresh_ids = {e.id for e in fresh}
        number = len(self._rows) - 1
        while number >= 0:
            if self._rows[number].id in fresh_ids:
                number -= 1
                continue
            last = number
            while number >= 0 and self._rows[number].id not in fresh_ids:
                number -= 1
            self.beginRemoveRows(QModelIndex(), number + 1, last)
            del self._rows[number + 1:last + 1]
            self.endRemoveRows()
        # What is left is a subsequence of ``fresh``: walk both, inserting what is new.
        position = 0
        while position < len(fresh):
            entry = fresh[position]
            if position < len(self._rows) and self._rows[position].id == entry.id:
                if self._rows[position] != entry:
                    self._rows[position] = entry
                    self.dataChanged.emit(self.index(position, 0), self.index(position, self.COLUMN_COUNT - 1))
                position += 1
                continue
            kept_id = self._rows[position].id if position < len(self._rows) else None
            end = position
            while end < len(fresh) and fresh[end].id != kept_id:
                end += 1
            self.beginInsertRows(QModelIndex(), position, end - 1)
            self._rows[position:position] = fresh[position:end]
            self.endInsertRows()
            position = end

    def set_link(self, link: LinkState) -> None:
        """The network state changed: the "next try" texts of waiting rows change with it."""
        if link == self._link:
            return
        self._link = link
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COLUMN_NEXT), self.index(len(self._rows) - 1, self.COLUMN_NEXT))

    # ------------------------------------------------------------------ texts

    def what_text(self, entry: OutboxEntry) -> str:
        # The number is what "waiting for item #N" in another row refers to.
        name = f"#{entry.id} {kind_name(entry.kind)}"
        return f"{name} · {entry.dossier_code}" if entry.dossier_code else name

    def next_text(self, entry: OutboxEntry) -> str:
        """When the item goes next, and what it waits for: never empty for an unsent item."""
        state = entry.state
        if state == "sent":
            return self.tr("Sent at {time}").format(time=self._moment(entry.updated_at or entry.created_at))
        if state == "sending":
            return self.tr("Now")
        if state == "held":
            return self.tr("Waiting for a supervisor")
        if entry.blocked_by is not None:
            return self.tr("Waiting for item #{number}").format(number=entry.blocked_by)
        link, now = self._link, self._clock()
        paused_until = link.next_try_at if link.online is False else None
        if paused_until is not None and paused_until <= now:
            paused_until = None  # the pause is over: the next automatic pass probes
        if (state == "retrying" and entry.next_try_at is not None and entry.next_try_at > now
                and (paused_until is None or entry.next_try_at >= paused_until)):
            return self.tr("At {time}").format(time=self._moment(entry.next_try_at))
        if link.online is False:
            if paused_until is not None:
                # The desk makes no automatic try before then, whatever the item's own time.
                return self.tr("When the network is back (next try at {time})").format(time=self._moment(paused_until))
            return self.tr("When the network is back")
        return self.tr("At the next sending")

    def _moment(self, moment: datetime) -> str:
        local = moment.astimezone(VN_TZ)
        if local.date() == self._clock().astimezone(VN_TZ).date():
            return local.strftime("%H:%M")
        return format_moment(local)

    def _display(self, entry: OutboxEntry, column: int) -> str:
        if column == self.COLUMN_ITEM:
            return self.what_text(entry)
        if column == self.COLUMN_STATE:
            return sync_state_name(entry.state)
        if column == self.COLUMN_TRIES:
            return str(entry.attempts)
        if column == self.COLUMN_PROBLEM:
            return problem_text(entry)
        if column == self.COLUMN_NEXT:
            return self.next_text(entry)
        return ""

    def _tooltip(self, entry: OutboxEntry, column: int) -> str | None:
        if column == self.COLUMN_ITEM:
            text = self.tr("Item #{number}").format(number=entry.id)
            if entry.sha256:
                text += " · " + self.tr("file {short}…").format(short=entry.sha256[:12])
            return text
        if column == self.COLUMN_PROBLEM:
            return problem_text(entry) or None
        if column == self.COLUMN_NEXT and entry.blocked_by is not None:
            return self.tr("It is sent after item #{number}, which must reach the central system first.").format(
                number=entry.blocked_by
            )
        return None
