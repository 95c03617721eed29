"""The schema as migrated equals the schema as modelled, on both databases, and the
constraints that keep codes unique hold even against code that skips the counter."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from central_api.db import Database
from central_api.migrate import current_revision, head_revision, upgrade
from central_api.models import Base, CalendarOverride, CatalogueVersion, CodeLease, Desk, Site, User
from central_api.seed import seed_demo
from tests.support.central_server import SITE_CENTRE, postgres_database


@pytest.fixture(params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        db = Database(f"sqlite:///{(tmp_path / 'central.sqlite3').as_posix()}")
        yield db
        db.dispose()
        return
    with postgres_database() as url:
        db = Database(url)
        yield db
        db.dispose()


def test_migrations_reach_head_and_match_the_models(database: Database) -> None:
    upgrade(database.engine)
    assert current_revision(database.engine) == head_revision()
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    upgrade(database.engine)  # a second start-up finds nothing to do
    assert current_revision(database.engine) == head_revision()


def test_seeding_twice_adds_nothing_the_second_time(database: Database) -> None:
    upgrade(database.engine)
    first = seed_demo(database)
    second = seed_demo(database)
    assert first == {"sites": 2, "users": 4, "desks": 3}
    assert second == {"sites": 0, "users": 0, "desks": 0}
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 4
        assert session.scalar(select(func.count()).select_from(CatalogueVersion)) == 1
        assert session.scalar(select(func.count()).select_from(CalendarOverride)) == 3
        sites = {s.code: s.kind for s in session.scalars(select(Site))}
    assert sites == {"000.00.17.H56": "service_centre", "000.20.31.H56": "post_office"}
    assert all(len(code) <= 13 for code in sites)


def test_the_database_refuses_two_leases_starting_at_the_same_number(database: Database) -> None:
    upgrade(database.engine)
    seed_demo(database)
    now = datetime.now(UTC)
    with database.writing() as session:
        session.add(Desk(desk_id="DESK-X", site_code=SITE_CENTRE, last_username="canbo01", first_seen_at=now, last_seen_at=now))

    def block(first: int, last: int) -> CodeLease:
        return CodeLease(lease_id=str(uuid.uuid4()), agency_code=SITE_CENTRE, day=date(2027, 5, 5), first=first,
                         last=last, width=4, desk_id="DESK-X", username="canbo01", created_at=now)

    with database.writing() as session:
        session.add(block(1, 10))
    with pytest.raises(IntegrityError):
        with database.writing() as session:
            session.add(block(1, 5))
    with pytest.raises(IntegrityError):
        with database.writing() as session:
            session.add(block(3, 10))
    with pytest.raises(IntegrityError):
        with database.writing() as session:
            session.add(block(7, 6))
