"""Response documentation shared by the routes, so docs/openapi.json lists the error shape."""

from __future__ import annotations

from typing import Any

from central_api.schemas import ErrorBody


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    descriptions = {
        400: "Bad request (e.g. X-Desk-Id missing)",
        401: "Not authenticated: token missing, unknown, expired or revoked",
        403: "Not allowed for this account, desk or site",
        404: "Not found",
        409: "Conflict with what the server holds",
        413: "Too large",
        422: "Invalid request",
        503: "Not ready",
    }
    return {code: {"model": ErrorBody, "description": descriptions.get(code, "Error")} for code in codes}
