"""The desk's receipt-sealing key (Ed25519) and the site's public keys kept for offline checks.

The private key lives in the OS keyring, beside the desk's tokens, and never in a file: a
copied key would let anyone print receipts that check as this desk's. A machine without a
working keyring still seals receipts, with a key made for this session only (said in the
log); the central system learns each key from the dossiers it receives, so receipts sealed
with an earlier session's key still check there.

The public keys of the site's desks, fetched from the central API, are kept in a small JSON
file in the desk's data folder (written atomically), so a receipt is checked offline too.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import keyring
import keyring.errors
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from desk_app.atomic_file import write_atomically
from desk_app.core.dossier import Dossier
from desk_app.core.receipt_seal import (
    PUBLIC_KEY_BYTES,
    DeskKey,
    Seal,
    SealFields,
    b64url,
    b64url_decode,
    kid_of,
    public_key_bytes,
    seal,
)
from desk_app.core.timeutil import parse_rfc3339, to_rfc3339
from desk_app.credentials import SERVICE, TokenVault

log = logging.getLogger(__name__)

# Under a name no username can take (usernames have no colon), as the desk key's.
_KEYRING_PREFIX = "receipt-key:"
_KEY_FORMAT = "ed25519:"
KEYS_CACHE_FILE = "receipt_keys.json"
_CACHE_FORMAT = 1


@dataclass(frozen=True)
class ReceiptKey:
    """The desk's signing key. ``persistent`` is False when it lives for this session only."""

    private_key: Ed25519PrivateKey = field(repr=False)
    persistent: bool

    @classmethod
    def generate(cls, *, persistent: bool = False) -> "ReceiptKey":
        return cls(Ed25519PrivateKey.generate(), persistent)

    @property
    def public_key(self) -> bytes:
        return public_key_bytes(self.private_key)

    @property
    def kid(self) -> str:
        return kid_of(self.public_key)

    def seal(self, fields: SealFields) -> Seal:
        return seal(fields, self.private_key)

    def seal_dossier(self, dossier: Dossier) -> Dossier:
        """The dossier with its receipt seal, called as the store gives it its code.

        A seal that cannot be made (a bug, never the officer's doing) must not stop the
        dossier being saved: the receipt then prints without one, as before seals existed."""
        try:
            return dossier.with_receipt_seal(self.seal(dossier.seal_fields()))
        except Exception:  # noqa: BLE001 - see above; the cause goes to the log
            log.exception("dossier %s saved without a receipt seal", dossier.client_id)
            return dossier

    def desk_key(self, desk_id: str) -> DeskKey:
        return DeskKey(self.kid, self.public_key, desk_id)


def _keyring_name(desk_id: str) -> str:
    return _KEYRING_PREFIX + desk_id


def _encode(key: Ed25519PrivateKey) -> str:
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return _KEY_FORMAT + b64url(raw)


def _decode(text: str) -> Ed25519PrivateKey:
    if not text.startswith(_KEY_FORMAT):
        raise ValueError("not an ed25519 key")
    return Ed25519PrivateKey.from_private_bytes(b64url_decode(text[len(_KEY_FORMAT):], 32))


def load_receipt_key(desk_id: str, vault: TokenVault, *, service: str = SERVICE) -> ReceiptKey:
    """The desk's key from the keyring, made and stored there the first time.

    Slow where the keyring is (a locked Secret Service may wait on a prompt): call it once,
    off the UI thread, at start-up."""
    if not vault.is_persistent:
        log.warning("no keyring on this computer: receipts are sealed with a key kept for this session only")
        return ReceiptKey.generate()
    name = _keyring_name(desk_id)
    try:
        stored = keyring.get_password(service, name)
    except keyring.errors.KeyringError as exc:
        # Unreadable is not absent: writing a new key now could replace the one that is there.
        log.warning("keyring unreadable (%s): receipts are sealed with a key kept for this session only",
                    type(exc).__name__)
        return ReceiptKey.generate()
    if stored:
        try:
            return ReceiptKey(_decode(stored), persistent=True)
        except ValueError:
            log.error("the receipt key in the keyring is unreadable; a new key replaces it")
    return _new_stored_key(service, name)


def _new_stored_key(service: str, name: str) -> ReceiptKey:
    key = ReceiptKey.generate(persistent=True)
    try:
        keyring.set_password(service, name, _encode(key.private_key))
    except keyring.errors.KeyringError as exc:
        log.warning("keyring refused the receipt key (%s): it is kept for this session only", type(exc).__name__)
        return ReceiptKey(key.private_key, persistent=False)
    log.info("new receipt key %s stored in the keyring", key.kid)
    return key


# ---------------------------------------------------------------------- the site's public keys


@dataclass(frozen=True)
class CachedKeys:
    """The site's desk keys as last fetched; ``fetched_at`` None when never fetched."""

    keys: tuple[DeskKey, ...] = ()
    fetched_at: datetime | None = None

    def by_kid(self) -> dict[str, bytes]:
        return {k.kid: k.public_key for k in self.keys}

    def desk_of(self, kid: str) -> str | None:
        return next((k.desk_id for k in self.keys if k.kid == kid), None)


class ReceiptKeyCache:
    """The JSON file of the site's public keys. Reads never raise: a damaged file is no keys."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def load(self) -> CachedKeys:
        try:
            body = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return CachedKeys()
        except (OSError, ValueError) as exc:
            log.warning("receipt key cache unreadable, ignored: %s", type(exc).__name__)
            return CachedKeys()
        return _cached_keys(body)

    def save(self, keys: Iterable[DeskKey], fetched_at: datetime) -> None:
        body = {
            "format": _CACHE_FORMAT,
            "fetched_at": to_rfc3339(fetched_at),
            "keys": [{"kid": k.kid, "public_key": b64url(k.public_key), "desk_id": k.desk_id} for k in keys],
        }
        write_atomically(self.path, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))


def _cached_keys(body: object) -> CachedKeys:
    """Each entry checked on its own: one bad entry loses that key, not the others."""
    if not isinstance(body, dict) or body.get("format") != _CACHE_FORMAT:
        return CachedKeys()
    keys = []
    for item in body.get("keys") if isinstance(body.get("keys"), list) else ():
        try:
            public_key = b64url_decode(item["public_key"], PUBLIC_KEY_BYTES)
            if item["kid"] != kid_of(public_key) or not isinstance(item["desk_id"], str):
                raise ValueError("kid or desk does not fit")
            keys.append(DeskKey(item["kid"], public_key, item["desk_id"]))
        except (KeyError, TypeError, ValueError):
            log.warning("a receipt key in the cache is malformed and ignored")
    try:
        fetched_at = parse_rfc3339(body["fetched_at"]) if isinstance(body.get("fetched_at"), str) else None
    except ValueError:
        fetched_at = None
    return CachedKeys(tuple(keys), fetched_at)


@dataclass(frozen=True)
class ReceiptKeys:
    """What the desk checks and seals receipts with: its own key and the site's cached keys."""

    own: ReceiptKey
    desk_id: str
    cache: ReceiptKeyCache

    def known_keys(self, cached: CachedKeys | None = None) -> dict[str, bytes]:
        """Every key a receipt may be checked with here; the desk's own key always among them."""
        known = (self.cache.load() if cached is None else cached).by_kid()
        known[self.own.kid] = self.own.public_key
        return known
