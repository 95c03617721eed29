"""The other outcomes at the desk: a request to supplement the dossier (status 5, Mẫu 02)
and a refusal (status 3, Mẫu 03), saved and queued like an accepted dossier."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWizard

from desk_app.core.dossier import DossierStatus, ReceivedDocument
from desk_app.gui.intake import IntakeWizard
from desk_app.gui.intake.draft import draft_from_json, draft_to_json

from .conftest import COUNTER_TIME
from .test_intake_wizard import fill_form, go_to_form, portrait_file, wizard  # noqa: F401 - wizard is a fixture

SUPPLEMENT = DossierStatus.SUPPLEMENT_REQUESTED
REFUSED = DossierStatus.REFUSED


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def reach_review(qtbot, wizard: IntakeWizard, tmp_path: Path, *, application_originals: int = 1) -> None:
    """The licence renewal up to the review step, the fee marked paid in cash."""
    go_to_form(qtbot, wizard)
    fill_form(wizard)
    page = wizard.documents_page
    # The application form handed in as a photocopy only: its original is still missing.
    page.set_count("don", "originals", application_originals)
    if application_originals == 0:
        page.set_count("don", "photocopies", 1)
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_PORTRAIT
    op = wizard.portrait_page.load_portrait_file(portrait_file(tmp_path))
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_FEES
    wizard.fees_page.ui.receiptNumberEdit.setText("0000042")
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_REVIEW


def choose_by_keyboard(qtbot, wizard: IntakeWizard, key: Qt.Key, outcome: DossierStatus) -> None:
    """Alt+letter as the officer presses it; a button's mnemonic clicks it a moment later."""
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=5_000)
    qtbot.keyClick(wizard.focusWidget() or wizard, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.review_page.outcome is outcome, timeout=5_000)


def requested_rows(wizard: IntakeWizard) -> list[tuple[str, bool]]:
    view = wizard.review_page.ui.requestedList
    return [(view.item(row).text(), view.item(row).checkState() == Qt.CheckState.Checked) for row in range(view.count())]


def finish(wizard: IntakeWizard) -> QAbstractButton:
    return wizard.button(QWizard.WizardButton.FinishButton)


def test_a_supplement_request_asks_for_what_is_missing_prints_mau_02_and_takes_no_fee(qtbot, wizard, store, tmp_path):
    reach_review(qtbot, wizard, tmp_path, application_originals=0)
    page = wizard.review_page
    page.ui.consentCheck.setChecked(True)
    assert page.outcome is DossierStatus.ACCEPTED and not page.ui.supplementPanel.isVisible()
    # Accepting is still possible, with a warning about the short count.
    assert "Fewer copies were counted" in page.ui.outcomeMessageLabel.text() and finish(wizard).isEnabled()

    choose_by_keyboard(qtbot, wizard, Qt.Key.Key_M, SUPPLEMENT)
    assert page.outcome is SUPPLEMENT and page.ui.supplementRadio.isChecked()
    assert page.ui.supplementPanel.isVisible() and not page.ui.refusalPanel.isVisible()
    assert finish(wizard).text() == "&Save and print the supplement request"
    rows = requested_rows(wizard)
    # Pre-filled: the missing original ticked; the others offered unticked, to ask again.
    assert rows[0] == ("Đơn đề nghị đổi giấy phép lái xe (1 original(s))", True)
    assert [ticked for _, ticked in rows[1:]] == [False, False]
    assert rows[1][0] == "Bản sao giấy phép lái xe (1 photocopy(ies)): handed in, ask again"
    assert rows[2][0] == "Giấy khám sức khỏe (1 original(s)): optional, not handed in"
    message = page.ui.outcomeMessageLabel.text()
    assert "paid when the completed dossier is accepted" in message and "not recorded" in message
    summary = page.ui.summaryBrowser.toPlainText()
    assert "none now: 135.000 đ is paid when the completed dossier is accepted" in summary
    assert "working days from when the completed dossier is accepted" in summary

    page.set_requested("gplx", True)  # the photocopy was unreadable: asked for again
    page.ui.supplementNoteEdit.setPlainText("Mang bản chính đơn đề nghị.\nBản sao giấy phép lái xe bị mờ, chụp lại.")
    with qtbot.waitSignal(wizard.receipt_ready, timeout=20_000) as ready:
        finish(wizard).click()
    dossier, pdf = ready.args

    assert dossier.status is SUPPLEMENT and dossier.code.startswith("000.00.17.H56-261120-")
    assert dossier.requested_documents == (
        ReceivedDocument("don", "Đơn đề nghị đổi giấy phép lái xe", 1, 0, 0),
        ReceivedDocument("gplx", "Bản sao giấy phép lái xe", 0, 0, 1),
    )
    assert dossier.outcome_note == "Mang bản chính đơn đề nghị.\nBản sao giấy phép lái xe bị mờ, chụp lại."
    stored = store.get_dossier(dossier.client_id)
    assert stored == dossier
    wire = stored.to_wire()
    assert wire["status"] == 5 and len(wire["requested_documents"]) == 2 and wire["outcome_note"] == dossier.outcome_note
    # Nothing is paid for a dossier that is not accepted, even with the fee marked paid.
    assert store.fee_records(dossier.client_id) == []
    assert [e.kind for e in store.outbox_entries() if e.client_id == dossier.client_id] == ["blob", "dossier"]
    text = pdf_text(pdf)
    for expected in ("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", f"Mã hồ sơ: {dossier.code}", "Nguyễn Thị Phương Thảo",
                     "Đơn đề nghị đổi giấy phép lái xe", "Bản sao giấy phép lái xe bị mờ", "NGƯỜI HƯỚNG DẪN"):
        assert expected in text, expected
    assert wizard.receipt_pdf == pdf and not wizard.isVisible()


def test_a_refusal_needs_its_reason_prints_mau_03_and_owes_nothing(qtbot, wizard, store, tmp_path):
    reach_review(qtbot, wizard, tmp_path)
    page = wizard.review_page
    choose_by_keyboard(qtbot, wizard, Qt.Key.Key_R, REFUSED)
    assert page.outcome is REFUSED and page.ui.refusalPanel.isVisible() and not page.ui.supplementPanel.isVisible()
    assert finish(wizard).text() == "&Save and print the refusal"
    page.ui.refusalReasonEdit.setPlainText("   ")
    page.ui.consentCheck.setChecked(True)
    assert not finish(wizard).isEnabled()  # a blank reason is no reason
    assert page.ui.outcomeMessageLabel.property("tone") == "error"
    assert "Write the reason for the refusal" in page.ui.outcomeMessageLabel.text()
    page.ui.refusalReasonEdit.setPlainText("x" * 2001)
    assert not finish(wizard).isEnabled() and "2001 characters" in page.ui.outcomeMessageLabel.text()
    reason = "Thủ tục này do Công an tỉnh giải quyết từ 01/3/2025 (Thông tư 12/2025/TT-BCA)."
    page.ui.refusalReasonEdit.setPlainText(f"  {reason}\x00 ")
    page.ui.consentCheck.setChecked(False)
    assert not finish(wizard).isEnabled()  # consent is asked whatever the outcome
    page.ui.consentCheck.setChecked(True)
    assert finish(wizard).isEnabled()
    assert "A refused dossier owes no fee" in page.ui.outcomeMessageLabel.text()
    assert "none: a refused dossier owes no fee" in page.ui.summaryBrowser.toPlainText()

    with qtbot.waitSignal(wizard.receipt_ready, timeout=20_000) as ready:
        finish(wizard).click()
    dossier, pdf = ready.args
    assert dossier.status is REFUSED and dossier.outcome_note == reason
    assert dossier.fees == () and dossier.requested_documents == ()
    assert dossier.due_at == dossier.received_at == COUNTER_TIME  # no result owed, no appointment
    assert store.get_dossier(dossier.client_id) == dossier
    assert store.fee_records(dossier.client_id) == []
    text = pdf_text(pdf)
    for expected in ("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", f"Mã hồ sơ: {dossier.code}", "Thông tư 12/2025/TT-BCA",
                     "NGƯỜI TIẾP NHẬN HỒ SƠ"):
        assert expected in text, expected


def test_a_supplement_request_must_say_what_to_do(qtbot, wizard, tmp_path):
    reach_review(qtbot, wizard, tmp_path)  # everything handed in: nothing is ticked to start with
    page = wizard.review_page
    page.ui.consentCheck.setChecked(True)
    page.set_outcome(SUPPLEMENT)
    assert [ticked for _, ticked in requested_rows(wizard)] == [False, False, False]
    assert not finish(wizard).isEnabled()
    assert "Tick the documents to bring or write the guidance" in page.ui.outcomeMessageLabel.text()
    page.set_requested("gksk", True)
    assert finish(wizard).isEnabled()
    page.set_requested("gksk", False)
    page.ui.supplementNoteEdit.setPlainText("Ký lại đơn đề nghị.")
    assert finish(wizard).isEnabled()
    page.set_outcome(DossierStatus.ACCEPTED)
    assert finish(wizard).text() == "&Save and print receipt" and finish(wizard).isEnabled()
    assert not page.ui.supplementPanel.isVisible() and page.ui.outcomeMessageLabel.text() == ""


def test_a_required_document_not_handed_in_blocks_acceptance_and_is_asked_for(qtbot, wizard, tmp_path):
    reach_review(qtbot, wizard, tmp_path)
    page = wizard.review_page
    page.ui.consentCheck.setChecked(True)
    wizard.back()
    # What the documents page records when the licence copy is not handed in at all.
    wizard.draft.documents = [d for d in wizard.draft.documents if d.code != "gplx"]
    wizard.next()
    assert page.outcome is DossierStatus.ACCEPTED and not finish(wizard).isEnabled()
    assert page.ui.outcomeMessageLabel.property("tone") == "error"
    assert "Not handed in: Bản sao giấy phép lái xe" in page.ui.outcomeMessageLabel.text()
    page.set_outcome(SUPPLEMENT)
    assert finish(wizard).isEnabled()
    assert requested_rows(wizard)[1] == ("Bản sao giấy phép lái xe (1 photocopy(ies))", True)


def test_the_officers_ticks_survive_going_back_and_the_draft_keeps_the_outcome(qtbot, wizard, catalogue, tmp_path):
    reach_review(qtbot, wizard, tmp_path, application_originals=0)
    page = wizard.review_page
    page.set_outcome(SUPPLEMENT)
    page.set_requested("don", False)  # the officer saw the original after all
    page.set_requested("gksk", True)
    page.ui.supplementNoteEdit.setPlainText("Bổ sung giấy khám sức khỏe.")
    page.ui.refusalReasonEdit.setPlainText("")
    assert wizard.draft.request_ticks == {"don": False, "gksk": True}

    wizard.back()
    wizard.back()
    wizard.back()
    assert wizard.currentId() == IntakeWizard.PAGE_DOCUMENTS
    wizard.documents_page.set_count("don", "originals", 1)  # now handed in
    for _ in range(3):
        wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_REVIEW and page.outcome is SUPPLEMENT
    assert page.ui.supplementRadio.isChecked() and page.ui.supplementNoteEdit.toPlainText() == "Bổ sung giấy khám sức khỏe."
    assert [ticked for _, ticked in requested_rows(wizard)] == [False, False, True]

    body = draft_to_json(wizard.draft, page=IntakeWizard.PAGE_REVIEW)
    again, _ = draft_from_json(body, {p.code: p for p in catalogue.procedures}, wizard.draft.portrait.jpeg)
    assert (again.outcome, again.supplement_note, again.request_ticks) == (
        SUPPLEMENT, "Bổ sung giấy khám sức khỏe.", {"don": False, "gksk": True})
    for damaged in ({"outcome": 4}, {"outcome": True}, {"outcome": "3"}, {"request_ticks": {"don": "yes"}},
                    {"refusal_reason": 7}):
        draft, _ = draft_from_json({**body, **damaged}, {}, None)
        assert draft.outcome in (DossierStatus.ACCEPTED, SUPPLEMENT) and isinstance(draft.refusal_reason, str)
        assert all(isinstance(v, bool) for v in draft.request_ticks.values())


def test_another_outcome_after_a_failed_save_keeps_the_one_client_id(qtbot, wizard, store, tmp_path):
    reach_review(qtbot, wizard, tmp_path)
    page = wizard.review_page
    page.ui.consentCheck.setChecked(True)
    page.set_outcome(REFUSED)
    page.ui.refusalReasonEdit.setPlainText("Hồ sơ không thuộc thẩm quyền.")
    real_save = store.save_new_dossier
    attempts = []

    def failing_once(dossier, blobs, fees=(), draft_id=None, seal=None):
        attempts.append((dossier.client_id, dossier.status, len(fees)))
        if len(attempts) == 1:
            raise OSError("disk went away")  # nothing committed this time
        return real_save(dossier, blobs, fees=fees, draft_id=draft_id, seal=seal)

    store.save_new_dossier = failing_once
    wizard.accept()
    qtbot.waitUntil(lambda: not wizard.saving, timeout=10_000)
    assert "was not saved" in page.ui.reviewMessageLabel.text()
    page.set_outcome(DossierStatus.ACCEPTED)  # the officer reconsidered
    with qtbot.waitSignal(wizard.receipt_ready, timeout=20_000) as ready:
        wizard.accept()
    assert attempts == [(attempts[0][0], REFUSED, 0), (attempts[0][0], DossierStatus.ACCEPTED, 1)]
    assert ready.args[0].status is DossierStatus.ACCEPTED and "GIẤY TIẾP NHẬN" in pdf_text(ready.args[1])
    assert len(store.list_dossiers()) == 1


@pytest.mark.parametrize("language", ["en", "vi"])
def test_every_outcome_has_its_own_alt_letter_on_the_review_step(qtbot, request, catalogue, store, officer, tmp_path,
                                                                language):
    if language == "vi":
        request.getfixturevalue("vietnamese")
    from .conftest import counter_clock

    wizard = IntakeWizard(catalogue=catalogue, overrides=[], store=store, user=officer, desk_id="DESK-T-01",
                          lookup_url="http://127.0.0.1:9/tra-cuu", clock=counter_clock)
    qtbot.addWidget(wizard)
    wizard.show()
    reach_review(qtbot, wizard, tmp_path)
    page = wizard.review_page
    for outcome in (SUPPLEMENT, REFUSED, DossierStatus.ACCEPTED):
        page.set_outcome(outcome)
        letters = []
        # A label's letter counts only with a buddy to give the focus to; "&nbsp;" is no mnemonic.
        widgets = wizard.findChildren(QAbstractButton) + [w for w in wizard.findChildren(QLabel) if w.buddy()]
        for widget in widgets:
            if widget.isVisible():
                found = re.search(r"&(\w)(?!\w*;)", widget.text().replace("&&", ""))
                if found:
                    letters.append(found.group(1).lower())
        assert len(letters) == len(set(letters)), f"{language}, outcome {outcome}: {sorted(letters)}"
    for button, status in ((page.ui.supplementRadio, SUPPLEMENT), (page.ui.refuseRadio, REFUSED),
                           (page.ui.acceptRadio, DossierStatus.ACCEPTED)):
        letter = re.search(r"&(\w)", button.text()).group(1).upper()
        choose_by_keyboard(qtbot, wizard, getattr(Qt.Key, f"Key_{letter}"), status)
