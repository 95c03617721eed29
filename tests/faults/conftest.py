"""Shared parts of the fault tests: seeds, desks queuing real dossiers, draining, and the
central-side check that every dossier and attachment arrived exactly once.

Seeds: ``FAULT_SEEDS="3 7 11"`` (or ``FAULT_SEED=7``, or ``--fault-seeds=3,7`` when
tests/faults is named on the command line); without them a fixed short list keeps the
normal suite quick. Each seeded test prints its seed, shown with a failure's output.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from central_api.models import Blob as CentralBlob
from central_api.models import Dossier as CentralDossier
from central_api.models import DossierAttachment as CentralAttachment
from desk_app.core.dossier import Dossier
from desk_app.core.dossier_code import is_provisional
from desk_app.core.timeutil import now_vn
from desk_app.store import DeskStore
from desk_app.sync import CentralClient, SyncEngine
from tests.support.central_server import RunningCentral, start_central
from tests.sync.conftest import PASSWORD, Desk, MutableClock, Wire

from .drain_process import drain, outbox_problems  # noqa: F401 - drain is shared with the tests
from tests.support.store_keys import open_store

DEFAULT_SEEDS = (1, 2)
# Small chunks, so each attachment (about 18 kB) travels in several requests.
CHUNK_SIZE = 4096
_desk_numbers = itertools.count(1)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--fault-seeds", default=None, help="seeds for the random fault tests, e.g. 3,7,11")


def fault_seeds(config: pytest.Config) -> list[int]:
    text = (config.getoption("--fault-seeds", default=None)
            or os.environ.get("FAULT_SEEDS") or os.environ.get("FAULT_SEED"))
    if not text:
        return list(DEFAULT_SEEDS)
    return [int(part) for part in text.replace(",", " ").split()]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "fault_seed" in metafunc.fixturenames:
        seeds = fault_seeds(metafunc.config)
        metafunc.parametrize("fault_seed", seeds, ids=[f"seed{seed}" for seed in seeds], indirect=True)


@pytest.fixture
def fault_seed(request: pytest.FixtureRequest) -> int:
    seed = int(request.param)
    print(f"FAULT_SEED={seed}  (replay: FAULT_SEED={seed} pytest '{request.node.nodeid}')")
    request.node.user_properties.append(("fault_seed", seed))
    return seed


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCentral]:
    """One seeded central API per test module; tests keep apart by their own desk ids."""
    with start_central(tmp_path_factory.mktemp("central"), "sqlite") as running:
        yield running


def new_desk_id() -> str:
    # Short like a real desk id: it is part of provisional codes.
    return f"DESK-FT-{os.getpid() % 1000:03d}-{next(_desk_numbers):02d}"


def open_desk(base_url: str, data_dir: Path, desk_id: str | None = None, username: str = "canbo01") -> Desk:
    """A desk signed in straight to the central API (not through any proxy), with its store."""
    desk_id = desk_id or new_desk_id()
    wire = Wire()
    client = CentralClient(base_url, desk_id=desk_id, chunk_size=CHUNK_SIZE)
    client.session.hooks["response"].append(wire)
    login = client.login(username, PASSWORD)
    catalogue, _ = client.get_catalogue(None)
    assert catalogue is not None
    return Desk(desk_id, open_store(data_dir), client, login, wire, catalogue, base_url)


@dataclass(frozen=True)
class Queued:
    """What a desk saved: the dossiers as saved (with their codes) and every attachment's bytes."""

    dossiers: list[Dossier]
    blobs: dict[str, bytes]


def queue_dossiers(desk: Desk, count: int, *, lease_after: int | None = None, attachments: int = 3) -> Queued:
    """``count`` dossiers, each with a portrait and scans. The first ``lease_after`` are saved
    before the desk holds any code lease (provisional codes the server replaces), the rest
    after it leased a block (final codes the server must keep)."""
    saved: list[Dossier] = []
    blobs: dict[str, bytes] = {}
    lease_after = count if lease_after is None else lease_after
    for n in range(count):
        if n == lease_after:
            desk.store.add_code_lease(desk.client.lease_codes(now_vn().date(), count))
        dossier, files = desk.dossier(portraits=attachments, seed=n + 1)
        saved.append(desk.store.save_new_dossier(dossier, files))
        blobs.update(files)
    return Queued(saved, blobs)


# ---------------------------------------------------------------------- central-side check


def central_blob_path(central: RunningCentral, sha256: str) -> Path:
    blob_dir = central.server.settings.blob_dir
    assert blob_dir is not None
    return Path(blob_dir) / sha256[:2] / sha256


def central_partial_path(central: RunningCentral, sha256: str) -> Path:
    blob_dir = central.server.settings.blob_dir
    assert blob_dir is not None
    return Path(blob_dir) / "partial" / f"{sha256}.part"


def assert_central_holds_exactly(central: RunningCentral, desk_id: str, queued: Queued, store: DeskStore) -> None:
    """Read the central database and blob files directly: every dossier of this desk once,
    nothing extra, codes final and unique, every attachment whole; the desk agrees."""
    engine = create_engine(central.database_url)
    try:
        with Session(engine) as session:
            rows = session.scalars(select(CentralDossier).where(CentralDossier.desk_id == desk_id)).all()
            attached = {
                (dossier_id, sha)
                for dossier_id, sha in session.execute(
                    select(CentralAttachment.dossier_id, CentralAttachment.sha256)
                    .join(CentralDossier, CentralDossier.id == CentralAttachment.dossier_id)
                    .where(CentralDossier.desk_id == desk_id)
                )
            }
            blob_rows = {b.sha256: b for b in session.scalars(
                select(CentralBlob).where(CentralBlob.sha256.in_(list(queued.blobs))))}
            doubled_codes = session.execute(
                select(CentralDossier.code, func.count()).group_by(CentralDossier.code).having(func.count() > 1)
            ).all()
    finally:
        engine.dispose()

    expected = {d.client_id: d for d in queued.dossiers}
    received = [row.client_id for row in rows]
    assert sorted(received) == sorted(expected), (
        f"server holds {len(received)} dossiers of {desk_id}, the desk saved {len(expected)}; "
        f"missing {sorted(set(expected) - set(received))}, extra {sorted(set(received) - set(expected))}"
    )
    assert not doubled_codes, f"codes given to more than one dossier: {doubled_codes}"

    for row in rows:
        saved = expected[row.client_id]
        assert not is_provisional(row.code), row.code
        if not saved.code_provisional:
            assert row.code == saved.code, "the server replaced a final code the desk had leased"
        wire = saved.to_wire()
        assert row.body["attachments"] == wire["attachments"] and row.body["applicant"] == wire["applicant"]
        assert {sha for dossier_id, sha in attached if dossier_id == row.id} == {a.sha256 for a in saved.attachments}
        on_desk = store.get_dossier(row.client_id)
        assert (on_desk.code, on_desk.code_provisional) == (row.code, False), "the desk did not learn the final code"

    for sha, data in queued.blobs.items():
        blob = blob_rows.get(sha)
        assert blob is not None and blob.complete and blob.length == len(data), f"blob {sha} not complete"
        stored = central_blob_path(central, sha).read_bytes()
        assert hashlib.sha256(stored).hexdigest() == sha and stored == data, f"blob {sha} damaged on the server"
        assert not central_partial_path(central, sha).exists(), f"a partial upload of {sha} was left behind"

    entries = store.outbox_entries()
    assert outbox_problems(store) == {}
    assert sorted(e.client_id for e in entries if e.kind == "dossier") == sorted(expected)
    assert sorted(e.sha256 for e in entries if e.kind == "blob") == sorted(queued.blobs)


def engine_for(desk: Desk, client: CentralClient, clock: MutableClock, seed: int) -> SyncEngine:
    return SyncEngine(desk.store, client, desk_id=desk.desk_id, agency_code=desk.agency_code,
                      clock=clock, rng=random.Random(seed))

