"""The outbox's rules: which state may follow which, and what is due to be sent.

Blob entries are one per hash, shared by every dossier that attaches the same file; a
dossier entry is held back while any blob its attachments name is not yet sent, so the
central API never receives a dossier whose files it does not hold. The entries of one
dossier (the dossier, then its status events and fee records) go in the order they were
queued: each waits until every earlier one of the same dossier is sent (or discarded by a
supervisor, who gave up on it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from .errors import OutboxEntryNotFound, OutboxStateError
from .models import AttachmentRow, OutboxHistoryRow, OutboxRow
from .records import (
    BLOB,
    DISCARDED,
    DOSSIER,
    FINISHED_STATES,
    HELD,
    PER_DOSSIER_KINDS,
    RETRYING,
    SENDING,
    SENT,
    WAITING,
    OutboxEntry,
    OutboxEvent,
)

ALLOWED_MOVES: dict[str, frozenset[str]] = {
    WAITING: frozenset({SENDING, SENT, HELD}),
    # SENDING -> WAITING: an attempt given up before it reached the network (cancelled sync).
    SENDING: frozenset({SENT, RETRYING, HELD, WAITING}),
    RETRYING: frozenset({SENDING, SENT, HELD}),
    # A supervisor releases a held entry after fixing what was wrong, or gives up on it.
    HELD: frozenset({WAITING, DISCARDED}),
    SENT: frozenset(),
    DISCARDED: frozenset(),
}


def enqueue(
    session: Session, *, kind: str, client_id: str, sha256: str | None, now: datetime, ref_id: str | None = None
) -> OutboxRow:
    row = OutboxRow(
        kind=kind,
        client_id=client_id,
        sha256=sha256,
        ref_id=ref_id,
        state=WAITING,
        attempts=0,
        next_try_at=None,
        last_error=None,
        created_at=now,
        updated_at=now,
        response=None,
    )
    session.add(row)
    session.flush()
    session.add(OutboxHistoryRow(entry_id=row.id, at=now, from_state=None, to_state=WAITING, note="queued"))
    return row


def blob_entry_exists(session: Session, sha256: str) -> bool:
    return session.scalar(select(OutboxRow.id).where(OutboxRow.kind == BLOB, OutboxRow.sha256 == sha256)) is not None


def get_entry(session: Session, entry_id: int) -> OutboxRow:
    row = session.get(OutboxRow, entry_id)
    if row is None:
        raise OutboxEntryNotFound.of(entry_id)
    return row


def move(session: Session, row: OutboxRow, new_state: str, now: datetime, note: str | None, **changes: Any) -> None:
    if new_state not in ALLOWED_MOVES[row.state]:
        raise OutboxStateError.move(row.id, row.state, new_state)
    session.add(OutboxHistoryRow(entry_id=row.id, at=now, from_state=row.state, to_state=new_state, note=note,
                                 problem=changes.get("problem")))
    row.state = new_state
    row.updated_at = now
    for name, value in changes.items():
        setattr(row, name, value)


def reopen_blob(session: Session, row: OutboxRow, now: datetime, note: str, **changes: Any) -> None:
    """Send a blob again that was counted as sent: the central system's answer to a dossier
    did not confirm holding it. Only a blob may leave "sent": its upload is idempotent (the
    server keeps one copy per hash), while a dossier, event or fee sent twice would need the
    server's replay protection, which the outbox does not lean on."""
    if row.kind != BLOB or row.state != SENT:
        raise OutboxStateError.move(row.id, row.state, WAITING)
    session.add(OutboxHistoryRow(entry_id=row.id, at=now, from_state=row.state, to_state=WAITING, note=note,
                                 problem=changes.get("problem")))
    row.state = WAITING
    row.updated_at = now
    row.next_try_at = None
    for name, value in changes.items():
        setattr(row, name, value)


def _unsent_blob_of(dossier_entry: type[OutboxRow]):  # noqa: ANN202 - an SQL EXISTS clause
    blob = aliased(OutboxRow)
    return exists().where(
        AttachmentRow.client_id == dossier_entry.client_id,
        blob.kind == BLOB,
        blob.sha256 == AttachmentRow.sha256,
        blob.state.not_in(FINISHED_STATES),
    )


def _unsent_earlier_of(entry: type[OutboxRow]):  # noqa: ANN202 - an SQL EXISTS clause
    # A discarded entry no longer holds back those after it: a supervisor gave up on it.
    earlier = aliased(OutboxRow)
    return exists().where(
        earlier.client_id == entry.client_id,
        earlier.kind.in_(PER_DOSSIER_KINDS),
        earlier.id < entry.id,
        earlier.state.not_in(FINISHED_STATES),
    )


def due_entries(session: Session, now: datetime, limit: int) -> list[OutboxRow]:
    statement = (
        select(OutboxRow)
        .where(
            or_(
                OutboxRow.state == WAITING,
                and_(OutboxRow.state == RETRYING, OutboxRow.next_try_at <= now),
            ),
            or_(
                OutboxRow.kind == BLOB,
                and_(OutboxRow.kind == DOSSIER, ~_unsent_blob_of(OutboxRow)),
                and_(OutboxRow.kind.in_(PER_DOSSIER_KINDS), OutboxRow.kind != DOSSIER, ~_unsent_earlier_of(OutboxRow)),
            ),
        )
        .order_by(OutboxRow.id)
        .limit(limit)
    )
    return list(session.scalars(statement))


def blocked_by(session: Session, rows: list[OutboxRow]) -> dict[int, int]:
    """For each unsent entry that cannot go yet, the id of the first entry it waits for.

    Two queries for the whole listing, whatever its length: the unsent blobs of the listed
    dossiers, and their unsent dossier, event and fee entries.
    """
    pending = [row for row in rows if row.state not in FINISHED_STATES and row.kind != BLOB]
    client_ids = sorted({row.client_id for row in pending})
    if not client_ids:
        return {}
    blob = aliased(OutboxRow)
    first_blob = dict(session.execute(
        select(AttachmentRow.client_id, func.min(blob.id))
        .join(blob, and_(blob.kind == BLOB, blob.sha256 == AttachmentRow.sha256))
        .where(AttachmentRow.client_id.in_(client_ids), blob.state.not_in(FINISHED_STATES))
        .group_by(AttachmentRow.client_id)
    ).all())
    unsent: dict[str, list[int]] = {}
    for client_id, entry_id in session.execute(
        select(OutboxRow.client_id, OutboxRow.id)
        .where(OutboxRow.client_id.in_(client_ids), OutboxRow.kind.in_(PER_DOSSIER_KINDS),
               OutboxRow.state.not_in(FINISHED_STATES))
        .order_by(OutboxRow.id)
    ):
        unsent.setdefault(client_id, []).append(entry_id)
    waiting_for: dict[int, int] = {}
    for row in pending:
        if row.kind == DOSSIER:
            first = first_blob.get(row.client_id)
        else:
            earlier = unsent.get(row.client_id, [])
            first = earlier[0] if earlier and earlier[0] < row.id else None
        if first is not None:
            waiting_for[row.id] = first
    return waiting_for


def to_entry(row: OutboxRow, *, blocked_by: int | None = None, dossier_code: str | None = None) -> OutboxEntry:
    return OutboxEntry(
        id=row.id,
        kind=row.kind,  # type: ignore[arg-type]
        client_id=row.client_id,
        sha256=row.sha256,
        state=row.state,  # type: ignore[arg-type]
        attempts=row.attempts,
        next_try_at=row.next_try_at,
        last_error=row.last_error,
        created_at=row.created_at,
        ref_id=row.ref_id,
        problem=row.problem,
        updated_at=row.updated_at,
        blocked_by=blocked_by,
        dossier_code=dossier_code,
    )


def to_event(row: OutboxHistoryRow) -> OutboxEvent:
    return OutboxEvent(
        entry_id=row.entry_id,
        at=row.at,
        from_state=row.from_state,  # type: ignore[arg-type]
        to_state=row.to_state,  # type: ignore[arg-type]
        note=row.note,
        problem=row.problem,
    )
