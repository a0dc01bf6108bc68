"""Recording a case's facts at chosen moments (a frozen clock), for the clock tests."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from freezegun import freeze_time

from hub.accounts.roles import Role
from hub.organisations.models import ServiceLevelSettings
from tenants.care.models import Intervention, PlanState, Review, ServicePlan
from tenants.cases.assignments import case_take
from tenants.cases.models import Case
from tenants.cases.registration import Intake, case_register
from tenants.clocks.selectors import CaseClock, case_clocks
from tenants.events.services import EventData, event_record
from tests.builders import actor, in_schema, member

WIB = ZoneInfo("Asia/Jakarta")
HKT = ZoneInfo("Asia/Hong_Kong")


def wib(*args) -> datetime:
    return datetime(*args, tzinfo=WIB)


def hkt(*args) -> datetime:
    return datetime(*args, tzinfo=HKT)


def hong_kong(org) -> None:
    """Make a test organisation a Hong Kong office (its time zone and holidays)."""
    ServiceLevelSettings.objects.update_or_create(
        organisation=org.organisation,
        defaults={"timezone": "Asia/Hong_Kong", "holiday_country": "HK"},
    )


def registered(
    org, at: datetime, *, arrived: datetime | None = None, channel: str = "walk_in", **fields
) -> Case:
    """A case registered by reception at `at` (the client arrived at `arrived`)."""
    a = org.organisation
    with freeze_time(at), in_schema(a):
        return case_register(
            actor=actor(a, Role.RECEPTIONIST),
            title=fields.pop("title", "Kasus jam layanan"),
            intake=Intake(arrival_channel=channel if arrived else "", arrived_at=arrived),
            **fields,
        )


def taken(org, case: Case, at: datetime) -> None:
    """The consultation lawyer takes the case at `at`: the disposition."""
    with freeze_time(at), in_schema(org.organisation):
        case_take(actor=member(org, Role.CONSULTATION_LAWYER), case_id=case.pk)


def event_at(org, case: Case, at: datetime) -> None:
    with freeze_time(at), in_schema(org.organisation):
        event_record(
            actor=member(org, Role.DIVISION_HEAD),
            case=case,
            data=EventData(description="Paspor ditahan majikan"),
        )


def service_at(org, case: Case, at: datetime) -> None:
    with freeze_time(at), in_schema(org.organisation):
        Intervention.objects.create(
            case=case,
            service="counselling",
            provider="Konselor",
            started_on=at.date(),
            description="Konseling awal",
        )


def plan_at(
    org, case: Case, at: datetime, *, agreed_at: datetime | None = None, revision: int = 1
) -> None:
    with freeze_time(at), in_schema(org.organisation):
        ServicePlan.objects.create(
            case=case,
            revision=revision,
            state=PlanState.AGREED if agreed_at else PlanState.DRAFT,
            drawn_up_by="Konselor",
            agreed_at=agreed_at,
        )


def review_on(org, case: Case, held_on: date) -> None:
    with in_schema(org.organisation):
        Review.objects.create(
            case=case, held_on=held_on, progress="Klien sudah bekerja", reviewed_by="Konselor"
        )


def clocks_at(org, case: Case, now: datetime, **kwargs) -> dict[str, CaseClock]:
    with in_schema(org.organisation):
        return {c.code: c for c in case_clocks(case=case, now=now, **kwargs)}


def states_at(org, case: Case, now: datetime) -> dict[str, str]:
    return {code: clock.state for code, clock in clocks_at(org, case, now).items()}
