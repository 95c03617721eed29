"""The override table on top of the statutory holidays: swaps and newly declared days off."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.context import AppContext
from central_api.models import CalendarOverride
from central_api.schemas import CalendarOut, CalendarOverrideOut


def overrides_for(ctx: AppContext, year: int) -> CalendarOut:
    with ctx.db.reading() as session:
        rows = session.scalars(
            select(CalendarOverride)
            .where(CalendarOverride.day >= date(year, 1, 1), CalendarOverride.day <= date(year, 12, 31))
            .order_by(CalendarOverride.day)
        ).all()
    return CalendarOut(
        year=year,
        overrides=[
            CalendarOverrideOut(
                day=r.day, kind=r.kind, name=r.name, note=r.note, confirmed=r.confirmed  # type: ignore[arg-type]
            )
            for r in rows
        ],
    )


def put_override(session: Session, day: date, kind: str, name: str, note: str = "", confirmed: bool = True) -> None:
    """Insert or update the override for one day (administrators and the seed)."""
    row = session.scalar(select(CalendarOverride).where(CalendarOverride.day == day))
    if row is None:
        session.add(CalendarOverride(day=day, kind=kind, name=name, note=note, confirmed=confirmed))
    else:
        row.kind, row.name, row.note, row.confirmed = kind, name, note, confirmed
