"""Status events and fee records in the desk's store: each committed with its outbox entry,
refused whole when the rules say no, and kept in order behind their dossier."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from desk_app.core.dossier import DossierStatus, FeeLine, IllegalTransition
from desk_app.core.fees import FeeRecord, FeeRecordError, PaymentMethod
from desk_app.core.status_events import ReasonRequired
from desk_app.core.timeutil import VN_TZ
from desk_app.store import DeskStore
from desk_app.store.migrate import alembic_config
from desk_app.sync.errors import CentralUnavailable

from .builders import count_rows, make_dossier
from desk_app.store.sealing import Sealer
from tests.support.store_keys import key_for, open_store

AT = datetime(2026, 11, 21, 10, 0, tzinfo=VN_TZ)
ITEMS = (FeeLine("le_phi", "Lệ phí cấp đổi giấy phép lái xe", 135000),)


def saved(store: DeskStore, **changes):
    dossier, blobs = make_dossier(**changes)
    return store.save_new_dossier(dossier, blobs)


def test_a_refused_move_changes_nothing(store: DeskStore) -> None:
    dossier = saved(store, blobs=[])
    before = (count_rows(store, "outbox"), count_rows(store, "status_events"), count_rows(store, "audit_log"))
    with pytest.raises(IllegalTransition):
        store.record_status_event(dossier.client_id, DossierStatus.HANDED_OVER, actor="canbo01")  # 2 -> 10
    with pytest.raises(ReasonRequired):
        store.record_status_event(dossier.client_id, DossierStatus.WITHDRAWN, actor="canbo01", reason="  ")
    assert (count_rows(store, "outbox"), count_rows(store, "status_events"), count_rows(store, "audit_log")) == before
    assert store.get_dossier(dossier.client_id).status == DossierStatus.ACCEPTED


def test_a_move_is_kept_with_its_entry_and_the_dossier_still_goes_as_taken(store: DeskStore) -> None:
    dossier = saved(store, blobs=[])
    event = store.record_status_event(dossier.client_id, DossierStatus.WITHDRAWN, actor="canbo01",
                                      reason="Công dân xin rút")
    assert store.get_dossier(dossier.client_id).status == DossierStatus.WITHDRAWN
    assert store.dossier_for_sending(dossier.client_id).status == DossierStatus.ACCEPTED
    assert store.outbox_body("event", event.event_id) == {
        "event_id": event.event_id, "to_status": 7, "reason": "Công dân xin rút", "details": {}}
    [listed] = store.status_events(dossier.client_id)
    assert listed.event_id == event.event_id and listed.from_status == DossierStatus.ACCEPTED
    assert [e.action for e in store.audit_entries(subject=dossier.client_id)][0] == "dossier.status"


def test_refunds_are_bound_to_a_payment_and_never_exceed_it(store: DeskStore) -> None:
    dossier = saved(store, blobs=[])
    payment = store.record_fee(FeeRecord.payment(dossier.client_id, ITEMS, PaymentMethod.CASH,
                                                 officer_username="canbo01", recorded_at=AT, receipt_number="12"))
    store.record_fee(payment)  # the same record again (a double click) is kept once
    assert [f.fee_id for f in store.fee_records(dossier.client_id)] == [payment.fee_id]
    store.record_fee(FeeRecord.refund(payment, "Thu thừa", officer_username="canbo01", recorded_at=AT, amount=35000))
    with pytest.raises(FeeRecordError) as refused:
        store.record_fee(FeeRecord.refund(payment, "Hoàn", officer_username="canbo01", recorded_at=AT, amount=100001))
    assert refused.value.params == {"left": 100000}
    other = saved(store, blobs=[])
    stray = FeeRecord.refund(payment, "Nhầm", officer_username="canbo01", recorded_at=AT)
    with pytest.raises(FeeRecordError):
        store.record_fee(FeeRecord(**{**stray.__dict__, "client_id": other.client_id}))
    assert [e.kind for e in store.outbox_entries() if e.kind == "fee"] == ["fee", "fee"]


def test_fee_records_must_add_up() -> None:
    with pytest.raises(FeeRecordError):
        FeeRecord("f", "c", FeeRecord.payment("c", ITEMS, PaymentMethod.CASH, officer_username="a",
                                              recorded_at=AT).kind, 1, PaymentMethod.CASH, AT, "a", items=ITEMS)
    with pytest.raises(FeeRecordError):
        FeeRecord.payment("c", (), PaymentMethod.CASH, officer_username="a", recorded_at=AT)
    wire = FeeRecord.payment("c", ITEMS, PaymentMethod.QR, officer_username="a", recorded_at=AT).to_wire()
    assert FeeRecord.from_wire(wire).to_wire() == wire


def test_the_last_error_is_kept_as_a_template_for_translation(store: DeskStore) -> None:
    saved(store, blobs=[])
    [entry] = store.outbox_entries()
    store.mark_outbox_sending(entry.id)
    problem = CentralUnavailable(CentralUnavailable.BUSY, kind="busy", retry_after=30, status=429, seconds=30)
    store.mark_outbox_retry(entry.id, problem, AT + timedelta(seconds=30))
    [entry] = store.outbox_entries()
    assert entry.last_error == problem.english()
    assert entry.problem == {"context": "DeskError", "template": CentralUnavailable.BUSY,
                             "params": {"seconds": 30, "status": 429}}


def test_a_desk_file_from_the_previous_version_keeps_its_queue(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    with open_store(folder) as store:
        dossier = saved(store)
    engine = create_engine(f"sqlite:///{folder / 'desk.sqlite3'}")
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection, Sealer(key_for(folder))), "0002_sync_cursors")
    engine.dispose()
    with open_store(folder) as store:  # opening migrates to head again, rows and all
        entries = store.outbox_entries()
        assert [(e.kind, e.state) for e in entries] == [("blob", "waiting"), ("dossier", "waiting")]
        assert store.get_dossier(dossier.client_id) == dossier
        store.record_status_event(dossier.client_id, DossierStatus.WITHDRAWN, actor="canbo01", reason="Rút")
        assert [e.kind for e in store.outbox_entries()] == ["blob", "dossier", "event"]


def test_history_keeps_each_problem_translatable_and_the_newest_can_come_first(store: DeskStore) -> None:
    first = saved(store, blobs=[])
    second = saved(store, blobs=[])
    [entry, _] = store.outbox_entries()
    for seconds in (30, 60):
        store.mark_outbox_sending(entry.id)
        store.mark_outbox_retry(entry.id, CentralUnavailable(CentralUnavailable.BUSY, kind="busy", retry_after=seconds,
                                                             status=429, seconds=seconds), AT)
    problems = [e.problem["params"]["seconds"] for e in store.outbox_history(entry.id) if e.problem]
    assert problems == [30, 60]  # the older one is still readable in the officer's language
    assert [e.client_id for e in store.outbox_entries(newest_first=True)] == [second.client_id, first.client_id]


def test_a_payment_taken_with_the_dossier_commits_with_it_and_goes_after_it(store: DeskStore) -> None:
    dossier, blobs = make_dossier()
    payment = FeeRecord.payment(dossier.client_id, ITEMS, PaymentMethod.BANK_TRANSFER, officer_username="canbo01",
                                recorded_at=AT, receipt_number="0000123")
    stray = FeeRecord.payment("another-dossier", ITEMS, PaymentMethod.CASH, officer_username="canbo01", recorded_at=AT)
    with pytest.raises(FeeRecordError):
        store.save_new_dossier(dossier, blobs, fees=[stray])
    assert count_rows(store, "dossiers") == 0 and count_rows(store, "fee_records") == 0
    store.save_new_dossier(dossier, blobs, fees=[payment])
    store.save_new_dossier(dossier, blobs, fees=[payment])  # saved again after an unclear failure
    assert [e.kind for e in store.outbox_entries()] == ["blob", "dossier", "fee"]
    assert [f.receipt_number for f in store.fee_records(dossier.client_id)] == ["0000123"]


def test_procedure_usage_counts_this_desks_dossiers_by_procedure(store: DeskStore) -> None:
    for _ in range(2):
        saved(store, blobs=[])
    saved(store, blobs=[], procedure_code="DEMO.DT.01")
    day = make_dossier()[0].received_at.date()
    assert store.procedure_usage(days=30, today=day) == {"DEMO.GPLX.01": 2, "DEMO.DT.01": 1}
    assert store.procedure_usage(days=30, today=day.replace(year=day.year + 1)) == {}
