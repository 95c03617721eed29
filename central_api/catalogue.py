"""The versioned procedure catalogue: publishing, serving with an ETag, parsing per version."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.context import AppContext, utc_now
from central_api.errors import ApiError
from central_api.jsonutil import canonical_json, json_digest
from central_api.models import CatalogueVersion
from central_api.schemas import CatalogueSchema
from desk_app.core.catalogue import Catalogue, CatalogueError
from desk_app.core.timeutil import parse_rfc3339


class CatalogueInvalid(ValueError):
    pass


def check_catalogue(body: dict[str, Any]) -> Catalogue:
    """Both the wire schema and the desk's own parser must accept a catalogue before it ships."""
    try:
        CatalogueSchema.model_validate(body)
        return Catalogue.from_dict(body)
    except CatalogueError as exc:
        raise CatalogueInvalid(str(exc)) from exc
    except ValueError as exc:  # pydantic.ValidationError is a ValueError
        raise CatalogueInvalid(str(exc)) from exc


def etag_for(body: dict[str, Any]) -> str:
    return f'"{json_digest(body)[:32]}"'


def publish(session: Session, body: dict[str, Any], *, activate: bool = True) -> CatalogueVersion:
    """Store a catalogue version (idempotent for an identical body) and make it current."""
    check_catalogue(body)
    version = body["version"]
    now = utc_now()
    row = session.get(CatalogueVersion, version)
    if row is None:
        row = CatalogueVersion(
            version=version,
            published_at=parse_rfc3339(body["published_at"]),
            etag=etag_for(body),
            body=body,
            created_at=now,
        )
        session.add(row)
    elif row.etag != etag_for(body):
        # A version number names one content for ever: dossiers point at it.
        raise CatalogueInvalid(f"catalogue version {version} already exists with other content")
    elif row.state != "published":
        raise CatalogueInvalid(f"catalogue version {version} is an administrator's draft")
    if activate and row.activated_at is None:
        row.activated_at = now
    return row


def current(session: Session) -> CatalogueVersion | None:
    return session.scalar(
        select(CatalogueVersion)
        .where(CatalogueVersion.activated_at.is_not(None), CatalogueVersion.state == "published")
        .order_by(CatalogueVersion.activated_at.desc(), CatalogueVersion.published_at.desc())
        .limit(1)
    )


def current_for_wire(ctx: AppContext) -> tuple[bytes, str]:
    with ctx.db.reading() as session:
        row = current(session)
        if row is None:
            raise ApiError(503, "no_catalogue", "No catalogue is published yet. Ask the administrator.")
        return canonical_json(row.body), row.etag


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == etag:
            return True
    return False


class ParsedCatalogues:
    """Parsed catalogue per published version; those never change, so the cache never goes stale."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[str, Catalogue] = {}

    def get(self, session: Session, version: str) -> Catalogue | None:
        with self._lock:
            found = self._cache.get(version)
        if found is not None:
            return found
        row = session.get(CatalogueVersion, version)
        if row is None or row.state != "published":
            return None  # a draft may still change, and no desk was ever given it
        parsed = Catalogue.from_dict(row.body)
        with self._lock:
            self._cache[version] = parsed
        return parsed
