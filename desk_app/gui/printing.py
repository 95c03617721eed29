"""Printing the receipt: a small interface, so tests can print to a file instead of paper.

Pages are rasterised by QtPdf at ``PRINT_DPI`` and drawn onto the printer's painter,
which prints the same on every platform and printer driver.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError

log = logging.getLogger(__name__)

PRINT_DPI = 300


class PrintFailed(DeskError):
    """The printer (or the print file) refused the job."""


class ReceiptPrinter(Protocol):
    """Prints the pages of a loaded PDF; returns False when the officer cancelled."""

    def print_document(self, document: QPdfDocument, parent: QWidget | None) -> bool: ...


def paint_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw every page of ``document`` onto ``printer``, each fitted to the printable area."""
    pages = document.pageCount()
    if pages <= 0:
        raise PrintFailed(QT_TRANSLATE_NOOP("DeskError", "The receipt has no pages to print."))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(
            QT_TRANSLATE_NOOP("DeskError", "The printer could not start the job. Check that it is on and has paper, then print again.")
        )
    try:
        for page in range(pages):
            if page and not printer.newPage():
                raise PrintFailed(QT_TRANSLATE_NOOP("DeskError", "The printer stopped after page {page}. Print again."), page=page)
            points = document.pagePointSize(page)
            image = document.render(page, QSize(round(points.width() * PRINT_DPI / 72), round(points.height() * PRINT_DPI / 72)))
            area = painter.viewport()
            target = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(QPoint(area.x(), area.y()), target), image)
    finally:
        painter.end()
    return pages


class DialogReceiptPrinter:
    """Asks with the system print dialog, then prints."""

    def print_document(self, document: QPdfDocument, parent: QWidget | None) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(document.metaData(QPdfDocument.MetaDataField.Title) or "receipt")
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("DialogReceiptPrinter", "Print the receipt"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        pages = paint_document(document, printer)
        log.info("receipt printed: %d page(s)", pages)
        return True


class PdfFileReceiptPrinter:
    """Prints to a PDF file through QPrinter: the printer of tests and of desks without paper."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.jobs = 0

    def print_document(self, document: QPdfDocument, parent: QWidget | None) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setResolution(PRINT_DPI)
        printer.setOutputFileName(str(self.path))
        paint_document(document, printer)
        self.jobs += 1
        return True
