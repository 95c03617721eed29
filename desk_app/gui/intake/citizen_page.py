"""Page 1: the citizen, from the CCCD card's QR code or typed by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget, QWizardPage

from desk_app.core.identity import CccdError, Sex, check_cccd_number, parse_cccd_qr
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
