"""Every error leaves the service as ``{"detail": {"code": ..., "message": ...}}``.

``code`` is stable and machine-readable (the desk branches on it); ``message`` is English
for logs and operators, the desk shows its own translated text. Extra keys carry the
facts a client needs to recover, e.g. the current ``offset`` of an upload.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from central_api.access_log import route_template

log = logging.getLogger(__name__)

_HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
}


class ApiError(Exception):
    def __init__(
        self,
        status_code: int,
        code: str,
        message: str,
        *,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.headers = headers
        self.extra = extra

    def detail(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.extra}


def error_response(status_code: int, detail: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status_code, headers=headers)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in loc)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status_code, exc.detail(), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": _location(err.get("loc", ())), "message": str(err.get("msg", ""))}
            for err in exc.errors()
        ]
        summary = "; ".join(f"{e['loc']}: {e['message']}" for e in errors[:5])
        return error_response(
            422, {"code": "invalid_request", "message": f"The request is not valid: {summary}", "errors": errors}
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc.detail, dict) and "code" in exc.detail:
            detail = exc.detail
        else:
            detail = {"code": _HTTP_CODES.get(exc.status_code, "http_error"), "message": str(exc.detail)}
        return error_response(exc.status_code, detail, getattr(exc, "headers", None))

    @app.exception_handler(OperationalError)
    async def _database_down(request: Request, exc: OperationalError) -> JSONResponse:
        # The message holds the SQL and its parameters (personal data): log the class only.
        log.warning(
            "database unavailable on %s %s: %s", request.method, route_template(request.scope),
            type(exc.orig).__name__ if exc.orig is not None else type(exc).__name__,
        )
        return error_response(
            503, {"code": "database_unavailable", "message": "The database does not answer. Try again shortly."},
            {"Retry-After": "5"},
        )

    @app.exception_handler(DataError)
    async def _unstorable(request: Request, exc: DataError) -> JSONResponse:
        # A value the schema let through but the database cannot hold: a NUL character in
        # text (PostgreSQL refuses it), a number past the column's range. The transaction
        # is rolled back; the value came from the request, so the request is at fault.
        log.warning("unstorable value on %s %s: %s", request.method, route_template(request.scope),
                    type(exc.orig).__name__ if exc.orig is not None else type(exc).__name__)
        return error_response(
            422, {"code": "unstorable_value",
                  "message": "A value cannot be stored (e.g. a NUL character or a number out of range)."},
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # The route template, not the path: a path can hold a CCCD number.
        log.exception("unhandled error on %s %s", request.method, route_template(request.scope))
        return error_response(
            500, {"code": "internal_error", "message": "The server failed; the error is in its log. Try again later."}
        )
