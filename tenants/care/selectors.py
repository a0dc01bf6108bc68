"""Reads of a case's services: the case opened for care work, and its care record."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.errors import Conflict
from tenants.care.models import (
    Assessment,
    Conference,
    Contact,
    Goal,
    Intervention,
    PlanState,
    Review,
    ServicePlan,
    Termination,
)
from tenants.cases.lifecycle import Stage
from tenants.cases.models import Case, CaseSection
from tenants.cases.selectors import case_for_actor, case_subject


def case_for_care(*, actor: Actor, case_id: object, action: Action | None = None) -> Case:
    """The case, if the actor may open it and read its services; with `action`, also if they
    may take it there and the case is still running (its row locked for the write)."""
    case = case_for_actor(actor=actor, case_id=case_id)
    subject = case_subject(case)
    policy.require_section(actor, subject, CaseSection.CARE)
    if action is None:
        return case
    policy.require(actor, action, subject)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.stage == Stage.TERMINATION:
        raise Conflict(
            _("This case has ended: its services can no longer be changed."), code="case_closed"
        )
    return case


@dataclass(frozen=True)
class CareRecord:
    assessments: list[Assessment]
    plans: list[ServicePlan]
    interventions: list[Intervention]
    contacts: list[Contact]
    reviews: list[Review]
    conferences: list[Conference]
    termination: Termination | None

    @property
    def assessment(self) -> Assessment | None:
        return self.assessments[0] if self.assessments else None

    @property
    def plan(self) -> ServicePlan | None:
        """The plan in force: the latest the client agreed to."""
        return next((p for p in self.plans if p.state == PlanState.AGREED), None)

    @property
    def draft(self) -> ServicePlan | None:
        return next((p for p in self.plans if p.state == PlanState.DRAFT), None)


def care_record(*, case: Case) -> CareRecord:
    """Everything of a case's services, in a fixed number of queries."""
    goals = Goal.objects.prefetch_related("steps")
    return CareRecord(
        assessments=list(case.assessments.all()),
        plans=list(case.service_plans.prefetch_related(Prefetch("goals", queryset=goals))),
        interventions=list(
            case.interventions.select_related("goal").prefetch_related("documents", "contacts")
        ),
        contacts=list(case.contacts.select_related("intervention")),
        reviews=list(case.reviews.select_related("revised_plan")),
        conferences=list(case.conferences.all()),
        termination=Termination.objects.filter(case=case).select_related("signed_form").first(),
    )


def goals_in_force(*, case_id: object) -> QuerySet[Goal]:
    """The goals of the plan the client agreed to last (a service may work towards one)."""
    return Goal.objects.filter(plan__case_id=case_id, plan__state=PlanState.AGREED)
