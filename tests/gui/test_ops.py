"""The Op pattern: work off the UI thread, results delivered on it, progress only when slow."""

from __future__ import annotations

import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.gui.ops import PROGRESS_DELAY_MS, Op


def test_work_runs_off_the_ui_thread_and_success_runs_on_it(qtbot):
    ui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["work_thread_is_ui"] = QThread.currentThread() is ui_thread
        return 41 + 1

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback_thread_is_ui"] = QThread.currentThread() is ui_thread

    op = Op(work).success(done)
    with qtbot.waitSignal(op.finished, timeout=5000) as blocker:
        op.run()
    assert blocker.args == [True]
    assert seen == {"work_thread_is_ui": False, "value": 42, "callback_thread_is_ui": True}


def test_failure_callback_receives_the_exception(qtbot):
    failures: list[Exception] = []

    def work() -> None:
        raise DeskError(QT_TRANSLATE_NOOP("DeskError", "The disk is full ({free} bytes free)."), free=0)

    op = Op(work).success(lambda _: failures.append(AssertionError("success called"))).failure(failures.append)
    with qtbot.waitSignal(op.finished, timeout=5000) as blocker:
        op.run()
    assert blocker.args == [False]
    assert len(failures) == 1 and isinstance(failures[0], DeskError)
    assert str(failures[0]) == "The disk is full (0 bytes free)."


def test_failure_without_callback_shows_a_message_box_not_a_traceback(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()

    def work() -> None:
        raise ZeroDivisionError("division by zero")

    op = Op(work, parent=parent)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run()
    box = parent.findChild(QMessageBox, "errorMessageBox")
    assert box is not None and box.isVisible(), "no message box was shown"
    text = box.text()
    assert "ZeroDivisionError" in text and "Traceback" not in text and "division by zero" not in text
    box.close()


def test_quick_work_shows_no_progress_dialog(qtbot):
    op = Op(lambda: "fast").with_progress("Saving…")
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run()
    qtbot.wait(PROGRESS_DELAY_MS + 150)  # the delay timer would have fired by now
    assert op.result == "fast"
    assert not op.progress_shown


def test_slow_work_shows_a_progress_dialog_that_closes_when_done(qtbot):
    release = threading.Event()
    op = Op(lambda: release.wait(5)).with_progress("Rendering the receipt…")
    op.run()
    qtbot.waitUntil(lambda: op.progress_shown, timeout=3000)
    dialog = op.progress_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.labelText() == "Rendering the receipt…"
    started = time.monotonic()
    with qtbot.waitSignal(op.finished, timeout=5000):
        release.set()
    assert time.monotonic() - started < 5
    assert not dialog.isVisible()


def test_the_ui_thread_keeps_processing_events_while_work_runs(qtbot):
    release = threading.Event()
    ticks: list[int] = []
    op = Op(lambda: release.wait(5))
    op.run()
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.wait(200)
    timer.stop()
    assert not op.done and len(ticks) >= 5
    with qtbot.waitSignal(op.finished, timeout=5000):
        release.set()


def test_an_op_runs_only_once(qtbot):
    op = Op(lambda: None)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run()
    with pytest.raises(RuntimeError):
        op.run()


def test_callbacks_are_skipped_when_the_asking_window_was_closed(qtbot):
    release = threading.Event()
    called = []
    parent = QWidget()
    parent.show()
    op = Op(lambda: release.wait(5), parent=parent).success(called.append).with_progress("Working…")
    op.run()
    qtbot.waitUntil(lambda: op.progress_shown, timeout=3000)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(parent), timeout=3000)
    with qtbot.waitSignal(op.finished, timeout=5000):
        release.set()
    assert called == []
