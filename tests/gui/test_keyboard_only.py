"""Keyboard first (issue 5): every step of the intake can be done without the mouse.

Two kinds of proof. The audit walks each step, in each state that shows other controls
(register differences, a form with an address and a repeatable group, delivery by post,
each outcome), in English and in Vietnamese: real Tab presses reach every control, every
input and action has a visible Alt letter or named key, no two visible controls claim the
same letter, and no letter needs a dead key; the camera dialogs (issue 6) are audited the
same way, live and with a picture taken. The walks then renew a driving licence from the
card scan to the saved dossier, and take a portrait with the camera, with key presses
alone, sent to whatever has the focus.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from desk_app.core.dossier import DossierStatus
from desk_app.gui.intake import IntakeWizard
from desk_app.gui.mnemonics import mnemonic_of
from desk_app.gui.translation import load_desk_translator
from tests.support.citizens import cccd_qr

from .conftest import counter_clock
from .keyboard_audit import audit
from .test_citizen_lookup import central, make_wizard, session_client, wait_for_answer  # noqa: F401 - fixtures
from .test_intake_wizard import portrait_file


@pytest.fixture(params=["en", "vi"])
def language(request: pytest.FixtureRequest, qapp) -> Iterator[str]:
    translator = load_desk_translator("vi") if request.param == "vi" else None
    if translator is not None:
        QCoreApplication.installTranslator(translator)
    yield request.param
    if translator is not None:
        QCoreApplication.removeTranslator(translator)


def assert_keyboard_ready(qtbot, window: QWidget, what: str, root: QWidget | None = None) -> None:
    found = audit(qtbot, window, root)
    assert found.controls, f"{what}: nothing to work with?"
    assert found.not_reached() == [], f"{what}: Tab never reaches these"
    assert found.without_shortcut() == [], f"{what}: no Alt letter or named key leads here"
    assert found.clashes() == {}, f"{what}: two visible controls claim the same Alt letter"
    assert found.untypeable() == [], f"{what}: an Alt letter that needs a dead key"


def assert_step_keyboard_ready(qtbot, wizard: IntakeWizard, step: str) -> None:
    assert_keyboard_ready(qtbot, wizard, step, wizard.currentPage())


def scan(qtbot, wizard: IntakeWizard, text: str) -> None:
    edit = wizard.citizen_page.ui.qrEdit
    edit.setFocus()
    edit.setText(text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


# ---------------------------------------------------------------------- the audit, step by step


def test_the_citizen_step_with_the_registers_differences_is_keyboard_ready(qtbot, language, make_wizard, central):
    wizard = make_wizard(session_client(central))
    assert_step_keyboard_ready(qtbot, wizard, "citizen, empty")
    # Another birth date and the card's old address: the tick and "Use the register's address" show.
    scan(qtbot, wizard, cccd_qr(date_of_birth=date(1962, 3, 9)))
    wait_for_answer(qtbot, wizard)
    ui = wizard.citizen_page.ui
    assert ui.registerCheckedBox.isVisible() and ui.useRegisterAddressButton.isVisible()
    assert_step_keyboard_ready(qtbot, wizard, "citizen, register differs")


def test_a_form_with_an_address_and_a_group_is_keyboard_ready(qtbot, language, make_wizard):
    wizard = make_wizard(None)
    scan(qtbot, wizard, cccd_qr())
    wizard.next()
    assert_step_keyboard_ready(qtbot, wizard, "procedure")
    assert wizard.procedure_page.select_code("TEST.HKD.01")
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_FORM
    assert_step_keyboard_ready(qtbot, wizard, "form with an address and a group")
    wizard.form_page.editors["vehicles"].add_entry()
    assert_step_keyboard_ready(qtbot, wizard, "form with two group entries")


def test_the_later_steps_and_every_outcome_are_keyboard_ready(qtbot, language, make_wizard, tmp_path):
    wizard = make_wizard(None)
    scan(qtbot, wizard, cccd_qr())
    wizard.next()
    assert wizard.procedure_page.select_code("TEST.GPLX.01")
    wizard.next()
    assert_step_keyboard_ready(qtbot, wizard, "form")
    editors = wizard.form_page.editors
    editors["licence_number"].set_value("790123456789")
    editors["licence_class"].set_value("B")
    editors["phone"].set_value("0905123456")
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_DOCUMENTS
    assert_step_keyboard_ready(qtbot, wizard, "documents")
    wizard.documents_page.ui.deliveryPostRadio.setChecked(True)
    assert_step_keyboard_ready(qtbot, wizard, "documents, by post")
    wizard.next()
    assert_step_keyboard_ready(qtbot, wizard, "portrait, none yet")
    op = wizard.portrait_page.load_portrait_file(portrait_file(tmp_path))
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert_step_keyboard_ready(qtbot, wizard, "portrait, chosen")
    wizard.next()
    assert_step_keyboard_ready(qtbot, wizard, "fees")
    wizard.fees_page.ui.receiptNumberEdit.setText("0004711")
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_REVIEW
    for outcome in (DossierStatus.ACCEPTED, DossierStatus.SUPPLEMENT_REQUESTED, DossierStatus.REFUSED):
        wizard.review_page.set_outcome(outcome)
        assert_step_keyboard_ready(qtbot, wizard, f"review, {outcome.name}")


# ---------------------------------------------------------------------- the walk, keys only


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def keys(qtbot, *presses: str | tuple[Qt.Key, Qt.KeyboardModifier]) -> None:
    """Press keys into whatever has the focus, as a person at the keyboard would: text is
    typed, a (key, modifiers) pair is pressed; the focus may move between presses. A button's
    Alt letter shows the press for a moment before it clicks, so what follows waits for it."""
    for press in presses:
        if isinstance(press, str):
            qtbot.keyClicks(focused(), press)
        else:
            key, modifiers = press
            qtbot.keyClick(focused(), key, modifiers)


def alt(letter: str) -> tuple[Qt.Key, Qt.KeyboardModifier]:
    return Qt.Key(ord(letter.upper())), Qt.KeyboardModifier.AltModifier


def key(name: Qt.Key) -> tuple[Qt.Key, Qt.KeyboardModifier]:
    return name, Qt.KeyboardModifier.NoModifier


def on_step(qtbot, wizard: IntakeWizard, page_id: int) -> None:
    qtbot.waitUntil(lambda: wizard.currentId() == page_id, timeout=10_000)


def test_a_licence_renewal_is_done_with_the_keyboard_alone(qtbot, vietnamese, make_wizard, store, tmp_path, monkeypatch):
    wizard = make_wizard(None)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=5_000)
    # Qt's own file dialog is keyboard-driven too; here it answers at once with the photo.
    photo = portrait_file(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(photo), "")))

    # Citizen: the QR field has the focus when the step opens; the card is typed (a scanner
    # is a keyboard), Enter reads it, Alt+T (Tiếp) goes on.
    assert focused() is wizard.citizen_page.ui.qrEdit
    wizard.citizen_page.ui.qrEdit.setText(cccd_qr())
    keys(qtbot, key(Qt.Key.Key_Return))
    assert wizard.citizen_page.ui.fullNameEdit.text() == "Nguyễn Thị Phương Thảo"
    keys(qtbot, alt("t"))
    on_step(qtbot, wizard, IntakeWizard.PAGE_PROCEDURE)

    # Procedure: the search has the focus; Enter takes the best match and goes on.
    assert focused() is wizard.procedure_page.ui.searchEdit
    keys(qtbot, "doi gplx", key(Qt.Key.Key_Return))
    on_step(qtbot, wizard, IntakeWizard.PAGE_FORM)

    # Form: each field by its Alt letter, as its label shows it.
    form = wizard.form_page
    for field_key, text in (("licence_number", "790123456789"), ("phone", "0905123456")):
        keys(qtbot, alt(letter_of(form, field_key)), text)
        assert focused() is form.editors[field_key].widget
    keys(qtbot, alt(letter_of(form, "licence_class")), key(Qt.Key.Key_Down))  # the first class
    assert form.editors["licence_class"].value()
    keys(qtbot, alt("t"))
    on_step(qtbot, wizard, IntakeWizard.PAGE_DOCUMENTS)

    # Documents: into the table (Alt+N, "Giấy tờ đã nhậ&n"), count two photocopies of the
    # application, tick the health certificate, then delivery by post (Alt+B, "&bưu điện").
    documents = wizard.documents_page
    keys(qtbot, alt("n"))
    assert focused() is documents.ui.documentsTable
    keys(qtbot, key(Qt.Key.Key_Home), key(Qt.Key.Key_Right), key(Qt.Key.Key_Right), key(Qt.Key.Key_Right),
         "2", key(Qt.Key.Key_Return))
    qtbot.waitUntil(lambda: documents.count("don", "photocopies") == 2, timeout=5_000)
    assert focused() is documents.ui.documentsTable  # Enter kept the count and stayed on the step
    keys(qtbot, key(Qt.Key.Key_Down), key(Qt.Key.Key_Down), key(Qt.Key.Key_Home), key(Qt.Key.Key_Space))
    qtbot.waitUntil(lambda: [d.code for d in documents._ticked(wizard.draft.procedure)] == ["don", "gplx", "gksk"],
                    timeout=5_000)
    keys(qtbot, alt("b"))
    qtbot.waitUntil(documents.ui.deliveryPostRadio.isChecked, timeout=5_000)
    keys(qtbot, alt("t"))
    on_step(qtbot, wizard, IntakeWizard.PAGE_PORTRAIT)

    # Portrait: Alt+C (Chọn tệp ảnh) opens the file dialog; a good photo moves on by itself.
    keys(qtbot, alt("c"))
    on_step(qtbot, wizard, IntakeWizard.PAGE_FEES)

    # Fees: the receipt number by its letter (Số &biên lai), then on.
    keys(qtbot, alt("b"), "0004711", alt("t"))
    on_step(qtbot, wizard, IntakeWizard.PAGE_REVIEW)

    # Review: the consent (Alt+X, "cho &xử lý"), then save (Alt+L, "&Lưu và in").
    keys(qtbot, alt("x"))
    qtbot.waitUntil(wizard.review_page.ui.consentCheck.isChecked, timeout=5_000)
    with qtbot.waitSignal(wizard.dossier_saved, timeout=20_000) as saved:
        keys(qtbot, alt("l"))
    dossier = saved.args[0]
    stored = store.get_dossier(dossier.client_id)
    assert stored.applicant.full_name == "Nguyễn Thị Phương Thảo"
    assert stored.delivery.value == "post"
    assert [(d.code, d.photocopies) for d in stored.documents] == [("don", 2), ("gplx", 1), ("gksk", 0)]
    assert stored.form_values["licence_number"] == "790123456789"


def letter_of(form, field_key: str) -> str:  # noqa: ANN001
    label = form.findChild(QWidget, f"field_{field_key}_label")
    letter = mnemonic_of(label.text())
    assert letter, f"the label of {field_key} shows no Alt letter: {label.text()!r}"
    return letter


# ---------------------------------------------------------------------- the desk's other windows


def test_the_sign_in_window_is_keyboard_ready(qtbot, language):
    from .test_login_window import make_window, services

    window = make_window(qtbot, services("http://127.0.0.1:9"))
    qtbot.waitExposed(window)
    window.ui.usernameEdit.setText("canbo01")
    window.ui.passwordEdit.setText("x")
    assert_keyboard_ready(qtbot, window, "sign-in")


def test_the_print_preview_is_keyboard_ready(qtbot, language, tmp_path):
    from desk_app.gui.print_preview import PrintPreviewDialog
    from desk_app.gui.printing import PdfFileReceiptPrinter

    from .test_print_preview import receipt as receipt_fixture

    dossier, pdf = receipt_fixture.__wrapped__()
    preview = PrintPreviewDialog(pdf, PdfFileReceiptPrinter(tmp_path / "printed.pdf"), dossier)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    assert_keyboard_ready(qtbot, preview, "print preview")


def test_the_main_window_is_keyboard_ready(qtbot, language, tmp_path, central_server):
    from .test_main_window import window as window_fixture

    made = window_fixture.__wrapped__(qtbot, tmp_path, central_server)
    main = next(made)
    try:
        main.show()
        qtbot.waitExposed(main)
        assert_keyboard_ready(qtbot, main, "main window")
    finally:
        next(made, None)


def test_the_lists_of_drafts_checks_and_the_sending_queue_are_keyboard_ready(qtbot, language, store, officer):
    from desk_app.gui.checks_panel import ChecksPanel
    from desk_app.gui.drafts_dialog import DraftsDialog
    from desk_app.gui.outbox_panel import OutboxPanel

    drafts = DraftsDialog(store, "canbo01")
    qtbot.addWidget(drafts)
    drafts.show()
    with qtbot.waitSignal(drafts.loaded, timeout=10_000):
        drafts.refresh()
    assert_keyboard_ready(qtbot, drafts, "unfinished dossiers")
    for panel in (ChecksPanel(store, actor="canbo01"), OutboxPanel(store, officer)):
        qtbot.addWidget(panel)
        with qtbot.waitSignal(panel.reloaded, timeout=10_000):
            panel.show()
        assert_keyboard_ready(qtbot, panel, type(panel).__name__)


# ---------------------------------------------------------------------- the camera dialogs


@pytest.fixture
def no_camera(monkeypatch: pytest.MonkeyPatch) -> None:
    """The system's camera list, empty on every machine: pictures come from the tests."""
    from desk_app.gui.camera import feed as feed_module

    monkeypatch.setattr(feed_module, "_video_inputs", lambda: [])


@pytest.mark.parametrize("state", ["live", "picture taken"])
def test_the_camera_dialogs_are_keyboard_ready(qtbot, language, no_camera, state):
    from desk_app.gui.camera import PageCaptureDialog, PortraitCaptureDialog

    from .test_portrait_camera import SPEC, KnownRules, as_camera_image, sitter

    for dialog in (PortraitCaptureDialog(None, None, SPEC, check=KnownRules()), PageCaptureDialog(None, None)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
        dialog.feed.feed_image(as_camera_image(sitter()))
        if state == "picture taken":
            keys(qtbot, key(Qt.Key.Key_Space))
            assert dialog.picture is not None
        assert_keyboard_ready(qtbot, dialog, f"{type(dialog).__name__}, {state}")
        dialog.reject()


def test_the_portrait_is_taken_with_the_camera_by_keyboard_alone(qtbot, vietnamese, no_camera, make_wizard, tmp_path):
    from desk_app.gui.camera import PortraitCaptureDialog

    from .test_intake_wizard import fill_form, go_to_form

    wizard = make_wizard(None)
    go_to_form(qtbot, wizard)
    fill_form(wizard)
    wizard.next()
    on_step(qtbot, wizard, IntakeWizard.PAGE_PORTRAIT)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=5_000)
    page = wizard.portrait_page

    # F8 opens the camera, whatever has the focus on the step.
    keys(qtbot, key(Qt.Key.Key_F8))
    qtbot.waitUntil(lambda: isinstance(page.camera_dialog, PortraitCaptureDialog) and page.camera_dialog.isVisible(),
                    timeout=5_000)
    dialog = page.camera_dialog
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    assert focused() is dialog.take_button and dialog.take_button.text() == "C&hụp ảnh"
    # The citizen sits in front of the camera: a real face on a plain wall, several frames.
    frame = QImage(str(portrait_file(tmp_path)))
    for _ in range(3):
        dialog.feed.feed_image(frame)
        qtbot.wait(30)

    # Space takes the photo; its own check says it passes; Enter uses it.
    keys(qtbot, key(Qt.Key.Key_Space))
    assert dialog.picture is not None and focused() is dialog.use_button
    qtbot.waitUntil(lambda: dialog.still_report is not None, timeout=10_000)
    assert dialog.still_report.passed, [r.rule for r in dialog.still_report.failures]
    assert "Enter" in dialog.advice_label.text()
    keys(qtbot, key(Qt.Key.Key_Return))

    # The photo is framed and checked again at full size, and the intake moves on by itself.
    on_step(qtbot, wizard, IntakeWizard.PAGE_FEES)
    assert page.camera_dialog is None
    portrait = wizard.draft.portrait
    assert portrait is not None and (portrait.width, portrait.height) == (300, 400)
    assert wizard.draft.portrait_failures == ()
