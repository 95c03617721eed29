"""Idempotent PUTs: telling a record sent again under its id from a different one.

A desk's outbox sends until it hears an answer, so the same fee record, review, print or
command may arrive twice. The same body under the same id is a replay, answered as before;
another body, or the id used for another dossier or desk, is a conflict (409).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from central_api.errors import ApiError


def stored_under(session: Session, key: InstrumentedAttribute[str], value: str, *, owner: str, owned_by: Any,
                 digest: str, conflict: str, what: str) -> Any | None:
    """The row stored under ``key == value`` when it holds this very body (``digest``) for
    this owner (its ``owner`` attribute equals ``owned_by``); None when nothing is stored."""
    row = session.scalar(select(key.class_).where(key == value))
    if row is None:
        return None
    if getattr(row, owner) != owned_by or row.body_hash != digest:
        raise ApiError(409, conflict, f"A different {what} was already received under {key.key} {value}.")
    return row
