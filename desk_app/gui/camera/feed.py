"""CameraFeed: a webcam's pictures as QImages, a few per second, on the UI thread.

Also the widgets both camera dialogs show it with: ``FramePreview`` paints a picture,
``CameraPanel`` adds the camera choice and a status line and drives the feed.

Every picture, the camera's or one a test feeds in, enters through the same QVideoSink,
so everything but the QCamera itself runs in the tests: ``feed_image`` puts a QImage into
that sink exactly where the capture session puts the camera's frames.

The sink keeps the newest frame (a reference to the camera's buffer, no copy) for
``still_image``, which gives it at full resolution; ``frame`` is emitted at most
``max_fps`` times a second, because each emission converts a frame to a QImage on the
UI thread and the analysis behind it cannot use more.

``started`` means pictures are arriving, not that the camera says it is on: a camera in
use by another program can report itself active and send nothing, which the first-frame
watchdog turns into ``failed``.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCameraPermission, QCoreApplication, QObject, QRect, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QCameraFormat,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoFrameFormat,
    QVideoSink,
)
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..feedback import Tone, show_message

log = logging.getLogger(__name__)

DEFAULT_MAX_FPS = 15.0
# Cameras take a second or two to open, longer on some Windows drivers; far beyond that
# the camera is held by another program.
FIRST_FRAME_TIMEOUT_MS = 8000


class CameraProblem(str, Enum):
    """Why ``failed`` was emitted, for dialogs that word the advice their own way."""

    NO_CAMERA = "no_camera"
    PERMISSION = "permission"
    START_FAILED = "start_failed"
    NO_PICTURE = "no_picture"
    DISCONNECTED = "disconnected"


class FormatNeed(str, Enum):
    LIVE = "live"       # the QR code: a smooth picture of about 1280×720 decodes fast enough
    DETAIL = "detail"   # a page: as many pixels as the camera gives at a usable rate


@dataclass(frozen=True)
class FormatOffer:
    """One video format a camera offers."""

    width: int
    height: int
    max_fps: float
    compressed: bool = False   # MJPEG: the same picture, decoded on our side


_LIVE_PIXELS = 1280 * 720
_LIVE_MIN_FPS = 15.0
_DETAIL_MIN_FPS = 5.0


def _live_rank(item: tuple[int, FormatOffer]) -> tuple[float, float, bool]:
    offer = item[1]
    distance = abs(math.log(max(offer.width * offer.height, 1) / _LIVE_PIXELS))
    return distance, -offer.max_fps, offer.compressed


def _detail_rank(item: tuple[int, FormatOffer]) -> tuple[int, float, bool]:
    offer = item[1]
    return -(offer.width * offer.height), -offer.max_fps, offer.compressed


def choose_format(offers: Sequence[FormatOffer], need: FormatNeed) -> int | None:
    """The index of the offer that suits ``need`` best, None when there is none."""
    # The ranks live at module level: nested functions here hide the classes below from lupdate.
    if not offers:
        return None
    indexed = list(enumerate(offers))
    if need is FormatNeed.LIVE:
        fluent = [(i, o) for i, o in indexed if o.max_fps >= _LIVE_MIN_FPS] or indexed
        return min(fluent, key=_live_rank)[0]
    usable = [(i, o) for i, o in indexed if o.max_fps >= _DETAIL_MIN_FPS] or indexed
    return min(usable, key=_detail_rank)[0]


def _video_inputs() -> list[QCameraDevice]:
    # The one place that asks the system for cameras (tests without a camera replace it).
    return QMediaDevices.videoInputs()


def _default_input() -> QCameraDevice:
    return QMediaDevices.defaultVideoInput()


def camera_id_of(device: QCameraDevice) -> str:
    # Qt gives a byte string (a device path on Linux, a symbolic link on Windows).
    return bytes(device.id().data()).decode("utf-8", "replace")


class CameraFeed(QObject):
    """One camera at a time, with a sink that tests can feed."""

    frame = Signal(QImage)       # at most max_fps a second
    failed = Signal(str)         # what to tell the officer; `problem` says which case
    started = Signal()           # the first picture after start() (or the first fed one)
    cameras_changed = Signal()   # a camera was plugged in or out

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_fps: float = DEFAULT_MAX_FPS,
        need: FormatNeed = FormatNeed.LIVE,
        first_frame_timeout_ms: int = FIRST_FRAME_TIMEOUT_MS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        if max_fps <= 0:
            raise ValueError("max_fps must be positive")
        self.max_fps = max_fps
        self.need = need
        self.clock = clock
        self.problem: CameraProblem | None = None
        self.frames_arrived = 0
        self.frames_emitted = 0
        self._camera: QCamera | None = None
        self._camera_id: str | None = None
        self._latest: QVideoFrame | None = None
        self._live = False
        self._next_due: float | None = None
        self._opening = 0   # bumped by every start and stop: a late permission answer is dropped
        self._sink = QVideoSink(self)
        self._sink.videoFrameChanged.connect(self._frame_arrived)
        self._session = QMediaCaptureSession(self)
        self._session.setVideoSink(self._sink)
        self._devices = QMediaDevices(self)
        self._devices.videoInputsChanged.connect(self._inputs_changed)
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.setInterval(first_frame_timeout_ms)
        self._watchdog.timeout.connect(self._no_picture)

    # ------------------------------------------------------------------ cameras

    def cameras(self) -> list[tuple[str, str]]:
        """(id, description) of each camera, the system's default first."""
        devices = _video_inputs()
        default = _default_input()
        default_id = None if default.isNull() else camera_id_of(default)
        found = [(camera_id_of(d), d.description()) for d in devices]
        found.sort(key=lambda item: item[0] != default_id)
        return found

    @property
    def camera_id(self) -> str | None:
        """The camera in use, or the one last asked for when none could be opened."""
        return self._camera_id

    @property
    def running(self) -> bool:
        return self._camera is not None

    @property
    def video_sink(self) -> QVideoSink:
        """Where frames enter: the capture session's output, and the tests' input."""
        return self._sink

    def start(self, camera_id: str | None = None) -> None:
        """Open ``camera_id``, or the default camera when it is None or not plugged in."""
        self.stop()
        self.problem = None
        self._camera_id = camera_id
        devices = _video_inputs()
        if not devices:
            self._fail(CameraProblem.NO_CAMERA, self.tr("No camera found. Connect a camera and try again."))
            return
        device = self._device_for(camera_id, devices)
        self._camera_id = camera_id_of(device)
        app = QCoreApplication.instance()
        status = app.checkPermission(QCameraPermission()) if app is not None else Qt.PermissionStatus.Granted
        if status == Qt.PermissionStatus.Denied:
            self._permission_refused()
        elif status == Qt.PermissionStatus.Undetermined and app is not None:
            opening = self._opening
            app.requestPermission(QCameraPermission(), self, lambda permission: self._permission_answered(
                permission, opening, device))
        else:
            self._open(device)

    def stop(self) -> None:
        self._opening += 1
        self._watchdog.stop()
        camera, self._camera = self._camera, None
        self._live = False
        self._latest = None
        self._next_due = None
        if camera is not None:
            camera.errorOccurred.disconnect(self._camera_error)
            self._session.setCamera(None)
            camera.stop()
            camera.deleteLater()

    def _device_for(self, camera_id: str | None, devices: list[QCameraDevice]) -> QCameraDevice:
        for device in devices:
            if camera_id is not None and camera_id_of(device) == camera_id:
                return device
        default = _default_input()
        if not default.isNull() and any(camera_id_of(d) == camera_id_of(default) for d in devices):
            return default
        return devices[0]

    def _permission_answered(self, permission: QCameraPermission, opening: int, device: QCameraDevice) -> None:
        if opening != self._opening:
            return  # stopped, or another camera chosen, while the system asked
        if permission.status() == Qt.PermissionStatus.Granted:
            self._open(device)
        else:
            self._permission_refused()

    def _permission_refused(self) -> None:
        self._fail(CameraProblem.PERMISSION, self.tr(
            "This program may not use the camera. Allow camera access for it in the system's privacy "
            "settings, then try again."))

    def _open(self, device: QCameraDevice) -> None:
        camera = QCamera(device, self)
        chosen = self._format_for(device)
        if chosen is not None:
            camera.setCameraFormat(chosen)
        camera.errorOccurred.connect(self._camera_error)
        self._camera = camera
        if camera.error() != QCamera.Error.NoError:
            # Qt found the problem while building the camera, before anyone listened.
            self._camera_error(camera.error(), camera.errorString())
            return
        self._session.setCamera(camera)
        self._watchdog.start()
        log.info("starting camera %s (%s)", device.description(), self._camera_id)
        camera.start()

    def _format_for(self, device: QCameraDevice) -> QCameraFormat | None:
        formats = device.videoFormats()
        offers = [
            FormatOffer(f.resolution().width(), f.resolution().height(), f.maxFrameRate(),
                        f.pixelFormat() == QVideoFrameFormat.PixelFormat.Format_Jpeg)
            for f in formats
        ]
        index = choose_format(offers, self.need)
        return None if index is None else formats[index]

    def _camera_error(self, error: QCamera.Error, detail: str) -> None:
        if error == QCamera.Error.NoError:
            return
        self._fail(CameraProblem.START_FAILED, self.tr(
            "The camera could not be started; another program may be using it. Close that program and "
            "try again, or choose another camera. ({detail})").format(detail=detail))

    @Slot()
    def _no_picture(self) -> None:
        self._fail(CameraProblem.NO_PICTURE, self.tr(
            "The camera sends no picture; another program may be using it. Close that program and try "
            "again, or choose another camera."))

    @Slot()
    def _inputs_changed(self) -> None:
        if self._camera is not None and self._camera_id not in {camera_id for camera_id, _ in self.cameras()}:
            self._fail(CameraProblem.DISCONNECTED, self.tr(
                "The camera was disconnected. Connect it again or choose another camera."))
        self.cameras_changed.emit()

    def _fail(self, problem: CameraProblem, text: str) -> None:
        self.stop()
        self.problem = problem
        log.warning("camera: %s", text)
        self.failed.emit(text)

    # ------------------------------------------------------------------ frames

    @Slot(QImage)
    def feed_image(self, image: QImage) -> None:
        """Put a picture in the sink, as the capture session does with the camera's."""
        self._sink.setVideoFrame(QVideoFrame(image))

    def still_image(self) -> QImage | None:
        """The newest picture at the camera's full resolution, None before the first."""
        if self._latest is None:
            return None
        image = self._latest.toImage()
        return None if image.isNull() else image

    @Slot(QVideoFrame)
    def _frame_arrived(self, frame: QVideoFrame) -> None:
        if not frame.isValid():
            return
        self.frames_arrived += 1
        self._latest = frame
        if not self._live:
            self._live = True
            self._watchdog.stop()
            self.problem = None
            self.started.emit()
        now = self.clock()
        interval = 1.0 / self.max_fps
        if self._next_due is not None and now < self._next_due:
            return
        # Keep to the schedule (so at most max_fps over any stretch), unless the frames
        # stopped for a while: then the next one starts a new schedule.
        if self._next_due is None or now - self._next_due >= interval:
            self._next_due = now + interval
        else:
            self._next_due += interval
        image = frame.toImage()
        if image.isNull():
            return
        self.frames_emitted += 1
        self.frame.emit(image)


class FramePreview(QWidget):
    """Paints the newest picture scaled to fit, or a line of text before there is one.

    A widget of our own rather than QVideoWidget: it shows the same throttled QImages the
    analysis sees, a still picture as well as live ones, and renders offscreen in tests.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._smooth = False
        self._scaled: QImage | None = None
        self._placeholder = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 180)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    @property
    def image(self) -> QImage | None:
        return self._image

    def set_image(self, image: QImage, *, smooth: bool = False) -> None:
        """Show ``image``; ``smooth`` scales it with care, for a still the officer checks."""
        self._image = image
        self._smooth = smooth
        self._scaled = None
        self.update()

    def clear(self) -> None:
        self._image = None
        self._scaled = None
        self.update()

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self.update()

    def _target(self, image: QImage) -> QRect:
        size = image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left = (self.width() - size.width()) // 2
        top = (self.height() - size.height()) // 2
        return QRect(left, top, size.width(), size.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#1e1e1e"))
        image = self._image
        if image is None or image.isNull():
            painter.setPen(QColor("#e0e0e0"))
            painter.drawText(self.rect().adjusted(16, 16, -16, -16),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._placeholder)
            return
        target = self._target(image)
        if self._smooth:
            # A large still is scaled once per size, not on every repaint.
            if self._scaled is None or self._scaled.size() != target.size():
                self._scaled = image.scaled(target.size(), Qt.AspectRatioMode.IgnoreAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation)
            painter.drawImage(target.topLeft(), self._scaled)
        else:
            # Live pictures change many times a second: nearest-pixel scaling is cheap enough.
            painter.drawImage(target, image)


class CameraPanel(QWidget):
    """The live picture, the camera choice and a status line, driving a ``CameraFeed``.

    The camera opens when the panel is first shown (``open_camera``); the dialog around it
    stops the feed when it closes. ``camera_id`` is the camera the officer chose here, else
    the one passed in: falling back to another camera because the preferred one is
    unplugged today does not change the preference.
    """

    def __init__(self, feed: CameraFeed, camera_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPanel")
        self.feed = feed
        self.live_text = ""          # the status while pictures arrive; set by the dialog
        self.no_camera_text = ""     # the dialog's advice when no camera is plugged in
        self._preferred_camera = camera_id
        self._chosen_camera: str | None = None
        self._opened = False
        self._still = False

        self.preview = FramePreview()
        self.preview.setObjectName("cameraPreview")
        self.camera_combo = QComboBox()
        self.camera_combo.setObjectName("cameraCombo")
        self.camera_combo.setPlaceholderText(self.tr("(no camera)"))
        camera_label = QLabel(self.tr("&Camera:"))
        camera_label.setBuddy(self.camera_combo)
        self.status_label = QLabel()
        self.status_label.setObjectName("cameraStatusLabel")
        self.status_label.setWordWrap(True)
        camera_row = QHBoxLayout()
        camera_row.addWidget(camera_label)
        camera_row.addWidget(self.camera_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, 1)
        layout.addLayout(camera_row)
        layout.addWidget(self.status_label)

        feed.frame.connect(self._picture)
        feed.started.connect(self._live)
        feed.failed.connect(self._failed)
        feed.cameras_changed.connect(self._cameras_changed)
        self.camera_combo.activated.connect(self._camera_chosen)

    @property
    def camera_id(self) -> str | None:
        return self._chosen_camera or self._preferred_camera

    def show_status(self, text: str, tone: Tone = Tone.INFO) -> None:
        show_message(self.status_label, text, tone)

    def open_camera(self) -> None:
        """Fill the camera choice and start the camera; later calls do nothing."""
        if self._opened:
            return
        self._opened = True
        self._fill_cameras()
        self._start(self.camera_id)

    def show_still(self, image: QImage) -> None:
        """Show ``image`` instead of the live pictures until ``resume_live``."""
        self._still = True
        self.preview.set_image(image, smooth=True)

    def resume_live(self) -> None:
        self._still = False
        self.preview.clear()

    def _fill_cameras(self) -> None:
        cameras = self.feed.cameras()
        current = self.feed.camera_id or self.camera_id
        self.camera_combo.clear()
        for camera_id, description in cameras:
            self.camera_combo.addItem(description, camera_id)
        index = self.camera_combo.findData(current) if current is not None else -1
        self.camera_combo.setCurrentIndex(max(index, 0) if cameras else -1)
        self.camera_combo.setEnabled(len(cameras) > 1)

    def _start(self, camera_id: str | None) -> None:
        self.preview.clear()
        self.preview.set_placeholder(self.tr("Starting the camera…"))
        self.show_status(self.tr("Starting the camera…"))
        self.feed.start(camera_id)
        index = self.camera_combo.findData(self.feed.camera_id)
        if index >= 0:
            self.camera_combo.setCurrentIndex(index)

    @Slot(int)
    def _camera_chosen(self, index: int) -> None:
        camera_id = self.camera_combo.itemData(index)
        if camera_id is None:
            return
        self._chosen_camera = camera_id
        if camera_id != self.feed.camera_id or not self.feed.running:
            self._start(camera_id)

    @Slot()
    def _cameras_changed(self) -> None:
        had_none = self.camera_combo.count() == 0
        self._fill_cameras()
        if self._opened and had_none and self.camera_combo.count() > 0 and not self.feed.running:
            self._start(self.camera_id)  # the camera was plugged in while the dialog was open

    @Slot(QImage)
    def _picture(self, image: QImage) -> None:
        if not self._still:
            self.preview.set_image(image)

    @Slot()
    def _live(self) -> None:
        self.show_status(self.live_text)

    @Slot(str)
    def _failed(self, text: str) -> None:
        if self.feed.problem is CameraProblem.NO_CAMERA and self.no_camera_text:
            text = self.no_camera_text
        if not self._still:
            self.preview.clear()
        self.preview.set_placeholder(text)
        self.show_status(text, Tone.ERROR)
