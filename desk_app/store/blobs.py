"""Content-addressed files: a photo or a scan is stored under the SHA-256 of its bytes.

``blobs/ab/abcdef…``: the first two hex digits make a sub-folder so no folder grows huge.
A file is written to a temporary name, flushed to the disk, then renamed into place, so a
crash leaves either the whole file or none; reading checks the hash, so damage on disk is
caught before a damaged file is sent or printed.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from desk_app.atomic_file import write_atomically

from .errors import BlobCorrupted, BlobMissing, BlobNameError, StoreReadError, StoreWriteError

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_READ_CHUNK = 1 << 20


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


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        check_name(sha256)
        return self.root / sha256[:2] / sha256

    def hash_file(self, path: Path) -> str:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(_READ_CHUNK), b""):
                digest.update(chunk)
        return digest.hexdigest()

    def holds(self, sha256: str) -> bool:
        """True when the file is there and still hashes to its name."""
        target = self.path(sha256)
        try:
            return self.hash_file(target) == sha256
        except (FileNotFoundError, NotADirectoryError):
            return False

    def put(self, data: bytes) -> str:
        """Store ``data`` and return its hash. Storing the same bytes again changes nothing,
        except that a damaged copy already on disk is replaced by the good one."""
        sha256 = sha256_hex(data)
        target = self.path(sha256)
        try:
            if self.holds(sha256):
                return sha256
            write_atomically(target, data, prefix=f".{sha256[:8]}-")
            _fsync_dir(target.parent)
        except OSError as exc:
            raise StoreWriteError.of(exc) from exc
        return sha256

    def read(self, sha256: str) -> bytes:
        target = self.path(sha256)
        try:
            data = target.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            raise BlobMissing.of(sha256) from None
        except OSError as exc:
            raise StoreReadError.because(exc.strerror or str(exc)) from exc
        actual = sha256_hex(data)
        if actual != sha256:
            raise BlobCorrupted.of(sha256, actual)
        return data
