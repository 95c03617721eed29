"""CentralClient against the real central API on loopback: the contract, call by call."""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.core.calendar import CalendarOverride
from desk_app.core.catalogue import Catalogue
from desk_app.sync import AuthenticationFailed, CentralClient, CentralRejected

from .conftest import Desk


def test_login_returns_the_officer_and_their_site(make_desk):
    desk: Desk = make_desk()
    user = desk.login.user
    assert user.username == "canbo01" and user.role == "officer"
    assert user.full_name and user.site_name and user.place
    assert user.site_code == user.agency_code == "000.00.17.H56"
    assert desk.login.token_type == "bearer" and desk.login.expires_in > 0
    assert desk.client.access_token == desk.login.access_token
    assert desk.client.health()["status"] == "ok"


def test_wrong_password_is_told_as_such(sync_central):
    client = CentralClient(sync_central.base_url, desk_id="DESK-SY-PW")
    with pytest.raises(AuthenticationFailed) as caught:
        client.login("canbo01", "not-the-password")
    assert caught.value.template == AuthenticationFailed.BAD_CREDENTIALS
    assert caught.value.server_code == "bad_credentials"
    assert client.access_token is None


def test_refresh_rotates_the_tokens_and_revoke_ends_the_session(make_desk):
    desk: Desk = make_desk()
    old_access = desk.client.access_token
    renewed = desk.client.refresh()
    assert renewed.access_token != old_access and desk.client.access_token == renewed.access_token
    assert isinstance(desk.client.list_dossiers(limit=1)[0], list)  # the renewed token is accepted
    refresh_token = desk.client.refresh_token
    desk.client.revoke()
    assert desk.client.access_token is None
    with pytest.raises(AuthenticationFailed):
        desk.client.refresh(refresh_token)


def test_catalogue_calendar_and_lease_come_back_as_core_types(make_desk):
    desk: Desk = make_desk()
    body, etag = desk.client.get_catalogue(None)
    assert Catalogue.from_dict(body).version and etag
    assert desk.client.get_catalogue(etag) == (None, etag)
    overrides = desk.client.get_calendar(2026)
    assert all(isinstance(o, CalendarOverride) and o.day.year == 2026 for o in overrides)
    assert desk.client.get_calendar(2031) == []
    lease = desk.client.lease_codes(date(2026, 11, 23), 5)
    assert lease.size == 5 and lease.agency_code == desk.agency_code and lease.day == date(2026, 11, 23)
    again = desk.client.lease_codes(date(2026, 11, 23), 5)
    assert again.first > lease.last  # blocks never overlap


def test_a_refused_lease_is_a_rejection_with_the_servers_code(make_desk):
    desk: Desk = make_desk()
    with pytest.raises(CentralRejected) as caught:
        desk.client.lease_codes(date(2026, 11, 23), 100_000)
    assert caught.value.status == 422 and caught.value.server_code in caught.value.reason


def test_a_token_is_only_good_for_the_desk_it_was_issued_to(make_desk, sync_central):
    desk: Desk = make_desk()
    other = CentralClient(sync_central.base_url, desk_id="DESK-SY-OTHER", access_token=desk.login.access_token)
    with pytest.raises(CentralRejected) as caught:
        other.list_dossiers()
    assert caught.value.status == 403 and caught.value.server_code == "desk_mismatch"


def test_an_expired_access_token_is_renewed_once_and_the_call_goes_through(make_desk, sync_central):
    desk: Desk = make_desk()
    renewed = []
    client = desk.new_client()
    client.access_token = "expired-or-unknown"
    client.refresh_token = desk.login.refresh_token
    client.on_tokens = renewed.append
    items, _ = client.list_dossiers(limit=1)
    assert isinstance(items, list) and len(renewed) == 1
    assert client.access_token == renewed[0].access_token != desk.login.access_token
    statuses = [status for _, path, status, _ in desk.wire.exchanges if "/v1/dossiers" in path or "refresh" in path]
    assert statuses[-3:] == [401, 200, 200]  # refused, renewed, replayed

    # A refresh token is good once: the server refuses the old one and the client forgets it.
    stale = desk.new_client()
    stale.access_token, stale.refresh_token = "expired-or-unknown", desk.login.refresh_token
    with pytest.raises(AuthenticationFailed) as caught:
        stale.list_dossiers()
    assert caught.value.template == AuthenticationFailed.SESSION_ENDED
    assert stale.refresh_token is None and stale.access_token is None
