"""Engine and sessions: SQLite (WAL, foreign keys) by default, PostgreSQL via psycopg 3.

SQLite gets its BEGIN from us rather than from the sqlite3 driver: read sessions open a
deferred transaction, write sessions ``BEGIN IMMEDIATE`` so that a writer takes the
database lock before it reads, waits its turn under ``busy_timeout`` and can never fail
half-way with a stale snapshot. PostgreSQL runs READ COMMITTED; the code relies on atomic
upserts, row locks and unique constraints there, never on read-then-write.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import TypeDecorator

_IMMEDIATE = "central_sqlite_immediate"


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored as UTC; SQLite keeps no offset, so it is put back on reading."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime reached the database")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def make_engine(database_url: str, *, busy_timeout_ms: int = 30_000) -> Engine:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        _tune_sqlite(engine, busy_timeout_ms)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _tune_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see module doc
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def upsert(session: Session, table: Any) -> Any:
    """``INSERT`` with ``ON CONFLICT`` support for the session's database (both dialects have it)."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


class Database:
    """The engine plus the two kinds of session the routes use."""

    def __init__(self, database_url: str, *, busy_timeout_ms: int = 30_000) -> None:
        self.engine = make_engine(database_url, busy_timeout_ms=busy_timeout_ms)
        self.dialect = self.engine.dialect.name
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(**{_IMMEDIATE: True})
        self._write = sessionmaker(writer, expire_on_commit=False)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction that commits on success and rolls back on any error."""
        with self._write() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
