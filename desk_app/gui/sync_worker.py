"""SyncWorker: runs ``SyncEngine.run_once`` on its own QThread, on a timer and on demand.

The engine is pure Python and blocks on the network; here it gets a thread of its own,
and everything it learns reaches widgets only through this object's signals, which Qt
queues onto the UI thread. "Send now" (F5) and a freshly saved dossier ask for a pass
with ``request_sync``; requests made while a pass runs collapse into one more pass.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.sync.engine import SyncEngine, SyncProgress, SyncReport
from desk_app.sync.errors import AuthenticationFailed

log = logging.getLogger(__name__)

class SyncCrashed(DeskError):
    """A pass ended on an unexpected exception; the outbox still holds everything."""


class SyncWorker(QObject):
    """Signals are emitted on the sync thread: connect them to QObject methods (queued to
    their thread), not to lambdas, which would run on the sync thread."""

    report = Signal(object)            # SyncReport, after every pass
    progress = Signal(object)          # SyncProgress, during a pass
    online_changed = Signal(bool)      # only when the state flips (first report always)
    busy_changed = Signal(bool)        # a pass started / ended
    # AuthenticationFailed: the client renews the access token by itself, so this means the
    # refresh token was refused too and only signing in again helps.
    session_ended = Signal(object)

    _requested = Signal()
    _start_timer = Signal()

    def __init__(
        self,
        engine: SyncEngine,
        *,
        interval_ms: int = 30_000,
    ) -> None:
        super().__init__()
        self._engine = engine
        self._interval_ms = interval_ms
        self._cancel = threading.Event()
        self._wanted = threading.Event()
        self._online: bool | None = None
        self._passes = 0
        self._thread = QThread()
        self._thread.setObjectName("desk-sync")
        self._timer: QTimer | None = None
        self.moveToThread(self._thread)
        self._requested.connect(self._run_pass, Qt.ConnectionType.QueuedConnection)
        self._start_timer.connect(self._begin_timer, Qt.ConnectionType.QueuedConnection)
        # Emitted on the worker thread just before it ends: the timer is stopped where it lives.
        self._thread.finished.connect(self._end_timer, Qt.ConnectionType.DirectConnection)

    # ------------------------------------------------------------------ UI thread side

    @property
    def online(self) -> bool | None:
        """The last state reported; None before the first pass."""
        return self._online

    @property
    def passes(self) -> int:
        return self._passes

    def start(self) -> None:
        """Start the thread, run a first pass at once, then one every interval."""
        self._thread.start()
        self._start_timer.emit()
        self.request_sync()

    def request_sync(self) -> None:
        """Ask for a pass soon; safe from any thread, never waits."""
        self._wanted.set()
        self._requested.emit()

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    def stop(self, timeout_ms: int = 15_000) -> bool:
        """Cancel the pass under way (it stops between steps) and end the thread.

        ``timeout_ms=0`` returns at once, so a window can close without waiting on the
        network; whoever keeps the worker must then call ``stop()`` again before exit.
        """
        if not self._thread.isRunning():
            return True
        self._cancel.set()
        self._wanted.clear()
        self._thread.quit()
        if timeout_ms == 0:
            return False
        finished = self._thread.wait(timeout_ms)
        if not finished:
            log.error("sync thread did not stop within %d ms", timeout_ms)
        return finished

    # ------------------------------------------------------------------ worker thread side

    @Slot()
    def _begin_timer(self) -> None:
        self._timer = QTimer()
        self._timer.setInterval(self._interval_ms)
        self._timer.timeout.connect(self.request_sync)
        self._timer.start()

    @Slot()
    def _end_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None  # deleted here, on the thread that owns it

    @Slot()
    def _run_pass(self) -> None:
        if not self._wanted.is_set() or self._cancel.is_set():
            return  # an earlier queued request already covered this one
        self._wanted.clear()
        self.busy_changed.emit(True)
        try:
            report = self._engine.run_once(cancel=self._cancel, progress=self.progress.emit)
        except Exception as exc:  # noqa: BLE001 - a bug in one pass must not kill the worker
            log.exception("sync pass crashed")
            report = SyncReport(online=bool(self._online), sent=0, retrying=0, held=0, waiting=0,
                                error=_as_desk_error(exc))
        finally:
            self.busy_changed.emit(False)
        self._passes += 1
        if isinstance(report.error, AuthenticationFailed):
            self.session_ended.emit(report.error)
        if report.online != self._online:
            self._online = report.online
            self.online_changed.emit(report.online)
        self.report.emit(report)


def _as_desk_error(exc: Exception) -> DeskError:
    if isinstance(exc, DeskError):
        return exc
    return SyncCrashed(
        QT_TRANSLATE_NOOP(
            "DeskError",
            "Sending stopped because of an internal fault ({kind}). Everything is kept on this desk "
            "and sending will be tried again; if this repeats, tell your administrator.",
        ),
        kind=type(exc).__name__,
    )
