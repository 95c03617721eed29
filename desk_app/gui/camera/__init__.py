"""The desk's webcam: reading the CCCD card's QR code and photographing a paper page.

``CameraFeed`` turns a camera (or frames a test feeds in) into throttled ``QImage``s on the
UI thread; ``QrDecoder`` reads QR codes from them on its own thread; the two dialogs put
them in front of the officer. The dialogs take the preferred camera's id and give back
the one chosen, which the caller keeps in its settings.
"""

from .feed import CameraFeed, CameraProblem, FormatNeed, FormatOffer, FramePreview, choose_format
from .page_dialog import PageCaptureDialog, capture_page
from .qr_decoder import QrDecoder, decode_qr, gray_pixels
from .qr_dialog import CameraQrDialog, scan_card_with_camera

__all__ = [
    "CameraFeed",
    "CameraProblem",
    "CameraQrDialog",
    "FormatNeed",
    "FormatOffer",
    "FramePreview",
    "PageCaptureDialog",
    "QrDecoder",
    "capture_page",
    "choose_format",
    "decode_qr",
    "gray_pixels",
    "scan_card_with_camera",
]
