"""The transfer clock: the complete file reaches the receiving office within 10 working days of
the decision (seed 003), counted in the RECEIVER's working calendar.

Why the receiver's: the rule is about the file being at the receiving office, where the work
goes on, and that office's closed days are the ones that keep it from being taken up; both
sides are shown the same date. The clock stops when the receiver answers (acceptance is the
confirmation that the complete file arrived; a decline or a withdrawal ends it without a
result). Pure: reads the calendar it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.translation import gettext, ngettext

from hub.organisations.service_levels import service_levels_of
from hub.organisations.worktime import WorkCalendar

WORKING_DAYS = 10
# "Due soon" when this many working days or fewer are left (the last quarter, as the clocks'
# default of 75 %).
SOON_DAYS = 2


class TransferClockState:
    RUNNING = "running"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    MISSED = "missed"
    STOPPED = "not_applicable"  # declined or withdrawn: no result


# The clocks' own badge tones and labels (tenants.clocks), so both read the same.
TONE = {
    TransferClockState.RUNNING: "run",
    TransferClockState.DUE_SOON: "soon",
    TransferClockState.OVERDUE: "danger",
    TransferClockState.MET: "ok",
    TransferClockState.MISSED: "warn",
    TransferClockState.STOPPED: "muted",
}


def due_on_for(calendar: WorkCalendar, decided_at: datetime, days: int = WORKING_DAYS) -> date:
    """The `days`-th working day after the day of the decision (that day does not count)."""
    day = calendar.local(decided_at).date()
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def working_days_left(calendar: WorkCalendar, today: date, due_on: date) -> int:
    """Working days after `today` up to and including `due_on`; negative when past it (the
    working days since)."""
    if today <= due_on:
        return sum(
            1
            for offset in range(1, (due_on - today).days + 1)
            if calendar.is_working_day(today + timedelta(days=offset))
        )
    return -sum(
        1
        for offset in range(1, (today - due_on).days + 1)
        if calendar.is_working_day(due_on + timedelta(days=offset))
    )


@dataclass(frozen=True)
class TransferClock:
    state: str
    due_on: date
    days_left: int  # working days; negative: overdue by that many

    @property
    def tone(self) -> str:
        return TONE[self.state]

    @property
    def alerting(self) -> bool:
        return self.state in (TransferClockState.DUE_SOON, TransferClockState.OVERDUE)

    @property
    def label(self) -> str:
        n = self.days_left
        if self.state == TransferClockState.MET:
            return gettext("Complete file accepted in time")
        if self.state == TransferClockState.MISSED:
            return gettext("Accepted late")
        if self.state == TransferClockState.STOPPED:
            return gettext("Clock stopped")
        if n < 0:
            return ngettext("Overdue by %(n)d working day", "Overdue by %(n)d working days", -n) % {
                "n": -n
            }
        if n == 0:
            return gettext("Due today")
        return ngettext("%(n)d working day left", "%(n)d working days left", n) % {"n": n}


def receiver_calendar(transfer) -> WorkCalendar:
    return service_levels_of(transfer.receiver).calendar


def transfer_clock(transfer, *, now: datetime, calendar: WorkCalendar | None = None):
    """The clock of a transfer at `now` (the receiver's calendar unless one is given)."""
    from sharing.transfers.models import TransferStatus

    calendar = calendar or receiver_calendar(transfer)
    if transfer.status == TransferStatus.ACCEPTED:
        answered = calendar.local(transfer.answered_at).date()
        late = answered > transfer.due_on
        return TransferClock(
            TransferClockState.MISSED if late else TransferClockState.MET,
            transfer.due_on,
            working_days_left(calendar, answered, transfer.due_on),
        )
    today = calendar.local(now).date()
    left = working_days_left(calendar, today, transfer.due_on)
    if not transfer.open:
        return TransferClock(TransferClockState.STOPPED, transfer.due_on, left)
    if today > transfer.due_on:
        state = TransferClockState.OVERDUE
    elif left <= SOON_DAYS:
        state = TransferClockState.DUE_SOON
    else:
        state = TransferClockState.RUNNING
    return TransferClock(state, transfer.due_on, left)
