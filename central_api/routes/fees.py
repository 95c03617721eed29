from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from central_api import fees
from central_api.auth import Principal
from central_api.authz import INTAKE_ROLES, allow
from central_api.context import AppContext, get_context
from central_api.routes.common import errors
from central_api.schemas import UUID_PATTERN

router = APIRouter(prefix="/v1/dossiers", tags=["fees"])
Context = Annotated[AppContext, Depends(get_context)]
# Site-scoped: fees.py answers another site's dossier as unknown (404).
Taker = Annotated[Principal, allow(*INTAKE_ROLES)]
Uuid = Annotated[str, Path(pattern=UUID_PATTERN)]


@router.put(
    "/{client_id}/fees/{fee_id}",
    response_model=fees.FeeRecordOut,
    status_code=201,
    responses={200: {"model": fees.FeeRecordOut, "description": "Replay of a fee record already received: the same answer"},
               **errors(400, 401, 403, 404, 409, 422)},
)
async def put_fee(client_id: Uuid, fee_id: Uuid, body: fees.FeeRecordIn, ctx: Context, principal: Taker) -> JSONResponse:
    """Store a fee payment or refund taken at the desk. 201 the first time, 200 with the same
    answer for the same body again, 409 ``fee_id_conflict`` for another body under a used
    ``fee_id``; a refund names a payment of the same dossier and never exceeds what is left
    of it (409 ``payment_not_found`` / ``refund_exceeds_payment``)."""
    status, answer = await run_in_threadpool(fees.put_fee, ctx, principal, client_id, fee_id, body)
    return JSONResponse(answer, status_code=status)


@router.get("/{client_id}/fees", response_model=fees.FeeRecordList, responses=errors(400, 401, 403, 404, 422))
async def list_fees(client_id: Uuid, ctx: Context, principal: Taker) -> JSONResponse:
    """Every fee record of the dossier, in the order received."""
    return JSONResponse(await run_in_threadpool(fees.list_fees, ctx, principal, client_id))
