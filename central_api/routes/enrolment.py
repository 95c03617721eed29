"""The check a desk makes while it is being set up: is this desk key right, and for which site?"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.concurrency import run_in_threadpool

from central_api import auth
from central_api.authz import public
from central_api.context import AppContext, get_context
from central_api.routes.common import errors
from central_api.schemas import DESK_ID_PATTERN, EnrolmentCheckOut, EnrolmentCheckRequest

router = APIRouter(prefix="/v1/desks", tags=["auth"])
Context = Annotated[AppContext, Depends(get_context)]
DeskId = Annotated[str, Path(pattern=DESK_ID_PATTERN)]


@router.post(
    "/{desk_id}/enrolment-check",
    response_model=EnrolmentCheckOut,
    responses=errors(401, 422, 429),
    dependencies=[public()],
)
async def check_enrolment(desk_id: DeskId, body: EnrolmentCheckRequest, request: Request, ctx: Context) -> EnrolmentCheckOut:
    """Check a desk key before anyone signs in (the desk's first-run setup): the site the desk
    is enrolled for and the server's version. Needs no token and changes nothing but the
    attempt log.

    The key is checked whatever the server's desk enrolment mode. An unknown desk, a
    deactivated one and a wrong key all answer 401 ``desk_not_enrolled``. Guarded like a
    log-in: attempts count against the address's per-minute limit, and repeated wrong keys
    for one desk id hold its checks back for a while (both 429 with Retry-After)."""
    remote = request.client.host if request.client is not None else "unknown"
    return await run_in_threadpool(auth.check_desk_key, ctx, desk_id, body.desk_key, remote)
