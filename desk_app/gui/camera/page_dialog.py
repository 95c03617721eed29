"""PageCaptureDialog: a photograph of a paper page with the desk's webcam.

For a document the citizen brings when no scanner is at hand. The camera runs at the
largest picture it offers at a usable rate (``FormatNeed.DETAIL``); the preview shows a
few pictures a second, and Space, Enter or "Take picture" freezes the newest one at full
resolution. The officer checks it, takes it again or uses it; the JPEG is encoded on a
worker thread (a 12-megapixel picture takes a noticeable moment).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QIODevice, Qt, Slot
from PySide6.QtGui import QImage, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from ..errors import error_text
from ..feedback import Tone
from ..ops import Op
from .feed import CameraFeed, CameraPanel, FormatNeed

log = logging.getLogger(__name__)

JPEG_QUALITY = 90
PREVIEW_FPS = 15.0


def encode_jpeg(image: QImage, quality: int = JPEG_QUALITY) -> bytes:
    """The picture as JPEG bytes; safe on a worker thread (QImage is reentrant)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "JPEG", quality):
        raise OSError("the picture could not be encoded as JPEG")
    return bytes(buffer.data().data())


class PageCaptureDialog(QDialog):
    """Accepts with ``jpeg`` (the picture, JPEG quality 90) once the officer uses a picture.

    ``camera_id`` is the preferred camera (None: the system's default); read ``camera_id``
    back afterwards to remember the officer's choice. One dialog, one picture.
    """

    def __init__(self, parent: QWidget | None = None, camera_id: str | None = None, *,
                 feed: CameraFeed | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageCaptureDialog")
        self.setWindowTitle(self.tr("Photograph a page"))
        self.jpeg: bytes | None = None
        self.picture: QImage | None = None
        self._saving = False
        self._closed = False
        self.feed = feed or CameraFeed(self, max_fps=PREVIEW_FPS, need=FormatNeed.DETAIL)
        self.panel = CameraPanel(self.feed, camera_id)
        self.panel.live_text = self.tr("Lay the page flat under the camera, then press Space to take the picture.")
        self.panel.no_camera_text = self.tr("No camera found: connect a camera, or scan the page with the scanner.")

        self.take_button = QPushButton(self.tr("&Take picture"))
        self.take_button.setObjectName("takePictureButton")
        self.retake_button = QPushButton(self.tr("&Retake"))
        self.retake_button.setObjectName("retakeButton")
        self.use_button = QPushButton(self.tr("&Use this picture"))
        self.use_button.setObjectName("usePictureButton")
        buttons = QDialogButtonBox()
        buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.retake_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.take_button.clicked.connect(self.take_picture)
        self.retake_button.clicked.connect(self.retake)
        self.use_button.clicked.connect(self.use_picture)
        # Space only ever takes a picture: pressed twice it does not also use one unchecked.
        self._space = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        self._space.activated.connect(self.take_picture)

        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.resize(800, 640)
        self._show_buttons()

    @property
    def camera_id(self) -> str | None:
        return self.panel.camera_id

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.panel.open_camera()

    def _show_buttons(self) -> None:
        taken = self.picture is not None
        self.take_button.setVisible(not taken)
        self.retake_button.setVisible(taken)
        self.use_button.setVisible(taken)
        for button in (self.take_button, self.retake_button, self.use_button):
            button.setEnabled(not self._saving)
        # Enter presses the default button: take while live, use once a picture is shown.
        default = self.use_button if taken else self.take_button
        for button in (self.take_button, self.retake_button, self.use_button):
            button.setDefault(button is default)
        default.setFocus()

    @Slot()
    def take_picture(self) -> None:
        if self.picture is not None or self._saving:
            return
        image = self.feed.still_image()
        if image is None:
            self.panel.show_status(self.tr("There is no picture from the camera yet."), Tone.ERROR)
            return
        self.picture = image
        self.panel.show_still(image)
        self.panel.show_status(self.tr("Check the picture: is the whole page there and can it be read?"))
        self._show_buttons()

    @Slot()
    def retake(self) -> None:
        if self._saving:
            return
        self.picture = None
        self.panel.resume_live()
        self.panel.show_status(self.panel.live_text)
        self._show_buttons()

    @Slot()
    def use_picture(self) -> None:
        picture = self.picture
        if picture is None or self._saving:
            return
        self._saving = True
        self._show_buttons()
        self.panel.show_status(self.tr("Saving the picture…"))
        Op(lambda: encode_jpeg(picture), parent=self).success(self._encoded).failure(self._not_encoded).run()

    def _encoded(self, data: bytes) -> None:
        self._saving = False
        if self._closed:
            return  # cancelled while the picture was being encoded
        self.jpeg = data
        log.info("page photographed: %dx%d, %d bytes", self.picture.width(), self.picture.height(), len(data))
        self.accept()

    def _not_encoded(self, error: Exception) -> None:
        self._saving = False
        if self._closed:
            return
        self._show_buttons()
        self.panel.show_status(self.tr("The picture could not be saved ({reason}). Take it again.").format(
            reason=error_text(error)), Tone.ERROR)

    def done(self, result: int) -> None:
        self._closed = True
        self.feed.stop()
        super().done(result)


def capture_page(parent: QWidget | None, camera_id: str | None = None, *,
                 remember_camera: Callable[[str | None], None] | None = None) -> bytes | None:
    """Show the dialog; the page's JPEG bytes, or None when the officer cancelled.

    ``remember_camera`` is told the camera to use next time, whatever the outcome.
    """
    dialog = PageCaptureDialog(parent, camera_id)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if remember_camera is not None:
            remember_camera(dialog.camera_id)
        return dialog.jpeg if accepted else None
    finally:
        dialog.deleteLater()
