from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.central_server import (  # noqa: F401  (fixtures are found by name)
    RunningCentral,
    central_server,
    central_server_any,
    central_server_pg,
    start_central,
)


@pytest.fixture(
    scope="module", params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def central(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCentral]:
    """One server per test module and backend; tests keep apart by using their own ids and days."""
    data_dir: Path = tmp_path_factory.mktemp(f"central-{request.param}")
    with start_central(data_dir, request.param) as running:
        yield running
