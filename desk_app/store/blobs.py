"""Content-addressed files: a photo or a scan is stored under the SHA-256 of its bytes.

``blobs/ab/abcdef…``: the first two hex digits make a sub-folder so no folder grows huge.
A file is written to a temporary name, flushed to the disk, then renamed into place, so a
crash leaves either the whole file or none; reading checks the hash, so damage on disk is
caught before a damaged file is sent or printed.

Every file is sealed by a ``BlobCipher`` (the store gives each blob a key of its own), so
the folder holds no portrait or scan in clear; the name is the hash of the clear bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Protocol

from desk_app.atomic_file import write_atomically

from .errors import BlobCorrupted, BlobMissing, BlobNameError, SealBroken, StoreReadError, StoreWriteError

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_name(sha256: str) -> str:
    # The name becomes a path: only a real lowercase hex digest may reach the file system.
    if not isinstance(sha256, str) or not _SHA256.match(sha256):
        raise BlobNameError.of(str(sha256))
    return sha256


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; Windows cannot open a folder for fsync and does not need it.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class BlobCipher(Protocol):
    def seal(self, sha256: str, data: bytes) -> bytes: ...

    def open(self, sha256: str, content: bytes) -> bytes: ...


class BlobStore:
    def __init__(self, root: Path, cipher: BlobCipher) -> None:
        self.root = root
        self._cipher = cipher

    def path(self, sha256: str) -> Path:
        check_name(sha256)
        return self.root / sha256[:2] / sha256

    def holds(self, sha256: str) -> bool:
        """True when the file is there, opens with its key and still hashes to its name."""
        try:
            self.read(sha256)
        except (BlobMissing, BlobCorrupted, SealBroken, StoreReadError):
            return False
        return True

    def put(self, data: bytes) -> str:
        """Store ``data`` and return its hash. Storing the same bytes again changes nothing,
        except that a damaged copy already on disk is replaced by the good one."""
        sha256 = sha256_hex(data)
        target = self.path(sha256)
        try:
            if self.holds(sha256):
                return sha256
            write_atomically(target, self._cipher.seal(sha256, data), prefix=f".{sha256[:8]}-")
            _fsync_dir(target.parent)
        except OSError as exc:
            raise StoreWriteError.of(exc) from exc
        return sha256

    def read(self, sha256: str) -> bytes:
        target = self.path(sha256)
        content = self.read_sealed(sha256)
        try:
            data = self._cipher.open(sha256, content)
        except SealBroken:
            # A torn or overwritten file fails its tag: to the officer it is a damaged file.
            raise BlobCorrupted.unreadable(sha256) from None
        actual = sha256_hex(data)
        if actual != sha256:
            raise BlobCorrupted.of(sha256, actual)
        return data

    def read_sealed(self, sha256: str) -> bytes:
        """The file as it lies on the disk (sealed, or in clear when an older desk wrote it)."""
        try:
            return self.path(sha256).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            raise BlobMissing.of(sha256) from None
        except OSError as exc:
            raise StoreReadError.because(exc.strerror or str(exc)) from exc

    def replace(self, sha256: str, content: bytes) -> None:
        """Put ``content`` (already sealed) in place of the file, atomically."""
        target = self.path(sha256)
        try:
            write_atomically(target, content, prefix=f".{sha256[:8]}-")
            _fsync_dir(target.parent)
        except OSError as exc:
            raise StoreWriteError.of(exc) from exc

    def names(self) -> list[str]:
        """Every blob's name in the folder."""
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.glob("??/*") if _SHA256.match(p.name))

    def remove(self, sha256: str) -> bool:
        try:
            self.path(sha256).unlink()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise StoreWriteError.of(exc) from exc
        return True
