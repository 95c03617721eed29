"""Tokens live in the OS keyring; where the machine has none, in memory for this session.

A counter PC without a working keyring (a bare Linux box, a locked-down profile) must still
let the officer work, so the vault falls back to memory and says so; it never writes a
token to a file.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors
from keyring.backends import fail

log = logging.getLogger(__name__)

SERVICE = "one-stop-desk"
# The desk key sits in the same vault as the tokens, under a name no username can take.
_DESK_KEY_PREFIX = "desk-key:"


def _keyring_usable() -> bool:
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return False
    try:
        priority = backend.priority  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a broken backend reports nothing useful
        return False
    return priority > 0


class TokenVault:
    def __init__(self, service: str = SERVICE, *, use_keyring: bool | None = None) -> None:
        self._service = service
        self._memory: dict[str, str] = {}
        self._persistent = _keyring_usable() if use_keyring is None else use_keyring

    @property
    def is_persistent(self) -> bool:
        return self._persistent

    @property
    def backend_name(self) -> str:
        return type(keyring.get_keyring()).__name__ if self._persistent else "memory"

    def store(self, username: str, token: str) -> None:
        if self._persistent:
            try:
                keyring.set_password(self._service, username, token)
                return
            except keyring.errors.KeyringError as exc:
                log.warning("keyring refused the token, keeping it in memory for this session: %s", type(exc).__name__)
                self._persistent = False
        self._memory[username] = token

    def load(self, username: str) -> str | None:
        if self._persistent:
            try:
                return keyring.get_password(self._service, username)
            except keyring.errors.KeyringError as exc:
                log.warning("keyring unreadable: %s", type(exc).__name__)
                return None
        return self._memory.get(username)

    def clear(self, username: str) -> None:
        self._memory.pop(username, None)
        if self._persistent:
            try:
                keyring.delete_password(self._service, username)
            except keyring.errors.PasswordDeleteError:
                pass
            except keyring.errors.KeyringError as exc:
                log.warning("keyring could not forget the token: %s", type(exc).__name__)

    def store_desk_key(self, desk_id: str, key: str) -> None:
        """The key an administrator issued when enrolling this desk."""
        self.store(_DESK_KEY_PREFIX + desk_id, key)

    def load_desk_key(self, desk_id: str) -> str | None:
        return self.load(_DESK_KEY_PREFIX + desk_id)
