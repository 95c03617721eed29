"""WaitingRoomTab: how many citizens are parked or being taken in at each counter right now.

Every desk reports its unfinished intakes (drafts) with its health at the end of each sync
pass; this desk's own counts are read from its store, so they are current even when the
central system cannot be reached. The tab reads again every 30 seconds while it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.timeutil import VN_TZ, parse_rfc3339
from desk_app.store import DeskStore
from desk_app.sync.errors import CentralError, CentralUnavailable

from ..errors import error_text
from ..feedback import Tone, clear_message, show_message
from ..labels import format_moment
from ..ops import Op
from ..session import DeskServices, DeskSession
from .tab_parts import read_only_table, refresh_button

REFRESH_INTERVAL_MS = 30_000
FETCH_TIMEOUT_S = 15


@dataclass(frozen=True)
class Counter:
    """One desk (counter) of the site as the waiting room shows it."""

    desk_id: str
    officer: str | None
    parked: int | None          # None: the desk never reported
    in_progress: int | None
    reported_at: datetime | None
    local: bool = False


@dataclass(frozen=True)
class WaitingRoom:
    counters: list[Counter]
    read_at: datetime
    problem: Exception | None = None   # the centre could not be read: this desk alone

    @property
    def parked(self) -> int:
        return sum(c.parked or 0 for c in self.counters)

    @property
    def in_progress(self) -> int:
        return sum(c.in_progress or 0 for c in self.counters)


def _moment(value: str | None) -> datetime | None:
    return parse_rfc3339(value).astimezone(VN_TZ) if value else None


def _reported(desk: Mapping[str, Any]) -> Counter:
    report = desk.get("report") or {}
    drafts = report.get("drafts") if report else None
    return Counter(
        desk_id=desk["desk_id"],
        officer=report.get("officer") or desk.get("last_username"),
        parked=int(drafts.get("parked") or 0) if drafts else None,
        in_progress=int(drafts.get("in_progress") or 0) if drafts else None,
        reported_at=_moment(desk.get("reported_at")),
    )


def read_waiting_room(session: DeskSession, store: DeskStore | None, desk_id: str, now: datetime) -> WaitingRoom:
    """Every counter of the site (off the UI thread); this desk's from its own store."""
    own: Counter | None = None
    if store is not None:
        waiting = store.waiting_room()
        own = Counter(desk_id, session.username, sum(w.parked for w in waiting),
                      sum(w.in_progress for w in waiting), now, local=True)
    try:
        with session.client.courier(FETCH_TIMEOUT_S) as courier:
            site = courier.site_health()
    except CentralError as error:
        if own is None:
            raise
        return WaitingRoom([own], now, error)
    counters = [_reported(desk) for desk in site["desks"]]
    if own is not None:
        counters = [own] + [c for c in counters if c.desk_id != desk_id]
    return WaitingRoom(counters, now)


class WaitingRoomTab(QWidget):
    """A table of counters with a total line; ``refreshed`` after every reading."""

    refreshed = Signal()

    COLUMN_DESK, COLUMN_OFFICER, COLUMN_PARKED, COLUMN_IN_PROGRESS, COLUMN_REPORTED = range(5)

    def __init__(self, services: DeskServices, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waitingRoomTab")
        self.services = services
        self.session = session
        self.room: WaitingRoom | None = None
        self.op: Op | None = None

        self.refresh_button = refresh_button(self, "waitingRefreshButton", self.refresh)
        self.as_of_label = QLabel(self)
        self.as_of_label.setObjectName("waitingAsOfLabel")
        self.total_label = QLabel(self)
        self.total_label.setObjectName("waitingTotalLabel")
        font = QFont(self.total_label.font())
        font.setBold(True)
        self.total_label.setFont(font)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("waitingMessageLabel")
        self.message_label.setWordWrap(True)
        clear_message(self.message_label)

        self.table = read_only_table(self, "waitingTable", [
            self.tr("Desk"), self.tr("Officer signed in"), self.tr("Citizens parked"), self.tr("Intakes in progress"),
            self.tr("Last report")])

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_INTERVAL_MS)
        self.timer.timeout.connect(self.refresh)

        top = QHBoxLayout()
        top.addWidget(self.refresh_button)
        top.addWidget(self.as_of_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        table_label = QLabel(self.tr("&Counters of the site:"), self)
        table_label.setBuddy(self.table)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)

    # ------------------------------------------------------------------ reading

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.timer.start()
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        self.timer.stop()  # nobody reads a hidden tab
        super().hideEvent(event)

    def stop(self) -> None:
        self.timer.stop()

    def refresh(self) -> Op | None:
        if self.op is not None:
            return None  # a reading is under way; its answer is as fresh
        session, store, desk_id, now = self.session, self.services.store, self.services.desk_id, self.services.clock()
        self.op = Op(lambda: read_waiting_room(session, store, desk_id, now), parent=self)
        self.op.success(self._read).failure(self._failed)
        return self.op.run()

    def _read(self, room: WaitingRoom) -> None:
        self.op = None
        self.show_room(room)
        if room.problem is not None:
            show_message(self.message_label, self._offline_text(room.problem), Tone.ERROR)
        else:
            clear_message(self.message_label)
        self.refreshed.emit()

    def _failed(self, error: Exception) -> None:
        self.op = None
        show_message(self.message_label, self._offline_text(error), Tone.ERROR)

    def _offline_text(self, error: Exception) -> str:
        if isinstance(error, CentralUnavailable) and error.network_down:
            reason = self.tr("The central system cannot be reached.")
        else:
            reason = error_text(error)
        return self.tr("{reason} Only this desk's counter is shown.").format(reason=reason)

    # ------------------------------------------------------------------ showing

    def show_room(self, room: WaitingRoom) -> None:
        self.room = room
        self.as_of_label.setText(self.tr("As of {moment}").format(moment=format_moment(room.read_at)))
        self.table.setRowCount(len(room.counters))
        for row, counter in enumerate(room.counters):
            desk = self.tr("{desk} (this desk)").format(desk=counter.desk_id) if counter.local else counter.desk_id
            reported = self.tr("now") if counter.local else format_moment(counter.reported_at)
            if not counter.local and counter.reported_at is None:
                reported = self.tr("never reported")
            cells = [desk, counter.officer or "", "" if counter.parked is None else str(counter.parked),
                     "" if counter.in_progress is None else str(counter.in_progress), reported]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (self.COLUMN_PARKED, self.COLUMN_IN_PROGRESS):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == self.COLUMN_DESK:
                    item.setData(Qt.ItemDataRole.UserRole, counter.desk_id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.total_label.setText(self.tr("Total: {parked} parked, {in_progress} in progress at {desks} desk(s)").format(
            parked=room.parked, in_progress=room.in_progress, desks=len(room.counters)))
        self.total_label.setProperty("parked", room.parked)
        self.total_label.setProperty("in_progress", room.in_progress)
