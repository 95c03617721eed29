"""Each desk's audit log, kept at the centre as the desk's hash chain continued line by line.

``POST /v1/desks/{desk_id}/audit`` takes a batch of the desk's audit lines in id order
(``desk_app.store.audit_chain``: every line carries the hash of the line before it and its
own). The centre recomputes every hash and checks that the batch continues the chain it holds
for the desk: the first new line must follow the last stored one (id + 1, and its
``prev_hash`` equal to that line's hash; the first line of all follows ``GENESIS``). Lines it
already holds may come again (a desk that did not hear the answer sends them once more): the
same hash is a replay, another hash is 409 ``audit_chain_conflict``. A batch that does not
chain is 422 ``audit_chain_broken``. Both name the line (``id``) and say how far the centre's
copy goes (``last_id``), so a desk whose lines the centre lost can send them again.

The copy at the centre is what makes a rewritten desk log show: whoever holds the desk's disk
can recompute every hash after a change, but not the centre's.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel, Field, model_validator
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from central_api.auth import Principal
from central_api.context import AppContext, utc_now
from central_api.errors import ApiError
from central_api.models import Desk, DeskAuditLine
from central_api.schemas import NO_NUL, SHA256_PATTERN, Strict
from desk_app.store.audit_chain import GENESIS, canonical_json, verify_chain

log = logging.getLogger(__name__)

BATCH_MAX = 500
DETAILS_MAX_BYTES = 64 * 1024
BIG = 2**62  # the desk's line ids: far above any desk's, within a PostgreSQL bigint


# wire shapes --------------------------------------------------------------------------

Hash = Annotated[str, Field(pattern=SHA256_PATTERN)]


def _storable(moment: datetime) -> datetime:
    # Wider than a dossier's years: a desk whose clock was wrong wrote its lines all the same,
    # and a line refused here would hold back every line after it, for good.
    if not 1900 <= moment.year <= 9000:
        raise ValueError("a time between the years 1900 and 9000")
    return moment


LineMoment = Annotated[AwareDatetime, AfterValidator(_storable)]


class AuditLineIn(Strict):
    id: Annotated[int, Field(ge=1, le=BIG, description="the desk's line number: 1, 2, 3 … without a gap")]
    at: LineMoment
    actor: Annotated[str, Field(max_length=200, pattern=NO_NUL)]
    action: Annotated[str, Field(min_length=1, max_length=200, pattern=NO_NUL)]
    subject: Annotated[str, Field(max_length=1000, pattern=NO_NUL)] | None = None
    details: dict[str, Any] | None = Field(default=None, description="free JSON; never personal data")
    prev_hash: Hash = Field(description="the previous line's hash; 64 zeros before the first line")
    hash: Hash = Field(description="SHA-256 of prev_hash and the line's canonical JSON (see docs/architecture.md)")

    @model_validator(mode="after")
    def _hashable(self) -> AuditLineIn:
        try:
            size = len(canonical_json(self.details))
        except ValueError:  # NaN, or a lone surrogate that UTF-8 cannot hold
            raise ValueError("details must be JSON text that UTF-8 can hold") from None
        if size > DETAILS_MAX_BYTES:
            raise ValueError(f"details above {DETAILS_MAX_BYTES} bytes")
        return self


class AuditBatch(Strict):
    entries: Annotated[list[AuditLineIn], Field(min_length=1, max_length=BATCH_MAX,
                                                  description="consecutive lines, oldest first")]


class AuditReceived(BaseModel):
    desk_id: str
    last_id: int = Field(description="the last line the centre now holds for this desk")
    last_hash: str
    stored: int = Field(description="lines of this batch that were new")


# the desk sends -----------------------------------------------------------------------


def _tip(session: Session, desk_id: str) -> tuple[int, str]:
    last = session.execute(
        select(DeskAuditLine.id, DeskAuditLine.hash).where(DeskAuditLine.desk_id == desk_id)
        .order_by(DeskAuditLine.id.desc()).limit(1)
    ).first()
    return (int(last.id), last.hash) if last is not None else (0, GENESIS)


def receive(ctx: AppContext, principal: Principal, desk_id: str, batch: AuditBatch) -> dict[str, Any]:
    if desk_id != principal.desk_id:
        raise ApiError(403, "not_your_desk", "A desk sends its own audit log only (X-Desk-Id).")
    lines = batch.entries
    with ctx.db.writing() as session:
        # One batch per desk at a time (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises
        # writers): the stored tip read here stays the tip until this batch commits.
        session.execute(select(Desk.desk_id).where(Desk.desk_id == desk_id).with_for_update())
        last_id, last_hash = _tip(session, desk_id)
        verdict = verify_chain(lines, after_id=lines[0].id - 1, after_hash=lines[0].prev_hash)
        if not verdict.ok:
            raise ApiError(422, "audit_chain_broken", f"The batch does not chain: {verdict.detail}.",
                           id=verdict.broken_id, reason=verdict.reason, last_id=last_id)
        held = [line for line in lines if line.id <= last_id]
        if held:
            stored = dict(session.execute(
                select(DeskAuditLine.id, DeskAuditLine.hash)
                .where(DeskAuditLine.desk_id == desk_id, DeskAuditLine.id.between(held[0].id, held[-1].id))
            ).all())
            for line in held:
                if stored.get(line.id) != line.hash:
                    raise ApiError(409, "audit_chain_conflict",
                                   f"Line {line.id} differs from the one already received from this desk.",
                                   id=line.id, last_id=last_id)
        new = [line for line in lines if line.id > last_id]
        if new:
            first = new[0]
            if first.id != last_id + 1:
                raise ApiError(422, "audit_chain_broken", f"Lines {last_id + 1}–{first.id - 1} were never received.",
                               id=last_id + 1, reason="removed", last_id=last_id)
            if first.prev_hash != last_hash:
                raise ApiError(422, "audit_chain_broken",
                               f"Line {first.id} does not follow line {last_id} as received.",
                               id=first.id, reason="changed", last_id=last_id)
            now = utc_now()
            session.execute(insert(DeskAuditLine), [
                {"desk_id": desk_id, "id": line.id, "at": line.at, "actor": line.actor, "action": line.action,
                 "subject": line.subject, "details": line.details, "prev_hash": line.prev_hash,
                 "hash": line.hash, "received_at": now}
                for line in new
            ])
            last_id, last_hash = new[-1].id, new[-1].hash
    if new:
        log.info("desk %s audit: %d new lines, up to %d", desk_id, len(new), last_id)
    return AuditReceived(desk_id=desk_id, last_id=last_id, last_hash=last_hash, stored=len(new)).model_dump()
