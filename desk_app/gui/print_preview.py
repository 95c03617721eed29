"""The form's print preview: QtPdf shows the PDF; Print and Save as PDF act on it.

The PDF bytes stay in memory (a QBuffer): the form holds personal data and is not written
anywhere the officer did not choose.

Printing never holds up the counter: the print dialog (which printer, the desk's last one
preselected) is asked on the UI thread, then the pages are painted on a worker thread
(``printing.print_pdf``) while a progress bar counts them; the officer may close the
preview and go on. Each print is recorded in the store by the worker, printed, failed or
cancelled (``PrintLog``). A failure says so here, with "Print again"; the dossier was saved
before anything was printed. Changing the paper lays the form out again for it, off the UI
thread too, and the desk keeps the choice.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSizeF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.catalogue import Catalogue, Procedure
from desk_app.core.dossier import Dossier, DossierStatus
from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.documents.page_formats import PaperFormat, geometry
from desk_app.store import DeskStore
from desk_app.store.records import PRINT_CANCELLED, PRINT_FAILED, PRINTED, REPRINT_REASON_MIN, PrintRecord

from .errors import error_text
from .feedback import Tone, clear_message, show_message
from .forms.ui_print_preview import Ui_PrintPreviewDialog
from .icons import icon
from .intake.dossier_forms import FormKind, form_kind
from .ops import Op
from .printing import PrintJob, PrintRequest, ReceiptPrinter, print_pdf

log = logging.getLogger(__name__)

REPRINT_REASON_MAX = 500
ROLL_ZOOM = 1.5


class ReceiptNotSaved(DeskError):
    """The chosen file could not be written."""


class CatalogueNotKept(DeskError):
    """The desk keeps no catalogue to build a dossier's form from."""


def paper_of(points: QSizeF) -> PaperFormat | None:
    """The paper a PDF page was laid out for, read from its size (None: none of the desk's)."""
    for paper in PaperFormat:
        page = geometry(paper)
        if abs(points.width() - page.width) < 2 and (page.roll or abs(points.height() - page.height) < 2):
            return paper
    return None


def procedure_of(store: DeskStore, dossier: Dossier) -> Procedure:
    """The dossier's procedure as its own catalogue version had it (the current one when the
    desk never kept that version, as for a dossier taken at another desk)."""
    kept = store.catalogue_json(dossier.catalogue_version)
    if kept is not None:
        catalogue = Catalogue.from_dict(kept)
        if any(p.code == dossier.procedure_code for p in catalogue.procedures):
            return catalogue.get(dossier.procedure_code)
    current, _etag = store.load_catalogue()
    if current is None:
        raise CatalogueNotKept(QT_TRANSLATE_NOOP(
            "DeskError",
            "The list of procedures has not been downloaded to this desk yet. Connect to the network "
            "and press Send now (F5), then try again."))
    return current.get(dossier.procedure_code)


@dataclass(frozen=True)
class PrintLog:
    """Where the preview records its prints: the store, the dossier and its form, who prints;
    ``reprint_reason`` marks a reprint (None for the first print after saving)."""

    store: DeskStore
    client_id: str
    kind: FormKind
    officer_username: str
    reprint_reason: str | None = None

    def record(self, *, paper: PaperFormat, copies: int, printer: str | None, outcome: str) -> PrintRecord:
        return self.store.record_print(
            client_id=self.client_id, kind=self.kind.value, paper=PaperFormat(paper).value, copies=copies,
            printer=printer, outcome=outcome, officer_username=self.officer_username,
            reprint_reason=self.reprint_reason,
        )

    def exported(self, paper: PaperFormat) -> None:
        """A copy of the form leaves the desk as a file (personal data outside the store):
        audited before it is written, so even a failed attempt is on record."""
        self.store.audit(self.officer_username, "export.form", self.client_id,
                         {"kind": self.kind.value, "paper": PaperFormat(paper).value})


@dataclass(frozen=True)
class PrintResult:
    """What a finished job reports: the sheets painted, the printer, and the record kept
    (or why it could not be kept: the paper is printed all the same)."""

    sheets: int
    copies: int
    printer_name: str
    missing_printer: str | None
    record: PrintRecord | None
    record_error: Exception | None = None


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


class _ProgressRelay(QObject):
    """Carries a job's page count from the printing thread to the UI thread. It lives as long
    as the program, so a job that outlives its preview never emits on a deleted object."""

    progressed = Signal(int, int, int)  # (job number, sheets done, sheets in all)

    def __init__(self) -> None:
        super().__init__()
        self.listeners: dict[int, tuple[QObject, Callable[[int, int], None]]] = {}
        self.progressed.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(int, int, int)
    def _deliver(self, number: int, done: int, total: int) -> None:
        owner, listener = self.listeners.get(number, (None, None))
        if owner is not None and listener is not None and shiboken6.isValid(owner):
            listener(done, total)


_relay: _ProgressRelay | None = None
_job_numbers = iter(range(1, 1 << 62))


def _the_relay() -> _ProgressRelay:
    global _relay
    if _relay is None:
        _relay = _ProgressRelay()
    return _relay


def _print_and_record(job: PrintJob, pdf: bytes, paper: PaperFormat, record: PrintLog | None,
                      progress: Callable[[int, int], None]) -> PrintResult:
    """The worker's part: paint the job, then record how it went. Runs on a pool thread."""
    try:
        sheets = print_pdf(job, pdf, progress)
    except Exception:
        if record is not None:
            try:
                record.record(paper=paper, copies=job.copies, printer=job.printer_name, outcome=PRINT_FAILED)
            except Exception as exc:  # noqa: BLE001 - the print's own failure is the one to tell
                log.warning("a failed print was not recorded: %s", exc)
        raise
    kept, problem = None, None
    if record is not None:
        try:
            kept = record.record(paper=paper, copies=job.copies, printer=job.printer_name, outcome=PRINTED)
        except Exception as exc:  # noqa: BLE001 - the paper is printed; the officer hears the rest
            log.warning("a print was not recorded: %s", exc)
            problem = exc
    return PrintResult(sheets, job.copies, job.printer_name, job.missing_printer, kept, problem)


class PrintPreviewDialog(QDialog):
    printed = Signal(object)          # PrintResult, once the job went through
    print_failed = Signal(object)     # the exception, once the job failed
    print_cancelled = Signal()
    job_finished = Signal()           # after printed or print_failed: the preview is idle again
    saved = Signal(Path)
    printer_chosen = Signal(str)      # the printer printed on: the desk preselects it next time
    paper_chosen = Signal(object)     # PaperFormat, once the form is laid out again for it
    recorded = Signal(object)         # PrintRecord of a cancelled print (printed ones come with printed)

    def __init__(self, pdf: bytes, printer: ReceiptPrinter, dossier: Dossier | None = None, parent: QWidget | None = None,
                 *, print_at_once: bool = False, paper: PaperFormat | str = PaperFormat.A4,
                 printer_name: str | None = None, render: Callable[[PaperFormat], bytes] | None = None,
                 record: PrintLog | None = None, kind: FormKind | None = None,
                 heading: str | None = None, file_stem: str | None = None) -> None:
        """``render(paper)`` lays the form out again on another paper (run on a worker thread);
        without it the paper cannot be changed. ``record`` keeps each print in the store.
        ``kind`` names the document when neither the record nor the dossier says it (the
        ledger); ``heading`` and ``file_stem`` replace the ones made from the dossier."""
        super().__init__(parent)
        # "Save and print" prints as soon as the pages are ready; the preview stays for a reprint
        # or a PDF copy.
        self._print_at_once = print_at_once
        self.ui = Ui_PrintPreviewDialog()
        self.ui.setupUi(self)
        self.pdf = pdf
        self.paper = PaperFormat(paper)
        self._printer = printer
        self._printer_name = printer_name or None
        self._dossier = dossier
        self._render = render
        self._record = record
        self._job: Op | None = None
        self._running: PrintJob | None = None
        self._rendering: Op | None = None
        self._render_generation = 0
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        view = self.ui.pdfView
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setPageSpacing(12)
        self._fit_view()

        code = dossier.code if dossier is not None else ""
        self.kind = kind or (record.kind if record is not None else form_kind(
            dossier.status if dossier is not None else DossierStatus.ACCEPTED))
        self.reprint_reason = record.reprint_reason if record is not None else None
        self._file_stem = file_stem
        self.ui.headingLabel.setText(heading or self._heading(code))
        self.ui.headingLabel.setTextFormat(Qt.TextFormat.PlainText)

        combo = self.ui.paperCombo
        for value, text in ((PaperFormat.A4, self.tr("A4")), (PaperFormat.A5, self.tr("A5")),
                            (PaperFormat.ROLL_80, self.tr("80 mm roll"))):
            combo.addItem(text, value.value)
        combo.setCurrentIndex(combo.findData(self.paper.value))
        combo.setEnabled(render is not None)
        combo.currentIndexChanged.connect(self._paper_picked)

        clear_message(self.ui.pageCountLabel)
        self.document.statusChanged.connect(self._status_changed)
        self._status_changed(self.document.status())
        self.ui.printButton.setIcon(icon("print"))
        self.ui.saveButton.setIcon(icon("save-pdf"))
        self.ui.printButton.clicked.connect(self.print_receipt)
        self.ui.printAgainButton.clicked.connect(self.print_receipt)
        self.ui.saveButton.clicked.connect(self.choose_save_path)
        self.ui.closeButton.clicked.connect(self.accept)
        # Ctrl+P as everywhere else; the button keeps its own Alt letter.
        self.print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        self.print_shortcut.activated.connect(self._print_shortcut)
        self.resize(900, 720)

    # ------------------------------------------------------------------ what is shown

    def _heading(self, code: str) -> str:
        if not code:
            return self.tr("Receipt")
        if self.kind is FormKind.FEE_RECEIPT:
            if self.reprint_reason is not None:
                return self.tr("Reprint of the fee receipt for dossier {code}, marked “Bản in lại”. Reason: {reason}").format(
                    code=code, reason=self.reprint_reason)
            return self.tr("Fee receipt for dossier {code}: two copies, one for the desk and one for the payer.").format(
                code=code)
        if self.reprint_reason is not None:
            if self.kind is FormKind.SUPPLEMENT:
                text = self.tr("Reprint of the supplement request (Mẫu 02) for dossier {code}, marked “Bản in lại”. Reason: {reason}")
            elif self.kind is FormKind.REFUSAL:
                text = self.tr("Reprint of the refusal (Mẫu 03) for dossier {code}, marked “Bản in lại”. Reason: {reason}")
            else:
                text = self.tr("Reprint of the receipt for dossier {code}, marked “Bản in lại”. Reason: {reason}")
            return text.format(code=code, reason=self.reprint_reason)
        # The form follows the outcome recorded at the desk: Mẫu 02 for a supplement request,
        # Mẫu 03 for a refusal, the receipt (Mẫu 01) otherwise.
        if self.kind is FormKind.SUPPLEMENT:
            text = self.tr("Supplement request (Mẫu 02) for dossier {code}: two copies, one for the desk and one for the citizen.")
        elif self.kind is FormKind.REFUSAL:
            text = self.tr("Refusal (Mẫu 03) for dossier {code}: two copies, one for the desk and one for the citizen.")
        else:
            text = self.tr("Receipt for dossier {code}: two copies, one for the desk and one for the citizen.")
        return text.format(code=code)

    def _fit_view(self) -> None:
        view = self.ui.pdfView
        if geometry(self.paper).roll:
            # A slip 80 mm wide fitted to the window's width would show its type ten times too
            # large: the roll is shown near its real size instead.
            view.setZoomMode(QPdfView.ZoomMode.Custom)
            view.setZoomFactor(ROLL_ZOOM)
        else:
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _follow_document_paper(self) -> None:
        # The pages say what paper they were laid out for, whatever the desk's setting said
        # when the form was rendered (a wizard opened before the paper was changed).
        shown = paper_of(self.document.pagePointSize(0)) if self.document.pageCount() else None
        if shown is None or shown is self.paper:
            return
        self.paper = shown
        combo = self.ui.paperCombo
        combo.blockSignals(True)
        combo.setCurrentIndex(combo.findData(shown.value))
        combo.blockSignals(False)
        self._fit_view()

    @property
    def busy(self) -> bool:
        """A print job is running (the preview may be closed meanwhile; the job goes on)."""
        return self._job is not None and not self._job.done

    def _update_actions(self) -> None:
        ready = self.document.status() == QPdfDocument.Status.Ready
        rendering = self._rendering is not None and not self._rendering.done
        self.ui.printButton.setEnabled(ready and not self.busy and not rendering)
        self.ui.printAgainButton.setEnabled(ready and not self.busy and not rendering)
        self.ui.saveButton.setEnabled(not rendering)
        self.ui.paperCombo.setEnabled(self._render is not None and not self.busy and not rendering)

    def _status_changed(self, status: QPdfDocument.Status) -> None:
        self._update_actions()
        if status == QPdfDocument.Status.Ready:
            self._follow_document_paper()
            if not self.busy:
                show_message(self.ui.pageCountLabel, self.tr("{pages} page(s)").format(pages=self.document.pageCount()), Tone.INFO)
            if self._print_at_once:
                self._print_at_once = False
                QTimer.singleShot(0, self.print_receipt)  # once the dialog is up, so a fault shows over it
        elif status == QPdfDocument.Status.Error:
            show_message(self.ui.pageCountLabel, self.tr("The receipt could not be displayed; save it as PDF instead."), Tone.ERROR)

    # ------------------------------------------------------------------ printing

    def _print_shortcut(self) -> None:
        if self.ui.printButton.isEnabled():
            self.print_receipt()

    def print_receipt(self) -> Op | None:
        """Ask for the printer, then print in the background; returns the running job (its
        ``finished`` signal says when it ended), or None when nothing was sent."""
        if self.busy or self.document.status() != QPdfDocument.Status.Ready:
            return None
        copies = self.ui.copiesSpin.value()
        paper, pdf = self.paper, self.pdf
        request = PrintRequest(title=self._file_name(), copies=copies, printer_name=self._printer_name)
        try:
            job = self._printer.prepare(request, self)
        except Exception as exc:  # noqa: BLE001 - a printer fault is told to the officer
            log.warning("the printer could not be prepared: %s", type(exc).__name__)
            self._failed(exc)
            return None
        if job is None:
            self._cancelled(paper, copies)
            return None
        self.ui.printAgainButton.hide()
        number = next(_job_numbers)
        relay = _the_relay()
        relay.listeners[number] = (self, self._progress)
        record = self._record
        total = self.document.pageCount() * job.copies
        self.ui.printProgress.setRange(0, max(1, total))
        self.ui.printProgress.setValue(0)
        self.ui.printProgress.show()
        self._show_progress_text(job, 0, total)
        self._running = job

        def progress(done: int, all_sheets: int) -> None:
            relay.progressed.emit(number, done, all_sheets)

        self._job = Op(lambda: _print_and_record(job, pdf, paper, record, progress), parent=self)
        self._job.success(self._printed).failure(self._failed)
        self._job.finished.connect(lambda _ok: self._job_ended(number))
        self._job.run()
        self._update_actions()
        return self._job

    def _show_progress_text(self, job: PrintJob, done: int, total: int) -> None:
        text = self.tr("Printing on {printer}: page {done} of {total}…").format(
            printer=job.printer_name, done=min(done + 1, total), total=total)
        if job.missing_printer:
            text = self._missing_text(job.missing_printer, job.printer_name) + " " + text
        show_message(self.ui.pageCountLabel, text, Tone.INFO)

    def _missing_text(self, missing: str, used: str) -> str:
        return self.tr("The printer “{missing}” used last time was not found; the form goes to “{printer}”.").format(
            missing=missing, printer=used)

    def _progress(self, done: int, total: int) -> None:
        if not self.busy or self._running is None:
            return
        self.ui.printProgress.setValue(done)
        if done < total:
            self._show_progress_text(self._running, done, total)

    def _job_ended(self, number: int) -> None:
        _the_relay().listeners.pop(number, None)
        if shiboken6.isValid(self):
            self.ui.printProgress.hide()
            self._update_actions()
            self.job_finished.emit()

    def _printed(self, result: PrintResult) -> None:
        if result.copies == 1:
            text = self.tr("Sent to {printer}: {sheets} page(s).").format(printer=result.printer_name, sheets=result.sheets)
        else:
            text = self.tr("Sent to {printer}: {copies} copies, {sheets} page(s).").format(
                printer=result.printer_name, copies=result.copies, sheets=result.sheets)
        if result.missing_printer:
            text = self._missing_text(result.missing_printer, result.printer_name) + " " + text
        tone = Tone.OK
        if result.record_error is not None:
            text += " " + self.tr("The desk could not record this print: {reason}").format(reason=error_text(result.record_error))
            tone = Tone.ERROR
        show_message(self.ui.pageCountLabel, text, tone)
        if self._running is not None and self._running.remember_as:
            self._printer_name = self._running.remember_as
            self.printer_chosen.emit(self._running.remember_as)
        self.printed.emit(result)

    def _failed(self, error: Exception) -> None:
        show_message(
            self.ui.pageCountLabel,
            self.tr("The form was not printed: {reason} The dossier itself is saved; only the paper is missing.").format(
                reason=error_text(error)),
            Tone.ERROR,
        )
        self.ui.printAgainButton.show()
        self._update_actions()
        if not self.isVisible():
            self.open()  # closed while it printed: the officer must still learn the form is missing
        self.ui.printAgainButton.setFocus()
        self.print_failed.emit(error)

    def _cancelled(self, paper: PaperFormat, copies: int) -> None:
        show_message(self.ui.pageCountLabel, self.tr("Printing cancelled. The dossier is saved; print the form when ready."), Tone.INFO)
        self.print_cancelled.emit()
        record = self._record
        if record is not None:
            (Op(lambda: record.record(paper=paper, copies=copies, printer=None, outcome=PRINT_CANCELLED), parent=self)
             .success(self.recorded.emit)
             .failure(lambda exc: log.warning("a cancelled print was not recorded: %s", exc))
             .run())

    # ------------------------------------------------------------------ paper

    def _paper_picked(self, index: int) -> None:
        paper = PaperFormat(self.ui.paperCombo.itemData(index))
        if paper is self.paper or self._render is None:
            return
        self.set_paper(paper)

    def set_paper(self, paper: PaperFormat) -> Op | None:
        """Lay the form out again on ``paper`` in the background, then show it."""
        if self._render is None:
            return None
        paper = PaperFormat(paper)
        self._render_generation += 1
        generation, render = self._render_generation, self._render
        combo = self.ui.paperCombo
        if combo.currentData() != paper.value:
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(paper.value))
            combo.blockSignals(False)
        show_message(self.ui.pageCountLabel, self.tr("Laying the form out on {paper}…").format(paper=combo.currentText()), Tone.INFO)
        self._rendering = (
            Op(lambda: render(paper), parent=self)
            .success(lambda pdf: self._rendered(generation, paper, pdf))
            .failure(lambda exc: self._render_failed(generation, exc))
        )
        self._rendering.finished.connect(lambda _ok: self._update_actions())
        self._rendering.run()
        self._update_actions()
        return self._rendering

    def _rendered(self, generation: int, paper: PaperFormat, pdf: bytes) -> None:
        if generation != self._render_generation:
            return  # the officer picked another paper meanwhile
        old = self._buffer
        self.pdf = pdf
        self.paper = paper
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        old.close()
        old.deleteLater()
        self._fit_view()
        self.paper_chosen.emit(paper)

    def _render_failed(self, generation: int, error: Exception) -> None:
        if generation != self._render_generation:
            return
        combo = self.ui.paperCombo
        combo.blockSignals(True)
        combo.setCurrentIndex(combo.findData(self.paper.value))
        combo.blockSignals(False)
        show_message(self.ui.pageCountLabel, self.tr("The form could not be laid out on that paper: {reason}").format(
            reason=error_text(error)), Tone.ERROR)

    # ------------------------------------------------------------------ saving as PDF

    def _file_name(self) -> str:
        stem = self._file_stem or {
            FormKind.SUPPLEMENT: "phieu-yeu-cau-bo-sung", FormKind.REFUSAL: "phieu-tu-choi",
            FormKind.FEE_RECEIPT: "bien-lai-thu-phi", FormKind.LEDGER: "so-theo-doi-ho-so",
        }.get(self.kind, "giay-tiep-nhan")
        parts = [stem]
        if self._dossier is not None:
            parts.append(self._dossier.code or "receipt")
        if self.reprint_reason is not None:
            parts.append("ban-in-lai")
        if self.paper is not PaperFormat.A4:
            parts.append(self.paper.value)
        return "-".join(parts) + ".pdf"

    def choose_save_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), self._file_name(), self.tr("PDF files (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_to(Path(path))

    def save_to(self, path: Path) -> Op:
        """Write the form's PDF to ``path`` in the background; the Op says when done."""
        data, record, paper = self.pdf, self._record, self.paper

        def write() -> Path:
            if record is not None:
                record.exported(paper)
            return _write_file(path, data)

        return (
            Op(write, parent=self)
            .success(self._saved)
            .failure(lambda exc: show_message(self.ui.pageCountLabel, error_text(exc), Tone.ERROR))
            .run()
        )

    def _saved(self, path: Path) -> None:
        show_message(self.ui.pageCountLabel, self.tr("Saved as {name}.").format(name=path.name), Tone.OK)
        self.saved.emit(path)


def clean_reason(text: str) -> str:
    """A reason as kept: composed Unicode (the way Vietnamese keyboards differ), one space
    between words."""
    return " ".join(unicodedata.normalize("NFC", text).split())


class ReprintReasonDialog(QDialog):
    """Asks why a dossier's form is printed again; at least ``REPRINT_REASON_MIN`` characters."""

    reason_given = Signal(str)

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReprintReasonDialog")
        self.setWindowTitle(self.tr("Print the form again"))
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(self.tr("The form of dossier {code} is printed again, marked “Bản in lại” on every "
                                          "page. The reason is kept with the print.").format(code=code), self)
        self.intro_label.setObjectName("introLabel")
        self.intro_label.setWordWrap(True)
        self.intro_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.intro_label)
        label = QLabel(self.tr("&Reason:"), self)
        layout.addWidget(label)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setMaxLength(REPRINT_REASON_MAX)
        self.reason_edit.setPlaceholderText(self.tr("e.g. the citizen lost the receipt"))
        label.setBuddy(self.reason_edit)
        layout.addWidget(self.reason_edit)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("reasonHintLabel")
        self.hint_label.setWordWrap(True)
        layout.addWidget(self.hint_label)
        buttons = QDialogButtonBox(self)
        self.reprint_button: QPushButton = buttons.addButton(self.tr("Re&print"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.reprint_button.setObjectName("reprintButton")
        self.cancel_button: QPushButton = buttons.addButton(self.tr("&Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("cancelButton")
        self.reprint_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reason_edit.textChanged.connect(self._check)
        self._check()
        self.resize(520, self.sizeHint().height())

    @property
    def reason(self) -> str:
        return clean_reason(self.reason_edit.text())

    def _check(self) -> None:
        enough = len(self.reason) >= REPRINT_REASON_MIN
        self.reprint_button.setEnabled(enough)
        # Always shown (the dialog keeps its shape); green once the reason is long enough.
        show_message(self.hint_label, self.tr("Write the reason in at least {count} characters.").format(
            count=REPRINT_REASON_MIN), Tone.OK if enough else Tone.INFO)

    def accept(self) -> None:
        if len(self.reason) < REPRINT_REASON_MIN:
            self.reason_edit.setFocus()
            return
        super().accept()
        self.reason_given.emit(self.reason)
