"""The outbox: creation order, dossiers after their blobs, retry and hold with history."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desk_app.core.timeutil import VN_TZ
from desk_app.store import DeskStore, OutboxEntry, OutboxEntryNotFound, OutboxStateError

from .builders import jpeg, make_dossier
from tests.support.store_keys import open_store

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=VN_TZ)


def kinds(entries: list[OutboxEntry]) -> list[tuple[str, str | None]]:
    return [(e.kind, e.sha256) for e in entries]


def send(store: DeskStore, entry: OutboxEntry) -> None:
    store.mark_outbox_sending(entry.id)
    store.mark_outbox_sent(entry.id, {"sha256": entry.sha256, "stored": True} if entry.sha256 else {"status": 2})


def test_a_dossier_entry_waits_until_all_its_blobs_are_sent(store: DeskStore) -> None:
    dossier, blobs = make_dossier([jpeg(1), jpeg(2)])
    store.save_new_dossier(dossier, blobs)
    portrait, scan = (a.sha256 for a in dossier.attachments)
    batch = store.next_outbox_batch(NOW)
    assert kinds(batch) == [("blob", portrait), ("blob", scan)]
    assert all(e.client_id == dossier.client_id and e.state == "waiting" and e.next_try_at is None for e in batch)

    send(store, batch[0])
    store.mark_outbox_sending(batch[1].id)
    store.mark_outbox_retry(batch[1].id, "connection reset", NOW + timedelta(minutes=1))
    assert store.next_outbox_batch(NOW) == []
    [retry] = store.next_outbox_batch(NOW + timedelta(minutes=1))
    assert (retry.sha256, retry.state, retry.attempts, retry.last_error) == (scan, "retrying", 1, "connection reset")

    send(store, retry)
    [dossier_entry] = store.next_outbox_batch(NOW)
    assert (dossier_entry.kind, dossier_entry.client_id, dossier_entry.sha256) == ("dossier", dossier.client_id, None)
    send(store, dossier_entry)
    assert store.next_outbox_batch(NOW) == []
    assert store.outbox_counts() == {"waiting": 0, "sending": 0, "sent": 3, "retrying": 0, "held": 0, "discarded": 0}
    assert store.list_dossiers()[0].sync_state == "sent"


def test_a_blob_shared_by_two_dossiers_is_sent_once_and_holds_both_back(store: DeskStore) -> None:
    shared = jpeg(1)
    first, first_blobs = make_dossier([shared])
    second, second_blobs = make_dossier([shared, jpeg(2)])
    store.save_new_dossier(first, first_blobs)
    store.save_new_dossier(second, second_blobs)
    shared_sha, own_sha = (a.sha256 for a in second.attachments)
    batch = store.next_outbox_batch(NOW)
    # One entry per hash, in creation order; both dossier entries wait for the shared blob.
    assert kinds(batch) == [("blob", shared_sha), ("blob", own_sha)]
    send(store, batch[0])
    # The first dossier was queued before the second's own blob, so it now comes first;
    # the second dossier still waits for its own blob.
    assert kinds(store.next_outbox_batch(NOW)) == [("dossier", None), ("blob", own_sha)]
    assert store.next_outbox_batch(NOW)[0].client_id == first.client_id
    send(store, store.next_outbox_batch(NOW)[1])
    assert [e.client_id for e in store.next_outbox_batch(NOW)] == [first.client_id, second.client_id]


def test_a_blob_already_sent_is_not_queued_again(store: DeskStore) -> None:
    data = jpeg(3)
    first, first_blobs = make_dossier([data])
    store.save_new_dossier(first, first_blobs)
    while batch := store.next_outbox_batch(NOW):
        for entry in batch:
            send(store, entry)
    second, second_blobs = make_dossier([data])
    store.save_new_dossier(second, second_blobs)
    assert kinds(store.next_outbox_batch(NOW)) == [("dossier", None)]


def test_the_batch_limit_keeps_creation_order(store: DeskStore) -> None:
    for seed in range(4):
        dossier, blobs = make_dossier([jpeg(seed)])
        store.save_new_dossier(dossier, blobs)
    batch = store.next_outbox_batch(NOW, limit=3)
    assert len(batch) == 3
    assert [e.id for e in batch] == sorted(e.id for e in batch)
    assert [e.created_at for e in batch] == sorted(e.created_at for e in batch)


def test_held_entries_stop_until_released_and_every_move_is_recorded(store: DeskStore) -> None:
    dossier, blobs = make_dossier([jpeg(1)])
    store.save_new_dossier(dossier, blobs)
    [blob] = store.next_outbox_batch(NOW)
    send(store, blob)
    [entry] = store.next_outbox_batch(NOW)
    store.mark_outbox_sending(entry.id)
    store.mark_outbox_retry(entry.id, "HTTP 503", NOW + timedelta(seconds=30))
    store.mark_outbox_sending(entry.id)
    store.mark_outbox_held(entry.id, "409: same client_id, different body")
    assert store.next_outbox_batch(NOW + timedelta(days=1)) == []
    assert store.outbox_counts()["held"] == 1
    assert store.list_dossiers()[0].sync_state == "held"
    [held] = store.outbox_entries(states=["held"])
    assert (held.attempts, held.last_error) == (2, "409: same client_id, different body")

    store.requeue_outbox(entry.id, actor="giamsat01")
    assert [e.id for e in store.next_outbox_batch(NOW)] == [entry.id]
    moves = [(e.from_state, e.to_state, e.note) for e in store.outbox_history(entry.id)]
    assert moves == [
        (None, "waiting", "queued"),
        ("waiting", "sending", None),
        ("sending", "retrying", "HTTP 503"),
        ("retrying", "sending", None),
        ("sending", "held", "409: same client_id, different body"),
        ("held", "waiting", "released by giamsat01"),
    ]
    actions = [(a.actor, a.action) for a in store.audit_entries(subject=dossier.client_id)]
    assert actions[:2] == [("giamsat01", "outbox.requeued"), ("system", "outbox.held")]


def test_moves_the_rules_forbid_are_refused(store: DeskStore) -> None:
    dossier, blobs = make_dossier([jpeg(1)])
    store.save_new_dossier(dossier, blobs)
    [blob] = store.next_outbox_batch(NOW)
    # The engine's marks are queued without waiting: a refused one surfaces at the next
    # flush (or read), and nothing of it was written.
    store.mark_outbox_retry(blob.id, "never tried", NOW)
    with pytest.raises(OutboxStateError):
        store.flush()
    send(store, blob)
    store.mark_outbox_sending(blob.id)
    with pytest.raises(OutboxStateError) as caught:
        store.flush()
    assert caught.value.params == {"entry_id": blob.id, "old": "sent", "new": "sending"}
    store.mark_outbox_sent(9999, None)
    with pytest.raises(OutboxEntryNotFound):
        store.outbox_counts()  # a read waits for the queued marks, and reports the failure
    assert [e.to_state for e in store.outbox_history(blob.id)] == ["waiting", "sending", "sent"]


def test_an_entry_left_sending_by_a_crash_is_retried_after_reopening(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        dossier, blobs = make_dossier([jpeg(1)])
        store.save_new_dossier(dossier, blobs)
        [blob] = store.next_outbox_batch(NOW)
        store.mark_outbox_sending(blob.id)
    reopened_at = datetime(2026, 11, 21, 11, 0, tzinfo=VN_TZ)
    with open_store(tmp_path, clock=lambda: reopened_at) as store:
        [entry] = store.next_outbox_batch(reopened_at)
        assert (entry.id, entry.state, entry.next_try_at) == (blob.id, "retrying", reopened_at)
        assert store.outbox_history(blob.id)[-1].note == "interrupted: the desk stopped while sending"
