"""Signing in against the real central API: success, wrong password, server away, no keyring;
and on this desk alone while the central system cannot be reached (grace period, lock-out)."""

from __future__ import annotations

import json
import socket
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from desk_app.core.timeutil import VN_TZ
from desk_app.credentials import TokenVault
from desk_app.gui.login_window import LoginWindow, OfflineSessionNotice, add_offline_notice, sign_in_offline
from desk_app.gui.main_window import MainWindow
from desk_app.gui.session import DeskServices
from desk_app.offline_login import MAX_FAILURES, KdfParameters, OfflineLogins
from desk_app.settings import DeskSettings
from desk_app.sync.client import UserInfo
from tests.support.central_server import DEMO_PASSWORD

# Cheap Argon2id costs: these tests are about the window, tests/test_offline_login.py about the costs.
FAST = KdfParameters(memory_kib=1024, iterations=1, lanes=1)
SIGNED_IN_ONLINE = datetime(2026, 11, 16, 8, 0, tzinfo=VN_TZ)


class MovableClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def services(url: str | None, *, demo: bool = False, last_username: str = "", store=None, offline=None,  # noqa: ANN001
             clock=None, grace_days: int = 7) -> DeskServices:  # noqa: ANN001
    desk = DeskServices(
        settings=DeskSettings(server_url=url, desk_id="DESK-NT-01", last_username=last_username,
                              offline_grace_days=grace_days, sync_interval_seconds=3600),
        vault=TokenVault(service="one-stop-desk-tests", use_keyring=False),
        server_url=url,
        demo=demo,
        store=store,
        offline_logins=offline,
    )
    if clock is not None:
        desk.clock = clock
    return desk


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def make_window(qtbot, desk: DeskServices) -> LoginWindow:
    window = LoginWindow(desk)
    qtbot.addWidget(window)
    window.show()
    return window


def sign_in(qtbot, window: LoginWindow, username: str, password: str):
    window.ui.usernameEdit.setText(username)
    window.ui.passwordEdit.setText(password)
    op = window.login()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=15_000)
    return op


def test_a_good_sign_in_hands_over_a_session_and_keeps_the_token(qtbot, central_server):
    desk = services(central_server.base_url)
    window = make_window(qtbot, desk)
    with qtbot.waitSignal(window.logged_in, timeout=15_000) as signed:
        window.ui.usernameEdit.setText("canbo01")
        window.ui.passwordEdit.setText(DEMO_PASSWORD)
        window.ui.loginButton.click()
    session = signed.args[0]
    assert session.user.username == "canbo01" and session.user.site_code == "000.00.17.H56"
    assert session.client.access_token
    assert desk.vault.load("canbo01") == session.refresh_token
    assert window.ui.passwordEdit.text() == ""
    session.client.close()


def test_a_wrong_password_says_so_in_vietnamese(qtbot, vietnamese, central_server):
    window = make_window(qtbot, services(central_server.base_url))
    sign_in(qtbot, window, "canbo01", "wrong-password")
    assert window.ui.messageLabel.text() == "Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra lại và đăng nhập lại."
    assert window.ui.passwordEdit.text() == ""
    assert window.ui.loginButton.isEnabled() is False  # nothing typed yet
    window.ui.passwordEdit.setText("x")
    assert window.ui.loginButton.isEnabled()


def test_a_server_that_is_down_is_explained(qtbot, vietnamese):
    url = closed_port_url()
    window = make_window(qtbot, services(url))
    sign_in(qtbot, window, "canbo01", DEMO_PASSWORD)
    text = window.ui.messageLabel.text()
    assert text.startswith(f"Không kết nối được hệ thống trung tâm tại {url}")
    assert window.ui.messageLabel.property("tone") == "error"


def test_without_a_keyring_the_window_says_the_sign_in_lasts_this_session(qtbot):
    window = make_window(qtbot, services("http://127.0.0.1:9"))
    note = window.ui.vaultNoteLabel
    assert note.isVisible() and "this session only" in note.text()


def test_demo_mode_shows_the_badge_and_waits_for_the_server(qtbot):
    window = make_window(qtbot, services(None, demo=True, last_username="canbo01"))
    assert window.ui.demoBadge.isVisible()
    assert "[DEMO]" in window.windowTitle()
    assert window.ui.usernameEdit.text() == "canbo01"
    window.ui.passwordEdit.setText(DEMO_PASSWORD)
    window.set_server(None, starting=True)
    assert not window.ui.loginButton.isEnabled()
    assert window.ui.serverLabel.text() == "starting the demo server…"
    window.set_server("http://127.0.0.1:8123")
    assert window.ui.loginButton.isEnabled()
    assert window.ui.serverLabel.text() == "http://127.0.0.1:8123"
    assert "demo server on this computer" in window.ui.serverLabel.toolTip()


@pytest.mark.parametrize("field", ["usernameEdit", "passwordEdit"])
def test_sign_in_needs_both_fields(qtbot, field):
    window = make_window(qtbot, services("http://127.0.0.1:9"))
    window.ui.usernameEdit.setText("canbo01")
    window.ui.passwordEdit.setText("secret")
    getattr(window.ui, field).clear()
    assert not window.ui.loginButton.isEnabled()
    assert window.login() is None



# ---------------------------------------------------------------------- offline sign-in


@pytest.fixture
def offline(tmp_path) -> OfflineLogins:
    return OfflineLogins(tmp_path / "offline-logins.json", kdf=FAST)


def audits(store, action: str) -> list:  # noqa: ANN001
    store.flush()
    return [entry for entry in reversed(store.audit_entries()) if entry.action == action]


def signed_in_online_first(qtbot, central_server, store, offline, clock) -> LoginWindow:  # noqa: ANN001
    """canbo01 signs in online (the desk keeps the hash), signs out, and the network goes."""
    window = make_window(qtbot, services(central_server.base_url, store=store, offline=offline, clock=clock))
    with qtbot.waitSignal(window.logged_in, timeout=15_000) as signed:
        sign_in(qtbot, window, "canbo01", DEMO_PASSWORD)
    signed.args[0].client.close()
    assert offline.knows("canbo01")
    window.services.vault.clear("canbo01")  # signed out: no refresh token left
    window.set_server(closed_port_url())
    return window


def test_an_online_sign_in_keeps_a_hash_and_is_audited(qtbot, central_server, store, offline):
    clock = MovableClock(SIGNED_IN_ONLINE)
    window = make_window(qtbot, services(central_server.base_url, store=store, offline=offline, clock=clock))
    with qtbot.waitSignal(window.logged_in, timeout=15_000) as signed:
        sign_in(qtbot, window, "canbo01", DEMO_PASSWORD)
    session = signed.args[0]
    assert session.offline is False
    session.client.close()
    record = json.loads(offline.path.read_text(encoding="utf-8"))["users"]["canbo01"]
    assert record["user"]["role"] == "officer" and record["online_at"] == SIGNED_IN_ONLINE.isoformat()
    assert DEMO_PASSWORD not in offline.path.read_text(encoding="utf-8")
    [entry] = audits(store, "session.signed_in")
    assert entry.actor == "canbo01" and entry.details == {"mode": "online"}


def test_within_the_grace_period_the_officer_signs_in_offline_with_the_servers_role(
        qtbot, central_server, store, offline):
    clock = MovableClock(SIGNED_IN_ONLINE)
    window = signed_in_online_first(qtbot, central_server, store, offline, clock)
    clock.now = SIGNED_IN_ONLINE + timedelta(days=6, hours=23)
    with qtbot.waitSignal(window.logged_in, timeout=15_000) as signed:
        sign_in(qtbot, window, "canbo01", DEMO_PASSWORD)
    session = signed.args[0]
    assert session.offline is True
    assert (session.user.role, session.user.site_code, session.user.full_name) == (
        "officer", "000.00.17.H56", "Nguyễn Thị Lan")
    assert session.client.access_token is None and session.client.refresh_token is None
    session.client.close()
    assert [e.details for e in audits(store, "session.signed_in")] == [{"mode": "online"}, {"mode": "offline"}]


def test_after_the_grace_period_offline_sign_in_is_refused_and_says_when_the_last_online_was(
        qtbot, central_server, store, offline):
    clock = MovableClock(SIGNED_IN_ONLINE)
    window = signed_in_online_first(qtbot, central_server, store, offline, clock)
    clock.now = SIGNED_IN_ONLINE + timedelta(days=7, minutes=1)
    with qtbot.assertNotEmitted(window.logged_in, wait=100):
        sign_in(qtbot, window, "canbo01", DEMO_PASSWORD)
    text = window.ui.messageLabel.text()
    assert "You last signed in online on this desk on 16/11/2026" in text and "Sign in online" in text
    assert window.ui.messageLabel.property("tone") == "error" and window.ui.passwordEdit.text() == ""
    [refused] = audits(store, "session.sign_in_refused")
    assert refused.actor == "canbo01" and refused.details == {"mode": "offline", "reason": "grace_expired"}


def test_five_wrong_passwords_offline_lock_out_for_fifteen_minutes(qtbot, central_server, store, offline):
    clock = MovableClock(SIGNED_IN_ONLINE)
    window = signed_in_online_first(qtbot, central_server, store, offline, clock)
    clock.now = SIGNED_IN_ONLINE + timedelta(hours=2)
    for _ in range(MAX_FAILURES - 1):
        sign_in(qtbot, window, "canbo01", "not-the-password")
        assert window.ui.messageLabel.text().startswith("The password is not correct.")
    sign_in(qtbot, window, "canbo01", "not-the-password")
    assert "locked until 10:15 16/11/2026" in window.ui.messageLabel.text()
    with qtbot.assertNotEmitted(window.logged_in, wait=100):
        sign_in(qtbot, window, "canbo01", DEMO_PASSWORD)  # the right one waits too
    assert "locked until 10:15" in window.ui.messageLabel.text()
    reasons = [e.details["reason"] for e in audits(store, "session.sign_in_refused")]
    assert reasons == ["bad_password"] * (MAX_FAILURES - 1) + ["locked", "locked"]
    clock.now = SIGNED_IN_ONLINE + timedelta(hours=2, minutes=15)
    with qtbot.waitSignal(window.logged_in, timeout=15_000) as signed:
        sign_in(qtbot, window, "canbo01", DEMO_PASSWORD)
    assert signed.args[0].offline
    signed.args[0].client.close()


def test_someone_who_never_signed_in_online_here_cannot_sign_in_offline(qtbot, store, offline):
    window = make_window(qtbot, services(closed_port_url(), store=store, offline=offline,
                                         clock=MovableClock(SIGNED_IN_ONLINE)))
    sign_in(qtbot, window, "giamsat01", DEMO_PASSWORD)
    assert "giamsat01 has never signed in online on this desk" in window.ui.messageLabel.text()
    [refused] = audits(store, "session.sign_in_refused")
    # What was typed as a user name may be a password: the audit does not keep it.
    assert refused.actor == "unknown" and refused.details == {"mode": "offline", "reason": "unknown_user"}


def test_a_certificate_that_cannot_be_verified_never_leads_to_offline_sign_in(qtbot, central_server, store, offline):
    clock = MovableClock(SIGNED_IN_ONLINE)
    window = signed_in_online_first(qtbot, central_server, store, offline, clock)
    # TLS to a plain-HTTP server: the handshake fails as it would with a forged certificate.
    window.set_server(central_server.base_url.replace("http://", "https://"))
    with qtbot.assertNotEmitted(window.logged_in, wait=100):
        sign_in(qtbot, window, "canbo01", DEMO_PASSWORD)
    assert "certificate could not be verified" in window.ui.messageLabel.text()
    assert audits(store, "session.sign_in_refused") == []


def test_with_a_grace_of_zero_days_signing_in_needs_the_central_system(qtbot, central_server, store, offline):
    clock = MovableClock(SIGNED_IN_ONLINE)
    window = signed_in_online_first(qtbot, central_server, store, offline, clock)
    window.services.settings = replace(window.services.settings, offline_grace_days=0)
    with qtbot.assertNotEmitted(window.logged_in, wait=100):
        sign_in(qtbot, window, "canbo01", DEMO_PASSWORD)
    assert "signing in needs the central system" in window.ui.messageLabel.text()


def test_a_wrong_password_online_is_not_tried_offline(qtbot, central_server, store, offline):
    clock = MovableClock(SIGNED_IN_ONLINE)
    window = make_window(qtbot, services(central_server.base_url, store=store, offline=offline, clock=clock))
    with qtbot.waitSignal(window.logged_in, timeout=15_000) as signed:
        sign_in(qtbot, window, "canbo01", DEMO_PASSWORD)
    signed.args[0].client.close()
    sign_in(qtbot, window, "canbo01", "wrong-password")
    assert window.ui.messageLabel.text().startswith("The user name or password is not correct")
    assert audits(store, "session.sign_in_refused") == []


# ---------------------------------------------------------------------- working offline


def offline_main_window(qtbot, url: str, store, offline, vault_token: str | None) -> MainWindow:  # noqa: ANN001
    """The main window of a session signed in offline against ``url`` (as the app builds it)."""
    clock = MovableClock(SIGNED_IN_ONLINE)
    desk = services(url, store=store, offline=offline, clock=clock)
    if vault_token is not None:
        desk.vault.store("canbo01", vault_token)
    session = sign_in_offline(url, desk.desk_id, desk.vault, "canbo01", DEMO_PASSWORD, offline=offline,
                              grace=timedelta(days=7), store=store, clock=clock)
    window = MainWindow(desk, session)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    add_offline_notice(window, session, window.sync_reported)
    return window


@pytest.fixture
def remembered(central_server, offline) -> dict:
    """canbo01 signed in online on this desk (at DESK-NT-01) a day before: the hash is kept."""
    answer = central_server.login("canbo01", desk_id="DESK-NT-01")
    offline.remember(UserInfo(**answer["user"]), DEMO_PASSWORD, SIGNED_IN_ONLINE - timedelta(days=1))
    return answer


def test_the_main_window_says_the_officer_works_offline(qtbot, store, offline, remembered):
    window = offline_main_window(qtbot, closed_port_url(), store, offline, vault_token=None)
    with qtbot.waitSignal(window.sync_reported, timeout=20_000) as reported:
        window.start()
    assert reported.args[0].online is False
    notice = window.findChild(OfflineSessionNotice, "offlineSessionNotice")
    assert notice.isVisible() and window.session.offline
    assert notice.text().startswith("You are signed in on this desk only: the central system cannot be reached.")
    assert "asked to sign in online again" in notice.text()  # no refresh token kept
    window.sync_worker.stop()
    window.session.client.close()


def test_with_a_kept_refresh_token_the_session_goes_online_when_the_central_system_answers(
        qtbot, central_server, store, offline, remembered):
    # The desk was closed without signing out: the keyring still holds the refresh token.
    window = offline_main_window(qtbot, central_server.base_url, store, offline,
                                 vault_token=remembered["refresh_token"])
    notice = window.findChild(OfflineSessionNotice, "offlineSessionNotice")
    assert "dossiers will be sent when the central system is back" in notice.text()
    with qtbot.waitSignal(window.sync_reported, timeout=20_000) as reported:
        window.start()
    assert reported.args[0].online and reported.args[0].error is None
    assert window.session.client.access_token and not notice.isVisible() and not window.session.offline
    # The server took the kept token once and gave a new one, which the keyring now holds.
    assert window.services.vault.load("canbo01") not in (None, remembered["refresh_token"])
    window.sync_worker.stop()
    window.session.client.close()


def test_without_a_refresh_token_sync_asks_to_sign_in_online_and_keeps_the_work(
        qtbot, central_server, store, offline, remembered):
    window = offline_main_window(qtbot, central_server.base_url, store, offline, vault_token=None)
    with qtbot.waitSignal(window.sync_worker.session_ended, timeout=20_000):
        window.start()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "sessionEndedBox") is not None, timeout=5_000)
    box = window.findChild(QMessageBox, "sessionEndedBox")
    assert "Sign in again" in box.text() and "kept" in box.text()
    box.close()
    window.sync_worker.stop()
    window.session.client.close()
