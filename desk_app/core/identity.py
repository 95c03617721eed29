"""Citizen identity from the CCCD (căn cước công dân) card's QR code.

The QR text has seven ``|``-separated fields (DOMAIN.md): CCCD number, old CMND number
(may be empty), full name, date of birth ddmmyyyy, sex, permanent address, issue date
ddmmyyyy. Scanners and newer cards vary, so parsing is defensive and every refusal names
what was wrong, so the officer can rescan or type the field by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from .messages import QT_TRANSLATE_NOOP, DeskError
from .text import fold, normalise_spaces

CCCD_FIELD_COUNT = 7
_CCCD_NUMBER = re.compile(r"^[0-9]{12}$")
_CMND_NUMBER = re.compile(r"^[0-9]{9}$")
_DDMMYYYY = re.compile(r"^[0-9]{8}$")
# Scanners in keyboard mode sometimes add a carriage return, a BOM or a trailing separator.
_NOISE = "\ufeff\r\n\t "


class Sex(str, Enum):
    MALE = "Nam"
    FEMALE = "Nữ"

    @classmethod
    def parse(cls, text: str) -> "Sex":
        folded = fold(text)
        if folded in {"nam", "male", "m"}:
            return cls.MALE
        if folded in {"nu", "female", "f"}:
            return cls.FEMALE
        raise CccdError(QT_TRANSLATE_NOOP("DeskError", "The sex on the card is \"{value}\"; expected Nam or Nữ."), value=text)


class CccdError(DeskError):
    """The QR text or a CCCD number is not what a citizen ID card holds."""


@dataclass(frozen=True)
class CitizenIdentity:
    """A citizen as printed on the CCCD card (công dân)."""

    cccd: str
    cmnd: str | None
    full_name: str
    date_of_birth: date
    sex: Sex
    address: str
    issue_date: date | None


def _parse_date(text: str, what: str) -> date:
    if not _DDMMYYYY.match(text):
        raise CccdError(
            QT_TRANSLATE_NOOP("DeskError", "The {what} on the card, \"{value}\", is not a date in ddmmyyyy form."),
            what=what,
            value=text,
        )
    try:
        return date(int(text[4:8]), int(text[2:4]), int(text[0:2]))
    except ValueError:
        raise CccdError(
            QT_TRANSLATE_NOOP("DeskError", "The {what} on the card, \"{value}\", is not a real calendar date."),
            what=what,
            value=text,
        ) from None


def century_and_sex_digit(date_of_birth: date, sex: Sex) -> int:
    """Digit 4 of the CCCD number: 0/1 for men/women born in the 1900s, 2/3 in the 2000s, …"""
    century_index = (date_of_birth.year // 100) - 19
    if not 0 <= century_index <= 4:
        raise CccdError(QT_TRANSLATE_NOOP("DeskError", "A birth year of {year} cannot be encoded in a CCCD number."), year=date_of_birth.year)
    return century_index * 2 + (1 if sex is Sex.FEMALE else 0)


def check_cccd_number(number: str, date_of_birth: date | None = None, sex: Sex | None = None) -> None:
    """Refuse a number that is malformed or contradicts the birth date and sex beside it."""
    if not _CCCD_NUMBER.match(number):
        raise CccdError(
            QT_TRANSLATE_NOOP("DeskError", "The CCCD number must have exactly 12 digits; \"{value}\" does not."),
            value=number,
        )
    if date_of_birth is None or sex is None:
        return
    expected_digit = century_and_sex_digit(date_of_birth, sex)
    if int(number[3]) != expected_digit:
        raise CccdError(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The CCCD number {number} does not match the card's sex ({sex}) and birth year ({year}): "
                "its 4th digit should be {expected}. Check the number or rescan the card.",
            ),
            number=number,
            sex=sex.value,
            year=date_of_birth.year,
            expected=expected_digit,
        )
    if number[4:6] != f"{date_of_birth.year % 100:02d}":
        raise CccdError(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "The CCCD number {number} does not match the birth year {year}: digits 5 and 6 should be {expected}. "
                "Check the number or rescan the card.",
            ),
            number=number,
            year=date_of_birth.year,
            expected=f"{date_of_birth.year % 100:02d}",
        )


def parse_cccd_qr(text: str, *, today: date | None = None) -> CitizenIdentity:
    """Turn the QR text of a CCCD card into a checked `CitizenIdentity`."""
    cleaned = text.strip(_NOISE)
    if not cleaned:
        raise CccdError(QT_TRANSLATE_NOOP("DeskError", "The scan is empty. Scan the QR code on the back of the card again."))
    fields = [normalise_spaces(f) for f in cleaned.split("|")]
    # One trailing empty field is a common scanner artefact ("…|01012021|").
    if len(fields) == CCCD_FIELD_COUNT + 1 and fields[-1] == "":
        fields = fields[:-1]
    if len(fields) != CCCD_FIELD_COUNT:
        raise CccdError(
            QT_TRANSLATE_NOOP(
                "DeskError",
                "This is not a citizen ID card QR code: it has {count} fields separated by \"|\", expected 7. "
                "Scan the QR code on the card again, or type the citizen's details.",
            ),
            count=len(fields),
        )
    number, cmnd, name, dob_text, sex_text, address, issued_text = fields
    if cmnd and not _CMND_NUMBER.match(cmnd):
        raise CccdError(
            QT_TRANSLATE_NOOP("DeskError", "The old ID number (CMND) on the card, \"{value}\", should have 9 digits."),
            value=cmnd,
        )
    if not name:
        raise CccdError(QT_TRANSLATE_NOOP("DeskError", "The card's QR code has no name in it. Type the citizen's name."))
    date_of_birth = _parse_date(dob_text, QT_TRANSLATE_NOOP("DeskError", "date of birth"))
    sex = Sex.parse(sex_text)
    issue_date = _parse_date(issued_text, QT_TRANSLATE_NOOP("DeskError", "issue date")) if issued_text else None
    today = today or date.today()
    if date_of_birth > today:
        raise CccdError(QT_TRANSLATE_NOOP("DeskError", "The date of birth {value} is in the future."), value=date_of_birth.strftime("%d/%m/%Y"))
    if issue_date is not None and not (date_of_birth <= issue_date <= today):
        raise CccdError(
            QT_TRANSLATE_NOOP("DeskError", "The card's issue date {value} is not between the birth date and today."),
            value=issue_date.strftime("%d/%m/%Y"),
        )
    check_cccd_number(number, date_of_birth, sex)
    return CitizenIdentity(
        cccd=number,
        cmnd=cmnd or None,
        full_name=name,
        date_of_birth=date_of_birth,
        sex=sex,
        address=address,
        issue_date=issue_date,
    )
