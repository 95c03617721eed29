"""Upstream checks in the desk's SQLite file: started for a draft, asked, answered or failed,
attached to the saved dossier, listed for the officer, asked again on request; and the
migration that brings a desk file of 0005 to them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from desk_app.core.catalogue import UpstreamCheck
from desk_app.core.identity import CccdError
from desk_app.core.timeutil import VN_TZ
from desk_app.core.upstream_checks import (
    CheckNotFound,
    CheckState,
    interpret_health_certificate,
    interpret_traffic_violations,
)
from desk_app.store import DeskStore, DossierNotFound
from desk_app.store.migrate import alembic_config, current_revision, head_revision
from desk_app.sync.checks import CheckFailed

from .builders import count_rows, make_dossier
from desk_app.store.sealing import Sealer
from tests.support.store_keys import key_for, open_store

HEALTH, FINES = UpstreamCheck.HEALTH_CERTIFICATE, UpstreamCheck.TRAFFIC_VIOLATIONS
CCCD = "056085001234"
OTHER_CCCD = "079203001234"
DRAFT = "7f1c8a52-3b1e-4c55-9a61-1d2f0e6b9c01"
CHECKED_AT = "2026-11-20T09:31:00+07:00"


class StepClock:
    """Vietnam time that moves only when a test says so."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 9, 30, tzinfo=VN_TZ)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> StepClock:
    return StepClock()


@pytest.fixture
def checks_store(tmp_path: Path, clock: StepClock):  # noqa: ANN201 - a DeskStore
    with open_store(tmp_path / "desk", clock=clock) as store:
        yield store


def fines_outcome(*amounts: int):  # noqa: ANN201 - CheckOutcome
    unpaid = [{"violation_id": f"V{n}", "occurred_on": "2026-03-02", "place": "Nha Trang", "description": "Vượt đèn đỏ",
               "fine": amount, "vehicle_plate": "79A-123.45"} for n, amount in enumerate(amounts)]
    return interpret_traffic_violations(
        {"checked_at": CHECKED_AT, "count": len(unpaid), "total_fine": sum(amounts), "unpaid": unpaid}
    )


def valid_certificate_outcome():  # noqa: ANN201 - CheckOutcome
    return interpret_health_certificate({"checked_at": CHECKED_AT, "certificate": {
        "certificate_number": "DEMO-GKSK-2026-0412", "issued_on": "2026-10-11", "valid_until": "2027-10-11",
        "licence_class": "B", "issuer": "Phòng khám Demo", "fit_to_drive": True, "valid": True}})


def unreachable() -> CheckFailed:
    return CheckFailed(CheckFailed.UNREACHABLE)


# -- starting ----------------------------------------------------------------------------


def test_starting_makes_one_waiting_check_per_kind_due_at_once(checks_store: DeskStore, clock: StepClock) -> None:
    ids = checks_store.start_checks([HEALTH, FINES], CCCD, DRAFT, citizen_name="Trần Văn Minh")
    checks = checks_store.checks_for(draft_id=DRAFT)
    assert [c.check_id for c in checks] == ids and len(set(ids)) == 2
    assert [(c.kind, c.state, c.cccd, c.attempts, c.failures) for c in checks] == [
        (HEALTH, CheckState.PENDING, CCCD, 0, 0), (FINES, CheckState.PENDING, CCCD, 0, 0)]
    assert all(c.next_attempt_at == clock.now and c.created_at == clock.now for c in checks)
    assert {c.citizen_name for c in checks} == {"Trần Văn Minh"}
    assert [c.check_id for c in checks_store.due_checks(clock.now)] == ids


def test_starting_again_for_the_same_citizen_keeps_the_checks_and_their_answers(checks_store: DeskStore) -> None:
    first = checks_store.start_checks([HEALTH, FINES], CCCD, DRAFT)
    checks_store.claim_check(first[1])
    checks_store.record_check_result(first[1], fines_outcome(4_000_000))
    again = checks_store.start_checks(["health_certificate", "traffic_violations", "health_certificate"], CCCD, DRAFT)
    assert again == first
    assert count_rows(checks_store, "upstream_checks") == 2
    assert checks_store.checks_for(draft_id=DRAFT)[1].state is CheckState.ATTENTION


def test_another_citizen_replaces_the_checks_and_a_dropped_kind_goes(checks_store: DeskStore) -> None:
    first = checks_store.start_checks([HEALTH, FINES], CCCD, DRAFT)
    replaced = checks_store.start_checks([FINES], OTHER_CCCD, DRAFT)
    assert len(replaced) == 1 and replaced[0] not in first
    [check] = checks_store.checks_for(draft_id=DRAFT)
    assert (check.kind, check.cccd, check.state) == (FINES, OTHER_CCCD, CheckState.PENDING)
    # An answer for the number asked before has nowhere to land.
    assert checks_store.record_check_result(first[1], fines_outcome()) is False
    assert checks_store.claim_check(first[0]) is None
    assert checks_store.start_checks([], OTHER_CCCD, DRAFT) == []
    assert count_rows(checks_store, "upstream_checks") == 0


def test_a_malformed_number_is_refused_and_nothing_is_written(checks_store: DeskStore) -> None:
    with pytest.raises(CccdError):
        checks_store.start_checks([HEALTH], "05608500123", DRAFT)
    with pytest.raises(ValueError):
        checks_store.start_checks(["blood_test"], CCCD, DRAFT)
    assert count_rows(checks_store, "upstream_checks") == 0


def test_the_checks_of_a_cancelled_intake_are_forgotten(checks_store: DeskStore) -> None:
    checks_store.start_checks([HEALTH, FINES], CCCD, DRAFT)
    checks_store.start_checks([HEALTH], OTHER_CCCD, "another-draft")
    assert checks_store.discard_checks(DRAFT) == 2
    assert [c.cccd for c in checks_store.open_checks()] == [OTHER_CCCD]


# -- asking, answers and failures -------------------------------------------------------------


def test_a_claimed_check_runs_and_its_answer_is_kept_with_the_summary(checks_store: DeskStore, clock: StepClock) -> None:
    [check_id] = checks_store.start_checks([HEALTH], CCCD, DRAFT)
    claimed = checks_store.claim_check(check_id)
    assert claimed is not None and (claimed.state, claimed.attempts) == (CheckState.RUNNING, 1)
    assert checks_store.claim_check(check_id) is None  # a running check is not taken twice
    assert checks_store.due_checks(clock.now) == []
    clock.advance(seconds=2)
    assert checks_store.record_check_result(check_id, valid_certificate_outcome())
    [check] = checks_store.checks_for(draft_id=DRAFT)
    assert check.state is CheckState.PASSED and check.next_attempt_at is None
    assert check.summary.english() == "Health certificate DEMO-GKSK-2026-0412 (class B) valid until 11/10/2027."
    assert check.result["certificate"]["certificate_number"] == "DEMO-GKSK-2026-0412"
    assert check.checked_at == datetime(2026, 11, 20, 9, 31, tzinfo=VN_TZ)
    assert check.updated_at == clock.now
    assert checks_store.open_checks() == []  # passed: nothing for the officer's list


def test_a_failure_is_kept_in_english_and_translatable_and_due_again_at_its_time(
    checks_store: DeskStore, clock: StepClock
) -> None:
    [check_id] = checks_store.start_checks([FINES], CCCD, DRAFT)
    checks_store.claim_check(check_id)
    again_at = clock.now + timedelta(seconds=30)
    assert checks_store.record_check_failure(check_id, unreachable(), again_at)
    [check] = checks_store.checks_for(draft_id=DRAFT)
    assert (check.state, check.attempts, check.failures, check.next_attempt_at) == (
        CheckState.FAILED_RETRYING, 1, 1, again_at)
    assert check.last_error == (
        "The central system cannot be reached. The check is tried again automatically when the desk is back "
        "online; the dossier can be saved meanwhile."
    )
    assert check.problem.template == CheckFailed.UNREACHABLE and check.problem.context == "DeskError"
    assert checks_store.due_checks(clock.now) == []
    clock.advance(seconds=30)
    assert [c.check_id for c in checks_store.due_checks(clock.now)] == [check_id]


def test_a_failure_without_a_next_time_is_final_and_an_answer_clears_the_failures(
    checks_store: DeskStore, clock: StepClock
) -> None:
    [check_id] = checks_store.start_checks([FINES], CCCD, DRAFT)
    checks_store.claim_check(check_id)
    checks_store.record_check_failure(check_id, CheckFailed(CheckFailed.REFUSED, reason="forbidden_role"), None)
    [check] = checks_store.checks_for(draft_id=DRAFT)
    assert (check.state, check.next_attempt_at) == (CheckState.FAILED, None)
    assert check.problem.params == {"reason": "forbidden_role"}
    clock.advance(days=3)
    assert checks_store.due_checks(clock.now) == []
    checks_store.retry_check_now(check_id, "canbo01")
    checks_store.claim_check(check_id)
    checks_store.record_check_result(check_id, fines_outcome(500_000, 300_000))
    [check] = checks_store.checks_for(draft_id=DRAFT)
    assert (check.state, check.attempts, check.failures, check.problem, check.last_error) == (
        CheckState.ATTENTION, 2, 0, None, None)
    assert check.summary.english() == "2 unpaid traffic violations, 800.000 đồng in fines."


def test_retry_now_makes_a_check_due_at_once_and_starts_its_schedule_again(checks_store: DeskStore, clock: StepClock) -> None:
    [check_id] = checks_store.start_checks([HEALTH], CCCD, DRAFT)
    for _ in range(3):
        checks_store.claim_check(check_id)
        checks_store.record_check_failure(check_id, unreachable(), clock.now + timedelta(minutes=30))
    clock.advance(minutes=1)
    retried = checks_store.retry_check_now(check_id, "canbo01")
    assert (retried.state, retried.attempts, retried.failures, retried.next_attempt_at) == (
        CheckState.PENDING, 3, 0, clock.now)
    assert [c.check_id for c in checks_store.due_checks(clock.now)] == [check_id]
    assert checks_store.audit_entries(1)[0].action == "check.retried"
    # A check being asked right now is left to finish.
    checks_store.claim_check(check_id)
    assert checks_store.retry_check_now(check_id).state is CheckState.RUNNING
    with pytest.raises(CheckNotFound):
        checks_store.retry_check_now("no-such-check")


def test_checks_left_running_by_a_stopped_desk_are_due_again(tmp_path: Path, clock: StepClock) -> None:
    with open_store(tmp_path, clock=clock) as store:
        [check_id] = store.start_checks([HEALTH], CCCD, DRAFT)
        store.claim_check(check_id)
    clock.advance(hours=1)
    with open_store(tmp_path, clock=clock) as store:
        assert store.recover_running_checks() == 1
        [check] = store.due_checks(clock.now)
        assert (check.check_id, check.state, check.attempts) == (check_id, CheckState.PENDING, 1)
        assert store.recover_running_checks() == 0


# -- the dossier and the officer's list --------------------------------------------------------


def test_saving_the_dossier_attaches_its_checks_and_the_list_names_it(checks_store: DeskStore, clock: StepClock) -> None:
    health, fines = checks_store.start_checks([HEALTH, FINES], CCCD, DRAFT, citizen_name="Trần Văn Minh")
    clock.advance(minutes=1)
    [other] = checks_store.start_checks([HEALTH], OTHER_CCCD, "another-draft", citizen_name="Phạm Gia Huy")
    checks_store.claim_check(fines)
    checks_store.record_check_result(fines, fines_outcome(4_000_000))
    # Saving the dossier typed in the draft makes its checks the dossier's in the same commit.
    dossier = checks_store.save_new_dossier(*make_dossier(blobs=[]), draft_id=DRAFT)
    assert checks_store.attach_checks(DRAFT, dossier.client_id) == 0
    assert [c.check_id for c in checks_store.checks_for(client_id=dossier.client_id)] == [health, fines]
    listed = checks_store.open_checks()
    assert [c.check_id for c in listed] == [other, health, fines]  # newest first
    assert [(c.dossier_code, c.citizen_name) for c in listed] == [
        (None, "Phạm Gia Huy"), (dossier.code, "Nguyễn Văn Bình"), (dossier.code, "Nguyễn Văn Bình")]
    # A saved dossier's checks stay with it, whatever happens to the draft's id.
    assert checks_store.discard_checks(DRAFT) == 0
    assert checks_store.start_checks([FINES], OTHER_CCCD, DRAFT) == [fines]
    with pytest.raises(DossierNotFound):
        checks_store.attach_checks("another-draft", "00000000-0000-4000-8000-000000000000")


def test_checks_are_read_by_draft_or_dossier(checks_store: DeskStore) -> None:
    with pytest.raises(ValueError):
        checks_store.checks_for()
    assert checks_store.checks_for(draft_id="nothing-here") == []


def test_started_checks_survive_a_restart(tmp_path: Path, clock: StepClock) -> None:
    with open_store(tmp_path, clock=clock) as store:
        ids = store.start_checks([HEALTH, FINES], CCCD, DRAFT)
    with open_store(tmp_path, clock=clock) as store:
        assert [c.check_id for c in store.checks_for(draft_id=DRAFT)] == ids


# -- the migration -------------------------------------------------------------------------


def _tables(database: Path) -> set[str]:
    with closing(sqlite3.connect(database)) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_new_desk_file_has_the_checks_table_at_head(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        assert "upstream_checks" in _tables(store.database_path)
        engine = create_engine(f"sqlite:///{store.database_path}")
        with engine.connect() as connection:
            assert current_revision(connection) == head_revision()
        engine.dispose()


def test_a_desk_file_at_0005_migrates_with_its_dossiers_and_can_keep_checks(tmp_path: Path, clock: StepClock) -> None:
    folder = tmp_path / "desk"
    with open_store(folder, clock=clock) as store:
        dossier = store.save_new_dossier(*make_dossier(blobs=[]))
        store.save_citizen_lookup(CCCD, {"cccd": CCCD, "full_name": "Trần Văn Minh"})
    database = folder / "desk.sqlite3"
    engine = create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection, Sealer(key_for(folder))), "0005_citizen_lookups")
    with engine.connect() as connection:
        assert current_revision(connection) == "0005_citizen_lookups"
    engine.dispose()
    assert "upstream_checks" not in _tables(database)

    with open_store(folder, clock=clock) as store:  # opening migrates to head again
        assert "upstream_checks" in _tables(database)
        assert store.get_dossier(dossier.client_id).code == dossier.code
        assert store.citizen_lookup(CCCD) is not None
        store.start_checks([HEALTH], CCCD, DRAFT)
        assert store.attach_checks(DRAFT, dossier.client_id) == 1
    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("SELECT client_id FROM upstream_checks").fetchall() == [(dossier.client_id,)]
