"""The working calendar: deadlines in working time across weekends, national holidays, joint
leave days and the office's own closures; Indonesia's calendar against Hong Kong's; time zones.
Pure: every moment is given, nothing reads the clock."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from hub.organisations.service_levels import ClockTarget, Unit, target_window
from hub.organisations.worktime import CalendarError, WorkCalendar

WIB = ZoneInfo("Asia/Jakarta")
HKT = ZoneInfo("Asia/Hong_Kong")
JAKARTA = WorkCalendar()  # the defaults: Asia/Jakarta, Mon-Fri 08:00-16:00, Indonesian holidays
HONG_KONG = WorkCalendar(timezone="Asia/Hong_Kong", holidays="HK")
WORKING_DAY = timedelta(hours=8)


def wib(*args) -> datetime:
    return datetime(*args, tzinfo=WIB)


def hkt(*args) -> datetime:
    return datetime(*args, tzinfo=HKT)


def test_a_working_day_from_friday_afternoon_ends_on_monday_afternoon():
    # 7 August 2026 is a Friday; Monday the 10th is an ordinary working day.
    assert JAKARTA.add_working(wib(2026, 8, 7, 15, 0), WORKING_DAY) == wib(2026, 8, 10, 15, 0)


def test_the_weekend_counts_in_calendar_time():
    assert JAKARTA.add_calendar(wib(2026, 8, 7, 15, 0), timedelta(days=1)) == wib(2026, 8, 8, 15, 0)


def test_independence_day_on_monday_pushes_the_deadline_to_tuesday():
    # Friday 14 August 2026; Monday 17 August is Hari Kemerdekaan.
    assert not JAKARTA.is_working_day(date(2026, 8, 17))
    assert JAKARTA.holiday_name(date(2026, 8, 17))
    assert JAKARTA.add_working(wib(2026, 8, 14, 15, 0), WORKING_DAY) == wib(2026, 8, 18, 15, 0)


def test_hours_that_do_not_fit_in_a_day_carry_over_to_the_next_opening():
    # Six working hours from 13:00 on Friday: three that day, three from Monday 08:00.
    assert JAKARTA.add_working(wib(2026, 8, 7, 13, 0), timedelta(hours=6)) == wib(
        2026, 8, 10, 11, 0
    )


def test_a_deadline_exactly_at_closing_time_stays_that_day():
    assert JAKARTA.add_working(wib(2026, 8, 10, 8, 0), WORKING_DAY) == wib(2026, 8, 10, 16, 0)


def test_a_start_outside_opening_hours_counts_from_the_next_opening():
    saturday = wib(2026, 8, 8, 10, 0)
    assert JAKARTA.add_working(saturday, timedelta(minutes=20)) == wib(2026, 8, 10, 8, 20)
    evening = wib(2026, 8, 10, 19, 30)
    assert JAKARTA.add_working(evening, timedelta(minutes=20)) == wib(2026, 8, 11, 8, 20)
    assert JAKARTA.next_open(saturday) == wib(2026, 8, 10, 8, 0)


def test_no_time_at_all_is_the_start_itself():
    start = wib(2026, 8, 8, 10, 0)
    assert JAKARTA.add_working(start, timedelta(0)) == start


def test_working_time_between_two_moments_skips_nights_weekends_and_holidays():
    assert JAKARTA.working_between(wib(2026, 8, 7, 15, 0), wib(2026, 8, 10, 9, 0)) == timedelta(
        hours=2
    )
    # Friday 14 August 15:00 to Tuesday 18 August 09:00: Monday is Independence Day.
    assert JAKARTA.working_between(wib(2026, 8, 14, 15, 0), wib(2026, 8, 18, 9, 0)) == timedelta(
        hours=2
    )
    assert JAKARTA.working_between(wib(2026, 8, 10, 9, 0), wib(2026, 8, 7, 9, 0)) == timedelta(0)


def test_working_between_and_add_working_agree():
    start = wib(2026, 8, 13, 14, 25)
    for hours in (1, 3, 8, 13, 40):
        deadline = JAKARTA.add_working(start, timedelta(hours=hours))
        assert JAKARTA.working_between(start, deadline) == timedelta(hours=hours)


def test_hong_kong_keeps_its_own_holidays():
    # 1 July 2026 (Wednesday) is HKSAR Establishment Day, a working day in Jakarta; 17 August
    # is a working day in Hong Kong.
    assert not HONG_KONG.is_working_day(date(2026, 7, 1))
    assert JAKARTA.is_working_day(date(2026, 7, 1))
    assert HONG_KONG.is_working_day(date(2026, 8, 17))
    assert JAKARTA.add_working(wib(2026, 6, 30, 15, 0), WORKING_DAY) == wib(2026, 7, 1, 15, 0)
    assert HONG_KONG.add_working(hkt(2026, 6, 30, 15, 0), WORKING_DAY) == hkt(2026, 7, 2, 15, 0)


def test_the_same_moment_is_half_past_three_in_jakarta_and_after_closing_in_hong_kong():
    moment = datetime(2026, 8, 10, 8, 30, tzinfo=ZoneInfo("UTC"))  # 15:30 WIB, 16:30 HKT
    assert JAKARTA.local(moment) == wib(2026, 8, 10, 15, 30)
    # Jakarta has half an hour left today; Hong Kong has closed and starts again tomorrow.
    assert JAKARTA.add_working(moment, timedelta(hours=1)) == wib(2026, 8, 11, 8, 30)
    assert HONG_KONG.add_working(moment, timedelta(hours=1)) == hkt(2026, 8, 11, 9, 0)
    assert JAKARTA.add_working(moment, timedelta(minutes=20)) == wib(2026, 8, 10, 15, 50)
    assert HONG_KONG.add_working(moment, timedelta(minutes=20)) == hkt(2026, 8, 11, 8, 20)


def test_joint_leave_days_close_the_office_unless_it_chooses_otherwise():
    # 24 December 2026 is a joint leave day (cuti bersama) before Christmas.
    assert not JAKARTA.is_working_day(date(2026, 12, 24))
    public_only = WorkCalendar(optional_holidays=False)
    assert public_only.is_working_day(date(2026, 12, 24))
    assert not public_only.is_working_day(date(2026, 12, 25))


def test_the_office_own_closed_days_count_as_holidays():
    calendar = WorkCalendar(closed_days=frozenset({date(2026, 8, 10)}))
    assert calendar.add_working(wib(2026, 8, 7, 15, 0), WORKING_DAY) == wib(2026, 8, 11, 15, 0)


def test_a_six_day_week_counts_saturday():
    calendar = WorkCalendar(workdays=frozenset(range(6)), opens=time(9), closes=time(13))
    assert calendar.add_working(wib(2026, 8, 7, 12, 0), timedelta(hours=2)) == wib(
        2026, 8, 8, 10, 0
    )


def test_months_keep_the_wall_clock_and_the_end_of_the_month():
    assert JAKARTA.add_months(wib(2026, 8, 31, 10, 0), 6) == wib(2027, 2, 28, 10, 0)
    # In working time a deadline on a Sunday moves to Monday's opening.
    assert JAKARTA.add_months(wib(2026, 3, 6, 10, 0), 6, working=True) == wib(2026, 9, 7, 8, 0)


def test_a_calendar_with_no_working_day_or_backwards_hours_is_refused():
    with pytest.raises(CalendarError):
        WorkCalendar(workdays=frozenset())
    with pytest.raises(CalendarError):
        WorkCalendar(opens=time(16), closes=time(8))


def test_disposition_window_warns_at_half_a_working_day_and_is_due_after_one():
    target = ClockTarget(on=True, amount=1, unit=Unit.DAYS, working=True, soon_percent=50)
    soon, due = target_window(JAKARTA, wib(2026, 8, 14, 15, 0), target)
    assert soon == wib(2026, 8, 18, 11, 0)  # one hour on Friday, three on Tuesday
    assert due == wib(2026, 8, 18, 15, 0)


def test_calendar_targets_count_every_hour():
    target = ClockTarget(on=True, amount=6, unit=Unit.HOURS, working=False, soon_percent=50)
    soon, due = target_window(JAKARTA, wib(2026, 8, 14, 15, 0), target)
    assert (soon, due) == (wib(2026, 8, 14, 18, 0), wib(2026, 8, 14, 21, 0))
