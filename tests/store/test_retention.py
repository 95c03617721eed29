"""Retention: the desk deletes a dossier once the central system holds it and the period
ends, shreds the keys of its blobs, audits it, and keeps everything still needed."""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from desk_app.core.dossier import Applicant, DossierStatus
from desk_app.store import BlobMissing, DeskStore, DossierNotFound
from desk_app.store.records import BLOB, DOSSIER

from .builders import RECEIVED_AT, jpeg, make_dossier
from .test_encryption_at_rest import CCCD, NAME
from tests.support.store_keys import open_store


class Clock:
    def __init__(self) -> None:
        self.now = RECEIVED_AT

    def __call__(self):  # noqa: ANN204
        return self.now


def confirm(store: DeskStore, client_id: str) -> None:
    """What a sync pass does when the central API took the dossier and its blobs."""
    for entry in store.outbox_entries():
        if entry.client_id != client_id or entry.state != "waiting":
            continue
        store.mark_outbox_sending(entry.id)
        if entry.kind == BLOB:
            store.mark_outbox_sent(entry.id, {"sha256": entry.sha256, "stored": True})
        elif entry.kind == DOSSIER:
            dossier = store.get_dossier(client_id)
            store.complete_dossier_send(entry.id, client_id, {
                "client_id": client_id, "code": dossier.code, "code_provisional": False, "status": 2,
                "server_received_at": "2026-11-21T09:31:00+07:00"})
    store.flush()


def sealed_wire(store: DeskStore, client_id: str) -> bytes:
    with closing(sqlite3.connect(store.database_path)) as connection:
        return connection.execute("SELECT wire FROM dossiers WHERE client_id = ?", (client_id,)).fetchone()[0]


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_a_confirmed_dossier_goes_after_the_period_with_its_blob_keys(tmp_path: Path, clock: Clock) -> None:
    portrait, scan, other = jpeg(1), jpeg(2), jpeg(3)
    with open_store(tmp_path / "desk", clock=clock) as store:
        gone = store.save_new_dossier(*make_dossier([portrait, scan]))
        confirm(store, gone.client_id)
        # An intake still open holds the same scan: it must stay readable.
        store.save_draft(str(uuid.uuid4()), officer_username="canbo01", citizen_name="Lê Văn Tám",
                         procedure_code=None, body={"scans": [{"sha256": gone.attachments[1].sha256}]})
        waiting = store.save_new_dossier(*make_dossier([other], applicant=Applicant("Lê Thị Hai", cccd="079203001234")))
        store.save_citizen_lookup(CCCD, {"cccd": CCCD, "full_name": NAME})
        trace = sealed_wire(store, gone.client_id)

        clock.now = RECEIVED_AT + timedelta(days=29)
        assert store.shred_expired(30).dossiers == ()  # not yet
        clock.now = RECEIVED_AT + timedelta(days=31)
        fresh = store.save_new_dossier(*make_dossier(blobs=[]))
        confirm(store, fresh.client_id)  # confirmed, but changed today

        shredded = store.shred_expired(30)

        assert shredded.dossiers == ((gone.client_id, gone.code),)
        assert shredded.blobs == (gone.attachments[0].sha256,) and shredded.lookups == 1
        with pytest.raises(DossierNotFound):
            store.get_dossier(gone.client_id)
        with pytest.raises(BlobMissing):
            store.read_blob(portrait_sha := gone.attachments[0].sha256)
        assert not store.blob_path(portrait_sha).exists()
        assert store.read_blob(gone.attachments[1].sha256) == scan  # the draft still holds it
        assert store.get_dossier(waiting.client_id).applicant.full_name == "Lê Thị Hai"  # never sent
        assert store.get_dossier(fresh.client_id).code == fresh.code
        assert store.citizen_lookup(CCCD) is None
        assert [d.client_id for d in store.dossiers_of_citizen(gone.applicant.cccd)] == [fresh.client_id]
        [audited] = [e for e in store.audit_entries() if e.action == "dossier.shredded"]
        assert (audited.subject, audited.details) == (gone.client_id, {"code": gone.code, "retention_days": 30})
        assert [e.details for e in store.audit_entries() if e.action == "lookup.shredded"] == [
            {"count": 1, "retention_days": 30}]
        assert store.shred_expired(30).dossiers == ()  # once only
        # Its search terms went with it: those left are the other dossiers' own.
        with closing(sqlite3.connect(store.database_path)) as connection:
            terms_left = connection.execute("SELECT count(*) FROM dossier_terms").fetchone()[0]
        assert terms_left == sum(len(store._sealer.dossier_terms(d.applicant.full_name, d.applicant.cccd))
                                 for d in (waiting, fresh))
    with closing(sqlite3.connect(tmp_path / "desk" / "desk.sqlite3")) as connection:
        counts = {table: connection.execute(f"SELECT count(*) FROM {table} WHERE client_id = ?",
                                            (gone.client_id,)).fetchone()[0]
                  for table in ("dossiers", "attachments", "outbox", "provisional_codes")}
        keys = connection.execute("SELECT count(*) FROM blob_keys WHERE sha256 = ?", (portrait_sha,)).fetchone()[0]
    # Its number stays taken, so it is never given again; everything else about it is gone.
    assert counts == {"dossiers": 0, "attachments": 0, "outbox": 0, "provisional_codes": 1} and keys == 0
    # secure_delete and the checkpoint: not even the sealed bytes are left in the file.
    for path in (tmp_path / "desk").glob("desk.sqlite3*"):
        assert trace not in path.read_bytes()


def test_a_dossier_with_something_still_to_send_is_kept(tmp_path: Path, clock: Clock) -> None:
    with open_store(tmp_path / "desk", clock=clock) as store:
        dossier = store.save_new_dossier(*make_dossier(blobs=[]))
        confirm(store, dossier.client_id)
        store.record_status_event(dossier.client_id, DossierStatus.WITHDRAWN, actor="canbo01", reason="Công dân rút hồ sơ")
        clock.now = RECEIVED_AT + timedelta(days=400)
        assert store.shred_expired(30).dossiers == ()
        assert store.get_dossier(dossier.client_id).client_id == dossier.client_id


def test_the_period_is_at_least_a_day(tmp_path: Path, clock: Clock) -> None:
    with open_store(tmp_path / "desk", clock=clock) as store:
        dossier = store.save_new_dossier(*make_dossier(blobs=[]))
        confirm(store, dossier.client_id)
        clock.now = RECEIVED_AT + timedelta(hours=12)
        assert store.shred_expired(0).dossiers == ()
        clock.now = RECEIVED_AT + timedelta(days=1, minutes=1)
        assert [c for c, _ in store.shred_expired(0).dossiers] == [dossier.client_id]
