"""Dossier submissions per second at the central API, against its health check on the same stack.

Starts ``python -m central_api serve --workers N`` on loopback on a fresh PostgreSQL
database (a fresh SQLite file when PostgreSQL does not answer; the JSON says so), logs in
once as the demo officer, then, with the same client threads each time:

1. ``GET /v1/health`` (one ``SELECT 1`` per call): the ceiling of this stack, i.e. HTTP,
   uvicorn, FastAPI, authentication-free routing and one database round trip;
2. ``PUT /v1/dossiers/{client_id}`` of new dossiers without attachments, each with a
   final code from a block leased beforehand (what a desk sends): 201 each;
3. the same PUTs again (what a desk does when an answer was lost): 200 and the very
   same answer each.

Every answer is checked; one wrong answer fails the run. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desk_app.core.dossier import Applicant, Dossier, DossierStatus, FeeLine, ReceivedDocument  # noqa: E402
from desk_app.core.dossier_code import format_code  # noqa: E402
from desk_app.core.identity import Sex  # noqa: E402
from desk_app.core.timeutil import VN_TZ  # noqa: E402

POSTGRES_DSN = os.environ.get("ONE_STOP_BENCH_POSTGRES_DSN", "host=127.0.0.1 port=5432 user=postgres dbname=postgres")
USERNAME, PASSWORD, DESK_ID, SITE = "canbo01", "demo1234", "DESK-BENCH-01", "000.00.17.H56"
LEASE_BLOCK = 500


# the server -------------------------------------------------------------------------------


@contextmanager
def fresh_database() -> Iterator[tuple[str, str, str | None]]:
    """(backend, database URL or "", note): a new PostgreSQL database, else SQLite."""
    try:
        import psycopg
        from psycopg import sql

        admin = psycopg.connect(POSTGRES_DSN, autocommit=True, connect_timeout=3)
    except Exception as exc:  # no driver, no server, no permission: measure on SQLite instead
        yield "sqlite", "", f"PostgreSQL unreachable ({type(exc).__name__}); measured on SQLite"
        return
    name = f"central_bench_{uuid.uuid4().hex[:10]}"
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        host, port, user = admin.info.host, admin.info.port, admin.info.user
    try:
        yield "postgresql", f"postgresql+psycopg://{user}@{host}:{port}/{name}", None
    finally:
        with psycopg.connect(POSTGRES_DSN, autocommit=True, connect_timeout=3) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(database_url: str, workers: int, data_dir: Path) -> Iterator[str]:
    port = _free_port()
    command = [sys.executable, "-m", "central_api", "serve", "--data-dir", str(data_dir), "--seed-demo",
               "--port", str(port), "--workers", str(workers)]
    if database_url:
        command += ["--database-url", database_url]
    # The demo desks are not enrolled; let the benchmark's desk in as the demo does.
    env = dict(os.environ, ONE_STOP_CENTRAL_DESK_ENROLMENT="open")
    errors = data_dir / "server-stderr.log"
    with open(errors, "w") as err:
        # Access lines go to stdout: written as in production, then thrown away.
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_ready(base_url, process, workers, errors)
            yield base_url
        finally:
            process.terminate()
            process.wait(timeout=60)


def _wait_ready(base_url: str, process: subprocess.Popen[bytes], workers: int, errors: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped ({process.returncode}): {errors.read_text()[-2000:]}")
        # Health may answer once the first worker is up; wait for all of them.
        if errors.read_text().count("Application startup complete") >= workers:
            try:
                if requests.get(base_url + "/v1/health", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
        time.sleep(0.2)
    raise RuntimeError("the server did not start within 120 s")


# the client -------------------------------------------------------------------------------


def _dossier(day: date, seq: int, width: int) -> dict[str, Any]:
    received = datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN_TZ) + timedelta(seconds=seq)
    return Dossier(
        client_id=str(uuid.uuid4()),
        procedure_code="DEMO.GPLX.01",
        catalogue_version="2026.11.1",
        applicant=Applicant(
            full_name="Lê Văn Thử", cccd="079090001234", date_of_birth=date(1990, 5, 17), sex=Sex.MALE,
            address="Phường Lộc Thọ, Tỉnh Khánh Hòa", phone="0905000111",
        ),
        received_at=received,
        due_at=received + timedelta(days=7),
        officer_username=USERNAME,
        site_code=SITE,
        desk_id=DESK_ID,
        status=DossierStatus.ACCEPTED,
        code=format_code(SITE, day, seq, width),
        form_values={
            "full_name": "Lê Văn Thử", "date_of_birth": "17/05/1990", "cccd": "079090001234",
            "address": "Phường Lộc Thọ, Tỉnh Khánh Hòa", "licence_number": "790090001234",
            "licence_class": "B2", "licence_issue_date": "02/03/2015", "phone": "0905000111",
        },
        documents=(ReceivedDocument("don", "Đơn đề nghị đổi, cấp lại giấy phép lái xe", originals=1),),
        fees=(FeeLine("le_phi", "Lệ phí cấp đổi giấy phép lái xe", 135000),),
    ).to_wire()


def _prepare_dossiers(base_url: str, headers: dict[str, str], count: int) -> list[dict[str, Any]]:
    """Dossiers numbered from leased blocks, as a desk numbers them (leasing is not timed)."""
    wires: list[dict[str, Any]] = []
    day = date(2027, 6, 1)
    with requests.Session() as http:
        while len(wires) < count:
            response = http.post(
                f"{base_url}/v1/desks/{DESK_ID}/code-leases",
                json={"day": day.isoformat(), "count": min(LEASE_BLOCK, count - len(wires))},
                headers=headers, timeout=30,
            )
            if response.status_code == 409:  # the day's numbers are used up: go on with the next day
                day += timedelta(days=1)
                continue
            response.raise_for_status()
            block = response.json()
            wires += [_dossier(day, seq, block["width"]) for seq in range(block["first"], block["last"] + 1)]
    return wires


@dataclass
class Phase:
    requests: int
    seconds: float
    latencies_ms: list[float]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    def summary(self) -> dict[str, float]:
        ordered = sorted(self.latencies_ms)
        return {
            "per_second": round(self.per_second, 1),
            "p50_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
        }


def run_phase(threads: int, items: list[Any], call: Callable[[requests.Session, Any], None]) -> Phase:
    """``call`` every item, spread over ``threads`` threads that each keep one connection."""
    chunks = [items[i::threads] for i in range(threads)]
    latencies: list[list[float]] = [[] for _ in range(threads)]
    failures: list[BaseException] = []
    barrier = threading.Barrier(threads + 1)

    def work(index: int) -> None:
        with requests.Session() as http:
            barrier.wait()
            for item in chunks[index]:
                started = time.perf_counter()
                try:
                    call(http, item)
                except BaseException as exc:  # reported after the phase; stop this thread
                    failures.append(exc)
                    return
                latencies[index].append((time.perf_counter() - started) * 1000)

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{len(failures)} wrong answers, first: {failures[0]}")
    return Phase(len(items), elapsed, [ms for per_thread in latencies for ms in per_thread])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossiers", type=int, default=2000, help="new dossiers to submit (default 2000)")
    parser.add_argument("--health", type=int, default=4000, help="health requests (default 4000)")
    parser.add_argument("--threads", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (default 2)")
    args = parser.parse_args()

    with fresh_database() as (backend, database_url, note), tempfile.TemporaryDirectory() as tmp:
        with running_server(database_url, args.workers, Path(tmp)) as base_url:
            token = requests.post(
                base_url + "/v1/auth/token",
                json={"username": USERNAME, "password": PASSWORD, "desk_id": DESK_ID},
                timeout=30,
            )
            token.raise_for_status()
            headers = {"Authorization": f"Bearer {token.json()['access_token']}", "X-Desk-Id": DESK_ID}
            wires = _prepare_dossiers(base_url, headers, args.dossiers + 20)
            warm_up, wires = wires[:20], wires[20:]
            answers: dict[str, dict[str, Any]] = {}

            def health(http: requests.Session, _item: int) -> None:
                response = http.get(base_url + "/v1/health", timeout=30)
                if response.status_code != 200:
                    raise RuntimeError(f"health answered {response.status_code}")

            def submit(http: requests.Session, wire: dict[str, Any]) -> None:
                response = http.put(f"{base_url}/v1/dossiers/{wire['client_id']}", json=wire, headers=headers, timeout=30)
                if response.status_code != 201:
                    raise RuntimeError(f"new dossier answered {response.status_code}: {response.text[:300]}")
                answers[wire["client_id"]] = response.json()

            def replay(http: requests.Session, wire: dict[str, Any]) -> None:
                response = http.put(f"{base_url}/v1/dossiers/{wire['client_id']}", json=wire, headers=headers, timeout=30)
                if response.status_code != 200 or response.json() != answers[wire["client_id"]]:
                    raise RuntimeError(f"replay answered {response.status_code}: {response.text[:300]}")

            # Warm every worker's connection pool and caches (catalogue parse) before timing.
            run_phase(args.threads, list(range(50)), health)
            run_phase(args.threads, warm_up, submit)
            health_phase = run_phase(args.threads, list(range(args.health)), health)
            new_phase = run_phase(args.threads, wires, submit)
            replay_phase = run_phase(args.threads, wires, replay)

    result = {
        "benchmark": "central_submit",
        "backend": backend,
        "note": note,
        "workers": args.workers,
        "client_threads": args.threads,
        "cpus": os.cpu_count(),
        "health": health_phase.summary(),
        "submit_new": new_phase.summary(),
        "submit_replay": replay_phase.summary(),
        "ratio_new_to_health": round(new_phase.per_second / health_phase.per_second, 3),
        "ratio_replay_to_health": round(replay_phase.per_second / health_phase.per_second, 3),
        "counts": {"health": health_phase.requests, "new": new_phase.requests, "replay": replay_phase.requests},
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
