"""Draining an offline queue into the central API, against a plain loop of ``requests`` uploads.

N dossiers (default 300), each with a 60 KB JPEG portrait and two 250 KB PDF scans, are
queued in a real ``DeskStore`` as if the desk had been offline all day. The real desk
``MainWindow`` (QApplication, offscreen) then starts its ``SyncWorker``, which runs the real
``SyncEngine`` with the production defaults (batch size, sync interval) on its QThread;
its progress and reports update the status bar and reload the queue as at a counter.
When a pass ends with items left, the benchmark asks for another pass, as F5 does, until
the outbox is empty.

The yardstick is ``sync_drain_baseline``: the same number of dossiers, bytes and requests
per dossier sent by a plain loop, to the same server in the same run, half before the
drain and half after it, so drift on a shared machine falls on both sides.

While the drain runs, a 10 ms timer on the UI thread records how late each tick fires:
the event-loop latency an officer would feel as a stuck window. The collections of Python's
garbage collector during the drain are counted too: the oldest generation's stop the whole
process, the UI thread included.

Rates are in dossiers/s and MB/s (10^6 bytes of attachments); the ratio is drain/baseline.
``--profile DIR`` runs cProfile on the sync and UI threads during the drain and prints
where their time went (a profiled run's figures are not comparable with a plain one).

The central API runs as ``python -m central_api serve`` in a process of its own (SQLite in
a temp folder, demo data). Prints one JSON object on stdout; diagnostics go to stderr.
"""

from __future__ import annotations

import os

# Before any Qt import: the benchmark needs no display (set it to watch the window).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse  # noqa: E402
import cProfile  # noqa: E402
import gc  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import pstats  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _path in (str(HERE), str(ROOT)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import requests  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Slot  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desk_app.core.catalogue import Catalogue  # noqa: E402
from desk_app.core.dossier_code import provisional_code  # noqa: E402
from desk_app.core.timeutil import now_vn  # noqa: E402
from desk_app.app import settle_heap  # noqa: E402
from desk_app.credentials import TokenVault  # noqa: E402
from desk_app.gui.login_window import sign_in  # noqa: E402
from desk_app.gui.main_window import MainWindow  # noqa: E402
from desk_app.gui.ops import wait_for_ops  # noqa: E402
from desk_app.gui.printing import PdfFileReceiptPrinter  # noqa: E402
from desk_app.gui.session import DeskServices, DeskSession  # noqa: E402
from desk_app.settings import DeskSettings  # noqa: E402
from desk_app.store import DeskStore  # noqa: E402
from desk_app.sync.engine import SyncProgress, SyncReport  # noqa: E402

from sync_drain_baseline import PlainUpload, Tally, upload_plainly  # noqa: E402
from sync_drain_dossiers import Counter, build_dossier, bytes_per_dossier  # noqa: E402
from sync_drain_probe import EventLoopProbe, percentile, worst_ticks  # noqa: E402
from sync_drain_server import central_process  # noqa: E402
from tests.support.store_keys import open_store  # noqa: E402

log = logging.getLogger("sync_drain")

PASSWORD = "demo1234"
DRAIN_ACCOUNT, DRAIN_DESK = "canbo01", "DESK-NT-01"
# The baseline sends as another site's account: after pushing, a desk pulls its site's
# changes, and the baseline's dossiers in the drain's site would add pages to that pull.
BASELINE_ACCOUNT, BASELINE_DESK = "buudien01", "DESK-DK-01"
QUICK_DOSSIERS = 20
IDLE_PROBE_MS = 1000
WARM_UP = 3
DRAIN_TIMEOUT_S = 1800
MB = 1_000_000


# ---------------------------------------------------------------------- event-loop helpers


def run_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Run the UI event loop until ``condition`` holds; checked every 5 ms and on every event batch."""
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(5)
    deadline = time.monotonic() + timeout_s

    def poll() -> None:
        if condition() or time.monotonic() > deadline:
            loop.quit()

    check.timeout.connect(poll)
    check.start()
    if not condition():
        loop.exec()
    check.stop()
    if not condition():
        raise RuntimeError(f"{what}: not done within {timeout_s:.0f} s")


def run_for(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


# ---------------------------------------------------------------------- the drain


@dataclass
class DrainWatch:
    """What the UI thread sees of the drain; its slots run on the UI thread like the window's."""

    window: MainWindow
    started_at: float = 0.0
    first_push_at: float | None = None
    last_push_at: float | None = None
    finished_at: float | None = None
    failure: str | None = None
    reports: list[SyncReport] = field(default_factory=list)
    progress_signals: int = 0

    def on_progress(self, progress: SyncProgress) -> None:
        self.progress_signals += 1
        if progress.stage == "outbox":
            now = time.perf_counter()
            if self.first_push_at is None:
                self.first_push_at = now
            self.last_push_at = now

    def on_report(self, report: SyncReport) -> None:
        self.reports.append(report)
        print(f"sync pass {len(self.reports)} reported at {time.perf_counter() - self.started_at:.3f} s: "
              f"sent {report.sent}, waiting {report.waiting}", file=sys.stderr)
        if report.error is not None:
            print(f"sync pass {len(self.reports)}: {report.error}", file=sys.stderr)
        if report.waiting + report.retrying + report.held == 0:
            self.finished_at = time.perf_counter()
        elif report.held:
            self.failure = f"{report.held} outbox item(s) held: {report.error}"
        elif report.sent:
            self.window.send_now()  # as the officer's F5: one more pass for what is left
        else:
            # Nothing moved (items waiting out a retry delay): ask again shortly, not in a spin.
            QTimer.singleShot(1000, self.window.send_now)

    @property
    def done(self) -> bool:
        return self.finished_at is not None or self.failure is not None


class _Relay(QObject):
    """Lives on the UI thread, so the worker's signals reach the watch through Qt's queue."""

    def __init__(self, watch: DrainWatch) -> None:
        super().__init__()
        self.watch = watch

    @Slot(object)
    def progress(self, progress: SyncProgress) -> None:
        self.watch.on_progress(progress)

    @Slot(object)
    def report(self, report: SyncReport) -> None:
        self.watch.on_report(report)


class SyncThreadProfile:
    """cProfile for each pass, enabled and disabled on the sync thread itself (busy_changed is
    emitted there, and a direct connection runs the slot on the emitting thread)."""

    def __init__(self) -> None:
        self.profile = cProfile.Profile()

    def busy(self, busy: bool) -> None:
        if busy:
            self.profile.enable()
        else:
            self.profile.disable()


class GcPauses:
    """Collections of Python's cyclic garbage collector and how long each held the GIL.

    A collection of the oldest generation walks every tracked object with the GIL held,
    so every thread, the UI thread included, waits it out however short the switch interval.
    """

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []  # (generation, ms)
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append((info["generation"], (time.perf_counter() - self._started) * 1000))

    def summary(self) -> dict[str, float]:
        oldest = [ms for generation, ms in self.pauses if generation == 2]
        return {
            "collections": len(self.pauses),
            "oldest_generation": len(oldest),
            "max_ms": round(max((ms for _, ms in self.pauses), default=0.0), 1),
            "oldest_generation_ms": round(sum(oldest), 1),
        }


@dataclass
class DrainResult:
    seconds: float
    push_seconds: float
    passes: int
    requests: dict[str, int]
    progress_signals: int
    lateness_ms: list[float]
    idle_lateness_ms: list[float]
    provisional_left: int
    gc: dict[str, float]


def drain(store: DeskStore, session: DeskSession, vault: TokenVault, base_url: str, work_dir: Path,
          expected_items: int, profile_dir: Path | None) -> DrainResult:
    services = DeskServices(
        # The production sync interval: DeskSettings' default.
        settings=DeskSettings(server_url=base_url, desk_id=DRAIN_DESK),
        vault=vault,
        server_url=base_url,
        store=store,
        printer=PdfFileReceiptPrinter(work_dir / "printed.pdf"),
    )
    window = MainWindow(services, session)
    loaded: list[bool] = []
    window.queue_refreshed.connect(lambda: loaded.append(True))
    run_until(lambda: bool(loaded), 120, "the window's first queue load")
    window.show()
    settle_heap()  # as the desk does once the main window is up after sign-in
    probe = EventLoopProbe(10)
    # A reference for the same window with nothing to do: the floor of this machine's timer.
    probe.start()
    run_for(IDLE_PROBE_MS)
    idle = list(probe.stop())

    watch = DrainWatch(window)
    relay = _Relay(watch)
    window.sync_worker.progress.connect(relay.progress)
    window.sync_reported.connect(relay.report)
    requests_seen: dict[str, int] = {}

    def count(response: requests.Response, *_args: object, **_kwargs: object) -> requests.Response:
        method = response.request.method or "?"
        # The desk's health report ends every pass: counted apart, so PUT stays one per dossier.
        if method == "PUT" and (response.request.path_url or "").endswith("/health"):
            method = "PUT health"
        # The audit chain's upload (at most ten batches a pass) too, so earlier runs' POSTs compare.
        if method == "POST" and (response.request.path_url or "").endswith("/audit"):
            method = "POST audit"
        requests_seen[method] = requests_seen.get(method, 0) + 1
        return response

    session.client.session.hooks["response"].append(count)
    sync_profile = ui_profile = None
    if profile_dir is not None:
        sync_profile = SyncThreadProfile()
        window.sync_worker.busy_changed.connect(sync_profile.busy, Qt.ConnectionType.DirectConnection)
        ui_profile = cProfile.Profile()
        ui_profile.enable()

    gc_pauses = GcPauses()
    gc.callbacks.append(gc_pauses)
    probe.start()
    watch.started_at = time.perf_counter()
    window.start()
    try:
        run_until(lambda: watch.done, DRAIN_TIMEOUT_S, "the drain")
    finally:
        lateness = list(probe.stop())
        gc.callbacks.remove(gc_pauses)
        print(f"worst UI ticks (s after start, ms late): {worst_ticks(probe, watch.started_at)}", file=sys.stderr)
        if ui_profile is not None:
            ui_profile.disable()
        window.sync_worker.stop()
        wait_for_ops(30_000)
        window.close()
        QCoreApplication.processEvents()
    if watch.failure:
        raise RuntimeError(watch.failure)
    assert watch.finished_at is not None
    counts = store.outbox_counts()
    if counts.get("sent", 0) != expected_items or sum(counts.values()) != expected_items:
        raise RuntimeError(f"after the drain the outbox holds {counts}, expected {expected_items} sent")
    provisional_left = sum(1 for s in store.list_dossiers(now_vn().date()) if s.code_provisional)
    if profile_dir is not None and sync_profile is not None and ui_profile is not None:
        _dump_profiles(profile_dir, {"sync_thread": sync_profile.profile, "ui_thread": ui_profile})
    push_s = (watch.last_push_at or watch.finished_at) - (watch.first_push_at or watch.started_at)
    window.deleteLater()
    return DrainResult(
        seconds=watch.finished_at - watch.started_at,
        push_seconds=push_s,
        passes=len(watch.reports),
        requests=requests_seen,
        progress_signals=watch.progress_signals,
        lateness_ms=lateness,
        idle_lateness_ms=idle,
        provisional_left=provisional_left,
        gc=gc_pauses.summary(),
    )


def _dump_profiles(profile_dir: Path, profiles: dict[str, cProfile.Profile]) -> None:
    profile_dir.mkdir(parents=True, exist_ok=True)
    for name, profile in profiles.items():
        path = profile_dir / f"{name}.pstats"
        profile.dump_stats(str(path))
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(35)
        print(f"---- {name} ({path}) ----\n{text.getvalue()}", file=sys.stderr)


# ---------------------------------------------------------------------- setting up


def queue_offline_work(store: DeskStore, catalogue: Catalogue, counter: Counter, count: int, tag: str) -> float:
    """Save ``count`` dossiers through the store as intake does; seconds it took (not part of the drain)."""
    started = time.perf_counter()
    for index in range(count):
        dossier, blobs = build_dossier(catalogue, counter, index, tag, now_vn())
        store.save_new_dossier(dossier, blobs)
    return time.perf_counter() - started


def baseline_work(catalogue: Catalogue, counter: Counter, count: int, tag: str) -> list[PlainUpload]:
    """The same sizes and shape of dossier as the drain's, with bytes of their own.

    The server keeps blobs by hash and skips the ones it holds, so bytes shared with the
    drain would make whichever side runs second cheaper.
    """
    uploads = []
    for index in range(count):
        received = now_vn()
        dossier, blobs = build_dossier(catalogue, counter, index, tag, received)
        # A provisional code, like every dossier queued offline without a lease.
        dossier = dossier.with_code(provisional_code(counter.site_code, received.date(), counter.desk_id, index + 1), True)
        uploads.append(PlainUpload(dossier.to_wire(), [(a.sha256, blobs[a.sha256]) for a in dossier.attachments]))
    return uploads


def plain_login(base_url: str, username: str, desk_id: str) -> tuple[dict[str, str], Counter]:
    response = requests.post(base_url + "/v1/auth/token",
                             json={"username": username, "password": PASSWORD, "desk_id": desk_id}, timeout=30)
    response.raise_for_status()
    body = response.json()
    headers = {"Authorization": f"Bearer {body['access_token']}", "X-Desk-Id": desk_id}
    return headers, Counter(username, body["user"]["site_code"], desk_id)


def rate(tally_dossiers: int, payload_bytes: int, seconds: float, requests_made: int) -> dict[str, float]:
    return {
        "seconds": round(seconds, 3),
        "dossiers_per_s": round(tally_dossiers / seconds, 2),
        "mb_per_s": round(payload_bytes / MB / seconds, 2),
        "requests_per_dossier": round(requests_made / tally_dossiers, 2),
    }


def latency(samples: list[float]) -> dict[str, float]:
    return {
        "p50": round(percentile(samples, 0.50), 2),
        "p99": round(percentile(samples, 0.99), 2),
        "max": round(max(samples, default=0.0), 2),
        "ticks": len(samples),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossiers", type=int, default=None, help="dossiers to queue and drain (default 300)")
    parser.add_argument("--quick", action="store_true", help=f"a smoke run: {QUICK_DOSSIERS} dossiers unless --dossiers says otherwise")
    parser.add_argument("--seed", default="1", help="seed of the attachment bytes (default 1)")
    parser.add_argument("--profile", metavar="DIR", type=Path,
                        help="cProfile the sync and UI threads during the drain; pstats files go to DIR "
                             "(slows the drain: figures of a profiled run are not comparable)")
    args = parser.parse_args()
    count = args.dossiers if args.dossiers is not None else (QUICK_DOSSIERS if args.quick else 300)
    if count < 2:
        parser.error("--dossiers must be at least 2 (the baseline is split in two halves)")
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")

    app = QApplication.instance() or QApplication(["sync_drain"])
    with tempfile.TemporaryDirectory(prefix="sync-drain-") as tmp:
        work = Path(tmp)
        with central_process(work / "central") as base_url:
            vault = TokenVault(service="one-stop-desk-bench", use_keyring=False)
            session = sign_in(base_url, DRAIN_DESK, vault, DRAIN_ACCOUNT, PASSWORD)
            catalogue_json, etag = session.client.get_catalogue(None)
            assert catalogue_json is not None
            catalogue = Catalogue.from_dict(catalogue_json)
            store = open_store(work / "desk")
            try:
                store.save_catalogue(catalogue_json, etag)
                user = session.user
                drain_counter = Counter(user.username, user.site_code, DRAIN_DESK)
                print(f"queueing {count} dossiers…", file=sys.stderr)
                queue_s = queue_offline_work(store, catalogue, drain_counter, count, f"drain-{args.seed}")
                items = store.outbox_counts().get("waiting", 0)

                headers, baseline_counter = plain_login(base_url, BASELINE_ACCOUNT, BASELINE_DESK)
                uploads = baseline_work(catalogue, baseline_counter, count + WARM_UP, f"baseline-{args.seed}")
                # The first few warm the server's code paths before anything is timed.
                upload_plainly(base_url, headers, uploads[:WARM_UP])
                uploads = uploads[WARM_UP:]

                half = count // 2
                print("baseline, first half…", file=sys.stderr)
                baseline = upload_plainly(base_url, headers, uploads[:half])
                print("drain…", file=sys.stderr)
                result = drain(store, session, vault, base_url, work, items, args.profile)
                print("baseline, second half…", file=sys.stderr)
                second = upload_plainly(base_url, headers, uploads[half:])
                first_half_s = baseline.seconds
                baseline.add(second)
            finally:
                session.client.close()
                wait_for_ops(30_000)
                store.close()
    app.processEvents()

    total_bytes = count * bytes_per_dossier()
    drain_requests = sum(result.requests.values())
    drain_rates = rate(count, total_bytes, result.seconds, drain_requests)
    drain_rates.update({
        "push_seconds": round(result.push_seconds, 3),
        "passes": result.passes,
        "requests_by_method": dict(sorted(result.requests.items())),
        "progress_signals": result.progress_signals,
        "provisional_codes_left": result.provisional_left,
    })
    baseline_rates = rate(baseline.dossiers, baseline.payload_bytes, baseline.seconds, baseline.requests)
    baseline_rates["halves_seconds"] = [round(first_half_s, 3), round(second.seconds, 3)]
    output = {
        "benchmark": "sync_drain",
        "dossiers": count,
        "bytes_per_dossier": bytes_per_dossier(),
        "seed": args.seed,
        "cpus": os.cpu_count(),
        "profiled": args.profile is not None,
        "queue_seconds": round(queue_s, 3),
        "baseline": baseline_rates,
        "drain": drain_rates,
        "ratio_drain_to_baseline": round(baseline.seconds / result.seconds * count / baseline.dossiers, 3),
        "goal_ratio": 0.7,
        "ui_latency_ms": latency(result.lateness_ms),
        "ui_idle_latency_ms": latency(result.idle_lateness_ms),
        "goal_ui_p99_ms": 50,
        "gc_during_drain": result.gc,
    }
    print(json.dumps(output, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
