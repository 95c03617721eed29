"""Help ▸ Export diagnostics…: a zip of the desk's logs, versions and settings for the site's IT.

Any officer may make one (the site's IT asks whoever is at the counter). What goes in, and
why it names no citizen and holds no secret, is desk_app/diagnostics.py; this module asks
where to save it, builds it off the UI thread and says where it is.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QObject, QStandardPaths, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from desk_app.diagnostics import DiagnosticsZip, build_diagnostics, desk_log_files

from .errors import error_text
from .ops import Op

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)

AUDIT_ACTION = "export.diagnostics"
_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class DiagnosticsExport(QObject):
    """The action, the save dialog, the background build and the message after it."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.setObjectName("diagnosticsExport")
        self.window = window
        self.action = QAction(self.tr("Export &diagnostics…"), window)
        self.action.setObjectName("actionExportDiagnostics")
        self.action.setToolTip(self.tr("Save the desk's logs, versions and settings in a file for the site's IT "
                                       "(no citizen's data)"))
        self.action.triggered.connect(lambda: self.ask())
        self.file_dialog: QFileDialog | None = None
        self.result_box: QMessageBox | None = None
        self.open_folder_button: QPushButton | None = None
        self.last: DiagnosticsZip | None = None

    def default_path(self) -> Path:
        """one-stop-desk-diagnostics-<desk id>-<yyyymmdd-hhmm>.zip in the Documents folder."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        desk = _UNSAFE_IN_NAME.sub("-", self.window.services.desk_id).strip("-") or "desk"
        moment = self.window.services.clock()
        return Path(folder) / f"one-stop-desk-diagnostics-{desk}-{moment:%Y%m%d-%H%M}.zip"

    def ask(self) -> QFileDialog:
        """The save dialog (window-modal, not blocking); choosing a file starts the export."""
        suggested = self.default_path()
        dialog = QFileDialog(self.window, self.tr("Export diagnostics"), str(suggested.parent),
                             self.tr("Zip archives (*.zip)"))
        dialog.setObjectName("diagnosticsFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix("zip")
        dialog.selectFile(suggested.name)
        dialog.fileSelected.connect(self.export_to)
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def export_to(self, path: str | Path) -> Op:
        """Build the zip at ``path`` in the background, with a busy indicator if it takes a while."""
        target = Path(path)
        if target.suffix.lower() != ".zip":
            target = target.with_name(target.name + ".zip")
        window = self.window
        services, session = window.services, window.session
        store, settings = services.store, services.settings
        usernames = [session.username]
        ui_versions = {"PySide6": PySide6.__version__, "Qt": qVersion(),
                       "Qt platform": QGuiApplication.platformName()}
        backend = services.vault.backend_name
        logs = desk_log_files()
        now = services.clock()

        def work() -> DiagnosticsZip:
            # Audited before the file is written, as every export: a failed attempt errs on the safe side.
            if store is not None:
                store.audit(session.username, AUDIT_ACTION, services.desk_id)
            return build_diagnostics(target, settings=settings, store=store, log_files=logs, ui_versions=ui_versions,
                                     keyring_backend=backend, usernames=usernames, now=now)

        return (Op(work, parent=window)
                .with_progress(self.tr("Gathering the diagnostics…"), window)
                .success(self._exported)
                .failure(self._failed)
                .run())

    def _exported(self, made: DiagnosticsZip) -> None:
        self.last = made
        log.info("diagnostics exported: %d files, %d bytes, %.2f s", len(made.members), made.size, made.seconds)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Diagnostics exported"),
                          self.tr("The diagnostics are saved in:\n{path}").format(path=str(made.path)),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("diagnosticsExportedBox")
        box.setInformativeText(self.tr(
            "The file holds the desk's logs, its versions, its settings and counts of its records, for the "
            "site's IT. It holds no citizen's data, no password and no key."))
        self.open_folder_button = box.addButton(self.tr("&Open the folder"), QMessageBox.ButtonRole.ActionRole)
        close = box.addButton(QMessageBox.StandardButton.Close)
        close.setText(self.tr("Close (Esc)"))
        box.setDefaultButton(close)
        box.setEscapeButton(close)
        folder = made.path.parent
        # An action button closes the box too; the folder opens in the system's file manager.
        self.open_folder_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        box.finished.connect(box.deleteLater)
        self.result_box = box
        box.open()

    def _failed(self, error: Exception) -> None:
        if isinstance(error, OSError):
            # A full disk, a folder the officer may not write to: the system's own words name it.
            reason = error.strerror or str(error)
            text = self.tr("The diagnostics could not be saved: {reason}. Choose another folder and try again."
                           ).format(reason=reason)
        else:
            text = error_text(error)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Diagnostics not exported"), text,
                          QMessageBox.StandardButton.Close, self.window)
        box.setObjectName("diagnosticsFailedBox")
        box.button(QMessageBox.StandardButton.Close).setText(self.tr("Close (Esc)"))
        box.finished.connect(box.deleteLater)
        self.result_box = box
        box.open()


def install_diagnostics(window: "MainWindow") -> DiagnosticsExport:
    """Put Help ▸ Export diagnostics… in ``window`` (for every role)."""
    export = DiagnosticsExport(window)
    window.help_menu.addAction(export.action)
    window.addAction(export.action)
    return export
