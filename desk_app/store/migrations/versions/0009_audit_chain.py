"""The audit log becomes a hash chain: every row gets the hash of the row before it and its
own; the rows already there are chained in id order, so an upgraded desk verifies.

Revision ID: 0009_audit_chain
Revises: 0008_oversight
Create Date: 2026-11-24
"""

from __future__ import annotations

import json
from datetime import timezone
from typing import Any, Sequence

import sqlalchemy as sa
from alembic import op

from desk_app.core.timeutil import VN_TZ
from desk_app.store.audit_chain import GENESIS, ChainEntry, entry_hash

revision: str = "0009_audit_chain"
down_revision: str | Sequence[str] | None = "0008_oversight"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PAGE = 2000


def _details(raw: Any) -> Any:
    # The JSON column as SQLAlchemy reads it: text in the file, None for SQL NULL.
    if raw is None:
        return None
    return json.loads(raw) if isinstance(raw, (str, bytes)) else raw


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("hash", sa.String(length=64), nullable=True))

    connection = op.get_bind()
    # Raw columns: ``at`` is naive UTC text (models.VnDateTime), details JSON text; the hash
    # is taken over what the store hands back for them, Vietnam time and parsed JSON.
    select = sa.text("SELECT id, at, actor, action, subject, details FROM audit_log WHERE id > :after "
                     "ORDER BY id LIMIT :page").columns(at=sa.DateTime())
    update = sa.text("UPDATE audit_log SET prev_hash = :prev_hash, hash = :hash WHERE id = :id")
    last_id, last_hash = 0, GENESIS
    while True:
        rows = connection.execute(select, {"after": last_id, "page": PAGE}).fetchall()
        if not rows:
            break
        links = []
        for row in rows:
            entry = ChainEntry(id=row.id, at=row.at.replace(tzinfo=timezone.utc).astimezone(VN_TZ), actor=row.actor,
                               action=row.action, subject=row.subject, details=_details(row.details),
                               prev_hash=last_hash, hash="")
            last_hash = entry_hash(last_hash, entry)
            last_id = row.id
            links.append({"id": row.id, "prev_hash": entry.prev_hash, "hash": last_hash})
        connection.execute(update, links)

    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("hash", existing_type=sa.String(length=64), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
