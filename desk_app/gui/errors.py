"""Telling the officer what went wrong, in their language, without a traceback.

Non-Qt packages raise ``DeskError`` with an English template marked for lupdate in the
"DeskError" context; here the template is translated first and filled in afterwards,
so the Vietnamese sentence may put the parameters in its own order.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desk_app.core.messages import DeskError

log = logging.getLogger(__name__)

class Translatable(Protocol):
    """A message made of a translatable template: DeskError and validation's FieldProblem."""

    context: str
    template: str
    params: dict[str, Any]


def _translated_param(context: str, value: Any) -> Any:
    # Some parameters are themselves marked words ("date of birth"); other text passes
    # through untouched because the translator has no entry for it.
    if isinstance(value, str) and value:
        return QCoreApplication.translate(context, value)
    return value


def message_text(message: Translatable) -> str:
    """``translate(context, template).format(**params)``, falling back to English."""
    params = {k: _translated_param(message.context, v) for k, v in message.params.items()}
    template = QCoreApplication.translate(message.context, message.template)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        # A translation that names a placeholder wrongly must not hide the message.
        log.error("translation of %r does not fit its parameters", message.template)
        return message.template.format(**message.params)


@dataclass(frozen=True)
class _StoredMessage:
    context: str
    template: str
    params: dict[str, Any]


def stored_message_text(message: object, fallback: str) -> str:
    """A message kept as a plain ``{"context", "template", "params"}`` dict (the store's and
    the health reports' form), in the reader's language; ``fallback`` (the English note)
    when no translatable form was kept."""
    if isinstance(message, Mapping) and isinstance(message.get("template"), str):
        return message_text(_StoredMessage(str(message.get("context") or "DeskError"), message["template"],
                                           dict(message.get("params") or {})))
    return fallback


def error_text(error: BaseException) -> str:
    """What to show a person for any exception; the details of unexpected ones go to the log."""
    if isinstance(error, DeskError):
        return message_text(error)
    return QCoreApplication.translate(
        "ErrorDisplay",
        "Something unexpected went wrong ({kind}). Nothing shown as saved was lost. "
        "Try again; if it happens again, tell your administrator and mention the time.",
    ).format(kind=type(error).__name__)


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> QMessageBox:
    """A window-modal message box that does not block the event loop (``open``, not ``exec``)."""
    if not isinstance(error, DeskError):
        log.error("unexpected error shown to the officer", exc_info=error)
    box = QMessageBox(parent)
    box.setObjectName("errorMessageBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("ErrorDisplay", "Cannot continue"))
    box.setText(error_text(error))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
