from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from desk_app.core.dossier_code import CodeLease
from tests.central.helpers import fresh_day, lease
from tests.support.central_server import SITE_CENTRE, SITE_POST, RunningCentral


def _blocks(answers: list[dict]) -> list[range]:
    return sorted((range(a["first"], a["last"] + 1) for a in answers), key=lambda r: r.start)


def _assert_disjoint_and_dense(blocks: list[range]) -> None:
    numbers = [n for block in blocks for n in block]
    assert len(numbers) == len(set(numbers)), "two leases share a sequence number"
    assert sorted(numbers) == list(range(1, len(numbers) + 1)), "the counter skipped numbers"


def test_leases_for_one_agency_and_day_never_overlap(central: RunningCentral) -> None:
    day = fresh_day()
    first_desk = central.headers("canbo01")
    second_desk = central.headers("giamsat01")  # another desk of the same site
    answers = []
    for headers, n in ((first_desk, 50), (second_desk, 20), (first_desk, 1), (second_desk, 30)):
        response = lease(central, headers, day, n)
        assert response.status_code == 201, response.text
        answers.append(response.json())
    assert [(a["first"], a["last"]) for a in answers] == [(1, 50), (51, 70), (71, 71), (72, 101)]
    assert {a["agency_code"] for a in answers} == {SITE_CENTRE}
    assert {a["day"] for a in answers} == {day.isoformat()}
    # The desk's own type accepts every answer as it comes.
    for a in answers:
        CodeLease(a["lease_id"], a["agency_code"], day, a["first"], a["last"], a["width"])


def test_each_site_and_day_counts_on_its_own(central: RunningCentral) -> None:
    day, next_day = fresh_day(), fresh_day()
    centre = lease(central, central.headers("canbo01"), day, 10).json()
    post = lease(central, central.headers("buudien01"), day, 10).json()
    tomorrow = lease(central, central.headers("canbo01"), next_day, 10).json()
    assert (centre["agency_code"], centre["first"]) == (SITE_CENTRE, 1)
    assert (post["agency_code"], post["first"]) == (SITE_POST, 1)
    assert tomorrow["first"] == 1


def test_concurrent_leases_from_many_desks_do_not_overlap(central: RunningCentral) -> None:
    day = fresh_day()
    desks = [central.headers("canbo01", desk_id=f"DESK-NT-C{i}") for i in range(4)]

    def take(i: int) -> dict:
        response = lease(central, desks[i % len(desks)], day, 7)
        assert response.status_code == 201, response.text
        return response.json()

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(take, range(32)))
    blocks = _blocks(answers)
    assert len(blocks) == 32
    _assert_disjoint_and_dense(blocks)


def test_a_desk_leases_only_for_itself_and_administrators_do_not_lease(central: RunningCentral) -> None:
    headers = central.headers("canbo01")
    response = requests.post(
        central.url("/v1/desks/DESK-SOMEONE-ELSE/code-leases"), json={"day": "2027-06-01", "count": 5},
        headers=headers, timeout=10,
    )
    assert response.status_code == 403
    assert response.json()["detail"]["code"] == "desk_mismatch"
    admin = lease(central, central.headers("quantri"), fresh_day(), 5)
    assert admin.status_code == 403
    assert admin.json()["detail"]["code"] == "forbidden_role"


def test_lease_size_is_bounded_and_the_day_cannot_run_past_9999(central: RunningCentral) -> None:
    headers = central.headers("canbo01")
    day = fresh_day()
    too_big = lease(central, headers, day, 501)
    assert too_big.status_code == 422
    assert too_big.json()["detail"]["code"] == "lease_too_large"
    assert lease(central, headers, day, 0).status_code == 422
    for _ in range(19):
        assert lease(central, headers, day, 500).status_code == 201
    last = lease(central, headers, day, 499).json()
    assert (last["first"], last["last"]) == (9501, 9999)
    exhausted = lease(central, headers, day, 1)
    assert exhausted.status_code == 409
    assert exhausted.json()["detail"] == {
        "code": "codes_exhausted",
        "message": exhausted.json()["detail"]["message"],
        "remaining": 0,
    }
