"""Store keys for tests: one per folder, derived from its path, so a store reopened (in this
process or in a child process, as the kill tests do) finds the key it was sealed with, as a
desk finds its key in the OS keyring."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from desk_app.store import DeskStore


def key_for(data_dir: Path | str) -> bytes:
    return hashlib.sha256(b"test store key:" + str(Path(data_dir).resolve()).encode()).digest()


def open_store(data_dir: Path | str, *, copied_from: Path | str | None = None, **kwargs: Any) -> DeskStore:
    """The store in ``data_dir``; ``copied_from``: the folder it was copied from, whose key sealed it."""
    return DeskStore(Path(data_dir), key=key_for(copied_from if copied_from is not None else data_dir), **kwargs)
