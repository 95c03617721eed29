"""The desk's main window: today's queue, the sync state, and the intake actions.

Reads (the queue, the catalogue) and writes run as background ops; sending is the
``SyncWorker``'s, whose reports refresh the queue, the sync indicator and the sending
queue window as they come. A result is handed over (status 10) from the queue at once,
offline too: the store records the move and queues it for the central system.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QHeaderView, QLabel, QMainWindow, QMessageBox, QWidget

from desk_app import __version__
from desk_app.core.dossier import Dossier, DossierStatus
from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.documents import LedgerData
from desk_app.documents.page_formats import PaperFormat
from desk_app.documents.receipt import receipt_template
from desk_app.store.records import DossierSummary
from desk_app.sync.checks import CheckCourier, CheckRunner
from desk_app.sync.client import CentralClient
from desk_app.sync.engine import SyncEngine, SyncReport

from .errors import error_text, show_error
from .forms.ui_main_window import Ui_MainWindow
from .icons import icon
from .camera.choice import CameraChoice
from .checks_panel import ChecksPanel
from .checks_worker import ChecksWorker
from .diagnostics_action import install_diagnostics
from .drafts_dialog import DraftsDialog
from .intake import IntakeWizard
from .fee_receipt_print import FeeReceiptJob, fee_receipt_job
from .desk_setup import install_settings_dialog
from .labels import format_date, format_money
from .ledger_dialog import LedgerDialog
from .ops import Op
from .outbox_panel import OutboxPanel
from .intake.dossier_forms import FormKind, form_kind, render_form
from .print_preview import PrintLog, PrintPreviewDialog, ReprintReasonDialog, procedure_of
from .queue_model import SORT_ROLE, QueueTableModel
from .receipt_check_dialog import ReceiptCheckDialog
from .refund_dialog import RefundDialog, refundable
from .scanner_input import ScannerInput
from .session import DeskServices, DeskSession, audit_session
from .session_lock import SessionLock
from .supervisor.supervisor_window import SupervisorWindow, may_supervise
from .sync_indicator import SyncIndicator
from .sync_worker import SyncWorker
from .text_size import apply_text_size
from .update_offer import install_update_offer

log = logging.getLogger(__name__)


class CatalogueMissing(DeskError):
    """The desk has not downloaded a procedure catalogue yet."""


def _load_intake_data(store, draft_id=None):  # noqa: ANN001, ANN202 - runs on the op's thread
    catalogue, _etag = store.load_catalogue()
    if catalogue is None:
        raise CatalogueMissing(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The list of procedures has not been downloaded to this desk yet. Connect to the network "
                "and press Send now (F5), then try again.",
            )
        )
    stored = store.load_draft(draft_id) if draft_id is not None else None
    return catalogue, store.load_calendar_overrides(), store.procedure_usage(), stored


class MainWindow(QMainWindow):
    logged_out = Signal()
    closed = Signal(bool)                # True when closed by logging out
    wizard_opened = Signal(object)       # IntakeWizard
    preview_opened = Signal(object)      # PrintPreviewDialog
    queue_refreshed = Signal()
    text_size_changed = Signal(bool)     # large-text mode switched: the app keeps it in the settings
    sync_reported = Signal(object)       # SyncReport, re-emitted on the UI thread
    outbox_opened = Signal(object)       # OutboxPanel
    drafts_opened = Signal(object)       # DraftsDialog
    checks_opened = Signal(object)       # ChecksPanel
    camera_chosen = Signal(object, object)  # (CameraUse, camera id): the app keeps it in the settings
    hand_over_asked = Signal(object)     # the confirmation QMessageBox
    handed_over = Signal(str)            # client_id, once the store recorded status 10
    receipt_check_opened = Signal(object)  # ReceiptCheckDialog
    reprint_asked = Signal(object)       # ReprintReasonDialog
    supervisor_opened = Signal(object)   # SupervisorWindow
    printing_chosen = Signal(str, object)  # (setting name, value): printer_name or paper_format, for the app to keep

    def __init__(self, services: DeskServices, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert services.store is not None
        self.services = services
        self.session = session
        self.store = services.store
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        user = session.user
        title = self.tr("One-stop desk: {site}").format(site=user.site_name)
        self.setWindowTitle(f"{title} [DEMO]" if services.demo else title)
        self.ui.demoBadge.setVisible(services.demo)
        self.ui.officerLabel.setText(
            self.tr("{name} ({username}) · desk {desk}").format(name=user.full_name, username=user.username, desk=services.desk_id)
        )
        self.ui.actionNewDossier.setShortcut(QKeySequence("Ctrl+N"))
        self.ui.actionSendNow.setShortcut(QKeySequence("F5"))
        self.ui.actionHandOver.setShortcut(QKeySequence("Ctrl+T"))
        self.ui.actionOutbox.setShortcut(QKeySequence("F6"))
        self.ui.actionNewDossier.setIcon(icon("new-dossier"))
        self.ui.actionSendNow.setIcon(icon("send-now"))
        # Empty until resources/icons holds these drawings: the text alone shows meanwhile.
        self.ui.actionHandOver.setIcon(icon("hand-over"))
        self.ui.actionOutbox.setIcon(icon("outbox"))
        self.ui.actionLogOut.setIcon(icon("log-out"))

        self.queue_model = QueueTableModel(services.clock, self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.queue_model)
        self._proxy.setSortRole(SORT_ROLE)
        view = self.ui.queueView
        view.setModel(self._proxy)
        view.sortByColumn(QueueTableModel.COLUMN_RECEIVED, Qt.SortOrder.DescendingOrder)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 250), (1, 220), (2, 360), (3, 130), (4, 130), (5, 130)):
            view.setColumnWidth(column, width)
        for signal in (self.queue_model.rowsInserted, self.queue_model.rowsRemoved, self.queue_model.modelReset):
            signal.connect(self._update_empty_hint)
            signal.connect(self._update_hand_over)
        self.queue_model.dataChanged.connect(self._update_hand_over)  # a row's status came from the centre
        view.selectionModel().selectionChanged.connect(self._update_hand_over)
        view.activated.connect(self._queue_row_activated)

        # The indicator is a permanent widget: no status message may ever cover it.
        self.sync_indicator = SyncIndicator(self, services.clock)
        self.online_label = self.sync_indicator.state_label
        self.pending_label = self.sync_indicator.counts_label
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("syncActivityLabel")
        self.server_label = QLabel(services.server_url or "", self)
        self.server_label.setObjectName("serverStatusLabel")
        bar = self.ui.statusBar
        bar.addWidget(self.sync_label, 1)
        bar.addPermanentWidget(self.sync_indicator)
        bar.addPermanentWidget(self.server_label)

        self.intake_wizard: IntakeWizard | None = None
        self.preview_dialog: PrintPreviewDialog | None = None
        self.outbox_panel: OutboxPanel | None = None
        self.hand_over_box: QMessageBox | None = None
        self._opening_intake: Op | None = None
        self._scan_for_intake: str | None = None  # a card scanned while the wizard was opening
        self.last_report: SyncReport | None = None
        self._refreshing = False
        self._refresh_again = False
        self._logging_out = False
        self._handing_over = False
        self._sync_busy = False
        self._sync_text = ""  # what the last sync pass put in the status line
        # Handed over, but the queue still shows the old status until its next read.
        self._handed_over_ids: set[str] = set()

        self.ui.actionNewDossier.triggered.connect(self.open_intake)
        self.ui.actionSendNow.triggered.connect(self.send_now)
        self.ui.actionOutbox.triggered.connect(self.open_outbox)
        self.ui.actionHandOver.triggered.connect(self.hand_over)
        # Refunds are rare: the menu and a shortcut, not the toolbar.
        self.action_refund = QAction(self.tr("&Refund a fee…"), self)
        self.action_refund.setObjectName("actionRefund")
        self.action_refund.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.action_refund.triggered.connect(self.refund)
        self.ui.dossierMenu.insertAction(self.ui.actionSendNow, self.action_refund)
        self.addAction(self.action_refund)
        self.refund_dialog: RefundDialog | None = None
        self.action_drafts = QAction(self.tr("&Unfinished dossiers…"), self)
        self.action_drafts.setObjectName("actionDrafts")
        self.action_drafts.setShortcut(QKeySequence("F7"))
        self.action_drafts.triggered.connect(lambda: self.open_drafts())
        self.ui.dossierMenu.insertAction(self.ui.actionSendNow, self.action_drafts)
        self.addAction(self.action_drafts)
        self.drafts_dialog: DraftsDialog | None = None
        settings = services.settings
        self.cameras = CameraChoice(settings.card_camera_id, settings.page_camera_id,
                                    remember=lambda use, camera_id: self.camera_chosen.emit(use, camera_id),
                                    portrait_camera_id=settings.portrait_camera_id)
        self.action_large_text = QAction(self.tr("&Large text"), self)
        self.action_large_text.setObjectName("actionLargeText")
        self.action_large_text.setCheckable(True)
        self.action_large_text.setChecked(services.settings.large_text)
        self.action_large_text.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.action_large_text.toggled.connect(self.set_large_text)
        view_menu = self.ui.menuBar.addMenu(self.tr("&View"))
        view_menu.setObjectName("viewMenu")
        view_menu.addAction(self.action_large_text)
        self.addAction(self.action_large_text)
        # Only a supervisor has the workspace: for anyone else the action does not exist at all.
        self.supervisor_window: SupervisorWindow | None = None
        self.action_supervisor: QAction | None = None
        if may_supervise(user.role):
            self.action_supervisor = QAction(icon("supervisor"), self.tr("Supervisor &workspace…"), self)
            self.action_supervisor.setObjectName("actionSupervisor")
            self.action_supervisor.setShortcut(QKeySequence("Ctrl+Shift+W"))
            self.action_supervisor.triggered.connect(lambda: self.open_supervisor())
            view_menu.addAction(self.action_supervisor)
            self.ui.mainToolBar.addAction(self.action_supervisor)
            self.addAction(self.action_supervisor)
        # Setting the desk up again is for a supervisor or an administrator (Tools ▸ Settings);
        # Help holds what the site's IT asks of an officer: the version, the diagnostics.
        self.tools_menu = self.ui.menuBar.addMenu(self.tr("T&ools"))
        self.tools_menu.setObjectName("toolsMenu")
        self.tools_menu.menuAction().setVisible(False)  # shown once an action is added
        self.help_menu = self.ui.menuBar.addMenu(self.tr("&Help"))
        self.help_menu.setObjectName("helpMenu")
        self.action_about = QAction(self.tr("&About the desk"), self)
        self.action_about.setObjectName("actionAbout")
        self.action_about.triggered.connect(self.show_about)
        self.help_menu.addAction(self.action_about)
        install_settings_dialog(self)
        install_diagnostics(self)
        install_update_offer(self)
        self.ui.actionLogOut.triggered.connect(lambda: self.log_out())
        # The session lock: Ctrl+L from any window of the desk, and after the idle time.
        self.session_lock = SessionLock(self, services, session)
        self.session_lock.locking.connect(self._keep_open_intake)
        self.session_lock.sign_out_requested.connect(self.log_out)
        self.ui.dossierMenu.insertAction(self.ui.actionLogOut, self.session_lock.action)
        self.addAction(self.session_lock.action)
        self.sync_indicator.clicked.connect(self.open_outbox)
        # The card's QR code is read wherever the keyboard focus is, for as long as this
        # window is open (removed in closeEvent, so the login window is left alone).
        self.scanner_input = ScannerInput(self, max_gap_ms=services.settings.scanner_max_gap_ms)
        self.scanner_input.cccd_scanned.connect(self._card_scanned)
        self.scanner_input.install()

        self.sync_worker = SyncWorker(
            SyncEngine(self.store, session.client, desk_id=services.desk_id, agency_code=user.site_code,
                       officer=user.username),
            interval_ms=services.settings.sync_interval_seconds * 1000,
        )
        self.checks_worker = ChecksWorker(CheckRunner(self.store, CheckCourier(session.client), services.clock))
        self.checks_worker.checks_changed.connect(self._checks_changed)
        self.checks_panel: ChecksPanel | None = None
        self.action_checks = QAction(self.tr("&Checks with other agencies…"), self)
        self.action_checks.setObjectName("actionChecks")
        self.action_checks.setShortcut(QKeySequence("F9"))
        self.action_checks.triggered.connect(lambda: self.open_checks())
        self.ui.dossierMenu.insertAction(self.ui.actionSendNow, self.action_checks)
        self.addAction(self.action_checks)
        self.action_check_receipt = QAction(self.tr("Chec&k a receipt…"), self)
        self.action_check_receipt.setObjectName("actionCheckReceipt")
        self.action_check_receipt.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.action_check_receipt.triggered.connect(lambda: self.open_receipt_check())
        self.ui.dossierMenu.insertAction(self.ui.actionSendNow, self.action_check_receipt)
        self.addAction(self.action_check_receipt)
        self.receipt_check_dialog: ReceiptCheckDialog | None = None
        # Printing a dossier's form again, with a reason: the menu and a shortcut, on the selected row.
        self.action_reprint = QAction(self.tr("Re&print the form…"), self)
        self.action_reprint.setObjectName("actionReprint")
        self.action_reprint.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.action_reprint.setToolTip(self.tr("Print the form of the selected dossier again, with the reason (Ctrl+Shift+P)"))
        self.action_reprint.triggered.connect(lambda: self.reprint())
        self.ui.dossierMenu.insertAction(self.ui.actionSendNow, self.action_reprint)
        self.addAction(self.action_reprint)
        self.reprint_dialog: ReprintReasonDialog | None = None
        self.action_fee_receipt = QAction(self.tr("Print the &fee receipt…"), self)
        self.action_fee_receipt.setObjectName("actionFeeReceipt")
        self.action_fee_receipt.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.action_fee_receipt.triggered.connect(lambda: self.print_fee_receipt())
        self.ui.dossierMenu.insertAction(self.ui.actionSendNow, self.action_fee_receipt)
        self.addAction(self.action_fee_receipt)
        self.action_ledger = QAction(self.tr("Dossier le&dger…"), self)
        self.action_ledger.setObjectName("actionLedger")
        self.action_ledger.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.action_ledger.triggered.connect(lambda: self.open_ledger())
        self.ui.dossierMenu.insertAction(self.ui.actionSendNow, self.action_ledger)
        self.addAction(self.action_ledger)
        self.ledger_dialog: LedgerDialog | None = None
        for signal in (self.queue_model.rowsRemoved, self.queue_model.modelReset,
                       view.selectionModel().selectionChanged):
            signal.connect(self._update_reprint)
        self._update_reprint()
        self.sync_worker.report.connect(self._on_report)
        self.sync_worker.progress.connect(self.sync_indicator.show_progress)
        self.sync_worker.busy_changed.connect(self._on_busy)
        self.sync_worker.session_ended.connect(self._on_session_ended)
        self._update_empty_hint()
        self.refresh_queue()
        Op(self.store.outbox_counts, parent=self).success(self._show_counts).run()

    def add_tool(self, action: QAction) -> None:
        """An action of the Tools menu, which shows once it holds one."""
        self.tools_menu.addAction(action)
        self.tools_menu.menuAction().setVisible(True)
        self.addAction(action)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About the desk"), self.tr(
            "<b>One-stop desk</b> {version}<br>Desk {desk} · {server}<br>Qt {qt}").format(
            version=__version__, desk=self.services.desk_id,
            server=self.tr("demo mode") if self.services.demo else (self.services.server_url or ""),
            qt=pyside_version))

    def start(self) -> None:
        """Show the window and begin syncing (a first pass at once); offer back any intake
        the desk was closed on before it was saved."""
        self.show()
        self.session_lock.install()
        self.sync_worker.start()
        self.checks_worker.start()
        store, username = self.store, self.session.username
        Op(lambda: [d for d in store.drafts(username) if not d.parked], parent=self).success(
            self._offer_interrupted).failure(lambda error: log.warning("drafts not read: %s", error)).run()

    def _offer_interrupted(self, interrupted: list) -> None:  # noqa: ANN001 - list[DraftSummary]
        if interrupted:
            self.open_drafts(self.tr(
                "The desk was closed before these dossiers were saved. Everything typed was kept: "
                "resume them (Enter) or discard them (Del)."))

    # ------------------------------------------------------------------ checks with other agencies

    def open_checks(self) -> ChecksPanel:
        """F9: the checks that did not pass (failed, or a finding to look at), with Retry now."""
        panel = self.checks_panel
        if panel is None:
            panel = self.checks_panel = ChecksPanel(self.store, self.services.clock, self, actor=self.session.username)
            panel.retried.connect(self.checks_worker.request_run)
        panel.show()
        panel.raise_()
        panel.reload()
        self.checks_opened.emit(panel)
        return panel

    def _checks_changed(self) -> None:
        if self.checks_panel is not None:
            self.checks_panel.show_changes()
        if self.intake_wizard is not None and self.intake_wizard.isVisible():
            self.intake_wizard.checks_view.refresh()

    # ------------------------------------------------------------------ checking a receipt

    def open_receipt_check(self) -> Op | None:
        """Ctrl+Shift+K: is a citizen's receipt genuine? The dialog stays open for the next one."""
        dialog = self.receipt_check_dialog
        if dialog is not None:
            self._show_receipt_check(dialog)
            return None
        # The template names the QR's code parameter; it is read from disk, so not here.
        return (Op(lambda: str(receipt_template().raw("lookup_query_param")), parent=self)
                .success(self._make_receipt_check).run())

    def _make_receipt_check(self, code_param: str) -> None:
        if self.receipt_check_dialog is None:
            self.receipt_check_dialog = ReceiptCheckDialog(
                keys=self.services.receipt_keys, central=self.session.client, code_param=code_param,
                clock=self.services.clock, parent=self)
        self._show_receipt_check(self.receipt_check_dialog)

    def _show_receipt_check(self, dialog: ReceiptCheckDialog) -> None:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.text_edit.setFocus()
        self.receipt_check_opened.emit(dialog)

    # ------------------------------------------------------------------ unfinished dossiers

    def open_drafts(self, intro: str = "") -> DraftsDialog:
        """F7: the officer's parked and interrupted intakes."""
        dialog = self.drafts_dialog
        if dialog is None:
            dialog = self.drafts_dialog = DraftsDialog(self.store, self.session.username, self)
            dialog.resume_requested.connect(self.resume_draft)
        dialog.intro = intro
        dialog.refresh()
        dialog.open()
        self.drafts_opened.emit(dialog)
        return dialog

    def resume_draft(self, draft_id: str) -> Op | None:
        wizard = self.intake_wizard
        if wizard is not None and wizard.isVisible():
            # One intake at a time: the one open is parked first, so nothing is lost.
            wizard.finished.connect(lambda _result: self._open_intake(None, draft_id))
            wizard.reject()
            return None
        return self._open_intake(None, draft_id)

    def _parked(self, _draft_id: str, name: str) -> None:
        text = self.tr("The dossier of {name} is parked. Resume it from Unfinished dossiers (F7).").format(
            name=name or self.tr("the citizen"))
        self.sync_label.setText(text)
        self.sync_label.setToolTip(text)

    # ------------------------------------------------------------------ session

    def _on_session_ended(self, error: Exception) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Sign in again"), error_text(error), QMessageBox.StandardButton.Ok, self)
        box.setObjectName("sessionEndedBox")
        box.finished.connect(lambda _result: self.log_out("session_ended"))
        box.open()

    def _keep_open_intake(self) -> None:
        # The desk is locking: what the intake holds goes to disk now, not at its next autosave.
        if self.intake_wizard is not None and self.intake_wizard.isVisible():
            self.intake_wizard.keep_draft()

    def log_out(self, reason: str = "officer") -> None:
        """``reason`` for the audit: "officer", "session_ended" or "unlock_refused" (the lock's)."""
        if self._logging_out:
            return
        self._logging_out = True
        store, actor = self.store, self.session.username
        Op(lambda: audit_session(store, actor, "session.signed_out", {"reason": reason})).run()
        self.sync_worker.stop(timeout_ms=0)
        self.checks_worker.stop(timeout_ms=0)
        vault, username, desk_id = self.services.vault, self.session.username, self.services.desk_id
        token, base_url = self.session.refresh_token, self.session.client.base_url
        pinned = self.session.client.pinned_authority

        def forget() -> None:
            vault.clear(username)
            if token:
                # A client of its own: the sync thread may still be finishing with the session's.
                with CentralClient(base_url, desk_id=desk_id, timeout=5, pinned_authority=pinned) as courier:
                    courier.revoke(token)

        # Signing out on the server is a courtesy: offline, the token simply expires.
        Op(forget, parent=self).failure(lambda exc: log.info("revoke failed: %s", type(exc).__name__)).run()
        self.close()
        self.logged_out.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.intake_wizard is not None and self.intake_wizard.saving:
            event.ignore()  # the save under way decides whether the dossier exists
            return
        # No waiting here: a request in flight may take the network timeout to return.
        # The owner of this window stops the worker for good before the process exits.
        self.sync_worker.stop(timeout_ms=0)
        self.checks_worker.stop(timeout_ms=0)
        self.scanner_input.uninstall()
        self.session_lock.uninstall()
        if self.outbox_panel is not None:
            self.outbox_panel.close()  # a window of its own: it would outlive the session otherwise
        if self.checks_panel is not None:
            self.checks_panel.close()
        if self.receipt_check_dialog is not None:
            self.receipt_check_dialog.close()
        if self.supervisor_window is not None:
            self.supervisor_window.close()
        super().closeEvent(event)
        self.closed.emit(self._logging_out)

    # ------------------------------------------------------------------ queue and status

    def refresh_queue(self) -> None:
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        store, today = self.store, self.services.clock().date()
        username = self.session.username
        # Today's intake, plus results from any day that wait to be handed over (status 9), and
        # the officer's dossiers a supervisor sent back with a note.
        Op(lambda: store.list_dossiers(today, also_statuses=(DossierStatus.RESULT_READY,), returned_to=username),
           parent=self).success(self._queue_loaded).failure(self._queue_failed).run()

    def _queue_loaded(self, summaries) -> None:  # noqa: ANN001 - list[DossierSummary]
        self._refreshing = False
        still_ready = {s.client_id for s in summaries if s.status == DossierStatus.RESULT_READY}
        self._handed_over_ids &= still_ready
        self.queue_model.set_summaries(summaries)
        self.queue_refreshed.emit()
        if self._refresh_again:
            self._refresh_again = False
            self.refresh_queue()

    def _queue_failed(self, error: Exception) -> None:
        self._refreshing = False
        self.sync_label.setText(error_text(error))

    def _update_empty_hint(self) -> None:
        self.ui.emptyHintLabel.setVisible(self.queue_model.rowCount() == 0)

    def _show_counts(self, counts: dict[str, int]) -> None:
        if self.sync_worker.passes == 0:
            waiting = counts.get("waiting", 0) + counts.get("sending", 0) + counts.get("retrying", 0)
            self.sync_indicator.set_counts(waiting, counts.get("held", 0))

    def _on_report(self, report: SyncReport) -> None:
        self.last_report = report
        self.sync_indicator.show_report(report)
        if report.error is not None:
            self._sync_text = error_text(report.error)
            self.sync_label.setText(self._sync_text)
            self.sync_label.setToolTip(self._sync_text)
        elif report.sent:
            self._sync_text = self.tr("Sent {count} item(s) to the central system.").format(count=report.sent)
            self.sync_label.setText(self._sync_text)
        elif self.sync_label.text() == self._sync_text:
            # A pass with nothing to say clears the last pass's news, never what the officer
            # was just told ("Dossier … saved", "Result … handed over").
            self.sync_label.setText("")
        self.refresh_queue()
        if self.outbox_panel is not None:
            self.outbox_panel.show_report(report)
        if self.supervisor_window is not None and self.supervisor_window.isVisible():
            self.supervisor_window.sync_passed()
        self.sync_reported.emit(report)

    def _on_busy(self, busy: bool) -> None:
        # "Send now" stays enabled during a pass: pressed then, it asks for one more pass.
        self._sync_busy = busy
        self.sync_indicator.set_busy(busy)
        if self.outbox_panel is not None:
            self.outbox_panel.set_busy(busy)

    def send_now(self) -> None:
        """F5: a pass now, reaching the network even when the desk had paused after an outage."""
        self.sync_label.setText(self.tr("Sending…"))
        self.sync_worker.request_sync(force=True)
        if self.outbox_panel is not None and self.outbox_panel.isVisible():
            self.outbox_panel.reload()

    # ------------------------------------------------------------------ the sending queue

    def open_outbox(self) -> OutboxPanel:
        panel = self.outbox_panel
        if panel is None:
            panel = OutboxPanel(self.store, self.session.user, self.services.clock, self)
            # F5 and F6 work from the panel's own window too.
            panel.addAction(self.ui.actionSendNow)
            panel.addAction(self.ui.actionOutbox)
            panel.send_requested.connect(self.send_now)
            panel.released.connect(self._outbox_released)
            if self.last_report is not None:
                panel.show_report(self.last_report)  # it shows "when the network is back" right
            panel.set_busy(self._sync_busy)
            self.outbox_panel = panel
        if panel.isVisible():
            panel.reload()
        else:
            panel.show()
        panel.raise_()
        panel.activateWindow()
        self.outbox_opened.emit(panel)
        return panel

    def _outbox_released(self, _entry_id: int) -> None:
        self.refresh_queue()
        self.sync_worker.request_sync(force=True)

    def set_large_text(self, large: bool) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_text_size(app, large)
        self.text_size_changed.emit(large)

    # ------------------------------------------------------------------ refunding a fee

    def refund(self) -> Op | None:
        """Refund (part of) a payment of the selected dossier, with a reason."""
        summary = self.selected_summary()
        if summary is None:
            self.sync_label.setText(self.tr("Select the dossier whose fee is refunded first."))
            return None
        store = self.store
        return (Op(lambda: refundable(store.fee_records(summary.client_id)), parent=self)
                .success(lambda payments: self._open_refund(summary, payments))
                .failure(lambda error: show_error(self, error)).run())

    def _open_refund(self, summary: DossierSummary, payments: list) -> None:  # noqa: ANN001
        if not payments:
            self.sync_label.setText(
                self.tr("Dossier {code} has no payment recorded at this desk that could be refunded.").format(code=summary.code))
            return
        dialog = RefundDialog(self.store, summary, payments, officer_username=self.session.username,
                              clock=self.services.clock, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(lambda refund: self._refunded(summary, refund))
        self.refund_dialog = dialog
        dialog.open()

    def _refunded(self, summary: DossierSummary, refund) -> None:  # noqa: ANN001 - FeeRecord
        self.refund_dialog = None
        self.sync_label.setText(self.tr("Refund of {amount} for dossier {code} recorded.").format(
            amount=format_money(refund.amount), code=summary.code))
        self.sync_worker.request_sync()

    # ------------------------------------------------------------------ handing over a result

    def selected_summary(self) -> DossierSummary | None:
        selection = self.ui.queueView.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        if not rows:
            return None
        return self.queue_model.summary(self._proxy.mapToSource(rows[0]).row())

    def _update_hand_over(self, *_args: object) -> None:
        summary = self.selected_summary()
        ready = (summary is not None and summary.status == DossierStatus.RESULT_READY
                 and summary.client_id not in self._handed_over_ids)
        self.ui.actionHandOver.setEnabled(ready and not self._handing_over)

    def _queue_row_activated(self, index: QModelIndex) -> None:
        # Enter or a double click on a result waiting to be handed over starts the hand-over.
        summary = self.queue_model.summary(self._proxy.mapToSource(index).row())
        if summary.status == DossierStatus.RESULT_READY:
            self.hand_over()

    def hand_over(self) -> QMessageBox | None:
        """Ask the officer to confirm who receives the result, then record status 10."""
        if not self.ui.actionHandOver.isEnabled():
            return None
        summary = self.selected_summary()
        if summary is None:
            return None
        box = QMessageBox(self)
        box.setObjectName("handOverBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Hand over the result"))
        box.setText(
            self.tr("Hand over the result of dossier {code} to {citizen}?").format(
                code=summary.code, citizen=summary.applicant_name
            )
        )
        box.setInformativeText(
            self.tr("Check the citizen's ID card and the receipt first. The hand-over is recorded at once "
                    "and sent to the central system.")
        )
        confirm = box.addButton(self.tr("&Hand over"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(confirm)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._hand_over_answered(button, confirm, summary))
        self.hand_over_box = box
        box.open()
        self.hand_over_asked.emit(box)
        return box

    def _hand_over_answered(self, button: QAbstractButton, confirm: QAbstractButton, summary: DossierSummary) -> None:
        self.hand_over_box = None
        if button is not confirm:
            return
        self._handing_over = True
        self._update_hand_over()
        store, client_id, actor = self.store, summary.client_id, self.session.username
        (
            Op(lambda: store.record_status_event(client_id, DossierStatus.HANDED_OVER, actor=actor), parent=self)
            .success(lambda _event: self._handed_over(summary))
            .failure(self._hand_over_failed)
            .with_progress(self.tr("Recording the hand-over…"))
            .run()
        )

    def _handed_over(self, summary: DossierSummary) -> None:
        self._handing_over = False
        self._handed_over_ids.add(summary.client_id)
        self._update_hand_over()
        self.sync_label.setText(
            self.tr("Result of dossier {code} handed over to {citizen}.").format(
                code=summary.code, citizen=summary.applicant_name
            )
        )
        self.refresh_queue()
        self.sync_worker.request_sync()
        if self.outbox_panel is not None and self.outbox_panel.isVisible():
            self.outbox_panel.reload()
        self.handed_over.emit(summary.client_id)

    def _hand_over_failed(self, error: Exception) -> None:
        self._handing_over = False
        self._update_hand_over()
        show_error(self, error, self.tr("The result could not be handed over"))
        self.refresh_queue()

    # ------------------------------------------------------------------ intake

    def open_intake(self) -> Op | None:
        """Ctrl+N: a new intake, or the one open brought to the front."""
        return self._open_intake(None)

    def _card_scanned(self, text: str) -> None:
        # A card scanned anywhere: the open intake takes it, or a new intake starts with it.
        self._open_intake(text)

    def _open_intake(self, scan: str | None, draft_id: str | None = None) -> Op | None:
        wizard = self.intake_wizard
        if wizard is not None and wizard.isVisible():
            wizard.raise_()
            wizard.activateWindow()
            if scan is not None:
                wizard.take_scan(scan)
            return None
        if self._opening_intake is not None and not self._opening_intake.done:
            if scan is not None:
                self._scan_for_intake = scan  # the newest card fills the wizard being opened
            return self._opening_intake
        self._scan_for_intake = scan
        store = self.store
        self._opening_intake = (
            Op(lambda: _load_intake_data(store, draft_id), parent=self)
            .success(self._show_wizard)
            .with_progress(self.tr("Opening the procedure list…"))
            .run()
        )
        return self._opening_intake

    def _show_wizard(self, loaded) -> None:  # noqa: ANN001 - (Catalogue, overrides, usage, StoredDraft | None)
        catalogue, overrides, usage, stored = loaded
        wizard = IntakeWizard(
            catalogue=catalogue,
            overrides=overrides,
            procedure_usage=usage,
            store=self.store,
            user=self.session.user,
            desk_id=self.services.desk_id,
            lookup_url=self.services.lookup_url,
            clock=self.services.clock,
            central=self.session.client,
            cameras=self.cameras,
            receipt_key=self.services.receipt_keys.own if self.services.receipt_keys is not None else None,
            paper=self.services.settings.paper_format,
            parent=self,
        )
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.dossier_saved.connect(self._dossier_saved)
        wizard.receipt_ready.connect(self.show_receipt)
        wizard.receipt_failed.connect(self._receipt_failed)
        wizard.parked.connect(self._parked)
        wizard.checks_started.connect(self.checks_worker.request_run)
        if self.intake_wizard is not None:
            self.intake_wizard.deleteLater()  # kept until now so callers could read what it saved
        self.intake_wizard = wizard
        wizard.open()
        if stored is not None:
            wizard.resume(stored)
        scan, self._scan_for_intake = self._scan_for_intake, None
        if scan is not None:
            wizard.take_scan(scan)
        self.wizard_opened.emit(wizard)

    def _dossier_saved(self, dossier: Dossier) -> None:
        # Not showMessage(): it would hide the online and waiting indicators.
        if dossier.code_provisional:
            # The officer must be able to tell the citizen what happens to this code.
            text = self.tr(
                "Dossier {code} saved with a provisional code: this desk had no final code left offline. "
                "The central system gives the final code when the desk is back online; it then shows in this "
                "list, and the receipt tells the citizen how to look it up."
            ).format(code=dossier.code)
        else:
            text = self.tr("Dossier {code} saved.").format(code=dossier.code)
        self.sync_label.setText(text)
        self.sync_label.setToolTip(text)
        self.refresh_queue()
        self.sync_worker.request_sync()

    def show_receipt(self, dossier: Dossier, pdf: bytes, *, reprint_reason: str | None = None,
                     reprinted_at: datetime | None = None) -> PrintPreviewDialog:
        """The preview of a dossier's form, on the desk's paper and printer. Saving and printing
        prints at once (unless the desk wants to look first); a reprint waits for the officer."""
        record = PrintLog(self.store, dossier.client_id, form_kind(dossier.status), self.session.username,
                          reprint_reason=reprint_reason)
        return self._open_preview(
            pdf, dossier, record, self._form_renderer(dossier, reprinted_at),
            print_at_once=reprint_reason is None and not self.services.settings.preview_before_print)

    def _form_renderer(self, dossier: Dossier, reprinted_at: datetime | None):  # noqa: ANN202 - (PaperFormat) -> bytes
        store, user, lookup_url = self.store, self.session.user, self.services.lookup_url
        keys = self.services.receipt_keys
        signer = keys.own if keys is not None else None

        def render(paper: PaperFormat) -> bytes:  # runs on an op's thread
            return render_form(dossier, procedure_of(store, dossier), user, lookup_url, paper=paper,
                               reprinted_at=reprinted_at, signer=signer)

        return render

    def _remember_printing(self, name: str, value: object) -> None:
        if getattr(self.services.settings, name) == value:
            return
        self.services.settings = replace(self.services.settings, **{name: value})
        self.printing_chosen.emit(name, value)

    # ------------------------------------------------------------------ printing a form again

    def _update_reprint(self, *_args: object) -> None:
        selected = self.selected_summary() is not None
        self.action_reprint.setEnabled(selected)
        self.action_fee_receipt.setEnabled(selected)

    def reprint(self) -> ReprintReasonDialog | None:
        """Ctrl+Shift+P: print the selected dossier's form again; the officer gives the reason."""
        summary = self.selected_summary()
        if summary is None:
            self.sync_label.setText(self.tr("Select the dossier whose form is printed again first."))
            return None
        dialog = ReprintReasonDialog(summary.code, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.reason_given.connect(lambda reason: self._prepare_reprint(summary, reason))
        self.reprint_dialog = dialog
        dialog.open()
        self.reprint_asked.emit(dialog)
        return dialog

    def _prepare_reprint(self, summary: DossierSummary, reason: str) -> Op:
        self.reprint_dialog = None
        store, user, lookup_url = self.store, self.session.user, self.services.lookup_url
        keys = self.services.receipt_keys
        signer = keys.own if keys is not None else None
        paper, at = PaperFormat(self.services.settings.paper_format), self.services.clock()

        def work() -> tuple[Dossier, bytes]:
            dossier = store.get_dossier(summary.client_id)
            return dossier, render_form(dossier, procedure_of(store, dossier), user, lookup_url, paper=paper,
                                        reprinted_at=at, signer=signer)

        return (
            Op(work, parent=self)
            .success(lambda done: self.show_receipt(done[0], done[1], reprint_reason=reason, reprinted_at=at))
            .failure(lambda error: show_error(self, error, self.tr("The form of dossier {code} could not be prepared again").format(
                code=summary.code)))
            .with_progress(self.tr("Preparing the form of dossier {code} again…").format(code=summary.code))
            .run()
        )

    # ------------------------------------------------------------------ the fee receipt and the ledger

    def print_fee_receipt(self) -> Op | None:
        """Ctrl+Shift+B: the fee receipt of the selected dossier's payment; again only with a reason."""
        summary = self.selected_summary()
        if summary is None:
            self.sync_label.setText(self.tr("Select the dossier whose fee receipt is printed first."))
            return None
        store, user = self.store, self.session.user
        return (
            Op(lambda: fee_receipt_job(store, summary.client_id, user), parent=self)
            .success(self._fee_receipt_ready)
            .failure(lambda error: show_error(self, error, self.tr("The fee receipt of dossier {code} cannot be printed")
                                              .format(code=summary.code)))
            .run()
        )

    def _fee_receipt_ready(self, job: FeeReceiptJob) -> None:
        if not job.printed_before:
            self._preview_fee_receipt(job, None)
            return
        dialog = ReprintReasonDialog(job.dossier.code or "", self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.reason_given.connect(lambda reason: self._preview_fee_receipt(job, reason))
        self.reprint_dialog = dialog
        dialog.open()
        self.reprint_asked.emit(dialog)

    def _preview_fee_receipt(self, job: FeeReceiptJob, reason: str | None) -> Op:
        self.reprint_dialog = None
        at = self.services.clock() if reason is not None else None
        paper = PaperFormat(self.services.settings.paper_format)
        record = PrintLog(self.store, job.dossier.client_id, FormKind.FEE_RECEIPT, self.session.username,
                          reprint_reason=reason)
        return (
            Op(lambda: job.render(paper, at), parent=self)
            .success(lambda pdf: self._open_preview(pdf, job.dossier, record, lambda chosen: job.render(chosen, at),
                                                    kind=FormKind.FEE_RECEIPT))
            .failure(lambda error: show_error(self, error, self.tr("The fee receipt could not be prepared")))
            .run()
        )

    def open_ledger(self) -> LedgerDialog:
        """Ctrl+Shift+D: the dossier ledger of a day or a period, for printing."""
        if self.ledger_dialog is not None:
            self.ledger_dialog.raise_()
            return self.ledger_dialog
        store = self.store

        def procedures() -> list:  # read on the ledger's thread
            catalogue, _etag = store.load_catalogue()
            return list(catalogue.procedures) if catalogue is not None else []

        dialog = LedgerDialog(store, procedures, self.session.user.site_name, self.services.clock().date(),
                              self.services.settings.paper_format, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.ready.connect(lambda ledger, pdf, render: self._open_preview(
            pdf, None, None, render, kind=FormKind.LEDGER, heading=self._ledger_heading(ledger),
            file_stem=f"so-theo-doi-ho-so-{ledger.period_start.isoformat()}"
                      + ("" if ledger.period_end == ledger.period_start else f"-{ledger.period_end.isoformat()}")))
        dialog.finished.connect(lambda _result: setattr(self, "ledger_dialog", None))
        self.ledger_dialog = dialog
        dialog.open()
        return dialog

    def open_supervisor(self) -> SupervisorWindow:
        """Ctrl+Shift+W: the supervisor's workspace, a window of its own beside the queue."""
        window = self.supervisor_window
        if window is None:
            window = self.supervisor_window = SupervisorWindow(self.services, self.session, self)
            window.send_requested.connect(lambda: self.sync_worker.request_sync(force=True))
            window.ledger_requested.connect(self._open_ledger_for)
        window.show()
        window.raise_()
        window.activateWindow()
        self.supervisor_opened.emit(window)
        return window

    def _open_ledger_for(self, first: date, last: date) -> None:
        self.open_ledger().set_period(first, last)

    def _ledger_heading(self, ledger: LedgerData) -> str:
        first, last = format_date(ledger.period_start), format_date(ledger.period_end)
        period = first if first == last else self.tr("{first} to {last}").format(first=first, last=last)
        return self.tr("Dossier ledger for {period}: {count} dossier(s).").format(period=period, count=len(ledger.rows))

    def _open_preview(self, pdf: bytes, dossier: Dossier | None, record: PrintLog | None,
                      render: Callable[[PaperFormat], bytes], **shown: object) -> PrintPreviewDialog:
        """The preview of any document, on the desk's paper and printer; the printer and paper
        chosen in it become the desk's. It replaces the one shown before, which goes once its
        print job (if any) has reported."""
        settings = self.services.settings
        dialog = PrintPreviewDialog(pdf, self.services.printer, dossier, self, paper=settings.paper_format,
                                    printer_name=settings.printer_name, render=render, record=record, **shown)
        dialog.printer_chosen.connect(lambda name: self._remember_printing("printer_name", name))
        dialog.paper_chosen.connect(lambda paper: self._remember_printing("paper_format", PaperFormat(paper).value))
        old = self.preview_dialog
        if old is not None:
            if old.busy:
                old.job_finished.connect(old.deleteLater)  # its print job still reports to it
            else:
                old.deleteLater()
        self.preview_dialog = dialog
        dialog.open()
        self.preview_opened.emit(dialog)
        return dialog

    def _receipt_failed(self, dossier: Dossier, error: Exception) -> None:
        show_error(
            self,
            error,
            self.tr("Dossier {code} is saved, but its form could not be prepared for printing").format(code=dossier.code),
        )
