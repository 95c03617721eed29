"""The session lock: an unattended desk shows nothing personal until its officer comes back.

The desk locks after ``idle_lock_minutes`` without a key press or a mouse movement anywhere
in the application, and on Ctrl+L (or Dossier ▸ Lock the desk) from any of its windows.
Locked, every window of the desk is hidden (the main window, an intake, the supervisor's
workspace, dialogs) and a lock screen stands alone: the desk, the officer's name, a password
field, Unlock and Sign out. A window that opens meanwhile (a message, a progress dialog)
is hidden as it opens. Unlocking takes the same officer's password, checked on this desk
(``OfflineLogins.check_password``, so it works offline); after the fifth wrong one in a
row the officer is signed out.

Hidden windows keep their state and come back as they were: an intake keeps what was
typed (and its draft is written at once, so a power cut meanwhile loses nothing). Only a
dialog that waits in a loop of its own (a camera, a file or print dialog: application-
modal) is cancelled, as Esc would: a camera must not keep filming a locked counter.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.messages import DeskError
from desk_app.offline_login import OfflineLocked, OfflineLoginError, UnknownOnThisDesk

from .errors import error_text
from .feedback import Tone, clear_message, show_message
from .ops import Op
from .session import DeskServices, DeskSession, audit_session

log = logging.getLogger(__name__)

LOCK_SHORTCUT = "Ctrl+L"

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.TabletPress, QEvent.Type.TabletMove, QEvent.Type.InputMethod,
})


def _key(widget: QObject) -> int:
    return shiboken6.getCppPointer(widget)[0]


def _alive(widget: QWidget | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


class IdleClock(QObject):
    """Calls ``on_idle`` once ``interval_ms`` passed since the last ``touch()``.

    A touch only notes the time: mouse movements arrive by the hundred, and restarting a
    timer for each would cost more than the check does. The timer wakes when the interval
    would end and either fires or sleeps for what is left.
    """

    def __init__(self, interval_ms: int, on_idle: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self._on_idle = on_idle
        self._last_input = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._wake)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def last_input(self) -> float:
        """time.monotonic() of the last touch."""
        return self._last_input

    def touch(self) -> None:
        self._last_input = time.monotonic()

    def start(self) -> None:
        self.touch()
        self._timer.start(self.interval_ms)

    def stop(self) -> None:
        self._timer.stop()

    def set_interval(self, interval_ms: int) -> None:
        self.interval_ms = max(1, int(interval_ms))
        if self._timer.isActive():
            self.start()

    def _wake(self) -> None:
        left_ms = self.interval_ms - (time.monotonic() - self._last_input) * 1000
        if left_ms > 0:  # input came meanwhile, or the timer woke early (it may, by up to 5%)
            self._timer.start(math.ceil(left_ms))
        else:
            self._on_idle()


class LockScreen(QWidget):
    """What a locked desk shows: the desk, whose session it is, and the way back in."""

    unlock_asked = Signal(str)     # the password typed
    sign_out_asked = Signal()

    def __init__(self, desk_name: str, site_name: str, officer: str) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("lockScreen")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowTitle(self.tr("One-stop desk: locked"))
        self._closing = False
        # Large enough to read from a step away; the panel is the only thing on the screen.
        self.setStyleSheet(
            "#lockScreen { background-color: #263238; }"
            "#lockPanel { background-color: #eceff1; border-radius: 10px; }"
            "#lockPanel QLabel { font-size: 12pt; color: #263238; }"
            "#lockPanel #lockTitleLabel { font-size: 22pt; font-weight: bold; }"
            "#lockPanel #lockDeskLabel { font-size: 14pt; font-weight: bold; }"
            "#lockPanel #lockSiteLabel { color: #546e7a; }"
            "#lockPanel #lockOfficerLabel { font-size: 14pt; }"
            "#lockPanel #lockNoteLabel { color: #546e7a; }"
            "#lockPanel QLineEdit { font-size: 13pt; min-height: 34px; }"
            "#lockPanel QPushButton { font-size: 12pt; min-height: 34px; min-width: 130px; }"
        )

        panel = QFrame(self)
        panel.setObjectName("lockPanel")
        panel.setFixedWidth(620)
        self.title_label = QLabel(self.tr("This desk is locked"), panel)
        self.title_label.setObjectName("lockTitleLabel")
        self.desk_label = QLabel(desk_name, panel)
        self.desk_label.setObjectName("lockDeskLabel")
        self.site_label = QLabel(site_name, panel)
        self.site_label.setObjectName("lockSiteLabel")
        self.site_label.setWordWrap(True)
        self.officer_label = QLabel(self.tr("Signed in: {officer}").format(officer=officer), panel)
        self.officer_label.setObjectName("lockOfficerLabel")
        self.officer_label.setWordWrap(True)
        self.note_label = QLabel(self.tr("Work in progress is kept while the desk is locked. Only this officer "
                                         "can unlock it; anyone else signs out, and nothing is lost."), panel)
        self.note_label.setObjectName("lockNoteLabel")
        self.note_label.setWordWrap(True)
        self.password_label = QLabel(self.tr("&Password:"), panel)
        self.password_edit = QLineEdit(panel)
        self.password_edit.setObjectName("lockPasswordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label.setBuddy(self.password_edit)
        self.message_label = QLabel(panel)
        self.message_label.setObjectName("lockMessageLabel")
        self.message_label.setWordWrap(True)
        clear_message(self.message_label)
        self.unlock_button = QPushButton(self.tr("&Unlock"), panel)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.sign_out_button = QPushButton(self.tr("&Sign out"), panel)
        self.sign_out_button.setObjectName("lockSignOutButton")

        fields = QHBoxLayout()
        fields.addWidget(self.password_label)
        fields.addWidget(self.password_edit, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inside = QVBoxLayout(panel)
        inside.setContentsMargins(40, 32, 40, 32)
        inside.setSpacing(10)
        inside.addWidget(self.title_label)
        inside.addSpacing(8)
        for widget in (self.desk_label, self.site_label):
            inside.addWidget(widget)
        inside.addSpacing(8)
        inside.addWidget(self.officer_label)
        inside.addWidget(self.note_label)
        inside.addSpacing(8)
        inside.addLayout(fields)
        inside.addWidget(self.message_label)
        inside.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.setTabOrder(self.password_edit, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.sign_out_button)

        self.unlock_button.clicked.connect(self._unlock_clicked)
        self.password_edit.returnPressed.connect(self._unlock_clicked)
        self.sign_out_button.clicked.connect(self.sign_out_asked)
        self.password_edit.textChanged.connect(self._update_buttons)
        self._busy = False
        self._update_buttons()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.password_edit.setReadOnly(busy)
        self._update_buttons()
        if busy:
            show_message(self.message_label, self.tr("Checking the password…"), Tone.INFO)

    def refuse(self, text: str) -> None:
        self.password_edit.clear()
        show_message(self.message_label, text, Tone.ERROR)
        self.password_edit.setFocus()

    def close_for_good(self) -> None:
        self._closing = True
        self.close()

    def _update_buttons(self) -> None:
        self.unlock_button.setEnabled(bool(self.password_edit.text()) and not self._busy)
        self.sign_out_button.setEnabled(not self._busy)

    def _unlock_clicked(self) -> None:
        if self.password_edit.text() and not self._busy:
            self.unlock_asked.emit(self.password_edit.text())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        # Alt+F4 on a locked desk must not show what is behind the lock.
        if self._closing:
            super().closeEvent(event)
        else:
            event.ignore()


class SessionLock(QObject):
    """Locks ``window``'s session: idle time, the shortcut, the lock screen, the way back.

    Install once the window exists; uninstall when it closes. One event filter on the
    application serves the idle clock, the shortcut from any window, and hiding windows that
    open while locked.
    """

    locking = Signal()                 # about to hide the windows: the owner writes what must not wait
    locked_changed = Signal(bool)
    sign_out_requested = Signal(str)   # the reason, for the audit: "officer" or "unlock_refused"

    def __init__(self, window: QWidget, services: DeskServices, session: DeskSession, *,
                 full_screen: bool = True) -> None:
        super().__init__(window)
        self._window = window
        self.services = services
        self.session = session
        self.full_screen = full_screen
        self.action = QAction(self.tr("L&ock the desk"), window)
        self.action.setObjectName("actionLock")
        self.action.setShortcut(QKeySequence(LOCK_SHORTCUT))
        self.action.setToolTip(self.tr("Lock the desk while you are away; your password unlocks it ({key})").format(
            key=LOCK_SHORTCUT))
        self.action.triggered.connect(lambda: self.lock("shortcut"))
        # Tests shorten it with set_idle_interval.
        self.idle = IdleClock(services.settings.idle_lock_minutes * 60_000, lambda: self.lock("idle"), self)
        self.screen: LockScreen | None = None
        # The error that signed the officer out (too many wrong passwords), for the sign-in window.
        self.signed_out_by: DeskError | None = None
        self.locked_at: float | None = None        # time.monotonic() when the lock engaged
        self._installed = False
        self._hidden: dict[int, QWidget] = {}      # in the order they were hidden
        self._closed: set[int] = set()             # hidden, then closed by the program meanwhile
        self._active: QWidget | None = None
        self._mouse_at: QPoint | None = None
        self._checking: Op | None = None

    # ------------------------------------------------------------------ the owner's side

    @property
    def locked(self) -> bool:
        return self.screen is not None

    def install(self) -> None:
        if self._installed:
            return
        QApplication.instance().installEventFilter(self)
        self._installed = True
        self.idle.start()

    def uninstall(self) -> None:
        """The window closes: no more locking, and no lock screen left behind."""
        if self._installed:
            QApplication.instance().removeEventFilter(self)
            self._installed = False
        self.idle.stop()
        self._drop_screen()
        self._hidden.clear()
        self._closed.clear()

    def set_idle_interval(self, interval_ms: int) -> None:
        self.idle.set_interval(interval_ms)

    def lock(self, reason: str) -> None:
        """Hide every window of the desk behind the lock screen ("idle" or "shortcut")."""
        if self.locked or not self._installed:
            return
        self.locked_at = time.monotonic()
        self.idle.stop()
        self.locking.emit()
        QToolTip.hideText()
        for _ in range(8):  # an open menu or list (nested ones too): it may hold a citizen's name
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        self._active = QApplication.activeWindow()
        self._hidden.clear()
        self._closed.clear()
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                self._cover(widget, opening=False)
        user, services = self.session.user, self.services
        desk = self.tr("One-stop desk {desk}").format(desk=services.desk_id)
        screen = self.screen = LockScreen(desk, user.site_name, f"{user.full_name} ({user.username})")
        screen.unlock_asked.connect(self._check_password)
        screen.sign_out_asked.connect(lambda: self.sign_out("officer"))
        if self.full_screen:
            screen.showFullScreen()
        else:
            screen.show()
        screen.raise_()
        screen.activateWindow()
        screen.password_edit.setFocus()
        self._audit("session.locked", {"reason": reason})
        log.info("desk locked (%s)", reason)
        self.locked_changed.emit(True)

    def sign_out(self, reason: str) -> None:
        """From the lock screen: the windows stay hidden, a waiting dialog is cancelled (an
        intake parks its draft), and the owner signs the session out."""
        if not self.locked:
            return
        for key, widget in list(self._hidden.items()):
            if _alive(widget) and key not in self._closed and isinstance(widget, QDialog):
                widget.reject()
        self._hidden.clear()
        self._closed.clear()
        self._drop_screen()
        self.locked_changed.emit(False)
        self.sign_out_requested.emit(reason)

    # ------------------------------------------------------------------ unlocking

    def _check_password(self, password: str) -> None:
        screen, offline = self.screen, self.services.offline_logins
        if screen is None or (self._checking is not None and not self._checking.done):
            return
        username, clock = self.session.username, self.services.clock
        if offline is None:
            self._refused(UnknownOnThisDesk(username, unlocking=True))
            return
        screen.set_busy(True)
        self._checking = (
            Op(lambda: offline.check_password(username, password, clock()), parent=screen)
            .success(lambda _none: self._unlock())
            .failure(self._refused)
            .run()
        )

    def _refused(self, error: Exception) -> None:
        screen = self.screen
        reason = error.reason if isinstance(error, OfflineLoginError) else "error"
        self._audit("session.unlock_refused", {"reason": reason})
        if isinstance(error, OfflineLocked):
            log.warning("signed out after too many wrong passwords at the lock screen")
            self.signed_out_by = error
            self.sign_out("unlock_refused")
            return
        if screen is not None:
            screen.set_busy(False)
            screen.refuse(error_text(error))

    def _unlock(self) -> None:
        if self.screen is None:
            return
        self._drop_screen()
        # Owners before the dialogs over them, so each comes back above its parent.
        order = sorted(self._hidden.items(), key=lambda item: _window_depth(item[1]))
        for key, widget in order:
            if _alive(widget) and key not in self._closed:
                widget.show()
        self._hidden.clear()
        self._closed.clear()
        active = self._active if _alive(self._active) and self._active.isVisible() else self._window
        self._active = None
        active.raise_()
        active.activateWindow()
        self._audit("session.unlocked")
        log.info("desk unlocked")
        self.idle.start()
        self.locked_changed.emit(False)

    # ------------------------------------------------------------------ windows under the lock

    def _cover(self, widget: QWidget, *, opening: bool) -> None:
        """Hide ``widget`` until the desk is unlocked; ``opening``: it is being shown now."""
        if self._belongs_to_screen(widget):
            return
        if widget.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup):
            widget.hide()  # gone with what it pointed at; not brought back
            return
        if not opening and isinstance(widget, QDialog) and widget.windowModality() == Qt.WindowModality.ApplicationModal:
            # It waits in an event loop of its own, which hiding would end with a dialog that
            # could never answer again. (One opening now has no loop yet: it waits hidden.)
            widget.reject()
            return
        key = _key(widget)
        if key not in self._hidden and isinstance(widget, QDialog):
            widget.finished.connect(lambda _result, key=key: self._closed.add(key))
        self._hidden[key] = widget
        self._closed.discard(key)
        widget.hide()

    def _belongs_to_screen(self, widget: QWidget) -> bool:
        screen = self.screen
        ancestor: QWidget | None = widget
        while ancestor is not None and screen is not None:
            if ancestor is screen:
                return True
            ancestor = ancestor.parentWidget()
        return False

    def _drop_screen(self) -> None:
        screen, self.screen = self.screen, None
        if screen is not None and shiboken6.isValid(screen):
            screen.close_for_good()
            screen.deleteLater()

    # ------------------------------------------------------------------ the event filter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in _INPUT_EVENTS:
            if self.screen is None:
                if kind == QEvent.Type.MouseMove:
                    # Some systems send a move when a window appears under a still mouse.
                    at = event.globalPosition().toPoint() if isinstance(event, QMouseEvent) else None
                    if at is not None and at == self._mouse_at:
                        return False
                    self._mouse_at = at
                self.idle.touch()
                if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and self._is_lock_key(event):
                    # From a window where the action's shortcut does not reach (an intake,
                    # the supervisor's workspace).
                    self.lock("shortcut")
                    return True
            return False
        if self.screen is not None and isinstance(watched, QWidget):
            if kind == QEvent.Type.ShowToParent and watched.isWindow():
                # The latest moment a window can be hidden before it is painted on screen.
                self._cover(watched, opening=True)
            elif kind == QEvent.Type.Close:
                key = _key(watched)
                if key in self._hidden:
                    self._closed.add(key)
        return False

    def _is_lock_key(self, event: QKeyEvent) -> bool:
        return not event.isAutoRepeat() and QKeySequence(event.keyCombination()) == self.action.shortcut()

    def _audit(self, action: str, details: dict | None = None) -> None:
        store, actor = self.services.store, self.session.username
        if store is not None:
            Op(lambda: audit_session(store, actor, action, details)).run()


def _window_depth(widget: QWidget) -> int:
    depth, parent = 0, widget.parentWidget()
    while parent is not None:
        depth += 1
        parent = parent.parentWidget()
    return depth
