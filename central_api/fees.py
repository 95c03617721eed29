"""Fee records from the desks: a payment taken at the counter, or a refund of one.

``PUT /v1/dossiers/{client_id}/fees/{fee_id}``: the desk names each record with a UUID,
so its outbox can send it any number of times. The first arrival stores it (201), an
identical replay answers the same record (200), another body under the same ``fee_id`` is
a conflict (409 ``fee_id_conflict``). The ``fee_id`` is unique in the database, so two
concurrent first arrivals end as one record and one replay.

A refund names a payment of the same dossier; the refunds of a payment never add up to
more than it (409 ``refund_exceeds_payment``). A refund also moves the dossier up the
change feed, whose records count the refunds (``oversight``), so every desk's supervisor
sees it flagged.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central_api.auth import Principal
from central_api.context import AppContext, utc_now
from central_api.dossiers import next_feed_seq, own_dossier
from central_api.errors import ApiError
from central_api.jsonutil import json_digest
from central_api.models import Dossier, FeeRecord
from central_api.replays import stored_under
from central_api.schemas import UUID_PATTERN, Money, Strict, Text
from desk_app.core.timeutil import to_rfc3339

log = logging.getLogger(__name__)


class FeeRecordItem(Strict):
    code: Annotated[str, Field(max_length=60)]
    name: Text
    amount: Money


class FeeRecordIn(Strict):
    fee_id: Annotated[str, Field(pattern=UUID_PATTERN)]
    client_id: Annotated[str, Field(pattern=UUID_PATTERN)]
    kind: Literal["payment", "refund"]
    amount: Annotated[int, Field(ge=1, le=10_000_000_000, description="integer đồng")]
    method: Literal["cash", "bank_transfer", "qr"]
    recorded_at: datetime
    officer_username: Annotated[str, Field(min_length=1, max_length=64)]
    receipt_number: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00]*$")] | None = None
    items: Annotated[list[FeeRecordItem], Field(max_length=50)] = Field(default_factory=list)
    reason: Annotated[str, Field(max_length=2000, pattern=r"^[^\x00]*$")] | None = None
    refers_to: Annotated[str, Field(pattern=UUID_PATTERN)] | None = None

    @model_validator(mode="after")
    def _holds_together(self) -> FeeRecordIn:
        if self.recorded_at.tzinfo is None:
            raise ValueError("recorded_at needs a UTC offset")
        if self.kind == "payment":
            if not self.items or sum(i.amount for i in self.items) != self.amount:
                raise ValueError("a payment lists its items and they add up to the amount")
            if self.refers_to is not None:
                raise ValueError("only a refund refers to a payment")
        elif self.refers_to is None or not (self.reason or "").strip():
            raise ValueError("a refund names the payment it gives back and a reason")
        return self


class FeeRecordOut(BaseModel):
    fee_id: str
    client_id: str
    code: str = Field(description="the dossier's code")
    kind: str
    amount: int
    method: str
    receipt_number: str | None
    recorded_at: str
    officer_username: str
    reason: str | None
    refers_to: str | None
    received_at: str = Field(description="when the central API stored it")


class FeeRecordList(BaseModel):
    items: list[FeeRecordOut]


def _body(record: FeeRecordIn) -> dict[str, Any]:
    body = record.model_dump(mode="json")
    body["recorded_at"] = to_rfc3339(record.recorded_at)  # one spelling of the instant
    return body


def _out(row: FeeRecord, dossier: Dossier) -> dict[str, Any]:
    body = row.body
    return FeeRecordOut(
        fee_id=row.fee_id, client_id=dossier.client_id, code=dossier.code, kind=row.kind, amount=row.amount,
        method=body["method"], receipt_number=body.get("receipt_number"), recorded_at=body["recorded_at"],
        officer_username=body["officer_username"], reason=body.get("reason"), refers_to=row.refers_to,
        received_at=to_rfc3339(row.received_at),
    ).model_dump(mode="json")


def _replay(session: Session, dossier: Dossier, fee_id: str, digest: str) -> dict[str, Any] | None:
    row = stored_under(session, FeeRecord.fee_id, fee_id, owner="dossier_id", owned_by=dossier.id, digest=digest,
                       conflict="fee_id_conflict", what="fee record")
    return None if row is None else _out(row, dossier)


def put_fee(ctx: AppContext, principal: Principal, client_id: str, fee_id: str, record: FeeRecordIn) -> tuple[int, dict]:
    if record.fee_id != fee_id or record.client_id != client_id:
        raise ApiError(422, "id_mismatch", "fee_id and client_id in the body must match the address.")
    body = _body(record)
    digest = json_digest(body)
    with ctx.db.reading() as session:
        dossier = own_dossier(session, principal, client_id)
        replayed = _replay(session, dossier, fee_id, digest)
    if replayed is not None:
        return 200, replayed
    try:
        with ctx.db.writing() as session:
            # A refund flags the dossier for review at every desk of the site: it goes back
            # into the change feed (the counter first, as every feed writer takes it).
            seq = next_feed_seq(session) if record.kind == "refund" else None
            now = utc_now()
            dossier = own_dossier(session, principal, client_id)
            if record.kind == "refund":
                _check_refund(session, dossier, record)
            row = FeeRecord(
                fee_id=fee_id, dossier_id=dossier.id, kind=record.kind, amount=record.amount,
                refers_to=record.refers_to, body=body, body_hash=digest, desk_id=principal.desk_id,
                received_at=now,
            )
            if seq is not None:
                dossier.feed_seq = seq
                dossier.updated_at = now
            session.add(row)
            session.flush()
            answer = _out(row, dossier)
    except IntegrityError:
        # The same record arrived twice at once and the other copy committed first.
        with ctx.db.reading() as session:
            dossier = own_dossier(session, principal, client_id)
            replayed = _replay(session, dossier, fee_id, digest)
        if replayed is None:
            raise
        return 200, replayed
    log.info("fee %s %s of %d for dossier %s", fee_id, record.kind, record.amount, dossier.code)
    return 201, answer


def _check_refund(session: Session, dossier: Dossier, record: FeeRecordIn) -> None:
    # The payment's row lock makes two refunds of it wait for each other, so their sum is
    # checked against what the other committed (PostgreSQL; SQLite writes one at a time).
    payment = session.scalar(select(FeeRecord).where(FeeRecord.fee_id == record.refers_to).with_for_update())
    if payment is None or payment.dossier_id != dossier.id or payment.kind != "payment":
        raise ApiError(409, "payment_not_found", "A refund must name a payment of the same dossier received here.")
    # PostgreSQL sums a bigint column as numeric: back to int before it reaches JSON.
    refunded = int(session.scalar(
        select(func.coalesce(func.sum(FeeRecord.amount), 0)).where(FeeRecord.refers_to == payment.fee_id)
    ) or 0)
    if refunded + record.amount > payment.amount:
        raise ApiError(
            409, "refund_exceeds_payment",
            f"Only {payment.amount - refunded} đồng of payment {payment.fee_id} is left to refund.",
            left=payment.amount - refunded,
        )


def list_fees(ctx: AppContext, principal: Principal, client_id: str) -> dict[str, Any]:
    with ctx.db.reading() as session:
        dossier = own_dossier(session, principal, client_id)
        rows = session.scalars(select(FeeRecord).where(FeeRecord.dossier_id == dossier.id).order_by(FeeRecord.id))
        return {"items": [_out(row, dossier) for row in rows]}
