"""The intake wizard page by page: what the officer types, what they are told, what is saved."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from desk_app.core.calendar import WorkingCalendar
from desk_app.core.catalogue import DeliveryOption
from desk_app.core.identity import Sex
from desk_app.gui.intake import IntakeWizard
from tests.support.citizens import cccd_number, cccd_qr
from tests.support.portraits import compliant_portrait_file

from .conftest import COUNTER_TIME, counter_clock

BORN = date(1962, 3, 8)


@pytest.fixture
def wizard(qtbot, catalogue, store, officer) -> IntakeWizard:
    wizard = IntakeWizard(
        catalogue=catalogue,
        overrides=[],
        store=store,
        user=officer,
        desk_id="DESK-T-01",
        lookup_url="http://127.0.0.1:9/tra-cuu",
        clock=counter_clock,
    )
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def scan(qtbot, wizard: IntakeWizard, text: str) -> None:
    """Type like a USB scanner in keyboard mode: the text, then Enter."""
    edit = wizard.citizen_page.ui.qrEdit
    edit.setFocus()
    edit.setText(text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def portrait_file(tmp_path: Path) -> Path:
    """A real face on a plain white wall (tests/support/portraits): it passes every rule."""
    return compliant_portrait_file(tmp_path, "portrait.jpg")


def fill_citizen_by_scan(qtbot, wizard: IntakeWizard) -> None:
    scan(qtbot, wizard, cccd_qr())
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_PROCEDURE


# ---------------------------------------------------------------------- page (a): citizen


def test_scanning_a_card_fills_the_citizen_and_does_not_press_next(qtbot, wizard):
    scan(qtbot, wizard, cccd_qr())
    ui = wizard.citizen_page.ui
    assert wizard.currentId() == IntakeWizard.PAGE_CITIZEN  # Enter read the card, it did not advance
    assert ui.fullNameEdit.text() == "Nguyễn Thị Phương Thảo"
    assert ui.cccdEdit.text() == cccd_number("056", BORN, Sex.FEMALE, 123456)
    assert ui.cmndEdit.text() == "225123456"
    assert ui.dateOfBirthEdit.text() == "08/03/1962"
    assert ui.sexCombo.currentData() == "Nữ"
    assert ui.addressEdit.text().startswith("Thôn Phú Hòa")
    assert ui.qrEdit.text() == ""  # ready for the next scan
    assert ui.qrMessageLabel.property("tone") == "ok"
    assert wizard.citizen_page.isComplete()


def test_a_qr_with_the_wrong_field_count_is_refused_inline(qtbot, wizard):
    six_fields = "|".join(cccd_qr().split("|")[:-2] + ["01012021"])
    scan(qtbot, wizard, six_fields)
    ui = wizard.citizen_page.ui
    message = ui.qrMessageLabel.text()
    assert ui.qrMessageLabel.isVisible() and ui.qrMessageLabel.property("tone") == "error"
    assert "6 fields" in message and "expected 7" in message
    assert ui.fullNameEdit.text() == "" and not wizard.citizen_page.isComplete()


def test_the_qr_error_is_shown_in_vietnamese(qtbot, vietnamese, wizard):
    scan(qtbot, wizard, "079203001234|Nguyễn Văn A")
    message = wizard.citizen_page.ui.qrMessageLabel.text()
    assert "Đây không phải mã QR của thẻ căn cước công dân" in message
    assert "2 trường" in message


def test_a_typed_cccd_contradicting_the_birth_date_blocks_next(qtbot, wizard):
    ui = wizard.citizen_page.ui
    ui.fullNameEdit.setText("Trần Văn Bình")
    ui.cccdEdit.setText(cccd_number("079", date(2003, 5, 1), Sex.MALE, 1234))  # born in the 2000s
    ui.dateOfBirthEdit.setText("01/05/1985")
    ui.sexCombo.setCurrentIndex(ui.sexCombo.findData("Nam"))
    ui.addressEdit.setText("12 Trần Phú, Nha Trang")
    assert wizard.citizen_page.isComplete()
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_CITIZEN
    message = ui.citizenMessageLabel.text()
    assert "does not match" in message and "1985" in message and "4th digit should be 0" in message
    ui.dateOfBirthEdit.setText("01/05/2003")
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_PROCEDURE
    assert wizard.draft.citizen.date_of_birth == date(2003, 5, 1)
    assert ui.citizenMessageLabel.text() == ""


def test_a_badly_written_birth_date_is_explained(qtbot, wizard):
    ui = wizard.citizen_page.ui
    ui.fullNameEdit.setText("Trần Văn Bình")
    ui.cccdEdit.setText(cccd_number("079", date(2003, 5, 1), Sex.MALE, 1234))
    ui.dateOfBirthEdit.setText("1/5/03x")
    ui.sexCombo.setCurrentIndex(ui.sexCombo.findData("Nam"))
    ui.addressEdit.setText("12 Trần Phú, Nha Trang")
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_CITIZEN
    assert "dd/mm/yyyy" in ui.citizenMessageLabel.text()



def test_a_contradicting_cccd_is_explained_in_vietnamese(qtbot, vietnamese, wizard):
    ui = wizard.citizen_page.ui
    ui.fullNameEdit.setText("Trần Văn Bình")
    ui.cccdEdit.setText(cccd_number("079", date(2003, 5, 1), Sex.MALE, 1234))
    ui.dateOfBirthEdit.setText("01/05/1985")
    ui.sexCombo.setCurrentIndex(ui.sexCombo.findData("Nam"))
    ui.addressEdit.setText("12 Trần Phú, Nha Trang")
    wizard.next()
    message = ui.citizenMessageLabel.text()
    assert "không khớp với giới tính (Nam) và năm sinh (1985)" in message
    assert "chữ số thứ 4 phải là 0" in message and "quét lại thẻ" in message


def test_an_unknown_procedure_code_is_said_in_vietnamese(qtbot, vietnamese, wizard):
    fill_citizen_by_scan(qtbot, wizard)
    page = wizard.procedure_page
    page.ui.searchEdit.setText("TEST.GPLX.99")
    qtbot.keyClick(page.ui.searchEdit, Qt.Key.Key_Return)
    message = page.ui.procedureMessageLabel.text()
    assert "Không có thủ tục nào mang mã “TEST.GPLX.99”" in message and "Gửi ngay" in message


# ---------------------------------------------------------------------- page (b): procedure


def test_search_ignores_diacritics_and_chooses_the_first_match(qtbot, wizard):
    fill_citizen_by_scan(qtbot, wizard)
    page = wizard.procedure_page
    assert not page.isComplete()  # nothing chosen for the officer on an empty search
    page.ui.searchEdit.setText("doi gplx")
    names = [p.name for p in page.model.procedures()]
    assert names == ["Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"]
    assert wizard.draft.procedure is not None and wizard.draft.procedure.code == "TEST.GPLX.01"
    assert page.model.data(page.model.index(0, 2)) == "135.000 đ"
    assert page.model.data(page.model.index(0, 3)) == "5"
    assert "135.000 đ" in page.ui.procedureDetailLabel.text()
    assert page.isComplete()


def test_an_unknown_procedure_code_is_said_inline(qtbot, wizard):
    fill_citizen_by_scan(qtbot, wizard)
    page = wizard.procedure_page
    page.ui.searchEdit.setText("TEST.GPLX.99")
    qtbot.keyClick(page.ui.searchEdit, Qt.Key.Key_Return)
    message = page.ui.procedureMessageLabel.text()
    assert page.ui.procedureMessageLabel.property("tone") == "error"
    assert 'no procedure with code "TEST.GPLX.99"' in message and "2026.11.T1" in message
    assert not page.isComplete()
    assert wizard.currentId() == IntakeWizard.PAGE_PROCEDURE


def test_a_known_code_typed_with_enter_is_chosen(qtbot, wizard):
    fill_citizen_by_scan(qtbot, wizard)
    page = wizard.procedure_page
    assert page.select_code("TEST.VT.01")
    assert wizard.draft.procedure.code == "TEST.VT.01"


# ---------------------------------------------------------------------- page (c): the procedure's form


def go_to_form(qtbot, wizard: IntakeWizard, code: str = "TEST.GPLX.01") -> None:
    fill_citizen_by_scan(qtbot, wizard)
    assert wizard.procedure_page.select_code(code)
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_FORM


def test_form_fields_are_built_from_the_catalogue_with_prefill(qtbot, wizard):
    go_to_form(qtbot, wizard)
    editors = wizard.form_page.editors
    assert list(editors) == ["full_name", "date_of_birth", "licence_number", "licence_class", "phone"]
    assert editors["full_name"].value() == "Nguyễn Thị Phương Thảo"
    assert editors["date_of_birth"].value() == "08/03/1962"
    assert wizard.form_page.findChild(type(editors["licence_number"].widget), "field_licence_number") is not None


def test_form_values_are_checked_inline_and_block_next(qtbot, wizard):
    go_to_form(qtbot, wizard)
    editors = wizard.form_page.editors
    editors["licence_number"].set_value("12345")
    editors["phone"].set_value("12345")
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_FORM
    assert '"12345" is not in the expected form' in editors["licence_number"].message.text()
    assert "required" in editors["licence_class"].message.text()
    assert "not a Vietnamese phone number" in editors["phone"].message.text()
    assert "3 field(s) need attention" in wizard.form_page.ui.formMessageLabel.text()
    editors["licence_number"].set_value("790123456789")
    editors["licence_class"].set_value("B")
    editors["phone"].set_value("0905 123 456")
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_DOCUMENTS
    assert wizard.draft.form_values["licence_class"] == "B"


def test_a_number_field_out_of_range_is_refused(qtbot, wizard):
    go_to_form(qtbot, wizard, "TEST.VT.01")
    editors = wizard.form_page.editors
    editors["plate_number"].set_value("79B-012.34")
    editors["capacity"].set_value("100")
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_FORM
    assert "at most 60" in editors["capacity"].message.text()


# ---------------------------------------------------------------------- pages (d)–(f) and Finish


def fill_form(wizard: IntakeWizard) -> None:
    editors = wizard.form_page.editors
    editors["licence_number"].set_value("790123456789")
    editors["licence_class"].set_value("B")
    editors["phone"].set_value("0905123456")
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_DOCUMENTS


def test_documents_page_checks_what_is_typed_and_lets_a_missing_document_through(qtbot, wizard):
    go_to_form(qtbot, wizard)
    fill_form(wizard)
    page = wizard.documents_page
    assert page.ui.phoneEdit.text() == "0905123456"  # carried over from the form
    assert page.ui.deliveryAddressEdit.text().startswith("Thôn Phú Hòa")
    # A required document not handed in is for the review step (a supplement request), not a wall here.
    page.set_document_taken("gplx", False)
    page.ui.emailEdit.setText("not-an-address")
    wizard.next()
    assert "not an e-mail address" in page.ui.documentsMessageLabel.text()
    page.ui.emailEdit.setText("thao@example.vn")
    page.ui.deliveryPostRadio.setChecked(True)
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_PORTRAIT
    assert wizard.draft.delivery is DeliveryOption.POST
    assert [d.code for d in wizard.draft.documents] == ["don"]


def test_a_broken_picture_is_refused_and_a_good_one_is_shown(qtbot, wizard, tmp_path):
    go_to_form(qtbot, wizard)
    fill_form(wizard)
    wizard.next()
    page = wizard.portrait_page
    assert wizard.currentId() == IntakeWizard.PAGE_PORTRAIT and not page.isComplete()
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    op = page.load_portrait_file(broken)
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert page.ui.portraitMessageLabel.property("tone") == "error" and not page.isComplete()
    op = page.load_portrait_file(portrait_file(tmp_path))
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert page.isComplete()
    assert not page.ui.thumbnailLabel.pixmap().isNull()
    assert wizard.draft.portrait.width == 300 and wizard.draft.portrait.height == 400


def test_finish_saves_the_dossier_then_renders_the_receipt(qtbot, wizard, store, tmp_path):
    go_to_form(qtbot, wizard)
    fill_form(wizard)
    wizard.next()
    op = wizard.portrait_page.load_portrait_file(portrait_file(tmp_path))
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_FEES
    fees = wizard.fees_page
    assert fees.ui.feesTable.rowCount() == 1 and "135.000 đ" in fees.ui.totalLabel.text()
    assert not fees.isComplete()  # paid now: the receipt number first
    fees.ui.methodCombo.setCurrentIndex(fees.ui.methodCombo.findData("bank_transfer"))
    fees.ui.receiptNumberEdit.setText("  FT2611 20  ")
    assert fees.isComplete()
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_REVIEW
    summary = wizard.review_page.ui.summaryBrowser.toPlainText()
    assert "Photo used despite" not in summary  # it passed every rule
    due = WorkingCalendar([]).due_at(COUNTER_TIME, 5)
    assert "Nguyễn Thị Phương Thảo" in summary and "135.000 đ" in summary and due.strftime("%d/%m/%Y") in summary
    assert "bank transfer, receipt no. FT2611 20" in summary
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # consent first
    wizard.review_page.ui.consentCheck.setChecked(True)
    assert finish.isEnabled()
    with qtbot.waitSignal(wizard.receipt_ready, timeout=20_000) as ready:
        finish.click()
    dossier, pdf = ready.args
    assert dossier.code and dossier.code.startswith("000.00.17.H56-261120-")
    assert dossier.due_at == due
    assert dossier.received_at == COUNTER_TIME
    assert len(dossier.attachments) == 1 and dossier.attachments[0].kind == "portrait"
    stored = store.get_dossier(dossier.client_id)
    assert stored.applicant.full_name == "Nguyễn Thị Phương Thảo"
    # The consent is kept with the dossier, in the words the citizen was shown.
    assert stored.consent is not None and stored.consent.given_at == COUNTER_TIME
    assert stored.consent.text == wizard.review_page.consent_text() and "&" not in stored.consent.text
    assert stored.form_values["licence_number"] == "790123456789"
    assert [s.code for s in store.list_dossiers(date(2026, 11, 20))] == [dossier.code]
    # The payment was committed with the dossier and goes after it.
    [payment] = store.fee_records(dossier.client_id)
    assert (payment.amount, payment.method.value, payment.receipt_number) == (135000, "bank_transfer", "FT2611 20")
    assert [e.kind for e in store.outbox_entries() if e.client_id == dossier.client_id] == ["blob", "dossier", "fee"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert dossier.code in text and "Nguyễn Thị Phương Thảo" in text
    assert not wizard.isVisible()


def test_a_failed_save_keeps_the_wizard_open_and_saving_again_makes_one_dossier(qtbot, wizard, store):
    go_to_form(qtbot, wizard, "TEST.VT.01")
    wizard.form_page.editors["plate_number"].set_value("79B-012.34")
    wizard.next()
    wizard.next()  # documents
    wizard.next()  # portrait: none needed
    if wizard.currentId() == IntakeWizard.PAGE_FEES:
        wizard.fees_page.ui.receiptNumberEdit.setText("0000042")
        wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_REVIEW
    wizard.review_page.ui.consentCheck.setChecked(True)
    real_save = store.save_new_dossier
    attempts = []

    def failing_once(dossier, blobs, fees=(), draft_id=None, seal=None):
        attempts.append((dossier.client_id, [f.fee_id for f in fees]))
        if len(attempts) == 1:
            real_save(dossier, blobs, fees=fees, draft_id=draft_id, seal=seal)  # committed, but the answer is lost
            raise OSError("disk went away")
        return real_save(dossier, blobs, fees=fees, draft_id=draft_id, seal=seal)

    store.save_new_dossier = failing_once
    wizard.accept()
    qtbot.waitUntil(lambda: not wizard.saving, timeout=10_000)
    assert wizard.isVisible()
    assert "was not saved" in wizard.review_page.ui.reviewMessageLabel.text()
    with qtbot.waitSignal(wizard.receipt_ready, timeout=20_000):
        wizard.accept()
    assert attempts[0] == attempts[1]  # the same dossier and the same fee record
    assert len(store.list_dossiers()) == 1
    assert len(store.fee_records(attempts[0][0])) == len(attempts[0][1])


def test_the_wizard_speaks_vietnamese_when_the_translator_is_installed(qtbot, vietnamese, catalogue, store, officer):
    wizard = IntakeWizard(
        catalogue=catalogue, overrides=[], store=store, user=officer, desk_id="DESK-T-01",
        lookup_url="http://127.0.0.1:9/tra-cuu", clock=counter_clock,
    )
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Tiếp >"
    assert wizard.citizen_page.title() == "Công dân"
    scan(qtbot, wizard, cccd_qr())
    assert wizard.citizen_page.ui.qrMessageLabel.text().startswith("Đã đọc từ thẻ: Nguyễn Thị Phương Thảo")


def test_a_fee_collected_later_records_no_payment_and_says_so(qtbot, wizard, store, tmp_path):
    go_to_form(qtbot, wizard)
    fill_form(wizard)
    wizard.next()
    op = wizard.portrait_page.load_portrait_file(portrait_file(tmp_path))
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    wizard.next()
    fees = wizard.fees_page
    fees.ui.collectedCheck.setChecked(False)
    assert fees.isComplete() and not fees.ui.receiptNumberEdit.isEnabled()
    assert "collected later" in fees.ui.feeMessageLabel.text()
    wizard.next()
    assert "to be collected later" in wizard.review_page.ui.summaryBrowser.toPlainText()
    wizard.review_page.ui.consentCheck.setChecked(True)
    with qtbot.waitSignal(wizard.receipt_ready, timeout=20_000) as ready:
        wizard.accept()
    assert store.fee_records(ready.args[0].client_id) == []


def test_the_desks_usual_procedures_come_first_and_say_how_often(qtbot, catalogue, store, officer):
    last = catalogue.procedures[-1]
    wizard = IntakeWizard(
        catalogue=catalogue, overrides=[], store=store, user=officer, desk_id="DESK-T-01",
        lookup_url="http://127.0.0.1:9/tra-cuu", clock=counter_clock, procedure_usage={last.code: 12},
    )
    qtbot.addWidget(wizard)
    page = wizard.procedure_page
    assert page.search("")[0].code == last.code
    assert page.select_code(last.code)
    assert "12" in page.ui.procedureDetailLabel.text()
    # A typed search keeps its own order.
    first = catalogue.procedures[0]
    assert page.search(first.code)[0].code == first.code


def test_enter_in_the_search_takes_the_highlighted_best_match_and_goes_on(qtbot, wizard):
    fill_citizen_by_scan(qtbot, wizard)
    assert wizard.currentId() == IntakeWizard.PAGE_PROCEDURE
    search = wizard.procedure_page.ui.searchEdit
    qtbot.keyClicks(search, "doi gplx")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert wizard.currentId() == IntakeWizard.PAGE_FORM
    assert wizard.draft.procedure.code == "TEST.GPLX.01"


def test_a_photo_that_fails_a_rule_waits_for_a_reason_and_the_dossier_carries_it(qtbot, wizard, store, tmp_path):
    from tests.support.portraits import jpeg_bytes, person_on, stripes

    go_to_form(qtbot, wizard)
    fill_form(wizard)
    wizard.next()
    page = wizard.portrait_page
    busy = tmp_path / "busy-background.jpg"
    busy.write_bytes(jpeg_bytes(person_on(stripes((1200, 1400)))))
    op = page.load_portrait_file(busy)
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    assert wizard.currentId() == IntakeWizard.PAGE_PORTRAIT  # not moved on by itself
    assert "background_plain" in wizard.draft.portrait_failures
    assert "✗" in page.ui.rulesLabel.text() and page.ui.exceptionPanel.isVisible()
    assert page.ui.portraitMessageLabel.property("tone") == "error" and not page.isComplete()
    page.ui.exceptionReasonEdit.setText("ok")
    assert not page.isComplete()  # not a reason
    page.ui.exceptionReasonEdit.setText("Phông nền tại điểm bưu điện không thể thay, trưởng bưu cục đã đồng ý")
    assert page.isComplete()
    wizard.next()
    wizard.fees_page.ui.receiptNumberEdit.setText("0004711")
    wizard.next()
    # Read back with the rest before saving: the officer and the citizen see what goes to review.
    summary = wizard.review_page.ui.summaryBrowser.toPlainText()
    assert "Photo used despite" in summary and "plain background" in summary
    assert "Phông nền tại điểm bưu điện không thể thay" in summary and "supervisor reviews this photo" in summary
    wizard.review_page.ui.consentCheck.setChecked(True)
    with qtbot.waitSignal(wizard.dossier_saved, timeout=20_000) as saved:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    stored = store.get_dossier(saved.args[0].client_id)
    assert stored.portrait_exception is not None
    assert "background_plain" in stored.portrait_exception.rules and stored.portrait_exception.accepted_by == "canbo01"
    assert stored.portrait_exception.reason.startswith("Phông nền")


def test_a_new_photo_that_passes_clears_the_exception(qtbot, wizard, tmp_path):
    from tests.support.portraits import jpeg_bytes, person_on

    go_to_form(qtbot, wizard)
    fill_form(wizard)
    wizard.next()
    page = wizard.portrait_page
    dark = tmp_path / "dark.jpg"
    dark.write_bytes(jpeg_bytes(person_on((40, 40, 40))))
    op = page.load_portrait_file(dark)
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    assert wizard.draft.portrait_failures
    page.ui.exceptionReasonEdit.setText("Công dân không thể đứng trước phông trắng")
    op = page.load_portrait_file(portrait_file(tmp_path))
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    qtbot.waitUntil(lambda: wizard.currentId() == IntakeWizard.PAGE_FEES, timeout=5_000)
    assert wizard.draft.portrait_failures == () and wizard.draft.portrait_exception_reason == ""
