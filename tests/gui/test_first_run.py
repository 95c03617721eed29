"""First-run setup (issue 10): an installed desk's first start asks for the central system,
the desk's enrolment and its devices before anyone signs in, by keyboard alone.

Against the real central API on loopback (its seeded desk DESK-NT-01 at 000.00.17.H56 with
the demo desk key) and an OS keyring held in memory for the test. The walk through
``desk_app.app.main`` is what a person meets: the wizard, then the sign-in window.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWizard

from desk_app import app as desk_app_module
from desk_app.core.timeutil import now_vn
from desk_app.credentials import TokenVault
from desk_app.gui.desk_setup import SetupWizard
from desk_app.gui.login_window import LoginWindow
from desk_app.gui.main_window import MainWindow
from desk_app.settings import SCHEMA_VERSION, DeskSettings
from tests.support.central_server import SITE_CENTRE, SITE_POST, RunningCentral
from tests.sync.test_transport import tls_central  # noqa: F401 - fixture

from .desk_setup_fixtures import (  # noqa: F401 - fixtures
    DESK,
    DESK_KEY,
    central,
    keyring_backend,
    keyring_door,
    show_active,
)
from .test_keyboard_only import alt, assert_keyboard_ready, focused, key, keys, language  # noqa: F401 - fixture

ENTER = key(Qt.Key.Key_Return)
TAB = key(Qt.Key.Key_Tab)


@pytest.fixture
def make_wizard(qtbot, tmp_path, keyring_backend):
    def make(settings: DeskSettings | None = None, vault: TokenVault | None = None, **options) -> SetupWizard:
        return show_active(qtbot, SetupWizard(settings or DeskSettings(), vault or TokenVault(),
                                              tmp_path / "config" / "settings.json", **options))

    return make


def on_page(qtbot, wizard: SetupWizard, page_id: int) -> None:
    qtbot.waitUntil(lambda: wizard.currentId() == page_id, timeout=5_000)


def to_enrolment(qtbot, wizard: SetupWizard, url: str) -> None:
    keys(qtbot, ENTER)
    on_page(qtbot, wizard, SetupWizard.PAGE_CENTRAL)
    keys(qtbot, url, ENTER)
    qtbot.waitUntil(wizard.central_page.isComplete, timeout=10_000)
    keys(qtbot, ENTER)
    on_page(qtbot, wizard, SetupWizard.PAGE_ENROLMENT)


def enter_desk(qtbot, wizard: SetupWizard, desk: str, site: str, desk_key: str) -> str:
    """Type the enrolment and press Enter; what the form then says."""
    form = wizard.enrolment_page.form
    keys(qtbot, desk, TAB, site, TAB, desk_key, ENTER)
    qtbot.waitUntil(lambda: not form.busy and form.message_label.property("tone") != "info", timeout=10_000)
    return form.message_label.text()


def to_summary(qtbot, wizard: SetupWizard, url: str) -> None:
    to_enrolment(qtbot, wizard, url)
    enter_desk(qtbot, wizard, DESK, SITE_CENTRE, DESK_KEY)
    keys(qtbot, ENTER)
    on_page(qtbot, wizard, SetupWizard.PAGE_DEVICES)
    keys(qtbot, ENTER)
    on_page(qtbot, wizard, SetupWizard.PAGE_SUMMARY)


def run_main(argv: list[str]) -> int:
    """``desk_app.app.main`` with the log handlers it adds taken away after it."""
    handlers = list(logging.getLogger().handlers)
    try:
        return desk_app_module.main(argv)
    finally:
        for handler in set(logging.getLogger().handlers) - set(handlers):
            logging.getLogger().removeHandler(handler)
            handler.close()


# ---------------------------------------------------------------------- the walk


def test_a_first_start_of_an_installed_desk_sets_it_up_by_keyboard_then_shows_the_sign_in(
        qtbot, tmp_path, central: RunningCentral, keyring_backend, monkeypatch):
    """main() on an empty profile of a frozen build: the wizard, walked with keys alone, then the
    sign-in window for the central system just set up. The walk counts what the person types."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    data = tmp_path / "desk"
    typed: list[str] = []
    presses = 0

    def press(*what) -> None:
        nonlocal presses
        for one in what:
            if isinstance(one, str):
                typed.append(one)
            else:
                presses += 1
            keys(qtbot, one)

    seen: dict[str, object] = {}

    def walk() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, SetupWizard)
        qtbot.waitUntil(wizard.isActiveWindow, timeout=5_000)
        press(ENTER)                                               # welcome: Vietnamese, the central system
        on_page(qtbot, wizard, SetupWizard.PAGE_CENTRAL)
        press(central.base_url, ENTER)                      # tests the address
        qtbot.waitUntil(wizard.central_page.isComplete, timeout=10_000)
        press(ENTER)
        on_page(qtbot, wizard, SetupWizard.PAGE_ENROLMENT)
        press(DESK, TAB, SITE_CENTRE, TAB, DESK_KEY, ENTER)        # checks the desk
        qtbot.waitUntil(wizard.enrolment_page.isComplete, timeout=10_000)
        press(ENTER)
        on_page(qtbot, wizard, SetupWizard.PAGE_DEVICES)
        press(ENTER)                                               # the defaults
        on_page(qtbot, wizard, SetupWizard.PAGE_SUMMARY)
        seen["summary"] = wizard.summary_page.summary.text()
        press(ENTER)                                               # Finish

    def at_sign_in() -> None:
        login = next((w for w in QApplication.topLevelWidgets() if isinstance(w, LoginWindow) and w.isVisible()), None)
        if login is None or login.ui.serverLabel.text() != central.base_url:
            QTimer.singleShot(50, at_sign_in)
            return
        seen["server"] = login.ui.serverLabel.text()
        seen["demo"] = login.ui.demoBadge.isVisible()
        QApplication.quit()

    QTimer.singleShot(0, walk)
    QTimer.singleShot(0, at_sign_in)
    QTimer.singleShot(60_000, QApplication.quit)  # a desk that never gets there fails below, not hangs
    handlers = list(logging.getLogger().handlers)
    try:
        assert desk_app_module.main(["--data-dir", str(data)]) == 0
    finally:
        for handler in set(logging.getLogger().handlers) - set(handlers):
            logging.getLogger().removeHandler(handler)
            handler.close()

    assert seen["server"] == central.base_url and seen["demo"] is False
    assert "Khánh Hòa" in str(seen["summary"]) and SITE_CENTRE in str(seen["summary"])
    written = json.loads((data / "config" / "settings.json").read_text(encoding="utf-8"))
    assert written["schema_version"] == SCHEMA_VERSION
    assert (written["server_url"], written["desk_id"], written["site_code"], written["language"]) == (
        central.base_url, DESK, SITE_CENTRE, "vi")
    assert DESK_KEY not in json.dumps(written)
    assert keyring_backend.items[("one-stop-desk", f"desk-key:{DESK}")] == DESK_KEY
    # A person's share of the walk: four fields typed, nine presses of Enter or Tab.
    assert len(typed) == 4 and presses == 9


def test_a_wrong_desk_key_is_refused_and_the_setup_does_not_go_on(qtbot, make_wizard, central):
    wizard = make_wizard()
    to_enrolment(qtbot, wizard, central.base_url)
    said = enter_desk(qtbot, wizard, DESK, SITE_CENTRE, "not-the-key")
    assert "does not know desk DESK-NT-01" in said
    assert not wizard.enrolment_page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    # The key is selected for typing again; the right one lets the setup go on.
    form = wizard.enrolment_page.form
    assert focused() is form.key_edit and form.key_edit.selectedText() == "not-the-key"
    keys(qtbot, DESK_KEY, ENTER)
    qtbot.waitUntil(wizard.enrolment_page.isComplete, timeout=10_000)
    assert form.message_label.property("tone") == "ok"


def test_a_site_code_other_than_the_desks_is_explained(qtbot, make_wizard, central):
    wizard = make_wizard()
    to_enrolment(qtbot, wizard, central.base_url)
    said = enter_desk(qtbot, wizard, DESK, SITE_POST.lower(), DESK_KEY)
    # The code typed (in capitals), the code the desk is enrolled at and that site's name.
    assert SITE_POST in said and SITE_CENTRE in said and "Khánh Hòa" in said
    assert not wizard.enrolment_page.isComplete()
    assert focused() is wizard.enrolment_page.form.site_edit


def test_fields_that_cannot_be_right_are_said_before_asking(qtbot, make_wizard, central):
    wizard = make_wizard()
    to_enrolment(qtbot, wizard, central.base_url)
    form = wizard.enrolment_page.form
    said = enter_desk(qtbot, wizard, DESK, "000.00.17.H56.99", DESK_KEY)
    assert "at most 13 characters" in said and focused() is form.site_edit and form.check is None


def test_demo_mode_finishes_at_once_and_writes_nothing(qtbot, make_wizard, keyring_backend, tmp_path):
    wizard = make_wizard(DeskSettings(language="vi"))
    keys(qtbot, alt("d"))
    qtbot.waitUntil(lambda: wizard.welcome_page.demo, timeout=2_000)
    qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.FinishButton).isVisible(), timeout=2_000)
    assert not wizard.button(QWizard.WizardButton.NextButton).isVisible()
    keys(qtbot, ENTER)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.demo and wizard.chosen is not None and wizard.chosen.demo
    assert not (tmp_path / "config").exists() and keyring_backend.items == {}


def test_trying_demo_mode_writes_no_settings_even_after_signing_in_so_the_setup_comes_again(
        qtbot, tmp_path, keyring_backend, monkeypatch):
    """main() on an empty profile of a frozen build: demo mode chosen in the setup, the demo
    officer signs in (which remembers the username for a desk that was set up), the desk quits."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    data = tmp_path / "desk"
    seen: dict[str, object] = {}

    def choose_demo() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, SetupWizard)
        qtbot.waitUntil(wizard.isActiveWindow, timeout=5_000)
        keys(qtbot, alt("d"))
        qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.FinishButton).isVisible(), timeout=2_000)
        keys(qtbot, ENTER)

    def sign_in() -> None:
        login = next((w for w in QApplication.topLevelWidgets() if isinstance(w, LoginWindow) and w.isVisible()), None)
        if login is None or not login.ui.serverLabel.text().startswith("http"):  # the demo server is starting
            QTimer.singleShot(50, sign_in)
            return
        login.ui.usernameEdit.setText(desk_app_module.DEMO_USERNAME)
        login.ui.passwordEdit.setText(desk_app_module.DEMO_PASSWORD)
        login.login()
        at_work()

    def at_work() -> None:
        window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
        if window is None:
            QTimer.singleShot(50, at_work)
            return
        seen["signed in"] = window.session.username
        QApplication.quit()

    def give_up() -> None:  # a desk that never gets there fails below, not hangs
        if isinstance(wizard := QApplication.activeModalWidget(), SetupWizard):
            wizard.reject()
        QApplication.quit()

    QTimer.singleShot(0, choose_demo)
    QTimer.singleShot(0, sign_in)
    QTimer.singleShot(60_000, give_up)
    assert run_main(["--data-dir", str(data)]) == 0

    assert seen["signed in"] == desk_app_module.DEMO_USERNAME
    settings_file = data / "config" / "settings.json"
    assert not settings_file.exists()
    assert desk_app_module.wants_setup(desk_app_module.parse_args([]), settings_file)


def test_cancelling_writes_nothing(qtbot, make_wizard, central, keyring_backend, tmp_path):
    wizard = make_wizard()
    to_summary(qtbot, wizard, central.base_url)
    keys(qtbot, key(Qt.Key.Key_Escape))
    assert wizard.result() == QWizard.DialogCode.Rejected and wizard.chosen is None
    assert not (tmp_path / "config").exists() and keyring_backend.items == {}


def test_a_keyring_locked_at_finish_keeps_nothing_and_finish_keeps_all_once_it_is_unlocked(
        qtbot, make_wizard, central, keyring_backend, keyring_door, tmp_path):
    wizard = make_wizard()
    to_summary(qtbot, wizard, central.base_url)
    keyring_door.locked = True
    keys(qtbot, ENTER)                                             # Finish
    message = wizard.summary_page.message_label
    qtbot.waitUntil(lambda: message.property("tone") == "error", timeout=5_000)
    assert "Unlock the keyring" in message.text() and "press Finish again" in message.text()
    assert wizard.isVisible() and not (tmp_path / "config").exists() and keyring_backend.items == {}

    keyring_door.locked = False                                    # the person unlocks it
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled()
    finish.click()
    qtbot.waitUntil(lambda: wizard.result() == QWizard.DialogCode.Accepted, timeout=5_000)
    assert keyring_backend.items[("one-stop-desk", f"desk-key:{DESK}")] == DESK_KEY
    written = json.loads((tmp_path / "config" / "settings.json").read_text(encoding="utf-8"))
    assert written["desk_id"] == DESK and written["server_url"] == central.base_url


def test_esc_or_cancel_while_the_settings_are_kept_waits_for_them(
        qtbot, make_wizard, central, keyring_backend, keyring_door, tmp_path):
    wizard = make_wizard()
    to_summary(qtbot, wizard, central.base_url)
    keyring_door.open.clear()                                      # the keyring asks for its password
    keys(qtbot, ENTER)                                             # Finish
    qtbot.waitUntil(keyring_door.waiting.is_set, timeout=5_000)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert wizard.isVisible() and wizard.chosen is None
    keyring_door.open.set()
    qtbot.waitUntil(lambda: wizard.result() == QWizard.DialogCode.Accepted, timeout=5_000)
    assert not wizard.isVisible() and wizard.chosen is not None and not wizard.demo
    assert keyring_backend.items[("one-stop-desk", f"desk-key:{DESK}")] == DESK_KEY
    assert (tmp_path / "config" / "settings.json").exists()


def test_without_a_keyring_the_desk_cannot_be_set_up(qtbot, make_wizard, central):
    wizard = make_wizard(vault=TokenVault(use_keyring=False))
    to_enrolment(qtbot, wizard, central.base_url)
    form = wizard.enrolment_page.form
    assert form.keyring_label.isVisible() and "no working password keyring" in form.keyring_label.text()
    assert not form.check_button.isEnabled() and not form.key_edit.isEnabled()
    assert not wizard.enrolment_page.isComplete()


# ---------------------------------------------------------------------- the connection test


def _test_address(qtbot, wizard: SetupWizard, url: str, authority: str = "") -> str:
    keys(qtbot, ENTER)
    on_page(qtbot, wizard, SetupWizard.PAGE_CENTRAL)
    form = wizard.central_page.form
    form.authority_edit.setText(authority)
    keys(qtbot, url, ENTER)
    qtbot.waitUntil(lambda: not form.busy and form.message_label.property("tone") != "info", timeout=15_000)
    return form.message_label.text()


def test_an_address_that_is_not_encrypted_is_refused(qtbot, make_wizard):
    said = _test_address(qtbot, make_wizard(), "http://motcua.example.gov.vn")
    assert "not encrypted (http://)" in said and "https://" in said


def test_an_address_where_nothing_answers_is_said_so(qtbot, make_wizard):
    wizard = make_wizard()
    said = _test_address(qtbot, wizard, "http://127.0.0.1:9")
    assert "Nothing answers at http://127.0.0.1:9" in said
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_certificate_the_desk_cannot_verify_is_refused_and_a_server_that_is_no_central_system_is_named(
        qtbot, make_wizard, tls_central):  # noqa: F811 - the fixture
    url, province, _stranger = tls_central
    said = _test_address(qtbot, make_wizard(), url)
    assert "certificate could not be verified" in said and "(TLS)" in said
    # With the province's authority pinned, the server is trusted; it answers its health, but
    # not as the central API does (no version): not the central system.
    said = _test_address(qtbot, make_wizard(), url, str(province))
    assert "not the central system" in said


def test_a_clock_far_from_the_central_systems_is_warned_about(qtbot, make_wizard, central):
    wizard = make_wizard(clock=lambda: now_vn() + timedelta(minutes=12))
    said = _test_address(qtbot, wizard, central.base_url)
    form = wizard.central_page.form
    assert "version" in said and form.clock_label.isVisible()
    assert "12 minutes ahead" in form.clock_label.text() or "11 minutes ahead" in form.clock_label.text()
    assert wizard.central_page.isComplete()  # a warning: the IT person sets the clock, the setup goes on


def test_a_clock_that_agrees_gives_no_warning_and_an_address_without_https_gets_it(qtbot, make_wizard, central):
    wizard = make_wizard()
    said = _test_address(qtbot, wizard, central.base_url)
    assert "Connected" in said and not wizard.central_page.form.clock_label.isVisible()
    assert wizard.central_page.form.probe is not None
    assert wizard.central_page.form.probe.clock_skew is not None
    assert abs(wizard.central_page.form.probe.clock_skew) < timedelta(minutes=1)
    # What was typed without a scheme is an https address.
    wizard.central_page.form.address_edit.setText("motcua.example.gov.vn/")
    assert wizard.central_page.form.address() == "https://motcua.example.gov.vn"


# ---------------------------------------------------------------------- language and keyboard


def test_choosing_the_language_swaps_the_applications_translators_and_the_wizard_follows(qtbot, make_wizard):
    translators: list = []
    wizard = make_wizard(DeskSettings(language="en"), translators=translators)
    assert wizard.windowTitle() == "Set up this desk"
    combo = wizard.welcome_page.language_combo
    combo.setCurrentIndex(combo.findData("vi"))
    assert len(translators) == 1
    expected = translators[0].translate("SetupWizard", "Set up this desk") or "Set up this desk"
    qtbot.waitUntil(lambda: wizard.windowTitle() == expected, timeout=2_000)
    combo.setCurrentIndex(combo.findData("en"))
    assert translators == []
    qtbot.waitUntil(lambda: wizard.windowTitle() == "Set up this desk", timeout=2_000)
    assert wizard.welcome_page.central_radio.text() == "&Connect to the province's central system"


def test_every_page_of_the_setup_is_keyboard_ready(qtbot, language, make_wizard, central):
    wizard = make_wizard()
    assert_keyboard_ready(qtbot, wizard, "welcome", wizard.currentPage())
    wizard.next()
    connection = wizard.central_page.form
    connection.address_edit.setText(central.base_url)
    connection.test()
    qtbot.waitUntil(wizard.central_page.isComplete, timeout=10_000)
    assert_keyboard_ready(qtbot, wizard, "central system", wizard.currentPage())
    wizard.next()
    assert_keyboard_ready(qtbot, wizard, "enrolment", wizard.currentPage())
    enrolment = wizard.enrolment_page.form
    for edit, text in ((enrolment.desk_edit, DESK), (enrolment.site_edit, SITE_CENTRE), (enrolment.key_edit, DESK_KEY)):
        edit.setText(text)
    enrolment.check_desk()
    qtbot.waitUntil(wizard.enrolment_page.isComplete, timeout=10_000)
    assert_keyboard_ready(qtbot, wizard, "enrolment, checked", wizard.currentPage())
    wizard.next()
    assert_keyboard_ready(qtbot, wizard, "devices", wizard.currentPage())
    wizard.next()
    assert wizard.currentId() == SetupWizard.PAGE_SUMMARY
    assert_keyboard_ready(qtbot, wizard, "summary")


# ---------------------------------------------------------------------- when the wizard shows


@pytest.mark.parametrize(("argv", "frozen", "has_file", "shown"), [
    ([], True, False, True),
    ([], True, True, False),
    ([], False, False, False),
    (["--setup"], False, True, True),
    (["--demo"], True, False, False),
    (["--server", "https://motcua.example.gov.vn"], True, False, False),
    (["--quit-after-shown", "--demo"], True, False, False),
    (["--screenshot", "x.png", "--demo"], True, False, False),
    (["--enrol"], True, False, False),
])
def test_when_the_setup_shows(tmp_path, monkeypatch, argv, frozen, has_file, shown):
    monkeypatch.setattr(sys, "frozen", frozen, raising=False)
    settings_file = tmp_path / "settings.json"
    if has_file:
        settings_file.write_text("{}", encoding="utf-8")
    assert desk_app_module.wants_setup(desk_app_module.parse_args(argv), settings_file) is shown


def test_setup_with_a_flag_that_decides_otherwise_is_refused(tmp_path, capsys):
    handlers = list(logging.getLogger().handlers)
    try:
        assert desk_app_module.main(["--setup", "--demo", "--data-dir", str(tmp_path / "desk")]) == 2
    finally:
        for handler in set(logging.getLogger().handlers) - set(handlers):
            logging.getLogger().removeHandler(handler)
            handler.close()
    assert "--setup does not go with --demo" in capsys.readouterr().err
    assert not (tmp_path / "desk" / "config" / "settings.json").exists()


def test_cancelling_the_setup_quits_without_writing(qtbot, tmp_path, keyring_backend):
    def cancel() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, SetupWizard)
        wizard.reject()

    QTimer.singleShot(0, cancel)
    handlers = list(logging.getLogger().handlers)
    try:
        assert desk_app_module.main(["--setup", "--data-dir", str(tmp_path / "desk")]) == 0
    finally:
        for handler in set(logging.getLogger().handlers) - set(handlers):
            logging.getLogger().removeHandler(handler)
            handler.close()
    assert not (tmp_path / "desk" / "config" / "settings.json").exists() and keyring_backend.items == {}
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, LoginWindow) and w.isVisible()]

