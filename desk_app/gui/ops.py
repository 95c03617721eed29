"""Background operations for the UI thread, in the manner of Anki's ``CollectionOp``.

    Op(lambda: store.save_new_dossier(dossier, blobs), parent=self)
        .success(self._saved)
        .failure(self._not_saved)
        .with_progress(self.tr("Saving the dossier…"))
        .run()

``fn`` runs on a thread pool and must not touch widgets; its result or exception comes
back to the UI thread through a queued signal and only then are the callbacks called.
A progress dialog appears only if the work outlasts ``PROGRESS_DELAY_MS``, so quick
work never flashes a window at the officer.
"""

from __future__ import annotations

import itertools
import logging
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desk_app.core.messages import DeskError

from .errors import show_error

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500
_POOL_THREADS = 4

_pool: QThreadPool | None = None


def thread_pool() -> QThreadPool:
    """The pool every Op runs on; separate from Qt's global pool so shutdown can drain it."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(_POOL_THREADS)
        _pool.setObjectName("desk-ops")
    return _pool


def wait_for_ops(timeout_ms: int = 10_000) -> bool:
    """Let running operations finish (at exit), so no store write is cut off mid-way."""
    return thread_pool().waitForDone(timeout_ms)


class _Dispatcher(QObject):
    """Carries results from pool threads to the UI thread.

    Worker threads only ever hold an op's number, never the Op itself: a QObject must be
    destroyed on the thread it lives on, and a worker dropping the last reference to an
    Op would destroy it (and its timer) on the wrong thread.
    """

    succeeded = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self.running: dict[int, Op] = {}
        self.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)

    @Slot(int, object)
    def _succeeded(self, number: int, result: Any) -> None:
        op = self.running.pop(number, None)
        if op is not None:
            op._deliver_success(result)

    @Slot(int, object)
    def _failed(self, number: int, error: Exception) -> None:
        op = self.running.pop(number, None)
        if op is not None:
            op._deliver_failure(error)


_dispatcher: _Dispatcher | None = None


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    return _dispatcher


class _Job(QRunnable):
    def __init__(self, number: int, fn: Callable[[], Any], dispatcher: _Dispatcher) -> None:
        super().__init__()
        self._number = number
        self._fn: Callable[[], Any] | None = fn
        self._dispatcher = dispatcher

    def run(self) -> None:
        fn, self._fn = self._fn, None
        assert fn is not None
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the UI thread
            self._dispatcher.failed.emit(self._number, exc)
        else:
            self._dispatcher.succeeded.emit(self._number, result)


class Op(QObject):
    """One piece of background work with callbacks on the UI thread.

    Create and run it on the UI thread. ``finished(ok)`` is emitted after the callbacks
    ran, for tests (``qtbot.waitSignal(op.finished)``) and for code that chains work.
    """

    finished = Signal(bool)

    _numbers = itertools.count(1)

    def __init__(self, fn: Callable[[], Any], *, parent: QWidget | None = None) -> None:
        super().__init__()
        self._fn: Callable[[], Any] | None = fn
        self._parent_widget = parent
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[Exception], None] | None = None
        self._progress_text: str | None = None
        self._progress_dialog: QProgressDialog | None = None
        self._progress_timer: QTimer | None = None
        self._progress_was_shown = False
        self._started = False
        self._done = False
        self.result: Any = None
        self.error: Exception | None = None

    def success(self, callback: Callable[[Any], None]) -> "Op":
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], None]) -> "Op":
        self._on_failure = callback
        return self

    def with_progress(self, text: str, parent: QWidget | None = None) -> "Op":
        self._progress_text = text
        if parent is not None:
            self._parent_widget = parent
        return self

    @property
    def progress_shown(self) -> bool:
        """Whether a progress dialog was opened (work lasted longer than the delay)."""
        return self._progress_was_shown

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        """The progress dialog while it is open."""
        return self._progress_dialog

    @property
    def done(self) -> bool:
        return self._done

    def run(self) -> "Op":
        if self._started:
            raise RuntimeError("an Op runs once")
        self._started = True
        dispatcher = _the_dispatcher()
        number = next(Op._numbers)
        dispatcher.running[number] = self  # keeps the op alive: callers often drop it at once
        if self._progress_text is not None:
            self._progress_timer = QTimer(self)
            self._progress_timer.setSingleShot(True)
            self._progress_timer.timeout.connect(self._show_progress)
            self._progress_timer.start(PROGRESS_DELAY_MS)
        fn, self._fn = self._fn, None
        assert fn is not None
        thread_pool().start(_Job(number, fn, dispatcher))
        return self

    @Slot()
    def _show_progress(self) -> None:
        if self._done:
            return
        dialog = QProgressDialog(self._parent_widget)
        dialog.setObjectName("opProgressDialog")
        dialog.setWindowTitle(self.tr("Please wait"))
        dialog.setLabelText(self._progress_text or "")
        dialog.setRange(0, 0)  # busy indicator: the work does not report fractions
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(0)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        self._progress_dialog = dialog
        self._progress_was_shown = True

    def _close_progress(self) -> None:
        if self._progress_timer is not None:
            self._progress_timer.stop()
        if self._progress_dialog is not None and shiboken6.isValid(self._progress_dialog):
            self._progress_dialog.reset()
            self._progress_dialog.close()
            self._progress_dialog.deleteLater()
        self._progress_dialog = None

    def _parent_gone(self) -> bool:
        # The window that asked was closed meanwhile: its callbacks would touch dead widgets.
        return self._parent_widget is not None and not shiboken6.isValid(self._parent_widget)

    def _deliver_success(self, result: Any) -> None:
        self._done = True
        self.result = result
        self._close_progress()
        try:
            if self._parent_gone():
                log.info("background operation finished after its window closed")
            elif self._on_success is not None:
                self._on_success(result)
        finally:
            self._finish(True)

    def _deliver_failure(self, error: Exception) -> None:
        self._done = True
        self.error = error
        self._close_progress()
        # An expected failure's chained cause can quote a request URL (/v1/citizens/<CCCD>): its kind only.
        log.warning("background operation failed: %s", type(error).__name__, exc_info=None if isinstance(error, DeskError) else error)
        try:
            if self._parent_gone():
                pass
            elif self._on_failure is not None:
                self._on_failure(error)
            else:
                show_error(self._parent_widget, error)
        finally:
            self._finish(False)

    def _finish(self, ok: bool) -> None:
        self.finished.emit(ok)
