"""The application factory: ``create_app(settings)``.

Nothing touches the database or the disk until start-up (the lifespan), so the factory
can also be called just to read the OpenAPI document.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from central_api import __version__
from central_api.access_log import AccessLogMiddleware
from central_api.blobstore import FilesystemBlobStore
from central_api.authz import check_every_route, document_policies
from central_api.catalogue import ParsedCatalogues
from central_api.context import AppContext
from central_api.db import Database
from central_api.errors import install_error_handlers
from central_api.migrate import require_head, upgrade
from central_api.routes.common import document_error_responses
from central_api.routes import admin, auth, blobs, dossiers, fees, health, leases, lifecycle, reference, stats, upstream
from central_api.routes import desk_audit, desk_release, desks, enrolment, oversight
from central_api.routes import receipts as receipt_routes
from central_api.settings import CentralSettings
from central_api.upstream import build_upstreams

log = logging.getLogger(__name__)

DESCRIPTION = """Reference central service for one-stop desks (Bộ phận Một cửa).

Wire conventions: JSON with snake_case keys, RFC 3339 times with offset (+07:00), money in
integer đồng. Every error body is `{"detail": {"code": "...", "message": "..."}}`.
All calls except health, token, refresh and revoke need `Authorization: Bearer <access_token>`
and `X-Desk-Id` (the desk the token was issued to).
"""


def open_context(settings: CentralSettings) -> AppContext:
    """Database migrated to head, demo data seeded if asked, blob store ready."""
    db = Database(settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    try:
        if settings.migrate_on_start:
            upgrade(db.engine)
        else:
            require_head(db.engine)
        if settings.seed_demo:
            from central_api.seed import seed_demo  # the seed reads resource files; load it only when used

            seed_demo(db)
        assert settings.blob_dir is not None
        return AppContext(settings=settings, db=db, blobs=FilesystemBlobStore(settings.blob_dir))
    except BaseException:
        db.dispose()
        raise


def create_app(settings: CentralSettings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            upstreams = await run_in_threadpool(build_upstreams, settings)
            context = await run_in_threadpool(open_context, settings)
        except Exception as exc:
            # uvicorn only logs a failed start-up; keep the cause for whoever started us.
            app.state.startup_error = exc
            raise
        app.state.context = context
        app.state.catalogues = ParsedCatalogues()
        app.state.upstreams = upstreams
        log.info("central API %s ready on %s", __version__, context.db.dialect)
        try:
            yield
        finally:
            context.db.dispose()

    app = FastAPI(
        title="One-stop desk central API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        # Operation ids are the handler names (token, put_dossier, …): stable, readable,
        # and what a generated client would call its methods.
        generate_unique_id_function=lambda route: route.name,
    )
    install_error_handlers(app)
    app.add_middleware(AccessLogMiddleware)
    for router in (health.router, auth.router, reference.router, leases.router, blobs.router, dossiers.router):
        app.include_router(router)
    for router in (lifecycle.router, fees.router, stats.router, upstream.router):
        app.include_router(router)
    for router in (oversight.router, enrolment.router, desks.router, desk_audit.router):
        app.include_router(router)
    app.include_router(admin.router)
    app.include_router(desk_release.admin_router)
    app.include_router(desk_release.router)
    app.include_router(receipt_routes.router)
    # Refuse to build an app with a route whose authorisation nobody declared (central_api.authz).
    check_every_route(app)
    document_policies(app)
    document_error_responses(app)
    return app
