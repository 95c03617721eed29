"""Setting a desk up on its first start, before anyone signs in: "Set up this desk".

1. Welcome: the interface language, and the central system or a try in demo mode (which
   ends the setup at once and writes nothing: a desk that was only tried is offered the
   setup again at its next start).
2. Central system: the address and the certificate authority pinned for it, tested.
3. Enrolment: the desk id, the site code and the desk key, checked by the central system.
4. Devices: printer, paper, cameras.
5. Summary; Finish keeps the key in the OS keyring and writes the settings (atomically).

Cancel writes nothing. Every page has sensible defaults and Enter moves on (on pages 2 and
3 Enter first tests or checks, then moves on once that held), so a person types the
address, the desk id, the site code and the key, and presses Enter.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.core.timeutil import now_vn
from desk_app.credentials import TokenVault
from desk_app.settings import LANGUAGES, DeskSettings, save_settings

from ..camera.choice import CameraUse
from ..errors import error_text
from ..feedback import Tone, clear_message, show_message
from ..ops import Op
from ..printing import PrinterDirectory
from ..translation import install_translators
from .central_forms import ConnectionForm, EnrolmentForm, Retranslating
from .devices_form import CameraList, DevicesForm, system_cameras

# Each language named in itself: a person who reads only one of them finds it.
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


class KeyringLost(DeskError):
    """The keyring refused the desk key at the last moment (locked meanwhile, say)."""

    TEMPLATE = QT_TRANSLATE_NOOP(
        "DeskError",
        "The password keyring of this computer refused the desk key, so nothing was kept. Unlock the keyring "
        "(or ask the site's IT), then press Finish again.",
    )
    # The settings dialog's button is Save.
    AT_SAVE = QT_TRANSLATE_NOOP(
        "DeskError",
        "The password keyring of this computer refused the desk key, so nothing was kept. Unlock the keyring "
        "(or ask the site's IT), then press Save again.",
    )


def keep_desk_key(desk_id: str, key: str, template: str = KeyringLost.TEMPLATE) -> None:
    """Off the UI thread, through a vault of each attempt's own: a vault the keyring refused
    once keeps to memory from then on, so only a new one tries the keyring again once the
    person unlocked it. A vault that fell back to memory has kept nothing."""
    vault = TokenVault()
    vault.store_desk_key(desk_id, key)
    if not vault.is_persistent:
        raise KeyringLost(template)


def keep_setup(settings_file: Path, settings: DeskSettings, desk_key: str) -> DeskSettings:
    """Off the UI thread: the key to the keyring first, then the settings; when the keyring
    keeps nothing, the settings are not written either."""
    keep_desk_key(settings.desk_id, desk_key)
    save_settings(settings_file, settings)
    return settings


class _Page(Retranslating, QWizardPage):
    """A page of the setup: the language can change while it shows."""


class _FormPage(_Page):
    """A few words over one of the forms the settings dialog shows too."""

    def __init__(self, name: str, form: QWidget) -> None:
        super().__init__()
        self.setObjectName(name)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = form
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form, 1)
        self.retranslate()


class WelcomePage(_Page):
    def __init__(self, settings: DeskSettings) -> None:
        super().__init__()
        self.setObjectName("welcomePage")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        for code in LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES[code], code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language_combo)
        self.central_radio = QRadioButton()
        self.central_radio.setObjectName("centralRadio")
        self.demo_radio = QRadioButton()
        self.demo_radio.setObjectName("demoRadio")
        self.central_radio.setChecked(True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.central_radio)
        self.mode_group.addButton(self.demo_radio)
        self.demo_note = QLabel()
        self.demo_note.setWordWrap(True)
        self.demo_note.setStyleSheet("color: #546e7a;")
        form = QFormLayout()
        form.addRow(self.language_label, self.language_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.central_radio)
        layout.addWidget(self.demo_radio)
        layout.addWidget(self.demo_note)
        layout.addStretch(1)
        # Marking the page final makes the wizard ask nextId again: Finish shows instead of Next.
        self.demo_radio.toggled.connect(self.setFinalPage)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Set up this desk"))
        self.intro.setText(self.tr(
            "This desk takes citizens' dossiers for the province's one-stop system. Setting it up takes a minute: "
            "the address of the central system, the desk id, the site code and the desk key the administrator "
            "issued, then the printer and the cameras."))
        self.language_label.setText(self.tr("Interface &language"))
        self.central_radio.setText(self.tr("&Connect to the province's central system"))
        self.demo_radio.setText(self.tr("Try the desk in &demo mode"))
        self.demo_note.setText(self.tr("Demo mode runs a practice central system on this computer, with made-up "
                                       "citizens; nothing is kept, and the setup is offered again at the next start."))

    @property
    def language(self) -> str:
        return str(self.language_combo.currentData())

    @property
    def demo(self) -> bool:
        return self.demo_radio.isChecked()

    def nextId(self) -> int:
        return -1 if self.demo else super().nextId()


class CentralPage(_FormPage):
    form: ConnectionForm

    def __init__(self, settings: DeskSettings, clock: Callable[[], datetime]) -> None:
        super().__init__("centralPage", ConnectionForm(settings, test_on_enter=True, clock=clock))
        self.form.changed.connect(self.completeChanged)

    def retranslate(self) -> None:
        self.setTitle(self.tr("The central system"))
        self.intro.setText(self.tr("Type the address the administrator gave you and press Enter to test it; "
                                   "Enter again goes on."))

    def initializePage(self) -> None:
        self.form.address_edit.setFocus()
        self.form.address_edit.selectAll()

    def isComplete(self) -> bool:
        return self.form.probe is not None


class EnrolmentPage(_FormPage):
    form: EnrolmentForm

    def __init__(self, settings: DeskSettings, vault: TokenVault, central: ConnectionForm) -> None:
        super().__init__("enrolmentPage",
                         EnrolmentForm(settings, vault, central.asked, key_required=True, check_on_enter=True))
        self.form.changed.connect(self.completeChanged)

    def retranslate(self) -> None:
        self.setTitle(self.tr("This desk"))
        self.intro.setText(self.tr("The administrator enrolled this desk and gave you its id, the site code and "
                                   "a desk key. Type them and press Enter: the central system checks them."))

    def initializePage(self) -> None:
        # The address may have changed since the last check: check again.
        self.form.check = None
        self.form.desk_edit.setFocus()
        self.form.desk_edit.selectAll()

    def isComplete(self) -> bool:
        return self.form.check is not None


class DevicesPage(_FormPage):
    form: DevicesForm

    def __init__(self, settings: DeskSettings, printers: PrinterDirectory | None, cameras: CameraList) -> None:
        super().__init__("devicesPage", DevicesForm(settings, printers=printers, cameras=cameras))

    def retranslate(self) -> None:
        self.setTitle(self.tr("Printer and cameras"))
        self.intro.setText(self.tr("What this computer has is listed; the defaults suit most desks."))

    def initializePage(self) -> None:
        if not self.form.loaded:
            self.form.load()
        self.form.printer_combo.setFocus()


class SummaryPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("summaryPage")
        self.summary = QLabel()
        self.summary.setObjectName("summaryLabel")
        self.summary.setWordWrap(True)
        self.closing = QLabel()
        self.closing.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setObjectName("finishMessage")
        self.message_label.setWordWrap(True)
        clear_message(self.message_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.closing)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Ready"))
        self.closing.setText(self.tr("Press Finish to keep these settings; signing in comes next."))
        wizard = self.wizard()
        if isinstance(wizard, SetupWizard) and self.isVisible():
            self.initializePage()

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        rows = wizard.summary_rows()
        self.summary.setText("<table cellspacing='4'>" + "".join(
            f"<tr><td><b>{html.escape(name)}</b></td><td>{html.escape(value)}</td></tr>" for name, value in rows
        ) + "</table>")


class SetupWizard(Retranslating, QWizard):
    """``chosen`` holds the settings once finished; ``demo`` says demo mode was chosen (then
    nothing was written). ``translators`` is the application's list of installed
    translators: choosing a language swaps them, and the whole wizard speaks it at once."""

    PAGE_WELCOME, PAGE_CENTRAL, PAGE_ENROLMENT, PAGE_DEVICES, PAGE_SUMMARY = range(5)

    def __init__(self, settings: DeskSettings, vault: TokenVault, settings_file: Path, *,
                 translators: list[QTranslator] | None = None, clock: Callable[[], datetime] = now_vn,
                 printers: PrinterDirectory | None = None, cameras: CameraList = system_cameras,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SetupWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.settings = settings
        self.vault = vault
        self.settings_file = settings_file
        self.translators = translators if translators is not None else []
        self.chosen: DeskSettings | None = None
        self.demo = False
        self._keeping: Op | None = None
        self.welcome_page = WelcomePage(settings)
        self.central_page = CentralPage(settings, clock)
        self.enrolment_page = EnrolmentPage(settings, vault, self.central_page.form)
        self.devices_page = DevicesPage(settings, printers, cameras)
        self.summary_page = SummaryPage()
        for page_id, page in ((self.PAGE_WELCOME, self.welcome_page), (self.PAGE_CENTRAL, self.central_page),
                              (self.PAGE_ENROLMENT, self.enrolment_page), (self.PAGE_DEVICES, self.devices_page),
                              (self.PAGE_SUMMARY, self.summary_page)):
            self.setPage(page_id, page)
        self.setStartId(self.PAGE_WELCOME)
        self.welcome_page.language_combo.currentIndexChanged.connect(lambda _i: self.use_language(
            self.welcome_page.language))
        self.retranslate()
        self.resize(740, 480)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up this desk"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel (Esc)"))

    def use_language(self, language: str) -> None:
        """Speak ``language`` from now on: the application's translators are swapped (nothing is
        written until Finish)."""
        for translator in self.translators:
            QCoreApplication.removeTranslator(translator)
        # Installing or removing a translator tells every window, which then says its texts again.
        self.translators[:] = install_translators(language)

    # ------------------------------------------------------------------ what was chosen

    def new_settings(self) -> DeskSettings:
        language = self.welcome_page.language
        if self.welcome_page.demo:
            return replace(self.settings, server_url=None, language=language)
        central = self.central_page.form
        enrolment = self.enrolment_page.form
        check = enrolment.check
        return replace(
            self.settings,
            language=language,
            server_url=central.probe.url if central.probe is not None else central.address(),
            pinned_authority=central.authority(),
            desk_id=enrolment.desk_id(),
            site_code=check.site_code if check is not None else enrolment.site_code(),
            **self.devices_page.form.values(),  # type: ignore[arg-type]
        )

    def summary_rows(self) -> list[tuple[str, str]]:
        settings = self.new_settings()
        central = self.central_page.form
        check = self.enrolment_page.form.check
        devices = self.devices_page.form
        cameras = [(name, devices.camera_combos[use].currentText()) for name, use in (
            (self.tr("Card camera"), CameraUse.CARD), (self.tr("Page camera"), CameraUse.PAGE),
            (self.tr("Portrait camera"), CameraUse.PORTRAIT))]
        if not devices.cameras:
            cameras = [(self.tr("Cameras"), self.tr("none on this computer for now"))]
        return [
            (self.tr("Central system"), self.tr("{url} (version {version})").format(
                url=settings.server_url or "", version=central.probe.version if central.probe else "?")),
            (self.tr("Certificate authority"), settings.pinned_authority or self.tr("this computer's own")),
            (self.tr("Desk"), settings.desk_id),
            (self.tr("Site"), f"{check.site_name} ({check.site_code})" if check else settings.site_code or ""),
            (self.tr("Desk key"), self.tr("kept in this computer's password keyring")),
            (self.tr("Printer"), devices.printer_combo.currentText()),
            (self.tr("Paper"), devices.paper_combo.currentText()),
            *cameras,
            (self.tr("Language"), LANGUAGE_NAMES[settings.language]),
        ]

    # ------------------------------------------------------------------ finishing

    def accept(self) -> None:
        if self._keeping is not None:
            return
        settings = self.new_settings()
        if self.welcome_page.demo:
            self.chosen, self.demo = settings, True
            super().accept()
            return
        key = self.enrolment_page.form.key()
        clear_message(self.summary_page.message_label)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        path = self.settings_file
        self._keeping = (Op(lambda: keep_setup(path, settings, key), parent=self)
                         .success(self._kept).failure(self._not_kept)
                         .with_progress(self.tr("Keeping the settings…")).run())

    def reject(self) -> None:
        # The key and the settings may still be written: Esc or Cancel waits until they are, or not.
        if self._keeping is not None:
            return
        super().reject()

    def _kept(self, settings: DeskSettings) -> None:
        self._keeping = None
        self.chosen, self.demo = settings, False
        super().accept()

    def _not_kept(self, error: Exception) -> None:
        self._keeping = None
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        show_message(self.summary_page.message_label, error_text(error), Tone.ERROR)
