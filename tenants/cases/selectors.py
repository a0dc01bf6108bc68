"""Reads of cases, scoped by construction to the current schema and the actor's role."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.models import Membership
from hub.accounts.policy import Action, CaseSubject
from hub.consent.models import ConsentRecord
from hub.core.audit import audit_events_for
from hub.core.errors import DomainError, NotFound
from hub.organisations.models import Organisation
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import require_known_codes
from tenants.cases.models import Assignment, Case, CasePerson, PersonRole
from tenants.people.models import Person


def cases_for_actor(*, actor: Actor) -> QuerySet[Case]:
    """The cases the actor may open: all of them, less restricted cases not assigned to them
    (unless the policy lets them past restrictions)."""
    policy.require(actor, Action.CASE_READ)
    cases = Case.objects.all()
    if policy.bypasses_restriction(actor):
        return cases
    assigned = Assignment.objects.filter(
        case=OuterRef("pk"), user_id=actor.user_id, ended_at__isnull=True
    )
    return cases.filter(Q(restricted=False) | Exists(assigned))


def case_subject(case: Case) -> CaseSubject:
    """What the policy's conditions look at: restriction and who is assigned now."""
    assignees = case.assignments.filter(ended_at__isnull=True).values_list("user_id", flat=True)
    return CaseSubject(
        restricted=case.restricted,
        assignee_user_ids=frozenset(assignees),
        restricted_sections=frozenset(case.restricted_sections),
    )


def case_for_actor(*, actor: Actor, case_id: object) -> Case:
    """The case if the actor may open it; missing and forbidden look the same (404)."""
    try:
        case_pk = int(case_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    case = cases_for_actor(actor=actor).filter(pk=case_pk).first()
    if case is None:
        raise NotFound(_("Not found."))
    return case


def case_group(*, actor: Actor, case: Case) -> QuerySet[Case]:
    """The other cases of the same group complaint that the actor may open, oldest first
    (the filer's case, then the listed workers'), each with its client's name."""
    if not case.group_code:
        return Case.objects.none()
    client = CasePerson.objects.filter(
        case=OuterRef("pk"),
        role__in=[PersonRole.COMPLAINANT, PersonRole.APPLICANT, PersonRole.VICTIM],
    ).order_by("id")
    return (
        cases_for_actor(actor=actor)
        .filter(group_code=case.group_code)
        .exclude(pk=case.pk)
        .annotate(client_name=Subquery(client.values("person__display_name")[:1]))
        .order_by("opened_at", "id")
    )


def cases_with_consent_state(cases: QuerySet[Case], *, organisation: Organisation):
    """Each case with `consent_pending`: a worker listed in a group complaint has not answered
    for themself yet (their case holds only the empty consent made when the complaint was
    filed, and no answer by link or signed form since): nothing of it is shared or counted.
    Two subqueries, none per row."""
    records = ConsentRecord.objects.filter(organisation=organisation, case_id=OuterRef("pk"))
    return cases.annotate(
        consent_pending=Exists(records.filter(complaint_member__isnull=False))
        & ~Exists(records.filter(complaint_member__isnull=True))
    )


def case_consent_pending(*, organisation: Organisation, case: Case) -> bool:
    """`consent_pending` of one case (cases_with_consent_state)."""
    one = cases_with_consent_state(Case.objects.filter(pk=case.pk), organisation=organisation)
    return bool(one.values_list("consent_pending", flat=True).first())


def case_people(*, case: Case) -> list[tuple[Person, tuple[str, ...]]]:
    """Each person of the case once, with all their roles in it."""
    people: dict[int, Person] = {}
    roles: dict[int, list[str]] = {}
    for link in case.roles.select_related("person").order_by("person_id", "role"):
        people[link.person_id] = link.person
        roles.setdefault(link.person_id, []).append(link.role)
    return [(person, tuple(roles[pk])) for pk, person in people.items()]


def case_audit_trail(*, case: Case):
    return audit_events_for(object_type="case", object_id=case.pk)


def cases_filtered(
    *,
    actor: Actor,
    stage: str = "",
    status: str = "",
    case_type: str = "",
    q: str = "",
    assignee: int | None = None,
    opened_from: date | None = None,
    opened_to: date | None = None,
) -> QuerySet[Case]:
    """The actor's cases narrowed by the list filters (all optional): `assignee` is the user id
    of a member of staff working on the case now; the dates are days in the office's zone."""
    cases = cases_for_actor(actor=actor)
    if stage:
        cases = cases.filter(stage=stage)
    if status:
        cases = cases.filter(status=status)
    if case_type:
        require_known_codes(vocabulary=Vocabulary.CASE_TYPE, codes=[case_type], field="case_type")
        cases = cases.filter(case_types__contains=[case_type])
    if assignee is not None:
        if not Membership.objects.filter(
            organisation=actor.organisation, user_id=assignee
        ).exists():
            message = _("No member of staff of this organisation has this id.")
            raise DomainError(message, code="unknown_assignee", fields={"assignee": [message]})
        works = Assignment.objects.filter(
            case=OuterRef("pk"), user_id=assignee, ended_at__isnull=True
        )
        cases = cases.filter(Exists(works))
    if opened_from is not None:
        cases = cases.filter(opened_at__gte=_start_of(opened_from))
    if opened_to is not None and opened_to < date.max:
        cases = cases.filter(opened_at__lt=_start_of(opened_to + timedelta(days=1)))
    for word in q.split():
        cases = cases.filter(Q(number__icontains=word) | Q(title__icontains=word))
    return cases


def _start_of(day: date) -> datetime:
    """Midnight of `day` in the current time zone (an index range, not a cast per row)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def case_hidden_sections(*, actor: Actor, subject: CaseSubject) -> frozenset[str]:
    """The restricted sections of an open case this actor may not read."""
    return frozenset(
        section
        for section in subject.restricted_sections
        if not policy.reads_section(actor, subject, section)
    )
