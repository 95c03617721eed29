"""Put a sealed copy of the desk's records back: ``python -m desk_app.restore_backup``.

For the site's IT, with the desk closed::

    python -m desk_app.restore_backup --data-dir PATH --list
    python -m desk_app.restore_backup --data-dir PATH [--backup NAME] [--yes]

``--data-dir`` means what it means to the desk (``python -m desk_app --data-dir``): the one
folder that holds ``data/``, ``config/`` and ``logs/``; without it, the desk's own folders
(or DESK_HOME). The copies are those the desk seals before it migrates its records to a new
version (``desk_app.store.backup``); ``--list`` shows them with the date they were taken and
the schema revision they were taken at. Restoring takes the newest unless ``--backup`` names
another, opens it with the store key from the OS keyring, keeps the records in use aside
(renamed with the time, never deleted), puts the copy in their place and opens it once the
way the desk does, which brings it to this version's schema and seals what an older version
kept in clear. The blob files (photos, scans) stay where they are; their keys are carried
over from the records set aside, since a copy older than the files cannot hold them.

Refusing while the desk runs: a running desk keeps its database open, and SQLite will not
give another program an exclusive lock on a file that any connection has open. The tool
asks for that lock (without waiting) before it starts and again just before it swaps the
files. The desk takes no lock file of its own, so a desk started in the instant between the
second check and the swap is not stopped; on Windows the swap itself then fails and nothing
changes.

Exit status:
  0  done: the copies listed, or the chosen one restored
  2  the command line is wrong
  3  nothing to restore: no sealed copy in the folder, or none by the name given
  4  the desk is running on these records: close it, then try again
  5  the store key is missing from the keyring, or it does not open this copy
     (a copy from another computer, or a damaged one)
  6  the disk refused; the records in use were left, or put back, as they were
  7  not confirmed: nothing was changed
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import sys
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk_app.core.messages import DeskError
from desk_app.core.timeutil import now_vn
from desk_app.credentials import TokenVault
from desk_app.paths import DeskPaths
from desk_app.store import DeskStore
from desk_app.store.backup import BACKUPS_DIR, SUFFIX, restore
from desk_app.store.desk_store import BLOBS_DIR, DATABASE_NAME
from desk_app.store.errors import SealBroken
from desk_app.store.sealing import Sealer
from desk_app.store_key import STORE_ID_FILE, load_store_key

DONE, NOTHING_TO_RESTORE, DESK_RUNNING, KEY_REFUSED, DISK_REFUSED, NOT_CONFIRMED = 0, 3, 4, 5, 6, 7
# desk_app.store.backup names a copy desk-<revision>-<yyyymmddThhmmss>.sealed.
_COPY_NAME = re.compile(r"^desk-(?P<revision>.+)-(?P<stamp>\d{8}T\d{6})" + re.escape(SUFFIX) + "$")
_STAMP = "%Y%m%dT%H%M%S"
SET_ASIDE_PREFIX = "desk-before-restore-"
# SQLite keeps a database's recent commits beside it; they move with it, or they would be
# read into the copy put in its place.
_COMPANIONS = ("", "-wal", "-shm")


class RestoreRefused(Exception):
    """Nothing was changed, for the reason given (``exit_code`` says which kind)."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class SealedCopy:
    path: Path
    size: int
    # From the name the desk gave the copy; None for a file named otherwise.
    revision: str | None
    taken_at: datetime | None

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class Restored:
    copy: SealedCopy
    set_aside: Path | None        # the records in use until now, kept under this name
    schema_revision: str | None   # what the restored records were brought to
    dossiers: int
    drafts: int
    blob_keys_carried: int
    blob_keys_problem: str | None  # why the keys could not be carried over, if they could not
    # The copy the desk sealed of the restored records before bringing them up to date (the
    # oldest copy may have made way for it).
    resealed: SealedCopy | None


def sealed_copies(store_dir: Path) -> list[SealedCopy]:
    """The sealed copies in the store's backup folder, oldest first."""
    folder = store_dir / BACKUPS_DIR
    if not folder.is_dir():
        return []
    copies = []
    for path in folder.glob(f"*{SUFFIX}"):
        if not path.is_file():
            continue
        match = _COPY_NAME.match(path.name)
        taken_at = None
        if match:
            try:
                taken_at = datetime.strptime(match["stamp"], _STAMP)
            except ValueError:
                taken_at = None
        copies.append(SealedCopy(path=path, size=path.stat().st_size, revision=match["revision"] if match else None,
                                 taken_at=taken_at))
    # The time in the name is when the desk took it; a copy carried in from elsewhere has
    # only its file time.
    return sorted(copies, key=lambda c: (c.taken_at or datetime.fromtimestamp(c.path.stat().st_mtime), c.name))


def choose(copies: Sequence[SealedCopy], name: str | None) -> SealedCopy:
    if not copies:
        raise RestoreRefused("There is no sealed copy of the records to restore in this folder.", NOTHING_TO_RESTORE)
    if name is None:
        return copies[-1]
    wanted = Path(name).name
    for copy in copies:
        if wanted in (copy.name, copy.name[:-len(SUFFIX)]):
            return copy
    raise RestoreRefused(f"There is no sealed copy named {wanted}. --list shows those there are.", NOTHING_TO_RESTORE)


def desk_is_running(database: Path) -> bool:
    """Whether some program (a running desk) has ``database`` open.

    Asks SQLite for an exclusive lock without waiting; any other connection to the file,
    even an idle one, keeps it from being granted (see the module's docstring)."""
    if not database.exists():
        return False
    connection = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return True
        return False  # a damaged file: nobody is using it, and restoring is what it needs
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()


def _refuse_if_running(database: Path) -> None:
    if desk_is_running(database):
        raise RestoreRefused("The desk is running on these records (or another program has them open). "
                             "Close the desk on this computer, then try again. Nothing was changed.", DESK_RUNNING)


def _staged(copy: SealedCopy, store_dir: Path, key: bytes) -> Path:
    """The copy opened into a file beside the records; refused when the key does not open it."""
    staging = store_dir / f".restoring-{copy.name[:-len(SUFFIX)]}.sqlite3"
    staging.unlink(missing_ok=True)
    try:
        restore(copy.path, staging, Sealer(key))
        # immutable: a copy in WAL mode would otherwise leave -wal and -shm files beside the records.
        with closing(sqlite3.connect(staging.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)) as connection:
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise RestoreRefused(f"The copy {copy.name} opened, but the records in it are damaged ({verdict}). "
                                 f"Choose another with --backup. Nothing was changed.", KEY_REFUSED)
    except SealBroken:
        staging.unlink(missing_ok=True)
        raise RestoreRefused(
            f"The store key in this computer's keyring does not open {copy.name}: the copy was made on another "
            f"computer or with another key, or it is damaged. Nothing was changed.", KEY_REFUSED) from None
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    return staging


def _set_aside(database: Path, stamp: str) -> Path | None:
    """Rename the records in use (and SQLite's files beside them) out of the way; the new name."""
    if not database.exists():
        return None
    base = database.with_name(f"{SET_ASIDE_PREFIX}{stamp}.sqlite3")
    number = 1
    while any(base.with_name(base.name + end).exists() for end in _COMPANIONS):
        number += 1
        base = database.with_name(f"{SET_ASIDE_PREFIX}{stamp}-{number}.sqlite3")
    moved: list[tuple[Path, Path]] = []
    try:
        for end in _COMPANIONS:
            source = database.with_name(database.name + end)
            if source.exists():
                target = base.with_name(base.name + end)
                os.replace(source, target)
                moved.append((source, target))
    except OSError:
        for source, target in reversed(moved):
            os.replace(target, source)
        raise
    return base


def _put_back(database: Path, aside: Path | None) -> None:
    for end in _COMPANIONS:
        database.with_name(database.name + end).unlink(missing_ok=True)
    if aside is None:
        return
    for end in _COMPANIONS:
        kept = aside.with_name(aside.name + end)
        if kept.exists():
            os.replace(kept, database.with_name(database.name + end))


def _carry_blob_keys(database: Path, aside: Path, blobs_dir: Path) -> int:
    """Give the restored records the key of every blob file on the disk, from the records set
    aside (the files were sealed by them). Returns how many keys were written."""
    present = {p.name for p in blobs_dir.glob("??/*")} if blobs_dir.is_dir() else set()
    if not present:
        return 0
    with closing(sqlite3.connect(aside.resolve().as_uri() + "?mode=ro", uri=True)) as kept:
        if kept.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'blob_keys'").fetchone() is None:
            return 0
        rows = [row for row in kept.execute("SELECT sha256, wrapped, created_at FROM blob_keys") if row[0] in present]
    if not rows:
        return 0
    with closing(sqlite3.connect(database)) as restored, restored:
        restored.executemany("INSERT OR REPLACE INTO blob_keys (sha256, wrapped, created_at) VALUES (?, ?, ?)", rows)
    return len(rows)


def restore_copy(paths: DeskPaths, copy: SealedCopy, key: bytes, now: datetime | None = None) -> Restored:
    """Put ``copy`` in place of the records under ``paths``; see the module's docstring."""
    store_dir = paths.store_dir
    database = store_dir / DATABASE_NAME
    _refuse_if_running(database)
    staging = _staged(copy, store_dir, key)
    copies_before = {c.name for c in sealed_copies(store_dir)}
    aside: Path | None = None
    swapped = False
    try:
        _refuse_if_running(database)
        aside = _set_aside(database, (now or now_vn()).strftime(_STAMP))
        swapped = True
        os.replace(staging, database)
        # Opened the way the desk opens it: migrated to this version's schema (after sealing
        # a copy of it, as before any migration) and sealed where an older version was clear.
        with DeskStore(store_dir, key=key) as store:
            figures = store.figures()
    except BaseException:
        staging.unlink(missing_ok=True)
        if swapped:
            _put_back(database, aside)
        raise
    carried, problem = 0, None
    if aside is not None:
        try:
            carried = _carry_blob_keys(database, aside, store_dir / BLOBS_DIR)
        except (sqlite3.Error, OSError) as exc:
            problem = str(exc)
    resealed = next((c for c in reversed(sealed_copies(store_dir)) if c.name not in copies_before), None)
    return Restored(copy=copy, set_aside=aside, schema_revision=figures["schema_revision"],
                    dossiers=figures["dossiers"], drafts=figures["drafts_parked"] + figures["drafts_in_progress"],
                    blob_keys_carried=carried, blob_keys_problem=problem, resealed=resealed)


# -- the command -----------------------------------------------------------------------


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / (1024 * 1024):.1f} MB"


def _when(copy: SealedCopy) -> str:
    return copy.taken_at.strftime("%Y-%m-%d %H:%M:%S") if copy.taken_at else "unknown"


def _print_list(copies: Sequence[SealedCopy], folder: Path) -> None:
    if not copies:
        print(f"No sealed copy of the records in {folder}.")
        return
    width = max(len(c.name) for c in copies)
    print(f"Sealed copies of the desk's records in {folder} (the newest last):")
    print(f"  {'NAME':<{width}}  {'TAKEN':<19}  {'SIZE':>10}  SCHEMA")
    for copy in copies:
        print(f"  {copy.name:<{width}}  {_when(copy):<19}  {_size(copy.size):>10}  {copy.revision or 'unknown'}")
    print("Without --backup NAME, the newest is restored.")


def _confirmed(copy: SealedCopy, assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        print("Restoring replaces the records in use: run again with --yes to confirm. Nothing was changed.",
              file=sys.stderr)
        return False
    print(f"This puts back the records as they were at {_when(copy)} ({copy.name}). The records in use now are "
          f"kept aside, not deleted. Work saved on this desk after that time will not be in the restored "
          f"records; what was already sent to the central system stays there.")
    try:
        return input("Type yes to restore: ").strip().lower() == "yes"
    except EOFError:
        return False


def _report(done: Restored, store_dir: Path) -> None:
    print(f"Restored {done.copy.name} (the records as they were at {_when(done.copy)}).")
    if done.set_aside is not None:
        print(f"The records in use until now are kept as {done.set_aside.name} in {store_dir}; "
              f"delete that file once the desk works again.")
    else:
        print("There were no records in use to keep aside.")
    print(f"The restored records were brought to this version's schema ({done.schema_revision}) and hold "
          f"{done.dossiers} dossier(s) and {done.drafts} draft(s).")
    if done.resealed is not None:
        print(f"Before bringing them up to date, the desk sealed a copy of them as {done.resealed.name}.")
    if done.blob_keys_problem is not None:
        print(f"The keys of the photos and scans could not be carried over from the records set aside "
              f"({done.blob_keys_problem}): some attachments may not open. Keep {done.set_aside} and tell "
              f"the desk's support.", file=sys.stderr)
    print("Start the desk. Dossiers saved after that time are still on the central system if they were sent.")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desk_app.restore_backup",
                                     description="List the sealed copies of a desk's records, or restore one. "
                                                 "Close the desk first.")
    parser.add_argument("--data-dir", metavar="PATH", type=Path,
                        help="the folder the desk was started with (--data-dir); default: the desk's own folders")
    parser.add_argument("--list", action="store_true", help="list the sealed copies, change nothing")
    parser.add_argument("--backup", metavar="NAME", help="the copy to restore (a name --list shows); default the newest")
    parser.add_argument("--yes", action="store_true", help="restore without asking to confirm")
    args = parser.parse_args(argv)
    paths = DeskPaths.under(args.data_dir) if args.data_dir else DeskPaths.default()
    store_dir = paths.store_dir
    copies = sealed_copies(store_dir)
    if args.list:
        _print_list(copies, store_dir / BACKUPS_DIR)
        return DONE
    try:
        copy = choose(copies, args.backup)
        _refuse_if_running(store_dir / DATABASE_NAME)
        if not (store_dir / STORE_ID_FILE).is_file():
            # Without its id the folder has no key in the keyring: asking would make a new one.
            raise RestoreRefused(f"{store_dir} has no {STORE_ID_FILE} file, so its key in the keyring cannot be "
                                 f"found. Nothing was changed.", KEY_REFUSED)
        if not _confirmed(copy, args.yes):
            return NOT_CONFIRMED
        try:
            key = load_store_key(store_dir, TokenVault(), demo=False, create=False).key
        except DeskError as exc:
            raise RestoreRefused(exc.english(), KEY_REFUSED) from exc  # its message says nothing changed
        done = restore_copy(paths, copy, key)
    except RestoreRefused as refused:
        print(str(refused), file=sys.stderr)
        return refused.exit_code
    except DeskError as exc:
        print(f"The records could not be restored: {exc.english()} The records in use were left as they were.",
              file=sys.stderr)
        return DISK_REFUSED
    except (OSError, sqlite3.Error) as exc:
        print(f"The records could not be restored ({exc}). The records in use were left as they were.",
              file=sys.stderr)
        return DISK_REFUSED
    _report(done, store_dir)
    return DONE


if __name__ == "__main__":
    sys.exit(main())
