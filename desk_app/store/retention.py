"""Retention: what the desk deletes once the central system holds it and the period ends
(Law 91/2025/QH15: keep the minimum).

A dossier goes when the central API confirmed it (``server_received_at``), nothing of it is
still to send, and it has not changed for the retention period. With it go its rows in
every table and the keys of its blobs that no other dossier or draft uses (crypto-shredding:
the files are deleted too, but it is the key's deletion that makes any copy left on the
disk unreadable). Its code allocation stays, so the number is never given again. A citizen
look-up goes when it is older than the period.

Functions take the writer's session; the store runs them in its transactions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, exists, literal_column, select
from sqlalchemy.orm import Session

from .models import (
    AttachmentRow,
    BlobKeyRow,
    CitizenLookupRow,
    DossierRow,
    DossierTermRow,
    DraftRow,
    FeeRecordRow,
    OutboxHistoryRow,
    OutboxRow,
    PrintRow,
    ReviewRow,
    StatusEventRow,
    UpstreamCheckRow,
)
from .records import DISCARDED, SENT
from .sealing import Sealer

# Dossiers deleted per transaction: the writer is shared with the counter's own saves.
BATCH = 200
RETENTION_DAYS_MIN = 1


@dataclass(frozen=True)
class Shredded:
    """What one transaction deleted: (client_id, code) of each dossier, the blobs whose keys
    went, and how many citizen look-ups."""

    dossiers: tuple[tuple[str, str], ...] = ()
    blobs: tuple[str, ...] = ()
    lookups: int = 0


def expired_dossiers(session: Session, cutoff: datetime, limit: int = BATCH) -> list[tuple[str, str]]:
    unfinished = exists().where(OutboxRow.client_id == DossierRow.client_id,
                                OutboxRow.state.not_in((SENT, DISCARDED)))
    rows = session.execute(
        select(DossierRow.client_id, DossierRow.code)
        .where(DossierRow.server_received_at.is_not(None), DossierRow.updated_at < cutoff, ~unfinished)
        .order_by(DossierRow.updated_at)
        .limit(limit)
    )
    return [(client_id, code) for client_id, code in rows]


def delete_dossiers(session: Session, sealer: Sealer, client_ids: list[str]) -> set[str]:
    """Delete the dossiers and everything that hangs on them; the hashes of their blobs."""
    if not client_ids:
        return set()
    blobs = set(session.scalars(select(AttachmentRow.sha256).where(AttachmentRow.client_id.in_(client_ids))))
    entries = select(OutboxRow.id).where(OutboxRow.client_id.in_(client_ids))
    # A dossier's search terms are found by their key: made again from its name and CCCD.
    named = session.execute(select(literal_column("rowid"), DossierRow.applicant_name, DossierRow.applicant_cccd)
                            .where(DossierRow.client_id.in_(client_ids)))
    keys = [{"t": term, "r": rowid} for rowid, name, cccd in named for term in sealer.dossier_terms(name, cccd)]
    if keys:
        terms = DossierTermRow.__table__
        session.connection().execute(
            delete(terms).where(terms.c.term == bindparam("t"), terms.c.dossier_rowid == bindparam("r")), keys)
    session.execute(delete(OutboxHistoryRow).where(OutboxHistoryRow.entry_id.in_(entries)))
    session.execute(delete(OutboxRow).where(OutboxRow.client_id.in_(client_ids)))
    # Refunds point at their payments: they go first.
    session.execute(delete(FeeRecordRow).where(FeeRecordRow.client_id.in_(client_ids), FeeRecordRow.refers_to.is_not(None)))
    for table in (FeeRecordRow, StatusEventRow, PrintRow, ReviewRow, UpstreamCheckRow, AttachmentRow):
        session.execute(delete(table).where(table.client_id.in_(client_ids)))  # type: ignore[attr-defined]
    session.execute(delete(DossierRow).where(DossierRow.client_id.in_(client_ids)))
    return blobs


def unused_blobs(session: Session, candidates: set[str], draft_blobs: set[str]) -> list[str]:
    """Those of ``candidates`` no remaining dossier attaches and no draft holds."""
    if not candidates:
        return []
    still = set(session.scalars(select(AttachmentRow.sha256).where(AttachmentRow.sha256.in_(candidates))))
    return sorted(candidates - still - draft_blobs)


def draft_blobs(session: Session) -> set[str]:
    held: set[str] = set()
    for portrait, body in session.execute(select(DraftRow.portrait_sha256, DraftRow.body)):
        if portrait:
            held.add(portrait)
        held.update(scan_hashes(body))
    return held


def scan_hashes(body: Any) -> set[str]:
    """The scans a draft's body names."""
    scans = body.get("scans") if isinstance(body, dict) else None
    return {item["sha256"] for item in scans or () if isinstance(item, dict) and isinstance(item.get("sha256"), str)}


def delete_blob_keys(session: Session, hashes: list[str]) -> None:
    if hashes:
        session.execute(delete(BlobKeyRow).where(BlobKeyRow.sha256.in_(hashes)))


def delete_old_lookups(session: Session, cutoff: datetime) -> int:
    result = session.execute(delete(CitizenLookupRow).where(CitizenLookupRow.fetched_at < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
