"""The receipt's print preview: QtPdf shows the PDF; Print and Save as PDF act on it.

The PDF bytes stay in memory (a QBuffer): the receipt holds personal data and is not
written anywhere the officer did not choose.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from desk_app.core.dossier import Dossier, DossierStatus
from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError

from .errors import error_text, show_error
from .feedback import Tone, clear_message, show_message
from .forms.ui_print_preview import Ui_PrintPreviewDialog
from .icons import icon
from .ops import Op
from .printing import ReceiptPrinter

log = logging.getLogger(__name__)


class ReceiptNotSaved(DeskError):
    """The chosen file could not be written."""


def _write_file(path: Path, data: bytes) -> Path:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ReceiptNotSaved(
            QT_TRANSLATE_NOOP("DeskError", "The receipt could not be saved as {name} ({reason}). Choose another folder."),
            name=path.name,
            reason=exc.strerror or type(exc).__name__,
        ) from exc
    return path


class PrintPreviewDialog(QDialog):
    printed = Signal()
    saved = Signal(Path)

    def __init__(self, pdf: bytes, printer: ReceiptPrinter, dossier: Dossier | None = None, parent: QWidget | None = None,
                 *, print_at_once: bool = False) -> None:
        super().__init__(parent)
        # "Save and print" prints as soon as the pages are ready; the preview stays for a reprint
        # or a PDF copy.
        self._print_at_once = print_at_once
        self.ui = Ui_PrintPreviewDialog()
        self.ui.setupUi(self)
        self.pdf = pdf
        self._printer = printer
        self._dossier = dossier
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        view = self.ui.pdfView
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setPageSpacing(12)
        code = dossier.code if dossier is not None else ""
        status = dossier.status if dossier is not None else DossierStatus.ACCEPTED
        # The form follows the outcome recorded at the desk: Mẫu 02 for a supplement request,
        # Mẫu 03 for a refusal, the receipt (Mẫu 01) otherwise.
        if status is DossierStatus.SUPPLEMENT_REQUESTED:
            heading = self.tr("Supplement request (Mẫu 02) for dossier {code}: two copies, one for the desk and one for the citizen.")
            self._file_stem = "phieu-yeu-cau-bo-sung"
        elif status is DossierStatus.REFUSED:
            heading = self.tr("Refusal (Mẫu 03) for dossier {code}: two copies, one for the desk and one for the citizen.")
            self._file_stem = "phieu-tu-choi"
        else:
            heading = self.tr("Receipt for dossier {code}: two copies, one for the desk and one for the citizen.")
            self._file_stem = "giay-tiep-nhan"
        self.ui.headingLabel.setText(heading.format(code=code) if code else self.tr("Receipt"))
        clear_message(self.ui.pageCountLabel)
        self.document.statusChanged.connect(self._status_changed)
        self._status_changed(self.document.status())
        self.ui.printButton.setIcon(icon("print"))
        self.ui.saveButton.setIcon(icon("save-pdf"))
        self.ui.printButton.clicked.connect(self.print_receipt)
        self.ui.saveButton.clicked.connect(self.choose_save_path)
        self.ui.closeButton.clicked.connect(self.accept)
        self.resize(900, 720)

    def _status_changed(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Ready:
            self.ui.printButton.setEnabled(True)
            show_message(self.ui.pageCountLabel, self.tr("{pages} page(s)").format(pages=self.document.pageCount()), Tone.INFO)
            if self._print_at_once:
                self._print_at_once = False
                QTimer.singleShot(0, self.print_receipt)  # once the dialog is up, so a fault shows over it
        elif status == QPdfDocument.Status.Error:
            self.ui.printButton.setEnabled(False)
            show_message(self.ui.pageCountLabel, self.tr("The receipt could not be displayed; save it as PDF instead."), Tone.ERROR)
        else:
            self.ui.printButton.setEnabled(False)

    def print_receipt(self) -> bool:
        try:
            done = self._printer.print_document(self.document, self)
        except Exception as exc:  # noqa: BLE001 - a printer fault is told to the officer
            log.warning("printing failed: %s", type(exc).__name__)
            show_error(self, exc, self.tr("Printing failed"))
            return False
        if done:
            show_message(self.ui.pageCountLabel, self.tr("Sent to the printer."), Tone.OK)
            self.printed.emit()
        return done

    def choose_save_path(self) -> None:
        code = self._dossier.code if self._dossier and self._dossier.code else "receipt"
        suggested = f"{self._file_stem}-{code}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), suggested, self.tr("PDF files (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_to(Path(path))

    def save_to(self, path: Path) -> Op:
        """Write the receipt's PDF to ``path`` in the background; the Op says when done."""
        data = self.pdf
        return (
            Op(lambda: _write_file(path, data), parent=self)
            .success(self._saved)
            .failure(lambda exc: show_message(self.ui.pageCountLabel, error_text(exc), Tone.ERROR))
            .run()
        )

    def _saved(self, path: Path) -> None:
        show_message(self.ui.pageCountLabel, self.tr("Saved as {name}.").format(name=path.name), Tone.OK)
        self.saved.emit(path)
