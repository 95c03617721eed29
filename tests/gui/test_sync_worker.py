"""SyncWorker runs the real SyncEngine against the real central API on its own thread.

The worker's signals are emitted on the sync thread; these tests collect them with
thread-safe list appends and wait on the UI thread with ``waitUntil``.
"""

from __future__ import annotations

import socket
import time

from PySide6.QtCore import Qt

from desk_app.core.timeutil import now_vn
from desk_app.gui.sync_worker import PROGRESS_EVERY_S, SyncWorker
from desk_app.store import DeskStore
from desk_app.sync.client import CentralClient
from desk_app.sync.engine import SyncEngine
from tests.support.central_server import DEMO_PASSWORD
from tests.support.store_keys import open_store


def engine_for(store: DeskStore, url: str, *, login: bool = True) -> SyncEngine:
    client = CentralClient(url, desk_id="DESK-NT-01", timeout=5)
    if login:
        client.login("canbo01", DEMO_PASSWORD)
    return SyncEngine(store, client, desk_id="DESK-NT-01", agency_code="000.00.17.H56")


def test_a_pass_reports_online_and_fetches_the_catalogue(qtbot, tmp_path, central_server):
    store = open_store(tmp_path / "store")
    worker = SyncWorker(engine_for(store, central_server.base_url), interval_ms=60_000)
    states, reports, busy = [], [], []
    worker.online_changed.connect(states.append)
    worker.report.connect(reports.append)
    worker.busy_changed.connect(busy.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: len(reports) == 1, timeout=20_000)
        assert states == [True]
        assert reports[0].online and reports[0].error is None
        assert busy == [True, False]
        catalogue, etag = store.load_catalogue()
        assert catalogue is not None and etag
        assert worker.online is True and worker.passes == 1
    finally:
        assert worker.stop()
        store.close()


def test_send_now_runs_another_pass_and_requests_collapse(qtbot, tmp_path, central_server):
    store = open_store(tmp_path / "store")
    worker = SyncWorker(engine_for(store, central_server.base_url), interval_ms=60_000)
    reports = []
    worker.report.connect(reports.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: len(reports) == 1, timeout=20_000)
        for _ in range(5):
            worker.request_sync()
        qtbot.waitUntil(lambda: len(reports) >= 2, timeout=20_000)
        qtbot.wait(500)
        assert len(reports) == 2  # five requests made while idle collapse into one pass
    finally:
        worker.stop()
        store.close()


def test_the_timer_runs_passes_by_itself(qtbot, tmp_path, central_server):
    store = open_store(tmp_path / "store")
    worker = SyncWorker(engine_for(store, central_server.base_url), interval_ms=200)
    reports = []
    worker.report.connect(reports.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: len(reports) >= 3, timeout=20_000)
    finally:
        assert worker.stop()
        store.close()


def test_an_unreachable_server_is_reported_offline(qtbot, tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    store = open_store(tmp_path / "store")
    worker = SyncWorker(engine_for(store, url, login=False), interval_ms=60_000)
    reports, states = [], []
    worker.report.connect(reports.append)
    worker.online_changed.connect(states.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: bool(reports), timeout=20_000)
        assert reports[0].online is False and reports[0].error is not None
        assert states == [False] and worker.online is False
    finally:
        worker.stop()
        store.close()


def test_an_expired_access_token_is_renewed_without_troubling_the_officer(qtbot, tmp_path, central_server):
    store = open_store(tmp_path / "store")
    engine = engine_for(store, central_server.base_url)
    engine.client.access_token = "expired"
    reports, ended = [], []
    worker = SyncWorker(engine, interval_ms=60_000)
    worker.report.connect(reports.append)
    worker.session_ended.connect(ended.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: bool(reports), timeout=20_000)
        assert reports[0].error is None and reports[0].online
        assert ended == []
    finally:
        worker.stop()
        store.close()


def test_a_refused_session_asks_for_a_new_sign_in(qtbot, tmp_path, central_server):
    store = open_store(tmp_path / "store")
    engine = engine_for(store, central_server.base_url)
    engine.client.access_token = "expired"
    engine.client.refresh_token = "revoked"
    worker = SyncWorker(engine, interval_ms=60_000)
    ended = []
    worker.session_ended.connect(ended.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: bool(ended), timeout=20_000)
        assert "Sign in again" in str(ended[0])
    finally:
        worker.stop()
        store.close()


def test_send_now_during_a_pass_gets_a_pass_that_reaches_the_network(qtbot, tmp_path, central_server):
    store = open_store(tmp_path / "store")
    engine = engine_for(store, central_server.base_url)
    now = now_vn()
    engine.breaker.failed(now)
    engine.breaker.failed(now)  # an outage paused automatic passes
    worker = SyncWorker(engine, interval_ms=60_000)
    reports, asked = [], []

    def officer_presses_f5_meanwhile(busy: bool) -> None:
        if busy and not asked:
            asked.append(True)
            worker.request_sync(force=True)

    worker.report.connect(reports.append)
    worker.busy_changed.connect(officer_presses_f5_meanwhile, Qt.ConnectionType.DirectConnection)
    try:
        worker.start()  # the first pass is an automatic one: skipped while paused
        qtbot.waitUntil(lambda: len(reports) >= 2, timeout=20_000)
        assert reports[0].skipped and not reports[0].online
        assert not reports[1].skipped and reports[1].online  # the F5 pass was not swallowed
        assert engine.breaker.state == "closed"
    finally:
        worker.stop()
        store.close()


def test_a_large_upload_reaches_the_ui_thread_as_a_trickle_of_progress(qtbot, tmp_path, central_server):
    from tests.gui.test_outbox_panel import a_dossier

    store = open_store(tmp_path / "store")
    client = CentralClient(central_server.base_url, desk_id="DESK-NT-01", timeout=5, chunk_size=16 * 1024)
    client.login("canbo01", DEMO_PASSWORD)
    engine = SyncEngine(store, client, desk_id="DESK-NT-01", agency_code="000.00.17.H56")
    worker = SyncWorker(engine, interval_ms=60_000)
    reports, progress, busy_at = [], [], []
    worker.report.connect(reports.append)
    worker.progress.connect(progress.append)
    worker.busy_changed.connect(lambda busy: busy_at.append(time.monotonic()), Qt.ConnectionType.DirectConnection)
    try:
        worker.start()
        qtbot.waitUntil(lambda: len(reports) == 1, timeout=20_000)  # the catalogue arrives
        scan = bytes(range(256)) * (4 * 1024 * 1024 // 256)
        store.save_new_dossier(*a_dossier(store, scan=scan))
        chunks = len(scan) // client.chunk_size
        progress.clear()
        worker.request_sync(force=True)
        qtbot.waitUntil(lambda: len(reports) == 2, timeout=60_000)
        assert reports[1].sent == 2 and reports[1].bytes_sent == len(scan)
        started, ended = busy_at[2], busy_at[3]
        qtbot.waitUntil(lambda: any(p.bytes_total == len(scan) for p in progress), timeout=5_000)
        # One report per stage change and then at most one per interval, not one per chunk.
        allowed = 5 + 1 + (ended - started) / PROGRESS_EVERY_S
        assert len(progress) <= allowed, (len(progress), allowed)
        # Fewer than one a chunk, unless the pass was so slow (a loaded machine) that the
        # interval itself allowed as many.
        assert len(progress) < chunks or allowed >= chunks, (len(progress), chunks, allowed)
    finally:
        worker.stop()
        client.close()
        store.close()
