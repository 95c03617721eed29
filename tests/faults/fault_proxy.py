"""A TCP proxy between a desk and the central API that misbehaves on purpose.

It listens on 127.0.0.1 (a free port) and forwards to the central API, choosing for each
connection, from a seeded ``random.Random``, one of:

- ``pass``: forward the request and the answer untouched;
- ``drop``: close the connection once the request head arrived, before forwarding it;
- ``reset``: forward the head and part of the body, then reset both sides (RST);
- ``delay``: forward, but hold the answer back a little (bounded, small);
- ``busy``: answer 503 with Retry-After itself, for this and a few following connections,
  without forwarding (an overloaded gateway in front of the API);
- ``truncate``: forward the request, then pass on only part of the answer and close; the
  server did the work, the desk cannot know it (cut at 0 bytes is a lost answer).

Every request is rewritten to ``Connection: close``, so a connection carries exactly one
request and "per connection" means "per request"; the proxy then never parses answers.
Request bodies must carry Content-Length (the desk's client always sends one).
The upstream can be changed while running (``retarget``), so a restarted server on a new
port is reachable behind the same proxy address. ``counts`` says what the proxy did.

``tamper`` (optional) sees every answer that passes whole, with its request line, and may
return other bytes: a gateway or a server that loses or changes what it says it stored.
The proxy mends the Content-Length of what it returns; "tampered" counts the changed ones.
"""

from __future__ import annotations

import random
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

FAULT_KINDS = ("drop", "reset", "delay", "busy", "truncate")
_HEAD_LIMIT = 64 * 1024
_IO_TIMEOUT = 30.0
_BUSY_BODY = b'{"detail": {"code": "busy", "message": "The gateway is overloaded; try again later."}}'


@dataclass(frozen=True)
class FaultMix:
    """Probabilities per connection of each fault (the rest pass); how long, how many."""

    drop: float = 0.0
    reset: float = 0.0
    delay: float = 0.0
    busy: float = 0.0
    truncate: float = 0.0
    max_delay: float = 0.05
    busy_burst: tuple[int, int] = (1, 3)
    retry_after: int = 1

    @classmethod
    def even(cls, rate: float, **kwargs: object) -> "FaultMix":
        """Every fault kind equally likely, ``rate`` in all."""
        share = rate / len(FAULT_KINDS)
        return cls(**dict.fromkeys(FAULT_KINDS, share), **kwargs)  # type: ignore[arg-type]

    def __post_init__(self) -> None:
        if sum(getattr(self, kind) for kind in FAULT_KINDS) > 1.0:
            raise ValueError("fault probabilities add up to more than 1")


@dataclass(frozen=True)
class _Plan:
    """What to do to one connection; ``share`` picks the cut point or the delay."""

    kind: str
    share: float


def _address(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    if parts.hostname is None or parts.port is None:
        raise ValueError(f"{base_url!r} does not name a host and port")
    return parts.hostname, parts.port


def _reset(sock: socket.socket) -> None:
    # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


class FaultProxy:
    def __init__(self, upstream_url: str, *, seed: int, mix: FaultMix = FaultMix(),
                 tamper: Callable[[bytes, bytes], bytes] | None = None) -> None:
        self.mix = mix
        self.tamper = tamper
        self.seed = seed
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._upstream = _address(upstream_url)
        self._counts: Counter[str] = Counter()
        self._busy_left = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.base_url = "http://127.0.0.1:%d" % self._listener.getsockname()[1]
        self._threads: set[threading.Thread] = set()
        self._closed = threading.Event()
        self._acceptor = threading.Thread(target=self._accept_loop, name="fault-proxy", daemon=True)
        self._acceptor.start()

    # ---------------------------------------------------------------- control

    def retarget(self, upstream_url: str) -> None:
        """Forward new connections to another server (a restarted one on a new port)."""
        with self._lock:
            self._upstream = _address(upstream_url)

    @property
    def counts(self) -> Counter[str]:
        """Connections per fault kind ("pass" included); "upstream_down" when the server was away."""
        with self._lock:
            return Counter(self._counts)

    def close(self) -> None:
        self._closed.set()
        try:
            self._listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._listener.close()
        self._acceptor.join(timeout=5)
        for thread in list(self._threads):
            thread.join(timeout=5)

    def __enter__(self) -> "FaultProxy":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---------------------------------------------------------------- plumbing

    def _accept_loop(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            thread = threading.Thread(target=self._handle, args=(client,), name="fault-proxy-conn", daemon=True)
            with self._lock:
                self._threads.add(thread)
            thread.start()

    def _plan(self, has_body: bool) -> _Plan:
        # Drawn under the lock, in the order requests arrive: the desk sends one request at a
        # time, so a seed replays the same faults on the same requests.
        with self._lock:
            mix = self.mix
            share = self._rng.random()
            if self._busy_left > 0:
                self._busy_left -= 1
                return _Plan("busy", share)
            roll = self._rng.random()
            for kind in FAULT_KINDS:
                weight = getattr(mix, kind)
                if roll < weight:
                    if kind == "reset" and not has_body:
                        break  # nothing to cut mid-body: this one passes
                    if kind == "busy":
                        self._busy_left = self._rng.randint(*mix.busy_burst) - 1
                    return _Plan(kind, share)
                roll -= weight
            return _Plan("pass", share)

    def _count(self, kind: str) -> None:
        with self._lock:
            self._counts[kind] += 1

    def _handle(self, client: socket.socket) -> None:
        try:
            client.settimeout(_IO_TIMEOUT)
            self._serve(client)
        except OSError:
            pass  # the desk gave up on this connection; that is its business
        finally:
            client.close()
            with self._lock:
                self._threads.discard(threading.current_thread())

    def _serve(self, client: socket.socket) -> None:
        head, early = _read_head(client)
        if head is None:
            return
        request_line, headers = _parse_head(head)
        if "chunked" in headers.get("transfer-encoding", "").lower():
            raise OSError("chunked request bodies are not supported by the fault proxy")
        length = int(headers.get("content-length", "0") or 0)
        plan = self._plan(has_body=length > 0)
        self._count(plan.kind)

        if plan.kind == "drop":
            return
        if plan.kind == "busy":
            _read_exactly(client, length - len(early))
            client.sendall(
                b"HTTP/1.1 503 Service Unavailable\r\n"
                b"Retry-After: %d\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\nConnection: close\r\n\r\n%s"
                % (self.mix.retry_after, len(_BUSY_BODY), _BUSY_BODY)
            )
            return

        with self._lock:
            upstream_address = self._upstream
        try:
            upstream = socket.create_connection(upstream_address, timeout=_IO_TIMEOUT)
        except OSError:
            self._count("upstream_down")
            _reset(client)
            return
        try:
            upstream.sendall(_rewrite_head(request_line, headers))
            if plan.kind == "reset":
                cut = max(1, int(plan.share * length)) if length > 1 else 0
                upstream.sendall(early[:cut])
                if cut > len(early):
                    upstream.sendall(_read_exactly(client, cut - len(early)))
                _reset(upstream)
                _reset(client)
                return
            upstream.sendall(early)
            _pipe(client, upstream, length - len(early))
            if plan.kind == "truncate":
                answer = _read_to_end(upstream)
                client.sendall(answer[: int(plan.share * len(answer))])
                return
            if plan.kind == "delay":
                time.sleep(plan.share * self.mix.max_delay)
            if self.tamper is not None:
                answer = _read_to_end(upstream)
                changed = self.tamper(request_line, answer)
                if changed != answer:
                    self._count("tampered")
                    answer = _with_length(changed)
                client.sendall(answer)
                return
            while chunk := upstream.recv(65536):
                client.sendall(chunk)
        finally:
            upstream.close()


def _read_head(sock: socket.socket) -> tuple[bytes | None, bytes]:
    """The request head and whatever part of the body arrived with it."""
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        if len(buffer) > _HEAD_LIMIT:
            raise OSError("request head too long")
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        buffer += chunk
    head, _, early = buffer.partition(b"\r\n\r\n")
    return head, early


def _parse_head(head: bytes) -> tuple[bytes, dict[str, str]]:
    request_line, *lines = head.split(b"\r\n")
    headers: dict[str, str] = {}
    for line in lines:
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return request_line, headers


def _rewrite_head(request_line: bytes, headers: dict[str, str]) -> bytes:
    kept = [f"{name}: {value}" for name, value in headers.items()
            if name not in ("connection", "keep-alive", "proxy-connection")]
    return b"\r\n".join([request_line, *(h.encode("latin-1") for h in kept), b"Connection: close", b"", b""])


def _read_exactly(sock: socket.socket, count: int) -> bytes:
    data = bytearray()
    while len(data) < count:
        chunk = sock.recv(min(65536, count - len(data)))
        if not chunk:
            raise OSError("peer closed mid-body")
        data += chunk
    return bytes(data)


def _pipe(source: socket.socket, target: socket.socket, count: int) -> None:
    while count > 0:
        chunk = source.recv(min(65536, count))
        if not chunk:
            raise OSError("peer closed mid-body")
        target.sendall(chunk)
        count -= len(chunk)


def _with_length(answer: bytes) -> bytes:
    """The answer with its Content-Length saying how long its body now is."""
    head, separator, body = answer.partition(b"\r\n\r\n")
    if not separator:
        return answer
    lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"content-length:")]
    return b"\r\n".join([*lines, b"Content-Length: %d" % len(body)]) + b"\r\n\r\n" + body


def _read_to_end(sock: socket.socket) -> bytes:
    data = bytearray()
    while chunk := sock.recv(65536):
        data += chunk
    return bytes(data)
