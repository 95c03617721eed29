"""Tables of the desk's SQLite file, as SQLAlchemy 2 typed declarative models.

Changing a model means writing an Alembic revision in ``migrations/versions`` too; a test
fails while the migrated schema and these models disagree.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from desk_app.core.timeutil import VN_TZ

# Named constraints keep Alembic's batch mode (SQLite table rebuilds) and its
# autogenerate comparison deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class VnDateTime(TypeDecorator[datetime]):
    """An aware datetime kept as naive UTC text and handed back in Vietnam time.

    SQLite has no time zones; storing UTC keeps the text sortable and comparable in SQL
    (``next_try_at <= now``) whatever offset the caller used.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: the store only keeps aware times")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc).astimezone(VN_TZ)


class _Sealed(TypeDecorator[Any]):
    """A personal value kept sealed (AES-GCM, ``sealing.Sealer``) in a BLOB column.

    The sealer belongs to the store that opened the file: ``database._make_engine`` hangs
    it on the engine's dialect, the one object SQLAlchemy hands to every conversion, so
    two stores open in one process (two desks in a test) each use their own key.
    ``where`` is the column's name, bound into every seal as associated data.
    """

    impl = LargeBinary
    cache_ok = True

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where

    @staticmethod
    def _sealer(dialect: Dialect) -> Any:
        sealer = getattr(dialect, "desk_sealer", None)
        if sealer is None:
            raise RuntimeError("a sealed column used on an engine without the store's sealer")
        return sealer


class SealedText(_Sealed):
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> bytes | None:
        return None if value is None else self._sealer(dialect).seal_text(value, self.where)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> str | None:
        return None if value is None else self._sealer(dialect).open_text(value, self.where)


class SealedJSON(_Sealed):
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        return None if value is None else self._sealer(dialect).seal_json(value, self.where)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> Any:
        return None if value is None else self._sealer(dialect).open_json(value, self.where)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: VnDateTime(), dict[str, Any]: JSON()}


class CatalogueVersionRow(Base):
    """Every catalogue version the desk fetched; a dossier keeps the version it was taken with."""

    __tablename__ = "catalogue_versions"

    version: Mapped[str] = mapped_column(String(64), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(256))
    body: Mapped[dict[str, Any]] = mapped_column("json", JSON)
    fetched_at: Mapped[datetime]
    is_current: Mapped[bool] = mapped_column(Boolean, index=True)


class CalendarOverrideRow(Base):
    __tablename__ = "calendar_overrides"
    __table_args__ = (CheckConstraint("kind IN ('off', 'work')", name="kind"),)

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(200))
    saved_at: Mapped[datetime]


class CodeLeaseRow(Base):
    """A block of sequence numbers the central API leased to this desk."""

    __tablename__ = "code_leases"
    __table_args__ = (
        CheckConstraint("first >= 1 AND first <= last", name="range"),
        Index("ix_code_leases_agency_code_day", "agency_code", "day"),
    )

    lease_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(32))
    day: Mapped[date] = mapped_column(Date)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime]


QUEUE_INDEX_COLUMNS = ("received_at", "status", "channel", "officer_username", "procedure_code", "due_at",
                       "review_flags", "reviewed_flags", "review_action")


class DossierRow(Base):
    """A dossier (hồ sơ): listing columns plus the full wire body, which is the truth."""

    __tablename__ = "dossiers"
    __table_args__ = (
        # The supervisor's queue (supervisor_queries.py): every column its filters and most of
        # its sorts read, so a filter is checked on this index alone, never on the wide rows.
        Index("ix_dossiers_queue", *QUEUE_INDEX_COLUMNS),
        # Lateness (open status, due time) and whether a review covered it, without the row.
        Index("ix_dossiers_status_due_at_reviewed_flags", "status", "due_at", "reviewed_flags"),
        Index("ix_dossiers_review_flags_reviewed_flags", "review_flags", "reviewed_flags"),
    )

    client_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    code_provisional: Mapped[bool] = mapped_column(Boolean)
    procedure_code: Mapped[str] = mapped_column(String(64), index=True)
    procedure_name: Mapped[str] = mapped_column(String(500), index=True)
    catalogue_version: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    channel: Mapped[int] = mapped_column(Integer, index=True)
    # Personal columns are sealed; the queues find a dossier by name or CCCD through its
    # blind terms (DossierTermRow), a citizen's dossiers through applicant_cccd_index.
    applicant_name: Mapped[str] = mapped_column(SealedText("dossiers.applicant_name"))
    applicant_cccd: Mapped[str | None] = mapped_column(SealedText("dossiers.applicant_cccd"))
    applicant_cccd_index: Mapped[str | None] = mapped_column(String(32), index=True)
    applicant_phone: Mapped[str | None] = mapped_column(SealedText("dossiers.applicant_phone"))
    received_at: Mapped[datetime] = mapped_column(index=True)
    # The Vietnam calendar day of received_at: received_at itself is stored in UTC.
    received_day: Mapped[date] = mapped_column(Date, index=True)
    due_at: Mapped[datetime] = mapped_column(index=True)
    officer_username: Mapped[str] = mapped_column(String(64), index=True)
    site_code: Mapped[str] = mapped_column(String(32))
    desk_id: Mapped[str] = mapped_column(String(64))
    # "desk" when taken here, "central" when pulled from the central API.
    origin: Mapped[str] = mapped_column(String(8))
    wire: Mapped[dict[str, Any]] = mapped_column(SealedJSON("dossiers.wire"))
    server_received_at: Mapped[datetime | None]
    server_record: Mapped[dict[str, Any] | None] = mapped_column(SealedJSON("dossiers.server_record"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(index=True)
    # The supervisor's review (desk_app.core.review): the flags kept with the row (STORED_FLAGS
    # bits), those the latest decision covered, and that decision.
    review_flags: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    reviewed_flags: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    review_action: Mapped[str | None] = mapped_column(String(10), index=True)
    review_note: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str | None] = mapped_column(String(64))
    reviewed_at: Mapped[datetime | None]


class DossierTermRow(Base):
    """What a dossier can be searched by, as blind terms (``Sealer.dossier_terms``): the
    beginnings of its name's words and of its CCCD. Keyed by the dossier's rowid, as the
    queue's queries are; the store never VACUUMs, which could renumber rowids. No second
    index: retention finds a dossier's rows by making its terms again (18 or so a dossier,
    1.8 million rows for a site's 100 000 dossiers, so an index would weigh)."""

    __tablename__ = "dossier_terms"
    __table_args__ = ({"sqlite_with_rowid": False},)

    term: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    dossier_rowid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class BlobKeyRow(Base):
    """Each blob's own AES-GCM key, wrapped by the store key: deleting the row shreds the blob."""

    __tablename__ = "blob_keys"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]


class StoreMetaRow(Base):
    """Facts about the file itself: ``key_check`` is a value sealed with the store key, so
    opening with another key fails at once, before anything is read or written."""

    __tablename__ = "store_meta"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)


class CodeAllocationRow(Base):
    """A sequence number given to a dossier; the unique key is what forbids giving it twice."""

    __tablename__ = "code_allocations"
    __table_args__ = (UniqueConstraint("agency_code", "day", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lease_id: Mapped[str] = mapped_column(ForeignKey("code_leases.lease_id"), index=True)
    agency_code: Mapped[str] = mapped_column(String(32))
    day: Mapped[date] = mapped_column(Date)
    seq: Mapped[int] = mapped_column(Integer)
    # No foreign key: the allocation outlives a dossier deleted after retention, so its
    # number is never given again.
    client_id: Mapped[str] = mapped_column(String(36), unique=True)
    allocated_at: Mapped[datetime]


class ProvisionalCodeRow(Base):
    """A provisional code printed while no lease was left; kept after the server replaces it,
    so the same provisional code is never printed twice."""

    __tablename__ = "provisional_codes"
    __table_args__ = (UniqueConstraint("agency_code", "day", "desk_id", "n"),)

    code: Mapped[str] = mapped_column(String(80), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(32))
    day: Mapped[date] = mapped_column(Date)
    desk_id: Mapped[str] = mapped_column(String(64))
    n: Mapped[int] = mapped_column(Integer)
    client_id: Mapped[str] = mapped_column(String(36), unique=True)  # outlives the dossier, as above
    allocated_at: Mapped[datetime]


class AttachmentRow(Base):
    __tablename__ = "attachments"

    client_id: Mapped[str] = mapped_column(ForeignKey("dossiers.client_id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)


class OutboxRow(Base):
    """Work for the sync engine. Blob entries are one per hash (shared by dossiers)."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint("kind IN ('blob', 'dossier', 'event', 'fee', 'review', 'print')", name="kind"),
        CheckConstraint("state IN ('waiting', 'sending', 'sent', 'retrying', 'held', 'discarded')", name="state"),
        CheckConstraint("(kind = 'blob') = (sha256 IS NOT NULL)", name="blob_has_sha256"),
        CheckConstraint("(kind IN ('event', 'fee', 'review', 'print')) = (ref_id IS NOT NULL)", name="record_has_ref_id"),
        UniqueConstraint("kind", "sha256"),
        UniqueConstraint("kind", "ref_id"),
        Index("ix_outbox_state_next_try_at", "state", "next_try_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    client_id: Mapped[str] = mapped_column(ForeignKey("dossiers.client_id"), index=True)
    sha256: Mapped[str | None] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer)
    next_try_at: Mapped[datetime | None]
    # The status event's event_id, the fee record's fee_id, the review's review_id or the print's print_id.
    ref_id: Mapped[str | None] = mapped_column(String(36))
    last_error: Mapped[str | None] = mapped_column(Text)
    # The last error as a translatable template and its parameters, so a person reads it
    # in their language: {"template": ..., "params": {...}}.
    problem: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    response: Mapped[dict[str, Any] | None]


class StatusEventRow(Base):
    """A status change made at this desk (hand-over, withdrawal), kept as it was sent."""

    __tablename__ = "status_events"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("dossiers.client_id"), index=True)
    from_status: Mapped[int] = mapped_column(Integer)
    to_status: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any] | None]
    actor: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]


class FeeRecordRow(Base):
    """A fee payment or refund taken at this desk; ``wire`` is what goes to the central API."""

    __tablename__ = "fee_records"
    __table_args__ = (
        CheckConstraint("kind IN ('payment', 'refund')", name="kind"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("(kind = 'refund') = (refers_to IS NOT NULL)", name="refund_refers_to_payment"),
    )

    fee_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("dossiers.client_id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    amount: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16))
    receipt_number: Mapped[str | None] = mapped_column(String(64))
    refers_to: Mapped[str | None] = mapped_column(ForeignKey("fee_records.fee_id"))
    wire: Mapped[dict[str, Any]]
    recorded_at: Mapped[datetime]


class DraftRow(Base):
    """An intake not yet saved as a dossier: what the officer typed so far, kept as they type
    so it survives a crash or a power cut, and so a citizen can be parked while the next is
    served. ``body`` is the wizard's draft as JSON; the portrait lies in the blob store."""

    __tablename__ = "drafts"

    draft_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    officer_username: Mapped[str] = mapped_column(String(64), index=True)
    citizen_name: Mapped[str] = mapped_column(SealedText("drafts.citizen_name"))
    procedure_code: Mapped[str | None] = mapped_column(String(60))
    parked: Mapped[bool] = mapped_column(Boolean)
    body: Mapped[dict[str, Any]] = mapped_column(SealedJSON("drafts.body"))
    portrait_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class OutboxHistoryRow(Base):
    __tablename__ = "outbox_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("outbox.id"), index=True)
    at: Mapped[datetime]
    from_state: Mapped[str | None] = mapped_column(String(10))
    to_state: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    problem: Mapped[dict[str, Any] | None]  # the note's translatable form, when it is a problem


class AuditRow(Base):
    """One line of the audit log, chained to the line before it (``audit_chain``): ids run
    1, 2, 3 … without a gap, and ``hash`` covers this line's fields and ``prev_hash``."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64), index=True)
    subject: Mapped[str | None] = mapped_column(String(128), index=True)
    details: Mapped[dict[str, Any] | None]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class SyncCursorRow(Base):
    """Where each pull from the central API stopped, saved with what that pull applied."""

    __tablename__ = "sync_cursors"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    updated_at: Mapped[datetime]


class CitizenLookupRow(Base):
    """The population register's last answer about a citizen, for the citizen step offline.

    Only what the desk shows is kept (name, birth date, sex, permanent address), sealed, and
    found by the CCCD's blind index; it is deleted once older than the retention period.
    """

    __tablename__ = "citizen_lookups"

    cccd_index: Mapped[str] = mapped_column(String(32), primary_key=True)
    cccd: Mapped[str] = mapped_column(SealedText("citizen_lookups.cccd"))
    answer: Mapped[dict[str, Any]] = mapped_column(SealedJSON("citizen_lookups.answer"))
    fetched_at: Mapped[datetime] = mapped_column(index=True)


class UpstreamCheckRow(Base):
    """A check with another agency's system (health certificate, traffic fines) for an intake.

    It starts while the dossier is still a draft (``draft_id``) and is attached to the
    dossier when that is saved (``client_id``); one check per draft and kind. ``summary``
    is what the last answer found and ``problem`` why the last try failed, each as a
    translatable ``{"context", "template", "params"}``; ``last_error`` is the English for logs.
    """

    __tablename__ = "upstream_checks"
    __table_args__ = (
        CheckConstraint("kind IN ('health_certificate', 'traffic_violations')", name="kind"),
        CheckConstraint(
            "state IN ('pending', 'running', 'passed', 'attention', 'failed_retrying', 'failed')", name="state"
        ),
        CheckConstraint("attempts >= 0 AND failures >= 0", name="counts"),
        # Only a check waiting for its turn has a time for it.
        CheckConstraint(
            "(state IN ('pending', 'failed_retrying')) = (next_attempt_at IS NOT NULL)", name="due_has_time"
        ),
        UniqueConstraint("draft_id", "kind"),
        Index("ix_upstream_checks_state_next_attempt_at", "state", "next_attempt_at"),
    )

    check_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    cccd: Mapped[str] = mapped_column(SealedText("upstream_checks.cccd"))
    draft_id: Mapped[str | None] = mapped_column(String(36))
    client_id: Mapped[str | None] = mapped_column(ForeignKey("dossiers.client_id"), index=True)
    citizen_name: Mapped[str] = mapped_column(SealedText("upstream_checks.citizen_name"))
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    # Failures in a row since the last answer or the officer's "Retry now": the schedule's count.
    failures: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    problem: Mapped[dict[str, Any] | None]
    result: Mapped[dict[str, Any] | None] = mapped_column(SealedJSON("upstream_checks.result"))
    summary: Mapped[dict[str, Any] | None] = mapped_column(SealedJSON("upstream_checks.summary"))
    checked_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(index=True)
    updated_at: Mapped[datetime]


class PrintRow(Base):
    """One print of a dossier's form at this desk (the receipt, Mẫu 01; the supplement request,
    Mẫu 02; the refusal, Mẫu 03): asked, printed, failed or cancelled. A reprint carries the
    officer's reason; the first print after saving has none."""

    __tablename__ = "prints"
    __table_args__ = (
        CheckConstraint("outcome IN ('printed', 'failed', 'cancelled')", name="outcome"),
        CheckConstraint("copies >= 1", name="copies_positive"),
        CheckConstraint("reprint_reason IS NULL OR length(trim(reprint_reason)) >= 3", name="reason_given"),
    )

    print_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("dossiers.client_id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    paper: Mapped[str] = mapped_column(String(16))
    copies: Mapped[int] = mapped_column(Integer)
    printer: Mapped[str | None] = mapped_column(String(200))
    reprint_reason: Mapped[str | None] = mapped_column(Text)
    officer_username: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(index=True)
    outcome: Mapped[str] = mapped_column(String(10))


class ReviewRow(Base):
    """A supervisor's decision on a dossier: taken at this desk (and queued for the central
    API), or learned from the central feed (the latest decision made at another desk)."""

    __tablename__ = "reviews"
    __table_args__ = (CheckConstraint("action IN ('approve', 'return', 'escalate')", name="action"),)

    review_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("dossiers.client_id"), index=True)
    action: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    flags: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]


class DeskCommandRow(Base):
    """A supervisor's order about one of this desk's outgoing entries (retry, discard), given
    at another desk and delivered by the central API; kept so it is carried out once and
    its outcome reported back."""

    __tablename__ = "desk_commands"
    __table_args__ = (
        CheckConstraint("action IN ('retry', 'discard')", name="action"),
        CheckConstraint("outcome IS NULL OR outcome IN ('done', 'failed', 'unknown_entry')", name="outcome"),
    )

    command_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entry_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(Text)
    issued_by: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime]
    outcome: Mapped[str | None] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text)
    done_at: Mapped[datetime | None]
    reported: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"), index=True)
