"""Form values as they travel: one flat ``dict[str, str]`` whatever the field type.

A dossier's form values go over the wire, into the store and into drafts as strings by
key. Address and group fields have parts, so the parts are spelled into the keys:

- ADDRESS field ``k``: ``k`` holds the printable line ("12 Trần Phú, Phường Nha Trang,
  Tỉnh Khánh Hòa"), ``k.street`` the house and street as typed, ``k.ward`` and
  ``k.province`` the codes of the catalogue's places;
- GROUP field ``k``: ``k.count`` entries; sub-field ``s`` of entry i (from 1) is at
  ``k.i.s`` (an address sub-field adds ``k.i.s.street`` and the others).

Catalogue field keys never hold a dot, so these keys cannot meet another field's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .catalogue import FieldType, FormField, Province, Ward
from .text import fold, normalise_spaces

STREET, WARD, PROVINCE, COUNT = "street", "ward", "province", "count"
# The catalogue's ceiling for a group's max_items; a count from the wire above it is
# read as this many entries (validation still says there are too many).
MAX_GROUP_ENTRIES = 50


@dataclass(frozen=True)
class Address:
    """An address as the form holds it: what the officer typed, and two picked places."""

    street: str = ""
    ward: str = ""       # ward code from the catalogue's places
    province: str = ""   # province code from the catalogue's places

    @property
    def empty(self) -> bool:
        return not (self.street.strip() or self.ward or self.province)


def find_province(places: Sequence[Province], code: str) -> Province | None:
    return next((p for p in places if p.code == code), None) if code else None


def find_ward(province: Province | None, code: str) -> Ward | None:
    if province is None or not code:
        return None
    return next((w for w in province.wards if w.code == code), None)


def address_line(address: Address, places: Sequence[Province]) -> str:
    """The line printed on forms: "street, ward, province", leaving out what is not known."""
    province = find_province(places, address.province)
    ward = find_ward(province, address.ward)
    parts = (address.street.strip(), ward.name if ward else "", province.name if province else "")
    return ", ".join(part for part in parts if part)


def flatten_address(key: str, address: Address, places: Sequence[Province]) -> dict[str, str]:
    return {
        key: address_line(address, places),
        f"{key}.{STREET}": address.street,
        f"{key}.{WARD}": address.ward,
        f"{key}.{PROVINCE}": address.province,
    }


def unflatten_address(key: str, values: Mapping[str, str | None]) -> Address:
    return Address(
        street=values.get(f"{key}.{STREET}") or "",
        ward=values.get(f"{key}.{WARD}") or "",
        province=values.get(f"{key}.{PROVINCE}") or "",
    )


def flatten_group(key: str, entries: Sequence[Mapping[str, str]]) -> dict[str, str]:
    """Entries of sub-field values (keyed as the sub-fields are) under the group's key."""
    flat = {f"{key}.{COUNT}": str(len(entries))}
    for number, entry in enumerate(entries, 1):
        for sub_key, value in entry.items():
            flat[f"{key}.{number}.{sub_key}"] = value
    return flat


def unflatten_group(key: str, values: Mapping[str, str | None]) -> list[dict[str, str]]:
    """The group's entries in order. ``k.count`` says how many; without a readable count,
    the highest entry number present does (a value left empty may be missing altogether:
    dossiers drop empty values)."""
    entry_key = re.compile(re.escape(key) + r"\.([1-9][0-9]{0,5})\.(.+)", re.DOTALL)
    found: dict[int, dict[str, str]] = {}
    for flat_key, value in values.items():
        match = entry_key.fullmatch(flat_key)
        if match:
            found.setdefault(int(match.group(1)), {})[match.group(2)] = value or ""
    declared = (values.get(f"{key}.{COUNT}") or "").strip()
    count = int(declared) if declared.isascii() and declared.isdigit() else max(found, default=0)
    return [found.get(number, {}) for number in range(1, min(count, MAX_GROUP_ENTRIES) + 1)]


def group_count(key: str, values: Mapping[str, str | None]) -> int:
    """How many entries the values claim, uncapped (for the "too many" check)."""
    declared = (values.get(f"{key}.{COUNT}") or "").strip()
    if declared.isascii() and declared.isdigit():
        return int(declared)
    return len(unflatten_group(key, values))


def field_values(form_field: FormField, values: Mapping[str, str]) -> dict[str, str]:
    """The flat values that belong to one field: its key and every ``key.…`` below it."""
    prefix = form_field.key + "."
    return {k: v for k, v in values.items() if k == form_field.key or k.startswith(prefix)}


def display_value(form_field: FormField, values: Mapping[str, str], places: Sequence[Province] = ()) -> str:
    """The field as a person reads it back: choice labels, the address line, a group's
    entries numbered ("1. 79A-123.45, Hạng B2, 2019; 2. …")."""
    if form_field.type is FieldType.GROUP:
        shown = []
        for number, entry in enumerate(unflatten_group(form_field.key, values), 1):
            parts = [display_value(sub, entry, places) for sub in form_field.fields]
            shown.append(f"{number}. " + ", ".join(p for p in parts if p))
        return "; ".join(shown)
    if form_field.type is FieldType.ADDRESS:
        # The line as the desk composed it when the form was filled; the parts otherwise.
        return values.get(form_field.key) or address_line(unflatten_address(form_field.key, values), places)
    value = values.get(form_field.key) or ""
    return next((c.label for c in form_field.choices if c.value == value), value)


# ---------------------------------------------------------------- reading a CCCD address

# The unit words as the places name them. A part of the typed address matches a place
# when the names agree without these words and the part either leaves the word out or
# uses the same one, so every word typed is still in the printed line.
_PROVINCE_WORDS = ("tinh", "thanh pho")
_WARD_WORDS = ("xa", "phuong", "dac khu")
# District-level words of cards issued before July 2025 (districts were abolished then):
# such a part may sit between the ward and the province and is kept with the street.
_DISTRICT_WORDS = ("huyen", "quan", "thi xa", "thanh pho", "tp.", "tx.", "tp", "tx")


def _unit_word(folded: str, words: Sequence[str]) -> tuple[str, str]:
    for word in words:
        if folded.startswith(word + " "):
            return word, folded[len(word) + 1:].strip()
    return "", folded


def place_key(name: str) -> str:
    """A place name folded and without its unit word: "Tỉnh Khánh Hòa" → "khanh hoa"."""
    folded = fold(name)
    for words in (_PROVINCE_WORDS, _WARD_WORDS):
        word, bare = _unit_word(folded, words)
        if word:
            return bare
    return folded


def _same_place(part: str, name: str, words: Sequence[str]) -> bool:
    part_word, part_bare = _unit_word(fold(part), words)
    name_word, name_bare = _unit_word(fold(name), words)
    return bool(part_bare) and part_bare == name_bare and part_word in ("", name_word)


def address_from_text(text: str, places: Sequence[Province]) -> Address:
    """An address read from one free line, as the CCCD gives it.

    The last comma-separated part is matched against the provinces and the part before it
    (or the one before that, when an old district stands between) against that province's
    wards, by names without diacritics and case. What matches becomes the picked place;
    everything else stays, in order, in the street, so nothing typed is ever lost.
    """
    parts = [part for part in (normalise_spaces(p) for p in text.split(",")) if part]
    province = next((p for p in places if parts and _same_place(parts[-1], p.name, _PROVINCE_WORDS)), None)
    if province is None:
        return Address(street=", ".join(parts))
    rest = parts[:-1]
    candidates = [len(rest) - 1]
    if rest and _unit_word(fold(rest[-1]), _DISTRICT_WORDS)[0]:
        candidates.append(len(rest) - 2)
    for at in (i for i in candidates if i >= 0):
        ward = next((w for w in province.wards if _same_place(rest[at], w.name, _WARD_WORDS)), None)
        if ward is not None:
            del rest[at]
            return Address(street=", ".join(rest), ward=ward.code, province=province.code)
    return Address(street=", ".join(rest), province=province.code)
