"""Installing the desk's translator: Vietnamese by default, English source text as fallback.

Qt ships no Vietnamese catalogue for its own dialogs, so the few Qt strings an officer
meets (standard buttons) are translated in our own catalogue: see ``qt_strings``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from desk_app.paths import RESOURCES_DIR

from . import qt_strings  # noqa: F401 - marks Qt's own button texts for lupdate

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
SOURCE_LANGUAGE = "en"


def catalogue_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"desk_{language}.qm"


def load_desk_translator(language: str) -> QTranslator | None:
    """The compiled catalogue for ``language``; None for English or when it is missing."""
    if language == SOURCE_LANGUAGE:
        return None
    path = catalogue_path(language)
    translator = QTranslator()
    if not translator.load(str(path)):
        log.error("translation catalogue %s could not be loaded; falling back to English", path.name)
        return None
    return translator


def install_translators(language: str) -> list[QTranslator]:
    """Install and return the translators; the caller keeps them alive for the app's life."""
    translator = load_desk_translator(language)
    if translator is None:
        return []
    QCoreApplication.installTranslator(translator)
    return [translator]
