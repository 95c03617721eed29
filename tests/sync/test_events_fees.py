"""Status events and fee records taken at the desk reach the central API once, in order,
after their dossier; the hand-over of a result (status 10) from the queue, offline too."""

from __future__ import annotations

import uuid

import requests

from desk_app.core.dossier import DossierStatus
from desk_app.core.fees import FeeRecord, PaymentMethod
from desk_app.core.timeutil import now_vn
from desk_app.sync import CentralClient
from tests.support.central_server import RunningCentral

from .conftest import Desk, MutableClock, closed_port_url
from .test_engine import engine_for, entries_of


def back_office_moves(central: RunningCentral, client_id: str, *statuses: int, reason: str | None = None) -> None:
    for status in statuses:
        answer = requests.post(central.url(f"/v1/dossiers/{client_id}/events"),
                               json={"event_id": str(uuid.uuid4()), "to_status": status, "reason": reason},
                               headers=central.headers("giamsat01"), timeout=10)
        assert answer.status_code == 201, answer.text


def server_status(central: RunningCentral, client_id: str) -> tuple[int, list[int]]:
    answer = requests.get(central.url(f"/v1/dossiers/{client_id}/events"), headers=central.headers("giamsat01"),
                          timeout=10)
    assert answer.status_code == 200, answer.text
    moves = [item["to_status"] for item in answer.json()["items"]]
    return (moves[-1] if moves else 0), moves


def test_the_result_is_handed_over_at_the_desk_even_offline(make_desk, sync_central):
    desk: Desk = make_desk()
    saved = desk.save(portraits=0)
    engine = engine_for(desk)
    engine.run_once()
    back_office_moves(sync_central, saved.client_id, 4, 9)
    engine.run_once()
    assert desk.store.get_dossier(saved.client_id).status == DossierStatus.RESULT_READY

    # The network is down when the citizen comes for the result: the desk records it at once.
    offline = engine_for(desk, client=CentralClient(closed_port_url(), desk_id=desk.desk_id,
                                                    access_token=desk.login.access_token))
    event = desk.store.record_status_event(saved.client_id, DossierStatus.HANDED_OVER, actor="canbo01")
    assert desk.store.get_dossier(saved.client_id).status == DossierStatus.HANDED_OVER
    assert not offline.run_once().online
    [waiting] = [e for e in entries_of(desk, saved.client_id) if e.kind == "event"]
    # The pass stopped at its first call; the event waits its turn, nothing was tried.
    assert waiting.ref_id == event.event_id and waiting.state == "waiting"

    # Back online: the event goes once; the pull that follows does not undo the local move.
    report = engine_for(desk).run_once()
    assert report.sent == 1 and report.retrying == 0
    assert server_status(sync_central, saved.client_id) == (10, [4, 9, 10])
    assert desk.store.get_dossier(saved.client_id).status == DossierStatus.HANDED_OVER


def test_a_pull_never_undoes_a_hand_over_still_waiting_to_go(make_desk, sync_central):
    desk: Desk = make_desk()
    saved = desk.save(portraits=0)
    engine_for(desk).run_once()
    back_office_moves(sync_central, saved.client_id, 9)
    engine_for(desk).run_once()
    desk.store.record_status_event(saved.client_id, DossierStatus.HANDED_OVER, actor="canbo01")
    # The server still says 9 and the change feed repeats it: the desk keeps its own move.
    desk.store.apply_server_record(saved.client_id, {"client_id": saved.client_id, "status": 9})
    assert desk.store.get_dossier(saved.client_id).status == DossierStatus.HANDED_OVER


def test_events_and_fees_wait_for_their_dossier_and_go_in_the_order_taken(make_desk, sync_central):
    desk: Desk = make_desk()
    saved = desk.save(portraits=1, seed=41)
    payment = desk.store.record_fee(FeeRecord.payment(
        saved.client_id, saved.fees, PaymentMethod.CASH, officer_username="canbo01", recorded_at=now_vn(),
        receipt_number="0004711"))
    refund = desk.store.record_fee(FeeRecord.refund(payment, "Công dân rút hồ sơ", officer_username="canbo01",
                                                    recorded_at=now_vn()))
    desk.store.record_status_event(saved.client_id, DossierStatus.WITHDRAWN, actor="canbo01",
                                   reason="Công dân xin rút hồ sơ")
    entries = entries_of(desk, saved.client_id)
    assert [e.kind for e in entries] == ["blob", "dossier", "fee", "fee", "event"]
    # Each waits for the one before it; the panel tells which.
    assert [e.blocked_by for e in entries] == [None, entries[0].id, entries[1].id, entries[1].id, entries[1].id]

    report = engine_for(desk).run_once()
    assert report.sent == 5 and report.waiting == report.retrying == report.held == 0
    sent_order = [path for method, path, status, _ in desk.wire.exchanges
                  if method in ("PUT", "POST") and saved.client_id in path]
    assert [p.rsplit("/", 2)[-2] if "/fees/" in p else p.rsplit("/", 1)[-1] for p in sent_order] == [
        saved.client_id, "fees", "fees", "events"]
    # The dossier arrived as taken (accepted), and the withdrawal as its own event.
    assert server_status(sync_central, saved.client_id) == (7, [7])
    fees = requests.get(sync_central.url(f"/v1/dossiers/{saved.client_id}/fees"), headers=sync_central.headers(),
                        timeout=10).json()["items"]
    assert [(f["fee_id"], f["kind"]) for f in fees] == [(payment.fee_id, "payment"), (refund.fee_id, "refund")]


def test_replayed_events_and_fees_after_a_lost_answer_are_not_duplicated(make_desk, sync_central):
    desk: Desk = make_desk()
    saved = desk.save(portraits=0)
    engine_for(desk).run_once()
    payment = desk.store.record_fee(FeeRecord.payment(
        saved.client_id, saved.fees, PaymentMethod.QR, officer_username="canbo01", recorded_at=now_vn()))
    event = desk.store.record_status_event(saved.client_id, DossierStatus.WITHDRAWN, actor="canbo01",
                                           reason="Công dân xin rút hồ sơ")
    # The server got both, but the answers were lost: the desk still has them to send.
    desk.client.put_fee(saved.client_id, desk.store.outbox_body("fee", payment.fee_id))
    desk.client.post_event(saved.client_id, desk.store.outbox_body("event", event.event_id))
    report = engine_for(desk).run_once()
    assert report.sent == 2 and report.held == 0
    assert server_status(sync_central, saved.client_id) == (7, [7])
    fees = requests.get(sync_central.url(f"/v1/dossiers/{saved.client_id}/fees"), headers=sync_central.headers(),
                        timeout=10).json()["items"]
    assert len(fees) == 1


def test_a_result_handed_over_at_two_desks_counts_as_delivered_at_both(make_desk, sync_central):
    first, second = make_desk(), make_desk()
    saved = first.save(portraits=0)
    engine_for(first).run_once()
    back_office_moves(sync_central, saved.client_id, 9)
    engine_for(first).run_once()
    engine_for(second).run_once()  # the second desk of the site pulls the dossier, status 9
    for desk in (first, second):
        desk.store.record_status_event(saved.client_id, DossierStatus.HANDED_OVER, actor="canbo01")
    assert engine_for(first).run_once().sent == 1
    report = engine_for(second).run_once()
    # The centre already holds 10: the second desk's event reached its goal, nothing is held.
    assert report.held == 0 and report.sent == 1
    assert server_status(sync_central, saved.client_id) == (10, [9, 10])


def test_an_event_the_centre_refuses_is_held_with_its_reason_not_retried_forever(make_desk, sync_central):
    desk: Desk = make_desk()
    saved = desk.save(portraits=0)
    engine_for(desk).run_once()
    # The back office stops the dossier while the desk records a withdrawal.
    back_office_moves(sync_central, saved.client_id, 8, reason="Hồ sơ giả mạo")
    desk.store.record_status_event(saved.client_id, DossierStatus.WITHDRAWN, actor="canbo01", reason="Rút hồ sơ")
    clock = MutableClock()
    engine = engine_for(desk, clock=clock)
    for _ in range(5):
        engine.run_once()
        clock.advance(hours=1)
    [entry] = [e for e in entries_of(desk, saved.client_id) if e.kind == "event"]
    assert entry.state == "held" and entry.attempts == 3
    assert "illegal_transition" in entry.last_error and entry.problem["template"]
    assert server_status(sync_central, saved.client_id) == (8, [8])
