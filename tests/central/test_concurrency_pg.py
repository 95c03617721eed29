"""Races on PostgreSQL, the production database, from many threads and two servers.

Two uvicorn servers run on one PostgreSQL database and one attachment folder, as two
workers (or two hosts) of a deployment do; the requests of each test are spread over
both and released together by a barrier. Whatever the interleaving: one dossier per
client_id with one code and one answer, lease blocks that never overlap, final codes that
never repeat, and one complete blob whose stored bytes hash to its name.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
import requests

from central_api.embedded import EmbeddedServer
from desk_app.core.dossier_code import parse_code, provisional_code
from desk_app.core.timeutil import VN_TZ
from tests.central.helpers import fresh_day, lease, make_dossier, patch_chunk, put_dossier, sha256_hex
from tests.support.central_server import SITE_CENTRE, RunningCentral, start_central

pytestmark = pytest.mark.postgres
T = TypeVar("T")
THREADS = 16


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningCentral, RunningCentral]]:
    """Two servers, one database, one blob folder (start_central skips without PostgreSQL)."""
    data_dir = tmp_path_factory.mktemp("central-pg-race")
    with start_central(data_dir, "postgresql") as first:
        second_server = EmbeddedServer(data_dir, database_url=first.database_url, seed_demo=True)
        base_url = second_server.start()
        try:
            yield first, RunningCentral(base_url, "postgresql", data_dir, first.database_url, second_server)
        finally:
            second_server.stop()


def _together(calls: list[Callable[[], T]]) -> list[T]:
    """Run the calls on their own threads, released at once by a barrier."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], T]) -> T:
        barrier.wait(timeout=30)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def _rows_at(database_url: str, query: str, *params: Any) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(database_url.replace("postgresql+psycopg://", "postgresql://")) as connection:
        return connection.execute(query, params).fetchall()


def _rows(central: RunningCentral, query: str, *params: Any) -> list[tuple[Any, ...]]:
    return _rows_at(central.database_url, query, *params)


def _morning(day: Any) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 30, tzinfo=VN_TZ)


def test_replays_of_one_dossier_create_it_once_with_one_code_and_one_answer(
    pair: tuple[RunningCentral, RunningCentral],
) -> None:
    headers = pair[0].headers()  # the token lives in the database: both servers accept it
    day = fresh_day()
    for round_no in range(4):
        # No code at all, then a provisional one: each copy would allocate a final code if
        # the race were lost, so a duplicate would show as a second code.
        code = None if round_no % 2 == 0 else provisional_code(SITE_CENTRE, day, headers["X-Desk-Id"], round_no)
        dossier = make_dossier(code=code, provisional=code is not None, received_at=_morning(day))
        wire = dossier.to_wire()
        answers = _together([lambda i=i: put_dossier(pair[i % 2], headers, wire) for i in range(THREADS)])
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [200] * (THREADS - 1) + [201], [a.text for a in answers if a.status_code >= 300]
        bodies = [a.json() for a in answers]
        assert all(body == bodies[0] for body in bodies)
        stored = _rows(pair[0], "SELECT code FROM dossiers WHERE client_id = %s", dossier.client_id)
        assert stored == [(bodies[0]["code"],)]
    codes = _rows(pair[0], "SELECT code FROM dossiers WHERE code LIKE %s ORDER BY code", f"%-{day:%y%m%d}-%")
    # Four dossiers, four numbers, none burnt by the copies that lost the race.
    assert [parse_code(c)[2] for (c,) in codes] == [1, 2, 3, 4]


def test_parallel_leases_from_two_desks_and_two_servers_never_overlap(
    pair: tuple[RunningCentral, RunningCentral],
) -> None:
    desks = [pair[0].headers("canbo01"), pair[0].headers("giamsat01")]
    day = fresh_day()
    sizes = [1 + (i % 5) * 7 for i in range(THREADS)]
    answers = _together(
        [lambda i=i: lease(pair[i % 2], desks[(i // 2) % 2], day, sizes[i]) for i in range(THREADS)]
    )
    assert all(a.status_code == 201 for a in answers), [a.text for a in answers]
    blocks = sorted((a.json()["first"], a.json()["last"]) for a in answers)
    assert sorted(last - first + 1 for first, last in blocks) == sorted(sizes)
    # Sorted blocks tile 1..total exactly: no overlap and no hole.
    expected_first = 1
    for first, last in blocks:
        assert first == expected_first
        expected_first = last + 1
    assert expected_first - 1 == sum(sizes)


def test_parallel_provisional_replacements_never_give_a_final_code_twice(
    pair: tuple[RunningCentral, RunningCentral],
) -> None:
    headers = pair[0].headers()
    day = fresh_day()
    # Some numbers leased first, so replacements must come after the leased block.
    assert lease(pair[1], headers, day, 5).status_code == 201
    dossiers = [
        make_dossier(
            code=provisional_code(SITE_CENTRE, day, headers["X-Desk-Id"], n),
            provisional=True,
            received_at=_morning(day),
        )
        for n in range(1, THREADS * 2 + 1)
    ]
    answers = _together(
        [lambda i=i: put_dossier(pair[i % 2], headers, dossiers[i].to_wire()) for i in range(len(dossiers))]
    )
    assert all(a.status_code == 201 for a in answers), [a.text for a in answers if a.status_code != 201]
    bodies = [a.json() for a in answers]
    assert [b["replaced_code"] for b in bodies] == [d.code for d in dossiers]
    sequence = sorted(parse_code(b["code"])[2] for b in bodies)
    assert sequence == list(range(6, 6 + len(dossiers)))


def _upload_all(central: RunningCentral, headers: dict[str, str], data: bytes, chunk: int) -> dict[str, Any]:
    """A desk's uploader: resume where the server says, until the blob is complete."""
    sha = sha256_hex(data)
    offset = 0
    for _ in range(10 * (len(data) // chunk + 1)):
        response = patch_chunk(central, headers, sha, offset, len(data), data[offset : offset + chunk])
        if response.status_code == 409 and response.json()["detail"]["code"] == "offset_mismatch":
            offset = response.json()["detail"]["offset"]
            continue
        assert response.status_code == 200, response.text
        answer = response.json()
        if answer["complete"]:
            return answer
        offset = answer["offset"]
    raise AssertionError("the upload never completed")


def test_parallel_chunk_uploads_of_one_blob_end_with_one_verified_blob(
    pair: tuple[RunningCentral, RunningCentral],
) -> None:
    headers = pair[0].headers()
    data = os.urandom(24 * 32 * 1024 + 1000)  # 25 chunks of 32 KiB, the last one short
    sha = sha256_hex(data)
    answers = _together([lambda i=i: _upload_all(pair[i % 2], headers, data, 32 * 1024) for i in range(8)])
    assert all(answer == {"sha256": sha, "offset": len(data), "length": len(data), "complete": True} for answer in answers)
    for central in pair:
        head = requests.head(central.url(f"/v1/blobs/{sha}"), headers=headers, timeout=10)
        assert (head.headers["Upload-Offset"], head.headers["Upload-Length"]) == (str(len(data)),) * 2
    blob_dir = Path(pair[0].server.settings.blob_dir or "")
    stored = blob_dir / sha[:2] / sha
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha
    assert not (blob_dir / "partial" / f"{sha}.part").exists()
    assert _rows(pair[0], "SELECT complete, length FROM blobs WHERE sha256 = %s", sha) == [(True, len(data))]


def test_migrate_commands_started_at_once_on_an_empty_database_all_succeed(tmp_path: Path) -> None:
    """Four processes, as N workers or hosts starting together would, without serve's
    migrate-first: the advisory lock lets one migrate while the others wait."""
    from central_api.migrate import head_revision
    from tests.support.central_server import postgres_database

    with postgres_database() as url:
        command = [sys.executable, "-m", "central_api", "migrate", "--database-url", url]
        processes = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)
        ]
        outputs = [process.communicate(timeout=120) for process in processes]
        assert [process.returncode for process in processes] == [0] * 4, [err[-800:] for _, err in outputs]
        assert all(f"is at schema revision {head_revision()}" in out for out, _ in outputs)
        assert _rows_at(url, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
        # Exactly one process ran the migration steps; the others found the schema at head.
        assert sum("Running upgrade  -> 0001" in err for _, err in outputs) == 1


def test_a_server_told_not_to_migrate_refuses_an_old_schema(tmp_path: Path) -> None:
    from central_api.embedded import EmbeddedServerError
    from tests.support.central_server import postgres_database

    with postgres_database() as url:
        server = EmbeddedServer(tmp_path, database_url=url, seed_demo=False, migrate_on_start=False)
        with pytest.raises(EmbeddedServerError, match="SchemaNotCurrent"):
            server.start(timeout=30)
        server.stop()


def test_concurrent_replays_of_one_fee_record_store_it_once(pair: tuple[RunningCentral, RunningCentral]) -> None:
    from desk_app.core.dossier import FeeLine
    from desk_app.core.fees import FeeRecord, PaymentMethod

    headers = pair[0].headers()
    dossier = make_dossier(received_at=_morning(fresh_day()))
    assert put_dossier(pair[0], headers, dossier.to_wire()).status_code == 201
    wire = FeeRecord.payment(dossier.client_id, (FeeLine("le_phi", "Lệ phí", 135000),), PaymentMethod.CASH,
                             officer_username="canbo01", recorded_at=_morning(fresh_day())).to_wire()

    def send(central: RunningCentral) -> requests.Response:
        return requests.put(central.url(f"/v1/dossiers/{dossier.client_id}/fees/{wire['fee_id']}"), json=wire,
                            headers=headers, timeout=30)

    answers = _together([lambda i=i: send(pair[i % 2]) for i in range(THREADS)])
    assert sorted(a.status_code for a in answers) == [200] * (THREADS - 1) + [201], [a.text for a in answers]
    assert all(a.json() == answers[0].json() for a in answers)
    assert _rows(pair[0], "SELECT count(*) FROM fee_records WHERE fee_id = %s", wire["fee_id"]) == [(1,)]
