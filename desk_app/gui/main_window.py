"""The desk's main window: today's queue, the sync state, and the intake actions.

Reads (the queue, the catalogue) and writes run as background ops; sending is the
``SyncWorker``'s, whose reports refresh the queue and the status bar as they come.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QMessageBox, QWidget

from desk_app.core.dossier import Dossier, DossierStatus
from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.sync.client import CentralClient
from desk_app.sync.engine import SyncEngine, SyncProgress, SyncReport

from .errors import error_text, show_error
from .forms.ui_main_window import Ui_MainWindow
from .icons import icon
from .intake import IntakeWizard
from .ops import Op
from .print_preview import PrintPreviewDialog
from .queue_model import SORT_ROLE, QueueTableModel
from .session import DeskServices, DeskSession
from .sync_worker import SyncWorker

log = logging.getLogger(__name__)


class CatalogueMissing(DeskError):
    """The desk has not downloaded a procedure catalogue yet."""


def _load_intake_data(store):  # noqa: ANN001, ANN202 - runs on the op's thread
    catalogue, _etag = store.load_catalogue()
    if catalogue is None:
        raise CatalogueMissing(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The list of procedures has not been downloaded to this desk yet. Connect to the network "
                "and press Send now (F5), then try again.",
            )
        )
    return catalogue, store.load_calendar_overrides()


class MainWindow(QMainWindow):
    logged_out = Signal()
    closed = Signal(bool)                # True when closed by logging out
    wizard_opened = Signal(object)       # IntakeWizard
    preview_opened = Signal(object)      # PrintPreviewDialog
    queue_refreshed = Signal()
    sync_reported = Signal(object)       # SyncReport, re-emitted on the UI thread

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
        self.ui.actionNewDossier.setIcon(icon("new-dossier"))
        self.ui.actionSendNow.setIcon(icon("send-now"))
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
        self.queue_model.rowsInserted.connect(self._update_empty_hint)
        self.queue_model.rowsRemoved.connect(self._update_empty_hint)
        self.queue_model.modelReset.connect(self._update_empty_hint)

        self.online_label = QLabel(self)
        self.online_label.setObjectName("onlineStatusLabel")
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("pendingStatusLabel")
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("syncActivityLabel")
        self.server_label = QLabel(services.server_url or "", self)
        self.server_label.setObjectName("serverStatusLabel")
        bar = self.ui.statusBar
        bar.addWidget(self.online_label)
        bar.addWidget(self.pending_label)
        bar.addWidget(self.sync_label, 1)
        bar.addPermanentWidget(self.server_label)
        self._set_online(None)
        self._set_pending(None)

        self.intake_wizard: IntakeWizard | None = None
        self.preview_dialog: PrintPreviewDialog | None = None
        self._refreshing = False
        self._refresh_again = False
        self._logging_out = False

        self.ui.actionNewDossier.triggered.connect(self.open_intake)
        self.ui.actionSendNow.triggered.connect(self.send_now)
        self.ui.actionLogOut.triggered.connect(self.log_out)

        self.sync_worker = SyncWorker(
            SyncEngine(self.store, session.client, desk_id=services.desk_id, agency_code=user.site_code),
            interval_ms=services.settings.sync_interval_seconds * 1000,
        )
        self.sync_worker.report.connect(self._on_report)
        self.sync_worker.online_changed.connect(self._set_online)
        self.sync_worker.progress.connect(self._on_progress)
        self.sync_worker.busy_changed.connect(self._on_busy)
        self.sync_worker.session_ended.connect(self._on_session_ended)
        self._update_empty_hint()
        self.refresh_queue()
        Op(self.store.outbox_counts, parent=self).success(self._show_counts).run()

    def start(self) -> None:
        """Show the window and begin syncing (a first pass at once)."""
        self.show()
        self.sync_worker.start()

    # ------------------------------------------------------------------ session

    def _on_session_ended(self, error: Exception) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Sign in again"), error_text(error), QMessageBox.StandardButton.Ok, self)
        box.setObjectName("sessionEndedBox")
        box.finished.connect(lambda _result: self.log_out())
        box.open()

    def log_out(self) -> None:
        if self._logging_out:
            return
        self._logging_out = True
        self.sync_worker.stop(timeout_ms=0)
        vault, username, desk_id = self.services.vault, self.session.username, self.services.desk_id
        token, base_url = self.session.refresh_token, self.session.client.base_url

        def forget() -> None:
            vault.clear(username)
            if token:
                # A client of its own: the sync thread may still be finishing with the session's.
                with CentralClient(base_url, desk_id=desk_id, timeout=5) as courier:
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
        super().closeEvent(event)
        self.closed.emit(self._logging_out)

    # ------------------------------------------------------------------ queue and status

    def refresh_queue(self) -> None:
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        store, today = self.store, self.services.clock().date()
        # Today's intake, plus results from any day that wait to be handed over (status 9).
        Op(lambda: store.list_dossiers(today, also_statuses=(DossierStatus.RESULT_READY,)), parent=self).success(self._queue_loaded).failure(self._queue_failed).run()

    def _queue_loaded(self, summaries) -> None:  # noqa: ANN001 - list[DossierSummary]
        self._refreshing = False
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

    def _set_online(self, online: bool | None) -> None:
        if online is None:
            text, color = self.tr("Connecting…"), "#546e7a"
        elif online:
            text, color = self.tr("● Online"), "#1b5e20"
        else:
            text, color = self.tr("● Offline: work is kept and sent later"), "#b71c1c"
        self.online_label.setText(text)
        self.online_label.setStyleSheet(f"color: {color}; font-weight: bold;")
        self.online_label.setProperty("online", online)

    def _set_pending(self, waiting: int | None, held: int = 0) -> None:
        if waiting is None:
            self.pending_label.setText("")
            return
        text = self.tr("Waiting to send: {count}").format(count=waiting)
        if held:
            text += " · " + self.tr("held for review: {count}").format(count=held)
        self.pending_label.setText(text)
        self.pending_label.setProperty("waiting", waiting)

    def _show_counts(self, counts: dict[str, int]) -> None:
        if self.sync_worker.passes == 0:
            waiting = counts.get("waiting", 0) + counts.get("sending", 0) + counts.get("retrying", 0)
            self._set_pending(waiting, counts.get("held", 0))

    def _on_report(self, report: SyncReport) -> None:
        self._set_pending(report.waiting + report.retrying, report.held)
        if report.error is not None:
            self.sync_label.setText(error_text(report.error))
            self.sync_label.setToolTip(error_text(report.error))
        elif report.sent:
            self.sync_label.setText(self.tr("Sent {count} item(s) to the central system.").format(count=report.sent))
        else:
            self.sync_label.setText("")
        self.refresh_queue()
        self.sync_reported.emit(report)

    def _on_progress(self, progress: SyncProgress) -> None:
        if progress.stage == "outbox" and progress.total:
            self.sync_label.setText(self.tr("Sending {done} of {total}…").format(done=min(progress.done + 1, progress.total), total=progress.total))
        elif progress.stage == "catalogue":
            self.sync_label.setText(self.tr("Updating the list of procedures…"))

    def _on_busy(self, busy: bool) -> None:
        self.ui.actionSendNow.setEnabled(not busy)

    def send_now(self) -> None:
        self.sync_label.setText(self.tr("Sending…"))
        self.sync_worker.request_sync()

    # ------------------------------------------------------------------ intake

    def open_intake(self) -> Op | None:
        if self.intake_wizard is not None and self.intake_wizard.isVisible():
            self.intake_wizard.raise_()
            self.intake_wizard.activateWindow()
            return None
        store = self.store
        return (
            Op(lambda: _load_intake_data(store), parent=self)
            .success(self._show_wizard)
            .with_progress(self.tr("Opening the procedure list…"))
            .run()
        )

    def _show_wizard(self, loaded) -> None:  # noqa: ANN001 - (Catalogue, overrides)
        catalogue, overrides = loaded
        wizard = IntakeWizard(
            catalogue=catalogue,
            overrides=overrides,
            store=self.store,
            user=self.session.user,
            desk_id=self.services.desk_id,
            lookup_url=self.services.lookup_url,
            clock=self.services.clock,
            parent=self,
        )
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.dossier_saved.connect(self._dossier_saved)
        wizard.receipt_ready.connect(self.show_receipt)
        wizard.receipt_failed.connect(self._receipt_failed)
        if self.intake_wizard is not None:
            self.intake_wizard.deleteLater()  # kept until now so callers could read what it saved
        self.intake_wizard = wizard
        wizard.open()
        self.wizard_opened.emit(wizard)

    def _dossier_saved(self, dossier: Dossier) -> None:
        # Not showMessage(): it would hide the online and waiting indicators.
        self.sync_label.setText(self.tr("Dossier {code} saved.").format(code=dossier.code))
        self.refresh_queue()
        self.sync_worker.request_sync()

    def show_receipt(self, dossier: Dossier, pdf: bytes) -> PrintPreviewDialog:
        dialog = PrintPreviewDialog(pdf, self.services.printer, dossier, self)
        if self.preview_dialog is not None:
            self.preview_dialog.deleteLater()
        self.preview_dialog = dialog
        dialog.open()
        self.preview_opened.emit(dialog)
        return dialog

    def _receipt_failed(self, dossier: Dossier, error: Exception) -> None:
        show_error(
            self,
            error,
            self.tr("Dossier {code} is saved, but its receipt could not be prepared").format(code=dossier.code),
        )
