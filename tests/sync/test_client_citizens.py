"""CentralClient.lookup_citizen: the population register through the real central API on
loopback, its faults made to order by the demo adapter, and answers the contract never has."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Callable

import pytest

from central_api.seed import demo_dir
from desk_app.sync import CentralClient, CentralRejected, CentralUnavailable, MalformedAnswer
from tests.support.central_server import RunningCentral, start_central

from .conftest import Desk, closed_port_url
from .scripted_http import json_answer, scripted_server

CITIZENS = {c["cccd"]: c for c in json.loads((demo_dir() / "citizens.json").read_text(encoding="utf-8"))["citizens"]}
KNOWN = "079203001234"
UNKNOWN = "056199999999"  # well formed, in no register


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., RunningCentral]]:
    """Starts a central API with upstream fault settings; each is stopped after the test."""
    with ExitStack() as stack:
        def _start(**settings: Any) -> RunningCentral:
            return stack.enter_context(start_central(tmp_path / uuid.uuid4().hex[:8], "sqlite", **settings))

        yield _start


def signed_in(central: RunningCentral, **kwargs: Any) -> CentralClient:
    client = CentralClient(central.base_url, desk_id="DESK-SY-CIT", **kwargs)
    client.login("canbo01", "demo1234")
    return client


def test_a_known_citizen_comes_back_as_the_register_has_them_and_nothing_more(make_desk):
    desk: Desk = make_desk()
    answer = desk.client.lookup_citizen(KNOWN)
    demo = CITIZENS[KNOWN]
    assert answer == {
        "cccd": KNOWN,
        "full_name": demo["full_name"],
        "date_of_birth": demo["date_of_birth"],
        "sex": demo["sex"],
        "permanent_address": demo["permanent_address"],
    }


def test_an_unknown_citizen_is_none(make_desk):
    desk: Desk = make_desk()
    assert desk.client.lookup_citizen(UNKNOWN) is None
    assert [status for _m, _p, status, _h in desk.wire.calls("GET", "/v1/citizens/")] == [404]


def test_a_number_that_is_not_twelve_digits_is_never_sent(make_desk):
    desk: Desk = make_desk()
    for bad in ("07920300123", "0792030012345", "07920300123x", "../v1/health", "０７９２０３００１２３４"):
        with pytest.raises(ValueError):
            desk.client.lookup_citizen(bad)
    assert desk.wire.calls("GET", "/v1/citizens") == []


def test_a_failing_register_is_unavailable_with_retry_after(start):
    central = start(upstream_failure_rate=1.0, upstream_seed=3, upstream_fault_targets="population_registry")
    with signed_in(central) as client:
        with pytest.raises(CentralUnavailable) as caught:
            client.lookup_citizen(KNOWN)
    assert caught.value.kind == "busy" and caught.value.status == 503
    assert caught.value.retry_after == 2
    assert not isinstance(caught.value, MalformedAnswer)


def test_a_slow_register_is_cut_off_by_the_centre_or_by_the_desk(start):
    cut_by_centre = start(upstream_latency_ms=3000, upstream_timeout_ms=300)
    with signed_in(cut_by_centre) as client:
        began = time.monotonic()
        with pytest.raises(CentralUnavailable) as caught:
            client.lookup_citizen(KNOWN)
        assert time.monotonic() - began < 2.5
    assert caught.value.kind == "busy" and caught.value.status == 503

    # The centre would wait longer than the desk does: the desk's own timeout ends it.
    lagging = start(upstream_latency_ms=1500, upstream_timeout_ms=5000)
    with signed_in(lagging, timeout=0.5) as client:
        with pytest.raises(CentralUnavailable) as caught:
            client.lookup_citizen(KNOWN)
        assert caught.value.kind == "timeout"
        client.timeout = 10
        assert client.lookup_citizen(KNOWN)["full_name"] == CITIZENS[KNOWN]["full_name"]


def test_offline_the_lookup_is_unavailable_as_a_dead_network():
    with CentralClient(closed_port_url(), desk_id="DESK-SY-CIT", access_token="t", timeout=2) as client:
        with pytest.raises(CentralUnavailable) as caught:
            client.lookup_citizen(KNOWN)
    assert caught.value.kind == "network" and caught.value.network_down


GOOD = {"cccd": KNOWN, "full_name": "Phạm Gia Huy", "date_of_birth": "2003-05-01", "sex": "Nam",
        "permanent_address": "Số 45 đường Nguyễn Trãi"}


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (dict(GOOD, cccd="056162123456"), "instead of the number asked"),
        ({k: v for k, v in GOOD.items() if k != "full_name"}, "full_name"),
        (dict(GOOD, full_name="  "), "full_name"),
        (dict(GOOD, date_of_birth="01/05/2003"), "date_of_birth"),
        (dict(GOOD, sex="M"), "sex"),
        (dict(GOOD, permanent_address=None), "permanent_address"),
        ([GOOD], "instead of an object"),
    ],
)
def test_an_answer_outside_the_contract_is_malformed(body, problem):
    with scripted_server() as scripted:
        scripted.answer = lambda request: json_answer(200, body)
        with CentralClient(scripted.base_url, desk_id="DESK-T-01", access_token="t") as client:
            with pytest.raises(MalformedAnswer) as caught:
                client.lookup_citizen(KNOWN)
    assert problem in caught.value.problem


def test_extra_fields_are_dropped_and_a_bare_404_is_not_a_missing_citizen():
    with scripted_server() as scripted:
        scripted.answer = lambda request: json_answer(200, dict(GOOD, ethnicity="Kinh", religion="none"))
        with CentralClient(scripted.base_url, desk_id="DESK-T-01", access_token="t") as client:
            assert client.lookup_citizen(KNOWN) == GOOD
            # A centre without this route answers a plain 404: that says nothing about the citizen.
            scripted.answer = lambda request: json_answer(404, {"detail": "Not Found"})
            with pytest.raises(CentralRejected) as caught:
                client.lookup_citizen(KNOWN)
    assert caught.value.status == 404
