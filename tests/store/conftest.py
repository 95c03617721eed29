"""Fixtures for the store tests: a real DeskStore on a SQLite file under tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_app.store import DeskStore
from tests.support.store_keys import open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DeskStore]:
    desk_store = open_store(tmp_path / "desk")
    yield desk_store
    desk_store.close()
