"""ScannerInput: the CCCD card's QR code, read by a USB scanner wherever the keyboard focus is.

A 2D scanner in keyboard mode "types" what it read, one key every 1–10 ms, then presses
Enter. People type with 40 ms or more between keys. Installed on the QApplication, this
filter watches key presses on their way to the focused widget (the queue, any wizard
field, a dialog) and emits ``cccd_scanned(text)`` when a burst that is a card's QR code
ends in Enter. That Enter is swallowed, so no default button (Next, Finish, a dialog's
OK) fires.

The design: hold back, then re-deliver. Each printable key press is held while it may be
the start of a burst, at most ``max_gap_ms`` after the last key; the next key arriving
that fast keeps the burst growing. When the burst ends any other way (a slow key, a key
that is not printable, a mouse press, the timer), the held key events are sent to the
widget they were meant for, in their order, so a person's typing arrives unchanged, only
``max_gap_ms`` later. The other way round (let keys through, then erase the burst's text
from the focused field) was rejected: only a line edit can be cleaned up reliably, while a
burst typed into a button or a check box presses it on each space of the name, into a
combo box or the queue it moves the selection, and into a text box it joins the undo
history. Holding the keys makes none of that happen.

Details that keep it robust:
- Key releases and bare modifier keys (the scanner's Shift before capitals and ``|``) are
  held with the burst, so a widget never sees a release before its press.
- A burst is timed by the injectable clock (when the filter saw each key) and, where the
  window system stamped them, by the events' own timestamps: a key counts as fast when
  either says so. A busy UI thread delivers queued keys late, but their timestamps stay
  close, so a scan is not broken by a pause of the UI.
- Auto-repeated keys (a key held down) are a person's, never a scanner's.
- A mouse press or an input method's text delivers the held keys before it.
- Before a non-printable key's shortcut can fire (``ShortcutOverride``), the held keys
  are delivered, so F5 or Ctrl+N never overtake what was typed before them; for the Enter
  that ends a card scan the override is accepted, so no shortcut on Enter fires either.
- A burst is a card scan when ``parse_cccd_qr`` accepts it, or when it plainly has a
  card's shape (a 12-digit number, then ``|``-separated fields) but something in it is
  wrong: the citizen page then says what is wrong, instead of the text landing in
  whatever field had focus. Any other barcode is delivered as typing, Enter included.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputDevice, QKeyEvent
from PySide6.QtWidgets import QWidget

from desk_app.core.identity import CccdError, parse_cccd_qr

log = logging.getLogger(__name__)

# Scanners send a key every 1–10 ms; people leave 40 ms or more between keys.
DEFAULT_MAX_GAP_MS = 30
# The shortest real card QR text is over 50 characters; fewer fast keys are a person's.
DEFAULT_MIN_LENGTH = 20

_ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock,
    }
)
_CARD_SHAPE = re.compile(r"^[0-9]{12}\|.*\|")
_NOISE = "\ufeff\r\n\t "


def is_card_scan(text: str) -> bool:
    """Whether a scanned text is a CCCD card's QR code, readable or not."""
    try:
        parse_cccd_qr(text)
    except CccdError:
        return _CARD_SHAPE.match(text.strip(_NOISE)) is not None
    return True


def _key(event: QKeyEvent) -> int:
    return int(event.key())  # an int: scanners send keys no Qt.Key member names


def _is_printable(event: QKeyEvent) -> bool:
    text = event.text()
    return bool(text) and text.isprintable()


def _copy(event: QKeyEvent) -> QKeyEvent:
    # The event handed to a filter dies with its delivery: what is re-delivered is a copy.
    copy = QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.nativeScanCode(),
        event.nativeVirtualKey(),
        event.nativeModifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
        event.device() or QInputDevice.primaryKeyboard(),
    )
    copy.setTimestamp(event.timestamp())
    return copy


@dataclass
class _HeldKey:
    receiver: QObject
    event: QKeyEvent


class ScannerInput(QObject):
    """Application-wide event filter that tells a scanner's burst from a person's typing."""

    cccd_scanned = Signal(str)   # the card's QR text exactly as the scanner typed it

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_ms: int = DEFAULT_MAX_GAP_MS,
        min_length: int = DEFAULT_MIN_LENGTH,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scannerInput")
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.clock = clock          # seconds; replaced by tests to time each key exactly
        self._held: list[_HeldKey] = []
        self._text: list[str] = []
        self._last_seen = 0.0
        self._last_stamp = 0
        self._replaying = 0
        self._swallow_release: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._time_is_up)
        self._installed_on: QCoreApplication | None = None

    # ------------------------------------------------------------------ installing

    def install(self, app: QCoreApplication | None = None) -> None:
        app = app or QCoreApplication.instance()
        if app is None or self._installed_on is app:
            return
        app.installEventFilter(self)
        self._installed_on = app

    def uninstall(self) -> None:
        """Stop watching; keys held at that moment are delivered first."""
        self.flush()
        if self._installed_on is not None and shiboken6.isValid(self._installed_on):
            self._installed_on.removeEventFilter(self)
        self._installed_on = None

    @property
    def holding(self) -> bool:
        """Whether keys are held back at this moment (a burst may be under way)."""
        return bool(self._held)

    # ------------------------------------------------------------------ the filter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.InputMethod):
            # A click, or text from an input method (IBus, for Vietnamese), ends a burst:
            # what was typed before it must arrive before it.
            self.flush()
            return False
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            return False
        # Key events reach the window (a QWindow) first, then its focused widget: act once,
        # at the widget, which is also where held keys are sent back.
        if self._replaying or not isinstance(watched, QWidget) or not isinstance(event, QKeyEvent):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            return self._shortcut_override(event)
        if kind == QEvent.Type.KeyRelease:
            return self._key_release(watched, event)
        return self._key_press(watched, event)

    def _key_press(self, receiver: QWidget, event: QKeyEvent) -> bool:
        key = _key(event)
        if key in _ENTER_KEYS:
            return self._enter(event)
        if _is_printable(event) and not event.isAutoRepeat():
            return self._hold(receiver, event, starts_burst=True)
        if key in _MODIFIER_KEYS:
            return self._hold(receiver, event, starts_burst=False)
        self.flush()
        return False

    def _key_release(self, receiver: QWidget, event: QKeyEvent) -> bool:
        if self._swallow_release is not None and _key(event) == self._swallow_release:
            self._swallow_release = None
            event.accept()
            return True
        if event.isAutoRepeat():
            return False
        return self._hold(receiver, event, starts_burst=False)

    def _shortcut_override(self, event: QKeyEvent) -> bool:
        key = _key(event)
        if key in _ENTER_KEYS:
            if self._scan_ends_with(event):
                event.accept()  # the focused widget "wants" it: no shortcut on Enter fires
                return True
            self.flush()
            return False
        if key in _MODIFIER_KEYS or (_is_printable(event) and not event.isAutoRepeat()):
            return False
        self.flush()
        return False

    def _enter(self, event: QKeyEvent) -> bool:
        if not self._scan_ends_with(event):
            self.flush()
            return False
        text = "".join(self._text)
        self._drop()
        self._swallow_release = _key(event)
        event.accept()
        log.info("card scanned (%d characters)", len(text))
        self.cccd_scanned.emit(text)
        return True

    def _scan_ends_with(self, enter: QKeyEvent) -> bool:
        if not self._text or not self._fast(enter):
            return False
        text = "".join(self._text)
        return len(text) >= self.min_length and is_card_scan(text)

    # ------------------------------------------------------------------ holding and delivering

    def _fast(self, event: QKeyEvent) -> bool:
        """Whether ``event`` followed the last held key as fast as a scanner types."""
        limit = self.max_gap_ms / 1000
        if self.clock() - self._last_seen <= limit:
            return True
        stamp = event.timestamp()
        return bool(stamp and self._last_stamp) and 0 <= stamp - self._last_stamp <= self.max_gap_ms

    def _hold(self, receiver: QWidget, event: QKeyEvent, *, starts_burst: bool) -> bool:
        if self._held and not self._fast(event):
            self.flush()  # a person's pause: what was held is typing
        if not self._held and not starts_burst:
            return False
        self._held.append(_HeldKey(receiver, _copy(event)))
        if event.type() == QEvent.Type.KeyPress and _is_printable(event):
            self._text.append(event.text())
        self._last_seen = self.clock()
        self._last_stamp = event.timestamp()
        self._timer.start(self.max_gap_ms)
        event.accept()
        return True

    def _time_is_up(self) -> None:
        left_ms = self.max_gap_ms - (self.clock() - self._last_seen) * 1000
        if left_ms > 0 and self._held:
            # The timer woke early for the clock (a test's clock, or timer slack): wait on.
            self._timer.start(max(1, math.ceil(left_ms)))
            return
        self.flush()

    def _drop(self) -> None:
        self._held = []
        self._text = []
        self._timer.stop()

    def flush(self) -> None:
        """Deliver the held keys to the widgets they were meant for, as typing."""
        held = self._held
        self._drop()
        if not held:
            return
        self._replaying += 1
        try:
            for item in held:
                if shiboken6.isValid(item.receiver):
                    QCoreApplication.sendEvent(item.receiver, item.event)
        finally:
            self._replaying -= 1
