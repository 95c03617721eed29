"""Response documentation shared by the routes, so docs/openapi.json lists the error shape."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from central_api.schemas import ErrorBody

DESCRIPTIONS = {
    400: "Bad request (e.g. X-Desk-Id missing, a body that is not JSON)",
    401: "Not authenticated: token missing, unknown, expired or revoked",
    403: "Not allowed for this account, desk or site",
    404: "Not found",
    409: "Conflict with what the server holds",
    413: "Too large",
    415: "Unsupported media type",
    422: "Invalid request",
    423: "Account locked after too many failed logins",
    429: "Too many requests; retry after the Retry-After header's seconds",
    503: "Not ready, or the database does not answer; retry later",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorBody, "description": DESCRIPTIONS.get(code, "Error")} for code in codes}


def _needs_token(dependant: Dependant) -> bool:
    from central_api.auth import current_principal  # auth imports the schemas; keep this module light

    return any(sub.call is current_principal or _needs_token(sub) for sub in dependant.dependencies)


def _api_routes(app: FastAPI) -> Iterator[tuple[str, set[str], Dependant]]:
    """(path, methods, dependant) of every API route. Newer FastAPI keeps included routers
    as lazy branches of ``app.routes`` and flattens them in ``iter_route_contexts``."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:
        for route in app.routes:
            if isinstance(route, APIRoute):
                yield route.path_format, set(route.methods), route.dependant
        return
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute):
            yield context.path_format, set(context.methods or ()), context.dependant


def _framework_errors(dependant: Dependant, operation: dict[str, Any]) -> list[int]:
    """The error statuses any handler can answer without saying so in its decorator."""
    codes = [503]  # every route touches the database (central_api.errors maps its outage)
    if operation.get("parameters") or operation.get("requestBody"):
        codes.append(422)  # request validation
    if "application/json" in operation.get("requestBody", {}).get("content", {}):
        codes.append(400)  # a body that does not parse as JSON
    if _needs_token(dependant):
        codes += [400, 401, 403]  # X-Desk-Id missing; token refused; role, desk or site refused
    return codes


def _error_content() -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}


def _add_error_body_schema(document: dict[str, Any]) -> None:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    if "ErrorBody" in schemas:
        return
    generated = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in generated.pop("$defs", {}).items():
        schemas.setdefault(name, definition)
    schemas["ErrorBody"] = generated


def _drop_unreferenced_validation_schemas(document: dict[str, Any]) -> None:
    schemas = document.get("components", {}).get("schemas", {})
    text = repr(document.get("paths", {}))
    if "#/components/schemas/HTTPValidationError" not in text:
        schemas.pop("HTTPValidationError", None)
        if "#/components/schemas/ValidationError" not in repr(schemas):
            schemas.pop("ValidationError", None)


def document_error_responses(app: FastAPI) -> None:
    """Make the OpenAPI document list every error status the service can answer, with
    the one error body it really sends.

    FastAPI documents request validation as 422 with its own ``HTTPValidationError``
    shape, which central_api.errors never sends, and knows nothing of the 400/401/403 of
    authentication, a body that is not JSON, or a database outage (503). A client
    generated from the document, or a contract test, would trust it; so after all routes
    are in, each operation gets those statuses with ``ErrorBody``. A route's own
    declaration of a status (e.g. a 404 without a body) stays as it is."""
    generate = app.openapi
    routes = {(path, method.lower()): dependant for path, methods, dependant in _api_routes(app) for method in methods}

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = generate()
        _add_error_body_schema(document)
        for path, operations in document.get("paths", {}).items():
            for method, operation in operations.items():
                dependant = routes.get((path, method))
                if dependant is None:
                    continue
                responses = operation.setdefault("responses", {})
                for status, response in responses.items():
                    content = response.get("content", {}).get("application/json", {})
                    if content.get("schema", {}).get("$ref", "").endswith("/HTTPValidationError"):
                        response["content"] = _error_content()
                for code in _framework_errors(dependant, operation):
                    responses.setdefault(
                        str(code), {"description": DESCRIPTIONS[code], "content": _error_content()}
                    )
        _drop_unreferenced_validation_schemas(document)
        return document

    app.openapi = openapi  # type: ignore[method-assign]
