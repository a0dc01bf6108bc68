"""Service-level targets (seed 004's "Mutu Baku: Waktu") and each organisation's settings of
them: the table of targets with their defaults, reading an organisation's settings as a
calendar plus targets, and the office admin's change of them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import available_timezones

import holidays
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.accounts import policy
from hub.accounts.policy import Action
from hub.core.errors import DomainError
from hub.core.outbox import domain_event_record
from hub.organisations.models import Organisation, ServiceLevelSettings
from hub.organisations.worktime import WorkCalendar


class Unit(models.TextChoices):
    MINUTES = "minutes", gettext_lazy("minutes")
    HOURS = "hours", gettext_lazy("hours")
    DAYS = "days", gettext_lazy("days")
    MONTHS = "months", gettext_lazy("months")


# The most of each unit a target may say (ten years), so a typo cannot push a deadline out of
# what dates can hold.
UNIT_LIMITS = {
    Unit.MINUTES: 60 * 24 * 3650,
    Unit.HOURS: 24 * 3650,
    Unit.DAYS: 3650,
    Unit.MONTHS: 120,
}


@dataclass(frozen=True)
class ClockTarget:
    on: bool
    amount: int
    unit: str
    working: bool  # counted in the office's working time (else plain calendar time)
    # When the clock turns "due soon": after this share of its time has gone.
    soon_percent: int = 75


@dataclass(frozen=True)
class TargetSpec:
    code: str
    label: str
    help: str
    default: ClockTarget


# One place for the targets; tenants.clocks says from which recorded fact to which each runs.
TARGETS: tuple[TargetSpec, ...] = (
    TargetSpec(
        "data_entry",
        gettext_lazy("Data entry"),
        gettext_lazy("From the client's arrival to the case's registration in the system."),
        ClockTarget(True, 20, Unit.MINUTES, True),
    ),
    # Seed 004 gives the disposition "12 hours to 1 day". The deadline is the upper bound,
    # one working day (a case registered on Friday afternoon is disposed on Monday, not over
    # the weekend); the lower bound becomes the warning: at half of that day (the 12 of the
    # 24 hours) the clock shows "due soon", so the division head still has the day's second
    # half to dispose it.
    TargetSpec(
        "disposition",
        gettext_lazy("Disposition"),
        gettext_lazy("From registration to the first person assigned to the case."),
        ClockTarget(True, 1, Unit.DAYS, True, soon_percent=50),
    ),
    TargetSpec(
        "service",
        gettext_lazy("First service"),
        gettext_lazy("From the disposition to the first service given to the client."),
        ClockTarget(True, 6, Unit.HOURS, True),
    ),
    TargetSpec(
        "chronology",
        gettext_lazy("Chronology"),
        gettext_lazy("From the disposition to the first event of the chronology."),
        ClockTarget(True, 1, Unit.DAYS, True),
    ),
    TargetSpec(
        "plan",
        gettext_lazy("Follow-up plan"),
        gettext_lazy("From the disposition to the first service plan."),
        ClockTarget(True, 1, Unit.DAYS, True),
    ),
    TargetSpec(
        "monitoring",
        gettext_lazy("Monitoring review"),
        gettext_lazy("From the agreed plan or the last review to the next review."),
        ClockTarget(True, 6, Unit.MONTHS, False, soon_percent=85),
    ),
)
TARGET_CODES = tuple(spec.code for spec in TARGETS)
WEEKDAYS = (
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
)
MAX_CLOSED_DAYS = 366


def target_spec(code: str) -> TargetSpec:
    return next(spec for spec in TARGETS if spec.code == code)


@dataclass(frozen=True)
class ServiceLevels:
    """An organisation's calendar and targets, as the clocks read them."""

    calendar: WorkCalendar
    targets: dict[str, ClockTarget] = field(default_factory=dict)

    def target(self, code: str) -> ClockTarget:
        return self.targets.get(code) or target_spec(code).default


@dataclass(frozen=True)
class ServiceLevelInput:
    timezone: str
    holiday_country: str
    optional_holidays: bool
    workdays: frozenset[int]
    opens: time
    closes: time
    closed_days: tuple[date, ...]
    targets: dict[str, ClockTarget]


@lru_cache(maxsize=64)
def _calendar(
    timezone: str,
    workdays: frozenset[int],
    opens: time,
    closes: time,
    country: str,
    optional: bool,
    closed: frozenset[date],
) -> WorkCalendar:
    # Cached: building a country's holidays takes tens of milliseconds.
    return WorkCalendar(timezone, workdays, opens, closes, country, optional, closed)


def _targets(stored: dict) -> dict[str, ClockTarget]:
    targets = {}
    for spec in TARGETS:
        values = stored.get(spec.code)
        known = asdict(spec.default)
        if isinstance(values, dict):
            known.update({key: values[key] for key in known if key in values})
        targets[spec.code] = ClockTarget(**known)
    return targets


def service_levels_settings_of(organisation: Organisation) -> ServiceLevelSettings:
    """The stored settings, or unsaved defaults when the organisation has changed none."""
    return ServiceLevelSettings.objects.filter(
        organisation=organisation
    ).first() or ServiceLevelSettings(organisation=organisation)


def service_levels_of(organisation: Organisation) -> ServiceLevels:
    row = service_levels_settings_of(organisation)
    calendar = _calendar(
        row.timezone,
        frozenset(row.workdays),
        row.opens,
        row.closes,
        row.holiday_country,
        row.optional_holidays,
        frozenset(row.closed_days),
    )
    return ServiceLevels(calendar=calendar, targets=_targets(row.targets))


def target_window(
    calendar: WorkCalendar, start: datetime, target: ClockTarget
) -> tuple[datetime, datetime]:
    """(due soon from, due at) for a clock started at `start`, in the office's time zone."""
    if target.unit == Unit.MONTHS:
        due = calendar.add_months(start, target.amount, working=target.working)
        soon = calendar.local(start) + (due - start) * target.soon_percent / 100
        return (calendar.next_open(soon) if target.working else soon), due
    span = {
        Unit.MINUTES: timedelta(minutes=target.amount),
        Unit.HOURS: timedelta(hours=target.amount),
        # A working day is the office's opening hours; a calendar day is 24 hours.
        Unit.DAYS: target.amount * (calendar.day_length if target.working else timedelta(days=1)),
    }[target.unit]
    add = calendar.add_working if target.working else calendar.add_calendar
    return add(start, span * target.soon_percent / 100), add(start, span)


def holiday_countries() -> list[tuple[str, str]]:
    """(code, name) of every country the holidays calendar knows, by name."""
    from holidays.registry import COUNTRIES

    names = {entry[1]: entry[0] for entry in COUNTRIES.values()}
    return sorted(
        ((code, _spaced(names.get(code, code))) for code in holidays.list_supported_countries()),
        key=lambda pair: pair[1],
    )


def _spaced(name: str) -> str:
    """ "HongKong" → "Hong Kong" (the registry's class names)."""
    return "".join(f" {c}" if c.isupper() and i else c for i, c in enumerate(name))


def _check(data: ServiceLevelInput) -> None:
    errors: dict[str, list[str]] = {}
    if data.timezone not in available_timezones():
        errors["timezone"] = [_("Choose a time zone from the list.")]
    if data.holiday_country and data.holiday_country not in holidays.list_supported_countries():
        errors["holiday_country"] = [_("Choose a country from the list.")]
    if not data.workdays or not data.workdays <= frozenset(range(7)):
        errors["workdays"] = [_("Choose at least one working day.")]
    if data.opens >= data.closes:
        errors["closes"] = [_("The office must close after it opens.")]
    if len(data.closed_days) > MAX_CLOSED_DAYS:
        errors["closed_days"] = [_("At most %(n)d closed days.") % {"n": MAX_CLOSED_DAYS}]
    for code, target in data.targets.items():
        if code not in TARGET_CODES:
            errors[f"targets.{code}"] = [_("No such clock.")]
        elif target.unit not in Unit.values:
            errors[f"targets.{code}.unit"] = [_("Choose a unit from the list.")]
        elif not 1 <= target.amount <= UNIT_LIMITS[target.unit]:
            errors[f"targets.{code}.amount"] = [
                _("Between 1 and %(most)d.") % {"most": UNIT_LIMITS[target.unit]}
            ]
        if not 1 <= target.soon_percent <= 100:
            errors[f"targets.{code}.soon_percent"] = [_("A percentage between 1 and 100.")]
    if errors:
        raise DomainError(_("Some settings are not valid."), code="invalid", fields=errors)


@transaction.atomic
def service_levels_update(*, actor, data: ServiceLevelInput) -> ServiceLevelSettings:
    """The office admin or the division head sets the office's calendar and clock targets.
    All of it is checked before anything is saved."""
    policy.require(actor, Action.SETTINGS_MANAGE)
    _check(data)
    row, _created = ServiceLevelSettings.objects.select_for_update().get_or_create(
        organisation=actor.organisation
    )
    before = _snapshot(row)
    row.timezone = data.timezone
    row.holiday_country = data.holiday_country
    row.optional_holidays = data.optional_holidays
    row.workdays = sorted(data.workdays)
    row.opens = data.opens
    row.closes = data.closes
    row.closed_days = sorted(set(data.closed_days))
    row.targets = {code: asdict(target) for code, target in sorted(data.targets.items())}
    row.save()
    after = _snapshot(row)
    changed = {key: after[key] for key in after if before[key] != after[key]}
    if changed:
        domain_event_record(
            actor=actor.audit,
            name="organisation.service_levels_changed",
            object_type="organisation",
            object_id=actor.organisation.pk,
            detail=changed,
        )
    return row


def _snapshot(row: ServiceLevelSettings) -> dict:
    return {
        "timezone": row.timezone,
        "holiday_country": row.holiday_country,
        "optional_holidays": row.optional_holidays,
        "workdays": sorted(row.workdays),
        "opens": row.opens.isoformat(timespec="minutes"),
        "closes": row.closes.isoformat(timespec="minutes"),
        "closed_days": [day.isoformat() for day in sorted(row.closed_days)],
        "targets": _comparable_targets(row.targets),
    }


def _comparable_targets(stored: dict) -> dict:
    return {code: asdict(target) for code, target in _targets(stored).items()}
