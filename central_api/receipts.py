"""Receipt seals: learning the desks' keys from their dossiers, and checking printed receipts.

A desk seals every dossier it saves (desk_app.core.receipt_seal) and sends the seal, with its
public key, in the dossier body. The first dossier sealed with a key binds its kid to that
desk; the same kid from another desk is refused (409 ``receipt_key_conflict``), so a key
copied to a second PC cannot pass as that PC's own. ``POST /v1/receipts/verify`` reads a
scanned QR text and answers two questions: is the seal genuine, and do the signed fields
match the dossier the centre holds. ``GET /v1/receipts/keys`` lists the site's keys so a
desk can check receipts offline.
"""

from __future__ import annotations

import logging
from datetime import UTC
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from central_api.auth import Principal
from central_api.context import AppContext, utc_now
from central_api.db import upsert
from central_api.errors import ApiError
from central_api.models import Dossier, ReceiptKey
from central_api.schemas import DossierWire, Strict
from desk_app.core.receipt_seal import (
    MAX_TEXT,
    PUBLIC_KEY_BYTES,
    ParsedSeal,
    Seal,
    SealError,
    SealFields,
    SealStatus,
    b64url_decode,
    parse_seal,
    verify,
    verify_seal,
)
from desk_app.core.timeutil import to_rfc3339

log = logging.getLogger(__name__)


class ReceiptVerifyIn(Strict):
    text: Annotated[str, Field(min_length=1, max_length=MAX_TEXT, description="the receipt's QR code text, as scanned")]


class SignedFieldsOut(BaseModel):
    code: str = Field(description="the dossier code the receipt prints (final or provisional)")
    procedure_code: str
    received_at: str = Field(description="RFC 3339, +07:00, whole seconds")
    officer_username: str


class ReceiptVerifyOut(BaseModel):
    genuine: bool = Field(description="the seal is genuine and its fields match the dossier held here")
    seal: Literal["genuine", "forged", "unknown_key"] = Field(
        description="genuine: signed by a desk key of this site over exactly these fields; forged: the key is "
        "known but the signature does not fit; unknown_key: no desk of this site uses this key")
    dossier: Literal["matches", "differs", "not_found"] = Field(
        description="whether this site holds a dossier under the code (or the provisional code it replaced) "
        "with the signed procedure, received time and officer")
    differences: list[Literal["procedure_code", "received_at", "officer_username"]] = Field(
        description="the signed fields that differ from the dossier held")
    kid: str
    desk_id: str | None = Field(description="the desk the key belongs to, when known")
    fields: SignedFieldsOut
    dossier_code: str | None = Field(description="the dossier's code here (final), when found")
    status: int | None = Field(description="the dossier's status here (TrangThaiHoSo), when found")


class ReceiptKeyOut(BaseModel):
    kid: str
    public_key: str = Field(description="raw Ed25519 public key, base64url without padding")
    desk_id: str
    first_seen_at: str = Field(description="when the first dossier sealed with it arrived, RFC 3339")


class ReceiptKeysOut(BaseModel):
    items: list[ReceiptKeyOut]


# ---------------------------------------------------------------------- learning keys


def _signed_fields(wire: DossierWire) -> SealFields:
    if not wire.code:
        raise ApiError(422, "bad_receipt_seal", "A sealed dossier needs the code its receipt prints.")
    return SealFields(wire.code, wire.procedure_code, wire.received_at, wire.officer_username)


def _wire_seal(wire: DossierWire) -> Seal:
    assert wire.receipt_seal is not None
    try:
        return Seal.from_wire(wire.receipt_seal.model_dump())
    except (KeyError, TypeError, ValueError):
        # put_dossier reads the whole body with the desk's own reader first; kept for any other caller.
        raise ApiError(422, "bad_receipt_seal", "The receipt seal is malformed.") from None


def bind_receipt_key(session: Session, principal: Principal, wire: DossierWire) -> None:
    """Check a new dossier's seal and bind its key to the sending desk (first use), inside
    the dossier's own write transaction: a refused key refuses the dossier with it."""
    if wire.receipt_seal is None:
        return
    seal = _wire_seal(wire)
    # Proof that the desk holds the private key: nobody binds another desk's public key.
    if not verify_seal(seal, _signed_fields(wire)):
        raise ApiError(422, "bad_receipt_seal", "The receipt seal does not sign this dossier's code, procedure, "
                       "received time and officer.")
    # Insert-or-keep, so two dossiers racing with a new key end with one row, not an error.
    session.execute(
        upsert(session, ReceiptKey)
        .values(kid=seal.kid, public_key=wire.receipt_seal.public_key, desk_id=wire.desk_id,
                site_code=principal.site_code, first_seen_at=utc_now(), first_client_id=wire.client_id)
        .on_conflict_do_nothing(index_elements=[ReceiptKey.kid])
    )
    row = session.get_one(ReceiptKey, seal.kid, populate_existing=True)
    if row.desk_id != wire.desk_id or row.public_key != wire.receipt_seal.public_key:
        log.warning("receipt key %s of desk %s offered by desk %s", seal.kid, row.desk_id, wire.desk_id)
        raise ApiError(409, "receipt_key_conflict",
                       f"Receipt key {seal.kid} belongs to another desk; a desk seals with a key of its own.")


# ---------------------------------------------------------------------- checking a receipt


def _parsed(text: str) -> ParsedSeal:
    try:
        return parse_seal(text)
    except SealError as exc:
        raise ApiError(422, "bad_receipt_text", exc.english()) from None


def _site_key(session: Session, principal: Principal, kid: str) -> ReceiptKey | None:
    row = session.get(ReceiptKey, kid)
    # Another site's key is answered as unknown: which desks exist elsewhere does not leak.
    return row if row is not None and row.site_code == principal.site_code else None


def _held_dossier(session: Session, principal: Principal, code: str) -> Dossier | None:
    """The site's dossier under this code, or under the provisional code a final one replaced."""
    rows = session.scalars(
        select(Dossier)
        .where(Dossier.site_code == principal.site_code, or_(Dossier.code == code, Dossier.submitted_code == code))
        .order_by(Dossier.id)
    ).all()
    return next((r for r in rows if r.code == code), rows[0] if rows else None)


def _differences(dossier: Dossier, fields: SealFields) -> list[str]:
    held_at = dossier.received_at.astimezone(UTC).replace(microsecond=0)
    checks = (
        ("procedure_code", dossier.procedure_code == fields.procedure_code),
        ("received_at", held_at == fields.received_utc),
        ("officer_username", dossier.body.get("officer_username") == fields.officer_username),
    )
    return [name for name, same in checks if not same]


def verify_receipt(ctx: AppContext, principal: Principal, text: str) -> dict[str, Any]:
    parsed = _parsed(text)
    fields = parsed.fields
    with ctx.db.reading() as session:
        key = _site_key(session, principal, parsed.kid)
        dossier = _held_dossier(session, principal, fields.code)
    known = {key.kid: b64url_decode(key.public_key, PUBLIC_KEY_BYTES)} if key is not None else {}
    verdict = verify(parsed, known)
    differences = _differences(dossier, fields) if dossier is not None else []
    matching = "not_found" if dossier is None else ("differs" if differences else "matches")
    log.info("receipt %s checked: seal %s, dossier %s", fields.code, verdict.status.value, matching)
    return ReceiptVerifyOut(
        genuine=verdict.status is SealStatus.GENUINE and matching == "matches",
        seal=verdict.status.value,
        dossier=matching,
        differences=differences,
        kid=parsed.kid,
        desk_id=key.desk_id if key is not None else None,
        fields=SignedFieldsOut(code=fields.code, procedure_code=fields.procedure_code,
                               received_at=to_rfc3339(fields.received_utc), officer_username=fields.officer_username),
        dossier_code=dossier.code if dossier is not None else None,
        status=dossier.status if dossier is not None else None,
    ).model_dump(mode="json")


def site_keys(ctx: AppContext, principal: Principal) -> dict[str, Any]:
    with ctx.db.reading() as session:
        rows = session.scalars(
            select(ReceiptKey).where(ReceiptKey.site_code == principal.site_code)
            .order_by(ReceiptKey.first_seen_at, ReceiptKey.kid)
        ).all()
    return ReceiptKeysOut(items=[
        ReceiptKeyOut(kid=r.kid, public_key=r.public_key, desk_id=r.desk_id, first_seen_at=to_rfc3339(r.first_seen_at))
        for r in rows
    ]).model_dump(mode="json")
