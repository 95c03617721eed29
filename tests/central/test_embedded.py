from __future__ import annotations

import socket
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from central_api.__main__ import main, openapi_text
from central_api.embedded import EmbeddedServer, EmbeddedServerError
from central_api.settings import CentralSettings
from tests.central.helpers import lease
from tests.support.central_server import RunningCentral


def _refuses_connections(base_url: str) -> bool:
    parts = urlsplit(base_url)
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=1).close()
    except OSError:
        return True
    return False


def test_fixture_server_is_seeded_on_a_sqlite_file(central_server: RunningCentral) -> None:
    assert central_server.backend == "sqlite"
    assert (central_server.data_dir / "central.sqlite3").is_file()
    assert central_server.login("quantri")["user"]["role"] == "administrator"


def test_data_survive_a_restart_and_stop_frees_the_port(tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path)
    base_url = server.start()
    with requests.Session() as http:
        token = http.post(base_url + "/v1/auth/token", json={"username": "canbo01", "password": "demo1234", "desk_id": "DESK-R"}, timeout=10).json()
    headers = {"Authorization": f"Bearer {token['access_token']}", "X-Desk-Id": "DESK-R"}
    running = RunningCentral(base_url, "sqlite", tmp_path, server.settings.database_url, server)
    first = lease(running, headers, date(2027, 3, 3), 10).json()
    server.stop()
    assert _refuses_connections(base_url)

    again = EmbeddedServer(tmp_path, seed_demo=False)
    new_url = again.start()
    try:
        running = RunningCentral(new_url, "sqlite", tmp_path, again.settings.database_url, again)
        # The access token was stored (hashed) in the database, so it still works.
        second = lease(running, headers, date(2027, 3, 3), 10).json()
        assert (first["last"], second["first"]) == (10, 11)
    finally:
        again.stop()


def test_start_fails_clearly_when_the_database_cannot_open(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data folder should be")
    server = EmbeddedServer(tmp_path, database_url=f"sqlite:///{(blocker / 'central.sqlite3').as_posix()}")
    with pytest.raises(EmbeddedServerError, match="did not start: FileExistsError"):
        server.start(timeout=20)
    server.stop()


def test_cli_seeds_a_data_dir_and_writes_the_openapi_document(tmp_path: Path) -> None:
    assert main(["seed", "--data-dir", str(tmp_path / "seeded")]) == 0
    # Not seeding again means desk enrolment stays "required": the seeded demo desk and key work.
    with EmbeddedServer(tmp_path / "seeded", seed_demo=False) as server:
        login = {"username": "buudien01", "password": "demo1234", "desk_id": "DESK-DK-01", "desk_key": "demo-desk-key"}
        response = requests.post(f"{server.base_url}/v1/auth/token", json=login, timeout=10)
        assert response.status_code == 200
    output = tmp_path / "openapi.json"
    assert main(["openapi", "--output", str(output)]) == 0
    assert output.read_text(encoding="utf-8") == openapi_text()


def test_module_entry_point_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "central_api", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "serve" in result.stdout and "seed" in result.stdout and "openapi" in result.stdout


def test_settings_come_from_the_environment_and_derive_their_paths(tmp_path: Path) -> None:
    settings = CentralSettings.from_env(
        {"ONE_STOP_CENTRAL_DATA_DIR": str(tmp_path), "ONE_STOP_CENTRAL_SEED_DEMO": "true",
         "ONE_STOP_CENTRAL_ACCESS_TOKEN_SECONDS": "60"}
    )
    assert settings.seed_demo is True and settings.access_token_seconds == 60
    assert settings.database_url == f"sqlite:///{(tmp_path / 'central.sqlite3').as_posix()}"
    assert settings.blob_dir == tmp_path / "blobs"
    explicit = CentralSettings.from_env({}, data_dir=tmp_path, database_url="postgresql+psycopg://u@h/db")
    assert explicit.database_url == "postgresql+psycopg://u@h/db" and not explicit.is_sqlite
