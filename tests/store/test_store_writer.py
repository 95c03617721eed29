"""The one writer thread: writes from any thread run one at a time, in order, and drain on close."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from desk_app.store import StoreClosed, StoreWriter
from desk_app.store.database import writer_engine
from desk_app.store.sealing import Sealer, new_store_key


@pytest.fixture
def writer(tmp_path: Path):
    writer = StoreWriter(writer_engine(tmp_path / "w.sqlite3", Sealer(new_store_key())))
    writer.transaction(lambda s: s.execute(text("CREATE TABLE log (n INTEGER, thread INTEGER)")))
    yield writer
    writer.close()


def test_transactions_from_many_threads_run_on_one_thread(writer: StoreWriter) -> None:
    inside = 0
    overlap = False
    guard = threading.Lock()

    def work(session, n: int) -> None:
        nonlocal inside, overlap
        with guard:
            inside += 1
            overlap = overlap or inside > 1
        session.execute(text("INSERT INTO log VALUES (:n, :t)"), {"n": n, "t": threading.get_ident()})
        time.sleep(0.001)
        with guard:
            inside -= 1

    threads = [
        threading.Thread(target=lambda i=i: [writer.transaction(lambda s, n=i * 10 + k: work(s, n)) for k in range(10)])
        for i in range(5)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows = writer.transaction(lambda s: s.execute(text("SELECT n, thread FROM log")).all())
    assert sorted(n for n, _ in rows) == list(range(50))
    assert len({t for _, t in rows}) == 1
    assert not overlap


def test_an_exception_rolls_the_transaction_back_and_reaches_the_caller(writer: StoreWriter) -> None:
    def fail(session) -> None:
        session.execute(text("INSERT INTO log VALUES (1, 0)"))
        raise ValueError("half-way")

    with pytest.raises(ValueError, match="half-way"):
        writer.transaction(fail)
    assert writer.transaction(lambda s: s.execute(text("SELECT count(*) FROM log")).scalar()) == 0


def test_closing_finishes_queued_writes_then_refuses_new_ones(writer: StoreWriter) -> None:
    release = threading.Event()
    writer.submit(release.wait)
    futures = [
        writer.submit(lambda n=n: writer.transaction(lambda s: s.execute(text("INSERT INTO log VALUES (:n, 0)"), {"n": n})))
        for n in range(5)
    ]
    closer = threading.Thread(target=writer.close)
    closer.start()
    release.set()
    closer.join()
    assert all(f.done() and f.exception() is None for f in futures)
    with pytest.raises(StoreClosed):
        writer.transaction(lambda s: None)


def test_a_non_durable_commit_is_kept_and_the_next_commit_is_durable_again(writer: StoreWriter) -> None:
    def synchronous(session) -> int:
        return session.execute(text("PRAGMA synchronous")).scalar_one()

    during = writer.transaction(lambda s: (s.execute(text("INSERT INTO log VALUES (1, 0)")), synchronous(s))[1],
                                durable=False)
    after = writer.transaction(synchronous)
    assert (during, after) == (1, 2)  # NORMAL for the bookkeeping commit, FULL again afterwards
    with pytest.raises(ZeroDivisionError):
        writer.transaction(lambda s: 1 / 0, durable=False)
    assert writer.transaction(synchronous) == 2  # restored after a failed one too
    assert writer.transaction(lambda s: s.execute(text("SELECT count(*) FROM log")).scalar_one()) == 1
