"""A desk's audit log reaches the central API with the sync pass, in order and in batches,
and the centre's copy verifies: real desk stores on tmp_path, the real central API on loopback.
A crash between sending and marking only sends the same lines again; the centre's verifier
passes, and names a line changed in its database."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import make_url

from central_api.audit_verify import verify_desk
from central_api.db import Database
from desk_app.store import StoreWriteError
from desk_app.sync.engine import AUDIT_BATCH
from tests.support.central_server import RunningCentral
from tests.support.store_keys import open_store

from .conftest import Desk, MutableClock
from .test_engine import engine_for

ROOT = Path(__file__).resolve().parents[2]


def central_lines(central: RunningCentral, desk_id: str) -> list[tuple[int, str]]:
    with closing(sqlite3.connect(_database_file(central))) as connection:
        return connection.execute("SELECT id, hash FROM desk_audit WHERE desk_id = ? ORDER BY id", (desk_id,)).fetchall()


def _database_file(central: RunningCentral) -> str:
    assert central.backend == "sqlite"
    database = make_url(central.database_url).database
    assert database is not None
    return database


def central_verdict(central: RunningCentral, desk_id: str):
    db = Database(central.database_url)
    try:
        return verify_desk(db, desk_id)
    finally:
        db.dispose()


def run_central_verifier(central: RunningCentral, desk_id: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "central_api.audit_verify", "--database-url", central.database_url,
                           "--desk", desk_id], cwd=ROOT, capture_output=True, text=True, timeout=120)


def desk_lines(desk: Desk) -> list[tuple[int, str]]:
    return [(line.id, line.hash) for line in desk.store.audit_chain(limit=100_000)]


def test_audit_lines_made_on_a_desk_reach_the_centre_with_the_pass(make_desk, sync_central) -> None:
    desk: Desk = make_desk()
    desk.store.audit("canbo01", "session.signed_in", details={"mode": "online"})
    saved = desk.save(portraits=0)  # audited as dossier.saved in its own commit
    desk.store.audit("canbo01", "export.dashboard", details={"format": "csv", "first": "2026-11-01",
                                                             "last": "2026-11-24"})
    report = engine_for(desk).run_once()
    assert report.error is None and report.sent == 1
    lines = desk_lines(desk)
    assert {"dossier.saved", "session.signed_in", "code_lease.added"} <= {
        line.action for line in desk.store.audit_chain()}
    assert central_lines(sync_central, desk.desk_id) == lines
    assert desk.store.audit_sent() == lines[-1]
    assert saved.client_id in {line.subject for line in desk.store.audit_chain()}
    verdict = central_verdict(sync_central, desk.desk_id)
    assert (verdict.ok, verdict.last_id, verdict.last_hash) == (True, *lines[-1])

    # Nothing new: the next pass sends nothing; something new: only that goes.
    sends = len(desk.wire.calls("POST", "/audit"))
    engine_for(desk).run_once()
    assert len(desk.wire.calls("POST", "/audit")) == sends
    desk.store.audit("canbo01", "session.locked", details={"reason": "idle"})
    engine_for(desk).run_once()
    assert len(desk.wire.calls("POST", "/audit")) == sends + 1
    assert central_lines(sync_central, desk.desk_id) == desk_lines(desk)


def test_a_long_log_goes_in_batches_in_one_pass(make_desk, sync_central) -> None:
    desk: Desk = make_desk()
    for n in range(2 * AUDIT_BATCH + 30):
        desk.store.audit("canbo01", "dossier.status", f"client-{n}", {"to": 10})
    engine_for(desk).run_once()
    posts = desk.wire.calls("POST", "/audit")
    assert [status for *_, status, _h in posts] == [200, 200, 200]
    assert central_lines(sync_central, desk.desk_id) == desk_lines(desk)


def test_a_crash_between_sending_and_marking_sends_the_same_lines_again_harmlessly(
        make_desk, sync_central, tmp_path, monkeypatch) -> None:
    desk: Desk = make_desk()
    for n in range(5):
        desk.store.audit("canbo01", "receipt.printed", f"client-{n}", {"copies": 2})

    def disk_gone(last_id: int) -> None:
        raise StoreWriteError.because("disk I/O error")

    monkeypatch.setattr(desk.store, "mark_audit_sent", disk_gone)
    report = engine_for(desk).run_once()
    assert report.error is None  # the audit stage is never the pass's problem
    sent_once = central_lines(sync_central, desk.desk_id)
    assert sent_once == desk_lines(desk) and desk.store.audit_sent() is None

    # The desk restarts (a new store on the same folder) and syncs again.
    folder = desk.store.data_dir
    desk.store.close()
    desk.store = open_store(folder)
    desk.store.audit("canbo01", "session.signed_in", details={"mode": "offline"})
    engine_for(desk).run_once()
    posts = desk.wire.calls("POST", "/audit")
    assert [status for *_, status, _h in posts] == [200, 200]
    assert central_lines(sync_central, desk.desk_id) == desk_lines(desk)  # no line twice, none lost
    assert desk.store.audit_sent() == desk_lines(desk)[-1]


def test_lines_the_centre_lost_are_sent_again_from_where_its_copy_ends(make_desk, sync_central) -> None:
    desk: Desk = make_desk()
    clock = MutableClock()
    sync = engine_for(desk, clock=clock)
    for n in range(4):
        desk.store.audit("canbo01", "dossier.status", f"client-{n}", {"to": 10})
    sync.run_once()
    # The centre is restored from a backup taken before this desk's lines arrived.
    with closing(sqlite3.connect(_database_file(sync_central))) as connection:
        connection.execute("DELETE FROM desk_audit WHERE desk_id = ?", (desk.desk_id,))
        connection.commit()
    desk.store.audit("canbo01", "session.signed_out")
    report = sync.run_once()  # refused (the batch starts past the centre's copy); cursor moved back
    assert report.error is None
    assert desk.store.audit_sent() is not None and desk.store.audit_sent()[0] == 0
    clock.advance(hours=1)
    sync.run_once()
    assert central_lines(sync_central, desk.desk_id) == desk_lines(desk)
    assert central_verdict(sync_central, desk.desk_id).ok


def test_a_refused_log_never_stops_the_dossiers(make_desk, sync_central, tmp_path) -> None:
    desk: Desk = make_desk()
    desk.store.audit("canbo01", "session.signed_in", details={"mode": "online"})
    engine_for(desk).run_once()
    # The desk is reinstalled under the same desk id: a new log, whose line 1 is not the
    # centre's line 1. The centre refuses it (409); the dossier still goes.
    reinstalled = Desk(desk.desk_id, open_store(tmp_path / "reinstalled"), desk.client, desk.login, desk.wire,
                       desk.catalogue, desk.base_url)
    try:
        saved = reinstalled.save(portraits=0, seed=7)
        report = engine_for(reinstalled).run_once()
        assert (report.error, report.online, report.sent) == (None, True, 1)
        assert desk.wire.calls("POST", "/audit")[-1][2] == 409
        assert reinstalled.store.audit_sent() is None
        assert reinstalled.store.get_dossier(saved.client_id).code
    finally:
        reinstalled.store.close()


def test_the_central_verifier_passes_and_names_a_line_changed_in_its_database(make_desk, sync_central) -> None:
    desk: Desk = make_desk()
    for n in range(6):
        desk.store.audit("canbo01", "receipt.printed", f"client-{n}", {"copies": n + 1, "printer": "Quầy 2"})
    engine_for(desk).run_once()
    lines = desk_lines(desk)
    done = run_central_verifier(sync_central, desk.desk_id)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{desk.desk_id}: intact, {len(lines)} entries" in done.stdout

    target = lines[2][0]
    database = _database_file(sync_central)
    with closing(sqlite3.connect(database)) as connection:
        [(details,)] = connection.execute("SELECT details FROM desk_audit WHERE desk_id = ? AND id = ?",
                                          (desk.desk_id, target)).fetchall()
        connection.execute("UPDATE desk_audit SET details = ? WHERE desk_id = ? AND id = ?",
                           ('{"copies": 99, "printer": "Quầy 2"}', desk.desk_id, target))
        connection.commit()
    try:
        done = run_central_verifier(sync_central, desk.desk_id)
        assert done.returncode == 1, done.stdout + done.stderr
        assert f"{desk.desk_id}: BROKEN at entry #{target} (changed)" in done.stdout
    finally:
        with closing(sqlite3.connect(database)) as connection:
            connection.execute("UPDATE desk_audit SET details = ? WHERE desk_id = ? AND id = ?",
                               (details, desk.desk_id, target))
            connection.commit()
    assert central_verdict(sync_central, desk.desk_id).ok


def test_the_central_verifier_refuses_a_database_that_is_not_there(tmp_path: Path) -> None:
    absent = tmp_path / "central.sqlite3"
    done = subprocess.run([sys.executable, "-m", "central_api.audit_verify", "--database-url", f"sqlite:///{absent}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "no database" in done.stderr
    assert not absent.exists()  # nor did it make an empty one
