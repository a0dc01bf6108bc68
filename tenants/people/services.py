"""Recording people once and linking them to cases in roles; editing them with a version check;
their placements abroad and their relations to each other."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.audit import audit_apply_changes
from hub.core.errors import Conflict, DomainError, version_check
from hub.core.outbox import domain_event_record
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import require_known_codes
from tenants.cases.models import CasePerson, PersonRole, Willingness
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.people.models import Gender, PassportHolder, Person, PersonRelation, Placement
from tenants.people.selectors import person_for_actor, person_subject

NIK = re.compile(r"^[0-9]{16}$")
MOST_PEOPLE_IN_A_GROUP = 1_000_000  # a union or a village, not a database overflow
MOST_MONTHLY_INCOME = 10**12  # rupiah
COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class PersonData:
    """What staff know about a person; everything may be left empty (an unknown perpetrator)."""

    display_name: str = ""
    name_variants: tuple[str, ...] = ()
    is_group: bool = False
    group_size: int | None = None
    gender: str = ""
    birth_date: date | None = None
    age: int | None = None
    phone: str = ""
    email: str = ""
    safe_contact: str = ""
    domicile: str = ""
    occupation: str = ""
    education: str = ""
    income_amount: int | None = None
    income_band: str = ""
    disabilities: tuple[str, ...] = ()
    language: str = ""
    needs_interpreter: bool = False
    nik: str = ""
    passport_number: str = ""
    passport_holder: str = ""


EDITABLE = tuple(f.name for f in fields(PersonData))


@dataclass(frozen=True)
class PlacementData:
    destination_country: str
    destination_city: str = ""
    employer_name: str = ""
    agency_name: str = ""
    procedural: bool | None = None
    departed_on: date | None = None
    returned_on: date | None = None
    document_status: str = ""


@dataclass(frozen=True)
class CaseRoleData:
    role: str
    legal_status: str = ""
    perpetrator_type: str = ""
    willingness: str = ""
    note: str = ""


def _refuse(field_name: str, message: str) -> None:
    raise DomainError(message, fields={field_name: [message]})


def _check_person(values: dict) -> None:
    """The rules of a person's data, whoever enters it (form, API, registration)."""
    if values.get("gender", "") not in Gender.values:
        _refuse("gender", _("Unknown gender."))
    if values.get("passport_holder", "") not in PassportHolder.values:
        _refuse("passport_holder", _("Unknown passport holder."))
    if values.get("nik") and not NIK.match(values["nik"]):
        _refuse("nik", _("A NIK has 16 digits."))
    birth_date = values.get("birth_date")
    if birth_date and birth_date > timezone.localdate():
        _refuse("birth_date", _("A birth date cannot be in the future."))
    age = values.get("age")
    if age is not None and not 0 <= age <= 120:
        _refuse("age", _("Give an age between 0 and 120."))
    size = values.get("group_size")
    if size is not None and not 1 <= size <= MOST_PEOPLE_IN_A_GROUP:
        _refuse("group_size", _("Give the number of people in the group."))
    income = values.get("income_amount")
    if income is not None and not 0 <= income <= MOST_MONTHLY_INCOME:
        _refuse("income_amount", _("Give the monthly income in rupiah."))
    for name, vocabulary in (
        ("occupation", Vocabulary.OCCUPATION),
        ("education", Vocabulary.EDUCATION),
        ("income_band", Vocabulary.INCOME_BAND),
    ):
        if values.get(name):
            require_known_codes(vocabulary=vocabulary, codes=[values[name]], field=name)
    require_known_codes(
        vocabulary=Vocabulary.DISABILITY,
        codes=list(values.get("disabilities") or ()),
        field="disabilities",
    )


def person_create(*, actor: Actor, data: PersonData) -> Person:
    """A new person record; callers link it to a case (a person exists through their cases)."""
    values = asdict(data)
    _check_person(values)
    values["name_variants"] = [v.strip() for v in data.name_variants if v.strip()]
    values["disabilities"] = list(data.disabilities)
    values["display_name"] = data.display_name.strip()
    return Person.objects.create(**values)


@transaction.atomic
def person_add_to_case(
    *,
    actor: Actor,
    case_id: object,
    link: CaseRoleData,
    person: PersonData | None = None,
    person_id: object = None,
) -> CasePerson:
    """Link an existing person (picked from the list) or a new one to the case in a role."""
    case = case_for_actor(actor=actor, case_id=case_id)
    policy.require(actor, Action.PERSON_ADD, case_subject(case))
    if link.role not in PersonRole.values:
        _refuse("role", _("Unknown role in a case."))
    if link.willingness not in Willingness.values:
        _refuse("willingness", _("Unknown answer."))
    if link.legal_status:
        require_known_codes(
            vocabulary=Vocabulary.LEGAL_STATUS, codes=[link.legal_status], field="legal_status"
        )
    if link.perpetrator_type:
        if link.role != PersonRole.PERPETRATOR:
            _refuse("perpetrator_type", _("Only a perpetrator has a perpetrator type."))
        require_known_codes(
            vocabulary=Vocabulary.PERPETRATOR_TYPE,
            codes=[link.perpetrator_type],
            field="perpetrator_type",
        )
    if (person is None) == (person_id is None):
        _refuse("person", _("Pick a person from the list or describe a new one, not both."))
    if person is not None:
        if not person.display_name.strip() and link.role != PersonRole.PERPETRATOR:
            _refuse("display_name", _("A name is required (only a perpetrator may be unknown)."))
        subject = person_create(actor=actor, data=person)
    else:
        subject = person_for_actor(actor=actor, person_id=person_id)
    if CasePerson.objects.filter(case=case, person=subject, role=link.role).exists():
        raise Conflict(_("This person already has that role in the case."))
    linked = CasePerson.objects.create(
        case=case,
        person=subject,
        role=link.role,
        legal_status=link.legal_status,
        perpetrator_type=link.perpetrator_type,
        willingness=link.willingness,
        note=link.note.strip(),
    )
    domain_event_record(
        actor=actor.audit,
        name="case.person_added",
        object_type="case",
        object_id=case.pk,
        detail={"person": subject.pk, "role": link.role, "new": person is not None},
    )
    return linked


@transaction.atomic
def person_update(*, actor: Actor, person_id: object, version: int, changes: dict) -> Person:
    """Edit a person; refused when someone saved a newer version since the form was opened."""
    found = person_for_actor(actor=actor, person_id=person_id)
    person = Person.objects.select_for_update().get(pk=found.pk)
    policy.require(actor, Action.PERSON_ADD, person_subject(person))
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        _refuse(sorted(unknown)[0], _("This field cannot be changed here."))
    version_check(
        current=person.version,
        sent=version,
        message=_(
            "Someone else saved this person after you opened the form. "
            "Reload to see their changes; nothing of yours was saved."
        ),
    )
    changes = {
        k: list(v) if isinstance(v, tuple) else v.strip() if isinstance(v, str) else v
        for k, v in changes.items()
    }
    _check_person({name: getattr(person, name) for name in EDITABLE} | changes)
    unnamed = "display_name" in changes and not changes["display_name"]
    if unnamed and person.case_roles.exclude(role=PersonRole.PERPETRATOR).exists():
        _refuse("display_name", _("A name is required (only a perpetrator may be unknown)."))
    detail = audit_apply_changes(person, changes)
    if not detail["after"]:
        return person  # nothing changed: no new version, nothing to audit
    person.version += 1
    person.save()
    domain_event_record(
        actor=actor.audit,
        name="person.updated",
        object_type="person",
        object_id=person.pk,
        detail=detail,
    )
    return person


@transaction.atomic
def placement_add(*, actor: Actor, person_id: object, data: PlacementData) -> Placement:
    person = person_for_actor(actor=actor, person_id=person_id)
    policy.require(actor, Action.PERSON_ADD, person_subject(person))
    if not COUNTRY.match(data.destination_country):
        _refuse("destination_country", _("Use a two-letter country code, e.g. HK."))
    if data.departed_on and data.returned_on and data.returned_on < data.departed_on:
        _refuse("returned_on", _("The return cannot be before the departure."))
    if data.document_status:
        require_known_codes(
            vocabulary=Vocabulary.LEGAL_STATUS,
            codes=[data.document_status],
            field="document_status",
        )
    placement = Placement.objects.create(person=person, **asdict(data))
    domain_event_record(
        actor=actor.audit,
        name="person.placement_added",
        object_type="person",
        object_id=person.pk,
        detail={"placement": placement.pk, "country": data.destination_country},
    )
    return placement


@transaction.atomic
def relation_add(
    *, actor: Actor, person_id: object, kind: str, other_id: object, note: str = ""
) -> PersonRelation:
    """Record how two people are related, e.g. the perpetrator is the victim's father."""
    person = person_for_actor(actor=actor, person_id=person_id)
    other = person_for_actor(actor=actor, person_id=other_id)
    policy.require(actor, Action.PERSON_ADD, person_subject(person))
    require_known_codes(vocabulary=Vocabulary.RELATION_TYPE, codes=[kind], field="kind")
    if person.pk == other.pk:
        _refuse("other_id", _("A person cannot be related to themselves."))
    if PersonRelation.objects.filter(person=person, kind=kind, other=other).exists():
        raise Conflict(_("This relation is already recorded."))
    relation = PersonRelation.objects.create(
        person=person, kind=kind, other=other, note=note.strip()
    )
    domain_event_record(
        actor=actor.audit,
        name="person.relation_added",
        object_type="person",
        object_id=person.pk,
        detail={"relation": relation.pk, "kind": kind, "other": other.pk},
    )
    return relation
