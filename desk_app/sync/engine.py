"""SyncEngine: one pass of talking to the central system, run by the GUI's worker on a timer.

A pass pulls what is due (catalogue, calendar overrides, dossier-code leases), then pushes
the outbox in order: blobs before the dossiers that name them (the store's batch order
guarantees it). It never raises for a network problem: the outcome is a ``SyncReport``
the status bar can show, and the outbox itself remembers what is left and when to retry.

Pure Python on purpose: no Qt, so it is tested against a real server without a GUI.
"""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable

from desk_app.core.calendar import WorkingCalendar
from desk_app.core.messages import DeskError
from desk_app.core.timeutil import now_vn

from .backoff import retry_delay
from .client import CentralClient
from .errors import (
    AuthenticationFailed,
    CentralError,
    CentralRejected,
    CentralUnavailable,
    HashMismatch,
    MalformedAnswer,
    SyncCancelled,
)
from .ports import OutboxItem, SyncStore

log = logging.getLogger(__name__)

STAGE_CATALOGUE = "catalogue"
STAGE_CALENDAR = "calendar"
STAGE_LEASES = "leases"
STAGE_OUTBOX = "outbox"
STAGE_CHANGES = "changes"
# The store's name for the cursor of the site's dossier changes.
CHANGES_CURSOR = "dossiers"


@dataclass(frozen=True)
class SyncProgress:
    """Where a pass stands: ``done`` of ``total`` outbox items, and the bytes of the current one.

    ``total`` may grow during a pass: a dossier becomes due only once its blobs are sent.
    """

    stage: str
    done: int
    total: int
    bytes_done: int = 0
    bytes_total: int = 0


@dataclass(frozen=True)
class SyncReport:
    """The outcome of one pass, for the status bar.

    ``sent`` counts items delivered in this pass; ``waiting``, ``retrying`` and ``held`` are
    the whole outbox afterwards. ``online`` is whether the central system answered the last
    time the pass spoke to it. ``error`` is the one problem worth showing, if any.
    """

    online: bool
    sent: int
    retrying: int
    held: int
    waiting: int
    error: DeskError | None = None


class _StopPass(Exception):
    """Internal: end the pass now (network gone, session ended, cancelled)."""


class _NotRecorded(Exception):
    """Internal: the server took the item but the desk could not record its answer.

    Sending is idempotent, so the item is sent again later and the server repeats the
    answer; holding it would set aside a dossier the central system already has.
    """

    def __init__(self, error: DeskError) -> None:
        super().__init__(str(error))
        self.error = error


class SyncEngine:
    def __init__(
        self,
        store: SyncStore,
        client: CentralClient,
        *,
        desk_id: str,
        agency_code: str,
        clock: Callable[[], datetime] = now_vn,
        catalogue_every: timedelta = timedelta(minutes=15),
        calendar_every: timedelta = timedelta(hours=6),
        lease_threshold: int = 10,
        lease_count: int = 50,
        batch_size: int = 50,
        changes_page: int = 200,
        changes_max_pages: int = 20,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.desk_id = desk_id
        self.agency_code = agency_code
        self.clock = clock
        self.catalogue_every = catalogue_every
        self.calendar_every = calendar_every
        self.lease_threshold = lease_threshold
        self.lease_count = lease_count
        self.batch_size = batch_size
        self.changes_page = changes_page
        self.changes_max_pages = changes_max_pages
        self.rng = rng or random.Random()
        # When each pull is next due and how often it failed in a row; in memory because a
        # restarted desk should simply pull everything once.
        self._due: dict[str, datetime] = {}
        self._failures: dict[str, int] = {}

    # ------------------------------------------------------------------ the pass

    def run_once(
        self,
        cancel: threading.Event | None = None,
        progress: Callable[[SyncProgress], None] | None = None,
    ) -> SyncReport:
        run = _Pass(cancel, progress)
        try:
            for stage, pull in ((STAGE_CATALOGUE, self._pull_catalogue),
                                (STAGE_CALENDAR, self._pull_calendar),
                                (STAGE_LEASES, self._top_up_leases)):
                run.check_cancel()
                self._pull(stage, pull, run)
            run.check_cancel()
            self._push_outbox(run)
            # After the push, so this pass already sees the answers to what it sent.
            run.check_cancel()
            self._pull(STAGE_CHANGES, self._pull_changes, run)
            if run.online is None:
                # Nothing was due: a health check still tells the officer whether the link is up.
                try:
                    self._call(run, self.client.health)
                except CentralError:
                    pass  # _call has recorded it
        except _StopPass:
            pass
        except DeskError as exc:
            # The desk's own disk failed (full, closed): report it like any other problem.
            log.error("sync pass stopped by a local error: %s", exc)
            run.note(exc)
        counts = self.store.outbox_counts()
        report = SyncReport(
            online=bool(run.online),
            sent=run.sent,
            retrying=counts.get("retrying", 0),
            held=counts.get("held", 0),
            waiting=counts.get("waiting", 0) + counts.get("sending", 0),
            error=run.error,
        )
        log.info("sync pass: %s", report)
        return report

    def _call(self, run: "_Pass", fn: Callable, *args, **kwargs):
        """Every network call goes through here, so the pass knows whether the link is up."""
        try:
            result = fn(*args, **kwargs)
        except CentralUnavailable as exc:
            run.online = False
            run.note(exc)
            raise
        except AuthenticationFailed as exc:
            run.online = True
            run.note(exc)
            raise _StopPass from exc
        except (CentralRejected, HashMismatch):
            run.online = True
            raise
        run.online = True
        return result

    # ------------------------------------------------------------------ pulls

    def _pull(self, stage: str, pull: Callable[["_Pass"], None], run: "_Pass") -> None:
        now = self.clock()
        due = self._due.get(stage)
        if due is not None and now < due:
            return
        try:
            pull(run)
        except CentralUnavailable as exc:
            run.note(exc)
            self._pull_failed(stage, now, exc.retry_after)
            if exc.network_down:
                raise _StopPass from exc
            return
        except DeskError as exc:
            # A refused or unusable pull must not block sending dossiers; it is retried later.
            log.warning("sync %s failed: %s", stage, exc)
            run.note(exc)
            self._pull_failed(stage, now, None)
            return
        self._failures.pop(stage, None)

    def _pull_failed(self, stage: str, now: datetime, retry_after: float | None) -> None:
        failures = self._failures.get(stage, 0)
        self._failures[stage] = failures + 1
        delay = retry_delay(failures, retry_after=retry_after, rng=self.rng)
        self._due[stage] = now + timedelta(seconds=delay)

    def _pull_catalogue(self, run: "_Pass") -> None:
        run.report(SyncProgress(STAGE_CATALOGUE, 0, 0))
        _, etag = self.store.load_catalogue()
        body, new_etag = self._call(run, self.client.get_catalogue, etag)
        if body is not None:
            self.store.save_catalogue(body, new_etag)
            log.info("catalogue %s saved (etag %s)", body.get("version"), new_etag)
        self._due[STAGE_CATALOGUE] = self.clock() + self.catalogue_every

    def _pull_calendar(self, run: "_Pass") -> None:
        run.report(SyncProgress(STAGE_CALENDAR, 0, 0))
        year = self.clock().year
        for y in (year, year + 1):
            overrides = self._call(run, self.client.get_calendar, y)
            self.store.save_calendar_overrides(y, overrides)
        self._due[STAGE_CALENDAR] = self.clock() + self.calendar_every

    def _top_up_leases(self, run: "_Pass") -> None:
        """Keep enough final codes on the desk for today and the next working day, offline included."""
        for day in self.lease_days():
            if self.store.unused_codes(self.agency_code, day) >= self.lease_threshold:
                continue
            run.report(SyncProgress(STAGE_LEASES, 0, 0))
            lease = self._call(run, self.client.lease_codes, day, self.lease_count)
            if lease.agency_code != self.agency_code:
                # Storing it would not raise this desk's count, so every pass would lease again.
                raise MalformedAnswer(
                    f"codes leased for agency {lease.agency_code}, this desk takes dossiers for {self.agency_code}"
                )
            self.store.add_code_lease(lease)
            log.info("leased codes %s %d-%d for %s", lease.agency_code, lease.first, lease.last, day)

    def _pull_changes(self, run: "_Pass") -> None:
        """Status changes of the site's dossiers (result ready, say), from a saved cursor.

        Bounded per pass so a desk back from a long outage catches up over a few passes
        instead of holding the sync thread for minutes.
        """
        cursor = self.store.load_cursor(CHANGES_CURSOR)
        for _ in range(self.changes_max_pages):
            run.check_cancel()
            run.report(SyncProgress(STAGE_CHANGES, 0, 0))
            items, next_cursor = self._call(run, self.client.list_dossiers, cursor, self.changes_page)
            self.store.apply_server_records(items, cursor_name=CHANGES_CURSOR, cursor=next_cursor)
            if len(items) < self.changes_page or next_cursor is None or next_cursor == cursor:
                return
            cursor = next_cursor

    def lease_days(self) -> tuple[date, date]:
        today = self.clock().date()
        calendar = WorkingCalendar(self.store.load_calendar_overrides())
        return today, calendar.add_working_days(today, 1)

    # ------------------------------------------------------------------ pushes

    def _push_outbox(self, run: "_Pass") -> None:
        tried: set[int] = set()
        total = 0
        while True:
            batch = [e for e in self.store.next_outbox_batch(self.clock(), self.batch_size) if e.id not in tried]
            if not batch:
                return
            total = max(total, run.done + len(batch))
            for entry in batch:
                run.check_cancel()
                tried.add(entry.id)
                run.report(SyncProgress(STAGE_OUTBOX, run.done, total))
                self._push_entry(entry, run, total)
                run.done += 1
                run.report(SyncProgress(STAGE_OUTBOX, run.done, total))

    def _push_entry(self, entry: OutboxItem, run: "_Pass", total: int) -> None:
        self.store.mark_outbox_sending(entry.id)
        try:
            if entry.kind == "blob":
                response = self._push_blob(entry, run, total)
            elif entry.kind == "dossier":
                response = self._push_dossier(entry, run)
            else:
                self.store.mark_outbox_held(entry.id, f"unknown outbox kind {entry.kind!r}")
                return
        except SyncCancelled as exc:
            self.store.mark_outbox_retry(entry.id, exc.english(), self.clock())
            run.note(exc)
            raise _StopPass from exc
        except _StopPass:
            # The session ended: the item is due again as soon as someone signs in.
            self.store.mark_outbox_retry(entry.id, run.error.english() if run.error else "", self.clock())
            raise
        except CentralUnavailable as exc:
            self._retry_later(entry, exc, exc.retry_after)
            # One failure says the link or the server is unwell: do not hammer it with the rest.
            raise _StopPass from exc
        except _NotRecorded as exc:
            log.error("outbox %d: answer not recorded: %s", entry.id, exc.error)
            run.note(exc.error)
            self._retry_later(entry, exc.error, None)
            return
        except HashMismatch as exc:
            log.warning("blob %s: server stored %s", exc.expected, exc.received)
            run.note(exc)
            self._retry_later(entry, exc, None)
            return
        except CentralRejected as exc:
            log.warning("outbox %d held: %s", entry.id, exc.reason)
            run.note(exc)
            self.store.mark_outbox_held(entry.id, exc.reason)
            return
        except DeskError as exc:
            # A local fault (the blob damaged on disk, a dossier record that no longer reads):
            # sending again cannot help, so a person must look.
            log.error("outbox %d held, local problem: %s", entry.id, exc)
            run.note(exc)
            self.store.mark_outbox_held(entry.id, exc.english())
            return
        self.store.mark_outbox_sent(entry.id, response)
        run.sent += 1

    def _push_blob(self, entry: OutboxItem, run: "_Pass", total: int) -> dict:
        sha256 = entry.sha256 or ""
        data = self.store.read_blob(sha256)

        def on_bytes(done: int, length: int) -> None:
            run.report(SyncProgress(STAGE_OUTBOX, run.done, total, done, length))

        echoed = self._call(run, self.client.upload_blob, sha256, data, progress=on_bytes, cancel=run.cancel)
        if echoed != sha256:
            # The client already compares; this guards the one promise the outbox relies on.
            raise HashMismatch(expected=sha256, received=echoed)
        return {"sha256": echoed}

    def _push_dossier(self, entry: OutboxItem, run: "_Pass") -> dict:
        wire = self.store.get_dossier(entry.client_id).to_wire()
        record = self._call(run, self.client.put_dossier, wire)
        try:
            self.store.apply_server_record(entry.client_id, record)
        except DeskError as exc:
            raise _NotRecorded(exc) from exc
        return record

    def _retry_later(self, entry: OutboxItem, exc: DeskError, retry_after: float | None) -> None:
        delay = retry_delay(entry.attempts, retry_after=retry_after, rng=self.rng)
        next_try = self.clock() + timedelta(seconds=delay)
        self.store.mark_outbox_retry(entry.id, exc.english(), next_try)


class _Pass:
    """Book-keeping of one run_once call."""

    def __init__(self, cancel: threading.Event | None, progress: Callable[[SyncProgress], None] | None) -> None:
        self.cancel = cancel
        self.progress = progress
        self.online: bool | None = None
        self.error: DeskError | None = None
        self.sent = 0
        self.done = 0

    def note(self, error: DeskError) -> None:
        # The first problem is usually the cause; a lost session outranks it because only
        # the officer can fix that.
        if self.error is None or (isinstance(error, AuthenticationFailed)
                                  and not isinstance(self.error, AuthenticationFailed)):
            self.error = error

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            self.note(SyncCancelled())
            raise _StopPass

    def report(self, progress: SyncProgress) -> None:
        if self.progress is not None:
            self.progress(progress)
