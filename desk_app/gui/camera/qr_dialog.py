"""CameraQrDialog: the citizen holds their CCCD card up to the desk's webcam.

For desks without a 2D scanner. The live picture shows where the card is; each picture
goes to a ``QrDecoder``; the first QR text that ``parse_cccd_qr`` accepts closes the dialog
and is handed over as it was read (the citizen page parses it again and fills the fields,
as for a scanner). Another QR code (a bank's, a parcel's), or a card's code that says
something impossible, is explained in the status line and the reading goes on. Neither
the camera's pictures nor the decoding hold up the UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desk_app.core.identity import CccdError, parse_cccd_qr
from desk_app.core.timeutil import now_vn

from ..errors import error_text
from ..feedback import Tone
from ..scanner_input import is_card_scan
from .camera_dialog import CameraDialog
from .feed import CameraFeed, FormatNeed
from .qr_decoder import QrDecoder

log = logging.getLogger(__name__)

# Decoding a 1280×720 picture takes 10–40 ms; more pictures than this only heat the CPU.
ANALYSIS_FPS = 10.0


class CameraQrDialog(CameraDialog):
    """Accepts when a CCCD card's QR code is read; ``text`` is then its raw text.

    ``camera_id`` is the preferred camera (None: the system's default); read it back from
    ``camera_id`` afterwards to remember the officer's choice. One dialog, one reading.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        camera_id: str | None = None,
        *,
        feed: CameraFeed | None = None,
        clock: Callable[[], datetime] = now_vn,
    ) -> None:
        super().__init__(parent, camera_id, feed, max_fps=ANALYSIS_FPS, need=FormatNeed.LIVE)
        self.setObjectName("cameraQrDialog")
        self.setWindowTitle(self.tr("Read the citizen ID card with the camera"))
        self.text: str | None = None
        self._clock = clock
        self.decoder = QrDecoder(self)
        self.panel.live_text = self.tr("Hold the card's QR code in front of the camera")
        self.panel.no_camera_text = self.tr("No camera found: use the scanner or type the number")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.resize(720, 560)

        self.feed.frame.connect(self._picture)
        self.decoder.decoded.connect(self._read)

    @Slot(QImage)
    def _picture(self, image: QImage) -> None:
        if self.text is None:
            self.decoder.submit(image)

    @Slot(str)
    def _read(self, text: str) -> None:
        if self.text is not None:
            return  # already accepted; a later picture of the same card changes nothing
        try:
            identity = parse_cccd_qr(text, today=self._clock().date())
        except CccdError as exc:
            if is_card_scan(text):
                message = self.tr("This card's QR code cannot be used: {reason}").format(reason=error_text(exc))
            else:
                message = self.tr("This QR code is not a citizen ID card's. Hold the QR code of the citizen's "
                                  "card in front of the camera.")
            self.panel.show_status(message, Tone.ERROR)
            return
        log.info("card read with the camera (%d characters)", len(text))
        self.text = text
        self.panel.show_status(self.tr("Read the card of {name}.").format(name=identity.full_name), Tone.OK)
        self.accept()

    def done(self, result: int) -> None:
        self.decoder.stop()
        super().done(result)


def scan_card_with_camera(parent: QWidget | None, camera_id: str | None = None) -> tuple[str | None, str | None]:
    """Show the dialog until a card is read or the officer closes it.

    Returns (the card's raw QR text, or None when closed; the camera id to remember).
    """
    dialog = CameraQrDialog(parent, camera_id)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return (dialog.text if accepted else None), dialog.camera_id
    finally:
        dialog.deleteLater()
