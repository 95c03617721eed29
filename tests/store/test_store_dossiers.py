"""Saving a dossier: one transaction, all or nothing, and what the listing shows."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, datetime

import pytest

from desk_app.core.dossier import Dossier, DossierDataError, DossierStatus
from desk_app.core.dossier_code import CodeLease
from desk_app.core.messages import DeskError
from desk_app.core.timeutil import VN_TZ
from desk_app.store import (
    AttachmentMismatch,
    DeskStore,
    DossierNotFound,
    StoreRejected,
    StoreWriteError,
)

from desk_app.store.blobs import sha256_hex
from desk_app.store.errors import DISK_FULL

from .builders import AGENCY, DAY, catalogue_json, count_rows, jpeg, make_dossier

TABLES_WRITTEN_BY_A_SAVE = ("dossiers", "attachments", "code_allocations", "provisional_codes", "outbox", "outbox_history")


def table_counts(store: DeskStore) -> dict[str, int]:
    return {table: count_rows(store, table) for table in (*TABLES_WRITTEN_BY_A_SAVE, "audit_log")}


def test_saved_dossier_reads_back_whole_with_its_code(store: DeskStore) -> None:
    store.add_code_lease(CodeLease("L-1", AGENCY, DAY, 1, 10))
    dossier, blobs = make_dossier([jpeg(1), jpeg(2)])
    saved = store.save_new_dossier(dossier, blobs)
    assert saved.code == f"{AGENCY}-261121-0001"
    assert saved.code_provisional is False
    assert saved == dossier.with_code(saved.code, False)
    assert store.get_dossier(dossier.client_id) == saved
    for attachment in saved.attachments:
        assert store.read_blob(attachment.sha256) == blobs[attachment.sha256]
    assert count_rows(store, "attachments") == 2


def test_listing_shows_the_name_from_the_dossiers_own_catalogue_version(store: DeskStore) -> None:
    store.save_catalogue(catalogue_json("2026.11.1", "Đổi giấy phép lái xe"), '"v1"')
    store.save_catalogue(catalogue_json("2026.12.1", "Đổi GPLX (tên mới)"), '"v2"')
    old, blobs = make_dossier(catalogue_version="2026.11.1")
    new, new_blobs = make_dossier([jpeg(3)], catalogue_version="2026.12.1", received_at=datetime(2026, 11, 22, 8, 0, tzinfo=VN_TZ))
    store.save_new_dossier(old, blobs)
    store.save_new_dossier(new, new_blobs)
    listing = store.list_dossiers()
    assert [(s.client_id, s.procedure_name) for s in listing] == [
        (new.client_id, "Đổi GPLX (tên mới)"),
        (old.client_id, "Đổi giấy phép lái xe"),
    ]
    summary = listing[1]
    assert summary.applicant_name == "Nguyễn Văn Bình"
    assert summary.status == int(DossierStatus.ACCEPTED)
    assert summary.sync_state == "waiting"
    assert summary.received_at == old.received_at and summary.due_at == old.due_at


def test_listing_by_day_uses_the_vietnam_calendar_day(store: DeskStore) -> None:
    # 23:30 in Hà Nội is still 21 November there, though already the 21st 16:30 UTC.
    late, late_blobs = make_dossier(received_at=datetime(2026, 11, 21, 23, 30, tzinfo=VN_TZ))
    early, early_blobs = make_dossier([jpeg(5)], received_at=datetime(2026, 11, 22, 0, 30, tzinfo=VN_TZ))
    store.save_new_dossier(late, late_blobs)
    store.save_new_dossier(early, early_blobs)
    assert [s.client_id for s in store.list_dossiers(date(2026, 11, 21))] == [late.client_id]
    assert [s.client_id for s in store.list_dossiers(date(2026, 11, 22))] == [early.client_id]
    assert store.list_dossiers(date(2026, 11, 23)) == []


def test_saving_the_same_dossier_again_changes_nothing(store: DeskStore) -> None:
    store.add_code_lease(CodeLease("L-1", AGENCY, DAY, 1, 10))
    dossier, blobs = make_dossier()
    first = store.save_new_dossier(dossier, blobs)
    before = table_counts(store)
    again = store.save_new_dossier(dossier, blobs)
    assert again == first
    assert table_counts(store) == before
    assert store.unused_codes(AGENCY, DAY) == 9


def test_a_failure_inside_the_transaction_leaves_no_trace(store: DeskStore) -> None:
    store.add_code_lease(CodeLease("L-1", AGENCY, DAY, 1, 10))
    # The dossier's own outbox row is the last insert: by then the dossier, its attachments,
    # its code and its blob entries were all written inside the transaction.
    with closing(sqlite3.connect(store.database_path)) as connection:
        connection.execute(
            "CREATE TRIGGER fail_dossier_entry BEFORE INSERT ON outbox WHEN NEW.kind = 'dossier' "
            "BEGIN SELECT RAISE(ABORT, 'simulated failure at the outbox insert'); END"
        )
        connection.commit()
    before = table_counts(store)
    dossier, blobs = make_dossier([jpeg(1), jpeg(2)])
    with pytest.raises(StoreRejected) as caught:
        store.save_new_dossier(dossier, blobs)
    assert "simulated failure" in caught.value.params["reason"]
    assert table_counts(store) == before
    assert store.unused_codes(AGENCY, DAY) == 10
    with pytest.raises(DossierNotFound):
        store.get_dossier(dossier.client_id)

    with closing(sqlite3.connect(store.database_path)) as connection:
        connection.execute("DROP TRIGGER fail_dossier_entry")
        connection.commit()
    saved = store.save_new_dossier(dossier, blobs)
    assert saved.code == f"{AGENCY}-261121-0001"


def test_a_full_disk_raises_store_write_error_and_saving_again_works(store: DeskStore) -> None:
    store.add_code_lease(CodeLease("L-1", AGENCY, DAY, 1, 10))
    first, first_blobs = make_dossier()
    store.save_new_dossier(first, first_blobs)

    def cap_database_at_its_current_size() -> None:
        with store._writer.engine.connect() as connection:
            pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
            connection.exec_driver_sql(f"PRAGMA max_page_count = {pages}")

    # SQLite answers SQLITE_FULL ("database or disk is full") exactly as on a full disk.
    store._writer.call(cap_database_at_its_current_size)
    before = table_counts(store)
    big, big_blobs = make_dossier([jpeg(7)], form_values={"licence_number": "560123456789", "note": "x" * 50_000})
    with pytest.raises(StoreWriteError) as caught:
        store.save_new_dossier(big, big_blobs)
    error = caught.value
    assert isinstance(error, DeskError)
    # The officer reads a plain reason (translated with the sentence); SQLite's words go to the log.
    assert error.params["reason"] == DISK_FULL and "full" in error.detail
    assert str(error).startswith("The desk could not save to its disk (the disk is full). Nothing was saved;")
    assert table_counts(store) == before
    assert store.unused_codes(AGENCY, DAY) == 9

    def lift_cap() -> None:
        with store._writer.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA max_page_count = 1073741823")

    store._writer.call(lift_cap)
    saved = store.save_new_dossier(big, big_blobs)
    assert saved.code == f"{AGENCY}-261121-0002"
    assert store.get_dossier(big.client_id).form_values["note"] == "x" * 50_000


def test_a_blob_that_cannot_be_written_stops_the_save_before_the_database(store: DeskStore) -> None:
    data = jpeg(9)
    dossier, blobs = make_dossier([data])
    sha256 = dossier.attachments[0].sha256
    # A file where the blob's folder must go: the write fails as on a broken disk.
    (store.data_dir / "blobs").mkdir(exist_ok=True)
    (store.data_dir / "blobs" / sha256[:2]).write_bytes(b"in the way")
    with pytest.raises(StoreWriteError):
        store.save_new_dossier(dossier, blobs)
    assert count_rows(store, "dossiers") == 0
    assert count_rows(store, "outbox") == 0


def test_attachments_must_come_with_matching_bytes(store: DeskStore) -> None:
    dossier, blobs = make_dossier([jpeg(1)])
    sha256 = dossier.attachments[0].sha256
    with pytest.raises(AttachmentMismatch) as missing:
        store.save_new_dossier(dossier, {})
    assert missing.value.params["sha256"] == sha256
    with pytest.raises(AttachmentMismatch) as wrong:
        store.save_new_dossier(dossier, {sha256: jpeg(2)})
    assert wrong.value.params == {"claimed": sha256, "actual": sha256_hex(jpeg(2))}
    assert count_rows(store, "dossiers") == 0
    assert not store.blob_path(sha256).exists()
    # Bytes already on the desk's disk need not be handed over again.
    store.put_blob(blobs[sha256])
    assert store.save_new_dossier(dossier, {}).code is not None


def test_a_declared_size_that_does_not_match_is_refused(store: DeskStore) -> None:
    dossier, blobs = make_dossier([jpeg(1)])
    attachment = dossier.attachments[0]
    wrong = Dossier.from_wire({**dossier.to_wire(), "attachments": [{**dossier.to_wire()["attachments"][0], "size": attachment.size + 1}]})
    with pytest.raises(AttachmentMismatch) as caught:
        store.save_new_dossier(wrong, blobs)
    assert caught.value.params["actual"] == attachment.size
    assert count_rows(store, "dossiers") == 0


def test_server_record_replaces_a_provisional_code_and_status(store: DeskStore) -> None:
    dossier, blobs = make_dossier()
    saved = store.save_new_dossier(dossier, blobs)
    assert saved.code_provisional
    store.apply_server_record(
        dossier.client_id,
        {
            "client_id": dossier.client_id,
            "code": f"{AGENCY}-261121-0042",
            "code_provisional": False,
            "status": 2,
            "server_received_at": "2026-11-21T09:31:05+07:00",
            "attachments": [{"sha256": dossier.attachments[0].sha256, "stored": True}],
        },
    )
    updated = store.get_dossier(dossier.client_id)
    assert (updated.code, updated.code_provisional) == (f"{AGENCY}-261121-0042", False)
    summary = store.list_dossiers()[0]
    assert (summary.code, summary.code_provisional) == (f"{AGENCY}-261121-0042", False)
    store.apply_server_record(dossier.client_id, {"client_id": dossier.client_id, "status": 4})
    assert store.get_dossier(dossier.client_id).status is DossierStatus.PROCESSING
    changes = [e.details for e in store.audit_entries(subject=dossier.client_id) if e.action == "dossier.server_update"]
    assert changes == [
        {"status": [2, 4]},
        {"code": [saved.code, f"{AGENCY}-261121-0042"], "code_provisional": [True, False]},
    ]
    # A provisional code, once printed, is never printed again, even after it was replaced.
    second, second_blobs = make_dossier([jpeg(2)])
    assert store.save_new_dossier(second, second_blobs).code == f"{AGENCY}-261121-TAM.DESKNT01.0002"


def test_server_record_of_another_desk_is_kept_for_the_site_queue(store: DeskStore) -> None:
    other, _ = make_dossier(desk_id="DESK-NT-02", code=f"{AGENCY}-261121-0100", received_at=datetime(2026, 11, 21, 10, 0, tzinfo=VN_TZ))
    record = {**other.to_wire(), "server_received_at": "2026-11-21T10:00:02+07:00"}
    store.apply_server_record(other.client_id, record)
    assert store.get_dossier(other.client_id) == other
    [summary] = store.list_dossiers()
    assert summary.sync_state == "sent"
    assert store.outbox_counts() == {"waiting": 0, "sending": 0, "sent": 0, "retrying": 0, "held": 0, "discarded": 0}


def test_server_records_that_do_not_fit_change_nothing(store: DeskStore) -> None:
    dossier, blobs = make_dossier()
    store.save_new_dossier(dossier, blobs)
    with pytest.raises(DossierNotFound):
        store.apply_server_record("6f1c8a56-9a57-4c1e-8d9e-3b0e6a1f2c3d", {"status": 4})
    with pytest.raises(DossierDataError):
        store.apply_server_record(dossier.client_id, {"status": 99})
    with pytest.raises(DossierDataError):
        store.apply_server_record(dossier.client_id, {"status": 4, "server_received_at": "yesterday"})
    assert store.get_dossier(dossier.client_id).status is DossierStatus.ACCEPTED


def test_get_dossier_of_an_unknown_id_says_so(store: DeskStore) -> None:
    with pytest.raises(DossierNotFound) as caught:
        store.get_dossier("6f1c8a56-9a57-4c1e-8d9e-3b0e6a1f2c3d")
    assert "6f1c8a56" in str(caught.value)
