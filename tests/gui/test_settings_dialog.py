"""Tools ▸ Settings… (issue 10): a supervisor or an administrator changes what the first run
chose; an officer has no such action. A change of where the desk connects is checked with
the central system first; the key goes to the keyring; the application writes the settings;
the audit log names what changed and never a value.

Against the real central API on loopback and an OS keyring held in memory for the test.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from desk_app.app import DeskApplication
from desk_app.credentials import TokenVault
from desk_app.gui.camera.choice import CameraUse
from desk_app.gui.desk_setup import SettingsDialog, SettingsLauncher, settings_launcher
from desk_app.gui.desk_setup.settings_dialog import AUDIT_ACTION
from desk_app.gui.login_window import sign_in
from desk_app.gui.main_window import MainWindow
from desk_app.gui.printing import PdfFileReceiptPrinter
from desk_app.gui.session import DeskServices
from desk_app.paths import DeskPaths
from desk_app.settings import INT_BOUNDS, SYNC_INTERVAL_MIN_SECONDS, DeskSettings
from tests.support.central_server import DEMO_PASSWORD, SITE_CENTRE
from tests.support.store_keys import open_store

from .desk_setup_fixtures import (  # noqa: F401 - fixtures
    DESK,
    DESK_KEY,
    central,
    keyring_backend,
    keyring_door,
    show_active,
)
from .test_keyboard_only import assert_keyboard_ready, language  # noqa: F401 - fixture

KEY_NAME = ("one-stop-desk", f"desk-key:{DESK}")


@pytest.fixture
def open_window(qtbot, tmp_path, central, keyring_backend):
    windows: list[MainWindow] = []

    def open_(username: str) -> MainWindow:
        vault = TokenVault()
        vault.store_desk_key(DESK, DESK_KEY)
        services = DeskServices(
            settings=DeskSettings(server_url=central.base_url, desk_id=DESK, site_code=SITE_CENTRE,
                                  sync_interval_seconds=3600),
            vault=vault, server_url=central.base_url, store=open_store(tmp_path / f"store-{username}"))
        session = sign_in(central.base_url, DESK, vault, username, DEMO_PASSWORD)
        window = MainWindow(services, session)
        windows.append(window)
        return show_active(qtbot, window)

    yield open_
    for window in windows:
        window.sync_worker.stop()
        window.checks_worker.stop()
        window.close()
        window.session.client.close()
        window.store.close()


def press(qtbot, widget, keys: str) -> None:
    sequence = QKeySequence(keys)[0]
    qtbot.keyClick(widget, sequence.key(), sequence.keyboardModifiers())


def opened_dialog(qtbot, window: MainWindow) -> SettingsDialog:
    launcher = settings_launcher(window)
    assert launcher is not None
    with qtbot.waitSignal(launcher.opened, timeout=5_000) as opened:
        press(qtbot, window, "Ctrl+,")
    dialog = opened.args[0]
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    return dialog


def saved(qtbot, dialog: SettingsDialog) -> list:
    """Press Save and wait for the dialog to close; what it said it saved."""
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as done:
        dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    return done.args


# ---------------------------------------------------------------------- who has it


def test_an_officer_has_no_settings(qtbot, open_window):
    window = open_window("canbo01")
    assert settings_launcher(window) is None
    assert "actionSettings" not in {action.objectName() for action in window.actions()}
    assert not window.tools_menu.menuAction().isVisible() or all(
        action.objectName() != "actionSettings" for action in window.tools_menu.actions())
    press(qtbot, window, "Ctrl+,")
    qtbot.wait(50)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog) and w.isVisible()]


@pytest.mark.parametrize("username", ["giamsat01", "quantri"])
def test_a_supervisor_and_an_administrator_open_the_settings_from_tools(qtbot, open_window, username):
    window = open_window(username)
    launcher = settings_launcher(window)
    assert isinstance(launcher, SettingsLauncher)
    assert launcher.action in window.tools_menu.actions() and window.tools_menu.menuAction().isVisible()
    assert launcher.action.shortcut() == QKeySequence("Ctrl+,")
    dialog = opened_dialog(qtbot, window)
    assert dialog.tabs.count() == 5
    assert dialog.connection.address_edit.text() == window.services.server_url
    assert dialog.enrolment.desk_edit.text() == DESK and dialog.enrolment.site_edit.text() == SITE_CENTRE
    assert dialog.enrolment.key_edit.text() == ""  # the kept key is never shown
    dialog.reject()


# ---------------------------------------------------------------------- saving


def test_bounds_are_the_settings_own(qtbot, open_window):
    dialog = opened_dialog(qtbot, open_window("giamsat01"))
    for name, spin in (("idle_lock_minutes", dialog.idle_spin), ("offline_grace_days", dialog.offline_spin),
                       ("retention_days", dialog.retention_spin)):
        assert (spin.minimum(), spin.maximum()) == INT_BOUNDS[name]
        spin.setValue(INT_BOUNDS[name][1] + 1000)
        assert spin.value() == INT_BOUNDS[name][1]
    assert dialog.sync_spin.minimum() == SYNC_INTERVAL_MIN_SECONDS
    dialog.sync_spin.setValue(0)
    assert dialog.sync_spin.value() == SYNC_INTERVAL_MIN_SECONDS
    dialog.reject()


def test_devices_and_security_are_saved_without_asking_the_central_system(qtbot, open_window, central):
    window = open_window("giamsat01")
    launcher = settings_launcher(window)
    kept: list[DeskSettings] = []
    launcher.settings_changed.connect(kept.append)
    dialog = opened_dialog(qtbot, window)
    dialog.devices.paper_combo.setCurrentIndex(dialog.devices.paper_combo.findData("roll80"))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    press(qtbot, dialog, "Ctrl+3")
    assert dialog.save_button.isDefault()
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as done:
        press(qtbot, dialog.idle_spin, "Ctrl+A")
        qtbot.keyClicks(dialog.idle_spin, "12")
        press(qtbot, dialog.idle_spin, "Return")  # Enter saves from any field
    settings, names = done.args
    assert sorted(names) == ["idle_lock_minutes", "paper_format"]
    assert kept == [settings] and settings.idle_lock_minutes == 12 and settings.paper_format == "roll80"
    assert settings.desk_id == DESK and settings.server_url == central.base_url
    entry = window.store.audit_entries(limit=1)[0]
    assert (entry.action, entry.actor, entry.details) == (AUDIT_ACTION, "giamsat01",
                                                         {"changed": ["idle_lock_minutes", "paper_format"]})
    assert launcher.restart_notice is None  # nothing here waits for a restart


def test_a_new_desk_key_is_checked_then_kept_in_the_keyring_and_audited_by_name_only(
        qtbot, open_window, keyring_backend):
    window = open_window("quantri")
    keyring_backend.items[KEY_NAME] = "an-old-key"
    dialog = opened_dialog(qtbot, window)
    dialog.enrolment.key_edit.setText(DESK_KEY)
    settings, names = saved(qtbot, dialog)
    assert names == ["desk_key"] and settings == window.services.settings
    assert dialog.enrolment.check is not None and dialog.enrolment.check.site_code == SITE_CENTRE
    assert keyring_backend.items[KEY_NAME] == DESK_KEY
    entry = window.store.audit_entries(limit=1)[0]
    assert entry.action == AUDIT_ACTION and entry.details == {"changed": ["desk_key"]}
    assert DESK_KEY not in json.dumps(entry.details)


def test_a_wrong_key_or_an_address_that_does_not_answer_saves_nothing(qtbot, open_window, keyring_backend):
    window = open_window("giamsat01")
    launcher = settings_launcher(window)
    kept: list[DeskSettings] = []
    launcher.settings_changed.connect(kept.append)
    audit_before = window.store.audit_entries(limit=1)
    dialog = opened_dialog(qtbot, window)
    dialog.enrolment.key_edit.setText("not-the-key")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.enrolment.busy and dialog.message_label.property("tone") == "error",
                    timeout=10_000)
    assert "does not know desk DESK-NT-01" in dialog.enrolment.message_label.text()
    assert "nothing was saved" in dialog.message_label.text()
    assert dialog.isVisible() and kept == [] and keyring_backend.items[KEY_NAME] == DESK_KEY

    dialog.enrolment.key_edit.clear()
    dialog.connection.address_edit.setText("http://127.0.0.1:9")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.enrolment.busy and dialog.message_label.property("tone") == "error",
                    timeout=10_000)
    assert "Nothing answers at http://127.0.0.1:9" in dialog.enrolment.message_label.text()
    assert dialog.isVisible() and kept == []
    assert window.store.audit_entries(limit=1) == audit_before
    dialog.reject()


@pytest.fixture
def running_desk(qtbot, tmp_path, central, keyring_backend):
    """A DeskApplication as main() builds it, the supervisor signed in: (the desk, its main
    window, what its settings file holds now)."""
    paths = DeskPaths.under(tmp_path / "desk").create()
    vault = TokenVault()
    vault.store_desk_key(DESK, DESK_KEY)
    desk = DeskApplication(paths, DeskSettings(server_url=central.base_url, desk_id=DESK, site_code=SITE_CENTRE,
                                               sync_interval_seconds=3600),
                           demo=False, server_url=central.base_url, vault=vault,
                           printer=PdfFileReceiptPrinter(tmp_path / "printed.pdf"))

    def written() -> dict:
        path = paths.settings_file
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    try:
        with qtbot.waitSignal(desk.ready, timeout=30_000):
            desk.start()
        desk.login_window.ui.usernameEdit.setText("giamsat01")
        desk.login_window.ui.passwordEdit.setText(DEMO_PASSWORD)
        with qtbot.waitSignal(desk.main_window_shown, timeout=30_000) as shown:
            desk.login_window.login()
        window = shown.args[0]
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
        yield desk, window, written
    finally:
        if desk.main_window is not None:
            desk.main_window.close()
        desk.login_window.close()
        desk.shutdown()


def close_restart_notice(qtbot, window: MainWindow) -> str:
    """What the notice after a change that waits for a restart said."""
    launcher = settings_launcher(window)
    qtbot.waitUntil(lambda: launcher.restart_notice is not None and launcher.restart_notice.isVisible(),
                    timeout=5_000)
    said = launcher.restart_notice.text()
    launcher.restart_notice.close()
    return said


def test_the_application_writes_the_settings_and_runs_on_with_what_needs_a_restart(qtbot, running_desk):
    """Through DeskApplication: signed in as the supervisor, the language and the idle lock are
    changed; the file has both, the running desk keeps its language until it starts again."""
    desk, window, written = running_desk
    dialog = opened_dialog(qtbot, window)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.idle_spin.setValue(9)
    saved(qtbot, dialog)
    assert "the language" in close_restart_notice(qtbot, window)
    qtbot.waitUntil(lambda: written().get("language") == "en", timeout=5_000)
    assert written()["idle_lock_minutes"] == 9 and written()["last_username"] == "giamsat01"
    assert desk.settings.language == "en"
    assert desk.services.settings.language == "vi" and desk.services.settings.idle_lock_minutes == 9
    # A later choice (a camera, say) keeps the new language in the file.
    window.camera_chosen.emit(CameraUse.CARD, "cam-1")
    qtbot.waitUntil(lambda: written().get("card_camera_id") == "cam-1", timeout=5_000)
    assert written()["language"] == "en"


def test_the_settings_open_again_as_saved_and_saving_again_keeps_what_waits_for_a_restart(qtbot, running_desk):
    """The running desk speaks the language it started with; the settings show, and save again,
    the one chosen since."""
    desk, window, written = running_desk
    dialog = opened_dialog(qtbot, window)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    saved(qtbot, dialog)
    close_restart_notice(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    dialog = opened_dialog(qtbot, window)
    assert dialog.language_combo.currentData() == "en"
    dialog.idle_spin.setValue(7)
    _settings, names = saved(qtbot, dialog)
    assert names == ["idle_lock_minutes"]
    qtbot.waitUntil(lambda: written().get("idle_lock_minutes") == 7, timeout=5_000)
    assert written()["language"] == "en"
    assert desk.services.settings.language == "vi" and desk.services.settings.idle_lock_minutes == 7


def test_a_keyring_locked_at_save_keeps_nothing_and_save_keeps_the_key_once_it_is_unlocked(
        qtbot, open_window, keyring_backend, keyring_door):
    window = open_window("quantri")
    keyring_backend.items[KEY_NAME] = "an-old-key"
    dialog = opened_dialog(qtbot, window)
    dialog.enrolment.key_edit.setText(DESK_KEY)
    keyring_door.locked = True
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message_label.property("tone") == "error", timeout=10_000)
    said = dialog.message_label.text()
    assert "Unlock the keyring" in said and "press Save again" in said and "Finish" not in said
    assert dialog.isVisible() and keyring_backend.items[KEY_NAME] == "an-old-key"
    keyring_door.locked = False                                    # the person unlocks it
    _settings, names = saved(qtbot, dialog)
    assert names == ["desk_key"] and keyring_backend.items[KEY_NAME] == DESK_KEY


def test_esc_or_cancel_while_saving_waits_for_the_save_to_end(qtbot, open_window, keyring_backend, keyring_door):
    window = open_window("quantri")
    launcher = settings_launcher(window)
    kept: list[DeskSettings] = []
    launcher.settings_changed.connect(kept.append)
    dialog = opened_dialog(qtbot, window)
    dialog.enrolment.key_edit.setText(DESK_KEY)
    keyring_door.open.clear()                                      # the keyring asks for its password
    dialog.save_button.click()
    qtbot.waitUntil(keyring_door.waiting.is_set, timeout=10_000)
    press(qtbot, dialog, "Esc")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.isVisible() and kept == []
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as done:
        keyring_door.open.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert dialog.result() == QDialog.DialogCode.Accepted and kept == [done.args[0]]
    assert keyring_backend.items[KEY_NAME] == DESK_KEY
    entry = window.store.audit_entries(limit=1)[0]
    assert entry.action == AUDIT_ACTION and entry.details == {"changed": ["desk_key"]}


# ---------------------------------------------------------------------- keyboard


def test_every_tab_of_the_settings_is_keyboard_ready(qtbot, language, open_window):
    dialog = opened_dialog(qtbot, open_window("giamsat01"))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    for number, what in enumerate(("connection", "devices", "security", "sync", "language"), start=1):
        press(qtbot, QApplication.focusWidget() or dialog, f"Ctrl+{number}")
        assert dialog.tabs.currentIndex() == number - 1
        assert_keyboard_ready(qtbot, dialog, f"settings: {what}", dialog.tabs.currentWidget())
    press(qtbot, QApplication.focusWidget() or dialog, "Esc")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_ctrl_and_a_tabs_number_put_the_cursor_in_the_tabs_first_field(qtbot, open_window):
    dialog = opened_dialog(qtbot, open_window("giamsat01"))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    first_fields = (dialog.connection.address_edit, dialog.devices.printer_combo, dialog.idle_spin,
                    dialog.sync_spin, dialog.language_combo)
    for number in (1, 3, 5, 2, 4, 1):
        press(qtbot, QApplication.focusWidget() or dialog, f"Ctrl+{number}")
        assert dialog.tabs.currentIndex() == number - 1
        assert QApplication.focusWidget() is first_fields[number - 1], f"Ctrl+{number}"
    dialog.reject()
