"""Who works on a case: the consultation queue, appointments by the division head (the
disposition sheet of seed 004), ending an assignment, and each person's own cases."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.models import Membership
from hub.accounts.policy import Action
from hub.accounts.roles import Role
from hub.core.errors import Conflict, DomainError, NotFound
from hub.core.outbox import domain_event_record
from tenants.cases.lifecycle import Move, Stage
from tenants.cases.models import ASSIGNABLE_ROLES, Assignment, Case
from tenants.cases.selectors import case_for_actor, case_subject, cases_for_actor
from tenants.cases.services import assignment_add, case_transition

# The owner roles need their own appointment right; everyone else is an assistant or a
# service provider the division head disposes the case to.
_APPOINTING_ACTION = {Role.CASE_LAWYER: Action.APPOINT_CASE_LAWYER}


def consultation_queue(*, actor: Actor) -> QuerySet[Case]:
    """Registered cases no consultation lawyer has yet, oldest first (first come)."""
    owned = Assignment.objects.filter(
        case=OuterRef("pk"), role=Role.CONSULTATION_LAWYER, ended_at__isnull=True
    )
    return (
        cases_for_actor(actor=actor)
        .filter(stage=Stage.REGISTRATION)
        .exclude(Exists(owned))
        .order_by("opened_at", "id")
    )


def cases_assigned_to(*, actor: Actor) -> QuerySet[Case]:
    """ "My cases": the cases the person works on now, most recently changed first."""
    mine = Assignment.objects.filter(
        case=OuterRef("pk"), user_id=actor.user_id, ended_at__isnull=True
    )
    return cases_for_actor(actor=actor).filter(Exists(mine)).order_by("-updated_at", "-id")


def assignments_of(*, case: Case) -> QuerySet[Assignment]:
    return case.assignments.all()


def assignable_staff(*, actor: Actor, role: str) -> list[tuple[int, str]]:
    """(user id, name) of the organisation's active members who hold `role`."""
    rows = (
        Membership.objects.filter(organisation=actor.organisation, role=role, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    return [(m.user_id, m.user.full_name or m.user.email) for m in rows]


@transaction.atomic
def case_take(*, actor: Actor, case_id: object) -> Case:
    """A consultation lawyer takes a registered case from the queue (and owns the consultation)."""
    case = case_for_actor(actor=actor, case_id=case_id)
    return case_transition(actor=actor, case_id=case.pk, move=Move.TAKE)


@transaction.atomic
def assignment_appoint(
    *, actor: Actor, case_id: object, user_id: int, role: str, instruction: str = ""
) -> Assignment:
    """The division head appoints staff to a case. Appointing the case lawyer at the case
    meeting starts accompaniment; a new case lawyer replaces the previous one."""
    case = case_for_actor(actor=actor, case_id=case_id)
    if role not in ASSIGNABLE_ROLES:
        raise DomainError(_("This role cannot be assigned to a case."), fields={"role": [role]})
    policy.require(
        actor, _APPOINTING_ACTION.get(role, Action.APPOINT_ASSISTANT), case_subject(case)
    )
    member = (
        Membership.objects.filter(
            organisation=actor.organisation, role=role, user_id=user_id, user__is_active=True
        )
        .select_related("user")
        .first()
    )
    if member is None:
        raise DomainError(
            _("This person does not hold that role in the organisation."),
            code="not_a_member_in_role",
            fields={"user_id": [_("Choose a member who holds the role.")]},
        )
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.stage == Stage.TERMINATION:
        raise Conflict(_("The case has ended; nobody can be appointed to it."))
    active = case.assignments.filter(role=role, ended_at__isnull=True)
    if active.filter(user_id=user_id).exists():
        raise Conflict(_("This person already works on the case in that role."))
    if role in (Role.CASE_LAWYER, Role.CONSULTATION_LAWYER):
        for previous in active:
            _end(previous, by=actor)
    assignment = assignment_add(
        case=case,
        user_id=user_id,
        user_label=member.user.full_name or member.user.email,
        role=role,
        by=actor,
        instruction=instruction.strip(),
    )
    if role == Role.CASE_LAWYER and case.stage == Stage.CASE_MEETING:
        case_transition(actor=actor, case_id=case.pk, move=Move.ACCOMPANY)
    return assignment


@transaction.atomic
def assignment_end(*, actor: Actor, case_id: object, assignment_id: object) -> Assignment:
    """The division head takes someone off a case; the row stays as the record."""
    case = case_for_actor(actor=actor, case_id=case_id)
    try:
        pk = int(assignment_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    assignment = case.assignments.select_for_update().filter(pk=pk).first()
    if assignment is None:
        raise NotFound(_("Not found."))
    policy.require(
        actor,
        _APPOINTING_ACTION.get(assignment.role, Action.APPOINT_ASSISTANT),
        case_subject(case),
    )
    if assignment.ended_at is not None:
        raise Conflict(_("This assignment has already ended."))
    if assignment.role == Role.CASE_LAWYER and case.stage == Stage.ACCOMPANIMENT:
        raise Conflict(
            _("An accompanied case keeps its case lawyer: appoint the next one instead."),
            code="case_lawyer_required",
        )
    return _end(assignment, by=actor)


def _end(assignment: Assignment, *, by: Actor) -> Assignment:
    assignment.ended_at = timezone.now()
    assignment.ended_by_label = by.name
    assignment.save(update_fields=["ended_at", "ended_by_label"])
    domain_event_record(
        actor=by.audit,
        name="case.assignment_ended",
        object_type="case",
        object_id=assignment.case_id,
        detail={"assignment": assignment.pk, "to": assignment.user_label, "role": assignment.role},
    )
    return assignment
