from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from central_api import auth
from central_api.authz import public
from central_api.context import AppContext, get_context
from central_api.routes.common import errors
from central_api.schemas import RefreshRequest, RevokeResponse, TokenRequest, TokenResponse

router = APIRouter(prefix="/v1/auth", tags=["auth"])
Context = Annotated[AppContext, Depends(get_context)]


@router.post(
    "/token",
    response_model=TokenResponse,
    responses=errors(401, 403, 422, 423, 429),
    dependencies=[public()],
)
async def token(body: TokenRequest, request: Request, ctx: Context) -> TokenResponse:
    """Log in at a desk: a short-lived access token and a single-use refresh token.

    Unless the server runs with desk enrolment "open", the desk must be enrolled by an
    administrator and send its ``desk_key``. Wrong user name and wrong password answer the
    same 401 ``bad_credentials``; repeated failures lock the account (423 ``account_locked``)
    and too many attempts from one address are slowed down (429 with Retry-After)."""
    # Behind a reverse proxy, uvicorn's --proxy-headers/--forwarded-allow-ips make this the
    # real client rather than the proxy.
    remote = request.client.host if request.client is not None else "unknown"
    return await run_in_threadpool(
        auth.login, ctx, body.username, body.password, body.desk_id, body.desk_key, remote
    )


@router.post("/refresh", response_model=TokenResponse, responses=errors(401, 422), dependencies=[public()])
async def refresh(body: RefreshRequest, ctx: Context) -> TokenResponse:
    """Trade a refresh token (once) for a new pair. Reusing one ends the whole session."""
    return await run_in_threadpool(auth.refresh, ctx, body.refresh_token)


@router.post("/revoke", response_model=RevokeResponse, responses=errors(422), dependencies=[public()])
async def revoke(body: RefreshRequest, ctx: Context) -> RevokeResponse:
    """Log out: ends the session of this refresh token and every token it handed down."""
    return RevokeResponse(revoked=await run_in_threadpool(auth.revoke, ctx, body.refresh_token))
