"""Where attachment bytes live, behind a small interface.

Uploads arrive in chunks, so a blob has two lives: a partial file that only grows at its
end, then, once its hash is checked, a final content-addressed file that never changes.
The filesystem implementation is the only one today; an object store would implement the
same five calls.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import BinaryIO, Protocol

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
_READ_SIZE = 1024 * 1024


class OffsetMismatch(Exception):
    def __init__(self, current: int) -> None:
        super().__init__(f"upload is at offset {current}")
        self.current = current


class HashMismatch(Exception):
    def __init__(self, actual: str) -> None:
        super().__init__(f"stored bytes hash to {actual}")
        self.actual = actual


class BlobStore(Protocol):
    def partial_size(self, sha256: str) -> int:
        """Bytes received so far for an unfinished upload (0 when none started)."""

    def append(self, sha256: str, offset: int, data: bytes) -> int:
        """Add ``data`` at ``offset`` (which must be the current end); returns the new end."""

    def commit(self, sha256: str) -> str:
        """Hash the partial; keep it under its name if the hash matches, else drop it.

        Returns the hash of the stored bytes, raises HashMismatch otherwise."""

    def discard(self, sha256: str) -> None:
        """Forget an unfinished upload."""

    def has(self, sha256: str) -> bool:
        """True when the final, verified blob is stored."""

    def open(self, sha256: str) -> BinaryIO:
        """The verified bytes, for reading."""

    def lock(self, sha256: str) -> AbstractContextManager[None]:
        """Held while one blob's upload state is read and changed."""


class FilesystemBlobStore:
    """Final blobs at ``root/ab/abcdef…``; partial uploads at ``root/partial/abcdef….part``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._partial_dir = self.root / "partial"
        self._partial_dir.mkdir(parents=True, exist_ok=True)
        self._lock_dir = self.root / "locks"
        self._lock_dir.mkdir(exist_ok=True)
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    @contextmanager
    def lock(self, sha256: str) -> Iterator[None]:
        """Serialises the chunks of one blob across threads and across processes.

        uvicorn workers (and two servers on one host) share this folder, so a thread lock
        alone would let two processes append to one partial file at once. The file lock is
        striped over 256 files by the hash's first byte, so lock files do not pile up."""
        _check(sha256)
        with self._guard:
            lock = self._locks.setdefault(sha256, threading.Lock())
        with lock, _file_lock(self._lock_dir / f"{sha256[:2]}.lock"):
            yield

    def final_path(self, sha256: str) -> Path:
        _check(sha256)
        return self.root / sha256[:2] / sha256

    def _partial_path(self, sha256: str) -> Path:
        _check(sha256)
        return self._partial_dir / f"{sha256}.part"

    def partial_size(self, sha256: str) -> int:
        try:
            return self._partial_path(sha256).stat().st_size
        except FileNotFoundError:
            return 0

    def append(self, sha256: str, offset: int, data: bytes) -> int:
        path = self._partial_path(sha256)
        with open(path, "ab") as handle:
            current = handle.tell()
            if current != offset:
                raise OffsetMismatch(current)
            handle.write(data)
            handle.flush()
            # The answer tells the desk these bytes are safe; they must be on disk first.
            os.fsync(handle.fileno())
            return handle.tell()

    def commit(self, sha256: str) -> str:
        partial = self._partial_path(sha256)
        digest = hashlib.sha256()
        with open(partial, "rb") as handle:
            while chunk := handle.read(_READ_SIZE):
                digest.update(chunk)
        actual = digest.hexdigest()
        if actual != sha256:
            partial.unlink(missing_ok=True)
            raise HashMismatch(actual)
        final = self.final_path(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, final)
        _fsync_dir(final.parent)
        return actual

    def discard(self, sha256: str) -> None:
        self._partial_path(sha256).unlink(missing_ok=True)

    def has(self, sha256: str) -> bool:
        return SHA256_HEX.match(sha256) is not None and self.final_path(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        return open(self.final_path(sha256), "rb")


def _check(sha256: str) -> None:
    # Hashes become file names: anything but 64 lowercase hex digits could walk the tree.
    if not SHA256_HEX.match(sha256):
        raise ValueError(f"not a lowercase SHA-256 hex digest: {sha256!r}")


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive flock; blocks until the holder (another thread or process) lets go."""
    if fcntl is None:
        # Windows: only the desk's in-process demo server runs there, one process, so the
        # thread lock in FilesystemBlobStore.lock is enough.
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
