"""The form page's address and group fields: pick-lists typed without diacritics, the CCCD's
address read into them, entries added and removed, and a draft's values brought back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QWidget

from desk_app.core.catalogue import Catalogue
from desk_app.gui.intake.draft import CitizenDetails, IntakeDraft
from desk_app.gui.intake.field_editors import AddressEditor, GroupEditor
from desk_app.gui.intake.form_page import FormPage

CARD_ADDRESS = "Thôn Phú Lộc, Xã Diên Lạc, Tỉnh Khánh Hòa"


def make_page(qtbot, catalogue: Catalogue, draft: IntakeDraft, code: str = "TEST.HKD.01") -> FormPage:
    draft.procedure = catalogue.get(code)
    page = FormPage(draft, places=catalogue.places)
    qtbot.addWidget(page)
    page.show()
    page.initializePage()
    return page


@pytest.fixture
def draft() -> IntakeDraft:
    return IntakeDraft(citizen=CitizenDetails(full_name="Nguyễn Thị Phương Thảo", cccd="056162123456",
                                              date_of_birth=date(1962, 3, 8), address=CARD_ADDRESS))


@pytest.fixture
def page(qtbot, catalogue, draft) -> FormPage:
    return make_page(qtbot, catalogue, draft)


@pytest.fixture
def blank_address(qtbot, catalogue) -> Iterator[AddressEditor]:
    """The address editor of a citizen whose card gave no address."""
    page = make_page(qtbot, catalogue, IntakeDraft(citizen=CitizenDetails(full_name="Trần Văn Bình")))
    editor = page.editors["home_address"]
    assert isinstance(editor, AddressEditor) and editor.address().empty
    yield editor  # the page lives as long as the test
    page.close()


def type_and_leave(qtbot, widget: QWidget, text: str) -> None:
    """Type into a field (a line edit, or a place combo's line), then press Tab."""
    widget.window().activateWindow()
    widget.setFocus()
    keys = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    if text.isascii():
        qtbot.keyClicks(keys, text)
    else:
        keys.insert(text)  # QTest types ASCII only; an input method hands over whole words like this
    qtbot.keyClick(keys, Qt.Key.Key_Tab)
    assert not widget.hasFocus()


# ---------------------------------------------------------------------- address


def test_typing_a_province_without_diacritics_offers_it_and_picks_it(qtbot, blank_address):
    combo = blank_address.province_combo
    combo.setFocus()
    qtbot.keyClicks(combo.lineEdit(), "khanh hoa")
    completer = combo.completer()
    assert completer.completionCount() == 1 and completer.currentCompletion() == "Tỉnh Khánh Hòa"
    qtbot.waitUntil(completer.popup().isVisible, timeout=2_000)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert combo.currentData() == "56" and combo.currentText() == "Tỉnh Khánh Hòa"
    assert blank_address.address().province == "56"


def test_a_province_typed_and_left_is_resolved_to_the_listed_name(qtbot, blank_address):
    combo = blank_address.province_combo
    type_and_leave(qtbot, combo, "ho chi minh")
    assert combo.currentData() == "79" and combo.currentText() == "Thành phố Hồ Chí Minh"
    assert blank_address.message.isHidden()  # the ward is asked for when the officer leaves it, not before


def test_the_ward_list_holds_the_chosen_provinces_wards_only(qtbot, blank_address):
    province, ward = blank_address.province_combo, blank_address.ward_combo
    assert ward.count() == 0
    type_and_leave(qtbot, province, "khanh hoa")
    assert [ward.itemText(i) for i in range(ward.count())] == [
        "Phường Nha Trang", "Phường Bắc Nha Trang", "Xã Diên Khánh", "Xã Diên Lạc"]
    ward.setFocus()
    qtbot.keyClicks(ward.lineEdit(), "dien")
    assert ward.completer().completionCount() == 2  # Diên Khánh and Diên Lạc, nothing of another province
    ward.lineEdit().clear()
    type_and_leave(qtbot, ward, "dien lac")
    assert ward.currentData() == "56.10"
    type_and_leave(qtbot, blank_address.street_edit, "Thôn Phú Lộc")
    assert blank_address.line_label.text().endswith("Thôn Phú Lộc, Xã Diên Lạc, Tỉnh Khánh Hòa")
    # Another province: the ward of the first one does not stay.
    province.setCurrentIndex(province.findData("79"))
    assert ward.currentIndex() == -1 and ward.currentText() == ""
    assert [ward.itemText(i) for i in range(ward.count())] == ["Phường Sài Gòn", "Phường Bến Thành"]


def test_a_name_that_is_no_listed_place_is_said_and_a_missing_ward_too(qtbot, blank_address):
    type_and_leave(qtbot, blank_address.province_combo, "Tỉnh Diên Khánh")
    message = blank_address.message
    assert not message.isHidden()
    assert message.text() == 'Địa chỉ thường trú: "Tỉnh Diên Khánh" is not a province or city of the list; pick one from the list.'
    blank_address.province_combo.setEditText("")
    type_and_leave(qtbot, blank_address.province_combo, "Khánh Hòa")
    assert message.isHidden()
    assert not blank_address.check()
    assert message.text() == "Địa chỉ thường trú: choose the ward or commune."
    assert blank_address.value() == {"home_address": "Tỉnh Khánh Hòa", "home_address.street": "",
                                     "home_address.ward": "", "home_address.province": "56"}


def test_a_street_too_long_is_said_when_the_officer_leaves_it(qtbot, blank_address):
    blank_address.set_value({"home_address.province": "56", "home_address.ward": "56.01"})
    type_and_leave(qtbot, blank_address.street_edit, "x" * 61)
    assert blank_address.message.text() == "Địa chỉ thường trú: the house number and street may have at most 60 characters."


def test_the_cards_address_fills_the_pick_lists_and_is_marked(page):
    editor = page.editors["home_address"]
    assert editor.address().province == "56" and editor.address().ward == "56.10"
    assert editor.street_edit.text() == "Thôn Phú Lộc"
    assert editor.value()["home_address"] == CARD_ADDRESS
    assert not editor.source.isHidden() and editor.source.text() == "from the ID card"
    editor.street_edit.setText("Thôn Phú Lộc 2")
    assert editor.source.isHidden()  # the officer's own text is no longer the card's


def test_an_old_card_keeps_every_word_and_leaves_the_ward_to_the_officer(qtbot, catalogue):
    old_card = "Thôn Phú Hòa, Xã Diên Phú, Huyện Diên Khánh, Tỉnh Khánh Hòa"
    page = make_page(qtbot, catalogue, IntakeDraft(citizen=CitizenDetails(full_name="A", address=old_card)))
    editor = page.editors["home_address"]
    assert editor.address().province == "56" and editor.ward_combo.currentIndex() == -1
    assert editor.street_edit.text() == "Thôn Phú Hòa, Xã Diên Phú, Huyện Diên Khánh"
    assert not editor.check() and editor.message.text() == "Địa chỉ thường trú: choose the ward or commune."


def test_an_address_nothing_matches_goes_whole_into_the_street(qtbot, catalogue):
    foreign = "12 Rue de Rivoli, Paris"
    page = make_page(qtbot, catalogue, IntakeDraft(citizen=CitizenDetails(full_name="A", address=foreign)))
    editor = page.editors["home_address"]
    assert editor.street_edit.text() == foreign and editor.province_combo.currentText() == ""


def test_going_back_to_fix_the_card_address_updates_an_untouched_field_only(page, draft):
    editor = page.editors["home_address"]
    draft.citizen.address = "5 Lê Lợi, Phường Nha Trang, Tỉnh Khánh Hòa"
    page.initializePage()
    assert editor.address().ward == "56.01" and editor.street_edit.text() == "5 Lê Lợi"
    editor.street_edit.setText("5A Lê Lợi")
    draft.citizen.address = CARD_ADDRESS
    page.initializePage()
    assert editor.street_edit.text() == "5A Lê Lợi"


def test_every_prefilled_field_is_marked_from_the_card(page):
    owner = page.editors["owner_name"]
    assert owner.value() == "Nguyễn Thị Phương Thảo" and not owner.source.isHidden()
    assert owner.widget.accessibleDescription() == "from the ID card"
    owner.widget.setText("Nguyễn Thị Thảo")
    assert owner.source.isHidden() and owner.widget.accessibleDescription() == ""


def test_a_field_without_prefill_shows_no_marker(page):
    group = page.editors["vehicles"]
    plate = group.entries[0].editors["plate"]
    assert plate.source.isHidden() and plate.prefilled is None


# ---------------------------------------------------------------------- group


def test_a_required_group_starts_with_its_least_entries(page):
    group = page.editors["vehicles"]
    assert isinstance(group, GroupEditor) and len(group.entries) == 1
    assert not group.entries[0].remove.isEnabled()  # one entry at least
    assert group.add_button.text() == "&Add entry" and group.add_button.isEnabled()
    assert group.count_label.text() == "1 of at most 3"


def test_entries_are_added_up_to_the_most_and_reached_with_tab(qtbot, page):
    group = page.editors["vehicles"]
    qtbot.mouseClick(group.add_button, Qt.MouseButton.LeftButton)
    assert len(group.entries) == 2 and group.entries[1].number.text() == "2."
    second_plate = group.entries[1].editors["plate"].widget
    assert second_plate.objectName() == "field_vehicles_2_plate"
    # Tab order: entry 1's last input, its remove button, then entry 2, then the add button.
    order = _tab_chain(group.entries[0].editors["plate"].widget, 12)
    first, second = group.entries
    assert order[:9] == [
        first.editors["plate"].widget, first.editors["kind"].widget, first.editors["year"].widget, first.remove,
        second.editors["plate"].widget, second.editors["kind"].widget, second.editors["year"].widget, second.remove,
        group.add_button,
    ]
    group.add_entry()
    assert len(group.entries) == 3 and not group.add_button.isEnabled()
    assert all(entry.remove.isEnabled() for entry in group.entries)


def test_alt_a_adds_an_entry_and_moves_into_it(qtbot, page):
    group = page.editors["vehicles"]
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5_000)
    group.entries[0].editors["plate"].widget.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(group.entries) == 2, timeout=5_000)  # a mnemonic clicks a moment later
    assert QApplication.focusWidget() is group.entries[1].editors["plate"].widget


def _tab_chain(start: QWidget, count: int) -> list[QWidget]:
    """The widgets Tab visits after ``start`` (only those that take focus by Tab)."""
    chain, widget = [start], start
    while len(chain) < count:
        widget = widget.nextInFocusChain()
        if widget is start:
            break
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible() and widget.isEnabled() \
                and widget.focusProxy() is None:
            chain.append(widget)
    return chain


def test_a_bad_entry_is_named_when_the_officer_leaves_it(qtbot, page):
    group = page.editors["vehicles"]
    group.add_entry()
    plate = group.entries[1].editors["plate"].widget
    type_and_leave(qtbot, plate, "79C12345")
    assert group.message.text() == 'Entry 2: Biển số: "79C12345" is not in the expected form.'
    # Entry 1 was not visited: nothing is said about it until Next.
    assert not group.check()
    assert group.message.text().split("\n") == [
        "Entry 1: Biển số: this field is required.",
        "Entry 1: Loại xe: this field is required.",
        'Entry 2: Biển số: "79C12345" is not in the expected form.',
        "Entry 2: Loại xe: this field is required.",
    ]


def test_removing_an_entry_keeps_the_others_and_renumbers(qtbot, page):
    group = page.editors["vehicles"]
    group.set_value({"vehicles.count": "3", "vehicles.1.plate": "79C-111.11", "vehicles.2.plate": "79C-222.22",
                     "vehicles.3.plate": "79C-333.33", "vehicles.3.kind": "khach"})
    assert [e.editors["plate"].value() for e in group.entries] == ["79C-111.11", "79C-222.22", "79C-333.33"]
    qtbot.mouseClick(group.entries[1].remove, Qt.MouseButton.LeftButton)
    assert [e.number.text() for e in group.entries] == ["1.", "2."]
    assert group.value() == {
        "vehicles.count": "2",
        "vehicles.1.plate": "79C-111.11", "vehicles.1.kind": "", "vehicles.1.year": "",
        "vehicles.2.plate": "79C-333.33", "vehicles.2.kind": "khach", "vehicles.2.year": "",
    }
    assert QApplication.focusWidget() in (group.entries[1].editors["plate"].widget, None)
    group.remove_entry(0)
    assert len(group.entries) == 1 and not group.entries[0].remove.isEnabled()
    group.remove_entry(0)  # the least is one entry
    assert len(group.entries) == 1


# ---------------------------------------------------------------------- the page


def fill_vehicle(page: FormPage, plate: str = "79C-123.45", kind: str = "tai") -> None:
    entry = page.editors["vehicles"].entries[0]
    entry.editors["plate"].set_value(plate)
    entry.editors["kind"].set_value(kind)


def test_next_puts_the_flat_values_in_the_draft(page, draft):
    assert not page.validatePage()
    assert "1 field(s) need attention" in page.ui.formMessageLabel.text()
    fill_vehicle(page)
    assert page.validatePage()
    assert draft.form_values == {
        "owner_name": "Nguyễn Thị Phương Thảo",
        "home_address": CARD_ADDRESS, "home_address.street": "Thôn Phú Lộc",
        "home_address.ward": "56.10", "home_address.province": "56",
        "vehicles.count": "1", "vehicles.1.plate": "79C-123.45", "vehicles.1.kind": "tai", "vehicles.1.year": "",
    }


def test_a_drafts_values_come_back_into_the_form(qtbot, catalogue, draft):
    draft.form_values = {
        "owner_name": "Nguyễn Văn Phương",
        "home_address": "9 Lý Tự Trọng, Phường Bến Thành, Thành phố Hồ Chí Minh",
        "home_address.street": "9 Lý Tự Trọng", "home_address.ward": "79.02", "home_address.province": "79",
        "vehicles.count": "2", "vehicles.1.plate": "51B-123.45", "vehicles.1.kind": "khach",
        "vehicles.2.plate": "51B-678.90", "vehicles.2.kind": "tai", "vehicles.2.year": "2019",
    }
    kept = dict(draft.form_values)
    page = make_page(qtbot, catalogue, draft)
    address = page.editors["home_address"]
    assert address.province_combo.currentText() == "Thành phố Hồ Chí Minh"
    assert address.ward_combo.currentText() == "Phường Bến Thành" and address.source.isHidden()
    assert page.editors["owner_name"].value() == "Nguyễn Văn Phương"  # the officer's own, not the card's
    assert len(page.editors["vehicles"].entries) == 2
    assert page.validatePage()
    assert draft.form_values == {**kept, "vehicles.1.year": ""}


def test_a_restored_value_equal_to_the_cards_is_marked(qtbot, catalogue, draft):
    draft.form_values = {"owner_name": "Nguyễn Thị Phương Thảo", "home_address": CARD_ADDRESS,
                         "home_address.street": "Thôn Phú Lộc", "home_address.ward": "56.10",
                         "home_address.province": "56"}
    page = make_page(qtbot, catalogue, draft)
    assert not page.editors["owner_name"].source.isHidden()
    assert not page.editors["home_address"].source.isHidden()


def test_a_restored_address_whose_places_are_gone_keeps_its_line(qtbot, catalogue, draft):
    draft.form_values = {"home_address": "3 Trần Phú, Phường Lộc Thọ, Tỉnh Khánh Hòa",
                         "home_address.street": "3 Trần Phú", "home_address.ward": "56.77",
                         "home_address.province": "56"}
    page = make_page(qtbot, catalogue, draft)
    editor = page.editors["home_address"]
    assert editor.street_edit.text() == "3 Trần Phú, Phường Lộc Thọ, Tỉnh Khánh Hòa"
    assert editor.province_combo.currentIndex() == -1 and editor.ward_combo.currentIndex() == -1


def test_values_typed_for_another_procedure_do_not_follow_a_switch(qtbot, catalogue, draft):
    page = make_page(qtbot, catalogue, draft)
    fill_vehicle(page)
    page.collect()  # the wizard takes the form as it stands (autosave, Back)
    assert draft.form_values["vehicles.1.plate"] == "79C-123.45"
    draft.procedure = catalogue.get("TEST.VT.01")
    page.initializePage()
    assert list(page.editors) == ["plate_number", "capacity"] and draft.form_values == {}
    # Back to the first procedure without Next on the second: its values were not kept.
    draft.procedure = catalogue.get("TEST.HKD.01")
    page.initializePage()
    assert page.editors["vehicles"].entries[0].editors["plate"].value() == ""



def test_in_the_wizard_the_forms_letters_do_not_clash(qtbot, catalogue, store, officer):
    from desk_app.gui.intake import IntakeWizard

    from .conftest import counter_clock
    from .test_intake_wizard import fill_citizen_by_scan

    wizard = IntakeWizard(catalogue=catalogue, overrides=[], store=store, user=officer, desk_id="DESK-T-01",
                          lookup_url="http://127.0.0.1:9/tra-cuu", clock=counter_clock)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_citizen_by_scan(qtbot, wizard)
    assert wizard.procedure_page.select_code("TEST.HKD.01")
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_FORM
    group = wizard.form_page.editors["vehicles"]
    group.add_entry()
    qtbot.waitUntil(lambda: group.entries[1].remove.isVisible(), timeout=2_000)
    letters = []
    for widget in wizard.findChildren(QAbstractButton) + [w for w in wizard.findChildren(QLabel) if w.buddy()]:
        if widget.isVisible():
            found = re.search(r"&(\w)(?!\w*;)", widget.text().replace("&&", ""))
            if found:
                letters.append(found.group(1).lower())
    assert "a" in letters and len(letters) == len(set(letters)), sorted(letters)
