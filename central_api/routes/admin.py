"""Administrator endpoints: accounts, desks, catalogue versions, calendar days.

Every route here is for administrators only and not scoped to their site: an
administrator runs the whole province's service (central_api.authz)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from central_api import admin_service, calendar_overrides
from central_api.admin_schemas import (
    USERNAME_PATTERN,
    AdminUserOut,
    CalendarDayIn,
    CatalogueVersionList,
    CatalogueVersionOut,
    DeskEnrol,
    DeskKeyOut,
    DeskList,
    DeskOut,
    PasswordReset,
    UserChange,
    UserCreate,
    UserList,
)
from central_api.auth import Principal
from central_api.authz import ADMINISTRATOR, allow
from central_api.context import AppContext, get_context
from central_api.errors import ApiError
from central_api.jsonutil import canonical_json
from central_api.routes.common import errors
from central_api.schemas import AGENCY_CODE_PATTERN, DESK_ID_PATTERN, CalendarOut, CalendarOverrideOut, Role

router = APIRouter(prefix="/v1/admin", tags=["administration"])
Context = Annotated[AppContext, Depends(get_context)]
Admin = Annotated[Principal, allow(ADMINISTRATOR, site_scoped=False)]
Username = Annotated[str, Path(pattern=USERNAME_PATTERN)]
DeskId = Annotated[str, Path(pattern=DESK_ID_PATTERN)]
Version = Annotated[str, Path(min_length=1, max_length=40)]
DENIED = (400, 401, 403)


def _created_or_replaced(created: bool, answer: Any) -> JSONResponse:
    return JSONResponse(answer.model_dump(mode="json"), status_code=201 if created else 200)


# accounts -----------------------------------------------------------------------------


@router.get("/users", response_model=UserList, responses=errors(*DENIED, 422))
async def list_users(
    ctx: Context,
    _admin: Admin,
    site_code: Annotated[str | None, Query(pattern=AGENCY_CODE_PATTERN)] = None,
    role: Annotated[Role | None, Query()] = None,
    active: Annotated[bool | None, Query()] = None,
) -> UserList:
    """Accounts, by site then user name; filter by site, role or whether active."""
    return UserList(items=await run_in_threadpool(admin_service.list_users, ctx.db, site_code, role, active))


@router.post("/users", response_model=AdminUserOut, status_code=201, responses=errors(*DENIED, 409, 422))
async def create_user(body: UserCreate, ctx: Context, admin: Admin) -> AdminUserOut:
    """Open an account with its role, site and initial password (409 ``username_taken``)."""
    return await run_in_threadpool(admin_service.create_user, ctx.db, admin.username, body)


@router.get("/users/{username}", response_model=AdminUserOut, responses=errors(*DENIED, 404, 422))
async def get_user(username: Username, ctx: Context, _admin: Admin) -> AdminUserOut:
    """One account, with its lock-out state."""
    return await run_in_threadpool(admin_service.get_user, ctx.db, username)


@router.patch("/users/{username}", response_model=AdminUserOut, responses=errors(*DENIED, 404, 409, 422))
async def change_user(username: Username, body: UserChange, ctx: Context, admin: Admin) -> AdminUserOut:
    """Change name, role or site, or (de)activate. A new role or site or a deactivation ends
    the account's sessions. The last active administrator cannot be demoted or deactivated
    (409 ``last_administrator``)."""
    return await run_in_threadpool(admin_service.change_user, ctx.db, admin.username, username, body)


@router.post("/users/{username}/password", response_model=AdminUserOut, responses=errors(*DENIED, 404, 422))
async def reset_password(username: Username, body: PasswordReset, ctx: Context, admin: Admin) -> AdminUserOut:
    """Set a new password: ends the account's sessions and lifts a lock-out."""
    return await run_in_threadpool(admin_service.reset_password, ctx.db, admin.username, username, body.password)


@router.post("/users/{username}/unlock", response_model=AdminUserOut, responses=errors(*DENIED, 404, 422))
async def unlock_user(username: Username, ctx: Context, admin: Admin) -> AdminUserOut:
    """Lift a lock-out after failed logins before it runs out by itself."""
    return await run_in_threadpool(admin_service.unlock_user, ctx.db, admin.username, username)


# desks --------------------------------------------------------------------------------


@router.get("/desks", response_model=DeskList, responses=errors(*DENIED, 422))
async def list_desks(
    ctx: Context, _admin: Admin, site_code: Annotated[str | None, Query(pattern=AGENCY_CODE_PATTERN)] = None
) -> DeskList:
    """Desks known to the service, enrolled or (while enrolment was open) self-registered."""
    return DeskList(items=await run_in_threadpool(admin_service.list_desks, ctx.db, site_code))


@router.post("/desks", response_model=DeskKeyOut, status_code=201, responses=errors(*DENIED, 409, 422))
async def enrol_desk(body: DeskEnrol, ctx: Context, admin: Admin) -> DeskKeyOut:
    """Enrol a desk for a site. The answer's ``desk_key`` is shown this once: enter it on
    the desk. 409 ``desk_enrolled`` if it has a key already (rotate it instead)."""
    return await run_in_threadpool(admin_service.enrol_desk, ctx.db, admin.username, body.desk_id, body.site_code)


@router.post("/desks/{desk_id}/rotate-key", response_model=DeskKeyOut, responses=errors(*DENIED, 404, 409, 422))
async def rotate_desk_key(desk_id: DeskId, ctx: Context, admin: Admin) -> DeskKeyOut:
    """A new desk key, shown once; the old key stops working and the desk's sessions end."""
    return await run_in_threadpool(admin_service.rotate_desk_key, ctx.db, admin.username, desk_id)


@router.post("/desks/{desk_id}/deactivate", response_model=DeskOut, responses=errors(*DENIED, 404, 422))
async def deactivate_desk(desk_id: DeskId, ctx: Context, admin: Admin) -> DeskOut:
    """Nobody can log in at the desk any more, and its open sessions end at once."""
    return await run_in_threadpool(admin_service.set_desk_active, ctx.db, admin.username, desk_id, False)


@router.post("/desks/{desk_id}/activate", response_model=DeskOut, responses=errors(*DENIED, 404, 422))
async def activate_desk(desk_id: DeskId, ctx: Context, admin: Admin) -> DeskOut:
    """Let a deactivated desk log in again (with its current key)."""
    return await run_in_threadpool(admin_service.set_desk_active, ctx.db, admin.username, desk_id, True)


# catalogue ----------------------------------------------------------------------------


@router.get("/catalogue/versions", response_model=CatalogueVersionList, responses=errors(*DENIED))
async def list_catalogue_versions(ctx: Context, _admin: Admin) -> CatalogueVersionList:
    """Every catalogue version, newest first, drafts included; ``current`` marks the one served."""
    return CatalogueVersionList(items=await run_in_threadpool(admin_service.list_catalogue_versions, ctx.db))


@router.post(
    "/catalogue/versions",
    response_model=CatalogueVersionOut,
    status_code=201,
    responses={
        200: {"model": CatalogueVersionOut, "description": "A draft of this version existed and was replaced"},
        **errors(*DENIED, 409, 422),
    },
)
async def import_catalogue(
    ctx: Context,
    admin: Admin,
    body: Annotated[
        dict[str, Any],
        Body(description="a catalogue in the shape GET /v1/catalogue serves (see CatalogueSchema)"),
    ],
) -> JSONResponse:
    """Import a catalogue as a draft of its ``version``: checked against the wire schema and
    the desk's own parser (422 ``catalogue_invalid`` with the reason). Desks see nothing of
    it until it is published; a published version cannot be replaced (409 ``version_published``)."""
    created, answer = await run_in_threadpool(admin_service.import_catalogue, ctx.db, admin.username, body)
    return _created_or_replaced(created, answer)


@router.get(
    "/catalogue/versions/{version}",
    responses={
        200: {"description": "The version's catalogue JSON, with its ETag",
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CatalogueSchema"}}}},
        **errors(*DENIED, 404, 422),
    },
)
async def export_catalogue(version: Version, ctx: Context, _admin: Admin) -> Response:
    """Export one version, draft or published, exactly as desks would receive it."""
    found = await run_in_threadpool(admin_service.export_catalogue, ctx.db, version)
    return Response(content=canonical_json(found.body), media_type="application/json", headers={"ETag": found.etag})


@router.post(
    "/catalogue/versions/{version}/publish", response_model=CatalogueVersionOut, responses=errors(*DENIED, 404, 409, 422)
)
async def publish_catalogue(version: Version, ctx: Context, admin: Admin) -> CatalogueVersionOut:
    """Publish a draft: GET /v1/catalogue serves it from now on, under a new ETag. Published
    versions never change (409 ``version_published``)."""
    return await run_in_threadpool(admin_service.publish_catalogue, ctx.db, admin.username, version)


@router.delete("/catalogue/versions/{version}", status_code=204, responses=errors(*DENIED, 404, 409, 422))
async def delete_catalogue_draft(version: Version, ctx: Context, admin: Admin) -> Response:
    """Throw a draft away; a published version stays (409 ``version_published``)."""
    await run_in_threadpool(admin_service.delete_catalogue_draft, ctx.db, admin.username, version)
    return Response(status_code=204)


# calendar -----------------------------------------------------------------------------


@router.get("/calendar/{year}", response_model=CalendarOut, responses=errors(*DENIED, 422))
async def list_calendar_days(
    year: Annotated[int, Path(ge=2000, le=2100)], ctx: Context, _admin: Admin
) -> CalendarOut:
    """The overrides of ``year``, as desks receive them from GET /v1/calendar/{year}."""
    return await run_in_threadpool(calendar_overrides.overrides_for, ctx, year)


@router.put(
    "/calendar/days/{day}",
    response_model=CalendarOverrideOut,
    status_code=201,
    responses={
        200: {"model": CalendarOverrideOut, "description": "The day had an override; it was replaced"},
        **errors(*DENIED, 422),
    },
)
async def put_calendar_day(day: date, body: CalendarDayIn, ctx: Context, admin: Admin) -> JSONResponse:
    """Create or replace the override of one day (a swap, a newly declared day off)."""
    if not 2000 <= day.year <= 2100:
        raise ApiError(422, "bad_day", "Calendar days run from 2000 to 2100.")
    created, answer = await run_in_threadpool(admin_service.put_calendar_day, ctx.db, admin.username, day, body)
    return _created_or_replaced(created, answer)


@router.delete("/calendar/days/{day}", status_code=204, responses=errors(*DENIED, 404, 422))
async def delete_calendar_day(day: date, ctx: Context, admin: Admin) -> Response:
    """Remove a day's override: the statutory calendar applies to it again."""
    await run_in_threadpool(admin_service.delete_calendar_day, ctx.db, admin.username, day)
    return Response(status_code=204)
