"""Reads of people: only people of cases the actor may open; the picker and duplicate hints."""

from __future__ import annotations

from datetime import date

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Exists, F, Func, OuterRef, Q, QuerySet, Value
from django.utils.translation import gettext as _

from hub.accounts.access import Actor
from hub.accounts.policy import CaseSubject
from hub.core.errors import NotFound
from tenants.cases.models import Assignment, Case, CasePerson
from tenants.cases.selectors import cases_for_actor
from tenants.people.models import Person, PersonRelation

# Names this similar (pg_trgm, 0..1) are worth a second look: agents falsify names.
SIMILAR_NAME = 0.45


def people_for_actor(*, actor: Actor) -> QuerySet[Person]:
    """People linked to at least one case the actor may open, newest first."""
    visible = CasePerson.objects.filter(
        person=OuterRef("pk"), case__in=cases_for_actor(actor=actor)
    )
    return Person.objects.filter(Exists(visible))


def person_for_actor(*, actor: Actor, person_id: object) -> Person:
    try:
        pk = int(person_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    person = people_for_actor(actor=actor).filter(pk=pk).first()
    if person is None:
        raise NotFound(_("Not found."))
    return person


def person_subject(person: Person) -> CaseSubject:
    """The policy's view of a person: restricted if any of their cases is, worked on by
    whoever works on any of their cases."""
    cases = Case.objects.filter(roles__person=person)
    assignees = Assignment.objects.filter(case__in=cases, ended_at__isnull=True).values_list(
        "user_id", flat=True
    )
    return CaseSubject(
        restricted=cases.filter(restricted=True).exists(),
        assignee_user_ids=frozenset(assignees),
    )


def person_picker(*, actor: Actor, q: str = "") -> QuerySet[Person]:
    """The person picker: newest first, searchable by any name or variant."""
    people = people_for_actor(actor=actor)
    for word in q.split():
        people = people.filter(Q(display_name__icontains=word) | Q(name_variants__icontains=word))
    return people.order_by("-created_at", "-id")


def person_duplicates(
    *, actor: Actor, name: str = "", birth_date: date | None = None, phone: str = "", nik: str = ""
) -> QuerySet[Person]:
    """People who may be the one being registered: a similar name (trigram), or the same
    phone, NIK, or birth date with a somewhat similar name. Hints, never merges."""
    people = people_for_actor(actor=actor)
    match = Q(pk__in=[])
    if name.strip():
        people = people.annotate(similarity=TrigramSimilarity("display_name", name.strip()))
        match |= Q(similarity__gte=SIMILAR_NAME)
        if birth_date:
            match |= Q(birth_date=birth_date, similarity__gte=SIMILAR_NAME / 2)
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) >= 8:
        people = people.annotate(
            phone_digits=Func(
                F("phone"), Value("[^0-9]"), Value(""), Value("g"), function="regexp_replace"
            )
        )
        match |= Q(phone_digits__endswith=digits[-8:])
    if nik:
        match |= Q(nik=nik)
    ordering = ["-similarity", "-id"] if name.strip() else ["-id"]
    return people.filter(match).order_by(*ordering)[:10]


def person_relations(*, actor: Actor, person: Person) -> QuerySet[PersonRelation]:
    """The person's relations to people the actor may see (a child known only from a
    restricted case stays unnamed on the father's record)."""
    return person.relations.filter(other__in=people_for_actor(actor=actor)).select_related("other")


def person_case_links(*, actor: Actor, person: Person) -> QuerySet[CasePerson]:
    """The person's roles in the cases the actor may open."""
    return (
        person.case_roles.filter(case__in=cases_for_actor(actor=actor))
        .select_related("case")
        .order_by("-case__opened_at")
    )
