"""Alembic environment: the caller hands over an open connection (see central_api.migrate)."""

from __future__ import annotations

from alembic import context

from central_api.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("central_api migrations run through central_api.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things in place; batch mode rebuilds the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
