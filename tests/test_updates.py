"""desk_app.updates: the version comparison, and real downloads from a small HTTP server on
loopback: the published file arrives whole and checked, anything else leaves nothing behind."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from desk_app import __version__
from desk_app.core.timeutil import VN_TZ
from desk_app.sync.client import DeskRelease
from desk_app.updates import DownloadCancelled, UpdateError, download, file_name, is_newer

PAYLOAD = hashlib.shake_256(b"a desk installer").digest(300 * 1024)  # several chunks


@dataclass
class Served:
    body: bytes
    status: int = 200
    content_length: bool = True
    pause: float = 0.0  # seconds between pieces of 16 KiB: a slow line, for stopping half-way


@dataclass
class FileServer:
    base_url: str
    files: dict[str, Served] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture
def server() -> Iterator[FileServer]:
    state = FileServer("")

    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0: without a Content-Length the end of the body is the end of the connection.
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            state.requests.append(self.path)
            served = state.files.get(self.path, Served(b"not here", status=404))
            self.send_response(served.status)
            self.send_header("Content-Type", "application/octet-stream")
            if served.content_length:
                self.send_header("Content-Length", str(len(served.body)))
            self.end_headers()
            if not served.pause:
                self.wfile.write(served.body)
                return
            for start in range(0, len(served.body), 16 * 1024):
                try:
                    self.wfile.write(served.body[start:start + 16 * 1024])
                    self.wfile.flush()
                except OSError:
                    return  # the desk stopped reading
                time.sleep(served.pause)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def release_for(url: str, body: bytes = PAYLOAD, **changes: object) -> DeskRelease:
    release = DeskRelease(version="9.1.0", download_url=url, sha256=hashlib.sha256(body).hexdigest(),
                          size_bytes=len(body), notes="", published_at=datetime(2026, 11, 23, 10, tzinfo=VN_TZ))
    return replace(release, **changes)


def left_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# versions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("offered", "current", "newer"), [
    ("1.10.0", "1.9.0", True),
    ("1.4.0", "1.4.0rc1", True),
    ("0.2.0rc1", "0.1.0", True),
    ("0.1.0", "0.1.0", False),
    ("1.3.9", "1.4.0", False),
    ("1.4", "1.4.0", False),
    ("latest", "1.0.0", False),
    ("", "1.0.0", False),
])
def test_newer_follows_version_order_not_text_order(offered: str, current: str, newer: bool) -> None:
    assert is_newer(offered, current) is newer


def test_this_desks_own_version_is_the_default() -> None:
    assert is_newer("999.0.0") and not is_newer(__version__)


def test_the_file_is_named_after_the_address_safely() -> None:
    named = release_for("https://motcua.example.vn/desk/One%20Stop%20Desk%20Setup%201.4.0.exe?token=x")
    assert file_name(named) == "One-Stop-Desk-Setup-1.4.0.exe"
    assert file_name(release_for("https://motcua.example.vn/desk/")) == "one-stop-desk-9.1.0"
    assert file_name(release_for("https://motcua.example.vn/..")) == "one-stop-desk-9.1.0"


# downloads --------------------------------------------------------------------------------


def test_the_published_file_arrives_checked_with_its_progress(server: FileServer, tmp_path: Path) -> None:
    server.files["/desk-9.1.0.exe"] = Served(PAYLOAD)
    seen: list[tuple[int, int]] = []
    path = download(release_for(server.url("/desk-9.1.0.exe")), tmp_path / "Downloads",
                    progress=lambda got, total: seen.append((got, total)))
    assert path == tmp_path / "Downloads" / "desk-9.1.0.exe"
    assert path.read_bytes() == PAYLOAD
    assert left_in(tmp_path / "Downloads") == ["desk-9.1.0.exe"]
    assert len(seen) >= 4 and seen[-1] == (len(PAYLOAD), len(PAYLOAD))
    assert [got for got, _ in seen] == sorted(got for got, _ in seen)
    # Asked again: the checked file is there already, nothing is fetched a second time.
    assert download(release_for(server.url("/desk-9.1.0.exe")), tmp_path / "Downloads") == path
    assert server.requests == ["/desk-9.1.0.exe"]


def test_a_file_with_another_hash_is_deleted_and_said_so(server: FileServer, tmp_path: Path) -> None:
    tampered = bytes([PAYLOAD[0] ^ 1]) + PAYLOAD[1:]
    server.files["/desk.exe"] = Served(tampered)
    with pytest.raises(UpdateError) as caught:
        download(release_for(server.url("/desk.exe")), tmp_path)
    assert caught.value.template == UpdateError.HASH_MISMATCH
    assert "SHA-256" in str(caught.value) and "9.1.0" in str(caught.value)
    assert left_in(tmp_path) == []


@pytest.mark.parametrize(("body", "content_length"), [
    (PAYLOAD[:-10], True),      # announced short: refused before any byte is written
    (PAYLOAD[:-10], False),     # cut short without announcing it
    (PAYLOAD + b"more", False),  # longer than published: stopped there, never fills the disk
])
def test_a_file_of_another_size_is_deleted_and_said_so(server: FileServer, tmp_path: Path, body: bytes,
                                                      content_length: bool) -> None:
    server.files["/desk.exe"] = Served(body, content_length=content_length)
    with pytest.raises(UpdateError) as caught:
        download(release_for(server.url("/desk.exe")), tmp_path)
    assert caught.value.template == UpdateError.SIZE_MISMATCH
    assert caught.value.params["expected"] == len(PAYLOAD)
    assert str(len(PAYLOAD)) in str(caught.value)
    assert left_in(tmp_path) == []


def test_cancelling_stops_the_download_and_keeps_nothing(server: FileServer, tmp_path: Path) -> None:
    server.files["/desk.exe"] = Served(PAYLOAD)
    cancel = threading.Event()
    seen: list[int] = []

    def progress(got: int, total: int) -> None:
        seen.append(got)
        cancel.set()  # the person presses Cancel as the first chunk lands

    with pytest.raises(DownloadCancelled):
        download(release_for(server.url("/desk.exe")), tmp_path, progress=progress, cancel=cancel)
    assert seen == [seen[0]] and seen[0] < len(PAYLOAD)
    assert left_in(tmp_path) == []


def test_stopping_while_the_server_is_silent_is_said_as_stopped_not_as_a_broken_line(
        server: FileServer, tmp_path: Path) -> None:
    server.files["/desk.exe"] = Served(PAYLOAD, pause=1.0)  # one piece, then a long silence
    cancel = threading.Event()
    timer = threading.Timer(0.1, cancel.set)  # Esc while the desk waits for the next piece
    timer.start()
    try:
        with pytest.raises(DownloadCancelled):
            download(release_for(server.url("/desk.exe")), tmp_path, cancel=cancel, timeout=0.4)
    finally:
        timer.cancel()
    assert left_in(tmp_path) == []


def test_a_refusal_an_absent_server_and_an_unsafe_address_save_nothing(server: FileServer, tmp_path: Path) -> None:
    with pytest.raises(UpdateError) as missing:
        download(release_for(server.url("/gone.exe")), tmp_path)
    assert missing.value.template == UpdateError.HTTP_ERROR and missing.value.params["status"] == 404
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/desk.exe"
    with pytest.raises(UpdateError) as unreachable:
        download(release_for(closed), tmp_path, timeout=5)
    assert unreachable.value.template == UpdateError.UNREACHABLE
    with pytest.raises(UpdateError) as unsafe:
        download(release_for("http://motcua.example.vn/desk.exe"), tmp_path)
    assert unsafe.value.template == UpdateError.ADDRESS_REFUSED
    assert left_in(tmp_path) == []


def test_a_folder_that_cannot_be_written_is_said_plainly(server: FileServer, tmp_path: Path) -> None:
    server.files["/desk.exe"] = Served(PAYLOAD)
    blocker = tmp_path / "Downloads"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(UpdateError) as caught:
        download(release_for(server.url("/desk.exe")), blocker)
    assert caught.value.template == UpdateError.NOT_SAVED and str(blocker) in str(caught.value)
