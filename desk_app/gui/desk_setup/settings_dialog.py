"""Tools ▸ Settings… (Ctrl+,): what the first-run setup chose, changed later by a supervisor or
an administrator; an officer's desk has no such action at all.

Changing where the desk connects (the address, its certificate authority, the desk id, the
site code or the desk key) is checked with the central system before anything is kept, as
at the first run. The dialog only says what changed: ``SettingsLauncher.settings_changed``
hands the new settings to the application, which writes them. The audit log records the
names of the settings that changed, never their values.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.credentials import TokenVault
from desk_app.settings import INT_BOUNDS, LANGUAGES, SYNC_INTERVAL_MIN_SECONDS, DeskSettings
from desk_app.store import DeskStore

from ..errors import error_text
from ..feedback import Tone, clear_message, show_message
from ..ops import Op
from ..printing import PrinterDirectory
from ..session import audit_session
from ..supervisor.supervisor_window import may_supervise
from .central_forms import ConnectionForm, EnrolmentForm
from .devices_form import CameraList, DevicesForm, system_cameras
from .setup_wizard import LANGUAGE_NAMES, KeyringLost, keep_desk_key

if TYPE_CHECKING:
    from ..main_window import MainWindow

ADMINISTRATOR_ROLE = "administrator"
# What the running desk was started with and keeps until it starts again: its connection to
# the central system is made once, and its windows are built in one language.
NEEDS_RESTART = ("server_url", "pinned_authority", "desk_id", "language")
# Where the desk connects: any change is checked with the central system before it is kept.
CONNECTION = ("server_url", "pinned_authority", "desk_id", "site_code", "desk_key")
SYNC_INTERVAL_MAX_SECONDS = 3600
AUDIT_ACTION = "settings.changed"


def may_change_settings(role: str) -> bool:
    return may_supervise(role) or role == ADMINISTRATOR_ROLE


def changed_names(old: DeskSettings, new: DeskSettings) -> list[str]:
    return [f.name for f in fields(DeskSettings) if getattr(old, f.name) != getattr(new, f.name)]


def _with_hint(spin: QSpinBox, hint: str) -> QVBoxLayout:
    """A number box no wider than its numbers need, with what it means under it."""
    spin.setMaximumWidth(spin.sizeHint().width() + 40)
    note = QLabel(hint)
    note.setWordWrap(True)
    note.setStyleSheet("color: #546e7a;")
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(spin)
    column.addWidget(note)
    return column


class SettingsDialog(QDialog):
    """``saved(settings, names)``: the new settings and the names of what changed ("desk_key"
    among them when a new key went to the keyring), once the key is kept and the change
    audited."""

    saved = Signal(object, object)

    def __init__(self, settings: DeskSettings, vault: TokenVault, *, store: DeskStore | None, actor: str,
                 printers: PrinterDirectory | None = None, cameras: CameraList = system_cameras,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings of this desk"))
        self.settings = settings
        self.vault = vault
        self._store = store
        self._actor = actor
        self._saving: Op | None = None
        self._save_after_check = False
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        for number, (tab, title) in enumerate((
                (self._connection_tab(settings, vault), self.tr("Connection")),
                (self._devices_tab(settings, printers, cameras), self.tr("Devices")),
                (self._security_tab(), self.tr("Security")),
                (self._sync_tab(settings), self.tr("Sync")),
                (self._language_tab(settings), self.tr("Language"))), start=1):
            self.tabs.addTab(tab, title)
            self.tabs.setTabToolTip(number - 1, f"Ctrl+{number}")
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda index=number - 1: self._show_tab(index))

        self.restart_note = QLabel(self.tr(
            "A new address, certificate authority, desk id or language takes effect when the desk starts again; "
            "the idle lock and the sync interval at the next sign-in; the rest at once. Ctrl+1 … Ctrl+5 go to "
            "the tabs."))
        self.restart_note.setObjectName("restartNote")
        self.restart_note.setWordWrap(True)
        self.restart_note.setStyleSheet("color: #546e7a;")
        self.message_label = QLabel()
        self.message_label.setObjectName("settingsMessage")
        self.message_label.setWordWrap(True)
        clear_message(self.message_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel (Esc)"))
        self.save_button = self.buttons.addButton(self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveSettingsButton")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.restart_note)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        # Only once the button is the dialog's: Enter saves (Qt would pick Cancel, the first made).
        self.save_button.setDefault(True)
        self.resize(760, 560)
        self.connection.address_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ the tabs

    def _connection_tab(self, settings: DeskSettings, vault: TokenVault) -> QWidget:
        self.connection = ConnectionForm(settings)
        self.enrolment = EnrolmentForm(settings, vault, self.connection.asked, key_required=False)
        self.enrolment.checked.connect(self._checked)
        self.enrolment.changed.connect(self._enrolment_changed)
        central_group = QGroupBox(self.tr("The central system"))
        QVBoxLayout(central_group).addWidget(self.connection)
        desk_group = QGroupBox(self.tr("This desk"))
        QVBoxLayout(desk_group).addWidget(self.enrolment)
        tab = QWidget()
        tab.setFocusProxy(self.connection.address_edit)
        layout = QVBoxLayout(tab)
        layout.addWidget(central_group)
        layout.addWidget(desk_group)
        layout.addStretch(1)
        return tab

    def _devices_tab(self, settings: DeskSettings, printers: PrinterDirectory | None, cameras: CameraList) -> QWidget:
        self.devices = DevicesForm(settings, printers=printers, cameras=cameras)
        self.devices.load()
        tab = QWidget()
        tab.setFocusProxy(self.devices.printer_combo)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.devices)
        layout.addStretch(1)
        return tab

    def _security_tab(self) -> QWidget:
        self.idle_spin = self._spin("idle_lock_minutes", self.tr(" minutes"))
        self.offline_spin = self._spin("offline_grace_days", self.tr(" days"))
        self.retention_spin = self._spin("retention_days", self.tr(" days"))
        tab = QWidget()
        tab.setFocusProxy(self.idle_spin)
        form = QFormLayout(tab)
        form.setVerticalSpacing(12)
        for text, spin, note in (
            (self.tr("&Lock the desk after"), self.idle_spin,
             self.tr("without a key press or a mouse movement ({low}–{high})")),
            (self.tr("Sign in &offline for up to"), self.offline_spin,
             self.tr("after an officer's last online sign-in on this desk; 0 turns it off ({low}–{high})")),
            (self.tr("&Keep confirmed dossiers for"), self.retention_spin,
             self.tr("on this desk, once the central system confirmed them ({low}–{high})")),
        ):
            label = QLabel(text)
            label.setBuddy(spin)
            form.addRow(label, _with_hint(spin, note.format(low=spin.minimum(), high=spin.maximum())))
        return tab

    def _sync_tab(self, settings: DeskSettings) -> QWidget:
        self.sync_spin = QSpinBox()
        self.sync_spin.setObjectName("syncIntervalSpin")
        self.sync_spin.setRange(SYNC_INTERVAL_MIN_SECONDS, SYNC_INTERVAL_MAX_SECONDS)
        self.sync_spin.setSuffix(self.tr(" seconds"))
        self.sync_spin.setValue(min(max(settings.sync_interval_seconds, SYNC_INTERVAL_MIN_SECONDS),
                                    SYNC_INTERVAL_MAX_SECONDS))
        tab = QWidget()
        tab.setFocusProxy(self.sync_spin)
        label = QLabel(self.tr("Sync e&very"))
        label.setBuddy(self.sync_spin)
        QFormLayout(tab).addRow(label, _with_hint(self.sync_spin, self.tr(
            "How often the desk sends its dossiers and asks for news when nobody presses Send now (F5).")))
        return tab

    def _language_tab(self, settings: DeskSettings) -> QWidget:
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        for code in LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES[code], code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        tab = QWidget()
        tab.setFocusProxy(self.language_combo)
        label = QLabel(self.tr("Interface &language"))
        label.setBuddy(self.language_combo)
        QFormLayout(tab).addRow(label, self.language_combo)
        return tab

    def _spin(self, name: str, suffix: str) -> QSpinBox:
        low, high = INT_BOUNDS[name]
        spin = QSpinBox()
        spin.setObjectName(f"{name}Spin")
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setValue(getattr(self.settings, name))
        return spin

    def _show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        # Each tab's focus proxy is its first field: Ctrl+N puts the cursor there, whatever had it before.
        self.tabs.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ------------------------------------------------------------------ what is chosen

    def new_settings(self) -> DeskSettings:
        return replace(
            self.settings,
            server_url=self.connection.address() or None,
            pinned_authority=self.connection.authority(),
            desk_id=self.enrolment.desk_id(),
            site_code=self.enrolment.site_code() if self.enrolment.site_edit.text().strip() else None,
            idle_lock_minutes=self.idle_spin.value(),
            offline_grace_days=self.offline_spin.value(),
            retention_days=self.retention_spin.value(),
            sync_interval_seconds=self.sync_spin.value(),
            language=str(self.language_combo.currentData()),
            **self.devices.values(),  # type: ignore[arg-type]
        )

    def changes(self) -> list[str]:
        names = changed_names(self.settings, self.new_settings())
        if self.enrolment.key():
            names.append("desk_key")
        return names

    # ------------------------------------------------------------------ saving

    def save(self) -> Op | None:
        if self._saving is not None or self.connection.busy or self.enrolment.busy:
            return None
        names = self.changes()
        if not names:
            self.accept()
            return None
        if "server_url" in names and not self.connection.address():
            # No address is demo mode, which is chosen at the first run, not here.
            show_message(self.message_label, self.tr("Type the address of the central system."), Tone.ERROR)
            self.tabs.setCurrentIndex(0)
            self.connection.address_edit.setFocus()
            return None
        typed_site = self.enrolment.site_edit.text().strip()
        connection_changed = any(name in CONNECTION for name in names) or bool(typed_site and not self.enrolment.site_code())
        if connection_changed and not self.enrolment.holds():
            # Checked first, as at the first run; saving goes on once the check holds.
            self.tabs.setCurrentIndex(0)
            self._save_after_check = True
            op = self.enrolment.check_desk()
            if op is None:
                self._save_after_check = False
                show_message(self.message_label, self.tr(
                    "The desk could not be checked with the central system, so nothing was saved: see above."),
                    Tone.ERROR)
            else:
                show_message(self.message_label, self.tr("Checking the desk before saving…"), Tone.INFO)
            return op
        return self._keep(names)

    def _checked(self, _check: object) -> None:
        if self._save_after_check:
            self._save_after_check = False
            self.save()

    def _enrolment_changed(self) -> None:
        if self._save_after_check and not self.enrolment.busy and self.enrolment.check is None:
            # The check failed (the form says why): nothing is saved.
            self._save_after_check = False
            show_message(self.message_label, self.tr(
                "The desk could not be checked with the central system, so nothing was saved: see above."), Tone.ERROR)

    def _keep(self, names: list[str]) -> Op:
        settings = self.new_settings()
        key, store, actor = self.enrolment.key(), self._store, self._actor

        def work() -> None:
            if key:
                keep_desk_key(settings.desk_id, key, KeyringLost.AT_SAVE)
            audit_session(store, actor, AUDIT_ACTION, {"changed": sorted(names)})

        self.save_button.setEnabled(False)
        show_message(self.message_label, self.tr("Saving…"), Tone.INFO)
        self._saving = (Op(work, parent=self)
                        .success(lambda _none: self._kept(settings, names))
                        .failure(self._not_kept).run())
        return self._saving

    def reject(self) -> None:
        # The key may still go to the keyring and the change to the audit log: Esc or Cancel
        # waits for that, so that what was kept is also handed over to be written.
        if self._saving is not None:
            return
        super().reject()

    def _kept(self, settings: DeskSettings, names: list[str]) -> None:
        self._saving = None
        self.saved.emit(settings, names)
        self.accept()

    def _not_kept(self, error: Exception) -> None:
        self._saving = None
        self.save_button.setEnabled(True)
        show_message(self.message_label, error_text(error), Tone.ERROR)


class SettingsLauncher(QObject):
    """The Tools ▸ Settings… action of a main window; ``settings_changed`` carries the new
    settings to the application, which keeps them."""

    settings_changed = Signal(object)   # DeskSettings
    opened = Signal(object)             # the SettingsDialog

    def __init__(self, window: MainWindow, *, printers: PrinterDirectory | None = None,
                 cameras: CameraList = system_cameras) -> None:
        super().__init__(window)
        self.setObjectName("settingsLauncher")
        self.window = window
        self._printers = printers
        self._cameras = cameras
        self.dialog: SettingsDialog | None = None
        self.restart_notice: QMessageBox | None = None
        self.action = QAction(self.tr("&Settings…"), window)
        self.action.setObjectName("actionSettings")
        self.action.setShortcut(QKeySequence("Ctrl+,"))
        self.action.triggered.connect(lambda: self.open())
        window.add_tool(self.action)

    def open(self) -> SettingsDialog:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        window = self.window
        # What the file has, not what the running desk keeps until its restart: saving again
        # must not write the address, the desk id or the language it started with back.
        settings = window.services.saved_settings or window.services.settings
        dialog = SettingsDialog(settings, window.services.vault, store=window.services.store,
                                actor=window.session.username, printers=self._printers, cameras=self._cameras,
                                parent=window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        self.opened.emit(dialog)
        return dialog

    def _saved(self, settings: DeskSettings, names: list[str]) -> None:
        cameras = self.window.cameras
        # The cameras and the paper serve the very next intake; the rest waits as NEEDS_RESTART says.
        cameras.card_camera_id = settings.card_camera_id
        cameras.page_camera_id = settings.page_camera_id
        cameras.portrait_camera_id = settings.portrait_camera_id
        self.settings_changed.emit(settings)
        later = [name for name in NEEDS_RESTART if name in names]
        if later:
            what = {"server_url": self.tr("the central system's address"),
                    "pinned_authority": self.tr("its certificate authority"),
                    "desk_id": self.tr("the desk id"), "language": self.tr("the language")}
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Settings saved"), self.tr(
                "The settings are saved. Close the desk and start it again for {what} to take effect.").format(
                what=", ".join(what[name] for name in later)), QMessageBox.StandardButton.Ok, self.window)
            box.setObjectName("restartNotice")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.restart_notice = box


def install_settings_dialog(window: MainWindow) -> SettingsLauncher | None:
    """Tools ▸ Settings… for a supervisor or an administrator; for anyone else, nothing."""
    if not may_change_settings(window.session.user.role):
        return None
    return SettingsLauncher(window)


def settings_launcher(window: QObject) -> SettingsLauncher | None:
    """The window's launcher, when its officer may change the settings."""
    return window.findChild(SettingsLauncher, "settingsLauncher")
