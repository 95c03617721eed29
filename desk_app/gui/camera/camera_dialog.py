"""CameraDialog: what every dialog showing the desk's camera shares.

A camera feed and its panel (the live picture, the camera choice, the status line), the
camera opened only once the dialog is shown and stopped when it closes, and the camera the
officer chose, read back afterwards so the desk remembers it. The card reader and the still
cameras (a page, a portrait) build on it.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QWidget

from .feed import CameraFeed, CameraPanel, FormatNeed


class CameraDialog(QDialog):
    """``camera_id`` is the preferred camera (None: the system's default). ``feed`` replaces
    the camera (tests); otherwise one is opened at ``max_fps`` in the format ``need`` asks for."""

    def __init__(self, parent: QWidget | None, camera_id: str | None, feed: CameraFeed | None, *,
                 max_fps: float, need: FormatNeed) -> None:
        super().__init__(parent)
        self.feed = feed or CameraFeed(self, max_fps=max_fps, need=need)
        self.panel = CameraPanel(self.feed, camera_id)

    @property
    def camera_id(self) -> str | None:
        return self.panel.camera_id

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Opened when shown, not when built: a dialog never shown keeps the camera off.
        self.panel.open_camera()

    def done(self, result: int) -> None:
        self.feed.stop()
        super().done(result)
