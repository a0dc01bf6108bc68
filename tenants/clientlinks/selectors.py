"""Reads for the links page: a case's links with whom they are for and what was answered."""

from __future__ import annotations

from dataclasses import dataclass

from hub.accounts.access import Actor
from hub.consent.selectors import consent_for_case
from hub.links.models import ClientLink
from hub.links.purposes import purpose_for
from hub.links.selectors import links_answered, links_of_case
from hub.organisations.models import Organisation
from tenants.cases.models import Case, CasePerson, PersonRole
from tenants.cases.selectors import cases_for_actor
from tenants.people.link_verification import CODE as VERIFICATION
from tenants.people.link_verification import Correction, verification_corrections
from tenants.people.models import Person


@dataclass(frozen=True)
class LinkRow:
    link: ClientLink
    purpose_label: str
    person_name: str
    summary: str  # the answer in one line; empty until answered
    corrections: tuple[Correction, ...] = ()  # verification answers waiting for review
    person_version: int | None = None


def case_link_rows(*, actor: Actor, case: Case) -> list[LinkRow]:
    """The case's links, newest first (the caller has opened the case for the actor)."""
    links = list(links_of_case(organisation=actor.organisation, case_id=case.pk))
    people = Person.objects.in_bulk({link.person_id for link in links if link.person_id})
    rows = []
    for link in links:
        purpose = purpose_for(link.purpose)
        person = people.get(link.person_id)
        waiting = link.waits_for_review and link.purpose == VERIFICATION
        rows.append(
            LinkRow(
                link=link,
                purpose_label=str(purpose.label),
                person_name=str(person) if person else "",
                summary=purpose.summarise(link) if link.used_at else "",
                corrections=tuple(verification_corrections(link=link)) if waiting else (),
                person_version=person.version if person else None,
            )
        )
    return rows


def case_clients(*, case: Case) -> list[Person]:
    """The people of the case a verification link can be for: not the perpetrators."""
    ids = (
        CasePerson.objects.filter(case=case)
        .exclude(role=PersonRole.PERPETRATOR)
        .values_list("person_id", flat=True)
    )
    return list(Person.objects.filter(pk__in=ids).order_by("display_name", "id"))


def case_consent(*, actor: Actor, case: Case):
    """The case's consent record now (the newest), for the page to show."""
    return consent_for_case(organisation=actor.organisation, case_id=case.pk)


def consent_members(*, organisation: Organisation) -> list[Organisation]:
    """The other members a client may name to limit sharing to (the signed form's list)."""
    return list(Organisation.objects.members().exclude(pk=organisation.pk).order_by("name"))


def answers_to_review(*, actor: Actor, case_ids=None):
    """Answered links waiting for staff, on cases the actor may open (the dashboard's list)."""
    visible = cases_for_actor(actor=actor).values_list("pk", flat=True)
    if case_ids is not None:
        visible = visible.filter(pk__in=list(case_ids))
    return links_answered(organisation=actor.organisation, case_ids=list(visible))
