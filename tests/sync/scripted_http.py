"""A tiny HTTP/1.1 server on loopback whose answers a test writes, for what the real API never does.

The real central API is honest and healthy; to see the desk cope with a proxy's HTML page,
a lying hash or a busy server, a test scripts the answers here. Requests are recorded
with the client's port, so connection reuse is visible too.
"""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator

Answer = tuple[int, dict[str, str], bytes]


@dataclass
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    client_port: int


@dataclass
class ScriptedServer:
    base_url: str
    seen: list[SeenRequest] = field(default_factory=list)
    answer: Callable[[SeenRequest], Answer] = lambda request: json_answer(404, {"detail": "Not Found"})


def json_answer(status: int, body: object, headers: dict[str, str] | None = None) -> Answer:
    return status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(body).encode()


@contextmanager
def scripted_server() -> Iterator[ScriptedServer]:
    state: ScriptedServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            request = SeenRequest(self.command, self.path, {k: v for k, v in self.headers.items()}, body,
                                  self.client_address[1])
            state.seen.append(request)
            status, headers, payload = state.answer(request)
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                # The client gave up first (a timeout test): nobody is left to answer.
                self.close_connection = True

        do_GET = do_POST = do_PUT = do_PATCH = do_HEAD = do_DELETE = _serve

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state = ScriptedServer(base_url=f"http://127.0.0.1:{httpd.server_address[1]}")
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="scripted-http", daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def forwarding(base_url: str, override: Callable[[SeenRequest], Answer | None]) -> Callable[[SeenRequest], Answer]:
    """Answer with ``override`` where it has an opinion, otherwise pass the request to the real API.

    This stands between the desk and the real central API like a faulty proxy would.
    """
    import requests  # only the forwarding needs it

    def answer(request: SeenRequest) -> Answer:
        scripted = override(request)
        if scripted is not None:
            return scripted
        real = requests.request(
            request.method, base_url + request.path, data=request.body or None,
            headers={k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")},
            timeout=10,
        )
        kept = {k: v for k, v in real.headers.items() if k.lower() in ("content-type", "etag", "upload-offset", "upload-length")}
        return real.status_code, kept, real.content

    return answer
