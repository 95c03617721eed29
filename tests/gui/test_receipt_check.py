"""Sealed receipts at the desk: the wizard seals what it saves, the printed QR code carries the
seal, and the receipt-check dialog tells genuine from forged, online and offline."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QWizard

from desk_app.core.dossier import Dossier
from desk_app.core.receipt_seal import SealError, SealStatus, parse_seal, verify
from desk_app.core.timeutil import VN_TZ
from desk_app.documents.receipt import lookup_link
from desk_app.gui.camera.qr_decoder import decode_qr, gray_pixels
from desk_app.gui.intake import IntakeWizard
from desk_app.gui.intake.draft import build_receipt, receipt_seal_params
from desk_app.gui.main_window import MainWindow
from desk_app.gui.receipt_check_dialog import ReceiptCheckDialog, ReceiptOutcome
from desk_app.signing_key import ReceiptKey, ReceiptKeyCache, ReceiptKeys
from desk_app.sync.client import CentralClient
from tests.central.helpers import make_dossier

from .conftest import counter_clock
from .test_intake_wizard import fill_form, go_to_form, portrait_file
from .test_main_window import window  # noqa: F401 - fixture

LOOKUP = "http://127.0.0.1:9/tra-cuu"
UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens, the connection is refused


def desk_keys(tmp_path: Path, desk_id: str = "DESK-NT-01") -> ReceiptKeys:
    return ReceiptKeys(own=ReceiptKey.generate(persistent=True), desk_id=desk_id,
                       cache=ReceiptKeyCache(tmp_path / "receipt_keys.json"))


def receipt_text(dossier: Dossier, catalogue, officer, signer: ReceiptKey | None = None) -> str:  # noqa: ANN001
    """The QR text the printed receipt carries, built as the wizard builds it."""
    procedure = catalogue.get(dossier.procedure_code)
    return lookup_link(build_receipt(dossier, procedure, officer, LOOKUP, signer=signer))


def check(qtbot, dialog: ReceiptCheckDialog, text: str) -> ReceiptOutcome:
    """Type like a USB scanner: the text, then Enter; wait for the verdict."""
    dialog.text_edit.setFocus()
    dialog.text_edit.setText(text)
    with qtbot.waitSignal(dialog.checked, timeout=20_000) as shown:
        qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    return shown.args[0]


def pdf_qr_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """Print the receipt's first page as a phone's camera would see it and read its QR codes."""
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)
    document = QPdfDocument()
    document.load(str(path))
    size = document.pagePointSize(0)
    # 150 dpi, as a cheap printer prints; the page's transparent ground laid on white paper.
    page = document.render(0, QSize(round(size.width() * 150 / 72), round(size.height() * 150 / 72)))
    document.close()
    paper = QImage(page.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, page)
    painter.end()
    return decode_qr(gray_pixels(paper))


# ---------------------------------------------------------------------- sealing at the desk


def test_finish_seals_the_dossier_and_the_printed_qr_code_carries_the_seal(qtbot, catalogue, store, officer, tmp_path):
    key = ReceiptKey.generate()  # what app.py reads from the keyring at start-up
    wizard = IntakeWizard(catalogue=catalogue, overrides=[], store=store, user=officer, desk_id="DESK-T-01",
                          lookup_url=LOOKUP, clock=counter_clock, receipt_key=key)
    qtbot.addWidget(wizard)
    wizard.show()
    go_to_form(qtbot, wizard)
    fill_form(wizard)
    wizard.next()
    op = wizard.portrait_page.load_portrait_file(portrait_file(tmp_path))
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    wizard.next()
    wizard.fees_page.ui.receiptNumberEdit.setText("BL-0001")
    wizard.next()
    wizard.review_page.ui.consentCheck.setChecked(True)
    with qtbot.waitSignal(wizard.receipt_ready, timeout=20_000) as ready:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    dossier, pdf = ready.args
    # Sealed in the save's own transaction, over the code the store chose.
    stored = store.get_dossier(dossier.client_id)
    assert stored.receipt_seal is not None and stored.receipt_seal.kid == key.kid
    assert store.dossier_for_sending(dossier.client_id).to_wire()["receipt_seal"]["kid"] == key.kid
    [text] = pdf_qr_texts(pdf, tmp_path)
    assert text.startswith(LOOKUP + "?ma_ho_so=")
    parsed = parse_seal(text)
    assert parsed.fields.code == dossier.code and parsed.fields.officer_username == "canbo01"
    assert verify(parsed, {key.kid: key.public_key}).genuine


def test_a_reprint_after_the_code_changed_is_sealed_afresh(catalogue, officer) -> None:
    key = ReceiptKey.generate()
    procedure_code = catalogue.procedures[0].code
    provisional = key.seal_dossier(make_dossier(code="000.00.17.H56-261120-TAM.AB12.0001", provisional=True,
                                                procedure_code=procedure_code))
    final = provisional.with_code("000.00.17.H56-261120-0007", provisional=False)
    assert receipt_seal_params(final) == ()  # the old seal signs the old code: no seal rather than a wrong one
    text = receipt_text(final, catalogue, officer, signer=key)
    parsed = parse_seal(text)
    assert parsed.fields.code == final.code and verify(parsed, {key.kid: key.public_key}).genuine
    assert verify(parse_seal(receipt_text(provisional, catalogue, officer)), {key.kid: key.public_key}).genuine


# ---------------------------------------------------------------------- the dialog, offline


@pytest.fixture
def offline_dialog(qtbot, tmp_path):
    keys = desk_keys(tmp_path)
    central = CentralClient(UNREACHABLE, desk_id="DESK-NT-01", timeout=2)
    dialog = ReceiptCheckDialog(keys=keys, central=central)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog, keys
    central.close()


def test_offline_a_colleagues_receipt_checks_with_the_cached_keys(qtbot, offline_dialog, catalogue, officer):
    dialog, keys = offline_dialog
    colleague = ReceiptKey.generate()
    keys.cache.save([colleague.desk_key("DESK-NT-02")], datetime(2026, 11, 20, 8, 0, tzinfo=VN_TZ))
    dossier = colleague.seal_dossier(make_dossier(code="000.00.17.H56-261120-0003",
                                                  procedure_code=catalogue.procedures[0].code))
    outcome = check(qtbot, dialog, receipt_text(dossier, catalogue, officer))
    assert outcome.genuine and not outcome.online and outcome.seal is SealStatus.GENUINE
    assert outcome.desk_id == "DESK-NT-02" and outcome.central_error is not None
    assert dialog.verdict_label.property("tone") == "ok" and "GENUINE SEAL" in dialog.verdict_label.text()
    assert "08:00 20/11/2026" in dialog.source_label.text()  # when the keys were fetched
    assert dialog.field_labels["code"].text() == "000.00.17.H56-261120-0003"
    assert dialog.field_labels["officer_username"].text() == "canbo01"
    assert dialog.field_labels["received_at"].text() == "09:30:00 21/11/2026"
    assert "DESK-NT-02" in dialog.field_labels["key"].text()


def test_offline_a_forged_receipt_is_not_genuine(qtbot, offline_dialog, catalogue, officer):
    dialog, keys = offline_dialog
    dossier = keys.own.seal_dossier(make_dossier(code="000.00.17.H56-261120-0004",
                                                 procedure_code=catalogue.procedures[0].code))
    genuine = receipt_text(dossier, catalogue, officer)
    assert check(qtbot, dialog, genuine).genuine  # the desk's own key is always known
    outcome = check(qtbot, dialog, genuine.replace("cb=canbo01", "cb=giamsat01"))
    assert outcome.seal is SealStatus.FORGED and not outcome.genuine
    assert dialog.verdict_label.property("tone") == "error" and "NOT GENUINE" in dialog.verdict_label.text()
    assert dialog.field_labels["officer_username"].text() == "giamsat01"  # what the forgery claims


def test_offline_a_receipt_of_an_unknown_key_cannot_be_told(qtbot, offline_dialog, catalogue, officer):
    dialog, _keys = offline_dialog
    stranger = ReceiptKey.generate()
    dossier = stranger.seal_dossier(make_dossier(code="000.00.17.H56-261120-0005",
                                                 procedure_code=catalogue.procedures[0].code))
    outcome = check(qtbot, dialog, receipt_text(dossier, catalogue, officer))
    assert outcome.seal is SealStatus.UNKNOWN_KEY and not outcome.genuine
    assert "Cannot tell" in dialog.verdict_label.text() and "never fetched" in dialog.source_label.text()


def test_a_damaged_code_is_named_at_once_without_asking_anybody(qtbot, offline_dialog):
    dialog, _keys = offline_dialog
    dialog.text_edit.setText(LOOKUP + "?ma_ho_so=000.00.17.H56-261120-0001")
    assert dialog.check() is None and dialog.outcome is None
    assert dialog.verdict_label.property("tone") == "error"
    assert dialog.verdict_label.text() == SealError(SealError.NO_SEAL).english()
    dialog.text_edit.setText("")
    assert dialog.check() is None and "Scan the receipt" in dialog.verdict_label.text()


# ---------------------------------------------------------------------- the dialog, online


def sent_sealed_dossier(qtbot, window: MainWindow) -> Dossier:
    """A dossier saved as the wizard saves it (sealed by the desk's key), then sent."""
    keys = window.services.receipt_keys
    catalogue = window.store.load_catalogue()[0]
    unsaved = replace(make_dossier(received_at=datetime.now(VN_TZ).replace(microsecond=0),
                                   catalogue_version=catalogue.version), code=None)
    saved = window.store.save_new_dossier(unsaved, {}, seal=keys.own.seal_dossier)
    window.ui.actionSendNow.trigger()
    def sent() -> bool:
        [row] = [s for s in window.store.list_dossiers() if s.client_id == saved.client_id]
        return row.sync_state == "sent"

    qtbot.waitUntil(sent, timeout=20_000)
    return saved


def test_the_menu_action_opens_the_dialog_and_the_central_system_says_genuine(qtbot, window, officer):
    saved = sent_sealed_dossier(qtbot, window)
    catalogue = window.store.load_catalogue()[0]
    with qtbot.waitSignal(window.receipt_check_opened, timeout=10_000) as opened:
        window.action_check_receipt.trigger()
    dialog = opened.args[0]
    assert window.action_check_receipt.shortcut().toString() == "Ctrl+Shift+K"
    assert dialog.isVisible() and dialog.text_edit.hasFocus()

    outcome = check(qtbot, dialog, receipt_text(saved, catalogue, officer))  # the receipt printed at the save
    assert outcome.online and outcome.genuine and outcome.dossier == "matches"
    final = window.store.get_dossier(saved.client_id)
    assert outcome.dossier_code == final.code and outcome.desk_id == "DESK-NT-01"
    assert dialog.verdict_label.property("tone") == "ok" and dialog.verdict_label.text().startswith("GENUINE")
    assert "central system" in dialog.source_label.text()
    assert final.code in dialog.field_labels["held"].text()
    # Asked online, the desk kept the site's keys for the next check made offline.
    assert window.services.receipt_keys.own.kid in {k.kid for k in window.services.receipt_keys.cache.load().keys}

    forged = receipt_text(saved, catalogue, officer).replace("cb=canbo01", "cb=giamsat01")
    outcome = check(qtbot, dialog, forged)
    assert outcome.online and outcome.seal is SealStatus.FORGED and outcome.differences == ("officer_username",)
    assert dialog.verdict_label.property("tone") == "error" and "NOT GENUINE" in dialog.verdict_label.text()

