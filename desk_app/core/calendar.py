"""Working days and the appointment date (ngày hẹn trả kết quả).

The `holidays` package's Vietnam calendar is the base; the central API serves an override
table (yearly day swaps, newly declared days off, a working Saturday) that an administrator
edits, and an override always wins over the base.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Iterable

import holidays

from .messages import QT_TRANSLATE_NOOP, DeskError
from .timeutil import VN_TZ

OFF = "off"
WORK = "work"
# Longest run of non-working days we accept before suspecting a broken override table
# (Tết plus weekends is about 9 days).
_MAX_SCAN_DAYS = 366
# Counted as the receiving time of a dossier taken on a day off.
OPENING_TIME = time(7, 30)


class CalendarError(DeskError):
    """The working-day calendar cannot answer."""


@dataclass(frozen=True)
class CalendarOverride:
    """A day that is off or worked regardless of the base calendar."""

    day: date
    kind: str  # OFF or WORK
    name: str = ""

    def __post_init__(self) -> None:
        if self.kind not in (OFF, WORK):
            raise CalendarError(QT_TRANSLATE_NOOP("DeskError", "Calendar override kind \"{kind}\" is neither off nor work."), kind=self.kind)


class WorkingCalendar:
    """Monday–Friday minus public holidays, with the override table applied on top."""

    def __init__(self, overrides: Iterable[CalendarOverride] = ()) -> None:
        self._overrides = {o.day: o for o in overrides}
        self._base = holidays.country_holidays("VN", language="vi")

    def holiday_name(self, day: date) -> str | None:
        override = self._overrides.get(day)
        if override is not None:
            return override.name if override.kind == OFF else None
        return self._base.get(day)

    def is_working_day(self, day: date) -> bool:
        override = self._overrides.get(day)
        if override is not None:
            return override.kind == WORK
        return day.weekday() < 5 and day not in self._base

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (start itself not counted)."""
        if days < 0:
            raise CalendarError(QT_TRANSLATE_NOOP("DeskError", "A processing time cannot be negative ({days} days)."), days=days)
        current = start
        remaining = days
        scanned = 0
        while remaining:
            current += timedelta(days=1)
            scanned += 1
            if scanned > _MAX_SCAN_DAYS + days:
                raise CalendarError(QT_TRANSLATE_NOOP("DeskError", "The calendar has no working day for a whole year after {day}."), day=start.isoformat())
            if self.is_working_day(current):
                remaining -= 1
        return current

    def next_working_day(self, day: date) -> date:
        return day if self.is_working_day(day) else self.add_working_days(day, 1)

    def due_at(self, received_at: datetime, processing_days: int) -> datetime:
        """Appointment: the same time of day, ``processing_days`` working days later.

        A dossier received on a day off (a Saturday counter, say) is counted from the next
        working day, as if received at that day's opening time.
        """
        local = received_at.astimezone(VN_TZ)
        if processing_days == 0:
            return local
        start_day = local.date()
        if not self.is_working_day(start_day):
            start_day = self.next_working_day(start_day)
            local = datetime.combine(start_day, OPENING_TIME, VN_TZ)
        due_day = self.add_working_days(start_day, processing_days)
        return datetime.combine(due_day, local.timetz())
