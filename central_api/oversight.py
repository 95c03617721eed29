"""Supervisor reviews of dossiers, and the desks' print log.

``PUT /v1/dossiers/{client_id}/reviews/{review_id}``: a supervisor approves a flagged
dossier, returns it to the officer with a note, or escalates it. ``PUT
/v1/dossiers/{client_id}/prints/{print_id}``: a desk reports a print of a dossier's form.

Both are idempotent like fee records: the desk names each record with a UUID, the first
arrival stores it (201), the same body again answers the same record (200), another body
under the id is a conflict (409). Both are site-scoped: another site's dossier is unknown.

A review, and a print made again with a reason (a reprint), move the dossier up the change
feed, whose records carry the refunds, reprints and last review (central_api.feed_oversight):
that is how every desk of the site learns the decision or the new flag.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central_api.auth import Principal
from central_api.context import AppContext, utc_now
from central_api.dossiers import next_feed_seq, own_dossier
from central_api.errors import ApiError
from central_api.feed_oversight import review_record
from central_api.jsonutil import json_digest
from central_api.models import Dossier, DossierPrint, DossierReview
from central_api.replays import stored_under
from central_api.schemas import NO_NUL, UUID_PATTERN, Moment, ReviewAction, Strict
from desk_app.core.review import NOTE_REQUIRED, REVIEW_NOTE_MAX, REVIEW_NOTE_MIN
from desk_app.core.timeutil import to_rfc3339

log = logging.getLogger(__name__)

# The desk's print log's rule (desk_app.store.records): a reprint says why in a few words at least.
REPRINT_REASON_MIN = 3
REVIEW_FLAGS_LIMIT = 64  # the six ReviewFlag bits

Uuid = Annotated[str, Field(pattern=UUID_PATTERN)]


class ReviewIn(Strict):
    review_id: Uuid | None = Field(default=None, description="if sent, the id in the address")
    action: ReviewAction
    note: Annotated[str, Field(max_length=REVIEW_NOTE_MAX, pattern=NO_NUL)] | None = Field(
        default=None, description=f"required (at least {REVIEW_NOTE_MIN} characters) to return or escalate"
    )
    flags: Annotated[int, Field(ge=0, lt=REVIEW_FLAGS_LIMIT, description="the review flag bits the decision covers")]
    at: Moment = Field(description="when the supervisor decided")


class PrintIn(Strict):
    print_id: Uuid | None = Field(default=None, description="if sent, the id in the address")
    client_id: Uuid | None = Field(default=None, description="if sent, the dossier in the address")
    kind: Annotated[str, Field(min_length=1, max_length=32, pattern=NO_NUL, description='the form, e.g. "receipt"')]
    paper: Annotated[str, Field(min_length=1, max_length=16, pattern=NO_NUL, description='e.g. "a4", "roll80"')]
    copies: Annotated[int, Field(ge=1, le=100)]
    printer: Annotated[str, Field(max_length=200, pattern=NO_NUL)] | None = None
    reprint_reason: Annotated[str, Field(max_length=1000, pattern=NO_NUL)] | None = Field(
        default=None, description=f"set for a print made again (at least {REPRINT_REASON_MIN} characters)"
    )
    officer_username: Annotated[str, Field(min_length=1, max_length=64, pattern=NO_NUL)]
    at: Moment
    outcome: Literal["printed", "failed", "cancelled"]


class PrintRecordOut(BaseModel):
    print_id: str
    client_id: str
    kind: str
    paper: str
    copies: int
    printer: str | None
    reprint_reason: str | None
    officer_username: str
    at: str = Field(description="RFC 3339, +07:00")
    outcome: str
    desk_id: str = Field(description="the desk that reported it")
    recorded_at: str = Field(description="when the central API stored it")


def _digest(body: dict[str, Any]) -> str:
    try:
        return json_digest(body)
    except UnicodeEncodeError:
        # A lone surrogate (\ud800) parses as JSON but is no text that can be stored.
        raise ApiError(422, "invalid_text", "The body holds a string that is not valid Unicode.") from None


class _AlreadyStored(Exception):
    """The same record arrived twice at once and the other copy committed first."""

    def __init__(self, answer: dict[str, Any]) -> None:
        super().__init__("already stored")
        self.answer = answer


# reviews ------------------------------------------------------------------------------


def _review_body(review_id: str, review: ReviewIn) -> dict[str, Any]:
    if review.review_id is not None and review.review_id != review_id:
        raise ApiError(422, "id_mismatch", "review_id in the body must match the address.")
    note = (review.note or "").strip() or None
    if review.action in NOTE_REQUIRED and len(note or "") < REVIEW_NOTE_MIN:
        raise ApiError(
            422, "note_required", f"Returning or escalating a dossier needs a note of at least {REVIEW_NOTE_MIN} characters."
        )
    return {"action": review.action, "note": note, "flags": review.flags, "at": to_rfc3339(review.at)}


def _review_replay(session: Session, dossier: Dossier, review_id: str, digest: str) -> dict[str, Any] | None:
    # The body only, not who sends it: a desk's outbox may replay under the next supervisor's token.
    row = stored_under(session, DossierReview.review_id, review_id, owner="dossier_id", owned_by=dossier.id,
                       digest=digest, conflict="review_conflict", what="review")
    return None if row is None else review_record(row, dossier.client_id)


def put_review(
    ctx: AppContext, principal: Principal, client_id: str, review_id: str, review: ReviewIn
) -> tuple[int, dict[str, Any]]:
    body = _review_body(review_id, review)
    digest = _digest(body)
    with ctx.db.reading() as session:
        dossier = own_dossier(session, principal, client_id)
        replayed = _review_replay(session, dossier, review_id, digest)
    if replayed is not None:
        return 200, replayed
    try:
        with ctx.db.writing() as session:
            # The counter first: its lock serialises feed writers, so the replay check below
            # sees any copy of this review that committed meanwhile.
            seq = next_feed_seq(session)
            now = utc_now()
            dossier = own_dossier(session, principal, client_id)
            replayed = _review_replay(session, dossier, review_id, digest)
            if replayed is not None:
                raise _AlreadyStored(replayed)  # leaving by an exception rolls the counter back
            row = DossierReview(
                review_id=review_id, dossier_id=dossier.id, action=body["action"], note=body["note"],
                flags=body["flags"], actor=principal.username, actor_name=principal.full_name, at=review.at,
                recorded_at=now, body_hash=digest,
            )
            session.add(row)
            dossier.feed_seq = seq
            dossier.updated_at = now
            session.flush()
            answer = review_record(row, dossier.client_id)
    except _AlreadyStored as replay:
        return 200, replay.answer
    log.info("dossier %s reviewed (%s) by %s", dossier.code, body["action"], principal.username)
    return 201, answer


# prints -------------------------------------------------------------------------------


def _print_body(client_id: str, print_id: str, record: PrintIn) -> dict[str, Any]:
    if (record.print_id or print_id) != print_id or (record.client_id or client_id) != client_id:
        raise ApiError(422, "id_mismatch", "print_id and client_id in the body must match the address.")
    reason = None if record.reprint_reason is None else " ".join(record.reprint_reason.split())
    if reason is not None and len(reason) < REPRINT_REASON_MIN:
        raise ApiError(422, "reason_required", f"A reprint needs a reason of at least {REPRINT_REASON_MIN} characters.")
    return {
        "kind": record.kind, "paper": record.paper, "copies": record.copies, "printer": record.printer or None,
        "reprint_reason": reason, "officer_username": record.officer_username, "at": to_rfc3339(record.at),
        "outcome": record.outcome,
    }


def _print_out(row: DossierPrint, dossier: Dossier) -> dict[str, Any]:
    return PrintRecordOut(
        print_id=row.print_id, client_id=dossier.client_id, kind=row.kind, paper=row.paper, copies=row.copies,
        printer=row.printer, reprint_reason=row.reprint_reason, officer_username=row.officer_username,
        at=to_rfc3339(row.at), outcome=row.outcome, desk_id=row.desk_id, recorded_at=to_rfc3339(row.recorded_at),
    ).model_dump(mode="json")


def _print_replay(session: Session, dossier: Dossier, print_id: str, digest: str) -> dict[str, Any] | None:
    row = stored_under(session, DossierPrint.print_id, print_id, owner="dossier_id", owned_by=dossier.id,
                       digest=digest, conflict="print_conflict", what="print")
    return None if row is None else _print_out(row, dossier)


def put_print(
    ctx: AppContext, principal: Principal, client_id: str, print_id: str, record: PrintIn
) -> tuple[int, dict[str, Any]]:
    body = _print_body(client_id, print_id, record)
    digest = _digest(body)
    with ctx.db.reading() as session:
        dossier = own_dossier(session, principal, client_id)
        replayed = _print_replay(session, dossier, print_id, digest)
    if replayed is not None:
        return 200, replayed
    reprint = body["reprint_reason"] is not None
    try:
        with ctx.db.writing() as session:
            # Only a reprint changes what the desks see (it raises a flag); a first print
            # leaves the feed alone and takes no counter lock.
            seq = next_feed_seq(session) if reprint else None
            now = utc_now()
            dossier = own_dossier(session, principal, client_id)
            replayed = _print_replay(session, dossier, print_id, digest)
            if replayed is not None:
                raise _AlreadyStored(replayed)
            row = DossierPrint(
                print_id=print_id, dossier_id=dossier.id, kind=body["kind"], paper=body["paper"],
                copies=body["copies"], printer=body["printer"], reprint_reason=body["reprint_reason"],
                officer_username=body["officer_username"], at=record.at, outcome=body["outcome"],
                desk_id=principal.desk_id, recorded_at=now, body_hash=digest,
            )
            session.add(row)
            if seq is not None:
                dossier.feed_seq = seq
                dossier.updated_at = now
            session.flush()
            answer = _print_out(row, dossier)
    except _AlreadyStored as replay:
        return 200, replay.answer
    except IntegrityError:
        # Two first copies at once (PostgreSQL, no counter lock taken): the other one won.
        with ctx.db.reading() as session:
            replayed = _print_replay(session, own_dossier(session, principal, client_id), print_id, digest)
        if replayed is None:
            raise
        return 200, replayed
    log.info("print %s of dossier %s (%s, %s)", print_id, dossier.code, body["kind"], body["outcome"])
    return 201, answer
