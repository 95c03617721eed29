"""Help ▸ Export diagnostics… for an officer signed in against the real central API."""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from desk_app.app import setup_logging
from desk_app.gui.diagnostics_action import AUDIT_ACTION, DiagnosticsExport

from .test_keyboard_only import assert_keyboard_ready
from .test_main_window import window  # noqa: F401 - the signed-in main window fixture


@pytest.fixture
def desk_log(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    setup_logging(tmp_path / "logs")
    yield tmp_path / "logs"
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_an_officer_exports_the_diagnostics_from_the_help_menu(qtbot, window, desk_log, tmp_path):  # noqa: F811
    assert window.session.user.role == "officer"
    action = window.findChild(QAction, "actionExportDiagnostics")
    assert action is not None and action.isEnabled() and action in window.help_menu.actions()
    export = window.findChild(DiagnosticsExport)
    assert re.fullmatch(r"one-stop-desk-diagnostics-DESK-NT-01-\d{8}-\d{4}\.zip", export.default_path().name)
    logging.getLogger("desk_app.sync.engine").info("pass done: 0 sent")

    action.trigger()
    dialog = export.file_dialog
    assert dialog is not None and dialog.isVisible()
    target = tmp_path / "exported" / "for-it"
    target.parent.mkdir()
    dialog.selectFile(str(target))
    dialog.accept()
    qtbot.waitUntil(lambda: export.result_box is not None and export.result_box.isVisible(), timeout=10_000)

    box = export.result_box
    assert box.objectName() == "diagnosticsExportedBox"
    made = target.with_name("for-it.zip")
    assert str(made) in box.text() and "no citizen's data" in box.informativeText()
    with zipfile.ZipFile(made) as archive:
        names = set(archive.namelist())
        assert {"manifest.json", "versions.json", "settings.json", "store.json", "system.json", "logs/desk.log"} <= names
        assert "canbo01" not in "".join(archive.read(n).decode() for n in names)
    [line] = [e for e in window.store.audit_entries() if e.action == AUDIT_ACTION]
    assert line.actor == "canbo01" and line.subject == "DESK-NT-01"

    assert_keyboard_ready(qtbot, box, "diagnostics exported")
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5_000)

    # A place the desk cannot write to (a file where the folder should be): said plainly.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with qtbot.waitSignal(export.export_to(blocker / "diagnostics.zip").finished, timeout=10_000):
        pass
    failed = export.result_box
    assert isinstance(failed, QMessageBox) and failed.objectName() == "diagnosticsFailedBox" and failed.isVisible()
    assert "could not be saved" in failed.text()
    assert_keyboard_ready(qtbot, failed, "diagnostics not exported")
    failed.close()
