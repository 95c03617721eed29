from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from central_api import lifecycle
from central_api.auth import Principal
from central_api.authz import allow
from central_api.context import AppContext, get_context
from central_api.routes.common import errors
from central_api.schemas import UUID_PATTERN

router = APIRouter(prefix="/v1/dossiers", tags=["dossier lifecycle"])
Context = Annotated[AppContext, Depends(get_context)]
# Site-scoped: lifecycle.py answers another site's dossier as unknown (404). Which of these
# roles may make which move is decided per target status (lifecycle.MOVERS).
Mover = Annotated[Principal, allow(*sorted(lifecycle.EVENT_ROLES))]
ClientId = Annotated[str, Path(pattern=UUID_PATTERN)]


@router.post(
    "/{client_id}/events",
    response_model=lifecycle.EventAnswer,
    status_code=201,
    responses={200: {"model": lifecycle.EventAnswer, "description": "Replay of an event already recorded: the same answer"},
               **errors(400, 401, 403, 404, 409, 422)},
)
async def post_dossier_event(
    client_id: ClientId, body: lifecycle.EventRequest, request: Request, ctx: Context, principal: Mover
) -> JSONResponse:
    """Move the dossier to ``to_status`` (legal transitions only: 409 ``illegal_transition``
    with ``from`` and ``to`` otherwise). 201 with the event the first time, 200 with the same
    answer when ``event_id`` is sent again, 409 ``event_id_conflict`` for another body under
    a used ``event_id``. Back-office moves (2, 3, 4, 5, 6, 8, 9) are for supervisors;
    withdrawal (7) and hand-over (10) also for officers and postal assistants."""
    status, answer = await run_in_threadpool(
        lifecycle.post_event, ctx, request.app.state.catalogues, principal, client_id, body
    )
    return JSONResponse(answer, status_code=status)


@router.get("/{client_id}/events", response_model=lifecycle.EventList, responses=errors(400, 401, 403, 404, 422))
async def list_dossier_events(client_id: ClientId, ctx: Context, principal: Mover) -> JSONResponse:
    """Every status event of the dossier, oldest first."""
    return JSONResponse(await run_in_threadpool(lifecycle.list_events, ctx, principal, client_id))
