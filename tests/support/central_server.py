"""Pytest fixtures that run the real central API (uvicorn on loopback) for tests.

Use them with ``pytest_plugins = ["tests.support.central_server"]`` in a conftest, or
import the fixture names into one. Fixtures:

- ``central_server``: SQLite in a tmp dir, demo data seeded, fresh for each test.
- ``central_server_pg``: the same on a fresh PostgreSQL database (skips without a server).
- ``central_server_any``: parametrized over both (``sqlite``, ``postgresql``).

Each yields a :class:`RunningCentral` with ``.base_url`` and login helpers.
``start_central(data_dir, backend, **settings)`` starts one by hand (e.g. module-scoped).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from central_api.embedded import EmbeddedServer

DEMO_PASSWORD = "demo1234"
SITE_CENTRE = "000.00.17.H56"
SITE_POST = "000.20.31.H56"
# account -> (role, site, the desk id the tests use for it)
DEMO_ACCOUNTS = {
    "canbo01": ("officer", SITE_CENTRE, "DESK-NT-01"),
    "buudien01": ("postal_assistant", SITE_POST, "DESK-DK-01"),
    "giamsat01": ("supervisor", SITE_CENTRE, "DESK-NT-02"),
    "quantri": ("administrator", SITE_CENTRE, "DESK-NT-ADMIN"),
}
POSTGRES_DSN = os.environ.get("ONE_STOP_TEST_POSTGRES_DSN", "host=127.0.0.1 port=5432 user=postgres dbname=postgres")
BACKENDS = ("sqlite", "postgresql")


@dataclass
class RunningCentral:
    base_url: str
    backend: str
    data_dir: Path
    database_url: str
    server: EmbeddedServer = field(repr=False)
    _headers: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict, repr=False)

    def url(self, path: str) -> str:
        return self.base_url + path

    def login(self, username: str = "canbo01", password: str = DEMO_PASSWORD, desk_id: str | None = None) -> dict[str, Any]:
        """The token answer (access_token, refresh_token, user …); fails the test on error."""
        desk_id = desk_id or DEMO_ACCOUNTS[username][2]
        response = requests.post(
            self.url("/v1/auth/token"), json={"username": username, "password": password, "desk_id": desk_id}, timeout=10
        )
        assert response.status_code == 200, response.text
        return response.json()

    def auth_headers(self, username: str = "canbo01", desk_id: str | None = None) -> dict[str, str]:
        desk_id = desk_id or DEMO_ACCOUNTS[username][2]
        token = self.login(username, desk_id=desk_id)["access_token"]
        return {"Authorization": f"Bearer {token}", "X-Desk-Id": desk_id}

    def headers(self, username: str = "canbo01", desk_id: str | None = None) -> dict[str, str]:
        """Like auth_headers, but logs in once per server and account (argon2 is slow on purpose)."""
        key = (username, desk_id or DEMO_ACCOUNTS[username][2])
        if key not in self._headers:
            self._headers[key] = self.auth_headers(*key)
        return dict(self._headers[key])


def _admin_connection() -> Any:
    import psycopg

    try:
        return psycopg.connect(POSTGRES_DSN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL is not reachable ({POSTGRES_DSN}): {exc}".splitlines()[0])


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, empty database for one server; dropped afterwards. Skips without PostgreSQL."""
    import psycopg
    from psycopg import sql

    name = f"central_test_{uuid.uuid4().hex[:12]}"
    with _admin_connection() as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        host, port, user = admin.info.host, admin.info.port, admin.info.user
    try:
        yield f"postgresql+psycopg://{user}@{host}:{port}/{name}"
    finally:
        with psycopg.connect(POSTGRES_DSN, autocommit=True, connect_timeout=3) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def start_central(data_dir: Path, backend: str = "sqlite", **settings: Any) -> Iterator[RunningCentral]:
    """A seeded central API on a free loopback port, stopped (and its database dropped) on exit."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}")
    with (postgres_database() if backend == "postgresql" else _no_database()) as database_url:
        server = EmbeddedServer(Path(data_dir), database_url=database_url, seed_demo=True, **settings)
        base_url = server.start()
        try:
            yield RunningCentral(base_url, backend, Path(data_dir), server.settings.database_url, server)
        finally:
            server.stop()


@contextmanager
def _no_database() -> Iterator[None]:
    yield None


@pytest.fixture
def central_server(tmp_path: Path) -> Iterator[RunningCentral]:
    with start_central(tmp_path / "central", "sqlite") as running:
        yield running


@pytest.fixture
def central_server_pg(tmp_path: Path) -> Iterator[RunningCentral]:
    with start_central(tmp_path / "central", "postgresql") as running:
        yield running


@pytest.fixture(params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)])
def central_server_any(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RunningCentral]:
    with start_central(tmp_path / "central", request.param) as running:
        yield running
