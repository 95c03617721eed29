"""Prints of a dossier's form: every print and reprint kept with its outcome, printed ones audited."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from desk_app.core.timeutil import VN_TZ
from desk_app.store import DeskStore, DossierNotFound
from desk_app.store.migrate import alembic_config, current_revision, head_revision

from .builders import count_rows, make_dossier
from desk_app.store.sealing import Sealer
from tests.support.store_keys import key_for, open_store


class Ticks:
    """Vietnam time that moves one minute at each reading."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 21, 9, 30, tzinfo=VN_TZ)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def ticking_store(tmp_path: Path):  # noqa: ANN201 - a DeskStore
    with open_store(tmp_path / "desk", clock=Ticks()) as desk_store:
        yield desk_store


def saved(store: DeskStore) -> str:
    return store.save_new_dossier(*make_dossier(blobs=[])).client_id


def test_the_first_print_is_kept_and_audited_as_printed(ticking_store: DeskStore) -> None:
    client_id = saved(ticking_store)
    record = ticking_store.record_print(client_id=client_id, kind="receipt", paper="a4", copies=1, printer="Quầy 3",
                                        outcome="printed", officer_username="canbo01")
    assert ticking_store.prints(client_id) == [record]
    assert (record.kind, record.paper, record.copies, record.printer, record.reprint_reason, record.outcome) == (
        "receipt", "a4", 1, "Quầy 3", None, "printed")
    assert record.at.tzinfo is not None and record.officer_username == "canbo01"
    audit = ticking_store.audit_entries(subject=client_id)[0]
    assert (audit.actor, audit.action) == ("canbo01", "receipt.printed")
    assert audit.details == {"print_id": record.print_id, "kind": "receipt", "paper": "a4", "copies": 1,
                             "printer": "Quầy 3"}


def test_a_reprint_keeps_its_reason_in_the_row_and_the_audit(ticking_store: DeskStore) -> None:
    client_id = saved(ticking_store)
    ticking_store.record_print(client_id=client_id, kind="receipt", paper="a4", copies=1, printer="Quầy 3",
                               outcome="printed", officer_username="canbo01")
    reprint = ticking_store.record_print(client_id=client_id, kind="receipt", paper="a5", copies=2, printer="Quầy 3",
                                         outcome="printed", officer_username="canbo02",
                                         reprint_reason="  Công dân làm   mất giấy hẹn ")
    assert reprint.reprint_reason == "Công dân làm mất giấy hẹn"
    assert [p.reprint_reason for p in ticking_store.prints(client_id)] == ["Công dân làm mất giấy hẹn", None]
    audit = ticking_store.audit_entries(subject=client_id)[0]
    assert (audit.actor, audit.action) == ("canbo02", "receipt.reprinted")
    assert audit.details["reason"] == "Công dân làm mất giấy hẹn" and audit.details["copies"] == 2


def test_failed_and_cancelled_prints_are_kept_but_not_audited_as_printed(ticking_store: DeskStore) -> None:
    client_id = saved(ticking_store)
    audited_before = len(ticking_store.audit_entries(subject=client_id))
    ticking_store.record_print(client_id=client_id, kind="refusal", paper="roll80", copies=1, printer=None,
                               outcome="cancelled", officer_username="canbo01")
    ticking_store.record_print(client_id=client_id, kind="refusal", paper="roll80", copies=1, printer="Nhiệt 80",
                               outcome="failed", officer_username="canbo01")
    assert [(p.outcome, p.printer) for p in ticking_store.prints(client_id)] == [("failed", "Nhiệt 80"),
                                                                                  ("cancelled", None)]
    assert len(ticking_store.audit_entries(subject=client_id)) == audited_before


@pytest.mark.parametrize("reason", ["", "  ", "ab", " a \n "])
def test_a_reprint_without_a_real_reason_changes_nothing(ticking_store: DeskStore, reason: str) -> None:
    client_id = saved(ticking_store)
    with pytest.raises(ValueError):
        ticking_store.record_print(client_id=client_id, kind="receipt", paper="a4", copies=1, printer="Quầy 3",
                                   outcome="printed", officer_username="canbo01", reprint_reason=reason)
    assert count_rows(ticking_store, "prints") == 0


@pytest.mark.parametrize("changes", [{"outcome": "lost"}, {"copies": 0}])
def test_an_impossible_print_is_refused(ticking_store: DeskStore, changes: dict) -> None:
    client_id = saved(ticking_store)
    values = dict(client_id=client_id, kind="receipt", paper="a4", copies=1, printer="Quầy 3", outcome="printed",
                  officer_username="canbo01") | changes
    with pytest.raises(ValueError):
        ticking_store.record_print(**values)
    assert count_rows(ticking_store, "prints") == 0


def test_the_table_itself_refuses_a_short_reason_and_a_bad_outcome(ticking_store: DeskStore) -> None:
    # The checks hold for any writer of the file, not only for record_print.
    client_id = saved(ticking_store)
    with closing(sqlite3.connect(ticking_store.database_path)) as connection:
        for reason, outcome in (("ab", "printed"), (None, "lost")):
            with pytest.raises(sqlite3.IntegrityError):
                connection.execute(
                    "INSERT INTO prints (print_id, client_id, kind, paper, copies, printer, reprint_reason, "
                    "officer_username, at, outcome) VALUES (?, ?, 'receipt', 'a4', 1, NULL, ?, 'canbo01', "
                    "'2026-11-21 02:30:00', ?)", (f"p-{outcome}", client_id, reason, outcome))


def test_a_print_of_an_unknown_dossier_is_refused(ticking_store: DeskStore) -> None:
    with pytest.raises(DossierNotFound):
        ticking_store.record_print(client_id="00000000-0000-4000-8000-000000000000", kind="receipt", paper="a4",
                                   copies=1, printer=None, outcome="cancelled", officer_username="canbo01")


def test_recording_the_same_print_twice_keeps_one_row(ticking_store: DeskStore) -> None:
    client_id = saved(ticking_store)
    first = ticking_store.record_print(client_id=client_id, kind="receipt", paper="a4", copies=1, printer="Quầy 3",
                                       outcome="printed", officer_username="canbo01", print_id="7d0c4b0e-1")
    again = ticking_store.record_print(client_id=client_id, kind="receipt", paper="a4", copies=1, printer="Quầy 3",
                                       outcome="printed", officer_username="canbo01", print_id="7d0c4b0e-1")
    assert again == first
    assert count_rows(ticking_store, "prints") == 1
    assert [e.action for e in ticking_store.audit_entries(subject=client_id)].count("receipt.printed") == 1


def test_prints_survive_reopening_the_desk_file(tmp_path: Path) -> None:
    with open_store(tmp_path, clock=Ticks()) as store:
        client_id = saved(store)
        record = store.record_print(client_id=client_id, kind="supplement", paper="a5", copies=3, printer="Quầy 1",
                                    outcome="printed", officer_username="canbo01")
    with open_store(tmp_path) as store:
        assert store.prints() == [record]


def test_a_desk_file_at_0006_migrates_with_its_dossiers_and_can_keep_prints(tmp_path: Path) -> None:
    with open_store(tmp_path, clock=Ticks()) as store:
        client_id = saved(store)
    engine = create_engine(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection, Sealer(key_for(tmp_path))), "0006_upstream_checks")
    engine.dispose()
    with closing(sqlite3.connect(tmp_path / "desk.sqlite3")) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "prints" not in tables
    with open_store(tmp_path, clock=Ticks()) as store:
        engine = create_engine(f"sqlite:///{store.database_path}")
        with engine.connect() as connection:
            assert current_revision(connection) == head_revision()
        engine.dispose()
        assert store.get_dossier(client_id).client_id == client_id
        store.record_print(client_id=client_id, kind="receipt", paper="a4", copies=1, printer="Quầy 3",
                           outcome="printed", officer_username="canbo01")
        assert len(store.prints(client_id)) == 1


def test_prints_in_the_same_instant_come_newest_first_in_the_order_made(tmp_path: Path) -> None:
    # The store's clock here stands still: every print is at the same moment.
    instant = datetime(2026, 11, 21, 9, 30, tzinfo=VN_TZ)
    with open_store(tmp_path / "desk", clock=lambda: instant) as store:
        client_id = saved(store)
        for paper in ("a4", "a5", "roll80"):
            store.record_print(client_id=client_id, kind="receipt", paper=paper, copies=1, printer="Quầy 1",
                               outcome="printed", officer_username="canbo01")
        assert len({p.at for p in store.prints(client_id)}) == 1
        assert [p.paper for p in store.prints(client_id)] == ["roll80", "a5", "a4"]
