"""Closing and opening again: everything the desk was told is saved is still there."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest

from desk_app.core.calendar import CalendarOverride
from desk_app.core.dossier_code import CodeLease
from desk_app.core.timeutil import VN_TZ
from desk_app.store import DeskStore, StoreClosed

from .builders import AGENCY, DAY, catalogue_json, jpeg, make_dossier
from tests.support.store_keys import open_store

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=VN_TZ)


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    override = CalendarOverride(date(2026, 11, 24), "off", "Ngày Văn hóa Việt Nam")
    dossier, blobs = make_dossier([jpeg(1), jpeg(2)])
    with open_store(tmp_path) as store:
        store.save_catalogue(catalogue_json(), '"etag-1"')
        store.save_calendar_overrides(2026, [override])
        store.add_code_lease(CodeLease("L-1", AGENCY, DAY, 1, 3))
        saved = store.save_new_dossier(dossier, blobs)
        [first_blob, _] = store.next_outbox_batch(NOW)
        store.mark_outbox_sending(first_blob.id)
        store.mark_outbox_sent(first_blob.id, {"sha256": first_blob.sha256, "stored": True})
        store.audit("canbo01", "receipt.printed", dossier.client_id, {"copies": 2})
        listing = store.list_dossiers()
        counts = store.outbox_counts()
        audit = store.audit_entries()
        history = store.outbox_history(first_blob.id)

    # The WAL was folded into the main file on close: the file alone is complete.
    assert not (tmp_path / "desk.sqlite3-wal").exists() or (tmp_path / "desk.sqlite3-wal").stat().st_size == 0
    with closing(sqlite3.connect(tmp_path / "desk.sqlite3")) as connection:
        assert connection.execute("SELECT code FROM dossiers").fetchall() == [(saved.code,)]

    with open_store(tmp_path) as store:
        catalogue, etag = store.load_catalogue()
        assert catalogue is not None and (catalogue.version, etag) == ("2026.11.1", '"etag-1"')
        assert store.load_calendar_overrides() == [override]
        assert store.get_dossier(dossier.client_id) == saved
        assert store.list_dossiers() == listing
        assert store.outbox_counts() == counts == {"waiting": 2, "sending": 0, "sent": 1, "retrying": 0, "held": 0, "discarded": 0}
        assert store.audit_entries() == audit
        assert store.outbox_history(first_blob.id) == history
        for attachment in saved.attachments:
            assert store.read_blob(attachment.sha256) == blobs[attachment.sha256]
        assert store.unused_codes(AGENCY, DAY) == 2
        second, second_blobs = make_dossier([jpeg(3)])
        assert store.save_new_dossier(second, second_blobs).code == f"{AGENCY}-261121-0002"


def test_a_closed_store_refuses_writes_and_closing_twice_is_harmless(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.close()
    store.close()
    with pytest.raises(StoreClosed):
        store.audit("canbo01", "late write")
