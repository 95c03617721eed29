"""Checking the live camera picture against the portrait rules, on a thread of its own.

The checks (``desk_app.photo.rules.check_frame``: face found, size, centring, eyes,
sharpness, light, background) take tens of milliseconds on a 1280×720 picture and run
several times a second while the citizen sits in front of the camera. Done on the UI
thread they would make the preview and the buttons stutter, so ``PortraitGuide`` hands
each picture to a worker through the one-picture slot the QR decoder uses: a picture that
arrives while the worker is busy replaces the one waiting, the worker always checks the
newest picture, and the UI thread never waits.

Advice that changes thirty times a second cannot be read, and each check costs a core's
time the desk may need elsewhere: the worker starts at most ``max_rate`` checks a second
and waits between them (a stop cuts the wait short).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QSize, QThread, Signal, Slot
from PySide6.QtGui import QImage

from desk_app.core.catalogue import PhotoSpec

from .qr_decoder import _halt, _NewestPicture, _pixels

if TYPE_CHECKING:
    from desk_app.photo.rules import PortraitReport

log = logging.getLogger(__name__)

MAX_CHECKS_PER_S = 6.0

Check = Callable[[np.ndarray, PhotoSpec], "PortraitReport"]


def default_check() -> Check:
    """The desk's own rules; imported when a guide is made, not when the desk starts."""
    from desk_app.photo.rules import check_frame

    return check_frame


def rgb_pixels(image: QImage) -> np.ndarray:
    """The picture as a height × width × 3 RGB array that owns its memory.

    Camera pictures come in whatever format the camera's driver gives (32-bit RGB,
    YUV turned into ARGB, …); Qt converts any of them to packed 8-bit RGB, and the copy
    drops the padding Qt keeps at the end of each row (a width that is not a multiple of
    four leaves some) and outlives the converted QImage.
    """
    if image.isNull():
        return np.zeros((0, 0, 3), dtype=np.uint8)
    if image.format() != QImage.Format.Format_RGB888:
        image = image.convertToFormat(QImage.Format.Format_RGB888)
    return _pixels(image, 3).copy()


def _lower_priority() -> None:
    """Let the UI thread go first on a busy two-core desk.

    Qt's thread priorities do nothing for ordinary threads on Linux; a thread's nice
    value does, and raising it needs no privilege.
    """
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except OSError as exc:
            log.info("the portrait guide keeps its priority: %s", exc)


class _Worker(QObject):
    checked = Signal(object, int, int, object)   # the report; the size and cacheKey of the picture it is about

    def __init__(self, newest: _NewestPicture, check: Check, spec: PhotoSpec, interval_s: float,
                 halt: threading.Event) -> None:
        super().__init__()
        self._newest = newest
        self._check = check
        self._spec = spec
        self._interval_s = interval_s
        self._halt = halt
        self._next_start = 0.0
        self._failures = 0

    @Slot()
    def lower_priority(self) -> None:
        _lower_priority()

    @Slot()
    def work(self) -> None:
        while True:
            wait = self._next_start - time.monotonic()
            if wait > 0:
                # Pictures that arrive meanwhile replace each other: the newest is checked.
                self._halt.wait(wait)
            image = self._newest.take()
            if image is None:
                return
            self._next_start = time.monotonic() + self._interval_s
            try:
                report = self._check(rgb_pixels(image), self._spec)
            except Exception:  # noqa: BLE001 - one picture the rules choke on must not end the guidance
                self._failures += 1
                if self._failures == 1:
                    log.exception("a camera picture could not be checked against the portrait rules")
                else:
                    log.debug("portrait check failed again (%d times)", self._failures)
                continue
            self.checked.emit(report, image.width(), image.height(), image.cacheKey())


class PortraitGuide(QObject):
    """Checks submitted pictures against ``spec`` off the UI thread; create it on the UI thread.

    ``guided`` carries the report of the newest picture checked; ``frame_size`` is the size
    of that picture (the report's face box and eyes are in its pixels) and ``frame_key``
    its ``QImage.cacheKey()``, which tells a still's report from a live picture's. After
    ``stop`` nothing more is emitted.
    """

    guided = Signal(object)   # PortraitReport
    _wake = Signal()

    def __init__(
        self,
        spec: PhotoSpec,
        parent: QObject | None = None,
        *,
        check: Check | None = None,
        max_rate: float = MAX_CHECKS_PER_S,
    ) -> None:
        super().__init__(parent)
        if max_rate <= 0:
            raise ValueError("max_rate must be positive")
        self.spec = spec
        self.max_rate = max_rate
        self.submitted = 0
        self.checks_done = 0
        self.frame_size = QSize()
        self.frame_key: int | None = None
        self.last_report: PortraitReport | None = None
        self._stopped = False
        self._newest = _NewestPicture()
        self._halt_wait = threading.Event()
        self._thread = QThread(self)
        self._thread.setObjectName("portrait-guide")
        self._worker = _Worker(self._newest, check or default_check(), spec, 1.0 / max_rate, self._halt_wait)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.lower_priority)
        self._thread.finished.connect(self._worker.deleteLater)
        self._wake.connect(self._worker.work)
        self._worker.checked.connect(self._checked)
        # A QThread destroyed while running takes the program with it: whoever owns the
        # guide, the thread ends before it does.
        thread, halt_wait = self._thread, self._halt_wait
        self.destroyed.connect(lambda: (halt_wait.set(), _halt(thread)))
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        self._thread.start(QThread.Priority.LowPriority)

    @property
    def dropped(self) -> int:
        """Pictures replaced by a newer one before the worker got to them."""
        return self._newest.replaced

    @property
    def busy(self) -> bool:
        return self._newest.working

    @property
    def running(self) -> bool:
        return not self._stopped and self._thread.isRunning()

    @Slot(QImage)
    def submit(self, image: QImage) -> None:
        """Hand over a picture; never waits. A picture still waiting is replaced."""
        if self._stopped or image.isNull():
            return
        self.submitted += 1
        if self._newest.put(image):
            self._wake.emit()

    @Slot()
    def stop(self) -> None:
        """End the worker thread after the check under way; pictures waiting are dropped."""
        self._stopped = True
        self._newest.drop()
        self._halt_wait.set()
        _halt(self._thread)

    @Slot(object, int, int, object)
    def _checked(self, report: PortraitReport, width: int, height: int, key: int) -> None:
        if self._stopped:
            return  # a check that finished while the guide was being stopped
        self.checks_done += 1
        self.frame_size = QSize(width, height)
        self.frame_key = key
        self.last_report = report
        self.guided.emit(report)
