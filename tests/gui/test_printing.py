"""Printing at the counter (issue 7): in the background, on the desk's printer and paper,
with copies, and every print and reprint recorded.

Real parts throughout: the forms are rendered by the desk's own renderers, printed through a
real QPrinter into PDF files (the only printer that exists here, behind the small
``PrinterDirectory`` interface), and read back with pypdf; the store is a real SQLite file.
"""

from __future__ import annotations

import io
import json
import threading
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from desk_app.core.catalogue import Catalogue
from desk_app.core.dossier import Applicant, Dossier, ReceivedDocument, new_client_id
from desk_app.documents.page_formats import PaperFormat
from desk_app.gui.intake.dossier_forms import FormKind, render_form
from desk_app.gui.print_preview import PrintLog, PrintPreviewDialog, ReprintReasonDialog
from desk_app.gui.printing import PRINT_DPI, DialogReceiptPrinter, PdfFileReceiptPrinter
from desk_app.settings import SCHEMA_VERSION, DeskSettings, load_settings, save_settings
from desk_app.store import DeskStore

from .catalogue_data import catalogue_json
from .conftest import COUNTER_TIME
from .test_keyboard_only import assert_keyboard_ready, language  # noqa: F401 - fixture
from .test_main_window import a_dossier, window  # noqa: F401 - fixture

LOOKUP_URL = "http://127.0.0.1:9/tra-cuu"
A5_POINTS = (420, 595)
ROLL_WIDTH_POINTS = 80 * 72 / 25.4  # 226.8


# ---------------------------------------------------------------------- parts


class PdfPrinters:
    """The printers of this machine for the tests: each name a PDF file that a real QPrinter
    writes. Printers can be unplugged (``remove``) like a real one."""

    def __init__(self, folder: Path, *names: str, default: str) -> None:
        self.files = {name: folder / f"printer-{number}.pdf" for number, name in enumerate(names, 1)}
        self.default = default

    def names(self) -> list[str]:
        return list(self.files)

    def default_name(self) -> str:
        return self.default

    def select(self, printer: QPrinter, name: str) -> None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setResolution(PRINT_DPI)
        printer.setOutputFileName(str(self.files[name]))

    def chosen(self, printer: QPrinter) -> str:
        return next(name for name, path in self.files.items() if str(path) == printer.outputFileName())

    def remove(self, name: str) -> None:
        del self.files[name]


class Officer:
    """Stands in for the officer at the system print dialog: notes what was preselected,
    then picks a printer (or keeps the one shown) and maybe changes the copies."""

    def __init__(self, printers: PdfPrinters) -> None:
        self.printers = printers
        self.preselected: list[str] = []
        self.pick: str | None = None
        self.copies: int | None = None
        self.cancel = False

    def __call__(self, printer: QPrinter, parent) -> bool:  # noqa: ANN001
        self.preselected.append(self.printers.chosen(printer))
        if self.cancel:
            return False
        if self.pick is not None:
            self.printers.select(printer, self.pick)
        if self.copies is not None:
            printer.setCopyCount(self.copies)
        return True


def many_documents_dossier(procedure_code: str = "TEST.GPLX.01") -> Dossier:
    """A dossier with a long list of papers: its receipt takes two A4 pages a copy."""
    return Dossier(
        client_id=new_client_id(),
        procedure_code=procedure_code,
        catalogue_version="2026.11.T1",
        applicant=Applicant(full_name="Lê Văn Tám", cccd="056082001234", address="Nha Trang, Khánh Hòa"),
        received_at=COUNTER_TIME,
        due_at=COUNTER_TIME + timedelta(days=7),
        officer_username="canbo01",
        site_code="000.00.17.H56",
        desk_id="DESK-T-01",
        documents=tuple(ReceivedDocument(f"d{n}", f"Giấy tờ số {n} kèm theo đơn đề nghị đổi giấy phép lái xe", 1, 0, 0)
                        for n in range(40)),
    )


@pytest.fixture
def saved(store: DeskStore) -> Dossier:
    return store.save_new_dossier(many_documents_dossier(), {})


@pytest.fixture
def procedure():  # noqa: ANN201 - Procedure
    return Catalogue.from_dict(catalogue_json()).get("TEST.GPLX.01")


def open_preview(qtbot, pdf: bytes, printer, dossier: Dossier, **options) -> PrintPreviewDialog:  # noqa: ANN001
    preview = PrintPreviewDialog(pdf, printer, dossier, **options)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready, timeout=10_000)
    return preview


def pages_of(path: Path) -> list[tuple[float, float]]:
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in PdfReader(path).pages]


def lag_percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], ordered[-1]


class LagMeter:
    """How late a 10 ms timer on the UI thread fires: what an officer feels as a stall."""

    INTERVAL_MS = 10

    def __init__(self) -> None:
        self.samples: list[float] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.samples.clear()
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        elapsed = self._clock.nsecsElapsed() / 1e6
        self._clock.restart()
        self.samples.append(max(0.0, elapsed - self.INTERVAL_MS))


# ---------------------------------------------------------------------- in the background


def test_printing_runs_off_the_ui_thread_and_the_ui_keeps_turning(qtbot, store, saved, procedure, officer, tmp_path):
    pdf = render_form(saved, procedure, officer, LOOKUP_URL)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 4  # two copies of the form, two pages each
    printed = tmp_path / "printed.pdf"
    preview = open_preview(qtbot, pdf, PdfFileReceiptPrinter(printed), saved,
                           record=PrintLog(store, saved.client_id, FormKind.RECEIPT, "canbo01"))
    preview.ui.copiesSpin.setValue(2)
    meter = LagMeter()

    meter.start()  # the same measure on the idle desk first, in the same run
    qtbot.wait(1500)
    meter.stop()
    idle_p99, idle_max = lag_percentiles(meter.samples)
    idle_ticks = len(meter.samples)

    progress: list[int] = []
    preview.ui.printProgress.valueChanged.connect(progress.append)
    meter.start()
    started = time.perf_counter()
    job = preview.print_receipt()
    returned_after = time.perf_counter() - started
    assert job is not None and not job.done, "the print ran on the UI thread"
    assert preview.busy and not preview.ui.printButton.isEnabled() and preview.ui.printProgress.isVisible()
    with qtbot.waitSignal(preview.printed, timeout=120_000) as done:
        pass
    seconds = time.perf_counter() - started
    meter.stop()
    print_p99, print_max = lag_percentiles(meter.samples)
    print(f"\nUI lag, idle 1.5 s ({idle_ticks} ticks): p99 {idle_p99:.1f} ms, max {idle_max:.1f} ms; "
          f"printing 8 A4 sheets ({seconds:.1f} s, {len(meter.samples)} ticks): p99 {print_p99:.1f} ms, "
          f"max {print_max:.1f} ms; "
          f"print_receipt returned after {returned_after * 1000:.0f} ms")

    assert done.args[0].sheets == 8
    assert len(PdfReader(printed).pages) == 8
    # The event loop kept turning all through the job: the timer fired all along, and the
    # progress bar moved page by page while the worker painted.
    assert len(meter.samples) >= seconds * 1000 / LagMeter.INTERVAL_MS / 3
    assert progress == list(range(1, 9))
    assert print_p99 < 50, f"UI lag p99 {print_p99:.1f} ms while printing"
    assert returned_after < 0.25
    assert not preview.busy and preview.ui.printButton.isEnabled() and not preview.ui.printProgress.isVisible()
    assert [p.outcome for p in store.prints(saved.client_id)] == ["printed"]


def test_a_print_is_painted_on_a_thread_of_its_own(qtbot, saved, procedure, officer, tmp_path, monkeypatch):
    from desk_app.gui import print_preview

    threads: list[int] = []
    real = print_preview.print_pdf

    def noting_the_thread(job, pdf, progress=None):  # noqa: ANN001, ANN202
        threads.append(threading.get_ident())
        return real(job, pdf, progress)

    monkeypatch.setattr(print_preview, "print_pdf", noting_the_thread)
    preview = open_preview(qtbot, render_form(saved, procedure, officer, LOOKUP_URL), PdfFileReceiptPrinter(tmp_path / "p.pdf"), saved)
    with qtbot.waitSignal(preview.printed, timeout=60_000):
        preview.print_receipt()
    assert threads and threads[0] != threading.get_ident()


# ---------------------------------------------------------------------- copies and paper


def test_copies_are_honoured(qtbot, receipt_of_two_pages, tmp_path):
    dossier, pdf = receipt_of_two_pages
    printed = tmp_path / "printed.pdf"
    preview = open_preview(qtbot, pdf, PdfFileReceiptPrinter(printed), dossier)
    assert preview.ui.copiesSpin.value() == 1
    preview.ui.copiesSpin.setValue(3)
    with qtbot.waitSignal(preview.printed, timeout=60_000) as done:
        preview.ui.printButton.click()
    assert len(PdfReader(printed).pages) == 6  # three times the form's two copies (Liên 1, Liên 2)
    assert (done.args[0].copies, done.args[0].sheets) == (3, 6)
    assert preview.ui.pageCountLabel.text() == "Sent to PDF printed.pdf: 3 copies, 6 page(s)."


def test_ctrl_p_prints(qtbot, receipt_of_two_pages, tmp_path):
    dossier, pdf = receipt_of_two_pages
    printed = tmp_path / "printed.pdf"
    preview = open_preview(qtbot, pdf, PdfFileReceiptPrinter(printed), dossier)
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow, timeout=5000)
    with qtbot.waitSignal(preview.printed, timeout=60_000):
        qtbot.keyClick(preview.ui.copiesSpin, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(PdfReader(printed).pages) == 2


@pytest.fixture
def receipt_of_two_pages(procedure, officer) -> tuple[Dossier, bytes]:
    dossier = many_documents_dossier()
    short = replace(dossier, documents=dossier.documents[:2], code="000.00.17.H56-261120-0007")
    return short, render_form(short, procedure, officer, LOOKUP_URL)


def test_changing_the_paper_lays_the_form_out_again_and_the_printer_follows(qtbot, store, saved, procedure, officer,
                                                                             tmp_path):
    rendered_on: list[tuple[PaperFormat, int]] = []

    def render(paper: PaperFormat) -> bytes:
        rendered_on.append((paper, threading.get_ident()))
        return render_form(saved, procedure, officer, LOOKUP_URL, paper=paper)

    printed = tmp_path / "printed.pdf"
    preview = open_preview(qtbot, render_form(saved, procedure, officer, LOOKUP_URL), PdfFileReceiptPrinter(printed),
                           saved, render=render, record=PrintLog(store, saved.client_id, FormKind.RECEIPT, "canbo01"))
    assert preview.ui.paperCombo.currentText() == "A4" and preview.ui.paperCombo.isEnabled()
    a4_pdf = preview.pdf

    with qtbot.waitSignal(preview.paper_chosen, timeout=30_000) as chosen:
        preview.ui.paperCombo.setCurrentIndex(preview.ui.paperCombo.findData("a5"))
    assert chosen.args[0] is PaperFormat.A5
    assert rendered_on[-1][0] is PaperFormat.A5 and rendered_on[-1][1] != threading.get_ident()
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready and preview.ui.printButton.isEnabled(),
                    timeout=10_000)
    assert preview.pdf != a4_pdf and preview.paper is PaperFormat.A5
    assert all(preview.document.pagePointSize(n).toSize().width() == A5_POINTS[0]
               for n in range(preview.document.pageCount()))
    with qtbot.waitSignal(preview.printed, timeout=60_000):
        preview.print_receipt()
    sheets = pages_of(printed)
    assert len(sheets) == preview.document.pageCount()
    assert all(w == pytest.approx(A5_POINTS[0], abs=1) and h == pytest.approx(A5_POINTS[1], abs=1) for w, h in sheets)

    with qtbot.waitSignal(preview.paper_chosen, timeout=30_000):
        preview.ui.paperCombo.setCurrentIndex(preview.ui.paperCombo.findData("roll80"))
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready and preview.ui.printButton.isEnabled(),
                    timeout=10_000)
    roll_lengths = [preview.document.pagePointSize(n).height() for n in range(preview.document.pageCount())]
    with qtbot.waitSignal(preview.printed, timeout=60_000):
        preview.print_receipt()
    sheets = pages_of(printed)
    assert len(sheets) == len(roll_lengths) == 2  # one slip per copy, as long as the copy
    for (width, height), length in zip(sheets, roll_lengths):
        assert width == pytest.approx(ROLL_WIDTH_POINTS, abs=1)
        assert height == pytest.approx(length, abs=1)
    assert [p.paper for p in store.prints(saved.client_id)] == ["roll80", "a5"]


def test_a_paper_that_cannot_be_laid_out_keeps_the_form_shown(qtbot, receipt_of_two_pages, tmp_path):
    dossier, pdf = receipt_of_two_pages

    def render(paper: PaperFormat) -> bytes:
        raise OSError("font missing")

    preview = open_preview(qtbot, pdf, PdfFileReceiptPrinter(tmp_path / "p.pdf"), dossier, render=render)
    op = preview.set_paper(PaperFormat.A5)
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert preview.paper is PaperFormat.A4 and preview.ui.paperCombo.currentData() == "a4"
    assert preview.pdf == pdf and preview.ui.printButton.isEnabled()
    assert preview.ui.pageCountLabel.property("tone") == "error"


def test_the_suggested_file_name_follows_the_document(qtbot, receipt_of_two_pages, procedure, officer, tmp_path,
                                                      monkeypatch):
    dossier, pdf = receipt_of_two_pages
    suggested: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, title, name, filters: (suggested.append(name), ("", ""))[1]))
    preview = open_preview(qtbot, pdf, PdfFileReceiptPrinter(tmp_path / "p.pdf"), dossier,
                           render=lambda paper: render_form(dossier, procedure, officer, LOOKUP_URL, paper=paper))
    preview.ui.saveButton.click()
    with qtbot.waitSignal(preview.paper_chosen, timeout=30_000):
        preview.set_paper(PaperFormat.A5)
    preview.ui.saveButton.click()
    assert suggested == ["giay-tiep-nhan-000.00.17.H56-261120-0007.pdf", "giay-tiep-nhan-000.00.17.H56-261120-0007-a5.pdf"]


# ---------------------------------------------------------------------- the desk's printer


def test_the_printer_choice_is_remembered_across_dialogs(qtbot, window, tmp_path):  # noqa: F811
    printers = PdfPrinters(tmp_path, "Quầy 1", "Quầy 2", default="Quầy 1")
    at_the_dialog = Officer(printers)
    window.services.printer = DialogReceiptPrinter(printers, ask=at_the_dialog)
    dossier = window.store.save_new_dossier(a_dossier(window), {})
    kept: list[tuple[str, object]] = []
    window.printing_chosen.connect(lambda name, value: kept.append((name, value)))
    pdf = render_form(dossier, window.store.load_catalogue()[0].get(dossier.procedure_code), window.session.user,
                      window.services.lookup_url)

    at_the_dialog.pick = "Quầy 2"
    first = window.show_receipt(dossier, pdf)  # "Save and print": the dialog comes at once
    with qtbot.waitSignal(first.printed, timeout=60_000):
        pass
    assert at_the_dialog.preselected == ["Quầy 1"]  # nothing remembered yet: the default printer
    assert len(PdfReader(printers.files["Quầy 2"]).pages) == 2
    assert window.services.settings.printer_name == "Quầy 2"
    assert kept == [("printer_name", "Quầy 2")]

    at_the_dialog.pick = None
    second = window.show_receipt(dossier, pdf)
    with qtbot.waitSignal(second.printed, timeout=60_000):
        pass
    assert at_the_dialog.preselected == ["Quầy 1", "Quầy 2"]
    assert "Quầy 2" in second.ui.pageCountLabel.text()

    # The remembered printer is unplugged: the default one is preselected, and the officer is told.
    printers.remove("Quầy 2")
    third = window.show_receipt(dossier, pdf)
    with qtbot.waitSignal(third.printed, timeout=60_000) as done:
        pass
    assert at_the_dialog.preselected[-1] == "Quầy 1"
    assert done.args[0].missing_printer == "Quầy 2"
    assert third.ui.pageCountLabel.text().startswith(
        "The printer “Quầy 2” used last time was not found; the form goes to “Quầy 1”.")
    assert window.services.settings.printer_name == "Quầy 1"
    assert [p.printer for p in window.store.prints(dossier.client_id)] == ["Quầy 1", "Quầy 2", "Quầy 2"]


def test_the_copies_asked_in_the_print_dialog_win(qtbot, receipt_of_two_pages, tmp_path):
    dossier, pdf = receipt_of_two_pages
    printers = PdfPrinters(tmp_path, "Quầy 1", default="Quầy 1")
    at_the_dialog = Officer(printers)
    at_the_dialog.copies = 2
    preview = open_preview(qtbot, pdf, DialogReceiptPrinter(printers, ask=at_the_dialog), dossier)
    with qtbot.waitSignal(preview.printed, timeout=60_000):
        preview.print_receipt()
    assert len(PdfReader(printers.files["Quầy 1"]).pages) == 4


def test_a_cancelled_print_dialog_prints_nothing_and_is_recorded(qtbot, store, receipt_of_two_pages, tmp_path):
    dossier, pdf = receipt_of_two_pages
    dossier = store.save_new_dossier(dossier, {})
    printers = PdfPrinters(tmp_path, "Quầy 1", default="Quầy 1")
    at_the_dialog = Officer(printers)
    at_the_dialog.cancel = True
    preview = open_preview(qtbot, pdf, DialogReceiptPrinter(printers, ask=at_the_dialog), dossier,
                           record=PrintLog(store, dossier.client_id, FormKind.RECEIPT, "canbo01"))
    with qtbot.waitSignal(preview.recorded, timeout=10_000):
        assert preview.print_receipt() is None
    assert not printers.files["Quầy 1"].exists()
    [record] = store.prints(dossier.client_id)
    assert (record.outcome, record.printer, record.copies) == ("cancelled", None, 1)
    assert "Printing cancelled" in preview.ui.pageCountLabel.text()


def test_a_failing_printer_leaves_the_dossier_saved_and_says_so(qtbot, store, saved, procedure, officer, tmp_path):
    # A real QPrinter that cannot start: its output folder does not exist.
    broken = PdfFileReceiptPrinter(tmp_path / "unplugged" / "printed.pdf", name="Quầy 3")
    preview = open_preview(qtbot, render_form(saved, procedure, officer, LOOKUP_URL), broken, saved,
                           record=PrintLog(store, saved.client_id, FormKind.RECEIPT, "canbo01"))
    with qtbot.waitSignal(preview.print_failed, timeout=30_000):
        preview.ui.printButton.click()
    label = preview.ui.pageCountLabel
    assert label.property("tone") == "error"
    assert label.text() == ("The form was not printed: The printer could not start the job. Check that it is on and "
                            "has paper, then print again. The dossier itself is saved; only the paper is missing.")
    assert preview.ui.printAgainButton.isVisible() and preview.ui.printAgainButton.isEnabled()
    assert store.get_dossier(saved.client_id).code == saved.code  # saved before, still saved
    assert [(p.outcome, p.printer) for p in store.prints(saved.client_id)] == [("failed", "Quầy 3")]
    assert "receipt.printed" not in [e.action for e in store.audit_entries(subject=saved.client_id)]

    # The printer is back: "Print again" prints, and that print is recorded as printed.
    (tmp_path / "unplugged").mkdir()
    with qtbot.waitSignal(preview.printed, timeout=60_000):
        preview.ui.printAgainButton.click()
    assert not preview.ui.printAgainButton.isVisible()
    assert len(PdfReader(tmp_path / "unplugged" / "printed.pdf").pages) == 4
    assert [p.outcome for p in store.prints(saved.client_id)] == ["printed", "failed"]
    assert "receipt.printed" in [e.action for e in store.audit_entries(subject=saved.client_id)]


def test_a_print_that_fails_after_the_preview_was_closed_brings_it_back(qtbot, saved, procedure, officer, tmp_path):
    broken = PdfFileReceiptPrinter(tmp_path / "unplugged" / "printed.pdf")
    preview = open_preview(qtbot, render_form(saved, procedure, officer, LOOKUP_URL), broken, saved)
    with qtbot.waitSignal(preview.print_failed, timeout=30_000):
        preview.print_receipt()
        preview.ui.closeButton.click()  # the officer moves on while it prints
    qtbot.waitUntil(preview.isVisible, timeout=5000)
    assert preview.ui.printAgainButton.isVisible()


# ---------------------------------------------------------------------- printing again, with a reason


def select_dossier(qtbot, window, client_id: str) -> None:  # noqa: ANN001, F811
    window.refresh_queue()
    qtbot.waitUntil(lambda: window.queue_model.row_of(client_id) is not None, timeout=10_000)
    source = window.queue_model.index(window.queue_model.row_of(client_id), 0)
    window.ui.queueView.selectRow(window._proxy.mapFromSource(source).row())


def test_the_first_print_after_saving_is_not_a_reprint(qtbot, window, tmp_path):  # noqa: F811
    dossier = window.store.save_new_dossier(a_dossier(window), {})
    pdf = render_form(dossier, window.store.load_catalogue()[0].get(dossier.procedure_code), window.session.user,
                      window.services.lookup_url)
    preview = window.show_receipt(dossier, pdf)
    with qtbot.waitSignal(preview.printed, timeout=60_000):
        pass
    [record] = window.store.prints(dossier.client_id)
    assert (record.reprint_reason, record.outcome, record.officer_username, record.kind) == (None, "printed", "canbo01",
                                                                                            "receipt")
    actions = [e.action for e in window.store.audit_entries(subject=dossier.client_id)]
    assert "receipt.printed" in actions and "receipt.reprinted" not in actions
    assert "Bản in lại" not in "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(preview.pdf)).pages)


def test_a_reprint_needs_a_reason_and_is_recorded_and_marked(qtbot, window, tmp_path):  # noqa: F811
    dossier = window.store.save_new_dossier(a_dossier(window), {})
    window.services.settings = replace(window.services.settings, paper_format="a5")
    assert not window.action_reprint.isEnabled()  # nothing selected yet
    select_dossier(qtbot, window, dossier.client_id)
    assert window.action_reprint.isEnabled()
    assert window.action_reprint.shortcut().toString() == "Ctrl+Shift+P"

    with qtbot.waitSignal(window.reprint_asked, timeout=5000) as asked:
        window.action_reprint.trigger()
    reason_dialog: ReprintReasonDialog = asked.args[0]
    assert dossier.code in reason_dialog.intro_label.text()
    reason_dialog.reason_edit.setText("  ab ")
    assert not reason_dialog.reprint_button.isEnabled()
    assert reason_dialog.hint_label.text() == "Write the reason in at least 3 characters."
    reason_dialog.accept()  # Enter with too short a reason changes nothing
    assert reason_dialog.isVisible()
    reason_dialog.reason_edit.setText("Công dân   làm mất giấy hẹn")
    assert reason_dialog.reprint_button.isEnabled()
    with qtbot.waitSignal(window.preview_opened, timeout=30_000) as opened:
        reason_dialog.reprint_button.click()
    preview: PrintPreviewDialog = opened.args[0]
    qtbot.waitUntil(lambda: preview.ui.printButton.isEnabled(), timeout=10_000)

    assert "Reason: Công dân làm mất giấy hẹn" in preview.ui.headingLabel.text()
    assert preview.paper is PaperFormat.A5 and preview.ui.paperCombo.currentData() == "a5"
    reader = PdfReader(io.BytesIO(preview.pdf))
    assert all("Bản in lại" in page.extract_text() for page in reader.pages)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(A5_POINTS[0], abs=1)
    assert window.store.prints(dossier.client_id) == []  # a reprint waits for the officer to press Print

    with qtbot.waitSignal(preview.printed, timeout=60_000):
        preview.ui.printButton.click()
    [record] = window.store.prints(dossier.client_id)
    assert (record.reprint_reason, record.outcome, record.paper, record.kind) == (
        "Công dân làm mất giấy hẹn", "printed", "a5", "receipt")
    audit = [e for e in window.store.audit_entries(subject=dossier.client_id) if e.action.startswith("receipt.")]
    assert [(e.action, e.details["reason"], e.actor) for e in audit] == [
        ("receipt.reprinted", "Công dân làm mất giấy hẹn", "canbo01")]

    # Another paper for the reprint keeps the mark: the form is laid out again, still a reprint.
    with qtbot.waitSignal(preview.paper_chosen, timeout=30_000):
        preview.ui.paperCombo.setCurrentIndex(preview.ui.paperCombo.findData("a4"))
    assert all("Bản in lại" in page.extract_text() for page in PdfReader(io.BytesIO(preview.pdf)).pages)
    assert window.services.settings.paper_format == "a4"


def test_reprint_with_nothing_selected_says_what_to_do(window):  # noqa: F811
    assert window.reprint() is None
    assert window.sync_label.text() == "Select the dossier whose form is printed again first."


# ---------------------------------------------------------------------- keyboard


def test_the_preview_with_every_option_is_keyboard_ready(qtbot, language, receipt_of_two_pages, procedure,  # noqa: F811
                                                         officer, tmp_path):
    dossier, pdf = receipt_of_two_pages
    preview = open_preview(qtbot, pdf, PdfFileReceiptPrinter(tmp_path / "unplugged" / "p.pdf"), dossier,
                           render=lambda paper: render_form(dossier, procedure, officer, LOOKUP_URL, paper=paper))
    with qtbot.waitSignal(preview.print_failed, timeout=30_000):
        preview.print_receipt()
    assert preview.ui.paperCombo.isEnabled() and preview.ui.printAgainButton.isVisible()
    assert_keyboard_ready(qtbot, preview, "print preview after a failed print")


def test_the_reprint_reason_is_keyboard_ready(qtbot, language):  # noqa: F811
    dialog = ReprintReasonDialog("000.00.17.H56-261120-0007")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.reason_edit.setText("Công dân làm mất giấy hẹn")
    assert_keyboard_ready(qtbot, dialog, "reprint reason")


# ---------------------------------------------------------------------- settings


def test_a_version_two_settings_file_gains_the_printer_and_the_paper(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 2, "desk_id": "DESK-NT-02", "large_text": True}), encoding="utf-8")
    settings = load_settings(path)
    assert settings.schema_version == SCHEMA_VERSION
    assert (settings.desk_id, settings.large_text, settings.printer_name, settings.paper_format) == (
        "DESK-NT-02", True, None, "a4")


def test_the_printer_and_the_paper_survive_a_restart(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(path, DeskSettings(printer_name="Quầy 3 (HP LaserJet)", paper_format="roll80"))
    settings = load_settings(path)
    assert (settings.printer_name, settings.paper_format) == ("Quầy 3 (HP LaserJet)", "roll80")


@pytest.mark.parametrize("printer_name, paper_format", [(42, "letter"), ("   ", None), (["x"], "A4")])
def test_an_odd_printer_or_paper_in_the_file_falls_back_to_the_defaults(tmp_path, printer_name, paper_format):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 3, "printer_name": printer_name, "paper_format": paper_format}),
                    encoding="utf-8")
    settings = load_settings(path)
    assert (settings.printer_name, settings.paper_format) == (None, "a4")


def test_the_preview_names_the_paper_the_form_was_laid_out_for(qtbot, receipt_of_two_pages, procedure, officer,
                                                               tmp_path):
    # A wizard opened before the desk's paper changed renders on the old paper: the pages decide.
    dossier, _pdf = receipt_of_two_pages
    pdf = render_form(dossier, procedure, officer, LOOKUP_URL, paper=PaperFormat.A5)
    preview = open_preview(qtbot, pdf, PdfFileReceiptPrinter(tmp_path / "p.pdf"), dossier, paper="a4")
    assert preview.paper is PaperFormat.A5 and preview.ui.paperCombo.currentText() == "A5"


def test_saving_the_form_as_a_file_is_audited_as_an_export(qtbot, store, saved, procedure, officer, tmp_path):
    preview = open_preview(qtbot, render_form(saved, procedure, officer, LOOKUP_URL),
                           PdfFileReceiptPrinter(tmp_path / "printed.pdf"), saved,
                           record=PrintLog(store, saved.client_id, FormKind.RECEIPT, "canbo01"))
    target = tmp_path / "copy.pdf"
    with qtbot.waitSignal(preview.saved, timeout=10_000):
        preview.save_to(target)
    assert target.read_bytes()[:5] == b"%PDF-"
    [entry] = [e for e in store.audit_entries(subject=saved.client_id) if e.action == "export.form"]
    assert (entry.actor, entry.details) == ("canbo01", {"kind": "receipt", "paper": "a4"})
