"""CentralClient.check_enrolment against the real central API: the first-run setup's test
of a desk key, before anyone signs in."""

from __future__ import annotations

import pytest

from central_api import __version__
from desk_app.sync import AuthenticationFailed, CentralUnavailable
from desk_app.sync.client import CentralClient, EnrolmentCheck
from tests.support.central_server import SITE_CENTRE, start_central

from .conftest import closed_port_url

DEMO_DESK_KEY = "demo-desk-key"  # the demo seed's published key for its enrolled desks


@pytest.fixture(scope="module")
def strict_central(tmp_path_factory):
    with start_central(tmp_path_factory.mktemp("check"), desk_enrolment="required", login_max_failures=2) as running:
        yield running


def test_the_right_key_tells_the_site_and_the_server_version(strict_central):
    with CentralClient(strict_central.base_url, desk_id="DESK-NT-01") as client:
        answer = client.check_enrolment("DESK-NT-01", DEMO_DESK_KEY)
        assert client.access_token is None  # a check signs nobody in
    assert isinstance(answer, EnrolmentCheck)
    assert (answer.desk_id, answer.site_code, answer.server_version) == ("DESK-NT-01", SITE_CENTRE, __version__)
    assert answer.site_name.strip()


def test_a_wrong_key_and_an_unknown_desk_say_enrol_it(strict_central):
    with CentralClient(strict_central.base_url, desk_id="DESK-NT-02") as client:
        for desk_id, key in (("DESK-NT-02", "not-the-key"), ("DESK-NEVER-ENROLLED", DEMO_DESK_KEY)):
            with pytest.raises(AuthenticationFailed) as caught:
                client.check_enrolment(desk_id, key)
            assert caught.value.template == AuthenticationFailed.DESK_NOT_ENROLLED
            assert caught.value.server_code == "desk_not_enrolled"


def test_guessing_is_held_back_with_a_time_to_wait(strict_central):
    with CentralClient(strict_central.base_url, desk_id="DESK-DK-01") as client:
        for _ in range(2):
            with pytest.raises(AuthenticationFailed):
                client.check_enrolment("DESK-DK-01", "guess")
        with pytest.raises(CentralUnavailable) as held:
            client.check_enrolment("DESK-DK-01", DEMO_DESK_KEY)
    assert held.value.kind == "busy" and held.value.status == 429
    assert held.value.retry_after is not None and 14 * 60 <= held.value.retry_after <= 15 * 60


def test_no_server_at_the_address_is_unreachable_not_a_wrong_key():
    with CentralClient(closed_port_url(), desk_id="DESK-NT-01", timeout=2) as client:
        with pytest.raises(CentralUnavailable) as caught:
            client.check_enrolment("DESK-NT-01", DEMO_DESK_KEY)
    assert caught.value.kind == "network" and caught.value.template == CentralUnavailable.UNREACHABLE
