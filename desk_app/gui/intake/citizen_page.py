"""Page 1: the citizen, from the CCCD card's QR code or typed by hand.

The card is read here from the QR field, or from a scan made anywhere in the desk
(``gui.scanner_input``), which the wizard hands over through ``take_scan``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget, QWizardPage

from desk_app.core.identity import CccdError, CitizenIdentity, Sex, check_cccd_number, parse_cccd_qr
from desk_app.core.text import normalise_spaces
from desk_app.core.validation import parse_form_date

from ..errors import error_text
from ..feedback import Tone, clear_message, show_message
from ..forms.ui_citizen_page import Ui_CitizenPage
from .draft import CitizenDetails, IntakeDraft

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CitizenPage(QWizardPage):
    def __init__(self, draft: IntakeDraft, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self._clock = clock
        self.ui = Ui_CitizenPage()
        self.ui.setupUi(self)
        self.ui.sexCombo.addItem(self.tr("(choose)"), None)
        self.ui.sexCombo.addItem(self.tr("Male (Nam)"), Sex.MALE.value)
        self.ui.sexCombo.addItem(self.tr("Female (Nữ)"), Sex.FEMALE.value)
        clear_message(self.ui.qrMessageLabel)
        clear_message(self.ui.citizenMessageLabel)
        self.ui.readQrButton.clicked.connect(self.read_qr)
        # A USB scanner "types" the QR text and presses Enter; Enter here must read the
        # card, not press the wizard's default Next button.
        self.ui.qrEdit.installEventFilter(self)
        for edit in (self.ui.fullNameEdit, self.ui.cccdEdit, self.ui.dateOfBirthEdit, self.ui.addressEdit):
            edit.textChanged.connect(self.completeChanged)
        self.ui.sexCombo.currentIndexChanged.connect(self.completeChanged)
        self.replace_box: QMessageBox | None = None

    def initializePage(self) -> None:
        self.ui.qrEdit.setFocus()

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
        self.ui.fullNameEdit.setText(identity.full_name)
        self.ui.cccdEdit.setText(identity.cccd)
        self.ui.cmndEdit.setText(identity.cmnd or "")
        self.ui.dateOfBirthEdit.setText(identity.date_of_birth.strftime("%d/%m/%Y"))
        self.ui.sexCombo.setCurrentIndex(self.ui.sexCombo.findData(identity.sex.value))
        self.ui.addressEdit.setText(identity.address)
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
        return True

    # ------------------------------------------------------------------ a card scanned anywhere

    def take_scan(self, text: str) -> None:
        """Fill the citizen from a card's raw QR text and show this step.

        When another citizen is already filled in, the officer is asked first: a card
        scanned at the counter may be the next citizen's, not a correction.
        """
        if self.replace_box is not None:
            self.replace_box.close()  # the newest scan is the one to ask about
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
        problem = self._problem()
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
