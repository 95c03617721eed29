from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from central_api import desk_health
from central_api.auth import Principal
from central_api.authz import INTAKE_ROLES, OVERSIGHT_ROLES, SUPERVISOR, allow
from central_api.context import AppContext, get_context
from central_api.routes.common import errors
from central_api.schemas import DESK_ID_PATTERN, UUID_PATTERN

router = APIRouter(prefix="/v1/desks", tags=["desk health"])
Context = Annotated[AppContext, Depends(get_context)]
# Site-scoped: a desk reports for itself only; commands and the health view stay within the
# caller's site (desk_health.py answers another site's desk as unknown).
Taker = Annotated[Principal, allow(*INTAKE_ROLES)]
Commander = Annotated[Principal, allow(SUPERVISOR)]
Overseer = Annotated[Principal, allow(*OVERSIGHT_ROLES)]
DeskId = Annotated[str, Path(pattern=DESK_ID_PATTERN)]


@router.get("/health", response_model=desk_health.SiteHealth, responses=errors(400, 401, 403))
async def site_health(ctx: Context, principal: Overseer) -> JSONResponse:
    """Every active desk of the caller's site, most recently seen first: last contact, its last
    health report (outbox, held entries with their problem, drafts, who is signed in) and the
    commands issued to it (pending ones, then the last 20 carried out)."""
    return JSONResponse(await run_in_threadpool(desk_health.site_health, ctx, principal))


@router.put(
    "/{desk_id}/health",
    response_model=desk_health.PendingCommands,
    responses=errors(400, 401, 403, 422),
)
async def report_desk_health(
    desk_id: DeskId, body: desk_health.DeskHealthReport, ctx: Context, principal: Taker
) -> JSONResponse:
    """The desk's health report, sent every sync pass; it replaces the previous one. Only for
    the caller's own desk (403 ``not_your_desk``). Commands named in ``done_commands`` are
    marked carried out; the answer lists the commands still pending for the desk."""
    return JSONResponse(await run_in_threadpool(desk_health.report_health, ctx, principal, desk_id, body))


@router.put(
    "/{desk_id}/commands/{command_id}",
    response_model=desk_health.DeskCommandOut,
    status_code=201,
    responses={200: {"model": desk_health.DeskCommandOut, "description": "Replay of a command already issued"},
               **errors(400, 401, 403, 404, 409, 422)},
)
async def put_desk_command(
    desk_id: DeskId,
    command_id: Annotated[str, Path(pattern=UUID_PATTERN)],
    body: desk_health.CommandIn,
    ctx: Context,
    principal: Commander,
) -> JSONResponse:
    """Order a desk of the caller's site to retry a held outbox entry, or to discard it (with a
    reason, 422 ``reason_required``). The desk receives it with its next health report.
    201 the first time, 200 with the command as it stands now for the same body again, 409
    ``command_conflict`` for another body under a used ``command_id``; another site's desk is
    404 ``desk_not_found``."""
    status, answer = await run_in_threadpool(desk_health.put_command, ctx, principal, desk_id, command_id, body)
    return JSONResponse(answer, status_code=status)
