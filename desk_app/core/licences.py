"""A driving licence as the national licence register holds it, and the form values it gives.

A renewal asks for the licence's number, class and dates; the register already knows
them, so the desk fills them in (marked as such) instead of the officer copying them from
the plastic card.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

LICENCE_PREFILLS = ("licence.number", "licence.class", "licence.issued_on", "licence.expires_on")


@dataclass(frozen=True)
class DrivingLicence:
    licence_number: str
    licence_class: str
    issued_on: date
    expires_on: date | None
    issuer: str

    def prefill_value(self, source: str | None) -> str:
        """The value a form field whose ``prefill`` names this licence takes ("" for none)."""
        if source == "licence.number":
            return self.licence_number
        if source == "licence.class":
            return self.licence_class
        if source == "licence.issued_on":
            return self.issued_on.strftime("%d/%m/%Y")
        if source == "licence.expires_on" and self.expires_on is not None:
            return self.expires_on.strftime("%d/%m/%Y")
        return ""


def licence_to_renew(held: Sequence[DrivingLicence]) -> DrivingLicence | None:
    """The one licence a renewal is about: with several (a motorbike and a car class), the
    register cannot say which the citizen came for, so none is filled and the officer asks."""
    return held[0] if len(held) == 1 else None
