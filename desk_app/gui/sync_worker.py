"""SyncWorker: runs ``SyncEngine.run_once`` on its own QThread, on a timer and on demand.

The engine is pure Python and blocks on the network; here it gets a thread of its own,
and everything it learns reaches widgets only through this object's signals, which Qt
queues onto the UI thread. "Send now" (F5) and a freshly saved dossier ask for a pass
with ``request_sync``; requests made while a pass runs collapse into one more pass.
F5 asks with ``force=True``: during an outage the engine's circuit breaker skips passes
without touching the network, and the officer's own request must still probe it.

The engine reports progress per chunk and per item, thousands of times in a large drain;
``progress`` carries at most one report per ``PROGRESS_EVERY_S`` (and every change of
stage), so the UI thread's queue is not flooded with reports nobody will see.
"""

from __future__ import annotations

import logging
import threading
import time

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from desk_app.core.messages import DeskError
from desk_app.sync.engine import SyncEngine, SyncProgress, SyncReport
from desk_app.sync.errors import AuthenticationFailed, SyncFault

log = logging.getLogger(__name__)

PROGRESS_EVERY_S = 0.05


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
        # What the next pass should be; a request made during a pass lands here and is
        # served by the pass after it, so a forced request is never swallowed.
        self._lock = threading.Lock()
        self._wanted = False
        self._forced = False
        self._online: bool | None = None
        self._passes = 0
        self._progress_stage: str | None = None  # sync thread only
        self._progress_sent_at = 0.0
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

    @property
    def engine(self) -> SyncEngine:
        return self._engine

    def start(self) -> None:
        """Start the thread, run a first pass at once, then one every interval."""
        self._thread.start()
        self._start_timer.emit()
        self.request_sync()

    def request_sync(self, force: bool = False) -> None:
        """Ask for a pass soon; safe from any thread, never waits.

        ``force`` (the officer's "Send now") makes that pass reach the network even while
        the engine's breaker holds automatic passes back.
        """
        with self._lock:
            self._wanted = True
            self._forced = self._forced or force
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
        with self._lock:
            self._wanted = self._forced = False
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
        with self._lock:
            if not self._wanted or self._cancel.is_set():
                return  # an earlier queued request already covered this one
            force = self._forced
            self._wanted = self._forced = False
        self.busy_changed.emit(True)
        self._progress_stage = None
        try:
            report = self._engine.run_once(cancel=self._cancel, progress=self._relay_progress, force=force)
        except Exception as exc:  # noqa: BLE001 - a bug in one pass must not kill the worker
            log.exception("sync pass crashed")
            report = self._crash_report(exc)
        finally:
            self.busy_changed.emit(False)
        self._passes += 1
        if isinstance(report.error, AuthenticationFailed):
            self.session_ended.emit(report.error)
        if report.online != self._online:
            self._online = report.online
            self.online_changed.emit(report.online)
        self.report.emit(report)

    def _crash_report(self, exc: Exception) -> SyncReport:
        # The outbox still holds everything: its counts stay true for the status bar.
        try:
            counts = self._engine.store.outbox_counts()
        except Exception:  # noqa: BLE001 - the store may be what failed
            log.exception("outbox counts unreadable after a crashed pass")
            counts = {}
        return SyncReport(online=bool(self._online), sent=0, retrying=counts.get("retrying", 0),
                          held=counts.get("held", 0), waiting=counts.get("waiting", 0) + counts.get("sending", 0),
                          error=_as_desk_error(exc))

    def _relay_progress(self, progress: SyncProgress) -> None:
        now = time.monotonic()
        if progress.stage == self._progress_stage and now - self._progress_sent_at < PROGRESS_EVERY_S:
            return  # a newer report follows soon; the indicator shows only the latest anyway
        self._progress_stage = progress.stage
        self._progress_sent_at = now
        self.progress.emit(progress)


def _as_desk_error(exc: Exception) -> DeskError:
    return exc if isinstance(exc, DeskError) else SyncFault(type(exc).__name__)
