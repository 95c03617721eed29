"""Printing a dossier's form in two steps, so the counter never freezes.

1. ``ReceiptPrinter.prepare`` runs on the UI thread: it asks what must be asked (the system
   print dialog, with the desk's remembered printer preselected) and returns a ``PrintJob``
   (a configured QPrinter, which is no QObject and may be handed to another thread), or None
   when the officer cancelled.
2. ``print_pdf(job, pdf)`` runs on a worker thread: it opens its own QPdfDocument from the PDF
   bytes (a QObject belongs to the thread that made it), gives every sheet the size of its
   page (A4, A5, or the 80 mm roll cut as long as the copy) and paints the pages ``copies``
   times, saying after each page how far it got.

Pages are rasterised by QtPdf at ``PRINT_DPI``, laid on white and drawn onto the printer's
painter, which prints the same on every platform and printer driver. Python keeps its
interpreter lock through each Qt call, and a whole A4 page in one call holds it for a few
hundred milliseconds, long enough for the UI thread to stall; so each page goes in bands of
``BAND_PIXELS``, each a few milliseconds of work.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError

log = logging.getLogger(__name__)

PRINT_DPI = 300
# Pixels rendered and drawn per call: about 65 rows of an A4 page at 300 dpi, a few ms each.
BAND_PIXELS = 160_000
MAX_COPIES = 20


class PrintFailed(DeskError):
    """The printer (or the print file) refused the job."""


@dataclass(frozen=True)
class PrintRequest:
    """What the officer asked for: the document's name, how many copies, and the printer
    this desk used last (None: the system's default)."""

    title: str
    copies: int = 1
    printer_name: str | None = None


@dataclass
class PrintJob:
    """A print ready to run: the QPrinter as chosen, how many copies to paint, the name the
    prints record keeps, the printer to remember for next time (None for a file), and the
    remembered printer that was not found (the job then goes to the default one)."""

    printer: QPrinter
    copies: int
    printer_name: str
    remember_as: str | None = None
    missing_printer: str | None = None


class ReceiptPrinter(Protocol):
    """Chooses where a form is printed, on the UI thread; None when the officer cancelled."""

    def prepare(self, request: PrintRequest, parent: QWidget | None) -> PrintJob | None: ...


class PrinterDirectory(Protocol):
    """The printers a desk can reach, and how a QPrinter is pointed at one of them."""

    def names(self) -> list[str]: ...

    def default_name(self) -> str: ...

    def select(self, printer: QPrinter, name: str) -> None: ...

    def chosen(self, printer: QPrinter) -> str: ...


class SystemPrinters:
    """The printers the operating system knows (CUPS, Windows spooler)."""

    def names(self) -> list[str]:
        return list(QPrinterInfo.availablePrinterNames())

    def default_name(self) -> str:
        return QPrinterInfo.defaultPrinterName()

    def select(self, printer: QPrinter, name: str) -> None:
        printer.setPrinterName(name)

    def chosen(self, printer: QPrinter) -> str:
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            return ""  # "print to file" in the dialog: a file, not a printer to remember
        return printer.printerName()


def system_print_dialog(printer: QPrinter, parent: QWidget | None) -> bool:
    """The system print dialog (printer, copies); True when the officer chose to print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("DialogReceiptPrinter", "Print the form"))
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()  # a child of the preview otherwise, one more at every print


class DialogReceiptPrinter:
    """Asks with the print dialog, the remembered printer preselected. When that printer is
    gone, the default printer is preselected instead and the job says so."""

    def __init__(self, printers: PrinterDirectory | None = None,
                 ask: Callable[[QPrinter, QWidget | None], bool] = system_print_dialog) -> None:
        self.printers: PrinterDirectory = printers or SystemPrinters()
        self._ask = ask

    def prepare(self, request: PrintRequest, parent: QWidget | None) -> PrintJob | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(request.title)
        wanted = request.printer_name
        missing = None
        if wanted and wanted in self.printers.names():
            self.printers.select(printer, wanted)
        else:
            missing = wanted or None
            default = self.printers.default_name()
            if default:
                self.printers.select(printer, default)
        printer.setCopyCount(max(1, request.copies))
        if not self._ask(printer, parent):
            return None
        chosen = self.printers.chosen(printer)
        name = chosen or QCoreApplication.translate("DialogReceiptPrinter", "PDF file {name}").format(
            name=Path(printer.outputFileName()).name)
        # The dialog shows a copies box too: what it says last is what is printed.
        copies = min(MAX_COPIES, max(1, printer.copyCount()))
        return PrintJob(printer, copies, name, remember_as=chosen or None, missing_printer=missing)


class PdfFileReceiptPrinter:
    """Prints to a PDF file through QPrinter: the printer of tests and of desks without paper."""

    def __init__(self, path: Path, name: str | None = None) -> None:
        self.path = Path(path)
        self.name = name or f"PDF {self.path.name}"
        self.jobs = 0

    def prepare(self, request: PrintRequest, parent: QWidget | None) -> PrintJob | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setResolution(PRINT_DPI)
        printer.setDocName(request.title)
        printer.setOutputFileName(str(self.path))
        self.jobs += 1
        return PrintJob(printer, max(1, request.copies), self.name)


def page_layout(points: QSizeF) -> QPageLayout:
    """A sheet the size of a PDF page, edge to edge: A4 and A5 by their names (drivers know
    them), anything else (the 80 mm roll, as long as its copy) as a custom size."""
    width, height = points.width(), points.height()
    orientation = QPageLayout.Orientation.Portrait if width <= height else QPageLayout.Orientation.Landscape
    portrait = QSizeF(min(width, height), max(width, height))
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    if size.id() == QPageSize.PageSizeId.Custom:
        # In millimetres: the roll stays exactly 80 mm wide instead of a rounded number of points.
        size = QPageSize(QSizeF(portrait.width() * 25.4 / 72, portrait.height() * 25.4 / 72),
                         QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def _follow_page(printer: QPrinter, points: QSizeF) -> None:
    layout = page_layout(points)
    current = printer.pageLayout()
    if current.pageSize().isEquivalentTo(layout.pageSize()) and current.orientation() == layout.orientation():
        return
    if not printer.setPageLayout(layout):
        # Some drivers (Windows, macOS) keep one sheet size per job: the page is fitted to it.
        log.info("the printer keeps its sheet size for this page")


def print_pdf(job: PrintJob, pdf: bytes, progress: Callable[[int, int], None] | None = None) -> int:
    """Paint every page of ``pdf`` onto the job's printer, ``job.copies`` times (collated),
    each sheet the size of its page. Runs on any thread; returns the sheets painted and
    calls ``progress(done, total)`` after each one."""
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()  # made here, so it lives on the thread that paints
    try:
        document.load(buffer)  # a QBuffer is read at once: no event loop is needed on this thread
        if document.status() != QPdfDocument.Status.Ready:
            raise PrintFailed(QT_TRANSLATE_NOOP("DeskError", "The form could not be read for printing. Save it as PDF instead."))
        pages = document.pageCount()
        if pages <= 0:
            raise PrintFailed(QT_TRANSLATE_NOOP("DeskError", "The receipt has no pages to print."))
        printer = job.printer
        # The form's own margins place its text: the page is drawn edge to edge at full size.
        printer.setFullPage(True)
        # Copies are painted here, so a PDF file and every driver print the same sheets.
        printer.setCopyCount(1)
        _follow_page(printer, document.pagePointSize(0))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailed(
                QT_TRANSLATE_NOOP("DeskError", "The printer could not start the job. Check that it is on and has paper, then print again.")
            )
        total = pages * job.copies
        done = 0
        try:
            for _copy in range(job.copies):
                for page in range(pages):
                    if done:
                        _follow_page(printer, document.pagePointSize(page))
                        if not printer.newPage():
                            raise PrintFailed(QT_TRANSLATE_NOOP("DeskError", "The printer stopped after page {page}. Print again."),
                                              page=done)
                    _paint_page(document, page, painter)
                    done += 1
                    if progress is not None:
                        progress(done, total)
        except BaseException:
            printer.abort()  # half a job left in the spooler would print as a stray sheet
            raise
        finally:
            painter.end()
        if printer.printerState() == QPrinter.PrinterState.Error:
            raise PrintFailed(QT_TRANSLATE_NOOP("DeskError", "The printer stopped after page {page}. Print again."), page=done)
        return done
    finally:
        document.close()
        buffer.close()


def _paint_page(document: QPdfDocument, page: int, painter: QPainter) -> None:
    points = document.pagePointSize(page)
    width = max(1, round(points.width() * PRINT_DPI / 72))
    height = max(1, round(points.height() * PRINT_DPI / 72))
    area = painter.viewport()  # device pixels of the whole sheet
    target = QSizeF(width, height).scaled(QSizeF(area.size()), Qt.AspectRatioMode.KeepAspectRatio)
    left = area.x() + (area.width() - target.width()) / 2
    scale = target.height() / height
    rows = max(1, BAND_PIXELS // width)
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(QSize(width, height))
    for top in range(0, height, rows):
        bottom = min(height, top + rows)
        options.setScaledClipRect(QRect(0, top, width, bottom - top))
        rendered = document.render(page, QSize(width, bottom - top), options)
        # QtPdf leaves the paper transparent; on white, every driver prints it alike.
        band = QImage(rendered.size(), QImage.Format.Format_RGB32)
        band.fill(Qt.GlobalColor.white)
        composer = QPainter(band)
        composer.drawImage(0, 0, rendered)
        composer.end()
        # Band edges on whole device pixels: no seam between two bands.
        y0, y1 = area.y() + round(top * scale), area.y() + round(bottom * scale)
        painter.drawImage(QRectF(left, y0, target.width(), y1 - y0), band)
        time.sleep(0)  # offer the interpreter lock to the UI thread between bands
