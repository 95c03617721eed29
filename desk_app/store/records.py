"""Plain read-only records the store hands out, so callers never hold ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

OutboxKind = Literal["blob", "dossier"]
OutboxState = Literal["waiting", "sending", "sent", "retrying", "held"]

BLOB: OutboxKind = "blob"
DOSSIER: OutboxKind = "dossier"

WAITING: OutboxState = "waiting"
SENDING: OutboxState = "sending"
SENT: OutboxState = "sent"
RETRYING: OutboxState = "retrying"
HELD: OutboxState = "held"
OUTBOX_STATES: tuple[OutboxState, ...] = (WAITING, SENDING, SENT, RETRYING, HELD)


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


@dataclass(frozen=True)
class OutboxEntry:
    """Something waiting to go to the central API: a blob (by hash) or a dossier body.

    ``next_try_at`` is None for a waiting entry (always due) and set for a retrying one.
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


@dataclass(frozen=True)
class OutboxEvent:
    """One state change of an outbox entry, kept for supervisors and for diagnosis."""

    entry_id: int
    at: datetime
    from_state: OutboxState | None
    to_state: OutboxState
    note: str | None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    subject: str | None
    details: dict[str, Any] | None
