"""The central API served in-process on loopback: the desk's demo mode and the tests.

uvicorn runs in a background thread on a socket bound here, so the port is known before
the server starts and no other process can take it in between.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from central_api.app import create_app
from central_api.settings import CentralSettings

_START_TIMEOUT_S = 60.0


class EmbeddedServerError(RuntimeError):
    pass


class EmbeddedServer:
    def __init__(
        self,
        data_dir: Path,
        database_url: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        seed_demo: bool = True,
        **settings: object,
    ) -> None:
        """``settings`` passes further CentralSettings fields (e.g. access_token_seconds).

        With the demo data seeded, desks are let in without enrolment (``desk_enrolment``
        "open") and the per-address login limit is lifted (every caller of a loopback server
        is the one address 127.0.0.1: the demo desk, or a test suite logging in many times a
        minute), unless the caller says otherwise. Lock-out after failed logins stays. A real
        deployment runs ``python -m central_api serve``, where enrolment is "required" and the
        limit is 20 a minute."""
        if seed_demo:
            settings.setdefault("desk_enrolment", "open")
            settings.setdefault("login_attempts_per_minute", 10_000)
        self.settings = CentralSettings(
            data_dir=Path(data_dir), database_url=database_url or "", seed_demo=seed_demo, **settings
        )
        self.host = host
        self.port = port
        self.base_url: str | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._failure: BaseException | None = None
        self._app: FastAPI | None = None

    def start(self, timeout: float = _START_TIMEOUT_S) -> str:
        if self._thread is not None:
            raise EmbeddedServerError("already started")
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.listen(128)
        self._socket = sock
        self.port = sock.getsockname()[1]
        self.base_url = f"http://{self.host}:{self.port}"
        self._app = create_app(self.settings)
        config = uvicorn.Config(
            self._app,
            log_level="warning",
            access_log=False,
            lifespan="on",
            timeout_graceful_shutdown=5,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._run, name=f"central-api:{self.port}", daemon=True)
        self._thread.start()
        try:
            self._wait_healthy(timeout)
        except BaseException:
            self.stop()
            raise
        return self.base_url

    def _run(self) -> None:
        assert self._server is not None and self._socket is not None
        try:
            self._server.run(sockets=[self._socket])
        except BaseException as exc:  # reported to the thread waiting in start()
            self._failure = exc

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        url = f"{self.base_url}/v1/health"
        while time.monotonic() < deadline:
            if self._thread is not None and not self._thread.is_alive():
                cause = getattr(getattr(self._app, "state", None), "startup_error", None) or self._failure
                raise EmbeddedServerError(f"the central API did not start: {cause!r}") from cause
            if self._server is None or not self._server.started:
                # Start-up (migrations, seeding) still runs; the socket would accept and hang.
                time.sleep(0.02)
                continue
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200 and json.load(response).get("status") == "ok":
                        return
            except (urllib.error.URLError, OSError, ValueError):
                pass
            time.sleep(0.05)
        raise EmbeddedServerError(f"the central API did not answer on {url} within {timeout:.0f} s")

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=15)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> EmbeddedServer:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
