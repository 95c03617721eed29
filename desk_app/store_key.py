"""The store key: 32 random bytes in the OS keyring that seal the desk's personal data.

The key never touches the disk in clear; a copy of the data folder alone opens nothing.
Each store folder has its own key, named after a random id kept in the folder (the id is
not secret), so two data folders on one PC never share a key.

Without a working keyring the desk cannot keep a key safely across runs:
- in demo mode it makes a key for this run only and starts the demo store afresh (demo
  data is made up, and a store sealed with a forgotten key could never be read again);
- otherwise it refuses to start, saying why: an officer's real data must not be kept
  where it cannot be sealed, nor sealed with a key that dies with the program.
"""

from __future__ import annotations

import base64
import logging
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.errors

from desk_app.atomic_file import write_atomically
from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.credentials import SERVICE, TokenVault
from desk_app.store.sealing import KEY_BYTES, new_store_key

log = logging.getLogger(__name__)

STORE_ID_FILE = "store-id"
# Marks a demo store sealed with a key of one run: the next run may clear it.
SESSION_KEY_MARK = "session-key"
_KEYRING_PREFIX = "store-key:"
_FORMAT = "v1:"


class StoreKeyUnavailable(DeskError):
    @classmethod
    def no_keyring(cls) -> "StoreKeyUnavailable":
        return cls(QT_TRANSLATE_NOOP(
            "DeskError",
            "This computer has no working password keyring, so the desk cannot protect citizens' data on its "
            "disk. Ask the site's IT to install or unlock the keyring (Windows Credential Manager, or the "
            "Secret Service on Linux), then start the desk again.",
        ))

    @classmethod
    def unreadable(cls, reason: str) -> "StoreKeyUnavailable":
        return cls(QT_TRANSLATE_NOOP(
            "DeskError",
            "The desk could not read its data key from the keyring ({reason}). Unlock the keyring and start "
            "the desk again; nothing was changed.",
        ), reason=reason)


    @classmethod
    def missing(cls) -> "StoreKeyUnavailable":
        return cls(QT_TRANSLATE_NOOP(
            "DeskError",
            "This computer's keyring holds no key for these records, so nothing sealed with their key can be "
            "opened here (the key was removed, or the records came from another computer). Nothing was changed.",
        ))


@dataclass(frozen=True)
class StoreKey:
    key: bytes = b""
    persistent: bool = False


def store_id(store_dir: Path) -> str:
    """The folder's id, made the first time (written before any key, so a crash between the
    two leaves an id without a key, which simply gets one next time)."""
    path = store_dir / STORE_ID_FILE
    try:
        existing = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        existing = ""
    if existing:
        return existing
    store_dir.mkdir(parents=True, exist_ok=True)
    made = uuid.uuid4().hex
    write_atomically(path, made.encode("ascii"), prefix=".store-id-")
    return made


def load_store_key(store_dir: Path, vault: TokenVault, *, demo: bool, service: str = SERVICE,
                   create: bool = True) -> StoreKey:
    """The key of the store in ``store_dir``; made and kept in the keyring the first time
    (unless ``create`` is false: a tool restoring a copy needs the old key, and a new one
    left behind in the keyring would only mislead).

    Slow where the keyring is (a locked Secret Service may wait on a prompt): call it once,
    off the UI thread, at start-up."""
    if not vault.is_persistent:
        if not demo:
            raise StoreKeyUnavailable.no_keyring()
        return _session_key(store_dir)
    name = _KEYRING_PREFIX + store_id(store_dir)
    try:
        stored = keyring.get_password(service, name)
    except keyring.errors.KeyringError as exc:
        # Unreadable is not absent: a new key now would lock the records away for good.
        raise StoreKeyUnavailable.unreadable(type(exc).__name__) from exc
    if stored:
        return StoreKey(_decode(stored), persistent=True)
    if not create:
        raise StoreKeyUnavailable.missing()
    key = new_store_key()
    try:
        keyring.set_password(service, name, _FORMAT + base64.b64encode(key).decode("ascii"))
    except keyring.errors.KeyringError as exc:
        raise StoreKeyUnavailable.unreadable(type(exc).__name__) from exc
    log.info("new store key kept in the keyring")
    return StoreKey(key, persistent=True)


def _session_key(store_dir: Path) -> StoreKey:
    mark = store_dir / SESSION_KEY_MARK
    if store_dir.exists() and any(store_dir.iterdir()):
        if not mark.exists():
            # Sealed with a key from a keyring this run cannot reach: leave it alone.
            raise StoreKeyUnavailable.no_keyring()
        # The last demo run's key died with it: its store can never be read again.
        shutil.rmtree(store_dir)
        log.info("demo store of an earlier run cleared: its key lasted that run only")
    store_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(mark, b"demo store sealed with a key of one run\n", prefix=".session-key-")
    log.warning("no keyring on this computer: the demo store is sealed with a key for this run only")
    return StoreKey(new_store_key(), persistent=False)


def _decode(text: str) -> bytes:
    if not text.startswith(_FORMAT):
        raise StoreKeyUnavailable.unreadable("unknown key format")
    key = base64.b64decode(text[len(_FORMAT):], validate=True)
    if len(key) != KEY_BYTES:
        raise StoreKeyUnavailable.unreadable("key of the wrong length")
    return key
