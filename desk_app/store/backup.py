"""A sealed copy of the desk's database, taken before a migration changes it.

A new version migrates the file inside one transaction, so a failed migration leaves the
file as it was; the copy is for what a transaction cannot undo: a migration that commits
and turns out wrong. It is taken with SQLite's online backup (a consistent snapshot, WAL
included) and sealed at once with the store key, in chunks of 1 MiB: each chunk's
associated data names the copy, its place and whether it is the last, so chunks cannot be
reordered, swapped between copies or cut off unseen. A copy of a file from before 0010
holds citizens' data in clear; sealed, it is no easier to read than the store itself.
The newest ``KEEP`` copies are kept.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from contextlib import closing
from datetime import datetime
from pathlib import Path

from .errors import SealBroken, StoreWriteError
from .sealing import Sealer

BACKUPS_DIR = "backups"
KEEP = 3
CHUNK = 1 << 20
SUFFIX = ".sealed"
_LENGTH = struct.Struct(">I")


def back_up(database: Path, folder: Path, sealer: Sealer, revision: str, now: datetime) -> Path:
    """Seal a copy of ``database`` (at ``revision``) into ``folder``; the copy's path."""
    name = f"desk-{revision}-{now.strftime('%Y%m%dT%H%M%S')}"
    clear = folder / f".{name}.part"
    target = folder / f"{name}{SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(clear)) as copy:
            source.backup(copy)
        sealing = target.with_name(target.name + ".part")
        with clear.open("rb") as reading, sealing.open("wb") as writing:
            chunk, index = reading.read(CHUNK), 0
            while True:
                following = reading.read(CHUNK)
                sealed = sealer.seal(chunk, _place(name, index, last=not following))
                writing.write(_LENGTH.pack(len(sealed)) + sealed)
                if not following:
                    break
                chunk, index = following, index + 1
            writing.flush()
            os.fsync(writing.fileno())
        os.replace(sealing, target)
    except (OSError, sqlite3.Error) as exc:
        raise StoreWriteError.because(str(exc), getattr(exc, "errno", None)) from exc
    finally:
        clear.unlink(missing_ok=True)
    for old in sorted(folder.glob(f"desk-*{SUFFIX}"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


def restore(sealed: Path, database: Path, sealer: Sealer) -> None:
    """Write the copy in ``sealed`` back as the file ``database`` (which must not exist).

    A chunk at a time: a counter PC of 4 GB restores a records file of any size. A copy that
    does not open whole leaves no file behind."""
    name = sealed.name[:-len(SUFFIX)]
    size = sealed.stat().st_size
    with sealed.open("rb") as reading, database.open("xb") as out:
        try:
            index, last = 0, size == 0
            while not last:
                header = reading.read(_LENGTH.size)
                if len(header) < _LENGTH.size:
                    raise SealBroken.at(sealed.name)
                (length,) = _LENGTH.unpack(header)
                piece = reading.read(length)
                last = reading.tell() >= size
                out.write(sealer.open(piece, _place(name, index, last=last)))
                index += 1
            if index == 0:
                raise SealBroken.at(sealed.name)
        except BaseException:
            out.close()
            database.unlink(missing_ok=True)  # this call made it: no half file is left to be taken for records
            raise


def _place(name: str, index: int, *, last: bool) -> str:
    return f"store_backup:{name}:{index}:{'last' if last else 'more'}"
