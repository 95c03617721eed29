"""The counter officer's whole walk, on the real parts.

Log in against the real central API (uvicorn on loopback), scan a citizen's CCCD QR,
pick "đổi GPLX" by typing without diacritics, fill the form, take the documents and a
portrait, save, print the receipt (a printer that writes a PDF file), and watch the
dossier arrive at the central API. The second walk does the same with the central API
down: the dossier is saved, the receipt printed, and it is sent when the API is back.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, Qt

from central_api.embedded import EmbeddedServer
from desk_app.app import DeskApplication
from desk_app.core.catalogue import Catalogue
from desk_app.core.dossier import Dossier, DossierStatus
from desk_app.credentials import TokenVault
from desk_app.gui.intake.wizard import IntakeWizard
from desk_app.gui.main_window import MainWindow
from desk_app.gui.ops import wait_for_ops
from desk_app.gui.printing import PdfFileReceiptPrinter
from desk_app.gui.translation import load_desk_translator
from desk_app.paths import DeskPaths
from desk_app.settings import DeskSettings
from tests.support.central_server import DEMO_PASSWORD, RunningCentral, start_central
from tests.support.citizens import cccd_qr
from tests.support.portraits import compliant_portrait_file

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import back_office_demo  # noqa: E402 - a script, not a package

DESK_ID = "DESK-NT-01"
RENEWAL = "DEMO.GPLX.01"


@pytest.fixture
def vietnamese(qapp) -> Iterator[None]:
    translator = load_desk_translator("vi")
    assert translator is not None
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def central(tmp_path: Path) -> Iterator[RunningCentral]:
    with start_central(tmp_path / "central") as running:
        yield running


def portrait_file(folder: Path) -> Path:
    """A real face on a plain white wall (tests/support/portraits): it passes every rule."""
    return compliant_portrait_file(folder)


def start_desk(qtbot, tmp_path: Path, server_url: str) -> tuple[DeskApplication, Path]:
    printed = tmp_path / "printed-receipt.pdf"
    paths = DeskPaths.under(tmp_path / "desk").create()
    desk = DeskApplication(
        paths,
        DeskSettings(server_url=server_url, desk_id=DESK_ID),
        demo=False,
        server_url=server_url,
        printer=PdfFileReceiptPrinter(printed),
        vault=TokenVault(service="one-stop-desk-e2e", use_keyring=True),  # tests/e2e/conftest.py's keyring
    )
    with qtbot.waitSignal(desk.ready, timeout=30_000):
        desk.start()
    return desk, printed


def log_in(qtbot, desk: DeskApplication) -> MainWindow:
    ui = desk.login_window.ui
    qtbot.keyClicks(ui.usernameEdit, "canbo01")
    qtbot.keyClicks(ui.passwordEdit, DEMO_PASSWORD)
    with qtbot.waitSignal(desk.main_window_shown, timeout=30_000) as shown:
        qtbot.mouseClick(ui.loginButton, Qt.MouseButton.LeftButton)
    window = shown.args[0]
    # The first sync pass leases today's dossier codes and caches the catalogue.
    qtbot.waitUntil(lambda: window.online_label.property("online") is True, timeout=30_000)
    return window


def take_dossier(qtbot, window: MainWindow, folder: Path,
                 at_review: Callable[[IntakeWizard], None] | None = None) -> tuple[Dossier, object]:
    """Drive the intake wizard as the officer does; returns the saved dossier and the preview.
    ``at_review`` decides the outcome at the review step (the dossier is accepted without it)."""
    with qtbot.waitSignal(window.wizard_opened, timeout=20_000) as opened:
        window.ui.actionNewDossier.trigger()
    wizard: IntakeWizard = opened.args[0]

    # (a) the USB scanner types the QR text and Enter into the focused field
    qr_edit = wizard.citizen_page.ui.qrEdit
    qr_edit.setFocus()
    qr_edit.setText(cccd_qr())
    qtbot.keyClick(qr_edit, Qt.Key.Key_Return)
    assert wizard.citizen_page.ui.fullNameEdit.text() == "Nguyễn Thị Phương Thảo"
    wizard.next()

    # (b) "doi gplx" finds "Đổi giấy phép lái xe…" first
    qtbot.keyClicks(wizard.procedure_page.ui.searchEdit, "doi gplx")
    model = wizard.procedure_page.ui.procedureView.model()
    first_row = [model.index(0, column).data() for column in range(model.columnCount())]
    assert first_row[0] == RENEWAL and any("Đổi giấy phép lái xe" in str(cell) for cell in first_row)
    assert wizard.procedure_page.select_code(RENEWAL)
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_FORM

    # (c) the form: name, birth date, CCCD and address came from the card
    editors = wizard.form_page.editors
    assert editors["cccd"].value() == "056162123456"
    editors["licence_number"].set_value("560123456789")
    editors["licence_class"].set_value("B2")
    editors["licence_issue_date"].set_value("15/07/2016")
    editors["phone"].set_value("0905 123 456")
    wizard.next()

    # (d) documents: the required ones are ticked by default
    assert wizard.currentId() == IntakeWizard.PAGE_DOCUMENTS
    wizard.next()

    # (e) portrait from a file, normalised to the catalogue's 600×800
    assert wizard.currentId() == IntakeWizard.PAGE_PORTRAIT
    op = wizard.portrait_page.load_portrait_file(portrait_file(folder))
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    assert (wizard.draft.portrait.width, wizard.draft.portrait.height) == (600, 800)
    wizard.next()

    # (f) the fee, paid in cash, with the number of the fee receipt
    assert wizard.currentId() == IntakeWizard.PAGE_FEES
    wizard.fees_page.ui.receiptNumberEdit.setText("0004711")
    wizard.next()

    # (g) review, consent, finish: saved first, then the receipt is rendered and previewed
    assert wizard.currentId() == IntakeWizard.PAGE_REVIEW
    wizard.review_page.ui.consentCheck.setChecked(True)
    if at_review is not None:
        at_review(wizard)
    with qtbot.waitSignal(window.preview_opened, timeout=30_000) as previewed, \
            qtbot.waitSignal(wizard.dossier_saved, timeout=30_000) as saved:
        wizard.button(wizard.WizardButton.FinishButton).click()
    return saved.args[0], previewed.args[0]


def print_and_read(qtbot, preview, printed: Path, saved: Path) -> str:
    """Print both copies, then "Save as PDF" and read the receipt's text back."""
    qtbot.waitUntil(lambda: preview.ui.printButton.isEnabled(), timeout=20_000)
    with qtbot.waitSignal(preview.printed, timeout=60_000):  # printing runs in the background
        assert preview.print_receipt()
    # The printer gets painted pages (no text layer), one per copy.
    assert len(PdfReader(io.BytesIO(printed.read_bytes())).pages) == 2
    op = preview.save_to(saved)
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    reader = PdfReader(io.BytesIO(saved.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def server_dossiers(central: RunningCentral) -> dict[str, dict]:
    response = requests.get(central.url("/v1/dossiers"), headers=central.headers("canbo01", DESK_ID), timeout=10)
    assert response.status_code == 200, response.text
    return {item["client_id"]: item for item in response.json()["items"]}


def queue_state(window: MainWindow, client_id: str) -> str:
    row = window.queue_model.row_of(client_id)
    return window.queue_model.summary(row).sync_state


def shut(desk: DeskApplication) -> None:
    wait_for_ops(15_000)
    if desk.main_window is not None:
        desk.main_window.close()
    desk.login_window.close()
    desk.shutdown()


def test_officer_takes_a_dossier_prints_the_receipt_and_it_reaches_the_central_api(qtbot, tmp_path, central, vietnamese):
    desk, printed = start_desk(qtbot, tmp_path, central.base_url)
    try:
        window = log_in(qtbot, desk)
        assert "Trực tuyến" in window.online_label.text()

        dossier, preview = take_dossier(qtbot, window, tmp_path)
        assert dossier.code.startswith("000.00.17.H56-") and not dossier.code_provisional
        text = print_and_read(qtbot, preview, printed, tmp_path / "receipt.pdf")
        for expected in (
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            f"Mã hồ sơ: {dossier.code}",
            "Nguyễn Thị Phương Thảo",
            "Đổi giấy phép lái xe",
            "Liên 1: Lưu",
            "Liên 2: Giao người nộp",
            dossier.due_at.strftime("%d/%m/%Y"),
            "135.000",
        ):
            assert expected in text, expected
        preview.close()

        window.ui.actionSendNow.trigger()
        qtbot.waitUntil(lambda: dossier.client_id in server_dossiers(central), timeout=30_000)
        record = server_dossiers(central)[dossier.client_id]
        assert record["code"] == dossier.code
        assert record["applicant"]["cccd"] == "056162123456"
        assert [a["sha256"] for a in record["attachments"]] == [a.sha256 for a in dossier.attachments]
        qtbot.waitUntil(lambda: queue_state(window, dossier.client_id) == "sent", timeout=30_000)
        # The payment followed the dossier, once.
        fees = requests.get(central.url(f"/v1/dossiers/{dossier.client_id}/fees"),
                            headers=central.headers("canbo01", DESK_ID), timeout=10).json()["items"]
        assert [(f["amount"], f["method"], f["receipt_number"]) for f in fees] == [(135000, "cash", "0004711")]
        # The print's own record goes in the same pass or, when it was kept after that pass
        # began, in the next one: nothing stays waiting.
        qtbot.waitUntil(lambda: window.pending_label.property("waiting") == 0, timeout=30_000)
        # The queue speaks Vietnamese, and says the central API confirmed the portrait by its hash.
        row = window.queue_model.row_of(dossier.client_id)
        labels = [window.queue_model.index(row, c).data() for c in range(window.queue_model.columnCount())]
        assert "Đã gửi · đã nhận ảnh" in labels and "Được tiếp nhận" in labels

        # The back office finishes it: the demo script moves it to "result ready" (9), and
        # the desk's next sync pass shows that in the queue for the hand-over.
        assert back_office_demo.main([central.base_url, "--count", "5"]) == 0
        assert server_dossiers(central)[dossier.client_id]["status"] == 9

        def shows_result_ready() -> bool:
            window.sync_worker.request_sync()
            summary = window.queue_model.summary(window.queue_model.row_of(dossier.client_id))
            return summary.status == 9
        qtbot.waitUntil(shows_result_ready, timeout=30_000)
        row = window.queue_model.row_of(dossier.client_id)
        labels = [window.queue_model.index(row, c).data() for c in range(window.queue_model.columnCount())]
        assert "Đã xử lý xong" in labels
    finally:
        shut(desk)


def test_with_the_central_api_down_the_dossier_is_saved_printed_and_sent_later(qtbot, tmp_path, vietnamese):
    central_dir = tmp_path / "central"
    server = EmbeddedServer(central_dir, seed_demo=True)
    base_url = server.start()
    port = urlsplit(base_url).port
    desk, printed = start_desk(qtbot, tmp_path, base_url)
    restarted = None
    try:
        window = log_in(qtbot, desk)
        server.stop()  # the network goes down after the morning's log-in

        dossier, preview = take_dossier(qtbot, window, tmp_path)
        # Codes leased in the morning still give a final code offline.
        assert not dossier.code_provisional
        text = print_and_read(qtbot, preview, printed, tmp_path / "receipt.pdf")
        assert f"Mã hồ sơ: {dossier.code}" in text
        preview.close()

        window.ui.actionSendNow.trigger()
        qtbot.waitUntil(lambda: window.online_label.property("online") is False, timeout=30_000)
        assert "Mất kết nối" in window.online_label.text()
        # The officer is told, in Vietnamese, that the dossier is safe and will go later.
        qtbot.waitUntil(lambda: "hệ thống trung tâm" in window.sync_label.text().lower(), timeout=10_000)
        assert "cannot" not in window.sync_label.text()
        assert window.pending_label.property("waiting") >= 1
        qtbot.waitUntil(lambda: queue_state(window, dossier.client_id) in {"waiting", "retrying"}, timeout=10_000)
        # Nothing lost: the dossier is in the desk's store with its attachment.
        stored = window.store.get_dossier(dossier.client_id)
        assert stored.code == dossier.code and stored.attachments == dossier.attachments

        restarted = EmbeddedServer(central_dir, seed_demo=True, port=port)
        restarted.start()
        running = RunningCentral(base_url, "sqlite", central_dir, restarted.settings.database_url, restarted)

        def sent() -> bool:
            # Backoff may have scheduled the retry a little later: ask again until it goes.
            window.sync_worker.request_sync()
            return queue_state(window, dossier.client_id) == "sent"

        qtbot.waitUntil(sent, timeout=60_000)
        record = server_dossiers(running)[dossier.client_id]
        assert record["code"] == dossier.code
        assert len([d for d in server_dossiers(running).values() if d["client_id"] == dossier.client_id]) == 1
        assert window.online_label.property("online") is True
        assert date.fromisoformat(record["received_at"][:10]) == dossier.received_at.date()
    finally:
        shut(desk)
        if restarted is not None:
            restarted.stop()
        server.stop()


def test_the_demo_catalogue_offers_at_least_eight_transport_procedures():
    import json

    from desk_app.paths import RESOURCES_DIR

    catalogue = Catalogue.from_dict(json.loads((RESOURCES_DIR / "demo" / "catalogue.json").read_text(encoding="utf-8")))
    assert len(catalogue.procedures) >= 8
    assert catalogue.search("doi gplx")[0].code == RENEWAL


def test_a_refusal_and_a_supplement_request_reach_the_central_api_with_their_reasons(qtbot, tmp_path, central):
    desk, printed = start_desk(qtbot, tmp_path, central.base_url)
    reason = "Thủ tục này do Công an tỉnh giải quyết từ ngày 01/3/2025."
    guidance = "Mang bản chính giấy phép lái xe để đối chiếu."
    try:
        window = log_in(qtbot, desk)

        def refuse(wizard: IntakeWizard) -> None:
            wizard.review_page.set_outcome(DossierStatus.REFUSED)
            wizard.review_page.ui.refusalReasonEdit.setPlainText(reason)

        refused, preview = take_dossier(qtbot, window, tmp_path, at_review=refuse)
        text = print_and_read(qtbot, preview, printed, tmp_path / "refusal.pdf")
        assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text and reason in text
        preview.close()

        def ask_for_more(wizard: IntakeWizard) -> None:
            wizard.review_page.set_outcome(DossierStatus.SUPPLEMENT_REQUESTED)
            wizard.review_page.set_requested("gplx_cu", True)  # handed in, but the copy cannot be read
            wizard.review_page.ui.supplementNoteEdit.setPlainText(guidance)

        supplement, preview = take_dossier(qtbot, window, tmp_path, at_review=ask_for_more)
        text = print_and_read(qtbot, preview, printed, tmp_path / "supplement.pdf")
        assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text and guidance in text
        preview.close()

        window.ui.actionSendNow.trigger()
        qtbot.waitUntil(lambda: {refused.client_id, supplement.client_id} <= set(server_dossiers(central)),
                        timeout=30_000)
        records = server_dossiers(central)
        assert records[refused.client_id]["status"] == 3
        assert records[refused.client_id]["outcome_note"] == reason
        assert "requested_documents" not in records[refused.client_id]
        assert records[supplement.client_id]["status"] == 5
        assert records[supplement.client_id]["outcome_note"] == guidance
        assert records[supplement.client_id]["requested_documents"] == [
            {"code": "gplx_cu", "name": "Giấy phép lái xe đang sử dụng", "originals": 0, "certified_copies": 0,
             "photocopies": 1}]
        for client_id in (refused.client_id, supplement.client_id):
            qtbot.waitUntil(lambda: queue_state(window, client_id) == "sent", timeout=30_000)
            fees = requests.get(central.url(f"/v1/dossiers/{client_id}/fees"),
                                headers=central.headers("canbo01", DESK_ID), timeout=10).json()["items"]
            assert fees == []  # the fee page said paid, but nothing is taken for either
        # The desk's stored copy keeps the reason as well (its wire body is the record).
        assert window.store.get_dossier(refused.client_id).outcome_note == reason
    finally:
        shut(desk)
