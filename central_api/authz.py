"""Who may call what: the one place where every endpoint's authorisation is declared.

Each route depends on exactly one policy made here:

- ``public()`` for the calls that need no token (health, log-in, refresh, revoke);
- ``allow(*roles, site_scoped=...)`` for everything else. It authenticates the caller
  (bearer token + X-Desk-Id, see ``central_api.auth.current_principal``) and refuses a
  role not named with 403 ``forbidden_role``.

Use it either as the type of the handler's principal parameter::

    principal: Annotated[Principal, allow(*INTAKE_ROLES)]

or, when the handler does not need the principal, in the decorator::

    @router.get("/x", dependencies=[allow(ADMINISTRATOR, site_scoped=False)])

``site_scoped=True`` (the default) declares that the handler only reads or changes rows of
``principal.site_code``; such a handler answers a foreign site's resource exactly as an
unknown one (404 via ``own_site_or_404``), so ids and dossier codes of other sites do not
leak. The flag is a declaration the handler must honour: the dependency cannot know which
row a path names. ``tests/central/test_authz_matrix.py`` checks each declaration against the
running app.

The registry is the app itself: ``route_policies(app)`` walks every route's dependencies and
returns its policy, and ``create_app`` calls ``check_every_route`` so an app with an
undeclared route does not even start.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from central_api.auth import Principal, current_principal
from central_api.errors import ApiError

OFFICER = "officer"
POSTAL_ASSISTANT = "postal_assistant"
SUPERVISOR = "supervisor"
ADMINISTRATOR = "administrator"

ALL_ROLES: frozenset[str] = frozenset({OFFICER, POSTAL_ASSISTANT, SUPERVISOR, ADMINISTRATOR})
"""Anyone logged in: reference data (catalogue, calendar) every desk caches."""
INTAKE_ROLES: frozenset[str] = frozenset({OFFICER, POSTAL_ASSISTANT, SUPERVISOR})
"""Receive dossiers, lease codes, upload attachments, read the site's dossier feed. A
supervisor also works a desk when the queue is long; an administrator does not take dossiers."""
OVERSIGHT_ROLES: frozenset[str] = frozenset({SUPERVISOR, ADMINISTRATOR})
"""Site statistics and review queues."""
ADMIN_ROLES: frozenset[str] = frozenset({ADMINISTRATOR})
"""Accounts, desks, the catalogue and the calendar."""

_POLICY_ATTR = "__authz_policy__"


@dataclass(frozen=True)
class Policy:
    """What a route demands. ``roles`` is empty exactly when the route is public."""

    roles: frozenset[str]
    site_scoped: bool
    public: bool = False

    def permits(self, role: str | None) -> bool:
        """Whether a caller of ``role`` (None: no token) gets past the policy."""
        if self.public:
            return True
        return role is not None and role in self.roles

    def describe(self) -> str:
        if self.public:
            return "public"
        scope = "own site" if self.site_scoped else "all sites"
        return f"{', '.join(sorted(self.roles))} ({scope})"


@dataclass(frozen=True)
class RoutePolicy:
    method: str
    path: str
    name: str
    policy: Policy


class PolicyError(RuntimeError):
    """A route with no policy, or with two that disagree: a programming error."""


def allow(*roles: str, site_scoped: bool = True) -> Any:
    """A dependency that yields the caller's Principal if their role is one of ``roles``."""
    wanted = frozenset(roles)
    if not wanted:
        raise PolicyError("allow() needs at least one role; use public() for an open route")
    unknown = wanted - ALL_ROLES
    if unknown:
        raise PolicyError(f"unknown roles: {sorted(unknown)}")
    policy = Policy(roles=wanted, site_scoped=site_scoped)

    def authorised_principal(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if principal.role not in wanted:
            raise ApiError(
                403, "forbidden_role", f"The role {principal.role} may not do this.", allowed=sorted(wanted)
            )
        return principal

    setattr(authorised_principal, _POLICY_ATTR, policy)
    return Depends(authorised_principal)


def public() -> Any:
    """Declares a route that needs no token. Put it in the decorator's ``dependencies``."""

    def no_authentication() -> None:
        return None

    setattr(no_authentication, _POLICY_ATTR, Policy(roles=frozenset(), site_scoped=False, public=True))
    return Depends(no_authentication)


def own_site_or_404(principal: Principal, site_code: str, what: str = "resource") -> None:
    """Answers a foreign site's row as if it did not exist, so its ids and codes do not leak."""
    if site_code != principal.site_code:
        raise ApiError(404, "not_found", f"No such {what}.")


def _policies_in(dependant: Dependant) -> list[Policy]:
    found: list[Policy] = []
    for sub in dependant.dependencies:
        policy = getattr(sub.call, _POLICY_ATTR, None)
        if isinstance(policy, Policy):
            found.append(policy)
        found.extend(_policies_in(sub))
    return found


def _policy_in(dependant: Dependant, where: str) -> Policy | None:
    policies = set(_policies_in(dependant))
    if len(policies) > 1:
        raise PolicyError(f"{where} declares {len(policies)} different policies")
    return next(iter(policies), None)


def policy_of(route: APIRoute) -> Policy | None:
    """The route's declared policy; PolicyError if it declares two that differ."""
    return _policy_in(route.dependant, route.path)


def _api_routes(app: FastAPI) -> Iterator[tuple[str, set[str], str, Dependant]]:
    """(path, methods, name, dependant) of every API route, however deeply routers nest.

    Newer FastAPI keeps included routers as lazy branches of ``app.routes``; its public
    ``iter_route_contexts`` flattens them (with the include-time dependencies). Older
    releases copied each route into ``app.routes``."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:
        for route in app.routes:
            if isinstance(route, APIRoute):
                yield route.path, set(route.methods), route.name, route.dependant
        return
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute):
            yield context.path, set(context.methods or ()), context.name, context.dependant


def route_policies(app: FastAPI) -> list[RoutePolicy]:
    """Every API route of ``app`` (one row per method) with its policy.

    FastAPI's own pages (the OpenAPI document, /docs) are not API routes and are left out.
    Raises PolicyError naming the routes that have none, so nothing is served unguarded."""
    rows: list[RoutePolicy] = []
    missing: list[str] = []
    for path, methods, name, dependant in _api_routes(app):
        policy = _policy_in(dependant, path)
        for method in sorted(methods):
            if policy is None:
                missing.append(f"{method} {path}")
            else:
                rows.append(RoutePolicy(method=method, path=path, name=name, policy=policy))
    if missing:
        raise PolicyError("routes without an authorisation policy: " + ", ".join(missing))
    return rows


def check_every_route(app: FastAPI) -> None:
    route_policies(app)


def document_policies(app: FastAPI) -> None:
    """Adds each operation's policy to the OpenAPI document (``x-roles``: who may call it,
    empty for public; ``x-site-scoped``), so client authors read it where they read the rest."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()  # FastAPI caches the document; marking it again changes nothing
        for row in route_policies(app):
            operation = schema.get("paths", {}).get(row.path, {}).get(row.method.lower())
            if operation is not None:
                operation["x-roles"] = sorted(row.policy.roles)
                operation["x-site-scoped"] = row.policy.site_scoped
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
