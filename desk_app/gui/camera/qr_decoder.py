"""Reading QR codes from camera pictures on a thread of their own.

``decode_qr`` is the pure part (numpy in, texts out) and knows nothing of Qt. ``QrDecoder``
feeds it from the UI thread through a one-picture slot: a picture that arrives while the
worker is busy replaces the one waiting, so the worker always reads the newest picture,
nothing queues up, and the UI thread never waits for a decode (zxing-cpp and OpenCV let go
of the GIL while they work; the worker thread runs at a lower priority than the UI).

A card held in front of the camera is read in picture after picture; ``decoded`` says a
text once, and again only after it has been out of sight for ``repeat_after_s``.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable

import cv2
import numpy as np
import shiboken6
import zxingcpp
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)

REPEAT_AFTER_S = 2.0
# Symbology identifiers of QR codes that carry an ECI (a declared character set).
_WITH_ECI = frozenset({"]Q2", "]Q4", "]Q6"})


def _text_of(barcode: zxingcpp.Barcode) -> str:
    # CCCD cards store UTF-8 in byte mode without declaring it (no ECI), and zxing then
    # guesses a character set: Vietnamese names can come back as Latin-1 mojibake. Bytes
    # that are valid UTF-8 almost never are anything else, so they are read as UTF-8.
    if barcode.symbology_identifier not in _WITH_ECI:
        try:
            return barcode.bytes.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return barcode.text


def decode_qr(gray: np.ndarray) -> list[str]:
    """The texts of the QR codes in a grayscale picture (height × width, uint8), each once."""
    if gray.ndim != 2 or gray.dtype != np.uint8:
        raise ValueError(f"expected a 2-D uint8 array, got {gray.ndim}-D {gray.dtype}")
    if gray.size == 0:
        return []
    # Card QR codes are dark on light: looking for inverted ones too would double the work
    # on every picture without a code.
    barcodes = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=False)
    texts: list[str] = []
    for barcode in barcodes:
        if barcode.valid:
            text = _text_of(barcode)
            if text and text not in texts:
                texts.append(text)
    return texts


_LITTLE_ENDIAN = sys.byteorder == "little"
# QImage formats whose pixels are 4 bytes: the colour conversion from their byte order.
_FOUR_BYTE = {
    QImage.Format.Format_RGB32: cv2.COLOR_BGRA2GRAY if _LITTLE_ENDIAN else cv2.COLOR_RGBA2GRAY,
    QImage.Format.Format_ARGB32: cv2.COLOR_BGRA2GRAY if _LITTLE_ENDIAN else cv2.COLOR_RGBA2GRAY,
    QImage.Format.Format_ARGB32_Premultiplied: cv2.COLOR_BGRA2GRAY if _LITTLE_ENDIAN else cv2.COLOR_RGBA2GRAY,
    QImage.Format.Format_RGBX8888: cv2.COLOR_RGBA2GRAY,
    QImage.Format.Format_RGBA8888: cv2.COLOR_RGBA2GRAY,
    QImage.Format.Format_RGBA8888_Premultiplied: cv2.COLOR_RGBA2GRAY,
}
_THREE_BYTE = {
    QImage.Format.Format_RGB888: cv2.COLOR_RGB2GRAY,
    QImage.Format.Format_BGR888: cv2.COLOR_BGR2GRAY,
}


def _pixels(image: QImage, channels: int) -> np.ndarray:
    """A numpy view of the image's own memory (no copy), rows padded as Qt keeps them."""
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    buffer = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * height).reshape(height, stride)
    if channels == 1:
        return buffer[:, :width]
    return buffer[:, : width * channels].reshape(height, width, channels)


def gray_pixels(image: QImage) -> np.ndarray:
    """The picture as a grayscale array.

    A grayscale QImage is viewed in place, so ``image`` must outlive the array; a colour
    one is converted once by OpenCV straight from the QImage's memory.
    """
    if image.isNull():
        return np.zeros((0, 0), dtype=np.uint8)
    picture_format = image.format()
    if picture_format == QImage.Format.Format_Grayscale8:
        return _pixels(image, 1)
    if picture_format in _FOUR_BYTE:
        return cv2.cvtColor(_pixels(image, 4), _FOUR_BYTE[picture_format])
    if picture_format in _THREE_BYTE:
        return cv2.cvtColor(_pixels(image, 3), _THREE_BYTE[picture_format])
    converted = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return _pixels(converted, 1).copy()  # the converted QImage dies here


class _NewestPicture:
    """The one picture waiting for the worker; a newer one replaces it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._image: QImage | None = None
        self._working = False
        self.replaced = 0

    def put(self, image: QImage) -> bool:
        """Leave ``image`` for the worker; True when the worker is idle and must be woken."""
        with self._lock:
            if self._image is not None:
                self.replaced += 1
            self._image = image
            if self._working:
                return False
            self._working = True
            return True

    def take(self) -> QImage | None:
        """The waiting picture; None means the worker goes idle (a later put wakes it)."""
        with self._lock:
            image, self._image = self._image, None
            if image is None:
                self._working = False
            return image

    def drop(self) -> None:
        with self._lock:
            self._image = None

    @property
    def working(self) -> bool:
        with self._lock:
            return self._working


class _Worker(QObject):
    found = Signal(object)   # list[str]: the texts in one picture

    def __init__(self, newest: _NewestPicture) -> None:
        super().__init__()
        self._newest = newest

    @Slot()
    def yield_to_the_ui(self) -> None:
        """Lower this thread's priority: on a busy two-core desk the UI thread goes first.

        Qt's thread priorities have no effect on Linux for ordinary threads; a thread's
        nice value does (raising it needs no privilege).
        """
        if sys.platform.startswith("linux"):
            try:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
            except OSError as exc:
                log.info("the QR decoder keeps its priority: %s", exc)

    @Slot()
    def work(self) -> None:
        while (image := self._newest.take()) is not None:
            try:
                texts = decode_qr(gray_pixels(image))  # `image` holds the memory a view may use
            except Exception:  # noqa: BLE001 - one bad picture must not stop the reading
                log.exception("a camera picture could not be read")
                texts = []
            self.found.emit(texts)


def _halt(thread: QThread) -> None:
    if shiboken6.isValid(thread) and thread.isRunning():
        thread.quit()
        thread.wait()


class QrDecoder(QObject):
    """Reads QR codes from submitted pictures off the UI thread; create it on the UI thread."""

    decoded = Signal(str)       # a text not seen in the last repeat_after_s
    analysed = Signal(object)   # list[str]: every picture read, whatever it held
    _wake = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        repeat_after_s: float = REPEAT_AFTER_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.repeat_after_s = repeat_after_s
        self.clock = clock
        self.submitted = 0
        self.pictures_read = 0
        self._last_seen: dict[str, float] = {}
        self._newest = _NewestPicture()
        self._thread = QThread(self)
        self._thread.setObjectName("qr-decoder")
        self._worker = _Worker(self._newest)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.yield_to_the_ui)
        self._thread.finished.connect(self._worker.deleteLater)
        self._wake.connect(self._worker.work)
        self._worker.found.connect(self._found)
        # A QThread destroyed while running takes the program with it: whoever owns the
        # decoder, the thread ends before it does.
        thread = self._thread
        self.destroyed.connect(lambda: _halt(thread))
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

    @Slot(QImage)
    def submit(self, image: QImage) -> None:
        """Hand over a picture; never waits. A picture still waiting is replaced."""
        if not self._thread.isRunning():
            return
        self.submitted += 1
        if self._newest.put(image):
            self._wake.emit()

    def forget(self) -> None:
        """Treat every text as new again (e.g. after the officer dismissed a message)."""
        self._last_seen.clear()

    @Slot()
    def stop(self) -> None:
        """End the worker thread, after the picture it is reading; pictures waiting are dropped."""
        self._newest.drop()
        _halt(self._thread)

    @Slot(object)
    def _found(self, texts: list[str]) -> None:
        self.pictures_read += 1
        now = self.clock()
        for text, seen in list(self._last_seen.items()):
            if now - seen >= self.repeat_after_s and text not in texts:
                del self._last_seen[text]
        self.analysed.emit(texts)
        for text in texts:
            seen = self._last_seen.get(text)
            self._last_seen[text] = now
            if seen is None or now - seen >= self.repeat_after_s:
                self.decoded.emit(text)
