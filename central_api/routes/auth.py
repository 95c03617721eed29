from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool

from central_api import auth
from central_api.context import AppContext, get_context
from central_api.routes.common import errors
from central_api.schemas import RefreshRequest, RevokeResponse, TokenRequest, TokenResponse

router = APIRouter(prefix="/v1/auth", tags=["auth"])
Context = Annotated[AppContext, Depends(get_context)]


@router.post("/token", response_model=TokenResponse, responses=errors(401, 422))
async def token(body: TokenRequest, ctx: Context) -> TokenResponse:
    """Log in at a desk: a short-lived access token and a single-use refresh token."""
    return await run_in_threadpool(auth.login, ctx, body.username, body.password, body.desk_id)


@router.post("/refresh", response_model=TokenResponse, responses=errors(401, 422))
async def refresh(body: RefreshRequest, ctx: Context) -> TokenResponse:
    """Trade a refresh token (once) for a new pair. Reusing one ends the whole session."""
    return await run_in_threadpool(auth.refresh, ctx, body.refresh_token)


@router.post("/revoke", response_model=RevokeResponse, responses=errors(422))
async def revoke(body: RefreshRequest, ctx: Context) -> RevokeResponse:
    """Log out: ends the session of this refresh token and every token it handed down."""
    return RevokeResponse(revoked=await run_in_threadpool(auth.revoke, ctx, body.refresh_token))
