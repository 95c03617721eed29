"""ScanPanel: scans attached by drop, by the file dialog's path and by the camera, refused
files named with their reason, removal from the keyboard; files prepared off the UI thread."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QThread, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pypdf import PdfWriter

import desk_app.gui.intake.scan_panel as scan_panel_module
from desk_app.core.catalogue import DocumentRequirement
from desk_app.gui.intake.scan_panel import ScanPanel
from desk_app.scans.check import JPEG, PDF, PreparedScan, prepare_scan
from tests.scans import A4_ASPECT, jpeg_bytes, photographed_page, text_page

APPLICATION = DocumentRequirement("don", "Đơn đề nghị cấp đổi", originals=1)
LICENCE = DocumentRequirement("gplx", "Giấy phép lái xe", photocopies=1, max_bytes=1_000_000)
REQUIREMENTS = (APPLICATION, LICENCE)


@pytest.fixture(scope="module")
def photo() -> bytes:
    return jpeg_bytes(photographed_page(text_page(900), size=(1600, 1200)))


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def panel(qtbot) -> ScanPanel:
    widget = ScanPanel()
    qtbot.addWidget(widget)
    widget.set_requirements(REQUIREMENTS)
    widget.show()
    return widget


def wait_until_idle(qtbot, panel: ScanPanel) -> None:
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=15_000)


def rows(panel: ScanPanel) -> list[tuple[str, str, str]]:
    view = panel.scan_list
    return [tuple(view.topLevelItem(i).text(c) for c in range(3)) for i in range(view.topLevelItemCount())]


def drop_files(panel: ScanPanel, paths: list[Path], links: tuple[str, ...] = ()) -> QDropEvent:
    """Drag the files (and links) over the panel and drop them, as a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl(link) for link in links] + [QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, drop)
    return drop


def test_dropped_files_are_prepared_in_the_background_and_listed(qtbot, panel: ScanPanel, tmp_path: Path,
                                                                  photo: bytes, monkeypatch) -> None:
    (tmp_path / "don.jpg").write_bytes(photo)
    (tmp_path / "to khai.pdf").write_bytes(pdf_bytes(pages=2))
    ui_thread = QThread.currentThread()
    threads: list[bool] = []
    real_prepare = scan_panel_module.prepare_scan_file

    def watched(path: Path, *, max_bytes: int) -> PreparedScan:
        threads.append(QThread.currentThread() is ui_thread)
        return real_prepare(path, max_bytes=max_bytes)

    monkeypatch.setattr(scan_panel_module, "prepare_scan_file", watched)
    changes: list[None] = []
    panel.scans_changed.connect(lambda: changes.append(None))
    with qtbot.waitSignal(panel.busy_changed, timeout=5000) as started:
        drop = drop_files(panel, [tmp_path / "don.jpg", tmp_path / "to khai.pdf"])
    assert started.args == [True] and drop.isAccepted()
    assert panel.busy_bar.isVisible() and "don.jpg" in panel.busy_label.text()
    wait_until_idle(qtbot, panel)
    assert threads == [False, False]  # never on the UI thread
    assert not panel.busy_bar.isVisible()
    assert len(changes) == 2
    scans = panel.scans()["don"]
    assert [(s.filename, s.media_type, s.pages) for s in scans] == [("don.jpg", JPEG, 1), ("to khai.pdf", PDF, 2)]
    picture = Image.open(io.BytesIO(scans[0].data))
    assert picture.height / picture.width == pytest.approx(A4_ASPECT, rel=0.02)  # cut out of the photo
    assert [r[:2] for r in rows(panel)] == [("don.jpg", "1"), ("to khai.pdf", "2")]
    assert rows(panel)[0][2].endswith("KB")
    assert panel.message_label.property("tone") == "ok"
    assert "2 scan(s) attached." in panel.message_label.text()
    assert "(2 scan(s))" in panel.document_combo.itemText(0)
    # The newest scan is selected; a PDF is described, a picture previewed as it was cut out.
    assert panel.scan_list.currentItem() is panel.scan_list.topLevelItem(1)
    assert panel.preview_label.text() == "PDF, 2 page(s)"
    panel.scan_list.setCurrentItem(panel.scan_list.topLevelItem(0))
    qtbot.waitUntil(lambda: not panel.preview_label.pixmap().isNull(), timeout=5000)
    preview = panel.preview_label.pixmap()
    assert preview.height() / preview.width() == pytest.approx(A4_ASPECT, rel=0.03)


def test_a_refused_file_is_named_with_its_reason_and_nothing_is_lost(qtbot, panel: ScanPanel, tmp_path: Path,
                                                                      photo: bytes) -> None:
    good = tmp_path / "trang1.jpg"
    good.write_bytes(photo)
    panel.attach_files([good])
    wait_until_idle(qtbot, panel)
    before = panel.scans()
    broken = tmp_path / "trang2.jpg"
    broken.write_bytes(photo[: len(photo) // 2])
    renamed = tmp_path / "thu.jpg"
    renamed.write_bytes("Kính gửi Sở Xây dựng".encode())
    panel.attach_files([broken, renamed])
    wait_until_idle(qtbot, panel)
    assert panel.scans() == before
    text = panel.message_label.text()
    assert panel.message_label.property("tone") == "error" and panel.message_label.isVisible()
    assert '"trang2.jpg" is damaged or incomplete' in text
    assert '"thu.jpg" is not a PDF or a picture' in text
    assert [r[0] for r in rows(panel)] == ["trang1.jpg"]


def test_each_document_has_its_own_scans_and_its_own_limit(qtbot, panel: ScanPanel, tmp_path: Path) -> None:
    big = tmp_path / "gplx.pdf"
    big.write_bytes(pdf_bytes() + b"%" + b"x" * 1_200_000 + b"\n%%EOF\n")
    small = tmp_path / "gplx-nho.pdf"
    small.write_bytes(pdf_bytes())
    panel.set_current("gplx")
    assert "at most 1 MB each" in panel.hint_label.text()
    panel.attach_files([big, small])
    wait_until_idle(qtbot, panel)
    assert "more than the 1 MB allowed for this document" in panel.message_label.text()
    assert [s.filename for s in panel.scans()["gplx"]] == ["gplx-nho.pdf"]
    assert "don" not in panel.scans()
    panel.set_current("don")
    assert rows(panel) == []
    with pytest.raises(KeyError):
        panel.set_current("khong-co")


def test_the_same_file_twice_is_attached_once(qtbot, panel: ScanPanel, tmp_path: Path) -> None:
    path = tmp_path / "don.pdf"
    path.write_bytes(pdf_bytes())
    panel.attach_files([path, path])
    wait_until_idle(qtbot, panel)
    assert len(panel.scans()["don"]) == 1
    assert '"don.pdf" is already attached to this document.' in panel.message_label.text()


def test_delete_and_the_remove_button_take_scans_away(qtbot, panel: ScanPanel, tmp_path: Path) -> None:
    paths = []
    for pages in (1, 2, 3):
        path = tmp_path / f"phan{pages}.pdf"
        path.write_bytes(pdf_bytes(pages))
        paths.append(path)
    panel.attach_files(paths)
    wait_until_idle(qtbot, panel)
    changes: list[None] = []
    panel.scans_changed.connect(lambda: changes.append(None))
    view = panel.scan_list
    view.setFocus()
    view.setCurrentItem(view.topLevelItem(1))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [s.pages for s in panel.scans()["don"]] == [1, 3]
    assert len(changes) == 1
    # The keyboard stays on the list, on the scan that moved up.
    assert view.currentItem() is view.topLevelItem(1)
    assert panel.remove_button.isEnabled()
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert [s.pages for s in panel.scans()["don"]] == [1]
    view.setCurrentItem(view.topLevelItem(0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert panel.scans() == {}
    assert not panel.remove_button.isEnabled() and len(changes) == 3


def test_the_camera_picture_goes_through_the_same_checks(qtbot, tmp_path: Path, photo: bytes) -> None:
    pictures = [photo, None, b"not a picture"]
    asked: list[QWidget] = []

    def capture_page(parent: QWidget) -> bytes | None:
        asked.append(parent)
        return pictures.pop(0)

    panel = ScanPanel(capture_page)
    qtbot.addWidget(panel)
    panel.set_requirements(REQUIREMENTS)
    panel.show()
    assert panel.camera_button.isVisible() and panel.camera_button.text() == "&Camera…"
    qtbot.mouseClick(panel.camera_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot, panel)
    assert asked == [panel]
    [scan] = panel.scans()["don"]
    assert scan.media_type == JPEG and scan.filename.startswith("camera-") and scan.filename.endswith(".jpg")
    qtbot.mouseClick(panel.camera_button, Qt.MouseButton.LeftButton)  # the officer cancelled
    assert not panel.is_busy() and len(panel.scans()["don"]) == 1
    qtbot.mouseClick(panel.camera_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot, panel)
    assert "is not a PDF or a picture" in panel.message_label.text()
    assert len(panel.scans()["don"]) == 1


def test_a_camera_that_fails_leaves_a_message_not_a_crash(qtbot) -> None:
    def broken_camera(_parent: QWidget) -> bytes | None:
        raise RuntimeError("camera unplugged")

    panel = ScanPanel(broken_camera)
    qtbot.addWidget(panel)
    panel.set_requirements(REQUIREMENTS)
    panel.take_photo()
    assert "Something unexpected went wrong (RuntimeError)" in panel.message_label.text()
    assert panel.scans() == {}


def test_without_a_camera_there_is_no_camera_button(panel: ScanPanel) -> None:
    assert not panel.camera_button.isVisible()
    assert panel.attach_button.text() == "Attach &file…"
    assert panel.remove_button.text() == "&Remove"


def test_a_draft_is_restored_and_another_procedure_drops_its_scans(qtbot, panel: ScanPanel) -> None:
    restored = {"don": [prepare_scan(pdf_bytes(2), "don.pdf", max_bytes=10_000_000)],
                "gplx": [prepare_scan(jpeg_bytes(text_page(600)), "gplx.jpg", max_bytes=1_000_000)]}
    changes: list[None] = []
    panel.scans_changed.connect(lambda: changes.append(None))
    panel.set_scans(restored)
    assert panel.scans() == restored and changes == []
    assert [r[:2] for r in rows(panel)] == [("don.pdf", "2")]
    panel.set_requirements([LICENCE, DocumentRequirement("anh", "Ảnh chân dung")])
    assert panel.scans() == {"gplx": restored["gplx"]}
    assert changes == [None]
    assert panel.current_code() == "gplx"


def test_a_draft_restored_while_files_are_prepared_keeps_only_the_draft(qtbot, panel: ScanPanel, tmp_path: Path) -> None:
    release = threading.Event()
    real_prepare = scan_panel_module.prepare_scan_file

    def slow(path: Path, *, max_bytes: int) -> PreparedScan:
        release.wait(10)
        return real_prepare(path, max_bytes=max_bytes)

    path = tmp_path / "cu.pdf"
    path.write_bytes(pdf_bytes())
    scan_panel_module.prepare_scan_file = slow
    try:
        panel.attach_files([path, path])
        assert panel.is_busy()
        draft = {"don": [prepare_scan(pdf_bytes(3), "moi.pdf", max_bytes=10_000_000)]}
        panel.set_scans(draft)
        release.set()
        wait_until_idle(qtbot, panel)
    finally:
        scan_panel_module.prepare_scan_file = real_prepare
    assert panel.scans() == draft


def test_links_that_are_not_files_are_not_taken(qtbot, panel: ScanPanel, tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl("https://dichvucong.gov.vn/don.pdf")])
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, enter)
    assert not enter.isAccepted()
    path = tmp_path / "don.pdf"
    path.write_bytes(pdf_bytes())
    drop_files(panel, [path], links=("https://dichvucong.gov.vn/don.pdf",))
    wait_until_idle(qtbot, panel)
    assert [s.filename for s in panel.scans()["don"]] == ["don.pdf"]
    assert "Only files on this computer can be attached" in panel.message_label.text()


def test_without_documents_nothing_can_be_attached(qtbot, tmp_path: Path) -> None:
    panel = ScanPanel(lambda _parent: b"")
    qtbot.addWidget(panel)
    panel.set_requirements([])
    assert not panel.attach_button.isEnabled() and not panel.camera_button.isEnabled()
    assert panel.current_code() is None
    path = tmp_path / "don.pdf"
    path.write_bytes(pdf_bytes())
    panel.attach_files([path])
    assert not panel.is_busy() and panel.scans() == {}


def test_the_keyboard_reaches_every_action(qtbot, photo: bytes) -> None:
    panel = ScanPanel(lambda _parent: photo)
    qtbot.addWidget(panel)
    panel.set_requirements(REQUIREMENTS)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow, timeout=5_000)
    letters = [re.search(r"&(\w)", w.text()).group(1).lower()
               for w in (panel.document_label, panel.attach_button, panel.camera_button, panel.remove_button)]
    assert letters == ["u", "f", "c", "r"]
    qtbot.keyClick(panel.focusWidget() or panel, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(panel.document_combo.hasFocus, timeout=5_000)
    qtbot.keyClick(panel.document_combo, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(panel.scans().get("don", [])) == 1, timeout=15_000)
    panel.scan_list.setFocus()
    panel.scan_list.setCurrentItem(panel.scan_list.topLevelItem(0))
    qtbot.keyClick(panel.scan_list, Qt.Key.Key_Delete)
    assert panel.scans() == {}
