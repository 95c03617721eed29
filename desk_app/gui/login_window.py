"""The sign-in window: an officer signs in online against the central system.

The refresh token goes to the OS keyring through ``TokenVault``; where the machine has
no keyring the window says the sign-in lasts for this session only.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from desk_app.credentials import TokenVault
from desk_app.sync.client import CentralClient
from desk_app.sync.errors import AuthenticationFailed, CentralUnavailable

from .errors import error_text
from .feedback import Tone, clear_message, show_message
from .forms.ui_login_window import Ui_LoginWindow
from .ops import Op
from .session import DeskServices, DeskSession


def sign_in(server_url: str, desk_id: str, vault: TokenVault, username: str, password: str, *,
            pinned_authority: str | None = None) -> DeskSession:
    """Runs off the UI thread: network, then the keyring."""
    client = CentralClient(server_url, desk_id=desk_id, pinned_authority=pinned_authority)
    # The server takes each refresh token once: every renewal's new token goes to the vault.
    client.on_tokens = lambda tokens: vault.store(username, tokens.refresh_token)
    try:
        result = client.login(username, password, desk_key=vault.load_desk_key(desk_id))
    except BaseException:
        client.close()
        raise
    return DeskSession(user=result.user, client=client)


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
        return (
            Op(lambda: sign_in(server_url, services.desk_id, services.vault, username, password,
                               pinned_authority=pinned), parent=self)
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
        if isinstance(error, AuthenticationFailed):
            text = error_text(error)
            self.ui.passwordEdit.clear()
            self.ui.passwordEdit.setFocus()
        elif isinstance(error, CentralUnavailable) and error.kind in ("network", "timeout"):
            text = self.tr(
                "The central system at {url} cannot be reached. Check the network connection and try again; "
                "signing in needs the central system."
            ).format(url=self.services.server_url or "")
        else:
            text = error_text(error)
        show_message(self.ui.messageLabel, text, Tone.ERROR)
        self._update_button()
