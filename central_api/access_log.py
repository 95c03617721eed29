"""One JSON line per request, with nothing in it that names a citizen or opens a session.

A request path can hold a CCCD number (``/v1/citizens/{cccd}``), a query string can hold
anything, and headers and bodies hold tokens, passwords and names. So the line carries only
what the server itself defines: the route *template*, the method, the status, the time
taken, and who called (desk id and username, known only once the token was checked). An
unmatched path is logged as ``"route": null``, never as the path that was asked for.

Each request gets an id, echoed in ``X-Request-Id``: a well-formed id sent by the client or
the reverse proxy (nginx ``$request_id``) is kept, so one id follows a request through the
proxy log, this log and the desk's own log; anything else is replaced by a fresh one.

The middleware is pure ASGI (no BaseHTTPMiddleware), so streamed chunk uploads and client
disconnects pass through untouched.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from datetime import datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from desk_app.core.timeutil import VN_TZ

ACCESS_LOGGER = "central_api.access"
REQUEST_ID_HEADER = "X-Request-Id"
# Ids made of these characters cannot smuggle a line break or a JSON quote into a log.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
_STATE_KEY = "access_log"

log = logging.getLogger(ACCESS_LOGGER)


def note_caller(scope: Scope, *, username: str, desk_id: str) -> None:
    """Called by authentication once the token checked out: the line names this caller.

    Values come from the database row of the session, not from request headers, so a
    client cannot write arbitrary text into the log through X-Desk-Id."""
    entry = scope.get("state", {}).get(_STATE_KEY)
    if isinstance(entry, dict):
        entry["username"] = username
        entry["desk_id"] = desk_id


def route_template(scope: Scope) -> str | None:
    """``/v1/dossiers/{client_id}`` for a matched route; None when nothing matched."""
    route = scope.get("route")
    if route is None:
        return None
    return getattr(route, "path_format", None) or getattr(route, "path", None)


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            return text if _REQUEST_ID.match(text) else None
    return None


class AccessLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = _incoming_request_id(scope) or uuid.uuid4().hex
        entry: dict[str, Any] = {"username": None, "desk_id": None}
        # Starlette's request.state lives in scope["state"]; put our slot there so the
        # authentication dependency, which sees the same dict, can fill it in.
        scope.setdefault("state", {})[_STATE_KEY] = entry
        status: int | None = None

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"]
                headers.append((b"x-request-id", request_id.encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except BaseException:
            # The server error middleware outside us answers 500 and logs the traceback.
            status = status or 500
            raise
        finally:
            _emit(scope, entry, request_id, status, started)


def _emit(scope: Scope, entry: dict[str, Any], request_id: str, status: int | None, started: float) -> None:
    if not log.isEnabledFor(logging.INFO):
        return
    line = {
        "time": datetime.now(VN_TZ).isoformat(timespec="milliseconds"),
        "request_id": request_id,
        "method": scope.get("method"),
        "route": route_template(scope),
        # None when the client went away before any answer started.
        "status": status,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        "desk_id": entry.get("desk_id"),
        "username": entry.get("username"),
    }
    log.info(json.dumps(line, ensure_ascii=False, separators=(",", ":")))
