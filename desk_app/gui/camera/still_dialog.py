"""StillCaptureDialog: the camera dialogs' shared take, check, retake-or-use cycle.

A page photographed for a dossier and a citizen's portrait are taken the same way: a live
preview, Space or Enter freezes the newest picture at the camera's full resolution, the
officer looks at it and takes it again or uses it, and the used picture is encoded as a
JPEG on a worker thread (a 12-megapixel picture takes a noticeable moment). This class
holds that cycle once; a subclass adds what its picture needs (the portrait's live
advice, a file to choose instead) through the ``_taken``, ``_retaken`` and ``_used``
hooks and by adding its own widgets around the panel.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, Qt, Slot
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

from ..errors import error_text
from ..feedback import Tone
from ..ops import Op
from .camera_dialog import CameraDialog
from .feed import CameraFeed, FormatNeed

log = logging.getLogger(__name__)

JPEG_QUALITY = 90
# Enough for a smooth preview; the still is taken at the camera's full resolution anyway.
PREVIEW_FPS = 15.0


def encode_jpeg(image: QImage, quality: int = JPEG_QUALITY) -> bytes:
    """The picture as JPEG bytes; safe on a worker thread (QImage is reentrant)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "JPEG", quality):
        raise OSError("the picture could not be encoded as JPEG")
    return bytes(buffer.data().data())


class StillCaptureDialog(CameraDialog):
    """Accepts with ``jpeg`` once the officer uses a still; ``picture`` is the still shown.

    The camera and its choice are ``CameraDialog``'s, opened at ``PREVIEW_FPS`` in the
    picture format ``need`` asks for. The subclass names the buttons (``take_button``, ``use_button``) and ``check_text`` in its own words and
    lays out ``panel`` and ``buttons``; ``busy_buttons`` lists further buttons that wait
    while a picture is saved. One dialog, one picture.
    """

    def __init__(self, parent: QWidget | None, camera_id: str | None, feed: CameraFeed | None,
                 need: FormatNeed) -> None:
        super().__init__(parent, camera_id, feed, max_fps=PREVIEW_FPS, need=need)
        self.jpeg: bytes | None = None
        self.picture: QImage | None = None
        self.check_text = ""   # what to look at in a still, in the subclass's words
        self.busy_buttons: list[QPushButton] = []
        self._busy = False
        self._closed = False

        self.take_button = QPushButton()
        # This class's texts name their context: a subclass's self.tr would look under its own.
        self.retake_button = QPushButton(QCoreApplication.translate("StillCaptureDialog", "&Retake"))
        self.use_button = QPushButton()
        self.buttons = QDialogButtonBox()
        for button in (self.take_button, self.retake_button, self.use_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(QCoreApplication.translate("StillCaptureDialog", "Cancel (Esc)"))
        self.buttons.rejected.connect(self.reject)
        self.take_button.clicked.connect(self.take)
        self.retake_button.clicked.connect(self.retake)
        self.use_button.clicked.connect(self.use)
        # Space only ever takes a picture: pressed twice it does not also use one unchecked.
        self._space = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        self._space.activated.connect(self.take)

    def _show_buttons(self) -> None:
        taken = self.picture is not None
        self.take_button.setVisible(not taken)
        self.retake_button.setVisible(taken)
        self.use_button.setVisible(taken)
        for button in (self.take_button, self.retake_button, self.use_button, *self.busy_buttons):
            button.setEnabled(not self._busy)
        # Enter presses the default button: take while live, use once a picture is shown.
        default = self.use_button if taken else self.take_button
        for button in (self.take_button, self.retake_button, self.use_button):
            button.setDefault(button is default)
        # Qt makes the button box stand in for its default button when Tab reaches it, so
        # Tab jumped from the box straight to "Use" and never reached "Retake" before it.
        self.buttons.setFocusProxy(None)
        default.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._show_buttons()

    # ------------------------------------------------------------------ the cycle

    @Slot()
    def take(self) -> None:
        if self.picture is not None or self._busy:
            return
        image = self.feed.still_image()
        if image is None:
            self.panel.show_status(
                QCoreApplication.translate("StillCaptureDialog", "There is no picture from the camera yet."), Tone.ERROR)
            return
        self.picture = image
        self.panel.show_still(image)
        self._taken(image)
        self._show_buttons()

    @Slot()
    def retake(self) -> None:
        if self._busy:
            return
        self.picture = None
        self.panel.resume_live()
        self._retaken()
        self.panel.show_status(self.panel.live_text)
        self._show_buttons()

    @Slot()
    def use(self) -> None:
        picture = self.picture
        if picture is None or self._busy:
            return
        self._set_busy(True)
        self.panel.show_status(QCoreApplication.translate("StillCaptureDialog", "Saving the picture…"))
        Op(lambda: encode_jpeg(picture), parent=self).success(self._encoded).failure(self._not_encoded).run()

    def _encoded(self, data: bytes) -> None:
        self._busy = False
        if self._closed:
            return  # cancelled while the picture was being encoded
        self.jpeg = data
        self._used(self.picture, data)
        self.accept()

    def _not_encoded(self, error: Exception) -> None:
        self._busy = False
        if self._closed:
            return
        self._show_buttons()
        self.panel.show_status(QCoreApplication.translate(
            "StillCaptureDialog", "The picture could not be saved ({reason}). Take it again.").format(
            reason=error_text(error)), Tone.ERROR)

    # ------------------------------------------------------------------ hooks

    def _taken(self, image: QImage) -> None:
        """A still is shown: say what to check in it."""
        self.panel.show_status(self.check_text)

    def _retaken(self) -> None:
        """The live picture is back."""

    def _used(self, image: QImage, jpeg: bytes) -> None:
        """The still was encoded and is about to be given back."""
        log.info("%s: picture used, %dx%d, %d bytes", self.objectName(), image.width(), image.height(), len(jpeg))

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)
