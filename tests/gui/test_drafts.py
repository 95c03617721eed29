"""Drafts: an unfinished dossier is kept as the officer types, parked to serve the next
citizen, brought back after a crash, and gone once the dossier is saved (real store)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from desk_app.gui.drafts_dialog import DraftsDialog
from desk_app.gui.intake import IntakeWizard

from .conftest import counter_clock
from .test_intake_wizard import fill_citizen_by_scan, fill_form, go_to_form, portrait_file


def new_wizard(qtbot, catalogue, store, officer, draft_id: str | None = None) -> IntakeWizard:
    wizard = IntakeWizard(catalogue=catalogue, overrides=[], store=store, user=officer, desk_id="DESK-T-01",
                          lookup_url="http://127.0.0.1:9/tra-cuu", clock=counter_clock, draft_id=draft_id)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def kept(qtbot, wizard: IntakeWizard) -> None:
    """Write the draft now rather than at the next autosave tick, and wait for the write."""
    for _write in range(5):  # a write under way first, then one with what changed meanwhile
        op = wizard.keep_draft()
        if op is None:
            return
        qtbot.waitUntil(lambda: op.done, timeout=10_000)
    raise AssertionError("the draft keeps changing")


def test_what_is_typed_is_kept_even_a_half_typed_date(qtbot, catalogue, store, officer):
    wizard = new_wizard(qtbot, catalogue, store, officer)
    assert wizard.autosave_timer.isActive() and wizard.autosave_timer.interval() <= 2_000
    kept(qtbot, wizard)
    assert store.drafts() == []  # nothing typed, nothing kept
    ui = wizard.citizen_page.ui
    ui.fullNameEdit.setText("Lê Văn Tám")
    ui.dateOfBirthEdit.setText("31/02/19")  # not a date yet
    with qtbot.waitSignal(wizard.draft_kept, timeout=10_000):
        pass  # the autosave tick writes it
    [summary] = store.drafts("canbo01")
    assert (summary.citizen_name, summary.parked, summary.draft_id) == ("Lê Văn Tám", False, wizard.draft_id)
    body = store.load_draft(wizard.draft_id).body
    assert body["loose_text"] == {"citizen.date_of_birth": "31/02/19"}
    assert "draft kept at" in wizard.windowTitle()


def test_a_draft_comes_back_on_the_step_it_was_left_with_everything_typed(qtbot, catalogue, store, officer, tmp_path):
    first = new_wizard(qtbot, catalogue, store, officer)
    go_to_form(qtbot, first)
    fill_form(first)
    first.documents_page.set_count("don", "photocopies", 2)
    first.documents_page.ui.emailEdit.setText("thao@example.vn")
    first.next()
    op = first.portrait_page.load_portrait_file(portrait_file(tmp_path))
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    first.next()
    first.fees_page.ui.receiptNumberEdit.setText("0000042")  # typed, Next not pressed yet
    kept(qtbot, first)
    draft_id = first.draft_id
    first.autosave_timer.stop()  # the desk "crashes": the window is gone without saving

    again = new_wizard(qtbot, catalogue, store, officer, draft_id=draft_id)
    again.resume(store.load_draft(draft_id))
    assert again.currentId() == IntakeWizard.PAGE_FEES
    assert again.fees_page.ui.receiptNumberEdit.text() == "0000042"
    assert again.citizen_page.ui.fullNameEdit.text() == "Nguyễn Thị Phương Thảo"
    assert again.form_page.editors["licence_number"].value() == "790123456789"
    assert again.documents_page.count("don", "photocopies") == 2
    assert again.documents_page.ui.emailEdit.text() == "thao@example.vn"
    assert again.draft.portrait is not None and again.draft.portrait.jpeg == first.draft.portrait.jpeg
    assert again.portrait_page.isComplete()


def test_a_draft_that_no_longer_passes_a_step_stops_there_and_says_why(qtbot, catalogue, store, officer):
    first = new_wizard(qtbot, catalogue, store, officer)
    go_to_form(qtbot, first)
    first.form_page.editors["licence_number"].set_value("123")  # wrong, Next not pressed
    kept(qtbot, first)
    first.autosave_timer.stop()
    again = new_wizard(qtbot, catalogue, store, officer)
    again.resume(store.load_draft(first.draft_id))
    assert again.currentId() == IntakeWizard.PAGE_FORM
    assert again.form_page.editors["licence_number"].value() == "123"


def test_parking_keeps_the_draft_and_closes_and_an_empty_wizard_leaves_nothing(qtbot, catalogue, store, officer):
    empty = new_wizard(qtbot, catalogue, store, officer)
    empty.reject()
    assert not empty.isVisible() and store.drafts() == []

    wizard = new_wizard(qtbot, catalogue, store, officer)
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Par&k for later"
    fill_citizen_by_scan(qtbot, wizard)
    with qtbot.waitSignal(wizard.parked, timeout=10_000) as parked:
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert parked.args == [wizard.draft_id, "Nguyễn Thị Phương Thảo"]
    assert not wizard.isVisible()
    [summary] = store.drafts()
    assert summary.parked and summary.procedure_code is None


def test_saving_the_dossier_removes_its_draft_and_no_late_write_brings_it_back(qtbot, catalogue, store, officer,
                                                                               tmp_path):
    wizard = new_wizard(qtbot, catalogue, store, officer)
    go_to_form(qtbot, wizard)
    fill_form(wizard)
    wizard.next()
    op = wizard.portrait_page.load_portrait_file(portrait_file(tmp_path))
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    wizard.next()
    wizard.fees_page.ui.receiptNumberEdit.setText("0000043")
    wizard.next()
    wizard.review_page.ui.consentCheck.setChecked(True)
    assert store.drafts() != []
    wizard.keep_draft()  # a draft write under way when Save is pressed: the save waits for it
    with qtbot.waitSignal(wizard.receipt_ready, timeout=20_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.autosave_timer.isActive()
    qtbot.wait(50)
    assert store.drafts() == []


def test_the_drafts_list_resumes_and_discards_only_after_a_second_yes(qtbot, catalogue, store, officer):
    for name in ("Trần Văn Một", "Phạm Thị Hai"):
        wizard = new_wizard(qtbot, catalogue, store, officer)
        wizard.citizen_page.ui.fullNameEdit.setText(name)
        kept(qtbot, wizard)
        wizard.autosave_timer.stop()
    dialog = DraftsDialog(store, "canbo01")
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.refresh()
    assert dialog.model.rowCount() == 2
    assert "Interrupted" in dialog.model.data(dialog.model.index(0, dialog.model.COLUMN_STATE))
    box = dialog.discard_selected()
    assert box.defaultButton().text() == "&Keep it"
    doomed = dialog.selected().draft_id
    [discard] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole]
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        discard.click()
    assert [d.draft_id for d in store.drafts()] != [] and doomed not in {d.draft_id for d in store.drafts()}
    with qtbot.waitSignal(dialog.resume_requested) as resumed:
        qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert resumed.args == [store.drafts()[0].draft_id]


def test_scans_travel_with_the_draft_and_become_the_dossiers_attachments(qtbot, catalogue, store, officer, tmp_path):
    import io

    from PIL import Image

    from desk_app.gui.intake.draft import build_dossier
    from desk_app.core.calendar import WorkingCalendar

    first = new_wizard(qtbot, catalogue, store, officer)
    go_to_form(qtbot, first)
    fill_form(first)
    panel = first.documents_page.scan_panel
    page = Image.new("RGB", (1240, 1754), "white")
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    panel.set_current("gplx")
    panel.attach_bytes(buffer.getvalue(), "gplx.png")
    qtbot.waitUntil(lambda: bool(panel.scans().get("gplx")) and not panel.is_busy(), timeout=20_000)
    [scan] = panel.scans()["gplx"]
    kept(qtbot, first)
    first.autosave_timer.stop()

    again = new_wizard(qtbot, catalogue, store, officer)
    again.resume(store.load_draft(first.draft_id))
    assert again.currentId() == IntakeWizard.PAGE_DOCUMENTS
    assert [s.sha256 for s in again.documents_page.scan_panel.scans()["gplx"]] == [scan.sha256]
    again.next()
    dossier, blobs = build_dossier(again.draft, catalogue_version="1", user=officer, desk_id="DESK-T-01",
                                   received_at=counter_clock(), calendar=WorkingCalendar([]))
    [attached] = [a for a in dossier.attachments if a.kind == "scan"]
    assert (attached.filename, attached.media_type, attached.sha256) == ("gplx-1.jpg", "image/jpeg", scan.sha256)
    assert blobs[scan.sha256] == scan.data



def test_accepting_with_fewer_copies_than_asked_is_recorded_for_the_supervisor(catalogue):
    from desk_app.core.dossier import DossierStatus, ReceivedDocument
    from desk_app.gui.intake.draft import IntakeDraft, validation_overrides

    procedure = next(p for p in catalogue.procedures if any(d.required and d.originals for d in p.documents))
    required = [d for d in procedure.documents if d.required]
    full = [ReceivedDocument(d.code, d.name, d.originals, d.certified_copies, d.photocopies) for d in required]
    asked = next(d for d in required if d.originals)
    # Handed in, but as a photocopy where the procedure asks for the original.
    short = [ReceivedDocument(asked.code, asked.name, photocopies=1) if d.code == asked.code else d for d in full]

    assert validation_overrides(IntakeDraft(procedure=procedure, documents=full), "canbo01") == ()
    draft = IntakeDraft(procedure=procedure, documents=short)
    (override,) = validation_overrides(draft, "canbo01")
    assert (override.rule, override.documents, override.accepted_by) == ("documents_short", (asked.name,), "canbo01")
    # A supplement request asks for what is short instead: nothing was passed over.
    draft.outcome = DossierStatus.SUPPLEMENT_REQUESTED
    assert validation_overrides(draft, "canbo01") == ()
