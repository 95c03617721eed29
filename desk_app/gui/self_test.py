"""``--self-test``: an installed desk proves, unattended, that it can do a counter's core job.

CI runs it on the frozen one-folder build (installer/build_linux.sh --self-test), and a site's
IT person can run it on a counter PC after installing. It starts the desk in demo mode, with
the embedded central API, in a temporary folder that is deleted afterwards: the user's data
folder, settings and OS keyring are never touched (the keys live in memory for the run). It
signs in as the demo officer, waits for the main window and the first sync, takes a dossier
through the intake wizard's own builder and the store, renders its receipt (Mẫu 01) as a
reprint would, reads the PDF back, decodes the receipt's QR code from a rendering of the
page, prints the page through QPrinter, checks the resources a frozen build most easily
loses (translations, icons, Qt plugins, fonts, Haar cascades), and sends the dossier to the
central API. One JSON line says what was checked and how long each step took; the exit
status is 0 only when every check passed.
"""

from __future__ import annotations

import faulthandler
import io
import json
import logging
import platform
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import numpy as np
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPainter
from PySide6.QtMultimedia import QMediaFormat
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from desk_app import __version__
from desk_app.core.calendar import WorkingCalendar
from desk_app.core.dossier import Dossier, ReceivedDocument
from desk_app.core.validation import validate_form
from desk_app.credentials import TokenVault
from desk_app.diagnostics import versions
from desk_app.documents.fonts import register_fonts
from desk_app.documents.page_formats import PaperFormat
from desk_app.paths import DeskPaths
from desk_app.photo.rules import find_eyes, find_face
from desk_app.settings import DeskSettings
from desk_app.signing_key import ReceiptKey
from desk_app.store import DeskStore
from desk_app.sync.client import UserInfo

from .camera.qr_decoder import decode_qr, gray_pixels
from .icons import icon
from .intake.dossier_forms import render_form
from .intake.draft import CitizenDetails, IntakeDraft, build_dossier
from .main_window import MainWindow
from .ops import Op
from .print_preview import procedure_of
from .printing import PdfFileReceiptPrinter, PrintRequest, print_pdf
from .translation import load_desk_translator

log = logging.getLogger(__name__)

# A slow counter PC starts the frozen desk in well under a minute; past this the run failed.
DEADLINE_S = 150
# If the UI thread itself hangs, the Qt timer above never fires: faulthandler then prints
# every thread's stack and ends the process.
HARD_DEADLINE_S = DEADLINE_S + 30
QR_RENDER_DPI = 200
# A fictional citizen: the CCCD is well formed (Khánh Hòa, a man born in 1990), the name
# says what the dossier is for anyone who meets it in a demo central's records.
CITIZEN = CitizenDetails(full_name="Nguyễn Văn Tự Kiểm", cccd="056090001234", date_of_birth=date(1990, 3, 15),
                         address="Số 1 đường Trần Phú, phường Nha Trang, tỉnh Khánh Hòa")
# What the officer would type, by form field key; the dossier is taken for the first procedure
# of the catalogue whose required fields are all here (the demo's driving-licence renewal).
FORM_VALUES = {
    "full_name": CITIZEN.full_name,
    "date_of_birth": "15/03/1990",
    "cccd": CITIZEN.cccd,
    "address": CITIZEN.address,
    "licence_number": "560090001234",
    "licence_class": "B2",
    "phone": "0905123456",
}


class SelfTestFailed(Exception):
    """One check did not hold; the message says which and why."""


class SelfTest:
    """Runs the checks in order on the Qt event loop; ``finish`` ends the loop."""

    def __init__(self, app: QApplication, root: Path, language: str | None, make_desk: Callable[..., Any]) -> None:
        self.app = app
        self.root = root
        self.paths = DeskPaths.under(root / "desk").create()
        self.started = time.monotonic()
        self.checks: list[dict[str, Any]] = []
        self.stage = "starting"
        self.exit_code: int | None = None
        self.failure: str | None = None
        self.failed_at: str | None = None
        self.printed_pdf = root / "printed-receipt.pdf"
        settings = DeskSettings() if language is None else DeskSettings(language=language)
        self.language = settings.language
        self.desk = make_desk(
            self.paths, settings, demo=True,
            printer=PdfFileReceiptPrinter(self.printed_pdf, name="self-test PDF"),
            vault=TokenVault(use_keyring=False),
            auto_login=True,
        )
        self.window: MainWindow | None = None
        self.dossier: Dossier | None = None
        self.receipt_pdf = b""
        self._stage_started = self.started

    # ------------------------------------------------------------------ bookkeeping

    def begin(self, stage: str) -> None:
        self.stage = stage
        self._stage_started = time.monotonic()

    def passed(self, **details: Any) -> None:
        elapsed_ms = round((time.monotonic() - self._stage_started) * 1000)
        self.checks.append({"name": self.stage, "ms": elapsed_ms, **details})

    def check(self, stage: str, work: Callable[[], dict[str, Any]]) -> bool:
        """A check that runs on the UI thread (Qt objects that must live there)."""
        self.begin(stage)
        try:
            details = work()
        except Exception as exc:  # noqa: BLE001 - any failure is the self-test's result
            self.fail(exc)
            return False
        self.passed(**details)
        return True

    def fail(self, error: BaseException | str) -> None:
        if self.exit_code is not None:
            return
        text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        log.error("self-test failed at %s: %s", self.stage, text,
                  exc_info=error if isinstance(error, BaseException) else None)
        self.failure = text
        self.failed_at = self.stage
        self.exit_code = 1
        self.app.quit()

    def finish(self) -> None:
        if self.exit_code is None:
            self.exit_code = 0
            self.app.quit()

    def background(self, stage: str, work: Callable[[], dict[str, Any]], then: Callable[[], None]) -> None:
        """A check off the UI thread, on the desk's own op pool, as the desk does such work."""
        if stage != self.stage:
            self.begin(stage)

        def done(details: dict[str, Any]) -> None:
            self.passed(**details)
            then()

        Op(work).success(done).failure(self.fail).run()

    # ------------------------------------------------------------------ the run

    def start(self) -> None:
        if not self.check("resources", self._resources):
            return
        self.desk.quit_requested.connect(lambda _code: self.fail("the sign-in window was closed"))
        self.desk.ready.connect(self._ready)
        self.desk.main_window_shown.connect(self._shown)
        self.begin("store and demo central API")
        start_op = self.desk.start()
        start_op.finished.connect(lambda ok: None if ok else self.fail(start_op.error or "start-up failed"))

    def _ready(self) -> None:
        self.passed()
        self.begin("sign-in and main window")

    def _shown(self, window: MainWindow) -> None:
        self.window = window
        self.passed(window=window.objectName(), title_has_demo="[DEMO]" in window.windowTitle())
        self.begin("first sync")
        window.sync_reported.connect(self._synced)

    def _synced(self, report: Any) -> None:
        if self.exit_code is not None or self.stage != "first sync":
            return
        if not report.online:
            self.fail(f"the embedded central API did not answer the first sync: {report.error}")
            return
        self.passed(online=True)
        window = self.window
        assert window is not None
        store, services, user = window.store, window.services, window.session.user
        keys = services.receipt_keys
        signer = keys.own if keys is not None else None
        lookup_url, paper = services.lookup_url, PaperFormat(services.settings.paper_format)
        desk_id, received_at = services.desk_id, services.clock()
        self.background(
            "receipt",
            lambda: self._receipt(store, user, desk_id, received_at, lookup_url, paper, signer),
            self._print,
        )

    def _receipt(self, store: DeskStore, user: UserInfo, desk_id: str, received_at: Any, lookup_url: str,
                 paper: PaperFormat, signer: ReceiptKey | None) -> dict[str, Any]:
        dossier = save_a_dossier(store, user, desk_id, received_at, signer)
        pdf = render_form(dossier, procedure_of(store, dossier), user, lookup_url, paper=paper, signer=signer)
        details = read_receipt(pdf, dossier)
        self.dossier, self.receipt_pdf = dossier, pdf
        return {"dossier_code": dossier.code, "paper": paper.value, **details}

    def _print(self) -> None:
        """Through QPrinter and QtPdf into a PDF file, as the desk prints: the job is prepared on
        the UI thread, the pages are painted on a worker."""
        self.begin("print")
        job = self.desk.services.printer.prepare(PrintRequest(title="self-test"), None)
        if job is None:
            self.fail("the PDF printer refused the job")
            return
        pdf, printed_pdf = self.receipt_pdf, self.printed_pdf

        def work() -> dict[str, Any]:
            sheets = print_pdf(job, pdf)
            printed = len(PdfReader(printed_pdf).pages)
            if printed != sheets:
                raise SelfTestFailed(f"{sheets} sheets printed but the print file holds {printed} pages")
            return {"sheets": sheets}

        self.background("print", work, self._send_dossier)

    def _send_dossier(self) -> None:
        window, dossier = self.window, self.dossier
        assert window is not None and dossier is not None
        self.begin("dossier sent to the central API")
        store, client_id = window.store, dossier.client_id

        def sent(report: Any) -> None:
            if self.exit_code is not None or self.stage != "dossier sent to the central API":
                return
            if report.held:
                self.fail(f"the central API refused the dossier: {report.error}")
            elif report.online and report.waiting == 0 and report.retrying == 0:
                # The counts are the whole outbox after the pass: empty, so the dossier went.
                window.sync_reported.disconnect(sent)
                self.background("dossier sent to the central API", lambda: _sent_state(store, client_id), self.finish)
            else:
                window.sync_worker.request_sync(force=True)

        window.sync_reported.connect(sent)
        window.sync_worker.request_sync(force=True)

    def _resources(self) -> dict[str, Any]:
        translator = load_desk_translator(self.language) if self.language != "en" else None
        if self.language != "en" and (translator is None or translator.isEmpty()):
            raise SelfTestFailed(f"the {self.language} translation catalogue did not load")
        app_icon = icon("app")
        if app_icon.isNull() or app_icon.pixmap(QSize(64, 64)).isNull():
            raise SelfTestFailed("the application icon (SVG) could not be drawn: icons or Qt's SVG plugin are missing")
        formats = sorted(bytes(f.data()).decode() for f in QImageReader.supportedImageFormats())
        missing = {"svg", "jpeg", "png"} - set(formats)
        if missing:
            raise SelfTestFailed(f"Qt image format plugins missing: {sorted(missing)}")
        media = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
        if not media:
            raise SelfTestFailed("no Qt Multimedia backend loaded: the camera cannot work")
        family = register_fonts()
        # Help ▸ Export diagnostics names each library's version; a build that lost one's
        # metadata would send the site's IT "not found".
        unknown = [label for label, version in versions({}, None)["libraries"].items() if version == "not found"]
        if unknown:
            raise SelfTestFailed(f"library versions unknown to the diagnostics: {unknown}")
        blank = np.full((480, 360, 3), 200, dtype=np.uint8)
        faces = find_face(blank).count
        eyes = len(find_eyes(blank, (90.0, 120.0, 180.0, 180.0)))
        return {"language": self.language, "translation": translator is not None,
                "platform": QGuiApplication.platformName(), "image_formats": len(formats),
                "media_formats": len(media), "font": family, "haar_faces_on_blank": faces,
                "haar_eyes_on_blank": eyes}

    def shutdown(self) -> None:
        self.begin("shutdown")
        desk = self.desk
        if desk.main_window is not None:
            desk.main_window.close()
        desk.login_window.close()
        desk.shutdown()
        self.passed()

    def deadline(self) -> None:
        self.fail(f"no result within {DEADLINE_S} s (still at: {self.stage})")

    def result(self) -> dict[str, Any]:
        return {
            "self_test": "passed" if self.exit_code == 0 else "failed",
            "version": __version__,
            "frozen": bool(getattr(sys, "frozen", False)),
            "python": platform.python_version(),
            "system": f"{platform.system()} {platform.machine()}",
            "checks": self.checks,
            **({"failed_at": self.failed_at, "error": self.failure} if self.failure else {}),
            "total_s": round(time.monotonic() - self.started, 2),
        }


def save_a_dossier(store: DeskStore, user: UserInfo, desk_id: str, received_at: Any,
                   signer: ReceiptKey | None) -> Dossier:
    """A procedure of the downloaded catalogue, its form filled and its required documents handed in,
    built by the intake wizard's own function and saved (with its code and seal) by the store."""
    catalogue, _etag = store.load_catalogue()
    if catalogue is None or not catalogue.procedures:
        raise SelfTestFailed("the first sync brought no procedure catalogue")
    procedure = next((p for p in catalogue.procedures
                      if all(f.key in FORM_VALUES for f in p.fields if f.required)), None)
    if procedure is None:
        raise SelfTestFailed("no procedure of the catalogue has a form the self-test can fill")
    values = {f.key: FORM_VALUES[f.key] for f in procedure.fields if f.key in FORM_VALUES}
    problems = validate_form(procedure.fields, values, catalogue.places)
    if problems:
        raise SelfTestFailed(f"the self-test's form for {procedure.code} does not validate: "
                             + "; ".join(problem.english() for problem in problems))
    documents = [ReceivedDocument(d.code, d.name, d.originals, d.certified_copies, d.photocopies)
                 for d in procedure.documents if d.required]
    draft = IntakeDraft(citizen=CITIZEN, procedure=procedure, documents=documents, form_values=values,
                        phone=FORM_VALUES["phone"])
    dossier, blobs = build_dossier(draft, catalogue_version=catalogue.version, user=user, desk_id=desk_id,
                                   received_at=received_at, calendar=WorkingCalendar(store.load_calendar_overrides()))
    saved = store.save_new_dossier(dossier, blobs, seal=signer.seal_dossier if signer is not None else None)
    if not saved.code:
        raise SelfTestFailed("the store saved the dossier without a code")
    return saved


def read_receipt(pdf: bytes, dossier: Dossier) -> dict[str, Any]:
    """The receipt read back as a citizen's phone and a checker would: its text, its fonts, its QR."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    if pages < 1:
        raise SelfTestFailed("the receipt has no pages")
    text = " ".join(unicodedata.normalize("NFC", reader.pages[0].extract_text()).split())
    code = dossier.code or ""
    if code not in text:
        raise SelfTestFailed(f"the receipt's first page does not show the dossier code {code}")
    if dossier.applicant.full_name not in text:
        raise SelfTestFailed("the receipt's first page does not show the applicant's name (Vietnamese text lost)")
    fonts = sorted({str(font.get_object()["/BaseFont"]).split("+")[-1]
                    for font in reader.pages[0]["/Resources"]["/Font"].values()})
    qr_texts = _page_qr_texts(pdf)
    if not any(code in qr for qr in qr_texts):
        raise SelfTestFailed(f"no QR code on the receipt's first page carries the dossier code (read: {qr_texts})")
    return {"pages": pages, "pdf_bytes": len(pdf), "fonts": fonts, "qr_codes": len(qr_texts)}


def _page_qr_texts(pdf: bytes) -> list[str]:
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()  # on this thread, which renders with it
    try:
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready:
            raise SelfTestFailed("QtPdf could not open the receipt")
        points = document.pagePointSize(0)
        size = QSize(round(points.width() * QR_RENDER_DPI / 72), round(points.height() * QR_RENDER_DPI / 72))
        page = document.render(0, size)
        # QtPdf leaves the paper transparent: flattened onto white, as a printer would show it.
        white = QImage(page.size(), QImage.Format.Format_RGB32)
        white.fill(0xFFFFFFFF)
        painter = QPainter(white)
        painter.drawImage(0, 0, page)
        painter.end()
        return decode_qr(np.ascontiguousarray(gray_pixels(white)))
    finally:
        document.close()
        buffer.close()


def _sent_state(store: DeskStore, client_id: str) -> dict[str, Any]:
    dossier = store.get_dossier(client_id)
    return {"code": dossier.code, "provisional": dossier.code_provisional}


def _output(report_to: str) -> TextIO | None:
    if report_to != "-":
        return open(report_to, "w", encoding="utf-8")  # noqa: SIM115 - closed by the caller
    # A windowed Windows build has no stdout: the exit status still tells.
    return sys.stdout


def run_self_test(report_to: str, language: str | None, *, make_desk: Callable[..., Any],
                  setup_logging: Callable[[Path], None]) -> int:
    """Run every check; write the JSON line to ``report_to`` ("-": standard output).

    The composition root hands in its ``DeskApplication`` and its logging set-up: the GUI
    layer runs the desk they make, it does not import the layer above it."""
    root = Path(tempfile.mkdtemp(prefix="one-stop-desk-self-test-"))
    hang_log = None
    try:
        setup_logging(root / "desk" / "logs")
        hang_log = _hang_output(root)
        faulthandler.dump_traceback_later(HARD_DEADLINE_S, exit=True, file=hang_log)
        app = QApplication.instance()
        if app is None:
            app = QApplication(sys.argv[:1])
            app.setApplicationName("One-stop desk")
            app.setApplicationVersion(__version__)
            app.setQuitOnLastWindowClosed(False)
        assert isinstance(app, QApplication)
        test = SelfTest(app, root, language, make_desk)
        QTimer.singleShot(0, test.start)
        QTimer.singleShot(DEADLINE_S * 1000, test.deadline)
        app.exec()
        try:
            test.shutdown()
        except Exception as exc:  # noqa: BLE001 - a shutdown that breaks fails the run
            test.fail(exc)
        result = test.result()
        out = _output(report_to)
        if out is not None:
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            out.flush()
            if out is not sys.stdout:
                out.close()
        if test.failure and sys.stderr is not None:
            print(f"Self-test FAILED at {test.failed_at}: {test.failure}", file=sys.stderr)
            print(_log_tail(root / "desk" / "logs" / "desk.log"), file=sys.stderr)
        return test.exit_code or 0
    finally:
        faulthandler.cancel_dump_traceback_later()
        for handler in list(logging.getLogger().handlers):
            if str(getattr(handler, "baseFilename", "")).startswith(str(root)):
                logging.getLogger().removeHandler(handler)
                handler.close()
        if hang_log is not None and hang_log is not sys.stderr:
            hang_log.close()
        shutil.rmtree(root, ignore_errors=True)


def _hang_output(root: Path) -> TextIO:
    """Where faulthandler writes the stacks of a hung run: standard error when it is a real
    file (a windowed Windows build has none), else a file in the temporary folder."""
    try:
        if sys.stderr is not None:
            sys.stderr.fileno()
            return sys.stderr
    except (AttributeError, OSError, ValueError):
        pass
    return open(root / "hang.txt", "w", encoding="utf-8")  # noqa: SIM115 - closed by run_self_test


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
