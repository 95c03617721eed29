"""The desk version on offer: published by an administrator, read by every signed-in desk."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from central_api import desk_release
from central_api.auth import Principal
from central_api.authz import ADMINISTRATOR, ALL_ROLES, allow
from central_api.context import AppContext, get_context
from central_api.routes.common import errors

admin_router = APIRouter(prefix="/v1/admin", tags=["administration"])
router = APIRouter(prefix="/v1", tags=["desk updates"])
Context = Annotated[AppContext, Depends(get_context)]
Admin = Annotated[Principal, allow(ADMINISTRATOR, site_scoped=False)]


@admin_router.put(
    "/desk-release",
    response_model=desk_release.DeskReleaseOut,
    status_code=201,
    responses={
        200: {"model": desk_release.DeskReleaseOut, "description": "This version was published before; it is on offer again"},
        **errors(400, 401, 403, 409, 422),
    },
)
async def publish_desk_release(body: desk_release.DeskReleaseIn, ctx: Context, admin: Admin) -> JSONResponse:
    """Offer a desk version to every desk: where to download it (https; plain http only to
    loopback), its SHA-256 and size, which each desk checks before keeping the download, and
    release notes. 201 for a new version; the same version again with another SHA-256 or size
    is 409 ``release_conflict``, with the same bytes it is on offer again (200; address and
    notes may change)."""
    created, answer = await run_in_threadpool(desk_release.publish, ctx, admin.username, body)
    return JSONResponse(answer.model_dump(mode="json"), status_code=201 if created else 200)


@router.get(
    "/desk-release",
    response_model=desk_release.DeskReleaseOut,
    responses=errors(400, 401, 403, 404),
    dependencies=[allow(*ALL_ROLES, site_scoped=False)],
)
async def get_desk_release(ctx: Context) -> desk_release.DeskReleaseOut:
    """The desk version on offer (the one published last), or 404 ``no_release``. A desk offers
    the download when this version is newer than its own."""
    return await run_in_threadpool(desk_release.current, ctx)
