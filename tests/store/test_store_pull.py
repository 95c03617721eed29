"""Applying what the central API pulled: a page of records and its cursor, all or nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desk_app.core.dossier import DossierDataError, DossierStatus
from desk_app.core.timeutil import VN_TZ
from desk_app.store import DeskStore

from .builders import DAY, catalogue_json, make_dossier


def server_record(dossier, **changes):
    record = dict(dossier.to_wire(), server_received_at="2026-11-21T09:31:00+07:00")
    record.update(changes)
    return record


def test_a_page_and_its_cursor_are_applied_together(store: DeskStore) -> None:
    store.save_catalogue(catalogue_json(), None)
    own, blobs = make_dossier()
    own = store.save_new_dossier(own, blobs)
    other, _ = make_dossier(desk_id="DESK-NT-02", code="000.00.17.H56-261121-0042")
    applied = store.apply_server_records(
        [server_record(own, status=int(DossierStatus.RESULT_READY)), server_record(other)],
        cursor_name="dossiers",
        cursor="17",
    )
    assert applied == 2
    assert store.load_cursor("dossiers") == "17"
    assert store.get_dossier(own.client_id).status is DossierStatus.RESULT_READY
    pulled = store.get_dossier(other.client_id)
    assert pulled.code == "000.00.17.H56-261121-0042" and pulled.desk_id == "DESK-NT-02"


def test_a_bad_record_leaves_the_page_and_the_cursor_untouched(store: DeskStore) -> None:
    own, blobs = make_dossier()
    own = store.save_new_dossier(own, blobs)
    store.apply_server_records([], cursor_name="dossiers", cursor="5")
    with pytest.raises(DossierDataError):
        store.apply_server_records(
            [server_record(own, status=int(DossierStatus.RESULT_READY)), {"client_id": "x", "status": 42}],
            cursor_name="dossiers",
            cursor="9",
        )
    assert store.load_cursor("dossiers") == "5"
    assert store.get_dossier(own.client_id).status is DossierStatus.ACCEPTED


def test_listing_a_day_can_add_results_waiting_from_other_days(store: DeskStore) -> None:
    earlier, blobs = make_dossier(
        received_at=datetime(2026, 11, 18, 10, 0, tzinfo=VN_TZ), due_at=datetime(2026, 11, 20, 10, 0, tzinfo=VN_TZ)
    )
    earlier = store.save_new_dossier(earlier, blobs)
    today, blobs = make_dossier()
    today = store.save_new_dossier(today, blobs)
    store.apply_server_record(earlier.client_id, server_record(earlier, status=int(DossierStatus.RESULT_READY)))
    assert [s.client_id for s in store.list_dossiers(DAY)] == [today.client_id]
    both = store.list_dossiers(DAY, also_statuses=(DossierStatus.RESULT_READY,))
    assert {s.client_id for s in both} == {today.client_id, earlier.client_id}
    assert store.list_dossiers(date(2026, 11, 18)) and store.load_cursor("never") is None
