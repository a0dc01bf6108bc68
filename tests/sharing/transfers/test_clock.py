"""The transfer clock: 10 working days of the receiver's calendar, holidays skipped."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from hub.organisations.models import ServiceLevelSettings
from hub.organisations.worktime import WorkCalendar
from sharing.transfers.clock import (
    TransferClockState,
    due_on_for,
    receiver_calendar,
    transfer_clock,
    working_days_left,
)
from sharing.transfers.models import TransferStatus

JAKARTA = ZoneInfo("Asia/Jakarta")
INDONESIA = WorkCalendar(holidays="ID")
NO_HOLIDAYS = WorkCalendar(holidays="")


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=JAKARTA)


def test_a_transfer_decided_before_a_holiday_is_due_after_it():
    # Friday 14 August 2026; Monday 17 (Independence Day) and Tuesday 25 (the Prophet's
    # birthday) do not count: the tenth working day is Tuesday 1 September.
    decided = _at(date(2026, 8, 14))
    assert due_on_for(NO_HOLIDAYS, decided) == date(2026, 8, 28)
    assert due_on_for(INDONESIA, decided) == date(2026, 9, 1)


def test_the_day_of_the_decision_does_not_count_even_late_at_night():
    # 23:30 in Jakarta on Monday 2 November is still Monday there (16:30 UTC).
    decided = datetime(2026, 11, 2, 16, 30, tzinfo=ZoneInfo("UTC"))
    assert due_on_for(NO_HOLIDAYS, decided) == date(2026, 11, 16)


def test_working_days_left_counts_forward_and_back():
    due = date(2026, 11, 16)  # Monday
    assert working_days_left(NO_HOLIDAYS, date(2026, 11, 2), due) == 10
    assert working_days_left(NO_HOLIDAYS, date(2026, 11, 13), due) == 1  # Friday: Monday left
    assert working_days_left(NO_HOLIDAYS, due, due) == 0
    assert working_days_left(NO_HOLIDAYS, date(2026, 11, 18), due) == -2


def _transfer(status=TransferStatus.DELIVERED, answered_at=None):
    return SimpleNamespace(
        status=status,
        due_on=date(2026, 11, 16),
        answered_at=answered_at,
        open=status in (TransferStatus.DECIDED, TransferStatus.DELIVERED),
    )


@pytest.mark.parametrize(
    ("today", "state", "left"),
    [
        (date(2026, 11, 3), TransferClockState.RUNNING, 9),
        (date(2026, 11, 12), TransferClockState.DUE_SOON, 2),
        (date(2026, 11, 16), TransferClockState.DUE_SOON, 0),
        (date(2026, 11, 17), TransferClockState.OVERDUE, -1),
    ],
)
def test_an_open_transfer_runs_then_is_due_soon_then_overdue(today, state, left):
    clock = transfer_clock(_transfer(), now=_at(today), calendar=NO_HOLIDAYS)
    assert (clock.state, clock.days_left) == (state, left)
    assert clock.alerting == (state != TransferClockState.RUNNING)


def test_acceptance_stops_the_clock_in_time_or_late():
    on_time = _transfer(TransferStatus.ACCEPTED, answered_at=_at(date(2026, 11, 16), 15))
    late = _transfer(TransferStatus.ACCEPTED, answered_at=_at(date(2026, 11, 17)))
    later = _at(date(2026, 12, 30))
    assert transfer_clock(on_time, now=later, calendar=NO_HOLIDAYS).state == "met"
    assert transfer_clock(late, now=later, calendar=NO_HOLIDAYS).state == "missed"


def test_a_declined_transfer_has_no_running_clock():
    clock = transfer_clock(
        _transfer(TransferStatus.DECLINED), now=_at(date(2026, 12, 30)), calendar=NO_HOLIDAYS
    )
    assert clock.state == TransferClockState.STOPPED
    assert not clock.alerting


def test_the_receivers_own_closed_days_count(org_a, org_b):
    ServiceLevelSettings.objects.create(
        organisation=org_b.organisation, holiday_country="", closed_days=[date(2026, 11, 5)]
    )
    transfer = SimpleNamespace(receiver=org_b.organisation)
    calendar = receiver_calendar(transfer)
    assert due_on_for(calendar, _at(date(2026, 11, 2))) == date(2026, 11, 17)
