"""Dossier sequence numbers: leased blocks for desks, single final codes for the server.

Both come from one counter per agency and day, advanced by a single atomic
``INSERT … ON CONFLICT DO UPDATE … RETURNING`` statement. On PostgreSQL that statement
locks the counter row until commit, so two desks asking at the same instant get
consecutive, never overlapping, blocks; on SQLite the write transaction holds the database
lock. The unique constraints on ``code_leases`` and ``dossiers.code`` stand behind it.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.auth import Principal
from central_api.context import AppContext, utc_now
from central_api.db import upsert
from central_api.errors import ApiError
from central_api.models import CodeCounter, CodeLease
from central_api.schemas import LeaseOut
from desk_app.core.dossier_code import format_code


def advance_counter(session: Session, agency_code: str, day: date, count: int) -> int:
    """Reserve ``count`` numbers; returns the first of them."""
    statement = (
        upsert(session, CodeCounter)
        .values(agency_code=agency_code, day=day, next_seq=1 + count)
        .on_conflict_do_update(
            index_elements=[CodeCounter.agency_code, CodeCounter.day],
            set_={"next_seq": CodeCounter.next_seq + count},
        )
        .returning(CodeCounter.next_seq)
    )
    next_seq = session.execute(statement).scalar_one()
    return next_seq - count


def _check_fits(first: int, count: int, width: int, agency_code: str, day: date) -> None:
    last = first + count - 1
    if last >= 10**width:
        # Raised inside the write transaction, so the counter advance is rolled back too.
        raise ApiError(
            409,
            "codes_exhausted",
            f"Only {max(0, 10**width - first)} dossier numbers are left for {agency_code} on {day.isoformat()}.",
            remaining=max(0, 10**width - first),
        )


def lease_block(ctx: AppContext, principal: Principal, day: date, count: int) -> LeaseOut:
    if count > ctx.settings.max_lease_count:
        raise ApiError(
            422, "lease_too_large", f"Ask for at most {ctx.settings.max_lease_count} codes at a time.",
            max_count=ctx.settings.max_lease_count,
        )
    agency, width = principal.site_code, principal.code_width
    with ctx.db.writing() as session:
        first = advance_counter(session, agency, day, count)
        _check_fits(first, count, width, agency, day)
        lease = CodeLease(
            lease_id=str(uuid.uuid4()),
            agency_code=agency,
            day=day,
            first=first,
            last=first + count - 1,
            width=width,
            desk_id=principal.desk_id,
            username=principal.username,
            created_at=utc_now(),
        )
        session.add(lease)
    return LeaseOut(
        lease_id=lease.lease_id, agency_code=agency, day=day, first=lease.first, last=lease.last, width=width
    )


def allocate_final_code(session: Session, agency_code: str, day: date, width: int) -> str:
    """One final code, for a dossier the desk had to number provisionally."""
    seq = advance_counter(session, agency_code, day, 1)
    _check_fits(seq, 1, width, agency_code, day)
    return format_code(agency_code, day, seq, width)


def leased_to(session: Session, desk_id: str, agency_code: str, day: date, seq: int) -> bool:
    """Whether ``seq`` lies in a block this desk leased for this agency and day."""
    found = session.scalar(
        select(CodeLease.lease_id).where(
            CodeLease.agency_code == agency_code,
            CodeLease.day == day,
            CodeLease.desk_id == desk_id,
            CodeLease.first <= seq,
            CodeLease.last >= seq,
        )
    )
    return found is not None
