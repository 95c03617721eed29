"""The database file: migrations from nothing, schema equal to the models, WAL and pragmas."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, create_engine, inspect, text

from desk_app.store import DeskStore, StoreTooNew
from desk_app.store.migrate import alembic_config, head_revision
from desk_app.store.sealing import Sealer, new_store_key
from desk_app.store.models import Base
from tests.support.store_keys import open_store

EXPECTED_TABLES = {
    "alembic_version",
    "attachments",
    "audit_log",
    "blob_keys",
    "dossier_terms",
    "store_meta",
    "calendar_overrides",
    "catalogue_versions",
    "citizen_lookups",
    "code_allocations",
    "code_leases",
    "desk_commands",
    "dossiers",
    "drafts",
    "fee_records",
    "outbox",
    "outbox_history",
    "prints",
    "provisional_codes",
    "reviews",
    "status_events",
    "sync_cursors",
    "upstream_checks",
}


def schema_diff(database: Path, metadata: MetaData) -> list:
    engine = create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, metadata)
    finally:
        engine.dispose()


def test_opening_an_empty_folder_migrates_to_head(tmp_path: Path) -> None:
    data_dir = tmp_path / "not" / "yet" / "there"
    with open_store(data_dir) as store:
        assert store.database_path == data_dir / "desk.sqlite3"
    engine = create_engine(f"sqlite:///{data_dir / 'desk.sqlite3'}")
    try:
        assert set(inspect(engine).get_table_names()) == EXPECTED_TABLES
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
    finally:
        engine.dispose()


@pytest.fixture
def migrated(tmp_path: Path) -> Path:
    """A file taken through every revision from nothing, as an old desk's file would be."""
    database = tmp_path / "migrated.sqlite3"
    engine = create_engine(f"sqlite:///{database}")
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection, Sealer(new_store_key())), "head")
    finally:
        engine.dispose()
    return database


def test_migrated_schema_matches_the_models(migrated: Path) -> None:
    assert schema_diff(migrated, Base.metadata) == []


def test_a_new_store_is_made_from_the_models_in_one_step_as_the_migrations_would_make_it(
        tmp_path: Path, migrated: Path) -> None:
    with open_store(tmp_path / "new") as store:
        made = store.database_path
    assert schema_diff(made, Base.metadata) == []
    with closing(sqlite3.connect(made)) as new, closing(sqlite3.connect(migrated)) as old:
        def tables(connection: sqlite3.Connection) -> set[str]:
            return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables(new) == tables(old) == EXPECTED_TABLES
        assert new.execute("SELECT version_num FROM alembic_version").fetchall() == \
            old.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]


def test_schema_comparison_notices_a_model_change(migrated: Path) -> None:
    # Guards the test above: the comparison must see a column the migrations lack.
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        copy = table.to_metadata(changed)
        if table.name == "dossiers":
            copy.append_column(Column("postal_tracking", Integer, nullable=True))
    diff = schema_diff(migrated, changed)
    assert [(op[0], op[2], op[3].name) for op in diff] == [("add_column", "dossiers", "postal_tracking")]


def test_reopening_runs_no_migration_twice(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    open_store(tmp_path).close()
    with closing(sqlite3.connect(tmp_path / "desk.sqlite3")) as connection:
        assert connection.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1


def test_journal_is_wal_and_commits_are_durable(store: DeskStore) -> None:
    with closing(sqlite3.connect(store.database_path)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.audit("canbo01", "login")
    assert store.database_path.with_name("desk.sqlite3-wal").exists()
    # Per-connection settings, checked on a pooled connection of the store itself.
    with store._reader.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_a_file_from_a_newer_desk_is_refused_and_left_alone(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    database = tmp_path / "desk.sqlite3"
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        connection.commit()
    with pytest.raises(StoreTooNew) as caught:
        open_store(tmp_path)
    assert caught.value.params == {"revision": "9999_from_the_future"}
    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999_from_the_future"
