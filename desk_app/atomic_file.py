"""Writing a file so that a power cut or a crash leaves the old file or the new one, never half.

Counter PCs lose power; the settings, the receipt keys and every stored blob are written
this way: to a temporary file beside the target, flushed to the disk, then renamed over it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, *, prefix: str | None = None) -> None:
    """Write ``data`` to ``path`` all at once; ``prefix`` names the temporary file meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix or f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
