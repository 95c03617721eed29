"""The printer, the paper and the three cameras a desk works with, chosen once.

A counter PC may have no printer (forms are then saved as PDF from the print dialog) and no
camera (pages are then scanned, cards typed): each list always holds a choice that means
"the system's default, whatever it is then", so such a machine is set up the same way. A
printer or camera chosen earlier and unplugged now stays in its list, marked, rather than
being silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from desk_app.documents.page_formats import PaperFormat
from desk_app.settings import DeskSettings

from ..camera.choice import CameraUse
from ..camera.feed import camera_id_of
from ..printing import PrinterDirectory, SystemPrinters

CameraList = Callable[[], list[tuple[str, str]]]
"""(camera id, description) of each camera, the system's default first."""


def system_cameras() -> list[tuple[str, str]]:
    default = QMediaDevices.defaultVideoInput()
    default_id = None if default.isNull() else camera_id_of(default)
    found = [(camera_id_of(device), device.description()) for device in QMediaDevices.videoInputs()]
    found.sort(key=lambda item: item[0] != default_id)
    return found


DEVICE_SETTINGS = ("printer_name", "paper_format", "card_camera_id", "page_camera_id", "portrait_camera_id")


class DevicesForm(QWidget):
    """The devices' lists are read when ``load`` is called (the wizard's page shows), not at
    construction: asking the spooler and the cameras takes a moment on some machines."""

    def __init__(self, settings: DeskSettings, *, printers: PrinterDirectory | None = None,
                 cameras: CameraList = system_cameras, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("devicesForm")
        self._settings = settings
        self._printers = printers or SystemPrinters()
        self._list_cameras = cameras
        self._printer_names: list[str] = []
        self._default_printer = ""
        self._cameras: list[tuple[str, str]] = []
        self.loaded = False
        self.printer_combo = QComboBox()
        self.printer_combo.setObjectName("printerCombo")
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("paperCombo")
        self.camera_combos = {use: QComboBox() for use in CameraUse}
        for use, combo in self.camera_combos.items():
            combo.setObjectName(f"{use.value}CameraCombo")
        self.labels = {name: QLabel() for name in ("printer", "paper", *(use.value for use in CameraUse))}
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #546e7a;")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for name, field in (("printer", self.printer_combo), ("paper", self.paper_combo),
                            *((use.value, self.camera_combos[use]) for use in CameraUse)):
            self.labels[name].setBuddy(field)
            form.addRow(self.labels[name], field)
        form.addRow(self.note)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.labels["printer"].setText(self.tr("&Printer"))
        self.labels["paper"].setText(self.tr("Pape&r"))
        self.labels[CameraUse.CARD.value].setText(self.tr("Camera for the &card"))
        self.labels[CameraUse.PAGE.value].setText(self.tr("Camera for the pa&ges"))
        self.labels[CameraUse.PORTRAIT.value].setText(self.tr("Camera for the p&ortrait"))
        self.note.setText(self.tr("The print dialog and the camera windows still offer every printer and camera; "
                                  "what is chosen here comes first."))
        if self.loaded:
            self._fill(self.values())
        else:
            self._fill_paper(self._settings.paper_format)

    def load(self) -> None:
        """Read the printers and cameras this computer has now, and show the desk's choices."""
        chosen = self.values() if self.loaded else {name: getattr(self._settings, name) for name in DEVICE_SETTINGS}
        self._printer_names = self._printers.names()
        self._default_printer = self._printers.default_name()
        self._cameras = self._list_cameras()
        self.loaded = True
        self._fill(chosen)

    @property
    def cameras(self) -> list[tuple[str, str]]:
        """The cameras found by the last ``load``."""
        return list(self._cameras)

    def values(self) -> dict[str, str | None]:
        """The settings this form holds, by name (the settings' own fields)."""
        if not self.loaded:
            return {name: getattr(self._settings, name) for name in DEVICE_SETTINGS}
        found: dict[str, str | None] = {
            "printer_name": self.printer_combo.currentData(),
            "paper_format": self.paper_combo.currentData() or PaperFormat.A4.value,
        }
        for use, combo in self.camera_combos.items():
            found[f"{use.value}_camera_id"] = combo.currentData()
        return found

    # ------------------------------------------------------------------ the lists

    def _fill(self, chosen: dict[str, str | None]) -> None:
        self._fill_printers(chosen["printer_name"])
        self._fill_paper(chosen["paper_format"] or PaperFormat.A4.value)
        for use, combo in self.camera_combos.items():
            self._fill_camera(use, combo, chosen[f"{use.value}_camera_id"])

    def _fill_printers(self, chosen: str | None) -> None:
        combo = self.printer_combo
        combo.clear()
        if self._default_printer:
            combo.addItem(self.tr("The system's default printer ({name})").format(name=self._default_printer), None)
        elif self._printer_names:
            combo.addItem(self.tr("The system's default printer"), None)
        else:
            combo.addItem(self.tr("No printer on this computer (forms can be saved as PDF)"), None)
        for name in self._printer_names:
            combo.addItem(name, name)
        if chosen and chosen not in self._printer_names:
            combo.addItem(self.tr("{name} (not connected now)").format(name=chosen), chosen)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)

    def _fill_paper(self, chosen: str) -> None:
        combo = self.paper_combo
        combo.clear()
        combo.addItem(self.tr("A4"), PaperFormat.A4.value)
        combo.addItem(self.tr("A5"), PaperFormat.A5.value)
        combo.addItem(self.tr("80 mm receipt roll"), PaperFormat.ROLL_80.value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def _fill_camera(self, use: CameraUse, combo: QComboBox, chosen: str | None) -> None:
        combo.clear()
        if use is CameraUse.PORTRAIT:
            combo.addItem(self.tr("The same as the card's"), None)
        elif self._cameras:
            combo.addItem(self.tr("The system's default camera ({name})").format(name=self._cameras[0][1]), None)
        else:
            combo.addItem(self.tr("No camera on this computer (the desk uses one plugged in later)"), None)
        for camera_id, description in self._cameras:
            combo.addItem(description, camera_id)
        if chosen and chosen not in {camera_id for camera_id, _ in self._cameras}:
            combo.addItem(self.tr("{name} (not connected now)").format(name=chosen), chosen)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
