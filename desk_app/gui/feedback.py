"""Inline messages under a field or on a page: one look for errors, notes and successes."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QLabel

_STYLES = {
    "error": "color: #b71c1c;",
    "ok": "color: #1b5e20;",
    "info": "color: #37474f;",
}


class Tone(str, Enum):
    ERROR = "error"
    OK = "ok"
    INFO = "info"


def show_message(label: QLabel, text: str, tone: Tone = Tone.ERROR) -> None:
    """Show ``text`` in ``label`` (hidden when empty); the tone is kept as a property for tests."""
    label.setStyleSheet(_STYLES[tone.value])
    label.setText(text)
    label.setProperty("tone", tone.value)
    label.setVisible(bool(text))


def clear_message(label: QLabel) -> None:
    show_message(label, "", Tone.INFO)
