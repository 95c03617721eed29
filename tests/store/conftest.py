"""Fixtures for the store tests: a real DeskStore on a SQLite file under tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_app.store import DeskStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DeskStore]:
    desk_store = DeskStore(tmp_path / "desk")
    yield desk_store
    desk_store.close()
