from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from starlette.concurrency import run_in_threadpool

from central_api import codes
from central_api.auth import Principal
from central_api.authz import INTAKE_ROLES, allow
from central_api.context import AppContext, get_context
from central_api.errors import ApiError
from central_api.routes.common import errors
from central_api.schemas import DESK_ID_PATTERN, LeaseOut, LeaseRequest

router = APIRouter(prefix="/v1/desks", tags=["dossier codes"])
Context = Annotated[AppContext, Depends(get_context)]


@router.post(
    "/{desk_id}/code-leases", response_model=LeaseOut, status_code=201, responses=errors(400, 401, 403, 409, 422)
)
async def lease_codes(
    body: LeaseRequest,
    ctx: Context,
    principal: Annotated[Principal, allow(*INTAKE_ROLES)],
    desk_id: Annotated[str, Path(pattern=DESK_ID_PATTERN)],
) -> LeaseOut:
    """Lease the desk a block of dossier sequence numbers for its site and one day.

    Blocks never overlap per agency and day, so a desk can print final codes offline."""
    if desk_id != principal.desk_id:
        raise ApiError(403, "desk_mismatch", "A desk may only lease codes for itself (X-Desk-Id).")
    return await run_in_threadpool(codes.lease_block, ctx, principal, body.day, body.count)
