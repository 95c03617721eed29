"""The one writer: every change to the desk's database runs on a single thread.

SQLite admits one writer at a time anyway; funnelling writes through one thread makes that
explicit, so transactions never wait on each other's locks inside the program, and callers
on any thread see their writes applied one after the other in the order they were queued.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from .errors import StoreClosed

T = TypeVar("T")


class StoreWriter:
    """A single-thread executor that runs transactions on the writer engine."""

    def __init__(self, engine: Engine, name: str = "desk-store-writer") -> None:
        self._engine = engine
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._lock = threading.Lock()
        self._closed = False
        self._thread_id: int | None = None
        # Learn the writer thread's id so a job that calls back into the writer runs inline
        # instead of waiting on itself forever.
        self._executor.submit(self._remember_thread).result()

    def _remember_thread(self) -> None:
        self._thread_id = threading.get_ident()

    @property
    def engine(self) -> Engine:
        return self._engine

    def on_writer_thread(self) -> bool:
        return threading.get_ident() == self._thread_id

    def submit(self, job: Callable[[], T]) -> "Future[T]":
        with self._lock:
            if self._closed:
                raise StoreClosed.now()
            return self._executor.submit(job)

    def call(self, job: Callable[[], T]) -> T:
        """Run ``job`` on the writer thread and wait for its result (or its exception)."""
        if self.on_writer_thread():
            return job()
        return self.submit(job).result()

    def transaction(self, work: Callable[[Session], T], *, durable: bool = True) -> T:
        """Run ``work`` in one transaction on the writer thread: all of it commits, or none.

        ``durable=False`` commits without waiting for the disk (``synchronous=NORMAL``): the
        commit is atomic and survives a crash of the program, but a power cut may take it
        back. Only for bookkeeping that is safe to lose, such as an outbox entry's "sent"
        mark (the entry is then sent again and the server answers the same); the next
        durable commit writes it to the disk as well.
        """

        return self.call(self._job(work, durable))

    def transaction_soon(self, work: Callable[[Session], T], *, durable: bool = True) -> "Future[T]":
        """Queue ``work`` as one transaction and return at once; the future holds its outcome.

        Transactions still run one at a time in the order queued, so a later ``call`` or
        ``transaction`` sees this one applied.
        """
        job = self._job(work, durable)
        if self.on_writer_thread():
            done: Future[T] = Future()
            try:
                done.set_result(job())
            except BaseException as exc:  # noqa: BLE001 - handed to whoever reads the future
                done.set_exception(exc)
            return done
        return self.submit(job)

    def _job(self, work: Callable[[Session], T], durable: bool) -> Callable[[], T]:
        def job() -> T:
            if durable:
                with Session(self._engine, expire_on_commit=False) as session, session.begin():
                    return work(session)
            with self._engine.connect() as connection:
                raw = connection.connection.dbapi_connection
                assert raw is not None
                # Outside a transaction (the driver runs in autocommit mode between them).
                raw.execute("PRAGMA synchronous = NORMAL")
                try:
                    with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                        return work(session)
                finally:
                    raw.execute("PRAGMA synchronous = FULL")

        return job

    def close(self) -> None:
        """Refuse new jobs, finish the queued ones, then release the database file."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._executor.shutdown(wait=True)
        self._engine.dispose()
