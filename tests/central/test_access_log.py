"""The access log: one JSON line per request, never a CCCD, a name, a password or a token.

Requests here carry a CCCD in the path and the query, a citizen's name in a dossier body
and in a query, a password and the tokens in headers and bodies; then every log line the
service wrote is searched for them. Once in-process (all ``central_api`` loggers), once
through ``python -m central_api serve --workers 2`` (everything the processes print).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import requests

from central_api.access_log import ACCESS_LOGGER
from tests.central.helpers import make_dossier
from tests.support.central_server import DEMO_ACCOUNTS, DEMO_PASSWORD, RunningCentral

# A demo citizen (resources/demo/citizens.json), so the look-up answers with the name too.
CCCD = "056162123456"
NAME = "Nguyễn Thị Phương Thảo"
WRONG_PASSWORD = "mat-khau-sai-" + CCCD
LINE_KEYS = {"time", "request_id", "method", "route", "status", "duration_ms", "desk_id", "username"}


def _exercise(base_url: str, desk_id: str = DEMO_ACCOUNTS["canbo01"][2]) -> dict[str, Any]:
    """Requests full of personal data and secrets; returns what must never be logged."""
    login = requests.post(
        f"{base_url}/v1/auth/token",
        json={"username": "canbo01", "password": DEMO_PASSWORD, "desk_id": desk_id},
        timeout=10,
    )
    assert login.status_code == 200, login.text
    tokens = login.json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}", "X-Desk-Id": desk_id}
    answers: dict[str, requests.Response] = {}
    answers["citizen"] = requests.get(
        f"{base_url}/v1/citizens/{CCCD}",
        params={"cccd": CCCD, "full_name": NAME},
        headers={**headers, "X-Request-Id": "desk-req-0001"},
        timeout=10,
    )
    answers["feed"] = requests.get(f"{base_url}/v1/dossiers", params={"since": CCCD}, headers=headers, timeout=10)
    dossier = make_dossier(desk_id=desk_id)
    dossier = replace(dossier, applicant=replace(dossier.applicant, full_name=NAME, cccd=CCCD))
    answers["dossier"] = requests.put(
        f"{base_url}/v1/dossiers/{dossier.client_id}", json=dossier.to_wire(), headers=headers, timeout=10
    )
    answers["unmatched"] = requests.get(f"{base_url}/v1/nothing-here/{CCCD}", headers=headers, timeout=10)
    answers["wrong_password"] = requests.post(
        f"{base_url}/v1/auth/token",
        json={"username": "canbo01", "password": WRONG_PASSWORD, "desk_id": desk_id},
        timeout=10,
    )
    refreshed = requests.post(
        f"{base_url}/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}, timeout=10
    )
    assert refreshed.status_code == 200, refreshed.text
    answers["dossier"].raise_for_status()
    return {
        "answers": answers,
        "secrets": [
            CCCD, NAME, NAME.split()[-1], WRONG_PASSWORD, DEMO_PASSWORD,
            tokens["access_token"], tokens["refresh_token"],
            refreshed.json()["access_token"], refreshed.json()["refresh_token"],
        ],
        # Not personal (the service's own log names it on receipt), but a path value: the
        # access lines must show the template instead.
        "path_values": [dossier.client_id],
    }


def _assert_clean(text: str, secrets: list[str]) -> None:
    for secret in secrets:
        assert secret not in text, f"the log holds {secret[:6]}…"


def test_access_lines_carry_route_templates_and_the_caller_but_no_personal_data(
    central_server: RunningCentral, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="central_api")
    seen = _exercise(central_server.base_url)
    answers = seen["answers"]
    everything = "\n".join(
        record.getMessage() + (record.exc_text or "") for record in caplog.records if record.name.startswith("central_api")
    )
    _assert_clean(everything, seen["secrets"])

    access_text = "\n".join(r.getMessage() for r in caplog.records if r.name == ACCESS_LOGGER)
    _assert_clean(access_text, seen["path_values"])
    lines = [json.loads(line) for line in access_text.splitlines()]
    assert all(set(line) == LINE_KEYS for line in lines)
    by_id = {line["request_id"]: line for line in lines}
    for answer in answers.values():
        # Every answer names its line; the id a client sent is kept.
        assert answer.headers["X-Request-Id"] in by_id
    assert answers["citizen"].headers["X-Request-Id"] == "desk-req-0001"

    citizen = by_id["desk-req-0001"]
    assert citizen["route"] == "/v1/citizens/{cccd}" and citizen["method"] == "GET"
    assert citizen["status"] == answers["citizen"].status_code
    assert (citizen["username"], citizen["desk_id"]) == ("canbo01", "DESK-NT-01")
    assert citizen["time"].endswith("+07:00") and citizen["duration_ms"] >= 0

    dossier = by_id[answers["dossier"].headers["X-Request-Id"]]
    assert (dossier["method"], dossier["route"], dossier["status"]) == ("PUT", "/v1/dossiers/{client_id}", 201)
    assert by_id[answers["feed"].headers["X-Request-Id"]]["route"] == "/v1/dossiers"
    unmatched = by_id[answers["unmatched"].headers["X-Request-Id"]]
    assert (unmatched["route"], unmatched["status"]) == (None, 404)
    refused = by_id[answers["wrong_password"].headers["X-Request-Id"]]
    assert (refused["route"], refused["status"], refused["username"]) == ("/v1/auth/token", 401, None)


def test_a_malformed_request_id_is_replaced_not_echoed(central_server: RunningCentral) -> None:
    for forged in ('bad id, with "quotes"', "x" * 65, "short"):
        response = requests.get(central_server.url("/v1/health"), headers={"X-Request-Id": forged}, timeout=10)
        assert response.status_code == 200
        echoed = response.headers["X-Request-Id"]
        assert echoed != forged and len(echoed) == 32 and echoed.isalnum()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(base_url: str, process: subprocess.Popen[str], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited with {process.returncode}")
        try:
            if requests.get(f"{base_url}/v1/health", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise AssertionError("serve did not answer in time")


def test_serve_with_workers_writes_json_lines_and_nothing_personal(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        # The desks of the demo accounts are not enrolled; the demo lets them in.
        "ONE_STOP_CENTRAL_DESK_ENROLMENT": "open",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("ONE_STOP_CENTRAL_DATABASE_URL", None)
    command = [
        sys.executable, "-m", "central_api", "serve", "--data-dir", str(tmp_path / "central"),
        "--seed-demo", "--port", str(port), "--workers", "2",
    ]
    stdout, stderr = tmp_path / "stdout.log", tmp_path / "stderr.log"
    with open(stdout, "w") as out, open(stderr, "w") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, text=True)
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_healthy(base_url, process)
            seen = _exercise(base_url)
        finally:
            process.terminate()
            process.wait(timeout=30)
    printed_out, printed_err = stdout.read_text(encoding="utf-8"), stderr.read_text(encoding="utf-8")
    _assert_clean(printed_out + printed_err, seen["secrets"])
    # stdout holds only access lines, one JSON object each; the citizen look-up is there.
    _assert_clean(printed_out, seen["path_values"])
    lines = [json.loads(line) for line in printed_out.splitlines() if line.strip()]
    assert lines and all(set(line) == LINE_KEYS for line in lines)
    assert any(line["request_id"] == "desk-req-0001" and line["route"] == "/v1/citizens/{cccd}" for line in lines)
    # The parent migrated once; the two workers only checked the revision.
    assert printed_err.count("Running upgrade  -> 0001") == 1
    assert printed_err.count("Application startup complete") == 2
