"""BackgroundWorker: blocking work on a QThread of its own, on a timer and on demand.

The sync engine and the upstream-check runner are pure Python and block on the network;
each gets a thread of its own through a subclass of this, so neither holds up the UI
thread or the other. Requests made while a run goes on collapse into one more run; a
forced request is never swallowed by a run already under way.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

log = logging.getLogger(__name__)


class BackgroundWorker(QObject):
    """Subclasses give ``_work(force)``, called on the worker thread. Their signals are
    emitted there: connect them to QObject methods (queued to their thread), not to lambdas,
    which would run on the worker thread."""

    _requested = Signal()
    _start_timer = Signal()

    def __init__(self, thread_name: str, interval_ms: int) -> None:
        super().__init__()
        self._interval_ms = interval_ms
        self._cancel = threading.Event()
        # What the next run should be; a request made during a run lands here and is served
        # by the run after it.
        self._lock = threading.Lock()
        self._wanted = False
        self._forced = False
        self._thread = QThread()
        self._thread.setObjectName(thread_name)
        self._timer: QTimer | None = None
        self.moveToThread(self._thread)
        self._requested.connect(self._run, Qt.ConnectionType.QueuedConnection)
        self._start_timer.connect(self._begin_timer, Qt.ConnectionType.QueuedConnection)
        # Emitted on the worker thread just before it ends: the timer is stopped where it lives.
        self._thread.finished.connect(self._end_timer, Qt.ConnectionType.DirectConnection)

    # ------------------------------------------------------------------ UI thread side

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    def start(self) -> None:
        """Start the thread, run once at once, then once every interval."""
        self._thread.start()
        self._start_timer.emit()
        self._ask()

    def _ask(self, force: bool = False) -> None:
        """Ask for a run soon; safe from any thread, never waits."""
        with self._lock:
            self._wanted = True
            self._forced = self._forced or force
        self._requested.emit()

    def stop(self, timeout_ms: int = 15_000) -> bool:
        """Cancel the run under way (it stops between steps) and end the thread.

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
            log.error("thread %s did not stop within %d ms", self._thread.objectName(), timeout_ms)
        return finished

    # ------------------------------------------------------------------ worker thread side

    @Slot()
    def _begin_timer(self) -> None:
        self._timer = QTimer()
        self._timer.setInterval(self._interval_ms)
        self._timer.timeout.connect(self._ask)
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
            force = self._forced
            self._wanted = self._forced = False
        self._work(force)

    def _work(self, force: bool) -> None:
        raise NotImplementedError
