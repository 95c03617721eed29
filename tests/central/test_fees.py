"""Fee records from the desks: stored once under their fee_id, replays answered the same,
refunds bound to a payment of the same dossier and never more than it (SQLite and PostgreSQL)."""

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

AT = datetime(2026, 11, 23, 9, 45, tzinfo=VN_TZ)


def _taken_dossier(central: RunningCentral) -> str:
    dossier = make_dossier()
    assert put_dossier(central, central.headers(), dossier.to_wire()).status_code == 201
    return dossier.client_id


def _payment(client_id: str, amount: int = 135000) -> FeeRecord:
    return FeeRecord.payment(client_id, (FeeLine("le_phi", "Lệ phí cấp đổi giấy phép lái xe", amount),),
                             PaymentMethod.CASH, officer_username="canbo01", recorded_at=AT, receipt_number="0001234")


def put_fee(central: RunningCentral, wire: dict[str, Any], username: str = "canbo01") -> requests.Response:
    return requests.put(central.url(f"/v1/dossiers/{wire['client_id']}/fees/{wire['fee_id']}"), json=wire,
                        headers=central.headers(username), timeout=10)


def test_a_payment_is_stored_once_and_a_replay_gets_the_same_answer(central: RunningCentral) -> None:
    client_id = _taken_dossier(central)
    wire = _payment(client_id).to_wire()
    first = put_fee(central, wire)
    assert first.status_code == 201, first.text
    again = put_fee(central, wire)
    assert again.status_code == 200 and again.json() == first.json()
    listed = requests.get(central.url(f"/v1/dossiers/{client_id}/fees"), headers=central.headers(), timeout=10).json()
    assert [item["fee_id"] for item in listed["items"]] == [wire["fee_id"]]
    assert listed["items"][0]["amount"] == 135000 and listed["items"][0]["receipt_number"] == "0001234"


def test_another_body_under_a_used_fee_id_is_a_conflict(central: RunningCentral) -> None:
    client_id = _taken_dossier(central)
    wire = _payment(client_id).to_wire()
    assert put_fee(central, wire).status_code == 201
    changed = {**wire, "receipt_number": "0009999"}
    answer = put_fee(central, changed)
    assert answer.status_code == 409 and answer.json()["detail"]["code"] == "fee_id_conflict"


def test_refunds_never_exceed_their_payment(central: RunningCentral) -> None:
    client_id = _taken_dossier(central)
    payment = _payment(client_id)
    assert put_fee(central, payment.to_wire()).status_code == 201
    part = FeeRecord.refund(payment, "Thu thừa", officer_username="canbo01", recorded_at=AT, amount=35000)
    assert put_fee(central, part.to_wire()).status_code == 201
    too_much = FeeRecord.refund(payment, "Hoàn phí", officer_username="canbo01", recorded_at=AT, amount=100001)
    answer = put_fee(central, too_much.to_wire())
    assert answer.status_code == 409 and answer.json()["detail"]["code"] == "refund_exceeds_payment"
    assert answer.json()["detail"]["left"] == 100000
    rest = FeeRecord.refund(payment, "Hoàn phí", officer_username="canbo01", recorded_at=AT, amount=100000)
    assert put_fee(central, rest.to_wire()).status_code == 201


def test_a_refund_of_a_payment_of_another_dossier_is_refused(central: RunningCentral) -> None:
    payment = _payment(_taken_dossier(central))
    assert put_fee(central, payment.to_wire()).status_code == 201
    other = _taken_dossier(central)
    wire = {**FeeRecord.refund(payment, "Nhầm hồ sơ", officer_username="canbo01", recorded_at=AT).to_wire(),
            "client_id": other}
    answer = put_fee(central, wire)
    assert answer.status_code == 409 and answer.json()["detail"]["code"] == "payment_not_found"


def test_malformed_records_are_refused_with_422(central: RunningCentral) -> None:
    client_id = _taken_dossier(central)
    wire = _payment(client_id).to_wire()
    for bad in (
        {**wire, "amount": 1},                                   # items do not add up
        {**wire, "method": "cheque"},                            # no such method
        {**wire, "kind": "refund"},                              # a refund without payment or reason
        {**wire, "recorded_at": "2026-11-23T09:45:00"},          # no offset
        {**wire, "fee_id": str(uuid.uuid4())},                   # body and address disagree
    ):
        answer = requests.put(central.url(f"/v1/dossiers/{client_id}/fees/{wire['fee_id']}"), json=bad,
                              headers=central.headers(), timeout=10)
        assert answer.status_code == 422, (bad, answer.text)


def test_another_sites_dossier_is_unknown(central: RunningCentral) -> None:
    client_id = _taken_dossier(central)
    answer = put_fee(central, _payment(client_id).to_wire(), username="buudien01")
    assert answer.status_code == 404
