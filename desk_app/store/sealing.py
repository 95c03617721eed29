"""Encryption at rest: what the store seals, and the keyed indexes that still find it.

One 32-byte store key, kept in the OS keyring by the composition root (never in a file),
is stretched with HKDF into keys of single purpose, so no key is used for two things:

- the column key seals personal columns with AES-256-GCM; the associated data names the
  column (``"dossiers.wire"``), so a sealed value moved into another column fails to open;
- the wrapping key seals each blob's own random key (``blob_keys``): deleting that one
  row shreds the blob, wherever copies of its file may linger on the disk;
- the index key makes blind indexes, keyed BLAKE2b values (a pseudo-random function, like
  HMAC, and several times faster from Python, which matters for the ~20 terms of every
  dossier) of what the queues search for (a CCCD, its leading digits, the beginnings of
  the words of a name): equal text gives an equal value, and without the key the value
  says nothing of the text.

A sealed value is ``version byte | 12-byte random nonce | ciphertext and tag``.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desk_app.core.text import fold

from .errors import SealBroken

KEY_BYTES = 32
NONCE_BYTES = 12
FORMAT = b"\x01"
# A name's words are found from their start: two letters at least, or a whole word.
NAME_PREFIX_MIN = 2
CCCD_PREFIX_MIN = 3
CCCD_LENGTH = 12


def new_store_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"one-stop-desk/" + purpose).derive(master)


class Sealer:
    def __init__(self, store_key: bytes) -> None:
        if not isinstance(store_key, bytes) or len(store_key) != KEY_BYTES:
            raise ValueError("the store key is 32 bytes")
        self._columns = AESGCM(_derive(store_key, b"columns"))
        self._wrapping = AESGCM(_derive(store_key, b"blob keys"))
        self._index_key = _derive(store_key, b"blind index")

    # -- columns ------------------------------------------------------------------------

    def seal(self, plain: bytes, where: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return FORMAT + nonce + self._columns.encrypt(nonce, plain, where.encode())

    def open(self, sealed: bytes, where: str) -> bytes:
        return _open(self._columns, sealed, where.encode(), where)

    def seal_text(self, text: str | None, where: str) -> bytes | None:
        return None if text is None else self.seal(text.encode("utf-8"), where)

    def open_text(self, sealed: bytes | None, where: str) -> str | None:
        return None if sealed is None else self.open(sealed, where).decode("utf-8")

    def seal_json(self, value: Any, where: str) -> bytes | None:
        if value is None:
            return None
        return self.seal(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), where)

    def open_json(self, sealed: bytes | None, where: str) -> Any:
        return None if sealed is None else json.loads(self.open(sealed, where))

    # -- blob keys ----------------------------------------------------------------------

    def wrap_blob_key(self, key: bytes, sha256: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return FORMAT + nonce + self._wrapping.encrypt(nonce, key, b"blob-key:" + sha256.encode())

    def unwrap_blob_key(self, wrapped: bytes, sha256: str) -> bytes:
        return _open(self._wrapping, wrapped, b"blob-key:" + sha256.encode(), f"blob key {sha256[:12]}")

    # -- blind indexes ------------------------------------------------------------------

    def blind(self, kind: str, value: str) -> str:
        """A hex value standing for ``value`` in an equality lookup (a citizen's CCCD)."""
        return hashlib.blake2b(f"{kind}:{value}".encode("utf-8"), key=self._index_key, digest_size=16).hexdigest()

    def term(self, kind: str, value: str) -> int:
        """A signed 64-bit value standing for one searchable part (``dossier_terms``)."""
        digest = hashlib.blake2b(f"{kind}:{value}".encode("utf-8"), key=self._index_key, digest_size=8).digest()
        return int.from_bytes(digest, "big", signed=True)

    def dossier_terms(self, name: str, cccd: str | None) -> set[int]:
        """What a dossier can be found by: each word of its folded name from its second
        letter on (and the whole word), and its CCCD from the third digit on."""
        terms = {self.term("n", part) for word in fold(name).split() for part in name_parts(word)}
        if cccd:
            terms.update(self.term("c", cccd[:k]) for k in range(CCCD_PREFIX_MIN, min(len(cccd), CCCD_LENGTH) + 1))
        return terms

    def name_search_terms(self, folded_text: str) -> list[int]:
        """One term per typed word: a dossier matches when it has them all."""
        return sorted({self.term("n", word) for word in folded_text.split()})

    def cccd_search_term(self, prefix: str) -> int:
        return self.term("c", prefix)


def name_parts(word: str) -> set[str]:
    return {word} | {word[:k] for k in range(NAME_PREFIX_MIN, len(word))}


def _open(cipher: AESGCM, sealed: bytes, associated: bytes, where: str) -> bytes:
    if not isinstance(sealed, (bytes, memoryview)) or len(sealed) < 1 + NONCE_BYTES + 16 or bytes(sealed[:1]) != FORMAT:
        raise SealBroken.at(where)
    sealed = bytes(sealed)
    try:
        return cipher.decrypt(sealed[1:1 + NONCE_BYTES], sealed[1 + NONCE_BYTES:], associated)
    except InvalidTag:
        raise SealBroken.at(where) from None
