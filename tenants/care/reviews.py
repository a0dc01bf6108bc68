"""Monitoring: reviews at least every six months (seed 003), each of which may open a revision
of the plan, and case conferences (who met, what they decided) before intervention."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.outbox import domain_event_record
from tenants.care.checks import not_in_future, required_text
from tenants.care.models import Conference, Review
from tenants.care.plans import plan_draft_create
from tenants.care.selectors import case_for_care


@transaction.atomic
def review_record(
    *,
    actor: Actor,
    case_id: object,
    held_on: date,
    progress: str,
    findings: str = "",
    revise_plan: bool = False,
) -> Review:
    case = case_for_care(actor=actor, case_id=case_id, action=Action.CARE_PLAN)
    not_in_future(held_on, "held_on")
    text = required_text(progress, "progress", _("Write how the client is doing against the plan."))
    review = Review.objects.create(
        case=case,
        held_on=held_on,
        progress=text,
        findings=findings.strip(),
        reviewed_by=actor.name,
    )
    if revise_plan:
        review.revised_plan = plan_draft_create(
            actor=actor,
            case=case,
            note=_("Revision after the review of %(date)s") % {"date": held_on.isoformat()},
        )
        review.save(update_fields=["revised_plan"])
    domain_event_record(
        actor=actor.audit,
        name="care.reviewed",
        object_type="case",
        object_id=case.pk,
        detail={"review": review.pk, "held_on": held_on.isoformat(), "revise_plan": revise_plan},
    )
    return review


@transaction.atomic
def conference_record(
    *,
    actor: Actor,
    case_id: object,
    held_on: date,
    participants: str,
    decisions: str,
    agenda: str = "",
) -> Conference:
    case = case_for_care(actor=actor, case_id=case_id, action=Action.CARE_PLAN)
    not_in_future(held_on, "held_on")
    conference = Conference.objects.create(
        case=case,
        held_on=held_on,
        participants=required_text(participants, "participants", _("List who took part.")),
        decisions=required_text(decisions, "decisions", _("Write what was decided.")),
        agenda=agenda.strip(),
        recorded_by=actor.name,
    )
    domain_event_record(
        actor=actor.audit,
        name="care.conference_held",
        object_type="case",
        object_id=case.pk,
        detail={"conference": conference.pk, "held_on": held_on.isoformat()},
    )
    return conference
