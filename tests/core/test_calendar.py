from datetime import date, datetime

import pytest

from desk_app.core.calendar import OFF, WORK, CalendarError, CalendarOverride, WorkingCalendar
from desk_app.core.timeutil import VN_TZ


def at(y, m, d, hh=9, mm=30):
    return datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


def test_weekends_and_public_holidays_are_not_working_days():
    cal = WorkingCalendar()
    assert not cal.is_working_day(date(2026, 11, 21))  # Saturday
    assert not cal.is_working_day(date(2026, 9, 2))    # Quốc khánh
    assert not cal.is_working_day(date(2026, 2, 17))   # Tết
    assert cal.is_working_day(date(2026, 11, 23))


def test_five_working_days_from_a_friday_skip_the_weekend():
    assert WorkingCalendar().due_at(at(2026, 11, 13), 5) == at(2026, 11, 20)


def test_tet_pushes_the_appointment_past_the_holiday():
    due = WorkingCalendar().due_at(at(2026, 2, 13, 10, 0), 3)
    assert due == at(2026, 2, 25, 10, 0)


def test_override_day_off_and_working_saturday_win_over_the_base():
    cal = WorkingCalendar([
        CalendarOverride(date(2026, 11, 25), OFF, "Nghỉ bù"),
        CalendarOverride(date(2026, 11, 28), WORK, "Làm bù thứ Bảy"),
    ])
    assert not cal.is_working_day(date(2026, 11, 25))
    assert cal.holiday_name(date(2026, 11, 25)) == "Nghỉ bù"
    assert cal.is_working_day(date(2026, 11, 28))


def test_received_on_a_day_off_counts_from_next_working_day_opening():
    cal = WorkingCalendar([CalendarOverride(date(2026, 11, 24), WORK, "test")])
    due = cal.due_at(at(2026, 11, 21, 10, 0), 1)  # Saturday
    assert due == at(2026, 11, 24, 7, 30)


def test_zero_days_is_same_moment_and_negative_is_refused():
    cal = WorkingCalendar()
    assert cal.due_at(at(2026, 11, 20), 0) == at(2026, 11, 20)
    with pytest.raises(CalendarError):
        cal.add_working_days(date(2026, 11, 20), -1)


def test_bad_override_kind_is_refused():
    with pytest.raises(CalendarError):
        CalendarOverride(date(2026, 1, 1), "maybe")
