"""Lock-out after repeated failed logins, and the per-address login rate limit.

Both live in the database, so they hold across uvicorn workers: one test runs two servers
on one database and counts the attempts across them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import requests

from central_api.embedded import EmbeddedServer
from desk_app.core.timeutil import parse_rfc3339
from tests.central.admin_helpers import (
    age_login_attempts,
    bearer,
    code,
    count_login_attempts,
    create_user,
    set_locked_until,
    token,
    unique,
)
from tests.support.central_server import RunningCentral, start_central

MAX_FAILURES = 3
PASSWORD = "right-password-1"


@pytest.fixture(scope="module", params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)])
def central(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCentral]:
    data_dir = tmp_path_factory.mktemp(f"lockout-{request.param}")
    with start_central(data_dir, request.param, desk_enrolment="required", login_max_failures=MAX_FAILURES,
                       login_lockout_minutes=15, login_attempts_per_minute=1000) as running:
        yield running


@pytest.fixture(scope="module")
def admin(central: RunningCentral) -> dict[str, str]:
    return bearer(token(central, "quantri"))


def _answers(central: RunningCentral, username: str, passwords: list[str]) -> list[tuple[int, str | None]]:
    out: list[tuple[int, str | None]] = []
    for password in passwords:
        response = token(central, username, password)
        out.append((response.status_code, None if response.status_code == 200 else code(response)))
    return out


def test_the_nth_failure_locks_the_account_even_against_the_right_password(
    central: RunningCentral, admin: dict[str, str]
) -> None:
    username = create_user(central, admin, password=PASSWORD)
    before = datetime.now().astimezone()
    assert _answers(central, username, ["wrong"] * MAX_FAILURES) == [(401, "bad_credentials")] * MAX_FAILURES
    locked = token(central, username, PASSWORD)
    assert locked.status_code == 423
    detail = locked.json()["detail"]
    assert detail["code"] == "account_locked"
    until = parse_rfc3339(detail["locked_until"])
    assert detail["locked_until"].endswith("+07:00")
    assert before + timedelta(minutes=15) - timedelta(seconds=5) <= until <= before + timedelta(minutes=15, seconds=5)
    assert 14 * 60 <= int(locked.headers["Retry-After"]) <= 15 * 60
    shown = requests.get(central.url(f"/v1/admin/users/{username}"), headers=admin, timeout=10).json()
    assert parse_rfc3339(shown["locked_until"]) == until


def test_a_lock_ends_by_itself_and_counting_starts_again(central: RunningCentral, admin: dict[str, str]) -> None:
    username = create_user(central, admin, password=PASSWORD)
    _answers(central, username, ["wrong"] * MAX_FAILURES)
    assert token(central, username, PASSWORD).status_code == 423
    set_locked_until(central, username, datetime.now().astimezone() - timedelta(seconds=1))  # 15 minutes later
    # One more failure does not lock again: the count started afresh when the lock began.
    assert _answers(central, username, ["wrong", PASSWORD]) == [(401, "bad_credentials"), (200, None)]


def test_a_success_resets_the_count_of_consecutive_failures(central: RunningCentral, admin: dict[str, str]) -> None:
    username = create_user(central, admin, password=PASSWORD)
    almost = ["wrong"] * (MAX_FAILURES - 1)
    assert _answers(central, username, [*almost, PASSWORD, *almost, PASSWORD]) == [
        *[(401, "bad_credentials")] * (MAX_FAILURES - 1), (200, None),
        *[(401, "bad_credentials")] * (MAX_FAILURES - 1), (200, None),
    ]


def test_an_administrator_unlocks_an_account(central: RunningCentral, admin: dict[str, str]) -> None:
    username = create_user(central, admin, password=PASSWORD)
    _answers(central, username, ["wrong"] * MAX_FAILURES)
    assert token(central, username, PASSWORD).status_code == 423
    unlocked = requests.post(central.url(f"/v1/admin/users/{username}/unlock"), headers=admin, timeout=10)
    assert unlocked.status_code == 200
    assert unlocked.json()["locked_until"] is None and unlocked.json()["failed_logins"] == 0
    assert token(central, username, PASSWORD).status_code == 200


def test_an_unknown_user_name_answers_exactly_like_an_account(central: RunningCentral, admin: dict[str, str]) -> None:
    """Wrong passwords, then the lock: the same answers whether the account exists or not,
    so guessing cannot tell which user names are real."""
    real = create_user(central, admin, password=PASSWORD)
    invented = unique("nobody")
    attempts = ["wrong"] * MAX_FAILURES + ["another"]
    real_answers = _answers(central, real, attempts)
    assert real_answers == [*[(401, "bad_credentials")] * MAX_FAILURES, (423, "account_locked")]
    assert _answers(central, invented, attempts) == real_answers
    invented_lock = token(central, invented, "again")
    assert invented_lock.status_code == 423 and "locked_until" in invented_lock.json()["detail"]
    assert set(invented_lock.json()["detail"]) == set(token(central, real, "again").json()["detail"])


def test_a_wrong_desk_key_counts_as_a_failed_login(central: RunningCentral, admin: dict[str, str]) -> None:
    username = create_user(central, admin, password=PASSWORD)
    for _ in range(MAX_FAILURES):
        refused = token(central, username, PASSWORD, desk_key="not-the-key")
        assert refused.status_code == 401 and code(refused) == "desk_not_enrolled"
    assert token(central, username, PASSWORD).status_code == 423


# rate limit per client address ---------------------------------------------------------


def test_too_many_attempts_from_one_address_get_429_with_retry_after(tmp_path: Path) -> None:
    with start_central(tmp_path / "limited", "sqlite", login_attempts_per_minute=4) as central:
        answers = [token(central, "canbo01", "wrong" if i % 2 else "demo1234", desk_key=None) for i in range(4)]
        assert [a.status_code for a in answers] == [200, 401, 200, 401]
        limited = token(central, "canbo01", "demo1234", desk_key=None)  # right password, still too many
        assert limited.status_code == 429
        assert code(limited) == "too_many_attempts"
        retry_after = int(limited.headers["Retry-After"])
        assert 1 <= retry_after <= 60 and limited.json()["detail"]["retry_after"] == retry_after
        # Refused attempts are not recorded, so they do not push the window further out.
        assert count_login_attempts(central) == 4
        age_login_attempts(central, timedelta(seconds=61))  # a minute passes
        assert token(central, "canbo01", "demo1234", desk_key=None).status_code == 200


def test_the_limit_holds_across_servers_sharing_a_database(tmp_path: Path) -> None:
    """Two app instances on one database stand for two uvicorn workers."""
    data_dir = tmp_path / "shared"
    with EmbeddedServer(data_dir, login_attempts_per_minute=4) as first, \
            EmbeddedServer(data_dir, login_attempts_per_minute=4) as second:
        def attempt(base_url: str) -> int:
            body = {"username": "canbo01", "password": "wrong", "desk_id": "DESK-NT-01"}
            return requests.post(f"{base_url}/v1/auth/token", json=body, timeout=10).status_code

        statuses = [attempt(server.base_url or "") for server in (first, second, first, second, first, second)]
    assert statuses == [401, 401, 401, 401, 429, 429]
