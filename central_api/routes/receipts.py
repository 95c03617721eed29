from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from central_api import receipts
from central_api.auth import Principal
from central_api.authz import INTAKE_ROLES, allow
from central_api.context import AppContext, get_context
from central_api.routes.common import errors

router = APIRouter(prefix="/v1/receipts", tags=["receipts"])
Context = Annotated[AppContext, Depends(get_context)]
# Site-scoped: receipts.py reads only keys and dossiers of principal.site_code; another
# site's key or dossier is answered as unknown.
Checker = Annotated[Principal, allow(*INTAKE_ROLES)]


@router.post("/verify", response_model=receipts.ReceiptVerifyOut, responses=errors(400, 401, 403, 422))
async def verify_receipt(body: receipts.ReceiptVerifyIn, ctx: Context, principal: Checker) -> JSONResponse:
    """Check a scanned receipt QR code: whether its seal is genuine (a desk key of this site
    signed exactly these fields), and whether the signed fields match the dossier this site
    holds under that code or the provisional code it replaced. 422 ``bad_receipt_text`` for a
    text that is not a sealed receipt QR code."""
    return JSONResponse(await run_in_threadpool(receipts.verify_receipt, ctx, principal, body.text))


@router.get("/keys", response_model=receipts.ReceiptKeysOut, responses=errors(400, 401, 403))
async def receipt_keys(ctx: Context, principal: Checker) -> JSONResponse:
    """The receipt-sealing public keys of this site's desks, oldest first: a desk keeps them to
    check receipts while offline."""
    return JSONResponse(await run_in_threadpool(receipts.site_keys, ctx, principal))
