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

from PySide6.QtCore import Signal

from desk_app.sync.checks import CheckRunner

from .background_worker import BackgroundWorker

log = logging.getLogger(__name__)

# Retries are due from 30 s after a failure; a run every 20 s takes them up close to time
# and costs one small read of the store when nothing is due.
RUN_EVERY_MS = 20_000


class ChecksWorker(BackgroundWorker):
    """Signals are emitted on the checks thread: connect them to QObject methods (queued to
    their thread), not to lambdas, which would run on the checks thread."""

    checks_changed = Signal()      # a check started, was answered or failed: read the store again
    run_finished = Signal(int)     # a run ended, having asked this many checks
    run_failed = Signal(object)    # a run ended on an exception (the store refused a write, say)

    def __init__(self, runner: CheckRunner, *, interval_ms: int = RUN_EVERY_MS) -> None:
        super().__init__("desk-checks", interval_ms)
        self._runner = runner
        self._runs = 0

    @property
    def runner(self) -> CheckRunner:
        return self._runner

    @property
    def runs(self) -> int:
        return self._runs

    def request_run(self) -> None:
        """Ask for a run soon (checks left from before are run at start); safe from any thread."""
        self._ask()

    def _work(self, _force: bool) -> None:
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
