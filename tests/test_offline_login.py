"""Offline sign-in and the unlock check: grace period, lock-out, and what the file holds."""

from __future__ import annotations

import json
import statistics
import time
from datetime import datetime, timedelta

import pytest

from desk_app.core.timeutil import VN_TZ
from desk_app.offline_login import (
    DEFAULT_KDF,
    LOCKOUT,
    MAX_FAILURES,
    GraceExpired,
    KdfParameters,
    OfflineLocked,
    OfflineLoginOff,
    OfflineLogins,
    UnknownOnThisDesk,
    WrongPassword,
)
from desk_app.sync.client import UserInfo

# Cheap costs for the tests that are not about the cost itself.
FAST = KdfParameters(memory_kib=1024, iterations=1, lanes=1)
PASSWORD = "Mật-khẩu 2026!"
GRACE = timedelta(days=7)
SIGNED_IN_ONLINE = datetime(2026, 11, 16, 8, 0, tzinfo=VN_TZ)

LAN = UserInfo(username="canbo01", full_name="Nguyễn Thị Lan", role="officer", site_code="000.00.17.H56",
               site_name="Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa", agency_code="000.00.17.H56",
               place="Khánh Hòa")


@pytest.fixture
def logins(tmp_path) -> OfflineLogins:
    records = OfflineLogins(tmp_path / "offline-logins.json", kdf=FAST)
    records.remember(LAN, PASSWORD, SIGNED_IN_ONLINE)
    return records


def reopened(logins: OfflineLogins) -> OfflineLogins:
    """The same file read by a desk started again."""
    return OfflineLogins(logins.path, kdf=FAST)


def test_within_the_grace_period_the_officer_gets_in_with_the_role_the_server_gave(logins):
    at = SIGNED_IN_ONLINE + GRACE - timedelta(minutes=1)
    assert reopened(logins).verify("canbo01", PASSWORD, at, GRACE) == LAN


def test_after_the_grace_period_it_is_refused_with_the_last_online_date(logins):
    with pytest.raises(GraceExpired) as refused:
        reopened(logins).verify("canbo01", PASSWORD, SIGNED_IN_ONLINE + GRACE + timedelta(minutes=1), GRACE)
    assert refused.value.reason == "grace_expired"
    assert "16/11/2026" in refused.value.english() and "7 day(s)" in refused.value.english()
    assert refused.value.last_online == SIGNED_IN_ONLINE


def test_a_wrong_password_after_the_grace_period_says_only_that_the_password_is_wrong(logins):
    with pytest.raises(WrongPassword):
        logins.verify("canbo01", "guess", SIGNED_IN_ONLINE + GRACE * 3, GRACE)


def test_a_new_online_sign_in_starts_the_grace_period_again(logins):
    later = SIGNED_IN_ONLINE + timedelta(days=20)
    logins.remember(LAN, PASSWORD, later)
    assert logins.verify("canbo01", PASSWORD, later + timedelta(days=6), GRACE) == LAN


def test_someone_who_never_signed_in_online_here_is_unknown(logins):
    with pytest.raises(UnknownOnThisDesk) as refused:
        logins.verify("giamsat01", PASSWORD, SIGNED_IN_ONLINE, GRACE)
    assert refused.value.reason == "unknown_user" and "giamsat01" in refused.value.english()
    with pytest.raises(UnknownOnThisDesk) as unlocking:
        logins.check_password("giamsat01", PASSWORD, SIGNED_IN_ONLINE)
    assert unlocking.value.template == UnknownOnThisDesk.NO_RECORD


def test_a_grace_of_zero_days_turns_offline_sign_in_off(logins):
    with pytest.raises(OfflineLoginOff):
        logins.verify("canbo01", PASSWORD, SIGNED_IN_ONLINE, timedelta(0))
    logins.check_password("canbo01", PASSWORD, SIGNED_IN_ONLINE)  # unlocking still works


def test_five_wrong_passwords_lock_for_fifteen_minutes_then_the_lock_lifts(logins):
    at = SIGNED_IN_ONLINE + timedelta(hours=1)
    for left in range(MAX_FAILURES - 1, 0, -1):
        with pytest.raises(WrongPassword) as wrong:
            logins.verify("canbo01", "wrong", at, GRACE)
        assert wrong.value.left == left and wrong.value.reason == "bad_password"
    with pytest.raises(OfflineLocked) as locked:
        logins.verify("canbo01", "wrong", at, GRACE)
    assert locked.value.until == at + LOCKOUT and "09:15 16/11/2026" in locked.value.english()
    # Locked: even the right password, and unlocking the desk, wait; a restart changes nothing.
    with pytest.raises(OfflineLocked):
        reopened(logins).verify("canbo01", PASSWORD, at + LOCKOUT - timedelta(seconds=1), GRACE)
    with pytest.raises(OfflineLocked):
        reopened(logins).check_password("canbo01", PASSWORD, at + timedelta(minutes=5))
    assert reopened(logins).verify("canbo01", PASSWORD, at + LOCKOUT, GRACE) == LAN


def test_after_a_lock_out_ends_a_wrong_password_starts_a_new_count(logins):
    at = SIGNED_IN_ONLINE + timedelta(hours=1)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(WrongPassword):
            logins.verify("canbo01", "wrong", at, GRACE)
    with pytest.raises(OfflineLocked):
        logins.verify("canbo01", "wrong", at, GRACE)
    with pytest.raises(WrongPassword) as wrong:
        logins.verify("canbo01", "wrong", at + LOCKOUT, GRACE)
    assert wrong.value.left == MAX_FAILURES - 1


def test_a_right_password_and_an_online_sign_in_reset_the_count(logins):
    at = SIGNED_IN_ONLINE + timedelta(hours=1)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(WrongPassword):
            logins.check_password("canbo01", "wrong", at)
    logins.check_password("canbo01", PASSWORD, at)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(WrongPassword):
            logins.verify("canbo01", "wrong", at, GRACE)
    logins.remember(LAN, PASSWORD, at)
    with pytest.raises(WrongPassword) as wrong:
        logins.verify("canbo01", "wrong", at, GRACE)
    assert wrong.value.left == MAX_FAILURES - 1


def test_unlocking_and_offline_sign_in_share_one_count(logins):
    at = SIGNED_IN_ONLINE + timedelta(hours=1)
    for _ in range(3):
        with pytest.raises(WrongPassword):
            logins.check_password("canbo01", "wrong", at)
    with pytest.raises(WrongPassword):
        logins.verify("canbo01", "wrong", at, GRACE)
    with pytest.raises(OfflineLocked):
        logins.check_password("canbo01", "wrong", at)


def test_a_clock_turned_back_cannot_stretch_the_grace_period(logins):
    at = SIGNED_IN_ONLINE + timedelta(days=6)
    assert logins.verify("canbo01", PASSWORD, at, GRACE) == LAN
    with pytest.raises(GraceExpired) as refused:
        logins.verify("canbo01", PASSWORD, at - timedelta(days=2), GRACE)
    assert refused.value.template == GraceExpired.CLOCK_BACK
    # A few minutes back (a clock set right by the network) still passes.
    assert logins.verify("canbo01", PASSWORD, at - timedelta(minutes=5), GRACE) == LAN


def test_the_file_holds_a_salted_hash_and_never_the_password(logins, tmp_path):
    logins.remember(UserInfo(**{**LAN.__dict__, "username": "canbo02"}), PASSWORD, SIGNED_IN_ONLINE)
    text = logins.path.read_text(encoding="utf-8")
    assert PASSWORD not in text and "Mật" not in text
    users = json.loads(text)["users"]
    assert users["canbo01"]["kdf"] == {"name": "argon2id", "memory_kib": 1024, "iterations": 1, "lanes": 1,
                                       "length": 32}
    assert users["canbo01"]["salt"] != users["canbo02"]["salt"]
    assert users["canbo01"]["hash"] != users["canbo02"]["hash"]  # the same password, another salt
    assert users["canbo01"]["user"]["role"] == "officer"


def test_a_role_edited_in_the_file_does_not_let_anyone_in(logins):
    raw = json.loads(logins.path.read_text(encoding="utf-8"))
    raw["users"]["canbo01"]["user"]["role"] = "supervisor"
    logins.path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(WrongPassword):
        reopened(logins).verify("canbo01", PASSWORD, SIGNED_IN_ONLINE, GRACE)


def test_a_damaged_file_costs_offline_sign_in_not_the_desk(tmp_path):
    path = tmp_path / "offline-logins.json"
    path.write_text("{not json", encoding="utf-8")
    logins = OfflineLogins(path, kdf=FAST)
    with pytest.raises(UnknownOnThisDesk):
        logins.verify("canbo01", PASSWORD, SIGNED_IN_ONLINE, GRACE)
    logins.remember(LAN, PASSWORD, SIGNED_IN_ONLINE)  # the next online sign-in writes it afresh
    assert reopened(logins).verify("canbo01", PASSWORD, SIGNED_IN_ONLINE, GRACE) == LAN


def test_forget_removes_the_officer(logins):
    logins.forget("canbo01")
    assert not reopened(logins).knows("canbo01")


def test_the_default_costs_take_about_a_tenth_of_a_second(tmp_path):
    """Slow on purpose (guessing from a copied file), yet not a wait for the officer."""
    logins = OfflineLogins(tmp_path / "offline-logins.json")
    logins.remember(LAN, PASSWORD, SIGNED_IN_ONLINE)
    assert logins.kdf == DEFAULT_KDF and DEFAULT_KDF.memory_kib >= 19 * 1024  # at least OWASP's floor
    durations = []
    for _ in range(5):
        started = time.perf_counter()
        logins.check_password("canbo01", PASSWORD, SIGNED_IN_ONLINE)
        durations.append(time.perf_counter() - started)
    median = statistics.median(durations)
    print(f"Argon2id check, median of 5: {median * 1000:.0f} ms")
    assert 0.02 < median < 1.0
