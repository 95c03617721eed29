"""Signing in against the real central API: success, wrong password, server away, no keyring."""

from __future__ import annotations

import socket

import pytest

from desk_app.credentials import TokenVault
from desk_app.gui.login_window import LoginWindow
from desk_app.gui.session import DeskServices
from desk_app.settings import DeskSettings
from tests.support.central_server import DEMO_PASSWORD


def services(url: str | None, *, demo: bool = False, last_username: str = "") -> DeskServices:
    return DeskServices(
        settings=DeskSettings(server_url=url, desk_id="DESK-NT-01", last_username=last_username),
        vault=TokenVault(service="one-stop-desk-tests", use_keyring=False),
        server_url=url,
        demo=demo,
    )


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
