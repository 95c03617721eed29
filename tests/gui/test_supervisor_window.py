"""The supervisor's workspace from the main window (issue 8): only a supervisor has it, it
opens beside the queue, each tab is one key away, and every tab can be worked by keyboard
alone in English and in Vietnamese."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from tests.support.central_server import DEMO_PASSWORD
from desk_app.credentials import TokenVault
from desk_app.gui.main_window import MainWindow
from desk_app.gui.session import DeskServices
from desk_app.gui.supervisor.supervisor_window import SupervisorWindow
from desk_app.settings import DeskSettings
from desk_app.store import DeskStore
from desk_app.gui.login_window import sign_in

from .test_keyboard_only import assert_keyboard_ready, language  # noqa: F401 - fixture
from tests.support.store_keys import open_store


def _main_window(qtbot, tmp_path, central_server, username: str) -> MainWindow:
    vault = TokenVault(service="one-stop-desk-tests", use_keyring=False)
    services = DeskServices(
        settings=DeskSettings(server_url=central_server.base_url, desk_id="DESK-NT-01", sync_interval_seconds=3600),
        vault=vault,
        server_url=central_server.base_url,
        store=open_store(tmp_path / "store"),
    )
    session = sign_in(central_server.base_url, "DESK-NT-01", vault, username, DEMO_PASSWORD)
    main = MainWindow(services, session)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.sync_reported, timeout=20_000):
        main.start()
    return main


@pytest.fixture
def supervisor_main(qtbot, tmp_path, central_server):
    main = _main_window(qtbot, tmp_path, central_server, "giamsat01")
    yield main
    main.sync_worker.stop()
    main.checks_worker.stop()
    main.close()
    main.store.close()


def _press_in(qtbot, widget, keys: str) -> None:
    widget.activateWindow()
    qtbot.waitUntil(lambda: bool(widget.isActiveWindow()), timeout=5_000)
    qtbot.keyClick(widget, QKeySequence(keys)[0].key(), QKeySequence(keys)[0].keyboardModifiers())


def test_an_officer_has_no_supervisor_workspace(qtbot, tmp_path, central_server):
    main = _main_window(qtbot, tmp_path, central_server, "canbo01")
    try:
        assert main.action_supervisor is None
        assert "actionSupervisor" not in {a.objectName() for a in main.actions()}
        _press_in(qtbot, main, "Ctrl+Shift+W")
        qtbot.wait(100)
        assert main.supervisor_window is None
    finally:
        main.sync_worker.stop()
        main.checks_worker.stop()
        main.close()
        main.store.close()


def test_a_supervisor_opens_the_workspace_and_moves_between_tabs_by_key(qtbot, supervisor_main):
    main = supervisor_main
    assert main.action_supervisor is not None and main.action_supervisor.shortcut() == QKeySequence("Ctrl+Shift+W")
    with qtbot.waitSignal(main.supervisor_opened, timeout=5_000) as opened:
        _press_in(qtbot, main, "Ctrl+Shift+W")
    window = opened.args[0]
    assert isinstance(window, SupervisorWindow) and window.isVisible()
    assert window.tabs.count() == 5
    for number in (3, 5, 2, 4, 1):
        _press_in(qtbot, window, f"Ctrl+{number}")
        assert window.tabs.currentIndex() == number - 1
    # Asked again, the same window comes forward instead of a second one.
    assert main.open_supervisor() is window
    main.close()
    assert not window.isVisible()


def test_every_supervisor_tab_is_keyboard_ready(qtbot, supervisor_main, language):
    # The workspace's own button joins the main window's toolbar: its letter must not clash there.
    assert_keyboard_ready(qtbot, supervisor_main, f"{language}: the supervisor's main window")
    window = supervisor_main.open_supervisor()
    qtbot.waitExposed(window)
    for index in range(window.tabs.count()):
        window.show_tab(index)
        tab = window.tabs.widget(index)
        qtbot.wait(50)
        assert_keyboard_ready(qtbot, window, f"{language}: {window.tabs.tabText(index)}", tab)
    assert window.tabs.tabText(0).replace("&", "") in ("Queue", "Hàng đợi")


def test_the_note_and_reason_dialogs_are_keyboard_ready(qtbot, language):
    from desk_app.gui.supervisor.review_view import ReviewNoteDialog
    from desk_app.gui.supervisor.sync_health_view import DiscardReasonDialog

    note = ReviewNoteDialog("Return to the officer", "What should the officer put right?", "&Return")
    reason = DiscardReasonDialog("the entry of dossier 000.00.17.H56-261121-0001")
    for dialog, what in ((note, "review note"), (reason, "discard reason")):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert_keyboard_ready(qtbot, dialog, f"{language}: {what}")
