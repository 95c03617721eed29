"""Desk enrolment: which desks may log in, with which key, for which site; and what
deactivating a desk or an account does to logins and to sessions already open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.central.admin_helpers import DEMO_DESK_KEY, admin_call, bearer, code, create_user, token, unique
from tests.support.central_server import SITE_CENTRE, SITE_POST, RunningCentral, start_central

PASSWORD = "right-password-1"


@pytest.fixture(scope="module", params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)])
def central(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCentral]:
    data_dir = tmp_path_factory.mktemp(f"enrolment-{request.param}")
    with start_central(data_dir, request.param, desk_enrolment="required", login_attempts_per_minute=1000) as running:
        yield running


@pytest.fixture(scope="module")
def admin(central: RunningCentral) -> dict[str, str]:
    return bearer(token(central, "quantri"))


def _catalogue(central: RunningCentral, headers: dict[str, str]) -> requests.Response:
    return requests.get(central.url("/v1/catalogue"), headers=headers, timeout=10)


def _enrol(central: RunningCentral, admin: dict[str, str], site_code: str = SITE_CENTRE) -> tuple[str, str]:
    desk_id = unique("DESK-E-")
    response = admin_call(central, admin, "POST", "/v1/admin/desks", json={"desk_id": desk_id, "site_code": site_code})
    assert response.status_code == 201, response.text
    answer = response.json()
    assert (answer["desk_id"], answer["site_code"]) == (desk_id, site_code)
    assert len(answer["desk_key"]) >= 32 and answer["enrolled_at"].endswith("+07:00")
    return desk_id, answer["desk_key"]


def test_a_desk_needs_enrolment_and_its_key(central: RunningCentral) -> None:
    for desk_id, key in (("DESK-NEVER-SEEN", DEMO_DESK_KEY), ("DESK-NT-01", None), ("DESK-NT-01", "wrong-key")):
        refused = token(central, "canbo01", desk_id=desk_id, desk_key=key)
        assert refused.status_code == 401, (desk_id, key)
        assert code(refused) == "desk_not_enrolled"
    assert token(central, "canbo01", desk_id="DESK-NT-01").status_code == 200


def test_an_enrolled_desk_logs_in_with_the_key_shown_once(central: RunningCentral, admin: dict[str, str]) -> None:
    desk_id, key = _enrol(central, admin)
    headers = bearer(token(central, "canbo01", desk_id=desk_id, desk_key=key), desk_id)
    assert _catalogue(central, headers).status_code == 200
    listed = admin_call(central, admin, "GET", "/v1/admin/desks", params={"site_code": SITE_CENTRE}).json()["items"]
    row = next(d for d in listed if d["desk_id"] == desk_id)
    assert row["enrolled"] is True and row["active"] is True and row["enrolled_by"] == "quantri"
    assert row["last_username"] == "canbo01"
    assert "desk_key" not in row and key not in str(listed)  # shown once, never again
    again = admin_call(central, admin, "POST", "/v1/admin/desks", json={"desk_id": desk_id, "site_code": SITE_CENTRE})
    assert again.status_code == 409 and code(again) == "desk_enrolled"


def test_rotating_the_key_retires_the_old_one_and_its_sessions(central: RunningCentral, admin: dict[str, str]) -> None:
    desk_id, old_key = _enrol(central, admin)
    session = bearer(token(central, "canbo01", desk_id=desk_id, desk_key=old_key), desk_id)
    rotated = admin_call(central, admin, "POST", f"/v1/admin/desks/{desk_id}/rotate-key")
    assert rotated.status_code == 200
    new_key = rotated.json()["desk_key"]
    assert new_key != old_key
    assert code(token(central, "canbo01", desk_id=desk_id, desk_key=old_key)) == "desk_not_enrolled"
    assert code(_catalogue(central, session)) == "token_revoked"
    assert token(central, "canbo01", desk_id=desk_id, desk_key=new_key).status_code == 200


def test_a_deactivated_desk_is_refused_and_its_sessions_end(central: RunningCentral, admin: dict[str, str]) -> None:
    desk_id, key = _enrol(central, admin)
    login = token(central, "canbo01", desk_id=desk_id, desk_key=key)
    session = bearer(login, desk_id)
    off = admin_call(central, admin, "POST", f"/v1/admin/desks/{desk_id}/deactivate")
    assert off.status_code == 200 and off.json()["active"] is False
    refused = token(central, "canbo01", desk_id=desk_id, desk_key=key)
    assert refused.status_code == 403 and code(refused) == "desk_inactive"
    assert code(_catalogue(central, session)) == "token_revoked"
    refresh = requests.post(central.url("/v1/auth/refresh"), json={"refresh_token": login.json()["refresh_token"]},
                            timeout=10)
    assert refresh.status_code == 401
    on = admin_call(central, admin, "POST", f"/v1/admin/desks/{desk_id}/activate")
    assert on.status_code == 200 and on.json()["active"] is True
    assert token(central, "canbo01", desk_id=desk_id, desk_key=key).status_code == 200


def test_a_desk_serves_only_its_own_site(central: RunningCentral, admin: dict[str, str]) -> None:
    refused = token(central, "buudien01", desk_id="DESK-NT-01")
    assert refused.status_code == 403
    assert code(refused) == "desk_wrong_site" and refused.json()["detail"]["desk_site_code"] == SITE_CENTRE
    desk_id, key = _enrol(central, admin, SITE_POST)
    assert token(central, "buudien01", desk_id=desk_id, desk_key=key).status_code == 200
    assert code(token(central, "canbo01", desk_id=desk_id, desk_key=key)) == "desk_wrong_site"


def test_a_wrong_password_at_a_foreign_desk_still_says_only_bad_credentials(central: RunningCentral) -> None:
    """Site and desk facts are told only to someone who proved the password."""
    refused = token(central, "buudien01", "wrong-password", desk_id="DESK-NT-01")
    assert refused.status_code == 401 and code(refused) == "bad_credentials"


def test_a_deactivated_account_is_refused_and_its_sessions_end(central: RunningCentral, admin: dict[str, str]) -> None:
    username = create_user(central, admin, password=PASSWORD)
    session = bearer(token(central, username, PASSWORD))
    off = admin_call(central, admin, "PATCH", f"/v1/admin/users/{username}", json={"active": False})
    assert off.status_code == 200 and off.json()["active"] is False
    assert code(_catalogue(central, session)) == "token_revoked"
    disabled = token(central, username, PASSWORD)
    assert disabled.status_code == 403 and code(disabled) == "account_disabled"
    assert code(token(central, username, "wrong-password")) == "bad_credentials"
    admin_call(central, admin, "PATCH", f"/v1/admin/users/{username}", json={"active": True})
    assert token(central, username, PASSWORD).status_code == 200


def test_enrolment_refuses_unknown_sites_and_desks(central: RunningCentral, admin: dict[str, str]) -> None:
    unknown_site = admin_call(central, admin, "POST", "/v1/admin/desks", json={"desk_id": "DESK-Z", "site_code": "000.99.99.H56"})
    assert unknown_site.status_code == 422 and code(unknown_site) == "unknown_site"
    for action in ("rotate-key", "deactivate", "activate"):
        missing = admin_call(central, admin, "POST", f"/v1/admin/desks/DESK-NOWHERE/{action}")
        assert missing.status_code == 404 and code(missing) == "desk_not_found"


# open enrolment (the demo and the test fixtures) -----------------------------------------


def test_open_enrolment_lets_a_desk_register_itself_but_keeps_it_to_one_site(tmp_path: Path) -> None:
    with start_central(tmp_path / "open", "sqlite") as central:  # the embedded demo default
        assert central.server.settings.desk_enrolment == "open"
        first = token(central, "canbo01", desk_id="DESK-NEW-01", desk_key=None)
        assert first.status_code == 200
        other_site = token(central, "buudien01", desk_id="DESK-NEW-01", desk_key=None)
        assert other_site.status_code == 403 and code(other_site) == "desk_wrong_site"
        admin = bearer(token(central, "quantri", desk_key=None))
        row = next(d for d in admin_call(central, admin, "GET", "/v1/admin/desks").json()["items"]
                   if d["desk_id"] == "DESK-NEW-01")
        assert (row["site_code"], row["enrolled"], row["last_username"]) == (SITE_CENTRE, False, "canbo01")
        # Enrolling a desk that registered itself keeps it and gives it a key for later.
        enrolled = admin_call(central, admin, "POST", "/v1/admin/desks", json={"desk_id": "DESK-NEW-01", "site_code": SITE_CENTRE})
        assert enrolled.status_code == 201
        # A deactivated desk stays out even while enrolment is open.
        admin_call(central, admin, "POST", "/v1/admin/desks/DESK-NEW-01/deactivate")
        assert code(token(central, "canbo01", desk_id="DESK-NEW-01", desk_key=None)) == "desk_inactive"


def test_the_setting_defaults_to_required_outside_the_demo(tmp_path: Path) -> None:
    from central_api.settings import CentralSettings

    assert CentralSettings(data_dir=tmp_path).desk_enrolment == "required"
    with start_central(tmp_path / "told", "sqlite", desk_enrolment="required") as central:
        assert central.server.settings.desk_enrolment == "required"
        assert code(token(central, "canbo01", desk_id="DESK-NEW-02", desk_key=None)) == "desk_not_enrolled"
