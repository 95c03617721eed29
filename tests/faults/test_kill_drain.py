"""The desk's sync process is killed (SIGKILL) at moments chosen by the seed, restarted, killed
again, and finally left to finish: nothing is lost, nothing arrives twice, and the store
reopens cleanly with everything sent."""

from __future__ import annotations

import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from desk_app.store import DeskStore

from .conftest import CHUNK_SIZE, assert_central_holds_exactly, open_desk, queue_dossiers
from tests.support.store_keys import open_store

ROOT = Path(__file__).resolve().parents[2]
LINE_TIMEOUT = 30.0


@dataclass(frozen=True)
class Kill:
    """Where to kill one run, counted in its progress lines from ``at_line`` on:

    - "pause": exactly at that line, the child stopped inside its progress report;
    - "race": let it go on at that line and kill it ``delay`` seconds later, wherever it got
      to (mid-chunk, between two store writes, while the dossier's answer is recorded);
    - "confirmed": at the first line from there on where the server has confirmed a blob's
      last byte and the desk has not yet written that down.
    """

    at_line: int
    mode: str
    delay: float = 0.0

    def fires(self, count: int, line: str) -> bool:
        if count < self.at_line:
            return False
        if self.mode != "confirmed":
            return True
        done, _, total = line.split()[-1].partition("/")
        return done == total and int(total) > 0


@dataclass
class Run:
    kill: Kill | None
    killed: bool
    returncode: int
    last_lines: list[str]

    def describe(self) -> str:
        where = next((line for line in reversed(self.last_lines) if line.startswith("progress")), "before any progress")
        outcome = "killed" if self.killed else f"exited {self.returncode}"
        return f"{self.kill}: {outcome} after '{where}'"


def kill_plan(seed: int) -> list[Kill]:
    rng = random.Random(seed)
    # A run's first few lines are its pulls (catalogue, calendar, leases); outbox lines follow.
    return [Kill(rng.randint(3, 24), rng.choice(("pause", "race", "confirmed")), rng.uniform(0.0, 0.03))
            for _ in range(rng.randint(2, 4))]


def run_drain(data_dir: Path, url: str, desk_id: str, seed: int, kill: Kill | None, log: Path) -> Run:
    command = [sys.executable, "-m", "tests.faults.drain_process", "--data-dir", str(data_dir), "--url", url,
               "--desk-id", desk_id, "--username", "canbo01", "--chunk-size", str(CHUNK_SIZE), "--seed", str(seed)]
    if kill is not None:
        command.append("--lockstep")
    with open(log, "ab") as stderr:
        child = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                                 text=True)
    assert child.stdin is not None and child.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    seen: list[str] = []
    count = 0
    killed = False
    try:
        while (line := lines.get(timeout=LINE_TIMEOUT)) is not None:
            seen.append(line)
            if kill is None or killed or not line.startswith("progress"):
                continue
            count += 1
            if not kill.fires(count, line):
                _go_on(child)
                continue
            if kill.mode == "race":
                child.stdin.close()  # end of lockstep: it runs freely from here
                time.sleep(kill.delay)  # the moment of death is the point of the test, not a wait
            child.send_signal(signal.SIGKILL)
            killed = True
        returncode = child.wait(timeout=LINE_TIMEOUT)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        reader.join(timeout=5)
        for stream in (child.stdin, child.stdout):
            if not stream.closed:
                stream.close()
    return Run(kill, killed and returncode == -signal.SIGKILL, returncode, seen[-6:])


def _go_on(child: subprocess.Popen) -> None:
    assert child.stdin is not None
    try:
        child.stdin.write("go\n")
        child.stdin.flush()
    except BrokenPipeError:
        pass  # it already finished


def test_killing_the_drain_at_random_moments_loses_and_duplicates_nothing(central, tmp_path, fault_seed):
    rng = random.Random(fault_seed)
    data_dir = tmp_path / "desk"
    desk = open_desk(central.base_url, data_dir)
    desk_id = desk.desk_id
    try:
        queued = queue_dossiers(desk, 3, lease_after=rng.randint(0, 3), attachments=2)
    finally:
        desk.client.close()
        desk.store.close()

    log = tmp_path / "drain-stderr.log"
    runs = [run_drain(data_dir, central.base_url, desk_id, fault_seed, kill, log) for kill in kill_plan(fault_seed)]
    final = run_drain(data_dir, central.base_url, desk_id, fault_seed, None, log)
    print("runs:", *(run.describe() for run in runs), sep="\n  ")
    assert final.returncode == 0 and final.last_lines[-1] == "drained", (
        f"the last run did not finish: {final.last_lines}\n{log.read_text()[-3000:]}"
    )
    assert any(run.killed for run in runs), "no run was killed: the plan missed every run"

    with closing(sqlite3.connect(data_dir / "desk.sqlite3")) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with open_store(data_dir) as store:
        assert_central_holds_exactly(central, desk_id, queued, store)
        assert {s.sync_state for s in store.list_dossiers() if s.client_id in {d.client_id for d in queued.dossiers}} == {"sent"}
