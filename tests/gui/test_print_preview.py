"""The print preview shows the real receipt PDF; printing goes through ReceiptPrinter."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument

from desk_app.core.catalogue import Catalogue
from desk_app.core.dossier import Applicant, Dossier, ReceivedDocument
from desk_app.documents.receipt import render_receipt
from desk_app.gui.intake.draft import build_receipt
from desk_app.gui.print_preview import PrintPreviewDialog
from desk_app.gui.printing import PdfFileReceiptPrinter

from .catalogue_data import catalogue_json
from .conftest import COUNTER_TIME


@pytest.fixture(scope="module")
def receipt() -> tuple[Dossier, bytes]:
    from desk_app.sync.client import UserInfo

    procedure = Catalogue.from_dict(catalogue_json()).get("TEST.GPLX.01")
    dossier = Dossier(
        client_id="5b0f8a2e-43a4-4a52-9c61-2f1f6e1f4a10",
        procedure_code=procedure.code,
        catalogue_version="2026.11.T1",
        applicant=Applicant(full_name="Lê Văn Tám", cccd="056082001234", address="Nha Trang, Khánh Hòa"),
        received_at=COUNTER_TIME,
        due_at=COUNTER_TIME + timedelta(days=7),
        officer_username="canbo01",
        site_code="000.00.17.H56",
        desk_id="DESK-T-01",
        code="000.00.17.H56-261120-0007",
        documents=(ReceivedDocument("don", "Đơn đề nghị đổi giấy phép lái xe", 1, 0, 0),),
    )
    user = UserInfo("canbo01", "Nguyễn Thị Lan", "officer", "000.00.17.H56", "Trung tâm", "000.00.17.H56", "Khánh Hòa")
    return dossier, render_receipt(build_receipt(dossier, procedure, user, "http://127.0.0.1:9/tra-cuu"))


@pytest.fixture
def dialog(qtbot, receipt, tmp_path):
    dossier, pdf = receipt
    printer = PdfFileReceiptPrinter(tmp_path / "printed.pdf")
    preview = PrintPreviewDialog(pdf, printer, dossier)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready, timeout=5000)
    return preview


def test_the_preview_shows_both_copies_of_the_receipt(dialog):
    assert dialog.document.pageCount() == 2
    assert dialog.ui.pdfView.document() is dialog.document
    assert "000.00.17.H56-261120-0007" in dialog.ui.headingLabel.text()
    assert dialog.ui.pageCountLabel.text() == "2 page(s)"
    assert dialog.ui.printButton.isEnabled()


def test_print_goes_to_the_substituted_printer(qtbot, dialog, tmp_path):
    with qtbot.waitSignal(dialog.printed, timeout=20_000):
        dialog.ui.printButton.click()
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == 2
    assert float(printed.pages[0].mediabox.width) == pytest.approx(595, abs=2)  # A4 portrait
    assert dialog.ui.pageCountLabel.text() == "Sent to PDF printed.pdf: 2 page(s)."
    assert dialog.ui.pageCountLabel.property("tone") == "ok"


def test_save_as_pdf_writes_the_receipt_itself(qtbot, dialog, receipt, tmp_path):
    target = tmp_path / "copy.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_to(target)
    assert target.read_bytes() == receipt[1]
    text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "000.00.17.H56-261120-0007" in text


def test_a_save_into_a_missing_folder_is_explained(qtbot, dialog, tmp_path):
    op = dialog.save_to(tmp_path / "no-such-folder" / "copy.pdf")
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert "could not be saved as copy.pdf" in dialog.ui.pageCountLabel.text()


def test_a_printer_that_fails_is_told_not_raised(qtbot, dialog):
    class JammedPrinter:
        def prepare(self, request, parent):
            raise OSError("paper jam")

    dialog._printer = JammedPrinter()
    with qtbot.waitSignal(dialog.print_failed, timeout=5000):
        assert dialog.print_receipt() is None
    assert dialog.ui.pageCountLabel.property("tone") == "error"
    assert dialog.ui.pageCountLabel.text().startswith("The form was not printed:")
    assert dialog.ui.printAgainButton.isVisible() and dialog.ui.printAgainButton.isEnabled()
