"""People services: recording a person once, linking them to a case in a role, editing with a
version check, placements abroad and relations; every refusal says why and writes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from hub.accounts.roles import ORGANISATION_ROLES, Role
from hub.core.errors import DomainError
from hub.core.models import AuditEvent
from tenants.cases.models import CasePerson, PersonRole
from tenants.cases.registration import Intake, case_register
from tenants.cases.services import assignment_add
from tenants.people.models import Person, PersonRelation, Placement
from tenants.people.services import (
    CaseRoleData,
    PersonData,
    PlacementData,
    person_add_to_case,
    person_create,
    person_update,
    placement_add,
    relation_add,
)
from tests.builders import actor, member

# Who may add people (policy PERSON_ADD): the Kabid and the system on any case; the staff who
# work on cases only on a case they are assigned to.
ALWAYS = {Role.DIVISION_HEAD}
WHEN_ASSIGNED = {
    Role.CONSULTATION_LAWYER,
    Role.CONSULTATION_ASSISTANT,
    Role.CASE_LAWYER,
    Role.CASE_ASSISTANT,
    Role.PARALEGAL,
    Role.COUNSELLOR,
    Role.MEDIATOR,
    Role.COMPANION,
}


@pytest.fixture
def head(in_a):
    return actor(in_a, Role.DIVISION_HEAD)


@pytest.fixture
def case(in_a):
    return case_register(actor=actor(in_a, Role.RECEPTIONIST), title="Kasus orang")


def _assign(org, case, role):
    user = org.users[role]
    assignment_add(
        case=case,
        user_id=user.pk,
        user_label=user.email,
        role=role,
        by=actor(org.organisation, Role.DIVISION_HEAD),
    )


def _rows():
    return (
        Person.objects.count(),
        CasePerson.objects.count(),
        Placement.objects.count(),
        PersonRelation.objects.count(),
        AuditEvent.objects.count(),
    )


def _add(who, case, role=PersonRole.VICTIM, name="Siti Aminah", **link):
    return person_add_to_case(
        actor=who,
        case_id=case.pk,
        link=CaseRoleData(role=role, **link),
        person=PersonData(display_name=name),
    )


def _refused(call, *, field=None, code=None, status=None) -> DomainError:
    """The call is refused (with the field named and the code, when given) and writes nothing."""
    before = _rows()
    with pytest.raises(DomainError) as refused:
        call()
    error = refused.value
    assert error.message
    if field is not None:
        assert field in error.fields, error.fields
    if code is not None:
        assert error.code == code, error.code
    if status is not None:
        assert error.status == status
    assert _rows() == before
    return error


# Recording a person


def test_a_person_is_recorded_once_with_a_trimmed_name_and_no_blank_variants(head):
    person = person_create(
        actor=head,
        data=PersonData(
            display_name="  Siti Aminah ",
            name_variants=(" Siti binti Karim ", "  ", "Aminah"),
            disabilities=("physical",),
        ),
    )
    person.refresh_from_db()
    assert person.display_name == "Siti Aminah"
    assert person.name_variants == ["Siti binti Karim", "Aminah"]
    assert (person.disabilities, person.version) == (["physical"], 1)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"gender": "robot"}, "gender"),
        ({"passport_holder": "nobody"}, "passport_holder"),
        ({"age": 130}, "age"),
    ],
)
def test_a_person_with_an_impossible_value_is_refused(head, data, field):
    _refused(lambda: person_create(actor=head, data=PersonData(**data)), field=field, status=400)


# Adding people to a case


def test_a_described_person_is_created_and_linked_in_the_role(head, case):
    link = _add(head, case, role=PersonRole.VICTIM, legal_status="undocumented", note=" Saksi ")
    assert (link.role, link.legal_status, link.note) == ("victim", "undocumented", "Saksi")
    assert link.person.display_name == "Siti Aminah"
    audit = AuditEvent.objects.get(action="case.person_added")
    assert audit.detail == {"person": link.person_id, "role": "victim", "new": True}


def test_a_person_picked_from_the_list_is_linked_in_another_role(head, case):
    first = _add(head, case, role=PersonRole.VICTIM)
    second = person_add_to_case(
        actor=head,
        case_id=case.pk,
        link=CaseRoleData(role=PersonRole.WITNESS),
        person_id=first.person_id,
    )
    assert second.person_id == first.person_id
    assert Person.objects.count() == 1
    assert sorted(case.roles.values_list("role", flat=True)) == ["victim", "witness"]


def test_an_unknown_perpetrator_without_a_name_is_allowed(head, case):
    link = person_add_to_case(
        actor=head,
        case_id=case.pk,
        link=CaseRoleData(role=PersonRole.PERPETRATOR, perpetrator_type="recruiter"),
        person=PersonData(display_name="   "),
    )
    assert link.person.display_name == ""
    assert link.perpetrator_type == "recruiter"


@pytest.mark.parametrize("role", sorted(set(PersonRole.values) - {PersonRole.PERPETRATOR}))
def test_a_blank_name_in_any_other_role_is_refused_naming_display_name(head, case, role):
    _refused(lambda: _add(head, case, role=role, name="  "), field="display_name", status=400)


def test_a_perpetrator_type_is_refused_for_anyone_but_a_perpetrator(head, case):
    _refused(
        lambda: _add(head, case, role=PersonRole.VICTIM, perpetrator_type="employer"),
        field="perpetrator_type",
        status=400,
    )


@pytest.mark.parametrize(
    ("field", "person", "link"),
    [
        ("occupation", {"occupation": "astronaut"}, {}),
        ("education", {"education": "phd_in_nothing"}, {}),
        ("income_band", {"income_band": "billions"}, {}),
        ("disabilities", {"disabilities": ("physical", "invisible")}, {}),
        ("legal_status", {}, {"legal_status": "royalty"}),
        ("perpetrator_type", {}, {"role": PersonRole.PERPETRATOR, "perpetrator_type": "alien"}),
    ],
)
def test_an_unknown_code_is_refused_naming_the_field(head, case, field, person, link):
    call = lambda: person_add_to_case(  # noqa: E731
        actor=head,
        case_id=case.pk,
        link=CaseRoleData(**{"role": PersonRole.VICTIM, **link}),
        person=PersonData(display_name="Rina", **person),
    )
    _refused(call, field=field, code="unknown_code", status=400)


def test_known_codes_are_kept_on_the_person_and_the_link(head, case):
    link = person_add_to_case(
        actor=head,
        case_id=case.pk,
        link=CaseRoleData(role=PersonRole.VICTIM, legal_status="undocumented"),
        person=PersonData(
            display_name="Rina",
            occupation="domestic_worker",
            education="smp",
            income_band="under_1m",
            disabilities=("physical",),
        ),
    )
    person = link.person
    assert (person.occupation, person.education, person.income_band) == (
        "domestic_worker",
        "smp",
        "under_1m",
    )
    assert person.disabilities == ["physical"]


@pytest.mark.parametrize("nik", ["123", "12345678901234567", "32010123456789ab"])
def test_a_nik_that_is_not_16_digits_is_refused(head, case, nik):
    call = lambda: person_add_to_case(  # noqa: E731
        actor=head,
        case_id=case.pk,
        link=CaseRoleData(role=PersonRole.VICTIM),
        person=PersonData(display_name="Rina", nik=nik),
    )
    _refused(call, field="nik", status=400)


def test_a_birth_date_in_the_future_is_refused(head, case):
    tomorrow = timezone.localdate() + timedelta(days=1)
    call = lambda: person_add_to_case(  # noqa: E731
        actor=head,
        case_id=case.pk,
        link=CaseRoleData(role=PersonRole.VICTIM),
        person=PersonData(display_name="Rina", birth_date=tomorrow),
    )
    _refused(call, field="birth_date", status=400)


def test_picking_and_describing_a_person_at_once_is_refused(head, case):
    first = _add(head, case)
    call = lambda: person_add_to_case(  # noqa: E731
        actor=head,
        case_id=case.pk,
        link=CaseRoleData(role=PersonRole.WITNESS),
        person=PersonData(display_name="Rina"),
        person_id=first.person_id,
    )
    _refused(call, field="person", status=400)


def test_neither_picking_nor_describing_a_person_is_refused(head, case):
    call = lambda: person_add_to_case(  # noqa: E731
        actor=head, case_id=case.pk, link=CaseRoleData(role=PersonRole.WITNESS)
    )
    _refused(call, field="person", status=400)


def test_a_person_already_in_that_role_is_409(head, case):
    first = _add(head, case)
    call = lambda: person_add_to_case(  # noqa: E731
        actor=head,
        case_id=case.pk,
        link=CaseRoleData(role=PersonRole.VICTIM),
        person_id=first.person_id,
    )
    _refused(call, status=409)


def test_an_unknown_role_in_the_case_is_refused_naming_role(head, case):
    _refused(lambda: _add(head, case, role="bystander"), field="role", status=400)


@pytest.mark.parametrize(
    ("role", "assigned"),
    [(role, False) for role in sorted(ORGANISATION_ROLES)]
    + [(role, True) for role in sorted(WHEN_ASSIGNED)],
)
def test_only_the_kabid_or_assigned_staff_add_people(org_a, case, role, assigned):
    if assigned:
        _assign(org_a, case, role)
    who = member(org_a, role)
    if role in ALWAYS or (assigned and role in WHEN_ASSIGNED):
        assert _add(who, case).case_id == case.pk
    else:
        _refused(lambda: _add(who, case), code="role_not_allowed", status=403)


def test_the_system_adds_people_to_any_case(in_a, case):
    assert _add(actor(in_a, Role.SYSTEM), case).case_id == case.pk


def test_people_cannot_be_added_to_a_restricted_case_by_unassigned_staff(org_a, in_a, head, case):
    case.restricted = True
    case.save()
    _assign(org_a, case, Role.CASE_ASSISTANT)
    _refused(lambda: _add(member(org_a, Role.CASE_LAWYER), case), status=404)
    assert _add(member(org_a, Role.CASE_ASSISTANT), case).case_id == case.pk


# Editing a person


def test_an_update_bumps_the_version_and_audits_before_and_after(head, case):
    person = _add(head, case, name="Siti").person
    updated = person_update(
        actor=head,
        person_id=person.pk,
        version=1,
        changes={"display_name": "Siti Aminah", "birth_date": date(1990, 5, 1), "phone": ""},
    )
    assert (updated.display_name, updated.birth_date, updated.version) == (
        "Siti Aminah",
        date(1990, 5, 1),
        2,
    )
    audit = AuditEvent.objects.get(action="person.updated")
    assert audit.object_id == str(person.pk)
    assert audit.detail == {
        "before": {"display_name": "Siti", "birth_date": None},
        "after": {"display_name": "Siti Aminah", "birth_date": "1990-05-01"},
    }


def test_a_stale_update_is_409_stale_version_and_changes_nothing(head, case):
    person = _add(head, case, name="Siti").person
    person_update(actor=head, person_id=person.pk, version=1, changes={"domicile": "Indramayu"})
    call = lambda: person_update(  # noqa: E731
        actor=head, person_id=person.pk, version=1, changes={"display_name": "Sri"}
    )
    _refused(call, code="stale_version", status=409)
    person.refresh_from_db()
    assert (person.display_name, person.domicile, person.version) == ("Siti", "Indramayu", 2)


@pytest.mark.parametrize("field", ["version", "guardian", "created_at", "no_such_field"])
def test_an_update_of_a_field_that_is_not_editable_is_refused(head, case, field):
    person = _add(head, case).person
    call = lambda: person_update(  # noqa: E731
        actor=head, person_id=person.pk, version=1, changes={field: None}
    )
    _refused(call, field=field, status=400)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"occupation": "astronaut"}, "occupation"),
        ({"nik": "12345"}, "nik"),
        ({"birth_date": timezone.localdate() + timedelta(days=30)}, "birth_date"),
        ({"disabilities": ["invisible"]}, "disabilities"),
    ],
)
def test_an_update_is_checked_like_a_new_person_and_changes_nothing(head, case, changes, field):
    person = _add(head, case).person
    _refused(
        lambda: person_update(actor=head, person_id=person.pk, version=1, changes=changes),
        field=field,
        status=400,
    )
    person.refresh_from_db()
    assert person.version == 1


def test_a_receptionist_cannot_edit_a_person(org_a, head, case):
    person = _add(head, case).person
    call = lambda: person_update(  # noqa: E731
        actor=member(org_a, Role.RECEPTIONIST),
        person_id=person.pk,
        version=1,
        changes={"display_name": "Sri"},
    )
    _refused(call, code="role_not_allowed", status=403)


def test_an_edit_cannot_blank_the_name_of_someone_who_is_not_a_perpetrator(head, case):
    person = _add(head, case, role=PersonRole.VICTIM, name="Rina").person
    _refused(
        lambda: person_update(
            actor=head, person_id=person.pk, version=1, changes={"display_name": "  "}
        ),
        field="display_name",
        status=400,
    )


def test_an_edit_may_leave_an_unknown_perpetrator_without_a_name(head, case):
    person = _add(head, case, role=PersonRole.PERPETRATOR, name="Calo").person
    updated = person_update(
        actor=head, person_id=person.pk, version=1, changes={"display_name": ""}
    )
    assert updated.display_name == ""


# Placements abroad


def test_a_placement_is_recorded_and_audited(head, case):
    person = _add(head, case).person
    placement = placement_add(
        actor=head,
        person_id=person.pk,
        data=PlacementData(
            destination_country="MY",
            destination_city="Kuala Lumpur",
            agency_name="PT Maju Jaya",
            procedural=False,
            departed_on=date(2023, 1, 10),
            returned_on=date(2024, 2, 1),
            document_status="undocumented",
        ),
    )
    assert list(person.placements.all()) == [placement]
    assert placement.document_status == "undocumented"
    assert AuditEvent.objects.filter(action="person.placement_added").count() == 1


def test_a_return_before_the_departure_is_refused(head, case):
    person = _add(head, case).person
    data = PlacementData(
        destination_country="MY", departed_on=date(2024, 1, 10), returned_on=date(2023, 1, 1)
    )
    _refused(
        lambda: placement_add(actor=head, person_id=person.pk, data=data),
        field="returned_on",
        status=400,
    )


def test_an_unknown_document_status_is_refused_naming_document_status(head, case):
    person = _add(head, case).person
    data = PlacementData(destination_country="MY", document_status="lost_in_space")
    _refused(
        lambda: placement_add(actor=head, person_id=person.pk, data=data),
        field="document_status",
        code="unknown_code",
    )


@pytest.mark.parametrize("country", ["my", "MYS", "", "M1"])
def test_a_destination_that_is_not_a_country_code_is_refused(head, case, country):
    person = _add(head, case).person
    _refused(
        lambda: placement_add(
            actor=head, person_id=person.pk, data=PlacementData(destination_country=country)
        ),
        field="destination_country",
    )


def test_a_receptionist_cannot_record_a_placement(org_a, head, case):
    person = _add(head, case).person
    call = lambda: placement_add(  # noqa: E731
        actor=member(org_a, Role.RECEPTIONIST),
        person_id=person.pk,
        data=PlacementData(destination_country="MY"),
    )
    _refused(call, code="role_not_allowed", status=403)


# Relations between people


def _two_people(head, case):
    victim = _add(head, case, role=PersonRole.VICTIM, name="Rina").person
    father = _add(head, case, role=PersonRole.PERPETRATOR, name="Pak Darto").person
    return victim, father


def test_a_relation_is_recorded_from_one_person_to_another(head, case):
    victim, father = _two_people(head, case)
    relation = relation_add(
        actor=head, person_id=father.pk, kind="parent", other_id=victim.pk, note=" ayah "
    )
    assert (relation.person, relation.kind, relation.other, relation.note) == (
        father,
        "parent",
        victim,
        "ayah",
    )
    assert AuditEvent.objects.filter(action="person.relation_added").count() == 1


def test_a_relation_to_oneself_is_refused(head, case):
    victim, _father = _two_people(head, case)
    _refused(
        lambda: relation_add(actor=head, person_id=victim.pk, kind="friend", other_id=victim.pk),
        field="other_id",
        status=400,
    )


def test_the_same_relation_twice_is_409(head, case):
    victim, father = _two_people(head, case)
    relation_add(actor=head, person_id=father.pk, kind="parent", other_id=victim.pk)
    _refused(
        lambda: relation_add(actor=head, person_id=father.pk, kind="parent", other_id=victim.pk),
        status=409,
    )


def test_an_unknown_relation_kind_is_refused_naming_kind(head, case):
    victim, father = _two_people(head, case)
    _refused(
        lambda: relation_add(actor=head, person_id=father.pk, kind="nemesis", other_id=victim.pk),
        field="kind",
        code="unknown_code",
    )


def test_a_relation_to_someone_the_actor_cannot_see_is_404(org_a, in_a, head, case):
    victim, _father = _two_people(head, case)
    hidden_case = case_register(
        actor=head,
        title="Kasus tertutup",
        complainant=PersonData(display_name="Anak"),
        intake=Intake(restricted=True),
    )
    hidden = hidden_case.roles.get().person
    _assign(org_a, case, Role.CASE_LAWYER)
    lawyer = member(org_a, Role.CASE_LAWYER)
    _refused(
        lambda: relation_add(actor=lawyer, person_id=victim.pk, kind="sibling", other_id=hidden.pk),
        status=404,
    )
