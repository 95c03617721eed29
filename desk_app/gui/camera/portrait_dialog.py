"""PortraitCaptureDialog: the citizen's portrait taken with the desk's webcam, with live advice.

Refused dossiers often come down to the portrait: a face too small, a shadow, a busy
background. While the citizen sits in front of the camera, ``PortraitGuide`` checks the
picture several times a second against the procedure's rules and the dialog says what to
change ("Move closer", "Too dark") before the photo is taken, not after the dossier comes
back. Over the live picture a guide shows where the head and the eyes belong in a photo
of the procedure's shape, and the face the checks found is boxed in green when every rule
passes and in amber otherwise.

Space, Enter or "Take photo" freezes the newest picture at the camera's full resolution;
its own check is shown with it, and the officer takes it again or uses it. A desk whose
camera is missing or busy, or a citizen who brings a photo on their phone, uses "Choose a
file…" instead: the picture sent to the desk is chosen like any file. Either way the dialog
gives back bytes (the still as a JPEG, or the file as it is) and the portrait page runs the
full pipeline on them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.catalogue import PhotoSpec
from desk_app.photo.rules import EYE_LINE_FROM_TOP, HEAD_SHARE_TARGET

from ..errors import error_text, message_text
from ..feedback import Tone, show_message
from ..ops import Op
from .feed import CameraFeed, FormatNeed, FramePreview
from .portrait_guide import Check, PortraitGuide
from .still_dialog import StillCaptureDialog

if TYPE_CHECKING:
    from desk_app.photo.rules import PortraitReport

log = logging.getLogger(__name__)

# More than this many pieces of advice at once is more than anyone reads while posing;
# the rules give the most basic first (a face at all, then its size and place).
MAX_ADVICE = 3
# A phone photo is a few megabytes; a file far beyond that is not a portrait, and reading
# it whole would only hold the desk up.
MAX_FILE_BYTES = 40_000_000
_IMAGE_FILTER = "*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff"

# The guide shows where the head belongs in a photo of the procedure's shape, with the
# rules' own proportions (the head HEAD_SHARE_TARGET of the photo's height, the eyes
# EYE_LINE_FROM_TOP from its top), in a frame as large as the camera picture allows: a head
# that fills the oval gives the photo the most pixels. The rules place the photo around the
# face wherever it is, so the frame is a target, not the crop.
_PHOTO_FILL = 0.92          # the frame: this much of the picture's height (or width)
_HEAD_ASPECT = 0.74         # a head's width over its height
_EYES_IN_HEAD = 0.48        # the eyes, from the crown, in head heights

GOOD = QColor("#43a047")
NEEDS_WORK = QColor("#ffb300")
# A light line on a dark edge: seen on the white or blue wall a portrait is taken against
# as well as in a dark room.
GUIDE = QColor(255, 255, 255, 230)
GUIDE_EDGE = QColor(0, 0, 0, 150)


@dataclass(frozen=True)
class GuideShape:
    """The guide over a picture drawn in ``area``: the photo's frame, the head's oval, the eye line's height."""

    photo: QRectF
    head: QRectF
    eye_y: float


def guide_shape(area: QRectF, spec: PhotoSpec) -> GuideShape:
    """Where the photo, the head and the eyes belong in a picture shown in ``area``."""
    # The pixel size's shape, as the rules cut the photo (the print size has the same one).
    aspect = spec.width_px / spec.height_px if spec.width_px > 0 and spec.height_px > 0 else 0.75
    height = area.height() * _PHOTO_FILL
    width = height * aspect
    if width > area.width() * _PHOTO_FILL:
        width = area.width() * _PHOTO_FILL
        height = width / aspect
    photo = QRectF(area.center().x() - width / 2, area.center().y() - height / 2, width, height)
    head_height = height * HEAD_SHARE_TARGET
    head_width = head_height * _HEAD_ASPECT
    eye_y = photo.top() + height * EYE_LINE_FROM_TOP
    head = QRectF(photo.center().x() - head_width / 2, eye_y - head_height * _EYES_IN_HEAD, head_width, head_height)
    return GuideShape(photo, head, eye_y)


class GuideOverlay(QWidget):
    """Paints the portrait guide and the face found on top of a ``FramePreview``.

    A child of the preview, covering it, that lets the mouse through: the preview keeps
    its own API and painting, and this draws over whatever picture it shows, mapped
    through the same fit-and-centre the preview uses.
    """

    def __init__(self, preview: FramePreview, spec: PhotoSpec) -> None:
        super().__init__(preview)
        self.setObjectName("portraitGuideOverlay")
        self.spec = spec
        self._preview = preview
        self._report: PortraitReport | None = None
        self._frame_size = QSize()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setGeometry(preview.rect())
        preview.installEventFilter(self)

    @property
    def report(self) -> PortraitReport | None:
        return self._report

    def set_report(self, report: PortraitReport | None, frame_size: QSize) -> None:
        """Show the face of ``report``, found in a picture of ``frame_size``."""
        self._report = report
        self._frame_size = QSize(frame_size)
        self.update()

    def clear_report(self) -> None:
        self.set_report(None, QSize())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._preview and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._preview.rect())
        return False

    def picture_area(self) -> QRectF | None:
        """Where the preview draws its picture, None while it shows none."""
        image = self._preview.image
        if image is None or image.isNull():
            return None
        return QRectF(self._preview._target(image))

    def _scale(self, area: QRectF) -> tuple[float, float] | None:
        """From the checked picture's pixels to ``area``'s, None without a report."""
        if self._report is None or self._frame_size.isEmpty():
            return None
        return area.width() / self._frame_size.width(), area.height() / self._frame_size.height()

    def face_box(self, area: QRectF) -> QRectF | None:
        """The reported face box in this widget's coordinates, None when there is none."""
        scale = self._scale(area)
        if scale is None or self._report.face is None:
            return None
        x, y, w, h = self._report.face
        return QRectF(area.left() + x * scale[0], area.top() + y * scale[1], w * scale[0], h * scale[1])

    def eye_points(self, area: QRectF) -> list[QPointF]:
        """The reported eyes in this widget's coordinates."""
        scale = self._scale(area)
        if scale is None:
            return []
        return [QPointF(area.left() + x * scale[0], area.top() + y * scale[1]) for x, y in self._report.eyes]

    def paintEvent(self, event: QPaintEvent) -> None:
        area = self.picture_area()
        if area is None:
            return
        shape = guide_shape(area, self.spec)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        line = max(1.5, area.height() / 300)
        eye_margin = shape.head.width() * 0.12
        eye_line = (QPointF(shape.head.left() - eye_margin, shape.eye_y),
                    QPointF(shape.head.right() + eye_margin, shape.eye_y))
        dash = 4 * line
        for pen in (QPen(GUIDE_EDGE, line + 2), QPen(GUIDE, line)):
            painter.setPen(pen)
            painter.drawRect(shape.photo)
            # Qt measures dashes in pen widths: the same lengths in pixels keep the edge's
            # dashes under the light ones.
            pen.setDashPattern([dash / pen.widthF(), dash / pen.widthF()])
            painter.setPen(pen)
            painter.drawEllipse(shape.head)
            painter.drawLine(*eye_line)
        box = self.face_box(area)
        if box is not None:
            colour = GOOD if self._report.passed else NEEDS_WORK
            painter.setPen(QPen(colour, line * 1.6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box)
            painter.setBrush(colour)
            painter.setPen(Qt.PenStyle.NoPen)
            radius = max(2.5, box.width() / 40)
            for eye in self.eye_points(area):
                painter.drawEllipse(eye, radius, radius)


def advice_lines(report: PortraitReport, limit: int = MAX_ADVICE) -> list[str]:
    """The failing rules' advice, translated, the first ``limit`` of them, each once.

    A rule that could not be measured (no face, so no face size) says "Not checked"; that
    is left out while a rule that was measured failed, since following that advice first
    is what lets the others be checked.
    """
    failures = report.failures
    measured = [result for result in failures if result.measured is not None]
    lines: list[str] = []
    for result in measured or failures:
        text = message_text(result)
        if text not in lines:
            lines.append(text)
    return lines[:limit]


class PortraitCaptureDialog(StillCaptureDialog):
    """Accepts with ``jpeg``: the still as a JPEG (quality 90), or the bytes of a chosen file.

    ``file_name`` is set when the bytes came from a file; ``still_report`` is the taken
    still's check once it is done. ``check`` replaces the portrait rules (tests).
    """

    def __init__(
        self,
        parent: QWidget | None,
        camera_id: str | None,
        spec: PhotoSpec,
        *,
        feed: CameraFeed | None = None,
        check: Check | None = None,
    ) -> None:
        super().__init__(parent, camera_id, feed, FormatNeed.LIVE)
        self.setObjectName("portraitCaptureDialog")
        self.setWindowTitle(self.tr("Take the citizen's portrait"))
        self.spec = spec
        self.file_name: str | None = None
        self.still_report: PortraitReport | None = None
        self._still_key: int | None = None
        self.guide = PortraitGuide(spec, self, check=check)
        self.panel.live_text = self.tr("Seat the citizen facing the camera against a plain background, "
                                       "then press Space to take the photo.")
        self.panel.no_camera_text = self.tr("No camera found: connect a camera, or choose a photo file.")
        self.check_text = self.tr("Check the photo: is the face sharp, the whole head inside the frame?")
        self.overlay = GuideOverlay(self.panel.preview, spec)

        self.advice_label = QLabel()
        self.advice_label.setObjectName("portraitAdviceLabel")
        self.advice_label.setWordWrap(True)
        self.advice_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Room for the advice from the start (a heading and its lines): the preview does not
        # jump as it changes.
        self.advice_label.setMinimumHeight(self.advice_label.fontMetrics().lineSpacing() * (MAX_ADVICE + 1) + 4)
        self.file_note = QLabel(self.tr("No camera, or the citizen has the photo on their phone? Have it sent "
                                        "to this desk, then choose it as a file."))
        self.file_note.setObjectName("portraitFileNote")
        self.file_note.setWordWrap(True)
        self.file_button = QPushButton(self.tr("Choose a &file…"))
        self.file_button.setObjectName("portraitFileButton")
        self.file_button.clicked.connect(self.choose_file)
        self.busy_buttons.append(self.file_button)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_note, 1)
        file_row.addWidget(self.file_button)

        self.take_button.setText(self.tr("&Take photo"))
        self.take_button.setObjectName("takePhotoButton")
        self.retake_button.setObjectName("retakePhotoButton")
        self.use_button.setText(self.tr("&Use this photo"))
        self.use_button.setObjectName("usePhotoButton")

        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.advice_label)
        layout.addLayout(file_row)
        layout.addWidget(self.buttons)
        self.resize(820, 720)

        self.feed.frame.connect(self._live_picture)
        self.guide.guided.connect(self._guided)
        self._show_advice_pending()
        self._show_buttons()

    # ------------------------------------------------------------------ advice

    def _show_advice(self, text: str, tone: Tone) -> None:
        # Several times a second, mostly the same: only a change is laid out again.
        if self.advice_label.text() != text or self.advice_label.property("tone") != tone.value:
            show_message(self.advice_label, text, tone)

    def _show_advice_pending(self) -> None:
        self._show_advice(self.tr("Looking for the citizen's face…"), Tone.INFO)

    def _show_report(self, report: PortraitReport) -> None:
        bullets = "\n".join("• " + line for line in advice_lines(report))
        if self.picture is None:
            if report.passed:
                self._show_advice(self.tr("All checks pass: press Space"), Tone.OK)
            else:
                self._show_advice(bullets, Tone.INFO)
        elif report.passed:
            self._show_advice(self.tr("This photo passes every check: press Enter to use it."), Tone.OK)
        else:
            self._show_advice(self.tr("Retake the photo, or use it if it is right:") + "\n" + bullets, Tone.ERROR)

    @Slot(QImage)
    def _live_picture(self, image: QImage) -> None:
        if self.picture is None and not self._busy:
            self.guide.submit(image)

    @Slot(object)
    def _guided(self, report: PortraitReport) -> None:
        if self._closed:
            return
        still = self.guide.frame_key == self._still_key
        if (self.picture is None) == still:
            return  # a live picture's check overtaken by the take, or the old still's after a retake
        if still:
            self.still_report = report
        self.overlay.set_report(report, self.guide.frame_size)
        self._show_report(report)

    # ------------------------------------------------------------------ the still

    def _taken(self, image: QImage) -> None:
        self.still_report = None
        self._still_key = image.cacheKey()
        self.overlay.clear_report()
        self._show_advice(self.tr("Checking the photo…"), Tone.INFO)
        self.guide.submit(image)
        super()._taken(image)

    def _retaken(self) -> None:
        self.still_report = None
        self.overlay.clear_report()
        self._show_advice_pending()

    # ------------------------------------------------------------------ a file instead

    @Slot()
    def choose_file(self) -> None:
        if self._busy:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the citizen's portrait"), "",
            self.tr("Pictures ({patterns})").format(patterns=_IMAGE_FILTER))
        if not path:
            return
        self._set_busy(True)
        self.panel.show_status(self.tr("Reading the file…"))
        file = Path(path)
        Op(lambda: _read_photo_file(file), parent=self).success(
            lambda data: self._file_read(file.name, data)).failure(self._file_not_read).run()

    def _file_read(self, name: str, data: bytes | None) -> None:
        self._busy = False
        if self._closed:
            return
        if not data:
            self._show_buttons()
            self.panel.show_status(
                self.tr("This file is empty or too large to be a photo. Choose the photo itself."), Tone.ERROR)
            return
        self.jpeg = data
        self.file_name = name
        log.info("portrait chosen from a file: %d bytes", len(data))
        self.accept()

    def _file_not_read(self, error: Exception) -> None:
        self._busy = False
        if self._closed:
            return
        self._show_buttons()
        # The system's own words for a missing file, a refused access or a lost network share.
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error_text(error)
        self.panel.show_status(self.tr("The file could not be read ({reason}). Choose it again, or another file.")
                               .format(reason=reason), Tone.ERROR)

    def done(self, result: int) -> None:
        self.guide.stop()
        super().done(result)


def _read_photo_file(path: Path) -> bytes | None:
    """The file's bytes; None when it is empty or far too large to be a photo."""
    size = path.stat().st_size
    if size == 0 or size > MAX_FILE_BYTES:
        return None
    return path.read_bytes()


def capture_portrait(
    parent: QWidget | None,
    camera_id: str | None,
    spec: PhotoSpec,
    *,
    feed: CameraFeed | None = None,
    check: Check | None = None,
) -> tuple[bytes | None, str | None]:
    """Show the dialog until a photo is used or the officer cancels.

    Returns (the photo's bytes, or None when cancelled; the camera id to remember).
    """
    dialog = PortraitCaptureDialog(parent, camera_id, spec, feed=feed, check=check)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return (dialog.jpeg if accepted else None), dialog.camera_id
    finally:
        dialog.deleteLater()
