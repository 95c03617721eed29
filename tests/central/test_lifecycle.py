"""Dossier lifecycle over HTTP: status events, their idempotency, who may make them, and
what the desks see of them through the change feed."""

from __future__ import annotations

import importlib.util
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from desk_app.core.calendar import CalendarOverride, WorkingCalendar
from desk_app.core.dossier import TRANSITIONS, Dossier, DossierStatus
from desk_app.core.timeutil import now_vn, parse_rfc3339
from tests.central.helpers import make_dossier, put_dossier
from tests.support.central_server import SITE_POST, RunningCentral

REPO = Path(__file__).resolve().parents[2]
S = DossierStatus
# What intake accepts directly, and the supervisor's shortest way to every other status.
_PATHS: dict[DossierStatus, tuple[DossierStatus, list[DossierStatus]]] = {
    S.NEW: (S.NEW, []),
    S.ACCEPTED: (S.ACCEPTED, []),
    S.REFUSED: (S.REFUSED, []),
    S.SUPPLEMENT_REQUESTED: (S.SUPPLEMENT_REQUESTED, []),
    S.PROCESSING: (S.ACCEPTED, [S.PROCESSING]),
    S.PAYMENT_REQUESTED: (S.ACCEPTED, [S.PAYMENT_REQUESTED]),
    S.WITHDRAWN: (S.ACCEPTED, [S.WITHDRAWN]),
    S.STOPPED: (S.ACCEPTED, [S.STOPPED]),
    S.RESULT_READY: (S.ACCEPTED, [S.RESULT_READY]),
    S.HANDED_OVER: (S.ACCEPTED, [S.RESULT_READY, S.HANDED_OVER]),
}
LEGAL = [(old, new) for old, targets in TRANSITIONS.items() for new in sorted(targets)]


def event_body(to: DossierStatus, **changes: Any) -> dict[str, Any]:
    """A valid body for a move to ``to``: reasons and details where the move needs them."""
    body: dict[str, Any] = {"event_id": str(uuid.uuid4()), "to_status": int(to)}
    if to in (S.REFUSED, S.WITHDRAWN, S.STOPPED):
        body["reason"] = "Công dân đề nghị" if to == S.WITHDRAWN else "Hồ sơ không đủ điều kiện"
    if to == S.SUPPLEMENT_REQUESTED:
        body["details"] = {"documents": [{"name": "Giấy khám sức khỏe của người lái xe", "originals": 1}]}
    if to == S.PAYMENT_REQUESTED:
        body["details"] = {"amount": 135000, "items": [{"code": "le_phi", "name": "Lệ phí", "amount": 135000}]}
    body.update(changes)
    return body


def post_event(central: RunningCentral, headers: dict[str, str], client_id: str, body: dict[str, Any]) -> requests.Response:
    return requests.post(central.url(f"/v1/dossiers/{client_id}/events"), json=body, headers=headers, timeout=10)


def intake(
    central: RunningCentral, username: str = "canbo01", status: DossierStatus = S.ACCEPTED, **changes: Any
) -> Dossier:
    headers = central.headers(username)
    dossier = make_dossier(desk_id=headers["X-Desk-Id"], officer=username, status=status, **changes)
    response = put_dossier(central, headers, dossier.to_wire())
    assert response.status_code == 201, response.text
    return dossier


def dossier_in(central: RunningCentral, status: DossierStatus) -> Dossier:
    start, moves = _PATHS[status]
    dossier = intake(central, status=start)
    for to in moves:
        response = post_event(central, central.headers("giamsat01"), dossier.client_id, event_body(to))
        assert response.status_code == 201, response.text
    return dossier


def feed_record(central: RunningCentral, headers: dict[str, str], client_id: str) -> dict[str, Any]:
    """The dossier's latest record in the site's feed (the feed lists each dossier once)."""
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 500, **({"since": cursor} if cursor else {})}
        page = requests.get(central.url("/v1/dossiers"), params=params, headers=headers, timeout=10).json()
        for item in page["items"]:
            if item["client_id"] == client_id:
                return item
        cursor = page["cursor"]
        if not page["has_more"]:
            raise AssertionError(f"dossier {client_id} not in the feed")


@pytest.mark.parametrize(("old", "new"), LEGAL, ids=[f"{int(o)}->{int(n)}" for o, n in LEGAL])
def test_every_legal_transition_moves_the_dossier_and_records_who_did_it(
    central: RunningCentral, old: DossierStatus, new: DossierStatus
) -> None:
    dossier = dossier_in(central, old)
    headers = central.headers("giamsat01")
    body = event_body(new)
    response = post_event(central, headers, dossier.client_id, body)
    assert response.status_code == 201, response.text
    answer = response.json()
    assert answer["status"] == int(new)
    event = answer["event"]
    assert event["event_id"] == body["event_id"]
    assert (event["from_status"], event["to_status"]) == (int(old), int(new))
    assert (event["actor"], event["actor_role"]) == ("giamsat01", "supervisor")
    assert event["at"].endswith("+07:00")
    assert event["reason"] == body.get("reason")
    assert event["client_id"] == dossier.client_id
    assert feed_record(central, headers, dossier.client_id)["status"] == int(new)


@pytest.mark.parametrize("old", list(S), ids=[str(int(s)) for s in S])
def test_every_illegal_transition_is_refused_and_changes_nothing(central: RunningCentral, old: DossierStatus) -> None:
    dossier = dossier_in(central, old)
    headers = central.headers("giamsat01")
    before = feed_record(central, headers, dossier.client_id)
    illegal = [s for s in S if s not in TRANSITIONS[old]]
    assert illegal
    for new in illegal:
        response = post_event(central, headers, dossier.client_id, event_body(new))
        assert response.status_code == 409, (old, new, response.text)
        detail = response.json()["detail"]
        assert (detail["code"], detail["from"], detail["to"]) == ("illegal_transition", int(old), int(new))
    assert feed_record(central, headers, dossier.client_id) == before
    events = requests.get(central.url(f"/v1/dossiers/{dossier.client_id}/events"), headers=headers, timeout=10).json()
    assert len(events["items"]) == len(_PATHS[old][1])


def test_a_replayed_event_gets_the_same_answer_and_a_changed_one_conflicts(central: RunningCentral) -> None:
    dossier = dossier_in(central, S.ACCEPTED)
    other = dossier_in(central, S.ACCEPTED)
    headers = central.headers("giamsat01")
    body = event_body(S.PAYMENT_REQUESTED)
    first = post_event(central, headers, dossier.client_id, body)
    assert first.status_code == 201, first.text
    replay = post_event(central, headers, dossier.client_id, body)
    assert replay.status_code == 200
    assert replay.json() == first.json()
    # Even after the dossier moved on, the replay still answers what that event did.
    assert post_event(central, headers, dossier.client_id, event_body(S.PROCESSING)).status_code == 201
    later = post_event(central, headers, dossier.client_id, body)
    assert (later.status_code, later.json()) == (200, first.json())

    changed_details = {**body, "details": {"amount": 200000, "items": [{"name": "Lệ phí", "amount": 200000}]}}
    for conflicting, target in (
        (changed_details, dossier.client_id),
        ({**body, "reason": "khác"}, dossier.client_id),
        ({**body, "to_status": int(S.STOPPED), "reason": "x"}, dossier.client_id),
        (body, other.client_id),  # the same event id on another dossier
    ):
        response = post_event(central, headers, target, conflicting)
        assert response.status_code == 409, response.text
        assert response.json()["detail"]["code"] == "event_id_conflict"
    events = requests.get(central.url(f"/v1/dossiers/{dossier.client_id}/events"), headers=headers, timeout=10).json()
    assert [(e["from_status"], e["to_status"]) for e in events["items"]] == [(2, 6), (6, 4)]
    assert feed_record(central, headers, other.client_id)["status"] == int(S.ACCEPTED)


def test_reasons_and_details_are_checked(central: RunningCentral) -> None:
    headers = central.headers("giamsat01")
    dossier = dossier_in(central, S.ACCEPTED)
    for to in (S.WITHDRAWN, S.STOPPED):
        for reason in (None, "   "):
            body = event_body(to, reason=reason)
            response = post_event(central, headers, dossier.client_id, body)
            assert (response.status_code, response.json()["detail"]["code"]) == (422, "reason_required")
    new = dossier_in(central, S.NEW)
    response = post_event(central, headers, new.client_id, event_body(S.REFUSED, reason=None))
    assert response.json()["detail"]["code"] == "reason_required"
    bad_details = [
        (S.SUPPLEMENT_REQUESTED, {}),
        (S.SUPPLEMENT_REQUESTED, {"documents": []}),
        (S.SUPPLEMENT_REQUESTED, {"documents": [{"originals": 1}]}),
        (S.PAYMENT_REQUESTED, {"amount": 135000}),
        (S.PAYMENT_REQUESTED, {"amount": 135000, "items": [{"name": "Lệ phí", "amount": 100000}]}),
        (S.PAYMENT_REQUESTED, {"amount": -5, "items": [{"name": "Lệ phí", "amount": -5}]}),
        (S.PROCESSING, {"blob": "x" * 20_000}),
    ]
    for to, details in bad_details:
        response = post_event(central, headers, dossier.client_id, event_body(to, details=details))
        assert response.status_code == 422, (to, details, response.text)
        assert response.json()["detail"]["code"] in {"invalid_details", "details_too_large"}
    # Text no database can store: a NUL in the reason, a lone surrogate in the details.
    for raw in ('{"event_id": "%s", "to_status": 8, "reason": "a\\u0000b"}',
                '{"event_id": "%s", "to_status": 4, "details": {"note": "a\\ud800"}}'):
        response = requests.post(central.url(f"/v1/dossiers/{dossier.client_id}/events"), data=raw % uuid.uuid4(),
                                 headers={**headers, "Content-Type": "application/json"}, timeout=10)
        assert response.status_code == 422, response.text
    assert feed_record(central, headers, dossier.client_id)["status"] == int(S.ACCEPTED)
    # Valid details are stored in their checked form.
    response = post_event(central, headers, dossier.client_id, event_body(S.SUPPLEMENT_REQUESTED))
    assert response.status_code == 201
    assert response.json()["event"]["details"] == {
        "documents": [{"code": None, "name": "Giấy khám sức khỏe của người lái xe", "originals": 1,
                       "certified_copies": 0, "photocopies": 0}],
        "note": "",
    }


def test_who_may_move_a_dossier_where(central: RunningCentral) -> None:
    officer, supervisor, admin = (central.headers(u) for u in ("canbo01", "giamsat01", "quantri"))
    postal = central.headers("buudien01")
    dossier = dossier_in(central, S.ACCEPTED)
    for to in (S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED, S.STOPPED, S.RESULT_READY):
        response = post_event(central, officer, dossier.client_id, event_body(to))
        assert (response.status_code, response.json()["detail"]["code"]) == (403, "forbidden_role"), to
    # Administrators configure the system; they do not decide on dossiers.
    for to in (S.PROCESSING, S.WITHDRAWN):
        assert post_event(central, admin, dossier.client_id, event_body(to)).status_code == 403
    assert requests.get(central.url(f"/v1/dossiers/{dossier.client_id}/events"), headers=admin, timeout=10).status_code == 403
    # Another site's dossier does not exist for the caller, whatever the move.
    for to in (S.WITHDRAWN, S.RESULT_READY):
        response = post_event(central, postal, dossier.client_id, event_body(to))
        assert response.status_code in (403, 404)
    response = post_event(central, postal, dossier.client_id, event_body(S.WITHDRAWN))
    assert (response.status_code, response.json()["detail"]["code"]) == (404, "dossier_not_found")
    assert requests.get(central.url(f"/v1/dossiers/{dossier.client_id}/events"), headers=postal, timeout=10).status_code == 404
    unknown = post_event(central, supervisor, str(uuid.uuid4()), event_body(S.PROCESSING))
    assert unknown.status_code == 404

    # Hand-over and withdrawal happen at the counter: officers and postal assistants do them.
    assert post_event(central, supervisor, dossier.client_id, event_body(S.RESULT_READY)).status_code == 201
    handed = post_event(central, officer, dossier.client_id, event_body(S.HANDED_OVER))
    assert handed.status_code == 201, handed.text
    assert handed.json()["event"]["actor_role"] == "officer"
    at_post = intake(central, "buudien01", site_code=SITE_POST)
    withdrawn = post_event(central, postal, at_post.client_id, event_body(S.WITHDRAWN))
    assert withdrawn.status_code == 201, withdrawn.text
    assert withdrawn.json()["event"]["actor"] == "buudien01"
    # The supervisor of the service centre cannot touch the post office's dossier.
    assert post_event(central, supervisor, at_post.client_id, event_body(S.STOPPED)).status_code == 404


def test_the_desks_feed_sees_every_move(central: RunningCentral) -> None:
    officer, supervisor = central.headers("canbo01"), central.headers("giamsat01")
    dossier = dossier_in(central, S.ACCEPTED)
    taken = feed_record(central, officer, dossier.client_id)
    page = requests.get(central.url("/v1/dossiers"), params={"limit": 500}, headers=officer, timeout=10).json()
    while page["has_more"]:
        page = requests.get(central.url("/v1/dossiers"), params={"since": page["cursor"], "limit": 500},
                            headers=officer, timeout=10).json()
    cursor = page["cursor"]
    for to in (S.PROCESSING, S.RESULT_READY):
        assert post_event(central, supervisor, dossier.client_id, event_body(to)).status_code == 201
        changes = requests.get(central.url("/v1/dossiers"), params={"since": cursor}, headers=officer, timeout=10).json()
        mine = [item for item in changes["items"] if item["client_id"] == dossier.client_id]
        assert len(mine) == 1, changes
        assert mine[0]["status"] == int(to)
        assert int(changes["cursor"]) > int(cursor)
        assert parse_rfc3339(mine[0]["updated_at"]) >= parse_rfc3339(taken["updated_at"])
        # The rest of the record is the dossier as the desk sent it.
        assert mine[0]["applicant"] == taken["applicant"] and mine[0]["code"] == taken["code"]
        cursor = changes["cursor"]
    # Nothing moved since: the feed is empty from the last cursor.
    assert requests.get(central.url("/v1/dossiers"), params={"since": cursor}, headers=officer, timeout=10).json()["items"] == []


def test_overdue_flag_follows_the_due_date_and_the_status(central: RunningCentral) -> None:
    supervisor = central.headers("giamsat01")
    past = now_vn() - timedelta(days=20)
    late = intake(central, received_at=past, due_at=past + timedelta(days=7))
    on_time = intake(central, received_at=past, due_at=now_vn() + timedelta(days=3))
    refused = intake(central, status=S.REFUSED, received_at=past, due_at=past + timedelta(days=7))
    assert feed_record(central, supervisor, late.client_id)["overdue"] is True
    assert feed_record(central, supervisor, on_time.client_id)["overdue"] is False
    assert feed_record(central, supervisor, refused.client_id)["overdue"] is False
    assert post_event(central, supervisor, late.client_id, event_body(S.PROCESSING)).status_code == 201
    assert feed_record(central, supervisor, late.client_id)["overdue"] is True  # still open
    assert post_event(central, supervisor, late.client_id, event_body(S.RESULT_READY)).status_code == 201
    assert feed_record(central, supervisor, late.client_id)["overdue"] is False


def test_accepting_a_new_dossier_starts_its_processing_time(central: RunningCentral) -> None:
    supervisor = central.headers("giamsat01")
    received = now_vn() - timedelta(days=3)
    dossier = intake(central, status=S.NEW, received_at=received, due_at=received + timedelta(days=1))
    response = post_event(central, supervisor, dossier.client_id, event_body(S.ACCEPTED))
    assert response.status_code == 201, response.text
    accepted_at = parse_rfc3339(response.json()["event"]["at"])
    overrides = []
    for year in (accepted_at.year, accepted_at.year + 1):
        listed = requests.get(central.url(f"/v1/calendar/{year}"), headers=supervisor, timeout=10).json()["overrides"]
        overrides += [CalendarOverride(datetime.fromisoformat(o["day"]).date(), o["kind"], o["name"]) for o in listed]
    expected = WorkingCalendar(overrides).due_at(accepted_at, 5)  # DEMO.GPLX.01 takes 5 working days
    record = feed_record(central, supervisor, dossier.client_id)
    assert parse_rfc3339(record["due_at"]) == expected
    assert record["overdue"] is False
    # A dossier accepted at the desk keeps the appointment printed on its receipt.
    desk_taken = intake(central, received_at=received, due_at=received + timedelta(days=9))
    assert post_event(central, supervisor, desk_taken.client_id, event_body(S.PROCESSING)).status_code == 201
    assert parse_rfc3339(feed_record(central, supervisor, desk_taken.client_id)["due_at"]) == received + timedelta(days=9)


def test_two_different_moves_at_once_let_exactly_one_through(central: RunningCentral) -> None:
    supervisor = central.headers("giamsat01")
    for _ in range(3):
        dossier = dossier_in(central, S.PROCESSING)
        bodies = [event_body(S.RESULT_READY), event_body(S.STOPPED), event_body(S.RESULT_READY), event_body(S.WITHDRAWN)]
        with ThreadPoolExecutor(len(bodies)) as pool:
            answers = list(pool.map(lambda b: post_event(central, supervisor, dossier.client_id, b), bodies))
        assert sorted(a.status_code for a in answers) == [201, 409, 409, 409], [a.text for a in answers]
        winner = next(a.json() for a in answers if a.status_code == 201)
        for loser in (a for a in answers if a.status_code == 409):
            assert loser.json()["detail"]["from"] == winner["status"]
        events = requests.get(central.url(f"/v1/dossiers/{dossier.client_id}/events"), headers=supervisor, timeout=10)
        assert [e["to_status"] for e in events.json()["items"]] == [4, winner["status"]]


def test_the_same_event_sent_twice_at_once_is_recorded_once(central: RunningCentral) -> None:
    supervisor = central.headers("giamsat01")
    dossier = dossier_in(central, S.ACCEPTED)
    body = event_body(S.PROCESSING)
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: post_event(central, supervisor, dossier.client_id, body), range(4)))
    assert sorted(a.status_code for a in answers) == [200, 200, 200, 201]
    assert len({str(a.json()) for a in answers}) == 1
    events = requests.get(central.url(f"/v1/dossiers/{dossier.client_id}/events"), headers=supervisor, timeout=10)
    assert len(events.json()["items"]) == 1


def _demo_script() -> Any:
    spec = importlib.util.spec_from_file_location("back_office_demo", REPO / "scripts" / "back_office_demo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_back_office_demo_script_moves_accepted_dossiers_to_result_ready(
    central_server_any: RunningCentral, capsys: pytest.CaptureFixture[str]
) -> None:
    central = central_server_any
    demo = _demo_script()
    accepted = [dossier_in(central, S.ACCEPTED) for _ in range(3)]
    new = dossier_in(central, S.NEW)
    # One dossier was half-way when an earlier run stopped: its PROCESSING event is the script's own.
    half = accepted[2]
    supervisor = central.headers("giamsat01")
    earlier = post_event(central, supervisor, half.client_id,
                         {"event_id": demo.event_id(half.client_id, 4), "to_status": 4})
    assert earlier.status_code == 201

    assert demo.main([central.base_url, "--count", "5"]) == 0
    out = capsys.readouterr().out
    assert "Logged in as giamsat01 (supervisor)" in out
    assert "4 dossier(s) at the site" in out
    for dossier in accepted:
        assert feed_record(central, supervisor, dossier.client_id)["status"] == int(S.RESULT_READY)
        events = requests.get(central.url(f"/v1/dossiers/{dossier.client_id}/events"), headers=supervisor, timeout=10)
        assert [e["to_status"] for e in events.json()["items"]] == [4, 9]
    assert feed_record(central, supervisor, new.client_id)["status"] == int(S.NEW)
    assert out.count("-> 4 moved") == 2 and out.count("-> 9 moved") == 3
    assert "3 dossier(s) now ready for hand-over" in out

    # A second run finds nothing left to do and changes nothing.
    assert demo.main([central.base_url]) == 0
    assert "Nothing to move" in capsys.readouterr().out
    # Wrong password: a clear message and exit status 1, no traceback.
    assert demo.main([central.base_url, "--password", "wrong"]) == 1
    assert "bad_credentials" in capsys.readouterr().err
