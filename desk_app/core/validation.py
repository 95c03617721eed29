"""Checks on the values an officer types into a procedure's form.

Every problem names its field and says how to put it right; nothing here refuses to
save a draft, it only tells the wizard which fields still need attention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Mapping, Sequence

from .catalogue import FieldType, FormField
from .messages import QT_TRANSLATE_NOOP

# Vietnamese numbers: 10-digit mobiles (03x, 05x, 07x, 08x, 09x), 10/11-digit landlines
# with a 02x area code; +84 or 84 in place of the leading 0.
_PHONE = re.compile(r"^0(?:[35789][0-9]{8}|2[0-9]{8,9})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field, as a translatable template."""

    key: str
    template: str
    params: dict[str, Any] = field(default_factory=dict)
    context: str = "DeskError"

    def english(self) -> str:
        return self.template.format(**self.params)


def normalise_phone(text: str) -> str:
    digits = _PHONE_SEPARATORS.sub("", text.strip())
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def parse_form_date(text: str) -> date:
    """Form dates are typed dd/mm/yyyy, the way Vietnamese papers print them."""
    return datetime.strptime(text.strip(), "%d/%m/%Y").date()


def validate_field(form_field: FormField, raw: str | None) -> FieldProblem | None:
    value = (raw or "").strip()
    label = form_field.label
    if not value:
        if form_field.required:
            return FieldProblem(form_field.key, QT_TRANSLATE_NOOP("DeskError", "{label}: this field is required."), {"label": label})
        return None
    if form_field.min_length is not None and len(value) < form_field.min_length:
        return FieldProblem(form_field.key, QT_TRANSLATE_NOOP("DeskError", "{label}: at least {n} characters."), {"label": label, "n": form_field.min_length})
    if form_field.max_length is not None and len(value) > form_field.max_length:
        return FieldProblem(form_field.key, QT_TRANSLATE_NOOP("DeskError", "{label}: at most {n} characters."), {"label": label, "n": form_field.max_length})
    kind = form_field.type
    if kind is FieldType.DATE:
        try:
            parse_form_date(value)
        except ValueError:
            return FieldProblem(form_field.key, QT_TRANSLATE_NOOP("DeskError", "{label}: write the date as dd/mm/yyyy, e.g. 05/09/1980."), {"label": label})
    elif kind is FieldType.NUMBER:
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            return FieldProblem(form_field.key, QT_TRANSLATE_NOOP("DeskError", "{label}: enter a number."), {"label": label})
        if form_field.min_value is not None and number < form_field.min_value:
            return FieldProblem(form_field.key, QT_TRANSLATE_NOOP("DeskError", "{label}: must be at least {n}."), {"label": label, "n": form_field.min_value})
        if form_field.max_value is not None and number > form_field.max_value:
            return FieldProblem(form_field.key, QT_TRANSLATE_NOOP("DeskError", "{label}: must be at most {n}."), {"label": label, "n": form_field.max_value})
    elif kind is FieldType.PHONE:
        if not _PHONE.match(normalise_phone(value)):
            return FieldProblem(form_field.key, QT_TRANSLATE_NOOP("DeskError", "{label}: not a Vietnamese phone number (10 digits starting with 0, e.g. 0905 123 456)."), {"label": label})
    elif kind is FieldType.EMAIL:
        if not _EMAIL.match(value):
            return FieldProblem(form_field.key, QT_TRANSLATE_NOOP("DeskError", "{label}: not an e-mail address (name@example.vn)."), {"label": label})
    elif kind is FieldType.CHOICE:
        if value not in {c.value for c in form_field.choices}:
            return FieldProblem(form_field.key, QT_TRANSLATE_NOOP("DeskError", "{label}: choose one of the listed options."), {"label": label})
    if form_field.pattern and not re.fullmatch(form_field.pattern, value):
        return FieldProblem(form_field.key, QT_TRANSLATE_NOOP("DeskError", "{label}: \"{value}\" is not in the expected form."), {"label": label, "value": value})
    return None


def validate_form(fields: Sequence[FormField], values: Mapping[str, str | None]) -> list[FieldProblem]:
    problems = []
    for form_field in fields:
        problem = validate_field(form_field, values.get(form_field.key))
        if problem is not None:
            problems.append(problem)
    return problems
