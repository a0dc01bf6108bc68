"""Reads of people: only people of cases the actor may open, the picker (newest first, by any
name) and the duplicate hints (similar name, same phone digits, NIK, birth date)."""

from __future__ import annotations

from datetime import date

import pytest

from hub.accounts.roles import Role
from hub.core.errors import NotFound
from tenants.cases.models import Case, CasePerson, PersonRole
from tenants.cases.registration import case_register
from tenants.cases.services import assignment_add
from tenants.people.models import Person
from tenants.people.selectors import (
    people_for_actor,
    person_duplicates,
    person_for_actor,
    person_picker,
)
from tests.builders import actor, member


@pytest.fixture
def head(in_a):
    return actor(in_a, Role.DIVISION_HEAD)


@pytest.fixture
def case(in_a):
    return case_register(actor=actor(in_a, Role.RECEPTIONIST), title="Kasus terbuka")


def _person(case: Case, name: str = "", role: str = PersonRole.VICTIM, **fields) -> Person:
    person = Person.objects.create(display_name=name, **fields)
    CasePerson.objects.create(case=case, person=person, role=role)
    return person


def _restricted_case(title="Kasus tertutup") -> Case:
    return Case.objects.create(number=f"R/{title}", title=title, restricted=True)


def _names(people) -> list[str]:
    return [p.display_name for p in people]


# Who sees whom


def test_people_only_in_a_restricted_case_are_hidden_from_unassigned_staff(org_a, case):
    _person(case, "Rina")
    _person(_restricted_case(), "Anak korban")
    lawyer = member(org_a, Role.CASE_LAWYER)
    assert _names(people_for_actor(actor=lawyer)) == ["Rina"]


def test_a_person_also_in_an_open_case_stays_visible(org_a, case):
    shared = _person(_restricted_case(), "Ibu korban")
    CasePerson.objects.create(case=case, person=shared, role=PersonRole.WITNESS)
    lawyer = member(org_a, Role.CASE_LAWYER)
    assert _names(people_for_actor(actor=lawyer)) == ["Ibu korban"]


def test_staff_assigned_to_the_restricted_case_and_the_kabid_see_its_people(org_a, head):
    restricted = _restricted_case()
    _person(restricted, "Anak korban")
    user = org_a.users[Role.COUNSELLOR]
    assignment_add(
        case=restricted, user_id=user.pk, user_label=user.email, role=Role.COUNSELLOR, by=head
    )
    assert _names(people_for_actor(actor=member(org_a, Role.COUNSELLOR))) == ["Anak korban"]
    assert _names(people_for_actor(actor=head)) == ["Anak korban"]


def test_a_person_in_no_case_is_seen_by_nobody(head):
    Person.objects.create(display_name="Tanpa kasus")
    assert list(people_for_actor(actor=head)) == []


def test_a_hidden_person_and_a_missing_one_answer_the_same_404(org_a, in_a):
    hidden = _person(_restricted_case(), "Anak korban")
    lawyer = member(org_a, Role.CASE_LAWYER)
    for person_id in (hidden.pk, 999999, "abc", None):
        with pytest.raises(NotFound):
            person_for_actor(actor=lawyer, person_id=person_id)


# The picker


def test_the_picker_lists_the_newest_first(head, case):
    for name in ("Pertama", "Kedua", "Ketiga"):
        _person(case, name)
    assert _names(person_picker(actor=head)) == ["Ketiga", "Kedua", "Pertama"]


def test_the_picker_finds_a_person_by_name_or_name_variant_in_any_case(head, case):
    _person(case, "Siti Aminah", name_variants=["Siti binti Karim"])
    _person(case, "Karim Santoso")
    _person(case, "Budi")
    assert _names(person_picker(actor=head, q="aminah")) == ["Siti Aminah"]
    assert _names(person_picker(actor=head, q="KARIM")) == ["Karim Santoso", "Siti Aminah"]


def test_the_picker_needs_every_word_of_the_search(head, case):
    _person(case, "Siti Aminah")
    _person(case, "Siti Rahma")
    assert _names(person_picker(actor=head, q="siti rahma")) == ["Siti Rahma"]


def test_the_picker_does_not_offer_people_the_actor_may_not_see(org_a, case):
    _person(_restricted_case(), "Siti Tertutup")
    _person(case, "Siti Terbuka")
    lawyer = member(org_a, Role.CASE_LAWYER)
    assert _names(person_picker(actor=lawyer, q="siti")) == ["Siti Terbuka"]


# Duplicate hints


def test_a_similar_name_is_a_duplicate_hint(head, case):
    _person(case, "Sity Aminah")
    _person(case, "Budi Santoso")
    assert _names(person_duplicates(actor=head, name="Siti Aminah")) == ["Sity Aminah"]


def test_the_most_similar_name_comes_first(head, case):
    _person(case, "Siti Aminah Binti Ahmad")
    _person(case, "Aminah Siti")
    assert _names(person_duplicates(actor=head, name="Siti Aminah")) == [
        "Aminah Siti",
        "Siti Aminah Binti Ahmad",
    ]


def test_the_same_phone_digits_match_despite_formatting(head, case):
    _person(case, "Rina", phone="+62 812-3456-7890")
    _person(case, "Lain", phone="+62 812-0000-0000")
    assert _names(person_duplicates(actor=head, phone="081234567890")) == ["Rina"]
    assert _names(person_duplicates(actor=head, phone="(0812) 3456 7890")) == ["Rina"]


def test_the_phone_match_compares_the_last_eight_digits(head, case):
    # Country and trunk prefixes differ; the last 8 digits carry the subscriber number.
    _person(case, "Rina", phone="+852 5123 4567 8")
    assert _names(person_duplicates(actor=head, phone="0051234568")) == []
    assert _names(person_duplicates(actor=head, phone="99 5123 4567 8")) == ["Rina"]


def test_fewer_than_eight_phone_digits_match_nobody(head, case):
    _person(case, "Rina", phone="1234567")
    assert list(person_duplicates(actor=head, phone="1234567")) == []


def test_the_same_nik_is_a_duplicate_hint_whatever_the_name(head, case):
    _person(case, "Rina", nik="3212345678901234")
    assert _names(person_duplicates(actor=head, name="Budi Santoso", nik="3212345678901234")) == [
        "Rina"
    ]


def test_the_same_birth_date_with_a_somewhat_similar_name_is_a_hint(head, case):
    # "Siti Rahma" is only 0.28 similar to "Siti Aminah": too little alone, enough with the date.
    _person(case, "Siti Rahma", birth_date=date(1990, 5, 1))
    assert list(person_duplicates(actor=head, name="Siti Aminah")) == []
    assert _names(
        person_duplicates(actor=head, name="Siti Aminah", birth_date=date(1990, 5, 1))
    ) == ["Siti Rahma"]


def test_the_same_birth_date_with_an_unrelated_name_is_no_hint(head, case):
    _person(case, "Budi Santoso", birth_date=date(1990, 5, 1))
    assert (
        list(person_duplicates(actor=head, name="Siti Aminah", birth_date=date(1990, 5, 1))) == []
    )


def test_no_clue_gives_no_hint(head, case):
    _person(case, "Rina", phone="081234567890")
    assert list(person_duplicates(actor=head)) == []


def test_duplicate_hints_leave_out_people_the_actor_may_not_see(org_a, case):
    _person(_restricted_case(), "Siti Aminah", nik="3212345678901234")
    lawyer = member(org_a, Role.CASE_LAWYER)
    hints = person_duplicates(actor=lawyer, name="Siti Aminah", nik="3212345678901234")
    assert list(hints) == []
