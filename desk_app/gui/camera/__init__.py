"""The desk's webcam: reading the CCCD card's QR code, photographing a paper page, and
taking the citizen's portrait.

``CameraFeed`` turns a camera (or frames a test feeds in) into throttled ``QImage``s on the
UI thread; ``QrDecoder`` reads QR codes from them and ``PortraitGuide`` checks them against
the portrait rules, each on its own thread; the dialogs put them in front of the officer.
The dialogs take the preferred camera's id and give back the one chosen, which the caller
keeps in its settings.
"""

from .feed import CameraFeed, CameraProblem, FormatNeed, FormatOffer, FramePreview, choose_format
from .page_dialog import PageCaptureDialog, capture_page
from .portrait_dialog import GuideOverlay, PortraitCaptureDialog, capture_portrait, guide_shape
from .portrait_guide import PortraitGuide, rgb_pixels
from .qr_decoder import QrDecoder, decode_qr, gray_pixels
from .qr_dialog import CameraQrDialog, scan_card_with_camera

__all__ = [
    "CameraFeed",
    "CameraProblem",
    "CameraQrDialog",
    "FormatNeed",
    "FormatOffer",
    "FramePreview",
    "GuideOverlay",
    "PageCaptureDialog",
    "PortraitCaptureDialog",
    "PortraitGuide",
    "QrDecoder",
    "capture_page",
    "capture_portrait",
    "choose_format",
    "decode_qr",
    "gray_pixels",
    "guide_shape",
    "rgb_pixels",
    "scan_card_with_camera",
]
