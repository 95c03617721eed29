"""POST /v1/desks/{desk_id}/enrolment-check: a desk's first-run setup tests its key before
anyone signs in. Right key: the desk's site and the server's version. Unknown desk,
deactivated desk, wrong key: one and the same 401, locking the same way, so the answers
do not tell which desk ids exist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from central_api import __version__
from tests.central.admin_helpers import DEMO_DESK_KEY, admin_call, bearer, code, count_login_attempts, token, unique
from tests.support.central_server import SITE_CENTRE, SITE_POST, RunningCentral, start_central

MAX_FAILURES = 3


@pytest.fixture(scope="module", params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)])
def central(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCentral]:
    data_dir = tmp_path_factory.mktemp(f"enrolment-check-{request.param}")
    with start_central(data_dir, request.param, desk_enrolment="required", login_max_failures=MAX_FAILURES,
                       login_lockout_minutes=15, login_attempts_per_minute=1000) as running:
        yield running


@pytest.fixture(scope="module")
def admin(central: RunningCentral) -> dict[str, str]:
    return bearer(token(central, "quantri"))


def check(central: RunningCentral, desk_id: str, desk_key: str) -> requests.Response:
    return requests.post(central.url(f"/v1/desks/{desk_id}/enrolment-check"), json={"desk_key": desk_key}, timeout=10)


def _enrol(central: RunningCentral, admin: dict[str, str], site_code: str = SITE_CENTRE) -> tuple[str, str]:
    desk_id = unique("DESK-CHK-")
    answer = admin_call(central, admin, "POST", "/v1/admin/desks", json={"desk_id": desk_id, "site_code": site_code})
    assert answer.status_code == 201, answer.text
    return desk_id, answer.json()["desk_key"]


def _refusal(response: requests.Response) -> tuple[int, dict[str, object], str | None]:
    return response.status_code, response.json(), response.headers.get("WWW-Authenticate")


def test_the_right_key_names_the_site_and_the_server_version(central: RunningCentral, admin: dict[str, str]) -> None:
    seeded = check(central, "DESK-NT-01", DEMO_DESK_KEY)
    assert seeded.status_code == 200, seeded.text
    assert seeded.json() == {"desk_id": "DESK-NT-01", "site_code": SITE_CENTRE,
                             "site_name": seeded.json()["site_name"], "server_version": __version__}
    assert seeded.json()["site_name"].strip()
    desk_id, key = _enrol(central, admin, SITE_POST)
    enrolled = check(central, desk_id, key).json()
    assert (enrolled["desk_id"], enrolled["site_code"]) == (desk_id, SITE_POST)
    assert enrolled["site_name"] != seeded.json()["site_name"]


def test_unknown_inactive_and_wrong_key_answer_alike(central: RunningCentral, admin: dict[str, str]) -> None:
    inactive, inactive_key = _enrol(central, admin)
    assert admin_call(central, admin, "POST", f"/v1/admin/desks/{inactive}/deactivate").status_code == 200
    wrong = check(central, _enrol(central, admin)[0], "not-the-key")
    unknown = check(central, unique("DESK-NOBODY-"), DEMO_DESK_KEY)
    deactivated = check(central, inactive, inactive_key)
    assert _refusal(wrong) == _refusal(unknown) == _refusal(deactivated)
    assert wrong.status_code == 401 and code(wrong) == "desk_not_enrolled"


def test_a_rotated_key_stops_checking_and_the_new_one_does(central: RunningCentral, admin: dict[str, str]) -> None:
    desk_id, old_key = _enrol(central, admin)
    rotated = admin_call(central, admin, "POST", f"/v1/admin/desks/{desk_id}/rotate-key")
    assert rotated.status_code == 200
    assert code(check(central, desk_id, old_key)) == "desk_not_enrolled"
    assert check(central, desk_id, rotated.json()["desk_key"]).status_code == 200


def test_repeated_wrong_keys_hold_back_the_desk_id_even_against_the_right_key(
    central: RunningCentral, admin: dict[str, str]
) -> None:
    desk_id, key = _enrol(central, admin)
    invented = unique("DESK-INVENTED-")
    for target in (desk_id, invented):
        answers = [check(central, target, "guess").status_code for _ in range(MAX_FAILURES)]
        assert answers == [401] * MAX_FAILURES
    held = check(central, desk_id, key)
    assert held.status_code == 429 and code(held) == "too_many_attempts"
    assert 14 * 60 <= int(held.headers["Retry-After"]) <= 15 * 60
    assert held.json()["detail"]["retry_after"] == int(held.headers["Retry-After"])
    held_invented = check(central, invented, "again")
    assert (held_invented.status_code, set(held_invented.json()["detail"])) == (429, set(held.json()["detail"]))
    # Only that desk id is held back: its neighbours and the desk's log-ins go on.
    assert check(central, "DESK-NT-01", DEMO_DESK_KEY).status_code == 200
    assert token(central, "canbo01", desk_id=desk_id, desk_key=key).status_code == 200


def test_a_right_key_resets_the_count_of_wrong_ones(central: RunningCentral, admin: dict[str, str]) -> None:
    desk_id, key = _enrol(central, admin)
    almost = ["guess"] * (MAX_FAILURES - 1)
    statuses = [check(central, desk_id, k).status_code for k in [*almost, key, *almost, key]]
    assert statuses == [401] * (MAX_FAILURES - 1) + [200] + [401] * (MAX_FAILURES - 1) + [200]


def test_a_malformed_check_is_refused_before_any_key_is_tried(central: RunningCentral) -> None:
    assert check(central, "not a desk id", DEMO_DESK_KEY).status_code == 422
    empty = requests.post(central.url("/v1/desks/DESK-NT-01/enrolment-check"), json={}, timeout=10)
    assert empty.status_code == 422
    extra = requests.post(central.url("/v1/desks/DESK-NT-01/enrolment-check"),
                          json={"desk_key": DEMO_DESK_KEY, "site_code": SITE_POST}, timeout=10)
    assert extra.status_code == 422


def test_checks_and_log_ins_share_the_per_address_limit(tmp_path: Path) -> None:
    with start_central(tmp_path / "limited", "sqlite", desk_enrolment="required", login_attempts_per_minute=3) as central:
        assert check(central, "DESK-NT-01", DEMO_DESK_KEY).status_code == 200
        assert check(central, "DESK-NT-01", "guess").status_code == 401
        assert token(central, "canbo01").status_code == 200
        limited = check(central, "DESK-NT-01", DEMO_DESK_KEY)  # the right key, still one too many
        assert limited.status_code == 429 and code(limited) == "too_many_attempts"
        assert 1 <= int(limited.headers["Retry-After"]) <= 60
        assert code(token(central, "canbo01")) == "too_many_attempts"
        assert count_login_attempts(central) == 3  # refused attempts are not recorded
