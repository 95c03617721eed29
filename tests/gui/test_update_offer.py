"""Offering a newer desk version to an officer signed in against the real central API: the
quiet notice after sign-in, and Help ▸ Check for updates… downloading from a file server on
loopback."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog

from desk_app import __version__
from desk_app.gui.ops import wait_for_ops
from desk_app.gui.update_offer import UpdateDialog, UpdateOffer
from desk_app.updates import DownloadCancelled, UpdateError
from tests.support.central_server import RunningCentral
from tests.test_updates import PAYLOAD, Served, server  # noqa: F401 - the file server fixture

from .test_keyboard_only import assert_keyboard_ready
from .test_main_window import window  # noqa: F401 - the signed-in main window fixture

NOTES = "Bản 99.0.0: in biên nhận nhanh hơn; sửa lỗi máy quét."


def publish(central: RunningCentral, url: str, body: bytes = PAYLOAD, version: str = "99.0.0") -> None:
    answer = requests.put(central.url("/v1/admin/desk-release"), headers=central.headers("quantri"), timeout=10, json={
        "version": version, "download_url": url, "sha256": hashlib.sha256(body).hexdigest(),
        "size_bytes": len(body), "notes": NOTES})
    assert answer.status_code in (200, 201), answer.text


def settled() -> None:
    assert wait_for_ops(10_000)
    QApplication.processEvents()


def open_dialog(qtbot, window, folder: Path) -> UpdateDialog:  # noqa: F811
    offer = window.findChild(UpdateOffer)
    offer.download_dir = folder
    action = window.findChild(QAction, "actionCheckForUpdates")
    assert action in window.help_menu.actions() and action.isEnabled()
    with qtbot.waitSignal(offer.dialog_opened, timeout=5_000) as opened:
        action.trigger()
    dialog = opened.args[0]
    qtbot.waitUntil(lambda: dialog.op is None, timeout=10_000)
    return dialog


def test_a_newer_version_shows_a_quiet_notice_and_a_failed_check_is_only_logged(
    qtbot, window, central_server, caplog  # noqa: F811
):
    offer = window.findChild(UpdateOffer)
    settled()  # the check made when the window opened: nothing published yet
    assert offer.offered is None and not offer.notice.isVisible()
    publish(central_server, "https://motcua.example.vn/desk/99.0.0/setup.exe")
    with qtbot.waitSignal(offer.checked, timeout=10_000):
        offer.check_after_sign_in()
    assert offer.offered is not None and offer.offered.version == "99.0.0"
    assert offer.notice.isVisible() and "99.0.0" in offer.notice.text()
    assert window.ui.statusBar.isAncestorOf(offer.notice)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]

    caplog.set_level(logging.INFO, logger="desk_app.gui.update_offer")
    central_server.server.stop()  # the central system goes away: asking again fails
    with qtbot.waitSignal(offer.check_after_sign_in().finished, timeout=15_000) as done:
        pass
    assert done.args == [False] and "desk update check not done" in caplog.text
    assert offer.notice.isVisible() and offer.offered.version == "99.0.0"  # the last answer stands
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


class _FolderOpener(QObject):
    """Takes file:// URLs in place of the system's file manager (QDesktopServices' own hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


@pytest.fixture
def folder_opener():
    opener = _FolderOpener()
    QDesktopServices.setUrlHandler("file", opener, "open")
    yield opener
    QDesktopServices.unsetUrlHandler("file")


def test_the_dialog_downloads_the_newer_version_and_opens_its_folder(
    qtbot, window, central_server, server, tmp_path, folder_opener  # noqa: F811
):
    server.files["/one-stop-desk-99.0.0.exe"] = Served(PAYLOAD)
    publish(central_server, server.url("/one-stop-desk-99.0.0.exe"))
    dialog = open_dialog(qtbot, window, tmp_path / "Downloads")
    assert __version__ in dialog.current_label.text()
    assert "99.0.0" in dialog.offered_label.text()
    assert dialog.notes_view.toPlainText() == NOTES
    assert dialog.download_button.isVisible() and dialog.download_button.isEnabled()
    assert_keyboard_ready(qtbot, dialog, "update offered")

    with qtbot.waitSignal(dialog.download_finished, timeout=10_000) as finished:
        qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    path = finished.args[0]
    assert path == tmp_path / "Downloads" / "one-stop-desk-99.0.0.exe" and path.read_bytes() == PAYLOAD
    assert dialog.progress_bar.value() == dialog.progress_bar.maximum()
    assert str(path) in dialog.message_label.text()
    assert dialog.open_folder_button.isVisible() and dialog.cancel_button.text() == "Close (Esc)"
    assert_keyboard_ready(qtbot, dialog, "update downloaded")

    # A mnemonic clicks the way a mouse does, after the button showed itself pressed.
    qtbot.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(folder_opener.opened), timeout=5_000)
    assert folder_opener.opened == [QUrl.fromLocalFile(str(tmp_path / "Downloads"))]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)


def test_a_stopped_or_damaged_download_leaves_nothing(qtbot, window, central_server, server, tmp_path):  # noqa: F811
    server.files["/slow.exe"] = Served(PAYLOAD, pause=0.05)  # about a second for the whole file
    publish(central_server, server.url("/slow.exe"))
    dialog = open_dialog(qtbot, window, tmp_path / "Downloads")
    dialog.start_download()
    qtbot.waitUntil(lambda: dialog.progress_bar.value() > 0, timeout=5_000)
    with qtbot.waitSignal(dialog.download_finished, timeout=10_000) as finished:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible()  # Esc stops the download first; the dialog says so
    assert isinstance(finished.args[0], DownloadCancelled)
    assert dialog.isVisible() and "stopped" in dialog.message_label.text()
    assert list((tmp_path / "Downloads").iterdir()) == []
    assert dialog.download_button.isEnabled() and not dialog.progress_bar.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)

    server.files["/damaged.exe"] = Served(bytes(len(PAYLOAD)))  # the published size, other bytes
    publish(central_server, server.url("/damaged.exe"), version="99.0.1")
    dialog = open_dialog(qtbot, window, tmp_path / "Downloads")
    with qtbot.waitSignal(dialog.download_finished, timeout=10_000) as finished:
        dialog.download_button.click()
    assert isinstance(finished.args[0], UpdateError) and finished.args[0].template == UpdateError.HASH_MISMATCH
    assert "SHA-256" in dialog.message_label.text() and dialog.message_label.property("tone") == "error"
    assert list((tmp_path / "Downloads").iterdir()) == []
    dialog.reject()


def test_up_to_date_and_nothing_published_are_said_without_a_download(qtbot, window, central_server, tmp_path):  # noqa: F811
    nothing = open_dialog(qtbot, window, tmp_path)
    assert "No desk version" in nothing.offered_label.text() and not nothing.download_button.isVisible()
    assert_keyboard_ready(qtbot, nothing, "nothing on offer")
    qtbot.keyClick(nothing, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not nothing.isVisible(), timeout=5_000)
    # The closed dialog is deleted; the menu opens a new one rather than asking the dead one.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    publish(central_server, "https://motcua.example.vn/desk/setup.exe", version=__version__)
    same = open_dialog(qtbot, window, tmp_path)
    assert "up to date" in same.message_label.text() and not same.download_button.isVisible()
    same.reject()
