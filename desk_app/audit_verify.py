"""Check a desk's audit log: ``python -m desk_app.audit_verify --data-dir FOLDER``.

Reads ``desk.sqlite3`` in FOLDER read-only with plain sqlite3 (no store key: the audit log
holds no personal data, and an inspector may not have the desk's keyring), recomputes
every link of the chain (``desk_app.store.audit_chain``) and holds the log against the last
line the central API acknowledged. Exit status: 0 intact, 1 broken (the first bad line is
named), 2 the file cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from desk_app.core.timeutil import VN_TZ
from desk_app.store.audit_chain import ChainEntry, ChainVerdict, ChainVerifier

DATABASE_NAME = "desk.sqlite3"
AUDIT_SENT_CURSOR = "audit_sent"  # DeskStore.AUDIT_SENT_CURSOR
PAGE = 5000


class UnreadableLog(Exception):
    """The file is missing, not a desk's database, or from before the chained audit log."""


def open_read_only(database: Path) -> sqlite3.Connection:
    if not database.is_file():
        raise UnreadableLog(f"no desk database at {database}")
    try:
        return sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise UnreadableLog(f"{database} cannot be opened: {exc}") from exc


def _moment(stored: str) -> datetime | str:
    # The store keeps times as naive UTC text (desk_app.store.models.VnDateTime). Text that is
    # no time is passed on as it is: the verifier then reports that line as changed.
    try:
        return datetime.fromisoformat(stored).replace(tzinfo=timezone.utc).astimezone(VN_TZ)
    except (TypeError, ValueError):
        return stored


def _details(stored: str | None) -> object:
    if stored is None:
        return None
    try:
        return json.loads(stored)
    except ValueError:
        return stored  # not JSON any more: hashed as the text, so the line shows as changed


def _entries(connection: sqlite3.Connection, after_id: int) -> list[ChainEntry]:
    rows = connection.execute(
        "SELECT id, at, actor, action, subject, details, prev_hash, hash FROM audit_log "
        "WHERE id > ? ORDER BY id LIMIT ?", (after_id, PAGE),
    ).fetchall()
    return [ChainEntry(id=row[0], at=_moment(row[1]), actor=row[2], action=row[3],  # type: ignore[arg-type]
                       subject=row[4], details=_details(row[5]), prev_hash=row[6] or "", hash=row[7] or "")
            for row in rows]


def _anchor(connection: sqlite3.Connection) -> tuple[int, str] | None:
    row = connection.execute("SELECT value FROM sync_cursors WHERE name = ?", (AUDIT_SENT_CURSOR,)).fetchone()
    if row is None or not row[0]:
        return None
    line_id, _, line_hash = str(row[0]).partition(":")
    return int(line_id), line_hash


def _pages(connection: sqlite3.Connection, verifier: ChainVerifier) -> Iterator[list[ChainEntry]]:
    while verifier.verdict is None:
        page = _entries(connection, verifier.last_id)
        if not page:
            return
        yield page


def verify_file(database: Path) -> ChainVerdict:
    """The verdict on the audit log of one desk database (UnreadableLog if it cannot be read)."""
    with closing(open_read_only(database)) as connection:
        try:
            columns = {row[1] for row in connection.execute("PRAGMA table_info(audit_log)")}
            if not columns:
                raise UnreadableLog(f"{database} has no audit log: it is not a desk's database")
            if not {"prev_hash", "hash"} <= columns:
                raise UnreadableLog(f"{database} predates the chained audit log: open it with the desk once "
                                    f"to upgrade it")
            verifier = ChainVerifier(anchor=_anchor(connection))
            for page in _pages(connection, verifier):
                verifier.feed(page)
            return verifier.finish()
        except (sqlite3.Error, ValueError) as exc:
            raise UnreadableLog(f"{database} cannot be read: {exc}") from exc


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desk_app.audit_verify",
                                     description="Check that a desk's audit log is complete and unchanged.")
    parser.add_argument("--data-dir", required=True, type=Path,
                        help=f"the desk's data folder (the one holding {DATABASE_NAME})")
    args = parser.parse_args(argv)
    database = args.data_dir / DATABASE_NAME
    try:
        verdict = verify_file(database)
    except UnreadableLog as exc:
        print(f"Cannot check the audit log: {exc}", file=sys.stderr)
        return 2
    if verdict.ok:
        print(f"Audit log intact: {verdict.checked} entries, last #{verdict.last_id} (hash {verdict.last_hash}).")
        return 0
    print(f"Audit log BROKEN at entry #{verdict.broken_id} ({verdict.reason}): {verdict.detail}. "
          f"{verdict.checked} entries before it are intact.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
