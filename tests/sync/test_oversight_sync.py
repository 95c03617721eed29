"""The supervisor's work crosses desks through the central API: a review made on one desk
and a reprint made on another reach every mirror of the site, and a supervisor's command to
retry or discard a held entry is carried out by the desk that holds it, audited there and
reported back. Real desk stores on tmp_path, the real central API on loopback."""

from __future__ import annotations

import uuid

import pytest

from desk_app.core.queue_query import QueueQuery
from desk_app.core.review import ReviewAction, ReviewFlag, new_review
from desk_app.core.timeutil import now_vn
from desk_app.sync import CentralRejected

from .conftest import Desk, MutableClock
from .scripted_http import SeenRequest, forwarding, json_answer, scripted_server
from .test_engine import engine_for, entries_of, server_copies


def queue_row(desk: Desk, code: str):
    [row] = desk.store.queue_page(QueueQuery(text=code), 0, 5)
    return row


def held_by_the_centre(desk: Desk, entry_id: int, message: str) -> None:
    """What the engine does with an entry the centre refused (a 422), without the refusal."""
    desk.store.mark_outbox_held(entry_id, CentralRejected(422, "invalid_request", message))
    desk.store.flush()


def test_a_review_and_a_reprint_reach_the_other_desks_mirror_and_replays_change_nothing(make_desk):
    officer: Desk = make_desk("canbo01")
    saved = officer.save(portraits=0)
    officer.store.record_print(client_id=saved.client_id, kind="receipt", paper="A5", copies=1, printer=None,
                               outcome="printed", officer_username="canbo01")
    officer_sync = engine_for(officer)
    assert officer_sync.run_once().sent == 2  # the dossier, then its first print
    code = officer.store.get_dossier(saved.client_id).code

    supervisor: Desk = make_desk("giamsat01")
    supervisor_sync = engine_for(supervisor)
    supervisor_sync.run_once()
    # A first print is no exception: nothing asks the supervisor to look yet.
    assert not queue_row(supervisor, code).flags & ReviewFlag.REPRINT

    review = new_review(saved.client_id, ReviewAction.RETURN, "Thiếu bản sao CCCD có chứng thực",
                        int(ReviewFlag.PHOTO_EXCEPTION), "giamsat01", now_vn())
    supervisor.store.record_review(review)
    assert supervisor_sync.run_once().sent == 1
    [entry] = [e for e in entries_of(supervisor, saved.client_id) if e.kind == "review"]
    assert entry.state == "sent" and entry.ref_id == review.review_id
    assert [status for *_, status, _h in supervisor.wire.calls("PUT", "/reviews/")] == [201]

    officer.store.record_print(client_id=saved.client_id, kind="receipt", paper="A5", copies=1, printer=None,
                               outcome="printed", officer_username="canbo01",
                               reprint_reason="Công dân làm mất giấy biên nhận")
    assert officer_sync.run_once().sent == 1
    # The officer's desk learns the decision from the feed, with who made it.
    row = queue_row(officer, code)
    assert (row.review_action, row.review_note, row.reviewed_by) == ("return", review.note, "giamsat01")
    assert row.reviewed_flags == ReviewFlag.PHOTO_EXCEPTION and row.reviewed_at == review.at

    supervisor_sync.run_once()
    assert queue_row(supervisor, code).flags & ReviewFlag.REPRINT
    [copy] = server_copies(supervisor, saved.client_id)
    assert copy["oversight"]["reprints"] == 1 and copy["oversight"]["review"]["review_id"] == review.review_id

    # A replay (a mark lost to a power cut) is answered alike and adds nothing; the same id
    # with another decision is a conflict, never a second review.
    wire = review.to_wire()
    again = supervisor.client.put_review(saved.client_id, wire)
    assert again["review_id"] == review.review_id and again["action"] == "return"
    assert supervisor.wire.calls("PUT", "/reviews/")[-1][2] == 200
    with pytest.raises(CentralRejected) as caught:
        supervisor.client.put_review(saved.client_id, {**wire, "action": "approve", "note": None})
    assert caught.value.status == 409 and caught.value.server_code == "review_conflict"
    officer_sync.run_once()
    row = queue_row(officer, code)
    assert row.review_action == "return" and row.reviewed_at == review.at


def test_a_supervisors_retry_and_discard_are_carried_out_by_the_desk_that_holds_the_entries(make_desk):
    officer: Desk = make_desk("canbo01")
    kept, dropped = officer.save(portraits=0, seed=81), officer.save(portraits=0, seed=82)
    [kept_entry] = entries_of(officer, kept.client_id)
    [dropped_entry] = entries_of(officer, dropped.client_id)
    held_by_the_centre(officer, kept_entry.id, "applicant.phone: invalid")
    held_by_the_centre(officer, dropped_entry.id, "applicant.phone: invalid")
    clock = MutableClock()
    officer_sync = engine_for(officer, clock=clock)
    report = officer_sync.run_once()
    assert report.online and report.held == 2 and report.error is None

    supervisor: Desk = make_desk("giamsat01")
    desk = desk_health(supervisor, officer.desk_id)
    assert desk["report"]["held"] == 2
    assert {h["entry_id"]: h["client_id"] for h in desk["report"]["held_entries"]} == {
        kept_entry.id: kept.client_id, dropped_entry.id: dropped.client_id}

    retry, discard, stray = (str(uuid.uuid4()) for _ in range(3))
    reason = "Hồ sơ nhập trùng, đã nhập lại"
    with pytest.raises(CentralRejected) as caught:
        supervisor.client.put_desk_command(officer.desk_id, discard, {"entry_id": dropped_entry.id,
                                                                      "action": "discard", "reason": "x"})
    assert caught.value.status == 422 and caught.value.server_code == "reason_required"
    issued = supervisor.client.put_desk_command(officer.desk_id, retry, {"entry_id": kept_entry.id,
                                                                         "action": "retry", "reason": None})
    assert issued["state"] == "pending" and issued["issued_by"] == "giamsat01"
    supervisor.client.put_desk_command(officer.desk_id, discard, {"entry_id": dropped_entry.id,
                                                                  "action": "discard", "reason": reason})
    supervisor.client.put_desk_command(officer.desk_id, stray, {"entry_id": 987654,
                                                                "action": "retry", "reason": None})

    # The next pass brings the commands and carries them out; the one after reports them.
    clock.advance(seconds=30)
    officer_sync.run_once()
    states = {e.id: e.state for e in officer.store.outbox_entries()}
    assert states[kept_entry.id] == "waiting" and states[dropped_entry.id] == "discarded"
    audited = {e.action: e for e in officer.store.audit_entries(limit=50)
               if (e.details or {}).get("command_id") in (retry, discard)}
    assert audited["outbox.discarded"].actor == "giamsat01" and audited["outbox.requeued"].actor == "giamsat01"
    assert audited["outbox.discarded"].details["reason"] == reason
    assert audited["outbox.discarded"].subject == dropped.client_id

    clock.advance(seconds=30)
    assert officer_sync.run_once().sent == 1
    assert len(server_copies(officer, kept.client_id)) == 1 and not server_copies(officer, dropped.client_id)
    desk = desk_health(supervisor, officer.desk_id)
    done = {c["command_id"]: c["state"] for c in desk["commands"]}
    assert done == {retry: "done", discard: "done", stray: "unknown_entry"}
    assert desk["report"]["held"] == 0 and desk["report"]["held_entries"] == []
    # Reported once: the next report does not carry them again.
    assert officer.store.health_report(clock())["done_commands"] == []
    # A command already carried out and sent again changes nothing on the desk.
    assert officer.store.apply_desk_command({**issued, "entry_id": dropped_entry.id}) == "done"
    assert {e.id: e.state for e in officer.store.outbox_entries()}[dropped_entry.id] == "discarded"


def test_the_health_report_never_fails_a_pass_and_a_review_waits_for_its_dossier(make_desk):
    supervisor: Desk = make_desk("giamsat01")
    saved = supervisor.save(portraits=0, seed=91)
    supervisor.store.record_review(new_review(saved.client_id, ReviewAction.ESCALATE, "Ảnh chân dung đáng ngờ",
                                              int(ReviewFlag.PHOTO_EXCEPTION), "giamsat01", now_vn()))
    broken = {"health": True, "review": True}

    def faults(request: SeenRequest):
        if request.method == "PUT" and request.path.endswith("/health") and broken["health"]:
            return json_answer(500, {"detail": {"code": "internal", "message": "boom"}})
        if request.method == "PUT" and "/reviews/" in request.path and broken["review"]:
            # As if the dossier had not reached the centre: the review is tried again later.
            return json_answer(404, {"detail": {"code": "dossier_not_found", "message": "No such dossier."}})
        return None

    with scripted_server() as proxy:
        proxy.answer = forwarding(supervisor.base_url, faults)
        clock = MutableClock()
        engine = engine_for(supervisor, supervisor.new_client(proxy.base_url), clock=clock)
        report = engine.run_once()
        assert report.online and report.sent == 1 and report.retrying == 1 and report.held == 0
        assert isinstance(report.error, CentralRejected) and report.error.server_code == "dossier_not_found"
        assert engine.breaker.open_until is None

        broken.update(health=False, review=False)
        clock.advance(minutes=15)
        report = engine.run_once()
        assert report.online and report.sent == 1 and report.retrying == 0 and report.error is None
        health_puts = [r for r in proxy.seen if r.method == "PUT" and r.path.endswith("/health")]
        assert len(health_puts) == 2
    assert desk_health(supervisor, supervisor.desk_id)["report"]["waiting"] == 0


def desk_health(supervisor: Desk, desk_id: str) -> dict:
    [desk] = [d for d in supervisor.client.site_health()["desks"] if d["desk_id"] == desk_id]
    return desk
