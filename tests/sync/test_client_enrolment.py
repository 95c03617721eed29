"""Signing in at a central API that requires enrolled desks, and after too many wrong passwords."""

from __future__ import annotations

import pytest

from desk_app.sync import AccountLocked, AuthenticationFailed, CentralClient
from tests.support.central_server import DEMO_PASSWORD, start_central

DEMO_DESK_KEY = "demo-desk-key"  # the demo seed's published key for its enrolled desks


@pytest.fixture(scope="module")
def strict_central(tmp_path_factory):
    with start_central(tmp_path_factory.mktemp("strict"), desk_enrolment="required", login_max_failures=2) as running:
        yield running


def test_an_enrolled_desk_signs_in_with_its_key(strict_central):
    with CentralClient(strict_central.base_url, desk_id="DESK-NT-01") as client:
        result = client.login("canbo01", DEMO_PASSWORD, desk_key=DEMO_DESK_KEY)
        assert result.user.username == "canbo01" and client.access_token


def test_a_desk_without_its_key_is_told_to_get_enrolled(strict_central):
    with CentralClient(strict_central.base_url, desk_id="DESK-NT-02") as client:
        with pytest.raises(AuthenticationFailed) as caught:
            client.login("giamsat01", DEMO_PASSWORD)
    assert caught.value.template == AuthenticationFailed.DESK_NOT_ENROLLED
    assert "enrol" in str(caught.value)


def test_repeated_wrong_passwords_lock_the_account_with_a_time(strict_central):
    with CentralClient(strict_central.base_url, desk_id="DESK-DK-01") as client:
        for _ in range(2):
            with pytest.raises(AuthenticationFailed) as wrong:
                client.login("buudien01", "not-the-password", desk_key=DEMO_DESK_KEY)
            assert wrong.value.template == AuthenticationFailed.BAD_CREDENTIALS
        with pytest.raises(AccountLocked) as locked:
            client.login("buudien01", DEMO_PASSWORD, desk_key=DEMO_DESK_KEY)
    assert locked.value.locked_until and locked.value.params["until"].count("/") == 2
    assert "locked" in str(locked.value)
