from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.support.central_server import DEMO_ACCOUNTS, DEMO_PASSWORD, RunningCentral, start_central


def _token(central: RunningCentral, username: str, password: str, desk_id: str = "DESK-T-01") -> requests.Response:
    return requests.post(
        central.url("/v1/auth/token"), json={"username": username, "password": password, "desk_id": desk_id}, timeout=10
    )


def _catalogue(central: RunningCentral, headers: dict[str, str]) -> requests.Response:
    return requests.get(central.url("/v1/catalogue"), headers=headers, timeout=10)


@pytest.mark.parametrize("username", sorted(DEMO_ACCOUNTS))
def test_every_demo_account_logs_in_with_its_role_and_site(central: RunningCentral, username: str) -> None:
    role, site, desk = DEMO_ACCOUNTS[username]
    answer = central.login(username, desk_id=desk)
    assert answer["token_type"] == "bearer"
    assert answer["expires_in"] == 900
    assert answer["access_token"] != answer["refresh_token"]
    user = answer["user"]
    assert (user["username"], user["role"], user["site_code"], user["agency_code"]) == (username, role, site, site)
    assert user["full_name"] and user["site_name"] and user["place"]


@pytest.mark.parametrize(("username", "password"), [("canbo01", "wrong-password"), ("khongco", DEMO_PASSWORD), ("canbo01", "")])
def test_bad_credentials_are_refused_alike(central: RunningCentral, username: str, password: str) -> None:
    response = _token(central, username, password)
    if password == "":
        assert response.status_code == 422
        assert response.json()["detail"]["code"] == "invalid_request"
        return
    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "bad_credentials"
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_calls_without_a_token_are_refused(central: RunningCentral) -> None:
    response = _catalogue(central, {"X-Desk-Id": "DESK-NT-01"})
    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "not_authenticated"
    response = _catalogue(central, {"Authorization": "Bearer made-up-token", "X-Desk-Id": "DESK-NT-01"})
    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "invalid_token"


def test_token_needs_the_desk_it_was_issued_to(central: RunningCentral) -> None:
    token = central.login("canbo01", desk_id="DESK-NT-01")["access_token"]
    missing = _catalogue(central, {"Authorization": f"Bearer {token}"})
    assert missing.status_code == 400
    assert missing.json()["detail"]["code"] == "desk_id_required"
    other = _catalogue(central, {"Authorization": f"Bearer {token}", "X-Desk-Id": "DESK-NT-99"})
    assert other.status_code == 403
    assert other.json()["detail"]["code"] == "desk_mismatch"
    assert _catalogue(central, {"Authorization": f"Bearer {token}", "X-Desk-Id": "DESK-NT-01"}).status_code == 200


def test_refresh_rotates_and_a_reused_refresh_token_ends_the_session(central: RunningCentral) -> None:
    first = central.login("canbo01")
    rotated = requests.post(central.url("/v1/auth/refresh"), json={"refresh_token": first["refresh_token"]}, timeout=10)
    assert rotated.status_code == 200
    second = rotated.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["user"]["username"] == "canbo01"
    desk = {"X-Desk-Id": DEMO_ACCOUNTS["canbo01"][2]}
    assert _catalogue(central, {**desk, "Authorization": f"Bearer {second['access_token']}"}).status_code == 200

    replayed = requests.post(central.url("/v1/auth/refresh"), json={"refresh_token": first["refresh_token"]}, timeout=10)
    assert replayed.status_code == 401
    assert replayed.json()["detail"]["code"] == "token_reused"
    # The whole family is now dead: the newest access and refresh tokens too.
    after = _catalogue(central, {**desk, "Authorization": f"Bearer {second['access_token']}"})
    assert after.json()["detail"]["code"] == "token_revoked"
    again = requests.post(central.url("/v1/auth/refresh"), json={"refresh_token": second["refresh_token"]}, timeout=10)
    assert again.json()["detail"]["code"] == "token_revoked"


def test_revoke_logs_out_and_is_harmless_for_unknown_tokens(central: RunningCentral) -> None:
    answer = central.login("giamsat01")
    headers = {"Authorization": f"Bearer {answer['access_token']}", "X-Desk-Id": DEMO_ACCOUNTS["giamsat01"][2]}
    assert _catalogue(central, headers).status_code == 200
    revoked = requests.post(central.url("/v1/auth/revoke"), json={"refresh_token": answer["refresh_token"]}, timeout=10)
    assert revoked.status_code == 200 and revoked.json() == {"revoked": True}
    assert _catalogue(central, headers).json()["detail"]["code"] == "token_revoked"
    unknown = requests.post(central.url("/v1/auth/revoke"), json={"refresh_token": "nothing-like-it"}, timeout=10)
    assert unknown.status_code == 200 and unknown.json() == {"revoked": False}


def test_an_access_token_cannot_refresh(central: RunningCentral) -> None:
    answer = central.login("canbo01")
    response = requests.post(central.url("/v1/auth/refresh"), json={"refresh_token": answer["access_token"]}, timeout=10)
    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "invalid_token"


def test_access_token_expires_and_refresh_brings_a_new_one(tmp_path: Path) -> None:
    with start_central(tmp_path / "short", "sqlite", access_token_seconds=1) as central:
        answer = central.login("canbo01")
        desk = {"X-Desk-Id": DEMO_ACCOUNTS["canbo01"][2]}
        time.sleep(1.2)  # tokens carry whole seconds: 1.2 s always crosses the expiry
        expired = _catalogue(central, {**desk, "Authorization": f"Bearer {answer['access_token']}"})
        assert expired.status_code == 401
        assert expired.json()["detail"]["code"] == "token_expired"
        fresh = requests.post(central.url("/v1/auth/refresh"), json={"refresh_token": answer["refresh_token"]}, timeout=10)
        assert fresh.status_code == 200
        assert _catalogue(central, {**desk, "Authorization": f"Bearer {fresh.json()['access_token']}"}).status_code == 200


def test_concurrent_refreshes_of_one_token_let_exactly_one_through(central: RunningCentral) -> None:
    refresh_token = central.login("canbo01")["refresh_token"]

    def attempt(_: int) -> requests.Response:
        return requests.post(central.url("/v1/auth/refresh"), json={"refresh_token": refresh_token}, timeout=10)

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(attempt, range(4)))
    assert sorted(a.status_code for a in answers) == [200, 401, 401, 401]
    assert {a.json()["detail"]["code"] for a in answers if a.status_code == 401} <= {"token_reused", "token_revoked"}


def test_two_first_logins_of_one_desk_at_once_both_succeed(central: RunningCentral) -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        answers = list(pool.map(lambda _: _token(central, "canbo01", DEMO_PASSWORD, "DESK-RACE-01"), range(3)))
    assert [a.status_code for a in answers] == [200, 200, 200]
