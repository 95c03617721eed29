"""Checks on the values an officer types into a procedure's form.

Every problem names its field and says how to put it right; nothing here refuses to
save a draft, it only tells the wizard which fields still need attention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Mapping, Sequence

from .catalogue import FieldType, FormField, Province
from .form_values import Address, find_province, find_ward, group_count, unflatten_address, unflatten_group
from .messages import QT_TRANSLATE_NOOP

# Vietnamese numbers: 10-digit mobiles (03x, 05x, 07x, 08x, 09x), 10/11-digit landlines
# with a 02x area code; +84 or 84 in place of the leading 0.
_PHONE = re.compile(r"^0(?:[35789][0-9]{8}|2[0-9]{8,9})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
# The house number and street of an address field without a max_length of its own.
STREET_MAX_LENGTH = 200

# A problem in one entry of a group field: the entry's number, then the sub-field's problem.
ENTRY_TEMPLATE = QT_TRANSLATE_NOOP("DeskError", "Entry {n}: {problem}")


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field, as a translatable template."""

    key: str
    template: str
    params: dict[str, Any] = field(default_factory=dict)
    context: str = "DeskError"
    # For a sub-field of a group: which entry (from 1); the text then reads "Entry 2: …".
    entry: int | None = None

    def english(self) -> str:
        text = self.template.format(**self.params)
        return text if self.entry is None else ENTRY_TEMPLATE.format(n=self.entry, problem=text)


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
    """The first problem of one field given as one string.

    An address or a group is more than one string: given alone, the string is taken as
    the field's only value (an address line without picked places, a group without
    entries); ``validate_values`` reads their parts from the flat form values."""
    if form_field.type in (FieldType.ADDRESS, FieldType.GROUP):
        problems = validate_values(form_field, {form_field.key: raw or ""})
        return problems[0] if problems else None
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


def validate_address(form_field: FormField, address: Address, places: Sequence[Province] = ()) -> FieldProblem | None:
    """The first problem of an address. Province and ward are needed when the field is
    required; whether the ward lies in the province is checked when the places are known
    (the centre checks without them when its caller passes none)."""
    key, label = form_field.key, form_field.label
    street = address.street.strip()
    if address.empty:
        if form_field.required:
            return FieldProblem(key, QT_TRANSLATE_NOOP("DeskError", "{label}: this field is required."), {"label": label})
        return None
    if not address.province and (form_field.required or address.ward):
        return FieldProblem(f"{key}.province", QT_TRANSLATE_NOOP("DeskError", "{label}: choose the province or city."), {"label": label})
    province = find_province(places, address.province)
    if places and address.province and province is None:
        return FieldProblem(f"{key}.province", QT_TRANSLATE_NOOP("DeskError", "{label}: the province is not in the catalogue's list; choose it again."), {"label": label})
    if not address.ward and form_field.required:
        return FieldProblem(f"{key}.ward", QT_TRANSLATE_NOOP("DeskError", "{label}: choose the ward or commune."), {"label": label})
    if province is not None and address.ward and find_ward(province, address.ward) is None:
        ward = next((w.name for p in places for w in p.wards if w.code == address.ward), address.ward)
        return FieldProblem(f"{key}.ward", QT_TRANSLATE_NOOP("DeskError", "{label}: {ward} is not in {province}; choose the ward again."),
                            {"label": label, "ward": ward, "province": province.name})
    limit = form_field.max_length or STREET_MAX_LENGTH
    if len(street) > limit:
        return FieldProblem(f"{key}.street", QT_TRANSLATE_NOOP("DeskError", "{label}: the house number and street may have at most {n} characters."),
                            {"label": label, "n": limit})
    return None


def validate_group(form_field: FormField, values: Mapping[str, str | None], places: Sequence[Province] = ()) -> list[FieldProblem]:
    """How many entries, then every entry's sub-fields by their own rules, each problem
    naming its entry and keyed ``group.i.sub``."""
    key, label = form_field.key, form_field.label
    entries = unflatten_group(key, values)
    claimed = group_count(key, values)
    least = max(form_field.min_items, 1 if form_field.required else 0)
    problems = []
    if claimed < least:
        problems.append(FieldProblem(key, QT_TRANSLATE_NOOP("DeskError", "{label}: add at least {n} entry(ies)."), {"label": label, "n": least}))
    elif claimed > form_field.max_items:
        problems.append(FieldProblem(key, QT_TRANSLATE_NOOP("DeskError", "{label}: at most {n} entry(ies); remove the extra ones."),
                                     {"label": label, "n": form_field.max_items}))
    for number, entry in enumerate(entries, 1):
        for sub_field in form_field.fields:
            for problem in validate_values(sub_field, entry, places):
                problems.append(FieldProblem(f"{key}.{number}.{problem.key}", problem.template, problem.params, problem.context, number))
    return problems


def validate_values(form_field: FormField, values: Mapping[str, str | None], places: Sequence[Province] = ()) -> list[FieldProblem]:
    """The problems of one field, read from the flat form values (form_values module)."""
    if form_field.type is FieldType.ADDRESS:
        address = unflatten_address(form_field.key, values)
        line = (values.get(form_field.key) or "").strip()
        if address.empty and line:
            # A line without its parts (typed elsewhere, or from an older form): all street.
            address = Address(street=line)
        problem = validate_address(form_field, address, places)
    elif form_field.type is FieldType.GROUP:
        return validate_group(form_field, values, places)
    else:
        problem = validate_field(form_field, values.get(form_field.key))
    return [] if problem is None else [problem]


def validate_form(fields: Sequence[FormField], values: Mapping[str, str | None],
                  places: Sequence[Province] = ()) -> list[FieldProblem]:
    """Every problem of the form, in field order. ``places`` are the catalogue's, for
    checking that an address's ward lies in its province."""
    problems = []
    for form_field in fields:
        problems.extend(validate_values(form_field, values, places))
    return problems
