"""The session lock on a real desk (central API on loopback, a real store): the idle lock,
Ctrl+L from any window, nothing personal on a locked screen, unlocking, and signing out."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desk_app.credentials import TokenVault
from desk_app.gui.intake import IntakeWizard
from desk_app.gui.login_window import sign_in
from desk_app.gui.main_window import MainWindow
from desk_app.gui.printing import PdfFileReceiptPrinter
from desk_app.gui.session import DeskServices
from desk_app.gui.session_lock import LockScreen
from desk_app.offline_login import MAX_FAILURES, KdfParameters, OfflineLogins
from desk_app.settings import DeskSettings
from tests.support.central_server import DEMO_PASSWORD, RunningCentral
from tests.support.citizens import cccd_qr

from .test_keyboard_only import assert_keyboard_ready

FAST = KdfParameters(memory_kib=1024, iterations=1, lanes=1)
# The default card of tests.support.citizens, whom the demo population register knows.
CITIZEN_CCCD = "056162123456"
CITIZEN_NAME = "Nguyễn Thị Phương Thảo"


@pytest.fixture
def window(qtbot, tmp_path: Path, central_server: RunningCentral, store) -> Iterator[MainWindow]:  # noqa: ANN001
    # A central API of its own per test: each test's desk is a new one with the same desk id.
    central = central_server
    offline = OfflineLogins(tmp_path / "offline-logins.json", kdf=FAST)
    vault = TokenVault(service="one-stop-desk-tests", use_keyring=False)
    services = DeskServices(
        settings=DeskSettings(server_url=central.base_url, desk_id="DESK-NT-01", sync_interval_seconds=3600),
        vault=vault, server_url=central.base_url, store=store, offline_logins=offline,
        printer=PdfFileReceiptPrinter(tmp_path / "printed.pdf"),
    )
    # Signing in online leaves the password's hash: the lock checks against it.
    session = sign_in(central.base_url, "DESK-NT-01", vault, "canbo01", DEMO_PASSWORD, offline=offline, store=store)
    main = MainWindow(services, session)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    with qtbot.waitSignal(main.sync_reported, timeout=20_000):
        main.start()
    activate(qtbot, main)
    yield main
    main.session_lock.uninstall()
    main.sync_worker.stop()
    session.client.close()


def activate(qtbot, widget: QWidget) -> None:  # noqa: ANN001
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=5_000)


def audits(window: MainWindow, action: str) -> list:
    window.store.flush()
    return [e for e in reversed(window.store.audit_entries()) if e.action == action]


def wait_for_audit(qtbot, window: MainWindow, action: str, count: int = 1) -> list:  # noqa: ANN001
    qtbot.waitUntil(lambda: len(audits(window, action)) >= count, timeout=5_000)
    return audits(window, action)


def lock_screen(window: MainWindow) -> LockScreen:
    screen = window.session_lock.screen
    assert screen is not None, "the desk is not locked"
    return screen


def visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def visible_texts() -> list[str]:
    """Every piece of text a person could read on the screen now: window titles, labels,
    fields, buttons, tool tips, and the cells of visible lists and tables."""
    texts: list[str] = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        if widget.isWindow():
            texts.append(widget.windowTitle())
        texts.append(widget.toolTip())
        if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, (QPlainTextEdit, QTextEdit)):
            texts.append(widget.toPlainText())
        if isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    texts.append(str(model.index(row, column).data() or ""))
    return texts


def shows(fragment: str) -> bool:
    return any(fragment in text for text in visible_texts())


def type_password(qtbot, window: MainWindow, password: str) -> None:  # noqa: ANN001
    screen = lock_screen(window)
    screen.password_edit.setFocus()
    qtbot.keyClicks(screen.password_edit, password)
    qtbot.keyClick(screen.password_edit, Qt.Key.Key_Return)
    checking = window.session_lock._checking
    qtbot.waitUntil(lambda: checking is not None and checking.done, timeout=10_000)


def intake_with_a_citizen(qtbot, window: MainWindow) -> IntakeWizard:  # noqa: ANN001
    """An intake open on the citizen step, the card scanned and confirmed by the register."""
    with qtbot.waitSignal(window.wizard_opened, timeout=10_000) as opened:
        window.open_intake()
    wizard = opened.args[0]
    wizard.citizen_page.ui.qrEdit.setText(cccd_qr())
    wizard.citizen_page.read_qr()
    qtbot.waitUntil(lambda: wizard.currentId() == IntakeWizard.PAGE_PROCEDURE, timeout=10_000)
    wizard.back()
    activate(qtbot, wizard)
    assert shows(CITIZEN_CCCD) and shows(CITIZEN_NAME)  # the test below would prove nothing otherwise
    return wizard


# ---------------------------------------------------------------------- locking


def test_the_desk_locks_by_itself_after_the_idle_time(qtbot, window):
    lock = window.session_lock
    lock.set_idle_interval(300)
    with qtbot.waitSignal(lock.locked_changed, timeout=5_000):
        pass
    late_ms = (lock.locked_at - lock.idle.last_input) * 1000 - 300
    print(f"idle lock engaged {late_ms:.0f} ms after the interval")
    assert 0 <= late_ms < 2000  # measured 0-20 ms; the margin is for a busy machine
    assert visible_windows() == [lock_screen(window)] and not window.isVisible()
    [locked] = wait_for_audit(qtbot, window, "session.locked")
    assert locked.actor == "canbo01" and locked.details == {"reason": "idle"}


def test_keys_and_mouse_movements_keep_the_desk_unlocked(qtbot, window):
    lock = window.session_lock
    lock.set_idle_interval(1000)
    started = time.monotonic()
    step = 0
    while time.monotonic() - started < 2.5:
        step += 1
        if step % 2:
            qtbot.mouseMove(window.ui.queueView.viewport(), QPoint(20 + step, 30 + step))
        else:
            qtbot.keyClick(window.ui.queueView, Qt.Key.Key_Down)
        qtbot.wait(100)
        assert not lock.locked, f"locked {time.monotonic() - started:.2f} s in, with input every 0.1 s"
    qtbot.waitUntil(lambda: lock.locked, timeout=3_000)


def test_ctrl_l_locks_from_the_main_window_and_the_menu_offers_it(qtbot, window):
    action = window.session_lock.action
    assert action in window.ui.dossierMenu.actions() and action.shortcut().toString() == "Ctrl+L"
    assert "(Ctrl+L)" in action.toolTip()
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session_lock.locked and not window.isVisible()
    qtbot.waitUntil(lock_screen(window).password_edit.hasFocus, timeout=5_000)
    [locked] = wait_for_audit(qtbot, window, "session.locked")
    assert locked.details == {"reason": "shortcut"}


def test_a_locked_desk_shows_nothing_of_the_citizen_at_the_counter(qtbot, window):
    wizard = intake_with_a_citizen(qtbot, window)
    # Ctrl+L from inside the intake, which the main window's own shortcut does not reach.
    started = time.perf_counter()
    qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    print(f"locking with an intake open took {(time.perf_counter() - started) * 1000:.0f} ms")
    screen = lock_screen(window)
    assert visible_windows() == [screen]
    assert not wizard.isVisible() and not window.isVisible()
    assert not shows(CITIZEN_CCCD) and not shows(CITIZEN_NAME)
    assert not shows("Phương Thảo") and not shows("056162")
    # What the lock screen shows: the desk, the officer, the way back.
    assert "DESK-NT-01" in screen.desk_label.text() and "Nguyễn Thị Lan (canbo01)" in screen.officer_label.text()
    # The intake's draft is written as the desk locks: a power cut meanwhile loses nothing.
    qtbot.waitUntil(lambda: any(d.citizen_name == CITIZEN_NAME for d in window.store.drafts("canbo01")),
                    timeout=5_000)


def test_unlocking_takes_the_officers_password_and_brings_everything_back(qtbot, window):
    wizard = intake_with_a_citizen(qtbot, window)
    typed = wizard.citizen_page.ui.qrEdit.text()
    window.session_lock.lock("shortcut")
    type_password(qtbot, window, "not-my-password")
    screen = lock_screen(window)
    assert screen.message_label.text().startswith("The password is not correct.")
    assert screen.password_edit.text() == "" and screen.isVisible() and not wizard.isVisible()
    type_password(qtbot, window, DEMO_PASSWORD)
    assert not window.session_lock.locked
    assert window.isVisible() and wizard.isVisible() and wizard.isActiveWindow()
    assert wizard.currentId() == IntakeWizard.PAGE_CITIZEN and wizard.citizen_page.ui.qrEdit.text() == typed
    assert shows(CITIZEN_NAME)
    assert [e.details for e in wait_for_audit(qtbot, window, "session.unlock_refused")] == [{"reason": "bad_password"}]
    [unlocked] = wait_for_audit(qtbot, window, "session.unlocked")
    assert unlocked.actor == "canbo01"
    # The idle clock runs again once unlocked.
    assert window.session_lock.idle.running


def test_a_window_that_opens_while_locked_waits_hidden_until_unlocked(qtbot, window):
    window.session_lock.lock("shortcut")
    box = QMessageBox(QMessageBox.Icon.Information, "Sent", f"Dossier of {CITIZEN_NAME} sent.",
                      QMessageBox.StandardButton.Ok, window)
    box.open()
    qtbot.wait(50)
    assert not box.isVisible() and not shows(CITIZEN_NAME)
    assert visible_windows() == [lock_screen(window)]
    type_password(qtbot, window, DEMO_PASSWORD)
    assert box.isVisible()
    box.close()


def test_a_dialog_closed_by_the_program_while_locked_does_not_come_back(qtbot, window):
    box = QMessageBox(QMessageBox.Icon.Information, "Saving", "…", QMessageBox.StandardButton.Ok, window)
    box.open()
    window.session_lock.lock("idle")
    assert not box.isVisible()
    box.accept()  # the work it stood for ended meanwhile
    type_password(qtbot, window, DEMO_PASSWORD)
    assert window.isVisible() and not box.isVisible()


def test_the_lock_screen_cannot_be_closed_away(qtbot, window):
    window.session_lock.lock("shortcut")
    screen = lock_screen(window)
    screen.close()
    qtbot.keyClick(screen.password_edit, Qt.Key.Key_Escape)
    assert screen.isVisible() and window.session_lock.locked and not window.isVisible()


def test_five_wrong_passwords_sign_the_officer_out(qtbot, window):
    window.session_lock.lock("idle")
    for _ in range(MAX_FAILURES - 1):
        type_password(qtbot, window, "wrong")
        assert window.session_lock.locked
    with qtbot.waitSignal(window.logged_out, timeout=10_000):
        type_password(qtbot, window, "wrong")
    assert not window.session_lock.locked and not window.isVisible() and visible_windows() == []
    assert "locked until" in window.session_lock.signed_out_by.english()
    reasons = [e.details["reason"] for e in wait_for_audit(qtbot, window, "session.unlock_refused", MAX_FAILURES)]
    assert reasons == ["bad_password"] * (MAX_FAILURES - 1) + ["locked"]
    [signed_out] = wait_for_audit(qtbot, window, "session.signed_out")
    assert signed_out.actor == "canbo01" and signed_out.details == {"reason": "unlock_refused"}


def test_sign_out_from_the_lock_screen_parks_the_intake(qtbot, window):
    intake_with_a_citizen(qtbot, window)
    window.session_lock.lock("shortcut")
    with qtbot.waitSignal(window.logged_out, timeout=10_000):
        lock_screen(window).sign_out_button.click()
    qtbot.waitUntil(lambda: any(d.parked and d.citizen_name == CITIZEN_NAME for d in window.store.drafts("canbo01")),
                    timeout=10_000)
    assert visible_windows() == []
    [signed_out] = wait_for_audit(qtbot, window, "session.signed_out")
    assert signed_out.details == {"reason": "officer"}


def test_the_lock_screen_is_keyboard_ready(qtbot, window):
    window.session_lock.lock("shortcut")
    screen = lock_screen(window)
    screen.password_edit.setText("x")  # Unlock is enabled once something is typed
    assert_keyboard_ready(qtbot, screen, "lock screen")
