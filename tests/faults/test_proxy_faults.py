"""A desk drains its outbox through a link that drops, resets, delays, refuses and truncates,
and the central API still ends up with every dossier and attachment exactly once."""

from __future__ import annotations

import random
from collections import Counter

from desk_app.core.dossier_code import is_provisional
from tests.sync.conftest import MutableClock

from .conftest import CHUNK_SIZE, assert_central_holds_exactly, drain, engine_for, open_desk, queue_dossiers
from .fault_proxy import FAULT_KINDS, FaultMix, FaultProxy

DOSSIERS = 4
# About one request in three meets a fault, each kind equally often: enough that every kind
# shows up in one run, few enough that passes still make progress.
FAULTS = FaultMix.even(0.35, max_delay=0.05)


def test_a_faulty_link_delivers_every_dossier_and_attachment_exactly_once(central, tmp_path, fault_seed):
    rng = random.Random(fault_seed)
    desk = open_desk(central.base_url, tmp_path / "desk")
    try:
        # Some dossiers wait with provisional codes, the rest took codes from a leased block.
        queued = queue_dossiers(desk, DOSSIERS, lease_after=rng.randint(0, DOSSIERS))
        assert any(len(data) > 3 * CHUNK_SIZE for data in queued.blobs.values())
        with FaultProxy(central.base_url, seed=fault_seed, mix=FAULTS) as proxy:
            client = desk.new_client(proxy.base_url, chunk_size=CHUNK_SIZE, timeout=5)
            clock = MutableClock()
            reports = drain(engine_for(desk, client, clock, fault_seed), desk.store, clock, within=45)
            counts: Counter[str] = proxy.counts
            client.close()
        print(f"{len(reports)} passes, {sum(counts.values())} connections, faults {dict(counts)}")

        assert_central_holds_exactly(central, desk.desk_id, queued, desk.store)
        assert not any(is_provisional(d.code) for d in desk.store.list_dossiers())
        missing = [kind for kind in FAULT_KINDS if counts[kind] == 0]
        assert not missing, f"fault kinds that never happened in this run: {missing} ({dict(counts)})"
    finally:
        desk.client.close()
        desk.store.close()
