"""Review by exception in the desk's store: flags kept as things happen, a supervisor's
decisions, held entries given up, supervisors' orders from other desks, the health report."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Iterator

import pytest

from desk_app.core.dossier import DOCUMENTS_SHORT, FeeLine, PortraitException, ValidationOverride
from desk_app.core.fees import FeeRecord, PaymentMethod
from desk_app.core.queue_query import QueueQuery, ReviewScope
from desk_app.core.review import ReviewAction, ReviewFlag, new_review
from desk_app.core.timeutil import VN_TZ
from desk_app.store import DeskStore, DossierNotFound, EntryNotHeld, OutboxEntryNotFound, WaitingCounter

from .builders import count_rows, make_dossier
from tests.support.store_keys import open_store


class Clock:
    """Vietnam time that moves one minute at each reading."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, tzinfo=VN_TZ)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


LATER = datetime(2026, 11, 24, 8, 0, tzinfo=VN_TZ)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[DeskStore]:
    with open_store(tmp_path / "desk", clock=Clock()) as store:
        yield store


def saved(store: DeskStore, **changes) -> str:  # noqa: ANN003
    dossier, blobs = make_dossier(blobs=[], **changes)
    return store.save_new_dossier(dossier, blobs).client_id


def flags_of(store: DeskStore, client_id: str) -> int:
    [row] = [r for r in store.queue_page(QueueQuery(), 0, 500) if r.client_id == client_id]
    return row.flags


def send_all(store: DeskStore) -> None:
    while batch := store.next_outbox_batch(datetime(2030, 1, 1, tzinfo=VN_TZ), limit=500):
        for entry in batch:
            store.mark_outbox_sending(entry.id)
            store.mark_outbox_sent(entry.id, None)


def held_entry(store: DeskStore, client_id: str) -> int:
    [entry] = [e for e in store.next_outbox_batch(datetime(2030, 1, 1, tzinfo=VN_TZ)) if e.client_id == client_id]
    store.mark_outbox_sending(entry.id)
    store.mark_outbox_held(entry.id, "422: the central API refused the body")
    return entry.id


def test_a_dossier_taken_with_exceptions_is_flagged_from_its_body(desk: DeskStore) -> None:
    plain = saved(desk)
    photo = saved(desk, portrait_exception=PortraitException(("background",), "Công dân ở xa", "canbo01"))
    short = saved(desk, validation_overrides=(ValidationOverride(DOCUMENTS_SHORT, ("Đơn đề nghị",), "canbo01"),))
    assert (flags_of(desk, plain), flags_of(desk, photo), flags_of(desk, short)) == (
        0, ReviewFlag.PHOTO_EXCEPTION, ReviewFlag.VALIDATION_OVERRIDE)
    assert desk.queue_count(QueueQuery(review=ReviewScope.TO_REVIEW)) == 2


def test_a_reprint_and_a_refund_raise_their_flags_and_every_print_goes_to_the_centre(desk: DeskStore) -> None:
    client_id = saved(desk)
    first = desk.record_print(client_id=client_id, kind="receipt", paper="a4", copies=1, printer="Quầy 3",
                              outcome="printed", officer_username="canbo01")
    desk.record_print(client_id=client_id, kind="receipt", paper="a4", copies=1, printer=None, outcome="cancelled",
                      officer_username="canbo01", reprint_reason="Kẹt giấy")
    assert flags_of(desk, client_id) == 0
    again = desk.record_print(client_id=client_id, kind="receipt", paper="a5", copies=2, printer="Quầy 3",
                              outcome="printed", officer_username="canbo01", reprint_reason="  Công dân  làm mất ")
    assert flags_of(desk, client_id) == ReviewFlag.REPRINT
    prints = [e for e in desk.outbox_entries() if e.kind == "print"]
    assert [e.ref_id for e in prints] == [first.print_id, again.print_id]
    assert desk.outbox_body("print", again.print_id) == {
        "print_id": again.print_id, "kind": "receipt", "paper": "a5", "copies": 2, "printer": "Quầy 3",
        "reprint_reason": "Công dân làm mất", "officer_username": "canbo01",
        "at": again.at.isoformat(), "outcome": "printed"}
    payment = desk.record_fee(FeeRecord.payment(client_id, (FeeLine("le_phi", "Lệ phí", 135000),), PaymentMethod.CASH,
                                                officer_username="canbo01", recorded_at=LATER))
    assert flags_of(desk, client_id) == ReviewFlag.REPRINT
    desk.record_fee(FeeRecord.refund(payment, "Thu thừa", officer_username="canbo01", recorded_at=LATER))
    assert flags_of(desk, client_id) == ReviewFlag.REPRINT | ReviewFlag.REFUND


def test_a_review_is_kept_shown_audited_and_queued_behind_its_dossier(desk: DeskStore) -> None:
    client_id = saved(desk, portrait_exception=PortraitException(("glasses",), "Kính thuốc", "canbo01"))
    review = new_review(client_id, ReviewAction.RETURN, "Chụp lại ảnh", int(ReviewFlag.PHOTO_EXCEPTION), "giamsat01",
                        LATER)
    assert desk.record_review(review) == review
    assert desk.record_review(review) == review  # a double click keeps one
    assert desk.reviews(client_id) == [review]
    [row] = desk.queue_page(QueueQuery(review=ReviewScope.RETURNED), 0, 10)
    assert (row.client_id, row.review_action, row.review_note, row.reviewed_by, row.reviewed_at, row.reviewed_flags) == (
        client_id, "return", "Chụp lại ảnh", "giamsat01", review.at, int(ReviewFlag.PHOTO_EXCEPTION))
    assert desk.queue_count(QueueQuery(review=ReviewScope.TO_REVIEW)) == 0
    audit = desk.audit_entries(subject=client_id)[0]
    assert (audit.actor, audit.action, audit.details) == ("giamsat01", "dossier.reviewed", {
        "review_id": review.review_id, "action": "return", "note": "Chụp lại ảnh", "flags": 1})
    [entry] = [e for e in desk.outbox_entries() if e.kind == "review"]
    assert desk.outbox_body("review", entry.ref_id) == review.to_wire()
    # Queued behind the dossier's own entry: not due until the dossier is sent.
    [due] = desk.next_outbox_batch(datetime(2030, 1, 1, tzinfo=VN_TZ))
    assert due.kind == "dossier"
    desk.mark_outbox_sending(due.id)
    desk.mark_outbox_sent(due.id, None)
    assert [e.ref_id for e in desk.next_outbox_batch(datetime(2030, 1, 1, tzinfo=VN_TZ))] == [review.review_id]
    with pytest.raises(DossierNotFound):
        desk.record_review(new_review("00000000-0000-4000-8000-000000000000", "approve", None, 0, "giamsat01",
                                      LATER))


def test_a_flag_raised_after_the_decision_puts_the_dossier_back_for_review(desk: DeskStore) -> None:
    client_id = saved(desk)
    desk.record_print(client_id=client_id, kind="receipt", paper="a4", copies=1, printer="Quầy 3",
                      outcome="printed", officer_username="canbo01", reprint_reason="Mờ mực")
    desk.record_review(new_review(client_id, "approve", None, int(ReviewFlag.REPRINT), "giamsat01", LATER))
    assert desk.queue_count(QueueQuery(review=ReviewScope.TO_REVIEW)) == 0
    send_all(desk)
    event = desk.record_status_event(client_id, 4, actor="canbo01")
    [pending] = [e for e in desk.next_outbox_batch(datetime(2030, 1, 1, tzinfo=VN_TZ)) if e.ref_id == event.event_id]
    desk.mark_outbox_sending(pending.id)
    desk.mark_outbox_held(pending.id, "409: conflict")
    [row] = desk.queue_page(QueueQuery(review=ReviewScope.TO_REVIEW), 0, 10)
    assert row.flags == ReviewFlag.REPRINT | ReviewFlag.SYNC_HELD and row.reviewed_flags == ReviewFlag.REPRINT


def test_the_feed_reports_what_other_desks_did_and_the_latest_decision(desk: DeskStore) -> None:
    other, _ = make_dossier(blobs=[], desk_id="DESK-NT-02", code="000.00.17.H56-261121-0100")
    decided = datetime(2026, 11, 22, 15, 0, tzinfo=VN_TZ)
    review = new_review(other.client_id, "escalate", "Hoàn phí hai lần", 8, "giamsat02", decided)
    record = {**other.to_wire(), "server_received_at": "2026-11-21T09:31:00+07:00",
              "oversight": {"refunds": 2, "reprints": 0,
                            "review": {**review.to_wire(), "client_id": other.client_id, "actor": "giamsat02",
                                       "actor_name": "Trần Giám Sát", "recorded_at": "2026-11-22T15:00:03+07:00"}}}
    desk.apply_server_records([record], cursor_name="dossiers", cursor="1")
    [row] = desk.queue_page(QueueQuery(review=ReviewScope.ESCALATED), 0, 10)
    assert (row.client_id, row.flags, row.reviewed_by, row.reviewed_at) == (other.client_id, ReviewFlag.REFUND,
                                                                             "giamsat02", decided)
    assert desk.reviews(other.client_id) == [review]
    assert not [e for e in desk.outbox_entries() if e.kind == "review"]  # learned, not sent back
    # An older decision reported later does not hide the newer one; new flags add up.
    older = new_review(other.client_id, "approve", None, 8, "giamsat03", decided - timedelta(hours=1))
    desk.apply_server_records([{**record, "oversight": {"refunds": 2, "reprints": 1, "review": {
        **older.to_wire(), "client_id": other.client_id, "actor": "giamsat03"}}}], cursor_name="dossiers", cursor="2")
    [row] = desk.queue_page(QueueQuery(), 0, 10)
    assert (row.review_action, row.flags) == ("escalate", ReviewFlag.REFUND | ReviewFlag.REPRINT)
    assert [r.review_id for r in desk.reviews(other.client_id)] == [older.review_id, review.review_id]


def test_only_a_held_entry_is_discarded_and_then_no_longer_holds_back_the_rest(desk: DeskStore) -> None:
    client_id = saved(desk)
    desk.record_status_event(client_id, 4, actor="canbo01")
    entry_id = held_entry(desk, client_id)
    with pytest.raises(ValueError):
        desk.discard_outbox(entry_id, "giamsat01", " x ")
    [event] = [e for e in desk.outbox_entries() if e.kind == "event"]
    with pytest.raises(EntryNotHeld) as refused:
        desk.discard_outbox(event.id, "giamsat01", "Trùng lặp")
    assert refused.value.params == {"entry_id": event.id, "state": "waiting"}
    with pytest.raises(OutboxEntryNotFound):
        desk.discard_outbox(9999, "giamsat01", "Trùng lặp")
    assert desk.next_outbox_batch(datetime(2030, 1, 1, tzinfo=VN_TZ)) == []  # the event waits for its dossier
    desk.discard_outbox(entry_id, "giamsat01", "  Hồ sơ nhập trùng  ")
    assert desk.outbox_counts()["discarded"] == 1
    assert desk.outbox_history(entry_id)[-1].note == "discarded by giamsat01: Hồ sơ nhập trùng"
    audit = desk.audit_entries(subject=client_id)[0]
    assert (audit.actor, audit.action, audit.details) == ("giamsat01", "outbox.discarded", {
        "entry_id": entry_id, "reason": "Hồ sơ nhập trùng", "kind": "dossier", "client_id": client_id})
    assert [e.id for e in desk.next_outbox_batch(datetime(2030, 1, 1, tzinfo=VN_TZ))] == [event.id]


def test_orders_from_other_desks_are_carried_out_once_and_reported(desk: DeskStore) -> None:
    held, retried, sent_one = saved(desk), saved(desk), saved(desk)
    held_id = held_entry(desk, held)
    [retry] = [e for e in desk.next_outbox_batch(datetime(2030, 1, 1, tzinfo=VN_TZ)) if e.client_id == retried]
    desk.mark_outbox_sending(retry.id)
    desk.mark_outbox_retry(retry.id, "timeout", datetime(2030, 6, 1, tzinfo=VN_TZ))
    [sent] = [e for e in desk.next_outbox_batch(datetime(2030, 1, 1, tzinfo=VN_TZ)) if e.client_id == sent_one]
    desk.mark_outbox_sending(sent.id)
    desk.mark_outbox_sent(sent.id, None)

    def command(n: int, entry_id: int, action: str, reason: str | None = None) -> dict:
        return {"command_id": f"00000000-0000-4000-8000-00000000000{n}", "desk_id": "DESK-NT-01",
                "entry_id": entry_id, "action": action, "reason": reason, "issued_by": "giamsat02",
                "issued_at": "2026-11-23T09:30:00+07:00", "state": "pending", "done_at": None, "detail": None}

    assert desk.apply_desk_command(command(1, retry.id, "retry")) == "done"
    assert desk.next_outbox_batch(LATER)[0].id == retry.id  # due now, not in 2030
    assert desk.apply_desk_command(command(2, sent.id, "retry")) == "failed"
    assert desk.apply_desk_command(command(3, 424242, "discard", "Không còn cần")) == "unknown_entry"
    assert desk.apply_desk_command(command(4, held_id, "discard", "ok")) == "failed"  # the reason is too short
    assert desk.apply_desk_command(command(5, held_id, "discard", "Hồ sơ nhập trùng")) == "done"
    assert desk.apply_desk_command(command(5, held_id, "discard", "Hồ sơ nhập trùng")) == "done"  # once
    assert desk.outbox_counts()["discarded"] == 1
    assert desk.audit_entries(subject=held)[0].details["command_id"].endswith("5")
    assert count_rows(desk, "desk_commands") == 5

    report = desk.health_report(LATER, officer="canbo01")
    assert [(c["command_id"][-1], c["outcome"]) for c in report["done_commands"]] == [
        ("1", "done"), ("2", "failed"), ("3", "unknown_entry"), ("4", "failed"), ("5", "done")]
    assert report["done_commands"][1]["detail"] == "the entry is sent, not held or retrying"
    desk.mark_commands_reported([c["command_id"] for c in report["done_commands"][:3]])
    assert len(desk.health_report(LATER)["done_commands"]) == 2


def test_the_health_report_tells_the_outbox_the_held_entries_and_the_drafts(desk: DeskStore) -> None:
    empty = desk.health_report(datetime(2026, 11, 23, 9, 0, tzinfo=VN_TZ))
    assert empty == {"reported_at": "2026-11-23T09:00:00+07:00", "waiting": 0, "retrying": 0, "held": 0,
                     "last_sent_at": None, "held_entries": [], "drafts": {"parked": 0, "in_progress": 0},
                     "officer": None, "done_commands": []}
    sent_one, held = saved(desk), saved(desk)
    [entry] = [e for e in desk.next_outbox_batch(datetime(2030, 1, 1, tzinfo=VN_TZ)) if e.client_id == sent_one]
    desk.mark_outbox_sending(entry.id)
    desk.mark_outbox_sent(entry.id, None)
    held_id = held_entry(desk, held)
    for draft, officer, parked in (("d1", "canbo01", True), ("d2", "canbo01", False), ("d3", "canbo02", True),
                                   ("d4", "canbo01", True)):
        desk.save_draft(draft, officer_username=officer, citizen_name="Lê Văn A", procedure_code=None, body={},
                        parked=parked)
    report = desk.health_report(LATER, officer="canbo01")
    assert (report["waiting"], report["retrying"], report["held"]) == (0, 0, 1)
    assert report["last_sent_at"] is not None and report["officer"] == "canbo01"
    assert report["drafts"] == {"parked": 3, "in_progress": 1}
    [entry] = report["held_entries"]
    assert entry["entry_id"] == held_id and entry["kind"] == "dossier" and entry["client_id"] == held
    assert entry["dossier_code"] and entry["error"] == "422: the central API refused the body"
    assert entry["held_at"].endswith("+07:00") and entry["problem"] is None
    assert desk.waiting_room() == [WaitingCounter("canbo01", 2, 1), WaitingCounter("canbo02", 1, 0)]
