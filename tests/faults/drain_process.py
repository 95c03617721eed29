"""A desk draining its outbox, as a loop the tests call and as a program a test can SIGKILL.

    python -m tests.faults.drain_process --data-dir DIR --url URL --desk-id ID --username canbo01

The program opens the desk's store, signs in once, and runs sync passes until the outbox
holds nothing but sent entries. It prints a line per progress report
(``progress <stage> <done>/<total> <bytes_done>/<bytes_total>``), a line per pass
(``pass sent=… waiting=… retrying=… held=…``), then ``drained`` and exits 0. Exit 2: an
entry was held; exit 3: not drained in time.

``--lockstep`` makes it wait after each progress line for a line on stdin before going on,
so the test decides at every step whether to let it continue or to kill it right there:
an exact point of a pass, for instance after the server confirmed a blob's last chunk and
before the desk wrote that down. End of input lets it run freely.

The desk's clock skips ahead to the next due retry instead of waiting for it, so backoff
costs no real time here either.
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Callable

from desk_app.store import DeskStore
from desk_app.sync import CentralClient, SyncEngine, SyncProgress, SyncReport
from tests.sync.conftest import PASSWORD, MutableClock
from tests.support.store_keys import open_store

EXIT_HELD = 2
EXIT_TIMEOUT = 3


def outbox_problems(store: DeskStore) -> dict[str, int]:
    """States other than "sent" that still hold entries (empty when everything went)."""
    return {state: n for state, n in store.outbox_counts().items() if state != "sent" and n}


def next_useful_time(store: DeskStore, clock: MutableClock, report: SyncReport) -> datetime:
    """When a pass can next achieve something: the first due entry, or later the breaker's wait."""
    now = clock()
    if store.outbox_counts().get("waiting", 0):
        due = now
    else:
        retry_times = [e.next_try_at for e in store.outbox_entries(states=["retrying"]) if e.next_try_at]
        due = min(retry_times, default=now)
    breaker = getattr(report, "next_try_at", None)  # set while the engine's circuit breaker is open
    return max(due, breaker) if breaker is not None else due


def skip_ahead(store: DeskStore, clock: MutableClock, report: SyncReport) -> None:
    gap = (next_useful_time(store, clock, report) - clock()).total_seconds()
    clock.advance(seconds=max(gap, 0.0) + 0.5)


class NotDrained(AssertionError):
    def __init__(self, message: str, *, held: bool) -> None:
        super().__init__(message)
        self.held = held


def drain(
    engine: SyncEngine,
    store: DeskStore,
    clock: MutableClock,
    *,
    within: float,
    progress: Callable[[SyncProgress], None] | None = None,
    on_pass: Callable[[SyncReport], None] | None = None,
    idle: threading.Event | None = None,
) -> list[SyncReport]:
    """Run passes until the outbox holds nothing but sent entries. Fails past ``within``
    seconds, or at once when an entry is held: a person would have to look, so the faults
    were not treated as transient. ``idle``, when given, is waited on briefly after a pass
    that sent nothing (a server that is away need not be hammered in a tight loop)."""
    reports: list[SyncReport] = []
    deadline = time.monotonic() + within
    while True:
        report = engine.run_once(progress=progress)
        reports.append(report)
        if on_pass is not None:
            on_pass(report)
        left = outbox_problems(store)
        if not left:
            return reports
        if left.get("held"):
            held = [(e.kind, e.client_id, e.sha256, e.last_error) for e in store.outbox_entries(states=["held"])]
            raise NotDrained(f"entries held after transient faults: {held}", held=True)
        if time.monotonic() > deadline:
            raise NotDrained(f"outbox not drained within {within:.0f} s after {len(reports)} passes: {left}; "
                             f"last error: {report.error!r}", held=False)
        skip_ahead(store, clock, report)
        if idle is not None and report.sent == 0:
            idle.wait(0.02)


def _say(line: str) -> None:
    print(line, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--desk-id", required=True)
    parser.add_argument("--username", default="canbo01")
    parser.add_argument("--chunk-size", type=int, default=4096)
    parser.add_argument("--lockstep", action="store_true")
    parser.add_argument("--within", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    store = open_store(args.data_dir)
    client = CentralClient(args.url, desk_id=args.desk_id, chunk_size=args.chunk_size, timeout=5)
    login = client.login(args.username, PASSWORD)  # argon2 on the server: once per process
    _say(f"signed in {login.user.username}")
    clock = MutableClock()
    engine = SyncEngine(store, client, desk_id=args.desk_id, agency_code=login.user.agency_code,
                        clock=clock, rng=random.Random(args.seed))
    lockstep = args.lockstep

    def progress(p: SyncProgress) -> None:
        nonlocal lockstep
        _say(f"progress {p.stage} {p.done}/{p.total} {p.bytes_done}/{p.bytes_total}")
        if lockstep and not sys.stdin.readline():
            lockstep = False

    def on_pass(report: SyncReport) -> None:
        _say(f"pass sent={report.sent} waiting={report.waiting} retrying={report.retrying} held={report.held}")

    try:
        drain(engine, store, clock, within=args.within, progress=progress, on_pass=on_pass)
    except NotDrained as exc:
        _say(f"not drained: {exc}")
        return EXIT_HELD if exc.held else EXIT_TIMEOUT
    finally:
        client.close()
        store.close()
    _say("drained")
    return 0


if __name__ == "__main__":
    sys.exit(main())
