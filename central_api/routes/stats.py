from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from central_api import stats
from central_api.auth import Principal
from central_api.authz import OVERSIGHT_ROLES, allow
from central_api.context import AppContext, get_context
from central_api.routes.common import errors
from central_api.schemas import AGENCY_CODE_PATTERN

router = APIRouter(prefix="/v1/stats", tags=["statistics"])
Context = Annotated[AppContext, Depends(get_context)]
# Not site-scoped as a route: an administrator may report on any site (?site=). The handler
# keeps a supervisor to their own site and answers another one as unknown (stats.resolve_site).
Overseer = Annotated[Principal, allow(*OVERSIGHT_ROLES, site_scoped=False)]
SiteParam = Annotated[
    str | None,
    Query(pattern=AGENCY_CODE_PATTERN, description="administrators only: the site to report on (default: own site)"),
]


class StatusCount(BaseModel):
    status: int
    count: int


class ChannelCount(BaseModel):
    channel: int = Field(description="1 direct, 2 online, 3 postal")
    count: int


class Judged(BaseModel):
    """How a group of the period's dossiers fares, counted as ``on_time`` and ``overdue`` are."""

    count: int
    with_result: int = Field(description="reached a result (status 9 or 10)")
    on_time: int = Field(description="of those, resolved no later than due_at")
    open: int = Field(description="still open (status 1, 2, 4, 5, 6)")
    overdue: int = Field(description="of those, past due_at now")


class ProcedureCount(Judged):
    procedure_code: str
    procedure_name: str | None


class OfficerCount(Judged):
    username: str
    full_name: str | None


class DayCount(BaseModel):
    day: date
    count: int
    direct: int = Field(description="received at the desk (channel 1)")
    online: int = Field(description="channel 2")
    postal: int = Field(description="channel 3")


class OnTime(BaseModel):
    with_result: int = Field(description="dossiers that reached a result (status 9 or 10)")
    on_time: int = Field(description="of those, resolved (moved to 9) no later than due_at")
    late: int
    rate: float | None = Field(description="on_time / with_result, 4 decimals; null when with_result is 0")


class Overdue(BaseModel):
    open: int = Field(description="dossiers still open (status 1, 2, 4, 5, 6)")
    count: int = Field(description="of those, past due_at now")
    rate: float | None = Field(description="count / open, 4 decimals; null when open is 0")


class ChannelShare(BaseModel):
    count: int
    share: float | None = Field(description="count / total, 4 decimals; null when total is 0")


class StatsSummary(BaseModel):
    site_code: str
    from_: date = Field(alias="from")
    to: date
    as_of: str = Field(description="when overdue was judged, RFC 3339 +07:00")
    total: int = Field(description="dossiers received in the period")
    by_status: list[StatusCount]
    by_channel: list[ChannelCount]
    by_procedure: list[ProcedureCount] = Field(description="most dossiers first")
    by_officer: list[OfficerCount] = Field(description="by receiving account (submitted_by), most first")
    by_day: list[DayCount] = Field(description="every day of the period, by reception day")
    on_time: OnTime
    overdue: Overdue
    online: ChannelShare
    postal: ChannelShare


class DueItem(BaseModel):
    client_id: str
    code: str
    procedure_code: str
    procedure_name: str | None
    applicant_name: str | None
    status: int
    received_at: str
    due_at: str


class OverdueItem(DueItem):
    days_late: int = Field(description="working days after the due day, up to today (0: due earlier today)")


class OverdueList(BaseModel):
    site_code: str
    as_of: str
    count: int = Field(description="all overdue dossiers of the site; items holds at most `limit`")
    items: list[OverdueItem] = Field(description="longest overdue first")


class DueList(BaseModel):
    site_code: str
    day: date
    count: int = Field(description="all open dossiers of the site due that day; items holds at most `limit`")
    items: list[DueItem] = Field(description="earliest appointment first")


@router.get("/summary", response_model=StatsSummary, responses=errors(400, 401, 403, 404, 422))
async def stats_summary(
    request: Request,
    ctx: Context,
    principal: Overseer,
    from_: Annotated[date | None, Query(alias="from", description="first reception day (default: first of the month)")] = None,
    to: Annotated[date | None, Query(description="last reception day, inclusive (default: today)")] = None,
    site: SiteParam = None,
) -> JSONResponse:
    """Figures on the dossiers the site received from ``from`` to ``to`` (Vietnam dates, at most
    366 days): by status, channel, procedure, receiving account and day; on-time resolution;
    what is overdue now; the shares taken online and by post."""
    answer = await run_in_threadpool(
        stats.summary, ctx, request.app.state.catalogues, principal, site, from_, to
    )
    return JSONResponse(answer)


@router.get("/overdue", response_model=OverdueList, responses=errors(400, 401, 403, 404, 422))
async def stats_overdue(
    request: Request,
    ctx: Context,
    principal: Overseer,
    site: SiteParam = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> JSONResponse:
    """The site's open dossiers past their appointment now, longest overdue first, with the
    delay in working days."""
    answer = await run_in_threadpool(stats.overdue_list, ctx, request.app.state.catalogues, principal, site, limit)
    return JSONResponse(answer)


@router.get("/due", response_model=DueList, responses=errors(400, 401, 403, 404, 422))
async def stats_due(
    request: Request,
    ctx: Context,
    principal: Overseer,
    day: Annotated[date | None, Query(description="a Vietnam date (default: today)")] = None,
    site: SiteParam = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> JSONResponse:
    """The site's open dossiers whose appointment (due_at) falls on ``day``, earliest first."""
    answer = await run_in_threadpool(stats.due_list, ctx, request.app.state.catalogues, principal, site, day, limit)
    return JSONResponse(answer)
