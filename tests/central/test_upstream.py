"""Upstream adapters: the demo data, the endpoints over HTTP, payments, and made-to-order
slowness and failures (503 upstream_unavailable with Retry-After)."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from central_api.seed import demo_dir
from central_api.upstream.base import UpstreamUnavailable
from central_api.upstream.demo import CLASSES_WITHOUT_TERM, LICENCE_CLASSES, DemoCitizens, DemoDataError
from central_api.upstream.faults import FaultInjector, FaultPlan
from desk_app.core.identity import Sex, check_cccd_number
from desk_app.core.timeutil import now_vn
from tests.central.helpers import make_dossier, put_dossier
from tests.support.central_server import RunningCentral, start_central

CITIZENS_FILE = demo_dir() / "citizens.json"
CATALOGUE_FILE = demo_dir() / "catalogue.json"
CITIZENS: list[dict[str, Any]] = json.loads(CITIZENS_FILE.read_text(encoding="utf-8"))["citizens"]
BY_CCCD = {c["cccd"]: c for c in CITIZENS}
UNKNOWN_CCCD = "056199999999"  # well formed, female born 1999, in no registry


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCentral]:
    with start_central(tmp_path_factory.mktemp("central-upstream"), "sqlite") as running:
        yield running


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Any]:
    """Starts a server with extra settings; every one started is stopped after the test."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        def _start(**settings: Any) -> RunningCentral:
            return stack.enter_context(start_central(tmp_path / uuid.uuid4().hex[:8], "sqlite", **settings))

        yield _start


def get(central: RunningCentral, path: str, username: str = "canbo01", **params: Any) -> requests.Response:
    return requests.get(central.url(path), params=params, headers=central.headers(username), timeout=30)


def pay(central: RunningCentral, body: dict[str, Any], username: str = "canbo01") -> requests.Response:
    return requests.post(central.url("/v1/payments"), json=body, headers=central.headers(username), timeout=30)


def refund(central: RunningCentral, payment_id: str, reason: str, username: str = "canbo01") -> requests.Response:
    return requests.post(central.url(f"/v1/payments/{payment_id}/refund"), json={"reason": reason},
                         headers=central.headers(username), timeout=30)


def payment_body(**changes: Any) -> dict[str, Any]:
    return {"idempotency_key": str(uuid.uuid4()), "client_id": str(uuid.uuid4()), "amount": 135000,
            "description": "Lệ phí cấp đổi giấy phép lái xe", **changes}


def assert_unavailable(response: requests.Response, upstream: str, reason: str) -> None:
    assert response.status_code == 503, response.text
    detail = response.json()["detail"]
    assert (detail["code"], detail["upstream"], detail["reason"]) == ("upstream_unavailable", upstream, reason)
    assert int(response.headers["Retry-After"]) >= 1


# the demo data --------------------------------------------------------------------------


def test_demo_citizens_are_about_twenty_with_consistent_cccd_numbers() -> None:
    assert 18 <= len(CITIZENS) <= 25
    assert len(BY_CCCD) == len(CITIZENS)
    for citizen in CITIZENS:
        check_cccd_number(citizen["cccd"], date.fromisoformat(citizen["date_of_birth"]), Sex(citizen["sex"]))
    sexes = {c["sex"] for c in CITIZENS}
    centuries = {c["date_of_birth"][:2] for c in CITIZENS}
    assert sexes == {"Nam", "Nữ"} and centuries == {"19", "20"}
    loaded = DemoCitizens.load(CITIZENS_FILE)
    assert set(loaded.by_cccd) == set(BY_CCCD)


def test_a_demo_citizen_whose_number_contradicts_the_birth_year_is_refused(tmp_path: Path) -> None:
    broken = json.loads(CITIZENS_FILE.read_text(encoding="utf-8"))
    first = broken["citizens"][0]
    first["cccd"] = first["cccd"][:4] + "99" + first["cccd"][6:]  # digits 5-6 no longer the birth year
    path = tmp_path / "citizens.json"
    path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DemoDataError) as caught:
        DemoCitizens.load(path)
    assert first["cccd"] not in str(caught.value)  # errors name the file, never the number


def test_demo_licences_carry_the_classes_of_the_renewal_form_and_fit_their_terms() -> None:
    catalogue = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    [renewal] = [p for p in catalogue["procedures"] if p["code"] == "DEMO.GPLX.01"]
    [class_field] = [f for f in renewal["fields"] if f["key"] == "licence_class"]
    # The register answers only classes the form can take, so a prefilled class is always a valid choice.
    assert [c["value"] for c in class_field["choices"]] == list(LICENCE_CLASSES)
    holders = [c for c in CITIZENS if c["licence_number"] is not None]
    assert holders and len(holders) < len(CITIZENS)  # both kinds of citizen are there to try
    for citizen in holders:
        issued = date.fromisoformat(citizen["licence_issued_on"])
        born = date.fromisoformat(citizen["date_of_birth"])
        assert issued >= born.replace(year=born.year + 18), citizen["cccd"]  # no licence before 18
        if citizen["licence_class"] in CLASSES_WITHOUT_TERM:
            assert citizen["licence_expires_on"] is None
        else:
            assert date.fromisoformat(citizen["licence_expires_on"]) > issued
    assert {c["licence_class"] for c in holders} & CLASSES_WITHOUT_TERM
    loaded = DemoCitizens.load(CITIZENS_FILE)
    assert {c.record.cccd for c in loaded.by_cccd.values() if c.licence} == {c["cccd"] for c in holders}


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"licence_class": "B"}, "class is not one the register knows"),  # a class of the 2024 law, not on the form
        ({"licence_class": "b2"}, "class is not one the register knows"),
        ({"licence_expires_on": "2016-07-14"}, "expires before it was issued"),
        ({"licence_expires_on": "2016-07-15"}, "expires before it was issued"),
        ({"licence_expires_on": None}, "does not fit its class"),  # B2 has a term
        ({"licence_class": "A1"}, "does not fit its class"),  # A1 has none, yet an expiry is given
        ({"licence_issued_on": "15/07/2016"}, "ValueError"),
        ({"licence_expires_on": "2026-02-30"}, "ValueError"),
        ({"licence_issuer": " "}, "has no issuer"),
        ({"licence_class": None}, "class is not one the register knows"),
        ({"licence_number": None}, "licence details but no licence number"),
    ],
)
def test_a_demo_licence_that_does_not_hold_together_is_refused(
    tmp_path: Path, changes: dict[str, Any], reason: str
) -> None:
    broken = json.loads(CITIZENS_FILE.read_text(encoding="utf-8"))
    first = broken["citizens"][0]
    number = first["licence_number"]
    first.update(changes)
    path = tmp_path / "citizens.json"
    path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DemoDataError) as caught:
        DemoCitizens.load(path)
    assert reason in str(caught.value)
    assert number not in str(caught.value) and first["cccd"] not in str(caught.value)


def test_a_demo_licence_missing_a_detail_is_refused(tmp_path: Path) -> None:
    for key in ("licence_class", "licence_issued_on", "licence_expires_on", "licence_issuer"):
        broken = json.loads(CITIZENS_FILE.read_text(encoding="utf-8"))
        del broken["citizens"][0][key]  # even the expiry: a class without a term says null
        path = tmp_path / f"{key}.json"
        path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(DemoDataError, match="KeyError"):
            DemoCitizens.load(path)


def test_failures_are_reproducible_from_the_seed_and_retries_are_new_draws() -> None:
    def outcomes(seed: int, key: str = "056162123456", n: int = 40) -> list[bool]:
        injector = FaultInjector(FaultPlan(failure_rate=0.5, seed=seed))
        result = []
        for _ in range(n):
            try:
                injector.before_call("population_registry", "lookup", key)
                result.append(True)
            except UpstreamUnavailable as exc:
                assert (exc.upstream, exc.reason) == ("population_registry", "error")
                result.append(False)
        return result

    first = outcomes(7)
    assert first == outcomes(7)
    assert first != outcomes(8)
    assert 8 <= first.count(False) <= 32  # both happen: a retry can succeed
    # Calls about other citizens in between do not shift this citizen's sequence.
    injector = FaultInjector(FaultPlan(failure_rate=0.5, seed=7))
    mixed = []
    for i in range(40):
        for other in ("079203001234", "056085001234"):
            try:
                injector.before_call("population_registry", "lookup", other)
            except UpstreamUnavailable:
                pass
        try:
            injector.before_call("population_registry", "lookup", "056162123456")
            mixed.append(True)
        except UpstreamUnavailable:
            mixed.append(False)
    assert mixed == first
    never = FaultInjector(FaultPlan(failure_rate=0.0))
    always = FaultInjector(FaultPlan(failure_rate=1.0, targets=frozenset({"payment_gateway"})))
    for _ in range(20):
        never.before_call("traffic_violations", "unpaid", "x")
        always.before_call("population_registry", "lookup", "x")  # not a target: never fails
        with pytest.raises(UpstreamUnavailable):
            always.before_call("payment_gateway", "create", "x")
    with pytest.raises(ValueError):
        FaultPlan.parse_targets("population_registry, no_such_system")


# look-ups -------------------------------------------------------------------------------


def test_every_demo_citizen_is_found_with_what_the_registry_holds(demo: RunningCentral) -> None:
    for citizen in CITIZENS:
        response = get(demo, f"/v1/citizens/{citizen['cccd']}")
        assert response.status_code == 200, response.text
        assert response.json() == {
            "cccd": citizen["cccd"], "full_name": citizen["full_name"], "date_of_birth": citizen["date_of_birth"],
            "sex": citizen["sex"], "permanent_address": citizen["permanent_address"],
        }
    again = get(demo, f"/v1/citizens/{CITIZENS[0]['cccd']}", username="buudien01")
    assert again.json()["full_name"] == CITIZENS[0]["full_name"]
    missing = get(demo, f"/v1/citizens/{UNKNOWN_CCCD}")
    assert (missing.status_code, missing.json()["detail"]["code"]) == (404, "citizen_not_found")
    for bad in ("05616212345", "05616212345x", "0561621234567"):
        assert get(demo, f"/v1/citizens/{bad}").status_code == 422


def test_health_certificates_report_the_latest_and_whether_it_is_valid_today(demo: RunningCentral) -> None:
    today = now_vn().date()
    current = get(demo, "/v1/checks/health-certificate/056162123456").json()
    assert current["checked_at"].endswith("+07:00")
    # Two certificates on record: the newer one (40 days old) is answered.
    assert current["certificate"] == {
        "certificate_number": "DEMO-GKSK-2026-0412",
        "issued_on": (today - timedelta(days=40)).isoformat(),
        "valid_until": (today - timedelta(days=40) + timedelta(days=365)).isoformat(),
        "licence_class": "B", "issuer": "Phòng khám đa khoa Demo Nha Trang", "fit_to_drive": True, "valid": True,
    }
    expired = get(demo, "/v1/checks/health-certificate/056085001234").json()["certificate"]
    assert (expired["licence_class"], expired["valid"]) == ("C", False)
    assert date.fromisoformat(expired["valid_until"]) < today
    unfit = get(demo, "/v1/checks/health-certificate/054178002345").json()["certificate"]
    assert (unfit["fit_to_drive"], unfit["valid"]) == (False, False)
    assert get(demo, "/v1/checks/health-certificate/056190004567").json()["certificate"] is None
    assert get(demo, f"/v1/checks/health-certificate/{UNKNOWN_CCCD}").json()["certificate"] is None


def test_traffic_violations_list_only_unpaid_ones_by_citizen_or_licence(demo: RunningCentral) -> None:
    by_person = get(demo, "/v1/checks/traffic-violations", cccd="079203001234").json()
    assert (by_person["count"], by_person["total_fine"]) == (2, 800000)
    assert [v["violation_id"] for v in by_person["unpaid"]] == ["DEMO-VP-0003", "DEMO-VP-0004"]
    assert by_person["unpaid"][0] == {
        "violation_id": "DEMO-VP-0003", "occurred_on": "2026-03-09", "place": "Đường 23/10, Nha Trang",
        "description": "Không đội mũ bảo hiểm khi điều khiển xe mô tô", "fine": 500000, "vehicle_plate": "79H1-456.78",
    }
    by_licence = get(demo, "/v1/checks/traffic-violations", licence_number="790100000001").json()
    assert [v["violation_id"] for v in by_licence["unpaid"]] == ["DEMO-VP-0001"]  # DEMO-VP-0002 is paid
    assert get(demo, "/v1/checks/traffic-violations", cccd="056093070809").json()["count"] == 0
    assert get(demo, "/v1/checks/traffic-violations", licence_number="999999999999").json()["unpaid"] == []
    for params in ({}, {"cccd": "079203001234", "licence_number": "790200000345"}, {"cccd": "12"}):
        assert get(demo, "/v1/checks/traffic-violations", **params).status_code == 422, params


def test_driving_licences_answer_what_the_register_holds(demo: RunningCentral) -> None:
    renewal = get(demo, "/v1/citizens/056162123456/driving-licences")
    assert renewal.status_code == 200, renewal.text
    body = renewal.json()
    assert body["checked_at"].endswith("+07:00")
    assert body["licences"] == [{
        "licence_number": "790123456789", "licence_class": "B2", "issued_on": "2016-07-15",
        "expires_on": "2026-07-15", "issuer": "Sở Giao thông vận tải tỉnh Khánh Hòa",
    }]
    for citizen in CITIZENS:
        licences = get(demo, f"/v1/citizens/{citizen['cccd']}/driving-licences").json()["licences"]
        if citizen["licence_number"] is None:
            assert licences == [], citizen["cccd"]
        else:
            assert licences == [{
                "licence_number": citizen["licence_number"], "licence_class": citizen["licence_class"],
                "issued_on": citizen["licence_issued_on"], "expires_on": citizen["licence_expires_on"],
                "issuer": citizen["licence_issuer"],
            }], citizen["cccd"]
    # A class without a term answers a null expiry.
    motorbike = get(demo, "/v1/citizens/079203001234/driving-licences").json()["licences"]
    assert [(lic["licence_class"], lic["expires_on"]) for lic in motorbike] == [("A1", None)]


def test_a_citizen_without_a_licence_holds_an_empty_list_not_a_404(demo: RunningCentral) -> None:
    assert BY_CCCD["056190004567"]["licence_number"] is None
    for cccd in ("056190004567", UNKNOWN_CCCD):
        response = get(demo, f"/v1/citizens/{cccd}/driving-licences")
        assert response.status_code == 200, response.text
        assert response.json()["licences"] == []
    for bad in ("05616212345", "05616212345x", "0561621234567"):
        assert get(demo, f"/v1/citizens/{bad}/driving-licences").status_code == 422


def test_driving_licences_are_for_the_same_callers_as_the_population_registry(demo: RunningCentral) -> None:
    path = "/v1/citizens/056162123456/driving-licences"
    refused = get(demo, path, username="quantri")
    assert (refused.status_code, refused.json()["detail"]["code"]) == (403, "forbidden_role")
    # Officers, supervisors and postal assistants of any site: a national register is not a site's.
    for username in ("canbo01", "giamsat01", "buudien01"):
        answer = get(demo, path, username=username)
        assert answer.status_code == 200 and answer.json()["licences"][0]["licence_number"] == "790123456789"
    assert requests.get(demo.url(path), timeout=10).status_code == 401


def test_upstream_calls_are_for_people_at_the_counter(demo: RunningCentral) -> None:
    for path in ("/v1/citizens/056162123456", "/v1/checks/health-certificate/056162123456",
                 "/v1/payments/DEMO-PAY-0000"):
        assert get(demo, path, username="quantri").status_code == 403
    assert get(demo, "/v1/citizens/056162123456", username="giamsat01").status_code == 200
    assert requests.get(demo.url("/v1/citizens/056162123456"), timeout=10).status_code == 401


# payments -------------------------------------------------------------------------------


def test_a_payment_is_created_once_per_key_and_refunded_once(demo: RunningCentral) -> None:
    body = payment_body()
    created = pay(demo, body)
    assert created.status_code == 201, created.text
    payment = created.json()
    assert payment["status"] == "paid"  # the demo gateway settles at once unless told otherwise
    assert (payment["amount"], payment["client_id"], payment["idempotency_key"]) == (
        135000, body["client_id"], body["idempotency_key"])
    assert payment["site_code"] == "000.00.17.H56" and payment["refunded_at"] is None
    replay = pay(demo, body)
    assert (replay.status_code, replay.json()) == (200, payment)
    conflict = pay(demo, {**body, "amount": 115000})
    assert (conflict.status_code, conflict.json()["detail"]["code"]) == (409, "idempotency_conflict")
    assert get(demo, f"/v1/payments/{payment['payment_id']}").json() == payment
    # Another site neither sees nor refunds it; the same key there is another payment.
    assert get(demo, f"/v1/payments/{payment['payment_id']}", username="buudien01").status_code == 404
    assert refund(demo, payment["payment_id"], "nộp nhầm", username="buudien01").status_code == 404
    elsewhere = pay(demo, body, username="buudien01")
    assert elsewhere.status_code == 201 and elsewhere.json()["payment_id"] != payment["payment_id"]

    refunded = refund(demo, payment["payment_id"], "Công dân nộp nhầm hồ sơ")
    assert refunded.status_code == 200, refunded.text
    after = refunded.json()
    assert (after["status"], after["refund_reason"]) == ("refunded", "Công dân nộp nhầm hồ sơ")
    assert after["refunded_at"].endswith("+07:00")
    again = refund(demo, payment["payment_id"], "Công dân nộp nhầm hồ sơ")
    assert (again.status_code, again.json()) == (200, after)
    other_reason = refund(demo, payment["payment_id"], "lý do khác")
    assert (other_reason.status_code, other_reason.json()["detail"]["code"]) == (409, "refund_conflict")
    assert get(demo, f"/v1/payments/{payment['payment_id']}").json() == after
    assert get(demo, "/v1/payments/DEMO-PAY-UNKNOWN").status_code == 404
    assert refund(demo, payment["payment_id"], "   ").status_code == 422
    for bad in ({"amount": 0}, {"amount": -1}, {"idempotency_key": "not-a-uuid"}, {"extra": 1}):
        assert pay(demo, payment_body(**bad)).status_code == 422, bad


def test_a_pending_payment_cannot_be_refunded_and_turns_paid_when_settled(start: Any) -> None:
    central = start(upstream_payment_settle_ms=1500)
    payment = pay(central, payment_body()).json()
    assert (payment["status"], payment["paid_at"]) == ("pending", None)
    early = refund(central, payment["payment_id"], "nộp nhầm")
    assert (early.status_code, early.json()["detail"]["code"]) == (409, "not_refundable")
    time.sleep(1.6)
    settled = get(central, f"/v1/payments/{payment['payment_id']}").json()
    assert settled["status"] == "paid" and settled["paid_at"] is not None
    assert refund(central, payment["payment_id"], "nộp nhầm").json()["status"] == "refunded"


def test_payments_survive_a_restart_of_the_server(tmp_path: Path) -> None:
    body = payment_body()
    with start_central(tmp_path / "central", "sqlite") as first:
        payment = pay(first, body).json()
    with start_central(tmp_path / "central", "sqlite") as second:
        assert get(second, f"/v1/payments/{payment['payment_id']}").json() == payment
        assert pay(second, body).status_code == 200


# faults ---------------------------------------------------------------------------------


def test_failing_upstreams_answer_503_and_intake_goes_on(start: Any) -> None:
    # Everything fails but the population registry, which is left out of the fault targets.
    central = start(upstream_failure_rate=1.0, upstream_seed=3,
                    upstream_fault_targets="health_certificates, traffic_violations,payment_gateway")
    assert get(central, "/v1/citizens/056162123456").status_code == 200
    assert_unavailable(get(central, "/v1/checks/health-certificate/056162123456"), "health_certificates", "error")
    assert_unavailable(get(central, "/v1/checks/traffic-violations", cccd="056162123456"), "traffic_violations", "error")
    assert_unavailable(pay(central, payment_body()), "payment_gateway", "error")
    assert_unavailable(get(central, "/v1/payments/DEMO-PAY-X"), "payment_gateway", "error")
    # The desk's own work does not depend on any upstream.
    headers = central.headers("canbo01")
    dossier = make_dossier(desk_id=headers["X-Desk-Id"])
    assert put_dossier(central, headers, dossier.to_wire()).status_code == 201


def test_a_failure_rate_fails_some_calls_reproducibly_per_seed(start: Any) -> None:
    central = start(upstream_failure_rate=0.5, upstream_seed=11)
    served = [get(central, "/v1/citizens/079203001234").status_code for _ in range(24)]
    assert set(served) == {200, 503}
    # The same seed outside the server draws the very same sequence for this citizen.
    injector = FaultInjector(FaultPlan(failure_rate=0.5, seed=11))
    expected = []
    for _ in range(24):
        try:
            injector.before_call("population_registry", "lookup", "079203001234")
            expected.append(200)
        except UpstreamUnavailable:
            expected.append(503)
    assert served == expected


def test_a_slow_upstream_is_cut_off_at_the_timeout(start: Any) -> None:
    slow = start(upstream_latency_ms=3000, upstream_timeout_ms=300)
    began = time.monotonic()
    response = get(slow, "/v1/citizens/056162123456")
    took = time.monotonic() - began
    assert_unavailable(response, "population_registry", "timeout")
    assert took < 2.0
    # Other calls are served meanwhile: the abandoned upstream threads hold none of theirs.
    began = time.monotonic()
    assert get(slow, "/v1/calendar/2026").status_code == 200
    assert time.monotonic() - began < 1.0

    lagging = start(upstream_latency_ms=400, upstream_timeout_ms=3000)
    began = time.monotonic()
    assert get(lagging, "/v1/citizens/056162123456").status_code == 200
    assert time.monotonic() - began >= 0.4


def test_a_failing_licence_register_answers_503_and_the_citizen_look_up_goes_on(start: Any) -> None:
    central = start(upstream_failure_rate=1.0, upstream_seed=3, upstream_fault_targets="driving_licences")
    assert_unavailable(get(central, "/v1/citizens/056162123456/driving-licences"), "driving_licences", "error")
    assert_unavailable(get(central, f"/v1/citizens/{UNKNOWN_CCCD}/driving-licences"), "driving_licences", "error")
    assert get(central, "/v1/citizens/056162123456").status_code == 200  # not a target
    assert get(central, "/v1/checks/health-certificate/056162123456").status_code == 200


def test_a_slow_licence_register_is_cut_off_at_the_timeout(start: Any) -> None:
    slow = start(upstream_latency_ms=3000, upstream_timeout_ms=300, upstream_fault_targets="driving_licences")
    began = time.monotonic()
    response = get(slow, "/v1/citizens/056162123456/driving-licences")
    assert time.monotonic() - began < 2.0
    assert_unavailable(response, "driving_licences", "timeout")
    assert get(slow, "/v1/citizens/056162123456").status_code == 200  # only the licence register lags


def test_without_adapters_every_upstream_call_is_unavailable(start: Any) -> None:
    central = start(upstream_adapters="none")
    assert_unavailable(get(central, "/v1/citizens/056162123456"), "population_registry", "not_configured")
    assert_unavailable(pay(central, payment_body()), "payment_gateway", "not_configured")
    assert_unavailable(
        get(central, "/v1/citizens/056162123456/driving-licences"), "driving_licences", "not_configured"
    )


def test_logs_never_hold_a_cccd_number_or_a_name(start: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    flaky = start(upstream_failure_rate=0.5, upstream_seed=5)
    citizen = BY_CCCD["079203001234"]
    for _ in range(6):
        get(flaky, f"/v1/citizens/{citizen['cccd']}")
        get(flaky, f"/v1/checks/health-certificate/{citizen['cccd']}")
        get(flaky, "/v1/checks/traffic-violations", cccd=citizen["cccd"])
        get(flaky, "/v1/checks/traffic-violations", licence_number=citizen["licence_number"])
        get(flaky, f"/v1/citizens/{citizen['cccd']}/driving-licences")
    # The server's records only: the test's own HTTP client (urllib3) logs the URLs it asks for.
    messages = [record.getMessage() for record in caplog.records if not record.name.startswith("urllib3")]
    assert any(record.name.startswith("central_api") for record in caplog.records)
    assert any("upstream" in m for m in messages)  # failures are logged ...
    for secret in (citizen["cccd"], citizen["full_name"], citizen["licence_number"], citizen["permanent_address"]):
        assert not any(secret in m for m in messages), secret  # ... without who was asked about
