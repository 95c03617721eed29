"""Dossier codes (mã hồ sơ): ``<agency code>-<yymmdd>-<sequence>``.

A desk must print a final code while offline, so the central API leases each desk blocks
of sequence numbers per agency and day. When a desk runs out offline it prints a clearly
marked provisional code that the central API replaces on sync.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from .messages import QT_TRANSLATE_NOOP, DeskError

AGENCY_CODE = re.compile(r"^[0-9A-Z][0-9A-Z.]{0,12}$")
_FINAL = re.compile(r"^(?P<agency>[0-9A-Z][0-9A-Z.]{0,12})-(?P<day>[0-9]{6})-(?P<seq>[0-9]{4,8})$")
PROVISIONAL_MARK = "TAM"


class DossierCodeError(DeskError):
    """A dossier code or a lease that breaks the code rules."""


@dataclass(frozen=True)
class CodeLease:
    """A block of sequence numbers ``first..last`` leased to one desk for one agency and day."""

    lease_id: str
    agency_code: str
    day: date
    first: int
    last: int
    width: int = 4

    def __post_init__(self) -> None:
        if not (1 <= self.first <= self.last < 10**self.width):
            raise DossierCodeError(
                QT_TRANSLATE_NOOP("DeskError", "The code block {first}–{last} does not fit {width} digits."),
                first=self.first, last=self.last, width=self.width,
            )

    @property
    def size(self) -> int:
        return self.last - self.first + 1


def format_code(agency_code: str, day: date, seq: int, width: int = 4) -> str:
    if not AGENCY_CODE.match(agency_code):
        raise DossierCodeError(QT_TRANSLATE_NOOP("DeskError", "\"{code}\" is not an agency code."), code=agency_code)
    if not 1 <= seq < 10**width:
        raise DossierCodeError(QT_TRANSLATE_NOOP("DeskError", "Sequence number {seq} does not fit {width} digits."), seq=seq, width=width)
    return f"{agency_code}-{day:%y%m%d}-{seq:0{width}d}"


def parse_code(code: str) -> tuple[str, date, int]:
    match = _FINAL.match(code)
    if not match:
        raise DossierCodeError(QT_TRANSLATE_NOOP("DeskError", "\"{code}\" is not a dossier code."), code=code)
    day_text = match["day"]
    try:
        day = date(2000 + int(day_text[:2]), int(day_text[2:4]), int(day_text[4:]))
    except ValueError:
        raise DossierCodeError(QT_TRANSLATE_NOOP("DeskError", "\"{code}\" is not a dossier code."), code=code) from None
    return match["agency"], day, int(match["seq"])


DESK_TAG_LENGTH = 8


def desk_tag(desk_id: str) -> str:
    """At most 8 characters naming the desk, so a provisional code stays under 40.

    A long desk id keeps its first 4 characters (readable at the counter) and adds 4 from
    a hash of the whole id, so two desks whose ids share a prefix still differ.
    """
    cleaned = re.sub(r"[^0-9A-Z]", "", desk_id.upper()) or "DESK"
    if len(cleaned) <= DESK_TAG_LENGTH:
        return cleaned
    digest = hashlib.sha256(desk_id.encode("utf-8")).hexdigest()[:4].upper()
    return cleaned[:4] + digest


def provisional_code(agency_code: str, day: date, desk_id: str, n: int) -> str:
    """A code no final code can equal: it carries the TAM mark and the desk's tag."""
    return f"{agency_code}-{day:%y%m%d}-{PROVISIONAL_MARK}.{desk_tag(desk_id)}.{n:04d}"


def is_provisional(code: str) -> bool:
    return f"-{PROVISIONAL_MARK}." in code


# Sizing of the blocks a desk keeps for the days ahead. A rural post office may be cut off
# for days, so the desk holds enough for its busiest recent day with room to spare; the
# floor covers a new desk with no history, the ceiling keeps one desk from holding a large
# share of a site's four-digit day (9999 numbers shared by every desk of the site).
LEASE_FLOOR = 20
LEASE_CEILING = 500
LEASE_HEADROOM = 1.5
LEASE_DAYS_AHEAD = 2  # working days after today that the desk also holds codes for


def lease_target(recent_daily_counts: Sequence[int], *, floor: int = LEASE_FLOOR, ceiling: int = LEASE_CEILING,
                 headroom: float = LEASE_HEADROOM) -> int:
    """How many unused final codes the desk should hold for one day.

    From the busiest of the recent days rather than the mean: an outage on a market day
    must still find codes left.
    """
    busiest = max(recent_daily_counts, default=0)
    return max(floor, min(ceiling, math.ceil(busiest * headroom)))
