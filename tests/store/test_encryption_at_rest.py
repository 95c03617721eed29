"""Encryption at rest: whoever copies the desk's disk finds no citizen in it.

The raw-file test reads the SQLite file, its write-ahead log and the blob folder as bytes,
after the desk kept everything it keeps about a citizen: a dossier with a portrait and a
scan, a draft, the population register's answer and an upstream check.
"""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from desk_app.core.dossier import Applicant
from desk_app.core.queue_query import QueueQuery
from desk_app.core.text import fold
from desk_app.core.upstream_checks import CheckOutcome, CheckState, CheckSummary
from desk_app.store import BlobCorrupted, DeskStore, StoreError
from desk_app.store.errors import SealBroken, StoreKeyMismatch
from desk_app.store.migrate import alembic_config
from desk_app.store.sealing import Sealer, new_store_key

from .builders import RECEIVED_AT, jpeg, make_dossier
from tests.support.store_keys import key_for, open_store

NAME = "Nguyễn Văn Bình"
CCCD = "056085000123"
ADDRESS = "12 Trần Phú, Nha Trang"
PHONE = "0905123456"
JPEG_START = b"\xff\xd8\xff"


def personal_markers() -> list[bytes]:
    texts = [NAME, fold(NAME), NAME.upper(), CCCD, ADDRESS, PHONE, "Trần Phú"]
    found = [t.encode("utf-8") for t in texts]
    # SQLite and JSON may also hold text as UTF-16 or \\u escapes.
    found += [t.encode("utf-16-le") for t in texts]
    found += [t.encode("unicode_escape") for t in texts if not t.isascii()]
    return found + [JPEG_START]


def raw_files(data_dir: Path) -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in data_dir.glob("desk.sqlite3*")}
    files.update({f"blob {p.name[:8]}": p.read_bytes() for p in (data_dir / "blobs").glob("??/*")})
    return files


def keep_everything(store: DeskStore) -> str:
    portrait, scan = jpeg(1, size=(120, 160)), jpeg(2, size=(300, 200))
    dossier = store.save_new_dossier(*make_dossier([portrait, scan]))
    draft_id = str(uuid.uuid4())
    store.save_draft(draft_id, officer_username="canbo01", citizen_name=NAME, procedure_code="DEMO.GPLX.01",
                     body={"citizen": {"full_name": NAME, "cccd": CCCD, "address": ADDRESS, "phone": PHONE},
                           "scans": [{"sha256": dossier.attachments[1].sha256}]},
                     portrait=jpeg(3, size=(120, 160)), parked=True)
    store.save_citizen_lookup(CCCD, {"cccd": CCCD, "full_name": NAME, "date_of_birth": "1985-01-02",
                                     "sex": "Nam", "permanent_address": ADDRESS})
    [check_id] = store.start_checks(["traffic_violations"], CCCD, draft_id, citizen_name=NAME)
    assert store.claim_check(check_id) is not None
    store.record_check_result(check_id, CheckOutcome(
        CheckState.PASSED, CheckSummary("No fines for {name}.", {"name": NAME}),
        {"cccd": CCCD, "full_name": NAME, "violations": []}, RECEIVED_AT))
    return dossier.client_id


def test_the_raw_database_and_blob_folder_hold_no_citizen(tmp_path: Path) -> None:
    data_dir = tmp_path / "desk"
    with open_store(data_dir) as store:
        client_id = keep_everything(store)
        store.flush()
        while_open = raw_files(data_dir)  # the WAL holds the newest pages while the desk runs
        # Everything reads back whole through the store.
        dossier = store.get_dossier(client_id)
        assert dossier.applicant.full_name == NAME and dossier.applicant.cccd == CCCD
        assert [store.read_blob(a.sha256)[:3] for a in dossier.attachments] == [JPEG_START, JPEG_START]
        draft = store.load_draft(store.drafts()[0].draft_id)
        assert draft is not None and draft.body["citizen"]["cccd"] == CCCD and draft.portrait[:3] == JPEG_START
        lookup = store.citizen_lookup(CCCD)
        assert lookup is not None and lookup.answer["full_name"] == NAME
        assert store.dossiers_of_citizen(CCCD)[0].applicant_name == NAME
    after_close = raw_files(data_dir)
    assert any(name.startswith("blob") for name in after_close) and "desk.sqlite3" in after_close
    for files in (while_open, after_close):
        for name, content in files.items():
            for marker in personal_markers():
                assert marker not in content, f"{marker!r} found in {name}"


def test_the_queues_still_find_a_dossier_by_name_words_and_cccd_digits(store: DeskStore) -> None:
    store.save_new_dossier(*make_dossier(blobs=[]))
    store.save_new_dossier(*make_dossier(blobs=[], applicant=Applicant("Trần Thị Hoa", cccd="079203001234")))
    found = {text: store.queue_count(QueueQuery(text=text)) for text in (
        "nguyễn văn bình", "nguyen bi", "BINH NGUYEN", "ng", "b", "thi hoa", "056", "0560850", CCCD, "079203", "999",
        "nguyen hoa")}
    assert found == {"nguyễn văn bình": 1, "nguyen bi": 1, "BINH NGUYEN": 1, "ng": 1, "b": 0, "thi hoa": 1,
                     "056": 1, "0560850": 1, CCCD: 1, "079203": 1, "999": 0, "nguyen hoa": 0}
    [row] = store.queue_page(QueueQuery(text="hoa"), 0, 10)
    assert (row.applicant_name, row.applicant_cccd) == ("Trần Thị Hoa", "079203001234")


def test_a_store_opened_with_another_key_is_refused_and_left_alone(tmp_path: Path) -> None:
    data_dir = tmp_path / "desk"
    with open_store(data_dir) as store:
        client_id = store.save_new_dossier(*make_dossier(blobs=[])).client_id
    before = (data_dir / "desk.sqlite3").read_bytes()
    with pytest.raises(StoreKeyMismatch) as refused:
        DeskStore(data_dir, key=new_store_key())
    assert "keyring" in str(refused.value)
    assert (data_dir / "desk.sqlite3").read_bytes() == before
    with open_store(data_dir) as store:
        assert store.get_dossier(client_id).applicant.full_name == NAME


def test_a_sealed_value_opens_only_in_its_own_column_and_with_its_key() -> None:
    sealer = Sealer(new_store_key())
    sealed = sealer.seal_text(CCCD, "dossiers.applicant_cccd")
    assert sealer.open_text(sealed, "dossiers.applicant_cccd") == CCCD
    with pytest.raises(SealBroken):
        sealer.open_text(sealed, "dossiers.applicant_name")
    with pytest.raises(SealBroken):
        Sealer(new_store_key()).open_text(sealed, "dossiers.applicant_cccd")
    tampered = bytearray(sealed)
    tampered[-1] ^= 1
    with pytest.raises(SealBroken):
        sealer.open_text(bytes(tampered), "dossiers.applicant_cccd")
    # Equal values seal differently each time (random nonce); their blind index is equal.
    assert sealer.seal_text(CCCD, "x") != sealer.seal_text(CCCD, "x")
    assert sealer.blind("cccd", CCCD) == sealer.blind("cccd", CCCD) != Sealer(new_store_key()).blind("cccd", CCCD)


def test_a_blob_file_swapped_for_another_does_not_open(store: DeskStore) -> None:
    first, second = store.put_blob(jpeg(1)), store.put_blob(jpeg(2))
    store.blob_path(first).write_bytes(store.blob_path(second).read_bytes())
    with pytest.raises(BlobCorrupted):
        store.read_blob(first)
    with pytest.raises(StoreError):
        store.read_blob("0" * 64)


def test_a_store_from_before_sealing_is_sealed_when_it_opens(tmp_path: Path) -> None:
    """A desk of the previous version (0009) kept everything in clear: opening it with this
    version seals the columns (migration 0010) and the blob files, and loses nothing."""
    data_dir = tmp_path / "desk"
    portrait = jpeg(5, size=(120, 160))
    with open_store(data_dir) as store:
        dossier = store.save_new_dossier(*make_dossier([portrait]))
        store.save_citizen_lookup(CCCD, {"cccd": CCCD, "full_name": NAME})
    engine = create_engine(f"sqlite:///{data_dir / 'desk.sqlite3'}")
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection, Sealer(key_for(data_dir))), "0009_audit_chain")
    engine.dispose()
    # What the previous version wrote: the blob file in clear, the row in clear.
    blob = data_dir / "blobs" / dossier.attachments[0].sha256[:2] / dossier.attachments[0].sha256
    blob.write_bytes(portrait)
    with closing(sqlite3.connect(data_dir / "desk.sqlite3")) as connection:
        assert connection.execute("SELECT applicant_name FROM dossiers").fetchone()[0] == NAME
    with open_store(data_dir) as store:
        assert store.get_dossier(dossier.client_id) == dossier
        assert store.read_blob(dossier.attachments[0].sha256) == portrait
        assert store.citizen_lookup(CCCD).answer["full_name"] == NAME
        assert store.queue_count(QueueQuery(text="nguyen binh")) == 1
        assert store.dossiers_of_citizen(CCCD)[0].client_id == dossier.client_id
    for name, content in raw_files(data_dir).items():
        for marker in personal_markers():
            assert marker not in content, f"{marker!r} found in {name}"
