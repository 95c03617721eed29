"""SupervisorWindow: the supervisor's workspace (lãnh đạo bộ phận / giám sát), beside the desk.

Five tabs, each its own widget: every dossier of the site (Queue), what the rules flagged
for a look (Review), how each desk's sending stands (Sync health), the figures the ministry
asks for (Dashboard), and who is waiting at which counter (Waiting room). The window only
holds them together: each tab reads the store or the central system on the ops pool, so
none of them can freeze the desk. It opens from the main window for the supervisor role
alone, and closes with it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from ..session import DeskServices, DeskSession
from .dashboard_view import DashboardTab
from .queue_view import QueueTab
from .review_view import ReviewTab
from .sync_health_view import SyncHealthTab
from .waiting_room_view import WaitingRoomTab

# The role the central system gives supervisors; only they see this window.
SUPERVISOR_ROLE = "supervisor"


def may_supervise(role: str) -> bool:
    return role == SUPERVISOR_ROLE


class SupervisorWindow(QMainWindow):
    """The tabs, with Ctrl+1 … Ctrl+5 to go straight to one.

    ``send_requested`` asks the desk's sync worker for a pass now: a review just recorded or
    a command for this desk should not wait for the timer. ``ledger_requested`` hands the
    dashboard's period to the main window, whose preview prints the ledger.
    """

    send_requested = Signal()
    ledger_requested = Signal(object, object)   # first day, last day

    def __init__(self, services: DeskServices, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorWindow")
        self.setWindowTitle(self.tr("Supervisor workspace: {site}").format(site=session.user.site_name))
        self.resize(1280, 800)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("supervisorTabs")
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)

        self.queue_tab = QueueTab(services, session, self)
        self.review_tab = ReviewTab(services, session, self)
        self.health_tab = SyncHealthTab(services, session, self)
        self.dashboard_tab = DashboardTab(services, session, self)
        self.waiting_tab = WaitingRoomTab(services, session, self)
        for number, (tab, title) in enumerate((
            (self.queue_tab, self.tr("&Queue")),
            (self.review_tab, self.tr("&Review")),
            (self.health_tab, self.tr("S&ync health")),
            (self.dashboard_tab, self.tr("&Dashboard")),
            (self.waiting_tab, self.tr("&Waiting room")),
        ), start=1):
            self.tabs.addTab(tab, title)
            go = QAction(self)
            go.setObjectName(f"actionSupervisorTab{number}")
            go.setShortcut(QKeySequence(f"Ctrl+{number}"))
            go.triggered.connect(lambda _checked=False, index=number - 1: self.show_tab(index))
            self.addAction(go)
        close = QAction(self)
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        close.triggered.connect(self.close)
        self.addAction(close)

        self.review_tab.review_recorded.connect(lambda _client_id: self.send_requested.emit())
        self.health_tab.commands_changed.connect(self.send_requested)
        self.dashboard_tab.ledger_requested.connect(self.ledger_requested)

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self.tabs.currentWidget().setFocus()

    def sync_passed(self) -> None:
        """After a sync pass: the mirror may hold new dossiers, reviews and flags."""
        self.queue_tab.refresh()
        self.review_tab.refresh()
        if self.tabs.currentWidget() in (self.health_tab, self.waiting_tab):
            self.tabs.currentWidget().refresh()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.waiting_tab.stop()
        super().closeEvent(event)
