"""The service-level clocks as one table: from which recorded fact each runs, which fact stops
it, and the target (hub.organisations.service_levels) that says how long it may take."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Case as CaseWhen
from django.db.models import F, OuterRef, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from hub.organisations.service_levels import target_spec
from tenants.care.models import Intervention, PlanState, Review, ServicePlan
from tenants.cases.models import Assignment, CaseSection
from tenants.events.models import Event


class ClockState(models.TextChoices):
    MET = "met", _("Met")
    MISSED = "missed", _("Met late")
    RUNNING = "running", _("Running")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    WAITING = "waiting", _("Not started yet")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


# How each state looks (the CSS badge tone) and in which order a list puts it.
TONE = {
    ClockState.MET: "ok",
    ClockState.MISSED: "warn",
    ClockState.RUNNING: "run",
    ClockState.DUE_SOON: "soon",
    ClockState.OVERDUE: "danger",
    ClockState.WAITING: "muted",
    ClockState.NOT_APPLICABLE: "muted",
}
URGENCY = {ClockState.OVERDUE: 0, ClockState.DUE_SOON: 1, ClockState.RUNNING: 2}
ALERT_STATES = frozenset({ClockState.DUE_SOON, ClockState.OVERDUE})


def _first(model, field: str, **where) -> Subquery:
    rows = model.objects.filter(case=OuterRef("pk"), **where).order_by(field, "id")
    return Subquery(rows.values(field)[:1])


# Recorded facts, each one annotation on a case queryset (one query for any number of cases).
FACTS: dict[str, object] = {
    # Arrival at the office: a complaint from the portal has none (nobody waits at a desk).
    "arrival": CaseWhen(
        When(arrival_channel="portal", then=Value(None)),
        default=F("arrived_at"),
        output_field=models.DateTimeField(),
    ),
    "registration": F("opened_at"),
    "disposition": _first(Assignment, "assigned_at"),
    "first_service": _first(Intervention, "created_at"),
    "first_event": _first(Event, "created_at"),
    "first_plan": _first(ServicePlan, "created_at"),
    "plan_agreed": _first(
        ServicePlan,
        "agreed_at",
        state__in=[PlanState.AGREED, PlanState.SUPERSEDED],
        agreed_at__isnull=False,
    ),
    "last_review": Subquery(
        Review.objects.filter(case=OuterRef("pk")).order_by("-held_on").values("held_on")[:1]
    ),
}
FACT_PREFIX = "clock_fact_"


@dataclass(frozen=True)
class ClockDefinition:
    code: str  # also the code of its target in the organisation's settings
    starts: str  # a fact of FACTS, or "monitoring" (the later of plan agreed, last review)
    stops: str | None  # None: a recurring clock, due again and again
    # The restricted section whose facts the clock tells of: hidden with it.
    section: str | None = None
    # Without its starting fact the clock does not apply at all (rather than waiting for it).
    needs_start: bool = False

    @property
    def label(self):
        return target_spec(self.code).label

    @property
    def help(self):
        return target_spec(self.code).help


# Seed 004's standard times, in the order the work goes. Whether a clock counts working time
# is its target's setting (defaults: working time, but monitoring in calendar months).
CLOCKS: tuple[ClockDefinition, ...] = (
    ClockDefinition("data_entry", starts="arrival", stops="registration", needs_start=True),
    ClockDefinition("disposition", starts="registration", stops="disposition"),
    ClockDefinition(
        "service", starts="disposition", stops="first_service", section=CaseSection.CARE
    ),
    ClockDefinition(
        "chronology", starts="disposition", stops="first_event", section=CaseSection.CHRONOLOGY
    ),
    ClockDefinition("plan", starts="disposition", stops="first_plan", section=CaseSection.CARE),
    ClockDefinition("monitoring", starts="monitoring", stops=None, section=CaseSection.CARE),
)


def facts_annotation() -> dict[str, object]:
    return {f"{FACT_PREFIX}{name}": expression for name, expression in FACTS.items()}
