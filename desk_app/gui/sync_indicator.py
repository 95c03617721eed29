"""The sync indicator in the status bar: is the desk online, what is it sending, what is left.

It always shows one of: connecting, online, offline (with the time of the next automatic
try while the engine's breaker holds passes back), or sending "N/M · x,y/z,w MB", followed
by the counts waiting and held. Clicking it opens the sending queue.

A drain of hundreds of attachments reports progress hundreds of times a second. Each
report only replaces the latest one kept here; a ~10 Hz timer paints it, so relayouting the
status bar never competes with the officer's typing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desk_app.core.timeutil import VN_TZ, now_vn
from desk_app.sync.engine import STAGE_CATALOGUE, STAGE_OUTBOX, SyncProgress, SyncReport

PAINT_INTERVAL_MS = 100
_MEGABYTE = 1024 * 1024

_GREY, _GREEN, _RED, _BLUE = "#546e7a", "#1b5e20", "#b71c1c", "#0d47a1"


def number_locale() -> QLocale:
    """Vietnamese groups with dots and writes decimals with a comma (1,2 MB), whatever the OS says."""
    return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def megabytes(size: int) -> str:
    return number_locale().toString(size / _MEGABYTE, "f", 1)


def clock_time(moment: datetime) -> str:
    return moment.astimezone(VN_TZ).strftime("%H:%M")


class SyncIndicator(QWidget):
    clicked = Signal()

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], datetime] = now_vn) -> None:
        super().__init__(parent)
        self._clock = clock
        self.setObjectName("syncIndicator")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("onlineStatusLabel")
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("pendingStatusLabel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(12)
        layout.addWidget(self.state_label)
        layout.addWidget(self.counts_label)

        self._online: bool | None = None
        self._next_try_at: datetime | None = None
        self._busy = False
        self._progress: SyncProgress | None = None
        self._dirty = False
        self.paints = 0  # how often the text was laid out: the throttle's measure
        self._timer = QTimer(self)
        self._timer.setInterval(PAINT_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self.setToolTip(self.tr("Click to see what waits to be sent and why (F6)."))
        self._paint()
        self.set_counts(None)

    # ------------------------------------------------------------------ state in

    @property
    def online(self) -> bool | None:
        return self._online

    @property
    def throttling(self) -> bool:
        """Whether progress is being held back for the next tick (the timer runs)."""
        return self._timer.isActive()

    def set_online(self, online: bool | None) -> None:
        self._online = online
        self._paint()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        if not busy:
            self._progress = None
        self._paint()

    def show_progress(self, progress: SyncProgress) -> None:
        """Keep only the latest progress; the timer paints it."""
        self._progress = progress
        self._schedule()

    def show_report(self, report: SyncReport) -> None:
        self._online = report.online
        self._next_try_at = None if report.online else report.next_try_at
        self.set_counts(report.waiting + report.retrying, report.held)
        self._paint()  # once a pass: no need to wait for the timer

    def set_counts(self, waiting: int | None, held: int = 0) -> None:
        label = self.counts_label
        label.setProperty("waiting", waiting)
        label.setProperty("held", held)
        if waiting is None:
            label.setText("")
            return
        text = self.tr("Waiting to send: {count}").format(count=waiting)
        if held:
            text += " · " + self.tr("held for review: {count}").format(count=held)
        label.setText(text)
        label.setStyleSheet(f"color: {_RED};" if held else "")

    # ------------------------------------------------------------------ painting

    def _schedule(self) -> None:
        # The first progress after a quiet spell is painted at once; those that follow within
        # the interval wait for the timer, which paints only the newest.
        self._dirty = True
        if not self._timer.isActive():
            self._paint()
            self._timer.start()

    def _tick(self) -> None:
        if self._dirty:
            self._paint()
        else:
            self._timer.stop()

    def _paint(self) -> None:
        self._dirty = False
        self.paints += 1
        text, color, state = self._state_text()
        label = self.state_label
        label.setText(text)
        if label.property("colour") != color:
            # A style sheet is parsed and the widget polished again: only when it changes.
            label.setStyleSheet(f"color: {color}; font-weight: bold;")
            label.setProperty("colour", color)
        label.setProperty("online", self._online)
        label.setProperty("state", state)
        progress = self._progress
        if state == "sending" and progress is not None:
            label.setToolTip(self.tr("Attachments sent in this pass: {size} MB").format(size=megabytes(progress.pass_bytes)))
        else:
            label.setToolTip("")

    def _state_text(self) -> tuple[str, str, str]:
        progress = self._progress if self._busy else None
        if progress is not None and progress.stage == STAGE_OUTBOX and progress.total:
            return self.sending_text(progress), _BLUE, "sending"
        if progress is not None and progress.stage == STAGE_CATALOGUE:
            return self.tr("Updating the list of procedures…"), _BLUE, "updating"
        if self._online is None:
            return self.tr("Connecting…"), _GREY, "connecting"
        if self._online:
            return self.tr("● Online"), _GREEN, "online"
        if self._next_try_at is not None and self._next_try_at > self._clock():
            return (self.tr("● Offline — will try again at {time}").format(time=clock_time(self._next_try_at)),
                    _RED, "offline")
        return self.tr("● Offline: work is kept and sent later"), _RED, "offline"

    def sending_text(self, progress: SyncProgress) -> str:
        current = min(progress.done + 1, progress.total)
        text = self.tr("Sending {done}/{total}").format(done=current, total=progress.total)
        if progress.bytes_total:
            text += " · " + self.tr("{sent}/{size} MB").format(
                sent=megabytes(progress.bytes_done), size=megabytes(progress.bytes_total)
            )
        return text

    # ------------------------------------------------------------------ opening the queue

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)
