"""The audit log as a hash chain on a real desk file: every line links to the one before it,
and a line changed, removed or moved with plain sqlite3 is found and named, by the store and
by ``python -m desk_app.audit_verify`` (which reads the file read-only, without the store key)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from desk_app.audit_verify import verify_file
from desk_app.core.timeutil import VN_TZ
from desk_app.store.audit_chain import CHANGED, GENESIS, REMOVED, REORDERED, ChainEntry, entry_hash, verify_chain
from desk_app.store.migrate import alembic_config
from tests.support.store_keys import open_store

ROOT = Path(__file__).resolve().parents[2]


class Ticks:
    """A clock a millisecond and a bit further on at every reading (microseconds kept)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 24, 8, 0, tzinfo=VN_TZ)

    def __call__(self) -> datetime:
        self.now += timedelta(microseconds=1234)
        return self.now


def written(folder: Path, lines: int = 8) -> Path:
    """A desk file with ``lines`` audit lines, closed (so the file alone holds them)."""
    with open_store(folder, clock=Ticks()) as store:
        for n in range(1, lines + 1):
            store.audit("canbo01", "receipt.printed", f"client-{n}",
                        {"copies": n, "printer": "Quầy 3", "ratio": n / 3, "nested": {"b": [n], "a": None}})
    return folder / "desk.sqlite3"


def tamper(database: Path, *statements: str) -> None:
    with closing(sqlite3.connect(database)) as connection:
        for statement in statements:
            connection.execute(statement)
        connection.commit()


def run_verifier(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desk_app.audit_verify", "--data-dir", str(folder)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def file_digest(database: Path) -> str:
    return hashlib.sha256(database.read_bytes()).hexdigest()


# -- the chain as the store writes it -----------------------------------------------------


def test_every_line_links_to_the_one_before_and_hashes_what_the_store_reads_back(tmp_path: Path) -> None:
    written(tmp_path)
    with open_store(tmp_path) as store:
        lines = store.audit_chain()
        assert [line.id for line in lines] == list(range(1, 9))
        assert lines[0].prev_hash == GENESIS
        for before, line in zip([None, *lines], lines):
            assert line.prev_hash == (before.hash if before else GENESIS)
            assert line.hash == entry_hash(line.prev_hash, line)
        assert lines[4].at.microsecond != 0  # the hash survived the trip through the file's time column
        verdict = store.verify_audit_chain()
    assert (verdict.ok, verdict.checked, verdict.last_id, verdict.last_hash) == (True, 8, 8, lines[-1].hash)


def test_lines_of_one_transaction_chain_in_the_order_written(tmp_path: Path) -> None:
    with open_store(tmp_path, clock=Ticks()) as store:
        store.audit("canbo01", "session.signed_in", details={"mode": "online"})

        def three(session) -> None:
            for action in ("outbox.held", "attachments.resent", "outbox.requeued"):
                store._add_audit(session, "system", action, "client-x", {"entry_id": 4})

        store._write(three)
        store.audit("canbo01", "session.signed_out")
        lines = store.audit_chain()
        assert [(line.id, line.action) for line in lines] == [
            (1, "session.signed_in"), (2, "outbox.held"), (3, "attachments.resent"), (4, "outbox.requeued"),
            (5, "session.signed_out")]
        assert store.verify_audit_chain().ok


def test_a_transaction_rolled_back_leaves_no_link_behind(tmp_path: Path) -> None:
    with open_store(tmp_path, clock=Ticks()) as store:
        store.audit("canbo01", "session.signed_in")

        def fails(session) -> None:
            store._add_audit(session, "system", "outbox.held", "client-x", None)
            raise RuntimeError("the rest of the work failed")

        with pytest.raises(RuntimeError):
            store._write(fails)
        store.audit("canbo01", "session.signed_out")
        assert [line.id for line in store.audit_chain()] == [1, 2]
        assert store.verify_audit_chain().ok


def test_writers_on_many_threads_still_make_one_chain(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        def officer(n: int) -> None:
            for k in range(25):
                store.audit(f"canbo{n:02d}", "dossier.status", f"client-{n}-{k}", {"to": 10})

        threads = [threading.Thread(target=officer, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        verdict = store.verify_audit_chain()
    assert (verdict.ok, verdict.checked) == (True, 150)


def test_details_are_checked_and_kept_storable_before_they_are_hashed(tmp_path: Path) -> None:
    with open_store(tmp_path, clock=Ticks()) as store:
        with pytest.raises(ValueError):
            store.audit("canbo01", "odd", details={"ratio": float("nan")})
        # NUL and a lone surrogate can be neither stored at the centre nor encoded as UTF-8.
        store.audit("canbo\x00", "odd", "sub\ud800ject", {"name\x00": ["a\udfffb"]})
        [line] = store.audit_chain()
        assert (line.actor, line.subject, line.details) == ("canbo\ufffd", "sub\ufffdject", {"name\ufffd": ["a\ufffdb"]})
        assert store.verify_audit_chain().ok
        assert len(store.audit_chain()) == 1  # the refused one left nothing


# -- tampering with the file -------------------------------------------------------------


def test_an_intact_log_passes_and_the_verifier_reads_the_file_without_changing_it(tmp_path: Path) -> None:
    database = written(tmp_path)
    before = file_digest(database)
    done = run_verifier(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "intact: 8 entries" in done.stdout and "last #8" in done.stdout
    assert file_digest(database) == before
    assert verify_file(database).ok


def test_a_changed_line_is_named(tmp_path: Path) -> None:
    database = written(tmp_path)
    tamper(database, """UPDATE audit_log SET details = '{"copies": 1, "printer": "Quầy 9"}' WHERE id = 5""")
    verdict = verify_file(database)
    assert (verdict.ok, verdict.broken_id, verdict.reason, verdict.checked) == (False, 5, CHANGED, 4)
    done = run_verifier(tmp_path)
    assert done.returncode == 1
    assert "BROKEN at entry #5 (changed)" in done.stdout


@pytest.mark.parametrize("column, value", [("actor", "'canbo02'"), ("action", "'receipt.reprinted'"),
                                           ("subject", "NULL"), ("at", "'2026-11-24 01:00:00.000000'"),
                                           ("details", "'not json at all'"), ("at", "'yesterday'")])
def test_any_field_changed_breaks_its_line(tmp_path: Path, column: str, value: str) -> None:
    database = written(tmp_path)
    tamper(database, f"UPDATE audit_log SET {column} = {value} WHERE id = 3")
    verdict = verify_file(database)
    assert (verdict.ok, verdict.broken_id, verdict.reason) == (False, 3, CHANGED)


def test_a_removed_line_is_named(tmp_path: Path) -> None:
    database = written(tmp_path)
    tamper(database, "DELETE FROM audit_log WHERE id = 4")
    verdict = verify_file(database)
    assert (verdict.ok, verdict.broken_id, verdict.reason) == (False, 4, REMOVED)
    done = run_verifier(tmp_path)
    assert done.returncode == 1 and "#4" in done.stdout and "missing" in done.stdout


def test_lines_swapped_are_found_moved(tmp_path: Path) -> None:
    database = written(tmp_path)
    tamper(database, "UPDATE audit_log SET id = -3 WHERE id = 3", "UPDATE audit_log SET id = 3 WHERE id = 6",
           "UPDATE audit_log SET id = 6 WHERE id = -3")
    verdict = verify_file(database)
    assert (verdict.ok, verdict.broken_id, verdict.reason) == (False, 3, REORDERED)
    assert run_verifier(tmp_path).returncode == 1


def test_a_line_rewritten_with_a_fresh_hash_still_breaks_the_next_link(tmp_path: Path) -> None:
    database = written(tmp_path)
    with open_store(tmp_path) as store:
        line = store.audit_chain(after_id=2, limit=1)[0]
    forged = ChainEntry(**{**line.__dict__, "actor": "someone.else", "hash": ""})
    forged_hash = entry_hash(line.prev_hash, forged)
    tamper(database, f"UPDATE audit_log SET actor = 'someone.else', hash = '{forged_hash}' WHERE id = 3")
    verdict = verify_file(database)
    assert (verdict.ok, verdict.broken_id, verdict.reason) == (False, 3, CHANGED)
    assert "no longer link" in verdict.detail


def _rewrite_from(database: Path, first_id: int, actor: str) -> None:
    """Change a line and recompute every hash after it: consistent in itself."""
    with closing(sqlite3.connect(database)) as connection:
        rows = connection.execute("SELECT id, at, actor, action, subject, details, hash FROM audit_log "
                                  "ORDER BY id").fetchall()
        previous = GENESIS
        for row in rows:
            line_id, at, old_actor, action, subject, details, old_hash = row
            if line_id < first_id:
                previous = old_hash
                continue
            entry = ChainEntry(id=line_id, at=_vn(at), actor=actor if line_id == first_id else old_actor,
                               action=action, subject=subject, details=json.loads(details) if details else None,
                               prev_hash=previous, hash="")
            previous = entry_hash(previous, entry)
            connection.execute("UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?",
                               (entry.actor, entry.prev_hash, previous, line_id))
        connection.commit()


def _vn(stored: str) -> datetime:
    return datetime.fromisoformat(stored).replace(tzinfo=timezone.utc).astimezone(VN_TZ)


def test_a_log_rewritten_to_the_end_is_caught_by_what_the_centre_acknowledged(tmp_path: Path) -> None:
    database = written(tmp_path)
    with open_store(tmp_path) as store:
        store.mark_audit_sent(6)
    _rewrite_from(database, 2, "someone.else")
    # Alone, a chain rewritten with every hash recomputed holds together ...
    with open_store(tmp_path) as store:
        assert verify_chain(store.audit_chain()).ok
    # ... but line 6 is not the one the central API acknowledged.
    verdict = verify_file(database)
    assert (verdict.ok, verdict.broken_id, verdict.reason) == (False, 6, CHANGED)
    assert "acknowledged" in verdict.detail
    assert run_verifier(tmp_path).returncode == 1


def test_lines_cut_from_the_end_are_caught_by_what_the_centre_acknowledged(tmp_path: Path) -> None:
    database = written(tmp_path)
    with open_store(tmp_path) as store:
        store.mark_audit_sent(7)
    tamper(database, "DELETE FROM audit_log WHERE id >= 6")
    verdict = verify_file(database)
    assert (verdict.ok, verdict.broken_id, verdict.reason) == (False, 6, REMOVED)
    with open_store(tmp_path) as store:
        assert store.verify_audit_chain().broken_id == 6


def test_the_verifier_says_when_it_cannot_read_the_file(tmp_path: Path) -> None:
    done = run_verifier(tmp_path / "nowhere")
    assert done.returncode == 2 and "no desk database" in done.stderr


# -- migration 0009 ----------------------------------------------------------------------


def test_a_desk_file_at_0008_gets_its_existing_lines_chained(tmp_path: Path) -> None:
    database = tmp_path / "desk.sqlite3"
    engine = create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0008_oversight")
    engine.dispose()
    old_rows = [  # as the store of 0008 wrote them: naive UTC text, JSON text or NULL
        (1, "2026-11-20 01:30:00.000000", "system", "catalogue.saved", "2026.11.1", '{"etag": "\\"v1\\""}'),
        (2, "2026-11-20 02:31:07.250001", "canbo01", "dossier.saved", "c-1",
         '{"code": "000.00.17.H56-261120-0001", "status": 2, "note": "Đã nhận"}'),
        (3, "2026-11-20 02:35:00.000000", "canbo01", "receipt.printed", "c-1", "null"),
        (4, "2026-11-20 03:00:00.000000", "giamsat01", "login", None, None),
    ]
    with closing(sqlite3.connect(database)) as connection:
        connection.executemany("INSERT INTO audit_log (id, at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?, ?)",
                               old_rows)
        connection.commit()

    with open_store(tmp_path, clock=Ticks()) as store:  # opening migrates to head
        lines = store.audit_chain()
        assert [(line.id, line.actor, line.action) for line in lines] == [(r[0], r[2], r[3]) for r in old_rows]
        assert lines[1].details["note"] == "Đã nhận" and lines[2].details is None
        assert store.verify_audit_chain().ok
        store.audit("canbo01", "session.signed_in", details={"mode": "offline"})
        newest = store.audit_chain(after_id=4)
        assert [(line.id, line.prev_hash) for line in newest] == [(5, lines[-1].hash)]
    assert verify_file(database).ok
    assert run_verifier(tmp_path).returncode == 0


def test_migration_0009_goes_back_to_plain_lines(tmp_path: Path) -> None:
    database = tmp_path / "desk.sqlite3"
    engine = create_engine(f"sqlite:///{database}")
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0009_audit_chain")
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0008_oversight")
    finally:
        engine.dispose()
    with closing(sqlite3.connect(database)) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(audit_log)")}
    assert columns == {"id", "at", "actor", "action", "subject", "details"}


def test_verify_chain_reads_pages_with_a_start(tmp_path: Path) -> None:
    written(tmp_path, lines=5)
    with open_store(tmp_path) as store:
        lines = store.audit_chain()
    assert verify_chain(lines[2:], after_id=2, after_hash=lines[1].hash).ok
    late = verify_chain(lines[2:])  # without its start, line 3 is not where the log begins
    assert (late.ok, late.broken_id, late.reason) == (False, 1, REMOVED)
