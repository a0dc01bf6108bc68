"""The service plan: goals (short and long term), who does what by when, with barriers, and
the client's agreement. A revision is drafted, agreed (or refused) by the client, and then
never edited: a change is the next revision, which the client agrees to again."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.audit import AuditActor
from hub.core.errors import Conflict, DomainError, NotFound
from hub.core.outbox import domain_event_record
from tenants.care.checks import required_text
from tenants.care.models import (
    AgreementMethod,
    Goal,
    GoalStep,
    GoalTerm,
    PlanState,
    ServicePlan,
)
from tenants.care.selectors import case_for_care
from tenants.cases.lifecycle import Stage
from tenants.cases.models import Case
from tenants.documents.models import Document


def _draft_of(case: Case, plan_id: object) -> ServicePlan:
    try:
        plan = case.service_plans.select_for_update().get(pk=int(plan_id))
    except (TypeError, ValueError, ServicePlan.DoesNotExist):
        raise NotFound(_("Not found.")) from None
    if plan.state != PlanState.DRAFT:
        raise Conflict(
            _(
                "The client has already answered this revision of the plan: "
                "draft a new revision to change it."
            ),
            code="plan_settled",
        )
    return plan


def _event(actor: Actor, case: Case, name: str, **detail) -> None:
    domain_event_record(
        actor=actor.audit, name=name, object_type="case", object_id=case.pk, detail=detail
    )


def plan_draft_create(*, actor: Actor, case: Case, note: str = "") -> ServicePlan:
    """The next revision as a draft, starting from the goals of the latest revision.
    `case` comes locked from `case_for_care`; callers hold the transaction."""
    if case.service_plans.filter(state=PlanState.DRAFT).exists():
        raise Conflict(
            _("A draft of the plan is already waiting for the client's agreement."),
            code="plan_draft_exists",
        )
    previous = case.service_plans.order_by("-revision").first()
    revision = (case.service_plans.aggregate(last=Max("revision"))["last"] or 0) + 1
    plan = ServicePlan.objects.create(
        case=case,
        revision=revision,
        assessment=case.assessments.first(),
        note=note.strip(),
        drawn_up_by=actor.name,
    )
    if previous is not None:
        for goal in previous.goals.prefetch_related("steps"):
            copy = Goal.objects.create(
                plan=plan,
                term=goal.term,
                description=goal.description,
                barriers=goal.barriers,
                position=goal.position,
            )
            GoalStep.objects.bulk_create(
                GoalStep(goal=copy, who=s.who, what=s.what, due_on=s.due_on)
                for s in goal.steps.all()
            )
    _event(actor, case, "care.plan_drafted", plan=plan.pk, revision=revision)
    return plan


@transaction.atomic
def plan_draft(*, actor: Actor, case_id: object, note: str = "") -> ServicePlan:
    case = case_for_care(actor=actor, case_id=case_id, action=Action.CARE_PLAN)
    return plan_draft_create(actor=actor, case=case, note=note)


@transaction.atomic
def goal_add(
    *,
    actor: Actor,
    case_id: object,
    plan_id: object,
    term: str,
    description: str,
    barriers: str = "",
) -> Goal:
    case = case_for_care(actor=actor, case_id=case_id, action=Action.CARE_PLAN)
    plan = _draft_of(case, plan_id)
    if term not in GoalTerm.values:
        raise DomainError(_("Choose short or long term."), fields={"term": [_("Unknown value.")]})
    text = required_text(description, "description", _("Describe the goal."))
    goal = Goal.objects.create(
        plan=plan,
        term=term,
        description=text,
        barriers=barriers.strip(),
        position=plan.goals.count(),
    )
    _event(actor, case, "care.plan_changed", plan=plan.pk, goal=goal.pk, added=text[:200])
    return goal


@transaction.atomic
def goal_step_add(
    *,
    actor: Actor,
    case_id: object,
    goal_id: object,
    who: str,
    what: str,
    due_on: date | None = None,
) -> GoalStep:
    case = case_for_care(actor=actor, case_id=case_id, action=Action.CARE_PLAN)
    try:
        goal = Goal.objects.select_related("plan").get(pk=int(goal_id), plan__case=case)
    except (TypeError, ValueError, Goal.DoesNotExist):
        raise NotFound(_("Not found.")) from None
    _draft_of(case, goal.plan_id)
    step = GoalStep.objects.create(
        goal=goal,
        who=required_text(who, "who", _("Say who does it.")),
        what=required_text(what, "what", _("Say what is done.")),
        due_on=due_on,
    )
    _event(actor, case, "care.plan_changed", plan=goal.plan_id, goal=goal.pk, step=step.pk)
    return step


@transaction.atomic
def goal_remove(*, actor: Actor, case_id: object, goal_id: object) -> None:
    case = case_for_care(actor=actor, case_id=case_id, action=Action.CARE_PLAN)
    try:
        goal = Goal.objects.get(pk=int(goal_id), plan__case=case)
    except (TypeError, ValueError, Goal.DoesNotExist):
        raise NotFound(_("Not found.")) from None
    _draft_of(case, goal.plan_id)
    _event(actor, case, "care.plan_changed", plan=goal.plan_id, removed=goal.description[:200])
    goal.delete()


@transaction.atomic
def plan_agreement_record(
    *,
    actor: Actor,
    case_id: object,
    plan_id: object,
    agreed: bool,
    document_id: int | None = None,
    note: str = "",
    method: str = AgreementMethod.IN_PERSON,
) -> ServicePlan:
    """The client's answer to a drafted revision, given in person: the signed form is one of
    the case's documents. (An answer through a client link is `plan_agreement_by_link`.)"""
    case = case_for_care(actor=actor, case_id=case_id, action=Action.CARE_PLAN)
    if method != AgreementMethod.IN_PERSON:
        message = _("An answer through a client link is recorded by the link itself.")
        raise DomainError(message, fields={"method": [message]})
    plan = _draft_of(case, plan_id)
    document = case.documents.filter(pk=document_id).first() if document_id else None
    if document is None:
        message = _("Choose the signed form among the case's documents (upload it first).")
        raise DomainError(message, fields={"document_id": [message]})
    return _answer(
        plan, agreed=agreed, note=note, by=actor.audit, recorded_by=actor.name, document=document
    )


@transaction.atomic
def plan_agreement_by_link(
    *, case_id: int, plan_id: int, link_id: int, agreed: bool, note: str, by: AuditActor
) -> ServicePlan:
    """The client answered the plan through a client link: the link (checked, single-use, in
    this organisation's schema) is the authority, not a member of staff."""
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    if case is None or case.stage == Stage.TERMINATION:
        raise Conflict(
            _("This case has ended: its services can no longer be changed."), code="case_closed"
        )
    plan = _draft_of(case, plan_id)
    return _answer(plan, agreed=agreed, note=note, by=by, recorded_by=by.label, link_id=link_id)


def _answer(
    plan: ServicePlan,
    *,
    agreed: bool,
    note: str,
    by: AuditActor,
    recorded_by: str,
    document: Document | None = None,
    link_id: int | None = None,
) -> ServicePlan:
    """Record the answer on the drafted revision; an agreed one replaces the one before."""
    if not plan.goals.exists():
        message = _("A plan needs at least one goal before the client can agree to it.")
        raise DomainError(message, code="plan_empty")
    if agreed:
        plan.case.service_plans.filter(state=PlanState.AGREED).update(state=PlanState.SUPERSEDED)
    plan.state = PlanState.AGREED if agreed else PlanState.REFUSED
    plan.agreement_method = AgreementMethod.IN_PERSON if document else AgreementMethod.LINK
    plan.agreement_document = document
    plan.agreement_link_id = link_id
    plan.agreement_note = note.strip()
    plan.agreed_at = timezone.now()
    plan.recorded_by = recorded_by
    plan.save()
    domain_event_record(
        actor=by,
        name="care.plan_agreed" if agreed else "care.plan_refused",
        object_type="case",
        object_id=plan.case_id,
        detail={
            "plan": plan.pk,
            "revision": plan.revision,
            "method": plan.agreement_method,
            "document": document.pk if document else None,
            "link": link_id,
        },
    )
    return plan
