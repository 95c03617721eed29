from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from central_api import desk_audit
from central_api.auth import Principal
from central_api.authz import INTAKE_ROLES, allow
from central_api.context import AppContext, get_context
from central_api.routes.common import errors
from central_api.schemas import DESK_ID_PATTERN

router = APIRouter(prefix="/v1/desks", tags=["desk audit"])
Context = Annotated[AppContext, Depends(get_context)]
# Site-scoped: a desk sends its own audit log only, and a desk belongs to one site.
Sender = Annotated[Principal, allow(*INTAKE_ROLES)]
DeskId = Annotated[str, Path(pattern=DESK_ID_PATTERN)]


@router.post(
    "/{desk_id}/audit",
    response_model=desk_audit.AuditReceived,
    responses=errors(400, 401, 403, 409, 422),
)
async def post_desk_audit(desk_id: DeskId, body: desk_audit.AuditBatch, ctx: Context, principal: Sender) -> JSONResponse:
    """Lines of the desk's hash-chained audit log, oldest first, continuing what the centre
    holds for the desk. Only for the caller's own desk (403 ``not_your_desk``). Every hash is
    recomputed; lines already held come again harmlessly with the same hash (409
    ``audit_chain_conflict`` with another), and a batch that does not continue the chain is
    422 ``audit_chain_broken``; both carry the line's ``id`` and the centre's ``last_id``.
    The answer names the last line the centre now holds."""
    return JSONResponse(await run_in_threadpool(desk_audit.receive, ctx, principal, desk_id, body))
