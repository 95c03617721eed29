"""What keeping a desk's records safe across an update costs, against plain copies, in the same run.

- ``backup``: ``store.backup.back_up`` of a desk's records file (SQLite's online backup, then
  sealed in 1 MiB chunks with AES-GCM and fsync'd), as the desk does before it migrates.
  Against it, ``plain_backup``: SQLite's online backup of the same file alone, the copy any
  backup has to make. ``backup_ratio`` = backup / plain_backup.
- ``restore``: ``store.backup.restore`` of that copy (opened a chunk at a time and written)
  against copying the plain copy's bytes to a new file. ``restore_ratio``.
- ``upgrade``: opening a file an earlier desk (schema 0009, everything in clear) wrote: the
  sealed copy, then the migration that seals every row. ``backup_share`` = the copy's part of
  that whole opening.

The records are a site's synthetic dossiers (tests/support/seed_queue.py), sealed as the
store seals them. Prints one JSON object; times in milliseconds (medians), sizes in MB.
``--quick`` runs a small file and few rounds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import closing
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alembic import command  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402

from desk_app.core.timeutil import now_vn  # noqa: E402
from desk_app.store import backup  # noqa: E402
from desk_app.store.migrate import alembic_config, head_revision  # noqa: E402
from desk_app.store.sealing import Sealer  # noqa: E402
from tests.support.seed_queue import seed_dossiers  # noqa: E402
from tests.support.store_keys import key_for, open_store  # noqa: E402

EARLIER = "0009_audit_chain"
TODAY = date(2026, 11, 20)


def median_ms(runs: int, work) -> float:  # noqa: ANN001 - a callable taking the round's number
    times = []
    for round_ in range(runs):
        started = time.perf_counter()
        work(round_)
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def filled_store(folder: Path, dossiers: int) -> Path:
    with open_store(folder) as store:
        seed_dossiers(store, dossiers, today=TODAY)
    return folder / "desk.sqlite3"


def plain_backup(database: Path, target: Path) -> None:
    with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small file and few rounds (the smoke test)")
    args = parser.parse_args()
    dossiers, rounds = (500, 3) if args.quick else (20_000, 7)

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        desk = root / "desk"
        database = filled_store(desk, dossiers)
        sealer = Sealer(key_for(desk))
        size_mb = database.stat().st_size / 1e6
        copies = root / "copies"

        plain = median_ms(rounds, lambda n: plain_backup(database, root / f"plain-{n}.sqlite3"))
        made: list[Path] = []
        sealed = median_ms(rounds, lambda n: made.append(
            backup.back_up(database, copies / str(n), sealer, head_revision(), now_vn())))
        plain_copy = root / "plain-0.sqlite3"
        copied = median_ms(rounds, lambda n: shutil.copyfile(plain_copy, root / f"copied-{n}.sqlite3"))
        restored = median_ms(rounds, lambda n: backup.restore(made[0], root / f"restored-{n}.sqlite3", sealer))
        with closing(sqlite3.connect(root / "restored-0.sqlite3")) as check:
            assert check.execute("SELECT count(*) FROM dossiers").fetchone()[0] == dossiers

        # The file as the desk before this one left it, then opened by this one (copy + migration).
        engine = create_engine(f"sqlite:///{database}")
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection, sealer), EARLIER)
        engine.dispose()
        shutil.rmtree(desk / backup.BACKUPS_DIR, ignore_errors=True)
        copying: list[float] = []
        real_back_up = backup.back_up

        def timed_back_up(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the store's own call, timed
            began = time.perf_counter()
            try:
                return real_back_up(*args, **kwargs)
            finally:
                copying.append((time.perf_counter() - began) * 1000)

        backup.back_up = timed_back_up
        try:
            started = time.perf_counter()
            with open_store(desk):
                pass
            upgrade = (time.perf_counter() - started) * 1000
        finally:
            backup.back_up = real_back_up
        assert len(copying) == 1, "the store made no copy before migrating"

    print(json.dumps({
        "dossiers": dossiers,
        "records_mb": round(size_mb, 1),
        "rounds": rounds,
        "plain_backup_ms": plain,
        "backup_ms": sealed,
        "backup_ratio": round(sealed / plain, 2),
        "plain_copy_ms": copied,
        "restore_ms": restored,
        "restore_ratio": round(restored / copied, 2),
        "upgrade_from_0009_ms": round(upgrade, 2),
        "backup_share": round(copying[0] / upgrade, 3),
    }))


if __name__ == "__main__":
    main()
