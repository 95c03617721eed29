"""Plain read-only records the store hands out, so callers never hold ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from desk_app.core.delivery import PortraitDelivery

OutboxKind = Literal["blob", "dossier", "event", "fee", "review", "print"]
OutboxState = Literal["waiting", "sending", "sent", "retrying", "held", "discarded"]

BLOB: OutboxKind = "blob"
DOSSIER: OutboxKind = "dossier"
EVENT: OutboxKind = "event"
FEE: OutboxKind = "fee"
REVIEW: OutboxKind = "review"
PRINT: OutboxKind = "print"
# Kinds that belong to one dossier and must reach the central API in the order they were
# taken there: the dossier first, then its status events, fee records, reviews and prints.
PER_DOSSIER_KINDS: tuple[OutboxKind, ...] = (DOSSIER, EVENT, FEE, REVIEW, PRINT)

WAITING: OutboxState = "waiting"
SENDING: OutboxState = "sending"
SENT: OutboxState = "sent"
RETRYING: OutboxState = "retrying"
HELD: OutboxState = "held"
# A held entry a supervisor gave up on, with a reason: never sent, and no longer in the way.
DISCARDED: OutboxState = "discarded"
OUTBOX_STATES: tuple[OutboxState, ...] = (WAITING, SENDING, SENT, RETRYING, HELD, DISCARDED)
# States after which an entry no longer holds back the entries queued after it.
FINISHED_STATES: tuple[OutboxState, ...] = (SENT, DISCARDED)


@dataclass(frozen=True)
class DossierSummary:
    """One line of a queue view: enough to list and find a dossier (hồ sơ) without its body.

    ``sync_state`` is the state of the dossier's own outbox entry; a dossier that came
    from the central API (taken at another desk of the site) has no entry and reads "sent".
    """

    client_id: str
    code: str
    code_provisional: bool
    procedure_code: str
    procedure_name: str
    applicant_name: str
    status: int
    received_at: datetime
    due_at: datetime
    sync_state: OutboxState
    # Received only once the central system's answer named the portrait's own SHA-256 as stored.
    portrait: PortraitDelivery = PortraitDelivery.NONE
    # When a supervisor's latest decision sent the dossier back to its officer: their note and name.
    returned_note: str | None = None
    returned_by: str | None = None


@dataclass(frozen=True)
class OutboxEntry:
    """Something waiting to go to the central API: a blob (by hash), a dossier body, a
    status event or a fee record (by ``ref_id``).

    ``next_try_at`` is None for a waiting entry (always due) and set for a retrying one.
    ``last_error`` is the last problem in English (for logs); ``problem`` the same as a
    translatable ``{"template", "params"}`` for the person reading the queue.
    ``blocked_by`` and ``dossier_code`` are filled only by ``DeskStore.outbox_entries``:
    the id of an earlier entry this one waits for, and the code of the dossier it serves.
    """

    id: int
    kind: OutboxKind
    client_id: str
    sha256: str | None
    state: OutboxState
    attempts: int
    next_try_at: datetime | None
    last_error: str | None
    created_at: datetime
    ref_id: str | None = None
    problem: dict[str, Any] | None = None
    updated_at: datetime | None = None
    blocked_by: int | None = None
    dossier_code: str | None = None


@dataclass(frozen=True)
class OutboxEvent:
    """One state change of an outbox entry, kept for supervisors and for diagnosis."""

    entry_id: int
    at: datetime
    from_state: OutboxState | None
    to_state: OutboxState
    note: str | None
    problem: dict[str, Any] | None = None  # the note's translatable form, when it is a problem


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    subject: str | None
    details: dict[str, Any] | None


@dataclass(frozen=True)
class DailyVolume:
    """How many dossiers this desk took on one day, for sizing its code leases."""

    day: date
    count: int


@dataclass(frozen=True)
class DraftSummary:
    """One line of the list of unfinished intakes (parked, or left by a crash)."""

    draft_id: str
    officer_username: str
    citizen_name: str
    procedure_code: str | None
    parked: bool
    updated_at: datetime


@dataclass(frozen=True)
class StoredDraft:
    draft_id: str
    body: dict[str, Any]
    portrait: bytes | None
    # The scans typed into the draft, by SHA-256 (those whose bytes are still on disk).
    attachments: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class CitizenLookup:
    """The population register's last answer about one CCCD number, and when it was fetched."""

    cccd: str
    answer: dict[str, Any]
    fetched_at: datetime


PrintOutcome = Literal["printed", "failed", "cancelled"]
PRINTED: PrintOutcome = "printed"
PRINT_FAILED: PrintOutcome = "failed"
PRINT_CANCELLED: PrintOutcome = "cancelled"
PRINT_OUTCOMES: tuple[PrintOutcome, ...] = (PRINTED, PRINT_FAILED, PRINT_CANCELLED)
# The shortest reason an officer may give for printing a dossier's form again.
REPRINT_REASON_MIN = 3


@dataclass(frozen=True)
class PrintRecord:
    """One print of a dossier's form at this desk, for supervisors and audits.

    ``kind`` is the form ("receipt", "supplement", "refusal"), ``paper`` a PaperFormat value,
    ``printer`` None when the officer cancelled before choosing one; ``reprint_reason`` is
    None for the first print after saving.
    """

    print_id: str
    client_id: str
    kind: str
    paper: str
    copies: int
    printer: str | None
    reprint_reason: str | None
    officer_username: str
    at: datetime
    outcome: PrintOutcome


@dataclass(frozen=True)
class QueueRow:
    """One line of a supervisor's queue: a dossier of the site with its review state.

    ``flags`` holds the ReviewFlag bits as of the moment asked: those kept with the row, LATE
    and SYNC_HELD included. ``sync_state`` is the state of the dossier's own outbox entry,
    "sent" when it has none (taken at another desk).
    """

    client_id: str
    code: str
    code_provisional: bool
    applicant_name: str
    applicant_cccd: str | None
    procedure_code: str
    procedure_name: str
    status: int
    channel: int
    officer_username: str
    desk_id: str
    received_at: datetime
    due_at: datetime
    sync_state: str
    flags: int
    review_action: str | None
    review_note: str | None
    reviewed_by: str | None
    reviewed_at: datetime | None
    reviewed_flags: int


@dataclass(frozen=True)
class QueueFacets:
    """What the queue's filters offer: the procedures and officers the site's dossiers name."""

    procedures: list[tuple[str, str]]  # (code, name), by name
    officers: list[str]


@dataclass(frozen=True)
class WaitingCounter:
    """Citizens waiting at one counter of this desk: drafts parked, and the one being served."""

    officer_username: str
    parked: int
    in_progress: int
