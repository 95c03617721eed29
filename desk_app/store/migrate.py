"""Alembic, driven from code: the desk ships no alembic.ini.

``upgrade_to_head(engine, sealer)`` runs when a DeskStore opens. A file already at head is
left alone; a new, empty file gets the models' schema in one step, stamped at head
(Alembic's own recipe for building a current database from scratch: running every
revision only to arrive at the same tables costs a new desk, and each test's store, about
0.15 s); any other file is migrated. ``tests/store/test_store_schema.py`` holds the
migrations and the models to the same schema. For developers, a new revision
is written with ``python -m desk_app.store.migrate revision "what changed"``: it migrates a
scratch database to head and lets autogenerate compare it with the models.
"""

from __future__ import annotations

import functools
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, inspect

from .errors import StoreRejected, StoreTooNew
from .models import Base
from .sealing import Sealer

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None, sealer: Sealer | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Keeps Alembic from reconfiguring the application's logging.
    config.attributes["configure_logger"] = False
    if connection is not None:
        config.attributes["connection"] = connection
    # Revisions that seal what older versions kept in clear take it from here.
    if sealer is not None:
        config.attributes["sealer"] = sealer
    return config


@functools.cache
def _scripts() -> ScriptDirectory:
    # Reading the revision files is most of the cost of a check that finds nothing to do.
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine, sealer: Sealer, before_migrating: Callable[[str], None] | None = None) -> None:
    """Bring the file's schema to this version's head, refusing a file from a newer version.
    ``before_migrating(revision)`` runs before an existing file is migrated (the backup)."""
    script = _scripts()
    with engine.connect() as connection:
        revision = current_revision(connection)
        empty = revision is None and not inspect(connection).get_table_names()
        connection.rollback()
    if revision == head_revision():
        return
    if revision is not None and not _known(script, revision):
        raise StoreTooNew.at(revision)
    if empty:
        with engine.begin() as connection:
            Base.metadata.create_all(connection)
            MigrationContext.configure(connection).stamp(script, "head")
        return
    if before_migrating is not None:
        before_migrating(revision or "unversioned")
    with engine.connect() as connection:
        # SQLite changes a table by copying it into a new one and dropping the old, which
        # rows of other tables point at; SQLite's own procedure for that is to switch
        # foreign keys off (possible only outside a transaction), migrate, and check every
        # key before committing.
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                command.upgrade(alembic_config(connection, sealer), "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StoreRejected.because(f"the migrated file breaks foreign keys: {broken[:3]}")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _write_revision(message: str) -> None:
    from sqlalchemy import create_engine

    with tempfile.TemporaryDirectory() as scratch:
        engine = create_engine(f"sqlite:///{Path(scratch) / 'scratch.sqlite3'}")
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
        with engine.begin() as connection:
            command.revision(alembic_config(connection), message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "revision":
        sys.exit('usage: python -m desk_app.store.migrate revision "what changed"')
    _write_revision(sys.argv[2])
