"""ChecksWorker: runs ``CheckRunner.run_due`` on its own QThread, on a timer and on demand.

The runner is pure Python and blocks on the network; here it gets a thread of its own
beside the sync worker's, so a slow health-certificate system never delays sending
dossiers, and neither ever holds up the UI thread. Starting checks for an intake, an
officer's "Retry now" and the timer ask for a run with ``request_run``; requests made while
a run goes on collapse into one more run. Windows learn of every recorded change through
``checks_changed`` and read the store again on an Op.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from desk_app.sync.checks import CheckRunner

log = logging.getLogger(__name__)

# Retries are due from 30 s after a failure; a run every 20 s takes them up close to time
# and costs one small read of the store when nothing is due.
RUN_EVERY_MS = 20_000


class ChecksWorker(QObject):
    """Signals are emitted on the checks thread: connect them to QObject methods (queued to
    their thread), not to lambdas, which would run on the checks thread."""

    checks_changed = Signal()      # a check started, was answered or failed: read the store again
    run_finished = Signal(int)     # a run ended, having asked this many checks
    run_failed = Signal(object)    # a run ended on an exception (the store refused a write, say)

    _requested = Signal()
    _start_timer = Signal()

    def __init__(self, runner: CheckRunner, *, interval_ms: int = RUN_EVERY_MS) -> None:
        super().__init__()
        self._runner = runner
        self._interval_ms = interval_ms
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._wanted = False
        self._runs = 0
        self._thread = QThread()
        self._thread.setObjectName("desk-checks")
        self._timer: QTimer | None = None
        self.moveToThread(self._thread)
        self._requested.connect(self._run, Qt.ConnectionType.QueuedConnection)
        self._start_timer.connect(self._begin_timer, Qt.ConnectionType.QueuedConnection)
        # Emitted on the worker thread just before it ends: the timer is stopped where it lives.
        self._thread.finished.connect(self._end_timer, Qt.ConnectionType.DirectConnection)

    # ------------------------------------------------------------------ UI thread side

    @property
    def runner(self) -> CheckRunner:
        return self._runner

    @property
    def runs(self) -> int:
        return self._runs

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    def start(self) -> None:
        """Start the thread, run once at once (checks left from before), then every interval."""
        self._thread.start()
        self._start_timer.emit()
        self.request_run()

    def request_run(self) -> None:
        """Ask for a run soon; safe from any thread, never waits."""
        with self._lock:
            self._wanted = True
        self._requested.emit()

    def stop(self, timeout_ms: int = 15_000) -> bool:
        """End the thread after the check being asked (if any); ``timeout_ms=0`` returns at
        once, and whoever keeps the worker calls ``stop()`` again before exit."""
        if not self._thread.isRunning():
            return True
        self._cancel.set()
        with self._lock:
            self._wanted = False
        self._thread.quit()
        if timeout_ms == 0:
            return False
        finished = self._thread.wait(timeout_ms)
        if not finished:
            log.error("checks thread did not stop within %d ms", timeout_ms)
        return finished

    # ------------------------------------------------------------------ worker thread side

    @Slot()
    def _begin_timer(self) -> None:
        self._timer = QTimer()
        self._timer.setInterval(self._interval_ms)
        self._timer.timeout.connect(self.request_run)
        self._timer.start()

    @Slot()
    def _end_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None  # deleted here, on the thread that owns it

    @Slot()
    def _run(self) -> None:
        with self._lock:
            if not self._wanted or self._cancel.is_set():
                return  # an earlier queued request already covered this one
            self._wanted = False
        asked = 0
        try:
            asked = self._runner.run_due(cancel=self._cancel, changed=self._changed)
        except Exception as exc:  # noqa: BLE001 - one failed run must not end the worker
            log.exception("checks run failed")
            self.run_failed.emit(exc)
        self._runs += 1
        self.run_finished.emit(asked)

    def _changed(self, _check_id: str) -> None:
        self.checks_changed.emit()
