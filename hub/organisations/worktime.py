"""An organisation's working calendar: its time zone, opening hours and holidays, and deadlines
counted in working time or in calendar time. Pure: no database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

import holidays
from dateutil.relativedelta import relativedelta

MONDAY_TO_FRIDAY = frozenset(range(5))  # date.weekday(): Monday is 0

# A calendar with no open hour at all would loop forever; ten years of closed days is a bug.
_MAX_DAYS = 3660


class CalendarError(ValueError):
    """The calendar's settings cannot make a working day (no open day, closes before opens)."""


@dataclass(frozen=True)
class WorkCalendar:
    """When an office works. Moments given to it may be in any time zone; what it returns is
    in the office's own zone."""

    timezone: str = "Asia/Jakarta"
    workdays: frozenset[int] = MONDAY_TO_FRIDAY
    opens: time = time(8, 0)
    closes: time = time(16, 0)
    holidays: str = "ID"  # country code of the `holidays` package; "" for none
    # Also the days the country's calendar lists beside its public holidays: Indonesia's joint
    # leave (cuti bersama), Hong Kong's general holidays.
    optional_holidays: bool = True
    closed_days: frozenset[date] = field(default_factory=frozenset)  # the office's own

    def __post_init__(self):
        if not self.workdays or not self.workdays <= frozenset(range(7)):
            raise CalendarError("workdays must be a non-empty subset of 0-6")
        if self.opens >= self.closes:
            raise CalendarError("the office must open before it closes")

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def _holidays(self):
        if not self.holidays:
            return {}
        categories = holidays.country_holidays(self.holidays).supported_categories
        wanted = categories if self.optional_holidays else ("public",)
        return holidays.country_holidays(self.holidays, categories=wanted)

    @property
    def day_length(self) -> timedelta:
        return _at(date(2000, 1, 3), self.closes, self.zone) - _at(
            date(2000, 1, 3), self.opens, self.zone
        )

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def holiday_name(self, day: date) -> str:
        """Why a weekday is closed: the holiday's name, the office's own closure, or ""."""
        if day in self.closed_days:
            return "closed"
        return self._holidays.get(day) or ""

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.workdays and not self.holiday_name(day)

    def _open_hours(self, day: date) -> tuple[datetime, datetime]:
        return _at(day, self.opens, self.zone), _at(day, self.closes, self.zone)

    def _working_days_from(self, day: date) -> Iterable[date]:
        for offset in range(_MAX_DAYS):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                yield candidate
        raise CalendarError("no working day in ten years")

    def next_open(self, moment: datetime) -> datetime:
        """The moment itself if the office is open then, else when it next opens."""
        moment = self.local(moment)
        for day in self._working_days_from(moment.date()):
            opens, closes = self._open_hours(day)
            if moment < closes:
                return max(moment, opens)
        raise AssertionError("unreachable")  # pragma: no cover

    def add_working(self, start: datetime, duration: timedelta) -> datetime:
        """The moment `duration` of working time after `start` (a deadline in working time).
        Time outside opening hours, on closed weekdays and holidays does not count; a deadline
        that falls exactly at closing time stays there rather than moving to the next opening."""
        if duration < timedelta(0):
            raise ValueError("duration must not be negative")
        cursor = self.local(start)
        remaining = duration
        if not remaining:
            return cursor
        for day in self._working_days_from(cursor.date()):
            opens, closes = self._open_hours(day)
            begin = max(cursor, opens)
            if begin >= closes:
                continue
            available = closes - begin
            if remaining <= available:
                return begin + remaining
            remaining -= available
        raise AssertionError("unreachable")  # pragma: no cover

    def working_between(self, a: datetime, b: datetime) -> timedelta:
        """How much working time lies between two moments (zero when b is not after a)."""
        a, b = self.local(a), self.local(b)
        total = timedelta(0)
        if b <= a:
            return total
        for day in self._working_days_from(a.date()):
            if day > b.date():
                break
            opens, closes = self._open_hours(day)
            begin, end = max(a, opens), min(b, closes)
            if end > begin:
                total += end - begin
        return total

    def add_calendar(self, start: datetime, duration: timedelta) -> datetime:
        """Plain clock time: nights, weekends and holidays count."""
        return self.local(start) + duration

    def add_months(self, start: datetime, months: int, *, working: bool = False) -> datetime:
        """The same day and time `months` later on the office's wall clock (the 31st gives the
        month's last day); in working time, moved on to the next opening if the office is
        closed then."""
        moment = self.local(start) + relativedelta(months=months)
        return self.next_open(moment) if working else moment

    def calendar_between(self, a: datetime, b: datetime) -> timedelta:
        return max(b - a, timedelta(0))


def _at(day: date, at: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone)
