"""Dossier codes: leased numbers in order, then provisional codes, never one code twice."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path

import pytest

from desk_app.core.dossier_code import CodeLease, is_provisional, parse_code
from desk_app.core.timeutil import VN_TZ
from desk_app.store import DeskStore, LeaseConflict

from .builders import AGENCY, DAY, count_rows, jpeg, make_dossier
from tests.support.store_keys import open_store


def save(store: DeskStore, seed: int, **changes) -> str:
    dossier, blobs = make_dossier([jpeg(seed)], **changes)
    code = store.save_new_dossier(dossier, blobs).code
    assert code is not None
    return code


def test_codes_come_from_leases_in_order_then_provisional(store: DeskStore) -> None:
    # Added out of order on purpose: numbers follow the blocks' order, not arrival.
    store.add_code_lease(CodeLease("L-B", AGENCY, DAY, 21, 22))
    store.add_code_lease(CodeLease("L-A", AGENCY, DAY, 1, 2))
    assert store.unused_codes(AGENCY, DAY) == 4
    codes = [save(store, seed) for seed in range(6)]
    assert codes == [
        f"{AGENCY}-261121-0001",
        f"{AGENCY}-261121-0002",
        f"{AGENCY}-261121-0021",
        f"{AGENCY}-261121-0022",
        f"{AGENCY}-261121-TAM.DESKNT01.0001",
        f"{AGENCY}-261121-TAM.DESKNT01.0002",
    ]
    assert store.unused_codes(AGENCY, DAY) == 0
    # A block leased later is used as soon as it arrives.
    store.add_code_lease(CodeLease("L-C", AGENCY, DAY, 41, 41))
    assert save(store, 7) == f"{AGENCY}-261121-0041"


def test_a_lease_serves_only_its_agency_and_day(store: DeskStore) -> None:
    store.add_code_lease(CodeLease("L-1", AGENCY, DAY, 1, 5))
    next_day = datetime(2026, 11, 22, 8, 0, tzinfo=VN_TZ)
    assert is_provisional(save(store, 1, received_at=next_day))
    assert is_provisional(save(store, 2, site_code="000.00.04.G18"))
    assert store.unused_codes(AGENCY, DAY) == 5
    assert store.unused_codes(AGENCY, date(2026, 11, 22)) == 0


def test_the_lease_width_sets_the_number_of_digits(store: DeskStore) -> None:
    store.add_code_lease(CodeLease("L-wide", AGENCY, DAY, 7, 9, width=6))
    assert save(store, 1) == f"{AGENCY}-261121-000007"


def test_adding_a_lease_again_is_harmless_but_a_changed_or_overlapping_one_is_refused(store: DeskStore) -> None:
    lease = CodeLease("L-1", AGENCY, DAY, 1, 5)
    store.add_code_lease(lease)
    store.add_code_lease(lease)
    assert store.unused_codes(AGENCY, DAY) == 5
    with pytest.raises(LeaseConflict):
        store.add_code_lease(CodeLease("L-1", AGENCY, DAY, 1, 6))
    with pytest.raises(LeaseConflict) as caught:
        store.add_code_lease(CodeLease("L-2", AGENCY, DAY, 5, 9))
    assert caught.value.params == {"lease_id": "L-2", "other": "L-1"}
    assert count_rows(store, "code_leases") == 1
    assert [e.subject for e in store.audit_entries() if e.action == "code_lease.added"] == ["L-1"]


def run_concurrent_saves(stores: list[DeskStore], threads: int, per_thread: int) -> list[str]:
    start = threading.Barrier(threads)

    def worker(index: int) -> list[str]:
        start.wait()
        store = stores[index % len(stores)]
        return [save(store, index * per_thread + n) for n in range(per_thread)]

    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(worker, range(threads)))
    return [code for codes in results for code in codes]


def test_concurrent_saves_from_many_threads_never_share_a_code(store: DeskStore) -> None:
    store.add_code_lease(CodeLease("L-1", AGENCY, DAY, 1, 25))
    store.add_code_lease(CodeLease("L-2", AGENCY, DAY, 101, 110))
    codes = run_concurrent_saves([store], threads=6, per_thread=8)
    assert len(codes) == len(set(codes)) == 48
    final = sorted(parse_code(c)[2] for c in codes if not is_provisional(c))
    assert final == [*range(1, 26), *range(101, 111)]
    provisional = sorted(c for c in codes if is_provisional(c))
    assert provisional == [f"{AGENCY}-261121-TAM.DESKNT01.{n:04d}" for n in range(1, 14)]
    assert count_rows(store, "dossiers") == 48


def test_two_stores_on_one_file_never_share_a_code(tmp_path: Path) -> None:
    # As when the application is started twice on one desk: two writers, one file.
    first = open_store(tmp_path)
    second = open_store(tmp_path)
    try:
        first.add_code_lease(CodeLease("L-1", AGENCY, DAY, 1, 20))
        codes = run_concurrent_saves([first, second], threads=4, per_thread=6)
    finally:
        first.close()
        second.close()
    assert len(codes) == len(set(codes)) == 24
    assert sorted(parse_code(c)[2] for c in codes if not is_provisional(c)) == list(range(1, 21))
    assert len([c for c in codes if is_provisional(c)]) == 4
