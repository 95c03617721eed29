"""Form templates: the fixed wording of an official form, kept as data.

A circular that changes a form's wording then means a new template file, not new code.
Each form declares the keys it needs and the placeholders each text may use, and a
template is checked against that when loaded, so a mistyped placeholder is caught at
start-up rather than on a citizen's receipt.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desk_app.core.messages import QT_TRANSLATE_NOOP, DeskError
from desk_app.documents.resources import TEMPLATES_DIR


class TemplateError(DeskError):
    """A form template file is missing, unreadable or does not fit its form."""


_UNREADABLE = QT_TRANSLATE_NOOP(
    "DeskError",
    "The form template {name} cannot be read ({reason}). "
    "Reinstall the desk application or ask the administrator for the current template.",
)
_INCOMPLETE = QT_TRANSLATE_NOOP(
    "DeskError",
    "The form template {name} does not fit this version of the desk ({reason}). "
    "Ask the administrator for the template that matches this version.",
)


@dataclass(frozen=True)
class FormTemplate:
    """The loaded, checked texts of one form."""

    name: str
    texts: Mapping[str, Any]

    def text(self, key: str, **values: Any) -> str:
        return str(self.texts[key]).format(**values)

    def raw(self, key: str) -> Any:
        return self.texts[key]


# A spec maps each key to the placeholders its text may use, or to a list length for
# keys that hold a list of texts.
TemplateSpec = Mapping[str, frozenset[str] | int]


def _placeholders(text: str) -> set[str]:
    names = set()
    for _literal, field, _spec, _conv in string.Formatter().parse(text):
        if field is not None:
            names.add(field)
    return names


def check_template(name: str, texts: Any, spec: TemplateSpec) -> FormTemplate:
    if not isinstance(texts, dict):
        raise TemplateError(_INCOMPLETE, name=name, reason="not a JSON object")
    missing = sorted(key for key in spec if key not in texts)
    if missing:
        raise TemplateError(_INCOMPLETE, name=name, reason="missing: " + ", ".join(missing))
    for key, rule in spec.items():
        value = texts[key]
        if isinstance(rule, int):
            if (
                not isinstance(value, list)
                or len(value) != rule
                or not all(isinstance(item, str) for item in value)
            ):
                raise TemplateError(
                    _INCOMPLETE, name=name, reason=f"{key} must list {rule} texts"
                )
            continue
        if not isinstance(value, str):
            raise TemplateError(_INCOMPLETE, name=name, reason=f"{key} must be a text")
        try:
            unknown = _placeholders(value) - rule
        except ValueError as exc:
            raise TemplateError(_INCOMPLETE, name=name, reason=f"{key}: {exc}") from exc
        if unknown:
            raise TemplateError(
                _INCOMPLETE,
                name=name,
                reason=f"{key} uses unknown placeholders " + ", ".join(sorted(unknown)),
            )
    return FormTemplate(name=name, texts=dict(texts))


def load_template(path: Path, spec: TemplateSpec) -> FormTemplate:
    """Read a template file (UTF-8 JSON) and check it against its form's spec."""
    name = path.name
    try:
        texts = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TemplateError(_UNREADABLE, name=name, reason=type(exc).__name__) from exc
    return check_template(name, texts, spec)


def template_path(filename: str) -> Path:
    return TEMPLATES_DIR / filename
