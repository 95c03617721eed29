"""Check every desk's audit log held by the central API: ``python -m central_api.audit_verify``.

The database is the service's own: ``--database-url`` / ``--data-dir`` as for ``python -m
central_api migrate``, else the ``ONE_STOP_CENTRAL_*`` environment (central_api.settings).
Each desk's lines are read in id order, a page at a time, and every link is recomputed
(``desk_app.store.audit_chain``). One line per desk; exit status 0 when every log is intact,
1 when any is broken (the first bad line of each is named), 2 when the database cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from central_api.db import Database
from central_api.desk_audit import DeskAuditLine
from central_api.serving import safe_url
from central_api.settings import CentralSettings
from desk_app.store.audit_chain import ChainEntry, ChainVerdict, ChainVerifier

PAGE = 5000


class UnreadableDatabase(Exception):
    pass


def _page(db: Database, desk_id: str, after_id: int) -> list[ChainEntry]:
    with db.reading() as session:
        rows = session.scalars(
            select(DeskAuditLine).where(DeskAuditLine.desk_id == desk_id, DeskAuditLine.id > after_id)
            .order_by(DeskAuditLine.id).limit(PAGE)
        )
        return [ChainEntry(id=r.id, at=r.at, actor=r.actor, action=r.action, subject=r.subject, details=r.details,
                           prev_hash=r.prev_hash, hash=r.hash) for r in rows]


def verify_desk(db: Database, desk_id: str) -> ChainVerdict:
    verifier = ChainVerifier()
    while verifier.verdict is None:
        page = _page(db, desk_id, verifier.last_id)
        if not page:
            break
        verifier.feed(page)
    return verifier.finish()


def verify_all(db: Database, desk_ids: Sequence[str] = ()) -> dict[str, ChainVerdict]:
    """The verdict on each desk's log (those named, or every desk that sent one)."""
    if not inspect(db.engine).has_table(DeskAuditLine.__tablename__):
        raise UnreadableDatabase("the database has no desk audit table: run 'python -m central_api migrate' first")
    if not desk_ids:
        with db.reading() as session:
            desk_ids = list(session.scalars(select(DeskAuditLine.desk_id).distinct().order_by(DeskAuditLine.desk_id)))
    return {desk_id: verify_desk(db, desk_id) for desk_id in desk_ids}


def _open(settings: CentralSettings) -> Database:
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and not (url.database and Path(url.database).is_file()):
        # Opening would create an empty database, and call every log intact.
        raise UnreadableDatabase(f"no database at {url.database}")
    return Database(settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m central_api.audit_verify",
                                     description="Check that every desk's audit log at the centre is complete and "
                                                 "unchanged.")
    parser.add_argument("--data-dir", help="folder of the SQLite file (when no database URL is given)")
    parser.add_argument("--database-url", help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db")
    parser.add_argument("--desk", action="append", default=[], help="check only this desk (may be repeated)")
    args = parser.parse_args(argv)
    settings = CentralSettings.from_env(data_dir=Path(args.data_dir) if args.data_dir else None,
                                        database_url=args.database_url)
    try:
        db = _open(settings)
        try:
            verdicts = verify_all(db, args.desk)
        finally:
            db.dispose()
    except (UnreadableDatabase, SQLAlchemyError) as exc:
        print(f"Cannot check the audit logs in {safe_url(settings.database_url)}: {exc}", file=sys.stderr)
        return 2
    broken = 0
    for desk_id, verdict in verdicts.items():
        if verdict.ok:
            print(f"{desk_id}: intact, {verdict.checked} entries, last #{verdict.last_id}")
        else:
            broken += 1
            print(f"{desk_id}: BROKEN at entry #{verdict.broken_id} ({verdict.reason}): {verdict.detail}")
    print(f"{len(verdicts)} desk audit logs checked, {broken} broken.")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
