from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from central_api import oversight
from central_api.auth import Principal
from central_api.authz import INTAKE_ROLES, SUPERVISOR, allow
from central_api.context import AppContext, get_context
from central_api.routes.common import errors
from central_api.schemas import UUID_PATTERN, ReviewRecord

router = APIRouter(prefix="/v1/dossiers", tags=["oversight"])
Context = Annotated[AppContext, Depends(get_context)]
# Site-scoped: oversight.py answers another site's dossier as unknown (404).
Reviewer = Annotated[Principal, allow(SUPERVISOR)]
Taker = Annotated[Principal, allow(*INTAKE_ROLES)]
Uuid = Annotated[str, Path(pattern=UUID_PATTERN)]


@router.put(
    "/{client_id}/reviews/{review_id}",
    response_model=ReviewRecord,
    status_code=201,
    responses={200: {"model": ReviewRecord, "description": "Replay of a review already recorded: the same answer"},
               **errors(400, 401, 403, 404, 409, 422)},
)
async def put_review(
    client_id: Uuid, review_id: Uuid, body: oversight.ReviewIn, ctx: Context, principal: Reviewer
) -> JSONResponse:
    """Record a supervisor's decision on a flagged dossier: approve, return to the officer or
    escalate (the last two need a note, 422 ``note_required``). 201 the first time, 200 with
    the same answer for the same body again, 409 ``review_conflict`` for another body under a
    used ``review_id``. The dossier moves up the change feed with the review in its
    ``oversight`` block."""
    status, answer = await run_in_threadpool(oversight.put_review, ctx, principal, client_id, review_id, body)
    return JSONResponse(answer, status_code=status)


@router.put(
    "/{client_id}/prints/{print_id}",
    response_model=oversight.PrintRecordOut,
    status_code=201,
    responses={200: {"model": oversight.PrintRecordOut, "description": "Replay of a print already recorded: the same answer"},
               **errors(400, 401, 403, 404, 409, 422)},
)
async def put_print(
    client_id: Uuid, print_id: Uuid, body: oversight.PrintIn, ctx: Context, principal: Taker
) -> JSONResponse:
    """Keep a print of one of the dossier's forms in the central print log. 201 the first
    time, 200 for the same body again, 409 ``print_conflict`` for another body under a used
    ``print_id``. A reprint (with ``reprint_reason``, 422 ``reason_required`` when shorter
    than 3 characters) moves the dossier up the change feed, its ``oversight.reprints`` counted."""
    status, answer = await run_in_threadpool(oversight.put_print, ctx, principal, client_id, print_id, body)
    return JSONResponse(answer, status_code=status)
