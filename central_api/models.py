"""Tables of the central service (SQLAlchemy 2 declarative). Migrations mirror this file;
``tests/central/test_migrations.py`` fails when they drift apart."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import true as sa_true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from central_api.db import UtcDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

AGENCY_CODE_LEN = 13
DOSSIER_CODE_LEN = 40


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime(), dict[str, Any]: JSON()}


class Site(Base):
    """A reception point (điểm tiếp nhận): a service centre desk or a post office.

    ``code`` is the QCVN 102 agency code that starts every dossier code taken there."""

    __tablename__ = "sites"
    code: Mapped[str] = mapped_column(String(AGENCY_CODE_LEN), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(30))
    code_width: Mapped[int] = mapped_column(Integer, default=4)
    created_at: Mapped[datetime]


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(
            "role IN ('officer', 'postal_assistant', 'supervisor', 'administrator')",
            name="role",
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(30))
    site_code: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    # Lock-out after repeated failed logins (counted since the last success).
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None]


class LoginAttempt(Base):
    """Every login attempt, for rate limiting by account and by client address."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index(None, "remote", "at"), Index(None, "username", "at"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    remote: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    success: Mapped[bool] = mapped_column(Boolean)


class Desk(Base):
    """A desk installation, known from its first login; its id is chosen on the desk."""

    __tablename__ = "desks"
    desk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site_code: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    last_username: Mapped[str] = mapped_column(String(64))
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    # Enrolment by an administrator: the desk key is shown once and kept only as a hash.
    key_hash: Mapped[str | None] = mapped_column(String(255))
    enrolled_by: Mapped[str | None] = mapped_column(String(64))
    enrolled_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=sa_true())


class AuthSession(Base):
    """One login: the family of access and refresh tokens that rotation hands down."""

    __tablename__ = "auth_sessions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.desk_id"))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(String(40))


class AuthToken(Base):
    """Tokens are random and opaque; only their SHA-256 is kept."""

    __tablename__ = "auth_tokens"
    __table_args__ = (CheckConstraint("kind IN ('access', 'refresh')", name="kind"),)
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("auth_sessions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    issued_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class CatalogueVersion(Base):
    """Every catalogue version ever served is kept: a dossier names the one it was taken with."""

    __tablename__ = "catalogue_versions"
    __table_args__ = (CheckConstraint("state IN ('draft', 'published')", name="state"),)
    version: Mapped[str] = mapped_column(String(40), primary_key=True)
    # A draft has no publication time; once published a version never changes.
    published_at: Mapped[datetime | None]
    etag: Mapped[str] = mapped_column(String(80))
    body: Mapped[dict[str, Any]]
    activated_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(10), default="published", server_default="published")
    published_by: Mapped[str | None] = mapped_column(String(64))


class CalendarOverride(Base):
    """Days that differ from the statutory holiday calendar (swaps, new days off)."""

    __tablename__ = "calendar_overrides"
    __table_args__ = (CheckConstraint("kind IN ('off', 'work')", name="kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(4))
    name: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    confirmed: Mapped[bool] = mapped_column(Boolean, default=True)


class CodeCounter(Base):
    """Next free dossier sequence number per agency and day; advanced by one atomic upsert."""

    __tablename__ = "code_counters"
    agency_code: Mapped[str] = mapped_column(String(AGENCY_CODE_LEN), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    next_seq: Mapped[int] = mapped_column(Integer)


class CodeLease(Base):
    __tablename__ = "code_leases"
    __table_args__ = (
        UniqueConstraint("agency_code", "day", "first"),
        UniqueConstraint("agency_code", "day", "last"),
        CheckConstraint("first >= 1 AND first <= last", name="block"),
    )
    lease_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency_code: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    day: Mapped[date] = mapped_column(Date)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.desk_id"), index=True)
    username: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class Blob(Base):
    """An attachment, content-addressed; its bytes live in the blob store."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    length: Mapped[int] = mapped_column(BigInteger)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    completed_at: Mapped[datetime | None]


class Dossier(Base):
    """A dossier (hồ sơ) as received from a desk, with its server-side bookkeeping."""

    __tablename__ = "dossiers"
    __table_args__ = (Index(None, "site_code", "feed_seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36), unique=True)
    code: Mapped[str] = mapped_column(String(DOSSIER_CODE_LEN), unique=True)
    submitted_code: Mapped[str] = mapped_column(String(DOSSIER_CODE_LEN))
    site_code: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.desk_id"))
    procedure_code: Mapped[str] = mapped_column(String(60))
    catalogue_version: Mapped[str] = mapped_column(ForeignKey("catalogue_versions.version"))
    status: Mapped[int] = mapped_column(Integer)
    channel: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime]
    due_at: Mapped[datetime | None]
    body: Mapped[dict[str, Any]]
    request_hash: Mapped[str] = mapped_column(String(64))
    final_hash: Mapped[str] = mapped_column(String(64))
    response: Mapped[dict[str, Any]]
    submitted_by: Mapped[str] = mapped_column(String(64))
    server_received_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    feed_seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    # When the dossier reached "result ready" or ended otherwise: on-time rates compare it with due_at.
    resolved_at: Mapped[datetime | None]


class DossierEvent(Base):
    """One status transition (or note) of a dossier: who, when, why.

    ``event_id`` is chosen by the caller, so a replayed event is recognised and answered
    with the same record instead of moving the dossier twice."""

    __tablename__ = "dossier_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    from_status: Mapped[int] = mapped_column(Integer)
    to_status: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(64))
    actor_role: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime]
    reason: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]]


class FeeRecord(Base):
    """A fee payment or refund taken at a desk, kept as the desk sent it (``body``)."""

    __tablename__ = "fee_records"
    __table_args__ = (
        CheckConstraint("kind IN ('payment', 'refund')", name="kind"),
        CheckConstraint("amount > 0", name="amount_positive"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fee_id: Mapped[str] = mapped_column(String(36), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    amount: Mapped[int] = mapped_column(BigInteger)
    refers_to: Mapped[str | None] = mapped_column(String(36), index=True)
    body: Mapped[dict[str, Any]]
    body_hash: Mapped[str] = mapped_column(String(64))
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.desk_id"))
    received_at: Mapped[datetime]


class ReceiptKey(Base):
    """A desk's receipt-sealing public key (Ed25519), learnt from the first dossier sealed with it.

    The first use binds ``kid`` to that desk for good: the same key from another desk is
    refused. A desk may have several keys over time (a new PC, a keyring wiped)."""

    __tablename__ = "receipt_keys"
    kid: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))  # raw 32 bytes, base64url without padding
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.desk_id"), index=True)
    site_code: Mapped[str] = mapped_column(ForeignKey("sites.code"), index=True)
    first_seen_at: Mapped[datetime]
    first_client_id: Mapped[str] = mapped_column(String(36))


class DossierAttachment(Base):
    __tablename__ = "dossier_attachments"
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))


class FeedCounter(Base):
    """One row whose atomic increment orders every dossier change.

    The row lock is held until commit, so changes become visible in sequence order and a
    desk paging with ``since=<cursor>`` never skips one that committed late."""

    __tablename__ = "feed_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class DossierReview(Base):
    """A supervisor's decision on a dossier (approve, return to the officer, escalate).

    ``review_id`` is chosen on the desk, so a replay is recognised; ``body_hash`` covers what
    the desk sent (action, note, flags, at), so another body under the same id is refused."""

    __tablename__ = "dossier_reviews"
    __table_args__ = (
        CheckConstraint("action IN ('approve', 'return', 'escalate')", name="action"),
        CheckConstraint("flags >= 0", name="flags_positive"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[str] = mapped_column(String(36), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    action: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    flags: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(64))
    # The name as it was when the decision was taken: the record reads the same later.
    actor_name: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime]
    recorded_at: Mapped[datetime]
    body_hash: Mapped[str] = mapped_column(String(64))


class DossierPrint(Base):
    """One print of a dossier's form at a desk (the desk's print log, kept centrally)."""

    __tablename__ = "dossier_prints"
    __table_args__ = (
        CheckConstraint("outcome IN ('printed', 'failed', 'cancelled')", name="outcome"),
        CheckConstraint("copies >= 1", name="copies_positive"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    print_id: Mapped[str] = mapped_column(String(36), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    paper: Mapped[str] = mapped_column(String(16))
    copies: Mapped[int] = mapped_column(Integer)
    printer: Mapped[str | None] = mapped_column(String(200))
    reprint_reason: Mapped[str | None] = mapped_column(Text)
    officer_username: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    outcome: Mapped[str] = mapped_column(String(10))
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.desk_id"))
    recorded_at: Mapped[datetime]
    body_hash: Mapped[str] = mapped_column(String(64))


class DeskHealth(Base):
    """The last health report of a desk (its outbox, held entries, drafts), replaced by the next.

    ``reported_at`` is when the central API received it; the desk's own clock is in ``report``."""

    __tablename__ = "desk_health"
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.desk_id"), primary_key=True)
    reported_at: Mapped[datetime]
    report: Mapped[dict[str, Any]]


class DeskCommand(Base):
    """A supervisor's order to a desk about one of its outbox entries: retry it, or discard it
    with a reason. The desk picks it up with its next health report and reports the outcome."""

    __tablename__ = "desk_commands"
    __table_args__ = (
        CheckConstraint("action IN ('retry', 'discard')", name="action"),
        CheckConstraint("state IN ('pending', 'done', 'failed', 'unknown_entry')", name="state"),
        Index(None, "desk_id", "state"),
    )
    # Orders the commands as issued: several arrive within one second (issued_at's grain).
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    command_id: Mapped[str] = mapped_column(String(36), unique=True)
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.desk_id"))
    entry_id: Mapped[int] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(Text)
    issued_by: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    done_at: Mapped[datetime | None]
    detail: Mapped[str | None] = mapped_column(Text)
    body_hash: Mapped[str] = mapped_column(String(64))


class DeskAuditLine(Base):
    """One line of a desk's audit log as the desk wrote it, with its links."""

    __tablename__ = "desk_audit"
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.desk_id"), primary_key=True)
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any] | None]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime]


class DeskRelease(Base):
    """A desk version an administrator published for download; the newest publication is the
    one desks are offered. Kept as history: which build was offered when, and by whom."""

    __tablename__ = "desk_releases"
    __table_args__ = (CheckConstraint("size_bytes > 0", name="size_positive"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(40), unique=True)
    download_url: Mapped[str] = mapped_column(String(2000))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    notes: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime]
    published_by: Mapped[str] = mapped_column(String(64))
    # Orders the publications (published_at has whole seconds only); the highest is on offer.
    publication: Mapped[int] = mapped_column(BigInteger, unique=True)
