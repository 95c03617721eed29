"""A USB scanner's burst is a card scan wherever the focus is; a person's typing is left alone.

Keys are sent as QKeyEvent objects to the widget that has the keyboard focus, as the
window system delivers them, each stamped with its time; the filter's clock is set to
the same time before each key, so no test sleeps to make typing slow or fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWizard

from desk_app.core.identity import Sex
from desk_app.gui.intake import IntakeWizard
from desk_app.gui.main_window import MainWindow
from desk_app.gui.scanner_input import DEFAULT_MAX_GAP_MS, ScannerInput, is_card_scan
from tests.support.citizens import cccd_number, cccd_qr

from .conftest import counter_clock
from .test_main_window import a_dossier, window  # noqa: F401 - the signed-in window fixture

SCANNER_GAP_MS = 4      # a scanner in keyboard mode: a key every few milliseconds
PERSON_GAP_MS = 110     # a quick typist
OTHER_CARD = cccd_qr(
    full_name="Trần Văn Bình", date_of_birth=date(1985, 5, 1), sex=Sex.MALE,
    address="12 Trần Phú, Phường Lộc Thọ, Nha Trang", province="079", serial=4321, cmnd="",
)


class FakeClock:
    """The filter's clock, in seconds; a key's timestamp is the same instant in milliseconds."""

    def __init__(self) -> None:
        self.ms = 1_000_000

    def __call__(self) -> float:
        return self.ms / 1000


def _key_for(char: str) -> int:
    if char.isascii() and char.isalnum():
        return ord(char.upper())
    return {" ": Qt.Key.Key_Space, "|": Qt.Key.Key_Bar, ",": Qt.Key.Key_Comma, "/": Qt.Key.Key_Slash,
            ".": Qt.Key.Key_Period, "-": Qt.Key.Key_Minus}.get(char, Qt.Key.Key_unknown)


def _needs_shift(char: str) -> bool:
    return char.isupper() or char == "|"


@dataclass
class Keyboard:
    """Sends key events to whatever has the focus, at the times the test chooses."""

    clock: FakeClock

    def _send(self, kind: QEvent.Type, key: int, text: str = "", shift: bool = False) -> None:
        modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
        event = QKeyEvent(kind, key, modifiers, 0, 0, 0, text)
        event.setTimestamp(self.clock.ms)
        target = QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        QApplication.sendEvent(target, event)

    def type(self, text: str, gap_ms: int, *, enter: bool = True) -> None:
        """Each character as press (with Shift around capitals and "|") and release, ``gap_ms`` apart."""
        for char in text:
            self.clock.ms += gap_ms
            shift = _needs_shift(char)
            if shift:
                self._send(QEvent.Type.KeyPress, Qt.Key.Key_Shift, shift=True)
            self._send(QEvent.Type.KeyPress, _key_for(char), char, shift)
            self._send(QEvent.Type.KeyRelease, _key_for(char), char, shift)
            if shift:
                self._send(QEvent.Type.KeyRelease, Qt.Key.Key_Shift)
        if enter:
            self.clock.ms += gap_ms
            self._send(QEvent.Type.KeyPress, Qt.Key.Key_Return, "\r")
            self._send(QEvent.Type.KeyRelease, Qt.Key.Key_Return, "\r")

    def press(self, key: int, gap_ms: int) -> None:
        """A key with no text (Backspace, an arrow), pressed and released ``gap_ms`` after the last."""
        self.clock.ms += gap_ms
        self._send(QEvent.Type.KeyPress, key)
        self._send(QEvent.Type.KeyRelease, key)

    def scan(self, text: str) -> None:
        self.type(text, SCANNER_GAP_MS)

    def pause(self, ms: int = 1_000) -> None:
        self.clock.ms += ms


def focus(qtbot, widget) -> None:  # noqa: ANN001
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=5_000)


# ---------------------------------------------------------------------- in the desk's main window


@pytest.fixture
def desk(qtbot, window):  # noqa: F811 - the fixture imported above
    """The signed-in main window, its scanner timed by the test, and a keyboard to type with."""
    clock = FakeClock()
    window.scanner_input.clock = clock
    return window, Keyboard(clock)


def open_wizard_by_scan(qtbot, window: MainWindow, keyboard: Keyboard, text: str) -> IntakeWizard:
    with qtbot.waitSignal(window.wizard_opened, timeout=10_000) as opened:
        keyboard.scan(text)
    wizard = opened.args[0]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is wizard,
                    timeout=5_000)
    return wizard


def test_a_scan_with_the_queue_focused_opens_an_intake_with_the_citizen(qtbot, desk):
    window, keyboard = desk
    dossier = window.store.save_new_dossier(a_dossier(window), {})  # its code starts with "0", as the scan does
    window.refresh_queue()
    qtbot.waitUntil(lambda: window.queue_model.row_of(dossier.client_id) is not None, timeout=10_000)
    view = window.ui.queueView
    focus(qtbot, view)
    view.clearSelection()
    scanned = []
    window.scanner_input.cccd_scanned.connect(scanned.append)

    wizard = open_wizard_by_scan(qtbot, window, keyboard, cccd_qr())

    assert scanned == [cccd_qr()]  # the Vietnamese letters exactly as the scanner typed them
    ui = wizard.citizen_page.ui
    assert wizard.currentId() == IntakeWizard.PAGE_CITIZEN
    assert ui.fullNameEdit.text() == "Nguyễn Thị Phương Thảo"
    assert ui.cccdEdit.text() == cccd_number("056", date(1962, 3, 8), Sex.FEMALE, 123456)
    assert ui.sexCombo.currentData() == "Nữ"
    assert ui.qrEdit.text() == "" and ui.qrMessageLabel.property("tone") == "ok"
    # No key reached the queue: its type-to-find would have jumped to the row starting with "0".
    assert view.selectionModel().selectedRows() == []
    assert not window.scanner_input.holding
    wizard.reject()


def test_a_scan_into_a_field_of_a_later_page_fills_the_citizen_and_leaves_the_field_alone(qtbot, desk):
    window, keyboard = desk
    wizard = open_wizard_by_scan(qtbot, window, keyboard, cccd_qr())
    wizard.next()
    assert wizard.procedure_page.select_code("DEMO.GPLX.01")
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_FORM
    licence = wizard.form_page.editors["licence_number"].widget
    licence.setText("7901")
    focus(qtbot, licence)

    keyboard.scan(cccd_qr())  # the same citizen's card again: nothing to ask

    assert wizard.findChild(QMessageBox, "replaceCitizenBox") is None
    assert wizard.currentId() == IntakeWizard.PAGE_CITIZEN
    assert wizard.citizen_page.ui.qrMessageLabel.property("tone") == "ok"
    assert licence.text() == "7901"
    assert wizard.draft.procedure.code == "DEMO.GPLX.01"  # the other steps keep what was chosen
    wizard.reject()


def test_a_scan_into_an_empty_citizen_field_leaves_only_the_card_values(qtbot, desk):
    window, keyboard = desk
    with qtbot.waitSignal(window.wizard_opened, timeout=10_000) as opened:
        window.ui.actionNewDossier.trigger()
    wizard = opened.args[0]
    address = wizard.citizen_page.ui.addressEdit
    focus(qtbot, address)

    keyboard.scan(cccd_qr())

    assert address.text() == "Thôn Phú Hòa, Xã Diên Phú, Huyện Diên Khánh, Tỉnh Khánh Hòa"
    assert wizard.citizen_page.ui.fullNameEdit.text() == "Nguyễn Thị Phương Thảo"
    assert wizard.currentId() == IntakeWizard.PAGE_CITIZEN  # Enter did not press Next
    wizard.reject()


def test_a_person_typing_the_same_text_slowly_is_not_a_scan(qtbot, desk):
    window, keyboard = desk
    with qtbot.waitSignal(window.wizard_opened, timeout=10_000) as opened:
        window.ui.actionNewDossier.trigger()
    wizard = opened.args[0]
    page = wizard.citizen_page
    focus(qtbot, page.ui.qrEdit)
    scanned = []
    window.scanner_input.cccd_scanned.connect(scanned.append)

    keyboard.type(cccd_qr(), PERSON_GAP_MS, enter=False)
    keyboard.pause()
    qtbot.waitUntil(lambda: not window.scanner_input.holding, timeout=5_000)  # the last key, on the timer
    assert page.ui.qrEdit.text() == cccd_qr()  # every key, in order, accents and all
    assert page.ui.fullNameEdit.text() == ""

    keyboard.type("", PERSON_GAP_MS)  # Enter: the QR field reads what was typed, as it always did
    assert scanned == []
    assert page.ui.fullNameEdit.text() == "Nguyễn Thị Phương Thảo"
    assert wizard.currentId() == IntakeWizard.PAGE_CITIZEN
    wizard.reject()


def test_a_fast_burst_of_another_barcode_arrives_as_typing(qtbot, desk):
    window, keyboard = desk
    wizard = open_wizard_by_scan(qtbot, window, keyboard, cccd_qr())
    wizard.next()
    search = wizard.procedure_page.ui.searchEdit
    assert QApplication.focusWidget() is search
    scanned = []
    window.scanner_input.cccd_scanned.connect(scanned.append)

    keyboard.scan("DEMO.DT.01")  # a procedure's code, printed as a barcode on a leaflet

    assert scanned == []
    assert search.text() == "DEMO.DT.01"
    assert wizard.draft.procedure is not None and wizard.draft.procedure.code == "DEMO.DT.01"  # its Enter chose it
    wizard.reject()


def test_a_card_scanned_while_another_citizen_is_filled_asks_first(qtbot, desk):
    window, keyboard = desk
    wizard = open_wizard_by_scan(qtbot, window, keyboard, cccd_qr())
    ui = wizard.citizen_page.ui

    keyboard.scan(OTHER_CARD)
    box = wizard.citizen_page.replace_box
    assert box is not None and box.isVisible()
    assert "Nguyễn Thị Phương Thảo" in box.text() and "Trần Văn Bình" in box.text()
    assert ui.fullNameEdit.text() == "Nguyễn Thị Phương Thảo"  # nothing replaced before the answer
    assert box.defaultButton().text() == "&Keep the current citizen"
    box.defaultButton().click()
    assert ui.fullNameEdit.text() == "Nguyễn Thị Phương Thảo"
    assert wizard.citizen_page.replace_box is None

    keyboard.scan(OTHER_CARD)
    box = wizard.citizen_page.replace_box
    next(b for b in box.buttons() if b.text() == "&Replace").click()
    assert ui.fullNameEdit.text() == "Trần Văn Bình"
    assert ui.cccdEdit.text() == cccd_number("079", date(1985, 5, 1), Sex.MALE, 4321)
    assert ui.cmndEdit.text() == "" and ui.sexCombo.currentData() == "Nam"
    wizard.reject()


def test_closing_the_window_stops_the_scanner(qtbot, desk):
    window, keyboard = desk
    edit = QLineEdit()
    qtbot.addWidget(edit)
    window.close()
    edit.show()
    focus(qtbot, edit)
    keyboard.scan(cccd_qr())  # the window is gone: a scan is plain typing again
    assert edit.text() == cccd_qr()
    assert window.intake_wizard is None


# ---------------------------------------------------------------------- the wizard, handed scans


@pytest.fixture
def wizard_with_scanner(qtbot, catalogue, store, officer):
    """The intake wizard alone, given every scan as the main window gives it."""
    wizard = IntakeWizard(
        catalogue=catalogue, overrides=[], store=store, user=officer, desk_id="DESK-T-01",
        lookup_url="http://127.0.0.1:9/tra-cuu", clock=counter_clock,
    )
    qtbot.addWidget(wizard)
    clock = FakeClock()
    scanner = ScannerInput(clock=clock)
    scanner.cccd_scanned.connect(wizard.take_scan)
    scanner.install()
    wizard.show()
    yield wizard, Keyboard(clock)
    scanner.uninstall()
    scanner.deleteLater()


def test_the_scan_s_enter_never_presses_next_or_finish(qtbot, wizard_with_scanner):
    wizard, keyboard = wizard_with_scanner
    focus(qtbot, wizard.citizen_page.ui.qrEdit)
    keyboard.scan(cccd_qr())
    assert wizard.currentId() == IntakeWizard.PAGE_CITIZEN
    wizard.next()
    assert wizard.procedure_page.select_code("TEST.VT.01")
    wizard.next()
    wizard.form_page.editors["plate_number"].set_value("79B-012.34")
    for _step in range(4):
        if wizard.currentId() == IntakeWizard.PAGE_REVIEW:
            break
        wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_REVIEW
    consent = wizard.review_page.ui.consentCheck
    consent.setChecked(True)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled() and finish.isDefault()
    focus(qtbot, consent)
    saved = []
    wizard.dossier_saved.connect(saved.append)

    keyboard.scan(cccd_qr())

    assert consent.isChecked()  # the spaces in the name did not untick it
    assert wizard.currentId() == IntakeWizard.PAGE_CITIZEN and wizard.isVisible()
    assert not wizard.saving and saved == []
    focus(qtbot, wizard.citizen_page.ui.fullNameEdit)
    keyboard.type("", PERSON_GAP_MS)  # a person's Enter still presses the default button
    assert wizard.currentId() == IntakeWizard.PAGE_PROCEDURE


# ---------------------------------------------------------------------- the filter on plain widgets


@pytest.fixture
def counter(qtbot):
    """A dialog with a line edit, a check box and a default button, and a scanner on the app."""
    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    edit, check, ok = QLineEdit(dialog), QCheckBox("Đồng ý", dialog), QPushButton("OK", dialog)
    for widget in (edit, check, ok):
        layout.addWidget(widget)
    ok.setDefault(True)
    qtbot.addWidget(dialog)
    clock = FakeClock()
    scanner = ScannerInput(clock=clock)
    scans: list[str] = []
    scanner.cccd_scanned.connect(scans.append)
    scanner.install()
    clicks: list[bool] = []
    ok.clicked.connect(lambda: clicks.append(True))
    dialog.show()
    yield dialog, edit, check, scanner, Keyboard(clock), scans, clicks
    scanner.uninstall()
    scanner.deleteLater()


def test_a_pause_of_the_ui_thread_does_not_break_a_scan(qtbot, counter):
    _dialog, edit, _check, scanner, keyboard, scans, clicks = counter
    focus(qtbot, edit)
    text = cccd_qr()
    keyboard.type(text[:30], SCANNER_GAP_MS, enter=False)
    # The UI thread was busy for 200 ms: the next key is handled late, but the window
    # system stamped it when the scanner sent it; the keys queued behind it follow at once.
    stamped_at = keyboard.clock.ms + SCANNER_GAP_MS
    keyboard.clock.ms += 200
    late = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, 0, 0, 0, text[30])
    late.setTimestamp(stamped_at)
    QApplication.sendEvent(edit, late)
    keyboard.type(text[31:], SCANNER_GAP_MS)
    assert scans == [text]
    assert edit.text() == "" and clicks == []


def test_a_person_s_space_on_a_check_box_still_ticks_it(qtbot, counter):
    _dialog, _edit, check, scanner, keyboard, scans, _clicks = counter
    focus(qtbot, check)
    keyboard.scan(cccd_qr())
    assert scans == [cccd_qr()] and not check.isChecked()
    keyboard.pause()
    keyboard.type(" ", PERSON_GAP_MS, enter=False)
    keyboard.pause()
    qtbot.waitUntil(check.isChecked, timeout=5_000)  # held for a moment, then delivered


def test_a_short_fast_pair_of_keys_from_a_person_arrives_in_order(qtbot, counter):
    _dialog, edit, _check, scanner, keyboard, scans, clicks = counter
    focus(qtbot, edit)
    keyboard.type("ab", 12, enter=False)       # two keys rolled over, as fast as a scanner
    keyboard.type("c", PERSON_GAP_MS, enter=False)
    keyboard.type("", PERSON_GAP_MS)           # Enter, which presses the dialog's default button
    assert edit.text() == "abc" and clicks == [True] and scans == []


def test_a_key_without_text_never_overtakes_the_keys_held_before_it(qtbot, counter):
    _dialog, edit, _check, scanner, keyboard, scans, _clicks = counter
    focus(qtbot, edit)
    keyboard.type("ab", 12, enter=False)
    assert scanner.holding and edit.text() == ""
    keyboard.press(Qt.Key.Key_Backspace, 12)  # at once: "ab" arrives first, then Backspace erases "b"
    assert edit.text() == "a" and not scanner.holding


def test_a_damaged_card_text_is_still_taken_as_a_card(qtbot, counter):
    _dialog, edit, _check, _scanner, keyboard, scans, clicks = counter
    six_fields = "|".join(cccd_qr().split("|")[:-2] + ["01012021"])
    assert is_card_scan(six_fields) and not is_card_scan("8934588012228") and not is_card_scan("a|b|c")
    focus(qtbot, edit)
    keyboard.scan(six_fields)  # the citizen page then says what is wrong with it
    assert scans == [six_fields] and edit.text() == "" and clicks == []


def test_a_scan_through_the_window_system_is_taken_before_shortcuts_and_buttons(qtbot, counter):
    dialog, edit, _check, scanner, keyboard, scans, clicks = counter
    focus(qtbot, edit)
    # ASCII only: QTest's window keyboard types Latin-1 characters.
    card = cccd_qr(full_name="Nguyen Van An", sex=Sex.MALE, address="12 Tran Phu, Nha Trang")
    window = dialog.windowHandle()
    for char in card:
        keyboard.clock.ms += SCANNER_GAP_MS
        QTest.keyClick(window, char)
    keyboard.clock.ms += SCANNER_GAP_MS
    QTest.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert scans == [card]
    assert edit.text() == "" and clicks == []
    keyboard.clock.ms += DEFAULT_MAX_GAP_MS * 10
    QTest.keyClick(window, "x")  # and a person's key through the same path arrives
    keyboard.pause()
    qtbot.waitUntil(lambda: edit.text() == "x", timeout=5_000)
