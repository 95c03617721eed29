"""SyncEngine: one pass of talking to the central system, run by the GUI's worker on a timer.

A pass pulls what is due (catalogue, calendar overrides, dossier-code leases), then pushes
the outbox in order: blobs before the dossiers that name them, a dossier before its status
events, fee records, reviews and prints (the store's batch order guarantees both). A pass
that reached the central system ends by sending the desk's new audit lines (the hash chain
the centre keeps a copy of) and reporting the desk's health, which brings back the
supervisors' commands for this desk (retry or discard a held entry). It never raises for a
network problem: the outcome is a ``SyncReport`` the status bar can show, and the outbox
itself remembers what is left and when to retry. A circuit breaker (``circuit.py``) keeps
a long outage from waking the network and the log every interval.

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
from desk_app.core.delivery import unconfirmed_sha256s
from desk_app.core.dossier_code import LEASE_DAYS_AHEAD, lease_target
from desk_app.core.messages import DeskError
from desk_app.core.timeutil import now_vn

from .backoff import retry_delay
from .circuit import CircuitBreaker
from .client import CentralClient
from .errors import (
    AttachmentsNotConfirmed,
    AuthenticationFailed,
    CentralError,
    CentralRejected,
    CentralUnavailable,
    HashMismatch,
    MalformedAnswer,
    SyncCancelled,
    SyncFault,
)
from .ports import OutboxItem, SyncStore

log = logging.getLogger(__name__)

STAGE_CATALOGUE = "catalogue"
STAGE_CALENDAR = "calendar"
STAGE_LEASES = "leases"
STAGE_OUTBOX = "outbox"
STAGE_CHANGES = "changes"
STAGE_HEALTH = "health"
STAGE_AUDIT = "audit"
# The store's name for the cursor of the site's dossier changes.
CHANGES_CURSOR = "dossiers"
# A 409 is normally a true conflict (replays are answered 200), but one can also be the
# loser of two concurrent replays; a few tries tell the two apart before a person is asked.
CONFLICT_TRIES = 3
# Answers that leave a file unconfirmed before a person is asked to look: a server that
# keeps losing what it was sent will not be cured by sending it a fourth time.
CONFIRM_TRIES = 3
# A review or print of a dossier the centre does not know yet is tried this many times
# before a person is asked: the dossier's own entry goes first, so a 404 that lasts means
# the dossier will not arrive (its entry was discarded) rather than that it is late.
NOT_AT_CENTRE_TRIES = 8
# Outbox kinds sent as one idempotent PUT of the record the store keeps under ref_id.
RECORD_KINDS = ("review", "print")
# Audit lines per request, and requests per pass: a desk back from a long outage catches up
# over a few passes instead of holding the sync thread.
AUDIT_BATCH = 200
AUDIT_BATCHES_PER_PASS = 10
# Days of history the lease size is taken from.
VOLUME_DAYS = 20


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
    pass_bytes: int = 0  # bytes of attachments sent so far in this pass


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
    bytes_sent: int = 0
    # Set while the circuit breaker keeps passes off the network: when the next one tries.
    next_try_at: datetime | None = None
    skipped: bool = False  # this pass did not touch the network (breaker open)


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
        lease_floor: int | None = None,
        batch_size: int = 50,
        changes_page: int = 200,
        changes_max_pages: int = 20,
        rng: random.Random | None = None,
        officer: str | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.desk_id = desk_id
        self.agency_code = agency_code
        self.clock = clock
        self.catalogue_every = catalogue_every
        self.calendar_every = calendar_every
        self.lease_floor = lease_floor
        self.batch_size = batch_size
        self.changes_page = changes_page
        self.changes_max_pages = changes_max_pages
        self.rng = rng or random.Random()
        # Who is signed in, for the supervisors' view of the counters (the health report).
        self.officer = officer
        # When each pull is next due and how often it failed in a row; in memory because a
        # restarted desk should simply pull everything once.
        self._due: dict[str, datetime] = {}
        self._failures: dict[str, int] = {}
        self.breaker = CircuitBreaker(rng=self.rng)

    # ------------------------------------------------------------------ the pass

    def run_once(
        self,
        cancel: threading.Event | None = None,
        progress: Callable[[SyncProgress], None] | None = None,
        *,
        force: bool = False,
    ) -> SyncReport:
        """One pass. ``force`` (the officer's "Send now") probes even while the breaker is open."""
        started = self.clock()
        if not self.breaker.allows(started, force=force):
            return self._report(_Pass(cancel, progress), skipped=True)
        run = _Pass(cancel, progress)
        try:
            # Only one pass runs at a time: an entry still "sending" is from one that ended.
            self.store.recover_interrupted_sends()
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
            run.check_cancel()
            if run.online:
                # Before the health report, so a network failure here is found and shown there.
                self._send_audit(run)
                # Last, so the report counts what this pass sent and held.
                self._report_health(run)
        except _StopPass:
            pass
        except DeskError as exc:
            # The desk's own disk failed (full, closed): report it like any other problem.
            log.error("sync pass stopped by a local error: %s", exc)
            run.note(exc)
        try:
            self.store.flush()  # the outbox marks queued during the pass
        except DeskError as exc:
            log.error("an outbox mark was not written: %s", exc)
            run.note(exc)
        self._update_breaker(run, started)
        report = self._report(run)
        log.info("sync pass: %s", report)
        return report

    def _update_breaker(self, run: "_Pass", now: datetime) -> None:
        if run.online is False:
            if self.breaker.failed(now, run.retry_after):
                log.warning("central system unreachable; passes paused until %s", self.breaker.open_until)
        elif run.online and self.breaker.succeeded():
            log.info("central system reachable again")

    def _report(self, run: "_Pass", *, skipped: bool = False) -> SyncReport:
        counts = self.store.outbox_counts()
        return SyncReport(
            online=False if skipped else bool(run.online),
            sent=run.sent,
            retrying=counts.get("retrying", 0),
            held=counts.get("held", 0),
            waiting=counts.get("waiting", 0) + counts.get("sending", 0),
            error=run.error,
            bytes_sent=run.bytes_sent,
            next_try_at=self.breaker.open_until,
            skipped=skipped,
        )

    def _call(self, run: "_Pass", fn: Callable, *args, **kwargs):
        """Every network call goes through here, so the pass knows whether the link is up."""
        try:
            result = fn(*args, **kwargs)
        except CentralUnavailable as exc:
            run.online = False
            run.note(exc)
            if exc.retry_after is not None:
                run.retry_after = max(run.retry_after or 0.0, exc.retry_after)
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

    def lease_target(self) -> int:
        """Unused final codes to hold per day, from this desk's busiest recent day."""
        volumes = [v.count for v in self.store.daily_volumes(VOLUME_DAYS, self.clock().date())]
        if self.lease_floor is None:
            return lease_target(volumes)
        return lease_target(volumes, floor=self.lease_floor)

    def _top_up_leases(self, run: "_Pass") -> None:
        """Keep enough final codes on the desk for today and the next working days, so an
        outage of days still prints final codes. Topped up when half the target is used,
        so a desk that is online now and then keeps its reserve full."""
        target = self.lease_target()
        for day in self.lease_days():
            unused = self.store.unused_codes(self.agency_code, day)
            if unused * 2 > target:
                continue
            run.report(SyncProgress(STAGE_LEASES, 0, 0))
            lease = self._call(run, self.client.lease_codes, day, target - unused)
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

    # ------------------------------------------------------------------ audit

    def _send_audit(self, run: "_Pass") -> None:
        """Send the audit lines the centre has not acknowledged yet, in order, a batch at a
        time, and remember how far it acknowledged (the store's ``audit_sent`` cursor). A crash
        between the answer and the mark sends those lines again, which the centre takes as a
        replay. Never the pass's problem: the officer can do nothing about it, so a refusal or
        a failure is logged and tried again later with backoff."""
        now = self.clock()
        due = self._due.get(STAGE_AUDIT)
        if due is not None and now < due:
            return
        lines: list[dict] = []
        try:
            for _ in range(AUDIT_BATCHES_PER_PASS):
                run.check_cancel()
                lines = self.store.unsent_audit(AUDIT_BATCH)
                if not lines:
                    break
                run.report(SyncProgress(STAGE_AUDIT, 0, 0))
                self.client.send_audit(self.desk_id, lines)
                self.store.mark_audit_sent(lines[-1]["id"])
                if len(lines) < AUDIT_BATCH:
                    break
        except CentralRejected as exc:
            held = exc.detail.get("last_id")
            if (exc.server_code == "audit_chain_broken" and isinstance(held, int) and not isinstance(held, bool)
                    and 0 <= held < lines[0]["id"] - 1):
                # The centre holds fewer lines than it acknowledged (restored from a backup):
                # the next pass sends it the rest from where its copy ends.
                log.warning("the central API holds audit lines up to %d only; sending again from there", held)
                try:
                    self.store.mark_audit_sent(held)
                except (DeskError, ValueError) as problem:
                    log.error("audit cursor not moved back to %d: %s", held, problem)
            else:
                log.error("audit lines from %s refused by the central API: %s %s", lines[0]["id"], exc.reason,
                          exc.server_message)
            self._pull_failed(STAGE_AUDIT, now, None)
            return
        except CentralUnavailable as exc:
            log.warning("audit lines not sent: %s", exc)
            self._pull_failed(STAGE_AUDIT, now, exc.retry_after)
            return
        except DeskError as exc:
            # A session that ended (the health report meets it too and says so), or the desk's
            # own disk; the lines stay unsent and go later.
            log.warning("audit lines not sent: %s", exc)
            self._pull_failed(STAGE_AUDIT, now, None)
            return
        self._failures.pop(STAGE_AUDIT, None)

    # ------------------------------------------------------------------ health

    def _report_health(self, run: "_Pass") -> None:
        """Tell the centre how this desk stands and carry out the supervisors' commands it
        answers with. The report is for supervisors, not for the officer at this desk: a
        refused or unreadable answer is logged and asked again later, never shown as the
        pass's problem; only a network failure counts, as it does for every other call."""
        now = self.clock()
        due = self._due.get(STAGE_HEALTH)
        if due is not None and now < due:
            return
        run.report(SyncProgress(STAGE_HEALTH, 0, 0))
        try:
            self.store.flush()  # the marks of this pass, so the counts reported are current
            report = self.store.health_report(now, officer=self.officer)
            carried = [str(done["command_id"]) for done in report.get("done_commands", ())]
            # Not through _call: a server error or an unreadable answer here says nothing
            # about the link the rest of the pass just used.
            commands = self.client.report_health(self.desk_id, report)
        except CentralUnavailable as exc:
            self._pull_failed(STAGE_HEALTH, now, exc.retry_after)
            if exc.network_down:
                run.online = False
                run.note(exc)
                if exc.retry_after is not None:
                    run.retry_after = max(run.retry_after or 0.0, exc.retry_after)
                raise _StopPass from exc
            log.warning("health report not taken: %s", exc)
            return
        except AuthenticationFailed as exc:
            run.note(exc)
            raise _StopPass from exc
        except DeskError as exc:
            log.warning("health report not sent: %s", exc)
            self._pull_failed(STAGE_HEALTH, now, None)
            return
        self._failures.pop(STAGE_HEALTH, None)
        for command in commands:
            try:
                outcome = self.store.apply_desk_command(command)
            except (DeskError, ValueError) as exc:
                # Left unrecorded, the command comes back with the next answer and is tried again.
                log.error("desk command %s not carried out: %s", command["command_id"], exc)
                continue
            log.info("desk command %s (%s entry %s by %s): %s", command["command_id"], command["action"],
                     command["entry_id"], command["issued_by"], outcome)
        try:
            self.store.mark_commands_reported(carried)
        except DeskError as exc:
            # The same outcomes go again with the next report; the centre takes them twice alike.
            log.error("reported commands not marked: %s", exc)

    def lease_days(self) -> tuple[date, ...]:
        today = self.clock().date()
        calendar = WorkingCalendar(self.store.load_calendar_overrides())
        return (today, *(calendar.add_working_days(today, n) for n in range(1, LEASE_DAYS_AHEAD + 1)))

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
                if self._push_dossier(entry, run):
                    run.sent += 1
                return  # recorded with its answer in one commit
            elif entry.kind == "event":
                response = self._push_event(entry, run)
            elif entry.kind == "fee":
                response = self._call(run, self.client.put_fee, entry.client_id,
                                      self.store.outbox_body("fee", entry.ref_id or ""))
            elif entry.kind in RECORD_KINDS:
                response = self._push_record(entry, run)
            else:
                self.store.mark_outbox_held(entry.id, f"unknown outbox kind {entry.kind!r}")
                return
        except SyncCancelled as exc:
            self.store.mark_outbox_retry(entry.id, exc, self.clock())
            run.note(exc)
            raise _StopPass from exc
        except _StopPass:
            # The session ended: the item is due again as soon as someone signs in.
            self.store.mark_outbox_retry(entry.id, run.error if run.error else "", self.clock())
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
            run.note(exc)
            if (entry.kind in RECORD_KINDS and exc.status == 404 and exc.server_code == "dossier_not_found"
                    and entry.attempts + 1 < NOT_AT_CENTRE_TRIES):
                log.warning("outbox %d: dossier %s not at the centre yet, will try again", entry.id, entry.client_id)
                self._retry_later(entry, exc, None)
                return
            if exc.status == 409 and entry.attempts + 1 < CONFLICT_TRIES:
                log.warning("outbox %d: conflict, will try again: %s", entry.id, exc.reason)
                self._retry_later(entry, exc, None)
                return
            log.warning("outbox %d held: %s", entry.id, exc.reason)
            self.store.mark_outbox_held(entry.id, exc)
            return
        except DeskError as exc:
            # A local fault (the blob damaged on disk, a dossier record that no longer reads):
            # sending again cannot help, so a person must look.
            log.error("outbox %d held, local problem: %s", entry.id, exc)
            run.note(exc)
            self.store.mark_outbox_held(entry.id, exc)
            return
        except Exception as exc:
            # A bug. The entry must not stay "sending" (nothing picks that state up until the
            # desk restarts): it is due again later, with the fault shown, and the pass ends.
            fault = SyncFault(type(exc).__name__)
            self._retry_later(entry, fault, None)
            raise
        self.store.mark_outbox_sent(entry.id, response)
        run.sent += 1

    def _push_blob(self, entry: OutboxItem, run: "_Pass", total: int) -> dict:
        sha256 = entry.sha256 or ""
        data = self.store.read_blob(sha256)

        before = run.bytes_sent

        def on_bytes(done: int, length: int) -> None:
            run.bytes_sent = before + done
            run.report(SyncProgress(STAGE_OUTBOX, run.done, total, done, length, run.bytes_sent))

        # The client asks the server how much it holds first: an attachment it already has
        # is not sent again, which costs one round trip per blob and saves the bytes.
        echoed = self._call(run, self.client.upload_blob, sha256, data, progress=on_bytes, cancel=run.cancel)
        if echoed != sha256:
            # The client already compares; this guards the one promise the outbox relies on.
            raise HashMismatch(expected=sha256, received=echoed)
        return {"sha256": echoed}

    def _push_dossier(self, entry: OutboxItem, run: "_Pass") -> bool:
        """Send the dossier; True once the central system confirmed it and all its files."""
        wire = self.store.dossier_for_sending(entry.client_id).to_wire()
        record = self._call(run, self.client.put_dossier, wire)
        missing = unconfirmed_sha256s(wire, record)
        try:
            if not missing:
                self.store.complete_dossier_send(entry.id, entry.client_id, record)
                return True
            # Sent but not proven received: the files go again (a file the server does hold
            # costs one question, not its bytes), then the dossier, whose answer must name them.
            problem = AttachmentsNotConfirmed(missing)
            log.warning("outbox %d: the answer does not confirm %s", entry.id, ", ".join(s[:12] for s in missing))
            run.note(problem)
            hold = entry.attempts + 1 >= CONFIRM_TRIES
            next_try = self.clock() + timedelta(seconds=retry_delay(entry.attempts, rng=self.rng))
            self.store.resend_unconfirmed(entry.id, entry.client_id, record, problem, missing,
                                          next_try_at=next_try, hold=hold)
            return False
        except DeskError as exc:
            raise _NotRecorded(exc) from exc

    def _push_event(self, entry: OutboxItem, run: "_Pass") -> dict:
        body = self.store.outbox_body("event", entry.ref_id or "")
        try:
            return self._call(run, self.client.post_event, entry.client_id, body)
        except CentralRejected as exc:
            # Two desks handed over the same result, or the back office got there first: the
            # central system already holds the status this event asked for, which is the goal.
            if exc.server_code == "illegal_transition" and exc.detail.get("from") == body["to_status"]:
                log.info("event %s: dossier already in status %s at the centre", body["event_id"], body["to_status"])
                return {"already": exc.detail}
            raise

    def _push_record(self, entry: OutboxItem, run: "_Pass") -> dict:
        ref_id = entry.ref_id or ""
        body = dict(self.store.outbox_body(entry.kind, ref_id))
        # The id names the record in the URL; the outbox's ref_id is that id.
        body.setdefault(f"{entry.kind}_id", ref_id)
        send = self.client.put_review if entry.kind == "review" else self.client.put_print
        return self._call(run, send, entry.client_id, body)

    def _retry_later(self, entry: OutboxItem, exc: DeskError, retry_after: float | None) -> None:
        delay = retry_delay(entry.attempts, retry_after=retry_after, rng=self.rng)
        next_try = self.clock() + timedelta(seconds=delay)
        self.store.mark_outbox_retry(entry.id, exc, next_try)


class _Pass:
    """Book-keeping of one run_once call."""

    def __init__(self, cancel: threading.Event | None, progress: Callable[[SyncProgress], None] | None) -> None:
        self.cancel = cancel
        self.progress = progress
        self.online: bool | None = None
        self.error: DeskError | None = None
        self.retry_after: float | None = None
        self.sent = 0
        self.done = 0
        self.bytes_sent = 0

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
