"""Who is working at this desk now, and what the windows share while they do."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from desk_app.core.messages import DeskError
from desk_app.core.timeutil import now_vn
from desk_app.credentials import TokenVault
from desk_app.offline_login import OfflineLogins
from desk_app.settings import DeskSettings
from desk_app.signing_key import ReceiptKeys
from desk_app.store import DeskStore
from desk_app.sync.client import CentralClient, UserInfo

from .printing import DialogReceiptPrinter, ReceiptPrinter

log = logging.getLogger(__name__)

# Where citizens look up a dossier's status; the receipt prints it beside a QR code.
LOOKUP_PATH = "/tra-cuu"


@dataclass
class DeskServices:
    """The long-lived parts the composition root hands to every window.

    ``printer`` is what the print preview prints with; tests and the end-to-end
    walkthrough put a ``PdfFileReceiptPrinter`` here instead of a real printer.
    """

    settings: DeskSettings
    vault: TokenVault
    server_url: str | None = None
    demo: bool = False
    store: DeskStore | None = None
    printer: ReceiptPrinter = field(default_factory=DialogReceiptPrinter)
    clock: Callable[[], datetime] = now_vn
    # The receipt-sealing key and the site's cached keys, read from the keyring at start-up
    # (off the UI thread); None until then, and receipts then print without a seal.
    receipt_keys: ReceiptKeys | None = None
    # The password hashes of officers who signed in online here: offline sign-in and the
    # session lock check against them. None: neither is possible on this desk.
    offline_logins: OfflineLogins | None = None
    # The settings as the settings file has them, which Tools ▸ Settings… shows and changes:
    # ``settings`` keeps what needs a restart as the desk started with it. None: the same.
    saved_settings: DeskSettings | None = None

    @property
    def desk_id(self) -> str:
        return self.settings.desk_id

    @property
    def lookup_url(self) -> str:
        return (self.server_url or "").rstrip("/") + LOOKUP_PATH


@dataclass
class DeskSession:
    """A signed-in officer: the central client carries their tokens and renews them.

    ``offline``: signed in on this desk alone, while the central system could not be reached.
    The client then holds no access token, only the refresh token kept from the officer's
    last online session (when the keyring had one): once the network is back its first
    call is refused, renews the session with that token and goes on. Without one, the sync
    reports that the officer must sign in online again, and everything stays on the desk.
    """

    user: UserInfo
    client: CentralClient
    offline: bool = False

    @property
    def username(self) -> str:
        return self.user.username

    @property
    def refresh_token(self) -> str | None:
        return self.client.refresh_token


def audit_session(store: DeskStore | None, actor: str, action: str, details: dict | None = None) -> None:
    """Write a session event (signed in, locked, …) to the audit log; off the UI thread.

    A failed write is logged, not shown: signing in or unlocking does not hang on it.
    """
    if store is None:
        return
    try:
        store.audit(actor, action, details=details)
    except DeskError as exc:
        log.warning("audit %s not written: %s", action, type(exc).__name__)
