"""CheckRunner against the real central API on loopback, its upstream systems made slow or
failing by the demo adapters' settings; a scripted server only for what the real API never
answers (an unreadable body, a busy or broken centre). Every failure's English text is here.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from central_api.seed import demo_dir
from central_api.upstream.faults import draw
from desk_app.core.catalogue import UpstreamCheck
from desk_app.core.timeutil import now_vn
from desk_app.core.upstream_checks import GIVE_UP_FAILURES, CheckRecord, CheckState
from desk_app.store import DeskStore
from desk_app.sync import CentralClient, CentralRejected, CentralUnavailable, MalformedAnswer
from desk_app.sync.checks import CheckCourier, CheckFailed, CheckRunner, judge_failure
from desk_app.sync.client import UpstreamUnavailable
from tests.support.central_server import DEMO_PASSWORD, RunningCentral, start_central

from .conftest import MutableClock, closed_port_url
from .scripted_http import json_answer, scripted_server
from tests.support.store_keys import open_store

HEALTH, FINES = UpstreamCheck.HEALTH_CERTIFICATE, UpstreamCheck.TRAFFIC_VIOLATIONS
BOTH = (HEALTH, FINES)
CITIZENS = {c["cccd"]: c for c in json.loads((demo_dir() / "citizens.json").read_text(encoding="utf-8"))["citizens"]}
FIT = "056162123456"          # valid certificate, no fines
EXPIRED_FINED = "056085001234"  # certificate expired, one fine of 4.000.000
UNFIT = "054178002345"        # certificate says not fit to drive
NOTHING = "056190004567"      # no certificate, no fines
FINED_TWICE = "079203001234"  # valid certificate, two fines
SAVED_MEANWHILE = "The check is tried again automatically; the dossier can be saved meanwhile."


@pytest.fixture
def clock() -> MutableClock:
    return MutableClock()


@pytest.fixture
def store(tmp_path: Path, clock: MutableClock) -> Iterator[DeskStore]:
    with open_store(tmp_path / "desk", clock=clock) as desk_store:
        yield desk_store


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., RunningCentral]]:
    """Starts a central API with upstream settings of the test's choosing; stopped afterwards."""
    with ExitStack() as stack:
        def _start(**settings: Any) -> RunningCentral:
            return stack.enter_context(start_central(tmp_path / uuid.uuid4().hex[:8], "sqlite", **settings))

        yield _start


def signed_in(base_url: str, username: str = "canbo01", **kwargs: Any) -> CentralClient:
    client = CentralClient(base_url, desk_id=f"DESK-CK-{uuid.uuid4().hex[:4]}", **kwargs)
    client.login(username, DEMO_PASSWORD)
    return client


_DRAFT_OF: dict[str, str] = {}


def start_for(store: DeskStore, cccd: str, kinds=BOTH) -> list[str]:  # noqa: ANN001
    """Start the checks of a new intake for this citizen, as the wizard does; their ids."""
    draft_id = str(uuid.uuid4())
    ids = store.start_checks(kinds, cccd, draft_id, citizen_name=CITIZENS.get(cccd, {}).get("full_name", ""))
    _DRAFT_OF.update(dict.fromkeys(ids, draft_id))
    return ids


def only(store: DeskStore, check_id: str) -> CheckRecord:
    [check] = [c for c in store.checks_for(draft_id=_DRAFT_OF[check_id]) if c.check_id == check_id]
    return check


def shown(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# -- answers -------------------------------------------------------------------------------


def test_a_citizen_with_a_valid_certificate_and_no_fines_passes_both(sync_central, store, clock) -> None:
    with signed_in(sync_central.base_url) as client:
        health, fines = start_for(store, FIT)
        seen: list[str] = []
        assert CheckRunner(store, client, clock).run_due(changed=seen.append) == 2
    assert seen == [health, health, fines, fines]  # running, then answered, one by one
    checks = store.checks_for(draft_id=only(store, health).draft_id)
    assert [c.state for c in checks] == [CheckState.PASSED, CheckState.PASSED]
    valid_until = now_vn().date() - timedelta(days=40) + timedelta(days=365)
    assert checks[0].summary.english() == (
        f"Health certificate DEMO-GKSK-2026-0412 (class B) valid until {shown(valid_until)}."
    )
    assert checks[1].summary.english() == "No unpaid traffic fines."
    assert checks[0].result["certificate"]["issuer"] == "Phòng khám đa khoa Demo Nha Trang"
    assert all(c.attempts == 1 and c.failures == 0 and c.next_attempt_at is None for c in checks)
    assert store.open_checks() == []


def test_findings_the_officer_must_see_are_attention(sync_central, store, clock) -> None:
    started = {cccd: start_for(store, cccd) for cccd in (EXPIRED_FINED, UNFIT, NOTHING, FINED_TWICE)}
    with signed_in(sync_central.base_url) as client:
        assert CheckRunner(store, client, clock).run_due() == 8
    today = now_vn().date()

    def said(cccd: str) -> list[tuple[CheckState, str]]:
        return [(only(store, i).state, only(store, i).summary.english()) for i in started[cccd]]

    assert said(EXPIRED_FINED) == [
        (CheckState.ATTENTION, "The latest health certificate, DEMO-GKSK-2025-0077, expired on "
                               f"{shown(today - timedelta(days=400) + timedelta(days=365))}: a new health examination is needed."),
        (CheckState.ATTENTION, "1 unpaid traffic violation, 4.000.000 đồng in fines."),
    ]
    assert said(UNFIT) == [
        (CheckState.ATTENTION, f"Health certificate DEMO-GKSK-2026-0555 of {shown(today - timedelta(days=90))} "
                               "finds the holder not fit to drive."),
        (CheckState.PASSED, "No unpaid traffic fines."),
    ]
    assert said(NOTHING) == [
        (CheckState.ATTENTION, "No driver health certificate is on record for this citizen."),
        (CheckState.PASSED, "No unpaid traffic fines."),
    ]
    assert said(FINED_TWICE)[1] == (CheckState.ATTENTION, "2 unpaid traffic violations, 800.000 đồng in fines.")
    assert len(store.open_checks()) == 5  # the findings; the passed ones are off the officer's list


def test_the_courier_asks_with_the_sessions_current_token(sync_central, store, clock) -> None:
    session = signed_in(sync_central.base_url)
    courier = CheckCourier(session)
    [check_id] = start_for(store, FINED_TWICE, [FINES])
    session.access_token = "lapsed"
    CheckRunner(store, courier, clock).run_due()
    check = only(store, check_id)
    assert check.state is CheckState.FAILED_RETRYING
    assert check.last_error == (
        "The desk's session with the central system has ended. The check is tried again once the session is "
        "renewed; if it keeps failing, sign in again."
    )
    session.login("canbo01", DEMO_PASSWORD)  # the sync worker renewed the session meanwhile
    clock.advance(seconds=30)
    CheckRunner(store, courier, clock).run_due()
    assert only(store, check_id).state is CheckState.ATTENTION
    session.close()


def test_nothing_is_asked_once_cancelled_or_before_its_time(sync_central, store, clock) -> None:
    start_for(store, FIT)
    cancel = threading.Event()
    cancel.set()
    with signed_in(sync_central.base_url) as client:
        runner = CheckRunner(store, client, clock)
        assert runner.run_due(cancel=cancel) == 0
        assert {c.state for c in store.open_checks()} == {CheckState.PENDING}
        assert runner.run_due() == 2
        assert runner.run_due() == 0


# -- the upstream system fails ----------------------------------------------------------------


def _seed_failing_once(upstream: str, operation: str, key: str, rate: float) -> int:
    """A fault seed whose first draw for ``key`` fails and whose second succeeds."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    for seed in range(10_000):
        if draw(seed, upstream, operation, digest, 1) < rate <= draw(seed, upstream, operation, digest, 2):
            return seed
    raise AssertionError("no such seed")


def test_a_failing_health_system_is_retried_on_schedule_and_then_answers(start, store, clock) -> None:
    seed = _seed_failing_once("health_certificates", "latest", FIT, 0.5)
    central = start(upstream_failure_rate=0.5, upstream_seed=seed, upstream_fault_targets="health_certificates")
    health, fines = start_for(store, FIT)
    with signed_in(central.base_url) as client:
        runner = CheckRunner(store, client, clock)
        assert runner.run_due() == 2  # the failing system ends only its own check
        check = only(store, health)
        assert (check.state, check.attempts, check.failures) == (CheckState.FAILED_RETRYING, 1, 1)
        assert check.next_attempt_at == clock() + timedelta(seconds=30)  # Retry-After (2 s) is below the schedule
        assert check.last_error == f"The health certificate system reported a fault. {SAVED_MEANWHILE}"
        assert check.problem.params == {"system": "The health certificate system"}
        assert only(store, fines).state is CheckState.PASSED

        clock.advance(seconds=29)
        assert runner.run_due() == 0
        clock.advance(seconds=1)
        assert runner.run_due() == 1
    check = only(store, health)
    assert (check.state, check.attempts, check.failures, check.problem) == (CheckState.PASSED, 2, 0, None)


def test_a_failing_traffic_system_is_named_in_the_problem(start, store, clock) -> None:
    central = start(upstream_failure_rate=1.0, upstream_seed=1, upstream_fault_targets="traffic_violations")
    [check_id] = start_for(store, FINED_TWICE, [FINES])
    with signed_in(central.base_url) as client:
        CheckRunner(store, client, clock).run_due()
    assert only(store, check_id).last_error == f"The traffic police's violation records reported a fault. {SAVED_MEANWHILE}"


def test_a_slow_upstream_is_a_timeout_tried_again(start, store, clock) -> None:
    central = start(upstream_latency_ms=1500, upstream_timeout_ms=300, upstream_fault_targets="health_certificates")
    [check_id] = start_for(store, FIT, [HEALTH])
    with signed_in(central.base_url) as client:
        CheckRunner(store, client, clock).run_due()
    check = only(store, check_id)
    assert check.state is CheckState.FAILED_RETRYING
    assert check.last_error == f"The health certificate system did not answer in time. {SAVED_MEANWHILE}"


def test_an_upstream_not_connected_waits_for_the_centres_retry_after(start, store, clock) -> None:
    central = start(upstream_adapters="none")
    [check_id] = start_for(store, FIT, [HEALTH])
    with signed_in(central.base_url) as client:
        with pytest.raises(UpstreamUnavailable) as caught:
            client.check_health_certificate(FIT)
        CheckRunner(store, client, clock).run_due()
    assert str(caught.value) == (
        "Another agency's system (health_certificates) is not answering the central system just now "
        "(not_configured). Nothing was lost; the desk asks again later."
    )
    assert (caught.value.retry_after, caught.value.status, caught.value.kind) == (300, 503, "upstream")
    check = only(store, check_id)
    assert check.next_attempt_at == clock() + timedelta(seconds=300)
    assert check.last_error == (
        "The health certificate system is not connected to the central system. The check is tried again "
        "automatically; meanwhile check the citizen's papers by hand."
    )


# -- the central system refuses, or is not there ------------------------------------------------


def test_a_refusal_is_final_with_its_reason_until_retry_now(sync_central, store, clock) -> None:
    [check_id] = start_for(store, FIT, [HEALTH])
    # Administrators configure; they ask no other agency about a citizen (403 forbidden_role).
    with signed_in(sync_central.base_url, "quantri") as admin:
        runner = CheckRunner(store, admin, clock)
        runner.run_due()
        check = only(store, check_id)
        assert (check.state, check.next_attempt_at) == (CheckState.FAILED, None)
        assert check.last_error == (
            "The central system refused this check (forbidden_role: The role administrator may not do this.). "
            "It is not tried again by itself: check the citizen's papers by hand, or ask the administrator and "
            "then press Retry now."
        )
        clock.advance(days=2)
        assert runner.run_due() == 0
    store.retry_check_now(check_id, "canbo01")
    with signed_in(sync_central.base_url) as officer:
        CheckRunner(store, officer, clock).run_due()
    assert only(store, check_id).state is CheckState.PASSED


def test_a_centre_without_the_route_is_a_refusal_too(sync_central, store, clock) -> None:
    [check_id] = start_for(store, FIT, [FINES])
    session = signed_in(sync_central.base_url)
    with CentralClient(sync_central.base_url + "/older", desk_id=session.desk_id,
                       access_token=session.access_token) as client:
        CheckRunner(store, client, clock).run_due()
    session.close()
    check = only(store, check_id)
    assert check.state is CheckState.FAILED
    assert check.last_error == (
        "The central system refused this check (not_found: Not Found). It is not tried again by itself: check the "
        "citizen's papers by hand, or ask the administrator and then press Retry now."
    )


def test_a_central_system_that_is_down_is_tried_later_and_stops_the_run(tmp_path, store, clock) -> None:
    url = closed_port_url()
    health, fines = start_for(store, EXPIRED_FINED)
    client = CentralClient(url, desk_id="DESK-CK-DOWN", timeout=5)
    runner = CheckRunner(store, client, clock)
    assert runner.run_due() == 1  # the second check would only fail the same way
    check = only(store, health)
    assert (check.state, check.next_attempt_at) == (CheckState.FAILED_RETRYING, clock() + timedelta(seconds=30))
    assert check.last_error == (
        "The central system cannot be reached. The check is tried again automatically when the desk is back "
        "online; the dossier can be saved meanwhile."
    )
    assert only(store, fines).state is CheckState.PENDING

    port = urlsplit(url).port
    with start_central(tmp_path / "central", "sqlite", port=port):  # the network is back
        client.login("canbo01", DEMO_PASSWORD)
        assert runner.run_due() == 1  # the waiting one goes; the failed one waits for its time
        clock.advance(seconds=30)
        assert runner.run_due() == 1
    client.close()
    assert [only(store, i).state for i in (health, fines)] == [CheckState.ATTENTION, CheckState.ATTENTION]
    assert only(store, health).attempts == 2


def test_a_check_gives_up_after_a_day_of_tries_and_says_so(store, clock) -> None:
    [check_id] = start_for(store, FIT, [HEALTH])
    with CentralClient(closed_port_url(), desk_id="DESK-CK-DOWN", timeout=5) as client:
        runner = CheckRunner(store, client, clock)
        started = clock()
        for _ in range(GIVE_UP_FAILURES):
            assert runner.run_due() == 1
            check = only(store, check_id)
            if check.next_attempt_at is not None:
                clock.offset = check.next_attempt_at - clock.start
    check = only(store, check_id)
    assert (check.state, check.attempts, check.failures, check.next_attempt_at) == (
        CheckState.FAILED, GIVE_UP_FAILURES, GIVE_UP_FAILURES, None)
    assert clock() - started >= timedelta(hours=24)
    assert check.last_error == (
        "No answer after 54 tries over about a day, so the desk stopped trying. Check the citizen's papers by "
        "hand, or press Retry now to start again."
    )


def test_an_internal_fault_is_recorded_and_tried_again(sync_central, store, clock) -> None:
    [check_id] = start_for(store, FIT, [HEALTH])
    # A desk configured with a zero timeout: requests refuses it before anything is sent.
    with CentralClient(sync_central.base_url, desk_id="DESK-CK-ZERO", timeout=0) as client:
        CheckRunner(store, client, clock).run_due()
    check = only(store, check_id)
    assert check.state is CheckState.FAILED_RETRYING
    assert check.last_error == (
        "The check stopped on an internal fault (ValueError). It is tried again automatically; if this repeats, "
        "tell your administrator."
    )


# -- what the real central API never answers -----------------------------------------------------


def _scripted_run(store: DeskStore, clock: MutableClock, answer, *, kinds=(HEALTH,), timeout: float = 5) -> CheckRecord:  # noqa: ANN001
    ids = start_for(store, FIT, kinds)
    with scripted_server() as scripted:
        scripted.answer = answer
        with CentralClient(scripted.base_url, desk_id="DESK-CK-S", access_token="t", timeout=timeout) as client:
            CheckRunner(store, client, clock).run_due()
    return only(store, ids[0])


def test_an_unreadable_answer_is_tried_again(store, clock) -> None:
    check = _scripted_run(store, clock, lambda request: json_answer(200, {"certificate": None}))
    assert check.state is CheckState.FAILED_RETRYING
    assert check.last_error == (
        "The central system sent an answer this desk cannot read (health certificate answer: \"checked_at\" is "
        "missing or not text). The check is tried again automatically; if this keeps happening, tell the system "
        "administrator."
    )


def test_a_broken_centre_is_an_internal_fault_of_the_centre(store, clock) -> None:
    check = _scripted_run(store, clock, lambda request: json_answer(500, {"detail": "boom"}))
    assert check.last_error == f"The central system reported an internal fault (HTTP 500). {SAVED_MEANWHILE}"
    check = _scripted_run(store, clock, lambda request: (502, {"Content-Type": "text/html"}, b"<html>Bad gateway</html>"))
    assert check.last_error == f"The central system reported an internal fault (HTTP 502). {SAVED_MEANWHILE}"


def test_a_busy_centre_is_asked_again_after_its_retry_after(store, clock) -> None:
    check = _scripted_run(store, clock, lambda request: json_answer(429, {"detail": "slow down"}, {"Retry-After": "120"}))
    assert check.last_error == f"The central system is busy. {SAVED_MEANWHILE}"
    assert check.next_attempt_at == clock() + timedelta(seconds=120)


def test_a_centre_that_does_not_answer_in_time_is_tried_again(store, clock) -> None:
    def slow(request):  # noqa: ANN001, ANN202
        time.sleep(1.5)
        return json_answer(200, {})

    check = _scripted_run(store, clock, slow, timeout=0.3)
    assert check.state is CheckState.FAILED_RETRYING
    assert check.last_error == f"The central system did not answer in time. {SAVED_MEANWHILE}"


# -- the client's answers, checked -----------------------------------------------------------


GOOD_HEALTH = {"checked_at": "2026-11-21T09:30:00+07:00", "certificate": {
    "certificate_number": "DEMO-GKSK-2026-0412", "issued_on": "2026-10-12", "valid_until": "2027-10-12",
    "licence_class": "B", "issuer": "Phòng khám Demo", "fit_to_drive": True, "valid": True, "doctor": "X"}}
GOOD_FINES = {"checked_at": "2026-11-21T09:30:00+07:00", "count": 1, "total_fine": 500000, "unpaid": [
    {"violation_id": "V1", "occurred_on": "2026-03-02", "place": "Nha Trang", "description": "Vượt đèn đỏ",
     "fine": 500000, "vehicle_plate": "79A-123.45", "officer": "Y"}]}


def _asked(answer: dict, call: str) -> dict:
    with scripted_server() as scripted:
        scripted.answer = lambda request: json_answer(200, answer)
        with CentralClient(scripted.base_url, desk_id="DESK-CK-S", access_token="t") as client:
            result = getattr(client, call)(FIT)
            assert [(r.method, r.path) for r in scripted.seen] == [
                ("GET", f"/v1/checks/health-certificate/{FIT}" if call == "check_health_certificate"
                 else f"/v1/checks/traffic-violations?cccd={FIT}")]
            return result


def test_the_answers_keep_only_the_contracts_fields() -> None:
    health = _asked(GOOD_HEALTH, "check_health_certificate")
    assert "doctor" not in health["certificate"] and health["certificate"]["valid"] is True
    fines = _asked(GOOD_FINES, "check_traffic_violations")
    assert "officer" not in fines["unpaid"][0] and fines["total_fine"] == 500000


@pytest.mark.parametrize(
    ("call", "answer", "problem"),
    [
        ("check_health_certificate", {**GOOD_HEALTH, "certificate": {**GOOD_HEALTH["certificate"], "valid": "yes"}},
         "\"valid\" is missing or not true/false"),
        ("check_health_certificate", {**GOOD_HEALTH, "certificate": {**GOOD_HEALTH["certificate"], "fit_to_drive": False}},
         "called valid for a holder not fit to drive"),
        ("check_health_certificate", {**GOOD_HEALTH, "certificate": {**GOOD_HEALTH["certificate"], "issued_on": "12/10/2026"}},
         "issued_on '12/10/2026' is not a date"),
        ("check_health_certificate", {"checked_at": "2026-11-21T09:30:00+07:00"}, "\"certificate\" is missing"),
        ("check_health_certificate", {"checked_at": "2026-11-21 09:30", "certificate": None}, "not a time with an offset"),
        ("check_traffic_violations", {**GOOD_FINES, "count": 2}, "count 2 and total 500000 do not match the 1 listed"),
        ("check_traffic_violations", {**GOOD_FINES, "total_fine": 1}, "do not match"),
        ("check_traffic_violations", {**GOOD_FINES, "unpaid": {}}, "\"unpaid\" is not a list"),
    ],
)
def test_an_answer_off_the_contract_is_malformed(call, answer, problem) -> None:
    with pytest.raises(MalformedAnswer) as caught:
        _asked(answer, call)
    assert problem in caught.value.problem


def test_a_number_that_is_not_twelve_digits_is_never_sent() -> None:
    with scripted_server() as scripted:
        with CentralClient(scripted.base_url, desk_id="DESK-CK-S", access_token="t") as client:
            for bad in ("05616212345", "../v1/health", "０５６１６２１２３４５６"):
                with pytest.raises(ValueError):
                    client.check_health_certificate(bad)
                with pytest.raises(ValueError):
                    client.check_traffic_violations(bad)
        assert scripted.seen == []


def test_the_centres_own_unavailability_is_not_an_upstreams() -> None:
    with scripted_server() as scripted:
        scripted.answer = lambda request: json_answer(503, {"detail": "maintenance"}, {"Retry-After": "60"})
        with CentralClient(scripted.base_url, desk_id="DESK-CK-S", access_token="t") as client:
            with pytest.raises(CentralUnavailable) as caught:
                client.check_traffic_violations(FIT)
    assert not isinstance(caught.value, UpstreamUnavailable)
    assert (caught.value.kind, caught.value.retry_after) == ("busy", 60)
    verdict = judge_failure(caught.value, FINES)
    assert verdict.stop_run and not verdict.permanent and verdict.retry_after == 60


def test_every_failure_text_is_a_marked_template() -> None:
    # Each of the twelve is asserted word for word above: a thirteenth must come with its own test.
    templates = {value for name, value in vars(CheckFailed).items() if name.isupper()}
    assert len(templates) == 12
    assert all(isinstance(t, str) and t.endswith(".") for t in templates)
    refused = judge_failure(CentralRejected(422, "invalid_request", "cccd: bad"), HEALTH)
    assert refused.permanent and not refused.stop_run
