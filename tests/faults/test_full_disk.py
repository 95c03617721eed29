"""A full disk on the desk while a dossier is saved: the officer is told plainly (in English
and in Vietnamese) that saving failed, and the store keeps no trace of a half-saved dossier.

The disk is made full honestly: the save runs in a child process whose file-size limit
(RLIMIT_FSIZE, with SIGXFSZ ignored) makes the kernel refuse writes past a few bytes with
EFBIG, or cut them short, exactly where a full disk would. Two places can meet it:
"blobs", the attachment files written first; "database", the SQLite write-ahead log at
commit, with the attachments already on disk (photos taken before the disk filled up).
"""

from __future__ import annotations

import multiprocessing
import random
import resource
import signal
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from desk_app.core.dossier import Dossier
from desk_app.core.dossier_code import CodeLease, format_code
from desk_app.core.messages import DeskError
from desk_app.store import DeskStore, DossierNotFound
from tests.store.builders import AGENCY, DAY, catalogue_json, count_rows, jpeg, make_dossier
from tests.support.store_keys import open_store

LEASE = CodeLease("L-FULL-DISK", AGENCY, DAY, 1, 20)
CHILD_TIMEOUT = 60.0
# Saving one dossier writes about 110 kB of write-ahead log; any limit below this fails.
WAL_LIMIT_MAX = 64 * 1024


def _save_with_a_full_disk(data_dir: str, wire: dict, blobs: dict[str, bytes], regime: str, limit: int,
                           free_space_and_retry: bool, results: Any) -> None:
    """Runs in the child process: open the store, fill the disk, save, report what happened."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes then fail with EFBIG instead of killing us
    store = open_store(Path(data_dir))
    try:
        if regime == "database":
            for data in blobs.values():
                store.put_blob(data)
        dossier = Dossier.from_wire(wire)
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
        results.put(_attempt(store, dossier, blobs))
        if free_space_and_retry:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
            results.put(_attempt(store, dossier, blobs))
    finally:
        store.close()


def _attempt(store: DeskStore, dossier: Dossier, blobs: dict[str, bytes]) -> dict[str, Any]:
    try:
        saved = store.save_new_dossier(dossier, blobs)
    except DeskError as exc:
        return {"outcome": "refused", "error": type(exc).__name__, "context": exc.context,
                "template": exc.template, "params": exc.params, "english": str(exc)}
    except BaseException as exc:  # anything else reaches the officer as "something unexpected"
        return {"outcome": "crashed", "error": repr(exc)}
    return {"outcome": "saved", "code": saved.code}


def run_child(data_dir: Path, dossier: Dossier, blobs: dict[str, bytes], regime: str, limit: int,
              free_space_and_retry: bool = False) -> list[dict[str, Any]]:
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads of this one
    results = context.Queue()
    child = context.Process(target=_save_with_a_full_disk,
                            args=(str(data_dir), dossier.to_wire(), blobs, regime, limit, free_space_and_retry, results))
    child.start()
    answers = [results.get(timeout=CHILD_TIMEOUT) for _ in range(2 if free_space_and_retry else 1)]
    child.join(CHILD_TIMEOUT)
    assert child.exitcode == 0, f"the saving process ended with {child.exitcode}"
    return answers


def prepared_store(data_dir: Path) -> None:
    """A desk with its catalogue and a leased block of codes, closed again."""
    with open_store(data_dir) as store:
        store.save_catalogue(catalogue_json(), None)
        store.add_code_lease(LEASE)


def a_dossier(seed: int) -> tuple[Dossier, dict[str, bytes]]:
    return make_dossier([jpeg(seed, (300, 400)), jpeg(seed + 1, (400, 300))])


def assert_told_the_officer(answer: dict[str, Any]) -> None:
    assert answer["outcome"] == "refused", f"a save on a full disk did not fail cleanly: {answer}"
    assert answer["error"] == "StoreWriteError" and answer["context"] == "DeskError", answer
    english = answer["english"].lower()
    assert "could not save" in english and "nothing was saved" in english and "save again" in english, answer["english"]
    # A plain reason, not the system's "File too large" or "disk I/O error" (SQLite reports a
    # refused log write as an I/O error, so that case reads as a disk fault).
    assert answer["params"]["reason"] in ("the disk is full", "the disk reported a fault"), answer

    from desk_app.gui.translation import load_desk_translator

    translator = load_desk_translator("vi")
    assert translator is not None, "the Vietnamese catalogue is missing"
    vietnamese = translator.translate(answer["context"], answer["template"])
    assert vietnamese and vietnamese != answer["template"], "no Vietnamese text for the full-disk message"
    reason = translator.translate(answer["context"], answer["params"]["reason"])
    assert reason and reason != answer["params"]["reason"], "no Vietnamese text for the reason"
    assert reason in vietnamese.format(reason=reason)


def assert_no_trace_of(data_dir: Path, dossier: Dossier) -> None:
    with closing(sqlite3.connect(data_dir / "desk.sqlite3")) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with open_store(data_dir) as store:
        with pytest.raises(DossierNotFound):
            store.get_dossier(dossier.client_id)
        assert store.list_dossiers() == []
        assert store.outbox_entries() == []
        assert store.unused_codes(AGENCY, DAY) == LEASE.size, "a final code was used up by a dossier never saved"
        assert not any(entry.action == "dossier.saved" for entry in store.audit_entries())
        for table in ("dossiers", "attachments", "outbox", "outbox_history", "code_allocations", "provisional_codes"):
            assert count_rows(store, table) == 0, f"{table} holds rows of a dossier never saved"
    leftovers = [p.name for p in (data_dir / "blobs").rglob("*") if p.is_file() and p.name.startswith(".")]
    assert leftovers == [], f"half-written attachment files left behind: {leftovers}"


@pytest.mark.parametrize("regime", ["blobs", "database"])
def test_a_full_disk_while_saving_tells_the_officer_and_leaves_no_partial_dossier(tmp_path, regime, fault_seed):
    rng = random.Random(fault_seed)
    data_dir = tmp_path / "desk"
    prepared_store(data_dir)
    dossier, blobs = a_dossier(fault_seed)
    # Below the larger attachment: sometimes the smaller one is already whole on disk.
    largest = max(len(data) for data in blobs.values())
    limit = rng.randint(0, largest - 1) if regime == "blobs" else rng.randint(0, WAL_LIMIT_MAX)
    print(f"file size limit {limit} bytes, meeting the {regime}")

    [answer] = run_child(data_dir, dossier, blobs, regime, limit)
    print("the officer read:", answer.get("english", answer))
    assert_told_the_officer(answer)
    assert_no_trace_of(data_dir, dossier)

    # Space freed, the officer saves again: the dossier takes the block's first code, not a later one.
    with open_store(data_dir) as store:
        saved = store.save_new_dossier(dossier, blobs)
        assert saved.code == format_code(AGENCY, DAY, LEASE.first, LEASE.width)
        assert {e.kind for e in store.outbox_entries()} == {"blob", "dossier"}


def test_saving_again_once_space_is_freed_works_without_restarting_the_desk(tmp_path):
    data_dir = tmp_path / "desk"
    prepared_store(data_dir)
    dossier, blobs = a_dossier(7)
    # The log's header and first page fit, the second page is cut short: a disk full mid-commit.
    first, second = run_child(data_dir, dossier, blobs, "database", 6000, free_space_and_retry=True)
    assert_told_the_officer(first)
    assert second["outcome"] == "saved", f"the same desk could not save once space was freed: {second}"
    assert second["code"] == format_code(AGENCY, DAY, LEASE.first, LEASE.width)
    with open_store(data_dir) as store:
        assert [s.client_id for s in store.list_dossiers()] == [dossier.client_id]
        assert count_rows(store, "code_allocations") == 1
