"""A deployment from nothing: site, administrator and desk by command line, then the
administrator logs in (enrolment required) and takes over through /v1/admin."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import requests

from central_api.bootstrap import main
from central_api.embedded import EmbeddedServer


def test_bootstrap_a_deployment_and_log_in_as_its_first_administrator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "province")]
    assert main([*data, "add-site", "--code", "000.00.01.H40", "--name", "Trung tâm Phục vụ hành chính công",
                 "--place", "Vinh"]) == 0
    assert main([*data, "add-site", "--code", "000.00.01.H40", "--name", "x", "--place", "y"]) == 0  # idempotent
    monkeypatch.setattr("sys.stdin", io.StringIO("first-admin-password\n"))
    assert main([*data, "add-user", "--username", "admin.vinh", "--full-name", "Hồ Văn An", "--role", "administrator",
                 "--site-code", "000.00.01.H40", "--password-stdin"]) == 0
    assert main([*data, "enrol-desk", "--desk-id", "DESK-VINH-01", "--site-code", "000.00.01.H40"]) == 0
    output = capsys.readouterr().out
    assert "exists already" in output
    key = re.search(r"desk key \(shown once; enter it on the desk\): (\S+)", output)
    assert key is not None

    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main([*data, "add-user", "--username", "weak", "--full-name", "x", "--role", "officer",
                 "--site-code", "000.00.01.H40", "--password-stdin"]) == 2  # refused: too short
    assert main([*data, "enrol-desk", "--desk-id", "DESK-X", "--site-code", "000.99.99.H40"]) == 1  # no such site

    with EmbeddedServer(tmp_path / "province", seed_demo=False) as server:  # enrolment required
        assert server.settings.desk_enrolment == "required"
        login = {"username": "admin.vinh", "password": "first-admin-password", "desk_id": "DESK-VINH-01"}
        assert requests.post(f"{server.base_url}/v1/auth/token", json=login, timeout=10).status_code == 401
        answer = requests.post(f"{server.base_url}/v1/auth/token", json={**login, "desk_key": key.group(1)}, timeout=10)
        assert answer.status_code == 200, answer.text
        headers = {"Authorization": f"Bearer {answer.json()['access_token']}", "X-Desk-Id": "DESK-VINH-01"}
        users = requests.get(f"{server.base_url}/v1/admin/users", headers=headers, timeout=10).json()["items"]
        assert [u["username"] for u in users] == ["admin.vinh"]
