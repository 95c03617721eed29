"""PageCaptureDialog: a photograph of a paper page with the desk's webcam.

For a document the citizen brings when no scanner is at hand. The camera runs at the
largest picture it offers at a usable rate (``FormatNeed.DETAIL``); the preview shows a
few pictures a second, and Space, Enter or "Take picture" freezes the newest one at full
resolution for the officer to check (``StillCaptureDialog``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from .feed import CameraFeed, FormatNeed
from .still_dialog import StillCaptureDialog


class PageCaptureDialog(StillCaptureDialog):
    """Accepts with ``jpeg`` (the page, JPEG quality 90) once the officer uses a picture."""

    def __init__(self, parent: QWidget | None = None, camera_id: str | None = None, *,
                 feed: CameraFeed | None = None) -> None:
        super().__init__(parent, camera_id, feed, FormatNeed.DETAIL)
        self.setObjectName("pageCaptureDialog")
        self.setWindowTitle(self.tr("Photograph a page"))
        self.panel.live_text = self.tr("Lay the page flat under the camera, then press Space to take the picture.")
        self.panel.no_camera_text = self.tr("No camera found: connect a camera, or scan the page with the scanner.")
        self.check_text = self.tr("Check the picture: is the whole page there and can it be read?")
        self.take_button.setText(self.tr("&Take picture"))
        self.take_button.setObjectName("takePictureButton")
        self.retake_button.setObjectName("retakeButton")
        self.use_button.setText(self.tr("&Use this picture"))
        self.use_button.setObjectName("usePictureButton")

        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.buttons)
        self.resize(800, 640)
        self._show_buttons()


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
