"""A desk's records from every earlier version open in this one with nothing lost.

Each earlier version's file is made the way that version left it: a store holding the work
that version could hold (no prints before 0007, no reviews before 0008...) is taken back,
revision by revision, to that version's schema, and its blob files are put back in clear,
as every version before 0010 wrote them. Opening it with this
version must migrate it, seal it, and give back every dossier, blob, event, fee, draft,
look-up, check, print and audit line that version had.
"""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from desk_app.core.dossier import DossierStatus, FeeLine
from desk_app.core.fees import FeeRecord, PaymentMethod
from desk_app.core.review import ReviewAction, new_review
from desk_app.core.upstream_checks import CheckOutcome, CheckState, CheckSummary
from desk_app.store import DeskStore
from desk_app.store.backup import BACKUPS_DIR, back_up, restore
from desk_app.store.blobs import sha256_hex
from desk_app.store.errors import SealBroken
from desk_app.store.migrate import alembic_config, head_revision
from desk_app.store.sealing import Sealer

from .builders import RECEIVED_AT, jpeg, make_dossier
from tests.support.store_keys import key_for, open_store

CCCD = "056085000123"
ITEMS = (FeeLine("le_phi", "Lệ phí cấp đổi giấy phép lái xe", 135000),)
# The revision each kind of record arrived with.
SINCE = {"events_fees": "0003", "drafts": "0004", "lookups": "0005", "checks": "0006", "prints": "0007",
         "reviews": "0008"}


def earlier_revisions() -> list[str]:
    scripts = ScriptDirectory.from_config(alembic_config())
    return sorted(r.revision for r in scripts.walk_revisions() if r.revision != head_revision())


def fill(store: DeskStore, number: str) -> dict[str, Any]:
    """The work a desk of version ``number`` could have kept."""
    portrait, scan = jpeg(7, size=(120, 160)), jpeg(8, size=(300, 200))
    dossier = store.save_new_dossier(*make_dossier([portrait, scan]))
    made: dict[str, Any] = {"dossier": dossier, "blobs": [portrait, scan]}
    if number >= SINCE["events_fees"]:
        made["event"] = store.record_status_event(dossier.client_id, DossierStatus.WITHDRAWN, actor="canbo01",
                                                  reason="Công dân rút hồ sơ")
        made["fee"] = store.record_fee(FeeRecord.payment(dossier.client_id, ITEMS, PaymentMethod.CASH,
                                                         officer_username="canbo01", recorded_at=RECEIVED_AT,
                                                         receipt_number="0004711"))
    if number >= SINCE["drafts"]:
        made["draft_id"] = draft_id = str(uuid.uuid4())
        draft_portrait = jpeg(9, size=(120, 160))
        made["blobs"].append(draft_portrait)
        store.save_draft(draft_id, officer_username="canbo01", citizen_name="Lê Thị Hai", procedure_code="DEMO.GPLX.01",
                         body={"page": 3, "citizen": {"cccd": "079203001234"}}, portrait=draft_portrait, parked=True)
    if number >= SINCE["lookups"]:
        store.save_citizen_lookup(CCCD, {"cccd": CCCD, "full_name": "Nguyễn Văn Bình", "permanent_address": "Nha Trang"})
    if number >= SINCE["checks"]:
        [check_id] = store.start_checks(["traffic_violations"], CCCD, made["draft_id"], citizen_name="Lê Thị Hai")
        store.claim_check(check_id)
        store.record_check_result(check_id, CheckOutcome(CheckState.PASSED, CheckSummary("No fines."),
                                                         {"violations": []}, RECEIVED_AT))
    if number >= SINCE["prints"]:
        made["print"] = store.record_print(client_id=dossier.client_id, kind="receipt", paper="a4", copies=1,
                                           printer="Quầy 1", outcome="printed", officer_username="canbo01")
    if number >= SINCE["reviews"]:
        made["review"] = store.record_review(new_review(dossier.client_id, ReviewAction.APPROVE, None, 0, "giamsat01",
                                                        RECEIVED_AT))
    made["dossier"] = store.get_dossier(dossier.client_id)  # as the moves above left it
    made["audit"] = [(e.actor, e.action, e.subject) for e in store.audit_entries(limit=1000)]
    return made


def as_written_by(data_dir: Path, revision: str, blobs: list[bytes]) -> None:
    """Take the file back to ``revision``, and the blob files back to clear bytes."""
    engine = create_engine(f"sqlite:///{data_dir / 'desk.sqlite3'}")
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection, Sealer(key_for(data_dir))), revision)
    finally:
        engine.dispose()
    for data in blobs:
        sha256 = sha256_hex(data)
        (data_dir / "blobs" / sha256[:2] / sha256).write_bytes(data)


@pytest.mark.parametrize("revision", earlier_revisions())
def test_a_store_of_an_earlier_version_opens_with_nothing_lost(tmp_path: Path, revision: str) -> None:
    data_dir = tmp_path / "desk"
    number = revision[:4]
    with open_store(data_dir) as store:
        made = fill(store, number)
    as_written_by(data_dir, revision, made["blobs"])
    with closing(sqlite3.connect(data_dir / "desk.sqlite3")) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == revision

    with open_store(data_dir) as store:
        dossier = made["dossier"]
        assert store.get_dossier(dossier.client_id) == dossier
        for data in made["blobs"]:
            assert store.read_blob(sha256_hex(data)) == data
        assert [d.client_id for d in store.dossiers_of_citizen(CCCD)] == [dossier.client_id]
        if number >= SINCE["events_fees"]:
            assert store.status_events(dossier.client_id) == [made["event"]]
            assert store.fee_records(dossier.client_id) == [made["fee"]]
        if number >= SINCE["drafts"]:
            draft = store.load_draft(made["draft_id"])
            assert draft is not None and draft.body["page"] == 3 and draft.portrait is not None
            assert store.drafts()[0].citizen_name == "Lê Thị Hai"
        if number >= SINCE["lookups"]:
            assert store.citizen_lookup(CCCD).answer["full_name"] == "Nguyễn Văn Bình"
        if number >= SINCE["checks"]:
            [check] = store.checks_for(draft_id=made["draft_id"])
            assert check.state == CheckState.PASSED and check.citizen_name == "Lê Thị Hai"
        if number >= SINCE["prints"]:
            assert store.prints(dossier.client_id) == [made["print"]]
        if number >= SINCE["reviews"]:
            assert store.reviews(dossier.client_id) == [made["review"]]
        # Every audit line that version kept is still there, now in a chain that verifies.
        assert [(e.actor, e.action, e.subject) for e in store.audit_entries(limit=1000)] == made["audit"]
        assert store.verify_audit_chain().ok
    # And it is sealed now, files and rows alike.
    for path in [*data_dir.glob("desk.sqlite3*"), *(data_dir / "blobs").glob("??/*")]:
        content = path.read_bytes()
        assert b"\xff\xd8\xff" not in content and CCCD.encode() not in content and "Bình".encode() not in content



def test_an_older_file_is_copied_sealed_before_it_is_migrated_and_the_copy_restores(tmp_path: Path) -> None:
    data_dir = tmp_path / "desk"
    with open_store(data_dir) as store:
        made = fill(store, "0009")
    as_written_by(data_dir, "0009_audit_chain", made["blobs"])
    with open_store(data_dir):
        pass
    [copy] = (data_dir / BACKUPS_DIR).glob("desk-0009_audit_chain-*.sealed")
    content = copy.read_bytes()
    # The 0009 file held the citizen in clear; its copy does not.
    assert b"SQLite format 3" not in content and CCCD.encode() not in content and "Bình".encode() not in content
    restored = tmp_path / "restored.sqlite3"
    restore(copy, restored, Sealer(key_for(data_dir)))
    with closing(sqlite3.connect(restored)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0009_audit_chain"
        assert connection.execute("SELECT applicant_cccd FROM dossiers").fetchone()[0] == CCCD
    # Opening again finds nothing to migrate and copies nothing more.
    with open_store(data_dir):
        pass
    assert len(list((data_dir / BACKUPS_DIR).glob("*.sealed"))) == 1


def test_a_damaged_or_cut_copy_does_not_restore(tmp_path: Path) -> None:
    database = tmp_path / "some.sqlite3"
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("CREATE TABLE t (x BLOB)")
        connection.executemany("INSERT INTO t VALUES (?)", [(bytes(3000),)] * 1000)  # a few chunks
        connection.commit()
    sealer = Sealer(key_for(tmp_path))
    copy = back_up(database, tmp_path / "copies", sealer, "0009_audit_chain", RECEIVED_AT)
    restore(copy, tmp_path / "whole.sqlite3", sealer)
    with closing(sqlite3.connect(tmp_path / "whole.sqlite3")) as whole:
        assert whole.execute("SELECT count(*), sum(length(x)) FROM t").fetchone() == (1000, 3_000_000)
    content = copy.read_bytes()
    cut = copy.with_name(copy.name.replace("desk-", "desk-cut-"))
    cut.write_bytes(content[: len(content) // 2])
    with pytest.raises(SealBroken):
        restore(cut, tmp_path / "cut.sqlite3", sealer)
    with pytest.raises(SealBroken):
        restore(copy, tmp_path / "other-key.sqlite3", Sealer(key_for(tmp_path / "elsewhere")))
    # Neither refusal leaves a half file behind, which a later run could take for records.
    assert not (tmp_path / "cut.sqlite3").exists() and not (tmp_path / "other-key.sqlite3").exists()
    # A file already there is never written over, nor removed.
    with pytest.raises(FileExistsError):
        restore(copy, tmp_path / "whole.sqlite3", sealer)
    assert (tmp_path / "whole.sqlite3").exists()
