"""SyncEngine with a real DeskStore on tmp_path and the real central API on loopback."""

from __future__ import annotations

import hashlib
import random
import threading
from datetime import timedelta

import pytest
import requests

from desk_app.core.dossier_code import is_provisional
from desk_app.sync import (
    AuthenticationFailed,
    CentralClient,
    CentralRejected,
    CentralUnavailable,
    HashMismatch,
    MalformedAnswer,
    SyncCancelled,
    SyncEngine,
    SyncProgress,
)
from desk_app.sync.engine import CONFLICT_TRIES
from desk_app.sync.errors import SyncFault

from .conftest import Desk, MutableClock, closed_port_url
from .scripted_http import SeenRequest, forwarding, json_answer, scripted_server


def engine_for(desk: Desk, client: CentralClient | None = None, clock: MutableClock | None = None, **kwargs) -> SyncEngine:
    return SyncEngine(desk.store, client or desk.client, desk_id=desk.desk_id, agency_code=desk.agency_code,
                      clock=clock or MutableClock(), rng=random.Random(7), **kwargs)


def server_copies(desk: Desk, client_id: str) -> list[dict]:
    items, cursor = desk.client.list_dossiers(limit=500)
    found = [item for item in items if item["client_id"] == client_id]
    while cursor and items:
        items, cursor = desk.client.list_dossiers(since=cursor, limit=500)
        found += [item for item in items if item["client_id"] == client_id]
    return found


def entries_of(desk: Desk, client_id: str):
    return [e for e in desk.store.outbox_entries() if e.client_id == client_id]


def test_dossier_saved_offline_waits_then_reaches_the_server_exactly_once(make_desk):
    desk: Desk = make_desk()
    saved = desk.save()
    assert is_provisional(saved.code)  # no lease yet: the desk printed a provisional code
    clock = MutableClock()

    offline = engine_for(desk, CentralClient(closed_port_url(), desk_id=desk.desk_id, timeout=2), clock)
    report = offline.run_once()
    assert report.online is False and report.sent == 0
    assert isinstance(report.error, CentralUnavailable)
    assert report.error.template == CentralUnavailable.UNREACHABLE and report.error.context == "DeskError"
    assert report.waiting == 2 and report.retrying == report.held == 0
    assert [s.sync_state for s in desk.store.list_dossiers() if s.client_id == saved.client_id] == ["waiting"]
    assert offline.run_once().online is False

    online = engine_for(desk, clock=clock)
    report = online.run_once()
    assert report.online is True and report.error is None
    assert report.sent == 2 and report.waiting == report.retrying == report.held == 0
    assert [s.sync_state for s in desk.store.list_dossiers() if s.client_id == saved.client_id] == ["sent"]
    final = desk.store.get_dossier(saved.client_id)
    assert not final.code_provisional and not is_provisional(final.code)

    assert online.run_once().sent == 0
    copies = server_copies(desk, saved.client_id)
    assert len(copies) == 1 and copies[0]["code"] == final.code
    assert len(desk.wire.calls("PUT", saved.client_id)) == 1


def test_network_drop_while_pushing_backs_off_and_stops_the_pass(make_desk):
    desk: Desk = make_desk()
    first, second = desk.save(seed=1), desk.save(seed=2)
    client = desk.new_client()
    link = {"up": False}

    def drop_uploads(response: requests.Response, *args, **kwargs):
        if response.request.method == "PATCH" and not link["up"]:
            raise requests.ConnectionError("network unreachable")
        return response

    client.session.hooks["response"].append(drop_uploads)
    clock = MutableClock()
    engine = engine_for(desk, client, clock)
    before = clock()
    report = engine.run_once()
    assert report.online is False and isinstance(report.error, CentralUnavailable)
    assert report.retrying == 1 and report.waiting == 3
    retrying = desk.store.outbox_entries(states=["retrying"])[0]
    assert retrying.sha256 == first.attachments[0].sha256 and retrying.attempts == 1
    # First failure: base 2 s with jitter, so between 1 and 2 s from now.
    assert timedelta(seconds=1) <= retrying.next_try_at - before <= timedelta(seconds=2)
    # The pass stopped at the first failure instead of trying the second blob too.
    assert len(desk.wire.calls("PATCH", second.attachments[0].sha256)) == 0

    link["up"] = True
    report = engine.run_once()  # the retrying blob is not due yet; the waiting one goes
    assert len(desk.wire.calls("PATCH", first.attachments[0].sha256)) == 1
    assert report.sent == 2 and report.retrying == 1

    clock.advance(seconds=5)
    report = engine.run_once()
    assert report.sent == 2 and report.retrying == report.waiting == 0
    for saved in (first, second):
        assert len(server_copies(desk, saved.client_id)) == 1


def test_replay_after_a_lost_answer_does_not_duplicate(make_desk):
    desk: Desk = make_desk()
    engine_for(desk).run_once()  # leases codes, so the dossier gets a final code
    saved = desk.save()
    client = desk.new_client()
    lost = {"done": False}

    def lose_first_dossier_answer(response: requests.Response, *args, **kwargs):
        if response.request.method == "PUT" and not lost["done"]:
            lost["done"] = True
            raise requests.ConnectionError("connection reset after the server answered")
        return response

    client.session.hooks["response"].append(lose_first_dossier_answer)
    clock = MutableClock()
    first = engine_for(desk, client, clock).run_once()
    assert first.sent == 1 and first.retrying == 1  # the blob went, the dossier's answer was lost
    assert isinstance(first.error, CentralUnavailable)
    assert len(server_copies(desk, saved.client_id)) == 1  # the server did take it

    clock.advance(minutes=11)
    second = engine_for(desk, client, clock).run_once()
    assert second.sent == 1 and second.error is None and second.retrying == 0
    puts = desk.wire.calls("PUT", saved.client_id)
    assert [status for _, _, status, _ in puts] == [201, 200]  # created, then replayed
    copies = server_copies(desk, saved.client_id)
    assert len(copies) == 1 and copies[0]["code"] == saved.code


def test_upload_resumes_after_a_partial_upload(make_desk):
    desk: Desk = make_desk()
    client = desk.new_client(chunk_size=4096)
    saved = desk.save()
    sha = saved.attachments[0].sha256
    data = desk.store.read_blob(sha)
    assert len(data) > 3 * 4096
    # An earlier attempt got the first 5000 bytes across before the link dropped.
    raw = requests.patch(
        f"{desk.base_url}/v1/blobs/{sha}", data=data[:5000],
        headers={"Authorization": f"Bearer {desk.login.access_token}", "X-Desk-Id": desk.desk_id,
                 "Content-Type": "application/offset+octet-stream",
                 "Upload-Offset": "0", "Upload-Length": str(len(data))},
        timeout=10,
    )
    assert raw.status_code == 200 and raw.json()["offset"] == 5000
    [entry] = [e for e in entries_of(desk, saved.client_id) if e.kind == "blob"]
    desk.store.mark_outbox_sending(entry.id)
    desk.store.mark_outbox_retry(entry.id, "the link dropped", MutableClock()())

    progress: list[SyncProgress] = []
    report = engine_for(desk, client).run_once(progress=progress.append)
    assert report.sent == 2 and report.error is None
    offsets = [int(h["Upload-Offset"]) for _, _, _, h in desk.wire.calls("PATCH", sha)]
    assert offsets[0] == 5000 and offsets == list(range(5000, len(data), 4096))
    blob_bytes = [p.bytes_done for p in progress if p.bytes_total == len(data)]
    assert blob_bytes[0] == 5000 and blob_bytes[-1] == len(data)
    answer = desk.store.outbox_entries(states=["sent"])
    assert {e.kind for e in answer} == {"blob", "dossier"}


def test_upload_recovers_from_an_offset_mismatch(make_desk):
    desk: Desk = make_desk()
    client = desk.new_client(chunk_size=4096)
    data = b"scan page " * 2000
    sha = hashlib.sha256(data).hexdigest()
    pushed = {"done": False}

    def another_upload_moves_ahead(response: requests.Response, *args, **kwargs):
        # Between our HEAD and our first PATCH, a second attempt (say, an earlier run still
        # finishing) moved the server's offset, so our PATCH at 0 meets a 409.
        if response.request.method == "HEAD" and not pushed["done"]:
            pushed["done"] = True
            requests.patch(
                f"{desk.base_url}/v1/blobs/{sha}", data=data[:6000],
                headers={"Authorization": f"Bearer {desk.login.access_token}", "X-Desk-Id": desk.desk_id,
                         "Content-Type": "application/offset+octet-stream",
                         "Upload-Offset": "0", "Upload-Length": str(len(data))},
                timeout=10,
            ).raise_for_status()
        return response

    client.session.hooks["response"].insert(0, another_upload_moves_ahead)
    assert client.upload_blob(sha, data) == sha
    patches = [(int(h["Upload-Offset"]), status) for _, _, status, h in desk.wire.calls("PATCH", sha)]
    assert patches[0] == (0, 409)
    assert [o for o, _ in patches[1:]] == list(range(6000, len(data), 4096))
    # Once complete, asking again is answered with the stored hash and sends no bytes.
    assert client.upload_blob(sha, data) == sha


def test_hash_mismatch_never_marks_a_blob_sent(make_desk):
    desk: Desk = make_desk()
    saved = desk.save()
    sha = saved.attachments[0].sha256
    held = bytearray()
    lengths: dict[str, int] = {}

    def lying_about_blobs(request: SeenRequest):
        """Takes the blob's bytes, then echoes a wrong hash; everything else reaches the real API."""
        if not request.path.startswith("/v1/blobs/"):
            return None
        if request.method == "HEAD":
            return 404, {}, b""
        length = lengths.setdefault(sha, int(request.headers["Upload-Length"]))
        held.extend(request.body)
        complete = len(held) == length
        return json_answer(200, {"sha256": ("f" * 64) if complete else sha, "offset": len(held),
                                 "length": length, "complete": complete})

    with scripted_server() as liar:
        liar.answer = forwarding(desk.base_url, lying_about_blobs)
        client = CentralClient(liar.base_url, desk_id=desk.desk_id, access_token=desk.login.access_token)
        report = engine_for(desk, client).run_once()
    assert isinstance(report.error, HashMismatch)
    assert report.error.received == "f" * 64 and "will be sent again" in str(report.error)
    assert report.sent == 0 and report.retrying == 1 and report.waiting == 1
    blob_entry = next(e for e in entries_of(desk, saved.client_id) if e.kind == "blob")
    assert blob_entry.state == "retrying" and "damaged copy" in (blob_entry.last_error or "")
    assert all(e.state != "sent" for e in entries_of(desk, saved.client_id))
    assert bytes(held) == desk.store.read_blob(sha)


def test_permanent_rejection_is_held_with_the_servers_reason(make_desk):
    desk: Desk = make_desk()
    engine_for(desk).run_once()
    saved = desk.save(portraits=0)
    # Someone already sent a different body under this client_id: the server refuses ours.
    other = dict(saved.to_wire(), sets=saved.sets + 1)
    desk.client.put_dossier(other)

    clock = MutableClock()
    engine = engine_for(desk, clock=clock)
    # A 409 may be the loser of two concurrent replays, so it is tried a few times first.
    for _ in range(CONFLICT_TRIES - 1):
        report = engine.run_once()
        assert report.retrying == 1 and report.held == 0
        clock.advance(hours=1)
    report = engine.run_once()
    assert report.held == 1 and report.sent == 0
    assert len(desk.wire.calls("PUT", saved.client_id)) == CONFLICT_TRIES + 1  # ours, and the other body
    entry = entries_of(desk, saved.client_id)[0]
    assert entry.state == "held"
    assert isinstance(report.error, CentralRejected) and report.error.status == 409
    assert report.error.reason in entry.last_error and report.error.server_code in entry.last_error
    # Kept as a template too, so the queue panel shows it in the officer's language.
    assert entry.problem["template"] == CentralRejected.REJECTED
    assert entry.problem["params"]["reason"] == report.error.reason
    # (The pull also brings the site's other dossiers: only this one is looked at.)
    assert [s.sync_state for s in desk.store.list_dossiers() if s.client_id == saved.client_id] == ["held"]
    # Held means held: the next pass does not send it again.
    puts_before = len(desk.wire.calls("PUT", saved.client_id))
    clock.advance(hours=1)
    engine.run_once()
    assert len(desk.wire.calls("PUT", saved.client_id)) == puts_before


def test_catalogue_is_pulled_once_then_answered_304(make_desk):
    desk: Desk = make_desk()
    engine = engine_for(desk, catalogue_every=timedelta(0))
    engine.run_once()
    catalogue, etag = desk.store.load_catalogue()
    assert catalogue is not None and etag
    engine.run_once()
    statuses = [status for _, _, status, _ in desk.wire.calls("GET", "/v1/catalogue")]
    assert statuses[-2:] == [200, 304]
    assert desk.wire.calls("GET", "/v1/catalogue")[-1][3]["If-None-Match"] == etag
    assert desk.store.load_catalogue()[1] == etag
    assert len(desk.store.catalogue_versions()) == 1


def test_code_leases_cover_the_days_ahead_and_grow_with_the_desks_volume(make_desk):
    desk: Desk = make_desk()
    engine = engine_for(desk, lease_floor=4)
    engine.run_once()
    days = engine.lease_days()
    assert len(days) == 3 and list(days) == sorted(set(days))
    # No history yet: the floor, for today and each of the next two working days.
    assert [desk.store.unused_codes(desk.agency_code, d) for d in days] == [4, 4, 4]
    assert len(desk.wire.calls("POST", "/code-leases")) == 3

    engine.run_once()  # enough codes left: no new lease
    assert len(desk.wire.calls("POST", "/code-leases")) == 3

    for _ in range(4):
        desk.save(portraits=0)
    assert desk.store.unused_codes(desk.agency_code, days[0]) == 0
    # Four dossiers today: the desk now holds one and a half times its busiest day.
    assert engine.lease_target() == 6
    engine.run_once()
    assert desk.store.unused_codes(desk.agency_code, days[0]) == 6
    # The next days still hold 4 of 6, more than half: topped up only when half is used.
    assert [desk.store.unused_codes(desk.agency_code, d) for d in days[1:]] == [4, 4]
    assert len(desk.wire.calls("POST", "/code-leases")) == 4


def test_an_ended_session_stops_the_pass_and_keeps_the_work_due(make_desk):
    desk: Desk = make_desk()
    saved = desk.save()
    stale = CentralClient(desk.base_url, desk_id=desk.desk_id, access_token="not-a-token")
    clock = MutableClock()
    report = engine_for(desk, stale, clock).run_once()
    assert isinstance(report.error, AuthenticationFailed)
    assert report.error.template == AuthenticationFailed.SESSION_ENDED
    assert report.online is True and report.held == 0 and report.sent == 0

    report = engine_for(desk, clock=clock).run_once()  # signed in again: everything goes
    assert report.sent == 2 and report.error is None
    assert len(server_copies(desk, saved.client_id)) == 1


def test_cancelling_between_items_leaves_the_rest_for_later(make_desk):
    desk: Desk = make_desk()
    for seed in (1, 2):
        desk.save(seed=seed)
    cancel = threading.Event()

    def stop_after_first_item(p: SyncProgress) -> None:
        if p.stage == "outbox" and p.done >= 1:
            cancel.set()

    report = engine_for(desk).run_once(cancel=cancel, progress=stop_after_first_item)
    assert isinstance(report.error, SyncCancelled)
    assert report.sent == 1
    assert report.waiting == 3 and report.retrying == report.held == 0

    report = engine_for(desk).run_once()
    assert report.sent == 3 and report.waiting == 0


def test_a_broken_catalogue_endpoint_does_not_stop_dossiers_going_out(make_desk):
    desk: Desk = make_desk()
    saved = desk.save()

    def broken_catalogue(request: SeenRequest):
        if request.path.startswith("/v1/catalogue"):
            return 200, {"Content-Type": "text/html"}, b"<html>proxy error</html>"
        return None

    with scripted_server() as proxy:
        proxy.answer = forwarding(desk.base_url, broken_catalogue)
        client = CentralClient(proxy.base_url, desk_id=desk.desk_id, access_token=desk.login.access_token)
        engine = engine_for(desk, client)
        report = engine.run_once()
        assert isinstance(report.error, MalformedAnswer) and "not JSON" in report.error.problem
        assert report.sent == 2 and report.held == report.retrying == 0
        assert desk.store.load_catalogue() == (None, None)  # nothing unreadable was kept
        # The failed pull waits for its own backoff instead of being asked again at once.
        engine.run_once()
        assert sum(1 for r in proxy.seen if r.path.startswith("/v1/catalogue")) == 1
    assert len(server_copies(desk, saved.client_id)) == 1


def test_a_blob_lost_from_the_desks_disk_is_held_not_retried(make_desk):
    desk: Desk = make_desk()
    saved = desk.save()
    desk.store.blob_path(saved.attachments[0].sha256).unlink()
    report = engine_for(desk).run_once()
    assert report.held == 1 and report.sent == 0 and report.waiting == 1
    held = desk.store.outbox_entries(states=["held"])[0]
    assert held.kind == "blob" and "not on this desk" in (held.last_error or "")
    assert "not on this desk" in str(report.error)


def test_a_bug_while_sending_never_leaves_an_entry_stuck_in_sending(make_desk):
    desk: Desk = make_desk()
    saved = desk.save(portraits=0)

    class BrokenClient(CentralClient):
        def put_dossier(self, wire):  # stands for a defect in the sending code
            raise KeyError("code")

    broken = BrokenClient(desk.base_url, desk_id=desk.desk_id, access_token=desk.login.access_token)
    with pytest.raises(KeyError):
        engine_for(desk, client=broken).run_once()
    [entry] = entries_of(desk, saved.client_id)
    assert entry.state == "retrying" and entry.next_try_at is not None
    assert entry.problem["template"] == SyncFault.FAULT and entry.problem["params"] == {"kind": "KeyError"}


def test_an_entry_left_sending_by_an_ended_pass_goes_out_with_the_next_pass(make_desk):
    desk: Desk = make_desk()
    saved = desk.save(portraits=0)
    [entry] = entries_of(desk, saved.client_id)
    desk.store.mark_outbox_sending(entry.id)  # a pass that ended without a word about it
    desk.store.flush()
    report = engine_for(desk).run_once()
    assert report.sent == 1
    [entry] = entries_of(desk, saved.client_id)
    assert entry.state == "sent"
    assert [e.to_state for e in desk.store.outbox_history(entry.id)] == ["waiting", "sending", "retrying", "sending", "sent"]
