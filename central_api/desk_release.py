"""The desk version on offer: an administrator publishes a build (where to download it, its
SHA-256 and size, release notes) and every desk, once signed in, reads it and offers the
download when it is newer than itself.

- ``PUT /v1/admin/desk-release``: publish a version. A version is published once with its
  bytes: the same version again with another SHA-256 or size is refused (409
  ``release_conflict``), since desks may hold the first build already. Publishing a version
  again (its address or notes may change) makes it the one on offer once more.
- ``GET /v1/desk-release``: the most recently published version, or 404 ``no_release``.

Every publication is kept with who published it and when.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Annotated
from urllib.parse import urlsplit

from packaging.version import InvalidVersion, Version
from pydantic import AfterValidator, BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from central_api.auth import advisory_lock
from central_api.context import AppContext, utc_now
from central_api.errors import ApiError
from central_api.models import DeskRelease
from central_api.schemas import NO_NUL, SHA256_PATTERN, Strict
from desk_app.core.timeutil import to_rfc3339

log = logging.getLogger(__name__)

MAX_SIZE_BYTES = 8 * 1024**3  # far above any desk build; a typo in the size is caught


def _canonical_version(text: str) -> str:
    try:
        version = Version(text)
    except InvalidVersion:
        raise ValueError("not a version number such as 1.4.0") from None
    # One spelling per version: "v1.4" and "1.4.0.0" would otherwise be two publications.
    if str(version) != text:
        raise ValueError(f"write the version as {version}")
    return text


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _download_address(url: str) -> str:
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        raise ValueError("the download address must not hold a user name or password")
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return url
    if parts.scheme == "http" and _loopback(host):
        return url  # a server on this machine: tests and a single-machine demo
    raise ValueError("the download address must start with https:// (plain http only to this machine)")


ReleaseVersion = Annotated[
    str, Field(min_length=1, max_length=40, examples=["1.4.0"]), AfterValidator(_canonical_version)
]
DownloadUrl = Annotated[
    str, Field(min_length=9, max_length=2000, pattern=r"^[^\s\x00]*$"), AfterValidator(_download_address)
]


class DeskReleaseIn(Strict):
    version: ReleaseVersion = Field(description="the desk's version, in canonical PEP 440 form (1.4.0)")
    download_url: DownloadUrl = Field(description="where desks download the installer: https (http to loopback only)")
    sha256: Annotated[str, Field(pattern=SHA256_PATTERN, description="SHA-256 of the download, lower-case hex")]
    size_bytes: Annotated[int, Field(ge=1, le=MAX_SIZE_BYTES, description="size of the download in bytes")]
    notes: Annotated[str, Field(max_length=4000, pattern=NO_NUL, description="release notes shown on the desk")] = ""


class DeskReleaseOut(BaseModel):
    version: str
    download_url: str
    sha256: str
    size_bytes: int
    notes: str
    published_at: str = Field(description="when it was (last) published, RFC 3339")


def _out(row: DeskRelease) -> DeskReleaseOut:
    return DeskReleaseOut(
        version=row.version, download_url=row.download_url, sha256=row.sha256, size_bytes=row.size_bytes,
        notes=row.notes, published_at=to_rfc3339(row.published_at),
    )


def _conflict(version: str) -> ApiError:
    return ApiError(
        409, "release_conflict",
        f"Desk version {version} was published with other contents; publish the new build under a new version.",
        version=version,
    )


def publish(ctx: AppContext, actor: str, body: DeskReleaseIn) -> tuple[bool, DeskReleaseOut]:
    """(whether the version is new, the release now on offer)."""
    now = utc_now()
    try:
        with ctx.db.writing() as session:
            advisory_lock(session, "desk-release")  # publications are numbered one after another
            publication = (session.scalar(select(func.max(DeskRelease.publication))) or 0) + 1
            row = session.scalar(select(DeskRelease).where(DeskRelease.version == body.version).with_for_update())
            created = row is None
            if row is None:
                row = DeskRelease(version=body.version, sha256=body.sha256, size_bytes=body.size_bytes,
                                  download_url=body.download_url, notes=body.notes)
                session.add(row)
            elif (row.sha256, row.size_bytes) != (body.sha256, body.size_bytes):
                raise _conflict(body.version)
            row.download_url, row.notes, row.published_at, row.published_by, row.publication = (
                body.download_url, body.notes, now, actor, publication)
            session.flush()
            answer = _out(row)
    except IntegrityError:
        # The same new version published twice at once: the unique index let one through.
        raise _conflict(body.version) from None
    log.info("%s published desk version %s (%d bytes, sha256 %s)%s", actor, body.version, body.size_bytes,
             body.sha256, "" if created else " again")
    return created, answer


def current(ctx: AppContext) -> DeskReleaseOut:
    with ctx.db.reading() as session:
        row = session.scalar(
            select(DeskRelease).order_by(DeskRelease.publication.desc()).limit(1)
        )
        if row is None:
            raise ApiError(404, "no_release", "No desk version has been published.")
        return _out(row)
