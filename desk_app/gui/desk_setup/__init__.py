"""Setting the desk up: the first-run wizard, and the settings dialog for later changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QDialog

from desk_app.credentials import TokenVault
from desk_app.settings import DeskSettings

from .settings_dialog import NEEDS_RESTART, SettingsDialog, SettingsLauncher, install_settings_dialog, settings_launcher
from .setup_wizard import SetupWizard

__all__ = ["NEEDS_RESTART", "SettingsDialog", "SettingsLauncher", "SetupWizard", "install_settings_dialog",
           "run_setup", "settings_launcher"]


def run_setup(settings: DeskSettings, vault: TokenVault, settings_file: Path,
              translators: list[QTranslator]) -> tuple[DeskSettings, bool] | None:
    """Show the setup wizard until it is finished or cancelled: (the settings to start with,
    whether demo mode was chosen), or None when cancelled (nothing was written)."""
    wizard = SetupWizard(settings, vault, settings_file, translators=translators)
    try:
        if wizard.exec() != QDialog.DialogCode.Accepted or wizard.chosen is None:
            return None
        return wizard.chosen, wizard.demo
    finally:
        wizard.deleteLater()
