"""Page 1: the citizen, from the CCCD card's QR code or typed by hand.

The card is read here from the QR field, or from a scan made anywhere in the desk
(``gui.scanner_input``), which the wizard hands over through ``take_scan``. Once the CCCD
number is complete the citizen is looked up in the population register in the background
(``citizen_lookup``) and the dossiers this desk holds for them are listed; neither holds
the officer up.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QHeaderView, QMessageBox, QTableWidgetItem, QWidget, QWizardPage

from desk_app.core.identity import CccdError, CitizenIdentity, Sex, check_cccd_number, parse_cccd_qr
from desk_app.core.text import normalise_spaces
from desk_app.core.validation import parse_form_date
from desk_app.store import DeskStore, DossierSummary
from desk_app.sync.client import CentralClient

from ..camera import CameraQrDialog
from ..camera.choice import CameraChoice, CameraUse
from ..errors import error_text
from ..feedback import Tone, clear_message, show_message
from ..forms.ui_citizen_page import Ui_CitizenPage
from ..labels import format_date, format_moment, status_name
from ..ops import Op
from .citizen_lookup import (
    Difference,
    Failure,
    Field,
    LookupOutcome,
    RegisterCitizen,
    RegisterLookup,
    TypedCitizen,
    compare,
    empty_fields_the_register_fills,
    looking_up_text,
    sex_text,
    status_text,
)
from .draft import CitizenDetails, IntakeDraft

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_SERIOUS_VALUE = "font-weight: bold; color: #b71c1c;"
_NOTICED_VALUE = "font-weight: bold; color: #8d4e00;"
_HISTORY_ROWS_SHOWN = 4
_LOOSE_BIRTH_DATE = "citizen.date_of_birth"
# How long a clean scan waits for the population register before leaving the officer to
# press Next: the register answers in well under a second when it is reachable at all.
_ADVANCE_WAIT_MS = 2_500


class CitizenPage(QWizardPage):
    """``store`` lists the citizen's previous dossiers; with ``central`` (the signed-in
    session's client) the population register is asked too."""

    def __init__(
        self,
        draft: IntakeDraft,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
        *,
        store: DeskStore | None = None,
        central: CentralClient | None = None,
        cameras: CameraChoice | None = None,
    ) -> None:
        super().__init__(parent)
        self._draft = draft
        self._clock = clock
        self._store = store
        self.register_lookup = RegisterLookup(central, store) if central is not None and store is not None else None
        self.ui = Ui_CitizenPage()
        self.ui.setupUi(self)
        self.ui.sexCombo.addItem(self.tr("(choose)"), None)
        self.ui.sexCombo.addItem(self.tr("Male (Nam)"), Sex.MALE.value)
        self.ui.sexCombo.addItem(self.tr("Female (Nữ)"), Sex.FEMALE.value)
        clear_message(self.ui.qrMessageLabel)
        clear_message(self.ui.citizenMessageLabel)
        self.ui.readQrButton.clicked.connect(self.read_qr)
        self.cameras = cameras or CameraChoice()
        self.camera_dialog: CameraQrDialog | None = None
        self.ui.cameraQrButton.clicked.connect(self.read_card_with_camera)
        QShortcut(QKeySequence("F8"), self, self.read_card_with_camera)
        # A USB scanner "types" the QR text and presses Enter; Enter here must read the
        # card, not press the wizard's default Next button.
        self.ui.qrEdit.installEventFilter(self)
        for edit in (self.ui.fullNameEdit, self.ui.cccdEdit, self.ui.dateOfBirthEdit, self.ui.addressEdit):
            edit.textChanged.connect(self.completeChanged)
        self.ui.sexCombo.currentIndexChanged.connect(self.completeChanged)
        self.replace_box: QMessageBox | None = None
        # A card read cleanly at the start of an intake moves the officer on by itself, once
        # the register has answered without a serious difference (see ``_advance_if_clean``).
        self._advance_after_scan = False
        self._advance_deadline = QTimer(self)
        self._advance_deadline.setSingleShot(True)
        self._advance_deadline.setInterval(_ADVANCE_WAIT_MS)
        self._advance_deadline.timeout.connect(self._stop_waiting_to_advance)
        self._set_up_lookup()

    def initializePage(self) -> None:
        self.ui.qrEdit.setFocus()

    def collect(self) -> None:
        """Take what is typed, unchecked, into the draft (kept as the officer types)."""
        ui = self.ui
        typed_date = ui.dateOfBirthEdit.text().strip()
        try:
            born = parse_form_date(typed_date) if typed_date else None
        except ValueError:
            born = None
        if typed_date and born is None:
            self._draft.loose_text[_LOOSE_BIRTH_DATE] = typed_date
        else:
            self._draft.loose_text.pop(_LOOSE_BIRTH_DATE, None)
        sex = ui.sexCombo.currentData()
        self._draft.citizen = CitizenDetails(
            full_name=normalise_spaces(ui.fullNameEdit.text()),
            cccd=ui.cccdEdit.text().strip(),
            cmnd=ui.cmndEdit.text().strip() or None,
            date_of_birth=born,
            sex=Sex(sex) if sex else None,
            address=normalise_spaces(ui.addressEdit.text()),
        )

    def show_citizen(self) -> None:
        """Fill the fields from the draft (a draft brought back)."""
        ui, c = self.ui, self._draft.citizen
        ui.fullNameEdit.setText(c.full_name)
        ui.cccdEdit.setText(c.cccd)
        ui.cmndEdit.setText(c.cmnd or "")
        typed_date = c.date_of_birth.strftime("%d/%m/%Y") if c.date_of_birth else ""
        ui.dateOfBirthEdit.setText(typed_date or self._draft.loose_text.get(_LOOSE_BIRTH_DATE, ""))
        ui.sexCombo.setCurrentIndex(max(ui.sexCombo.findData(c.sex.value if c.sex else None), 0))
        ui.addressEdit.setText(c.address)
        for edit in (ui.fullNameEdit, ui.addressEdit):
            edit.setCursorPosition(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.qrEdit and event.type() == QEvent.Type.KeyPress:
            if isinstance(event, QKeyEvent) and event.key() in _ENTER_KEYS:
                self.read_qr()
                return True
        return super().eventFilter(watched, event)

    def read_qr(self) -> bool:
        """Parse the QR text and fill the fields; a bad scan changes nothing and says why."""
        text = self.ui.qrEdit.text()
        try:
            identity = parse_cccd_qr(text, today=self._clock().date())
        except CccdError as exc:
            show_message(self.ui.qrMessageLabel, error_text(exc), Tone.ERROR)
            self.ui.qrEdit.selectAll()
            return False
        # Only a fresh intake moves on: a card scanned later is checked here by the officer.
        # Without a register to agree (no central system at all) the officer presses Next.
        self._advance_after_scan = self._draft.procedure is None
        self.ui.fullNameEdit.setText(identity.full_name)
        self.ui.cccdEdit.setText(identity.cccd)
        self.ui.cmndEdit.setText(identity.cmnd or "")
        self.ui.dateOfBirthEdit.setText(identity.date_of_birth.strftime("%d/%m/%Y"))
        self.ui.sexCombo.setCurrentIndex(self.ui.sexCombo.findData(identity.sex.value))
        self.ui.addressEdit.setText(identity.address)
        for edit in (self.ui.fullNameEdit, self.ui.addressEdit):
            edit.setCursorPosition(0)  # a long address is read from its start
        # The next scan must not be appended to this one.
        self.ui.qrEdit.clear()
        show_message(
            self.ui.qrMessageLabel,
            self.tr("Read from the card: {name}, CCCD {cccd}. Check the details below.").format(
                name=identity.full_name, cccd=identity.cccd
            ),
            Tone.OK,
        )
        clear_message(self.ui.citizenMessageLabel)
        if self._advance_after_scan and self.register_lookup is not None:
            if self.register_outcome is not None:
                QTimer.singleShot(0, self._advance_if_clean)  # the same card again: answered already
            else:
                self._advance_deadline.start()
        return True

    def _advance_if_clean(self) -> None:
        """Go on to the procedure once the card reads and the register agrees with it; otherwise,
        or with no answer within the wait, the officer stays here to look."""
        if not self._advance_after_scan:
            return
        self._advance_after_scan = False
        self._advance_deadline.stop()
        wizard = self.wizard()
        outcome = self.register_outcome
        # Only a citizen the register knows and confirms moves on: a serious difference, a
        # citizen it does not know, or no answer stays here for the officer to read. An address
        # the register has newer (a card made before the 2025 merger) is no reason to stop: the
        # card's address stays valid, and Back shows the register's.
        agreed = outcome is not None and outcome.citizen is not None and outcome.failure is None
        if wizard is None or wizard.currentPage() is not self or not agreed or any(
                d.serious for d in self.register_differences):
            return
        if self._problem() is None:
            wizard.next()

    def _stop_waiting_to_advance(self) -> None:
        self._advance_after_scan = False

    def read_card_with_camera(self) -> CameraQrDialog:
        """F8: the card held up to the desk camera fills the citizen as a scanner's read would."""
        if self.camera_dialog is not None:
            self.camera_dialog.raise_()
            return self.camera_dialog
        dialog = CameraQrDialog(self.wizard() or self, self.cameras.preferred(CameraUse.CARD))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: dialog.text and self.take_scan(dialog.text))
        dialog.finished.connect(lambda _result: self._camera_closed(dialog))
        self.camera_dialog = dialog
        dialog.open()
        return dialog

    def _camera_closed(self, dialog: CameraQrDialog) -> None:
        self.cameras.chosen(CameraUse.CARD, dialog.camera_id)
        if self.camera_dialog is dialog:
            self.camera_dialog = None

    # ------------------------------------------------------------------ a card scanned anywhere

    def take_scan(self, text: str) -> None:
        """Fill the citizen from a card's raw QR text and show this step.

        When another citizen is already filled in, the officer is asked first: a card
        scanned at the counter may be the next citizen's, not a correction.
        """
        if self.replace_box is not None:
            self.replace_box.close()  # the newest scan is the one to ask about
        if self.camera_dialog is not None:
            self.camera_dialog.reject()  # the scanner was quicker than the camera
        scanned = self._identity_in(text)
        current = self._filled_name_and_number()
        if scanned is not None and current is not None and current[1] != scanned.cccd:
            self._ask_to_replace(current[0], scanned, text)
            return
        self._fill_from_scan(text)

    def _identity_in(self, text: str) -> CitizenIdentity | None:
        try:
            return parse_cccd_qr(text, today=self._clock().date())
        except CccdError:
            return None  # read_qr says what is wrong, and changes nothing

    def _filled_name_and_number(self) -> tuple[str, str] | None:
        ui = self.ui
        typed = (ui.fullNameEdit, ui.cccdEdit, ui.cmndEdit, ui.dateOfBirthEdit, ui.addressEdit)
        if not any(edit.text().strip() for edit in typed):
            return None
        return normalise_spaces(ui.fullNameEdit.text()), ui.cccdEdit.text().strip()

    def _ask_to_replace(self, current_name: str, scanned: CitizenIdentity, text: str) -> None:
        box = QMessageBox(self.wizard() or self)
        box.setObjectName("replaceCitizenBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Another citizen's card"))
        box.setText(
            self.tr("This dossier is for {current}. Replace them with {name} (CCCD {cccd}), whose card was just scanned?").format(
                current=current_name or self.tr("another citizen"), name=scanned.full_name, cccd=scanned.cccd
            )
        )
        box.setInformativeText(self.tr("What was typed by hand on the other steps is kept: check it before saving."))
        replace = box.addButton(self.tr("&Replace"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("&Keep the current citizen"), QMessageBox.ButtonRole.RejectRole)
        # A stray Enter keeps what the officer has: replacing must be a choice.
        box.setDefaultButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._replace_answered(button, replace, text))
        box.finished.connect(lambda _result: self._replace_box_closed(box))
        self.replace_box = box
        box.open()

    def _replace_answered(self, button: QAbstractButton, replace: QAbstractButton, text: str) -> None:
        if button is replace:
            self._fill_from_scan(text)

    def _replace_box_closed(self, box: QMessageBox) -> None:
        if self.replace_box is box:
            self.replace_box = None

    def _fill_from_scan(self, text: str) -> None:
        wizard = self.wizard()
        if wizard is not None:
            # As the officer would with Back: each later page is left the way Back leaves it.
            for _step in range(len(wizard.visitedIds())):
                if wizard.currentPage() is self:
                    break
                wizard.back()
        self.ui.qrEdit.setText(text)
        self.read_qr()
        self.ui.qrEdit.setFocus()

    def isComplete(self) -> bool:
        ui = self.ui
        return all(e.text().strip() for e in (ui.fullNameEdit, ui.cccdEdit, ui.dateOfBirthEdit, ui.addressEdit)) and (
            ui.sexCombo.currentData() is not None
        )

    def validatePage(self) -> bool:
        problem = self._problem() or self._unchecked_difference()
        if problem:
            show_message(self.ui.citizenMessageLabel, problem, Tone.ERROR)
            return False
        clear_message(self.ui.citizenMessageLabel)
        return True

    def _problem(self) -> str | None:
        """The first thing wrong with the typed details, or None; fills the draft when all is well."""
        ui = self.ui
        try:
            born = parse_form_date(ui.dateOfBirthEdit.text())
        except ValueError:
            return self.tr("Date of birth: write it as dd/mm/yyyy, e.g. 05/09/1980.")
        if born > self._clock().date():
            return self.tr("Date of birth: {value} is in the future.").format(value=born.strftime("%d/%m/%Y"))
        sex = Sex(ui.sexCombo.currentData())
        cccd = ui.cccdEdit.text().strip()
        try:
            check_cccd_number(cccd, born, sex)
        except CccdError as exc:
            return error_text(exc)
        cmnd = ui.cmndEdit.text().strip()
        if cmnd and not (len(cmnd) == 9 and cmnd.isdigit()):
            return self.tr("Old ID number (CMND): it has 9 digits; leave it empty if the citizen has none.")
        self._draft.citizen = CitizenDetails(
            full_name=normalise_spaces(ui.fullNameEdit.text()),
            cccd=cccd,
            cmnd=cmnd or None,
            date_of_birth=born,
            sex=sex,
            address=normalise_spaces(ui.addressEdit.text()),
        )
        return None

    # ------------------------------------------------------------------ register and history

    def _set_up_lookup(self) -> None:
        ui = self.ui
        self.register_outcome: LookupOutcome | None = None
        self.register_differences: list[Difference] = []
        self.history: list[DossierSummary] = []
        self._asked_cccd: str | None = None
        # Bumped for every new number: answers about an earlier number are dropped.
        self._generation = 0
        self._checked_differences: frozenset[str] = frozenset()
        self.lookup_op: Op | None = None
        table = ui.previousDossiersTable
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        ui.registerGroup.setVisible(self.register_lookup is not None)
        ui.historyGroup.setVisible(self._store is not None)
        ui.cccdEdit.textChanged.connect(self._cccd_changed)
        for edit in (ui.fullNameEdit, ui.dateOfBirthEdit, ui.addressEdit):
            edit.textChanged.connect(self._show_differences)
        ui.sexCombo.currentIndexChanged.connect(self._show_differences)
        ui.useRegisterAddressButton.clicked.connect(self.use_register_address)
        ui.fillFromRegisterButton.clicked.connect(self.fill_from_register)
        ui.lookupAgainButton.clicked.connect(self.lookup_again)
        ui.registerCheckedBox.toggled.connect(self._checked_toggled)
        self._reset_lookup()

    def _complete_cccd(self) -> str | None:
        number = self.ui.cccdEdit.text().strip()
        try:
            check_cccd_number(number)
        except CccdError:
            return None
        return number

    def _cccd_changed(self) -> None:
        number = self._complete_cccd()
        if number == self._asked_cccd:
            return
        if number is None:
            self._reset_lookup()
        else:
            self._start_lookup(number)

    def _reset_lookup(self) -> None:
        ui = self.ui
        self._generation += 1
        self._asked_cccd = None
        self.register_outcome = None
        self.history = []
        show_message(ui.registerStatusLabel,
                     self.tr("The citizen is looked up in the population register once the CCCD number is complete."),
                     Tone.INFO)
        ui.lookupAgainButton.setVisible(False)
        self._show_register(None)
        ui.previousDossiersTable.setRowCount(0)
        ui.previousDossiersTable.setVisible(False)
        ui.historyGroup.setTitle(self.tr("Previous dossiers at this desk"))
        show_message(ui.historyMessageLabel,
                     self.tr("The citizen's earlier dossiers at this desk are listed once the CCCD number is complete."),
                     Tone.INFO)

    def lookup_again(self) -> None:
        number = self._complete_cccd()
        if number is not None:
            self._start_lookup(number)

    def _start_lookup(self, cccd: str) -> None:
        self._generation += 1
        generation = self._generation
        self._asked_cccd = cccd
        self.register_outcome = None
        store = self._store
        if store is not None:
            self.ui.historyGroup.setTitle(self.tr("Previous dossiers at this desk"))
            self.ui.previousDossiersTable.setVisible(False)
            show_message(self.ui.historyMessageLabel, self.tr("Reading this desk's dossiers…"), Tone.INFO)
            Op(lambda: store.dossiers_of_citizen(cccd), parent=self).success(
                lambda found: self._history_read(generation, found)
            ).failure(lambda error: self._history_failed(generation, error)).run()
        lookup = self.register_lookup
        if lookup is not None:
            show_message(self.ui.registerStatusLabel, looking_up_text(cccd), Tone.INFO)
            self.ui.lookupAgainButton.setVisible(False)
            self._show_register(None)
            self.lookup_op = (
                Op(lambda: lookup(cccd), parent=self)
                .success(lambda outcome: self._lookup_done(generation, outcome))
                .failure(lambda error: self._lookup_done(
                    generation, LookupOutcome(cccd, failure=Failure.UNEXPECTED, error=error)))
                .run()
            )

    def _lookup_done(self, generation: int, outcome: LookupOutcome) -> None:
        if generation != self._generation:
            return  # the officer has moved on to another number
        self.register_outcome = outcome
        tone = Tone.OK if outcome.failure is None and not outcome.not_found else Tone.INFO
        show_message(self.ui.registerStatusLabel, status_text(outcome), tone)
        self.ui.lookupAgainButton.setVisible(outcome.failure is not None)
        self._show_register(outcome.citizen)
        if self._advance_after_scan and self._advance_deadline.isActive():
            self._advance_if_clean()

    def _show_register(self, citizen: RegisterCitizen | None) -> None:
        ui = self.ui
        ui.registerValues.setVisible(citizen is not None)
        if citizen is not None:
            ui.registerNameValue.setText(citizen.full_name)
            ui.registerBirthValue.setText(format_date(citizen.date_of_birth))
            ui.registerSexValue.setText(sex_text(citizen.sex))
            ui.registerAddressValue.setText(citizen.permanent_address)
        self._show_differences()

    def _typed(self) -> TypedCitizen:
        ui = self.ui
        try:
            born = parse_form_date(ui.dateOfBirthEdit.text())
        except ValueError:
            born = None
        sex = ui.sexCombo.currentData()
        return TypedCitizen(ui.fullNameEdit.text(), born, Sex(sex) if sex else None, ui.addressEdit.text())

    def _register_citizen(self) -> RegisterCitizen | None:
        outcome = self.register_outcome
        return outcome.citizen if outcome is not None else None

    def _show_differences(self) -> None:
        ui = self.ui
        citizen = self._register_citizen()
        typed = self._typed()
        self.register_differences = compare(typed, citizen) if citizen is not None else []
        serious = [d for d in self.register_differences if d.serious]
        label = ui.registerDifferencesLabel
        # One colour per line: a warning to sign off in red, the address notice in brown.
        label.setText("<br>".join(
            f'<span style="{_SERIOUS_VALUE if d.serious else _NOTICED_VALUE} font-weight: normal;">'
            f'{"⚠" if d.serious else "•"} {html.escape(d.text, quote=False)}</span>'
            for d in self.register_differences
        ))
        label.setProperty("tone", (Tone.ERROR if serious else Tone.INFO).value)
        label.setVisible(bool(self.register_differences))
        ui.registerCheckedBox.setVisible(bool(serious))
        if self._serious_key() != self._checked_differences:
            # A new difference must be looked at again.
            ui.registerCheckedBox.blockSignals(True)
            ui.registerCheckedBox.setChecked(False)
            ui.registerCheckedBox.blockSignals(False)
        differing = {d.field: d.serious for d in self.register_differences}
        for field, value in ((Field.NAME, ui.registerNameValue), (Field.DATE_OF_BIRTH, ui.registerBirthValue),
                             (Field.SEX, ui.registerSexValue), (Field.ADDRESS, ui.registerAddressValue)):
            # The register's values to compare stand out from the ones that agree.
            style = "" if field not in differing else _SERIOUS_VALUE if differing[field] else _NOTICED_VALUE
            value.setStyleSheet(style)
        ui.useRegisterAddressButton.setVisible(Field.ADDRESS in differing)
        ui.fillFromRegisterButton.setVisible(citizen is not None and empty_fields_the_register_fills(typed))

    def _serious_key(self) -> frozenset[str]:
        return frozenset(d.text for d in self.register_differences if d.serious)

    def _checked_toggled(self, checked: bool) -> None:
        self._checked_differences = self._serious_key() if checked else frozenset()
        if checked:
            clear_message(self.ui.citizenMessageLabel)

    def _unchecked_difference(self) -> str | None:
        serious = self._serious_key()
        if serious and self._checked_differences != serious:
            return self.tr(
                "The population register gives another name, date of birth or sex (see \"Population register\"). "
                "Check the card with the citizen: correct the details, or tick \"I have checked\" to go on with "
                "them as they are."
            )
        return None

    def use_register_address(self) -> None:
        citizen = self._register_citizen()
        if citizen is not None:
            self.ui.addressEdit.setText(citizen.permanent_address)
            self.ui.addressEdit.setCursorPosition(0)

    def fill_from_register(self) -> None:
        """Fill only the empty fields: what came from the card or was typed stays."""
        citizen = self._register_citizen()
        if citizen is None:
            return
        ui = self.ui
        typed = self._typed()
        if not typed.full_name.strip():
            ui.fullNameEdit.setText(citizen.full_name)
        if typed.date_of_birth is None and not ui.dateOfBirthEdit.text().strip():
            ui.dateOfBirthEdit.setText(format_date(citizen.date_of_birth))
        if typed.sex is None:
            ui.sexCombo.setCurrentIndex(ui.sexCombo.findData(citizen.sex.value))
        if not typed.address.strip():
            ui.addressEdit.setText(citizen.permanent_address)

    def _history_read(self, generation: int, found: list[DossierSummary]) -> None:
        if generation != self._generation:
            return
        self.history = list(found)
        ui = self.ui
        table = ui.previousDossiersTable
        table.setRowCount(len(found))
        for row, summary in enumerate(found):
            cells = (summary.code, summary.procedure_name, format_moment(summary.received_at),
                     status_name(summary.status))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
        table.setVisible(bool(found))
        # As tall as its rows (up to four; more scroll), so the page keeps its room for the register.
        shown = min(len(found), _HISTORY_ROWS_SHOWN)
        table.setFixedHeight(table.horizontalHeader().sizeHint().height()
                             + shown * table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth())
        if found:
            # The count sits in the title: the page has no line to spare beside the table.
            ui.historyGroup.setTitle(self.tr("Previous dossiers at this desk: {count}, newest first").format(
                count=len(found)))
            clear_message(ui.historyMessageLabel)
        else:
            show_message(ui.historyMessageLabel, self.tr("No earlier dossier of this citizen at this desk."), Tone.INFO)

    def _history_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self.ui.previousDossiersTable.setVisible(False)
        show_message(self.ui.historyMessageLabel, self.tr(
            "This desk's earlier dossiers could not be read ({reason}). You can go on.").format(reason=error_text(error)),
            Tone.INFO)
