"""Errors that a person reads, without tying the core to Qt.

The core cannot call Qt's tr(), so an error carries its English source text as a
template plus parameters; the GUI translates the template through Qt Linguist and then
fills it in. Templates are wrapped in ``QT_TRANSLATE_NOOP`` where they are written so that
``pyside6-lupdate`` finds them in this pure-Python code.
"""

from __future__ import annotations

from typing import Any

MESSAGE_CONTEXT = "DeskError"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - lupdate matches this name
    return text


class DeskError(Exception):
    """An error worth showing to the officer: what happened, and what to do next."""

    context = MESSAGE_CONTEXT

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(self.english())

    def english(self) -> str:
        try:
            return self.template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template

    @property
    def code(self) -> str:
        """A stable machine name for tests and logs: the class and the template's start."""
        return type(self).__name__
