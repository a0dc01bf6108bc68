"""Reads of cases, scoped by construction to the current schema and the actor's role."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.audit import audit_events_for
from hub.core.errors import NotFound
from tenants.cases.models import Case
from tenants.people.models import Person


def cases_for_actor(*, actor: Actor) -> QuerySet[Case]:
    policy.require(actor, Action.CASE_READ)
    return Case.objects.all()


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
