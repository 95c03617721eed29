"""The population register's last answer per citizen, and a citizen's dossiers at this desk."""

from __future__ import annotations

import dataclasses
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from desk_app.core.dossier import DossierStatus
from desk_app.core.identity import CccdError
from desk_app.core.timeutil import VN_TZ
from desk_app.store import DeskStore
from desk_app.store.migrate import alembic_config

from .builders import RECEIVED_AT, catalogue_json, make_dossier
from desk_app.store.sealing import Sealer
from tests.support.store_keys import key_for, open_store

CCCD = "056162123456"
ANSWER = {
    "cccd": CCCD,
    "full_name": "Nguyễn Thị Phương Thảo",
    "date_of_birth": "1962-03-08",
    "sex": "Nữ",
    "permanent_address": "Thôn Phú Hòa, Xã Diên Phú, Tỉnh Khánh Hòa",
}


class StepClock:
    """Vietnam time that moves only when a test says so."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 9, 30, tzinfo=VN_TZ)

    def __call__(self) -> datetime:
        return self.now


def test_the_last_answer_is_kept_with_its_time_and_replaced_by_the_next(tmp_path: Path) -> None:
    clock = StepClock()
    with open_store(tmp_path, clock=clock) as store:
        assert store.citizen_lookup(CCCD) is None
        kept = store.save_citizen_lookup(CCCD, ANSWER)
        assert kept.fetched_at == clock.now and kept.answer == ANSWER
        clock.now += timedelta(days=3)
        moved = dict(ANSWER, permanent_address="Tổ 3, Phường Cam Ranh, Tỉnh Khánh Hòa")
        store.save_citizen_lookup(CCCD, moved)
    with open_store(tmp_path, clock=clock) as reopened:  # kept across a restart, the newer answer only
        again = reopened.citizen_lookup(CCCD)
        assert again is not None
        assert again.answer == moved and again.fetched_at == clock.now
    with closing(sqlite3.connect(tmp_path / "desk.sqlite3")) as connection:
        assert connection.execute("SELECT count(*) FROM citizen_lookups").fetchone()[0] == 1


def test_only_what_the_desk_shows_is_kept(store: DeskStore) -> None:
    # An upstream that says more (an ethnicity, a phone number) must not fill the desk's disk with it.
    store.save_citizen_lookup(CCCD, dict(ANSWER, ethnicity="Kinh", phone="0905123456"))
    kept = store.citizen_lookup(CCCD)
    assert kept is not None and kept.answer == ANSWER
    with closing(sqlite3.connect(store.database_path)) as connection:
        stored = connection.execute("SELECT answer FROM citizen_lookups").fetchone()[0]
    assert b"Kinh" not in stored and b"0905123456" not in stored and CCCD.encode() not in stored


def test_a_malformed_number_is_refused_and_nothing_is_written(store: DeskStore) -> None:
    with pytest.raises(CccdError):
        store.save_citizen_lookup("05616212345", ANSWER)
    with closing(sqlite3.connect(store.database_path)) as connection:
        assert connection.execute("SELECT count(*) FROM citizen_lookups").fetchone()[0] == 0


def _applicant_with(dossier, cccd: str):  # noqa: ANN001, ANN202
    return dataclasses.replace(dossier.applicant, cccd=cccd)


def test_a_citizens_dossiers_come_newest_first_with_status_and_the_limit(store: DeskStore) -> None:
    store.save_catalogue(catalogue_json(), None)
    saved = []
    for days in range(4):
        dossier, blobs = make_dossier(blobs=[], received_at=RECEIVED_AT - timedelta(days=10 * days))
        dossier = dataclasses.replace(dossier, applicant=_applicant_with(dossier, CCCD))
        saved.append(store.save_new_dossier(dossier, blobs))
    someone_else, blobs = make_dossier(blobs=[])
    store.save_new_dossier(someone_else, blobs)
    # Taken at another desk of the site and pulled here: the citizen's dossier all the same.
    pulled, _ = make_dossier(blobs=[], desk_id="DESK-NT-02", code="000.00.17.H56-261101-0007",
                             received_at=RECEIVED_AT - timedelta(days=5))
    pulled = dataclasses.replace(pulled, applicant=_applicant_with(pulled, CCCD))
    store.apply_server_record(pulled.client_id, dict(pulled.to_wire(), status=int(DossierStatus.RESULT_READY),
                                                     server_received_at="2026-11-16T09:31:00+07:00"))

    found = store.dossiers_of_citizen(CCCD)
    assert [d.client_id for d in found] == [saved[0].client_id, pulled.client_id] + [d.client_id for d in saved[1:]]
    assert [d.received_at for d in found] == sorted((d.received_at for d in found), reverse=True)
    assert found[0].code == saved[0].code and found[0].procedure_name == "Đổi giấy phép lái xe"
    assert found[0].status == DossierStatus.ACCEPTED and found[0].sync_state == "waiting"
    assert found[1].status == DossierStatus.RESULT_READY and found[1].sync_state == "sent"
    assert [d.client_id for d in store.dossiers_of_citizen(CCCD, limit=2)] == [d.client_id for d in found[:2]]
    assert store.dossiers_of_citizen("079203001234") == []


def test_a_citizens_dossiers_are_found_through_the_cccd_index(store: DeskStore) -> None:
    with closing(sqlite3.connect(store.database_path)) as connection:
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT client_id FROM dossiers WHERE applicant_cccd_index = ? "
            "ORDER BY received_at DESC LIMIT 20", (store._sealer.blind("cccd", CCCD),)).fetchall()
    assert any("ix_dossiers_applicant_cccd_index" in str(step) for step in plan), plan


def test_a_desk_file_from_before_the_lookups_opens_with_its_dossiers_and_can_keep_answers(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    with open_store(folder) as store:
        dossier, blobs = make_dossier(blobs=[])
        dossier = store.save_new_dossier(dossier, blobs)
    engine = create_engine(f"sqlite:///{folder / 'desk.sqlite3'}")
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection, Sealer(key_for(folder))), "0004_drafts")
    engine.dispose()
    with closing(sqlite3.connect(folder / "desk.sqlite3")) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "citizen_lookups" not in tables
    with open_store(folder) as store:  # opening migrates to head again
        assert [d.client_id for d in store.dossiers_of_citizen(dossier.applicant.cccd)] == [dossier.client_id]
        store.save_citizen_lookup(CCCD, ANSWER)
        assert store.citizen_lookup(CCCD) is not None
