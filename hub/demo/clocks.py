"""The demo's service-level clocks: a Hong Kong office keeps Hong Kong's time and holidays, and
each case's facts get the times an office would have recorded them (the seed works every case
in one go, so without this every disposition would look a year late)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.db.models import F, Min
from django.utils import timezone

from hub.organisations.models import Organisation, OrganisationKind, ServiceLevelSettings
from hub.organisations.service_levels import service_levels_of
from hub.organisations.worktime import WorkCalendar
from tenants.care.models import Intervention, ServicePlan
from tenants.cases.lifecycle import Stage
from tenants.cases.models import Assignment, Case
from tenants.events.models import Event

# Offices abroad keep their own calendar; everyone else keeps the defaults (Jakarta, Indonesia).
CALENDARS = {"migrant-aid-hk": {"timezone": "Asia/Hong_Kong", "holiday_country": "HK"}}
RECENT = 8  # open cases per office registered in the last working days, with clocks running


# The demo's legal-aid office and union do not log social-work services (tenants.care) on their
# cases, so seed 004's first-service and follow-up-plan clocks are switched off there, as such
# an office's admin would; the crisis centre and the Hong Kong service keep every clock.
SOCIAL_WORK_CLOCKS_OFF = {"service": {"on": False}, "plan": {"on": False}}
WITHOUT_SOCIAL_WORK = (OrganisationKind.LEGAL_AID, OrganisationKind.UNION)


def demo_service_levels(organisation: Organisation) -> None:
    settings = dict(CALENDARS.get(organisation.slug, {}))
    if organisation.kind in WITHOUT_SOCIAL_WORK:
        settings["targets"] = SOCIAL_WORK_CLOCKS_OFF
    if settings:
        ServiceLevelSettings.objects.update_or_create(organisation=organisation, defaults=settings)


def _shift(rows, moment_field: str, first: datetime | None, to: datetime, now: datetime) -> None:
    """Move a case's rows of one kind so the first falls at `to`, keeping their order."""
    if first is None or to >= now:
        return
    rows.update(**{moment_field: F(moment_field) + (to - first)})


def _working(calendar: WorkCalendar, start: datetime, rng: random.Random, hours: tuple) -> datetime:
    return calendar.add_working(start, timedelta(minutes=rng.randint(*hours) * 60))


def demo_clock_facts(organisation: Organisation) -> None:
    """Inside the organisation's schema: registration, arrival, disposition, first event and
    first service of each case at plausible working times; a few open cases recent enough that
    their clocks still run, fall due or are overdue when the demo starts."""
    # Its own random numbers: the rest of the demo stays what it was.
    rng = random.Random(f"clocks-{organisation.slug}")
    calendar = service_levels_of(organisation).calendar
    now = timezone.now()
    # Cases served for months (hub.demo.care) keep their history; the others may be recent.
    open_ids = list(
        Case.objects.exclude(stage=Stage.TERMINATION)
        .filter(interventions__isnull=True)
        .order_by("id")
        .values_list("pk", flat=True)
    )
    recent = set(rng.sample(open_ids, min(RECENT, len(open_ids))))
    for case in Case.objects.order_by("id"):
        if case.pk in recent:
            # Registered within the last working day and a half, at a working moment.
            back = timedelta(minutes=rng.randint(30, 12 * 60))
            opened = calendar.next_open(now - back)
            opened = min(opened, now - timedelta(minutes=20))
            Case.objects.filter(pk=case.pk).update(opened_at=opened)
        else:
            opened = calendar.next_open(case.opened_at)
            Case.objects.filter(pk=case.pk).update(opened_at=opened)
        if case.arrived_at is not None and case.arrival_channel != "portal":
            # Data entry took five to forty minutes after the client arrived.
            arrived = opened - timedelta(minutes=rng.randint(5, 40))
            Case.objects.filter(pk=case.pk).update(arrived_at=arrived)
        assignments = Assignment.objects.filter(case=case)
        first = assignments.aggregate(first=Min("assigned_at"))["first"]
        disposed = _working(calendar, opened, rng, (1, 12))
        _shift(assignments, "assigned_at", first, disposed, now)
        if first is None or disposed >= now:
            continue
        for model, hours in ((Event, (1, 14)), (Intervention, (1, 8)), (ServicePlan, (2, 12))):
            rows = model.objects.filter(case=case)
            first_row = rows.aggregate(first=Min("created_at"))["first"]
            _shift(rows, "created_at", first_row, _working(calendar, disposed, rng, hours), now)
