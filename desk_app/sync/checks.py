"""CheckRunner: asks the central API for the upstream checks whose turn has come.

Pure Python, no Qt: the GUI's ``ChecksWorker`` runs ``run_due`` on a thread of its own, on a
timer and when asked. Checks go one by one; each answer or failure is recorded at once, so
the officer sees it arrive. What a failure means decides what happens next:

- the other agency's system did not answer (503 ``upstream_unavailable``), the central API
  could not be reached, was busy, slow or unwell, or its answer did not read: asked again
  later on the schedule of ``core.upstream_checks`` (Retry-After as a floor), until it gives
  up after about a day of tries;
- the central API refused the check (a 4xx, e.g. 403 for an account that may not ask, or
  404 from a server without the route): recorded as failed with its reason, not asked
  again by itself, because the same request gets the same refusal;
- the session ended (401): asked again later; the sync worker renews the session's token,
  or the officer signs in again.

When the central API itself is unreachable, unwell or the session is gone, the run stops
after recording that check: the next ones would only fail the same way and spend their
tries on it. A failing upstream system ends only its own check: the other kind of check
may still be answered.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from desk_app.core.catalogue import UpstreamCheck
from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.core.timeutil import now_vn
from desk_app.core.upstream_checks import (
    CheckOutcome,
    CheckRecord,
    interpret,
    next_attempt_at,
)

from .client import CentralClient, UpstreamUnavailable
from .errors import AuthenticationFailed, CentralRejected, CentralUnavailable, MalformedAnswer

log = logging.getLogger(__name__)

BATCH_SIZE = 20
# Longer than the central API's own deadline for an upstream system (5 s by default), so a
# slow upstream comes back as the centre's clear 503 rather than as a cut connection.
CHECK_TIMEOUT_S = 8.0

HEALTH_SYSTEM = QT_TRANSLATE_NOOP("DeskError", "The health certificate system")
TRAFFIC_SYSTEM = QT_TRANSLATE_NOOP("DeskError", "The traffic police's violation records")
_SYSTEMS = {"health_certificates": HEALTH_SYSTEM, "traffic_violations": TRAFFIC_SYSTEM}
_SYSTEM_OF_KIND = {UpstreamCheck.HEALTH_CERTIFICATE: HEALTH_SYSTEM, UpstreamCheck.TRAFFIC_VIOLATIONS: TRAFFIC_SYSTEM}


class CheckStore(Protocol):
    """What the runner needs of the desk's store (``DeskStore`` satisfies it)."""

    def recover_running_checks(self) -> int: ...
    def due_checks(self, now: datetime, limit: int = 20) -> list[CheckRecord]: ...
    def claim_check(self, check_id: str) -> CheckRecord | None: ...
    def record_check_result(self, check_id: str, outcome: CheckOutcome) -> bool: ...
    def record_check_failure(self, check_id: str, error: DeskError | str, next_attempt_at: datetime | None) -> bool: ...


class CheckClient(Protocol):
    """The two calls of ``CentralClient`` a check makes."""

    def check_health_certificate(self, cccd: str) -> dict: ...
    def check_traffic_violations(self, cccd: str) -> dict: ...


class CheckFailed(DeskError):
    """Why a check got no answer, and what happens next, for the officer's check list."""

    UPSTREAM_ERROR = QT_TRANSLATE_NOOP(
        "DeskError",
        "{system} reported a fault. The check is tried again automatically; the dossier can be saved meanwhile.",
    )
    UPSTREAM_TIMEOUT = QT_TRANSLATE_NOOP(
        "DeskError",
        "{system} did not answer in time. The check is tried again automatically; the dossier can be saved meanwhile.",
    )
    UPSTREAM_NOT_CONNECTED = QT_TRANSLATE_NOOP(
        "DeskError",
        "{system} is not connected to the central system. The check is tried again automatically; meanwhile check the citizen's papers by hand.",
    )
    UNREACHABLE = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system cannot be reached. The check is tried again automatically when the desk is back online; the dossier can be saved meanwhile.",
    )
    CENTRAL_TIMEOUT = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system did not answer in time. The check is tried again automatically; the dossier can be saved meanwhile.",
    )
    CENTRAL_BUSY = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system is busy. The check is tried again automatically; the dossier can be saved meanwhile.",
    )
    CENTRAL_FAULT = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system reported an internal fault (HTTP {status}). The check is tried again automatically; the dossier can be saved meanwhile.",
    )
    UNREADABLE = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system sent an answer this desk cannot read ({problem}). The check is tried again automatically; if this keeps happening, tell the system administrator.",
    )
    SESSION_ENDED = QT_TRANSLATE_NOOP(
        "DeskError",
        "The desk's session with the central system has ended. The check is tried again once the session is renewed; if it keeps failing, sign in again.",
    )
    REFUSED = QT_TRANSLATE_NOOP(
        "DeskError",
        "The central system refused this check ({reason}). It is not tried again by itself: check the citizen's papers by hand, or ask the administrator and then press Retry now.",
    )
    GAVE_UP = QT_TRANSLATE_NOOP(
        "DeskError",
        "No answer after {tries} tries over about a day, so the desk stopped trying. Check the citizen's papers by hand, or press Retry now to start again.",
    )
    INTERNAL = QT_TRANSLATE_NOOP(
        "DeskError",
        "The check stopped on an internal fault ({kind}). It is tried again automatically; if this repeats, tell your administrator.",
    )


@dataclass(frozen=True)
class Verdict:
    """What a failed try means: the words for the officer, and what the runner does next."""

    error: CheckFailed
    permanent: bool = False          # never asked again by itself
    retry_after: float | None = None  # the central API's Retry-After, a floor for the wait
    stop_run: bool = False           # the next checks would fail the same way


def judge_failure(exc: BaseException, kind: UpstreamCheck) -> Verdict:
    """Sort a failed try by what to do about it (see the module's docstring)."""
    if isinstance(exc, UpstreamUnavailable):
        system = _SYSTEMS.get(exc.upstream, _SYSTEM_OF_KIND[kind])
        template = {"timeout": CheckFailed.UPSTREAM_TIMEOUT, "not_configured": CheckFailed.UPSTREAM_NOT_CONNECTED}.get(
            exc.reason, CheckFailed.UPSTREAM_ERROR
        )
        return Verdict(CheckFailed(template, system=system), retry_after=exc.retry_after)
    if isinstance(exc, MalformedAnswer):
        return Verdict(CheckFailed(CheckFailed.UNREADABLE, problem=exc.problem))
    if isinstance(exc, CentralUnavailable):
        if exc.kind == "network":
            return Verdict(CheckFailed(CheckFailed.UNREACHABLE), stop_run=True)
        if exc.kind == "timeout":
            return Verdict(CheckFailed(CheckFailed.CENTRAL_TIMEOUT), retry_after=exc.retry_after, stop_run=True)
        if exc.kind == "busy":
            return Verdict(CheckFailed(CheckFailed.CENTRAL_BUSY), retry_after=exc.retry_after, stop_run=True)
        return Verdict(CheckFailed(CheckFailed.CENTRAL_FAULT, status=exc.status or 0),
                       retry_after=exc.retry_after, stop_run=True)
    if isinstance(exc, AuthenticationFailed):
        return Verdict(CheckFailed(CheckFailed.SESSION_ENDED), stop_run=True)
    if isinstance(exc, CentralRejected):
        return Verdict(CheckFailed(CheckFailed.REFUSED, reason=exc.reason), permanent=True)
    return Verdict(CheckFailed(CheckFailed.INTERNAL, kind=type(exc).__name__))


class CheckRunner:
    """Runs due checks through ``client`` and records what came of each in ``store``."""

    def __init__(
        self,
        store: CheckStore,
        client: CheckClient,
        clock: Callable[[], datetime] = now_vn,
        *,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.store = store
        self.client = client
        self.clock = clock
        self.batch_size = batch_size
        self._recovered = False

    def run_due(
        self,
        cancel: threading.Event | None = None,
        changed: Callable[[str], None] | None = None,
    ) -> int:
        """Ask every check due now (up to ``batch_size``), one by one; how many were asked.

        ``changed(check_id)`` is called after each change the store recorded (running,
        then answered or failed), so a window can show the check as it moves. Store errors
        propagate: the checks stay as recorded and are taken up again next time.
        """
        if not self._recovered:
            # Only one runner works on a store at a time, so a check found running now was
            # cut off by the desk stopping: its answer never came.
            self.store.recover_running_checks()
            self._recovered = True
        asked = 0
        try:
            for due in self.store.due_checks(self.clock(), self.batch_size):
                if cancel is not None and cancel.is_set():
                    break
                check = self.store.claim_check(due.check_id)
                if check is None:
                    continue  # replaced (another citizen) or taken meanwhile
                asked += 1
                if changed is not None:
                    changed(check.check_id)
                go_on = self._ask(check)
                if changed is not None:
                    changed(check.check_id)
                if not go_on:
                    break
        except BaseException:
            # A store write failed with a check marked running: the next run takes it up again.
            self._recovered = False
            raise
        return asked

    def _ask(self, check: CheckRecord) -> bool:
        """One try of one check, recorded; False when the run should stop here."""
        try:
            body = self._call(check)
        except Exception as exc:  # noqa: BLE001 - a failed check is recorded, never raised into the worker
            verdict = judge_failure(exc, check.kind)
        else:
            try:
                outcome = interpret(check.kind, body)
            except ValueError as exc:
                # The client checked the shape; what is left is an answer that means nothing.
                verdict = Verdict(CheckFailed(CheckFailed.UNREADABLE, problem=str(exc)))
            else:
                self.store.record_check_result(check.check_id, outcome)
                log.info("check %s (%s): %s", check.check_id, check.kind.value, outcome.state.value)
                return True
        self._record_failure(check, verdict)
        return not verdict.stop_run

    def _call(self, check: CheckRecord) -> dict:
        if check.kind is UpstreamCheck.HEALTH_CERTIFICATE:
            return self.client.check_health_certificate(check.cccd)
        return self.client.check_traffic_violations(check.cccd)

    def _record_failure(self, check: CheckRecord, verdict: Verdict) -> None:
        failures = check.failures + 1
        error: DeskError = verdict.error
        if verdict.permanent:
            when = None
        else:
            when = next_attempt_at(self.clock(), failures, verdict.retry_after)
            if when is None:
                error = CheckFailed(CheckFailed.GAVE_UP, tries=failures)
        log.warning("check %s (%s) failed, %s: %s", check.check_id, check.kind.value,
                    "no more automatic tries" if when is None else f"again at {when:%H:%M:%S}",
                    verdict.error.english())
        self.store.record_check_failure(check.check_id, error, when)


class CheckCourier:
    """The two check calls, each through a short-lived client with the session's current
    access token, for a runner on a thread of its own.

    ``CentralClient`` is not shared between threads at once, and the sync worker owns the
    session's client. The courier never renews the session (the server takes each refresh
    token once: that stays the sync worker's business); a lapsed token gives a 401 that
    the runner records and retries once the sync worker has renewed it.
    """

    def __init__(self, central: CentralClient, *, timeout: float = CHECK_TIMEOUT_S) -> None:
        self._central = central
        self.timeout = timeout

    def _client(self) -> CentralClient:
        return self._central.courier(self.timeout)

    def check_health_certificate(self, cccd: str) -> dict:
        with self._client() as client:
            return client.check_health_certificate(cccd)

    def check_traffic_violations(self, cccd: str) -> dict:
        with self._client() as client:
            return client.check_traffic_violations(cccd)
