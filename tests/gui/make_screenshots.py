"""Screenshots of the desk for the user guide: python -m tests.gui.make_screenshots [OUT_DIR]

Drives the real windows offscreen against a real central API and store, in Vietnamese,
at the 1366×768 screen size common at counters, and saves PNGs (default docs/images).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
import uuid
from datetime import date
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import requests  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402
from PySide6.QtCore import QCoreApplication, QPoint  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desk_app.core.identity import Sex  # noqa: E402
from desk_app.credentials import TokenVault  # noqa: E402
from desk_app.gui.intake import IntakeWizard  # noqa: E402
from desk_app.gui.login_window import LoginWindow, sign_in  # noqa: E402
from desk_app.gui.main_window import MainWindow  # noqa: E402
from desk_app.gui.printing import PdfFileReceiptPrinter  # noqa: E402
from desk_app.gui.session import DeskServices, DeskSession  # noqa: E402
from desk_app.gui.translation import install_translators  # noqa: E402
from desk_app.settings import DeskSettings  # noqa: E402
from desk_app.signing_key import ReceiptKey, ReceiptKeyCache, ReceiptKeys  # noqa: E402
from desk_app.store import DeskStore  # noqa: E402
from tests.support.portraits import compliant_portrait_file
from tests.support.central_server import DEMO_PASSWORD, RunningCentral, start_central  # noqa: E402
from tests.support.citizens import cccd_qr  # noqa: E402
from tests.support.store_keys import open_store

SCREEN = (1366, 768)
REPO = Path(__file__).resolve().parents[2]


def wait_until(done: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the desk did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def on_screen(widget: QWidget) -> QPixmap:
    """The widget as it would sit centred on a 1366×768 screen."""
    shot = widget.grab()
    if (shot.width(), shot.height()) == SCREEN:
        return shot
    screen = QPixmap(*SCREEN)
    screen.fill(QColor("#546e7a"))
    painter = QPainter(screen)
    painter.drawPixmap(QPoint((SCREEN[0] - shot.width()) // 2, (SCREEN[1] - shot.height()) // 2), shot)
    painter.end()
    return screen


def scan_page_png() -> bytes:
    """A photographed page of a licence application: lines of text on a sheet, on a darker desk."""
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    for row in range(18):
        draw.rectangle((120, 180 + row * 80, 1120 - (row % 3) * 160, 200 + row * 80), fill=(40, 40, 40))
    desk = Image.new("RGB", (1600, 2000), (90, 70, 50))
    desk.paste(page.rotate(4, expand=True, fillcolor=(90, 70, 50)), (120, 80))
    buffer = io.BytesIO()
    desk.save(buffer, "PNG")
    return buffer.getvalue()


def save(widget: QWidget, out: Path, name: str) -> None:
    settle()
    path = out / f"{name}.png"
    if not on_screen(widget).save(str(path)):
        raise OSError(f"could not write {path}")
    print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)


def portrait_photo(folder: Path) -> Path:
    return compliant_portrait_file(folder, "portrait.jpg")


def back_office_moves(central: RunningCentral, client_id: str, *statuses: int) -> None:
    for status in statuses:
        answer = requests.post(central.url(f"/v1/dossiers/{client_id}/events"),
                               json={"event_id": str(uuid.uuid4()), "to_status": status},
                               headers=central.headers("giamsat01"), timeout=10)
        answer.raise_for_status()


def send_until(window: MainWindow, reports: list[object], done: Callable[[], bool], passes: int = 10) -> None:
    """Press F5 and wait for its pass, until ``done`` (a pass pulls the centre's changes)."""
    for _ in range(passes):
        count = len(reports)
        window.send_now()
        wait_until(lambda: len(reports) > count)
        settle(0.2)  # the queue reloads after the report
        if done():
            return
    raise TimeoutError("the desk did not get there in time")


def started_window(services: DeskServices, session: DeskSession) -> tuple[MainWindow, list[object]]:
    """The main window at the screen's size, once its first sync pass has reported; and the
    list every later report is added to."""
    window = MainWindow(services, session)
    window.resize(*SCREEN)
    reports: list[object] = []
    window.sync_reported.connect(reports.append)
    window.start()
    wait_until(lambda: bool(reports))
    return window, reports


def intake_at_citizen_step(window: MainWindow) -> IntakeWizard:
    """An intake with the card scanned: the register confirms it and the intake moves on;
    Back shows the citizen step again."""
    opened: list[IntakeWizard] = []
    window.wizard_opened.connect(opened.append)
    window.open_intake()
    wait_until(lambda: bool(opened))
    wizard = opened[0]
    wizard.resize(*SCREEN)
    wizard.citizen_page.ui.qrEdit.setText(cccd_qr())
    wizard.citizen_page.read_qr()
    wait_until(lambda: wizard.currentId() == IntakeWizard.PAGE_PROCEDURE)
    wizard.back()
    return wizard


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    translators = install_translators("vi")  # noqa: F841 - kept alive while shooting
    with tempfile.TemporaryDirectory() as tmp_name, start_central(Path(tmp_name) / "central") as central:
        tmp = Path(tmp_name)
        store = open_store(tmp / "store")
        services = DeskServices(
            settings=DeskSettings(server_url=None, desk_id="DESK-NT-01", last_username="canbo01"),
            vault=TokenVault(service="one-stop-desk-screenshots", use_keyring=False),
            server_url=central.base_url,
            demo=True,
            store=store,
            printer=PdfFileReceiptPrinter(tmp / "printed.pdf"),
            receipt_keys=ReceiptKeys(own=ReceiptKey.generate(), desk_id="DESK-NT-01",
                                     cache=ReceiptKeyCache(tmp / "receipt_keys.json")),
        )
        login = LoginWindow(services)
        login.ui.passwordEdit.setText(DEMO_PASSWORD)
        login.show()
        save(login, out, "login")

        session = sign_in(central.base_url, services.desk_id, services.vault, "canbo01", DEMO_PASSWORD)
        login.hide()
        window, reports = started_window(services, session)
        wizard = intake_at_citizen_step(window)
        settle()
        save(wizard, out, "wizard-1-citizen")
        wizard.next()
        wizard.procedure_page.ui.searchEdit.setText("doi gplx")
        save(wizard, out, "wizard-2-procedure")
        wizard.next()
        editors = wizard.form_page.editors
        # The licence comes from the national register while the procedure is picked.
        wait_until(lambda: editors["licence_number"].value() != "")
        editors["phone"].set_value("0905123456")
        save(wizard, out, "wizard-3-form")
        wizard.next()
        panel = wizard.documents_page.scan_panel
        panel.set_current("gplx_cu")
        panel.attach_bytes(scan_page_png(), "gplx-mat-truoc.png")
        wait_until(lambda: bool(panel.scans().get("gplx_cu")) and not panel.is_busy())
        settle(0.5)
        save(wizard, out, "wizard-4-documents")
        wizard.next()
        op = wizard.portrait_page.load_portrait_file(portrait_photo(tmp))
        wait_until(lambda: op is not None and op.done)
        # A photo that passes moves on by itself; Back shows it where it was taken.
        wait_until(lambda: wizard.currentId() == IntakeWizard.PAGE_FEES)
        wizard.back()
        save(wizard, out, "wizard-5-portrait")
        wizard.next()
        wizard.fees_page.ui.receiptNumberEdit.setText("0004711")
        save(wizard, out, "wizard-6-fees")
        wizard.next()
        wizard.review_page.ui.consentCheck.setChecked(True)
        wait_until(lambda: len(wizard.checks_view.checks()) == 2
                   and all(c.state.value == "passed" for c in wizard.checks_view.checks()))
        save(wizard, out, "wizard-7-review")
        previews: list[QWidget] = []
        window.preview_opened.connect(previews.append)
        wizard.accept()
        wait_until(lambda: bool(previews))
        preview = previews[0]
        preview.resize(*SCREEN)
        # Saving prints at once: shown once the pages went to the printer.
        wait_until(lambda: preview.document.pageCount() == 2 and preview.ui.pageCountLabel.text().startswith("Đã gửi"))
        save(preview, out, "print-preview")
        preview.accept()
        count = len(reports)
        window.send_now()
        wait_until(lambda: len(reports) > count and window.queue_model.rowCount() == 1)
        wait_until(lambda: window.queue_model.summary(0).sync_state == "sent")
        # The back office finishes it: the queue offers the hand-over of the result.
        client_id = window.queue_model.summary(0).client_id
        back_office_moves(central, client_id, 4, 9)
        send_until(window, reports, lambda: window.queue_model.summary(0).status == 9)
        window.ui.queueView.selectRow(0)
        save(window, out, "main-window")

        # A citizen parked to serve the next one: the list of unfinished dossiers (F7).
        opened: list[IntakeWizard] = []
        window.wizard_opened.connect(opened.append)
        window.open_intake()
        wait_until(lambda: bool(opened))
        parked = opened[0]
        parked.citizen_page.ui.qrEdit.setText(cccd_qr(full_name="Lê Văn Tám", date_of_birth=date(1990, 4, 2),
                                                      sex=Sex.MALE, serial=654321, cmnd=""))
        parked.citizen_page.read_qr()
        done: list[str] = []
        parked.parked.connect(lambda *args: done.append(args[0]))
        parked.reject()
        wait_until(lambda: bool(done))
        drafts = window.open_drafts()
        wait_until(lambda: drafts.model.rowCount() == 1)
        drafts.resize(900, 300)
        settle()
        save(drafts, out, "unfinished-dossiers")
        drafts.reject()

        # The network goes down; two more dossiers wait, one behind its scan.
        from tests.gui.test_outbox_panel import a_dossier  # here: its conftest must not pick the platform

        central.server.stop()
        store.save_new_dossier(*a_dossier(store, name="Trần Thị Bình", scan=b"%PDF-1.4 scan" * 20_000))
        store.save_new_dossier(*a_dossier(store, name="Võ Văn Cường"))
        # Two passes in a row find the centre unreachable: the desk pauses automatic passes.
        send_until(window, reports, lambda: window.sync_worker.engine.breaker.state == "open")
        panel = window.open_outbox()
        wait_until(lambda: panel.model.rowCount() == 3 and panel.model.entry(0).state == "retrying")
        panel.resize(1100, 560)
        panel.select_entry(panel.model.entry(1).id)
        wait_until(lambda: panel.ui.historyView.rowCount() > 0)
        save(panel, out, "outbox-panel")
        panel.close()
        window.sync_worker.stop()
        window.checks_worker.stop()
        session.client.close()
        store.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "images"))
