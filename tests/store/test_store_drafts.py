"""Drafts: an intake not yet saved survives closing the store (a crash, a power cut), can be
parked and listed, and leaves with the dossier it became, in the same commit."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from desk_app.core.timeutil import VN_TZ
from desk_app.store import DeskStore
from desk_app.store.blobs import sha256_hex

from .builders import count_rows, jpeg, make_dossier
from tests.support.store_keys import open_store


def test_a_draft_comes_back_after_the_desk_stops(tmp_path: Path) -> None:
    portrait = jpeg(3)
    with open_store(tmp_path) as store:
        store.save_draft("d-1", officer_username="canbo01", citizen_name="Nguyễn Văn Bình", procedure_code=None,
                         body={"citizen": {"full_name": "Nguyễn Văn Bình"}, "page": 0})
        store.save_draft("d-1", officer_username="canbo01", citizen_name="Nguyễn Văn Bình",
                         procedure_code="DEMO.GPLX.01", body={"citizen": {"full_name": "Nguyễn Văn Bình"}, "page": 4},
                         portrait=portrait)
    with open_store(tmp_path) as store:
        [summary] = store.drafts("canbo01")
        assert (summary.citizen_name, summary.procedure_code, summary.parked) == ("Nguyễn Văn Bình", "DEMO.GPLX.01", False)
        loaded = store.load_draft("d-1")
        assert loaded is not None and loaded.body["page"] == 4 and loaded.portrait == portrait
        assert store.drafts("buudien01") == []


def test_parked_drafts_list_newest_first_and_a_discarded_one_is_gone(tmp_path: Path) -> None:
    moments = iter(datetime(2026, 11, 21, 9, minute, tzinfo=VN_TZ) for minute in range(60))
    with open_store(tmp_path, clock=lambda: next(moments)) as store:
        for n, name in enumerate(("Lê Thị A", "Trần Văn B")):
            store.save_draft(f"d-{n}", officer_username="canbo01", citizen_name=name, procedure_code=None,
                             body={"n": n}, parked=True)
        assert [d.citizen_name for d in store.drafts()] == ["Trần Văn B", "Lê Thị A"]
        store.discard_draft("d-1")
        assert [d.draft_id for d in store.drafts()] == ["d-0"]
        assert store.load_draft("d-1") is None


def test_saving_the_dossier_removes_its_draft_in_the_same_commit(store: DeskStore) -> None:
    store.save_draft("d-9", officer_username="canbo01", citizen_name="Nguyễn Văn Bình", procedure_code="DEMO.GPLX.01",
                     body={})
    dossier, blobs = make_dossier()
    store.save_new_dossier(dossier, blobs, draft_id="d-9")
    assert store.drafts() == [] and count_rows(store, "dossiers") == 1
    # Saved again after an unclear failure, with the draft somehow back: still one dossier, no draft.
    store.save_draft("d-9", officer_username="canbo01", citizen_name="x", procedure_code=None, body={})
    store.save_new_dossier(dossier, blobs, draft_id="d-9")
    assert store.drafts() == [] and count_rows(store, "dossiers") == 1


def test_a_discarded_draft_shreds_its_own_photos_and_is_audited(store: DeskStore) -> None:
    own, shared = jpeg(41), jpeg(42)
    dossier, blobs = make_dossier([shared])
    store.save_new_dossier(dossier, blobs)
    shared_sha = dossier.attachments[0].sha256
    store.save_draft("d-5", officer_username="canbo01", citizen_name="Lê Thị A", procedure_code=None,
                     body={"scans": [{"sha256": shared_sha}]}, portrait=own, attachments=[shared])
    own_sha = sha256_hex(own)
    assert store.read_blob(own_sha) == own
    store.discard_draft("d-5", actor="canbo01")
    assert not store.blob_path(own_sha).exists()  # its key went in the same commit
    assert store.read_blob(shared_sha) == shared  # the dossier still holds it
    [entry] = [e for e in store.audit_entries() if e.action == "draft.discarded"]
    assert (entry.actor, entry.subject, entry.details) == ("canbo01", "d-5", {"blobs_shredded": 1})
