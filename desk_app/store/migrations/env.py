"""Alembic environment for the desk's SQLite file.

The caller (``desk_app.store.migrate``) hands over an open connection in
``config.attributes["connection"]``; there is no URL and no ini file.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from alembic.autogenerate.api import AutogenContext

from desk_app.store.models import Base, VnDateTime

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("desk_app.store.migrate passes the connection; run migrations through it")


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | bool:
    # Revisions must not import the models (they change later); VnDateTime is a DateTime
    # column in the file, its time-zone handling lives in Python only.
    if type_ == "type" and isinstance(obj, VnDateTime):
        return "sa.DateTime()"
    return False


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters most things by rebuilding the table; batch mode writes that for us.
    render_as_batch=True,
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
