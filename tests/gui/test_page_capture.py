"""Photographing a paper page with the desk's camera.

The page is drawn with Pillow, fed into the CameraFeed's video sink where the camera's
frames arrive, and the JPEG the dialog gives back is read with Pillow again. The system's
camera list is emptied, so the tests run the same on a machine with a camera.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import numpy as np
import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog

from desk_app.gui.camera import PageCaptureDialog, capture_page
from desk_app.gui.camera import feed as feed_module

PAGE_SIZE = (1600, 1200)   # larger than the preview: the still must keep every pixel
# The IJG luminance table (ITU T.81, Annex K), which libjpeg scales for a quality setting.
_LUMINANCE = [
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
]


def luminance_table(quality: int) -> list[int]:
    scale = 5000 // quality if quality < 50 else 200 - 2 * quality
    return [min(max((value * scale + 50) // 100, 1), 255) for value in _LUMINANCE]


def page_picture(size: tuple[int, int] = PAGE_SIZE, seed: int = 0) -> QImage:
    """A sheet of printed lines on a wooden desk, as the camera sees it."""
    width, height = size
    picture = Image.new("RGB", size, (120, 84, 52))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((width // 8, height // 12, width * 7 // 8, height * 11 // 12), fill=(246, 244, 238))
    rng = np.random.default_rng(seed)
    for row in range(18):
        y = height // 12 + 40 + row * (height // 24)
        length = int(rng.integers(width // 3, width * 5 // 8))
        draw.rectangle((width // 8 + 50, y, width // 8 + 50 + length, y + 10), fill=(30, 30, 40))
    data = picture.tobytes("raw", "RGB")
    return QImage(data, width, height, width * 3, QImage.Format.Format_RGB888).copy()


def jpeg_of(data: bytes) -> Image.Image:
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    picture = Image.open(io.BytesIO(data))
    picture.load()
    assert picture.format == "JPEG"
    return picture


def difference(picture: Image.Image, image: QImage) -> float:
    """Mean absolute difference per channel, 0–255."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    original = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    original = original[:, : rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3)
    return float(np.abs(np.asarray(picture.convert("RGB"), dtype=int) - original.astype(int)).mean())


@pytest.fixture(autouse=True)
def no_camera(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feed_module, "_video_inputs", lambda: [])


@pytest.fixture
def dialog(qtbot) -> Iterator[PageCaptureDialog]:
    page_dialog = PageCaptureDialog(None, "document-camera")
    qtbot.addWidget(page_dialog)
    page_dialog.show()
    qtbot.waitExposed(page_dialog)
    yield page_dialog
    if page_dialog.isVisible():
        page_dialog.reject()


def test_space_takes_the_page_and_use_gives_a_jpeg_of_its_full_size(qtbot, dialog: PageCaptureDialog) -> None:
    status = dialog.panel.status_label
    assert status.text() == "No camera found: connect a camera, or scan the page with the scanner."
    page = page_picture()
    dialog.feed.feed_image(page_picture(seed=9))   # an earlier picture: the still is the newest one
    dialog.feed.feed_image(page)
    assert status.text() == "Lay the page flat under the camera, then press Space to take the picture."
    assert dialog.use_button.isHidden() and not dialog.take_button.isHidden()

    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    assert dialog.picture is not None and dialog.picture.size() == page.size()
    assert dialog.panel.preview.image is dialog.picture
    assert dialog.take_button.isHidden() and not dialog.use_button.isHidden() and not dialog.retake_button.isHidden()
    assert dialog.use_button.isDefault()
    # The camera goes on sending pictures; the one shown stays the one taken.
    dialog.feed.feed_image(page_picture(seed=3))
    assert dialog.panel.preview.image is dialog.picture

    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    picture = jpeg_of(dialog.jpeg)
    assert picture.size == PAGE_SIZE
    assert sorted(picture.quantization[0]) == sorted(luminance_table(90))
    assert difference(picture, page) < 3
    assert not dialog.feed.running


def test_enter_takes_the_picture_and_enter_again_uses_it(qtbot, dialog: PageCaptureDialog) -> None:
    page = page_picture(seed=4)
    dialog.feed.feed_image(page)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.picture is not None
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert jpeg_of(dialog.jpeg).size == PAGE_SIZE


def test_retake_goes_back_to_the_live_picture(qtbot, dialog: PageCaptureDialog) -> None:
    dialog.feed.feed_image(page_picture(seed=1))
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    first = dialog.picture
    assert first is not None
    qtbot.keyClick(dialog, Qt.Key.Key_Space)   # Space never uses a picture unchecked
    assert dialog.picture is first and dialog.isVisible()

    qtbot.mouseClick(dialog.retake_button, Qt.MouseButton.LeftButton)
    assert dialog.picture is None and not dialog.take_button.isHidden()
    assert dialog.panel.preview.image is None
    later = page_picture(size=(1280, 960), seed=2)
    qtbot.wait(120)   # past the preview's frame interval
    dialog.feed.feed_image(later)
    assert dialog.panel.preview.image is not None and dialog.panel.preview.image.size() == later.size()
    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    assert dialog.picture is not None and dialog.picture.size() == later.size()


def test_before_any_picture_taking_one_says_there_is_none(qtbot, dialog: PageCaptureDialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    assert dialog.picture is None
    assert dialog.panel.status_label.text() == "There is no picture from the camera yet."
    assert dialog.panel.status_label.property("tone") == "error"


def test_escape_cancels_without_a_picture(qtbot, dialog: PageCaptureDialog) -> None:
    dialog.feed.feed_image(page_picture())
    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.jpeg is None


def test_capture_page_returns_the_jpeg_and_tells_the_camera_to_remember(qtbot) -> None:
    page = page_picture(size=(1024, 768), seed=6)
    remembered: list[str | None] = []

    def work_the_open_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PageCaptureDialog):
            QTimer.singleShot(20, work_the_open_dialog)
            return
        dialog.feed.feed_image(page)
        qtbot.keyClick(dialog, Qt.Key.Key_Space)
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(20, work_the_open_dialog)
    data = capture_page(None, "document-camera", remember_camera=remembered.append)
    assert data is not None and jpeg_of(data).size == (1024, 768)
    assert remembered == ["document-camera"]
