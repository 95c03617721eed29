"""Idempotent intake of dossiers from the desks, and the per-site change feed back to them.

The desk may send the same dossier any number of times (it retries until it sees an
answer). The first arrival creates the record (201); an identical replay gets the very
same answer (200); a different body under the same ``client_id`` is a conflict (409),
since two dossiers must never share an id.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central_api.auth import INTAKE_ROLES, Principal
from central_api.catalogue import ParsedCatalogues
from central_api.codes import allocate_final_code, leased_to
from central_api.context import AppContext, utc_now
from central_api.errors import ApiError
from central_api.feed_oversight import oversight_blocks
from central_api.jsonutil import json_digest
from central_api.models import Blob, Dossier, DossierAttachment, FeedCounter, User
from central_api.receipts import bind_receipt_key
from central_api.schemas import DossierWire
from desk_app.core.dossier import DESK_OUTCOMES, DossierDataError, DossierStatus
from desk_app.core.dossier import Dossier as CoreDossier
from desk_app.core.dossier_code import DossierCodeError, format_code, is_provisional, parse_code
from desk_app.core.review import OPEN_STATUSES
from desk_app.core.timeutil import VN_TZ, to_rfc3339
from desk_app.core.validation import validate_form

log = logging.getLogger(__name__)

# A dossier first reaches the centre as taken at the desk: still new, or with the outcome
# the officer recorded in front of the citizen. Later moves arrive as events.
INITIAL_STATUSES = frozenset({DossierStatus.NEW, *DESK_OUTCOMES})


def normalised_body(wire: DossierWire) -> dict[str, Any]:
    body = wire.model_dump(mode="json")
    # One spelling of each instant, so a replay compares equal however it was written.
    body["received_at"] = to_rfc3339(wire.received_at)
    body["due_at"] = to_rfc3339(wire.due_at)
    if wire.consent is not None:
        body["consent"]["given_at"] = to_rfc3339(wire.consent.given_at)
    return body


def own_dossier(session: Session, principal: Principal, client_id: str) -> Dossier:
    """The caller's site's dossier; another site's is answered as unknown (404), never as forbidden."""
    row = session.scalar(select(Dossier).where(Dossier.client_id == client_id))
    if row is None or row.site_code != principal.site_code:
        raise ApiError(404, "dossier_not_found", "No such dossier at this site.")
    return row


def _conflict(client_id: str) -> ApiError:
    return ApiError(
        409, "client_id_conflict",
        f"A different dossier was already received under client_id {client_id}.",
    )


def _replay_answer(row: Dossier, principal: Principal, body_hash: str) -> dict[str, Any]:
    if row.site_code != principal.site_code:
        raise _conflict(row.client_id)
    if body_hash in (row.request_hash, row.final_hash):
        return dict(row.response)
    raise _conflict(row.client_id)


def _check_references(
    principal: Principal, wire: DossierWire, session: Session, catalogues: ParsedCatalogues
) -> None:
    if wire.site_code != principal.site_code:
        raise ApiError(
            403, "foreign_site", f"This account may only send dossiers of site {principal.site_code}."
        )
    if wire.desk_id != principal.desk_id:
        raise ApiError(403, "desk_mismatch", "The dossier's desk_id is not the desk in X-Desk-Id.")
    officer = session.scalar(select(User).where(User.username == wire.officer_username))
    if officer is None or officer.site_code != principal.site_code:
        raise ApiError(
            422, "unknown_officer", f"No account {wire.officer_username!r} works at site {principal.site_code}."
        )
    if wire.status not in INITIAL_STATUSES:
        raise ApiError(
            422, "bad_initial_status",
            f"A new dossier cannot arrive in status {wire.status}; "
            f"allowed: {sorted(int(s) for s in INITIAL_STATUSES)}.",
        )
    if wire.status == DossierStatus.REFUSED and not (wire.outcome_note or "").strip():
        # A refusal at the counter carries its reason (Mẫu 03), as a refusal event does.
        raise ApiError(422, "reason_required", "A dossier refused at the desk needs its reason in outcome_note.")
    if wire.due_at < wire.received_at:
        raise ApiError(422, "bad_due_at", "due_at lies before received_at.")
    catalogue = catalogues.get(session, wire.catalogue_version)
    if catalogue is None:
        raise ApiError(
            422, "unknown_catalogue_version", f"Catalogue version {wire.catalogue_version!r} is not known here."
        )
    procedure = next((p for p in catalogue.procedures if p.code == wire.procedure_code), None)
    if procedure is None:
        raise ApiError(
            422, "unknown_procedure",
            f"Procedure {wire.procedure_code!r} is not in catalogue version {wire.catalogue_version}.",
        )
    if wire.status == DossierStatus.ACCEPTED:
        problems = validate_form(procedure.fields, wire.form_values, catalogue.places)
        if problems:
            raise ApiError(
                422, "form_invalid", "The application form is incomplete or wrong: "
                + "; ".join(p.english() for p in problems),
                problems=[{"key": p.key, "message": p.english()} for p in problems],
            )
    if wire.delivery not in {d.value for d in procedure.delivery_options}:
        raise ApiError(422, "bad_delivery", f"Procedure {procedure.code} does not offer delivery {wire.delivery!r}.")
    if wire.delivery == "post" and not (wire.delivery_address or "").strip():
        raise ApiError(422, "delivery_address_required", "Delivery by post needs a delivery_address.")


def _check_attachments(ctx: AppContext, wire: DossierWire, session: Session) -> None:
    wanted = {a.sha256: a for a in wire.attachments}
    if not wanted:
        return
    rows = {b.sha256: b for b in session.scalars(select(Blob).where(Blob.sha256.in_(list(wanted))))}
    missing = sorted(
        sha for sha in wanted if sha not in rows or not rows[sha].complete or not ctx.blobs.has(sha)
    )
    if missing:
        raise ApiError(
            422, "attachments_missing",
            f"{len(missing)} attachment(s) are not stored here yet; upload them first, then send the dossier.",
            missing=missing,
        )
    wrong = sorted(sha for sha, ref in wanted.items() if rows[sha].length != ref.size)
    if wrong:
        raise ApiError(
            422, "attachment_size_mismatch", "Attachment sizes differ from the stored blobs.", sha256=wrong
        )


def _final_code(session: Session, principal: Principal, wire: DossierWire) -> tuple[str, str | None]:
    """The code the record keeps, and the code it replaced (None when the desk's code stands)."""
    received_day = wire.received_at.astimezone(VN_TZ).date()
    if wire.code is None or wire.code_provisional or is_provisional(wire.code):
        final = allocate_final_code(session, principal.site_code, received_day, principal.code_width)
        return final, wire.code
    try:
        agency, day, seq = parse_code(wire.code)
    except DossierCodeError as exc:
        raise ApiError(422, "bad_code", str(exc)) from None
    if agency != principal.site_code or day != received_day:
        raise ApiError(
            422, "code_mismatch",
            f"Code {wire.code} does not belong to site {principal.site_code} on {received_day:%d/%m/%Y}.",
        )
    if not leased_to(session, wire.desk_id, agency, day, seq):
        raise ApiError(
            422, "code_not_leased", f"Code {wire.code} is not in a block leased to desk {wire.desk_id}."
        )
    if format_code(agency, day, seq, principal.code_width) != wire.code:
        raise ApiError(422, "bad_code", f"Code {wire.code} does not use {principal.code_width} digits.")
    return wire.code, None


def put_dossier(
    ctx: AppContext, catalogues: ParsedCatalogues, principal: Principal, client_id: str, wire: DossierWire
) -> tuple[int, dict[str, Any]]:
    principal.require_role(INTAKE_ROLES)
    if wire.client_id != client_id:
        raise ApiError(422, "client_id_mismatch", "The body's client_id differs from the one in the path.")
    body = normalised_body(wire)
    body_hash = json_digest(body)
    with ctx.db.reading() as session:
        existing = session.scalar(select(Dossier).where(Dossier.client_id == client_id))
    if existing is not None:
        return 200, _replay_answer(existing, principal, body_hash)
    try:
        CoreDossier.from_wire(body)
    except DossierDataError as exc:
        raise ApiError(422, "invalid_dossier", str(exc)) from None
    try:
        return 201, _create(ctx, catalogues, principal, wire, body, body_hash)
    except IntegrityError:
        # Lost a race with a concurrent copy of the same dossier, or the code is taken.
        with ctx.db.reading() as session:
            existing = session.scalar(select(Dossier).where(Dossier.client_id == client_id))
        if existing is not None:
            return 200, _replay_answer(existing, principal, body_hash)
        raise ApiError(409, "code_taken", f"Dossier code {wire.code} is already used by another dossier.") from None


def _create(
    ctx: AppContext,
    catalogues: ParsedCatalogues,
    principal: Principal,
    wire: DossierWire,
    body: dict[str, Any],
    body_hash: str,
) -> dict[str, Any]:
    now = utc_now()
    with ctx.db.writing() as session:
        _check_references(principal, wire, session, catalogues)
        _check_attachments(ctx, wire, session)
        bind_receipt_key(session, principal, wire)
        code, replaced = _final_code(session, principal, wire)
        unique_shas = list(dict.fromkeys(a.sha256 for a in wire.attachments))
        final_body = {**body, "code": code, "code_provisional": False}
        answer = {
            "client_id": wire.client_id,
            "code": code,
            "code_provisional": False,
            "status": wire.status,
            "server_received_at": to_rfc3339(now),
            "attachments": [{"sha256": sha, "stored": True} for sha in unique_shas],
            "replaced_code": replaced,
        }
        row = Dossier(
            client_id=wire.client_id,
            code=code,
            submitted_code=wire.code or "",
            site_code=principal.site_code,
            desk_id=wire.desk_id,
            procedure_code=wire.procedure_code,
            catalogue_version=wire.catalogue_version,
            status=wire.status,
            channel=wire.channel,
            received_at=wire.received_at,
            due_at=wire.due_at,
            body=final_body,
            request_hash=body_hash,
            final_hash=json_digest(final_body),
            response=answer,
            submitted_by=principal.username,
            server_received_at=now,
            updated_at=now,
            feed_seq=next_feed_seq(session),
            # A refusal at the desk ends the dossier there and then (see OPEN_STATUSES).
            resolved_at=wire.received_at if wire.status == DossierStatus.REFUSED else None,
        )
        session.add(row)
        session.flush()
        kinds: dict[str, str] = {}
        for attachment in wire.attachments:
            kinds.setdefault(attachment.sha256, attachment.kind)
        session.add_all(DossierAttachment(dossier_id=row.id, sha256=sha, kind=kind) for sha, kind in kinds.items())
    log.info("dossier %s received as %s from desk %s", wire.client_id, code, wire.desk_id)
    return answer


def next_feed_seq(session: Session) -> int:
    """The next change-feed position. Every writer that changes what a desk sees takes it
    (intake here, status events in central_api.lifecycle, refunds in central_api.fees,
    reviews and reprints in central_api.oversight): the counter row stays locked
    until commit, so those writers are serialised and the feed never skips a change."""
    return session.execute(
        update(FeedCounter).where(FeedCounter.id == 1).values(value=FeedCounter.value + 1).returning(FeedCounter.value)
    ).scalar_one()




def is_overdue(due_at: datetime | None, status: int, now: datetime) -> bool:
    """Past its appointment and still open (central_api.stats counts the same way)."""
    return due_at is not None and due_at < now and status in OPEN_STATUSES


def record_for_wire(row: Dossier, oversight: dict[str, Any], now: datetime | None = None) -> dict[str, Any]:
    return {
        **row.body,
        "server_received_at": to_rfc3339(row.server_received_at),
        "updated_at": to_rfc3339(row.updated_at),
        "overdue": is_overdue(row.due_at, row.status, now or utc_now()),
        "oversight": oversight,
    }


def list_changes(ctx: AppContext, principal: Principal, since: str | None, limit: int) -> dict[str, Any]:
    after = 0
    if since:
        if not since.isdigit() or len(since) > 18:
            raise ApiError(422, "bad_cursor", "The cursor is not one this server gave out.")
        after = int(since)
    with ctx.db.reading() as session:
        rows = session.scalars(
            select(Dossier)
            .where(Dossier.site_code == principal.site_code, Dossier.feed_seq > after)
            .order_by(Dossier.feed_seq)
            .limit(limit + 1)
        ).all()
        page = rows[:limit]
        # In the same snapshot as the page, so a record and its oversight block agree.
        oversight = oversight_blocks(session, page)
    cursor = str(page[-1].feed_seq) if page else str(after)
    now = utc_now()
    return {
        "items": [record_for_wire(r, oversight[r.id], now) for r in page],
        "cursor": cursor,
        "has_more": len(rows) > limit,
    }
