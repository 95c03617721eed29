"""Offering a newer desk version: a quiet notice after sign-in, and Help ▸ Check for updates….

After sign-in the central API is asked, off the UI thread, which desk version is on offer;
a newer one puts a notice in the status bar and nothing more (a failed check only goes to
the log: the counter's work must not wait on it). The dialog shows this desk's version,
the one on offer and its notes, downloads it with a progress bar (Esc stops it) into the
download folder, checked against the published SHA-256 and size (desk_app/updates.py), and
then opens that folder. Running the installer is left to a person: it needs the desk
closed, and often an administrator's rights on the PC.
"""

from __future__ import annotations

import html
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app import __version__
from desk_app.core.messages import DeskError
from desk_app.sync.client import CentralClient, DeskRelease
from desk_app.sync.transport import certificate_check
from desk_app.updates import DownloadCancelled, download, download_folder, is_newer

from .errors import error_text
from .feedback import Tone, show_message
from .labels import format_moment
from .ops import Op

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)

# The check runs beside the counter's work; a central API this slow has other troubles.
CHECK_TIMEOUT_S = 10.0
_PROGRESS_STEPS = 1000  # per mille: a QProgressBar holds 32-bit values, installers may pass 2 GB
PROGRESS_REFRESH_MS = 100


def _fetch_release(client: CentralClient) -> DeskRelease | None:
    with client:
        return client.desk_release()


class _Meter:
    """How far the download is, written by the worker thread and read by the dialog's timer.

    A plain object on purpose: the worker's closure may hold the last reference to it, and a
    QObject must not be destroyed on a worker thread (see ops.py)."""

    def __init__(self) -> None:
        self.received = 0
        self.expected = 0

    def __call__(self, received: int, expected: int) -> None:
        self.received, self.expected = received, expected


class UpdateDialog(QDialog):
    """This desk's version, the one on offer, its notes; download it, then open its folder."""

    release_shown = Signal(object)  # DeskRelease | None, or the exception, once the check answered
    download_finished = Signal(object)  # the file's Path, or the exception that stopped it

    def __init__(self, central: CentralClient, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("updateDialog")
        self.setWindowTitle(self.tr("Desk updates"))
        self.setMinimumWidth(520)
        self._central = central
        self.folder = folder
        self.release: DeskRelease | None = None
        self.downloaded: Path | None = None
        self._cancel: threading.Event | None = None
        self._meter = _Meter()
        self.op: Op | None = None

        self.current_label = QLabel(self.tr("This desk: version {version}").format(version=__version__), self)
        self.current_label.setObjectName("currentVersionLabel")
        self.offered_label = QLabel(self)
        self.offered_label.setObjectName("offeredVersionLabel")
        self.offered_label.setWordWrap(True)
        self.notes_label = QLabel(self.tr("Release &notes:"), self)
        self.notes_view = QPlainTextEdit(self)
        self.notes_view.setObjectName("releaseNotesView")
        self.notes_view.setReadOnly(True)
        self.notes_view.setTabChangesFocus(True)
        self.notes_view.setMaximumHeight(160)
        self.notes_label.setBuddy(self.notes_view)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("downloadProgress")
        self.progress_bar.setRange(0, _PROGRESS_STEPS)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("updateMessageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # What the central system and the file system say is shown as written, never as markup.
        for label in (self.current_label, self.offered_label, self.message_label):
            label.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QDialogButtonBox(self)
        self.download_button = buttons.addButton(self.tr("&Download"), QDialogButtonBox.ButtonRole.ActionRole)
        self.download_button.setObjectName("downloadUpdateButton")
        self.download_button.clicked.connect(lambda: self.start_download())
        self.open_folder_button = buttons.addButton(self.tr("&Open the folder"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button.setObjectName("openDownloadFolderButton")
        self.open_folder_button.clicked.connect(self.open_folder)
        self.cancel_button: QPushButton = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelUpdateButton")
        self.cancel_button.setText(self.tr("Cancel (Esc)"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.current_label)
        layout.addWidget(self.offered_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.notes_view)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        for widget in (self.notes_label, self.notes_view, self.progress_bar, self.download_button,
                       self.open_folder_button):
            widget.setVisible(False)
        self._progress_timer = QTimer(self)
        self._progress_timer.setInterval(PROGRESS_REFRESH_MS)
        self._progress_timer.timeout.connect(self._show_progress)

    # ------------------------------------------------------------------ asking

    def check(self) -> Op:
        """Ask the central API which version is on offer (in the background)."""
        show_message(self.message_label, self.tr("Asking the central system which desk version is on offer…"),
                     Tone.INFO)
        self.offered_label.clear()
        courier = self._central.courier(CHECK_TIMEOUT_S)
        self.op = Op(lambda: _fetch_release(courier), parent=self).success(self.show_release).failure(self._check_failed)
        return self.op.run()

    def show_release(self, release: DeskRelease | None) -> None:
        self.op = None
        self.release = release
        if release is None:
            self.offered_label.setText(self.tr("No desk version is on offer from the central system yet."))
            show_message(self.message_label, self.tr("Nothing to download: this desk stays as it is."), Tone.INFO)
        else:
            self.offered_label.setText(self.tr("On offer: version {version}, published {when}").format(
                version=release.version, when=format_moment(release.published_at)))
            self.notes_view.setPlainText(release.notes)
            self.notes_label.setVisible(bool(release.notes.strip()))
            self.notes_view.setVisible(bool(release.notes.strip()))
            if is_newer(release.version):
                show_message(self.message_label, self.tr(
                    "A newer version is available. Download it, then close the desk and run the installer "
                    "(the site's IT may have to do this)."), Tone.INFO)
                self.download_button.setVisible(True)
                self.download_button.setDefault(True)
                self.download_button.setFocus()
            else:
                show_message(self.message_label, self.tr("This desk is up to date."), Tone.OK)
        self.release_shown.emit(release)

    def _check_failed(self, error: Exception) -> None:
        self.op = None
        self.offered_label.setText(self.tr("The version on offer is not known."))
        show_message(self.message_label, error_text(error), Tone.ERROR)
        self.release_shown.emit(error)

    # ------------------------------------------------------------------ downloading

    @property
    def downloading(self) -> bool:
        return self._cancel is not None

    def _certificates(self) -> str | bool:
        # The province's pinned authority vouches for its own server only; a mirror elsewhere
        # is checked against the system's authorities.
        assert self.release is not None
        same_host = urlsplit(self.release.download_url).hostname == urlsplit(self._central.base_url).hostname
        return certificate_check(self._central.pinned_authority if same_host else None)

    def start_download(self) -> Op | None:
        release = self.release
        if release is None or self.downloading:
            return None
        try:
            verify = self._certificates()
        except DeskError as error:  # the pinned authority's file is gone: said like any failure
            self._download_failed(error)
            return None
        cancel, meter, folder = threading.Event(), _Meter(), self.folder
        self._cancel, self._meter = cancel, meter
        # Closing the desk mid-download (sign-out, quitting) stops the worker too; the slot
        # holds the event only, not the dialog being destroyed.
        self.destroyed.connect(lambda *_: cancel.set())
        self.download_button.setEnabled(False)
        self.open_folder_button.setVisible(False)
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(True)
        show_message(self.message_label, self.tr("Downloading version {version}… Esc stops it.").format(
            version=release.version), Tone.INFO)

        def work() -> Path:
            return download(release, folder, progress=meter, cancel=cancel, verify=verify)

        self._progress_timer.start()
        self.op = Op(work, parent=self).success(self._downloaded).failure(self._download_failed)
        return self.op.run()

    def _show_progress(self) -> None:
        meter = self._meter
        if meter.expected > 0:
            self.progress_bar.setValue(min(_PROGRESS_STEPS, meter.received * _PROGRESS_STEPS // meter.expected))

    def _downloaded(self, path: Path) -> None:
        self._progress_timer.stop()
        self._cancel, self.op, self.downloaded = None, None, path
        self.progress_bar.setValue(_PROGRESS_STEPS)
        show_message(self.message_label, self.tr(
            "Saved as {path}. Close the desk before you run the installer.").format(path=str(path)), Tone.OK)
        self.download_button.setVisible(False)
        self.open_folder_button.setVisible(True)
        self.open_folder_button.setDefault(True)
        self.open_folder_button.setFocus()
        self.cancel_button.setText(self.tr("Close (Esc)"))
        self.download_finished.emit(path)

    def _download_failed(self, error: Exception) -> None:
        self._progress_timer.stop()
        self._cancel, self.op = None, None
        self.progress_bar.setVisible(False)
        self.download_button.setEnabled(True)
        self.download_button.setFocus()
        tone = Tone.INFO if isinstance(error, DownloadCancelled) else Tone.ERROR
        show_message(self.message_label, error_text(error), tone)
        self.download_finished.emit(error)

    def open_folder(self) -> None:
        folder = self.downloaded.parent if self.downloaded is not None else self.folder
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def reject(self) -> None:
        """Esc stops a download under way (the dialog stays, to say so); otherwise it closes."""
        if self._cancel is not None:
            self._cancel.set()
            show_message(self.message_label, self.tr("Stopping the download…"), Tone.INFO)
            return
        super().reject()


class UpdateOffer(QObject):
    """The Help action, the status bar notice and the check after sign-in, for one main window."""

    checked = Signal(object)  # DeskRelease | None once the check after sign-in answered
    dialog_opened = Signal(object)  # UpdateDialog

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.setObjectName("updateOffer")
        self.window = window
        self.download_dir: Path | None = None  # None: the person's download folder
        self.offered: DeskRelease | None = None
        self.dialog: UpdateDialog | None = None
        self.action = QAction(self.tr("Check for &updates…"), window)
        self.action.setObjectName("actionCheckForUpdates")
        self.action.triggered.connect(lambda: self.open_dialog())
        self.notice = QLabel(window)
        self.notice.setObjectName("updateNoticeLabel")
        self.notice.setVisible(False)
        self.notice.linkActivated.connect(lambda _link: self.open_dialog())

    def check_after_sign_in(self) -> Op | None:
        session = self.window.session
        if session.offline or not session.client.access_token:
            return None  # no session with the central system to ask with; the next sign-in asks
        courier = session.client.courier(CHECK_TIMEOUT_S)
        return (Op(lambda: _fetch_release(courier), parent=self.window)
                .success(self._checked)
                .failure(lambda error: log.info("desk update check not done: %s", error))
                .run())

    def _checked(self, release: DeskRelease | None) -> None:
        self.offered = release
        newer = release is not None and is_newer(release.version)
        if newer:
            assert release is not None
            log.info("desk version %s is on offer (this desk: %s)", release.version, __version__)
            text = self.tr("Desk version {version} is available (Help ▸ Check for updates…)").format(
                version=release.version)
            self.notice.setText(f'<a href="update">{html.escape(text)}</a>')
        self.notice.setVisible(newer)
        self.checked.emit(release)

    def open_dialog(self) -> UpdateDialog:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = UpdateDialog(self.window.session.client, self.download_dir or download_folder(), self.window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(dialog.deleteLater)
        # Deleted when closed: forget it then, or the next Help ▸ Check for updates asks a dead one.
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        dialog.check()
        self.dialog_opened.emit(dialog)
        return dialog


def install_update_offer(window: "MainWindow") -> UpdateOffer:
    """Put Help ▸ Check for updates… in ``window`` with its status bar notice, and ask the
    central system once, in the background, whether a newer desk version is on offer."""
    offer = UpdateOffer(window)
    window.help_menu.addAction(offer.action)
    window.addAction(offer.action)
    window.ui.statusBar.addPermanentWidget(offer.notice)
    offer.check_after_sign_in()
    return offer
