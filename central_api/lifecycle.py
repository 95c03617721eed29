"""The dossier's life after intake: status events from the back office and the desk.

``POST /v1/dossiers/{client_id}/events`` moves a dossier from one national status to the
next, through ``desk_app.core.dossier.check_transition``, the state machine the desk uses
too. Each move is a ``dossier_events`` row (who, with which role, when, why, details) and,
in the same transaction, a new status, ``updated_at``, ``resolved_at`` and change-feed
position on the dossier, so the desks polling ``GET /v1/dossiers?since=`` see it.

The caller names each event with a UUID (``event_id``): sending it again answers the same
record (200) and moves nothing; the same id with another body is a conflict (409).

Who may move a dossier where:

- back-office moves (accept 2, refuse 3, processing 4, supplement 5, payment 6, stop 8,
  result ready 9): supervisors only;
- withdrawal (7) and hand-over of the result (10), which happen at the counter in front of
  the citizen: officers, postal assistants and supervisors;
- administrators none: they manage accounts, desks, the catalogue and the calendar, not
  dossiers, so that configuring the system and deciding on files stay separate duties.

Everyone acts on their own site only; another site's dossier is answered as unknown (404).

Appointment date: the desk sends ``due_at`` with the dossier. When the back office accepts
a dossier that arrived as new (1 → 2, e.g. one submitted online), the processing time
starts then, so the server sets ``due_at`` to the acceptance time plus the procedure's
processing days on ``desk_app.core.calendar.WorkingCalendar`` with the override table; it
does the same for a dossier that has no ``due_at`` at all.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field, ValidationError, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.auth import Principal
from central_api.authz import OFFICER, POSTAL_ASSISTANT, SUPERVISOR
from central_api.catalogue import ParsedCatalogues
from central_api.context import AppContext, utc_now
from central_api.dossiers import next_feed_seq, own_dossier
from central_api.errors import ApiError
from central_api.jsonutil import canonical_json, json_digest
from central_api.models import CalendarOverride as OverrideRow
from central_api.models import Dossier, DossierEvent
from central_api.schemas import UUID_PATTERN, Count, Money, Strict, Text
from desk_app.core.calendar import CalendarOverride, WorkingCalendar
from desk_app.core.dossier import DossierStatus, IllegalTransition, check_transition
from desk_app.core.status_events import REASON_REQUIRED
from desk_app.core.timeutil import to_rfc3339

log = logging.getLogger(__name__)

S = DossierStatus
_BACK_OFFICE = frozenset({SUPERVISOR})
_AT_THE_COUNTER = frozenset({SUPERVISOR, OFFICER, POSTAL_ASSISTANT})
MOVERS: dict[DossierStatus, frozenset[str]] = {
    S.ACCEPTED: _BACK_OFFICE,
    S.REFUSED: _BACK_OFFICE,
    S.PROCESSING: _BACK_OFFICE,
    S.SUPPLEMENT_REQUESTED: _BACK_OFFICE,
    S.PAYMENT_REQUESTED: _BACK_OFFICE,
    S.STOPPED: _BACK_OFFICE,
    S.RESULT_READY: _BACK_OFFICE,
    S.WITHDRAWN: _AT_THE_COUNTER,
    S.HANDED_OVER: _AT_THE_COUNTER,
}
"""Roles allowed to move a dossier *to* each status. NEW is nobody's target."""
EVENT_ROLES = frozenset().union(*MOVERS.values())
# Reaching one of these ends the administration's work on the dossier: resolved_at is set.
RESOLVING = frozenset({S.REFUSED, S.WITHDRAWN, S.STOPPED, S.RESULT_READY})
MAX_DETAILS_BYTES = 16 * 1024


# wire shapes ----------------------------------------------------------------------------


class EventRequest(Strict):
    event_id: Annotated[str, Field(pattern=UUID_PATTERN, description="chosen by the caller; the idempotency key")]
    to_status: Annotated[int, Field(ge=1, le=10, description="TrangThaiHoSo to move to")]
    # No NUL: PostgreSQL text cannot hold one.
    reason: Annotated[str, Field(max_length=2000, pattern=r"^[^\x00]*$")] | None = Field(
        default=None, description="required when refusing (3), withdrawing (7) or stopping (8)"
    )
    details: dict[str, Any] = Field(
        default_factory=dict,
        description='{"documents": [...]} for a supplement request (5), {"amount", "items"} for a payment '
        "request (6); free-form otherwise",
    )


class RequestedDocument(Strict):
    """A document the citizen must add (Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ)."""

    code: Annotated[str, Field(max_length=60)] | None = None
    name: Text
    originals: Count = 0
    certified_copies: Count = 0
    photocopies: Count = 0


class SupplementDetails(Strict):
    documents: Annotated[list[RequestedDocument], Field(min_length=1, max_length=50)]
    note: Annotated[str, Field(max_length=2000)] = ""


class PaymentItem(Strict):
    code: Annotated[str, Field(max_length=60)] | None = None
    name: Text
    amount: Money


class PaymentDetails(Strict):
    """A financial obligation to fulfil (nghĩa vụ tài chính): the total and what makes it up."""

    amount: Annotated[int, Field(ge=1, le=10_000_000_000, description="integer đồng")]
    items: Annotated[list[PaymentItem], Field(min_length=1, max_length=50)]

    @model_validator(mode="after")
    def _items_add_up(self) -> PaymentDetails:
        if sum(item.amount for item in self.items) != self.amount:
            raise ValueError("the items do not add up to the amount")
        return self


_DETAILS_MODELS: dict[DossierStatus, type[BaseModel]] = {
    S.SUPPLEMENT_REQUESTED: SupplementDetails,
    S.PAYMENT_REQUESTED: PaymentDetails,
}


class DossierEventOut(BaseModel):
    event_id: str
    client_id: str
    code: str
    from_status: int
    to_status: int
    actor: str = Field(description="username of who made the move")
    actor_role: str
    at: str = Field(description="RFC 3339, +07:00")
    reason: str | None
    details: dict[str, Any]


class EventAnswer(BaseModel):
    event: DossierEventOut
    status: int = Field(description="the dossier's status after this event")


class EventList(BaseModel):
    items: list[DossierEventOut] = Field(description="oldest first")


# the move -------------------------------------------------------------------------------


def _normalised(principal: Principal, request: EventRequest) -> tuple[DossierStatus, str | None, dict[str, Any]]:
    """Checks what can be checked without the database; the canonical target, reason, details."""
    target = DossierStatus(request.to_status)
    allowed = MOVERS.get(target)
    if allowed is not None and principal.role not in allowed:
        raise ApiError(
            403, "forbidden_role", f"The role {principal.role} may not move a dossier to status {int(target)}.",
            allowed=sorted(allowed),
        )
    reason = (request.reason or "").strip() or None
    if target in REASON_REQUIRED and reason is None:
        raise ApiError(422, "reason_required", f"Moving a dossier to status {int(target)} needs a reason.")
    details = request.details
    model = _DETAILS_MODELS.get(target)
    if model is not None:
        try:
            details = model.model_validate(details).model_dump(mode="json")
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'details'}: {e['msg']}" for e in exc.errors()[:5]
            )
            raise ApiError(
                422, "invalid_details", f"The details of a move to status {int(target)} are not valid: {problems}"
            ) from None
    try:
        size = len(canonical_json(details))
    except UnicodeEncodeError:
        # A lone surrogate (\ud800) parses as JSON but is no text that can be stored.
        raise ApiError(422, "invalid_details", "details hold a string that is not valid Unicode.") from None
    if size > MAX_DETAILS_BYTES:
        raise ApiError(422, "details_too_large", f"details may hold at most {MAX_DETAILS_BYTES} bytes of JSON.")
    return target, reason, details


def _event_out(event: DossierEvent, dossier: Dossier) -> dict[str, Any]:
    return DossierEventOut(
        event_id=event.event_id,
        client_id=dossier.client_id,
        code=dossier.code,
        from_status=event.from_status,
        to_status=event.to_status,
        actor=event.actor,
        actor_role=event.actor_role,
        at=to_rfc3339(event.at),
        reason=event.reason,
        details=event.details,
    ).model_dump(mode="json")


def _answer(event: DossierEvent, dossier: Dossier) -> dict[str, Any]:
    return {"event": _event_out(event, dossier), "status": event.to_status}


def _replay(
    session: Session, dossier: Dossier, event_id: str, target: int, reason: str | None, details: dict[str, Any]
) -> dict[str, Any] | None:
    """The stored answer when ``event_id`` is known; None when it is new; 409 when it differs."""
    event = session.scalar(select(DossierEvent).where(DossierEvent.event_id == event_id))
    if event is None:
        return None
    same = (
        event.dossier_id == dossier.id
        and event.to_status == target
        and event.reason == reason
        and json_digest(event.details) == json_digest(details)
    )
    if not same:
        raise ApiError(409, "event_id_conflict", f"A different event was already recorded under event_id {event_id}.")
    return _answer(event, dossier)


def working_calendar(session: Session) -> WorkingCalendar:
    """The statutory calendar with the administrator's override table on top."""
    rows = session.scalars(select(OverrideRow)).all()
    return WorkingCalendar(CalendarOverride(day=r.day, kind=r.kind, name=r.name) for r in rows)


def _due_at(
    session: Session, catalogues: ParsedCatalogues, dossier: Dossier, target: DossierStatus, now: datetime
) -> datetime | None:
    """A new appointment when this move starts the processing time, else None (unchanged)."""
    accepting_new = dossier.status == S.NEW and target == S.ACCEPTED
    if not accepting_new and dossier.due_at is not None:
        return None
    catalogue = catalogues.get(session, dossier.catalogue_version)
    procedure = next((p for p in catalogue.procedures if p.code == dossier.procedure_code), None) if catalogue else None
    if procedure is None:
        return None  # intake checked both; nothing sensible to compute from without them
    start = now if accepting_new else dossier.received_at
    return working_calendar(session).due_at(start, procedure.processing_days)


def post_event(
    ctx: AppContext, catalogues: ParsedCatalogues, principal: Principal, client_id: str, request: EventRequest
) -> tuple[int, dict[str, Any]]:
    """(201, answer) for a new move; (200, the same answer) for a replay of ``event_id``."""
    target, reason, details = _normalised(principal, request)
    with ctx.db.reading() as session:
        dossier = own_dossier(session, principal, client_id)
        replayed = _replay(session, dossier, request.event_id, target, reason, details)
    if replayed is not None:
        return 200, replayed
    try:
        return 201, _move(ctx, catalogues, principal, client_id, request.event_id, target, reason, details)
    except _AlreadyRecorded as replay:
        return 200, replay.answer


class _AlreadyRecorded(Exception):
    """The same event arrived twice at once and the other copy committed first."""

    def __init__(self, answer: dict[str, Any]) -> None:
        super().__init__("event already recorded")
        self.answer = answer


def _move(
    ctx: AppContext,
    catalogues: ParsedCatalogues,
    principal: Principal,
    client_id: str,
    event_id: str,
    target: DossierStatus,
    reason: str | None,
    details: dict[str, Any],
) -> dict[str, Any]:
    with ctx.db.writing() as session:
        # The feed counter first: its row lock serialises every status change and intake, so
        # the dossier read next is the latest committed one and no two moves interleave.
        seq = next_feed_seq(session)
        now = utc_now()  # read under the lock, so event times follow the order of the moves
        dossier = own_dossier(session, principal, client_id)
        replayed = _replay(session, dossier, event_id, target, reason, details)
        if replayed is not None:
            raise _AlreadyRecorded(replayed)  # leaving by an exception rolls the counter back
        current = DossierStatus(dossier.status)
        try:
            check_transition(current, target)
        except IllegalTransition:
            raise ApiError(
                409, "illegal_transition",
                f"A dossier in status {int(current)} cannot move to status {int(target)}.",
                **{"from": int(current), "to": int(target)},
            ) from None
        new_due = _due_at(session, catalogues, dossier, target, now)
        body = {**dossier.body, "status": int(target)}
        if new_due is not None:
            dossier.due_at = new_due
            body["due_at"] = to_rfc3339(new_due)
        dossier.body = body  # a new dict, so the JSON column is seen as changed
        dossier.status = int(target)
        dossier.updated_at = now
        dossier.feed_seq = seq
        if target in RESOLVING:
            dossier.resolved_at = now
        event = DossierEvent(
            event_id=event_id,
            dossier_id=dossier.id,
            from_status=int(current),
            to_status=int(target),
            actor=principal.username,
            actor_role=principal.role,
            at=now,
            reason=reason,
            details=details,
        )
        session.add(event)
        session.flush()
        answer = _answer(event, dossier)
    log.info("dossier %s moved %d -> %d by %s", dossier.code, current, target, principal.username)
    return answer


def list_events(ctx: AppContext, principal: Principal, client_id: str) -> dict[str, Any]:
    with ctx.db.reading() as session:
        dossier = own_dossier(session, principal, client_id)
        events = session.scalars(
            select(DossierEvent).where(DossierEvent.dossier_id == dossier.id).order_by(DossierEvent.id)
        ).all()
        return {"items": [_event_out(e, dossier) for e in events]}
