"""The central API stops in the middle of a desk's drain and comes back on the same data
directory at a new address (behind the same proxy address): the drain finishes, and the
central API holds every dossier and attachment exactly once."""

from __future__ import annotations

import random
import threading

from tests.support.central_server import start_central
from tests.sync.conftest import MutableClock

from .conftest import CHUNK_SIZE, assert_central_holds_exactly, drain, engine_for, open_desk, queue_dossiers
from .fault_proxy import FaultProxy

WAIT = 30.0


def test_a_central_restart_during_the_drain_loses_and_duplicates_nothing(tmp_path, fault_seed):
    rng = random.Random(fault_seed)
    stop_at = rng.randint(3, 30)  # progress reports before the central API goes away
    # "between": the pass stands still while the server stops; "during": it runs on, so the
    # stop usually meets a request in flight.
    mode = rng.choice(("between", "during"))
    print(f"central API stops at progress report {stop_at}, {mode} requests")
    central_dir = tmp_path / "central"
    reached, stopped, noticed = threading.Event(), threading.Event(), threading.Event()
    reports_seen = 0

    def on_progress(_progress) -> None:
        nonlocal reports_seen
        reports_seen += 1
        if reports_seen == stop_at:
            reached.set()
            if mode == "between":
                assert stopped.wait(WAIT)

    def on_pass(report) -> None:
        if stopped.is_set() and not report.online:
            noticed.set()

    with start_central(central_dir, "sqlite") as first:
        desk = open_desk(first.base_url, tmp_path / "desk")
        try:
            queued = queue_dossiers(desk, 3, lease_after=rng.randint(0, 3), attachments=2)
            with FaultProxy(first.base_url, seed=fault_seed) as proxy:
                client = desk.new_client(proxy.base_url, chunk_size=CHUNK_SIZE, timeout=5)
                clock = MutableClock()
                engine = engine_for(desk, client, clock, fault_seed)
                outcome: list[BaseException | None] = []
                idle = threading.Event()

                def drain_all() -> None:
                    try:
                        drain(engine, desk.store, clock, within=WAIT, progress=on_progress, on_pass=on_pass, idle=idle)
                        outcome.append(None)
                    except BaseException as exc:  # handed to the test thread
                        outcome.append(exc)

                worker = threading.Thread(target=drain_all, name="drain")
                worker.start()
                try:
                    assert reached.wait(WAIT), "the drain never got that far"
                    first.server.stop()
                    stopped.set()
                    assert noticed.wait(WAIT), "the desk never noticed the central API was gone"
                    with start_central(central_dir, "sqlite") as second:
                        proxy.retarget(second.base_url)
                        worker.join(WAIT + 5)
                        assert not worker.is_alive(), "the drain did not end"
                        if outcome[0] is not None:
                            raise outcome[0]
                        counts = proxy.counts
                        print(f"proxy: {dict(counts)}")
                        assert counts["upstream_down"] >= 1, "no request met the stopped server"
                        assert_central_holds_exactly(second, desk.desk_id, queued, desk.store)
                finally:
                    stopped.set()
                    idle.set()
                    worker.join(WAIT)
                    client.close()
        finally:
            desk.client.close()
            desk.store.close()
