"""Administrator endpoints: accounts, catalogue versions, calendar days (desks: see
test_auth_enrolment.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from central_api.jsonutil import canonical_json
from desk_app.core.timeutil import VN_TZ
from tests.central.admin_helpers import admin_call, bearer, code, create_user, token, unique
from tests.central.helpers import make_dossier, put_dossier
from tests.support.central_server import SITE_CENTRE, SITE_POST, RunningCentral, start_central

PASSWORD = "right-password-1"
DEMO_CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "demo" / "catalogue.json"


@pytest.fixture(scope="module", params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)])
def central(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCentral]:
    data_dir = tmp_path_factory.mktemp(f"admin-{request.param}")
    with start_central(data_dir, request.param, desk_enrolment="required", login_attempts_per_minute=1000) as running:
        yield running


@pytest.fixture(scope="module")
def admin(central: RunningCentral) -> dict[str, str]:
    return bearer(token(central, "quantri"))


@pytest.fixture(scope="module")
def officer(central: RunningCentral) -> dict[str, str]:
    return bearer(token(central, "canbo01"))


# accounts -----------------------------------------------------------------------------


def test_an_account_is_created_with_role_site_and_password(central: RunningCentral, admin: dict[str, str]) -> None:
    username = unique("new.officer")
    created = admin_call(central, admin, "POST", "/v1/admin/users", json={
        "username": username, "full_name": "Võ Thị Mai", "role": "postal_assistant", "site_code": SITE_POST,
        "password": PASSWORD,
    })
    assert created.status_code == 201
    body = created.json()
    assert (body["username"], body["role"], body["site_code"], body["active"]) == (username, "postal_assistant", SITE_POST, True)
    assert "password" not in json.dumps(body) and "hash" not in json.dumps(body)
    user = token(central, username, PASSWORD, desk_id="DESK-DK-01").json()["user"]
    assert (user["role"], user["site_code"], user["full_name"]) == ("postal_assistant", SITE_POST, "Võ Thị Mai")
    listed = admin_call(central, admin, "GET", "/v1/admin/users", params={"site_code": SITE_POST, "role": "postal_assistant"})
    assert {u["username"] for u in listed.json()["items"]} >= {"buudien01", username}
    assert all(u["site_code"] == SITE_POST for u in listed.json()["items"])


@pytest.mark.parametrize(("change", "status", "error"), [
    ({"username": "canbo01"}, 409, "username_taken"),
    ({"username": "Có-Dấu"}, 422, "invalid_request"),
    ({"username": "CanBo02"}, 422, "invalid_request"),  # lower case only: no twins by case
    ({"password": "short"}, 422, "invalid_request"),
    ({"role": "root"}, 422, "invalid_request"),
    ({"site_code": "000.99.99.H56"}, 422, "unknown_site"),
])
def test_account_creation_refusals(
    central: RunningCentral, admin: dict[str, str], change: dict[str, str], status: int, error: str
) -> None:
    body = {"username": unique("refused"), "full_name": "Võ Thị Mai", "role": "officer", "site_code": SITE_CENTRE,
            "password": PASSWORD, **change}
    response = admin_call(central, admin, "POST", "/v1/admin/users", json=body)
    assert (response.status_code, code(response)) == (status, error)


def test_a_new_role_or_site_ends_the_sessions_and_applies_at_the_next_login(
    central: RunningCentral, admin: dict[str, str]
) -> None:
    username = create_user(central, admin, password=PASSWORD)
    session = bearer(token(central, username, PASSWORD))
    renamed = admin_call(central, admin, "PATCH", f"/v1/admin/users/{username}", json={"full_name": "Tên Mới"})
    assert renamed.status_code == 200 and renamed.json()["full_name"] == "Tên Mới"
    assert requests.get(central.url("/v1/catalogue"), headers=session, timeout=10).status_code == 200  # a name is harmless
    moved = admin_call(central, admin, "PATCH", f"/v1/admin/users/{username}",
                       json={"role": "supervisor", "site_code": SITE_POST})
    assert moved.status_code == 200
    assert (moved.json()["role"], moved.json()["site_code"]) == ("supervisor", SITE_POST)
    assert code(requests.get(central.url("/v1/catalogue"), headers=session, timeout=10)) == "token_revoked"
    assert code(token(central, username, PASSWORD)) == "desk_wrong_site"  # DESK-NT-01 is not of the new site
    user = token(central, username, PASSWORD, desk_id="DESK-DK-01").json()["user"]
    assert (user["role"], user["site_code"]) == ("supervisor", SITE_POST)


@pytest.mark.parametrize("body", [{}, {"role": None}, {"active": True, "password": "x"}])
def test_a_change_must_say_something_valid(central: RunningCentral, admin: dict[str, str], body: dict[str, Any]) -> None:
    response = admin_call(central, admin, "PATCH", "/v1/admin/users/canbo01", json=body)
    assert response.status_code == 422


def test_unknown_accounts_are_404(central: RunningCentral, admin: dict[str, str]) -> None:
    for method, path, body in (
        ("GET", "/v1/admin/users/nobody.here", None),
        ("PATCH", "/v1/admin/users/nobody.here", {"active": False}),
        ("POST", "/v1/admin/users/nobody.here/password", {"password": PASSWORD}),
        ("POST", "/v1/admin/users/nobody.here/unlock", None),
    ):
        response = admin_call(central, admin, method, path, json=body)
        assert (response.status_code, code(response)) == (404, "user_not_found"), path


def test_a_password_reset_ends_the_old_sessions(central: RunningCentral, admin: dict[str, str]) -> None:
    username = create_user(central, admin, password=PASSWORD)
    session = bearer(token(central, username, PASSWORD))
    reset = admin_call(central, admin, "POST", f"/v1/admin/users/{username}/password", json={"password": "brand-new-pass"})
    assert reset.status_code == 200
    assert code(requests.get(central.url("/v1/catalogue"), headers=session, timeout=10)) == "token_revoked"
    assert code(token(central, username, PASSWORD)) == "bad_credentials"
    assert token(central, username, "brand-new-pass").status_code == 200


def test_the_last_administrator_cannot_be_demoted_or_deactivated(tmp_path: Path) -> None:
    with start_central(tmp_path / "one-admin", "sqlite") as central:
        admin = bearer(token(central, "quantri", desk_key=None), "DESK-NT-01")
        for change in ({"role": "supervisor"}, {"active": False}):
            refused = admin_call(central, admin, "PATCH", "/v1/admin/users/quantri", json=change)
            assert (refused.status_code, code(refused)) == (409, "last_administrator")
        create_user(central, admin, role="administrator", username="quantri2")
        stepped_down = admin_call(central, admin, "PATCH", "/v1/admin/users/quantri", json={"role": "supervisor"})
        assert stepped_down.status_code == 200 and stepped_down.json()["role"] == "supervisor"


# catalogue ----------------------------------------------------------------------------


def _demo_catalogue() -> dict[str, Any]:
    return json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))


def _served(central: RunningCentral, headers: dict[str, str], etag: str | None = None) -> requests.Response:
    extra = {"If-None-Match": etag} if etag else {}
    return requests.get(central.url("/v1/catalogue"), headers={**headers, **extra}, timeout=10)


def _versions(central: RunningCentral, admin: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {v["version"]: v for v in admin_call(central, admin, "GET", "/v1/admin/catalogue/versions").json()["items"]}


def test_import_publish_and_the_desks_etag(central: RunningCentral, admin: dict[str, str], officer: dict[str, str]) -> None:
    before = _served(central, officer)
    old_etag = before.headers["ETag"]
    draft = _demo_catalogue()
    version = unique("2027.1.")
    draft["version"] = version
    draft["procedures"][0]["fees"][0]["amount"] = 150000

    imported = admin_call(central, admin, "POST", "/v1/admin/catalogue/versions", json=draft)
    assert imported.status_code == 201
    assert (imported.json()["state"], imported.json()["current"]) == ("draft", False)
    # A draft is not served: desks keep their catalogue and their 304.
    assert _served(central, officer, old_etag).status_code == 304
    draft["procedures"][0]["fees"][0]["amount"] = 160000
    replaced = admin_call(central, admin, "POST", "/v1/admin/catalogue/versions", json=draft)
    assert replaced.status_code == 200 and replaced.json()["etag"] != imported.json()["etag"]

    exported = admin_call(central, admin, "GET", f"/v1/admin/catalogue/versions/{version}")
    assert exported.status_code == 200 and exported.content == canonical_json(draft)
    assert exported.headers["ETag"] == replaced.json()["etag"]

    published = admin_call(central, admin, "POST", f"/v1/admin/catalogue/versions/{version}/publish")
    assert published.status_code == 200
    body = published.json()
    assert (body["state"], body["current"], body["published_by"]) == ("published", True, "quantri")
    # The desk's old ETag no longer matches: it gets the new version once, then 304 again.
    fresh = _served(central, officer, old_etag)
    assert fresh.status_code == 200 and fresh.json()["version"] == version
    assert fresh.headers["ETag"] == body["etag"] != old_etag
    assert fresh.json()["procedures"][0]["fees"][0]["amount"] == 160000
    assert _served(central, officer, fresh.headers["ETag"]).status_code == 304
    versions = _versions(central, admin)
    assert versions[version]["current"] and not versions[before.json()["version"]]["current"]

    # Published means frozen: no replacing, no second publication, no deleting.
    for method, path, payload in (
        ("POST", "/v1/admin/catalogue/versions", draft),
        ("POST", f"/v1/admin/catalogue/versions/{version}/publish", None),
        ("DELETE", f"/v1/admin/catalogue/versions/{version}", None),
    ):
        refused = admin_call(central, admin, method, path, json=payload)
        assert (refused.status_code, code(refused)) == (409, "version_published"), (method, path)
    assert admin_call(central, admin, "GET", f"/v1/admin/catalogue/versions/{version}").content == canonical_json(draft)


@pytest.mark.parametrize(("spoil", "reason"), [
    (lambda c: c.pop("procedures"), "procedures"),
    (lambda c: c["procedures"][0]["fees"][0].update(amount=-5), "amount"),
    (lambda c: c.update(published_at="not a date"), "published_at"),
    (lambda c: c["procedures"].append(dict(c["procedures"][0])), "\"code\""),  # the same code twice
])
def test_an_invalid_catalogue_is_refused_with_the_reason(
    central: RunningCentral, admin: dict[str, str], spoil: Any, reason: str
) -> None:
    catalogue = _demo_catalogue()
    catalogue["version"] = unique("bad.")
    spoil(catalogue)
    refused = admin_call(central, admin, "POST", "/v1/admin/catalogue/versions", json=catalogue)
    assert (refused.status_code, code(refused)) == (422, "catalogue_invalid")
    assert reason in refused.json()["detail"]["message"]
    assert catalogue["version"] not in _versions(central, admin)


def test_a_draft_can_be_deleted_and_is_no_catalogue_for_dossiers(
    central: RunningCentral, admin: dict[str, str], officer: dict[str, str]
) -> None:
    draft = {**_demo_catalogue(), "version": unique("draft.")}
    assert admin_call(central, admin, "POST", "/v1/admin/catalogue/versions", json=draft).status_code == 201
    wire = make_dossier(catalogue_version=draft["version"], received_at=datetime(2026, 11, 24, 9, tzinfo=VN_TZ)).to_wire()
    refused = put_dossier(central, officer, wire)
    assert (refused.status_code, code(refused)) == (422, "unknown_catalogue_version")
    assert admin_call(central, admin, "DELETE", f"/v1/admin/catalogue/versions/{draft['version']}").status_code == 204
    gone = admin_call(central, admin, "GET", f"/v1/admin/catalogue/versions/{draft['version']}")
    assert (gone.status_code, code(gone)) == (404, "catalogue_version_not_found")


# calendar -----------------------------------------------------------------------------


def test_calendar_days_are_put_replaced_and_deleted_and_desks_see_it(
    central: RunningCentral, admin: dict[str, str], officer: dict[str, str]
) -> None:
    def desk_view(year: int) -> dict[str, dict[str, Any]]:
        answer = requests.get(central.url(f"/v1/calendar/{year}"), headers=officer, timeout=10).json()
        return {o["day"]: o for o in answer["overrides"]}

    day = "2027-09-03"
    created = admin_call(central, admin, "PUT", f"/v1/admin/calendar/days/{day}",
                         json={"kind": "off", "name": "Nghỉ bù Quốc khánh", "note": "Thông báo số 1", "confirmed": False})
    assert created.status_code == 201
    assert desk_view(2027)[day] == {"day": day, "kind": "off", "name": "Nghỉ bù Quốc khánh", "note": "Thông báo số 1",
                                    "confirmed": False}
    replaced = admin_call(central, admin, "PUT", f"/v1/admin/calendar/days/{day}",
                          json={"kind": "off", "name": "Nghỉ bù Quốc khánh"})
    assert replaced.status_code == 200 and desk_view(2027)[day]["confirmed"] is True
    assert admin_call(central, admin, "GET", "/v1/admin/calendar/2027").json()["overrides"] == list(desk_view(2027).values())
    assert admin_call(central, admin, "DELETE", f"/v1/admin/calendar/days/{day}").status_code == 204
    assert day not in desk_view(2027)
    again = admin_call(central, admin, "DELETE", f"/v1/admin/calendar/days/{day}")
    assert (again.status_code, code(again)) == (404, "calendar_day_not_found")


@pytest.mark.parametrize(("day", "body"), [
    ("2027-09-04", {"kind": "holiday", "name": "x"}),
    ("2027-09-04", {"kind": "off", "name": ""}),
    ("2027-02-30", {"kind": "off", "name": "x"}),
    ("1999-01-01", {"kind": "off", "name": "x"}),
])
def test_calendar_day_refusals(central: RunningCentral, admin: dict[str, str], day: str, body: dict[str, Any]) -> None:
    assert admin_call(central, admin, "PUT", f"/v1/admin/calendar/days/{day}", json=body).status_code == 422
