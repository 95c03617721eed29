"""Figures for supervisors: what a site received in a period, and what is late now.

The population of ``summary`` is the site's dossiers *received* between ``from`` and ``to``
(inclusive, Vietnam dates). Over it:

- counts by status (all ten), by channel (all three), by procedure, by receiving account
  (``submitted_by``) and by day (every day of the period, zeros included);
- on-time resolution: among the dossiers that reached a result (status 9 or 10), the share
  whose ``resolved_at`` (the move to "result ready") is not after ``due_at``; refusals,
  withdrawals and stops end a dossier without a result and are left out of this rate;
- overdue now: among the dossiers still open (status 1, 2, 4, 5, 6), those past ``due_at``
  (``central_api.dossiers.is_overdue``, the same rule as the ``overdue`` flag on records);
- the shares received online (channel 2) and by post (channel 3), the headline measures
  the ministry reports;
- per day the counts by channel, and per procedure and per receiving account the same
  on-time and overdue counts as for the whole period.

Rates are ratios rounded to 4 decimals, null when there is nothing to divide by; every
count beside them is exact. ``overdue_list`` lists what is late now, whenever received,
with the lateness in working days (``WorkingCalendar`` with the override table);
``due_list`` the open dossiers due on one day.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central_api.auth import Principal
from central_api.authz import ADMINISTRATOR
from central_api.catalogue import ParsedCatalogues
from central_api.context import AppContext, utc_now
from central_api.dossiers import is_overdue
from central_api.errors import ApiError
from central_api.lifecycle import working_calendar
from central_api.models import Dossier, Site, User
from desk_app.core.calendar import WorkingCalendar
from desk_app.core.dossier import Channel, DossierStatus
from desk_app.core.review import OPEN_STATUSES
from desk_app.core.timeutil import VN_TZ, to_rfc3339

MAX_PERIOD_DAYS = 366
# Far outside any dossier's life, and safe to turn into times at any offset.
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)
WITH_RESULT = frozenset({DossierStatus.RESULT_READY, DossierStatus.HANDED_OVER})


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def resolve_site(session: Session, principal: Principal, site: str | None) -> str:
    """The site to report on: the caller's own; an administrator may name any site."""
    if site is None or site == principal.site_code:
        return principal.site_code
    # A supervisor asking about another site learns nothing about it, not even that it exists.
    if principal.role != ADMINISTRATOR or session.get(Site, site) is None:
        raise ApiError(404, "site_not_found", "No such site.")
    return site


def period(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """Defaults: ``to`` today, ``from`` the first day of ``to``'s month."""
    end = end or today
    start = start or end.replace(day=1)
    if not (EARLIEST <= start and end <= LATEST):
        raise ApiError(422, "bad_period", f"Periods lie between {EARLIEST} and {LATEST}.")
    if start > end:
        raise ApiError(422, "bad_period", "'from' lies after 'to'.")
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise ApiError(422, "bad_period", f"A period may span at most {MAX_PERIOD_DAYS} days.")
    return start, end


def _vn_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), VN_TZ)


@dataclass(frozen=True)
class _Row:
    status: int
    channel: int
    procedure_code: str
    catalogue_version: str
    submitted_by: str
    received_at: datetime
    due_at: datetime | None
    resolved_at: datetime | None


class _ProcedureNames:
    """Names from the catalogue version each dossier was taken with."""

    def __init__(self, session: Session, catalogues: ParsedCatalogues) -> None:
        self._session = session
        self._catalogues = catalogues
        self._names: dict[tuple[str, str], str | None] = {}

    def name(self, version: str, code: str) -> str | None:
        key = (version, code)
        if key not in self._names:
            catalogue = self._catalogues.get(self._session, version)
            procedure = next((p for p in catalogue.procedures if p.code == code), None) if catalogue else None
            self._names[key] = procedure.name if procedure else None
        return self._names[key]


@dataclass
class _Tally:
    """The counts a group of dossiers (a procedure's, an officer's, the period's) is judged by."""

    count: int = 0
    with_result: int = 0
    on_time: int = 0
    open: int = 0
    overdue: int = 0

    def add(self, r: _Row, now: datetime) -> None:
        self.count += 1
        if r.status in WITH_RESULT and r.resolved_at is not None and r.due_at is not None:
            self.with_result += 1
            self.on_time += r.resolved_at <= r.due_at
        if r.status in OPEN_STATUSES:
            self.open += 1
            self.overdue += is_overdue(r.due_at, r.status, now)

    def figures(self) -> dict[str, int]:
        return {"count": self.count, "with_result": self.with_result, "on_time": self.on_time,
                "open": self.open, "overdue": self.overdue}


_CHANNEL_KEYS = {Channel.DIRECT: "direct", Channel.ONLINE: "online", Channel.POSTAL: "postal"}


def _day_counts(day: date, by_day: Counter[tuple[date, int]]) -> dict[str, Any]:
    per_channel = {key: by_day[(day, channel)] for channel, key in _CHANNEL_KEYS.items()}
    return {"day": day.isoformat(), "count": sum(per_channel.values()), **per_channel}


def summary(
    ctx: AppContext,
    catalogues: ParsedCatalogues,
    principal: Principal,
    site: str | None,
    start: date | None,
    end: date | None,
) -> dict[str, Any]:
    now = utc_now()
    start, end = period(start, end, now.astimezone(VN_TZ).date())
    with ctx.db.reading() as session:
        site_code = resolve_site(session, principal, site)
        # Only the columns the figures need: a month of a busy site stays a light query.
        rows = [
            _Row(*r)
            for r in session.execute(
                select(
                    Dossier.status, Dossier.channel, Dossier.procedure_code, Dossier.catalogue_version,
                    Dossier.submitted_by, Dossier.received_at, Dossier.due_at, Dossier.resolved_at,
                ).where(
                    Dossier.site_code == site_code,
                    Dossier.received_at >= _vn_midnight(start),
                    Dossier.received_at < _vn_midnight(end + timedelta(days=1)),
                )
            )
        ]
        names = _ProcedureNames(session, catalogues)
        whole = _Tally()
        by_procedure: dict[str, _Tally] = {}
        by_officer: dict[str, _Tally] = {}
        procedure_names: dict[str, str | None] = {}
        for r in rows:
            for tally in (whole, by_procedure.setdefault(r.procedure_code, _Tally()),
                          by_officer.setdefault(r.submitted_by, _Tally())):
                tally.add(r, now)
            if procedure_names.get(r.procedure_code) is None:
                procedure_names[r.procedure_code] = names.name(r.catalogue_version, r.procedure_code)
        full_names = {
            username: full_name
            for username, full_name in session.execute(
                select(User.username, User.full_name).where(User.username.in_(list(by_officer)))
            )
        }

    total = len(rows)
    by_status = Counter(r.status for r in rows)
    by_channel = Counter(r.channel for r in rows)
    by_day = Counter((r.received_at.astimezone(VN_TZ).date(), r.channel) for r in rows)
    return {
        "site_code": site_code,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "as_of": to_rfc3339(now),
        "total": total,
        "by_status": [{"status": int(s), "count": by_status[s]} for s in DossierStatus],
        "by_channel": [{"channel": int(c), "count": by_channel[c]} for c in Channel],
        "by_procedure": [
            {"procedure_code": code, "procedure_name": procedure_names.get(code), **tally.figures()}
            for code, tally in sorted(by_procedure.items(), key=lambda item: (-item[1].count, item[0]))
        ],
        "by_officer": [
            {"username": username, "full_name": full_names.get(username), **tally.figures()}
            for username, tally in sorted(by_officer.items(), key=lambda item: (-item[1].count, item[0]))
        ],
        "by_day": [_day_counts(start + timedelta(days=i), by_day) for i in range((end - start).days + 1)],
        "on_time": {
            "with_result": whole.with_result,
            "on_time": whole.on_time,
            "late": whole.with_result - whole.on_time,
            "rate": rate(whole.on_time, whole.with_result),
        },
        "overdue": {"open": whole.open, "count": whole.overdue, "rate": rate(whole.overdue, whole.open)},
        "online": {"count": by_channel[Channel.ONLINE], "share": rate(by_channel[Channel.ONLINE], total)},
        "postal": {"count": by_channel[Channel.POSTAL], "share": rate(by_channel[Channel.POSTAL], total)},
    }


def working_days_late(calendar: WorkingCalendar, due_at: datetime, now: datetime) -> int:
    """Working days after the due day, up to and including today: 0 means late since today."""
    due_day = due_at.astimezone(VN_TZ).date()
    today = now.astimezone(VN_TZ).date()
    late = 0
    day = due_day + timedelta(days=1)
    while day <= today:
        late += calendar.is_working_day(day)
        day += timedelta(days=1)
    return late


def overdue_list(
    ctx: AppContext, catalogues: ParsedCatalogues, principal: Principal, site: str | None, limit: int
) -> dict[str, Any]:
    now = utc_now()
    with ctx.db.reading() as session:
        site_code = resolve_site(session, principal, site)
        late = (
            Dossier.site_code == site_code,
            Dossier.status.in_([int(s) for s in OPEN_STATUSES]),
            Dossier.due_at.is_not(None),
            Dossier.due_at < now,
        )
        count = session.scalar(select(func.count()).select_from(Dossier).where(*late)) or 0
        rows = session.scalars(select(Dossier).where(*late).order_by(Dossier.due_at, Dossier.id).limit(limit)).all()
        calendar = working_calendar(session)
        names = _ProcedureNames(session, catalogues)
        lateness: dict[date, int] = {}
        items = []
        for row in rows:
            assert row.due_at is not None  # filtered above
            due_day = row.due_at.astimezone(VN_TZ).date()
            if due_day not in lateness:
                lateness[due_day] = working_days_late(calendar, row.due_at, now)
            items.append({**_listed(row, names), "days_late": lateness[due_day]})
    return {"site_code": site_code, "as_of": to_rfc3339(now), "count": count, "items": items}


def _listed(row: Dossier, names: _ProcedureNames) -> dict[str, Any]:
    """A dossier as the overdue and due lists show it."""
    assert row.due_at is not None  # both lists select on it
    return {
        "client_id": row.client_id,
        "code": row.code,
        "procedure_code": row.procedure_code,
        "procedure_name": names.name(row.catalogue_version, row.procedure_code),
        "applicant_name": row.body.get("applicant", {}).get("full_name"),
        "status": row.status,
        "received_at": to_rfc3339(row.received_at),
        "due_at": to_rfc3339(row.due_at),
    }


def due_list(
    ctx: AppContext, catalogues: ParsedCatalogues, principal: Principal, site: str | None, day: date | None, limit: int
) -> dict[str, Any]:
    """The site's open dossiers whose appointment falls on ``day`` (a Vietnam date, default
    today), earliest first; those due earlier that day are overdue already and stay listed."""
    day = day or utc_now().astimezone(VN_TZ).date()
    if not EARLIEST <= day <= LATEST:
        raise ApiError(422, "bad_day", f"Days lie between {EARLIEST} and {LATEST}.")
    with ctx.db.reading() as session:
        site_code = resolve_site(session, principal, site)
        due = (
            Dossier.site_code == site_code,
            Dossier.status.in_([int(s) for s in OPEN_STATUSES]),
            Dossier.due_at >= _vn_midnight(day),
            Dossier.due_at < _vn_midnight(day + timedelta(days=1)),
        )
        count = session.scalar(select(func.count()).select_from(Dossier).where(*due)) or 0
        rows = session.scalars(select(Dossier).where(*due).order_by(Dossier.due_at, Dossier.id).limit(limit)).all()
        names = _ProcedureNames(session, catalogues)
        items = [_listed(row, names) for row in rows]
    return {"site_code": site_code, "day": day.isoformat(), "count": count, "items": items}
