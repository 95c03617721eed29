from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from central_api import __version__
from central_api.authz import public
from central_api.context import AppContext, get_context, utc_now
from central_api.errors import ApiError
from central_api.routes.common import errors
from central_api.schemas import HealthOut
from desk_app.core.timeutil import to_rfc3339

router = APIRouter(prefix="/v1", tags=["health"])


def _database_answers(ctx: AppContext) -> None:
    with ctx.db.reading() as session:
        session.execute(text("SELECT 1"))


@router.get("/health", response_model=HealthOut, responses=errors(503), dependencies=[public()])
async def health(ctx: Annotated[AppContext, Depends(get_context)]) -> HealthOut:
    """Liveness and database reachability; needs no token."""
    try:
        await run_in_threadpool(_database_answers, ctx)
    except Exception as exc:  # any database failure means "not healthy", whatever its class
        raise ApiError(503, "database_unavailable", f"The database does not answer: {type(exc).__name__}.") from exc
    return HealthOut(status="ok", version=__version__, time=to_rfc3339(utc_now()))
