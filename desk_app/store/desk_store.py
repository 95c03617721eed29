"""DeskStore: everything the desk keeps on its own disk, behind one object.

Writes run on the single writer thread (``StoreWriter``) and the caller waits for them,
so a method that returns has committed; reads use short sessions on the caller's thread.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import uuid
from concurrent.futures import Future
from dataclasses import dataclass
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Iterator, Sequence, TypeVar

from sqlalchemy import Engine, delete, func, inspect, literal_column, select, update
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from desk_app.core.calendar import CalendarOverride
from desk_app.core.catalogue import Catalogue, UpstreamCheck
from desk_app.core.dossier import Dossier, DossierDataError, DossierStatus
from desk_app.core.delivery import portrait_delivery
from desk_app.core.dossier_code import CodeLease
from desk_app.core.fees import FeeKind, FeeRecord, FeeRecordError
from desk_app.core.identity import check_cccd_number
from desk_app.core.queue_query import QueueQuery
from desk_app.core.review import Review, ReviewAction, ReviewFlag, stored_flags
from desk_app.core.status_events import StatusEvent
from desk_app.core.messages import MESSAGE_CONTEXT, QT_TRANSLATE_NOOP, DeskError
from desk_app.core.timeutil import VN_TZ, now_vn, parse_rfc3339, to_rfc3339
from desk_app.core.upstream_checks import (
    DUE_STATES,
    CheckNotFound,
    CheckOutcome,
    CheckRecord,
    CheckState,
    CheckSummary,
)

from . import backup, codes, outbox, retention, supervisor_queries
from .audit_chain import GENESIS, ChainEntry, ChainVerdict, ChainVerifier, entry_hash, storable_details, storable_text
from .blob_keys import BlobKeyCipher
from .blobs import BlobStore, check_name, sha256_hex
from .database import enable_wal, reader_engine, writer_engine
from .errors import (
    AttachmentMismatch,
    DossierNotFound,
    EntryNotHeld,
    OutboxEntryNotFound,
    SealBroken,
    StoreError,
    StoreKeyMismatch,
    StoreRejected,
    StoreWriteError,
)
from .migrate import current_revision, upgrade_to_head
from .models import (
    AttachmentRow,
    AuditRow,
    BlobKeyRow,
    CalendarOverrideRow,
    CatalogueVersionRow,
    CitizenLookupRow,
    DeskCommandRow,
    DossierRow,
    DossierTermRow,
    DraftRow,
    FeeRecordRow,
    OutboxHistoryRow,
    OutboxRow,
    PrintRow,
    ReviewRow,
    StatusEventRow,
    StoreMetaRow,
    SyncCursorRow,
    UpstreamCheckRow,
)
from .records import (
    BLOB,
    DISCARDED,
    DOSSIER,
    EVENT,
    FEE,
    FINISHED_STATES,
    HELD,
    OUTBOX_STATES,
    PRINT_OUTCOMES,
    PRINT,
    PRINTED,
    REPRINT_REASON_MIN,
    RETRYING,
    REVIEW,
    SENDING,
    SENT,
    WAITING,
    AuditEntry,
    CitizenLookup,
    DailyVolume,
    DossierSummary,
    DraftSummary,
    OutboxEntry,
    OutboxEvent,
    PrintRecord,
    QueueFacets,
    QueueRow,
    StoredDraft,
    WaitingCounter,
)
from .sealing import Sealer
from .writer import StoreWriter

log = logging.getLogger(__name__)

DATABASE_NAME = "desk.sqlite3"
BLOBS_DIR = "blobs"
SYSTEM_ACTOR = "system"
# The health report's lists are bounded as the central API reads them.
HEALTH_HELD_ENTRIES = 200
HEALTH_DONE_COMMANDS = 200
DISCARD_REASON_MIN = 3
# What the desk keeps of a population register answer: what the citizen step shows.
CITIZEN_LOOKUP_FIELDS = ("cccd", "full_name", "date_of_birth", "sex", "permanent_address")
KEY_CHECK = "key_check"
KEY_CHECK_TEXT = b"one-stop desk store key"
BLOBS_SEALED = "blobs_sealed"

T = TypeVar("T")


class DeskStore:
    """The desk's local store: catalogue cache, code leases, dossiers, blobs, outbox, audit."""

    def __init__(self, data_dir: Path, *, key: bytes, clock: Callable[[], datetime] = now_vn) -> None:
        """``key``: the 32-byte store key from the OS keyring (``desk_app.store_key``), which
        seals every personal column and every blob's key."""
        self.data_dir = Path(data_dir)
        self.database_path = self.data_dir / DATABASE_NAME
        self._clock = clock
        self._sealer = Sealer(key)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreWriteError.of(exc) from exc
        self._blob_cipher = BlobKeyCipher(self._blob_key, self._keep_blob_key)
        self._blobs = BlobStore(self.data_dir / BLOBS_DIR, self._blob_cipher)
        self._pending: list[Future] = []
        # Moves on after every write, so what a read found can be kept until the next one.
        self._generation = 0
        self._search_memo = supervisor_queries.SearchMemo(lambda: self._generation)
        self._pending_lock = threading.Lock()
        self._writer = StoreWriter(writer_engine(self.database_path, self._sealer))
        self._reader = reader_engine(self.database_path, self._sealer)
        try:
            self._writer.call(self._open_database)
        except BaseException:
            self._writer.close()
            self._reader.dispose()
            raise

    # -- life cycle -------------------------------------------------------------------

    def _open_database(self) -> None:
        engine = self._writer.engine
        try:
            mode = enable_wal(engine)
            if mode != "wal":
                log.warning("SQLite refused WAL mode (journal_mode=%s); concurrent reads will wait on writes", mode)
            # Before any migration: one must never run (or seal a backup) with another key.
            self._check_kept_key(engine)
            upgrade_to_head(engine, self._sealer, before_migrating=self._back_up)
        except OperationalError as exc:
            raise StoreWriteError.because(_reason(exc)) from exc
        self._write(self._keep_key_check)
        self._write(self._recover_interrupted_sends)
        self._seal_clear_blobs()

    def _check_kept_key(self, engine: Engine) -> None:
        """Refuse another key when the file keeps a check value (files sealed since 0010)."""
        with engine.connect() as connection:
            if "store_meta" not in inspect(connection).get_table_names():
                return
            kept = connection.exec_driver_sql("SELECT value FROM store_meta WHERE name = ?", (KEY_CHECK,)).scalar()
            connection.rollback()
        if kept is not None:
            try:
                self._sealer.open(kept, "store_meta.key_check")
            except SealBroken:
                raise StoreKeyMismatch.here() from None

    def _back_up(self, revision: str) -> None:
        copy = backup.back_up(self.database_path, self.data_dir / backup.BACKUPS_DIR, self._sealer, revision,
                              self._clock())
        log.info("records of schema %s copied to %s before migrating", revision, copy.name)

    def _keep_key_check(self, session: Session) -> None:
        # A new file, or one just sealed by migration 0010, gets its check value; one that had
        # it was already checked, before any migration (_check_kept_key).
        if session.get(StoreMetaRow, KEY_CHECK) is None:
            session.add(StoreMetaRow(name=KEY_CHECK, value=self._sealer.seal(KEY_CHECK_TEXT, "store_meta.key_check")))

    def _seal_clear_blobs(self) -> None:
        """Seal, once, the blob files an older desk wrote in clear (migration 0010 sealed the
        database's columns; the files lie outside it). A clear file is one whose bytes hash
        to its name; it is replaced atomically by its sealed copy."""
        with self._read() as session:
            if session.get(StoreMetaRow, BLOBS_SEALED) is not None:
                return
        sealed = 0
        for sha256 in self._blobs.names():
            content = self._blobs.read_sealed(sha256)
            if sha256_hex(content) == sha256:
                self._blobs.replace(sha256, self._blob_cipher.seal(sha256, content))
                sealed += 1
        if sealed:
            log.info("sealed %d blob files written in clear by an earlier version", sealed)
        self._write(lambda session: session.merge(StoreMetaRow(name=BLOBS_SEALED, value=b"1")))

    def _blob_key(self, sha256: str) -> bytes | None:
        with self._read() as session:
            wrapped = session.scalar(select(BlobKeyRow.wrapped).where(BlobKeyRow.sha256 == sha256))
        return None if wrapped is None else self._sealer.unwrap_blob_key(wrapped, sha256)

    def _keep_blob_key(self, sha256: str, key: bytes) -> bytes:
        def work(session: Session) -> bytes:
            row = session.get(BlobKeyRow, sha256)
            if row is None:
                # Durable before the file is written: a sealed file must never outlive its key.
                row = BlobKeyRow(sha256=sha256, wrapped=self._sealer.wrap_blob_key(key, sha256), created_at=self._clock())
                session.add(row)
            return row.wrapped

        return self._sealer.unwrap_blob_key(self._write(work), sha256)

    def recover_interrupted_sends(self) -> None:
        """Make entries left "sending" due again (the engine calls it before each pass: only
        one pass runs at a time, so any such entry belongs to an attempt that ended)."""
        # Read first: almost every pass finds none, and need not take the write lock for it.
        with self._read() as session:
            if session.scalar(select(OutboxRow.id).where(OutboxRow.state == SENDING).limit(1)) is None:
                return
        self._write(self._recover_interrupted_sends, durable=False)

    def _recover_interrupted_sends(self, session: Session) -> None:
        # An entry left "sending" means the desk stopped mid-attempt; whether the server got
        # it is unknown, and every send is idempotent, so it is simply tried again.
        now = self._clock()
        for row in session.scalars(select(OutboxRow).where(OutboxRow.state == SENDING)):
            outbox.move(session, row, RETRYING, now, "interrupted: the desk stopped while sending", next_try_at=now)

    def close(self) -> None:
        """Finish every queued write, then release the database file."""
        try:
            self.flush()
        except DeskError as exc:
            log.warning("a queued outbox mark failed at close: %s", exc)
        try:
            self._writer.call(self._checkpoint)
        except DeskError:
            pass  # already closed
        self._writer.close()
        self._reader.dispose()

    def _checkpoint(self) -> None:
        # Folds the WAL back into the main file so a copy of desk.sqlite3 alone is complete.
        try:
            with self._writer.engine.connect() as connection:
                raw = connection.connection.dbapi_connection
                assert raw is not None
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except (OperationalError, sqlite3.Error, OSError) as exc:
            # The raw driver connection raises sqlite3's own errors (a full disk, say): the
            # WAL then simply stays, and the next opening folds it in.
            log.warning("WAL checkpoint failed: %s", exc)

    def __enter__(self) -> "DeskStore":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------

    def _write(self, work: Callable[[Session], T], *, durable: bool = True) -> T:
        try:
            return _as_store_error(lambda: self._writer.transaction(work, durable=durable))
        finally:
            self._generation += 1

    def _write_soon(self, work: Callable[[Session], object]) -> None:
        """Queue a non-durable bookkeeping write and return before it commits.

        For the sync engine's outbox marks: the next request goes out while the writer
        commits the last mark. Any read (``_read``) or ``flush`` waits for these first, so
        nobody reads around them; a failure surfaces there as the usual StoreError.
        """
        future = self._writer.transaction_soon(work, durable=False)
        future.add_done_callback(self._written)
        with self._pending_lock:
            self._pending.append(future)

    def _written(self, _future: Future) -> None:
        self._generation += 1

    def flush(self) -> None:
        """Wait for every queued write; raise the first that failed (as a StoreError)."""
        with self._pending_lock:
            pending, self._pending = self._pending, []
        first: DeskError | None = None
        for future in pending:
            try:
                _as_store_error(future.result)
            except DeskError as exc:
                first = first or exc
        if first is not None:
            raise first

    @contextmanager
    def _read(self) -> Iterator[Session]:
        if self._pending:
            self.flush()
        with Session(self._reader) as session, session.begin():
            yield session

    # -- catalogue / calendar cache ---------------------------------------------------

    def save_catalogue(self, catalogue_json: dict, etag: str | None) -> None:
        """Keep this version as the current one; earlier versions stay for old dossiers."""
        catalogue = Catalogue.from_dict(catalogue_json)  # a damaged catalogue never reaches the disk
        body = json.loads(json.dumps(catalogue_json))

        def work(session: Session) -> None:
            now = self._clock()
            session.execute(update(CatalogueVersionRow).values(is_current=False))
            row = session.get(CatalogueVersionRow, catalogue.version)
            if row is None:
                session.add(
                    CatalogueVersionRow(version=catalogue.version, etag=etag, body=body, fetched_at=now, is_current=True)
                )
            else:
                row.etag, row.body, row.fetched_at, row.is_current = etag, body, now, True
            self._add_audit(session, SYSTEM_ACTOR, "catalogue.saved", catalogue.version, {"etag": etag})

        self._write(work)

    def load_catalogue(self) -> tuple[Catalogue | None, str | None]:
        with self._read() as session:
            row = session.scalars(select(CatalogueVersionRow).where(CatalogueVersionRow.is_current.is_(True))).first()
            if row is None:
                return None, None
            return Catalogue.from_dict(row.body), row.etag

    def catalogue_json(self, version: str) -> dict | None:
        with self._read() as session:
            row = session.get(CatalogueVersionRow, version)
            return None if row is None else row.body

    def catalogue_versions(self) -> list[str]:
        """Every version kept, oldest fetch first."""
        with self._read() as session:
            return list(session.scalars(select(CatalogueVersionRow.version).order_by(CatalogueVersionRow.fetched_at)))

    def save_calendar_overrides(self, year: int, overrides: list[CalendarOverride]) -> None:
        """Replace the overrides of ``year`` with this list (the server's table is the truth)."""

        def work(session: Session) -> None:
            now = self._clock()
            session.execute(delete(CalendarOverrideRow).where(CalendarOverrideRow.year == year))
            session.flush()
            for override in overrides:
                session.merge(
                    CalendarOverrideRow(day=override.day, year=year, kind=override.kind, name=override.name, saved_at=now)
                )

        self._write(work)

    def load_calendar_overrides(self) -> list[CalendarOverride]:
        with self._read() as session:
            rows = session.scalars(select(CalendarOverrideRow).order_by(CalendarOverrideRow.day))
            return [CalendarOverride(row.day, row.kind, row.name) for row in rows]

    # -- dossier code leases ----------------------------------------------------------

    def add_code_lease(self, lease: CodeLease) -> None:
        def work(session: Session) -> None:
            if codes.add_lease(session, lease, self._clock()):
                self._add_audit(
                    session,
                    SYSTEM_ACTOR,
                    "code_lease.added",
                    lease.lease_id,
                    {"agency_code": lease.agency_code, "day": lease.day.isoformat(), "first": lease.first, "last": lease.last},
                )

        self._write(work)

    def unused_codes(self, agency_code: str, day: date) -> int:
        with self._read() as session:
            return codes.unused_count(session, agency_code, day)

    # -- blobs ------------------------------------------------------------------------
    # Blob files are written on the caller's thread: they are not part of the database,
    # each is complete-or-absent by rename, and the same bytes always land at the same name,
    # so two threads writing one blob cannot spoil it.

    def put_blob(self, data: bytes) -> str:
        return self._blobs.put(data)

    def read_blob(self, sha256: str) -> bytes:
        return self._blobs.read(sha256)

    def blob_path(self, sha256: str) -> Path:
        """Where the blob's sealed file lies (for checks of the disk; its bytes open only here)."""
        return self._blobs.path(sha256)

    # -- dossiers ---------------------------------------------------------------------

    def save_new_dossier(
        self,
        dossier: Dossier,
        blobs: Mapping[str, bytes],
        *,
        fees: Sequence[FeeRecord] = (),
        draft_id: str | None = None,
        seal: Callable[[Dossier], Dossier] | None = None,
    ) -> Dossier:
        """Write first, then act: blobs to disk, then one transaction for all the rest.

        ``fees`` are the payments taken with the dossier at the counter: they commit with
        it (a dossier is never saved without the money recorded for it, nor the other way
        round) and are queued after it. The draft it was typed in (``draft_id``) goes in
        the same commit, so a dossier is never both saved and still waiting as a draft.
        Saving a client_id that is already stored changes nothing and returns the stored
        dossier, so "save again" after an unclear failure never makes a second dossier.
        ``seal`` adds the receipt seal once the code is chosen (it signs the code), inside
        the same transaction, so the dossier is never stored or sent without it.
        """
        for fee in fees:
            if fee.client_id != dossier.client_id or fee.kind is not FeeKind.PAYMENT:
                raise FeeRecordError(QT_TRANSLATE_NOOP("DeskError", "A fee taken with a dossier must be a payment for it."))
        self._write_attachment_blobs(dossier, blobs)
        received_day = dossier.received_at.astimezone(VN_TZ).date()

        def work(session: Session) -> Dossier:
            existing = session.get(DossierRow, dossier.client_id)
            if existing is not None:
                if draft_id is not None:
                    _draft_became(session, draft_id, dossier.client_id, self._clock())
                return Dossier.from_wire(existing.wire)
            now = self._clock()
            choice = codes.choose_code(
                session,
                agency_code=dossier.site_code,
                day=received_day,
                desk_id=dossier.desk_id,
                client_id=dossier.client_id,
                now=now,
            )
            saved = dossier.with_code(choice.code, choice.provisional)
            if seal is not None:
                saved = seal(saved)
            self._add_dossier_row(session, _dossier_row(
                saved, procedure_name=self._procedure_name(session, saved), origin="desk", now=now,
                cccd_index=self._cccd_index(saved.applicant.cccd)))
            choice.record(session)
            for position, attachment in enumerate(saved.attachments):
                session.add(
                    AttachmentRow(
                        client_id=saved.client_id,
                        position=position,
                        sha256=attachment.sha256,
                        kind=attachment.kind,
                        filename=attachment.filename,
                        media_type=attachment.media_type,
                        size=attachment.size,
                    )
                )
            session.flush()
            queued: set[str] = set()
            for attachment in saved.attachments:
                if attachment.sha256 in queued or outbox.blob_entry_exists(session, attachment.sha256):
                    continue
                outbox.enqueue(session, kind=BLOB, client_id=saved.client_id, sha256=attachment.sha256, now=now)
                queued.add(attachment.sha256)
            outbox.enqueue(session, kind=DOSSIER, client_id=saved.client_id, sha256=None, now=now)
            for fee in fees:
                self._add_fee(session, fee, now)
            if draft_id is not None:
                _draft_became(session, draft_id, saved.client_id, now)
            self._add_audit(
                session,
                saved.officer_username,
                "dossier.saved",
                saved.client_id,
                {
                    "code": saved.code,
                    "code_provisional": saved.code_provisional,
                    "procedure_code": saved.procedure_code,
                    "status": int(saved.status),
                    "attachments": [a.sha256 for a in saved.attachments],
                },
            )
            return saved

        return self._write(work)

    def _write_attachment_blobs(self, dossier: Dossier, blobs: Mapping[str, bytes]) -> None:
        # Everything is checked before anything is written, so a bad attachment changes nothing.
        for claimed, data in blobs.items():
            check_name(claimed)
            actual = sha256_hex(data)
            if actual != claimed:
                raise AttachmentMismatch.wrong_hash(claimed, actual)
        for attachment in dossier.attachments:
            check_name(attachment.sha256)
            data = blobs.get(attachment.sha256)
            if data is None:
                if not self._blobs.holds(attachment.sha256):
                    raise AttachmentMismatch.missing(attachment.sha256, attachment.filename)
                continue
            if len(data) != attachment.size:
                raise AttachmentMismatch.wrong_size(attachment.filename, attachment.size, len(data))
        for data in blobs.values():
            self._blobs.put(data)

    def _procedure_name(self, session: Session, dossier: Dossier) -> str:
        # The name as the dossier's own catalogue version had it; the listing needs it even
        # after the procedure is renamed or withdrawn from newer catalogues.
        candidates = [session.get(CatalogueVersionRow, dossier.catalogue_version)]
        candidates.append(session.scalars(select(CatalogueVersionRow).where(CatalogueVersionRow.is_current.is_(True))).first())
        for row in candidates:
            if row is None:
                continue
            for procedure in row.body.get("procedures", ()):
                if isinstance(procedure, dict) and procedure.get("code") == dossier.procedure_code:
                    return str(procedure.get("name", dossier.procedure_code))
        return dossier.procedure_code

    def get_dossier(self, client_id: str) -> Dossier:
        with self._read() as session:
            row = session.get(DossierRow, client_id)
            if row is None:
                raise DossierNotFound.of(client_id)
            return Dossier.from_wire(row.wire)

    def dossiers_received(self, first: date, last: date) -> tuple[list[Dossier], list[StatusEvent]]:
        """The dossiers received from ``first`` to ``last`` (Vietnam days, both included),
        oldest first, with their hand-overs (status events into "handed over"): what the
        dossier ledger (sổ theo dõi) lists, read in two queries."""
        with self._read() as session:
            rows = session.scalars(
                select(DossierRow).where(DossierRow.received_day.between(first, last))
                .order_by(DossierRow.received_at, DossierRow.code)
            ).all()
            dossiers = [Dossier.from_wire(row.wire) for row in rows]
            handed_over = session.scalars(
                select(StatusEventRow)
                .join(DossierRow, DossierRow.client_id == StatusEventRow.client_id)
                .where(DossierRow.received_day.between(first, last),
                       StatusEventRow.to_status == int(DossierStatus.HANDED_OVER))
            ).all()
            events = [_status_event(row) for row in handed_over]
        return dossiers, events

    def list_dossiers(self, day: date | None = None, *, also_statuses: Iterable[int] = (),
                      returned_to: str | None = None) -> list[DossierSummary]:
        """Dossiers newest first: all of them, or those received on ``day`` (Vietnam time)
        together with any in ``also_statuses`` whatever their day (results waiting to be
        handed over, say) and any a supervisor returned to the officer ``returned_to``."""
        entry = select(OutboxRow.client_id, OutboxRow.state).where(OutboxRow.kind == DOSSIER).subquery()
        statement = (
            select(DossierRow, entry.c.state)
            .outerjoin(entry, entry.c.client_id == DossierRow.client_id)
            .order_by(DossierRow.received_at.desc(), DossierRow.code)
        )
        if day is not None:
            extra = [int(s) for s in also_statuses]
            condition = DossierRow.received_day == day
            if extra:
                condition = condition | DossierRow.status.in_(extra)
            if returned_to is not None:
                condition = condition | ((DossierRow.review_action == ReviewAction.RETURN.value)
                                         & (DossierRow.officer_username == returned_to))
            statement = statement.where(condition)
        return self._summaries(statement)

    def _summaries(self, statement) -> list[DossierSummary]:  # noqa: ANN001 - select(DossierRow, state)
        with self._read() as session:
            return [
                DossierSummary(
                    client_id=row.client_id,
                    code=row.code,
                    code_provisional=row.code_provisional,
                    procedure_code=row.procedure_code,
                    procedure_name=row.procedure_name,
                    applicant_name=row.applicant_name,
                    status=row.status,
                    received_at=row.received_at,
                    due_at=row.due_at,
                    sync_state=state or SENT,
                    portrait=portrait_delivery(row.wire, row.server_record),
                    returned_note=row.review_note if row.review_action == ReviewAction.RETURN.value else None,
                    returned_by=row.reviewed_by if row.review_action == ReviewAction.RETURN.value else None,
                )
                for row, state in session.execute(statement)
            ]

    def apply_server_record(self, client_id: str, record: dict) -> None:
        """Take what the central API says about a dossier: its final code, status, receipt time.

        A record for a dossier this desk does not hold (taken at another desk of the site)
        is stored when it carries the full dossier body, so the site's queues are complete.
        """
        parsed = _parse_server_record(record)
        self._write(lambda session: self._apply_record(session, client_id, parsed))

    def apply_server_records(self, records: Iterable[dict], *, cursor_name: str, cursor: str | None) -> int:
        """Apply a page of pulled records and move the pull's cursor, in one transaction.

        A crash in between can then never leave the cursor past a change the desk did not
        keep; a record that cannot be read stops the page before anything is written.
        """
        parsed = []
        for record in records:
            client_id = record.get("client_id") if isinstance(record, dict) else None
            if not isinstance(client_id, str):
                raise DossierDataError(
                    QT_TRANSLATE_NOOP("DeskError", "A dossier record is malformed ({problem})."), problem="no client_id"
                )
            parsed.append((client_id, _parse_server_record(record)))

        def work(session: Session) -> int:
            for client_id, item in parsed:
                self._apply_record(session, client_id, item)
            if cursor is not None:
                row = session.get(SyncCursorRow, cursor_name)
                if row is None:
                    session.add(SyncCursorRow(name=cursor_name, value=cursor, updated_at=self._clock()))
                else:
                    row.value, row.updated_at = cursor, self._clock()
            return len(parsed)

        return self._write(work)

    def load_cursor(self, name: str) -> str | None:
        with self._read() as session:
            row = session.get(SyncCursorRow, name)
            return row.value if row is not None else None

    def _apply_record(self, session: Session, client_id: str, parsed: "_ServerRecord") -> None:
        now = self._clock()
        row = session.get(DossierRow, client_id)
        if row is None:
            if parsed.full_body is None:
                raise DossierNotFound.of(client_id)
            new_row = _dossier_row(parsed.full_body, procedure_name=self._procedure_name(session, parsed.full_body),
                                   origin="central", now=now, cccd_index=self._cccd_index(parsed.full_body.applicant.cccd))
            new_row.server_received_at = parsed.server_received_at
            new_row.server_record = parsed.stored
            new_row.review_flags |= int(parsed.flags)
            self._add_dossier_row(session, new_row)
            self._learn_review(session, new_row, parsed.review)
            self._add_audit(session, SYSTEM_ACTOR, "dossier.pulled", client_id, {"code": parsed.full_body.code, "status": int(parsed.full_body.status)})
            return
        wire = dict(row.wire)
        changes: dict[str, Any] = {}
        if parsed.code and parsed.code != row.code:
            changes["code"] = [row.code, parsed.code]
            row.code = wire["code"] = parsed.code
        if parsed.provisional is not None and bool(parsed.provisional) != row.code_provisional:
            changes["code_provisional"] = [row.code_provisional, bool(parsed.provisional)]
            row.code_provisional = wire["code_provisional"] = bool(parsed.provisional)
        if parsed.status is not None and parsed.status != row.status and not self._local_move_pending(session, client_id):
            changes["status"] = [row.status, parsed.status]
            row.status = wire["status"] = parsed.status
        if parsed.server_received_at is not None:
            row.server_received_at = parsed.server_received_at
        row.wire = wire
        row.server_record = parsed.stored
        row.updated_at = now
        # Flags only add up: a refund made here may not have reached the feed yet.
        row.review_flags |= int(parsed.flags)
        self._learn_review(session, row, parsed.review)
        if changes:
            self._add_audit(session, SYSTEM_ACTOR, "dossier.server_update", client_id, changes)

    def _cccd_index(self, cccd: str | None) -> str | None:
        return self._sealer.blind("cccd", cccd) if cccd else None

    def _add_dossier_row(self, session: Session, row: DossierRow) -> None:
        """Insert a dossier with the blind terms it is searched by (the queues' name and
        CCCD search: its name and CCCD themselves are sealed)."""
        session.add(row)
        session.flush()
        rowid = session.scalar(select(literal_column("rowid")).select_from(DossierRow)
                               .where(DossierRow.client_id == row.client_id))
        terms = self._sealer.dossier_terms(row.applicant_name, row.applicant_cccd)
        if terms:
            session.execute(DossierTermRow.__table__.insert(), [{"term": t, "dossier_rowid": rowid} for t in terms])

    @staticmethod
    def _learn_review(session: Session, row: DossierRow, review: Review | None) -> None:
        """Keep a decision the feed reports (taken here or at another desk), never sent back."""
        if review is None:
            return
        if session.get(ReviewRow, review.review_id) is None:
            session.add(_review_row(review, row.client_id))
        _show_review(row, review)

    @staticmethod
    def _local_move_pending(session: Session, client_id: str) -> bool:
        # A hand-over made here and not yet sent is newer than what the server says; its
        # answer settles the status once it is delivered.
        return session.scalar(
            select(OutboxRow.id).where(OutboxRow.client_id == client_id, OutboxRow.kind == EVENT,
                                       OutboxRow.state.not_in(FINISHED_STATES))
        ) is not None

    def dossier_for_sending(self, client_id: str) -> Dossier:
        """The dossier as it was taken, which is what the central API receives first.

        Moves made here afterwards (a withdrawal, say) travel as their own events, so the
        body carries the status before the first of them; the code is the current one (the
        central API answers a body with the final code it gave as a replay).
        """
        with self._read() as session:
            row = session.get(DossierRow, client_id)
            if row is None:
                raise DossierNotFound.of(client_id)
            first_move = session.scalars(
                select(StatusEventRow.from_status).where(StatusEventRow.client_id == client_id)
                .order_by(StatusEventRow.at, StatusEventRow.event_id)
            ).first()
            wire = dict(row.wire)
        if first_move is not None:
            wire["status"] = first_move
        return Dossier.from_wire(wire)

    def procedure_usage(self, days: int = 90, today: date | None = None) -> dict[str, int]:
        """How many dossiers of each procedure this desk took in the last ``days`` days: the
        procedure list puts the desk's usual ones first."""
        today = today or self._clock().astimezone(VN_TZ).date()
        first = date.fromordinal(today.toordinal() - days + 1)
        with self._read() as session:
            rows = session.execute(
                select(DossierRow.procedure_code, func.count())
                .where(DossierRow.origin == "desk", DossierRow.received_day >= first)
                .group_by(DossierRow.procedure_code)
            )
            return {code: count for code, count in rows}

    # -- the supervisor's queues ----------------------------------------------------------

    def queue_count(self, query: QueueQuery, now: datetime | None = None) -> int:
        """How many dossiers of the site ``query`` finds (LATE judged at ``now``, default the clock)."""
        with self._read() as session:
            return supervisor_queries.count(session, self._sealer, query, now or self._clock(), self._search_memo)

    def queue_page(self, query: QueueQuery, offset: int, limit: int, now: datetime | None = None) -> list[QueueRow]:
        """``limit`` dossiers from ``offset`` in the query's order (ties by storage order)."""
        with self._read() as session:
            return supervisor_queries.page(session, self._sealer, query, offset, limit, now or self._clock(),
                                           self._search_memo)

    def queue_facets(self) -> QueueFacets:
        """The procedures and officers named by the dossiers held, for the queue's filters."""
        with self._read() as session:
            return supervisor_queries.facets(session)

    # -- drafts: intakes not yet saved ---------------------------------------------------

    def save_draft(
        self,
        draft_id: str,
        *,
        officer_username: str,
        citizen_name: str,
        procedure_code: str | None,
        body: Mapping[str, Any],
        portrait: bytes | None = None,
        parked: bool = False,
        attachments: Iterable[bytes] = (),
    ) -> None:
        """Keep (or replace) a draft. Durable: it must come back after a power cut.

        ``attachments`` are the scans' bytes, kept in the blob folder (content-addressed, so
        writing the same scan again costs a hash); ``body`` names them by SHA-256."""
        stored_body = json.loads(json.dumps(dict(body)))
        portrait_sha = self._blobs.put(portrait) if portrait else None
        for data in attachments:
            self._blobs.put(data)

        def work(session: Session) -> None:
            now = self._clock()
            row = session.get(DraftRow, draft_id)
            if row is None:
                row = DraftRow(draft_id=draft_id, created_at=now)
                session.add(row)
            row.officer_username = officer_username
            row.citizen_name = citizen_name[:200]
            row.procedure_code = procedure_code
            row.parked = parked
            row.body = stored_body
            row.portrait_sha256 = portrait_sha
            row.updated_at = now

        self._write(work)

    def drafts(self, officer_username: str | None = None) -> list[DraftSummary]:
        """Unfinished intakes, the most recently touched first."""
        statement = select(DraftRow).order_by(DraftRow.updated_at.desc())
        if officer_username is not None:
            statement = statement.where(DraftRow.officer_username == officer_username)
        with self._read() as session:
            return [DraftSummary(r.draft_id, r.officer_username, r.citizen_name, r.procedure_code, r.parked, r.updated_at)
                    for r in session.scalars(statement)]

    def load_draft(self, draft_id: str) -> StoredDraft | None:
        with self._read() as session:
            row = session.get(DraftRow, draft_id)
            if row is None:
                return None
            body, sha = dict(row.body), row.portrait_sha256
        attachments: dict[str, bytes] = {}
        for item in body.get("scans") or ():
            wanted = item.get("sha256") if isinstance(item, dict) else None
            if not isinstance(wanted, str):
                continue
            try:
                attachments[wanted] = self._blobs.read(wanted)  # checked against its hash on reading
            except StoreError:
                continue  # what cannot be read back is left out: the officer attaches that page again
        return StoredDraft(draft_id, body, self._blobs.read(sha) if sha else None, attachments)

    def discard_draft(self, draft_id: str, actor: str = SYSTEM_ACTOR) -> None:
        """Forget a draft (the officer cancelled it) and the checks started for it, audited;
        its portrait and scans are shredded unless a dossier or another draft uses them."""

        def work(session: Session) -> list[str]:
            row = session.get(DraftRow, draft_id)
            if row is None:
                return []
            held = retention.scan_hashes(row.body) | ({row.portrait_sha256} if row.portrait_sha256 else set())
            session.delete(row)
            session.execute(delete(UpstreamCheckRow).where(UpstreamCheckRow.draft_id == draft_id,
                                                           UpstreamCheckRow.client_id.is_(None)))
            session.flush()
            unused = retention.unused_blobs(session, held, retention.draft_blobs(session))
            retention.delete_blob_keys(session, unused)
            self._add_audit(session, actor, "draft.discarded", draft_id, {"blobs_shredded": len(unused)})
            return unused

        for sha256 in self._write(work):
            self._blobs.remove(sha256)

    # -- status events and fee records taken at the desk -------------------------------

    def record_status_event(
        self,
        client_id: str,
        to_status: int,
        *,
        actor: str,
        reason: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> StatusEvent:
        """Move the dossier here at once and queue the move for the central API, in one commit.

        Refused (``IllegalTransition``, ``ReasonRequired``) when the rules do not allow it.
        """
        stored_details = json.loads(json.dumps(dict(details or {})))

        def work(session: Session) -> StatusEvent:
            row = session.get(DossierRow, client_id)
            if row is None:
                raise DossierNotFound.of(client_id)
            now = self._clock()
            event = StatusEvent.new(client_id, DossierStatus(row.status), DossierStatus(to_status), at=now, actor=actor,
                                    reason=reason, details=stored_details)
            session.add(StatusEventRow(event_id=event.event_id, client_id=client_id, from_status=int(event.from_status),
                                       to_status=int(event.to_status), reason=event.reason, details=stored_details,
                                       actor=actor, at=now))
            row.status = int(event.to_status)
            row.wire = {**row.wire, "status": int(event.to_status)}
            row.updated_at = now
            outbox.enqueue(session, kind=EVENT, client_id=client_id, sha256=None, now=now, ref_id=event.event_id)
            self._add_audit(session, actor, "dossier.status", client_id,
                            {"from": int(event.from_status), "to": int(event.to_status), "event_id": event.event_id,
                             "reason": event.reason})
            return event

        return self._write(work)

    def record_fee(self, record: FeeRecord) -> FeeRecord:
        """Keep a fee payment or refund and queue it for the central API, in one commit.

        A refund must give back part or all of a payment of the same dossier, and the
        refunds of one payment never add up to more than it.
        """

        def work(session: Session) -> FeeRecord:
            if session.get(DossierRow, record.client_id) is None:
                raise DossierNotFound.of(record.client_id)
            if session.get(FeeRecordRow, record.fee_id) is not None:
                return record  # the same record saved twice (a double click): keep one
            if record.kind is FeeKind.REFUND:
                payment = session.get(FeeRecordRow, record.refers_to)
                if payment is None or payment.kind != FeeKind.PAYMENT.value or payment.client_id != record.client_id:
                    raise FeeRecordError(QT_TRANSLATE_NOOP("DeskError", "A refund must name a payment of the same dossier."))
                refunded = session.scalar(
                    select(func.coalesce(func.sum(FeeRecordRow.amount), 0)).where(FeeRecordRow.refers_to == payment.fee_id)
                ) or 0
                if refunded + record.amount > payment.amount:
                    raise FeeRecordError(
                        QT_TRANSLATE_NOOP("DeskError", "Only {left} đồng of this payment is left to refund."),
                        left=payment.amount - refunded,
                    )
            self._add_fee(session, record, self._clock())
            return record

        return self._write(work)

    def _add_fee(self, session: Session, record: FeeRecord, now: datetime) -> None:
        session.add(FeeRecordRow(fee_id=record.fee_id, client_id=record.client_id, kind=record.kind.value,
                                 amount=record.amount, method=record.method.value,
                                 receipt_number=record.receipt_number, refers_to=record.refers_to,
                                 wire=record.to_wire(), recorded_at=record.recorded_at))
        outbox.enqueue(session, kind=FEE, client_id=record.client_id, sha256=None, now=now, ref_id=record.fee_id)
        if record.kind is FeeKind.REFUND:
            _raise_flags(session, record.client_id, ReviewFlag.REFUND)
        self._add_audit(session, record.officer_username, f"fee.{record.kind.value}", record.client_id,
                        {"fee_id": record.fee_id, "amount": record.amount, "method": record.method.value,
                         "receipt_number": record.receipt_number, "reason": record.reason})

    def fee_records(self, client_id: str) -> list[FeeRecord]:
        with self._read() as session:
            rows = session.scalars(
                select(FeeRecordRow).where(FeeRecordRow.client_id == client_id).order_by(FeeRecordRow.recorded_at)
            )
            return [FeeRecord.from_wire(row.wire) for row in rows]

    def status_events(self, client_id: str) -> list[StatusEvent]:
        with self._read() as session:
            rows = session.scalars(
                select(StatusEventRow).where(StatusEventRow.client_id == client_id).order_by(StatusEventRow.at)
            )
            return [_status_event(row) for row in rows]

    def outbox_body(self, kind: str, ref_id: str) -> dict:
        """What an event, fee, review or print entry sends: the same bytes on every try."""
        with self._read() as session:
            if kind == EVENT:
                event = session.get(StatusEventRow, ref_id)
                if event is not None:
                    return {"event_id": event.event_id, "to_status": event.to_status, "reason": event.reason,
                            "details": event.details or {}}
            elif kind == FEE:
                fee = session.get(FeeRecordRow, ref_id)
                if fee is not None:
                    return dict(fee.wire)
            elif kind == REVIEW:
                review = session.get(ReviewRow, ref_id)
                if review is not None:
                    return _review(review).to_wire()
            elif kind == PRINT:
                printed = session.get(PrintRow, ref_id)
                if printed is not None:
                    return _print_wire(printed)
        raise OutboxEntryNotFound.of(ref_id)

    def daily_volumes(self, days: int, today: date | None = None) -> list[DailyVolume]:
        """Dossiers taken at this desk per day over the last ``days`` days (today included)."""
        today = today or self._clock().astimezone(VN_TZ).date()
        first = date.fromordinal(today.toordinal() - days + 1)
        with self._read() as session:
            rows = session.execute(
                select(DossierRow.received_day, func.count())
                .where(DossierRow.origin == "desk", DossierRow.received_day >= first, DossierRow.received_day <= today)
                .group_by(DossierRow.received_day)
            )
            return [DailyVolume(day, count) for day, count in rows]

    # -- outbox -----------------------------------------------------------------------
    # The engine's marks (sending, sent, retrying, a dossier's answer) commit without
    # waiting for the disk: a drain makes several per dossier, each fsync cost more than
    # the network on a fast link, and a mark lost to a power cut only means the entry is
    # sent again, which every endpoint answers the same. Held entries, and everything an
    # officer saves, stay durable. The sending, sent and retry marks are also queued
    # without waiting (``_write_soon``), so the next request overlaps their commit.

    def next_outbox_batch(self, now: datetime, limit: int = 50) -> list[OutboxEntry]:
        """Due entries in creation order: waiting ones, and retrying ones whose time has come.
        A dossier entry is left out while a blob it attaches is not yet sent."""
        with self._read() as session:
            return [outbox.to_entry(row) for row in outbox.due_entries(session, now, limit)]

    def mark_outbox_sending(self, entry_id: int) -> None:
        def work(session: Session) -> None:
            row = outbox.get_entry(session, entry_id)
            outbox.move(session, row, SENDING, self._clock(), None, attempts=row.attempts + 1)

        self._write_soon(work)

    def mark_outbox_sent(self, entry_id: int, response: dict | None) -> None:
        stored = None if response is None else json.loads(json.dumps(response))

        def work(session: Session) -> None:
            row = outbox.get_entry(session, entry_id)
            outbox.move(session, row, SENT, self._clock(), None, response=stored, last_error=None, problem=None,
                        next_try_at=None)

        self._write_soon(work)

    def mark_outbox_retry(self, entry_id: int, error: DeskError | str, next_try_at: datetime) -> None:
        text, problem = _problem(error)

        def work(session: Session) -> None:
            row = outbox.get_entry(session, entry_id)
            outbox.move(session, row, RETRYING, self._clock(), text, last_error=text, problem=problem,
                        next_try_at=next_try_at)

        self._write_soon(work)

    def mark_outbox_held(self, entry_id: int, reason: DeskError | str) -> None:
        text, problem = _problem(reason)

        def work(session: Session) -> None:
            row = outbox.get_entry(session, entry_id)
            outbox.move(session, row, HELD, self._clock(), text, last_error=text, problem=problem, next_try_at=None)
            self._add_audit(session, SYSTEM_ACTOR, "outbox.held", row.client_id, {"entry_id": entry_id, "kind": row.kind, "reason": text})

        self._write(work)

    def complete_dossier_send(self, entry_id: int, client_id: str, record: dict) -> None:
        """Take the central API's answer for a dossier and mark its entry sent, in one commit,
        so a crash cannot leave the final code applied and the entry still to send, or the
        other way round."""
        parsed = _parse_server_record(record)

        def work(session: Session) -> None:
            self._apply_record(session, client_id, parsed)
            row = outbox.get_entry(session, entry_id)
            outbox.move(session, row, SENT, self._clock(), None, response=parsed.stored, last_error=None,
                        problem=None, next_try_at=None)

        self._write(work, durable=False)

    def resend_unconfirmed(self, entry_id: int, client_id: str, record: dict, problem: DeskError,
                           sha256s: Sequence[str], *, next_try_at: datetime, hold: bool) -> None:
        """The central system answered the dossier without confirming some of its files: take
        what it did say (code, status), send those files again, and try the dossier again
        after them, in one commit. With ``hold``, the tries are used up and the dossier entry
        waits for a supervisor instead."""
        parsed = _parse_server_record(record)
        text, translatable = _problem(problem)

        def work(session: Session) -> None:
            self._apply_record(session, client_id, parsed)
            now = self._clock()
            for sha in sha256s:
                blob = session.scalar(select(OutboxRow).where(OutboxRow.kind == BLOB, OutboxRow.sha256 == sha))
                if blob is not None and blob.state == SENT:
                    outbox.reopen_blob(session, blob, now, text, last_error=text, problem=translatable)
            row = outbox.get_entry(session, entry_id)
            if hold:
                outbox.move(session, row, HELD, now, text, last_error=text, problem=translatable, next_try_at=None,
                            response=parsed.stored)
                self._add_audit(session, SYSTEM_ACTOR, "outbox.held", client_id,
                                {"entry_id": entry_id, "kind": row.kind, "reason": text})
            else:
                outbox.move(session, row, RETRYING, now, text, last_error=text, problem=translatable,
                            next_try_at=next_try_at, response=parsed.stored)
            self._add_audit(session, SYSTEM_ACTOR, "attachments.resent", client_id, {"sha256": list(sha256s)})

        self._write(work, durable=False)

    def requeue_outbox(self, entry_id: int, actor: str) -> None:
        """A supervisor sends a held entry again (after fixing what the server refused)."""

        self._write(lambda session: self._release(session, outbox.get_entry(session, entry_id), actor))

    def _release(self, session: Session, row: OutboxRow, actor: str, command_id: str | None = None) -> None:
        outbox.move(session, row, WAITING, self._clock(), f"released by {actor}", next_try_at=None)
        self._audit_requeued(session, row, actor, command_id)

    def _audit_requeued(self, session: Session, row: OutboxRow, actor: str, command_id: str | None) -> None:
        details: dict[str, Any] = {"entry_id": row.id, "kind": row.kind}
        if command_id is not None:
            details["command_id"] = command_id
        self._add_audit(session, actor, "outbox.requeued", row.client_id, details)

    def outbox_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(OUTBOX_STATES, 0)
        with self._read() as session:
            for state, count in session.execute(select(OutboxRow.state, func.count()).group_by(OutboxRow.state)):
                counts[state] = count
        return counts

    def figures(self) -> dict[str, Any]:
        """How much the store holds, in counts that name no one (the diagnostics export)."""
        with self._read() as session:
            drafts = dict(session.execute(select(DraftRow.parked, func.count()).group_by(DraftRow.parked)).all())
            return {
                "schema_revision": current_revision(session.connection()),
                "dossiers": int(session.scalar(select(func.count()).select_from(DossierRow)) or 0),
                "drafts_parked": int(drafts.get(True, 0)),
                "drafts_in_progress": int(drafts.get(False, 0)),
            }

    def outbox_entries(
        self, states: Iterable[str] | None = None, limit: int = 500, *, newest_first: bool = False
    ) -> list[OutboxEntry]:
        """Entries in creation order (or the newest ``limit`` first), optionally only those in
        ``states``, each with the code of its dossier and, when it cannot go yet, the entry it
        waits for (the queue panel)."""
        statement = (
            select(OutboxRow, DossierRow.code)
            .join(DossierRow, DossierRow.client_id == OutboxRow.client_id)
            .order_by(OutboxRow.id.desc() if newest_first else OutboxRow.id)
            .limit(limit)
        )
        if states is not None:
            statement = statement.where(OutboxRow.state.in_(list(states)))
        with self._read() as session:
            pairs = list(session.execute(statement))
            waiting_for = outbox.blocked_by(session, [row for row, _ in pairs])
            return [outbox.to_entry(row, blocked_by=waiting_for.get(row.id), dossier_code=code) for row, code in pairs]

    def outbox_history(self, entry_id: int) -> list[OutboxEvent]:
        with self._read() as session:
            rows = session.scalars(
                select(OutboxHistoryRow).where(OutboxHistoryRow.entry_id == entry_id).order_by(OutboxHistoryRow.id)
            )
            return [outbox.to_event(row) for row in rows]

    # -- citizens: the population register's last answers, a citizen's dossiers here ----

    def save_citizen_lookup(self, cccd: str, answer: Mapping[str, Any]) -> CitizenLookup:
        """Keep the register's answer about ``cccd`` in place of the last one, stamped now.

        Only the fields the citizen step shows are kept (personal data; retention and
        crypto-shredding are issue 9). Not durable: a cache that a power cut may take back.
        """
        check_cccd_number(cccd)
        kept = json.loads(json.dumps({key: answer[key] for key in CITIZEN_LOOKUP_FIELDS if key in answer}))

        index = self._sealer.blind("cccd", cccd)

        def work(session: Session) -> CitizenLookup:
            now = self._clock()
            row = session.get(CitizenLookupRow, index)
            if row is None:
                session.add(CitizenLookupRow(cccd_index=index, cccd=cccd, answer=kept, fetched_at=now))
            else:
                row.answer = kept
                row.fetched_at = now
            return CitizenLookup(cccd, kept, now)

        return self._write(work, durable=False)

    def citizen_lookup(self, cccd: str) -> CitizenLookup | None:
        """The last answer kept for ``cccd``, or None when the register was never asked here."""
        with self._read() as session:
            row = session.get(CitizenLookupRow, self._sealer.blind("cccd", cccd))
            return None if row is None else CitizenLookup(row.cccd, dict(row.answer), row.fetched_at)

    def dossiers_of_citizen(self, cccd: str, limit: int = 20) -> list[DossierSummary]:
        """The citizen's dossiers this desk holds (taken here or pulled for the site), newest first."""
        entry = select(OutboxRow.client_id, OutboxRow.state).where(OutboxRow.kind == DOSSIER).subquery()
        statement = (
            select(DossierRow, entry.c.state)
            .outerjoin(entry, entry.c.client_id == DossierRow.client_id)
            .where(DossierRow.applicant_cccd_index == self._sealer.blind("cccd", cccd))
            .order_by(DossierRow.received_at.desc(), DossierRow.code)
            .limit(max(0, int(limit)))
        )
        return self._summaries(statement)

    # -- upstream checks: health certificate, traffic fines ---------------------------
    # The officer's moves (start, attach, retry, discard) are durable; the runner's marks
    # (running, an answer, a failure) are not: a power cut that takes one back only means
    # the check is asked again, which changes nothing at the other agency.

    def start_checks(
        self, kinds: Iterable[UpstreamCheck | str], cccd: str, draft_id: str, *, citizen_name: str = ""
    ) -> list[str]:
        """Make the draft's checks exactly ``kinds`` for ``cccd``; their ids, in the order of ``kinds``.

        Idempotent: starting again with the same number keeps each check as it is (its
        answer too). A check for another number, or of a kind no longer wanted (the
        officer changed the citizen or the procedure), is replaced or dropped; a check
        already attached to a saved dossier is left alone.
        """
        check_cccd_number(cccd)
        wanted = [UpstreamCheck(kind).value for kind in kinds]
        wanted = list(dict.fromkeys(wanted))
        name = citizen_name.strip()[:200]

        def work(session: Session) -> list[str]:
            now = self._clock()
            kept: dict[str, UpstreamCheckRow] = {}
            for row in list(session.scalars(select(UpstreamCheckRow).where(UpstreamCheckRow.draft_id == draft_id))):
                if row.client_id is None and (row.kind not in wanted or row.cccd != cccd):
                    session.delete(row)
                    continue
                kept[row.kind] = row
            session.flush()  # the unique (draft, kind) key must be free before a replacement goes in
            ids = []
            for kind in wanted:
                row = kept.get(kind)
                if row is None:
                    row = UpstreamCheckRow(
                        check_id=str(uuid.uuid4()), kind=kind, cccd=cccd, draft_id=draft_id, client_id=None,
                        citizen_name=name, state=CheckState.PENDING.value, attempts=0, failures=0,
                        next_attempt_at=now, created_at=now, updated_at=now,
                    )
                    session.add(row)
                elif name and row.citizen_name != name:
                    row.citizen_name = name
                ids.append(row.check_id)
            return ids

        return self._write(work)

    def discard_checks(self, draft_id: str) -> int:
        """Forget the checks of a draft that was cancelled (those of a saved dossier stay)."""

        def work(session: Session) -> int:
            result = session.execute(
                delete(UpstreamCheckRow).where(UpstreamCheckRow.draft_id == draft_id, UpstreamCheckRow.client_id.is_(None))
            )
            return int(result.rowcount or 0)

        return self._write(work)

    def attach_checks(self, draft_id: str, client_id: str) -> int:
        """The draft was saved as dossier ``client_id``: its checks belong to the dossier now."""

        def work(session: Session) -> int:
            if session.get(DossierRow, client_id) is None:
                raise DossierNotFound.of(client_id)
            now = self._clock()
            rows = list(session.scalars(
                select(UpstreamCheckRow).where(UpstreamCheckRow.draft_id == draft_id, UpstreamCheckRow.client_id.is_(None))
            ))
            for row in rows:
                row.client_id = client_id
                row.updated_at = now
            return len(rows)

        return self._write(work)

    def due_checks(self, now: datetime, limit: int = 20) -> list[CheckRecord]:
        """Checks whose turn has come (waiting, or failed and due again), longest waiting first."""
        statement = (
            select(UpstreamCheckRow)
            .where(UpstreamCheckRow.state.in_([s.value for s in DUE_STATES]), UpstreamCheckRow.next_attempt_at <= now)
            .order_by(UpstreamCheckRow.next_attempt_at, UpstreamCheckRow.created_at, UpstreamCheckRow.kind)
            .limit(max(0, int(limit)))
        )
        with self._read() as session:
            return [_check_record(row) for row in session.scalars(statement)]

    def claim_check(self, check_id: str) -> CheckRecord | None:
        """Mark a due check running (one more attempt) and return it; None when it is gone or
        no longer due (replaced, or already asked)."""

        def work(session: Session) -> CheckRecord | None:
            row = session.get(UpstreamCheckRow, check_id)
            if row is None or row.state not in [s.value for s in DUE_STATES]:
                return None
            row.state = CheckState.RUNNING.value
            row.attempts += 1
            row.next_attempt_at = None
            row.updated_at = self._clock()
            return _check_record(row)

        return self._write(work, durable=False)

    def recover_running_checks(self) -> int:
        """Checks left running when the desk stopped mid-way are due again at once."""

        running = UpstreamCheckRow.state == CheckState.RUNNING.value

        def work(session: Session) -> int:
            now = self._clock()
            rows = list(session.scalars(select(UpstreamCheckRow).where(running)))
            for row in rows:
                row.state, row.next_attempt_at, row.updated_at = CheckState.PENDING.value, now, now
            return len(rows)

        # Read first: almost every start finds none, and need not take the write lock for it.
        with self._read() as session:
            if session.scalar(select(UpstreamCheckRow.check_id).where(running).limit(1)) is None:
                return 0
        return self._write(work, durable=False)

    def record_check_result(self, check_id: str, outcome: CheckOutcome) -> bool:
        """Keep an answer: passed or attention, its summary and the answer itself. False when
        the check is gone (the citizen's number changed while it was asked)."""
        if outcome.state not in (CheckState.PASSED, CheckState.ATTENTION):
            raise ValueError(f"an answer is passed or attention, not {outcome.state.value}")
        result = json.loads(json.dumps(dict(outcome.result)))
        summary = json.loads(json.dumps(outcome.summary.to_json()))

        def work(session: Session) -> bool:
            row = session.get(UpstreamCheckRow, check_id)
            if row is None:
                return False
            row.state = outcome.state.value
            row.result, row.summary, row.checked_at = result, summary, outcome.checked_at
            row.failures, row.next_attempt_at, row.last_error, row.problem = 0, None, None, None
            row.updated_at = self._clock()
            return True

        return self._write(work, durable=False)

    def record_check_failure(self, check_id: str, error: DeskError | str, next_attempt_at: datetime | None) -> bool:
        """Keep why a try failed: asked again at ``next_attempt_at``, or never by itself when it
        is None (refused, or given up). An earlier answer stays. False when the check is gone."""
        text, problem = _problem(error)

        def work(session: Session) -> bool:
            row = session.get(UpstreamCheckRow, check_id)
            if row is None:
                return False
            row.state = (CheckState.FAILED if next_attempt_at is None else CheckState.FAILED_RETRYING).value
            row.failures += 1
            row.next_attempt_at = next_attempt_at
            row.last_error, row.problem = text, problem
            row.updated_at = self._clock()
            return True

        return self._write(work, durable=False)

    def retry_check_now(self, check_id: str, actor: str = SYSTEM_ACTOR) -> CheckRecord:
        """The officer's "Retry now": the check is due at once and its schedule starts again
        (a check being asked right now is left to finish). CheckNotFound when it is gone."""

        def work(session: Session) -> CheckRecord:
            row = session.get(UpstreamCheckRow, check_id)
            if row is None:
                raise CheckNotFound.of(check_id)
            if row.state != CheckState.RUNNING.value:
                now = self._clock()
                row.state, row.next_attempt_at, row.failures, row.updated_at = CheckState.PENDING.value, now, 0, now
                self._add_audit(session, actor, "check.retried", row.client_id or row.draft_id,
                                {"check_id": check_id, "kind": row.kind})
            return _check_record(row)

        return self._write(work)

    def checks_for(self, draft_id: str | None = None, client_id: str | None = None) -> list[CheckRecord]:
        """The checks of a draft, of a dossier, or of either, oldest first (health certificate first)."""
        if draft_id is None and client_id is None:
            raise ValueError("name a draft or a dossier")
        conditions = []
        if draft_id is not None:
            conditions.append(UpstreamCheckRow.draft_id == draft_id)
        if client_id is not None:
            conditions.append(UpstreamCheckRow.client_id == client_id)
        condition = conditions[0] if len(conditions) == 1 else conditions[0] | conditions[1]
        return self._check_records(condition, newest_first=False, limit=100)

    def open_checks(self, limit: int = 500) -> list[CheckRecord]:
        """Every check not passed (waiting, being asked, failed, or with a finding), newest first."""
        return self._check_records(UpstreamCheckRow.state != CheckState.PASSED.value, newest_first=True, limit=limit)

    def _check_records(self, condition, *, newest_first: bool, limit: int) -> list[CheckRecord]:  # noqa: ANN001
        created = UpstreamCheckRow.created_at.desc() if newest_first else UpstreamCheckRow.created_at
        statement = (
            select(UpstreamCheckRow, DossierRow.code, DossierRow.applicant_name)
            .outerjoin(DossierRow, DossierRow.client_id == UpstreamCheckRow.client_id)
            .where(condition)
            .order_by(created, UpstreamCheckRow.kind, UpstreamCheckRow.check_id)
            .limit(max(0, int(limit)))
        )
        with self._read() as session:
            return [_check_record(row, code, name) for row, code, name in session.execute(statement)]

    # -- prints of a dossier's form ---------------------------------------------------------

    def record_print(
        self,
        *,
        client_id: str,
        kind: str,
        paper: str,
        copies: int,
        printer: str | None,
        outcome: str,
        officer_username: str,
        reprint_reason: str | None = None,
        print_id: str | None = None,
    ) -> PrintRecord:
        """Keep one print of a dossier's form, whatever came of it; a printed one is audited
        too ("receipt.printed", or "receipt.reprinted" with the reason) and queued for the
        central API, in the same commit. A reprint raises the dossier's REPRINT flag.

        ``reprint_reason`` marks a reprint and needs ``REPRINT_REASON_MIN`` characters; the
        first print after saving has none. Recording the same ``print_id`` again changes
        nothing and returns the stored record.
        """
        if outcome not in PRINT_OUTCOMES:
            raise ValueError(f"a print is {', '.join(PRINT_OUTCOMES)}, not {outcome!r}")
        if copies < 1:
            raise ValueError("a print has at least one copy")
        reason = None if reprint_reason is None else " ".join(reprint_reason.split())
        if reason is not None and len(reason) < REPRINT_REASON_MIN:
            raise ValueError(f"a reprint needs a reason of at least {REPRINT_REASON_MIN} characters")
        print_id = print_id or str(uuid.uuid4())

        def work(session: Session) -> PrintRecord:
            existing = session.get(PrintRow, print_id)
            if existing is not None:
                return _print_record(existing)
            if session.get(DossierRow, client_id) is None:
                raise DossierNotFound.of(client_id)
            row = PrintRow(
                print_id=print_id, client_id=client_id, kind=kind, paper=paper, copies=copies, printer=printer or None,
                reprint_reason=reason, officer_username=officer_username, at=self._clock(), outcome=outcome,
            )
            session.add(row)
            if outcome == PRINTED:
                details: dict[str, Any] = {"print_id": print_id, "kind": kind, "paper": paper, "copies": copies,
                                           "printer": row.printer}
                if reason is not None:
                    details["reason"] = reason
                    _raise_flags(session, client_id, ReviewFlag.REPRINT)
                self._add_audit(session, officer_username, "receipt.reprinted" if reason is not None else "receipt.printed",
                                client_id, details)
                # The central API keeps the site's print log: it learns of every print made.
                session.flush()
                outbox.enqueue(session, kind=PRINT, client_id=client_id, sha256=None, now=row.at, ref_id=print_id)
            return _print_record(row)

        return self._write(work)

    def prints(self, client_id: str | None = None, limit: int = 200) -> list[PrintRecord]:
        """The prints kept, newest first: all of them, or those of one dossier."""
        # Two prints in the same instant (a fixed clock, a coarse one) keep the order they were made in.
        statement = (select(PrintRow).order_by(PrintRow.at.desc(), literal_column("prints.rowid").desc())
                     .limit(max(0, int(limit))))
        if client_id is not None:
            statement = statement.where(PrintRow.client_id == client_id)
        with self._read() as session:
            return [_print_record(row) for row in session.scalars(statement)]

    # -- supervisors' reviews ----------------------------------------------------------

    def record_review(self, review: Review) -> Review:
        """Keep a supervisor's decision, show it on the dossier's row and queue it for the
        central API, in one commit; audited as "dossier.reviewed". Recording the same
        ``review_id`` again changes nothing and returns the stored decision."""

        def work(session: Session) -> Review:
            existing = session.get(ReviewRow, review.review_id)
            if existing is not None:
                return _review(existing)
            row = session.get(DossierRow, review.client_id)
            if row is None:
                raise DossierNotFound.of(review.client_id)
            session.add(_review_row(review, review.client_id))
            _show_review(row, review)
            session.flush()
            outbox.enqueue(session, kind=REVIEW, client_id=review.client_id, sha256=None, now=self._clock(),
                           ref_id=review.review_id)
            self._add_audit(session, review.actor, "dossier.reviewed", review.client_id,
                            {"review_id": review.review_id, "action": review.action.value, "note": review.note,
                             "flags": review.flags})
            return review

        return self._write(work)

    def reviews(self, client_id: str) -> list[Review]:
        """The decisions on a dossier known here, oldest first: those taken at this desk, and
        the latest taken elsewhere as the central feed reported it."""
        statement = (select(ReviewRow).where(ReviewRow.client_id == client_id)
                     .order_by(ReviewRow.at, literal_column("reviews.rowid")))
        with self._read() as session:
            return [_review(row) for row in session.scalars(statement)]

    # -- sync health, supervisors' orders, the waiting room ------------------------------

    def health_report(self, now: datetime, *, officer: str | None = None) -> dict[str, Any]:
        """This desk's report for the central API (``PUT /v1/desks/{desk_id}/health``): its
        outbox, its held entries with their reasons, its drafts, who is signed in
        (``officer``), and the supervisors' orders carried out and not yet reported."""
        counts = self.outbox_counts()
        with self._read() as session:
            last_sent = session.scalar(
                select(OutboxHistoryRow.at).where(OutboxHistoryRow.to_state == SENT)
                .order_by(OutboxHistoryRow.id.desc()).limit(1)
            )
            held = session.execute(
                select(OutboxRow, DossierRow.code).join(DossierRow, DossierRow.client_id == OutboxRow.client_id)
                .where(OutboxRow.state == HELD).order_by(OutboxRow.id).limit(HEALTH_HELD_ENTRIES)
            ).all()
            drafts = dict(session.execute(select(DraftRow.parked, func.count()).group_by(DraftRow.parked)).all())
            done = session.scalars(
                select(DeskCommandRow).where(DeskCommandRow.reported.is_(False), DeskCommandRow.outcome.is_not(None))
                .order_by(DeskCommandRow.done_at, DeskCommandRow.command_id).limit(HEALTH_DONE_COMMANDS)
            ).all()
            return {
                "reported_at": to_rfc3339(now),
                "waiting": counts[WAITING] + counts[SENDING],
                "retrying": counts[RETRYING],
                "held": counts[HELD],
                "last_sent_at": to_rfc3339(last_sent) if last_sent is not None else None,
                "held_entries": [
                    {"entry_id": row.id, "kind": row.kind, "client_id": row.client_id, "dossier_code": code,
                     "problem": _problem_wire(row.problem), "error": (row.last_error or "")[:2000] or None,
                     "held_at": to_rfc3339(row.updated_at)}
                    for row, code in held
                ],
                "drafts": {"parked": int(drafts.get(True, 0)), "in_progress": int(drafts.get(False, 0))},
                "officer": officer,
                "done_commands": [{"command_id": c.command_id, "outcome": c.outcome, "detail": c.detail} for c in done],
            }

    def discard_outbox(self, entry_id: int, actor: str, reason: str) -> None:
        """A supervisor gives up on a held entry, saying why: it is never sent, and no longer
        holds back the entries queued after it. Audited as "outbox.discarded". EntryNotHeld
        when the entry is not held (it may still go through)."""
        why = _discard_reason(reason)
        self._write(lambda session: self._discard(session, outbox.get_entry(session, entry_id), actor, why))

    def _discard(self, session: Session, row: OutboxRow, actor: str, reason: str,
                 command_id: str | None = None) -> None:
        if row.state != HELD:
            raise EntryNotHeld.of(row.id, row.state)
        outbox.move(session, row, DISCARDED, self._clock(), f"discarded by {actor}: {reason}", next_try_at=None)
        details: dict[str, Any] = {"entry_id": row.id, "reason": reason, "kind": row.kind, "client_id": row.client_id}
        if command_id is not None:
            details["command_id"] = command_id
        self._add_audit(session, actor, "outbox.discarded", row.client_id, details)

    def apply_desk_command(self, command: Mapping[str, Any]) -> str:
        """Carry out a supervisor's order about one of this desk's outgoing entries, given at
        another desk and delivered by the central API, and keep it with its outcome ("done",
        "failed", "unknown_entry") for the next health report. A command already carried out
        is not carried out again: its outcome is returned."""
        try:
            command_id = str(command["command_id"])
            entry_id = int(command["entry_id"])
            action = str(command["action"])
            issued_by = str(command["issued_by"])
            issued_at = parse_rfc3339(str(command["issued_at"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"a desk command is malformed: {exc}") from exc
        reason = command.get("reason")
        reason = reason if isinstance(reason, str) else None
        if action not in ("retry", "discard"):
            raise ValueError(f"a desk command is retry or discard, not {action!r}")

        def work(session: Session) -> str:
            kept = session.get(DeskCommandRow, command_id)
            if kept is not None and kept.outcome is not None:
                return kept.outcome
            outcome, detail = self._carry_out(session, command_id, entry_id, action, issued_by, reason)
            session.add(DeskCommandRow(command_id=command_id, entry_id=entry_id, action=action, reason=reason,
                                       issued_by=issued_by, issued_at=issued_at, outcome=outcome, detail=detail,
                                       done_at=self._clock(), reported=False))
            return outcome

        return self._write(work)

    def _carry_out(self, session: Session, command_id: str, entry_id: int, action: str, actor: str,
                   reason: str | None) -> tuple[str, str | None]:
        row = session.get(OutboxRow, entry_id)
        if row is None:
            return "unknown_entry", None
        if action == "discard":
            try:
                self._discard(session, row, actor, _discard_reason(reason or ""), command_id)
            except (EntryNotHeld, ValueError) as exc:
                return "failed", str(exc)
            return "done", None
        if row.state == HELD:
            self._release(session, row, actor, command_id)
        elif row.state == RETRYING:
            # Due at once, rather than at the end of its back-off.
            row.next_try_at = self._clock()
            session.add(OutboxHistoryRow(entry_id=row.id, at=self._clock(), from_state=RETRYING, to_state=RETRYING,
                                         note=f"retried now by {actor}"))
            self._audit_requeued(session, row, actor, command_id)
        else:
            return "failed", f"the entry is {row.state}, not held or retrying"
        return "done", None

    def mark_commands_reported(self, command_ids: Iterable[str]) -> None:
        """The central API has the outcome of these commands: later reports leave them out."""
        ids = sorted({str(c) for c in command_ids})
        if not ids:
            return
        self._write(lambda session: session.execute(
            update(DeskCommandRow).where(DeskCommandRow.command_id.in_(ids)).values(reported=True)
        ), durable=False)

    def waiting_room(self) -> list[WaitingCounter]:
        """Citizens waiting at each counter of this desk: its officers' parked drafts and the
        intakes in progress, by officer."""
        statement = (select(DraftRow.officer_username, DraftRow.parked, func.count())
                     .group_by(DraftRow.officer_username, DraftRow.parked))
        counters: dict[str, list[int]] = {}
        with self._read() as session:
            for officer, parked, n in session.execute(statement):
                counters.setdefault(officer, [0, 0])[0 if parked else 1] += int(n)
        return [WaitingCounter(officer, parked, in_progress) for officer, (parked, in_progress) in sorted(counters.items())]

    # -- retention: deleting what the central system holds, once the period ends -----------

    def shred_expired(self, retention_days: int, now: datetime | None = None) -> retention.Shredded:
        """Delete the dossiers the central API confirmed and nobody changed for
        ``retention_days``, with their blobs' keys and files, and the citizen look-ups as
        old; each dossier's deletion is audited. Runs in batches so the counter's own saves
        wait at most one batch; returns the totals."""
        days = max(retention.RETENTION_DAYS_MIN, int(retention_days))
        cutoff = (now or self._clock()) - timedelta(days=days)
        dossiers: list[tuple[str, str]] = []
        blobs: list[str] = []

        def batch(session: Session) -> retention.Shredded:
            found = retention.expired_dossiers(session, cutoff)
            candidates = retention.delete_dossiers(session, self._sealer, [client_id for client_id, _ in found])
            unused = retention.unused_blobs(session, candidates, retention.draft_blobs(session) if candidates else set())
            retention.delete_blob_keys(session, unused)
            for client_id, code in found:
                self._add_audit(session, SYSTEM_ACTOR, "dossier.shredded", client_id,
                                {"code": code, "retention_days": days})
            return retention.Shredded(tuple(found), tuple(unused))

        while True:
            done = self._write(batch)
            dossiers.extend(done.dossiers)
            blobs.extend(done.blobs)
            # The keys are gone (committed): the files are noise now; deleting them frees the disk.
            for sha256 in done.blobs:
                self._blobs.remove(sha256)
            if len(done.dossiers) < retention.BATCH:
                break

        def lookups(session: Session) -> int:
            count = retention.delete_old_lookups(session, cutoff)
            if count:
                self._add_audit(session, SYSTEM_ACTOR, "lookup.shredded", None, {"count": count, "retention_days": days})
            return count

        looked_up = self._write(lookups)
        if dossiers or blobs or looked_up:
            # The WAL may still hold earlier images of the pages just cleared.
            self._writer.call(self._checkpoint)
            log.info("retention: %d dossiers, %d blobs and %d look-ups deleted", len(dossiers), len(blobs), looked_up)
        return retention.Shredded(tuple(dossiers), tuple(blobs), looked_up)

    # -- audit ------------------------------------------------------------------------

    # session.info key: the last audit line (id, hash) of the transaction under way.
    _AUDIT_TIP = "audit_tip"
    # The sync cursor naming the last audit line the central API acknowledged, as "id:hash".
    AUDIT_SENT_CURSOR = "audit_sent"
    # Built once: every audited transaction asks it (statement construction costs as much as the lookup).
    _LAST_AUDIT_LINE = select(AuditRow.id, AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)

    def audit(self, actor: str, action: str, subject: str | None = None, details: dict | None = None) -> None:
        stored = storable_details(details)  # not JSON: TypeError/ValueError before anything is written
        self._write(lambda session: self._add_audit(session, actor, action, subject, stored))

    def audit_entries(self, limit: int = 200, subject: str | None = None) -> list[AuditEntry]:
        """The newest audit rows first, optionally only those about ``subject``."""
        statement = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
        if subject is not None:
            statement = statement.where(AuditRow.subject == subject)
        with self._read() as session:
            return [
                AuditEntry(id=r.id, at=r.at, actor=r.actor, action=r.action, subject=r.subject, details=r.details)
                for r in session.scalars(statement)
            ]

    def _add_audit(self, session: Session, actor: str, action: str, subject: str | None, details: dict | None) -> None:
        """Append one line to the chained audit log, in the caller's transaction."""
        # Race-free without a lock of our own: this runs on the single writer thread, inside a
        # transaction opened with BEGIN IMMEDIATE, so no other write (of this process or of
        # another one on the same file) can come between reading the last line and adding this
        # one. Lines added earlier in the same transaction are not flushed yet: the tip is
        # remembered on the session, which lives for exactly one transaction.
        tip = session.info.get(self._AUDIT_TIP)
        if tip is None:
            with session.no_autoflush:
                last = session.execute(self._LAST_AUDIT_LINE).first()
            tip = (last.id, last.hash) if last is not None else (0, GENESIS)
        row = AuditRow(id=tip[0] + 1, at=self._clock(), actor=storable_text(actor), action=storable_text(action),
                       subject=None if subject is None else storable_text(subject), details=storable_details(details),
                       prev_hash=tip[1])
        row.hash = entry_hash(row.prev_hash, row)
        session.add(row)
        session.info[self._AUDIT_TIP] = (row.id, row.hash)

    # -- the audit chain: verifying it, sending it to the central API --------------------

    def audit_chain(self, after_id: int = 0, limit: int = 1000) -> list[ChainEntry]:
        """Audit lines with ids above ``after_id``, oldest first, with their links."""
        statement = select(AuditRow).where(AuditRow.id > after_id).order_by(AuditRow.id).limit(limit)
        with self._read() as session:
            return [ChainEntry(id=r.id, at=r.at, actor=r.actor, action=r.action, subject=r.subject,
                               details=r.details, prev_hash=r.prev_hash, hash=r.hash)
                    for r in session.scalars(statement)]

    def verify_audit_chain(self, page: int = 5000) -> ChainVerdict:
        """Recompute every link of the audit log, and hold it against the last line the central
        API acknowledged (which catches lines cut from the end, or the log rewritten)."""
        verifier = ChainVerifier(anchor=self.audit_sent())
        while verifier.verdict is None:
            entries = self.audit_chain(verifier.last_id, page)
            if not entries:
                break
            verifier.feed(entries)
        return verifier.finish()

    def audit_sent(self) -> tuple[int, str] | None:
        """(id, hash) of the last audit line the central API acknowledged; None before the first."""
        value = self.load_cursor(self.AUDIT_SENT_CURSOR)
        if not value:
            return None
        line_id, _, line_hash = value.partition(":")
        return int(line_id), line_hash

    def unsent_audit(self, limit: int = 200) -> list[dict[str, Any]]:
        """The next audit lines the central API has not acknowledged, oldest first, as
        ``POST /v1/desks/{desk_id}/audit`` carries them."""
        sent = self.audit_sent()
        return [entry.to_wire() for entry in self.audit_chain(sent[0] if sent else 0, limit)]

    def mark_audit_sent(self, last_id: int) -> None:
        """The central API holds the audit log up to line ``last_id``: the next sending starts
        after it. Lower than before is allowed: the centre may have lost lines (restored from
        a backup) and asks for them again."""

        def work(session: Session) -> None:
            if last_id == 0:
                value = f"0:{GENESIS}"
            else:
                line_hash = session.scalar(select(AuditRow.hash).where(AuditRow.id == last_id))
                if line_hash is None:
                    raise ValueError(f"no audit line {last_id} on this desk")
                value = f"{last_id}:{line_hash}"
            row = session.get(SyncCursorRow, self.AUDIT_SENT_CURSOR)
            if row is None:
                session.add(SyncCursorRow(name=self.AUDIT_SENT_CURSOR, value=value, updated_at=self._clock()))
            else:
                row.value, row.updated_at = value, self._clock()

        # A lost mark (power cut) only sends those lines again, which the centre takes alike.
        self._write(work, durable=False)


@dataclass(frozen=True)
class _ServerRecord:
    code: str | None
    provisional: bool | None
    status: int | None
    server_received_at: datetime | None
    full_body: Dossier | None
    stored: dict
    # The feed's oversight block: what other desks did that raises a review flag, and the
    # latest decision on the dossier.
    flags: ReviewFlag = ReviewFlag(0)
    review: Review | None = None


def _parse_server_record(record: dict) -> _ServerRecord:
    """Read a central record off the writer thread, so a bad one is refused before any write."""
    try:
        status = record.get("status")
        received_text = record.get("server_received_at")
        oversight = record.get("oversight") or {}
        flags = ReviewFlag(0)
        if int(oversight.get("refunds") or 0) > 0:
            flags |= ReviewFlag.REFUND
        if int(oversight.get("reprints") or 0) > 0:
            flags |= ReviewFlag.REPRINT
        review = oversight.get("review")
        return _ServerRecord(
            code=record.get("code"),
            provisional=record.get("code_provisional"),
            status=int(DossierStatus(status)) if status is not None else None,
            server_received_at=parse_rfc3339(received_text) if received_text else None,
            full_body=Dossier.from_wire(record) if "applicant" in record else None,
            stored=json.loads(json.dumps(record)),
            flags=flags,
            review=Review.from_wire(review, client_id=record.get("client_id")) if review is not None else None,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DossierDataError(
            QT_TRANSLATE_NOOP("DeskError", "A dossier record is malformed ({problem})."),
            problem=f"{type(exc).__name__}: {exc}",
        ) from exc


def _dossier_row(dossier: Dossier, *, procedure_name: str, origin: str, now: datetime,
                 cccd_index: str | None) -> DossierRow:
    if dossier.code is None:
        raise DossierDataError(
            QT_TRANSLATE_NOOP("DeskError", "A dossier record is malformed ({problem})."), problem="no dossier code"
        )
    applicant = dossier.applicant
    wire = dossier.to_wire()
    return DossierRow(
        client_id=dossier.client_id,
        code=dossier.code,
        code_provisional=dossier.code_provisional,
        procedure_code=dossier.procedure_code,
        procedure_name=procedure_name,
        catalogue_version=dossier.catalogue_version,
        status=int(dossier.status),
        channel=int(dossier.channel),
        applicant_name=applicant.full_name,
        applicant_cccd=applicant.cccd,
        applicant_cccd_index=cccd_index,
        applicant_phone=applicant.phone,
        received_at=dossier.received_at,
        received_day=dossier.received_at.astimezone(VN_TZ).date(),
        due_at=dossier.due_at,
        officer_username=dossier.officer_username,
        site_code=dossier.site_code,
        desk_id=dossier.desk_id,
        origin=origin,
        wire=wire,
        server_received_at=None,
        server_record=None,
        created_at=now,
        updated_at=now,
        review_flags=int(stored_flags(wire)),
        reviewed_flags=0,
    )


def _as_store_error(run: Callable[[], T]) -> T:
    """Run a write (or read its future's outcome), turning database and disk errors into StoreErrors."""
    try:
        return run()
    except DeskError:
        raise
    except OperationalError as exc:
        raise StoreWriteError.because(_reason(exc)) from exc
    except DBAPIError as exc:
        raise StoreRejected.because(_reason(exc)) from exc
    except OSError as exc:
        raise StoreWriteError.of(exc) from exc


def _check_record(row: UpstreamCheckRow, dossier_code: str | None = None, applicant_name: str | None = None) -> CheckRecord:
    return CheckRecord(
        check_id=row.check_id,
        kind=UpstreamCheck(row.kind),
        cccd=row.cccd,
        state=CheckState(row.state),
        attempts=row.attempts,
        failures=row.failures,
        next_attempt_at=row.next_attempt_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
        draft_id=row.draft_id,
        client_id=row.client_id,
        summary=CheckSummary.from_json(row.summary),
        problem=CheckSummary.from_json(row.problem),
        last_error=row.last_error,
        result=dict(row.result) if row.result is not None else None,
        checked_at=row.checked_at,
        citizen_name=applicant_name or row.citizen_name,
        dossier_code=dossier_code,
    )


def _status_event(row: StatusEventRow) -> StatusEvent:
    return StatusEvent(row.event_id, row.client_id, DossierStatus(row.from_status), DossierStatus(row.to_status),
                       row.at, row.actor, row.reason, row.details or {})


def _print_record(row: PrintRow) -> PrintRecord:
    return PrintRecord(
        print_id=row.print_id, client_id=row.client_id, kind=row.kind, paper=row.paper, copies=row.copies,
        printer=row.printer, reprint_reason=row.reprint_reason, officer_username=row.officer_username,
        at=row.at, outcome=row.outcome,  # type: ignore[arg-type] - the table's check keeps it one of three
    )


def _problem(error: DeskError | str) -> tuple[str, dict | None]:
    """The English text for logs and the translatable form for people, from an error."""
    if isinstance(error, DeskError):
        params = {k: v if isinstance(v, (int, float, bool)) or v is None else str(v) for k, v in error.params.items()}
        return error.english(), {"context": error.context, "template": error.template, "params": params}
    return error, None


def _reason(exc: DBAPIError) -> str:
    return str(exc.orig) if exc.orig is not None else str(exc)


def _draft_became(session: Session, draft_id: str, client_id: str, now: datetime) -> None:
    """In the dossier's own commit: its draft is gone and the checks started for it are its own,
    so a crash can leave neither a saved dossier still waiting as a draft nor checks of no one."""
    session.execute(delete(DraftRow).where(DraftRow.draft_id == draft_id))
    session.execute(
        update(UpstreamCheckRow)
        .where(UpstreamCheckRow.draft_id == draft_id, UpstreamCheckRow.client_id.is_(None))
        .values(client_id=client_id, updated_at=now)
    )


def _raise_flags(session: Session, client_id: str, flags: ReviewFlag) -> None:
    session.execute(update(DossierRow).where(DossierRow.client_id == client_id)
                    .values(review_flags=DossierRow.review_flags.op("|")(int(flags))))


def _show_review(row: DossierRow, review: Review) -> None:
    """Put a decision on the dossier's row, unless a later one is there already."""
    if row.reviewed_at is not None and review.at < row.reviewed_at:
        return
    row.review_action, row.review_note = review.action.value, review.note
    row.reviewed_by, row.reviewed_at, row.reviewed_flags = review.actor, review.at, review.flags


def _review_row(review: Review, client_id: str) -> ReviewRow:
    return ReviewRow(review_id=review.review_id, client_id=client_id, action=review.action.value, note=review.note,
                     flags=review.flags, actor=review.actor, at=review.at)


def _review(row: ReviewRow) -> Review:
    return Review(review_id=row.review_id, client_id=row.client_id, action=ReviewAction(row.action), note=row.note,
                  flags=row.flags, actor=row.actor, at=row.at)


def _print_wire(row: PrintRow) -> dict[str, Any]:
    """The body of ``PUT /v1/dossiers/{client_id}/prints/{print_id}``."""
    return {"print_id": row.print_id, "kind": row.kind, "paper": row.paper, "copies": row.copies,
            "printer": row.printer, "reprint_reason": row.reprint_reason, "officer_username": row.officer_username,
            "at": to_rfc3339(row.at), "outcome": row.outcome}


def _problem_wire(problem: dict | None) -> dict | None:
    """An outbox problem as the health report carries it: template, context and plain params."""
    if not problem or not isinstance(problem.get("template"), str) or len(problem["template"]) > 1000:
        return None  # the English error still goes
    params = problem.get("params") if isinstance(problem.get("params"), dict) else {}
    return {"context": problem.get("context") or MESSAGE_CONTEXT, "template": problem["template"],
            "params": {str(k)[:64]: v if isinstance(v, (int, float, bool)) or v is None else str(v)
                       for k, v in list(params.items())[:20]}}


def _discard_reason(reason: str) -> str:
    text = (reason or "").strip()
    if len(text) < DISCARD_REASON_MIN:
        raise ValueError(f"discarding an outgoing item needs a reason of at least {DISCARD_REASON_MIN} characters")
    return text
