"""Each desk's sync health, and the supervisor's orders about its held outbox entries.

- ``PUT /v1/desks/{desk_id}/health``: a desk reports, every sync pass, what waits in its
  outbox, what is held and why, its drafts and who is signed in. The last report per desk
  is kept (``desk_health``), the desk's ``last_seen_at`` moves on, the commands it says it
  carried out are marked, and it gets back the commands still pending for it.
- ``PUT /v1/desks/{desk_id}/commands/{command_id}``: a supervisor orders a desk of the site
  to retry a held entry or to discard it with a reason. Idempotent by ``command_id``.
- ``GET /v1/desks/health``: every active desk of the site with its last report and commands.

A desk only reports for itself (403 ``not_your_desk``); a supervisor only commands the
desks of their own site (another site's desk is unknown, 404 ``desk_not_found``).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central_api.auth import Principal
from central_api.context import AppContext, utc_now
from central_api.db import upsert
from central_api.errors import ApiError
from central_api.jsonutil import canonical_json, json_digest
from central_api.models import Desk, DeskCommand, DeskHealth
from central_api.replays import stored_under
from central_api.schemas import NO_NUL, UUID_PATTERN, Moment, Strict
from desk_app.core.timeutil import to_rfc3339

log = logging.getLogger(__name__)

DISCARD_REASON_MIN = 3
HELD_ENTRIES_MAX = 200
DONE_COMMANDS_SHOWN = 20
COMMAND_STATES = ("pending", "done", "failed", "unknown_entry")
BIG = 2**62  # counts and outbox ids: far above any desk's, within a PostgreSQL bigint

Tally = Annotated[int, Field(ge=0, le=BIG)]
Param = str | int | Annotated[float, Field(allow_inf_nan=False)] | bool | None


# wire shapes --------------------------------------------------------------------------


class ProblemWire(Strict):
    """A held entry's problem, translatable on the supervisor's desk."""

    context: Annotated[str, Field(min_length=1, max_length=100, pattern=NO_NUL)] | None = None
    template: Annotated[str, Field(min_length=1, max_length=1000, pattern=NO_NUL)]
    params: Annotated[dict[Annotated[str, Field(max_length=64)], Param], Field(max_length=20)] = Field(default={})


class HeldEntryWire(Strict):
    entry_id: Annotated[int, Field(ge=1, le=BIG)]
    kind: Annotated[str, Field(min_length=1, max_length=20, pattern=NO_NUL)]
    client_id: Annotated[str, Field(min_length=1, max_length=64, pattern=NO_NUL)]
    dossier_code: Annotated[str, Field(max_length=40, pattern=NO_NUL)] | None = None
    problem: ProblemWire | None = None
    error: Annotated[str, Field(max_length=2000, pattern=NO_NUL)] | None = None
    held_at: Moment | None = None


class DraftCounts(Strict):
    parked: Tally = 0
    in_progress: Tally = 0


class DoneCommandWire(Strict):
    command_id: Annotated[str, Field(pattern=UUID_PATTERN)]
    outcome: Literal["done", "failed", "unknown_entry"]
    detail: Annotated[str, Field(max_length=2000, pattern=NO_NUL)] | None = None


class DeskHealthReport(Strict):
    reported_at: Moment = Field(description="the desk's clock when it made the report")
    waiting: Tally
    retrying: Tally
    held: Tally
    last_sent_at: Moment | None = Field(default=None, description="when the desk last sent something that got through")
    held_entries: Annotated[list[HeldEntryWire], Field(max_length=HELD_ENTRIES_MAX)] = Field(default=[])
    drafts: DraftCounts = Field(default_factory=DraftCounts)
    officer: Annotated[str, Field(max_length=64, pattern=NO_NUL)] | None = Field(
        default=None, description="who is signed in at the desk"
    )
    done_commands: Annotated[list[DoneCommandWire], Field(max_length=200)] = Field(
        default=[], description="commands carried out since the last report that got through"
    )


class CommandIn(Strict):
    entry_id: Annotated[int, Field(ge=1, le=BIG, description="the desk's outbox entry")]
    action: Literal["retry", "discard"]
    reason: Annotated[str, Field(max_length=1000, pattern=NO_NUL)] | None = Field(
        default=None, description=f"required to discard (at least {DISCARD_REASON_MIN} characters)"
    )


class DeskCommandOut(BaseModel):
    command_id: str
    desk_id: str
    entry_id: int
    action: Literal["retry", "discard"]
    reason: str | None
    issued_by: str
    issued_at: str
    state: Literal["pending", "done", "failed", "unknown_entry"]
    done_at: str | None
    detail: str | None


class PendingCommands(BaseModel):
    commands: list[DeskCommandOut] = Field(description="the commands still pending for this desk, oldest first")


class DeskHealthOut(BaseModel):
    desk_id: str
    last_username: str
    last_seen_at: str
    reported_at: str | None = Field(description="when the central API received the last report")
    report: DeskHealthReport | None
    commands: list[DeskCommandOut] = Field(description="pending ones (oldest first), then the last 20 carried out")


class SiteHealth(BaseModel):
    as_of: str
    desks: list[DeskHealthOut] = Field(description="every active desk of the site, most recently seen first")


# helpers ------------------------------------------------------------------------------


def _command_out(row: DeskCommand) -> dict[str, Any]:
    return DeskCommandOut(
        command_id=row.command_id, desk_id=row.desk_id, entry_id=row.entry_id, action=row.action,  # type: ignore[arg-type]
        reason=row.reason, issued_by=row.issued_by, issued_at=to_rfc3339(row.issued_at),
        state=row.state,  # type: ignore[arg-type]
        done_at=to_rfc3339(row.done_at) if row.done_at else None, detail=row.detail,
    ).model_dump(mode="json")


def _optional_time(moment: datetime | None) -> str | None:
    return to_rfc3339(moment) if moment is not None else None


def _stored_report(report: DeskHealthReport) -> dict[str, Any]:
    """The report as kept and shown: what the desk sent, every time spelt in +07:00."""
    body = report.model_dump(mode="json", exclude={"done_commands"})
    body["reported_at"] = to_rfc3339(report.reported_at)
    body["last_sent_at"] = _optional_time(report.last_sent_at)
    for stored, entry in zip(body["held_entries"], report.held_entries, strict=True):
        stored["held_at"] = _optional_time(entry.held_at)
    try:
        canonical_json(body)
    except UnicodeEncodeError:
        # A lone surrogate (\ud800) parses as JSON but could never be shown again.
        raise ApiError(422, "invalid_text", "The report holds a string that is not valid Unicode.") from None
    return body


def _pending(session: Session, desk_ids: list[str]) -> list[DeskCommand]:
    return list(session.scalars(
        select(DeskCommand)
        .where(DeskCommand.desk_id.in_(desk_ids), DeskCommand.state == "pending")
        .order_by(DeskCommand.id)
    ))


# the desk reports ---------------------------------------------------------------------


def report_health(ctx: AppContext, principal: Principal, desk_id: str, report: DeskHealthReport) -> dict[str, Any]:
    if desk_id != principal.desk_id:
        raise ApiError(403, "not_your_desk", "A desk reports its own health only (X-Desk-Id).")
    stored = _stored_report(report)
    with ctx.db.writing() as session:
        now = utc_now()
        statement = upsert(session, DeskHealth.__table__).values(desk_id=desk_id, reported_at=now, report=stored)
        session.execute(statement.on_conflict_do_update(
            index_elements=["desk_id"], set_={"reported_at": now, "report": stored}))
        session.execute(update(Desk).where(Desk.desk_id == desk_id).values(last_seen_at=now))
        for done in report.done_commands:
            # Only this desk's, and only once: a report that is sent again changes nothing.
            session.execute(
                update(DeskCommand)
                .where(DeskCommand.command_id == done.command_id, DeskCommand.desk_id == desk_id,
                       DeskCommand.state == "pending")
                .values(state=done.outcome, done_at=now, detail=(done.detail or "").strip() or None)
            )
        pending = [_command_out(row) for row in _pending(session, [desk_id])]
    return {"commands": pending}


# the supervisor commands --------------------------------------------------------------


def _command_replay(session: Session, desk_id: str, command_id: str, digest: str) -> dict[str, Any] | None:
    row = stored_under(session, DeskCommand.command_id, command_id, owner="desk_id", owned_by=desk_id, digest=digest,
                       conflict="command_conflict", what="command")
    return None if row is None else _command_out(row)


def _site_desk(session: Session, principal: Principal, desk_id: str) -> Desk:
    desk = session.get(Desk, desk_id)
    if desk is None or desk.site_code != principal.site_code:
        raise ApiError(404, "desk_not_found", "No such desk at this site.")
    return desk


def put_command(
    ctx: AppContext, principal: Principal, desk_id: str, command_id: str, command: CommandIn
) -> tuple[int, dict[str, Any]]:
    reason = (command.reason or "").strip() or None
    if command.action == "discard" and len(reason or "") < DISCARD_REASON_MIN:
        raise ApiError(422, "reason_required", f"Discarding needs a reason of at least {DISCARD_REASON_MIN} characters.")
    body = {"entry_id": command.entry_id, "action": command.action, "reason": reason}
    try:
        digest = json_digest(body)
    except UnicodeEncodeError:
        raise ApiError(422, "invalid_text", "The reason is not valid Unicode.") from None
    with ctx.db.reading() as session:
        _site_desk(session, principal, desk_id)
        replayed = _command_replay(session, desk_id, command_id, digest)
    if replayed is not None:
        return 200, replayed
    try:
        with ctx.db.writing() as session:
            _site_desk(session, principal, desk_id)
            row = DeskCommand(
                command_id=command_id, desk_id=desk_id, entry_id=command.entry_id, action=command.action,
                reason=reason, issued_by=principal.username, issued_at=utc_now(), state="pending", body_hash=digest,
            )
            session.add(row)
            session.flush()
            answer = _command_out(row)
    except IntegrityError:
        # The same command arrived twice at once and the other copy committed first.
        with ctx.db.reading() as session:
            replayed = _command_replay(session, desk_id, command_id, digest)
        if replayed is None:
            raise
        return 200, replayed
    log.info("command %s to desk %s: %s entry %d, by %s", command_id, desk_id, command.action, command.entry_id,
             principal.username)
    return 201, answer


# the site's view ----------------------------------------------------------------------


def site_health(ctx: AppContext, principal: Principal) -> dict[str, Any]:
    now = utc_now()
    with ctx.db.reading() as session:
        desks = list(session.scalars(
            select(Desk)
            .where(Desk.site_code == principal.site_code, Desk.active.is_(True))
            .order_by(Desk.last_seen_at.desc(), Desk.desk_id)
        ))
        ids = [d.desk_id for d in desks]
        reports = {h.desk_id: h for h in session.scalars(select(DeskHealth).where(DeskHealth.desk_id.in_(ids)))}
        commands: dict[str, list[DeskCommand]] = {desk_id: [] for desk_id in ids}
        for row in _pending(session, ids):
            commands[row.desk_id].append(row)
        # The last few carried out per desk, in one query.
        latest_first = (DeskCommand.done_at.desc(), DeskCommand.id.desc())
        ranked = select(
            DeskCommand.id,
            func.row_number().over(partition_by=DeskCommand.desk_id, order_by=latest_first).label("rank"),
        ).where(DeskCommand.desk_id.in_(ids), DeskCommand.state != "pending").subquery()
        done = session.scalars(
            select(DeskCommand).join(ranked, ranked.c.id == DeskCommand.id)
            .where(ranked.c.rank <= DONE_COMMANDS_SHOWN)
            .order_by(*latest_first)
        )
        for row in done:
            commands[row.desk_id].append(row)
    return {
        "as_of": to_rfc3339(now),
        "desks": [
            {
                "desk_id": desk.desk_id,
                "last_username": desk.last_username,
                "last_seen_at": to_rfc3339(desk.last_seen_at),
                "reported_at": _optional_time(reports[desk.desk_id].reported_at) if desk.desk_id in reports else None,
                "report": reports[desk.desk_id].report if desk.desk_id in reports else None,
                "commands": [_command_out(row) for row in commands[desk.desk_id]],
            }
            for desk in desks
        ],
    }
