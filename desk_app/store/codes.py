"""Taking a dossier code inside the save transaction: the next number of a leased block,
or a provisional code when every block for that agency and day is used up."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.core.dossier_code import CodeLease, format_code, provisional_code

from .errors import LeaseConflict
from .models import CodeAllocationRow, CodeLeaseRow, ProvisionalCodeRow


def lease_from_row(row: CodeLeaseRow) -> CodeLease:
    return CodeLease(row.lease_id, row.agency_code, row.day, row.first, row.last, row.width)


def add_lease(session: Session, lease: CodeLease, now: datetime) -> bool:
    """Record a lease; False when this very lease was already recorded."""
    existing = session.get(CodeLeaseRow, lease.lease_id)
    if existing is not None:
        if lease_from_row(existing) != lease:
            raise LeaseConflict.changed(lease.lease_id)
        return False
    overlapping = session.scalars(
        select(CodeLeaseRow.lease_id).where(
            CodeLeaseRow.agency_code == lease.agency_code,
            CodeLeaseRow.day == lease.day,
            CodeLeaseRow.first <= lease.last,
            CodeLeaseRow.last >= lease.first,
        )
    ).first()
    if overlapping is not None:
        raise LeaseConflict.overlapping(lease.lease_id, overlapping)
    session.add(
        CodeLeaseRow(
            lease_id=lease.lease_id,
            agency_code=lease.agency_code,
            day=lease.day,
            first=lease.first,
            last=lease.last,
            width=lease.width,
            added_at=now,
        )
    )
    return True


def _used_in(session: Session, lease_id: str) -> tuple[int | None, int]:
    highest, count = session.execute(
        select(func.max(CodeAllocationRow.seq), func.count(CodeAllocationRow.id)).where(
            CodeAllocationRow.lease_id == lease_id
        )
    ).one()
    return highest, count


def unused_count(session: Session, agency_code: str, day: date) -> int:
    total = 0
    for lease in _leases(session, agency_code, day):
        highest, _ = _used_in(session, lease.lease_id)
        next_seq = lease.first if highest is None else highest + 1
        total += max(0, lease.last - next_seq + 1)
    return total


def _leases(session: Session, agency_code: str, day: date) -> list[CodeLeaseRow]:
    return list(
        session.scalars(
            select(CodeLeaseRow)
            .where(CodeLeaseRow.agency_code == agency_code, CodeLeaseRow.day == day)
            .order_by(CodeLeaseRow.first)
        )
    )


class CodeChoice:
    """A code picked for a dossier, recorded once the dossier row exists (foreign key)."""

    def __init__(self, code: str, provisional: bool, row: CodeAllocationRow | ProvisionalCodeRow) -> None:
        self.code = code
        self.provisional = provisional
        self._row = row

    def record(self, session: Session) -> None:
        session.add(self._row)


def choose_code(
    session: Session, *, agency_code: str, day: date, desk_id: str, client_id: str, now: datetime
) -> CodeChoice:
    # Numbers are handed out in order, block by block; the unique (agency, day, seq) key
    # on code_allocations is the last guard against printing one number twice.
    for lease in _leases(session, agency_code, day):
        highest, _ = _used_in(session, lease.lease_id)
        seq = lease.first if highest is None else highest + 1
        if seq <= lease.last:
            row = CodeAllocationRow(
                lease_id=lease.lease_id,
                agency_code=agency_code,
                day=day,
                seq=seq,
                client_id=client_id,
                allocated_at=now,
            )
            return CodeChoice(format_code(agency_code, day, seq, lease.width), False, row)
    last_n = session.scalar(
        select(func.max(ProvisionalCodeRow.n)).where(
            ProvisionalCodeRow.agency_code == agency_code,
            ProvisionalCodeRow.day == day,
            ProvisionalCodeRow.desk_id == desk_id,
        )
    )
    n = (last_n or 0) + 1
    code = provisional_code(agency_code, day, desk_id, n)
    row = ProvisionalCodeRow(
        code=code, agency_code=agency_code, day=day, desk_id=desk_id, n=n, client_id=client_id, allocated_at=now
    )
    return CodeChoice(code, True, row)
