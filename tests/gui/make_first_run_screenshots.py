"""The first-run setup and the settings dialog for the user guide:
python -m tests.gui.make_first_run_screenshots [OUT_DIR]

A real central API on loopback with its seeded, enrolled desk DESK-NT-01, an OS keyring held
in memory, in Vietnamese at 1366×768. Each page of the setup is filled as a person fills it
and shot once the central system has answered (first-run-1-welcome.png …
first-run-5-summary.png); then the supervisor's Tools ▸ Settings… over the main window
(settings-dialog.png). The run fails if the central system does not confirm the address or
the desk.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QRect, QSize  # noqa: E402
from PySide6.QtGui import QColor, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QWidget  # noqa: E402

from desk_app.credentials import TokenVault  # noqa: E402
from desk_app.gui.desk_setup import SettingsDialog, SetupWizard, settings_launcher  # noqa: E402
from desk_app.gui.login_window import sign_in  # noqa: E402
from desk_app.gui.printing import PdfFileReceiptPrinter  # noqa: E402
from desk_app.gui.session import DeskServices  # noqa: E402
from desk_app.gui.translation import install_translators  # noqa: E402
from desk_app.settings import DeskSettings  # noqa: E402
from tests.gui.make_screenshots import REPO, save, settle, started_window, wait_until  # noqa: E402
from tests.support.central_server import DEMO_PASSWORD, SITE_CENTRE, start_central  # noqa: E402
from tests.support.memory_keyring import memory_keyring  # noqa: E402
from tests.support.store_keys import open_store  # noqa: E402

DESK = "DESK-NT-01"
DESK_KEY = "demo-desk-key"


def shoot_setup(out: Path, url: str, tmp: Path, translators: list) -> None:
    wizard = SetupWizard(DeskSettings(), TokenVault(), tmp / "config" / "settings.json", translators=translators)
    wizard.show()
    save(wizard, out, "first-run-1-welcome")

    wizard.next()
    connection = wizard.central_page.form
    connection.address_edit.setText(url)
    connection.test()
    wait_until(lambda: wizard.central_page.isComplete() or connection.message_label.property("tone") == "error")
    if not wizard.central_page.isComplete():
        raise RuntimeError(f"the central system did not answer: {connection.message_label.text()}")
    save(wizard, out, "first-run-2-central")

    wizard.next()
    enrolment = wizard.enrolment_page.form
    enrolment.desk_edit.setText(DESK)
    enrolment.site_edit.setText(SITE_CENTRE)
    enrolment.key_edit.setText(DESK_KEY)
    enrolment.check_desk()
    wait_until(lambda: wizard.enrolment_page.isComplete() or enrolment.message_label.property("tone") == "error")
    if not wizard.enrolment_page.isComplete():
        raise RuntimeError(f"the desk was not confirmed: {enrolment.message_label.text()}")
    save(wizard, out, "first-run-3-desk")

    wizard.next()
    save(wizard, out, "first-run-4-devices")
    wizard.next()
    save(wizard, out, "first-run-5-summary")
    wizard.reject()  # the pictures are the point; nothing is written


def over(window: QWidget, dialog: QWidget) -> QLabel:
    """The dialog centred over the main window, as one picture."""
    screen = window.grab()
    shot = dialog.grab()
    at = QPoint((screen.width() - shot.width()) // 2, (screen.height() - shot.height()) // 2)
    painter = QPainter(screen)
    # No window frame offscreen: a shadow and an edge tell the dialog from the window under it.
    painter.fillRect(QRect(at + QPoint(6, 6), shot.size()), QColor(0, 0, 0, 60))
    painter.drawPixmap(at, shot)
    painter.setPen(QColor("#546e7a"))
    painter.drawRect(QRect(at - QPoint(1, 1), shot.size() + QSize(1, 1)))
    painter.end()
    picture = QLabel()
    picture.setPixmap(screen)
    picture.resize(screen.size())
    return picture


def shoot_settings(out: Path, url: str, tmp: Path) -> None:
    store = open_store(tmp / "store")
    vault = TokenVault()
    vault.store_desk_key(DESK, DESK_KEY)
    services = DeskServices(
        settings=DeskSettings(server_url=url, desk_id=DESK, site_code=SITE_CENTRE, last_username="giamsat01"),
        vault=vault, server_url=url, store=store, printer=PdfFileReceiptPrinter(tmp / "printed.pdf"))
    session = sign_in(url, DESK, vault, "giamsat01", DEMO_PASSWORD, store=store)
    window, _reports = started_window(services, session)
    window.show()
    launcher = settings_launcher(window)
    if launcher is None:
        raise RuntimeError("the supervisor has no Tools ▸ Settings…")
    dialog: SettingsDialog = launcher.open()
    settle()
    save(over(window, dialog), out, "settings-dialog")
    dialog.reject()
    window.sync_worker.stop()
    window.checks_worker.stop()
    window.close()
    session.client.close()
    store.close()


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    translators = install_translators("vi")
    with tempfile.TemporaryDirectory() as tmp_name, start_central(Path(tmp_name) / "central") as central, \
            memory_keyring():
        tmp = Path(tmp_name)
        shoot_setup(out, central.base_url, tmp, translators)
        shoot_settings(out, central.base_url, tmp)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "images"))
