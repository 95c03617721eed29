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
import time

from PySide6.QtCore import Signal

from desk_app.core.messages import DeskError
from desk_app.sync.engine import SyncEngine, SyncProgress, SyncReport
from desk_app.sync.errors import AuthenticationFailed, SyncFault

from .background_worker import BackgroundWorker

log = logging.getLogger(__name__)

PROGRESS_EVERY_S = 0.05


class SyncWorker(BackgroundWorker):
    """Signals are emitted on the sync thread: connect them to QObject methods (queued to
    their thread), not to lambdas, which would run on the sync thread."""

    report = Signal(object)            # SyncReport, after every pass
    progress = Signal(object)          # SyncProgress, during a pass
    online_changed = Signal(bool)      # only when the state flips (first report always)
    busy_changed = Signal(bool)        # a pass started / ended
    # AuthenticationFailed: the client renews the access token by itself, so this means the
    # refresh token was refused too and only signing in again helps.
    session_ended = Signal(object)

    def __init__(
        self,
        engine: SyncEngine,
        *,
        interval_ms: int = 30_000,
    ) -> None:
        super().__init__("desk-sync", interval_ms)
        self._engine = engine
        self._online: bool | None = None
        self._passes = 0
        self._progress_stage: str | None = None  # sync thread only
        self._progress_sent_at = 0.0

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

    def request_sync(self, force: bool = False) -> None:
        """Ask for a pass soon; safe from any thread, never waits.

        ``force`` (the officer's "Send now") makes that pass reach the network even while
        the engine's breaker holds automatic passes back.
        """
        self._ask(force)

    # ------------------------------------------------------------------ worker thread side

    def _work(self, force: bool) -> None:
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
