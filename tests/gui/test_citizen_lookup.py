"""The citizen step asks the population register (through the real central API on loopback)
and lists the citizen's earlier dossiers at this desk, without ever holding the officer up."""

from __future__ import annotations

import dataclasses
import socket
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from desk_app.core.identity import Sex
from desk_app.gui.intake import IntakeWizard
from desk_app.gui.labels import format_moment
from desk_app.gui.ops import wait_for_ops
from desk_app.store import DeskStore
from desk_app.sync.client import CentralClient
from tests.support.central_server import RunningCentral, start_central
from tests.store.builders import make_dossier
from tests.support.citizens import cccd_number, cccd_qr

from .conftest import COUNTER_TIME, counter_clock

# The card of tests.support.citizens' default citizen, whom the demo register knows with the
# address of after the 2025 reorganisation (no district): the card still has the old one.
THAO = "056162123456"
REGISTER_ADDRESS = "Thôn Phú Hòa, Xã Diên Phú, Tỉnh Khánh Hòa"
NOT_IN_REGISTER = cccd_number("056", date(1962, 3, 8), Sex.FEMALE, 999999)
WAIT_MS = 10_000


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCentral]:
    with start_central(tmp_path_factory.mktemp("central-citizens"), "sqlite") as running:
        yield running


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., RunningCentral]]:
    """A central API of its own with an upstream made slow or failing; stopped after the test."""
    with ExitStack() as stack:
        def _start(**settings: Any) -> RunningCentral:
            return stack.enter_context(start_central(tmp_path / uuid.uuid4().hex[:8], "sqlite", **settings))

        yield _start


def closed_port_url() -> str:
    """Where nothing listens: the desk with its network cable pulled."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def session_client(central: RunningCentral) -> CentralClient:
    desk_id = "DESK-NT-01"
    token = central.login("canbo01", desk_id=desk_id)["access_token"]
    return CentralClient(central.base_url, desk_id=desk_id, access_token=token)


@pytest.fixture
def make_wizard(qtbot, catalogue, store, officer) -> Callable[[CentralClient | None], IntakeWizard]:
    clients: list[CentralClient] = []

    def make(client: CentralClient | None) -> IntakeWizard:
        if client is not None:
            clients.append(client)
        wizard = IntakeWizard(
            catalogue=catalogue, overrides=[], store=store, user=officer, desk_id="DESK-T-01",
            lookup_url="http://127.0.0.1:9/tra-cuu", clock=counter_clock, central=client,
        )
        qtbot.addWidget(wizard)
        wizard.show()
        return wizard

    yield make
    for client in clients:
        client.close()


def scan(qtbot, wizard: IntakeWizard, text: str) -> None:
    edit = wizard.citizen_page.ui.qrEdit
    edit.setFocus()
    edit.setText(text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def wait_for_answer(qtbot, wizard: IntakeWizard, cccd: str = THAO, timeout: int = WAIT_MS) -> None:
    page = wizard.citizen_page
    qtbot.waitUntil(lambda: page.register_outcome is not None and page.register_outcome.cccd == cccd, timeout=timeout)


def save_dossier_of(store: DeskStore, cccd: str, received_days_ago: int) -> str:
    dossier, blobs = make_dossier(blobs=[], procedure_code="TEST.GPLX.01",
                                  received_at=COUNTER_TIME - timedelta(days=received_days_ago))
    dossier = dataclasses.replace(dossier, applicant=dataclasses.replace(dossier.applicant, cccd=cccd))
    return store.save_new_dossier(dossier, blobs).code


# ---------------------------------------------------------------------- the register answers


def test_a_scanned_card_is_checked_against_the_register_and_a_moved_address_can_be_taken(qtbot, make_wizard, central, store):
    wizard = make_wizard(session_client(central))
    page, ui = wizard.citizen_page, wizard.citizen_page.ui
    scan(qtbot, wizard, cccd_qr())
    assert ui.registerStatusLabel.text().startswith("Looking up CCCD 056162123456")
    wait_for_answer(qtbot, wizard)
    # The register knows the citizen and confirms the card: the intake moves on by itself;
    # the register's newer address is one Back away.
    qtbot.waitUntil(lambda: wizard.currentId() == IntakeWizard.PAGE_PROCEDURE, timeout=5_000)
    wizard.back()
    assert ui.registerStatusLabel.property("tone") == "ok"
    assert ui.registerNameValue.text() == "Nguyễn Thị Phương Thảo"
    assert ui.registerBirthValue.text() == "08/03/1962"
    assert ui.registerSexValue.text() == "Female (Nữ)"
    assert ui.registerAddressValue.text() == REGISTER_ADDRESS
    # The card's address has the old district in it: a notice, not a warning to sign off.
    assert [d.field.value for d in page.register_differences] == ["address"]
    assert "may have changed since the card was issued" in ui.registerDifferencesLabel.text()
    assert ui.useRegisterAddressButton.isVisible() and not ui.registerCheckedBox.isVisible()
    qtbot.mouseClick(ui.useRegisterAddressButton, Qt.MouseButton.LeftButton)
    assert ui.addressEdit.text() == REGISTER_ADDRESS
    assert page.register_differences == [] and not ui.useRegisterAddressButton.isVisible()
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_PROCEDURE
    assert wizard.draft.citizen.address == REGISTER_ADDRESS
    kept = store.citizen_lookup(THAO)  # for the day the desk is offline
    assert kept is not None and kept.answer["permanent_address"] == REGISTER_ADDRESS


def test_another_birth_date_must_be_looked_at_before_going_on(qtbot, make_wizard, central):
    wizard = make_wizard(session_client(central))
    ui = wizard.citizen_page.ui
    scan(qtbot, wizard, cccd_qr(date_of_birth=date(1962, 3, 9), address=REGISTER_ADDRESS))
    wait_for_answer(qtbot, wizard)
    assert "Date of birth: not the form's 09/03/1962." in ui.registerDifferencesLabel.text()
    assert ui.registerBirthValue.text() == "08/03/1962" and "#b71c1c" in ui.registerBirthValue.styleSheet()
    assert ui.registerDifferencesLabel.property("tone") == "error"
    assert ui.registerCheckedBox.isVisible() and not ui.useRegisterAddressButton.isVisible()
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_CITIZEN
    assert "gives another name, date of birth or sex" in ui.citizenMessageLabel.text()
    ui.registerCheckedBox.setChecked(True)
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_PROCEDURE
    assert wizard.draft.citizen.date_of_birth == date(1962, 3, 9)  # the officer decided; nothing was changed


def test_a_corrected_difference_needs_no_tick_and_a_new_one_needs_a_new_tick(qtbot, make_wizard, central):
    wizard = make_wizard(session_client(central))
    ui = wizard.citizen_page.ui
    scan(qtbot, wizard, cccd_qr(full_name="Nguyễn Thị Phương Thao", address=REGISTER_ADDRESS))
    wait_for_answer(qtbot, wizard)
    assert "Name: only the accents differ from the form's “Nguyễn Thị Phương Thao”" in ui.registerDifferencesLabel.text()
    ui.registerCheckedBox.setChecked(True)
    ui.sexCombo.setCurrentIndex(ui.sexCombo.findData("Nam"))  # a second difference appears
    assert not ui.registerCheckedBox.isChecked()
    ui.sexCombo.setCurrentIndex(ui.sexCombo.findData("Nữ"))
    ui.fullNameEdit.setText("Nguyễn Thị Phương Thảo")
    assert wizard.citizen_page.register_differences == [] and not ui.registerCheckedBox.isVisible()
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_PROCEDURE


def test_a_typed_number_alone_lets_the_register_fill_the_empty_fields(qtbot, make_wizard, central):
    wizard = make_wizard(session_client(central))
    ui = wizard.citizen_page.ui
    ui.addressEdit.setText("Số 45 đường Nguyễn Trãi, Nha Trang")  # typed first: it stays
    ui.cccdEdit.setFocus()
    qtbot.keyClicks(ui.cccdEdit, "07920300123")
    assert wizard.citizen_page.lookup_op is None  # 11 digits: nobody is asked yet
    qtbot.keyClicks(ui.cccdEdit, "4")
    wait_for_answer(qtbot, wizard, "079203001234")
    assert ui.fillFromRegisterButton.isVisible()
    qtbot.mouseClick(ui.fillFromRegisterButton, Qt.MouseButton.LeftButton)
    assert ui.fullNameEdit.text() == "Phạm Gia Huy" and ui.dateOfBirthEdit.text() == "01/05/2003"
    assert ui.sexCombo.currentData() == "Nam"
    assert ui.addressEdit.text() == "Số 45 đường Nguyễn Trãi, Nha Trang"
    assert not ui.fillFromRegisterButton.isVisible() and wizard.citizen_page.isComplete()
    # Only the address now differs from the register: the officer may take it or not.
    assert ui.useRegisterAddressButton.isVisible()


def test_a_number_changed_meanwhile_shows_only_the_answer_about_the_new_one(qtbot, make_wizard, central):
    wizard = make_wizard(session_client(central))
    page, ui = wizard.citizen_page, wizard.citizen_page.ui
    ui.cccdEdit.setText(THAO)
    ui.cccdEdit.setText("079203001234")  # before the first answer can have come back
    wait_for_answer(qtbot, wizard, "079203001234")
    assert wait_for_ops(WAIT_MS)  # both look-ups have finished ...
    QCoreApplication.processEvents()  # ... and delivered: the first answer changed nothing
    assert page.register_outcome.cccd == "079203001234" and ui.registerNameValue.text() == "Phạm Gia Huy"
    ui.cccdEdit.setText("07920300123")  # no longer a whole number: nothing about anyone is shown
    assert page.register_outcome is None and not ui.registerValues.isVisible()
    assert "once the CCCD number is complete" in ui.registerStatusLabel.text()


# ---------------------------------------------------------------------- no answer: the officer goes on


def test_a_citizen_the_register_does_not_know_is_said_calmly(qtbot, make_wizard, central):
    wizard = make_wizard(session_client(central))
    ui = wizard.citizen_page.ui
    scan(qtbot, wizard, cccd_qr(serial=999999))
    wait_for_answer(qtbot, wizard, NOT_IN_REGISTER)
    assert "has no citizen with CCCD 056162999999" in ui.registerStatusLabel.text()
    assert ui.registerStatusLabel.property("tone") == "info"
    assert not ui.registerValues.isVisible() and not ui.lookupAgainButton.isVisible()
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_PROCEDURE


def test_a_slow_register_never_holds_the_officer_up(qtbot, make_wizard, start):
    slow = start(upstream_latency_ms=2500, upstream_timeout_ms=5000)
    wizard = make_wizard(session_client(slow))
    scan(qtbot, wizard, cccd_qr(address=REGISTER_ADDRESS))
    wizard.next()  # at once, with the answer still on its way
    assert wizard.currentId() == IntakeWizard.PAGE_PROCEDURE
    assert wizard.citizen_page.register_outcome is None
    wait_for_answer(qtbot, wizard)  # it arrives while the officer is on the next step
    assert wizard.currentId() == IntakeWizard.PAGE_PROCEDURE
    assert wizard.citizen_page.ui.registerNameValue.text() == "Nguyễn Thị Phương Thảo"


def test_a_failing_register_shows_the_kept_answer_with_its_time(qtbot, make_wizard, start, store):
    failing = start(upstream_failure_rate=1.0, upstream_seed=1, upstream_fault_targets="population_registry")
    kept = store.save_citizen_lookup(THAO, {"cccd": THAO, "full_name": "Nguyễn Thị Phương Thảo",
                                            "date_of_birth": "1962-03-08", "sex": "Nữ",
                                            "permanent_address": REGISTER_ADDRESS})
    wizard = make_wizard(session_client(failing))
    ui = wizard.citizen_page.ui
    scan(qtbot, wizard, cccd_qr())
    wait_for_answer(qtbot, wizard)
    status = ui.registerStatusLabel.text()
    assert "not answering at the moment" in status
    assert f"as looked up at {format_moment(kept.fetched_at)}" in status
    assert ui.registerAddressValue.text() == REGISTER_ADDRESS and ui.useRegisterAddressButton.isVisible()
    assert ui.lookupAgainButton.isVisible()
    wizard.next()
    assert wizard.currentId() == IntakeWizard.PAGE_PROCEDURE


def test_offline_without_a_kept_answer_the_officer_is_told_to_go_on_by_hand(qtbot, make_wizard):
    wizard = make_wizard(CentralClient(closed_port_url(), desk_id="DESK-T-01", access_token="t"))
    ui = wizard.citizen_page.ui
    scan(qtbot, wizard, cccd_qr())
    wait_for_answer(qtbot, wizard)
    assert ui.registerStatusLabel.text() == (
        "The desk is offline, so the population register cannot be asked now. "
        "Go on with the details from the card; you can ask again later."
    )
    assert not ui.registerValues.isVisible() and ui.lookupAgainButton.isVisible()


def test_offline_the_kept_answer_is_shown_in_vietnamese_with_its_time(qtbot, vietnamese, make_wizard, store):
    kept = store.save_citizen_lookup(THAO, {"cccd": THAO, "full_name": "Nguyễn Thị Phương Thảo",
                                            "date_of_birth": "1962-03-08", "sex": "Nữ",
                                            "permanent_address": REGISTER_ADDRESS})
    wizard = make_wizard(CentralClient(closed_port_url(), desk_id="DESK-T-01", access_token="t"))
    ui = wizard.citizen_page.ui
    scan(qtbot, wizard, cccd_qr())
    wait_for_answer(qtbot, wizard)
    status = ui.registerStatusLabel.text()
    assert "mất kết nối" in status and f"theo tra cứu lúc {format_moment(kept.fetched_at)}" in status
    assert ui.registerSexValue.text() == "Nữ"
    assert "có thể đã thay đổi" in ui.registerDifferencesLabel.text()


# ---------------------------------------------------------------------- earlier dossiers


def test_the_citizens_earlier_dossiers_are_listed_newest_first_in_vietnamese(qtbot, vietnamese, make_wizard, store):
    older = save_dossier_of(store, THAO, received_days_ago=40)
    newer = save_dossier_of(store, THAO, received_days_ago=3)
    save_dossier_of(store, "079203001234", received_days_ago=1)  # another citizen's
    wizard = make_wizard(None)  # no central client: the list still comes from the desk
    page, ui = wizard.citizen_page, wizard.citizen_page.ui
    assert not ui.registerGroup.isVisible()
    scan(qtbot, wizard, cccd_qr())
    qtbot.waitUntil(lambda: len(page.history) == 2, timeout=WAIT_MS)
    table = ui.previousDossiersTable
    assert table.isVisible() and table.rowCount() == 2
    assert [table.item(row, 0).text() for row in range(2)] == [newer, older]
    assert table.item(0, 1).text() == "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
    assert table.item(0, 2).text() == format_moment(COUNTER_TIME - timedelta(days=3))
    assert table.item(0, 3).text() == "Được tiếp nhận"
    assert ui.historyGroup.title() == "Hồ sơ trước đây tại bàn này: 2, mới nhất trước"


def test_a_citizen_new_to_this_desk_is_said_so(qtbot, make_wizard, store):
    wizard = make_wizard(None)
    page, ui = wizard.citizen_page, wizard.citizen_page.ui
    scan(qtbot, wizard, cccd_qr())
    qtbot.waitUntil(lambda: ui.historyMessageLabel.text() == "No earlier dossier of this citizen at this desk.",
                    timeout=WAIT_MS)
    assert page.history == [] and not ui.previousDossiersTable.isVisible()


# ---------------------------------------------------------------------- the comparison itself


def test_the_comparison_ignores_how_a_text_is_encoded_but_not_what_it_says(qapp):
    import unicodedata

    from desk_app.gui.intake.citizen_lookup import Field, RegisterCitizen, TypedCitizen, compare

    register = RegisterCitizen(THAO, "Nguyễn Thị Phương Thảo", date(1962, 3, 8), Sex.FEMALE, REGISTER_ADDRESS)
    # A scanner may send decomposed Unicode, upper case and loose spaces around commas: the same text.
    same = TypedCitizen(unicodedata.normalize("NFD", "NGUYỄN THỊ  PHƯƠNG THẢO"), date(1962, 3, 8), Sex.FEMALE,
                        "Thôn Phú Hòa ,Xã Diên Phú,  Tỉnh Khánh Hòa")
    assert compare(same, register) == []
    # Empty or unreadable fields are not differences: there is nothing to compare yet.
    assert compare(TypedCitizen("", None, None, " "), register) == []
    other = TypedCitizen("Nguyễn Thị Phương Thảo", date(1962, 3, 8), Sex.MALE, "Tổ 3, Phường Cam Ranh")
    assert [(d.field, d.serious) for d in compare(other, register)] == [(Field.SEX, True), (Field.ADDRESS, False)]
