"""The status bar's sync indicator: what it says online, offline and sending, and that a
flood of progress reports from the sync thread is painted at ~10 Hz, not per report."""

from __future__ import annotations

import time
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt

from desk_app.core.timeutil import VN_TZ
from desk_app.gui.sync_indicator import PAINT_INTERVAL_MS, SyncIndicator
from desk_app.sync.engine import SyncProgress, SyncReport

from .conftest import counter_clock

MB = 1024 * 1024


def report(online: bool, *, waiting: int = 0, retrying: int = 0, held: int = 0,
           next_try_at: datetime | None = None) -> SyncReport:
    return SyncReport(online=online, sent=0, retrying=retrying, held=held, waiting=waiting, next_try_at=next_try_at)


def outbox(done: int, total: int, bytes_done: int = 0, bytes_total: int = 0, pass_bytes: int = 0) -> SyncProgress:
    return SyncProgress("outbox", done, total, bytes_done, bytes_total, pass_bytes)


def test_online_offline_and_the_counts_in_vietnamese(qtbot, vietnamese):
    indicator = SyncIndicator(clock=counter_clock)
    qtbot.addWidget(indicator)
    assert indicator.state_label.text() == "Đang kết nối…"
    assert indicator.counts_label.text() == ""

    indicator.show_report(report(True, waiting=3, retrying=1, held=2))
    assert indicator.state_label.text() == "● Trực tuyến"
    assert indicator.state_label.property("online") is True
    assert indicator.counts_label.text() == "Chờ gửi: 4 · chờ xem xét: 2"
    assert indicator.counts_label.property("waiting") == 4

    # The breaker holds automatic passes back: the officer learns when the next try is.
    indicator.show_report(report(False, waiting=5, next_try_at=datetime(2026, 11, 20, 9, 42, tzinfo=VN_TZ)))
    assert indicator.state_label.text() == "● Mất kết nối — sẽ thử lại lúc 09:42"
    assert indicator.state_label.property("online") is False
    assert indicator.counts_label.text() == "Chờ gửi: 5"

    indicator.show_report(report(False, waiting=5))
    assert indicator.state_label.text() == "● Mất kết nối: hồ sơ được giữ lại và gửi sau"
    # A pause that is over: the next automatic pass may come any moment, so no time is promised.
    indicator.show_report(report(False, waiting=5, next_try_at=datetime(2026, 11, 20, 9, 29, tzinfo=VN_TZ)))
    assert indicator.state_label.text() == "● Mất kết nối: hồ sơ được giữ lại và gửi sau"


def test_the_retry_time_is_shown_in_vietnam_time(qtbot):
    from datetime import timezone

    indicator = SyncIndicator(clock=counter_clock)
    qtbot.addWidget(indicator)
    indicator.show_report(report(False, next_try_at=datetime(2026, 11, 20, 2, 42, tzinfo=timezone.utc)))
    assert indicator.state_label.text() == "● Offline — will try again at 09:42"


def test_sending_shows_items_and_megabytes_with_a_decimal_comma(qtbot, vietnamese):
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.show_report(report(True, waiting=40))
    indicator.set_busy(True)
    indicator.show_progress(outbox(2, 40, int(1.25 * MB), int(2.5 * MB), int(4.8 * MB)))
    assert indicator.state_label.text() == "Đang gửi 3/40 · 1,3/2,5 MB"
    assert indicator.state_label.property("state") == "sending"
    assert indicator.state_label.toolTip() == "Tệp đính kèm đã gửi trong lượt này: 4,8 MB"
    # A big scan: thousands grouped with a dot, as Vietnamese writes them (painted by the timer).
    indicator.show_progress(outbox(0, 1, 0, 1234 * MB + MB // 2))
    qtbot.waitUntil(lambda: indicator.state_label.text() == "Đang gửi 1/1 · 0,0/1.234,5 MB", timeout=2_000)
    # A dossier body carries no attachment bytes: only the item count.
    indicator.show_progress(outbox(5, 40))
    qtbot.waitUntil(lambda: indicator.state_label.text() == "Đang gửi 6/40", timeout=2_000)
    indicator.set_busy(False)
    assert indicator.state_label.text() == "● Trực tuyến"


def test_a_second_of_progress_reports_is_painted_about_ten_times(qtbot):
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.show_report(report(True))
    indicator.set_busy(True)
    before = indicator.paints
    # As a drain delivers them: thousands of reports, far faster than anyone can read, with
    # the event loop turning in between so the paint timer can fire. The pause paces the
    # producer like a network would; nothing here waits on it.
    reports = 0
    started = time.monotonic()
    while reports < 3000:
        indicator.show_progress(outbox(reports, 1_000_000, reports, 1_000_000))
        reports += 1
        if reports % 10 == 0:
            QCoreApplication.processEvents()
            time.sleep(0.002)
    last = reports - 1
    qtbot.waitUntil(lambda: indicator.state_label.text().startswith(f"Sending {last + 1}/"), timeout=2_000)
    elapsed_ms = (time.monotonic() - started) * 1000
    painted = indicator.paints - before
    # One paint at once, then at most one per interval; never one per report.
    assert painted <= 2 + elapsed_ms / PAINT_INTERVAL_MS, (painted, elapsed_ms)
    qtbot.waitUntil(lambda: not indicator.throttling, timeout=2_000)  # the timer rests when idle
    settled = indicator.paints
    indicator.show_progress(outbox(0, 1))
    assert indicator.paints == settled + 1  # after a quiet spell the next report shows at once


def test_a_click_asks_for_the_sending_queue(qtbot):
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.show()
    with qtbot.waitSignal(indicator.clicked, timeout=2_000):
        qtbot.mouseClick(indicator, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(indicator.clicked, timeout=2_000):
        qtbot.keyClick(indicator, Qt.Key.Key_Space)
