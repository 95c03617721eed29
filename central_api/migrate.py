"""Bring a database to the newest schema with Alembic, configured in code."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from central_api.db import _IMMEDIATE as SQLITE_IMMEDIATE

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


# Any constant shared by every process that migrates this database; "1S-desk" in ASCII.
MIGRATION_LOCK_KEY = 0x31532D6465736B


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Safe to call from several processes at once (uvicorn workers, two hosts).

    PostgreSQL: a transaction-scoped advisory lock is taken before Alembic reads the
    version table, so one process migrates and the others wait, then find the schema at
    head and do nothing; the DDL and the version stamp commit together. SQLite: the
    transaction starts with BEGIN IMMEDIATE (central_api.db), which takes the write lock
    first for the same effect."""
    config = alembic_config()
    with engine.execution_options(**{SQLITE_IMMEDIATE: True}).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


class SchemaNotCurrent(RuntimeError):
    pass


def require_head(engine: Engine) -> None:
    """For a process told not to migrate: refuse to serve an old (or empty) schema."""
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise SchemaNotCurrent(
            f"the database is at schema revision {current or 'none'}, this code needs {head}: "
            "run 'python -m central_api migrate' first"
        )
