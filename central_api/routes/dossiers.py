from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from central_api import dossiers
from central_api.auth import Principal
from central_api.authz import INTAKE_ROLES, allow
from central_api.context import AppContext, get_context
from central_api.routes.common import errors
from central_api.schemas import UUID_PATTERN, DossierAnswer, DossierPage, DossierWire

router = APIRouter(prefix="/v1/dossiers", tags=["dossiers"])
Context = Annotated[AppContext, Depends(get_context)]
# Site-scoped: dossiers.py only reads and writes rows of principal.site_code.
Intake = Annotated[Principal, allow(*INTAKE_ROLES)]


@router.put(
    "/{client_id}",
    response_model=DossierAnswer,
    status_code=201,
    responses={200: {"model": DossierAnswer, "description": "Replay of a dossier already received: the same answer"},
               **errors(400, 401, 403, 409, 422)},
)
async def put_dossier(
    client_id: Annotated[str, Path(pattern=UUID_PATTERN)],
    body: DossierWire,
    request: Request,
    ctx: Context,
    principal: Intake,
) -> JSONResponse:
    """Receive a dossier, idempotently: 201 the first time, 200 with the same answer on an
    identical replay, 409 for a different body under the same client_id. Attachments must be
    uploaded first; a provisional code is replaced by a final one (see ``replaced_code``)."""
    status, answer = await run_in_threadpool(
        dossiers.put_dossier, ctx, request.app.state.catalogues, principal, client_id, body
    )
    return JSONResponse(answer, status_code=status)


@router.get("", response_model=DossierPage, responses=errors(400, 401, 403, 422))
async def list_dossiers(
    ctx: Context,
    principal: Intake,
    since: Annotated[str | None, Query(max_length=40, description="cursor from the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> JSONResponse:
    """Dossiers of the caller's site created or changed after ``since``, oldest change first."""
    page = await run_in_threadpool(dossiers.list_changes, ctx, principal, since, limit)
    return JSONResponse(page)
