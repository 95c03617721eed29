"""Who is working at this desk now, and what the windows share while they do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from desk_app.core.timeutil import now_vn
from desk_app.credentials import TokenVault
from desk_app.settings import DeskSettings
from desk_app.signing_key import ReceiptKeys
from desk_app.store import DeskStore
from desk_app.sync.client import CentralClient, UserInfo

from .printing import DialogReceiptPrinter, ReceiptPrinter

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

    @property
    def desk_id(self) -> str:
        return self.settings.desk_id

    @property
    def lookup_url(self) -> str:
        return (self.server_url or "").rstrip("/") + LOOKUP_PATH


@dataclass
class DeskSession:
    """A signed-in officer: the central client carries their tokens and renews them."""

    user: UserInfo
    client: CentralClient

    @property
    def username(self) -> str:
        return self.user.username

    @property
    def refresh_token(self) -> str | None:
        return self.client.refresh_token
