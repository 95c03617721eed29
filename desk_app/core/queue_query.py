"""What a supervisor's queue asks for: filters, search text, review scope and sort.

Shared by the queue's Qt model and the store's SQL without either knowing the other.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date

from .text import fold


class QueueSort(enum.StrEnum):
    """The orders the store can give. Not by citizen: names are sealed at rest, and an
    order of names kept beside them would tell their order to whoever holds the file."""

    CODE = "code"
    PROCEDURE = "procedure"
    STATUS = "status"
    CHANNEL = "channel"
    OFFICER = "officer"
    RECEIVED = "received"
    DUE = "due"


class ReviewScope(enum.StrEnum):
    ANY = "any"
    TO_REVIEW = "to_review"   # a flag raised that no decision covers yet
    ESCALATED = "escalated"   # the latest decision escalated it
    RETURNED = "returned"     # the latest decision returned it to the officer


@dataclass(frozen=True)
class QueueQuery:
    statuses: frozenset[int] = frozenset()  # empty: any
    channels: frozenset[int] = frozenset()
    procedure_codes: frozenset[str] = frozenset()
    officers: frozenset[str] = frozenset()
    received_from: date | None = None  # Vietnam days, inclusive
    received_to: date | None = None
    due_from: date | None = None
    due_to: date | None = None
    overdue_only: bool = False
    text: str = ""  # code (contains, case-insensitive), CCCD (digits, prefix) or name (words, each from its start)
    review: ReviewScope = ReviewScope.ANY
    flags: int = 0  # any of these ReviewFlag bits (0: no condition)
    sort: QueueSort = QueueSort.RECEIVED
    descending: bool = True


CCCD_LENGTH = 12
# A CCCD starts with its province's three digits: fewer name no one in particular.
CCCD_PREFIX_MIN = 3
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class TextSearch:
    """How the search box's text is matched; a row matches when any part set here does.

    Only digits: a CCCD starting with them (three at least: the province), or a code
    containing them (a sequence number typed alone). Letters only: a name with a word
    starting with each typed word (two letters at least, or a whole word), folded the way
    officers type ("nguyen bi" finds "Nguyễn Văn Bình"). Anything else (letters with digits, a dash or
    a dot) can only be part of a code.
    """

    cccd_prefix: str | None = None
    code_part: str | None = None
    name_part: str | None = None

    @property
    def empty(self) -> bool:
        return self.cccd_prefix is None and self.code_part is None and self.name_part is None


def text_search(text: str) -> TextSearch:
    stripped = _SPACES.sub(" ", text).strip()
    if not stripped:
        return TextSearch()
    compact = stripped.replace(" ", "")
    if compact.isascii() and compact.isdigit():
        as_cccd = CCCD_PREFIX_MIN <= len(compact) <= CCCD_LENGTH
        return TextSearch(cccd_prefix=compact if as_cccd else None, code_part=compact)
    folded = fold(stripped)
    if folded and all(ch.isalpha() or ch == " " for ch in folded):
        return TextSearch(name_part=folded)
    return TextSearch(code_part=compact)
