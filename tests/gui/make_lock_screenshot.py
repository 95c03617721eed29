"""The locked desk for the user guide: python -m tests.gui.make_lock_screenshot [OUT_DIR]

A real desk (central API on loopback, a real store), in Vietnamese at 1366×768: the officer
is half-way through an intake, a citizen's card scanned, and presses Ctrl+L. The picture is
what the counter then shows (docs/images/session-lock.png by default); the run fails if any
window other than the lock screen is still on screen or any visible text holds the citizen's
name or ID number.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit  # noqa: E402

from desk_app.credentials import TokenVault  # noqa: E402
from desk_app.gui.login_window import sign_in  # noqa: E402
from desk_app.gui.printing import PdfFileReceiptPrinter  # noqa: E402
from desk_app.gui.session import DeskServices  # noqa: E402
from desk_app.gui.session_lock import LockScreen  # noqa: E402
from desk_app.gui.translation import install_translators  # noqa: E402
from desk_app.offline_login import OfflineLogins  # noqa: E402
from desk_app.settings import DeskSettings  # noqa: E402
from tests.gui.make_screenshots import REPO, SCREEN, intake_at_citizen_step, save, started_window, wait_until  # noqa: E402
from tests.support.central_server import DEMO_PASSWORD, start_central  # noqa: E402
from tests.support.store_keys import open_store  # noqa: E402

CITIZEN = ("056162123456", "Nguyễn Thị Phương Thảo")


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    translators = install_translators("vi")  # noqa: F841 - kept alive while shooting
    with tempfile.TemporaryDirectory() as tmp_name, start_central(Path(tmp_name) / "central") as central:
        tmp = Path(tmp_name)
        store = open_store(tmp / "store")
        offline = OfflineLogins(tmp / "offline-logins.json")
        services = DeskServices(
            settings=DeskSettings(server_url=central.base_url, desk_id="DESK-NT-01", last_username="canbo01"),
            vault=TokenVault(service="one-stop-desk-screenshots", use_keyring=False),
            server_url=central.base_url,
            store=store,
            printer=PdfFileReceiptPrinter(tmp / "printed.pdf"),
            offline_logins=offline,
        )
        session = sign_in(central.base_url, services.desk_id, services.vault, "canbo01", DEMO_PASSWORD,
                          offline=offline, store=store)
        window, _reports = started_window(services, session)
        wizard = intake_at_citizen_step(window)

        lock = window.session_lock
        lock.full_screen = False  # the offscreen screen is smaller than a counter's
        QTest.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        screen = lock.screen
        if screen is None:
            raise RuntimeError("Ctrl+L did not lock the desk")
        screen.resize(*SCREEN)
        screen.password_edit.setFocus()
        screen.password_edit.setText(DEMO_PASSWORD)  # shown as dots; Unlock is ready to press
        _check_nothing_personal_shows(screen)
        save(screen, out, "session-lock")

        lock.uninstall()
        window.sync_worker.stop()
        window.checks_worker.stop()
        session.client.close()
        store.close()
    del app
    return 0


def _check_nothing_personal_shows(screen: LockScreen) -> None:
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    if visible != [screen]:
        raise RuntimeError(f"windows still on screen under the lock: {visible}")
    for widget in QApplication.allWidgets():
        if widget.isVisible() and isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
            if any(part in widget.text() for part in CITIZEN):
                raise RuntimeError(f"{widget.objectName()} shows the citizen on a locked desk")


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "images"))
