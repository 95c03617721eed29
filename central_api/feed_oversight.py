"""The ``oversight`` block of each change-feed record: refunds, reprints and the last review.

A desk flags a dossier for its supervisor from what happened at *other* desks too, so the
feed carries those facts with the record. They are read for a whole page at once (three
grouped queries), never one query per dossier.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central_api.models import Dossier, DossierPrint, DossierReview, FeeRecord
from central_api.schemas import ReviewRecord
from desk_app.core.timeutil import to_rfc3339


def review_record(row: DossierReview, client_id: str) -> dict[str, Any]:
    return ReviewRecord(
        review_id=row.review_id, client_id=client_id, action=row.action,  # type: ignore[arg-type]
        note=row.note, flags=row.flags, actor=row.actor, actor_name=row.actor_name,
        at=to_rfc3339(row.at), recorded_at=to_rfc3339(row.recorded_at),
    ).model_dump(mode="json")


def _counts(session: Session, statement: Any) -> dict[int, int]:
    return {dossier_id: int(n) for dossier_id, n in session.execute(statement)}


def oversight_blocks(session: Session, dossiers: Sequence[Dossier]) -> dict[int, dict[str, Any]]:
    """``{dossier.id: {"refunds", "reprints", "review"}}`` for every dossier given."""
    if not dossiers:
        return {}
    ids = [d.id for d in dossiers]
    refunds = _counts(session, select(FeeRecord.dossier_id, func.count()).where(
        FeeRecord.dossier_id.in_(ids), FeeRecord.kind == "refund").group_by(FeeRecord.dossier_id))
    reprints = _counts(session, select(DossierPrint.dossier_id, func.count()).where(
        DossierPrint.dossier_id.in_(ids), DossierPrint.reprint_reason.is_not(None)).group_by(DossierPrint.dossier_id))
    # The latest decision by the supervisor's clock; the later arrival wins a tie.
    ranked = select(
        DossierReview.id,
        func.row_number().over(
            partition_by=DossierReview.dossier_id, order_by=(DossierReview.at.desc(), DossierReview.id.desc())
        ).label("rank"),
    ).where(DossierReview.dossier_id.in_(ids)).subquery()
    latest = {
        row.dossier_id: row
        for row in session.scalars(
            select(DossierReview).join(ranked, ranked.c.id == DossierReview.id).where(ranked.c.rank == 1)
        )
    }
    client_ids = {d.id: d.client_id for d in dossiers}
    return {
        dossier_id: {
            "refunds": refunds.get(dossier_id, 0),
            "reprints": reprints.get(dossier_id, 0),
            "review": review_record(latest[dossier_id], client_ids[dossier_id]) if dossier_id in latest else None,
        }
        for dossier_id in ids
    }
