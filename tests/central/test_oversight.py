"""Reviews and prints of dossiers, and the ``oversight`` block the change feed carries so that
every desk of the site learns of refunds, reprints and decisions made elsewhere (SQLite and
PostgreSQL)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import requests

from desk_app.core.dossier import FeeLine
from desk_app.core.fees import FeeRecord, PaymentMethod
from desk_app.core.timeutil import VN_TZ
from tests.central.helpers import make_dossier, put_dossier
from tests.support.central_server import RunningCentral

AT = datetime(2026, 11, 23, 10, 0, tzinfo=VN_TZ)
NO_OVERSIGHT = {"refunds": 0, "reprints": 0, "review": None}


def _taken(central: RunningCentral, **wire_changes: Any) -> dict[str, Any]:
    wire = {**make_dossier().to_wire(), **wire_changes}
    response = put_dossier(central, central.headers(), wire)
    assert response.status_code == 201, response.text
    return wire


def _feed_after(central: RunningCentral, cursor: str) -> tuple[dict[str, dict[str, Any]], str]:
    """What changed after ``cursor`` (by client_id), and the cursor after it, paging to the end."""
    changed: dict[str, dict[str, Any]] = {}
    while True:
        page = requests.get(central.url("/v1/dossiers"), params={"since": cursor, "limit": 500},
                            headers=central.headers(), timeout=10).json()
        changed.update({item["client_id"]: item for item in page["items"]})
        cursor = page["cursor"]
        if not page["has_more"]:
            return changed, cursor


def _now_cursor(central: RunningCentral) -> str:
    return _feed_after(central, "0")[1]


def put_review(central: RunningCentral, client_id: str, review_id: str, body: dict[str, Any],
               username: str = "giamsat01") -> requests.Response:
    return requests.put(central.url(f"/v1/dossiers/{client_id}/reviews/{review_id}"), json=body,
                        headers=central.headers(username), timeout=10)


def put_print(central: RunningCentral, client_id: str, print_id: str, body: dict[str, Any]) -> requests.Response:
    return requests.put(central.url(f"/v1/dossiers/{client_id}/prints/{print_id}"), json=body,
                        headers=central.headers(), timeout=10)


def _print_body(**changes: Any) -> dict[str, Any]:
    return {"kind": "receipt", "paper": "a4", "copies": 2, "printer": "Máy in quầy 1", "reprint_reason": None,
            "officer_username": "canbo01", "at": "2026-11-23T09:31:00+07:00", "outcome": "printed", **changes}


def test_a_review_is_recorded_once_and_every_desk_sees_the_latest_in_the_feed(central: RunningCentral) -> None:
    reviewed, untouched = _taken(central)["client_id"], _taken(central)["client_id"]
    cursor = _now_cursor(central)
    review_id = str(uuid.uuid4())
    body = {"review_id": review_id, "action": "return", "note": "  Thiếu bản sao CCCD  ", "flags": 3,
            "at": "2026-11-23T03:00:00Z"}

    for bad, code in (({**body, "note": "  ok "}, "note_required"), ({**body, "note": None}, "note_required"),
                      ({**body, "review_id": str(uuid.uuid4())}, "id_mismatch")):
        answer = put_review(central, reviewed, review_id, bad)
        assert (answer.status_code, answer.json()["detail"]["code"]) == (422, code), bad
    for bad in ({**body, "flags": 64}, {**body, "action": "reject"}, {**body, "at": "2026-11-23T10:00:00"}):
        assert put_review(central, reviewed, review_id, bad).status_code == 422, bad

    first = put_review(central, reviewed, review_id, body)
    assert first.status_code == 201, first.text
    record = first.json()
    assert {k: v for k, v in record.items() if k != "recorded_at"} == {
        "review_id": review_id, "client_id": reviewed, "action": "return", "note": "Thiếu bản sao CCCD",
        "flags": 3, "actor": "giamsat01", "actor_name": "Lê Minh Tuấn", "at": "2026-11-23T10:00:00+07:00",
    }
    assert record["recorded_at"].endswith("+07:00")
    # The same decision again (the desk retrying), spelt another way: the same record.
    again = put_review(central, reviewed, review_id, {**body, "note": "Thiếu bản sao CCCD", "at": "2026-11-23T10:00:00+07:00"})
    assert (again.status_code, again.json()) == (200, record)
    changed = put_review(central, reviewed, review_id, {**body, "action": "escalate"})
    assert (changed.status_code, changed.json()["detail"]["code"]) == (409, "review_conflict")
    elsewhere = put_review(central, untouched, review_id, body)
    assert (elsewhere.status_code, elsewhere.json()["detail"]["code"]) == (409, "review_conflict")
    unknown = put_review(central, str(uuid.uuid4()), review_id, body)
    assert (unknown.status_code, unknown.json()["detail"]["code"]) == (404, "dossier_not_found")
    assert put_review(central, reviewed, str(uuid.uuid4()), body, username="canbo01").status_code == 403

    feed, cursor = _feed_after(central, cursor)
    assert list(feed) == [reviewed]  # only the reviewed dossier moved, once
    assert feed[reviewed]["oversight"] == {"refunds": 0, "reprints": 0, "review": record}
    assert feed[reviewed]["updated_at"] == record["recorded_at"]

    # A decision taken earlier on another desk but arriving later does not hide the latest one.
    older = {"action": "approve", "note": None, "flags": 3, "at": "2026-11-23T09:00:00+07:00"}
    assert put_review(central, reviewed, str(uuid.uuid4()), older).status_code == 201
    newer_id = str(uuid.uuid4())
    newer = {"action": "approve", "note": "", "flags": 7, "at": "2026-11-23T11:00:00+07:00"}
    assert put_review(central, reviewed, newer_id, newer).status_code == 201
    feed, _ = _feed_after(central, cursor)
    latest = feed[reviewed]["oversight"]["review"]
    assert (latest["review_id"], latest["note"], latest["flags"]) == (newer_id, None, 7)


def test_prints_are_logged_and_only_a_reprint_moves_the_dossier_in_the_feed(central: RunningCentral) -> None:
    client_id = _taken(central)["client_id"]
    cursor = _now_cursor(central)
    print_id = str(uuid.uuid4())
    first = put_print(central, client_id, print_id, _print_body(print_id=print_id, client_id=client_id))
    assert first.status_code == 201, first.text
    logged = first.json()
    assert {k: v for k, v in logged.items() if k != "recorded_at"} == {
        "print_id": print_id, "client_id": client_id, "kind": "receipt", "paper": "a4", "copies": 2,
        "printer": "Máy in quầy 1", "reprint_reason": None, "officer_username": "canbo01",
        "at": "2026-11-23T09:31:00+07:00", "outcome": "printed", "desk_id": "DESK-NT-01",
    }
    assert put_print(central, client_id, print_id, _print_body()).json() == logged  # replay: 200, same record
    conflict = put_print(central, client_id, print_id, _print_body(copies=3))
    assert (conflict.status_code, conflict.json()["detail"]["code"]) == (409, "print_conflict")
    assert _feed_after(central, cursor)[0] == {}  # a first print flags nothing

    short = put_print(central, client_id, str(uuid.uuid4()), _print_body(reprint_reason="  a  "))
    assert (short.status_code, short.json()["detail"]["code"]) == (422, "reason_required")
    for bad in (_print_body(copies=0), _print_body(outcome="jammed"), _print_body(client_id=str(uuid.uuid4()))):
        assert put_print(central, client_id, str(uuid.uuid4()), bad).status_code == 422, bad
    failed = _print_body(reprint_reason="Kẹt giấy", outcome="failed", printer=None)
    assert put_print(central, client_id, str(uuid.uuid4()), failed).status_code == 201
    reprint_id = str(uuid.uuid4())
    reprint = put_print(central, client_id, reprint_id, _print_body(reprint_reason="  Kẹt   giấy, in lại "))
    assert reprint.status_code == 201 and reprint.json()["reprint_reason"] == "Kẹt giấy, in lại"
    feed, _ = _feed_after(central, cursor)
    assert list(feed) == [client_id]
    assert feed[client_id]["oversight"] == {"refunds": 0, "reprints": 2, "review": None}


def test_a_refund_moves_the_dossier_and_each_record_of_a_page_gets_its_own_oversight(central: RunningCentral) -> None:
    overrides = [{"rule": "documents_short", "documents": ["Bản sao CCCD"], "accepted_by": "canbo01"}]
    refunded = _taken(central, validation_overrides=overrides)["client_id"]
    reprinted, plain = _taken(central)["client_id"], _taken(central)["client_id"]
    cursor = _now_cursor(central)

    payment = FeeRecord.payment(refunded, (FeeLine("le_phi", "Lệ phí cấp đổi giấy phép lái xe", 135000),),
                                PaymentMethod.CASH, officer_username="canbo01", recorded_at=AT)
    refund = FeeRecord.refund(payment, "Thu thừa", officer_username="canbo01", recorded_at=AT, amount=35000)
    stored: dict[str, Any] = {}
    for record in (payment, refund):
        wire = record.to_wire()
        answer = requests.put(central.url(f"/v1/dossiers/{refunded}/fees/{wire['fee_id']}"), json=wire,
                              headers=central.headers(), timeout=10)
        assert answer.status_code == 201, answer.text
        stored = answer.json()
        if record is payment:
            assert _feed_after(central, cursor)[0] == {}  # a payment flags nothing
    assert put_print(central, reprinted, str(uuid.uuid4()), _print_body(reprint_reason="Mất phiếu")).status_code == 201

    # One page holding all three, each with its own counts.
    page = requests.get(central.url("/v1/dossiers"), params={"since": "0", "limit": 500},
                        headers=central.headers(), timeout=10).json()["items"]
    by_id = {item["client_id"]: item for item in page}
    assert by_id[refunded]["oversight"] == {"refunds": 1, "reprints": 0, "review": None}
    assert by_id[reprinted]["oversight"] == {"refunds": 0, "reprints": 1, "review": None}
    assert by_id[plain]["oversight"] == NO_OVERSIGHT
    # The refund put the dossier after the others in the feed, changed when the refund arrived.
    order = [item["client_id"] for item in page]
    assert order.index(refunded) > order.index(plain)
    assert by_id[refunded]["updated_at"] == stored["received_at"]
    assert set(_feed_after(central, cursor)[0]) == {refunded, reprinted}
    # Validation overrides travel with the dossier; a dossier without any has no such key.
    assert by_id[refunded]["validation_overrides"] == overrides
    assert "validation_overrides" not in by_id[plain]
