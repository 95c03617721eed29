"""SQLite connections for the desk: WAL, foreign keys, durable commits, explicit BEGIN.

Two engines share the one file. The writer engine is used only by the writer thread and
opens every transaction with ``BEGIN IMMEDIATE``, so the write lock is taken before the
first read of a transaction: a second program on the same file waits (busy timeout)
instead of failing half-way with SQLITE_BUSY on lock upgrade. The reader engine opens
plain deferred transactions, which in WAL mode read a consistent snapshot beside the writer.

Durability: WAL with ``synchronous=FULL`` fsyncs the log at every commit, so a committed
dossier survives a power cut, not only a crash of the program. ``NORMAL`` would keep the
file consistent but may lose the last commits on power loss, and the desk promises that
what was shown as saved stays saved. The cost is one more fsync per commit: measured on
a development VM, a whole dossier save (blob fsync included) took about 9 ms with FULL
against 5.5 ms with NORMAL, nothing at a counter's few saves a minute.

``secure_delete`` makes SQLite overwrite what it deletes with zeros, so a dossier removed
after its retention period leaves no sealed copy in the file's free pages.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry

from .sealing import Sealer

BUSY_TIMEOUT_MS = 10_000


def _make_engine(path: Path, sealer: Sealer, *, begin: str, pool_size: int, max_overflow: int) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        # Pooled connections move between threads, one thread at a time.
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        pool_size=pool_size,
        max_overflow=max_overflow,
    )
    # The sealed column types find the store's sealer here (models._Sealed).
    engine.dialect.desk_sealer = sealer  # type: ignore[attr-defined]

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
        # pysqlite's own implicit BEGIN is deferred and skips SELECTs; switch it off and
        # begin transactions ourselves (below) so they mean what we say.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA secure_delete = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine


def writer_engine(path: Path, sealer: Sealer) -> Engine:
    return _make_engine(path, sealer, begin="BEGIN IMMEDIATE", pool_size=1, max_overflow=0)


def reader_engine(path: Path, sealer: Sealer) -> Engine:
    return _make_engine(path, sealer, begin="BEGIN", pool_size=4, max_overflow=8)


def enable_wal(engine: Engine) -> str:
    """Switch the file to WAL (a setting kept in the file) and return the mode now in force."""
    with engine.connect() as connection:
        # journal_mode cannot change inside a transaction: use the raw driver connection,
        # which runs in autocommit mode.
        raw = connection.connection.dbapi_connection
        assert raw is not None
        mode = raw.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    return str(mode).lower()
