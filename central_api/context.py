"""What every request handler needs, built once per app by create_app()."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import Request

from central_api.blobstore import BlobStore
from central_api.db import Database
from central_api.settings import CentralSettings


def utc_now() -> datetime:
    """Whole seconds, like the desk's clock, so times compare and print the same on both sides."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class AppContext:
    settings: CentralSettings
    db: Database
    blobs: BlobStore


def get_context(request: Request) -> AppContext:
    return request.app.state.context
