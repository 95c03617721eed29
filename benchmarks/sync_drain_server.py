"""The central API for the sync drain benchmark: ``python -m central_api serve`` in a process of its own.

A separate process, so the server's Python does not compete with the desk's threads for
one GIL: the desk is measured, not the two sharing a core lock. SQLite in a temp folder,
demo data seeded, desks let in without enrolment as in the demo.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
_START_TIMEOUT_S = 120.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def central_process(data_dir: Path) -> Iterator[str]:
    """The server's base URL once it answers its health check; stopped on exit."""
    port = _free_port()
    command = [sys.executable, "-m", "central_api", "serve", "--data-dir", str(data_dir), "--seed-demo",
               "--port", str(port), "--workers", "1"]
    env = dict(os.environ, ONE_STOP_CENTRAL_DESK_ENROLMENT="open")
    errors = data_dir / "server-stderr.log"
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(errors, "w") as err:
        # The access log (one JSON line per request on stdout) is written as in production, then dropped.
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_healthy(base_url, process, errors)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_healthy(base_url: str, process: subprocess.Popen[bytes], errors: Path) -> None:
    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the central API stopped ({process.returncode}): {errors.read_text()[-2000:]}")
        try:
            if requests.get(base_url + "/v1/health", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the central API did not answer within {_START_TIMEOUT_S:.0f} s")
