"""The sign-in window: an officer signs in online against the central system, or on this
desk alone while the central system cannot be reached.

The refresh token goes to the OS keyring through ``TokenVault``; where the machine has
no keyring the window says the sign-in lasts for this session only. Every online sign-in
leaves a salted hash of the password in ``OfflineLogins`` (offline sign-in and the session
lock check against it); the role always comes from the central system.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QBoxLayout, QDialog, QLabel, QMainWindow, QWidget

from desk_app.core.timeutil import now_vn
from desk_app.credentials import TokenVault
from desk_app.offline_login import OfflineLoginError, OfflineLoginOff, OfflineLogins, UnknownOnThisDesk
from desk_app.store import DeskStore
from desk_app.sync.client import CentralClient
from desk_app.sync.engine import SyncReport
from desk_app.sync.errors import AuthenticationFailed, CentralUnavailable

from .errors import error_text
from .feedback import Tone, clear_message, show_message
from .forms.ui_login_window import Ui_LoginWindow
from .ops import Op
from .session import DeskServices, DeskSession, audit_session

log = logging.getLogger(__name__)

# The audit's actor for a user name this desk has never seen: what was typed may be a
# password typed into the wrong field, and the audit log keeps no secrets.
UNKNOWN_ACTOR = "unknown"


def central_unreachable(error: BaseException) -> bool:
    """No route to the central system, or no answer in time: what offline sign-in is for.

    Not a certificate that cannot be verified nor a wrong address (both "network" too):
    signing in offline would hide a fault, or an attack, that the administrator must see.
    """
    if not isinstance(error, CentralUnavailable):
        return False
    return error.kind == "timeout" or (error.kind == "network" and error.template == CentralUnavailable.UNREACHABLE)


def sign_in(server_url: str, desk_id: str, vault: TokenVault, username: str, password: str, *,
            pinned_authority: str | None = None, offline: OfflineLogins | None = None,
            store: DeskStore | None = None, clock: Callable[[], datetime] = now_vn) -> DeskSession:
    """Runs off the UI thread: network, then the keyring, then the offline record (a KDF)."""
    client = CentralClient(server_url, desk_id=desk_id, pinned_authority=pinned_authority)
    # The server takes each refresh token once: every renewal's new token goes to the vault.
    client.on_tokens = lambda tokens: vault.store(username, tokens.refresh_token)
    try:
        result = client.login(username, password, desk_key=vault.load_desk_key(desk_id))
    except BaseException:
        client.close()
        raise
    if offline is not None:
        try:
            offline.remember(result.user, password, clock())
        except Exception:  # noqa: BLE001 - the online session stands; only offline sign-in is lost
            log.exception("offline sign-in record not kept")
    audit_session(store, result.user.username, "session.signed_in", {"mode": "online"})
    return DeskSession(user=result.user, client=client)


def sign_in_offline(server_url: str, desk_id: str, vault: TokenVault, username: str, password: str, *,
                    offline: OfflineLogins, grace: timedelta, pinned_authority: str | None = None,
                    store: DeskStore | None = None, clock: Callable[[], datetime] = now_vn) -> DeskSession:
    """Runs off the UI thread: the officer's password against this desk's record (a KDF)."""
    try:
        user = offline.verify(username, password, clock(), grace)
    except OfflineLoginOff:
        raise
    except OfflineLoginError as exc:
        actor = UNKNOWN_ACTOR if isinstance(exc, UnknownOnThisDesk) else username
        audit_session(store, actor, "session.sign_in_refused", {"mode": "offline", "reason": exc.reason})
        raise
    # No access token: the refresh token kept from the officer's last online session renews
    # the session once the central system answers again; without one the sync says to sign in.
    client = CentralClient(server_url, desk_id=desk_id, refresh_token=vault.load(username),
                           pinned_authority=pinned_authority)
    client.on_tokens = lambda tokens: vault.store(username, tokens.refresh_token)
    audit_session(store, username, "session.signed_in", {"mode": "offline"})
    return DeskSession(user=user, client=client, offline=True)


def sign_in_anyhow(server_url: str, desk_id: str, vault: TokenVault, username: str, password: str, *,
                   pinned_authority: str | None = None, offline: OfflineLogins | None = None,
                   grace: timedelta = timedelta(0), store: DeskStore | None = None,
                   clock: Callable[[], datetime] = now_vn) -> DeskSession:
    """Online; when the central system cannot be reached, on this desk alone (if allowed)."""
    try:
        return sign_in(server_url, desk_id, vault, username, password, pinned_authority=pinned_authority,
                       offline=offline, store=store, clock=clock)
    except CentralUnavailable as exc:
        if offline is None or grace <= timedelta(0) or not central_unreachable(exc):
            raise
    return sign_in_offline(server_url, desk_id, vault, username, password, offline=offline, grace=grace,
                           pinned_authority=pinned_authority, store=store, clock=clock)


class LoginWindow(QDialog):
    logged_in = Signal(object)  # DeskSession

    def __init__(self, services: DeskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ui = Ui_LoginWindow()
        self.ui.setupUi(self)
        self._server_ready = False
        self._signing_in = False
        title = self.tr("One-stop desk: sign in")
        self.setWindowTitle(f"{title} [DEMO]" if services.demo else title)
        self.ui.demoBadge.setVisible(services.demo)
        self.ui.usernameEdit.setText(services.settings.last_username)
        clear_message(self.ui.messageLabel)
        if services.vault.is_persistent:
            clear_message(self.ui.vaultNoteLabel)
        else:
            self.ui.vaultNoteLabel.setText(
                self.tr(
                    "This computer has no password keyring, so your sign-in is kept for this session only: "
                    "you will sign in again after closing the application."
                )
            )
            self.ui.vaultNoteLabel.setVisible(True)
        self.ui.loginButton.clicked.connect(self.login)
        self.ui.quitButton.clicked.connect(self.reject)
        self.ui.usernameEdit.textChanged.connect(self._update_button)
        self.ui.passwordEdit.textChanged.connect(self._update_button)
        self.set_server(services.server_url)
        (self.ui.passwordEdit if services.settings.last_username else self.ui.usernameEdit).setFocus()

    def set_server(self, url: str | None, *, starting: bool = False, failed: str | None = None) -> None:
        """Show where the desk signs in; the button works only once that server is known."""
        self.services.server_url = url
        self._server_ready = bool(url) and not starting and failed is None
        if failed is not None:
            self.ui.serverLabel.setText(self.tr("not available"))
            show_message(self.ui.messageLabel, failed, Tone.ERROR)
        elif starting or not url:
            self.ui.serverLabel.setText(self.tr("starting the demo server…") if self.services.demo else self.tr("not configured"))
        else:
            self.ui.serverLabel.setText(url)
            self.ui.serverLabel.setToolTip(self.tr("(demo server on this computer)") if self.services.demo else "")
        self._update_button()

    def explain(self, text: str) -> None:
        """Why the window is back (the session lock signed the officer out, say)."""
        show_message(self.ui.messageLabel, text, Tone.ERROR)

    def _update_button(self) -> None:
        ready = self._server_ready and not self._signing_in
        has_input = bool(self.ui.usernameEdit.text().strip() and self.ui.passwordEdit.text())
        self.ui.loginButton.setEnabled(ready and has_input)

    def login(self) -> Op | None:
        username = self.ui.usernameEdit.text().strip()
        password = self.ui.passwordEdit.text()
        if not (username and password and self._server_ready) or self._signing_in:
            return None
        self._signing_in = True
        self._update_button()
        show_message(self.ui.messageLabel, self.tr("Signing in…"), Tone.INFO)
        services = self.services
        server_url, pinned = services.server_url or "", services.settings.pinned_authority
        offline, store, clock = services.offline_logins, services.store, services.clock
        grace = timedelta(days=services.settings.offline_grace_days)
        return (
            Op(lambda: sign_in_anyhow(server_url, services.desk_id, services.vault, username, password,
                                      pinned_authority=pinned, offline=offline, grace=grace, store=store,
                                      clock=clock), parent=self)
            .success(self._signed_in)
            .failure(self._sign_in_failed)
            .with_progress(self.tr("Signing in…"))
            .run()
        )

    def _signed_in(self, session: DeskSession) -> None:
        self._signing_in = False
        self.ui.passwordEdit.clear()
        clear_message(self.ui.messageLabel)
        self._update_button()
        self.logged_in.emit(session)

    def _sign_in_failed(self, error: Exception) -> None:
        self._signing_in = False
        if isinstance(error, (AuthenticationFailed, OfflineLoginError)):
            text = error_text(error)
            self.ui.passwordEdit.clear()
            self.ui.passwordEdit.setFocus()
        elif central_unreachable(error):  # not a certificate or address fault: that one says itself
            text = self.tr(
                "The central system at {url} cannot be reached. Check the network connection and try again; "
                "signing in needs the central system."
            ).format(url=self.services.server_url or "")
        else:
            text = error_text(error)
        show_message(self.ui.messageLabel, text, Tone.ERROR)
        self._update_button()


class OfflineSessionNotice(QLabel):
    """A band above the main window's queue while the officer works signed in on the desk
    alone. It goes once a sync pass reaches the central system without trouble: the kept
    refresh token renewed the session, which is then an online one."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineSessionNotice")
        self.session = session
        self.setWordWrap(True)
        if session.refresh_token:
            text = self.tr("You are signed in on this desk only: the central system cannot be reached. Your work "
                           "is kept on this desk, and dossiers will be sent when the central system is back.")
        else:
            text = self.tr("You are signed in on this desk only: the central system cannot be reached. Your work "
                           "is kept on this desk; when the central system is back you will be asked to sign in "
                           "online again, and the dossiers will be sent then.")
        self.setText(text)
        self.setStyleSheet("background-color: #fff3e0; color: #e65100; border: 1px solid #ffb74d; "
                           "border-radius: 4px; padding: 6px 10px; font-weight: bold;")

    def sync_reported(self, report: SyncReport) -> None:
        if report.online and report.error is None:
            self.session.offline = False
            self.hide()


def add_offline_notice(window: QMainWindow, session: DeskSession, reported: SignalInstance) -> OfflineSessionNotice:
    """Show at the top of ``window`` that ``session`` is an offline one, until ``reported``
    (the window's sync reports) says the central system took the session back."""
    central = window.centralWidget()
    notice = OfflineSessionNotice(session, central)
    layout = central.layout()
    assert isinstance(layout, QBoxLayout), "the main window's content is a column"
    layout.insertWidget(0, notice)
    reported.connect(notice.sync_reported)
    return notice
