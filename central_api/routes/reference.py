"""Reference data the desks cache: the catalogue and the calendar overrides."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Response
from starlette.concurrency import run_in_threadpool

from central_api import calendar_overrides, catalogue
from central_api.auth import Principal
from central_api.authz import ALL_ROLES, allow
from central_api.context import AppContext, get_context
from central_api.routes.common import errors
from central_api.schemas import CalendarOut, CatalogueSchema

router = APIRouter(prefix="/v1", tags=["reference data"])
Context = Annotated[AppContext, Depends(get_context)]
# Every desk caches the reference data, whatever the role; it is the same for all sites.
AnyRole = Annotated[Principal, allow(*ALL_ROLES, site_scoped=False)]


@router.get(
    "/catalogue",
    response_model=CatalogueSchema,
    responses={
        304: {"description": "Not modified: the If-None-Match ETag is current"},
        **errors(400, 401, 403, 422, 503),
    },
)
async def get_catalogue(
    ctx: Context,
    _principal: AnyRole,
    if_none_match: Annotated[str | None, Header(alias="If-None-Match")] = None,
) -> Response:
    """The current catalogue version, with an ETag; If-None-Match answers 304 when unchanged."""
    body, etag = await run_in_threadpool(catalogue.current_for_wire, ctx)
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if catalogue.etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    return Response(content=body, media_type="application/json", headers=headers)


@router.get("/calendar/{year}", response_model=CalendarOut, responses=errors(400, 401, 403, 422))
async def get_calendar(
    ctx: Context, _principal: AnyRole, year: Annotated[int, Path(ge=2000, le=2100)]
) -> CalendarOut:
    """Days of ``year`` that differ from the statutory holidays (swaps, new days off)."""
    return await run_in_threadpool(calendar_overrides.overrides_for, ctx, year)
