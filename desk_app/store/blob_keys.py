"""Each blob's own key: made when the blob is first stored, kept wrapped by the store key in
``blob_keys``, deleted when retention shreds the blob.

A key of its own per blob is what makes shredding work on any disk: the file's sectors may
survive its deletion (journaling file systems, SSD wear levelling), but without its key
row, which SQLite's secure_delete overwrites, what survives is noise.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import SealBroken
from .sealing import FORMAT, KEY_BYTES, NONCE_BYTES


class BlobKeyCipher:
    """The store's ``BlobCipher``. ``find_key(sha256)`` reads a blob's key (None when it has
    none); ``keep_key(sha256, key)`` stores one unless another got there first, and returns
    the key that is kept."""

    def __init__(self, find_key: Callable[[str], bytes | None], keep_key: Callable[[str, bytes], bytes]) -> None:
        self._find_key = find_key
        self._keep_key = keep_key

    def seal(self, sha256: str, data: bytes) -> bytes:
        key = self._find_key(sha256) or self._keep_key(sha256, os.urandom(KEY_BYTES))
        nonce = os.urandom(NONCE_BYTES)
        return FORMAT + nonce + AESGCM(key).encrypt(nonce, data, sha256.encode())

    def open(self, sha256: str, content: bytes) -> bytes:
        key = self._find_key(sha256)
        where = f"blob {sha256[:12]}"
        if key is None or len(content) < 1 + NONCE_BYTES + 16 or content[:1] != FORMAT:
            raise SealBroken.at(where)
        try:
            return AESGCM(key).decrypt(content[1:1 + NONCE_BYTES], content[1 + NONCE_BYTES:], sha256.encode())
        except InvalidTag:
            raise SealBroken.at(where) from None
